"""The command-line interface: options in, a request to the core, an exit code out.

Typer lives here and nowhere else; the commands import what they render with
only when they run, so `cxgap --version` and `--help` stay fast.
"""

from cxgap.cli.run import main, run

__all__ = ["main", "run"]

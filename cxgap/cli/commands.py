"""Importing this module registers every command on the app."""

from cxgap.cli import analyze_cmd, check_cmd, diff_cmd, handout_cmd, sources_cmd, spec_cmds  # noqa: F401

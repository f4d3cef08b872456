"""The entry point: runs the Typer app and maps every outcome to an exit code.

0 success, 1 gate failed, 2 bad input or usage (a message, never a
traceback), 3 internal error (one line; the trace with ``--traceback``).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import traceback as tb
from collections.abc import Callable, Sequence

from cxgap.atomic import Terminated, forget_inputs, handle_termination, protect_arguments
from cxgap.problems import InputError, UsageError, capped, one_line
from cxgap.streams import guard_standard_streams

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


def report_problems(err: InputError) -> None:
    for problem in capped(err.problems):
        sys.stderr.write(f"{problem}\n")


def main(argv: list[str] | None = None) -> None:
    guard_standard_streams()
    handle_termination()
    code = run(argv)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except OSError as exc:  # e.g. `cxgap ... > /dev/full`
        from cxgap.i18n import catalog, os_reason, speaking

        lang = _language(sys.argv[1:] if argv is None else argv)
        with speaking(lang):
            c = catalog(lang)
            sys.stderr.write(c.t("cli.error", message=c.t("write.stdout", reason=os_reason(exc))) + "\n")
        _quiet_stdout()
        code = EXIT_INPUT
    sys.exit(code)


def run(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # pydantic looks for plugins in the entry points of every installed
    # distribution when it builds the spec models: tens of milliseconds of a
    # pre-commit run, for plugins a command-line tool does not use. Setting
    # the variable yourself (even empty) keeps your choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A command is one short-lived pass over trees of fresh objects without
    # reference cycles: the cyclic collector would only walk them over and over
    # (a third of the run time on a 10,000-touchpoint spec). Reference counting
    # still frees everything as usual.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if gc_was_enabled:
            gc.enable()


def _run(args: list[str]) -> int:
    from cxgap.cli.fast import parse_validate, validate_files

    forget_inputs()

    def start() -> int:
        protect_arguments(args)
        plain = parse_validate(args)
        if plain is not None:  # the hot path of pre-commit and CI: no Typer to load
            return validate_files(*plain)
        return _typer_main(args)

    return _guarded(start, "--traceback" in args, args)


def _lang_flag(args: Sequence[str]) -> str | None:
    """The value of --lang/-l on the command line, if it names a language (Typer checks it properly)."""
    from cxgap.language import LANGS

    found = None
    for i, arg in enumerate(args):  # the last one wins, as with every option
        if arg == "--":  # what follows is paths
            break
        value = arg.partition("=")[2] if arg.startswith("--lang=") else (
            args[i + 1] if arg in ("--lang", "-l") and i + 1 < len(args) else None)
        if value in LANGS:
            found = value
    return found


def _language(args: Sequence[str]) -> str:
    """The run's language where no command set it: --lang, CXGAP_LANG, the locale (when CXGAP_LANG names no
    language, the locale's)."""
    from cxgap.language import from_locale

    try:
        return _speaking(args)[0]
    except UsageError:
        return from_locale(os.environ)


def _speaking(args: Sequence[str]) -> tuple[str, bool]:
    """The language of the run's messages, and whether --lang chose it (a spec's journey.lang cannot
    override that); raises UsageError for a CXGAP_LANG that names no language."""
    from cxgap.language import from_environment

    flag = _lang_flag(args)
    return (flag, True) if flag else (from_environment(os.environ), False)


def _typer_main(args: list[str]) -> int:
    import typer
    from typer.main import get_command

    from cxgap.cli import commands  # noqa: F401  (registers every command)
    from cxgap.cli.app import app, settings
    from cxgap.cli.clitext import localise, usage_error_text
    from cxgap.i18n import messages

    # Typer may use click itself or a vendored copy: find its usage-error class either way.
    click_error: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
    settings["traceback"] = "--traceback" in args
    command = get_command(app)
    localise(command)  # usage and --help in the run's language
    try:
        result = command.main(args=args, prog_name="cxgap", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        sys.stderr.write(messages().t("cli.aborted") + "\n")
        return 130
    except click_error as exc:
        sys.stderr.write(usage_error_text(exc))
        return EXIT_INPUT
    return int(result or 0)


def _guarded(command: Callable[[], int], show_trace: bool,  # noqa: C901 - one flat `except` per way a run ends
             args: Sequence[str] = ()) -> int:
    """Run a command, turning every way it can end into an exit code and a message (in the run's language:
    --lang, else the environment's)."""
    from cxgap.i18n import catalog, speaking

    try:
        lang, explicit = _speaking(args)
    except UsageError as exc:  # CXGAP_LANG names no language: said in the locale's
        sys.stderr.write(catalog(_language(args)).t("cli.error", message=one_line(str(exc))) + "\n")
        return EXIT_INPUT
    c = catalog(lang)
    try:
        with speaking(lang, explicit):
            return command()
    except InputError as exc:
        report_problems(exc)
        return EXIT_INPUT
    except UsageError as exc:  # messages name paths: printed escaped, never raw (see display_name)
        sys.stderr.write(catalog(exc.lang or lang).t("cli.error", message=one_line(str(exc))) + "\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        sys.stderr.write(c.t("cli.interrupted") + "\n")
        return 130
    except Terminated as exc:
        sys.stderr.write(c.t("cli.terminated", signal=signal.Signals(exc.signum).name) + "\n")
        return 128 + exc.signum
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_INPUT  # the reader left before the verdict was known: never report success
    except MemoryError:
        sys.stderr.write(c.t("cli.error", message=c.t("cli.out_of_memory")) + "\n")
        return EXIT_INPUT
    except RecursionError:
        sys.stderr.write(c.t("cli.error", message=c.t("cli.too_deep")) + "\n")
        return EXIT_INPUT
    except OSError as exc:  # the system refused a read or write (full disk, closed stdout, ...): not a bug
        from cxgap.i18n import os_reason

        where = f": {exc.filename}" if exc.filename else ""
        with speaking(lang, explicit):
            reason = os_reason(exc)
        sys.stderr.write(c.t("cli.error", message=one_line(f"{reason}{where}")) + "\n")
        return EXIT_INPUT
    except Exception as exc:  # noqa: BLE001 - the last line of defence: exit 3, never a bare traceback
        if show_trace:
            tb.print_exc()
        sys.stderr.write(c.t("cli.internal", error=f"{type(exc).__name__}: {str(exc)[:200]}") + "\n")
        return EXIT_INTERNAL


def _quiet_stdout() -> None:
    """After a closed pipe (`cxgap ... | head`), stop Python complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass

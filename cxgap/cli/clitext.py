"""The command line's own words in the run's language: usage errors and the fixed words of --help.

Typer carries its own copy of Click, whose texts are English f-strings (no
gettext to hook), so cxgap words them itself, at the two places they reach the
user, and leaves Typer alone:

* **Usage errors.** :func:`usage_error_text` writes what Click's
  ``UsageError.show`` writes (the usage line, the help hint, ``Error: ...``),
  each part from the catalogs (``click.*``). The message is built from the
  exception's own data (``NoSuchOption.option_name``, ``MissingParameter``'s
  parameter, ``BadParameter``'s hint), or matched against Click's known
  texts; one it does not know is shown as Click wrote it.
* **--help.** :func:`localise` gives each command of the app a context class
  whose help formatter words the usage prefix, the section headings
  (Arguments, Options, Commands), the help option's line and the ``[default:
  ...]`` / ``[required]`` notes and the value types (``<str>``, ``<int range>``),
  and sets the ``[OPTIONS]`` and ``COMMAND [ARGS]...`` placeholders. Arguments
  are written as Click writes them (``PATHS...``, ``BASE HEAD``, ``[FILE]``) in
  the usage line and in a missing-argument error, where Typer's own would
  print ``{paths}...`` and ``'paths'``. The
  commands' and options' own help texts are catalog texts too (``help.*``,
  English included): :func:`localise` puts them on the commands before Click
  renders anything. Chinese lines are wrapped by display width (a Chinese
  character takes two columns, and may break anywhere but before closing
  punctuation), English exactly as Click wraps it.

The language is the one the run speaks already (``--lang`` read from the
command line before Typer starts, then ``CXGAP_LANG``, then the locale).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from cxgap.cjk import display_width, has_cjk, wrap
from cxgap.i18n import Catalog, messages

_HEADINGS = {"Arguments": "click.heading.arguments", "Options": "click.heading.options",
             "Commands": "click.heading.commands"}
_ROW_TEXTS = {"Show this message and exit.": "click.help_option"}
_NOTE = re.compile(r"\[([^\[\]]*)\]$")
_TYPES = {"str": "click.type.str", "int": "click.type.int", "float": "click.type.float",
          "int range": "click.type.int_range", "float range": "click.type.float_range",
          "list[str]": "click.type.list_str"}
_TYPE = re.compile(r"<(str|int|float|int range|float range|list\[str\])>((?:\.\.\.)?)$")
"""The value types Typer writes after an option (``--width <int range>``), by catalog key."""

_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), key) for p, key in (
    (r"Got unexpected extra arguments? \((?P<args>.*)\)", "click.extra_arguments"),
    (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", "click.extra_arguments"),
    (r"Option (?P<name>.+) requires an argument\.", "click.requires_argument"),
    (r"Option (?P<name>.+) does not take a value\.", "click.takes_no_value"),
    (r"No such command (?P<name>'.*?')\.(?: Did you mean (?P<suggestions>.+)\?)?", "click.no_such_command"),
    (r"Missing command\.", "click.missing_command"),
    (r"Input should be a valid number.*", "click.not_a_number"),
    (r"Input should be a valid integer.*", "click.not_an_integer"),
    (r"Input should be greater than or equal to (?P<limit>\S+)", "click.at_least"),
    (r"Input should be less than or equal to (?P<limit>\S+)", "click.at_most"),
    (r"Input should be greater than (?P<limit>\S+)", "click.greater_than"),
    (r"Input should be less than (?P<limit>\S+)", "click.less_than"),
    (r"Value error, (?P<value>'[^']*') is not one of (?P<choices>'.*')\.", "click.not_one_of"),
))
"""Click's texts that carry no data of their own -> catalog key (named groups fill its placeholders)."""


def _class_names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _hint(exc: Any) -> str | None:
    """The parameter a BadParameter or MissingParameter is about, as Click names it."""
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        try:
            hint = exc.param.get_error_hint()  # Typer's copy of Click
        except TypeError:
            hint = exc.param.get_error_hint(exc.ctx)  # Click itself
    if hint is None:
        return None
    if isinstance(hint, str):
        return hint
    return " / ".join(repr(h) for h in hint)


def _known(message: str) -> str:
    c = messages()
    for pattern, key in _MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            params = {k: v for k, v in match.groupdict().items() if v is not None}
            for name in ("choices", "suggestions"):  # Click's lists ('a', 'b'), with the language's separator
                if name in params:
                    params[name] = c.join(params[name].split(", "))
            if key == "click.no_such_command" and "suggestions" in params:
                return c.t("click.no_such_command_suggest", **params)
            return c.t(key, **{k: v for k, v in params.items() if k != "suggestions"})
    return message


def message_text(exc: Any) -> str:
    """The message of a Click usage error in the run's language (unknown ones as Click wrote them)."""
    c = messages()
    names = _class_names(exc)
    if "NoSuchOption" in names:
        text = c.t("click.no_such_option", name=exc.option_name)
        if exc.possibilities:
            text += c.t("click.possible_options", options=c.join(sorted(exc.possibilities)))  # its own space
        return text
    if "MissingParameter" in names:
        if exc.message or (exc.param is not None and exc.param.get_missing_message(ctx=exc.ctx)):
            return str(exc.format_message())
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        hint = _hint(exc)
        what = c.t(f"click.param.{kind}") if c.has(f"click.param.{kind}") else kind
        return c.t("click.missing_named", what=what, hint=hint) if hint else c.t("click.missing", what=what)
    message = _known(str(exc.message))
    if "BadParameter" in names:
        hint = _hint(exc)
        return c.t("click.invalid_value_for", hint=hint, message=message) if hint else c.t(
            "click.invalid_value", message=message)
    return message


def usage_error_text(exc: Any) -> str:
    """What Click's ``UsageError.show`` prints, in the run's language."""
    c = messages()
    out = ""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = c.t("click.try_help", command=ctx.command_path, option=ctx.help_option_names[0]) + "\n"
        out = f"{ctx.get_usage()}\n{hint}\n"
    return out + c.t("click.error", message=message_text(exc)) + "\n"


def _note(text: str) -> str:
    """``... [default: text; required]`` with its words in the run's language."""
    match = _NOTE.search(text)
    if not match:
        return text
    c = messages()
    parts = []
    for part in match.group(1).split("; "):
        if part == "required":
            parts.append(c.t("click.required"))
        elif part.startswith("default: "):
            parts.append(c.t("click.default", value=part.removeprefix("default: ")))
        elif part.startswith("env var: "):
            parts.append(c.t("click.env_var", var=part.removeprefix("env var: ")))
        else:
            parts.append(part)
    return text[: match.start()] + "[" + c.t("click.note_sep").join(parts) + "]"


def _term(text: str) -> str:
    """An option's or argument's name column with its value type in the run's language."""
    match = _TYPE.search(text)
    if not match:
        return text
    return f"{text[: match.start()]}<{messages().t(_TYPES[match.group(1)])}>{match.group(2)}"


def _wrapped(text: str, width: int) -> list[str]:
    """Chinese help text in lines of at most ``width`` columns, paragraph breaks kept as empty lines."""
    out: list[str] = []
    for paragraph in text.split("\n\n"):
        if out:
            out.append("")
        out.extend(wrap(paragraph, width))
    return out


def _definitions(rows: Sequence[tuple[str, str]], width: int, indent: int, col_max: int, col_spacing: int) -> str:
    """Click's definition list (options, commands) with Chinese in it, laid out in terminal columns."""
    first = min(max(display_width(term) for term, _ in rows), col_max) + col_spacing
    pad = " " * (first + indent)
    out = []
    for term, text in rows:
        out.append(f"{'':>{indent}}{term}")
        if not text:
            out.append("\n")
            continue
        out.append(" " * (first - display_width(term)) if display_width(term) <= first - col_spacing else "\n" + pad)
        lines = _wrapped(text, max(width - first - 2, 10)) or [""]
        out.append("\n".join([lines[0], *(pad + line if line else "" for line in lines[1:])]) + "\n")
    return "".join(out)


def _formatter(base: type[Any]) -> type[Any]:
    class Formatter(base):  # type: ignore[misc]  # Typer's (vendored) Click HelpFormatter
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            if prefix is None:  # "Usage: ", "用法："
                prefix = messages().t("click.usage")
                prefix += "" if prefix.endswith("：") else " "
            super().write_usage(prog, args, prefix)

        def write_heading(self, heading: str) -> None:
            c = messages()
            key = _HEADINGS.get(heading)
            self.write(f"{'':>{self.current_indent}}{c.t('click.heading', heading=c.t(key) if key else heading)}\n")

        def write_text(self, text: str) -> None:
            if not has_cjk(text):
                super().write_text(text)
                return
            indent = " " * self.current_indent
            lines = _wrapped(text, max(self.width - self.current_indent, 11))
            self.write("\n".join(indent + line if line else "" for line in lines) + "\n")

        def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
            c = messages()
            rows = [(_term(term), _note(c.t(_ROW_TEXTS[text]) if text in _ROW_TEXTS else text))
                    for term, text in rows]
            if not any(has_cjk(term + text) for term, text in rows):
                super().write_dl(rows, col_max, col_spacing)
                return
            self.write(_definitions(rows, self.width, self.current_indent, col_max, col_spacing))

    return Formatter


def param_help(c: Catalog, command: str, param: str) -> str:
    """The help text of option or argument ``param`` of ``command``: its own (``help.<command>.<param>``),
    else the one that options of that name share (``help.param.<param>``)."""
    own = f"help.{command}.{param}"
    return c.t(own) if c.has(own) else c.t(f"help.param.{param}")


def argument_metavar(param: Any) -> str:
    """An argument as Click writes it in a usage line and an error: its metavar, else its name in capitals,
    in brackets when optional, with ``...`` when it takes several values (``PATHS...``, ``[FILE]``)."""
    if param.metavar is not None:
        return str(param.metavar)
    name = param.name.upper()
    if not param.required:
        name = f"[{name}]"
    return f"{name}..." if param.nargs != 1 else name


def _argument_name(param: Any) -> str:
    """An argument in the Arguments list of --help, as in the usage line: ``PATHS...``, ``FILE``."""
    if param.metavar is not None:
        return str(param.metavar)
    return f"{param.name.upper()}..." if param.nargs != 1 else param.name.upper()


_ARGUMENT_CLASSES: dict[type[Any], type[Any]] = {}


def _argument_class(base: type[Any]) -> type[Any]:
    """Typer's argument class (whatever its version) naming the argument as Click does."""
    if base not in _ARGUMENT_CLASSES:
        class Argument(base):  # type: ignore[misc]
            def get_usage_pieces(self, ctx: Any) -> list[str]:
                return [argument_metavar(self)]

            def get_error_hint(self, ctx: Any = None) -> str:
                return f"'{argument_metavar(self)}'"

            def _rich_display_name(self) -> str:  # Typer's name column of --help (`paths...`)
                return _argument_name(self)

        _ARGUMENT_CLASSES[base] = _ARGUMENT_CLASSES[Argument] = Argument
    return _ARGUMENT_CLASSES[base]


def localise(command: Any) -> None:
    """Word the help and usage of ``command`` (the app, named cxgap) and its subcommands in the run's
    language: their help texts (``help.<command>``), one-line summaries (``help.<command>.summary``) and
    the help texts of their parameters come from the catalogs."""
    c = messages()
    base = command.context_class
    context = type("Context", (base,), {"formatter_class": _formatter(base.formatter_class)})
    for name, cmd in (("cxgap", command), *getattr(command, "commands", {}).items()):
        cmd.help = c.t(f"help.{name}")
        if cmd is not command:
            cmd.short_help = c.t(f"help.{name}.summary")
        for param in cmd.params:
            param.help = param_help(c, name, param.name)
            if param.param_type_name == "argument":
                param.__class__ = _argument_class(type(param))
        cmd.context_class = context
        if cmd.options_metavar == "[OPTIONS]":
            cmd.options_metavar = f"[{c.t('click.metavar.options')}]"
        if getattr(cmd, "subcommand_metavar", None) == "COMMAND [ARGS]...":
            cmd.subcommand_metavar = c.t("click.metavar.command")

"""Commands that need no analysis: validate, schema, init, stages."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from cxgap.cli.app import app
from cxgap.cli.options import Lang, MaxBytes, Output, Paths, choice, metavar
from cxgap.limits import DEFAULT_MAX_BYTES
from cxgap.problems import UsageError, display_name
from cxgap.render.rules_list import RULE_FORMATS


@app.command()
def validate(
    paths: Paths,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    lang: Lang = None,
) -> None:
    # --help: help.validate* in the catalogs (every command's help texts are there)
    from cxgap.cli.fast import validate_files

    code = validate_files(paths, max_bytes, quiet, lang)
    if code:
        raise typer.Exit(code)


@app.command()
def schema(
    output: Annotated[str | None, typer.Option("--output", "-o")] = None,
    lang: Lang = None,
) -> None:
    # --lang words the schema's title and its descriptions
    from cxgap.atomic import write_output
    from cxgap.i18n import speaking_lang
    from cxgap.schema import schema_text

    write_output(output, schema_text(lang or speaking_lang()[0]))


def _template_names() -> list[str]:
    from cxgap.templates import list_templates

    return list_templates()


@app.command()
def init(
    file: Annotated[str, typer.Argument()] = "journey.yaml",
    template: Annotated[str, typer.Option("--template", "-t")] = "b2b",
    force: Annotated[bool, typer.Option("--force")] = False,
    schema_path: Annotated[str, typer.Option("--schema")] = "cxgap.schema.json",
    lang: Lang = None,
) -> None:
    # Chinese comments and examples with --lang zh-CN or zh-TW
    from cxgap.atomic import write_output
    from cxgap.i18n import catalog, speaking_lang
    from cxgap.templates import render_template

    chosen = lang or speaking_lang()[0]
    c = catalog(chosen)
    names = _template_names()
    if template not in names:
        raise UsageError(c.t("init.unknown_template", template=repr(template), choices=c.join(names)))
    if file != "-" and os.path.exists(file) and not force:
        raise UsageError(c.t("init.exists", file=display_name(file)))
    write_output(file, render_template(template, schema_path, chosen))
    if file != "-":
        typer.echo(c.t("init.wrote", file=display_name(file), template=template), err=True)
        # editors resolve the modeline's path from the spec's folder: say how to make a missing one
        schema_file = os.path.join(os.path.dirname(file), schema_path)
        if "://" not in schema_path and not os.path.exists(schema_file):
            typer.echo(c.t("init.schema_hint", schema=display_name(schema_path), path=display_name(schema_file)),
                       err=True)


@app.command()
def stages(
    lang: Lang = None,
) -> None:
    # ids, names, the short words a spec may use for them, and the customer's mindset
    from cxgap.cjk import wrap
    from cxgap.i18n import Catalog, speaking_lang
    from cxgap.stages import DEFAULT_STAGES

    catalog = Catalog(lang or speaking_lang()[0])
    for stage in DEFAULT_STAGES:
        words = stage.words.get(catalog.lang, ())
        name = catalog.stage_name(stage)
        shown = catalog.t("stage.with_words", name=name, words=catalog.join(words)) if words else name
        typer.echo(f"{stage.id:<14} {shown}")
        for line in wrap(catalog.stage_mindset(stage), 80 - 15):  # 80 columns, Chinese counted two a character
            typer.echo(f"{'':<14} {line}")


@app.command()
def rules(
    fmt: Annotated[str, typer.Option("--format", "-f", metavar=metavar(RULE_FORMATS),
                                     callback=choice(RULE_FORMATS))] = "text",
    output: Output = None,
    lang: Lang = None,
) -> None:
    # each kind, its default severity and its documentation
    from cxgap.atomic import write_output
    from cxgap.i18n import catalog, speaking_lang

    write_output(output, RULE_FORMATS[fmt](catalog(lang or speaking_lang()[0])))

"""The command line: thin Typer commands over the plain functions of each module here."""

from __future__ import annotations

import typer

from newsfacts.cli.build_model import build_model_cli
from newsfacts.cli.check import check_cli
from newsfacts.cli.evaluate import evaluate_cli
from newsfacts.cli.explain import explain_cli
from newsfacts.cli.export import export_app
from newsfacts.cli.extract import extract_cli
from newsfacts.cli.reference import reference_app
from newsfacts.cli.report import report_cli
from newsfacts.cli.schema import schema_cli
from newsfacts.cli.serve import serve_cli
from newsfacts.cli.show import show_cli
from newsfacts.cli.train_gate import train_gate_cli
from newsfacts.cli.validate import validate_cli

app = typer.Typer(
    name="newsfacts",
    help="Extract trade statistics from economic news into structured, checkable records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("extract")(extract_cli)
app.command("explain")(explain_cli)
app.command("evaluate")(evaluate_cli)
app.command("show")(show_cli)
app.command("schema")(schema_cli)
app.command("build-model")(build_model_cli)
app.command("train-gate")(train_gate_cli)
app.command("validate")(validate_cli)
app.command("check")(check_cli)
app.command("report")(report_cli)
app.command("serve")(serve_cli)
app.add_typer(reference_app, name="reference")
app.add_typer(export_app, name="export")


def main() -> None:
    """The ``newsfacts`` console script."""
    app(prog_name="newsfacts")


__all__ = ["app", "main"]

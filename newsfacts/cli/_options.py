"""Arguments and options that several commands declare alike, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ArticlePaths = Annotated[list[Path], typer.Argument(
    help="Articles: text files (with sidecars), folders, JSONL.", show_default=False)]
StorePath = Annotated[Path | None, typer.Option(
    "--reference", "-r", help="A store built by `newsfacts reference build` or `update` "
    "(default: the U.S. store shipped with the package).", show_default=False)]
PublishedDate = Annotated[str | None, typer.Option(
    "--published", metavar="YYYY-MM-DD",
    help="Publication date of the text files (overrides their sidecars).")]
ModelDir = Annotated[Path | None, typer.Option(
    "--model", metavar="DIR", help="A pipeline saved by `newsfacts build-model`.")]

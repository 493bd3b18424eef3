"""``newsfacts build-model``: save the pipeline so that ``spacy.load(DIR)`` alone loads it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsfacts.cli._console import err_console, fail_cleanly
from newsfacts.pipeline import save_pipeline


def build_model_cli(
    directory: Annotated[Path, typer.Argument(
        metavar="DIR", help="Folder to write the pipeline to.", show_default=False)],
) -> None:
    """Save the newsfacts pipeline (blank English plus its components) to DIR."""
    with fail_cleanly():
        target = save_pipeline(directory)
    err_console().print(f"saved the newsfacts pipeline to {target} (spacy.load it, or pass it "
                        "as --model)", soft_wrap=True, markup=False)

"""``newsfacts train-gate``: train the trade gate from labelled examples (a JSONL file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsfacts.cli._console import check_paths, err_console, fail_cleanly
from newsfacts.facts.gate_train import Training, read_examples, train_gate


def train_gate_cli(
    examples: Annotated[Path, typer.Argument(
        metavar="EXAMPLES", help="JSONL: one {text, label, group, source} object a line.",
        show_default=False)],
    directory: Annotated[Path, typer.Argument(
        metavar="DIR", help="Folder to write the trained gate to.", show_default=False)],
    architecture: Annotated[str, typer.Option(
        help="cnn (a hashed-embedding CNN), cnn-small (half its cost) or bow (n-grams).")] = "cnn",
    seed: Annotated[int, typer.Option(help="The seed of every random choice.")] = 0,
) -> None:
    """Train the trade gate on EXAMPLES and write it to DIR (the threshold by
    cross-validation over the examples' groups). `python benchmarks/train_gate.py` makes the
    examples from ../shared and trains the gate the package ships."""
    with fail_cleanly():
        check_paths([examples])
        training = Training(seed=seed, architecture=architecture)
        gate = train_gate(read_examples(examples), training)
        gate.save(directory)
    summary = json.dumps(gate.info["cross_validation"])
    err_console().print(f"trained the gate on {gate.info['examples']} examples, threshold "
                        f"{gate.threshold}, cross-validated: {summary} → {directory}",
                        soft_wrap=True, markup=False)

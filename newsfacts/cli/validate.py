"""``newsfacts validate``: facts JSONL + a reference store → one verdict per fact (JSONL)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from newsfacts.cli._console import (
    check_paths,
    err_console,
    fail_cleanly,
    naming_output,
    verdict_summary,
)
from newsfacts.cli._options import StorePath
from newsfacts.outputs.jsonl import read_facts
from newsfacts.outputs.target import Target, open_target
from newsfacts.schema import TradeFact
from newsfacts.validation import validate
from newsfacts.validation.default import open_store


def validate_file(facts_path: Path, reference: Path | None, target: Target) -> Counter[str]:
    """Validate every fact of a facts JSONL file; error records in it are counted and left
    out (they hold no fact). Returns the count of verdicts per status (and ``errors``)."""
    check_paths([facts_path])
    counts: Counter[str] = Counter()
    facts: list[TradeFact] = []
    for record in read_facts(facts_path):
        if isinstance(record, TradeFact):
            facts.append(record)
        else:
            counts["error records"] += 1
    with open_store(reference) as store:
        verdicts = validate(facts, store)
    with naming_output(target), open_target(target) as handle:
        for verdict in verdicts:
            handle.write(verdict.model_dump_json() + "\n")
            counts[verdict.status] += 1
    return counts


def validate_cli(
    facts: Annotated[Path, typer.Argument(help="A facts JSONL file (`newsfacts extract`).",
                                          show_default=False)],
    reference: StorePath = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write verdicts here instead of stdout.",
        show_default=False)] = None,
) -> None:
    """Check facts against official figures: one verdict per fact."""
    with fail_cleanly():
        counts = validate_file(facts, reference, sys.stdout if output is None else output)
    err_console().print(verdict_summary(counts), soft_wrap=True)

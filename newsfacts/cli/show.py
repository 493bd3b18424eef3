"""``newsfacts show``: a facts JSONL file as a table to read."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from newsfacts.cli._console import fail_cleanly, out_console
from newsfacts.outputs import read_facts
from newsfacts.outputs.text import format_money, format_percent, format_period, truncate
from newsfacts.schema import ErrorRecord, TradeFact

EVIDENCE_WIDTH = 60


def fact_row(fact: TradeFact, evidence_width: int = EVIDENCE_WIDTH) -> list[str]:
    """doc, indicator, reporter→partner, period, value, change, qualifiers, modality, evidence."""
    indicator = f"{fact.indicator} ({fact.flow})" if fact.flow else fact.indicator
    return [
        fact.doc_id, indicator, f"{fact.reporter}→{fact.partner}", format_period(fact.period),
        format_money(fact.value, fact.currency), format_percent(fact.change_pct),
        ", ".join(fact.qualifiers), fact.modality, truncate(fact.evidence, evidence_width),
    ]


def facts_tables(records: Iterable[TradeFact | ErrorRecord],
                 evidence_width: int = EVIDENCE_WIDTH) -> tuple[Table, Table]:
    """A table of the facts and one of the error records."""
    facts = Table(title="Trade facts")
    for name in ("doc", "indicator", "reporter→partner", "period", "value", "change",
                 "qualifiers", "modality", "evidence"):
        facts.add_column(name, no_wrap=name in ("value", "change"),
                         justify="right" if name in ("value", "change") else "left")
    errors = Table(title="Error records", title_style="red")
    for name in ("doc", "code", "error"):
        errors.add_column(name)
    for record in records:
        if isinstance(record, ErrorRecord):
            errors.add_row(record.doc_id, record.error_code, record.error)
        else:
            facts.add_row(*fact_row(record, evidence_width))
    facts.caption = f"{facts.row_count} facts"
    return facts, errors


def show_cli(
    file: Annotated[Path, typer.Argument(help="A facts JSONL file written by `newsfacts "
                                              "extract`.", show_default=False)],
) -> None:
    """Show a facts JSONL file as a table."""
    with fail_cleanly():
        facts, errors = facts_tables(read_facts(file))
    console = out_console()
    console.print(facts)
    if errors.row_count:
        console.print(errors)

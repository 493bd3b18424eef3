"""``newsfacts evaluate``: score extraction on documents against a gold file (SCHEMA.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from newsfacts.cli._console import check_paths, err_console, fail_cleanly, out_console
from newsfacts.evaluate import ATTRIBUTE_FIELDS, Counts, Evaluation, evaluate_documents
from newsfacts.extractor import Extractor
from newsfacts.outputs.text import EMPTY, format_money, format_percent, format_period, truncate
from newsfacts.pipeline import load_pipeline
from newsfacts.schema import ErrorRecord

EVIDENCE_WIDTH = 70


def evaluate_paths(gold: str | Path, docs: Sequence[str | Path],
                   extractor: Extractor | None = None) -> Evaluation:
    """``evaluate_documents`` after checking that every path exists (InputError if not)."""
    check_paths([gold, *docs])
    return evaluate_documents(gold, docs, extractor)


def _pct(value: float) -> str:
    return f"{value:.1%}"


def _counts_row(name: str, counts: Counts) -> list[str]:
    return [name, str(counts.gold), str(counts.system), str(counts.true_positives),
            _pct(counts.precision), _pct(counts.recall), _pct(counts.f1)]


def scores_table(evaluation: Evaluation) -> Table:
    table = Table(title="Facts: precision, recall, F1")
    for name in ("indicator", "gold", "system", "matched", "precision", "recall", "F1"):
        table.add_column(name, justify="left" if name == "indicator" else "right")
    for indicator, counts in sorted(evaluation.by_indicator.items()):
        table.add_row(*_counts_row(indicator, counts))
    table.add_row(*_counts_row("overall", evaluation.overall), style="bold", end_section=True)
    return table


def attributes_table(evaluation: Evaluation) -> Table:
    summary = evaluation.summary()
    matched = evaluation.overall.true_positives
    table = Table(title=f"Attributes ({matched} matched)")
    table.add_column("field")
    table.add_column("accuracy", justify="right")
    for name in ATTRIBUTE_FIELDS:
        table.add_row(name, _pct(summary["attribute_accuracy_by_field"][name]))
    table.add_row("overall", _pct(summary["attribute_accuracy"]), style="bold")
    return table


def _title(what: str, shown: int, total: int) -> str:
    return f"{what} ({total})" if shown == total else f"{what} (first {shown} of {total})"


def facts_misses_table(what: str, facts: list[dict[str, Any]], limit: int) -> Table:
    """Missed gold facts or spurious system facts, as dicts in the gold format."""
    shown = facts[:limit]
    table = Table(title=_title(what, len(shown), len(facts)))
    for name in ("doc", "indicator", "reporter→partner", "period", "value", "change",
                 "evidence"):
        table.add_column(name, no_wrap=name in ("value", "change"))
    for fact in shown:
        table.add_row(
            str(fact["doc_id"]), str(fact["indicator"]),
            f"{fact['reporter']}→{fact['partner']}", format_period(fact["period"]),
            format_money(fact["value"], fact.get("currency")),
            format_percent(fact.get("change_pct")),
            truncate(fact.get("evidence"), EVIDENCE_WIDTH),
        )
    return table


def _show(field: str, value: Any) -> str:
    if value is None:
        return EMPTY
    if field == "previous_value":
        return format_money(value)
    if field == "change_pct":
        return format_percent(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value) or "[]"
    return str(value)


def attribute_errors_table(errors: list[dict[str, Any]], limit: int) -> Table:
    shown = errors[:limit]
    table = Table(title=_title("Attribute errors", len(shown), len(errors)))
    for name in ("doc", "field", "system", "gold", "evidence"):
        table.add_column(name)
    for error in shown:
        name = str(error["field"])
        table.add_row(str(error["doc_id"]), name, _show(name, error["system"]),
                      _show(name, error["gold"]), truncate(error.get("evidence"), EVIDENCE_WIDTH))
    return table


def evaluation_report(evaluation: Evaluation, misses: int) -> list[RenderableType]:
    """Scores, attribute accuracy, then up to ``misses`` rows of each kind of miss."""
    report: list[RenderableType] = [scores_table(evaluation), attributes_table(evaluation)]
    if misses > 0:
        report += [
            facts_misses_table("Missed gold facts", evaluation.missed, misses),
            facts_misses_table("Spurious facts", evaluation.spurious, misses),
            attribute_errors_table(evaluation.attribute_errors, misses),
        ]
    return report


def print_document_errors(errors: Sequence[ErrorRecord], console: Console) -> None:
    """Documents that failed: a warning, since their gold facts all count as missed."""
    console.print(Text(f"{len(errors)} document(s) could not be processed; their gold facts "
                       "count as missed:", style="yellow"), soft_wrap=True)
    for error in errors:
        console.print(Text(f"  {error.error_code} {error.error}", style="yellow"),
                      soft_wrap=True)


def evaluate_cli(
    gold: Annotated[Path, typer.Option("--gold", "-g", help="Gold facts JSONL (SCHEMA.md).",
                                       show_default=False)],
    docs: Annotated[list[Path], typer.Option(
        "--docs", "-d", help="Documents: text files, folders or JSONL; repeat for more.",
        show_default=False)],
    misses: Annotated[int, typer.Option(
        "--misses", "-n", min=0, help="Rows to show of each kind of miss (0: none).")] = 10,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the summary as JSON instead of tables.")] = False,
    model: Annotated[Path | None, typer.Option(
        "--model", metavar="DIR", help="A pipeline saved by `newsfacts build-model`.")] = None,
) -> None:
    """Score extracted facts against gold: precision, recall, F1, attribute accuracy, misses."""
    with fail_cleanly():
        extractor = Extractor(nlp=load_pipeline(model)) if model else None
        evaluation = evaluate_paths(gold, docs, extractor)
    if evaluation.errors:
        print_document_errors(evaluation.errors, err_console())
    if as_json:
        typer.echo(json.dumps(evaluation.summary(), indent=2))
        return
    console = out_console()
    for part in evaluation_report(evaluation, misses):
        console.print(part)

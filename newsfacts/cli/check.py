"""``newsfacts check``: extract the facts of articles and check them in one step."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsfacts.check import check_articles
from newsfacts.cli._console import (
    check_paths,
    err_console,
    fail_cleanly,
    out_console,
    verdict_summary,
)
from newsfacts.cli._options import ArticlePaths, PublishedDate, StorePath
from newsfacts.extractor import Extractor
from newsfacts.ingest import read_paths
from newsfacts.ingest.dates import parse_published
from newsfacts.outputs.text import format_money, truncate
from newsfacts.schema import ErrorRecord
from newsfacts.validation import Verdict
from newsfacts.validation.default import open_store

STYLES: dict[str, str] = {"confirmed": "green", "revised": "yellow", "contradicted": "red",
                          "unverifiable": "dim", "consistent": "green",
                          "inconsistent": "red"}


def check_files(paths: Sequence[Path], reference: Path | None, published: str | None = None,
                extractor: Extractor | None = None) -> tuple[list[Verdict], list[ErrorRecord]]:
    """Extract and validate; documents that cannot be read come back as error records.
    Without ``reference``, the default store shipped with the package."""
    files = check_paths(paths)
    date = parse_published(published)
    verdicts: list[Verdict] = []
    errors: list[ErrorRecord] = []
    with open_store(reference) as store:
        for result in check_articles(read_paths(files, published=date), store, extractor):
            if isinstance(result, ErrorRecord):
                errors.append(result)
            else:
                verdicts.extend(result.verdicts)
    return verdicts, errors


def verdicts_table(verdicts: Sequence[Verdict]) -> Table:
    table = Table(title="Verdicts", show_lines=True)
    for name in ("doc", "fact", "period", "stated", "verdict", "official", "series · vintage",
                 "why"):
        table.add_column(name, no_wrap=name in ("stated", "official", "verdict"))
    for verdict in verdicts:
        fact = f"{verdict.indicator} {verdict.reporter}→{verdict.partner}"
        series = (f"{verdict.series_id} · {verdict.vintage}" if verdict.series_id else "—")
        why = Text(verdict.explanation)
        for check in verdict.checks:
            why.append(f"\n{check.name}: ", style="bold")
            why.append(check.status, style=STYLES.get(check.status, ""))
            why.append(f" ({check.explanation})")
        if verdict.selection:
            why.append(f"\nseries chosen by {verdict.selection}", style="dim")
        table.add_row(verdict.doc_id, fact, verdict.period or "—",
                      format_money(verdict.value, None),
                      Text(verdict.status, style=STYLES[verdict.status]),
                      format_money(verdict.reference_value, None), series, why)
    return table


def print_report(verdicts: Sequence[Verdict], errors: Sequence[ErrorRecord],
                 console: Console) -> None:
    console.print(verdicts_table(verdicts))
    for error in errors:
        console.print(Text(f"{error.doc_id}: [{error.error_code}] "
                           f"{truncate(error.error, 200)}", style="red"))


def check_cli(
    paths: ArticlePaths,
    reference: StorePath = None,
    published: PublishedDate = None,
) -> None:
    """Extract the trade facts of articles and check them against official figures."""
    with fail_cleanly():
        verdicts, errors = check_files(paths, reference, published)
    print_report(verdicts, errors, out_console())
    counts: Counter[str] = Counter(verdict.status for verdict in verdicts)
    err_console().print(verdict_summary(counts) + (f" · [red]errors {len(errors)}[/red]"
                                           if errors else ""), soft_wrap=True)

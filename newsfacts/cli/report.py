"""``newsfacts report``: articles → one self-contained HTML report with facts and verdicts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from contextlib import ExitStack
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from newsfacts.check import check_articles
from newsfacts.cli._console import check_paths, err_console, fail_cleanly, naming_output
from newsfacts.cli._options import PublishedDate, StorePath
from newsfacts.extractor import Extractor
from newsfacts.ingest import read_paths
from newsfacts.ingest.dates import parse_published
from newsfacts.review import ReportMeta, render_report
from newsfacts.schema import ErrorRecord
from newsfacts.validation.default import open_store, store_name


def write_report(paths: Sequence[Path], output: Path, reference: Path | None = None,
                 published: str | None = None, title: str = "newsfacts report",
                 extractor: Extractor | None = None) -> Counter[str]:
    """Write the report of ``paths`` to ``output``; returns counts for the summary line.
    Without ``reference``, the facts are checked against the default store shipped with the
    package."""
    files = check_paths(paths)
    date = parse_published(published)
    counts: Counter[str] = Counter()
    with ExitStack() as stack:
        store = stack.enter_context(open_store(reference))
        results = list(check_articles(read_paths(files, published=date), store, extractor))
        meta = ReportMeta(title=title, reference=store_name(reference),
                          generated=dt.datetime.now(), version=version("newsfacts"),
                          roots=tuple(sorted({str(p.parent) for p in files if p.is_absolute()})))
        html = render_report(results, store, meta)
    with naming_output(output):
        output.write_text(html, encoding="utf-8")
    for item in results:
        if isinstance(item, ErrorRecord):
            counts["errors"] += 1
        else:
            counts["articles"] += 1
            counts["facts"] += len(item.facts)
            counts.update(verdict.status for verdict in item.verdicts)
    return counts


def report_cli(
    paths: Annotated[list[Path], typer.Argument(
        help="Articles: text files (with sidecars), folders, JSONL, CSV, SGML, HTML, WARC.",
        show_default=False)],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The HTML file to write.")] = Path("report.html"),
    reference: StorePath = None,
    published: PublishedDate = None,
    title: Annotated[str, typer.Option(help="The report's title.")] = "newsfacts report",
) -> None:
    """Write one self-contained HTML report: highlighted evidence, facts, verdicts, charts."""
    with fail_cleanly():
        counts = write_report(paths, output, reference, published, title)
    parts = [f"[bold]{name}[/bold] {counts[name]}" for name in (
        "articles", "facts", "confirmed", "revised", "contradicted", "unverifiable", "errors")
        if counts[name] or name in ("articles", "facts")]
    err_console().print(f"wrote {escape(str(output))}: " + " · ".join(parts), soft_wrap=True)


__all__ = ["report_cli", "write_report"]

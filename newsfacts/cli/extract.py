"""``newsfacts extract``: files, folders and JSONL → one line per fact, one per bad document."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsfacts.cli._console import check_paths, err_console, fail_cleanly
from newsfacts.extract import Extractor, parse_published
from newsfacts.ingest import read_paths
from newsfacts.outputs import write_csv, write_jsonl
from newsfacts.outputs._target import Target
from newsfacts.pipeline import load_pipeline
from newsfacts.schema import Article, ErrorRecord, TradeFact


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


@dataclass
class ExtractStats:
    """What a run did: every document in is either processed or an error."""

    documents: int = 0
    with_facts: int = 0
    facts: int = 0
    errors: int = 0
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        return self.documents - self.errors


def _records(
    results: Iterable[tuple[Article | ErrorRecord, list[TradeFact] | ErrorRecord]],
    stats: ExtractStats,
) -> Iterator[TradeFact | ErrorRecord]:
    for _, result in results:
        stats.documents += 1
        if isinstance(result, ErrorRecord):
            stats.errors += 1
            yield result
            continue
        stats.with_facts += bool(result)
        stats.facts += len(result)
        yield from result


def extract_paths(
    paths: Sequence[str | Path],
    target: Target,
    output_format: OutputFormat = OutputFormat.jsonl,
    published: str | None = None,
    extractor: Extractor | None = None,
) -> ExtractStats:
    """Extract facts from text files, folders and JSONL files and stream them to ``target``.

    ``published`` (YYYY-MM-DD) dates text files, in place of their sidecars; JSONL records
    keep their own dates. Raises before writing anything if a path does not exist or the
    date is malformed; an unreadable or oversized document becomes an error record.
    """
    started = time.perf_counter()
    files = check_paths(paths)
    date = parse_published(published)
    runner = extractor or Extractor()
    stats = ExtractStats()
    records = _records(runner.extract_many(read_paths(files, published=date)), stats)
    if output_format is OutputFormat.csv:
        write_csv(records, target)
    else:
        write_jsonl(records, target)
    stats.seconds = time.perf_counter() - started
    return stats


def print_stats(stats: ExtractStats, console: Console) -> None:
    """The run's summary as one line: documents in, with facts, facts, errors, time."""
    errors = f"[red]{stats.errors}[/red]" if stats.errors else "0"
    console.print(
        f"[bold]documents in[/bold] {stats.documents} (processed {stats.processed}) · "
        f"[bold]with facts[/bold] {stats.with_facts} · [bold]facts[/bold] {stats.facts} · "
        f"[bold]errors[/bold] {errors} · [bold]time[/bold] {stats.seconds:.2f} s",
        soft_wrap=True,
    )


def _format_for(output: Path | None, chosen: OutputFormat | None) -> OutputFormat:
    if chosen is not None:
        return chosen
    if output is not None and output.suffix.lower() == ".csv":
        return OutputFormat.csv
    return OutputFormat.jsonl


def extract_cli(
    paths: Annotated[list[Path], typer.Argument(
        help="Text files (with <name>.json or meta.json sidecars), folders, JSONL files.",
        show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write here instead of stdout.", show_default=False)] = None,
    output_format: Annotated[OutputFormat | None, typer.Option(
        "--format", "-f", help="jsonl or csv [default: csv for a .csv output, else jsonl]",
        case_sensitive=False, show_default=False)] = None,
    published: Annotated[str | None, typer.Option(
        "--published", metavar="YYYY-MM-DD",
        help="Publication date of the text files (overrides their sidecars).")] = None,
    model: Annotated[Path | None, typer.Option(
        "--model", metavar="DIR", help="A pipeline saved by `newsfacts build-model`.")] = None,
) -> None:
    """Extract trade facts: a line per fact, an error record per bad document."""
    with fail_cleanly():
        extractor = Extractor(nlp=load_pipeline(model)) if model else None
        target: Target = sys.stdout if output is None else output
        stats = extract_paths(paths, target, _format_for(output, output_format), published,
                              extractor)
    print_stats(stats, err_console())

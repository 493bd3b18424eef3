"""``newsfacts extract``: files, folders and archives → one line per fact, one per bad document."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from newsfacts.batch import BatchJob, ExtractorSpec, RunStats, connect_dask, run_batch
from newsfacts.batch.runner import ProgressCallback
from newsfacts.cli._console import check_paths, err_console, fail_cleanly
from newsfacts.cli._options import ModelDir, PublishedDate
from newsfacts.extractor import Extractor
from newsfacts.ingest import CsvColumns
from newsfacts.ingest.dates import parse_published
from newsfacts.outputs.target import Target
from newsfacts.pipeline import load_pipeline
from newsfacts.settings import BATCH_SIZE

ExtractStats = RunStats


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def extract_paths(
    paths: Sequence[str | Path],
    target: Target,
    output_format: OutputFormat = OutputFormat.jsonl,
    published: str | None = None,
    extractor: Extractor | None = None,
    *,
    require_date: bool = False,
    csv_columns: str | None = None,
    batch_size: int = BATCH_SIZE,
    processes: int = 1,
    resume: bool = False,
    model: Path | None = None,
    dask_client: Any = None,
    on_progress: ProgressCallback | None = None,
) -> ExtractStats:
    """Extract facts from files, folders and archives and stream them to ``target``.

    ``published`` (YYYY-MM-DD) dates text files, in place of their sidecars; other records
    keep their own dates. Raises before writing anything if a path does not exist or the
    date is malformed; an unreadable, undated (with ``require_date``) or oversized document
    becomes an error record. See ``newsfacts.batch.BatchJob`` for the other options.
    """
    files = check_paths(paths)
    date = parse_published(published)
    columns = CsvColumns.parse(csv_columns) if csv_columns else None
    job = BatchJob(
        inputs=files, output=target, output_format=output_format.value, published=date,
        require_date=require_date, csv_columns=columns, batch_size=batch_size,
        processes=processes, resume=resume,
        spec=ExtractorSpec(model=str(model.resolve()) if model else None),
        extractor=extractor, dask_client=dask_client)
    return run_batch(job, on_progress)


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
    if output is not None and output.suffix.lower() == ".parquet":
        return OutputFormat.parquet
    return OutputFormat.jsonl


@contextmanager
def progress_bar(console: Console, enabled: bool) -> Iterator[ProgressCallback | None]:
    """A rich progress line on stderr (documents, documents/s, facts, errors), or None."""
    if not enabled:
        yield None
        return
    columns = (TextColumn("[bold]extract[/bold]"), BarColumn(bar_width=None),
               TextColumn("{task.fields[line]}"), TimeElapsedColumn())
    # redrawn after each batch, not by rich's refresh thread: with no other thread running,
    # --processes can fork its workers (newsfacts.batch.workers.start_method)
    with Progress(*columns, console=console, transient=True, auto_refresh=False) as bar:
        task = bar.add_task("extract", total=None, line="starting")
        bar.refresh()

        def update(stats: RunStats) -> None:
            bar.update(task, refresh=True, line=(
                f"{stats.documents} docs · {stats.documents_per_second:,.0f} docs/s · "
                f"{stats.facts} facts · {stats.errors} errors"))

        yield update


def extract_cli(
    paths: Annotated[list[Path], typer.Argument(
        help="Files and folders: text files (with <name>.json or meta.json sidecars), JSONL, "
             "CSV, Reuters-21578 .sgm, HTML, WARC; any of them .gz.",
        show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write here instead of stdout.", show_default=False)] = None,
    output_format: Annotated[OutputFormat | None, typer.Option(
        "--format", "-f", help="jsonl, csv or parquet [default: from the output's suffix, "
                               "else jsonl]",
        case_sensitive=False, show_default=False)] = None,
    published: PublishedDate = None,
    model: ModelDir = None,
    require_date: Annotated[bool, typer.Option(
        "--require-date", help="A document without a published date becomes an error "
                               "record (E130).")] = False,
    csv_columns: Annotated[str | None, typer.Option(
        "--csv-columns", metavar="ROLE=COLUMN,…",
        help="CSV column names for id, text, published, title, source "
             "(default: the role names).")] = None,
    processes: Annotated[int, typer.Option(
        "--processes", "-p", min=1, help="Worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Documents per batch (and per checkpoint).")] = BATCH_SIZE,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue an interrupted run into the same --output (its "
                         "<output>.progress file says where it stopped).")] = False,
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="SCHEDULER",
        help="Run on a Dask cluster (tcp://host:8786); needs newsfacts[dask].")] = None,
    show_progress: Annotated[bool, typer.Option(
        "--progress/--no-progress", help="A progress line on stderr.")] = True,
) -> None:
    """Extract trade facts: a line per fact, an error record per bad document."""
    console = err_console()
    client: Any = None
    with fail_cleanly():
        extractor = Extractor(nlp=load_pipeline(model)) if model and processes == 1 else None
        target: Target = sys.stdout if output is None else output
        client = connect_dask(dask) if dask else None
        try:
            with progress_bar(console, show_progress and console.is_terminal) as on_progress:
                stats = extract_paths(
                    paths, target, _format_for(output, output_format), published, extractor,
                    require_date=require_date, csv_columns=csv_columns, batch_size=batch_size,
                    processes=processes, resume=resume, model=model, dask_client=client,
                    on_progress=on_progress)
        finally:
            if client is not None:
                client.close()
    print_stats(stats, console)

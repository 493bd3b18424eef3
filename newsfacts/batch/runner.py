"""A batch run: read inputs, extract in batches (here, in worker processes or on Dask),
write every record, count everything, checkpoint each batch so that the run can resume.

Documents in = documents processed + error records, always: a document that cannot be
read, lacks a required date or breaks a rule becomes one ``ErrorRecord``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from newsfacts.batch.checkpoint import Checkpoint, Progress, RunFingerprint
from newsfacts.batch.sinks import open_sink
from newsfacts.batch.workers import ExtractorSpec, extract_batches
from newsfacts.errors import Errors
from newsfacts.extractor import Extractor
from newsfacts.ingest import CsvColumns, read_paths
from newsfacts.schema import Article, ErrorRecord, TradeFact
from newsfacts.settings import BATCH_SIZE

DocumentResult = tuple[Article | ErrorRecord, list[TradeFact] | ErrorRecord]


@dataclass
class RunStats:
    """What a run did: every document in is either processed or an error."""

    documents: int = 0
    with_facts: int = 0
    facts: int = 0
    errors: int = 0
    seconds: float = 0.0
    resumed_from: int = 0

    @property
    def processed(self) -> int:
        return self.documents - self.errors

    @property
    def documents_per_second(self) -> float:
        done = self.documents - self.resumed_from
        return done / self.seconds if self.seconds > 0 else 0.0


ProgressCallback = Callable[[RunStats], None]


@dataclass
class BatchJob:
    """A batch run's inputs and options; ``run_batch`` carries it out."""

    inputs: Sequence[str | Path]
    output: str | Path | TextIO
    output_format: str = "jsonl"
    published: dt.date | None = None
    require_date: bool = False
    csv_columns: CsvColumns | None = None
    batch_size: int = BATCH_SIZE
    processes: int = 1
    resume: bool = False
    spec: ExtractorSpec = field(default_factory=ExtractorSpec)
    extractor: Extractor | None = None
    dask_client: Any = None

    def fingerprint(self) -> RunFingerprint:
        return RunFingerprint(
            inputs=tuple(str(Path(path).resolve()) for path in self.inputs),
            output_format=self.output_format,
            published=self.published.isoformat() if self.published else None,
            require_date=self.require_date,
            csv_columns=self.csv_columns.model_dump_json() if self.csv_columns else None)


def require_dates(documents: Iterable[Article | ErrorRecord]
                  ) -> Iterator[Article | ErrorRecord]:
    """Articles without a published date → ErrorRecord E130; everything else as it is."""
    for document in documents:
        if isinstance(document, Article) and document.published is None:
            problem = Errors.NO_PUBLISHED_DATE(id=document.id)
            yield ErrorRecord(doc_id=document.id, error_code=problem.code,
                              error=problem.message, source=document.source)
        else:
            yield document


def iter_batches(documents: Iterable[Article | ErrorRecord], size: int
                 ) -> Iterator[list[Article | ErrorRecord]]:
    stream = iter(documents)
    while batch := list(islice(stream, size)):
        yield batch


def read_job(job: BatchJob) -> Iterator[Article | ErrorRecord]:
    """The job's documents, in a fixed order (the order a resume relies on)."""
    documents = read_paths(job.inputs, published=job.published, csv_columns=job.csv_columns)
    return require_dates(documents) if job.require_date else documents


def run_batch(job: BatchJob, on_progress: ProgressCallback | None = None) -> RunStats:
    """Carry out ``job``; ``on_progress`` gets the running totals after every batch."""
    if job.batch_size < 1 or job.processes < 1:
        raise Errors.BATCH_SIZES(batch_size=job.batch_size, processes=job.processes)
    started = time.perf_counter()
    checkpoint: Checkpoint | None = None
    progress = Progress()
    if isinstance(job.output, (str, Path)):
        checkpoint = Checkpoint(job.output)
        if job.resume:
            progress = checkpoint.resume(job.fingerprint())
        else:
            checkpoint.start(job.fingerprint())
    elif job.resume:
        raise Errors.RESUME_TO_STDOUT()
    stats = RunStats(documents=progress.documents, with_facts=progress.with_facts,
                     facts=progress.facts, errors=progress.errors,
                     resumed_from=progress.documents)
    if progress.done:
        if checkpoint is not None:
            checkpoint.close()
        stats.seconds = time.perf_counter() - started
        return stats
    documents = _skip(read_job(job), progress)
    sink = open_sink(job.output, job.output_format,
                     progress.output_bytes if job.resume else None)
    try:
        batches = iter_batches(documents, job.batch_size)
        kept: deque[list[Article | ErrorRecord]] = deque()

        def remember(source: Iterable[list[Article | ErrorRecord]]
                     ) -> Iterator[list[Article | ErrorRecord]]:
            for batch in source:
                kept.append(batch)
                yield batch

        results = extract_batches(remember(batches), job.spec, job.processes, job.extractor,
                                  job.dask_client)
        for outcome in results:
            batch = kept.popleft()
            sink.write(_records(outcome, stats))
            stats.documents += len(batch)
            progress = Progress(documents=stats.documents, with_facts=stats.with_facts,
                                facts=stats.facts, errors=stats.errors,
                                output_bytes=sink.commit(), last_id=_doc_id(batch[-1]))
            if checkpoint is not None:
                checkpoint.commit(progress)
            stats.seconds = time.perf_counter() - started
            if on_progress is not None:
                on_progress(stats)
        if checkpoint is not None:
            progress.done = True
            checkpoint.commit(progress)
    finally:
        sink.close()
        if checkpoint is not None:
            checkpoint.close()
    stats.seconds = time.perf_counter() - started
    return stats


def _records(outcome: list[list[TradeFact] | ErrorRecord], stats: RunStats
             ) -> list[TradeFact | ErrorRecord]:
    records: list[TradeFact | ErrorRecord] = []
    for result in outcome:
        if isinstance(result, ErrorRecord):
            stats.errors += 1
            records.append(result)
        else:
            stats.with_facts += bool(result)
            stats.facts += len(result)
            records.extend(result)
    return records


def _skip(documents: Iterator[Article | ErrorRecord], progress: Progress
          ) -> Iterator[Article | ErrorRecord]:
    """The documents after the first ``progress.documents``; checks the last skipped id."""
    if progress.documents:
        tail = deque(islice(documents, progress.documents), maxlen=1)
        last_id = _doc_id(tail[0]) if tail else None
        if last_id != progress.last_id:
            raise Errors.RESUME_INPUTS_CHANGED(
                position=progress.documents,
                now=last_id,
                recorded=progress.last_id)
    return documents


def _doc_id(document: Article | ErrorRecord) -> str:
    return document.doc_id if isinstance(document, ErrorRecord) else document.id

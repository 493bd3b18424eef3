"""Where batches are extracted: this process, a pool of worker processes, or a Dask cluster.

Every engine takes an iterator of batches and yields each batch's results *in input
order*, so a run's output and its checkpoints do not depend on the engine. At most a few
batches per worker are in flight, so memory stays flat however long the input.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfacts.errors import Errors
from newsfacts.extractor import Extractor
from newsfacts.extras import require
from newsfacts.pipeline import load_pipeline
from newsfacts.schema import Article, ErrorRecord, TradeFact
from newsfacts.settings import Settings

Batch = Sequence[Article | ErrorRecord]
BatchResults = list[list[TradeFact] | ErrorRecord]
IN_FLIGHT_PER_WORKER = 4
WINDOW_PER_PROCESS = 6


@dataclass(frozen=True)
class ExtractorSpec:
    """How a worker builds its Extractor: a saved pipeline folder or the default, and settings.

    It is what travels to worker processes and Dask workers, instead of a pipeline.
    """

    model: str | None = None
    settings: Settings | None = None

    def build(self) -> Extractor:
        nlp = load_pipeline(Path(self.model)) if self.model else None
        return Extractor(nlp=nlp, settings=self.settings)


# One Extractor per worker process, built on its first batch and reused.
_WORKER_EXTRACTORS: dict[ExtractorSpec, Extractor] = {}


def extract_in_worker(spec: ExtractorSpec, batch: Batch) -> BatchResults:
    """The results of one batch, with the worker's cached Extractor for ``spec``."""
    extractor = _WORKER_EXTRACTORS.get(spec)
    if extractor is None:
        extractor = _WORKER_EXTRACTORS[spec] = spec.build()
    return extractor.extract_batch(batch)


def _pool_task(args: tuple[ExtractorSpec, Batch]) -> BatchResults:
    return extract_in_worker(*args)


def _warm_up(spec: ExtractorSpec) -> None:
    """Pool initializer of a spawned worker: build its Extractor while the parent works."""
    if spec not in _WORKER_EXTRACTORS:
        _WORKER_EXTRACTORS[spec] = spec.build()


def _adopt(spec: ExtractorSpec, extractor: Extractor) -> None:
    """Pool initializer of a forked worker: use the Extractor it inherited from the parent."""
    _WORKER_EXTRACTORS[spec] = extractor


def start_method() -> str:
    """How worker processes start: ``fork`` on Linux while this process runs a single
    thread (a forked worker inherits the parent's pipeline, so it starts at once), else
    ``spawn`` (a fork copies other threads' locks in whatever state they are in; macOS
    system libraries are not fork-safe)."""
    if (sys.platform == "linux" and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods()):
        return "fork"
    return "spawn"


def extract_batches(
    batches: Iterable[Batch],
    spec: ExtractorSpec | None = None,
    processes: int = 1,
    extractor: Extractor | None = None,
    dask_client: Any = None,
) -> Iterator[BatchResults]:
    """Each batch's results, in order: in this process (``processes=1``), in this process
    and ``processes - 1`` spawned workers, or on a Dask cluster (``dask_client``)."""
    spec = spec or ExtractorSpec()
    if dask_client is not None:
        yield from _on_dask(batches, spec, dask_client)
    elif processes <= 1:
        runner = extractor or spec.build()
        for batch in batches:
            yield runner.extract_batch(batch)
    else:
        yield from _in_pool(batches, spec, processes, extractor)


class _Slot:
    """One batch in flight: sent to a worker (``future``) or kept for this process."""

    __slots__ = ("batch", "future", "results")

    def __init__(self, batch: Batch, future: Any = None) -> None:
        self.batch = batch
        self.future = future
        self.results: BatchResults | None = None

    def done(self) -> bool:
        return (self.future.ready() if self.future is not None
                else self.results is not None)


def _in_pool(batches: Iterable[Batch], spec: ExtractorSpec, processes: int,
             extractor: Extractor | None = None) -> Iterator[BatchResults]:
    """``processes - 1`` workers and this process share the batches.

    A batch goes to the workers while they hold fewer than ``IN_FLIGHT_PER_WORKER`` each
    that they have not finished; otherwise this process keeps it and extracts it while it
    waits for the batch next in order. So the share adapts: this process takes whatever
    the workers cannot take (and, where they are spawned, all the work while they start
    up), and on a machine with as many cores as processes one start-up is saved. Forked
    workers (``start_method``) inherit this process's pipeline and start at once. At most
    ``WINDOW_PER_PROCESS`` batches per process are held, so memory stays flat.
    """
    method = start_method()
    local: Extractor | None = None
    if method == "fork":
        local = extractor or spec.build()
        initializer: Callable[..., None] = _adopt
        initargs: tuple[Any, ...] = (spec, local)
    else:
        initializer, initargs = _warm_up, (spec,)
    with multiprocessing.get_context(method).Pool(processes - 1, initializer=initializer,
                                                  initargs=initargs) as pool:
        if local is None:
            local = extractor or spec.build()  # while the spawned workers start
        pending: deque[_Slot] = deque()
        limit = (processes - 1) * IN_FLIGHT_PER_WORKER
        for batch in batches:
            busy = sum(1 for slot in pending if slot.future is not None
                       and not slot.future.ready())
            pending.append(_Slot(batch, pool.apply_async(_pool_task, ((spec, batch),))
                                 if busy < limit else None))
            while pending and pending[0].done():
                yield _next_results(pending, local)
            if len(pending) >= processes * WINDOW_PER_PROCESS:
                yield _next_results(pending, local)
        while pending:
            yield _next_results(pending, local)


def _next_results(pending: deque[_Slot], local: Extractor) -> BatchResults:
    """The results of the first slot; while a worker still has it, do this process's work."""
    head = pending[0]
    while head.future is not None and not head.future.ready():
        waiting = next((s for s in pending if s.future is None and s.results is None), None)
        if waiting is None:
            break
        waiting.results = local.extract_batch(waiting.batch)
    pending.popleft()
    if head.future is not None:
        results: BatchResults = head.future.get()
        return results
    return head.results if head.results is not None else local.extract_batch(head.batch)


def _on_dask(batches: Iterable[Batch], spec: ExtractorSpec, client: Any
             ) -> Iterator[BatchResults]:
    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(client.submit(extract_in_worker, spec, list(batch), pure=False))
        if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def connect_dask(scheduler: str) -> Any:
    """A ``distributed.Client`` on ``scheduler`` (``tcp://host:8786``); ConfigError if
    dask is not installed or the scheduler cannot be reached."""
    distributed = require("distributed", "dask", "running batches on Dask")
    try:
        return distributed.Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise Errors.DASK_UNREACHABLE(scheduler=scheduler, exc=exc) from exc

"""Batch runs over many documents: batching, worker processes, Dask, resumable output.

This stage sits after ``outputs`` (it writes the run's records as it goes).
"""

from newsfacts.batch.checkpoint import Checkpoint, RunFingerprint
from newsfacts.batch.runner import (
    BatchJob,
    DocumentResult,
    RunStats,
    iter_batches,
    require_dates,
    run_batch,
)
from newsfacts.batch.workers import ExtractorSpec, connect_dask, extract_batches

__all__ = [
    "BatchJob",
    "Checkpoint",
    "DocumentResult",
    "ExtractorSpec",
    "RunFingerprint",
    "RunStats",
    "connect_dask",
    "extract_batches",
    "iter_batches",
    "require_dates",
    "run_batch",
]

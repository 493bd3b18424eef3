"""Validation: official figures in a vintage-aware reference store, and verdicts on facts.

``build_reference(out, files)`` reads official files into a DuckDB store;
``validate(facts, reference)`` gives one ``Verdict`` per fact.
"""

from newsfacts.errors import ReferenceFileError, ReferenceStoreError
from newsfacts.validation.importers import SeriesData, read_reference_file
from newsfacts.validation.series_and_verdicts import (
    STATUSES,
    Check,
    Observation,
    SeriesInfo,
    Verdict,
)
from newsfacts.validation.store import BuildStats, ReferenceStore, build_reference
from newsfacts.validation.verdicts import REPORTING_CONVENTIONS, validate, validate_fact

__all__ = [
    "REPORTING_CONVENTIONS",
    "STATUSES",
    "BuildStats",
    "Check",
    "Observation",
    "ReferenceFileError",
    "ReferenceStore",
    "ReferenceStoreError",
    "SeriesData",
    "SeriesInfo",
    "Verdict",
    "build_reference",
    "read_reference_file",
    "validate",
    "validate_fact",
]

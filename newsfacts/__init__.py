"""newsfacts: trade statistics in economic news → structured, checkable records."""

from newsfacts.extractor import Extractor, explain, extract
from newsfacts.pipeline import build_pipeline, load_pipeline
from newsfacts.schema import (
    Article,
    ErrorRecord,
    Money,
    MoneyOutcome,
    Percent,
    Period,
    TradeFact,
)
from newsfacts.settings import Settings
from newsfacts.validation import Verdict, validate

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ErrorRecord",
    "Extractor",
    "Money",
    "MoneyOutcome",
    "Percent",
    "Period",
    "Settings",
    "TradeFact",
    "Verdict",
    "__version__",
    "build_pipeline",
    "explain",
    "extract",
    "load_pipeline",
    "validate",
]

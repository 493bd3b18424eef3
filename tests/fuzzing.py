"""Shared pieces of the hypothesis tests that look for tracebacks (tests/test_fuzz_api.py,
tests/ingest/test_fuzz_readers.py, tests/cli/test_fuzz_cli.py).

Every such test asserts that a call returns a result or raises a ``NewsfactsError`` (the CLI:
exits cleanly with a message), never another exception. In the normal test run each test draws
its ``ci`` number of cases with a fixed seed (the same cases every run, about a minute in all);
``NEWSFACTS_FUZZ_SCALE=F`` multiplies every number and draws fresh random cases, which is how
``benchmarks/fuzz.py`` runs more than 10,000 of them.
"""

from __future__ import annotations

import datetime as dt
import os
import string
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from newsfacts.extractor import Extractor

SCALE_ENV = "NEWSFACTS_FUZZ_SCALE"
F = TypeVar("F", bound=Callable[..., Any])


def scale() -> float:
    value = os.environ.get(SCALE_ENV, "")
    return float(value) if value else 1.0


def fuzz_settings(ci: int) -> Callable[[F], F]:
    """``ci`` cases in the normal run (fixed seed), else scaled by NEWSFACTS_FUZZ_SCALE."""
    factor = scale()
    return settings(max_examples=max(1, round(ci * factor)), deadline=None, database=None,
                    derandomize=factor == 1.0, print_blob=True,
                    suppress_health_check=list(HealthCheck))


@cache
def shared_extractor() -> Extractor:
    """One pipeline for all the fuzz tests (building one takes about a second)."""
    return Extractor()


# Pieces of trade news, so that drawn texts reach the rules and not only the tokenizer.
FRAGMENTS: tuple[str, ...] = (
    "Japan", "Japan's", "the United States", "U.S.", "EC", "China", "West Germany", "world",
    "trade", "surplus", "deficit", "balance", "exports", "imports", "current account",
    "rose", "fell", "narrowed", "widened", "to", "from", "a revised", "against", "with",
    "$", "US$", "dlrs", "yen", "marks", "stg", "billion", "mln", "million", "pct", "%",
    "12.3", "-4", "1,234.5", "0", "0.0", "99999999999999999999999", "1e308", "nan", "inf",
    "in", "March", "February", "1987", "1994", "last year", "this year", "the first quarter",
    "January-March", "fiscal", "month", "year-on-year", "seasonally adjusted", "said", ".",
    ",", ";", "(", ")", "\n", "\n\n", "\t", "\u2028", "\u202e", "\u200b", "\ufeff", "\x00",
    "</script>", "<!--", "&amp;", "[bold]", "é", "東京", "\U0001f4b0",
)

trade_texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map(" ".join)
# st.text() leaves out surrogates; these can hold lone ones, as JSON and file names can.
any_chars = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF,
                                  blacklist_categories=()), max_size=40)
texts = st.one_of(trade_texts, st.text(max_size=200), any_chars)

odd_values: st.SearchStrategy[Any] = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.binary(max_size=20),
    st.text(max_size=20), any_chars, st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2), st.dates(),
    st.datetimes(), st.decimals(allow_nan=True), st.just(object()), st.just(b"\xff")
)

date_strings = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.dates().map(lambda d: d.strftime("%d-%b-%Y").upper() if d.year >= 1000 else "1-JAN-1"),
    st.dates().map(lambda d: f"{d.day}-{d.strftime('%b').upper()}-{d.year} 00:02:59.13RM"),
    st.text(alphabet=string.digits + "-:. TZ", max_size=25),
    st.sampled_from(["0001-01-01", "9999-12-31", "1987-02-29", "1988-02-29", "2024-13-01",
                     "31-FEB-1987", "27-MAR-1987 605:12:19.12", "", " ", "today"]),
)
published_values = st.one_of(st.none(), st.dates(), st.datetimes(), date_strings, odd_values)

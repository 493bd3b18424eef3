"""Period phrases resolved against the publication date (never today's), each by the
resolver of the pattern that matched it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from newsfacts.errors import PatternError
from newsfacts.mentions.component import SPANS_KEY
from newsfacts.mentions.periods import PERIOD_LABELS, RESOLVERS, resolve_period
from newsfacts.mentions.tokenizer import customize_tokenizer
from newsfacts.patterns import load_patterns
from newsfacts.periods import PeriodShift, make_period, shift_period
from newsfacts.pipeline import load_pipeline, save_pipeline
from newsfacts.schema import Period

MAY_1994 = dt.date(1994, 5, 20)
MARCH_1987 = dt.date(1987, 3, 3)


@pytest.fixture(scope="module")
def mentions() -> Language:
    """The mention components alone: the span ruler and the normaliser."""
    nlp = spacy.blank("en")
    customize_tokenizer(nlp)
    nlp.add_pipe("newsfacts_mentions")
    nlp.add_pipe("newsfacts_normaliser")
    return nlp


def matched(nlp: Language, text: str, published: dt.date | None) -> tuple[str, Any]:
    """The id and value of the period mention that spans the whole of ``text`` (but for a
    'the' that its pattern leaves out), as the pipeline finds it (``None`` as value where it
    has none)."""
    doc = nlp.get_pipe("newsfacts_mentions")(nlp.make_doc(text))
    doc._.nf_published = published
    start = 1 if doc[0].lower_ == "the" else 0
    whole = [span for span in doc.spans[SPANS_KEY] if span.label_ in PERIOD_LABELS
             and span.end == len(doc) and span.start <= start]
    assert len(whole) == 1, f"{text!r}: no single period pattern covers it"
    kept = nlp.get_pipe("newsfacts_normaliser")(doc).spans[SPANS_KEY]
    value = next((span._.nf_value for span in kept if span == whole[0]), None)
    return whole[0].id_, value


def parse_period(nlp: Language, text: str, published: dt.date | None) -> Any:
    return matched(nlp, text, published)[1]

CASES: list[tuple[str, dt.date, str]] = [
    ("March", MAY_1994, "1994-03"),
    ("December", MARCH_1987, "1986-12"),
    ("March 1994", MAY_1994, "1994-03"),
    ("Jan. 1987", MARCH_1987, "1987-01"),
    ("March 15, 1987", MAY_1994, "1987-03"),
    ("January-March", MAY_1994, "1994-Q1"),
    ("November and December", MARCH_1987, "1986-11/1986-12"),
    ("the first nine months of 1986", MARCH_1987, "1986-01/1986-09"),
    ("the first two months of this year", MARCH_1987, "1987-01/1987-02"),
    ("the nine months to September", MARCH_1987, "1986-01/1986-09"),
    ("the eight months to end-August", dt.date(1987, 10, 19), "1987-01/1987-08"),
    ("the first quarter", MAY_1994, "1994-Q1"),
    ("the fourth quarter of 1986", MARCH_1987, "1986-Q4"),
    ("First quarter", dt.date(1987, 4, 7), "1987-Q1"),
    ("the quarter ended December 31, 1986", MARCH_1987, "1986-Q4"),
    ("the September quarter", MARCH_1987, "1986-Q3"),
    ("the December 1986 quarter", MARCH_1987, "1986-Q4"),
    ("the year ended September", MARCH_1987, "1985-10/1986-09"),
    ("the year ended December", MARCH_1987, "1986"),
    ("the first half of 1988", MAY_1994, "1988-01/1988-06"),
    ("fiscal 1996", MAY_1994, "FY1996"),
    ("1986/87", MAY_1994, "FY1987"),
    ("fiscal year 1985/86", MAY_1994, "FY1986"),
    ("FY1987", MAY_1994, "FY1987"),
    ("1985", MAY_1994, "1985"),
    ("last year", MAY_1994, "1993"),
    ("this year", MARCH_1987, "1987"),
    ("last month", MAY_1994, "1994-04"),
    ("the first 10 days of March", MARCH_1987, "1987-03"),
    ("from July through September", dt.date(1992, 12, 1), "1992-Q3"),
    ("from April to June 1994", MAY_1994, "1994-Q2"),
    ("the last month of 2005", dt.date(2006, 1, 11), "2005-12"),
    ("the current financial year ending March", MARCH_1987, "1986-04/1987-03"),
    ("current fiscal year ending June", dt.date(1987, 8, 3), "1987-07/1988-06"),
]


@pytest.mark.parametrize(("text", "published", "code"), CASES)
def test_absolute_periods(mentions: Language, text: str, published: dt.date, code: str) -> None:
    period = parse_period(mentions, text, published)
    assert isinstance(period, Period)
    assert period.code == code


SHIFTS: list[tuple[str, str, int]] = [
    ("a year earlier", "year", -1),
    ("a year ago", "year", -1),
    ("the same month last year", "year", -1),
    ("the year-ago period", "year", -1),
    ("the corresponding period", "year", -1),
    ("the previous month", "step", -1),
    ("the previous quarter", "step", -1),
    ("the previous three months", "step", -1),
    ("the full year", "whole_year", 0),
    ("so far this year", "year_to_date", 0),
    ("the year-to-date", "year_to_date", 0),
    ("the same period of 1986", "to_year", 1986),
]


@pytest.mark.parametrize(("text", "unit", "n"), SHIFTS)
def test_shifts_relative_to_a_figure(mentions: Language, text: str, unit: str, n: int) -> None:
    shift = parse_period(mentions, text, MARCH_1987)
    assert isinstance(shift, PeriodShift)
    assert (shift.unit, shift.n) == (unit, n)


def test_shift_keeps_granularity() -> None:
    quarter = make_period((1987, 1), (1987, 3), "Q1")
    assert shift_period(quarter, PeriodShift("year", -1, "a year earlier")).code == "1986-Q1"
    assert shift_period(quarter, PeriodShift("step", -1, "previous")).code == "1986-Q4"
    months = make_period((1987, 1), (1987, 8), "Jan-Aug")
    assert shift_period(months, PeriodShift("to_year", 1986, "1986")).code == "1986-01/1986-08"
    assert shift_period(months, PeriodShift("whole_year", 0, "full year")).code == "1987"
    fiscal = make_period((1986, 4), (1987, 3), "fiscal 1987", fiscal_year=1987)
    assert shift_period(fiscal, PeriodShift("year", -1, "previous")).code == "FY1986"


def test_relative_words_need_a_publication_date(mentions: Language) -> None:
    assert parse_period(mentions, "last year", None) is None
    assert parse_period(mentions, "March", None) is None
    period = parse_period(mentions, "March 1994", None)
    assert isinstance(period, Period)
    assert period.code == "1994-03"


# forms a pattern matches (so that their words make no shorter period) whose words give none
UNREAD: list[tuple[str, str]] = [
    ("the preceding year", "period.shift.previous"),
    ("the same period of the year", "period.shift.same-last-year"),
    ("the first nine months of the 1995/96 fiscal", "period.first-months-split-fiscal"),
    ("1995/96 fiscal ended June", "period.split-fiscal-year-ended"),
    ("the 12 months to-March", "period.months-to"),  # a dash only after "end"
    ("the first 2.5 days of March", "period.first-days"),
    ("the first 13 months of 1986", "period.first-months-year"),
]


@pytest.mark.parametrize(("text", "pattern_id", "code"), [
    ("January/March", "period.month-slash-run", "1994-Q1"),  # "January/March imports"
    ("March/April 1987", "period.month-slash-run-year", "1987-03/1987-04"),
    ("the April/June quarter", "period.month-slash-run-quarter", "1994-Q2"),
    ("4TH QTR 1986", "period.quarter-year", "1986-Q4"),
    ("first qtr", "period.quarter", "1994-Q1"),
])
def test_slash_runs_and_abbreviated_quarters(mentions: Language, text: str, pattern_id: str,
                                             code: str) -> None:
    found_id, period = matched(mentions, text, MAY_1994)
    assert (found_id, period.code) == (pattern_id, code)


@pytest.mark.parametrize(("text", "pattern_id", "shift"), [
    ("the same month one year earlier", "period.shift.same-one-year-earlier",
     PeriodShift("year", -1, "the same month one year earlier")),
    ("the like period of 1986", "period.shift.like-period-in-year",
     PeriodShift("to_year", 1986, "the like period of 1986")),
])
def test_shifts_once_unread(mentions: Language, text: str, pattern_id: str,
                            shift: PeriodShift) -> None:
    found_id, value = matched(mentions, text, MAY_1994)
    assert found_id == pattern_id
    assert (value.unit, value.n) == (shift.unit, shift.n)


@pytest.mark.parametrize(("text", "pattern_id"), UNREAD)
def test_forms_that_give_no_period(mentions: Language, text: str, pattern_id: str) -> None:
    assert matched(mentions, text, MAY_1994) == (pattern_id, None)


@pytest.mark.parametrize(("text", "pattern_id", "code"), [
    ("March 1987", "period.month-year", "1987-03"),
    ("March of last year", "period.month-of-rel", "1993-03"),
    ("the first six months of fiscal 1986", "period.first-months-fiscal", "1986-04/1986-09"),
    ("the first nine months of the 1995/96 financial year", "period.first-months-split-fiscal",
     "1995-04/1995-12"),
    ("1986/87 fiscal year ended June 30", "period.split-fiscal-year-ended", "FY1987"),
    ("Q3 1986", "period.qn", "1986-Q3"),
    ("1987 second-half", "period.year-half", "1987-07/1987-12"),
    # spacing does not matter: the words do ("first - quarter", "Jun 15 , 1987")
    ("first - quarter", "period.quarter", "1994-Q1"),
    ("Jun 15 , 1987", "period.day-date", "1987-06"),
])
def test_the_pattern_id_selects_the_resolver(
        mentions: Language, text: str, pattern_id: str, code: str) -> None:
    found, value = matched(mentions, text, MAY_1994)
    assert found == pattern_id
    assert isinstance(value, Period)
    assert value.code == code


@pytest.mark.parametrize(("text", "pattern_id", "unit"), [
    ("the previous year", "period.shift.previous", "year"),
    ("the prior quarter", "period.shift.previous", "step"),
    ("the year before", "period.shift.before", "year"),
    ("the month before", "period.shift.before", "step"),
])
def test_one_pattern_reads_its_unit_from_its_words(
        mentions: Language, text: str, pattern_id: str, unit: str) -> None:
    found, value = matched(mentions, text, MAY_1994)
    assert found == pattern_id
    assert isinstance(value, PeriodShift)
    assert (value.unit, value.n) == (unit, -1)


def test_every_period_pattern_has_a_resolver_and_every_resolver_a_pattern() -> None:
    ids = {entry["id"] for entry in load_patterns("periods.jsonl")}
    assert sorted(ids - RESOLVERS.keys()) == []
    assert sorted(RESOLVERS.keys() - ids) == []


def test_words_a_pattern_cannot_give_make_no_period() -> None:
    assert resolve_period("period.month", ("blurb",), "blurb", MAY_1994) is None


def test_an_id_without_a_resolver_is_refused() -> None:
    with pytest.raises(PatternError, match=r"period\.no-such-form"):
        resolve_period("period.no-such-form", ("march",), "March", MAY_1994)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("newsfacts_mentions", config={"load_package_patterns": False})
    pattern = {"label": "PERIOD", "pattern": [{"LOWER": "yesteryear"}], "id": "period.yore"}
    with pytest.raises(PatternError, match=r"period\.yore"):
        ruler.add_patterns([pattern])
    assert ruler.patterns == []
    ruler.add_patterns([{**pattern, "label": "CUE"}])  # other labels need none


def test_a_saved_pipeline_with_an_unknown_period_id_does_not_load(tmp_path: Path) -> None:
    target = save_pipeline(tmp_path / "model")
    patterns_file = target / "newsfacts_mentions" / "patterns"
    lines = patterns_file.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    for entry in entries:
        if entry["id"] == "period.month":
            entry["id"] = "period.month-renamed"
    patterns_file.write_text(
        "".join(json.dumps(entry) + "\n" for entry in entries), encoding="utf-8")
    with pytest.raises(PatternError, match=r"period\.month-renamed"):
        load_pipeline(target)

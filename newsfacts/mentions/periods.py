"""Periods as news writes them → ``Period`` in the SCHEMA.md canonical form (the reading;
the arithmetic on periods is ``newsfacts.periods``).

Absolute and publication-relative phrases ("March", "last year", "the first nine months
of 1986", "fiscal 1987", "1986/87") resolve against the article's publication date,
never today's. Phrases relative to another figure ("a year earlier", "the previous
month") become a ``PeriodShift`` that the rule layer applies to the fact's own period.

The span ruler has already said which form a phrase has: each pattern of
``newsfacts/patterns/periods.jsonl`` has an id, and ``RESOLVERS`` gives the function for
that id, which reads the span's words (one per token, lower case) where its pattern puts
them: the month, the year, the count. A pattern id without a resolver is refused when
the patterns are loaded (``resolver_for``). A form matched only so that its words make no
shorter period gives ``None`` from its resolver where its words say nothing more ("the
preceding year" as a period of its own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from newsfacts.errors import Errors
from newsfacts.periods import (
    PeriodShift,
    fiscal_period,
    make_period,
    shift_months,
)
from newsfacts.schema import Period

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": 4,
    "final": 4,
}
COUNTS: dict[str, int] = {
    word: number
    for number, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}


# the months of a span named by its word ("the quarter ended December")
SPAN_WORDS: dict[str, int] = {"month": 1, "quarter": 3, "half": 6, "year": 12}
PERIOD_LABELS: frozenset[str] = frozenset({"PERIOD", "PERIOD_SHIFT"})

Words = tuple[str, ...]  # the span's tokens, lower case
Value = Period | PeriodShift | None
Resolver = Callable[[Words, str, dt.date | None], Value]


def _latest_before(month: int, published: dt.date | None) -> int | None:
    """The year of the latest ``month`` that began before the publication month.

    A figure is published after its period has begun: "March" in a story of May 1994 is
    March 1994, "December" in a story of February 1987 is December 1986.
    """
    if published is None:
        return None
    return published.year if month < published.month else published.year - 1


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return COUNTS.get(word)


@lru_cache(maxsize=4096)
def _parse_day_date(text: str, published: dt.date | None) -> dt.date | None:
    """A full date string through dateparser, pinned to English, relative to publication."""
    import dateparser  # imported lazily: only day dates need it

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["month", "year"]}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return None if parsed is None else parsed.date()


def _month_of(word: str) -> int | None:
    return MONTHS.get(word.removesuffix("."))


def _months(words: Words) -> list[int]:
    """The months named in ``words``, in order."""
    return [month for word in words if (month := _month_of(word)) is not None]


def _is_year(word: str) -> bool:
    """A year token as the patterns write it: 19xx or 20xx."""
    return len(word) == 4 and word[:2] in ("19", "20") and word[2:].isdecimal()


def _years(words: Words) -> list[int]:
    return [int(word) for word in words if _is_year(word)]


def _split_year(word: str) -> int:
    """'1986/87' → 1987, '1999/00' → 2000: the year a split year ends in."""
    first, second = word.split("/")
    year = int(first) // 100 * 100 + int(second)
    return year + 100 if year < int(first) else year


def _rel_year(word: str, published: dt.date | None) -> int | None:
    """The year of 'this year' or 'last year' ('this' or 'last')."""
    if published is None:
        return None
    return published.year - 1 if word == "last" else published.year


def _stated_year(words: Words, published: dt.date | None) -> tuple[bool, int | None]:
    """Whether the words name the year (a year, 'this year', 'last year'), and which."""
    years = _years(words)
    if years:
        return True, years[0]
    if len(words) > 1 and words[-1] == "year" and words[-2] in ("this", "last"):
        return True, _rel_year(words[-2], published)
    return False, None


def _loose_dash(words: Words) -> bool:
    """A dash before the closing month without 'end' ('to -March'): the form is read only
    as 'end-March'."""
    return "-" in words and "end" not in words


def _one_month(year: int | None, month: int, raw: str) -> Period | None:
    return None if year is None else make_period((year, month), (year, month), raw)


def _whole_year(year: int | None, raw: str) -> Period | None:
    return None if year is None else make_period((year, 1), (year, 12), raw)


# absolute and publication-relative periods


def _month(words: Words, raw: str, published: dt.date | None) -> Value:
    """'March': the latest March begun before publication."""
    month = _month_of(words[0])
    return None if month is None else _one_month(_latest_before(month, published), month, raw)


def _month_of_year(words: Words, raw: str, published: dt.date | None) -> Value:
    """'March 1987', 'March, 1987', 'March of 1987'."""
    month = _month_of(words[0])
    return None if month is None else _one_month(int(words[-1]), month, raw)


def _month_of_rel(words: Words, raw: str, published: dt.date | None) -> Value:
    """'March this year', 'March of last year'."""
    month = _month_of(words[0])
    return None if month is None else _one_month(_rel_year(words[-2], published), month, raw)


def _day_date(words: Words, raw: str, published: dt.date | None) -> Value:
    """'March 15, 1987' → its month (the date read by dateparser)."""
    parsed = _parse_day_date(raw, published)
    return None if parsed is None else _one_month(parsed.year, parsed.month, raw)


def _month_run(words: Words, raw: str, published: dt.date | None) -> Value:
    """'January-March', 'from July through September 1992', 'the March-May quarter'.

    Without a year the run is the latest one begun before publication."""
    months = _months(words)
    if len(months) != 2:
        return None
    m1, m2 = months
    if _is_year(words[-1]):
        y2: int | None = int(words[-1])
    else:
        y1_guess = _latest_before(m1, published)
        y2 = None if y1_guess is None else y1_guess + (m1 > m2)
    if y2 is None:
        return None
    y1 = y2 if m1 <= m2 else y2 - 1
    return make_period((y1, m1), (y2, m2), raw)


def _first_months_in(count: int | None, year: int | None, raw: str) -> Period | None:
    if count is None or year is None or not 1 <= count <= 12:
        return None
    return make_period((year, 1), (year, count), raw)


def _first_months(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the first nine months', '… of the year': of the latest year in which that many
    months had begun before publication."""
    count = _count(words[1])
    if published is None or count is None:
        return None
    year = published.year if count < published.month else published.year - 1
    return _first_months_in(count, year, raw)


def _first_months_of_year(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the first nine months of 1986'."""
    return _first_months_in(_count(words[1]), int(words[-1]), raw)


def _first_months_of_rel(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the first two months of this year'."""
    return _first_months_in(_count(words[1]), _rel_year(words[-2], published), raw)


def _first_months_fiscal(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the first six months of fiscal 1986', '… of the 1995/96 financial year'.

    An April start: 'fiscal 1986' starts in 1986, '1995/96' in 1995; the rule layer moves
    the run for economies whose year starts in another month."""
    if words[-1] in ("fiscal", "financial"):  # '… of 1995/96 fiscal' without 'year'
        return None
    count = _count(words[1])
    year = next(word for word in words[4:] if word[:1].isdecimal())
    if count is None or not 1 <= count <= 12:
        return None
    start = (_split_year(year) - 1, 4) if "/" in year else (int(year), 4)
    return make_period(start, shift_months(*start, count - 1), raw)


def _run_ending(count: int | None, words: Words, raw: str, published: dt.date | None) -> Value:
    """``count`` months ending in the month named (in the year named, else the latest such
    month begun before publication)."""
    if _loose_dash(words):
        return None
    end_month = _months(words)[-1]
    end_year = int(words[-1]) if _is_year(words[-1]) else _latest_before(end_month, published)
    if count is None or end_year is None or not 1 <= count <= 24:
        return None
    return make_period(shift_months(end_year, end_month, 1 - count), (end_year, end_month), raw)


def _months_to(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the nine months to September', 'the 12 months to end-March 1987'."""
    return _run_ending(_count(words[0]), words, raw, published)


def _span_to(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the year to March', 'the quarter ended December 31, 1986'."""
    return _run_ending(SPAN_WORDS[words[0]], words, raw, published)


def _current_year_ending(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the current financial year ending March': the year that ends next."""
    if published is None or _loose_dash(words):
        return None
    closing = _months(words)[-1]
    closes_in = published.year + (closing < published.month)
    return make_period(shift_months(closes_in, closing, -11), (closes_in, closing), raw)


def _month_quarter(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the September quarter', 'the 1985 December quarter', 'the December 1986 quarter'."""
    end_month = _months(words)[0]
    years = _years(words)
    end_year = years[0] if years else _latest_before(end_month, published)
    if end_year is None:
        return None
    return make_period(shift_months(end_year, end_month, -2), (end_year, end_month), raw)


def _part(number: int, months: int, words: Words, raw: str, published: dt.date | None) -> Value:
    """The ``number``-th part of ``months`` months of the year named, else of the latest
    year in which it had begun before publication."""
    first = number * months - months + 1
    stated, year = _stated_year(words, published)
    if not stated:
        year = _latest_before(first, published)
    return None if year is None else make_period((year, first), (year, number * months), raw)


def _quarter(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the first quarter', 'fourth-quarter 1986', '1987 first quarter', 'Q1 1987'."""
    if words[0] in ("q1", "q2", "q3", "q4"):
        return _part(int(words[0][1]), 3, words, raw, published)
    number = next(ORDINALS[word] for word in words if word in ORDINALS)
    return _part(number, 3, words, raw, published)


def _half(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the first half of 1988', 'second-half', '1987 first half'."""
    number = next(ORDINALS[word] for word in words if word in ("first", "second"))
    return _part(number, 6, words, raw, published)


def _fiscal(words: Words, raw: str, published: dt.date | None) -> Value:
    """'fiscal 1986': an April-to-March year named by the year it starts in (Japan);
    economies whose year ends elsewhere are moved by the rule layer."""
    year = int(words[-1])
    return make_period((year, 4), (year + 1, 3), raw, fiscal_year=year)


def _split_fiscal(words: Words, raw: str, published: dt.date | None) -> Value:
    """'1986/87', 'fiscal year 1985/86', 'the 1986/87 fiscal year': named by the year it
    ends in, ending in March where the text does not say."""
    year = next(_split_year(word) for word in words if "/" in word)
    return fiscal_period(year, 3, raw)


def _split_fiscal_ended(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the 1986/87 fiscal year ended June 30', '1995/96 to March'."""
    if ("fiscal" in words or "financial" in words) and "year" not in words:
        return None  # '1995/96 fiscal ended March'
    if _loose_dash(words):
        return None
    year = next(_split_year(word) for word in words if "/" in word)
    return fiscal_period(year, _months(words)[-1], raw)


def _fy(words: Words, raw: str, published: dt.date | None) -> Value:
    """'FY1987', 'fy87' (a two-digit year after 50 is in the 1900s)."""
    year = int(words[0][2:])
    if year < 100:
        year += 1900 if year > 50 else 2000
    return fiscal_period(year, 3, raw)


def _calendar_year(words: Words, raw: str, published: dt.date | None) -> Value:
    """'1985', 'calendar 1985'."""
    return _whole_year(int(words[-1]), raw)


def _this_or_last_year(words: Words, raw: str, published: dt.date | None) -> Value:
    """'this year', 'last year'."""
    return _whole_year(_rel_year(words[0], published), raw)


def _this_or_last_month(words: Words, raw: str, published: dt.date | None) -> Value:
    """'this month', 'last month'."""
    if published is None:
        return None
    month = shift_months(published.year, published.month, -1 if words[0] == "last" else 0)
    return make_period(month, month, raw)


def _first_days(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the first 20 days of February': a partial month, named as the month."""
    month = _months(words)[-1]
    if not words[1].isalnum():  # '1,000', '2.5': not a count of days
        return None
    return _one_month(_latest_before(month - 1, published), month, raw)


def _last_month_of(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the last month of 2005': its December."""
    return _one_month(int(words[-1]), 12, raw)


# periods relative to another figure's


def _year_back(words: Words, raw: str, published: dt.date | None) -> Value:
    """'a year earlier', 'the year-ago period', 'the same month last year'."""
    return PeriodShift("year", -1, raw)


def _step_back(words: Words, raw: str, published: dt.date | None) -> Value:
    """'a month earlier', 'the quarter-earlier figure', 'the previous three months'."""
    return PeriodShift("step", -1, raw)


def _previous(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the previous month' (a step back), 'the previous year' (a year back); 'the
    preceding year' and 'the prior year' give none."""
    if words[2] != "year":
        return PeriodShift("step", -1, raw)
    return PeriodShift("year", -1, raw) if words[1] == "previous" else None


def _before(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the year before' (a year back), 'the month before', 'the quarter before'."""
    return PeriodShift("year" if words[1] == "year" else "step", -1, raw)


def _same_last_year(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the same month (of) last year', 'the same period (of) the previous year'; other
    endings ('the same period of the year') give none."""
    ending = words[3:] if words[3] != "of" else words[4:]
    return PeriodShift("year", -1, raw) if ending in (
        ("last", "year"), ("the", "previous", "year")) else None


def _to_year(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the same period of 1986', 'the same 1986 period': the figure's period in that year."""
    return PeriodShift("to_year", _years(words)[0], raw)


def _full_year(words: Words, raw: str, published: dt.date | None) -> Value:
    """'the full year': the calendar year the figure's period ends in."""
    return PeriodShift("whole_year", 0, raw)


def _year_to_date(words: Words, raw: str, published: dt.date | None) -> Value:
    """'so far this year', 'the year-to-date'."""
    return PeriodShift("year_to_date", 0, raw)


RESOLVERS: dict[str, Resolver] = {
    "period.month": _month,
    "period.month-year": _month_of_year,
    "period.month-of-year": _month_of_year,
    "period.month-of-rel": _month_of_rel,
    "period.month-rel": _month_of_rel,
    "period.day-date": _day_date,
    "period.month-run": _month_run,
    "period.month-run-year": _month_run,
    "period.month-run-quarter": _month_run,
    "period.from-month-run": _month_run,
    "period.from-month-run-year": _month_run,
    "period.first-months": _first_months,
    "period.first-months-the-year": _first_months,
    "period.first-months-year": _first_months_of_year,
    "period.first-months-rel": _first_months_of_rel,
    "period.first-months-fiscal": _first_months_fiscal,
    "period.first-months-split-fiscal": _first_months_fiscal,
    "period.months-to": _months_to,
    "period.months-to-year": _months_to,
    "period.span-ended": _span_to,
    "period.span-ended-year": _span_to,
    "period.span-ended-date": _span_to,
    "period.current-year-ending": _current_year_ending,
    "period.month-quarter": _month_quarter,
    "period.quarter": _quarter,
    "period.quarter-year": _quarter,
    "period.quarter-rel": _quarter,
    "period.year-quarter": _quarter,
    "period.qn": _quarter,
    "period.half": _half,
    "period.half-year": _half,
    "period.half-rel": _half,
    "period.year-half": _half,
    "period.fiscal": _fiscal,
    "period.fiscal-split": _split_fiscal,
    "period.split-year": _split_fiscal,
    "period.split-fiscal-year": _split_fiscal,
    "period.split-fiscal-year-ended": _split_fiscal_ended,
    "period.fy": _fy,
    "period.year": _calendar_year,
    "period.calendar-year": _calendar_year,
    "period.rel-year": _this_or_last_year,
    "period.rel-month": _this_or_last_month,
    "period.first-days": _first_days,
    "period.last-month-of-year": _last_month_of,
    "period.shift.a-year-earlier": _year_back,
    "period.shift.year-ago": _year_back,
    "period.shift.same": _year_back,
    "period.shift.same-year-earlier": _year_back,
    "period.shift.same-last-year": _same_last_year,
    "period.shift.a-step-earlier": _step_back,
    "period.shift.step-earlier": _step_back,
    "period.shift.previous-three-months": _step_back,
    "period.shift.previous": _previous,
    "period.shift.before": _before,
    "period.shift.same-in-year": _to_year,
    "period.shift.same-year-period": _to_year,
    "period.shift.whole-year": _full_year,
    "period.shift.so-far-this-year": _year_to_date,
    "period.shift.this-year-so-far": _year_to_date,
    "period.shift.year-to-date": _year_to_date,
    "period.month-slash-run": _month_run,
    "period.month-slash-run-year": _month_run,
    "period.month-slash-run-quarter": _month_run,
    "period.shift.same-one-year-earlier": _year_back,
    "period.shift.like-period-in-year": _to_year,
}


def resolver_for(pattern_id: str) -> Resolver:
    """The resolver of a period pattern; a ``PatternError`` for an id that has none."""
    try:
        return RESOLVERS[pattern_id]
    except KeyError:
        raise Errors.PERIOD_ID_NO_RESOLVER(pattern_id=pattern_id) from None


def check_period_ids(patterns: list[dict[str, Any]]) -> None:
    """Refuse span-ruler patterns whose period ids have no resolver (at load time)."""
    for entry in patterns:
        if entry.get("label") in PERIOD_LABELS:
            resolver_for(str(entry.get("id", "")))


def resolve_period(
    pattern_id: str, words: Words, raw: str, published: dt.date | None
) -> Value:
    """The period (or shift) of a span matched by pattern ``pattern_id``: ``words`` are its
    tokens in lower case, ``raw`` its text; ``None`` where it cannot be fixed (e.g. no
    publication date for 'last year')."""
    return resolver_for(pattern_id)(words, raw, published)

"""Periods as news writes them → ``Period`` in the SCHEMA.md canonical form (the reading;
the arithmetic on periods is ``newsfacts.periods``).

Absolute and publication-relative phrases ("March", "last year", "the first nine months
of 1986", "fiscal 1987", "1986/87") resolve against the article's publication date,
never today's. Phrases relative to another figure ("a year earlier", "the previous
month") become a ``PeriodShift`` that the rule layer applies to the fact's own period.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

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


SPAN_WORDS: dict[str, int] = {
    "month": 1,
    "quarter": 3,
    "half": 6,
    "half-year": 6,
    "year": 12,
    "fiscal year": 12,
    "financial year": 12,
}


_MONTH = r"(?P<{name}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<{name}>(?:19|20)\d\d)"
_REL_YEAR = r"(?P<{name}>this year|last year|the previous year|the year before|a year earlier)"


def _month(name: str) -> str:
    return _MONTH.format(name=name)


def _year(name: str) -> str:
    return _YEAR.format(name=name)


def _latest_before(month: int, published: dt.date | None) -> int | None:
    """The year of the latest ``month`` that began before the publication month.

    A figure is published after its period has begun: "March" in a story of May 1994 is
    March 1994, "December" in a story of February 1987 is December 1986.
    """
    if published is None:
        return None
    return published.year if month < published.month else published.year - 1


_SHIFTS: tuple[tuple[re.Pattern[str], PeriodShift], ...] = tuple(
    (re.compile(pattern), PeriodShift(unit, n, pattern))  # type: ignore[arg-type]
    for pattern, unit, n in (
        (
            r"(?:the |a )?(?:same|corresponding|comparable|like|similar) "
            r"(?:month|period|months|quarter|time)"
            r"(?: (?:a year (?:earlier|ago|before)|(?:of |in )?(?:last|the previous) year))?",
            "year",
            -1,
        ),
        (r"(?:the )?(?:full|whole|entire) year|the year as a whole", "whole_year", 0),
        (r"so far this year|this year so far|(?:the )?year[- ]to[- ]date(?: period)?",
         "year_to_date", 0),
        (
            r"(?:a|one) year (?:earlier|ago|before)|(?:the )?year[- ](?:earlier|ago)(?: \w+)?|"
            r"(?:the )?previous year|the year before|last year's",
            "year",
            -1,
        ),
        (
            r"(?:the )?(?:previous|preceding|prior) (?:month|quarter|period)|"
            r"(?:a|one) (?:month|quarter) (?:earlier|ago|before)|the month before|"
            r"the quarter before|(?:the )?(?:month|quarter)[- ]earlier(?: \w+)?|"
            r"the (?:previous|preceding|prior|past) (?:three|3) months",
            "step",
            -1,
        ),
    )
)

_FORMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(form)
    for form in (
        # runs of months: "january-march 1987", "jan to march", "from july through september"
        rf"(?:the |from )?{_month('m1')}\s*(?:-|to|through|thru|until|till|and)\s*{_month('m2')}"
        rf"(?:,? (?:of )?{_year('y')})?"
        r"(?: (?:quarter|period))?",
        # "the first six months of fiscal 1986", "the first nine months of the 1995/96 …"
        r"(?:the )?first (?P<fcount>\w+) months? of (?:the )?(?:fiscal|financial) (?:year )?"
        r"(?P<fyear>(?:19|20)\d\d)(?:/(?P<fyearb>\d\d))?(?: (?:fiscal |financial )?year)?",
        r"(?:the )?first (?P<fcount2>\w+) months? of (?:the )?(?P<fyear2>(?:19|20)\d\d)/"
        r"(?P<fyear2b>\d\d)(?: (?:fiscal |financial )?year)?",
        # "the first nine months of 1986", "the first two months of this year"
        r"(?:the )?first (?P<count>\w+) months?(?: of (?:the year|(?P<yr>(?:19|20)\d\d)|"
        r"(?P<rel>this year|last year)))?",
        # "the nine months to september", "the 12 months to march 1987",
        # "the quarter ended december 31, 1986", "the year to march"
        r"(?:the )?(?P<count2>\w+ months?|quarter|year|half|half-year|month|fiscal year"
        r"|financial year) "
        rf"(?:to|through|ended|ending) (?:end-? ?)?{_month('mend')}(?: \d{{1,2}})?"
        rf"(?:,? {_year('yend')})?",
        # "the current financial year ending march": the year that ends next
        rf"(?:the )?(?:current|present) (?:financial |fiscal )?year (?:to|ending|ended) "
        rf"(?:end-? ?)?{_month('cyend')}(?: \d{{1,2}})?",
        # "the september quarter", "the 1985 december quarter", "the december 1986 quarter"
        rf"(?:the )?(?:{_year('qmy1')} )?{_month('qm')}(?: {_year('qmy2')})? quarter",
        # quarters: "the first quarter of 1987", "1987 first quarter", "q1 1987", "fourth-quarter"
        rf"(?:the )?(?:{_year('qy1')} )?"
        r"(?P<qord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
        rf"[- ]quarter(?:,? (?:of )?(?:{_year('qy2')}|(?P<qrel>this year|last year)))?",
        rf"q(?P<qnum>[1-4])(?: {_year('qy3')})?",
        # halves
        rf"(?:the )?(?:{_year('hy1')} )?(?P<hord>first|second)[- ]half(?:,? (?:of )?"
        rf"(?:{_year('hy2')}|(?P<hrel>this year|last year)))?",
        # fiscal years: "fiscal 1987", "fiscal year 1986/87", "1986/87", "fy1987"
        r"(?:the )?(?:fiscal|financial)(?: year)? (?P<fy1>(?:19|20)\d\d)(?:/(?P<fy1b>\d\d))?"
        r"(?: fiscal year)?",
        r"(?:the )?(?P<fy2>(?:19|20)\d\d)/(?P<fy2b>\d\d)(?: (?:fiscal |financial )?year)?"
        rf"(?: (?:ended|ending|to) (?:end-? ?)?{_month('fyend')}(?: \d{{1,2}})?)?",
        r"fy ?(?P<fy3>(?:19|20)?\d\d)",
        # a month with or without a year: "march", "march 1987", "march of last year"
        rf"{_month('mm')}(?:,? (?:of )?(?:{_year('my')}|(?P<mrel>this year|last year)))?",
        # "the last month of 2005": its december
        rf"(?:the )?(?:last|final) month (?:of|in) {_year('lmy')}",
        # a day date: "march 15, 1987" → its month
        rf"{_month('dm')} \d{{1,2}},? {_year('dy')}",
        # years
        r"(?:calendar |the year |in )?(?P<year>(?:19|20)\d\d)",
        r"(?P<relyear>this year|last year|the past year)",
        r"(?P<lastmonth>last month|this month)",
    )
)


def _part_of_year(
    number: int,
    months: int,
    year_text: str | None,
    relative: str | None,
    published: dt.date | None,
    raw: str,
) -> Period | None:
    """The ``number``-th part of ``months`` months of a year (a quarter, a half)."""
    first = number * months - months + 1
    if year_text:
        year: int | None = int(year_text)
    elif relative:
        year = _rel_year(relative, published)
    else:
        year = _latest_before(first, published)
    if year is None:
        return None
    return make_period((year, first), (year, number * months), raw)


def _rel_year(word: str | None, published: dt.date | None) -> int | None:
    if published is None:
        return None
    if word in ("last year", "the past year"):
        return published.year - 1
    return published.year


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return COUNTS.get(word)


def _resolve(match: re.Match[str], raw: str, published: dt.date | None) -> Period | None:
    g = match.groupdict()
    if g.get("m1"):
        m1, m2 = MONTHS[g["m1"]], MONTHS[g["m2"]]
        if g.get("y"):
            y2: int | None = int(g["y"])
        else:
            y1_guess = _latest_before(m1, published)
            y2 = None if y1_guess is None else y1_guess + (m1 > m2)
        if y2 is None:
            return None
        y1 = y2 if m1 <= m2 else y2 - 1
        return make_period((y1, m1), (y2, m2), raw)
    if g.get("fcount") or g.get("fcount2"):
        count = _count(g.get("fcount") or g["fcount2"])
        first, second = g.get("fyear") or g["fyear2"], g.get("fyearb") or g.get("fyear2b")
        fiscal = int(first) if not second else int(first) // 100 * 100 + int(second)
        if second and fiscal < int(first):
            fiscal += 100
        if count is None or not 1 <= count <= 12:
            return None
        # an April start: "fiscal 1986" starts in 1986, "1995/96" in 1995; the rule layer
        # moves the run for economies whose year starts in another month
        start = (fiscal - 1, 4) if second else (fiscal, 4)
        return make_period(start, shift_months(*start, count - 1), raw)
    if g.get("count"):
        count = _count(g["count"])
        if g.get("yr"):
            year: int | None = int(g["yr"])
        elif g.get("rel"):
            year = _rel_year(g["rel"], published)
        elif published is not None and count is not None:
            year = published.year if count < published.month else published.year - 1
        else:
            year = None
        if count is None or year is None or not 1 <= count <= 12:
            return None
        return make_period((year, 1), (year, count), raw)
    if g.get("cyend"):
        if published is None:
            return None
        closing = MONTHS[g["cyend"]]
        closes_in = published.year + (closing < published.month)
        return make_period(shift_months(closes_in, closing, -11), (closes_in, closing), raw)
    if g.get("qm"):
        end_month = MONTHS[g["qm"]]
        year_text = g.get("qmy1") or g.get("qmy2")
        end_year = int(year_text) if year_text else _latest_before(end_month, published)
        if end_year is None:
            return None
        return make_period(shift_months(end_year, end_month, -2), (end_year, end_month), raw)
    if g.get("count2"):
        length = SPAN_WORDS.get(g["count2"]) or _count(g["count2"].split()[0])
        count, end_month = length, MONTHS[g["mend"]]
        end_year = int(g["yend"]) if g.get("yend") else _latest_before(end_month, published)
        if count is None or end_year is None or not 1 <= count <= 24:
            return None
        return make_period(shift_months(end_year, end_month, 1 - count), (end_year, end_month), raw)
    if g.get("qord") or g.get("qnum"):
        quarter = ORDINALS[g["qord"]] if g.get("qord") else int(g["qnum"])
        year_text = g.get("qy1") or g.get("qy2") or g.get("qy3")
        return _part_of_year(quarter, 3, year_text, g.get("qrel"), published, raw)
    if g.get("hord"):
        year_text = g.get("hy1") or g.get("hy2")
        return _part_of_year(ORDINALS[g["hord"]], 6, year_text, g.get("hrel"), published, raw)
    for first, second in (("fy1", "fy1b"), ("fy2", "fy2b"), ("fy3", None)):
        if g.get(first):
            year = int(g[first])
            if year < 100:
                year += 1900 if year > 50 else 2000
            if second and g.get(second):
                year = year // 100 * 100 + int(g[second])
                if year < int(g[first]):
                    year += 100
            elif first == "fy1":
                # "fiscal 1986" in an April-to-March year is named by the year it starts in
                # (Japan); economies whose year ends elsewhere are moved by the rule layer
                return make_period((year, 4), (year + 1, 3), raw, fiscal_year=year)
            end_month = MONTHS[g["fyend"]] if g.get("fyend") else 3
            return fiscal_period(year, end_month, raw)
    if g.get("mm"):
        month = MONTHS[g["mm"]]
        if g.get("my"):
            year = int(g["my"])
        elif g.get("mrel"):
            year = _rel_year(g["mrel"], published)
        else:
            year = _latest_before(month, published)
        if year is None:
            return None
        return make_period((year, month), (year, month), raw)
    if g.get("lmy"):
        return make_period((int(g["lmy"]), 12), (int(g["lmy"]), 12), raw)
    if g.get("dm"):
        parsed = _parse_day_date(raw, published)
        if parsed is None:
            return None
        return make_period((parsed.year, parsed.month), (parsed.year, parsed.month), raw)
    if g.get("year"):
        year = int(g["year"])
        return make_period((year, 1), (year, 12), raw)
    if g.get("relyear"):
        year = _rel_year(g["relyear"], published)
        return None if year is None else make_period((year, 1), (year, 12), raw)
    if g.get("lastmonth") and published is not None:
        delta = -1 if g["lastmonth"] == "last month" else 0
        ym = shift_months(published.year, published.month, delta)
        return make_period(ym, ym, raw)
    return None


@lru_cache(maxsize=4096)
def _parse_day_date(text: str, published: dt.date | None) -> dt.date | None:
    """A full date string through dateparser, pinned to English, relative to publication."""
    import dateparser  # imported lazily: only day dates need it

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["month", "year"]}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return None if parsed is None else parsed.date()


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace("'s", ""))


_TO_YEAR = re.compile(
    r"(?:the )?(?:same|corresponding|comparable) (?:month|period|months|quarter|time) "
    r"(?:of|in) (?P<year>(?:19|20)\d\d)|(?:the )?same (?P<year2>(?:19|20)\d\d) period"
)
_FIRST_DAYS = re.compile(
    rf"(?:the )?first \w+ days (?:of|in) {_month('fdm')}(?:,? {_year('fdy')})?"
)


def parse_period(text: str, published: dt.date | None) -> Period | PeriodShift | None:
    """Resolve a period phrase; ``None`` where it cannot be fixed (e.g. no publication date)."""
    cleaned = _clean(text)
    to_year = _TO_YEAR.fullmatch(cleaned)
    if to_year:
        return PeriodShift("to_year", int(to_year.group("year") or to_year.group("year2")), text)
    first_days = _FIRST_DAYS.fullmatch(cleaned)
    if first_days:  # "the first 20 days of February": a partial month, named as the month
        month = MONTHS[first_days.group("fdm")]
        year = (
            int(first_days.group("fdy"))
            if first_days.group("fdy")
            else _latest_before(month - 1, published)
        )
        return None if year is None else make_period((year, month), (year, month), text)
    for pattern, shift in _SHIFTS:
        if pattern.fullmatch(cleaned):
            return PeriodShift(shift.unit, shift.n, text)
    for form in _FORMS:
        match = form.fullmatch(cleaned)
        if match:
            return _resolve(match, text, published)
    return None

"""Publication dates of articles: ISO and Reuters-21578 dates, four-digit years only."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from newsfacts.errors import Errors
from newsfacts.ingest.files import excerpt

REUTERS_DATE_FORMATS: tuple[str, ...] = ("%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y %H:%M:%S", "%d-%b-%Y")
# Some Reuters-21578 dates carry stray letters after the time ('27-MAR-1987 01:35:42.65RM'),
# a garbled time ('31-MAR-1987 605:12:19.12') or an editor's comment ('9-APR-1987
# 00:00:00.00    # date added by S Finch as guesswork'): the day is still plain.
_REUTERS_DATE_WITH_TAIL = re.compile(
    r"^(\d{1,2}-[A-Za-z]{3}-\d{4}) \d{1,3}:\d\d:\d\d(?:\.\d+)?(?:[A-Z ]*|\s+#.*)$")


FIRST_YEAR, LAST_YEAR = 1001, 9998  # "last year" and "next year" stay four-digit years


def news_year(date: dt.date, where: str) -> dt.date:
    """``date``, or DateError where its year is one no period code can name."""
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise Errors.DATE_YEAR_RANGE(where=where, first_year=FIRST_YEAR, last_year=LAST_YEAR)
    return date


def parse_date(value: Any, where: str) -> dt.date | None:
    """The one parser of publication dates, for every reader and for ``published=``.

    ISO dates ('1994-05-20', with a time after 'T' or a space or without) and Reuters-21578
    dates ('26-FEB-1987 15:51:51.24', stray letters after the time allowed); None or '' is
    no date. Anything else is a DateError that starts with ``where``.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Errors.DATE_NOT_A_STRING(where=where, value=excerpt(value), kind=type(value).__name__)
    text = value.strip()
    for parse in (dt.date.fromisoformat, _iso_date_time):
        try:
            return news_year(parse(text), where)
        except ValueError:
            pass
    for layout in REUTERS_DATE_FORMATS:
        try:
            return news_year(dt.datetime.strptime(text, layout).date(), where)
        except ValueError:
            continue
    tailed = _REUTERS_DATE_WITH_TAIL.match(text)
    if tailed:
        try:
            return news_year(dt.datetime.strptime(tailed.group(1), "%d-%b-%Y").date(), where)
        except ValueError:
            pass
    raise Errors.DATE_NOT_A_DATE(where=where, value=excerpt(value))


def _iso_date_time(text: str) -> dt.date:
    """The date of an ISO date and time: '1994-05-20T09:30:00', '1994-05-20 09:30 GMT'."""
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        if len(text) > 10 and text[10] in "T ":
            return dt.date.fromisoformat(text[:10])
        raise


def parse_published(value: str | dt.date | dt.datetime | None) -> dt.date | None:
    """A publication date given by a caller: a date, a datetime (its date), None, or a string
    ``parse_date`` reads; an empty string or anything else is a DateError."""
    if value is None or isinstance(value, dt.date):
        date = value.date() if isinstance(value, dt.datetime) else value
        return None if date is None else news_year(date, f"published={value!r}")
    date = parse_date(value, "published") if isinstance(value, str) else None
    if date is None:
        raise Errors.DATE_NOT_A_DATE(where="published", value=repr(value))
    return date

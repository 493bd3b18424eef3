"""Publication dates of articles: ISO and Reuters-21578 dates, four-digit years only."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from newsfacts.errors import DateError

REUTERS_DATE_FORMATS: tuple[str, ...] = ("%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y %H:%M:%S", "%d-%b-%Y")
# Some Reuters-21578 dates carry stray letters after the time: '27-MAR-1987 01:35:42.65RM'.
_REUTERS_DATE_WITH_TAIL = re.compile(
    r"^(\d{1,2}-[A-Za-z]{3}-\d{4}) \d\d:\d\d:\d\d(?:\.\d+)?[A-Z ]+$")


FIRST_YEAR, LAST_YEAR = 1001, 9998  # "last year" and "next year" stay four-digit years


def news_year(date: dt.date, where: str) -> dt.date:
    """``date``, or DateError where its year is one no period code can name."""
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise DateError(f"{where}: periods are named by four-digit years, so a publication "
                        f"date lies between {FIRST_YEAR} and {LAST_YEAR}")
    return date


def parse_date(value: Any, where: str) -> dt.date | None:
    """ISO dates ('1994-05-20', with or without time) and Reuters-21578 dates."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise DateError(f"{where}: date {value!r} is not a string")
    text = value.strip()
    try:
        return news_year(dt.date.fromisoformat(text[:10]), where)
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
    raise DateError(
        f"{where}: date {value!r} is neither ISO (1994-05-20) nor Reuters (26-FEB-1987)"
    )

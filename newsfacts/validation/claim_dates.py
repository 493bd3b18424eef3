"""When a claim was made, against the vintage it is compared with: may revisions explain a gap?

Revisions can only explain the gap between a figure as it was known when the claim was made
and the figure the store holds today. So each claim is judged against each series in one of
three ways, by its publication date (``TradeFact.published``, set by the extractor from the
article's date) and the vintage of the store's latest figure of the series for the period:

- ``after``: published on or after that vintage. The claim could have used that very figure,
  so it is judged against it with its stated precision (and the source's rounding) only: no
  revision range. An earlier vintage it matches exactly still makes it ``revised``.
- ``before``: published before that vintage. Revisions made since may explain a gap: the
  store's own vintages first, then the revision range at the figure's age. Where the store
  holds other vintages of the period, the one nearest the claim's date counts: one published
  on or before it is the figure as known then (no range); else the earliest revised one after
  it, with the range at its age (``verdicts``).
- ``undated``: no publication date. The claim is judged as a claim about the figures the
  store holds today, as ``after``; its verdict says so and how to allow for revisions (give
  the date).

"The latest vintage" is that of the statistic (flow, basis, adjustment) over every series
of it that holds the period, estimated ones included: an estimate stands for today's figure
of a statistic whose published series may hold only a first release (see ``verdicts``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Timing = Literal["after", "before", "undated"]
TIMINGS: tuple[str, ...] = ("after", "before", "undated")


def timing_of(published: dt.date | None, latest_vintage: dt.date) -> Timing:
    """The case that applies to a claim published on ``published`` judged against a series
    whose latest figure for the period was published on ``latest_vintage``."""
    if published is None:
        return "undated"
    return "after" if published >= latest_vintage else "before"


def allows_revisions(timing: Timing) -> bool:
    return timing == "before"


def timing_sentence(timing: Timing, published: dt.date | None, vintage: dt.date) -> str:
    """The sentence of a verdict that names the case and why."""
    if timing == "after":
        return (f"The text is dated {published}, on or after the store's latest figure of "
                f"this statistic (vintage {vintage}), so it could have used that very figure: "
                "it is judged with its stated precision only, no revision range.")
    if timing == "undated":
        return (f"The claim carries no publication date, so it is judged as a claim about the "
                f"figures the store holds today (vintage {vintage}), with its stated precision "
                "only, no revision range; to allow for revisions made since it was published, "
                "give its date (`--published DATE`, or the fact's `published` field).")
    return (f"The text is dated {published}, before the store's latest figure of this "
            f"statistic (vintage {vintage}): revisions made since may explain a gap.")


def no_range_reason(timing: Timing) -> str:
    """Why no revision range was applied, for the closing line and the checks."""
    if timing == "after":
        return "no revision range: the text is dated on or after the latest vintage"
    if timing == "undated":
        return "no revision range: the claim is undated; give its date to allow for revisions"
    return ""

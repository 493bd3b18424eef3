"""What a chart shows: the official series a verdict used, its vintages, and the claims.

A chart covers one *family* of series: the same indicator, flow, basis, reporter, partner,
adjustment, frequency and currency (the latest figures and the first releases of the U.S.
goods and services balance are one family). Values are read from the reference store over a
window around the claimed periods; each vintage that published several of those periods is a
line, and vintages that published a single one (first releases) are points.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from newsfacts.validation import ReferenceStore, SeriesInfo, Verdict

FAMILY_FIELDS: tuple[str, ...] = ("indicator", "flow", "basis", "reporter", "partner",
                                  "seasonally_adjusted", "frequency", "currency")
# periods of the series' own frequency shown before and after the claims
WINDOW: dict[str, tuple[int, int]] = {"M": (24, 6), "Q": (8, 2), "A": (8, 2)}
MAX_LINES = 6
BASIS_NAMES: dict[str, str] = {"census": "Census basis", "bop": "BOP basis",
                              "census_cif": "Census basis, imports c.i.f.",
                              "national": "national basis"}
FREQUENCY_NAMES: dict[str, str] = {"M": "monthly", "Q": "quarterly", "A": "annual"}
PERIOD_PATTERNS: dict[str, re.Pattern[str]] = {
    "M": re.compile(r"\d{4}-(0[1-9]|1[0-2])"), "Q": re.compile(r"\d{4}-Q[1-4]"),
    "A": re.compile(r"\d{4}")}


@dataclass(frozen=True)
class Line:
    """Values one vintage (or, for ``points``, several single-period releases) published."""

    label: str
    points: tuple[tuple[str, Decimal, dt.date], ...]  # period, value, vintage
    latest: bool = False
    points_only: bool = False


@dataclass(frozen=True)
class Claim:
    """A reported figure, placed where its period is on the chart (None: not a period of it)."""

    number: int
    period: str | None
    value: Decimal
    status: str
    note: str = ""


@dataclass(frozen=True)
class SeriesChart:
    title: str
    series_ids: tuple[str, ...]
    frequency: str
    currency: str
    lines: tuple[Line, ...]
    claims: tuple[Claim, ...]
    hidden_vintages: int = 0


def family_title(info: SeriesInfo) -> str:
    flow = info.flow.replace("_", " ")
    indicator = info.indicator.replace("_", " ")
    adjustment = "seasonally adjusted" if info.seasonally_adjusted else "not seasonally adjusted"
    partner = "world" if info.partner == "WLD" else info.partner
    basis = BASIS_NAMES.get(info.basis, info.basis)
    estimate = f", ESTIMATED ({info.estimate})" if info.estimate else ""
    return (f"{info.reporter}-{partner} {flow} {indicator}, {basis}, {adjustment} "
            f"({FREQUENCY_NAMES[info.frequency]}){estimate}")


def series_charts(verdicts: Sequence[Verdict], store: ReferenceStore,
                  numbers: Sequence[int] | None = None) -> list[SeriesChart]:
    """One chart per family of series the verdicts used, in order of first use.

    ``numbers`` are the facts' numbers shown in the report (1, 2, … by default).
    """
    infos = {info.series_id: info for info in store.series}
    families: dict[tuple[object, ...], list[tuple[int, Verdict]]] = {}
    for number, verdict in zip(numbers or range(1, len(verdicts) + 1), verdicts, strict=True):
        info = infos.get(verdict.series_id or "")
        if info is not None:
            key = tuple(getattr(info, name) for name in FAMILY_FIELDS)
            families.setdefault(key, []).append((number, verdict))
    charts = []
    for key, used in families.items():
        members = [info for info in infos.values()
                   if tuple(getattr(info, name) for name in FAMILY_FIELDS) == key]
        charts.append(_chart(store, members, used))
    return charts


def _chart(store: ReferenceStore, members: list[SeriesInfo],
           used: list[tuple[int, Verdict]]) -> SeriesChart:
    first = members[0]
    frequency = first.frequency
    claims = tuple(Claim(number, _placed(v.period, frequency), v.value, v.status,
                         "" if _placed(v.period, frequency) else
                         f"fact {number} ({v.period or 'no period'}) is not one "
                         f"{'month' if frequency == 'M' else 'period'} of this series")
                   for number, v in used)
    anchors = [c.period for c in claims if c.period] or [
        p for _, v in used for p in (v.period or "").split("/") if _placed(p, frequency)]
    rows = _history(store, [m.series_id for m in members], anchors, frequency)
    groups: dict[tuple[str, dt.date], list[tuple[str, Decimal, dt.date]]] = defaultdict(list)
    for series_id, period, vintage, value in rows:
        groups[series_id, vintage].append((period, value, vintage))
    lines: list[Line] = []
    singles: defaultdict[str, list[tuple[str, Decimal, dt.date]]] = defaultdict(list)
    for (series_id, vintage), points in sorted(groups.items(), key=lambda g: g[0][1]):
        if len(points) > 1:
            lines.append(Line(f"{series_id} · vintage {vintage}", tuple(sorted(points))))
        else:
            singles[series_id].extend(points)
    hidden = max(len(lines) - MAX_LINES, 0)
    if hidden:  # the first vintage and the latest ones
        lines = [lines[0], *lines[-(MAX_LINES - 1):]]
    if lines:
        lines[-1] = Line(lines[-1].label, lines[-1].points, latest=True)
    dots = [Line(f"{series_id} · single-period releases", tuple(sorted(points)),
                 points_only=True) for series_id, points in sorted(singles.items())]
    return SeriesChart(family_title(first), tuple(sorted(m.series_id for m in members)),
                       frequency, first.currency, tuple(lines + dots), claims, hidden)


def _placed(period: str | None, frequency: str) -> str | None:
    """The period if it is a single period of a series of this frequency."""
    return period if period and period_kind(period) == frequency else None


def period_kind(period: str) -> str | None:
    """'M', 'Q' or 'A' for a single month, quarter or year; None for anything else."""
    for kind, pattern in PERIOD_PATTERNS.items():
        if pattern.fullmatch(period):
            return kind
    return None


def period_index(period: str) -> float:
    """A position on the time axis, in months since year 0 (quarters and years centred)."""
    year = int(period[:4])
    if len(period) == 4:
        return year * 12 + 5.5
    if "-Q" in period:
        return year * 12 + 3 * (int(period[-1]) - 1) + 1
    return year * 12 + int(period[5:7]) - 1


def _bounds(anchors: Sequence[str], frequency: str) -> tuple[str, str]:
    before, after = WINDOW[frequency]
    low, high = min(period_index(a) for a in anchors), max(period_index(a) for a in anchors)
    step = {"M": 1, "Q": 3, "A": 12}[frequency]
    return _code(low - before * step, frequency), _code(high + after * step, frequency)


def _code(index: float, frequency: str) -> str:
    year, month = divmod(int(index), 12)
    if frequency == "A":
        return f"{year:04d}"
    if frequency == "Q":
        return f"{year:04d}-Q{month // 3 + 1}"
    return f"{year:04d}-{month + 1:02d}"


def _history(store: ReferenceStore, series_ids: Sequence[str], anchors: Sequence[str],
             frequency: str) -> list[tuple[str, str, dt.date, Decimal]]:
    return store.history(series_ids, *_bounds(anchors, frequency)) if anchors else []

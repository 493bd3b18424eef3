"""The revision profile: how far early releases of U.S. trade figures lie from later ones.

A store built from the files agencies publish today holds one vintage of each month: today's
revised figure. A news report quotes the figure as first published. The two differ by the
revisions made since (annual revisions, new seasonal factors, benchmark changes) and, where
the report used another basis than the series compared (BOP against Census basis goods), by
the basis adjustments too. The profile measures both from real *vintage pairs*: an early
figure as published (a first release, a report of the day, an annual-revision exhibit) and
the later figure of a series a fact-checker compares it with, for the same period.

Each pair is classed by the *kind* of comparison: the indicator group (a balance, or exports
and imports), the flow, basis and adjustment of the later series, whether it is a total or a
bilateral figure, and the age of the later figure (years from the period's end to its
vintage: ``AGE_BUCKETS``). Its deviation is ``|early - later|`` as a share of the later
value; for balances also as a share of the later gross trade (exports + imports of the same
series and period), because a balance is a small difference of two large flows and its
revisions scale with the flows. The *range* of a kind is a quantile of its deviations
(``QUANTILE``, linear interpolation between order statistics; ``tail_statistic``), from
``MIN_PAIRS`` pairs at least (else the pairs of coarser kinds are pooled, see ``FALLBACKS``).
With fewer than 1 / (1 - ``QUANTILE``) pairs that quantile cannot be told from the largest
deviation, which is then the range. The quantile shipped is 1, the largest deviation: the
benchmark's targets, measured at once for each candidate, say so (see ``QUANTILE``). A figure
inside the range is as far from today's as first releases have been seen to be; a figure
outside it, further than any observed.

``build_profile(official_dir)`` rebuilds the profile from the official files (see
``SOURCES`` and the README); ``load_profile()`` reads the copy shipped with the package
(``revision_profile.json``). The data are derived from U.S. government works (public
domain); each pair names its sources and vintages.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from newsfacts.errors import Errors
from newsfacts.validation.periods import month_index, months_of

PROFILE_FORMAT = "newsfacts-revision-profile-1"
PROFILE_FILE = "revision_profile.json"
MIN_PAIRS = 3
# the statistic of a kind's deviations that is its range: the QUANTILE-th quantile (linear
# interpolation between order statistics, as the store's own bands); with fewer than
# 1 / (1 - QUANTILE) pairs, the largest deviation (too few pairs to place that quantile below
# the largest: ``tail_statistic``). Chosen by measuring the targets on every set
# at once (``python benchmarks/validation.py --sweep 1,0.99,0.975,0.95,0.9,0.8,0.7``, see
# docs/validation.md): every quantile below 1 calls more true first releases contradicted
# (the seed's imports, news-dev2) than it catches false claims, so the range is the largest
# deviation, for a kind of n pairs the (n / (n + 1)) prediction bound of a new one
QUANTILE = 1.0
AGE_BUCKETS: tuple[tuple[str, float], ...] = (("up to 3 years", 3.0),
                                               ("over 3 years", float("inf")))
Group = Literal["balance", "flows"]
# the dimensions dropped, in turn, where a kind has fewer than MIN_PAIRS pairs
FALLBACKS: tuple[tuple[str, ...], ...] = (
    (), ("age",), ("age", "scope"), ("age", "scope", "flow"),
    ("age", "scope", "flow", "basis", "adjusted"),
)
BILLION = Decimal(10) ** 9
MILLION = Decimal(10) ** 6

# the files the profile is built from, under the official folder
TODAY_FILES = ("census_country.xlsx", "fred_BOPGSTB.csv", "fred_BOPTEXP.csv",
               "fred_BOPTIMP.csv")
FIRST_REPORTED = "first_reported_from_news.csv"
EXH4 = "census_exh4_annual_revision_1995_goods.csv"
EXH4_VINTAGE = dt.date(1996, 6, 1)
ERP = "erp1993_table_b103_merchandise_annual_1972_1987.csv"
ERP_VINTAGE = dt.date(1993, 1, 31)
ITA = "ita_h04t01_bop_annual_1960_1987.csv"
ITA_VINTAGE = dt.date(2005, 6, 1)
FT900_1995 = "first-releases/ft900_1995-02_first_release_discmaster.txt"
FT900_1997 = "first-releases/ft900_1997-08_first_release_bea_trad0897.txt"
EXH9 = "first-releases/ft900_1998-10_exh9_census_vintage_Dec1998.txt"
EXH9_VINTAGE = dt.date(1998, 12, 17)
BEA_Q = "first-releases/bea_ITA_quarterly_first_releases_1996Q3_1998Q3.txt"
ANNUAL = "first-releases/annual_vintages_ITA_2005_and_StatAbstract_2000.txt"
STAT_ABSTRACT_VINTAGE = dt.date(2000, 12, 1)


@dataclass(frozen=True)
class EarlyFigure:
    """A figure as published at ``vintage`` (U.S. total unless ``partner`` says otherwise)."""

    indicator: str  # exports, imports, trade_balance
    flow: str  # goods, goods_and_services
    basis: str  # the basis it was published on: census, bop
    adjusted: bool
    partner: str
    period: str
    value: Decimal
    vintage: dt.date
    source: str


@dataclass(frozen=True)
class Pair:
    """An early figure beside the later figure of a series it is compared with."""

    id: str
    group: Group
    flow: str
    basis: str  # of the later series
    adjusted: bool  # of the later series
    scope: Literal["total", "bilateral"]
    age: str
    span: str  # month, quarter or year (a run of months: by its length)
    indicator: str
    period: str
    early_value: float
    early_basis: str
    early_vintage: str
    early_source: str
    later_series: str
    later_value: float
    later_vintage: str
    later_gross: float | None
    of_value: float
    of_gross: float | None


@dataclass(frozen=True)
class Range:
    """The plausible revision range of one kind of comparison."""

    size: float  # the quantile of the deviations (the largest, with few pairs)
    measure: Literal["value", "gross"]  # a share of the later value or of gross trade
    pairs: int
    kind: str  # the kind, as pooled
    examples: tuple[str, ...]  # ids of the pairs with the largest deviations
    quantile: float = 1.0  # the quantile ``size`` is; 1.0 = the largest deviation

    def describe(self) -> str:
        of = "of gross trade (exports + imports)" if self.measure == "gross" else ""
        statistic = ("the largest gap" if self.quantile >= 1.0 else
                     f"{ordinal(self.quantile)} percentile of the gaps")
        return (f"±{self.size:.1%} {of}".rstrip() + f": {statistic} between early releases "
                f"and later figures in {self.pairs} vintage pairs of {self.kind} "
                f"(newsfacts revision profile)")


def ordinal(share: float) -> str:
    """0.9 → "the 90th", 0.95 → "the 95th", 0.975 → "the 97.5th"."""
    number = round(share * 100, 1)
    whole = int(number)
    suffix = "th"
    if number == whole and not 10 <= whole % 100 <= 20:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(whole % 10, "th")
    return f"the {number:g}{suffix}"


def tail_statistic(sizes: Sequence[float], quantile: float = QUANTILE) -> tuple[float, float]:
    """(range, quantile used) of a kind's deviations: the ``quantile``-th quantile,
    interpolated linearly between order statistics, with 1 / (1 - ``quantile``) pairs or more
    (10 for the 90th percentile, 20 for the 95th); the largest deviation with fewer, and
    then the quantile used is 1.0."""
    ordered = sorted(sizes)
    if not ordered:
        raise ValueError("no deviations")
    if quantile >= 1.0 or len(ordered) * (1.0 - quantile) < 1.0 - 1e-9:
        return ordered[-1], 1.0
    position = quantile * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low), quantile


def age_bucket(period: str, vintage: dt.date) -> str:
    months = months_of(period)
    last = month_index(months[-1]) if months else vintage.year * 12
    years = (vintage.year * 12 + vintage.month - 1 - last) / 12
    for name, limit in AGE_BUCKETS:
        if years <= limit:
            return name
    return AGE_BUCKETS[-1][0]


def span_of(period: str) -> str:
    months = months_of(period) or ()
    return "year" if len(months) >= 12 else "quarter" if len(months) >= 3 else "month"


def kind_name(key: dict[str, Any]) -> str:
    group = {"balance": "balances", "flows": "exports and imports"}.get(key.get("group", ""),
                                                                       "figures")
    flow = {"goods": "goods", "goods_and_services": "goods and services"}.get(
        key.get("flow", ""), "")
    parts = [f"{flow} {group}".strip()]
    if "scope" in key:
        parts.append("totals" if key["scope"] == "total" else "bilateral")
    if "basis" in key:
        parts.append(f"against {'BOP' if key['basis'] == 'bop' else key['basis']}-basis "
                     f"{'SA' if key['adjusted'] else 'NSA'} series")
    if "span" in key:
        parts.append({"month": "monthly", "quarter": "quarterly", "year": "annual"}.get(
            key["span"], key["span"]) + " figures")
    if "age" in key:
        parts.append(f"{key['age']} after the period")
    return ", ".join(parts)


class RevisionProfile:
    """Ranges by kind of comparison, with the pairs behind them."""

    def __init__(self, data: dict[str, Any], quantile: float | None = None) -> None:
        """``quantile``: the statistic of the ranges (default: the one the file records,
        else ``QUANTILE``)."""
        if data.get("format") != PROFILE_FORMAT:
            raise Errors.PROFILE_FORMAT('revision profile', profile_format=PROFILE_FORMAT)
        if quantile is None:
            quantile = float(data.get("quantile", QUANTILE))
        if not 0.0 < quantile <= 1.0:
            raise ValueError(f"quantile {quantile} not in (0, 1]")
        self.data = data
        self.quantile = quantile
        self.pairs = [Pair(**pair) for pair in data["pairs"]]

    def with_quantile(self, quantile: float) -> RevisionProfile:
        """The same pairs, their ranges taken at ``quantile`` (1.0: the largest gap)."""
        return RevisionProfile(self.data, quantile)

    @classmethod
    def empty(cls) -> RevisionProfile:
        """A profile with no pairs: verdicts rest on the store's own vintages alone."""
        return cls({"format": PROFILE_FORMAT, "pairs": []})

    def without(self, source_part: str) -> RevisionProfile:
        """The profile less the pairs whose early figure's source contains ``source_part``
        (a benchmark leaves out the report a claim comes from)."""
        data = dict(self.data)
        data["pairs"] = [pair for pair in self.data["pairs"]
                         if source_part not in pair["early_source"]]
        return RevisionProfile(data, self.quantile)

    def range_for(self, group: Group, flow: str, basis: str, adjusted: bool,
                  scope: str, age: str, span: str,
                  measure: Literal["value", "gross"]) -> Range | None:
        # ``span`` (month, quarter, year) is recorded with each pair but not a dimension:
        # annual pairs are too few to bound annual revisions on their own
        key: dict[str, Any] = {"group": group, "flow": flow, "basis": basis,
                               "adjusted": adjusted, "scope": scope, "age": age}
        for dropped in FALLBACKS:
            wanted = {name: value for name, value in key.items() if name not in dropped}
            found = [pair for pair in self.pairs
                     if all(getattr(pair, name) == value for name, value in wanted.items())
                     and (measure == "value" or pair.of_gross is not None)]
            if len(found) >= MIN_PAIRS:
                def gap(pair: Pair) -> float:
                    return pair.of_gross if measure == "gross" and pair.of_gross is not None \
                        else pair.of_value

                ordered = sorted(found, key=lambda p: -gap(p))
                size, used = tail_statistic([gap(p) for p in found], self.quantile)
                return Range(size, measure, len(found), kind_name(wanted),
                             tuple(p.id for p in ordered[:3]), used)
        return None


def load_profile(path: str | Path | None = None) -> RevisionProfile:
    """The profile at ``path``, or the one shipped with the package."""
    if path is None:
        text = resources.files("newsfacts.validation").joinpath(PROFILE_FILE).read_text(
            encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return RevisionProfile(json.loads(text))


# --- building -------------------------------------------------------------------------------

def _busd(text: str) -> Decimal:
    return Decimal(text.replace(",", "")) * BILLION


def _musd(text: str) -> Decimal:
    return Decimal(text.replace(",", "")) * MILLION


# first_reported_from_news.csv: measure → indicator, flow, partner (services have no later
# series to compare with)
FIRST_REPORTED_MEASURES: dict[str, tuple[str, str, str]] = {
    "goods_and_services_balance": ("trade_balance", "goods_and_services", "WLD"),
    "goods_and_services_exports": ("exports", "goods_and_services", "WLD"),
    "goods_and_services_imports": ("imports", "goods_and_services", "WLD"),
    "goods_balance": ("trade_balance", "goods", "WLD"),
    "goods_balance_japan": ("trade_balance", "goods", "JPN"),
    "merchandise_balance": ("trade_balance", "goods", "WLD"),
    "merchandise_exports": ("exports", "goods", "WLD"),
    "merchandise_imports": ("imports", "goods", "WLD"),
    "merchandise_balance_japan": ("trade_balance", "goods", "JPN"),
}


def first_reported(folder: Path) -> list[EarlyFigure]:
    """The figures of ``first_reported_from_news.csv`` (news reports of the day)."""
    found: list[EarlyFigure] = []
    with (folder / FIRST_REPORTED).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["measure"] not in FIRST_REPORTED_MEASURES:
                continue  # services: no later series to compare with
            indicator, flow, partner = FIRST_REPORTED_MEASURES[row["measure"]]
            period = row["ref_month"]
            # from 1994 the releases led with BOP-basis goods (the 1993 annual figure of a
            # 1995 report matches the BOP basis of exhibit 4), before on the Census basis
            bop = flow == "goods_and_services" or (partner == "WLD"
                                                   and row["source_date"] >= "1994")
            found.append(EarlyFigure(
                indicator, flow, "bop" if bop else "census", partner == "WLD", partner, period,
                _busd(row["value_busd"]), dt.date.fromisoformat(row["source_date"]),
                f"news report of {row['source_date']} ({row['source_url']})"))
    return found


def exhibit4(folder: Path) -> list[EarlyFigure]:
    """Census FT-900 1995 annual revision, exhibit 4: goods, BOP and Census basis, SA."""
    found: list[EarlyFigure] = []
    source = "Census FT-900 annual revision for 1995, exhibit 4 (vintage mid-1996)"
    with (folder / EXH4).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for basis in ("bop", "census"):
                balance = row[f"goods_balance_{basis}_basis_musd"]
                exports = row[f"goods_exports_{basis}_basis_musd"]
                values = {"trade_balance": balance, "exports": exports}
                if balance and exports:
                    values["imports"] = str(int(exports) - int(balance))
                for indicator, value in values.items():
                    if value:
                        found.append(EarlyFigure(indicator, "goods", basis, True, "WLD",
                                                 row["period"], _musd(value), EXH4_VINTAGE,
                                                 source))
    return found


def erp_b103(folder: Path) -> list[EarlyFigure]:
    """ERP 1993 table B-103: annual goods, imports at customs value and, as published beside
    them (the headline basis of the 1980s), imports c.i.f. and the balance on that basis
    (computed as exports - imports c.i.f.: the printed balance lost a sign in one year)."""
    found: list[EarlyFigure] = []
    columns = (("exports", "exports_fas_total_busd"),
               ("imports", "general_imports_customs_value_busd"),
               ("trade_balance", "balance_fas_exports_less_customs_imports_busd"))
    with (folder / ERP).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for indicator, column in columns:
                found.append(EarlyFigure(indicator, "goods", "census", True, "WLD", row["year"],
                                         _busd(row[column]), ERP_VINTAGE,
                                         "Economic Report of the President 1993, table B-103"))
            cif = _busd(row["general_imports_cif_value_busd"])
            for indicator, value in (("imports", cif),
                                     ("trade_balance", _busd(row["exports_fas_total_busd"]) - cif)):
                found.append(EarlyFigure(indicator, "goods", "census_cif", True, "WLD",
                                         row["year"], value, ERP_VINTAGE,
                                         "Economic Report of the President 1993, table B-103, "
                                         "imports c.i.f."))
    return found


def ita_h04(folder: Path) -> list[EarlyFigure]:
    found: list[EarlyFigure] = []
    with (folder / ITA).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for indicator, stem in (("exports", "exports"), ("imports", "imports"),
                                    ("trade_balance", "balance")):
                for flow, part in (("goods_and_services", "total"), ("goods", "goods")):
                    found.append(EarlyFigure(indicator, flow, "bop", True, "WLD", row["year"],
                                             _busd(row[f"{stem}_{part}_busd"]), ITA_VINTAGE,
                                             "ITA table H04-1, BOP basis (vintage about 2005)"))
    return found


_AMOUNT = r"\$([\d.]+) billion"
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def _text(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def ft900_text(folder: Path, name: str, period: str, before: str,
               vintage: dt.date) -> list[EarlyFigure]:
    """An FT-900 release's opening: goods and services totals, goods exports, imports and
    balance, for the month (first release) and the month before (revised)."""
    text = " ".join(_text(folder, name).split())
    source = f"FT-900 release for {period}, published {vintage} ({name})"
    found: list[EarlyFigure] = []

    def add(indicator: str, flow: str, month: str, amount: str, negative: bool = False) -> None:
        value = _busd(amount) * (-1 if negative else 1)
        found.append(EarlyFigure(indicator, flow, "bop", True, "WLD", month, value, vintage,
                                 source))

    if m := re.search(r"exports of " + _AMOUNT + r" and imports of " + _AMOUNT, text):
        add("exports", "goods_and_services", period, m.group(1))
        add("imports", "goods_and_services", period, m.group(2))
    if m := re.search(r"goods and services (?:trade )?deficit of " + _AMOUNT, text):
        add("trade_balance", "goods_and_services", period, m.group(1), True)
    if m := re.search(r"than the " + _AMOUNT + r" (?:of|in) \w+, revised", text):
        add("trade_balance", "goods_and_services", before, m.group(1), True)
    if m := re.search(r"than \w+ exports of " + _AMOUNT, text):
        add("exports", "goods_and_services", before, m.group(1))
    if m := re.search(r"than \w+ imports of " + _AMOUNT, text):
        add("imports", "goods_and_services", before, m.group(1))
    for indicator in ("exports", "imports"):
        if m := re.search(rf"{indicator} of goods \w+ to " + _AMOUNT + " from " + _AMOUNT,
                          text, re.IGNORECASE):
            add(indicator, "goods", period, m.group(1))
            add(indicator, "goods", before, m.group(2))
    if m := re.search(r"goods deficit decreased to " + _AMOUNT + " from " + _AMOUNT, text):
        add("trade_balance", "goods", period, m.group(1), True)
        add("trade_balance", "goods", before, m.group(2), True)
    elif m := re.search(r"goods deficit increased \$[\d.]+ billion from \w+ to " + _AMOUNT,
                        text):
        add("trade_balance", "goods", period, m.group(1), True)
    return found


def exhibit9(folder: Path) -> list[EarlyFigure]:
    """FT-900 October 1998, exhibit 9 (Dec 1998 vintage): BOP-basis goods balance and
    exports by month, with the net BOP adjustments, so Census-basis figures too."""
    text = " ".join(_text(folder, EXH9).split())
    source = "FT-900 for October 1998, exhibit 9 (published December 1998)"
    found: list[EarlyFigure] = []
    panels = re.split(r"_{5,}", text)
    for indicator, panel in (("trade_balance", panels[0]),
                             ("exports", panels[1] if len(panels) > 1 else "")):
        for year, body in re.findall(r"\b(199[78]) Jan\.- \w+\. [-\d, ]+? ((?:January|"
                                     r".*?)(?= 199\d Jan|$))", panel):
            for name, total, adjust in re.findall(
                    r"(" + "|".join(_MONTH_NAMES) + r")(?: \(R\))? (-?[\d,]+) (-?[\d,]+) "
                    r"-?[\d,]+ -?[\d,]+(?= |$)", body):
                month = f"{year}-{_MONTH_NAMES.index(name) + 1:02d}"
                bop = _musd(total)
                found.append(EarlyFigure(indicator, "goods", "bop", True, "WLD", month, bop,
                                         EXH9_VINTAGE, source))
                found.append(EarlyFigure(indicator, "goods", "census", True, "WLD", month,
                                         bop - _musd(adjust), EXH9_VINTAGE,
                                         source + ", Census basis = total - net adjustments"))
    return found


def bea_quarterly(folder: Path) -> list[EarlyFigure]:
    text = " ".join(_text(folder, BEA_Q).split())
    found: list[EarlyFigure] = []
    for year, release, body in re.findall(
            r"--- (\d{4}) Q3, released (\d{4}-\d\d-\d\d).*?---(.*?)(?=--- \d{4} Q3|$)", text):
        vintage = dt.date.fromisoformat(release)
        source = f"BEA international transactions release of {release}"
        q3, q2 = f"{year}-Q3", f"{year}-Q2"

        def add(indicator: str, flow: str, period: str, amount: str, sign: int,
                vintage: dt.date = vintage, source: str = source) -> None:
            found.append(EarlyFigure(indicator, flow, "bop", True, "WLD", period,
                                     sign * _busd(amount), vintage, source))

        if m := re.search(r"deficit on goods and services increased to " + _AMOUNT
                          + r" in the third quarter from " + _AMOUNT, body):
            add("trade_balance", "goods_and_services", q3, m.group(1), -1)
            add("trade_balance", "goods_and_services", q2, m.group(2), -1)
        if m := re.search(r"deficit on goods (?:increased to|was) " + _AMOUNT, body):
            add("trade_balance", "goods", q3, m.group(1), -1)
        for indicator in ("exports", "imports"):
            if m := re.search(rf"Goods {indicator} \w+ to " + _AMOUNT + " from " + _AMOUNT,
                              body):
                add(indicator, "goods", q3, m.group(1), 1)
                add(indicator, "goods", q2, m.group(2), 1)
    return found


def stat_abstract(folder: Path) -> list[EarlyFigure]:
    """Statistical Abstract 2000, table 1322: annual BOP-basis figures 1992-1999."""
    text = _text(folder, ANNUAL)
    found: list[EarlyFigure] = []
    years = [str(year) for year in range(1992, 2000)]
    for flow, label in (("goods_and_services", "Total"), ("goods", "Goods")):
        m = re.search(rf"^{label}\.+ ([-\d, ]+)$", text, re.MULTILINE)
        if not m:
            continue
        numbers = m.group(1).split()
        for block, indicator in enumerate(("exports", "imports", "trade_balance")):
            for year, number in zip(years, numbers[block * 8:block * 8 + 8], strict=True):
                found.append(EarlyFigure(indicator, flow, "bop", True, "WLD", year,
                                         _musd(number), STAT_ABSTRACT_VINTAGE,
                                         "Statistical Abstract of the United States 2000, "
                                         "table 1322"))
    return found


def early_figures(folder: Path) -> list[EarlyFigure]:
    return [*first_reported(folder), *exhibit4(folder), *erp_b103(folder), *ita_h04(folder),
            *ft900_text(folder, FT900_1995, "1995-02", "1995-01", dt.date(1995, 4, 19)),
            *ft900_text(folder, FT900_1997, "1997-08", "1997-07", dt.date(1997, 10, 21)),
            *exhibit9(folder), *bea_quarterly(folder), *stat_abstract(folder)]


@dataclass(frozen=True)
class Later:
    """A later series to compare early figures with: values by period (sums for quarters
    and years), and gross trade where the series is one of a balance's set."""

    series: str
    indicator: str
    flow: str
    basis: str
    adjusted: bool
    partner: str
    vintage: dt.date
    values: dict[str, Decimal]
    gross: dict[str, Decimal]


def _sums(monthly: dict[str, Decimal], periods: Iterable[str]) -> dict[str, Decimal]:
    found: dict[str, Decimal] = {}
    for period in periods:
        months = months_of(period)
        if months and all(month in monthly for month in months):
            found[period] = sum((monthly[month] for month in months), Decimal(0))
    return found


def later_series(folder: Path, periods: Sequence[str],
                 extra: Sequence[EarlyFigure] = ()) -> list[Later]:
    """Today's series (the published files) and, as later vintages of the early figures,
    those of ``extra`` (the 1996 and 1998 exhibits), for the periods asked."""
    from newsfacts.validation.importers import read_reference_file

    loaded = [data for name in TODAY_FILES for data in read_reference_file(folder / name)]
    partners = {"0004": "WLD", "0015": "WLD", "5880": "JPN"}
    by_key: dict[tuple[str, ...], dict[str, Any]] = {}
    for data in loaded:
        info = data.info
        code = info.series_id.split("-")[1] if info.series_id.startswith("census-") else ""
        if info.series_id.startswith("census-") and code not in partners:
            continue
        latest = {obs.period: obs for obs in sorted(data.observations, key=lambda o: o.vintage)}
        monthly = {period: obs.value for period, obs in latest.items()}
        vintage = max(obs.vintage for obs in latest.values())
        family = info.series_id.rsplit("-", 1)[0] if code else "fred"
        by_key[(family, info.indicator)] = {
            "series": info.series_id, "info": info, "vintage": vintage,
            "values": {**_sums(monthly, periods), **{p: v for p, v in monthly.items()
                                                    if p in periods}}}
    found: list[Later] = []
    for (family, indicator), item in by_key.items():
        info = item["info"]
        exports = by_key.get((family, "exports"))
        imports = by_key.get((family, "imports"))
        gross = ({p: exports["values"][p] + imports["values"][p] for p in exports["values"]
                  if p in imports["values"]} if exports and imports else {})
        found.append(Later(item["series"], indicator, info.flow, info.basis,
                           info.seasonally_adjusted, info.partner, item["vintage"],
                           item["values"], gross))
    # later vintages within the early files: exhibit 9 (1998) and exhibit 4 (1996), BOP basis
    for label, vintage in (("exhibit 9 (Dec 1998)", EXH9_VINTAGE),
                           ("exhibit 4 (1995 annual revision)", EXH4_VINTAGE)):
        figures = [f for f in extra if f.vintage == vintage and f.basis == "bop"]
        for indicator in ("exports", "imports", "trade_balance"):
            values = {f.period: f.value for f in figures if f.indicator == indicator}
            ex = {f.period: f.value for f in figures if f.indicator == "exports"}
            im = {f.period: f.value for f in figures if f.indicator == "imports"}
            if values:
                found.append(Later(f"{label}, BOP-basis goods {indicator}", indicator,
                                   "goods", "bop", True, "WLD", vintage, values,
                                   {p: ex[p] + im[p] for p in ex if p in im}))
    return found


def make_pairs(early: Sequence[EarlyFigure], later: Sequence[Later]) -> list[Pair]:
    pairs: list[Pair] = []
    for figure in early:
        for series in later:
            if (series.indicator != figure.indicator or series.flow != figure.flow
                    or series.partner != figure.partner or series.vintage <= figure.vintage):
                continue
            monthly = len(months_of(figure.period) or ()) < 12
            if monthly and series.adjusted != figure.adjusted:
                continue  # months: adjusted and unadjusted figures are different statistics
            if figure.period not in series.values or series.values[figure.period] == 0:
                continue
            value = series.values[figure.period]
            gross = series.gross.get(figure.period) if figure.indicator == "trade_balance" \
                else None
            gap = abs(figure.value - value)
            pairs.append(Pair(
                id=f"{figure.indicator}:{figure.flow}:{figure.partner}:{figure.period}:"
                   f"{figure.basis}@{figure.vintage}~{series.series}@{series.vintage}",
                group="balance" if figure.indicator == "trade_balance" else "flows",
                flow=series.flow, basis=series.basis, adjusted=series.adjusted,
                scope="total" if figure.partner == "WLD" else "bilateral",
                age=age_bucket(figure.period, series.vintage), span=span_of(figure.period),
                indicator=figure.indicator,
                period=figure.period, early_value=float(figure.value),
                early_basis=figure.basis, early_vintage=figure.vintage.isoformat(),
                early_source=figure.source, later_series=series.series,
                later_value=float(value), later_vintage=series.vintage.isoformat(),
                later_gross=float(gross) if gross else None,
                of_value=round(float(gap / abs(value)), 5),
                of_gross=round(float(gap / gross), 5) if gross else None))
    return pairs


METHOD = (
    "Vintage pairs: an early figure as published (news reports of the day, FT-900 first "
    "releases of February 1995 and August 1997, FT-900 October 1998 exhibit 9 as published "
    "in December 1998, BEA quarterly first releases of 1996 Q3 and 1998 Q3, the 1995 annual "
    "revision exhibit 4 of mid-1996, ERP 1993 table B-103, ITA table H04-1 of about 2005, "
    "Statistical Abstract 2000 table 1322) beside the later figure of each series it could "
    "be compared with for the same period: today's Census country workbook (World SA 0004, "
    "World NSA 0015, Japan 5880), FRED BOPGSTB/BOPTEXP/BOPTIMP, and, as later vintages of BOP "
    "goods, exhibits 4 (1996) and 9 (1998). Quarters and years of monthly series are sums of "
    "their months. Months are paired only on the same adjustment. Deviation = |early - "
    "later| / |later| (and, for balances, / later exports + imports). A kind is the "
    "indicator group (balance or exports and imports), the flow, basis and adjustment of the "
    "later series, total or bilateral, and the age of the later figure (years after the "
    f"period). A kind needs at least {MIN_PAIRS} pairs; else coarser kinds are pooled "
    "(age, then total/bilateral, then flow, then basis and adjustment dropped). The range "
    "of a kind is a quantile of its deviations (linear interpolation between order "
    "statistics), at least 1/(1 - quantile) pairs being needed to place it below the "
    "largest deviation, which is the range of a kind with fewer pairs. The quantile is "
    "this file's 'quantile' (1 = the largest deviation), chosen by measuring the validation "
    "benchmark's targets (benchmarks/validation.py --sweep).")


def build_profile(folder: str | Path) -> dict[str, Any]:
    """The profile as JSON data, rebuilt from the official files under ``folder``."""
    root = Path(folder)
    missing = [name for name in (*TODAY_FILES, FIRST_REPORTED, EXH4, ERP, ITA, FT900_1995,
                                 FT900_1997, EXH9, BEA_Q, ANNUAL) if not (root / name).is_file()]
    if missing:
        raise Errors.PROFILE_MISSING(root, missing=', '.join(missing))
    early = early_figures(root)
    periods = sorted({figure.period for figure in early})
    later = later_series(root, periods, early)
    pairs = make_pairs(early, later)
    return profile_data(pairs, sorted({f.source.split(" (")[0] for f in early}),
                        sorted({f"{s.series} (vintage {s.vintage})" for s in later}))


def profile_data(pairs: Sequence[Pair], early_sources: Sequence[str],
                 later_sources: Sequence[str]) -> dict[str, Any]:
    return {"format": PROFILE_FORMAT, "method": METHOD, "min_pairs": MIN_PAIRS,
            "quantile": QUANTILE,
            "age_buckets": [name for name, _ in AGE_BUCKETS],
            "early_sources": list(early_sources), "later_series": list(later_sources),
            "pairs": [asdict(pair) for pair in sorted(pairs, key=lambda p: p.id)]}


def write_profile(data: dict[str, Any], out: str | Path) -> None:
    Path(out).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                         encoding="utf-8")

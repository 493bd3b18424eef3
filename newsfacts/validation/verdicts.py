"""Facts → verdicts: find the series a fact is about, compare, and explain.

The steps, for one fact:

1. **Candidates.** Series of the fact's indicator, reporter, partner and currency, grouped
   into *families* (same flow, basis and adjustment; the members of a family are vintages
   and frequencies of one statistic, e.g. a first-release file and FRED's current series).
2. **Ranking** where the text does not name the flow, basis or adjustment (``RULES``): U.S.
   totals since 1994 are goods and services on a BOP basis, seasonally adjusted; U.S. totals
   before 1994 were merchandise on a Census basis, seasonally adjusted; bilateral balances are
   Census-basis goods, not seasonally adjusted. A family on another adjustment than the rule
   expects can confirm a figure but never contradict it.
3. **Comparison** with the period's value (runs of months summed) in every vintage:
   ``confirmed`` within the stated precision of the latest vintage; ``revised`` where it
   agrees with an earlier vintage, or, where the store has only one vintage of that period,
   differs from it by no more than such series are revised (``ReferenceStore.band``);
   ``contradicted`` otherwise; ``unverifiable`` where no series covers it. An *estimated*
   series (``newsfacts.validation.derived``: a seasonally adjusted estimate, imports
   c.i.f.) never confirms: within its back-tested error plus the revision band of the
   series it stands for the verdict is ``revised`` and says it rests on an estimate;
   beyond that, ``contradicted``. Published series are preferred to estimates.
4. **Published before estimates.** An estimate never overrules a published figure of the
   period. Where a published family holds it (one of the estimate's own flow, basis and
   adjustment, or one of another basis whose every vintage the estimate bears out within its
   error and the band), the estimate only stands for today's figure, and a claim that matches
   no vintage is ``revised`` only as a possible revision of the published figure: between its
   vintages and today's figure (a revision published since lies between the first release
   and the latest figure; widened by rounding and the estimate's back-tested error), and no
   further from a vintage than such series are revised (the band). Otherwise the published
   family contradicts it, and the explanation gives that range. An estimate that does not
   bear out a published figure of its own basis places nothing; one of another basis that
   bears out no published family is judged alone, as above (the claim may be on its basis).
5. **Period mix-ups.** A claim that matches no vintage of its period, but matches within its
   stated precision a figure a release of the time gave for a neighbouring period (the month,
   quarter or run of months before or after, or the same one a year before or after; the
   year before or after), is ``contradicted`` as that period's figure, even where the band or
   an estimate would let it pass as a revision; the explanation names the period and the
   release. Only vintages published within a year of their period count, as news quotes the
   release of its day: a neighbour's figure as revised years later is no figure a text of
   the time could print, and consecutive months lie close enough that a true first release
   matches one by chance (Japan, 1994-02: the $4.63 bn first report; 1994-01 now $4.631 bn).
6. **Checks** beyond the value: change_pct and previous_value against the series, "record"
   and "third-highest" against the months to date in that vintage, and consistency inside
   the article (exports - imports = balance; change against the stated previous value).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Literal

from newsfacts.schema import TradeFact
from newsfacts.validation.periods import canonical, month_index, months_of, previous, shift
from newsfacts.validation.records import Check, CheckStatus, SeriesInfo, Verdict
from newsfacts.validation.store import Band, ReferenceStore, RefValue
from newsfacts.validation.tolerance import percent_half_unit, stated_half_unit

RULES: dict[str, str] = {
    "us-total-since-1994": "U.S. totals since 1994 are reported as goods and services on a BOP "
                           "basis, seasonally adjusted",
    "us-total-before-1994": "U.S. totals before 1994 were reported as merchandise (goods) on a "
                            "Census basis, seasonally adjusted",
    "bilateral": "bilateral balances are reported as Census-basis goods, not seasonally "
                 "adjusted",
    "other": "series ranked goods (Census, then BOP basis) before goods and services",
}
_PREFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "us-total-since-1994": (("goods_and_services", "bop"), ("goods", "bop"), ("goods", "census")),
    "us-total-before-1994": (("goods", "census"), ("goods", "census_cif"), ("goods", "bop"),
                             ("goods_and_services", "bop")),
    "bilateral": (("goods", "census"), ("goods", "census_cif"), ("goods", "bop"),
                  ("goods_and_services", "bop")),
    "other": (("goods", "national"), ("goods", "census"), ("goods", "bop")),
}
_ORDINALS: dict[str, int] = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
}
_RANK = re.compile(r"\b(" + "|".join(_ORDINALS) + r")[- ](?:highest|largest|biggest|worst|"
                   r"greatest|widest)\b", re.IGNORECASE)
Outcome = Literal["confirmed", "vintage", "band", "estimate", "contradicted"]
_STRENGTH: dict[str, int] = {"confirmed": 0, "vintage": 1, "band": 2, "estimate": 3,
                             "contradicted": 4}


@dataclass(frozen=True)
class Family:
    members: tuple[SeriesInfo, ...]

    @property
    def info(self) -> SeriesInfo:
        return self.members[0]

    def describe(self) -> str:
        i = self.info
        flow = {"goods": "goods", "services": "services",
                "goods_and_services": "goods and services"}[i.flow]
        basis = {"bop": "BOP", "census_cif": "census, imports c.i.f.,"}.get(i.basis, i.basis)
        estimate = f", ESTIMATED ({i.estimate})" if i.estimate else ""
        return f"{flow}, {basis} basis, {'SA' if i.seasonally_adjusted else 'NSA'}{estimate}"


@dataclass(frozen=True)
class Judgement:
    family: Family
    outcome: Outcome
    used: RefValue
    latest: RefValue
    tolerance: Decimal
    band: Band
    vintages: int
    expected: bool
    rank: int
    refs: tuple[RefValue, ...] = ()
    banded: bool = False  # the band applies: the store's one vintage is a revised figure
    # rule "published before estimates": the other side (an estimate's published family, a
    # published family's estimate) and the range of revisions the two allow (None where the
    # estimate does not bear out the published figures)
    anchor: Judgement | None = None
    span: tuple[Decimal, Decimal] | None = None


def validate(facts: Iterable[TradeFact], reference: ReferenceStore | str | Path,
             texts: Mapping[str, str] | None = None) -> list[Verdict]:
    """One verdict per fact, in order; ``reference`` is a store or the path of one.

    ``texts`` (doc_id → article text) lets rank checks read a rank stated outside the
    fact's evidence ("…, its third-highest monthly level").
    """
    if isinstance(reference, ReferenceStore):
        return validate_facts(list(facts), reference, texts)
    with ReferenceStore.open(reference) as store:
        return validate_facts(list(facts), store, texts)


def validate_facts(facts: Sequence[TradeFact], store: ReferenceStore,
                   texts: Mapping[str, str] | None = None) -> list[Verdict]:
    verdicts = [validate_fact(fact, store, index, (texts or {}).get(fact.doc_id))
                for index, fact in enumerate(facts)]
    return _article_checks(facts, verdicts)


def validate_fact(fact: TradeFact, store: ReferenceStore, index: int = 0,
                  text: str | None = None) -> Verdict:
    if fact.modality != "actual":
        return _unverifiable(fact, index, f"a {fact.modality}, not a reported statistic")
    months = months_of(fact.period)
    if months is None:
        why = ("the text fixes no period" if fact.period is None else
               f"period {fact.period!r} is not a calendar period the store can sum "
               "(fiscal years are not matched)")
        return _unverifiable(fact, index, why)
    families, why_none = _candidates(fact, store)
    if not families:
        return _unverifiable(fact, index, why_none)
    rule = _rule(fact, months)
    expected_sa = _expected_adjustment(fact, months)
    half = stated_half_unit(fact.value, fact.evidence)
    ranked = _ranked(families, fact, rule, expected_sa)
    judgements: list[Judgement] = []
    for rank, family in enumerate(ranked):
        refs = _family_values(store, family, fact.period or "", months)
        if not refs:
            continue
        judgements.append(_judge(fact.value, half, refs, store.band(family.info), family,
                                 _is_expected(family, fact, expected_sa), rank,
                                 _settled_after(months)))
    if not judgements:
        spans = "; ".join(f"{f.info.series_id} {_span(store, f)}" for f in families[:4])
        return _unverifiable(fact, index, f"no series covers {fact.period} ({spans})")
    verdict, best = _decide(fact, index, judgements, half, rule, expected_sa, months)
    if (best is None or best.outcome not in ("confirmed", "vintage")) and (
            verdict.status != "unverifiable" or verdict.estimated):
        # no vintage of the period has the text's figure: is it another period's?
        mixed = _mixed_up(fact, store, ranked, expected_sa, half, months)
        if mixed is not None:
            verdict = _mixed_up_verdict(fact, verdict, *mixed)
    if best is None:
        return verdict
    checks = _value_checks(fact, store, best, months, text)
    return verdict.model_copy(update={"checks": tuple(checks)})


def _is_expected(family: Family, fact: TradeFact, expected_sa: bool | None) -> bool:
    return ((expected_sa is None or family.info.seasonally_adjusted == expected_sa)
            and (fact.flow is not None or family.info.flow != "services"))


def _decide(fact: TradeFact, index: int, judgements: list[Judgement], half: Decimal,
            rule: str, expected_sa: bool | None, months: Sequence[str]
            ) -> tuple[Verdict, Judgement | None]:
    """The verdict on the value, and the judgement it rests on (None where unverifiable)."""
    # a family on another adjustment than the text implies may confirm, never "probably"
    # and an estimate on another adjustment says nothing either way
    usable = [j for j in judgements if j.expected or j.outcome in ("confirmed", "vintage")]
    published = [j for j in judgements if not j.family.info.estimate]
    best = min(usable or published or judgements, key=lambda j: (_STRENGTH[j.outcome], j.rank))
    if best.outcome == "contradicted" or (best.family.info.estimate and not best.expected):
        expected_ones = [j for j in judgements if j.expected]
        if not expected_ones:
            top = judgements[0]
            adjustment = "seasonally adjusted" if expected_sa else "not seasonally adjusted"
            return _unverifiable(
                fact, index, f"only {top.family.describe()} series cover {fact.period} and "
                f"such figures are reported {adjustment} ({RULES[rule]}); "
                f"{top.family.info.series_id} gives {_money(top.latest.value, fact.currency)}",
                series_id=top.family.info.series_id, source=top.family.info.source), None
        best = expected_ones[0]
    if best.outcome == "estimate":
        best = _published_first(fact.value, half, best, judgements)
    if best.family.info.estimate and best.outcome == "contradicted" and not (
            fact.value * best.latest.value < 0 and abs(best.latest.value) > best.tolerance):
        # an estimate's error is back-tested against today's series, not against the first
        # releases claims quote, whose revisions may be larger than any in the store: beyond
        # it, an estimate does not settle a claim (only a sign it surely has)
        info = best.family.info
        return _unverifiable(
            fact, index, f"no published series covers {fact.period} on the basis such figures "
            f"are reported; the ESTIMATE {info.series_id} ({best.family.describe()}) gives "
            f"{_money(best.latest.value, fact.currency)}, and the text's "
            f"{_money(fact.value, fact.currency)} is "
            f"{abs(fact.value - best.latest.value) / abs(best.latest.value):.1%} off, more than "
            f"its back-tested error and the store's revisions allow "
            f"(±{_money(best.tolerance, fact.currency, signed=False)}); an estimate confirms "
            f"and contradicts nothing beyond that. How it is made: {info.source}",
            series_id=info.series_id, source=info.source, flow=info.flow, basis=info.basis,
            seasonally_adjusted=info.seasonally_adjusted, reference_value=best.latest.value,
            tolerance=best.tolerance, estimated=True), None
    return _verdict(fact, index, best, rule, months), best


def _published_first(value: Decimal, half: Decimal, best: Judgement,
                     judgements: list[Judgement]) -> Judgement:
    """Rule "published before estimates", for a claim only an estimate would let pass.

    The published families it answers to (its anchors) are those of its own flow, basis and
    adjustment, and those of another basis it bears out (every vintage within its error and
    the revision band: they measure what it measures). Against anchors, the estimate only
    stands for today's figure, and the claim must be a possible revision of theirs: between
    their vintages and today's figure (widened by rounding and the estimate's back-tested
    error), and no further from a vintage than such series are revised. An estimate that
    does not bear out an anchor of its own basis places nothing; one without anchors is
    judged alone, as before. Where no estimate places the claim, the anchor contradicts it.
    """
    estimates = sorted((j for j in judgements if j.family.info.estimate and j.expected
                        and j.outcome == "estimate"), key=lambda j: j.rank)
    fallback: Judgement | None = None  # the estimate that failed, nearest to placing it
    for estimate in estimates:
        published = [j for j in judgements if j.expected and not j.family.info.estimate
                     and j.family.info.flow == estimate.family.info.flow]
        own = [j for j in published if _same_statistic(j.family, estimate.family)]
        anchors = own + [j for j in published if j not in own and _bears_out(estimate, j)]
        if not anchors:
            return estimate
        if not all(_bears_out(estimate, j) for j in own):
            fallback = fallback or replace(estimate, anchor=anchors[0])
            continue
        today = estimate.latest
        reach = today.error + today.half_unit + half
        refs = [(j, ref) for j in anchors for ref in j.refs]
        between = (min([today.value - reach] + [r.value - r.half_unit - half for _, r in refs]),
                   max([today.value + reach] + [r.value + r.half_unit + half for _, r in refs]))
        revised = (min(r.value - _revision(j, r) - half for j, r in refs),
                   max(r.value + _revision(j, r) + half for j, r in refs))
        span = (max(between[0], revised[0]), min(between[1], revised[1]))
        placed = replace(estimate, anchor=anchors[0], span=span)
        if span[0] <= value <= span[1]:
            return placed
        if fallback is None or fallback.span is None:
            fallback = placed
    if fallback is None or fallback.anchor is None:
        return best
    return replace(fallback.anchor, anchor=replace(fallback, anchor=None), span=fallback.span)


def _bears_out(estimate: Judgement, published: Judgement) -> bool:
    """Every vintage of ``published`` lies within the estimate's error and the band."""
    today = estimate.latest
    allowed = today.error + today.half_unit + Decimal(str(estimate.band.size)) * abs(
        today.value)
    return all(abs(ref.value - today.value) <= allowed + ref.half_unit
               for ref in published.refs)


def _same_statistic(one: Family, other: Family) -> bool:
    a, b = one.info, other.info
    return (a.flow, a.basis, a.seasonally_adjusted) == (b.flow, b.basis, b.seasonally_adjusted)


def _revision(judgement: Judgement, ref: RefValue) -> Decimal:
    """How far a revision of ``ref`` may go: the band of its family, and its rounding."""
    return Decimal(str(judgement.band.size)) * abs(ref.value) + ref.half_unit


def _neighbours(period: str, months: Sequence[str]) -> list[str]:
    """Periods a text may have mixed up with ``period``, nearest first: the month, quarter or
    run of months before and after, then the same one a year before and after; for a year,
    the years either side."""
    size = len(months)
    steps = (-size, size) + ((-12, 12) if size < 12 else ())
    found = [shift(period, step) for step in steps]
    return [other for other in found if other is not None]


def _mixed_up(fact: TradeFact, store: ReferenceStore, families: Sequence[Family],
              expected_sa: bool | None, half: Decimal, months: Sequence[str]
              ) -> tuple[str, RefValue] | None:
    """A published figure of a neighbouring period that the claim matches within its stated
    precision, in a family the claim may be about; the nearest period first."""
    published = [family for family in families if not family.info.estimate
                 and _is_expected(family, fact, expected_sa)]
    for other in _neighbours(fact.period or "", months):
        other_months = months_of(other) or ()
        early = _settled_after(other_months)
        for family in published:
            for ref in _family_values(store, family, other, other_months):
                if ref.vintage < early and abs(fact.value - ref.value) <= half + ref.half_unit:
                    return other, ref
    return None


def _mixed_up_verdict(fact: TradeFact, verdict: Verdict, other: str, ref: RefValue) -> Verdict:
    own = verdict.reference_value
    kind = "the ESTIMATE " if verdict.estimated else ""
    when = f" (vintage {verdict.vintage})" if verdict.vintage and not verdict.estimated else ""
    off = f", {abs(fact.value - own) / abs(own):.1%} off" if own else ""
    figure = f" {_money(own, fact.currency)}" if own is not None else " no figure"
    text = (f"Contradicted: the text's {_money(fact.value, fact.currency)} is the figure for "
            f"{other}, not for {fact.period}: {ref.series_id} gave "
            f"{_money(ref.value, fact.currency)} for {other} (vintage {ref.vintage}), while "
            f"for {fact.period} {kind}{verdict.series_id} gives{figure}{when}{off}, and no "
            f"vintage of {fact.period} in the store has the text's figure.")
    return verdict.model_copy(update={"status": "contradicted", "explanation": text})


# --- candidates and ranking ----------------------------------------------------------------

def _candidates(fact: TradeFact, store: ReferenceStore) -> tuple[list[Family], str]:
    same = [s for s in store.series if s.indicator == fact.indicator
            and s.reporter == fact.reporter and s.partner == fact.partner]
    if not same:
        if not any(s.reporter == fact.reporter for s in store.series):
            return [], (f"the store holds no series of {fact.reporter}'s trade; add that "
                        "statistics office's figures in the user CSV format")
        return [], (f"the store holds no {fact.indicator} series of {fact.reporter} with "
                    f"{fact.partner}")
    same = [s for s in same if s.currency == fact.currency]
    if not same:
        return [], f"the store's series are not in {fact.currency}"
    if fact.flow is not None:
        same = [s for s in same if s.flow == fact.flow]
        if not same:
            return [], f"the store holds no {fact.flow} series for this figure"
    if fact.seasonally_adjusted is not None:
        same = [s for s in same if s.seasonally_adjusted == fact.seasonally_adjusted]
        if not same:
            adjustment = "seasonally adjusted" if fact.seasonally_adjusted else "unadjusted"
            return [], f"the store holds no {adjustment} series for this figure"
    groups: dict[tuple[object, ...], list[SeriesInfo]] = {}
    for info in same:
        key = (info.flow, info.basis, info.seasonally_adjusted, info.estimate)
        groups.setdefault(key, []).append(info)
    return [Family(tuple(members)) for members in groups.values()], ""


def _rule(fact: TradeFact, months: Sequence[str]) -> str:
    if fact.reporter != "USA":
        return "other"
    if fact.partner != "WLD":
        return "bilateral"
    return "us-total-since-1994" if months[0] >= "1994-01" else "us-total-before-1994"


def _expected_adjustment(fact: TradeFact, months: Sequence[str]) -> bool | None:
    if fact.seasonally_adjusted is not None:
        return fact.seasonally_adjusted
    if fact.reporter != "USA" or (len(months) % 12 == 0 and months[0].endswith("-01")):
        return None  # whole years: adjusted and unadjusted sums agree closely
    return fact.partner == "WLD"


def _ranked(families: list[Family], fact: TradeFact, rule: str,
            expected_sa: bool | None) -> list[Family]:
    preferences = _PREFERENCES[rule]

    def key(family: Family) -> tuple[int, int, int]:
        info = family.info
        sa_rank = 0 if expected_sa is None or info.seasonally_adjusted == expected_sa else 1
        pair = (info.flow, info.basis)
        flow_rank = preferences.index(pair) if pair in preferences else len(preferences)
        return (sa_rank, 1 if info.estimate else 0, flow_rank)

    return sorted(families, key=key)


def _family_values(store: ReferenceStore, family: Family, period: str,
                   months: Sequence[str]) -> list[RefValue]:
    found: list[RefValue] = []
    period = canonical(period) if period else period
    for info in family.members:
        if info.frequency == "M":
            found.extend(store.values(info.series_id, months))
        elif (info.frequency == "Q" and len(months) == 3 and "Q" in period) or (
                info.frequency == "A" and len(months) == 12 and period.isdigit()):
            found.extend(store.values(info.series_id, [period]))
    return sorted(found, key=lambda ref: (ref.vintage, ref.series_id))


def _span(store: ReferenceStore, family: Family) -> str:
    spans = [store.coverage(info.series_id) for info in family.members]
    known = [span for span in spans if span]
    if not known:
        return "(empty)"
    return f"covers {min(s[0] for s in known)}..{max(s[1] for s in known)}"


# --- comparison ----------------------------------------------------------------------------

def _settled_after(months: Sequence[str]) -> dt.date:
    """A vintage from this date on is a revised one: a year after the period's last month."""
    last = month_index(months[-1]) + 13
    return dt.date(last // 12, last % 12 + 1, 1)


def _judge(value: Decimal, half: Decimal, refs: list[RefValue], band: Band, family: Family,
           expected: bool, rank: int, settled: dt.date) -> Judgement:
    latest = refs[-1]
    vintages = len({ref.vintage for ref in refs})

    # the band stands in for vintages the store lacks: only where it holds one, and that one
    # a revised figure (a year after the period), not the first release itself
    banded = vintages == 1 and bool(band.pairs) and latest.vintage >= settled

    def make(outcome: Outcome, used: RefValue, tolerance: Decimal) -> Judgement:
        return Judgement(family, outcome, used, latest, tolerance, band, vintages, expected,
                         rank, tuple(refs), banded)

    tolerance = half + latest.half_unit
    if family.info.estimate:
        # an estimate stands for today's series: its error, plus how much that is revised
        allowed = tolerance + latest.error + Decimal(str(band.size)) * abs(latest.value)
        if abs(value - latest.value) <= allowed and value * latest.value > 0:
            return make("estimate", latest, allowed)
        return make("contradicted", latest, allowed)
    if abs(value - latest.value) <= tolerance:
        return make("confirmed", latest, tolerance)
    for ref in reversed(refs[:-1]):
        if ref.vintage < latest.vintage and abs(value - ref.value) <= half + ref.half_unit:
            return make("vintage", ref, half + ref.half_unit)
    allowed = Decimal(str(band.size)) * abs(latest.value) + tolerance
    if banded and abs(value - latest.value) <= allowed and value * latest.value > 0:
        return make("band", latest, allowed)
    return make("contradicted", latest, tolerance)


def _verdict(fact: TradeFact, index: int, best: Judgement, rule: str,
             months: Sequence[str]) -> Verdict:
    info = best.family.info
    used = best.used if best.outcome == "vintage" else best.latest
    difference = abs(fact.value - used.value)
    relative = float(difference / abs(used.value)) if used.value else None
    claim = _money(fact.value, fact.currency)
    latest = _money(best.latest.value, fact.currency)
    source = f"{used.series_id} ({best.family.describe()})"
    where = f"{fact.period}"
    if best.outcome == "confirmed":
        status = "confirmed"
        text = (f"Confirmed: {source} gives {latest} for {where} (vintage "
                f"{best.latest.vintage}); the text's {claim} agrees within its stated "
                f"precision (±{_money(best.tolerance, fact.currency, signed=False)}).")
    elif best.outcome == "vintage":
        status = "revised"
        revision = abs(best.latest.value - used.value) / abs(used.value) if used.value else 0
        text = (f"Revised since: the text's {claim} is the figure as published in the "
                f"{used.vintage} vintage ({source}); the latest vintage "
                f"({best.latest.vintage}, {best.latest.series_id}) gives {latest}, a "
                f"revision of {revision:.1%}.")
    elif best.outcome == "band":
        status = "revised"
        text = (f"Probably revised: {source} now gives {latest} for {where} (vintage "
                f"{best.latest.vintage}); the text's {claim} is {relative or 0:.1%} off, "
                f"within how much such series are revised ({best.band.describe()}).")
    elif best.outcome == "estimate" and best.anchor is not None and best.span is not None:
        status = "revised"
        first = best.anchor.latest
        text = (f"Revised, between a published figure and an ESTIMATE of today's: "
                f"{first.series_id} ({best.anchor.family.describe()}) gave "
                f"{_money(first.value, fact.currency)} for {where} (vintage {first.vintage}) "
                f"and the ESTIMATE {source} puts today's figure at {latest}; the text's "
                f"{claim} lies between them, within how much such series are revised "
                f"({_range(best.span, fact.currency)} with rounding and the estimate's "
                f"back-tested error, ±{_money(best.latest.error, fact.currency, signed=False)}),"
                f" where a revision published since would. How the estimate is made: "
                f"{info.source}.")
    elif best.outcome == "estimate":
        status = "revised"
        text = (f"Revised, against an ESTIMATE (no published series covers {where} on this "
                f"basis): {source} gives {latest} for {where}; the text's {claim} is "
                f"{relative or 0:.1%} off, within the estimate's back-tested error "
                f"(±{_money(best.latest.error, fact.currency, signed=False)}) and how much "
                f"such series are revised ({best.band.describe()}). How the estimate is "
                f"made: {info.source}.")
    elif best.family.info.estimate:
        status = "contradicted"
        text = (f"Contradicted by an ESTIMATE (no published series covers {where} on this "
                f"basis): {source} gives {latest} for {where}; the text's {claim} differs by "
                f"{_money(difference, fact.currency, signed=False)} ({relative or 0:.1%}), "
                f"more than the estimate's back-tested error, rounding and revisions allow "
                f"(±{_money(best.tolerance, fact.currency, signed=False)}). How the estimate "
                f"is made: {info.source}.")
    else:
        status = "contradicted"
        extra = (f" and more than such series are revised ({best.band.describe()})"
                 if best.banded else "")
        earlier = (f"; none of the {best.vintages} vintages in the store agrees either"
                   if best.vintages > 1 else "")
        if best.anchor is not None:
            earlier += _set_aside(best.anchor, best.span, fact.currency)
        text = (f"Contradicted: {source} gives {latest} for {where} (vintage "
                f"{best.latest.vintage}); the text's {claim} differs by "
                f"{_money(difference, fact.currency, signed=False)} ({relative or 0:.1%}), "
                f"more than rounding (±{_money(best.tolerance, fact.currency, signed=False)})"
                f"{extra}{earlier}.")
    selection = None
    if fact.flow is None or fact.seasonally_adjusted is None:
        selection = (f"{rule}: {RULES[rule]}; the text names no "
                     f"{'flow' if fact.flow is None else ''}"
                     f"{' or ' if fact.flow is None and fact.seasonally_adjusted is None else ''}"
                     f"{'adjustment' if fact.seasonally_adjusted is None else ''}; used "
                     f"{best.family.describe()}")
    return Verdict.for_fact(
        fact, index, status=status, explanation=text, series_id=used.series_id,
        source=info.source, flow=info.flow, basis=info.basis,
        seasonally_adjusted=info.seasonally_adjusted, vintage=used.vintage,
        reference_value=used.value, latest_vintage=best.latest.vintage,
        latest_value=best.latest.value, abs_difference=difference, rel_difference=relative,
        tolerance=best.tolerance, revision_band=best.band.size if best.band.pairs else None,
        revision_band_basis=best.band.describe(), selection=selection,
        estimated=bool(info.estimate))


def _set_aside(estimate: Judgement, span: tuple[Decimal, Decimal] | None,
               currency: str) -> str:
    """Why an estimate that would let the claim pass does not (rule "published first")."""
    today = _money(estimate.latest.value, currency)
    name = f"the ESTIMATE {estimate.family.info.series_id} ({estimate.family.describe()})"
    if span is None:
        return (f"; {name} gives {today}, but it does not bear out the published figure "
                f"itself, so it cannot stand for a revision of it")
    return (f"; {name} puts today's figure at {today}, and a revision published since would "
            f"lie between the published figure and that, within how much such series are "
            f"revised: {_range(span, currency)} with rounding and the estimate's back-tested "
            f"error, where the text's figure is not")


def _range(span: tuple[Decimal, Decimal], currency: str) -> str:
    return f"{_money(span[0], currency)} to {_money(span[1], currency)}"


def _unverifiable(fact: TradeFact, index: int, why: str, **fields: object) -> Verdict:
    return Verdict.for_fact(fact, index, status="unverifiable",
                            explanation=f"Unverifiable: {why}.", **fields)


def _money(value: Decimal, currency: str, signed: bool = True) -> str:
    size = abs(value)
    sign = "-" if signed and value < 0 else ""
    if size >= Decimal(10) ** 9:
        return f"{sign}{currency} {size / Decimal(10) ** 9:,.3f} bn"
    return f"{sign}{currency} {size / Decimal(10) ** 6:,.1f} mn"


# --- checks beyond the value ---------------------------------------------------------------

def _value_checks(fact: TradeFact, store: ReferenceStore, best: Judgement,
                  months: Sequence[str], text: str | None = None) -> list[Check]:
    checks: list[Check] = []
    period = fact.period or ""
    prior = fact.previous_period or previous(period)
    prior_months = months_of(prior) if prior else None
    prior_refs = (_family_values(store, best.family, prior or "", prior_months)
                  if prior_months else [])
    if fact.change_pct is not None:
        checks.append(_change_check(fact, store, best, months, prior, prior_refs))
    if fact.previous_value is not None:
        checks.append(_previous_check(fact, best, prior, prior_refs))
    if "record" in fact.qualifiers:
        checks.append(_rank_check(fact, store, best, months, 1, "record"))
    if "rank" in fact.qualifiers:
        match = (_RANK.search(fact.evidence) or _RANK.search(fact.sentence)
                 or (_RANK.search(text) if text else None))
        if match is None:
            checks.append(Check(name="rank", status="unverifiable", stated="a rank",
                                explanation="the evidence states no ordinal rank to check"))
        else:
            checks.append(_rank_check(fact, store, best, months,
                                      _ORDINALS[match.group(1).lower()], "rank"))
    return checks


def _change_range(current: RefValue, before: RefValue, widen: float) -> tuple[float, float]:
    c, p = abs(float(current.value)), abs(float(before.value))
    hc = float(current.half_unit) + widen * c
    hp = float(before.half_unit) + widen * p
    low = ((c - hc) / (p + hp) - 1) * 100 if p + hp else 0.0
    high = ((c + hc) / (p - hp) - 1) * 100 if p - hp > 0 else float("inf")
    return low, high


def _change_check(fact: TradeFact, store: ReferenceStore, best: Judgement,
                  months: Sequence[str], prior: str | None,
                  prior_refs: list[RefValue]) -> Check:
    stated = Decimal(fact.change_pct or 0)
    text = f"{stated}% against {prior}"
    if not prior_refs:
        return Check(name="change_pct", status="unverifiable", stated=text,
                     explanation=f"no value of {best.family.describe()} for {prior} to compare")
    tol = float(percent_half_unit(stated))
    widen = best.band.size if best.outcome == "band" else 0.0
    if best.outcome == "estimate" and best.latest.value:
        widen = best.band.size + float(best.latest.error / abs(best.latest.value))
    current_refs = _family_values(store, best.family, fact.period or "", months)
    latest_before = prior_refs[-1]
    low, high = _change_range(best.latest, latest_before, widen)
    shown = f"{(low + high) / 2:.1f}%"
    if low - tol <= float(stated) <= high + tol:
        return Check(name="change_pct", status="consistent", stated=text, reference=shown,
                     explanation=f"the latest figures give {shown} "
                                 f"({_money(latest_before.value, fact.currency)} → "
                                 f"{_money(best.latest.value, fact.currency)})")
    also = ""
    for current in reversed(current_refs[:-1]):
        earlier = [ref for ref in prior_refs if ref.vintage <= current.vintage]
        if not earlier:
            continue
        low_v, high_v = _change_range(current, earlier[-1], 0.0)
        mid = f"{(low_v + high_v) / 2:.1f}%"
        if low_v - tol <= float(stated) <= high_v + tol:
            return Check(name="change_pct", status="revised", stated=text, reference=mid,
                         explanation=f"agrees with the figures as of {current.vintage} "
                                     f"({mid}); the latest give {shown}")
        also = (f"; as of {current.vintage} they gave {mid} "
                f"({_money(earlier[-1].value, fact.currency)} for {prior}, published "
                f"{earlier[-1].vintage}: the release may have compared with a revised "
                f"figure the store lacks)")
    return Check(name="change_pct", status="inconsistent", stated=text, reference=shown,
                 explanation=f"the latest figures give {shown}, not {stated}%{also}")


def _previous_check(fact: TradeFact, best: Judgement, prior: str | None,
                    prior_refs: list[RefValue]) -> Check:
    value = Decimal(fact.previous_value or 0)
    text = f"{_money(value, fact.currency)} for {prior}"
    if not prior_refs:
        return Check(name="previous_value", status="unverifiable", stated=text,
                     explanation=f"no value of {best.family.describe()} for {prior}")
    half = stated_half_unit(value, fact.sentence or fact.evidence)
    prior_months = months_of(prior) or ("0001-01",)
    judged = _judge(value, half, prior_refs, best.band, best.family, True, 0,
                    _settled_after(prior_months))
    status: CheckStatus = {"confirmed": "consistent", "vintage": "revised", "band": "revised",
                           "estimate": "revised",
                           "contradicted": "inconsistent"}[judged.outcome]  # type: ignore[assignment]
    reference = _money(judged.used.value, fact.currency)
    return Check(name="previous_value", status=status, stated=text, reference=reference,
                 explanation=f"{judged.used.series_id} gives {reference} for {prior} "
                             f"(vintage {judged.used.vintage})")


def _rank_check(fact: TradeFact, store: ReferenceStore, best: Judgement,
                months: Sequence[str], stated: int, name: Literal["record", "rank"]) -> Check:
    label = "a record" if stated == 1 else f"rank {stated}"
    monthly = [info for info in best.family.members if info.frequency == "M"]
    if best.family.info.estimate:
        return Check(name=name, status="unverifiable", stated=label,
                     explanation="ranks are not checked against an estimated series")
    if len(months) != 1 or not monthly:
        return Check(name=name, status="unverifiable", stated=label,
                     explanation="ranks are checked for single months of monthly series")
    longest = min(monthly, key=lambda info: (store.coverage(info.series_id) or ("9999-12", ""))[0])
    vintage = best.used.vintage if best.used.series_id == longest.series_id else \
        dt.date.max
    direction = -1 if fact.indicator in ("trade_balance", "current_account") and \
        fact.value < 0 else 1
    placed = store.ranking(longest.series_id, months[0], vintage, direction)
    if placed is None:
        return Check(name=name, status="unverifiable", stated=label,
                     explanation=f"{longest.series_id} has no value for {months[0]}")
    place, count, first = placed
    ok = place == stated
    what = "the largest" if place == 1 else f"number {place}"
    return Check(name=name, status="consistent" if ok else "inconsistent", stated=label,
                 reference=f"rank {place} of {count}",
                 explanation=f"in {longest.series_id} it is {what} of the {count} months "
                             f"{first}..{months[0]}" + ("" if first <= "1990-01" else
                                                       f" (the series starts {first})"))


def _article_checks(facts: Sequence[TradeFact], verdicts: list[Verdict]) -> list[Verdict]:
    """Exports - imports = balance, and value against previous value and change."""
    result = list(verdicts)
    by_key: dict[tuple[object, ...], dict[str, int]] = {}
    for index, fact in enumerate(facts):
        key = (fact.doc_id, fact.reporter, fact.partner, fact.period, fact.flow)
        by_key.setdefault(key, {}).setdefault(fact.indicator, index)
    for index, fact in enumerate(facts):
        extra: list[Check] = []
        group = by_key.get((fact.doc_id, fact.reporter, fact.partner, fact.period, fact.flow),
                           {})
        if fact.indicator == "trade_balance" and "exports" in group and "imports" in group:
            exports, imports = facts[group["exports"]], facts[group["imports"]]
            if exports.currency == imports.currency == fact.currency:
                implied = exports.value - imports.value
                room = (stated_half_unit(exports.value, exports.evidence)
                        + stated_half_unit(imports.value, imports.evidence)
                        + stated_half_unit(fact.value, fact.evidence))
                ok = abs(implied - fact.value) <= room
                extra.append(Check(
                    name="article_balance", status="consistent" if ok else "inconsistent",
                    stated=_money(fact.value, fact.currency),
                    reference=_money(implied, fact.currency),
                    explanation=f"the article's exports - imports = "
                                f"{_money(implied, fact.currency)}"
                                + ("" if ok else ", more than rounding away")))
        if fact.previous_value and fact.change_pct is not None:
            half_now = float(stated_half_unit(fact.value, fact.evidence))
            half_before = float(stated_half_unit(fact.previous_value, fact.sentence or
                                                 fact.evidence))
            now, before = abs(float(fact.value)), abs(float(fact.previous_value))
            low = ((now - half_now) / (before + half_before) - 1) * 100
            high = ((now + half_now) / max(before - half_before, 1e-9) - 1) * 100
            tol = float(percent_half_unit(Decimal(fact.change_pct)))
            ok = low - tol <= float(fact.change_pct) <= high + tol
            extra.append(Check(
                name="article_change", status="consistent" if ok else "inconsistent",
                stated=f"{fact.change_pct}%", reference=f"{(low + high) / 2:.1f}%",
                explanation=f"the stated figures imply {(low + high) / 2:.1f}%"))
        if extra:
            result[index] = result[index].model_copy(
                update={"checks": result[index].checks + tuple(extra)})
    return result

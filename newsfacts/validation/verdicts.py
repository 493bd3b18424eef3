"""Facts → verdicts: find the series a fact may mean, compare, explain.

For one fact: ``families`` gathers the candidate series (same indicator, reporter, partner
and currency, grouped by flow, basis and adjustment) and ranks them by
``REPORTING_CONVENTIONS`` where the text names no flow (``reading`` reads it from the article
where it can); ``judging`` compares the figure with every vintage of a family: ``confirmed``
within the stated precision of a vintage, ``revised`` inside the plausible revision range of
the series at the figure's age (the store's own vintages where it holds them, else the
shipped revision profile, ``profile`` and ``ranges``; the wider of the two), ``contradicted``
only where no candidate series places it, ``unverifiable`` where none covers the period. A
first release of the period in the store comes before any range; estimated series
(``derived``) never confirm; a figure that matches a neighbouring period's release is a
period mix-up. ``checks`` tests change, record, rank and previous value with the same range.
Every verdict names the series, basis, adjustment, vintage and range it used.
How a verdict is reached, for a reader: docs/verdicts.md; the details: docs/validation.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from newsfacts.errors import Errors
from newsfacts.schema import TradeFact
from newsfacts.validation.checks import article_checks, value_checks
from newsfacts.validation.claim_dates import (
    allows_revisions,
    no_range_reason,
    timing_of,
    timing_sentence,
)
from newsfacts.validation.families import (
    REPORTING_CONVENTIONS,
    Family,
    candidates,
    coverage,
    expected_adjustment,
    family_values,
    is_expected,
    rank_families,
    rule_of,
)
from newsfacts.validation.judging import STRENGTH, Judgement, format_money, judge, settled_after
from newsfacts.validation.periods import months_of, shift
from newsfacts.validation.profile import RevisionProfile, load_profile
from newsfacts.validation.ranges import revision_band
from newsfacts.validation.reading import article_flow
from newsfacts.validation.series_and_verdicts import Verdict
from newsfacts.validation.store import Band, ReferenceStore, RefValue
from newsfacts.validation.tolerance import stated_half_unit

__all__ = ["REPORTING_CONVENTIONS", "validate", "validate_fact", "validate_facts"]

# trade releases come a month apart (the U.S. FT-900 some 28 to 35 days): a vintage published
# less than this before a claim is the figure as known when the claim was made
KNOWN_WITHIN = dt.timedelta(days=28)
_ANNUAL_RATE = re.compile(r"\brunning at\b|\bannual(?:ized)? rate\b|\bannual pace\b",
                          re.IGNORECASE)


def validate(facts: Iterable[TradeFact], reference: ReferenceStore | str | Path,
             texts: Mapping[str, str] | None = None,
             profile: RevisionProfile | None = None) -> list[Verdict]:
    """One verdict per fact, in order; ``reference`` is a store or the path of one.

    ``texts`` (doc_id → article text) lets rank checks read a rank stated outside the
    fact's evidence ("…, its third-highest monthly level") and lets the flow be read from
    the sentence before. ``profile`` is the revision profile used where the store holds no
    vintages of its own for a kind of series (default: the one shipped with the package;
    ``RevisionProfile.empty()`` for none).
    """
    checked = _checked_facts(facts)
    if texts is not None and not (isinstance(texts, Mapping) and all(
            isinstance(key, str) and isinstance(value, str) for key, value in texts.items())):
        raise Errors.TEXTS_MAPPING(value=_kind(texts))
    if isinstance(reference, ReferenceStore):
        return validate_facts(checked, reference, texts, profile)
    with ReferenceStore.open(reference) as store:
        return validate_facts(checked, store, texts, profile)


def _checked_facts(facts: object) -> list[TradeFact]:
    """``facts`` as a list; InputError (E100) for anything but TradeFacts."""
    if isinstance(facts, (str, bytes, TradeFact)) or not isinstance(facts, Iterable):
        raise Errors.FACTS_NOT_ITERABLE(value=_kind(facts))
    checked = list(facts)
    for number, fact in enumerate(checked, 1):
        if not isinstance(fact, TradeFact):
            raise Errors.FACTS_ITEM(number=number, value=_kind(fact))
    return checked


def _kind(value: object) -> str:
    return "None" if value is None else f"a {type(value).__name__}"


def validate_facts(facts: Sequence[TradeFact], store: ReferenceStore,
                   texts: Mapping[str, str] | None = None,
                   profile: RevisionProfile | None = None) -> list[Verdict]:
    used = profile if profile is not None else load_profile()
    verdicts = [validate_fact(fact, store, index, (texts or {}).get(fact.doc_id), used, facts)
                for index, fact in enumerate(facts)]
    return article_checks(facts, verdicts)


def validate_fact(fact: TradeFact, store: ReferenceStore, index: int = 0,
                  text: str | None = None, profile: RevisionProfile | None = None,
                  siblings: Sequence[TradeFact] = ()) -> Verdict:
    if fact.modality != "actual":
        return _unverifiable(fact, index, f"a {fact.modality}, not a reported statistic")
    months = months_of(fact.period)
    if months is None:
        why = ("the text fixes no period" if fact.period is None else
               f"period {fact.period!r} is not a calendar period the store can sum "
               "(fiscal years are not matched)")
        return _unverifiable(fact, index, why)
    if len(months) not in (1, 3, 12) and _ANNUAL_RATE.search(fact.sentence or fact.evidence):
        return _unverifiable(fact, index, f"the figure for {fact.period} is stated as a rate "
                             "(\"running at\", \"annual rate\"), not as the sum of its months")
    read = article_flow(fact, siblings, text)
    if read is not None and fact.flow is not None:
        # the article names another flow next to the figure than extraction gave it
        fact = fact.model_copy(update={"flow": read[0]})
    families, why_none = candidates(fact, store)
    if not families:
        if read is not None:
            why_none += f" (flow read from the article: {read[1]})"
        return _unverifiable(fact, index, why_none)
    if read is not None:
        chosen = [family for family in families if family.info.flow == read[0]]
        if chosen and any(family_values(store, family, fact.period or "", months)
                          for family in chosen):
            families = chosen
        else:
            read = None
    if profile is None:
        profile = load_profile()
    rule = rule_of(fact, months)
    expected_sa = expected_adjustment(fact, months)
    half = stated_half_unit(fact.value, fact.evidence)
    ranked = rank_families(families, fact, rule, expected_sa)
    judgements: list[Judgement] = []
    held = [(rank, family, family_values(store, family, fact.period or "", months))
            for rank, family in enumerate(ranked)]
    settled = settled_after(months)
    # where the store holds an early vintage of the period (a first release) in a published
    # family the text may mean, that figure is what a report of the time printed: other
    # families' revised figures are then not stretched by a revision range
    first = next((refs[0] for _, family, refs in held
                  if refs and not family.info.estimate and refs[0].vintage < settled
                  and is_expected(family, fact, expected_sa)), None)
    if first is None and fact.published is not None:
        # likewise the figure of the period as known on the claim's date (``_known_then``),
        # where the claim is dated before today's figures: what the claim could have printed
        first = next((_known_then(refs, fact.published)[-1] for _, family, refs in held
                      if _known_then(refs, fact.published) and not family.info.estimate
                      and is_expected(family, fact, expected_sa)
                      and fact.published < refs[-1].vintage), None)
    # the store's latest figure of each statistic (flow, basis, adjustment), over its
    # published and estimated series: an estimate stands for today's figure of a statistic
    # whose published series may hold only a first release
    newest: dict[tuple[str, str, bool], dt.date] = {}
    for _, family, refs in held:
        if refs:
            key = _statistic(family)
            newest[key] = max(newest.get(key, refs[-1].vintage), refs[-1].vintage)
    # the statistics of which a published family holds the figure of the period as known
    # when the claim was made
    known_then = {_statistic(family) for _, family, refs in held
                  if not family.info.estimate and _known_then(refs, fact.published)}
    for rank, family, refs in held:
        if not refs:
            continue
        # revisions can only explain the gap between the figure as known when the claim was
        # made and today's: a claim dated on or after the latest vintage, or undated, is
        # judged against that vintage with its stated precision only
        as_of = newest[_statistic(family)]
        timing = timing_of(fact.published, as_of)
        known = _known_then(refs, fact.published) if allows_revisions(timing) else []
        if known and not family.info.estimate:
            # the store holds the figure as it was known when the claim was made: revisions
            # published since cannot explain a gap with it
            band = Band(0.0, 0, "", "store", note=(
                f"no revision range applied: the store holds the figure of {fact.period} as "
                f"published on {known[-1].vintage} ({known[-1].series_id}), less than a month "
                f"before the text's date ({fact.published}) or on it: the figure as known "
                "when the claim was made, which later revisions cannot change"))
        elif family.info.estimate and allows_revisions(timing) and \
                _statistic(family) in known_then:
            continue  # an estimate of today's figure says nothing of the figure known then
        elif not allows_revisions(timing):
            band = Band(0.0, 0, "")
        elif first is not None and refs[0].vintage >= settled and not family.info.estimate:
            band = Band(0.0, 0, "", "store", note=(
                f"no revision range applied: the store holds the figure of {fact.period} as "
                f"published on {first.vintage} ({first.series_id}), which the text's figure "
                "would match if it were that release"))
        else:
            # revisions explain the gap between the claim's date and the vintage compared
            # with: the nearest revised vintage after the claim, at its age, not today's
            refs = _up_to_nearest(refs, fact.published, settled)
            band = revision_band(store, profile, family, fact.indicator, fact.period or "",
                                 months, refs)
        judgements.append(judge(fact.value, half, refs, band, family,
                                 is_expected(family, fact, expected_sa), rank, settled,
                                 timing, as_of))
    if not judgements:
        spans = "; ".join(f"{f.info.series_id} {coverage(store, f)}" for f in families[:4])
        return _unverifiable(fact, index, f"no series covers {fact.period} ({spans})")
    verdict, best = _decide(fact, index, judgements, half, rule, expected_sa, months, read)
    if (best is None or best.outcome not in ("confirmed", "vintage")) and (
            verdict.status != "unverifiable" or verdict.estimated):
        # no vintage of the period has the text's figure: is it another period's?
        mixed = _mixed_up(fact, store, ranked, expected_sa, half, months)
        if mixed is not None:
            verdict = _mixed_up_verdict(fact, verdict, *mixed)
    if best is None:
        return verdict
    checks = value_checks(fact, store, best, months, text)
    return verdict.model_copy(update={"checks": tuple(checks)})


def _decide(fact: TradeFact, index: int, judgements: list[Judgement], half: Decimal,
            rule: str, expected_sa: bool | None, months: Sequence[str],
            read: tuple[str, str] | None = None) -> tuple[Verdict, Judgement | None]:
    """The verdict on the value, and the judgement it rests on (None where unverifiable)."""
    # a family on another adjustment than the text implies may confirm, never "probably"
    # and an estimate on another adjustment says nothing either way
    usable = [j for j in judgements if j.expected or j.outcome in ("confirmed", "vintage")]
    published = [j for j in judgements if not j.family.info.estimate]
    best = min(usable or published or judgements, key=lambda j: (STRENGTH[j.outcome], j.rank))
    if best.outcome == "contradicted" or (best.family.info.estimate and not best.expected):
        expected_ones = [j for j in judgements if j.expected]
        if not expected_ones:
            top = judgements[0]
            adjustment = "seasonally adjusted" if expected_sa else "not seasonally adjusted"
            return _unverifiable(
                fact, index, f"only {top.family.describe()} series cover {fact.period} and "
                f"such figures are reported {adjustment} ({REPORTING_CONVENTIONS[rule]}); "
                f"{top.family.info.series_id} gives "
                f"{format_money(top.latest.value, fact.currency)}",
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
            f"{format_money(best.latest.value, fact.currency)}, and the text's "
            f"{format_money(fact.value, fact.currency)} is "
            f"{abs(fact.value - best.latest.value) / abs(best.latest.value):.1%} off, more than "
            f"its back-tested error and the store's revisions allow "
            f"(±{format_money(best.tolerance, fact.currency, signed=False)}); an estimate confirms "
            f"and contradicts nothing beyond that. How it is made: {info.source}",
            series_id=info.series_id, source=info.source, flow=info.flow, basis=info.basis,
            seasonally_adjusted=info.seasonally_adjusted, reference_value=best.latest.value,
            tolerance=best.tolerance, estimated=True), None
    return _verdict(fact, index, best, rule, months, read), best


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


def _known_then(refs: Sequence[RefValue], published: dt.date | None) -> list[RefValue]:
    """The vintages that were the figure as known on the claim's date: published on it or
    less than ``KNOWN_WITHIN`` before it, so that no later monthly release can have revised
    them in between (none for an undated claim). An older vintage may have been revised
    before the claim was made: the claim is then judged with the revision range."""
    if published is None:
        return []
    return [ref for ref in refs if published - KNOWN_WITHIN < ref.vintage <= published]


def _up_to_nearest(refs: Sequence[RefValue], published: dt.date | None,
                   settled: dt.date) -> list[RefValue]:
    """``refs`` up to the first revised vintage (a year or more after the period) published
    after the claim's date: the figure compared with, its age setting the revision range."""
    if published is None:
        return list(refs)
    for index, ref in enumerate(refs):
        if ref.vintage > published and ref.vintage >= settled:
            return list(refs[:index + 1])
    return list(refs)


def _statistic(family: Family) -> tuple[str, str, bool]:
    info = family.info
    return info.flow, info.basis, info.seasonally_adjusted


def _same_statistic(one: Family, other: Family) -> bool:
    return _statistic(one) == _statistic(other)


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
                 and is_expected(family, fact, expected_sa)]
    for other in _neighbours(fact.period or "", months):
        other_months = months_of(other) or ()
        early = settled_after(other_months)
        for family in published:
            for ref in family_values(store, family, other, other_months):
                if ref.vintage < early and abs(fact.value - ref.value) <= half + ref.half_unit:
                    return other, ref
    return None


def _mixed_up_verdict(fact: TradeFact, verdict: Verdict, other: str, ref: RefValue) -> Verdict:
    own = verdict.reference_value
    kind = "the ESTIMATE " if verdict.estimated else ""
    when = f" (vintage {verdict.vintage})" if verdict.vintage and not verdict.estimated else ""
    off = f", {abs(fact.value - own) / abs(own):.1%} off" if own else ""
    figure = f" {format_money(own, fact.currency)}" if own is not None else " no figure"
    text = (f"Contradicted: the text's {format_money(fact.value, fact.currency)} is the figure for "
            f"{other}, not for {fact.period}: {ref.series_id} gave "
            f"{format_money(ref.value, fact.currency)} for {other} (vintage {ref.vintage}), while "
            f"for {fact.period} {kind}{verdict.series_id} gives{figure}{when}{off}, and no "
            f"vintage of {fact.period} in the store has the text's figure.")
    named = verdict.explanation.find("[Compared with:")
    if named >= 0:
        text += " " + verdict.explanation[named:]
    return verdict.model_copy(update={"status": "contradicted", "explanation": text})


def _verdict(fact: TradeFact, index: int, best: Judgement, rule: str,
             months: Sequence[str], read: tuple[str, str] | None = None) -> Verdict:
    info = best.family.info
    used = best.used if best.outcome == "vintage" else best.latest
    difference = abs(fact.value - used.value)
    relative = float(difference / abs(used.value)) if used.value else None
    claim = format_money(fact.value, fact.currency)
    latest = format_money(best.latest.value, fact.currency)
    source = f"{used.series_id} ({best.family.describe()})"
    where = f"{fact.period}"
    if best.outcome == "confirmed":
        status = "confirmed"
        text = (f"Confirmed: {source} gives {latest} for {where} (vintage "
                f"{best.latest.vintage}); the text's {claim} agrees within its stated "
                f"precision (±{format_money(best.tolerance, fact.currency, signed=False)}).")
    elif best.outcome == "vintage":
        status = "revised"
        revision = abs(best.latest.value - used.value) / abs(used.value) if used.value else 0
        text = (f"Revised since: the text's {claim} is the figure as published in the "
                f"{used.vintage} vintage ({source}); the latest vintage "
                f"({best.latest.vintage}, {best.latest.series_id}) gives {latest}, a "
                f"revision of {revision:.1%}.")
    elif best.outcome == "band":
        status = "revised"
        inside = best.band.bounds or best.band.describe()
        text = (f"Probably revised: {source} now gives {latest} for {where} (vintage "
                f"{best.latest.vintage}); the text's {claim} is {relative or 0:.1%} off, inside "
                f"the range within which early releases of such figures have been revised, or "
                f"differ by basis, at this age ({inside}). Likely the figure as first "
                f"published; the store holds no vintage of that date to show it.")
    elif best.outcome == "estimate" and best.anchor is not None and best.span is not None:
        status = "revised"
        first = best.anchor.latest
        text = (f"Revised, between a published figure and an ESTIMATE of today's: "
                f"{first.series_id} ({best.anchor.family.describe()}) gave "
                f"{format_money(first.value, fact.currency)} for {where} (vintage {first.vintage}) "
                f"and the ESTIMATE {source} puts today's figure at {latest}; the text's "
                f"{claim} lies between them, within how much such series are revised "
                f"({_range(best.span, fact.currency)} with rounding and the estimate's "
                f"back-tested error, "
                f"±{format_money(best.latest.error, fact.currency, signed=False)}), "
                f"where a revision published since would. How the estimate is made: "
                f"{info.source}.")
    elif best.outcome == "estimate":
        status = "revised"
        text = (f"Revised, against an ESTIMATE (no published series covers {where} on this "
                f"basis): {source} gives {latest} for {where}; the text's {claim} is "
                f"{relative or 0:.1%} off, within the estimate's back-tested error "
                f"(±{format_money(best.latest.error, fact.currency, signed=False)}) and how much "
                f"such series are revised ({best.band.describe()}). How the estimate is "
                f"made: {info.source}.")
    elif best.family.info.estimate:
        status = "contradicted"
        text = (f"Contradicted by an ESTIMATE (no published series covers {where} on this "
                f"basis): {source} gives {latest} for {where}; the text's {claim} differs by "
                f"{format_money(difference, fact.currency, signed=False)} ({relative or 0:.1%}), "
                f"more than the estimate's back-tested error, rounding and revisions allow "
                f"(±{format_money(best.tolerance, fact.currency, signed=False)}). How the estimate "
                f"is made: {info.source}.")
    else:
        status = "contradicted"
        extra = (f" and more than such series are revised ({best.band.describe()})"
                 if best.banded else f"; {best.band.note}" if best.band.note else "")
        earlier = (f"; none of the {best.vintages} vintages in the store agrees either"
                   if best.vintages > 1 else "")
        if best.anchor is not None:
            earlier += _set_aside(best.anchor, best.span, fact.currency)
        text = (f"Contradicted: {source} gives {latest} for {where} (vintage "
                f"{best.latest.vintage}); the text's {claim} differs by "
                f"{format_money(difference, fact.currency, signed=False)} ({relative or 0:.1%}), "
                f"more than rounding (±{format_money(best.tolerance, fact.currency, signed=False)})"
                f"{extra}{earlier}.")
    selection = None
    if read is not None:
        selection = (f"read from the article: {read[0].replace('_', ' ')}, as {read[1]}; used "
                     f"{best.family.describe()}")
    elif fact.flow is None or fact.seasonally_adjusted is None:
        selection = (f"{rule}: {REPORTING_CONVENTIONS[rule]}; the text names no "
                     f"{'flow' if fact.flow is None else ''}"
                     f"{' or ' if fact.flow is None and fact.seasonally_adjusted is None else ''}"
                     f"{'adjustment' if fact.seasonally_adjusted is None else ''}; used "
                     f"{best.family.describe()}")
    rounding = stated_half_unit(fact.value, fact.evidence) + used.half_unit
    text += " " + timing_sentence(best.timing, fact.published,
                                  best.timing_vintage or best.latest.vintage)
    text += " " + _compared(used, best, fact.currency, rounding)
    return Verdict.for_fact(
        fact, index, status=status, explanation=text, series_id=used.series_id,
        source=info.source, flow=info.flow, basis=info.basis,
        seasonally_adjusted=info.seasonally_adjusted, vintage=used.vintage,
        reference_value=used.value, latest_vintage=best.latest.vintage,
        latest_value=best.latest.value, abs_difference=difference, rel_difference=relative,
        tolerance=best.tolerance, revision_band=best.band.size if best.band.pairs else None,
        revision_band_basis=best.band.describe() if allows_revisions(best.timing) else
        no_range_reason(best.timing), selection=selection,
        estimated=bool(info.estimate), timing=best.timing)


def _compared(used: RefValue, best: Judgement, currency: str, half: Decimal) -> str:
    """The closing line of every verdict on a value: series, basis, adjustment, vintage and
    the range the figure was judged with."""
    info = best.family.info
    flow = info.flow.replace("_", " ")
    basis = {"bop": "BOP", "census_cif": "Census, imports c.i.f.,"}.get(info.basis,
                                                                        info.basis.capitalize())
    rounding = f"rounding ±{format_money(half, currency, signed=False)}"
    if best.outcome == "band" or (best.banded and best.outcome == "contradicted"):
        judged = f"{rounding}; revision range {best.band.describe()}"
    elif best.outcome == "estimate":
        judged = (f"the estimate's back-tested error"
                  f"{' and revisions' if allows_revisions(best.timing) else ''}, ±"
                  f"{format_money(best.tolerance, currency, signed=False)}")
    else:
        judged = rounding
    if not allows_revisions(best.timing):
        judged += f"; {no_range_reason(best.timing)}"
    return (f"[Compared with: {used.series_id}, {flow}, {basis} basis, "
            f"{'seasonally adjusted' if info.seasonally_adjusted else 'not seasonally adjusted'}"
            f", vintage {used.vintage}; range used: {judged}.]")


def _set_aside(estimate: Judgement, span: tuple[Decimal, Decimal] | None,
               currency: str) -> str:
    """Why an estimate that would let the claim pass does not (rule "published first")."""
    today = format_money(estimate.latest.value, currency)
    name = f"the ESTIMATE {estimate.family.info.series_id} ({estimate.family.describe()})"
    if span is None:
        return (f"; {name} gives {today}, but it does not bear out the published figure "
                f"itself, so it cannot stand for a revision of it")
    return (f"; {name} puts today's figure at {today}, and a revision published since would "
            f"lie between the published figure and that, within how much such series are "
            f"revised: {_range(span, currency)} with rounding and the estimate's back-tested "
            f"error, where the text's figure is not")


def _range(span: tuple[Decimal, Decimal], currency: str) -> str:
    return f"{format_money(span[0], currency)} to {format_money(span[1], currency)}"


def _unverifiable(fact: TradeFact, index: int, why: str, **fields: object) -> Verdict:
    return Verdict.for_fact(fact, index, status="unverifiable",
                            explanation=f"Unverifiable: {why}.", **fields)

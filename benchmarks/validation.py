"""Validation against official figures: the seed, first-reported figures, perturbed claims.

Usage (from the repository root, with ../shared beside it):

    python benchmarks/validation.py            # tables
    python benchmarks/validation.py --json out.json

The reference store is built from ../shared/official: the files agencies publish
(census_country.xlsx, the FRED CSVs) read by their own importers, plus the transcribed and
secondary tables converted here to the user CSV format (in a temporary folder, never into
the repository): the Census 1995 annual revision exhibit (the 1996 vintage of 1993-95),
ERP 1993 table B-103 (annual, to 1987; exports, imports at customs value and c.i.f.) and
ITA table H04-1 (annual, to 1987), and the first-reported figures
from news reports (vintage = the report's date).

Sets:
(a) the seed article's 4 facts, extracted from ../shared/corpus/seed/article.txt, checked
    against the full store, the store of the four published files alone, and the default
    store shipped with the package;
(b) the 34 first-reported figures as claims, dated as the news report that gave them, each
    checked against a store that leaves out every figure from the same news report (so a
    claim never meets itself);
(d) the U.S. figures extracted correctly from news-dev and news-dev2 (gold record match),
    validated against the store of the four published files alone (end to end);
(e) claims made from today's series (store of the four published files): the figure of
    every 25th month 1995-2021 of six series, true and 5 %, -10 % and +20 % off; undated
    (as claims typed by hand), and again dated 2026-12-01 (claims made today);
(c) perturbed claims made from the true ones (the seed facts and the claims of (b) that the
    official figures bear out, estimated series included; figures are also given apart for
    those a published series bears out): value off by 3% beyond rounding (up and down),
    sign flipped, month (or year) shifted, partner swapped (world ↔ Japan), exports and
    imports swapped; checked against the full store.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from newsfacts.evaluate import canonical_period, read_gold
from newsfacts.extractor import Extractor
from newsfacts.ingest import read_paths
from newsfacts.schema import Article, ErrorRecord, TradeFact
from newsfacts.validation import ReferenceStore, SeriesData, Verdict, validate
from newsfacts.validation.default import default_store
from newsfacts.validation.importers import USER_COLUMNS, read_reference_file, read_user_csv
from newsfacts.validation.periods import shift
from newsfacts.validation.profile import FIRST_REPORTED_MEASURES, RevisionProfile, load_profile

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PUBLISHED_FILES = ("census_country.xlsx", "fred_BOPGSTB.csv", "fred_BOPTEXP.csv",
                   "fred_BOPTIMP.csv")
EXH4_VINTAGE = "1996-06-01"  # the 1995 annual revision, released mid-1996
ERP1993_VINTAGE = "1993-01-31"
ITA_VINTAGE = "2005-06-01"  # table runs to 2004
SEED_PUBLISHED = "1994-05-20"

# first_reported_from_news.csv measure → indicator, flow, partner (services too, here)
_MEASURES: dict[str, tuple[str, str, str]] = {
    **FIRST_REPORTED_MEASURES,
    "services_balance": ("trade_balance", "services", "WLD"),
}


def first_reported_rows(shared: Path) -> list[dict[str, str]]:
    with (shared / "official" / "first_reported_from_news.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _basis_of(row: dict[str, str], partner: str, flow: str) -> str:
    """Bilateral figures are Census basis; world goods totals reported from 1994 on are on
    the BOP basis (the 1993-94 annual 'merchandise' figures match the exhibit's BOP basis),
    earlier ones on the Census basis."""
    if partner != "WLD":
        return "census"
    if flow != "goods":
        return "bop"
    return "bop" if row["source_date"] >= "1994-01-01" else "census"


def _user_row(series_id: str, indicator: str, flow: str, basis: str, partner: str,
              adjusted: bool, period: str, value: str, unit: str, source: str,
              vintage: str) -> dict[str, str]:
    return {"series_id": series_id, "indicator": indicator, "flow": flow, "basis": basis,
            "reporter": "USA", "partner": partner, "seasonally_adjusted":
            "SA" if adjusted else "NSA", "frequency": "A" if len(period) == 4 else "M",
            "period": period, "value": value, "unit": unit, "source": source,
            "vintage": vintage}


def secondary_user_rows(shared: Path, leave_out_url: str | None = None) -> list[dict[str, str]]:
    """The transcribed and secondary tables of ../shared/official as user-CSV rows."""
    rows: list[dict[str, str]] = []
    for row in first_reported_rows(shared):
        if row["source_url"] == leave_out_url:
            continue
        indicator, flow, partner = _MEASURES[row["measure"]]
        basis = _basis_of(row, partner, flow)
        adjusted = partner == "WLD"
        freq = "A" if len(row["ref_month"]) == 4 else "M"
        rows.append(_user_row(
            f"first-release-{indicator}-{flow}-{basis}-{partner}-{freq}", indicator, flow,
            basis, partner, adjusted, row["ref_month"], row["value_busd"], "USD billions",
            "first release as reported in the news (secondary)", row["source_date"]))
    with (shared / "official" / "census_exh4_annual_revision_1995_goods.csv").open() as f:
        for row in csv.DictReader(f):
            period = row["period"]
            freq = "A" if len(period) == 4 else "M"
            columns = {
                ("trade_balance", "bop"): row["goods_balance_bop_basis_musd"],
                ("trade_balance", "census"): row["goods_balance_census_basis_musd"],
                ("exports", "bop"): row["goods_exports_bop_basis_musd"],
                ("exports", "census"): row["goods_exports_census_basis_musd"],
            }
            if row["goods_exports_bop_basis_musd"] and row["goods_balance_bop_basis_musd"]:
                columns["imports", "bop"] = str(int(row["goods_exports_bop_basis_musd"])
                                                - int(row["goods_balance_bop_basis_musd"]))
            if row["goods_exports_census_basis_musd"] and row["goods_balance_census_basis_musd"]:
                columns["imports", "census"] = str(
                    int(row["goods_exports_census_basis_musd"])
                    - int(row["goods_balance_census_basis_musd"]))
            for (indicator, basis), value in columns.items():
                if value:
                    rows.append(_user_row(
                        f"exh4-{indicator}-goods-{basis}-{freq}", indicator, "goods", basis,
                        "WLD", True, period, value, "USD millions",
                        "Census/BEA FT-900 1995 annual revision, exhibit 4 (imports = exports "
                        "- balance)", EXH4_VINTAGE))
    erp = shared / "official" / "erp1993_table_b103_merchandise_annual_1972_1987.csv"
    with erp.open() as f:
        for row in csv.DictReader(f):
            for indicator, column in (("exports", "exports_fas_total_busd"),
                                      ("imports", "general_imports_customs_value_busd"),
                                      ("trade_balance",
                                       "balance_fas_exports_less_customs_imports_busd")):
                rows.append(_user_row(
                    f"erp1993-b103-{indicator}", indicator, "goods", "census", "WLD", False,
                    row["year"], row[column], "USD billions",
                    "Economic Report of the President 1993, table B-103", ERP1993_VINTAGE))
            # the same table values imports c.i.f. too (the headline basis of 1986-88);
            # the balance c.i.f. is left out: one year's value lost its sign in the source
            rows.append(_user_row(
                "erp1993-b103-imports-cif", "imports", "goods", "census_cif", "WLD", False,
                row["year"], row["general_imports_cif_value_busd"], "USD billions",
                "Economic Report of the President 1993, table B-103, imports c.i.f.",
                ERP1993_VINTAGE))
    ita = shared / "official" / "ita_h04t01_bop_annual_1960_1987.csv"
    with ita.open() as f:
        for row in csv.DictReader(f):
            for indicator, stem in (("exports", "exports"), ("imports", "imports"),
                                    ("trade_balance", "balance")):
                for flow, part in (("goods_and_services", "total"), ("goods", "goods"),
                                   ("services", "services")):
                    rows.append(_user_row(
                        f"ita-h04-{indicator}-{flow}", indicator, flow, "bop", "WLD", True,
                        row["year"], row[f"{stem}_{part}_busd"], "USD billions",
                        "ITA table H04-1, BOP basis", ITA_VINTAGE))
    return rows


def read_secondary(rows: Iterable[dict[str, str]]) -> list[SeriesData]:
    """Through the user CSV importer, so that the documented format is what is exercised."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "secondary.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=USER_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        return read_user_csv(path)


def read_published(shared: Path) -> list[SeriesData]:
    loaded: list[SeriesData] = []
    for name in PUBLISHED_FILES:
        loaded.extend(read_reference_file(shared / "official" / name))
    return loaded


def seed_facts(shared: Path, extractor: Extractor | None = None) -> list[TradeFact]:
    text = (shared / "corpus" / "seed" / "article.txt").read_text(encoding="utf-8")
    article = Article(id="seed", text=text, published=dt.date.fromisoformat(SEED_PUBLISHED))
    return (extractor or Extractor()).extract(article)


def claims_from_rows(shared: Path) -> list[tuple[str, TradeFact]]:
    """(source url, claim) for every first-reported figure, as a fact-checker would type it."""
    claims = []
    for number, row in enumerate(first_reported_rows(shared)):
        indicator, flow, partner = _MEASURES[row["measure"]]
        value = Decimal(row["value_busd"]) * Decimal(10) ** 9
        described = row["basis_as_described"]
        qualifiers: list[str] = ["record"] if "record" in described and "third" not in \
            described else []
        evidence = f"${row['value_busd'].lstrip('-')} billion"
        if "third-highest" in described:
            qualifiers = ["rank"]
            evidence += ", its third-highest monthly level"
        claims.append((row["source_url"], TradeFact(
            doc_id=f"first-reported-{number:02d}", indicator=indicator,  # type: ignore[arg-type]
            flow=flow,  # type: ignore[arg-type]
            reporter="USA", partner=partner, period=row["ref_month"], value=value,
            currency="USD", qualifiers=tuple(qualifiers),  # type: ignore[arg-type]
            evidence=evidence, evidence_start=0, evidence_end=len(evidence),
            published=dt.date.fromisoformat(row["source_date"]))))
    return claims


def _digits(value: Decimal, decimals: int) -> str:
    return f"{abs(value) / Decimal(10) ** 9:.{decimals}f}"


def perturb(fact: TradeFact) -> list[tuple[str, TradeFact]]:
    """Claims that are wrong by construction, each with the kind of error made."""
    out: list[tuple[str, TradeFact]] = []
    found = re.search(r"\$?(\d[\d,]*(?:\.\d+)?) billion", fact.evidence)
    amount = found.group(1) if found else f"{abs(fact.value) / Decimal(10) ** 9}"
    decimals = len(amount.split(".", 1)[1]) if "." in amount else 0
    step = Decimal(10) ** -decimals * Decimal(10) ** 9
    for name, factor in (("value +3%", Decimal("1.03")), ("value -3%", Decimal("0.97"))):
        raw = fact.value * factor
        moved = (raw / step).to_integral_value() * step
        while abs(moved - fact.value) < abs(fact.value) * Decimal("0.03") + step / 2:
            moved += step if (factor > 1 and fact.value > 0) or (factor < 1 and fact.value < 0) \
                else -step
        text = f"${_digits(moved, decimals)} billion"
        out.append((name, _replace(fact, value=moved, evidence=text)))
    if fact.indicator == "trade_balance":
        out.append(("sign flipped", _replace(fact, value=-fact.value)))
    if fact.period and (moved_period := shift(fact.period, 12 if len(fact.period) == 4 else 1)):
        out.append(("period shifted", _replace(fact, period=moved_period)))
    swapped = {"WLD": "JPN", "JPN": "WLD"}.get(fact.partner)
    if swapped and fact.flow in ("goods", None):
        out.append(("partner swapped", _replace(fact, partner=swapped)))
    other = {"exports": "imports", "imports": "exports"}.get(fact.indicator)
    if other:
        out.append(("exports/imports swapped", _replace(fact, indicator=other)))
    return out


def _replace(fact: TradeFact, **changes: Any) -> TradeFact:
    data = fact.model_dump()
    data.update(changes)
    data.update(change_pct=None, previous_value=None, previous_period=None, qualifiers=())
    if "evidence" in changes:
        data["evidence_end"] = data["evidence_start"] + len(changes["evidence"])
    return TradeFact.model_validate(data)


NEWS_SETS = ("news-dev", "news-dev2")


def _same_fact(fact: TradeFact, gold: dict[str, Any]) -> bool:
    """The record match of SCHEMA.md: key fields, canonical period, value within 0.5 %."""
    if (fact.doc_id, fact.indicator, fact.reporter, fact.partner) != (
            gold["doc_id"], gold["indicator"], gold["reporter"], gold["partner"]):
        return False
    if canonical_period(fact.period) != canonical_period(gold["period"]):
        return False
    value = float(gold["value"])
    return abs(float(fact.value) - value) <= abs(value) * 0.005


Extracted = dict[str, tuple[list[TradeFact], dict[str, str], list[int]]]


def extract_news(shared: Path, extractor: Extractor) -> Extracted:
    """Extract each news set: (every actual fact, texts, the indices of the U.S. facts that
    match a gold fact, i.e. extracted correctly)."""
    found: Extracted = {}
    for name in NEWS_SETS:
        gold, docs = read_gold(shared / "gold" / f"{name}.jsonl")
        facts: list[TradeFact] = []
        texts: dict[str, str] = {}
        for article, result in extractor.extract_many(
                read_paths([shared / "corpus" / f"{name}.jsonl"])):
            if isinstance(article, ErrorRecord) or isinstance(result, ErrorRecord) or \
                    article.id not in docs:
                continue
            texts[article.id] = article.text
            facts.extend(fact for fact in result if fact.modality == "actual")
        used: set[int] = set()
        for record in gold:
            if record["reporter"] != "USA":
                continue
            match = next((i for i, fact in enumerate(facts)
                          if i not in used and _same_fact(fact, record)), None)
            if match is not None:
                used.add(match)
        found[name] = (facts, texts, sorted(used))
    return found


def news_end_to_end(extracted: Extracted, store: ReferenceStore,
                    profile: RevisionProfile) -> dict[str, list[dict[str, Any]]]:
    """Validate every fact of each set (so article checks see them all); keep the verdicts
    of the U.S. facts extracted correctly."""
    found: dict[str, list[dict[str, Any]]] = {}
    for name, (facts, texts, used) in extracted.items():
        verdicts = validate(facts, store, texts, profile)
        found[name] = [verdicts[i].model_dump(mode="json") for i in used]
    return found


TODAY_SERIES = (("fred-BOPGSTB", "trade_balance", "goods_and_services", "WLD"),
                ("fred-BOPTEXP", "exports", "goods_and_services", "WLD"),
                ("fred-BOPTIMP", "imports", "goods_and_services", "WLD"),
                ("census-0004-exports", "exports", "goods", "WLD"),
                ("census-5880-trade_balance", "trade_balance", "goods", "JPN"),
                ("census-5700-trade_balance", "trade_balance", "goods", "CHN"))
TODAY_CHANGES = (("true", Decimal(1)), ("+5%", Decimal("1.05")), ("-10%", Decimal("0.9")),
                 ("+20%", Decimal("1.2")))


TODAYS_CLAIMS_DATE = dt.date(2026, 12, 1)  # the dated variant: claims made today


def todays_claims(store: ReferenceStore, published: dt.date | None = None
                  ) -> list[tuple[str, TradeFact]]:
    """Claims made from today's series (every 25th month from 1995 to 2021), to a tenth of a
    billion: true ones, and false ones 5 % above, 10 % below and 20 % above; undated (as
    claims typed by hand) or dated ``published``."""
    claims: list[tuple[str, TradeFact]] = []
    tenth = Decimal(10) ** 8
    for series_id, indicator, flow, partner in TODAY_SERIES:
        for index in range(1995 * 12, 2022 * 12, 25):
            period = f"{index // 12}-{index % 12 + 1:02d}"
            refs = store.values(series_id, [period])
            if not refs:
                continue
            for kind, factor in TODAY_CHANGES:
                value = (refs[-1].value * factor / tenth).quantize(Decimal(1)) * tenth
                evidence = f"${abs(value) / Decimal(10) ** 9:.1f} billion"
                claims.append((kind, TradeFact(
                    doc_id=f"today-{series_id}-{period}", indicator=indicator,  # type: ignore[arg-type]
                    flow=flow, reporter="USA", partner=partner,  # type: ignore[arg-type]
                    period=period, value=value, currency="USD", evidence=evidence,
                    evidence_start=0, evidence_end=len(evidence), published=published)))
    return claims


def run(shared: Path = SHARED, extractor: Extractor | None = None,
        profile: RevisionProfile | None = None,
        extracted: Extracted | None = None) -> dict[str, Any]:
    """All sets, with ``profile`` (default: the one shipped, at its own quantile) for every
    verdict; ``extracted`` reuses the news sets' extraction. Returns verdicts and figures."""
    started = time.perf_counter()
    published = read_published(shared)
    full = ReferenceStore.from_series(published + read_secondary(secondary_user_rows(shared)))
    four = ReferenceStore.from_series(published)
    built = time.perf_counter() - started
    profile = profile if profile is not None else load_profile()
    runner = extractor or Extractor()
    results: dict[str, Any] = {}
    try:
        seed = seed_facts(shared, runner)
        seed_text = (shared / "corpus" / "seed" / "article.txt").read_text(encoding="utf-8")
        seed_verdicts = validate(seed, full, {"seed": seed_text}, profile)
        results["seed"] = [v.model_dump(mode="json") for v in seed_verdicts]
        results["seed_four_files"] = [v.model_dump(mode="json") for v in
                                      validate(seed, four, {"seed": seed_text}, profile)]
        with default_store() as shipped:
            results["seed_default_store"] = [v.model_dump(mode="json") for v in validate(
                seed, shipped, {"seed": seed_text}, profile)]
        results["news"] = news_end_to_end(
            extracted if extracted is not None else extract_news(shared, runner), four,
            profile)
        for name, date in (("todays_claims", None), ("todays_claims_dated", TODAYS_CLAIMS_DATE)):
            today = todays_claims(four, date)
            results[name] = [
                {"kind": kind, **v.model_dump(mode="json")}
                for (kind, _), v in zip(today, validate([c for _, c in today], four,
                                                        profile=profile), strict=True)]
        claims = claims_from_rows(shared)
        first: list[Verdict] = []
        for url in sorted({url for url, _ in claims}):
            mine = [fact for source, fact in claims if source == url]
            # neither the store nor the revision profile holds the claim's own report
            with ReferenceStore.from_series(
                    published + read_secondary(secondary_user_rows(shared, url))) as store:
                first.extend(validate(mine, store, profile=profile.without(url)))
        first.sort(key=lambda v: v.doc_id)
        results["first_reported"] = [v.model_dump(mode="json") for v in first]
        # circular on purpose: shows only that a figure meets its own vintage
        results["first_reported_own_report_in_store"] = [
            v.model_dump(mode="json") for v in validate([f for _, f in claims], full,
                                                        profile=profile)]
        true_ones = [f for f, v in zip(seed, seed_verdicts, strict=True)
                     if v.status in ("confirmed", "revised")]
        # true ones: the claims the official figures bear out (checked without their own
        # report); a claim the latest figures already contradict makes no clean perturbation
        verified = {v.doc_id for v in first if v.status in ("confirmed", "revised")}
        # which true ones only an estimated series bears out (reported apart)
        by_estimate = {v.doc_id for v in first if v.estimated and v.status == "revised"}
        true_ones += [fact for _, fact in claims if fact.doc_id in verified]
        perturbed = [(kind, wrong) for fact in true_ones for kind, wrong in perturb(fact)]
        wrong_verdicts = validate([wrong for _, wrong in perturbed], full, profile=profile)
        results["perturbed"] = [{"kind": kind, "true_one_by_estimate": wrong.doc_id in
                                 by_estimate, **v.model_dump(mode="json")}
                                for (kind, wrong), v in zip(perturbed, wrong_verdicts,
                                                            strict=True)]
    finally:
        full.close()
        four.close()
    results["figures"] = figures(results)
    results["figures"]["seconds"] = {"build_store": round(built, 2),
                                     "total": round(time.perf_counter() - started, 2)}
    return results


def figures(results: dict[str, Any]) -> dict[str, Any]:
    def count(items: list[dict[str, Any]]) -> dict[str, int]:
        return dict(Counter(item["status"] for item in items))

    first = results["first_reported"]
    perturbed = results["perturbed"]
    by_kind: dict[str, Counter[str]] = {}
    for item in perturbed:
        by_kind.setdefault(item["kind"], Counter())[item["status"]] += 1
    ok_first = sum(item["status"] in ("confirmed", "revised") for item in first)
    contradicted = sum(item["status"] == "contradicted" for item in perturbed)
    verifiable = sum(item["status"] != "unverifiable" for item in perturbed)
    news = {name: {**count(items), "n": len(items),
                   "contradicted_share": round(sum(i["status"] == "contradicted"
                                                   for i in items) / max(len(items), 1), 3)}
            for name, items in results["news"].items()}
    every = [item for items in results["news"].values() for item in items]
    news["all"] = {**count(every), "n": len(every), "contradicted_share": round(
        sum(i["status"] == "contradicted" for i in every) / max(len(every), 1), 3)}
    def by_change(items: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
        found: dict[str, Counter[str]] = {}
        for item in items:
            found.setdefault(item["kind"], Counter())[item["status"]] += 1
        return {kind: dict(c) for kind, c in found.items()}

    return {
        "todays_claims_four_files": by_change(results["todays_claims"]),
        "todays_claims_dated_four_files": by_change(results["todays_claims_dated"]),
        "seed": count(results["seed"]),
        "seed_four_files": count(results["seed_four_files"]),
        "seed_default_store": count(results["seed_default_store"]),
        "news_end_to_end_four_files": news,
        "first_reported_own_report_in_store": count(
            results["first_reported_own_report_in_store"]),
        "first_reported": {**count(first), "n": len(first),
                           "confirmed_or_revised": round(ok_first / len(first), 3)},
        "perturbed": {**count(perturbed), "n": len(perturbed),
                      "contradicted_share": round(contradicted / len(perturbed), 3),
                      "contradicted_of_verifiable": round(contradicted / max(verifiable, 1), 3),
                      "by_kind": {kind: dict(c) for kind, c in sorted(by_kind.items())},
                      # perturbations of claims a published series bears out, and of claims
                      # only an estimate bears out (its error band is wider than 3%)
                      "from_published": count([p for p in perturbed
                                               if not p["true_one_by_estimate"]]),
                      "from_estimates": count([p for p in perturbed
                                               if p["true_one_by_estimate"]])},
    }


def news_table(news: dict[str, dict[str, Any]]) -> str:
    """The end-to-end table: U.S. figures extracted correctly, by verdict."""
    lines = ["| set | U.S. figures extracted correctly | confirmed | revised | unverifiable "
             "| contradicted |", "|---|---|---|---|---|---|"]
    for name, row in news.items():
        lines.append(f"| {name} | {row['n']} | {row.get('confirmed', 0)} | "
                     f"{row.get('revised', 0)} | {row.get('unverifiable', 0)} | "
                     f"{row.get('contradicted', 0)} ({row['contradicted_share']:.1%}) |")
    return "\n".join(lines)


def targets(found: dict[str, Any]) -> dict[str, Any]:
    """The issue's five targets, from ``figures``: each a measured share and whether it is met."""
    def share(counts: dict[str, int], *statuses: str) -> float:
        total = sum(counts.values())
        return sum(counts.get(s, 0) for s in statuses) / total if total else 0.0

    news = found["news_end_to_end_four_files"]
    seeds = [found[name] for name in ("seed", "seed_four_files", "seed_default_store")]
    first = found["first_reported"]
    # the worse of the undated claims and the claims dated today
    variants = [found["todays_claims_four_files"], found["todays_claims_dated_four_files"]]
    true_ok = min(share(today.get("true", {}), "confirmed", "revised") for today in variants)
    false_ok = min(share(today.get(kind, {}), "contradicted")
                   for today in variants for kind, _ in TODAY_CHANGES if kind != "true")
    return {
        "news_contradicted": (max(row["contradicted_share"] for name, row in news.items()
                                  if name != "all"), "<= 5 %"),
        "seed_ok": (min(share(counts, "confirmed", "revised") for counts in seeds), "= 100 %"),
        "first_reported": ((first.get("contradicted", 0), first["confirmed_or_revised"]),
                           "0 contradicted, >= 80 % confirmed or revised"),
        "perturbed_contradicted": (found["perturbed"]["contradicted_share"], ">= 95 %"),
        "todays_claims": ((true_ok, false_ok), ">= 98 % both ways (true; worst false kind)"),
    }


def met(found: dict[str, Any]) -> dict[str, bool]:
    got = targets(found)
    first_bad, first_ok = got["first_reported"][0]
    true_ok, false_ok = got["todays_claims"][0]
    return {"news_contradicted": got["news_contradicted"][0] <= 0.05,
            "seed_ok": got["seed_ok"][0] == 1.0,
            "first_reported": first_bad == 0 and first_ok >= 0.8,
            "perturbed_contradicted": got["perturbed_contradicted"][0] >= 0.95,
            "todays_claims": true_ok >= 0.98 and false_ok >= 0.98}


def sweep(quantiles: list[float], shared: Path = SHARED) -> str:
    """The five targets for each candidate quantile of the profile (extraction done once)."""
    runner = Extractor()
    extracted = extract_news(shared, runner)
    base = load_profile()
    lines = ["| quantile | news contradicted (worst set) | seed ok | first-reported "
             "contradicted / ok | perturbed contradicted | today's claims true / false "
             "+5 % / -10 % / +20 % | targets met |", "|---|---|---|---|---|---|---|"]
    for quantile in quantiles:
        found = run(shared, runner, base.with_quantile(quantile), extracted)["figures"]
        got = targets(found)
        today = found["todays_claims_four_files"]

        def part(kind: str, status: str, today: dict[str, Any] = today) -> str:
            counts = today.get(kind, {})
            return f"{counts.get(status, 0)}/{sum(counts.values())}"

        false_parts = " / ".join(part(kind, "contradicted") for kind, _ in TODAY_CHANGES[1:])
        first = found["first_reported"]
        news = found["news_end_to_end_four_files"]
        worst = max((row for name, row in news.items() if name != "all"),
                    key=lambda row: row["contradicted_share"])
        lines.append(
            f"| {quantile:g} | {worst.get('contradicted', 0)}/{worst['n']} "
            f"({worst['contradicted_share']:.1%}) | {got['seed_ok'][0]:.0%} | "
            f"{first.get('contradicted', 0)} / {first['confirmed_or_revised']:.1%} | "
            f"{got['perturbed_contradicted'][0]:.1%} | "
            f"{part('true', 'confirmed')} / {false_parts} | "
            f"{sum(met(found).values())}/5 |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write verdicts and figures to this file")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every verdict")
    parser.add_argument("--sweep", metavar="Q,Q,...", help="instead: the five targets for "
                        "each of these quantiles of the revision profile (1 = the largest gap)")
    args = parser.parse_args()
    if not (SHARED / "official").is_dir():
        print(f"needs {SHARED / 'official'}", file=sys.stderr)
        return 2
    if args.sweep:
        print(sweep([float(q) for q in args.sweep.split(",")]))
        return 0
    results = run()
    news = [item for items in results["news"].values() for item in items]
    for name in ("seed", "seed_four_files", "seed_default_store", "first_reported", "news") + (
            ("perturbed",) if args.verbose else ()):
        print(f"\n== {name}")
        for item in (news if name == "news" else results[name]):
            if name == "news" and item["status"] != "contradicted" and not args.verbose:
                continue
            kind = f"[{item['kind']}] " if "kind" in item else ""
            print(f"{kind}{item['doc_id']} {item['indicator']} {item['partner']} "
                  f"{item['period']} {item['value']}: {item['status']} | {item['explanation']}")
            for check in item["checks"]:
                print(f"    {check['name']}: {check['status']} ({check['explanation']})")
    print("\n" + json.dumps(results["figures"], indent=1))
    print("\n" + news_table(results["figures"]["news_end_to_end_four_files"]))
    print("\ntargets: " + ", ".join(f"{name} {'met' if ok else 'NOT met'}"
                                     for name, ok in met(results["figures"]).items()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

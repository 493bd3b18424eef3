"""Consistency checks for the project's own test corpus (corpus/articles, corpus/gold.jsonl).

Stdlib only: these tests never import newsfacts, so they guard the corpus itself.
The gold format is the one defined in ../shared/gold/SCHEMA.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLES = CORPUS / "articles"
GOLD = CORPUS / "gold.jsonl"

FIELDS = [
    "doc_id",
    "indicator",
    "flow",
    "reporter",
    "partner",
    "period",
    "value",
    "currency",
    "change_pct",
    "previous_value",
    "previous_period",
    "qualifiers",
    "seasonally_adjusted",
    "evidence",
]
META_FIELDS = {"doc_id", "published", "title", "source", "style"}
INDICATORS = {"trade_balance", "exports", "imports", "current_account"}
SIGNED = {"trade_balance", "current_account"}
FLOWS = {None, "goods", "services", "goods_and_services"}
QUALIFIERS = {"record", "rank", "lowest", "revised"}
# ISO 4217 codes the corpus may use (XEU = the ECU).
CURRENCIES = {
    "USD", "JPY", "DEM", "GBP", "CAD", "AUD", "HKD", "KRW", "TWD", "XEU", "CNY", "FRF",
    "EUR", "BEF",
}

DOC_ID_RE = re.compile(r"^nf-\d{3}$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")
MONTH = r"\d{4}-(?:0[1-9]|1[0-2])"
PERIOD_RE = re.compile(rf"^(?:\d{{4}}|{MONTH}|\d{{4}}-Q[1-4]|FY\d{{4}}|{MONTH}/{MONTH})$")


def _articles() -> list[Path]:
    return sorted(ARTICLES.glob("*.txt"))


def _doc_ids() -> list[str]:
    return [p.stem for p in _articles()]


def _gold_lines() -> list[dict]:
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _facts() -> list[dict]:
    return [g for g in _gold_lines() if not g.get("no_facts")]


def _text(doc_id: str) -> str:
    return (ARTICLES / f"{doc_id}.txt").read_text(encoding="utf-8")


def _meta(doc_id: str) -> dict:
    return json.loads((ARTICLES / f"{doc_id}.json").read_text(encoding="utf-8"))


def _fact_id(fact: dict) -> str:
    return f"{fact['doc_id']}:{fact['indicator']}:{fact['partner']}:{fact['period']}"


def _period_last_month(period: str) -> tuple[int, int] | None:
    """(year, month) of the last month a period covers; None for fiscal years."""
    if period.startswith("FY"):
        return None
    last = period.split("/")[-1]
    if re.fullmatch(r"\d{4}", last):
        return int(last), 12
    if "-Q" in last:
        year, q = last.split("-Q")
        return int(year), int(q) * 3
    year, month = last.split("-")
    return int(year), int(month)


# --------------------------------------------------------------------------- basics


def test_corpus_present() -> None:
    assert ARTICLES.is_dir()
    assert GOLD.is_file()
    assert (CORPUS / "README.md").is_file()
    assert len(_articles()) >= 20


def test_gold_is_valid_jsonl() -> None:
    with GOLD.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            assert line.strip(), f"blank line {n} in gold.jsonl"
            json.loads(line)


# --------------------------------------------------------------------------- documents


@pytest.mark.parametrize("doc_id", _doc_ids())
def test_sidecar(doc_id: str) -> None:
    assert DOC_ID_RE.match(doc_id), doc_id
    sidecar = ARTICLES / f"{doc_id}.json"
    assert sidecar.is_file(), f"{doc_id}.txt has no .json sidecar"
    meta = _meta(doc_id)
    assert set(meta) == META_FIELDS
    assert meta["doc_id"] == doc_id
    assert meta["source"] == "newsfacts corpus"
    assert isinstance(meta["style"], str) and meta["style"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"])
    published = dt.date.fromisoformat(meta["published"])
    assert dt.date(1985, 1, 1) <= published <= dt.date(2012, 12, 31)


@pytest.mark.parametrize("doc_id", _doc_ids())
def test_document_layout(doc_id: str) -> None:
    text = _text(doc_id)
    title, sep, body = text.partition("\n\n")
    assert sep, "document must be title, blank line, body"
    assert "\n" not in title
    assert title == _meta(doc_id)["title"]
    assert text.splitlines()[0] == title
    assert body.strip() and not body.startswith("\n")
    assert 80 <= len(text.split()) <= 350


def test_no_orphan_sidecars() -> None:
    for sidecar in ARTICLES.glob("*.json"):
        assert (ARTICLES / f"{sidecar.stem}.txt").is_file(), f"{sidecar.name} has no .txt"


# --------------------------------------------------------------------------- gold coverage


def test_every_article_in_gold() -> None:
    gold_ids = {g["doc_id"] for g in _gold_lines()}
    assert set(_doc_ids()) == gold_ids


def test_no_facts_lines() -> None:
    lines = _gold_lines()
    with_facts = {g["doc_id"] for g in lines if not g.get("no_facts")}
    no_facts = [g for g in lines if g.get("no_facts")]
    assert no_facts, "corpus should hold at least one story without trade facts"
    for g in no_facts:
        assert g == {"doc_id": g["doc_id"], "no_facts": True}
        assert g["doc_id"] not in with_facts, f"{g['doc_id']} is both no_facts and has facts"
    assert len({g["doc_id"] for g in no_facts}) == len(no_facts)


# --------------------------------------------------------------------------- gold facts


@pytest.mark.parametrize("fact", _facts(), ids=_fact_id)
def test_fact_fields(fact: dict) -> None:
    assert list(fact) == FIELDS


@pytest.mark.parametrize("fact", _facts(), ids=_fact_id)
def test_fact_evidence(fact: dict) -> None:
    evidence = fact["evidence"]
    assert isinstance(evidence, str) and evidence.strip()
    assert evidence in _text(fact["doc_id"]), "evidence is not a substring of the document"
    assert re.search(r"\d", evidence), "evidence should state the number"


@pytest.mark.parametrize("fact", _facts(), ids=_fact_id)
def test_fact_values(fact: dict) -> None:
    assert fact["indicator"] in INDICATORS
    assert fact["flow"] in FLOWS
    assert ISO3_RE.match(fact["reporter"])
    assert ISO3_RE.match(fact["partner"])
    assert fact["reporter"] != fact["partner"]
    assert fact["currency"] in CURRENCIES
    assert isinstance(fact["period"], str) and PERIOD_RE.match(fact["period"]), fact["period"]
    assert isinstance(fact["value"], float) and fact["value"] != 0
    assert fact["change_pct"] is None or isinstance(fact["change_pct"], (int, float))
    assert isinstance(fact["qualifiers"], list)
    assert set(fact["qualifiers"]) <= QUALIFIERS
    assert len(set(fact["qualifiers"])) == len(fact["qualifiers"])
    assert fact["seasonally_adjusted"] in (True, False, None)


@pytest.mark.parametrize("fact", _facts(), ids=_fact_id)
def test_fact_signs(fact: dict) -> None:
    if fact["indicator"] not in SIGNED:
        assert fact["value"] > 0, "exports and imports are positive"
        if fact["previous_value"] is not None:
            assert fact["previous_value"] > 0


@pytest.mark.parametrize("fact", _facts(), ids=_fact_id)
def test_fact_previous(fact: dict) -> None:
    pv, pp = fact["previous_value"], fact["previous_period"]
    assert (pv is None) == (pp is None), "previous_value and previous_period go together"
    if pv is None:
        return
    assert isinstance(pv, float)
    assert PERIOD_RE.match(pp), pp
    assert pp != fact["period"]
    # Every comparison figure whose period the text fixes is also a fact of its own.
    own = [
        g
        for g in _facts()
        if g["doc_id"] == fact["doc_id"]
        and g["indicator"] == fact["indicator"]
        and g["reporter"] == fact["reporter"]
        and g["partner"] == fact["partner"]
        and g["currency"] == fact["currency"]
        and g["period"] == pp
        and g["value"] == pv
    ]
    assert own, "comparison figure is missing as a fact of its own"


@pytest.mark.parametrize("fact", _facts(), ids=_fact_id)
def test_fact_periods(fact: dict) -> None:
    published = dt.date.fromisoformat(_meta(fact["doc_id"])["published"])
    for period in (fact["period"], fact["previous_period"]):
        if period is None:
            continue
        if "/" in period:
            start, end = period.split("/")
            assert start < end, period
        last = _period_last_month(period)
        if last is not None:
            assert last < (published.year, published.month), f"{period} not before publication"


def test_facts_unique() -> None:
    seen = set()
    for f in _facts():
        key = (
            f["doc_id"],
            f["indicator"],
            f["flow"],
            f["reporter"],
            f["partner"],
            f["period"],
            f["currency"],
        )
        assert key not in seen, f"duplicate gold fact {key}"
        seen.add(key)

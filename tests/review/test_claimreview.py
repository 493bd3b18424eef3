"""ClaimReview JSON-LD: the rating scale, the settings, the document, and its schema.org terms.

The terms check walks every object emitted and compares it with ``schemaorg_terms.json`` (the
schema.org definitions of the types and properties used): an unknown property, a property on a
type outside its domain or a value outside its range fails. It is strict where schema.org is
lenient (schema.org lets text stand in for any thing), so that a slip shows.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from newsfacts.errors import ConfigError
from newsfacts.extractor import Extractor
from newsfacts.review import CheckedArticle, check_articles
from newsfacts.review.claimreview import (
    RATINGS,
    ReviewSettings,
    assemble_claimreview,
    assemble_claimreviews,
    make_review_settings,
    rate_verdict,
    review_body,
    write_claimreviews,
)
from newsfacts.schema import Article, ErrorRecord, TradeFact
from newsfacts.validation import Check, ReferenceStore, Verdict
from tests.conftest import SEED_PUBLISHED, SEED_TEXT
from tests.validation.helpers import fact, write_seed_store

TERMS: dict[str, Any] = json.loads(
    (Path(__file__).with_name("schemaorg_terms.json")).read_text(encoding="utf-8"))
REVIEWED_ON = dt.date(2026, 5, 4)
SENTENCE = "The U.S. trade deficit narrowed 18.5% to $7.46 billion in March."
SETTINGS = ReviewSettings(author_name="Example Fact Desk", author_url="https://example.org/",
                          review_url="https://example.org/checks/{doc_id}")


# --------------------------------------------------------------------------- the validator


def _ancestors(name: str, table: dict[str, str | None]) -> list[str]:
    chain: list[str] = []
    current: str | None = name
    while current is not None:
        chain.append(current)
        current = table[current]
    return chain


def _is_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def _is_date(value: object) -> bool:
    try:
        return isinstance(value, str) and len(value) == 10 and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def _is_datetime(value: object) -> bool:
    try:
        return isinstance(value, str) and "T" in value and bool(dt.datetime.fromisoformat(value))
    except ValueError:
        return False


DATATYPE_CHECKS: dict[str, Callable[[object], bool]] = {
    "Text": lambda value: isinstance(value, str),
    "URL": _is_url,
    "Number": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    "Integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "Date": _is_date,
    "DateTime": _is_datetime,
}


def _fits_datatype(value: object, expected: str) -> bool:
    """``value`` is of data type ``expected`` or of one of its subtypes (URL is Text)."""
    datatypes: dict[str, str | None] = TERMS["datatypes"]
    return any(DATATYPE_CHECKS[name](value) for name in datatypes
               if expected in _ancestors(name, datatypes))


def schemaorg_problems(node: object, where: str = "$", top: bool = True) -> list[str]:
    """Every way ``node`` departs from the schema.org terms in ``TERMS``; [] if none."""
    types: dict[str, str | None] = TERMS["types"]
    if not isinstance(node, dict):
        return [f"{where}: expected an object, got {node!r}"]
    problems: list[str] = []
    if top and node.get("@context") != "https://schema.org":
        problems.append(f"{where}: @context is {node.get('@context')!r}")
    kind = node.get("@type")
    if kind not in types:
        return [*problems, f"{where}: unknown @type {kind!r}"]
    lineage = _ancestors(kind, types)
    for key, raw in node.items():
        here = f"{where}.{key}"
        if key in ("@type", "@id") or (key == "@context" and top):
            continue
        term = TERMS["properties"].get(key)
        if term is None:
            problems.append(f"{here}: unknown property {key!r}")
            continue
        if not set(term["domainIncludes"]) & set(lineage):
            problems.append(f"{here}: {key!r} is not a property of {kind} "
                            f"(domain {term['domainIncludes']})")
        for value in raw if isinstance(raw, list) else [raw]:
            problems.extend(_range_problems(value, term["rangeIncludes"], here, key))
    return problems


def _range_problems(value: object, expected: list[str], where: str, key: str) -> list[str]:
    types: dict[str, str | None] = TERMS["types"]
    if isinstance(value, dict):
        kind = value.get("@type")
        if kind not in types:
            return [f"{where}: unknown @type {kind!r}"]
        classes = [name for name in expected if name in types]
        if set(classes) & set(_ancestors(kind, types)):
            return schemaorg_problems(value, where, top=False)
        return [f"{where}: a {kind!r} is not a value of {key!r} (range {expected})"]
    if any(name in TERMS["datatypes"] and _fits_datatype(value, name) for name in expected):
        return []
    return [f"{where}: {value!r} is not a value of {key!r} (range {expected})"]


# --------------------------------------------------------------------------- records


def article(**over: Any) -> Article:
    data: dict[str, Any] = {"id": "doc", "text": SENTENCE, "published": dt.date(1994, 5, 20),
                            "title": "Trade deficit narrows", "source": "https://example.com/a"}
    data.update(over)
    return Article(**data)


def seed_fact(**over: Any) -> TradeFact:
    values: dict[str, Any] = {"evidence": "$7.46 billion", "sentence": SENTENCE}
    values.update(over)
    return fact(-7.46e9, **values)


def verdict(status: str, the_fact: TradeFact | None = None, **over: Any) -> Verdict:
    """A verdict as validation writes it: series, vintage and figures, or only a reason."""
    figures: dict[str, Any] = {} if status == "unverifiable" else {
        "series_id": "first-gs", "source": "Commerce Department release", "flow":
        "goods_and_services", "basis": "bop", "seasonally_adjusted": True,
        "vintage": dt.date(1994, 5, 19), "reference_value": Decimal("-7460000000"),
        "latest_vintage": dt.date(2022, 4, 5), "latest_value": Decimal("-6466000000"),
        "rel_difference": 0.0}
    fields: dict[str, Any] = {"status": status, "explanation": f"{status.capitalize()}: why.",
                              **figures}
    fields.update(over)
    return Verdict.for_fact(the_fact or seed_fact(), 0, **fields)


def inconsistent(name: str) -> Check:
    return Check(name=name, status="inconsistent", stated="x", explanation="does not agree")  # type: ignore[arg-type]


VERDICTS: dict[str, Verdict] = {
    "confirmed": verdict("confirmed", vintage=dt.date(2022, 4, 5),
                         reference_value=Decimal("-7460000000")),
    "revised (earlier vintage)": verdict("revised"),
    "revised (band)": verdict("revised", vintage=dt.date(2022, 4, 5)),
    "confirmed, change wrong": verdict("confirmed", vintage=dt.date(2022, 4, 5),
                                       checks=(inconsistent("change_pct"),
                                               inconsistent("article_balance"))),
    "contradicted": verdict("contradicted", vintage=dt.date(2022, 4, 5),
                            rel_difference=0.154),
    "unverifiable": verdict("unverifiable"),
}


# --------------------------------------------------------------------------- rating


@pytest.mark.parametrize(("case", "text", "value"), [
    ("confirmed", "True", 5),
    ("revised (earlier vintage)", "True as first published; since revised", 4),
    ("revised (band)", "Probably true as first published; since revised", 3),
    ("confirmed, change wrong", "True", 5),
    ("contradicted", "False", 1),
    ("unverifiable", "Unverifiable", None),
])
def test_rating_scale(case: str, text: str, value: int | None) -> None:
    step = rate_verdict(VERDICTS[case])
    assert (step.text, step.value) == (text, value)


def test_scale_is_documented_and_ordered() -> None:
    numbers = [step.value for step in RATINGS if step.value is not None]
    assert numbers == sorted(numbers, reverse=True) == [5, 4, 3, 1]
    assert len({step.text for step in RATINGS}) == len(RATINGS)


def test_failed_checks_are_told_not_rated() -> None:
    body = review_body(VERDICTS["confirmed, change wrong"], seed_fact())
    assert "The rating is of the figure; the checks below do not change it." in body
    assert "Check of the stated change: inconsistent (does not agree)." in body
    assert "not change" not in review_body(VERDICTS["confirmed"], seed_fact())


def test_rating_object() -> None:
    review = assemble_claimreview(article(), seed_fact(), VERDICTS["confirmed"], SETTINGS,
                                  REVIEWED_ON)
    assert review is not None
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "True",
                                      "ratingValue": 5, "bestRating": 5, "worstRating": 1}


# --------------------------------------------------------------------------- the document


def test_claimreview_document() -> None:
    review = assemble_claimreview(article(), seed_fact(), VERDICTS["revised (earlier vintage)"],
                                  SETTINGS, REVIEWED_ON)
    assert review is not None
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://example.org/checks/doc#fact-doc-0",
        "claimReviewed": SENTENCE,
        "itemReviewed": {
            "@type": "Claim",
            "appearance": {"@type": "NewsArticle", "url": "https://example.com/a",
                           "headline": "Trade deficit narrows", "datePublished": "1994-05-20"},
            "datePublished": "1994-05-20",
        },
        "author": {"@type": "Organization", "name": "Example Fact Desk",
                   "url": "https://example.org/"},
        "datePublished": "2026-05-04",
        "reviewRating": {"@type": "Rating",
                         "alternateName": "True as first published; since revised",
                         "ratingValue": 4, "bestRating": 5, "worstRating": 1},
        "reviewBody": review["reviewBody"],
    }


def test_review_body_names_the_figure_series_source_basis_and_vintage() -> None:
    the_verdict = verdict("revised", explanation="Revised since: as published in 1994.",
                          checks=(Check(name="change_pct", status="consistent", stated="-18.5",
                                        explanation="agrees with the 1994-05-19 figures"),),
                          selection="us-total: goods and services; used bop")
    body = review_body(the_verdict, seed_fact())
    for part in ("Revised since: as published in 1994.", "-7.46 bn USD", "1994-03",
                 "series first-gs", "Commerce Department release", "goods and services",
                 "balance-of-payments basis", "seasonally adjusted", "published on 1994-05-19",
                 "Latest figure: -6.466 bn USD (vintage 2022-04-05)",
                 "Series chosen by rule us-total",
                 "stated change: consistent (agrees with the 1994-05-19 figures)"):
        assert part in body
    unverifiable = review_body(VERDICTS["unverifiable"], seed_fact())
    assert unverifiable == "Unverifiable: why."


def test_not_seasonally_adjusted_is_said() -> None:
    body = review_body(verdict("confirmed", seasonally_adjusted=False, basis="census",
                               flow="goods"), seed_fact())
    assert "goods, Census basis, not seasonally adjusted" in body


@pytest.mark.parametrize(("sentence", "claim"), [
    ("Share\nTIMES STAFF WRITER\n\nThe deficit narrowed to $7.46 billion in March.",
     "The deficit narrowed to $7.46 billion in March."),
    ("The deficit narrowed\nto $7.46 billion.", "The deficit narrowed to $7.46 billion."),
    ("$7.46 billion here.\n\nAnd $7.46 billion there.",
     "$7.46 billion here. And $7.46 billion there."),
])
def test_claim_is_the_line_holding_the_evidence(sentence: str, claim: str) -> None:
    review = assemble_claimreview(article(), seed_fact(sentence=sentence),
                                  VERDICTS["confirmed"], SETTINGS, REVIEWED_ON)
    assert review is not None and review["claimReviewed"] == claim


def test_claim_falls_back_to_the_evidence() -> None:
    review = assemble_claimreview(article(), seed_fact(sentence=""), VERDICTS["confirmed"],
                                  SETTINGS, REVIEWED_ON)
    assert review is not None and review["claimReviewed"] == "$7.46 billion"


@pytest.mark.parametrize("source", [None, "/data/articles/seed.txt", "Los Angeles Times",
                                    "ftp://example.com/a"])
def test_article_url_only_when_http(source: str | None) -> None:
    review = assemble_claimreview(article(source=source), seed_fact(), VERDICTS["confirmed"],
                                  SETTINGS, REVIEWED_ON)
    assert review is not None
    assert "url" not in review["itemReviewed"]["appearance"]
    assert review["itemReviewed"]["appearance"]["headline"] == "Trade deficit narrows"


def test_unknown_article_details_are_left_out() -> None:
    bare = article(source=None, title=None, published=None)
    review = assemble_claimreview(bare, seed_fact(), VERDICTS["confirmed"], SETTINGS,
                                  REVIEWED_ON)
    assert review is not None
    assert review["itemReviewed"] == {"@type": "Claim"}
    assert schemaorg_problems(review) == []


def test_unverifiable_written_unless_left_out() -> None:
    checked = CheckedArticle(article(), (seed_fact(), seed_fact()),
                             (VERDICTS["confirmed"],
                              verdict("unverifiable").model_copy(update={"fact_index": 1})))
    settings = SETTINGS.model_copy(update={"include_unverifiable": False})
    assert len(assemble_claimreviews(checked, settings, REVIEWED_ON)) == 1
    both = assemble_claimreviews(checked, SETTINGS, REVIEWED_ON)
    assert [r["reviewRating"] for r in both][1] == {"@type": "Rating",
                                                    "alternateName": "Unverifiable"}
    assert both[1]["url"].endswith("#fact-doc-1")


def test_facts_without_verdict_are_not_exported() -> None:
    unchecked = CheckedArticle(article(), (seed_fact(),), ())
    assert assemble_claimreviews(unchecked, SETTINGS, REVIEWED_ON) == []


# --------------------------------------------------------------------------- settings


def test_settings_need_an_author() -> None:
    with pytest.raises(ConfigError, match=r"E230.*author_name"):
        make_review_settings(author_name="  ")
    with pytest.raises(ConfigError, match="author_name"):
        make_review_settings()


@pytest.mark.parametrize(("values", "fragment"), [
    ({"author_url": "example.org"}, "author_url='example.org' is not an http(s) URL"),
    ({"review_url": "https://example.org/page#x"}, "has a '#'"),
    ({"author_type": "Robot"}, "author_type"),
    ({"colour": "red"}, "colour"),
])
def test_bad_settings_name_the_key(values: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ConfigError, match="review settings") as raised:
        make_review_settings(author_name="Desk", **values)
    assert fragment in str(raised.value)


def test_person_author_and_no_review_url() -> None:
    settings = make_review_settings(author_name=" Ann Reporter ", author_type="Person")
    review = assemble_claimreview(article(), seed_fact(), VERDICTS["confirmed"], settings,
                                  REVIEWED_ON)
    assert review is not None
    assert review["author"] == {"@type": "Person", "name": "Ann Reporter"}
    assert "url" not in review
    assert schemaorg_problems(review) == []


def test_review_url_per_article() -> None:
    the_verdict = VERDICTS["confirmed"].model_copy(update={"doc_id": "a b/c"})
    review = assemble_claimreview(article(), seed_fact(), the_verdict, SETTINGS, REVIEWED_ON)
    assert review is not None
    assert review["url"] == "https://example.org/checks/a%20b%2Fc#fact-a-b-c-0"


# --------------------------------------------------------------------------- writing


def test_write_array_and_jsonl() -> None:
    reviews = [assemble_claimreview(article(), seed_fact(), VERDICTS[case], SETTINGS,
                                    REVIEWED_ON) for case in ("confirmed", "contradicted")]
    array = io.StringIO()
    assert write_claimreviews((r for r in reviews if r), array) == 2
    assert json.loads(array.getvalue()) == reviews
    lines = io.StringIO()
    assert write_claimreviews((r for r in reviews if r), lines, jsonl=True) == 2
    assert [json.loads(line) for line in lines.getvalue().splitlines()] == reviews
    empty = io.StringIO()
    assert write_claimreviews([], empty) == 0
    assert json.loads(empty.getvalue()) == []


@pytest.mark.parametrize("jsonl", [False, True])
def test_text_from_articles_cannot_leave_the_script_element(jsonl: bool) -> None:
    hostile = "</script><script>alert(1)</script><!-- & \u2028"
    settings = ReviewSettings(author_name=f"Desk {hostile}")
    review = assemble_claimreview(article(title=f"Title {hostile}"), seed_fact(
        sentence=f"{SEED_TEXT.splitlines()[0]} {hostile}"), VERDICTS["confirmed"], settings,
        REVIEWED_ON)
    assert review is not None
    out = io.StringIO()
    write_claimreviews([review], out, jsonl=jsonl)
    written = out.getvalue()
    for unsafe in ("</", "<!--", "<script", "&", "\u2028"):
        assert unsafe not in written
    parsed = [json.loads(line) for line in written.splitlines()] if jsonl else json.loads(written)
    assert parsed == [review]  # the same data for every JSON reader


# --------------------------------------------------------------------------- schema.org


def test_terms_file_is_complete() -> None:
    known = set(TERMS["types"]) | set(TERMS["datatypes"])
    for table in ("types", "datatypes"):
        for name, parent in TERMS[table].items():
            assert parent is None or parent in TERMS[table], name
    for name, term in TERMS["properties"].items():
        assert set(term) == {"domainIncludes", "rangeIncludes"}, name
        assert set(term["domainIncludes"]) <= set(TERMS["types"]), name
        assert set(term["rangeIncludes"]) <= known, name
    assert TERMS["source"]["vocabulary"] == "https://schema.org"


@pytest.mark.parametrize("case", sorted(VERDICTS))
def test_every_rating_follows_schemaorg(case: str) -> None:
    settings = SETTINGS.model_copy(update={"include_unverifiable": True})
    review = assemble_claimreview(article(), seed_fact(), VERDICTS[case], settings,
                                  REVIEWED_ON)
    assert review is not None
    assert schemaorg_problems(review) == []


def _good() -> dict[str, Any]:
    review = assemble_claimreview(article(), seed_fact(), VERDICTS["confirmed"], SETTINGS,
                                  REVIEWED_ON)
    assert review is not None
    return review


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = document
        for key in parents:
            node = node[key]
        node[last] = value
    return change


@pytest.mark.parametrize(("change", "fragment"), [
    (_set("verdict", "True"), "unknown property 'verdict'"),
    (_set("reviewRating.headline", "True"), "'headline' is not a property of Rating"),
    (_set("itemReviewed.claimReviewed", "x"), "'claimReviewed' is not a property of Claim"),
    (_set("author.reviewBody", "x"), "'reviewBody' is not a property of Organization"),
    (_set("datePublished", "4 May 2026"), "'4 May 2026' is not a value of 'datePublished'"),
    (_set("reviewRating", "True"), "'True' is not a value of 'reviewRating'"),
    (_set("reviewRating.ratingValue", True), "True is not a value of 'ratingValue'"),
    (_set("author", {"@type": "Rating", "ratingValue": 1}), "'Rating' is not a value of"),
    (_set("url", "example.org/checks"), "is not a value of 'url'"),
    (_set("itemReviewed.appearance", {"@type": "Organization", "name": "LA Times"}),
     "'Organization' is not a value of 'appearance'"),
    (_set("itemReviewed.@type", "Claims"), "unknown @type 'Claims'"),
    (_set("claimReviewed", ["a", 3]), "3 is not a value of 'claimReviewed'"),
    (_set("@context", "http://example.org"), "@context"),
])
def test_validator_rejects_wrong_documents(change: Callable[[dict[str, Any]], None],
                                           fragment: str) -> None:
    document = copy.deepcopy(_good())
    assert schemaorg_problems(document) == []
    change(document)
    problems = schemaorg_problems(document)
    assert any(fragment in problem for problem in problems), problems


# --------------------------------------------------------------------------- end to end


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    return write_seed_store(tmp_path)


def test_extracted_and_checked_article(small_store: Path, extractor: Extractor) -> None:
    seed = Article(id="seed", text=SEED_TEXT, published=dt.date.fromisoformat(SEED_PUBLISHED),
                   source="https://example.com/seed")
    with ReferenceStore.open(small_store) as store:
        results = list(check_articles([seed], store, extractor))
    [checked] = results
    assert not isinstance(checked, ErrorRecord)
    [review] = assemble_claimreviews(checked, SETTINGS, REVIEWED_ON)
    assert schemaorg_problems(review) == []
    assert review["claimReviewed"] == SEED_TEXT
    assert review["reviewRating"]["alternateName"] == "True as first published; since revised"
    assert "first-gs" in review["reviewBody"] and "1994-05-19" in review["reviewBody"]


@pytest.mark.shared
def test_seed_article_against_the_shared_store(shared_dir: Path, official_store: ReferenceStore,
                                               extractor: Extractor) -> None:
    meta = json.loads((shared_dir / "corpus" / "seed" / "meta.json").read_text("utf-8"))
    seed = Article(id="seed", text=(shared_dir / "corpus" / "seed" / "article.txt")
                   .read_text("utf-8"), published=dt.date.fromisoformat(meta["published"]),
                   title=meta["title"], source=meta["source"])
    [checked] = list(check_articles([seed], official_store, extractor))
    assert isinstance(checked, CheckedArticle)
    reviews = assemble_claimreviews(checked, SETTINGS, REVIEWED_ON)
    assert len(reviews) == 4
    assert all(schemaorg_problems(review) == [] for review in reviews)
    ratings = [review["reviewRating"]["alternateName"] for review in reviews]
    assert "False" not in ratings and "True" in ratings
    japan = next(r for r in reviews if "Japan" in r["claimReviewed"])
    assert "census-5880-trade_balance" in japan["reviewBody"]
    appearance = japan["itemReviewed"]["appearance"]
    assert appearance["headline"].startswith("Record U.S. Sales Abroad")
    assert "url" not in appearance  # the sidecar names the paper, not a URL

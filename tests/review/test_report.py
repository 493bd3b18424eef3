"""The HTML report: self-contained, every article and error shown, facts and verdicts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest

from newsfacts.extractor import Extractor
from newsfacts.review import ReportMeta, check_articles, render_report, report_for
from newsfacts.schema import Article, ErrorRecord
from newsfacts.validation import ReferenceStore, build_reference
from tests.conftest import SEED_TEXT
from tests.validation.helpers import user_row, write_user_csv

PUBLISHED = dt.date(1994, 5, 20)
TWO_FACTS = ("U.S. exports rose to $42.17 billion in March, while imports "
             "<script>alert(1)</script> fell to $54.21 billion.")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReferenceStore]:
    folder = tmp_path_factory.mktemp("report")
    rows = [user_row("bal", f"1994-{m:02d}", str(-6000 - 100 * m), "2020-01-01")
            for m in range(1, 13)]
    rows.append(user_row("bal-first", "1994-03", "-7460", "1994-05-19"))
    build_reference(folder / "ref.duckdb", [write_user_csv(folder / "s.csv", rows)])
    with ReferenceStore.open(folder / "ref.duckdb") as opened:
        yield opened


def articles() -> list[Article | ErrorRecord]:
    return [Article(id="seed", text=SEED_TEXT, published=PUBLISHED, title="Deficit narrows",
                    source="https://example.org/seed"),
            Article(id="two", text=TWO_FACTS, published=PUBLISHED),
            Article(id="none", text="Nothing about trade here.", published=PUBLISHED),
            ErrorRecord(doc_id="bad", error_code="E102", error="bad.txt: not UTF-8")]


def test_report_shows_every_article_fact_verdict_and_error(
        store: ReferenceStore, extractor: Extractor) -> None:
    html = report_for(articles(), store, extractor, ReportMeta(title="Test report"))
    assert html.startswith("<!doctype html>") and "<title>Test report</title>" in html
    assert html.count('<article class="nf-article"') == 3
    assert html.count("<tr data-fact=") == 3  # 1 in the seed sentence, 2 in the other
    assert 'nf-badge nf-revised">revised' in html  # -7.46 bn as first published
    assert "No trade facts found" in html and "bad.txt: not UTF-8" in html
    assert '<a href="https://example.org/seed">' in html
    assert '<figure class="nf-chart"' in html and "<polyline" in html
    assert 'href="#doc-1-seed"' in html  # the contents list


def test_report_is_self_contained_and_escapes_the_text(
        store: ReferenceStore, extractor: Extractor) -> None:
    html = report_for(articles(), store, extractor)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert not re.search(r"""\b(src|srcset)\s*=|<link\b|@import|url\(""", html)
    assert all(href.startswith(("#", "https://example.org"))
               for href in re.findall(r'href="([^"]*)"', html))


def test_without_a_store_facts_are_shown_unchecked(extractor: Extractor) -> None:
    html = render_report(check_articles(articles()[:1], None, extractor), None)
    assert "not checked" in html and "<figure" not in html
    assert html.count("<tr data-fact=") == 1


def test_an_empty_report_is_still_a_page(store: ReferenceStore) -> None:
    html = render_report([], store)
    assert "0 articles" in html and "</html>" in html

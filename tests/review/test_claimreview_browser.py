"""ClaimReview embedded as the README suggests, in a ``<script type="application/ld+json">`` of an
HTML page, opened in headless Chromium: text from an article (its sentence and title) and the
author's name that tries to close the element, comment it out or break a line cannot run a
script, and the element's text parses back to the same objects. The same page built with plain
``json.dumps`` runs the payload, which shows the check can fail."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from newsfacts.review.claimreview import (
    ReviewSettings,
    assemble_claimreview,
    write_claimreviews,
)
from tests.review.test_claimreview import REVIEWED_ON, SENTENCE, VERDICTS, article, seed_fact

pytestmark = pytest.mark.browser

# Each payload counts in window.nfRan if it gets to run as a script.
RUN = "window.nfRan=(window.nfRan||0)+1"
PAYLOADS: dict[str, str] = {
    "close the element": f"</script><script>{RUN}</script>",
    "close, any case": f"</SCRIPT ><script>{RUN}</script >",
    "comment then script": f"<!--<script>{RUN}</script>-->",
    "line separators": f"\u2028\u2029</script><script>{RUN}</script>",
    "entity and bracket": f"&lt;/script&gt; &amp; <b>{RUN}</b>",
}

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Checked</title>
<script type="application/ld+json" id="nf-claims">{claims}</script>
<script>window.nfAfter = document.getElementById("nf-claims") !== null;</script>
</head><body><p id="nf-end">end</p></body></html>
"""


def hostile_reviews(payload: str) -> list[dict[str, Any]]:
    """One review whose sentence, title and author each carry the payload."""
    settings = ReviewSettings(author_name=f"Desk {payload}")
    review = assemble_claimreview(
        article(title=f"Trade {payload}"), seed_fact(sentence=f"{SENTENCE} {payload}"),
        VERDICTS["confirmed"], settings, REVIEWED_ON)
    assert review is not None
    return [review]


def written_by_newsfacts(reviews: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    write_claimreviews(reviews, out)
    return out.getvalue()


def written_plainly(reviews: list[dict[str, Any]]) -> str:
    return json.dumps(reviews, ensure_ascii=False, indent=2)


def open_embedded(browser: Any, tmp_path: Path, claims: str) -> Any:
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(claims=claims), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    return page


def ran(page: Any) -> int:
    return int(page.evaluate("window.nfRan || 0"))


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_embedded_claimreview_runs_nothing_and_parses_back(browser: Any, tmp_path: Path,
                                                           payload: str) -> None:
    reviews = hostile_reviews(payload)
    page = open_embedded(browser, tmp_path, written_by_newsfacts(reviews))
    try:
        assert ran(page) == 0
        assert page.evaluate("window.nfAfter") is True  # the page's own script still ran
        assert page.locator("#nf-end").count() == 1
        assert page.locator("script").count() == 2
        parsed = page.evaluate("JSON.parse(document.getElementById('nf-claims').textContent)")
        assert parsed == reviews
        review = parsed[0]
        for field in (review["author"]["name"], review["itemReviewed"]["appearance"]["headline"]):
            assert payload in field  # the text itself, not a cleaned copy
        assert "<" in review["claimReviewed"]
    finally:
        page.close()


@pytest.mark.parametrize("payload", [PAYLOADS["close the element"],
                                     PAYLOADS["line separators"]])
def test_plain_json_in_the_same_page_runs_the_payload(browser: Any, tmp_path: Path,
                                                      payload: str) -> None:
    page = open_embedded(browser, tmp_path, written_plainly(hostile_reviews(payload)))
    try:
        assert ran(page) >= 1
    finally:
        page.close()


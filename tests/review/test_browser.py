"""The report and the local page in a real browser (headless Chromium): highlights, table and
charts are there, the phone-width layout has no sideways scroll, screenshots are saved."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from http.server import HTTPServer
from pathlib import Path
from typing import Any

import pytest

from newsfacts.extractor import Extractor
from newsfacts.review import ReportMeta, report_for
from newsfacts.review.server import ServeOptions, make_server
from newsfacts.schema import Article
from newsfacts.validation import ReferenceStore
from tests.conftest import SEED_PUBLISHED, SEED_TEXT

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.browser


def open_page(browser: Any, viewport: dict[str, int]) -> Any:
    return browser.new_page(viewport=viewport)


def horizontal_overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


@pytest.fixture(scope="module")
def seed_report(shared_dir: Path, official_store: ReferenceStore, extractor: Extractor,
                tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = (shared_dir / "corpus" / "seed" / "article.txt").read_text(encoding="utf-8")
    article = Article(id="seed", text=text, published=dt.date(1994, 5, 20))
    path = tmp_path_factory.mktemp("browser") / "seed.html"
    path.write_text(report_for([article], official_store, extractor,
                               ReportMeta(title="Seed article")), encoding="utf-8")
    return path


@pytest.mark.shared
def test_seed_report_in_the_browser(browser: Any, seed_report: Path, screenshots: Path) -> None:
    page = open_page(browser, DESKTOP)
    page.goto(seed_report.as_uri())
    facts = {n for marked in page.locator("mark.nf-hl").evaluate_all(
        "marks => marks.map(m => m.dataset.facts)") for n in marked.split()}
    assert facts == {"1", "2", "3", "4"}
    rows = page.locator("table.nf-facts tbody tr")
    assert rows.count() == 4
    verdicts = rows.locator(".nf-badge:not(.nf-check)").all_inner_texts()
    assert sorted(verdicts) == ["confirmed", "revised", "revised", "revised"]
    captions = page.locator("figure.nf-chart figcaption").all_inner_texts()
    assert any("USA-JPN goods trade balance" in c for c in captions)
    assert any("USA-world goods and services trade balance" in c for c in captions)
    world = page.locator("figure.nf-chart", has_text="goods and services trade balance")
    assert world.locator("polyline").count() >= 1  # the latest vintage as a line
    tips = world.locator("circle > title").evaluate_all("ts => ts.map(t => t.textContent)")
    assert "1994-03: -7.46 bn (first-release-trade_balance-goods_and_services-bop-WLD-M, " \
           "published 1994-05-19)" in tips  # the first release …
    assert any(t.startswith("1994-03: -6.466 bn (fred-BOPGSTB") for t in tips)  # … and today's
    assert world.locator("g.nf-claim").count() == 1
    box = page.locator("figure.nf-chart svg").first.bounding_box()
    assert box is not None and box["height"] > 100  # drawn, not collapsed
    page.screenshot(path=str(screenshots / "seed-report.png"), full_page=True)
    page.close()


@pytest.mark.shared
def test_seed_report_on_a_phone_width_screen(browser: Any, seed_report: Path,
                                             screenshots: Path) -> None:
    page = open_page(browser, PHONE)
    page.goto(seed_report.as_uri())
    assert horizontal_overflow(page) <= 0
    assert page.locator("table.nf-facts thead").is_hidden()  # one card per fact instead
    chart = page.locator("figure.nf-chart svg").first.bounding_box()
    assert chart is not None and chart["width"] <= PHONE["width"]
    page.screenshot(path=str(screenshots / "seed-report-phone.png"), full_page=True)
    page.close()


@pytest.fixture(scope="module")
def served(extractor: Extractor) -> Iterator[str]:
    server: HTTPServer = make_server(ServeOptions(extractor=extractor), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_served_page_paste_and_check(browser: Any, served: str, screenshots: Path) -> None:
    page = open_page(browser, DESKTOP)
    page.goto(served)
    page.fill("#nf-text", SEED_TEXT)
    page.fill("#nf-published", SEED_PUBLISHED)
    page.click("button[type=submit]")
    page.wait_for_selector("table.nf-facts")
    assert page.locator("mark.nf-hl").count() >= 1
    assert page.locator("table.nf-facts tbody tr").count() == 1
    assert page.locator("#nf-text").input_value() == SEED_TEXT  # kept for another try
    page.screenshot(path=str(screenshots / "serve-report.png"), full_page=True)
    page.close()


def test_served_page_bad_input_message(browser: Any, served: str, screenshots: Path,
                                       tmp_path: Path) -> None:
    page = open_page(browser, PHONE)
    page.goto(served)
    page.click("button[type=submit]")
    assert "There is no text to read" in page.locator("[role=alert]").inner_text()
    wrong = tmp_path / "scan.pdf"
    wrong.write_bytes(b"%PDF-1.4")
    page.set_input_files("#nf-file", str(wrong))
    page.click("button[type=submit]")
    assert "is not a file type this page reads" in page.locator("[role=alert]").inner_text()
    assert horizontal_overflow(page) <= 0
    page.screenshot(path=str(screenshots / "serve-bad-input-phone.png"), full_page=True)
    page.close()

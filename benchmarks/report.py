"""The HTML report for 100 Reuters trade stories: how long it takes to make and to open.

Builds the validation benchmark's reference store (``../shared/official``), writes the report
of the first 100 stories of ``../shared/corpus/reuters-trade.jsonl`` and opens it in headless
Chromium (Playwright, Debian's ``chromium``) five times at desktop and at phone width,
timing navigation start → load event, and checks that the page is self-contained (no
scripts, links or sources to fetch) and has no sideways scroll on a phone.

    python benchmarks/report.py [--stories 100] [--keep out/report.html]
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

from newsfacts.check import check_articles
from newsfacts.extractor import Extractor
from newsfacts.ingest import read_paths
from newsfacts.review import ReportMeta, render_report
from newsfacts.schema import ErrorRecord
from newsfacts.validation import ReferenceStore

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
RUNS = 5


def _validation_benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("validation_benchmark",
                                                  ROOT / "benchmarks" / "validation.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def make_report(stories: int, out: Path) -> dict[str, Any]:
    bench = _validation_benchmark()
    series = bench.read_published(SHARED) + bench.read_secondary(
        bench.secondary_user_rows(SHARED))
    articles = list(islice(read_paths([SHARED / "corpus" / "reuters-trade.jsonl"]), stories))
    extractor = Extractor()
    with ReferenceStore.from_series(series) as store:
        started = time.perf_counter()
        results = list(check_articles(articles, store, extractor))
        checked = time.perf_counter() - started
        html = render_report(results, store, ReportMeta(title=f"{stories} Reuters stories"))
        rendered = time.perf_counter() - started - checked
    out.write_text(html, encoding="utf-8")
    done = [r for r in results if not isinstance(r, ErrorRecord)]
    return {"stories": len(articles), "facts": sum(len(r.facts) for r in done),
            "charts": html.count('<figure class="nf-chart"'), "bytes": len(html.encode()),
            "extract_and_check_s": checked, "render_s": rendered,
            "self_contained": not re.search(r"<script|\bsrc\s*=|<link\b|@import|url\(", html)}


def open_times(path: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    figures: dict[str, Any] = {}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=ARGS)
        for name, viewport in VIEWPORTS.items():
            times = []
            overflow = 0
            for _ in range(RUNS):
                page = browser.new_page(viewport=viewport)
                page.goto(path.as_uri(), wait_until="load")
                times.append(page.evaluate(
                    "(() => { const n = performance.getEntriesByType('navigation')[0];"
                    " return n.loadEventEnd - n.startTime; })()") / 1000)
                overflow = max(overflow, page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth"))
                page.close()
            figures[name] = {"median_s": statistics.median(times), "max_s": max(times),
                             "sideways_overflow_px": overflow}
        browser.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="also keep the report here")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"needs {SHARED}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.html"
        made = make_report(args.stories, path)
        opened = open_times(path)
        if args.keep:
            args.keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, args.keep)
    print(f"{made['stories']} stories, {made['facts']} facts, {made['charts']} charts, "
          f"{made['bytes'] / 1e6:.2f} MB, self-contained: {made['self_contained']}")
    print(f"extract + check {made['extract_and_check_s']:.1f} s, render "
          f"{made['render_s']:.1f} s")
    for name, figures in opened.items():
        print(f"open in Chromium ({name}, {RUNS} runs): median {figures['median_s']:.2f} s, "
              f"max {figures['max_s']:.2f} s, sideways overflow "
              f"{figures['sideways_overflow_px']} px")
    worst = max(figures["max_s"] for figures in opened.values())
    return 0 if worst < 2 and made["self_contained"] else 1


if __name__ == "__main__":
    sys.exit(main())

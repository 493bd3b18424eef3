"""Fixtures for the review tests: a reference store from ../shared and a headless Chromium.

Browser tests carry the ``browser`` marker. They need Playwright (a ``dev`` dependency) and
Debian's ``chromium`` (``/usr/bin/chromium``, or ``NEWSFACTS_CHROMIUM``); where either is
missing they are skipped with the reason, unless ``NEWSFACTS_REQUIRE_BROWSER=1`` (set by
``.ci/run``, which installs Chromium) turns the skip into a failure. Screenshots go to
``test-output/screenshots`` under the repository (``NEWSFACTS_TEST_OUTPUT`` moves it).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsfacts.validation import ReferenceStore
from tests.conftest import REPO_ROOT, load_benchmark

REQUIRE_BROWSER_ENV = "NEWSFACTS_REQUIRE_BROWSER"
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync")


@pytest.fixture(scope="session")
def official_store(shared_dir: Path) -> Iterator[ReferenceStore]:
    """The published official files plus first releases as reported (the benchmark's store)."""
    bench: Any = load_benchmark("validation")
    series = bench.read_published(shared_dir) + bench.read_secondary(
        bench.secondary_user_rows(shared_dir))
    with ReferenceStore.from_series(series) as store:
        yield store


def chromium_path() -> str | None:
    found = os.environ.get("NEWSFACTS_CHROMIUM") or shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright, shared by the session's browser tests."""
    require = os.environ.get(REQUIRE_BROWSER_ENV) == "1"
    executable = chromium_path()
    missing = None
    if importlib.util.find_spec("playwright") is None:
        missing = "Playwright is not installed (pip install -e '.[dev]')"
    elif executable is None:
        missing = "Chromium not found (Debian: apt-get install chromium)"
    if missing:
        if require:
            pytest.fail(f"{missing}; {REQUIRE_BROWSER_ENV}=1 requires it")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = Path(os.environ.get("NEWSFACTS_TEST_OUTPUT") or REPO_ROOT / "test-output")
    target = folder / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    return target

"""Fixtures shared by the test suite.

``shared_dir`` finds ``../shared`` (gold files, corpus, official data) beside the repository.
Tests that use it must carry the ``shared`` marker. Where the folder is absent they are
skipped with the reason, unless ``NEWSFACTS_REQUIRE_SHARED=1`` asks for it, in which case
they fail.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from newsfacts.extractor import Extractor

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
REQUIRE_SHARED_ENV = "NEWSFACTS_REQUIRE_SHARED"

SEED_TEXT = (
    "The U.S. trade deficit narrowed 18.5% to $7.46 billion in March, "
    "the Commerce Department said."
)
SEED_PUBLISHED = "1994-05-20"


def locate_shared(candidate: Path, require: bool) -> Path:
    """``candidate`` if it is a folder; else skip the test, or fail it when ``require``."""
    if candidate.is_dir():
        return candidate
    reason = (f"shared data folder not found at {candidate} (expected ../shared beside the "
              "repository, holding gold/, corpus/ and official/)")
    if require:
        pytest.fail(f"{reason}; {REQUIRE_SHARED_ENV}=1 requires it")
    pytest.skip(reason)


def load_benchmark(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` as a module (once per run: its dataclasses look their module
    up in ``sys.modules``), so that tests check the figures the benchmarks print."""
    module_name = f"{name}_benchmark"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            module_name, REPO_ROOT / "benchmarks" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return sys.modules[module_name]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return locate_shared(SHARED_DIR, os.environ.get(REQUIRE_SHARED_ENV) == "1")


@pytest.fixture(scope="session", autouse=True)
def cache_in_a_tmp_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The built default store goes to a folder of this run, never the user's cache
    (``NEWSFACTS_CACHE_DIR``; commands run in subprocesses inherit it)."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSFACTS_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One default pipeline for the whole run (building one takes a moment)."""
    return Extractor()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that reads ../shared must say so with the ``shared`` marker."""
    unmarked = [item.nodeid for item in items
                if "shared_dir" in getattr(item, "fixturenames", ())
                and item.get_closest_marker("shared") is None]
    if unmarked:
        raise pytest.UsageError(
            f"tests using the shared_dir fixture need @pytest.mark.shared: {', '.join(unmarked)}")

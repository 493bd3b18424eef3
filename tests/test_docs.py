"""Every Python code block of README.md and docs/*.md runs as written.

The blocks of one page run in order in one namespace (a later block may use what an earlier
one made), in a fresh folder that holds what the pages say they assume: ``corpus/`` and
``models/`` (links to the repository's), ``ref.duckdb`` (a reference store with FRED's
BOPGSTB and the 1994-05-19 first release for February and March 1994) and ``articles/``
(one text file with its sidecar).

Blocks fenced ``bash``, ``json``, ``text`` or with no language are not run, and the test
says so for each of them: they are shell commands (the CLI is tested through its functions
in tests/cli/, and several commands need ../shared or minutes of CPU), sample output or the
layout tree. A fence in any other language fails, so that no Python block hides behind a
misspelt language.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.validation.helpers import write_seed_store

ROOT = Path(__file__).resolve().parents[1]
PAGES: tuple[Path, ...] = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")),
                           ROOT / "newsfacts" / "patterns" / "README.md")
FENCE = re.compile(r"^```([\w+-]*)\n(.*?)^```$", re.S | re.M)
RUN: frozenset[str] = frozenset({"python", "py"})
# what is not run, and why
NOT_RUN: dict[str, str] = {
    "bash": "shell commands: the CLI is tested in tests/cli/; some need ../shared or minutes",
    "json": "sample output of a command",
    "text": "sample output of a command",
    "": "the layout tree",
}
SEED_STORY = ("The U.S. trade deficit narrowed 18.5% to $7.46 billion in March, "
              "the Commerce Department said Thursday.\n")


def blocks(page: Path) -> list[tuple[str, str]]:
    return FENCE.findall(page.read_text(encoding="utf-8"))


def page_id(page: Path) -> str:
    return str(page.relative_to(ROOT))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    for name in ("corpus", "models"):
        (folder / name).symlink_to(ROOT / name, target_is_directory=True)
    store = write_seed_store(folder)
    assert store == folder / "ref.duckdb"
    articles = folder / "articles"
    articles.mkdir()
    (articles / "seed.txt").write_text(SEED_STORY, encoding="utf-8")
    (articles / "seed.json").write_text('{"doc_id": "seed", "published": "1994-05-20"}\n',
                                        encoding="utf-8")
    return folder


def test_the_pages_hold_python_examples() -> None:
    runnable = [page_id(page) for page in PAGES
                for language, _ in blocks(page) if language in RUN]
    assert runnable.count("README.md") >= 1
    assert len({page for page in runnable if page.startswith("docs/")}) >= 4


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_fence_is_run_or_said_why_not(page: Path) -> None:
    unknown = [language for language, _ in blocks(page) if language not in RUN | set(NOT_RUN)]
    assert unknown == [], f"fences in no known language: {unknown}"


@pytest.mark.parametrize("page", [p for p in PAGES if any(lang in RUN for lang, _ in blocks(p))],
                         ids=page_id)
def test_python_blocks_run(page: Path, workspace: Path, monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(workspace)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for number, (language, code) in enumerate(blocks(page), start=1):
        if language in RUN:
            exec(compile(code, f"{page_id(page)} block {number}", "exec"), namespace)
    assert capsys.readouterr().out.strip(), "the examples print what they show"


def test_the_readme_is_an_entry_point() -> None:
    """The manual is docs/; the README stays short enough to read first."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    assert "docs/index.md" in readme

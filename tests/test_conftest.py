"""The ../shared fixture: found, skipped with a reason, or failed when required."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, SHARED_DIR, locate_shared


def test_shared_dir_is_beside_the_repository() -> None:
    expected = REPO_ROOT.parent / "shared"
    assert expected == SHARED_DIR
    assert (REPO_ROOT / "pyproject.toml").is_file()


def test_present_folder_is_returned(tmp_path: Path) -> None:
    assert locate_shared(tmp_path, require=False) == tmp_path
    assert locate_shared(tmp_path, require=True) == tmp_path


def test_absent_folder_skips_with_reason(tmp_path: Path) -> None:
    missing = tmp_path / "shared"
    with pytest.raises(pytest.skip.Exception, match="shared data folder not found"):
        locate_shared(missing, require=False)


def test_absent_folder_fails_when_required(tmp_path: Path) -> None:
    missing = tmp_path / "shared"
    with pytest.raises(pytest.fail.Exception, match="NEWSFACTS_REQUIRE_SHARED=1 requires it"):
        locate_shared(missing, require=True)

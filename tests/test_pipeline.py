"""The pipeline builds on blank English, saves, and loads again with spacy.load alone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import spacy

from newsfacts.errors import ConfigError
from newsfacts.mentions.component import as_phrase, package_patterns
from newsfacts.pipeline import COMPONENTS, GATE, build_pipeline, load_pipeline, save_pipeline
from newsfacts.settings import Settings

MODEL = Path(__file__).resolve().parents[1] / "models" / "newsfacts_en"
TEXT = "Japan's trade surplus with the U.S. widened to 5.2 billion dlrs in February 1987."


def facts_with(nlp: spacy.language.Language) -> list[dict[str, object]]:
    doc = nlp.make_doc(TEXT)
    doc._.nf_published = dt.date(1987, 4, 1)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [fact.to_gold() for fact in doc._.nf_facts]


def test_blank_pipeline_has_the_components() -> None:
    nlp = build_pipeline()
    assert nlp.meta["lang"] == "en"
    assert [name for name in nlp.pipe_names if name.startswith("newsfacts")] == list(COMPONENTS)
    gated = build_pipeline(Settings(trade_gate=True))
    assert [n for n in gated.pipe_names if n.startswith("newsfacts")] == [*COMPONENTS, GATE]


def test_saved_pipeline_loads_alone(tmp_path: Path) -> None:
    target = save_pipeline(tmp_path / "nf")
    loaded = spacy.load(target)
    assert facts_with(loaded) == facts_with(build_pipeline())
    assert facts_with(loaded)[0]["partner"] == "USA"


def test_committed_model_matches_the_package_patterns() -> None:
    assert MODEL.is_dir(), (
        "models/newsfacts_en is missing: run `newsfacts build-model models/newsfacts_en`"
    )
    saved = [
        json.loads(line)
        for line in (MODEL / "newsfacts_mentions" / "patterns").read_text().splitlines()
    ]
    current = [as_phrase(entry) for entry in package_patterns()]
    key = lambda p: (p["id"], json.dumps(p["pattern"], sort_keys=True))  # noqa: E731
    assert sorted(map(key, saved)) == sorted(map(key, current)), (
        "models/newsfacts_en is stale: rebuild it with `newsfacts build-model models/newsfacts_en`"
    )
    assert facts_with(load_pipeline(MODEL)) == facts_with(build_pipeline())


def test_missing_statistical_model_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="not an installed spaCy pipeline"):
        build_pipeline(Settings(statistical_model="xx_no_such_model"))


def test_not_a_pipeline_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_pipeline(tmp_path)

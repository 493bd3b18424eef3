"""Build, save and load the newsfacts spaCy pipeline."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from newsfacts.errors import Errors
from newsfacts.facts import component as _facts  # noqa: F401  (registers the factory)
from newsfacts.facts import gate as _gate  # noqa: F401  (registers the factory)
from newsfacts.mentions import component as _mentions  # noqa: F401  (registers the factories)
from newsfacts.mentions.extensions import declare_attributes
from newsfacts.mentions.tokenizer import customize_tokenizer
from newsfacts.settings import Settings

COMPONENTS: tuple[str, ...] = ("newsfacts_mentions", "newsfacts_normaliser", "newsfacts_facts")
GATE = "newsfacts_gate"  # after the facts, with Settings.trade_gate


def build_pipeline(settings: Settings | None = None) -> Language:
    """spaCy's blank English (or an installed statistical pipeline) plus newsfacts' components."""
    settings = settings or Settings()
    declare_attributes()
    if settings.statistical_model:
        try:
            nlp = spacy.load(settings.statistical_model, exclude=["lemmatizer"])
        except OSError as exc:
            raise Errors.STATISTICAL_MODEL(statistical_model=settings.statistical_model) from exc
    else:
        nlp = spacy.blank("en")
    customize_tokenizer(nlp)
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    if settings.trade_gate:
        nlp.add_pipe(GATE)
    nlp.max_length = settings.max_chars + 1
    return nlp


def save_pipeline(path: str | Path, settings: Settings | None = None) -> Path:
    """Write the pipeline (config, tokenizer rules, patterns) so ``spacy.load(path)`` loads it."""
    target = Path(path)
    build_pipeline(settings).to_disk(target)
    return target


def load_pipeline(path: str | Path) -> Language:
    """Load a saved newsfacts pipeline; raises ConfigError if the folder is not one."""
    declare_attributes()
    try:
        nlp = spacy.load(path)
    except (OSError, ValueError) as exc:
        raise Errors.PIPELINE_NOT_LOADABLE(path=path, exc=exc) from exc
    missing = [name for name in COMPONENTS if not nlp.has_pipe(name)]
    if missing:
        raise Errors.PIPELINE_LACKS_COMPONENTS(path=path, missing=missing)
    return nlp

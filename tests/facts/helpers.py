"""Helpers shared by the rule-layer tests."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from newsfacts.extractor import Extractor
from newsfacts.schema import Article


def tagged(extractor: Extractor, text: str) -> Doc:
    """``text`` through every component before the rule layer (mentions, normalised)."""
    doc = extractor.make_doc(Article(id="t", text=text, published=dt.date(1987, 4, 1)))
    for name, pipe in extractor.nlp.pipeline:
        if name == "newsfacts_facts":
            break
        doc = pipe(doc)
    return doc

"""The custom attributes newsfacts puts on spaCy objects, declared in one place (``nf_`` prefix)."""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

DOC_ATTRIBUTES: tuple[str, ...] = ("nf_published", "nf_doc_id", "nf_facts", "nf_text")
SPAN_ATTRIBUTES: tuple[str, ...] = ("nf_value",)


def declare_attributes() -> None:
    """Register the extensions once; safe to call repeatedly."""
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in SPAN_ATTRIBUTES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def value_key(start_char: int, end_char: int) -> tuple[str, str, int, int]:
    """Where spaCy keeps ``span._.nf_value`` in ``doc.user_data`` (its ``Underscore`` key).

    Reading and writing there directly spares the ``Underscore`` object spaCy makes for
    every ``span._`` access, which costs more than the rest of handling a mention.
    """
    return ("._.", "nf_value", start_char, end_char)


@cache
def value_key_is_spacys() -> bool:
    """Whether this spaCy keeps span values under ``value_key`` (else use ``span._``)."""
    declare_attributes()
    doc = Doc(Vocab(), words=["value"])
    doc[0:1]._.nf_value = True
    user_data: dict[Any, Any] = doc.user_data
    return value_key(0, len("value")) in user_data

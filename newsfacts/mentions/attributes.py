"""The custom attributes newsfacts puts on spaCy objects, declared in one place (``nf_`` prefix)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

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

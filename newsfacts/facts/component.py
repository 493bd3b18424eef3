"""The ``newsfacts_facts`` spaCy component: mentions → ``doc._.nf_facts``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsfacts.facts.assemble import assemble_drafts
from newsfacts.facts.build import build_facts
from newsfacts.facts.clauses import to_cue
from newsfacts.mentions.attributes import declare_attributes
from newsfacts.mentions.component import SPANS_KEY
from newsfacts.schema import TradeFact


def extract_doc_facts(doc: Doc, spans_key: str = SPANS_KEY) -> list[TradeFact]:
    """The trade facts of a doc whose mentions are tagged and normalised.

    Every fact is read from a money amount, so a doc without one has none and the rule
    layer is not run on it (29 % of the words of the Reuters trade stories).
    """
    if not has_money(doc, spans_key):
        return []
    drafts, context = assemble_drafts(doc, spans_key)
    return build_facts(drafts, doc, doc._.nf_doc_id or "doc", context.conversions)


def has_money(doc: Doc, spans_key: str = SPANS_KEY) -> bool:
    """Whether the doc has a money mention, the one kind of mention a fact starts from."""
    spans = doc.spans.get(spans_key, [])
    if any(span.label_ == "MONEY" for span in spans):
        return True
    return any(span.label_ == "CUE" and to_cue(span).kind == "money" for span in spans)


class FactAssembler:
    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        declare_attributes()
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        doc._.nf_facts = extract_doc_facts(doc, self.spans_key)
        return doc


@Language.factory(
    "newsfacts_facts",
    assigns=["doc._.nf_facts"],
    requires=["doc.spans", "doc.sents"],
    default_config={"spans_key": SPANS_KEY},
)
def make_facts(nlp: Language, name: str, spans_key: str) -> FactAssembler:
    return FactAssembler(spans_key)

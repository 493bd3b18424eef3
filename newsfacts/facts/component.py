"""The ``newsfacts_facts`` spaCy component: mentions → ``doc._.nf_facts``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsfacts.facts.assemble import assemble_drafts
from newsfacts.facts.build import build_facts
from newsfacts.facts.clauses import MONEY, Cue, read_cues
from newsfacts.mentions.component import SPANS_KEY
from newsfacts.mentions.extensions import declare_attributes
from newsfacts.schema import TradeFact


def extract_doc_facts(doc: Doc, spans_key: str = SPANS_KEY) -> list[TradeFact]:
    """The trade facts of a doc whose mentions are tagged and normalised.

    Every fact is read from a money amount, so a doc without one has none and the rule
    layer is not run on it (what that saves is measured in docs/batch.md, Throughput).
    """
    cues = read_cues(doc, spans_key)
    if not _any_money(cues):
        return []
    drafts, context = assemble_drafts(doc, spans_key, cues)
    doc_id = doc._.nf_doc_id or "doc"
    return build_facts(drafts, doc, doc_id, context.conversions, context.drops)


def has_money(doc: Doc, spans_key: str = SPANS_KEY) -> bool:
    """Whether the doc has a money mention, the one kind of mention a fact starts from."""
    return _any_money(read_cues(doc, spans_key))


def _any_money(cues: list[Cue]) -> bool:
    return any(cue.kind == MONEY for cue in cues)  # a MONEY span or a money CUE


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

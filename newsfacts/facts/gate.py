"""The trade gate: a learned check that a fact the rules made is an economy's trade figure.

The rule layer makes a fact from a money amount near an indicator cue ('deficit',
'exports'); outside trade stories such an amount is often something else: a company's or a
bank's accounts, a budget, one product's exports, a debt, a forecast. The gate reads each
actual fact's sentence (the amount marked), the story's title and the fact's indicator, and
a text classifier (spaCy's ``textcat_multilabel`` with a bag-of-n-grams model, trained by
``newsfacts train-gate``, see newsfacts/facts/gate_train.py) scores how likely it is a trade
fact. A fact scored below the gate's threshold is dropped with the rule ``drop.gate.not-trade``
(``newsfacts explain`` shows the score of every fact the gate read). Facts whose modality is
not ``actual`` are already marked as forecasts or targets and are not gated.

The model and its threshold ship in the package (``gate_model/``); the ``newsfacts_gate``
component loads them, and a saved pipeline keeps its own copy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsfacts.errors import Errors
from newsfacts.facts.clauses import MONEY, read_cues
from newsfacts.facts.rules import RULES
from newsfacts.mentions.component import SPANS_KEY
from newsfacts.mentions.extensions import declare_attributes
from newsfacts.schema import Money, MoneyOutcome, TradeFact

LABEL = "TRADE"
PACKAGE_MODEL = Path(__file__).with_name("gate_model")
SETTINGS_FILE = "gate.json"  # the threshold and what the model was trained on, beside it
DROP_RULE = "drop.gate.not-trade"  # the key of its rule id in assembly.json
GATE_ATTRIBUTE = "nf_gate"  # doc._.nf_gate: the gate's decisions, for newsfacts explain
TITLE_WORDS = 16  # the title words read (a wire title is a line; a web title may be longer)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_DIGIT = re.compile(r"\d")


class GateDecision(NamedTuple):
    """The gate's score for one fact (by its evidence start) and whether it kept it."""

    evidence_start: int
    score: float
    kept: bool


def _words(text: str) -> list[str]:
    """Lower-case words with every digit written 0 ('1.25' → '0', '0'; '1987' → '0000')."""
    return [_DIGIT.sub("0", word.lower()) for word in _WORD.findall(text)]


def gate_text(
    title: str, sentence: str, amount: tuple[int, int] | None, indicator: str
) -> str:
    """The classifier's input for one fact, as space-separated tokens.

    Title words are prefixed ``t_`` (a title says what the story is about: 'GKN PROFITS'),
    the amount in the sentence (``amount``: its character offsets there) is the token
    ``amt``, and the fact's indicator is one ``ind_*`` token.
    """
    head = [f"t_{word}" for word in _words(title)[:TITLE_WORDS]]
    if amount is None:
        body = _words(sentence)
    else:
        start, end = amount
        body = [*_words(sentence[:start]), "amt", *_words(sentence[end:])]
    return " ".join([f"ind_{indicator}", *head, "sep", *body])


def doc_title(doc: Doc) -> str:
    """The story's title: its text up to the first blank line (``Article.text`` puts title,
    blank line, body), or nothing for a text without one."""
    source: str = doc._.nf_text or doc.text
    head, blank, _ = source.partition("\n\n")
    return " ".join(head.split()) if blank and len(head) <= 300 else ""


def fact_texts(doc: Doc, facts: Sequence[TradeFact], spans_key: str = SPANS_KEY) -> list[str]:
    """``gate_text`` of each fact of a doc: the money mention in its evidence whose value
    is the fact's (else the first there) is the amount."""
    monies = [
        (cue.span.start_char, cue.span.end_char, cue.value)
        for cue in read_cues(doc, spans_key)
        if cue.kind == MONEY
    ]
    title = doc_title(doc)
    texts: list[str] = []
    for fact in facts:
        inside = [m for m in monies if fact.evidence_start <= m[0] and m[1] <= fact.evidence_end]
        same = [m for m in inside if isinstance(m[2], Money) and m[2].value == abs(fact.value)]
        at = _sentence_start(doc, fact)
        chosen = same or inside
        amount = (chosen[0][0] - at, chosen[0][1] - at) if chosen else None
        texts.append(gate_text(title, fact.sentence, amount, fact.indicator))
    return texts


def _sentence_start(doc: Doc, fact: TradeFact) -> int:
    """Where the fact's sentence starts in the text (``to_fact`` cuts it from the text, and
    it holds the evidence)."""
    source: str = doc._.nf_text or doc.text
    found = source.find(fact.sentence, max(0, fact.evidence_end - len(fact.sentence)))
    return found if 0 <= found <= fact.evidence_start else fact.evidence_start


class TradeGate:
    """A trained classifier (a spaCy pipeline with one ``textcat_multilabel``) and its
    threshold: ``score`` is the probability of ``LABEL`` (a trade fact of an economy)."""

    def __init__(self, nlp: Language, threshold: float, info: dict[str, Any] | None = None,
                 source: Path | None = None):
        self.nlp = nlp
        self.threshold = threshold
        self.info = info or {}
        self.source = source  # the folder it was loaded from

    @classmethod
    def load(cls, path: str | Path = PACKAGE_MODEL) -> TradeGate:
        folder = Path(path)
        try:
            settings = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
            nlp = spacy.load(folder)
            threshold = float(settings["threshold"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise Errors.GATE_MODEL(folder=folder, detail=exc) from exc
        return cls(nlp, threshold, settings, folder)

    def save(self, path: str | Path) -> Path:
        """The model, its settings, and an empty string store: the model reads hashed
        features, so the words seen in training (news text) are not kept."""
        folder = Path(path)
        self.nlp.to_disk(folder)
        (folder / "vocab" / "strings.json").write_text("[]\n", encoding="utf-8")
        settings = {**self.info, "threshold": self.threshold}
        (folder / SETTINGS_FILE).write_text(
            json.dumps(settings, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        return folder

    def scores(self, texts: Iterable[str]) -> list[float]:
        return [float(doc.cats[LABEL]) for doc in self.nlp.pipe(texts)]


class GateComponent:
    """The ``newsfacts_gate`` pipeline component: drops the actual facts of
    ``doc._.nf_facts`` the gate scores below its threshold and records every decision in
    ``doc._.nf_gate``."""

    def __init__(self, gate: TradeGate | None, spans_key: str = SPANS_KEY) -> None:
        declare_gate_attribute()
        self.gate = gate
        self.spans_key = spans_key

    def decide(self, doc: Doc, facts: Sequence[TradeFact]) -> list[GateDecision | None]:
        """A decision for each fact, in order: None for one the gate does not read (its
        modality is not ``actual``, or there is no model)."""
        gated = [i for i, fact in enumerate(facts) if fact.modality == "actual"]
        decisions: list[GateDecision | None] = [None] * len(facts)
        if self.gate is None or not gated:
            return decisions
        texts = fact_texts(doc, [facts[i] for i in gated], self.spans_key)
        threshold = self.gate.threshold
        for i, score in zip(gated, self.gate.scores(texts), strict=True):
            decisions[i] = GateDecision(facts[i].evidence_start, score, score >= threshold)
        return decisions

    def __call__(self, doc: Doc) -> Doc:
        facts: list[TradeFact] = list(doc._.nf_facts or [])
        decisions = self.decide(doc, facts)
        doc._.nf_gate = [d for d in decisions if d is not None]
        doc._.nf_facts = [f for f, d in zip(facts, decisions, strict=True) if d is None or d.kept]
        return doc

    def explain(self, doc: Doc, outcomes: Sequence[MoneyOutcome]) -> list[MoneyOutcome]:
        """``explain_doc``'s outcomes with the gate applied: each fact gets its score, a
        fact below the threshold (and each duplicate merged into it) becomes a drop by
        ``drop.gate.not-trade``, and the facts left are numbered again."""
        made = sorted((o for o in outcomes if o.fact is not None and o.fact_index is not None),
                      key=lambda o: o.fact_index or 0)
        decisions = self.decide(doc, [o.fact for o in made if o.fact is not None])
        decision_of = {o.fact_index: d for o, d in zip(made, decisions, strict=True)}
        renumber: dict[int, int] = {}
        for o, d in zip(made, decisions, strict=True):
            if (d is None or d.kept) and o.fact_index is not None:
                renumber[o.fact_index] = len(renumber)
        rule, reason = RULES.ids[DROP_RULE], RULES.reasons[DROP_RULE]
        threshold = self.gate.threshold if self.gate is not None else 0.0
        result: list[MoneyOutcome] = []
        for o in outcomes:
            index = o.fact_index if o.fact is not None else o.merged_into
            d = decision_of.get(index) if index is not None else None
            score = None if d is None else round(d.score, 4)
            if d is not None and not d.kept:
                why = f"{reason} (score {d.score:.3f} < {threshold})"
                result.append(o.model_copy(update={
                    "outcome": "dropped", "fact": None, "fact_index": None, "rule_id": rule,
                    "reason": why, "merged_into": None, "gate_score": score}))
            elif o.fact is not None and o.fact_index is not None:
                result.append(o.model_copy(update={
                    "fact_index": renumber[o.fact_index], "gate_score": score}))
            elif o.merged_into is not None and o.merged_into in renumber:
                result.append(o.model_copy(update={"merged_into": renumber[o.merged_into]}))
            else:
                result.append(o)
        return result

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        """A saved pipeline keeps a gate that is not the package's (the package's loads
        with the component: no second copy)."""
        if self.gate is not None and self.gate.source != PACKAGE_MODEL:
            self.gate.save(path)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> GateComponent:
        if Path(path).exists():
            self.gate = TradeGate.load(path)
        return self


def declare_gate_attribute() -> None:
    declare_attributes()
    if not Doc.has_extension(GATE_ATTRIBUTE):
        Doc.set_extension(GATE_ATTRIBUTE, default=None)


@Language.factory(
    "newsfacts_gate",
    assigns=["doc._.nf_facts", "doc._.nf_gate"],
    requires=["doc._.nf_facts"],
    default_config={"spans_key": SPANS_KEY, "load_package_model": True},
)
def make_gate(nlp: Language, name: str, spans_key: str, load_package_model: bool) -> GateComponent:
    """The gate with the package's trained model (``load_package_model``), else none until
    ``from_disk`` reads a saved one; with no model it keeps every fact."""
    gate = TradeGate.load(PACKAGE_MODEL) if load_package_model else None
    return GateComponent(gate, spans_key)

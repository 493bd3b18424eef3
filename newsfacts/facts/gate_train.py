"""Training the trade gate (newsfacts/facts/gate.py) from labelled examples.

An example is the gate's input text for one candidate fact (``gate_text``), its label (a
trade fact of an economy or not) and its group (the story it comes from). ``train_gate``
picks the threshold by cross-validation over groups (no story is in both a fold's training
and its scoring part): the highest threshold at which the held-out scores keep at least
``min_recall`` of the positive examples of the ``recall_source`` examples (the gold ones),
then fits the model on every example. Seeds are fixed: the same examples give the same
model, byte for byte.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import spacy
from spacy.language import Language
from spacy.training import Example as SpacyExample
from thinc.api import fix_random_seed

from newsfacts.errors import Errors
from newsfacts.facts.gate import LABEL, TradeGate

NGRAM_SIZE = 2
HASH_LENGTH = 2**16  # hashed n-gram features: 65,536 weights (~260 kB on disk)


class GateExample(NamedTuple):
    text: str
    label: bool
    group: str  # the story (doc id): cross-validation folds never split one
    source: str = "gold"  # where the label comes from: "gold" or a weak source


class Training(NamedTuple):
    seed: int = 0
    epochs: int = 12
    batch_size: int = 16
    dropout: float = 0.2
    folds: int = 5
    min_recall: float = 0.995
    recall_source: str = "gold-fact"
    architecture: str = "cnn"  # "bow" (TextCatBOW.v3) or "cnn" (TextCatReduce.v1 over a
    # small hashed-embedding CNN: subword features, no pretrained vectors)


DEFAULT_TRAINING = Training()


def read_examples(path: str | Path) -> list[GateExample]:
    """Examples from a JSONL file, one ``{"text", "label", "group", "source"}`` object a
    line; raises ConfigError (E232) on a line that is not one."""
    examples: list[GateExample] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                examples.append(GateExample(str(row["text"]), bool(row["label"]),
                                            str(row["group"]), str(row.get("source", "gold"))))
            except (ValueError, KeyError, TypeError) as exc:
                raise Errors.GATE_EXAMPLE(where=f"{path}:{number}", detail=exc) from exc
    return examples


def write_examples(examples: Iterable[GateExample], path: str | Path) -> None:
    with Path(path).open("w", encoding="utf-8") as handle:
        for example in examples:
            handle.write(json.dumps(example._asdict(), ensure_ascii=False) + "\n")


def fit(examples: Sequence[GateExample], training: Training = DEFAULT_TRAINING) -> Language:
    """A blank English pipeline with one bag-of-n-grams ``textcat_multilabel`` fitted on
    ``examples`` with spaCy's own training loop, seeded."""
    if not examples:
        raise Errors.GATE_NO_EXAMPLES()
    fix_random_seed(training.seed)
    nlp = spacy.blank("en")
    model = model_config(training.architecture)
    textcat: Any = nlp.add_pipe("textcat_multilabel", config={"model": model})
    textcat.add_label(LABEL)
    data = [
        SpacyExample.from_dict(nlp.make_doc(e.text), {"cats": {LABEL: float(e.label)}})
        for e in examples
    ]
    optimizer = nlp.initialize(lambda: data)
    order = random.Random(training.seed)
    for _ in range(training.epochs):
        shuffled = list(data)
        order.shuffle(shuffled)
        for at in range(0, len(shuffled), training.batch_size):
            batch = shuffled[at : at + training.batch_size]
            nlp.update(batch, sgd=optimizer, drop=training.dropout)
    return nlp


def model_config(architecture: str) -> dict[str, Any]:
    """The textcat model of an architecture name (``Training.architecture``)."""
    if architecture == "bow":
        return {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": False,
            "ngram_size": NGRAM_SIZE,
            "no_output_layer": False,
            "length": HASH_LENGTH,
        }
    if architecture in ("cnn", "cnn-small"):
        small = architecture == "cnn-small"  # half the cost a fact (docs/extraction.md)
        return {
            "@architectures": "spacy.TextCatReduce.v1",
            "exclusive_classes": False,
            "use_reduce_first": False,
            "use_reduce_last": False,
            "use_reduce_max": True,
            "use_reduce_mean": True,
            "tok2vec": {
                "@architectures": "spacy.HashEmbedCNN.v2",
                "pretrained_vectors": None,
                "width": 32 if small else 64,
                "depth": 1 if small else 2,
                "embed_size": 2000,
                "window_size": 1,
                "maxout_pieces": 2 if small else 3,
                "subword_features": True,
            },
        }
    raise Errors.GATE_ARCHITECTURE(architecture=architecture)


def folds_of(examples: Sequence[GateExample], folds: int, seed: int) -> list[int]:
    """Each example's fold: the groups, sorted and shuffled with ``seed``, dealt in turn."""
    groups = sorted({e.group for e in examples})
    random.Random(seed).shuffle(groups)
    fold_of = {group: index % folds for index, group in enumerate(groups)}
    return [fold_of[e.group] for e in examples]


def cross_validated_scores(
    examples: Sequence[GateExample], training: Training = DEFAULT_TRAINING
) -> list[float]:
    """Each example's score from a model fitted on the other folds."""
    fold = folds_of(examples, training.folds, training.seed)
    scores = [0.0] * len(examples)
    for k in range(training.folds):
        train = [e for e, f in zip(examples, fold, strict=True) if f != k]
        held = [i for i, f in enumerate(fold) if f == k]
        if not held or not train:
            continue
        gate = TradeGate(fit(train, training), 0.5)
        for i, score in zip(held, gate.scores(examples[i].text for i in held), strict=True):
            scores[i] = score
    return scores


def pick_threshold(
    examples: Sequence[GateExample], scores: Sequence[float], training: Training = DEFAULT_TRAINING
) -> float:
    """The highest threshold (a score itself, rounded down to 0.001) that keeps at least
    ``min_recall`` of the ``recall_source`` positives; 0.0 if there are none."""
    positives = sorted(
        s for e, s in zip(examples, scores, strict=True)
        if e.label and e.source == training.recall_source
    )
    if not positives:
        return 0.0
    may_lose = int(len(positives) * (1 - training.min_recall))
    return int(positives[may_lose] * 1000) / 1000


def summary(
    examples: Sequence[GateExample], scores: Sequence[float], threshold: float
) -> dict[str, Any]:
    """Counts of the cross-validated decisions at ``threshold``, by label source."""
    out: dict[str, Any] = {}
    for source in sorted({e.source for e in examples}):
        part = [(e.label, s >= threshold) for e, s in zip(examples, scores, strict=True)
                if e.source == source]
        out[source] = {
            "examples": len(part),
            "positives": sum(label for label, _ in part),
            "positives kept": sum(label and kept for label, kept in part),
            "negatives dropped": sum(not label and not kept for label, kept in part),
        }
    return out


def train_gate(examples: Sequence[GateExample], training: Training = DEFAULT_TRAINING,
               scores_to: Path | None = None) -> TradeGate:
    """The threshold by cross-validation, then the model fitted on all examples;
    ``scores_to`` gets each example with its cross-validated score (JSONL)."""
    scores = cross_validated_scores(examples, training)
    if scores_to is not None:
        with scores_to.open("w", encoding="utf-8") as handle:
            for example, score in zip(examples, scores, strict=True):
                handle.write(json.dumps({**example._asdict(), "score": score}) + "\n")
    threshold = pick_threshold(examples, scores, training)
    info = {
        "training": training._asdict(),
        "examples": len(examples),
        "cross_validation": summary(examples, scores, threshold),
        "model": model_config(training.architecture),
    }
    return TradeGate(fit(examples, training), threshold, info)

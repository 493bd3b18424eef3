"""Scoring system facts against gold facts, as ``SCHEMA.md`` defines it.

A system fact matches a gold fact of the same document where indicator, reporter, partner
and canonical period are equal and the value agrees within 0.1 % (sign included); each
gold fact matches at most one system fact. Facts whose modality is not ``actual`` are
left out. On matched pairs the remaining fields are scored as attribute accuracy.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfacts.errors import Errors
from newsfacts.extractor import Extractor
from newsfacts.ingest import read_paths
from newsfacts.schema import GOLD_FIELDS, ErrorRecord

MATCH_FIELDS: tuple[str, ...] = ("indicator", "reporter", "partner", "period")
# every other SCHEMA.md field, but the value (matched) and the evidence (any span will do)
ATTRIBUTE_FIELDS: tuple[str, ...] = tuple(
    name for name in GOLD_FIELDS if name not in {"doc_id", *MATCH_FIELDS, "value", "evidence"}
)
VALUE_TOLERANCE = 0.001
_RUN = re.compile(r"^(\d{4})-(\d\d)/(\d{4})-(\d\d)$")
_HELD_OUT = re.compile(r"^(?:reuters|news2)-\d*[05]$")


def is_held_out(doc_id: str) -> bool:
    """The held-out fold of the shared gold sets, kept out of tuning and read only as counts:
    Reuters stories whose number ends in 0 or 5 and the news-dev2 articles 05, 10, 15, 20, 25."""
    return bool(_HELD_OUT.match(doc_id))


def canonical_period(period: str | None) -> str | None:
    """A run of months that is exactly a quarter or calendar year is named as that."""
    if period is None:
        return None
    match = _RUN.match(period)
    if not match:
        return period
    y1, m1, y2, m2 = (int(part) for part in match.groups())
    if y1 == y2 and m1 == 1 and m2 == 12:
        return f"{y1}"
    if y1 == y2 and m1 % 3 == 1 and m2 == m1 + 2:
        return f"{y1}-Q{m2 // 3}"
    if (y1, m1) == (y2, m2):
        return f"{y1}-{m1:02d}"
    return period


def read_gold(path: str | Path) -> tuple[list[dict[str, Any]], set[str]]:
    """Gold facts and the ids of every document the file accounts for."""
    facts: list[dict[str, Any]] = []
    docs: set[str] = set()
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise Errors.GOLD_NOT_UTF8(path=path, start=exc.start, reason=exc.reason) from None
    except OSError as exc:
        raise Errors.GOLD_UNREADABLE(path=path, strerror=exc.strerror or exc) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise Errors.GOLD_NOT_JSON(path=path, number=number, msg=exc.msg) from exc
        if not isinstance(record, dict) or "doc_id" not in record:
            raise Errors.GOLD_NO_DOC_ID(path=path, number=number)
        docs.add(str(record["doc_id"]))
        if record.get("no_facts"):
            continue
        missing = {*MATCH_FIELDS, "value"} - record.keys()
        if missing:
            raise Errors.GOLD_MISSING_FIELD(path=path, number=number, missing=sorted(missing))
        facts.append(record)
    return facts, docs


def _values_agree(system: float, gold: float) -> bool:
    if gold == 0:
        return system == 0
    return abs(system - gold) <= abs(gold) * VALUE_TOLERANCE


def _same(field_name: str, system: Any, gold: Any) -> bool:
    if field_name in ("change_pct", "previous_value"):
        if system is None or gold is None:
            return system is None and gold is None
        return _values_agree(float(system), float(gold))
    if field_name == "previous_period":
        return canonical_period(system) == canonical_period(gold)
    if field_name == "qualifiers":
        return sorted(system or []) == sorted(gold or [])
    return bool(system == gold)


def _matches(system: dict[str, Any], gold: dict[str, Any]) -> bool:
    if system["doc_id"] != gold["doc_id"]:
        return False
    for name in ("indicator", "reporter", "partner"):
        if system[name] != gold[name]:
            return False
    if canonical_period(system["period"]) != canonical_period(gold["period"]):
        return False
    return _values_agree(float(system["value"]), float(gold["value"]))


@dataclass
class Counts:
    true_positives: int = 0
    system: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.true_positives,
            "system": self.system,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Evaluation:
    overall: Counts = field(default_factory=Counts)
    by_indicator: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    attribute_hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    attribute_errors: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    """ErrorRecords of the gold's documents that could not be read or processed: their gold
    facts count as missed (set by ``evaluate_documents``)."""

    @property
    def attribute_accuracy(self) -> float:
        pairs = self.overall.true_positives * len(ATTRIBUTE_FIELDS)
        return sum(self.attribute_hits.values()) / pairs if pairs else 0.0

    def summary(self) -> dict[str, Any]:
        tp = self.overall.true_positives
        return {
            "overall": self.overall.as_dict(),
            "by_indicator": {k: v.as_dict() for k, v in sorted(self.by_indicator.items())},
            "attribute_accuracy": round(self.attribute_accuracy, 4),
            "attribute_accuracy_by_field": {
                name: round(self.attribute_hits[name] / tp, 4) if tp else 0.0
                for name in ATTRIBUTE_FIELDS
            },
        }


def evaluate(
    system_facts: Iterable[dict[str, Any]], gold_facts: list[dict[str, Any]], gold_docs: set[str]
) -> Evaluation:
    """Score facts (gold-format dicts, plus optional ``modality``) on the gold's documents."""
    result = Evaluation()
    system = [
        f
        for f in system_facts
        if f["doc_id"] in gold_docs and f.get("modality", "actual") == "actual"
    ]
    unmatched_gold = list(gold_facts)
    for fact in system:
        result.overall.system += 1
        result.by_indicator[fact["indicator"]].system += 1
    for gold in gold_facts:
        result.overall.gold += 1
        result.by_indicator[gold["indicator"]].gold += 1
    used: set[int] = set()
    for gold in gold_facts:
        candidates = [i for i, fact in enumerate(system) if i not in used and _matches(fact, gold)]
        if not candidates:
            continue
        index = min(candidates, key=lambda i: abs(float(system[i]["value"]) - float(gold["value"])))
        used.add(index)
        unmatched_gold.remove(gold)
        result.overall.true_positives += 1
        result.by_indicator[gold["indicator"]].true_positives += 1
        for name in ATTRIBUTE_FIELDS:
            if _same(name, system[index].get(name), gold.get(name)):
                result.attribute_hits[name] += 1
            else:
                result.attribute_errors.append(
                    {
                        "doc_id": gold["doc_id"],
                        "field": name,
                        "system": system[index].get(name),
                        "gold": gold.get(name),
                        "evidence": gold.get("evidence"),
                    }
                )
    result.missed = unmatched_gold
    result.spurious = [fact for i, fact in enumerate(system) if i not in used]
    return result


def evaluate_documents(
    gold_path: str | Path, doc_paths: Iterable[str | Path], extractor: Extractor | None = None
) -> Evaluation:
    """Extract facts from ``doc_paths`` and score them against ``gold_path``."""
    gold_facts, gold_docs = read_gold(gold_path)
    runner = extractor or Extractor()
    system: list[dict[str, Any]] = []
    errors: list[ErrorRecord] = []
    for article, result in runner.extract_many(read_paths(doc_paths)):
        if isinstance(result, ErrorRecord):
            # a reading error has no document id to test; keep it, it may be a gold document
            if isinstance(article, ErrorRecord) or article.id in gold_docs:
                errors.append(result)
            continue
        if isinstance(article, ErrorRecord) or article.id not in gold_docs:
            continue
        for fact in result:
            system.append({**fact.to_gold(), "modality": fact.modality})
    evaluation = evaluate(system, gold_facts, gold_docs)
    evaluation.errors = errors
    return evaluation

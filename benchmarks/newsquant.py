"""Score newsfacts' money and percentage mentions on NewsQuant and the CQE currency set.

The data (``NewsQuant.json``, ``currency-model.json`` and the published ``*.scores.tsv``) come
from the CQE paper's evaluation set; see ``../shared/benchmarks/newsquant/README.md``. It is
read from ``--data`` (default ``<repo>/../shared/benchmarks/newsquant``) and never copied.

What is scored
--------------
Each sentence is run on its own through ``build_pipeline()`` (blank English, the facts
component disabled) and ``extract_quantities`` turns the ``nf_mentions`` MONEY / PERCENT /
POINTS spans into predictions. A prediction matches a gold quantity of the same sentence when

- the values agree: ``|p - g| <= 1e-6 * max(|p|, |g|)`` after scale words (the gold values
  are already scaled: "7.5 million" = 7500000);
- the units agree: our unit is mapped to the set's ``normalized_unit`` names by
  ``UNIT_NAMES`` below. A money span's ISO code maps directly; a currency family maps through
  ``resolve_family`` with no reporter, so a bare "$"/"dollars" counts as the US dollar (the
  library itself leaves it as the family ``dollar``; its rule layer resolves it by context).
  Percent maps to ``percentage``; percentage points to ``percentage point``; a scaled number
  with no written currency ("354.8 billion") to the set's ``-`` (no unit).

Each gold quantity matches at most one prediction (greedy, in text order).

The money + percentage subset (the figures the targets are set on)
-----------------------------------------------------------------
A gold quantity belongs to it when its ``normalized_unit`` is ``percentage`` or one of the
whole-currency names in ``UNIT_NAMES`` (dollar, euro, japanese yen, pound sterling, chinese
yuan, australian dollar, ...). Outside it: sub-units (cent, penny, sen, satoshi),
crypto-currencies (bitcoin), rates ("dollar per share", "percentage per year") and every
other unit. Rules of the subset scoring, applied to every system alike:

- a prediction whose unit falls outside the subset is not counted (quantulum3's
  "dollar per share", our percentage points, our money with no written currency);
- a prediction that matches by value a gold quantity whose unit is money- or percent-like
  but outside the subset (``dollar per share``, ``cent``, ``percentage per year``) is neither
  right nor wrong: it is left out (``ignored`` in the output). The output also gives the F1
  with those counted wrong (``strict_f1``): newsfacts has no notion of rates, so "$52 a
  barrel" is a plain $52 to it;
- ranges: a gold range "a-b" is matched by a prediction of either end; the other end, if
  predicted too, is left out. A predicted range counts as its two ends.

On "all quantities" no subset is taken: every gold quantity counts, and every money /
percentage prediction is scored, so our recall is capped by what is not money or percent.
That is the basis of the published figures (CQE, quantulum3 ...), shown beside ours.

quantulum3 is measured in the same run on the same subset when it is importable; its unit
names are compared as they are, except the aliases in ``QUANTULUM_ALIASES`` ("per cent" is
its name for a percentage). Its output varies with ``PYTHONHASHSEED``; the script re-runs
itself with ``--hash-seed`` (default 0) unless the variable is already set, and prints the
seed.

Usage::

    python benchmarks/newsquant.py [--data DIR] [--json OUT] [--misses N] [--no-quantulum]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfacts.mentions.money import currency_families, resolve_family
from newsfacts.mentions.quantities import Quantity, extract_quantities
from newsfacts.pipeline import build_pipeline

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "benchmarks" / "newsquant"
SETS: tuple[tuple[str, str], ...] = (
    ("newsquant", "NewsQuant.json"),
    ("currency", "currency-model.json"),
)
PUBLISHED_FILES: dict[str, str] = {
    "newsquant": "NewsQuant.scores.tsv",
    "currency": "currency-model.scores.tsv",
}
REL_TOLERANCE = 1e-6

# Our unit (ISO 4217 code, 'percent', 'points') → the set's normalized_unit names.
UNIT_NAMES: dict[str, tuple[str, ...]] = {
    "percent": ("percentage",),
    "points": ("percentage point",),
    "USD": ("dollar", "united states dollar"),
    "AUD": ("australian dollar",),
    "CAD": ("canadian dollar",),
    "HKD": ("hong kong dollar",),
    "NZD": ("new zealand dollar",),
    "SGD": ("singaporean dollar", "singapore dollar"),
    "TWD": ("new taiwan dollar",),
    "EUR": ("euro",),
    "GBP": ("pound sterling",),
    "JPY": ("japanese yen",),
    "CNY": ("chinese yuan",),
    "ILS": ("shekel",),
    "MYR": ("malaysian ringgit",),
    "DKK": ("danish krone",),
    "SEK": ("swedish krona",),
    "NOK": ("norwegian krone",),
    "INR": ("indian rupee", "rupee"),
    "PKR": ("pakistani rupee", "rupee"),
    "LKR": ("sri lankan rupee", "rupee"),
    "HRK": ("croatian kuna",),
    "ZAR": ("south african rand",),
    "CHF": ("swiss franc",),
    "FRF": ("french franc",),
    "TRY": ("turkish lira",),
    "MXN": ("mexican peso",),
    "FIM": ("finnish markka",),
    "ESP": ("peseta",),
    "NLG": ("netherlands guilde", "netherlands guilder"),
    "DEM": ("mark",),
    "CRC": ("costa rican colón",),
    "GEL": ("georgian lari",),
    "LAK": ("lao kip",),
    "KRW": ("south korean won",),
    "RUB": ("russian ruble",),
    "BRL": ("brazilian real",),
}
SUBSET_UNITS: frozenset[str] = frozenset(
    name for code, names in UNIT_NAMES.items() if code != "points" for name in names
)
CURRENCY_WORDS: frozenset[str] = frozenset(
    name for code, names in UNIT_NAMES.items() if code not in ("percent", "points")
    for name in names
)
# quantulum3's names that mean a subset unit under another name (it calls "7 per cent" "per cent").
QUANTULUM_ALIASES: dict[str, str] = {"per cent": "percentage", "united states dollar": "dollar"}
MONEY_LIKE_WORDS: tuple[str, ...] = ("cent", "penny", "pence", "sen", "satoshi", "bitcoin")
_RANGE = re.compile(r"^\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*-\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*$")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Gold:
    low: float
    high: float
    unit: str

    @property
    def is_range(self) -> bool:
        return self.low != self.high


@dataclass(frozen=True)
class Prediction:
    value: float
    unit_names: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Sentence:
    text: str
    quantities: tuple[Gold, ...]


def parse_gold_value(raw: str) -> tuple[float, float] | None:
    """'7.5' → (7.5, 7.5); '62.0-68.0' → (62, 68); '-1.3' → (-1.3, -1.3); junk → None."""
    text = str(raw).strip()
    try:
        number = float(text)
    except ValueError:
        match = _RANGE.match(text)
        if not match:
            return None
        try:
            return float(match.group(1)), float(match.group(2))
        except ValueError:
            return None
    return (number, number) if math.isfinite(number) else None


def read_set(path: Path) -> list[Sentence]:
    data = json.loads(path.read_text(encoding="utf-8"))
    sentences: list[Sentence] = []
    for item in data:
        golds: list[Gold] = []
        for quantity in item["quantities"]:
            bounds = parse_gold_value(quantity["value"])
            if bounds is not None:
                golds.append(Gold(bounds[0], bounds[1], str(quantity["normalized_unit"])))
        sentences.append(Sentence(item["text"], tuple(golds)))
    return sentences


def read_published(path: Path, kind: str = "value+unit") -> dict[str, tuple[float, float, float]]:
    """The published P/R/F1 of each model on ``kind`` from a ``*.scores.tsv`` file."""
    if not path.exists():
        return {}
    scores: dict[str, tuple[float, float, float]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row.get("type") == kind:
                scores[row["model"]] = (float(row["P"]), float(row["R"]), float(row["F1"]))
    return scores


# --------------------------------------------------------------------------- units


def in_subset(unit: str) -> bool:
    return unit in SUBSET_UNITS


def money_like(unit: str) -> bool:
    """Outside the subset, but a money or percent figure all the same ('dollar per share')."""
    if unit in SUBSET_UNITS:
        return False
    head = unit.split(" per ", 1)[0]
    return head in SUBSET_UNITS or any(head.startswith(word) for word in MONEY_LIKE_WORDS)


def our_unit_names(quantity: Quantity) -> tuple[str, ...]:
    """The set's names for a newsfacts quantity's unit; '-' (no unit) where no currency is."""
    unit = quantity.unit
    if unit is None:
        return ("-",)
    if unit in currency_families():
        unit = resolve_family(unit, None)
    return UNIT_NAMES.get(unit, (unit.lower(),))


def ends(value: float, upper: float | None) -> tuple[float, ...]:
    return (value,) if upper is None or upper == value else (value, upper)


# --------------------------------------------------------------------------- scoring


def values_agree(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= REL_TOLERANCE * max(abs(a), abs(b))


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    ignored: int = 0
    ignored_rates: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    left_out: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return 100 * self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100 * self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_f1(self) -> float:
        """F1 with the predictions left out for a money-like gold unit counted as wrong."""
        predicted = self.predicted + self.ignored_rates
        p = 100 * self.tp / predicted if predicted else 0.0
        r = self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 1), "recall": round(self.recall, 1),
                "f1": round(self.f1, 1), "tp": self.tp, "predicted": self.predicted,
                "gold": self.gold, "ignored": self.ignored,
                "ignored_for_rates": self.ignored_rates, "strict_f1": round(self.strict_f1, 1)}


def _gold_hit(gold: Gold, value: float) -> bool:
    return values_agree(gold.low, value) or values_agree(gold.high, value)


def score_sentence(score: Score, sentence: Sentence, predictions: Sequence[Prediction],
                   subset: bool) -> None:
    """Add one sentence's matches to ``score`` (see the module doc for the rules)."""
    golds = [g for g in sentence.quantities if in_subset(g.unit)] if subset else list(
        sentence.quantities)
    dont_care = [g for g in sentence.quantities if money_like(g.unit)] if subset else []
    score.gold += len(golds)
    matched: dict[int, Prediction] = {}
    for prediction in predictions:
        if subset and not any(in_subset(name) for name in prediction.unit_names):
            continue
        hit = next((i for i, g in enumerate(golds) if i not in matched
                    and g.unit in prediction.unit_names and _gold_hit(g, prediction.value)), None)
        if hit is not None:
            matched[hit] = prediction
            score.tp += 1
            score.predicted += 1
            continue
        absorbed = any(golds[i].is_range and golds[i].unit in prediction.unit_names
                       and _gold_hit(golds[i], prediction.value) for i in matched)
        if subset and (absorbed or any(_gold_hit(g, prediction.value) for g in dont_care)):
            score.ignored += 1
            score.ignored_rates += 0 if absorbed else 1
            score.left_out.append({"sentence": sentence.text, "text": prediction.text,
                                   "value": prediction.value, "absorbed": absorbed})
            continue
        score.predicted += 1
        score.false_alarms.append({"sentence": sentence.text, "text": prediction.text,
                                   "value": prediction.value,
                                   "unit": prediction.unit_names[:1]})
    for i, gold in enumerate(golds):
        if i not in matched:
            score.misses.append({"sentence": sentence.text, "value": gold.low
                                 if not gold.is_range else [gold.low, gold.high],
                                 "unit": gold.unit})


# --------------------------------------------------------------------------- systems

Predictor = Callable[[Sequence[str]], list[list[Prediction]]]


def newsfacts_predictor() -> Predictor:
    nlp = build_pipeline()
    disabled = [name for name in ("newsfacts_facts",) if nlp.has_pipe(name)]

    def predict(texts: Sequence[str]) -> list[list[Prediction]]:
        out: list[list[Prediction]] = []
        with nlp.select_pipes(disable=disabled):
            for doc in nlp.pipe(texts):
                predictions: list[Prediction] = []
                for quantity in extract_quantities(doc):
                    names = our_unit_names(quantity)
                    both = ends(float(quantity.value),
                                None if quantity.range_end is None else float(quantity.range_end))
                    predictions.extend(Prediction(v, names, quantity.text) for v in both)
                out.append(predictions)
        return out

    return predict


def quantulum_predictor() -> Predictor | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None

    def predict(texts: Sequence[str]) -> list[list[Prediction]]:
        out: list[list[Prediction]] = []
        for text in texts:
            predictions: list[Prediction] = []
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    found = parser.parse(text)
                except Exception:  # quantulum3 raises on some odd inputs; count as none
                    found = []
            for quantity in found:
                name = str(quantity.unit.name)
                name = QUANTULUM_ALIASES.get(name, name)
                value = float(quantity.value)
                spread = getattr(quantity, "uncertainty", None)
                both = (value,) if not spread else (value - float(spread), value + float(spread))
                predictions.extend(Prediction(v, (name,), str(quantity.surface)) for v in both)
            out.append(predictions)
        return out

    return predict


# --------------------------------------------------------------------------- run


@dataclass
class SystemRun:
    name: str
    seconds: float
    predictions: dict[str, list[list[Prediction]]]


def run_system(name: str, predictor: Predictor,
               data: dict[str, list[Sentence]]) -> SystemRun:
    started = time.perf_counter()
    predictions = {key: predictor([s.text for s in sentences]) for key, sentences in data.items()}
    return SystemRun(name, time.perf_counter() - started, predictions)


def score_run(run: SystemRun, sentences: Iterable[Sentence], key: str, subset: bool) -> Score:
    score = Score()
    for sentence, predictions in zip(sentences, run.predictions[key], strict=True):
        score_sentence(score, sentence, predictions, subset)
    return score


def format_row(label: str, system: str, p: float, r: float, f1: float, extra: str = "") -> str:
    return f"{label:<34} {system:<26} {p:6.1f} {r:6.1f} {f1:6.1f}  {extra}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else "")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"folder with NewsQuant.json etc. (default {DEFAULT_DATA})")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--misses", type=int, default=0, metavar="N",
                        help="print up to N misses and N false alarms of newsfacts per set")
    parser.add_argument("--no-quantulum", action="store_true", help="do not run quantulum3")
    parser.add_argument("--hash-seed", default="0",
                        help="PYTHONHASHSEED to re-run with when unset (quantulum3 depends on it)")
    args = parser.parse_args(argv)

    if not args.no_quantulum and "PYTHONHASHSEED" not in os.environ and argv is None:
        env = {**os.environ, "PYTHONHASHSEED": str(args.hash_seed)}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)

    data: dict[str, list[Sentence]] = {}
    for key, filename in SETS:
        path = args.data / filename
        if not path.exists():
            print(f"error: {path} not found (use --data DIR)", file=sys.stderr)
            return 2
        data[key] = read_set(path)

    runs = [run_system("newsfacts", newsfacts_predictor(), data)]
    quantulum = None if args.no_quantulum else quantulum_predictor()
    if quantulum is not None:
        runs.append(run_system("quantulum3", quantulum, data))
    elif not args.no_quantulum:
        print("note: quantulum3 is not importable; it is left out", file=sys.stderr)

    report: dict[str, Any] = {"hash_seed": os.environ.get("PYTHONHASHSEED"), "sets": {}}
    lines = [format_row("set (gold quantities)", "system", 0, 0, 0).replace(
        "   0.0    0.0    0.0", "      P      R     F1")]
    for key, _ in SETS:
        sentences = data[key]
        published = read_published(args.data / PUBLISHED_FILES[key])
        entry: dict[str, Any] = {"sentences": len(sentences)}
        for subset in (True, False):
            scope = "money+percentage" if subset else "all quantities"
            scores = {run.name: score_run(run, sentences, key, subset) for run in runs}
            gold = next(iter(scores.values())).gold
            label = f"{key} {scope} ({gold})"
            entry[scope] = {name: s.as_dict() for name, s in scores.items()}
            for name, s in scores.items():
                extra = f"tp {s.tp}/{s.predicted} pred" + (
                    f", {s.ignored} left out ({s.ignored_rates} rates; F1 {s.strict_f1:.1f} "
                    "if those count wrong)" if subset else "")
                lines.append(format_row(label, f"{name} (measured)", s.precision, s.recall,
                                        s.f1, extra))
                label = ""
            if not subset:
                entry["published value+unit"] = {
                    model: dict(zip(("precision", "recall", "f1"), prf, strict=True))
                    for model, prf in published.items()}
                for model, (p, r, f1) in published.items():
                    lines.append(format_row("", f"{model} (published)", p, r, f1))
            if subset and args.misses:
                ours = scores["newsfacts"]
                print(f"\n== {key} {scope}: newsfacts misses ({len(ours.misses)})")
                for miss in ours.misses[: args.misses]:
                    print(f"  MISS {miss['value']} {miss['unit']!r}: {miss['sentence'][:200]}")
                print(f"== {key} {scope}: newsfacts false alarms ({len(ours.false_alarms)})")
                for alarm in ours.false_alarms[: args.misses]:
                    print(f"  FA {alarm['text']!r} → {alarm['value']} {alarm['unit']}: "
                          f"{alarm['sentence'][:200]}")
                print(f"== {key} {scope}: newsfacts left out ({len(ours.left_out)})")
                for item in ours.left_out[: args.misses]:
                    print(f"  LEFT {item['text']!r} → {item['value']} "
                          f"{'(range end)' if item['absorbed'] else ''}: "
                          f"{item['sentence'][:160]}")
        report["sets"][key] = entry
    report["seconds"] = {run.name: round(run.seconds, 2) for run in runs}

    print()
    print("\n".join(lines))
    print(f"\nseconds: {report['seconds']}  PYTHONHASHSEED={report['hash_seed']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

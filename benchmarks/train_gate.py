"""Train the trade gate (newsfacts/facts/gate.py) from ../shared alone, and evaluate it.

    python benchmarks/train_gate.py                      # collect, train, write the model
    python benchmarks/train_gate.py --judged /work/archive-judgements   # and evaluate

Examples are the candidate facts the rule layer makes (the pipeline without its gate):

1. gold: every fact of the tuning part of seed, dev, dev2, news-dev and news-dev2 (the
   held-out fold, ``newsfacts.evaluate.is_held_out``, is never read) and of the project
   corpus (corpus/, written for the project), and every other money mention in a sentence
   with an indicator cue there, as if it made a fact of that indicator: a trade fact if its
   value matches the value of a gold fact of the same story within 0.1 %, sign ignored (a
   trade figure even where a key is wrong), not one otherwise;
2. weak: the facts of Reuters-21578 stories outside the 602 trade stories whose TOPICS are
   not empty and name no macro-economic subject (``MACRO_TOPICS``: trade, bop, gnp,
   money-fx, reserves, … stories do report trade figures), only company (earn, acq) or
   commodity labels: not trade facts. Only stories with an even NEWID give weak labels;
   the odd ones stay unseen, so an archive sample can be scored on each half. The stories
   of the archive samples judged before the gate (``gate_excluded.txt``) are never trained
   on.

The examples (Reuters text) are written outside the repository (``--work``); the model and
its threshold (``newsfacts.facts.gate_train.train_gate``) go to ``--output`` (the package's
``newsfacts/facts/gate_model`` by default). ``--judged DIR`` then scores the judged archive
samples (``DIR/*.jsonl``, see benchmarks/archive.py), matched to candidates by doc id and
evidence start: the gate's precision and recall there, and the archive precision with and
without it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, get_args

from accuracy import SETS
from archive import DISTRIBUTION, JUDGEMENTS, TRADE_STORIES, sgml_files, story_labels, trade_ids
from spacy.tokens import Doc

from newsfacts.evaluate import is_held_out, read_gold
from newsfacts.extractor import Extractor
from newsfacts.facts.clauses import INDICATOR, MONEY, read_cues
from newsfacts.facts.explain import explain_doc
from newsfacts.facts.gate import PACKAGE_MODEL, TradeGate, doc_title, fact_texts, gate_text
from newsfacts.facts.gate_train import (
    GateExample,
    Training,
    read_examples,
    train_gate,
    write_examples,
)
from newsfacts.facts.rules import RULES
from newsfacts.ingest import read_paths, read_reuters_sgml
from newsfacts.mentions.component import SPANS_KEY
from newsfacts.schema import Article, ErrorRecord, Indicator, Money, TradeFact
from newsfacts.settings import Settings

GOLD_SETS = ("seed", "dev", "dev2", "news-dev", "news-dev2", "corpus")
MACRO_TOPICS = frozenset({
    "trade", "bop", "gnp", "money-fx", "reserves", "interest", "money-supply", "cpi", "wpi",
    "ipi", "jobs", "income", "retail", "housing", "lei", "instal-debt", "dlr", "yen", "dmk",
    "stg", "can", "austdlr", "nzdlr", "saudriyal", "rand", "lit", "dfl", "sfr", "ffr", "bfr",
    "drachma", "escudo", "peseta", "krone", "rupiah", "ringgit", "skr", "hk", "cruzado",
    "austral", "inventories", "capacity", "cpu",
})
TOLERANCE = 0.001
EXCLUDED = Path(__file__).with_name("gate_excluded.txt")
INDICATORS = frozenset(get_args(Indicator))


Candidate = tuple[str, float | None, str]  # gate text, value, kind ("fact", "mention", or
# "mention:" and the id of the rule that dropped it)
SUBJECT_DROPS = frozenset(RULES.ids[key] for key in (
    "drop.organisation", "drop.not-trade", "drop.product-trade"))


def candidates(
    extractor: Extractor, articles: Iterable[Article | ErrorRecord], batch: int = 64
) -> Iterator[tuple[Article, list[TradeFact], list[Candidate]]]:
    """Each article with the facts of the rule layer (no gate) and the examples it gives:
    each fact (kind ``fact``: its gate text and value), and each other money mention in a
    sentence with an indicator cue (kind ``mention``: the text as if it made a fact of the
    nearest such cue's indicator, and its value)."""
    components = [(n, c) for n, c in extractor.nlp.pipeline if n != "newsfacts_gate"]
    pending: list[Article] = []

    def run(chunk: list[Article]) -> Iterator[tuple[Article, list[TradeFact], list[Candidate]]]:
        docs: list[Doc] = [extractor.make_doc(a) for a in chunk]
        for _, component in components:
            pipe = getattr(component, "pipe", None)
            docs = list(pipe(docs)) if pipe else [component(d) for d in docs]
        for article, doc in zip(chunk, docs, strict=True):
            facts = list(doc._.nf_facts or [])
            found: list[Candidate] = [
                (text, float(fact.value), "fact")
                for fact, text in zip(facts, fact_texts(doc, facts), strict=True)
            ]
            yield article, facts, found + mention_candidates(doc, facts)

    for article in articles:
        if isinstance(article, Article):
            pending.append(article)
        if len(pending) >= batch:
            yield from run(pending)
            pending = []
    if pending:
        yield from run(pending)


def mention_candidates(doc: Doc, facts: list[TradeFact]) -> list[Candidate]:
    """The money mentions outside every fact's evidence, in a sentence with an indicator."""
    cues = read_cues(doc, SPANS_KEY)
    dropped_by = {o.start_char: o.rule_id for o in explain_doc(doc) if o.rule_id}
    source: str = doc._.nf_text or doc.text
    title = doc_title(doc)
    found: list[Candidate] = []
    for cue in cues:
        if cue.kind != MONEY or not isinstance(cue.value, Money):
            continue
        start, end = cue.span.start_char, cue.span.end_char
        if any(f.evidence_start <= start and end <= f.evidence_end for f in facts):
            continue
        sentence = cue.span.sent
        indicators = [c for c in cues if c.kind == INDICATOR
                      and c.detail.split(".")[0] in INDICATORS
                      and sentence.start <= c.start < sentence.end]
        if not indicators:
            continue
        nearest = min(indicators, key=lambda c: abs(c.start - cue.start))
        text = source[sentence.start_char:sentence.end_char]
        amount = (start - sentence.start_char, end - sentence.start_char)
        indicator = nearest.detail.split(".")[0]
        rule = dropped_by.get(start)
        kind = f"mention:{rule}" if rule in SUBJECT_DROPS else "mention"
        found.append((gate_text(title, text, amount, indicator), float(cue.value.value), kind))
    return found


def matches_gold(value: float, gold_values: list[float]) -> bool:
    return any(abs(abs(value) - abs(g)) <= TOLERANCE * abs(g) for g in gold_values)


def gold_examples(extractor: Extractor) -> list[GateExample]:
    examples: list[GateExample] = []
    for gold_set in SETS:
        if gold_set.name not in GOLD_SETS:
            continue
        gold_facts, gold_docs = read_gold(gold_set.gold)
        values: dict[str, list[float]] = {}
        for g in gold_facts:
            values.setdefault(g["doc_id"], []).append(float(g["value"]))
        wanted = {d for d in gold_docs if not is_held_out(d)}
        articles = (a for a in read_paths([gold_set.docs])
                    if isinstance(a, Article) and a.id in wanted)
        for article, _, found in candidates(extractor, articles):
            for text, value, kind in found:
                label = value is not None and matches_gold(value, values.get(article.id, []))
                examples.append(GateExample(text, label, article.id, f"gold-{kind}"))
    return examples


def reuters_candidates(extractor: Extractor, corpus: Path, trade: Path) -> list[dict[str, Any]]:
    """The candidates of the Reuters-21578 stories that are in no gold file and not in the
    held-out fold, with their texts, TOPICS and whether the story is a trade story."""
    files = sgml_files(corpus)
    labels = story_labels(files)
    inside = trade_ids(trade)
    gold_docs = set().union(*(read_gold(s.gold)[1] for s in SETS if s.name in GOLD_SETS))
    rows: list[dict[str, Any]] = []
    articles = (a for f in files for a in read_reuters_sgml(f) if isinstance(a, Article)
                and a.id not in gold_docs and not (a.id in inside and is_held_out(a.id)))
    for article, facts, found in candidates(extractor, articles):
        topics = labels.get(article.id, {}).get("topics", [])
        starts = [fact.evidence_start for fact in facts] + [None] * (len(found) - len(facts))
        for start, (text, _, kind) in zip(starts, found, strict=True):
            rows.append({"doc_id": article.id, "evidence_start": start, "kind": kind,
                         "topics": topics, "text": text, "trade_story": article.id in inside})
    return rows


def weak_examples(rows: list[dict[str, Any]], judged_docs: set[str]) -> list[GateExample]:
    examples: list[GateExample] = []
    for row in rows:
        newid = int(row["doc_id"].rsplit("-", 1)[1])
        topics = set(row["topics"])
        if row["trade_story"]:
            if row["kind"] == "fact":
                examples.append(GateExample(row["text"], True, row["doc_id"], "weak-trade"))
            continue
        if newid % 2 or row["doc_id"] in judged_docs:
            continue
        if topics and not topics & MACRO_TOPICS:
            source = "weak-topics"
        elif row["kind"].startswith("mention:"):
            source = "weak-rule"
        else:
            continue
        examples.append(GateExample(row["text"], False, row["doc_id"], source))
    return examples


def excluded_docs(path: Path | None = None) -> set[str]:
    """The doc ids of ``EXCLUDED``: the stories of the judged samples, never trained on."""
    lines = (path or EXCLUDED).read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def read_judged(folder: Path | None) -> list[dict[str, Any]]:
    """The rows of the samples in ``folder``, judged or not."""
    if folder is None:
        return []
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows += [dict(json.loads(line), file=path.name) for line in handle if line.strip()]
    return rows


def evaluate_judged(gate: TradeGate, judged: list[dict[str, Any]],
                    rows: list[dict[str, Any]]) -> None:
    """The gate on the judged archive samples: trade (correct or wrong_key) against
    not_trade, and each file's precision with and without the gate."""
    if not judged:
        return
    by_key = {(r["doc_id"], r["evidence_start"]): r["text"] for r in rows
              if r["kind"] == "fact"}
    matched: list[tuple[dict[str, Any], str]] = []
    for j in judged:
        text = by_key.get((j["doc_id"], j.get("evidence_start")))
        matched.append((j, text if text is not None else judged_text(j)))
    in_build = sum((j["doc_id"], j.get("evidence_start")) in by_key for j in judged)
    print(f"judged rows {len(judged)}; {in_build} are facts of this build (their text is "
          "this build's), the others' text is made from the judged row")
    scores = gate.scores(text for _, text in matched)
    counts: Counter[str] = Counter()
    per_file: dict[str, Counter[str]] = {}
    dropped_reasons: Counter[str] = Counter()
    for (judged_row, _), score in zip(matched, scores, strict=True):
        kept = score >= gate.threshold
        judgement = judged_row["judgement"]
        trade = judgement in ("correct", "wrong_key")
        counts[f"{'trade' if trade else 'not_trade'} {'kept' if kept else 'dropped'}"] += 1
        if not kept:
            dropped_reasons[judgement if trade else f"not_trade/{judged_row['reason']}"] += 1
        in_build = (judged_row["doc_id"], judged_row.get("evidence_start")) in by_key
        tally = per_file.setdefault(judged_row["file"], Counter())
        if in_build:
            _tally(per_file.setdefault("facts of this build", Counter()), judgement, kept)
        _tally(tally, judgement, kept)
    tp, fn = counts["not_trade dropped"], counts["not_trade kept"]
    fp = counts["trade dropped"]
    print(f"gate as a not-trade detector: precision {tp / max(tp + fp, 1):.3f} "
          f"({tp}/{tp + fp}), recall {tp / max(tp + fn, 1):.3f} ({tp}/{tp + fn})")
    print("  " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print("  dropped: " + ", ".join(f"{k} {v}" for k, v in dropped_reasons.most_common()))
    print(f"{'file':28} {'facts':>5} {'P before':>9} {'kept':>5} {'P after':>8}")
    total: Counter[str] = Counter()
    for name, tally in sorted(per_file.items()):
        if name != "facts of this build":
            total.update(tally)
        _file_line(name, tally)
    _file_line("all", total)


_NUMBER = re.compile(r"\d[\d,.]*(?:\s+(?:billion|mln|million|trillion|bln|pct))?", re.I)


def judged_text(row: dict[str, Any]) -> str:
    """The gate text of a judged fact that this build does not make: its amount is the first
    number of its evidence, found in its sentence."""
    sentence, evidence = row["sentence"], row["fact"]["evidence"]
    at = sentence.find(evidence)
    number = _NUMBER.search(evidence)
    amount = None
    if at >= 0 and number is not None:
        amount = (at + number.start(), at + number.end())
    return gate_text(row.get("title") or "", sentence, amount, row["fact"]["indicator"])


def _tally(tally: Counter[str], judgement: str, kept: bool) -> None:
    tally["facts"] += 1
    tally["correct"] += judgement == "correct"
    tally["kept"] += kept
    tally["correct kept"] += kept and judgement == "correct"


def _file_line(name: str, tally: Counter[str]) -> None:
    before = tally["correct"] / tally["facts"]
    after = tally["correct kept"] / max(tally["kept"], 1)
    print(f"{name:28} {tally['facts']:>5} {before:>9.3f} {tally['kept']:>5} {after:>8.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", default="/tmp/newsfacts-gate",
                        help="folder for the examples (outside the repository)")
    parser.add_argument("--output", default=str(PACKAGE_MODEL), help="the model's folder")
    parser.add_argument("--corpus", default=str(DISTRIBUTION))
    parser.add_argument("--trade", default=str(TRADE_STORIES))
    parser.add_argument("--judged", default=None, help="folder of judged archive samples")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the examples of --work instead of extracting again")
    parser.add_argument("--no-train", action="store_true", help="evaluate --output only")
    parser.add_argument("--architecture", default=Training().architecture,
                        help="cnn (the default), cnn-small or bow")
    args = parser.parse_args(argv)
    work = Path(args.work)
    root = Path(__file__).resolve().parents[1]
    if work.resolve().is_relative_to(root):
        sys.exit(f"{work}: write the examples outside the repository (they hold Reuters text)")
    work.mkdir(parents=True, exist_ok=True)
    judged = read_judged(Path(args.judged) if args.judged else None)
    judged_docs = excluded_docs()  # no sampled story is trained on
    if {row["doc_id"] for row in judged} - judged_docs:
        sys.exit(f"--judged has stories not in {EXCLUDED.name}: the examples would differ")
    judged = [row for row in judged if row.get("judgement") in JUDGEMENTS]
    started = time.perf_counter()
    outside_file = work / "reuters.jsonl"
    if args.reuse:
        gold = read_examples(work / "gold.jsonl")
        with outside_file.open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
    else:
        extractor = Extractor(settings=Settings(trade_gate=False))
        gold = gold_examples(extractor)
        write_examples(gold, work / "gold.jsonl")
        rows = reuters_candidates(extractor, Path(args.corpus), Path(args.trade))
        with outside_file.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    weak = weak_examples(rows, judged_docs)
    write_examples(weak, work / "weak.jsonl")
    print(f"examples: gold {len(gold)} ({sum(e.label for e in gold)} trade), weak {len(weak)} "
          f"({sum(e.label for e in weak)} trade), from {len(rows)} Reuters candidates "
          f"({time.perf_counter() - started:.0f} s)")
    if args.no_train:
        gate = TradeGate.load(args.output)
    else:
        training = Training(architecture=args.architecture)
        gate = train_gate([*gold, *weak], training, scores_to=work / "cv.jsonl")
        gate.save(args.output)
        print(f"threshold {gate.threshold} (cross-validated over stories)")
        print(json.dumps(gate.info["cross_validation"], indent=1))
        print(f"model → {args.output}")
    evaluate_judged(gate, judged, rows)


if __name__ == "__main__":
    main()

"""Throughput of newsfacts' batch path on the Reuters trade stories (needs ../shared).

    python benchmarks/throughput.py [--words 1000000] [--memory-docs 10000,100000]

Measured in one run, on the same text, in interleaved rounds: words/s of spaCy's blank
English tokenizer alone, of the full newsfacts pipeline (``Extractor.extract_batch``), and
of quantulum3 on a sample of the sentences spread over all the stories (it is ~20x slower;
the sample size is printed); the words/s of a fresh tokenizer and pipeline reading the
stories once (every word new to them); the share of CPU time of each pipeline stage; peak memory
(maxrss of a fresh subprocess running ``run_batch``) at two document counts; and the
speed-up of ``--processes 2`` over one process (medians of runs alternating 1 and 2
processes, each a fresh ``newsfacts extract``), both of the run as its summary times it and
of the whole command (Python's start-up and imports, about a second, included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy

from newsfacts.extractor import Extractor
from newsfacts.ingest import read_jsonl
from newsfacts.schema import Article
from newsfacts.settings import Settings

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "reuters-trade.jsonl"


def corpus_articles() -> list[Article]:
    return [a for a in read_jsonl(CORPUS) if isinstance(a, Article)]


def repeated(articles: list[Article], words: int) -> list[Article]:
    out: list[Article] = []
    total = 0
    round_ = 0
    while total < words:
        for article in articles:
            out.append(article.model_copy(update={"id": f"{article.id}-{round_}"}))
            total += len(article.text.split())
        round_ += 1
    return out


# a day date sends the period parser to dateparser, which is imported and loads its data on
# first use (~0.2 s once): paid in the warm-up, as quantulum3's is by its warm-up call
WARM_UP = Article(id="warm-up", published=dt.date(1987, 3, 4),
                  text="On March 3, 1987, the trade deficit narrowed 8.5% to $1.2 billion in "
                       "January.")


def sample_sentences(articles: list[Article], sample: int) -> list[str]:
    """``sample`` sentences spread evenly over all the stories, as the pipeline reads them."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    every = [s.text for doc in nlp.pipe(a.text for a in articles) for s in doc.sents]
    return every[::max(1, len(every) // sample)][:sample]


def time_speeds(articles: list[Article], sentences: list[str], rounds: int,
                batch_size: int = 64, settings: Settings | None = None) -> dict[str, float]:
    """Words/s of the blank tokenizer, the pipeline and quantulum3, in interleaved rounds.

    Each round times each of the three on its share of the text (the articles, or for
    quantulum3 the sample of sentences), so a slower spell of a shared machine falls on all
    three alike and the ratios stay fair. Each is warmed up first (the tokenizer's and the
    pipeline's lexeme caches on 50 stories, dateparser's and quantulum3's first loads).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser
    blank = spacy.blank("en")
    extractor = Extractor(settings=settings)
    for article in articles[:50]:
        blank.make_doc(article.text)
    extractor.extract_batch([WARM_UP, *articles[:50]])
    parser.parse("warm up 5 dlrs")

    def tokenizer(share: list[Article]) -> None:
        for doc in blank.pipe(a.text for a in share):
            del doc

    def pipeline(share: list[Article]) -> None:
        for start in range(0, len(share), batch_size):
            extractor.extract_batch(share[start:start + batch_size])

    def quantulum(share: list[str]) -> None:
        for sentence in share:
            parser.parse(sentence)

    seconds = {"tokenizer": 0.0, "pipeline": 0.0, "quantulum3": 0.0}
    for number in range(rounds):
        shares: dict[str, tuple[Any, list[Any]]] = {
            "tokenizer": (tokenizer, articles[number::rounds]),
            "pipeline": (pipeline, articles[number::rounds]),
            "quantulum3": (quantulum, sentences[number::rounds]),
        }
        for name, (run, share) in shares.items():
            started = time.perf_counter()
            run(share)
            seconds[name] += time.perf_counter() - started
    words = sum(len(a.text.split()) for a in articles)
    return {"tokenizer": words / seconds["tokenizer"], "pipeline": words / seconds["pipeline"],
            "quantulum3": sum(len(s.split()) for s in sentences) / seconds["quantulum3"]}


def first_reading(articles: list[Article], batch_size: int = 64) -> tuple[float, float]:
    """Words/s of a fresh blank tokenizer and a fresh pipeline reading ``articles`` once.

    Every word is new to them, as in an archive of distinct stories, where the repeated
    text of ``time_speeds`` lets their per-word caches do most of the work.
    """
    blank = spacy.blank("en")
    extractor = Extractor()
    extractor.extract_batch([WARM_UP])
    words = sum(len(a.text.split()) for a in articles)
    started = time.perf_counter()
    for doc in blank.pipe(a.text for a in articles):
        del doc
    tokenizer = words / (time.perf_counter() - started)
    started = time.perf_counter()
    for start in range(0, len(articles), batch_size):
        extractor.extract_batch(articles[start:start + batch_size])
    return tokenizer, words / (time.perf_counter() - started)


def time_components(articles: list[Article], warm_up: list[Article], batch_size: int = 64
                    ) -> dict[str, float]:
    """CPU seconds of each stage over ``articles``: making the docs, then each component.

    The pipeline first reads ``warm_up``, so that lexeme caches are as in a long run.
    """
    extractor = Extractor()
    for start in range(0, len(warm_up), batch_size):
        extractor.extract_batch(warm_up[start:start + batch_size])
    seconds = dict.fromkeys(["make_doc", *extractor.nlp.pipe_names], 0.0)
    for start in range(0, len(articles), batch_size):
        began = time.process_time()
        docs = [extractor.make_doc(a) for a in articles[start:start + batch_size]]
        seconds["make_doc"] += time.process_time() - began
        for name, component in extractor.nlp.pipeline:
            began = time.process_time()
            docs = [component(doc) for doc in docs]
            seconds[name] += time.process_time() - began
    return seconds


def peak_memory_mb(documents: int) -> float:
    """Peak RSS of a fresh process running run_batch over ``documents`` one-sentence stories.

    Read from ``VmHWM`` in /proc/self/status where there is one: on Linux a child's
    ``ru_maxrss`` starts from its parent's RSS at the fork, so it measured this benchmark
    process (which holds the corpus and two pipelines) rather than the batch run.
    """
    code = (
        "import io, json, resource, sys, tempfile\n"
        "from newsfacts.batch import BatchJob, run_batch\n"
        "n = int(sys.argv[1]); folder = tempfile.mkdtemp()\n"
        "path = folder + '/docs.jsonl'\n"
        "with open(path, 'w') as f:\n"
        "    for i in range(n):\n"
        "        f.write(json.dumps({'doc_id': f'd{i}', 'published': '1987-04-01', 'body':\n"
        "            f'Japan said its trade surplus with the U.S. rose to {i % 90 + 1}.2 "
        "billion dlrs in March.'}) + '\\n')\n"
        "run_batch(BatchJob([path], folder + '/out.jsonl'))\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    with open('/proc/self/status') as status:\n"
        "        peak = next(int(line.split()[1]) for line in status\n"
        "                    if line.startswith('VmHWM:'))\n"
        "except (OSError, StopIteration):\n"
        "    pass\n"
        "print(peak)\n")
    result = subprocess.run([sys.executable, "-c", code, str(documents)], check=True,
                            capture_output=True, text=True)
    return int(result.stdout.strip()) / 1024


def write_jsonl(articles: list[Article], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for a in articles:
            handle.write(json.dumps({"doc_id": a.id, "body": a.text,
                                     "published": str(a.published)}) + "\n")
    return path


SUMMARY_TIME = re.compile(r"time ([0-9.]+) s\s*$")


def time_processes(docs: Path, processes: int) -> tuple[float, float]:
    """Wall time of ``newsfacts extract`` over ``docs`` in a fresh process, as a user runs
    it (Python's start-up and imports included), and the time of the run itself that its
    summary line reports (reading, building the pipeline, extracting, writing)."""
    command = [sys.executable, "-m", "newsfacts", "extract", str(docs), "-o",
               str(docs.with_suffix(".out.jsonl")), "--processes", str(processes),
               "--no-progress"]
    started = time.perf_counter()
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - started
    summary = SUMMARY_TIME.search(result.stderr)
    if summary is None:
        raise RuntimeError(f"no run time in the summary of {command}: {result.stderr!r}")
    return wall, float(summary.group(1))


@dataclass
class SpeedUp:
    """Median times with 1 and with 2 processes, and each run pair's speed-up, for the run
    (its summary's time) and for the whole command (wall time)."""

    run: tuple[float, float]
    command: tuple[float, float]
    run_ratios: list[float]
    command_ratios: list[float]


def speed_up(articles: list[Article], repeats: int) -> SpeedUp:
    """``repeats`` pairs of runs with 1 and 2 processes, alternating, so that a slower spell
    of a shared machine falls on both."""
    with tempfile.TemporaryDirectory() as folder:
        docs = write_jsonl(articles, Path(folder) / "docs.jsonl")
        pairs = [(time_processes(docs, 1), time_processes(docs, 2)) for _ in range(repeats)]
    ones = [one for one, _ in pairs]
    twos = [two for _, two in pairs]
    return SpeedUp(
        run=(statistics.median(r for _, r in ones), statistics.median(r for _, r in twos)),
        command=(statistics.median(w for w, _ in ones), statistics.median(w for w, _ in twos)),
        run_ratios=[one[1] / two[1] for one, two in pairs],
        command_ratios=[one[0] / two[0] for one, two in pairs])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--quantulum-sentences", type=int, default=2000,
                        help="sample of sentences for quantulum3 (~5 s of its time, as long "
                             "as the pipeline takes over the whole text)")
    parser.add_argument("--memory-docs", default="10000,100000")
    parser.add_argument("--process-words", default="1000000,4000000",
                        help="sizes (words) of the runs timed with 1 and 2 processes")
    parser.add_argument("--rounds", type=int, default=5,
                        help="interleaved rounds of the tokenizer, pipeline and quantulum3")
    parser.add_argument("--repeats", type=int, default=3,
                        help="alternating runs with 1 and 2 processes per size (medians)")
    parser.add_argument("--stage-words", type=int, default=300_000)
    parser.add_argument("--gate", action="store_true",
                        help="the pipeline with the trade gate on (the interleaved rounds)")
    args = parser.parse_args()
    base = corpus_articles()
    articles = repeated(base, args.words)
    words = sum(len(a.text.split()) for a in articles)
    print(f"corpus: {len(base)} stories repeated to {len(articles)} documents, {words:,} words")
    sentences = sample_sentences(base, args.quantulum_sentences)
    speeds = time_speeds(articles, sentences, args.rounds,
                         settings=Settings(trade_gate=args.gate))
    tokenizer, pipeline, quantulum = (speeds[k] for k in ("tokenizer", "pipeline", "quantulum3"))
    print(f"blank tokenizer      {tokenizer:12,.0f} words/s  (in {args.rounds} interleaved rounds)")
    print(f"newsfacts pipeline   {pipeline:12,.0f} words/s  ({pipeline / tokenizer:.1%} of the "
          "tokenizer)")
    print(f"quantulum3           {quantulum:12,.0f} words/s  (sample of {len(sentences)} "
          f"sentences; newsfacts is {pipeline / quantulum:.1f}x)")
    first_tokenizer, first_pipeline = first_reading(base)
    print(f"first reading of the {len(base)} stories by fresh ones (every word new): tokenizer "
          f"{first_tokenizer:,.0f} words/s, pipeline {first_pipeline:,.0f} words/s "
          f"({first_pipeline / first_tokenizer:.1%})")
    stages = time_components(repeated(base, args.stage_words), warm_up=base)
    total = sum(stages.values())
    print("where the time goes (CPU): " + ", ".join(
        f"{name} {seconds / total:.0%}" for name, seconds in stages.items()))
    counts = [int(n) for n in args.memory_docs.split(",") if n]
    peaks = [peak_memory_mb(n) for n in counts]
    for n, peak in zip(counts, peaks, strict=True):
        print(f"peak memory at {n:>7,} documents: {peak:8.1f} MB")
    if len(peaks) >= 2:
        print(f"growth: {peaks[-1] - peaks[0]:.1f} MB")
    for size in (int(n) for n in args.process_words.split(",") if n):
        subset = repeated(base, size)
        timed = speed_up(subset, args.repeats)
        print(f"{len(subset)} documents, 1 → 2 processes (medians of {args.repeats} on "
              f"{os.cpu_count()} cores): run {timed.run[0]:.1f} s → {timed.run[1]:.1f} s, "
              f"speed-up {statistics.median(timed.run_ratios):.2f}x (pairs: "
              f"{', '.join(f'{r:.2f}' for r in timed.run_ratios)}); whole command "
              f"{timed.command[0]:.1f} s → {timed.command[1]:.1f} s, "
              f"{statistics.median(timed.command_ratios):.2f}x (pairs: "
              f"{', '.join(f'{r:.2f}' for r in timed.command_ratios)})")
    with tempfile.TemporaryDirectory() as folder:
        wall, run = time_processes(write_jsonl(base[:1], Path(folder) / "one.jsonl"), 1)
    print(f"(a command on 1 document takes {wall:.1f} s, {wall - run:.1f} s of them Python's "
          "start-up and imports, before the run; forked workers inherit the built pipeline)")
    print(f"(this process maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} "
          "MB)")


if __name__ == "__main__":
    main()

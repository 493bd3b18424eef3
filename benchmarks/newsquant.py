"""Money and percentage mentions on NewsQuant and the CQE currency set, scored by the referee.

The figures are the referee's: ``../shared/benchmarks/newsquant/referee/cqe_score.py`` (the
matching rules of the CQE paper's own evaluation script, see its docstring) run on
newsfacts through the referee's ``newsfacts_adapter.py`` (which reads the public mention
records only: ``Money.value / currency / low / high / per``, ``Percent.value / low / high /
per``) and on quantulum3 through its ``quantulum3_adapter.py``, the same rules for both.
Nothing of the referee is copied here: it is imported from ``--referee`` (default
``<repo>/../shared/benchmarks/newsquant/referee``) and reads the data from its own folder.

The table: every money and percentage quantity of each set counts (the referee's subset,
decided on the gold's ``normalized_unit``: cents, pence, sen, bitcoin, "dollar per share",
"percentage per year" included), every prediction counts; ranges match as ranges (both ends),
a single value against a range by the midpoint (the paper's rule, ``range_mode="mean"``).
The other views (all quantities; the referee's stricter ``one2one`` pairing) are labelled
as such and come after it.

NewsQuant is a benchmark newsfacts' money and percentage patterns were tuned on (issue 12):
its figures measure that work, not how the patterns do on text never looked at.

quantulum3 is an optional extra (``pip install -e ".[quantities]"``); without it the table
says so. Its output varies with ``PYTHONHASHSEED``: the script re-runs itself with
``--hash-seed`` (default 0) unless the variable is set, and prints the seed.

Usage::

    python benchmarks/newsquant.py [--referee DIR] [--json OUT] [--errors N] [--no-quantulum]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFEREE = REPO_ROOT.parent / "shared" / "benchmarks" / "newsquant" / "referee"
SETS: tuple[tuple[str, str], ...] = (("NewsQuant", "NewsQuant"), ("currency-model", "currency set"))
Extract = Callable[[str], list[tuple[Any, str]]]


def load_module(path: Path) -> ModuleType:
    """A referee file as a module (its folder on ``sys.path`` for its own imports)."""
    folder = str(path.parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Referee:
    """The referee's scorer and adapters, loaded from its folder."""

    folder: Path
    scorer: ModuleType

    @classmethod
    def load(cls, folder: Path = DEFAULT_REFEREE) -> Referee:
        return cls(folder, load_module(folder / "cqe_score.py"))

    def newsfacts(self) -> Extract:
        extract: Extract = load_module(self.folder / "newsfacts_adapter.py").extract
        return extract

    def quantulum3(self) -> Extract | None:
        """quantulum3's adapter, or None where quantulum3 is not installed."""
        if importlib.util.find_spec("quantulum3") is None:
            return None
        extract: Extract = load_module(self.folder / "quantulum3_adapter.py").extract
        return extract

    def items(self, name: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = self.scorer.load_set(name)
        return items


@dataclass(frozen=True)
class Row:
    """One system on one set, one scope and one mode, as the referee counts it."""

    system: str
    set_name: str
    scope: str
    mode: str
    n_gold: int
    n_pred: int
    p: float
    r: float
    f1: float
    value_f1: float

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def score(referee: Referee, system: str, extract: Extract, set_name: str,
          errors: int = 0) -> tuple[list[Row], dict[str, Any]]:
    """Run ``extract`` on every sentence of a set; the referee's rows for both modes and
    (paper mode) its misses and spurious predictions."""
    items = referee.items(set_name)
    preds, _seconds = referee.scorer.predict(extract, items)
    rows: list[Row] = []
    found: dict[str, Any] = {}
    for mode in ("paper", "one2one"):
        result = referee.scorer.score_predictions(preds, items, mode=mode,
                                                  keep_errors=mode == "paper" and errors > 0)
        if "errors" in result:
            found = result["errors"]
        for scope in ("subset", "overall", "money", "percent"):
            block = result[scope]
            unit, value = block["value+unit"], block["value"]
            rows.append(Row(system, set_name, scope, mode, block["n_gold"], block["n_pred"],
                            unit["p"], unit["r"], unit["f1"], value["f1"]))
    return rows, found


def pick(rows: Sequence[Row], scope: str, mode: str) -> list[Row]:
    return [row for row in rows if row.scope == scope and row.mode == mode]


def table(rows: Sequence[Row], title: str) -> list[str]:
    lines = [title, "",
             "| system | set | gold | predicted | P | R | value+unit F1 | value F1 |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    labels = dict(SETS)
    for row in rows:
        lines.append(f"| {row.system} | {labels.get(row.set_name, row.set_name)} | {row.n_gold} | "
                     f"{row.n_pred} | {row.p:.1f} | {row.r:.1f} | **{row.f1:.1f}** | "
                     f"{row.value_f1:.1f} |")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--referee", type=Path, default=DEFAULT_REFEREE,
                        help="the referee's folder (cqe_score.py and its adapters)")
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    parser.add_argument("--errors", type=int, default=0,
                        help="print newsfacts' first N misses and spurious predictions per set")
    parser.add_argument("--no-quantulum", action="store_true", help="newsfacts only")
    parser.add_argument("--hash-seed", type=int, default=0,
                        help="PYTHONHASHSEED to re-run with when unset (quantulum3 depends on it)")
    args = parser.parse_args(argv)
    if not args.no_quantulum and "PYTHONHASHSEED" not in os.environ and argv is None:
        env = {**os.environ, "PYTHONHASHSEED": str(args.hash_seed)}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)
    if not (args.referee / "cqe_score.py").exists():
        print(f"the referee is not at {args.referee} (see ../shared/benchmarks/newsquant)")
        return 2
    referee = Referee.load(args.referee)
    systems: list[tuple[str, Extract]] = [("newsfacts", referee.newsfacts())]
    quantulum = None if args.no_quantulum else referee.quantulum3()
    if quantulum is not None:
        systems.append(("quantulum3", quantulum))
    rows: list[Row] = []
    errors: dict[str, Any] = {}
    for name, extract in systems:
        for set_name, _label in SETS:
            found, missed = score(referee, name, extract, set_name,
                                  args.errors if name == "newsfacts" else 0)
            rows += found
            if missed:
                errors[set_name] = missed
    out = table(pick(rows, "subset", "paper"),
                "Money + percentage, the referee's rules (paper mode, every gold quantity "
                "and every prediction counted)")
    if args.no_quantulum:
        out.append("\nquantulum3: not run (--no-quantulum)")
    elif quantulum is None:
        out.append("\nquantulum3: not installed, not measured (pip install -e \".[quantities]\")")
    elif importlib.util.find_spec("sklearn") is None:
        out.append("\nquantulum3 ran without its optional unit classifier (scikit-learn is not "
                   "installed; see the referee's README for the classifier's setup)")
    out += ["", *table(pick(rows, "overall", "paper"),
                       "Other view: all quantities (newsfacts tags money and percentages only)")]
    out += ["", *table(pick(rows, "subset", "one2one"),
                       "Other view: money + percentage, one2one pairing (each gold and each "
                       "prediction used once; stricter than the paper's rules)")]
    print("\n".join(out))
    print(f"\nPYTHONHASHSEED={os.environ.get('PYTHONHASHSEED')}  referee: {args.referee}")
    for set_name, found in errors.items():
        for kind in ("missed", "spurious"):
            for entry in found[kind][: args.errors]:
                print(f"  {set_name} {kind.upper()} {json.dumps(entry, ensure_ascii=False)}")
    if args.json:
        report = {"hash_seed": os.environ.get("PYTHONHASHSEED"),
                  "rows": [row.as_dict() for row in rows]}
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

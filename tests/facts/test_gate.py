"""The trade gate: its input text, the shipped model's decisions, training, and explain."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfacts.cli import app
from newsfacts.extractor import Extractor
from newsfacts.facts.gate import GateComponent, GateDecision, TradeGate, gate_text
from newsfacts.facts.gate_train import (
    GateExample,
    Training,
    fit,
    folds_of,
    pick_threshold,
    read_examples,
    train_gate,
    write_examples,
)
from newsfacts.schema import Article
from newsfacts.settings import Settings

# Texts written for these tests: (title, sentence, the amount as written, indicator, trade?)
DECISIONS: list[object] = [
    ("ACME HOLDINGS PLC YEAR PROFIT UP",
     "The group said its trading surplus rose to 41.2 mln stg in the year, and the board "
     "raised the final dividend to 4.1 pence a share.", "41.2 mln stg", "trade_balance", False),
    pytest.param(
        "ZETAWORKS PLC 1986 YEAR",
        "Trading surplus after depreciation 61.5 mln stg vs 48.2 mln, pre-tax profit 70.1 mln "
        "vs 55.3 mln, shr 21.4p vs 18.2p.", "61.5 mln stg", "trade_balance", False,
        marks=pytest.mark.xfail(strict=True, reason="a known miss (docs/extraction.md, The "
                                "trade gate): a company's results table scores 0.41, above "
                                "the threshold")),
    ("KENYA COFFEE EARNINGS FALL",
     "Kenya's coffee export income fell to 310 mln dlrs in the crop year as world prices "
     "slumped, the coffee board said.", "310 mln dlrs", "exports", False),
    ("NORWAY POSTS TRADE DEFICIT IN MAY",
     "Norway had a trade deficit of 2.4 billion crowns in May after a surplus of 1.1 billion "
     "in April, the central statistics office said.", "2.4 billion crowns", "trade_balance",
     True),
    ("PERU TRADE SURPLUS WIDENS",
     "Peru's trade surplus widened to 95 mln dlrs in the first quarter from 40 mln a year "
     "earlier, the central bank said.", "95 mln dlrs", "trade_balance", True),
]


def text_of(title: str, sentence: str, amount: str, indicator: str) -> str:
    at = sentence.index(amount)
    return gate_text(title, sentence, (at, at + len(amount)), indicator)


@pytest.fixture(scope="module")
def shipped() -> TradeGate:
    return TradeGate.load()


@pytest.mark.parametrize(("title", "sentence", "amount", "indicator", "trade"), DECISIONS)
def test_shipped_gate_decides(shipped: TradeGate, title: str, sentence: str, amount: str,
                              indicator: str, trade: bool) -> None:
    [score] = shipped.scores([text_of(title, sentence, amount, indicator)])
    assert (score >= shipped.threshold) is trade, (score, shipped.threshold)


@pytest.mark.parametrize(("title", "sentence", "amount", "expected"), [
    ("GKN PROFITS", "Profits rose to 1.2 billion.", "1.2 billion",
     "ind_exports t_gkn t_profits sep profits rose to amt"),
    ("", "Exports of 2,345 tonnes at $12.50.", "$12.50",
     "ind_exports sep exports of 0 000 tonnes at amt"),
    ("A_B", "x", "x", "ind_exports t_a t_b sep amt"),
])
def test_gate_text(title: str, sentence: str, amount: str, expected: str) -> None:
    assert text_of(title, sentence, amount, "exports") == expected


def synthetic(n: int = 12) -> list[GateExample]:
    """Trade balances of countries against company results, written here."""
    countries = ["norway", "chile", "kenya", "japan", "peru", "spain", "egypt", "india"]
    firms = ["acme", "zenith", "orbit", "nova", "delta", "apex", "vega", "lumen"]
    out: list[GateExample] = []
    for i in range(n):
        country, firm = countries[i % 8], firms[i % 8]
        out.append(GateExample(f"ind_trade_balance t_{country} t_trade sep {country} s trade "
                               "surplus rose to amt in may customs said", True, f"c{i}"))
        out.append(GateExample(f"ind_trade_balance t_{firm} t_profit sep {firm} group net "
                               "profit rose to amt and sales rose shr cts", False, f"f{i}"))
    return out


FAST = Training(epochs=4, folds=3, architecture="bow")


def test_fit_separates_synthetic_examples() -> None:
    gate = TradeGate(fit(synthetic(), FAST), 0.5)
    trade, firm = gate.scores(["ind_trade_balance t_norway t_trade sep norway s trade surplus "
                               "rose to amt", "ind_trade_balance t_acme t_profit sep acme "
                               "group net profit rose to amt"])
    assert trade > 0.5 > firm


def test_training_is_reproducible(tmp_path: Path) -> None:
    first = train_gate(synthetic(), FAST).save(tmp_path / "a")
    second = train_gate(synthetic(), FAST).save(tmp_path / "b")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(second) for p in second.rglob("*")
                                     if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_folds_never_split_a_group() -> None:
    examples = [GateExample("x", True, f"g{i // 3}") for i in range(30)]
    folds = folds_of(examples, 4, seed=1)
    for group in {e.group for e in examples}:
        assert len({f for e, f in zip(examples, folds, strict=True) if e.group == group}) == 1
    assert set(folds) == {0, 1, 2, 3}


@pytest.mark.parametrize(("scores", "min_recall", "expected"), [
    ([0.9, 0.8, 0.7, 0.6, 0.1], 1.0, 0.6),  # the lowest positive: none lost
    ([0.9, 0.8, 0.7, 0.6, 0.1], 0.75, 0.7),  # one of four may go
    ([0.1, 0.1, 0.1, 0.1, 0.9], 1.0, 0.1),
])
def test_pick_threshold(scores: list[float], min_recall: float, expected: float) -> None:
    examples = [GateExample("x", True, "g")] * 4 + [GateExample("x", False, "g")]
    training = Training(min_recall=min_recall, recall_source="gold")
    assert pick_threshold(examples, scores, training) == expected


def test_train_gate_command(tmp_path: Path) -> None:
    examples = tmp_path / "examples.jsonl"
    write_examples(synthetic(), examples)
    assert read_examples(examples) == synthetic()
    out = tmp_path / "gate"
    result = CliRunner().invoke(app, ["train-gate", str(examples), str(out),
                                      "--architecture", "bow"])
    assert result.exit_code == 0, result.output
    gate = TradeGate.load(out)
    assert 0.0 <= gate.threshold <= 1.0
    assert gate.info["examples"] == len(synthetic())
    assert json.loads((out / "gate.json").read_text())["threshold"] == gate.threshold


@pytest.mark.parametrize("content", ["not json\n", '{"text": "x"}\n'])
def test_train_gate_command_refuses_bad_examples(tmp_path: Path, content: str) -> None:
    examples = tmp_path / "examples.jsonl"
    examples.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["train-gate", str(examples), str(tmp_path / "gate")])
    assert result.exit_code != 0
    assert "not a gate example" in result.output
    assert not (tmp_path / "gate").exists()


def test_load_refuses_a_folder_without_a_gate(tmp_path: Path) -> None:
    from newsfacts.errors import ConfigError
    with pytest.raises(ConfigError, match="not a trained newsfacts gate"):
        TradeGate.load(tmp_path)


COUNTRY = ("CHILE TRADE SURPLUS RISES\n\nChile's trade surplus rose to 420 mln dlrs in "
           "February from 310 mln dlrs in January, the central bank said. Exports rose to "
           "900 mln dlrs.")


def article(text: str) -> Article:
    return Article(id="t", text=text, published=dt.date(1987, 4, 1))


@pytest.fixture(scope="module")
def gated() -> Extractor:
    return Extractor(settings=Settings(trade_gate=True))


def test_pipeline_runs_the_gate_when_asked(gated: Extractor, extractor: Extractor) -> None:
    assert isinstance(gated.nlp.get_pipe("newsfacts_gate"), GateComponent)
    assert "newsfacts_gate" not in extractor.nlp.pipe_names  # off by default
    assert gated.extract(article(COUNTRY)) == extractor.extract(article(COUNTRY))
    assert all(o.gate_score is None for o in extractor.explain(article(COUNTRY)))


def test_explain_shows_the_gate_score(gated: Extractor) -> None:
    extractor = gated
    outcomes = extractor.explain(article(COUNTRY))
    facts = [o for o in outcomes if o.outcome == "fact"]
    assert len(facts) == len(extractor.extract(article(COUNTRY))) == 3
    assert all(o.gate_score is not None and o.gate_score >= 0.5 for o in facts)
    assert [o.fact_index for o in facts] == [0, 1, 2]


@pytest.mark.parametrize(("threshold", "kept"), [(0.0, 3), (1.01, 0)])
def test_explain_names_the_gate_rule(shipped: TradeGate, threshold: float, kept: int) -> None:
    """The shipped model with a threshold that keeps every fact or none."""
    extractor = Extractor(settings=Settings(trade_gate=True))
    component = extractor.nlp.get_pipe("newsfacts_gate")
    assert isinstance(component, GateComponent)
    component.gate = TradeGate(shipped.nlp, threshold)
    facts = extractor.extract(article(COUNTRY))
    outcomes = extractor.explain(article(COUNTRY))
    gated = [o for o in outcomes if o.rule_id == "gate.drop.not-trade"]
    assert len(facts) == kept == sum(o.outcome == "fact" for o in outcomes)
    assert len(gated) == 3 - kept
    for outcome in gated:
        assert outcome.fact is None and outcome.gate_score is not None
        assert f"score {outcome.gate_score:.3f} < 1.01" in (outcome.reason or "")
        assert json.loads(outcome.model_dump_json())["gate_score"] == outcome.gate_score
    assert [o.fact_index for o in outcomes if o.fact is not None] == list(range(kept))
    assert [d.kept for d in article_decisions(extractor)] == [bool(kept)] * 3


def article_decisions(extractor: Extractor) -> list[GateDecision]:
    doc = extractor.make_doc(article(COUNTRY))
    for _, component in extractor.nlp.pipeline:
        doc = component(doc)
    return list(doc._.nf_gate)

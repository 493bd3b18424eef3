"""The rule layer's parameters, read from ``patterns/assembly.json``."""

from __future__ import annotations

from dataclasses import dataclass

from newsfacts.errors import PatternError
from newsfacts.patterns import load_json


@dataclass(frozen=True)
class AssemblyRules:
    phrase_after_window: int
    partner_after_money: int
    reporter_adjacent_window: int
    period_after_window: int
    change_cue_window: int
    change_after_window: int
    qualifier_before_window: int
    qualifier_after_window: int
    flow_window: int
    threshold_window: int
    comparison_window: int
    evidence_reach: int
    period_adjacent_window: int
    phrase_link_window: int
    stock_after_window: int
    aside_window: int
    excess_by_window: int
    owner_window: int
    smallest_value: int
    reported_lag: int
    ids: dict[str, str]
    words: dict[str, frozenset[str]]
    fiscal_year_end: dict[str, int]
    reasons: dict[str, str]  # why each ``drop.*`` rule keeps a money mention from a fact


def load_rules() -> AssemblyRules:
    data = load_json("assembly.json")
    try:
        words = {name: frozenset(values) for name, values in data["words"].items()}
        return AssemblyRules(
            **data["windows"],
            smallest_value=int(data["smallest_value"]),
            reported_lag=int(data["reported_lag"]),
            ids=dict(data["ids"]),
            words=words,
            fiscal_year_end={code: int(month) for code, month in data["fiscal_year_end"].items()},
            reasons={key: str(reason) for key, reason in data["reasons"].items()},
        )
    except (KeyError, TypeError) as exc:
        raise PatternError(
            f"assembly.json: {exc}; expected 'windows', 'smallest_value', 'ids', 'words', "
            "'fiscal_year_end' and 'reasons'"
        ) from exc


RULES = load_rules()

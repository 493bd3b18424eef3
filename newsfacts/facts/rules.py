"""The rule layer's parameters, read from ``patterns/assembly.json`` and checked on load.

``AssemblyFile`` is the file's schema: every level refuses a key it does not name, a window is
a whole number ≥ 0, a word list a list of non-empty lower-case strings. A file that does not
follow it raises PatternError naming the file, the key path and what is allowed there.
``RULES`` is what the rules read: the windows flat (``RULES.flow_window``), the word lists as
frozensets (``RULES.words["trade_words"]``), ``ids``, ``reasons`` and the rest.

A new setting is a key in assembly.json, a field here (``Windows``, ``WordLists``, or
``AssemblyFile`` and ``AssemblyRules``) and a line on what it does in the file's ``_doc`` or
in newsfacts/patterns/README.md (tests/facts/test_rules.py checks that every key has one).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from newsfacts.errors import Errors
from newsfacts.patterns import load_json
from newsfacts.schema import Granularity

ASSEMBLY_FILE = "assembly.json"


def _lower_case(word: str) -> str:
    if word != word.lower():
        raise ValueError("not lower case (the rules compare lower-cased words)")
    return word


Window = Annotated[int, Field(ge=0, description="a whole number ≥ 0")]
Word = Annotated[str, Field(min_length=1), AfterValidator(_lower_case)]
WordList = Annotated[list[Word], Field(description="a list of non-empty lower-case strings")]
Code = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Text = Annotated[str, Field(min_length=1)]
RuleId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.\-]*$")]
Month = Annotated[int, Field(ge=1, le=12)]


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Windows(_Section):
    """How far a rule looks from a mention, in tokens (``lead_clauses``: in clauses;
    ``partner_lookback``, ``average_window``, ``trade_subject_window``: in words)."""

    phrase_after_window: Window
    partner_after_money: Window
    reporter_adjacent_window: Window
    period_after_window: Window
    change_cue_window: Window
    change_after_window: Window
    qualifier_before_window: Window
    qualifier_after_window: Window
    flow_window: Window
    threshold_window: Window
    comparison_window: Window
    evidence_reach: Window
    period_adjacent_window: Window
    phrase_link_window: Window
    stock_after_window: Window
    aside_window: Window
    excess_by_window: Window
    owner_window: Window
    phrase_gap: Window
    partner_lookback: Window
    lead_clauses: Window
    story_owner_window: Window
    bilateral_window: Window
    listed_partner_gap: Window
    comparative_window: Window
    balance_partner_window: Window
    average_window: Window
    trade_subject_window: Window


class WordLists(_Section):
    """Words (lower case) and cue details the rules compare with: ``RULES.words[name]``."""

    partner_markers: WordList
    trade_modifiers: WordList
    trade_of_objects: WordList
    trade_balance_markers: WordList
    list_joiners: WordList
    revision_from: WordList
    continuation_pronouns: WordList
    speech_verbs: WordList
    continuation_nouns: WordList
    period_not_own: WordList
    bilateral: WordList
    relative_pronouns: WordList
    shift_to_figure: WordList
    change_amount_links: WordList
    restated_change_links: WordList
    sector_words: WordList
    sector_links: WordList
    component_prefixes: WordList
    component_asides: WordList
    product_titles: WordList
    story_trade_titles: WordList
    trade_words: WordList
    organisation_words: WordList
    organisation_not_after: WordList
    speaker_words: WordList
    excess_verbs: WordList
    level_after_verb: WordList
    cumulative_words: WordList
    whole_of_words: WordList
    percent_words: WordList
    average_words: WordList
    per_month_words: WordList
    period_clause_verbs: WordList
    possessive_marks: WordList
    superlatives: WordList
    favour_words: WordList
    enclosing_links: WordList
    enclosing_spans: WordList
    period_span_ends: WordList
    clause_breaks: WordList
    lead_period_not_own: WordList
    negations: WordList
    trade_cue_details: WordList
    comparative_words: WordList
    modality_after_figure: WordList
    partner_list_openers: WordList
    partner_list_marks: WordList
    verb_endings: WordList
    fiscal_end_words: WordList
    fiscal_words: WordList
    adjustment_granularities: list[Granularity] = Field(
        description="a list of period granularities (month, quarter, half, months …)"
    )


class Dollars(_Section):
    """Dollars of their own economy: ISO codes, and the names news gives them."""

    specific: list[Code] = Field(description="a list of ISO codes (three capitals)")
    named: dict[Word, Code] = Field(
        description="an object: a dollar's name in lower case → its ISO code"
    )


class AssemblyFile(_Section):
    """The schema of assembly.json."""

    doc: Text = Field(alias="_doc", description="a non-empty string")
    windows: Windows
    ids: dict[Text, RuleId] = Field(description="an object: rule key → rule id")
    reasons: dict[Text, Text] = Field(description="an object: 'drop.*' key → its reason")
    words: WordLists
    dollars: Dollars
    smallest_value: Window
    reported_lag: Window
    forecast_ahead_months: Window
    range_pattern_prefix: Text
    headline_rounding: Annotated[Decimal, Field(strict=False, ge=0, lt=1)] = Field(
        description="a number from 0 up to 1"
    )
    fiscal_year_end: dict[Code, Month] = Field(
        description="an object: reporter code (three capitals) → month (1-12)"
    )
    local_dollar_signs: dict[Code, Code] = Field(
        description="an object: reporter code → ISO 4217 code of its dollar"
    )

    @model_validator(mode="after")
    def _drops_have_reasons(self) -> AssemblyFile:
        drops = {key for key in self.ids if key.startswith("drop.")}
        reasons = self.reasons.keys()
        problems = [f"ids.{key}: no reason in 'reasons'" for key in sorted(drops - reasons)]
        problems += [f"reasons.{key}: no 'drop.*' key in 'ids'" for key in sorted(reasons - drops)]
        if problems:
            raise ValueError("; ".join(problems))
        return self


class AssemblyRules(Windows):
    """What the rules read (``RULES``): the windows flat, the word lists as frozensets."""

    smallest_value: int
    reported_lag: int
    forecast_ahead_months: int
    range_pattern_prefix: str  # money pattern ids of ranges start with it
    headline_rounding: Decimal
    ids: dict[str, str]
    words: dict[str, frozenset[str]]
    fiscal_year_end: dict[str, int]
    local_dollar_signs: dict[str, str]  # '$' in a story of this economy's own trade
    reasons: dict[str, str]  # why each ``drop.*`` rule keeps a money mention from a fact
    specific_dollars: frozenset[str]
    named_dollars: dict[str, str]  # a dollar's name ('new zealand') → its ISO code


def read_rules(data: dict[str, Any], name: str = ASSEMBLY_FILE) -> AssemblyRules:
    """``data`` (the parsed file ``name``) checked against ``AssemblyFile``, as ``RULES``.

    A file that does not follow the schema raises PatternError with every problem.
    """
    try:
        parsed = AssemblyFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_problem(error) for error in exc.errors())
        raise Errors.ASSEMBLY_FILE(name=name, problems=problems) from None
    return AssemblyRules(
        **parsed.windows.model_dump(),
        smallest_value=parsed.smallest_value,
        reported_lag=parsed.reported_lag,
        forecast_ahead_months=parsed.forecast_ahead_months,
        range_pattern_prefix=parsed.range_pattern_prefix,
        headline_rounding=parsed.headline_rounding,
        ids=dict(parsed.ids),
        words={key: frozenset(words) for key, words in parsed.words.model_dump().items()},
        fiscal_year_end=dict(parsed.fiscal_year_end),
        local_dollar_signs=dict(parsed.local_dollar_signs),
        reasons=dict(parsed.reasons),
        specific_dollars=frozenset(parsed.dollars.specific),
        named_dollars=dict(parsed.dollars.named),
    )


def load_rules() -> AssemblyRules:
    return read_rules(load_json(ASSEMBLY_FILE))


def _problem(error: ErrorDetails) -> str:
    """One schema error: the key path, what is wrong and what is allowed there."""
    loc = error["loc"]
    path = ".".join(str(part) for part in loc if part != "[key]")
    path += " (the key)" if "[key]" in loc else ""
    message = error["msg"].removeprefix("Value error, ")
    if not loc:
        return message
    if error["type"] == "extra_forbidden":
        where = ".".join(str(part) for part in loc[:-1]) or "the top level"
        return f"{path}: unknown key; {where} allows {', '.join(_keys(_model_at(loc[:-1])))}"
    expected = _expected(loc)
    if error["type"] == "missing":
        return f"{path}: missing ({expected})"
    got = repr(error["input"])
    got = got if len(got) <= 40 else got[:37] + "..."
    return f"{path}: {message}, got {got} ({expected})"


def _field(model: type[BaseModel] | None, key: object) -> FieldInfo | None:
    if model is None:
        return None
    return next(
        (field for name, field in model.model_fields.items() if key in (name, field.alias)), None
    )


def _submodel(field: FieldInfo | None) -> type[BaseModel] | None:
    annotation = None if field is None else field.annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = AssemblyFile
    for part in loc:
        model = _submodel(_field(model, part))
    return model


def _keys(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]


def _expected(loc: tuple[int | str, ...]) -> str:
    """What the schema wants at ``loc`` (or at the key or list that holds it)."""
    model: type[BaseModel] | None = AssemblyFile
    described = "see newsfacts/patterns/README.md"
    for part in loc:
        field = _field(model, part)
        if field is None:
            break
        submodel = _submodel(field)
        if submodel is not None:
            described = f"an object with the keys {', '.join(_keys(submodel))}"
        elif field.description:
            described = field.description
        model = submodel
    return described


RULES = load_rules()

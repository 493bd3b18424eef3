"""Settings, validated up front and passed explicitly (no global state)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

BATCH_SIZE = 64  # documents per nlp.pipe batch, and per checkpoint of a batch run


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_chars: int = Field(
        default=5_000_000, gt=0, description="documents longer than this are refused (E103)"
    )
    statistical_model: str | None = Field(
        default=None,
        description="an installed spaCy pipeline (e.g. 'en_core_web_sm') to run before newsfacts' "
        "components; None runs on spaCy's blank English",
    )
    batch_size: int = Field(default=BATCH_SIZE, gt=0)
    trade_gate: bool = Field(
        default=False,
        description="run the learned trade gate (newsfacts_gate) after the rule layer: it drops "
        "actual facts that are not an economy's trade (docs/extraction.md, The trade gate; off "
        "by default: it costs the held-out fold three facts)",
    )

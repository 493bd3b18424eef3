"""The scale words of the money patterns, generated from one source: ``money.SCALES``.

``money.jsonl`` spells the scale words out in its token patterns (spaCy needs the lists
written there); the normaliser reads them from ``SCALES``. Lists written by hand drifted
('35 lacs rupees' matched no pattern though ``SCALES`` knew 'lacs'), so every scale list of
the file is generated here: a list is a scale list when all its words are scale words and
it holds 'million'; it keeps its two options, the words read only after a currency sign
('k', as in '$5k') and the abbreviations with a dot ('m.', 'b.'), by whether it had them.

    python -m newsfacts.mentions.wordlists        # rewrite newsfacts/patterns/money.jsonl

``tests/mentions/test_wordlists.py`` fails while the file differs from its generated form.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from typing import Any

from newsfacts.mentions.money import SCALES

SIGN_ONLY: frozenset[str] = frozenset({"k", "k."})  # '$5k', never '5k' alone
FILE = "money.jsonl"


def scale_words(*, sign_only: bool, dotted: bool) -> list[str]:
    """The scale words of ``SCALES`` in its order, with or without the two options."""
    return [
        word
        for word in SCALES
        if (sign_only or word not in SIGN_ONLY) and (dotted or not word.endswith("."))
    ]


def is_scale_list(words: list[str]) -> bool:
    return "million" in words and all(word in SCALES for word in words)


def _synced_token(token: Any) -> Any:
    if not isinstance(token, dict):
        return token
    lower = token.get("LOWER")
    if isinstance(lower, dict) and isinstance(lower.get("IN"), list) and is_scale_list(
        lower["IN"]
    ):
        words = scale_words(sign_only="k" in lower["IN"], dotted="m." in lower["IN"])
        return {**token, "LOWER": {**lower, "IN": words}}
    return token


def synced_line(line: str) -> str:
    """One line of the file with its scale lists generated (other lines as they are)."""
    if not line.strip() or line.lstrip().startswith("//"):
        return line
    entry = json.loads(line)
    pattern = entry.get("pattern")
    if not isinstance(pattern, list):
        return line
    synced = {**entry, "pattern": [_synced_token(token) for token in pattern]}
    return line if synced == entry else json.dumps(synced, ensure_ascii=False)


def synced_text(text: str) -> str:
    return "".join(synced_line(line.rstrip("\n")) + "\n" for line in text.splitlines())


def main() -> int:
    path = resources.files("newsfacts.patterns").joinpath(FILE)
    text = path.read_text(encoding="utf-8")
    synced = synced_text(text)
    if synced != text:
        with resources.as_file(path) as real:
            real.write_text(synced, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

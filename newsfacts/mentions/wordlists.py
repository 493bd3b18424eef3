"""The scale and currency words of the money patterns, generated from one source each:
``money.SCALES`` and ``currencies.json``.

``money.jsonl`` spells the scale words out in its token patterns (spaCy needs the lists
written there); the normaliser reads them from ``SCALES``. Lists written by hand drifted
('35 lacs rupees' matched no pattern though ``SCALES`` knew 'lacs'), so every scale list of
the file is generated here: a list is a scale list when all its words are scale words and
it holds 'million'; it keeps its two options, the words read only after a currency sign
('k', as in '$5k') and the abbreviations with a dot ('m.', 'b.'), by whether it had them.

The currency list of the patterns (the one that holds 'dlrs' and the ISO code 'usd') is every
one-word currency name of ``currencies.json`` ('codes') and every ISO code it reads, in lower
case, but the singular words ``SINGULAR_PATTERN`` leaves to its own pattern ('a 6.85 billion
mark surplus'); a name added to ``currencies.json`` alone had no pattern before ('100
billion rouble' was read as dollars).

    python -m newsfacts.mentions.wordlists        # rewrite newsfacts/patterns/money.jsonl

``tests/mentions/test_wordlists.py`` fails while the file differs from its generated form.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from typing import Any

from newsfacts.mentions.money import SCALES, currency_tables

SIGN_ONLY: frozenset[str] = frozenset({"k", "k."})  # '$5k', never '5k' alone
FILE = "money.jsonl"
SINGULAR_PATTERN = "money.scale-singular"  # '… billion mark', '… million pound'


def scale_words(*, sign_only: bool, dotted: bool) -> list[str]:
    """The scale words of ``SCALES`` in its order, with or without the two options."""
    return [
        word
        for word in SCALES
        if (sign_only or word not in SIGN_ONLY) and (dotted or not word.endswith("."))
    ]


def is_scale_list(words: list[str]) -> bool:
    return "million" in words and all(word in SCALES for word in words)


def is_currency_list(words: list[str]) -> bool:
    return "dlrs" in words and "usd" in words


def currency_words(singular: frozenset[str]) -> list[str]:
    """The one-word currency names and the ISO codes of ``currencies.json``, sorted, but the
    words of ``singular`` (read by ``SINGULAR_PATTERN``)."""
    tables = currency_tables()
    names = {name for name in tables.codes if " " not in name}
    return sorted((names | tables.iso_codes) - singular)


def _lists(token: Any) -> list[str] | None:
    lower = token.get("LOWER") if isinstance(token, dict) else None
    words = lower.get("IN") if isinstance(lower, dict) else None
    return words if isinstance(words, list) else None


def singular_words(text: str) -> frozenset[str]:
    """The currency words of the file's ``SINGULAR_PATTERN`` line."""
    for line in text.splitlines():
        entry = json.loads(line) if line.strip() else {}
        if entry.get("id") == SINGULAR_PATTERN:
            return frozenset(_lists(entry["pattern"][-1]) or ())
    return frozenset()


def _synced_token(token: Any, singular: frozenset[str]) -> Any:
    words = _lists(token)
    if words is None:
        return token
    if is_scale_list(words):
        words = scale_words(sign_only="k" in words, dotted="m." in words)
    elif is_currency_list(words):
        words = currency_words(singular)
    else:
        return token
    return {**token, "LOWER": {**token["LOWER"], "IN": words}}


def synced_line(line: str, singular: frozenset[str] = frozenset()) -> str:
    """One line of the file with its scale and currency lists generated (other lines as they
    are); ``singular``: the words the currency list leaves out."""
    if not line.strip() or line.lstrip().startswith("//"):
        return line
    entry = json.loads(line)
    pattern = entry.get("pattern")
    if not isinstance(pattern, list):
        return line
    synced = {**entry, "pattern": [_synced_token(token, singular) for token in pattern]}
    return line if synced == entry else json.dumps(synced, ensure_ascii=False)


def synced_text(text: str) -> str:
    singular = singular_words(text)
    return "".join(
        synced_line(line.rstrip("\n"), singular) + "\n" for line in text.splitlines()
    )


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

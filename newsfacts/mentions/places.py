"""Places → ISO 3166-1 alpha-3, from pycountry's names plus the alias data file."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pycountry

from newsfacts.patterns import load_json


@cache
def place_table() -> dict[str, str]:
    """Lower-cased name → alpha-3, pycountry names first, the project's aliases over them."""
    data = load_json("places.json")
    ignored = {name.lower() for name in data["ignore_pycountry"]}
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            name = getattr(country, attribute, None)
            if name and "," not in name and name.lower() not in ignored:
                table[name.lower()] = country.alpha_3
    table.update(data["aliases"])
    table.update({name: region_code() for name in data["regions"]})
    return table


@cache
def region_code() -> str:
    """The code of groups of economies that are no reporter or partner ('Latin America')."""
    return str(load_json("places.json")["region_code"])


def resolve_place(text: str) -> str | None:
    """'West Germany' → 'DEU'; 'the Community' → 'EUU'; unknown → None."""
    data = load_json("places.json")
    stripped = text.strip()
    if stripped in data["case_sensitive_codes"]:
        return str(data["case_sensitive_codes"][stripped])
    cleaned = re.sub(r"\s+", " ", stripped.lower())
    cleaned = re.sub(r"['\u2019]s$", "", cleaned)  # "Japan's", with either apostrophe
    table = place_table()
    if cleaned in table:
        return table[cleaned]
    if cleaned.startswith("the ") and cleaned[4:] in table:
        return table[cleaned[4:]]
    return None


def place_patterns() -> list[dict[str, Any]]:
    """span_ruler patterns for every place name, id ``place.<ISO3>``."""
    data = load_json("places.json")
    patterns: list[dict[str, Any]] = []
    for name, code in sorted(place_table().items()):
        if name.upper() in data["case_sensitive"] or name in ("ec", "eu", "eec"):
            continue
        tokens = [{"LOWER": part} for part in _split(name)]
        patterns.append({"label": "PLACE", "pattern": tokens, "id": f"place.{code}"})
    for name, code in sorted(data["institutions"].items()):
        tokens = [{"LOWER": part} for part in _split(name)]
        patterns.append({"label": "PLACE", "pattern": tokens, "id": f"place.{code}.institution"})
    for name in data["case_sensitive"]:
        code = data["case_sensitive_codes"].get(name) or place_table()[name.lower()]
        patterns.append({"label": "PLACE", "pattern": [{"ORTH": name}], "id": f"place.{code}"})
    return patterns


def _split(name: str) -> list[str]:
    """Split a name the way spaCy's English tokenizer does for the common cases."""
    parts: list[str] = []
    for word in name.split():
        if word.endswith("'s"):
            parts.extend([word[:-2], "'s"])
        elif "-" in word and not word.endswith("."):
            pieces = word.split("-")
            for index, piece in enumerate(pieces):
                if index:
                    parts.append("-")
                parts.append(piece)
        else:
            parts.append(word)
    return parts

"""Place names of the time → ISO 3166 alpha-3 (EUU for the Community, SUN for the USSR)."""

from __future__ import annotations

import pytest

from newsfacts.mentions.places import place_patterns, resolve_place

CASES: list[tuple[str, str | None]] = [
    ("West Germany", "DEU"),
    ("West German", "DEU"),
    ("the Soviet Union", "SUN"),
    ("the European Community", "EUU"),
    ("the Community", "EUU"),
    ("EC", "EUU"),
    ("Taiwan", "TWN"),
    ("Hong Kong", "HKG"),
    ("U.S.", "USA"),
    ("US", "USA"),
    ("Japan's", "JPN"),
    ("Britain", "GBR"),
    ("Viet Nam", "VNM"),
    ("Belgium-Luxembourg", "BEL"),  # the Belgium-Luxembourg Economic Union (SCHEMA.md)
    ("the Belgo-Luxembourg Economic Union", "BEL"),
    ("BLEU", "BEL"),
    ("Luxembourg", "LUX"),
    ("Latin American", "XRG"),  # a group of economies: no reporter, no partner
    ("Atlantis", None),
]


@pytest.mark.parametrize(("text", "code"), CASES)
def test_resolve_place(text: str, code: str | None) -> None:
    assert resolve_place(text) == code


def test_pronoun_us_is_not_a_place_pattern() -> None:
    lowered = [p for p in place_patterns() if p["pattern"] == [{"LOWER": "us"}]]
    assert lowered == []
    assert any(p["pattern"] == [{"ORTH": "US"}] for p in place_patterns())

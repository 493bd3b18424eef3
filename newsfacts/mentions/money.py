"""Money amounts as news writes them → ``Money`` (Decimal value, currency, raw text, scale).

Plain functions, usable without spaCy. Odd input returns ``None`` instead of raising.

Forms read (case is ignored unless said otherwise)::

    $7.46 billion   7.46 bln dlrs   US$5m   HK $3.7 billion   $US55,931,000   C$ 16.4 million
    €5 million      5 million euros   1,200€   EUR 50m   USD10m   500 USD   30 MUSD
    Rs 500 crore    35 lakh rupees    12,34,567.89 rupees   Y=28,030   RM23.50   PS2.7m (= £)
    six billion dollars   half a billion dollars   3 dollars 50 cents   $-50.8bn (negative)
    $10 to $15 billion   5-6 billion dlrs   between 200 and 300 mln dlrs   (ranges)
    19 cents   470 pence   sen 100,000   2 satoshis   (minor units, in major units)
    15 dollars 50   15 dollars and 50   thirteen dollars forty five   (compound amounts)
    6.25 BTC   10000 bitcoins   ₿21,000,000   150 kn   100,000 ரூ   (crypto, signs after)

A range is one span: ``parse_money`` gives its last amount, the one written in full (as the
span used to be before ranges were read), with both ends in ``low`` and ``high``;
``parse_money_range`` gives both ends as two records, the scale and currency shared
("$10 to $15 billion" → 10 and 15 billion dollars).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache

from newsfacts.mentions.units import minor_unit, unit_tables
from newsfacts.patterns import load_json
from newsfacts.schema import Money

SCALES: dict[str, Decimal] = {
    "thousand": Decimal(10**3),
    "thousands": Decimal(10**3),
    "k": Decimal(10**3),
    "k.": Decimal(10**3),
    "lakh": Decimal(10**5),
    "lakhs": Decimal(10**5),
    "lac": Decimal(10**5),
    "lacs": Decimal(10**5),
    "million": Decimal(10**6),
    "millions": Decimal(10**6),
    "mln": Decimal(10**6),
    "mn": Decimal(10**6),
    "mil": Decimal(10**6),
    "mio": Decimal(10**6),
    "m": Decimal(10**6),
    "m.": Decimal(10**6),
    "crore": Decimal(10**7),
    "crores": Decimal(10**7),
    "billion": Decimal(10**9),
    "billions": Decimal(10**9),
    "bln": Decimal(10**9),
    "bn": Decimal(10**9),
    "b": Decimal(10**9),
    "b.": Decimal(10**9),
    "trillion": Decimal(10**12),
    "tln": Decimal(10**12),
    "trn": Decimal(10**12),
    "tn": Decimal(10**12),
}

_UNITS: tuple[str, ...] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)
_TENS: tuple[str, ...] = (
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)
NUMBER_WORDS: dict[str, Decimal] = (
    {word: Decimal(number) for number, word in enumerate(_UNITS)}
    | {word: Decimal(10 * (number + 2)) for number, word in enumerate(_TENS)}
    | {"a": Decimal(1), "an": Decimal(1), "half": Decimal("0.5"), "hundred": Decimal(100)}
)
_FRACTION_WORDS: dict[str, Decimal] = {
    "half": Decimal("0.5"),
    "quarter": Decimal("0.25"),
    "quarters": Decimal("0.25"),
}

_DIGITS = r"\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUMBER_RE = re.compile(_DIGITS)
_FRACTION_RE = re.compile(r"(\d+)/(\d+)")
# Symbols written before or after the number; a few letters glued to '$' ('hk$', 'usd$');
# '$us'/'$a' (Australian press); 'y=' (Reuters' yen).
_SYMBOL_CHARS = "$£¥€₹₩₽₺₪₱₦₡₾₭₫₴฿元₿"
_TOKEN_RE = re.compile(
    r"[a-z]{1,3}\.?[a-z]?\.?\$|\$(?:us|a|nz|c|hk|s)(?=\s*[\d.])|y=|ரூ|"
    rf"[{_SYMBOL_CHARS}]|\d+/\d+|{_DIGITS}|[a-z][a-z.]*[a-z.]|[a-z]|[-\u2013\u2212]"
)
# 'HK $3.7 billion', 'c $ 16.4 million': a prefix written apart from its '$'.
_SPACED_PREFIX_RE = re.compile(r"\b(U\.S\.|US|HK|NZ|NT|AU|CAN|Can|CA|A|S|C|us|hk|nz|nt|au|c)\s+\$")
_CONNECTORS: frozenset[str] = frozenset({"to", "-", "\u2013", "and", "or"})
_SIGNS: frozenset[str] = frozenset({"-", "\u2212", "minus"})
_CENTS: frozenset[str] = frozenset({"cents", "cent"})


@dataclass(frozen=True)
class CurrencyTables:
    """``currencies.json`` as lookups: prefixes, names, ISO codes and family defaults."""

    symbols: dict[str, str]
    codes: dict[str, str]
    iso_codes: frozenset[str]
    family_defaults: dict[str, dict[str, str]]


@cache
def currency_tables() -> CurrencyTables:
    data = load_json("currencies.json")
    return CurrencyTables(
        symbols=data["symbols"],
        codes=data["codes"],
        iso_codes=frozenset(code.lower() for code in data["iso_codes"]),
        family_defaults=data["family_defaults"],
    )


def currency_families() -> frozenset[str]:
    """Words such as ``dollar`` or ``crown`` that need context to become an ISO code."""
    return frozenset(currency_tables().family_defaults)


def resolve_family(family: str, reporter: str | None, named_dollar: str | None = None) -> str:
    """The ISO code a currency family takes in context."""
    defaults = currency_tables().family_defaults.get(family, {})
    if family == "dollar" and named_dollar:
        return named_dollar
    if reporter and reporter in defaults:
        return defaults[reporter]
    return defaults.get("_", "USD")


def _currency_of(token: str) -> tuple[str, Decimal | None] | None:
    """A currency written as one token: '$' → dollar; 'usd' → USD; 'musd' → USD in millions."""
    tables = currency_tables()
    if token in tables.symbols:
        return tables.symbols[token], None
    units = unit_tables()
    if token in units.crypto:
        return units.crypto[token], None
    if token in units.signs_after:
        return units.signs_after[token], None
    if token in tables.iso_codes:
        return token.upper(), None
    if len(token) > 1 and token.endswith("$"):
        return "dollar", None
    if token[:1] == "m" and token[1:] in tables.iso_codes:
        return token[1:].upper(), SCALES["million"]
    return None


def _digits_value(text: str) -> Decimal | None:
    match = _NUMBER_RE.fullmatch(text)
    if not match:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _fraction_value(text: str) -> Decimal | None:
    match = _FRACTION_RE.fullmatch(text)
    if not match or int(match.group(2)) == 0:
        return None
    return Decimal(match.group(1)) / Decimal(match.group(2))


def read_number(tokens: list[str], start: int) -> tuple[Decimal, int] | None:
    """The number that starts at ``tokens[start]`` and the index after it, or ``None``.

    Digits ('1,234.5', '12,34,567'), mixed fractions ('7 3/4', '7-3/4', '3/4') and number
    words ('six', 'twenty-five', 'a hundred', 'half a', 'three quarters', 'a quarter').
    """
    if start >= len(tokens):
        return None
    token = tokens[start]
    value = _digits_value(token)
    if value is not None:
        index = start + 1
        if index < len(tokens) and tokens[index] == "-" and index + 1 < len(tokens):
            fraction = _fraction_value(tokens[index + 1])
            if fraction is not None:
                return value + fraction, index + 2
        if index < len(tokens):
            fraction = _fraction_value(tokens[index])
            if fraction is not None:
                return value + fraction, index + 1
        return value, index
    fraction = _fraction_value(token)
    if fraction is not None:
        return fraction, start + 1
    return _read_number_words(tokens, start)


def _skip_article(tokens: list[str], index: int) -> int:
    """After 'half'/'quarter': skip 'a', 'an' or 'of a' ('half a billion')."""
    if index < len(tokens) and tokens[index] in ("a", "an"):
        return index + 1
    if tokens[index : index + 2] in (["of", "a"], ["of", "an"]):
        return index + 2
    return index


def _adds_to(value: Decimal, number: Decimal) -> bool:
    """'two hundred' + 'five'; 'twenty' + 'five'; not 'five' + 'six'."""
    if value >= 100 and value % 100 == 0:
        return True
    return 20 <= value < 100 and value % 10 == 0 and number < 10


def _read_number_words(tokens: list[str], start: int) -> tuple[Decimal, int] | None:
    word = tokens[start]
    following = tokens[start + 1] if start + 1 < len(tokens) else ""
    if word in ("a", "an"):
        if following in _FRACTION_WORDS:
            return _FRACTION_WORDS[following], _skip_article(tokens, start + 2)
        if following == "hundred":
            return Decimal(100), start + 2
        if following in SCALES:
            return Decimal(1), start + 1
        return None
    if word in _FRACTION_WORDS:
        return _FRACTION_WORDS[word], _skip_article(tokens, start + 1)
    value: Decimal | None = None
    index = start
    while index < len(tokens):
        word = tokens[index]
        number = NUMBER_WORDS.get(word) if word not in ("a", "an", "half", "hundred") else None
        if number is not None:
            if value is None:
                value = number
            elif _adds_to(value, number):
                value += number
            else:
                break
        elif word == "hundred" and value is not None and value < 100:
            value *= 100
        elif word in ("quarter", "quarters") and value is not None and value <= 4:
            return value * _FRACTION_WORDS[word], index + 1
        else:
            break
        index += 1
    if value is None:
        return None
    return value, index


def parse_number(text: str) -> Decimal | None:
    """'1,234.5' → 1234.5; 'six' → 6; 'twenty-five' → 25; '7 3/4' → 7.75; else None."""
    tokens = _tokens(text)
    read = read_number(tokens, 0)
    if read is None or read[1] != len(tokens):
        return None
    return read[0]


def _tokens(text: str) -> list[str]:
    """Lower-cased tokens of an amount; hyphens inside words ('d-marks') become spaces."""
    joined = _SPACED_PREFIX_RE.sub(r"\1$", text.strip())
    lowered = joined.lower()
    lowered = re.sub(r"(?<=[a-z])-(?=[a-z])|(?<=\d)-(?=[a-z])", " ", lowered)
    return _TOKEN_RE.findall(lowered)


@dataclass
class _Part:
    """One amount of a span: '$10' and '$15 billion' are the two parts of a range."""

    currency: str | None = None
    number: Decimal | None = None
    negative: bool = False
    scale: str | None = None
    multiplier: Decimal | None = None
    words: list[str] = field(default_factory=list)
    cents: Decimal | None = None
    minor: str | None = None  # a minor unit written before the number ('sen 100,000')
    joined_by: str | None = None  # the connector before this part ('and', 'to' ...)


def _read_parts(tokens: list[str]) -> list[_Part]:
    parts = [_Part()]
    index = 0
    while index < len(tokens):
        token, part = tokens[index], parts[-1]
        if part.number is None:
            index = _read_before_number(tokens, index, part)
            continue
        if token in _CONNECTORS and index + 1 < len(tokens):
            parts.append(_Part(joined_by=token))
        elif part.scale is None and token in SCALES and _only_currency(part.words):
            part.scale, part.multiplier = token, SCALES[token]
        elif token in _CENTS and part.words:
            pass
        else:
            read = read_number(tokens, index) if part.words else None
            if read is not None and read[0] < 100 and _cents_follow(tokens, read[1], part):
                part.cents = read[0]
                index = read[1]
            else:
                part.words.append(token)
        index += 1
    return parts


def _cents_follow(tokens: list[str], end: int, part: _Part) -> bool:
    """'3 dollars 50 cents', and with the cents unnamed after one currency word at the end of
    the span: '15 dollars 50', '17 USD 25', 'thirteen dollars forty five'."""
    if end < len(tokens):
        return tokens[end] in _CENTS
    return (len(part.words) == 1 and _currency_of(part.words[0]) is not None) \
        or (len(part.words) == 1 and part.words[0] in currency_tables().codes)


def _only_currency(words: list[str]) -> bool:
    """No words yet, or one currency word ('75 USD million')."""
    return not words or (len(words) == 1 and _currency_of(words[0]) is not None)


def _read_before_number(tokens: list[str], index: int, part: _Part) -> int:
    token = tokens[index]
    read = read_number(tokens, index)
    if read is not None:
        part.number = read[0]
        return read[1]
    if token in _SIGNS:
        part.negative = True
    elif minor_unit(token) is not None and part.currency is None:
        part.minor = token
    elif (found := _currency_of(token)) is not None:
        part.currency = found[0]
        if found[1] is not None:
            part.scale, part.multiplier = token, found[1]
    elif token in currency_tables().codes and part.currency is None:
        part.currency = currency_tables().codes[token]
    return index + 1


def _named_currency(words: list[str]) -> str | None:
    """The currency that the words after a number name ('canadian dlrs' → CAD), if any."""
    tables = currency_tables()
    for size in range(min(3, len(words)), 0, -1):
        phrase = " ".join(words[:size])
        if phrase in tables.codes:
            return tables.codes[phrase]
        if size == 1 and (found := _currency_of(phrase)) is not None:
            return found[0]
    # an adjective the table does not pair with this word ('5 bln Saudi dlrs'): the word alone
    for word in words[1:3]:
        if word in tables.codes:
            return tables.codes[word]
    return None


def _part_currency(part: _Part) -> tuple[str | None, Decimal | None]:
    """Currency and any scale that a word after the number carries ('30 musd')."""
    if part.words and part.multiplier is None:
        found = _currency_of(part.words[0])
        if found is not None and found[1] is not None:
            return found
    named = _named_currency(part.words)
    if part.currency in (None, "dollar") and named is not None:
        return named, None
    return part.currency, None


def _shares_scale(first: _Part, last: _Part) -> bool:
    """'$10 to $15 billion' shares 'billion'; '$200 to $4 million', '$800,000 to $1.3m' do not."""
    assert first.number is not None and last.number is not None
    if first.number >= 1000:
        return False
    return first.currency is None or first.number <= last.number


def _money_of_parts(parts: list[_Part], text: str) -> list[Money]:
    complete = [p for p in parts if p.number is not None]
    if not complete or len(complete) > 2:
        return [] if not complete else _money_of_parts(complete[-1:], text)
    currencies: list[str | None] = []
    for part in complete:
        currency, multiplier = _part_currency(part)
        if multiplier is not None:
            part.multiplier, part.scale = multiplier, part.words[0]
        currencies.append(currency)
    if len(complete) == 2:
        first, last = complete
        if first.multiplier is None and last.multiplier is not None and _shares_scale(first, last):
            first.multiplier, first.scale = last.multiplier, last.scale
        currencies[0] = currencies[0] or currencies[1]
        currencies[1] = currencies[1] or currencies[0]
        if last.cents is None and first.cents is None and _is_cents_part(first, last, text):
            # 'thirteen dollars and forty-five cents', '15 dollars and 50': one amount
            assert last.number is not None
            first.cents, complete = last.number, [first]
            currencies = currencies[:1]
    amounts: list[Money] = []
    for part, currency in zip(complete, currencies, strict=False):
        assert part.number is not None
        value = part.number * (part.multiplier or Decimal(1))
        if part.cents is not None:
            value += part.cents / 100
        minor = _minor_of(part, currency)
        if minor is not None:  # '19 cents' = 0.19 dollar; 'sen 100,000' = 1,000 ringgit
            currency, size = minor
            value /= size
        if part.negative:
            value = -value
        amounts.append(Money(value=value, currency=currency, raw=text, scale=part.scale))
    return amounts


def _is_cents_part(first: _Part, last: _Part, text: str) -> bool:
    """'thirteen dollars and forty-five cents', '15 dollars and 50', 'c $ 100 and fifty':
    the part after 'and' is the cents of the first, not a range's end."""
    if last.words[:1] in (["cents"], ["cent"]):
        return True
    if last.joined_by != "and" or last.words or last.currency or last.multiplier is not None:
        return False
    if first.multiplier is not None or text.strip().lower().startswith("between"):
        return False
    assert last.number is not None
    return last.number < 100 and last.number == last.number.to_integral_value()


def _minor_of(part: _Part, currency: str | None) -> tuple[str, Decimal] | None:
    """A minor unit alone with its number ('19 cents', '470 pence', 'sen 100,000'): the
    currency it belongs to and how many make a major unit."""
    if part.cents is not None or part.multiplier is not None:
        return None
    word = part.minor or (part.words[0] if part.words and currency is None else None)
    if word is None:
        return None
    found = minor_unit(word)
    if found is None:
        return None
    return found[0], found[1]


def parse_money_amounts(text: str) -> list[Money]:
    """Every amount of a money span: one, or the two ends of a range; [] where none reads."""
    return _money_of_parts(_read_parts(_tokens(text)), text)


def parse_money(text: str) -> Money | None:
    """Parse a money span: '$7.46 billion' → 7460000000 dollar; '500 mln stg' → GBP.

    ``currency`` is an ISO 4217 code where the text fixes one, else the family word
    (``dollar``, ``crown``, ``franc`` …) or ``None`` where no currency is written.
    A range gives its last amount: '5 to 6 billion dlrs' → 6000000000.
    """
    amounts = parse_money_amounts(text)
    if not amounts:
        return None
    if len(amounts) == 2:
        return amounts[1].model_copy(update={"low": amounts[0].value, "high": amounts[1].value})
    return amounts[-1]


def parse_money_range(text: str) -> tuple[Money, Money] | None:
    """Both ends of a range span ('$10 to $15 billion' → 10e9, 15e9); None for one amount."""
    amounts = parse_money_amounts(text)
    if len(amounts) != 2:
        return None
    return amounts[0], amounts[1]

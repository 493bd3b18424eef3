"""Tokenizer rules for news money: '1.2bn' → '1.2' 'bn'; 'HK$12' → 'HK$' '12'.

Prefixes (split off the front of a token when a digit follows):
    currency letters glued to '$' ('US$', 'HK$', 'usd$', 'Can$', 'U.S.$'), '$US'/'$A' (Australian
    press), an upper-case ISO code ('USD10m'), 'Rs'/'Rs.', 'RM' (ringgit), 'PS' (the pound sign as
    some text archives write it) and 'Y=' (Reuters' yen).
Suffixes (split off the end when a digit comes before):
    scale words ('bn', 'bln', 'mln', 'mn', 'm', 'b', 'tn', 'tln', 'trn', 'k', 'mil'; headline
    capitals 'B', 'M', 'T', 'Bn': '$103B'), 'pct', 'pc',
    an upper-case ISO code ('115USD') and '元'.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_prefix_regex, compile_suffix_regex

ISO_GLUED: tuple[str, ...] = (
    "USD", "EUR", "GBP", "JPY", "CNY", "AUD", "CAD", "CHF", "HKD", "NZD", "SGD", "INR", "KRW",
    "MYR", "ZAR", "SEK", "NOK", "DKK", "RUB", "BRL", "MXN", "IDR", "THB", "TWD", "ILS", "PLN",
)
_ISO = "|".join(ISO_GLUED)
SCALE_SUFFIX = r"(?<=[0-9])(?:bn|bln|mln|mn|mil|m|b|tn|tln|trn|k|pct|pc|Bn|BN|B|M|T)"
CURRENCY_SUFFIXES: tuple[str, ...] = (rf"(?<=[0-9])(?:{_ISO})", r"(?<=[0-9])元")
CURRENCY_PREFIXES: tuple[str, ...] = (
    r"U\.S\.\$(?=[0-9.])",
    r"[A-Za-z]{1,3}\$(?=[0-9.])",
    r"\$(?:US|A|NZ|C|HK|S)(?=[0-9])",
    rf"(?:{_ISO})(?=[0-9])",
    r"Rs\.?(?=[0-9])",
    r"RM(?=[0-9])",
    r"PS(?=[0-9])",
    r"Y=(?=[0-9])",
)


def customize_tokenizer(nlp: Language) -> None:
    """Add newsfacts' prefix and suffix rules to ``nlp``'s tokenizer (saved with the pipeline)."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer keeps its own rules
    prefixes = [*CURRENCY_PREFIXES, *(nlp.Defaults.prefixes or ())]
    suffixes = [SCALE_SUFFIX, *CURRENCY_SUFFIXES, *(nlp.Defaults.suffixes or ())]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search

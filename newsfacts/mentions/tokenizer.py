"""Tokenizer rules for news money: '1.2bn' → '1.2' 'bn'; 'HK$12' → 'HK$' '12'."""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_prefix_regex, compile_suffix_regex

SCALE_SUFFIX = r"(?<=[0-9])(?:bn|bln|mln|mn|m|b|tln|trn|pct|pc)"
CURRENCY_PREFIXES: tuple[str, ...] = (
    r"US\$", r"U\.S\.\$", r"A\$", r"C\$", r"HK\$", r"NZ\$", r"S\$", r"NT\$", r"M\$", r"R\$", r"Can\$",
)


def customize_tokenizer(nlp: Language) -> None:
    """Add newsfacts' prefix and suffix rules to ``nlp``'s tokenizer (saved with the pipeline)."""
    prefixes = [*CURRENCY_PREFIXES, *nlp.Defaults.prefixes]
    suffixes = [SCALE_SUFFIX, *nlp.Defaults.suffixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search

"""unwrap_lines: wrapped lines joined, offsets kept, paragraph breaks left alone."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsfacts.extract import unwrap_lines

# the definition, as one pattern: a break (LF or CRLF) not after another break and not
# before white space becomes as many spaces
DEFINITION = re.compile(r"(?<![\r\n])\r?\n(?!\s)")


def by_definition(text: str) -> str:
    return DEFINITION.sub(lambda match: " " * len(match.group()), text)


def test_wrapped_lines_are_joined_and_paragraphs_kept() -> None:
    text = "rose 10.2\nbillion dlrs.\n\n  Exports\r\nfell.\n"
    assert unwrap_lines(text) == "rose 10.2 billion dlrs.\n\n  Exports  fell. "


@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "\r", "\t", "\u00a0", "."]),
               max_size=40))
def test_unwrap_lines_keeps_offsets_and_follows_the_definition(text: str) -> None:
    unwrapped = unwrap_lines(text)
    assert len(unwrapped) == len(text)
    assert unwrapped == by_definition(text)

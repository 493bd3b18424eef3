"""An article's text as HTML with each fact's evidence span marked, in displaCy's span style.

Evidence spans may overlap (two facts read from one clause): the text is cut at every span
boundary and each piece is marked with the facts that cover it, so that overlapping facts
show as stacked underlines, as displaCy draws overlapping spans. A label with the fact's
number and indicator opens each span. Offsets are the facts' ``evidence_start`` and
``evidence_end`` in the article text; single line breaks are shown as spaces and blank lines
as paragraph breaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from itertools import pairwise

from newsfacts.schema import TradeFact

INDICATOR_COLOURS: dict[str, str] = {"trade_balance": "#7aecec", "exports": "#bfeeb7",
                                     "imports": "#feca74", "current_account": "#c887fb"}
INDICATOR_LABELS: dict[str, str] = {"trade_balance": "balance", "exports": "exports",
                                    "imports": "imports", "current_account": "current account"}
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


def highlight(text: str, facts: Sequence[TradeFact], numbers: Sequence[int] | None = None
              ) -> str:
    """``text`` as escaped HTML with ``<mark>`` elements over the facts' evidence spans."""
    numbered = list(zip(numbers or range(1, len(facts) + 1), facts, strict=True))
    spans = [(max(0, f.evidence_start), min(len(text), f.evidence_end), n, f.indicator)
             for n, f in numbered if f.evidence_end > f.evidence_start]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    html = ['<p class="nf-para">']
    for start, end in pairwise(cuts):
        covering = [span for span in spans if span[0] <= start and end <= span[1]]
        piece = _text(text[start:end], marked=bool(covering))
        if not covering:
            html.append(piece)
            continue
        labels = "".join(_label(n, indicator) for s, _, n, indicator in covering if s == start)
        depth = len(covering)
        innermost = min(covering, key=lambda span: span[1] - span[0])
        facts_attr = " ".join(str(n) for _, _, n, _ in covering)
        html.append(f'<mark class="nf-hl nf-{innermost[3]}" data-facts="{facts_attr}" '
                    f'style="{_underlines(covering)}" data-depth="{depth}">'
                    f"{labels}{piece}</mark>")
    html.append("</p>")
    return "".join(html)


def _text(piece: str, marked: bool) -> str:
    """Escaped text; a blank line starts a new paragraph (a line break inside a mark)."""
    breaks = "<br><br>" if marked else '</p><p class="nf-para">'
    return breaks.join(escape(part).replace("\n", " ") for part in _PARAGRAPH.split(piece))


def _label(number: int, indicator: str) -> str:
    return (f'<span class="nf-label" style="background:{INDICATOR_COLOURS[indicator]}">'
            f"{number} · {INDICATOR_LABELS[indicator]}</span>")


def _underlines(covering: Sequence[tuple[int, int, int, str]]) -> str:
    """One coloured underline per covering fact, stacked below the text."""
    ordered = sorted(covering, key=lambda span: span[2])
    shadows = ", ".join(f"0 {3 * (i + 1)}px 0 {INDICATOR_COLOURS[indicator]}"
                        for i, (_, _, _, indicator) in enumerate(ordered))
    return f"box-shadow: {shadows}; padding-bottom: {3 * (len(ordered) - 1)}px"

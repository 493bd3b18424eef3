"""Evidence spans in the article text: marks, labels, overlaps, escaping, paragraphs."""

from __future__ import annotations

from html.parser import HTMLParser

from newsfacts.review.highlight import highlight
from newsfacts.schema import TradeFact
from tests.validation.helpers import fact

TEXT = "Exports rose to $42.2 billion and imports to $54.2 billion in March.\n\nMore <b>."
EXPORTS = (0, TEXT.index(" and"))
IMPORTS = (TEXT.index("imports"), TEXT.index(" in March"))
BOTH = (0, IMPORTS[1])


def spanned(start: int, end: int, indicator: str = "exports") -> TradeFact:
    return fact("42.2e9", indicator=indicator, evidence=TEXT[start:end], evidence_start=start,
                evidence_end=end)


class Marks(HTMLParser):
    """Collects the text inside each <mark> with its data-facts."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, str]] = []
        self.depth = 0
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "mark":
            self.marks.append((dict(attrs)["data-facts"] or "", ""))
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and self.marks:
            facts, text = self.marks[-1]
            self.marks[-1] = (facts, text + data)


def parse(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    return parser


def test_each_evidence_span_is_marked_with_its_number_and_indicator() -> None:
    html = highlight(TEXT, [spanned(*EXPORTS), spanned(*IMPORTS, "imports")])
    marks = parse(html).marks
    assert [facts for facts, _ in marks] == ["1", "2"]
    assert marks[0][1] == "1 · exportsExports rose to $42.2 billion"
    assert "nf-imports" in html and "2 · imports" in html


def test_overlapping_spans_are_cut_and_stacked() -> None:
    html = highlight(TEXT, [spanned(*BOTH), spanned(*IMPORTS, "imports")])
    facts = [facts for facts, _ in parse(html).marks]
    assert facts == ["1", "1 2"]
    assert html.count("box-shadow") == 2
    assert "0 3px 0" in html and "0 6px 0" in html  # the second underline sits below


def test_text_is_escaped_and_paragraphs_kept() -> None:
    html = highlight(TEXT, [])
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count('<p class="nf-para">') == 2


def test_spans_outside_the_text_are_clipped_not_fatal() -> None:
    wrong = fact("1e9", evidence="x", evidence_start=60, evidence_end=500)
    html = highlight(TEXT, [wrong])
    assert parse(html).marks[0][1].endswith("More <b>.")

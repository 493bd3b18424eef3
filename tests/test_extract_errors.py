"""The two-sided error policy: odd text yields no fact, bad input becomes an error record."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from newsfacts import extract
from newsfacts.errors import DateError, DocumentTooLargeError, Errors, InputError
from newsfacts.extractor import Extractor
from newsfacts.ingest import read_paths
from newsfacts.ingest.dates import parse_published
from newsfacts.outputs import write_jsonl
from newsfacts.pipeline import build_pipeline
from newsfacts.schema import Article, ErrorRecord, TradeFact
from newsfacts.settings import Settings
from tests.conftest import SEED_PUBLISHED, SEED_TEXT


def test_seed_sentence_gives_the_trade_balance(extractor: Extractor) -> None:
    [fact] = extract(SEED_TEXT, SEED_PUBLISHED, doc_id="seed", extractor=extractor)
    assert (fact.doc_id, fact.indicator, fact.reporter, fact.partner, fact.period) == (
        "seed", "trade_balance", "USA", "WLD", "1994-03")
    assert fact.value == Decimal("-7460000000")
    assert fact.currency == "USD"
    assert fact.change_pct == Decimal("-18.5")
    assert fact.modality == "actual"
    assert SEED_TEXT[fact.evidence_start:fact.evidence_end] == fact.evidence
    assert "$7.46 billion" in fact.evidence


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\n"])
def test_empty_text_gives_no_fact(text: str, extractor: Extractor) -> None:
    assert extract(text, SEED_PUBLISHED, extractor=extractor) == []


@pytest.mark.parametrize("text", [
    "The cat sat on the mat.",
    "Shares rose 2.3% to a record on Wall Street, and the dollar gained against the yen.",
    "The company said sales climbed to $4.5 billion in March.",
    "Ticket prices rose 12% in March.",
])
def test_text_without_trade_content_gives_no_fact(text: str, extractor: Extractor) -> None:
    assert extract(text, SEED_PUBLISHED, extractor=extractor) == []


def test_missing_date_leaves_relative_periods_unresolved(extractor: Extractor) -> None:
    facts = extract(SEED_TEXT, None, doc_id="undated", extractor=extractor)
    assert len(facts) == 1
    assert facts[0].period is None
    assert facts[0].value == Decimal("-7460000000")
    assert facts[0].indicator == "trade_balance"


def test_document_over_max_chars_raises_e103() -> None:
    small = Extractor(settings=Settings(max_chars=60))
    article = Article(id="long", text=SEED_TEXT)
    with pytest.raises(DocumentTooLargeError, match=r"'long' has 94 characters; the limit is 60"):
        small.extract(article)


def test_batch_turns_an_oversized_document_into_an_error_record() -> None:
    small = Extractor(settings=Settings(max_chars=100))
    articles: list[Article | ErrorRecord] = [
        Article(id="long", text=SEED_TEXT + " " + SEED_TEXT, published=dt.date(1994, 5, 20)),
        ErrorRecord(doc_id="bad.txt", error_code="E102", error="not UTF-8"),
        Article(id="short", text=SEED_TEXT, published=dt.date(1994, 5, 20)),
    ]
    results = [result for _, result in small.extract_many(articles)]
    assert len(results) == len(articles)
    too_long, unreadable, facts = results
    assert isinstance(too_long, ErrorRecord)
    assert (too_long.doc_id, too_long.error_code) == ("long", Errors.DOCUMENT_TOO_LARGE.code)
    assert "Settings.max_chars" in too_long.error
    assert unreadable == articles[1]
    assert isinstance(facts, list) and [f.period for f in facts] == ["1994-03"]


def test_loaded_pipeline_takes_max_chars_from_settings() -> None:
    nlp = build_pipeline()
    nlp.max_length = 50  # as low as spaCy's default is below Settings.max_chars
    runner = Extractor(nlp=nlp, settings=Settings(max_chars=1000))
    facts = runner.extract(Article(id="a", text=SEED_TEXT, published=dt.date(1994, 5, 20)))
    assert [f.value for f in facts] == [Decimal("-7460000000")]


@pytest.mark.parametrize(("value", "expected"), [
    ("1994-05-20", dt.date(1994, 5, 20)),
    (" 1994-05-20 ", dt.date(1994, 5, 20)),
    ("1994-05-20T08:30:00", dt.date(1994, 5, 20)),
    (dt.datetime(1994, 5, 20, 8, 30), dt.date(1994, 5, 20)),
    (dt.date(1994, 5, 20), dt.date(1994, 5, 20)),
    ("26-FEB-1987", dt.date(1987, 2, 26)),  # one parser for readers and callers
    ("26-FEB-1987 15:51:51.24", dt.date(1987, 2, 26)),
    (None, None),
])
def test_parse_published(value: str | dt.date | None, expected: dt.date | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["20/05/1994", "1994-13-01", "1994-05-201", "May 1994", ""])
def test_parse_published_rejects(value: str) -> None:
    code = Errors.DATE_NOT_A_DATE.code
    with pytest.raises(DateError, match=rf"\[{code}\] published: .* is not a date"):
        parse_published(value)


def test_extract_rejects_a_malformed_date(extractor: Extractor) -> None:
    with pytest.raises(DateError, match="'1994-5-20'"):
        extract(SEED_TEXT, "1994-5-20", extractor=extractor)


def test_library_never_prints(tmp_path: Path, extractor: Extractor,
                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe bad")
    (tmp_path / "c.jsonl").write_text("{oops\n", encoding="utf-8")
    records: list[TradeFact | ErrorRecord] = []
    for _, result in extractor.extract_many(read_paths([tmp_path])):
        records.extend([result] if isinstance(result, ErrorRecord) else result)
    write_jsonl(records, io.StringIO())
    assert [r.error_code for r in records if isinstance(r, ErrorRecord)] == [
        Errors.FILE_NOT_UTF8.code, Errors.NOT_JSON.code]
    assert capsys.readouterr() == ("", "")


class FailingExtractor(Extractor):
    """Raises a plain exception (as a bug would) on the document with id 'bug'."""

    def extract(self, article: Article) -> list[TradeFact]:
        if article.id == "bug":
            raise KeyError("iso_codes")
        return super().extract(article)


def test_batch_turns_a_bug_into_an_e300_record_and_goes_on() -> None:
    runner = FailingExtractor()
    articles: list[Article | ErrorRecord] = [
        Article(id="bug", text=SEED_TEXT, source="docs/bug.txt"),
        Article(id="after", text=SEED_TEXT, published=dt.date(1994, 5, 20)),
    ]
    failed, after = (result for _, result in runner.extract_many(articles))
    assert isinstance(failed, ErrorRecord)
    assert failed.error_code == "E300"
    assert failed.error == "document 'bug': KeyError: 'iso_codes'"
    assert failed.source == "docs/bug.txt"
    assert isinstance(after, list) and len(after) == 1
    with pytest.raises(KeyError):  # a single extraction still raises: bugs stay visible
        runner.extract(Article(id="bug", text=""))


@pytest.mark.parametrize(
    ("text", "doc_id", "code", "fragment"),
    [
        (None, "doc", Errors.NOT_A_TEXT.code, "expected a text"),
        (12345, "doc", Errors.NOT_A_TEXT.code, "got int"),
        ("Japan's surplus", "", Errors.EMPTY_DOC_ID.code, "doc_id must be a non-empty string"),
        ("Japan's surplus \udc80", "doc", Errors.LONE_SURROGATE.code, "lone surrogate"),
        ("Japan's surplus", "id\udc80", Errors.LONE_SURROGATE.code, "lone surrogate"),
    ],
)
def test_values_that_are_no_text_get_a_coded_error(
    extractor: Extractor, text: object, doc_id: str, code: str, fragment: str
) -> None:
    with pytest.raises(InputError, match=fragment) as raised:
        extract(text, published=SEED_PUBLISHED, doc_id=doc_id, extractor=extractor)  # type: ignore[arg-type]
    assert raised.value.code == code


def test_unusable_ids_and_file_names_become_error_records(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        '{"id": "sur\\udc80id", "title": "T", "body": "B"}\n{"id": "ok", "body": "B"}\n'
        '{"id": "x", "body": "text \\udc80"}\n', encoding="utf-8")
    (tmp_path / "caf\udce9.txt").write_bytes(b"Japan's trade surplus.")
    records = list(read_paths([tmp_path], published=dt.date(1987, 4, 1)))
    errors = [r for r in records if isinstance(r, ErrorRecord)]
    assert [r.error_code for r in errors] == [
        Errors.LONE_SURROGATE.code, Errors.LONE_SURROGATE.code, Errors.FILE_NAME_NOT_UTF8.code]
    assert [r.id for r in records if isinstance(r, Article)] == ["ok"]
    assert all(r.doc_id.encode("utf-8") for r in errors)  # printable, with escapes
    assert any("caf\\udce9.txt" in r.error and "not UTF-8" in r.error for r in errors)


@pytest.mark.parametrize("published", ["0001-01-01", "0999-12-31", dt.date(1, 3, 1)])
def test_a_year_no_period_code_can_name_is_refused(published: object) -> None:
    with pytest.raises(DateError, match="four-digit years"):
        parse_published(published)  # type: ignore[arg-type]


def test_a_record_dated_in_year_one_is_an_error_record(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "a", "body": "B", "date": "0001-01-01"}\n',
                                      encoding="utf-8")
    (record,) = read_paths([tmp_path / "a.jsonl"])
    assert isinstance(record, ErrorRecord) and record.error_code == Errors.DATE_YEAR_RANGE.code

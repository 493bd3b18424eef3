"""Readers: text files with sidecars, JSONL records, folders; bad input → ErrorRecord."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from newsfacts.errors import DateError, EncodingError, Errors
from newsfacts.ingest import read_jsonl, read_paths, read_text_file
from newsfacts.ingest.dates import parse_date
from newsfacts.schema import Article, ErrorRecord

TEXT = "Trade gap narrows\n\nThe U.S. trade deficit narrowed 18.5% to $7.46 billion in March."


def write_jsonl_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("value", "expected"), [
    ("1994-05-20", dt.date(1994, 5, 20)),
    ("1994-05-20T09:30:00", dt.date(1994, 5, 20)),
    ("26-FEB-1987 15:51:51.24", dt.date(1987, 2, 26)),
    ("26-FEB-1987 15:51:51", dt.date(1987, 2, 26)),
    ("26-FEB-1987", dt.date(1987, 2, 26)),
    ("27-MAR-1987 01:35:42.65RM", dt.date(1987, 3, 27)),  # stray letters, as in the corpus
    ("27-MAR-1987 09:19:25.22C G T M", dt.date(1987, 3, 27)),
    ("31-MAR-1987 605:12:19.12", dt.date(1987, 3, 31)),  # reut2-017, a garbled time
    ("9-APR-1987 00:00:00.00    # date added by S Finch as guesswork", dt.date(1987, 4, 9)),
    (" 1994-05-20 ", dt.date(1994, 5, 20)),
    (None, None),
    ("", None),
])
def test_parse_date(value: str | None, expected: dt.date | None) -> None:
    assert parse_date(value, "here") == expected


@pytest.mark.parametrize("value", ["May 20, 1994", "1994-13-01", "yesterday", 19940520,
                                   "31-FEB-1987 01:35:42.65RM", "27-MAR-1987 rumour",
                                   "1994-05-201", "1994-05-20x", "27-MAR-1987 01:35:42 rumour",
                                   "27-MAR-1987 01:35:42#x"])
def test_parse_date_rejects(value: object) -> None:
    with pytest.raises(DateError, match=r"here: .* is not a date"):
        parse_date(value, "here")


# --------------------------------------------------------------------------- text files


def test_text_file_with_named_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "story.json").write_text(
        json.dumps({"doc_id": "nf-900", "published": "1994-05-20", "title": "Trade gap"}),
        encoding="utf-8")
    article = read_text_file(path)
    assert article.id == "nf-900"
    assert article.text == TEXT
    assert article.published == dt.date(1994, 5, 20)
    assert article.title == "Trade gap"
    assert article.source == str(path)


def test_text_file_with_meta_json(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "meta.json").write_text(
        json.dumps({"doc_id": "seed", "published": "1994-05-20", "source": "LA Times"}),
        encoding="utf-8")
    article = read_text_file(path)
    assert (article.id, article.published, article.source) == (
        "seed", dt.date(1994, 5, 20), "LA Times")


def test_text_file_without_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = read_text_file(path)
    assert article.id == "plain"
    assert article.published is None


def test_published_argument_overrides_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "story.json").write_text('{"published": "1990-01-01"}', encoding="utf-8")
    assert read_text_file(path, dt.date(1994, 5, 20)).published == dt.date(1994, 5, 20)


def test_gzipped_text_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(TEXT)
    article = read_text_file(path)
    assert article.id == "story"
    assert article.text == TEXT


def test_non_utf8_text_file_raises_e102(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Exporte stiegen um 5 Mrd. \xe4".encode("latin-1"))
    with pytest.raises(EncodingError, match=r"latin\.txt: not UTF-8 text") as caught:
        read_text_file(path)
    assert caught.value.code == Errors.FILE_NOT_UTF8.code


def test_read_paths_turns_bad_files_into_error_records(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"caf\xe9")
    broken = tmp_path / "broken.txt"
    broken.write_text(TEXT, encoding="utf-8")
    (tmp_path / "broken.json").write_text("{oops", encoding="utf-8")
    results = list(read_paths([good, latin, broken, tmp_path / "absent.txt"]))
    assert isinstance(results[0], Article) and results[0].id == "good"
    codes = [r.error_code for r in results[1:] if isinstance(r, ErrorRecord)]
    assert codes == [Errors.FILE_NOT_UTF8.code, Errors.SIDECAR_NOT_JSON.code,
                     Errors.CANNOT_READ.code]
    assert isinstance(results[3], ErrorRecord) and "absent.txt" in results[3].doc_id


def test_bad_sidecar_date_is_e101(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "story.json").write_text('{"published": "20/05/1994"}', encoding="utf-8")
    [result] = read_paths([path])
    assert isinstance(result, ErrorRecord)
    assert result.error_code == Errors.DATE_NOT_A_DATE.code
    assert "20/05/1994" in result.error


# --------------------------------------------------------------------------- JSONL


def test_jsonl_records(tmp_path: Path) -> None:
    path = write_jsonl_lines(tmp_path / "docs.jsonl", [
        json.dumps({"newid": 47, "date": "26-FEB-1987 15:51:51.24", "title": "BRAZIL TRADE",
                    "body": "Brazil's trade surplus fell."}),
        json.dumps({"doc_id": "newsdev-01", "date": "1985-11-28", "title": "Gap cut",
                    "body": "The deficit narrowed."}),
        json.dumps({"id": "plain", "text": "Body only."}),
    ])
    first, second, third = read_jsonl(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert isinstance(third, Article)
    assert first.id == "reuters-47"
    assert first.published == dt.date(1987, 2, 26)
    assert first.text == "BRAZIL TRADE\n\nBrazil's trade surplus fell."
    assert second.id == "newsdev-01"
    assert second.published == dt.date(1985, 11, 28)
    assert third.id == "plain"
    assert third.text == "Body only."
    assert third.published is None


def test_malformed_jsonl_line_is_e104_and_reading_goes_on(tmp_path: Path) -> None:
    path = write_jsonl_lines(tmp_path / "docs.jsonl", [
        json.dumps({"id": "a", "body": "one"}),
        '{"id": "b", "body": ',
        "",
        json.dumps({"id": "c", "body": "three"}),
    ])
    results = list(read_jsonl(path))
    assert len(results) == 3
    assert isinstance(results[1], ErrorRecord)
    assert results[1].error_code == Errors.NOT_JSON.code
    assert results[1].doc_id.endswith("docs.jsonl:2")
    assert "not valid JSON" in results[1].error
    assert [r.id for r in results if isinstance(r, Article)] == ["a", "c"]


@pytest.mark.parametrize(("record", "code", "message"), [
    ("[1, 2]", Errors.NOT_A_JSON_OBJECT.code, "expected a JSON object, got list"),
    ('{"body": "no id"}', Errors.NO_ID.code, "no id"),
    ('{"id": "x"}', Errors.NO_TEXT.code, "neither title nor body"),
    ('{"id": "x", "body": 5}', Errors.FIELD_TYPE.code, "body must be a string"),
    ('{"id": "x", "body": "b", "date": "someday"}', Errors.DATE_NOT_A_DATE.code, "'someday'"),
])
def test_bad_jsonl_records(tmp_path: Path, record: str, code: str, message: str) -> None:
    path = write_jsonl_lines(tmp_path / "docs.jsonl", [record])
    [result] = read_jsonl(path)
    assert isinstance(result, ErrorRecord)
    assert result.error_code == code
    assert message in result.error


def test_non_utf8_jsonl_line_costs_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b'{"id": "a", "body": "one"}\n{"id": "b", "body": "t\xffo"}\n'
                     b'{"id": "c", "body": "three"}\n')
    results = list(read_jsonl(path))
    assert len(results) == 3
    assert isinstance(results[1], ErrorRecord)
    assert results[1].error_code == Errors.NOT_UTF8.code
    assert results[1].doc_id.endswith("docs.jsonl:2")
    assert [r.id for r in results if isinstance(r, Article)] == ["a", "c"]


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "a", "body": "one"}) + "\n")
    assert [r.id for r in read_paths([path]) if isinstance(r, Article)] == ["a"]


def test_missing_jsonl_is_an_error_record(tmp_path: Path) -> None:
    [result] = read_jsonl(tmp_path / "absent.jsonl")
    assert isinstance(result, ErrorRecord)
    assert result.error_code == Errors.CANNOT_OPEN.code


# --------------------------------------------------------------------------- folders


def test_folder_reads_text_and_jsonl_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"published": "1994-05-20"}', encoding="utf-8")
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a document", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    write_jsonl_lines(sub / "c.jsonl", [json.dumps({"id": "c", "body": "C"})])
    results = list(read_paths([tmp_path]))
    assert [r.id for r in results if isinstance(r, Article)] == ["a", "b", "c"]
    assert all(isinstance(r, Article) for r in results)
    assert isinstance(results[1], Article) and results[1].published == dt.date(1994, 5, 20)


def test_empty_folder_is_an_error_record(tmp_path: Path) -> None:
    [result] = read_paths([tmp_path])
    assert isinstance(result, ErrorRecord)
    assert result.error_code == Errors.FOLDER_EMPTY.code
    assert "holds no .txt or .jsonl files" in result.error


# --------------------------------------------------------------------------- ../shared


@pytest.mark.shared
@pytest.mark.parametrize(("name", "prefix"), [("reuters-trade.jsonl", "reuters-"),
                                               ("news-dev.jsonl", "newsdev-")])
def test_shared_corpora_read_whole(shared_dir: Path, name: str, prefix: str) -> None:
    path = shared_dir / "corpus" / name
    with path.open(encoding="utf-8") as handle:
        lines = sum(1 for line in handle if line.strip())
    results = list(read_jsonl(path))
    errors = [r for r in results if isinstance(r, ErrorRecord)]
    assert errors == []
    assert len(results) == lines
    articles = [r for r in results if isinstance(r, Article)]
    assert all(a.published is not None and a.id.startswith(prefix) for a in articles)
    assert len({a.id for a in articles}) == lines

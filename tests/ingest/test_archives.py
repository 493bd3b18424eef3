"""CSV, Reuters-21578 SGML, HTML and WARC readers; gzip; a missing extra is a clear error."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest

from newsfacts.errors import ConfigError, Errors, RecordError
from newsfacts.extras import require
from newsfacts.ingest import (
    CsvColumns,
    read_csv,
    read_html_file,
    read_jsonl,
    read_paths,
    read_reuters_sgml,
    read_warc,
)
from newsfacts.schema import Article, ErrorRecord

SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>trade</D></TOPICS>
<PLACES><D>usa</D></PLACES>
<TEXT>&#2;
<TITLE>U.S. TRADE DEFICIT &lt;NARROWS&gt;</TITLE>
<DATELINE>    WASHINGTON, Feb 26 - </DATELINE><BODY>The U.S. trade deficit narrowed to
10.2 billion dlrs in January, the Commerce Department said.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5545" NEWID="2">
<DATE>26-FEB-1987 15:02:20.00&#5;&#5;&#5;RM</DATE>
<TEXT TYPE="UNPROC">&#2;
Japan's surplus rose &amp; grew.
&#3;</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5546">
<DATE>26-FEB-1987 15:03:20.00</DATE>
<TEXT><TITLE>NO NEWID</TITLE></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5547" NEWID="4">
<DATE>31-FEB-1987 15:03:20.00</DATE>
<TEXT><TITLE>BAD DATE</TITLE></TEXT>
</REUTERS>
"""

PAGE = """<html><head><title>Trade gap narrows</title>
<meta property="article:published_time" content="2014-05-20T10:00:00Z"></head>
<body><nav>Home | World | Business</nav><article><h1>Trade gap narrows</h1>
<p>The U.S. trade deficit narrowed 18.5% to $7.46 billion in March, the Commerce Department
said on Thursday, as exports of aircraft and machinery climbed to a record.</p>
<p>Imports fell for the second month in a row, the department said in its monthly report,
and economists had expected a smaller improvement in the trade balance.</p>
</article><footer>Copyright</footer></body></html>"""


# --------------------------------------------------------------------------- CSV


def test_csv_with_mapping_bad_rows_and_gzip(tmp_path: Path) -> None:
    rows = ("story,content,day\n"
            's1,"The deficit was $7.46 billion in March.",1994-05-20\n'
            ',no id here,1994-05-20\n'
            's3,"",1994-05-20\n'
            's4,text,1994-13-01\n'
            's5,"multi\nline",\n')
    path = tmp_path / "docs.csv.gz"
    path.write_bytes(gzip.compress(rows.encode() + b"s6,bad \xff byte,1994-05-20\n"))
    columns = CsvColumns.parse("id=story,text=content,published=day")
    out = list(read_csv(path, columns))
    assert len(out) == 6
    first = out[0]
    assert isinstance(first, Article) and first.id == "s1"
    assert first.published == dt.date(1994, 5, 20)
    assert [r.error_code for r in out if isinstance(r, ErrorRecord)] == [
        Errors.CSV_EMPTY_ID.code, Errors.CSV_EMPTY_TEXT.code, Errors.DATE_NOT_A_DATE.code,
        Errors.CSV_NOT_UTF8.code]
    fifth = out[4]
    assert isinstance(fifth, Article) and fifth.text == "multi\nline" and fifth.published is None


def test_csv_missing_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "docs.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    (error,) = read_csv(path)
    assert isinstance(error, ErrorRecord) and "no column 'id'" in error.error


@pytest.mark.parametrize("spec", ["idd=x", "id=", "text"])
def test_csv_column_mapping_rejects(spec: str) -> None:
    with pytest.raises(RecordError, match="role=column"):
        CsvColumns.parse(spec)


# --------------------------------------------------------------------------- SGML


def test_reuters_sgml(tmp_path: Path) -> None:
    path = tmp_path / "reut2-000.sgm"
    path.write_text(SGML, encoding="utf-8")
    out = list(read_reuters_sgml(path))
    assert len(out) == 4
    story = out[0]
    assert isinstance(story, Article)
    assert story.id == "reuters-1" and story.published == dt.date(1987, 2, 26)
    assert story.title == "U.S. TRADE DEFICIT <NARROWS>"
    assert story.text.startswith("U.S. TRADE DEFICIT <NARROWS>\n\nThe U.S. trade deficit")
    assert story.text.endswith(" Reuter\n") and "WASHINGTON" not in story.text
    unproc = out[1]
    assert isinstance(unproc, Article) and "Japan's surplus rose & grew." in unproc.text
    assert unproc.published == dt.date(1987, 2, 26)  # the date's '&#5;…RM' tail is dropped
    assert [(r.error_code, "NEWID" in r.error) for r in out[2:] if isinstance(r, ErrorRecord)
            ] == [(Errors.REUTERS_NO_NEWID.code, True), (Errors.DATE_NOT_A_DATE.code, False)]


def test_reuters_sgml_gzip_bad_bytes_and_unclosed(tmp_path: Path) -> None:
    broken = SGML.replace("Japan's", "Japan\udcffs").encode("utf-8", "surrogateescape")
    path = tmp_path / "reut2-001.sgm.gz"
    path.write_bytes(gzip.compress(broken + b'<REUTERS NEWID="9">\n<TITLE>cut'))
    out = list(read_paths([tmp_path]))
    assert [r.error_code if isinstance(r, ErrorRecord) else "ok" for r in out] == [
        "ok", Errors.NOT_UTF8.code, Errors.REUTERS_NO_NEWID.code, Errors.DATE_NOT_A_DATE.code,
        Errors.REUTERS_NOT_CLOSED.code]
    assert "NEWID 2" in out[1].error if isinstance(out[1], ErrorRecord) else False


@pytest.mark.shared
def test_sgml_equals_the_jsonl_export(shared_dir: Path, tmp_path: Path) -> None:
    """Stories written back as SGML read as the same Articles as the JSONL export."""
    source = shared_dir / "corpus" / "reuters-trade.jsonl"
    blocks = ['<!DOCTYPE lewis SYSTEM "lewis.dtd">']
    for line in source.read_text(encoding="utf-8").splitlines()[:60]:
        record = json.loads(line)
        if record.get("text_type") == "UNPROC" or not record.get("body"):
            continue
        blocks.append(
            f'<REUTERS TOPICS="YES" NEWID="{record["newid"]}">\n<DATE>{record["date"]}</DATE>\n'
            f"<TEXT><TITLE>{_escape(record['title'])}</TITLE>\n<DATELINE>"
            f"{_escape(record['dateline'] or '')}</DATELINE><BODY>{_escape(record['body'])}"
            "&#3;</BODY></TEXT>\n</REUTERS>")
    sgml = tmp_path / "reut2-x.sgm"
    sgml.write_text("\n".join(blocks) + "\n", encoding="utf-8")
    expected = {a.id: a for a in read_jsonl(source) if isinstance(a, Article)}
    got = [a for a in read_reuters_sgml(sgml)]
    assert len(got) == len(blocks) - 1
    for article in got:
        assert isinstance(article, Article)
        want = expected[article.id]
        assert (article.text, article.published, article.title) == (
            want.text, want.published, want.title)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- HTML, WARC


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "story.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode()))
    article = read_html_file(path)
    assert isinstance(article, Article)
    assert article.id == "story" and article.published == dt.date(2014, 5, 20)
    assert "narrowed 18.5% to $7.46 billion" in article.text
    assert "Home | World" not in article.text


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text("<html><body></body></html>", encoding="utf-8")
    error = read_html_file(path)
    assert isinstance(error, ErrorRecord) and error.error_code == Errors.HTML_NO_TEXT.code


def write_warc(path: Path, pages: list[tuple[str, str, bytes]]) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for uri, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers))
        writer.write_record(writer.create_warc_record(
            "urn:meta", "metadata", payload=io.BytesIO(b"x: y"),
            warc_content_type="application/warc-fields"))
    return path


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc(tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, [
        ("https://news.example/a", "text/html; charset=utf-8", PAGE.encode()),
        ("https://news.example/logo.png", "image/png", b"\x89PNG"),
        ("https://news.example/empty", "text/html", b"<html></html>"),
    ])
    out = list(read_paths([path]))
    assert len(out) == 2
    page, empty = out
    assert isinstance(page, Article) and page.id == "https://news.example/a"
    assert page.published == dt.date(2014, 5, 20) and "$7.46 billion" in page.text
    assert isinstance(empty, ErrorRecord) and empty.doc_id == "https://news.example/empty"


def test_damaged_warc_ends_with_an_error(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", [("https://x/a", "text/html", PAGE.encode())])
    data = path.read_bytes()
    path.write_bytes(data + data[: len(data) // 2])  # a second record cut in half
    out = list(read_warc(path))  # the cut record is read as far as it goes, without a crash
    assert len(out) == 2 and isinstance(out[0], Article)
    garbage = tmp_path / "other.warc"
    garbage.write_bytes(b"this is no WARC file\n" * 20)
    (error,) = read_warc(garbage)
    assert isinstance(error, ErrorRecord) and error.error_code == Errors.WARC_NO_HTML.code


def test_missing_extra_names_it() -> None:
    with pytest.raises(ConfigError, match=r"not installed.*pip install 'newsfacts\[archives\]'"):
        require("newsfacts_no_such_module", "archives", "reading WARC files")


def test_a_broken_installed_package_says_what_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "newsfacts_broken_extra"
    package.mkdir()
    (package / "__init__.py").write_text("import newsfacts_missing_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ConfigError, match=r"installed, but importing.*missing_dependency"):
        require("newsfacts_broken_extra", "archives", "reading HTML pages")

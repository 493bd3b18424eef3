"""The local page over real HTTP: a report for pasted text or an upload, clear messages for
bad input, and the server going on after each."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from http.server import HTTPServer

import pytest

from newsfacts.extract import Extractor
from newsfacts.review.server import ServeOptions, make_server, parse_form, to_article
from tests.conftest import SEED_PUBLISHED, SEED_TEXT


@pytest.fixture(scope="module")
def server(extractor: Extractor) -> Iterator[HTTPServer]:
    running = make_server(ServeOptions(extractor=extractor, max_upload_bytes=50_000), port=0)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()


def multipart(fields: dict[str, str], file: tuple[str, bytes] | None = None
              ) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
             f"{value}\r\n".encode() for name, value in fields.items()]
    if file:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                     f'filename="{file[0]}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                     .encode() + file[1] + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post(server: HTTPServer, body: bytes, content_type: str, path: str = "/"
         ) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{server.server_port}{path}", data=body,
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_the_form_page(server: HTTPServer) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/") as response:
        html = response.read().decode("utf-8")
        assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert '<textarea id="nf-text" name="text">' in html and 'type="file"' in html
    assert server.server_address[0] == "127.0.0.1"


def test_pasted_text_gets_a_report(server: HTTPServer) -> None:
    status, html = post(server, *multipart({"text": SEED_TEXT, "published": SEED_PUBLISHED}))
    assert status == 200
    assert html.count("<tr data-fact=") == 1 and '<mark class="nf-hl' in html
    assert "not checked" in html  # no reference store given to this server
    assert f'value="{SEED_PUBLISHED}"' in html  # the form keeps what was sent


def test_an_uploaded_text_file_gets_a_report(server: HTTPServer) -> None:
    status, html = post(server, *multipart({"published": SEED_PUBLISHED},
                                           ("seed.txt", SEED_TEXT.encode())))
    assert status == 200 and html.count("<tr data-fact=") == 1


def test_urlencoded_forms_are_read(server: HTTPServer) -> None:
    body = urllib.parse.urlencode({"text": SEED_TEXT, "published": SEED_PUBLISHED}).encode()
    status, html = post(server, body, "application/x-www-form-urlencoded")
    assert status == 200 and html.count("<tr data-fact=") == 1


@pytest.mark.parametrize(("fields", "file", "status", "message"), [
    ({"text": "   "}, None, 400, "There is no text to read"),
    ({"text": SEED_TEXT, "published": "20/05/1994x"}, None, 400, "The date is not a date"),
    ({}, ("scan.pdf", b"%PDF-1.4"), 415, "is not a file type this page reads"),
    ({}, ("latin.txt", "Exportaciones 5 millones de pesetas \xf1".encode("latin-1")), 400,
     "is not UTF-8 text"),
    ({}, ("big.txt", b"x" * 60_000), 413, "the limit is 0.1 MB"),
])
def test_bad_input_gets_a_message_on_the_page(
        server: HTTPServer, fields: dict[str, str], file: tuple[str, bytes] | None,
        status: int, message: str) -> None:
    got, html = post(server, *multipart(fields, file))
    assert got == status
    assert 'role="alert"' in html and message in html
    assert "<textarea" in html  # the form is there to try again


def test_unknown_pages_and_content_types(server: HTTPServer) -> None:
    assert post(server, b"x", "text/plain")[0] == 415
    assert post(server, *multipart({"text": SEED_TEXT}), path="/elsewhere")[0] == 404


def test_parse_form_and_to_article_directly() -> None:
    body, kind = multipart({"text": "a", "title": "T"}, ("x.md", b"# text"))
    submission = parse_form(kind, body)
    assert submission.title == "T" and submission.file_bytes == b"# text"
    article = to_article(submission)
    assert article.text == "# text" and article.id == "x" and article.published is None


def test_an_uploaded_html_page_is_read_for_its_main_text(server: HTTPServer) -> None:
    pytest.importorskip("trafilatura")
    page = (f"<html><head><title>Deficit</title></head><body><nav>Home | World</nav><article>"
            f"<h1>Trade deficit narrows</h1><p>{SEED_TEXT}</p><p>{SEED_TEXT}</p></article>"
            "</body></html>").encode()
    status, html = post(server, *multipart({"published": SEED_PUBLISHED}, ("page.html", page)))
    assert status == 200, html[-500:]
    assert "<tr data-fact=" in html


def test_an_html_page_with_no_text_gets_a_message(server: HTTPServer) -> None:
    pytest.importorskip("trafilatura")
    status, html = post(server, *multipart({}, ("empty.html", b"<html><body></body></html>")))
    assert status == 422 and 'role="alert"' in html and "no main text" in html

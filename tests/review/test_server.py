"""The local page over real HTTP: a report for pasted text or an upload, clear messages for
bad input, and the server going on after each."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import HTTPServer

import pytest

from newsfacts.extractor import Extractor
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


# ---------------------------------------------------------------- hostile clients (issue 14)


@pytest.fixture(scope="module")
def strict_server(extractor: Extractor) -> Iterator[HTTPServer]:
    """A server with a short timeout, so that a silent client is closed within the test."""
    lines: list[str] = []
    options = ServeOptions(extractor=extractor, max_upload_bytes=50_000, request_timeout=1.0,
                           log=lines.append)
    running = make_server(options, port=0)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()


def raw_request(server: HTTPServer, data: bytes, wait: float = 10.0) -> bytes:
    """Send bytes as they are and read the answer until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", server.server_port), timeout=wait) as client:
        client.sendall(data)
        client.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := client.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def test_an_idle_connection_does_not_stall_other_clients(extractor: Extractor) -> None:
    # the silent clients would hold a one-at-a-time server for 120 s; the normal request
    # gives up after 30 s, so it fails unless it is served while they wait
    patient = make_server(ServeOptions(extractor=extractor, request_timeout=120.0), port=0)
    threading.Thread(target=patient.serve_forever, daemon=True).start()
    idle = socket.create_connection(("127.0.0.1", patient.server_port))
    silent = socket.create_connection(("127.0.0.1", patient.server_port))
    try:
        idle.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nshort")
        with urllib.request.urlopen(f"http://127.0.0.1:{patient.server_port}/",
                                    timeout=30) as response:
            assert response.status == 200
    finally:
        idle.close()
        silent.close()
        patient.shutdown()
        patient.server_close()


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", ""])
def test_a_content_length_that_is_no_length_gets_400(strict_server: HTTPServer,
                                                      length: str) -> None:
    answer = raw_request(strict_server, b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         + f"Content-Length: {length}\r\n".encode()
                         + b"Content-Type: application/x-www-form-urlencoded\r\n\r\ntext=x")
    assert status_of(answer) == 400
    assert b"is not a length" in answer


def test_a_missing_length_gets_411(strict_server: HTTPServer) -> None:
    answer = raw_request(strict_server, b"POST / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
    assert status_of(answer) == 411


def test_a_short_body_gets_an_answer_and_the_server_goes_on(strict_server: HTTPServer) -> None:
    answer = raw_request(strict_server, b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Content-Type: application/x-www-form-urlencoded\r\n"
                         b"Content-Length: 500\r\n\r\ntext=only part")
    assert status_of(answer) == 400 and b"ended after" in answer
    with urllib.request.urlopen(f"http://127.0.0.1:{strict_server.server_port}/") as response:
        assert response.status == 200


def test_another_host_name_gets_421(strict_server: HTTPServer) -> None:
    answer = raw_request(strict_server, b"GET / HTTP/1.1\r\nHost: evil.example:8765\r\n\r\n")
    assert status_of(answer) == 421
    assert b"<textarea" not in answer
    for host in (b"localhost:1", b"127.0.0.1", b"[::1]:8765"):
        answer = raw_request(strict_server, b"GET / HTTP/1.1\r\nHost: " + host + b"\r\n\r\n")
        assert status_of(answer) == 200


def test_head_and_security_headers(strict_server: HTTPServer) -> None:
    request = urllib.request.Request(f"http://127.0.0.1:{strict_server.server_port}/",
                                     method="HEAD")
    with urllib.request.urlopen(request) as response:
        assert response.status == 200 and response.read() == b""
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"


def test_a_malformed_multipart_body_says_so(strict_server: HTTPServer) -> None:
    status, html = post(strict_server, b"--x\r\nContent-Disposition: form-data; name=\"text\""
                        b"\r\n\r\nno end", "multipart/form-data; boundary=x")
    assert status == 400 and "multipart body is malformed" in html
    status, html = post(strict_server, b"text", "multipart/form-data")
    assert status == 400 and "multipart body is malformed" in html


def test_parallel_posts_all_get_answers(strict_server: HTTPServer) -> None:
    body, content_type = multipart({"text": SEED_TEXT, "published": SEED_PUBLISHED})
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda _: post(strict_server, body, content_type)[0],
                                 range(20)))
    assert statuses == [200] * 20

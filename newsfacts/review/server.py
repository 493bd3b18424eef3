"""A small local web page: paste an article (or upload a file) and see its report.

Standard library only (``http.server``): each connection is read on a thread of its own,
so that a slow or silent client stalls nobody, and the checking itself (the DuckDB store, the
spaCy pipeline) runs one request at a time under a lock. The server binds
to 127.0.0.1 unless told otherwise. Bad input (no text, an upload over the size limit, a file
type it cannot read, text that is not UTF-8, a malformed date) gets a message on the page
and an HTTP error status; the server goes on.
"""

from __future__ import annotations

import email.parser
import email.policy
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from pathlib import PurePath
from typing import Any
from urllib.parse import parse_qs

from newsfacts.check import check_articles
from newsfacts.errors import NewsfactsError
from newsfacts.extractor import Extractor
from newsfacts.ingest.dates import parse_published
from newsfacts.ingest.html_reader import article_from_html
from newsfacts.review.report import ReportMeta, page, report_body
from newsfacts.schema import Article
from newsfacts.validation import ReferenceStore

LOOPBACK = "127.0.0.1"
MAX_UPLOAD_BYTES = 2_000_000
TEXT_TYPES: tuple[str, ...] = (".txt", ".text", ".md")
HTML_TYPES: tuple[str, ...] = (".html", ".htm")
_DRAIN_LIMIT = 64 * MAX_UPLOAD_BYTES  # beyond this a refused body is not read at all
REQUEST_TIMEOUT = 10.0  # seconds a connection may stay silent before it is closed
LISTEN_BACKLOG = 64  # connections waiting while one request is served
LOOPBACK_NAMES: frozenset[str] = frozenset({"127.0.0.1", "localhost", "[::1]"})
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
     "img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
)


class InputProblem(Exception):
    """Something the person should fix, with the HTTP status that says so."""

    def __init__(self, message: str, status: HTTPStatus = HTTPStatus.BAD_REQUEST) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Submission:
    text: str = ""
    published: str = ""
    title: str = ""
    file_name: str = ""
    file_bytes: bytes = b""


@dataclass
class ServeOptions:
    """What the page checks against; ``extractor`` is built on first use when not given."""

    store: ReferenceStore | None = None
    extractor: Extractor | None = None
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    reference_name: str | None = None
    version: str = ""
    log: Callable[[str], None] | None = field(default=None, repr=False)
    request_timeout: float = REQUEST_TIMEOUT
    checking: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def runner(self) -> Extractor:
        if self.extractor is None:
            self.extractor = Extractor()
        return self.extractor


class PageServer(ThreadingHTTPServer):
    """A thread per connection (checks still run one at a time), room for clients to wait,
    and a client's broken connection logged as one line instead of a traceback on stderr."""

    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True
    serve_options: ServeOptions

    def handle_error(self, request: Any, client_address: Any) -> None:
        problem = sys.exc_info()[1]
        if self.serve_options.log is not None:
            self.serve_options.log(f"{client_address[0]}: connection dropped ({problem!r})")


def make_server(options: ServeOptions, host: str = LOOPBACK, port: int = 0) -> HTTPServer:
    """An ``HTTPServer`` (not yet serving); port 0 picks a free port (``server_port``)."""

    class Handler(PageHandler):
        serve_options = options
        timeout = options.request_timeout  # an idle or slow client does not stall the others

    server = PageServer((host, port), Handler)
    server.serve_options = options
    return server


class PageHandler(BaseHTTPRequestHandler):
    serve_options: ServeOptions
    server_version = "newsfacts"

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        self.head_only = head
        if not self.host_allowed():
            return
        if self.path.split("?", 1)[0] in ("/", "/index.html"):
            self._send(HTTPStatus.OK, form_page(Submission(), self.serve_options))
        else:
            self._send(HTTPStatus.NOT_FOUND, form_page(
                Submission(), self.serve_options, message=f"No page at {self.path}."))

    def do_POST(self) -> None:
        options = self.serve_options
        if not self.host_allowed():
            return
        if self.path.split("?", 1)[0] not in ("/", "/index.html"):
            self._send(HTTPStatus.NOT_FOUND, form_page(
                Submission(), options, message=f"No page at {self.path}."))
            return
        submission = Submission()
        try:
            submission = self._read_submission()
            article = to_article(submission)
            with options.checking:  # one check at a time: the store and the pipeline
                result = next(check_articles([article], options.store, options.runner()))
                meta = ReportMeta(title="Report", reference=options.reference_name,
                                  version=options.version)
                body = report_body([result], options.store, meta, heading=False)
            self._send(HTTPStatus.OK, form_page(submission, options, report=body))
        except InputProblem as problem:
            self._send(problem.status, form_page(submission, options, message=str(problem)))
        except NewsfactsError as exc:
            self._send(HTTPStatus.UNPROCESSABLE_ENTITY,
                       form_page(submission, options, message=str(exc)))

    def log_message(self, format: str, *args: object) -> None:
        if self.serve_options.log is not None:
            self.serve_options.log(format % args)

    def host_allowed(self) -> bool:
        """On a loopback address only a loopback Host is served: a page of another site that
        resolves its own name to 127.0.0.1 (DNS rebinding) gets 421 and nothing else."""
        address = self.server.server_address
        if not isinstance(address, tuple) or address[0] not in ("127.0.0.1", "::1"):
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name in LOOPBACK_NAMES:
            return True
        message = f"This page answers on {LOOPBACK} only, not as {host or 'no host'}."
        self._send(HTTPStatus.MISDIRECTED_REQUEST,
                   page("newsfacts", f'<p class="nf-message">{escape(message)}</p>'))
        return False

    def _read_submission(self) -> Submission:
        raw = self.headers.get("Content-Length")
        if raw is None:
            raise InputProblem("The form came without a Content-Length.",
                               HTTPStatus.LENGTH_REQUIRED)
        if not raw.strip().isdigit():
            self.close_connection = True  # where its body ends is unknown
            raise InputProblem(f"Content-Length {raw!r} is not a length.")
        length = int(raw)
        limit = self.serve_options.max_upload_bytes
        if length > limit:
            self._drain(length)
            raise InputProblem(f"The upload is {length / 1e6:.1f} MB; the limit is "
                               f"{limit / 1e6:.1f} MB. Split the text into articles.",
                               HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        body = self.rfile.read(length)  # a client that sends less times out (timeout)
        if len(body) < length:
            self.close_connection = True
            raise InputProblem(f"The form ended after {len(body)} of {length} bytes.")
        return parse_form(self.headers.get("Content-Type", ""), body)

    def _drain(self, length: int) -> None:
        """Read a refused body so that the browser shows the answer, not a reset."""
        if length > _DRAIN_LIMIT:
            self.close_connection = True
            return
        remaining = length
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 16))
            if not chunk:
                break
            remaining -= len(chunk)

    def _send(self, status: HTTPStatus, html: str) -> None:
        data = html.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in SECURITY_HEADERS:
            self.send_header(name, value)
        self.end_headers()
        if not getattr(self, "head_only", False):
            self.wfile.write(data)


def parse_form(content_type: str, body: bytes) -> Submission:
    """The fields of a ``multipart/form-data`` or urlencoded POST body."""
    if content_type.startswith("application/x-www-form-urlencoded"):
        try:
            fields = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError as exc:
            raise InputProblem("The form was not sent as UTF-8.") from exc
        first = {name: values[0] for name, values in fields.items()}
        return Submission(text=first.get("text", ""), published=first.get("published", ""),
                          title=first.get("title", ""))
    if not content_type.startswith("multipart/form-data"):
        raise InputProblem(f"Send the form as multipart/form-data (got {content_type or 'none'}).",
                           HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1", errors="replace") + b"\r\n\r\n"
        + body)
    if not message.is_multipart() or message.defects:
        raise InputProblem("The form could not be read: its multipart body is malformed "
                           "(no boundary, or parts that do not end). Send it again from the "
                           "page.")
    values: dict[str, str] = {}
    file_name, file_bytes = "", b""
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        if name == "file":
            file_name, file_bytes = part.get_filename() or "", data
        elif isinstance(name, str):
            values[name] = data.decode("utf-8", errors="replace")
    return Submission(text=values.get("text", ""), published=values.get("published", ""),
                      title=values.get("title", ""), file_name=file_name,
                      file_bytes=file_bytes)


def to_article(submission: Submission) -> Article:
    """The article a submission describes; InputProblem says what is wrong with it."""
    try:
        published = parse_published(submission.published.strip() or None)
    except NewsfactsError as exc:
        raise InputProblem(f"The date is not a date: {exc}") from exc
    title = submission.title.strip() or None
    if submission.file_name:
        text = _file_text(submission.file_name, submission.file_bytes)
        doc_id = PurePath(submission.file_name).stem or "upload"
    else:
        text, doc_id = submission.text, "pasted"
    if not text.strip():
        raise InputProblem("There is no text to read: paste an article or choose a file.")
    return Article(id=doc_id, text=text, published=published, title=title,
                   source=submission.file_name or None)


def _file_text(name: str, data: bytes) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix in HTML_TYPES:
        return article_from_html(data, PurePath(name).stem, name).text
    if suffix not in TEXT_TYPES:
        kinds = ", ".join(TEXT_TYPES + HTML_TYPES)
        raise InputProblem(f"“{name}” is not a file type this page reads ({kinds}).",
                           HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputProblem(f"“{name}” is not UTF-8 text (byte {exc.start}); save it as UTF-8 "
                           "and upload it again.") from exc


def form_page(submission: Submission, options: ServeOptions, message: str = "",
              report: str = "") -> str:
    """The page: the form (keeping what was sent), a message if any, then the report."""
    store = (f"Checked against {escape(options.reference_name)}." if options.reference_name
             else "No reference store: facts are shown unchecked.")
    notice = f'<p class="nf-message" role="alert">{escape(message)}</p>' if message else ""
    limit = f"{options.max_upload_bytes / 1e6:.1f} MB"
    form = (
        '<section class="nf-form"><h1>newsfacts: check an article</h1>'
        f'<p class="nf-note">{store} Paste the text of a news article and its date, or '
        f"upload a .txt or .html file (up to {limit}).</p>{notice}"
        '<form class="nf-input" method="post" action="/" enctype="multipart/form-data">'
        '<label for="nf-text">Article text</label>'
        f'<textarea id="nf-text" name="text">{escape(submission.text)}</textarea>'
        '<label for="nf-published">Published</label>'
        f'<input id="nf-published" name="published" type="date" '
        f'value="{escape(submission.published)}">'
        '<label for="nf-title">Title (optional)</label>'
        f'<input id="nf-title" name="title" type="text" value="{escape(submission.title)}">'
        '<label for="nf-file">or a file</label>'
        '<input id="nf-file" name="file" type="file" accept=".txt,.text,.md,.html,.htm">'
        '<br><button type="submit">Check</button></form></section>')
    return page("newsfacts", f'<div class="nf-page">{form}</div>{report}')

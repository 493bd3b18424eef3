"""``newsfacts serve``: a local web page where a person pastes an article and sees its report."""

from __future__ import annotations

from contextlib import ExitStack
from importlib.metadata import version
from typing import Annotated

import typer
from rich.text import Text

from newsfacts.cli._console import check_paths, err_console, fail_cleanly
from newsfacts.cli._options import StorePath
from newsfacts.review.server import LOOPBACK, MAX_UPLOAD_BYTES, ServeOptions, make_server
from newsfacts.validation.default import open_store, store_name


def serve_cli(
    reference: StorePath = None,
    port: Annotated[int, typer.Option(help="Port (0 picks a free one).", min=0,
                                      max=65535)] = 8765,
    host: Annotated[str, typer.Option(
        help="Address to bind. The default serves this machine only; the page has no "
        "login, so think twice before binding another address.")] = LOOPBACK,
    max_upload_mb: Annotated[float, typer.Option(
        help="Largest upload or pasted text, in MB.", min=0.01)] = MAX_UPLOAD_BYTES / 1e6,
) -> None:
    """Serve a page where you paste an article and its date (or upload a file) and see
    its facts, verdicts and charts. Ctrl+C stops it."""
    console = err_console()
    with fail_cleanly(), ExitStack() as stack:
        if reference is not None:
            check_paths([reference])
        store = stack.enter_context(open_store(reference))
        options = ServeOptions(store=store, max_upload_bytes=int(max_upload_mb * 1e6),
                               reference_name=store_name(reference),
                               version=version("newsfacts"),
                               log=lambda line: console.print(Text(line), soft_wrap=True))
        server = make_server(options, host, port)
        stack.callback(server.server_close)
        console.print(f"newsfacts: serving on http://{host}:{server.server_port}/ "
                      "(Ctrl+C to stop)", soft_wrap=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            console.print("stopped")

"""``newsfacts export``: checked facts in formats other tools read (ClaimReview JSON-LD)."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from newsfacts.check import CheckedArticle, check_articles
from newsfacts.cli._console import check_paths, err_console, fail_cleanly, naming_output
from newsfacts.cli._options import ArticlePaths, PublishedDate, StorePath
from newsfacts.errors import Errors
from newsfacts.extractor import Extractor
from newsfacts.ingest import read_paths
from newsfacts.ingest.dates import parse_published
from newsfacts.outputs.text import truncate
from newsfacts.review.claimreview import (
    RATINGS,
    ReviewSettings,
    assemble_claimreview,
    make_review_settings,
    rate_verdict,
    write_claimreviews,
)
from newsfacts.schema import ErrorRecord
from newsfacts.validation.default import open_store

AUTHOR_ENV = "NEWSFACTS_AUTHOR"
AUTHOR_URL_ENV = "NEWSFACTS_AUTHOR_URL"
REVIEW_URL_ENV = "NEWSFACTS_REVIEW_URL"
STDOUT = "-"

export_app = typer.Typer(
    help="Export checked facts: schema.org ClaimReview JSON-LD.",
    no_args_is_help=True,
)


def review_settings(author: str | None, author_url: str | None = None,
                    author_type: str = "Organization", review_url: str | None = None,
                    include_unverifiable: bool = True) -> ReviewSettings:
    """The settings from the options; ConfigError where no author is given."""
    if author is None or not author.strip():
        raise Errors.CLAIMREVIEW_AUTHOR(author_env=AUTHOR_ENV, author_url_env=AUTHOR_URL_ENV)
    return make_review_settings(author_name=author, author_url=author_url,
                                author_type=author_type, review_url=review_url,
                                include_unverifiable=include_unverifiable)


def parse_review_date(value: str | None, today: dt.date) -> dt.date:
    """``--review-date``: an ISO date, else ``today``."""
    if value is None:
        return today
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise Errors.REVIEW_DATE(value=value, today=today.isoformat()) from None


def _reviews(results: Iterable[CheckedArticle | ErrorRecord], settings: ReviewSettings,
             reviewed_on: dt.date, counts: Counter[str], errors: list[ErrorRecord]
             ) -> Iterator[dict[str, Any]]:
    """The ClaimReviews, counting ratings, facts left out and errors as they pass."""
    for result in results:
        if isinstance(result, ErrorRecord):
            errors.append(result)
            continue
        counts["articles"] += 1
        counts["no verdict"] += len(result.facts) - len(result.verdicts)
        for verdict in result.verdicts:
            review = assemble_claimreview(result.article, result.facts[verdict.fact_index],
                                          verdict, settings, reviewed_on)
            if review is None:
                counts["left out"] += 1
                continue
            counts[rate_verdict(verdict).text] += 1
            yield review


def export_claimreview(paths: Sequence[Path], reference: Path | None, output: str,
                       settings: ReviewSettings, reviewed_on: dt.date,
                       published: str | None = None, jsonl: bool = False,
                       extractor: Extractor | None = None
                       ) -> tuple[Counter[str], list[ErrorRecord]]:
    """Extract, check and write the ClaimReviews of articles to ``output`` (``-``: stdout).

    Returns counts (``articles``, ``written``, ``no verdict``, ``left out`` and one per
    rating text) and the error records of the documents that could not be read.
    """
    files = check_paths(paths)
    date = parse_published(published)
    counts: Counter[str] = Counter()
    errors: list[ErrorRecord] = []
    with open_store(reference) as store:
        results = check_articles(read_paths(files, published=date), store, extractor)
        reviews = _reviews(results, settings, reviewed_on, counts, errors)
        target = sys.stdout if output == STDOUT else Path(output)
        with naming_output(target):
            counts["written"] = write_claimreviews(reviews, target, jsonl=jsonl)
    return counts, errors


def summary(counts: Counter[str], errors: int, output: str) -> str:
    ratings = [f"{step.text} {counts[step.text]}" for step in RATINGS if counts.get(step.text)]
    parts = [f"[bold]articles[/bold] {counts.get('articles', 0)}",
             f"[bold]claimreviews[/bold] {counts.get('written', 0)}"
             + (f" ({'; '.join(ratings)})" if ratings else "")]
    if counts.get("left out"):
        parts.append(f"[bold]unverifiable left out[/bold] {counts['left out']}")
    if counts.get("no verdict"):
        parts.append(f"[bold]facts without verdict[/bold] {counts['no verdict']}")
    parts.append(f"[red]errors {errors}[/red]" if errors else "[bold]errors[/bold] 0")
    where = "stdout" if output == STDOUT else output
    return " · ".join(parts) + f" → {where}"


def claimreview_cli(
    paths: ArticlePaths,
    reference: StorePath = None,
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="PATH", help="Where to write; '-' is stdout.")] = STDOUT,
    jsonl: Annotated[bool, typer.Option(
        "--jsonl", help="One ClaimReview a line (JSON Lines) instead of one JSON array.")
    ] = False,
    author: Annotated[str | None, typer.Option(
        "--author", envvar=AUTHOR_ENV, show_default=False,
        help="Who checked the claims (the ClaimReview's author); required.")] = None,
    author_url: Annotated[str | None, typer.Option(
        "--author-url", envvar=AUTHOR_URL_ENV, show_default=False,
        help="The author's home page.")] = None,
    author_type: Annotated[str, typer.Option(
        "--author-type", help="Organization or Person.")] = "Organization",
    review_url: Annotated[str | None, typer.Option(
        "--review-url", envvar=REVIEW_URL_ENV, show_default=False,
        help="The page the reviews are published on ('{doc_id}' is replaced by the "
             "article's id); each review gets an anchor on it. Google requires one.")] = None,
    review_date: Annotated[str | None, typer.Option(
        "--review-date", metavar="YYYY-MM-DD", show_default="today",
        help="The reviews' datePublished.")] = None,
    published: PublishedDate = None,
    include_unverifiable: Annotated[bool, typer.Option(
        "--include-unverifiable/--skip-unverifiable",
        help="Write facts no series settles too, rated 'Unverifiable' with no number.")
    ] = True,
) -> None:
    """Extract and check articles, and write a schema.org ClaimReview per checked fact."""
    with fail_cleanly():
        settings = review_settings(author, author_url, author_type, review_url,
                                   include_unverifiable)
        reviewed_on = parse_review_date(review_date, dt.date.today())
        counts, errors = export_claimreview(paths, reference, output, settings, reviewed_on,
                                            published, jsonl)
    console = err_console()
    for error in errors:
        console.print(Text(f"{error.doc_id}: [{error.error_code}] {truncate(error.error, 200)}",
                           style="red"), soft_wrap=True)
    console.print(summary(counts, len(errors), output), soft_wrap=True)


export_app.command("claimreview")(claimreview_cli)

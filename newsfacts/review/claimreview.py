"""Checked facts as schema.org ``ClaimReview`` JSON-LD, one object per fact with a verdict.

Each object reviews the sentence that states the fact (``claimReviewed``), points at the
article it appeared in (``itemReviewed``: a ``Claim`` whose ``appearance`` is the
``NewsArticle``), gives the verdict as a ``Rating`` and explains it in ``reviewBody`` with the
official figure, its series, source, basis, adjustment and vintage.

The rating scale (``RATINGS``) runs from 1 (worst) to 5 (best), as Google's fact-check
guidance reads numbers ("the closer to bestRating, the more true"):

- 5 "True": confirmed by the latest figures.
- 4 "True as first published; since revised": the figure as published in an earlier vintage.
- 3 "Probably true as first published; since revised": revised, the store holding a single,
  revised vintage, and the figure within how much such series are revised.
- 2 is not used. The rating is of the figure the verdict judges; checks beyond it (change,
  previous value, record, rank) are written in ``reviewBody`` but do not lower it, since they
  depend on vintages the store may lack (the seed's "narrowed by 18.5%" fails against the
  February figure the store holds; the release may have compared with a revised one).
- 1 "False": contradicted.
- "Unverifiable", with no ``ratingValue``: no series settles it. A number would place "cannot
  say" between true and false. Written by default (every checked fact gets a review);
  ``include_unverifiable=False`` leaves them out.

Library code takes the review date as an argument: no clock is read here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newsfacts.check import CheckedArticle
from newsfacts.errors import Errors
from newsfacts.outputs.target import Target, open_target
from newsfacts.outputs.text import format_money
from newsfacts.schema import Article, TradeFact
from newsfacts.validation import Verdict

SCHEMA_ORG = "https://schema.org"
BEST_RATING = 5
WORST_RATING = 1


@dataclass(frozen=True)
class RatingStep:
    """One step of the rating scale: its key, number (None: no number) and text."""

    key: str
    value: int | None
    text: str
    meaning: str


RATINGS: tuple[RatingStep, ...] = (
    RatingStep("true", 5, "True", "confirmed by the latest official figures"),
    RatingStep("true_as_published", 4, "True as first published; since revised",
               "the figure as published in an earlier vintage of the official series"),
    RatingStep("probably_true_as_published", 3,
               "Probably true as first published; since revised",
               "within how much such series are revised, the store holding only a revised "
               "vintage"),
    RatingStep("false", 1, "False", "contradicted by every vintage of the official series"),
    RatingStep("unverifiable", None, "Unverifiable", "no official series settles it"),
)
RATING_BY_KEY: Mapping[str, RatingStep] = {step.key: step for step in RATINGS}

_FLOWS: Mapping[str, str] = {"goods": "goods", "services": "services",
                             "goods_and_services": "goods and services"}
_BASES: Mapping[str, str] = {"census": "Census basis", "bop": "balance-of-payments basis",
                             "national": "national basis"}
_CHECKS: Mapping[str, str] = {
    "change_pct": "stated change", "previous_value": "previous value", "record": "record",
    "rank": "rank", "article_balance": "exports minus imports against the stated balance",
    "article_change": "stated change against the stated figures"}
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_ANCHOR = re.compile(r"[^A-Za-z0-9_.-]+")


def _http_url(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{name}={value!r} is not an http(s) URL")
    return value.strip()


class ReviewSettings(BaseModel):
    """Who publishes the reviews and where; passed explicitly, validated up front.

    ``review_url`` is the page the reviews will be published on (Google requires a ``url``
    on each ClaimReview); ``{doc_id}`` in it is replaced by the article's id, and each
    review gets the anchor ``#fact-<doc_id>-<n>``. Without it, reviews carry no ``url``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    author_name: str = Field(min_length=1, description="who checked the claims")
    author_url: str | None = Field(default=None, description="their home page, http(s)")
    author_type: Literal["Organization", "Person"] = "Organization"
    review_url: str | None = Field(
        default=None, description="the page the reviews are published on; may hold {doc_id}")
    include_unverifiable: bool = Field(
        default=True, description="write reviews rated 'Unverifiable' too")

    @field_validator("author_name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("author_name is blank")
        return value.strip()

    @field_validator("author_url")
    @classmethod
    def _author_url(cls, value: str | None) -> str | None:
        return _http_url(value, "author_url")

    @field_validator("review_url")
    @classmethod
    def _review_url(cls, value: str | None) -> str | None:
        url = _http_url(value, "review_url")
        if url is not None and "#" in url:
            raise ValueError(f"review_url={value!r} has a '#': each review adds its own anchor")
        return url


def make_review_settings(**values: Any) -> ReviewSettings:
    """``ReviewSettings(**values)``; a bad value raises ConfigError (E230) naming the key."""
    try:
        return ReviewSettings(**values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'settings'}: "
            f"{error['msg'].removeprefix('Value error, ')}" for error in exc.errors())
        allowed = ", ".join(ReviewSettings.model_fields)
        raise Errors.REVIEW_SETTINGS(problems=problems, allowed=allowed) from None


# --- rating ------------------------------------------------------------------------------

def rate_verdict(verdict: Verdict) -> RatingStep:
    """The step of ``RATINGS`` a verdict gets (see the module docstring)."""
    if verdict.status == "unverifiable":
        return RATING_BY_KEY["unverifiable"]
    if verdict.status == "contradicted":
        return RATING_BY_KEY["false"]
    if verdict.status == "confirmed":
        return RATING_BY_KEY["true"]
    # revised: on an earlier vintage, or (one revised vintage in the store) within the band
    earlier = (verdict.vintage is not None and verdict.latest_vintage is not None
               and verdict.vintage < verdict.latest_vintage)
    return RATING_BY_KEY["true_as_published" if earlier else "probably_true_as_published"]


def rating_json(step: RatingStep) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": step.text}
    if step.value is not None:
        rating.update(ratingValue=step.value, bestRating=BEST_RATING, worstRating=WORST_RATING)
    return rating


# --- review body -------------------------------------------------------------------------

def _series(verdict: Verdict) -> str:
    parts = [part for part in (
        _FLOWS.get(verdict.flow or ""), _BASES.get(verdict.basis or ""),
        None if verdict.seasonally_adjusted is None else
        ("seasonally adjusted" if verdict.seasonally_adjusted else "not seasonally adjusted"),
    ) if part]
    what = f"series {verdict.series_id}"
    if verdict.source:
        what += f" ({verdict.source})"
    return ", ".join([what, *parts])


def review_body(verdict: Verdict, fact: TradeFact) -> str:
    """The verdict in words a journalist can check: the explanation, then the figures."""
    lines = [verdict.explanation]
    if verdict.series_id and verdict.reference_value is not None:
        reference = format_money(verdict.reference_value, fact.currency)
        figure = (f"Official figure compared: {reference}"
                  f" for {verdict.period or 'the period'}, {_series(verdict)}")
        if verdict.vintage:
            figure += f", as published on {verdict.vintage.isoformat()}"
        lines.append(figure + ".")
        if (verdict.latest_value is not None and verdict.latest_vintage is not None
                and verdict.latest_vintage != verdict.vintage):
            lines.append(f"Latest figure: {format_money(verdict.latest_value, fact.currency)} "
                         f"(vintage {verdict.latest_vintage.isoformat()}).")
        if verdict.rel_difference is not None:
            lines.append(f"The text says {format_money(fact.value, fact.currency)}, "
                         f"{verdict.rel_difference:.1%} from the figure compared.")
    elif verdict.series_id:
        lines.append(f"Series considered: {_series(verdict)}.")
    if verdict.selection:
        lines.append(f"Series chosen by rule {verdict.selection}.")
    if any(check.status == "inconsistent" for check in verdict.checks):
        lines.append("The rating is of the figure; the checks below do not change it.")
    for check in verdict.checks:
        lines.append(f"Check of the {_CHECKS.get(check.name, check.name)}: {check.status} "
                     f"({check.explanation}).")
    return "\n".join(lines)


# --- ClaimReview -------------------------------------------------------------------------

def claim_text(fact: TradeFact) -> str:
    """The sentence stating the fact (else its evidence) on one line; where the sentence runs
    over several paragraphs (a captured page's "Advertisement", "Share", bylines), the
    paragraph that holds the evidence."""
    text = fact.sentence.strip() or fact.evidence
    paragraphs = [" ".join(part.split()) for part in _PARAGRAPH.split(text) if part.strip()]
    holding = [part for part in paragraphs if " ".join(fact.evidence.split()) in part]
    return holding[0] if len(holding) == 1 else " ".join(paragraphs)


def article_url(article: Article) -> str | None:
    """The article's ``source`` where it is an http(s) URL (not a file path or a name)."""
    if not article.source:
        return None
    try:
        return _http_url(article.source, "source")
    except ValueError:
        return None


def review_url(settings: ReviewSettings, verdict: Verdict) -> str | None:
    if settings.review_url is None:
        return None
    page = settings.review_url.replace("{doc_id}", quote(verdict.doc_id, safe=""))
    return f"{page}#fact-{_ANCHOR.sub('-', verdict.doc_id)}-{verdict.fact_index}"


def assemble_claimreview(article: Article, fact: TradeFact, verdict: Verdict,
                         settings: ReviewSettings, reviewed_on: dt.date
                         ) -> dict[str, Any] | None:
    """One ClaimReview object for a fact and its verdict; None where it is not exported
    (unverifiable, where ``settings.include_unverifiable`` is off)."""
    step = rate_verdict(verdict)
    if step.value is None and not settings.include_unverifiable:
        return None
    appearance: dict[str, Any] = {"@type": "NewsArticle"}
    if (url := article_url(article)) is not None:
        appearance["url"] = url
    if article.title:
        appearance["headline"] = article.title
    if article.published is not None:
        appearance["datePublished"] = article.published.isoformat()
    claim: dict[str, Any] = {"@type": "Claim"}
    if len(appearance) > 1:
        claim["appearance"] = appearance
    if article.published is not None:
        claim["datePublished"] = article.published.isoformat()
    author: dict[str, Any] = {"@type": settings.author_type, "name": settings.author_name}
    if settings.author_url:
        author["url"] = settings.author_url
    review: dict[str, Any] = {"@context": SCHEMA_ORG, "@type": "ClaimReview"}
    if (url := review_url(settings, verdict)) is not None:
        review["url"] = url
    review.update({
        "claimReviewed": claim_text(fact),
        "itemReviewed": claim,
        "author": author,
        "datePublished": reviewed_on.isoformat(),
        "reviewRating": rating_json(step),
        "reviewBody": review_body(verdict, fact),
    })
    return review


def assemble_claimreviews(checked: CheckedArticle, settings: ReviewSettings,
                          reviewed_on: dt.date) -> list[dict[str, Any]]:
    """The ClaimReviews of one checked article, in fact order; facts without a verdict (no
    reference store) and, where the settings say so, unverifiable ones are left out."""
    reviews = []
    for verdict in checked.verdicts:
        review = assemble_claimreview(checked.article, checked.facts[verdict.fact_index],
                                      verdict, settings, reviewed_on)
        if review is not None:
            reviews.append(review)
    return reviews


def write_claimreviews(reviews: Iterable[Mapping[str, Any]], target: Target,
                       jsonl: bool = False) -> int:
    """Write ClaimReview objects as one JSON array (JSON-LD allows a top-level array, and it
    goes into a ``<script type="application/ld+json">`` as it is), or as JSON Lines, one
    object a line; returns the count. Objects are written as they come; a stream is left
    open."""
    count = 0
    with open_target(target) as handle:
        if not jsonl:
            handle.write("[")
        for review in reviews:
            text = dumps_for_script(review, indent=None if jsonl else 2)
            if jsonl:
                handle.write(text + "\n")
            else:
                handle.write(("," if count else "") + "\n" + _indent(text))
            count += 1
        if not jsonl:
            handle.write("\n]\n" if count else "]\n")
    return count


# Characters that can end or change a <script> element (or a JavaScript string) when JSON is
# embedded in HTML; JSON syntax itself never uses them, so they occur only inside strings,
# where their \u escapes are the same text to every JSON reader.
_SCRIPT_UNSAFE: dict[str, str] = {
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029",
}
_SCRIPT_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")


def dumps_for_script(value: Any, indent: int | None = None) -> str:
    """JSON for a ``<script type="application/ld+json">``: '</script>' or '<!--' from an
    article's text, title or an author's name cannot close or comment out the element."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _SCRIPT_UNSAFE_RE.sub(lambda match: _SCRIPT_UNSAFE[match.group(0)], text)


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())

"""Fact-check outputs: ClaimReview JSON-LD, a self-contained HTML report, a local web page."""

from newsfacts.review.checked import CheckedArticle, check_articles
from newsfacts.review.claimreview import (
    RATINGS,
    ReviewSettings,
    assemble_claimreview,
    assemble_claimreviews,
    rate_verdict,
    write_claimreviews,
)
from newsfacts.review.report import ReportMeta, render_report, report_for

__all__ = [
    "RATINGS",
    "CheckedArticle",
    "ReportMeta",
    "ReviewSettings",
    "assemble_claimreview",
    "assemble_claimreviews",
    "check_articles",
    "rate_verdict",
    "render_report",
    "report_for",
    "write_claimreviews",
]

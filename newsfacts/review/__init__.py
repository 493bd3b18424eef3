"""Fact-check outputs: ClaimReview JSON-LD, a self-contained HTML report, a local web page.

``CheckedArticle`` and ``check_articles`` (extract + validate) live in ``newsfacts.check``;
they are named here too, as the outputs take what they give.
"""

from newsfacts.check import CheckedArticle, check_articles
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

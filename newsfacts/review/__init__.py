"""Fact-check outputs: ClaimReview JSON-LD, a self-contained HTML report, a local web page."""

from newsfacts.review.checked import CheckedArticle, check_articles

__all__ = ["CheckedArticle", "check_articles"]

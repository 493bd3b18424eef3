"""The HTML report: one self-contained file with each article, its facts, verdicts and charts.

Nothing in the file is fetched when it opens: the style sheet is inline, the charts are
inline SVG and there is no script. Evidence spans are highlighted by indicator; each fact has
a row in the article's table with its verdict badge; each family of official series a
verdict used gets a chart with its vintages and the reported figures marked.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

from newsfacts.check import CheckedArticle, check_articles
from newsfacts.extractor import Extractor
from newsfacts.outputs.text import format_money, format_percent
from newsfacts.review.highlight import INDICATOR_COLOURS, INDICATOR_LABELS, highlight
from newsfacts.review.series import SeriesChart, series_charts
from newsfacts.review.svg import line_colour, render_svg
from newsfacts.schema import Article, ErrorRecord, TradeFact
from newsfacts.validation import ReferenceStore, Verdict

STATUS_ORDER: tuple[str, ...] = ("confirmed", "revised", "contradicted", "unverifiable")
COLUMNS: tuple[str, ...] = ("#", "Fact", "Period", "Reported", "Verdict", "Official", "Why")
NUMERIC = ' class="nf-num"'


@dataclass(frozen=True)
class ReportMeta:
    """What the report says about itself in its header and footer."""

    title: str = "newsfacts report"
    reference: str | None = None
    generated: dt.datetime | None = None
    version: str = ""
    # Absolute local folders (the CLI passes its inputs' parent folders) cut from the paths
    # the report shows, so that a report sent on does not tell where its files lay.
    roots: tuple[str, ...] = ()


# Characters that show nothing or reorder what follows (U+202E RIGHT-TO-LEFT OVERRIDE makes
# 'evil\u202etxt.exe' read 'evilexe.txt'): in names and messages they are written as [U+202E].
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def shown(text: str, roots: Sequence[str] = ()) -> str:
    """A file name, id or message as the report shows it (before HTML escaping): the given
    absolute ``roots`` cut from the paths in it, and invisible or reordering characters
    (bidi controls, zero-width characters, control characters) made visible as [U+XXXX]."""
    for root in sorted(roots, key=len, reverse=True):
        if not os.path.isabs(root) or os.path.dirname(root) == root:
            continue  # a relative folder tells nothing; '/' would cut every path
        prefix = root.rstrip(os.sep) + os.sep
        text = re.sub(r"(?<![\w.~/-])" + re.escape(prefix), "", text)
    if all(ch.isprintable() or ch == " " for ch in text):
        return text
    return "".join(f"[U+{ord(ch):04X}]" if unicodedata.category(ch) in _HIDDEN_CATEGORIES
                   else ch for ch in text)


@cache
def stylesheet() -> str:
    return (resources.files("newsfacts.review") / "report.css").read_text(encoding="utf-8")


def page(title: str, body: str) -> str:
    """A whole HTML document around ``body``, with the report's style sheet inline."""
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{stylesheet()}</style></head>"
            f"<body>{body}</body></html>\n")


def render_report(results: Iterable[CheckedArticle | ErrorRecord],
                  store: ReferenceStore | None, meta: ReportMeta | None = None) -> str:
    """The report as one HTML document (a string); errors are listed, never dropped."""
    info = meta or ReportMeta()
    return page(info.title, report_body(results, store, info, heading=True))


def report_body(results: Iterable[CheckedArticle | ErrorRecord], store: ReferenceStore | None,
                info: ReportMeta, heading: bool = True) -> str:
    """The report's ``<header>``, ``<main>`` and ``<footer>`` (for pages that add to it)."""
    articles: list[CheckedArticle] = []
    errors: list[ErrorRecord] = []
    for item in results:
        if isinstance(item, ErrorRecord):
            errors.append(item)
        else:
            articles.append(item)
    anchors = [f"doc-{n}-{_slug(item.article.id)}" for n, item in enumerate(articles, 1)]
    title = f"<h1>{escape(info.title)}</h1>" if heading else ""
    body = [f'<header class="nf-top">{title}',
            summary_html(articles, errors, store is not None), "</header><main>"]
    if len(articles) > 1:
        body.append('<nav><ol class="nf-toc">' + "".join(
            f'<li><a href="#{anchor}">{escape(shown(_heading(item), info.roots))}</a> '
            f"({len(item.facts)})</li>" for anchor, item in zip(anchors, articles, strict=True))
            + "</ol></nav>")
    body.extend(article_html(item, store, anchor, info.roots)
                for anchor, item in zip(anchors, articles, strict=True))
    if errors:
        body.append(errors_html(errors, info.roots))
    body.append(f"</main><footer>{_footer(info)}</footer>")
    return "".join(body)


def summary_html(articles: Sequence[CheckedArticle], errors: Sequence[ErrorRecord],
                 checked: bool) -> str:
    facts = sum(len(item.facts) for item in articles)
    statuses: Counter[str] = Counter(v.status for item in articles for v in item.verdicts)
    parts = [f"<li>{len(articles)} article{'s' if len(articles) != 1 else ''}</li>",
             f"<li>{facts} fact{'s' if facts != 1 else ''}</li>"]
    if checked:
        parts += [f'<li><span class="nf-badge nf-{s}">{s} {statuses[s]}</span></li>'
                  for s in STATUS_ORDER if statuses[s]]
    else:
        parts.append('<li><span class="nf-badge nf-unchecked">not checked: no reference '
                     "store</span></li>")
    if errors:
        parts.append(f'<li class="nf-error">{len(errors)} document'
                     f"{'s' if len(errors) != 1 else ''} could not be read</li>")
    return '<ul class="nf-summary">' + "".join(parts) + "</ul>"


def article_html(item: CheckedArticle, store: ReferenceStore | None, anchor: str,
                 roots: Sequence[str] = ()) -> str:
    article = item.article
    meta = [f"id {escape(shown(article.id, roots))}",
            f"published {article.published}" if article.published else
            "no publication date: periods such as “in March” cannot be placed"]
    if article.source:
        source = escape(shown(article.source, roots))
        meta.append(f'<a href="{escape(article.source)}">{source}</a>'
                    if _is_url(article.source) else source)
    parts = [f'<article class="nf-article" id="{anchor}">'
             f"<h2>{escape(shown(_heading(item), roots))}</h2>",
             f'<p class="nf-meta">{" · ".join(meta)}</p>',
             f'<div class="nf-text">{highlight(article.text, item.facts)}</div>']
    if not item.facts:
        parts.append('<p class="nf-note">No trade facts found in this article.</p>')
    else:
        parts.append(facts_table(item))
        charts = series_charts(item.verdicts, store) if store and item.verdicts else []
        if charts:
            parts.append("<h3>Official series</h3><div class=\"nf-charts\">" + "".join(
                chart_html(chart, f"{anchor}-c{n}") for n, chart in enumerate(charts, 1))
                + "</div>")
    parts.append("</article>")
    return "".join(parts)


def facts_table(item: CheckedArticle) -> str:
    head = "".join(f"<th>{name}</th>" for name in COLUMNS)
    rows = []
    verdicts: Sequence[Verdict | None] = item.verdicts or [None] * len(item.facts)
    for number, (fact, verdict) in enumerate(zip(item.facts, verdicts, strict=True), 1):
        cells = (str(number), _fact_cell(fact), escape(fact.period or "—"), _reported(fact),
                 _verdict_cell(verdict), _official(verdict), _why(verdict))
        rows.append(f'<tr data-fact="{number}">' + "".join(
            f'<td data-label="{name}"{NUMERIC if name in ("#", "Reported") else ""}>{cell}</td>'
            for name, cell in zip(COLUMNS, cells, strict=True)) + "</tr>")
    return (f'<table class="nf-facts"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def chart_html(chart: SeriesChart, chart_id: str) -> str:
    legend = [f'<li><span class="nf-swatch" style="background:{line_colour(line, n)}"></span>'
              f"{escape(line.label)}</li>" for n, line in enumerate(chart.lines)]
    legend.append('<li><span class="nf-swatch" style="background:#1d232a;height:10px;'
                  'width:10px;transform:rotate(45deg)"></span>reported figure (fact number; '
                  "colour = verdict)</li>")
    notes = [c.note for c in chart.claims if c.note]
    if chart.hidden_vintages:
        notes.append(f"{chart.hidden_vintages} intermediate vintages not drawn")
    svg = render_svg(chart, chart_id) or '<p class="nf-note">No values in this window.</p>'
    return (f'<figure class="nf-chart" id="{chart_id}" data-series="'
            f'{escape(" ".join(chart.series_ids))}"><figcaption>{escape(chart.title)}'
            f"</figcaption>{svg}<ul class=\"nf-legend\">{''.join(legend)}</ul>"
            + "".join(f'<p class="nf-note">{escape(note)}</p>' for note in notes)
            + "</figure>")


def errors_html(errors: Sequence[ErrorRecord], roots: Sequence[str] = ()) -> str:
    items = "".join(f"<li><b>{escape(shown(e.doc_id, roots))}</b> [{escape(e.error_code)}] "
                    f"{escape(shown(e.error, roots))}</li>" for e in errors)
    return (f'<section class="nf-errors"><h2>Documents that could not be read</h2><ul '
            f'class="nf-error">{items}</ul></section>')


def _fact_cell(fact: TradeFact) -> str:
    colour = INDICATOR_COLOURS[fact.indicator]
    flow = f" ({fact.flow.replace('_', ' ')})" if fact.flow else ""
    modality = f" <em>{escape(fact.modality)}</em>" if fact.modality != "actual" else ""
    return (f'<span class="nf-label" style="background:{colour}">'
            f"{INDICATOR_LABELS[fact.indicator]}</span>{escape(fact.reporter)}→"
            f"{escape(fact.partner)}{escape(flow)}{modality}")


def _reported(fact: TradeFact) -> str:
    parts = [escape(format_money(fact.value, fact.currency))]
    if fact.change_pct is not None:
        parts.append(f"change {escape(format_percent(fact.change_pct))}")
    if fact.previous_value is not None:
        previous = f" ({fact.previous_period})" if fact.previous_period else ""
        parts.append(f"from {escape(format_money(fact.previous_value, None))}{previous}")
    return "<br>".join(parts)


def _verdict_cell(verdict: Verdict | None) -> str:
    if verdict is None:
        return '<span class="nf-badge nf-unchecked">not checked</span>'
    checks = "".join(f'<br><span class="nf-badge nf-check">{escape(c.name)}: '
                     f"{escape(c.status)}</span>" for c in verdict.checks)
    return f'<span class="nf-badge nf-{verdict.status}">{verdict.status}</span>{checks}'


def _official(verdict: Verdict | None) -> str:
    if verdict is None or verdict.reference_value is None:
        return "—"
    parts = [escape(format_money(verdict.reference_value, None)),
             f'<small class="nf-series-id">{escape(verdict.series_id or "")}</small>',
             f"<small>vintage {verdict.vintage}</small>"]
    if verdict.latest_value is not None and verdict.latest_vintage != verdict.vintage:
        parts.append(f"<small>latest {escape(format_money(verdict.latest_value, None))} · "
                     f"{verdict.latest_vintage}</small>")
    return "<br>".join(parts)


def _why(verdict: Verdict | None) -> str:
    if verdict is None:
        return ""
    extra = [f"{c.name}: {c.explanation}" for c in verdict.checks]
    if verdict.selection:
        extra.append(f"series chosen by rule {verdict.selection}")
    return escape(verdict.explanation) + "".join(
        f'<div class="nf-why">{escape(line)}</div>' for line in extra)


def _heading(item: CheckedArticle) -> str:
    title = item.article.title or item.article.text.strip().split("\n", 1)[0]
    return title if len(title) <= 100 else title[:99] + "…"


def _footer(meta: ReportMeta) -> str:
    parts = [f"Made by newsfacts {escape(meta.version)}".rstrip()]
    if meta.generated:
        parts.append(f"on {meta.generated:%Y-%m-%d %H:%M}")
    if meta.reference:
        parts.append(f"· reference store {escape(meta.reference)}")
    return " ".join(parts) + ". Figures marked revised were true as first published."


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text)[:60] or "doc"


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def report_for(articles: Iterable[Article | ErrorRecord], store: ReferenceStore | None,
               extractor: Extractor | None = None, meta: ReportMeta | None = None) -> str:
    """Extract, check (where a store is given) and render articles as one HTML report."""
    return render_report(check_articles(articles, store, extractor), store, meta)

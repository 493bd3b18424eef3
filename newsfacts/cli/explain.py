"""``newsfacts explain``: every money mention of articles and what became of it, and why."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsfacts.cli._console import check_paths, err_console, fail_cleanly, out_console
from newsfacts.cli._options import ArticlePaths, ModelDir, PublishedDate
from newsfacts.extractor import Extractor
from newsfacts.ingest import read_paths
from newsfacts.ingest.dates import parse_published
from newsfacts.outputs.text import format_money, format_percent, format_period, truncate
from newsfacts.pipeline import load_pipeline
from newsfacts.schema import Article, ErrorRecord, MoneyOutcome, TradeFact

Explained = tuple[Article | ErrorRecord, list[MoneyOutcome] | ErrorRecord]


def explain_paths(paths: Sequence[str | Path], published: str | None = None,
                  extractor: Extractor | None = None) -> Iterator[Explained]:
    """Each document of ``paths`` with the outcome of each of its money mentions, or with
    its ErrorRecord. Raises, before reading any, if a path does not exist or ``published``
    (YYYY-MM-DD, dating text files as for ``newsfacts extract``) is malformed."""
    files = check_paths(paths)
    date = parse_published(published)
    return (extractor or Extractor()).explain_many(read_paths(files, published=date))


def fact_summary(fact: TradeFact) -> str:
    """'trade_balance USA→WLD 1994-03 -7.46 bn USD -18.5%' (and the modality if not actual)."""
    indicator = f"{fact.indicator} ({fact.flow})" if fact.flow else fact.indicator
    parts = [indicator, f"{fact.reporter}→{fact.partner}", format_period(fact.period),
             format_money(fact.value, fact.currency)]
    if fact.change_pct is not None:
        parts.append(format_percent(fact.change_pct))
    if fact.modality != "actual":
        parts.append(fact.modality)
    return " ".join(parts)


def outcomes_table(article: Article, outcomes: Sequence[MoneyOutcome]) -> Table:
    """One row a money mention: where it is, what became of it, the rules and why.

    Every cell is a ``Text``, so that brackets in an article are never read as markup."""
    facts = sum(outcome.outcome == "fact" for outcome in outcomes)
    published = article.published.isoformat() if article.published else "no date"
    table = Table(title=Text(f"{article.id} · {published} · {len(outcomes)} money mentions · "
                             f"{facts} facts · {len(outcomes) - facts} dropped"),
                  show_lines=True, title_justify="left")
    for name in ("mention", "chars", "outcome", "rule", "fact / why"):
        table.add_column(name, no_wrap=name in ("chars", "outcome"))
    for outcome in outcomes:
        if outcome.fact is not None:
            state = Text(f"fact {outcome.fact_index}", style="green")
            rules = Text("\n".join(outcome.fact.rule_ids))
            why = Text(fact_summary(outcome.fact))
            if outcome.gate_score is not None:
                why.append(f" · trade gate {outcome.gate_score:.3f}", style="dim")
        else:
            state = Text("dropped", style="yellow")
            rules = Text(outcome.rule_id or "")
            why = Text(outcome.reason or "")
            if outcome.merged_into is not None:
                why.append(f" (fact {outcome.merged_into})", style="bold")
        table.add_row(Text(truncate(outcome.text, 40)),
                      Text(f"{outcome.start_char}-{outcome.end_char}"), state, rules, why)
    return table


def print_explained(results: Iterator[Explained], console: Console, *,
                    as_json: bool = False) -> Counter[str]:
    """A table a document (``as_json``: a JSON line a money mention); a document that could
    not be read gets one error line (its ErrorRecord as JSON) and the rest go on."""
    counts: Counter[str] = Counter()
    for article, result in results:
        counts["documents"] += 1
        if isinstance(result, ErrorRecord):
            counts["errors"] += 1
            if as_json:
                typer.echo(result.model_dump_json())
            else:
                console.print(Text(f"{result.doc_id}: [{result.error_code}] "
                                   f"{truncate(result.error, 200)}", style="red"), soft_wrap=True)
            continue
        assert isinstance(article, Article)
        counts["mentions"] += len(result)
        counts["facts"] += sum(outcome.outcome == "fact" for outcome in result)
        if as_json:
            for outcome in result:
                typer.echo(outcome.model_dump_json())
        elif result:
            console.print(outcomes_table(article, result))
        else:
            console.print(Text(f"{article.id}: no money mentions", style="dim"), soft_wrap=True)
    return counts


def explain_cli(
    paths: ArticlePaths,
    published: PublishedDate = None,
    as_json: Annotated[bool, typer.Option(
        "--json", help="A JSON line a money mention (an error record a bad document).")] = False,
    model: ModelDir = None,
) -> None:
    """List every money mention of articles: the fact it made, or the rule that dropped it."""
    with fail_cleanly():
        extractor = Extractor(nlp=load_pipeline(model)) if model else None
        counts = print_explained(explain_paths(paths, published, extractor), out_console(),
                                 as_json=as_json)
    errors = f"[red]{counts['errors']}[/red]" if counts["errors"] else "0"
    err_console().print(
        f"[bold]documents[/bold] {counts['documents']} · [bold]money mentions[/bold] "
        f"{counts['mentions']} · [bold]facts[/bold] {counts['facts']} · [bold]dropped[/bold] "
        f"{counts['mentions'] - counts['facts']} · [bold]errors[/bold] {errors}",
        soft_wrap=True)


__all__ = ["explain_cli", "explain_paths", "fact_summary", "outcomes_table", "print_explained"]

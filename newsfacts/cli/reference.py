"""``newsfacts reference``: build a reference store of official figures, and list it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from newsfacts.cli._console import check_paths, err_console, fail_cleanly, out_console
from newsfacts.errors import Errors
from newsfacts.validation import BuildStats, ReferenceStore, build_reference

reference_app = typer.Typer(
    help="Official figures: build a reference store (DuckDB), update one from the agencies, "
         "list what it holds; rebuild the revision profile and the default store's data.",
    no_args_is_help=True,
)


def parse_vintages(items: Sequence[str]) -> dict[str, dt.date]:
    """['fred_BOPGSTB.csv=2022-04-05'] → {'fred_BOPGSTB.csv': date}; InputError if malformed."""
    result: dict[str, dt.date] = {}
    for item in items:
        name, _, day = item.partition("=")
        try:
            result[Path(name).name] = dt.date.fromisoformat(day.strip())
        except ValueError:
            raise Errors.VINTAGE_FORMAT(item=item) from None
    return result


def build_store(out: Path, files: Sequence[Path], vintages: Sequence[str] = (),
                force: bool = False) -> BuildStats:
    """Check the paths and vintages, then build; refuses to overwrite without ``force``."""
    paths = check_paths(files)
    dates = parse_vintages(vintages)
    unknown = sorted(set(dates) - {path.name for path in paths})
    if unknown:
        raise Errors.VINTAGE_UNKNOWN_FILES(unknown=', '.join(unknown))
    if out.exists() and not force:
        raise Errors.STORE_EXISTS_USE_FORCE(out=out)
    return build_reference(out, [(path, dates.get(path.name)) for path in paths])


def build_cli(
    out: Annotated[Path, typer.Argument(help="The store to write (a .duckdb file).",
                                        show_default=False)],
    files: Annotated[list[Path], typer.Argument(
        help="Census country.xlsx, FRED/ALFRED CSVs, user CSVs.", show_default=False)],
    vintage: Annotated[list[str] | None, typer.Option(
        "--vintage", metavar="FILE=YYYY-MM-DD",
        help="The date a FRED CSV or Census workbook was downloaded (else inferred).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
) -> None:
    """Build a reference store from official files."""
    with fail_cleanly():
        stats = build_store(out, files, vintage or (), force)
    err_console().print(f"[bold]files[/bold] {stats.files} · [bold]series[/bold] "
                        f"{stats.series} · [bold]observations[/bold] {stats.observations:,} "
                        f"→ {escape(str(out))}", soft_wrap=True)


def series_table(store: ReferenceStore) -> Table:
    table = Table(title=f"Reference store {store.name}")
    for name in ("series", "indicator", "flow", "basis", "reporter→partner", "SA", "freq",
                 "coverage", "vintages", "source"):
        table.add_column(name)
    for info in store.series:
        span = store.coverage(info.series_id)
        count = store.con.execute("SELECT COUNT(DISTINCT vintage) FROM observations WHERE "
                                  "series_id = ?", [info.series_id]).fetchone()
        table.add_row(info.series_id, info.indicator, info.flow, info.basis,
                      f"{info.reporter}→{info.partner}",
                      "SA" if info.seasonally_adjusted else "NSA", info.frequency,
                      f"{span[0]}..{span[1]}" if span else "—",
                      str(count[0] if count else 0) + (" (inferred)" if info.vintage_inferred
                                                       else ""), info.source)
    table.caption = f"{table.row_count} series"
    return table


def show_cli(
    reference: Annotated[Path, typer.Argument(help="A store built by `newsfacts reference "
                                                   "build`.", show_default=False)],
    partner: Annotated[str | None, typer.Option(
        "--partner", help="Only series with this partner (ISO3, WLD for the world).")] = None,
) -> None:
    """List the series of a reference store."""
    with fail_cleanly(), ReferenceStore.open(reference) as store:
        table = series_table(store)
        if partner:
            keep = [i for i, info in enumerate(store.series) if info.partner == partner.upper()]
            filtered = Table(title=table.title)
            for column in table.columns:
                filtered.add_column(column.header)
            cells = [list(column.cells) for column in table.columns]
            for i in keep:
                filtered.add_row(*[str(col[i]) for col in cells])
            filtered.caption = f"{filtered.row_count} series"
            table = filtered
        out_console().print(table)


def profile_cli(
    official: Annotated[Path, typer.Argument(
        help="The folder of official files (first_reported_from_news.csv, the exhibits, "
             "first-releases/, census_country.xlsx, the FRED CSVs).", show_default=False)],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Where to write the profile (the package's copy is "
                               "newsfacts/validation/revision_profile.json).",
        show_default=False)],
) -> None:
    """Rebuild the revision profile from official first releases and today's series."""
    from newsfacts.validation.profile import RevisionProfile, build_profile, write_profile

    with fail_cleanly():
        data = build_profile(official)
        write_profile(data, output)
    pairs = RevisionProfile(data).pairs
    kinds = len({(p.group, p.flow, p.basis, p.adjusted, p.scope, p.age) for p in pairs})
    err_console().print(f"[bold]vintage pairs[/bold] {len(pairs)} · [bold]kinds[/bold] "
                        f"{kinds} → {escape(str(output))}", soft_wrap=True)


def default_data_cli(
    files: Annotated[list[Path], typer.Argument(
        help="The published files: Census country.xlsx and the FRED CSVs BOPGSTB, BOPTEXP, "
             "BOPTIMP.", show_default=False)],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Where to write it (the package's copy is "
                               "newsfacts/validation/default_store.csv.gz).",
        show_default=False)],
) -> None:
    """Rebuild the default store's data (the U.S. series shipped with the package)."""
    from newsfacts.validation.default import PARTNERS, default_rows, write_default_data
    from newsfacts.validation.importers import read_reference_file

    with fail_cleanly():
        paths = check_paths(files)
        rows = default_rows(data for path in paths for data in read_reference_file(path))
        if not rows:
            raise Errors.NO_DEFAULT_SERIES(partners=', '.join(PARTNERS))
        write_default_data(rows, output)
    series = len({row["series_id"] for row in rows})
    err_console().print(f"[bold]series[/bold] {series} · [bold]observations[/bold] "
                        f"{len(rows):,} → {escape(str(output))}", soft_wrap=True)


def update_store(out: Path, base_url: str | None = None, keep: Path | None = None,
                 force: bool = False) -> BuildStats:
    """Download the agencies' current files and build a store from them (vintage: today)."""
    import tempfile

    from newsfacts.validation.default import AGENCY_FILES, download_files

    if out.exists() and not force:
        raise Errors.STORE_EXISTS_USE_FORCE(out=out)
    sources = dict(AGENCY_FILES) if base_url is None else {
        name: f"{base_url.rstrip('/')}/{name}" for name in AGENCY_FILES}
    with tempfile.TemporaryDirectory(prefix="newsfacts-update-") as tmp:
        folder = keep or Path(tmp)
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
        fetched = download_files(folder, sources)
        return build_reference(out, [(path, day) for path, day in fetched])


def update_cli(
    out: Annotated[Path, typer.Argument(help="The store to write (a .duckdb file).",
                                        show_default=False)],
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="Fetch the files from this mirror (BASE/census_country.xlsx, "
                           "BASE/fred_BOPGSTB.csv, …) instead of census.gov and FRED.")] = None,
    keep: Annotated[Path | None, typer.Option(
        "--keep", metavar="DIR", help="Keep the downloaded files in this folder.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
) -> None:
    """Download the agencies' current files (needs a network) and build a store from them."""
    with fail_cleanly():
        stats = update_store(out, base_url, keep, force)
    err_console().print(f"[bold]files[/bold] {stats.files} · [bold]series[/bold] "
                        f"{stats.series} · [bold]observations[/bold] {stats.observations:,} "
                        f"→ {escape(str(out))}", soft_wrap=True)


reference_app.command("build")(build_cli)
reference_app.command("show")(show_cli)
reference_app.command("profile")(profile_cli)
reference_app.command("default-data")(default_data_cli)
reference_app.command("update")(update_cli)

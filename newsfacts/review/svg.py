"""A ``SeriesChart`` drawn as inline SVG: no script, no network, scales to any width."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

from newsfacts.outputs.text import format_money
from newsfacts.review.series import Line, SeriesChart, period_index

Scale = Callable[[float], float]
WIDTH, HEIGHT = 640, 250
LEFT, RIGHT, TOP, BOTTOM = 62, 14, 12, 28
# earlier vintages in muted colours, the latest in a strong one
EARLIER_COLOURS: tuple[str, ...] = ("#9db4cc", "#b7a6cf", "#a9c7a4", "#d4b48c", "#c9a0a0")
LATEST_COLOUR = "#1f4e79"
POINT_COLOUR = "#e07b00"
STATUS_COLOURS: dict[str, str] = {"confirmed": "#1b7f3b", "revised": "#b07c00",
                                  "contradicted": "#c0262d", "unverifiable": "#6b6b6b"}


def line_colour(line: Line, position: int) -> str:
    if line.points_only:
        return POINT_COLOUR
    return LATEST_COLOUR if line.latest else EARLIER_COLOURS[position % len(EARLIER_COLOURS)]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round values (1, 2 or 5 times a power of ten apart) covering low..high."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    return [first + i * step for i in range(math.ceil((high - first) / step) + 1)]


def render_svg(chart: SeriesChart, chart_id: str) -> str:
    """The chart as an ``<svg>`` element; every point carries a tooltip (``<title>``)."""
    xs = [period_index(p) for line in chart.lines for p, _, _ in line.points]
    xs += [period_index(c.period) for c in chart.claims if c.period]
    ys = [float(v) for line in chart.lines for _, v, _ in line.points]
    ys += [float(c.value) for c in chart.claims if c.period]
    if not xs:
        return ""
    x_low, x_high = min(xs) - 0.5, max(xs) + 0.5
    ticks = nice_ticks(min(ys), max(ys))
    y_low, y_high = ticks[0], ticks[-1]

    def x_of(index: float) -> float:
        return LEFT + (index - x_low) / (x_high - x_low) * (WIDTH - LEFT - RIGHT)

    def y_of(value: float) -> float:
        return TOP + (y_high - value) / (y_high - y_low) * (HEIGHT - TOP - BOTTOM)

    parts = [f'<svg class="nf-svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="{chart_id}-t" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-t">{escape(chart.title)}</title>']
    for tick in ticks:
        y = y_of(tick)
        parts.append(f'<line class="nf-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" '
                     f'y2="{y:.1f}"/><text class="nf-axis" x="{LEFT - 6}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{escape(_short(tick))}</text>')
    for year in _year_ticks(x_low, x_high):
        x = x_of(year * 12)
        parts.append(f'<line class="nf-tick" x1="{x:.1f}" x2="{x:.1f}" y1="{HEIGHT - BOTTOM}" '
                     f'y2="{HEIGHT - BOTTOM + 4}"/><text class="nf-axis" x="{x:.1f}" '
                     f'y="{HEIGHT - 8}" text-anchor="middle">{year}</text>')
    for position, line in enumerate(chart.lines):
        parts.extend(_line(line, line_colour(line, position), x_of, y_of))
    for claim in chart.claims:
        if claim.period is None:
            continue
        x, y = x_of(period_index(claim.period)), y_of(float(claim.value))
        colour = STATUS_COLOURS.get(claim.status, "#333")
        tip = (f"fact {claim.number}: reported {format_money(claim.value, chart.currency)} "
               f"for {claim.period} ({claim.status})")
        parts.append(f'<g class="nf-claim" data-fact="{claim.number}">'
                     f'<path d="M{x:.1f} {y - 7:.1f}l7 7-7 7-7-7z" fill="{colour}" '
                     f'stroke="#fff" stroke-width="1.5"><title>{escape(tip)}</title></path>'
                     f'<text class="nf-claim-label" x="{x + 9:.1f}" y="{y - 6:.1f}">'
                     f'{claim.number}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _line(line: Line, colour: str, x_of: Scale, y_of: Scale) -> list[str]:
    coords = [(x_of(period_index(p)), y_of(float(v)), p, v, vintage)
              for p, v, vintage in line.points]
    parts = []
    if not line.points_only and len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, *_ in coords)
        width = 2.2 if line.latest else 1.4
        parts.append(f'<polyline class="nf-series" fill="none" stroke="{colour}" '
                     f'stroke-width="{width}" points="{path}"/>')
    radius = 3.5 if line.points_only else 2.0
    for x, y, period, value, vintage in coords:
        tip = (f"{period}: {format_money(value, None)} ({line.label.split(' · ')[0]}, "
               f"published {vintage})")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{colour}">'
                     f'<title>{escape(tip)}</title></circle>')
    return parts


def _short(value: float) -> str:
    return format_money(Decimal(repr(round(value, 6))), None) if value else "0"


def _year_ticks(x_low: float, x_high: float) -> Sequence[int]:
    first, last = math.ceil(x_low / 12), math.floor(x_high / 12)
    years = list(range(first, last + 1))
    step = max(1, math.ceil(len(years) / 8))
    return years[::step]

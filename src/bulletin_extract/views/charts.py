"""Inline SVG bar charts (no plotting library, no fonts fetched): grouped bars and stacked bars, one row a label."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .page import esc

ROW = 22
LABEL_W = 110
BAR_W = 420
VALUE_W = 60


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name (legend), CSS colour and one value per row."""

    name: str
    colour: str
    values: Sequence[float]


def _legend(series: Sequence[Series], y: int) -> str:
    out, x = [], LABEL_W
    for s in series:
        out.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{esc(s.colour)}"/>')
        out.append(f'<text x="{x + 16}" y="{y + 11}">{esc(s.name)}</text>')
        x += 24 + 8 * len(s.name)
    return "".join(out)


def _frame(title: str, height: int, body: str) -> str:
    width = LABEL_W + BAR_W + VALUE_W
    return (
        f'<svg role="img" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-size="12" font-family="sans-serif">'
        f"<title>{esc(title)}</title>{body}</svg>"
    )


def grouped_bars(title: str, labels: Sequence[str], series: Sequence[Series], top: float = 1.0) -> str:
    """Bars of values in [0, *top*], the series side by side in each row, the value written after each bar."""
    group = ROW * len(series) + 6
    body = [_legend(series, 2)]
    for r, label in enumerate(labels):
        y0 = 22 + r * group
        body.append(f'<text x="{LABEL_W - 6}" y="{y0 + group / 2 + 2}" text-anchor="end">{esc(label)}</text>')
        for k, s in enumerate(series):
            v = s.values[r]
            w = max(0.0, min(1.0, v / top if top else 0.0)) * BAR_W
            y = y0 + k * ROW
            body.append(
                f'<rect class="bar" data-series="{esc(s.name)}" data-label="{esc(label)}" data-value="{v:.3f}" '
                f'x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{ROW - 6}" fill="{esc(s.colour)}"/>'
                f'<text x="{LABEL_W + w + 4:.1f}" y="{y + ROW - 10}">{v:.3f}</text>'
            )
    return _frame(title, 26 + group * len(labels), "".join(body))


def stacked_bars(title: str, labels: Sequence[str], series: Sequence[Series]) -> str:
    """One bar per row, the series stacked in it, scaled to the largest row total; the total written after."""
    totals = [sum(s.values[r] for s in series) for r in range(len(labels))]
    top = max(totals, default=0) or 1
    body = [_legend(series, 2)]
    for r, label in enumerate(labels):
        y = 22 + r * ROW
        body.append(f'<text x="{LABEL_W - 6}" y="{y + ROW - 10}" text-anchor="end">{esc(label)}</text>')
        x = float(LABEL_W)
        for s in series:
            w = s.values[r] / top * BAR_W
            if w > 0:
                body.append(
                    f'<rect class="bar" data-series="{esc(s.name)}" data-label="{esc(label)}" '
                    f'data-value="{s.values[r]:g}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{ROW - 6}" '
                    f'fill="{esc(s.colour)}"><title>{esc(label)} {esc(s.name)}: {s.values[r]:g}</title></rect>'
                )
            x += w
        body.append(f'<text x="{x + 4:.1f}" y="{y + ROW - 10}">{totals[r]:g}</text>')
    return _frame(title, 30 + ROW * len(labels), "".join(body))

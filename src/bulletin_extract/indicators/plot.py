"""Time series of a panel indicator, one line per region, conflicts marked (matplotlib, headless)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BulletinExtractError

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

# Fonts with the CJK glyphs labels need, the first one installed wins (Debian: fonts-noto-cjk).
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "PingFang SC",
    "Microsoft YaHei",
    "SimHei",
    "Noto Serif CJK SC",
)
PLOT_FORMATS = (".png", ".svg", ".pdf")


class PlotError(BulletinExtractError):
    """Nothing to plot, or an output the plot cannot be written as."""


def cjk_font() -> str | None:
    """The first installed font of :data:`CJK_FONTS`; None (with a warning) when there is none."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    found = next((name for name in CJK_FONTS if name in installed), None)
    if found is None:
        log.warning("no CJK font found (%s): Chinese labels will show as boxes; install fonts-noto-cjk", CJK_FONTS[0])
    return found


def _series(panel: pd.DataFrame, indicator: str, regions: Sequence[str], scope: str | None) -> pd.DataFrame:
    rows = panel[panel["indicator"] == indicator]
    if scope:
        rows = rows[rows["scope"] == scope]
    if regions:
        rows = rows[rows["region"].isin(regions)]
    rows = rows[rows["granularity"].isin(["day", "week", "month", "quarter", "half", "year"])]
    if rows.empty:
        known = sorted(set(panel["indicator"].dropna()))[:20]
        raise PlotError(f"no dated rows of {indicator!r} (scope {scope or 'any'}) to plot; indicators: {known}")
    ordered: pd.DataFrame = rows.sort_values("period_end")
    return ordered


def plot_panel(
    panel: pd.DataFrame,
    indicator: str,
    path: Path,
    *,
    regions: Sequence[str] = (),
    scope: str | None = None,
    measure: str = "level",
) -> Path:
    """Write the series of *indicator* (one line per region and scope) to *path* (.png, .svg or .pdf)."""
    if path.suffix.lower() not in PLOT_FORMATS:
        raise PlotError(f"{path}: a plot is written as {', '.join(PLOT_FORMATS)}")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = _series(panel[panel["measure"] == measure], indicator, regions, scope)
    font = cjk_font()
    if font:
        plt.rcParams["font.sans-serif"] = [font, *plt.rcParams["font.sans-serif"]]
    plt.rcParams["axes.unicode_minus"] = False
    fig, ax = plt.subplots(figsize=(11, 5.5))
    for (region, sc), line in rows.groupby(["region", "scope"], sort=True):
        ax.plot(line["period_end"], line["value"], marker=".", label=f"{region} ({sc})")
        bad = line[line["conflict"]]
        if not bad.empty:
            ax.scatter(bad["period_end"], bad["value"], marker="x", s=60, color="red", zorder=3)
    label = rows["label"].dropna().iloc[0] if rows["label"].notna().any() else indicator
    ax.set_title(f"{label} ({indicator}, {measure}); x = conflicting values in one bulletin")
    ax.set_xlabel("period end")
    ax.set_ylabel(str(rows["unit"].dropna().iloc[0]) if rows["unit"].notna().any() else "")
    ax.legend(fontsize="small", ncol=2)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path

"""``bulletin-extract plot panel.parquet --indicator ID``: a time series of one panel indicator."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import BulletinExtractError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "plot",
        help="plot one indicator of a panel as a time series (PNG/SVG/PDF)",
        description="Draw the rows of one indicator of a panel written by 'bulletin-extract panel' as one line "
        "per region and scope over the periods' end dates; values a bulletin states twice differently are "
        "marked with a red x. Needs matplotlib (pip install matplotlib) and a CJK font (fonts-noto-cjk).",
    )
    p.add_argument("panel", type=Path, metavar="PANEL", help="panel file (.parquet, .csv)")
    p.add_argument("--indicator", required=True, metavar="ID", help="indicator id, e.g. epi.confirmed.new")
    p.add_argument("--region", action="append", default=[], metavar="NAME", help="only these regions (repeatable)")
    p.add_argument("--scope", choices=("all", "local", "imported"), help="only this scope")
    p.add_argument("--measure", default="level", choices=("level", "change", "rate", "share", "target"))
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="image file (default ID.png)")
    p.set_defaults(func=run)


def _read(path: Path) -> object:
    import pandas as pd

    if not path.is_file():
        raise BulletinExtractError(f"{path}: no such panel file")
    if path.suffix.lower() not in (".csv", ".parquet"):
        raise BulletinExtractError(
            f"{path}: plot reads a panel written as .parquet or .csv (bulletin-extract panel -o)"
        )
    if path.suffix.lower() == ".csv":
        frame = pd.read_csv(path, encoding="utf-8-sig", parse_dates=["period_start", "period_end"])
        frame["conflict"] = frame["conflict"].astype(bool)
        return frame
    return pd.read_parquet(path)


def run(args: argparse.Namespace) -> int:
    from ..indicators.plot import plot_panel

    panel = _read(args.panel)
    out = args.output or Path(f"{args.indicator}.png")
    plot_panel(panel, args.indicator, out, regions=args.region, scope=args.scope, measure=args.measure)  # type: ignore[arg-type]
    print(f"wrote {out}", file=sys.stderr)
    return 0

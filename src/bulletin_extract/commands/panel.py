"""``bulletin-extract panel DIR -o panel.parquet``: the indicator panel of a folder of bulletins.

The folder is extracted exactly as ``batch`` does (same options, progress and ``--resume``) into a mentions
table beside the panel (``panel.mentions.parquet``); the panel aggregates that table.  Given a mentions
table (a ``.parquet`` written by ``batch``) instead of a folder, only the aggregation runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..indicators.export import PANEL_FORMATS, PanelFormatError, write_panel
from . import batch


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "panel",
        help="the indicator panel (document x region x period x indicator -> value) of a folder of bulletins",
        description="Extract every document under DIR as 'batch' does, then write one row per (document, region, "
        "period, indicator, scope, measure) with its value, unit, the evidence spans of every mention that gave "
        f"it and a conflict flag. OUTPUT: {', '.join(PANEL_FORMATS)} (CSV is UTF-8 with BOM, for Excel). "
        "DIR may also be a mentions table written by 'batch' (.parquet). See docs/panel.md.",
    )
    batch._inputs(p)
    batch._run_options(p)
    p.set_defaults(func=run)


def mentions_path(output: Path) -> Path:
    """Where the panel's mentions table goes: ``panel.csv`` -> ``panel.mentions.parquet``."""
    return output.with_name(f"{output.stem}.mentions.parquet")


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..indicators.panel import panel_frame

    output: Path = args.output or Path(f"{args.dir.resolve().name}.panel.parquet")
    if output.suffix.lower() not in PANEL_FORMATS:
        raise PanelFormatError(f"{output}: a panel is written as {', '.join(PANEL_FORMATS)}")
    if args.dir.is_file() and args.dir.suffix == ".parquet":
        table = args.dir
    else:
        table = mentions_path(output)
        args.output = table
        status = batch.run(args)
        if status:
            return status
    panel = panel_frame(pd.read_parquet(table), args.patterns)
    write_panel(panel, output)
    if not args.quiet:
        conflicts = int(panel["conflict"].sum()) if len(panel) else 0
        print(f"{len(panel)} panel rows ({conflicts} conflicts) from {table}: {output}", file=sys.stderr)
    return 0

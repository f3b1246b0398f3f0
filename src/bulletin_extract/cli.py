"""The ``bulletin-extract`` command: one subcommand per module in :mod:`bulletin_extract.commands`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from . import __version__
from .errors import BulletinExtractError

# Each module defines register(subparsers) and sets args.func; imported lazily so --help stays fast.
COMMANDS = [
    "extract",
    "batch",
    "panel",
    "plot",
    "patterns",
    "evaluate",
    "evaluate-panel",
    "gold",
    "show",
    "explain",
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="bulletin-extract",
        description="Typed, source-grounded figures, dates and entities from Chinese government bulletins.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"bulletin_extract.commands.{name.replace('-', '_')}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except BulletinExtractError as exc:
        print(f"bulletin-extract: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

"""The ``bulletin-extract`` command: one subcommand per module in :mod:`bulletin_extract.commands`."""

from __future__ import annotations

import argparse
import importlib
import logging
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
# The command each module registers, where the names differ.
_COMMAND_OF = {"patterns": "check-patterns"}
_TOP_LEVEL_EXITS = frozenset({"-h", "--help", "--version"})


def _command_module(argv: Sequence[str]) -> str | None:
    """The module of the command *argv* runs, or None when the top-level parser may need every command.

    The top-level options take no values, so the first other argument is the command; only ``--help``
    (which lists the commands) and an unknown command (whose error lists them) need them all.
    """
    for arg in argv:
        if arg in _TOP_LEVEL_EXITS:
            return None
        if not arg.startswith("-"):
            return next((m for m in COMMANDS if _COMMAND_OF.get(m, m) == arg), None)
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered, or only the one of module *only*.

    Importing a command's module imports what it runs (the batch, the evaluation): a cold start of one
    command should not pay for the others.
    """
    parser = argparse.ArgumentParser(
        prog="bulletin-extract",
        description="Typed, source-grounded figures, dates and entities from Chinese government bulletins.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # Own dest names: a subcommand's --quiet (batch: no progress display) must not silence the warnings.
    parser.add_argument(
        "-q",
        "--quiet",
        dest="log_quiet",
        action="store_true",
        help="print errors only, no warnings (dates left unresolved, unread table cells); before COMMAND",
    )
    parser.add_argument(
        "-v", "--verbose", dest="log_verbose", action="store_true", help="also print informational messages"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else [only]:
        importlib.import_module(f"bulletin_extract.commands.{name.replace('-', '_')}").register(sub)
    return parser


class _StderrHandler(logging.Handler):
    """Writes ``bulletin-extract: warning: ...`` to whatever ``sys.stderr`` is when a record arrives."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(f"bulletin-extract: {record.levelname.lower()}: {record.getMessage()}\n")
        except Exception:  # a logging failure must never end the command
            self.handleError(record)


def configure_logging(quiet: bool = False, verbose: bool = False) -> None:
    """Send the ``bulletin_extract`` logger's records to standard error, once, unless the caller set up logging.

    The library itself adds no handler: without one, Python prints warnings and errors anyway, so nothing is
    dropped silently in a notebook either.
    """
    logger = logging.getLogger("bulletin_extract")
    logger.setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)
    mine = any(isinstance(h, _StderrHandler) for h in logger.handlers)
    if not mine and not logging.getLogger().handlers:
        logger.addHandler(_StderrHandler())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_module(argv))
    args = parser.parse_args(argv)
    configure_logging(args.log_quiet, args.log_verbose)
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

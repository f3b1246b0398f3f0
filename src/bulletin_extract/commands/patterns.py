"""``bulletin-extract check-patterns PATH...``: validate pattern files and run their examples."""

from __future__ import annotations

import argparse

from ..rules.ruleset import Ruleset


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "check-patterns",
        help="validate pattern files and run their examples",
        description="Load the built-in patterns plus PATHs, report the first invalid entry (file, entry, reason), "
        "then run every example and list the ones that fail.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="extra pattern files or folders")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..rules.examples import run_example

    rs = Ruleset.load(args.paths)
    failures = 0
    total = 0
    for fname, ex in rs.examples():
        total += 1
        problems = run_example(ex, rs)
        if problems and not ex.xfail:
            failures += 1
            print(f"{fname}: {ex.input!r}")
            for p in problems:
                print(f"    {p}")
    print(f"{total - failures} passed, {failures} failed")
    return 1 if failures else 0

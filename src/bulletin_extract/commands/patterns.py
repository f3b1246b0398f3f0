"""``bulletin-extract check-patterns PATH...``: validate pattern files and run their examples."""

from __future__ import annotations

import argparse

from ..rules.ruleset import Ruleset


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "check-patterns",
        help="validate pattern files and run their examples",
        description="Load the built-in patterns plus PATHs, report the first invalid entry (file, entry, reason), "
        "then run every example and list the ones that fail; a file with no examples fails too.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="extra pattern files or folders")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..rules.examples import files_without_examples, run_example

    rs = Ruleset.load(args.paths)
    passed = failed = xfailed = 0
    for path in files_without_examples(rs):
        # A file with no examples is untested: it counts as a failure, like a failing example.
        failed += 1
        print(f"{path}: no examples (add some: 'out: []' for text that must give nothing)")
    for fname, ex in rs.examples():
        problems = run_example(ex, rs)
        if ex.xfail and problems:
            xfailed += 1
        elif ex.xfail:
            # Strict, as in the tests: a known gap that is closed must lose its xfail.
            failed += 1
            print(f"{fname}: {ex.input!r}")
            print(f"    passes, but is marked xfail ({ex.xfail}): remove the xfail")
        elif problems:
            failed += 1
            print(f"{fname}: {ex.input!r}")
            for p in problems:
                print(f"    {p}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed" + (f", {xfailed} xfailed" if xfailed else ""))
    return 1 if failed else 0

"""Where extraction spends its time: each stage's share of extract_document over the corpus, and jieba.lcut.

    python benchmarks/bench_stages.py [--entities] [--no-checks] [--kind epidemic] [--rounds 3]
    python benchmarks/bench_stages.py --profile 30      # also the 30 costliest functions under cProfile

Each stage the engine calls (bulletin_extract.engine) is wrapped in a timer for the run, so the table is
measured without a profiler's overhead; the best of the rounds counts, and jieba.lcut over the same texts
is timed in the same rounds as the reference.  Times are CPU seconds of this process (time.process_time),
which other load on a shared machine disturbs less than wall time.  Nested stages (the figure stages inside
``figures``) are listed under it and not counted twice in the total.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import logging
import pstats
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jieba

from bulletin_extract import engine as engine_module
from bulletin_extract import extract_document

ROOT = Path(__file__).resolve().parent.parent

# (name in bulletin_extract.engine, shown as, nested under the figures stage)
STAGES: list[tuple[str, str, bool]] = [
    ("detect_published", "published date", False),
    ("detect_region", "region", False),
    ("zone_mask", "zones", False),
    ("find_times", "times", False),
    ("find_tables", "tables", False),
    ("is_comparison", "comparison bases", False),
    ("find_figures", "figures: find", True),
    ("stacked_cells", "figures: stacked cells", True),
    ("resolve_bare_numbers", "figures: bare numbers", True),
    ("resolve_cells", "figures: table cells", True),
    ("with_attributes", "figures: qualifier, direction", True),
    ("attach", "figures: context", True),
    ("with_indicators", "figures: indicators", True),
    ("find_checks", "checks", False),
    ("find_derived", "derived: case lists", False),
    ("find_zeros", "derived: zeros", False),
    ("_time_record", "time records", False),
]

_totals: dict[str, float] = defaultdict(float)


def _timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _totals[name] += time.process_time() - t

    return wrapper


def _instrument() -> None:
    for name, _, _ in STAGES:
        setattr(engine_module, name, _timed(name, getattr(engine_module, name)))
    cls = engine_module.Engine
    cls.model = _timed("model", cls.model)  # type: ignore[method-assign]
    cls.entity_mentions = _timed("entity_mentions", cls.entity_mentions)  # type: ignore[method-assign]
    cls._figures = _timed("_figures", cls._figures)  # type: ignore[method-assign]
    cls.run = _timed("run", cls.run)  # type: ignore[method-assign]


def _texts(kind: str | None) -> list[str]:
    files = sorted((ROOT / "corpus").rglob("*.txt"))
    if kind:
        files = [p for p in files if p.parent.name == kind]
    return [p.read_text(encoding="utf-8") for p in files]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", action="store_true", help="extract named entities too")
    ap.add_argument("--no-checks", action="store_true", help="skip the checks (what extract() does)")
    ap.add_argument("--kind", help="only the corpus folder of this kind (epidemic, press, ...)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="also print the N costliest functions")
    args = ap.parse_args()
    logging.getLogger("bulletin_extract").setLevel(logging.ERROR)
    texts = _texts(args.kind)
    chars = sum(map(len, texts))
    jieba.setLogLevel(60)
    jieba.lcut("预热")
    run = functools.partial(extract_document, entities=args.entities, checks=not args.no_checks)
    run("预热2020年1.5万人")
    _instrument()
    best: dict[str, float] = {}
    tj = float("inf")
    for _ in range(args.rounds):
        t = time.process_time()
        for x in texts:
            jieba.lcut(x)
        tj = min(tj, time.process_time() - t)
        _totals.clear()
        t = time.process_time()
        for x in texts:
            run(x)
        wall = time.process_time() - t
        if not best or wall < best["wall"]:
            best = {**_totals, "wall": wall}
    wall = best["wall"]
    print(f"{len(texts)} documents, {chars:,} characters, best of {args.rounds}; entities={args.entities}")
    print(f"jieba.lcut {chars / tj:,.0f} chars/s; extract_document {chars / wall:,.0f} chars/s: {tj / wall:.2f}x jieba")
    print(f"{'stage':34} {'s':>7} {'share':>6} {'us/doc':>8}")
    nested = sum(best.get(n, 0.0) for n, _, inner in STAGES if inner)
    rows = [("document model", best.get("model", 0.0))]
    rows += [(label, best.get(n, 0.0)) for n, label, inner in STAGES if not inner]
    rows += [("entities", best.get("entity_mentions", 0.0))]
    rows += [("figures (all figure stages)", best.get("_figures", 0.0))]
    rows += [(label, best.get(n, 0.0)) for n, label, inner in STAGES if inner]
    rows += [("figures: blocking spans", best.get("_figures", 0.0) - nested)]
    counted = sum(v for label, v in rows if not label.startswith("figures: "))
    rows += [("rest (records, sorting, api)", wall - counted)]
    for label, v in rows:
        print(f"{label:34} {v:7.3f} {v / wall:6.1%} {v / len(texts) * 1e6:8.0f}")
    print(f"{'total':34} {wall:7.3f} {1:6.1%}")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for x in texts:
            run(x)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()

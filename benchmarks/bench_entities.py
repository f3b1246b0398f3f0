#!/usr/bin/env python3
"""How much slower is ``extract`` with entities than without, over the whole corpus?

Both modes run in this process on the same texts, alternating document by document
(so a change in machine load affects both alike), after one warm-up call each
(loading the ruleset, spaCy, the gazetteers and jieba happens once per process; it is
printed separately and not counted), and the ratio is printed.
The issue's budget: entities may at most double the time (ratio <= 2.0).

    python benchmarks/bench_entities.py                 # corpus/**/*.txt, best of 1 round
    python benchmarks/bench_entities.py --rounds 3 --limit 200
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bulletin_extract import extract

ROOT = Path(__file__).resolve().parent.parent


def _round(texts: list[str]) -> tuple[float, float]:
    """Seconds spent without and with entities, alternating per document so a change of load hits both alike."""
    off = on = 0.0
    for text in texts:
        t0 = time.perf_counter()
        extract(text, entities=False)
        t1 = time.perf_counter()
        extract(text, entities=True)
        t2 = time.perf_counter()
        off += t1 - t0
        on += t2 - t1
    return off, on


def main() -> int:
    """Time both modes and print the ratio; exit 1 when it is over the budget."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--rounds", type=int, default=1, help="repeat both timings and keep the best of each")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (0: all)")
    ap.add_argument("--budget", type=float, default=2.0)
    args = ap.parse_args()
    files = sorted(args.corpus.rglob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    texts = [f.read_text(encoding="utf-8-sig") for f in files]
    t0 = time.perf_counter()
    extract(texts[0], entities=False)
    setup_off = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract(texts[0], entities=True)  # builds the spaCy pipeline and loads jieba once
    setup_on = time.perf_counter() - t0
    rounds = [_round(texts) for _ in range(args.rounds)]
    off = min(r[0] for r in rounds)
    on = min(r[1] for r in rounds)
    chars = sum(map(len, texts))
    print(f"{len(texts)} documents, {chars} characters, best of {args.rounds}")
    print(
        f"first call (loads patterns; with entities also spaCy, the gazetteers and jieba): "
        f"{setup_off:.2f} s without, then {setup_on:.2f} s more with entities (not in the ratio)"
    )
    print(f"extract(entities=False): {off:8.2f} s  ({chars / off:,.0f} chars/s)")
    print(f"extract(entities=True):  {on:8.2f} s  ({chars / on:,.0f} chars/s)")
    print(f"ratio: {on / off:.2f} (budget {args.budget:.1f})")
    return 0 if on / off <= args.budget else 1


if __name__ == "__main__":
    raise SystemExit(main())

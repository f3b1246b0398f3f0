"""Cost of the indicator stage: its share of extract() (entities off) on the corpus, in the same run.

    python benchmarks/bench_indicators.py [--repeat 3]

The stage (``indicators.assign.with_indicators``) is timed inside extract() over every corpus text; the
share it takes of the whole extraction is the number to compare between two versions of the library (run
each on the same machine, one after the other: a share, unlike seconds, survives a busy machine).
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path
from typing import Any

import bulletin_extract.engine as engine
from bulletin_extract import extract

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    logging.disable(logging.WARNING)  # documents without a publication date warn; not what is timed
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*.txt"))]
    stage = engine.with_indicators
    spent = [0.0]

    def timed(*a: Any, **k: Any) -> Any:
        t = time.perf_counter()
        try:
            return stage(*a, **k)
        finally:
            spent[0] += time.perf_counter() - t

    engine.with_indicators = timed  # type: ignore[assignment]
    extract("预热2020年1.5万人", entities=False)  # build the ruleset outside the timing
    best: tuple[float, float] | None = None
    for _ in range(args.repeat):
        spent[0] = 0.0
        t = time.perf_counter()
        for x in texts:
            extract(x, entities=False)
        total = time.perf_counter() - t
        if best is None or spent[0] / total < best[0] / best[1]:
            best = (spent[0], total)
    assert best is not None
    print(f"corpus: {len(texts)} documents (best of {args.repeat})")
    print(f"indicator stage {best[0]:.2f}s of extract() {best[1]:.2f}s: share {best[0] / best[1]:.3f}")


if __name__ == "__main__":
    main()

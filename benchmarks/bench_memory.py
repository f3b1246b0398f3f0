"""Memory per retained mention: what keeping every mention of the corpus costs, per mention.

    python benchmarks/bench_memory.py [--no-entities] [--limit N]

The texts are read first; then every document's mentions are extracted and kept in one list while
tracemalloc traces allocations.  The memory still allocated afterwards (after garbage collection), divided by
the number of mentions, is the cost of one retained mention: the record, its field dict, its value (a Decimal)
and its strings (text, unit, subject, ...).  Target (issue 13): at most 700 bytes.
"""

from __future__ import annotations

import argparse
import gc
import logging
import tracemalloc
from collections import Counter
from pathlib import Path

from bulletin_extract import extract

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-entities", action="store_true")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents (0: all)")
    args = ap.parse_args()
    logging.getLogger("bulletin_extract").setLevel(logging.ERROR)
    files = sorted((ROOT / "corpus").rglob("*.txt"))[: args.limit or None]
    texts = [p.read_text(encoding="utf-8") for p in files]
    extract("预热2020年1.5万人，渭南市", entities=not args.no_entities)  # patterns outside the measurement
    if not args.no_entities:
        from bulletin_extract.ner.segmentation import warm_up

        warm_up()  # jieba's tables (loaded at the first entity check that asks): a fixed cost, not per mention
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = [extract(t, entities=not args.no_entities) for t in texts]
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    mentions = [m for ms in kept for m in ms]
    families = Counter(type(m).__name__ for m in mentions)
    lists = sum(len(ms) for ms in kept) * 8 + len(kept) * 56  # the lists' own pointers, counted in the total
    per = (after - before) / len(mentions)
    print(
        f"{len(texts)} documents, {len(mentions):,} mentions ({', '.join(f'{k} {v:,}' for k, v in families.items())})"
    )
    print(
        f"retained {(after - before) / 1e6:.1f} MB: {per:.0f} bytes per mention (the lists themselves {lists / 1e6:.1f} MB)"
    )
    print(f"target <= 700 bytes: {'met' if per <= 700 else 'NOT met'}")


if __name__ == "__main__":
    main()

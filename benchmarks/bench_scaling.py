#!/usr/bin/env python3
"""Does extraction cost the same per character on any document size and any input? (issues 13 and 14)

The corpus is joined into one text and cut into documents of 1k, 10k, 100k and 1M characters (the same
characters, ``--total`` of them, at every size), plus the same text as one 1M-character line; each size is
timed with ``extract`` (entities off and on) and with ``jieba.lcut`` in this run, in CPU seconds
(``time.process_time``: a shared machine's other load counts less), printed as µs per character.
Then the adversarial inputs of issue 14 (runs of one digit, of 十, 万, 《 and “; one 1 MB line;
digits alternating with CJK), their per-character cost relative to ordinary text of the same length,
and their peak traced memory (tracemalloc, in a separate pass: tracing slows the run). Last, an 8M-character
text against a 1M one.

    python benchmarks/bench_scaling.py                  # about 10 minutes
    python benchmarks/bench_scaling.py --total 300000 --no-8m

Targets: 1M-character documents ≤ 1.15× the per-character cost of 10k ones in every mode (the one-line text
too); every adversarial input ≤ 2× ordinary text; 8M characters ≤ 1.2× the cost per MB of 1M.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import jieba

from bulletin_extract import extract

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000, 100_000, 1_000_000)
MODES = {"plain": False, "entities": True}


def _corpus(n: int, one_line: bool = False) -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*.txt")))
    if one_line:
        text = text.replace("\n", "")
    return (text * (n // len(text) + 1))[:n]


def _cpu(fn: Callable[[str], object], docs: list[str]) -> float:
    t = time.process_time()
    for d in docs:
        fn(d)
    return time.process_time() - t


ROUNDS = 1


def _us_per_char(fn: Callable[[str], object], docs: list[str]) -> float:
    """CPU µs per character, the best of ROUNDS runs (the shared machine's noise only ever adds)."""
    return min(_cpu(fn, docs) for _ in range(ROUNDS)) * 1e6 / sum(map(len, docs))


def _extractor(entities: bool) -> Callable[[str], object]:
    return lambda t: extract(t, entities=entities)


def _peak_mb(text: str, entities: bool) -> float:
    tracemalloc.start()
    try:
        extract(text, entities=entities)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def scaling(total: int) -> None:
    text = _corpus(total)
    print(f"\n== document size (the same {total:,} corpus characters cut into documents of each size), µs/char")
    # "x jieba": how many times faster than jieba.lcut on the same documents (higher is better).
    print(f"{'documents':>24} {'jieba.lcut':>11} " + " ".join(f"{m:>9} {'x jieba':>7}" for m in MODES))
    rows: dict[str, dict[str, float]] = {}
    cases = [(f"{n:,} chars x {max(1, total // n)}", [text[i : i + n] for i in range(0, total, n)]) for n in SIZES]
    line = _corpus(total, one_line=True)
    cases.append(("one line, cut at 10,000", [line[i : i + 10_000] for i in range(0, total, 10_000)]))
    cases.append((f"one line of {total:,}", [line]))
    for name, docs in cases:
        tj = _us_per_char(jieba.lcut, docs)
        row = {m: _us_per_char(_extractor(e), docs) for m, e in MODES.items()}
        rows[name] = row
        print(f"{name:>24} {tj:>11.2f} " + " ".join(f"{row[m]:>9.2f} {tj / row[m]:>6.2f}x" for m in MODES))
    # Each long text against the same characters in 10k pieces.
    for name, ref in ((cases[3][0], cases[1][0]), (cases[5][0], cases[4][0])):
        ratios = ", ".join(f"{m} {rows[name][m] / rows[ref][m]:.2f}x" for m in MODES)
        ok = all(rows[name][m] / rows[ref][m] <= 1.15 for m in MODES)
        print(f"  {name} per char vs {ref}: {ratios}  (target <= 1.15: {'met' if ok else 'NOT met'})")


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "run of 1": lambda n: "1" * n,
    "run of 十": lambda n: "十" * n,
    "run of 万": lambda n: "万" * n,
    "run of 《": lambda n: "《" * n,
    "run of “": lambda n: "“" * n,
    "one line (corpus)": lambda n: _corpus(n, one_line=True),
    "1一 alternating": lambda n: ("1一" * n)[:n],
    "3渭南市 alternating": lambda n: ("3渭南市" * n)[:n],
}


def adversarial(n: int) -> None:
    print(f"\n== adversarial inputs of {n:,} characters: µs/char, x ordinary text of the same length, peak memory")
    ordinary = _corpus(n)
    base = {m: _us_per_char(_extractor(e), [ordinary]) for m, e in MODES.items()}
    peak = _peak_mb(ordinary, True)
    print(f"{'input':>20} " + " ".join(f"{m:>9} {'x ord':>6}" for m in MODES) + f" {'peak MB':>9}")
    print(f"{'ordinary':>20} " + " ".join(f"{base[m]:>9.2f} {1:>5.2f}x" for m in MODES) + f" {peak:>9.1f}")
    worst = 0.0
    for name, make in ADVERSARIAL.items():
        text = make(n)
        row = {m: _us_per_char(_extractor(e), [text]) for m, e in MODES.items()}
        worst = max(worst, *(row[m] / base[m] for m in MODES))
        cells = " ".join(f"{row[m]:>9.2f} {row[m] / base[m]:>5.2f}x" for m in MODES)
        print(f"{name:>20} {cells} {_peak_mb(text, True):>9.1f}")
    print(f"  worst adversarial / ordinary: {worst:.2f}x  (target <= 2: {'met' if worst <= 2 else 'NOT met'})")
    print("  (peak MB: tracemalloc's peak with entities on, the text itself included)")


def eight_megabytes() -> None:
    print("\n== 8M characters against 1M: CPU seconds per million characters")
    small, big = _corpus(1_000_000), _corpus(8_000_000)
    for m, e in MODES.items():
        per_small = _cpu(_extractor(e), [small])
        per_big = _cpu(_extractor(e), [big]) / 8
        ok = per_big / per_small <= 1.2
        print(
            f"  {m:>9}: 1M {per_small:.2f} s/M, 8M {per_big:.2f} s/M, ratio {per_big / per_small:.2f}x"
            f"  (target <= 1.2: {'met' if ok else 'NOT met'})"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--total", type=int, default=1_000_000, help="characters per document size (default 1M)")
    ap.add_argument("--adversarial", type=int, default=1_000_000, help="characters per adversarial input")
    ap.add_argument("--no-8m", action="store_true", help="skip the 8M-character text")
    ap.add_argument("--rounds", type=int, default=2, help="best of this many runs per measurement (default 2)")
    args = ap.parse_args()
    global ROUNDS
    ROUNDS = args.rounds
    jieba.setLogLevel(60)
    jieba.lcut("预热")  # the dictionary loads outside the timing
    extract("预热2020年1.5万人，渭南市", entities=True)  # and so do the patterns and gazetteers
    scaling(args.total)
    adversarial(args.adversarial)
    if not args.no_8m:
        eight_megabytes()


if __name__ == "__main__":
    main()

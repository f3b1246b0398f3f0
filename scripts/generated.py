"""What every ``make_*.py`` script does with the pattern file it renders: write it, or check the checked-in one."""

from __future__ import annotations

import argparse
from pathlib import Path


def write_or_check(out: Path, text: str, doc: str, script: str, summary: str = "") -> int:
    """Parse ``--check``; with it, exit status 1 when *out* differs from *text*, else write *text* to *out*."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 if the checked-in file differs")
    args = ap.parse_args()
    if args.check:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{out} differs: run {script}")
        return 0 if same else 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}{f' ({summary})' if summary else ''}")
    return 0

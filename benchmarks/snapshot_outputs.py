"""Every output of extract_document over the corpus, written to one JSONL file, to show a speed change changed nothing.

    python benchmarks/snapshot_outputs.py write before.jsonl [--limit N]
    ... change the engine ...
    python benchmarks/snapshot_outputs.py write after.jsonl
    python benchmarks/snapshot_outputs.py compare before.jsonl after.jsonl
    python benchmarks/snapshot_outputs.py compare-batch before.parquet after.parquet   # two batch outputs

One line per document and mode (entities on, and off): the published date, region, every mention, check and
derived count as ``model_dump(mode="json")`` with every attribute, in order. ``compare`` prints the first
documents that differ and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from bulletin_extract import extract_document

ROOT = Path(__file__).resolve().parent.parent


def _manifest() -> dict[str, dict[str, str]]:
    rows = [json.loads(line) for line in (ROOT / "corpus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    return {r["file"]: r for r in rows if "file" in r}


def write(out: Path, limit: int) -> None:
    logging.getLogger("bulletin_extract").setLevel(logging.ERROR)
    files = sorted((ROOT / "corpus").rglob("*.txt"))[: limit or None]
    meta = _manifest()
    with out.open("w", encoding="utf-8") as f:
        for p in files:
            rel = p.relative_to(ROOT / "corpus").as_posix()
            text = p.read_text(encoding="utf-8")
            m = meta.get(rel, {})
            for entities in (False, True):
                for published in (None, m.get("published")):
                    doc = extract_document(text, doc_id=rel, entities=entities, published=published)
                    row = {"file": rel, "entities": entities, "given": published, **doc.model_dump(mode="json")}
                    f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(files)} documents written to {out}")


def compare(a: Path, b: Path) -> int:
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    differ = [(x, y) for x, y in zip(left, right, strict=False) if x != y]
    for x, y in differ[:5]:
        rx, ry = json.loads(x), json.loads(y)
        print(f"{rx['file']} entities={rx['entities']} given={rx['given']}: differs")
        for key in sorted(set(rx) | set(ry)):
            if rx.get(key) != ry.get(key):
                print(f"  {key}: {str(rx.get(key))[:300]}\n  {' ' * len(key)}  {str(ry.get(key))[:300]}")
    if len(left) != len(right):
        print(f"{len(left)} lines against {len(right)}")
    print(f"{len(left)} lines compared, {len(differ)} differ")
    return 1 if differ or len(left) != len(right) else 0


def compare_batch(a: Path, b: Path) -> int:
    """Two ``bulletin-extract batch`` outputs (mentions and documents tables), sorted, compared with pandas."""
    import pandas as pd

    from bulletin_extract.io.tables import documents_path

    def load(p: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
        m = pd.read_parquet(p).sort_values(["path", "mention"]).reset_index(drop=True)
        d = pd.read_parquet(documents_path(p)).sort_values("path").reset_index(drop=True)
        return m, d

    (ma, da), (mb, db) = load(a), load(b)
    same = ma.equals(mb) and da.equals(db)
    print(f"mentions {ma.shape} vs {mb.shape}, documents {da.shape} vs {db.shape}: {'identical' if same else 'DIFFER'}")
    return 0 if same else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--limit", type=int, default=0, help="only the first N documents (0: all)")
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    cb = sub.add_parser("compare-batch")
    cb.add_argument("a", type=Path)
    cb.add_argument("b", type=Path)
    args = ap.parse_args()
    if args.cmd == "compare-batch":
        return compare_batch(args.a, args.b)
    if args.cmd == "write":
        write(args.out, args.limit)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())

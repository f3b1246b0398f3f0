"""Benchmark of the PDF reader: pages per second, with the batch throughput of the same documents as text files.

Run from the repository root (needs reportlab, from the ``test`` extra):

    python benchmarks/bench_readers.py               # 60 corpus documents as PDFs and as .txt files
    python benchmarks/bench_readers.py --docs 20     # fewer documents
    python benchmarks/bench_readers.py --compare     # also pypdf and plain pdfplumber, when installed

The PDFs are made here from corpus/ texts with reportlab (STSong-Light, justified CJK paragraphs, A4,
one ruled table per document), so every run reads the same kind of file.  In the same run it measures:

* ``read_pdf`` alone, in this process: pages/s and characters/s (reading cost without extraction);
* ``bulletin-extract batch`` over the PDF folder and over a folder of the same documents as UTF-8 .txt
  files, ``--jobs 1`` and ``--jobs 2``, wall clock including start-up: the text batch is the yardstick,
  and the difference is what reading PDF costs inside a batch.

Rounds interleave the measurements and the best of each is kept (other load only slows a run down).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import CORPUS, run_cli

FONT = "STSong-Light"


def make_pdfs(target: Path, documents: int, seed: int = 11) -> tuple[Path, Path]:
    """*documents* corpus texts as PDFs in ``target/pdf`` and as .txt files in ``target/txt``."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    style = ParagraphStyle(
        "zh", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK", alignment=4, firstLineIndent=24
    )
    files = sorted(CORPUS.rglob("*.txt"))
    random.Random(seed).shuffle(files)
    pdf_dir, txt_dir = target / "pdf", target / "txt"
    pdf_dir.mkdir(parents=True)
    txt_dir.mkdir(parents=True)
    table = [
        ["指标", "绝对值（亿元）", "比上年增长（%）"],
        ["地区生产总值", "2876.4", "7.2"],
        ["第一产业", "215.3", "4.1"],
    ]
    for f in files[:documents]:
        paras = [p.strip() for p in f.read_text(encoding="utf-8-sig").splitlines() if p.strip()]
        (txt_dir / f.name).write_text("\n".join(paras), encoding="utf-8")
        grid = Table(
            table,
            style=TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]),
        )
        story = [Paragraph(p.replace("&", "&amp;").replace("<", "&lt;").replace("\t", " "), style) for p in paras]
        SimpleDocTemplate(str(pdf_dir / f"{f.stem}.pdf"), pagesize=A4).build([*story, Spacer(1, 6), grid])
    return pdf_dir, txt_dir


def _time_readers(
    pdfs: list[bytes], readers: dict[str, Callable[[bytes], tuple[int, int]]], rounds: int
) -> dict[str, tuple[float, int, int]]:
    """Best wall time over *rounds* of each reader over all *pdfs*: (seconds, pages, characters)."""
    best: dict[str, tuple[float, int, int]] = {}
    for _ in range(rounds):
        for name, read in readers.items():
            t0 = time.perf_counter()
            pages = chars = 0
            for data in pdfs:
                p, c = read(data)
                pages, chars = pages + p, chars + c
            seconds = time.perf_counter() - t0
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, pages, chars)
    return best


def _readers(compare: bool) -> dict[str, Callable[[bytes], tuple[int, int]]]:
    import io

    from bulletin_extract.io.pdf import read_pdf

    def ours(data: bytes) -> tuple[int, int]:
        r = read_pdf(data)
        return r.pages, len(r.text)

    out: dict[str, Callable[[bytes], tuple[int, int]]] = {"read_pdf (bulletin-extract)": ours}
    if not compare:
        return out
    import pdfplumber

    def plumber(data: bytes) -> tuple[int, int]:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            texts = [p.extract_text() for p in pdf.pages]
        return len(texts), sum(len(t) for t in texts)

    out["pdfplumber extract_text"] = plumber
    try:
        import pypdf
    except ImportError:
        return out

    def pypdf_text(data: bytes) -> tuple[int, int]:
        texts = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]
        return len(texts), sum(len(t) for t in texts)

    out["pypdf extract_text"] = pypdf_text
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=60, help="corpus documents to turn into PDFs (default 60)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of each measurement (best kept)")
    ap.add_argument("--compare", action="store_true", help="also time pypdf and plain pdfplumber text extraction")
    ap.add_argument("--entities", action="store_true", help="extract named entities in the batch runs")
    ap.add_argument(
        "--chunk-docs",
        type=int,
        default=4,
        help="files per chunk in the batch runs (default 4: with 60 documents the default 16 makes four "
        "chunks, one of them holding the long work reports, and two processes cannot share the work)",
    )
    args = ap.parse_args()
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, entities={'on' if args.entities else 'off'}, "
        f"--chunk-docs {args.chunk_docs}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-readers-") as tmp:
        t0 = time.perf_counter()
        pdf_dir, txt_dir = make_pdfs(Path(tmp), args.docs)
        pdfs = [f.read_bytes() for f in sorted(pdf_dir.glob("*.pdf"))]
        print(f"made {len(pdfs)} PDFs ({sum(map(len, pdfs)) / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
        timed = _time_readers(pdfs, _readers(args.compare), args.repeat)
        for name, (seconds, pages, chars) in timed.items():
            print(
                f"{name:<30} {pages:>5} pages {seconds:>6.2f} s {pages / seconds:>7.1f} pages/s {chars / seconds:>10,.0f} chars/s"
            )
        runs: dict[tuple[str, int], list[dict[str, float]]] = {}
        for _ in range(args.repeat):
            for kind, folder in (("txt", txt_dir), ("pdf", pdf_dir)):
                for jobs in (1, 2):
                    runs.setdefault((kind, jobs), []).append(
                        run_cli(
                            folder,
                            Path(tmp) / f"{kind}{jobs}.parquet",
                            jobs,
                            args.entities,
                            extra=["--chunk-docs", str(args.chunk_docs)],
                        )
                    )
        _report_batches(runs, pages=timed["read_pdf (bulletin-extract)"][1])


def _report_batches(runs: dict[tuple[str, int], list[dict[str, float]]], pages: int) -> None:
    """One line per batch run (the best of its rounds), PDF runs as a ratio of the text run with the same --jobs."""
    text_rate: dict[int, float] = {}
    for (kind, jobs), results in runs.items():
        r = min(results, key=lambda x: x["seconds"])
        rate = r["documents"] / r["seconds"]
        text_rate.setdefault(jobs, rate)  # the txt run of each --jobs comes first
        extra = f" {pages / r['seconds']:>6.1f} pages/s" if kind == "pdf" else " " * 14
        print(
            f"batch {kind} --jobs {jobs}: {r['documents']:>4.0f} docs {r['seconds']:>6.1f} s {rate:>6.1f} docs/s"
            f" {r['chars'] / r['seconds']:>9,.0f} chars/s{extra}   x{rate / text_rate[jobs]:.2f} of the text batch"
            f"   errors {r['errors']:.0f}"
        )


if __name__ == "__main__":
    main()

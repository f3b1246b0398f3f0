"""``bulletin-extract batch DIR``: a tidy mentions table and a documents table from a folder of bulletins."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from ..batch.local import BatchError, BatchOptions, BatchResult, ChunkResult, Progress, default_jobs
from ..io.readers import DEFAULT_GLOBS, MANIFEST_NAME, find_manifest

# Seconds between progress lines when stderr is not a terminal (CI logs, nohup, cluster job logs).
_LOG_EVERY = 10.0
_BAR_WIDTH = 24


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "batch",
        help="extract every document of a folder into a mentions table and a documents table",
        description="Read every .txt, .html/.htm, .json and .jsonl document under DIR (recursively), extract its "
        "mentions and write one row per mention to OUTPUT and one row per document (status, encoding, counts, "
        "error) to OUTPUT's '.documents' sibling. Unreadable files are recorded, not fatal. An interrupted run "
        "is finished with --resume. See docs/batch.md.",
    )
    _inputs(p)
    _run_options(p)
    p.set_defaults(func=run)


def _inputs(p: argparse.ArgumentParser) -> None:
    """What to read and how: the folder, the output, which files, the manifest, the text of records."""
    p.add_argument("dir", type=Path, metavar="DIR", help="folder of documents (searched recursively)")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUTPUT",
        help="mentions file: .parquet (default), .csv or .jsonl; default ./DIRNAME.parquet",
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=None,
        metavar="N",
        help=f"worker processes (default: all cores, here {default_jobs()})",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="finish an interrupted run of the same command, skipping the chunks it completed",
    )
    p.add_argument(
        "--glob",
        action="append",
        default=[],
        metavar="PATTERN",
        help="only files whose path relative to DIR matches (fnmatch, '*' crosses folders; repeatable; "
        f"default {' '.join(DEFAULT_GLOBS)}); unknown extensions are read as plain text",
    )
    p.add_argument(
        "--manifest",
        type=Path,
        metavar="FILE",
        help=f"JSONL of file, doc_id, published, region per document (default: DIR/{MANIFEST_NAME} if present)",
    )
    p.add_argument("--no-manifest", action="store_true", help=f"ignore DIR/{MANIFEST_NAME}")
    p.add_argument(
        "--text-field", default="text", metavar="NAME", help="field holding the text in .json/.jsonl records"
    )
    p.add_argument(
        "--strict-decoding",
        action="store_true",
        help="record a file with any undecodable byte as an error instead of replacing the bytes",
    )


def _run_options(p: argparse.ArgumentParser) -> None:
    """How to run: processes, resuming, entities, extra patterns, chunks, the engine."""
    p.add_argument("--no-entities", action="store_true", help="skip named entities (faster)")
    p.add_argument(
        "--max-size",
        type=_not_negative,
        default=BatchOptions.max_bytes / 2**20,
        metavar="MB",
        help=f"a file (a JSONL record) larger than this is an error row, not read (default {BatchOptions.max_bytes >> 20}; "
        "0: no limit)",
    )
    p.add_argument(
        "--time-budget",
        type=_not_negative,
        default=BatchOptions.time_budget,
        metavar="SECONDS",
        help=f"reading a file, or extracting a document, that takes longer is an error row "
        f"(default {BatchOptions.time_budget:g}; 0: no limit)",
    )
    p.add_argument(
        "--patterns", action="append", default=[], metavar="PATH", help="extra pattern file or folder (repeatable)"
    )
    p.add_argument(
        "--chunk-docs",
        type=_positive,
        default=BatchOptions.chunk_docs,
        metavar="N",
        help=f"files per part file (default {BatchOptions.chunk_docs}); part of what --resume checks",
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local processes (default) or a Dask distributed cluster (pip install bulletin-extract[dask])",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster of --jobs workers)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress display and no summary")


def _not_negative(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        x = -1.0
    if not x >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"needs a number of at least 0, got {value}")
    return x


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"needs a whole number of at least 1, got {value}")
    return n


class Display(Progress):
    """A progress bar with documents/s and ETA on a terminal; a plain line every 10 s otherwise."""

    def __init__(self, stream: TextIO, tty: bool) -> None:
        self.stream, self.tty = stream, tty
        self.files = self.nbytes = 0
        self.done_files = self.done_bytes = self.docs = self.run_docs = self.run_bytes = 0
        self.t0 = self.last = time.monotonic()
        self.width = 0

    def start(self, files: int, nbytes: int) -> None:
        self.files, self.nbytes = files, nbytes
        self.t0 = self.last = time.monotonic()

    def advance(self, result: ChunkResult) -> None:
        self.done_files += result.files
        self.done_bytes += result.nbytes
        self.docs += result.documents
        if not result.resumed:
            # Rates count only work done by this run, so a resumed job does not report inflated speed.
            self.run_docs += result.documents
            self.run_bytes += result.nbytes
        now = time.monotonic()
        if self.tty and (now - self.last >= 0.1 or self.done_files == self.files):
            line = self._line(now, bar=True)
            # Pad over the previous line: the ETA and rate can get shorter.
            self.stream.write("\r" + line.ljust(self.width))
            self.width = len(line)
            self.stream.flush()
            self.last = now
        elif not self.tty and now - self.last >= _LOG_EVERY:
            self.stream.write(time.strftime("%H:%M:%S ") + self._line(now, bar=False) + "\n")
            self.stream.flush()
            self.last = now

    def _line(self, now: float, bar: bool) -> str:
        elapsed = max(now - self.t0, 1e-9)
        share = self.done_bytes / self.nbytes if self.nbytes else 1.0
        rate = self.run_bytes / elapsed
        eta = (self.nbytes - self.done_bytes) / rate if rate > 0 else None
        eta_s = time.strftime("%H:%M:%S", time.gmtime(eta)) if eta is not None else "--:--:--"
        counts = (
            f"{self.done_files}/{self.files} files, {self.docs} docs, {self.run_docs / elapsed:.1f} docs/s, ETA {eta_s}"
        )
        if bar:
            filled = int(share * _BAR_WIDTH)
            return f"[{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] {share:4.0%} {counts}"
        return f"batch: {share:.0%} {counts}"

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _options(args: argparse.Namespace) -> BatchOptions:
    return BatchOptions(
        entities=not args.no_entities,
        patterns=tuple(str(Path(p).resolve()) for p in args.patterns),
        strict_decoding=args.strict_decoding,
        text_field=args.text_field,
        chunk_docs=args.chunk_docs,
        max_bytes=int(args.max_size * 2**20),
        time_budget=args.time_budget,
    )


def _manifest(args: argparse.Namespace) -> Path | None:
    if args.no_manifest:
        return None
    return args.manifest or find_manifest(args.dir)


def run(args: argparse.Namespace) -> int:
    if args.scheduler and args.engine != "dask":
        raise BatchError("--scheduler is the address of a Dask cluster: add --engine dask")
    output = args.output or Path(f"{args.dir.resolve().name}.parquet")
    progress = Progress() if args.quiet else Display(sys.stderr, sys.stderr.isatty())
    common = dict(
        jobs=args.jobs,
        resume=args.resume,
        globs=args.glob or DEFAULT_GLOBS,
        manifest=_manifest(args),
        progress=progress,
    )
    try:
        if args.engine == "dask":
            from ..batch.dask import run_dask

            result = run_dask(args.dir, output, _options(args), scheduler=args.scheduler, **common)
        else:
            from ..batch.arrow import skip_pandas_probe
            from ..batch.local import run_local

            skip_pandas_probe()  # this process only builds and writes tables
            result = run_local(args.dir, output, _options(args), **common)
    except KeyboardInterrupt:
        print(
            f"\ninterrupted: finished chunks are kept; run the same command with --resume to finish {output}",
            file=sys.stderr,
        )
        return 130
    if not args.quiet:
        _summary(result)
    return 0


def _summary(r: BatchResult) -> None:
    rate = (r.documents / r.seconds) if r.seconds else 0.0
    resumed = f", {r.resumed_chunks} of {r.chunks} chunks from the interrupted run" if r.resumed_chunks else ""
    print(
        f"{r.mentions} mentions from {r.documents} documents ({r.errors} errors{resumed}) in {r.seconds:.1f} s "
        f"({rate:.1f} docs/s): {r.mentions_path}, {r.documents_path}",
        file=sys.stderr,
    )
    if r.errors:
        print(
            f"the rows with status 'error' in {r.documents_path} say what went wrong with each document",
            file=sys.stderr,
        )

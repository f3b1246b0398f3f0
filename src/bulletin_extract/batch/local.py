"""Batch runs over folders, the local engine: plan chunks, extract in worker processes, write parts, merge.

A run lists the folder (:func:`plan`), cuts the sorted list into chunks, and
turns each chunk into a pair of part files (mentions, documents) written
atomically, the documents part last, so its presence means the chunk is
done.  Parts live in ``OUTPUT.parts/`` with a ``job.json`` fingerprint of the
files and options; ``--resume`` skips the chunks already done, and a final
merge writes the output files atomically in chunk order.  Results are
therefore identical whatever the number of processes or interruptions.

This module is the one place that catches per-document errors: they become
rows of the documents table with ``status == "error"`` and the run carries on.
"""

from __future__ import annotations

import concurrent.futures as cf
import ctypes
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import BulletinExtractError
from ..io.readers import DEFAULT_GLOBS, Source, SourceDocument, discover, load_manifest, read_source, split_jsonl

if TYPE_CHECKING:  # pyarrow is imported where the tables are built, never when the package is imported
    import pyarrow as pa

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class BatchError(BulletinExtractError, RuntimeError):
    """A batch run cannot start or finish; the message says what to change."""


@dataclass(frozen=True)
class BatchOptions:
    """What is extracted and how files are read and chunked; part of the job fingerprint."""

    entities: bool = True
    patterns: tuple[str, ...] = ()
    strict_decoding: bool = False
    text_field: str = "text"
    chunk_docs: int = 16
    chunk_bytes: int = 256 << 10


@dataclass(frozen=True)
class Chunk:
    """Consecutive sources processed and written together; ``index`` orders the parts."""

    index: int
    sources: tuple[Source, ...]

    @property
    def nbytes(self) -> int:
        return sum((s.byte_end or s.size) - s.byte_start for s in self.sources)


@dataclass(frozen=True)
class ChunkResult:
    """Counts for one finished chunk (reported to the progress display and summed at the end)."""

    index: int
    files: int
    nbytes: int
    documents: int = 0
    errors: int = 0
    chars: int = 0
    mentions: int = 0
    resumed: bool = False


@dataclass(frozen=True)
class BatchResult:
    """What a finished run wrote and counted."""

    mentions_path: Path
    documents_path: Path
    documents: int
    errors: int
    mentions: int
    chars: int
    chunks: int
    resumed_chunks: int
    seconds: float


class Progress:
    """Receives progress events; the CLI subclasses it to draw a bar or print log lines."""

    def start(self, files: int, nbytes: int) -> None:
        """Called once with the totals of the whole job."""

    def advance(self, result: ChunkResult) -> None:
        """Called when a chunk is done (or found done, when resuming)."""

    def finish(self) -> None:
        """Called once at the end of the run, even when interrupted."""


def plan(
    root: Path, options: BatchOptions, *, globs: Sequence[str] = DEFAULT_GLOBS, manifest: Path | None = None,
    exclude: Sequence[Path] = (),
) -> list[Chunk]:
    """The chunks of a run over *root*, in a fixed order (sorted relative paths)."""
    meta = load_manifest(manifest) if manifest else {}
    skip = [*exclude, *([manifest] if manifest else [])]
    sources: list[Source] = []
    for s in discover(root, globs or DEFAULT_GLOBS, exclude=skip):
        if s.rel in meta:
            s = replace(s, meta=meta[s.rel])
        sources.extend(split_jsonl(s, options.chunk_bytes))
    chunks: list[Chunk] = []
    current: list[Source] = []
    size = 0
    for s in sources:
        current.append(s)
        size += (s.byte_end or s.size) - s.byte_start
        if len(current) >= options.chunk_docs or size >= options.chunk_bytes:
            chunks.append(Chunk(len(chunks), tuple(current)))
            current, size = [], 0
    if current:
        chunks.append(Chunk(len(chunks), tuple(current)))
    return chunks


def _install_digest(patterns: Sequence[str]) -> str:
    # The package's own files (code and built-in patterns) and the extra pattern files: an edited rule
    # must not let a resumed run mix results of two rule versions, even when the version number is unchanged.
    h = hashlib.sha256()
    roots = [Path(__file__).resolve().parent, *(Path(p) for p in patterns)]
    for root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for f in files:
            h.update(f.as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def fingerprint(chunks: Sequence[Chunk], options: BatchOptions) -> str:
    """A hash of the files (path, size, mtime, range, manifest entry), the options, the code and the patterns."""
    head = {"version": __version__, "options": asdict(options), "install": _install_digest(options.patterns)}
    h = hashlib.sha256(json.dumps(head, sort_keys=True).encode())
    for c in chunks:
        for s in c.sources:
            h.update(json.dumps([c.index, s.rel, s.size, s.mtime_ns, s.byte_start, s.byte_end, asdict(s.meta)]).encode())
    return h.hexdigest()


def _documents(source: Source, options: BatchOptions) -> Iterable[SourceDocument]:
    try:
        yield from read_source(source, strict=options.strict_decoding, text_field=options.text_field)
    except Exception as exc:  # a reader bug must cost one file, not the run
        yield SourceDocument(doc_id=source.meta.doc_id or source.rel, path=source.rel, format=source.format,
                             sha256=source.sha256, bytes=source.size, error=f"read failed: {type(exc).__name__}: {exc}")


def extract_chunk(sources: Iterable[Source], options: BatchOptions) -> tuple[pa.Table, pa.Table]:
    """The (mentions, documents) tables of *sources*; a failing document becomes an error row."""
    from ..api import extract_document
    from ..io.tables import TableBuilder

    tb = TableBuilder()
    for source in sources:
        for src in _documents(source, options):
            if src.error:
                tb.add(src, None)
                continue
            try:
                doc = extract_document(src.text, published=src.published, region=src.region, doc_id=src.doc_id,
                                       entities=options.entities, patterns=options.patterns)
            except Exception as exc:  # recorded in the documents table; the batch carries on (STYLE §3.7)
                tb.add(src, None, error=f"extraction failed: {type(exc).__name__}: {exc}")
                continue
            tb.add(src, doc)
    return tb.tables()


@dataclass(frozen=True)
class PartStore:
    """Where the part files of a job live, and the job fingerprint that guards ``--resume``."""

    mentions_dir: Path
    documents_dir: Path
    job_file: Path
    owned: tuple[Path, ...] = field(default=())

    def part(self, index: int) -> tuple[Path, Path]:
        """The (mentions, documents) part files of chunk *index*."""
        name = f"part-{index:06d}.parquet"
        return self.mentions_dir / name, self.documents_dir / name

    def done(self, index: int) -> bool:
        return self.part(index)[1].exists()

    def prepare(self, job: dict[str, object], resume: bool) -> None:
        """Check or create the job folders: resume a matching job, or start afresh."""
        for d in self.owned:
            if d.exists() and not d.is_dir():
                raise BatchError(f"{d} is a file, but this run writes a folder there: choose another -o or delete it")
        if self.job_file.exists():
            old = json.loads(self.job_file.read_text(encoding="utf-8"))
            if resume and old.get("fingerprint") != job["fingerprint"]:
                raise BatchError(
                    f"{self.job_file} belongs to a run over different files or options, so it cannot be resumed: "
                    "run again without --resume to start afresh"
                )
            if not resume:
                for d in self.owned:
                    shutil.rmtree(d, ignore_errors=True)
        else:
            for d in self.owned:
                if d.is_dir() and any(d.iterdir()):
                    raise BatchError(
                        f"{d} exists and was not made by 'bulletin-extract batch': choose another -o or delete it"
                    )
        for d in (self.mentions_dir, self.documents_dir):
            d.mkdir(parents=True, exist_ok=True)
            for stale in d.glob(".*.tmp-*"):  # left by a killed run
                stale.unlink(missing_ok=True)
        if not self.job_file.exists():
            tmp = self.job_file.with_name(f".{self.job_file.name}.tmp-{os.getpid()}")
            tmp.write_text(json.dumps(job, indent=1), encoding="utf-8")
            os.replace(tmp, self.job_file)


def run_chunk(chunk: Chunk, options: BatchOptions, store: PartStore) -> ChunkResult:
    """Extract one chunk and write its two part files (documents last: its presence marks the chunk done)."""
    from ..io.tables import write_parquet_atomic

    mentions, documents = extract_chunk(chunk.sources, options)
    m_path, d_path = store.part(chunk.index)
    write_parquet_atomic(mentions, m_path)
    write_parquet_atomic(documents, d_path)
    return _result(chunk, documents, resumed=False)


def _result(chunk: Chunk, documents: pa.Table, resumed: bool) -> ChunkResult:
    import pyarrow.compute as pc

    return ChunkResult(
        index=chunk.index, files=len(chunk.sources), nbytes=chunk.nbytes, documents=documents.num_rows,
        errors=int(pc.sum(pc.equal(documents["status"], "error")).as_py() or 0),
        chars=int(pc.sum(documents["chars"]).as_py() or 0), mentions=int(pc.sum(documents["mentions"]).as_py() or 0),
        resumed=resumed,
    )


def resumed_result(chunk: Chunk, store: PartStore) -> ChunkResult:
    """The counts of a chunk an earlier run finished, read back from its documents part."""
    import pyarrow.parquet as pq

    # No Arrow threads: the caller may fork worker processes next.
    table = pq.read_table(store.part(chunk.index)[1], columns=["status", "chars", "mentions"], use_threads=False)
    return _result(chunk, table, resumed=True)


def job_record(chunks: Sequence[Chunk], options: BatchOptions, root: Path) -> dict[str, object]:
    """The ``job.json`` content: enough to refuse resuming a different job and to explain why."""
    return {"fingerprint": fingerprint(chunks, options), "root": str(root.resolve()), "chunks": len(chunks),
            "files": sum(len(c.sources) for c in chunks), "options": asdict(options), "version": __version__}


def check_patterns(options: BatchOptions) -> None:
    """Build the engine once before any work, so a bad pattern file stops the run instead of failing every document."""
    from ..engine import default_engine

    default_engine(options.patterns)


def _die_with_parent() -> None:
    # If the main process is killed (kill -9), its workers would wait forever on the task queue; on Linux
    # the kernel can kill them with it.  Elsewhere they exit when the queue breaks.
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


def _worker_init(patterns: tuple[str, ...]) -> None:
    _die_with_parent()
    # Build the engine once per worker, before the first chunk arrives (a no-op when forked from the caller).
    from ..engine import default_engine

    default_engine(patterns)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not available on macOS or Windows
        return os.cpu_count() or 1


def start_method() -> str:
    """How worker processes start: ``fork`` from a single-threaded caller, else ``forkserver`` (or ``spawn``).

    Fork is fastest and needs no ``if __name__ == "__main__"`` guard in the caller's script, but forking
    a process that runs threads (a notebook kernel, a Dask client) can deadlock; then workers fork
    from a clean single-threaded server instead.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _pool(jobs: int, patterns: tuple[str, ...]) -> cf.ProcessPoolExecutor:
    method = start_method()
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["bulletin_extract.batch"])
    return cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init, initargs=(patterns,))


def run_local(
    root: Path, output: Path, options: BatchOptions | None = None, *, jobs: int | None = None, resume: bool = False,
    globs: Sequence[str] = DEFAULT_GLOBS, manifest: Path | None = None, progress: Progress | None = None,
) -> BatchResult:
    """Run a batch over *root* with local processes and write *output* plus its documents table.

    The output format follows the suffix of *output* (``.parquet``, ``.csv``, ``.jsonl``); the
    documents table goes next to it (``x.documents.parquet``).  ``jobs=None`` uses every core.
    """
    from ..io.tables import OUTPUT_FORMATS, documents_path, merge_parts

    options = options or BatchOptions()
    fmt = OUTPUT_FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise BatchError(f"cannot tell the output format of {output}: end it with .parquet, .csv or .jsonl")
    t0 = time.perf_counter()
    check_patterns(options)
    parts_dir = output.with_name(output.name + ".parts")
    store = PartStore(parts_dir / "mentions", parts_dir / "documents", parts_dir / "job.json", owned=(parts_dir,))
    exclude = [output, documents_path(output), parts_dir]
    chunks = plan(root, options, globs=globs, manifest=manifest, exclude=exclude)
    output.parent.mkdir(parents=True, exist_ok=True)
    for final in (output, documents_path(output)):
        for stale in output.parent.glob(f".{final.name}.tmp-*"):  # a merge killed half-way
            stale.unlink(missing_ok=True)
    store.prepare(job_record(chunks, options, root), resume)
    results = execute(chunks, options, store, jobs=jobs or default_jobs(), progress=progress)
    merge_parts((store.part(c.index) for c in chunks), output, fmt)
    shutil.rmtree(parts_dir, ignore_errors=True)
    return summarise(results, output, documents_path(output), time.perf_counter() - t0)


def execute(
    chunks: Sequence[Chunk], options: BatchOptions, store: PartStore, *, jobs: int, progress: Progress | None = None,
) -> list[ChunkResult]:
    """Run every chunk not already done, in up to *jobs* processes; results come back in chunk order."""
    progress = progress or Progress()
    progress.start(sum(len(c.sources) for c in chunks), sum(c.nbytes for c in chunks))
    results: dict[int, ChunkResult] = {}
    todo = []
    for c in chunks:
        if store.done(c.index):
            results[c.index] = resumed_result(c, store)
            progress.advance(results[c.index])
        else:
            todo.append(c)
    try:
        if jobs <= 1 or len(todo) <= 1:
            for c in todo:
                results[c.index] = run_chunk(c, options, store)
                progress.advance(results[c.index])
        else:
            _execute_pool(todo, options, store, min(jobs, len(todo)), results, progress.advance)
    finally:
        progress.finish()
    return [results[c.index] for c in chunks]


def _execute_pool(
    todo: Sequence[Chunk], options: BatchOptions, store: PartStore, jobs: int, results: dict[int, ChunkResult],
    advance: Callable[[ChunkResult], None],
) -> None:
    pool = _pool(jobs, options.patterns)
    try:
        futures = [pool.submit(run_chunk, c, options, store) for c in todo]
        for fut in cf.as_completed(futures):
            r = fut.result()
            results[r.index] = r
            advance(r)
    except cf.process.BrokenProcessPool as exc:
        raise BatchError(
            "a worker process died (out of memory or killed); finished chunks are kept: "
            "rerun with --resume, perhaps with fewer --jobs"
        ) from exc
    finally:
        # On Ctrl-C, drop queued chunks at once; their parts were never written, so --resume redoes them.
        pool.shutdown(wait=True, cancel_futures=True)


def summarise(results: Sequence[ChunkResult], mentions_path: Path, docs_path: Path, seconds: float) -> BatchResult:
    """Totals over every chunk of a run."""
    return BatchResult(
        mentions_path=mentions_path, documents_path=docs_path, documents=sum(r.documents for r in results),
        errors=sum(r.errors for r in results), mentions=sum(r.mentions for r in results),
        chars=sum(r.chars for r in results), chunks=len(results), resumed_chunks=sum(r.resumed for r in results),
        seconds=seconds,
    )

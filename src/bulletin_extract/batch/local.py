"""Batch runs over folders, the local engine: plan chunks, extract in worker processes, write parts and outputs.

A run lists the folder (:func:`plan`), cuts the sorted list into chunks, and
turns each chunk into a pair of part files (mentions, documents) written
atomically, the documents part last, so its presence means the chunk is
done.  Parts live in ``OUTPUT.parts/`` with a ``job.json`` fingerprint of the
files and options; ``--resume`` skips the chunks already done.  While the
chunks run, the main process appends each finished chunk's parts to the output
files in chunk order (:class:`InOrder`), and renames them into place when the
last chunk is in.  Results are therefore identical whatever the number of
processes or interruptions.

The job itself is described in :mod:`.jobs`; one chunk's work and its part
files in :mod:`.store`; the files in :mod:`.files`.
"""

from __future__ import annotations

import concurrent.futures as cf
import ctypes
import gc
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..io.readers import DEFAULT_GLOBS
from .jobs import (
    BatchError,
    BatchOptions,
    BatchResult,
    Chunk,
    ChunkResult,
    Progress,
    fingerprint,
    job_record,
    plan,
)
from .lock import OutputLock, lock_path
from .store import PartStore, extract_chunk, resumed_result, run_chunk

if TYPE_CHECKING:
    from .files import OutputFiles

__all__ = [
    "BatchError",
    "BatchOptions",
    "BatchResult",
    "Chunk",
    "ChunkResult",
    "OutputLock",
    "PartStore",
    "Progress",
    "default_jobs",
    "execute",
    "extract_chunk",
    "fingerprint",
    "job_record",
    "lock_path",
    "make_output_folder",
    "plan",
    "resumed_result",
    "run_chunk",
    "run_local",
    "start_method",
    "summarise",
]

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


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


def warm(patterns: tuple[str, ...], entities: bool) -> None:
    """Build the engine and, when entities are extracted, its entity patterns and jieba's tables now.

    Called before worker processes are forked, so they inherit all of it instead of each loading it
    again (jieba: about 0.3 s and 90 MB per process); in a worker that did not fork from a warm parent,
    before its first chunk.
    """
    from ..engine import default_engine

    engine = default_engine(patterns)
    if entities:
        from ..ner.segmentation import warm_up

        engine.entities  # noqa: B018 - a cached property: the entity patterns compiled now
        warm_up()  # jieba's tables, which the entity stage loads at its first check only


def _worker_init(patterns: tuple[str, ...], entities: bool) -> None:
    from .arrow import skip_pandas_probe

    _die_with_parent()
    # Ctrl-C reaches the whole process group; the main process alone handles it, by shutting the pool down
    # (a worker interrupted inside the pool's own queue code could leave its siblings waiting for ever).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    skip_pandas_probe()  # a worker only builds and writes tables
    if gc.get_freeze_count() == 0:  # not forked from a warm, frozen caller
        warm(patterns, entities)
        gc.freeze()  # see _gc_frozen; this process ends with the pool


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


def _pool(jobs: int, options: BatchOptions, method: str) -> cf.ProcessPoolExecutor:
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["bulletin_extract.batch"])
    return cf.ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_worker_init, initargs=(options.patterns, options.entities)
    )


def run_local(
    root: Path,
    output: Path,
    options: BatchOptions | None = None,
    *,
    jobs: int | None = None,
    resume: bool = False,
    globs: Sequence[str] = DEFAULT_GLOBS,
    manifest: Path | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """Run a batch over *root* with local processes and write *output* plus its documents table.

    The output format follows the suffix of *output* (``.parquet``, ``.csv``, ``.jsonl``); the
    documents table goes next to it (``x.documents.parquet``).  ``jobs=None`` uses every core.
    """
    from ..io.tables import OUTPUT_FORMATS, documents_path
    from .files import OutputFiles

    options = options or BatchOptions()
    fmt = OUTPUT_FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise BatchError(f"cannot tell the output format of {output}: end it with .parquet, .csv or .jsonl")
    t0 = time.perf_counter()
    check_patterns(options)
    parts_dir = output.with_name(output.name + ".parts")
    store = PartStore(parts_dir / "mentions", parts_dir / "documents", parts_dir / "job.json", owned=(parts_dir,))
    exclude = [output, documents_path(output), parts_dir, lock_path(output)]
    chunks = plan(root, options, globs=globs, manifest=manifest, exclude=exclude)
    make_output_folder(output)
    with OutputLock(lock_path(output), output):
        for final in (output, documents_path(output)):
            for stale in output.parent.glob(f".{final.name}.tmp-*"):  # outputs a killed run left half-written
                stale.unlink(missing_ok=True)
        store.prepare(job_record(chunks, options, root), resume)
        # The outputs are written while the chunks run, each chunk as soon as it and all before it are done,
        # so no merge pass is left at the end; the parts stay until the outputs are complete, for --resume.
        out = OutputFiles(output, fmt)
        try:
            results = execute(
                chunks, options, store, jobs=jobs or default_jobs(), progress=progress, done=InOrder(store, out)
            )
        except BaseException:
            out.abort()
            raise
        out.commit()
        shutil.rmtree(parts_dir, ignore_errors=True)
    return summarise(results, output, documents_path(output), time.perf_counter() - t0)


class InOrder:
    """Writes the parts of finished chunks into the output files in chunk order, whatever order they finish in.

    Only the next chunk's parts are read, when it is done: chunks that finish early wait on disk.
    """

    def __init__(self, store: PartStore, out: OutputFiles) -> None:
        self.store, self.out = store, out
        self.next = 0
        self.finished: set[int] = set()

    def __call__(self, result: ChunkResult) -> None:
        self.finished.add(result.index)
        while self.next in self.finished:
            self.finished.discard(self.next)
            self.out.write(*self.store.read(self.next))
            self.next += 1


def make_output_folder(output: Path) -> None:
    """Create the folder *output* goes in, or say why it cannot be (a file in the way, no permission)."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocker = next((p for p in [output.parent, *output.parent.parents] if p.exists() and not p.is_dir()), None)
        why = f"{blocker} is a file, not a folder" if blocker else (exc.strerror or str(exc))
        raise BatchError(f"cannot write {output}: {why}; choose another -o") from exc


def execute(
    chunks: Sequence[Chunk],
    options: BatchOptions,
    store: PartStore,
    *,
    jobs: int,
    progress: Progress | None = None,
    done: Callable[[ChunkResult], None] | None = None,
) -> list[ChunkResult]:
    """Run every chunk not already done, in up to *jobs* processes; results come back in chunk order.

    *done* is called with each chunk's result as it finishes (in this process), after *progress*.
    """
    progress = progress or Progress()
    progress.start(sum(len(c.sources) for c in chunks), sum(c.nbytes for c in chunks))
    results: dict[int, ChunkResult] = {}

    def finished(r: ChunkResult) -> None:
        results[r.index] = r
        progress.advance(r)
        if done is not None:
            done(r)

    todo = []
    for c in chunks:
        if store.done(c.index):
            finished(resumed_result(c, store))
        else:
            todo.append(c)
    try:
        if todo:
            _run(todo, options, store, jobs, finished)
    finally:
        progress.finish()
    return [results[c.index] for c in chunks]


def _run(
    todo: Sequence[Chunk], options: BatchOptions, store: PartStore, jobs: int, finished: Callable[[ChunkResult], None]
) -> None:
    pooled = jobs > 1 and len(todo) > 1
    method = start_method()
    if not pooled or method == "fork":
        warm(options.patterns, options.entities)  # before the fork: the workers inherit it
    with _gc_frozen():
        if pooled:
            _execute_pool(todo, options, store, min(jobs, len(todo)), finished, method)
        else:
            for c in todo:
                finished(run_chunk(c, options, store))


@contextmanager
def _gc_frozen() -> Iterator[None]:
    """Keep the objects that exist now, the engine's and jieba's above all, out of the garbage collector's passes.

    Every full pass of the cyclic collector walks all of them, and they live as long as the run: over
    the corpus the passes took 8% of the extraction's time, a third of that with them frozen.  Forked
    workers inherit the frozen state (which also spares their pages the collector's writes).  The
    caller's process gets its collector back as it was when the run ends.
    """
    if gc.get_freeze_count():  # frozen by the caller: theirs to undo
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _execute_pool(
    todo: Sequence[Chunk],
    options: BatchOptions,
    store: PartStore,
    jobs: int,
    finished: Callable[[ChunkResult], None],
    method: str,
) -> None:
    pool = _pool(jobs, options, method)
    try:
        futures = [pool.submit(run_chunk, c, options, store) for c in todo]
        for fut in cf.as_completed(futures):
            finished(fut.result())
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
        mentions_path=mentions_path,
        documents_path=docs_path,
        documents=sum(r.documents for r in results),
        errors=sum(r.errors for r in results),
        mentions=sum(r.mentions for r in results),
        chars=sum(r.chars for r in results),
        chunks=len(results),
        resumed_chunks=sum(r.resumed for r in results),
        seconds=seconds,
    )

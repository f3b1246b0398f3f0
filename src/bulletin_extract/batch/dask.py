"""The Dask engine: the same chunks and part files as the local engine, run on a Dask distributed cluster.

Each chunk is one partition of a ``dask.bag``; a worker extracts it and
writes its two Parquet part files straight into the output folders, so the
output is a partitioned Parquet dataset (``OUTPUT/part-*.parquet`` and
``OUTPUT.documents/...``) whose rows, read in order, equal the local
engine's table.  Workers must see the input folder and the output folder at
the same paths as the client (a shared file system); see ``docs/batch.md``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from pathlib import Path

from ..io.readers import DEFAULT_GLOBS
from .local import (
    BatchError,
    BatchOptions,
    BatchResult,
    Chunk,
    ChunkResult,
    OutputLock,
    PartStore,
    Progress,
    check_patterns,
    default_jobs,
    job_record,
    lock_path,
    make_output_folder,
    plan,
    resumed_result,
    run_chunk,
    summarise,
)

_INSTALL = "the dask engine needs Dask: pip install 'bulletin-extract[dask]'"


def run_dask(
    root: Path,
    output: Path,
    options: BatchOptions | None = None,
    *,
    scheduler: str | None = None,
    jobs: int | None = None,
    resume: bool = False,
    globs: Sequence[str] = DEFAULT_GLOBS,
    manifest: Path | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """Run a batch over *root* on the Dask scheduler at *scheduler* (or a local cluster of *jobs* workers).

    *output* must end in ``.parquet``; it becomes a folder of part files, and the documents
    table another folder next to it (``x.documents.parquet/``).  ``resume`` skips chunks whose
    parts an earlier run wrote.
    """
    options = options or BatchOptions()
    try:
        import dask.bag  # noqa: F401  (fail early, with the install hint)
        import distributed  # noqa: F401
    except ImportError as exc:
        raise BatchError(_INSTALL) from exc
    from ..io.tables import documents_path

    if output.suffix.lower() != ".parquet":
        raise BatchError(f"the dask engine writes partitioned Parquet: end -o with .parquet, not {output.name}")
    t0 = time.perf_counter()
    check_patterns(options)
    output = output.resolve()
    docs_dir = documents_path(output)
    store = PartStore(output, docs_dir, output / "_job.json", owned=(output, docs_dir), suffix=".parquet")
    chunks = plan(
        root.resolve(), options, globs=globs, manifest=manifest, exclude=[output, docs_dir, lock_path(output)]
    )
    make_output_folder(output)
    with OutputLock(lock_path(output), output):
        store.prepare(job_record(chunks, options, root), resume)
        results = _run(chunks, options, store, scheduler, jobs, progress or Progress())
    return summarise([results[c.index] for c in chunks], output, docs_dir, time.perf_counter() - t0)


def _run(
    chunks: Sequence[Chunk],
    options: BatchOptions,
    store: PartStore,
    scheduler: str | None,
    jobs: int | None,
    progress: Progress,
) -> dict[int, ChunkResult]:
    progress.start(sum(len(c.sources) for c in chunks), sum(c.nbytes for c in chunks))
    results = {c.index: resumed_result(c, store) for c in chunks if store.done(c.index)}
    for r in results.values():
        progress.advance(r)
    todo = [c for c in chunks if c.index not in results]
    try:
        if todo:
            _compute(todo, options, store, scheduler, jobs, results, progress)
    finally:
        progress.finish()
    return results


def _compute(
    todo: Sequence[Chunk],
    options: BatchOptions,
    store: PartStore,
    scheduler: str | None,
    jobs: int | None,
    results: dict[int, ChunkResult],
    progress: Progress,
) -> None:
    """Run the chunks *todo* on the cluster, filling *results* as they finish."""
    import dask.bag as db
    from distributed import Client, LocalCluster, as_completed

    with contextlib.ExitStack() as stack:
        target: object = scheduler
        if scheduler is None:
            workers = jobs or default_jobs()
            target = stack.enter_context(
                LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            )
        client = stack.enter_context(Client(target))
        bag = db.from_sequence(todo, partition_size=1).map(run_chunk, options, store)
        for future in as_completed(client.compute(bag.to_delayed())):
            for r in future.result():
                results[r.index] = r
                progress.advance(r)

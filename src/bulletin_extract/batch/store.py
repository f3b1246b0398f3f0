"""One chunk of a batch run: extract its documents (:mod:`.extraction`) and write its part files atomically
(documents last)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .extraction import extract_chunk
from .jobs import BatchError, BatchOptions, Chunk, ChunkResult

__all__ = ["PartStore", "extract_chunk", "resumed_result", "run_chunk"]

if TYPE_CHECKING:  # pyarrow is imported where the tables are built, never when the package is imported
    import pyarrow as pa


@dataclass(frozen=True)
class PartStore:
    """Where the part files of a job live, and the job fingerprint that guards ``--resume``."""

    mentions_dir: Path
    documents_dir: Path
    job_file: Path
    owned: tuple[Path, ...] = field(default=())
    # ".arrow" (Arrow IPC) for parts only kept until the final output is written; ".parquet" when the
    # parts are the output (the Dask engine's partitioned dataset).
    suffix: str = ".arrow"

    def part(self, index: int) -> tuple[Path, Path]:
        """The (mentions, documents) part files of chunk *index*."""
        name = f"part-{index:06d}{self.suffix}"
        return self.mentions_dir / name, self.documents_dir / name

    def read(self, index: int) -> tuple[pa.Table, pa.Table]:
        """The (mentions, documents) tables of a finished chunk."""
        from .files import read_part

        m_path, d_path = self.part(index)
        return read_part(m_path), read_part(d_path)

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
    from .files import write_part_atomic

    mentions, documents = extract_chunk(chunk.sources, options)
    m_path, d_path = store.part(chunk.index)
    write_part_atomic(mentions, m_path)
    write_part_atomic(documents, d_path)
    return _result(chunk, documents, resumed=False)


def _result(chunk: Chunk, documents: pa.Table, resumed: bool) -> ChunkResult:
    # A chunk has a few dozen rows: Python lists cost less than a pyarrow.compute call per count.
    chars, mentions = documents["chars"].to_pylist(), documents["mentions"].to_pylist()
    return ChunkResult(
        index=chunk.index,
        files=len(chunk.sources),
        nbytes=chunk.nbytes,
        documents=documents.num_rows,
        errors=documents["status"].to_pylist().count("error"),
        chars=sum(n for n in chars if n is not None),
        mentions=sum(n for n in mentions if n is not None),
        resumed=resumed,
    )


def resumed_result(chunk: Chunk, store: PartStore) -> ChunkResult:
    """The counts of a chunk an earlier run finished, read back from its documents part."""
    from .files import read_part

    table = read_part(store.part(chunk.index)[1], columns=["status", "chars", "mentions"])
    return _result(chunk, table, resumed=True)

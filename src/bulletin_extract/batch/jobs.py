"""What a batch run is: its options, its chunks of files, their results, and the fingerprint that guards resuming."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from .. import __version__
from ..errors import BulletinExtractError
from ..io.readers import DEFAULT_GLOBS, Source, SourceMeta, discover, load_manifest, source_format, split_jsonl

log = logging.getLogger(__name__)


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
    # A document past either limit is an error row (docs/batch.md, "Limits"); 0 means no limit.
    max_bytes: int = 64 << 20
    time_budget: float = 300.0


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
    root: Path,
    options: BatchOptions,
    *,
    globs: Sequence[str] = DEFAULT_GLOBS,
    manifest: Path | None = None,
    exclude: Sequence[Path] = (),
) -> list[Chunk]:
    """The chunks of a run over *root*, in a fixed order (sorted relative paths)."""
    meta = load_manifest(manifest) if manifest else {}
    skip = [*exclude, *([manifest] if manifest else [])]
    sources: list[Source] = []
    found = discover(root, globs or DEFAULT_GLOBS, exclude=skip)  # sorted by relative path
    missing = _missing_from_manifest(root, manifest, meta, found)
    for s in sorted([*found, *missing], key=lambda s: s.rel) if missing else found:
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


def _missing_from_manifest(
    root: Path, manifest: Path | None, meta: dict[str, SourceMeta], found: Sequence[Source]
) -> list[Source]:
    """An error source for each manifest entry whose file does not exist: a listed document must not vanish."""
    listed = {s.rel for s in found}
    missing = [rel for rel in meta if rel not in listed and not os.path.lexists(root / rel)]
    if missing:
        log.warning("%s lists %d file(s) not found under %s, e.g. %s", manifest, len(missing), root, missing[0])
    why = f"listed in the manifest {manifest} but not found under the folder; fix the entry or restore the file"
    return [
        Source(path=os.path.abspath(root / rel), rel=rel, format=source_format(rel), size=0, unreadable=why)
        for rel in missing
    ]


def _install_digest(patterns: Sequence[str]) -> str:
    # The package's own files (code and built-in patterns) and the extra pattern files: an edited rule
    # must not let a resumed run mix results of two rule versions, even when the version number is unchanged.
    h = hashlib.sha256()
    roots = [Path(__file__).resolve().parent, *(Path(p) for p in patterns)]
    for root in roots:
        files = (
            [root]
            if root.is_file()
            else sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        )
        for f in files:
            h.update(f.as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def fingerprint(chunks: Sequence[Chunk], options: BatchOptions) -> str:
    """A hash of the files (path, size, mtime, range, manifest entry), the options, the code and the patterns."""
    head = {"version": __version__, "options": asdict(options), "install": _install_digest(options.patterns)}
    h = hashlib.sha256(json.dumps(head, sort_keys=True).encode())
    for c in chunks:
        for s in c.sources:
            h.update(
                json.dumps([c.index, s.rel, s.size, s.mtime_ns, s.byte_start, s.byte_end, asdict(s.meta)]).encode()
            )
    return h.hexdigest()


def job_record(chunks: Sequence[Chunk], options: BatchOptions, root: Path) -> dict[str, object]:
    """The ``job.json`` content: enough to refuse resuming a different job and to explain why."""
    return {
        "fingerprint": fingerprint(chunks, options),
        "root": str(root.resolve()),
        "chunks": len(chunks),
        "files": sum(len(c.sources) for c in chunks),
        "options": asdict(options),
        "version": __version__,
    }

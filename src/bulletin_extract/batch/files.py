"""The files of a batch run: part files (Arrow IPC or Parquet) and the output files, each written atomically.

Atomically: a temporary name in the same folder, then a rename, so a reader (or ``--resume``) sees either
no file or the whole file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.ipc
import pyarrow.parquet as pq

from ..io.tables import DOCUMENTS, MENTIONS, OutputFormat, documents_path

# Parquet row groups this small or larger keep readers fast without holding much in memory.
_ROW_GROUP_ROWS = 65_536


def temp_name(path: Path) -> Path:
    """A hidden temporary name next to *path* (dataset readers skip names starting with a dot)."""
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def write_parquet_atomic(table: pa.Table, path: Path) -> None:
    """Write *table* to *path* so that a reader sees either no file or the whole file."""
    tmp = temp_name(path)
    pq.write_table(table, tmp)
    os.replace(tmp, path)


class _Writer:
    """Streams tables into one output file of a given format; :meth:`commit` renames it into place."""

    def __init__(self, path: Path, schema: pa.Schema, fmt: OutputFormat) -> None:
        self.path, self.schema, self.fmt = path, schema, fmt
        self.tmp = temp_name(path)
        self._pending: list[pa.Table] = []
        self._rows = 0
        self._pq: pq.ParquetWriter | None = None
        self._csv: pa_csv.CSVWriter | None = None
        self._text = None
        if fmt == "parquet":
            self._pq = pq.ParquetWriter(self.tmp, schema)
        elif fmt == "csv":
            self._csv = pa_csv.CSVWriter(str(self.tmp), schema)
        else:
            # Open across write() calls until close(): no with block can span them.
            self._text = open(self.tmp, "w", encoding="utf-8")  # noqa: SIM115

    def write(self, table: pa.Table) -> None:
        if self._pq is not None:
            # Buffer small part tables into large row groups; memory stays bounded by the row-group size.
            self._pending.append(table)
            self._rows += table.num_rows
            if self._rows >= _ROW_GROUP_ROWS:
                self._flush()
        elif self._csv is not None:
            self._csv.write_table(table)
        elif self._text is not None:
            for row in table.to_pylist():
                self._text.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")

    def _flush(self) -> None:
        if self._pq is not None and self._pending:
            self._pq.write_table(pa.concat_tables(self._pending))
        self._pending, self._rows = [], 0

    def commit(self) -> None:
        self._flush()
        for closer in (self._pq, self._csv, self._text):
            if closer is not None:
                closer.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        for closer in (self._pq, self._csv, self._text):
            if closer is not None:
                closer.close()
        self.tmp.unlink(missing_ok=True)


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


class OutputFiles:
    """The mentions file *output* and its documents file, filled table by table in order, then committed.

    Memory stays bounded by a row group whatever the number of tables; each output appears atomically
    on :meth:`commit` (the documents file last, so its presence means both are complete), and
    :meth:`abort` leaves neither.
    """

    def __init__(self, output: Path, fmt: OutputFormat) -> None:
        self.paths = (output, documents_path(output))
        self._writers = (_Writer(output, MENTIONS, fmt), _Writer(self.paths[1], DOCUMENTS, fmt))

    def write(self, mentions: pa.Table, documents: pa.Table) -> None:
        self._writers[0].write(mentions)
        self._writers[1].write(documents)

    def commit(self) -> tuple[Path, Path]:
        for w in self._writers:
            w.commit()
        return self.paths

    def abort(self) -> None:
        for w in self._writers:
            w.abort()


def write_part_atomic(table: pa.Table, path: Path) -> None:
    """Write *table* to *path* atomically, as Parquet or, for a ``.arrow`` name, as an Arrow IPC file.

    A part the local engine only keeps until the final output is written is an IPC file: writing and
    reading one costs a fraction of Parquet's encoding (28 columns of a few hundred rows each).
    """
    if path.suffix != ".arrow":
        write_parquet_atomic(table, path)
        return
    tmp = temp_name(path)
    with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    os.replace(tmp, path)


def read_part(path: Path, columns: list[str] | None = None) -> pa.Table:
    """A part file written by :func:`write_part_atomic` (only *columns*, when given)."""
    if path.suffix != ".arrow":
        # ParquetFile.read: the dataset machinery of read_table costs memory and time per small file.
        # No Arrow threads: the caller may fork worker processes next.
        return pq.ParquetFile(path).read(columns=columns, use_threads=False)
    with pa.OSFile(str(path), "rb") as source:
        table = pa.ipc.open_file(source).read_all()
    return table.select(columns) if columns is not None else table

"""Generated name lists: the TSV a gazetteer file names in ``data_file`` (e.g. ``divisions.tsv``).

The TSV has ``#`` comment lines (provenance), a header row naming its columns, then
one row per entry; the ``name`` column and the ``|``-separated ``forms`` column
become names of the gazetteer.  A malformed row fails when the ruleset loads,
naming the file, the line and the reason.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import PatternFileError
from ..rules.schema import GazetteerFile

_REQUIRED = ("name",)


def read_rows(path: Path) -> list[dict[str, str]]:
    """Every row of the TSV at *path*, keyed by the header's column names."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PatternFileError(str(path), f"cannot read the gazetteer data file: {exc.strerror}") from exc
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            missing = [c for c in _REQUIRED if c not in header]
            if missing:
                raise PatternFileError(
                    str(path), f"header row has no {missing[0]!r} column (columns: {cells})", entry=f"line {n}"
                )
            continue
        if len(cells) != len(header):
            raise PatternFileError(
                str(path), f"{len(cells)} tab-separated cells, the header has {len(header)}", entry=f"line {n}"
            )
        row = dict(zip(header, cells, strict=True))
        _check_row(row, path, n)
        rows.append(row)
    if header is None:
        raise PatternFileError(
            str(path), "no header row: the first non-comment line names the columns (name, forms ...)"
        )
    return rows


def _check_row(row: dict[str, str], path: Path, n: int) -> None:
    name = row["name"]
    if not name or name != name.strip():
        raise PatternFileError(str(path), f"name {name!r} is empty or has surrounding spaces", entry=f"line {n}")
    for form in forms(row):
        if form != form.strip():
            raise PatternFileError(str(path), f"form {form!r} has surrounding spaces", entry=f"line {n}")


def forms(row: dict[str, str]) -> list[str]:
    """The short forms of a row (``|``-separated in the ``forms`` column)."""
    return [f for f in row.get("forms", "").split("|") if f]


def read_names(path: Path) -> list[str]:
    """Every name and short form listed in the TSV at *path*."""
    return [n for row in read_rows(path) for n in (row["name"], *forms(row))]


def with_data_file(spec: GazetteerFile, spec_path: str) -> GazetteerFile:
    """*spec* with the names of its ``data_file`` (resolved beside *spec_path*) appended."""
    if spec.data_file is None:
        return spec
    extra = read_names(Path(spec_path).parent / spec.data_file)
    return spec.model_copy(update={"names": [*spec.names, *extra]})

"""Cells of a stacked table paired into rows by position (see :mod:`.stacked_tables`).

A PDF text layer prints a table's rows either row by row (label, unit, values) or column by column in
blocks of equal length; rows whose label it prints elsewhere take the labels left over, in order.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from .tables import Cell

Kind = Literal["label", "unit", "value", "head", "caption"]
Row = tuple[Cell | None, Cell | None, list[Cell]]


@dataclass
class Token:
    kind: Kind
    cell: Cell


@dataclass
class _Open:
    """The row being read: its labels, unit and values so far."""

    labels: list[Cell] = field(default_factory=list)
    unit: Cell | None = None
    values: list[Cell] = field(default_factory=list)


def column_pairs(tokens: list[Token]) -> tuple[list[Cell], list[Token]]:
    """A table printed with its columns as rows: label and unit pairs before any value (Ⅰ类⏎比例（%）⏎Ⅱ类⏎
    比例（%）), then rows of as many values, are the column headers (none when the rows do not fit)."""
    k = 0
    pairs: list[Cell] = []
    while k + 1 < len(tokens) and tokens[k].kind == "label" and tokens[k + 1].kind == "unit":
        a, b = tokens[k].cell, tokens[k + 1].cell
        pairs.append(Cell(a.start, b.end, len(pairs), a.text + b.text))
        k += 2
    rest = tokens[k:]
    runs = _runs(rest)
    fits = all(len(r) == len(pairs) for r in runs if r[0].kind == "value")
    if len(pairs) < 2 or not rest or not fits or any(t.kind == "unit" for t in rest):
        return [], tokens
    return pairs, rest


def bare(text: str, prefixes: Sequence[str]) -> str:
    for p in prefixes:
        text = text.removeprefix(p)
    return text.strip()


def joined(tokens: list[Token], prefixes: Sequence[str]) -> list[Token]:
    """Pairs of one-character label pieces joined: a PDF line break inside a two-character label (林⏎业)."""
    out: list[Token] = []
    for t in tokens:
        prev = out[-1] if out else None
        if (
            prev is not None
            and t.kind == prev.kind == "label"
            and len(bare(prev.cell.text, prefixes)) == len(bare(t.cell.text, prefixes)) == 1
        ):
            c = prev.cell
            out[-1] = Token("label", Cell(c.start, t.cell.end, -1, c.text + t.cell.text))
        else:
            out.append(t)
    return out


def usual_width(tokens: Sequence[Token]) -> int:
    """The number of values a row holds as the rows print it: the commonest length of a run of values that
    follows a single label or unit (0 when no row is printed row by row)."""
    lengths: dict[int, int] = {}
    runs = _runs(tokens)
    for prev, r in itertools.pairwise(runs):
        if r[0].kind == "value" and prev[0].kind != "value" and len(prev) == 1:
            lengths[len(r)] = lengths.get(len(r), 0) + 1
    return max(lengths, key=lambda k: (lengths[k], -k)) if lengths else 0


def _runs(tokens: Sequence[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    for t in tokens:
        if runs and runs[-1][0].kind == t.kind:
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def _split(runs: list[list[Token]], width: int) -> list[list[Token]]:
    """A run of values k times as long as a run of more rows than a row has values beside it, cut into k
    columns (19 units, then 19 outputs and 19 growths unbroken)."""
    out: list[list[Token]] = []
    for i, r in enumerate(runs):
        near = (runs[i - 1] if i else [], runs[i + 1] if i + 1 < len(runs) else [])
        sides = [len(x) for x in near if len(x) > max(1, width)]
        n = next((m for m in sides if len(r) > m and len(r) % m == 0), 0)
        if r[0].kind == "value" and n:
            out.extend(r[k : k + n] for k in range(0, len(r), n))
        else:
            out.append(r)
    return out


def _block_end(runs: list[list[Token]], joined: list[list[Token]], i: int, width: int) -> tuple[int, int]:
    """The end and length of the block of runs from *i* printed column by column (runs of equal length; a run
    of labels counted with or without its pieces joined), or *i* when none starts there."""
    for n in dict.fromkeys((len(runs[i]), len(joined[i]))):
        j = i
        while j < len(runs) and n in (len(runs[j]), len(joined[j])):
            j += 1
        kinds = [r[0].kind for r in runs[i:j]]
        values = kinds.count("value")
        if n >= 2 and j - i >= 2 and values and ("unit" in kinds or n > width):
            return j, n
    return i, 0


def rows(tokens: Sequence[Token], width: int, prefixes: Sequence[str]) -> tuple[list[Row], list[Cell]]:
    """Rows read by position, and the labels no row took (printed apart from their values)."""
    out: list[Row] = []
    spare: list[Cell] = []
    row = _Open()

    def close() -> None:
        nonlocal row
        if row.values:
            out.append((row.labels[-1] if row.labels else None, row.unit, row.values))
            spare.extend(row.labels[:-1])
        else:
            spare.extend(row.labels)
        row = _Open()

    runs = _split(_runs(tokens), width)
    joined_runs = [joined(r, prefixes) if r[0].kind == "label" else r for r in runs]
    i = 0
    while i < len(runs):
        j, n = _block_end(runs, joined_runs, i, width)
        if j > i:
            close()
            out.extend(
                _block([r if len(r) == n else x for r, x in zip(runs[i:j], joined_runs[i:j], strict=True)], spare)
            )
            i = j
            continue
        for t in joined_runs[i]:
            if t.kind == "label":
                if row.values or row.unit:
                    close()
                spare.extend(row.labels)
                row.labels = [t.cell]
            elif t.kind == "unit":
                if row.values or row.unit:
                    close()
                row.unit = t.cell
            else:
                row.values.append(t.cell)
                if len(row.values) >= width:
                    close()
        i += 1
    close()
    return out, spare


def _block(runs: list[list[Token]], spare: list[Cell]) -> list[Row]:
    """Rows of a block printed column by column: the k-th label, unit and values of each run belong together."""
    labels = [r for r in runs if r[0].kind == "label"]
    units = [r for r in runs if r[0].kind == "unit"]
    values = [r for r in runs if r[0].kind == "value"]
    for extra in labels[1:]:
        spare.extend(t.cell for t in extra)
    out: list[Row] = []
    for k in range(len(values[0])):
        label = labels[0][k].cell if labels else None
        out.append((label, units[0][k].cell if units else None, [r[k].cell for r in values]))
    return out


def labelled(rows: list[Row], spare: list[Cell], prefixes: Sequence[str]) -> list[Row]:
    """Rows without a label given the labels printed apart, in order (one-character pieces dropped first)."""
    orphans = [k for k, r in enumerate(rows) if r[0] is None]
    if not orphans or not spare:
        return rows
    pieces = [x for x in spare if len(bare(x.text, prefixes)) == 1]
    drop = {id(x) for x in pieces[: max(0, len(spare) - len(orphans))]}
    spare = [x for x in spare if id(x) not in drop]
    out = list(rows)
    for k, label in zip(orphans, spare, strict=False):
        out[k] = (label, rows[k][1], rows[k][2])
    return out

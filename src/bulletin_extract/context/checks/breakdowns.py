"""Sums the text states: a total followed by its parts, and a table's total row over the rows above it.

A breakdown opens right after the total (an opening bracket, 其中, 包括) and runs to its closing bracket or
to the next ；。 or line break, never further: 在院治疗19851例（其中重症16例），死亡3例 has the one part 16.
What the parts are decides what the sum can say:

* parts with the total's indicator split by scope, 本土 and 境外输入 both given (新增确诊588例，其中境外输入62例，
  本土526例): the whole, so the sum holds or fails;
* parts with the total's indicator split by place (其中万州区2例、…): the places may be only some, so the sum
  holds, fails when the parts exceed the total, and is not applicable when they fall short;
* parts the catalogue does not name (医生480人、护士1232人): the same, except that parts exceeding the total
  are another list, not a breakdown (no check);
* parts naming other indicators (含重症病例18例，治愈出院71例): a selection, never a partition: not applicable.

A table row labelled with a total word (合计) is the sum of the rows above it in its column, back to the
table's header or the previous total row.
"""

from __future__ import annotations

from decimal import Decimal

from ...document.model import DocumentModel
from ...records import Check, CheckStatus, Figure
from .common import CheckPatterns, make_check, term

_ADDITIVE = ("count", "money", "quantity", "number")


def _breakdown_end(folded: str, start: int, opened: bool, pats: CheckPatterns) -> int:
    """Where a breakdown opened at *start* ends: its closing bracket, else the next strong mark."""
    depth = 1
    for k in range(start, len(folded)):
        ch = folded[k]
        if opened and ch in pats.open_brackets:
            depth += 1
        elif opened and ch in pats.close_brackets:
            depth -= 1
            if depth == 0:
                return k
        elif ch in pats.strong_marks:
            return k
    return len(folded)


def _parts(i: int, fs: list[Figure], doc: DocumentModel, pats: CheckPatterns) -> list[Figure]:
    t, folded = fs[i], doc.folded
    m = pats.breakdown.match(folded, t.end)
    if m is None:
        return []
    opened = any(ch in pats.open_brackets for ch in m.group())
    end = _breakdown_end(folded, m.end(), opened, pats)
    parts = []
    for f in fs[i + 1 :]:
        if f.start >= end or f.type != t.type or f.unit != t.unit:
            break
        parts.append(f)
    return parts


def _judge_parts(t: Figure, parts: list[Figure], total: Decimal) -> tuple[CheckStatus, str] | None:
    """(status, why) of a breakdown, or None when the figures are no breakdown of *t*."""
    named = {p.indicator for p in parts}
    exact = all(f.qualifier == "exact" for f in (t, *parts))
    if named == {None}:
        if total > t.value:
            return None
        if total == t.value:
            return "holds", ""
        return "not_applicable", "the parts may list only some of the total"
    if t.indicator is None or named != {t.indicator}:
        return "not_applicable", "the parts name other indicators: a selection, not a partition"
    scopes = sorted(p.scope or "all" for p in parts)
    if scopes == ["imported", "local"] and (t.scope or "all") == "all":
        if total == t.value or exact:
            return ("holds" if total == t.value else "fails"), "local + imported"
        return "not_applicable", "approximate figures"
    regions = [p.region for p in parts]
    if t.region not in regions and len(set(regions)) == len(regions):
        if total == t.value:
            return "holds", "places"
        if total > t.value and exact:
            return "fails", "the places exceed the total"
        return "not_applicable", "the places may be only some"
    if total == t.value:
        return "holds", ""
    return "not_applicable", "the parts do not split the total by scope or place"


def breakdown_checks(fs: list[Figure], doc: DocumentModel, pats: CheckPatterns) -> list[Check]:
    """The sum checks of one sentence's figures: every total followed by a breakdown of two or more parts."""
    out = []
    for i, t in enumerate(fs):
        if t.type not in _ADDITIVE:
            continue
        parts = _parts(i, fs, doc, pats)
        if len(parts) < 2:
            continue
        total = sum((f.value for f in parts), Decimal(0))
        judged = _judge_parts(t, parts, total)
        if judged is None:
            continue
        status, why = judged
        out.append(
            make_check(
                "sum",
                [term("total", t), *(term("part", f) for f in parts)],
                total,
                t.value,
                Decimal(0),
                status,
                " + ".join(f.text for f in parts) + f" = {total} vs stated {t.text}" + (f" ({why})" if why else ""),
            )
        )
    return out


def _row_labels(f: Figure, doc: DocumentModel) -> list[str]:
    """The cells before *f* on its table line (its row label, and a block label before it)."""
    start, _ = doc.line_bounds(f.start)
    return [c.strip() for c in doc.folded[start : f.start].split("\t")[:-1]]


def _tables(figs: list[Figure], doc: DocumentModel) -> list[list[Figure]]:
    """Table cells grouped by table: a table's rows are consecutive lines, counted from its header."""
    tables: list[list[Figure]] = []
    prev: Figure | None = None
    for f in figs:
        if f.cell is None or f.type not in _ADDITIVE or f.measure in ("change", "rate", "share"):
            continue
        same = (
            prev is not None
            and prev.cell is not None
            and f.cell[0] >= prev.cell[0]
            and doc.lines.index(f.start) - doc.lines.index(prev.start) == f.cell[0] - prev.cell[0]
        )
        if same:
            tables[-1].append(f)
        else:
            tables.append([f])
        prev = f
    return tables


def _table_total_check(t: Figure, table: list[Figure], totals: set[int]) -> Check | None:
    assert t.cell is not None
    col = t.cell[1]
    above = [f for f in table if f.cell is not None and f.cell[1] == col and f.start < t.start]
    # back to the previous total row of the column: its rows are summed already
    k = max((n for n, f in enumerate(above) if f.start in totals), default=-1)
    prev_cell = above[k].cell if k >= 0 else None
    first = prev_cell[0] + 1 if prev_cell is not None else 1  # row 0 is the header
    parts = [f for f in above[k + 1 :] if f.unit == t.unit]
    if len(parts) < 2:
        return None
    rows = [f.cell[0] for f in parts if f.cell is not None]
    total = sum((f.value for f in parts), Decimal(0))
    status: CheckStatus = "holds" if total == t.value else "fails"
    why = "table"
    if status == "fails" and rows != list(range(first, t.cell[0])):
        status, why = "not_applicable", "a row above has no figure in the column"
    return make_check(
        "sum",
        [term("total", t), *(term("part", f) for f in parts)],
        total,
        t.value,
        Decimal(0),
        status,
        f"{len(parts)} rows above the total row: {total} vs stated {t.text} ({why})",
    )


def _table_total_checks(table: list[Figure], doc: DocumentModel, pats: CheckPatterns) -> list[Check]:
    totals = {f.start for f in table if any(label in pats.totals for label in _row_labels(f, doc))}
    found = (_table_total_check(t, table, totals) for t in table if t.start in totals)
    return [c for c in found if c is not None]


def table_checks(figs: list[Figure], doc: DocumentModel, pats: CheckPatterns) -> list[Check]:
    """Every table total row checked against the rows above it."""
    return [c for table in _tables(figs, doc) for c in _table_total_checks(table, doc, pats)]

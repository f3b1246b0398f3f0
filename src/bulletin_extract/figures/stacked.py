"""Table cells that a PDF text layer stacks one per line: a number alone on its line under a unit alone on its
line (``万辆⏎⏎62.1``) is a figure in that unit, and the line above the unit is its row label (``汽车``)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..document.model import DocumentModel
from ..times.candidate import TimeCandidate
from .candidate import Candidate, CellContext
from .find import FigurePatterns, clean, read_unit

_MAX_LABEL_CHARS = 24  # a row label is short; a longer line is running text
_TABLE_LINES = 400  # how far up a stacked table's caption may stand


def _line_text(doc: DocumentModel, index: int) -> str:
    start, end = doc.line_bounds(doc.lines.starts[index])
    return doc.folded[start:end].strip()


def _previous(doc: DocumentModel, index: int) -> tuple[int, str]:
    """The nearest non-empty line before line *index* if it is short enough to be a cell: its number and text
    (-1 and "" otherwise).  Lengths come from the line starts, so a paragraph above is never copied."""
    starts = doc.lines.starts
    i = index - 1
    while i >= 0:
        if starts[i + 1] - starts[i] - 1 > _MAX_LABEL_CHARS:
            return -1, ""  # running text, not a cell
        text = _line_text(doc, i)
        if text:
            return i, text
        i -= 1
    return -1, ""


def stacked_cells(
    cands: list[Candidate],
    doc: DocumentModel,
    figures: FigurePatterns,
    governing: Sequence[TimeCandidate],
    prefixes: Sequence[str],
) -> list[Candidate]:
    """*cands* with every unit-less number alone on its line under a unit alone on its line typed by that unit.

    Its as_of is the nearest governing time above it within its table: the stacked lines up to the first
    line of running text (the caption ``表3：2022年…`` or a header ``2022 年（亿元）``).
    """
    if doc.tab_lines:
        return cands  # a text with tab-separated rows lays its tables out: figures/cells.py reads them
    folded, n = doc.folded, len(doc.folded)
    out = []
    bare = [i for i, c in enumerate(cands) if c.rule == "number.bare"]
    if not bare:
        return cands
    out = list(cands)
    for i in bare:
        c = cands[i]
        # A number that fills its line (checked on its neighbours first: most bare numbers stand in prose).
        if (c.start == 0 or folded[c.start - 1] == "\n") and (c.end == n or folded[c.end] == "\n"):
            out[i] = _typed(c, doc, doc.lines.index(c.start), figures, governing, prefixes)
    return out


def _table_time(doc: DocumentModel, line: int, governing: Sequence[TimeCandidate]) -> str | None:
    """The time of the nearest line above *line* that names one, within the stacked table (its caption included)."""
    i = line - 1
    while i >= max(0, line - _TABLE_LINES):
        start = doc.lines.starts[i]
        end = doc.lines.end_of(start, len(doc.folded))
        k = bisect.bisect_left(governing, start, key=lambda t: t.start)
        j = bisect.bisect_right(governing, end, key=lambda t: t.end)
        if j > k:
            return governing[j - 1].value  # the last time on the line (times are sorted and do not overlap)
        if end - start > _MAX_LABEL_CHARS * 2:
            return None  # running text: the table (and its caption) lie below it
        i -= 1
    return None


def _typed(
    c: Candidate,
    doc: DocumentModel,
    line: int,
    figures: FigurePatterns,
    governing: Sequence[TimeCandidate],
    prefixes: Sequence[str],
) -> Candidate:
    unit_line, unit_text = _previous(doc, line)
    if not unit_text or unit_text[0].isdigit():
        return c  # 62.1 under 7.1 or under nothing: no unit to take
    unit = read_unit(unit_text, figures)
    if unit is None:
        return c
    _, label = _previous(doc, unit_line)
    for p in prefixes:  # 其中：, # (tables.yaml label_prefixes)
        label = label.removeprefix(p)
    subject = label if label and len(label) <= _MAX_LABEL_CHARS and not label[0].isdigit() else None
    ctx = CellContext(None, None, subject, None, _table_time(doc, line, governing))
    value = clean(c.value * unit.value)
    return c._replace(type=unit.type, unit=unit.unit, value=value, rule="table.stacked_cell", cell=ctx)

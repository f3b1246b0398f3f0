"""Numbers written without a unit: typed by the figure that closes their range or list, kept as table
cells or indicator values (指数为52.0), else dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import regex

from ..document.model import DocumentModel
from ..rules.grammar import alternation, char_class
from ..rules.ruleset import Ruleset
from .candidate import Candidate
from .find import clean

_WRITTEN = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")


@dataclass(frozen=True, eq=False)
class BarePatterns:
    """What may stand before and after a kept bare number, and the range and list joiners."""

    before: regex.Pattern[str]
    window: int
    after: re.Pattern[str]
    range_join: regex.Pattern[str]
    list_join: regex.Pattern[str]

    @classmethod
    def compile(cls, rs: Ruleset) -> BarePatterns:
        g = rs.grammar
        # After a comparison base (较上周 -0.5, 同比 3.2) a bare number is the change, in the series' own unit.
        c = rs.context
        words = [*c.bare_number_after, *c.comparison_words, *c.implicit_comparisons]
        closers = char_class([*g.clause_marks, *g.close_brackets])
        return cls(
            before=regex.compile(f"(?:{alternation(words)})\\s*$" if words else "(?!)"),
            window=max(map(len, words), default=0) + 2,
            after=re.compile(f"\\s|{closers}|$"),
            range_join=regex.compile(f"\\s*(?:{alternation(g.range_joiners)})\\s*" if g.range_joiners else "(?!)"),
            list_join=regex.compile(f"\\s*(?:{alternation(g.list_joiners)})\\s*" if g.list_joiners else "(?!)"),
        )


def resolve_bare_numbers(cands: list[Candidate], doc: DocumentModel, pats: BarePatterns) -> list[Candidate]:
    """Give unit-less numbers a type: an item of a range or list (3至5天), a table cell, an indicator value."""
    folded = doc.folded
    out: list[Candidate] = []
    last = _run_ends(cands, folded, pats)
    for i, c in enumerate(cands):
        if c.rule != "number.bare":
            out.append(c)
            continue
        shared = _shared_unit(cands, last[i], folded, pats)
        if shared is not None:
            value = clean(c.value * _scale(c.value, shared, folded))
            out.append(c._replace(type=shared.type, unit=shared.unit, value=value, rule="list.shared_unit"))
            continue
        if doc.tab_lines and _is_cell(c, doc):
            out.append(c._replace(rule="number.cell"))
            continue
        # The words before it, within its line: a few characters, cut at a line break (no line lookup needed).
        before = folded[max(0, c.start - pats.window) : c.start]
        before = before[before.rfind("\n") + 1 :]
        if pats.before.search(before) and pats.after.match(folded, c.end):
            out.append(c)
    return out


def _is_cell(c: Candidate, doc: DocumentModel) -> bool:
    """A number that fills a cell of a tab-separated line."""
    if not doc.in_table_line(c.start):
        return False
    folded = doc.folded
    line_start, line_end = doc.line_bounds(c.start)
    return (c.start == line_start or folded[c.start - 1] == "\t") and (c.end == line_end or folded[c.end] in "\t\r")


def _run_ends(cands: list[Candidate], folded: str, pats: BarePatterns) -> list[int]:
    """For each candidate, the last bare number of the list (0.6、0.7和0.3) it starts: found once per list, from the
    end, so a list of n numbers costs n steps, not n * n."""
    last = list(range(len(cands)))
    for j in range(len(cands) - 2, -1, -1):
        if (
            cands[j].rule == "number.bare"
            and cands[j + 1].rule == "number.bare"
            and pats.list_join.fullmatch(folded, cands[j].end, cands[j + 1].start)
        ):
            last[j] = last[j + 1]
    return last


def _shared_unit(cands: list[Candidate], j: int, folded: str, pats: BarePatterns) -> Candidate | None:
    """3至5天 and 0.6、0.7和0.3个百分点: the figure with a unit that closes the range or list of bare numbers
    (*j*: the list's last bare number)."""
    nxt = cands[j + 1] if j + 1 < len(cands) else None
    if nxt is None or nxt.rule == "number.bare" or nxt.type == "number":
        return None
    gap = (folded, cands[j].end, nxt.start)
    if pats.range_join.fullmatch(*gap) or pats.list_join.fullmatch(*gap):
        return nxt
    return None


def _scale(value: Decimal, closing: Candidate, folded: str) -> Decimal:
    """The magnitude the closing figure's unit adds (亿 in 40-50亿元: 40 is 4e9), which the items before it share,
    unless an item is too large to share it (5000-1万元: 5000 is yuan, not 5000万)."""
    m = _WRITTEN.match(folded, closing.start)
    if m is None:
        return Decimal(1)
    written = Decimal(m.group().replace(",", ""))
    if written <= 0 or value >= 10 * written:
        return Decimal(1)
    factor = closing.value / written
    return factor if factor > 1 and factor == factor.to_integral_value() else Decimal(1)

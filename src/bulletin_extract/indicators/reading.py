"""What one figure's words say: the concept named before or after it, its flow and scope words, and what
it takes from the figure it continues or the total it breaks down (see :mod:`.assign` for the order).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ..document.model import DocumentModel
from ..document.tables import Row
from ..records import Figure, Scope
from ..rules.schema import Indicator
from ..rules.schema_indicators import Flow
from .asides import clause_start
from .catalogue import IndicatorPatterns
from .index import Index, find

_SECTION_LINES = 6  # how many paragraphs back a section's scope may be set
_NARROWED_CLAUSES = 4  # how many clauses back a narrowing word may open the statement (对“一带一路”…)
_PREDICATE_CHARS = 6  # a clause this short before its figure names nothing new (比上年增长, 6月份降至)


class Reading(NamedTuple):
    """What the stage read for one figure (kept for the next figure of the sentence); a tuple, as one is built
    for every figure."""

    fig: Figure
    concept: str | None
    flow: Flow | None
    scope: Scope
    name: str
    consumed: int  # end of the figure and of a name written after it
    sentence: int


def _after_name(fig: Figure, doc: DocumentModel, pats: IndicatorPatterns) -> tuple[str, int] | None:
    """The concept named right after the figure, longest match first, with the end of that name."""
    best: tuple[str, int] | None = None
    if pats.after_any.match(doc.folded, fig.end) is None:
        return None
    for concept, pattern in pats.after:
        m = pattern.match(doc.folded, fig.end)
        if m and (best is None or m.end() > best[1]):
            best = (concept, m.end())
    return best


def _joined(prev: Reading | None, doc: DocumentModel, pats: IndicatorPatterns) -> bool:
    """The figure continues the list of the previous figure of its sentence (和, 、 or a comma after it), or
    stands in a bracketed aside right after it (昆明市53例（治愈出院53例）)."""
    return prev is not None and pats.joiners.match(doc.folded, prev.consumed) is not None


def _cell_reading(fig: Figure, sentence: int, pats: IndicatorPatterns, home: str | None, group: str) -> Reading:
    """A table cell: named by its row label (地区生产总值) or, for a row of places, by its column header.

    A row that is neither a catalogued name, a division nor a total (合计) breaks the column down by
    something that is no key of the panel (a country of origin, an age group): no indicator.  Neither is a
    place under a block of imported cases (境外输入人员（按输入地分）|香港): it is where they came from.
    """
    row, column = fig.subject or "", fig.column or ""
    # A row label that names the concept in a table only (第一产业 under 地区生产总值) names it as a whole.
    label = row.strip()
    names = [(0, len(label), label)] if label in pats.row_of else find(pats, "names", row, 0, len(row))
    by_row = bool(names)
    names = names or find(pats, "names", column, 0, len(column))
    if label in pats.row_of:
        concept = pats.row_of[label] or None
    else:
        concept = (pats.name_of[names[-1][2]] or None) if names else None
    if concept is not None and not by_row and not _place_or_total(row, pats, home):
        concept = None
    text = group + row + column
    flows, scopes = find(pats, "flows", text, 0, len(text)), find(pats, "scopes", text, 0, len(text))
    flow = pats.flow_of[flows[-1][2]] if flows else None
    scope: Scope = pats.scope_of[scopes[-1][2]] if scopes else "all"
    if not by_row and scope == "imported" and find(pats, "scopes", group, 0, len(group)):
        concept = None
    return Reading(fig, concept, flow, scope, names[-1][2] if names else "", fig.end, sentence)


def _place_or_total(label: str, pats: IndicatorPatterns, home: str | None) -> bool:
    label = label.strip()
    return label in pats.totals or any(pats.divisions.resolve(label[:n], home) for n in range(len(label), 1, -1))


def _context_scope(fig: Figure, at: Place, doc: DocumentModel, context: Context) -> Scope:
    """The scope of a figure that names none: its sentence's, its paragraph's, else its section's.

    Scope words after the figure in its sentence split it (…8071例，其中本土8070例，境外输入1例): all.
    Before it, the nearest of the sentence, the paragraph and the few paragraphs before (a section's
    headline, its case lists, then 已追踪到以上病例的密切接触者976人) that names a scope sets it, when
    that text names only one (本土…境外输入… names several: all).
    """
    idx = context.idx
    if idx.last("scopes", fig.end, at.s1) is not None:
        return "all"
    named = idx.scopes_in(at.s0, fig.start)
    if named:
        return named.pop() if len(named) == 1 else "all"
    line = doc.lines.index(fig.start)
    named = idx.scopes_in(doc.lines.starts[line], at.s0)
    if named:
        return named.pop() if len(named) == 1 else "all"
    # What the paragraphs before name is the same for every figure of the line.
    scope = context.sections.get(line)
    if scope is None:
        scope = context.sections[line] = _section_scope(line, doc, idx)
    return scope


def _section_scope(line: int, doc: DocumentModel, idx: Index) -> Scope:
    """The scope that one of the few paragraphs before *line* names."""
    starts = doc.lines.starts
    for i in range(line - 1, max(-1, line - 1 - _SECTION_LINES), -1):
        if i in doc.tab_lines:
            break
        named = idx.scopes_in(starts[i], starts[i + 1])
        if named:
            return named.pop() if len(named) == 1 else "all"
    return "all"


class Place(NamedTuple):
    """Where a figure stands: the number, start and end of its sentence, and the start of its clause."""

    sentence: int
    s0: int
    s1: int
    clause: int
    bracketed: bool  # a bracket stands in the sentence


@dataclass(frozen=True)
class Context:
    """What every reading of one document looks up: its division, table rows, word index, the flow each
    concept was last stated with, and the spans of its time expressions (sorted by start)."""

    home: str | None
    rows: dict[int, Row]
    idx: Index
    last_flow: dict[str, Flow]
    times: Sequence[tuple[int, int]]
    time_starts: Sequence[int]  # the starts of *times*, for bisection
    sections: dict[int, Scope] = field(default_factory=dict)  # _section_scope by line

    def time_chars(self, lo: int, hi: int) -> int:
        """How many characters of [lo, hi) time expressions take (一九八四年增加: the predicate is 增加)."""
        i = bisect.bisect_left(self.time_starts, lo)
        n = 0
        while i < len(self.times) and self.times[i][0] < hi:
            n += min(self.times[i][1], hi) - self.times[i][0]
            i += 1
        return n


def read(
    fig: Figure,
    prev: Reading | None,
    total: Sequence[Reading],
    doc: DocumentModel,
    pats: IndicatorPatterns,
    context: Context,
    at: Place,
) -> Reading:
    """What *fig*'s words say (*at* is where it stands), continuing *prev* and under *total*."""
    sentence = at.sentence
    if fig.cell is not None:
        row = context.rows.get(doc.lines.index(fig.start))
        # A total row (合计) closes the block above it: it adds up every block.
        in_block = row is not None and row.group is not None and (fig.subject or "").strip() not in pats.totals
        group = row.group.text if in_block and row is not None and row.group is not None else ""
        return _cell_reading(fig, sentence, pats, context.home, group)
    prev = prev if prev is not None and prev.sentence == sentence else None
    idx = context.idx
    lo = clause_start(at.clause, at.s0, doc, pats, idx.brackets) if at.bracketed else at.clause
    if prev is not None and prev.consumed > lo:
        lo = prev.consumed
    concept, name, name_end, consumed, flow_lo = _name(fig, prev, doc, pats, lo, context, at)
    if concept is not None and name:
        start = name_end - len(name) if name_end != fig.start else fig.start
        if _narrowed(pats.concepts[concept].narrowed_by, doc, start, fig.start, context, at):
            concept = None  # 对东盟进出口总额…: trade with one partner is no value of the total
    if total:
        concept = _under_total(concept, name, total, pats)
    words_end = name_end if name_end > consumed else consumed
    # Words after the figure past its sentence (a name pattern that runs across a mark) leave the regions.
    flow_word = (
        idx.last("flows", flow_lo, words_end)
        if words_end <= at.s1 + 1
        else idx.across("flows", flow_lo, words_end, doc)
    )
    scope_word = idx.last("scopes", lo, words_end)
    inherit = total[-1] if total else (prev if _joined(prev, doc, pats) else None)
    flow = pats.flow_of[flow_word[2]] if flow_word else (inherit.flow if inherit else None)
    if not flow_word and concept in context.last_flow and any(doc.folded.startswith(w, name_end) for w in pats.within):
        flow = context.last_flow[concept]  # 确诊病例中，昆明市48例: the cases last stated (累计报告确诊病例168例)
    if scope_word:
        scope: Scope = pats.scope_of[scope_word[2]]
    else:
        scope = inherit.scope if inherit else _context_scope(fig, at, doc, context)
    return Reading(fig, concept, flow, scope, name, consumed, sentence)


def _under_total(concept: str | None, name: str, total: Sequence[Reading], pats: IndicatorPatterns) -> str | None:
    """The concept of a part after 其中, named *name* (*concept* by its own words), under *total*.

    A part named by a piece of its total's name (其中本土无症状感染者 under 解除医学观察无症状感染者) is that
    total's; a part with a name of its own under its parent (其中出口总额… under 进出口总额) keeps its own; a part
    that names no concept (其中：太原市2例) is the total's.
    """
    if name:
        for t in reversed(total):
            if t.concept and name in t.name and not _child(concept, t.concept, pats):
                return t.concept
    return total[-1].concept if concept is None and total[-1].concept else concept


def _narrowed(words: Sequence[str], doc: DocumentModel, name: int, pos: int, context: Context, at: Place) -> bool:
    """A clause of *pos*'s statement opens with one of *words* before the name at *name*: they narrow it to a
    part no panel key holds (对“一带一路”沿线国家实现进出口总额; not 对外贸易总额, where 对 is the name's)."""
    if not words:
        return False
    mark = context.idx.last("statements", at.s0, pos)
    lo = mark[1] if mark else at.s0
    c = at.clause
    for _ in range(_NARROWED_CLAUSES):
        if any(doc.folded.startswith(w, c) and c + len(w) <= name for w in words):
            return True
        if c <= lo:
            return False
        c = doc.clauses.start_of(c - 1)
    return False


def _child(concept: str | None, parent: str, pats: IndicatorPatterns) -> bool:
    """*concept* is catalogued as a part of *parent* (macro.exports of macro.trade, any flow of it)."""
    of = pats.concepts[concept].parent if concept is not None else None
    return of is not None and (of == parent or of.startswith(parent + "."))


def _name(
    fig: Figure,
    prev: Reading | None,
    doc: DocumentModel,
    pats: IndicatorPatterns,
    lo: int,
    context: Context,
    at: Place,
) -> tuple[str | None, str, int, int, int]:
    """The concept naming a figure, the name, where it ends, where the figure's words end, and where its
    flow words may start.

    A name right after the figure wins; else the last name of its clause; in a distributive list
    (A、B分别为X、Y) the name the subject stage gave the figure; else, when the clause before the figure
    is a short predicate (比上年增长, 6月份降至), the previous figure's concept or the last name earlier
    in the sentence (城镇调查失业率总体下降，6月份降至5.2%; 累计确诊病例：昆明市53例).
    """
    idx = context.idx
    after = _after_name(fig, doc, pats)
    if after is not None:
        return after[0], doc.folded[fig.end : after[1]], fig.start, after[1], lo
    s0 = at.s0
    if fig.subject and idx.last("distributive", s0, fig.start) is not None:
        named = find(pats, "names", fig.subject, 0, len(fig.subject))
        if named:
            return pats.name_of[named[-1][2]] or None, named[-1][2], fig.start, fig.end, lo
    last = idx.last("names", lo, fig.start)
    if last is not None:
        return pats.name_of[last[2]] or None, last[2], last[1], fig.end, lo
    clause = at.clause if at.clause > lo else lo
    # Times in the predicate do not count (今年一季度增长, 一九八四年增加).
    chars = fig.start - clause
    if chars > _PREDICATE_CHARS and chars - context.time_chars(clause, fig.start) > _PREDICATE_CHARS:
        return None, "", fig.start, fig.end, lo
    if prev is not None and prev.concept:
        return prev.concept, "", fig.start, fig.end, lo
    earlier = idx.last("names", s0, lo) if prev is None else None
    if earlier is not None:
        return pats.name_of[earlier[2]] or None, earlier[2], earlier[1], fig.end, s0
    return None, "", fig.start, fig.end, lo


def fits(fig: Figure, concept: Indicator) -> bool:
    """The figure's type, and for a count its unit, are ones the concept is stated in."""
    if fig.type not in concept.types:
        return False
    return not (concept.units and fig.type == "count" and fig.unit not in concept.units)

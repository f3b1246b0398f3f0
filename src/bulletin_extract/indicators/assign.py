"""Each figure's indicator, measure, scope and canonical region, read from its clause and sentence.

The name of an indicator stands before a figure (新增确诊病例3例) or right after it (307例确诊病例为此前
无症状感染者转归); the last name before the figure governs.  Items joined to the previous figure of their
sentence (…3200例和无症状感染者19872例; 累计确诊15284例，治愈出院2600例) share its flow and scope words, and
a clause that names nothing (地区生产总值2876.4亿元，比上年增长7.2%) continues the previous figure's
indicator.  Items after 其中 that repeat an indicator of the total before it are a breakdown of that total
(by where the cases were found, where they came from): they get no indicator, so they never count twice.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ..document.model import DocumentModel
from ..document.tables import Row, Table
from ..records import Figure, Measure, Scope, _trusted_dict
from ..rules.grammar import char_class
from ..rules.schema import Indicator
from ..rules.schema_indicators import Flow
from .catalogue import IndicatorPatterns
from .divisions import Division

_SECTION_LINES = 6  # how many paragraphs back a section's scope may be set
_TOTAL_ITEMS = 12  # how many figures before a part may be its total (a total stands just before its 其中)
_ASIDE_CHARS = 20  # how far back a clause mark may be inside a bracketed aside (（不含农户，下同）)
_PREDICATE_CHARS = 6  # a clause this short before its figure names nothing new (比上年增长, 6月份降至)


@dataclass(frozen=True)
class _Reading:
    """What the stage read for one figure (kept for the next figure of the sentence)."""

    fig: Figure
    concept: str | None
    flow: Flow | None
    scope: Scope
    name: str
    consumed: int  # end of the figure and of a name written after it
    sentence: int


@functools.lru_cache(maxsize=8)
def _compiled(pats: IndicatorPatterns) -> tuple[regex.Pattern[str] | None, tuple[str, ...], re.Pattern[str]]:
    """Derived once per catalogue: one alternation of every after-name pattern (a figure that none follows, most
    of them, costs one match instead of one per concept), the coordinators, the brackets."""
    after = [p.pattern for _, p in pats.after]
    # Numbered groups or references would change meaning when the patterns are joined: no prefilter then.
    joinable = after and not any(regex.search(r"\\[1-9g]|\(\?P=|\((?!\?)", p) for p in after)
    any_after = regex.compile("|".join(f"(?:{p})" for p in after)) if joinable else None
    brackets = re.compile(char_class(c for c in pats.open_brackets | pats.close_brackets if len(c) == 1))
    return any_after, tuple(pats.coordinators), brackets


def _after_name(fig: Figure, doc: DocumentModel, pats: IndicatorPatterns) -> tuple[str, int] | None:
    """The concept named right after the figure, longest match first, with the end of that name."""
    any_after = _compiled(pats)[0]
    if any_after is not None and any_after.match(doc.folded, fig.end) is None:
        return None
    best: tuple[str, int] | None = None
    for concept, pattern in pats.after:
        m = pattern.match(doc.folded, fig.end)
        if m and (best is None or m.end() > best[1]):
            best = (concept, m.end())
    return best


Match = tuple[int, int, str]


def _find(pats: IndicatorPatterns, kind: str, text: str, lo: int, hi: int) -> list[Match]:
    pattern = {
        "names": pats.names,
        "flows": pats.flows,
        "scopes": pats.scopes,
        "measures": pats.measure_words,
        "distributive": pats.distributive,
        "parts": pats.parts,
    }[kind]
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text, lo, hi)] if hi > lo else []


class _Index:
    """Every name, flow, scope and measure word of a document, found in one pass each and looked up by
    bisection, so the figures of a long sentence do not each rescan it."""

    def __init__(self, text: str, pats: IndicatorPatterns) -> None:
        kinds = ("names", "flows", "scopes", "measures", "distributive", "parts")
        self.found = {k: _find(pats, k, text, 0, len(text)) for k in kinds}
        self.starts = {k: [m[0] for m in v] for k, v in self.found.items()}
        self.brackets = [m.start() for m in _compiled(pats)[2].finditer(text)]
        self.by_scope: dict[Scope, tuple[list[int], list[int]]] | None = None

    def scopes_in(self, lo: int, hi: int, pats: IndicatorPatterns) -> set[Scope]:
        """The scopes named by the scope words lying wholly inside [lo, hi), without listing the words: a
        paragraph may be a whole one-line document, and every figure asks about its paragraph."""
        if self.by_scope is None:
            self.by_scope = {}
            for start, end, word in self.found["scopes"]:
                starts, ends = self.by_scope.setdefault(pats.scope_of[word], ([], []))
                starts.append(start)
                ends.append(end)
        # The words of one scope do not overlap (one regex pass), so the first that starts at or after lo
        # ends first: it lies inside when it ends by hi.
        out: set[Scope] = set()
        for scope, (starts, ends) in self.by_scope.items():
            i = bisect.bisect_left(starts, lo)
            if i < len(starts) and ends[i] <= hi and hi > lo:
                out.add(scope)
        return out

    def find(self, kind: str, lo: int, hi: int) -> list[Match]:
        """The matches lying wholly inside [lo, hi)."""
        if hi <= lo:
            return []
        starts = self.starts[kind]
        i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        if i == j:
            return []
        return [m for m in self.found[kind][i:j] if m[1] <= hi]


def _joined(prev: _Reading | None, doc: DocumentModel, pats: IndicatorPatterns) -> bool:
    """The figure continues the list of the previous figure of its sentence (和, 、 or a comma after it)."""
    return prev is not None and doc.folded.startswith(_compiled(pats)[1], prev.consumed)


def _cell_reading(fig: Figure, sentence: int, pats: IndicatorPatterns, home: str | None, group: str) -> _Reading:
    """A table cell: named by its row label (地区生产总值) or, for a row of places, by its column header.

    A row that is neither a catalogued name, a division nor a total (合计) breaks the column down by
    something that is no key of the panel (a country of origin, an age group): no indicator.  Neither is a
    place under a block of imported cases (境外输入人员（按输入地分）|香港): it is where they came from.
    """
    row, column = fig.subject or "", fig.column or ""
    names = _find(pats, "names", row, 0, len(row)) or _find(pats, "names", column, 0, len(column))
    concept = (pats.name_of[names[-1][2]] or None) if names else None
    by_row = bool(_find(pats, "names", row, 0, len(row)))
    if concept is not None and not by_row and not _place_or_total(row, pats, home):
        concept = None
    text = group + row + column
    flows, scopes = _find(pats, "flows", text, 0, len(text)), _find(pats, "scopes", text, 0, len(text))
    flow = pats.flow_of[flows[-1][2]] if flows else None
    scope: Scope = pats.scope_of[scopes[-1][2]] if scopes else "all"
    if not by_row and scope == "imported" and _find(pats, "scopes", group, 0, len(group)):
        concept = None
    return _Reading(fig, concept, flow, scope, names[-1][2] if names else "", fig.end, sentence)


def _place_or_total(label: str, pats: IndicatorPatterns, home: str | None) -> bool:
    label = label.strip()
    return label in pats.totals or any(pats.divisions.resolve(label[:n], home) for n in range(len(label), 1, -1))


def _context_scope(fig: Figure, doc: DocumentModel, pats: IndicatorPatterns, idx: _Index) -> Scope:
    """The scope of a figure that names none: its sentence's, its paragraph's, else its section's.

    Scope words after the figure in its sentence split it (…8071例，其中本土8070例，境外输入1例): all.
    Before it, the nearest of the sentence, the paragraph and the few paragraphs before (a section's
    headline, its case lists, then 已追踪到以上病例的密切接触者976人) that names a scope sets it, when
    that text names only one (本土…境外输入… names several: all).
    """
    folded = doc.folded
    s0, s1 = doc.sentences.start_of(fig.start), doc.sentences.end_of(fig.start, len(folded))
    if idx.find("scopes", fig.end, s1):
        return "all"
    line = doc.lines.index(fig.start)
    starts = doc.lines.starts
    spans = [(s0, fig.start), (starts[line], s0)]
    for i in range(line - 1, max(-1, line - 1 - _SECTION_LINES), -1):
        if i in doc.tab_lines:
            break
        spans.append((starts[i], starts[i + 1]))
    for lo, hi in spans:
        named = idx.scopes_in(lo, hi, pats)
        if named:
            return named.pop() if len(named) == 1 else "all"
    return "all"


def _clause_start(pos: int, doc: DocumentModel, pats: IndicatorPatterns, idx: _Index) -> int:
    """The start of *pos*'s clause, a clause mark inside a bracketed aside not counting:
    固定资产投资（不含农户，下同）比上年下降7.5% names its indicator before the bracket."""
    start = doc.clauses.start_of(pos)
    lo = max(doc.sentences.start_of(pos), start - _ASIDE_CHARS)
    # The nearest bracket before the clause, by bisection over the document's brackets.
    i = bisect.bisect_left(idx.brackets, start) - 1
    if i < 0 or idx.brackets[i] < lo or doc.folded[idx.brackets[i]] in pats.close_brackets:
        return start
    return doc.clauses.start_of(idx.brackets[i])


def _read(
    fig: Figure,
    prev: _Reading | None,
    total: Sequence[_Reading],
    doc: DocumentModel,
    pats: IndicatorPatterns,
    context: tuple[str | None, dict[int, Row], _Index],
) -> _Reading:
    sentence = doc.sentences.index(fig.start)
    if fig.cell is not None:
        row = context[1].get(doc.lines.index(fig.start))
        # A total row (合计) closes the block above it: it adds up every block.
        in_block = row is not None and row.group is not None and (fig.subject or "").strip() not in pats.totals
        group = row.group.text if in_block and row is not None and row.group is not None else ""
        return _cell_reading(fig, sentence, pats, context[0], group)
    prev = prev if prev is not None and prev.sentence == sentence else None
    idx = context[2]
    lo = max(_clause_start(fig.start, doc, pats, idx), prev.consumed if prev else 0)
    concept, name, name_end, consumed, flow_lo = _name(fig, prev, doc, pats, lo, idx)
    # A part named by a piece of its total's name (其中本土无症状感染者 under 解除医学观察无症状感染者) is that total's.
    owner = next((t for t in reversed(total) if name and t.concept and name in t.name), None)
    if owner is not None or (concept is None and total and total[-1].concept):
        concept = (owner or total[-1]).concept  # 其中：太原市2例 names no concept: the total's
    flow_words = idx.find("flows", flow_lo, max(name_end, consumed))
    scope_words = idx.find("scopes", lo, max(name_end, consumed))
    inherit = total[-1] if total else (prev if _joined(prev, doc, pats) else None)
    flow = pats.flow_of[flow_words[-1][2]] if flow_words else (inherit.flow if inherit else None)
    if scope_words:
        scope: Scope = pats.scope_of[scope_words[-1][2]]
    else:
        scope = inherit.scope if inherit else _context_scope(fig, doc, pats, idx)
    return _Reading(fig, concept, flow, scope, name, consumed, sentence)


def _name(
    fig: Figure, prev: _Reading | None, doc: DocumentModel, pats: IndicatorPatterns, lo: int, idx: _Index
) -> tuple[str | None, str, int, int, int]:
    """The concept naming a figure, the name, where it ends, where the figure's words end, and where its
    flow words may start.

    A name right after the figure wins; else the last name of its clause; in a distributive list
    (A、B分别为X、Y) the name the subject stage gave the figure; else, when the clause before the figure
    is a short predicate (比上年增长, 6月份降至), the previous figure's concept or the last name earlier
    in the sentence (城镇调查失业率总体下降，6月份降至5.2%; 累计确诊病例：昆明市53例).
    """
    folded = doc.folded
    after = _after_name(fig, doc, pats)
    if after is not None:
        return after[0], folded[fig.end : after[1]], fig.start, after[1], lo
    s0 = doc.sentences.start_of(fig.start)
    if fig.subject and idx.find("distributive", s0, fig.start):
        named = _find(pats, "names", fig.subject, 0, len(fig.subject))
        if named:
            return pats.name_of[named[-1][2]] or None, named[-1][2], fig.start, fig.end, lo
    names = idx.find("names", lo, fig.start)
    if names:
        return pats.name_of[names[-1][2]] or None, names[-1][2], names[-1][1], fig.end, lo
    clause = doc.clauses.start_of(fig.start)
    if fig.start - max(clause, lo) > _PREDICATE_CHARS:
        return None, "", fig.start, fig.end, lo
    if prev is not None and prev.concept and clause >= prev.consumed:
        return prev.concept, "", fig.start, fig.end, lo
    earlier = idx.find("names", s0, lo) if prev is None else []
    if earlier:
        return pats.name_of[earlier[-1][2]] or None, earlier[-1][2], earlier[-1][1], fig.end, s0
    return None, "", fig.start, fig.end, lo


def _measures(pats: IndicatorPatterns, text: str, lo: int, hi: int) -> set[Measure]:
    return {pats.measure_of[w] for _, _, w in _find(pats, "measures", text, lo, hi)}


def _measure(fig: Figure, concept: str | None, doc: DocumentModel, pats: IndicatorPatterns, idx: _Index) -> Measure:
    """target (预期目标 in the sentence), share (占 in the clause), change, rate or level."""
    column = _measures(pats, fig.column, 0, len(fig.column)) if fig.column else set()
    words = {pats.measure_of[w] for _, _, w in idx.find("measures", doc.sentences.start_of(fig.start), fig.start)}
    if "target" in column or "target" in words:
        return "target"
    clause = {pats.measure_of[w] for _, _, w in idx.find("measures", doc.clauses.start_of(fig.start), fig.start)}
    if "share" in column or "share" in clause:
        return "share"
    if fig.type == "pp" or fig.direction is not None or fig.compared_to is not None or "change" in column:
        return "change"
    if fig.type == "percent" and concept is not None and pats.concepts[concept].rate:
        return "rate"
    return "level"


def _region(fig: Figure, pats: IndicatorPatterns, home: Division | None) -> Division | None:
    if fig.region in pats.national:
        return pats.country
    within = home.code if home else None
    if fig.cell is not None and fig.subject:
        for n in range(min(len(fig.subject), 12), 1, -1):
            d = pats.divisions.resolve(fig.subject[:n], within)
            if d is not None:
                return d
    if fig.region:
        return pats.divisions.resolve(fig.region, within)
    return home


def _last_before(starts: list[int], lo: int, hi: int) -> int | None:
    """The last of the sorted offsets *starts* in [lo, hi), by bisection."""
    i = bisect.bisect_left(starts, hi) - 1
    return starts[i] if i >= 0 and starts[i] >= lo else None


def with_indicators(
    figs: Sequence[Figure],
    doc: DocumentModel,
    tables: Sequence[Table],
    pats: IndicatorPatterns,
    region: str | None,
) -> list[Figure]:
    """*figs* (in text order) with ``indicator``, ``measure``, ``scope`` and a canonical ``region``."""
    if pats.empty:
        return list(figs)
    home = pats.divisions.resolve(region) if region else None
    rows = {doc.lines.index(r.start): r for t in tables for r in t.rows}
    idx = _Index(doc.folded, pats)
    context = (home.code if home else None, rows, idx)
    out: list[Figure] = []
    readings: list[_Reading] = []
    codes: dict[int, str | None] = {}  # division code of each figure read so far, by start offset
    by_sentence: dict[int, list[_Reading]] = {}
    stated: dict[tuple[object, ...], list[_Reading]] = {}  # the figures of each sentence so far, by key
    # Offsets found once per document, looked up by bisection: no per-figure scan of a long sentence.
    markers, lists = idx.starts["parts"], idx.starts["distributive"]
    for fig in figs:
        prev = readings[-1] if readings else None
        sentence = doc.sentences.index(fig.start)
        s0 = doc.sentences.start_of(fig.start)
        marker = _last_before(markers, s0, fig.start)
        here = by_sentence.setdefault(sentence, [])
        total = [r for r in here[-_TOTAL_ITEMS:] if r.fig.end <= marker] if marker is not None else []
        if marker is not None and not total and marker == s0:
            total = by_sentence.get(sentence - 1, [])[
                -_TOTAL_ITEMS:
            ]  # 。其中：太原市2例 breaks down the sentence before
        r = _read(fig, prev, total, doc, pats, context)
        readings.append(r)
        here.append(r)
        d = _region(fig, pats, home)
        codes[fig.start] = d.code if d is not None else None
        ind = None
        if r.concept is not None and _fits(fig, pats.concepts[r.concept]):
            ind = pats.indicator_id(r.concept, r.flow)
        measure = _measure(fig, r.concept, doc, pats, idx) if ind else None
        # Within a sentence an indicator is stated once: a later figure of the same indicator, scope, division,
        # measure, time and base is a part of it (…确诊病例3例和无症状感染者45例，1例无症状感染者在例行筛查中发现).
        # 同比 and 环比 changes of one indicator are two values; A、B分别增长X、Y are one value each.
        key = (sentence, ind, measure, fig.as_of, fig.compared_to)
        earlier = [] if _last_before(lists, s0, fig.start) is not None else stated.get(key, [])[-_TOTAL_ITEMS:]
        if ind is not None and _is_breakdown(ind, r.scope, codes[fig.start], total or earlier, codes, pats):
            ind = measure = None
        stated.setdefault((sentence, ind, measure, fig.as_of, fig.compared_to), []).append(r)
        update: dict[str, object] = {"indicator": ind, "scope": r.scope if ind else None, "measure": measure}
        if d is not None:
            update.update(region=d.full, region_code=d.code or None)
        out.append(_trusted_dict(Figure, {**fig.__dict__, **update}))
    return out


def _is_breakdown(
    ind: str,
    scope: Scope,
    code: str | None,
    total: Sequence[_Reading],
    codes: dict[int, str | None],
    pats: IndicatorPatterns,
) -> bool:
    """A part after 其中 with its total's indicator and scope, and no division of its own (来自加拿大2例)."""
    # Imported cases are told apart by where they came from (其中来自香港2例): an origin, never a region.
    own = None if scope == "imported" else code
    return any(_key(t, pats) == (ind, scope) and (own is None or own == codes.get(t.fig.start)) for t in total)


def _fits(fig: Figure, concept: Indicator) -> bool:
    """The figure's type, and for a count its unit, are ones the concept is stated in."""
    if fig.type not in concept.types:
        return False
    return not (concept.units and fig.type == "count" and fig.unit not in concept.units)


def _key(r: _Reading, pats: IndicatorPatterns) -> tuple[str | None, Scope]:
    if r.concept is None or not _fits(r.fig, pats.concepts[r.concept]):
        return (None, r.scope)
    return (pats.indicator_id(r.concept, r.flow), r.scope)

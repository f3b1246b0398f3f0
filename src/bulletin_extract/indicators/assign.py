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
from collections.abc import Sequence

from ..document.model import DocumentModel
from ..document.tables import Table
from ..records import Figure, Measure, Scope, _trusted_dict
from ..rules.schema_indicators import Flow
from .asides import aside_open, last_before, past_aside
from .catalogue import IndicatorPatterns
from .divisions import Division
from .index import Index, find, sentence_regions
from .reading import Context, Place, Reading, fits, read

_TOTAL_ITEMS = 12  # how many figures before a part may be its total (a total stands just before its 其中)


def _measures(pats: IndicatorPatterns, text: str, lo: int, hi: int) -> set[Measure]:
    return {pats.measure_of[w] for _, _, w in find(pats, "measures", text, lo, hi)}


def _measure(fig: Figure, concept: str | None, at: Place, pats: IndicatorPatterns, idx: Index) -> Measure:
    """target (预期目标 in the sentence), share (占 in the clause), change, rate or level."""
    column = _measures(pats, fig.column, 0, len(fig.column)) if fig.column else set()
    if "target" in column or idx.names_value("measures", pats.measure_of, "target", at.s0, fig.start):
        return "target"
    if "share" in column or idx.names_value("measures", pats.measure_of, "share", at.clause, fig.start):
        return "share"
    if fig.type == "pp" or fig.direction is not None or fig.compared_to is not None or "change" in column:
        return "change"
    if fig.type == "percent" and concept is not None and pats.concepts[concept].rate:
        return "rate"
    return "level"


def with_indicators(
    figs: Sequence[Figure],
    doc: DocumentModel,
    tables: Sequence[Table],
    pats: IndicatorPatterns,
    region: str | None,
    times: Sequence[tuple[int, int]] = (),
) -> list[Figure]:
    """*figs* (in text order) with ``indicator``, ``measure``, ``scope`` and a canonical ``region``; *times*
    are the spans of the document's time expressions (they name no indicator)."""
    if pats.empty:
        return list(figs)
    run = _Run(doc, tables, pats, region, sorted(times))
    at = _places(figs, doc, run.idx.brackets)
    run.idx.narrow(sentence_regions({a.sentence for a in at}, doc, pats.sentence_marks))
    return [run.figure(fig, a) for fig, a in zip(figs, at, strict=True)]


def _places(figs: Sequence[Figure], doc: DocumentModel, brackets: Sequence[int]) -> list[Place]:
    """Where each figure stands; the figures of a sentence come one after another, so its bounds are kept."""
    out = []
    clauses = doc.clauses.starts
    sentence, s0, s1, following, bracketed = -1, 0, 0, 0, True
    for fig in figs:
        pos = fig.start
        if not s0 <= pos < following:
            sentence, s0 = doc.sentences.index(pos), doc.sentences.start_of(pos)
            s1 = doc.sentences.end_of(pos, len(doc.folded))
            starts = doc.sentences.starts
            if sentence < 0:
                following, bracketed = -1, True  # before the first sentence: nothing to keep
            else:
                following = starts[sentence + 1] if sentence + 1 < len(starts) else len(doc.folded) + 1
                bracketed = last_before(brackets, s0, following) is not None
        out.append(Place(sentence, s0, s1, clauses[bisect.bisect_right(clauses, pos) - 1], bracketed))
    return out


class _Run:
    """The figures of one document read in text order; what each reading leaves for the figures after it."""

    def __init__(
        self,
        doc: DocumentModel,
        tables: Sequence[Table],
        pats: IndicatorPatterns,
        region: str | None,
        times: Sequence[tuple[int, int]],
    ):
        self.doc, self.pats = doc, pats
        self.home = pats.divisions.resolve(region) if region else None
        rows = {doc.lines.index(r.start): r for t in tables for r in t.rows}
        self.idx = Index(doc.folded, pats)
        self.last_flow: dict[str, Flow] = {}  # the flow each concept was last stated with
        home = self.home.code if self.home else None
        self.context = Context(home, rows, self.idx, self.last_flow, times, [t[0] for t in times])
        self.readings: list[Reading] = []
        self.outer: Reading | None = None  # the last figure read outside a bracketed aside
        self.codes: dict[int, str | None] = {}  # division code of each figure read so far, by start offset
        self.by_sentence: dict[int, list[Reading]] = {}
        self.stated: dict[tuple[object, ...], list[Reading]] = {}  # the figures of each sentence so far, by key
        self._resolved: dict[str, Division | None] = {}  # the divisions of the places named so far

    def _total(self, fig: Figure, at: Place) -> list[Reading]:
        """The figures a part after 其中 may break down: those of its sentence before the marker, or of the
        sentence before when the marker opens the sentence (。其中：太原市2例)."""
        marker = last_before(self.idx.starts("parts"), at.s0, fig.start)
        if marker is None:
            return []
        here = self.by_sentence.get(at.sentence, [])
        total = [r for r in here[-_TOTAL_ITEMS:] if r.fig.end <= marker]
        if not total and marker == at.s0:
            total = self.by_sentence.get(at.sentence - 1, [])[-_TOTAL_ITEMS:]
        return total

    def _resolve(self, name: str) -> Division | None:
        found = self._resolved.get(name, self)
        if found is self:
            found = self._resolved[name] = self.pats.divisions.resolve(name, self.home.code if self.home else None)
        return found  # type: ignore[return-value]

    def _region(self, fig: Figure) -> Division | None:
        if fig.region in self.pats.national:
            return self.pats.country
        if fig.cell is not None and fig.subject:
            for n in range(min(len(fig.subject), 12), 1, -1):
                d = self._resolve(fig.subject[:n])
                if d is not None:
                    return d
        if fig.region:
            return self._resolve(fig.region)
        return self.home

    def figure(self, fig: Figure, at: Place) -> Figure:
        """*fig*, standing at *at*, with what its words and the figures before it say."""
        doc, pats, brackets = self.doc, self.pats, self.idx.brackets
        aside = aside_open(fig.start, at.s0, doc, pats, brackets) if at.bracketed else None
        prev = _prev(self.readings, self.outer, aside, doc, pats, brackets)
        total = self._total(fig, at)
        r = read(fig, prev, total, doc, pats, self.context, at)
        if r.scope != "all" and r.concept in pats.unscoped:
            r = r._replace(scope="all")  # 境外 near a trade figure is no imported case
        self.readings.append(r)
        if aside is None:
            self.outer = r
        if r.concept and r.flow:
            self.last_flow[r.concept] = r.flow
        here = self.by_sentence.get(at.sentence)
        if here is None:
            here = self.by_sentence[at.sentence] = []
        here.append(r)
        d = self._region(fig)
        self.codes[fig.start] = d.code if d is not None else None
        ind, measure = self._indicator(r, total, at)
        fields = fig.__dict__.copy()
        fields["indicator"], fields["scope"], fields["measure"] = ind, r.scope if ind else None, measure
        if d is not None:
            fields["region"], fields["region_code"] = d.full, d.code or None
        return _trusted_dict(Figure, fields)

    def _earlier(self, key: tuple[object, ...], at: Place, fig: Figure) -> list[Reading]:
        """The figures of the sentence with *key* that *fig* may be a part of: none in a distributive list
        (A、B分别增长X、Y) or after a succession word (从3.16万亿元增加到8.31万亿元); only those of its own
        statement when a mark (；) ends one before it."""
        stated = self.stated.get(key)
        if not stated:
            return []  # the first figure of its key in the sentence: nothing to be a part of
        starts, sentence, s0 = self.idx.starts, at.sentence, at.s0
        if last_before(starts("distributive"), s0, fig.start) is not None:
            return []
        here = self.by_sentence.get(sentence, [])
        before = here[-2].fig.end if len(here) > 1 else s0
        if last_before(starts("successions"), before, fig.start) is not None:
            return []
        statement = last_before(starts("statements"), s0, fig.start) or s0
        return [r for r in stated[-_TOTAL_ITEMS:] if r.fig.start >= statement]

    def _indicator(self, r: Reading, total: Sequence[Reading], at: Place) -> tuple[str | None, Measure | None]:
        fig, pats = r.fig, self.pats
        ind = None
        concept = pats.concepts[r.concept] if r.concept is not None else None
        # Percentage points of an indicator that is no rate change its share or its growth (比重提高0.7个百分点,
        # 比上年加快0.2个百分点): no value of it.
        if concept is not None and fits(fig, concept) and (concept.rate or fig.type != "pp"):
            ind = pats.indicator_id(concept.id, r.flow)
        measure = _measure(fig, r.concept, at, pats, self.idx) if ind else None
        # Within a sentence an indicator is stated once: a later figure of the same indicator, scope, division,
        # measure, time and base is a part of it (…确诊病例3例和无症状感染者45例，1例无症状感染者在例行筛查中发现).
        # 同比 and 环比 changes of one indicator are two values; A、B分别增长X、Y are one value each.
        key = (at.sentence, ind, measure, fig.as_of, fig.compared_to)
        if ind is not None and measure != "share":
            # A share is the part over its total, never a part of it (其中税收收入…占一般公共预算收入比重75%).
            parts = total or self._earlier(key, at, fig)
            if parts and _is_breakdown(ind, r.scope, self.codes[fig.start], parts, self.codes, pats):
                ind = measure = None
                key = (at.sentence, None, None, fig.as_of, fig.compared_to)
        stated = self.stated.get(key)
        if stated is None:
            stated = self.stated[key] = []
        stated.append(r)
        return ind, measure


def _prev(
    readings: Sequence[Reading],
    outer: Reading | None,
    aside: int | None,
    doc: DocumentModel,
    pats: IndicatorPatterns,
    brackets: Sequence[int],
) -> Reading | None:
    """The figure a figure continues: in a bracketed aside, the one before it (the aside's host or the aside's
    previous item); after an aside, the host, its words ending past the bracket (昭通市25例（治愈出院25例），
    西双版纳州15例 continues 25例, not the discharges)."""
    if aside is not None or outer is None:
        return readings[-1] if readings else None
    end = past_aside(outer.consumed, doc, pats, brackets)
    return outer if end == outer.consumed else outer._replace(consumed=end)


def _is_breakdown(
    ind: str,
    scope: Scope,
    code: str | None,
    total: Sequence[Reading],
    codes: dict[int, str | None],
    pats: IndicatorPatterns,
) -> bool:
    """A part after 其中 with its total's indicator and scope, and no division of its own (来自加拿大2例)."""
    # Imported cases are told apart by where they came from (其中来自香港2例): an origin, never a region.
    own = None if scope == "imported" else code
    return any(_key(t, pats) == (ind, scope) and (own is None or own == codes.get(t.fig.start)) for t in total)


def _key(r: Reading, pats: IndicatorPatterns) -> tuple[str | None, Scope]:
    if r.concept is None or not fits(r.fig, pats.concepts[r.concept]):
        return (None, r.scope)
    return (pats.indicator_id(r.concept, r.flow), r.scope)

"""Figure records from candidates: each gets its as_of, subject, region and comparison base (ANNOTATION.md §3).

A time governs the figures after it in its sentence unless it is a comparison
base (比上年, 较前一日); the place named last before a figure in its sentence is
its region, else the document's; the subject is found by :mod:`.subject`.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ..document.model import DocumentModel
from ..figures.attributes import AttributePatterns, is_list_continuation
from ..figures.candidate import Candidate
from ..records import Entity, Figure, _trusted_dict
from ..times.candidate import TimeCandidate
from .patterns import ContextPatterns
from .subject import REPEAT, Bounds, clause_before, distributed, subject

_COMPARE_CHARS = 20  # how far before a change its comparison base may stand
_FROM_CHARS = 30  # how far before A the 由 of 由A增加到B may stand


def is_comparison(t: TimeCandidate, doc: DocumentModel, pats: ContextPatterns) -> bool:
    """A comparison base (比上年, 较前一日, 上年同期) names a time but never governs a figure (§3)."""
    if pats.compare_before.search(doc.folded, max(0, t.start - 2), t.start) is not None:
        return True
    if t.type == "period" and any(doc.folded.startswith(w, t.end) for w in pats.words.record_words):
        return True  # 创10年来新高: the years a record is measured over
    # 较去年, 同期: a base word is a base, except where it opens its clause (去年，全市…: a time like 今年).
    return doc.folded[t.start : t.end] in pats.words.comparison_words and doc.clauses.start_of(t.start) != t.start


def _from_to_bound(period: str, c: Candidate, doc: DocumentModel, pats: ContextPatterns) -> str:
    """由A增加到B under a period: A is as of its start, B as of its end; other figures keep the period."""
    folded = doc.folded
    to_words = pats.words.to_words
    if any(folded.endswith(w, 0, c.start) for w in to_words):
        return period.split("/")[1]
    after = folded[c.end : c.end + 4]
    if any(after.startswith(w) for w in to_words):
        lo = max(0, c.start - _FROM_CHARS, doc.clauses.start_of(c.start))
        if any(ch in pats.words.from_words for ch in folded[lo : c.start]):
            return period.split("/")[0]
    return period


class _Context(NamedTuple):
    """The document and the patterns the context stage reads."""

    doc: DocumentModel
    pats: ContextPatterns
    attrs: AttributePatterns


def _nth(c: Candidate, done: Sequence[Figure], doc: DocumentModel, attrs: AttributePatterns) -> int:
    """The place of *c* in its list of figures (0 for the first), *done* being the figures before it."""
    n, start = 0, c.start
    for f in reversed(done):
        if not is_list_continuation(f.end, start, doc.folded, attrs):
            break
        n, start = n + 1, f.start
    return n


def _governing_value(
    governing: Sequence[TimeCandidate], k: int, c: Candidate, done: Sequence[Figure], stage: _Context
) -> str:
    """The value of ``governing[k]``, the time that governs *c*; when it ends a list of dates (2月12日和18日,
    一九五八年和一九五九年) the period from the list's first date to its last, or, with 分别 between the
    list and the figures, the date at the figure's place in its list of figures (each its own date, §3)."""
    doc, pats = stage.doc, stage.pats
    folded = doc.folded
    last = governing[k]
    j = k
    while j > 0 and pats.list_joiner.fullmatch(folded, governing[j - 1].end, governing[j].start):
        j -= 1
    first = governing[j]
    if j == k or "/" in first.value or "/" in last.value or first.value >= last.value:
        return last.value
    if pats.distributive.search(folded, last.end, c.start):
        nth = _nth(c, done, doc, stage.attrs)
        return governing[j + nth].value if j + nth <= k else last.value
    return f"{first.value}/{last.value}"


def _compared_to(c: Candidate, doc: DocumentModel, pats: ContextPatterns, floor: int) -> str | None:
    """The base of a change: 较前一日提高 -> 前一日; 同比 -> 上年同期."""
    lo = max(floor, c.start - _COMPARE_CHARS, doc.clauses.start_of(c.start))
    # The nearest comparison before the figure governs it; the window is a few characters, so the list is small.
    matches = list(pats.compare.finditer(doc.folded, lo, c.start))
    if not matches:
        return None
    last = matches[-1]
    return last.group("base") or pats.words.implicit_comparisons.get(last.group("marker"))


def _record(
    c: Candidate, doc: DocumentModel, subj: str | None, as_of: str | None, region: str | None, compared: str | None
) -> Figure:
    ctx = c.cell
    fields = {
        "start": c.start, "end": c.end, "text": doc.text[c.start : c.end], "rule": c.rule, "type": c.type,
        "value": c.value, "unit": c.unit, "qualifier": c.qualifier, "direction": c.direction, "subject": subj,
        "as_of": as_of, "region": region, "compared_to": compared,
        "cell": (ctx.row, ctx.column) if ctx and ctx.row is not None and ctx.column is not None else None, "column": ctx.header if ctx else None,
        # Read by the indicator stage, which runs on whole sentences of figures.
        "indicator": None, "measure": None, "scope": None, "region_code": None,
    }  # fmt: skip
    return _trusted_dict(Figure, fields)


@dataclass
class _Subjects:
    """What the subject finder carries from one figure to the next within a sentence (分别 lists)."""

    pending: list[str] = field(default_factory=list)
    last_list: list[str] = field(default_factory=list)
    list_sentence: int = -1


class _Run:
    """How many figures the list that starts at figure ``i`` has (5.1%、6.2%和7.0% -> 3); counted only when asked."""

    def __init__(self, cands: Sequence[Candidate], doc: DocumentModel, attrs: AttributePatterns) -> None:
        self.cands, self.doc, self.attrs, self.i = cands, doc, attrs, 0

    def __call__(self) -> int:
        cands, folded = self.cands, self.doc.folded
        j = self.i + 1
        while j < len(cands) and is_list_continuation(cands[j - 1].end, cands[j].start, folded, self.attrs):
            j += 1
        return j - self.i


def _subject_of(
    c: Candidate,
    run: Callable[[], int],
    prev: Figure | None,
    bounds: Bounds,
    s0: int,
    state: _Subjects,
    doc: DocumentModel,
    pats: ContextPatterns,
    attrs: AttributePatterns,
) -> str | None:
    if state.pending and prev is not None and is_list_continuation(prev.end, c.start, doc.folded, attrs):
        subj: str | None = state.pending.pop(0)
    else:
        state.pending = distributed(c, doc, pats, bounds.after_time, run)
        if state.pending == [REPEAT]:
            state.pending = list(state.last_list) if state.list_sentence == s0 else []
        elif state.pending:
            state.last_list, state.list_sentence = list(state.pending), s0
        subj = state.pending.pop(0) if state.pending else subject(c, doc, pats, bounds)
    if subj is None and prev is not None and prev.end > s0:
        # 复工率84.1%，较前一日提高2.1个百分点 / 由A增加到B / 5.1%和6.2%: the figure continues the previous one
        subj = prev.subject
    if subj is None:
        # 研发经费投入强度继续提高，达到2.68%: the first figure of its sentence, with nothing but linking words
        # before it in its clause, measures what the clause before names.
        subj = clause_before(c, doc, pats, bounds)
    return subj


def attach(
    cands: Sequence[Candidate],
    governing: Sequence[TimeCandidate],
    ents: Sequence[Entity],
    doc: DocumentModel,
    pats: ContextPatterns,
    attrs: AttributePatterns,
    *,
    doc_region: str | None,
) -> list[Figure]:
    """Figure records with subject, as_of, region and compared_to, built from resolved candidates.

    *governing* are the times that can govern a figure: every time but the comparison bases (:func:`is_comparison`).
    """
    locs = [e for e in ents if e.type == "LOC"]
    out: list[Figure] = []
    ti = li = 0
    prev_end = 0
    stage = _Context(doc, pats, attrs)
    state = _Subjects()
    run = _Run(cands, doc, attrs)
    starts, s0, following, bracketed = doc.sentences.starts, -1, -1, True  # the last figure's sentence: [s0, following)
    for i, c in enumerate(cands):
        if not s0 <= c.start < following:
            k = bisect.bisect_right(starts, c.start) - 1
            s0 = starts[k]
            following = -1 if k < 0 else starts[k + 1] if k + 1 < len(starts) else len(doc.folded) + 1
            # Most sentences hold no bracket, and so no note for the subject to leave out.
            bracketed = k < 0 or pats.open_bracket.search(doc.folded, s0, following) is not None
        while ti < len(governing) and governing[ti].end <= c.start:
            ti += 1
        prev = out[-1] if out else None
        as_of = _governing_value(governing, ti - 1, c, out, stage) if ti and governing[ti - 1].start >= s0 else None
        if as_of and "/" in as_of:
            as_of = _from_to_bound(as_of, c, doc, pats)
        while li < len(locs) and locs[li].end <= c.start:
            li += 1
        place = locs[li - 1].text if li and locs[li - 1].start >= s0 else None
        region = place or doc_region
        compared = _compared_to(c, doc, pats, max(s0, prev_end)) if c.direction is not None else None
        # A time right before the figure (一九五七年的…) is never its subject: look after it, or before it.
        time = (governing[ti - 1].start, governing[ti - 1].end) if ti else None
        ctx = c.cell
        if ctx is not None and ctx.subject:
            subj: str | None = ctx.subject  # a table cell: its row label (ANNOTATION §3.1)
        else:
            run.i = i
            floor = max(s0, prev_end)
            bounds = Bounds(floor, time, place, max(floor, time[1]) if time else floor, bracketed)
            subj = _subject_of(c, run, prev, bounds, s0, state, doc, pats, attrs)
        if ctx is not None and ctx.as_of:
            as_of = ctx.as_of  # the time its caption or column header names
        out.append(_record(c, doc, subj, as_of, region, compared))
        prev_end = c.end
    return out

"""Ratios and changes inside one sentence.

* **ratio** — a rate in percent whose clause follows a part and, before it, its total (same unit, the
  larger first): part / total x 100 should give the rate (23849 / 28369 = 84.07 % vs stated 84.1 %).  Not
  when the rate's clause holds the part itself (8个断面…达标率92.8%: the count of what is measured), when
  another percent or a ；stands between the total and the rate, when the two counts are items of one list
  (户厕22.7万户、改圈3.2万户), or when the rate names a population of its own (…的…覆盖率);
* **change** — 由A增加到B followed by the size of the change: B - A in the same unit (or in percentage points
  between two percents, also when the text writes them with %), (B - A) / A x 100 for a growth rate.  A
  word between B and the change other than a separator or its direction word (年均, 按可比价格计算) says it
  is not B - A: the check is not applicable.

Figures written with a magnitude (2.6万人) are rounded; the range they allow widens the check, so
19.25万 and 11.19万 agree with 58.15% though their written values give 58.13%.
"""

from __future__ import annotations

from decimal import Decimal

from ...document.model import DocumentModel
from ...records import Check, CheckStatus, Figure
from .common import CheckPatterns, judge, make_check, spread, term, tolerance

_Q = Decimal("0.0001")


def _total_for(part: Figure, before: list[Figure], folded: str, pats: CheckPatterns) -> Figure | None:
    for f in reversed(before):
        if f.unit == part.unit and f.value >= part.value and f.value > 0:
            # 户厕22.7万户、改圈3.2万户: items of one list, not a total and its part.
            return None if folded.startswith(pats.list_joiners, f.end) else f
    return None


def _ratio_pair(i: int, fs: list[Figure], doc: DocumentModel, pats: CheckPatterns) -> tuple[Figure, Figure] | None:
    """(part, total) a rate at ``fs[i]`` is computed from, or None when the sentence does not give them."""
    p, folded = fs[i], doc.folded
    counts = [j for j in range(i) if fs[j].type == "count" and fs[j].direction is None]
    if len(counts) < 2:
        return None
    part = fs[counts[-1]]
    if doc.clauses.index(part.start) == doc.clauses.index(p.start):
        return None  # the count stands in the rate's own clause: what is measured, not its numerator
    total = _total_for(part, [fs[j] for j in counts[:-1]], folded, pats)
    if total is None or pats.crosses_strong_mark(folded, total.end, p.start):
        return None
    if any(f.type == "percent" and total.start < f.start < p.start for f in fs):
        return None
    return part, total


def _ratio_checks(fs: list[Figure], doc: DocumentModel, pats: CheckPatterns) -> list[Check]:
    out = []
    rate_words = tuple(pats.words.rate_words)
    own = pats.words.subject_of_marker
    for i, p in enumerate(fs):
        subject = p.subject or ""
        if p.type != "percent" or not pats.folding(p.text).endswith("%") or not subject.endswith(rate_words):
            continue  # a rate per mille (出生率6.7‰) is per head of population, not of the counts before it
        if own and own in subject:
            continue
        pair = _ratio_pair(i, fs, doc, pats)
        if pair is None:
            continue
        part, total = pair
        dp, dt = spread(part, pats), spread(total, pats)
        expected = part.value / total.value * 100
        lo = (part.value - dp) / (total.value + dt) * 100
        hi = (part.value + dp) / (total.value - dt) * 100 if total.value > dt else expected
        tol = tolerance(p.text, pats)
        # 超9000批次 of 超1.5万批次: floors give no ratio
        status: CheckStatus = "holds" if judge(lo, hi, p, tol) else "fails"
        if part.qualifier != "exact" or total.qualifier != "exact":
            status = "not_applicable"
        out.append(
            make_check(
                "ratio",
                [term("stated", p), term("part", part), term("total", total)],
                expected.quantize(_Q),
                p.value,
                tol + max(hi - expected, expected - lo),
                status,
                f"{part.text} / {total.text} = {expected:.4f}% vs stated {p.text}",
            )
        )
    return out


def _change_range(a: Figure, b: Figure, c: Figure, relative: bool, pats: CheckPatterns) -> tuple[Decimal, ...]:
    """(expected, lo, hi) of the change from *a* to *b*, signed as *c* states it."""
    da, db = spread(a, pats), spread(b, pats)
    if relative:
        exp = (b.value - a.value) / a.value * 100
        lo = ((b.value - db) / (a.value + da) - 1) * 100
        hi = ((b.value + db) / (a.value - da) - 1) * 100 if a.value > da else exp
    else:
        exp = b.value - a.value
        lo, hi = exp - da - db, exp + da + db
    return (-exp, -hi, -lo) if c.direction == "down" else (exp, lo, hi)


def _change_modes(a: Figure, c: Figure) -> list[bool] | None:
    """Which readings of *c* to try: relative (a growth rate), absolute (same unit, or points)."""
    if a.type == "percent" and c.type == "pp":
        return [False]
    if a.type == "percent" and c.type == "percent":
        return [True, False]  # 由44%提高到45%，即提高1%: the text writes percentage points with %
    if c.type == "percent" and a.value:
        return [True]
    if c.type == a.type and c.unit == a.unit:
        return [False]
    return None


def _one_change(a: Figure, b: Figure, c: Figure, doc: DocumentModel, pats: CheckPatterns) -> Check | None:
    modes = _change_modes(a, c)
    if modes is None:
        return None
    terms = [term("stated", c), term("start", a), term("end", b)]
    tol = tolerance(c.text, pats)
    gap = doc.folded[b.end : c.start]
    if pats.change_gap.fullmatch(gap) is None:
        return make_check(
            "change",
            terms,
            None,
            c.value,
            tol,
            "not_applicable",
            f"{a.text} -> {b.text}: the change {c.text} is qualified ({gap.strip()}), not B - A",
        )
    ranges = [_change_range(a, b, c, relative, pats) for relative in modes]
    fits = [r for r in ranges if judge(r[1], r[2], c, tol)]
    exp, lo, hi = (fits or ranges)[0]
    return make_check(
        "change",
        terms,
        exp.quantize(_Q),
        c.value,
        tol + max(hi - exp, exp - lo),
        "holds" if fits else "fails",
        f"{a.text} -> {b.text}: change {exp:.4f} vs stated {c.text} ({c.direction})",
    )


def _change_checks(fs: list[Figure], doc: DocumentModel, pats: CheckPatterns) -> list[Check]:
    out = []
    folded = doc.folded
    to_words = tuple(pats.words.to_words)
    from_words = tuple(pats.words.from_words)
    for i in range(len(fs) - 2):
        a, b, c = fs[i], fs[i + 1], fs[i + 2]
        if a.type != b.type or a.unit != b.unit or not folded.endswith(to_words, 0, b.start):
            continue
        if not any(w in folded[max(0, a.start - 12) : a.start] for w in from_words) or c.direction is None:
            continue
        check = _one_change(a, b, c, doc, pats)
        if check is not None:
            out.append(check)
    return out


def arithmetic_checks(fs: list[Figure], doc: DocumentModel, pats: CheckPatterns) -> list[Check]:
    """The ratio and change checks of one sentence's figures."""
    return [*_ratio_checks(fs, doc, pats), *_change_checks(fs, doc, pats)]

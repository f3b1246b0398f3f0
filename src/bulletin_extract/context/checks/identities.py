"""Checks across a whole document, keyed by what a figure measures: catalogue identities and repeats.

* **identity** — an identity of the catalogue (``total = sum(parts) - sum(minus)``, patterns/indicators/)
  between figures of one region, period and scope: 累计本土确诊24529例 = 治愈出院4675例 + 在院治疗19851例 +
  死亡3例.  When the total and some of the terms are stated but not all, it is not applicable.
* **consistency** — one indicator, scope, region, period and measure stated more than once (title, lead,
  section) must have one value: it holds when every repeat agrees and fails when one differs.

An identity takes every figure with an indicator, except one whose name is glued to another (现有重型病例
read as current confirmed cases).  A repeat is only a figure that names its indicator itself, outside a
breakdown, worded like the others (see :func:`_labelled`); one whose sentence names no time is of the
document's reporting period (the time most such figures are as of) in the title line, and is not compared
elsewhere.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from ...document.model import DocumentModel
from ...records import Check, CheckStatus, CheckTerm, Figure
from ...rules.schema import Identity
from .common import CheckPatterns, make_check, term

Key = tuple[str | None, str | None, str]


def _labelled(figs: Sequence[Figure], doc: DocumentModel, pats: CheckPatterns) -> list[tuple[Figure, str]]:
    """Figures that name their indicator themselves (:meth:`CheckPatterns.named_here`), with that wording.

    Left out: figures after another figure in their clause, and parts after 其中 (their total may be of
    something the catalogue does not name: 非公有制经济…其中：第一产业增加值35亿元).
    """
    starts = [f.start for f in figs]
    out = []
    for f in figs:
        if f.indicator is None or f.type in ("percent", "pp"):
            # Rates too: 复工率84.1% of industrial firms and 复工率71.5% of exporters share one key, the
            # population they are of is no panel key.
            continue
        cs = doc.clauses.start_of(f.start)
        first = bisect.bisect_left(starts, cs)  # the first figure of the clause, by bisection (no scan)
        if starts[first] < f.start or pats.under_breakdown(doc.folded, cs):
            continue
        label = pats.named_here(f, doc.folded[cs : f.start])
        if label is not None:
            out.append((f, label))
    return out


def _keyed(
    figs: Sequence[Figure], doc: DocumentModel, pats: CheckPatterns
) -> dict[tuple[str, str | None, str | None, str, str | None], list[tuple[Figure, str]]]:
    """Labelled figures by (indicator, region, period, scope, measure), in text order.

    A figure with no time of its own takes the document's reporting period (the time most indicator
    figures are as of) only in the title line, which states the report's own figures; elsewhere such a
    figure may be a target or a figure of another year, so it is not compared.
    """
    labelled = _labelled(figs, doc, pats)
    periods = Counter(f.as_of for f, _ in labelled if f.as_of is not None)
    default = periods.most_common(1)[0][0] if periods else None
    out: dict[tuple[str, str | None, str | None, str, str | None], list[tuple[Figure, str]]] = {}
    for f, label in labelled:
        assert f.indicator is not None
        period = f.as_of or (default if doc.lines.index(f.start) == 0 else None)
        if period is None:
            continue
        out.setdefault((f.indicator, f.region, period, f.scope or "all", f.measure), []).append((f, label))
    return out


def consistency_checks(figs: Sequence[Figure], doc: DocumentModel, pats: CheckPatterns) -> list[Check]:
    """One check per key and wording stated in more than one sentence: one value, or a failing check."""
    out = []
    for (ind, region, period, scope, measure), keyed in _keyed(figs, doc, pats).items():
        by_label: dict[str, list[Figure]] = {}
        seen: set[int] = set()
        for f, label in keyed:
            s = doc.sentences.index(f.start)
            if s not in seen:  # a sentence states a value once
                seen.add(s)
                by_label.setdefault(label, []).append(f)
        for fs in by_label.values():
            if len(fs) >= 2:
                out.append(_consistency(fs, f"{ind} ({scope}, {region}, {period}, {measure})"))
    return out


def _consistency(fs: list[Figure], key: str) -> Check:
    first = fs[0]
    differ = [f for f in fs[1:] if f.value != first.value]
    status: CheckStatus = "holds" if not differ else "fails"
    if differ and any(f.qualifier != "exact" for f in fs):
        status = "not_applicable"  # 约3200例 and 3215例 need not contradict each other
    return make_check(
        "consistency",
        [term("stated", first), *(term("repeat", f) for f in fs[1:])],
        (differ[0] if differ else first).value,
        first.value,
        Decimal(0),
        status,
        f"{key} stated {len(fs)} times: " + ", ".join(f.text for f in fs),
    )


def _identity_check(ident: Identity, by_ind: dict[str, Figure]) -> Check | None:
    total = by_ind.get(ident.total)
    if total is None:
        return None
    terms: list[CheckTerm] = [term("total", total)]
    missing = []
    expected = Decimal(0)
    for ref in (*ident.parts, *ident.minus):
        f = by_ind.get(ref)
        if f is None:
            missing.append(ref)
        elif ref in ident.parts:
            terms.append(term("part", f))
            expected += f.value
        else:
            terms.append(term("minus", f))
            expected -= f.value
    if len(terms) == 1:
        return None
    text = " ".join(("+ " if t.role == "part" else "- ") + t.text for t in terms[1:]).lstrip("+ ")
    status: CheckStatus
    if missing:
        status, why = "not_applicable", "not stated: " + ", ".join(missing)
    elif expected == total.value:
        status, why = "holds", ident.id
    else:
        status, why = "fails", ident.id
    return make_check(
        "identity",
        terms,
        None if missing else expected,
        total.value,
        Decimal(0),
        status,
        f"{text} = {'?' if missing else expected} vs stated {total.text} ({why})",
        rule=ident.id,
    )


def identity_checks(figs: Sequence[Figure], doc: DocumentModel, pats: CheckPatterns) -> list[Check]:
    """Every catalogue identity whose total is stated, per region, period and scope."""
    groups: dict[Key, dict[str, Figure]] = {}
    for f in figs:
        if f.indicator is None or f.measure not in (None, "level") or f.qualifier != "exact":
            continue
        cs = doc.clauses.start_of(f.start)
        if pats.glued_name(doc.folded[cs : f.start]):
            continue  # 现有重型病例7例 read as current confirmed cases
        groups.setdefault((f.region, f.as_of, f.scope or "all"), {}).setdefault(f.indicator, f)
    out = []
    for by_ind in groups.values():
        for ident in pats.identities:
            check = _identity_check(ident, by_ind)
            if check is not None:
                out.append(check)
    return out

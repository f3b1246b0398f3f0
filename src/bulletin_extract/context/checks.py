"""Figures that check each other: the arithmetic a bulletin implies, and whether it holds.

Two relations are found inside one sentence:

* **ratio** — a rate in percent stated after two counts with the same unit,
  the larger first: part / total x 100 should equal the rate
  (23849 / 28369 = 84.07 % vs stated 84.1 %);
* **sum** — a total followed by a breakdown word (其中, 包括, an opening
  bracket) and two or more parts with the same unit: the parts should add up
  to the total (480 + 1232 + 31 = 1743).

* **change** — 由A增加到B followed in the sentence by the size of the change:
  B − A for a change in the same unit (or in percentage points between two
  percents), (B − A) / A × 100 for a growth rate in percent.

Tolerance is half a unit of the stated value's last written digit, so a rate
written to one decimal passes when the exact ratio rounds to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import regex

from ..document.fold import Folding
from ..document.model import DocumentModel
from ..records import Check, Figure
from ..rules.grammar import alternation
from ..rules.ruleset import Ruleset
from ..rules.schema import ContextFile


@dataclass(frozen=True, eq=False)
class CheckPatterns:
    """The words behind self-checking figures, and the breakdown marker after a total."""

    words: ContextFile
    breakdown: regex.Pattern[str]
    folding: Folding

    @classmethod
    def compile(cls, rs: Ruleset, folding: Folding) -> CheckPatterns:
        # After a total: an opening bracket, or a total word other than the partial ones (其中 often lists only some).
        c = rs.context
        g = rs.grammar
        words = [w for w in c.total_words if w not in c.partial_total_words]
        seps = alternation([*g.item_separators, *c.breakdown_separators])
        opening = alternation(g.open_brackets) or "(?!)"
        alts = f"{opening}|{alternation(words)}" if words else opening
        return cls(c, regex.compile(f"(?:{seps})?(?:{alts})" if seps else f"(?:{alts})"), folding)


def _tolerance(text: str, pats: CheckPatterns) -> Decimal:
    """Half a unit of the last digit written in *text* (84.1% -> 0.05; 67% -> 0.5)."""
    digits = "".join(c for c in pats.folding(text) if c.isascii() and (c.isdigit() or c == "."))
    if "." in digits:
        places = len(digits.split(".", 1)[1])
        return Decimal(5) / (Decimal(10) ** (places + 1))
    return Decimal("0.5")


def _ratio_checks(fs: list[Figure], folded: str, pats: CheckPatterns) -> list[Check]:
    out = []
    rate_words = tuple(pats.words.rate_words)
    for i, p in enumerate(fs):
        if p.type != "percent" or not (p.subject or "").endswith(rate_words):
            continue
        counts = [f for f in fs[:i] if f.type == "count" and f.direction is None]
        if len(counts) < 2:
            continue
        part, total = counts[-1], None
        for f in reversed(counts[:-1]):
            if f.unit == part.unit and f.value >= part.value and f.value > 0:
                total = f
                break
        if total is None:
            continue
        expected = part.value / total.value * 100
        tol = _tolerance(p.text, pats)
        holds = abs(expected - p.value) <= tol
        out.append(
            Check(
                kind="ratio",
                mentions=(p.start, part.start, total.start),
                expected=expected.quantize(Decimal("0.0001")),
                stated=p.value,
                tolerance=tol,
                holds=holds,
                explanation=f"{part.text} / {total.text} = {expected:.4f}% vs stated {p.text}",
            )
        )
    return out


def _sum_checks(fs: list[Figure], folded: str, pats: CheckPatterns) -> list[Check]:
    out = []
    marker = pats.breakdown
    for i, t in enumerate(fs):
        if t.type not in ("count", "money", "quantity") or not marker.match(folded, t.end):
            continue
        parts = []
        for f in fs[i + 1 :]:
            if f.unit != t.unit or f.type != t.type:
                break
            parts.append(f)
        if len(parts) < 2:
            continue
        total = sum((f.value for f in parts), Decimal(0))
        holds = total == t.value
        if total > t.value:
            continue  # parts exceed the total: a different list, not a breakdown
        out.append(
            Check(
                kind="sum",
                mentions=(t.start, *(f.start for f in parts)),
                expected=total,
                stated=t.value,
                tolerance=Decimal(0),
                holds=holds,
                explanation=" + ".join(f.text for f in parts) + f" = {total} vs stated {t.text}",
            )
        )
    return out


def _change_checks(fs: list[Figure], folded: str, pats: CheckPatterns) -> list[Check]:
    out = []
    to_words = tuple(pats.words.to_words)
    from_words = tuple(pats.words.from_words)
    for i in range(len(fs) - 2):
        a, b = fs[i], fs[i + 1]
        if a.type != b.type or a.unit != b.unit or not folded.endswith(to_words, 0, b.start):
            continue
        if not any(w in folded[max(0, a.start - 12) : a.start] for w in from_words):
            continue
        c = fs[i + 2]
        if c.direction is None:
            continue
        diff = b.value - a.value
        if c.type == "pp" and a.type == "percent":
            expected = diff
        elif c.type == "percent" and a.value:
            expected = diff / a.value * 100
        elif c.type == a.type and c.unit == a.unit:
            expected = diff
        else:
            continue
        if c.direction == "down":
            expected = -expected
        tol = _tolerance(c.text, pats)
        out.append(
            Check(
                kind="change",
                mentions=(c.start, a.start, b.start),
                expected=expected.quantize(Decimal("0.0001")),
                stated=c.value,
                tolerance=tol,
                holds=abs(expected - c.value) <= tol,
                explanation=f"{a.text} -> {b.text}: change {expected:.4f} vs stated {c.text} ({c.direction})",
            )
        )
    return out


def find_checks(figs: Sequence[Figure], doc: DocumentModel, pats: CheckPatterns) -> list[Check]:
    """Every ratio, sum and change relation found sentence by sentence, in text order."""
    by_sentence: dict[int, list[Figure]] = {}
    for f in figs:
        by_sentence.setdefault(doc.sentences.index(f.start), []).append(f)
    out: list[Check] = []
    folded = doc.folded
    for fs in by_sentence.values():
        out.extend(_ratio_checks(fs, folded, pats))
        out.extend(_sum_checks(fs, folded, pats))
        out.extend(_change_checks(fs, folded, pats))
    return sorted(out, key=lambda c: c.mentions[0])

"""What every check shares: the words it reads, how precisely a figure is written, and how a check is built."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import regex

from ...document.fold import Folding
from ...records import Check, CheckStatus, CheckTerm, Figure, TermRole
from ...rules.grammar import alternation, alternation_or_never
from ...rules.ruleset import Ruleset
from ...rules.schema import ContextFile, Identity

_DIGITS = regex.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")


@dataclass(frozen=True, eq=False)
class CheckPatterns:
    """The words behind self-checking figures, compiled once per ruleset.

    ``breakdown`` matches what opens a breakdown right after a total (an opening bracket, 其中, 包括, after an
    optional comma or colon); ``strong_marks`` end the stretch a relation may span (；。 and line breaks,
    the clause marks that are neither item separators nor list joiners); ``change_gap`` is what may stand
    between the end value of 由A增加到B and the size of the change for B - A to give it (a separator, 即, the
    direction word): anything else (年均, 按可比价格计算) qualifies the change.
    """

    words: ContextFile
    breakdown: regex.Pattern[str]
    open_brackets: frozenset[str]
    close_brackets: frozenset[str]
    strong_marks: frozenset[str]
    list_joiners: tuple[str, ...]
    change_gap: regex.Pattern[str]
    totals: frozenset[str]
    identities: tuple[Identity, ...]
    part_words: tuple[str, ...]
    separators: str
    names: regex.Pattern[str]
    concept_of: dict[str, str]
    flows: regex.Pattern[str]
    with_flows: frozenset[str]
    folding: Folding

    @classmethod
    def compile(cls, rs: Ruleset, folding: Folding) -> CheckPatterns:
        c, g, d = rs.context, rs.grammar, rs.directions
        part_words = {*c.total_words, *(w for f in rs.indicators for w in f.parts)}
        seps = alternation([*g.item_separators, *c.breakdown_separators])
        opening = alternation_or_never(g.open_brackets)
        marker = f"(?:{seps})?(?:{opening}|{alternation_or_never(part_words)})" if seps else f"(?:{opening})"
        weak = {*g.item_separators, *g.list_joiners, *c.breakdown_separators}
        concept_of = {w: ind.id for f in rs.indicators for ind in f.indicators for w in ind.before}
        gap_words = [*g.item_separators, *c.total_words, *d.up, *d.down, *d.gap_words, *g.spaces]
        return cls(
            words=c,
            breakdown=regex.compile(marker),
            open_brackets=frozenset(g.open_brackets),
            close_brackets=frozenset(g.close_brackets),
            strong_marks=frozenset(m for m in g.clause_marks if m not in weak and len(m) == 1),
            list_joiners=tuple(g.list_joiners),
            change_gap=regex.compile(f"(?:{alternation_or_never(gap_words)})*"),
            totals=frozenset(w for f in rs.indicators for w in f.totals),
            identities=tuple(i for f in rs.indicators for i in f.identities),
            part_words=tuple(sorted(part_words, key=len, reverse=True)),
            separators="".join(sorted({*g.item_separators, *c.breakdown_separators, *g.spaces})),
            names=regex.compile(alternation_or_never(concept_of)),
            concept_of=concept_of,
            flows=regex.compile(alternation_or_never(w for f in rs.indicators for ws in f.flows.values() for w in ws)),
            with_flows=frozenset(ind.id for f in rs.indicators for ind in f.indicators if ind.flows),
            folding=folding,
        )

    def under_breakdown(self, folded: str, clause_start: int) -> bool:
        """Whether the clause at *clause_start* opens with, or follows, a part word (其中：第一产业增加值35亿元)."""
        before = folded[max(0, clause_start - 4) : clause_start].rstrip(self.separators)
        return before.endswith(self.part_words) or folded.startswith(self.part_words, clause_start)

    def glued_name(self, clause: str) -> bool:
        """Whether the last name in *clause* is glued to the one before it (出院病例, 重型病例)."""
        names = list(self.names.finditer(clause))
        return len(names) > 1 and names[-2].end() == names[-1].start()

    def named_here(self, f: Figure, clause: str) -> str | None:
        """How *clause* (the text of f's clause before it) names f's indicator: its wording, from the flow word.

        None when f takes its indicator from an earlier figure (an ellipsis, a coordinated item), or when its
        name is glued to another one (出院病例).  Repeats are recognised by their wording (title 新增确诊病例11例,
        lead …新增确诊病例11例); differently worded figures (轻工业增加值 under 工业增加值) may measure
        different things, so a wrong reading of them never looks like a contradiction of the text.
        """
        names = list(self.names.finditer(clause))
        if not names or f.indicator is None:
            return None
        last = names[-1]
        if self.glued_name(clause):
            return None
        concept = self.concept_of[last.group()]
        if f.indicator != concept and not f.indicator.startswith(concept + "."):
            return None
        flows = [m for m in self.flows.finditer(clause, 0, last.start())]
        if concept in self.with_flows and not flows:
            return None
        return (clause[flows[-1].start() :] if flows else clause).strip()

    def crosses_strong_mark(self, folded: str, start: int, end: int) -> bool:
        """True when a sentence-like break (；。 a line break) stands in ``folded[start:end]``."""
        return any(ch in self.strong_marks for ch in folded[start:end])


def tolerance(text: str, pats: CheckPatterns) -> Decimal:
    """Half a unit of the last digit written in *text* (84.1% -> 0.05; 67% -> 0.5)."""
    digits = "".join(c for c in pats.folding(text) if c.isascii() and (c.isdigit() or c == "."))
    if "." in digits:
        places = len(digits.split(".", 1)[1])
        return Decimal(5) / (Decimal(10) ** (places + 1))
    return Decimal("0.5")


def spread(f: Figure, pats: CheckPatterns) -> Decimal:
    """How far the true value of an input figure may lie from its written value.

    A count written in full (23849家) is exact: 0.  One written with a magnitude (2.6万人, 二十八万人) is
    rounded at its last written digit: half a unit of it (500, 5000).  Percents are always rounded.
    """
    if f.type in ("percent", "pp"):
        return tolerance(f.text, pats)
    m = _DIGITS.search(pats.folding(f.text))
    if m is None:  # Chinese numerals: rounded at the last non-zero digit of the value, if it has zeros after it
        n, zeros = abs(int(f.value)), 0
        while n and n % 10 == 0 and f.value == f.value.to_integral_value():
            n, zeros = n // 10, zeros + 1
        return Decimal(0) if zeros == 0 else Decimal(5) * Decimal(10) ** (zeros - 1)
    written = Decimal(m.group().replace(",", ""))
    if written == 0 or written == f.value:
        return Decimal(0)
    places = len(m.group().split(".", 1)[1]) if "." in m.group() else 0
    return abs(f.value / written) * Decimal(5) / Decimal(10) ** (places + 1)


def judge(lo: Decimal, hi: Decimal, stated: Figure, tol: Decimal) -> bool:
    """Whether a value in ``[lo, hi]`` can be written as *stated* (with its qualifier: 超过98.71% is a floor)."""
    s = stated.value
    if stated.qualifier == "over":
        return hi >= s - tol
    if stated.qualifier == "under":
        return lo <= s + tol
    return lo <= s + tol and hi >= s - tol


def term(role: TermRole, f: Figure) -> CheckTerm:
    return CheckTerm(role=role, start=f.start, end=f.end, text=f.text, value=f.value, indicator=f.indicator)


def make_check(
    kind: str,
    terms: Sequence[CheckTerm],
    expected: Decimal | None,
    stated: Decimal | None,
    tol: Decimal,
    status: CheckStatus,
    explanation: str,
    rule: str | None = None,
) -> Check:
    """A :class:`Check` over *terms* (the result first): ``mentions`` are their starts."""
    return Check.model_validate(
        {
            "kind": kind,
            "mentions": tuple(t.start for t in terms),
            "expected": expected,
            "stated": stated,
            "tolerance": tol,
            "holds": status == "holds",
            "status": status,
            "explanation": explanation,
            "rule": rule,
            "figures": tuple(terms),
        }
    )

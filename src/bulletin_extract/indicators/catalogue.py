"""The indicator catalogue compiled for matching: one alternation per word family, longest name first."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import regex

from ..records import Measure, Scope
from ..rules.grammar import char_class, trie_alternation
from ..rules.ruleset import Ruleset
from ..rules.schema import Identity, Indicator
from ..rules.schema_indicators import Flow, IndicatorsFile
from .divisions import Division, DivisionIndex
from .enumerations import EnumerationPatterns


@dataclass(frozen=True, eq=False)
class IndicatorPatterns:
    """Everything the indicator stage matches, built once per ruleset."""

    concepts: dict[str, Indicator]
    unscoped: frozenset[str]  # concepts of families whose figures are never local or imported
    names: re.Pattern[str]
    name_of: dict[str, str]
    row_of: dict[str, str]
    after: tuple[tuple[str, regex.Pattern[str]], ...]
    after_any: regex.Pattern[str]  # any of *after*: one test rules them all out for most figures
    flows: re.Pattern[str]
    flow_of: dict[str, Flow]
    scopes: re.Pattern[str]
    scope_of: dict[str, Scope]
    measure_words: re.Pattern[str]
    measure_of: dict[str, Measure]
    parts: re.Pattern[str]
    distributive: re.Pattern[str]
    statements: re.Pattern[str]
    successions: re.Pattern[str]
    joiners: re.Pattern[str]  # a coordinator (和, 、) or an open bracket: what joins an item to the one before
    within: tuple[str, ...]
    totals: frozenset[str]
    open_brackets: frozenset[str]
    brackets: re.Pattern[str]
    close_brackets: frozenset[str]
    sentence_marks: frozenset[str]
    bound: frozenset[str]  # the word families none of whose words holds a sentence mark (see reading.Index)
    national: frozenset[str]
    country: Division
    identities: tuple[Identity, ...]
    divisions: DivisionIndex
    enumerations: EnumerationPatterns

    @property
    def empty(self) -> bool:
        return not self.concepts

    @classmethod
    def compile(cls, rs: Ruleset) -> IndicatorPatterns:
        # Literal words as tries (出口(?:总额|额)?) on the stdlib engine, 5x faster than `regex` here: each
        # document is scanned once per word family.
        files = rs.indicators
        concepts = {ind.id: ind for f in files for ind in f.indicators}
        # A not-name maps to "": found last before a figure, it leaves the figure without an indicator.
        name_of = {w: "" for f in files for w in f.not_names}
        name_of.update({w: ind.id for ind in concepts.values() for w in ind.before})
        after = tuple(
            (ind.id, regex.compile("|".join(f"(?:{p})" for p in ind.after))) for ind in concepts.values() if ind.after
        )
        flow_of: dict[str, Flow] = {w: k for f in files for k, ws in f.flows.items() for w in ws}
        scope_of: dict[str, Scope] = {w: k for f in files for k, ws in f.scopes.items() for w in ws}
        measure_of: dict[str, Measure] = {w: k for f in files for k, ws in f.measures.items() for w in ws}
        national = [w for f in files for w in f.national]
        families = _families(files, name_of, flow_of, measure_of)
        marks = frozenset(rs.grammar.sentence_end)
        return cls(
            concepts=concepts,
            unscoped=frozenset(ind.id for f in files if not f.scoped for ind in f.indicators),
            names=re.compile(trie_alternation(name_of)),
            name_of=name_of,
            row_of={w: ind.id for ind in concepts.values() for w in ind.rows},
            after=after,
            after_any=regex.compile("|".join(f"(?:{p.pattern})" for _, p in after) or "(?!)"),
            flows=re.compile(trie_alternation(flow_of)),
            flow_of=flow_of,
            scopes=re.compile(trie_alternation(scope_of)),
            scope_of=scope_of,
            measure_words=re.compile(trie_alternation(measure_of)),
            measure_of=measure_of,
            parts=re.compile(trie_alternation(families["parts"])),
            distributive=re.compile(trie_alternation(families["distributive"])),
            statements=re.compile(trie_alternation(families["statements"])),
            successions=re.compile(trie_alternation(families["successions"])),
            joiners=re.compile(
                trie_alternation({*(w for f in files for w in f.coordinators), *rs.grammar.open_brackets})
            ),
            within=tuple(w for f in files for w in f.within),
            totals=frozenset(w for f in files for w in f.totals),
            open_brackets=frozenset(rs.grammar.open_brackets),
            brackets=re.compile(char_class({*rs.grammar.open_brackets, *rs.grammar.close_brackets})),
            close_brackets=frozenset(rs.grammar.close_brackets),
            sentence_marks=marks,
            bound=_bound(families, marks),
            national=frozenset(national),
            # The whole country has no division code; it is named by the first national word (全国).
            country=Division("", "country", national[0] if national else "", national[0] if national else ""),
            identities=tuple(i for f in files for i in f.identities),
            divisions=DivisionIndex.compile(rs),
            enumerations=EnumerationPatterns.compile(rs),
        )

    def indicator_id(self, concept: str, flow: Flow | None) -> str | None:
        """``epi.confirmed`` + ``new`` -> ``epi.confirmed.new``; None when a flow is needed and unknown."""
        ind = self.concepts[concept]
        if not ind.flows:
            return ind.id
        if flow == "current" and flow not in ind.flows and "cumulative" in ind.flows:
            flow = "cumulative"  # 现有…治愈出院35例: a stock of a concept with no current count is its total so far
        flow = flow if flow in ind.flows else ind.default_flow
        return f"{ind.id}.{flow}" if flow else None


def _bound(families: dict[str, Collection[str]], marks: frozenset[str]) -> frozenset[str]:
    """The word families none of whose words is empty or holds one of *marks*: a scan of whole sentences
    finds the same of their words as a scan of the whole text."""
    return frozenset(k for k, words in families.items() if all(w and marks.isdisjoint(w) for w in words))


def _families(
    files: Sequence[IndicatorsFile], name_of: Collection[str], flow_of: Collection[str], measure_of: Collection[str]
) -> dict[str, Collection[str]]:
    """The words of each family the stage looks for in a document's text, by the family's name."""
    listed = ("parts", "distributive", "statements", "successions")
    return {
        "names": name_of,
        "flows": flow_of,
        "measures": measure_of,
        **{k: {w for f in files for w in getattr(f, k)} for k in listed},
    }

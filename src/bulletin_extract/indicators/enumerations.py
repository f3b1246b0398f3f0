"""Counts implied by case-ID lists: ``病例1—病例1015，居住于浦东新区`` -> 1015 new cases in 浦东新区.

Daily bulletins give district counts only as ID ranges.  Each run of ranges and single IDs followed by a
place word and a division is one group; the groups of one concept and district are added up.  The count
takes its indicator (flow, scope) and time from the nearest figure of the same concept before it: the
lists follow the headline they break down (新增本土新冠肺炎确诊病例3200例 … 病例1—病例1015，…).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ..document.model import DocumentModel
from ..records import Derived, Figure, Scope
from ..rules.grammar import alternation_or_never
from ..rules.ruleset import Ruleset
from .divisions import Division, DivisionIndex

_PLACE_CHARS = 16  # longest place name read after the place word


@dataclass(frozen=True, eq=False)
class EnumerationPatterns:
    """The group regex, the item regex inside a group, and what each ID noun counts."""

    group: regex.Pattern[str]
    item: regex.Pattern[str]
    concept_of: dict[str, str]
    unit: str

    @classmethod
    def compile(cls, rs: Ruleset) -> EnumerationPatterns:
        specs = [f.enumerations for f in rs.indicators if f.enumerations is not None]
        concept_of = {noun: concept for e in specs for noun, concept in e.nouns.items()}
        nouns = alternation_or_never(concept_of)
        places = alternation_or_never(w for e in specs for w in e.places)
        ranges = alternation_or_never(rs.grammar.range_joiners)
        lists = alternation_or_never([*rs.grammar.list_joiners, *rs.grammar.item_separators])
        item = rf"(?P<noun>{nouns})(?P<lo>\d+)(?:(?:{ranges})(?:{nouns})?(?P<hi>\d+))?"
        # Spaces and a stray comma around the place word occur in real lists (病例41—病例45，   居住于徐汇区;
        # 居住于，嘉定区).
        gap = rf"\s*(?:{lists})?\s*"
        group = (
            rf"(?P<ids>{item}(?:(?:{lists}){item})*){gap}(?:{places}){gap}(?P<place>[^\s\p{{P}}]{{2,{_PLACE_CHARS}}})"
        )
        unit = next((e.unit for e in specs if e.unit), "")
        return cls(regex.compile(group), regex.compile(item), concept_of, unit)


def _count(ids: str, offset: int, pats: EnumerationPatterns) -> tuple[int, str, list[tuple[int, int]]]:
    total, noun, spans = 0, "", []
    for m in pats.item.finditer(ids):
        lo, hi = int(m["lo"]), int(m["hi"] or m["lo"])
        total += hi - lo + 1 if hi >= lo else 1
        noun = noun or m["noun"]
        spans.append((offset + m.start(), offset + m.end()))
    return total, noun, spans


def _place(text: str, index: DivisionIndex, home: Division | None) -> Division | None:
    within = home.code if home else None
    for n in range(len(text), 1, -1):
        d = index.resolve(text[:n], within)
        if d is not None:
            return d
    return None


class _Headlines:
    """The nearest figure of a concept before an offset, by bisection: each group of a long document's lists
    looks up its headline without rescanning every figure before it."""

    def __init__(self, figs: Sequence[Figure]) -> None:
        self.figs = figs
        # The figures come sorted: those before an offset are those up to the first that starts at or after it.
        self.reach = [f.start for f in figs]
        self.of_concept: dict[str, list[int]] = {}

    def before(self, concept: str, offset: int) -> Figure | None:
        """The last figure of *concept* (its indicator or one of its flows) among those before *offset*."""
        found = self.of_concept.get(concept)
        if found is None:
            prefix = concept + "."
            found = self.of_concept[concept] = [
                i
                for i, f in enumerate(self.figs)
                if f.indicator is not None and (f.indicator == concept or f.indicator.startswith(prefix))
            ]
        i = bisect.bisect_left(found, bisect.bisect_left(self.reach, offset)) - 1
        return self.figs[found[i]] if i >= 0 else None


def find_derived(
    doc: DocumentModel, figs: Sequence[Figure], pats: EnumerationPatterns, index: DivisionIndex, region: str | None
) -> list[Derived]:
    """Every district's count, added up over the groups of one concept (figures in text order)."""
    home = index.resolve(region) if region else None
    sums: dict[tuple[str, Scope, str | None, str], Derived] = {}
    headlines = _Headlines(figs)
    for m in pats.group.finditer(doc.folded):
        value, noun, spans = _count(m["ids"], m.start("ids"), pats)
        place = _place(m["place"], index, home)
        if place is None or not spans:
            continue
        concept = pats.concept_of[noun]
        head = headlines.before(concept, m.start())
        indicator = head.indicator if head is not None and head.indicator else f"{concept}.new"
        scope: Scope = head.scope if head is not None and head.scope else "all"
        as_of = head.as_of if head is not None else None
        key = (indicator, scope, as_of, place.code)
        old = sums.get(key)
        if old is None:
            end = m.start("place") + len(place.name) if m["place"].startswith(place.name) else m.end()
            sums[key] = Derived(
                start=m.start(), end=end, text=doc.text[m.start() : end], value=value, unit=pats.unit,
                indicator=indicator, scope=scope, region=place.full, region_code=place.code, as_of=as_of,
                evidence=tuple(spans),
            )  # fmt: skip
        else:
            sums[key] = old.model_copy(update={"value": old.value + value, "evidence": (*old.evidence, *spans)})
    return list(sums.values())

"""``explain(text)``: each mention with its rule, the pattern files behind it and how its value was resolved.

The explanation is rebuilt from the records and the ruleset, after extraction:
it never changes what is extracted, so what it explains is exactly what
:func:`bulletin_extract.extract` returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..api import extract_document
from ..engine import Engine, default_engine
from ..records import Entity, Figure, TimeMention
from .sources import Sources


@dataclass(frozen=True)
class Explanation:
    """One mention and why it is what it is."""

    mention: Figure | TimeMention | Entity
    rule: str
    files: tuple[str, ...]
    steps: tuple[str, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        m = self.mention
        head = f"{m.start}:{m.end} {m.text!r} -> {m.type} {getattr(m, 'value', '')}".rstrip()
        lines = [head, f"    rule {self.rule} ({', '.join(self.files) or 'built in'})"]
        lines.extend(f"    - {s}" for s in self.steps)
        return "\n".join(lines)


def explain(
    text: str,
    *,
    published: str | dt.date | None = None,
    region: str | None = None,
    entities: bool = True,
    patterns: Sequence[str | Path] | None = None,
) -> list[Explanation]:
    """Every mention of *text* (as :func:`~bulletin_extract.extract_document` finds them) with its explanation."""
    doc = extract_document(text, published=published, region=region, entities=entities, patterns=patterns)
    engine = default_engine(tuple(patterns or ()))
    sources = Sources.of(engine.rules)
    folded = engine.fold(text)
    out = []
    for m in doc.mentions:
        if isinstance(m, Figure):
            out.append(_figure(m, folded, engine, sources))
        elif isinstance(m, TimeMention):
            out.append(_time(m, engine, sources, doc.published))
        else:
            out.append(Explanation(m, m.rule or "", (sources.entity_rules.get(m.rule or "", ""),)))
    return out


def _word_before(pattern: regex.Pattern[str], folded: str, end: int, window: int) -> str | None:
    """The last match of *pattern* that ends within *window* characters before *end*."""
    found = list(pattern.finditer(folded, max(0, end - window), end))
    return found[-1].group() if found else None


def _attribute_steps(m: Figure, folded: str, engine: Engine, sources: Sources) -> list[str]:
    steps = []
    pats = engine.attributes
    if m.qualifier != "exact":
        after = pats.qual_after.match(folded, m.end)
        word = after.group() if after else _word_before(pats.qual_before, folded, m.start, 6)
        steps.append(
            f"qualifier {m.qualifier}: {word or 'a word inside the span'!r} ({sources.qualifiers.get(word or '', 'qualifiers')})"
        )
    if m.direction is not None:
        word = _word_before(pats.direction, folded, m.start, pats.directions.window)
        src = sources.directions.get(word or "", "")
        steps.append(
            f"direction {m.direction}: " + (f"{word!r} ({src})" if word else "shared with the list item before it")
        )
    return steps


def _figure(m: Figure, folded_doc: str, engine: Engine, sources: Sources) -> Explanation:
    folded = engine.fold(m.text)
    match = engine.figures.figure.fullmatch(folded)
    steps: list[str] = []
    files = [sources.file_of_kind("numerals")]
    if match is not None:
        groups = {k: v for k, v in match.groupdict().items() if v}
        number = groups.get("ar") or groups.get("cn") or ""
        steps.append(
            f"numeral {number!r}"
            + (
                f" with magnitude {groups.get('mag') or groups.get('cmag')!r}"
                if groups.get("mag") or groups.get("cmag")
                else ""
            )
        )
        word = groups.get("unit") or groups.get("cunit")
        if word:
            files.append(sources.units.get(word, "noun heads of a units file"))
            steps.append(f"unit word {word!r} -> type {m.type}, unit {m.unit!r}")
    rule = m.rule or ""
    if rule == "list.shared_unit":
        steps.append("no unit of its own: it shares the unit of the figure closing its range or list")
    elif rule.startswith("number."):
        steps.append("no unit: kept as a table cell or after a word that introduces an indicator value")
    steps.append(f"value {m.value}")
    steps.extend(_attribute_steps(m, folded_doc, engine, sources))
    steps.append(
        f"as_of {m.as_of or 'none'}: "
        + ("the governing time of its sentence" if m.as_of else "no time governs its sentence")
    )
    steps.append(
        f"subject {m.subject!r}, region {m.region!r}" + (f", compared to {m.compared_to!r}" if m.compared_to else "")
    )
    return Explanation(m, rule, tuple(dict.fromkeys(files)), tuple(steps))


def _time(m: TimeMention, engine: Engine, sources: Sources, published: dt.date | None) -> Explanation:
    from ..times.find import explain_time

    word = sources.time_words.get(m.text)
    files = (word,) if word else (sources.file_of_kind("time_grammar"),)
    ref = f"publication date {published}" if published else "no publication date (the title's year, if any)"
    steps = [f"resolved against the {ref}", f"value {m.value} ({m.type})"]
    try:
        how = explain_time(m.rule or "", engine.times)
    except KeyError:
        how = ""
    # The resolver's docstring, then where its branch lives: one step per paragraph.
    paragraphs = [" ".join(p.split()) for p in how.split("\n\n")[1:]]
    steps.extend(p for p in paragraphs if p)
    return Explanation(m, m.rule or "", files, tuple(steps))

"""Run a pattern file's examples: the extracted mentions must be exactly the expected ones.

Figures and times are always checked.  Entities are checked too when the example
lists an entity (PER/ORG/LOC/DOC) or belongs to a gazetteer file, so a
gazetteer example with ``out: []`` asserts that nothing is tagged.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..api import extract_document
from ..records import Entity
from .ruleset import Ruleset
from .schema import Example, GazetteerFile

_ENTITY_TYPES = frozenset({"PER", "ORG", "LOC", "DOC"})


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, (int, float)) and not isinstance(expected, bool) and isinstance(got, Decimal):
        e = Decimal(str(expected))
        return abs(e - got) <= abs(e) * Decimal("1e-6") + Decimal("1e-12")
    return bool(expected == got)


def run_example(ex: Example, rs: Ruleset) -> list[str]:
    """The differences between what *ex* expects and what the extractor returns (empty: it passes)."""
    with_entities = _checks_entities(ex, rs)
    doc = extract_document(ex.input, published=ex.published, entities=with_entities, patterns=rs.extra_paths())
    got = [m for m in doc.mentions if with_entities or not isinstance(m, Entity)]
    problems = []
    want = list(ex.out)
    for m in got:
        match = next((w for w in want if w["text"] == m.text and w["type"] == m.type), None)
        if match is None:
            problems.append(f"unexpected {m.type} {m.text!r} ({getattr(m, 'value', '')})")
            continue
        want.remove(match)
        for k, v in match.items():
            if k in ("text", "type"):
                continue
            if not _same(v, getattr(m, k, None)):
                problems.append(f"{m.text!r}: {k} is {getattr(m, k, None)!r}, expected {v!r}")
    problems.extend(f"missing {w['type']} {w['text']!r}" for w in want)
    return problems


def _checks_entities(ex: Example, rs: Ruleset) -> bool:
    if any(w["type"] in _ENTITY_TYPES for w in ex.out):
        return True
    return any(isinstance(f.spec, GazetteerFile) and any(e is ex for e in f.spec.examples) for f in rs.files)

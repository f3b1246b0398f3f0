"""Run a pattern file's examples: the extracted mentions must be exactly the expected ones.

Figures and times are always checked.  Entities are checked too when the example
lists an entity (PER/ORG/LOC/DOC) or belongs to a gazetteer file, so a
gazetteer example with ``out: []`` asserts that nothing is tagged.  Which
attributes of a mention are compared is set out in :class:`~.schema.Example`.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import get_args

from ..api import extract_document
from ..records import Entity, EntityType, FigureType
from .ruleset import Ruleset
from .schema import Example, ExpectedMention, GazetteerFile

# What an unlisted attribute of a figure must be, unless the example is partial (see Example).
_FIGURE_DEFAULTS: dict[str, object] = {"qualifier": "exact", "direction": None}


def _same(expected: object, got: object) -> bool:
    # YAML gives floats (三分之二 -> 66.666…); the extractor gives exact Decimals.
    if isinstance(expected, (int, float)) and not isinstance(expected, bool) and isinstance(got, Decimal):
        e = Decimal(str(expected))
        return abs(e - got) <= abs(e) * Decimal("1e-6") + Decimal("1e-12")
    return bool(expected == got)


def _expected_attributes(w: ExpectedMention, partial: bool) -> dict[str, object]:
    listed = {k: getattr(w, k) for k in w.model_fields_set - {"text", "type"}}
    if partial or w.type not in get_args(FigureType):
        return listed
    return {**_FIGURE_DEFAULTS, **listed}


def run_example(ex: Example, rs: Ruleset) -> list[str]:
    """The differences between what *ex* expects and what the extractor returns (empty: it passes)."""
    with_entities = _checks_entities(ex, rs)
    # An example without a publication date leaves 上年 unresolved on purpose: that is no warning to print.
    log = logging.getLogger("bulletin_extract")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        doc = extract_document(ex.input, published=ex.published, entities=with_entities, patterns=rs.extra_paths())
    finally:
        log.setLevel(level)
    got = [m for m in doc.mentions if with_entities or not isinstance(m, Entity)]
    problems = []
    want = list(ex.out)
    for m in got:
        match = next((w for w in want if w.text == m.text and w.type == m.type), None)
        if match is None:
            problems.append(f"unexpected {m.type} {m.text!r} ({getattr(m, 'value', '')})")
            continue
        want.remove(match)
        for k, v in _expected_attributes(match, ex.partial).items():
            actual = getattr(m, k, None)
            if not _same(v, actual):
                why = (
                    ""
                    if k in match.model_fields_set
                    else " (not listed, so the default; list it, or set partial: true)"
                )
                problems.append(f"{m.text!r}: {k} is {actual!r}, expected {v!r}{why}")
    problems.extend(f"missing {w.type} {w.text!r}" for w in want)
    return problems


def files_without_examples(rs: Ruleset) -> list[str]:
    """The loaded pattern files with no examples: every file must show, and so test, what it does."""
    return [f.path for f in rs.files if not getattr(f.spec, "examples", None)]


def _checks_entities(ex: Example, rs: Ruleset) -> bool:
    if any(w.type in get_args(EntityType) for w in ex.out):
        return True
    return any(isinstance(f.spec, GazetteerFile) and any(e is ex for e in f.spec.examples) for f in rs.files)

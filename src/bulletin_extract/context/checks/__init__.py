"""Figures that check each other: the arithmetic a bulletin implies, and whether it holds.

Each check says ``holds``, ``fails`` or ``not_applicable`` and names the figures it used (``figures``,
each with its role).  Inside one sentence: **ratio** and **change** (:mod:`.arithmetic`) and **sum** over a
stated breakdown (:mod:`.breakdowns`); over table rows: **sum** of a total row; over the whole document,
from the indicator catalogue: **identity** and **consistency** (:mod:`.identities`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ...document.model import DocumentModel
from ...records import Check, Figure
from .arithmetic import arithmetic_checks
from .breakdowns import breakdown_checks, table_checks
from .common import CheckPatterns
from .identities import consistency_checks, identity_checks

__all__ = ["CheckPatterns", "find_checks"]


def find_checks(figs: Sequence[Figure], doc: DocumentModel, pats: CheckPatterns) -> list[Check]:
    """Every check of the document, in text order of the figure each is about."""
    by_sentence: dict[int, list[Figure]] = {}
    for f in figs:
        by_sentence.setdefault(doc.sentences.index(f.start), []).append(f)
    out: list[Check] = []
    for fs in by_sentence.values():
        out.extend(arithmetic_checks(fs, doc, pats))
        out.extend(breakdown_checks(fs, doc, pats))
    out.extend(table_checks(sorted(figs, key=lambda f: f.start), doc, pats))
    out.extend(identity_checks(figs, doc, pats))
    out.extend(consistency_checks(figs, doc, pats))
    return sorted(out, key=lambda c: c.mentions[0])

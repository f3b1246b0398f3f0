"""The public entry points; this module only wires the stages together in order.

fold -> times -> figures -> exclusions/overlaps -> qualifier/direction ->
context (as_of, subject, region) -> entities (optional) -> records.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence

from . import attributes, context, dates, figures
from .errors import InputTypeError, PublishedDateError
from .exclusions import Zones
from .records import Document, Entity, Figure, TimeMention, _trusted
from .ruleset import Ruleset, default_ruleset
from .text import Sentences

MentionRecord = Figure | TimeMention | Entity


def parse_published(published: str | dt.date | dt.datetime | None) -> dt.date | None:
    """Read a ``published`` argument; :class:`PublishedDateError` (a ValueError) names a bad value."""
    if published is None or (isinstance(published, dt.date) and not isinstance(published, dt.datetime)):
        return published
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            pass
    raise PublishedDateError(
        f"published={published!r} is not a date: pass an ISO date string such as '2020-02-22' or a datetime.date"
    )


def _check_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise InputTypeError(
            f"extract() needs str, got {type(text).__name__}: decode it first, e.g. data.decode('utf-8') or data.decode('gb18030')"
        )
    raise InputTypeError(f"extract() needs str, got {type(text).__name__}")


def _ruleset(patterns: Sequence[str | Path] | None) -> Ruleset:
    return default_ruleset(tuple(patterns or ()))


def extract_document(
    text: str,
    *,
    published: str | dt.date | None = None,
    region: str | None = None,
    doc_id: str | None = None,
    entities: bool = True,
    patterns: Sequence[str | Path] | None = None,
    checks: bool = True,
) -> Document:
    """Extract every mention of *text* with its document context (published date, region, checks).

    ``published`` and ``region`` are detected from the text when not given.
    ``entities=False`` skips named entities (faster; spaCy is then never imported).
    ``patterns`` adds pattern files or folders to the built-in ones.
    ``checks=False`` skips the arithmetic checks between figures.
    """
    text = _check_text(text)
    pub = parse_published(published)
    rs = _ruleset(patterns)
    if not text.strip():
        return Document(doc_id=doc_id, published=pub, region=region, mentions=[])
    folded = rs.fold(text)
    if pub is None:
        pub = context.detect_published(folded, rs)
    if region is None:
        region = context.detect_region(folded, rs)
    zones = Zones(folded, rs)
    # A plan period is written in quotes (“十三五”时期), which the short-quote zone would otherwise hide.
    # Without a publication date, the title's year still anchors 今年 and month-day dates.
    ref = pub or context.reference_date(folded)
    times = [t for t in dates.find_times(folded, rs, ref) if t.rule == "time.plan_period" or not zones.hits(t.start, t.end)]
    ents: list[Entity] = []
    if entities:
        from .entities import find_entities

        ents = find_entities(text, folded, rs)
    # Times win over figures (numbers inside a date are never counts), and so do names of places and bodies.
    blocked = zones.mask_copy()
    for x in [*times, *(e for e in ents if e.type != "PER")]:
        blocked[x.start : x.end] = b"\x01" * (x.end - x.start)
    cands = figures.find_figures(folded, rs, blocked)
    kept = context.resolve_bare_numbers(cands, folded, rs)
    sentences = Sentences.of(folded)
    prev: figures.Candidate | None = None
    for c in kept:
        c.qualifier = attributes.qualifier(c, folded, rs)
        c.direction = attributes.direction(c, folded, rs, prev.end if prev is not None else 0)
        if c.direction is None and prev is not None and prev.direction and attributes.is_list_continuation(prev.end, c.start, folded):
            c.direction = prev.direction  # 分别增长5.1%和6.2%
        prev = c
    tms = [
        _trusted(TimeMention, start=t.start, end=t.end, text=text[t.start : t.end], rule=t.rule, type=t.type, value=t.value)
        for t in times
    ]
    figs = context.attach(kept, times, ents, folded, text, sentences, rs, region)
    mentions: list[MentionRecord] = sorted([*figs, *tms, *ents], key=lambda x: (x.start, x.end))
    found = context.find_checks(figs, folded, sentences, rs) if checks else []
    return Document(doc_id=doc_id, published=pub, region=region, mentions=mentions, checks=found)


def extract(
    text: str,
    *,
    published: str | dt.date | None = None,
    region: str | None = None,
    entities: bool = True,
    patterns: Sequence[str | Path] | None = None,
) -> list[MentionRecord]:
    """Figures, times and entities of *text*, sorted by start; each ``text == input[start:end]``.

    >>> [(m.text, m.type, m.value) for m in extract("复工率84.1%", entities=False)]
    [('84.1%', 'percent', Decimal('84.1'))]
    """
    doc = extract_document(text, published=published, region=region, entities=entities, patterns=patterns, checks=False)
    return list(doc.mentions)

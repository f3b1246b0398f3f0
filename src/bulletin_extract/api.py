"""The public entry points: argument checking, then the engine (:mod:`bulletin_extract.engine`) runs the stages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from .anchor import EARLIEST, LATEST, in_range
from .engine import MentionRecord, default_engine
from .errors import InputTypeError, PublishedDateError
from .records import Document


def parse_published(published: str | dt.date | dt.datetime | None) -> dt.date | None:
    """Read a ``published`` argument; :class:`PublishedDateError` (a ValueError) names a bad value."""
    day = _as_date(published)
    if day is not None and not in_range(day):
        raise PublishedDateError(
            f"published={published!r} is outside the years {EARLIEST.year} to {LATEST.year} that relative dates "
            "(last year, a century ago) can be resolved from: check the date"
        )
    return day


def _as_date(published: object) -> dt.date | None:
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
    return _run(text, published, region, doc_id, entities, patterns, checks=checks, derived=True)


def _run(
    text: str,
    published: str | dt.date | None,
    region: str | None,
    doc_id: str | None,
    entities: bool,
    patterns: Sequence[str | Path] | None,
    *,
    checks: bool,
    derived: bool,
) -> Document:
    """The checked arguments through the engine (shared by :func:`extract_document` and :func:`extract`)."""
    text, pub = _check_text(text), parse_published(published)  # a bad argument fails before the engine is built
    engine = default_engine(tuple(patterns or ()))
    return engine.run(
        text,
        published=pub,
        region=region,
        doc_id=doc_id,
        entities=entities,
        checks=checks,
        derived=derived,
    )


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
    # The mentions only: checks and derived counts belong to the document and are not computed.
    doc = _run(text, published, region, None, entities, patterns, checks=False, derived=False)
    return list(doc.mentions)

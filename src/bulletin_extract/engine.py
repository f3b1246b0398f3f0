"""The engine: every stage's compiled patterns, built once from a ruleset, and the order the stages run in.

    text ─▶ DocumentModel (fold, lines, sentences, clauses)
         ─▶ zones ─▶ times ─▶ entities (optional) ─▶ figures ─▶ stacked cells ─▶ fused cells ─▶ bare numbers
         ─▶ table cells ─▶ qualifier/direction
         ─▶ context (as_of, subject, region, comparison) ─▶ indicators (id, measure, scope, division)
         ─▶ checks ─▶ records

Each stage is a function from the document model (and earlier stages' results)
to new values; none edits what another produced.  Times and the names of places
and bodies block figures: a number inside a date or a name is never a count.
Building an :class:`Engine` compiles everything eagerly, so a bad pattern fails
at load, naming its file and entry; entity patterns are compiled on first use,
so ``entities=False`` never pays for them.  :func:`default_engine` keeps both on disk
between runs (:mod:`.rules.cache`).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .anchor import detected_anchor, warn_unanchored
from .context.attach import attach, is_comparison
from .context.checks import CheckPatterns, find_checks
from .context.patterns import ContextPatterns
from .context.published import PublishedPatterns, detect_published, reference_date
from .context.region import RegionIndex, detect_region
from .document.fold import Folding
from .document.fused_tables import FusedPatterns, FusedTable, find_fused
from .document.model import DocumentModel, LayoutPatterns
from .document.stacked_tables import StackedPatterns
from .document.tables import Cell, Table, TablePatterns, find_tables
from .figures.attributes import AttributePatterns, with_attributes
from .figures.bare import BarePatterns, resolve_bare_numbers
from .figures.cells import CellPatterns, resolve_cells, unread_cells
from .figures.find import FigurePatterns, find_figures
from .figures.fused import fused_cells, fused_zones
from .figures.stacked import is_unit_cell, stacked_cells
from .figures.unit_names import outside_unit_words
from .figures.zones import ZonePatterns, zone_mask
from .indicators.assign import with_indicators
from .indicators.catalogue import IndicatorPatterns
from .indicators.enumerations import find_derived
from .indicators.zeros import ZeroPatterns, find_zeros
from .ner.levels import LevelPolicy, specific_bodies
from .ner.patterns import EntityPatterns
from .records import Document, Entity, Figure, TimeMention, _trusted
from .rules import cache
from .rules.ruleset import Ruleset, pattern_paths
from .times.candidate import TimeCandidate
from .times.find import TimePatterns, find_times

log = logging.getLogger("bulletin_extract")

MentionRecord = Figure | TimeMention | Entity


@dataclass(frozen=True, eq=False)
class Engine:
    """A ruleset's compiled stages.  Build with :meth:`build` or :func:`default_engine`."""

    rules: Ruleset
    fold: Folding
    layout: LayoutPatterns
    zones: ZonePatterns
    times: TimePatterns
    figures: FigurePatterns
    bare: BarePatterns
    attributes: AttributePatterns
    context: ContextPatterns
    checks: CheckPatterns
    published: PublishedPatterns
    regions: RegionIndex
    tables: TablePatterns
    cells: CellPatterns
    stacked: StackedPatterns
    fused: FusedPatterns
    indicators: IndicatorPatterns
    zeros: ZeroPatterns
    levels: LevelPolicy

    @classmethod
    def build(cls, rs: Ruleset) -> Engine:
        """Compile every stage's patterns from *rs*."""
        fold = Folding.compile(rs)
        return cls(
            rules=rs,
            fold=fold,
            layout=LayoutPatterns.compile(rs),
            zones=ZonePatterns.compile(rs),
            times=TimePatterns.compile(rs),
            figures=FigurePatterns.compile(rs),
            bare=BarePatterns.compile(rs),
            attributes=AttributePatterns.compile(rs),
            context=ContextPatterns.compile(rs),
            checks=CheckPatterns.compile(rs, fold),
            published=PublishedPatterns.compile(rs),
            regions=RegionIndex.compile(rs),
            tables=TablePatterns.compile(rs),
            cells=CellPatterns.compile(rs),
            stacked=StackedPatterns.compile(rs),
            fused=FusedPatterns.compile(rs),
            indicators=IndicatorPatterns.compile(rs),
            zeros=ZeroPatterns.compile(rs),
            levels=LevelPolicy.compile(rs),
        )

    @functools.cached_property
    def entities(self) -> EntityPatterns:
        """The entity stage's patterns (gazetteers are large: compiled, or read from the cache, on first use)."""
        store = _ENTRIES.get(self)
        if store is None:
            return EntityPatterns.compile(self.rules, self.fold)
        return store.get("entities", lambda: EntityPatterns.compile(self.rules, self.fold), EntityPatterns)

    def model(self, text: str) -> DocumentModel:
        """The document model of *text*."""
        return DocumentModel.build(text, self.fold, self.layout)

    def run(
        self,
        text: str,
        *,
        published: dt.date | None,
        region: str | None,
        doc_id: str | None,
        entities: bool,
        checks: bool,
        derived: bool = True,
    ) -> Document:
        """Every stage over *text*, in order: the :class:`~bulletin_extract.records.Document`.

        *checks* and *derived* (counts implied by case-ID lists and zero statements) can be skipped:
        ``extract`` returns the mentions only.
        """
        if not text.strip():
            return Document(doc_id=doc_id, published=published, region=region, mentions=[], text=text)
        doc = self.model(text)
        pub = published if published is not None else detected_anchor(detect_published(doc, self.published), doc_id)
        region = region if region is not None else detect_region(doc, self.regions)
        # A table printed without separators closes its digit runs to times and figures (2508.3-13.2 is no date).
        fused = find_fused(doc, self.fused, lambda text: is_unit_cell(text, self.figures))
        zones = fused_zones(zone_mask(doc, self.zones), fused)
        # Without a publication date, the title's year still anchors 今年 and month-day dates.
        anchor = pub or reference_date(doc)
        times = find_times(doc, self.times, anchor, zones)
        if anchor is None:
            warn_unanchored(doc, self.times, zones, times, doc_id)
        ents = self.entity_mentions(doc, region) if entities else []
        tables = find_tables(doc, self.tables)
        # Comparison bases (比上年) name a time but govern nothing: every later stage reads these.
        governing = [t for t in times if not is_comparison(t, doc, self.context)]
        figs = self._figures(doc, zones, times, governing, ents, region, (tables, fused))
        found = find_checks(figs, doc, self.checks) if checks else []
        home = self.indicators.divisions.resolve(region) if region else None
        counts = (
            [
                *find_derived(doc, figs, self.indicators.enumerations, self.indicators.divisions, region),
                *find_zeros(doc, governing, self.zeros, self.indicators, home),
            ]
            if derived
            else []
        )
        tms = [_time_record(t, text) for t in times]
        mentions: list[MentionRecord] = sorted([*figs, *tms, *ents], key=lambda x: (x.start, x.end))
        if tables:
            _warn_unread(doc_id, unread_cells(mentions, tables, zones), doc)
        return Document(
            doc_id=doc_id, published=pub, region=region, mentions=mentions, checks=found, derived=counts, text=text
        )

    def entity_mentions(self, doc: DocumentModel, region: str | None = None) -> list[Entity]:
        """The entities of *doc* as ``extract`` reports them (names that are part of a unit, 新加坡元, left out;
        with the document's *region*, bodies a lower level word names, ner/levels.py); the spaCy component
        calls this too, so both paths give the same entities."""
        from .ner.entities import find_entities

        ents = outside_unit_words(find_entities(doc, self.entities), doc, self.figures)
        division = self.indicators.divisions.resolve(region) if region else None
        if region is None or division is None:
            return ents
        return specific_bodies(ents, self.levels, region, division.level)

    def _figures(
        self,
        doc: DocumentModel,
        zones: bytes,
        times: list[TimeCandidate],
        governing: list[TimeCandidate],
        ents: list[Entity],
        region: str | None,
        layouts: tuple[Sequence[Table], Sequence[FusedTable]],
    ) -> list[Figure]:
        # Times win over figures (numbers inside a date are never counts), and so do names of places and bodies.
        blocked = bytearray(zones)
        blockers: list[TimeCandidate | Entity] = [*times, *(e for e in ents if e.type != "PER")]
        for x in blockers:
            blocked[x.start : x.end] = b"\x01" * (x.end - x.start)
        tables, fused = layouts
        found = find_figures(doc, self.figures, blocked)
        cands = stacked_cells(found, doc, self.figures, governing, self.cells, self.stacked)
        cands = fused_cells(cands, doc, fused, self.figures, governing, self.cells)
        cands = resolve_bare_numbers(cands, doc, self.bare)
        cands = resolve_cells(cands, doc, tables, governing, self.cells, self.figures)
        cands = with_attributes(cands, doc, self.attributes)
        figs = attach(cands, governing, ents, doc, self.context, self.attributes, doc_region=region)
        spans = [(t.start, t.end) for t in times]
        return with_indicators(
            sorted(figs, key=lambda f: (f.start, f.end)), doc, tables, self.indicators, region, spans
        )


def _warn_unread(doc_id: str | None, cells: Sequence[Cell], doc: DocumentModel) -> None:
    """One warning per document that has numeric table cells no mention covers (a unit or header not understood)."""
    if not cells:
        return
    shown = ", ".join(f"line {doc.lines.index(c.start) + 1} column {c.column + 1} {c.text!r}" for c in cells[:3])
    more = f" and {len(cells) - 3} more" if len(cells) > 3 else ""
    log.warning(
        "%s: %d numeric table cell(s) read as no figure (%s%s): their row or column states no unit or time the "
        "patterns know; see 'bulletin-extract explain'",
        doc_id or "document",
        len(cells),
        shown,
        more,
    )


def _time_record(t: TimeCandidate, text: str) -> TimeMention:
    return _trusted(
        TimeMention,
        start=t.start,
        end=t.end,
        text=text[t.start : t.end],
        rule=t.rule,
        type=t.type,
        value=t.value,
        reporting=t.moves,
    )


# The on-disk cache entries default_engine's engines came from (rules/cache.py), for their entity patterns.
_ENTRIES: weakref.WeakKeyDictionary[Engine, cache.Entries] = weakref.WeakKeyDictionary()


@functools.lru_cache(maxsize=8)
def _cached(extra: tuple[str, ...]) -> Engine:
    store = cache.entries(pattern_paths(extra))
    if store is None:
        return Engine.build(Ruleset.load(extra))
    engine = store.get("engine", lambda: Engine.build(Ruleset.load(extra)), Engine)
    _ENTRIES[engine] = store
    return engine


def default_engine(extra: Sequence[str | Path] = ()) -> Engine:
    """The engine of the built-in patterns (plus *extra* pattern paths), built once per distinct set of paths."""
    return _cached(tuple(str(Path(p).resolve()) for p in extra))


def default_ruleset(extra: Sequence[str | Path] = ()) -> Ruleset:
    """The built-in ruleset (plus *extra* pattern paths), as loaded by :func:`default_engine`."""
    return default_engine(extra).rules

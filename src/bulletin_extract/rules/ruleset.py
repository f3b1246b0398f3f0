"""Load, validate and merge pattern files into one immutable :class:`Ruleset`.

The built-in files live in ``patterns/``; users add their own directories or
files (``extract(text, patterns=[...])``) which merge with them and pass the
same validation.  A ruleset holds only validated data: each stage compiles
its own patterns from it (see :mod:`bulletin_extract.engine`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import yaml
from pydantic import TypeAdapter, ValidationError

from ..errors import PatternFileError
from ..records import FigureType, Qualifier
from .numerals import NumeralTable
from .schema import (
    ContextFile,
    DirectionsFile,
    Example,
    ExclusionsFile,
    GazetteerFile,
    GrammarFile,
    NumeralsFile,
    PatternFile,
    QualifiersFile,
    TimeGrammarFile,
    TimeWordsFile,
    UnitEntry,
    UnitsFile,
)

_FILE = TypeAdapter(PatternFile)


@dataclass(frozen=True)
class UnitInfo:
    """What a unit word resolves to."""

    type: FigureType
    unit: str
    scale: Decimal
    article_one: bool


@dataclass(frozen=True)
class LoadedFile:
    """A validated pattern file and where it came from (for examples and error messages)."""

    path: str
    spec: object


def _entry_name(loc: tuple[object, ...]) -> str:
    return ".".join(str(x) for x in loc)


def load_pattern_file(path: Path) -> LoadedFile:
    """Read and validate one YAML pattern file; :class:`PatternFileError` names file, entry and reason."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PatternFileError(str(path), f"cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise PatternFileError(str(path), f"not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or "kind" not in raw:
        raise PatternFileError(str(path), "a pattern file is a mapping with a 'kind' key (numerals, units, qualifiers, ...)")
    try:
        spec = _FILE.validate_python(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        if loc and loc[0] == raw.get("kind"):
            loc = loc[1:]  # the union tag pydantic puts first
        raise PatternFileError(str(path), err["msg"], entry=_entry_name(loc) or None) from exc
    return LoadedFile(str(path), spec)


def _pattern_paths(sources: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for src in sources:
        if src.is_dir():
            out.extend(sorted(p for p in src.rglob("*.yaml")))
        elif src.is_file():
            out.append(src)
        else:
            raise PatternFileError(str(src), "no such pattern file or directory")
    return out


def builtin_patterns_dir() -> Path:
    """The folder of the built-in pattern files."""
    return Path(str(resources.files("bulletin_extract") / "patterns"))


def _merge_field(old: object, new: object) -> object:
    """A later pattern file extends lists and mappings and replaces single values (when it sets one)."""
    if isinstance(new, dict) and isinstance(old, dict):
        return {**old, **new}
    if isinstance(new, list) and isinstance(old, list):
        return [*old, *new]
    return new or old


def _merge_time_grammar(old: TimeGrammarFile, new: TimeGrammarFile) -> TimeGrammarFile:
    """*old* extended by what *new* sets: fragments, branches and word tables merge, character classes grow."""
    merged: dict[str, object] = {}
    for k in TimeGrammarFile.model_fields:
        if k in ("kind", "description", "examples"):
            continue
        a, b = getattr(old, k), getattr(new, k)
        if k not in new.model_fields_set:
            merged[k] = a
        elif k.endswith("_chars"):
            merged[k] = a + b
        else:
            merged[k] = _merge_field(a, b)
    return TimeGrammarFile.model_validate({"kind": "time_grammar", **merged})


@dataclass(frozen=True, eq=False)
class Ruleset:
    """All pattern data, merged and validated.  Build with :meth:`load` or :func:`~bulletin_extract.engine.default_ruleset`."""

    files: tuple[LoadedFile, ...]
    numerals: NumeralTable
    fold_map: dict[str, str]
    units: dict[str, UnitInfo]
    qualifiers_before: dict[str, Qualifier]
    qualifiers_after: dict[str, Qualifier]
    qualifiers_inside: dict[str, Qualifier]
    not_qualifiers: tuple[str, ...]
    directions: DirectionsFile
    exclusions: ExclusionsFile
    time_words: TimeWordsFile
    time_grammar: TimeGrammarFile
    context: ContextFile
    grammar: GrammarFile
    gazetteers: tuple[GazetteerFile, ...]
    not_after: tuple[str, ...]
    code_chars: str
    fraction_marker: str
    noun_heads: dict[str, FigureType] = field(default_factory=dict)

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> "Ruleset":
        """Built-in patterns merged with the files or folders in *extra* (later entries win)."""
        paths = _pattern_paths([builtin_patterns_dir(), *(Path(p) for p in extra)])
        files = tuple(load_pattern_file(p) for p in paths)
        return cls._merge(files)

    @classmethod
    def _merge(cls, files: tuple[LoadedFile, ...]) -> "Ruleset":
        numerals: NumeralsFile | None = None
        units: dict[str, UnitInfo] = {}
        qb: dict[str, Qualifier] = {}
        qa: dict[str, Qualifier] = {}
        qi: dict[str, Qualifier] = {}
        nq: list[str] = []
        dirs = DirectionsFile(kind="directions")
        excl = ExclusionsFile(kind="exclusions")
        tw = TimeWordsFile(kind="time_words")
        tg = TimeGrammarFile(kind="time_grammar")
        ctx = ContextFile(kind="context")
        grammar = GrammarFile(kind="grammar")
        gaz: list[GazetteerFile] = []
        heads: dict[str, FigureType] = {}
        for f in files:
            s = f.spec
            if isinstance(s, NumeralsFile):
                numerals = s
            elif isinstance(s, UnitsFile):
                heads.update((h, s.type) for h in s.noun_heads)
                for word, entry in s.units.items():
                    e = entry if isinstance(entry, UnitEntry) else UnitEntry(unit=entry)
                    art = s.article_one if e.article_one is None else e.article_one
                    units[word] = UnitInfo(s.type, e.unit, e.scale, art)
            elif isinstance(s, QualifiersFile):
                qb.update(s.before)
                qa.update(s.after)
                qi.update(s.inside)
                nq.extend(s.not_qualifiers)
            elif isinstance(s, DirectionsFile):
                dirs = DirectionsFile(
                    kind="directions", up=[*dirs.up, *s.up], down=[*dirs.down, *s.down],
                    level_after=[*dirs.level_after, *s.level_after], not_after=[*dirs.not_after, *s.not_after],
                    gap_words=[*dirs.gap_words, *s.gap_words], window=s.window,
                )
            elif isinstance(s, ExclusionsFile):
                excl = ExclusionsFile(
                    kind="exclusions", quote_max_chars=s.quote_max_chars, quote_pairs=[*excl.quote_pairs, *s.quote_pairs],
                    zones=[*excl.zones, *s.zones], phrases=[*excl.phrases, *s.phrases],
                )
            elif isinstance(s, TimeWordsFile):
                tw = TimeWordsFile(
                    kind="time_words", relative={**tw.relative, **s.relative}, anchors=[*tw.anchors, *s.anchors],
                    vague_before=[*tw.vague_before, *s.vague_before],
                )
            elif isinstance(s, TimeGrammarFile):
                tg = _merge_time_grammar(tg, s)
            elif isinstance(s, ContextFile):
                merged = {k: _merge_field(getattr(ctx, k), getattr(s, k)) for k in ContextFile.model_fields if k not in ("kind", "description", "examples")}
                ctx = ContextFile(kind="context", **merged)
            elif isinstance(s, GrammarFile):
                merged = {k: _merge_field(getattr(grammar, k), getattr(s, k)) for k in GrammarFile.model_fields if k not in ("kind", "description", "examples")}
                grammar = GrammarFile(kind="grammar", **merged)
            elif isinstance(s, GazetteerFile):
                # A generated list (data_file) is read here so a bad row fails at load, like a bad YAML entry.
                from ..ner.datafile import with_data_file

                gaz.append(with_data_file(s, f.path))
        if numerals is None:
            raise PatternFileError("patterns/", "no numerals file (kind: numerals) was found")
        table = NumeralTable(
            digits=numerals.digits, small_units=numerals.small_units, big_units=numerals.big_units,
            decimal_point=numerals.decimal_point, half=numerals.half, not_digit_by_digit=numerals.not_digit_by_digit,
        )
        fold = {k: v for k, v in numerals.fold.items() if k != v}
        return cls(
            files=files, numerals=table, fold_map=fold, units=units,
            qualifiers_before=qb, qualifiers_after=qa, qualifiers_inside=qi, not_qualifiers=tuple(nq), directions=dirs, exclusions=excl,
            time_words=tw, time_grammar=tg, context=ctx, grammar=grammar, gazetteers=tuple(gaz), not_after=tuple(numerals.not_after),
            code_chars=numerals.code_chars, fraction_marker=numerals.fraction_marker, noun_heads=heads,
        )


    def examples(self) -> list[tuple[str, Example]]:
        """Every example of every pattern file, as ``(file, example)``."""
        return [(Path(f.path).name, ex) for f in self.files for ex in getattr(f.spec, "examples", [])]

    def extra_paths(self) -> tuple[str, ...]:
        """The pattern files this ruleset loaded beyond the built-in ones (to rebuild it elsewhere)."""
        base = str(builtin_patterns_dir())
        return tuple(f.path for f in self.files if not f.path.startswith(base))



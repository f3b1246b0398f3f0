"""Pydantic models of the pattern files in ``patterns/`` (one model per ``kind``).

Every file is validated when a :class:`~bulletin_extract.rules.ruleset.Ruleset` is
built; a bad entry fails then, naming the file and the entry, never later
while extracting.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..records import FigureType, Qualifier


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Example(_Strict):
    """Input text and the figures/times expected from it (all of them: ``out: []`` means nothing)."""

    input: str = Field(alias="in", min_length=1)
    out: list[dict[str, Any]]
    published: str | None = None
    xfail: str | None = Field(default=None, description="Reason this example is a known gap (strict xfail).")

    @field_validator("out")
    @classmethod
    def _each_has_text_and_type(cls, v: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for i, m in enumerate(v):
            if "text" not in m or "type" not in m:
                raise ValueError(f"out[{i}] needs at least 'text' and 'type'")
        return v


class _PatternFile(_Strict):
    description: str = ""
    examples: list[Example] = Field(default_factory=list)


class NumeralsFile(_PatternFile):
    """Digits, magnitudes and the full-width folding table."""

    kind: Literal["numerals"]
    fold: dict[str, str]
    digits: dict[str, int]
    small_units: dict[str, int]
    big_units: dict[str, int]
    decimal_point: str = Field(min_length=1, max_length=1)
    half: str = Field(min_length=1, max_length=1)
    not_digit_by_digit: str = Field(default="", description="Digits never written one by one in a year or code (两).")
    fraction_marker: str = Field(default="", description="The word between denominator and numerator (三分之一).")
    not_after: list[str] = Field(default_factory=list)
    code_chars: str = ""

    @field_validator("fold")
    @classmethod
    def _one_to_one(cls, v: dict[str, str]) -> dict[str, str]:
        for k, t in v.items():
            if len(k) != 1 or len(t) != 1:
                raise ValueError(f"fold entry {k!r}: {t!r} must map one character to one character (offsets must not move)")
        return v


class UnitEntry(_Strict):
    """A unit word: its canonical unit, a scale applied to the value, and whether 一 + it is an article."""

    unit: str
    scale: Decimal = Decimal(1)
    article_one: bool | None = None


class UnitsFile(_PatternFile):
    """Unit words of one figure type: surface form -> canonical unit (or a :class:`UnitEntry`)."""

    kind: Literal["units"]
    type: FigureType
    article_one: bool = False
    units: dict[str, Union[str, UnitEntry]]
    noun_heads: list[str] = Field(default_factory=list, description="Heads of nouns counted without a classifier (农村人口).")

    @field_validator("units")
    @classmethod
    def _non_empty(cls, v: dict[str, Any]) -> dict[str, Any]:
        for k in v:
            if not k or k != k.strip():
                raise ValueError(f"unit word {k!r} is empty or has surrounding spaces")
        return v


class QualifiersFile(_PatternFile):
    """Words before, after and inside a figure that set its qualifier."""

    kind: Literal["qualifiers"]
    before: dict[str, Qualifier] = Field(default_factory=dict)
    after: dict[str, Qualifier] = Field(default_factory=dict)
    inside: dict[str, Qualifier] = Field(default_factory=dict)
    not_qualifiers: list[str] = Field(
        default_factory=list, description="Words that contain a qualifier word but qualify nothing (节约, 最近, 多样)."
    )


class DirectionsFile(_PatternFile):
    """Words that make a figure the size of a change."""

    kind: Literal["directions"]
    up: list[str] = Field(default_factory=list)
    down: list[str] = Field(default_factory=list)
    level_after: list[str] = Field(default_factory=list)
    not_after: list[str] = Field(default_factory=list)
    gap_words: list[str] = Field(default_factory=list, description="Words that may stand between a direction word and its figure.")
    window: int = Field(default=12, ge=1, le=60)


class Zone(_Strict):
    """A regex whose matches are not annotated (ANNOTATION.md §2)."""

    id: str
    regex: str
    description: str = ""


class ExclusionsFile(_PatternFile):
    """Zones and phrases that hold no figures."""

    kind: Literal["exclusions"]
    quote_max_chars: int = Field(default=16, ge=0)
    quote_pairs: list[str] = Field(
        default_factory=list, description="Opening and closing quote marks, two characters each (a short quote holds no figure)."
    )
    zones: list[Zone] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)

    @field_validator("zones")
    @classmethod
    def _zones_compile(cls, v: list[Zone]) -> list[Zone]:
        import regex

        for z in v:
            try:
                regex.compile(z.regex)
            except regex.error as exc:
                raise ValueError(f"zones.{z.id}: regex does not compile: {exc}") from exc
        return v

    @field_validator("quote_pairs")
    @classmethod
    def _pairs(cls, v: list[str]) -> list[str]:
        for p in v:
            if len(p) != 2:
                raise ValueError(f"quote pair {p!r} must be two characters: the opening and the closing mark")
        return v


class TimeWordsFile(_PatternFile):
    """Relative and named time words, resolved against the publication date."""

    kind: Literal["time_words"]
    relative: dict[str, dict[str, Any]] = Field(default_factory=dict)
    anchors: list[str] = Field(default_factory=list)
    vague_before: list[str] = Field(default_factory=list)


_TIME_RULE_ID = re.compile(r"time(\.[a-z0-9_]+)+")


class TimeGrammarFile(_PatternFile):
    """The grammar of dates and periods: regex fragments, one branch per rule id, and the words resolvers read.

    A branch or tail is a regex or a list of pieces joined without spaces; ``{name}`` refers to a fragment
    or a word table (``{name_first}``: the table's first characters).  Branches are tried in order.
    """

    kind: Literal["time_grammar"]
    fragments: dict[str, str] = Field(default_factory=dict)
    branches: dict[str, str] = Field(default_factory=dict, description="Rule id -> regex, tried in this order.")
    tails: dict[str, str] = Field(default_factory=dict, description="Rule id -> regex matched right after a date with a day.")
    first_chars: str = Field(default="", description="Character class body (may use {table_first}): what a match starts with.")
    anchor_chars: str = Field(default="", description="Character class body: one of them stands near the start of every match.")
    anchor_window: int = Field(default=12, ge=0, le=60)
    plan_anchor: str = Field(default="", description="Regex of a plan word (time_words anchors) and what may follow it up to a date.")
    plan_window: int = Field(default=8, ge=0, le=60, description="How far before a date a plan_anchor match may start.")
    year_words: list[str] = Field(default_factory=list, description="Words for a year before a month, quarter or half (前年).")
    edge_words: dict[str, int | None] = Field(default_factory=dict, description="Edges of a month or year; the month a year's edge names.")
    half_words: dict[str, int] = Field(default_factory=dict, description="上/下 of 上半年: the half each names.")
    ahead_words: list[str] = Field(default_factory=list, description="Span words counting years forward (今后五年).")
    since_words: list[str] = Field(default_factory=list, description="Words after a date that start a span from it (以来).")
    day_alone_marks: list[str] = Field(default_factory=list, description="Marks after a day that may stand alone (20日).")
    day_alone_not_followed_by: list[str] = Field(default_factory=list, description="Words that make a lone day a count of days.")
    day_alone_not_preceded_by: list[str] = Field(default_factory=list, description="Words before which a day is never alone.")

    @field_validator("branches", "tails", mode="before")
    @classmethod
    def _join_pieces(cls, v: Any) -> Any:
        if isinstance(v, dict):
            return {k: "".join(x) if isinstance(x, list) else x for k, x in v.items()}
        return v

    @field_validator("branches", "tails")
    @classmethod
    def _rule_ids(cls, v: dict[str, str]) -> dict[str, str]:
        for k in v:
            if not _TIME_RULE_ID.fullmatch(k):
                raise ValueError(f"{k!r} is not a time rule id (time.name)")
        return v

    @field_validator("half_words")
    @classmethod
    def _halves(cls, v: dict[str, int]) -> dict[str, int]:
        for k, h in v.items():
            if h not in (1, 2):
                raise ValueError(f"half word {k!r}: {h} is not 1 or 2")
        return v

    @field_validator("edge_words")
    @classmethod
    def _edge_months(cls, v: dict[str, int | None]) -> dict[str, int | None]:
        for k, mo in v.items():
            if mo is not None and not 1 <= mo <= 12:
                raise ValueError(f"edge word {k!r}: {mo} is not a month")
        return v


class ContextFile(_PatternFile):
    """Words that tie a figure to its subject, time and comparison base."""

    kind: Literal["context"]
    subject_stop: list[str] = Field(default_factory=list)
    subject_strip_prefix: list[str] = Field(default_factory=list)
    subject_right_stop: list[str] = Field(default_factory=list, description="Words that end a head noun read after the unit.")
    distributive_words: list[str] = Field(default_factory=list, description="Words handing subjects out to a list of figures (分别).")
    subject_of_marker: str = Field(default="", description="The particle after a figure that introduces what it measures (的).")
    subject_strip_suffix: list[str] = Field(default_factory=list)
    comparison_bases: list[str] = Field(default_factory=list)
    comparison_words: list[str] = Field(default_factory=list, description="Bases a change is measured against (上年, 前一日).")
    implicit_comparisons: dict[str, str] = Field(default_factory=dict, description="Markers that imply a base (同比 -> 上年同期).")
    comparison_false_friends: list[str] = Field(default_factory=list, description="Words containing a marker that compare nothing (比重).")
    total_words: list[str] = Field(default_factory=list)
    partial_total_words: list[str] = Field(
        default_factory=list, description="Total words that often list only some parts (其中): no sum check after them."
    )
    breakdown_separators: list[str] = Field(default_factory=list, description="Marks that may stand between a total and its breakdown.")
    part_words: list[str] = Field(default_factory=list)
    rate_words: list[str] = Field(default_factory=list)
    from_words: list[str] = Field(default_factory=list, description="Single characters that open a change from A (由, 从).")
    to_words: list[str] = Field(default_factory=list, description="Words that lead to the end value B (增加到).")
    bare_number_after: list[str] = Field(default_factory=list, description="Words after which a unit-less number is an indicator value.")
    full_date: str = Field(default="", description="Regex of a full date with groups y, m, d (a header or signature date).")
    date_line_tail: str = Field(default="", description="Regex of what may follow the date on a date line (clock time, weekday).")


class GrammarFile(_PatternFile):
    """Punctuation and joining words that every stage reads: where sentences and clauses end, what joins items."""

    kind: Literal["grammar"]
    sentence_end: list[str] = Field(default_factory=list, description="Characters that end a sentence.")
    clause_marks: list[str] = Field(default_factory=list, description="Characters that end a clause.")
    item_separators: list[str] = Field(default_factory=list, description="Commas between the items of a list of figures.")
    list_joiners: list[str] = Field(default_factory=list, description="Words joining the items of a list.")
    range_joiners: list[str] = Field(default_factory=list, description="Words joining the ends of a range.")
    spaces: list[str] = Field(default_factory=list, description="Space characters allowed inside a mention.")
    open_brackets: list[str] = Field(default_factory=list, description="Opening brackets.")
    close_brackets: list[str] = Field(default_factory=list, description="Closing brackets.")
    function_chars: list[str] = Field(
        default_factory=list, description="Function words that never stand inside a counted noun phrase (是, 的, 和)."
    )

    @field_validator("sentence_end", "clause_marks", "item_separators", "spaces", "function_chars", "open_brackets", "close_brackets")
    @classmethod
    def _single_chars(cls, v: list[str]) -> list[str]:
        for c in v:
            if len(c) != 1:
                raise ValueError(f"{c!r} is not one character")
        return v


EntityLabel = Literal["PER", "ORG", "LOC", "DOC"]


class EntityRule(_Strict):
    """An entity rule: a regex template run over the text with earlier entities masked (``ner/template.py``).

    ``{name}`` is a word list of the same file, ``{LOC}``/``{ORG}``/``{PER}``/``{DOC}`` one whole entity
    found earlier.  The group ``name`` (else the whole match) is the span, extended to the end of the group
    ``head`` when there is one (so a rule can anchor on a head word and look behind for the name); ``add`` makes it an entity of
    ``label`` (default: the file's), ``drop`` removes the entities inside it.  Rules run by ``stage``, then
    in file order.  ``check: person_name`` also requires jieba to segment the span as a person's name.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
    pattern: str = Field(min_length=1)
    label: EntityLabel | None = None
    action: Literal["add", "drop"] = "add"
    check: Literal["person_name"] | None = None
    stage: int = Field(default=1, ge=1, le=9)
    description: str = ""


class GazetteerFile(_PatternFile):
    """Entity names and name-building rules for one entity type.

    ``names`` are tagged wherever they occur; ``suffixes`` are removed from them to derive short forms
    (山东省 -> 山东); ``data_file`` names a generated TSV beside the file whose ``name`` and ``forms``
    columns add more names; ``stop`` words are never tagged; ``lists`` and ``rules`` find what no list
    can hold; ``role: provinces`` marks the province list that detects a document's region.
    """

    kind: Literal["gazetteer"]
    label: EntityLabel
    source: str = ""
    role: Literal["provinces"] | None = None
    data_file: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.-]+\.tsv$")
    names: list[str] = Field(default_factory=list)
    suffixes: list[str] = Field(default_factory=list)
    prefixes: list[str] = Field(default_factory=list)
    stop: list[str] = Field(default_factory=list)
    not_names: list[str] = Field(
        default_factory=list,
        description="Words that contain a name but name nothing (发展中国家, 实事求是): a name inside one is not tagged.",
    )
    lists: dict[str, list[str]] = Field(default_factory=dict)
    rules: list[EntityRule] = Field(default_factory=list)
    boundary_check_max_chars: int = Field(
        default=0, ge=0, le=8,
        description="Names up to this long are kept only where jieba's segmentation has a word boundary at both "
        "ends (长武 is not a place in 副部长武增); 0 never checks.",
    )

    @field_validator("names", "suffixes", "prefixes", "stop")
    @classmethod
    def _clean_words(cls, v: list[str]) -> list[str]:
        for i, w in enumerate(v):
            if not w or w != w.strip():
                raise ValueError(f"entry {i} ({w!r}) is empty or has surrounding spaces")
        return v

    @field_validator("lists")
    @classmethod
    def _clean_lists(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        from ..ner.template import LABELS

        for name, words in v.items():
            if name in LABELS:
                raise ValueError(f"list name {name!r} is reserved for entities found earlier; rename the list")
            bad = [w for w in words if not w or w != w.strip()]
            if bad:
                raise ValueError(f"list {name!r}: word {bad[0]!r} is empty or has surrounding spaces")
        return v

    @field_validator("rules")
    @classmethod
    def _rules_compile(cls, v: list[EntityRule], info: Any) -> list[EntityRule]:
        import regex

        from ..ner.template import expand

        lists = info.data.get("lists", {})
        seen: set[str] = set()
        for r in v:
            if r.id in seen:
                raise ValueError(f"rule {r.id!r} is defined twice; rule ids must be unique")
            seen.add(r.id)
            try:
                regex.compile(expand(r.pattern, lists))
            except KeyError as exc:
                raise ValueError(f"rule {r.id!r}: unknown list {{{exc.args[0]}}}; define it under 'lists:' in this file") from exc
            except regex.error as exc:
                raise ValueError(f"rule {r.id!r}: pattern does not compile: {exc}") from exc
        return v


PatternFile = Annotated[
    Union[
        NumeralsFile, UnitsFile, QualifiersFile, DirectionsFile, ExclusionsFile, TimeWordsFile, TimeGrammarFile,
        ContextFile, GrammarFile, GazetteerFile,
    ],
    Field(discriminator="kind"),
]

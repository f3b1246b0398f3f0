"""Pydantic models of the pattern files in ``patterns/`` (one model per ``kind``).

Every file is validated when a :class:`~bulletin_extract.rules.ruleset.Ruleset` is
built; a bad entry fails then, naming the file and the entry, never later
while extracting.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, field_validator, model_validator

from ..records import Direction, EntityType, FigureType, Qualifier, TimeType


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


_FIGURE_ATTRIBUTES = frozenset({"unit", "qualifier", "direction", "subject", "as_of", "region", "compared_to"})


class ExpectedMention(_Strict):
    """One mention an example expects: ``text`` and ``type`` find it, every other key listed is compared.

    A key that is not a field (``valeu``) fails at load.  Listing a key as null (``as_of: null``) asserts
    that the attribute is empty, which is not the same as leaving the key out (see :class:`Example`).
    """

    text: str = Field(min_length=1)
    type: FigureType | TimeType | EntityType
    # Strict scalars: YAML's 2020 (an int) must not pass as the date "2020", nor "84.1" (a string) as a number.
    value: StrictInt | StrictFloat | StrictStr | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    direction: Direction | None = None
    subject: str | None = None
    as_of: str | None = None
    region: str | None = None
    compared_to: str | None = None

    @model_validator(mode="after")
    def _keys_fit_the_type(self) -> ExpectedMention:
        listed = self.model_fields_set
        if self.type in get_args(EntityType):
            bad = sorted(listed & (_FIGURE_ATTRIBUTES | {"value"}))
            if bad:
                raise ValueError(f"an entity ({self.type}) has no {', '.join(bad)}")
        elif self.type in get_args(TimeType):
            bad = sorted(listed & _FIGURE_ATTRIBUTES)
            if bad:
                raise ValueError(f"a time ({self.type}) has no {', '.join(bad)}")
            if "value" in listed and not isinstance(self.value, str):
                raise ValueError(f"the value of a {self.type} is an ISO 8601 string: quote it ({self.value!r})")
        else:
            if "value" in listed and not isinstance(self.value, (int, float)):
                raise ValueError(f"the value of a {self.type} figure is a number, not the string {self.value!r}")
            if self.qualifier is None and "qualifier" in listed:
                raise ValueError("a figure always has a qualifier (exact, approx, over, under); null is not one")
        return self


class Example(_Strict):
    """Input text and every figure/time (and, where checked, entity) expected from it; ``out: []`` means nothing.

    What is compared for each expected mention:

    * ``text`` and ``type``: always (they pair it with an extracted mention);
    * every other key listed: always;
    * ``qualifier`` and ``direction`` of a figure when not listed: against their defaults, ``exact`` and
      null, unless the example says ``partial: true``.  They are read from the words touching the figure,
      which is what the pattern files define, so an unexpected ``approx`` (节约 read as 约) or ``up`` is a
      false friend the example should catch;
    * ``value`` and ``unit`` when not listed: nothing.  Examples about context (subject, as_of) or time
      words pin a figure by its text and type; the units and numerals files' examples list value and unit;
    * ``subject``, ``as_of``, ``region`` and ``compared_to`` when not listed: nothing.  They depend on the
      whole sentence and document, so a default there would make every short example assert a context
      it does not have.
    """

    input: str = Field(alias="in", min_length=1)
    out: list[ExpectedMention]
    published: dt.date | None = None
    partial: bool = Field(default=False, description="Leave unlisted qualifier and direction unchecked.")
    xfail: str | None = Field(default=None, description="Reason this example is a known gap (strict xfail).")


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
    minus_signs: list[str] = Field(default_factory=list, description="Signs before an Arabic numeral that make it negative.")
    formal_digits: str = Field(default="", description="Financial numerals, figures only next to another numeral character.")
    not_after: list[str] = Field(default_factory=list)
    code_chars: str = ""

    @field_validator("fold")
    @classmethod
    def _one_to_one(cls, v: dict[str, str]) -> dict[str, str]:
        for k, t in v.items():
            if len(k) != 1 or len(t) != 1:
                raise ValueError(f"fold entry {k!r}: {t!r} must map one character to one character (offsets must not move)")
        return v


class CharactersFile(_PatternFile):
    """Characters read as others, one for one: radical and compatibility forms (⼴ -> 广); merged into the fold."""

    kind: Literal["characters"]
    fold: dict[str, str] = Field(default_factory=dict)

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
    units: dict[str, str | UnitEntry]
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
    hard_line_ends: list[str] = Field(
        default_factory=list, description="A line ending with one of these ends its sentence (。；：”): no layout wrap."
    )
    wrap_min_chars: int = Field(default=0, ge=0, description="Shorter lines are headings or signatures, never wrapped text (0: no wraps).")
    paragraph_start: str = Field(default="", description="Regex of a line start that opens a paragraph (indent, list marker).")
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

    @field_validator("names", "suffixes", "stop")
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
    NumeralsFile
    | CharactersFile
    | UnitsFile
    | QualifiersFile
    | DirectionsFile
    | ExclusionsFile
    | TimeWordsFile
    | ContextFile
    | GrammarFile
    | GazetteerFile,
    Field(discriminator="kind"),
]

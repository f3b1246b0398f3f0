"""Public record types: every mention is a frozen pydantic model.

A mention is one of three families, discriminated on ``type``:

* :class:`Figure` — ``percent``, ``pp``, ``count``, ``money``, ``quantity``, ``duration``, ``number``;
* :class:`TimeMention` — ``date``, ``period``;
* :class:`Entity` — ``PER``, ``ORG``, ``LOC``, ``DOC``.

Field names and values follow ANNOTATION.md §1 and §3 exactly, so a
``model_dump(mode="json")`` line is a valid gold mention.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, TypeAdapter, model_validator

FigureType = Literal["percent", "pp", "count", "money", "quantity", "duration", "number"]
TimeType = Literal["date", "period"]
EntityType = Literal["PER", "ORG", "LOC", "DOC"]
Qualifier = Literal["exact", "approx", "over", "under"]
Direction = Literal["up", "down"]
Measure = Literal["level", "change", "rate", "share", "target"]
Scope = Literal["all", "local", "imported"]


def _number_json(v: Decimal) -> int | float:
    # JSON readers expect numbers, not the strings pydantic emits for Decimal by default.
    return int(v) if v == v.to_integral_value() and abs(v) < Decimal(10) ** 18 else float(v)


ExactNumber = Annotated[Decimal, PlainSerializer(_number_json, return_type=int | float, when_used="json")]


class _Mention(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int = Field(ge=0, description="Start offset (Python string index) into the document text.")
    end: int = Field(gt=0, description="End offset, exclusive: text == document[start:end].")
    text: str = Field(description="The mention exactly as written.")
    rule: str | None = Field(default=None, description="Id of the pattern rule that found it (for explanations).")


class Figure(_Mention):
    """A quantity stated in numbers (ANNOTATION.md §1.1, with the §3 attributes)."""

    type: FigureType
    value: ExactNumber = Field(description="Fully scaled exact value: 7155.2万 -> 71552000.")
    unit: str = Field(
        description="Classifier/measure as written without magnitude, '%', 'pp', an ISO 4217 code, or '' for a bare number."
    )
    qualifier: Qualifier = "exact"
    direction: Direction | None = None
    subject: str | None = Field(default=None, description="What the figure measures, as written nearby.")
    as_of: str | None = Field(default=None, description="ISO date or period of the governing time expression.")
    region: str | None = Field(
        default=None, description="Place the figure belongs to: named in its clause, else the document's region."
    )
    compared_to: str | None = Field(default=None, description="Comparison base of a change (前一日, 上年, 同期 ...).")
    cell: tuple[int, int] | None = Field(
        default=None, description="(row, column) of a table cell, counted from 0 with header rows."
    )
    column: str | None = Field(default=None, description="The column header of a table cell (比上年增长（%）).")
    indicator: str | None = Field(
        default=None, description="Catalogue id of what it measures (epi.confirmed.new), patterns/indicators/."
    )
    measure: Measure | None = Field(default=None, description="level, change, rate, share or target.")
    scope: Scope | None = Field(default=None, description="all, local or imported (本土/境外输入).")
    region_code: str | None = Field(
        default=None, description="12-digit division code of the region, when it is a division of China."
    )


class TimeMention(_Mention):
    """A date or period (ANNOTATION.md §1.2); ``value`` is ISO 8601 at the granularity written."""

    type: TimeType
    value: str
    reporting: bool = Field(
        default=False,
        description="True when the text reports on this time from here on: it is no comparison base, start of a "
        "span or publication day, and later 全年 or 上年 resolve against it. The panel dates a figure whose "
        "sentence names no time by the last such year before it.",
    )


class Entity(_Mention):
    """A named person, organisation, place or cited document (ANNOTATION.md §1.3)."""

    type: EntityType


_M = TypeVar("_M", bound=_Mention)

Mention = Annotated[Figure | TimeMention | Entity, Field(discriminator="type")]
"""Any mention; pydantic picks the class from ``type``."""

_MENTIONS = TypeAdapter(list[Mention])


def mentions_from_json(data: list[dict[str, Any]]) -> list[Figure | TimeMention | Entity]:
    """Rebuild mentions from their ``model_dump(mode="json")`` dicts."""
    return _MENTIONS.validate_python(data)


CheckKind = Literal["ratio", "sum", "change", "identity", "consistency"]
CheckStatus = Literal["holds", "fails", "not_applicable"]
TermRole = Literal["stated", "total", "part", "minus", "start", "end", "repeat"]


class CheckTerm(BaseModel):
    """One figure a check used, with the part it plays (``total``, ``part``, ``minus`` ...)."""

    model_config = ConfigDict(frozen=True)

    role: TermRole
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str
    value: ExactNumber
    indicator: str | None = None


class Check(BaseModel):
    """An arithmetic relation the bulletin implies between its figures, and whether it holds.

    ``status`` is ``holds``, ``fails`` or ``not_applicable`` (the relation was found but the text does not give
    what it needs: a part is missing, the parts may list only some of the total, the change is an annual
    average); ``holds`` is ``status == "holds"``, kept for readers of earlier versions.
    """

    model_config = ConfigDict(frozen=True)

    kind: CheckKind
    mentions: tuple[int, ...] = Field(description="Start offsets of the figures involved (result first).")
    expected: ExactNumber | None = Field(
        description="The value computed from the other figures (None: not applicable)."
    )
    stated: ExactNumber | None = Field(description="The value the bulletin states.")
    tolerance: ExactNumber = Field(
        description="How far expected may be from stated: half a unit of the stated value's last written digit, "
        "plus what the rounding of the figures it is computed from allows."
    )
    holds: bool
    status: CheckStatus = Field(default="holds", description="holds, fails or not_applicable.")
    explanation: str
    rule: str | None = Field(default=None, description="Id of the catalogue identity tested, for kind identity.")
    figures: tuple[CheckTerm, ...] = Field(default=(), description="Every figure the check used, with its role.")

    @model_validator(mode="before")
    @classmethod
    def _status_from_holds(cls, data: Any) -> Any:
        # Records written before `status` existed say only `holds`: a relation that did not hold failed.
        if isinstance(data, dict) and "status" not in data and "holds" in data:
            return {**data, "status": "holds" if data["holds"] else "fails"}
        return data

    @model_validator(mode="after")
    def _holds_is_status(self) -> Check:
        if self.holds != (self.status == "holds"):
            raise ValueError(f"check says holds={self.holds} but status={self.status!r}")
        return self


class Derived(BaseModel):
    """A count the bulletin implies but never writes: the case IDs listed for one district, added up.

    ``病例1—病例1015，居住于浦东新区`` gives 1015 for 上海市浦东新区.  The span covers the lists and the
    place (``text == document[start:end]``); ``evidence`` holds the span of every range and single ID counted.
    """

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str
    value: int = Field(ge=0, description="Number of IDs listed.")
    unit: str
    indicator: str
    scope: Scope
    region: str
    region_code: str | None = None
    as_of: str | None = None
    evidence: tuple[tuple[int, int], ...] = Field(description="(start, end) of each range or ID counted.")


class Document(BaseModel):
    """One document's results: its context and every mention found in it."""

    model_config = ConfigDict(frozen=True)

    doc_id: str | None = None
    published: _dt.date | None = Field(default=None, description="Publication date (given, or detected from the text).")
    region: str | None = Field(default=None, description="The region the document reports on.")
    mentions: list[Mention] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    derived: list[Derived] = Field(
        default_factory=list, description="Counts implied by case-ID lists (see :class:`Derived`)."
    )
    text: str | None = Field(
        default=None,
        exclude=True,
        repr=False,
        description="The text the offsets index (kept for views; left out of model_dump and repr).",
    )

    def _repr_html_(self) -> str:
        """The document view in a notebook: the text with its mentions marked, their attributes, the checks."""
        from .views.document import document_html

        return document_html(self, self.text)


_FIELDS_SET: dict[type, set[str]] = {}


def _trusted(cls: type[_M], **fields: Any) -> _M:
    """Build a record from values the engine has already produced and checked, without re-validation.

    This is what ``model_construct`` does, minus its per-field default handling, which costs more
    than the rest of extraction on figure-dense text. Every field of *cls* must be given.
    """
    return _trusted_dict(cls, fields)


# The slots of every pydantic model, set through their descriptors: three times faster than object.__setattr__,
# and two records are built for each figure.
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def _trusted_dict(cls: type[_M], fields: dict[str, Any]) -> _M:
    """:func:`_trusted` from a dict that holds every field of *cls* (the caller gives up the dict)."""
    obj = cls.__new__(cls)
    _SET_DICT(obj, fields)
    # Every field is set, so every record of a class can share one fields set: records are frozen, and
    # pydantic copies the set before a model_copy changes it.  One set per record was most of its memory.
    shared = _FIELDS_SET.get(cls)
    if shared is None:
        shared = _FIELDS_SET[cls] = set(cls.model_fields)
    _SET_FIELDS_SET(obj, shared)
    _SET_EXTRA(obj, None)
    _SET_PRIVATE(obj, None)
    return obj


def json_schema() -> dict[str, Any]:
    """JSON Schema of a list of mentions (the output of :func:`bulletin_extract.extract`)."""
    return _MENTIONS.json_schema()

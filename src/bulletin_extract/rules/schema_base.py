"""The base of every pattern-file model, and the examples each file carries (input -> expected mentions)."""

from __future__ import annotations

import datetime as dt
import re
from typing import get_args

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, model_validator

from ..records import Direction, EntityType, FigureType, Measure, Qualifier, Scope, TimeType


class _Strict(BaseModel):
    # Schemas are built on first validation: a run whose engine comes from the cache never validates.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


_FIGURE_ATTRIBUTES = frozenset(
    {"unit", "qualifier", "direction", "subject", "as_of", "region", "compared_to", "indicator", "measure", "scope"}
)


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
    indicator: str | None = None
    measure: Measure | None = None
    scope: Scope | None = None

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


def compiling_regex(v: str) -> str:
    """*v* when it compiles as a regex; a ValueError naming why not (for the pattern files' regex fields)."""
    try:
        re.compile(v)
    except re.error as exc:
        raise ValueError(f"regex does not compile: {exc}") from exc
    return v

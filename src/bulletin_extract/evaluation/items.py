"""One mention in the shape the scorer needs, whatever it came from.

Gold lines, prediction JSONL lines and :mod:`bulletin_extract.records`
objects all become an :class:`Item`.  Numbers become ``float`` (the scorer's
tolerance is relative 1e-6, far above float error) while ``shown`` keeps the
value as written for reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel

from .errors import PredictionFormatError
from .gold import ENTITY_TYPES, FIGURE_TYPES, TIME_TYPES

JsonValue = int | float | str | None
FAMILY_ORDER = ("figures", "times", "entities", "other")


@dataclass(frozen=True)
class Item:
    """A gold or predicted mention, normalised for matching and reporting."""

    start: int
    end: int
    type: str
    text: str = ""
    number: float | None = None
    time: str | None = None
    unit: str | None = None
    qualifier: str | None = None
    direction: str | None = None
    subject: str | None = None
    as_of: str | None = None
    rule: str | None = None
    shown: JsonValue = None
    # The indicator attributes, where the mention was labelled with them (gold before v1.3 was not).
    labelled: bool = False
    indicator: str | None = None
    scope: str | None = None
    measure: str | None = None

    @property
    def family(self) -> str:
        """The family of the mention's type (see :func:`family_of`)."""
        return family_of(self.type)


def family_of(type_: str) -> str:
    """``figures``, ``times``, ``entities`` or ``other`` (an unknown type is scored, never matched)."""
    if type_ in FIGURE_TYPES:
        return "figures"
    if type_ in TIME_TYPES:
        return "times"
    if type_ in ENTITY_TYPES:
        return "entities"
    return "other"


def type_sort_key(type_: str) -> tuple[int, str]:
    """Sort types by family (figures, times, entities, unknown), then by name."""
    return FAMILY_ORDER.index(family_of(type_)), type_


def _plain(m: Mapping[str, Any] | BaseModel) -> Mapping[str, Any]:
    if isinstance(m, BaseModel):
        # Python mode keeps Decimal values exact; JSON mode would round-trip them through float.
        return m.model_dump()
    if isinstance(m, Mapping):
        return m
    raise PredictionFormatError(f"a mention must be a dict or a pydantic record, got {type(m).__name__}")


def _json_number(v: Decimal) -> int | float:
    return int(v) if v == v.to_integral_value() else float(v)


def _number(v: Any, where: str) -> tuple[float, JsonValue]:
    if isinstance(v, bool):
        raise PredictionFormatError(f"{where}: figure value must be a number, got {v!r}")
    try:
        d = v if isinstance(v, Decimal) else Decimal(str(v))
    except (InvalidOperation, ValueError) as exc:
        raise PredictionFormatError(f"{where}: figure value must be a number, got {v!r}") from exc
    if not d.is_finite():
        raise PredictionFormatError(f"{where}: figure value must be finite, got {v!r}")
    return float(d), (v if isinstance(v, (int, float)) else _json_number(d))


def _opt_str(m: Mapping[str, Any], key: str, where: str) -> str | None:
    v = m.get(key)
    if v is None or isinstance(v, str):
        return v
    raise PredictionFormatError(f"{where}: {key} must be a string or null, got {v!r}")


def to_item(mention: Mapping[str, Any] | BaseModel, where: str = "mention") -> Item:
    """Normalise one mention; *where* names it in the :class:`PredictionFormatError` raised when it is unusable.

    Only ``start``, ``end`` and ``type`` are required; a figure also needs a
    numeric ``value`` and a time a string ``value``.  A figure without
    ``qualifier`` is ``exact`` (the record default).  Extra keys are ignored.
    """
    m = _plain(mention)
    start, end, typ = m.get("start"), m.get("end"), m.get("type")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        raise PredictionFormatError(f"{where}: start and end must be integers, got {start!r} and {end!r}")
    if end <= start:
        raise PredictionFormatError(f"{where}: empty or reversed span [{start}, {end})")
    if not isinstance(typ, str) or not typ:
        raise PredictionFormatError(f"{where}: type must be a non-empty string, got {typ!r}")
    text = m.get("text") if isinstance(m.get("text"), str) else ""
    base: dict[str, Any] = {"start": start, "end": end, "type": typ, "text": text, "rule": _opt_str(m, "rule", where)}
    if typ in FIGURE_TYPES:
        number, shown = _number(m.get("value"), where)
        return Item(
            **base,
            number=number,
            shown=shown,
            unit=_opt_str(m, "unit", where),
            qualifier=_opt_str(m, "qualifier", where) or "exact",
            direction=_opt_str(m, "direction", where),
            subject=_opt_str(m, "subject", where),
            as_of=_opt_str(m, "as_of", where),
            labelled="indicator" in m,
            indicator=_opt_str(m, "indicator", where),
            scope=_opt_str(m, "scope", where),
            measure=_opt_str(m, "measure", where),
        )
    if typ in TIME_TYPES:
        value = m.get("value")
        if not isinstance(value, str):
            raise PredictionFormatError(f"{where}: a {typ} value must be an ISO string, got {value!r}")
        return Item(**base, time=value, shown=value)
    return Item(**base)


def to_items(mentions: list[Any], where: str) -> list[Item]:
    """Normalise a document's mentions; errors name *where* and the mention's index."""
    if not isinstance(mentions, list):
        raise PredictionFormatError(f"{where}: mentions must be a list, got {type(mentions).__name__}")
    return [to_item(m, f"{where}, mention #{i}") for i, m in enumerate(mentions)]

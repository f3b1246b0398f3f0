"""What annotators left blank, filled from the extractor's reading of the same span, or reported.

A span drawn in an annotation tool carries only its type.  Its required attributes (a figure's value and
unit, a time's value) are taken from the extractor when it reads a mention of the same type over exactly
that span, and reported otherwise; the units fixed by the type (``%``, ``pp``, ``""`` for a bare number) need
no reading.  The optional ones (qualifier, direction, subject, as_of) are taken from the extractor too when
the annotator set none of the mention's attributes, and otherwise take their defaults (``exact``, null): an
annotator who edited a region and left its subject blank meant none.  Every value filled in is listed, so it
can be reviewed.
"""

from __future__ import annotations

from typing import Any

from .gold import FIGURE_TYPES, TIME_TYPES
from .label_studio import ATTRIBUTES, Imported

FIXED_UNITS = {"percent": "%", "pp": "pp", "number": ""}
DEFAULTS: dict[str, Any] = {"qualifier": "exact", "direction": None, "subject": None, "as_of": None}
_SPAN_KEYS = ("start", "end", "text", "type")


def _keys(typ: str) -> tuple[str, ...]:
    return ATTRIBUTES if typ in FIGURE_TYPES else ("value",) if typ in TIME_TYPES else ()


def _blank(m: dict[str, Any]) -> list[str]:
    return [k for k in _keys(m["type"]) if k not in m]


def _extractor_reading(doc: Imported) -> dict[tuple[int, int, str], dict[str, Any]]:
    from ..api import extract_document

    rec = doc.record
    out = extract_document(doc.text, published=rec.get("published"), region=rec.get("region"), doc_id=rec.get("doc_id"))
    return {(m.start, m.end, m.type): m.model_dump(mode="json") for m in out.mentions}


def _canonical(m: dict[str, Any]) -> dict[str, Any]:
    """Span keys, then the attributes in the guideline's order, then anything else, as gold lines are written."""
    order = [*_SPAN_KEYS, *ATTRIBUTES]
    return {**{k: m[k] for k in order if k in m}, **{k: v for k, v in m.items() if k not in order}}


def _needs_reading(m: dict[str, Any], blank: list[str], touched: bool) -> bool:
    required = [k for k in blank if k == "value" or (k == "unit" and m["type"] not in FIXED_UNITS)]
    return bool(required) or (not touched and bool(blank))


def fill_blanks(doc: Imported, use_extractor: bool = True) -> None:
    """Fill *doc*'s blank attributes in place (see the module docstring); list what was filled and what is missing.

    The extractor runs (once per document) only when a blank needs its reading.
    """
    mentions = doc.record["mentions"]
    touched = doc.touched + [True] * (len(mentions) - len(doc.touched))
    blanks = [_blank(m) for m in mentions]
    if not any(blanks):
        return
    wanted = use_extractor and any(_needs_reading(m, b, t) for m, b, t in zip(mentions, blanks, touched, strict=True))
    reading = _extractor_reading(doc) if wanted else {}
    did = doc.record.get("doc_id")
    for i, (m, blank) in enumerate(zip(mentions, blanks, strict=True)):
        if not blank:
            continue
        where = f"{did} [{m['start']}, {m['end']}) {m['text']!r} {m['type']}"
        found = reading.get((m["start"], m["end"], m["type"]))
        taken = []
        for key in blank:
            required = key == "value" or (key == "unit" and m["type"] not in FIXED_UNITS)
            if key == "unit" and m["type"] in FIXED_UNITS:
                m[key] = FIXED_UNITS[m["type"]]
            elif found is not None and key in found and (required or not touched[i]):
                m[key] = found[key]
                taken.append(f"{key}={found[key]!r}")
            elif required:
                doc.missing.append(
                    f"{where}: {key} left blank and the extractor reads no {m['type']} over this span; "
                    f"fill the {key} box of this region in the annotation tool, or the gold line"
                )
            else:
                m[key] = DEFAULTS[key]
        if taken:
            doc.filled.append(f"{where}: {', '.join(taken)} from the extractor")
        mentions[i] = _canonical(m)

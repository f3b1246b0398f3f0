"""Load and validate gold JSONL files (ANNOTATION.md §4).

A gold line is one document: ``doc_id``, ``text_file`` (relative to the
repository root), ``published``, ``region`` and ``mentions``.  Validation
reports every broken record with file, line and reason instead of stopping at
the first, so an annotator can fix a whole file in one go.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, get_args

import yaml

from ..records import EntityType, FigureType, Qualifier, TimeType
from ..rules.schema import UnitEntry, UnitsFile
from .errors import GoldFormatError

# The record types are the contract (ANNOTATION.md §1); gold is checked against the same lists.
FIGURE_TYPES = frozenset(get_args(FigureType))
TIME_TYPES = frozenset(get_args(TimeType))
ENTITY_TYPES = frozenset(get_args(EntityType))
ALL_TYPES = FIGURE_TYPES | TIME_TYPES | ENTITY_TYPES
QUALIFIERS = frozenset(get_args(Qualifier))
DIRECTIONS = frozenset({"up", "down", None})
FAMILIES: dict[str, frozenset[str]] = {"figures": FIGURE_TYPES, "times": TIME_TYPES, "entities": ENTITY_TYPES}


@functools.lru_cache(maxsize=1)
def duration_units() -> frozenset[str]:
    """The canonical duration units (§1.1), read from ``patterns/units/duration.yaml``.

    The canonical forms are the values of that file's unit map, so the gold
    check and the extractor can never disagree on what a duration unit is.
    """
    # One name per step: Traversable.joinpath takes a single argument before Python 3.11.
    src = resources.files("bulletin_extract") / "patterns" / "units" / "duration.yaml"
    spec = UnitsFile.model_validate(yaml.safe_load(src.read_text(encoding="utf-8")))
    return frozenset(u.unit if isinstance(u, UnitEntry) else u for u in spec.units.values())


_DATE_RE = re.compile(
    r"^\d{4}(?:-(?:Q[1-4]|H[12]|(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01])(?:T(?:[01]\d|2[0-4])(?::[0-5]\d)?)?)?))?$"
)


def is_iso_time(value: str) -> bool:
    """True when *value* is a date at one of the §1.2 granularities."""
    if not _DATE_RE.match(value):
        return False
    parts = value.split("T")[0].split("-")
    if len(parts) == 3:
        try:
            datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            return False
    return True


def is_iso_period(value: str) -> bool:
    """True when *value* is ``START/END`` with both ends valid dates."""
    ends = value.split("/")
    return len(ends) == 2 and all(is_iso_time(e) for e in ends)


@dataclass
class GoldProblem:
    """One broken record: where it is and why."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class GoldDocument:
    """One gold document with its text and mentions (plain dicts, as stored)."""

    doc_id: str
    text: str
    published: str | None
    region: str | None
    mentions: list[dict[str, Any]]
    text_file: str = ""
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    """Every key of the gold line except ``mentions``, in the order stored (for exact round trips)."""

    def to_record(self) -> dict[str, Any]:
        """The gold line this document was read from (``meta`` keys, then ``mentions``)."""
        return {**self.meta, "mentions": [dict(m) for m in self.mentions]}


def _span_ok(m: dict[str, Any], size: int) -> bool:
    s, e = m.get("start"), m.get("end")
    # bool is an int subclass; a span of True/False is a typo, not an offset.
    if not (isinstance(s, int) and isinstance(e, int)) or isinstance(s, bool) or isinstance(e, bool):
        return False
    return 0 <= s < e <= size


def _check_mention(m: dict[str, Any], text: str) -> list[str]:
    errs: list[str] = []
    t = m.get("type")
    if t not in ALL_TYPES:
        return [f"unknown type {t!r}"]
    s, e = m.get("start"), m.get("end")
    if not _span_ok(m, len(text)):
        return [f"bad span [{s}, {e}) for a text of {len(text)} characters"]
    if text[s:e] != m.get("text"):
        errs.append(f"text {m.get('text')!r} != document[{s}:{e}] {text[s:e]!r}")
    if t in FIGURE_TYPES:
        v = m.get("value")
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            errs.append(f"figure value must be a number, got {v!r}")
        if not isinstance(m.get("unit"), str):
            errs.append(f"figure unit must be a string, got {m.get('unit')!r}")
        elif t == "percent" and m["unit"] != "%":
            errs.append("percent unit must be '%'")
        elif t == "pp" and m["unit"] != "pp":
            errs.append("pp unit must be 'pp'")
        elif t == "number" and m["unit"] != "":
            errs.append("number unit must be ''")
        elif t == "duration" and m["unit"] not in duration_units():
            errs.append(f"duration unit {m['unit']!r} is not one of {sorted(duration_units())}")
        elif t == "money" and not re.fullmatch(r"[A-Z]{3}", m["unit"]):
            errs.append(f"money unit {m['unit']!r} is not an ISO 4217 code")
        if m.get("qualifier", "exact") not in QUALIFIERS:
            errs.append(f"qualifier {m.get('qualifier')!r} not in {sorted(QUALIFIERS)}")
        if m.get("direction") not in DIRECTIONS:
            errs.append(f"direction {m.get('direction')!r} not up/down/null")
        a = m.get("as_of")
        if a is not None and not (isinstance(a, str) and (is_iso_time(a) or is_iso_period(a))):
            errs.append(f"as_of {a!r} is not an ISO date or period")
    elif t == "date" and not (isinstance(m.get("value"), str) and is_iso_time(m["value"])):
        errs.append(f"date value {m.get('value')!r} is not ISO 8601 at a §1.2 granularity")
    elif t == "period" and not (isinstance(m.get("value"), str) and is_iso_period(m["value"])):
        errs.append(f"period value {m.get('value')!r} is not START/END")
    return errs


def _clashes(mentions: list[tuple[int, dict[str, Any]]]) -> list[str]:
    """Mentions labelled twice: same span, or same type with overlapping spans (§1: one reading per span)."""
    errs: list[str] = []
    ordered = sorted(mentions, key=lambda im: (im[1]["start"], im[1]["end"], im[0]))
    for k, (i, a) in enumerate(ordered):
        for j, b in ordered[k + 1 :]:
            if b["start"] >= a["end"]:
                break
            same_span = (a["start"], a["end"]) == (b["start"], b["end"])
            if not same_span and a["type"] != b["type"]:
                continue
            first, second = (i, a), (j, b)
            if j < i:
                first, second = second, first
            if same_span and a["type"] == b["type"]:
                why = f"duplicates mention #{first[0]}"
            elif same_span:
                why = f"same span as mention #{first[0]} labelled {first[1]['type']!r}: keep one type"
            else:
                why = (
                    f"overlaps {first[1]['type']} mention #{first[0]} {first[1]['text']!r}@{first[1]['start']}: "
                    "keep the longest span"
                )
            errs.append(f"mention #{second[0]} {second[1]['text']!r}@{second[1]['start']}: {why}")
    return errs


def check_record(rec: object, root: Path) -> tuple[GoldDocument | None, list[str]]:
    """Validate one gold line; return the document (if its text loads) and the reasons it is broken."""
    if not isinstance(rec, dict):
        return None, [f"a gold line must be a JSON object, got {type(rec).__name__}"]
    errs: list[str] = []
    for key in ("doc_id", "text_file", "mentions"):
        if key not in rec:
            errs.append(f"missing key {key!r}")
    if errs:
        return None, errs
    text, why = _read_text_file(rec["text_file"], root)
    if text is None:
        return None, [why]
    if not isinstance(rec["mentions"], list):
        return None, [f"mentions must be a list, got {type(rec['mentions']).__name__}"]
    valid: list[tuple[int, dict[str, Any]]] = []
    for i, m in enumerate(rec["mentions"]):
        if not isinstance(m, dict):
            errs.append(f"mention #{i} is not an object")
            continue
        reasons = _check_mention(m, text)
        errs.extend(f"mention #{i} {m.get('text')!r}@{m.get('start')}: {r}" for r in reasons)
        if m.get("type") in ALL_TYPES and _span_ok(m, len(text)):
            valid.append((i, m))
    errs.extend(_clashes(valid))
    doc = GoldDocument(
        doc_id=rec["doc_id"],
        text=text,
        published=rec.get("published"),
        region=rec.get("region"),
        mentions=list(rec["mentions"]),
        text_file=rec["text_file"],
        meta={k: v for k, v in rec.items() if k != "mentions"},
    )
    return doc, errs


def _read_text_file(text_file: object, root: Path) -> tuple[str | None, str]:
    """The text a gold line labels, or None and why not; the file must lie under *root* (links included)."""
    if not isinstance(text_file, str) or not text_file:
        return None, f"text_file must be a path relative to the root, got {text_file!r}"
    path = root / text_file
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError) as exc:  # a link loop, a NUL in the name
        return None, f"cannot read text_file {text_file!r}: {exc}"
    if not inside:
        return None, f"text_file {text_file!r} is outside the root {root}: gold texts must lie under it (see --root)"
    try:
        return path.read_text(encoding="utf-8"), ""
    except OSError as exc:
        return None, f"cannot read text_file {text_file!r}: {exc.strerror}"
    except UnicodeDecodeError as exc:
        return None, f"text_file {text_file!r} is not UTF-8 (byte {exc.start}): gold texts are UTF-8; convert it"


def gold_files(path: Path) -> list[Path]:
    """The gold files under *path*: ``*.jsonl`` directly inside it (subfolders such as iaa/ are separate sets)."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.glob("*.jsonl"))


def iter_gold(path: str | Path, root: str | Path | None = None) -> Iterator[tuple[Path, int, object, str | None]]:
    """Yield ``(file, line_no, record, json_error)`` for every line of every gold file.

    *record* is the line's JSON value, whatever it is (:func:`check_record` says whether it is a record),
    or None with *json_error* set when the line is not JSON.
    """
    for f in _existing_gold_files(Path(path)):
        try:
            with f.open("rb") as fh:
                raw_lines = fh.read().split(b"\n")
        except OSError as exc:
            yield f, 0, None, f"cannot read the gold file: {exc.strerror}"
            continue
        for n, raw in enumerate(raw_lines, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield f, n, None, f"not UTF-8 (byte {exc.start} of the line): gold files are UTF-8; convert the file"
                continue
            if not line.strip():
                continue
            try:
                yield f, n, json.loads(line), None
            except json.JSONDecodeError as exc:
                yield f, n, None, f"invalid JSON: {exc.msg} at column {exc.colno}"


def _existing_gold_files(path: Path) -> list[Path]:
    if not path.exists():
        raise GoldFormatError(f"gold path {path} does not exist: give a gold JSONL file or a folder of them")
    files = gold_files(path)
    if not files:
        raise GoldFormatError(f"{path} holds no *.jsonl gold files (they sit directly in the folder)")
    return files


def check_gold(path: str | Path, root: str | Path | None = None) -> list[GoldProblem]:
    """Every problem in the gold set under *path*; an empty list means it is valid."""
    base = Path(root) if root is not None else _guess_root(Path(path))
    problems: list[GoldProblem] = []
    ids: dict[str, str] = {}
    for f, n, rec, jerr in iter_gold(path):
        if jerr:
            problems.append(GoldProblem(str(f), n, jerr))
            continue
        _, errs = check_record(rec, base)
        problems.extend(GoldProblem(str(f), n, e) for e in errs)
        did = rec.get("doc_id") if isinstance(rec, dict) else None
        if isinstance(did, str):
            if did in ids:
                problems.append(GoldProblem(str(f), n, f"doc_id {did!r} already labelled in {ids[did]}"))
            ids[did] = f"{f}:{n}"
    return problems


def load_gold(path: str | Path, root: str | Path | None = None) -> list[GoldDocument]:
    """Load a valid gold set; raise :class:`GoldFormatError` (a ValueError) listing the problems otherwise."""
    problems = check_gold(path, root)
    if problems:
        shown = "\n".join(str(p) for p in problems[:20])
        raise GoldFormatError(
            f"gold set {path} has {len(problems)} problem(s); run 'bulletin-extract gold check {path}' for all:\n{shown}"
        )
    base = Path(root) if root is not None else _guess_root(Path(path))
    docs = []
    for _f, _n, rec, _ in iter_gold(path):
        doc, _ = check_record(rec, base)
        assert doc is not None
        docs.append(doc)
    return docs


def _guess_root(path: Path) -> Path:
    """The repository root: the nearest parent holding a ``corpus/`` folder (text_file is relative to it)."""
    p = path.resolve()
    for cand in [p, *p.parents]:
        if (cand / "corpus").is_dir():
            return cand
    return Path.cwd()


if __name__ == "__main__":  # pragma: no cover - a convenience for annotators
    import sys

    probs = check_gold(sys.argv[1] if len(sys.argv) > 1 else "gold")
    for p in probs:
        print(p)
    print(f"{len(probs)} problem(s)")
    raise SystemExit(1 if probs else 0)

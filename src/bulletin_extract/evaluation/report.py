"""The evaluation :class:`Report` (a pydantic model, so it serialises to JSON) and its text and Markdown views."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .errorlist import ErrorItem
from .metrics import AttributeScore, DocumentScore, Score, Scores

Format = Literal["text", "json", "markdown", "html"]
FORMATS: tuple[Format, ...] = ("text", "json", "markdown", "html")
DEFAULT_ERRORS_PER_TYPE = 10


class Coverage(BaseModel):
    """Which gold documents were scored: only those the predictions cover."""

    model_config = ConfigDict(frozen=True)

    gold_documents: int
    scored: list[str]
    not_predicted: list[str]
    unknown: list[str]


class Report(BaseModel):
    """Everything one evaluation measured (ANNOTATION.md §5), plus the error list."""

    model_config = ConfigDict(frozen=True)

    gold: str
    predictions: str
    types: list[str] | None
    coverage: Coverage
    notes: list[str]
    strict: Scores
    detection: Scores
    attributes: dict[str, AttributeScore]
    errors: list[ErrorItem]
    indicators: dict[str, AttributeScore] = Field(default_factory=dict)
    documents: list[DocumentScore] = Field(default_factory=list)

    def render(self, fmt: Format = "text", errors_per_type: int | None = None) -> str:
        """The report as ``text``, ``json``, ``markdown`` or ``html``.

        *errors_per_type* caps the errors listed for each type (default: 10 in
        text and Markdown, all in JSON and HTML; 0 lists none).
        """
        return _RENDERERS[fmt](self, errors_per_type)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _rows(r: Report) -> list[tuple[str, Score, Score]]:
    rows = [(t, s, r.detection.per_type.get(t, s)) for t, s in r.strict.per_type.items()]
    rows += [(f"all {f}", s, r.detection.per_family[f]) for f, s in r.strict.per_family.items()]
    rows.append(("all (micro)", r.strict.micro, r.detection.micro))
    return rows


def header_lines(r: Report) -> list[str]:
    c = r.coverage
    lines = [
        f"gold: {r.gold}",
        f"predictions: {r.predictions}",
        f"documents scored: {len(c.scored)} of {c.gold_documents} gold documents",
    ]
    if c.not_predicted:
        lines.append(f"left out (no predictions): {', '.join(c.not_predicted)}")
    if c.unknown:
        # A batch over a whole corpus names hundreds of documents the gold set does not have.
        more = f" and {len(c.unknown) - 10} more" if len(c.unknown) > 10 else ""
        lines.append(f"ignored (not in gold): {', '.join(c.unknown[:10])}{more}")
    if r.types:
        lines.append(f"types: {', '.join(r.types)}")
    lines += [f"note: {n}" for n in r.notes]
    return lines


def _attribute_line(r: Report) -> str:
    total = next(iter(r.attributes.values())).total if r.attributes else 0
    parts = [f"{name} {_pct(a.accuracy)} ({a.correct}/{a.total})" for name, a in r.attributes.items()]
    return f"figure attributes on {total} matched figures: " + ", ".join(parts)


def _indicator_lines(r: Report) -> list[str]:
    i = r.indicators
    if "indicator" not in i:
        return []
    parts = [f"{n} {_pct(a.accuracy)} ({a.correct}/{a.total})" for n, a in i.items() if n != "null"]
    null = (
        f"; no indicator where gold has none {_pct(i['null'].accuracy)} ({i['null'].correct}/{i['null'].total})"
        if "null" in i
        else ""
    )
    return [f"indicators on {i['indicator'].total} matched figures whose gold names one: " + ", ".join(parts) + null]


def _limited(r: Report, per_type: int | None) -> list[tuple[str, list[ErrorItem], int, int]]:
    groups = []
    for t, items in groupby(r.errors, key=lambda e: e.type):
        errs = list(items)
        fn = sum(e.kind == "false_negative" for e in errs)
        groups.append((t, errs if per_type is None else errs[:per_type], fn, len(errs) - fn))
    return groups


def _flat(s: str) -> str:
    # Line breaks would break the one-line layout; a visible mark keeps sentence ends (which matter for as_of) readable.
    return s.replace("\r", "").replace("\n", "\u21b5").replace("\t", " ")


def _error_text(e: ErrorItem) -> str:
    tag = "FN" if e.kind == "false_negative" else "FP"
    val = " ".join(str(x) for x in (e.value, e.unit) if x not in (None, ""))
    extra = (f"  rule={e.rule}" if e.rule else "") + (f"  vs {e.counterpart}" if e.counterpart else "")
    context = f"...{_flat(e.left)}[{_flat(e.text)}]{_flat(e.right)}..."
    return f"  {tag} {e.doc_id} [{e.start}:{e.end}] {e.text!r} {val}\n       {context}{extra}"


def render_text(r: Report, per_type: int | None = None) -> str:
    """A plain-text report: header, score table, attribute accuracy and errors grouped by type."""
    per_type = DEFAULT_ERRORS_PER_TYPE if per_type is None else per_type
    out = [*header_lines(r), ""]
    out.append(f"{'':14}{'gold':>6}{'pred':>6}  {'match P':>8}{'R':>7}{'F1':>7}  {'detect P':>9}{'R':>7}{'F1':>7}")
    for name, s, d in _rows(r):
        out.append(
            f"{name:14}{s.gold:>6}{s.predicted:>6}  {_pct(s.precision):>8}{_pct(s.recall):>7}{_pct(s.f1):>7}"
            f"  {_pct(d.precision):>9}{_pct(d.recall):>7}{_pct(d.f1):>7}"
        )
    out += [
        "",
        _attribute_line(r),
        *_indicator_lines(r),
        "",
        f"errors: {len(r.errors)} (at most {per_type} listed per type)",
    ]
    for t, errs, fn, fp in _limited(r, per_type):
        out.append(f"== {t}: {fn} missed, {fp} spurious ==")
        out += [_error_text(e) for e in errs]
    return "\n".join(out) + "\n"


def _md(s: str) -> str:
    return _flat(s).replace("|", "\\|").replace("`", "'")


def render_markdown(r: Report, per_type: int | None = None) -> str:
    """A Markdown report (tables), suitable for a README or a pull request."""
    per_type = DEFAULT_ERRORS_PER_TYPE if per_type is None else per_type
    out = ["## Evaluation", ""] + [f"- {_md(line)}" for line in header_lines(r)] + [""]
    out += [
        "| type | gold | pred | P | R | F1 | detection P | detection R | detection F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s, d in _rows(r):
        bold = "**" if name == "all (micro)" else ""
        out.append(
            f"| {bold}{name}{bold} | {s.gold} | {s.predicted} | {_pct(s.precision)} | {_pct(s.recall)} | {_pct(s.f1)} "
            f"| {_pct(d.precision)} | {_pct(d.recall)} | {_pct(d.f1)} |"
        )
    out += ["", "| figure attribute | accuracy | right / matched |", "|---|---:|---:|"]
    out += [f"| {n} | {_pct(a.accuracy)} | {a.correct} / {a.total} |" for n, a in r.attributes.items()]
    out += [f"| indicator: {n} | {_pct(a.accuracy)} | {a.correct} / {a.total} |" for n, a in r.indicators.items()]
    out += ["", f"### Errors ({len(r.errors)}; at most {per_type} listed per type)"]
    for t, errs, fn, fp in _limited(r, per_type):
        out += ["", f"#### {t}: {fn} missed, {fp} spurious"]
        if errs:
            out += [
                "",
                "| | doc | span | text | value | context | rule / counterpart |",
                "|---|---|---|---|---|---|---|",
            ]
        for e in errs:
            val = " ".join(str(x) for x in (e.value, e.unit) if x not in (None, ""))
            why = "; ".join(x for x in (e.rule, e.counterpart and f"vs {e.counterpart}") if x)
            out.append(
                f"| {'FN' if e.kind == 'false_negative' else 'FP'} | {_md(e.doc_id)} | {e.start}:{e.end} | {_md(e.text)} "
                f"| {_md(val)} | …{_md(e.left)}**{_md(e.text)}**{_md(e.right)}… | {_md(why)} |"
            )
    return "\n".join(out) + "\n"


def render_json(r: Report, per_type: int | None = None) -> str:
    """The report as indented JSON (all errors unless *per_type* caps them)."""
    if per_type is not None:
        kept = [e for _, errs, _, _ in _limited(r, per_type) for e in errs]
        r = r.model_copy(update={"errors": kept})
    return r.model_dump_json(indent=2) + "\n"


def render_html(r: Report, per_type: int | None = None) -> str:
    """One offline HTML page: scores, charts, per-document scores and the filterable error list (all errors
    unless *per_type* caps them)."""
    from ..views.report import report_html

    return report_html(r, per_type)


_RENDERERS: dict[str, Callable[[Report, int | None], str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "html": render_html,
}

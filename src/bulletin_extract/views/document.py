"""The document view: the text with every mention marked, a side table of their attributes, the checks.

Used by ``bulletin-extract show --html`` and by ``Document._repr_html_`` in notebooks.  Attributes a record
does not have (``indicator`` on records made before it existed) are read with a default, so the view draws
any version of the records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, get_args

from ..records import Check, Document, Entity, EntityType, Figure, FigureType, TimeMention, TimeType
from .marks import Span, marked_text
from .page import esc, fill, template

FAMILY = {"figure": Figure, "time": TimeMention, "entity": Entity}
TYPE_ORDER: tuple[str, ...] = (*get_args(FigureType), *get_args(TimeType), *get_args(EntityType))
# Attributes shown for every figure, then the ones a newer record may carry, shown when any mention has one.
ATTRIBUTES = ("value", "unit", "qualifier", "direction", "subject", "as_of", "region")
OPTIONAL = ("indicator", "measure", "scope")


def _shown(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, (tuple, list)):
        return ", ".join(str(x) for x in v)
    return str(v)


def _family(m: object) -> str:
    return next((name for name, cls in FAMILY.items() if isinstance(m, cls)), "entity")


def attributes(m: Any, optional: Sequence[str]) -> dict[str, str]:
    """The attributes of mention *m* the view shows, by name, as text ('' when unset)."""
    out = {name: _shown(getattr(m, name, None)) for name in ATTRIBUTES}
    out.update({name: _shown(getattr(m, name, None)) for name in optional})
    return out


def label(m: Any) -> str:
    """The short label of a mention: its type, value and unit (``percent 84.1 %``)."""
    parts = [m.type, _shown(getattr(m, "value", None)), _shown(getattr(m, "unit", None))]
    return " ".join(p for p in parts if p)


def _tip(m: Any, attrs: dict[str, str]) -> str:
    lines = [f"{label(m)}  \u00ab{m.text}\u00bb", *(f"{k}: {v}" for k, v in attrs.items() if v and k != "value")]
    if m.rule:
        lines.append(f"rule: {m.rule}")
    lines.append(f"span: [{m.start}, {m.end})")
    return "\n".join(lines)


def _status(c: Check) -> str:
    # Checks written before `status` existed say only whether they hold.
    return str(getattr(c, "status", None) or ("holds" if c.holds else "fails"))


def _failing(checks: Sequence[Check]) -> set[int]:
    return {start for c in checks if _status(c) == "fails" for start in c.mentions}


def _optional_in(mentions: Sequence[Any]) -> list[str]:
    # compared_to is rare: a column of blanks would only push the others out of sight.
    names = ("compared_to", *OPTIONAL)
    return [name for name in names if any(getattr(m, name, None) is not None for m in mentions)]


def _row(i: int, m: Any, attrs: dict[str, str]) -> str:
    cells = [
        f'<td class="num"><a href="#m{i}">{i}</a></td>',
        f'<td><span class="swatch t-{esc(m.type)}"></span> {esc(m.type)}</td>',
        f'<td class="a-text">{esc(m.text)}</td>',
        *(f'<td class="a-{esc(k)}">{esc(v)}</td>' for k, v in attrs.items()),
        f"<td>{esc(m.rule)}</td>",
        f'<td class="num">{m.start}\u2013{m.end}</td>',
    ]
    return f'<tr id="r{i}" data-m="{i}" data-type="{esc(m.type)}">{"".join(cells)}</tr>'


def _legend(mentions: Sequence[Any]) -> str:
    counts = Counter(m.type for m in mentions)
    items = []
    for t in TYPE_ORDER:
        items.append(f'<li><span class="swatch t-{t}"></span>{t} <span class="meta">{counts.get(t, 0)}</span></li>')
    items.append('<li><span class="swatch" style="outline:2px solid #cf222e"></span>in a failing check</li>')
    return "".join(items)


_VERDICTS = {
    "holds": '<span class="ok">holds</span>',
    "fails": '<span class="fail">does not hold</span>',
    "not_applicable": '<span class="meta">not applicable</span>',
}


def _check_links(c: Check, index: dict[int, tuple[int, Any]]) -> list[str]:
    """A link to each figure the check used, with its role when the check names one."""
    terms = getattr(c, "figures", ()) or ()
    roles = {t.start: t.role for t in terms}
    starts = [t.start for t in terms] or list(c.mentions)
    links = []
    for start in starts:
        role = f"{esc(roles[start])} " if start in roles else ""
        if start in index:
            i, m = index[start]
            links.append(f'{role}<a href="#m{i}">#{i} {esc(m.text)}</a>')
        else:
            links.append(f"{role}@{start}")
    return links


def _checks(checks: Sequence[Check], index: dict[int, tuple[int, Any]]) -> str:
    if not checks:
        return '<p class="meta">No arithmetic relation found between the figures.</p>'
    items = []
    for c in checks:
        status = _status(c)
        verdict = _VERDICTS.get(status, esc(status))
        rule = getattr(c, "rule", None)
        rule_note = f' <span class="meta">({esc(rule)})</span>' if rule else ""
        items.append(
            f'<li data-kind="{esc(c.kind)}" data-status="{esc(status)}"><b>{esc(c.kind)}</b>{rule_note} {verdict}: '
            f'{esc(c.explanation)} <span class="meta">figures: {", ".join(_check_links(c, index))}</span></li>'
        )
    return f'<ol class="checks">{"".join(items)}</ol>'


def _derived(doc: Document) -> str:
    """Counts the document implies without writing them (case-ID lists added up), if the records carry any."""
    derived = list(getattr(doc, "derived", None) or [])
    if not derived:
        return ""
    head = "".join(f"<th>{h}</th>" for h in ("text", "value", "unit", "indicator", "scope", "region", "as_of", "span"))
    rows = "".join(
        f'<tr><td>{esc(d.text)}</td><td class="num">{esc(d.value)}</td><td>{esc(d.unit)}</td>'
        f"<td>{esc(d.indicator)}</td><td>{esc(d.scope)}</td><td>{esc(d.region)}</td><td>{esc(d.as_of)}</td>"
        f'<td class="num">{d.start}\u2013{d.end}</td></tr>'
        for d in derived
    )
    return f'<h2>Derived counts</h2><table id="derived"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _meta(doc: Document, mentions: Sequence[Any], text: str | None) -> str:
    fam = Counter(_family(m) for m in mentions)
    failed = sum(_status(c) == "fails" for c in doc.checks)
    parts = [
        f"published {esc(doc.published or '?')}",
        f"region {esc(doc.region or '?')}",
        f"{len(mentions)} mentions ({fam['figure']} figures, {fam['time']} times, {fam['entity']} entities)",
        f"{len(doc.checks)} checks ({failed} failing)",
    ]
    if text is None:
        parts.append("the source text was not kept with this document: mentions are listed without it")
    return " \u00b7 ".join(parts)


def document_html(doc: Document, text: str | None, title: str | None = None) -> str:
    """The self-contained page of *doc* over *text* (its source; None lists the mentions without it)."""
    from .. import __version__

    mentions = list(doc.mentions)
    optional = _optional_in(mentions)
    failing = _failing(doc.checks)
    spans, rows = [], []
    index: dict[int, tuple[int, Any]] = {}
    for i, m in enumerate(mentions):
        attrs = attributes(m, optional) if isinstance(m, Figure) else {k: "" for k in (*ATTRIBUTES, *optional)}
        if isinstance(m, TimeMention):
            attrs["value"] = m.value
        bad = " fails" if isinstance(m, Figure) and m.start in failing else ""
        spans.append(Span(i, m.start, m.end, f"m t-{m.type}{bad}", _tip(m, attrs)))
        rows.append(_row(i, m, attrs))
        if isinstance(m, Figure):
            index.setdefault(m.start, (i, m))
    head = ["#", "type", "text", *ATTRIBUTES, *optional, "rule", "span"]
    name = title or doc.doc_id or "document"
    return fill(
        "document.html",
        version=esc(__version__),
        title=esc(name),
        css=template("base.css") + template("document.css"),
        meta=_meta(doc, mentions, text),
        legend=_legend(mentions),
        text=marked_text(text, spans) if text is not None else "",
        head="".join(f"<th>{esc(h)}</th>" for h in head),
        rows="".join(rows),
        checks=_checks(doc.checks, index) + _derived(doc),
        js=template("document.js"),
    )

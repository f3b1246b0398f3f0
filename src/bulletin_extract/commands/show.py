"""``bulletin-extract show FILE --html out.html``: a document's figures, times and entities, drawn by displaCy."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from ..api import extract_document
from ..errors import DocumentReadError
from ..records import Entity, Figure, TimeMention

log = logging.getLogger("bulletin_extract")

# One colour per family so a reader sees at a glance what kind of mention a label is.
_COLOURS = {
    "figure": "#7aecec",
    "time": "#feca74",
    "PER": "#aa9cfc",
    "ORG": "#bfeeb7",
    "LOC": "#ff9561",
    "DOC": "#e4e7d2",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "show",
        help="render a document's mentions as self-contained HTML (displaCy)",
        description="Extract FILE and draw every figure, time and entity over its text with spaCy's displaCy; "
        "each label shows the type and normalised value. Writes one self-contained HTML page. FILE is read as "
        "'bulletin-extract batch' reads it (any supported encoding, HTML, JSON with one record, PDF, Word .docx), "
        "and the page shows the text the reader produced, which mention offsets index.",
    )
    p.add_argument("file", metavar="FILE", help="a document: .txt .html .htm .json .jsonl .pdf .docx")
    p.add_argument("--html", metavar="OUT", help="write the page here (default: standard output)")
    p.add_argument("--published", help="publication date (YYYY-MM-DD); detected from the text when omitted")
    p.add_argument("--region", help="the document's region; detected from the text when omitted")
    p.add_argument("--no-entities", action="store_true", help="figures and times only")
    p.add_argument("--patterns", action="append", default=[], metavar="PATH", help="extra pattern file or folder")
    p.set_defaults(func=run)


def _label(m: Figure | TimeMention | Entity) -> tuple[str, str]:
    """(label shown, colour family) of a mention."""
    if isinstance(m, Figure):
        unit = f" {m.unit}" if m.unit else ""
        return f"{m.type} {m.value}{unit}", "figure"
    if isinstance(m, TimeMention):
        return f"{m.type} {m.value}", "time"
    return m.type, m.type


def render(text: str, mentions: list[Any], title: str) -> str:
    """The displaCy page (``style="ent"``, manual) of *text* with *mentions*; overlapping mentions keep the first."""
    from spacy import displacy

    ents: list[dict[str, Any]] = []
    colours: dict[str, str] = {}
    last_end = 0
    for m in sorted(mentions, key=lambda x: (x.start, -x.end)):
        if m.start < last_end:
            continue
        label, family = _label(m)
        colours[label] = _COLOURS[family]
        ents.append({"start": m.start, "end": m.end, "label": label})
        last_end = m.end
    data = {"text": text, "ents": ents, "title": title, "settings": {"lang": "zh", "direction": "ltr"}}
    return str(displacy.render(data, style="ent", manual=True, page=True, minify=True, options={"colors": colours}))


def _read(name: str) -> tuple[str, str | None, str | None]:
    """(text, published, region) of the one document in *name*; :class:`DocumentReadError` if there is not one."""
    from ..io.readers import read_path

    docs = read_path(Path(name), rel=name)
    if len(docs) != 1:
        raise DocumentReadError(
            f"{name} holds {len(docs)} documents (JSON records) and show draws one: "
            "split the file, or use 'bulletin-extract extract' for all of them"
        )
    [src] = docs
    if src.error:
        raise DocumentReadError(src.error)
    if src.warning:
        log.warning("%s: %s", name, src.warning)
    return src.text, src.published, src.region


def run(args: argparse.Namespace) -> int:
    text, published, region = _read(args.file)
    doc = extract_document(
        text,
        published=published or args.published,
        region=region or args.region,
        entities=not args.no_entities,
        patterns=args.patterns,
        doc_id=args.file,
    )
    title = f"{Path(args.file).name} — published {doc.published or '?'}, region {doc.region or '?'}, {len(doc.mentions)} mentions"
    page = render(text, list(doc.mentions), title)
    if args.html:
        Path(args.html).write_text(page, encoding="utf-8")
        print(f"wrote {args.html} ({len(doc.mentions)} mentions)", file=sys.stderr)
    else:
        sys.stdout.write(page)
    return 0

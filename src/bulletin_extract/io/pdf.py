"""The text layer of a PDF, in reading order, with ruled tables as tab-separated rows.

pdfplumber (on pdfminer.six) reads the text, not pypdf.  Both give the same text for PDFs whose
producer writes each line in order (LibreOffice, Word, Chromium, reportlab paragraphs), but pypdf
follows the order of the content stream: on a PDF that places every glyph on its own and draws the
lines bottom-up (as many print drivers and converters do) it gave one character per line, lines in
reverse order, while pdfplumber, which orders characters by their position on the page, gave the
text as printed.  pdfplumber also finds ruled tables, which pypdf cannot.  It is slower on simple
files (9x on reportlab's, on par on LibreOffice's: ``benchmarks/bench_readers.py --compare``); the
reading order decides which figures are found, so accuracy wins.

The text of a page is built from pdfplumber's lines:

* characters closer than half a character (``x_tolerance_ratio``) join without a space, so
  letter-spaced and justified Chinese lines do not come out as ``2 8 7 6 . 4``;
* characters drawn twice at the same place (a fake bold) count once;
* a line that reaches the right margin of the page's text and is followed by a line that is not
  indented continues the same paragraph: the two are joined, so a figure wrapped as ``2876.4`` /
  ``亿元`` reads ``2876.4亿元`` again (only dense lines join, never a row of a borderless table);
* a ruled table whose every character falls in a cell becomes one tab-separated line per row, at
  its place in the reading order; any other table is left as the text layer gives it;
* a page number alone on the first or last line of a page (``- 3 -``, ``第3页``) is dropped.

Pages are separated by a form feed on a line of its own (:data:`PAGE_BREAK`), so
``text.split(PAGE_BREAK)[n]`` is page ``n + 1``; a sentence that runs across a page break goes on across it
(the document model reads such a break as a wrap, ``document/layout.py``).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..document.layout import PAGE_BREAK
from ..errors import DocumentReadError
from .glyphs import replace_unmapped, unify_dashes
from .reading import reading_rules
from .text import cell_text, glue, row_line

if TYPE_CHECKING:
    from pdfplumber.page import Page

MIN_CHARS_PER_PAGE = 10
"""Fewer characters than this per page on average: the PDF has no text layer (a scan)."""

_X_TOLERANCE_RATIO = 0.5
# A line of prose is nearly all ink; a row of a borderless table is mostly gaps.  Only prose lines reflow.
_MIN_FILL = 0.8
# How far a line may end short of the right margin, and start right of the left one, in character sizes.
_WRAP_SLACK, _INDENT = 1.5, 0.8
_MAX_UNMAPPED_SHARE = 0.5


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF, its page count, glyphs that had no character (now U+FFFD) and a warning."""

    text: str
    pages: int
    replacements: int = 0
    warning: str | None = None


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    fill: float

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class _Page:
    text: str = ""
    chars: int = 0
    images: int = 0
    error: str | None = None


def read_pdf(data: bytes) -> PdfText:
    """The text layer of the PDF *data*; :class:`DocumentReadError` when it has none or cannot be read."""
    if b"%PDF-" not in data[:1024]:
        looks = (
            "an HTML page (a failed download?)"
            if re.search(rb"<(?:!doctype|html)", data[:1024], re.I)
            else "something else"
        )
        raise DocumentReadError(f"not a PDF: the file does not start with %PDF- and looks like {looks}")
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    _quiet_pdfminer()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_read_page(page) for page in pdf.pages]
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise DocumentReadError("the PDF is protected by a password: save an unprotected copy first") from exc
        raise DocumentReadError(f"not a readable PDF ({type(cause).__name__}: {cause}): re-save or repair it") from exc
    return _assemble(pages)


def _assemble(pages: Sequence[_Page]) -> PdfText:
    if not pages:
        raise DocumentReadError("the PDF has no pages")
    if all(p.error for p in pages):
        raise DocumentReadError(
            f"not a readable PDF: no page could be read (page 1 {pages[0].error}): re-save or repair it"
        )
    visible = sum(p.chars for p in pages)
    if visible < MIN_CHARS_PER_PAGE * len(pages):
        raise DocumentReadError(
            f"no text layer: OCR it first ({len(pages)} page(s), {visible} character(s) of text; scanned pages are images)"
        )
    text, unmapped = replace_unmapped(PAGE_BREAK.join(p.text for p in pages))
    if unmapped > _MAX_UNMAPPED_SHARE * visible:
        raise DocumentReadError(
            f"no usable text layer: {unmapped} of {visible} glyphs map to no character (a font without a ToUnicode map): "
            "OCR it first"
        )
    notes = []
    scanned = [str(n) for n, p in enumerate(pages, start=1) if p.chars < MIN_CHARS_PER_PAGE and p.images]
    if scanned:
        notes.append(f"page(s) {', '.join(scanned)} have no text layer, only images: OCR them for their text")
    notes += [f"page {n}: {p.error}" for n, p in enumerate(pages, start=1) if p.error]
    if unmapped:
        notes.append(f"{unmapped} glyph(s) without a Unicode mapping replaced with U+FFFD")
    # Radical forms (⻓ for 长) stay as the text layer has them: the fold reads them one for one.
    return PdfText(unify_dashes(text), len(pages), unmapped, "; ".join(notes) or None)


def _quiet_pdfminer() -> None:
    # pdfminer logs a warning for every font it repairs by itself ("Could not get FontBBox ..."): hundreds
    # of lines per file that say nothing about the text.  A level the application set is left alone.
    logger = logging.getLogger("pdfminer")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.ERROR)


def _read_page(page: Page) -> _Page:
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    try:
        out = _Page(chars=sum(1 for c in page.chars if c["text"].strip()), images=len(page.images))
        out.text = "\n".join(_page_lines(page))
        return out
    except (PdfminerException, MalformedPDFException, PSException) as exc:
        # One broken page costs that page, recorded in the warning, not the document.
        return _Page(error=f"could not be read ({type(exc).__name__}: {exc})")
    finally:
        page.close()  # pdfplumber caches every object of a page; a 500-page report would stay in memory


def _page_lines(page: Page) -> list[str]:
    dup = _fake_bold(page.chars)
    clean = page.filter(lambda o: id(o) not in dup) if dup else page
    tables = _tables(clean)
    boxes = [bbox for bbox, _ in tables]
    body = (
        clean.filter(lambda o: o.get("object_type") != "char" or not any(_inside(o, b) for b in boxes))
        if boxes
        else clean
    )
    lines = [_line(d) for d in body.extract_text_lines(return_chars=True, x_tolerance_ratio=_X_TOLERANCE_RATIO)]
    lines = [ln for ln in lines if ln.text]
    if lines and _is_page_number(lines[-1].text, page.page_number):
        lines.pop()
    if lines and _is_page_number(lines[0].text, page.page_number):
        lines.pop(0)
    items: list[tuple[float, _Line | list[str]]] = [(ln.top, ln) for ln in lines]
    items += [(bbox[1], rows) for bbox, rows in tables]
    items.sort(key=lambda t: t[0])
    margins = (min((ln.x0 for ln in lines), default=0.0), max((ln.x1 for ln in lines), default=0.0))
    reflow = sum(ln.x1 >= margins[1] - _WRAP_SLACK * ln.size for ln in lines) >= 2
    out: list[str] = []
    run: list[_Line] = []
    for _, item in items:
        if isinstance(item, _Line):
            run.append(item)
            continue
        out += _reflow(run, margins) if reflow else [ln.text for ln in run]
        out += item
        run = []
    out += _reflow(run, margins) if reflow else [ln.text for ln in run]
    return out


def _fake_bold(chars: Sequence[dict[str, Any]]) -> set[int]:
    """The ids of characters drawn again within about 1 pt of the same character: a bold faked by overprinting.

    pdfplumber's own ``dedupe_chars`` does the same in quadratic time (a fifth of the reading time of a page).
    """
    seen: set[tuple[str, int, int]] = set()
    dup: set[int] = set()
    for c in chars:
        text, x, y = c["text"], round(c["x0"]), round(c["top"])
        if any((text, x + dx, y + dy) in seen for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            dup.add(id(c))
        else:
            seen.add((text, x, y))
    return dup


def _is_page_number(text: str, number: int) -> bool:
    # A bare number only counts when it is the page's own number: "33" alone on a last line is as often
    # the end of a wrapped sentence.
    return bool(reading_rules().page_number.fullmatch(text)) or text == str(number)


def _line(d: dict[str, Any]) -> _Line:
    x0, x1 = float(d["x0"]), float(d["x1"])
    ink = sum(float(c["x1"]) - float(c["x0"]) for c in d.get("chars", ()) if c["text"].strip())
    return _Line(
        text=d["text"].strip(),
        x0=x0,
        x1=x1,
        top=float(d["top"]),
        bottom=float(d["bottom"]),
        fill=ink / (x1 - x0) if x1 > x0 else 1.0,
    )


def _reflow(lines: Sequence[_Line], margins: tuple[float, float]) -> list[str]:
    """Lines of text joined into paragraphs: a wrapped line and its continuation become one line."""
    left, right = margins
    out: list[str] = []
    for prev, cur in zip([None, *lines], lines, strict=False):  # prev runs one behind
        wrapped = (
            prev is not None
            and prev.x1 >= right - _WRAP_SLACK * prev.size
            and cur.x0 <= left + _INDENT * cur.size
            and min(prev.fill, cur.fill) >= _MIN_FILL
            and 0 <= cur.top - prev.bottom <= prev.size
        )
        if wrapped:
            out[-1] += glue(out[-1], cur.text)
        else:
            out.append(cur.text)
    return out


def _inside(obj: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    # The test pdfplumber's Table.extract uses to put a character in a cell: its midpoint.
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return bool(bbox[0] <= x < bbox[2] and bbox[1] <= y < bbox[3])


def _tables(page: Page) -> list[tuple[tuple[float, float, float, float], list[str]]]:
    """The ruled tables of *page* that can be read reliably: their box and their rows as tab-separated lines."""
    out: list[tuple[tuple[float, float, float, float], list[str]]] = []
    for table in page.find_tables():
        cells = table.extract(x_tolerance_ratio=_X_TOLERANCE_RATIO)
        # A merged cell is None in every position but its first: an empty cell, so columns stay aligned.
        rows = [row for row in (row_line([cell_text(c) for c in r]) for r in cells) if row]
        if len(rows) < 2 or not any("\t" in row for row in rows):
            continue  # a frame round a paragraph or a one-column box: its text reads better as text
        inked = sum(1 for c in page.chars if c["text"].strip() and _inside(c, table.bbox))
        kept = sum(len(re.sub(r"\s", "", cell or "")) for r in cells for cell in r)
        if kept < inked:
            continue  # characters that fell in no cell would be lost: leave the region as text
        x0, top, x1, bottom = (float(v) for v in table.bbox)
        out.append(((x0, top, x1, bottom), rows))
    return out

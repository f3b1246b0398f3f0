"""The text of a Word ``.docx`` file: paragraphs and tables in the order of the document body.

Read with python-docx.  Each paragraph is a line (a manual line break inside it stays a line break,
a tab stays a tab); each table row is a tab-separated line (``bulletin_extract.io.text``).  A cell
merged across columns (``gridSpan``) gives its text once and empty cells for the columns it covers;
a cell continuing a vertical merge (``vMerge``) is empty, so a merged cell is never repeated and
the columns stay aligned.  A table nested in a cell adds its text to that cell.  Page headers and
footers, footnotes, comments, text boxes and the numbers of automatic numbering (``一、`` put there by
a list style, not typed) are not part of the body text and are not read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import DocumentReadError
from .text import join_lines, row_line

if TYPE_CHECKING:
    from docx.oxml.table import CT_Row
    from docx.table import Table, _Cell

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 (.doc), Excel .xls, WPS .wps


def read_docx(data: bytes) -> str:
    """The body text of the ``.docx`` file *data*; :class:`DocumentReadError` when it is not one."""
    if data.startswith(_OLE_MAGIC):
        raise DocumentReadError(
            "a Word 97-2003 (.doc) or WPS file, not a .docx: open it in Word, WPS or LibreOffice and save it as .docx "
            "(or: soffice --headless --convert-to docx FILE)"
        )
    if not data.startswith(_ZIP_MAGIC):
        raise DocumentReadError("not a .docx file: a .docx is a ZIP archive, and this file does not start like one")
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        # KeyError: a ZIP without word/document.xml (an .xlsx or .pptx renamed); ValueError: not a Word main part.
        raise DocumentReadError(
            f"not a readable .docx ({type(exc).__name__}: {exc}): open and re-save it in Word"
        ) from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += (row for row in _rows(block) if row)
        else:
            lines += (line.strip() for line in block.text.split("\n") if line.strip())
    return "\n".join(lines)


def _rows(table: Table) -> Iterator[str]:
    """The rows of *table* as tab-separated lines, merged cells given once."""
    from docx.table import _Cell

    for tr in table._tbl.tr_lst:
        texts = [""] * _grid_before(tr)
        for tc in tr.tc_lst:
            continued = tc.vMerge == "continue"
            texts.append("" if continued else _cell_text(_Cell(tc, table)))
            texts += [""] * (tc.grid_span - 1)
        yield row_line(texts)


def _grid_before(tr: CT_Row) -> int:
    # Grid columns left empty before the first cell of a row (w:gridBefore): empty cells keep the columns aligned.
    return int(tr.grid_before or 0)


def _cell_text(cell: _Cell) -> str:
    from docx.table import Table

    parts: list[str] = []
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            parts += (" ".join(row.split("\t")) for row in _rows(block))
        else:
            parts.append(block.text)
    return join_lines(parts)

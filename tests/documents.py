"""Small PDF and Word files for the reader tests, built on the spot with reportlab and python-docx.

reportlab's ``STSong-Light`` is a CID font every PDF viewer knows (Adobe-GB1), so Chinese PDFs need
no font file.  The communiqué table is the layout of the statistical communiqués in the corpus.
"""

from __future__ import annotations

from pathlib import Path

COMMUNIQUE_TABLE = [
    ["指标", "绝对值（亿元）", "比上年增长（%）"],
    ["地区生产总值", "2876.4", "7.2"],
    ["第一产业", "215.3", "4.1"],
    ["第二产业", "1034.6", "6.8"],
]
FONT = "STSong-Light"
# A paragraph typeset in justified lines: the first line ends inside the figure "2876.4亿元",
# the way a PDF of a communiqué often breaks a number from its unit.
WRAPPED = [
    "2023年，全市实现地区生产总值（GDP）2876.4",
    "亿元，按可比价格计算，比上年增长7.2%。其中",
    "第一产业增加值215.3亿元，增长4.1%。",
]
NEXT_PARAGRAPH = "城镇新增就业12.6万人。"


def _font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def wrapped_paragraph_pdf(path: Path, *, page_number: str | None = "- 1 -", second_page: str | None = None) -> Path:
    """A page with :data:`WRAPPED` justified to one right margin, then an indented paragraph."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    _font()
    size, left, y = 12.0, 72.0, 760.0
    width = max(pdfmetrics.stringWidth(line, FONT, size) for line in WRAPPED) + 4
    c = canvas.Canvas(str(path))
    for i, line in enumerate(WRAPPED):
        t = c.beginText(left, y)
        t.setFont(FONT, size)
        if i < len(WRAPPED) - 1:  # every line but the last is justified: spread over the full width
            t.setCharSpace((width - pdfmetrics.stringWidth(line, FONT, size)) / (len(line) - 1))
        t.textLine(line)
        c.drawText(t)
        y -= 1.5 * size
    c.setFont(FONT, size)
    c.drawString(left + 2 * size, y, NEXT_PARAGRAPH)
    if page_number:
        c.drawCentredString(300, 40, page_number)
    if second_page:
        c.showPage()
        c.setFont(FONT, size)
        c.drawString(left, 760, second_page)
    c.save()
    return path


def table_pdf(
    path: Path,
    rows: list[list[str]] = COMMUNIQUE_TABLE,
    *,
    before: str = "表1：2023年地区生产总值及其增长速度",
    after: str = "注：绝对数按现价计算，增长速度按不变价格计算。",
    grid: bool = True,
) -> Path:
    """A page with a paragraph, a reportlab Table of *rows* (ruled when *grid*), then another paragraph."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _font()
    style = ParagraphStyle("zh", fontName=FONT, fontSize=12, leading=18, wordWrap="CJK")
    table = Table(rows)
    commands = [("FONTNAME", (0, 0), (-1, -1), FONT)]
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(commands))
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(before, style), Spacer(1, 6), table, Spacer(1, 6), Paragraph(after, style)]
    )
    return path


def image_only_pdf(path: Path, pages: int = 2) -> Path:
    """A 'scanned' PDF: every page an image, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(image).rectangle((20, 20, 380, 60), fill=0)
    c = canvas.Canvas(str(path))
    for _ in range(pages):
        c.drawImage(ImageReader(image), 72, 500, 400, 200)
        c.showPage()
    c.save()
    return path


def text_pdf(path: Path, lines: list[str], *, overprint: int = 1) -> Path:
    """One line of text per entry, each drawn *overprint* times 0.3 pt apart (a faked bold when > 1)."""
    from reportlab.pdfgen import canvas

    _font()
    c = canvas.Canvas(str(path))
    for i, line in enumerate(lines):
        for k in range(overprint):
            c.setFont(FONT, 12)
            c.drawString(72 + 0.3 * k, 760 - 20 * i, line)
    c.save()
    return path


def report_docx(path: Path) -> Path:
    """A Word file: a title, a paragraph, a table with a merged title row and a vertical merge, a closing paragraph."""
    import docx

    d = docx.Document()
    d.add_paragraph("某市2023年国民经济和社会发展统计公报")
    d.add_paragraph("全年地区生产总值2876.4亿元，比上年增长7.2%。")
    table = d.add_table(rows=4, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "表1：地区生产总值"
    for c, text in enumerate(COMMUNIQUE_TABLE[0]):
        table.cell(1, c).text = text
    table.cell(2, 0).merge(table.cell(3, 0)).text = "第二、三产业"
    for r, values in ((2, ("1034.6", "6.8")), (3, ("1626.5", "7.9"))):
        table.cell(r, 1).text, table.cell(r, 2).text = values
    d.add_paragraph("")  # an empty paragraph is no line
    d.add_paragraph("年末常住人口1234.56万人。")
    d.save(str(path))
    return path

"""The text a reader of an HTML page sees: paragraphs as lines, tables as tab-separated rows, no page furniture.

The page is parsed with the standard library's :mod:`html.parser` into a small tree, then rendered:

* every block element (``p``, ``div``, ``li``, headings, ``title``, ``br``, …) starts a new line; runs
  of whitespace collapse into one space, and a source line break between two CJK characters is
  nothing, as in a browser;
* a ``<table>`` becomes its caption on a line of its own, then one line per row with the cells
  joined by ``"\\t"``; a cell covered by a ``rowspan``/``colspan`` is empty, so columns stay
  aligned.  A table that holds another table is page layout, not data: its cells are rendered as
  blocks;
* ``script``, ``style``, ``noscript``, ``template``, ``svg``, ``nav``, ``aside``, form controls,
  hidden elements, ARIA landmarks of the site (``role="navigation"``, ``banner``, ``contentinfo``,
  ``complementary``, ``search``) and elements whose class or id names the site's furniture
  (``breadcrumb``, ``share``, ``print``, ``toolbar``, ``sidebar``, ``menu``, …) are dropped.
  ``<header>`` and ``<footer>`` are dropped unless they sit inside ``<article>``, ``<main>`` or
  ``<section>``, where they hold the article's own title and date;
* lines made only of page controls (``【打印本页】【关闭窗口】``, ``字号：[大 中 小]``, ``分享到：…``) are dropped.

Why html.parser rather than trafilatura or selectolax (measured on corpus texts in a government page
template, ``docs/batch.md``): trafilatura finds the main text, but on a single page it dropped the
heading and the publication line the extractor reads the date from, wrote tables as Markdown, found
fewer figures (94% against 99%) and took about 10x the time; selectolax parses over 10x faster, but
rendering blocks and tables is ours either way, and at 1-2 ms a page parsing is a small share of
extracting the same page (3-7 ms).  The standard library adds no dependency and tolerates the
unclosed tags of old sites.
"""

from __future__ import annotations

import html.parser
import re
import unicodedata
from dataclasses import dataclass, field

from .reading import reading_rules
from .text import cell_text, row_line


@dataclass(eq=False)
class Node:
    """An element of the parsed page: its tag, attributes and children (elements and text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None
    depth: int = 0


# Deeper elements are kept, but their content goes to the element at this depth: pages that open
# thousands of <font> or <span> tags and never close them would otherwise overflow the recursion of the renderer.
MAX_DEPTH = 300
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
_TABLE_PARTS = frozenset({"table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"})
# Start tags that close an open element of their family, as browsers do on pages that leave them
# unclosed: tag -> (what it closes, where the search for one stops).
_CELL_CLOSE = (frozenset({"td", "th"}), frozenset({"tr", "table"}))
_ROW_CLOSE = (frozenset({"tr", "td", "th"}), frozenset({"table", "thead", "tbody", "tfoot"}))
_GROUP_CLOSE = (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table"}))
_IMPLIED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "td": _CELL_CLOSE,
    "th": _CELL_CLOSE,
    "tr": _ROW_CLOSE,
    "thead": _GROUP_CLOSE,
    "tbody": _GROUP_CLOSE,
    "tfoot": _GROUP_CLOSE,
    "li": (frozenset({"li"}), frozenset({"ul", "ol"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
}
_P_SCOPE = frozenset({"td", "th", "table", "caption", "button", "html"})
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "title",
        "tr",
        "ul",
    }
)


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document")

    def _close_up_to(self, closes: frozenset[str], stops: frozenset[str]) -> None:
        # The outermost open element of the family below the stop: a new <tr> closes the row, not just its cell.
        node: Node | None = self.current
        outermost = None
        while node is not None and node.tag not in stops:
            if node.tag in closes:
                outermost = node
            node = node.parent
        if outermost is not None:
            self.current = outermost.parent or self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _IMPLIED:
            self._close_up_to(*_IMPLIED[tag])
        elif tag == "p" or tag in _BLOCK:
            self._close_up_to(frozenset({"p"}), _P_SCOPE)
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current, depth=self.current.depth + 1)
        self.current.children.append(node)
        if tag not in _VOID and node.depth < MAX_DEPTH:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(
            Node(tag, {k: v or "" for k, v in attrs}, parent=self.current, depth=self.current.depth + 1)
        )

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # browsers read a stray </br> as <br>
            self.current.children.append(Node("br", parent=self.current, depth=self.current.depth + 1))
            return
        # An end tag closes its element, but not across a table cell it was not opened in.
        stops = frozenset() if tag == "table" else frozenset({"table"}) if tag in _TABLE_PARTS else _P_SCOPE - {"html"}
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            if node.tag in stops:
                return
            node = node.parent
        if node is not None:
            self.current = node.parent or self.root

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(markup: str) -> Node:
    """The element tree of *markup* (unclosed ``p``, ``li``, ``td``, ``tr`` closed as a browser would)."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "aside",
        "button",
        "select",
        "textarea",
        "iframe",
        "object",
        "canvas",
    }
)
_LANDMARKS = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_FURNITURE_NAMES = frozenset(
    {
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "share",
        "sharebox",
        "bdshare",
        "print",
        "toolbar",
        "topbar",
        "sidebar",
        "sidenav",
        "navbar",
        "menu",
        "nav",
        "header",
        "footer",
        "copyright",
        "skip",
        "skiplink",
        "search",
        "searchbox",
    }
)
_OWN_SECTION = frozenset({"article", "main", "section"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _in_own_section(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in _OWN_SECTION:
            return True
        parent = parent.parent
    return False


def _dropped(node: Node) -> bool:
    """Whether *node* is invisible or furniture of the site rather than the document."""
    if node.tag in _SKIP:
        return True
    attrs = node.attrs
    if "hidden" in attrs or _HIDDEN_STYLE.search(attrs.get("style", "")) or attrs.get("role") in _LANDMARKS:
        return True
    names = {
        n.replace("-", "").replace("_", "").lower()
        for n in (attrs.get("class", "") + " " + attrs.get("id", "")).split()
    }
    site_part = node.tag in ("header", "footer") or bool(names & {"header", "footer"})
    if site_part:
        return not _in_own_section(node)
    return bool(names & _FURNITURE_NAMES)


# Blanks around a line: spaces, tabs, no-break and ideographic spaces.
_BLANKS = " \t\u00a0" + chr(0x3000)
_SPACE_RUN = re.compile(r"[ \t\r\n\f]+")
_CELL_EDGE = re.compile(r" *\ue000 *")
_CELL_MARK = "\ue000"  # a private-use character: a tab in the source is whitespace and collapses, this does not


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _collapse_space(m: re.Match[str]) -> str:
    # CSS segment-break rule: a line break in the source between two wide (CJK) characters renders as nothing.
    s, i, j = m.string, m.start(), m.end()
    if any(c in m.group() for c in "\r\n") and i > 0 and j < len(s) and _wide(s[i - 1]) and _wide(s[j]):
        return ""
    return " "


def _furniture_line(line: str) -> bool:
    rules = reading_rules()
    return bool(rules.controls_line.fullmatch(line) or rules.share_line.fullmatch(line))


class _Renderer:
    """Walks the tree and collects the lines of text; the inline text of a block waits in ``buf``."""

    def __init__(self, *, furniture: bool = True) -> None:
        self.lines: list[str] = []
        self.buf: list[str | None] = []  # text, or None for a line break between blocks
        # Inside a table cell "大" or "小" is data, not the font-size control of the page.
        self.furniture = furniture

    def flush(self) -> None:
        text, self.buf = self.buf, []
        runs: list[str] = []
        for piece in [*text, None]:
            if piece is not None:
                runs.append(piece)
                continue
            # The whitespace of a run of inline text collapses over the whole run, across tags.
            joined = _SPACE_RUN.sub(_collapse_space, "".join(runs))
            runs = []
            line = _CELL_EDGE.sub("\t", joined).strip(_BLANKS)
            if line and not (self.furniture and _furniture_line(line)):
                self.lines.append(line)

    def walk(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.buf.append(child)
            elif _dropped(child):
                continue
            elif child.tag == "table":
                self.flush()
                self.table(child)
            elif child.tag in ("td", "th"):  # a cell outside any table: keep it apart from its neighbour
                self.buf.append(_CELL_MARK)
                self.walk(child)
            elif child.tag in _BLOCK:
                self.buf.append(None)
                self.walk(child)
                self.buf.append(None)
            else:
                self.walk(child)

    def table(self, table: Node) -> None:
        rows = _rows(table)
        if any(_descendant(cell, "table") for row in rows for cell in row) or all(len(row) <= 1 for row in rows):
            # Page layout (a table holding tables) or a one-column table: its cells are ordinary blocks.
            for caption in _children(table, "caption"):
                self.walk(caption)
                self.buf.append(None)
            for row in rows:
                for cell in row:
                    self.walk(cell)
                    self.buf.append(None)
            self.flush()
            return
        for caption in _children(table, "caption"):
            self.lines.append(cell_text(_text(caption)))
        self.lines.extend(line for line in _row_lines(rows) if line)


def _children(node: Node, tag: str) -> list[Node]:
    return [c for c in node.children if isinstance(c, Node) and c.tag == tag]


def _descendant(node: Node, tag: str) -> bool:
    return any(isinstance(c, Node) and (c.tag == tag or _descendant(c, tag)) for c in node.children)


def _rows(table: Node) -> list[list[Node]]:
    """The rows of *table* (not of tables inside it), each a list of its cells; ``tfoot`` rows last."""
    body: list[Node] = []
    foot: list[Node] = []
    for child in table.children:
        if not isinstance(child, Node):
            continue
        if child.tag == "tr":
            body.append(child)
        elif child.tag in ("thead", "tbody"):
            body += _children(child, "tr")
        elif child.tag == "tfoot":
            foot += _children(child, "tr")
    return [[c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")] for tr in body + foot]


def _span(cell: Node, name: str) -> int:
    try:
        return max(1, min(int(cell.attrs.get(name, "1").strip() or 1), 1000))
    except ValueError:
        return 1


def _row_lines(rows: list[list[Node]]) -> list[str]:
    """Each row as a tab-separated line, with an empty cell wherever a rowspan or colspan covers one."""
    covered: dict[int, int] = {}  # column -> rows it is still covered by a rowspan from above
    out = []
    for row in rows:
        texts: list[str] = []
        col = 0
        for cell in row:
            while covered.get(col, 0) > 0:
                covered[col] -= 1
                texts.append("")
                col += 1
            colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
            texts += [cell_text(_text(cell))] + [""] * (colspan - 1)
            for c in range(col, col + colspan):
                if rowspan > 1:
                    covered[c] = rowspan - 1
            col += colspan
        for c in sorted(k for k in covered if k >= col and covered[k] > 0):
            covered[c] -= 1
        out.append(row_line(texts))
    return out


def _text(node: Node) -> str:
    """The visible text of a cell or caption, its blocks on separate lines (joined by :func:`cell_text`)."""
    renderer = _Renderer(furniture=False)
    renderer.walk(node)
    renderer.flush()
    return "\n".join(renderer.lines)


def html_to_text(markup: str) -> str:
    """The visible text of *markup*: one line per block element, one tab-separated line per table row."""
    renderer = _Renderer()
    renderer.walk(parse(markup))
    renderer.flush()
    return "\n".join(renderer.lines)

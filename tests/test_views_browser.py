"""The document view and the evaluation report in a real browser (headless Chromium): the DOM holds the labels
and values, nothing a file name, region, unit, text or gold id holds runs as markup, no request leaves the page,
and the screenshot shows text with real glyphs (no tofu)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser import Elements, dump_dom, screenshot
from PIL import Image, ImageChops, ImageStat

from bulletin_extract import extract_document
from bulletin_extract.cli import main
from bulletin_extract.views.page import template

pytestmark = pytest.mark.slow

# Each payload, if it ever ran, marks the page: the test looks for the mark in the DOM after scripts ran.
PWN = "document.documentElement.setAttribute('data-pwned','1')"
HOSTILE_NAME = f"<img src=x onerror={PWN.replace(' ', '')}>.txt"
HOSTILE_REGION = f'"><svg onload="{PWN}">'
TEXT = (
    "截至2月20日，全省28369家规模以上工业企业中，已复工23849家，复工率84.1%，较前一日提高2.1个百分点。"
    f"<script>{PWN}</script>募集捐赠款物5亿元左右。"
)


def _no_payload_ran(dom: str) -> None:
    page = Elements(dom)
    assert "data-pwned" not in page.named("html")[0], "a payload from the input ran in the page"
    assert not page.named("img"), "the pages draw no images: an <img> came from the input"
    assert all("onload" not in a for a in page.named("svg"))
    scripts = page.named("script")
    assert len(scripts) == 1 and not scripts[0], f"only the page's own inline script may exist: {scripts}"


def _offline(dom: str) -> None:
    page = Elements(dom)
    csp = [m for m in page.named("meta") if m.get("http-equiv", "").lower() == "content-security-policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    assert [m for m in page.named("meta") if m.get("charset", "").lower() == "utf-8"]
    remote = [u for u in page.urls() if re.match(r"(?i)\s*(https?:)?//", u)]
    assert not remote, f"the page names remote resources: {remote}"


@pytest.fixture(scope="module")
def document_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("doc")
    src = tmp / HOSTILE_NAME
    src.write_text(TEXT, encoding="utf-8")
    out = tmp / "view.html"
    args = ["show", str(src), "--html", str(out), "--published", "2020-02-22", "--region", HOSTILE_REGION]
    assert main([*args, "--no-entities"]) == 0
    return out


def test_document_view_dom_has_every_mention_with_its_attributes(document_page: Path, tmp_path: Path) -> None:
    dom = dump_dom(document_page, tmp_path)
    page = Elements(dom)
    doc = extract_document(TEXT, published="2020-02-22", region=HOSTILE_REGION, entities=False)
    rows = [a for a in page.named("tr") if "data-m" in a]
    assert [r["data-type"] for r in rows] == [m.type for m in doc.mentions]
    marks = {a["data-m"] for a in page.named("mark")}
    assert marks == {str(i) for i in range(len(doc.mentions))}
    # The script ran: it moved each mark's title into its styled tooltip.
    assert all("data-tip" in a and "title" not in a for a in page.named("mark"))
    tips = " ".join(a["data-tip"] for a in page.named("mark"))
    for shown in ("percent 84.1 %", "subject: 复工率", "as_of: 2020-02-20", "pp 2.1 pp", "direction: up", "money"):
        assert shown in tips
    assert f"region: {HOSTILE_REGION}" in tips  # the hostile region shown as text, not run
    assert page.title == HOSTILE_NAME  # the title is the file name, as text
    legend = {a["class"].split()[-1] for a in page.named("span") if a.get("class", "").startswith("swatch t-")}
    assert len({c for c in legend if c.startswith("t-")}) == 13
    checks = [a for a in page.named("li") if "data-kind" in a]
    assert [c["data-kind"] for c in checks] == [c.kind for c in doc.checks] and doc.checks
    assert [c["data-status"] for c in checks] == [c.status for c in doc.checks]


def test_document_view_runs_nothing_from_its_input_and_stays_offline(document_page: Path, tmp_path: Path) -> None:
    dom = dump_dom(document_page, tmp_path)
    _no_payload_ran(dom)
    _offline(dom)


def _variance(png: Path) -> float:
    with Image.open(png) as im:
        return float(sum(ImageStat.Stat(im.convert("L")).var))


def test_document_view_screenshot_is_not_blank_and_shows_the_mark_colours(document_page: Path, tmp_path: Path) -> None:
    shot = screenshot(document_page, tmp_path)
    with Image.open(shot) as im:
        assert im.size == (1400, 900)
        rgb = im.convert("RGB")
        colours = {c for _, c in rgb.getcolors(maxcolors=1 << 20) or []}
    assert _variance(shot) > 100, "the screenshot is (nearly) blank"
    # The percent mark's colour (#7aecec in base.css) is on screen: the marks were drawn, not just the text.
    assert (0x7A, 0xEC, 0xEC) in colours


def _glyph_page(tmp: Path, chars: str, name: str) -> Path:
    """The characters one per fixed cell, in the views' own font stack (base.css)."""
    cells = "".join(f'<span style="display:inline-block;width:64px;height:64px">{c}</span>' for c in chars)
    page = tmp / name
    page.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{template("base.css")}'
        f"body{{margin:0;padding:0;font-size:48px;line-height:64px;width:1400px}}</style></head>"
        f"<body>{cells}</body></html>",
        encoding="utf-8",
    )
    return page


def _distinct_cells(png: Path, count: int) -> int:
    per_row = 1400 // 64
    with Image.open(png) as im:
        gray = im.convert("L")
        cells = []
        for i in range(count):
            x, y = (i % per_row) * 64, (i // per_row) * 64
            cells.append(gray.crop((x, y, x + 64, y + 64)).tobytes())
    return len(set(cells))


def test_cjk_text_renders_with_real_glyphs_not_tofu(tmp_path: Path) -> None:
    chars = "".join(dict.fromkeys(c for c in TEXT if "\u4e00" <= c <= "\u9fff"))[:40]
    real = screenshot(_glyph_page(tmp_path, chars, "real.html"), tmp_path, "real.png")
    # Private-use code points have no glyph in any font: the browser draws its missing-glyph box for each.
    tofu = screenshot(
        _glyph_page(tmp_path, "".join(chr(0xE000 + i) for i in range(len(chars))), "tofu.html"), tmp_path, "tofu.png"
    )
    missing = _distinct_cells(tofu, len(chars))
    drawn = _distinct_cells(real, len(chars))
    assert missing <= 2, f"the tofu control drew {missing} different cells: the detector cannot tell tofu apart"
    assert drawn == len(chars), f"only {drawn} of {len(chars)} characters drew distinct glyphs: tofu on this machine"
    with Image.open(real) as a, Image.open(tofu) as b:
        assert ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is not None


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    (tmp / "corpus").mkdir()
    text = "截至2月20日，已复工23849家，复工率84.1%。<b onmouseover=x>募集5亿元</b>"
    at = {t: text.index(t) for t in ("23849家", "84.1%", "5亿元")}
    (tmp / "corpus" / "a.txt").write_text(text, encoding="utf-8")
    doc_id = f"<img src=x onerror={PWN.replace(' ', '')}>"
    gold = {
        "doc_id": doc_id,
        "text_file": "corpus/a.txt",
        "published": "2020-02-22",
        "region": None,
        "mentions": [
            {
                "start": at["23849家"],
                "end": at["23849家"] + 6,
                "text": "23849家",
                "type": "count",
                "value": 23849,
                "unit": "家",
                "qualifier": "exact",
                "direction": None,
                "subject": "已复工",
                "as_of": "2020-02-20",
            },
            {
                "start": at["84.1%"],
                "end": at["84.1%"] + 5,
                "text": "84.1%",
                "type": "percent",
                "value": 84.1,
                "unit": "%",
                "qualifier": "exact",
                "direction": None,
                "subject": "复工率",
                "as_of": "2020-02-20",
            },
        ],
    }
    (tmp / "gold").mkdir()
    (tmp / "gold" / "a.gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    spurious = {
        "start": at["5亿元"],
        "end": at["5亿元"] + 3,
        "text": "5亿元",
        "type": "money",
        "value": 500000000,
        "unit": f"<svg onload={PWN.replace(' ', '')}>",
        "rule": "<script>alert(1)</script>",
    }
    pred = {"doc_id": doc_id, "mentions": [gold["mentions"][0], spurious]}
    (tmp / "pred.jsonl").write_text(json.dumps(pred, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp / "report.html"
    args = ["evaluate", "--gold", str(tmp / "gold"), "--root", str(tmp), "--pred", str(tmp / "pred.jsonl")]
    assert main([*args, "--html", str(out), "-o", str(tmp / "report.txt")]) == 0
    return out


def test_report_dom_has_scores_charts_and_filterable_errors(report_page: Path, tmp_path: Path) -> None:
    dom = dump_dom(report_page, tmp_path)
    page = Elements(dom)
    rows = {a.get("data-type"): a for a in page.named("tr") if "data-type" in a}
    assert {"count", "percent", "money", "all (micro)"} <= set(rows)
    errors = [a for a in page.named("tr") if "data-kind" in a]
    assert sorted((e["data-kind"], e["data-type"], e["data-category"]) for e in errors) == [
        ("FN", "percent", "missed"),
        ("FP", "money", "spurious"),
    ]
    bars = [a for a in page.named("rect") if a.get("class") == "bar"]
    assert {(b["data-series"], b["data-label"]) for b in bars} >= {("match F1", "count"), ("missed", "percent")}
    count_f1 = next(b for b in bars if (b["data-series"], b["data-label"]) == ("match F1", "count"))
    assert count_f1["data-value"] == "1.000"
    # The filter script ran (inline scripts are allowed by the page's CSP) and counted the rows it shows.
    assert "2 of 2 errors shown" in dom
    assert re.search(r"<mark>84\.1%</mark>", dom), "the missed mention is highlighted in its context"


def test_report_runs_nothing_from_gold_or_predictions_and_stays_offline(report_page: Path, tmp_path: Path) -> None:
    dom = dump_dom(report_page, tmp_path)
    _no_payload_ran(dom)
    _offline(dom)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom  # the hostile rule shown as text
    assert _variance(screenshot(report_page, tmp_path)) > 100

"""HTML pages: tables as tab-separated rows, page furniture dropped, unclosed tags closed as a browser would."""

from __future__ import annotations

import pytest

from bulletin_extract.io.html import html_to_text

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>2023年某市统计公报</title>
<script>var _hmt = []; document.write("<p>84.1%</p>");</script><style>.nav li {float: left}</style></head>
<body>
<div class="top-bar">无障碍浏览 | 长者模式 | 登录</div>
<header><div class="logo">某市统计局</div></header>
<nav><ul><li><a href="/">首页</a></li><li><a href="/tjgb/">统计公报</a></li></ul></nav>
<div class="breadcrumb">当前位置：首页 &gt; 统计公报</div>
<main><article>
<header><h1>2023年某市国民经济和社会发展统计公报</h1><p>发布时间：2024-03-20</p></header>
<p>全年地区生产总值2876.4亿元，
比上年增长7.2%。</p>
<table border="1">
<caption>表1：2023年地区生产总值</caption>
<thead><tr><th>指标</th><th>绝对值（亿元）</th><th>比上年增长（%）</th></tr></thead>
<tbody>
<tr><td><p>地区生产总值</p></td><td><span>2876.4</span></td><td>7.2</td></tr>
<tr><td rowspan="2">第二、三产业</td><td>1034.6</td><td>6.8</td></tr>
<tr><td>1626.5</td><td>7.9</td></tr>
</tbody></table>
<p>注：增长速度按不变价格计算。</p>
<div class="print">【打印本页】 【关闭窗口】</div>
<p>字号：[大 中 小]</p>
</article></main>
<aside><h3>相关链接</h3><p>2022年统计公报</p></aside>
<footer><p>主办单位：某市统计局 ICP备12345678号</p></footer>
<noscript>请启用JavaScript</noscript>
</body></html>"""


def test_html_page_tables_become_tab_rows_and_furniture_goes():
    assert html_to_text(PAGE).split("\n") == [
        "2023年某市统计公报",
        "2023年某市国民经济和社会发展统计公报",
        "发布时间：2024-03-20",
        "全年地区生产总值2876.4亿元，比上年增长7.2%。",
        "表1：2023年地区生产总值",
        "指标\t绝对值（亿元）\t比上年增长（%）",
        "地区生产总值\t2876.4\t7.2",
        "第二、三产业\t1034.6\t6.8",
        "\t1626.5\t7.9",  # under a rowspan: an empty cell keeps the columns aligned, the merged cell is not repeated
        "注：增长速度按不变价格计算。",
    ]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # Old sites leave cells and rows unclosed.
        ("<table><tr><td>地区<td>人数<tr><td>山东<td>12</table>", "地区\t人数\n山东\t12"),
        ("<table><tr><td colspan=2>合计</td></tr><tr><td>a</td><td>1</td></tr></table>", "合计\na\t1"),
        ("<table><tr><td colspan=2>x</td><td>3</td></tr></table>", "x\t\t3"),
        # A cell's line breaks are no line break of the row.
        (
            "<table><tr><td>第二<br>产业</td><td>GDP<br>growth</td></tr><tr><td>a</td><td>b</td></tr></table>",
            "第二产业\tGDP growth\na\tb",
        ),
        # A table of tables is layout: its cells are paragraphs, not one enormous row.
        (
            "<table><tr><td><p>正文第一段</p><table><tr><td>a</td><td>1</td></tr></table></td><td>侧栏</td></tr></table>",
            "正文第一段\na\t1\n侧栏",
        ),
        ("<table><tr><td>只有一列</td></tr><tr><td>第二行</td></tr></table>", "只有一列\n第二行"),
        # In a cell, 大 and 小 are data, not the font-size control of the page.
        (
            "<table><tr><td>规模</td><td>大</td><td>小</td></tr><tr><td>数</td><td>3</td><td>4</td></tr></table>",
            "规模\t大\t小\n数\t3\t4",
        ),
        (
            '<div style="display:none">隐藏</div><p hidden>也隐藏</p><div role="navigation">导航</div><p>正文</p>',
            "正文",
        ),
        ('<div class="share">分享</div><div id="sidebar">侧栏</div><p>正文</p>', "正文"),
        ("<p>分享到：微信 微博</p><p>【打印】【关闭】</p><p>正文</p>", "正文"),
        ("<section><footer>本节注释：单位万人</footer></section><footer>版权所有</footer>", "本节注释：单位万人"),
        ("<ul><li>一<li>二</ul>", "一\n二"),
        ("<div>a</br>b</div>", "a\nb"),
    ],
)
def test_html_structures(markup, expected):
    assert html_to_text(markup) == expected


def test_html_thousands_of_unclosed_tags_do_not_overflow():
    assert html_to_text("<font>" * 5000 + "复工率84.1%" + "<div>" * 3000 + "<p>新增5例</p>") == "复工率84.1%\n新增5例"

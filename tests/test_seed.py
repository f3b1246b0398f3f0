"""The seed bulletin (corpus/resumption/shandong-2020-02-22.txt): figures with exact values, exclusions, checks.

The expected values are the hand labels of the seed's gold file, written out here so a
regression names the figure that broke.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from bulletin_extract import Figure

# (text, type, value, unit, qualifier, direction): the first occurrence of each figure in the seed.
SEED_FIGURES = [
    ("28369家", "count", "28369", "家", "exact", None),
    ("23849家", "count", "23849", "家", "exact", None),
    ("84.1%", "percent", "84.1", "%", "exact", None),
    ("2.1个百分点", "pp", "2.1", "pp", "exact", "up"),
    ("42785家", "count", "42785", "家", "exact", None),
    ("30597家", "count", "30597", "家", "exact", None),
    ("71.5%", "percent", "71.5", "%", "exact", None),
    ("12035家", "count", "12035", "家", "exact", None),
    ("8501家", "count", "8501", "家", "exact", None),
    ("70.6%", "percent", "70.6", "%", "exact", None),
    ("九个", "count", "9", "个", "exact", None),
    ("五项", "count", "5", "项", "exact", None),
    ("两次", "count", "2", "次", "exact", None),
    ("530个", "count", "530", "个", "exact", None),
    ("389个", "count", "389", "个", "exact", None),
    ("9个", "count", "9", "个", "exact", None),
    ("五件", "count", "5", "件", "exact", None),
    ("7方面", "count", "7", "方面", "exact", None),
    ("60条", "count", "60", "条", "exact", None),
    ("四部门", "count", "4", "部门", "exact", None),
    ("15条", "count", "15", "条", "exact", None),
    ("4个", "count", "4", "个", "exact", None),
    ("20条", "count", "20", "条", "exact", None),
    ("6部门", "count", "6", "部门", "exact", None),
    ("10个", "count", "10", "个", "exact", None),
    ("三级", "count", "3", "级", "exact", None),
    ("55种", "count", "55", "种", "exact", None),
    ("48种", "count", "48", "种", "exact", None),
    ("1%", "percent", "1", "%", "under", None),
    ("10天", "duration", "10", "天", "under", None),
    ("565万吨", "quantity", "5650000", "吨", "exact", None),
    ("17.7天", "duration", "17.7", "天", "exact", None),
    ("32家", "count", "32", "家", "exact", None),
    ("178万吨", "quantity", "1780000", "吨", "exact", None),
    ("11.4天", "duration", "11.4", "天", "exact", None),
    ("1900辆", "count", "1900", "辆", "exact", None),
    ("3.63万吨", "quantity", "36300", "吨", "exact", None),
    ("2421吨", "quantity", "2421", "吨", "exact", None),
    ("600多辆次", "count", "600", "辆次", "over", None),
    ("1.5万人", "count", "15000", "人", "exact", None),
    ("12个", "count", "12", "个", "exact", None),
    ("24小时", "duration", "24", "小时", "exact", None),
    ("2800万元", "money", "28000000", "CNY", "exact", None),
    ("7155.2万只", "count", "71552000", "只", "exact", None),
    ("24.5万套", "count", "245000", "套", "exact", None),
    ("69.91万个", "count", "699100", "个", "exact", None),
    ("25.78万个", "count", "257800", "个", "exact", None),
    ("5.97万吨", "quantity", "59700", "吨", "exact", None),
    ("12条", "count", "12", "条", "exact", None),
    ("274个", "count", "274", "个", "exact", None),
    ("8922亿元", "money", "892200000000", "CNY", "exact", None),
    ("11389个", "count", "11389", "个", "exact", None),
    ("5802个", "count", "5802", "个", "exact", None),
    ("1641个", "count", "1641", "个", "exact", None),
    ("5549个", "count", "5549", "个", "exact", None),
    ("1373个", "count", "1373", "个", "exact", None),
    ("663个", "count", "663", "个", "exact", None),
    ("24条", "count", "24", "条", "exact", None),
    ("422家", "count", "422", "家", "exact", None),
    ("2.56万人", "count", "25600", "人", "exact", None),
    ("600家", "count", "600", "家", "exact", None),
    ("80.5%", "percent", "80.5", "%", "exact", None),
    ("79.1%", "percent", "79.1", "%", "exact", None),
    ("2年", "duration", "2", "年", "under", None),
    ("60多家", "count", "60", "家", "over", None),
    ("2.42万人", "count", "24200", "人", "exact", None),
    ("6个", "count", "6", "个", "exact", None),
    ("四个", "count", "4", "个", "exact", None),
    ("316万亩次", "quantity", "3160000", "亩次", "exact", None),
    ("525万亩次", "quantity", "5250000", "亩次", "exact", None),
    ("3.85万吨", "quantity", "38500", "吨", "exact", None),
    ("12批", "count", "12", "批", "exact", None),
    ("1743人", "count", "1743", "人", "exact", None),
    ("480人", "count", "480", "人", "exact", None),
    ("1232人", "count", "1232", "人", "exact", None),
    ("31人", "count", "31", "人", "exact", None),
    ("5亿元", "money", "500000000", "CNY", "approx", None),
    ("1.32亿元", "money", "132000000", "CNY", "exact", None),
    ("5040吨", "quantity", "5040", "吨", "exact", None),
    ("22.28万只", "count", "222800", "只", "exact", None),
    ("1.96万余件", "count", "19600", "件", "over", None),
    ("8400余个", "count", "8400", "个", "over", None),
    ("8800余个", "count", "8800", "个", "over", None),
    ("13.4万余副", "count", "134000", "副", "over", None),
    ("7.1万双", "count", "71000", "双", "exact", None),
    ("1.26万瓶", "count", "12600", "瓶", "exact", None),
    ("1.2万瓶", "count", "12000", "瓶", "exact", None),
    ("6.6吨", "quantity", "6.6", "吨", "exact", None),
]


def _first(mentions: list, text: str) -> Figure | None:
    return next((m for m in mentions if isinstance(m, Figure) and m.text == text), None)


@pytest.mark.parametrize(
    ("text", "type_", "value", "unit", "qualifier", "direction"), SEED_FIGURES, ids=[f[0] for f in SEED_FIGURES]
)
def test_seed_figure_has_exact_value(seed_mentions, text, type_, value, unit, qualifier, direction):
    fig = _first(seed_mentions, text)
    assert fig is not None, f"{text} not extracted"
    assert (fig.type, fig.value, fig.unit, fig.qualifier, fig.direction) == (
        type_,
        Decimal(value),
        unit,
        qualifier,
        direction,
    )


def test_seed_mask_count_is_exactly_scaled(seed_mentions):
    fig = _first(seed_mentions, "7155.2万只")
    assert fig is not None and fig.value == Decimal(71552000) and str(fig.value) == "71552000"


def test_seed_breakdown_of_medical_team(seed_mentions):
    figs = [m for m in seed_mentions if isinstance(m, Figure)]
    i = next(i for i, f in enumerate(figs) if f.text == "1743人")
    assert [f.text for f in figs[i : i + 4]] == ["1743人", "480人", "1232人", "31人"]


@pytest.mark.parametrize("needle", ["84消毒液", "“1195”", "“五个一”", "“四个自信”", "“1+N”"])
def test_seed_nothing_extracted_inside_names_and_slogans(seed_text, seed_mentions, needle):
    start = seed_text.index(needle)
    end = start + len(needle)
    inside = [
        m for m in seed_mentions if m.type not in ("PER", "ORG", "LOC", "DOC") and m.start < end and start < m.end
    ]
    assert inside == []


def test_seed_every_span_is_verbatim(seed_text, seed_mentions):
    assert all(seed_text[m.start : m.end] == m.text for m in seed_mentions)
    assert [m.start for m in seed_mentions] == sorted(m.start for m in seed_mentions)


SEED_CHECKS = [
    ("ratio", "23849家 / 28369家 = 84.0671% vs stated 84.1%", "holds"),
    ("ratio", "30597家 / 42785家 = 71.5134% vs stated 71.5%", "holds"),
    ("ratio", "8501家 / 12035家 = 70.6356% vs stated 70.6%", "holds"),
    ("ratio", "23849家 / 28369家 = 84.0671% vs stated 84.1%", "holds"),  # the passage repeats in section 四
    # 计划新开工项目5549个，其中计划2月份开工1373个，已开工663个: 663 are of the 1373, no partition of 5549
    ("sum", "1373个 + 663个 = 2036 vs stated 5549个 (the parts may list only some of the total)", "not_applicable"),
    ("ratio", "30597家 / 42785家 = 71.5134% vs stated 71.5%", "holds"),  # ... and in section 八
    ("ratio", "8501家 / 12035家 = 70.6356% vs stated 70.6%", "holds"),
    ("sum", "480人 + 1232人 + 31人 = 1743 vs stated 1743人", "holds"),
]


def test_seed_every_check_is_listed(seed_document):
    assert [(c.kind, c.explanation, c.status) for c in seed_document.checks] == SEED_CHECKS

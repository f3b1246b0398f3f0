"""Time expressions: year inference, granularity, impossible dates."""

from __future__ import annotations

import pytest

from bulletin_extract import extract, extract_document


def _times(text: str, published: str) -> list[tuple[str, str, str]]:
    return [
        (m.text, m.type, m.value)
        for m in extract(text, published=published, entities=False)
        if m.type in ("date", "period")
    ]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("12月31日", "2021-01-03", [("12月31日", "date", "2020-12-31")]),
        ("12月", "2021-01-03", [("12月", "date", "2020-12")]),
        ("计划6月份开工", "2020-02-22", [("6月份", "date", "2020-06")]),
        ("前三季度", "2025-10-20", [("前三季度", "period", "2025-Q1/2025-Q3")]),
        ("四季度", "2026-01-20", [("四季度", "date", "2025-Q4")]),
        (
            "2006年，全年增长，比上年增长",
            "2007-02-09",
            [("2006年", "date", "2006"), ("全年", "date", "2006"), ("上年", "date", "2005")],
        ),
        ("“十三五”时期", "2021-03-05", [("“十三五”时期", "period", "2016/2020")]),
        ("2019年以来", "2024-08-27", [("2019年以来", "period", "2019/2024")]),
        ("截至1月27日24时", "2020-01-28", [("1月27日24时", "date", "2020-01-27T24")]),
    ],
)
def test_dates_resolve_against_publication(text, published, expected):
    assert _times(text, published) == expected


@pytest.mark.parametrize("text", ["2月30日", "13月", "2021年2月29日", "4月31日", "0月5日"])
def test_dates_impossible_dates_are_not_returned(text):
    assert _times(text, "2021-03-01") == []


def test_dates_numbers_inside_dates_are_never_counts():
    ms = extract("2020年2月20日12时，1月27日至2月20日", published="2020-02-22", entities=False)
    assert {m.type for m in ms} <= {"date", "period"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前年3月", [("前年3月", "date", "2018-03")]),
        ("后年1月", [("后年1月", "date", "2022-01")]),
        ("前年1—3月", [("前年1—3月", "period", "2018-01/2018-03")]),
        ("前年下半年", [("前年下半年", "date", "2018-H2")]),
    ],
)
def test_dates_year_word_and_month_are_one_date(text, expected):
    # 前年 was missing from the hard-coded year words: 前年 and 3月 came out as two dates of different years.
    assert _times(text, "2020-05-01") == expected


def test_dates_every_time_rule_is_explained():
    from bulletin_extract.times.find import explain_time

    rules = {
        m.rule
        for m in extract("1月2日至5日，1月7日和8日，2月3日8时至18时，上年同期", published="2020-02-22", entities=False)
    }
    assert rules == {"time.day_range", "time.date", "time.day_list", "time.hours", "time.relative.reported"}
    more = {"time.quarter", "time.whole_day", "time.span", "time.holiday", "time.lunar", "time.week", "time.month_list"}
    for rule in rules | more | {"time.iso_range"}:
        text = explain_time(rule)
        assert text.startswith(rule) and "time_grammar.yaml" in text and len(text.splitlines()) >= 4
    with pytest.raises(KeyError, match=r"time\.nonesuch"):
        explain_time("time.nonesuch")


def test_the_publication_day_in_a_byline_does_not_become_the_period_reported_on() -> None:
    """A web page's 发布时间 line dates the page: 全年 and 年末 after it still report on the title's year."""
    text = "2023年某市国民经济和社会发展统计公报\n发布时间：2024-03-29 10:15 来源：某市统计局\n全年生产总值100亿元，年末常住人口86万人。"
    doc = extract_document(text)
    values = {m.text: m.value for m in doc.mentions if m.type in ("date", "period")}
    assert doc.published is not None and doc.published.isoformat() == "2024-03-29"
    assert values["全年"] == "2023"
    assert values["年末"] == "2023-12"


def test_an_earlier_year_in_a_communique_is_the_period_of_its_own_sentence_only() -> None:
    """经最终核实，2022年…比上年: 上年 is 2021 there; after it 全年 and 上年 are the communiqué's 2023 and 2022 again."""
    text = (
        "某市2023年国民经济和社会发展统计公报\n全年生产总值4300亿元，比上年增长3.0%。\n"
        "经最终核实，2022年生产总值为4120.6亿元，比上年增长2.3%。全年粮食产量100万吨，比上年增长1%。"
    )
    doc = extract_document(text, published="2024-03-20", entities=False)
    values = [(m.text, m.value) for m in doc.mentions if m.type in ("date", "period")]
    assert values == [
        ("2023年", "2023"),
        ("全年", "2023"),
        ("上年", "2022"),
        ("2022年", "2022"),
        ("上年", "2021"),
        ("全年", "2023"),
        ("上年", "2022"),
    ]


def test_the_publication_day_in_the_body_is_a_day_like_any_other() -> None:
    """Only a byline's publication day is passed over: 3月5日 in the body of a report published that day is
    the period reported on, and 前一日 after it is 3月4日."""
    text = "全省疫情通报\n3月4日，新增3例。\n以下为详情。\n其他情况。\n3月5日，新增4例，较前一日增加1例。"
    values = [(m.text, m.value) for m in extract(text, published="2022-03-05", entities=False) if m.type == "date"]
    assert values == [("3月4日", "2022-03-04"), ("3月5日", "2022-03-05"), ("前一日", "2022-03-04")]

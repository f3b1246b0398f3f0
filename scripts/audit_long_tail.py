"""Audit of the long-tail forms of issue 11 (numerals, signs, units, currencies, times, and the as_of and
subject causes it names): each form in a short sentence through ``bulletin_extract.extract``, against what
ANNOTATION.md v1.3 says it is.

    python scripts/audit_long_tail.py [--only FAMILY] [--markdown]

Prints one row per form: right or wrong, what was expected and what came out.  A row is right when the
figures and times extracted are exactly the expected ones (text, type, value, unit and any attribute the
row lists); entities are not compared.  The forms are the issue's own examples, written into sentences
for this audit (no gold document's strings); the exit status is 1 when any row is wrong.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bulletin_extract import extract
from bulletin_extract.records import Entity


@dataclass(frozen=True)
class Form:
    family: str
    text: str
    want: list[dict[str, Any]]
    published: str | None = None


def m(text: str, typ: str, value: Any = None, unit: str | None = None, **attrs: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"text": text, "type": typ, "value": value}
    if unit is not None:
        d["unit"] = unit
    d.update(attrs)
    return d


FORMS: list[Form] = [
    # --- wrong values
    Form("signs", "全年增长-22.2%", [m("-22.2%", "percent", -22.2, "%", direction="up")]),
    Form("signs", "指数为－1.5", [m("－1.5", "number", -1.5, "")]),
    # ANNOTATION §3.1's own example: a bare number after a comparison base (bare numbers: figures/bare.py).
    Form("signs", "较上周 -0.5", [m("-0.5", "number", -0.5, "")]),
    Form("signs", "增速为负3.9%", [m("负3.9%", "percent", -3.9, "%")]),
    Form(
        "signs", "气温-5℃，海拔负13.5千米", [m("-5℃", "quantity", -5, "℃"), m("负13.5千米", "quantity", -13.5, "千米")]
    ),
    Form(
        "mixed magnitudes",
        "2万5千人，1千2百万元",
        [m("2万5千人", "count", 25000, "人"), m("1千2百万元", "money", 12000000, "CNY")],
    ),
    Form(
        "mixed magnitudes",
        "2千零30万元，3万4000人",
        [m("2千零30万元", "money", 20300000, "CNY"), m("3万4000人", "count", 34000, "人")],
    ),
    Form("chinese decimals", "制造业采购经理指数为五十点七", [m("五十点七", "number", 50.7, "")]),
    Form("chinese decimals", "投资三点五亿元", [m("三点五亿元", "money", 350000000, "CNY")]),
    Form("chinese decimals", "增长百分之七点八", [m("百分之七点八", "percent", 7.8, "%", direction="up")]),
    Form(
        "currencies",
        "汇入200瑞士法郎和100新加坡元",
        [m("200瑞士法郎", "money", 200, "CHF"), m("100新加坡元", "money", 100, "SGD")],
    ),
    Form(
        "currencies",
        "澳门50澳门元，3万新台币",
        [m("50澳门元", "money", 50, "MOP"), m("3万新台币", "money", 30000, "TWD")],
    ),
    Form("currencies", "在香港捐出5亿港币", [m("5亿港币", "money", 500000000, "HKD")]),
    Form(
        "currencies",
        "3万台币，5000美金，20美圆",
        [m("3万台币", "money", 30000, "TWD"), m("5000美金", "money", 5000, "USD"), m("20美圆", "money", 20, "USD")],
    ),
    Form(
        "currencies",
        "100加拿大元，200澳大利亚元，30澳元，40新西兰元",
        [
            m("100加拿大元", "money", 100, "CAD"),
            m("200澳大利亚元", "money", 200, "AUD"),
            m("30澳元", "money", 30, "AUD"),
            m("40新西兰元", "money", 40, "NZD"),
        ],
    ),
    Form(
        "currencies",
        "5万印度卢比，3.5万泰铢，12亿越南盾",
        [
            m("5万印度卢比", "money", 50000, "INR"),
            m("3.5万泰铢", "money", 35000, "THB"),
            m("12亿越南盾", "money", 1200000000, "VND"),
        ],
    ),
    Form(
        "currencies",
        "100万韩元，200卢布，300奈拉",
        [m("100万韩元", "money", 1000000, "KRW"), m("200卢布", "money", 200, "RUB"), m("300奈拉", "money", 300, "NGN")],
    ),
    Form("false friends", "陆家嘴金融城，台风登陆次数，拾起垃圾", []),
    Form(
        "false friends", "捐款叁仟元，陆万元", [m("叁仟元", "money", 3000, "CNY"), m("陆万元", "money", 60000, "CNY")]
    ),
    Form(
        "false friends",
        "节约3.5万吨，约束12项指标，制约5个环节",
        [
            m("3.5万吨", "quantity", 35000, "吨", qualifier="exact"),
            m("12项", "count", 12, "项", qualifier="exact"),
            m("5个", "count", 5, "个", qualifier="exact"),
        ],
    ),
    Form(
        "false friends",
        "形成5个多元主体，3种多样业态",
        [m("5个", "count", 5, "个", qualifier="exact"), m("3种", "count", 3, "种", qualifier="exact")],
    ),
    Form("case nouns", "新增确诊病例1,252例", [m("1,252例", "count", 1252, "例")]),
    Form("case nouns", "病例3—病例870，居住于江宁区", []),
    # --- misses: line starts
    Form("line start", "5.5%的企业已复工", [m("5.5%", "percent", 5.5, "%")]),
    Form("line start", "调查显示\n50.8%！", [m("50.8%", "percent", 50.8, "%")]),
    Form("line start", "2018.1.10起施行", [m("2018.1.10", "date", "2018-01-10")], "2018-01-05"),
    # --- units
    Form(
        "units",
        "降雨35mm，身高170cm，里程12km，体重5kg，载重3t",
        [
            m("35mm", "quantity", 35, "mm"),
            m("170cm", "quantity", 170, "cm"),
            m("12km", "quantity", 12, "km"),
            m("5kg", "quantity", 5, "kg"),
            m("3t", "quantity", 3, "t"),
        ],
    ),
    Form(
        "units",
        "发电3kWh，装机100MW和5GW，面积30m²，用水100m³，气温25℃",
        [
            m("3kWh", "quantity", 3, "kWh"),
            m("100MW", "quantity", 100, "MW"),
            m("5GW", "quantity", 5, "GW"),
            m("30m²", "quantity", 30, "m²"),
            m("100m³", "quantity", 100, "m³"),
            m("25℃", "quantity", 25, "℃"),
        ],
    ),
    Form(
        "units",
        "身高170公分，含量5微克，浓度0.5毫克/升，PM2.5浓度35微克/立方米",
        [
            m("170公分", "quantity", 170, "公分"),
            m("5微克", "quantity", 5, "微克"),
            m("0.5毫克/升", "quantity", 0.5, "毫克/升"),
            m("35微克/立方米", "quantity", 35, "微克/立方米"),
        ],
    ),
    Form(
        "units",
        "节约1.2万吨标准煤，用电3万千瓦时",
        [m("1.2万吨标准煤", "quantity", 12000, "吨标准煤"), m("3万千瓦时", "quantity", 30000, "千瓦时")],
    ),
    Form(
        "units",
        "普及率110.2部/百人，人口密度300人/平方公里",
        [m("110.2部/百人", "count", 110.2, "部/百人"), m("300人/平方公里", "count", 300, "人/平方公里")],
    ),
    Form(
        "units",
        "均价500元/吨，降尘5.2吨/平方公里·月",
        [m("500元/吨", "money", 500, "CNY"), m("5.2吨/平方公里·月", "quantity", 5.2, "吨/平方公里·月")],
    ),
    Form(
        "units",
        "建成5万套（间），生产30台（套）",
        [m("5万套（间）", "count", 50000, "套"), m("30台（套）", "count", 30, "台")],
    ),
    # --- times
    Form("times: spaced", "2020 年 3 月 5 日发布", [m("2020 年 3 月 5 日", "date", "2020-03-05")], "2021-03-20"),
    Form("times: two-digit years", "18年10月1日起施行", [m("18年10月1日", "date", "2018-10-01")], "2019-05-01"),
    Form("times: two-digit years", "08年金融危机以后", [m("08年", "date", "2008")], "2019-05-01"),
    Form(
        "times: two-digit years",
        "近18年来，历时18年",
        [m("近18年", "period", "2001/2018"), m("18年", "duration", 18, "年")],
        "2019-05-01",
    ),
    Form(
        "times: decades",
        "九十年代，上世纪80年代",
        [m("九十年代", "period", "1990/1999"), m("上世纪80年代", "period", "1980/1989")],
        "2019-05-01",
    ),
    Form("times: 本月十日", "本月十日起", [m("本月十日", "date", "2020-02-10")], "2020-02-22"),
    Form(
        "times: slash",
        "2018/1/10-2018/7/10开展",
        [m("2018/1/10-2018/7/10", "period", "2018-01-10/2018-07-10")],
        "2018-08-01",
    ),
    Form(
        "times: month lists",
        "全市3、4、5月",
        [m("3", "date", "2020-03"), m("4", "date", "2020-04"), m("5月", "date", "2020-05")],
        "2020-06-15",
    ),
    Form(
        "times: month lists",
        "今年3、4、5月",
        [m("今年3", "date", "2020-03"), m("4", "date", "2020-04"), m("5月", "date", "2020-05")],
        "2020-06-15",
    ),
    Form(
        "times: day lists",
        "2月3日、5日和7日",
        [m("2月3日", "date", "2020-02-03"), m("5日", "date", "2020-02-05"), m("7日", "date", "2020-02-07")],
        "2020-02-22",
    ),
    Form(
        "times: day lists",
        "2月3、5、7日",
        [m("2月3", "date", "2020-02-03"), m("5", "date", "2020-02-05"), m("7日", "date", "2020-02-07")],
        "2020-02-22",
    ),
    Form("times: to date", "提前5个月完成", [m("5个月", "duration", 5, "月")], "2020-06-15"),
    Form("times: to date", "前五月全市", [m("前五月", "period", "2020-01/2020-05")], "2020-06-15"),
    Form("times: to date", "前三季度全市", [m("前三季度", "period", "2020-Q1/2020-Q3")], "2020-10-20"),
    Form(
        "times: to date",
        "1—11月全市，1-11月份",
        [m("1—11月", "period", "2020-01/2020-11"), m("1-11月份", "period", "2020-01/2020-11")],
        "2020-12-15",
    ),
    Form("times: holidays", "国庆假期全市接待游客", [m("国庆假期", "period", "2023-09-29/2023-10-06")], "2023-10-07"),
    Form("times: holidays", "春节期间全市", [m("春节期间", "period", "2025-01-28/2025-02-04")], "2025-02-10"),
    Form(
        "times: lunar", "正月初五至正月十五", [m("正月初五至正月十五", "period", "2025-02-02/2025-02-12")], "2025-02-20"
    ),
    Form("times: events", "亚运会期间全市", [m("亚运会期间", "period", "2023-09-23/2023-10-08")], "2023-10-20"),
    Form("times: weeks", "2024年第10周", [m("2024年第10周", "period", "2024-03-04/2024-03-10")], "2024-03-15"),
    Form("times: weeks", "第10周全省报告病例", [m("第10周", "period", "2024-03-04/2024-03-10")], "2024-03-15"),
    Form(
        "times: reporting year",
        "一季度增长4.5%，比上年四季度加快1.6个百分点。一季度，全国",
        [
            m("一季度", "date", "2023-Q1"),
            m("4.5%", "percent", 4.5, "%", direction="up", as_of="2023-Q1"),
            m("上年四季度", "date", "2022-Q4"),
            m("1.6个百分点", "pp", 1.6, "pp", direction="up", as_of="2023-Q1"),
            m("一季度", "date", "2023-Q1"),
        ],
        "2023-04-18",
    ),
    Form(
        "times: reporting year",
        "一季度增长4.5%，比上年同期加快。二季度",
        [
            m("一季度", "date", "2023-Q1"),
            m("4.5%", "percent", 4.5, "%", direction="up", as_of="2023-Q1"),
            m("上年同期", "date", "2022-Q1"),
            m("二季度", "date", "2023-Q2"),
        ],
        "2023-08-18",
    ),
    Form(
        "times: reporting year",
        "2023年某县经济运行情况通报\n表1：2022年主要指标\n全年地区生产总值增长5.2%，比上年提高1个百分点。",
        [
            m("2023年", "date", "2023"),
            m("2022年", "date", "2022"),
            m("全年", "date", "2023"),
            m("5.2%", "percent", 5.2, "%", direction="up", as_of="2023"),
            m("上年", "date", "2022"),
            m("1个百分点", "pp", 1, "pp", direction="up", as_of="2023"),
        ],
        "2024-03-20",
    ),
    Form(
        "times: reporting year",
        "比2022年增长5%。一季度增长3%",
        [
            m("2022年", "date", "2022"),
            m("5%", "percent", 5, "%", direction="up"),
            m("一季度", "date", "2023-Q1"),
            m("3%", "percent", 3, "%", direction="up", as_of="2023-Q1"),
        ],
        "2023-04-18",
    ),
    # --- as_of and subject (the section of that name)
    Form(
        "as_of: layout breaks",
        "2023年某县统计公报\n全年全县粮食总产量比上年增长2.1%，其中小麦产量增长3.2%，玉米产量增长1.5%，大豆产量增长4.4%。"
        "\n年末全县常住人口48.6万人，\n比上年末减少0.3万人。",
        [
            m("2023年", "date", "2023"),
            m("全年", "date", "2023"),
            m("上年", "date", "2022"),
            m("2.1%", "percent", 2.1, "%", direction="up", as_of="2023", subject="粮食总产量"),
            m("3.2%", "percent", 3.2, "%", direction="up", as_of="2023", subject="小麦产量"),
            m("1.5%", "percent", 1.5, "%", direction="up", as_of="2023", subject="玉米产量"),
            m("4.4%", "percent", 4.4, "%", direction="up", as_of="2023", subject="大豆产量"),
            m("年末", "date", "2023-12"),
            m("48.6万人", "count", 486000, "人", as_of="2023-12", subject="常住人口"),
            m("上年末", "date", "2022-12"),
            m("0.3万人", "count", 3000, "人", direction="down", as_of="2023-12", subject="常住人口"),
        ],
        "2024-03-15",
    ),
    Form(
        "as_of: a time heading its paragraph",
        "市统计局发布\n前三季度，\n全市规模以上工业增加值增长6.3%。",
        [
            m("前三季度", "period", "2024-Q1/2024-Q3"),
            m("6.3%", "percent", 6.3, "%", direction="up", as_of="2024-Q1/2024-Q3", subject="规模以上工业增加值"),
        ],
        "2024-10-20",
    ),
    Form(
        "as_of: table cells",
        "表1 2023年主要指标\n指标\t2023年\t比上年增长（%）\n地区生产总值（亿元）\t2876.4\t5.2\n工业增加值（亿元）\t1020.3\t-2.5",
        [
            m("2023年", "date", "2023"),
            m("2023年", "date", "2023"),
            m("上年", "date", "2022"),
            m("2876.4", "money", 287640000000, "CNY", as_of="2023", subject="地区生产总值"),
            m("5.2", "percent", 5.2, "%", direction="up", as_of="2023", subject="地区生产总值"),
            m("1020.3", "money", 102030000000, "CNY", as_of="2023", subject="工业增加值"),
            m("-2.5", "percent", -2.5, "%", direction="up", as_of="2023", subject="工业增加值"),
        ],
        "2024-03-01",
    ),
    Form(
        "as_of: a list of dates",
        "3月2日和9日，市长两次主持召开专题会议。",
        [
            m("3月2日", "date", "2021-03-02"),
            m("9日", "date", "2021-03-09"),
            m("两次", "count", 2, "次", as_of="2021-03-02/2021-03-09"),
        ],
        "2021-06-01",
    ),
    Form(
        "subject: cut at the start",
        "全省在院治疗病例120例，国有企业利润增长6%。截至3月底，辽宁规模以上工业企业复工率达到95%。",
        [
            m("120例", "count", 120, "例", subject="在院治疗病例"),
            m("6%", "percent", 6, "%", direction="up", subject="国有企业利润"),
            m("3月底", "date", "2020-03"),
            m("95%", "percent", 95, "%", as_of="2020-03", subject="规模以上工业企业复工率"),
        ],
        "2020-04-05",
    ),
    Form(
        "subject: table headers",
        "新增病例按工作地分布\n工作地\t浦东\t闵行\n新增病例\t12\t5",
        [m("12", "number", 12, "", subject="新增病例"), m("5", "number", 5, "", subject="新增病例")],
        "2022-04-10",
    ),
    Form(
        "subject: lists",
        "棉花及麻类、甘蔗、烟叶产量分别增长2.1%、3.4%、5.6%。",
        [
            m("2.1%", "percent", 2.1, "%", direction="up", subject="棉花及麻类"),
            m("3.4%", "percent", 3.4, "%", direction="up", subject="甘蔗"),
            m("5.6%", "percent", 5.6, "%", direction="up", subject="烟叶产量"),
        ],
    ),
    Form(
        "subject: from A to B",
        "城镇居民人均可支配收入由2019年3.2万元增加到2023年4.1万元。",
        [
            m("2019年", "date", "2019"),
            m("3.2万元", "money", 32000, "CNY", as_of="2019", subject="城镇居民人均可支配收入"),
            m("2023年", "date", "2023"),
            m("4.1万元", "money", 41000, "CNY", as_of="2023", subject="城镇居民人均可支配收入"),
        ],
        "2024-03-05",
    ),
    Form(
        "subject: spaced PDF text",
        "邮政业务收入 88.4 亿元，下降 2.6%。",
        [
            m("88.4 亿元", "money", 8840000000, "CNY", subject="邮政业务收入"),
            m("2.6%", "percent", 2.6, "%", direction="down", subject="邮政业务收入"),
        ],
    ),
]


def _same(want: Any, got: Any) -> bool:
    if isinstance(want, (int, float)) and isinstance(got, Decimal):
        return abs(Decimal(str(want)) - got) <= abs(Decimal(str(want))) * Decimal("1e-9")
    return bool(want == got)


def _show(d: dict[str, Any]) -> str:
    rest = " ".join(f"{k}={v}" for k, v in d.items() if k not in ("text", "type", "value", "unit") and v is not None)
    unit = f" {d['unit']}" if d.get("unit") else ""
    return f"{d['text']!r} {d['type']} {d['value']}{unit}" + (f" ({rest})" if rest else "")


def check(form: Form) -> tuple[bool, list[str]]:
    got = [x for x in extract(form.text, published=form.published) if not isinstance(x, Entity)]
    shown = []
    ok = len(got) == len(form.want)
    for i, g in enumerate(got):
        w = form.want[i] if i < len(form.want) else None
        d = {"text": g.text, "type": g.type, "value": g.value, "unit": getattr(g, "unit", None)}
        if w is not None:
            d.update({k: getattr(g, k, None) for k in w if k not in d})
            if not all(_same(v, d.get(k)) for k, v in w.items()):
                ok = False
        shown.append(_show(d))
    return ok, shown


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="only the families whose name contains this")
    ap.add_argument("--markdown", action="store_true", help="a markdown table")
    args = ap.parse_args()
    wrong = 0
    if args.markdown:
        print("| family | form | published | expected | got | |")
        print("|---|---|---|---|---|---|")
    for f in FORMS:
        if args.only and args.only not in f.family:
            continue
        ok, got = check(f)
        wrong += not ok
        want = "; ".join(_show(w) for w in f.want) or "nothing"
        seen = "; ".join(got) or "nothing"
        text = f.text.replace("\n", "⏎")
        if args.markdown:
            print(f"| {f.family} | `{text}` | {f.published or ''} | {want} | {seen} | {'ok' if ok else '**wrong**'} |")
        else:
            print(f"{'ok   ' if ok else 'WRONG'} [{f.family}] {text}  ({f.published or '-'})")
            if not ok:
                print(f"        want: {want}\n        got:  {seen}")
    print(f"\n{sum(1 for f in FORMS if not args.only or args.only in f.family) - wrong} right, {wrong} wrong")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())

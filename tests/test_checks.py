"""Figures that check each other: each kind of check holding, failing and not applicable, on synthetic texts."""

from __future__ import annotations

import pytest

from bulletin_extract import Ruleset, extract_document
from bulletin_extract.records import Check


def _checks(text: str, kind: str | None = None) -> list[tuple[str, str]]:
    doc = extract_document(text, entities=False)
    return [(c.kind, c.status) for c in doc.checks if kind is None or c.kind == kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全省28369家企业中，已复工23849家，复工率84.1%。", [("ratio", "holds")]),
        ("全省28369家企业中，已复工23849家，复工率90.1%。", [("ratio", "fails")]),
        # rounded inputs widen the range: 11.185/19.255 .. 11.195/19.245 holds 58.15
        ("在建项目共19.25万个，已开复工11.19万个，开复工率达到58.15%。", [("ratio", "holds")]),
        # 超过98.71% is a floor: 98.7154 is over it
        ("接受诉求2024个，响应1998个，办理率超过98.71%。", [("ratio", "holds")]),
        # the count stands in the rate's own clause: the number of sites measured, not a numerator
        ("建成33个绿色社区；8个断面按月监测达标率为54.2%。", []),
        # items of one list are not a total and its part
        ("新建户厕22.7万户、改圈3.2万户，污水治理率55.7%。", []),
        ("派出1743人（医生480人、护士1232人、疾控人员31人）。", [("sum", "holds")]),
        # the bracket may list only some of the staff: no contradiction
        ("派出1750人（医生480人、护士1232人、疾控人员31人）。", [("sum", "not_applicable")]),
        ("城镇化率由45.2%提高到47.3%，提高2.1个百分点。", [("change", "holds")]),
        ("产值由100亿元增加到112亿元，增长15%。", [("change", "fails")]),
        # percentage points written with %
        ("比重由44%提高到45%，即提高1%。", [("change", "holds")]),
        # an annual average is not B - A
        ("国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%。", [("change", "not_applicable")]),
        ("其中计划开工5549个，其中1373个、663个。", [("sum", "not_applicable")]),
    ],
)
def test_checks_within_a_sentence(text, expected):
    assert _checks(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a 其中 that splits the total by scope covers all of it
        ("新增确诊病例588例，其中境外输入62例，本土526例。", [("sum", "holds")]),
        ("新增确诊病例590例，其中境外输入62例，本土526例。", [("sum", "fails")]),
        # a breakdown ends at its bracket: 16 severe cases are one part, the deaths another clause
        ("在院治疗19851例（其中重症16例），死亡3例。", []),
        ("累计确诊病例486例(含重症病例18例，危重症病例9例，治愈出院71例，死亡病例1例)。", [("sum", "not_applicable")]),
        # places may be only some of the total
        ("新增确诊病例5例，其中万州区2例、渝中区1例。", [("sum", "not_applicable")]),
        ("新增确诊病例5例，其中万州区2例、渝中区3例。", [("sum", "holds")]),
    ],
)
def test_sum_only_over_a_complete_breakdown(text, expected):
    assert _checks(text, "sum") == expected


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("区域\t在院治疗确诊病例\n浦东\t509\n黄浦\t12\n合计\t521", "holds"),
        ("区域\t在院治疗确诊病例\n浦东\t509\n黄浦\t12\n合计\t530", "fails"),
    ],
)
def test_table_total_row(table, expected):
    assert _checks(table, "sum") == [("sum", expected)]


def _one(text: str, kind: str) -> Check:
    (check,) = [c for c in extract_document(text, entities=False).checks if c.kind == kind]
    return check


def test_identity_outcomes_of_cumulative_cases():
    text = "截至2022年4月17日24时，累计本土确诊24529例，治愈出院4675例，在院治疗19851例（其中重症16例），死亡3例。"
    check = _one(text, "identity")
    assert (check.status, check.holds, check.rule) == ("holds", True, "epi.confirmed.outcomes")
    assert [(t.role, t.text) for t in check.figures] == [
        ("total", "24529例"),
        ("part", "4675例"),
        ("part", "19851例"),
        ("part", "3例"),
    ]
    wrong = _one(text.replace("24529例", "24530例"), "identity")
    assert (wrong.status, wrong.expected, wrong.stated) == ("fails", 24529, 24530)


def test_identity_with_a_missing_term_is_not_applicable():
    check = _one("截至2022年4月17日24时，累计本土确诊24529例，治愈出院4675例，死亡3例。", "identity")
    assert check.status == "not_applicable" and check.expected is None
    assert "epi.in_hospital" in check.explanation


def test_title_lead_and_section_must_agree():
    same = "新增本土确诊病例12例\n2022年4月1日0—24时，新增本土确诊病例12例。"
    assert _one(same, "consistency").status == "holds"
    differ = _one(same.replace("确诊病例12例。", "确诊病例13例。"), "consistency")
    assert differ.status == "fails"
    assert [t.text for t in differ.figures] == ["12例", "13例"]


def test_checks_tolerance_follows_stated_precision():
    doc = extract_document("全省3家企业中，已复工2家，复工率67%。", entities=False)
    (check,) = doc.checks
    assert check.tolerance == 0.5 and check.holds  # 66.67 rounds to 67


def test_check_written_before_status_reads_back():
    old = {
        "kind": "sum",
        "mentions": [0, 3],
        "expected": 3,
        "stated": 4,
        "tolerance": 0,
        "holds": False,
        "explanation": "",
    }
    assert Check.model_validate(old).status == "fails"
    with pytest.raises(ValueError, match="holds=True"):
        Check.model_validate({**old, "holds": True, "status": "fails"})


def test_every_identity_has_an_example_where_it_holds():
    rs = Ruleset.load()
    assert any(f.identities for f in rs.indicators), "the catalogue states no identity to check"
    for f in rs.indicators:
        for ident in f.identities:
            held = [
                ex.input
                for ex in f.examples
                for c in extract_document(ex.input, published=ex.published, entities=False).checks
                if c.rule == ident.id and c.status == "holds"
            ]
            assert held, f"identity {ident.id} holds in none of its file's examples"


def test_documents_table_counts_only_failing_checks():
    from bulletin_extract.io.readers import SourceDocument
    from bulletin_extract.io.tables import TableBuilder

    text = "派出1750人（医生480人、护士1232人、疾控人员31人）。产值由100亿元增加到112亿元，增长15%。"
    doc = extract_document(text, entities=False)
    assert sorted(c.status for c in doc.checks) == ["fails", "not_applicable"]
    builder = TableBuilder()
    builder.add(SourceDocument(doc_id="d", path=None, format="text", sha256=None, bytes=len(text), text=text), doc)
    documents = builder.tables()[1].to_pylist()
    assert (documents[0]["checks"], documents[0]["checks_failed"]) == (2, 1)


def _count(value: int, indicator: str | None, region: str, scope: str | None = None):
    from decimal import Decimal

    from bulletin_extract.records import Figure

    text = f"{value}例"
    return Figure(
        start=0, end=len(text), text=text, type="count", value=Decimal(value), unit="例",
        indicator=indicator, region=region, scope=scope,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("values", "expected"),
    [((2, 3), "holds"), ((4, 3), "fails"), ((1, 3), "not_applicable")],
)
def test_breakdown_by_place_judged(values, expected):
    from decimal import Decimal

    from bulletin_extract.context.checks.breakdowns import _judge_parts

    total = _count(5, "epi.confirmed.new", "重庆市", "all")
    parts = [
        _count(values[0], "epi.confirmed.new", "重庆市万州区", "all"),
        _count(values[1], "epi.confirmed.new", "重庆市渝中区", "all"),
    ]
    judged = _judge_parts(total, parts, Decimal(sum(values)))
    assert judged is not None and judged[0] == expected

"""Figures that check each other: ratio, sum and change relations, holding and failing."""

from __future__ import annotations

import pytest

from bulletin_extract import extract_document


def _checks(text: str):
    return [(c.kind, c.holds) for c in extract_document(text, entities=False).checks]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全省28369家企业中，已复工23849家，复工率84.1%。", [("ratio", True)]),
        ("全省28369家企业中，已复工23849家，复工率90.1%。", [("ratio", False)]),
        ("派出1743人（医生480人、护士1232人、疾控人员31人）。", [("sum", True)]),
        ("派出1750人（医生480人、护士1232人、疾控人员31人）。", [("sum", False)]),
        ("城镇化率由45.2%提高到47.3%，提高2.1个百分点。", [("change", True)]),
        ("产值由100亿元增加到112亿元，增长15%。", [("change", False)]),
        ("其中计划开工5549个，其中1373个、663个。", []),
    ],
)
def test_checks_relations_found_and_judged(text, expected):
    assert _checks(text) == expected


def test_checks_tolerance_follows_stated_precision():
    doc = extract_document("全省3家企业中，已复工2家，复工率67%。", entities=False)
    (check,) = doc.checks
    assert check.tolerance == 0.5 and check.holds  # 66.67 rounds to 67

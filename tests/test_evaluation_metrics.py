"""Scores (P/R/F1 micro, per type, per family; detection) and figure-attribute accuracy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bulletin_extract.evaluation import evaluate, load_gold
from bulletin_extract.evaluation.items import to_items
from bulletin_extract.evaluation.metrics import (
    DocumentResult,
    Score,
    attribute_accuracy,
    char_f1,
    indicator_accuracy,
    scores,
    subject_right,
)

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "gold"
DATA = Path(__file__).resolve().parent / "data" / "eval"

FIG = {
    "start": 0,
    "end": 6,
    "text": "28369家",
    "type": "count",
    "value": 28369,
    "unit": "家",
    "qualifier": "exact",
    "direction": None,
    "subject": "规模以上工业企业",
    "as_of": "2020-02-20",
}


def _result(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> DocumentResult:
    return DocumentResult.score("d", "x" * 100, to_items(gold, "gold"), to_items(pred, "pred"))


def _all_perfect(s: Any) -> None:
    for score in [s.micro, *s.per_family.values(), *s.per_type.values()]:
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


@pytest.mark.parametrize("as_mapping", [False, True], ids=["folder", "mapping"])
def test_metrics_gold_against_itself_is_perfect(as_mapping: bool) -> None:
    preds: Any = GOLD
    if as_mapping:
        preds = {d.doc_id: d.mentions for d in load_gold(GOLD)}
    report = evaluate(GOLD, predictions=preds)
    _all_perfect(report.strict)
    _all_perfect(report.detection)
    assert report.strict.micro.gold == report.strict.micro.predicted > 0
    assert all(a.accuracy == 1.0 and a.total > 0 for a in report.attributes.values())
    assert report.errors == []
    assert report.coverage.not_predicted == [] and report.coverage.unknown == []


@pytest.mark.parametrize(
    ("tp", "predicted", "gold", "p", "r", "f"),
    [(1, 2, 3, 0.5, 1 / 3, 0.4), (0, 0, 3, 0.0, 0.0, 0.0), (0, 2, 0, 0.0, 0.0, 0.0), (4, 4, 4, 1.0, 1.0, 1.0)],
)
def test_metrics_score_ratios(tp: int, predicted: int, gold: int, p: float, r: float, f: float) -> None:
    s = Score.of(tp, predicted, gold)
    assert (s.precision, s.recall) == pytest.approx((p, r))
    assert s.f1 == pytest.approx(f)


def test_metrics_counts_per_type_family_and_micro() -> None:
    date = {"start": 10, "end": 15, "text": "2月20日", "type": "date", "value": "2020-02-20"}
    org = {"start": 20, "end": 26, "type": "ORG"}
    gold = [FIG, date, org]
    pred = [FIG, dict(date, value="2020-02-21"), {"start": 30, "end": 33, "type": "LOC"}]
    s = scores([_result(gold, pred)])
    assert s.micro.true_positives == 1 and s.micro.predicted == 3 and s.micro.gold == 3
    assert s.per_type["count"].f1 == 1.0
    assert s.per_type["date"].true_positives == 0 and s.per_type["date"].predicted == 1
    assert s.per_type["ORG"].recall == 0.0 and s.per_type["LOC"].precision == 0.0
    assert list(s.per_family) == ["figures", "times", "entities"]
    assert s.per_family["entities"].gold == 1 and s.per_family["entities"].predicted == 1
    d = scores([_result(gold, pred)], detection=True)
    assert d.per_type["date"].true_positives == 1  # the wrong value is still a detection hit
    assert d.micro.true_positives == 2


@pytest.mark.parametrize(
    ("pred", "gold", "right"),
    [
        ("复工率", "复工率", True),
        ("工业企业", "规模以上工业企业", True),
        ("企业复工率", "复工率", True),
        ("确诊病例累计", "累计确诊病例", True),
        ("病例数", "确诊病例", True),
        ("出院人数", "确诊病例", False),
        ("ab", "acde", False),
        (None, None, True),
        ("", None, True),
        (None, "复工率", False),
        ("复工率", None, False),
        ("  ", "复工率", False),
    ],
)
def test_metrics_subject_rule(pred: str | None, gold: str | None, right: bool) -> None:
    assert subject_right(pred, gold) is right


@pytest.mark.parametrize(
    ("a", "b", "f1"), [("abc", "abd", 2 / 3), ("abc", "cba", 1.0), ("ab", "cd", 0.0), ("aab", "ab", 0.8)]
)
def test_metrics_char_f1(a: str, b: str, f1: float) -> None:
    assert char_f1(a, b) == pytest.approx(f1)


@pytest.mark.parametrize(
    ("change", "wrong"),
    [
        ({}, set()),
        ({"qualifier": "approx"}, {"qualifier"}),
        ({"qualifier": None}, set()),  # a missing qualifier is the record default, exact
        ({"direction": "up"}, {"direction"}),
        ({"as_of": "2020-02-20T24"}, set()),
        ({"as_of": None}, {"as_of"}),
        ({"as_of": "2020-02-21"}, {"as_of"}),
        ({"subject": "工业企业"}, set()),
        ({"subject": "复工率"}, {"subject"}),
        ({"subject": None}, {"subject"}),
    ],
)
def test_metrics_attribute_accuracy_per_attribute(change: dict[str, Any], wrong: set[str]) -> None:
    acc = attribute_accuracy([_result([FIG], [dict(FIG, **change)])])
    for name, a in acc.items():
        assert a.total == 1
        assert a.correct == (0 if name in wrong else 1), name


def test_metrics_attribute_accuracy_counts_only_matched_figures() -> None:
    unmatched = dict(FIG, start=40, end=46, value=1, qualifier="over")
    acc = attribute_accuracy([_result([FIG, dict(FIG, start=40, end=46)], [FIG, unmatched])])
    assert acc["qualifier"].total == 1 and acc["qualifier"].accuracy == 1.0


def test_metrics_attribute_accuracy_is_none_without_matched_figures() -> None:
    acc = attribute_accuracy(
        [_result([{"start": 0, "end": 2, "type": "PER"}], [{"start": 0, "end": 2, "type": "PER"}])]
    )
    assert all(a.total == 0 and a.accuracy is None for a in acc.values())


def test_metrics_fixture_scores_follow_the_deliberate_errors() -> None:
    report = evaluate(DATA / "gold", DATA / "pred" / "system.jsonl", root=DATA)
    s = report.strict.per_type
    # count: 28369 matches, 四部门 has the wrong unit, 20日 is spurious.
    assert (s["count"].true_positives, s["count"].predicted, s["count"].gold) == (2, 4, 3)
    assert s["pp"].true_positives == 0 and report.detection.per_type["pp"].true_positives == 1
    assert s["percent"].f1 == 1.0 and s["date"].f1 == 1.0 and s["period"].f1 == 1.0
    assert s["DOC"].recall == 0.0
    assert report.strict.micro.true_positives == 10
    assert report.attributes["subject"].correct == report.attributes["subject"].total == 4


def test_metrics_indicator_accuracy_on_labelled_figures() -> None:
    named = dict(FIG, indicator="res.enterprises", scope="all", measure="level")
    other = dict(FIG, start=40, end=46, indicator=None, scope=None, measure=None)
    unlabelled = dict(FIG, start=60, end=66)  # gold without indicator keys counts for nothing
    gold = [named, other, unlabelled]
    right = indicator_accuracy([_result(gold, [named, other, dict(unlabelled, indicator="x")])])
    assert {k: (a.correct, a.total) for k, a in right.items()} == {
        "indicator": (1, 1),
        "scope": (1, 1),
        "measure": (1, 1),
        "null": (1, 1),
    }
    wrong = indicator_accuracy([_result(gold, [dict(named, measure="change"), dict(other, indicator="macro.gdp")])])
    assert {k: (a.correct, a.total) for k, a in wrong.items()} == {
        "indicator": (1, 1),
        "scope": (1, 1),
        "measure": (0, 1),
        "null": (0, 1),
    }

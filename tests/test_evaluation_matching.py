"""The §5 matching rules, one hand-made pred/gold pair per rule."""

from __future__ import annotations

from typing import Any

import pytest

from bulletin_extract.evaluation.items import Item, to_item
from bulletin_extract.evaluation.matching import (
    fold_time,
    match,
    match_detection,
    numbers_equal,
    times_equal,
)


def _fig(start: int, end: int, value: float = 28369, unit: str = "家", type: str = "count", **kw: Any) -> Item:
    return to_item({"start": start, "end": end, "type": type, "value": value, "unit": unit, **kw})


def _time(start: int, end: int, value: str, type: str = "date") -> Item:
    return to_item({"start": start, "end": end, "type": type, "value": value})


def _ent(start: int, end: int, type: str = "ORG") -> Item:
    return to_item({"start": start, "end": end, "type": type})


@pytest.mark.parametrize(
    ("value", "folded"),
    [
        ("2020-02-19T00/2020-02-20T24", "2020-02-19/2020-02-20"),
        ("2020-02-19T00/2020-02-19T12", "2020-02-19/2020-02-19T12"),
        ("2020-02-19T08/2020-02-19T24", "2020-02-19T08/2020-02-19"),
        ("2020-02-19T00:00/2020-02-19T24:00", "2020-02-19/2020-02-19"),
        ("2020-02-19T24/2020-02-20T00", "2020-02-19T24/2020-02-20T00"),
        ("2020-02-16T24", "2020-02-16"),
        ("2020-02-16T00", "2020-02-16"),
        ("2020-02-16T12", "2020-02-16T12"),
        ("2020-02-16T12:33", "2020-02-16T12:33"),
        ("2020-Q1/2020-Q3", "2020-Q1/2020-Q3"),
        ("2020", "2020"),
    ],
)
def test_matching_fold_time_folds_only_whole_day_bounds(value: str, folded: str) -> None:
    assert fold_time(value) == folded


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        (1_000_000, 1_000_000.5, True),
        (1_000_000, 1_000_002, False),
        (200 / 3, 66.66667, True),
        (200 / 3, 66.6, False),
        (84.1, 84.1000001, True),
        (84.1, 84.2, False),
        (0, 0, True),
        (0, 1e-9, False),
        (-5, 5, False),
    ],
)
def test_matching_numbers_equal_uses_relative_tolerance(a: float, b: float, equal: bool) -> None:
    assert numbers_equal(a, b) is equal
    assert numbers_equal(b, a) is equal


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        (None, None, True),
        ("2020-02-20", None, False),
        (None, "2020-02-20", False),
        ("2020-02-20T24", "2020-02-20", True),
        ("2020-02-20", "2020-02-21", False),
    ],
)
def test_matching_times_equal_handles_null_and_folding(a: str | None, b: str | None, equal: bool) -> None:
    assert times_equal(a, b) is equal


CASES = {
    "same span and value": (_fig(10, 16), _fig(10, 16), True, True),
    "partial overlap counts": (_fig(10, 15), _fig(10, 16), True, True),
    "one shared character counts": (_fig(15, 20), _fig(10, 16), True, True),
    "touching spans do not overlap": (_fig(16, 20), _fig(10, 16), False, False),
    "disjoint spans": (_fig(30, 36), _fig(10, 16), False, False),
    "value within 1e-6": (_fig(10, 16, value=28369.0001), _fig(10, 16), True, True),
    "value beyond 1e-6": (_fig(10, 16, value=28370), _fig(10, 16), False, True),
    "unit mismatch": (_fig(10, 16, unit="个"), _fig(10, 16), False, True),
    "type mismatch": (_fig(10, 16, type="quantity"), _fig(10, 16), False, False),
    "date T24 folds into the day": (_time(0, 5, "2020-02-20T24"), _time(0, 5, "2020-02-20"), True, True),
    "period whole-day bounds fold": (
        _time(0, 9, "2020-02-19T00/2020-02-20T24", "period"),
        _time(0, 9, "2020-02-19/2020-02-20", "period"),
        True,
        True,
    ),
    "period part-day bound stays": (
        _time(0, 9, "2020-02-19T00/2020-02-19T12", "period"),
        _time(0, 9, "2020-02-19/2020-02-19", "period"),
        False,
        True,
    ),
    "date vs period never match": (
        _time(0, 9, "2020-02-19", "date"),
        _time(0, 9, "2020-02-19/2020-02-19", "period"),
        False,
        False,
    ),
    "entity exact span": (_ent(3, 9), _ent(3, 9), True, True),
    "entity overlapping span": (_ent(3, 8), _ent(3, 9), False, False),
    "entity type mismatch": (_ent(3, 9, "LOC"), _ent(3, 9), False, False),
}


@pytest.mark.parametrize(("pred", "gold", "strict", "detected"), CASES.values(), ids=CASES.keys())
def test_matching_pair_rules(pred: Item, gold: Item, strict: bool, detected: bool) -> None:
    assert bool(match([pred], [gold]).pairs) is strict
    assert bool(match_detection([pred], [gold]).pairs) is detected


def test_matching_greedy_takes_largest_overlap_first() -> None:
    gold = [_fig(0, 10), _fig(6, 12)]
    # p0 overlaps g0 by 8 and g1 by 4; p1 overlaps each by 2. Greedy gives p0->g0 first, then p1->g1.
    pred = [_fig(2, 10), _fig(6, 8)]
    al = match(pred, gold)
    assert al.pairs == ((0, 0), (1, 1))
    assert al.unmatched_pred == () and al.unmatched_gold == ()


def test_matching_greedy_prefers_overlap_over_order() -> None:
    gold = [_fig(0, 5), _fig(5, 10)]
    pred = [_fig(3, 10)]  # overlaps g0 by 2, g1 by 5
    al = match(pred, gold)
    assert al.pairs == ((0, 1),)
    assert al.unmatched_gold == (0,)


@pytest.mark.parametrize("n_pred", [2, 3])
def test_matching_is_one_to_one(n_pred: int) -> None:
    gold = [_fig(10, 16)]
    pred = [_fig(10, 16) for _ in range(n_pred)]
    al = match(pred, gold)
    assert len(al.pairs) == 1
    assert len(al.unmatched_pred) == n_pred - 1
    assert al.unmatched_gold == ()


def test_matching_value_error_leaves_gold_free_for_a_correct_prediction() -> None:
    gold = [_fig(10, 16)]
    pred = [_fig(10, 16, value=1), _fig(11, 16)]
    al = match(pred, gold)
    assert al.pairs == ((1, 0),)
    assert al.unmatched_pred == (0,)


def test_matching_unknown_type_is_never_matched() -> None:
    pred = [to_item({"start": 0, "end": 3, "type": "MONEY"})]
    gold = [_fig(0, 3, type="money", unit="CNY")]
    assert match(pred, gold).pairs == ()
    assert match_detection(pred, gold).pairs == ()

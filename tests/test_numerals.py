"""Numeral parsing: Arabic with separators and magnitudes, Chinese structured and digit-by-digit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin_extract import default_ruleset

_TABLE = default_ruleset().numerals


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7155.2万", "71552000"),
        ("2.56万", "25600"),
        ("1.2亿", "120000000"),
        ("28,369", "28369"),
        ("3.5万亿", "3500000000000"),
        ("三千五百万", "35000000"),
        ("两万", "20000"),
        ("十二", "12"),
        ("十", "10"),
        ("二十", "20"),
        ("一百零五", "105"),
        ("三千五", "3500"),
        ("两万五", "25000"),
        ("一亿二千万", "120000000"),
        ("二〇二〇", "2020"),
        ("一九五六", "1956"),
        ("七点八", "7.8"),
        ("零点五", "0.5"),
        ("四", "4"),
    ],
)
def test_numerals_parse_exact(text, value):
    assert _TABLE.parse(text) == Decimal(value)


@pytest.mark.parametrize("text", ["十四五", "一一", "", "1.2.3", "点五", "万一x"])
def test_numerals_malformed_is_none(text):
    assert _TABLE.parse(text) is None


@given(st.integers(min_value=0, max_value=10**15))
def test_numerals_arabic_integers_round_trip(n):
    assert _TABLE.parse(str(n)) == n
    assert _TABLE.parse(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["万", "亿"]))
def test_numerals_magnitude_scales_exactly(n, mag):
    factor = 10**4 if mag == "万" else 10**8
    assert _TABLE.parse(f"{n / 10}{mag}") == Decimal(str(n / 10)) * factor

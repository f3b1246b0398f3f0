"""The public entry point: input checking, empty input, the span invariant on any string."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_extract import InputTypeError, PublishedDateError, extract, extract_document

_CHARS = st.text(
    alphabet=st.sampled_from(
        list(
            "0123456789０１２.．,%％万亿千百十一二两三五〇零点多余约近年月日时至—-个家人元吨天《》“”\n\t 　第是的为增长下降复工率"
        )
    ),
    max_size=80,
)


@pytest.mark.parametrize("bad", [b"\xe5\xa4\x8d", bytearray(b"abc")])
def test_api_bytes_raise_type_error_telling_to_decode(bad):
    with pytest.raises(TypeError, match="decode"):
        extract(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [None, 3, ["复工率84.1%"], {"text": "x"}])
def test_api_non_str_raises_type_error_naming_type(bad):
    with pytest.raises(InputTypeError, match=type(bad).__name__):
        extract(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", " ", "\n\t　", "   \n"])
def test_api_empty_and_whitespace_give_nothing(text):
    assert extract(text) == []


@pytest.mark.parametrize("bad", ["2020-13-45", "yesterday", "二月", 20200222])
def test_api_unparsable_published_raises_value_error_naming_it(bad):
    with pytest.raises(ValueError, match=str(bad)):
        extract("复工率84.1%", published=bad)  # type: ignore[arg-type]
    assert issubclass(PublishedDateError, ValueError)


def test_api_published_accepts_date_and_string():
    a = extract("2月20日复工率84.1%", published=dt.date(2020, 2, 22), entities=False)
    b = extract("2月20日复工率84.1%", published="2020-02-22", entities=False)
    assert a == b
    assert [m.value for m in a if m.type == "date"] == ["2020-02-20"]


def test_api_published_is_detected_from_header():
    doc = extract_document("标题\n\n2020-02-22 12:33\n\n截至2月20日，复工率84.1%。", entities=False)
    assert doc.published == dt.date(2020, 2, 22)


@pytest.mark.slow  # about 2 s on a fresh checkout, before hypothesis has a database of examples
@settings(max_examples=300, deadline=None)
@given(_CHARS | st.text(max_size=60))
def test_api_any_string_gives_valid_sorted_spans(text):
    mentions = extract(text, entities=False)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)

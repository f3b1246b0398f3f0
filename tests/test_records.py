"""Public record types: JSON round trip, schema export, the frozen contract."""

from __future__ import annotations

import json
from decimal import Decimal

import pydantic
import pytest

from bulletin_extract import Figure, extract, json_schema, mentions_from_json

TEXT = "截至2月20日，全省28369家企业已复工，复工率84.1%，较前一日提高2.1个百分点，口罩7155.2万只。"


def test_records_json_round_trip():
    ms = extract(TEXT, published="2020-02-22", entities=False)
    dumped = [m.model_dump(mode="json") for m in ms]
    json.dumps(dumped, ensure_ascii=False)  # plain JSON: numbers, not Decimal strings
    assert mentions_from_json(json.loads(json.dumps(dumped))) == ms


def test_records_values_are_json_numbers():
    fig = next(m for m in extract(TEXT, entities=False) if m.text == "7155.2万只")
    assert fig.model_dump(mode="json")["value"] == 71552000
    pct = next(m for m in extract(TEXT, entities=False) if m.text == "84.1%")
    assert pct.model_dump(mode="json")["value"] == 84.1


def test_records_schema_lists_every_type():
    schema = json.dumps(json_schema(), ensure_ascii=False)
    for t in [
        "percent",
        "pp",
        "count",
        "money",
        "quantity",
        "duration",
        "number",
        "date",
        "period",
        "PER",
        "ORG",
        "LOC",
        "DOC",
    ]:
        assert f'"{t}"' in schema


def test_records_are_frozen():
    fig = next(m for m in extract(TEXT, entities=False) if isinstance(m, Figure))
    with pytest.raises(pydantic.ValidationError):
        fig.value = 1  # type: ignore[misc]


def test_records_figure_fields_follow_the_guideline():
    pp = next(m for m in extract(TEXT, published="2020-02-22", entities=False) if m.type == "pp")
    assert (pp.value, pp.unit, pp.direction, pp.as_of, pp.compared_to) == (
        Decimal("2.1"),
        "pp",
        "up",
        "2020-02-20",
        "前一日",
    )
    assert pp.subject == "复工率"


def test_records_built_without_validation_behave_as_validated_ones():
    import pickle

    fig = next(m for m in extract(TEXT, entities=False) if isinstance(m, Figure))
    validated = Figure.model_validate(fig.model_dump())
    assert fig == validated and fig.model_fields_set == validated.model_fields_set
    assert fig.__pydantic_extra__ is None and fig.__pydantic_private__ is None
    copy = fig.model_copy(update={"subject": "x"})
    assert (copy.subject, fig.subject) == ("x", validated.subject)
    assert pickle.loads(pickle.dumps(fig)) == fig

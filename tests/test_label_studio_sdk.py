"""The shipped labeling config and the tasks export and preannotate write, checked by Label Studio's own
validators (``label_studio_sdk.label_interface.LabelInterface``), where the SDK is installed.

The SDK is large (about 500 MB with its dependencies) and not a test extra; to run this check:
``python -m venv /tmp/ls && /tmp/ls/bin/pip install label-studio-sdk pytest`` (in its own environment: it pins
its own pydantic), ``/tmp/ls/bin/pip install --no-deps -e . pyyaml regex jieba``, then
``/tmp/ls/bin/python -m pytest tests/test_label_studio_sdk.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_extract.evaluation import load_gold
from bulletin_extract.evaluation.label_studio import label_config, prediction_task, to_label_studio

sdk = pytest.importorskip("label_studio_sdk.label_interface", reason="label-studio-sdk is not installed")

GOLD = Path(__file__).resolve().parent.parent / "gold"


def test_label_studio_sdk_accepts_the_config_and_every_gold_task() -> None:
    li = sdk.LabelInterface(label_config())
    tasks = to_label_studio(load_gold(GOLD))
    assert len(tasks) > 40
    for t in tasks:
        assert li.validate_task({k: v for k, v in t.items() if k != "annotations"})
        result = t["annotations"][0]["result"]
        errors = [
            e
            for i, r in enumerate(result)
            for e in li.validate_region(r, return_errors=True, region_index=i, context={"result": result, "region": r})
        ]
        assert not errors, errors[:3]
        assert li.validate_annotation(t["annotations"][0])


def test_label_studio_sdk_accepts_predictions_and_rejects_what_the_config_does_not_allow() -> None:
    li = sdk.LabelInterface(label_config())
    mention = {
        "start": 0,
        "end": 3,
        "text": "84%",
        "type": "percent",
        "value": 84,
        "unit": "%",
        "qualifier": "exact",
        "direction": None,
        "subject": None,
        "as_of": None,
    }
    task = prediction_task(1, "84%", {"doc_id": "x"}, [mention], "bulletin-extract")
    assert not li.validate_prediction(task["predictions"][0], return_errors=True)
    bad = {
        "id": "r",
        "from_name": "qualifier",
        "to_name": "text",
        "type": "choices",
        "value": {"start": 0, "end": 3, "choices": ["maybe"]},
    }
    assert li.validate_region(bad, return_errors=True)

"""A document's region: the first province named in its title or opening, from the gazetteer with ``role: provinces``."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_extract import Engine, Ruleset, default_engine
from bulletin_extract.context.region import detect_region


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("山东：“十个精准”保持疫情防控形势下经济社会持续健康发展\n正文", "山东省"),
        ("广西壮族自治区新增确诊病例\n", "广西壮族自治区"),
        ("各地复工复产\n截至2月20日，湖北累计", "湖北省"),
        ("国务院新闻办公室举行发布会\n全国", None),
    ],
)
def test_regions_first_province(text, region):
    engine = default_engine()
    assert detect_region(engine.model(text), engine.regions) == region


def test_regions_only_the_provinces_role_counts(tmp_path: Path):
    f = tmp_path / "cities.yaml"
    f.write_text(
        "kind: gazetteer\nlabel: LOC\ndescription: Province-level lookalike without the role\nnames: [苏州市]\n",
        encoding="utf-8",
    )
    engine = Engine.build(Ruleset.load([f]))
    assert detect_region(engine.model("苏州市发布\n"), engine.regions) is None

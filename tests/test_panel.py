"""The panel: indicators on figures, derived counts, one row per key with evidence, exports, plot, CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from bulletin_extract import extract_document, extract_frame, extract_panel, panel_frame
from bulletin_extract.indicators.export import PanelFormatError, write_panel
from bulletin_extract.indicators.periods import period_bounds

BULLETIN = (
    "上海2022年4月14日，新增本土新冠肺炎确诊病例30例 新增本土无症状感染者200例 治愈出院5例\n"
    "2022年4月14日0—24时，新增本土新冠肺炎确诊病例30例和无症状感染者200例，其中3例确诊病例为此前无症状感染者转归。"
    "新增治愈出院5例。\n"
    "病例1—病例20，居住于浦东新区，病例21—病例28，居住于黄浦区，病例29、病例30，居住于浦东新区，为此前报告的本土无症状感染者。\n"
    "无症状感染者1—无症状感染者200，居住于徐汇区。\n"
    "2022年4月14日0—24时，无新增境外输入性新冠肺炎确诊病例。\n"
)


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return extract_panel({"sh": BULLETIN}, published="2022-04-15", region="上海市", entities=False)


def _cell(panel: pd.DataFrame, indicator: str, region: str = "上海市", scope: str = "local") -> pd.Series:
    rows = panel[(panel.indicator == indicator) & (panel.region == region) & (panel.scope == scope)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_repeats_of_one_figure_are_one_cell_with_every_mention_as_evidence(panel):
    cell = _cell(panel, "epi.confirmed.new")
    assert (cell.value, cell.mentions, cell.conflict, cell.period) == (30, 2, False, "2022-04-14")
    evidence = json.loads(cell.evidence)
    assert [e["text"] for e in evidence] == ["30例", "30例"]
    assert all(BULLETIN[e["start"] : e["end"]] == e["text"] for e in evidence)


def test_converted_cases_have_their_own_indicator_and_the_day_is_a_proper_date(panel):
    cell = _cell(panel, "epi.converted.new")
    assert cell.value == 3
    assert (cell.period_start, cell.period_end, cell.granularity) == (
        pd.Timestamp("2022-04-14"),
        pd.Timestamp("2022-04-14"),
        "day",
    )
    assert cell.published == pd.Timestamp("2022-04-15")


def test_case_id_lists_give_derived_district_counts_that_add_up(panel):
    pudong = _cell(panel, "epi.confirmed.new", "上海市浦东新区")
    huangpu = _cell(panel, "epi.confirmed.new", "上海市黄浦区")
    xuhui = _cell(panel, "epi.asymptomatic.new", "上海市徐汇区")
    assert (pudong.value, huangpu.value, xuhui.value) == (22, 8, 200)
    assert pudong.derived and pudong.region_code == "310115000000"
    assert pudong.period == "2022-04-14"


def test_a_zero_stated_in_words_is_a_derived_cell(panel):
    cell = _cell(panel, "epi.confirmed.new", scope="imported")
    assert (cell.value, cell.derived) == (0, True)
    assert json.loads(cell.evidence)[0]["text"] == "无新增境外输入性新冠肺炎确诊病例"


def test_two_values_for_one_key_are_a_conflict_with_the_alternatives():
    text = "新增治愈出院5例。\n新增治愈出院7例。"
    p = extract_panel([text], published="2022-04-15", region="上海市", entities=False)
    cell = p[p.indicator == "epi.discharged.new"].iloc[0]
    assert (cell.value, cell.conflict, json.loads(cell.alternatives)) == (5, True, ["7"])


def test_a_fall_stated_in_words_is_negative_in_the_panel_but_not_in_the_mention():
    text = "10月份，居民消费价格同比下降0.3%。"
    doc = extract_document(text, published="2023-11-09", entities=False)
    (fig,) = [m for m in doc.mentions if m.type == "percent"]
    assert (float(fig.value), fig.direction, fig.indicator, fig.measure) == (0.3, "down", "macro.cpi", "change")
    p = extract_panel([text], published="2023-11-09", entities=False)
    assert p[["indicator", "measure", "period", "value"]].values.tolist() == [["macro.cpi", "change", "2023-10", -0.3]]


def test_a_breakdown_by_origin_makes_no_cell_but_one_by_scope_does():
    text = "新增治愈出院6例，其中来自加拿大2例，来自香港特别行政区1例。解除医学观察无症状感染者9例，其中本土8例，境外输入1例。"
    doc = extract_document(text, published="2022-04-15", region="上海市", entities=False)
    got = [(m.text, m.indicator, m.scope) for m in doc.mentions if m.type == "count"]
    assert got == [
        ("6例", "epi.discharged.new", "all"),
        ("2例", None, None),
        ("1例", None, None),
        ("9例", "epi.released.new", "all"),
        ("8例", "epi.released.new", "local"),
        ("1例", "epi.released.new", "imported"),
    ]


def test_regions_are_canonical_divisions_read_inside_the_document_region():
    doc = extract_document("区域\t在院治疗确诊病例\n普陀\t12\n合计\t12", region="上海市", entities=False)
    cells = [(m.text, m.region, m.region_code) for m in doc.mentions if m.type == "number"]
    assert cells == [("12", "上海市普陀区", "310107000000"), ("12", "上海市", "310000000000")]


@pytest.mark.parametrize(
    ("iso", "bounds"),
    [
        ("2023", (dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year")),
        ("2023-Q2", (dt.date(2023, 4, 1), dt.date(2023, 6, 30), "quarter")),
        ("2024-02", (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month")),
        ("2022-04-14T24", (dt.date(2022, 4, 14), dt.date(2022, 4, 14), "day")),
        ("2023-01/2023-05", (dt.date(2023, 1, 1), dt.date(2023, 5, 31), "range")),
        ("2024-W10", (dt.date(2024, 3, 4), dt.date(2024, 3, 10), "week")),
        ("2020-02-30", (None, None, "unknown")),
        (None, (None, None, "unknown")),
    ],
)
def test_period_bounds(iso, bounds):
    assert period_bounds(iso) == bounds


def test_exports_read_back(tmp_path, panel):
    csv = tmp_path / "p.csv"
    write_panel(panel, csv)
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    back = pd.read_csv(csv, encoding="utf-8-sig")
    assert back["region"].tolist() == panel["region"].tolist()
    write_panel(panel, tmp_path / "p.xlsx")
    assert pd.read_excel(tmp_path / "p.xlsx")["value"].tolist() == panel["value"].tolist()
    write_panel(panel, tmp_path / "p.dta")
    stata = pd.read_stata(tmp_path / "p.dta")
    assert stata["indicator"].tolist() == panel["indicator"].tolist()
    assert stata["conflict"].tolist() == panel["conflict"].astype(int).tolist()
    with pytest.raises(PanelFormatError, match="parquet"):
        write_panel(panel, tmp_path / "p.json")


def test_panel_of_a_mentions_table_equals_extract_panel(panel):
    frame = extract_frame({"sh": BULLETIN}, published="2022-04-15", region="上海市", entities=False)
    pd.testing.assert_frame_equal(panel_frame(frame), panel)


def test_panel_command_on_a_folder_and_on_its_mentions_table(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(BULLETIN, encoding="utf-8")
    (src / "b.txt").write_text("2月20日，全省规模以上工业企业复工率84.1%。", encoding="utf-8")
    out = tmp_path / "panel.csv"
    cli = [sys.executable, "-m", "bulletin_extract.cli"]
    run = subprocess.run([*cli, "panel", str(src), "-o", str(out), "--no-entities", "--jobs", "1", "-q"], check=False)
    assert run.returncode == 0
    p = pd.read_csv(out, encoding="utf-8-sig")
    assert set(p["doc_id"]) == {"a.txt", "b.txt"}
    assert p[p.indicator == "res.work_rate"]["value"].tolist() == [84.1]
    again = tmp_path / "again.parquet"
    run = subprocess.run([*cli, "panel", str(tmp_path / "panel.mentions.parquet"), "-o", str(again), "-q"], check=False)
    assert run.returncode == 0
    assert len(pd.read_parquet(again)) == len(p)


def test_plot_writes_a_non_blank_png_headless(tmp_path, panel):
    pytest.importorskip("matplotlib")
    from bulletin_extract.indicators.plot import PlotError, plot_panel

    out = plot_panel(panel, "epi.confirmed.new", tmp_path / "p.png")
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000
    with pytest.raises(PlotError, match="no dated rows"):
        plot_panel(panel, "macro.gdp", tmp_path / "q.png")


def test_panel_gold_scores(tmp_path):
    """The panel against its gold (30 corpus bulletins): a regression floor, not a target."""
    from bulletin_extract.evaluation.panel import evaluate_panel

    root = Path(__file__).resolve().parents[1]
    score = evaluate_panel(root / "gold" / "panel", root).as_dict()
    assert score["documents"] == 30
    assert score["cells"]["precision"] >= 0.97 and score["cells"]["recall"] >= 0.95, score


def test_case_id_lists_survive_spaces_and_a_stray_comma_around_the_place_word():
    doc = extract_document(
        "病例1—病例6，居住于浦东新区，\n病例7、病例8，   居住于，徐汇区，", region="上海市", entities=False
    )
    assert [(x.region, x.value, x.indicator) for x in doc.derived] == [
        ("上海市浦东新区", 6, "epi.confirmed.new"),
        ("上海市徐汇区", 2, "epi.confirmed.new"),
    ]
    assert all(doc_text_span_ok(x) for x in doc.derived)


def doc_text_span_ok(x) -> bool:
    text = "病例1—病例6，居住于浦东新区，\n病例7、病例8，   居住于，徐汇区，"
    return text[x.start : x.end] == x.text and all(text[a:b].startswith("病例") for a, b in x.evidence)


def test_indicator_accuracy_on_the_gold_figures():
    """Indicator ids of the figures of gold/ (annotator Q): a regression floor, not a target."""
    from bulletin_extract.evaluation.indicators import indicator_scores

    root = Path(__file__).resolve().parents[1]
    score = indicator_scores(root / "gold", root).as_dict()
    assert score["with_indicator"] >= 700
    assert score["indicator_accuracy"] >= 0.95 and score["null_accuracy"] >= 0.98, score


def test_indicator_scores_count_each_kind_of_miss_and_the_report_groups_them():
    from bulletin_extract.evaluation.indicators import IndicatorPair, IndicatorScore, _report

    def pair(gold, pred, start=0):
        return IndicatorPair("d", start, start + 2, "3例", "…3例…", gold, pred)

    right = pair(("epi.confirmed.new", "local", "level"), ("epi.confirmed.new", "all", "level"))
    wrong = pair(("epi.confirmed.cumulative", "all", "level"), ("epi.confirmed.new", "all", "level"), 5)
    missed = pair(("epi.deaths.new", "all", "level"), (None, None, None), 9)
    null_kept = pair((None, None, None), (None, None, None), 12)
    null_lost = pair((None, None, None), ("macro.gdp", "all", "level"), 15)
    score = IndicatorScore.of([right, wrong, missed, null_kept, null_lost]).as_dict()
    assert (score["with_indicator"], score["matched_figures_labelled"]) == (3, 5)
    assert score["indicator_accuracy"] == 1 / 3 and score["scope_accuracy"] == 0.0
    assert score["measure_accuracy"] == 1 / 3 and score["null_accuracy"] == 0.5
    assert sorted(map(tuple, score["confusions"])) == [
        ("epi.confirmed.cumulative", "epi.confirmed.new", 1),
        ("epi.deaths.new", "null", 1),
    ]
    report = _report([right, wrong, missed, null_kept, null_lost])
    assert "== gold null / predicted macro.gdp: 1" in report and "d [15:17]" in report
    assert "gold epi.confirmed.new" not in report  # a right figure is no error


def test_a_figure_with_no_time_in_its_sentence_takes_the_year_the_report_is_on_where_it_stands():
    """A work report reviews last year, then plans this one: 国内生产总值 of the review is last year's."""
    text = (
        "2007年政府工作报告\n一、2006年工作回顾\n国内生产总值20.94万亿元，比上年增长10.7%。\n"
        "二、2007年工作的总体要求\n粮食产量达到5亿吨。\n"
    )
    p = extract_panel([text], published="2007-03-05", region="全国", entities=False)
    periods = dict(zip(p["indicator"] + "/" + p["measure"], p["period"], strict=True))
    assert periods["macro.gdp/level"] == "2006"
    assert periods["macro.grain_output/level"] == "2007"
    assert set(p["period_from"]) == {"document"}

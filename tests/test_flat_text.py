"""An announcement scraped without line breaks (one long line) gives the graph its lined
version gives: the page furniture in the middle of it is cut out piece by piece, not the
whole page with it."""
from datetime import date
from pathlib import Path

import pytest

from conftest import FIXTURES, SEEDS
from yilian.loaders.decode import decode_bytes
from yilian.loaders.pipeline import extract_file
from yilian.loaders.read import read_document

ANNOUNCEMENTS = sorted(FIXTURES.glob("announcements/*")) + sorted(SEEDS.glob("*.txt"))


def _facts(path: Path):
    g = extract_file(path).to_json()
    names = {n["id"]: n["name"] for n in g["nodes"]}
    nodes = {(n["label"], n["name"]) for n in g["nodes"]}
    edges = {(e["type"], names[e["source"]], names[e["target"]]): e.get("evidence") for e in g["edges"]}
    return nodes, edges


def _flatten(src: Path, folder: Path) -> Path:
    text, _ = decode_bytes(src.read_bytes())
    flat = folder / src.name
    flat.write_text(text.replace("\r", "").replace("\n", ""), encoding="utf-8")
    return flat


@pytest.mark.parametrize("path", ANNOUNCEMENTS, ids=lambda p: p.name)
def test_flattened_announcement_gives_the_same_graph(path, tmp_path):
    nodes, edges = _facts(path)
    flat_nodes, flat_edges = _facts(_flatten(path, tmp_path))  # a ReadError here: the page was skipped
    assert flat_nodes == nodes
    assert flat_edges.keys() == edges.keys()
    for key, evidence in edges.items():
        # A line without a full stop (a caption, a subtitle) cannot be told apart from the
        # sentence after it once the line break is gone; every other sentence is the same.
        assert evidence is None or evidence in flat_edges[key], key


FLAT_PAGE = (
    "站内搜索:  首页 > 新闻中心 > 医院新闻甲乙市第一人民医院与丙丁县人民医院签约共建医联体"
    "发布时间：2024-05-13　来源：院办　点击数：2415关键词：医联体；签约5月12日，甲乙市第一人民医院与"
    "丙丁县人民医院签署医联体合作协议。记者从甲乙市卫生健康委员会获悉，丙丁县人民医院成为医联体成员单位。"
    "“我们将全力支持。”甲乙市第一人民医院院长王明远说。上一篇：我院召开年度工作会议下一篇：义诊活动"
    "编辑：李华　甲乙市第一人民医院 版权所有　京ICP备00000000号"
)


def test_furniture_in_a_flat_page_cuts_only_its_own_piece(tmp_path):
    f = tmp_path / "flat.txt"
    f.write_text(FLAT_PAGE, encoding="utf-8")
    doc = read_document(f)
    assert doc.title == "甲乙市第一人民医院与丙丁县人民医院签约共建医联体"
    assert doc.published == date(2024, 5, 13)
    for kept in ("5月12日，甲乙市第一人民医院与丙丁县人民医院签署医联体合作协议。",
                 "记者从甲乙市卫生健康委员会获悉",  # a sentence that starts with a byline word is text
                 "甲乙市第一人民医院院长王明远说。"):
        assert kept in doc.value
    for dropped in ("站内搜索", "首页", "点击数", "2415", "关键词", "上一篇", "义诊活动", "编辑", "版权所有", "ICP"):
        assert dropped not in doc.value
    sentences = [doc.value[s:e] for s, e in doc.sentences]
    assert "甲乙市第一人民医院院长王明远说" in sentences  # not "”甲乙市…"


def test_a_list_without_line_breaks_keeps_its_items_apart(tmp_path):
    f = tmp_path / "list.txt"
    f.write_text("成员名单如下。一、城市医疗集团（2个）1. 甲乙市第一人民医院城市医疗集团牵头单位：甲乙市第一人民医院"
                 "2. 甲乙市中心医院城市医疗集团牵头单位：甲乙市中心医院二、工作要求每周二、周四开展远程查房，统一、规范管理。",
                 encoding="utf-8")
    lines = read_document(f).value.split("\n")
    assert "牵头单位：甲乙市第一人民医院" in lines and "2. 甲乙市中心医院城市医疗集团" in lines
    assert "二、工作要求每周二、周四开展远程查房，统一、规范管理。" in lines  # 周二、 and 统一、 are no items


def test_cuts_are_tried_wherever_one_can_start():
    # _CUT is tried only at the characters _CUT_START lists; trying it everywhere finds no more.
    from yilian.loaders.read import _CUT, _CUT_START

    lines = [FLAT_PAGE] + [decode_bytes(p.read_bytes())[0].replace("\n", "") for p in ANNOUNCEMENTS]
    for line in lines:
        everywhere = [(m.start(), m.end()) for m in _CUT.finditer(line)]
        found, pos = [], 0
        for t in _CUT_START.finditer(line):
            m = _CUT.match(line, t.start()) if t.start() >= pos else None
            if m:
                found.append((m.start(), m.end()))
                pos = max(m.end(), m.start() + 1)
        assert found == everywhere


def test_a_source_field_running_into_the_text_ends_at_the_institution(tmp_path):
    f = tmp_path / "flat.txt"
    f.write_text("某县两院签约共建医联体 2024-03-02 10:20:00 来源:丙丁市卫生健康委员会为推动分级诊疗，"
                 "3月1日，丙丁县人民医院与丙丁市第一人民医院签署医联体协议。", encoding="utf-8")
    assert read_document(f).source == "丙丁市卫生健康委员会"

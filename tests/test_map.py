"""The map's data and routes without a browser: the shipped geometry covers the gazetteer (every
county has a polygon or is listed as lacking one), coverage colours follow analytics.coverage,
large graphs are aggregated, filters apply, and the routes answer from the package."""
import json
import re
from pathlib import Path
from tempfile import TemporaryDirectory

import httpx
import networkx as nx
import pytest

from conftest import SAMPLES, run_cli
from test_api import live_server
from yilian.api import geodata, map_page
from yilian.graph import analytics
from yilian.loaders.regions import gazetteer

README = geodata.GEO.joinpath("README.md").read_text(encoding="utf-8")


def test_every_county_has_a_polygon_or_is_documented():
    gaz = gazetteer()
    units = geodata.units()
    documented = set(re.findall(r"^- (\d{6}) ", README.split("## Counties of the gazetteer without", 1)[1].split("##", 1)[0], re.M))
    counties = {c for c, r in gaz.regions.items() if r.level == "county"}
    missing = counties - set(units)
    assert missing == documented
    assert len(missing) <= 20  # new divisions since the source; a bad match would show up here
    # Each unit is a real division of today (or a city's adjusted area), and each has a shape.
    china = json.loads(geodata.geometry("china"))
    shapes = {f["properties"]["name"] for f in china["features"]}
    assert set(units) == shapes
    assert all(u.code in gaz.regions or u.kind == "adjusted" for u in units.values())
    # Centres fall inside China's box.
    assert all(73 < u.lon < 136 and 3 < u.lat < 54 for u in units.values())


def test_geometry_names_are_checked():
    assert json.loads(geodata.geometry("430000"))["UTF8Encoding"] is True
    for bad in ("../README", "430100", "china.json", ""):
        with pytest.raises(KeyError):
            geodata.geometry(bad)


def _graph(hospitals_per_county: int, counties: list[str], kind="医共体", specialty=None, founded="2020-01-01") -> nx.MultiDiGraph:
    """An invented graph: in each county one alliance led by the first hospital there; a
    provincial hospital (located at the province) joins the alliance of the first county."""
    g = nx.MultiDiGraph()
    gaz = gazetteer()
    province = counties[0][:2] + "0000"
    for code in [province, *counties]:
        g.add_node(f"r{code}", label="Region", name=gaz.regions[code].name, code=code, level=gaz.regions[code].level)
    g.add_node("tertiary", label="Hospital", name="某省人民医院")
    g.add_edge("tertiary", f"r{province}", type="LOCATED_IN")
    for c in counties:
        al = f"a{c}"
        g.add_node(al, label="Alliance", name=f"测试联盟{c}", kind=kind, specialty=specialty, founded=founded)
        for i in range(hospitals_per_county):
            h = f"h{c}-{i}"
            g.add_node(h, label="Hospital", name=f"测试县第{i}医院{c}")
            g.add_edge(h, f"r{c}", type="LOCATED_IN")
            g.add_edge(h, al, type="LEADS" if i == 0 else "JOINS",
                       evidence=[{"document": "d1", "sentence": f"测试县第{i}医院加入测试联盟{c}。"}])
    g.add_edge("tertiary", f"a{counties[0]}", type="JOINS", evidence=[{"document": "d1", "sentence": "某省人民医院加入。"}])
    return g


COUNTIES = ["430721", "430722", "430723"]


def test_colours_and_counts_follow_coverage():
    g = _graph(3, COUNTIES)
    data = map_page.map_data(g, {"d1": {"title": "一份测试公告"}}, "430700")
    cov = analytics.coverage(g, "430700")
    assert data["counts"]["counties"] == cov["counties"]
    assert data["counts"]["in_alliance"] == cov["counties"] - len(cov["without_alliance"]) == 3
    assert data["counts"]["linked"] == cov["counties"] - len(cov["without_tertiary_link"]) == 1
    status = {code: s for code, _, s in data["units"]}
    assert status["430721"] == 2 and status["430722"] == 1 and status[next(c for c in status if c not in COUNTIES)] == 0
    assert not data["aggregate"] and not data["by_pair"]
    # The provincial hospital sits at the capital, outside this city: not a point here, but its
    # line to the alliance's leader inside the city is drawn.
    assert len(data["points"]) == 3 * 3
    assert len(data["lines"]) == 3 * 2 + 1
    tip = next(p[4] for p in data["points"] if p[5] == "h430722-1")
    assert "证据：测试县第1医院加入测试联盟430722。" in tip and "一份测试公告" in tip


def test_large_graphs_are_aggregated(monkeypatch):
    monkeypatch.setattr(map_page, "POINT_CAP", 5)
    monkeypatch.setattr(map_page, "LINE_CAP", 5)
    g = _graph(4, COUNTIES)
    data = map_page.map_data(g, {}, "430000")
    assert data["aggregate"] and data["by_pair"]
    assert len(data["points"]) == 4  # three counties and the capital
    assert {p[3] for p in data["points"]} == {*COUNTIES, "430000"}
    # Only the provincial hospital's line crosses counties; within-county lines have no length.
    assert [line[3] for line in data["lines"]] == [1]
    assert "汇总" in data["note"]


def test_filters():
    g = _graph(2, COUNTIES[:1], kind="专科联盟", specialty="儿科", founded="2023-05-01")
    assert map_page.map_data(g, {}, "430700")["lines"]
    for kw in ({"kind": "医共体"}, {"specialty": "眼科"}, {"as_of": "2022-12-31"}):
        data = map_page.map_data(g, {}, "430700", **kw)
        assert data["lines"] == [] and data["counts"]["in_alliance"] == 0, kw


def test_unknown_region():
    with pytest.raises(KeyError):
        map_page.map_data(nx.MultiDiGraph(), {}, "999999")
    with pytest.raises(KeyError):
        map_page.map_data(nx.MultiDiGraph(), {}, "430721")  # a county: the map of its city shows it


def test_routes_and_export(tmp_path):
    store = f"file:{tmp_path / 'g.json'}"
    run_cli("load", SAMPLES, "--store", store)
    with live_server(store) as base:
        page = httpx.get(f"{base}/map/430700", params={"kind": "医共体"})
        assert page.status_code == 200 and "echarts.min.js" in page.text and 'selected>医共体' in page.text
        assert httpx.get(f"{base}/map/999999").status_code == 404
        assert httpx.get(f"{base}/map/430700", params={"as_of": "2024-13-45"}).status_code == 422
        geo = httpx.get(f"{base}/map/geo/430000.json")
        assert geo.status_code == 200 and geo.json()["features"]
        assert httpx.get(f"{base}/map/geo/999999.json").status_code == 404
        js = httpx.get(f"{base}/map/static/echarts.min.js")
        assert js.status_code == 200 and "echarts" in js.text[:2000]
    out = tmp_path / "map.html"
    run_cli("view", "map", "430000", "-o", out, "--store", store)
    text = out.read_text(encoding="utf-8")
    assert "<script src=" not in text and "registerMap" in text and '"UTF8Encoding":true' in text
    assert run_cli("view", "map", "999999", "-o", out, "--store", store, check=False).returncode == 1


def test_partners_is_the_partnership_graph():
    """`partners` (set unions, for the map at national scale) has exactly the nodes and links of
    `partnership_graph`, on our samples and on an invented graph with an agreement."""
    from yilian.graph.embedded import EmbeddedStore

    g = _graph(3, COUNTIES)
    g.add_edge("h430721-1", "h430723-2", type="SIGNS", date="2021-01-01")
    store_graph = None
    with TemporaryDirectory() as tmp:
        run_cli("load", SAMPLES, "--store", f"file:{tmp}/g.json")
        store_graph = EmbeddedStore(Path(tmp) / "g.json").graph
    for graph in (g, store_graph):
        p = analytics.partnership_graph(graph)
        adj = analytics.partners(graph)
        assert set(adj) == set(p.nodes)
        assert all(adj[n] == set(p.neighbors(n)) for n in p.nodes)
        assert sum(map(len, adj.values())) > 0


def test_clicks_zoom_to_existing_maps():
    """A county opens its province's map from the national one and its city's from a province's;
    a county directly under its province (no city) opens its network view instead."""
    g = _graph(1, COUNTIES)
    assert map_page.map_data(g, {}, None)["zoom"]["430721"] == "430000"
    assert map_page.map_data(g, {}, "430000")["zoom"]["430721"] == "430700"
    assert map_page.map_data(g, {}, "430700")["zoom"]["430721"] is None
    direct = map_page.map_data(g, {}, "420000")["zoom"]
    assert direct["429004"] is None and direct["420102"] == "420100"

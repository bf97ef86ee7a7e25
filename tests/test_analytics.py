"""Analytics on a small hand-made graph with answers worked out by hand."""
import networkx as nx

from yilian.graph.analytics import communities, coverage, hubs, referral_path


def hand_made() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()

    def hospital(i, name, county):
        g.add_node(i, label="Hospital", name=name)
        g.add_edge(i, f"r{county}", type="LOCATED_IN")

    for code, name in (("430223", "攸县"), ("430224", "茶陵县"), ("430225", "炎陵县")):
        g.add_node(f"r{code}", label="Region", name=name, level="county", code=code)
    hospital("A", "中南大学湘雅医院", "430223")        # tertiary
    hospital("B", "攸县人民医院", "430223")
    hospital("C", "茶陵县人民医院", "430224")
    hospital("D", "茶陵县中医医院", "430224")
    hospital("E", "炎陵县人民医院", "430225")
    g.add_node("X", label="Alliance", name="甲专科联盟", kind="专科联盟")
    g.add_node("Y", label="Alliance", name="乙医共体", kind="医共体")
    for h, a, t in (("A", "X", "LEADS"), ("B", "X", "JOINS"), ("C", "X", "JOINS"), ("C", "Y", "LEADS"), ("D", "Y", "JOINS")):
        g.add_edge(h, a, type=t)
    return g


def test_hubs():
    rows = hubs(hand_made(), top=3)
    # C partners A, B (alliance X) and D (alliance Y): degree 3, and it bridges D to the rest.
    assert [(r["name"], r["degree"]) for r in rows] == [("茶陵县人民医院", 3), ("中南大学湘雅医院", 2), ("攸县人民医院", 2)]
    assert rows[0]["betweenness"] > 0 and rows[1]["betweenness"] == 0


def test_coverage_of_zhuzhou():
    result = coverage(hand_made(), "430200")  # 株洲市
    without = {c["name"] for c in result["without_alliance"]}
    assert "炎陵县" in without and "攸县" not in without and "茶陵县" not in without
    unlinked = {c["name"] for c in result["without_tertiary_link"]}
    # 攸县 (B) and 茶陵县 (C) partner the tertiary hospital A; 炎陵县 has nobody.
    assert "炎陵县" in unlinked and "攸县" not in unlinked and "茶陵县" not in unlinked
    assert result["counties"] >= 9  # every county of 株洲市 from the gazetteer, mentioned or not


def test_referral_path_and_communities():
    steps = referral_path(hand_made(), "D", "A")
    assert [s["hospital"] for s in steps] == ["茶陵县中医医院", "茶陵县人民医院", "中南大学湘雅医院"]
    assert steps[1]["via"] == ["乙医共体"] and steps[2]["via"] == ["甲专科联盟"]
    assert referral_path(hand_made(), "E", "A") == []


def test_communities_split_two_alliances_joined_by_one_agreement():
    g = nx.MultiDiGraph()
    for alliance, members in (("P", "abc"), ("Q", "def")):
        g.add_node(alliance, label="Alliance", name=alliance)
        for m in members:
            g.add_node(m, label="Hospital", name=m)
            g.add_edge(m, alliance, type="JOINS")
    g.add_edge("c", "d", type="SIGNS")
    g.add_node("z", label="Hospital", name="z")  # no partners: in no community
    assert communities(g) == [["a", "b", "c"], ["d", "e", "f"]]

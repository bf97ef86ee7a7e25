"""View pages without a browser: offline assets, static export, clustering of big graphs."""
import json
import re

import networkx as nx

from conftest import run_cli
from yilian.api.views import NODE_CAP, view_page


def test_static_export_is_self_contained(seeds_available, tmp_path):
    store = f"file:{tmp_path / 'g.json'}"
    run_cli("load", seeds_available, "--store", store)
    run_cli("view", "alliance", "吉林省口腔专科联盟", "-o", tmp_path / "a.html", "--store", store)
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "吉林大学口腔医院" in page and "vis.Network" in page
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=[\"']https?://", page)  # nothing to fetch
    missing = run_cli("view", "hospital", "不存在的医院", "-o", tmp_path / "b.html", "--store", store, check=False)
    assert missing.returncode == 1 and "no hospital named" in missing.stderr


def test_big_views_are_clustered_by_region():
    g = nx.MultiDiGraph()
    g.add_node("A", label="Alliance", name="大联盟", kind="医共体")
    for r in range(12):
        g.add_node(f"r{r}", label="Region", name=f"区{r}", level="county", code=f"4302{r:02d}")
    for i in range(NODE_CAP + 300):
        g.add_node(f"h{i}", label="Hospital", name=f"医院{i}")
        g.add_edge(f"h{i}", "A", type="JOINS", evidence=[{"document": "d", "sentence": f"医院{i}加入"}])
        g.add_edge(f"h{i}", f"r{i % 12}", type="LOCATED_IN")
    page = view_page(g, {}, "alliance", "A")
    nodes = json.loads(re.search(r"new vis.DataSet\((\[.*?\])\);", page).group(1))
    assert len(nodes) <= NODE_CAP and any("（" in n["label"] for n in nodes)
    assert "region clusters" in page

"""The embedded store: merging, provenance, atomic writes, clear errors."""
import json
import os

import pytest

from yilian.graph.embedded import EmbeddedStore
from yilian.graph.model import DocumentGraph, DocumentMeta, Edge, Node
from yilian.graph.store import StoreError, open_store


def doc(doc_id, hospital_name, aliases=()):
    h = Node("hospital-1", "Hospital", hospital_name, list(aliases))
    a = Node("alliance-1", "Alliance", "某联盟", props={"kind": "专科联盟"})
    return DocumentGraph(DocumentMeta(doc_id, f"/x/{doc_id}.txt", None, None, None), [h, a],
                         [Edge("LEADS", "hospital-1", "alliance-1", f"句子{doc_id}")])


def test_merge_accumulates_provenance(tmp_path):
    s = EmbeddedStore(tmp_path / "g.json")
    assert s.merge(doc("d1", "绵阳市中心医院")) == (2, 1)
    assert s.merge(doc("d2", "绵阳市中心医院", ["绵阳中心医院"])) == (0, 0)
    s.flush()
    again = EmbeddedStore(tmp_path / "g.json")
    node = again.graph.nodes["hospital-1"]
    assert node["documents"] == ["d1", "d2"] and node["aliases"] == ["绵阳中心医院"]
    edge = next(iter(again.graph.edges(data=True)))[2]
    assert [e["document"] for e in edge["evidence"]] == ["d1", "d2"]
    assert again.stats() == {"documents": 2, "nodes": {"Alliance": 1, "Hospital": 1}, "edges": {"LEADS": 1}}


def test_canonical_name_does_not_depend_on_load_order(tmp_path):
    a, b = EmbeddedStore(tmp_path / "a.json"), EmbeddedStore(tmp_path / "b.json")
    a.merge(doc("d1", "绵阳中心医院")); a.merge(doc("d2", "绵阳市中心医院"))
    b.merge(doc("d2", "绵阳市中心医院")); b.merge(doc("d1", "绵阳中心医院"))
    assert a.graph.nodes["hospital-1"] == b.graph.nodes["hospital-1"]


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path):
    path = tmp_path / "g.json"
    s = EmbeddedStore(path)
    s.merge(doc("d1", "绵阳市中心医院"))
    s.flush()
    assert sorted(os.listdir(tmp_path)) == ["g.json"]
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == 1


def test_corrupt_file_gives_a_clear_error_and_is_not_overwritten(tmp_path):
    path = tmp_path / "g.json"
    path.write_text("{half a graph", encoding="utf-8")
    with pytest.raises(StoreError, match=str(path)):
        open_store(f"file:{path}")
    assert path.read_text(encoding="utf-8") == "{half a graph"


def test_store_uri_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("YILIAN_STORE", f"file:{tmp_path / 'env.json'}")
    assert open_store().uri == f"file:{tmp_path / 'env.json'}"

"""Every named query gives the same answers on the embedded store and on Neo4j."""
import json

import pytest

from conftest import FIXTURES, SAMPLES, run_cli
from yilian.graph.store import open_store
from yilian.queries.library import QueryError, bind, get, library, run


@pytest.fixture(scope="module")
def both(neo4j_server, seeds_available, tmp_path_factory):
    import os

    os.environ["NEO4J_AUTH"] = "neo4j/yilian-test-password"
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    embedded = f"file:{tmp_path_factory.mktemp('q') / 'g.json'}"
    folders = [seeds_available, FIXTURES / "announcements", SAMPLES]
    for uri in (embedded, neo4j_server.uri):
        run_cli("load", *folders, "--store", uri)
    a, b = open_store(embedded), open_store(neo4j_server.uri)
    yield a, b
    a.close()
    b.close()


def _agree(both, name, **params):
    a, b = both
    ra, rb = run(a, name, params), run(b, name, params)
    assert ra == rb, f"{name} {params}"
    return ra


def test_every_query_agrees(both):
    a, _ = both
    nodes = a.dump()["nodes"]
    hospitals = [n["id"] for n in nodes if n["label"] == "Hospital"]
    alliances = [n["id"] for n in nodes if n["label"] == "Alliance"]
    orgs = [n["id"] for n in nodes if n["label"] in ("Hospital", "Organization")]
    regions = [n["code"] for n in nodes if n["label"] == "Region"]
    used = set()
    for h in hospitals:
        _agree(both, "hospital_detail", id=h)
        _agree(both, "alliances_of_hospital", id=h)
        if _agree(both, "partners", id=h):
            used.add(h)
    for al in alliances:
        _agree(both, "alliance_members", id=al)
    for o in orgs:
        _agree(both, "people_of_organization", id=o)
    for code in regions:
        _agree(both, "alliances_in_region", code=code)
    for q in ("医院", "醫院", "人民医院", "山大二院", "不存在的医院"):
        _agree(both, "hospital_search", q=q, limit=50)
    _agree(both, "recent_activity", limit=100)
    assert _agree(both, "alliance_list", limit=500)
    _agree(both, "alliance_list", kind="医共体", limit=500)
    _agree(both, "recent_activity", limit=5, since="2024-01-01")
    assert len(used) >= 10
    assert {q for q in library()} <= {"hospital_detail", "alliances_of_hospital", "partners", "alliance_members",
                                      "people_of_organization", "alliances_in_region", "hospital_search",
                                      "recent_activity", "shortest_connection", "alliance_list"}


def test_neo4j_answers_in_one_record_keep_order_and_columns(both):
    # Neo4jStore.rows folds a query's rows into one list on the server; the answer must be the
    # query's own rows, in its own order.
    _, b = both
    for name, params in (("hospital_search", {"q": "医院", "limit": 50}), ("recent_activity", {"limit": 100})):
        query = get(name)
        bound = bind(query, params)
        assert b.rows(query.cypher, bound) == [dict(r) for r in b._q(query.cypher, **bound)]
        assert len(b.rows(query.cypher, bound)) > 5


def test_search_does_not_match_across_two_spellings(both):
    # search_text joins a hospital's spellings with spaces; a text that spans two of them is no match
    a, _ = both
    h = next(n for n in a.dump()["nodes"] if n["label"] == "Hospital" and n.get("aliases"))
    first, second = sorted({h["name"], *h["aliases"]})[:2]
    q = first[-2:] + " " + second[:2]
    assert _agree(both, "hospital_search", q=q) == []


def test_partner_filters_agree(both):
    a, _ = both
    [h] = [n for n in a.find("山东大学第二医院") if n["name"] == "山东大学第二医院"]
    rows = _agree(both, "partners", id=h["id"])
    assert any(r["partner"] == "德州市妇幼保健院" and r["kind"] == "专科联盟" and r["evidence"] for r in rows)
    assert {r["kind"] for r in _agree(both, "partners", id=h["id"], kind="专科联盟")} == {"专科联盟"}
    assert {r["specialty"] for r in _agree(both, "partners", id=h["id"], specialty="乳腺")} == {"乳腺外科"}
    assert _agree(both, "partners", id=h["id"], region="371400")  # 德州市
    assert not _agree(both, "partners", id=h["id"], region="110000")
    _agree(both, "partners", id=h["id"], as_of="2020-01-01")


def test_shortest_connection_lengths_agree(both):
    a, b = both
    hospitals = [n["id"] for n in a.dump()["nodes"] if n["label"] == "Hospital"][:25]
    found = 0
    for x in hospitals[:8]:
        for y in hospitals:
            if x == y:
                continue
            ra, rb = run(a, "shortest_connection", {"from": x, "to": y}), run(b, "shortest_connection", {"from": x, "to": y})
            assert [r["length"] for r in ra] == [r["length"] for r in rb]
            for r in ra + rb:
                found += 1
                assert r["path"][0] == a.graph.nodes[x]["name"] and r["path"][-1] == a.graph.nodes[y]["name"]
    assert found


def test_query_cli_on_both_stores_and_errors(both):
    a, b = both
    outs = [run_cli("query", "hospital_search", "-p", "q=山大二院", "--store", s.uri, "--format", "json").stdout for s in (a, b)]
    assert outs[0] == outs[1] and json.loads(outs[0])[0]["name"] == "山东大学第二医院"
    bad = run_cli("query", "partners", "--store", a.uri, check=False)
    assert bad.returncode == 2 and "missing parameter" in bad.stderr
    with pytest.raises(QueryError, match="no query named"):
        run(a, "nope", {})


def test_an_exact_alias_ranks_first_and_its_node_is_marked(both):
    # Neo4j ranks a match by its aliases only when the node has the label Aliased (reading every
    # match's aliases is too slow for a broad text): the label must be there whichever way the
    # alias came — with the node (CREATE) or from a later announcement (update).
    from yilian.graph.model import DocumentGraph, DocumentMeta, Node, node_id

    a, b = both
    later = Node(node_id("Hospital", "test-alias-later"), "Hospital", "甲乙丙丁戊己医院集团总院")
    shorter = Node(node_id("Hospital", "test-alias-shorter"), "Hospital", "戊己医院东分部")
    given = Node(node_id("Hospital", "test-alias-given"), "Hospital", "庚辛壬癸医院集团总院", ["壬癸医院"])
    first = DocumentGraph(DocumentMeta("test-alias-1", "alias-1.txt", None, None, None), [later, shorter, given], [])
    second = DocumentGraph(DocumentMeta("test-alias-2", "alias-2.txt", None, None, None),
                           [Node(later.id, "Hospital", "戊己医院")], [])
    for store in (a, b):
        store.merge(first)
        store.merge(second)
    assert [r["id"] for r in _agree(both, "hospital_search", q="戊己医院")][:2] == [later.id, shorter.id]
    assert _agree(both, "hospital_search", q="壬癸医院")[0]["id"] == given.id
    marked = {r["id"] for r in b._q("MATCH (n:Aliased) WHERE n.id IN $ids RETURN n.id AS id", ids=[later.id, given.id, shorter.id])}
    assert marked == {later.id, given.id}
    assert b._q("MATCH (n) WHERE size(n.aliases) > 0 AND NOT n:Aliased RETURN count(n) AS n")[0]["n"] == 0


def test_a_text_ending_in_a_class_word_matches_the_whole_text(both):
    # Neo4j seeks its index without a trailing class word (卫生院, 医院 …) and checks the whole
    # text on the rows found: names sharing the rest must not come back, on either store
    from yilian.graph.model import DocumentGraph, DocumentMeta, Node, node_id

    names = {"clinic": "子丑寅卯卫生院", "hospital": "子丑寅卯医院", "centre": "子丑寅卯社区卫生服务中心"}
    nodes = [Node(node_id("Hospital", f"test-class-{k}"), "Hospital", v) for k, v in names.items()]
    nodes.append(Node(node_id("Hospital", "test-class-group"), "Hospital", "辰巳午未医疗集团总院本部", ["子丑寅卯妇幼保健院"]))
    graph = DocumentGraph(DocumentMeta("test-class-1", "class-1.txt", None, None, None), nodes, [])
    for store in both:
        store.merge(graph)

    def found(q):
        return [r["name"] for r in _agree(both, "hospital_search", q=q)]

    assert found("子丑寅卯医院") == ["子丑寅卯医院"]
    assert found("丑寅卯卫生院") == ["子丑寅卯卫生院"]
    assert found("子丑寅卯服务中心") == []
    assert found("子丑寅卯社区卫生服务中心") == ["子丑寅卯社区卫生服务中心"]
    assert found("寅卯妇幼保健院") == ["辰巳午未医疗集团总院本部"]
    everything = found("子丑寅卯")
    assert everything[:2] == ["子丑寅卯医院", "子丑寅卯卫生院"] and len(everything) == 4

"""The Neo4j model of schema 3: provenance that does not grow with the number of documents,
the row planning behind the writes, and the in-place upgrade of a schema-2 store."""
from conftest import FIXTURES, SAMPLES, run_cli
from yilian.graph.model import EVIDENCE_SAMPLE, NODE_LABELS, DocumentGraph, DocumentMeta, Edge, Node
from yilian.graph.neo4j_rows import State, plan
from yilian.graph.neo4j_schema import SCHEMA_VERSION, schema_statements
from yilian.graph.store import open_store
from yilian.queries.library import run

HOSPITAL, ALLIANCE, REGION = "hospital-qh1", "alliance-qh1", "region-qh1"


def _announcement(i: int) -> DocumentGraph:
    """The i-th of many invented announcements that all restate one fact in their own words."""
    return DocumentGraph(
        DocumentMeta(f"doc-{i:03d}", f"/x/{i:03d}.txt", f"通报{i}", f"2024-01-{1 + i % 28:02d}", HOSPITAL),
        [Node(HOSPITAL, "Hospital", "青禾县人民医院", ["青禾县医院"] if i % 2 else [], {"kind": "综合"}),
         Node(ALLIANCE, "Alliance", "青禾县医共体", props={"kind": "医共体"}),
         Node(REGION, "Region", "青禾县", props={"level": "county", "code": "990101"})],
        [Edge("LEADS", HOSPITAL, ALLIANCE, f"第{i}次会议上，青禾县人民医院牵头青禾县医共体。", {"rule": "leads.prefix"}),
         Edge("LOCATED_IN", HOSPITAL, REGION, f"青禾县人民医院位于青禾县（{i}）。")])


# -- planning, without a server ----------------------------------------------------------------
def test_plan_creates_what_is_new_and_samples_the_smallest_evidence():
    work = plan([_announcement(i) for i in (5, 2, 9, 7)], State())
    assert {label: len(rows) for label, rows in work.nodes_new.items()} == {"Hospital": 1, "Alliance": 1, "Region": 1}
    [hospital] = work.nodes_new["Hospital"]
    assert hospital["name"] == "青禾县人民医院" and hospital["aliases"] == ["青禾县医院"]
    [leads] = work.edges_new[("LEADS", "Hospital", "Alliance")]
    assert leads["props"]["evidence_count"] == 4
    assert leads["props"]["evidence_documents"] == ["doc-002", "doc-005", "doc-007"][:EVIDENCE_SAMPLE]
    assert not work.edges_merged and len(work.documents_new) == 4
    assert sum(len(m["ids"]) for rows in work.mentions.values() for m in rows) == 12


def test_plan_for_a_document_the_store_already_holds_adds_nothing():
    doc = _announcement(1)
    state = State(nodes={HOSPITAL: {"name": "青禾县人民医院", "aliases": ["青禾县医院"], "kind": "综合"},
                         ALLIANCE: {"name": "青禾县医共体", "aliases": [], "kind": "医共体"},
                         REGION: {"name": "青禾县", "aliases": [], "level": "county", "code": "990101"}},
                  documents={doc.document.id: {"facts": [e.store_key for e in doc.edges], "sentences": [e.evidence for e in doc.edges],
                                               "mentions": [HOSPITAL, ALLIANCE, REGION]}})
    work = plan([doc], state)
    assert not work.nodes_new and not work.nodes_changed and not work.edges_new and not work.mentions
    merged = [e for rows in work.edges_merged.values() for e in rows]
    ensured = [e for rows in work.edges_ensured.values() for e in rows]
    assert [e["added"] for e in merged] == [0] and len(ensured) == 1  # LEADS fills props (its rule); LOCATED_IN needs nothing
    assert work.documents_known[0]["facts"] == []


# -- on a real Neo4j ----------------------------------------------------------------------------
def _longest_lists(s) -> dict:
    """The longest list property of entity nodes and of relationships, over the whole store."""
    node = s._q(f"MATCH (n:{'|'.join(NODE_LABELS)}) UNWIND keys(n) AS k WITH n[k] AS v WHERE v IS :: LIST<ANY> "
                "RETURN coalesce(max(size(v)), 0) AS n")[0]["n"]
    rel = s._q("MATCH ()-[r]->() UNWIND keys(r) AS k WITH r[k] AS v WHERE v IS :: LIST<ANY> "
               "RETURN coalesce(max(size(v)), 0) AS n")[0]["n"]
    return {"node": node, "relationship": rel}


def test_provenance_stays_bounded_however_many_documents_restate_a_fact(neo4j_uri):
    with open_store(neo4j_uri) as s:
        s.merge_many([_announcement(i) for i in range(10)])
        bounded = _longest_lists(s)
        for i in range(10, 60):  # one transaction per document, as the API writes
            s.merge(_announcement(i))
        assert _longest_lists(s) == bounded and bounded["relationship"] == EVIDENCE_SAMPLE
        [leads] = s._q("MATCH (:Hospital {id: $h})-[r:LEADS]->() RETURN r", h=HOSPITAL)
        assert leads["r"]["evidence_count"] == 60 and len(leads["r"]["evidence_documents"]) == EVIDENCE_SAMPLE
        assert leads["r"]["evidence_documents"] == ["doc-000", "doc-001", "doc-002"]
        # "Which announcements mention X" is a pattern, and the full evidence is still there.
        assert s._q("MATCH (d:Document)-[:MENTIONS]->(:Hospital {id: $h}) RETURN count(d) AS n", h=HOSPITAL)[0]["n"] == 60
        [edge] = [e for e in s.edges_of(HOSPITAL) if e["type"] == "LEADS"]
        assert len(edge["evidence"]) == 60 and edge["rule"] == "leads.prefix"
        assert s.node(HOSPITAL)["documents"] == [f"doc-{i:03d}" for i in range(60)]
        assert [len(r["evidence"]) for r in run(s, "alliance_members", {"id": ALLIANCE})] == [EVIDENCE_SAMPLE]
        s.merge(_announcement(7))  # again: nothing changes, counts stay exact
        assert s._q("MATCH ()-[r:LEADS]->() RETURN r.evidence_count AS n")[0]["n"] == 60


def _write_v2(driver, dump: dict) -> None:
    """A store as schema 2 wrote it: `documents` on nodes and every piece of evidence on the edge,
    in the order the documents came (here: reversed)."""
    for stmt in schema_statements():
        driver.execute_query(stmt)
    driver.execute_query("CREATE (:YilianSchema {id: 'schema', version: 2})")
    labels = {n["id"]: n["label"] for n in dump["nodes"]}
    for label in NODE_LABELS:
        rows = [{k: v for k, v in n.items() if k != "label"} | {"search_text": " ".join([n["name"], *n["aliases"]])}
                for n in dump["nodes"] if n["label"] == label]
        driver.execute_query(f"UNWIND $rows AS r CREATE (n:{label}) SET n = r", rows=rows)
    driver.execute_query("UNWIND $rows AS r CREATE (d:Document) SET d = r",
                         rows=[{"id": d, **{k: v for k, v in meta.items() if v is not None}} for d, meta in dump["documents"].items()])
    for e in dump["edges"]:
        evidence = list(reversed(e["evidence"]))
        props = {k: v for k, v in e.items() if k not in ("source", "target", "type", "evidence")}
        driver.execute_query(
            f"MATCH (a:{labels[e['source']]} {{id: $s}}) MATCH (b:{labels[e['target']]} {{id: $t}}) "
            f"CREATE (a)-[r:{e['type']}]->(b) SET r = $props",
            s=e["source"], t=e["target"], props=props | {"evidence_documents": [x["document"] for x in evidence],
                                                         "evidence_sentences": [x["sentence"] for x in evidence]})


def test_a_schema_2_store_is_upgraded_in_place_and_again_changes_nothing(neo4j_uri, neo4j_server, seeds_available, tmp_path):
    embedded = f"file:{tmp_path / 'g.json'}"
    run_cli("load", seeds_available, FIXTURES / "announcements", SAMPLES, "--store", embedded)
    with open_store(embedded) as e:
        for i in range(6):  # one fact with more evidence than an edge keeps
            e.merge(_announcement(i))
        expected = e.dump()
    with neo4j_server.driver() as driver:
        _write_v2(driver, expected)
    with open_store(neo4j_uri) as s:
        assert s._q("MATCH (v:YilianSchema) RETURN v.version AS v")[0]["v"] == SCHEMA_VERSION
        assert s._q("MATCH (n) WHERE n.documents IS NOT NULL RETURN count(n) AS n")[0]["n"] == 0
        # and on to version 4: every node with aliases carries the label Aliased
        assert s._q("MATCH (n) WHERE size(n.aliases) > 0 AND NOT n:Aliased RETURN count(n) AS n")[0]["n"] == 0
        assert s._q("MATCH (n:Aliased) RETURN count(n) AS n")[0]["n"] == sum(1 for n in expected["nodes"] if n["aliases"])
        mentions = s._q("MATCH (:Document)-[m:MENTIONS]->() RETURN count(m) AS n")[0]["n"]
        assert mentions == sum(len(n["documents"]) for n in expected["nodes"])
        [leads] = s._q("MATCH (:Hospital {id: $h})-[r:LEADS]->() RETURN r", h=HOSPITAL)
        assert leads["r"]["evidence_count"] == 6 and leads["r"]["evidence_documents"] == ["doc-000", "doc-001", "doc-002"]
        assert _longest_lists(s)["relationship"] <= EVIDENCE_SAMPLE
        assert s.dump() == expected
        facts = s._q("MATCH (d:Document) RETURN sum(size(d.facts)) AS n")[0]["n"]
        s.migrate(2)  # an interrupted or repeated upgrade: nothing is added twice
        assert s.dump() == expected
        assert s._q("MATCH (:Document)-[m:MENTIONS]->() RETURN count(m) AS n")[0]["n"] == mentions
        assert s._q("MATCH (d:Document) RETURN sum(size(d.facts)) AS n")[0]["n"] == facts
        s.merge(_announcement(6))  # and the upgraded store goes on growing as a new one does
    with open_store(embedded) as e:
        e.merge(_announcement(6))
        expected = e.dump()
    with open_store(neo4j_uri) as s:
        assert s.dump() == expected

"""One contract, two backends: every test here runs on the embedded store and on a real
Neo4j, and the two must give identical results."""
import json
import os
import random
import signal
import subprocess
import time


from conftest import FIXTURES, SAMPLES, YILIAN, run_cli, sized
from yilian.graph.model import DocumentGraph, DocumentMeta, Edge, Node
from yilian.graph.neo4j_store import SCHEMA_VERSION
from yilian.graph.store import open_store


def _doc(doc_id, name, evidence):
    return DocumentGraph(DocumentMeta(doc_id, f"/x/{doc_id}.txt", None, "2024-01-02", "hospital-1"),
                         [Node("hospital-1", "Hospital", name, props={"kind": "综合"}),
                          Node("alliance-1", "Alliance", "某市眼科专科联盟", props={"kind": "专科联盟", "specialty": "眼科"})],
                         [Edge("LEADS", "hospital-1", "alliance-1", evidence)])


def test_merge_accumulates_provenance(store_uri):
    with open_store(store_uri) as s:
        assert s.merge(_doc("d1", "绵阳中心医院", "甲句")) == (2, 1)
        assert s.merge(_doc("d2", "绵阳市中心医院", "乙句")) == (0, 0)
        assert s.merge(_doc("d2", "绵阳市中心医院", "乙句")) == (0, 0)
    with open_store(store_uri) as s:
        [node] = s.find("绵阳市中心医院")
        assert node["aliases"] == ["绵阳中心医院"] and node["documents"] == ["d1", "d2"] and node["kind"] == "综合"
        [edge] = s.edges_of("hospital-1")
        assert edge["type"] == "LEADS" and edge["other_name"] == "某市眼科专科联盟"
        assert [e["sentence"] for e in edge["evidence"]] == ["甲句", "乙句"]
        assert s.stats() == {"documents": 2, "nodes": {"Alliance": 1, "Hospital": 1}, "edges": {"LEADS": 1}}


def test_seeds_idempotent_and_merged_across_documents(store_uri, seeds_available):
    run_cli("load", seeds_available / "001_28fd31287eb74882.txt", "--store", store_uri)
    run_cli("load", seeds_available / "002_067bdd6dd9228f8a.txt", "--store", store_uri)
    with open_store(store_uri) as s:
        [commission] = [n for n in s.find("德州市卫生健康委员会") if n["name"] == "德州市卫生健康委员会"]
        assert len(commission["documents"]) == 2
    run_cli("load", seeds_available, "--store", store_uri)
    first = run_cli("stats", "--store", store_uri, "--format", "json").stdout
    run_cli("load", seeds_available, "--store", store_uri)
    assert run_cli("stats", "--store", store_uri, "--format", "json").stdout == first


def test_backends_agree_on_everything(neo4j_uri, seeds_available, tmp_path):
    embedded = f"file:{tmp_path / 'g.json'}"
    for uri in (embedded, neo4j_uri):
        run_cli("load", seeds_available, FIXTURES / "announcements", SAMPLES, "--store", uri)
    assert run_cli("stats", "--store", embedded, "--format", "json").stdout == \
        run_cli("stats", "--store", neo4j_uri, "--format", "json").stdout
    with open_store(embedded) as a, open_store(neo4j_uri) as b:
        da, db = a.dump(), b.dump()
        assert da["documents"] == db["documents"]
        assert da["nodes"] == db["nodes"]
        assert da["edges"] == db["edges"]
        hospital = a.find("山东大学第二医院")[0]["id"]
        assert a.edges_of(hospital) == b.edges_of(hospital)


def test_neo4j_schema_and_fulltext(neo4j_uri, seeds_available):
    run_cli("load", seeds_available / "002_067bdd6dd9228f8a.txt", "--store", neo4j_uri)
    with open_store(neo4j_uri) as s:
        constraints = {(tuple(r["labelsOrTypes"]), tuple(r["properties"]), r["type"])
                       for r in s._q("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type")}
        for label in ("Hospital", "Organization", "Person", "Region", "Alliance", "Document"):
            assert ((label,), ("id",), "UNIQUENESS") in constraints
        assert s.search("山大二院")[0]["name"] == "山东大学第二医院"
        version = s._q("MATCH (v:YilianSchema) RETURN v.version AS v")[0]["v"]
    with open_store(neo4j_uri) as s:  # schema set-up is idempotent
        assert s._q("MATCH (v:YilianSchema) RETURN count(v) AS n")[0]["n"] == 1 and version == SCHEMA_VERSION


def test_killed_loader_leaves_whole_documents(neo4j_uri, seeds_available):
    folders = [str(seeds_available), str(FIXTURES / "announcements"), str(SAMPLES)]
    rng = random.Random(7)
    partial = []
    for _ in range(sized(2, 3)):
        # Small transactions (a few documents each), or the whole batch commits at once.
        proc = subprocess.Popen([*YILIAN, "load", *folders, "--store", f"{neo4j_uri}?batch_size=100"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=os.environ.copy())
        with open_store(neo4j_uri) as s:
            before = s.stats()["documents"]
            deadline = time.monotonic() + 60
            while s.stats()["documents"] == before and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
        time.sleep(rng.uniform(0, 0.4))  # kill somewhere in the middle of the batch
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with open_store(neo4j_uri) as s:
            partial.append(s.stats()["documents"])
            # Every Document node was written in the transaction of its nodes and facts, with its own counts.
            rows = s._q("MATCH (d:Document) RETURN d.id AS id, d.nodes AS nodes, d.edges AS edges, "
                        "COUNT { (d)-[:MENTIONS]->() } AS mentioned, size(COLLECT { UNWIND d.facts AS k RETURN DISTINCT k }) AS facts")
            for row in rows:
                assert row["mentioned"] == row["nodes"]
                assert row["facts"] <= row["edges"]  # PART_OF carries no evidence
            orphans = s._q("MATCH (n) WHERE NOT n:Document AND NOT n:YilianSchema AND NOT EXISTS { (n)<-[:MENTIONS]-(:Document) } "
                           "RETURN count(n) AS n")[0]["n"]
            assert orphans == 0
    assert any(0 < n < 37 for n in partial), partial  # the kills really interrupted a batch
    run_cli("load", *folders, "--store", neo4j_uri)
    complete = run_cli("stats", "--store", neo4j_uri, "--format", "json").stdout
    run_cli("load", *folders, "--store", neo4j_uri)
    assert run_cli("stats", "--store", neo4j_uri, "--format", "json").stdout == complete
    assert json.loads(complete)["documents"] == 37


def test_export_import_round_trip_between_backends(neo4j_uri, seeds_available, tmp_path):
    run_cli("load", seeds_available, "--store", neo4j_uri)
    run_cli("export", "--store", neo4j_uri, "--format", "json", "-o", tmp_path / "g.json")
    embedded = f"file:{tmp_path / 'copy.graph.json'}"
    run_cli("import", tmp_path / "g.json", "--store", embedded)
    with open_store(neo4j_uri) as a, open_store(embedded) as b:
        assert a.dump() == b.dump()
    # and back into Neo4j changes nothing
    run_cli("import", tmp_path / "copy.graph.json", "--store", neo4j_uri)
    with open_store(neo4j_uri) as a, open_store(embedded) as b:
        assert a.dump() == b.dump()


def test_graphml_and_csv_exports(seeds_available, tmp_path):
    import csv

    import networkx as nx

    store = f"file:{tmp_path / 'g.json'}"
    run_cli("load", seeds_available, "--store", store)
    stats = json.loads(run_cli("stats", "--store", store, "--format", "json").stdout)
    run_cli("export", "--store", store, "--format", "graphml", "-o", tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.number_of_nodes() == sum(stats["nodes"].values())
    assert g.number_of_edges() == sum(stats["edges"].values())
    run_cli("export", "--store", store, "--format", "csv", "-o", tmp_path / "csv")
    with (tmp_path / "csv" / "nodes_Hospital.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    # the Neo4j store's model: no provenance list on nodes, MENTIONS from documents instead
    assert rows[0][:4] == ["id:ID", "name", "aliases:string[]", "search_text"] and rows[0][-1] == ":LABEL"
    assert len(rows) - 1 == stats["nodes"]["Hospital"]
    with (tmp_path / "csv" / "relationships_LEADS.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == [":START_ID", ":END_ID", "key", "evidence_count:int"] and len(rows) - 1 == stats["edges"]["LEADS"]
    assert all(int(r[3]) >= len([x for x in r[4].split("\x1f") if x]) for r in rows[1:])
    with (tmp_path / "csv" / "relationships_MENTIONS.csv").open(encoding="utf-8") as f:
        mentions = list(csv.reader(f))[1:]
    with (tmp_path / "csv" / "nodes_Document.csv").open(encoding="utf-8") as f:
        documents = {r[0] for r in list(csv.reader(f))[1:]}
    assert len(documents) == stats["documents"] and {m[0] for m in mentions} == documents
    assert len({m[1] for m in mentions}) == sum(stats["nodes"].values())  # every node is named by a document


def test_small_write_batches_give_the_same_graph(neo4j_uri, seeds_available, tmp_path):
    run_cli("load", seeds_available, "--store", f"{neo4j_uri}?batch_size=2")
    small = run_cli("stats", "--store", neo4j_uri, "--format", "json").stdout
    embedded = f"file:{tmp_path / 'g.json'}"
    run_cli("load", seeds_available, "--store", embedded)
    assert small == run_cli("stats", "--store", embedded, "--format", "json").stdout

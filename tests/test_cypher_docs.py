"""docs/cypher.md runs: every ```cypher block, with parameters taken from a Neo4j loaded with
the seed announcements, returns rows with exactly the columns its `// columns:` line names."""
import re

import pytest

from conftest import ROOT, run_cli
from yilian.graph.store import open_store

DOC = ROOT / "docs" / "cypher.md"
BLOCKS = re.findall(r"```cypher\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)

# Where each documented parameter comes from: a query over the loaded seeds (no names in the docs).
PARAMS = {
    "hospital": "MATCH (h:Hospital)-[:LEADS|JOINS]->(:Alliance)<-[:LEADS|JOINS]-(p:Hospital) WHERE p <> h "
                "RETURN h.name AS v, count(*) AS n ORDER BY n DESC, v LIMIT 1",
    "q": "MATCH (h:Hospital) WHERE size(h.aliases) > 0 RETURN h.aliases[0] AS v ORDER BY h.id LIMIT 1",
    "text": "MATCH (h:Hospital) RETURN right(h.name, 4) AS v ORDER BY h.id LIMIT 1",
    "kind": "MATCH (a:Alliance)<-[:JOINS]-() WHERE a.kind IS NOT NULL RETURN a.kind AS v, count(*) AS n ORDER BY n DESC LIMIT 1",
    "code": "MATCH (p:Region {level: 'province'})<-[:PART_OF*0..3]-(:Region)<-[:LOCATED_IN]-(:Hospital)-[:LEADS|JOINS]->(:Alliance) "
            "RETURN p.code AS v, count(*) AS n ORDER BY n DESC LIMIT 1",
    "document": "MATCH (d:Document) WHERE size(d.facts) > 0 RETURN d.id AS v ORDER BY size(d.facts) DESC, v LIMIT 1",
    "organization": "MATCH (:Person)-[:HOLDS]->(o) RETURN o.name AS v, count(*) AS n ORDER BY n DESC, v LIMIT 1",
}


def _header(block: str, key: str) -> list[str]:
    found = re.search(rf"^// {key}:(.*)$", block, flags=re.M)
    return [x.strip() for x in found[1].split(",")] if found else []


@pytest.fixture(scope="module")
def seeded(neo4j_server, seeds_available):
    import os

    os.environ["NEO4J_AUTH"] = "neo4j/yilian-test-password"
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    run_cli("load", seeds_available, "--store", neo4j_server.uri)
    store = open_store(neo4j_server.uri)
    values = {name: store._q(query)[0]["v"] for name, query in PARAMS.items()}
    values["from"] = values["hospital"]
    values["to"] = store._q("MATCH (:Hospital {name: $h})-[:LEADS|JOINS]->(:Alliance)<-[:LEADS|JOINS]-(p:Hospital) "
                            "WHERE p.name <> $h RETURN p.name AS v ORDER BY v LIMIT 1", h=values["hospital"])[0]["v"]
    yield store, values
    store.close()


def test_the_page_has_examples_for_every_topic():
    assert len(BLOCKS) >= 10
    assert all(_header(b, "columns") for b in BLOCKS), "every block names its columns"
    text = " ".join(BLOCKS)
    for pattern in ("MENTIONS", "PART_OF", "shortestPath", "LEADS|JOINS", "fulltext", "facts"):
        assert pattern in text


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_every_example_runs_and_returns_its_columns(seeded, block):
    store, values = seeded
    params = {p: values[p] for p in _header(block, "params")}
    rows = store._q(block, **params)
    assert rows, f"no rows for\n{block}\nwith {params}"
    assert list(rows[0].keys()) == _header(block, "columns")

"""`yilian neo4j import`: neo4j-admin's bulk importer over `yilian export --format csv`, into the
empty database of a stopped local server; the result answers like a transactional load, and a
running server or a database holding data is refused with nothing changed."""
import json

import pytest

from conftest import run_cli

from yilian.graph import neo4j_import
from yilian.graph import neo4j_server as ns

PASSWORD = "yilian-import-test"


@pytest.fixture(scope="module")
def exported(seeds_available, tmp_path_factory):
    folder = tmp_path_factory.mktemp("import")
    store = f"file:{folder / 'g.json'}"
    run_cli("load", seeds_available, "--store", store)
    run_cli("export", "--format", "csv", "-o", folder / "csv", "--store", store)
    return {"store": store, "csv": folder / "csv", "home": folder / "neo4j"}


def test_import_then_refusals(exported, monkeypatch):
    home = exported["home"]
    proc = run_cli("neo4j", "import", exported["csv"], "--data", home)
    assert "imported" in proc.stdout and "rows/s" in proc.stdout

    handle = ns.start(ns.find_free_port(), home, PASSWORD)
    try:
        uri = handle.uri
        monkeypatch.setenv("NEO4J_AUTH", f"neo4j/{PASSWORD}")
        imported = json.loads(run_cli("stats", "--store", uri, "--format", "json").stdout)
        loaded = json.loads(run_cli("stats", "--store", exported["store"], "--format", "json").stdout)
        assert imported == loaded and loaded["documents"] > 0
        # the search the API uses works on it too (search_text is completed when the store first connects)
        for store in (uri, exported["store"]):
            rows = json.loads(run_cli("query", "hospital_search", "-p", "q=医院", "--format", "json", "--store", store).stdout)
            assert rows, store
        # a node with aliases is imported with the label Aliased too (hospital_search relies on it)
        records, _, _ = handle.driver().execute_query(
            "MATCH (n) WHERE n.aliases IS NOT NULL RETURN size(n.aliases) > 0 AS aliased, n:Aliased AS marked, count(*) AS n")
        assert all(r["aliased"] == r["marked"] for r in records) and any(r["marked"] for r in records)
        # numbers stay numbers through the CSV header
        records, _, _ = handle.driver().execute_query(
            "MATCH (a:Alliance) WHERE a.member_count IS NOT NULL RETURN DISTINCT valueType(a.member_count) AS t")
        assert {r["t"] for r in records} <= {"INTEGER NOT NULL"}

        running = run_cli("neo4j", "import", exported["csv"], "--data", home, check=False)
        assert running.returncode == 2 and "is running" in running.stderr and "stop it first" in running.stderr
    finally:
        handle.stop()

    again = run_cli("neo4j", "import", exported["csv"], "--data", home, check=False)
    assert again.returncode == 2 and "already holds" in again.stderr, again.stderr
    handle = ns.start(ns.find_free_port(), home, PASSWORD)  # still the same graph, nothing changed
    try:
        assert json.loads(run_cli("stats", "--store", handle.uri, "--format", "json").stdout) == loaded
    finally:
        handle.stop()


def test_importer_arguments_follow_the_headers(tmp_path):
    (tmp_path / "nodes_Clinic.csv").write_text("key:ID,name\nc1,甲\n", encoding="utf-8")
    (tmp_path / "nodes_x.csv").write_text("id:ID,name,:LABEL\nx1,乙,Hospital\n", encoding="utf-8")
    (tmp_path / "relationships_REFERS.csv").write_text(":START_ID,:END_ID\nc1,x1\n", encoding="utf-8")
    args, files = neo4j_import.importer_arguments(tmp_path)
    assert f"--nodes=Clinic={tmp_path / 'nodes_Clinic.csv'}" in args
    assert f"--nodes={tmp_path / 'nodes_x.csv'}" in args
    assert f"--relationships=REFERS={tmp_path / 'relationships_REFERS.csv'}" in args
    assert "--array-delimiter=U+001F" in args and len(files) == 3

    (tmp_path / "relationships_BAD.csv").write_text(":START_ID,to\nc1,x1\n", encoding="utf-8")
    with pytest.raises(neo4j_import.ImportRefused, match=r"relationships_BAD.csv: the header lacks :END_ID"):
        neo4j_import.importer_arguments(tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(neo4j_import.ImportRefused, match="no nodes"):
        neo4j_import.importer_arguments(tmp_path / "empty")

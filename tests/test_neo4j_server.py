"""A real Neo4j Community 5.26 server on the local JVM: start, write, CJK full-text search, stop, restart, persist.

Needs the launcher built by ``neo4j-server/install.sh`` (and java); skipped with that hint otherwise.
Takes roughly 10-25 s on a 2-core machine (two JVM start-ups).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from yilian.graph import neo4j_server

PASSWORD = "yilian-test-pw-123"


def _require_built() -> None:
    try:
        neo4j_server._java()
        neo4j_server._jar()
    except neo4j_server.Neo4jServerError as e:
        pytest.skip(str(e))


def test_missing_jar_message(tmp_path, monkeypatch):
    monkeypatch.setenv("YILIAN_NEO4J_HOME", str(tmp_path / "nowhere"))
    with pytest.raises(neo4j_server.Neo4jServerError, match="run neo4j-server/install.sh"):
        neo4j_server.start(neo4j_server.find_free_port(), tmp_path / "db", PASSWORD, wait=5)
    assert neo4j_server.status(tmp_path / "db")["running"] is False


def test_server_roundtrip_cjk_and_persistence(tmp_path: Path):
    _require_built()
    import neo4j

    data_dir = tmp_path / "neo4j"
    port = neo4j_server.find_free_port()

    t0 = time.monotonic()
    handle = neo4j_server.start(port, data_dir, PASSWORD)
    try:
        first_start = time.monotonic() - t0
        st = neo4j_server.status(data_dir)
        assert st["running"] and st["bolt_open"] and st["port"] == port and st["pid"] == handle.pid
        assert (data_dir / "neo4j.pid").read_text().strip() == str(handle.pid)
        print(f"\nfirst start {first_start:.1f}s, JVM RSS {st['rss_mb']} MB")

        # auth is really on
        with neo4j.GraphDatabase.driver(handle.uri, auth=("neo4j", "wrong-password")) as bad:
            with pytest.raises(neo4j.exceptions.AuthError):
                bad.verify_connectivity()

        with handle.driver() as driver:
            (rec,), _, _ = driver.execute_query(
                "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition")
            assert rec["v"].startswith("5.26.") and rec["edition"] == "community"

            driver.execute_query(
                "CREATE (:Hospital {name: $a, city: '济南'}), (:Hospital {name: $b, city: '北京'})",
                a="山东大学第二医院", b="北京协和医院")
            records, _, _ = driver.execute_query(
                "MATCH (h:Hospital {city: '济南'}) RETURN h.name AS name")
            assert [r["name"] for r in records] == ["山东大学第二医院"]

            analyzers = {r["analyzer"] for r in driver.execute_query(
                "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer RETURN analyzer").records}
            assert "cjk" in analyzers
            driver.execute_query(
                "CREATE FULLTEXT INDEX hospital_name IF NOT EXISTS FOR (h:Hospital) ON EACH [h.name] "
                "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}")
            driver.execute_query("CALL db.awaitIndexes(120)")
            # cjk = overlapping bigrams: 第二医院 -> 第二 二医 医院, OR-ed, so 北京协和医院 matches 医院 with a lower
            # score; as a phrase query all bigrams must be adjacent
            records, _, _ = driver.execute_query(
                "CALL db.index.fulltext.queryNodes('hospital_name', $q) YIELD node, score "
                "RETURN node.name AS name ORDER BY score DESC", q="第二医院")
            assert [r["name"] for r in records][0] == "山东大学第二医院"
            records, _, _ = driver.execute_query(
                "CALL db.index.fulltext.queryNodes('hospital_name', $q) YIELD node RETURN node.name AS name",
                q='"第二医院"')
            assert [r["name"] for r in records] == ["山东大学第二医院"]
    finally:
        assert neo4j_server.stop(data_dir) is True
    st = neo4j_server.status(data_dir)
    assert st["running"] is False and st["pid"] is None
    assert not (data_dir / "neo4j.pid").exists()
    assert neo4j_server.stop(data_dir) is False  # idempotent

    # same data dir again: the node, the index and the password survived
    t0 = time.monotonic()
    handle = neo4j_server.start(port, data_dir, PASSWORD)
    try:
        print(f"restart {time.monotonic() - t0:.1f}s")
        with handle.driver() as driver:
            records, _, _ = driver.execute_query("MATCH (h:Hospital) RETURN h.name AS name ORDER BY name")
            assert sorted(r["name"] for r in records) == sorted(["山东大学第二医院", "北京协和医院"])
            records, _, _ = driver.execute_query(
                "CALL db.index.fulltext.queryNodes('hospital_name', $q) YIELD node RETURN node.name AS name",
                q='"第二医院"')
            assert [r["name"] for r in records] == ["山东大学第二医院"]
        # a second start() on the same dir and port reuses the running server
        again = neo4j_server.start(port, data_dir, PASSWORD, wait=30)
        assert again.pid == handle.pid
    finally:
        assert neo4j_server.stop(data_dir) is True
    assert neo4j_server.status(data_dir)["running"] is False

"""`yilian cypher` on the session's real Neo4j: read transactions unless --write, table/json/csv,
errors worded for people, and the shell (statements up to ';', :exit)."""
import json

import pytest

from conftest import run_cli

from yilian.console import split_statements


@pytest.fixture
def uri(neo4j_uri):
    run_cli("cypher", "CREATE (:Hospital {id: 'h-1', name: '甲市第一人民医院'}), (:Hospital {id: 'h-2', name: '乙县中医院'})",
            "--write", "--store", neo4j_uri)
    return neo4j_uri


def _count(uri, label="ConsoleTest") -> int:
    proc = run_cli("cypher", f"MATCH (n:{label}) RETURN count(n) AS n", "--format", "json", "--store", uri)
    return json.loads(proc.stdout)[0]["n"]


def test_write_refused_without_flag(uri):
    proc = run_cli("cypher", "CREATE (:ConsoleTest {x: 1})", "--store", uri, check=False)
    assert proc.returncode == 1
    assert "refused" in proc.stderr and "--write" in proc.stderr
    assert _count(uri) == 0  # Neo4j refused it: nothing was written


def test_write_with_flag(uri):
    proc = run_cli("cypher", "CREATE (n:ConsoleTest {x: $x}) RETURN n.x AS x", "-p", "x=7", "--write", "--store", uri)
    assert "1 nodes created" in proc.stderr
    assert _count(uri) == 1


def test_json_and_csv_output(uri):
    proc = run_cli("cypher", "MATCH (h:Hospital) RETURN h.name AS name, h ORDER BY name", "--format", "json", "--store", uri)
    rows = json.loads(proc.stdout)
    assert [r["name"] for r in rows] == sorted(["甲市第一人民医院", "乙县中医院"])
    assert rows[0]["h"]["labels"] == ["Hospital"] and rows[0]["h"]["properties"]["name"] == rows[0]["name"]
    proc = run_cli("cypher", "MATCH (h:Hospital) RETURN h.id AS id ORDER BY id", "--format", "csv", "--store", uri)
    assert proc.stdout.splitlines() == ["id", "h-1", "h-2"]


def test_table_output(uri):
    proc = run_cli("cypher", "MATCH (h:Hospital {id: 'h-2'}) RETURN h.name AS name", "--store", uri)
    assert "name" in proc.stdout and "乙县中医院" in proc.stdout
    assert "1 row" in proc.stderr


def test_syntax_error_names_the_position(uri):
    proc = run_cli("cypher", "MATCH (h:Hospital) RETRN h", "--store", uri, check=False)
    assert proc.returncode == 1
    assert "syntax error" in proc.stderr and "column 20" in proc.stderr and "RETRN" in proc.stderr


def test_unreachable_server_and_embedded_store(tmp_path):
    from yilian.graph.neo4j_server import find_free_port

    proc = run_cli("cypher", "RETURN 1", "--store", f"bolt://127.0.0.1:{find_free_port()}", check=False)
    assert proc.returncode == 2 and "cannot reach Neo4j" in proc.stderr
    proc = run_cli("cypher", "RETURN 1", "--store", f"file:{tmp_path / 'g.json'}", check=False)
    assert proc.returncode == 2 and "needs a Neo4j store" in proc.stderr


def test_bad_credentials(uri, monkeypatch):
    monkeypatch.setenv("NEO4J_AUTH", "neo4j/wrong-password")
    proc = run_cli("cypher", "RETURN 1", "--store", uri, check=False)
    assert proc.returncode == 2 and "refused the credentials" in proc.stderr


def test_shell_reads_statements_up_to_semicolons(uri):
    script = ("MATCH (h:Hospital)\n"
              "RETURN count(h) AS hospitals;\n"
              "RETURN 'a;b' AS s; RETURN 2 AS two;\n"
              "CREATE (:ConsoleTest);\n"          # refused (read-only shell); the shell goes on
              ":exit\n"
              "RETURN 'after exit' AS never;\n")
    proc = run_cli("cypher", "--format", "json", "--store", uri, input=script, check=False)
    answers = [json.loads(chunk) for chunk in proc.stdout.replace("]\n[", "]\x00[").split("\x00")]
    assert answers == [[{"hospitals": 2}], [{"s": "a;b"}], [{"two": 2}]]
    assert "refused" in proc.stderr and proc.returncode == 1  # one statement failed
    assert _count(uri) == 0


def test_split_statements():
    assert split_statements("RETURN 1; RETURN ';' // a ; comment\n; MATCH (n)") == (["RETURN 1", "RETURN ';' // a ; comment"], " MATCH (n)")
    assert split_statements("RETURN `a;b`, \"c\\\";\";") == (["RETURN `a;b`, \"c\\\";\""], "")

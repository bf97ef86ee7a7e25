"""The local server and the Neo4j store agree on credentials with nothing in the environment:
`yilian neo4j start`, then `yilian load … --store bolt://…` and `yilian stats` on both stores."""
import json

from conftest import run_cli

from yilian.graph.neo4j_server import LOCAL_AUTH


def test_start_prints_browser_bolt_and_credentials(local_neo4j):
    text = local_neo4j["start_output"]
    assert local_neo4j["browser"] in text
    assert local_neo4j["uri"] in text
    assert f"user {LOCAL_AUTH[0]}, password {LOCAL_AUTH[1]}" in text
    # the exact line to load with: no NEO4J_AUTH needed, since the store's default is the same
    assert f"yilian load PATH --store {local_neo4j['uri']}" in text


def test_load_with_empty_environment_matches_embedded(local_neo4j, seeds_available, tmp_path):
    assert "skipped 0" in local_neo4j["load_output"], local_neo4j["load_output"]
    embedded = f"file:{tmp_path / 'g.json'}"
    run_cli("load", seeds_available, "--store", embedded)
    on_neo4j = json.loads(run_cli("stats", "--store", local_neo4j["uri"], "--format", "json", env=local_neo4j["env"]).stdout)
    on_file = json.loads(run_cli("stats", "--store", embedded, "--format", "json").stdout)
    assert on_neo4j == on_file and on_file["documents"] > 0


def test_wrong_credentials_say_whose(local_neo4j):
    env = dict(local_neo4j["env"], NEO4J_AUTH="neo4j/not-the-password")
    proc = run_cli("stats", "--store", local_neo4j["uri"], env=env, check=False)
    assert proc.returncode == 2
    assert "refused the credentials" in proc.stderr and "from NEO4J_AUTH" in proc.stderr
    assert "not-the-password" not in proc.stderr


def test_status_reports_the_browser(local_neo4j):
    st = json.loads(run_cli("neo4j", "status", "--data", local_neo4j["data"], env=local_neo4j["env"]).stdout)
    assert st["running"] and st["browser"] == local_neo4j["browser"] and st["uri"] == local_neo4j["uri"]

"""docker-compose.yml cannot run here (no Docker engine): check its shape instead."""
import re

import yaml

from conftest import ROOT


def test_compose_wires_neo4j_and_api():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    neo4j, api = compose["services"]["neo4j"], compose["services"]["api"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "NEO4J_AUTH" in neo4j["environment"] and neo4j["environment"]["NEO4J_AUTH"].startswith("${NEO4J_AUTH")
    assert "127.0.0.1:7687:7687" in neo4j["ports"] and "127.0.0.1:7474:7474" in neo4j["ports"]
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    # the walls the local launcher builds in (docs/faults.md, fault 1 and 3)
    assert neo4j["environment"]["NEO4J_dbms_security_allow__csv__import__from__file__urls"] == "false"
    assert neo4j["environment"]["NEO4J_internal_dbms_cypher__ip__blocklist"] == "0.0.0.0/0,::/0"
    assert neo4j["environment"]["NEO4J_db_transaction_timeout"] and neo4j["environment"]["NEO4J_db_memory_transaction_max"]
    assert api["build"] == "."
    assert api["environment"]["YILIAN_STORE"] == "bolt://neo4j:7687"
    assert api["environment"]["NEO4J_AUTH"] == neo4j["environment"]["NEO4J_AUTH"]
    assert "127.0.0.1:8000:8000" in api["ports"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    named = {v.split(":")[0] for s in compose["services"].values() for v in s.get("volumes", [])}
    assert named <= set(compose["volumes"])


def test_dockerfile_serves_the_api():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11", text, re.M)
    for folder in ("yilian", "loaders", "graph", "queries", "api"):
        assert f"COPY {folder} {folder}" in text
    assert "yilian serve --host 0.0.0.0 --port 8000" in text and "EXPOSE 8000" in text

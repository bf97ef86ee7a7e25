"""The API on a real uvicorn server, over both stores."""
import json
import os
import socket
import subprocess
import time

from contextlib import contextmanager

import httpx

from conftest import YILIAN, run_cli


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(store_uri, token="test-token"):
    """`yilian serve` (uvicorn) on a free port; yields its base URL."""
    port = _free_port()
    proc = subprocess.Popen([*YILIAN, "serve", "--store", store_uri, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "YILIAN_API_TOKEN": token})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_health_and_stats(store_uri, seeds_available):
    run_cli("load", seeds_available, "--store", store_uri)
    expected = json.loads(run_cli("stats", "--store", store_uri, "--format", "json").stdout)
    with live_server(store_uri) as base:
        r = httpx.get(f"{base}/health")
        assert r.status_code == 200 and r.json()["status"] == "ok"
        assert httpx.get(f"{base}/stats").json() == expected


def test_partner_lookup_over_http(store_uri, seeds_available):
    run_cli("load", seeds_available, "--store", store_uri)
    with live_server(store_uri) as base:
        hits = httpx.get(f"{base}/hospitals", params={"q": "山大二院"}).json()
        assert hits["items"][0]["name"] == "山东大学第二医院"
        assert httpx.get(f"{base}/hospitals", params={"q": "山東大學第二醫院"}).json()["items"][0]["name"] == "山东大学第二医院"
        hid = hits["items"][0]["id"]
        partners = httpx.get(f"{base}/hospitals/{hid}/partners").json()["items"]
        kinds = {p["kind"] for p in partners if p["partner"] == "德州市妇幼保健院"}
        assert {"医联体", "专科联盟"} <= kinds
        assert all(p["evidence"] and p["evidence"][0]["sentence"] for p in partners)
        detail = httpx.get(f"{base}/hospitals/{hid}").json()
        assert detail["name"] == "山东大学第二医院" and all(l["evidence"] for l in detail["links"] if l["type"] != "PART_OF")
        r = httpx.get(f"{base}/hospitals/hospital-000000000000")
        assert r.status_code == 404 and "no hospital" in r.json()["error"]
        assert httpx.get(f"{base}/regions/371400/alliances").json()
        queries = httpx.get(f"{base}/queries").json()
        assert "partners" in {q["name"] for q in queries}
        rows = httpx.post(f"{base}/queries/hospital_search", json={"params": {"q": "妇幼"}}).json()
        assert rows[0]["name"] == "德州市妇幼保健院"
        assert httpx.post(f"{base}/queries/partners", json={"params": {}}).status_code == 422


def test_cypher_is_read_only(neo4j_uri, seeds_available):
    run_cli("load", seeds_available / "002_067bdd6dd9228f8a.txt", "--store", neo4j_uri)
    with live_server(neo4j_uri) as base:
        before = httpx.get(f"{base}/stats").json()
        ok = httpx.post(f"{base}/cypher", json={"query": "MATCH (h:Hospital) RETURN h.name AS name ORDER BY name"})
        assert ok.status_code == 200 and {"name": "山东大学第二医院"} in ok.json()
        for q in ("CREATE (n) RETURN n", "MATCH (n) DETACH DELETE n", "MERGE (x:Hospital {id: 'x'})",
                  "MATCH (n) SET n.name = 'x'", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
                  "CALL dbms.security.createUser('a','b')", "MATCH (n) RETURN n; CREATE (m)",
                  "MATCH (n) /* harmless */ CREATE (m) RETURN m"):
            r = httpx.post(f"{base}/cypher", json={"query": q})
            assert r.status_code == 403, (q, r.status_code, r.text)
        assert httpx.get(f"{base}/stats").json() == before


def test_cypher_on_embedded_is_501_and_ingest_needs_token(tmp_path, seeds_available):
    store = f"file:{tmp_path / 'g.json'}"
    # (generous timeouts: the first announcement loads the extraction resources, slow on a busy machine)
    with live_server(store, token="s3cret") as base:
        assert httpx.post(f"{base}/cypher", json={"query": "MATCH (n) RETURN n"}, timeout=60).status_code == 501
        text = (seeds_available / "002_067bdd6dd9228f8a.txt").read_text(encoding="utf-8")
        assert httpx.post(f"{base}/announcements", json={"text": text}, timeout=60).status_code == 401
        bad = httpx.post(f"{base}/announcements", json={"text": text}, headers={"Authorization": "Bearer nope"}, timeout=60)
        assert bad.status_code == 401
        ok = httpx.post(f"{base}/announcements", json={"text": text}, headers={"Authorization": "Bearer s3cret"}, timeout=60)
        assert ok.status_code == 201 and ok.json()["nodes_added"] > 0
        again = httpx.post(f"{base}/announcements", json={"text": text}, headers={"Authorization": "Bearer s3cret"}, timeout=60)
        assert again.json()["nodes_added"] == 0 and again.json()["edges_added"] == 0
        assert httpx.get(f"{base}/stats").json()["documents"] == 1


def test_serve_says_so_when_the_store_is_unreachable():
    proc = run_cli("serve", "--store", f"bolt://127.0.0.1:{_free_port()}", check=False)
    assert proc.returncode == 2 and "cannot reach Neo4j" in proc.stderr


def test_testclient_in_process(store_uri, seeds_available):
    from fastapi.testclient import TestClient

    from yilian.api.app import create_app

    run_cli("load", seeds_available, "--store", store_uri)
    with TestClient(create_app(store_uri, token="t")) as client:
        [hit] = client.get("/hospitals", params={"q": "山大二院"}).json()["items"]
        assert hit["name"] == "山东大学第二医院"
        page = client.get(f"/hospitals/{hit['id']}/partners", params={"limit": 2, "offset": 1}).json()
        assert page["limit"] == 2 and page["offset"] == 1 and len(page["items"]) <= 2 and page["total"] >= 3
        alliances = client.get("/alliances").json()["items"]
        detail = client.get(f"/alliances/{alliances[0]['id']}").json()
        assert detail["label"] == "Alliance" and detail["links"]
        person = next(l for l in client.get(f"/hospitals/{hit['id']}").json()["links"] if l["type"] == "HOLDS")
        assert client.get(f"/people/{person['other']}").json()["name"] == person["other_name"]
        assert client.get("/regions/999999").status_code == 404
        assert client.get("/hospitals", params={"q": ""}).status_code == 422

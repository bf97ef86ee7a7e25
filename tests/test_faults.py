"""Faults: a loader killed mid-batch, stores that cannot be written or read, Neo4j unreachable,
stopped, refusing a write, and coming back; and the API's hardening (body limit, CORS, bearer
token, bound parameters, read-only Cypher). See docs/faults.md.

The Neo4j tests here run on a server this module starts itself (own data folder and port),
since one of them stops and restarts it."""
import json
import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import FIXTURES, NEO4J_PASSWORD, SAMPLES, SEEDS, YILIAN, run_cli, sized
from test_api import _free_port, live_server
from yilian.api.app import create_app
from yilian.graph.embedded import EmbeddedStore
from yilian.graph.model import DocumentGraph, DocumentMeta, Edge, Node
from yilian.graph.store import open_store
from yilian.loaders import Skipped, discover, extract_file
from yilian.loaders.decode import decode_bytes

SEED = SEEDS / "002_067bdd6dd9228f8a.txt"


def _doc(doc_id: str) -> DocumentGraph:
    return DocumentGraph(DocumentMeta(doc_id, f"/x/{doc_id}.txt", None, None, None),
                         [Node("hospital-1", "Hospital", "某市中心医院"), Node("alliance-1", "Alliance", "某市眼科专科联盟")],
                         [Edge("LEADS", "hospital-1", "alliance-1", f"句子{doc_id}")])


def _one_line_error(proc, *needles: str) -> str:
    assert "Traceback" not in proc.stderr, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, proc.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]
    return errors[0]


# -- the embedded store under SIGKILL --------------------------------------------------------------
def _corpus(folder: Path) -> Path:
    """Seeds, fixtures and samples, each also as a variant (a distinct document): 74 announcements."""
    folder.mkdir()
    sources = sorted(SEEDS.glob("*.txt")) + sorted((FIXTURES / "announcements").iterdir()) + sorted(SAMPLES.iterdir())
    for i, src in enumerate(sources):
        text, _ = decode_bytes(src.read_bytes())
        (folder / f"{i:03d}a{src.suffix}").write_text(text, encoding="utf-8")
        variant = "转载说明：本文转载自合作单位网站。\n" + text.replace("。", "。本文为转载稿。", 1)
        (folder / f"{i:03d}b{src.suffix}").write_text(variant, encoding="utf-8")
    return folder


def _by_document(graph: dict) -> tuple[dict, dict]:
    nodes, evidence = {}, {}
    for n in graph["nodes"]:
        for d in n["documents"]:
            nodes.setdefault(d, set()).add(n["id"])
    for e in graph["edges"]:
        for ev in e["evidence"]:
            evidence.setdefault(ev["document"], set()).add((e["source"], e["target"], e["key"], ev["sentence"]))
    return nodes, evidence


def test_embedded_load_killed_at_random_moments_keeps_whole_documents_and_resumes(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    full_file, killed_file = tmp_path / "full.json", tmp_path / "killed.json"
    clean = subprocess.Popen([*YILIAN, "load", corpus, "--store", f"file:{full_file}"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    env = {**os.environ, "YILIAN_CHECKPOINT_SECONDS": "0"}  # checkpoint after every document
    rng = random.Random(20240516)
    sizes = []
    for _ in range(sized(2, 5)):
        # Kill once this run has saved at least `target` documents, a little later: somewhere
        # between two checkpoints, maybe in the middle of writing one.
        target, seen = rng.randint(1, 70), None
        proc = subprocess.Popen([*YILIAN, "load", corpus, "--store", f"file:{killed_file}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + 90
        while proc.poll() is None and time.monotonic() < deadline:
            mtime = killed_file.stat().st_mtime_ns if killed_file.exists() else None
            if mtime != seen:
                seen = mtime
                try:
                    if len(json.loads(killed_file.read_text(encoding="utf-8"))["documents"]) >= target:
                        break
                except (OSError, ValueError):
                    pass  # replaced while we read it
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        graph = json.loads(killed_file.read_text(encoding="utf-8"))  # loadable: JSON, and as a store
        assert EmbeddedStore(killed_file).stats()["documents"] == len(graph["documents"])
        sizes.append(graph)
    assert clean.wait(180) == 0, clean.stderr.read()
    full = json.loads(full_file.read_text(encoding="utf-8"))
    assert len(full["documents"]) == 74  # the variants are distinct documents
    order = [str(p) for p in discover([corpus]) if not isinstance(p, Skipped)]
    doc_of = {meta["path"]: d for d, meta in full["documents"].items()}
    in_order = [doc_of[p] for p in order]
    full_nodes, full_evidence = _by_document(full)
    for graph in sizes:
        docs = list(graph["documents"])
        assert set(docs) == set(in_order[: len(docs)])  # a prefix of the batch, in load order
        nodes, evidence = _by_document(graph)
        assert set(nodes) <= set(docs) and set(evidence) <= set(docs)  # nothing from a half document
        for d in docs:  # and every listed document is whole
            assert nodes.get(d, set()) == full_nodes.get(d, set())
            assert evidence.get(d, set()) == full_evidence.get(d, set())
    counts = [len(g["documents"]) for g in sizes]
    assert any(0 < n < 74 for n in counts), counts  # the kills really interrupted the batch
    run_cli("load", corpus, "--store", f"file:{killed_file}")  # exit 0: completes it
    assert json.loads(killed_file.read_text(encoding="utf-8")) == full  # no duplicates, nothing missing
    assert run_cli("stats", "--store", f"file:{killed_file}", "--format", "json").stdout == \
        run_cli("stats", "--store", f"file:{full_file}", "--format", "json").stdout


def test_temporary_files_of_killed_writers_are_cleaned_up(tmp_path):
    path = tmp_path / "g.json"
    stale, fresh = tmp_path / ".g.json.k1ll3d.tmp", tmp_path / ".g.json.wr1t1n.tmp"
    for f in (stale, fresh):
        f.write_text('{"format": 1, "nod', encoding="utf-8")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    s = EmbeddedStore(path)
    s.merge(_doc("d1"))
    s.flush()
    assert not stale.exists() and fresh.exists()  # a fresh one may belong to a writer still at work
    assert EmbeddedStore(path).stats()["documents"] == 1


def test_unwritable_unreadable_and_corrupt_store_files(tmp_path):
    proc = run_cli("load", SEED, "--store", "file:/proc/yilian-no-such/g.json", check=False)
    assert proc.returncode == 2
    _one_line_error(proc, "/proc/yilian-no-such/g.json: cannot write the graph")
    proc = run_cli("stats", "--store", f"file:{tmp_path}", check=False)  # a folder, not a file
    assert proc.returncode == 2
    _one_line_error(proc, "not a readable yilian graph file")
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"format": 1, "documents": {', encoding="utf-8")
    proc = run_cli("load", SEED, "--store", f"file:{corrupt}", check=False)
    assert proc.returncode == 2
    _one_line_error(proc, str(corrupt), "not a readable yilian graph file")
    assert corrupt.read_text(encoding="utf-8") == '{"format": 1, "documents": {'  # not overwritten


# -- Neo4j unreachable, stopped, refusing, back ----------------------------------------------------
def test_cli_says_in_one_line_when_neo4j_is_unreachable():
    uri = f"bolt://127.0.0.1:{_free_port()}"
    for args in (("stats",), ("load", SEED)):
        proc = run_cli(*args, "--store", uri, check=False)
        assert proc.returncode == 2, (args, proc.stderr)
        _one_line_error(proc, uri, "cannot reach Neo4j")


@pytest.fixture(scope="module")
def own_neo4j(tmp_path_factory):
    from yilian.graph import neo4j_server as ns

    data = tmp_path_factory.mktemp("own-neo4j")
    try:
        handle = ns.start(ns.find_free_port(), data, NEO4J_PASSWORD)
    except ns.Neo4jServerError as e:
        pytest.fail(f"cannot start the test Neo4j: {e}")
    yield handle
    ns.stop(data)


@pytest.fixture
def own_uri(own_neo4j, monkeypatch):
    monkeypatch.setenv("NEO4J_AUTH", f"neo4j/{NEO4J_PASSWORD}")
    with own_neo4j.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    return own_neo4j.uri


def test_a_write_neo4j_refuses_is_reported_in_one_line_and_leaves_nothing_half_written(own_uri, own_neo4j):
    open_store(own_uri).close()  # the schema: Region.code is unique
    with own_neo4j.driver() as driver:  # data staff created a region by hand, with another id
        driver.execute_query("CREATE (:Region {id: 'region-by-hand', code: '371400', name: '德州'})")
    doc = extract_file(SEED).document.id
    proc = run_cli("load", SEED, "--store", own_uri, check=False)
    assert proc.returncode == 2  # a constraint violation is not retried: it would fail again
    _one_line_error(proc, "Neo4j refused the request", "ConstraintValidationFailed", "run the same load again")
    with own_neo4j.driver() as driver:
        assert driver.execute_query("MATCH (:Document {id: $d})-[m:MENTIONS]->() RETURN count(m) AS n", d=doc).records[0]["n"] == 0
        assert driver.execute_query("MATCH (d:Document) RETURN count(d) AS n").records[0]["n"] == 0
        driver.execute_query("MATCH (r:Region {id: 'region-by-hand'}) DELETE r")
    with open_store(own_uri) as s:  # fixed by hand: the same document now goes through
        s.merge(extract_file(SEED))
        assert s.stats()["documents"] == 1


def test_search_strings_are_bound_parameters_never_cypher(own_uri):
    with open_store(own_uri) as s:
        s.merge(extract_file(SEED))
    attacks = ["') MATCH (n) DETACH DELETE n //", "'}) MATCH (n) DETACH DELETE n //", "\" OR true DETACH DELETE n //",
               "x` DETACH DELETE n //", "$q", "\\') MATCH (n) DELETE n //", "山大二院' OR '1'='1"]
    with TestClient(create_app(own_uri, token="t")) as client:
        before = client.get("/stats").json()
        assert before["documents"] == 1 and before["nodes"]
        for q in attacks:
            r = client.get("/hospitals", params={"q": q})
            assert r.status_code == 200 and r.json()["items"] == [], (q, r.text)
            r = client.post("/queries/hospital_search", json={"params": {"q": q}})
            assert r.status_code == 200 and r.json() == [], (q, r.text)
            assert client.get(f"/hospitals/{quote(q, safe='')}").status_code == 404
            assert client.get(f"/regions/{quote(q, safe='')}/alliances").status_code == 404
            r = client.post("/cypher", json={"query": "MATCH (h:Hospital) WHERE h.name = $q RETURN h.name AS name",
                                             "params": {"q": q}})
            assert r.status_code == 200 and r.json() == []
        assert client.get("/stats").json() == before


def test_cypher_refuses_apoc_procedures_and_hidden_writes(own_uri):
    with open_store(own_uri) as s:
        s.merge(extract_file(SEED))
    writes = ["CALL apoc.create.node(['X'], {name: 'x'})",
              "call apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
              "CALL\n  apoc.cypher.runWrite('CREATE (x:X)', {})",
              "CALL /* harmless */ apoc.refactor.rename.label('Hospital', 'X')",
              "CALL db.createLabel('X')",
              "CALL `db`.`createLabel`('X')",  # hides from the keyword check: the READ session refuses it
              "CALL { CREATE (x:X) } RETURN 1",
              "MATCH (n) FOREACH (x IN [1] | SET n.hacked = true)",
              "match (n) remove n.name",
              "CREATE INDEX x FOR (n:X) ON (n.y)",
              "DROP CONSTRAINT yilian_hospital_id",
              "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
              "CALL dbms.security.createUser('a', 'b', false)"]
    with TestClient(create_app(own_uri, token="t")) as client:
        labels = client.post("/cypher", json={"query": "CALL db.labels() YIELD label RETURN label ORDER BY label"}).json()
        before = client.get("/stats").json()
        for q in writes:
            r = client.post("/cypher", json={"query": q})
            assert r.status_code == 403 and r.json()["error"], (q, r.status_code, r.text)
        assert client.get("/stats").json() == before
        assert client.post("/cypher", json={"query": "CALL db.labels() YIELD label RETURN label ORDER BY label"}).json() == labels


def test_api_answers_503_while_neo4j_is_down_and_recovers_when_it_is_back(own_uri, own_neo4j, tmp_path, monkeypatch):
    """A real uvicorn server over a Neo4j we stop and start again on the same data and port. While
    it is down: 503 with a JSON error, the CLI says so in one line, and a write waits, retried
    with back-off, and lands once Neo4j is back. Afterwards: 200 again, nothing lost."""
    from yilian.graph import neo4j_server as ns

    # Kept answers would be served for up to YILIAN_NEO4J_CACHE_SECONDS of an outage (test_api_cache.py)
    monkeypatch.setenv("YILIAN_NEO4J_CACHE_SECONDS", "0")
    with open_store(own_uri) as s:
        s.merge(_doc("before"))
    with live_server(own_uri) as base:
        assert httpx.get(f"{base}/stats").json()["documents"] == 1
        writer = open_store(own_uri)
        ns.stop(own_neo4j.data_dir)
        try:
            cli = subprocess.Popen([*YILIAN, "stats", "--store", own_uri], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
            r = httpx.post(f"{base}/cypher", json={"query": "MATCH (n) RETURN count(n) AS n"}, timeout=60)
            assert r.status_code == 503 and "unavailable" in r.json()["error"], r.text
            assert r.headers["retry-after"]
            r = httpx.get(f"{base}/stats", timeout=120)  # reads give up after the driver's 3 s retry budget
            assert r.status_code == 503 and "unavailable" in r.json()["error"], r.text
            out, err = cli.communicate(timeout=120)
            lines = [line for line in err.splitlines() if line.strip()]
            assert cli.returncode == 2 and len(lines) == 1, err
            assert lines[0].startswith("error:") and "cannot reach Neo4j" in lines[0]
            written = []
            thread = threading.Thread(target=lambda: written.append(writer.merge(_doc("during"))))
            thread.start()  # the write retries with back-off while Neo4j is down
        finally:
            ns.start(own_neo4j.port, own_neo4j.data_dir, NEO4J_PASSWORD)
        thread.join(180)
        writer.close()
        assert written == [(0, 0)]  # landed once Neo4j was back (the nodes already existed)
        r = httpx.get(f"{base}/stats")
        assert r.status_code == 200 and r.json()["documents"] == 2
        assert httpx.post(f"{base}/cypher", json={"query": "MATCH (d:Document) RETURN d.id AS id ORDER BY id"}).json() == \
            [{"id": "before"}, {"id": "during"}]


# -- API hardening ---------------------------------------------------------------------------------
def test_request_bodies_over_the_limit_get_413(tmp_path, monkeypatch):
    text = SEED.read_text(encoding="utf-8")
    monkeypatch.setenv("YILIAN_MAX_BODY", "100000")
    with live_server(f"file:{tmp_path / 'g.json'}", token="s3cret") as base:
        auth = {"Authorization": "Bearer s3cret", "Content-Type": "application/json"}
        r = httpx.post(f"{base}/announcements", headers=auth, content=json.dumps({"text": text * 40}).encode())
        assert r.status_code == 413 and "too large" in r.json()["error"]  # Content-Length: refused unread

        def chunks():  # no Content-Length: counted as it arrives
            yield b'{"text": "'
            for _ in range(50):
                yield ("医" * 2000).encode("utf-8")
            yield b'"}'
        r = httpx.post(f"{base}/announcements", headers=auth, content=chunks())
        assert r.status_code == 413 and "too large" in r.json()["error"]
        r = httpx.post(f"{base}/announcements", headers=auth, content=json.dumps({"text": text}).encode(), timeout=60)
        assert r.status_code == 201  # under the limit: fine
        assert httpx.get(f"{base}/stats").json()["documents"] == 1
    monkeypatch.delenv("YILIAN_MAX_BODY")
    with TestClient(create_app(f"file:{tmp_path / 'g.json'}", token="s3cret")) as client:  # the default: 8 MB
        r = client.post("/announcements", headers=auth, content=b'{"text": "' + b"a" * (9 * 1024 * 1024) + b'"}')
        assert r.status_code == 413


def test_cors_is_off_unless_configured(tmp_path, monkeypatch):
    store = f"file:{tmp_path / 'g.json'}"
    origin = {"Origin": "https://planner.example"}
    preflight = {**origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    monkeypatch.delenv("YILIAN_CORS_ORIGINS", raising=False)
    with TestClient(create_app(store)) as client:
        assert "access-control-allow-origin" not in client.get("/stats", headers=origin).headers
        assert "access-control-allow-origin" not in client.options("/queries/partners", headers=preflight).headers
    monkeypatch.setenv("YILIAN_CORS_ORIGINS", "https://planner.example, https://other.example")
    with TestClient(create_app(store)) as client:
        assert client.get("/stats", headers=origin).headers["access-control-allow-origin"] == "https://planner.example"
        r = client.options("/queries/partners", headers=preflight)
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "https://planner.example"
        assert "access-control-allow-origin" not in client.get("/stats", headers={"Origin": "https://evil.example"}).headers


def test_writes_need_the_bearer_token_and_bad_announcements_are_422(tmp_path, monkeypatch):
    monkeypatch.delenv("YILIAN_API_TOKEN", raising=False)
    store = f"file:{tmp_path / 'g.json'}"
    text = SEED.read_text(encoding="utf-8")
    with TestClient(create_app(store)) as client:  # no token configured: writes are off
        for auth in ("", "Bearer ", "Bearer None", "Bearer null", "Basic czNjcmV0"):
            r = client.post("/announcements", json={"text": text}, headers={"Authorization": auth} if auth else {})
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer" and r.json()["error"]
    with TestClient(create_app(store, token="s3cret")) as client:
        ok = {"Authorization": "Bearer s3cret"}
        assert client.post("/announcements", json={"text": text}, headers={"Authorization": "Bearer s3cre"}).status_code == 401
        assert client.post("/announcements", json={"text": text}, headers={"Authorization": "Bearers3cret"}).status_code == 401
        r = client.post("/announcements", json={"text": "Hello, no Chinese here."}, headers=ok)
        assert r.status_code == 422 and "no Chinese text" in r.json()["error"] and "/tmp" not in r.json()["error"]
        r = client.post("/announcements", json={"text": text, "name": "../../etc/passwd"}, headers=ok)
        assert r.status_code == 422  # the name is a plain file name, never a path
        r = client.post("/announcements", json={"text": "医院。" * 110_000}, headers=ok)
        assert r.status_code == 422 and "too long" in r.json()["error"]
        assert client.post("/announcements", json={"text": text}, headers=ok).status_code == 201
        assert client.get("/stats").json()["documents"] == 1

"""Answers kept per data version (api/cache.py), on a real server over both stores: a repeat is
served from the cache, and every way the data can change makes the next answer fresh."""
import time

import httpx

from conftest import run_cli
from test_api import live_server
from test_embedded_writers import _announcement


def _partners_of_first_hospital(base: str) -> tuple[str, httpx.Response]:
    hid = httpx.get(f"{base}/hospitals", params={"q": "医院"}).json()["items"][0]["id"]
    return hid, httpx.get(f"{base}/hospitals/{hid}/partners")


def test_a_repeated_lookup_is_served_from_the_cache_with_the_same_answer(store_uri, seeds_available, monkeypatch):
    monkeypatch.setenv("YILIAN_NEO4J_CACHE_SECONDS", "60")  # no expiry between the two requests
    run_cli("load", seeds_available, "--store", store_uri)
    with live_server(store_uri) as base:
        hid, first = _partners_of_first_hospital(base)
        again = httpx.get(f"{base}/hospitals/{hid}/partners")
        assert first.headers["x-yilian-cache"] == "miss" and again.headers["x-yilian-cache"] == "hit"
        assert again.content == first.content and again.headers["content-type"] == "application/json"
        assert httpx.head(f"{base}/hospitals/{hid}/partners").status_code == 200
        assert "x-yilian-cache" not in httpx.get(f"{base}/health").headers
        missing = httpx.get(f"{base}/hospitals/hospital-000000000000/partners")
        assert missing.status_code == 404 and missing.headers["x-yilian-cache"] == "miss"
        assert httpx.get(f"{base}/hospitals/hospital-000000000000/partners").headers["x-yilian-cache"] == "miss"


def test_an_ingest_through_the_api_is_seen_by_the_next_lookup(store_uri, seeds_available):
    run_cli("load", seeds_available, "--store", store_uri)
    with live_server(store_uri, token="t") as base:
        before = httpx.get(f"{base}/stats").json()
        assert httpx.get(f"{base}/stats").headers["x-yilian-cache"] == "hit"
        r = httpx.post(f"{base}/announcements", headers={"Authorization": "Bearer t"}, timeout=60,
                       json={"text": _announcement("丽水市", "缙云县"), "name": "cache.txt"})
        assert r.status_code == 201, r.text
        after = httpx.get(f"{base}/stats")
        assert after.headers["x-yilian-cache"] == "miss"
        assert after.json()["documents"] == before["documents"] + 1
        hits = httpx.get(f"{base}/hospitals", params={"q": "丽水市人民医院"}).json()["items"]
        assert [h["name"] for h in hits][:1] == ["丽水市人民医院"]


def test_a_load_by_another_process_into_neo4j_is_seen_within_the_cache_window(neo4j_uri, seeds_available, monkeypatch, tmp_path):
    monkeypatch.setenv("YILIAN_NEO4J_CACHE_SECONDS", "0.5")
    run_cli("load", seeds_available, "--store", neo4j_uri)
    (tmp_path / "a.txt").write_text(_announcement("衢州市", "开化县"), encoding="utf-8")
    with live_server(neo4j_uri) as base:
        before = httpx.get(f"{base}/stats").json()["documents"]
        run_cli("load", tmp_path, "--store", neo4j_uri)
        deadline = time.monotonic() + 10
        while httpx.get(f"{base}/stats").json()["documents"] == before and time.monotonic() < deadline:
            time.sleep(0.2)
        assert httpx.get(f"{base}/stats").json()["documents"] == before + 1


def test_serve_with_two_workers_answers_from_both(tmp_path, seeds_available):
    import os
    import subprocess

    from conftest import YILIAN
    from test_api import _free_port

    store = f"file:{tmp_path / 'g.json'}"
    run_cli("load", seeds_available, "--store", store)
    port = _free_port()
    proc = subprocess.Popen([*YILIAN, "serve", "--store", store, "--port", str(port), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        stats = {httpx.get(f"{base}/stats", headers={"connection": "close"}).json()["documents"] for _ in range(20)}
        assert stats == {5}
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert err.decode().count("Started server process") == 2

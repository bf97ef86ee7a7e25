"""The API on a real uvicorn server, over both stores."""
import json
import socket
import subprocess
import time

import httpx

from conftest import YILIAN, run_cli


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_health_and_stats(store_uri, seeds_available):
    run_cli("load", seeds_available, "--store", store_uri)
    expected = json.loads(run_cli("stats", "--store", store_uri, "--format", "json").stdout)
    port = _free_port()
    proc = subprocess.Popen([*YILIAN, "serve", "--store", store_uri, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(200):
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["status"] == "ok"
        assert httpx.get(f"http://127.0.0.1:{port}/stats").json() == expected
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_says_so_when_the_store_is_unreachable():
    proc = run_cli("serve", "--store", f"bolt://127.0.0.1:{_free_port()}", check=False)
    assert proc.returncode == 2 and "cannot reach Neo4j" in proc.stderr

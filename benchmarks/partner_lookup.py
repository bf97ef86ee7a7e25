"""Partner-lookup latency (p50/p99) and requests/s through the HTTP API, on both stores.

    python benchmarks/partner_lookup.py [--requests 2000] [--neo4j bolt://127.0.0.1:7687]

Loads ../shared/seeds, tests/fixtures and the samples into a fresh embedded store and (if
--neo4j is given, with NEO4J_AUTH set) into Neo4j, serves each with uvicorn on a free port,
and times GET /hospitals/{id}/partners over every hospital in turn from one client.
"""
import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
YILIAN = [sys.executable, "-m", "yilian.cli"]
CORPUS = [ROOT.parent / "shared" / "seeds", ROOT / "tests" / "fixtures" / "announcements", ROOT / "yilian" / "samples"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(store: str, n: int) -> dict:
    subprocess.run([*YILIAN, "load", *map(str, CORPUS), "--store", store], check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([*YILIAN, "serve", "--store", store, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            for _ in range(300):
                try:
                    client.get("/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            ids = [h["id"] for h in client.get("/hospitals", params={"q": "院", "limit": 200}).json()["items"]]
            for i in ids:  # warm-up
                client.get(f"/hospitals/{i}/partners")
            latencies = []
            start = time.perf_counter()
            for k in range(n):
                t = time.perf_counter()
                r = client.get(f"/hospitals/{ids[k % len(ids)]}/partners")
                latencies.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200
            elapsed = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(10)
    latencies.sort()
    return {"store": store.split("?")[0].split("@")[-1], "hospitals": len(ids), "requests": n,
            "p50_ms": round(statistics.median(latencies), 2), "p99_ms": round(latencies[int(0.99 * (n - 1))], 2),
            "requests_per_s": round(n / elapsed)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--neo4j", help="bolt:// URI of an empty Neo4j to load and measure too")
    args = ap.parse_args()
    stores = [f"file:{tempfile.mkdtemp(prefix='yilian-bench-')}/g.json"] + ([args.neo4j] if args.neo4j else [])
    for store in stores:
        print(measure(store, args.requests))


if __name__ == "__main__":
    main()

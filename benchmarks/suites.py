"""The measurements. Each function returns result rows:
{"suite", "case", "store", "value", "unit", "target" (or None), "better": "higher"|"lower", "detail"}."""
from __future__ import annotations

import gc
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from yilian.graph.store import Store

from . import loadgen
from .scale_graph import documents, rows

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def row(suite, case, store, value, unit, target=None, better="higher", **detail) -> dict:
    return {"suite": suite, "case": case, "store": store, "value": round(value, 3), "unit": unit, "target": target,
            "better": better, "detail": detail}


def _percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return 1000 * samples[len(samples) // 2], 1000 * samples[min(len(samples) - 1, int(len(samples) * 0.99))]


# -- extraction ------------------------------------------------------------------------------------
def extraction(corpus: Path, workers: int) -> list[dict]:
    from yilian.loaders import Skipped, extract_paths

    t = time.perf_counter()
    next(extract_paths([corpus]))
    startup = time.perf_counter() - t
    t = time.perf_counter()
    done = sum(1 for item in extract_paths([corpus]) if not isinstance(item, Skipped))
    single = done / (time.perf_counter() - t)
    t = time.perf_counter()
    done = sum(1 for item in extract_paths([corpus], workers=workers) if not isinstance(item, Skipped))
    parallel = done / (time.perf_counter() - t)
    return [row("extraction", f"{done} synthetic announcements, 1 process", "-", single, "documents/s", 300,
                startup_s=round(startup, 2)),
            row("extraction", f"{done} synthetic announcements, {workers} worker processes", "-", parallel, "documents/s")]


def accuracy(corpus: Path) -> list[dict]:
    """The shared scorer over the synthetic corpus and its generated gold."""
    pred = corpus / "pred.jsonl"
    with pred.open("w") as f:
        subprocess.run([sys.executable, "-m", "yilian.cli", "extract", str(corpus), "--format", "jsonl"], stdout=f,
                       stderr=subprocess.DEVNULL)
    out = subprocess.run([sys.executable, str(SCORER), "--gold", str(corpus / "gold"), "--pred", str(pred)],
                         capture_output=True, text=True, check=True).stdout
    overall = next(float(line.split()[-1]) for line in out.splitlines() if line.startswith("overall F1"))
    categories = {line.split()[0]: float(line.split()[-1]) for line in out.splitlines()
                  if len(line.split()) == 7 and line.split()[0].isalpha() and line.split()[0] != "fact"}
    docs = sum(1 for _ in (corpus / "gold").glob("*.json"))
    return [row("accuracy", f"{docs} synthetic announcements, shared scorer", "-", overall, "F1", categories=categories)]


# -- stores ----------------------------------------------------------------------------------------
def ingest(store: Store, name: str, docs: list) -> list[dict]:
    total = sum(map(rows, docs))
    nodes = len({n.id for d in docs for n in d.nodes})
    t = time.perf_counter()
    store.merge_many(docs)
    store.flush()
    dt = time.perf_counter() - t
    target = 50_000 if name == "neo4j" else None
    return [row("ingest", f"{nodes:,} nodes ({total:,} rows, {len(docs):,} documents)", name, total / dt, "rows/s",
                target, seconds=round(dt, 1))]


def memory(nodes: int) -> list[dict]:
    """Resident memory the embedded store's graph takes, per 100k nodes (in a fresh process)."""
    code = f"""
import gc, json, psutil, sys
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.scale_graph import documents
from yilian.graph.embedded import EmbeddedStore
from pathlib import Path
docs = list(documents({nodes}))
gc.collect(); before = psutil.Process().memory_info().rss
s = EmbeddedStore(Path("/nonexistent/never-written.json"))
s.merge_many(docs); del docs; gc.collect()
print(json.dumps([psutil.Process().memory_info().rss - before, s.graph.number_of_nodes(), s.graph.number_of_edges()]))
"""
    used, n, e = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    return [row("memory", f"embedded graph of {n:,} nodes, {e:,} edges", "embedded", used / n * 100_000 / 2**20,
                "MB per 100k nodes", better="lower")]


def lookups(store: Store, name: str, docs: list, samples: int = 300, warmup: int = 2000) -> list[dict]:
    """Partner lookup and name search through the named-query library (what the API runs)."""
    from yilian.queries.library import run

    rng = random.Random(7)
    hospitals = [(n.id, n.name) for d in docs for n in d.nodes if n.label == "Hospital"]
    picks = rng.sample(hospitals, min(samples, len(hospitals)))
    size = sum(1 for _ in {n.id for d in docs for n in d.nodes})
    out = []
    for query, params, target in (
            ("partners", lambda h: {"id": h[0]}, 10 if name == "neo4j" else 2),
            ("hospital_search", lambda h: {"q": h[1][-8:], "limit": 20}, None)):
        # Warm caches, query plans and (Neo4j) the JVM's JIT, which takes a few thousand
        # queries on this machine: a cold server's latencies say nothing about a running one.
        for i in range(warmup if name == "neo4j" else 100):
            run(store, query, params(picks[i % len(picks)]))
        times = []
        for h in picks:
            t = time.perf_counter()
            run(store, query, params(h))
            times.append(time.perf_counter() - t)
        p50, p99 = _percentiles(times)
        out.append(row("lookup", f"{query} p50, {size:,} nodes", name, p50, "ms", better="lower"))
        out.append(row("lookup", f"{query} p99, {size:,} nodes", name, p99, "ms", target, better="lower"))
    return out


# -- API ---------------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(store_uri: str, name: str, docs: list, seconds: float, warmup: float = 5.0) -> list[dict]:
    """GET /hospitals/{id}/partners from 8 keep-alive connections against one uvicorn worker."""
    import httpx

    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "yilian.cli", "serve", "--store", store_uri, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"yilian serve --store {store_uri} did not come up")
        ids = sorted({n.id for d in docs for n in d.nodes if n.label == "Hospital"})
        paths = [f"/hospitals/{i}/partners" for i in random.Random(3).sample(ids, min(500, len(ids)))]
        loadgen.run("127.0.0.1", port, paths, seconds=warmup)  # warm-up (and Neo4j's JIT)
        result = loadgen.run("127.0.0.1", port, paths, seconds=seconds)
        floor = loadgen.run("127.0.0.1", port, ["/health"], seconds=seconds / 3)
    finally:
        server.terminate()
        server.wait(10)
    size = len({n.id for d in docs for n in d.nodes})
    return [row("api", f"partner lookups, {size:,} nodes, 1 worker, {result['connections']} connections", name,
                result["requests_per_s"], "requests/s", 2000, p50_ms=round(result["p50_ms"], 2),
                p99_ms=round(result["p99_ms"], 2), errors=result["errors"]),
            row("api", "GET /health on the same server (the framework's floor)", name, floor["requests_per_s"], "requests/s",
                p50_ms=round(floor["p50_ms"], 2))]


# -- views -------------------------------------------------------------------------------------------
def views(sizes: list[int]) -> list[dict]:
    from yilian.api.views import view_page

    from .view_scale import synthetic

    out = []
    for n in sizes:
        g = synthetic(n)
        times = []
        for _ in range(3):
            t = time.perf_counter()
            view_page(g, {}, "region", "P", inline=False)
            times.append(time.perf_counter() - t)
        out.append(row("views", f"region view of {g.number_of_nodes():,} nodes (clustered above 500)", "-",
                       1000 * statistics.median(times), "ms to build", better="lower"))
    return out


def maps(sizes: list[int]) -> list[dict]:
    """The national map page over synthetic national graphs (real counties), built as the API
    serves it; drawing times in Chromium come from view_scale.py --map."""
    from yilian.api.map_page import map_page

    from .view_scale import national

    out = []
    for n in sizes:
        g = national(n)
        times = []
        for _ in range(3 if n <= 10_000 else 1):
            t = time.perf_counter()
            map_page(g, {}, None)
            times.append(time.perf_counter() - t)
        out.append(row("views", f"national map, {n:,} hospitals (per-county points above 3,000)", "-",
                       1000 * statistics.median(times), "ms to build", better="lower"))
    return out


def machine() -> dict:
    import platform

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    return {"date": time.strftime("%Y-%m-%d %H:%M"), "commit": commit + ("+changes" if dirty else ""),
            "cpus": psutil.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform()}


def fresh_corpus(docs: int) -> Path:
    from yilian.synth import generate

    folder = Path(tempfile.mkdtemp(prefix="yilian-synth-"))
    generate(docs, 1, folder)
    gc.collect()
    return folder

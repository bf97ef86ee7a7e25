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
from .scale_graph import rows

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


def empty_neo4j(uri: str):
    """A Neo4jStore on the server at `uri`, emptied of data (the schema stays)."""
    from yilian.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(uri)
    with store.driver.session() as session:
        # Relationships first: one DETACH DELETE of a node named by every document is one huge transaction.
        session.run("MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) WHERE NOT n:YilianSchema CALL { WITH n DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    return store


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


def bulk_import(embedded: Store, docs: list) -> list[dict]:
    """The same graph into a new Neo4j by neo4j-admin's importer (`yilian neo4j import`) from its CSV export
    (the export's time is given apart). Rows per second count the documents' rows, as `ingest` does, so the two
    compare; the time is the whole command (JVM start, emptiness check, import, indexes left for the first connect)."""
    from yilian.graph import exchange, neo4j_import

    total = sum(map(rows, docs))
    nodes = len({n.id for d in docs for n in d.nodes})
    with tempfile.TemporaryDirectory(prefix="yilian-bench-import-") as tmp:
        t = time.perf_counter()
        exchange.write_csv(embedded.dump(), Path(tmp) / "csv")
        export_s = time.perf_counter() - t
        r = neo4j_import.import_csv(Path(tmp) / "csv", Path(tmp) / "neo4j")
    return [row("ingest", f"{nodes:,} nodes ({total:,} rows, {len(docs):,} documents)", "neo4j bulk import",
                total / r.seconds, "rows/s", 50_000, seconds=r.seconds, importer_seconds=r.importer_seconds,
                csv_rows=r.rows, csv_export_seconds=round(export_s, 1))]


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
    """Partner lookup and name search through the named-query library (what the API runs). On
    Neo4j each lookup is paired with a `RETURN 1` through the same driver and session, timed
    right before it, so both see the same load: the ratio of their p99s is what the query
    itself adds to the round trip."""
    from yilian.queries.library import run

    rng = random.Random(7)
    hospitals = [(n.id, n.name) for d in docs for n in d.nodes if n.label == "Hospital"]
    # a p99 of a few hundred samples is the third slowest: one scheduler hiccup on 2 cores moves
    # it; `samples` lookups over the sampled hospitals (repeated when there are fewer)
    picks = rng.sample(hospitals, min(samples, len(hospitals)))
    picks = [picks[i % len(picks)] for i in range(samples)]
    size = sum(1 for _ in {n.id for d in docs for n in d.nodes})
    floor = (lambda: store._q("RETURN 1")) if name == "neo4j" else None
    out = []
    for query, params, target in (
            ("partners", lambda h: {"id": h[0]}, 10 if name == "neo4j" else 2),
            ("hospital_search", lambda h: {"q": h[1][-8:], "limit": 20}, None)):
        # Warm caches, query plans and (Neo4j) the JVM's JIT, which takes a few thousand
        # queries on this machine: a cold server's latencies say nothing about a running one.
        for i in range(warmup if name == "neo4j" else 100):
            if floor:
                floor()
            run(store, query, params(picks[i % len(picks)]))
        times, base = [], []
        for h in picks:
            if floor:
                t = time.perf_counter()
                floor()
                base.append(time.perf_counter() - t)
            t = time.perf_counter()
            run(store, query, params(h))
            times.append(time.perf_counter() - t)
        p50, p99 = _percentiles(times)
        out.append(row("lookup", f"{query} p50, {size:,} nodes", name, p50, "ms", better="lower"))
        out.append(row("lookup", f"{query} p99, {size:,} nodes", name, p99, "ms", target, better="lower"))
        if floor:
            b50, b99 = _percentiles(base)
            out.append(row("lookup", f"RETURN 1 p50 / p99, same driver, beside {query}, {size:,} nodes", name, b99, "ms (p99)",
                           better="lower", p50_ms=round(b50, 3)))
            out.append(row("ratio", f"{query} p99 / RETURN 1 p99, {size:,} nodes", name, p99 / b99, "×", 3, better="lower",
                           query_p99_ms=round(p99, 2), return1_p99_ms=round(b99, 2)))
    return out


def ingest_vs_bare(uri: str, docs: list, yilian: dict) -> list[dict]:
    """The same documents written by bare UNWIND … MERGE statements of the same shape (same
    graph, same transaction size), into the same server emptied; `yilian` is the ingest row
    of yilian's own load of these documents."""
    from . import bare

    store = empty_neo4j(uri)
    try:
        t = time.perf_counter()
        total = bare.load(store.driver, docs, store.batch_size)
        dt = time.perf_counter() - t
    finally:
        store.close()
    empty_neo4j(uri).close()
    rate = total / dt
    nodes = len({n.id for d in docs for n in d.nodes})
    return [row("ingest", f"{nodes:,} nodes ({total:,} rows), bare UNWIND … MERGE of the same shape", "neo4j", rate, "rows/s",
                seconds=round(dt, 1)),
            row("ratio", f"ingest: yilian / bare UNWIND MERGE rows/s, {nodes:,} nodes", "neo4j", yilian["value"] / rate, "×", 0.6,
                yilian_rows_s=round(yilian["value"]), bare_rows_s=round(rate))]


def ingest_by_size(rows_: list[dict]) -> list[dict]:
    """Rows/s of yilian's Neo4j load at the largest size over the smallest: no decline with size."""
    loads = [r for r in rows_ if r["suite"] == "ingest" and r["store"] == "neo4j" and "bare" not in r["case"]]
    if len(loads) < 2:
        return []
    small, big = loads[0], loads[-1]
    nodes = lambda r: r["case"].split(" nodes")[0]  # noqa: E731
    return [row("ratio", f"ingest rows/s at {nodes(big)} nodes / at {nodes(small)} nodes", "neo4j", big["value"] / small["value"],
                "×", 0.8, small_rows_s=round(small["value"]), big_rows_s=round(big["value"]))]


# -- API ---------------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(argv: list[str], port: int, env: dict | None = None) -> subprocess.Popen:
    import httpx

    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError(f"{' '.join(argv)} did not come up")


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(10)


API_FLOOR = 0.5  # partner lookups / a bare FastAPI app's /health, one worker each (issue 13)


def api(store_uri: str, name: str, docs: list, seconds: float, warmup: float = 5.0) -> list[dict]:
    """Partner lookups against one uvicorn worker beside a bare FastAPI app on the same uvicorn,
    alternating rounds so both see the same machine: warm (500 hospitals asked over and over, as
    a planner's session does: answers come from the cache) and cold (answer cache off)."""
    import os

    ids = sorted({n.id for d in docs for n in d.nodes if n.label == "Hospital"})
    paths = [f"/hospitals/{i}/partners" for i in random.Random(3).sample(ids, min(500, len(ids)))]
    yilian = [sys.executable, "-m", "yilian.cli", "serve", "--store", store_uri]
    ports = {k: _free_port() for k in ("bare", "warm", "cold")}
    servers = {
        "bare": _serve([sys.executable, "-m", "uvicorn", "benchmarks.bare_app:app", "--port", str(ports["bare"]),
                        "--no-access-log", "--log-level", "warning"], ports["bare"]),
        "warm": _serve([*yilian, "--port", str(ports["warm"])], ports["warm"]),
        "cold": _serve([*yilian, "--port", str(ports["cold"])], ports["cold"], env={**os.environ, "YILIAN_CACHE_BYTES": "0"}),
    }
    cases = {"bare": ("bare", ["/health"]), "bare_async": ("bare", ["/health-async"]), "health": ("warm", ["/health"]),
             "warm": ("warm", paths), "cold": ("cold", paths)}
    runs: dict[str, list[dict]] = {k: [] for k in cases}
    try:
        for server, case_paths in (cases["warm"], cases["cold"]):
            loadgen.run("127.0.0.1", ports[server], list(case_paths), seconds=warmup)  # fill caches, warm the JIT
        for _ in range(2):
            for case, (server, case_paths) in cases.items():
                runs[case].append(loadgen.run("127.0.0.1", ports[server], list(case_paths), seconds=seconds / 2))
    finally:
        for server in servers.values():
            _stop(server)

    def rate(case: str) -> float:
        return statistics.mean(r["requests_per_s"] for r in runs[case])

    def latency(case: str) -> dict:
        return {"p50_ms": round(max(r["p50_ms"] for r in runs[case]), 2), "p99_ms": round(max(r["p99_ms"] for r in runs[case]), 2),
                "errors": sum(r["errors"] for r in runs[case])}

    size = len({n.id for d in docs for n in d.nodes})
    tool, conns = runs["bare"][0]["tool"], runs["bare"][0]["connections"]
    where = f"{size:,} nodes, 1 worker, {conns} connections, {tool}"
    bare = max(rate("bare"), rate("bare_async"))  # the harder floor of the two
    return [row("api", f"bare FastAPI app, GET /health (`def`), {tool}", "-", rate("bare"), "requests/s", **latency("bare")),
            row("api", "bare FastAPI app, GET /health (`async def`)", "-", rate("bare_async"), "requests/s", **latency("bare_async")),
            row("api", "yilian GET /health", name, rate("health"), "requests/s", **latency("health")),
            row("api", f"partner lookups, warm, {where}", name, rate("warm"), "requests/s", **latency("warm")),
            row("api", f"partner lookups, cold (answer cache off), {where}", name, rate("cold"), "requests/s", **latency("cold")),
            row("ratio", f"API, {name}, {size:,} nodes: warm partner lookups / the bare app's faster /health", name,
                rate("warm") / bare, "×", API_FLOOR),
            row("ratio", f"API, {name}, {size:,} nodes: cold partner lookups (cache off) / the bare app's faster /health", name,
                rate("cold") / bare, "×")]


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

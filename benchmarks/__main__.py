"""yilian benchmarks: `python -m benchmarks --quick` (under 2 minutes) or `--full`.

Prints a table, writes benchmarks/results/<date>-<mode>.json, and with --markdown FILE
replaces the generated section of that file (BENCHMARKS.md). Neo4j rows use --neo4j URI
(credentials in NEO4J_AUTH) or, when the local server is built (neo4j-server/install.sh),
a temporary server of our own; otherwise they are left out with a note.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from . import suites
from .scale_graph import documents

MODES = {
    # extraction corpus, workers, store sizes (all; Neo4j), API seconds, warm-up (Neo4j queries; API seconds), view sizes
    "quick": {"docs": 200, "workers": 2, "sizes": [5_000], "neo4j_sizes": [5_000], "api_seconds": 3, "warmup": 300, "api_warmup": 1,
              "views": [500, 5000], "maps": [1_000, 10_000], "memory": 20_000},
    # 1M nodes into Neo4j is ~6M MERGE rows, 20+ minutes at the ingest rate of this 2-core machine: measured separately (BENCHMARKS.md)
    "full": {"docs": 1000, "workers": 2, "sizes": [10_000, 100_000, 1_000_000], "neo4j_sizes": [10_000, 100_000],
             "api_seconds": 15, "warmup": 2000, "api_warmup": 5, "views": [500, 2000, 5000],
             "maps": [1_000, 10_000, 100_000], "memory": 100_000},
}
BEGIN, END = "<!-- benchmarks:begin -->", "<!-- benchmarks:end -->"
console = Console(stderr=True)


def _neo4j(uri: str | None, heap: str):
    """(uri, stop) — a server given by the user, or our own temporary one."""
    if uri:
        return uri, lambda: None
    from yilian.graph import neo4j_server as ns

    try:
        folder = Path(tempfile.mkdtemp(prefix="yilian-bench-neo4j-"))
        handle = ns.start(ns.find_free_port(), folder, "benchmark-password", heap=heap, page_cache="1g")
    except ns.Neo4jServerError as e:
        console.print(f"[yellow]Neo4j rows left out:[/] {str(e).splitlines()[0]}")
        return None, lambda: None
    os.environ["NEO4J_AUTH"] = "neo4j/benchmark-password"

    def stop():
        handle.stop()
        shutil.rmtree(folder, ignore_errors=True)

    return handle.uri, stop


def _empty_neo4j(uri: str):
    from yilian.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(uri)
    with store.driver.session() as session:
        session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    return store


def measure(mode: str, neo4j_uri: str | None) -> list[dict]:
    cfg = MODES[mode]
    results: list[dict] = []

    def step(title, fn, *args):
        t = time.perf_counter()
        with console.status(title):
            rows = fn(*args)
        console.print(f"[green]✓[/] {title} ({time.perf_counter() - t:.0f} s)")
        results.extend(rows)
        return rows

    corpus = suites.fresh_corpus(cfg["docs"])
    step(f"extraction of {cfg['docs']} synthetic announcements", suites.extraction, corpus, cfg["workers"])
    step("accuracy on the synthetic corpus", suites.accuracy, corpus)
    shutil.rmtree(corpus, ignore_errors=True)
    step("embedded memory", suites.memory, cfg["memory"])
    step("view build", suites.views, cfg["views"])
    step("map build", suites.maps, cfg["maps"])

    from yilian.graph.embedded import EmbeddedStore

    folder = Path(tempfile.mkdtemp(prefix="yilian-bench-"))
    uri, stop = _neo4j(neo4j_uri, "2g" if mode == "full" else "1g")
    try:
        for size in cfg["sizes"]:
            docs = list(documents(size))
            store = EmbeddedStore(folder / f"graph-{size}.json")
            step(f"ingest {size:,} nodes into the embedded store", suites.ingest, store, "embedded", docs)
            step(f"lookups on {size:,} nodes, embedded", suites.lookups, store, "embedded", docs, 300, cfg["warmup"])
            if size <= 100_000:
                step(f"API on {size:,} nodes, embedded", suites.api, store.uri, "embedded", docs, cfg["api_seconds"], cfg["api_warmup"])
            del store
            if uri and size in cfg["neo4j_sizes"]:
                neo = _empty_neo4j(uri)
                step(f"ingest {size:,} nodes into Neo4j", suites.ingest, neo, "neo4j", docs)
                step(f"lookups on {size:,} nodes, Neo4j", suites.lookups, neo, "neo4j", docs, 300, cfg["warmup"])
                if size <= 100_000:
                    step(f"API on {size:,} nodes, Neo4j", suites.api, uri, "neo4j", docs, cfg["api_seconds"], cfg["api_warmup"])
                neo.close()
    finally:
        stop()
        shutil.rmtree(folder, ignore_errors=True)
    return results


def table(results: list[dict], info: dict) -> str:
    lines = [f"Machine: {info['cpus']} cores, {info['memory_gb']} GB, Python {info['python']}; "
             f"{info['date']}; commit {info['commit']}; mode {info['mode']}.", "",
             "| suite | case | store | value | target |", "|---|---|---|---|---|"]
    for r in results:
        target = ""
        if r["target"] is not None:
            met = r["value"] >= r["target"] if r["better"] == "higher" else r["value"] <= r["target"]
            target = f"{'≥' if r['better'] == 'higher' else '≤'} {r['target']:,} {'met' if met else '**missed**'}"
        extra = ", ".join(f"{k} {v}" for k, v in r["detail"].items() if k != "categories")
        value = f"{r['value']:,.3f}".rstrip("0").rstrip(".") if r["value"] < 100 else f"{r['value']:,.0f}"
        lines.append(f"| {r['suite']} | {r['case']} | {r['store']} | {value} {r['unit']}{f' ({extra})' if extra else ''} | {target} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="small sizes, under 2 minutes (the default)")
    group.add_argument("--full", action="store_true", help="10k, 100k and 1M nodes; 1,000 announcements")
    ap.add_argument("--neo4j", help="bolt:// URI of a Neo4j to use (emptied!); default: a temporary local one")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results", help="folder for the JSON result")
    ap.add_argument("--markdown", type=Path, help=f"replace the part of this file between {BEGIN} and {END}")
    args = ap.parse_args()
    mode = "full" if args.full else "quick"
    started = time.perf_counter()
    info = suites.machine() | {"mode": mode}
    results = measure(mode, args.neo4j)
    info["seconds"] = round(time.perf_counter() - started)
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"{time.strftime('%Y%m%d-%H%M')}-{mode}.json"
    out.write_text(json.dumps({"machine": info, "results": results}, ensure_ascii=False, indent=1), encoding="utf-8")
    text = table(results, info)
    print(text)
    console.print(f"{len(results)} results in {info['seconds']} s; written to {out}")
    if args.markdown:
        doc = args.markdown.read_text(encoding="utf-8")
        if BEGIN not in doc or END not in doc:
            sys.exit(f"{args.markdown}: no {BEGIN} … {END} section to replace")
        doc = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: f"{BEGIN}\n{text}\n{END}", doc, flags=re.S)
        args.markdown.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()

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

from . import suites
from .scale_graph import documents

MODES = {
    # extraction corpus, workers, store sizes (embedded; Neo4j; Neo4j also loaded by bare UNWIND MERGE), API seconds,
    # warm-up (Neo4j queries; API seconds), view sizes. Quick compares ingest rates at 2k and 5k nodes, not 10k and 1M.
    "quick": {"docs": 200, "workers": 2, "sizes": [5_000], "neo4j_sizes": [2_000, 5_000], "bare_sizes": [5_000], "neo4j_api_sizes": [5_000], "api_seconds": 3,
              "warmup": 300, "samples": 300, "api_warmup": 1, "views": [500, 5000], "maps": [1_000, 10_000], "memory": 20_000},
    # 1M nodes into Neo4j is ~6M rows: the longest step (see BENCHMARKS.md for its duration)
    "full": {"docs": 1000, "workers": 2, "sizes": [10_000, 100_000, 1_000_000], "neo4j_sizes": [10_000, 100_000, 1_000_000],
             "bare_sizes": [10_000], "neo4j_api_sizes": [10_000, 100_000], "api_seconds": 15, "warmup": 2000, "samples": 3000, "api_warmup": 5, "views": [500, 2000, 5000],
             "maps": [1_000, 10_000, 100_000], "memory": 100_000},
}
BEGIN, END = "<!-- benchmarks:begin -->", "<!-- benchmarks:end -->"
console = Console(stderr=True)


def _neo4j(uri: str | None, heap: str, page_cache: str):
    """(uri, stop) — a server given by the user, or our own temporary one."""
    if uri:
        return uri, lambda: None
    from yilian.graph import neo4j_server as ns

    try:
        folder = Path(tempfile.mkdtemp(prefix="yilian-bench-neo4j-"))
        handle = ns.start(ns.find_free_port(), folder, "benchmark-password", heap=heap, page_cache=page_cache)
    except ns.Neo4jServerError as e:
        console.print(f"[yellow]Neo4j rows left out:[/] {str(e).splitlines()[0]}")
        return None, lambda: None
    os.environ["NEO4J_AUTH"] = "neo4j/benchmark-password"

    def stop():
        handle.stop()
        shutil.rmtree(folder, ignore_errors=True)

    return handle.uri, stop


def _warm_neo4j(uri: str) -> list[dict]:
    """A small load both ways and some lookups, emptied again: the JIT has compiled the write
    path before the first measured load, for yilian and the bare loader alike."""
    from . import bare

    docs = list(documents(2_000, seed=5))
    store = suites.empty_neo4j(uri)
    store.merge_many(docs)
    suites.lookups(store, "neo4j", docs, 100, 300)
    store.close()
    store = suites.empty_neo4j(uri)
    bare.load(store.driver, docs, store.batch_size)
    store.close()
    suites.empty_neo4j(uri).close()
    return []


def measure(mode: str, neo4j_uri: str | None, neo4j_only: bool = False, partial: Path | None = None) -> list[dict]:
    cfg = MODES[mode]
    results: list[dict] = []

    def step(title, fn, *args):
        t = time.perf_counter()
        with console.status(title):
            rows = fn(*args)
        console.print(f"[green]✓[/] {title} ({time.perf_counter() - t:.0f} s)")
        results.extend(rows)
        if partial is not None:  # a long run stopped half-way still leaves what it measured
            partial.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        return rows

    if not neo4j_only:
        corpus = suites.fresh_corpus(cfg["docs"])
        step(f"extraction of {cfg['docs']} synthetic announcements", suites.extraction, corpus, cfg["workers"])
        step("accuracy on the synthetic corpus", suites.accuracy, corpus)
        shutil.rmtree(corpus, ignore_errors=True)
        step("embedded memory", suites.memory, cfg["memory"])
        step("view build", suites.views, cfg["views"])
        step("map build", suites.maps, cfg["maps"])

    from yilian.graph.embedded import EmbeddedStore

    folder = Path(tempfile.mkdtemp(prefix="yilian-bench-"))
    # the page cache holds the whole store, as Neo4j's operations manual sizes it (1M nodes: 2.2 GB on disk)
    uri, stop = _neo4j(neo4j_uri, "2g" if mode == "full" else "1g", "3g" if mode == "full" else "1g")
    try:
        for size in [] if neo4j_only else cfg["sizes"]:
            docs = list(documents(size))
            store = EmbeddedStore(folder / f"graph-{size}.json")
            step(f"ingest {size:,} nodes into the embedded store", suites.ingest, store, "embedded", docs)
            step(f"lookups on {size:,} nodes, embedded", suites.lookups, store, "embedded", docs, 300, cfg["warmup"])
            if size <= 100_000:
                step(f"API on {size:,} nodes, embedded", suites.api, store.uri, "embedded", docs, cfg["api_seconds"], cfg["api_warmup"])
            if uri and size in cfg["neo4j_sizes"]:
                step(f"bulk import of {size:,} nodes into a new Neo4j", suites.bulk_import, store, docs)
            del store, docs
        if uri:
            step("Neo4j warm-up (2k nodes both ways, emptied)", _warm_neo4j, uri)
            for size in cfg["neo4j_sizes"]:
                docs = list(documents(size))
                neo = suites.empty_neo4j(uri)
                [load] = step(f"ingest {size:,} nodes into Neo4j", suites.ingest, neo, "neo4j", docs)
                step(f"lookups on {size:,} nodes, Neo4j", suites.lookups, neo, "neo4j", docs, cfg["samples"], cfg["warmup"])
                if size in cfg["neo4j_api_sizes"]:
                    step(f"API on {size:,} nodes, Neo4j", suites.api, uri, "neo4j", docs, cfg["api_seconds"], cfg["api_warmup"])
                neo.close()
                if size in cfg["bare_sizes"]:
                    step(f"ingest {size:,} nodes into Neo4j by bare UNWIND MERGE", suites.ingest_vs_bare, uri, docs, load)
                del docs
            step("ingest rate by size", suites.ingest_by_size, list(results))
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
    ap.add_argument("--neo4j-only", action="store_true", help="only the Neo4j rows (ingest, bare ingest, lookups, API, ratios)")
    ap.add_argument("--markdown", type=Path, help=f"replace the part of this file between {BEGIN} and {END}")
    args = ap.parse_args()
    mode = "full" if args.full else "quick"
    started = time.perf_counter()
    info = suites.machine() | {"mode": mode + (" (Neo4j only)" if args.neo4j_only else "")}
    args.out.mkdir(parents=True, exist_ok=True)
    results = measure(mode, args.neo4j, args.neo4j_only, args.out / f"{time.strftime('%Y%m%d-%H%M')}-{mode}.partial.json")
    info["seconds"] = round(time.perf_counter() - started)
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"{time.strftime('%Y%m%d-%H%M')}-{mode}.json"
    out.write_text(json.dumps({"machine": info, "results": results}, ensure_ascii=False, indent=1), encoding="utf-8")
    text = table(results, info)
    print(text)
    ratios = [r for r in results if r["suite"] == "ratio" and r["target"] is not None]
    if ratios:
        print("\nRatios against the server's own floor:")
        for r in ratios:
            met = r["value"] >= r["target"] if r["better"] == "higher" else r["value"] <= r["target"]
            print(f"  {r['case']}: {r['value']:.2f} ({'≥' if r['better'] == 'higher' else '≤'} {r['target']} "
                  f"{'met' if met else 'MISSED'})")
    console.print(f"{len(results)} results in {info['seconds']} s; written to {out}")
    if args.markdown:
        doc = args.markdown.read_text(encoding="utf-8")
        if BEGIN not in doc or END not in doc:
            sys.exit(f"{args.markdown}: no {BEGIN} … {END} section to replace")
        doc = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: f"{BEGIN}\n{text}\n{END}", doc, flags=re.S)
        args.markdown.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()

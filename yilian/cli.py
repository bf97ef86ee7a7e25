"""The `yilian` command line."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from enum import Enum
from importlib.resources import files
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(help="yilian (医联): a knowledge graph of Chinese hospital alliances.", no_args_is_help=True,
                  add_completion=False)
out = Console()
err = Console(stderr=True)

StoreOption = typer.Option(None, "--store", help="file:PATH (embedded, default file:yilian.graph.json) or bolt://… ; env YILIAN_STORE")


class Fmt(str, Enum):
    jsonl = "jsonl"


class StatsFmt(str, Enum):
    table = "table"
    json = "json"


def _fail(message: object, code: int = 2) -> NoReturn:
    """One line on stderr (the driver's multi-line messages folded), then exit `code`."""
    from rich.markup import escape

    err.print(f"[red]error:[/] {escape(' '.join(str(message).split()))}", soft_wrap=True, highlight=False)
    raise typer.Exit(code)


def _store_failure(exc: BaseException) -> str | None:
    """What went wrong, if `exc` is the store failing (not a bug): one line for the user."""
    from yilian.graph.store import StoreError

    if isinstance(exc, StoreError):
        return str(exc)
    if not type(exc).__module__.startswith("neo4j"):
        return None
    import neo4j.exceptions as ne

    if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired)):
        return f"cannot reach Neo4j: it stopped or the connection broke ({exc})"
    if isinstance(exc, ne.AuthError):
        return f"Neo4j refused the credentials ({exc})"
    if isinstance(exc, ne.Neo4jError):
        return f"Neo4j refused the request ({exc.code}: {exc.message})"
    if isinstance(exc, ne.DriverError):
        return f"Neo4j driver error ({type(exc).__name__}: {exc})"
    return None


class _Guarded:
    """An open store as a context manager: a store that fails mid-command (Neo4j stopped,
    a write refused) ends the command with one line on stderr and exit status 2, not a traceback."""

    def __init__(self, store, hint: str = ""):
        self.store, self.hint = store, hint

    def __enter__(self):
        return self.store

    def close(self) -> None:
        self.store.close()

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            self.store.__exit__(exc_type, exc, tb)  # close; the embedded store saves what was merged
        except Exception as close_error:  # e.g. the final save failed
            if exc is None and _store_failure(close_error) is None:
                raise
            exc = exc or close_error
        if exc is None or isinstance(exc, typer.Exit):
            return False
        why = _store_failure(exc)
        if why is None:
            return False
        where = self.store.uri.split("@")[-1]
        _fail(f"{why if why.startswith(where) else f'{where}: {why}'}{self.hint}")


def _open(uri: str | None, hint: str = "") -> _Guarded:
    from yilian.graph.store import StoreError, open_store

    try:
        store = open_store(uri)
    except StoreError as e:
        _fail(e)
    if hasattr(store, "on_wait"):  # the embedded file, when another process is saving it
        store.on_wait = lambda message: err.print(message, markup=False, highlight=False, soft_wrap=True)
    return _Guarded(store, hint)


@app.command()
def extract(paths: list[Path] = typer.Argument(..., help="files or folders of *.txt, *.html, *.htm"),
            format: Fmt = typer.Option(Fmt.jsonl, "--format", help="output format")) -> None:
    """Print what each announcement says, one JSON object per document (no store involved)."""
    from yilian.loaders import Skipped, extract_paths
    from yilian.loaders.read import display_path

    skipped = 0
    for item in extract_paths(paths):
        if isinstance(item, Skipped):
            skipped += 1
            err.print(f"skipped {display_path(item.path)}: {item.reason}", markup=False, highlight=False, soft_wrap=True)
            continue
        sys.stdout.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if skipped:
        raise typer.Exit(1)


class _Checkpoints:
    """Save the store now and then during a load: every YILIAN_CHECKPOINT_SECONDS (default 5),
    but never more often than ten times the last save took (0: after every document, however
    long saving takes). A killed load of the embedded store keeps the documents merged up to its
    last checkpoint, each one whole, and loading again finishes the rest. (Neo4j commits as it
    goes; its flush does nothing.)"""

    def __init__(self, store):
        import os
        import time

        self.store, self.clock = store, time.monotonic
        try:
            self.every = float(os.environ.get("YILIAN_CHECKPOINT_SECONDS", "5"))
        except ValueError:
            self.every = 5.0
        self.last, self.cost = self.clock(), 0.0

    def __call__(self) -> None:
        start = self.clock()
        if start - self.last >= (max(self.every, 10 * self.cost) if self.every > 0 else 0):
            self.store.flush()
            self.last = self.clock()
            self.cost = self.last - start


def _load(paths: list[Path], store, strict: bool = False, quiet: bool = False, workers: int = 1) -> dict:
    from yilian.loaders import Skipped, discover, extract_paths
    from yilian.loaders.read import display_path

    total = sum(1 for p in discover(paths) if not isinstance(p, Skipped))
    summary = {"read": 0, "skipped": [], "nodes_added": 0, "edges_added": 0}
    with Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.fields[name]}"), console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("load", total=total, name="")

        def documents():
            for item in extract_paths(paths, workers=workers):
                path = display_path(item.path) if isinstance(item, Skipped) else item.document.path
                bar.update(task, advance=1, name=Path(path).name)
                if isinstance(item, Skipped):
                    summary["skipped"].append((path, item.reason))
                    if strict:  # stop here; the documents before it are still merged and saved
                        summary["stopped"] = True
                        return
                    continue
                summary["read"] += 1
                yield item
                checkpoint()  # runs once the store has merged `item`

        checkpoint = _Checkpoints(store)
        summary["nodes_added"], summary["edges_added"] = store.merge_many(documents())
    store.flush()
    return summary


def _print_summary(summary: dict, store_uri: str) -> None:
    err.print(f"read {summary['read']} documents, skipped {len(summary['skipped'])}; "
              f"added {summary['nodes_added']} nodes and {summary['edges_added']} edges to {store_uri}",
              markup=False, highlight=False, soft_wrap=True)
    for path, reason in summary["skipped"]:
        err.print(f"  skipped {path}: {reason}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def load(paths: list[Path] = typer.Argument(None, help="files or folders of announcements"),
         store: str = StoreOption,
         strict: bool = typer.Option(False, "--strict", help="treat a file that cannot be read as an error: stop there "
                                     "(the documents before it stay loaded) and exit 2"),
         workers: int = typer.Option(1, "--workers", "-w", min=1, help="extraction processes"),
         files_from: typer.FileText = typer.Option(None, "--files-from", help="a file listing paths, one per line ('-' = stdin)")) -> None:
    """Extract announcements and merge them into the store (idempotent)."""
    paths = list(paths or []) + [Path(line.strip()) for line in files_from or [] if line.strip()]
    if not paths:
        err.print("[red]error:[/] nothing to load: give files or folders, or --files-from LIST")
        raise typer.Exit(2)
    with _open(store, hint="; the documents written before it are whole: run the same load again to finish") as s:
        summary = _load(paths, s, strict=strict, workers=workers)
        _print_summary(summary, s.uri)
    # Exit status: 0 every file loaded; 1 some were skipped (each named above), the rest loaded;
    # 2 an error: the store failed, or --strict stopped at a file that could not be read.
    if summary.get("stopped"):
        _fail(f"--strict: stopped at {summary['skipped'][-1][0]} ({summary['skipped'][-1][1]}); "
              f"the {summary['read']} documents before it are loaded")
    if summary["skipped"]:
        raise typer.Exit(1)


@app.command()
def stats(store: str = StoreOption, format: StatsFmt = typer.Option(StatsFmt.table, "--format")) -> None:
    """Counts of documents, nodes by label and edges by type."""
    with _open(store) as s:
        data = s.stats()
    if format == StatsFmt.json:
        print(json.dumps(data, ensure_ascii=False, sort_keys=True))
        return
    table = Table(title=f"documents: {data['documents']}")
    table.add_column("kind")
    table.add_column("name")
    table.add_column("count", justify="right")
    for label, n in data["nodes"].items():
        table.add_row("node", label, str(n))
    for etype, n in data["edges"].items():
        table.add_row("edge", etype, str(n))
    out.print(table)


@app.command()
def show(name: str = typer.Argument(..., help="a hospital, alliance, person or region name (or part of one)"),
         store: str = StoreOption) -> None:
    """A node with its edges and their evidence."""
    with _open(store) as s:
        hits = s.find(name, limit=5)
        if not hits:
            err.print(f"nothing named {name!r} in {s.uri}")
            raise typer.Exit(1)
        node = hits[0]
        extra = {k: v for k, v in node.items() if k not in ("id", "label", "name", "aliases", "documents")}
        out.print(f"[bold]{node['name']}[/] ({node['label']}, {node['id']})", highlight=False)
        if node.get("aliases"):
            out.print(f"  aliases: {'、'.join(node['aliases'])}", highlight=False)
        if extra:
            out.print("  " + ", ".join(f"{k}: {v}" for k, v in extra.items()), highlight=False)
        out.print(f"  documents: {len(node.get('documents', []))}")
        for e in s.edges_of(node["id"]):
            arrow = "→" if e["direction"] == "out" else "←"
            props = ", ".join(f"{k}={e[k]}" for k in ("title", "role", "date") if e.get(k))
            out.print(f"  {arrow} {e['type']} {e['other_name']} ({e['other_label']}){' [' + props + ']' if props else ''}", highlight=False)
            for ev in e.get("evidence", [])[:2]:
                out.print(f"      “{ev['sentence'][:120]}”", style="dim", highlight=False)
        if len(hits) > 1:
            out.print("also matching: " + "、".join(h["name"] for h in hits[1:]), style="dim", highlight=False)


@app.command()
def serve(store: str = StoreOption, host: str = typer.Option("127.0.0.1", "--host"),
          port: int = typer.Option(8000, "--port"),
          access_log: bool = typer.Option(False, "--access-log", help="log every request (costs about a third of the throughput)"),
          workers: int = typer.Option(1, "--workers", min=1, help="worker processes (one per core; each keeps its own answer cache)")) -> None:
    """Serve the HTTP API over the store (uvicorn)."""
    import uvicorn

    from yilian.api.app import create_app

    _open(store).close()  # fail here, in one line, if the store is unreachable
    if workers == 1:
        uvicorn.run(create_app(store), host=host, port=port, log_level="info", access_log=access_log)
        return
    if store:  # worker processes import the app afresh: the store reaches them by the environment
        os.environ["YILIAN_STORE"] = store
    uvicorn.run("yilian.api.app:create_app", factory=True, workers=workers, host=host, port=port,
                log_level="info", access_log=access_log)


class QueryFmt(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def query(name: str = typer.Argument(None, help="a named query (omit to list them)"),
          param: list[str] = typer.Option([], "--param", "-p", help="k=v, repeatable"),
          store: str = StoreOption, format: QueryFmt = typer.Option(QueryFmt.table, "--format")) -> None:
    """Run a named query from the library (queries/cypher/*.cypher) on either store."""
    from yilian.queries.library import QueryError, library, run

    if not name:
        for q in library().values():
            out.print(f"[bold]{q.name}[/]  {q.purpose}\n    params: {q.params}\n    e.g. {q.example}", highlight=False)
        return
    params = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep:
            err.print(f"[red]error:[/] --param {item!r}: expected k=v", highlight=False)
            raise typer.Exit(2)
        params[key] = value
    with _open(store) as s:
        try:
            rows = run(s, name, params)
        except QueryError as e:
            err.print(f"[red]error:[/] {e}", highlight=False)
            raise typer.Exit(2)
    if format == QueryFmt.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif format == QueryFmt.csv:
        import csv as csv_

        columns = list(rows[0]) if rows else []
        w = csv_.writer(sys.stdout)
        w.writerow(columns)
        for r in rows:
            w.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else ("" if v is None else v) for v in r.values()])
    else:
        table = Table(title=f"{name}: {len(rows)} rows")
        for col in (rows[0] if rows else []):
            table.add_column(col)
        for r in rows:
            table.add_row(*[("、".join(x["sentence"][:40] if isinstance(x, dict) else str(x) for x in v) if isinstance(v, list)
                             else "" if v is None else str(v)) for v in r.values()])
        out.print(table)


class Analysis(str, Enum):
    hubs = "hubs"
    communities = "communities"
    coverage = "coverage"
    path = "path"


@app.command()
def analyze(what: Analysis = typer.Argument(..., help="hubs | communities | coverage CODE | path FROM TO"),
            args: list[str] = typer.Argument(None, help="region code for coverage; two hospital names or ids for path"),
            top: int = typer.Option(10, "--top"), store: str = StoreOption) -> None:
    """Analytics for planners over the partnership graph (hospitals sharing an alliance or an agreement)."""
    from yilian.graph import analytics

    args = args or []
    with _open(store) as s:
        g = analytics.graph_of(s)
        if what == Analysis.hubs:
            result = analytics.hubs(g, top)
        elif what == Analysis.communities:
            result = analytics.communities(g)
        elif what == Analysis.coverage:
            if len(args) != 1:
                err.print("[red]error:[/] coverage needs one region code (GB/T 2260), e.g. 371400")
                raise typer.Exit(2)
            try:
                result = analytics.coverage(g, args[0])
            except KeyError:
                err.print(f"[red]error:[/] no region with code {args[0]}")
                raise typer.Exit(2)
        else:
            if len(args) != 2:
                err.print("[red]error:[/] path needs two hospitals (names or ids)")
                raise typer.Exit(2)
            ends = []
            for a in args:
                hits = [h for h in s.find(a) if h["label"] == "Hospital"] if a not in g else [{"id": a}]
                if not hits:
                    err.print(f"[red]error:[/] no hospital named {a!r}", highlight=False)
                    raise typer.Exit(1)
                ends.append(hits[0]["id"])
            result = analytics.referral_path(g, *ends)
    print(json.dumps(result, ensure_ascii=False, indent=1))


class ViewKind(str, Enum):
    hospital = "hospital"
    alliance = "alliance"
    region = "region"
    map = "map"


@app.command()
def view(what: ViewKind = typer.Argument(..., help="hospital | alliance | region | map"),
         name: str = typer.Argument(None, help="a name (or part of one), an id, or a region code (map: optional)"),
         output: Path = typer.Option(..., "-o", "--output", help="the HTML file to write"),
         depth: int = typer.Option(2, "--depth", help="steps around a hospital"), store: str = StoreOption) -> None:
    """Write a network view, or the map (`view map [REGION CODE]`), as one self-contained HTML file
    (renderer inlined; opens without a server)."""
    from yilian.api import views
    from yilian.graph.analytics import graph_of
    from yilian.graph.model import node_id

    if what == ViewKind.map:
        return _write_map(name, output, store)
    if not name:
        _fail(f"{what.value} views need a name, an id or a code")

    label = {"hospital": "Hospital", "alliance": "Alliance", "region": "Region"}[what.value]
    with _open(store) as s:
        g = graph_of(s)
        documents = s.documents if hasattr(s, "documents") else s.dump()["documents"]
        if name in g:
            target = name
        elif what == ViewKind.region and node_id("Region", name) in g:
            target = node_id("Region", name)
        else:
            hits = [h for h in s.find(name) if h["label"] == label]
            if not hits:
                err.print(f"[red]error:[/] no {what.value} named {name!r} in {s.uri}", highlight=False)
                raise typer.Exit(1)
            target = hits[0]["id"]
        page = views.view_page(g, documents, what.value, target, depth=depth, inline=True)
    output.write_text(page, encoding="utf-8")
    err.print(f"wrote {output} ({len(page) // 1024} KB): {g.nodes[target]['name']}", highlight=False)


def _write_map(code: str | None, output: Path, store: str | None) -> None:
    from yilian.api.map_page import map_page
    from yilian.graph.analytics import graph_of

    with _open(store) as s:
        documents = s.documents if hasattr(s, "documents") else s.dump()["documents"]
        try:
            page = map_page(graph_of(s), documents, code or None, inline=True)
        except KeyError:
            err.print(f"[red]error:[/] no province or city with code {code!r}", highlight=False)
            raise typer.Exit(1) from None
    output.write_text(page, encoding="utf-8")
    err.print(f"wrote {output} ({len(page) // 1024} KB): map of {code or 'China'}", highlight=False)


class ExportFmt(str, Enum):
    json = "json"
    graphml = "graphml"
    csv = "csv"


@app.command()
def export(output: Path = typer.Option(..., "-o", "--output", help="file (json, graphml) or folder (csv)"),
           format: ExportFmt = typer.Option(ExportFmt.json, "--format"), store: str = StoreOption) -> None:
    """Write the whole graph: json (re-importable), graphml (Gephi), csv (neo4j-admin database import)."""
    from yilian.graph import exchange

    with _open(store) as s:
        dump = s.dump()
    if format == ExportFmt.json:
        exchange.write_json(dump, output)
    elif format == ExportFmt.graphml:
        exchange.write_graphml(dump, output)
    else:
        files_ = exchange.write_csv(dump, output)
        err.print(f"wrote {len(files_)} CSV files; bulk-load them into a new local Neo4j with: yilian neo4j import {output} "
                  f"--data DIR; or with neo4j-admin database import full "
                  f"--array-delimiter=U+001F " + " ".join(
                      f"--{'nodes' if f.name.startswith('nodes') else 'relationships'}={f}" for f in files_), highlight=False)
    err.print(f"exported {len(dump['nodes'])} nodes and {len(dump['edges'])} edges from {s.uri} to {output}", highlight=False)


@app.command("import")
def import_(path: Path = typer.Argument(..., help="a JSON export (or an embedded graph file)"), store: str = StoreOption) -> None:
    """Merge an exported graph into a store, document by document (idempotent)."""
    from yilian.graph import exchange
    from yilian.graph.embedded import check_dump

    try:
        dump = json.loads(path.read_text(encoding="utf-8"))
        check_dump(dump)
    except RecursionError:
        err.print(f"[red]error:[/] {path}: not a yilian graph export (JSON nested too deeply)", highlight=False)
        raise typer.Exit(2) from None
    except (OSError, ValueError) as e:
        err.print(f"[red]error:[/] {path}: not a yilian graph export ({e})", highlight=False)
        raise typer.Exit(2) from None
    with _open(store) as s:
        docs, n, e = exchange.import_dump(dump, s)
        err.print(f"imported {docs} documents into {s.uri}: added {n} nodes and {e} edges", highlight=False)


neo4j_app = typer.Typer(help="A local Neo4j 5.26 on this machine's JVM (no Docker); build it once with neo4j-server/install.sh.",
                        no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
DataOption = typer.Option(Path(".yilian/neo4j"), "--data", help="the server's home: store, logs, pid file")


def _neo4j_password() -> str:
    """NEO4J_AUTH's password, else the local default that the Neo4j store also falls back to."""
    import os

    from yilian.graph.neo4j_server import LOCAL_AUTH

    auth = os.environ.get("NEO4J_AUTH")
    return auth.partition("/")[2] if auth else LOCAL_AUTH[1]


@neo4j_app.command("start")
def neo4j_start(port: int = typer.Option(7687, "--port", help="Bolt port"),
                http_port: int = typer.Option(7474, "--http-port", help="HTTP port: Neo4j Browser and the HTTP API (0: none)"),
                data: Path = DataOption) -> None:
    """Start the server in the background; returns when Bolt answers. Password from NEO4J_AUTH=neo4j/PASSWORD,
    else the local default, which `--store bolt://…` uses too when NEO4J_AUTH is unset."""
    import os

    from yilian.graph import neo4j_server

    password = _neo4j_password()
    try:
        h = neo4j_server.start(port, data, password, http_port=http_port or None)
    except neo4j_server.Neo4jServerError as e:
        err.print(f"[red]error:[/] {e}", highlight=False)
        raise typer.Exit(1)
    user = neo4j_server.USER
    env = "" if "NEO4J_AUTH" not in os.environ else f"NEO4J_AUTH={user}/{password} "
    out.print(f"Neo4j is up (data in {data}, started in {h.startup_seconds:.1f} s)", highlight=False, soft_wrap=True)
    if h.browser_url:
        out.print(f"  Neo4j Browser  {h.browser_url}   user {user}, password {password}", highlight=False, soft_wrap=True)
    out.print(f"  Bolt           {h.uri}", highlight=False, soft_wrap=True)
    out.print(f"  load with      {env}yilian load PATH --store {h.uri}"
              + ("" if env else "   (no NEO4J_AUTH needed: the store uses this default)"), highlight=False, soft_wrap=True)
    out.print(f"  Cypher         {env}yilian cypher --store {h.uri}", highlight=False, soft_wrap=True)


@neo4j_app.command("import")
def neo4j_import(csv_dir: Path = typer.Argument(..., help="the folder `yilian export --format csv -o` wrote"),
                 data: Path = DataOption,
                 heap: str = typer.Option("1g", "--heap", help="the importer's JVM heap")) -> None:
    """Bulk-load a CSV export into the EMPTY database of a stopped local server (neo4j-admin database import full):
    for a first national load, far faster than `yilian load`. Refuses a database that holds data."""
    from yilian.graph import neo4j_import, neo4j_server

    try:
        r = neo4j_import.import_csv(csv_dir, data, heap=heap, say=lambda m: err.print(f"  {m}", highlight=False))
    except neo4j_import.ImportRefused as e:
        _fail(f"refused: {e}")
    except neo4j_server.Neo4jServerError as e:
        err.print(f"[red]error:[/] {e}", highlight=False)
        raise typer.Exit(2)
    out.print(f"imported {r.nodes:,} nodes and {r.relationships:,} relationships ({r.properties:,} properties) from "
              f"{len(r.files)} files in {r.seconds:.1f} s ({r.rows_per_second:,.0f} rows/s; the importer itself "
              f"{r.importer_seconds:.1f} s) into {data}\nnext: yilian neo4j start --data {data}", highlight=False)


@neo4j_app.command("stop")
def neo4j_stop(data: Path = DataOption) -> None:
    """Stop the server cleanly."""
    from yilian.graph import neo4j_server

    out.print("stopped" if neo4j_server.stop(data, say=lambda m: err.print(m, highlight=False))
              else f"no server was running for {data}")


@neo4j_app.command("status")
def neo4j_status(data: Path = DataOption) -> None:
    """Whether the server for DATA runs, its pid, port and memory."""
    from yilian.graph import neo4j_server

    st = neo4j_server.status(data)
    print(json.dumps(st, ensure_ascii=False, default=str))
    if not st.get("running"):
        raise typer.Exit(1)


@app.command()
def cypher(query: str = typer.Argument(None, help="a Cypher statement; omit it for an interactive shell"),
           param: list[str] = typer.Option([], "--param", "-p", help="k=v (v read as JSON when it parses), repeatable"),
           write: bool = typer.Option(False, "--write", help="run in a WRITE transaction (default READ: Neo4j refuses writes)"),
           format: QueryFmt = typer.Option(QueryFmt.table, "--format"),
           timeout: float = typer.Option(60, "--timeout", help="seconds per statement (Neo4j ends it)"),
           store: str = typer.Option(None, "--store", help="bolt://HOST:PORT (default: YILIAN_STORE if it is one, "
                                     "else bolt://127.0.0.1:7687); credentials as for --store elsewhere")) -> None:
    """Cypher against Neo4j from the terminal: one statement, or a shell (statements end with ';', :exit)."""
    from yilian import console

    params = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep:
            _fail(f"--param {item!r}: expected k=v")
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    def failed(e: console.ConsoleError) -> NoReturn:
        from rich.markup import escape

        # not _fail's one line: a syntax error's caret line points at the spot
        err.print(f"[red]error:[/] {escape(str(e))}", highlight=False, soft_wrap=True)
        raise typer.Exit(e.code)

    try:
        driver = console.connect(console.resolve_uri(store))
    except console.ConsoleError as e:
        failed(e)
    with driver:
        try:
            if query is None:
                failures = console.shell(driver, write=write, fmt=format.value, timeout=timeout, console=out, err=err,
                                         write_text=sys.stdout.write)
                raise typer.Exit(1 if failures else 0)
            answer = console.run(driver, query, params, write=write, timeout=timeout)
        except console.ConsoleError as e:
            failed(e)
    console.render(answer, format.value, out, sys.stdout.write)
    err.print(console.summary_line(answer), style="dim", highlight=False)


@app.command()
def synth(docs: int = typer.Option(1000, "--docs", min=1, help="how many announcements"),
          seed: int = typer.Option(1, "--seed", help="same seed, same corpus"),
          output: Path = typer.Option(..., "-o", "--output", help="folder for the announcements (gold/ inside)")) -> None:
    """Write a synthetic announcement corpus with a gold annotation per document (for ../shared/eval/score.py)."""
    from yilian.synth import generate

    with Progress(TextColumn("writing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                  transient=True) as bar:
        task = bar.add_task("synth", total=docs)
        summary = generate(docs, seed, output, progress=lambda done: bar.update(task, completed=done))
    err.print(f"wrote {docs} announcements and their gold to {output}")
    out.print_json(json.dumps(summary, ensure_ascii=False))


def sample_dir() -> Path:
    return Path(str(files("yilian").joinpath("samples")))


@app.command()
def demo(store: Path = typer.Option(None, "--store-file", help="where to write the demo graph (default: a fresh temporary file)"),
         serve_api: bool = typer.Option(True, "--serve/--no-serve", help="serve the API over the demo graph afterwards"),
         port: int = typer.Option(8000, "--port")) -> None:
    """Load the sample announcements shipped with yilian into a fresh embedded store, show the result, and serve it."""
    from yilian.graph.embedded import EmbeddedStore

    folder = Path(tempfile.mkdtemp(prefix="yilian-demo-"))
    path = store or folder / "demo.graph.json"
    if path.exists():
        path.unlink()
    samples = sample_dir()
    with EmbeddedStore(path) as s:
        summary = _load([samples], s)
        _print_summary(summary, s.uri)
        data = s.stats()
        out.print(f"\n[bold]Graph[/]: {data['documents']} documents, "
                  + ", ".join(f"{n} {k}" for k, n in data["nodes"].items()) + "; "
                  + ", ".join(f"{n} {k}" for k, n in data["edges"].items()), highlight=False)
        table = Table(title="Alliances")
        for col in ("alliance", "kind", "leader", "members"):
            table.add_column(col)
        g = s.graph
        for n, a in sorted(g.nodes(data=True), key=lambda x: x[1]["name"]):
            if a["label"] != "Alliance":
                continue
            leaders = [g.nodes[u]["name"] for u, _, d in g.in_edges(n, data=True) if d["type"] == "LEADS"]
            members = [g.nodes[u]["name"] for u, _, d in g.in_edges(n, data=True) if d["type"] == "JOINS"]
            table.add_row(a["name"], a.get("kind", ""), "、".join(leaders), "、".join(sorted(members)))
        out.print(table)
        out.print(f"\nGraph file: {path}\nTry: yilian show <name> --store file:{path}", highlight=False)
    if serve_api:
        import uvicorn

        from yilian.api.app import create_app

        base = f"http://127.0.0.1:{port}"
        out.print(f"\nServing the demo graph (Ctrl-C to stop):\n  {base}/docs  (interactive API)\n"
                  f"  {base}/hospitals?q=人民医院\n  {base}/alliances\n  {base}/stats", highlight=False)
        uvicorn.run(create_app(f"file:{path}"), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    app()

"""`yilian neo4j start|stop|status|import`: a local Neo4j 5.26 server on this machine's JVM, and
`yilian cypher`, the terminal's way into it."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn

import typer

from .browse import QueryFmt
from .common import _fail, app, err, out


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
                heap: str = typer.Option("1g", "--heap", help="the server's JVM heap"),
                page_cache: str = typer.Option("1g", "--page-cache",
                                               help="memory for the store's pages; lookups stay fast while the store "
                                                    "(du -sh DATA/data/databases/neo4j) fits"),
                data: Path = DataOption) -> None:
    """Start the server in the background; returns when Bolt answers. Password from NEO4J_AUTH=neo4j/PASSWORD,
    else the local default, which `--store bolt://…` uses too when NEO4J_AUTH is unset."""
    import os

    from yilian.graph import neo4j_server

    password = _neo4j_password()
    try:
        h = neo4j_server.start(port, data, password, http_port=http_port or None, heap=heap, page_cache=page_cache)
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

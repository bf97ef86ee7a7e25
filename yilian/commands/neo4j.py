"""`yilian neo4j start|stop|status`: a local Neo4j 5.26 on this machine's JVM."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from .common import app, err, out


neo4j_app = typer.Typer(help="A local Neo4j 5.26 on this machine's JVM (no Docker); build it once with neo4j-server/install.sh.",
                        no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
DataOption = typer.Option(Path(".yilian/neo4j"), "--data", help="the server's home: store, logs, pid file")


def _neo4j_password() -> str:
    import os

    auth = os.environ.get("NEO4J_AUTH", "neo4j/yilian-dev-password")
    return auth.partition("/")[2]


@neo4j_app.command("start")
def neo4j_start(port: int = typer.Option(7687, "--port"), data: Path = DataOption) -> None:
    """Start the server in the background; returns when Bolt answers. Password from NEO4J_AUTH=neo4j/PASSWORD."""
    from yilian.graph import neo4j_server

    try:
        h = neo4j_server.start(port, data, _neo4j_password())
    except neo4j_server.Neo4jServerError as e:
        err.print(f"[red]error:[/] {e}", highlight=False)
        raise typer.Exit(1)
    out.print(f"Neo4j is up at {h.uri} (data in {data}, started in {h.startup_seconds:.1f} s); "
              f"use --store {h.uri} with NEO4J_AUTH=neo4j/<password>", highlight=False)


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

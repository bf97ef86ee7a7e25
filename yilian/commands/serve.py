"""`yilian serve` (the HTTP API) and `yilian demo` (the shipped samples, loaded and served)."""
from __future__ import annotations

import os
import tempfile
from importlib.resources import files
from pathlib import Path

import typer
from rich.table import Table

from .common import StoreOption, _open, app, out
from .ingest import _load, _print_summary


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

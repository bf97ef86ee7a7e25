"""`yilian export` and `yilian import`: the whole graph as json, graphml or csv, and back."""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from .common import StoreOption, _open, app, err


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

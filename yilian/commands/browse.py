"""Reading a store: `stats`, `show`, `query` (the named query library), `analyze`, `view`."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.table import Table

from .common import StoreOption, _fail, _open, app, err, out


class StatsFmt(str, Enum):
    table = "table"
    json = "json"


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
    from yilian.graph.analytics import graph_and_documents
    from yilian.graph.model import node_id

    if what == ViewKind.map:
        return _write_map(name, output, store)
    if not name:
        _fail(f"{what.value} views need a name, an id or a code")

    label = {"hospital": "Hospital", "alliance": "Alliance", "region": "Region"}[what.value]
    with _open(store) as s:
        g, documents = graph_and_documents(s)
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
    from yilian.graph.analytics import graph_and_documents

    with _open(store) as s:
        g, documents = graph_and_documents(s)
        try:
            page = map_page(g, documents, code or None, inline=True)
        except KeyError:
            err.print(f"[red]error:[/] no province or city with code {code!r}", highlight=False)
            raise typer.Exit(1) from None
    output.write_text(page, encoding="utf-8")
    err.print(f"wrote {output} ({len(page) // 1024} KB): map of {code or 'China'}", highlight=False)

"""Network views for planners: pyvis networks rendered into self-contained pages.

Pages load vis-network from this server (`/static/…`, taken from the pyvis package) or, for
a static export, inline it: nothing is fetched from the internet. Big views are clustered
by region above NODE_CAP nodes; physics runs for a bounded number of iterations and is
then frozen, and the page says what was clustered or cut.
"""
from __future__ import annotations

import html
import json
from collections import Counter, deque
from importlib.resources import files
from pathlib import Path

import networkx as nx
from pyvis.network import Network

NODE_CAP = 500
STYLE = {  # label -> (colour, shape)
    "Hospital": ("#2b7bb9", "dot"),
    "Alliance": ("#e8743b", "diamond"),
    "Organization": ("#6a9f58", "square"),
    "Person": ("#b07aa1", "triangle"),
    "Region": ("#9c9c9c", "ellipse"),
    "Cluster": ("#5fa2ce", "hexagon"),
}
EDGE_STYLE = {  # type -> (colour, dashes)
    "LEADS": ("#d62728", False), "JOINS": ("#e8743b", False), "SIGNS": ("#2ca02c", True),
    "HOLDS": ("#b07aa1", False), "LOCATED_IN": ("#bbbbbb", True), "PART_OF": ("#dddddd", True),
}
KINDS = ("医联体", "紧密型医联体", "城市医疗集团", "医共体", "专科联盟", "远程医疗协作网")


def vis_assets() -> tuple[str, str]:
    """(vis-network.min.js, vis-network.css) shipped inside pyvis."""
    lib = files("pyvis").joinpath("lib", "vis-9.1.2")
    return lib.joinpath("vis-network.min.js").read_text(encoding="utf-8"), lib.joinpath("vis-network.css").read_text(encoding="utf-8")


# -- choosing what a view shows -------------------------------------------------------------------
def _filtered(g: nx.MultiDiGraph, kind: str | None, as_of: str | None) -> nx.MultiDiGraph:
    if not kind and not as_of:
        return g
    drop = [n for n, a in g.nodes(data=True) if a["label"] == "Alliance" and (
        (kind and a.get("kind") != kind) or (as_of and a.get("founded") and a["founded"] > as_of))]
    h = g.copy()
    h.remove_nodes_from(drop)
    if as_of:
        h.remove_edges_from([(u, v, k) for u, v, k, a in h.edges(keys=True, data=True)
                             if a["type"] == "SIGNS" and a.get("date") and a["date"] > as_of])
    return h


def ego(g: nx.MultiDiGraph, center: str, depth: int) -> set[str]:
    """Nodes within `depth` steps of a node, not walking through regions (every hospital of a
    province would be two steps away)."""
    seen, queue = {center}, deque([(center, 0)])
    while queue:
        node, d = queue.popleft()
        if d >= depth or (g.nodes[node]["label"] == "Region" and node != center):
            continue
        for nb in set(g.successors(node)) | set(g.predecessors(node)):
            if nb not in seen and g.nodes[nb]["label"] != "Region":
                seen.add(nb)
                queue.append((nb, d + 1))
    return seen


def alliance_nodes(g: nx.MultiDiGraph, alliance: str) -> set[str]:
    members = {u for u, _, t in g.in_edges(alliance, data="type") if t in ("LEADS", "JOINS")}
    regions = {v for m in members for _, v, t in g.out_edges(m, data="type") if t == "LOCATED_IN"}
    return {alliance} | members | regions


def region_nodes(g: nx.MultiDiGraph, region: str) -> set[str]:
    part_of = nx.DiGraph([(u, v) for u, v, t in g.edges(data="type") if t == "PART_OF"])
    regions = {region} | (nx.ancestors(part_of, region) if region in part_of else set())
    hospitals = {u for r in regions for u, _, t in g.in_edges(r, data="type") if t == "LOCATED_IN" and g.nodes[u]["label"] == "Hospital"}
    alliances = {v for h in hospitals for _, v, t in g.out_edges(h, data="type") if t in ("LEADS", "JOINS")}
    return {region} | hospitals | alliances


# -- drawing -----------------------------------------------------------------------------------------
def _region_name(g: nx.MultiDiGraph, node: str) -> str:
    for _, v, t in g.out_edges(node, data="type"):
        if t == "LOCATED_IN":
            return g.nodes[v]["name"]
    return ""


def _node_tooltip(g: nx.MultiDiGraph, node: str, documents: dict) -> str:
    a = g.nodes[node]
    lines = [f"{a['name']}（{a['label']}）"]
    if a.get("aliases"):
        lines.append("别名：" + "、".join(a["aliases"]))
    region = _region_name(g, node)
    if region:
        lines.append(f"地区：{region}")
    for key in ("kind", "specialty", "founded", "member_count", "code"):
        if a.get(key):
            lines.append(f"{key}：{a[key]}")
    shown = 0
    for u, v, e in list(g.out_edges(node, data=True)) + list(g.in_edges(node, data=True)):
        if e.get("evidence") and shown < 2:
            other = g.nodes[v if u == node else u]["name"]
            lines.append(f"{e['type']} {other}\n" + _edge_tooltip(e, documents).split("\n", 1)[1])
            shown += 1
    return "\n".join(lines)


def _edge_tooltip(a: dict, documents: dict) -> str:
    lines = [a["type"] + "".join(f" {a[k]}" for k in ("title", "role", "date") if a.get(k))]
    for ev in a.get("evidence", [])[:3]:
        doc = documents.get(ev["document"], {})
        source = doc.get("title") or Path(doc.get("path") or ev["document"]).name
        lines.append(f"证据：{ev['sentence'][:160]}\n来源：{source}")
    return "\n".join(lines)


def build_network(g: nx.MultiDiGraph, keep: set[str], documents: dict, focus: str | None = None) -> tuple[Network, str | None]:
    """A pyvis network of the `keep` nodes; above NODE_CAP, hospitals are clustered by region."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="remote")
    note = None
    members = {n: n for n in keep}
    if len(keep) > NODE_CAP:
        groups: dict[str, list[str]] = {}
        for n in keep:
            if g.nodes[n]["label"] in ("Hospital", "Person", "Organization") and n != focus:
                groups.setdefault(_region_name(g, n) or "未知地区", []).append(n)
        for region, nodes in groups.items():
            for n in nodes:
                members[n] = f"cluster:{region}"
        note = (f"{len(keep)} nodes: {sum(map(len, groups.values()))} hospitals, organizations and people are "
                f"shown as {len(groups)} region clusters.")
        shown = set(members.values())
        if len(shown) > NODE_CAP:
            degree = Counter(members[v] for u, v in g.subgraph(keep).edges() if members[u] != members[v])
            kept = set(sorted(shown, key=lambda x: (-degree[x], x))[:NODE_CAP])
            note += f" The {len(shown) - NODE_CAP} least connected of them are not drawn."
            members = {n: c for n, c in members.items() if c in kept}
    degree = Counter()
    edges = {}
    for u, v, a in g.subgraph(list(members)).edges(data=True):
        cu, cv = members[u], members[v]
        if cu == cv:
            continue
        degree[cu] += 1
        degree[cv] += 1
        edges.setdefault((cu, cv, a["type"]), []).append(a)
    for cluster in sorted(set(members.values())):
        if cluster.startswith("cluster:"):
            count = sum(1 for c in members.values() if c == cluster)
            colour, shape = STYLE["Cluster"]
            net.add_node(cluster, label=f"{cluster[8:]}（{count}）", title=f"{cluster[8:]}：{count} 个节点", color=colour,
                         shape=shape, size=12 + min(40, count ** 0.5 * 4))
            continue
        a = g.nodes[cluster]
        colour, shape = STYLE.get(a["label"], STYLE["Region"])
        net.add_node(cluster, label=a["name"], title=_node_tooltip(g, cluster, documents), color=colour, shape=shape,
                     size=10 + min(30, degree[cluster] * 2) + (10 if cluster == focus else 0),
                     borderWidth=4 if cluster == focus else 1)
    for (cu, cv, etype), items in sorted(edges.items()):
        colour, dashes = EDGE_STYLE.get(etype, ("#999999", False))
        title = _edge_tooltip(items[0], documents) if len(items) == 1 else f"{etype} ×{len(items)}"
        net.add_edge(cu, cv, title=title, color=colour, dashes=dashes, width=1 + min(6, len(items) - 1))
    net.set_options(json.dumps({
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"enabled": True, "iterations": 300 if len(members) <= 150 else 100, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 100, "navigationButtons": False},
        "layout": {"improvedLayout": len(members) <= 150},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "smooth": False},
        "nodes": {"font": {"size": 14}},
    }))
    return net, note


# -- the page ------------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title} · yilian</title>
{assets}
<style>
 body {{ margin: 0; font-family: sans-serif; display: flex; flex-direction: column; height: 100vh; }}
 header {{ padding: 6px 12px; background: #f4f4f4; border-bottom: 1px solid #ddd; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }}
 header h1 {{ font-size: 16px; margin: 0 12px 0 0; }}
 #graph {{ flex: 1; min-height: 400px; }}
 #legend {{ position: absolute; right: 10px; top: 60px; background: rgba(255,255,255,.92); border: 1px solid #ccc; padding: 6px 10px; font-size: 12px; z-index: 5; }}
 #legend span.sw {{ display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }}
 #note {{ color: #a33; font-size: 13px; }}
 div.vis-tooltip {{ white-space: pre-wrap; max-width: 440px; font-size: 12px; }}
</style></head>
<body data-rendered="0">
<header>
 <h1><a href="{home}">yilian</a> · {title}</h1>
 <form id="filters" method="get">
  <label>联盟类型 <select name="kind"><option value="">全部</option>{kind_options}</select></label>
  <label>截至 <input type="date" name="as_of" value="{as_of}"></label>
  {depth_input}<button type="submit">筛选</button>
 </form>
 <form id="search"><input id="q" placeholder="搜索医院…" {search_disabled}><button {search_disabled}>跳转</button></form>
 <span id="note">{note}</span>
</header>
<div id="graph"></div>
<div id="legend">{legend}</div>
<script>
const nodes = new vis.DataSet({nodes});
const edges = new vis.DataSet({edges});
const options = {options};
const network = new vis.Network(document.getElementById("graph"), {{nodes, edges}}, options);
window.yilianNetwork = network;
let frozen = false;
function freeze() {{
  if (frozen) return; frozen = true;
  network.setOptions({{physics: false}});
  network.once("afterDrawing", () => {{ document.body.dataset.rendered = "1"; }});
  network.redraw();
}}
network.once("stabilizationIterationsDone", freeze);
setTimeout(freeze, 8000);
if (nodes.length === 0) {{ document.body.dataset.rendered = "1"; }}
document.getElementById("search").addEventListener("submit", async (e) => {{
  e.preventDefault();
  const q = document.getElementById("q").value.trim();
  if (!q) return;
  const r = await fetch("{home}hospitals?q=" + encodeURIComponent(q));
  const page = await r.json();
  if (page.items && page.items.length) location.href = "{home}views/hospital/" + page.items[0].id;
  else document.getElementById("note").textContent = "没有找到：" + q;
}});
</script>
</body></html>
"""


def render(net: Network, title: str, note: str | None, *, inline: bool, kind: str | None = None,
           as_of: str | None = None, depth: int | None = None, home: str = "/") -> str:
    nodes, edges, *_ = net.get_network_data()
    if inline:
        js, css = vis_assets()
        assets = f"<style>{css}</style>\n<script>{js}</script>"
    else:
        assets = f'<link rel="stylesheet" href="{home}static/vis-network.css">\n<script src="{home}static/vis-network.min.js"></script>'
    legend = "".join(f'<div><span class="sw" style="background:{c}"></span>{html.escape(label)}</div>'
                     for label, (c, _) in STYLE.items()) + "".join(
        f'<div><span class="sw" style="background:{c};height:3px"></span>{t}{"（虚线）" if d else ""}</div>'
        for t, (c, d) in EDGE_STYLE.items())
    kind_options = "".join(f'<option value="{k}"{" selected" if k == kind else ""}>{k}</option>' for k in KINDS)
    depth_input = (f'<label>层数 <input type="number" name="depth" min="1" max="4" value="{depth}"></label>' if depth else "")
    safe = lambda x: json.dumps(x, ensure_ascii=False).replace("</", "<\\/")  # noqa: E731
    return PAGE.format(title=html.escape(title), assets=assets, note=html.escape(note or ""), legend=legend,
                       nodes=safe(nodes), edges=safe(edges), options=safe(net.options if isinstance(net.options, dict) else json.loads(net.options.to_json())),
                       kind_options=kind_options, as_of=html.escape(as_of or ""), depth_input=depth_input, home=home,
                       search_disabled="disabled title='需要服务器'" if inline else "")


def view_page(g: nx.MultiDiGraph, documents: dict, what: str, target: str, *, depth: int = 2, kind: str | None = None,
              as_of: str | None = None, inline: bool = False, other: str | None = None) -> str:
    """The page of one view: what is hospital | alliance | region | path; raises KeyError if the target is unknown."""
    from yilian.graph.analytics import partnership_graph

    g = _filtered(g, kind, as_of)
    if target not in g:
        raise KeyError(target)
    if what == "hospital":
        keep = ego(g, target, depth)
        keep |= {v for n in list(keep) for _, v, t in g.out_edges(n, data="type") if t == "LOCATED_IN" and len(keep) < NODE_CAP}
    elif what == "alliance":
        keep = alliance_nodes(g, target)
    elif what == "region":
        keep = region_nodes(g, target)
    else:
        if other not in g:
            raise KeyError(other)
        p = partnership_graph(g)
        keep = {target, other}
        if target in p and other in p and nx.has_path(p, target, other):
            path = nx.shortest_path(p, target, other)
            keep = set(path) | {x for u, v in zip(path, path[1:]) for x in p.edges[u, v]["via"] if x != "SIGNS"}
    net, note = build_network(g, keep, documents, focus=target)
    title = g.nodes[target]["name"] if what != "path" else f"{g.nodes[target]['name']} → {g.nodes[other]['name']}"
    if what == "path" and len(keep) == 2:
        note = "这两家医院之间没有经由联盟或协议的联系。"
    return render(net, title, note, inline=inline, kind=kind, as_of=as_of, depth=depth if what == "hospital" else None)


def index_page(stats: dict, alliances: list[dict], hospitals: list[dict]) -> str:
    n = stats["nodes"]
    numbers = "".join(f"<div class='num'><b>{v}</b><br>{k}</div>" for k, v in (
        ("医院 hospitals", n.get("Hospital", 0)), ("联盟 alliances", n.get("Alliance", 0)),
        ("人员 people", n.get("Person", 0)), ("地区 regions", n.get("Region", 0)), ("公告 documents", stats["documents"])))
    al = "".join(f"<li><a href='/views/alliance/{a['id']}'>{html.escape(a['name'])}</a> <small>{html.escape(a.get('kind') or '')}"
                 f"{' · ' + html.escape('、'.join(a['leaders'])) if a.get('leaders') else ''}</small></li>" for a in alliances)
    ho = "".join(f"<li><a href='/views/hospital/{h['id']}'>{html.escape(h['name'])}</a></li>" for h in hospitals)
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>yilian · 医联</title>
<style>body{{font-family:sans-serif;margin:20px}} .nums{{display:flex;gap:24px}} .num{{text-align:center}} .num b{{font-size:28px}}
.cols{{display:flex;gap:40px}} ul{{columns:2;max-width:900px}}</style></head><body>
<h1>yilian 医联 — hospital alliances</h1><div class="nums">{numbers}</div>
<p><a href="/map">地图 map</a> · <a href="/docs">API</a> · <a href="/analytics/hubs">hubs</a></p>
<h2>联盟 Alliances ({len(alliances)})</h2><ul>{al}</ul>
<h2>医院 Hospitals ({len(hospitals)})</h2><ul>{ho}</ul>
</body></html>"""

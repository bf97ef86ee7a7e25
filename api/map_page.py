"""The planner's map: counties coloured by alliance coverage, hospitals as points at their county,
alliances as lines from the leader to each member, on an offline ECharts map.

Coverage uses the definitions of `analytics.coverage` (in an alliance / linked to a tertiary or
provincial hospital / neither), so the legend's counts are the ones /analytics/coverage returns.
Above POINT_CAP hospitals the points are one per county (sized by the hospitals there), and above
LINE_CAP leader-member lines the lines are grouped per pair of counties and drawn on demand (for
the county under the pointer): a national graph of 100k hospitals stays a few thousand marks.
"""
from __future__ import annotations

import heapq
import html
import json
import math
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx

from . import geodata
from .views import KINDS, _filtered  # the network views' kind / as-of filter, so both pages agree

POINT_CAP = 3000
LINE_CAP = 3000
KIND_COLOURS = ("#d62728", "#9467bd", "#8c564b", "#1f77b4", "#ff7f0e", "#17becf")  # in the order of KINDS
STATUS = {  # coverage status -> (colour, legend)
    2: ("#238b45", "与三级/省级医院相连"),
    1: ("#a1d99b", "在联盟中，未连三级医院"),
    0: ("#fcae91", "没有联盟"),
    -1: ("#d9d9d9", "非县级单位（不计入覆盖）"),
}


class Scope:
    """What a map shows: the whole country (code None), a province or a city."""

    def __init__(self, code: str | None):
        from yilian.loaders.regions import gazetteer

        self.gaz = gazetteer()
        if code is not None and (code not in self.gaz.regions or self.gaz.regions[code].level == "county"):
            raise KeyError(code)
        self.code = code
        self.region = self.gaz.regions.get(code) if code else None
        self.geometry = "china" if code is None else code[:2] + "0000"
        self._holds: dict[str, bool] = {}

    def holds(self, code: str) -> bool:
        """Whether a division (or a unit such as 430700-adj) lies inside the scope."""
        if self.code is None:
            return True
        answer = self._holds.get(code)
        if answer is None:
            plain = code.split("-")[0]
            answer = plain == self.code or any(r.code == self.code for r in self.gaz.lineage(plain)) or (
                self.region.level == "province" and plain[:2] == self.code[:2])
            self._holds[code] = answer
        return answer

    def zoom(self, code: str) -> str | None:
        """The map a click on a unit opens: its province from the national map, its city from a
        province's; None where only the region's network view is left."""
        plain = code.split("-")[0]
        if self.code is None:
            return plain[:2] + "0000"
        if self.region.level == "province":
            for r in self.gaz.lineage(plain):
                if r.level == "city" and r.code != self.code:
                    return r.code
        return None

    def counties(self) -> list[str]:
        """Counties counted for coverage: those of the gazetteer under the scope, as in `coverage`."""
        return sorted(c for c, r in self.gaz.regions.items() if r.level == "county" and (
            self.code is None or any(x.code == self.code for x in self.gaz.lineage(c))))

    def title(self) -> str:
        return "全国" if self.code is None else " ".join(r.name for r in self.gaz.lineage(self.code))


# -- placing hospitals ----------------------------------------------------------------------------------
class Anchors:
    """Where a region's hospitals are drawn: a county's centre; a city's urban districts (the
    mean of its 区, else of all its counties); a province's capital (its city coded xx01 by GB/T
    2260's convention); counties without a polygon use their city's adjusted area."""

    def __init__(self, gaz):
        self.gaz = gaz
        self.units = geodata.units()
        self._memo: dict[str, tuple[str, float, float, str] | None] = {}
        self._children: dict[str, list] = defaultdict(list)  # city or province -> its drawn units
        for u in self.units.values():
            if u.kind != "adjusted":
                self._children[u.province].append(u)
                parent = gaz.regions[u.code].parent if u.code in gaz.regions else None
                if parent and parent != u.province:
                    self._children[parent].append(u)

    def of(self, code: str) -> tuple[str, float, float, str] | None:
        """(anchor key, lon, lat, name) for a region code, or None when it cannot be placed."""
        if code not in self._memo:
            self._memo[code] = self._find(code)
        return self._memo[code]

    def _find(self, code: str):
        unit = self.units.get(code)
        if unit:
            return code, unit.lon, unit.lat, unit.name
        reg = self.gaz.regions.get(code)
        if reg is None:
            return None
        if reg.level == "county":
            adjusted = self.units.get(f"{reg.parent}-adj")
            if adjusted:
                return adjusted.code, adjusted.lon, adjusted.lat, f"{reg.name}（{adjusted.name}）"
            return self._mean(code, reg.parent, reg.name) if reg.parent else None
        if reg.level == "province":
            capital = code[:2] + "0100"
            if capital in self.gaz.regions and self.gaz.regions[capital].level == "city":
                return self._mean(code, capital, reg.name)
        return self._mean(code, code, reg.name)

    def _mean(self, key: str, parent: str, name: str):
        inside = self._children.get(parent, [])
        inside = [u for u in inside if u.name.endswith("区")] or inside
        if not inside:
            return None
        return key, sum(u.lon for u in inside) / len(inside), sum(u.lat for u in inside) / len(inside), name


def _spread(lon: float, lat: float, i: int) -> tuple[float, float]:
    """The i-th hospital at one place, on a sunflower spiral around it (golden angle), so points
    of one county neither overlap nor wander far."""
    r, a = 0.012 * math.sqrt(i), i * 2.399963
    return round(lon + r * math.cos(a), 4), round(lat + r * math.sin(a) * 0.8, 4)


def _evidence(edges, documents: dict) -> tuple[str, str] | None:
    for _, _, a in edges:
        for ev in a.get("evidence") or []:
            doc = documents.get(ev["document"], {})
            return ev["sentence"][:200], doc.get("title") or Path(doc.get("path") or ev["document"]).name
    return None


def _tip(lines: list[str], evidence: tuple[str, str] | None) -> str:
    out = [html.escape(x) for x in lines]
    if evidence:
        out.append(f"<div class='ev'>证据：{html.escape(evidence[0])}<br>来源：{html.escape(evidence[1])}</div>")
    return "<br>".join(out)


# -- the data of a map ------------------------------------------------------------------------------------
def map_data(g: nx.MultiDiGraph, documents: dict, code: str | None = None, *, kind: str | None = None,
             specialty: str | None = None, as_of: str | None = None) -> dict:
    """Everything the page draws, as plain JSON-ready data; KeyError for an unknown region."""
    from yilian.graph.analytics import covered_counties, partners

    scope = Scope(code)
    g = _filtered(g, kind, as_of)
    if specialty:
        g = g.copy()
        g.remove_nodes_from([n for n, a in g.nodes(data=True) if a["label"] == "Alliance" and a.get("specialty") != specialty])
    adj = partners(g)
    in_alliance, linked = covered_counties(g, adj)
    degree = lambda h: len(adj.get(h, ()))  # noqa: E731
    counties = scope.counties()
    counts = {"counties": len(counties), "in_alliance": sum(c in in_alliance for c in counties),
              "linked": sum(c in linked for c in counties),
              "none": sum(c not in in_alliance and c not in linked for c in counties)}

    units = [u for u in geodata.units().values() if u.province == scope.geometry or scope.code is None]
    units = [u for u in units if scope.holds(u.code)]
    status = lambda c: 2 if c in linked else 1 if c in in_alliance else 0  # noqa: E731
    unit_rows = [[u.code, u.name, status(u.code) if u.kind == "county" else -1] for u in units]

    # Hospitals: where each is drawn, its partners (degree) and a sentence that shows it.
    anchors = Anchors(scope.gaz)
    placed: dict[str, tuple[str, float, float, str]] = {}
    unplaced = 0
    for h, a in g.nodes(data=True):
        if a["label"] != "Hospital":
            continue
        where = None
        for r, keys in g.succ[h].items():  # adjacency dicts, not edge views: 10^5 hospitals
            if any(e["type"] == "LOCATED_IN" for e in keys.values()) and g.nodes[r].get("code"):
                where = anchors.of(g.nodes[r]["code"])
                if where:
                    break
        if where:
            placed[h] = where
        else:
            unplaced += 1
    shown = [h for h, w in placed.items() if scope.holds(w[0])]
    aggregate = len(shown) > POINT_CAP
    points = []
    if aggregate:
        members: dict[str, list[str]] = defaultdict(list)
        for h in shown:
            members[placed[h][0]].append(h)
        for key, hs in sorted(members.items()):
            _, lon, lat, name = placed[hs[0]]
            top = heapq.nsmallest(3, hs, key=lambda h: (-degree(h), g.nodes[h]["name"]))
            ev = _evidence([e for e in g.out_edges(top[0], data=True) if e[2]["type"] in ("LEADS", "JOINS")], documents)
            lines = [f"{name}：{len(hs)} 家医院", "联系最多：" + "、".join(g.nodes[h]["name"] for h in top)]
            points.append([round(lon, 4), round(lat, 4), round(4 + min(26, math.sqrt(len(hs)) * 1.5), 1), key,
                           _tip(lines, ev), key])
    else:
        seen_at: Counter = Counter()
        for h in sorted(shown, key=lambda h: (-degree(h), h)):
            key, lon, lat, name = placed[h]
            x, y = _spread(lon, lat, seen_at[key])
            seen_at[key] += 1
            a = g.nodes[h]
            out = list(g.out_edges(h, data=True))
            ev = _evidence([e for e in out if e[2]["type"] in ("LEADS", "JOINS", "SIGNS")] +
                           [e for e in out if e[2]["type"] == "LOCATED_IN"], documents)
            lines = [a["name"], f"地区：{name}", f"伙伴医院：{degree(h)}"]
            points.append([x, y, round(5 + min(20, math.sqrt(degree(h)) * 3), 1), key, _tip(lines, ev), h])

    # Alliances: a line from the leader to each member, by kind.
    position = {row[5]: (row[0], row[1]) for row in points} if not aggregate else {}
    raw = []
    for al, a in g.nodes(data=True):
        if a["label"] != "Alliance":
            continue
        ins = [(u, al, e) for u, keys in g.pred[al].items() for e in keys.values()]
        leaders = [u for u, _, e in ins if e["type"] == "LEADS" and u in placed]
        if not leaders:
            continue
        k = KINDS.index(a["kind"]) if a.get("kind") in KINDS else 0
        for u, _, e in ins:
            if e["type"] == "JOINS" and u in placed and u not in leaders:
                if scope.holds(placed[leaders[0]][0]) or scope.holds(placed[u][0]):
                    raw.append((leaders[0], u, al, k, e))
    by_pair = len(raw) > LINE_CAP
    lines_out = []
    if by_pair:
        pairs: Counter = Counter((placed[s][0], placed[t][0], k) for s, t, _, k, _ in raw if placed[s][0] != placed[t][0])
        keys = sorted({x for s, t, _ in pairs for x in (s, t)})
        index = {x: i for i, x in enumerate(keys)}
        at = {key: (lon, lat) for key, lon, lat, _ in placed.values()}
        ends = [[round(at[x][0], 4), round(at[x][1], 4)] for x in keys]
        lines_out = [[index[s], index[t], k, n] for (s, t, k), n in sorted(pairs.items())]
        pair_ends = {"keys": keys, "at": ends}
    else:
        pair_ends = None
        for s, t, al, k, e in raw:
            x0, y0 = position.get(s) or placed[s][1:3]
            x1, y1 = position.get(t) or placed[t][1:3]
            ev = _evidence([(t, al, e)], documents)
            tip = _tip([g.nodes[al]["name"], f"{g.nodes[al].get('kind') or ''} · 牵头：{g.nodes[s]['name']}",
                        f"成员：{g.nodes[t]['name']}"], ev)
            lines_out.append([round(x0, 4), round(y0, 4), round(x1, 4), round(y1, 4), k, tip, al])

    notes = []
    if aggregate:
        notes.append(f"{len(shown):,} 家医院按县汇总为 {len(points):,} 个点（超过 {POINT_CAP:,} 家）。")
    if by_pair:
        notes.append(f"{len(raw):,} 条牵头—成员连线按县对汇总为 {len(lines_out):,} 条，指向县区时显示。")
    if unplaced:
        notes.append(f"{unplaced} 家医院没有可定位的地区，未画出。")
    return {"scope": {"code": scope.code, "title": scope.title(), "level": scope.region.level if scope.region else "country"},
            "geometry": scope.geometry, "units": unit_rows, "counts": counts, "points": points,
            "zoom": {key: scope.zoom(key) for key in {u[0] for u in unit_rows} | {p[3] for p in points}},
            "aggregate": aggregate, "lines": lines_out, "by_pair": by_pair, "pair_ends": pair_ends,
            "hospitals": len(shown), "note": " ".join(notes),
            "kinds": list(KINDS), "kind_colours": list(KIND_COLOURS),
            "status": {str(k): v for k, v in STATUS.items()}}


# -- the page -------------------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title} · 地图 · yilian</title>
{assets}
<style>
 body {{ margin: 0; font-family: sans-serif; display: flex; flex-direction: column; height: 100vh; }}
 header {{ padding: 6px 12px; background: #f4f4f4; border-bottom: 1px solid #ddd; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; font-size: 14px; }}
 header h1 {{ font-size: 16px; margin: 0 12px 0 0; }}
 #map {{ flex: 1; min-height: 400px; }}
 #legend {{ position: absolute; right: 10px; top: 64px; background: rgba(255,255,255,.94); border: 1px solid #ccc; padding: 6px 10px; font-size: 12px; z-index: 5; line-height: 1.6; }}
 #legend span.sw {{ display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }}
 #note {{ color: #a33; font-size: 13px; }}
 .yilian-tip {{ max-width: 420px; white-space: normal !important; font-size: 12px; }}
 .yilian-tip .ev {{ color: #444; margin-top: 4px; border-top: 1px solid #ddd; padding-top: 4px; }}
</style></head>
<body data-rendered="0">
<header>
 <h1><a href="{home}">yilian</a> · 地图 · {title}</h1>
 <nav id="crumbs">{crumbs}</nav>
 <form id="filters" method="get">
  <label>联盟类型 <select name="kind"><option value="">全部</option>{kind_options}</select></label>
  <label>专科 <input name="specialty" size="6" value="{specialty}"></label>
  <label>截至 <input type="date" name="as_of" value="{as_of}"></label>
  <button type="submit" {disabled}>筛选</button>
 </form>
 <label><input type="checkbox" id="all-lines"> 全部连线</label>
 <span id="note">{note}</span>
</header>
<div id="map"></div>
<div id="legend">{legend}</div>
<script>
const DATA = {data};
const GEO = {geo};
const LINKS = {links};
(async function () {{
  const geo = typeof GEO === "string" ? await (await fetch(GEO)).json() : GEO;
  const wanted = new Set(DATA.units.map(u => u[0]));
  geo.features = geo.features.filter(f => wanted.has(f.properties.name));
  echarts.registerMap("yilian", geo);
  const unitName = Object.fromEntries(DATA.units.map(u => [u[0], u]));
  const chart = echarts.init(document.getElementById("map"), null, {{renderer: "canvas"}});
  window.yilianMap = chart;
  const kindColour = k => DATA.kind_colours[k] || "#888";
  let lineData;
  if (DATA.by_pair) {{
    const at = DATA.pair_ends.at;
    lineData = DATA.lines.map(l => ({{coords: [at[l[0]], at[l[1]]], ends: [DATA.pair_ends.keys[l[0]], DATA.pair_ends.keys[l[1]]],
      lineStyle: {{color: kindColour(l[2]), width: Math.min(6, 0.6 + Math.log2(l[3]))}},
      tip: `${{DATA.kinds[l[2]]}}：${{l[3]}} 条牵头—成员连线`}}));
  }} else {{
    lineData = DATA.lines.map(l => ({{coords: [[l[0], l[1]], [l[2], l[3]]], lineStyle: {{color: kindColour(l[4])}}, tip: l[5], href: l[6]}}));
  }}
  const points = DATA.points.map(p => ({{value: [p[0], p[1], p[2]], tip: p[4], key: p[3], id: p[5]}}));
  chart.on("finished", () => {{ document.body.dataset.rendered = "1"; }});
  const regions = DATA.units.map(u => ({{name: u[0], itemStyle: {{areaColor: DATA.status[u[2]][0]}}}}));
  chart.setOption({{
    animation: false,
    tooltip: {{trigger: "item", className: "yilian-tip", confine: true, formatter: (p) => {{
      if (p.componentType === "geo" || p.seriesType === "map") {{
        const u = unitName[p.name]; return u ? `${{u[1]}}<br>${{DATA.status[u[2]][1]}}` : p.name; }}
      return p.data && p.data.tip || ""; }} }},
    geo: {{map: "yilian", roam: true, tooltip: {{show: true}}, regions, selectedMode: false,
      itemStyle: {{borderColor: "#ffffff", borderWidth: 0.4, areaColor: "#eeeeee"}},
      emphasis: {{itemStyle: {{areaColor: "#ffd54f"}}, label: {{show: false}}}}, label: {{show: false}}}},
    series: [
      {{id: "lines", type: "lines", coordinateSystem: "geo", data: DATA.by_pair ? [] : lineData, z: 3,
        lineStyle: {{width: 1.2, opacity: 0.7}}, emphasis: {{lineStyle: {{width: 3, opacity: 1}}}}}},
      {{id: "points", type: "scatter", coordinateSystem: "geo", data: points, z: 4, symbolSize: v => v[2],
        itemStyle: {{color: DATA.aggregate ? "#08519c" : "#2b7bb9", borderColor: "#ffffff", borderWidth: 0.6, opacity: 0.9}},
        emphasis: {{scale: 1.4}}}},
    ],
  }});
  // Lines on demand: those of the county under the pointer (grouped mode), or every line.
  const showLines = (key) => {{
    const data = document.getElementById("all-lines").checked ? lineData : key ? lineData.filter(l => l.ends.includes(key)) : [];
    chart.setOption({{series: [{{id: "lines", data}}]}});
  }};
  if (DATA.by_pair) {{
    chart.on("mouseover", (p) => showLines(p.componentType === "geo" ? p.name : p.data && p.data.key));
    document.getElementById("all-lines").addEventListener("change", () => showLines(null));
  }} else {{
    document.getElementById("all-lines").checked = true;
    document.getElementById("all-lines").disabled = true;
  }}
  chart.on("click", (p) => {{
    if (!LINKS) return;
    if (p.seriesId === "points" && !DATA.aggregate) location.href = LINKS.hospital + p.data.id;
    else if (p.seriesId === "lines" && p.data.href) location.href = LINKS.alliance + p.data.href;
    else if (p.componentType === "geo" || p.seriesId === "points") {{
      const code = p.componentType === "geo" ? p.name : p.data.key;
      const next = DATA.zoom[code];
      location.href = next ? LINKS.map + next : LINKS.region + code.split("-")[0];
    }}
  }});
  window.addEventListener("resize", () => chart.resize());
}})();
</script>
</body></html>
"""


def map_page(g: nx.MultiDiGraph, documents: dict, code: str | None = None, *, kind: str | None = None,
             specialty: str | None = None, as_of: str | None = None, inline: bool = False, home: str = "/") -> str:
    """The map page; inline: one self-contained file (ECharts and the geometry inside, no links
    back to a server). KeyError for an unknown region."""
    data = map_data(g, documents, code, kind=kind, specialty=specialty, as_of=as_of)
    if inline:
        assets = f"<script>{geodata.echarts_js()}</script>"
        geo = geodata.geometry(data["geometry"])
        links = "null"
    else:
        assets = f'<script src="{home}map/static/echarts.min.js"></script>'
        geo = json.dumps(f"{home}map/geo/{data['geometry']}.json")
        links = json.dumps({"hospital": f"{home}views/hospital/", "alliance": f"{home}views/alliance/",
                            "region": f"{home}views/region/", "map": f"{home}map/"})
    c = data["counts"]
    legend = (f"<b>县级区划覆盖</b>（共 <span id='n-counties'>{c['counties']}</span> 个）<br>"
              f"在至少一个联盟中：<b id='n-alliance'>{c['in_alliance']}</b><br>"
              f"与三级/省级医院相连：<b id='n-linked'>{c['linked']}</b><br>"
              f"两者皆无：<b id='n-none'>{c['none']}</b><br>"
              + "".join(f"<span class='sw' style='background:{colour}'></span>{label}<br>" for colour, label in STATUS.values())
              + f"<b>医院</b> {data['hospitals']:,}（点的大小：{'该县医院数' if data['aggregate'] else '伙伴医院数'}）<br>"
              + "<b>联盟连线</b>（牵头 → 成员）<br>"
              + "".join(f"<span class='sw' style='background:{KIND_COLOURS[i]};height:3px'></span>{k}<br>" for i, k in enumerate(KINDS)))
    crumbs = [f"<a href='{home}map'>全国</a>"] if not inline else ["全国"]
    if code:
        from yilian.loaders.regions import gazetteer

        for r in gazetteer().lineage(code):
            crumbs.append(f"<a href='{home}map/{r.code}'>{html.escape(r.name)}</a>" if not inline else html.escape(r.name))
    safe = lambda x: json.dumps(x, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")  # noqa: E731
    return PAGE.format(title=html.escape(data["scope"]["title"]), assets=assets, home=home, crumbs=" › ".join(crumbs),
                       kind_options="".join(f'<option value="{k}"{" selected" if k == kind else ""}>{k}</option>' for k in KINDS),
                       specialty=html.escape(specialty or ""), as_of=html.escape(as_of or ""),
                       disabled="disabled title='需要服务器'" if inline else "", note=html.escape(data["note"]), legend=legend,
                       data=safe(data), geo=geo.replace("</", "<\\/"), links=links)

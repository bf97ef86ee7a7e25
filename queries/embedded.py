"""The named queries over the embedded store's networkx graph: one function per
`cypher/<name>.cypher`, same parameters, same rows (the contract tests compare them)."""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from yilian.graph.model import EVIDENCE_SAMPLE

ALLIANCE_EDGES = ("LEADS", "JOINS")


def _evidence(attrs: dict) -> list[dict]:
    """The sample Neo4j keeps on an edge: its first pairs in (document, sentence) order, the
    order the embedded store keeps them in."""
    return list(attrs.get("evidence", [])[:EVIDENCE_SAMPLE])


def _out(g: nx.MultiDiGraph, node: str, types: tuple[str, ...]):
    for _, target, attrs in g.out_edges(node, data=True):
        if attrs["type"] in types:
            yield target, attrs


def _in(g: nx.MultiDiGraph, node: str, types: tuple[str, ...]):
    for source, _, attrs in g.in_edges(node, data=True):
        if attrs["type"] in types:
            yield source, attrs


def _under(g: nx.MultiDiGraph, node: str, code: str) -> bool:
    """Whether a hospital is located in the region `code` or below it."""
    for region, _ in _out(g, node, ("LOCATED_IN",)):
        frontier = [region]
        for _ in range(4):
            if any(g.nodes[r].get("code") == code for r in frontier):
                return True
            frontier = [p for r in frontier for p, _ in _out(g, r, ("PART_OF",))]
    return False


def _label(g, node, label) -> bool:
    return node in g and g.nodes[node]["label"] == label


def _hospital_bigrams(g: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Character bigrams of every hospital spelling -> hospital ids, cached per graph version:
    without it each search scans every node (half a second at a million nodes)."""
    cached = g.graph.get("hospital_bigrams")
    if cached and cached[0] == g.graph.get("version"):
        return cached[1]
    index: dict[str, set[str]] = defaultdict(set)
    for n, a in g.nodes(data=True):
        if a["label"] == "Hospital":
            for name in (a["name"], *a.get("aliases", [])):
                for i in range(len(name) - 1):
                    index[name[i : i + 2]].add(n)
    g.graph["hospital_bigrams"] = (g.graph.get("version"), index)
    return index


def hospital_search(g, docs, q, limit):
    if len(q) >= 2:
        index = _hospital_bigrams(g)
        sets = sorted((index.get(q[i : i + 2], set()) for i in range(len(q) - 1)), key=len)
        candidates = set.intersection(*sets) if sets[0] else set()
        nodes = ((n, g.nodes[n]) for n in sorted(candidates))
    else:
        nodes = g.nodes(data=True)
    hits = []
    for n, a in nodes:
        if a["label"] == "Hospital" and (q in a["name"] or any(q in x for x in a.get("aliases", []))):
            rank = 0 if q == a["name"] or q in a.get("aliases", []) else 1
            hits.append(((rank, len(a["name"]), n), {"id": n, "name": a["name"], "aliases": a.get("aliases", []), "kind": a.get("kind")}))
    return [row for _, row in sorted(hits, key=lambda h: h[0])[:limit]]


def hospital_detail(g, docs, id):
    if not _label(g, id, "Hospital"):
        return []
    a = g.nodes[id]
    regions = [r for r, _ in _out(g, id, ("LOCATED_IN",))] or [None]
    return [{"id": id, "name": a["name"], "aliases": a.get("aliases", []), "kind": a.get("kind"),
             "documents": a.get("documents", []), "region": g.nodes[r]["name"] if r else None,
             "region_code": g.nodes[r].get("code") if r else None} for r in regions]


def partners(g, docs, id, kind, specialty, region, as_of):
    if not _label(g, id, "Hospital"):
        return []
    rows = []
    for alliance, r1 in _out(g, id, ALLIANCE_EDGES):
        a = g.nodes[alliance]
        if kind is not None and a.get("kind") != kind:
            continue
        if specialty is not None and specialty not in (a.get("specialty") or ""):
            continue
        if as_of is not None and a.get("founded") and a["founded"] > as_of:
            continue
        for partner, r2 in _in(g, alliance, ALLIANCE_EDGES):
            if partner == id or not _label(g, partner, "Hospital"):
                continue
            if region is not None and not _under(g, partner, region):
                continue
            rows.append({"partner_id": partner, "partner": g.nodes[partner]["name"], "via": "alliance",
                         "alliance_id": alliance, "alliance": a["name"], "kind": a.get("kind"),
                         "specialty": a.get("specialty"), "date": None, "evidence": _evidence(r2) + _evidence(r1)})
    if kind is None and specialty is None:
        signs = [(t, a) for t, a in _out(g, id, ("SIGNS",))] + [(s, a) for s, a in _in(g, id, ("SIGNS",))]
        for partner, s in signs:
            if partner == id or (as_of is not None and s.get("date") and s["date"] > as_of):
                continue
            if region is not None and not _under(g, partner, region):
                continue
            rows.append({"partner_id": partner, "partner": g.nodes[partner]["name"], "via": "signs", "alliance_id": None,
                         "alliance": None, "kind": None, "specialty": None, "date": s.get("date"), "evidence": _evidence(s)})
    return rows


def alliances_of_hospital(g, docs, id):
    if not _label(g, id, "Hospital"):
        return []
    return [{"alliance_id": a, "alliance": g.nodes[a]["name"], "kind": g.nodes[a].get("kind"),
             "specialty": g.nodes[a].get("specialty"), "relation": r["type"], "role": r.get("role")}
            for a, r in _out(g, id, ALLIANCE_EDGES)]


def alliance_members(g, docs, id):
    if not _label(g, id, "Alliance"):
        return []
    return [{"hospital_id": h, "hospital": g.nodes[h]["name"], "relation": r["type"], "role": r.get("role"),
             "evidence_count": len(r.get("evidence", [])), "evidence": _evidence(r)} for h, r in _in(g, id, ALLIANCE_EDGES)]


def alliances_in_region(g, docs, code):
    seen = {}
    for n, a in g.nodes(data=True):
        if a["label"] == "Hospital" and _under(g, n, code):
            for alliance, _ in _out(g, n, ALLIANCE_EDGES):
                al = g.nodes[alliance]
                seen[alliance] = {"alliance_id": alliance, "alliance": al["name"], "kind": al.get("kind"),
                                  "specialty": al.get("specialty")}
    return list(seen.values())


def people_of_organization(g, docs, id):
    if id not in g:
        return []
    return [{"person_id": p, "person": g.nodes[p]["name"], "title": r.get("title")}
            for p, r in _in(g, id, ("HOLDS",)) if g.nodes[p]["label"] == "Person"]


def shortest_connection(g, docs, **params):
    a, b = params["from"], params["to"]
    if not (_label(g, a, "Hospital") and _label(g, b, "Hospital")):
        return []
    view = nx.Graph()
    view.add_edges_from((u, v) for u, v, t in g.edges(data="type") if t in ("LEADS", "JOINS", "SIGNS"))
    if a not in view or b not in view or not nx.has_path(view, a, b):
        return []
    path = nx.shortest_path(view, a, b)
    if len(path) - 1 > 12:
        return []
    return [{"length": len(path) - 1, "path": [g.nodes[n]["name"] for n in path]}]


def recent_activity(g, docs, limit, since):
    rows = []
    for doc_id, d in docs.items():
        if since is not None and not (d.get("published") and d["published"] >= since):
            continue
        publisher = g.nodes[d["publisher"]]["name"] if d.get("publisher") in g else None
        rows.append({"document": doc_id, "title": d.get("title"), "published": d.get("published"), "publisher": publisher})
    # Cypher's DESC order puts missing dates first.
    rows.sort(key=lambda r: r["document"])
    rows.sort(key=lambda r: (r["published"] is not None, r["published"] or ""), reverse=True)
    rows = sorted(rows, key=lambda r: r["published"] is not None)
    return rows[:limit]


def alliance_list(g, docs, kind, limit):
    rows = []
    for n, a in g.nodes(data=True):
        if a["label"] != "Alliance" or (kind is not None and a.get("kind") != kind):
            continue
        rows.append({"id": n, "name": a["name"], "kind": a.get("kind"), "specialty": a.get("specialty"),
                     "founded": a.get("founded"), "member_count": a.get("member_count"),
                     "leaders": sorted(g.nodes[h]["name"] for h, _ in _in(g, n, ("LEADS",))),
                     "members": sum(1 for _ in _in(g, n, ("JOINS",)))})
    return sorted(rows, key=lambda r: (r["name"], r["id"]))[:limit]

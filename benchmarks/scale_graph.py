"""Synthetic DocumentGraphs for store benchmarks: a province-like population of hospitals,
alliances, commissions and officials at any size, without extraction in the way.

Each document announces one alliance (a leader and 8-25 members, about a third of them
already in other alliances, so merges hit existing nodes), the members' county and its
commission with a few officials; one in four also carries a signed agreement.
"""
from __future__ import annotations

import random
from collections.abc import Iterator

from yilian.graph.model import DocumentGraph, DocumentMeta, Edge, Node, node_id

KINDS = ["医联体", "紧密型医联体", "城市医疗集团", "医共体", "专科联盟", "远程医疗协作网"]
SPECIALTIES = ["儿科", "心血管", "呼吸", "眼科", "口腔", "卒中", "肿瘤", "麻醉"]


def _node(label: str, key: str, name: str, **props) -> Node:
    return Node(node_id(label, key), label, name, [], props)


def documents(nodes: int, seed: int = 1) -> Iterator[DocumentGraph]:
    """Documents until the merged graph holds about `nodes` nodes."""
    rng = random.Random(seed)
    province = _node("Region", "P", "某省", level="province", code="990000")
    n_counties = max(10, nodes // 400)
    cities = [_node("Region", f"C{c}", f"第{c}市", level="city", code=f"98{c:02d}00") for c in range(max(1, n_counties // 10))]
    counties = [_node("Region", f"K{k}", f"第{k}县", level="county", code=f"97{k:04d}") for k in range(n_counties)]
    up = {c.id: province for c in cities} | {k.id: cities[i % len(cities)] for i, k in enumerate(counties)}
    hospitals: list[tuple[Node, Node]] = []  # (hospital, its county)
    seen: set[str] = set()
    doc = 0
    while len(seen) < nodes:
        doc += 1
        county, leader_county = rng.choice(counties), rng.choice(counties)
        kind = rng.choice(KINDS)
        founded = f"20{rng.randint(15, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        leader = _node("Hospital", f"L{doc}", f"{leader_county.name}第{doc}人民医院", kind="综合")
        alliance = _node("Alliance", f"A{doc}", f"{leader.name}{kind}", kind=kind, founded=founded,
                         specialty=rng.choice(SPECIALTIES) if kind == "专科联盟" else None)
        members = []
        for m in range(rng.randint(8, 25)):
            if hospitals and rng.random() < 0.35:
                members.append(rng.choice(hospitals))
            else:
                members.append((_node("Hospital", f"H{doc}-{m}", f"{county.name}第{doc}-{m}卫生院", kind="基层"), county))
                hospitals.append(members[-1])
        commission = _node("Organization", f"O{county.id}", f"{county.name}卫生健康委员会")
        officials = [_node("Person", f"P{doc}-{i}", f"官员{doc}乙{i}") for i in range(rng.randint(1, 4))]
        out = {n.id: n for n in [leader, alliance, commission, *officials, *(h for h, _ in members)]}
        edges = [Edge("LEADS", leader.id, alliance.id, f"{leader.name}牵头成立{alliance.name}。"),
                 Edge("LOCATED_IN", leader.id, leader_county.id, f"{leader.name}位于{leader_county.name}。"),
                 Edge("LOCATED_IN", commission.id, county.id, f"{commission.name}出席。")]
        for h, c in members:
            edges.append(Edge("JOINS", h.id, alliance.id, f"{h.name}加入{alliance.name}。", {"role": "成员单位"}))
            edges.append(Edge("LOCATED_IN", h.id, c.id, f"{h.name}地处{c.name}。"))
        for p in officials:
            edges.append(Edge("HOLDS", p.id, commission.id, f"{commission.name}副主任{p.name}致辞。", {"title": "副主任"}))
        if rng.random() < 0.25 and len(hospitals) > 2:
            other = rng.choice(hospitals)[0]
            out[other.id] = other
            edges.append(Edge("SIGNS", leader.id, other.id, f"{leader.name}与{other.name}签约。", {"date": founded}))
        for region in {r.id: r for r in [county, leader_county, *(c for _, c in members)]}.values():
            while region.id in up:
                out[region.id] = region
                edges.append(Edge("PART_OF", region.id, up[region.id].id))
                region = up[region.id]
            out[region.id] = region
        seen.update(out)
        yield DocumentGraph(DocumentMeta(f"synthetic-{seed}-{doc:07d}", f"synthetic/{doc:07d}.txt", alliance.name,
                                         founded, leader.id), list(out.values()), edges)


def rows(graph: DocumentGraph) -> int:
    """Rows a store writes for a document: one per node and one per edge."""
    return len(graph.nodes) + len(graph.edges)

"""The extraction pipeline: a list of small components over one Doc, then the Doc's
findings as a DocumentGraph (nodes and edges with evidence).

To add a component, write `def component(doc: Doc) -> None` and put it in COMPONENTS as a
Stage with what it requires and assigns; tests/test_pipeline.py checks the order.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from yilian.graph.model import DocumentGraph, DocumentMeta, Edge, Node
from yilian.graph.model import node_id as _node_id

from .alliance_model import spec_norm
from .alliance_roles import _venue
from .alliances import find_alliances
from .dates import dates_in, doc_dates, event_dates, nearest_event_date
from .doc import Doc, Span
from .entities import find_institutions
from .frames import apply_frames
from .people import find_people
from .publisher import find_publisher
from .read import read_document
from .regions import gazetteer
from .resolve import resolve



@dataclass(frozen=True)
class Stage:
    """A component with what it reads and writes on the Doc (spaCy's `requires`/`assigns`),
    so the order of COMPONENTS can be checked (`analyze`) rather than trusted."""
    name: str
    func: Callable[[Doc], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Doc) -> None:
        self.func(doc)


# What read_document fills before any stage runs.
READ_ASSIGNS = ("doc.text", "doc.title", "doc.published", "doc.source", "doc.footer", "doc.masthead")

COMPONENTS: list[Stage] = [
    Stage("institutions", find_institutions, ("doc.text",), ("spans.institutions",)),
    Stage("people", find_people, ("doc.text", "spans.institutions"), ("spans.people",)),
    Stage("resolve", resolve, ("spans.institutions", "doc.masthead", "doc.footer"), ("doc.entities", "span.key", "doc.branches")),
    Stage("publisher", find_publisher, ("doc.entities", "span.key", "doc.masthead", "doc.footer", "doc.source"), ("doc.publisher",)),
    Stage("alliances", find_alliances, ("doc.entities", "span.key", "doc.publisher", "doc.published"), ("doc.alliances",)),
    Stage("frames", apply_frames, ("doc.alliances", "doc.entities", "span.key", "doc.publisher", "doc.branches"), ("doc.frames",)),
]
# to_graph reads the findings of every stage.
TO_GRAPH_REQUIRES = ("doc.entities", "spans.people", "doc.publisher", "doc.alliances", "doc.frames", "doc.published")


def analyze(stages: list[Stage] = COMPONENTS, final: tuple[str, ...] = TO_GRAPH_REQUIRES) -> list[str]:
    """Problems with the stage order, as spaCy's analyze_pipes finds them: a requirement no
    earlier stage assigns, and names used twice. Empty when the order is sound."""
    problems = []
    assigned = set(READ_ASSIGNS)
    names: set[str] = set()
    for stage in stages:
        if stage.name in names:
            problems.append(f"{stage.name}: name used twice")
        names.add(stage.name)
        problems += [f"{stage.name} requires {r}, which no earlier stage assigns" for r in stage.requires if r not in assigned]
        assigned.update(stage.assigns)
    problems += [f"to_graph requires {r}, which no stage assigns" for r in final if r not in assigned]
    return problems

_SIGN = re.compile(r"签约|签署|签订")
_HOSPITAL_KIND = [("口腔", "口腔"), ("中医", "中医"), ("中西医", "中西医结合"), ("妇幼", "妇幼"), ("儿童", "儿童"),
                  ("肿瘤", "专科"), ("精神", "专科"), ("眼科", "专科"), ("卫生院", "基层"), ("社区卫生服务", "基层")]


def extract_file(path: Path) -> DocumentGraph:
    doc = read_document(path)
    for component in COMPONENTS:
        component(doc)
    return to_graph(doc)


# A hash per call, and the same entities and regions come back in document after document.
node_id = lru_cache(maxsize=65536)(_node_id)


def _hospital_kind(name: str) -> str:
    return next((kind for word, kind in _HOSPITAL_KIND if word in name), "综合")


def to_graph(doc: Doc) -> DocumentGraph:
    text = doc.value
    gaz = gazetteer()
    nodes: dict[str, Node] = {}
    edges: dict[tuple, Edge] = {}
    ids: dict[str, str] = {}

    def add_edge(edge: Edge) -> None:
        edges.setdefault(edge.key, edge)

    first_span: dict[str, Span] = {}  # entity key -> its first mention, the evidence
    for sp in doc.spans:
        if "key" in sp.attrs:
            first_span.setdefault(sp.attrs["key"], sp)
    linked: set[str] = set()  # regions whose lineage is in the graph already
    for ent in doc.entities.values():
        ids[ent.key] = node_id(ent.label, ent.key)
        props = {"kind": _hospital_kind(ent.name)} if ent.label == "Hospital" else {}
        nodes[ids[ent.key]] = Node(ids[ent.key], ent.label, ent.name, sorted(ent.aliases - {ent.name}), props)
        if ent.region:
            if ent.region not in linked:
                linked.add(ent.region)
                lineage = gaz.lineage(ent.region)
                for i, reg in enumerate(lineage):
                    rid = node_id("Region", reg.code)
                    nodes.setdefault(rid, Node(rid, "Region", reg.name, [], {"level": reg.level, "code": reg.code}))
                    if i:
                        add_edge(Edge("PART_OF", rid, node_id("Region", lineage[i - 1].code), None, {"rule": "part_of.gazetteer"}))
            first = first_span.get(ent.key)
            evidence = text[slice(*doc.sentence_of(first.start))] if first else ent.name
            # Named in the institution's own name, or completed from the document's region.
            region_name = gaz.lineage(ent.region)[-1].name
            rule = "located.name" if region_name[:2] in ent.name else "located.document"
            add_edge(Edge("LOCATED_IN", ids[ent.key], node_id("Region", ent.region), evidence, {"rule": rule}))

    # People: one node per name; posts from the strongest evidence the document gives.
    people = person_posts(doc)
    for name, strong in people.items():
        strong = [p for p in strong if p[0] in ids]
        if not strong:
            continue
        orgs = sorted({p[0] for p in strong})
        pid = node_id("Person", f"{name}@{orgs[0]}")
        nodes[pid] = Node(pid, "Person", name)
        seen = set()
        for key, title, _, span in strong:
            if key in seen:
                continue
            seen.add(key)
            add_edge(Edge("HOLDS", pid, ids[key], text[slice(*doc.sentence_of(span.start))], {"title": title, "rule": "holds.title"}))

    for a in doc.alliances:
        anchor = a.leader or a.region or a.name
        aid = node_id("Alliance", f"{a.family}|{spec_norm(a.specialty)}|{anchor}")
        nodes[aid] = Node(aid, "Alliance", a.name, [], {
            "kind": a.kind, "specialty": a.specialty, "founded": a.founded.isoformat() if a.founded else None,
            "member_count": a.member_count})
        if a.leader in ids:
            add_edge(Edge("LEADS", ids[a.leader], aid, a.leader_evidence, {"rule": a.leader_rule or "leads.cue"}))
        for key, (role, evidence) in a.members.items():
            if key in ids:
                add_edge(Edge("JOINS", ids[key], aid, evidence, {"role": role, "rule": a.member_rules.get(key, "joins.cue")}))

    _signs(doc, ids, add_edge, people)
    publisher = ids.get(doc.publisher) if doc.publisher else None
    meta = DocumentMeta(doc.id, str(doc.path), doc.title, doc.published.isoformat() if doc.published else None, publisher)
    return DocumentGraph(meta, list(nodes.values()), list(edges.values()))


def person_posts(doc: Doc) -> dict[str, list]:
    """name -> [(institution key, title, strength, span)], strong posts when there are any."""
    people: dict[str, list] = {}
    for span in doc.spans:
        if span.label == "Person":
            for inst, title, strength in span.attrs.get("posts", []):
                key = doc.publisher if inst == "SELF" or inst.label == "Self" else inst.attrs.get("key")
                if key:
                    people.setdefault(span.text, []).append((key, title, strength, span))
    return {name: [p for p in posts if p[2] == "strong"] or posts for name, posts in people.items()}


def _signs(doc: Doc, ids: dict[str, str], add_edge, posts: dict[str, list]) -> None:
    """SIGNS edges; `posts` is person_posts(doc)."""
    text = doc.value

    @cache
    def body_event_dates():
        return event_dates(text, None, doc.title_end, doc_dates(doc))

    def event_date(at: int):
        # The title's signing happened on the body's first event date; a body sentence's on
        # the event date stated last before it (the page stamp is no event).
        return nearest_event_date(body_event_dates(), max(at, doc.title_end))

    signed: dict[tuple[str, str], tuple[bool, Edge]] = {}

    def sign(k1: str, k2: str, sent: str, when, rule: str, stated: bool = True) -> None:
        # SIGNS is symmetric: store it one way only, so every store sees the same edge.
        a, b = sorted((ids[k1], ids[k2]))
        edge = Edge("SIGNS", a, b, sent, {"date": when.isoformat() if when else None, "kind": "协议", "rule": rule})
        # A pair's first mention (often the title) may give no date; a later sentence that
        # states one gives the edge its date and evidence.
        if (a, b) not in signed or (stated and not signed[(a, b)][0]):
            signed[(a, b)] = (stated, edge)

    framed: set[tuple[int, int]] = set()
    for f in doc.frames:
        framed.add(f.sentence)
        if not f.signs or f.head not in ids:
            continue
        sent = text[slice(*f.sentence)]
        dates = [d for _, _, d in dates_in(doc, *f.sentence)]
        when = dates[0] if dates else event_date(f.sentence[0])
        for other in f.partners:
            if other in ids and other != f.head:
                sign(f.head, other, sent, when, f.rule, bool(dates))
    for s, e in doc.sentences:
        sent = text[s:e]
        if (s, e) in framed or not _SIGN.search(sent):
            continue
        keys: list[str] = []
        for span in sorted(doc.spans_in(s, e, "Hospital", "Self", "Person"), key=lambda x: x.start):
            if span.label != "Person" and _venue(text, span):
                continue
            if span.label == "Person":
                hospitals = [p[0] for p in posts.get(span.text, []) if p[0] in doc.entities and doc.entities[p[0]].label == "Hospital"]
                key = hospitals[-1] if hospitals else None
            else:
                key = doc.publisher if span.label == "Self" else span.attrs.get("key")
            if key and key in ids and doc.entities[key].label == "Hospital" and key not in keys:
                keys.append(key)
        if len(keys) < 2:
            continue
        if len(keys) > 2:
            # A list of hospitals signing: each signs with the one that leads, if known.
            leaders = [a.leader for a in doc.alliances if a.leader in keys]
            if not leaders:
                continue
            keys = [leaders[0]] + [k for k in keys if k != leaders[0]]
        dates = [d for _, _, d in dates_in(doc, s, e)]
        when = dates[0] if dates else event_date(s)
        for other in keys[1:]:
            sign(keys[0], other, sent, when, "signs.sentence", bool(dates))
    for _, edge in signed.values():
        add_edge(edge)

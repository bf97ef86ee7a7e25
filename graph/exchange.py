"""Moving a graph between stores and tools: JSON (lossless, re-importable), GraphML (Gephi),
CSV shaped for `neo4j-admin database import full` (the Neo4j store's own model).

All work from a store's `dump()`; import replays the dump one document at a time through
`Store.merge`, so provenance and canonical names come out as if the announcements had been
loaded into the target directly.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import networkx as nx

from .model import EVIDENCE_SAMPLE, DocumentGraph, DocumentMeta, Edge, Node
from .neo4j_rows import ALIASED, search_text
from .store import Store

ARRAY_DELIMITER = "\x1f"  # pass --array-delimiter=U+001F to neo4j-admin; sentences may contain ';'
_NODE_FIXED = ("id", "label", "name", "aliases", "documents")
_EDGE_FIXED = ("source", "target", "key", "type", "evidence")


def write_json(dump: dict, path: Path) -> None:
    path.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")


def write_graphml(dump: dict, path: Path) -> None:
    g = nx.MultiDiGraph()
    for n in dump["nodes"]:
        g.add_node(n["id"], **{k: _flat(v) for k, v in n.items() if k != "id" and v is not None})
    for e in dump["edges"]:
        attrs = {k: _flat(v) for k, v in e.items() if k not in ("source", "target", "key", "evidence") and v is not None}
        attrs["evidence"] = "\n".join(f"[{x['document']}] {x['sentence']}" for x in e.get("evidence", []))
        g.add_edge(e["source"], e["target"], key=e["key"], **attrs)
    nx.write_graphml(g, path)


def _typed(column: str, values: list) -> str:
    """A property column's neo4j-admin header: typed when every value is a number or a flag (the importer
    reads an untyped column as text, and member_count must stay a number)."""
    present = [v for v in values if v is not None and v != ""]
    for kind, test in (("boolean", lambda v: isinstance(v, bool)), ("long", lambda v: isinstance(v, int) and not isinstance(v, bool)),
                       ("double", lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))):
        if present and all(map(test, present)):
            return f"{column}:{kind}"
    return column


def _flat(value):
    return "；".join(map(str, value)) if isinstance(value, list) else value


def write_csv(dump: dict, folder: Path) -> list[Path]:
    """One CSV per label and relationship type, with neo4j-admin import headers, in the shape of
    the Neo4j store (schema 4, docs/graph-model.md): no provenance list on nodes, MENTIONS from
    each document to the nodes it names, the facts a document states on the document, and on an
    edge its evidence count with a sample."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    by_label = defaultdict(list)
    for n in dump["nodes"]:
        by_label[n["label"]].append(n)
    for label, nodes in sorted(by_label.items()):
        props = sorted({k for n in nodes for k in n if k not in _NODE_FIXED})
        path = folder / f"nodes_{label}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id:ID", "name", "aliases:string[]", "search_text",
                        *[_typed(p, [n.get(p) for n in nodes]) for p in props], ":LABEL"])
            for n in nodes:
                w.writerow([n["id"], n["name"], ARRAY_DELIMITER.join(n.get("aliases", [])),
                            search_text([n["name"], *n.get("aliases", [])]), *[n.get(p, "") for p in props],
                            ARRAY_DELIMITER.join([label, ALIASED] if n.get("aliases") else [label])])
        written.append(path)
    facts = defaultdict(list)
    for e in dump["edges"]:
        for x in e.get("evidence", []):
            facts[x["document"]].append((e["key"], x["sentence"]))
    path = folder / "nodes_Document.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id:ID", "path", "title", "published", "publisher", "facts:string[]", "sentences:string[]", ":LABEL"])
        for doc_id, d in dump["documents"].items():
            stated = sorted(facts.get(doc_id, []))
            w.writerow([doc_id, d.get("path") or "", d.get("title") or "", d.get("published") or "", d.get("publisher") or "",
                        ARRAY_DELIMITER.join(k for k, _ in stated), ARRAY_DELIMITER.join(s for _, s in stated), "Document"])
    written.append(path)
    path = folder / "relationships_MENTIONS.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([":START_ID", ":END_ID", ":TYPE"])
        for n in dump["nodes"]:
            for doc_id in n.get("documents", []):
                w.writerow([doc_id, n["id"], "MENTIONS"])
    written.append(path)
    by_type = defaultdict(list)
    for e in dump["edges"]:
        by_type[e["type"]].append(e)
    for etype, edges in sorted(by_type.items()):
        props = sorted({k for e in edges for k in e if k not in _EDGE_FIXED})
        path = folder / f"relationships_{etype}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow([":START_ID", ":END_ID", "key", "evidence_count:int", "evidence_documents:string[]",
                        "evidence_sentences:string[]", *[_typed(p, [e.get(p) for e in edges]) for p in props], ":TYPE"])
            for e in edges:
                ev = sorted((x["document"], x["sentence"]) for x in e.get("evidence", []))
                sample = ev[:EVIDENCE_SAMPLE]
                w.writerow([e["source"], e["target"], e["key"], len(ev), ARRAY_DELIMITER.join(d for d, _ in sample),
                            ARRAY_DELIMITER.join(s for _, s in sample), *[e.get(p, "") for p in props], etype])
        written.append(path)
    return written


def documents_of(dump: dict) -> list[DocumentGraph]:
    """Split a dump back into the per-document graphs that built it."""
    out = []
    for doc_id, meta in sorted(dump["documents"].items()):
        doc_nodes = [n for n in dump["nodes"] if doc_id in n.get("documents", [])]
        ids = {n["id"] for n in doc_nodes}
        edges = []
        for e in dump["edges"]:
            sentences = [x["sentence"] for x in e.get("evidence", []) if x["document"] == doc_id]
            if e["source"] in ids and e["target"] in ids and (sentences or not e.get("evidence")):
                props = {k: v for k, v in e.items() if k not in _EDGE_FIXED}
                for sentence in sentences or [None]:
                    edges.append(Edge(e["type"], e["source"], e["target"], sentence, props))
        graph_nodes = [Node(n["id"], n["label"], n["name"], list(n.get("aliases", [])),
                            {k: v for k, v in n.items() if k not in _NODE_FIXED}) for n in doc_nodes]
        out.append(DocumentGraph(DocumentMeta(doc_id, meta.get("path"), meta.get("title"), meta.get("published"),
                                              meta.get("publisher")), graph_nodes, edges))
    return out


def import_dump(dump: dict, store: Store) -> tuple[int, int, int]:
    """Merge a dump into a store; returns (documents, nodes added, edges added)."""
    added_n = added_e = 0
    docs = documents_of(dump)
    for graph in docs:
        n, e = store.merge(graph)
        added_n, added_e = added_n + n, added_e + e
    store.flush()
    return len(docs), added_n, added_e

"""What one Neo4j write transaction must do, as plain rows: a pure function of the documents
and of what the store already holds about them, so it can be tested without a server.

The store reads the state first (which nodes, edges' endpoints and documents exist), then
`plan` splits the work into statements that are cheap for Neo4j: CREATE for nodes and
documents that do not exist yet and for edges that touch a node created in the same
transaction (nothing can already link to it), and MERGE only for the rest. Provenance is
bounded: a document lists the facts it states (its own size), `MENTIONS` links it to each node
it names, and an edge keeps `evidence_count` and a sample of its `EVIDENCE_SAMPLE` smallest
(document, sentence) pairs, whatever the number of documents.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import EVIDENCE_SAMPLE, NODE_LABELS, DocumentGraph

NODE_PROPS = ("kind", "level", "code", "specialty", "founded", "member_count")
EDGE_PROPS = ("role", "since", "date", "kind", "title", "rule")


def canonical(names: list[str]) -> str:
    """The longest spelling, the smallest of equals: the same on every store and in any load order."""
    return min(names, key=lambda n: (-len(n), n))


def search_text(names) -> str:
    return " ".join(sorted(set(names)))


@dataclass
class State:
    """What the store holds about one transaction's documents, nodes and edges."""

    nodes: dict[str, dict] = field(default_factory=dict)  # id -> {name, aliases, *NODE_PROPS}
    documents: dict[str, dict] = field(default_factory=dict)  # id -> {facts, sentences, mentions}


@dataclass
class Plan:
    documents_new: list[dict] = field(default_factory=list)  # full property maps
    documents_known: list[dict] = field(default_factory=list)  # {id, meta, facts, sentences}: appended
    nodes_new: dict[str, list[dict]] = field(default_factory=dict)  # label -> property maps
    nodes_changed: dict[str, list[dict]] = field(default_factory=dict)  # label -> {id, names, props}
    mentions: dict[str, list[dict]] = field(default_factory=dict)  # label -> {doc, ids}
    edges_new: dict[tuple, list[dict]] = field(default_factory=dict)  # (type, src label, dst label) -> {source, target, props}
    edges_merged: dict[tuple, list[dict]] = field(default_factory=dict)  # same key -> {source, target, key, added, evidence, props}
    edges_ensured: dict[tuple, list[dict]] = field(default_factory=dict)  # nothing to add (PART_OF): {source, target, key}

    @property
    def created_nodes(self) -> int:
        return sum(map(len, self.nodes_new.values()))


def _sample(pairs) -> list[list[str]]:
    return sorted(map(list, pairs))[:EVIDENCE_SAMPLE]


def plan(graphs: list[DocumentGraph], state: State) -> Plan:
    """Rows for one transaction. A document already in the store adds only what it did not
    say before (a reload changes nothing, and counts stay exact)."""
    out = Plan()
    labels: dict[str, str] = {}
    names: dict[str, list[str]] = {}
    props: dict[str, dict] = {}
    edges: dict[str, dict] = {}
    doc_rows: dict[str, dict] = {}
    for graph in graphs:
        meta = graph.document
        known = state.documents.get(meta.id)
        row = doc_rows.get(meta.id)
        if row is None:
            row = doc_rows[meta.id] = {"id": meta.id, "facts": [], "sentences": [], "mentions": set(),
                                       "stated": set(zip(known["facts"], known["sentences"])) if known else set(),
                                       "mentioned": set(known["mentions"]) if known else set()}
        row.update(path=meta.path, title=meta.title, published=meta.published, publisher=meta.publisher,
                   nodes=len(graph.nodes), edges=len(graph.edges))
        for node in graph.nodes:
            labels[node.id] = node.label
            spellings = names.setdefault(node.id, [])
            spellings += [x for x in (node.name, *sorted(node.aliases)) if x not in spellings]
            given = props.setdefault(node.id, {})
            for k in NODE_PROPS:  # the first document to give a property wins, as in one-by-one loading
                if given.get(k) is None and node.props.get(k) is not None:
                    given[k] = node.props[k]
            if node.id not in row["mentioned"]:
                row["mentions"].add(node.id)
        for edge in graph.edges:
            key = edge.store_key
            e = edges.get(key)
            if e is None:
                e = edges[key] = {"type": edge.type, "source": edge.source, "target": edge.target, "key": key,
                                  "evidence": set(), "props": {}}
            for k in EDGE_PROPS:
                if e["props"].get(k) is None and edge.props.get(k) is not None:
                    e["props"][k] = edge.props[k]
            if edge.evidence is not None and (key, edge.evidence) not in row["stated"]:
                row["stated"].add((key, edge.evidence))
                row["facts"].append(key)
                row["sentences"].append(edge.evidence)
                e["evidence"].add((meta.id, edge.evidence))

    for doc_id, row in doc_rows.items():
        meta = {k: row[k] for k in ("path", "title", "published", "publisher", "nodes", "edges")}
        if doc_id in state.documents:
            out.documents_known.append({"id": doc_id, "meta": meta, "facts": row["facts"], "sentences": row["sentences"]})
        else:
            out.documents_new.append({"id": doc_id, **{k: v for k, v in meta.items() if v is not None},
                                      "facts": row["facts"], "sentences": row["sentences"]})
        by_label: dict[str, list[str]] = defaultdict(list)
        for node_id in sorted(row["mentions"]):
            by_label[labels[node_id]].append(node_id)
        for label, node_ids in by_label.items():
            out.mentions.setdefault(label, []).append({"doc": doc_id, "ids": node_ids})

    created: set[str] = set()
    for node_id, spellings in names.items():
        label, given, have = labels[node_id], props[node_id], state.nodes.get(node_id)
        if have is None:
            name = canonical(spellings)
            out.nodes_new.setdefault(label, []).append(
                {"id": node_id, "name": name, "aliases": sorted(set(spellings) - {name}), "search_text": search_text(spellings),
                 **given})
            created.add(node_id)
            continue
        known = {have["name"], *(have.get("aliases") or [])}
        fill = {k: v for k, v in given.items() if have.get(k) is None}
        if not set(spellings) <= known or fill:
            # The union is taken again inside the statement, from the node as it is then.
            out.nodes_changed.setdefault(label, []).append({"id": node_id, "names": spellings, "props": fill})

    for key, e in edges.items():
        group = (e["type"], labels[e["source"]], labels[e["target"]])
        props = {k: v for k, v in e["props"].items() if v is not None}
        if e["source"] in created or e["target"] in created:
            sample = _sample(e["evidence"])
            out.edges_new.setdefault(group, []).append(
                {"source": e["source"], "target": e["target"],
                 "props": {"key": key, **props, "evidence_count": len(e["evidence"]),
                           "evidence_documents": [d for d, _ in sample], "evidence_sentences": [s for _, s in sample]}})
        elif not e["evidence"] and not props:
            # A region's PART_OF, repeated by every document naming it: MERGE alone writes nothing when it exists.
            out.edges_ensured.setdefault(group, []).append({"source": e["source"], "target": e["target"], "key": key})
        else:
            out.edges_merged.setdefault(group, []).append(
                {"source": e["source"], "target": e["target"], "key": key, "added": len(e["evidence"]),
                 "evidence": _sample(e["evidence"]), "props": props})
    return out


def state_ids(graphs: list[DocumentGraph]) -> tuple[list[str], dict[str, list[str]]]:
    """The documents and the node ids per label that `plan` needs the state of."""
    by_label: dict[str, set[str]] = defaultdict(set)
    for graph in graphs:
        for node in graph.nodes:
            by_label[node.label].add(node.id)
    return sorted({g.document.id for g in graphs}), {label: sorted(ids) for label, ids in by_label.items()}


# -- the statements that write these rows (graph/neo4j_store.py runs them) ---------------------------
# One read per transaction: the documents and nodes it touches, as the store holds them.
READ_STATE = "CALL {\n" + """
  UNWIND $docs AS id MATCH (d:Document {id: id})
  RETURN 'Document' AS label, id, {facts: d.facts, sentences: d.sentences,
         mentions: COLLECT { MATCH (d)-[:MENTIONS]->(n) RETURN n.id }} AS state
""" + "".join(f"""  UNION ALL
  UNWIND $ids.{label} AS id MATCH (n:{label} {{id: id}})
  RETURN '{label}' AS label, id, n {{.name, .aliases, {", ".join("." + k for k in NODE_PROPS)}}} AS state
""" for label in NODE_LABELS) + "} RETURN label, id, state"

CREATE_DOCUMENTS = "UNWIND $rows AS row CREATE (d:Document) SET d = row"
APPEND_DOCUMENTS = """UNWIND $rows AS row MATCH (d:Document {id: row.id})
SET d += row.meta, d.facts = coalesce(d.facts, []) + row.facts, d.sentences = coalesce(d.sentences, []) + row.sentences"""
# A node known by more than one spelling also carries ALIASED, so a search can tell from the
# label alone (no property read) whether a match's aliases need a look.
ALIASED = "Aliased"
CREATE_NODES = f"""UNWIND $rows AS row CREATE (n:{{label}}) SET n = row
FOREACH (_ IN CASE WHEN size(row.aliases) > 0 THEN [1] ELSE [] END | SET n:{ALIASED})"""
# Rare (a new spelling, a property first given): the union is taken from the node as it is now.
UPDATE_NODES = """UNWIND $rows AS row
MATCH (n:{label} {{id: row.id}})
WITH n, row, [n.name] + coalesce(n.aliases, []) + row.names AS spellings
WITH n, row, reduce(acc = [], x IN spellings | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS names
WITH n, row, names, reduce(best = head(names), x IN names |
     CASE WHEN size(x) > size(best) OR (size(x) = size(best) AND x < best) THEN x ELSE best END) AS canonical
SET n.name = canonical,
    n.aliases = [x IN names WHERE x <> canonical],
    n.search_text = reduce(s = '', x IN names | s + ' ' + x)
{props}
FOREACH (_ IN CASE WHEN size(names) > 1 THEN [1] ELSE [] END | SET n:""" + ALIASED + ")"
MENTIONS = """UNWIND $rows AS row
MATCH (d:Document {{id: row.doc}})
UNWIND row.ids AS id MATCH (n:{label} {{id: id}})
CREATE (d)-[:MENTIONS]->(n)"""
CREATE_EDGES = """UNWIND $rows AS row
MATCH (a:{src} {{id: row.source}}) MATCH (b:{dst} {{id: row.target}})
CREATE (a)-[r:{type}]->(b) SET r = row.props"""
ENSURE_EDGES = """UNWIND $rows AS row
MATCH (a:{src} {{id: row.source}}) MATCH (b:{dst} {{id: row.target}})
MERGE (a)-[r:{type} {{key: row.key}}]->(b)
  ON CREATE SET r.evidence_count = 0, r.evidence_documents = [], r.evidence_sentences = []"""
# An edge between nodes that existed before: the count grows by the new evidence, and the sample
# keeps the smallest (document, sentence) pairs of the old sample and the new ones.
MERGE_EDGES = """UNWIND $rows AS row
MATCH (a:{src} {{id: row.source}}) MATCH (b:{dst} {{id: row.target}})
MERGE (a)-[r:{type} {{key: row.key}}]->(b)
  ON CREATE SET r.evidence_count = 0, r.evidence_documents = [], r.evidence_sentences = []
SET r.evidence_count = coalesce(r.evidence_count, 0) + row.added{props}
WITH r, row, coalesce(r.evidence_documents, []) AS docs, coalesce(r.evidence_sentences, []) AS sentences
// only when a new pair belongs in the sample: a full one whose last pair sorts before them stays as it is
WHERE size(row.evidence) > 0 AND (size(docs) < {cap} OR
      any(e IN row.evidence WHERE e[0] < docs[-1] OR (e[0] = docs[-1] AND e[1] < sentences[-1])))
CALL {{ WITH docs, sentences, row
  UNWIND [i IN range(0, size(docs) - 1) | [docs[i], sentences[i]]] + row.evidence AS e
  WITH DISTINCT e ORDER BY e[0], e[1] LIMIT {cap}
  RETURN collect(e) AS sample
}}
SET r.evidence_documents = [e IN sample | e[0]], r.evidence_sentences = [e IN sample | e[1]]"""

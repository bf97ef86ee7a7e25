"""The server's own speed, for comparison: the same documents written as the same graph (nodes,
Document nodes, MENTIONS, relationships with the same properties) by bare `UNWIND $rows MERGE …
SET …` statements, in transactions of the same size, with none of yilian's bookkeeping (no
reads, no name canonicalisation, no evidence sample kept across documents)."""
from __future__ import annotations

from collections.abc import Iterable

from yilian.graph.model import EVIDENCE_SAMPLE, DocumentGraph

from .scale_graph import rows as rows_of


def _group(graphs: list[DocumentGraph]) -> dict:
    labels, nodes, edges, docs, mentions = {}, {}, {}, [], {}
    for g in graphs:
        d = g.document
        docs.append({"id": d.id, "props": {"path": d.path, "title": d.title, "published": d.published,
                                           "publisher": d.publisher, "nodes": len(g.nodes), "edges": len(g.edges),
                                           "facts": [e.store_key for e in g.edges if e.evidence],
                                           "sentences": [e.evidence for e in g.edges if e.evidence]}})
        for n in g.nodes:
            labels[n.id] = n.label
            nodes[n.id] = {"id": n.id, "props": {"name": n.name, "aliases": sorted(n.aliases), "search_text": n.name,
                                                 **{k: v for k, v in n.props.items() if v is not None}}}
            mentions.setdefault(n.label, []).append({"doc": d.id, "id": n.id})
        for e in g.edges:
            row = edges.setdefault(e.store_key, {"source": e.source, "target": e.target, "key": e.store_key, "type": e.type,
                                                 "pairs": []})
            if e.evidence:
                row["pairs"].append([d.id, e.evidence])
            row["props"] = {k: v for k, v in e.props.items() if v is not None}
    by_label, by_type = {}, {}
    for node_id, row in nodes.items():
        by_label.setdefault(labels[node_id], []).append(row)
    for row in edges.values():
        pairs = sorted(row.pop("pairs"))[:EVIDENCE_SAMPLE]
        row["props"] |= {"evidence_count": len(pairs), "evidence_documents": [p[0] for p in pairs],
                         "evidence_sentences": [p[1] for p in pairs]}
        by_type.setdefault((row.pop("type"), labels[row["source"]], labels[row["target"]]), []).append(row)
    return {"docs": docs, "by_label": by_label, "mentions": mentions, "by_type": by_type}


def _write(tx, work: dict) -> None:
    tx.run("UNWIND $rows AS r MERGE (d:Document {id: r.id}) SET d += r.props", rows=work["docs"]).consume()
    for label, rows in work["by_label"].items():
        tx.run(f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET n += r.props", rows=rows).consume()
    for label, rows in work["mentions"].items():
        tx.run(f"UNWIND $rows AS r MATCH (d:Document {{id: r.doc}}) MATCH (n:{label} {{id: r.id}}) "
               "MERGE (d)-[:MENTIONS]->(n)", rows=rows).consume()
    for (etype, src, dst), rows in work["by_type"].items():
        tx.run(f"UNWIND $rows AS r MATCH (a:{src} {{id: r.source}}) MATCH (b:{dst} {{id: r.target}}) "
               f"MERGE (a)-[x:{etype} {{key: r.key}}]->(b) SET x += r.props", rows=rows).consume()


def load(driver, graphs: Iterable[DocumentGraph], batch_size: int = 5000) -> int:
    """Write the documents in transactions of about `batch_size` rows; the rows written."""
    group, size, total = [], 0, 0
    with driver.session() as session:
        for g in graphs:
            group.append(g)
            size += rows_of(g)
            if size >= batch_size:
                session.execute_write(_write, _group(group))
                total += size
                group, size = [], 0
        if group:
            session.execute_write(_write, _group(group))
            total += size
    return total

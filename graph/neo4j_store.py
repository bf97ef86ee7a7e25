"""The Neo4j store: the system of record for data staff.

Documents are written in transactions of whole documents (one, or with `merge_many` as many
as fit in `batch_size` rows), so a killed loader leaves a prefix of whole documents; inside a
transaction nodes go first, then relationships, as batched `UNWIND … MERGE` statements. Provenance
accumulates: node `documents` and relationship `evidence_documents`/`evidence_sentences`
(parallel lists, as Neo4j properties cannot hold maps) only ever grow.
"""
from __future__ import annotations

import json
import os
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

from .model import EDGE_TYPES, NODE_LABELS, DocumentGraph
from .store import Store, StoreError

SCHEMA_VERSION = 2  # 2: TEXT index on Hospital.search_text
NODE_PROPS = ("kind", "level", "code", "specialty", "founded", "member_count")
EDGE_PROPS = ("role", "since", "date", "kind", "title", "rule")
FULLTEXT = "yilian_names"
_LABELS = "|".join(NODE_LABELS)


class CypherFailed(Exception):
    """Neo4j could not run a client's query (syntax, limits, time); the message says why."""

    def __init__(self, message: str, timed_out: bool = False):
        super().__init__(message)
        self.timed_out = timed_out


def _without_explain(message: str) -> str:
    """Neo4j's error for "EXPLAIN <query>", with positions in the client's own query."""
    shift = len("EXPLAIN ")
    message = re.sub(r"line 1, column (\d+) \(offset: (\d+)\)",
                     lambda m: f"line 1, column {max(1, int(m[1]) - shift)} (offset: {max(0, int(m[2]) - shift)})", message)
    return message.replace('"EXPLAIN ', '"')


def _plain(value):
    """Neo4j values as JSON: nodes and relationships become their properties, paths their nodes."""
    if hasattr(value, "items") and hasattr(value, "element_id"):
        return dict(value.items())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "nodes") and hasattr(value, "relationships"):
        return [dict(n.items()) for n in value.nodes]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def schema_statements() -> list[str]:
    stmts = [f"CREATE CONSTRAINT yilian_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
             for label in NODE_LABELS]
    stmts += [
        "CREATE CONSTRAINT yilian_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
        "CREATE CONSTRAINT yilian_region_code IF NOT EXISTS FOR (r:Region) REQUIRE r.code IS UNIQUE",
    ]
    stmts += [f"CREATE INDEX yilian_{label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)" for label in NODE_LABELS]
    stmts.append("CREATE TEXT INDEX yilian_hospital_search IF NOT EXISTS FOR (n:Hospital) ON (n.search_text)")
    stmts.append(f"CREATE FULLTEXT INDEX {FULLTEXT} IF NOT EXISTS FOR (n:{_LABELS}) ON EACH [n.search_text] "
                 "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}")
    return stmts


def parse_uri(uri: str) -> tuple[str, tuple[str, str] | None]:
    """bolt://user:pass@host:port -> (bolt://host:port, auth); else auth from NEO4J_AUTH=user/password.
    A query string (?batch_size=500) is options, not part of the address."""
    parts = urlsplit(uri)
    uri = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    if parts.username:
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, "", "")), (unquote(parts.username), unquote(parts.password or ""))
    env = os.environ.get("NEO4J_AUTH")
    if env and env.lower() != "none":
        user, _, password = env.partition("/")
        return uri, (user, password)
    return uri, None


# Rows are pre-aggregated per node and per relationship over a transaction's documents (a
# region named by every document is written once per transaction, not once per document).
_MERGE_NODES = """
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
  ON CREATE SET n.name = row.names[0], n.aliases = [], n.documents = []
WITH n, row, [n.name] + n.aliases + row.names AS spellings
WITH n, row, reduce(acc = [], x IN spellings | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS names
WITH n, row, names, reduce(best = head(names), x IN names |
     CASE WHEN size(x) > size(best) OR (size(x) = size(best) AND x < best) THEN x ELSE best END) AS canonical
SET n.name = canonical,
    n.aliases = [x IN names WHERE x <> canonical],
    n.search_text = reduce(s = '', x IN names | s + ' ' + x),
    n.documents = n.documents + [d IN row.docs WHERE NOT d IN n.documents]
{props}
"""

_MERGE_EDGES = """
UNWIND $rows AS row
MATCH (a:{src} {{id: row.source}})
MATCH (b:{dst} {{id: row.target}})
MERGE (a)-[r:{type} {{key: row.key}}]->(b)
  ON CREATE SET r.evidence_documents = [], r.evidence_sentences = []
WITH r, row, [e IN row.evidence WHERE NOT any(i IN range(0, size(r.evidence_documents) - 1)
     WHERE r.evidence_documents[i] = e[0] AND r.evidence_sentences[i] = e[1])] AS fresh
SET r.evidence_documents = r.evidence_documents + [e IN fresh | e[0]],
    r.evidence_sentences = r.evidence_sentences + [e IN fresh | e[1]]
{props}
"""


class Neo4jStore(Store):
    def __init__(self, uri: str, batch_size: int | None = None, retries: int = 5):
        import neo4j

        self.uri = uri
        options = parse_qs(urlsplit(uri).query)
        self.batch_size = batch_size or int(options.get("batch_size", [os.environ.get("YILIAN_NEO4J_BATCH", "5000")])[0])
        self.retries = retries
        address, auth = parse_uri(uri)
        try:
            self.driver = neo4j.GraphDatabase.driver(address, auth=auth, connection_timeout=10, max_transaction_retry_time=3,
                                                     notifications_min_severity="OFF")
            self.driver.verify_connectivity()
        except neo4j.exceptions.AuthError as e:
            raise StoreError(f"{address}: Neo4j refused the credentials (set NEO4J_AUTH=user/password or bolt://user:pass@host)") from e
        except (neo4j.exceptions.ServiceUnavailable, OSError, ValueError) as e:
            raise StoreError(f"{address}: cannot reach Neo4j ({e})") from e
        self._ensure_schema()

    @classmethod
    def from_uri(cls, uri: str) -> "Neo4jStore":
        return cls(uri)  # credentials and ?batch_size= are read from the URI itself

    def _ensure_schema(self) -> None:
        records, _, _ = self.driver.execute_query("MATCH (s:YilianSchema {id: 'schema'}) RETURN s.version AS v")
        if records and records[0]["v"] == SCHEMA_VERSION:
            return
        if records and records[0]["v"] > SCHEMA_VERSION:
            raise StoreError(f"{self.uri}: schema version {records[0]['v']} is newer than this yilian ({SCHEMA_VERSION})")
        from neo4j.exceptions import ClientError, TransientError

        for stmt in schema_statements():
            for attempt in range(5):
                try:
                    self.driver.execute_query(stmt)
                    break
                except (ClientError, TransientError) as e:
                    # Another loader creating the same schema at the same moment is fine.
                    if "AlreadyExists" in (e.code or "") or "EquivalentSchemaRule" in (e.code or ""):
                        break
                    if isinstance(e, ClientError) or attempt == 4:
                        raise StoreError(f"{self.uri}: cannot set up the schema ({e.message})") from e
                    time.sleep(0.2 * (attempt + 1))
        self.driver.execute_query("MERGE (s:YilianSchema {id: 'schema'}) SET s.version = $v", v=SCHEMA_VERSION)

    # -- writing ---------------------------------------------------------------------------------
    def merge(self, graph: DocumentGraph) -> tuple[int, int]:
        return self._commit([graph])

    def merge_many(self, graphs: Iterable[DocumentGraph]) -> tuple[int, int]:
        """Group documents into transactions of about `batch_size` rows: per-document
        transactions cost a round trip and a commit each, which caps ingest far below what
        batched UNWIND reaches."""
        added = [0, 0]
        group: list[DocumentGraph] = []
        rows = 0

        def commit() -> None:
            n, e = self._commit(group)
            added[0] += n
            added[1] += e
            group.clear()

        for graph in graphs:
            group.append(graph)
            rows += len(graph.nodes) + len(graph.edges)
            if rows >= self.batch_size:
                commit()
                rows = 0
        if group:
            commit()
        return added[0], added[1]

    def _commit(self, graphs: list[DocumentGraph]) -> tuple[int, int]:
        from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError

        for attempt in range(self.retries + 1):
            try:
                with self.driver.session() as session:
                    return session.execute_write(self._write, graphs)
            except (TransientError, ServiceUnavailable, SessionExpired) as e:
                if attempt == self.retries:
                    paths = ", ".join(g.document.path for g in graphs[:3]) + (" …" if len(graphs) > 3 else "")
                    raise StoreError(f"{self.uri}: writing {paths} failed after {attempt + 1} tries ({e})") from e
                time.sleep(0.5 * 2 ** attempt)
        raise AssertionError("unreachable")

    def _write(self, tx, graphs: list[DocumentGraph]) -> tuple[int, int]:
        created_nodes = created_edges = 0
        nodes: dict[str, dict] = {}
        edges: dict[str, dict] = {}
        labels: dict[str, str] = {}
        for graph in graphs:
            doc = graph.document.id
            for node in graph.nodes:
                labels[node.id] = node.label
                data = node.to_json()
                row = nodes.setdefault(node.id, {"id": node.id, "names": [], "docs": [], **dict.fromkeys(NODE_PROPS)})
                row["names"] += [x for x in (node.name, *sorted(node.aliases)) if x not in row["names"]]
                if doc not in row["docs"]:
                    row["docs"].append(doc)
                for k in NODE_PROPS:  # the first document to give a property wins, as in one-by-one loading
                    if row[k] is None:
                        row[k] = data.get(k)
            for edge in graph.edges:
                data = edge.to_json()
                row = edges.setdefault(edge.store_key, {"source": edge.source, "target": edge.target, "key": edge.store_key,
                                                        "type": edge.type, "evidence": [], **dict.fromkeys(EDGE_PROPS)})
                if edge.evidence is not None and [doc, edge.evidence] not in row["evidence"]:
                    row["evidence"].append([doc, edge.evidence])
                for k in EDGE_PROPS:
                    if row[k] is None:
                        row[k] = data.get(k)
        by_label: dict[str, list] = defaultdict(list)
        for row in nodes.values():
            by_label[labels[row["id"]]].append(row)
        by_type: dict[tuple, list] = defaultdict(list)
        for row in edges.values():
            by_type[(row.pop("type"), labels[row["source"]], labels[row["target"]])].append(row)
        for label, rows in sorted(by_label.items()):
            props = "".join(f", n.{k} = coalesce(n.{k}, row.{k})" for k in NODE_PROPS)
            query = _MERGE_NODES.format(label=label, props=props)
            for i in range(0, len(rows), self.batch_size):
                created_nodes += tx.run(query, rows=rows[i : i + self.batch_size]).consume().counters.nodes_created
        for (etype, src, dst), rows in sorted(by_type.items()):
            props = "".join(f", r.{k} = coalesce(r.{k}, row.{k})" for k in EDGE_PROPS)
            query = _MERGE_EDGES.format(src=src, dst=dst, type=etype, props=props)
            for i in range(0, len(rows), self.batch_size):
                created_edges += tx.run(query, rows=rows[i : i + self.batch_size]).consume().counters.relationships_created
        # Document nodes come last: one exists only if its whole document was written.
        tx.run("UNWIND $docs AS doc MERGE (d:Document {id: doc.id}) SET d += doc",
               docs=[{"id": g.document.id, "path": g.document.path, "title": g.document.title,
                      "published": g.document.published, "publisher": g.document.publisher,
                      "nodes": len(g.nodes), "edges": len(g.edges)} for g in graphs]).consume()
        return created_nodes, created_edges

    def flush(self) -> None:
        pass  # every merge is its own committed transaction

    def close(self) -> None:
        self.driver.close()

    # -- ad-hoc reads (POST /cypher) ----------------------------------------------------------------
    def read_only(self, query: str, params: dict, *, timeout: float = 10, max_rows: int = 1000,
                  max_bytes: int = 4_000_000) -> list[dict]:
        """Run a client's Cypher if Neo4j plans it as a plain read (see cypher_policy); raise
        Refused (with the reason), CypherFailed (the query is wrong or too big) or the driver's
        outage errors. The answer stops at `max_rows` rows; more than `max_bytes` of JSON fails."""
        import neo4j

        from . import cypher_policy

        cypher_policy.check_text(query, params)
        try:
            # small fetches, so the byte cap is reached before Neo4j has computed a thousand big rows
            with self.driver.session(default_access_mode=neo4j.READ_ACCESS, fetch_size=50) as session:
                try:
                    summary = session.run(neo4j.Query("EXPLAIN " + query, timeout=timeout), params).consume()
                except neo4j.exceptions.ClientError as e:
                    # Not runnable here whatever it would do: say so as a refusal, not as a mistake.
                    if "ProcedureNotFound" in (e.code or ""):
                        raise cypher_policy.Refused("unknown procedure; only "
                                                    f"{', '.join(sorted(cypher_policy.READ_PROCEDURES))} may be called") from e
                    if "exactly one statement" in (e.message or ""):
                        raise cypher_policy.Refused("one statement at a time") from e
                    raise
                cypher_policy.check_plan(summary.plan or {}, summary.query_type)
                result = session.run(neo4j.Query(query, timeout=timeout), params)
                rows, size = [], 0
                for record in result:
                    row = {k: _plain(v) for k, v in record.items()}
                    size += len(json.dumps(row, ensure_ascii=False, default=str).encode())
                    if size > max_bytes:
                        raise CypherFailed(f"the answer is larger than {max_bytes:,} bytes; return fewer rows or properties")
                    rows.append(row)
                    if len(rows) >= max_rows:
                        break
                return rows
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired):
            raise
        except neo4j.exceptions.Neo4jError as e:
            code = e.code or ""
            if "TransactionTimedOut" in code or "Terminated" in code:
                raise CypherFailed(f"the query ran longer than {timeout:g} s and was stopped", timed_out=True) from e
            if "Forbidden" in code or "AccessMode" in code:
                raise cypher_policy.Refused(e.message or code) from e
            if "MemoryPoolOutOfMemory" in code or "OutOfMemory" in code:
                raise CypherFailed("the query needs more memory than a query may use here") from e
            raise CypherFailed(_without_explain(" ".join((e.message or code).split())[:500])) from e

    # -- reading ---------------------------------------------------------------------------------
    def _q(self, query: str, **params) -> list:
        records, _, _ = self.driver.execute_query(query, **params, routing_="r")
        return records

    def stats(self) -> dict:
        docs = self._q("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
        nodes = {r["label"]: r["n"] for r in self._q(
            f"MATCH (n:{_LABELS}) RETURN [l IN labels(n) WHERE l IN $labels][0] AS label, count(*) AS n", labels=list(NODE_LABELS))}
        edges = {r["type"]: r["n"] for r in self._q("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n") if r["type"] in EDGE_TYPES}
        return {"documents": docs, "nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}

    @staticmethod
    def _node(n) -> dict:
        out = {k: v for k, v in dict(n).items() if k != "search_text" and v is not None}
        out["label"] = next(label for label in n.labels if label in NODE_LABELS)
        out["aliases"] = sorted(out.get("aliases", []))
        out["documents"] = sorted(out.get("documents", []))
        return out

    def find(self, name: str, limit: int = 10) -> list[dict]:
        rows = self._q(f"MATCH (n:{_LABELS}) WHERE n.name CONTAINS $q OR any(a IN n.aliases WHERE a CONTAINS $q) RETURN n",
                       q=name)
        hits = [self._node(r["n"]) for r in rows]
        hits.sort(key=lambda h: (0 if name == h["name"] or name in h["aliases"] else 1, len(h["name"]), h["id"]))
        return hits[:limit]

    def search(self, text: str, limit: int = 10) -> list[dict]:
        """Full-text search (cjk analyzer) over names and aliases, best first."""
        rows = self._q(f"CALL db.index.fulltext.queryNodes('{FULLTEXT}', $q) YIELD node, score "
                       "RETURN node, score ORDER BY score DESC LIMIT $limit", q=text, limit=limit)
        return [self._node(r["node"]) | {"score": r["score"]} for r in rows]

    def node(self, node_id: str) -> dict | None:
        rows = self._q(f"MATCH (n:{_LABELS} {{id: $id}}) RETURN n", id=node_id)
        return self._node(rows[0]["n"]) if rows else None

    def edges_of(self, node_id: str) -> list[dict]:
        rows = self._q(f"MATCH (n:{_LABELS} {{id: $id}})-[r]-(o) WHERE NOT o:Document "
                       "RETURN r, startNode(r).id AS source, endNode(r).id AS target, o", id=node_id)
        out = []
        for row in rows:
            other = self._node(row["o"])
            props = dict(row["r"])
            evidence = sorted(({"document": d, "sentence": s} for d, s in
                               zip(props.pop("evidence_documents", []), props.pop("evidence_sentences", []))),
                              key=lambda x: (x["document"], x["sentence"]))
            props.pop("key", None)
            out.append({**props, "type": row["r"].type, "evidence": evidence, "source": row["source"], "target": row["target"],
                        "direction": "out" if row["source"] == node_id else "in", "other": other["id"],
                        "other_name": other["name"], "other_label": other["label"]})
        return sorted(out, key=lambda e: (e["type"], e["other_name"]))

    def dump(self) -> dict:
        documents = {r["d"]["id"]: {k: r["d"].get(k) for k in ("path", "title", "published", "publisher")}
                     for r in self._q("MATCH (d:Document) RETURN d")}
        nodes = sorted((self._node(r["n"]) for r in self._q(f"MATCH (n:{_LABELS}) RETURN n")), key=lambda n: n["id"])
        edges = []
        for r in self._q(f"MATCH (a:{_LABELS})-[r]->(b:{_LABELS}) RETURN a.id AS s, b.id AS t, r"):
            props = dict(r["r"])
            evidence = sorted(({"document": d, "sentence": s} for d, s in
                               zip(props.pop("evidence_documents", []), props.pop("evidence_sentences", []))),
                              key=lambda x: (x["document"], x["sentence"]))
            edges.append({"source": r["s"], "target": r["t"], "key": props.pop("key"), "type": r["r"].type,
                          "evidence": evidence, **props})
        edges.sort(key=lambda e: (e["source"], e["target"], e["key"]))
        return {"format": 1, "documents": dict(sorted(documents.items())), "nodes": nodes, "edges": edges}


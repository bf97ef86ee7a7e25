"""The Neo4j store: the system of record for data staff.

Documents are written in transactions of whole documents (one, or with `merge_many` as many
as fit in `batch_size` rows), so a killed loader leaves whole documents only. A transaction
first reads what the store holds about its documents and nodes (one statement), then writes
the rows `neo4j_rows.plan` derives from that: CREATE where nothing exists yet, MERGE for the
rest. Provenance is bounded (docs/graph-model.md): `(:Document)-[:MENTIONS]->(node)`, the
facts a document states on the document, and on an edge its `evidence_count` and a sample.
"""
from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Iterable
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

from .model import EDGE_TYPES, EVIDENCE_SAMPLE, NODE_LABELS, DocumentGraph
from .neo4j_rows import (APPEND_DOCUMENTS, CREATE_DOCUMENTS, CREATE_EDGES, CREATE_NODES, ENSURE_EDGES, MENTIONS,
                         MERGE_EDGES, READ_STATE, UPDATE_NODES, EDGE_PROPS, NODE_PROPS, State, plan, state_ids)
from .neo4j_schema import FULLTEXT, MIGRATIONS, SCHEMA_VERSION, schema_statements
from .store import Store, StoreError

_LABELS = "|".join(NODE_LABELS)
__all__ = ["Neo4jStore", "CypherFailed", "SCHEMA_VERSION", "NODE_PROPS", "EDGE_PROPS", "schema_statements", "parse_uri"]


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


def parse_uri(uri: str) -> tuple[str, tuple[str, str] | None]:
    """bolt://user:pass@host:port -> (bolt://host:port, auth); else auth from NEO4J_AUTH=user/password
    (NEO4J_AUTH=none: no auth); unset, the local server's default (`yilian neo4j start` uses the same pair, and a
    server with auth disabled accepts any). A query string (?batch_size=500) is options, not part of the address."""
    from .neo4j_server import LOCAL_AUTH

    parts = urlsplit(uri)
    uri = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    if parts.username:
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, "", "")), (unquote(parts.username), unquote(parts.password or ""))
    env = os.environ.get("NEO4J_AUTH")
    if env is None:
        return uri, LOCAL_AUTH
    if env and env.lower() != "none":
        user, _, password = env.partition("/")
        return uri, (user, password)
    return uri, None


def whose_auth(uri: str, auth: tuple[str, str] | None) -> str:
    """Which credentials parse_uri chose, for an error message (never the password)."""
    if not auth:
        return "none sent (NEO4J_AUTH=none)"
    if urlsplit(uri).username:
        return f"user {auth[0]!r} from the URI"
    if "NEO4J_AUTH" in os.environ:
        return f"user {auth[0]!r} from NEO4J_AUTH"
    return f"user {auth[0]!r} with the local default password (NEO4J_AUTH is unset)"


# API answers over Neo4j are kept this long at most: other processes write without telling us.
CACHE_SECONDS = float(os.environ.get("YILIAN_NEO4J_CACHE_SECONDS", "2"))


class Neo4jStore(Store):
    def __init__(self, uri: str, batch_size: int | None = None, retries: int = 5):
        import neo4j

        self.uri = uri
        options = parse_qs(urlsplit(uri).query)
        self.batch_size = batch_size or int(options.get("batch_size", [os.environ.get("YILIAN_NEO4J_BATCH", "5000")])[0])
        self.retries = retries
        self._writes = self._epoch = 0
        self._epoch_started = time.monotonic()
        address, auth = parse_uri(uri)
        try:
            self.driver = neo4j.GraphDatabase.driver(address, auth=auth, connection_timeout=10, max_transaction_retry_time=3,
                                                     notifications_min_severity="OFF")
            self.driver.verify_connectivity()
        except neo4j.exceptions.AuthError as e:
            raise StoreError(f"{address}: Neo4j refused the credentials: {whose_auth(uri, auth)}; "
                             "set NEO4J_AUTH=user/password or use bolt://user:pass@host") from e
        except (neo4j.exceptions.ServiceUnavailable, OSError, ValueError) as e:
            raise StoreError(f"{address}: cannot reach Neo4j ({e})") from e
        # One read session per thread, kept: a lookup is then one auto-commit round trip (RUN and
        # PULL together) instead of a managed transaction's BEGIN … COMMIT on a new session.
        self._local = threading.local()
        self._sessions: list = []
        self._sessions_lock = threading.Lock()
        self._columns: dict[str, list[str]] = {}
        self._ensure_schema()

    @classmethod
    def from_uri(cls, uri: str) -> "Neo4jStore":
        return cls(uri)  # credentials and ?batch_size= are read from the URI itself

    def _ensure_schema(self) -> None:
        records, _, _ = self.driver.execute_query("MATCH (s:YilianSchema {id: 'schema'}) RETURN s.version AS v")
        version = records[0]["v"] if records else None
        if version == SCHEMA_VERSION:
            return
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"{self.uri}: schema version {version} is newer than this yilian ({SCHEMA_VERSION})")
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
        self.migrate(version)
        self.driver.execute_query("MERGE (s:YilianSchema {id: 'schema'}) SET s.version = $v", v=SCHEMA_VERSION)

    def migrate(self, version: int | None) -> None:
        """Upgrade a store of `version` (None: unknown, e.g. made by neo4j-admin import) in place.
        Every step only touches what is still in the old shape, so it may run again."""
        from neo4j.exceptions import Neo4jError

        for target, statements in sorted(MIGRATIONS.items()):
            if version is not None and version >= target:
                continue
            for stmt in statements:
                try:
                    # CALL … IN TRANSACTIONS needs an auto-commit transaction: session.run.
                    with self.driver.session() as session:
                        session.run(stmt).consume()
                except Neo4jError as e:
                    raise StoreError(f"{self.uri}: upgrading the schema to version {target} failed "
                                     f"({e.message}); open the store again to resume") from e

    def data_version(self) -> tuple[int, int]:
        """Our own writes count at once; other processes' within CACHE_SECONDS (asking the
        server on every request would cost the round trip an answer kept here saves)."""
        now = time.monotonic()
        if now - self._epoch_started >= CACHE_SECONDS:
            self._epoch, self._epoch_started = self._epoch + 1, now
        return self._writes, self._epoch

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
        from neo4j.exceptions import ConstraintError, ServiceUnavailable, SessionExpired, TransientError

        collided = False
        for attempt in range(self.retries + 1):
            try:
                with self.driver.session() as session:
                    added = session.execute_write(self._write, graphs)
                self._writes += 1  # answers kept at the previous version are not served again
                return added
            except ConstraintError:
                # Another writer created a node this one had read as missing: read again, once.
                # A second refusal is a real conflict (e.g. a region made by hand) and is reported.
                if collided:
                    raise
                collided = True
            except (TransientError, ServiceUnavailable, SessionExpired) as e:
                if attempt == self.retries:
                    paths = ", ".join(g.document.path for g in graphs[:3]) + (" …" if len(graphs) > 3 else "")
                    raise StoreError(f"{self.uri}: writing {paths} failed after {attempt + 1} tries ({e})") from e
                time.sleep(0.5 * 2 ** attempt)
        raise AssertionError("unreachable")

    def _write(self, tx, graphs: list[DocumentGraph]) -> tuple[int, int]:
        docs, ids = state_ids(graphs)
        state = State()
        for r in tx.run(READ_STATE, docs=docs, ids={label: ids.get(label, []) for label in NODE_LABELS}):
            (state.documents if r["label"] == "Document" else state.nodes)[r["id"]] = r["state"]
        work = plan(graphs, state)
        created_edges = 0
        if work.documents_new:
            tx.run(CREATE_DOCUMENTS, rows=work.documents_new).consume()
        if work.documents_known:
            tx.run(APPEND_DOCUMENTS, rows=work.documents_known).consume()
        for label, rows in sorted(work.nodes_new.items()):
            for chunk in self._chunks(rows):
                tx.run(CREATE_NODES.format(label=label), rows=chunk).consume()
        for label, rows in sorted(work.nodes_changed.items()):
            props = "".join(f", n.{k} = coalesce(n.{k}, row.props.{k})" for k in NODE_PROPS)
            for chunk in self._chunks(rows):
                tx.run(UPDATE_NODES.format(label=label, props=props), rows=chunk).consume()
        for label, rows in sorted(work.mentions.items()):
            for chunk in self._chunks(rows):
                tx.run(MENTIONS.format(label=label), rows=chunk).consume()
        for (etype, src, dst), rows in sorted(work.edges_new.items()):
            for chunk in self._chunks(rows):
                tx.run(CREATE_EDGES.format(src=src, dst=dst, type=etype), rows=chunk).consume()
                created_edges += len(chunk)
        props = "".join(f", r.{k} = coalesce(r.{k}, row.props.{k})" for k in EDGE_PROPS)
        for (etype, src, dst), rows in sorted(work.edges_merged.items()):
            query = MERGE_EDGES.format(src=src, dst=dst, type=etype, props=props, cap=EVIDENCE_SAMPLE)
            for chunk in self._chunks(rows):
                created_edges += tx.run(query, rows=chunk).consume().counters.relationships_created
        for (etype, src, dst), rows in sorted(work.edges_ensured.items()):
            query = ENSURE_EDGES.format(src=src, dst=dst, type=etype)
            for chunk in self._chunks(rows):
                created_edges += tx.run(query, rows=chunk).consume().counters.relationships_created
        return work.created_nodes, created_edges

    def _chunks(self, rows: list) -> Iterable[list]:
        for i in range(0, len(rows), self.batch_size):
            yield rows[i : i + self.batch_size]

    def flush(self) -> None:
        pass  # every merge is its own committed transaction

    def close(self) -> None:
        with self._sessions_lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()
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
    def _session(self):
        import neo4j

        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = self.driver.session(default_access_mode=neo4j.READ_ACCESS)
            with self._sessions_lock:
                self._sessions.append(session)
        return session

    def _drop_session(self) -> None:
        session = getattr(self._local, "session", None)
        self._local.session = None
        if session is not None:
            with self._sessions_lock:
                if session in self._sessions:
                    self._sessions.remove(session)
            try:
                session.close()
            except Exception:  # a session whose connection died cannot say goodbye; it is gone anyway
                pass

    def _q(self, query: str, **params) -> list:
        from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError

        try:
            return list(self._session().run(query, params))
        except (ServiceUnavailable, SessionExpired, TransientError):
            # The kept connection broke (a restart, a timeout): the driver's managed read retries
            # with back-off for its retry budget before giving up.
            self._drop_session()
            records, _, _ = self.driver.execute_query(query, params, routing_="r")
            return records
        except BaseException:
            self._drop_session()
            raise

    def rows(self, query: str, params: dict) -> list[dict]:
        """A read's rows as dicts, fetched as one record: Bolt and the driver pay for every
        record (about 12 µs here), so a hospital with 100 partners took 4× the time of one
        with 5 until the rows were folded into a list on the server. Order is kept."""
        columns = self._columns.get(query)
        if columns is None:  # the query's own column names, asked once (EXPLAIN runs nothing)
            _, _, columns = self.driver.execute_query("EXPLAIN " + query, params, routing_="r")
            self._columns[query] = columns = list(columns)
        folded = ", ".join(f"`{c}`" for c in columns)
        [record] = self._q(f"CALL () {{\n{query}\n}}\nRETURN collect([{folded}]) AS rows", **params)
        return [dict(zip(columns, values)) for values in record["rows"]]

    def stats(self) -> dict:
        counts = ", ".join([f"COUNT {{ (:{label}) }} AS {label}" for label in NODE_LABELS] +
                           [f"COUNT {{ ()-[:{t}]->() }} AS {t}" for t in EDGE_TYPES] + ["COUNT { (:Document) } AS documents"])
        row = self._q(f"RETURN {counts}")[0]
        return {"documents": row["documents"], "nodes": {k: row[k] for k in sorted(NODE_LABELS) if row[k]},
                "edges": {k: row[k] for k in sorted(EDGE_TYPES) if row[k]}}

    @staticmethod
    def _node(n, documents: list[str]) -> dict:
        out = {k: v for k, v in dict(n).items() if k != "search_text" and v is not None}
        out["label"] = next(label for label in n.labels if label in NODE_LABELS)
        out["aliases"] = sorted(out.get("aliases", []))
        out["documents"] = sorted(documents)
        return out

    _DOCUMENTS = "COLLECT { MATCH (n)<-[:MENTIONS]-(d:Document) RETURN d.id } AS documents"

    def find(self, name: str, limit: int = 10) -> list[dict]:
        rows = self._q(f"MATCH (n:{_LABELS}) WHERE n.name CONTAINS $q OR any(a IN n.aliases WHERE a CONTAINS $q) "
                       f"RETURN n, {self._DOCUMENTS}", q=name)
        hits = [self._node(r["n"], r["documents"]) for r in rows]
        hits.sort(key=lambda h: (0 if name == h["name"] or name in h["aliases"] else 1, len(h["name"]), h["id"]))
        return hits[:limit]

    def search(self, text: str, limit: int = 10) -> list[dict]:
        """Full-text search (cjk analyzer) over names and aliases, best first."""
        rows = self._q(f"CALL db.index.fulltext.queryNodes('{FULLTEXT}', $q) YIELD node AS n, score "
                       f"RETURN n, score, {self._DOCUMENTS} ORDER BY score DESC LIMIT $limit", q=text, limit=limit)
        return [self._node(r["n"], r["documents"]) | {"score": r["score"]} for r in rows]

    def node(self, node_id: str) -> dict | None:
        rows = self._q(f"MATCH (n:{_LABELS} {{id: $id}}) RETURN n, {self._DOCUMENTS}", id=node_id)
        return self._node(rows[0]["n"], rows[0]["documents"]) if rows else None

    @staticmethod
    def _edge_props(r) -> dict:
        props = dict(r)
        for k in ("evidence_documents", "evidence_sentences", "evidence_count", "key"):
            props.pop(k, None)
        return props

    def edges_of(self, node_id: str) -> list[dict]:
        rows = self._q(f"MATCH (n:{_LABELS} {{id: $id}})-[r]-(o:{_LABELS}) "
                       "RETURN r, startNode(r).id AS source, endNode(r).id AS target, o", id=node_id)
        # The edge holds a sample of its evidence; the rest is on the documents, all of which
        # mention this node (they state a fact about it).
        overflow = {row["r"]["key"] for row in rows
                    if (row["r"].get("evidence_count") or 0) > len(row["r"].get("evidence_documents") or [])}
        full: dict[str, list] = {}
        if overflow:
            for e in self._q(f"MATCH (:{_LABELS} {{id: $id}})<-[:MENTIONS]-(d:Document) "
                             "UNWIND range(0, size(d.facts) - 1) AS i WITH d, i WHERE d.facts[i] IN $keys "
                             "RETURN d.facts[i] AS key, d.id AS document, d.sentences[i] AS sentence",
                             id=node_id, keys=sorted(overflow)):
                full.setdefault(e["key"], []).append((e["document"], e["sentence"]))
        out = []
        for row in rows:
            r = row["r"]
            pairs = full.get(r["key"]) or zip(r.get("evidence_documents") or [], r.get("evidence_sentences") or [])
            evidence = [{"document": d, "sentence": s} for d, s in sorted(set(pairs))]
            other = self._node(row["o"], [])
            out.append({**self._edge_props(r), "type": r.type, "evidence": evidence, "source": row["source"],
                        "target": row["target"], "direction": "out" if row["source"] == node_id else "in",
                        "other": other["id"], "other_name": other["name"], "other_label": other["label"]})
        return sorted(out, key=lambda e: (e["type"], e["other_name"]))

    def dump(self) -> dict:
        documents, evidence = {}, {}
        for r in self._q("MATCH (d:Document) RETURN d"):
            d = r["d"]
            documents[d["id"]] = {k: d.get(k) for k in ("path", "title", "published", "publisher")}
            for key, sentence in zip(d.get("facts") or [], d.get("sentences") or []):
                evidence.setdefault(key, set()).add((d["id"], sentence))
        nodes = sorted((self._node(r["n"], r["documents"]) for r in self._q(f"MATCH (n:{_LABELS}) RETURN n, {self._DOCUMENTS}")),
                       key=lambda n: n["id"])
        edges = []
        for r in self._q(f"MATCH (a:{_LABELS})-[r]->(b:{_LABELS}) RETURN a.id AS s, b.id AS t, r"):
            key = r["r"]["key"]
            edges.append({"source": r["s"], "target": r["t"], "key": key, "type": r["r"].type,
                          "evidence": [{"document": d, "sentence": s} for d, s in sorted(evidence.get(key, ()))],
                          **self._edge_props(r["r"])})
        edges.sort(key=lambda e: (e["source"], e["target"], e["key"]))
        return {"format": 1, "documents": dict(sorted(documents.items())), "nodes": nodes, "edges": edges}

"""The embedded store: a networkx MultiDiGraph persisted to one JSON file.

Writes go to a temporary file that is renamed over the old one, so a crash leaves either
the old graph or the new one, never half of one.

Several processes may write one file (two loads, a load and the API server): one writer at a
time holds an OS lock on a sidecar file (PATH.lock), and a writer whose file changed since it
read it re-reads it and merges its own pending documents on top before writing, so nothing any
writer saved is lost. Readers need no lock: the file is only ever replaced whole.
"""
from __future__ import annotations

import bisect
import glob
import itertools
import json
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from .model import EDGE_TYPES, NODE_LABELS, DocumentGraph
from .store import Store, StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None

FORMAT = 1
STALE_TEMPORARY_SECONDS = 600
# Graph versions are unique in the process, not per graph: a graph read anew must never match
# an index cached for another graph (queries/embedded.py caches per version).
_VERSIONS = itertools.count(1)


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return  # not POSIX: renames cannot be made durable this way
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _evidence_key(item: dict) -> tuple[str, str]:
    return item["document"], item["sentence"]


def _insort_unique(items: list, item, key=None) -> None:
    """Insert into a sorted list unless present: provenance lists of busy nodes (a region
    named by thousands of documents) grow long, and re-sorting them on every merge is quadratic."""
    k = key(item) if key else item
    i = bisect.bisect_left(items, k, key=key)
    if i == len(items) or (key(items[i]) if key else items[i]) != k:
        items.insert(i, item)


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextmanager
def writer_lock(path: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the exclusive writer lock of the graph file `path`; if another process holds it,
    call `on_wait` once and wait. The lock file is removed on release, so it leaves nothing
    behind; a waiter that then wins the lock of the removed file sees that it no longer is the
    file at that path and locks again. The kernel releases the lock of a killed writer."""
    if fcntl is None:  # pragma: no cover - no flock: one writer at a time is up to the user
        yield
        return
    lock, warned = _lock_path(path), False
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not warned and on_wait is not None:
                    on_wait()
                warned = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                current = os.stat(lock)
            except FileNotFoundError:
                current = None
            mine = os.fstat(fd)
        except BaseException:
            os.close(fd)
            raise
        if current is not None and (current.st_dev, current.st_ino) == (mine.st_dev, mine.st_ino):
            break
        os.close(fd)  # the holder before us removed this lock file: lock the current one
    try:
        yield
    finally:
        try:
            os.unlink(lock)  # while still holding it, so no one can lock it unnoticed
        except OSError:
            pass
        os.close(fd)


def _signature(st: os.stat_result | None) -> tuple | None:
    return None if st is None else (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def check_dump(data) -> None:
    """Raise ValueError unless `data` has the shape every part of the store relies on, so a
    damaged or foreign file is refused when it is opened, not halfway through a command."""
    if not isinstance(data, dict):
        raise ValueError(f"a JSON {type(data).__name__}, not a graph object")
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown format {data.get('format')!r}")
    documents, nodes, edges = data.get("documents"), data.get("nodes"), data.get("edges")
    if not isinstance(documents, dict) or not all(isinstance(d, dict) for d in documents.values()):
        raise ValueError("'documents' is not an object of document objects")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise ValueError("'nodes' and 'edges' must be lists")
    ids = set()
    for i, n in enumerate(nodes):
        if not isinstance(n, dict):
            raise ValueError(f"node {i} is not an object")
        for k in ("id", "name"):
            if not isinstance(n.get(k), str):
                raise ValueError(f"node {i} has no string {k!r}")
        if n.get("label") not in NODE_LABELS:
            raise ValueError(f"node {n['id']!r} has no known label (got {n.get('label')!r})")
        if not _is_str_list(n.get("aliases", [])) or not _is_str_list(n.get("documents", [])):
            raise ValueError(f"node {n['id']!r}: 'aliases' and 'documents' must be lists of strings")
        ids.add(n["id"])
    for i, e in enumerate(edges):
        if not isinstance(e, dict):
            raise ValueError(f"edge {i} is not an object")
        for k in ("source", "target", "key"):
            if not isinstance(e.get(k), str):
                raise ValueError(f"edge {i} has no string {k!r}")
        if e.get("type") not in EDGE_TYPES:
            raise ValueError(f"edge {i} has no known type (got {e.get('type')!r})")
        for k in ("source", "target"):
            if e[k] not in ids:
                raise ValueError(f"edge {i}: its {k} {e[k]!r} is not a node")
        evidence = e.get("evidence", [])
        if not isinstance(evidence, list) or not all(
                isinstance(x, dict) and isinstance(x.get("document"), str) and isinstance(x.get("sentence"), str)
                for x in evidence):
            raise ValueError(f"edge {i}: 'evidence' must be a list of {{document, sentence}} objects")


def _merge_into(g: nx.MultiDiGraph, documents: dict, graph: DocumentGraph) -> tuple[int, int]:
    doc = graph.document
    documents[doc.id] = {"path": doc.path, "title": doc.title, "published": doc.published, "publisher": doc.publisher}
    added_nodes = added_edges = 0
    for node in graph.nodes:
        data = node.to_json()
        if node.id not in g:
            g.add_node(node.id, label=node.label, name=node.name, aliases=[], documents=[])
            added_nodes += 1
        attrs = g.nodes[node.id]
        if node.name != attrs["name"] or not set(node.aliases) <= set(attrs["aliases"]):
            names = {attrs["name"], node.name, *attrs["aliases"], *node.aliases}
            # The canonical name is the longest spelling seen, so load order does not matter.
            attrs["name"] = min(names, key=lambda n: (-len(n), n))
            attrs["aliases"] = sorted(names - {attrs["name"]})
        _insort_unique(attrs["documents"], doc.id)
        for k, v in data.items():
            if k not in ("id", "label", "name", "aliases") and attrs.get(k) is None:
                attrs[k] = v
    for edge in graph.edges:
        data = edge.to_json()
        key = edge.store_key
        if not g.has_edge(edge.source, edge.target, key):
            g.add_edge(edge.source, edge.target, key=key, type=edge.type, evidence=[])
            added_edges += 1
        attrs = g.edges[edge.source, edge.target, key]
        if edge.evidence:
            _insort_unique(attrs["evidence"], {"document": doc.id, "sentence": edge.evidence}, key=_evidence_key)
        for k, v in data.items():
            if k not in ("type", "source", "target", "evidence") and attrs.get(k) is None:
                attrs[k] = v
    # Queries cache indexes per graph version (queries/embedded.py); a merge invalidates them.
    g.graph["version"] = next(_VERSIONS)
    return added_nodes, added_edges


class EmbeddedStore(Store):
    def __init__(self, path: Path, on_wait: Callable[[str], None] | None = None):
        self.path = path
        self.uri = f"file:{path}"
        # Told once (a message) when a save has to wait for another writer; default: stderr.
        self.on_wait = on_wait
        self.graph = nx.MultiDiGraph()
        self.graph.graph["version"] = next(_VERSIONS)
        self.documents: dict[str, dict] = {}
        self.dirty = False
        self._pending: list[DocumentGraph] = []  # merged since the last save: re-merged if the file changed
        self._signature: tuple | None = None  # of the file as last read or written; None: no file
        self._mutex = threading.RLock()  # the API's threads: a reload never swallows a merge
        self._warned = False
        if path.exists():
            self._install(*self._read())

    @classmethod
    def from_uri(cls, uri: str) -> "EmbeddedStore":
        return cls(Path(uri[len("file:"):] if uri.startswith("file:") else uri))

    def _read(self) -> tuple[nx.MultiDiGraph, dict, tuple | None]:
        """The file as (graph, documents, signature); the signature is taken from the open file,
        so it describes exactly what was read even if a writer replaces the file meanwhile."""
        try:
            try:
                f = open(self.path, "rb")
            except FileNotFoundError:
                g = nx.MultiDiGraph()
                g.graph["version"] = next(_VERSIONS)
                return g, {}, None
            with f:
                st = os.fstat(f.fileno())
                data = json.loads(f.read().decode("utf-8"))
            check_dump(data)
            g = nx.MultiDiGraph()
            # Provenance lists a hand-made file may leave out are there for later merges to extend
            # (added last: the key order is what is written back, byte for byte).
            for n in data["nodes"]:
                g.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
                g.nodes[n["id"]].setdefault("aliases", [])
                g.nodes[n["id"]].setdefault("documents", [])
            for e in data["edges"]:
                g.add_edge(e["source"], e["target"], key=e["key"],
                           **{k: v for k, v in e.items() if k not in ("source", "target", "key")})
                g.edges[e["source"], e["target"], e["key"]].setdefault("evidence", [])
            g.graph["version"] = next(_VERSIONS)
        except RecursionError:
            raise StoreError(f"{self.path}: not a readable yilian graph file (JSON nested too deeply)") from None
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise StoreError(f"{self.path}: not a readable yilian graph file ({err})") from err
        return g, data["documents"], _signature(st)

    def _install(self, graph: nx.MultiDiGraph, documents: dict, signature: tuple | None) -> None:
        # Readers in other threads hold on to the graph they started with; they see the new one
        # on their next request, never one half rebuilt.
        self.graph, self.documents, self._signature = graph, documents, signature

    def _file_signature(self) -> tuple | None:
        try:
            return _signature(os.stat(self.path))
        except FileNotFoundError:
            return None
        except OSError as err:
            raise StoreError(f"{self.path}: not a readable yilian graph file ({err})") from err

    def changed_elsewhere(self) -> bool:
        return not self.dirty and self._file_signature() != self._signature

    def refresh(self) -> bool:
        """Reload the file if another process changed it and nothing merged here awaits saving
        (the next save merges those on top of the file anyway). Returns whether it reloaded.
        Skips, rather than waits, while this store is busy writing."""
        if not self._mutex.acquire(blocking=False):
            return False
        try:
            if self.dirty or self._file_signature() == self._signature:
                return False
            self._install(*self._read())
            return True
        finally:
            self._mutex.release()

    def data_version(self) -> int:
        return self.graph.graph["version"]  # every merge and every reload takes a new one

    def merge(self, graph: DocumentGraph) -> tuple[int, int]:
        with self._mutex:
            added = _merge_into(self.graph, self.documents, graph)
            self._pending.append(graph)
            self.dirty = True
            return added

    def dump(self) -> dict:
        return {
            "format": FORMAT,
            "documents": dict(sorted(self.documents.items())),
            "nodes": [{"id": n, **a} for n, a in sorted(self.graph.nodes(data=True))],
            "edges": [{"source": u, "target": v, "key": k, **a} for u, v, k, a in sorted(self.graph.edges(keys=True, data=True), key=lambda x: (x[0], x[1], x[2]))],
        }

    def flush(self) -> None:
        if not self.dirty:
            return
        with self._mutex:
            if not self.dirty:
                return
            folder = self.path.parent if str(self.path.parent) else Path(".")
            try:
                folder.mkdir(parents=True, exist_ok=True)
                with writer_lock(self.path, self._waiting):
                    if self._file_signature() != self._signature:
                        # Another writer saved since we read: build on what it wrote.
                        graph, documents, signature = self._read()
                        for pending in self._pending:
                            _merge_into(graph, documents, pending)
                        self._install(graph, documents, signature)
                    self._write(folder)
            except OSError as err:
                raise StoreError(f"{self.path}: cannot write the graph ({err})") from err
            self._pending.clear()
            self.dirty = False
        self._remove_stale_temporaries(folder)

    def _waiting(self) -> None:
        if self._warned:
            return
        self._warned = True
        message = f"waiting for another writer on {self.path} …"
        if self.on_wait is not None:
            self.on_wait(message)
        else:
            print(message, file=sys.stderr, flush=True)

    def _write(self, folder: Path) -> None:
        """Replace the file with the graph (under the writer lock) and remember its signature."""
        data = self.dump()
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
            # A string no UTF-8 can hold (a lone surrogate, e.g. from an imported file) is
            # written as its JSON escape, which reads back as the same string: never a
            # failed save that loses the batch.
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as f:
                json.dump(data, f, ensure_ascii=False, indent=0)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            tmp = None
            # Taken after the rename, which may change the ctime; we hold the lock, so it is ours.
            self._signature = self._file_signature()
            _fsync_folder(folder)  # the rename itself survives a power cut
        finally:
            if tmp is not None:  # a failed write (disk full, …) leaves no half-written temporary file
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def _remove_stale_temporaries(self, folder: Path) -> None:
        """Temporary files of writers killed mid-write (SIGKILL, power cut): never renamed, never
        read; removed once they are clearly abandoned, not while another writer may be using one."""
        cutoff = time.time() - STALE_TEMPORARY_SECONDS
        for old in folder.glob(f".{glob.escape(self.path.name)}.*.tmp"):
            try:
                if old.stat().st_mtime < cutoff:
                    old.unlink()
            except OSError:
                pass


    def stats(self) -> dict:
        return {
            "documents": len(self.documents),
            "nodes": dict(sorted(Counter(a["label"] for _, a in self.graph.nodes(data=True)).items())),
            "edges": dict(sorted(Counter(a["type"] for _, _, a in self.graph.edges(data=True)).items())),
        }

    def find(self, name: str, limit: int = 10) -> list[dict]:
        hits = []
        for n, a in self.graph.nodes(data=True):
            names = [a["name"], *a.get("aliases", [])]
            if name in names:
                hits.append((0, n, a))
            elif any(name in x for x in names):
                hits.append((1, n, a))
        hits.sort(key=lambda h: (h[0], len(h[2]["name"]), h[1]))
        return [{"id": n, **a} for _, n, a in hits[:limit]]

    def node(self, node_id: str) -> dict | None:
        return {"id": node_id, **self.graph.nodes[node_id]} if node_id in self.graph else None

    def edges_of(self, node_id: str) -> list[dict]:
        if node_id not in self.graph:
            return []
        out = []
        for u, v, a in list(self.graph.out_edges(node_id, data=True)) + list(self.graph.in_edges(node_id, data=True)):
            other = v if u == node_id else u
            out.append({**a, "source": u, "target": v, "direction": "out" if u == node_id else "in",
                        "other": other, "other_name": self.graph.nodes[other]["name"],
                        "other_label": self.graph.nodes[other]["label"]})
        return sorted(out, key=lambda e: (e["type"], e["other_name"]))

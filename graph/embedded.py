"""The embedded store: a networkx MultiDiGraph persisted to one JSON file.

Writes go to a temporary file that is renamed over the old one, so a crash leaves either
the old graph or the new one, never half of one.
"""
from __future__ import annotations

import bisect
import glob
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

import networkx as nx

from .model import DocumentGraph
from .store import Store, StoreError

FORMAT = 1
STALE_TEMPORARY_SECONDS = 600


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


class EmbeddedStore(Store):
    def __init__(self, path: Path):
        self.path = path
        self.uri = f"file:{path}"
        self.graph = nx.MultiDiGraph()
        self.documents: dict[str, dict] = {}
        self.dirty = False
        if path.exists():
            self._read()

    def _read(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(f"unknown format {data.get('format')!r}")
            self.documents = data["documents"]
            for n in data["nodes"]:
                self.graph.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
            for e in data["edges"]:
                self.graph.add_edge(e["source"], e["target"], key=e["key"],
                                    **{k: v for k, v in e.items() if k not in ("source", "target", "key")})
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise StoreError(f"{self.path}: not a readable yilian graph file ({err})") from err

    def merge(self, graph: DocumentGraph) -> tuple[int, int]:
        doc = graph.document
        self.documents[doc.id] = {"path": doc.path, "title": doc.title, "published": doc.published, "publisher": doc.publisher}
        added_nodes = added_edges = 0
        for node in graph.nodes:
            data = node.to_json()
            if node.id not in self.graph:
                self.graph.add_node(node.id, label=node.label, name=node.name, aliases=[], documents=[])
                added_nodes += 1
            attrs = self.graph.nodes[node.id]
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
            if not self.graph.has_edge(edge.source, edge.target, key):
                self.graph.add_edge(edge.source, edge.target, key=key, type=edge.type, evidence=[])
                added_edges += 1
            attrs = self.graph.edges[edge.source, edge.target, key]
            if edge.evidence:
                _insort_unique(attrs["evidence"], {"document": doc.id, "sentence": edge.evidence}, key=_evidence_key)
            for k, v in data.items():
                if k not in ("type", "source", "target", "evidence") and attrs.get(k) is None:
                    attrs[k] = v
        self.dirty = True
        # Queries cache indexes per graph version (queries/embedded.py); a merge invalidates them.
        self.graph.graph["version"] = self.graph.graph.get("version", 0) + 1
        return added_nodes, added_edges

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
        data = self.dump()
        folder = self.path.parent if str(self.path.parent) else Path(".")
        tmp = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, indent=0)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            tmp = None
            _fsync_folder(folder)  # the rename itself survives a power cut
        except OSError as err:
            raise StoreError(f"{self.path}: cannot write the graph ({err})") from err
        finally:
            if tmp is not None:  # a failed write (disk full, …) leaves no half-written temporary file
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
        self.dirty = False
        self._remove_stale_temporaries(folder)

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

"""The store interface, and `open_store` to pick a backend from a URI.

One concrete class per backend: EmbeddedStore (networkx file, the zero-setup default) and
Neo4jStore (the system of record). Every store merges DocumentGraphs idempotently: node ids are
deterministic, provenance (documents, evidence) accumulates, nothing is overwritten.
"""
from __future__ import annotations

import importlib
import os
from abc import ABC, abstractmethod
from collections.abc import Iterable

from .model import DocumentGraph

DEFAULT_STORE = "file:yilian.graph.json"


class StoreError(RuntimeError):
    """A store that cannot be opened or written; the message says which and why."""


class Store(ABC):
    uri: str

    @abstractmethod
    def merge(self, graph: DocumentGraph) -> tuple[int, int]:
        """Merge one document's graph; return (nodes added, edges added)."""

    def merge_many(self, graphs: Iterable[DocumentGraph]) -> tuple[int, int]:
        """Merge documents in order; a backend may group them into fewer, larger writes,
        but always whole documents, so an interrupted load leaves a prefix of them."""
        added_nodes = added_edges = 0
        for graph in graphs:
            n, e = self.merge(graph)
            added_nodes += n
            added_edges += e
        return added_nodes, added_edges

    @abstractmethod
    def flush(self) -> None:
        """Make every merged document durable."""

    def refresh(self) -> bool:
        """Catch up with what other processes saved since this store read it; whether anything
        changed. Only the embedded file needs this (Neo4j is always current)."""
        return False

    def changed_elsewhere(self) -> bool:
        """Whether `refresh` has something to read; cheap (a stat at most), so it may run on the
        event loop while the reading itself goes to a worker thread."""
        return False

    def data_version(self) -> object | None:
        """A value that changes whenever the stored data may have changed (answers computed at
        one version can be served again at the same version); None when unknown."""
        return None

    @abstractmethod
    def stats(self) -> dict:
        """{"documents": n, "nodes": {label: n}, "edges": {type: n}}"""

    @abstractmethod
    def find(self, name: str, limit: int = 10) -> list[dict]:
        """Nodes whose name or alias equals or contains `name`, exact matches first."""

    @abstractmethod
    def node(self, node_id: str) -> dict | None:
        """One node with its properties, or None."""

    @abstractmethod
    def edges_of(self, node_id: str) -> list[dict]:
        """Edges touching a node, with the other end's name and the evidence."""

    @abstractmethod
    def dump(self) -> dict:
        """The whole graph: {"format", "documents": {id: meta}, "nodes": [...], "edges": [...]}."""

    @classmethod
    def from_uri(cls, uri: str) -> "Store":
        """Open the store a URI of this backend's scheme names."""
        raise NotImplementedError(f"{cls.__name__} cannot be opened from a URI")

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# Backends by URI scheme, imported on first use (as fsspec's `known_implementations`), so this
# module names no backend module and a backend may import the interface above freely.
BACKENDS = {
    "file": "yilian.graph.embedded:EmbeddedStore",
    **{scheme: "yilian.graph.neo4j_store:Neo4jStore"
       for scheme in ("bolt", "neo4j", "bolt+s", "neo4j+s", "bolt+ssc", "neo4j+ssc")},
}


def register_store(scheme: str, target: str) -> None:
    """Serve `scheme://…` (or `scheme:…`) URIs with the class at "module:Class"; it needs a `from_uri(uri)`."""
    BACKENDS[scheme] = target


def scheme_of(uri: str) -> str:
    """The URI's scheme; a plain path (no `scheme://`, no `file:`) is a file. Not `urlsplit`,
    which would read a Windows drive (`C:\\graph.json`) as a scheme."""
    head, sep, _ = uri.partition("://")
    if sep and head and all(c.isalnum() or c in "+.-" for c in head):
        return head.lower()
    return "file"


def store_class(scheme: str) -> type[Store]:
    try:
        target = BACKENDS[scheme]
    except KeyError:
        raise StoreError(f"unknown store scheme {scheme!r}; known: file:PATH, "
                         + ", ".join(f"{s}://" for s in BACKENDS if s != "file")) from None
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def open_store(uri: str | None = None) -> Store:
    uri = uri or os.environ.get("YILIAN_STORE") or DEFAULT_STORE
    return store_class(scheme_of(uri)).from_uri(uri)

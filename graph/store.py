"""The store interface, and `open_store` to pick a backend from a URI.

One concrete class per backend: EmbeddedStore (networkx file, the zero-setup default) and
Neo4jStore (the system of record). Every store merges DocumentGraphs idempotently: node ids are
deterministic, provenance (documents, evidence) accumulates, nothing is overwritten.
"""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable
from pathlib import Path

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

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(uri: str | None = None) -> Store:
    uri = uri or os.environ.get("YILIAN_STORE") or DEFAULT_STORE
    if uri.startswith(("bolt://", "neo4j://", "bolt+s://", "neo4j+s://", "bolt+ssc://", "neo4j+ssc://")):
        from .neo4j_store import Neo4jStore

        return Neo4jStore(uri)
    from .embedded import EmbeddedStore

    path = uri[len("file:"):] if uri.startswith("file:") else uri
    return EmbeddedStore(Path(path))

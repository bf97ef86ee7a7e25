"""The graph model shared by loaders, stores and queries: plain dataclasses.

Node ids are derived from the label and the entity's canonical key, so the same entity
gets the same id in every document and every run (re-loading is idempotent).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

NODE_LABELS = ("Hospital", "Organization", "Person", "Region", "Alliance")
EDGE_TYPES = ("LEADS", "JOINS", "SIGNS", "HOLDS", "LOCATED_IN", "PART_OF")
# Evidence an edge carries itself (its smallest (document, sentence) pairs) and that queries
# return; the rest is counted on the edge and listed by the documents (docs/graph-model.md).
EVIDENCE_SAMPLE = 3


def node_id(label: str, key: str) -> str:
    digest = hashlib.sha1(f"{label}\x1f{key}".encode("utf-8")).hexdigest()[:12]
    return f"{label.lower()}-{digest}"


@dataclass
class Node:
    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    props: dict = field(default_factory=dict)  # kind, level, code, specialty, founded, member_count …

    def to_json(self) -> dict:
        out = {"id": self.id, "label": self.label, "name": self.name, "aliases": sorted(self.aliases)}
        out.update({k: v for k, v in self.props.items() if v is not None})
        return out


@dataclass
class Edge:
    type: str
    source: str
    target: str
    evidence: str | None = None
    props: dict = field(default_factory=dict)  # role, since, date, kind, title

    @property
    def key(self) -> tuple:
        # SIGNS is symmetric; HOLDS differs by title only when the title differs.
        ends = tuple(sorted((self.source, self.target))) if self.type == "SIGNS" else (self.source, self.target)
        return (self.type, *ends, self.props.get("title"))

    @property
    def store_key(self) -> str:
        """The key a store merges this edge on (a string, as stores need)."""
        return json.dumps(self.key, ensure_ascii=False)

    def to_json(self) -> dict:
        out = {"type": self.type, "source": self.source, "target": self.target}
        if self.evidence is not None:
            out["evidence"] = self.evidence
        out.update({k: v for k, v in self.props.items() if v is not None})
        return out


@dataclass
class DocumentMeta:
    id: str
    path: str
    title: str | None
    published: str | None
    publisher: str | None


@dataclass
class DocumentGraph:
    """What one announcement says: the contract object of `yilian extract`."""

    document: DocumentMeta
    nodes: list[Node]
    edges: list[Edge]

    def to_json(self) -> dict:
        return {"document": asdict(self.document), "nodes": [n.to_json() for n in self.nodes],
                "edges": [e.to_json() for e in self.edges]}

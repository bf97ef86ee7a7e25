"""The named query library: `queries/cypher/<name>.cypher`, each with a header saying its
purpose, parameters and an example. `run(store, name, params)` answers it on any store:
the Cypher itself on Neo4j, the equivalent function of `embedded.py` on the embedded store.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from importlib.resources import files

from yilian.graph.store import Store

# Parameters and their defaults; a query may use any subset.
DEFAULTS = {"limit": 20, "kind": None, "specialty": None, "region": None, "as_of": None, "since": None}
INTS = {"limit"}


class QueryError(ValueError):
    """Unknown query or bad parameters; the message says which."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    cypher: str
    purpose: str
    params: str
    example: str

    @cached_property
    def parameters(self) -> list[str]:
        return sorted(set(re.findall(r"\$(\w+)", self.cypher)))

    @cached_property
    def required(self) -> list[str]:
        return [p for p in self.parameters if p not in DEFAULTS]

    @property
    def ordered(self) -> bool:
        return "ORDER BY" in self.cypher


def _header(text: str, key: str) -> str:
    lines, taking = [], False
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        if body.startswith(f"{key}:"):
            taking = True
            lines.append(body[len(key) + 1 :].strip())
        elif taking and not re.match(r"\w+:", body):
            lines.append(body)
        else:
            taking = False
    return " ".join(lines)


@cache
def library() -> dict[str, NamedQuery]:
    out = {}
    for entry in sorted(files("yilian.queries").joinpath("cypher").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".cypher"):
            text = entry.read_text(encoding="utf-8")
            name = entry.name[: -len(".cypher")]
            out[name] = NamedQuery(name, text, _header(text, "purpose"), _header(text, "params"), _header(text, "example"))
    return out


def get(name: str) -> NamedQuery:
    try:
        return library()[name]
    except KeyError:
        raise QueryError(f"no query named {name!r}; known: {', '.join(library())}") from None


def bind(query: NamedQuery, params: dict) -> dict:
    missing = [p for p in query.required if params.get(p) in (None, "")]
    if missing:
        raise QueryError(f"{query.name}: missing parameter(s) {', '.join(missing)}")
    unknown = set(params) - set(query.parameters)
    if unknown:
        raise QueryError(f"{query.name}: unknown parameter(s) {', '.join(sorted(unknown))}; takes {', '.join(query.parameters)}")
    bound = {p: params.get(p, DEFAULTS.get(p)) for p in query.parameters}
    for p in INTS & set(bound):
        try:
            bound[p] = int(bound[p])
        except (TypeError, ValueError):
            raise QueryError(f"{query.name}: {p} must be an integer") from None
    for p in ("as_of", "since"):
        if bound.get(p) not in (None, ""):
            try:
                date.fromisoformat(str(bound[p]))
            except ValueError:
                raise QueryError(f"{query.name}: {p} must be a date YYYY-MM-DD, not {bound[p]!r}") from None
    if "q" in bound and bound["q"]:
        from yilian.loaders.repair import to_simplified
        from yilian.loaders.text import Text

        bound["q"] = to_simplified(Text.of(str(bound["q"]))).value  # 醫院 finds 医院
    return bound


SORTED_LISTS = ("aliases", "documents", "leaders")


def _normalize(rows: list[dict]) -> list[dict]:
    """Evidence as sorted unique (document, sentence) pairs and name lists sorted, whichever
    store answered. Only the fields that need it are touched (a partner list is 100 rows)."""
    if not rows:
        return rows
    lists = [k for k in SORTED_LISTS if k in rows[0]]
    evidence = "evidence" in rows[0]
    for row in rows:
        for k in lists:
            if isinstance(row.get(k), list):
                row[k] = sorted(row[k])
        if evidence and isinstance(row.get("evidence"), list):
            pairs = sorted({(e["document"], e["sentence"]) for e in row["evidence"] if e.get("document")})
            row["evidence"] = [{"document": d, "sentence": s} for d, s in pairs]
    return rows


def run(store: Store, name: str, params: dict | None = None) -> list[dict]:
    query = get(name)
    bound = bind(query, params or {})
    from yilian.graph.neo4j_store import Neo4jStore

    if isinstance(store, Neo4jStore):
        rows = store.rows(query.cypher, bound)
    else:
        from . import embedded

        rows = getattr(embedded, name)(store.graph, store.documents, **bound)
    rows = _normalize(rows)
    return rows if query.ordered else _canonical_order(rows)


def _canonical_order(rows: list[dict]) -> list[dict]:
    """One order for every backend. Sorting on the scalar fields is enough almost always and
    costs a fraction of serialising whole rows (evidence lists included) for the key."""
    if not rows:
        return rows
    fields = [k for k in sorted(rows[0]) if not isinstance(rows[0][k], (list, dict))]
    keys = [tuple([(0, "") if r.get(f) is None else (1, r[f]) for f in fields]) for r in rows]
    if len(set(keys)) < len(keys):
        return sorted(rows, key=lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True, default=str))
    return [r for _, r in sorted(zip(keys, rows), key=lambda kr: kr[0])]

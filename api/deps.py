"""What routes share: the store as a dependency, query-parameter types, paging and node lookup.
Everything here reads `request.app.state`, which `create_app` fills, so one process may hold
several apps (the tests build one per case)."""
import hmac
from datetime import date
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from pydantic import AfterValidator
from starlette.concurrency import run_in_threadpool

from yilian.graph.store import Store

from .models import Link, NodeDetail

MAX_PAGE = 200


async def get_store(request: Request) -> Store:
    # async with the reading offloaded: a sync dependency would cost every request a thread hop
    store = request.app.state.store
    if store.changed_elsewhere():  # another process (a load) saved the embedded file since
        await run_in_threadpool(store.refresh)
    return store


def api_token(request: Request) -> str | None:
    return request.app.state.token


StoreDep = Annotated[Store, Depends(get_store)]
Token = Annotated[str | None, Depends(api_token)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Kind = Annotated[str | None, Query(description="only alliances of this kind")]


def _real_date(value: str | None) -> str | None:
    if value:
        date.fromisoformat(value)  # 2024-13-45 matches the pattern but is no date: ValueError → 422
    return value


AsOf = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="alliances founded / agreements signed by then"),
                 AfterValidator(_real_date)]


def bearer_ok(authorization: str | None, token: str | None) -> bool:
    """`Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 7235), the token compared in constant time."""
    scheme, _, credentials = (authorization or "").strip().partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(credentials.strip().encode(), token.encode())


def page(rows: list, limit: int, offset: int) -> dict:
    return {"total": len(rows), "limit": limit, "offset": offset, "items": rows[offset : offset + limit]}


def require_hospitals(store: Store, *ids: str) -> None:
    """404 unless every id is a hospital in the store."""
    for nid in ids:
        node = store.node(nid)
        if not node or node["label"] != "Hospital":
            raise HTTPException(404, f"no hospital with id {nid}")


def detail(store: Store, nid: str, label: str) -> NodeDetail:
    node = store.node(nid)
    if not node or node["label"] != label:
        raise HTTPException(404, f"no {label.lower()} with id {nid}")
    fixed = ("id", "label", "name", "aliases", "documents")
    links = [Link(**{k: e.get(k) for k in Link.model_fields if k in e}) for e in store.edges_of(nid)]
    return NodeDetail(id=node["id"], label=node["label"], name=node["name"], aliases=node.get("aliases", []),
                      documents=node.get("documents", []), properties={k: v for k, v in node.items() if k not in fixed},
                      links=links)

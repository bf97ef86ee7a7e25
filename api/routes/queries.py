"""The named query library (GET /queries, POST /queries/{name}) and ad-hoc read-only Cypher
(POST /cypher) on a bounded executor of its own."""
import asyncio
import os
from typing import Any

from fastapi import APIRouter, Body, HTTPException, Request

from yilian.queries.library import QueryError, library, run

from ..deps import StoreDep
from ..errors import ERRORS
from ..models import CypherRequest, Error, QueryInfo, QueryRequest

# POST /cypher: seconds per query, and how many may run at once (beyond that: 429), so ad-hoc
# queries cannot take the worker threads every other route needs.
CYPHER_SECONDS = 10
CYPHER_CONCURRENCY = int(os.environ.get("YILIAN_CYPHER_CONCURRENCY", "2") or 2)

router = APIRouter()


@router.get("/queries", response_model=list[QueryInfo])
def queries():
    return [QueryInfo(name=q.name, purpose=q.purpose, params=q.params, example=q.example, parameters=q.parameters)
            for q in library().values()]


@router.post("/queries/{name}", response_model=list[dict[str, Any]], responses=ERRORS)
def run_query(name: str, store: StoreDep, request: QueryRequest = Body(default_factory=QueryRequest)):
    if name not in library():
        raise HTTPException(404, f"no query named {name}")
    try:
        return run(store, name, request.params)
    except QueryError as e:
        raise HTTPException(422, str(e)) from e


@router.post("/cypher", response_model=list[dict[str, Any]],
             responses={403: {"model": Error}, 429: {"model": Error}, 501: {"model": Error}, 504: {"model": Error}, **ERRORS})
async def cypher(request: CypherRequest, store: StoreDep, http: Request):
    """Read-only Cypher on Neo4j: allowed only if Neo4j plans it as a plain read (no LOAD CSV, admin,
    SHOW or TERMINATE commands, no writes); at most 1,000 rows, 4 MB and 10 s; a few at a time."""
    from yilian.graph.cypher_policy import Refused
    from yilian.graph.neo4j_store import CypherFailed, Neo4jStore

    if not isinstance(store, Neo4jStore):
        raise HTTPException(501, "ad-hoc Cypher needs the Neo4j store; this server runs on the embedded store")
    # A query Neo4j cannot interrupt keeps its slot until it really ends, so such queries can
    # never pile up in Neo4j; the route itself answers within the time limit either way.
    cypher_slots, cypher_pool = http.app.state.cypher_slots, http.app.state.cypher_pool
    if not cypher_slots.acquire(blocking=False):
        raise HTTPException(429, f"too many Cypher queries running (at most {CYPHER_CONCURRENCY}); retry shortly",
                            headers={"Retry-After": "2"})

    def work():
        try:
            return store.read_only(request.query, request.params, timeout=CYPHER_SECONDS)
        finally:
            cypher_slots.release()

    future = cypher_pool.submit(work)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), CYPHER_SECONDS + 2)
    except Refused as e:
        raise HTTPException(403, f"refused: {e}") from e
    except CypherFailed as e:
        raise HTTPException(504 if e.timed_out else 422, str(e)) from e
    except asyncio.TimeoutError:
        raise HTTPException(504, f"the query ran longer than {CYPHER_SECONDS} s; it was abandoned") from None

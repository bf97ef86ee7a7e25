"""The HTTP service (FastAPI): resource routes over one store, chosen at start-up and
handed to every route as a dependency. Every fact carries its evidence (document, sentence)."""
import asyncio
import hmac
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import AfterValidator
from starlette.exceptions import HTTPException as StarletteHTTPException
from pydantic import BaseModel, Field

from yilian import __version__
from yilian.graph.model import node_id
from yilian.graph.store import Store, StoreError, open_store
from yilian.queries.library import QueryError, library, run

from . import maps, views
from .cache import ResponseCache

MAX_PAGE = 200
MAX_BODY = 1_000_000
# Request bodies above this many bytes get 413 before they are read (env YILIAN_MAX_BODY).
MAX_REQUEST_BYTES = 8 * 1024 * 1024
# POST /cypher: seconds per query, and how many may run at once (beyond that: 429), so ad-hoc
# queries cannot take the worker threads every other route needs.
CYPHER_SECONDS = 10
CYPHER_CONCURRENCY = int(os.environ.get("YILIAN_CYPHER_CONCURRENCY", "2") or 2)


class Evidence(BaseModel):
    document: str
    sentence: str


class Health(BaseModel):
    status: str
    store: str
    version: str


class Stats(BaseModel):
    documents: int
    nodes: dict[str, int]
    edges: dict[str, int]


class HospitalHit(BaseModel):
    id: str
    name: str
    aliases: list[str]
    kind: str | None = None


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class HospitalPage(Page):
    items: list[HospitalHit]


class Link(BaseModel):
    """An edge seen from one node: what it is, the node at the other end, and why we know."""
    type: str
    direction: str
    other: str
    other_name: str
    other_label: str
    title: str | None = None
    role: str | None = None
    date: str | None = None
    rule: str | None = Field(None, description="the extraction frame or rule that produced the edge")
    evidence: list[Evidence] = []


class NodeDetail(BaseModel):
    id: str
    label: str
    name: str
    aliases: list[str] = []
    documents: list[str] = []
    properties: dict[str, Any] = {}
    links: list[Link]


class Partner(BaseModel):
    partner_id: str
    partner: str
    via: str = Field(description="alliance (shared alliance) or signs (signed agreement)")
    alliance_id: str | None = None
    alliance: str | None = None
    kind: str | None = None
    specialty: str | None = None
    date: str | None = None
    evidence: list[Evidence]


class PartnerPage(Page):
    items: list[Partner]


class AllianceItem(BaseModel):
    id: str
    name: str
    kind: str | None = None
    specialty: str | None = None
    founded: str | None = None
    member_count: int | None = None
    leaders: list[str]
    members: int


class AlliancePage(Page):
    items: list[AllianceItem]


class RegionAlliance(BaseModel):
    alliance_id: str
    alliance: str
    kind: str | None = None
    specialty: str | None = None


class PathResult(BaseModel):
    length: int
    path: list[str]


class Hub(BaseModel):
    id: str
    name: str
    degree: int
    betweenness: float


class County(BaseModel):
    code: str
    name: str


class Coverage(BaseModel):
    region: str
    counties: int
    without_alliance: list[County]
    without_tertiary_link: list[County]


class Step(BaseModel):
    hospital: str
    via: list[str]


class QueryInfo(BaseModel):
    name: str
    purpose: str
    params: str
    example: str
    parameters: list[str]


class QueryRequest(BaseModel):
    params: dict[str, str | int | None] = {}


class CypherRequest(BaseModel):
    query: str = Field(max_length=10_000, examples=["MATCH (h:Hospital) RETURN h.name LIMIT 5"])
    params: dict[str, str | int | float | bool | None] = {}


class Announcement(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_BODY, description="the announcement, plain text or HTML")
    name: str = Field("announcement.txt", pattern=r"^[\w\-.]{1,80}\.(txt|html|htm)$")


class Ingested(BaseModel):
    document: str
    title: str | None
    nodes_added: int
    edges_added: int
    nodes: int
    edges: int


class Error(BaseModel):
    error: str


ERRORS = {404: {"model": Error}, 422: {"model": Error}}


def _real_date(value: str | None) -> str | None:
    if value:
        date.fromisoformat(value)  # 2024-13-45 matches the pattern but is no date: ValueError → 422
    return value


AsOf = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="alliances founded / agreements signed by then"),
                 AfterValidator(_real_date)]


def _bearer_ok(authorization: str | None, token: str | None) -> bool:
    """`Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 7235), the token compared in constant time."""
    scheme, _, credentials = (authorization or "").strip().partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(credentials.strip().encode(), token.encode())
def _page(rows: list, limit: int, offset: int) -> dict:
    return {"total": len(rows), "limit": limit, "offset": offset, "items": rows[offset : offset + limit]}


def _detail(store: Store, nid: str, label: str) -> NodeDetail:
    node = store.node(nid)
    if not node or node["label"] != label:
        raise HTTPException(404, f"no {label.lower()} with id {nid}")
    fixed = ("id", "label", "name", "aliases", "documents")
    links = [Link(**{k: e.get(k) for k in Link.model_fields if k in e}) for e in store.edges_of(nid)]
    return NodeDetail(id=node["id"], label=node["label"], name=node["name"], aliases=node.get("aliases", []),
                      documents=node.get("documents", []), properties={k: v for k, v in node.items() if k not in fixed},
                      links=links)


def create_app(store_uri: str | None = None, token: str | None = None, store: Store | None = None) -> FastAPI:
    """The app over the store at `store_uri` (opened at start-up), or over an open `store`."""
    token = token if token is not None else os.environ.get("YILIAN_API_TOKEN")
    write_lock = threading.Lock()
    cypher_slots = threading.BoundedSemaphore(CYPHER_CONCURRENCY)
    cypher_pool = ThreadPoolExecutor(CYPHER_CONCURRENCY + 2, thread_name_prefix="cypher")

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if store is None:
            app.state.store = open_store(store_uri)
        yield
        if store is None:
            app.state.store.close()

    app = FastAPI(title="yilian", version=__version__, lifespan=lifespan,
                  description="A knowledge graph of Chinese hospital alliances: partners, alliances, regions, "
                              "people, with the sentence every fact comes from.")

    if store is not None:
        app.state.store = store

    @app.exception_handler(StarletteHTTPException)  # also the router's own 404/405
    async def http_error(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        msgs = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return JSONResponse({"error": msgs}, status_code=422)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return JSONResponse({"error": str(exc)}, status_code=503)

    _add_store_outage_handlers(app)
    _add_body_limit_and_cors(app)
    app.include_router(maps.router)  # /map, /map/{code}: the planner's map

    def get_store(request: Request) -> Store:
        store = request.app.state.store
        store.refresh()  # another process (a load) may have saved the embedded file since
        return store

    StoreDep = Annotated[Store, Depends(get_store)]
    Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
    Offset = Annotated[int, Query(ge=0, le=1_000_000)]

    @app.get("/health", response_model=Health)
    def health(store: StoreDep) -> Health:
        return Health(status="ok", store=store.uri.split("@")[-1], version=__version__)

    @app.get("/stats", response_model=Stats)
    def stats(store: StoreDep) -> Stats:
        return Stats(**store.stats())

    @app.get("/hospitals", response_model=HospitalPage, responses=ERRORS)
    def hospitals(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=100, examples=["山大二院"])],
                  limit: Limit = 20, offset: Offset = 0):
        """Hospitals whose name or alias contains `q` (Simplified or Traditional spelling)."""
        return _page(run(store, "hospital_search", {"q": q, "limit": 10_000}), limit, offset)

    @app.get("/hospitals/{id}", response_model=NodeDetail, responses=ERRORS)
    def hospital(id: str, store: StoreDep):
        return _detail(store, id, "Hospital")

    @app.get("/hospitals/{id}/partners", response_model=PartnerPage, responses=ERRORS)
    def partners(id: str, store: StoreDep, kind: str | None = None, specialty: str | None = None,
                 region: Annotated[str | None, Query(pattern=r"^\d{6}$")] = None,
                 as_of: AsOf = None,
                 limit: Limit = 50, offset: Offset = 0):
        """Hospitals sharing an alliance with this one, or that signed with it; filters by alliance kind,
        specialty, the partner's region (GB/T 2260 code, rolled up) and an as-of date."""
        rows = run(store, "partners", {"id": id, "kind": kind, "specialty": specialty, "region": region, "as_of": as_of})
        if not rows:  # only then is the existence check worth a round trip
            node = store.node(id)
            if not node or node["label"] != "Hospital":
                raise HTTPException(404, f"no hospital with id {id}")
        return _page(rows, limit, offset)

    @app.get("/alliances", response_model=AlliancePage, responses=ERRORS)
    def alliances(store: StoreDep, kind: str | None = None, limit: Limit = 50, offset: Offset = 0):
        return _page(run(store, "alliance_list", {"kind": kind, "limit": 1_000_000}), limit, offset)

    @app.get("/alliances/{id}", response_model=NodeDetail, responses=ERRORS)
    def alliance(id: str, store: StoreDep):
        return _detail(store, id, "Alliance")

    @app.get("/people/{id}", response_model=NodeDetail, responses=ERRORS)
    def person(id: str, store: StoreDep):
        return _detail(store, id, "Person")

    @app.get("/regions/{code}", response_model=NodeDetail, responses=ERRORS)
    def region(code: str, store: StoreDep):
        return _detail(store, node_id("Region", code), "Region")

    @app.get("/regions/{code}/alliances", response_model=list[RegionAlliance], responses=ERRORS)
    def region_alliances(code: str, store: StoreDep):
        """Alliances with a leader or member in this region or below it."""
        if not store.node(node_id("Region", code)):
            raise HTTPException(404, f"no region with code {code}")
        return run(store, "alliances_in_region", {"code": code})

    @app.get("/paths", response_model=list[PathResult], responses=ERRORS)
    def paths(store: StoreDep, from_: Annotated[str, Query(alias="from")], to: str):
        """The shortest connection between two hospitals through alliances and agreements."""
        for nid in (from_, to):
            node = store.node(nid)
            if not node or node["label"] != "Hospital":
                raise HTTPException(404, f"no hospital with id {nid}")
        return run(store, "shortest_connection", {"from": from_, "to": to})

    @app.get("/analytics/hubs", response_model=list[Hub])
    def analytics_hubs(store: StoreDep, top: Limit = 10):
        """Hospitals with the most partners (degree) and their betweenness in the partnership graph."""
        from yilian.graph import analytics

        return analytics.hubs(analytics.graph_of(store), top)

    @app.get("/analytics/communities", response_model=list[list[str]])
    def analytics_communities(store: StoreDep):
        from yilian.graph import analytics

        return analytics.communities(analytics.graph_of(store))

    @app.get("/analytics/coverage/{code}", response_model=Coverage, responses=ERRORS)
    def analytics_coverage(code: str, store: StoreDep):
        """Counties of a region with no hospital in any alliance, or none linked to a tertiary hospital."""
        from yilian.graph import analytics

        try:
            return analytics.coverage(analytics.graph_of(store), code)
        except KeyError:
            raise HTTPException(404, f"no region with code {code}") from None

    @app.get("/analytics/referral", response_model=list[Step], responses=ERRORS)
    def analytics_referral(store: StoreDep, from_: Annotated[str, Query(alias="from")], to: str):
        """The referral chain between two hospitals, with the alliances each step uses."""
        from yilian.graph import analytics

        for nid in (from_, to):
            node = store.node(nid)
            if not node or node["label"] != "Hospital":
                raise HTTPException(404, f"no hospital with id {nid}")
        return analytics.referral_path(analytics.graph_of(store), from_, to)

    def graph_and_documents(store: Store):
        from yilian.graph.analytics import graph_of

        if hasattr(store, "documents"):
            return graph_of(store), store.documents
        dump = store.dump()
        return graph_of(store), dump["documents"]

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(store: StoreDep):
        alliances = run(store, "alliance_list", {"limit": 100_000})
        hospitals = sorted(({"id": n["id"], "name": n["name"]} for n in store.dump()["nodes"] if n["label"] == "Hospital"),
                           key=lambda h: h["name"])
        return views.index_page(store.stats(), alliances, hospitals)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str):
        js, css = views.vis_assets()
        if name == "vis-network.min.js":
            return Response(js, media_type="application/javascript")
        if name == "vis-network.css":
            return Response(css, media_type="text/css")
        raise HTTPException(404, f"no static file {name}")

    Kind = Annotated[str | None, Query(description="only alliances of this kind")]

    def _view(store: Store, what: str, target: str, **kw) -> str:
        g, documents = graph_and_documents(store)
        try:
            return views.view_page(g, documents, what, target, **kw)
        except KeyError as e:
            raise HTTPException(404, f"nothing with id {e.args[0]}") from None

    @app.get("/views/hospital/{id}", response_class=HTMLResponse, responses=ERRORS)
    def view_hospital(id: str, store: StoreDep, depth: Annotated[int, Query(ge=1, le=4)] = 2, kind: Kind = None, as_of: AsOf = None):
        """Ego network of a hospital: its alliances, partners, agreements and people."""
        if not (store.node(id) or {}).get("label") == "Hospital":
            raise HTTPException(404, f"no hospital with id {id}")
        return _view(store, "hospital", id, depth=depth, kind=kind or None, as_of=as_of or None)

    @app.get("/views/alliance/{id}", response_class=HTMLResponse, responses=ERRORS)
    def view_alliance(id: str, store: StoreDep):
        """An alliance with its leader, members and the members' regions."""
        if not (store.node(id) or {}).get("label") == "Alliance":
            raise HTTPException(404, f"no alliance with id {id}")
        return _view(store, "alliance", id)

    @app.get("/views/region/{code}", response_class=HTMLResponse, responses=ERRORS)
    def view_region(code: str, store: StoreDep, kind: Kind = None, as_of: AsOf = None):
        """Alliances and hospitals in a region and below it."""
        return _view(store, "region", node_id("Region", code), kind=kind or None, as_of=as_of or None)

    @app.get("/views/path", response_class=HTMLResponse, responses=ERRORS)
    def view_path(store: StoreDep, from_: Annotated[str, Query(alias="from")], to: str):
        """The referral path between two hospitals with the alliances it uses."""
        return _view(store, "path", from_, other=to)

    @app.get("/queries", response_model=list[QueryInfo])
    def queries():
        return [QueryInfo(name=q.name, purpose=q.purpose, params=q.params, example=q.example, parameters=q.parameters)
                for q in library().values()]

    @app.post("/queries/{name}", response_model=list[dict[str, Any]], responses=ERRORS)
    def run_query(name: str, store: StoreDep, request: QueryRequest = Body(default_factory=QueryRequest)):
        if name not in library():
            raise HTTPException(404, f"no query named {name}")
        try:
            return run(store, name, request.params)
        except QueryError as e:
            raise HTTPException(422, str(e)) from e

    @app.post("/cypher", response_model=list[dict[str, Any]],
              responses={403: {"model": Error}, 429: {"model": Error}, 501: {"model": Error}, 504: {"model": Error}, **ERRORS})
    async def cypher(request: CypherRequest, store: StoreDep):
        """Read-only Cypher on Neo4j: allowed only if Neo4j plans it as a plain read (no LOAD CSV, admin,
        SHOW or TERMINATE commands, no writes); at most 1,000 rows, 4 MB and 10 s; a few at a time."""
        from yilian.graph.cypher_policy import Refused
        from yilian.graph.neo4j_store import CypherFailed, Neo4jStore

        if not isinstance(store, Neo4jStore):
            raise HTTPException(501, "ad-hoc Cypher needs the Neo4j store; this server runs on the embedded store")
        # A query Neo4j cannot interrupt keeps its slot until it really ends, so such queries can
        # never pile up in Neo4j; the route itself answers within the time limit either way.
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

    @app.post("/announcements", response_model=Ingested, status_code=201,
              responses={401: {"model": Error}, **ERRORS})
    def ingest(request: Announcement, store: StoreDep, authorization: Annotated[str | None, Header()] = None):
        """Extract an announcement and merge it into the store (needs `Authorization: Bearer <YILIAN_API_TOKEN>`)."""
        if not _bearer_ok(authorization, token):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})
        from yilian.loaders import ReadError, extract_file

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / request.name
            path.write_text(request.text, encoding="utf-8")
            try:
                graph = extract_file(path)
            except ReadError as e:
                raise HTTPException(422, str(e).replace(str(path), request.name)) from e
        with write_lock:
            store.refresh()  # merge on top of the latest saved state; flush re-checks under the file lock
            added_nodes, added_edges = store.merge(graph)
            store.flush()
        return Ingested(document=graph.document.id, title=graph.document.title, nodes_added=added_nodes,
                        edges_added=added_edges, nodes=len(graph.nodes), edges=len(graph.edges))

    return app


def _add_store_outage_handlers(app: FastAPI) -> None:
    """Neo4j stopped, restarting or unreachable: 503 with a JSON error and Retry-After, never a
    500. The driver reconnects on the next request, so the API recovers when Neo4j is back."""
    try:
        from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError
    except ImportError:  # pragma: no cover - neo4j is a dependency
        return

    async def unavailable(request: Request, exc: Exception):
        detail = " ".join(str(exc).split())[:300]
        return JSONResponse({"error": f"the graph database is unavailable, try again shortly ({detail})"},
                            status_code=503, headers={"Retry-After": "5"})

    for exc_class in (ServiceUnavailable, SessionExpired, TransientError):
        app.add_exception_handler(exc_class, unavailable)


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, "").replace("_", "") or default)
    except ValueError:
        return default


def _add_body_limit_and_cors(app: FastAPI) -> None:
    """Request bodies over YILIAN_MAX_BODY bytes (default MAX_REQUEST_BYTES) get 413; CORS is
    off unless YILIAN_CORS_ORIGINS lists origins (comma-separated, or *)."""
    app.add_middleware(_BodyLimit, limit=_env_int("YILIAN_MAX_BODY", MAX_REQUEST_BYTES))
    app.add_middleware(ResponseCache)
    app.add_middleware(_HeadAsGet)
    origins = [o.strip() for o in os.environ.get("YILIAN_CORS_ORIGINS", "").split(",") if o.strip()]
    if origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"], allow_credentials=False)


class _HeadAsGet:
    """HEAD is answered as GET without the body (monitors and link checkers send HEAD)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(message):
            if message["type"] == "http.response.body":
                if not message.get("more_body"):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        return await self.app({**scope, "method": "GET"}, receive, headers_only)


class _BodyLimit:
    """ASGI middleware: a body announced larger than `limit` (Content-Length) is refused before
    it is read; a chunked body is read up to the limit and refused as soon as it passes it."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            if length.isdigit() and int(length) > self.limit:
                return await self._too_large(send)
            return await self.app(scope, receive, send)  # the server stops the body at Content-Length
        if b"transfer-encoding" not in headers:
            return await self.app(scope, receive, send)  # no body
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                return await self._too_large(send)
            if not message.get("more_body"):
                break
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        return await self.app(scope, replay, send)

    async def _too_large(self, send) -> None:
        body = JSONResponse({"error": f"request body too large (limit {self.limit:,} bytes)"}).body
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

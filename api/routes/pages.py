"""HTML pages for planners: the index, network views (rendered by api/views.py) and the
vis-network assets they load from this server."""
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse, Response

from yilian.graph.analytics import graph_and_documents
from yilian.graph.model import node_id
from yilian.graph.store import Store
from yilian.queries.library import run

from .. import views
from ..deps import AsOf, Kind, StoreDep
from ..errors import ERRORS

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(store: StoreDep):
    alliances = run(store, "alliance_list", {"limit": 100_000})
    hospitals = sorted(({"id": n["id"], "name": n["name"]} for n in store.dump()["nodes"] if n["label"] == "Hospital"),
                       key=lambda h: h["name"])
    return views.index_page(store.stats(), alliances, hospitals)


@router.get("/static/{name}", include_in_schema=False)
def static(name: str):
    js, css = views.vis_assets()
    if name == "vis-network.min.js":
        return Response(js, media_type="application/javascript")
    if name == "vis-network.css":
        return Response(css, media_type="text/css")
    raise HTTPException(404, f"no static file {name}")


def _view(store: Store, what: str, target: str, **kw) -> str:
    g, documents = graph_and_documents(store)
    try:
        return views.view_page(g, documents, what, target, **kw)
    except KeyError as e:
        raise HTTPException(404, f"nothing with id {e.args[0]}") from None


@router.get("/views/hospital/{id}", response_class=HTMLResponse, responses=ERRORS)
def view_hospital(id: str, store: StoreDep, depth: Annotated[int, Query(ge=1, le=4)] = 2, kind: Kind = None, as_of: AsOf = None):
    """Ego network of a hospital: its alliances, partners, agreements and people."""
    if not (store.node(id) or {}).get("label") == "Hospital":
        raise HTTPException(404, f"no hospital with id {id}")
    return _view(store, "hospital", id, depth=depth, kind=kind or None, as_of=as_of or None)


@router.get("/views/alliance/{id}", response_class=HTMLResponse, responses=ERRORS)
def view_alliance(id: str, store: StoreDep):
    """An alliance with its leader, members and the members' regions."""
    if not (store.node(id) or {}).get("label") == "Alliance":
        raise HTTPException(404, f"no alliance with id {id}")
    return _view(store, "alliance", id)


@router.get("/views/region/{code}", response_class=HTMLResponse, responses=ERRORS)
def view_region(code: str, store: StoreDep, kind: Kind = None, as_of: AsOf = None):
    """Alliances and hospitals in a region and below it."""
    return _view(store, "region", node_id("Region", code), kind=kind or None, as_of=as_of or None)


@router.get("/views/path", response_class=HTMLResponse, responses=ERRORS)
def view_path(store: StoreDep, from_: Annotated[str, Query(alias="from")], to: str):
    """The referral path between two hospitals with the alliances it uses."""
    return _view(store, "path", from_, other=to)

"""Routes of the planner's map: /map, /map/{code}, and the geometry and renderer it loads
(all from the package: no request leaves the server)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse, Response

from yilian.graph.analytics import graph_and_documents
from yilian.graph.store import Store

from .. import geodata
from ..deps import AsOf, Kind, StoreDep
from ..map_page import map_page

router = APIRouter(tags=["views"])
Specialty = Annotated[str | None, Query(description="only specialty alliances of this specialty")]


def _page(store: Store, code: str | None, kind, specialty, as_of) -> str:
    g, documents = graph_and_documents(store)
    try:
        return map_page(g, documents, code, kind=kind or None, specialty=specialty or None, as_of=as_of or None)
    except KeyError:
        raise HTTPException(404, f"no province or city with code {code}") from None


@router.get("/map", response_class=HTMLResponse)
def china_map(store: StoreDep, kind: Kind = None, specialty: Specialty = None, as_of: AsOf = None):
    """Counties of China coloured by alliance coverage, hospitals and alliance lines on top."""
    return _page(store, None, kind, specialty, as_of)


@router.get("/map/{code}", response_class=HTMLResponse)
def region_map(code: str, store: StoreDep, kind: Kind = None, specialty: Specialty = None, as_of: AsOf = None):
    """The map of one province or city (GB/T 2260 code), down to its counties."""
    return _page(store, code, kind, specialty, as_of)


@router.get("/map/geo/{name}.json", include_in_schema=False)
def geometry(name: str):
    try:
        return Response(geodata.geometry(name), media_type="application/json",
                        headers={"Cache-Control": "public, max-age=86400"})
    except KeyError:
        raise HTTPException(404, f"no map geometry named {name}") from None


@router.get("/map/static/echarts.min.js", include_in_schema=False)
def echarts():
    return Response(geodata.echarts_js(), media_type="application/javascript", headers={"Cache-Control": "public, max-age=86400"})

"""Routes of the planner's map: /map, /map/{code}, and the geometry and renderer it loads
(all from the package: no request leaves the server)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from .. import geodata
from ..map_page import map_page

router = APIRouter(tags=["views"])
AsOf = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="alliances founded by then")]
Kind = Annotated[str | None, Query(description="only alliances of this kind")]
Specialty = Annotated[str | None, Query(description="only specialty alliances of this specialty")]


def _page(request: Request, code: str | None, kind, specialty, as_of) -> str:
    from datetime import date

    from yilian.graph.analytics import graph_of

    if as_of:
        try:
            date.fromisoformat(as_of)
        except ValueError:
            raise HTTPException(422, f"as_of: not a date: {as_of}") from None
    store = request.app.state.store
    store.refresh()  # a load in another process may have saved the embedded file since
    documents = store.documents if hasattr(store, "documents") else store.dump()["documents"]
    try:
        return map_page(graph_of(store), documents, code, kind=kind or None, specialty=specialty or None, as_of=as_of or None)
    except KeyError:
        raise HTTPException(404, f"no province or city with code {code}") from None


@router.get("/map", response_class=HTMLResponse)
def china_map(request: Request, kind: Kind = None, specialty: Specialty = None, as_of: AsOf = None):
    """Counties of China coloured by alliance coverage, hospitals and alliance lines on top."""
    return _page(request, None, kind, specialty, as_of)


@router.get("/map/{code}", response_class=HTMLResponse)
def region_map(code: str, request: Request, kind: Kind = None, specialty: Specialty = None, as_of: AsOf = None):
    """The map of one province or city (GB/T 2260 code), down to its counties."""
    return _page(request, code, kind, specialty, as_of)


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

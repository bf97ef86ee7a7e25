"""Regions (GB/T 2260 codes): one region, and the alliances with a party in it or below it."""
from fastapi import APIRouter, HTTPException

from yilian.graph.model import node_id
from yilian.queries.library import run

from ..deps import StoreDep, detail
from ..errors import ERRORS
from ..models import NodeDetail, RegionAlliance

router = APIRouter()


@router.get("/regions/{code}", response_model=NodeDetail, responses=ERRORS)
def region(code: str, store: StoreDep):
    return detail(store, node_id("Region", code), "Region")


@router.get("/regions/{code}/alliances", response_model=list[RegionAlliance], responses=ERRORS)
def region_alliances(code: str, store: StoreDep):
    """Alliances with a leader or member in this region or below it."""
    if not store.node(node_id("Region", code)):
        raise HTTPException(404, f"no region with code {code}")
    return run(store, "alliances_in_region", {"code": code})

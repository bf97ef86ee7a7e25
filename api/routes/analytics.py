"""/analytics: hubs, communities, coverage of a region's counties, referral chains, computed
over the partnership graph (graph/analytics.py)."""
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from yilian.graph import analytics

from ..deps import Limit, StoreDep, require_hospitals
from ..errors import ERRORS
from ..models import Coverage, Hub, Step

router = APIRouter(prefix="/analytics")


@router.get("/hubs", response_model=list[Hub])
def analytics_hubs(store: StoreDep, top: Limit = 10):
    """Hospitals with the most partners (degree) and their betweenness in the partnership graph."""
    return analytics.hubs(analytics.graph_of(store), top)


@router.get("/communities", response_model=list[list[str]])
def analytics_communities(store: StoreDep):
    return analytics.communities(analytics.graph_of(store))


@router.get("/coverage/{code}", response_model=Coverage, responses=ERRORS)
def analytics_coverage(code: str, store: StoreDep):
    """Counties of a region with no hospital in any alliance, or none linked to a tertiary hospital."""
    try:
        return analytics.coverage(analytics.graph_of(store), code)
    except KeyError:
        raise HTTPException(404, f"no region with code {code}") from None


@router.get("/referral", response_model=list[Step], responses=ERRORS)
def analytics_referral(store: StoreDep, from_: Annotated[str, Query(alias="from")], to: str):
    """The referral chain between two hospitals, with the alliances each step uses."""
    require_hospitals(store, from_, to)
    return analytics.referral_path(analytics.graph_of(store), from_, to)

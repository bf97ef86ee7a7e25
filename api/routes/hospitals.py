"""Hospitals: search by name, one hospital with its links, and its partners."""
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from yilian.queries.library import run

from ..deps import AsOf, Limit, Offset, StoreDep, detail, page
from ..errors import ERRORS
from ..models import HospitalPage, NodeDetail, PartnerPage

router = APIRouter()
SEARCH_CAP = 10_000  # matches one search pages through: a text in most names ("医院") would ship them all


@router.get("/hospitals", response_model=HospitalPage, responses=ERRORS)
def hospitals(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=100, examples=["山大二院"])],
              limit: Limit = 20, offset: Offset = 0):
    """Hospitals whose name or alias contains `q` (Simplified or Traditional spelling), exact
    spellings first, then shorter names; `total` counts at most the first 10,000."""
    return page(run(store, "hospital_search", {"q": q, "limit": SEARCH_CAP}), limit, offset)


@router.get("/hospitals/{id}", response_model=NodeDetail, responses=ERRORS)
def hospital(id: str, store: StoreDep):
    return detail(store, id, "Hospital")


@router.get("/hospitals/{id}/partners", response_model=PartnerPage, responses=ERRORS)
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
    return page(rows, limit, offset)

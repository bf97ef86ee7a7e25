"""GET /paths: the shortest connection between two hospitals."""
from typing import Annotated

from fastapi import APIRouter, Query

from yilian.queries.library import run

from ..deps import StoreDep, require_hospitals
from ..errors import ERRORS
from ..models import PathResult

router = APIRouter()


@router.get("/paths", response_model=list[PathResult], responses=ERRORS)
def paths(store: StoreDep, from_: Annotated[str, Query(alias="from")], to: str):
    """The shortest connection between two hospitals through alliances and agreements."""
    require_hospitals(store, from_, to)
    return run(store, "shortest_connection", {"from": from_, "to": to})

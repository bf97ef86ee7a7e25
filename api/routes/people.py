"""People: one person with the posts they hold and the evidence."""
from fastapi import APIRouter

from ..deps import StoreDep, detail
from ..errors import ERRORS
from ..models import NodeDetail

router = APIRouter()


@router.get("/people/{id}", response_model=NodeDetail, responses=ERRORS)
def person(id: str, store: StoreDep):
    return detail(store, id, "Person")

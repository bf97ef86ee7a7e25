"""Alliances: the list (by kind) and one alliance with its leaders, members and evidence."""
from fastapi import APIRouter

from yilian.queries.library import run

from ..deps import Limit, Offset, StoreDep, detail, page
from ..errors import ERRORS
from ..models import AlliancePage, NodeDetail

router = APIRouter()


@router.get("/alliances", response_model=AlliancePage, responses=ERRORS)
def alliances(store: StoreDep, kind: str | None = None, limit: Limit = 50, offset: Offset = 0):
    return page(run(store, "alliance_list", {"kind": kind, "limit": 1_000_000}), limit, offset)


@router.get("/alliances/{id}", response_model=NodeDetail, responses=ERRORS)
def alliance(id: str, store: StoreDep):
    return detail(store, id, "Alliance")

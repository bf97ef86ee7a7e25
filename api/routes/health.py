"""GET /health and /stats: is the service up, and what the graph holds."""
from fastapi import APIRouter

from yilian import __version__

from ..deps import StoreDep
from ..models import Health, Stats

router = APIRouter()


@router.get("/health", response_model=Health)
def health(store: StoreDep) -> Health:
    return Health(status="ok", store=store.uri.split("@")[-1], version=__version__)


@router.get("/stats", response_model=Stats)
def stats(store: StoreDep) -> Stats:
    return Stats(**store.stats())

"""One router per resource; `create_app` includes `api_router`. A new route goes into the
file of its resource (or a new file here, added to the list below)."""
from fastapi import APIRouter

from . import alliances, analytics, announcements, health, hospitals, maps, pages, paths, people, queries, regions

api_router = APIRouter()
for _module in (health, hospitals, alliances, people, regions, paths, analytics, pages, maps, queries, announcements):
    api_router.include_router(_module.router)

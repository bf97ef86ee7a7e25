"""The HTTP service over a store (FastAPI). This first slice serves health and counts;
issue 4 adds the lookup, search and view routes on the same app and dependency."""

from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from pydantic import BaseModel

from yilian import __version__
from yilian.graph.store import Store, open_store


class Health(BaseModel):
    status: str
    store: str
    version: str


class Stats(BaseModel):
    documents: int
    nodes: dict[str, int]
    edges: dict[str, int]


def create_app(store_uri: str | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.store = open_store(store_uri)
        yield
        app.state.store.close()

    app = FastAPI(title="yilian", version=__version__, lifespan=lifespan,
                  description="A knowledge graph of Chinese hospital alliances.")

    def get_store(request: Request) -> Store:
        return request.app.state.store

    StoreDep = Annotated[Store, Depends(get_store)]

    @app.get("/health", response_model=Health)
    def health(store: StoreDep) -> Health:
        return Health(status="ok", store=store.uri.split("@")[-1], version=__version__)

    @app.get("/stats", response_model=Stats)
    def stats(store: StoreDep) -> Stats:
        return Stats(**store.stats())

    return app

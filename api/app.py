"""The HTTP service (FastAPI), assembled: one store chosen at start-up (handed to every route
as a dependency, api/deps.py), the resource routers (api/routes/), JSON errors (api/errors.py)
and middleware (api/middleware.py). Every fact carries its evidence (document, sentence).

Routes that read are plain `def` functions: FastAPI runs them on its worker threads, so store
calls never block the event loop. POST /cypher alone is async, with its own bounded executor."""
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

from fastapi import FastAPI

from yilian import __version__
from yilian.graph.store import Store, open_store

from . import errors, middleware
from .routes import api_router
from .routes.queries import CYPHER_CONCURRENCY


def create_app(store_uri: str | None = None, token: str | None = None, store: Store | None = None) -> FastAPI:
    """The app over the store at `store_uri` (opened at start-up), or over an open `store`."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if store is None:
            app.state.store = open_store(store_uri)
        yield
        if store is None:
            app.state.store.close()

    app = FastAPI(title="yilian", version=__version__, lifespan=lifespan,
                  description="A knowledge graph of Chinese hospital alliances: partners, alliances, regions, "
                              "people, with the sentence every fact comes from.")
    if store is not None:
        app.state.store = store
    app.state.token = token if token is not None else os.environ.get("YILIAN_API_TOKEN")
    app.state.write_lock = threading.Lock()  # one ingest merges at a time in this process
    app.state.cypher_slots = threading.BoundedSemaphore(CYPHER_CONCURRENCY)
    app.state.cypher_pool = ThreadPoolExecutor(CYPHER_CONCURRENCY + 2, thread_name_prefix="cypher")

    errors.install(app)
    middleware.install(app)
    app.include_router(api_router)
    return app

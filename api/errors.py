"""Every error the API gives is JSON `{"error": "…"}`: HTTP errors (also the router's own
404/405), validation errors (422), a store that fails (503), and Neo4j down (503 + Retry-After)."""
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from yilian.graph.store import StoreError

from .models import Error

ERRORS = {404: {"model": Error}, 422: {"model": Error}}


async def http_error(request: Request, exc: StarletteHTTPException):
    return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=getattr(exc, "headers", None))


async def validation_error(request: Request, exc: RequestValidationError):
    msgs = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    return JSONResponse({"error": msgs}, status_code=422)


async def store_error(request: Request, exc: StoreError):
    return JSONResponse({"error": str(exc)}, status_code=503)


def install(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StoreError, store_error)
    _add_store_outage_handlers(app)


def _add_store_outage_handlers(app: FastAPI) -> None:
    """Neo4j stopped, restarting or unreachable: 503 with a JSON error and Retry-After, never a
    500. The driver reconnects on the next request, so the API recovers when Neo4j is back."""
    try:
        from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError
    except ImportError:  # pragma: no cover - neo4j is a dependency
        return

    async def unavailable(request: Request, exc: Exception):
        detail = " ".join(str(exc).split())[:300]
        return JSONResponse({"error": f"the graph database is unavailable, try again shortly ({detail})"},
                            status_code=503, headers={"Retry-After": "5"})

    for exc_class in (ServiceUnavailable, SessionExpired, TransientError):
        app.add_exception_handler(exc_class, unavailable)

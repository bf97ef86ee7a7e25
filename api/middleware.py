"""ASGI middleware: a limit on request bodies, answers kept per data version (api/cache.py),
HEAD answered as GET, and CORS (off unless YILIAN_CORS_ORIGINS lists origins)."""
import os

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from .cache import DEFAULT_MAX_BYTES, ResponseCache

# Request bodies above this many bytes get 413 before they are read (env YILIAN_MAX_BODY).
MAX_REQUEST_BYTES = 8 * 1024 * 1024


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, "").replace("_", "") or default)
    except ValueError:
        return default


def install(app: FastAPI) -> None:
    """Request bodies over YILIAN_MAX_BODY bytes (default MAX_REQUEST_BYTES) get 413; CORS is
    off unless YILIAN_CORS_ORIGINS lists origins (comma-separated, or *)."""
    app.add_middleware(_BodyLimit, limit=_env_int("YILIAN_MAX_BODY", MAX_REQUEST_BYTES))
    # inside _HeadAsGet, so a HEAD is served from a kept GET
    app.add_middleware(ResponseCache, max_bytes=_env_int("YILIAN_CACHE_BYTES", DEFAULT_MAX_BYTES))
    app.add_middleware(_HeadAsGet)
    origins = [o.strip() for o in os.environ.get("YILIAN_CORS_ORIGINS", "").split(",") if o.strip()]
    if origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"], allow_credentials=False)


class _HeadAsGet:
    """HEAD is answered as GET without the body (monitors and link checkers send HEAD)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(message):
            if message["type"] == "http.response.body":
                if not message.get("more_body"):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        return await self.app({**scope, "method": "GET"}, receive, headers_only)


class _BodyLimit:
    """ASGI middleware: a body announced larger than `limit` (Content-Length) is refused before
    it is read; a chunked body is read up to the limit and refused as soon as it passes it."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            if length.isdigit() and int(length) > self.limit:
                return await self._too_large(send)
            return await self.app(scope, receive, send)  # the server stops the body at Content-Length
        if b"transfer-encoding" not in headers:
            return await self.app(scope, receive, send)  # no body
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                return await self._too_large(send)
            if not message.get("more_body"):
                break
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        return await self.app(scope, replay, send)

    async def _too_large(self, send) -> None:
        body = JSONResponse({"error": f"request body too large (limit {self.limit:,} bytes)"}).body
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

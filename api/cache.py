"""Answers of read routes kept per data version of the store.

The graph changes only when a load or an ingest lands, while planners and API clients ask for
the same hospitals over and over; a GET answer is therefore valid until the store's data
version moves (``Store.data_version``). A hit is answered here, before routing, validation and
serialisation, which is what brings a partner lookup near the framework's own floor.

Only 200 answers of GET routes are kept, at most ``max_bytes`` in all (YILIAN_CACHE_BYTES,
0 = off; least recently used go first); ``/health`` and the static files are never kept. A store whose version is ``None``
(unknown) is never cached. Each answer says ``x-yilian-cache: hit`` or ``miss``.
"""
from __future__ import annotations

from collections import OrderedDict

from starlette.concurrency import run_in_threadpool

UNCACHED_PREFIXES = ("/health", "/static", "/docs", "/redoc", "/openapi.json")
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class ResponseCache:
    """ASGI middleware; the store is read from ``app.state.store`` at each request."""

    def __init__(self, app, max_bytes: int = DEFAULT_MAX_BYTES):
        self.app = app
        self.max_bytes = max_bytes
        self.entries: OrderedDict[tuple, tuple[list, bytes]] = OrderedDict()
        self.size = 0
        self.version = None

    async def __call__(self, scope, receive, send):
        if (self.max_bytes <= 0 or scope["type"] != "http" or scope["method"] != "GET"
                or scope["path"].startswith(UNCACHED_PREFIXES)):
            return await self.app(scope, receive, send)
        store = getattr(scope["app"].state, "store", None)
        if store is None:
            return await self.app(scope, receive, send)
        try:
            if store.changed_elsewhere():  # another process saved the embedded file since
                await run_in_threadpool(store.refresh)
        except Exception:  # a damaged or missing file: the route answers that with its own error
            return await self.app(scope, receive, send)
        version = store.data_version()
        if version is None:
            return await self.app(scope, receive, send)
        if version != self.version:  # the data moved on: nothing kept can be served again
            self.entries.clear()
            self.size = 0
            self.version = version
        key = (version, scope["path"], scope.get("query_string", b""))
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            headers, body = hit
            await send({"type": "http.response.start", "status": 200, "headers": headers + [(b"x-yilian-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return

        start: dict | None = None
        chunks: list[bytes] = []

        async def keep(message):
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                message = {**message, "headers": list(message.get("headers", [])) + [(b"x-yilian-cache", b"miss")]}
            elif message["type"] == "http.response.body" and start is not None and start["status"] == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    self._put(key, list(start.get("headers", [])), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)

    def _put(self, key: tuple, headers: list, body: bytes) -> None:
        cost = len(body) + 256
        if cost > self.max_bytes // 8:  # one huge view must not flush everything else
            return
        if key[0] != self.version:  # computed while the data changed
            return
        if key in self.entries:  # two requests for it missed at once
            return
        self.entries[key] = (headers, body)
        self.size += cost
        while self.size > self.max_bytes:
            _, (_, old) = self.entries.popitem(last=False)
            self.size -= len(old) + 256

"""A small HTTP/1.1 load generator on loopback: C keep-alive connections, each sending one
GET after another for a fixed time. asyncio and raw streams, so the client costs little next
to the server it measures.
"""
from __future__ import annotations

import asyncio
import itertools
import time


async def _worker(host: str, port: int, paths, stop: float, latencies: list[float], errors: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < stop:
            path = next(paths)
            t = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            status = int((await reader.readline()).split()[1])
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - t)
            if status != 200:
                errors.append(status)
    finally:
        writer.close()


def run(host: str, port: int, paths: list[str], seconds: float = 5.0, connections: int = 8) -> dict:
    """Requests/s, p50/p99 latency (ms) and non-200 answers over `seconds`."""
    latencies: list[float] = []
    errors: list[int] = []
    cycle = itertools.cycle(paths)

    async def main() -> float:
        start = time.perf_counter()
        await asyncio.gather(*(_worker(host, port, cycle, start + seconds, latencies, errors) for _ in range(connections)))
        return time.perf_counter() - start

    elapsed = asyncio.run(main())
    latencies.sort()
    return {"requests": len(latencies), "requests_per_s": len(latencies) / elapsed, "errors": len(errors),
            "p50_ms": 1000 * latencies[len(latencies) // 2], "p99_ms": 1000 * latencies[int(len(latencies) * 0.99)],
            "connections": connections}

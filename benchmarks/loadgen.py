"""Load on loopback: C keep-alive connections, each sending one GET after another for a fixed
time. `wrk` (Debian's package, a C load generator) when it is installed, else a small asyncio
client of our own (raw streams, so it costs little next to the server it measures).
"""
from __future__ import annotations

import asyncio
import itertools
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

_WRK_SCRIPT = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""


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
    """Requests/s, p50/p99 latency (ms) and non-200 answers over `seconds` (wrk when installed)."""
    if shutil.which("wrk"):
        return _wrk(host, port, paths, seconds, connections)
    return _asyncio(host, port, paths, seconds, connections)


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _wrk(host: str, port: int, paths: list[str], seconds: float, connections: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "paths.txt").write_text("\n".join(paths) + "\n", encoding="utf-8")
        (Path(tmp) / "paths.lua").write_text(_WRK_SCRIPT % (Path(tmp) / "paths.txt"), encoding="utf-8")
        out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency",
                              "-s", str(Path(tmp) / "paths.lua"), f"http://{host}:{port}"],
                             capture_output=True, text=True, check=True).stdout
    latency = {p: _ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "errors": int(errors.group(1)) if errors else 0, "p50_ms": latency["50"], "p99_ms": latency["99"],
            "connections": connections, "tool": "wrk"}


def _asyncio(host: str, port: int, paths: list[str], seconds: float, connections: int) -> dict:
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
            "connections": connections, "tool": "asyncio client"}

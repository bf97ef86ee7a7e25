"""Run a real local Neo4j Community 5.26 server on this machine's JVM (no Docker).

The server is the tiny launcher in ``neo4j-server/`` (Neo4j's DBMS with Bolt and, given ``http_port``, its web server:
HTTP API and Neo4j Browser), built once with ``neo4j-server/install.sh``.  This module starts it in the background, waits
until Bolt answers, and stops it::

    from pathlib import Path
    from yilian.graph import neo4j_server

    h = neo4j_server.start(neo4j_server.find_free_port(), Path("var/neo4j"), "a-long-password")
    with h.driver() as driver:
        driver.execute_query("RETURN 1")
    neo4j_server.status(Path("var/neo4j"))   # {'running': True, 'pid': ..., 'port': ..., ...}
    neo4j_server.stop(Path("var/neo4j"))

Layout of ``data_dir`` (it is the Neo4j home): ``data/`` the store, ``logs/`` Neo4j's debug/security/query logs,
``neo4j.pid`` the JVM's pid, ``neo4j-server.json`` what status() reports, ``neo4j-server.log`` the JVM's stdout.

Authentication: user ``neo4j`` with the given password (seeded before the first start, re-synchronised on later
starts; Neo4j wants at least 8 characters).  ``password=None`` or ``""`` runs with auth disabled.  ``LOCAL_AUTH`` is
the pair ``yilian neo4j start`` uses when ``NEO4J_AUTH`` is unset, and the one the Neo4j store falls back to, so that
the two agree without any environment.

Environment: ``YILIAN_NEO4J_HOME`` = directory holding ``yilian-neo4j-server.jar`` and ``lib/`` (default:
``<repo>/neo4j-server/target``); ``JAVA_HOME`` picks the JVM; ``YILIAN_NEO4J_JVM_OPTS`` adds JVM flags.

Only the standard library is needed to import this module; the ``neo4j`` driver is imported when a readiness check
or :meth:`ServerHandle.driver` needs it.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "LOCAL_AUTH",
    "Neo4jServerError",
    "ServerHandle",
    "find_free_port",
    "neo4j_home",
    "start",
    "status",
    "stop",
]

JAR_NAME = "yilian-neo4j-server.jar"
CDS_NAME = "neo4j-cds.jsa"
MAIN_MARKER = JAR_NAME  # present in the JVM's command line; guards against pid reuse
PID_FILE = "neo4j.pid"
STATE_FILE = "neo4j-server.json"
LOG_FILE = "neo4j-server.log"
PASSWORD_ENV = "YILIAN_NEO4J_PASSWORD"  # how the password reaches the JVM (never on its command line)
USER = "neo4j"
# A development default, not a secret: the server listens on 127.0.0.1 only unless told otherwise.
LOCAL_AUTH = (USER, "yilian-dev-password")
DEFAULT_HEAP = "1g"
DEFAULT_PAGE_CACHE = "64m"
INSTALL_HINT = "run neo4j-server/install.sh (needs java 17+ and mvn)"


class Neo4jServerError(RuntimeError):
    """The local Neo4j server could not be started, reached or stopped."""


@dataclass
class ServerHandle:
    """A running (or just stopped) local server."""

    pid: int
    port: int
    data_dir: Path
    password: str | None
    host: str = "127.0.0.1"
    http_port: int | None = None
    startup_seconds: float = 0.0
    process: subprocess.Popen | None = field(default=None, repr=False, compare=False)

    @property
    def uri(self) -> str:
        return f"bolt://{self.host}:{self.port}"

    @property
    def browser_url(self) -> str | None:
        """Neo4j Browser, when the server runs with HTTP."""
        return f"http://{self.host}:{self.http_port}/browser/" if self.http_port else None

    @property
    def auth(self) -> tuple[str, str] | None:
        return (USER, self.password) if self.password else None

    @property
    def log_path(self) -> Path:
        return self.data_dir / LOG_FILE

    def driver(self, **kwargs: Any):
        """A new ``neo4j.Driver`` for this server (close it, or use it as a context manager)."""
        import neo4j

        return neo4j.GraphDatabase.driver(self.uri, auth=self.auth, **kwargs)

    def status(self) -> dict:
        return status(self.data_dir)

    def stop(self, timeout: float = 20) -> bool:
        return stop(self.data_dir, timeout=timeout)

    def __enter__(self) -> "ServerHandle":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# ---------------------------------------------------------------------------------------------------------------
# locating java and the built launcher


def neo4j_home() -> Path:
    """Directory with the built launcher jar and ``lib/`` (``YILIAN_NEO4J_HOME`` overrides)."""
    env = os.environ.get("YILIAN_NEO4J_HOME")
    if env:
        home = Path(env).expanduser().resolve()
        # accept the neo4j-server/ project directory as well as its target/
        if not (home / JAR_NAME).exists() and (home / "target" / JAR_NAME).exists():
            home = home / "target"
        return home
    return Path(__file__).resolve().parents[1] / "neo4j-server" / "target"


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if not java:
        raise Neo4jServerError(f"java not found on PATH (and no JAVA_HOME): install a JDK 17+, then {INSTALL_HINT}")
    return java


def _jar() -> Path:
    home = neo4j_home()
    jar = home / JAR_NAME
    if not jar.exists() or not (home / "lib").is_dir():
        raise Neo4jServerError(f"Neo4j launcher not built: {jar} (or its lib/) is missing; {INSTALL_HINT}")
    return jar


def _bytes(size: str) -> int:
    size = size.strip().lower()
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    return int(size[:-1]) * units[size[-1]] if size[-1:] in units else int(size)


def _jvm_options(jar: Path, heap: str) -> list[str]:
    initial = heap if _bytes(heap) < _bytes("256m") else "256m"
    opts = [
        f"-Xmx{heap}",
        f"-Xms{initial}",  # an explicit initial heap also silences Neo4j's JvmChecker warning
        "-XX:+UseG1GC",
        "-XX:-OmitStackTraceInFastThrow",
        "-XX:+DisableExplicitGC",
        "-Djdk.nio.maxCachedBufferSize=1024",
        "-Dio.netty.tryReflectionSetAccessible=true",
        "-Dlog4j2.disable.jmx=true",
        "-Dfile.encoding=UTF-8",
    ]
    cds = jar.parent / CDS_NAME
    if cds.exists() and cds.stat().st_mtime >= jar.stat().st_mtime:
        # class-data-sharing archive made by install.sh: start-up in about half the time
        opts += [f"-XX:SharedArchiveFile={cds}", "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
    opts += shlex.split(os.environ.get("YILIAN_NEO4J_JVM_OPTS", ""))
    return opts


# ---------------------------------------------------------------------------------------------------------------
# processes and state files


def find_free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def _alive(pid: int) -> bool:
    """True while ``pid`` is our launcher JVM (not a zombie, not a recycled pid)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    proc = Path("/proc") / str(pid)
    if proc.exists():
        try:
            stat = (proc / "stat").read_text()
            if stat[stat.rindex(")") + 2 :].startswith(("Z", "X")):
                return False
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            return MAIN_MARKER in cmdline
        except (OSError, ValueError):
            return False
    return True


def _reap(pid: int) -> None:
    """Collect the exit status if ``pid`` is our child, so that it does not linger as a zombie."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except (ChildProcessError, OSError):
        pass


def _read_state(data_dir: Path) -> dict:
    state: dict = {}
    try:
        state = json.loads((data_dir / STATE_FILE).read_text())
    except (OSError, ValueError):
        pass
    try:
        state["pid"] = int((data_dir / PID_FILE).read_text().strip())
    except (OSError, ValueError):
        state.setdefault("pid", None)
    return state


def _clear_state(data_dir: Path) -> None:
    for name in (PID_FILE, STATE_FILE):
        try:
            (data_dir / name).unlink()
        except FileNotFoundError:
            pass


def _rss_mb(pid: int) -> float | None:
    try:
        for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


def _log_tail(path: Path, lines: int = 25) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(text[-lines:])


def status(data_dir: Path) -> dict:
    """What is known about the server of ``data_dir``.

    Keys: ``running`` (bool), ``pid``, ``port``, ``host``, ``uri``, ``bolt_open`` (port accepts TCP),
    ``http_port`` and ``browser`` (Neo4j Browser's URL; None without HTTP), ``rss_mb`` (resident memory of the JVM),
    ``started_at``, ``data_dir``, ``log``.
    """
    data_dir = Path(data_dir).resolve()
    state = _read_state(data_dir)
    pid = state.get("pid")
    running = bool(pid) and _alive(pid)
    port = state.get("port")
    host = state.get("host", "127.0.0.1")
    http_port = state.get("http_port")
    return {
        "running": running,
        "pid": pid,
        "port": port,
        "host": host,
        "uri": f"bolt://{host}:{port}" if port else None,
        "bolt_open": bool(running and port and _port_open(host, port)),
        "http_port": http_port,
        "browser": f"http://{host}:{http_port}/browser/" if http_port else None,
        "rss_mb": _rss_mb(pid) if running else None,
        "started_at": state.get("started_at"),
        "data_dir": str(data_dir),
        "log": str(data_dir / LOG_FILE),
    }


def _check_bolt(uri: str, auth: tuple[str, str] | None) -> None:
    import neo4j

    with neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=5) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS ok")
        if records[0]["ok"] != 1:
            raise Neo4jServerError(f"unexpected answer from {uri}: {records}")


def start(
    port: int,
    data_dir: Path,
    password: str | None,
    wait: float = 120,
    *,
    host: str = "127.0.0.1",
    http_port: int | None = None,
    heap: str = DEFAULT_HEAP,
    page_cache: str = DEFAULT_PAGE_CACHE,
    conf_file: Path | None = None,
) -> ServerHandle:
    """Start the server for ``data_dir`` on ``host:port`` in the background; return once Bolt answers ``RETURN 1``.

    ``http_port`` also starts Neo4j's web server there (HTTP API, Neo4j Browser at ``/browser/``); None: Bolt only.
    If a server of this ``data_dir`` already runs on the same port it is reused (after the same readiness check);
    on another port, :class:`Neo4jServerError` is raised.  On failure or timeout the JVM is stopped and the tail of
    ``data_dir/neo4j-server.log`` is part of the error.
    """
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    auth = (USER, password) if password else None

    current = status(data_dir)
    if current["running"]:
        if current["port"] == port:
            _check_bolt(current["uri"], auth)
            return ServerHandle(pid=current["pid"], port=port, data_dir=data_dir, password=password,
                                host=current["host"], http_port=current["http_port"])
        raise Neo4jServerError(
            f"a Neo4j server for {data_dir} already runs (pid {current['pid']}, port {current['port']}); stop it first"
        )
    _clear_state(data_dir)

    java, jar = _java(), _jar()
    for p in (port, http_port):
        if p and _port_open(host, p):
            raise Neo4jServerError(f"port {host}:{p} is already in use")

    cmd = [java, *_jvm_options(jar, heap), "-jar", str(jar), "--data-dir", str(data_dir), "--host", host,
           "--port", str(port), "--page-cache", page_cache]
    if http_port:
        cmd += ["--http-port", str(http_port)]
    if conf_file is not None:
        cmd += ["--conf-file", str(Path(conf_file).resolve())]
    env = dict(os.environ)
    env.pop(PASSWORD_ENV, None)
    if password:
        env[PASSWORD_ENV] = password
    else:
        cmd.append("--no-auth")

    log_path = data_dir / LOG_FILE
    t0 = time.monotonic()
    with open(log_path, "ab") as log:
        log.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} starting on {host}:{port}\n".encode())
        log.flush()
        log_offset = log.tell()
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=str(data_dir),
            start_new_session=True,  # survives Ctrl-C in the parent's terminal; stop() sends SIGTERM
        )
    (data_dir / PID_FILE).write_text(f"{proc.pid}\n")
    (data_dir / STATE_FILE).write_text(json.dumps({
        "pid": proc.pid, "port": port, "host": host, "uri": f"bolt://{host}:{port}", "http_port": http_port,
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "command": cmd,
    }, indent=2))

    def fail(msg: str) -> Neo4jServerError:
        if proc.poll() is None:
            stop(data_dir, timeout=30)
        else:
            _clear_state(data_dir)
        return Neo4jServerError(f"{msg}\n--- {log_path} (tail) ---\n{_log_tail(log_path)}")

    deadline = t0 + wait
    ready_line = False
    last_error: Exception | None = None
    while True:
        if proc.poll() is not None:
            raise fail(f"Neo4j server exited with code {proc.returncode} during start-up")
        if not ready_line:
            try:
                with open(log_path, "rb") as f:
                    f.seek(log_offset)
                    out = f.read()
            except OSError:
                out = b""
            if b"\nFAILED " in b"\n" + out:
                raise fail("Neo4j server failed to start")
            ready_line = b"READY bolt://" in out
        if ready_line:
            try:
                _check_bolt(f"bolt://{host}:{port}", auth)
                break
            except Exception as e:  # noqa: BLE001 - any driver error means "not yet"
                last_error = e
        if time.monotonic() > deadline:
            raise fail(f"Neo4j server not ready after {wait:.0f}s (last error: {last_error!r})")
        time.sleep(0.2)

    return ServerHandle(pid=proc.pid, port=port, data_dir=data_dir, password=password, host=host, http_port=http_port,
                        startup_seconds=round(time.monotonic() - t0, 2), process=proc)


def stop(data_dir: Path, timeout: float = 20, say=None) -> bool:
    """Stop the server of ``data_dir`` (SIGTERM: clean shutdown with checkpoint; SIGKILL after ``timeout``,
    announced through ``say``: a query stuck in a loop Neo4j cannot interrupt blocks a clean shutdown).

    Returns True if a running server was stopped, False if none was running.  Pid/state files are removed either way.
    """
    data_dir = Path(data_dir).resolve()
    pid = _read_state(data_dir).get("pid")
    if not pid or not _alive(pid):
        if pid:
            _reap(pid)
        _clear_state(data_dir)
        return False
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _reap(pid)
        if not _alive(pid):
            break
        time.sleep(0.1)
    else:
        if say:
            say(f"Neo4j (pid {pid}) did not shut down within {timeout:g} s; killing it (SIGKILL). "
                "The store recovers from its transaction log at the next start.")
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        for _ in range(50):
            _reap(pid)
            if not _alive(pid):
                break
            time.sleep(0.1)
    _clear_state(data_dir)
    return True

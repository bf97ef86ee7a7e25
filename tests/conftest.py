import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "gold"
SCORER = SHARED / "eval" / "score.py"
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = ROOT / "yilian" / "samples"
YILIAN = [sys.executable, "-m", "yilian.cli"]


def pytest_addoption(parser):
    parser.addoption("--long", action="store_true", default=False,
                     help="run the slow fuzz and fault cases at full size (same as YILIAN_LONG_TESTS=1)")


def pytest_configure(config):
    if config.getoption("--long"):
        os.environ["YILIAN_LONG_TESTS"] = "1"  # seen by test modules, xdist workers and subprocesses


def sized(quick, full):
    """How big a slow fuzz or fault case is: `quick` by default, `full` with --long."""
    return full if os.environ.get("YILIAN_LONG_TESTS") == "1" else quick


def run_cli(*args, check=True, **kw):
    proc = subprocess.run([*YILIAN, *map(str, args)], capture_output=True, text=True, **kw)
    if check and proc.returncode != 0:
        raise AssertionError(f"yilian {' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def score(gold_dir: Path, pred_file: Path) -> dict:
    """Run the shared scorer; return {category: F1, 'overall': F1}."""
    proc = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold_dir), "--pred", str(pred_file)],
                          capture_output=True, text=True, check=True)
    result = {}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if line.startswith("overall F1"):
            result["overall"] = float(parts[-1])
        elif len(parts) == 7 and parts[0].replace("_", "").isalpha() and parts[0] != "fact":
            result[parts[0]] = (int(parts[1]), int(parts[2]), int(parts[3]), float(parts[6]))
    result["text"] = proc.stdout
    return result


@pytest.fixture(scope="session")
def seeds_available():
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: CI runs with ../shared beside the checkout")
    return SEEDS


NEO4J_PASSWORD = "yilian-test-password"


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """One real Neo4j 5.26 (local JVM) for the whole test session; under pytest-xdist, one per
    worker that needs it (scripts/test.sh: two), so no test empties a database another uses."""
    from yilian.graph import neo4j_server as ns

    try:
        handle = ns.start(ns.find_free_port(), tmp_path_factory.mktemp("neo4j"), NEO4J_PASSWORD)
    except ns.Neo4jServerError as e:
        pytest.fail(f"cannot start the test Neo4j: {e}")
    yield handle
    handle.stop()


@pytest.fixture(scope="session")
def local_neo4j(tmp_path_factory, seeds_available):
    """The local server as data staff run it: `yilian neo4j start` (HTTP on, for Neo4j Browser), then
    `yilian load ../shared/seeds --store bolt://…`, both with no NEO4J_AUTH (nor YILIAN_STORE) in the
    environment. Yields what the tests need: uri, browser URL, the data folder, that environment and
    the two commands' output."""
    from yilian.graph import neo4j_server as ns

    data = tmp_path_factory.mktemp("local-neo4j")
    port, http_port = ns.find_free_port(), ns.find_free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_AUTH", "YILIAN_STORE")}
    started = run_cli("neo4j", "start", "--port", port, "--http-port", http_port, "--data", data, env=env)
    try:
        uri = f"bolt://127.0.0.1:{port}"
        loaded = run_cli("load", seeds_available, "--store", uri, env=env)
        yield {"uri": uri, "browser": f"http://127.0.0.1:{http_port}/browser/", "data": data, "env": env,
               "start_output": started.stdout, "load_output": loaded.stderr}
    finally:
        run_cli("neo4j", "stop", "--data", data, check=False, env=env)


@pytest.fixture
def neo4j_uri(neo4j_server, monkeypatch):
    """The session's Neo4j, emptied, with credentials in the environment as users give them."""
    monkeypatch.setenv("NEO4J_AUTH", f"neo4j/{NEO4J_PASSWORD}")
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    return neo4j_server.uri


@pytest.fixture(params=["embedded", "neo4j"])
def store_uri(request, tmp_path):
    """Each contract test runs once per backend."""
    if request.param == "embedded":
        return f"file:{tmp_path / 'graph.json'}"
    return request.getfixturevalue("neo4j_uri")


# -- a real browser for the page tests (Debian's chromium, driven by Playwright) -------------------
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM:
        pytest.fail("chromium is not installed (scripts/test.sh installs Debian's chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()

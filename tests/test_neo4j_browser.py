"""Neo4j Browser, served by the local server, in a real headless Chromium (Debian's, driven by
Playwright): log in with the local default credentials, run Cypher, see the table and the drawn
graph. Screenshots go to build/screenshots/neo4j-browser-*.png.

Browser 5.24 asks the internet for four things, none of which it needs to work: web fonts
(fonts.googleapis.com), its usage-analytics script (cdn.segment.com; loaded even though the server
says client.allow_telemetry=false, and then not used), a feedback widget (canny.io) and, now and
then, a crash report of a script error (sentry.io; on by default, a user setting in Browser). The test
refuses every request that leaves 127.0.0.1 and lists them, so it passes the same offline."""
import pytest

from conftest import ARGS, CHROMIUM, ROOT

from yilian.graph.neo4j_server import LOCAL_AUTH

SHOTS = ROOT / "build" / "screenshots"
ALLOWED_OUTSIDE = ("fonts.googleapis.com", "cdn.segment.com", "canny.io", "ingest.sentry.io")


def _run(page, query: str) -> None:
    """Type into the main editor (Monaco) and run with Enter, as a person does."""
    page.locator("[data-testid='activeEditor'] .monaco-editor").first.click()
    page.keyboard.type(query)
    page.keyboard.press("Enter")


def test_log_in_and_query_the_seeds(local_neo4j):
    import neo4j
    from playwright.sync_api import sync_playwright

    with neo4j.GraphDatabase.driver(local_neo4j["uri"], auth=LOCAL_AUTH) as driver:
        hospitals = driver.execute_query("MATCH (h:Hospital) RETURN count(h) AS n").records[0]["n"]
    assert hospitals > 0

    if not CHROMIUM:
        pytest.fail("chromium is not installed (.ci/run installs Debian's chromium)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})

            def refuse(route):
                outside.append(route.request.url)
                route.abort()

            page.route(lambda url: not url.startswith("http://127.0.0.1"), refuse)
            page.goto(local_neo4j["browser"])
            # the connect form, with the Bolt address the server's discovery document gave
            assert local_neo4j["uri"].rsplit(":", 1)[1] in page.get_by_test_id("boltaddress").input_value(timeout=30_000)
            page.get_by_test_id("username").fill(LOCAL_AUTH[0])
            page.get_by_test_id("password").fill(LOCAL_AUTH[1])
            page.get_by_test_id("connect").click()
            page.get_by_text("You are connected as user").wait_for(timeout=30_000)

            _run(page, "MATCH (h:Hospital) RETURN count(h) AS hospitals")
            frame = page.get_by_test_id("frame").filter(has_text="RETURN count(h) AS hospitals").first
            frame.get_by_text("Started streaming 1 records").wait_for(timeout=30_000)
            cells = frame.locator("[data-testid='frameContents']").inner_text()
            assert "hospitals" in cells and str(hospitals) in cells.split(), cells
            page.screenshot(path=SHOTS / "neo4j-browser-count.png")

            _run(page, "MATCH p=(:Hospital)-[:LEADS]->(:Alliance) RETURN p")
            frame = page.get_by_test_id("frame").filter(has_text="RETURN p").first
            frame.locator("svg g.node").first.wait_for(timeout=30_000)
            overview = frame.get_by_test_id("vizInspector").inner_text()
            assert "Hospital" in overview and "Alliance" in overview and "LEADS" in overview, overview
            assert frame.locator("svg g.node").count() >= 2
            page.screenshot(path=SHOTS / "neo4j-browser-graph.png")
        finally:
            browser.close()
    unexpected = [u for u in outside if not any(host in u for host in ALLOWED_OUTSIDE)]
    assert not unexpected, unexpected

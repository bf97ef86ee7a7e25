"""The planners' pages in a real headless Chromium (Debian's, driven by Playwright) against a
live server on the seeds: the network is drawn, the legend is there, a node's tooltip shows
evidence, and no request leaves 127.0.0.1. Screenshots go to build/screenshots/."""
import httpx
import pytest

from conftest import SHOTS, run_cli
from test_api import live_server


@pytest.fixture(scope="module")
def site(seeds_available, tmp_path_factory):
    store = f"file:{tmp_path_factory.mktemp('views') / 'g.json'}"
    run_cli("load", seeds_available, "--store", store)
    with live_server(store) as base:
        yield base


def _open(browser, url, requests):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    return page


def _canvas_is_drawn(page) -> bool:
    """Ink on the canvas within 10 s: the redraw after the page says it rendered is queued for
    the next animation frame, which a loaded machine may run a while later. Every 7th pixel is
    read: a three-node view inks ~50 of every 97th, so a coarser sample failed by layout luck."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function("""() => {
            const c = document.querySelector('#graph canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let ink = 0;
            for (let i = 0; i < d.length; i += 4 * 7) if (d[i + 3] > 0 && (d[i] < 230 || d[i + 1] < 230 || d[i + 2] < 230)) ink++;
            return ink > 50;
        }""", timeout=10_000)
        return True
    except PlaywrightTimeout:
        return False


def test_index_hospital_and_alliance_views(site, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    hospital = httpx.get(f"{site}/hospitals", params={"q": "山大二院"}).json()["items"][0]["id"]
    alliance = next(a["id"] for a in httpx.get(f"{site}/alliances").json()["items"] if a["kind"] == "专科联盟")

    page = _open(browser, site + "/", requests)
    assert "山东大学第二医院" in page.content() and page.locator(".num").count() == 5
    page.screenshot(path=SHOTS / "index.png", full_page=True)
    page.close()

    for name, url in (("hospital", f"/views/hospital/{hospital}"), ("alliance", f"/views/alliance/{alliance}")):
        page = _open(browser, site + url, requests)
        page.wait_for_selector("body[data-rendered='1']", timeout=30_000)
        assert _canvas_is_drawn(page), name
        legend = page.locator("#legend")
        assert legend.is_visible() and "Hospital" in legend.inner_text() and "LEADS" in legend.inner_text()
        page.screenshot(path=SHOTS / f"{name}.png")
        # Hover the focused node and read its tooltip.
        x, y = page.evaluate("""(id) => { const n = window.yilianNetwork;
            const p = n.canvasToDOM(n.getPositions([id])[id]); const r = document.getElementById('graph').getBoundingClientRect();
            return [p.x + r.left, p.y + r.top]; }""", hospital if name == "hospital" else alliance)
        page.mouse.move(x - 40, y - 40)
        page.mouse.move(x, y, steps=5)
        tooltip = page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        text = tooltip.inner_text()
        assert "证据" in text and "来源" in text, text
        page.screenshot(path=SHOTS / f"{name}-tooltip.png")
        page.close()
    outside = [u for u in requests if not u.startswith(site)]
    assert not outside, outside

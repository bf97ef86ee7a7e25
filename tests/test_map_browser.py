"""The planner's map in a real headless Chromium (Debian's, driven by Playwright) against a live
server over our own sample announcements (Hunan): counties and hospital points are drawn, the
legend's counts are those /analytics/coverage returns, hovering a hospital shows evidence, and no
request leaves 127.0.0.1. Screenshots go to build/screenshots/."""
import httpx
import pytest

from conftest import SAMPLES, SHOTS, run_cli
from test_api import live_server

PROVINCE, CITY = "430000", "430700"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = f"file:{tmp_path_factory.mktemp('map') / 'g.json'}"
    run_cli("load", SAMPLES, "--store", store)
    with live_server(store) as base:
        yield base


def _open_map(browser, url, requests, errors):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-rendered='1']", state="attached", timeout=60_000)
    return page


def _drawn(page) -> dict:
    """What ECharts holds: county shapes, hospital points, alliance lines; and whether the
    canvas has ink of the coverage colours."""
    return page.evaluate("""() => {
        const chart = window.yilianMap, model = chart.getModel();
        const canvas = document.querySelector('#map canvas');
        const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let ink = 0;
        for (let i = 0; i < d.length; i += 4 * 53) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) ink++;
        return {regions: model.getComponent('geo').coordinateSystem.regions.length,
                points: model.getSeriesByType('scatter')[0].getData().count(),
                lines: model.getSeriesByType('lines')[0].getData().count(), ink};
    }""")


def _legend(page) -> dict:
    return {key: int(page.inner_text(f"#n-{key}")) for key in ("counties", "alliance", "linked", "none")}


def _expected(site, code) -> dict:
    cov = httpx.get(f"{site}/analytics/coverage/{code}").json()
    without_alliance = {c["code"] for c in cov["without_alliance"]}
    without_link = {c["code"] for c in cov["without_tertiary_link"]}
    return {"counties": cov["counties"], "alliance": cov["counties"] - len(without_alliance),
            "linked": cov["counties"] - len(without_link), "none": len(without_alliance & without_link)}


def test_province_and_city_maps(site, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    requests, errors = [], []
    for code, shot in ((PROVINCE, "map-province"), (CITY, "map-city")):
        page = _open_map(browser, f"{site}/map/{code}", requests, errors)
        drawn = _drawn(page)
        expected = _expected(site, code)
        assert drawn["regions"] >= expected["counties"] > 0, drawn
        assert drawn["points"] > 0 and drawn["lines"] > 0 and drawn["ink"] > 500, drawn
        assert _legend(page) == expected
        assert expected["alliance"] > 0  # the samples put alliances in Hunan: a legend of zeros proves nothing
        page.screenshot(path=SHOTS / f"{shot}.png")
        if code == PROVINCE:
            # Hover the hospital point with the most partners: its tooltip shows a sentence and its source.
            x, y = page.evaluate("""() => { const chart = window.yilianMap;
                const s = chart.getModel().getSeriesByType('scatter')[0].getData();
                let best = 0; for (let i = 0; i < s.count(); i++) if (s.getRawDataItem(i).value[2] > s.getRawDataItem(best).value[2]) best = i;
                const v = s.getRawDataItem(best).value; return chart.convertToPixel({seriesIndex: 1}, [v[0], v[1]]); }""")
            box = page.locator("#map").bounding_box()
            page.mouse.move(box["x"] + x - 30, box["y"] + y - 30)
            page.mouse.move(box["x"] + x, box["y"] + y, steps=5)
            tip = page.locator(".yilian-tip")
            tip.wait_for(state="visible", timeout=5_000)
            text = tip.inner_text()
            assert "证据" in text and "来源" in text and "伙伴医院" in text, text
            page.screenshot(path=SHOTS / "map-tooltip.png")
            # Clicking the point opens the hospital's network view.
            page.mouse.click(box["x"] + x, box["y"] + y)
            page.wait_for_url("**/views/hospital/**", timeout=10_000)
        page.close()
    assert not errors, errors
    outside = [u for u in requests if not u.startswith(site)]
    assert not outside, outside


def test_national_map(site, browser):
    from yilian.loaders.regions import gazetteer

    requests, errors = [], []
    page = _open_map(browser, f"{site}/map", requests, errors)
    drawn = _drawn(page)
    assert drawn["regions"] > 2500 and drawn["points"] > 0 and drawn["ink"] > 500, drawn
    legend = _legend(page)
    assert legend["counties"] == sum(1 for r in gazetteer().regions.values() if r.level == "county")
    # Only Hunan has alliances in the samples, so the nation's counts are Hunan's.
    province = _expected(site, PROVINCE)
    assert (legend["alliance"], legend["linked"]) == (province["alliance"], province["linked"])
    page.screenshot(path=SHOTS / "map-china.png")
    page.close()
    assert not errors, errors
    outside = [u for u in requests if not u.startswith(site)]
    assert not outside, outside


def test_grouped_lines_drawn_on_demand(browser, tmp_path, monkeypatch):
    """Above the caps (lowered here) the page holds one point per county and draws the grouped
    lines of the county under the pointer only; the exported file needs no server at all."""
    from test_map import COUNTIES, _graph
    from yilian.api import map_page

    monkeypatch.setattr(map_page, "POINT_CAP", 5)
    monkeypatch.setattr(map_page, "LINE_CAP", 5)
    path = tmp_path / "map.html"
    path.write_text(map_page.map_page(_graph(4, COUNTIES), {}, "430000", inline=True), encoding="utf-8")
    requests, errors = [], []
    page = _open_map(browser, path.as_uri(), requests, errors)
    before = _drawn(page)
    assert before["points"] == 4 and before["lines"] == 0, before
    # The county whose grouped line leads to the capital: hover its point.
    x, y = page.evaluate("""() => { const chart = window.yilianMap;
        const s = chart.getModel().getSeriesByType('scatter')[0].getData();
        for (let i = 0; i < s.count(); i++) { const d = s.getRawDataItem(i);
            if (d.key === '%s') return chart.convertToPixel({seriesIndex: 1}, [d.value[0], d.value[1]]); } }""" % COUNTIES[0])
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + x - 30, box["y"] + y - 30)
    page.mouse.move(box["x"] + x, box["y"] + y, steps=5)
    page.wait_for_function("window.yilianMap.getModel().getSeriesByType('lines')[0].getData().count() > 0", timeout=5_000)
    assert "按县汇总" in page.inner_text("#note")
    page.close()
    assert not errors, errors
    assert all(u.startswith("file:") for u in requests), requests

"""View build time and time-to-drawn in headless Chromium for synthetic graphs.

    python benchmarks/view_scale.py [--nodes 500 2000 5000] [--map 1000 10000 100000]

The synthetic region view holds N nodes (hospitals spread over 120 counties, one alliance per
~15 hospitals). It is built as a static page (vis-network inlined) and opened from disk in
Debian's Chromium; the time runs until the page reports the network drawn and frozen.
"""
import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx

from yilian.api.views import view_page


def synthetic(n: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    g.add_node("P", label="Region", name="某省", level="province", code="430000")
    counties = [f"c{i}" for i in range(120)]
    for i, c in enumerate(counties):
        g.add_node(c, label="Region", name=f"某县{i}", level="county", code=f"43{i:04d}")
        g.add_edge(c, "P", type="PART_OF")
    hospitals = max(1, int(n / (1 + 1 / 15)))
    alliances = [f"a{i}" for i in range(max(1, n - hospitals))]
    for a in alliances:
        g.add_node(a, label="Alliance", name=f"联盟{a}", kind=rng.choice(["医共体", "专科联盟", "医联体"]))
    for i in range(hospitals):
        h = f"h{i}"
        g.add_node(h, label="Hospital", name=f"医院{i}")
        g.add_edge(h, rng.choice(counties), type="LOCATED_IN")
        a = alliances[i % len(alliances)]
        g.add_edge(h, a, type="LEADS" if i < len(alliances) else "JOINS", evidence=[{"document": "d", "sentence": f"医院{i}加入{a}"}])
    return g


def national(hospitals: int, seed: int = 1) -> nx.MultiDiGraph:
    """`hospitals` hospitals over the real counties of the gazetteer (the map needs real codes),
    one provincial hospital per province, alliances of ~15 led from a county, members mostly in
    the leader's province, each edge with an evidence sentence."""
    from yilian.api.views import KINDS
    from yilian.loaders.regions import gazetteer

    rng = random.Random(seed)
    gaz = gazetteer()
    counties = sorted(c for c, r in gaz.regions.items() if r.level == "county")
    provinces = sorted(c for c, r in gaz.regions.items() if r.level == "province")
    g = nx.MultiDiGraph()
    for code in counties + provinces:
        g.add_node(f"r{code}", label="Region", name=gaz.regions[code].name, code=code, level=gaz.regions[code].level)
    by_province: dict[str, list[str]] = {}
    for i in range(hospitals):
        h, county = f"h{i}", rng.choice(counties)
        g.add_node(h, label="Hospital", name=f"医院{i}")
        g.add_edge(h, f"r{county}", type="LOCATED_IN")
        by_province.setdefault(county[:2], []).append(h)
    for p in provinces:
        g.add_node(f"p{p}", label="Hospital", name=f"省人民医院{p}")
        g.add_edge(f"p{p}", f"r{p}", type="LOCATED_IN")
    for a in range(max(1, hospitals // 15)):
        leader = f"h{rng.randrange(hospitals)}"
        prov = next(v for _, v, t in g.out_edges(leader, data="type") if t == "LOCATED_IN")[1:3]
        al = f"a{a}"
        g.add_node(al, label="Alliance", name=f"联盟{a}", kind=rng.choice(KINDS), founded=f"20{rng.randint(15, 25)}-01-01")
        g.add_edge(leader, al, type="LEADS", evidence=[{"document": "d", "sentence": f"医院{leader}牵头成立联盟{a}。"}])
        pool = by_province.get(prov) or [leader]
        for _ in range(14):
            m = rng.choice(pool) if rng.random() < 0.8 else f"h{rng.randrange(hospitals)}"
            g.add_edge(m, al, type="JOINS", evidence=[{"document": "d", "sentence": f"{m}加入联盟{a}。"}])
        if rng.random() < 0.2:
            g.add_edge(f"p{prov}0000", al, type="JOINS", evidence=[{"document": "d", "sentence": f"省人民医院加入联盟{a}。"}])
    return g


def _open_drawn(browser, path: Path):
    """(page, seconds from opening the file until the page says it has drawn)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    t0 = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-rendered='1']", state="attached", timeout=120_000)
    return page, time.perf_counter() - t0


def maps(browser, sizes: list[int], folder: Path) -> None:
    """The national map and the busiest province's at each size: build, then open to drawn."""
    from yilian.api.map_page import map_page

    for n in sizes:
        g = national(n)
        busiest = max(sorted({c[1:3] for c in g if c.startswith("r")}),
                      key=lambda p: sum(1 for u, v, t in g.edges(data="type") if t == "LOCATED_IN" and v[1:3] == p))
        for code in (None, busiest + "0000"):
            t0 = time.perf_counter()
            page_html = map_page(g, {}, code, inline=True)
            build = time.perf_counter() - t0
            path = folder / f"map-{n}-{code or 'china'}.html"
            path.write_text(page_html, encoding="utf-8")
            page, drawn = _open_drawn(browser, path)
            marks = page.evaluate("""() => { const m = window.yilianMap.getModel();
                return [m.getSeriesByType('scatter')[0].getData().count(), m.getSeriesByType('lines')[0].getData().count()]; }""")
            page.screenshot(path=folder / f"map-{n}-{code or 'china'}.png")
            page.close()
            print(f"map {code or 'China':>6}, {n:>7,} hospitals: build {build:.2f} s; open to drawn {drawn:.2f} s; "
                  f"{marks[0]:,} points, {marks[1]:,} lines drawn; page {len(page_html) // 1024} KB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, nargs="*", default=[500, 2000, 5000])
    ap.add_argument("--map", type=int, nargs="*", default=[], help="hospitals in synthetic national graphs for the map")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    folder = Path(tempfile.mkdtemp(prefix="yilian-views-"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        maps(browser, args.map, folder)
        for n in args.nodes:
            g = synthetic(n)
            t0 = time.perf_counter()
            page_html = view_page(g, {}, "region", "P", inline=True)
            build = time.perf_counter() - t0
            path = folder / f"view-{n}.html"
            path.write_text(page_html, encoding="utf-8")
            page, drawn = _open_drawn(browser, path)
            shown = page.evaluate("Object.keys(window.yilianNetwork.getPositions()).length")
            note = page.inner_text("#note")
            page.screenshot(path=folder / f"view-{n}.png")
            page.close()
            print(f"{g.number_of_nodes():>6} graph nodes -> {shown:>4} drawn; build {build:.2f} s; "
                  f"open to drawn {drawn:.2f} s; page {len(page_html) // 1024} KB; {note[:80]}")
        browser.close()
    print(f"pages and screenshots in {folder}")


if __name__ == "__main__":
    main()

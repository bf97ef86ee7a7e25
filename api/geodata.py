"""The shipped map data (api/geo/, built by scripts/build_map_data.py) and the ECharts renderer
(api/static/): read from the package, never fetched."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

GEO = files("yilian.api").joinpath("geo")
STATIC = files("yilian.api").joinpath("static")
_GEOMETRY_NAME = re.compile(r"^(china|\d{2}0000)$")


@dataclass(frozen=True)
class Unit:
    """A shape on the map: a county, a city without counties (东莞), a province drawn whole
    (香港), or a city's adjusted area (区划调整: divisions changed since the polygons were drawn)."""
    code: str
    name: str
    kind: str
    province: str
    lon: float
    lat: float


@cache
def units() -> dict[str, Unit]:
    out = {}
    for line in GEO.joinpath("units.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name, kind, province, lon, lat = line.split("\t")
            out[code] = Unit(code, name, kind, province, float(lon), float(lat))
    return out


def geometry(name: str) -> str:
    """The compressed GeoJSON of the national map ('china') or of one province ('430000');
    KeyError for any other name."""
    if not _GEOMETRY_NAME.match(name) or not GEO.joinpath(f"{name}.json").is_file():
        raise KeyError(name)
    return GEO.joinpath(f"{name}.json").read_text(encoding="utf-8")


@cache
def echarts_js() -> str:
    return STATIC.joinpath("echarts.min.js").read_text(encoding="utf-8")

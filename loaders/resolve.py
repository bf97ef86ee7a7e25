"""Resolution inside one document: every mention gets the key of one real entity.

Keys are `label:regioncode/rest-of-name` when a name starts with a region (so 吴江市中医院
and 苏州市吴江区中医院 are one hospital), else `label:name`. Short forms become aliases of
the full name they stand for: suffixes (中医院), relative forms (市妇幼保健院, 省立医院,
市卫健委 — completed with the document's own province/city/county), abbreviations (X大二院).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .doc import Doc, Span
from .lexicons import pairs
from .reference_data import counties_by_outlet, full_hospital_name, town_county
from .regions import Region, gazetteer

_LEVEL_OF = {"自治区": "province", "省": "province", "市": "city", "州": "city", "盟": "city", "县": "county", "区": "county", "旗": "county"}


@dataclass
class Entity:
    key: str
    label: str
    name: str
    aliases: set[str] = field(default_factory=set)
    region: str | None = None  # GB/T 2260 code of the most specific region in the name
    mentions: int = 0


def expand_suffix(name: str) -> str:
    """市卫健委 -> 市卫生健康委员会."""
    for short, full in sorted(pairs("org_aliases.txt").items(), key=lambda kv: -len(kv[0])):
        if name.endswith(short):
            return name[: -len(short)] + full
    return name


def _region_prefix(name: str, doc_regions: list[str]) -> tuple[list[Region], int]:
    gaz = gazetteer()
    regions, used = gaz.prefix(name, context=doc_regions)
    if regions:
        return regions, used
    # County short names (吴江卫计委) only when the document names that county in full.
    for code in doc_regions:
        reg = gaz.regions.get(code)
        if reg and reg.level == "county" and len(reg.short) >= 2 and name.startswith(reg.short):
            return [reg], len(reg.short)
    return [], 0


def _same_form(name: str) -> str:
    """Spellings of one name that differ only in a usual short form (中医院 for 中医医院)."""
    return name.replace("中医医院", "中医院")


# What may follow a place name at the end of a hospital's name: 岳阳医院, 岳阳市中心医院,
# 林芝分院, 湖州院区.
_PLACED_TAIL = re.compile(r"(?:[市县区])?(?:第[一二三四五六七八九十]+)?(?:中心|人民|中医|中西医结合|妇幼保健)?"
                          r"(?:医院|分院|院区)|(?:[市县区])?中医院")


def _placed_elsewhere(rest: str, doc_regions: list[str]) -> Region | None:
    """The place a university's hospital or a branch is named after (湖南大学附属岳阳医院,
    X医院林芝分院, X医院湖州院区): the hospital stands there, not where its parent does."""
    if not ("大学" in rest or "学院" in rest or rest.endswith(("分院", "院区"))):
        return None
    gaz = gazetteer()
    county_shorts = {gaz.regions[c].short: c for c in doc_regions
                     if c in gaz.regions and gaz.regions[c].level == "county" and len(gaz.regions[c].short) >= 2}
    for j in range(len(rest) - 2, 1, -1):
        if not _PLACED_TAIL.fullmatch(rest, j):
            continue
        for length in range(min(j, gaz.max_len), 1, -1):
            piece = rest[j - length : j]
            codes = gaz.candidates(piece) or ([county_shorts[piece]] if piece in county_shorts else [])
            code = gaz.pick(codes, doc_regions)
            if code:
                return gaz.regions[code]
    return None


def entity_key(label: str, name: str, doc_regions: list[str]) -> tuple[str, str | None]:
    regions, used = _region_prefix(name, doc_regions)
    if regions and used < len(name):
        region = regions[-1].code
        placed = _placed_elsewhere(name[used:], doc_regions) if label == "Hospital" else None
        if placed and all(r.code != placed.code for r in gazetteer().lineage(region)):
            region = placed.code  # the key stays as it was, so every spelling still meets
        return f"{label}:{regions[-1].code}/{_same_form(name[used:])}", region
    # 梅岭镇卫生院: the town's county (reference data), under the same key as the name
    # written with the county before it.
    county = town_county(name, doc_regions, gazetteer().lineage)
    if county:
        return f"{label}:{county}/{_same_form(name)}", county
    return f"{label}:{_same_form(name)}", None


def doc_regions(doc: Doc) -> list[str]:
    """Region codes the document names, most frequent last (used as context)."""
    # resolve and find_publisher both ask; scanning the text is the costly part, so the
    # answer is kept on the Doc for as long as the text and institution names are the same.
    names = tuple(s.text for s in doc.spans if s.label in ("Hospital", "Organization"))
    inputs, codes = doc.memo.get("regions", (None, None))
    if inputs != (doc.value, names):
        codes = _doc_regions(doc)
        doc.memo["regions"] = ((doc.value, names), codes)
    return list(codes)


def _doc_regions(doc: Doc) -> list[str]:
    gaz = gazetteer()
    counts: Counter[str] = Counter()
    # The masthead and footer (版权所有：某县人民政府) say where a page is from when its body
    # writes only 县人民医院.
    extra = "\n".join(x for x in (doc.footer, doc.source) if x)
    for start, end, code in gaz.find_all(doc.value + "\n" + extra if extra else doc.value):
        if code:
            for reg in gaz.lineage(code):
                counts[reg.code] += 1
    for span in doc.spans:
        if span.label in ("Hospital", "Organization"):
            for reg in gaz.prefix(span.text)[0]:
                for r in gaz.lineage(reg.code):
                    counts[r.code] += 1
    # (三台融媒), 三台讯: a county named only by its short name, as a page from it does.
    for codes in counties_by_outlet("\n".join(x for x in (doc.value, extra, doc.masthead) if x)):
        code = codes[0] if len(codes) == 1 else next((c for c in codes if c in counts), None)
        if code:
            for r in gaz.lineage(code):
                counts[r.code] += 1
    return [code for code, _ in sorted(counts.items(), key=lambda kv: kv[1])]


def _dominant(codes: list[str], level_char: str) -> Region | None:
    gaz = gazetteer()
    level = _LEVEL_OF[level_char]
    for code in reversed(codes):
        reg = gaz.regions[code]
        # 县/区/旗 and 自治区 say which kind of division (市 and 州 may be either kind of city).
        if reg.level == level and ((level != "county" and level_char not in ("县", "区", "旗", "自治区")) or reg.name.endswith(level_char)):
            return reg
    for code in reversed(codes):  # 市 may be a county-level city (吴江市)
        reg = gaz.regions[code]
        if level_char == "市" and reg.name.endswith("市"):
            return reg
    return None


def _is_abbreviation(short: str, full: str) -> bool:
    if short[0] != full[0] or short[-1] != full[-1] or len(short) >= len(full):
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def _prefixed_abbreviation(text: str, span: Span, name: str, full: list[Entity]) -> list[Entity]:
    """甲省医大附一院 where the finder kept only (甲)省医大附一院 (a known short form of another
    university's hospital): the characters just before the span that begin a full name of the
    page belong to the short form, and that full name is the one meant."""
    for k in (1, 2, 3, 4):
        pre = text[max(0, span.start - k) : span.start]
        if len(pre) < k:
            continue
        cands = [e for e in full if e.name.startswith(pre) and _is_abbreviation(pre + name, e.name)]
        if cands:
            span.start, span.text = span.start - k, pre + span.text
            return cands
    return []


# 县二院, 市二医院, 宁乡二院, 市第二医院: short forms of 第N人民医院 (or 第N医院).
_NUMBERED_FORM = re.compile(r"(?P<place>.*?)第?(?P<n>[一二三四五六七八九十]{1,2})(?:人民)?医?院")


def _numbered_match(name: str, full: list[Entity], codes: list[str]) -> Entity | None:
    """The one hospital of `full` a numbered short form stands for: same number, and in
    the region the short form names (its prefix, or for 县/市 the document's own)."""
    m = _NUMBERED_FORM.fullmatch(name)
    if not m:
        return None
    place, n = m.group("place"), m.group("n")
    gaz = gazetteer()
    if place in _LEVEL_OF:
        reg = _dominant(codes, place)
        within = {reg.code} if reg else None
    elif place:
        regions, used = _region_prefix(place, codes)
        if not regions or used != len(place):
            return None
        within = {regions[-1].code}
    else:
        within = None
    cands = []
    for e in full:
        if not e.region or not re.search(f"第{n}(?:人民)?医院$", e.name):
            continue
        if within is None or within & {r.code for r in gaz.lineage(e.region)}:
            cands.append(e)
    return cands[0] if len(cands) == 1 else None


def resolve(doc: Doc) -> None:
    codes = doc_regions(doc)
    entities: dict[str, Entity] = {}
    pending: list[Span] = []

    def add(span: Span, name: str) -> None:
        key, region = entity_key(span.label, name, codes)
        ent = entities.setdefault(key, Entity(key, span.label, name, region=region))
        if len(name) > len(ent.name):
            ent.aliases.add(ent.name)
            ent.name = name
        elif name != ent.name:
            ent.aliases.add(name)
        if span.text != ent.name:
            ent.aliases.add(span.text)
        ent.mentions += 1
        span.attrs["key"] = key

    inst = [s for s in doc.spans if s.label in ("Hospital", "Organization")]
    for span in inst:
        name = expand_suffix(span.text) if span.label == "Organization" else span.text
        if span.attrs.get("relative") or span.attrs.get("abbrev") or span.attrs.get("numbered") or not _region_prefix(name, codes)[0]:
            pending.append(span)
        else:
            add(span, name)
    # Full names before the short forms they explain, wherever each stands (a title often
    # uses the short form before the body gives the full name).
    pending.sort(key=lambda sp: (bool(sp.attrs.get("relative") or sp.attrs.get("abbrev") or sp.attrs.get("numbered")), -len(sp.text)))
    for span in pending:
        name = expand_suffix(span.text) if span.label == "Organization" else span.text
        full = [e for e in entities.values() if e.label == span.label]
        match = None
        if span.label == "Hospital" and (span.attrs.get("numbered") or span.attrs.get("abbrev") or span.attrs.get("relative")):
            match = _numbered_match(name, full, codes)
        if match:
            pass
        elif span.attrs.get("numbered"):
            # 市一医院 with no full name in the text: the usual 第N人民医院 of the document's own
            # city (or county), when the text has one.
            m = _NUMBERED_FORM.fullmatch(name)
            reg = _dominant(codes, m.group("place")) if m and m.group("place") in _LEVEL_OF else None
            if reg:
                span.attrs["alias"] = span.text
                add(span, f"{reg.name}第{m.group('n')}人民医院")
            continue
        elif span.attrs.get("abbrev"):
            if span.attrs.get("bare_affiliate"):
                cands = [e for e in full if "附属" in e.name]
            else:
                cands = [e for e in full if _is_abbreviation(name, e.name)]
                if not cands:
                    cands = _prefixed_abbreviation(doc.value, span, name, full)
            match = cands[0] if len(cands) == 1 else None
            if not match and span.attrs.get("bare_affiliate") and not cands:
                add(span, name)  # the only name the page gives its own hospital
                continue
            known = None if match else full_hospital_name(name)
            if known:
                # A well-known short form the page never spells out (reference data).
                span.start, span.text = span.end - len(known[0]), known[0]  # 赴甲大二院: the form only
                add(span, known[1])
                continue
            if not match:
                continue  # an abbreviation nothing in the document explains
        elif span.attrs.get("relative"):
            rel = span.attrs["relative"]
            rest = name[len(rel):]
            reg = _dominant(codes, rel)
            cands = [e for e in full if _same_form(e.name).endswith(_same_form(name)) or (
                     reg and e.region and _same_form(e.name).endswith(_same_form(rest))
                     and any(r.code == reg.code for r in gazetteer().lineage(e.region))
                     and (rel != "自治区" or e.region == reg.code))]
            # 省妇幼保健院 beside 河南省妇幼保健院 and the province's county ones: the name that
            # ends in the whole short form, else the one of the region's own level, is meant.
            exact = [e for e in cands if _same_form(e.name).endswith(_same_form(name))]
            own = [e for e in cands if reg and e.region == reg.code]
            match = next((c[0] for c in (cands, exact, own) if len(c) == 1), None)
            if not match:
                if not reg or span.attrs.get("bare"):
                    continue
                completed = reg.name + rest if reg.name.endswith(rel) else reg.name + name
                span.attrs["alias"] = span.text
                add(span, completed)
                continue
        else:
            cands = [e for e in full if e.name.endswith(name) and e.name != name]
            match = cands[0] if len(cands) == 1 else None
        if match:
            match.aliases.add(span.text)
            match.mentions += 1
            span.attrs["key"] = match.key
        else:
            add(span, name)
    for ent in entities.values():
        if ent.label == "Organization" and ent.region:
            _official_name(ent)
    doc.entities = entities
    doc.branches = _branches(doc, codes)


# A branch named after its parent: 甲医院湖州院区, 甲医院集团某某分院, 甲医院华容医院 (a
# region's name before the last 医院 only).
_BRANCH_NAME = re.compile(r"(.{3,}(?:医院|医院集团|中心))([\u4e00-\u9fff]{1,4})(分院|院区)")
_BRANCH_PLACE = re.compile(r"(.{3,}医院)([\u4e00-\u9fff]{2,5})医院")
# 乙正式成为甲某某分院; 乙增挂“甲某某分院”牌子: 乙 is that branch.
_BECOMES = re.compile(r"\s*(?:正式|也|将|已|同时)?\s*(?:成为|挂牌成为|挂牌为|更名为)\s*")
_PLAQUE = re.compile(r"\s*(?:正式|也|将|已|同时)?\s*(?:增挂|加挂|挂上|挂)了?\s*[“\"「『]([^”\"」』]{4,40})[”\"」』]\s*的?(?:牌子|牌匾|院牌)")


def _parent_of(name: str) -> str | None:
    m = _BRANCH_NAME.fullmatch(name)
    if not m:
        m = _BRANCH_PLACE.fullmatch(name)
        if not m or not gazetteer().candidates(m.group(2)):
            return None
    parent = m.group(1)
    return parent if gazetteer().prefix(parent)[0] or re.search(r"大学|学院", parent) else None


def _branches(doc: Doc, codes: list[str]) -> list[tuple[str, str, tuple[int, int]]]:
    """Hospitals the text makes a branch of another (乙正式成为甲某某分院, 乙增挂“甲某某院区”
    牌子): the branch's name becomes an alias of 乙, and the parent is found or added."""
    text = doc.value
    hospitals = sorted((s for s in doc.spans if s.label == "Hospital" and s.attrs.get("key") in doc.entities), key=lambda s: s.start)
    by_name = {n: ent.key for ent in doc.entities.values() if ent.label == "Hospital" for n in (ent.name, *ent.aliases)}
    out = []
    for i, member in enumerate(hospitals):
        branch, others = None, []
        m = _PLAQUE.match(text, member.end)
        if m:
            branch = m.group(1)
            others = [x for x in hospitals if m.start(1) <= x.start < m.end(1)]
        else:
            m = _BECOMES.match(text, member.end)
            nxt = hospitals[i + 1] if i + 1 < len(hospitals) else None
            if m and nxt and nxt.start == m.end():
                branch, others = nxt.text, [nxt]
        parent = _parent_of(branch) if branch else None
        if not parent:
            continue
        key = member.attrs["key"]
        ent = doc.entities[key]
        # The branch is the member under another name: its own mention, if any, is the member's.
        for x in others:
            old = x.attrs["key"]
            if x.text == branch and old != key:
                gone = doc.entities.pop(old, None)
                if gone:
                    ent.aliases |= gone.aliases | {gone.name}
                    ent.mentions += gone.mentions
                for y in doc.spans:
                    if y.attrs.get("key") == old:
                        y.attrs["key"] = key
        ent.aliases.add(branch)
        parent_key = by_name.get(parent)
        if parent_key is None:
            parent_key, region = entity_key("Hospital", parent, codes)
            parent_ent = doc.entities.setdefault(parent_key, Entity(parent_key, "Hospital", parent, region=region))
            by_name[parent] = parent_ent.key
        if parent_key != key:
            out.append((parent_key, key, doc.sentence_of(member.start)))
    return out


_COMMITTEES = {"委": ("中共", "委员会"), "政协": ("中国人民政治协商会议", "委员会"), "人大常委会": ("", "人民代表大会常务委员会")}


def _official_name(ent: Entity) -> None:
    """Party committees, CPPCC and people's congresses by their full names (武隆区委 ->
    中共重庆市武隆区委员会): a district takes its city's name before its own."""
    gaz = gazetteer()
    reg = gaz.regions[ent.region]
    if ent.name.endswith("政府") and not ent.name.endswith("人民政府") and ent.name[:-2].endswith(reg.name):
        ent.aliases.add(ent.name)
        ent.name = ent.name[:-2] + "人民政府"
        return
    for short, (before, after) in _COMMITTEES.items():
        rest = ent.name[: -len(short)]
        if ent.name.endswith(short) and rest.endswith(reg.name):
            chain = gaz.lineage(reg.code)
            official = reg.name
            if reg.level == "county" and reg.name.endswith("区") and len(chain) > 1:
                official = chain[-2].name + reg.name
            ent.aliases.add(ent.name)
            ent.name = before + official + after
            return

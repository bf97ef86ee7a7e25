"""Institution mentions: hospitals (any medical institution) and organizations.

A name is found from its suffix (医院, 卫生院, 卫生健康委员会, 大学 …) and extended to the
left until a name-breaking word (与, 在, 加入 …) or punctuation. Candidates made only of
generic words (上级医院, 县级公立医院) are not names; relative forms (市妇幼保健院,
省立医院, 市卫健委) and abbreviations (X大二院) are kept for the resolver to complete.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import accumulate

from .doc import Doc, Span
from .lexicons import longest_first, pairs, words
from .reference_data import town_at
from .regions import gazetteer

_MAX_NAME = 28
_RELATIVE = ("省", "市", "县", "区", "州", "盟", "旗")
_PARTY = ("区委", "县委", "市委", "旗委", "州委", "省委")
_OF_REGION = ("政协", "人大常委会")
_NOT_AN_END = ("管理", "协会", "学会")  # 医院管理处 is a department, not a hospital
_NUMBERED = re.compile(r"[一二三四五六七八九十]{1,2}")
_ABBREV = re.compile(r"[\u4e00-\u9fff]{1,3}(?:[一二三四五六七八九十]附?|附[一二三四五六七八九十]?)院")
_SELF = re.compile(r"我院|本院|我们医院|我中心")


@cache
def _suffix_pattern() -> re.Pattern[str]:
    hosp = longest_first("hospital_suffixes.txt")
    orgs = longest_first("org_suffixes.txt")
    alts = sorted({*hosp, *orgs}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, alts)))


@cache
def _breakers() -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """The breaker words, and for each last character the lengths of the breakers ending
    with it, longest first (the few lengths worth trying at a position)."""
    b = set(words("name_breakers.txt")) | set(pairs("alliance_kinds.txt")) | {"龙头", "骨干", "成员", "单位", "联盟"}
    lengths: dict[str, set[int]] = {}
    for w in filter(None, b):
        lengths.setdefault(w[-1], set()).add(len(w))
    return frozenset(b), {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}


def _protected_at(text: str, pos: int) -> bool:
    """Whether the boundary before `pos` is inside a protected word or region name."""
    prot = words("protected_words.txt")
    regions = gazetteer().names
    for length in range(2, 6):
        for start in range(pos - length + 1, pos):
            if start < 0 or start + length > len(text):
                continue
            piece = text[start : start + length]
            if piece in prot or piece in regions:
                return True
    return False


def left_boundary(text: str, end: int, limit: int = _MAX_NAME) -> int:
    """Start of the name that ends at `end` (exclusive), scanning leftwards."""
    breakers, lengths_ending = _breakers()
    i = end
    lowest = max(0, end - limit)
    while i > lowest:
        ch = text[i - 1]
        if not ("\u4e00" <= ch <= "\u9fff" or "0" <= ch <= "9"):  # not a character a name can hold
            break
        lengths = lengths_ending.get(ch)
        if lengths:  # a breaker may end here: the longest one that does
            hit = next((L for L in lengths if L <= i and text[i - L : i] in breakers), 0)
            if hit and not (hit == 1 and _protected_at(text, i)):
                break
        i -= 1
    return i


@cache
def _generic_words() -> tuple[str, ...]:
    return tuple(sorted(words("generic_words.txt") | words("descriptor_words.txt"), key=len, reverse=True))


_QUANTITY = re.compile(r"[0-9]{4}年|[0-9一二三四五六七八九十百两几数]+[余多]?[家所个]?")


def is_generic(body: str) -> bool:
    """A name body (name without its suffix) made only of generic words."""
    return _generic_parse(body) is not None


@lru_cache(maxsize=16384)
def _generic_parse(body: str) -> tuple[str, ...] | None:
    """The generic words (and quantities) a body is made of, or None when it has others."""
    parts: list[str] = []
    rest = body
    while rest:
        g = next((g for g in _generic_words() if rest.startswith(g)), None)
        if g is None:
            m = _QUANTITY.match(rest)
            if not m or not m.group(0):
                return None
            g = m.group(0)
            parts.append("#")  # a quantity describes, like 两家
        else:
            parts.append(g)
        rest = rest[len(g):]
    return tuple(parts)


def _describes(body: str) -> bool:
    """Generic words that describe rather than type an institution (三甲, 两家, 当地)."""
    parts = _generic_parse(body)
    return parts is not None and any(p == "#" or p in words("descriptor_words.txt") for p in parts)


def classify(name: str, suffix: str) -> dict | None:
    """Attributes of a candidate name, or None when it is not a name."""
    body = name[: len(name) - len(suffix)]
    label = "Hospital" if suffix in words("hospital_suffixes.txt") else "Organization"
    if label == "Hospital" and re.search(r"(?:直属|下属|所属)$", body):
        return None
    attrs = {"label": label, "suffix": suffix}
    if suffix in _PARTY:
        # 区委, 某某区委: the committee of a region, so only a region (or nothing) before it.
        whole = body + suffix[0]
        if not body:
            return {**attrs, "relative": suffix[0]}
        regs, used = gazetteer().prefix(whole)
        return attrs if regs and used == len(whole) else None
    if suffix in _OF_REGION and not body:
        return None  # 政协 alone does not say whose
    regions, used = gazetteer().prefix(name)
    if label == "Hospital" and _NUMBERED.fullmatch(body[used:] if regions else body[1:] if body.startswith(_RELATIVE) else ""):
        # 市二医院, 宁乡市二医院: a numbered hospital's short form (not 二 of 两家), which only
        # stands for the 第N人民医院 the text names in full.
        attrs["numbered"] = True
        if not regions:
            attrs["relative"] = body[0]
        return attrs
    if regions and used <= len(body) and _describes(body[used:]):
        return None  # 某省三甲医院, 某市两家卫生院: a description after a region
    if regions:
        if used >= len(name) - len(suffix) and label == "Organization" and suffix in ("政府",):
            attrs["region_only"] = True
        return attrs
    if body.startswith("自治区") and not _describes(body[3:]):
        # 自治区中医医院, 自治区红十字会: the page's own autonomous region (自治区医院 as 县医院).
        return {**attrs, "relative": "自治区", **({"bare": True} if body == "自治区" and label == "Hospital" else {})}
    if body.startswith(_RELATIVE) and body[1:2] not in ("级", "域", "场", "内", "外", "直", "属"):
        if _describes(body[1:]):
            return None
        attrs["relative"] = body[0]
        if len(body) == 1 and label == "Hospital":
            # 县医院, 市医院 name no type: they only stand for a hospital the text names in full.
            attrs["bare"] = True
        return attrs
    if body.startswith("国家") and label == "Organization":
        return attrs
    # A town of the reference data names a place, even one spelled with generic words (老新镇);
    # one whose stem is a single generic word (中心镇) still reads as a description.
    if not body or (is_generic(body) and not _named_town(body)) or (label == "Hospital" and len(body) == 1):
        return None  # X分院 cut to one character: one character left of a cut name names nothing
    return attrs


_PLACE_TYPES = ("镇", "乡", "街道", "高新区", "开发区", "新区", "园区")
_PLACE_TYPE_END = re.compile(f"(?:{'|'.join(_PLACE_TYPES)})$")


def _named_town(body: str) -> bool:
    town = town_at(body)
    stem = re.sub(r"(?:镇|乡|街道|苏木)$", "", town[0]) if town else ""
    # 五家镇 is a town too, but 五家镇卫生院 more often counts five of them.
    return bool(stem) and stem not in _generic_words() and "#" not in (_generic_parse(stem) or ())
_TRIM_TAGS = ("v", "p", "c", "r", "d", "t", "u", "ad", "a", "f", "i", "l")
_INSTITUTIONAL = re.compile(r"大学|学院|医科|附属|集团|部队|解放军|武警")


@cache
def _jieba():
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


def trim_left(name: str, suffix: str) -> int:
    """Characters to drop from the left of a candidate: the words before the name that a
    breaker list cannot enumerate (verbs, adverbs, time words: 他指出…, 充分发挥…)."""
    gaz = gazetteer()
    body_len = len(name) - len(suffix)
    # The type words that end a name (中西医结合, 妇幼保健, 人民) are never trimmed, however
    # a general-domain tagger reads them (结合 is a verb there).
    tail = _generic_tail(name[:body_len])
    # The two characters before a place type (枨冲镇, 某某高新区) name the place, whatever
    # their tags (冲 and 中 are trimmed as a verb and a direction elsewhere).
    if suffix.startswith(_PLACE_TYPES):
        tail = min(tail, max(0, body_len - 2))
    elif m := _PLACE_TYPE_END.search(name, 0, body_len):
        tail = min(tail, max(0, m.start() - 2))
    cut, pos, prev = 0, 0, ""
    tokens = list(_jieba().cut(name))
    for i, tok in enumerate(tokens):
        end = pos + len(tok.word)
        if end > tail:
            break
        in_region = any(piece in gaz.names
                        for a in range(max(0, pos - 3), pos + 1) for b in range(end, min(len(name), end + 3) + 1)
                        for piece in [name[a:b]] if len(piece) >= 2 and a < end and b > pos)
        # 某某医科大学: a word right before 大学/学院 names the school, whatever its tag.
        names_school = i + 1 < len(tokens) and _INSTITUTIONAL.match(tokens[i + 1].word)
        if (tok.flag.startswith(_TRIM_TAGS) and not in_region and not names_school
                and not (pos == 0 and tok.word in _RELATIVE) and not (tok.word == "立" and prev.endswith(("省", "市", "县")))
                and not (tok.flag == "f" and (prev in gaz.names or gaz.prefix(prev)[0]))):  # 云南东部中心医院
            cut = end
        if in_region and suffix.endswith("公司"):
            break  # 岳阳建设投资有限公司: after its place, a company's name is its brand and trade
        prev, pos = tok.word, end
    # A description before a region name (百年名校浙江大学, 记某区中医院).
    if gaz.prefix(name[cut:])[0]:
        return cut
    starts = set(accumulate(len(t.word) for t in tokens))
    for i in range(cut + 1, body_len):
        if _INSTITUTIONAL.search(name[cut:i]):
            break
        regions, used = gaz.prefix(name[i:])
        if regions and used < 3 and i not in starts:
            continue  # 高新区: a two-character place word begun inside a word (新区) is none
        if regions and not gaz.prefix(name[cut:i])[0]:
            return i
    return cut


def _generic_tail(body: str) -> int:
    """Start of the longest run of generic words that ends the body (len(body) if none)."""
    for i in range(len(body)):
        if is_generic(body[i:]):
            return i
    return len(body)


def _department_end(text: str, span_start: int, name: str, suffix: str) -> int | None:
    """`X医院儿童医学中心` is a department of X医院: the name ends at the inner suffix."""
    for m in _suffix_pattern().finditer(name[: len(name) - len(suffix)]):
        if m.group(0) in words("hospital_suffixes.txt") or m.group(0) in ("院",):
            tail = name[m.end() : len(name) - len(suffix)]
            if is_generic(tail):
                return span_start + m.end()
    if re.search(r"[一二三四五六七八九十]附?院", name[: len(name) - len(suffix)]):
        inner = re.search(r"[一二三四五六七八九十]附?院", name).end()
        if is_generic(name[inner : len(name) - len(suffix)]):
            return span_start + inner
    return None


# The same candidates recur within a document and across a batch; what is decided from
# the candidate alone (not its context) is remembered, above all jieba's tagging in
# trim_left, the costliest step per candidate.
@lru_cache(maxsize=16384)
def _name_in(candidate: str, suffix: str) -> tuple[int, dict | None]:
    """Where the name starts in a candidate that ends with `suffix`, and the name's
    attributes; None when it is not a name or is a department of one."""
    cut = trim_left(candidate, suffix)
    name = candidate[cut:]
    inner = _department_end(name, 0, name, suffix)
    if inner:
        second = name[inner:]
        # X医院区人民医院 (a lost 与): two names in a row, not a department of the first.
        if second[:1] in _RELATIVE or gazetteer().prefix(second)[0]:
            attrs = classify(second, suffix)
            return (cut + inner, attrs) if attrs else (cut, None)
        # The department's own name is not an institution; its parent is found on its own.
        return cut, None
    return cut, classify(name, suffix)


_TOWN = re.compile(r"(?:[\u4e00-\u9fff]{2,8}?[省市县区旗])?[\u4e00-\u9fff]{1,5}?(?:镇|乡|街道)")
_SHARED_COUNT = re.compile(r"[两二三四五六七八九十\d]+[家所个]$")
_LIST_SEP = "、和及与"
_TOWN_SUFFIXES = ("卫生院", "中心卫生院", "社区卫生服务中心")


def _enumeration(text: str, start: int, body_end: int, suffix: str) -> list[Span]:
    """A镇、B乡和C镇三家卫生院: one institution per place of a list that shares the suffix."""
    body = text[start:body_end]
    count = _SHARED_COUNT.search(body)
    last = body[: count.start()] if count else body
    if suffix not in _TOWN_SUFFIXES or not _TOWN.fullmatch(last) or start == 0 or text[start - 1] not in _LIST_SEP:
        return []
    items = [(start, start + len(last))]
    pos = start - 1
    while pos > 0 and text[pos] in _LIST_SEP:
        lo = left_boundary(text, pos, limit=14)
        ms = [m for m in (_TOWN.fullmatch(text, i, pos) for i in range(lo, pos)) if m]
        # The longest item that starts with a region (A县B镇), else a two-character place.
        m = next((m for m in ms if gazetteer().prefix(m.group(0))[0]), None) or next(
            (m for m in ms if len(m.group(0).rstrip("镇乡").removesuffix("街道")) == 2), ms[-1] if ms else None)
        if not m:
            break
        items.insert(0, (m.start(), pos))
        pos = m.start() - 1
    if len(items) < 2:
        return []
    # The first place may carry the county the others share (A县B镇、C镇).
    regions, used = gazetteer().prefix(text[items[0][0] : items[0][1]])
    county = text[items[0][0] : items[0][0] + used] if regions else ""
    out = []
    for s, e in items:
        name = text[s:e]
        if county and not gazetteer().prefix(name)[0]:
            name = county + name
        out.append(Span(s, e, "Hospital", name + suffix, {"suffix": suffix, "enumerated": True}))
    return out


_GOV_TITLE = re.compile(r"(?:常务)?副?([省市县区旗州])长(?![\u4e00-\u9fff]{0,1}(?:院|期|远|城))")


def _government_of_title(text: str, found: list[Span]) -> list[Span]:
    """副县长/区长/副旗长 name their region's 人民政府 even when the text does not: 某某县副县长
    X -> 某某县人民政府 (a span over the region name); a bare 副县长X -> the document's county
    government (a zero-width relative form the resolver completes)."""
    out = []
    ends = {s.end for s in found}
    gaz = gazetteer()
    for m in _GOV_TITLE.finditer(text):
        ts, level = m.start(), m.group(1)
        if ts in ends:
            continue  # 区政府副区长: the institution is named
        region_at = None
        for k in range(min(ts, 10), 1, -1):
            piece = text[ts - k : ts]
            regs, used = gaz.prefix(piece)
            if regs and used == k and piece.endswith(level):
                region_at = ts - k
                break
        if region_at is not None:
            out.append(Span(region_at, ts, "Organization", text[region_at:ts] + "人民政府",
                            {"suffix": "人民政府", "rule": "org.title_region"}))
        elif (not re.match(r"[\u4e00-\u9fff]", text[ts - 1 : ts] or " ") or text[ts - 1] in "、和及与兼"
              or text[max(0, ts - 2) : ts] == "政府"):
            out.append(Span(ts, ts, "Organization", level + "人民政府",
                            {"suffix": "人民政府", "relative": level, "rule": "org.title_relative"}))
    return out


def find_institutions(doc: Doc) -> None:
    text = doc.value
    found: list[Span] = []
    for m in _suffix_pattern().finditer(text):
        suffix, end = m.group(0), m.end()
        if text.startswith(_NOT_AN_END, end) and suffix.endswith("医院"):
            continue
        start = left_boundary(text, m.start()) if m.start() > 0 else 0
        listed = _enumeration(text, start, m.start(), suffix)
        if listed:
            found.extend(listed)
            continue
        cut, attrs = _name_in(text[start:end], suffix)
        if attrs is None:
            continue
        start += cut
        attrs = dict(attrs)  # the cached dict stays as it is
        found.append(Span(start, end, attrs.pop("label"), text[start:end], attrs))
    schools = {s.end: s for s in found if s.label == "Organization" and s.text.endswith(("大学", "学院"))}
    for m in _ABBREV.finditer(text):
        # 某医科大学二附院: the university's whole name before the numbered 附院 form.
        school = next((schools[k] for k in range(m.start() + 1, m.end() - 1) if k in schools
                       and re.fullmatch(r"[一二三四五六七八九十]附院|附[一二三四五六七八九十]院", text[k : m.end()])), None)
        if school:
            found.append(Span(school.start, m.end(), "Hospital", text[school.start : m.end()], {"abbrev": True, "suffix": "院"}))
            continue
        start = left_boundary(text, m.end() - 1, limit=6)
        if re.search(r"(?:兼|任|及|和|、|，|,)附院$", text[start : m.end()]):
            start = m.end() - 2  # 副校长兼附院院长: a post list, not a name
        if any(s.start <= start < s.end for s in found):
            continue
        if m.end() - start >= 3:
            found.append(Span(start, m.end(), "Hospital", text[start : m.end()], {"abbrev": True, "suffix": "院"}))
        elif text[start : m.end()] == "附院":
            # 校长兼附院院长: a university hospital's page calls itself 附院 (resolve keeps it
            # when the text names no 附属医院 it could stand for).
            found.append(Span(start, m.end(), "Hospital", "附院", {"abbrev": True, "suffix": "院", "bare_affiliate": True}))
    for m in _SELF.finditer(text):
        found.append(Span(m.start(), m.end(), "Self", m.group(0)))
    found.extend(_government_of_title(text, found))
    # Longer names win over names inside them (中山大学 inside 中山大学附属口腔医院).
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in found:
        if kept and span.start < kept[-1].end:
            if span.end - span.start > kept[-1].end - kept[-1].start and span.start >= kept[-1].start:
                kept[-1] = span
            continue
        kept.append(span)
    doc.spans.extend(kept)

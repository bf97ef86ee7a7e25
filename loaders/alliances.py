"""Alliances: their mentions, kind, specialty, leader, members, founding date, size.

A mention is a kind word (专科联盟, 医联体, 医共体 …) with what stands before it: a list
of specialties (新生儿科、小儿外科专科联盟) and a prefix — a hospital that names it
(X医院医联体: X leads), a region (贵州省眼科专科联盟), or a pair (A与B医联体: the
higher-tier hospital leads). Leaders are also read from cue words (牵头, 主委, 龙头 …),
members from membership cues (加入, 成员单位, 签约, 授牌 …) in the sentences that
mention the alliance.

This module finds the mentions and runs the steps in order; the steps live in
alliance_model.py (the Alliance record, kind words), alliance_coref.py (sentences and lists
that refer back to an alliance), alliance_roles.py (leader, members) and
alliance_founding.py (founding date, size, name).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .alliance_coref import _attach_context, _table_rows
from .alliance_founding import _founding_and_size, _name
from .alliance_model import Alliance, _key_of, _kind_pattern, spec_norm
from .alliance_roles import _leader, _members
from .doc import Doc
from .lexicons import longest_first, pairs
from .regions import gazetteer


_MERGEABLE = {"医联体": "医联体", "紧密型医联体": "医联体"}
_SPECIFIC = {"医联体": 0, "紧密型医联体": 1}
_PAIR = re.compile(r"(?:与|和|同|及)$")
_GENERIC_USE = re.compile(r"办公室|工作方案|方案|政策|制度|模式|试点|改革|管理办法")
_VERB_BEFORE_SPEC = re.compile(r"(?:结成|结为|组成|组建|成立|建立|共建|加入|牵头|实行|开展|打造|启动|签订|签署|签约)")
# Function words that no specialty name holds.
_PARTICLE = re.compile(r"[的其并为将在是对]")
_SPEC_KIND = re.compile(r"(?<!医疗)联盟|(?:[\d一二三四五六七八九十两]+\s*个)?(?:专科|学科)?(?:结盟|结成联盟|结为联盟)")
_BRACKETED = re.compile(r"[（(][\u4e00-\u9fff]{1,8}[)）]$")


_SPEC_SEP = ("、", "和", "及", "与")


def _specialty_ending(text: str, floor: int, pos: int) -> str | None:
    """The listed specialty (or it plus 科: 重症医学科; an organ plus 外科/内科: 甲状腺外科) that
    ends at `pos`."""
    for spec in longest_first("specialties.txt"):
        for form in (spec + "外科", spec + "内科", spec + "科", spec):
            if text.endswith(form, floor, pos):
                return form
    return None


def _specialties_before(text: str, pos: int, floor: int) -> tuple[list[str], int]:
    """A list of specialties that ends at `pos`: 眼科、耳鼻喉科专科联盟, 康复科和老年科
    专科联盟, 口腔、中医、康复等专科联盟."""
    found = []
    if text.endswith("等", floor, pos) and _specialty_ending(text, floor, pos - 1):
        pos -= 1
    while pos > floor:
        hit = _specialty_ending(text, floor, pos)
        if hit is None:
            break
        pos -= len(hit)
        # 中医妇科, 急诊急救, 儿童康复: a field written straight before another, with no
        # separator, narrows it; the pair is one specialty, not the last word alone.
        while pos > floor and (more := _specialty_ending(text, floor, pos)):
            hit, pos = more + hit, pos - len(more)
        found.append(hit)
        if pos - 1 > floor and text[pos - 1] in _SPEC_SEP and _specialty_ending(text, floor, pos - 1):
            pos -= 1
            continue
        break
    return found[::-1], pos


def find_alliances(doc: Doc) -> None:
    text = doc.value
    kinds = pairs("alliance_kinds.txt")
    insts = sorted((s for s in doc.spans if s.label in ("Hospital", "Self") and _key_of(s, doc)), key=lambda s: s.start)
    alliances: list[Alliance] = []
    ends = sorted(s.end for s in doc.spans if s.label != "Person")
    kind_hits = [(m, kinds[m.group(0)], False) for m in _kind_pattern().finditer(text)]
    taken = [(m.start(), m.end()) for m, _, _ in kind_hits]
    kind_hits += [(m, "专科联盟", True) for m in _SPEC_KIND.finditer(text)
                  if not any(a < m.end() and m.start() < b for a, b in taken)]
    for m, kind, needs_spec in sorted(kind_hits, key=lambda h: h[0].start()):
        i = bisect_right(ends, m.start())  # ends[i - 1]: the last span end at or before the mention
        floor = ends[i - 1] if i else 0
        floor = max(floor, max(text.rfind(c, 0, m.start()) for c in "，,。；;！!？?\n") + 1)
        specs, pos = _specialties_before(text, m.start(), floor) if kind == "专科联盟" else ([], m.start())
        if needs_spec and not specs:
            # A brand in brackets between the specialty and the kind word is no part of either.
            brand = _BRACKETED.search(text, floor, m.start())
            if brand:
                specs, pos = _specialties_before(text, brand.start(), floor)
            if not specs:
                continue
        if kind == "专科联盟" and not specs:
            free = re.search(r"[\u4e00-\u9fff]{1,6}$", text[floor:pos])
            # An unlisted specialty still reads like one: 手足外科, 疼痛医学, 罕见病.
            free = re.search(r"[\u4e00-\u9fff]{1,6}(?:科|医学|病|外科|内科)$", text[floor:pos])
            if free:
                # 结成康复专科医联体: the verb before the specialty is not part of it, nor
                # what a particle ends (以我院为核心的肾脏病…, 并成为其肾脏病…).
                word = free.group(0)
                cut = max((m.end() for p in (_VERB_BEFORE_SPEC, _PARTICLE) for m in p.finditer(word) if m.end() < len(word)),
                          default=0)
                if cut:
                    free = re.search(re.escape(word[cut:]) + "$", text[floor:pos])
            if free and not any(w in free.group(0) for w in ("成员", "联盟", "单位", "和", "与", "暨", "及")):
                specs, pos = [free.group(0)], pos - len(free.group(0))
        prefix = next((s for s in insts if s.end == pos or (s.end == pos - 1 and text[s.end] in "的")), None)
        region, region_name = None, None
        if prefix is None:
            regs, used = gazetteer().prefix(text[floor:pos]) if floor < pos else ([], 0)
            if regs and floor + used == pos:
                region, region_name = regs[-1].code, text[floor:pos]
        pair = None
        if prefix is not None:
            other = next((s for s in reversed(insts) if s.end <= prefix.start), None)
            # (_PAIR ends the text before the prefix: its match lies in the last two characters)
            # “甲、乙医疗联合体”: inside quotes the list is the alliance's name, a pair too.
            quoted_pair = (other is not None and text[other.end : prefix.start] == "、"
                           and text[max(0, other.start - 1) : other.start] in ("“", "「", "『", '"'))
            if (_PAIR.search(text, max(0, prefix.start - 2), prefix.start) or quoted_pair) and other and other.end == prefix.start - 1:
                pair = (_key_of(other, doc), _key_of(prefix, doc), m.start())
                prefix = None
        bare = prefix is None and region is None and pair is None and not specs
        if bare and _GENERIC_USE.match(text, m.end()):
            continue  # 医联体办公室, 医联体工作方案: the idea, not an alliance
        for spec in specs or [None]:
            alliances.append(Alliance(kind, spec, prefix_key=_key_of(prefix, doc) if prefix else None,
                                      region=region, region_name=region_name,
                                      mentions=[(m.start(), m.end())], pairs=[pair] if pair else []))
    doc.alliances = _merge(doc, alliances)
    _attach_context(doc)
    for a in doc.alliances:
        _leader(doc, a, insts)
        _members(doc, a, insts)
    _table_rows(doc, insts)
    for a in doc.alliances:
        _founding_and_size(doc, a)
        _name(doc, a)


def _merge(doc: Doc, mentions: list[Alliance]) -> list[Alliance]:
    out: list[Alliance] = []

    def group(a: Alliance) -> str:
        return _MERGEABLE.get(a.kind, a.kind)

    def absorb(into: Alliance, a: Alliance) -> None:
        into.mentions += a.mentions
        into.pairs += a.pairs
        if _SPECIFIC.get(a.kind, 0) > _SPECIFIC.get(into.kind, 0):
            into.kind = a.kind
        into.region = into.region or a.region
        into.region_name = into.region_name or a.region_name
        into.prefix_key = into.prefix_key or a.prefix_key
        if a.specialty and (not into.specialty or len(a.specialty) > len(into.specialty)):
            into.specialty = a.specialty

    # Named ones first (with a specialty, a prefix or region), then the bare mentions join them.
    for a in sorted(mentions, key=lambda a: (a.kind == "专科联盟" and a.specialty is None,
                                             a.prefix_key is None and a.region is None)):
        same = [b for b in out if group(b) == group(a) and _spec_match(a.specialty, b.specialty)
                and (a.prefix_key is None or b.prefix_key is None or a.prefix_key == b.prefix_key)
                and (a.region is None or b.region is None or a.region == b.region)]
        if a.specialty is None and a.kind == "专科联盟" and len([b for b in out if b.kind == "专科联盟"]) > 1:
            for b in out:
                if b.kind == "专科联盟":
                    b.mentions += a.mentions
                    b.pairs += a.pairs
            continue
        if same:
            absorb(same[0], a)
        else:
            out.append(a)
    return out


def _spec_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    a, b = spec_norm(a), spec_norm(b)
    return a == b or a.endswith(b) or b.endswith(a)


# …and the words that refer back to it: 联盟单位代表A、B发言, 该联盟, 该医联体; and a
# plaque handed to institutions named straight before 授牌 (院长某某为甲、乙授牌) at the
# ceremony of the alliance named before; a sentence opening on the bare noun (协作网由甲牵头).

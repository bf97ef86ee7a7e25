"""Who leads an alliance (cue words, the seat named before its holder, the host of its
founding) and who its members are (membership cues in the sentences about it)."""
from __future__ import annotations

import re

from .alliance_coref import _mentioned_in, _sentences_of
from .alliance_model import Alliance, _key_of, _tier
from .doc import Doc, Span
from .lexicons import cue_words
from .regions import gazetteer


_BRANCH_HERE = re.compile(r"分院|院区|成员单位|成员医院")
_CALLED_MEMBERS = re.compile(r"等\s*(?:[\d一二三四五六七八九十两]+\s*家)?(?:成员单位|成员医院|联盟单位)")
_NON_MEMBER = re.compile(r"邀请|特邀|嘉宾|授课|讲座|分享")
_BUILT_ON = re.compile(r"依托\s*$")
_BUILT = re.compile(r"\s*(?:组建|成立|建立|牵头)")
# 作为联盟理事长单位，甲通报…: the seat is named before its holder (a 副理事长单位 is a member).
_SEAT_BEFORE = re.compile(r"作为[^，,。；;]{0,12}?(?<![副务])(?:理事长|牵头|龙头|主委|主席|组长)(?:单位|医院)\s*[，,]\s*$")
_DEPUTY_SEAT = re.compile(r"(?:副|常务)(?:理事长|主席|组长|主委|主任委员)?单位")


# 某省口腔专科联盟授牌仪式在甲医院外科大楼会议室举行 / 联盟在甲医院宣告成立: the hospital
# that hosts the founding or the plaques is the one that leads (an annual meeting or a
# council may meet at any member's, so only these; 成员单位授牌仪式 is held at the member's).
_HOST_EVENT = re.compile(r"^(?:(?!成员)[^，,。；;]){0,16}?(?:成立|启动|授牌|揭牌)(?:(?!成员)[^，,。；;]){0,8}在\s*$")
_HOST_AFTER = re.compile(r"[\u4e00-\u9fff\d]{0,14}?(?:举行|召开|举办|宣告成立|正式成立|成立)")


def _host(doc: Doc, a: Alliance, insts: list[Span]) -> tuple | None:
    text = doc.value
    for ms, me in a.mentions:
        s, e = doc.sentence_of(ms)
        for x in insts:
            if me <= x.start < e and x.label == "Hospital" and _HOST_AFTER.match(text, x.end) \
                    and (_HOST_EVENT.match(text[me : x.start]) or (text[x.start - 1 : x.start] == "在" and re.match(
                        r"[\u4e00-\u9fff\d]{0,14}?(?:宣告|正式)成立", text[x.end : x.end + 20]))):
                k = _key_of(x, doc)
                if k:
                    return (k, text[s:e])
    return None


def _leader(doc: Doc, a: Alliance, insts: list[Span]) -> None:
    if a.prefix_key:
        a.leader, a.leader_rule = a.prefix_key, "leads.prefix"
        a.leader_evidence = doc.value[slice(*doc.sentence_of(a.mentions[0][0]))]
        return
    cues = cue_words()["leads"]
    text = doc.value
    for s, e in _sentences_of(doc, a):
        in_sent = [x for x in insts if s <= x.start < e]
        for i, inst in enumerate(in_sent):
            nxt = in_sent[i + 1].start if i + 1 < len(in_sent) else e
            # 副理事长单位, 常务理事单位 are seats on the council, held by members: the
            # lead cue inside them (理事长单位) does not make their holder the leader.
            after = _DEPUTY_SEAT.sub("", text[inst.end : min(nxt, inst.end + 16)])
            before = text[max(s, inst.start - 8) : inst.start]
            if (any(c in after for c in cues) and not re.search(r"加入|成为.*成员", after[: max(after.find(c) for c in cues if c in after)])) \
                    or re.search(r"(?:牵头单位|主委单位|龙头单位|牵头医院)\s*(?:为|是|[:：])\s*$", before) \
                    or (_BUILT_ON.search(before) and _BUILT.match(after)) \
                    or _SEAT_BEFORE.search(text, s, inst.start):
                a.leader, a.leader_rule = _key_of(inst, doc), "leads.cue"
                a.leader_evidence = text[s:e]
                return
    pair_keys = [p for p in a.pairs if p[0] and p[1]]
    if pair_keys:
        k1, k2, at = pair_keys[0]
        a.leader, a.leader_rule = (k1 if _tier(doc, k1) >= _tier(doc, k2) else k2), "leads.pair_prefix"
        a.leader_evidence = text[slice(*doc.sentence_of(at))]
        return
    a.host = _host(doc, a, insts)
    # Two hospitals, and only two, wherever the alliance is named: a two-party alliance,
    # which the senior one leads (a tie says nothing).
    mentioned = _mentioned_in(doc, a)
    keys: dict[str, int] = {}
    for x in insts:
        s = doc.sentence_of(x.start)[0]
        k = _key_of(x, doc)
        if s in mentioned and k and k in doc.entities and doc.entities[k].label == "Hospital":
            keys.setdefault(k, s)
    if len(keys) == 2:
        (k1, s1), (k2, s2) = keys.items()
        t1, t2 = _tier(doc, k1), _tier(doc, k2)
        if t1 != t2:
            # Weaker than any frame: frames.apply_frames uses it only when none gave a leader.
            lead, other = (k1, k2) if t1 > t2 else (k2, k1)
            a.two_party = (lead, other, text[slice(*doc.sentence_of(keys[lead]))], text[slice(*doc.sentence_of(keys[other]))])


def _members(doc: Doc, a: Alliance, insts: list[Span]) -> None:
    text = doc.value
    member_cues = cue_words()["member"]
    leader_region = doc.entities[a.leader].region if a.leader in doc.entities else None
    gaz = gazetteer()

    def province(code: str | None) -> str | None:
        return gaz.lineage(code)[0].code if code and code in gaz.regions else None

    for k1, k2, at in a.pairs:
        for k in (k1, k2):
            if k and k != a.leader:
                a.members.setdefault(k, ("成员单位", text[slice(*doc.sentence_of(at))]))
    for s, e in _sentences_of(doc, a):
        sent = text[s:e]
        in_sent = [x for x in insts if s <= x.start < e]
        for inst in in_sent:
            key = _key_of(inst, doc)
            if not key or key == a.leader or key in a.members or doc.entities.get(key, None) is None:
                continue
            # 签约仪式在乙医院举行: where it happens, not who joins — unless what happens
            # there is its own plaque (首家分院在乙医院举行挂牌仪式).
            if _venue(text, inst) and not _BRANCH_HERE.search(text, max(s, inst.start - 30), inst.start):
                continue
            region = doc.entities[key].region
            same_area = bool(leader_region and region and (region == leader_region or (
                len(gaz.lineage(region)) > 1 and len(gaz.lineage(leader_region)) > 1
                and gaz.lineage(region)[1].code == gaz.lineage(leader_region)[1].code)))
            # A member needs a cue word near it, except in a 医联体 of the leader's own area.
            # The window is the costly part, so it is read only when the answer matters.
            if a.family == "专科联盟" or not same_area:
                window = _window(text, s, e, inst, a, in_sent)
                if s in a.list_heads:
                    window += text[slice(*a.list_heads[s])]
                if not any(c in window for c in member_cues):
                    continue
            # 甲、乙等成员单位也分享了经验: speakers the text itself calls members are members.
            if _NON_MEMBER.search(sent) and not same_area and not _CALLED_MEMBERS.search(window):
                continue
            if a.region and region and province(region) != province(a.region):
                continue
            around = text[inst.end : inst.end + 20]
            role = "骨干单位" if "骨干" in sent else "分院" if "分院" in around else "成员单位"
            a.members[key] = (role, sent)


def _venue(text: str, span: Span) -> bool:
    """在X举行/召开: X is where it happens, not a party."""
    return text[max(0, span.start - 2) : span.start].endswith(("在", "于")) and re.match(
        r"\s*(?:[\u4e00-\u9fff]{0,8}?)(?:举行|召开|举办|进行)", text[span.end : span.end + 12]) is not None


_RUN_SEP = re.compile(r"\s*(?:、|，|,|和|及|以及)\s*")
_INCLUDES = re.compile(r"\s*(?:其中)?(?:包括|包含|分别是|分别为|有)")


def _window(text: str, s: int, e: int, inst: Span, a: Alliance, insts: list[Span]) -> str:
    """The words that can make `inst` a member: its clause, and what lies between it and
    the alliance's nearest mention in the sentence."""
    # 甲，乙，丙为成员单位: names joined only by list marks are one list, whatever the mark,
    # so the list's cue is each name's cue.
    first, last = inst, inst
    at = insts.index(inst) if inst in insts else -1
    if at >= 0:
        i = at
        while i > 0 and _RUN_SEP.fullmatch(text, insts[i - 1].end, insts[i].start):
            i -= 1
        first = insts[i]
        i = at
        while i + 1 < len(insts) and _RUN_SEP.fullmatch(text, insts[i].end, insts[i + 1].start):
            i += 1
        last = insts[i]
    lo = max([s] + [text.rfind(c, s, first.start) + 1 for c in "，,；;"])
    hi = min([e] + [i for i in (text.find(c, last.end, e) for c in "，,；;") if i >= 0])
    # …共有24家成员单位，包括甲、乙: a list that says it is part of what the clause before
    # counts takes that clause's cue.
    if _INCLUDES.match(text, lo) and lo > s:
        lo = max([s] + [text.rfind(c, s, lo - 1) + 1 for c in "，,；;"])
    near = [ms for ms, _ in a.mentions if s <= ms < e]
    if near:
        ms = min(near, key=lambda x: abs(x - inst.start))
        low, high = min(ms, inst.start), max(ms, inst.start)
        if not any(low < x.start < high and x is not inst for x in insts):
            lo, hi = min(lo, ms), max(hi, ms)
    return text[lo:hi]

"""Clause-level relation frames over entity-tagged sentences.

Frames read who does what with whom from the structure of a clause, not from which names
share a sentence:

- agreement (`frame.pair`): 甲与/同/跟乙[、丙…][分别]签署/签订/共建/结成/建立… — a head
  party and a list of partners with a relation word after them in the same clause; with
  签署/签订/签约 the head signs with each partner. A partner that is a government or a
  commission makes no SIGNS between hospitals.
- agreement by reference (`frame.pair.pronoun`): …来到乙…，并与该院签订… — 该院/其 is the
  hospital named last before it, the head the first one of the sentence.
- joining (`frame.join`): 乙成为甲[的]协作医院/成员单位/分院/医联体单位.
- hyphen pair (`frame.pair.dash`): 甲-乙专科联盟.

The frames then give the alliances of the document their leader (in a two-party
医联体/专科联盟 the senior party that gives help: university over province over city over
county over township) and their members, and keep the signing pairs for `pipeline`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .alliance_founding import _name
from .alliance_model import Alliance, _key_of, _kind_pattern, _tier
from .alliance_roles import _venue
from .doc import Doc, Span
from .lexicons import pairs
from .regions import gazetteer

# 甲[作为联盟牵头单位][分别]与乙; an empty gap is a conjunction a damaged page lost (甲乙签订…).
_CONJ = re.compile(r"\s*(?:作为[\u4e00-\u9fff]{1,12}?(?:单位|医院))?\s*(?:分别|共同)?\s*(?:与|同|跟|和|及|-|—|–|－)?\s*(?:分别)?\s*$")
_STRONG_CONJ = re.compile(r"(?:与|同|跟|-|—|–|－)")
_LIST_SEP = re.compile(r"\s*(?:、|和|及|以及|与|,|，)\s*$")
_SIGN = re.compile(r"签署|签订|签约|签了字")
_RELATION = re.compile(r"签署|签订|签约|共建|建立|结成|结为|组成|组建|成立|开展|合作|揭牌|授牌|挂牌|协议|牵手|联盟|医联体|医共体|共同体|协作|托管|帮扶")
_PRONOUN = re.compile(r"(?:与|同|和)(?:该院|该医院|其|对方)")
_JOIN = re.compile(r"\s*(?:正式|也|将|已)?\s*(?:成为|作为|加入|纳入|挂牌为)\s*$")
_JOIN_ROLE = re.compile(r"\s*的?\s*(?:[\u4e00-\u9fff]{0,6}?)(协作医院|合作医院|成员单位|成员医院|医联体单位|联盟单位|协作单位|分院|医疗联合体单位|紧密型医联体单位)")
# (甲、乙等5家三级医院已)分别与28家县级医院…: the list before it is several heads, each with its own.
_COUNTED = re.compile(r"\s*(?:等\s*[\d一二三四五六七八九十两]+\s*家[\u4e00-\u9fff]{0,10}?(?:医院|单位|机构))?"
                      r"\s*(?:已|均|也|将)?\s*(分别)?\s*(?:与|同|跟|和)\s*(\d+)\s*[余多]?\s*家[\u4e00-\u9fff]{0,8}?(?:医院|卫生院|卫生室|单位|医疗机构|服务中心)")
_TO_REGION = re.compile(r"\s*(?:分别)?\s*(?:与|同|跟)\s*")
_REGION_RELATION = re.compile(r"\s*(?:分别|共同|正式)?\s*(?:签署|签订|签约|共建|建立|结成|组建)")
_VISIT = re.compile(r"(?:前往|来到|走进|赴|到访|到)")
_GOVERNMENT = re.compile(r"政府|委员会|卫健委|卫生健康局|卫健局|卫计局|卫生局|卫计委|街道|党委|党工委|区委|县委|市委")


@dataclass
class Frame:
    rule: str
    head: str  # entity key
    partners: list[str]  # entity keys of hospitals
    sentence: tuple[int, int]
    signs: bool = False
    with_government: bool = False
    alliance_at: list[int] = field(default_factory=list)  # kind-word mentions in the clause
    role: str = "成员单位"
    count: int | None = None  # partners given only by a count (与14家乡镇卫生院)
    each: bool = False  # one of several heads that each build their own (甲、乙分别与…建立)


def _key(doc: Doc, span: Span) -> str | None:
    return _key_of(span, doc)


def _is_hospital(doc: Doc, key: str | None) -> bool:
    ent = doc.entities.get(key) if key else None
    return bool(ent and ent.label == "Hospital")


_CLAUSE_END = re.compile(r"[，,；;。！!？?]")


def _clause_end(text: str, pos: int, end: int) -> int:
    m = _CLAUSE_END.search(text, pos, end)
    return m.start() if m else end


def find_frames(doc: Doc) -> list[Frame]:
    text = doc.value
    insts = sorted((s for s in doc.spans if s.label in ("Hospital", "Organization", "Self")), key=lambda s: s.start)
    frames: list[Frame] = []
    kinds = [m.start() for m in _kind_pattern().finditer(text)]
    for s, e in doc.sentences:
        in_sent = [x for x in insts if s <= x.start < e and not _venue(text, x)]
        if not in_sent:
            continue
        used: set[int] = set()
        for i, head in enumerate(in_sent):
            if i in used or head.label == "Organization":
                continue
            # A head, a conjunction, then the partners: a list of institutions.
            j = i + 1
            if j >= len(in_sent) or not _CONJ.fullmatch(text, head.end, in_sent[j].start):
                continue
            conj = text[head.end : in_sent[j].start]
            partners = [in_sent[j]]
            k = j + 1
            while k < len(in_sent) and _LIST_SEP.fullmatch(text, partners[-1].end, in_sent[k].start):
                partners.append(in_sent[k])
                k += 1
            clause_end = _clause_end(text, partners[-1].end, e)
            after = text[partners[-1].end : clause_end]
            if not _RELATION.search(after):
                continue
            if not _STRONG_CONJ.search(conj) and (len(partners) > 1 or re.match(r"\s*的", after)
                                                   or (not conj.strip() and not _SIGN.match(after.lstrip("正式")))):
                continue  # 甲和乙的院长…: a plain list, not two parties
            used.update(range(i, k))
            hk = _key(doc, head)
            if not _is_hospital(doc, hk):
                continue
            keys = [_key(doc, p) for p in partners]
            hospitals = [k2 for k2 in keys if _is_hospital(doc, k2) and k2 != hk]
            government = any(p.label == "Organization" and _GOVERNMENT.search(p.text) for p in partners)
            rule = "frame.pair.dash" if re.search(r"[-—–－]", conj) else "frame.pair"
            signs = bool(_SIGN.search(text, head.start, e)) or _signed_list(text, head.start)
            frames.append(Frame(rule, hk, list(dict.fromkeys(hospitals)), (s, e), signs=signs,
                                with_government=government,
                                alliance_at=[k for k in kinds if head.start <= k < clause_end]))
        # 甲与9家卫生院组建县域医联体: partners given only by a count; the head leads.
        for head in in_sent:
            m = _COUNTED.match(text, head.end)
            hk = _key(doc, head)
            if not m or not _is_hospital(doc, hk) or head.end > e:
                continue
            clause_end = _clause_end(text, m.end(), e)
            if _RELATION.search(text, m.end(), clause_end) and _kind_pattern().search(text, m.end(), clause_end):
                heads = [head]
                at = in_sent.index(head)
                while m.group(1) and at > 0 and _LIST_SEP.fullmatch(text, in_sent[at - 1].end, heads[0].start) \
                        and _is_hospital(doc, _key(doc, in_sent[at - 1])):
                    at -= 1
                    heads.insert(0, in_sent[at])
                for h in heads:
                    frames.append(Frame("frame.pair.count", _key(doc, h), [], (s, e), count=int(m.group(2)), each=len(heads) > 1,
                                        alliance_at=[k for k in kinds if m.end() <= k < clause_end]))
        # 甲与平江县签署医联体协议: a place as the other party stands for its government or
        # its hospitals as a whole; the hospital leads what it builds with it, as with a
        # government named in full. No SIGNS: the place names no hospital.
        for head in in_sent:
            m = _TO_REGION.match(text, head.end)
            hk = _key(doc, head)
            if not m or m.end() == head.end or not _is_hospital(doc, hk) or any(x.start == m.end() for x in in_sent):
                continue
            regions, used = gazetteer().prefix(text[m.end() : m.end() + 16], allow_short=False)
            if not regions:
                continue
            clause_end = _clause_end(text, m.end() + used, e)
            # The relation word right after the place: 与平江县人民医院 is a name, not a place.
            if _REGION_RELATION.match(text, m.end() + used) and _kind_pattern().search(text, m.end() + used, clause_end):
                frames.append(Frame("frame.pair.region", hk, [], (s, e), with_government=True,
                                        alliance_at=[k for k in kinds if m.end() <= k < clause_end]))
        # …来到乙交流，并与该院签订…: the pronoun stands for the hospital named last before it.
        for m in _PRONOUN.finditer(text, s, e):
            before = [x for x in in_sent if x.end <= m.start() and _is_hospital(doc, _key(doc, x))]
            if len(before) < 2:
                continue
            hk, other = _key(doc, before[0]), _key(doc, before[-1])
            clause_end = _clause_end(text, m.end(), e)
            if hk != other and _RELATION.search(text, m.end(), clause_end):
                frames.append(Frame("frame.pair.pronoun", hk, [other], (s, e), signs=bool(_SIGN.search(text, m.end(), clause_end)),
                                    alliance_at=[k for k in kinds if m.start() <= k < clause_end]))
        # 甲一行前往乙[、丙]，举行…签约仪式: the visitor and its hosts.
        for m in _VISIT.finditer(text, s, e):
            heads = [x for x in in_sent if x.end <= m.start() and _is_hospital(doc, _key(doc, x))]
            hosts = [x for x in in_sent if x.start >= m.end() and _is_hospital(doc, _key(doc, x))
                     and x.start < _clause_end(text, m.end(), e)]
            if not heads or not hosts or (s, e) in {f.sentence for f in frames}:
                continue
            rest = text[hosts[-1].end : e]
            if not _SIGN.search(rest) or not _kind_pattern().search(rest):
                continue
            hk = _key(doc, heads[0])
            partners = [k for k in dict.fromkeys(_key(doc, x) for x in hosts) if k != hk]
            frames.append(Frame("frame.visit", hk, partners, (s, e), signs=True,
                                alliance_at=[k for k in kinds if hosts[-1].end <= k < e]))
        # 乙正式成为甲协作医院 / 乙加入甲医联体.
        for i, member in enumerate(in_sent[:-1]):
            leader = in_sent[i + 1]
            if not _JOIN.fullmatch(text, member.end, leader.start):
                continue
            role = _JOIN_ROLE.match(text, leader.end)
            mk, lk = _key(doc, member), _key(doc, leader)
            if role and _is_hospital(doc, mk) and _is_hospital(doc, lk) and mk != lk:
                frames.append(Frame("frame.join", lk, [mk], (s, e), role="分院" if role.group(1) == "分院" else "成员单位",
                                    alliance_at=[k for k in kinds if member.start <= k < _clause_end(text, leader.end, e)]))
    # 乙增挂“甲某某分院”牌子 (resolve read it): 乙 is a branch, a member of what 甲 leads.
    for parent, member, (s, e) in doc.branches:
        frames.append(Frame("frame.join.branch", parent, [member], (s, e), role="分院",
                            alliance_at=[k for k in kinds if s <= k < e]))
    return frames


# 已签署医联体建设协议的医联体包括：甲与乙结成…；丙与丁…: one signing word over a whole list.
_SIGNED_LIST = re.compile(r"(?:签署|签订)[^。！？!?\n]{0,20}?协议[^。！？!?\n]*?(?:包括|如下|分别是|分别为)[^。！？!?\n]*$")


def _signed_list(text: str, pos: int) -> bool:
    lo = max(text.rfind(c, 0, pos) for c in "。！？!?\n") + 1
    return _SIGNED_LIST.search(text, lo, pos) is not None


_HELP = re.compile(r"派驻|派出|选派|帮扶|援助|托管|支援|接管|对口支援|将派")


def _helper(doc: Doc, a: str, b: str) -> str | None:
    """Which of two hospitals the text shows giving help (甲将派驻专家, 甲对乙全面接管): the
    one named last before a help word in its clause, counted over the document."""
    text = doc.value
    votes = {a: 0, b: 0}
    spans = sorted((x for x in doc.spans if x.label in ("Hospital", "Self") and _key(doc, x) in votes), key=lambda x: x.start)
    for m in _HELP.finditer(text):
        lo = max(text.rfind(c, 0, m.start()) for c in "，,。；;！!？?\n") + 1
        before = [x for x in spans if lo <= x.start and x.end <= m.start()]
        if before:
            votes[_key(doc, before[-1])] += 1
    if votes[a] != votes[b]:
        return a if votes[a] > votes[b] else b
    return None


def _senior(doc: Doc, head: str, partner: str, frame: Frame) -> str:
    if frame.rule.startswith("frame.join"):
        return head
    th, tp = _tier(doc, head), _tier(doc, partner)
    if th == tp:
        return _helper(doc, head, partner) or head
    return partner if tp > th else head


def apply_frames(doc: Doc) -> None:
    """Leaders and members of the document's alliances from its frames; the frames stay
    on the Doc for the SIGNS edges."""
    frames = find_frames(doc)
    doc.frames = frames
    placed: dict[str, set[int]] = {}  # hospital key -> starts of the sentences whose frames place it
    for f in frames:
        if not f.partners and not f.with_government and f.count is None:
            continue
        for alliance in _alliances_for(doc, f):
            target = _split_for(doc, f, alliance)
            _assign(doc, f, target)
            if target.leader in (f.head, *f.partners):
                for k in (f.head, *f.partners):
                    placed.setdefault(k, set()).add(f.sentence[0])
                placed.setdefault(f"@{id(target)}", set()).add(f.sentence[0])
    for a in doc.alliances:
        if a.leader is None and a.host and not a.two_party:
            a.leader, a.leader_evidence, a.leader_rule = a.host[0], a.host[1], "leads.host"
        if a.leader is None and a.two_party:
            lead, other, lead_ev, other_ev = a.two_party
            a.leader, a.leader_evidence, a.leader_rule = lead, lead_ev, "leads.two_party"
            a.members.setdefault(other, ("成员单位", other_ev))
            a.member_rules.setdefault(other, "joins.two_party")
        a.members.pop(a.leader, None)
        # A cue member read from a sentence whose frame puts that hospital in another
        # alliance (甲与乙组成专科医联体，…并入康复医联体) belongs to that one only.
        mine = placed.get(f"@{id(a)}", set())
        for k in [k for k, rule in list(a.members.items()) if k not in a.member_rules]:
            where = doc.value.find(a.members[k][1])
            if where >= 0 and where in placed.get(k, set()) - mine:
                del a.members[k]
        _name(doc, a)
    # A bare kind word that nothing else describes (…加强专科联盟建设) is not an alliance.
    doc.alliances = [a for a in doc.alliances if a.leader or a.members or a.region or a.specialty or a.founded]


def _split_for(doc: Doc, f: Frame, alliance: Alliance) -> Alliance:
    """The alliance a frame speaks of. One kind word merged over the text can stand for
    several alliances (甲与乙结成医联体；丙与丁结成医联体): a frame whose clause names it with
    another leader than an earlier frame gave it gets an alliance of its own."""
    leader = f.head if len(f.partners) != 1 else _senior(doc, f.head, f.partners[0], f)
    own = [m for m in alliance.mentions if m[0] in f.alliance_at]
    if f.each and alliance.leader not in (None, leader):
        # Each head of 甲、乙分别与…建立 has an alliance of its own, named by the same words.
        alliance.members.pop(leader, None)
        new = Alliance(alliance.kind, alliance.specialty, mentions=own or alliance.mentions[:1])
        doc.alliances.append(new)
        return new
    if (alliance.leader is None or alliance.leader == leader or not own or len(own) == len(alliance.mentions)
            or not (alliance.leader_rule or "").startswith("frame")
            or (len(f.partners) == 1 and alliance.leader in f.partners)):
        return alliance
    kind = pairs("alliance_kinds.txt").get(doc.value[own[0][0] : own[0][1]], alliance.kind)
    new = Alliance(kind, alliance.specialty, region=alliance.region, region_name=alliance.region_name, mentions=own)
    alliance.mentions = [m for m in alliance.mentions if m not in own]
    doc.alliances.append(new)
    return new


def _assign(doc: Doc, f: Frame, alliance: Alliance) -> None:
    if not f.partners:
        # 甲医院与某区人民政府共建医联体: the hospital leads what it builds with a government.
        if f.count is not None and alliance.member_count is None:
            alliance.member_count = f.count
        if alliance.leader is None:
            alliance.leader, alliance.leader_evidence = f.head, doc.value[slice(*f.sentence)]
            alliance.leader_rule = f.rule
        return
    leader = f.head
    if len(f.partners) == 1:
        leader = _senior(doc, f.head, f.partners[0], f)
    members = [k for k in [f.head, *f.partners] if k != leader]
    # A leader read from a name prefix (与乙医联体) yields to the senior party of a pair.
    if alliance.leader is None or (alliance.leader in members and len(f.partners) == 1):
        alliance.leader, alliance.leader_evidence = leader, doc.value[slice(*f.sentence)]
        alliance.leader_rule = f.rule
    if alliance.leader != leader:
        return
    for k in members:
        alliance.members.setdefault(k, (f.role, doc.value[slice(*f.sentence)]))
        alliance.member_rules.setdefault(k, f.rule)


def _alliances_for(doc: Doc, f: Frame) -> list[Alliance]:
    """The alliances a frame is about: those named in its clause (a list of specialties
    names several), else the document's only 医联体-family alliance, else a new 医联体 when
    the frame itself says partnership."""
    named = [a for a in doc.alliances if any(ms in f.alliance_at for ms, _ in a.mentions)]
    if named:
        return named
    family = [a for a in doc.alliances if a.family == "医联体"]
    if len(family) == 1:
        return family
    if not doc.alliances and (f.rule.startswith("frame.join") or re.search(r"协作|医联体|联合体|协同体|共同体|托管", doc.value[slice(*f.sentence)])):
        a = Alliance("医联体", None, mentions=[(f.sentence[0], f.sentence[0])])
        doc.alliances.append(a)
        return [a]
    return []

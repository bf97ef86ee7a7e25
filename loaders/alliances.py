"""Alliances: their mentions, kind, specialty, leader, members, founding date, size.

A mention is a kind word (专科联盟, 医联体, 医共体 …) with what stands before it: a list
of specialties (新生儿科、小儿外科专科联盟) and a prefix — a hospital that names it
(X医院医联体: X leads), a region (贵州省眼科专科联盟), or a pair (A与B医联体: the
higher-tier hospital leads). Leaders are also read from cue words (牵头, 主委, 龙头 …),
members from membership cues (加入, 成员单位, 签约, 授牌 …) in the sentences that
mention the alliance.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from .dates import dates_in, doc_dates, event_dates, nearest_event_date, reference_year
from .doc import Doc, Span
from .lexicons import cue_words, longest_first, pairs
from .regions import gazetteer

_MERGEABLE = {"医联体": "医联体", "紧密型医联体": "医联体"}
_SPECIFIC = {"医联体": 0, "紧密型医联体": 1}
_PAIR = re.compile(r"(?:与|和|同|及)$")
_COUNT = re.compile(r"(\d+)\s*家(?:[\u4e00-\u9fff]{0,10})?(?:成员单位|成员医院|医疗机构|医院|单位)|(?:成员单位|成员)(?:共|达|有|为)?\s*(\d+)\s*家")
_FOUNDED = re.compile(r"(?:正式|宣告|宣布|揭牌|挂牌|隆重|顺利|签约|\s)*(?:成立|组建)")
# …医联体正式成立 / 联盟正式启动 / 协同体的成立标志着… (a 揭牌 ceremony alone may be of an
# alliance founded before, so it does not count).
# An aside in brackets between name and verb (联盟（牵头单位：甲）成立大会) is no part of either.
_FOUNDED_AFTER_NAME = re.compile(r"[”\"」』]?(?:[（(][^（()）。]{1,40}[)）])?(?:的)?(?:正式|宣告|宣布|揭牌|挂牌|隆重|顺利)*(?:成立|启动)(?=[，,。；;！!\s标]|$|大会|仪式)")
# 3月2日，甲与乙医联体揭牌签约仪式举行: the ceremony that launches it, on the day its own
# sentence states (a later 此次…揭牌仪式 recalls it and dates nothing).
_LAUNCHED_AFTER_NAME = re.compile(r"(?:正式)?(?:揭牌|挂牌)(?:暨?签约)?仪式")
# 自2019年3月1日甲与乙开展医联体建设以来: the day the alliance began.
_SINCE = re.compile(r"[自从]\s*$")
_SINCE_VERB = re.compile(r"(?:开展|启动|建立|组建|实施|开始)[^，,。；;]{0,12}$")
_FOUNDED_ON = re.compile(r"成立于\s*$")
_RECALLED = re.compile(r"(?:此次|本次|这次)[\u4e00-\u9fff]{0,2}$")
_GENERIC_USE = re.compile(r"办公室|工作方案|方案|政策|制度|模式|试点|改革|管理办法")
_VERB_BEFORE_SPEC = re.compile(r"(?:结成|结为|组成|组建|成立|建立|共建|加入|牵头|实行|开展|打造|启动|签订|签署|签约)")
# Function words that no specialty name holds.
_PARTICLE = re.compile(r"[的其并为将在是对]")
_BRANCH_HERE = re.compile(r"分院|院区|成员单位|成员医院")
_CALLED_MEMBERS = re.compile(r"等\s*(?:[\d一二三四五六七八九十两]+\s*家)?(?:成员单位|成员医院|联盟单位)")
_NON_MEMBER = re.compile(r"邀请|特邀|嘉宾|授课|讲座|分享")


@dataclass
class Alliance:
    kind: str
    specialty: str | None
    prefix_key: str | None = None  # the hospital the name starts with
    region: str | None = None  # region code the name starts with
    region_name: str | None = None
    name: str | None = None
    leader: str | None = None
    leader_evidence: str | None = None
    members: dict = field(default_factory=dict)  # key -> (role, evidence)
    founded: date | None = None
    member_count: int | None = None
    mentions: list = field(default_factory=list)  # (start, end) spans of the text
    context: list = field(default_factory=list)  # starts of sentences about it that do not name it
    pairs: list = field(default_factory=list)  # (key, key, start)
    leader_rule: str | None = None
    member_rules: dict = field(default_factory=dict)  # key -> rule id
    host: tuple | None = None  # (key, evidence): the hospital that hosts its founding or plaque ceremony
    two_party: tuple | None = None  # (senior, other, evidence, evidence): the only two hospitals named with it
    list_heads: dict = field(default_factory=dict)  # start of a list-item line -> (start, end) of its heading

    @property
    def family(self) -> str:
        return "专科联盟" if self.kind == "专科联盟" else "医联体"


def spec_norm(spec: str | None) -> str:
    if not spec:
        return ""
    for suffix in ("专业", "科"):
        if spec.endswith(suffix) and len(spec) > len(suffix):
            return spec[: -len(suffix)]
    return spec


@cache
def _kind_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, longest_first("alliance_kinds.txt"))))


# Kind words that make a 专科联盟 only after a listed specialty: 妇产科联盟, 中医康复（某品牌）
# 联盟, and a pact over a department list (与我院心内科、骨科等3个专科结盟). Without a
# specialty 联盟 is a reference back to an alliance named before, or talk of alliances.
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
    """A list of specialties that ends at `pos`: 新生儿科、小儿外科专科联盟, 重症医学科和妇科
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


def _tier(doc: Doc, key: str) -> float:
    ent = doc.entities.get(key)
    name = ent.name if ent else ""
    score = 0.0
    if re.search(r"大学|医学院|医科", name):
        score = 4
    elif ent and ent.region:
        level = gazetteer().regions[ent.region].level
        score = {"province": 3.5, "city": 3, "county": 2}[level]
        if level == "county" and re.search(r"[镇乡]|社区|卫生院|卫生服务", name):
            score = 1
    elif re.search(r"省", name):
        score = 3.5
    else:
        score = 2.5
    if re.search(r"卫生院|卫生服务中心|卫生室|社区", name):
        score = min(score, 1)
    return score


def _key_of(span: Span, doc: Doc) -> str | None:
    return doc.publisher if span.label == "Self" else span.attrs.get("key")


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
                # 结成精神疾病专科医联体: the verb before the specialty is not part of it, nor
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
_LIST_CUE = re.compile(r"牵头单位|牵头医院|主委单位|龙头单位|龙头医院|成员单位|(?:副理事长|常务理事|理事)单位|成员医院|成员包括|加入|纳入|联盟单位|联盟医院|联盟成员"
                       r"|成为[\u4e00-\u9fff]{0,12}?的?首批成员|首批接入|(?<=[院心])授牌"
                       r"|该(?:联盟|医联体|医共体|集团|共同体|协作网)|(?<![\u4e00-\u9fff])(?:联盟|集团|协作网|医联体|医共体)(?:由|以|依托)|(?:牵头|领衔)的该?(?:联盟|医联体|医共体|集团|共同体|协作网)|联盟的(?:理事长|主席|组长|牵头)单位")


def _attach_context(doc: Doc) -> None:
    """A sentence that says 牵头单位：X or 成员单位：A、B without naming an alliance is about
    the alliance named last before it (lists in notices, follow-up sentences)."""
    starts = sorted(((ms, a) for a in doc.alliances for ms, _ in a.mentions), key=lambda x: x[0])
    offsets = [ms for ms, _ in starts]
    for s, e in doc.sentences:
        i = bisect_left(offsets, s)  # starts[:i] are the mentions before the sentence
        if (i < len(offsets) and offsets[i] < e) or not _LIST_CUE.search(doc.value, s, e):
            continue
        if i:
            starts[i - 1][1].context.append(s)
    _attach_list_items(doc)


# 成员单位（排名不分先后）： followed by one name a line, bare or numbered — （一）甲, 1.乙, - 丙.
_COLON = re.compile(r"[：:]")
_HEADING_END = re.compile(r"[：:]\s*$")
_ITEM_MARK = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}\s*[.．、]|[一二三四五六七八九十]{1,3}、|[-•·●]\s*)?\s*")
_ITEM_SEP = re.compile(r"\s*(?:、|，|,|和|及|以及)?\s*")


def _attach_list_items(doc: Doc) -> None:
    """The lines after a heading that ends in a colon and names a membership (成员单位：)
    hold nothing but names, so the heading's cue and alliance are theirs: each line is a
    sentence of its own and would otherwise have neither."""
    text = doc.value
    sents = doc.sentences
    for n, (s, e) in enumerate(sents):
        # 成员单位有：甲；乙；丙。 — a list whose items a semicolon ends, each a sentence.
        colon = _COLON.search(text, s, e)
        inline = (colon is not None and text[e : e + 1] in "；;" and _LIST_CUE.search(text, s, colon.start())
                  and _only_names(doc, colon.end(), e))
        if not (inline or (_HEADING_END.search(text, s, e) and _LIST_CUE.search(text, s, e))):
            continue
        owners = [a for a in doc.alliances if s in a.context or any(s <= ms < e for ms, _ in a.mentions)]
        if not owners:
            continue
        prev_end = e
        for s2, e2 in sents[n + 1 :]:
            if not _only_names(doc, s2, e2) or (inline and text[prev_end : prev_end + 1] not in "；;"):
                break
            prev_end = e2
            for a in owners:
                a.context.append(s2)
                a.list_heads[s2] = (s, e)


# 序号　名称　牵头单位　成员单位 over rows 1　某医疗集团　甲医院　乙、丙: a row carries no
# cue word, only its column does, so the header says who leads and who joins in each row.
_CELL_SEP = re.compile(r"[\t\u3000]+| {2,}")
_LEAD_COLUMN = re.compile(r"(?:牵头|龙头|核心|主委)(?:单位|医院|机构)")
_MEMBER_COLUMN = re.compile(r"(?:成员|协作|合作|参与)(?:单位|医院|机构)")


def _cells(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out, pos = [], s
    for m in _CELL_SEP.finditer(text, s, e):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:e].strip(" 。；;"):
        out.append((pos, e))
    return out


def _table_rows(doc: Doc, insts: list[Span]) -> None:
    text = doc.value
    sents = doc.sentences
    n = 0
    while n < len(sents):
        s, e = sents[n]
        n += 1
        if "\n" in text[s:e] or not _LEAD_COLUMN.search(text, s, e):
            continue
        head = [text[a:b].strip() for a, b in _cells(text, s, e)]
        lead_col = next((i for i, c in enumerate(head) if _LEAD_COLUMN.fullmatch(c)), None)
        member_col = next((i for i, c in enumerate(head) if _MEMBER_COLUMN.fullmatch(c)), None)
        if lead_col is None or len(head) < 3:
            continue
        done: dict[int, str] = {}  # id of an alliance -> the leader a row above gave it
        while n < len(sents):
            s2, e2 = sents[n]
            cells = _cells(text, s2, e2)
            if len(cells) != len(head):
                break
            n += 1
            row = [x for x in doc.alliances if any(s2 <= ms < e2 for ms, _ in x.mentions)]
            leads = [x for x in insts if cells[lead_col][0] <= x.start < cells[lead_col][1]]
            if len(row) != 1 or len(leads) != 1:
                continue
            a, leader = row[0], _key_of(leads[0], doc)
            if done.get(id(a), leader) != leader:
                # One kind word merged over rows that name different leaders: this row's own.
                own = [m for m in a.mentions if s2 <= m[0] < e2]
                a.mentions = [m for m in a.mentions if m not in own]
                a = Alliance(a.kind, a.specialty, region=a.region, region_name=a.region_name, mentions=own)
                doc.alliances.append(a)
            done[id(a)] = leader
            evidence = text[s2:e2]
            a.leader, a.leader_rule, a.leader_evidence = leader, "leads.table", evidence
            a.members.pop(leader, None)
            if member_col is None:
                continue
            for x in insts:
                k = _key_of(x, doc)
                if cells[member_col][0] <= x.start < cells[member_col][1] and k and k != leader:
                    a.members[k] = ("成员单位", evidence)
                    a.member_rules[k] = "joins.table"


def _only_names(doc: Doc, s: int, e: int) -> bool:
    text = doc.value
    pos = _ITEM_MARK.match(text, s, e).end()
    names = sorted((x for x in doc.spans if s <= x.start < e and x.label in ("Hospital", "Self")), key=lambda x: x.start)
    if not names:
        return False
    for x in names:
        if x.start < pos or not _ITEM_SEP.fullmatch(text, pos, x.start):
            return False
        pos = x.end
    return not text[pos:e].strip(" \t\u3000。；;，,")


def _mentioned_in(doc: Doc, a: Alliance) -> set[int]:
    """Starts of the sentences that hold a mention of `a`."""
    # A mention in no sentence gets (ms, ms) from sentence_of, and no sentence starts at ms.
    return {doc.sentence_of(ms)[0] for ms, _ in a.mentions}


def _sentences_of(doc: Doc, a: Alliance) -> list[tuple[int, int]]:
    wanted = _mentioned_in(doc, a).union(a.context)
    return [(s, e) for s, e in doc.sentences if s in wanted]


# 联盟依托甲组建: it is built on 甲, which leads it (依托甲的技术优势 names a strength, no leader).
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


def _founding_and_size(doc: Doc, a: Alliance) -> None:
    text = doc.value
    year = reference_year(text, doc.published)
    only = len(doc.alliances) == 1
    mentioned = _mentioned_in(doc, a)
    context = set(a.context)
    by_name = None  # a founding read from the alliance's own mention: weaker than a dated 成立
    for s, e in doc.sentences:
        # 该联盟成立于…: a sentence that refers back to it dates it as one naming it does.
        mentions_it = s in mentioned or s in context
        if not (mentions_it or (only and _kind_pattern().search(text, s, e))):
            continue
        sent = text[s:e]
        dates = dates_in(doc, s, e)
        for ds, de, d in dates:
            after = sent[de : de + 8]
            if _FOUNDED.match(after) or _FOUNDED_ON.search(sent[max(0, ds - 4) : ds]):
                a.founded = a.founded or d
            elif _SINCE.search(sent, max(0, ds - 2), ds):
                for ms, me in a.mentions:
                    if s + de <= ms < s + de + 40 and _SINCE_VERB.search(text, s + de, ms) and re.match(r"(?:建设)?以来", text[me : me + 4]):
                        a.founded = a.founded or d
        # 3月1日，X牵头的医共体正式成立。 — the alliance itself is what was founded that day;
        # a sentence with no date of its own takes the event date stated just before it.
        # 此次联盟的成立是… recalls the occasion, as 此次…揭牌仪式 does: it dates nothing.
        if by_name is None and any(_FOUNDED_AFTER_NAME.match(text, me) and not _RECALLED.search(text, max(s, ms - 4), ms)
                                   for ms, me in a.mentions if s <= ms < e):
            by_name = dates[0][2] if dates else _event_date_before(doc, s, year)
        if by_name is None and dates and any(_LAUNCHED_AFTER_NAME.match(text, me) for ms, me in a.mentions if s <= ms < e):
            by_name = dates[0][2]
        m = _COUNT.search(sent)
        if m and mentions_it and a.member_count is None:
            a.member_count = int(m.group(1) or m.group(2))
    a.founded = a.founded or by_name


def _event_date_before(doc: Doc, pos: int, year: int | None):
    """The event date stated last before `pos` (the page stamp is none), else the first after."""
    key = ("event_dates", year)
    if key not in doc.memo:
        doc.memo[key] = event_dates(doc.value, year, doc.title_end, doc_dates(doc))
    return nearest_event_date(doc.memo[key], max(pos, doc.title_end))


def _name(doc: Doc, a: Alliance) -> None:
    spec = a.specialty or ""
    kind_word = a.kind
    if a.region_name:
        a.name = f"{a.region_name}{spec}{kind_word}"
    elif a.leader and a.leader in doc.entities:
        a.name = f"{doc.entities[a.leader].name}{spec}{kind_word}"
    else:
        a.name = f"{spec}{kind_word}"

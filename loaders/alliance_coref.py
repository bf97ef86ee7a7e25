"""What refers back to an alliance: sentences that list 牵头单位/成员单位 or say 该联盟 without
naming it, headed lists of members one per line, and tables with a leader and a member column."""
from __future__ import annotations

import re
from bisect import bisect_left

from .alliance_model import Alliance, _key_of
from .doc import Doc, Span


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

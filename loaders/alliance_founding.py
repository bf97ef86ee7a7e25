"""When an alliance was founded (a dated 成立, 自…以来, or the event date before a sentence
that founds it by name), how many members it has, and the name it is known by."""
from __future__ import annotations

import re

from .alliance_coref import _mentioned_in
from .alliance_model import Alliance, _kind_pattern
from .dates import dates_in, doc_dates, event_dates, nearest_event_date, reference_year
from .doc import Doc


_COUNT = re.compile(r"(\d+)\s*家(?:[\u4e00-\u9fff]{0,10})?(?:成员单位|成员医院|医疗机构|医院|单位)|(?:成员单位|成员)(?:共|达|有|为)?\s*(\d+)\s*家")
_FOUNDED = re.compile(r"(?:正式|宣告|宣布|揭牌|挂牌|隆重|顺利|签约|\s)*(?:成立|组建)")
# …医联体正式成立 / 联盟正式启动 / 协作体的成立标志着… (a 揭牌 ceremony alone may be of an
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

"""Who published the announcement: the hospital the page's own masthead, copyright or
source names; otherwise, when the text says 我院/本院, the hospital the text's cues point
at (its people chair the event; it is visited, not visiting; it is never the other party
of a clause about 我院: X与我院, 我院与X, X在我院挂牌). Only a hospital publishes: a page
whose byline is a government, a commission or a news outlet (…网讯) has no publisher."""
from __future__ import annotations

import re

from .doc import Doc
from .alliance_model import _kind_pattern as _kinds
from .entities import classify, _suffix_pattern
from .resolve import Entity, entity_key, expand_suffix, doc_regions

_CHAIR = re.compile(r"主持")
_VISITED = re.compile(r"(?:来|到|赴|莅临|参观|走进|考察)(?:了)?我院")
_WE_LEAD = re.compile(r"(?:牵头|龙头|主委|核心)(?:单位|医院)?\s*(?:为|是)\s*(?:本院|我院)|(?:本院|我院)\s*(?:作为|为|是)[^，,。；]{0,14}?(?:牵头|龙头|主委)")
_CLAUSE_END = "，,。；;！!？?\n：:"
# A news outlet's dateline opens its story (津滨网讯, 某某网讯); a hospital's own site
# writes 本网讯 or nothing.
_NEWS_DATELINE = re.compile(r"^[^\n]{0,30}?(?<!本)网讯")


def _named_institution(text: str | None, masthead: bool = False) -> tuple[str, str] | None:
    """(label, name) of an institution a metadata string names; a hospital before an
    organization its name starts with (东川大学附属医院, not 东川大学)."""
    if not text:
        return None
    found = []
    for m in _suffix_pattern().finditer(text):
        start = max(0, max(text.rfind(c, 0, m.start()) for c in " :：|【[（(,，>›»") + 1)
        name = text[start : m.end()]
        if masthead and not _MASTHEAD_END.match(text, m.end()):
            continue  # a breadcrumb's article title, not the site's name
        attrs = classify(name, m.group(0))
        if attrs:
            found.append((attrs["label"], name))
    hospitals = [x for x in found if x[0] == "Hospital"]
    return (hospitals or found or [None])[0]


# What follows the site's own name in a masthead: its sections or a greeting's end.
_MASTHEAD_END = re.compile(r"\s*(?:$|[!！。|>›»]|新闻|网站|官网|首页|欢迎|今天|医院动态|院内)")


def _body_start(doc: Doc) -> str:
    return doc.value[doc.title_end : doc.title_end + 120].lstrip()


def find_publisher(doc: Doc) -> None:
    says_we = any(s.label == "Self" for s in doc.spans)
    explicit = [x for x in (_named_institution(doc.footer), _named_institution(doc.masthead, masthead=True),
                            _named_institution(doc.source)) if x]
    codes = doc_regions(doc)
    # The page's own byline names an institution of the graph even when it did not write "我院".
    for label, name in explicit:
        key = _entity_for(doc, label, expand_suffix(name) if label == "Organization" else name, codes)
        if label == "Hospital":
            doc.publisher = key
            return
    if not says_we or _NEWS_DATELINE.match(_body_start(doc)):
        return
    hospitals = [e for e in doc.entities.values() if e.label == "Hospital"]
    if not hospitals:
        return
    score = {e.key: 0.1 * e.mentions for e in hospitals}
    spans = [s for s in doc.spans if s.label == "Hospital" and s.attrs.get("key") in score]
    # The other party of a clause about 我院 (X与我院, 我院与X, 依托我院, X在我院挂牌).
    for we in (s for s in doc.spans if s.label == "Self"):
        lo = max(doc.value.rfind(c, 0, we.start) for c in _CLAUSE_END) + 1
        hi = min([i for i in (doc.value.find(c, we.end) for c in _CLAUSE_END) if i >= 0] or [len(doc.value)])
        # (X医联体 names the alliance, not a party: 我院向乙颁发“X医联体成员单位”证书.)
        for key in {s.attrs["key"] for s in spans if lo <= s.start and s.end <= hi and not _kinds().match(doc.value, s.end)}:
            score[key] -= 2
    # X医联体的龙头单位为本院 / 我院作为X医联体牵头单位: the alliance's named leader is us.
    for m in _WE_LEAD.finditer(doc.value):
        start, end = doc.sentence_of(m.start())
        for sp in spans:
            if start <= sp.start < end and _kinds().match(doc.value, sp.end):
                score[sp.attrs["key"]] += 4
    for start, end in doc.sentences:
        m = _CHAIR.search(doc.value, start, end)
        visit = _VISITED.search(doc.value, start, end)
        if not (m or visit):
            continue  # most sentences have neither cue: skip collecting their spans
        in_sent = [s for s in spans if start <= s.start < end]
        if m:
            before = [s for s in in_sent if s.end <= m.start()]
            if before and "由" in doc.value[start : before[-1].start]:
                score[before[-1].attrs["key"]] += 3
        if visit:
            at = visit.start()
            clause = max(doc.value.rfind(c, start, at) for c in "，,；;") + 1
            visitors = [s for s in in_sent if max(clause, start) <= s.start < at]
            if visitors:
                score[visitors[-1].attrs["key"]] -= 3
    title_spans = [s for s in spans if s.start < doc.title_end]
    if title_spans:
        score[title_spans[0].attrs["key"]] += 1
    best = max(score, key=lambda k: score[k])
    # Every hospital named is the other party of a clause about 我院: the page never names
    # itself in the text, and 我院 stays unresolved rather than taking a partner's name.
    doc.publisher = best if score[best] >= 0 else None


def _entity_for(doc: Doc, label: str, name: str, codes: list[str]) -> str:
    key, region = entity_key(label, name, codes)
    if key not in doc.entities:
        # A short form of an entity the text names in full (中医院 of 启东市中医院)?
        same = [e for e in doc.entities.values() if e.label == label and (e.name.endswith(name) or name.endswith(e.name))]
        if len(same) == 1:
            same[0].aliases.add(name)
            return same[0].key
        doc.entities[key] = Entity(key, label, name, region=region)
    else:
        ent = doc.entities[key]
        if name != ent.name:
            ent.aliases.add(name)
    return key

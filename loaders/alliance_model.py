"""An alliance as extraction sees it (kind, specialty, prefix, region, mentions, leader,
members, founding, size), the kind words that mark a mention, and the helpers every alliance
step shares."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from .doc import Doc, Span
from .lexicons import longest_first
from .regions import gazetteer


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
# 联盟, and a pact over a department list (与我院眼科、皮肤科等4个专科联合). Without a
# specialty 联盟 is a reference back to an alliance named before, or talk of alliances.
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

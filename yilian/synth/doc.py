"""One document being written: every mention of an institution, person, alliance, signing and
date goes through a `Doc` method (M, P, A, S, D…), which records what the text states so
the gold (gold.py) says exactly that and no more."""
from __future__ import annotations

import random
from collections import Counter
from datetime import date

from .gold import GoldRecord
from .phrases import cn_number, cn_number_year, join_list
from .vocab import ALLIANCE_GENERIC
from .world import Alliance, Ent, Person, World


class Doc(GoldRecord):
    def __init__(self, world: World, rng: random.Random, publisher: Ent | None, mode: str, style: str,
                 published: date | None, we: bool):
        self.w, self.rng = world, rng
        self.publisher, self.mode, self.style, self.published, self.we = publisher, mode, style, published, we
        self.mentioned: dict[str, Ent] = {}
        self.optional: dict[str, Ent] = {}
        self.forms: dict[str, set] = {}
        self.intro: set[str] = set()
        self.participants: list[Ent] = [publisher] if publisher else []
        self.people: dict[tuple, Person] = {}
        self.p_intro: set[int] = set()
        self.alliances: dict[int, dict] = {}
        self.a_intro: set[int] = set()
        self.signs: dict[frozenset, date | None] = {}
        self.addr: dict[str, str] = {}
        self.named_regions: set[str] = set()
        self.show_date = rng.random() < 0.86
        self.noise_paras: set[int] = set()
        self.count_stated = False
        self._taken: Counter | None = None
        self.tags: list[str] = []  # which phrasings the page used (for diagnostics, not gold)
        self.quoted: set[str] = set()

    # ---- entities ----
    def involve(self, *ents):
        for e in ents:
            if isinstance(e, (list, tuple)):
                self.involve(*e)
            elif e is not None and e not in self.participants:
                self.participants.append(e)

    def _touch(self, e: Ent, form: str | None = None, optional: bool = False):
        if optional:
            if e.id not in self.mentioned:
                self.optional[e.id] = e
        else:
            self.mentioned[e.id] = e
            self.optional.pop(e.id, None)
        if form:
            self.forms.setdefault(e.id, set()).add(form)
        if e.parent is not None and e.parent.id not in self.mentioned:
            self.optional[e.parent.id] = e.parent  # the university inside the hospital's name

    def _short_ok(self, e: Ent, short: str) -> bool:
        everyone = self.participants + list(self.mentioned.values())
        others = [o for o in everyone if o is not e]
        if any(short in o.shorts or short == o.name or short in o.alts for o in others):
            return False
        level = {"省": "province", "市": "city", "县": "county", "区": "county"}.get(short[0])
        if level:
            # A relative form (市中心医院) is clear only when the page stays within one such region.
            seen = set()
            for o in everyone:
                if o.label == "Hospital" or o.tier in ("commission", "bureau", "gov"):
                    for r in self.w.gaz.lineage(o.region):
                        if r.level == level:
                            seen.add(r.code)
                        if short[0] == "市" and r.level == "county" and r.name.endswith("市"):
                            return False  # 市 could be the county-level city as well
            return len(seen) <= 1
        return True

    def M(self, e: Ent, full: bool = False, optional: bool = False, self_ok: bool = True) -> str:
        """A mention of a hospital or organization."""
        rng = self.rng
        self.involve(e)
        if e is self.publisher and self.we and self_ok and not full and e.label == "Hospital" and rng.random() < 0.75:
            self._touch(e)
            return "本院" if rng.random() < 0.12 else "我院"
        if e.id in self.intro and not full:
            shorts = [s for s in e.shorts if self._short_ok(e, s)]
            if shorts and rng.random() < 0.45:
                self._touch(e, optional=optional)
                return rng.choice(shorts)
            if e.quals and rng.random() < 0.3:
                q = rng.choice(e.quals)
                self._touch(e, q, optional=optional)
                return q
        form = e.name
        if e.alts and not full:
            alts = list(e.alts)
            if e.tier == "township":
                # 某镇卫生院 alone is clear only when the page is about one county.
                counties = {o.region for o in self.participants if o.label == "Hospital" and o.tier in ("county", "township")}
                alts = [a for a in alts if e.region in self.named_regions and counties <= {e.region}]
            if e.tier == "community":
                # 某街道社区卫生服务中心 alone needs the page to be about one district; 市+区 forms are always clear.
                districts = {o.region for o in self.participants if o.label == "Hospital" and o.tier in ("district", "community")}
                city = self.w.R(self.w.R(e.region).parent).name
                alts = [a for a in alts if a.startswith(city) or (e.region in self.named_regions and districts <= {e.region})]
            alts = [a for a in alts if self._short_ok(e, a)]
            if alts and rng.random() < 0.4:
                form = rng.choice(alts)
        elif e.quals and not full and rng.random() < 0.25:
            form = rng.choice(e.quals)
        self._touch(e, form, optional=optional)
        self.intro.add(e.id)
        for r in self.w.gaz.lineage(e.region):
            if r.name in form or e.tier in ("township",):
                self.named_regions.add(r.code)
        return form

    def Ms(self, ents: list[Ent]) -> str:
        return join_list(self.rng, [self.M(e) for e in ents])

    # ---- people ----
    def P(self, p: Person, form: str | None = None) -> str:
        rng = self.rng
        self.people[(p.name, p.org.id)] = p
        self.involve(p.org)
        known = id(p) in self.p_intro
        if form is None:
            form = rng.choice(["name", "name", "name_title"]) if known else "full"
        if form in ("name", "name_title") and not known:
            form = "full"
        if form == "bare" and not (p.org is self.publisher and self.we):
            form = "full"
        if form == "full" and rng.random() < 0.08:
            form = "paren"
        if form == "full" and p.org.tier == "gov" and rng.random() < 0.4:
            form = "region"
        self.p_intro.add(id(p))
        if form == "name":
            return p.name
        if form == "name_title":
            return p.name + p.short_title
        if form == "bare":
            self._touch(p.org)
            return p.title + p.name
        if form == "region":
            region = self.w.R(p.org.region).name
            self._touch(p.org)
            self.named_regions.add(p.org.region)
            return f"{region}{p.title}{p.name}"
        if form == "paren":
            return f"{p.name}（{self.M(p.org)}{p.title}）"
        if form == "from":
            return f"来自{self.M(p.org, self_ok=False)}的{p.name}{p.short_title}"
        return f"{self.M(p.org)}{p.title}{p.name}"

    def PG(self, org: Ent, persons: list[Person]) -> str:
        """Several people of one institution: X医院党委书记甲、院长乙."""
        if len(persons) == 1:
            return self.P(persons[0], "full")
        for p in persons:
            self.people[(p.name, p.org.id)] = p
            self.p_intro.add(id(p))
        sep = "，" if any("、" in p.title for p in persons) else "、"
        return self.M(org) + sep.join(f"{p.title}{p.name}" for p in persons)

    def staff(self, e: Ent, *roles: str, n: int = 1) -> list[Person]:
        pool = [p for p in e.staff if p.role in roles] or e.staff
        return self.rng.sample(pool, min(n, len(pool)))

    def head(self, e: Ent) -> Person:
        return next((p for p in e.staff if p.role == "head"), e.staff[0])

    # ---- alliances, signings, dates ----
    def A(self, a: Alliance, members=(), founded: date | None = None, count: int | None = None, name: str | None = None):
        g = self.alliances.setdefault(a.id, {"a": a, "members": [], "founded": None, "count": None, "name": name or a.name})
        for m in members:
            if m is not a.leader and m not in g["members"]:
                g["members"].append(m)
        g["founded"] = g["founded"] or founded
        g["count"] = g["count"] or count
        self._touch(a.leader)

    def AN(self, a: Alliance, full: bool = False) -> str:
        """The alliance's name (first time) or a generic reference."""
        if a.id in self.a_intro and not full and self.rng.random() < 0.6:
            return self.rng.choice(ALLIANCE_GENERIC[a.kind])
        self.a_intro.add(a.id)
        self.A(a)
        if a.leader.name in a.name:
            lead = self.M(a.leader, full=True)
            return lead + a.name[len(a.leader.name):]
        return a.name

    def S(self, x: Ent, y: Ent, when: date | None):
        self.signs[frozenset((x.id, y.id))] = when

    def D(self, d: date | None, allow_vague: bool = True, tod: bool = True) -> str:
        """The event date as the page writes it (or a vague 近日 when the page gives none)."""
        rng = self.rng
        if d is None or (allow_vague and not self.show_date):
            self.tags.append("date:vague")
            return rng.choice(["近日", "日前", "近期", "前不久"])
        r = rng.random()
        md_ok = self.published is not None and self.published.year == d.year
        if r < 0.38 and md_ok:
            text, form = f"{d.month}月{d.day}日", "M月D日"
        elif r < 0.55:
            text, form = f"{d:%Y-%m-%d}", "YYYY-MM-DD"
        elif r < 0.6:
            text, form = f"{cn_number_year(d.year)}年{cn_number(d.month)}月{cn_number(d.day)}日", "二〇二四年三月五日"
        else:
            text, form = f"{d.year}年{d.month}月{d.day}日", "YYYY年M月D日"
        self.tags.append(f"date:{form}")
        if tod and "-" not in text and rng.random() < 0.3:
            text += rng.choice(["上午", "下午", "上午", "晚"])
        return text

    def full_date(self, d: date) -> str:
        r = self.rng.random()
        if r < 0.7:
            return f"{d.year}年{d.month}月{d.day}日"
        if r < 0.9:
            return f"{d:%Y-%m-%d}"
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"

"""The world of one seed: real provinces, cities and counties (the GB/T 2260 gazetteer of
yilian.loaders.regions), invented hospitals on every tier, commissions, governments,
universities, their staff, and alliances with leaders, founding dates and members joining over
the years. `World.events` lists what documents can tell (see events/)."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from .vocab import COMPOUND_SURNAMES, DEPTS, GIVEN, SPECIALTIES, STREETS, SURNAMES, TOWNS, TOWN_HEADS, TOWN_TAILS


@dataclass(eq=False)
class Ent:
    """A hospital or an organization."""
    id: str
    label: str  # Hospital | Organization
    name: str  # canonical full name
    tier: str  # prov, uni, city, county, district, township, community, commission, bureau, gov, university
    region: str  # GB/T 2260 code of the region its name places it in (or its seat)
    alts: tuple = ()  # other full spellings (gold alternatives, usable at first mention)
    quals: tuple = ()  # region-qualified short forms (gold alternatives when the text uses them)
    shorts: tuple = ()  # relative / abbreviated forms for later mentions (never gold)
    kind: str = "综合"
    parent: "Ent | None" = None  # the university of an affiliated hospital
    located: bool = True  # its name states where it is
    address: str | None = None  # a district code for "位于…" sentences
    staff: list = field(default_factory=list)
    since: int = 0  # year founded
    beds: int = 0


@dataclass(eq=False)
class Person:
    name: str
    org: Ent
    title: str
    role: str  # head, sec, deputy, dept, official, expert

    @property
    def short_title(self) -> str:
        t = self.title.split("、")[-1]
        return re.sub(r"^.*?((?:常务)?副?(?:院长|主任|局长|科长|处长|书记|县长|区长|市长|校长|股长|护士长|理事长))$", r"\1", t)


@dataclass(eq=False)
class Alliance:
    id: int
    kind: str
    spec: str | None
    leader: Ent
    name: str
    founded: date
    scope: str  # region code
    initial: list = field(default_factory=list)  # members at founding
    count0: int = 0  # members at founding, named or not
    later: list = field(default_factory=list)  # (Ent, date)
    popularity: float = 1.0

    @property
    def family(self) -> str:
        return "专科联盟" if self.kind == "专科联盟" else "医联体"

    def members_at(self, when: date) -> list:
        return list(self.initial) + [m for m, d in self.later if d <= when]


class World:
    def __init__(self, seed: int):
        from yilian.loaders.regions import gazetteer

        self.gaz = gazetteer()
        self.rng = random.Random(f"yilian-synth-world:{seed}")
        self.ents: list[Ent] = []
        self.people: list[Person] = []
        self.alliances: list[Alliance] = []
        self.used_names: set[str] = set()
        self.used_towns: set[str] = set()
        self.children: dict[str, list] = {}
        for r in self.gaz.regions.values():
            self.children.setdefault(r.parent, []).append(r)
        for kids in self.children.values():
            kids.sort(key=lambda r: r.code)
        self.by_region: dict[str, list[Ent]] = {}
        self.commission: dict[str, Ent] = {}
        self.gov: dict[str, Ent] = {}
        self.universities: dict[str, list[Ent]] = {}
        self.provinces: list = []
        self.cities: list = []
        self.counties: list = []
        self._regions()
        self._institutions()
        self._alliances()
        self._events()

    # ---- regions ----
    def R(self, code):
        return self.gaz.regions[code]

    def capital_of(self, code):
        prov = self.province_of(code)
        cities = [c for c in self.cities if c.parent == prov.code]
        return next((c for c in cities if c.code.endswith("0100")), cities[0] if cities else prov)

    def city_of(self, code):
        for r in self.gaz.lineage(code):
            if r.level == "city":
                return r
        return None

    def province_of(self, code):
        return self.gaz.lineage(code)[0]

    def _regions(self):
        rng = self.rng
        provinces = [r for r in self.children[None] if r.name.endswith("省") and r.name not in ("台湾省", "海南省")]
        taken_county_names: set[str] = set()
        rng.shuffle(provinces)
        for prov in provinces:
            if len(self.provinces) == 4:
                break
            cities = [c for c in self.children.get(prov.code, []) if c.level == "city" and c.name.endswith("市")
                      and len([k for k in self.children.get(c.code, []) if self._usable_county(k)]) >= 3]
            if len(cities) < 3:
                continue
            capital = next((c for c in cities if c.code.endswith("0100")), cities[0])
            others = rng.sample([c for c in cities if c is not capital], min(len(cities) - 1, rng.randint(2, 3)))
            self.provinces.append(prov)
            for city in [capital] + others:  # noqa: B007
                counties = [k for k in self.children[city.code] if self._usable_county(k) and k.name not in taken_county_names
                            and k.short not in taken_county_names]
                picked = rng.sample(counties, min(len(counties), rng.randint(3, 5)))
                if not any(k.name.endswith("区") for k in picked):
                    districts = [k for k in counties if k.name.endswith("区") and k not in picked]
                    if districts:
                        picked.append(rng.choice(districts))
                for k in picked:
                    taken_county_names.update((k.name, k.short))
                self.cities.append(city)
                self.counties += picked

    @staticmethod
    def _usable_county(r) -> bool:
        return r.level == "county" and "自治" not in r.name and r.name[-1] in "县区市" and 2 <= len(r.name) <= 4

    # ---- people ----
    def person_name(self) -> str:
        rng = self.rng
        while True:
            if rng.random() < 0.02:
                sur = rng.choice(COMPOUND_SURNAMES)
            else:
                i = min(int(rng.expovariate(1 / 28)), len(SURNAMES) - 1)
                sur = SURNAMES[i]
            n = 1 if rng.random() < 0.25 else 2
            given = "".join(rng.choice(GIVEN) for _ in range(n))
            if len(set(given)) < len(given) and rng.random() < 0.7:
                continue
            name = sur + given
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def staff(self, ent: Ent, title: str, role: str) -> Person:
        p = Person(self.person_name(), ent, title, role)
        ent.staff.append(p)
        self.people.append(p)
        return p

    def _hospital_staff(self, h: Ent):
        rng = self.rng
        if h.tier == "township":
            self.staff(h, rng.choice(["院长", "院长", "党支部书记、院长"]), "head")
            if rng.random() < 0.5:
                self.staff(h, "副院长", "deputy")
            return
        if h.tier == "community":
            self.staff(h, rng.choice(["主任", "主任", "党支部书记、主任"]), "head")
            return
        big = h.tier in ("prov", "uni", "city")
        self.staff(h, rng.choice(["党委书记", "党委书记", "党委书记、理事长"]), "sec")
        self.staff(h, rng.choice(["院长", "党委副书记、院长", "院长"]), "head")
        for _ in range(rng.randint(2, 3) if big else rng.randint(1, 2)):
            self.staff(h, rng.choice(["副院长", "副院长", "党委委员、副院长", "副院长"]), "deputy")
        if rng.random() < 0.4:
            self.staff(h, rng.choice(["党委副书记", "党委副书记、纪委书记", "院长助理", "工会主席"]), "deputy")
        self.staff(h, rng.choice(["医务部主任", "医务处处长", "医务科科长"] if big else ["医务科科长", "医务科主任"]), "dept")
        if rng.random() < 0.35:
            self.staff(h, rng.choice(["医联体办公室主任", "合作发展部主任", "对外合作办公室主任", "远程医学中心主任"]), "dept")
        for dept in rng.sample(DEPTS[h.kind], min(len(DEPTS[h.kind]), 3 if big else 2)):
            title = dept + ("主任" if not dept.endswith("中心") else "主任")
            if rng.random() < 0.15:
                title = dept + "护士长"
            self.staff(h, title, "expert")

    # ---- institutions ----
    def add(self, ent: Ent) -> Ent:
        self.ents.append(ent)
        self.by_region.setdefault(ent.region, []).append(ent)
        if ent.label == "Hospital":
            ent.since = self.rng.randint(1938, 1995) if ent.tier in ("prov", "uni", "city") else self.rng.randint(1950, 2005)
            ent.beds = {"prov": 3000, "uni": 3500, "city": 1500, "county": 700, "district": 400}.get(ent.tier, 60)
            ent.beds = int(ent.beds * self.rng.uniform(0.6, 1.5)) // 10 * 10
            self._hospital_staff(ent)
        return ent

    def hosp(self, name, tier, region, kind="综合", **kw) -> Ent:
        return self.add(Ent(f"H{len(self.ents)}", "Hospital", name, tier, region, kind=kind, **kw))

    def org(self, name, tier, region, **kw) -> Ent:
        return self.add(Ent(f"O{len(self.ents)}", "Organization", name, tier, region, **kw))

    def _institutions(self):
        rng = self.rng
        cities_by_prov: dict[str, list] = {}
        for c in self.cities:
            cities_by_prov.setdefault(c.parent, []).append(c)
        towns = list(TOWNS)
        rng.shuffle(towns)
        streets = list(STREETS)
        for prov in self.provinces:
            P, Ps = prov.name, prov.short
            capital = cities_by_prov[prov.code][0]
            cap_districts = [k for k in self.children[capital.code] if k.name.endswith("区")] or [capital]
            com = self.org(f"{P}卫生健康委员会", "commission", prov.code, quals=(f"{P}卫健委", f"{P}卫生健康委"),
                           shorts=("省卫健委", "省卫生健康委"))
            self.commission[prov.code] = com
            self.staff(com, rng.choice(["党组书记、主任", "主任"]), "official")
            for t in rng.sample(["副主任", "党组成员、副主任", "医政医管处处长", "基层卫生健康处处长", "医政医管处副处长", "一级巡视员"], 3):
                self.staff(com, t, "official")
            self.hosp(f"{P}人民医院", "prov", prov.code, shorts=("省人民医院", "省人医"), address=rng.choice(cap_districts).code)
            for nm, kind, shorts in rng.sample([("肿瘤医院", "肿瘤", ("省肿瘤医院",)), ("儿童医院", "儿童", ("省儿童医院",)),
                                                ("妇幼保健院", "妇幼", ("省妇幼保健院", "省妇幼")), ("中医院", "中医", ("省中医院",)),
                                                ("第二人民医院", "综合", ("省第二人民医院", "省二医院")),
                                                ("口腔医院", "口腔", ("省口腔医院",))], rng.randint(3, 5)):
                self.hosp(f"{P}{nm}", "prov", prov.code, kind=kind, shorts=shorts, address=rng.choice(cap_districts).code)
            # Universities and their hospitals (no region in the name: located only by an address sentence).
            unis = []
            u1 = self.org(f"{Ps}医科大学", "university", capital.code, located=False)
            unis.append(u1)
            self.hosp(f"{Ps}医科大学附属第一医院", "uni", capital.code, parent=u1, located=False,
                      shorts=(f"{Ps}医大一院", f"{Ps}医大附一院"), address=rng.choice(cap_districts).code)
            self.hosp(f"{Ps}医科大学第二附属医院", "uni", capital.code, parent=u1, located=False,
                      shorts=(f"{Ps}医大二院", f"{Ps}医大二附院"), address=rng.choice(cap_districts).code)
            if rng.random() < 0.6:
                self.hosp(f"{Ps}医科大学附属口腔医院", "uni", capital.code, kind="口腔", parent=u1, located=False,
                          address=rng.choice(cap_districts).code)
            if rng.random() < 0.5:
                self.hosp(f"{Ps}医科大学附属儿童医院", "uni", capital.code, kind="儿童", parent=u1, located=False,
                          address=rng.choice(cap_districts).code)
            other = rng.choice(cities_by_prov[prov.code][1:] or [capital])
            u2 = self.org(f"{other.short}医学院", "university", other.code, located=False)
            unis.append(u2)
            seat = [k for k in self.children[other.code] if k.name.endswith("区")] or [other]
            self.hosp(f"{other.short}医学院附属医院", "uni", other.code, parent=u2, located=False,
                      shorts=(f"{other.short}医附院",), address=rng.choice(seat).code)
            self.universities[prov.code] = unis
            for u in unis:
                self.staff(u, rng.choice(["副校长", "党委常委、副校长"]), "official")
        for city in self.cities:
            C = city.name
            districts = [k for k in self.counties if k.parent == city.code and k.name.endswith("区")]
            addr = lambda: rng.choice(districts).code if districts else None  # noqa: E731
            com = self.org(f"{C}卫生健康委员会", "commission", city.code, quals=(f"{C}卫健委", f"{C}卫生健康委"),
                           shorts=("市卫健委", "市卫生健康委"))
            self.commission[city.code] = com
            self.staff(com, rng.choice(["党组书记、主任", "主任", "党委书记、主任"]), "official")
            for t in rng.sample(["副主任", "党组成员、副主任", "副主任", "医政医管科科长", "基层卫生健康科科长", "妇幼健康科科长",
                                 "四级调研员"], 3):
                self.staff(com, t, "official")
            gov = self.org(f"{C}人民政府", "gov", city.code, quals=(f"{C}政府",), shorts=("市政府",))
            self.gov[city.code] = gov
            self.staff(gov, "副市长", "official")
            top = rng.choice(["中心医院", "第一人民医院", "人民医院"])
            shorts = {"中心医院": ("市中心医院",), "第一人民医院": ("市第一人民医院", "市一医院"), "人民医院": ("市人民医院",)}[top]
            self.hosp(f"{C}{top}", "city", city.code, shorts=shorts, address=addr())
            if top != "人民医院" and rng.random() < 0.5:
                self.hosp(f"{C}第二人民医院", "city", city.code, shorts=("市第二人民医院", "市二医院"), address=addr())
            tcm = rng.choice(["中医院", "中医医院"])
            self.hosp(f"{C}{tcm}", "city", city.code, kind="中医", shorts=(f"市{tcm}",), address=addr())
            self.hosp(f"{C}妇幼保健院", "city", city.code, kind="妇幼", shorts=("市妇幼保健院", "市妇幼"), address=addr())
            for nm, kind in (("儿童医院", "儿童"), ("口腔医院", "口腔"), ("肿瘤医院", "肿瘤")):
                if rng.random() < 0.25:
                    self.hosp(f"{C}{nm}", "city", city.code, kind=kind, shorts=(f"市{nm}",), address=addr())
        for county in self.counties:
            K = county.name
            city = self.R(county.parent)
            lvl = K[-1]
            bureau = self.org(f"{K}卫生健康局", "bureau", county.code, quals=(f"{K}卫健局",),
                              shorts=(f"{lvl}卫生健康局", f"{lvl}卫健局") if lvl != "市" else ())
            self.commission[county.code] = bureau
            self.staff(bureau, rng.choice(["党组书记、局长", "局长"]), "official")
            self.staff(bureau, rng.choice(["副局长", "党组成员、副局长", "医政医管股股长"]), "official")
            gov = self.org(f"{K}人民政府", "gov", county.code, quals=(f"{K}政府",), shorts=(f"{lvl}政府",) if lvl != "市" else ())
            self.gov[county.code] = gov
            self.staff(gov, {"县": "副县长", "区": "副区长", "市": "副市长"}[lvl], "official")
            rel = (lambda s: (f"{lvl}{s}",) if lvl != "市" else ())  # noqa: E731
            if lvl == "区":
                self.hosp(f"{city.name}{K}人民医院", "district", county.code, alts=(f"{K}人民医院",), shorts=rel("人民医院"))
                for st in rng.sample(streets, rng.randint(2, 4)):
                    self.hosp(f"{K}{st}街道社区卫生服务中心", "community", county.code,
                              alts=(f"{city.name}{K}{st}街道社区卫生服务中心", f"{st}街道社区卫生服务中心"))
                n_town = rng.randint(0, 2)
            else:
                self.hosp(f"{K}人民医院", "county", county.code, shorts=rel("人民医院") + (rel("医院") if rng.random() < 0.5 else ()))
                tcm = rng.choice(["中医院", "中医医院"])
                self.hosp(f"{K}{tcm}", "county", county.code, kind="中医", shorts=rel(tcm))
                if rng.random() < 0.45:
                    self.hosp(f"{K}妇幼保健院", "county", county.code, kind="妇幼", shorts=rel("妇幼保健院"))
                if rng.random() < 0.2:
                    self.hosp(f"{K}第二人民医院", "county", county.code, shorts=rel("第二人民医院"))
                n_town = rng.randint(4, 8)
            for _ in range(n_town):
                town = towns.pop() if towns else self._new_town()
                unit = "乡" if rng.random() < 0.2 else "镇"
                center = "中心卫生院" if unit == "镇" and rng.random() < 0.3 else "卫生院"
                self.hosp(f"{K}{town}{unit}{center}", "township", county.code, alts=(f"{town}{unit}{center}",))

    def _new_town(self) -> str:
        while True:
            town = self.rng.choice(TOWN_HEADS) + self.rng.choice(TOWN_TAILS)
            if town not in self.used_towns and town not in TOWNS:
                self.used_towns.add(town)
                return town

    def hospitals(self, *tiers, region=None, kind=None) -> list[Ent]:
        out = [e for e in self.ents if e.label == "Hospital" and (not tiers or e.tier in tiers)]
        if region:
            out = [e for e in out if any(r.code == region for r in self.gaz.lineage(e.region))]
        if kind:
            out = [e for e in out if e.kind == kind]
        return out

    # ---- alliances ----
    def _date(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def _alliance(self, kind, spec, leader, name, scope, pool, n_initial, popularity=1.0) -> Alliance:
        rng = self.rng
        founded = self._date(date(2017, 3, 1), date(2024, 10, 31))
        pool = [h for h in pool if h is not leader]
        rng.shuffle(pool)
        k = min(len(pool), n_initial)
        a = Alliance(len(self.alliances), kind, spec, leader, name, founded, scope, initial=pool[:k], popularity=popularity)
        a.count0 = k + (rng.randint(0, 25) if rng.random() < 0.6 else 0)
        later = pool[k : k + rng.randint(0, min(6, len(pool) - k))]
        when = founded
        for h in later:
            when = when + timedelta(days=rng.randint(40, 400))
            if when > date(2025, 6, 30):
                break
            a.later.append((h, when))
        self.alliances.append(a)
        return a

    def _alliances(self):
        rng = self.rng
        for prov in self.provinces:
            P = prov.name
            in_prov = self.hospitals("city", "county", "district", region=prov.code)
            county_level = self.hospitals("county", "district", region=prov.code)
            top = self.hospitals("prov", "uni", region=prov.code)
            for leader in top:
                for spec in rng.sample(SPECIALTIES[leader.kind], min(len(SPECIALTIES[leader.kind]), rng.randint(1, 3))):
                    name = f"{P}{spec}专科联盟" if rng.random() < 0.4 else f"{leader.name}{spec}专科联盟"
                    pool = [h for h in in_prov if h.kind == leader.kind or (h.kind == "综合" and leader.kind in ("综合", "儿童", "肿瘤"))
                            or (leader.kind == "儿童" and h.kind == "妇幼")]
                    self._alliance("专科联盟", spec, leader, name, prov.code, pool, rng.randint(4, 14), popularity=3)
                if leader.kind == "综合" and rng.random() < 0.6:
                    kind = rng.choice(["医联体", "紧密型医联体"])
                    pool = self.hospitals("city", "county", region=prov.code)
                    self._alliance(kind, None, leader, f"{leader.name}{kind}", prov.code, pool, rng.randint(1, 4), popularity=3)
                if leader.kind == "综合" and rng.random() < 0.5:
                    name = rng.choice([f"{leader.name}远程医疗协作网", f"{P}远程医疗协作网"])
                    self._alliance("远程医疗协作网", None, leader, name, prov.code, county_level, rng.randint(5, 14), popularity=2)
        for city in self.cities:
            C = city.name
            city_hosps = [h for h in self.by_region.get(city.code, []) if h.label == "Hospital" and h.tier == "city"]
            top = city_hosps[0]
            districts = [k for k in self.counties if k.parent == city.code and k.name.endswith("区")]
            if districts:
                pool = [h for k in districts for h in self.by_region.get(k.code, []) if h.label == "Hospital"]
                name = rng.choice([f"{top.name}城市医疗集团", f"{C}{rng.choice(['东部', '西部', '南部', '北部', '中心城区', ''])}城市医疗集团"])
                self._alliance("城市医疗集团", None, top, name, city.code, pool, rng.randint(3, 8), popularity=2)
            counties = self.hospitals("county", region=city.code)
            pool = [h for h in counties if h.kind == "综合"] + [h for h in counties if h.kind != "综合"]
            kind = rng.choice(["医联体", "紧密型医联体"])
            self._alliance(kind, None, top, f"{top.name}{kind}", city.code, pool, rng.randint(2, 5), popularity=2)
            for h in city_hosps[1:]:
                if rng.random() < 0.5:
                    spec = rng.choice(SPECIALTIES[h.kind])
                    name = f"{C}{spec}专科联盟" if rng.random() < 0.5 else f"{h.name}{spec}专科联盟"
                    pool = [m for m in self.hospitals("county", "district", "township", region=city.code)
                            if m.kind in (h.kind, "综合") and (m.tier != "township" or h.kind in ("中医", "妇幼", "综合"))]
                    self._alliance("专科联盟", spec, h, name, city.code, pool, rng.randint(3, 9), popularity=1.5)
        for county in self.counties:
            hs = [h for h in self.by_region.get(county.code, []) if h.label == "Hospital"]
            towns = [h for h in hs if h.tier in ("township", "community")]
            heads = [h for h in hs if h.tier in ("county", "district")]
            if not heads or len(towns) < 2:
                continue
            if len(towns) >= 6 and len(heads) >= 2 and rng.random() < 0.6:
                rng.shuffle(towns)
                cut = len(towns) * 3 // 5
                groups = [(heads[0], towns[:cut]), (heads[1], towns[cut:])]
            else:
                groups = [(heads[0], towns)]
            founded = None
            for lead, members in groups:
                name = rng.choice([f"{lead.name}医共体", f"{lead.name}紧密型县域医共体", f"{lead.name}县域医共体"])
                a = self._alliance("医共体", None, lead, name, county.code, members, len(members), popularity=1)
                founded = founded or a.founded
                a.founded = founded  # a county sets up its 医共体 on one day
                a.later = []
                a.count0 = len(members)

    # ---- events ----
    def _events(self):
        rng = self.rng
        ev = self.events = {k: [] for k in ("found", "join", "sign", "meeting", "plaque", "notice", "combo", "visit", "county")}
        for a in self.alliances:
            ev["found"].append((a.popularity, ("found", a)))
            batches: dict[date, list] = {}
            for m, d in a.later:
                batches.setdefault(d, []).append(m)
            for d, ms in batches.items():
                ev["join"].append((a.popularity, ("join", a, ms, d)))
                if a.kind in ("医联体", "紧密型医联体", "专科联盟") and len(ms) == 1:
                    ev["sign"].append((a.popularity, ("sign", a.leader, ms[0], d, a)))
            if a.kind in ("医联体", "紧密型医联体"):
                for m in a.initial[:3]:
                    ev["sign"].append((a.popularity, ("sign", a.leader, m, a.founded, a)))
            end = date(2025, 6, 30)
            if (end - a.founded).days > 200:
                d = self._date(a.founded + timedelta(days=180), end)
                ev["meeting"].append((a.popularity, ("meeting", a, d)))
            if a.kind in ("专科联盟", "远程医疗协作网", "医共体") and a.initial:
                ev["plaque"].append((a.popularity, ("plaque", a, a.initial[: rng.randint(1, min(6, len(a.initial)))], a.founded)))
        # Signings without an alliance: support, trusteeship, remote consultation.
        tops = self.hospitals("prov", "uni", "city")
        lows = self.hospitals("city", "county", "district")
        for _ in range(60):
            L, X = rng.choice(tops), rng.choice(lows)
            if L is X or L.tier == X.tier == "city":
                continue
            ev["sign"].append((1.0, ("sign", L, X, self._date(date(2018, 1, 1), date(2025, 6, 30)), None)))
        for _ in range(60):
            L, X = rng.choice(tops), rng.choice(self.hospitals("county", "district", "township"))
            ev["visit"].append((1.0, ("visit", L, X, self._date(date(2018, 1, 1), date(2025, 6, 30)))))
        # Commission lists of specialty alliances / groups in a province or city.
        for code in [p.code for p in self.provinces] + [c.code for c in self.cities]:
            mine = [a for a in self.alliances if a.scope == code and a.kind in ("专科联盟", "城市医疗集团", "医联体", "紧密型医联体")]
            if len(mine) >= 2:
                d = max(a.founded for a in mine) + timedelta(days=rng.randint(10, 60))
                ev["notice"].append((1.0, ("notice", self.commission[code], mine, min(d, date(2025, 6, 30)))))
        # A tertiary hospital's 医联体 plus several of its specialty alliances, joined by one hospital at once.
        for a in self.alliances:
            if a.kind in ("医联体", "紧密型医联体") and a.leader.tier in ("prov", "uni"):
                specs = [b for b in self.alliances if b.leader is a.leader and b.kind == "专科联盟"]
                joins = a.later[:2] or ([(a.initial[0], a.founded)] if a.initial else [])
                if specs:
                    for m, d in joins:
                        ev["combo"].append((2.0, ("combo", a, specs, m, d)))
        for county in self.counties:
            gong = [a for a in self.alliances if a.scope == county.code and a.kind == "医共体"]
            if gong:
                ev["county"].append((1.0, ("county", county, gong, gong[0].founded)))

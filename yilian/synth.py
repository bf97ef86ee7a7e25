"""A synthetic announcement corpus with ground truth, for measuring `yilian extract`.

    from yilian.synth import generate
    summary = generate(docs=1000, seed=7, out=Path("/tmp/synth"))

Writes `out/NNNNN_<hash>.txt` (UTF-8) and `out/gold/NNNNN_<hash>.json` in the format of
shared/eval/gold (see shared/eval/CONTRACT.md), ready for `score.py --gold out/gold`.

How it is built
  * A world, once per seed: a few real provinces with real cities and counties (GB/T 2260
    gazetteer of yilian.loaders.regions), a population of hospitals on every tier
    (provincial, university-affiliated, city, county, district, township 卫生院, community
    社区卫生服务中心), health commissions, governments and universities, their staff (people
    keep their post across documents), and alliances (专科联盟, 医联体, 紧密型医联体,
    城市医疗集团, 医共体, 远程医疗协作网) with leaders, founding dates and members who join
    over the years. Every hospital, alliance, person and date is invented; only the regions
    are real.
  * Events of that world (a founding, a hospital joining, a signing, a plaque ceremony, an
    annual meeting, a commission's list, a visit with no alliance at all) are told by
    documents. Document i has its own random stream (seed, i), so the first N documents
    of a larger corpus are the same files.
  * Each document is written from a publisher's point of view (我院 for the hospital that
    publishes it, a commission, a newspaper, or nobody) in one of many page styles, with
    varied phrasing, date formats, short forms, lists and noise; about 4% come out in
    Traditional characters and a few carry damaged bytes in their noise. The gold records
    exactly what the text states, in Simplified canonical names.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
            "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
            "孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童")
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "司徒", "皇甫")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力志海鹏宇晓春雪梅琳斌峰林慧颖波宁凯"
         "浩亮俊荣云飞帆晨阳东江永德卫忠庆光祥振瑞嘉佳欣怡婷蕾倩璐思雨楠博智远泽航立胜利国新长中成会正先")

TOWNS = ("太平 永安 长乐 新兴 兴隆 和平 石桥 龙泉 白沙 青山 柳林 马鞍 三合 高桥 河口 新店 金山 桃花 杨林 安乐 清水 "
         "东风 红星 大河 双河 黄土 花园 凤凰 青龙 白马 灵泉 铁山 回龙 石门 仙桥 观音 龙潭 梅溪 竹林 松柏 新桥 古城 南岭 "
         "北山 东岳 西河 大坪 小河 枫林 桂花 荷塘 莲花 芙蓉 樟树 茶园 黄桥 团结 光明 新民 长岭 大兴 金桥 银湖 沙河 麻塘 "
         "牛角 鹤山 响水 汤泉 龙门 马头 宝山 华阳 安和 福田 顺河 通济 永丰 丰乐 鹿鸣 五里 七星 九龙 十里 三溪 双江 四合 "
         "六合 八里 高坪 上坪 石坝 渡口 新场 烟溪 蒲塘 杉木 槐树 柳河 榆树 桑园 苏溪 罗山 陈家 李家 王家 刘家 何家 赵家 "
         "杨家 周家 吴家 谢家 高家 黄龙 白石 红岩 青石 金鸡 玉泉 龙塘 凤山 狮子 象山 龟山 鸡鸣 马坪 羊角 牛田 虎溪 "
         "天堂 仁和 兴仁 崇仁 安仁 德胜 太和 长兴 永和 宏达 新华 民主 友谊 前进 建新 永红 朝阳 晨光 曙光 东升 旭日 "
         "清泉 温泉 甘泉 涌泉 石泉 碧水 绿水 清溪 长河 大湾 河湾 水口 渠口 坝上 堰塘 塘坊 石塘 泥湾 沙坪 田坝 草坪").split()
TOWN_HEADS = "东西南北上下大小新老高中石金银龙凤马牛白黄青红长永太安平兴福宝丰河桥柳桃杨梅竹松"
TOWN_TAILS = "山河湖桥溪塘坪坝口岭湾店庄营集寨铺堡岗洲沟滩坡埠"
STREETS = ("东城 西城 南城 北城 城东 城西 城南 城北 新华 人民路 解放路 建设路 文化路 朝阳 向阳 红旗 东风 和平 中山 滨江 "
           "滨湖 江北 河西 站前 新城 金城 凤凰 青山 桥东 桥西 湖滨 东关 西关 南关 北关 东街 府前 鼓楼 钟楼 学院路 "
           "新村 白云 五一 八一 七里 梅园 桃园 杏林 翠苑 龙华 金山 银河 育才 春晖 长青 花园 光华 东湖 南湖 北湖").split()

# Specialties of 专科联盟, by the kind of hospital that leads them (text form as the page writes it).
SPECIALTIES = {
    "综合": ["心血管", "呼吸与危重症医学", "卒中", "神经外科", "肾脏病", "消化内镜", "内分泌", "急诊急救", "重症医学",
           "骨科", "创伤", "康复医学", "麻醉", "病理", "医学影像", "老年医学", "泌尿外科", "胸痛", "普外科", "感染性疾病",
           "血液病", "风湿免疫", "皮肤科", "耳鼻咽喉头颈外科", "眼科", "临床药学", "护理", "疼痛", "睡眠医学", "全科医学",
           "心血管内科", "呼吸", "消化", "肿瘤"],
    "儿童": ["儿科", "新生儿科", "小儿外科", "儿童保健", "儿童呼吸", "儿童康复"],
    "妇幼": ["妇产科", "产科", "儿童保健", "新生儿", "生殖医学", "妇科"],
    "肿瘤": ["肿瘤", "放射治疗", "肿瘤内科", "乳腺", "甲状腺"],
    "中医": ["中医骨伤", "针灸推拿", "中医肛肠", "治未病", "中医康复", "中医妇科"],
    "口腔": ["口腔"],
}
DEPTS = {
    "综合": ["心内科", "呼吸与危重症医学科", "神经内科", "神经外科", "骨科", "普外科", "急诊科", "重症医学科", "肾内科",
           "消化内科", "内分泌科", "影像科", "检验科", "康复医学科", "麻醉科", "眼科", "儿科"],
    "儿童": ["新生儿科", "小儿外科", "儿童呼吸科", "儿童保健科", "小儿内科"],
    "妇幼": ["产科", "妇科", "新生儿科", "儿童保健科", "生殖医学中心"],
    "肿瘤": ["放疗科", "肿瘤内科", "乳腺外科", "胸外科", "头颈外科"],
    "中医": ["骨伤科", "针灸推拿科", "肛肠科", "治未病科", "脾胃病科"],
    "口腔": ["口腔颌面外科", "口腔修复科", "正畸科", "牙体牙髓科"],
}

ALLIANCE_GENERIC = {"专科联盟": ["联盟", "该联盟", "专科联盟"], "医联体": ["医联体", "该医联体"],
                    "紧密型医联体": ["医联体", "紧密型医联体"], "城市医疗集团": ["集团", "医疗集团", "该集团"],
                    "医共体": ["医共体", "该医共体"], "远程医疗协作网": ["协作网", "远程协作网", "该协作网"]}

# --------------------------------------------------------------------------------------
# The world: regions, institutions, people, alliances
# --------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------
# Phrase pools (all invented for this generator)
# --------------------------------------------------------------------------------------

OPENINGS = [
    "为深入贯彻健康中国战略，推动优质医疗资源扩容下沉和区域均衡布局",
    "为进一步完善分级诊疗体系，切实提升基层医疗卫生服务能力",
    "为全面推进紧密型医疗联合体建设，让群众在家门口享受到优质医疗服务",
    "为落实深化医药卫生体制改革各项工作部署",
    "为加快构建优质高效的整合型医疗卫生服务体系",
    "为促进区域内学科协同发展、提升同质化诊疗水平",
    "为积极探索上下联动、资源共享的协作机制",
    "在公立医院高质量发展的新形势下",
]
NATIONAL = "按照国家卫生健康委员会关于推进医疗联合体建设和发展的有关要求"
HOST_QUOTES = [
    "医院将全力支持合作各方，以最大的诚意做好技术下沉和帮扶工作",
    "我们将以开放的姿态欢迎更多单位加入，共同打造区域协同发展的新平台",
    "医院将毫无保留地分享管理经验和技术成果",
    "我们有信心、有能力把这项工作做实做细",
]
QUOTES = [
    "要坚持资源共享、优势互补，真正让基层群众受益",
    "牵头单位要切实履行主体责任，在人才培养、技术帮扶、双向转诊等方面多下功夫",
    "各成员单位要主动对接、加强沟通，把合作协议中的每一项任务落到实处",
    "要以此次合作为契机，把优质医疗资源更多地引向基层",
    "要建立常态化的会诊、转诊和培训机制，推动诊疗水平同质化",
    "希望双方把握机遇，在学科建设和人才队伍建设上取得实实在在的成效",
    "要聚焦群众看病就医的急难愁盼问题，不断提升服务可及性",
    "合作不是挂个牌子，关键在于持续投入、久久为功",
    "要充分利用信息化手段，让数据多跑路、群众少跑腿",
    "要把患者满意作为检验合作成效的根本标准",
    "这是提升区域医疗服务能力的一项重要举措，也是一份沉甸甸的责任",
    "要在规范化诊疗、质量控制和科研协作等方面形成合力",
    "基层是守护群众健康的第一道防线，必须把基层能力建设摆在更加突出的位置",
]
CLOSINGS = [
    "下一步，合作各方将进一步细化工作方案，确保各项举措落地见效。",
    "据悉，合作各方将定期召开联席会议，及时研究解决合作中遇到的问题。",
    "会后，与会人员参观了医院门诊大厅、智慧医疗中心展厅和重点科室。",
    "仪式结束后，专家团队在门诊大厅开展了义诊活动，为百余名群众提供了免费咨询。",
    "此次合作的达成，将为区域群众带来更加便捷、优质的医疗服务。",
    "活动期间，双方还就远程会诊平台建设和进修人员选派等具体事项进行了深入交流。",
    "随后召开的座谈会上，与会代表围绕学科共建、人才培养、双向转诊等议题展开讨论。",
    "本次活动得到了社会各界的广泛关注，多家媒体进行了现场报道。",
    "会议在热烈的掌声中圆满结束。",
    "与会专家还结合典型病例开展了专题讲座和教学查房。",
    "目前，各项合作工作正在有序推进中。",
    "同期还举办了学术论坛，来自各地的专家围绕临床新技术进行了分享。",
]
COOP = [
    "双方将在专家坐诊、教学查房、疑难病例会诊、双向转诊和人才培养等方面开展深度合作",
    "根据协议，上级医院将定期选派专家下沉坐诊，并免费接收进修人员",
    "合作内容涵盖学科共建、远程会诊、检查检验结果互认和适宜技术推广等多个方面",
    "双方约定建立绿色转诊通道，危急重症患者可第一时间上转救治",
    "合作期间将通过“传帮带”的方式，帮助培养一支留得住、用得上的业务骨干队伍",
    "今后将依托远程会诊平台开展影像、心电和病理诊断服务",
]
BACKGROUND = [
    "近年来，区域内群众就医需求持续增长，基层医疗机构在人才、技术和设备方面的短板日益凸显。",
    "过去一年，合作单位之间累计开展远程会诊一千二百余例，上转疑难危重患者三百余人次，下转康复期患者四百余人次。",
    "据统计，合作开展以来，基层门诊量同比增长百分之十八，住院患者外转率明显下降。",
    "此前，双方已在进修培训、学术交流等方面有过多年的良好合作。",
    "今年以来，当地持续深化医药卫生体制改革，在医保支付方式改革、分级诊疗制度建设等方面出台了一系列配套措施。",
    "专家团队将每周固定时间下沉坐诊，重点帮扶急诊急救、重症监护和慢病管理等薄弱环节。",
    "通过建立统一的信息平台，检查检验结果实现互认共享，患者不必在不同医院之间重复检查。",
    "为保障合作顺利推进，双方成立了工作领导小组，定期召开联席会议，协调解决实际问题。",
    "在人才培养方面，上级医院每年免费接收基层医务人员进修学习，并开展“师带徒”结对帮扶。",
    "与此同时，合作各方将围绕常见病、多发病制定统一的诊疗规范和转诊标准。",
]
SLOGANS = ["携手同行 共谋发展", "凝心聚力 共建共享", "协同创新 合作共赢", "聚力同行 守护健康", "资源下沉 服务基层"]
VENUES = ["学术报告厅", "门诊楼前广场", "行政楼三楼会议室", "科教楼一楼多功能厅", "综合楼会议中心", "外科大楼十楼会议室"]
HOTELS = ["国际会展中心", "宾馆会议室", "大酒店宴会厅", "市民之家会议室", "会议中心"]
MEDIA = ["日报", "晚报", "新闻网", "融媒体中心", "广播电视台"]
DEPTS_PR = ["党委宣传部", "宣传科", "党委办公室", "院办", "宣传统战部", "医务部", "党政办"]
RELATED = ["春季流感高发，这份防护指南请收好", "冬季老人如何预防跌倒", "关于调整门诊时间的通知", "儿童近视防控小知识",
           "世界卫生日健康宣传活动走进社区", "高血压患者日常饮食要注意什么", "护士节表彰大会召开", "夏季防溺水安全提示"]
HOSPITAL_KIND_WORD = {"综合": "综合", "中医": "中医", "妇幼": "妇幼保健", "儿童": "儿童专科", "口腔": "口腔专科", "肿瘤": "肿瘤专科"}


def cn_number(n: int) -> str:
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + ("" if ones == 0 else digits[ones])


def cn_count(n: int) -> str:
    return cn_number(n) if n <= 10 else str(n)


def join_list(rng, items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    style = rng.random()
    if style < 0.65:
        return "、".join(items)
    if style < 0.85:
        return "、".join(items[:-1]) + rng.choice(["和", "及", "以及"]) + items[-1]
    return "，".join(items)


# --------------------------------------------------------------------------------------
# One document: text assembly with mention tracking, and its gold
# --------------------------------------------------------------------------------------


class Doc:
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

    # ---- gold ----
    def gold_name(self, e: Ent) -> str:
        """Canonical name plus the spellings the scorer may also accept (`a|b`); alternatives
        another entity of this page could claim are left out."""
        if self._taken is None:
            self._taken = Counter(n for o in {**self.optional, **self.mentioned}.values() for n in {o.name, *o.alts, *o.quals})
        used = self.forms.get(e.id, set())
        names = [e.name, *[a for a in e.alts if a in used or self._taken[a] <= 1], *[q for q in e.quals if q in used]]
        return "|".join(dict.fromkeys(names))

    def region_of(self, e: Ent) -> str | None:
        w = self.w
        if e.id in self.addr:
            return self.addr[e.id]
        if not e.located:
            return None
        lin = w.gaz.lineage(e.region)
        if e.tier in ("township", "community") and not any(lin[-1].name in f for f in self.forms.get(e.id, ())):
            return None  # only the town or street was written: where it is, the page does not say
        if lin[-1].level == "county":
            return f"{lin[-1].name}|{lin[-2].name}"
        return lin[-1].name

    def gold(self, doc_name: str) -> dict:
        self._taken = None
        for p in self.people.values():
            if p.org.id not in self.mentioned:
                self._touch(p.org)
        hosp = [e for e in self.mentioned.values() if e.label == "Hospital"]
        orgs = [e for e in self.mentioned.values() if e.label == "Organization"]
        opt = [e for e in self.optional.values() if e.id not in self.mentioned]
        people = []
        for (name, _), p in self.people.items():
            if p.org.id not in self.mentioned:
                self._touch(p.org)
                (orgs if p.org.label == "Organization" else hosp).append(p.org)
            people.append({"name": name, "org": self.gold_name(p.org), "title": p.title})
        alliances = []
        for g in self.alliances.values():
            a = g["a"]
            item = {"name": g["name"], "kind": a.kind, "specialty": a.spec, "leader": self.gold_name(a.leader),
                    "members": [self.gold_name(m) for m in g["members"]]}
            if g["count"]:
                item["member_count"] = g["count"]
            item["founded"] = g["founded"].isoformat() if g["founded"] else None
            alliances.append(item)
        by_id = {e.id: e for e in self.mentioned.values()}
        signs = []
        for pair, when in self.signs.items():
            x, y = sorted(pair)
            signs.append({"parties": [self.gold_name(by_id[x]), self.gold_name(by_id[y])],
                          "date": when.isoformat() if when else None})
        located = []
        for e in hosp + orgs:
            region = self.region_of(e)
            if region:
                located.append({"org": self.gold_name(e), "region": region})
        return {
            "doc": doc_name,
            "publisher": self.gold_name(self.publisher) if self.publisher else None,
            "published": self.published.isoformat() if self.published else None,
            "hospitals": [self.gold_name(e) for e in hosp],
            "hospitals_optional": [self.gold_name(e) for e in opt if e.label == "Hospital"],
            "organizations": [self.gold_name(e) for e in orgs],
            "organizations_optional": [self.gold_name(e) for e in opt if e.label == "Organization"],
            "people": people,
            "alliances": alliances,
            "signs": signs,
            "located_in": located,
        }


def cn_number_year(y: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(y))


# --------------------------------------------------------------------------------------
# Shared paragraph pieces
# --------------------------------------------------------------------------------------


def pick_officials(doc: Doc, scope: str, n: int | None = None) -> list[Person]:
    w, rng = doc.w, doc.rng
    lin = w.gaz.lineage(scope)
    orgs = []
    for r in lin[::-1]:
        if r.code in w.commission:
            orgs.append(w.commission[r.code])
        if r.code in w.gov and rng.random() < 0.5:
            orgs.append(w.gov[r.code])
    orgs = orgs[:3]
    n = n if n is not None else rng.choice([0, 1, 1, 2, 2, 3])
    out = []
    for org in orgs:
        if len(out) >= n:
            break
        out += rng.sample(org.staff, min(len(org.staff), rng.choice([1, 1, 2])))
    return out[:n] if n else []


def place(doc: Doc, host: Ent) -> str:
    rng = doc.rng
    if rng.random() < 0.75:
        return doc.M(host) + rng.choice(VENUES)
    city = doc.w.city_of(host.region) or doc.w.capital_of(host.region)
    return city.name + rng.choice(HOTELS)


def attendance(doc: Doc, officials: list[Person], groups: list[tuple[Ent, list[Person]]], event: str,
               extra: str = "") -> str:
    """Who attended, in one of several phrasings."""
    rng = doc.rng
    offs = [doc.P(p, "full") for p in officials]
    hosts = [doc.PG(org, ps) for org, ps in groups if ps]
    # Titles with 、 (党组书记、主任) make 、 a poor separator between people.
    comma = "，" if any("、" in x for x in offs) or rng.random() < 0.6 else "、"
    v = rng.randrange(6)
    if not offs:
        v = rng.choice([1, 3])
    if v == 0:
        s = f"{comma.join(offs)}出席{event}并讲话"
        if hosts:
            s += f"，{'，'.join(hosts)}{extra}等参加{event}"
    elif v == 1:
        everyone = offs + hosts
        s = f"出席{event}的领导和嘉宾有：{'，'.join(everyone)}{extra}等"
    elif v == 2:
        s = f"{'，'.join(offs + hosts)}{extra}等{rng.randint(60, 300)}余人参加了{event}"
    elif v == 3:
        s = f"{'，'.join(offs + hosts)}{extra}参加{event}"
    elif v == 4:
        s = f"{comma.join(offs)}莅临指导"
        if hosts:
            s += f"。{'，'.join(hosts)}{extra}出席{event}"
    else:
        s = f"应邀出席本次{event}的有{'，'.join(offs)}"
        if hosts:
            s += f"。{'，'.join(hosts)}{extra}参加"
    return s + "。"


def chair(doc: Doc, p: Person, event: str) -> str:
    v = doc.rng.randrange(4)
    who = doc.P(p, "full" if id(p) not in doc.p_intro else None)
    return [f"{event}由{who}主持。", f"{who}主持{event}。", f"{event}由{who}主持，{doc.rng.choice(['议程紧凑', '气氛热烈', '简朴隆重'])}。",
            f"主持人：{who}。"][v]


def speech(doc: Doc, p: Person) -> str:
    rng = doc.rng
    pool = [q for q in QUOTES + (HOST_QUOTES if p.org.label == "Hospital" else []) if q not in doc.quoted]
    q, q2 = rng.sample(pool, 2)
    doc.quoted.update((q, q2))
    known = id(p) in doc.p_intro
    who = doc.P(p) if known else doc.P(p, "full")
    v = rng.randrange(6)
    if v == 0:
        return f"{who}在讲话中指出，{q}。"
    if v == 1:
        return f"{who}表示：“{q}。”"
    if v == 2:
        return f"“{q}，”{who}说。"
    if v == 3:
        return f"{who}在致辞中强调，{q}；{q2}。"
    if v == 4:
        return f"{who}代表{doc.M(p.org)}致辞。{rng.choice(['他', '她'])}表示，{q}。"
    return f"{who}指出，{q}，{q2}。"


def history(doc: Doc, h: Ent) -> str:
    rng = doc.rng
    grade = rng.choice(["三级甲等", "三级甲等", "三级"]) if h.tier in ("prov", "uni", "city") else rng.choice(["二级甲等", "二级", "三级乙等"])
    kind = HOSPITAL_KIND_WORD.get(h.kind, "综合")
    name = doc.M(h)
    where = ""
    if h.address and rng.random() < 0.6:
        dist = doc.w.R(h.address)
        city = doc.w.R(dist.parent) if dist.level == "county" else dist
        where = f"位于{city.name}{dist.name if dist is not city else ''}，"
        doc.addr[h.id] = "|".join(dict.fromkeys([dist.name, city.name, doc.w.province_of(h.address).name]))
    return rng.choice([
        f"{name}始建于{h.since}年，{where}是一所集医疗、教学、科研、预防、保健于一体的{grade}{kind}医院，编制床位{h.beds}张。",
        f"据了解，{name}{where}创建于{h.since}年，现为{grade}{kind}医院，开放床位{h.beds}余张。",
        f"{name}{where}历经{2024 - h.since}年发展，已成为区域内规模较大的{grade}{kind}医院。",
    ])


def closing(doc: Doc) -> str:
    return doc.rng.choice(CLOSINGS)


def background(doc: Doc) -> str:
    """A longer paragraph without names: context, figures, plans."""
    return "".join(doc.rng.sample(BACKGROUND, doc.rng.randint(2, 4)))


def kind_word(a: Alliance, rng) -> str:
    if a.kind == "专科联盟":
        return f"{a.spec}专科联盟"
    if a.kind == "医共体":
        return rng.choice(["医共体", "县域医共体", "紧密型县域医共体"])
    return a.kind


LEADER_FORMS = ["由L牵头组建", "以L为牵头单位", "L作为牵头医院（no alliance name）", "由L发起成立", "L担任…主委单位",
                "依托L组建", "L当选为…理事长单位", "龙头单位为L", "由L领衔的…", "L是…的牵头单位", "作为…的牵头单位，L…",
                "由L牵头，秘书处设在该院"]


def leader_sentence(doc: Doc, a: Alliance) -> str:
    """A sentence that says who leads the alliance, in one of many phrasings."""
    rng, L = doc.rng, a.leader
    v = rng.randrange(12)
    special = (a.kind == "医共体" or a.kind == "城市医疗集团" or a.kind == "远程医疗协作网") and v < 3
    doc.tags.append("leader:" + (f"{a.kind} special" if special else LEADER_FORMS[v]))
    if a.kind == "医共体" and v < 3:
        return rng.choice([lambda: f"{doc.AN(a)}以{doc.M(L)}为总医院。",
                           lambda: f"{doc.M(L)}作为{doc.AN(a)}的牵头医院，承担着统筹管理职责。",
                           lambda: f"{doc.AN(a)}由{doc.M(L)}牵头组建。"])()
    if a.kind == "城市医疗集团" and v < 3:
        return rng.choice([lambda: f"集团以{doc.M(L)}为龙头单位。", lambda: f"{doc.M(L)}是{doc.AN(a)}的牵头医院。"])()
    if a.kind == "远程医疗协作网" and v < 3:
        return rng.choice([lambda: f"{doc.AN(a)}以{doc.M(L)}远程医学中心为枢纽。", lambda: f"{doc.AN(a)}由{doc.M(L)}牵头建设。"])()
    return [lambda: f"{doc.AN(a)}由{doc.M(L)}牵头组建。",
            lambda: f"{doc.AN(a)}以{doc.M(L)}为牵头单位。",
            lambda: f"{doc.M(L)}作为牵头医院，将在技术、人才、管理等方面对成员单位给予支持。",
            lambda: f"{doc.AN(a)}由{doc.M(L)}发起成立。",
            lambda: f"{doc.M(L)}担任{doc.AN(a)}主委单位。",
            lambda: f"{doc.AN(a)}依托{doc.M(L)}组建。",
            lambda: f"{doc.M(L)}当选为{doc.AN(a)}理事长单位。",
            lambda: f"{doc.AN(a)}的龙头单位为{doc.M(L)}。",
            lambda: f"由{doc.M(L)}领衔的{doc.AN(a)}，将重点推进学科共建和人才培养。",
            lambda: f"{doc.M(L)}是{doc.AN(a)}的牵头单位。",
            lambda: f"作为{doc.AN(a)}的牵头单位，{doc.M(L)}将发挥技术辐射作用。",
            lambda: f"{doc.AN(a)}由{doc.M(L)}牵头，秘书处设在该院{rng.choice(['医务部', '医联体办公室', '合作发展部'])}。"][v]()


def member_block(doc: Doc, a: Alliance, named: list[Ent], count: int | None) -> list[str]:
    """Sentences or lines that list members (sets doc.count_stated when the total is given)."""
    rng = doc.rng
    if count and count > len(named):
        deng = f"等{cn_count(count)}家"
    elif count:
        deng = f"共{cn_count(count)}家"
    else:
        deng = "等"
    states_count = bool(count)
    v = rng.randrange(10)
    if v >= 8 and a.kind in ("医共体", "城市医疗集团", "远程医疗协作网"):
        verb = {"医共体": "覆盖", "城市医疗集团": "整合了", "远程医疗协作网": "首批接入"}[a.kind]
        what = "医疗机构" if a.kind == "远程医疗协作网" else "基层医疗卫生机构"
        lines = [f"{doc.AN(a)}{verb}{doc.Ms(named)}{deng}{what}。"]
    elif v == 0:
        lines = [f"首批成员单位包括{doc.Ms(named)}{deng}医疗机构。"]
    elif v == 1:
        lines = [f"{doc.Ms(named)}{deng if count else '等单位'}成为首批成员单位。"]
    elif v == 5 and count:
        lines = [f"本次共有{cn_count(count)}家单位加入，其中包括{doc.Ms(named)}。"]
    elif v == 2:
        head = rng.choice(["首批成员单位名单如下：", "成员单位（排名不分先后）：", "首批加入的成员单位有："])
        lines = [head, *[doc.M(m) for m in named]]
        states_count = False
    elif v == 3 and rng.random() < 0.4:
        lines = [f"成员单位有：{'；'.join(doc.M(m) for m in named)}。"]
        states_count = False
    elif v == 3:
        lines = [f"{doc.AN(a)}吸纳{doc.Ms(named)}为成员单位。"]
        states_count = False
    elif v == 4:
        lines = [f"{doc.Ms(named)}作为成员单位加入{doc.AN(a)}。"]
        states_count = False
    elif v == 6:
        arabic = rng.random() < 0.5
        items = [f"{i}.{doc.M(m)}" if arabic else f"（{cn_number(i)}）{doc.M(m)}" for i, m in enumerate(named, 1)]
        lines = [rng.choice(["成员单位：", "首批成员单位："]), *items]
        states_count = False
    elif v == 7 and len(named) >= 3:
        k = rng.randint(1, len(named) - 2)
        lines = [f"{doc.Ms(named[:k])}为骨干单位，{doc.Ms(named[k:])}为成员单位。"]
        states_count = False
    else:
        lines = [f"{doc.Ms(named)}{deng}医疗机构成为{doc.AN(a)}的首批成员。"]
    if count and not states_count and rng.random() < 0.5:
        lines.append(f"目前，{doc.AN(a)}共有成员单位{cn_count(count)}家。")
        states_count = True
    doc.count_stated = doc.count_stated or states_count
    doc.tags.append(f"members:{MEMBER_FORMS.get(v, 'list-of-mentions')}" if not (v >= 8 and a.kind in ("医共体", "城市医疗集团", "远程医疗协作网"))
                    else "members:覆盖/整合/接入")
    return lines


MEMBER_FORMS = {0: "成员单位包括…", 1: "…成为首批成员单位", 2: "one per line", 3: "吸纳…为成员单位 / 成员单位有：A；B",
                4: "…作为成员单位加入", 5: "共有N家…其中包括", 6: "numbered lines", 7: "…为骨干单位，…为成员单位"}


# --------------------------------------------------------------------------------------
# Templates: one per kind of event. Each returns (title, paragraphs).
# --------------------------------------------------------------------------------------


def t_found(doc: Doc, ev) -> tuple[str, list[str]]:
    _, a = ev
    rng, L = doc.rng, ev[1].leader
    named = list(a.initial) if len(a.initial) <= 8 else sorted(rng.sample(a.initial, rng.randint(4, 8)), key=a.initial.index)
    if doc.publisher in a.initial and doc.publisher not in named:
        named.append(doc.publisher)
    if rng.random() < 0.12 and doc.publisher not in a.initial:
        named = []
    count = a.count0 if rng.random() < 0.7 else None
    officials = pick_officials(doc, a.scope)
    hosts = doc.staff(L, "sec", "head", "deputy", n=rng.randint(1, 3))
    doc.involve(L, named, [p.org for p in officials])
    d = a.founded
    founded = d if doc.show_date else None
    kw = ALLIANCE_GENERIC[a.kind][0]
    paras = []
    # title
    we_lead = doc.publisher is L and doc.we
    we_member = doc.publisher in named and doc.we
    tv = rng.randrange(6)
    if we_lead and tv < 2:
        title = f"我院牵头的{doc.AN(a, full=True)}正式成立"
    elif we_member and tv < 2:
        title = f"我院成为{doc.AN(a, full=True)}首批成员单位"
    elif tv == 0:
        title = f"{doc.AN(a, full=True)}成立大会召开"
    elif tv == 1:
        rest = a.name[len(L.name):] if a.name.startswith(L.name) else a.name
        title = f"{doc.M(L, full=True)}牵头成立{rest}"
        doc.a_intro.add(a.id)
    elif tv == 2:
        title = f"{rng.choice(SLOGANS)}——{doc.AN(a, full=True)}揭牌成立"
    elif tv == 3:
        title = f"{doc.AN(a, full=True)}成立暨第一届理事会第一次会议顺利召开"
    elif tv == 4:
        title = f"{doc.AN(a, full=True)}揭牌"
    else:
        title = f"{kw}建设迈出新步伐 {doc.AN(a, full=True)}成立"
    leader_told = L.name in a.name
    dt = doc.D(d)
    v = rng.randrange(6)
    if v == 0 and rng.random() < 0.3:
        p1 = f"{dt}，{doc.AN(a, full=True)}（牵头单位：{doc.M(L)}）成立大会在{place(doc, L)}召开。"
        leader_told = True
    elif v == 0:
        p1 = f"{dt}，{doc.AN(a)}成立大会在{place(doc, L)}召开。"
    elif v == 1:
        p1 = f"{dt}，由{doc.M(L)}牵头组建的{doc.AN(a, full=True)}成立大会暨第一届理事会在{place(doc, L)}举行，标志着{kw}正式成立。"
        leader_told = True
    elif v == 2:
        p1 = f"{rng.choice(OPENINGS)}，{dt}，{doc.AN(a)}揭牌仪式在{place(doc, L)}隆重举行" + (
            f"，标志着{kw}正式成立。" if rng.random() < 0.5 else "。")
    elif v == 3:
        p1 = f"{doc.AN(a, full=True)}于{dt}正式成立。"
    elif v == 4:
        com = doc.w.commission[a.scope]
        p1 = f"{dt}，在{doc.M(com)}的指导下，{doc.AN(a)}在{place(doc, L)}宣告成立。"
    else:
        p1 = f"{dt}，一场以“{rng.choice(SLOGANS)}”为主题的{doc.AN(a, full=True)}启动会在{place(doc, L)}举行，{kw}由此正式组建。"
    paras.append(p1)
    if not re.search("成立|组建", title + p1):
        founded = None  # a 揭牌 the page does not call a founding
    doc.tags.append("found:" + ["X成立大会在…召开", "由L牵头组建的X成立大会…标志着…正式成立", "…，X揭牌仪式在…隆重举行",
                                "X于D正式成立", "在…的指导下，X在…宣告成立", "以“…”为主题的X启动会…由此正式组建"][v])
    att = attendance(doc, officials, [(L, hosts)], rng.choice(["会议", "仪式", "大会", "活动"]),
                     extra=(f"以及{len(named) or count or '各'}家成员单位代表" if rng.random() < 0.5 else ""))
    body = [att]
    if not leader_told or rng.random() < 0.4:
        body.append(leader_sentence(doc, a))
    if named:
        block = member_block(doc, a, named, count)
        body.extend(block)
    elif count:
        body.append(rng.choice([lambda: f"目前，{doc.AN(a)}共有成员单位{cn_count(count)}家。",
                                lambda: f"首批{cn_count(count)}家医疗机构加入{doc.AN(a)}。"])())
        doc.count_stated = True
    if count and named and not doc.count_stated and rng.random() < 0.3:
        body.append(f"截至目前，{doc.AN(a)}成员单位已达{cn_count(count)}家。")
        doc.count_stated = True
    deputies = [p for p in L.staff if p.role == "deputy" and p not in hosts]
    if deputies and rng.random() < 0.6:
        body.append(chair(doc, deputies[0], rng.choice(["会议", "仪式"])))
    speakers = ([officials[0]] if officials else []) + [doc.head(L)]
    for p in speakers[: rng.randint(1, 2)]:
        body.append(speech(doc, p))
    if named and rng.random() < 0.5:
        m = rng.choice(named)
        rep = doc.head(m)
        body.append(rng.choice([lambda: f"{doc.P(rep, 'full')}代表成员单位发言，表示将积极参与联盟各项工作。",
                                lambda: f"成员单位代表、{doc.P(rep, 'full')}作表态发言。"])())
    if rng.random() < 0.5:
        who = officials[0] if officials else doc.head(L)
        body.append(rng.choice([lambda: f"仪式上，{doc.P(who)}与{doc.P(doc.head(L))}共同为{doc.AN(a)}揭牌。",
                                lambda: f"与会领导共同为{doc.AN(a)}揭牌，并为成员单位代表授牌。"])())
    if named and rng.random() < 0.25:
        signers = named[: rng.randint(1, min(3, len(named)))]
        body.append(rng.choice([lambda: f"会上，{doc.M(L)}与{doc.Ms(signers)}{'分别' if len(signers) > 1 else ''}签订了合作协议。",
                                lambda: f"随后，{doc.Ms(signers)}与{doc.M(L)}签署了{kw}合作协议。"])())
        for m in signers:
            doc.S(L, m, d if doc.show_date else None)
    if rng.random() < 0.3:
        body.append(history(doc, L))
    if rng.random() < 0.35:
        body.append(background(doc))
        doc.noise_paras.add(len(paras) + len(body) - 1)
    body.append(closing(doc))
    doc.noise_paras.add(len(paras) + len(body) - 1)
    paras += body
    doc.A(a, members=named, founded=founded, count=count if doc.count_stated else None)
    return title, paras


JOIN_FORMS = ["授牌仪式在X举行，X正式成为…成员单位", "经L审核同意，X正式加入由其牵头的…", "L一行来到X，为其授予“…成员单位”牌匾",
              "X、Y正式加入…", "X被正式纳入…", "X接入/签订协议成为… (kind-specific)", "L正式批复同意X加入…",
              "X正式成为…骨干单位", "L向X颁发“…成员单位”证书", "“…成员单位”在X正式挂牌"]


def t_join(doc: Doc, ev) -> tuple[str, list[str]]:
    _, a, ms, d = ev
    rng, L = doc.rng, a.leader
    X = doc.publisher if doc.publisher in ms else ms[0]
    others = [m for m in ms if m is not X]
    doc.involve(L, ms)
    officials = pick_officials(doc, X.region, n=rng.choice([0, 0, 1]))
    doc.involve([p.org for p in officials])
    paras = []
    tv = rng.randrange(5)
    if doc.publisher is X and doc.we and tv < 2:
        title = rng.choice([lambda: f"我院正式加入{doc.AN(a, full=True)}", lambda: f"喜讯｜我院获批成为{doc.AN(a, full=True)}成员单位"])()
    elif doc.publisher is L and tv < 2:
        title = f"{doc.AN(a, full=True)}再添新成员"
    elif tv == 2:
        title = f"{doc.M(X, full=True)}成为{doc.AN(a, full=True)}成员单位"
    elif tv == 3:
        title = f"{doc.M(X, full=True)}加入{doc.AN(a, full=True)}"
    else:
        title = f"{doc.AN(a, full=True)}成员单位授牌仪式在{doc.M(X, full=True)}举行"
    leader_told = L.name in a.name
    dt = doc.D(d)
    v = rng.randrange(10)
    doc.tags.append(f"join:{JOIN_FORMS[v]}")
    if v == 7:
        p1 = f"{dt}，{doc.M(X)}正式成为{doc.AN(a, full=True)}骨干单位。"
    elif v == 8:
        p1 = f"{dt}，{doc.M(L)}向{doc.M(X)}颁发“{doc.AN(a, full=True)}成员单位”证书。"
    elif v == 9:
        p1 = f"{dt}，“{doc.AN(a, full=True)}成员单位”在{doc.M(X)}正式挂牌。"
    elif v == 0:
        p1 = f"{dt}，{doc.AN(a)}成员单位授牌仪式在{doc.M(X)}举行，{doc.M(X)}正式成为{doc.AN(a)}成员单位。"
    elif v == 1:
        p1 = f"{dt}，经{doc.M(L)}审核同意，{doc.M(X)}正式加入由其牵头的{doc.AN(a, full=True)}。"
        leader_told = True
    elif v == 2:
        guest = doc.staff(L, "head", "deputy", "sec")[0]
        p1 = f"{dt}，{doc.P(guest, 'full')}一行来到{doc.M(X)}，为其授予“{doc.AN(a, full=True)}成员单位”牌匾。"
    elif v == 3:
        p1 = f"{dt}，{doc.Ms([X] + others)}正式加入{doc.AN(a, full=True)}，成为{doc.AN(a)}的新成员。"
    elif v == 4:
        p1 = f"{doc.M(X)}于{dt}被正式纳入{doc.AN(a, full=True)}。"
    elif v == 5 and a.kind == "远程医疗协作网":
        p1 = f"{dt}，{doc.M(X)}顺利接入{doc.AN(a, full=True)}，成为{doc.AN(a)}成员单位。"
    elif v == 5 and a.kind in ("医联体", "紧密型医联体"):
        p1 = f"{dt}，{doc.M(X)}与{doc.M(L)}签订医联体合作协议，正式成为{doc.AN(a, full=True)}成员单位。"
        doc.S(L, X, d if doc.show_date else None)
    else:
        p1 = f"{dt}，{doc.M(L)}正式批复同意{doc.M(X)}加入{doc.AN(a, full=True)}。"
    paras.append(p1)
    if others and v not in (3,):
        paras.append(f"与{doc.M(X)}同批加入的还有{doc.Ms(others)}。")
    if not leader_told or rng.random() < 0.3:
        if rng.random() < 0.35:
            paras.append(rng.choice([lambda: f"{doc.AN(a)}由{doc.M(L)}于{doc.full_date(a.founded)}牵头成立。",
                                     lambda: f"{doc.AN(a)}成立于{doc.full_date(a.founded)}，牵头单位为{doc.M(L)}。"])())
            doc.A(a, founded=a.founded)
        else:
            paras.append(leader_sentence(doc, a))
    elif rng.random() < 0.25:
        total = len(a.members_at(d)) + a.count0 - len(a.initial)
        paras.append(f"{doc.AN(a)}成立于{a.founded.year}年，目前已有成员单位{total}家。")
        doc.A(a, count=total)
    groups = [(L, doc.staff(L, "head", "deputy", "dept", n=rng.randint(1, 2))),
              (X, doc.staff(X, "head", "sec", "deputy", n=rng.randint(1, 2)))]
    rng.shuffle(groups)
    paras.append(attendance(doc, officials, groups, rng.choice(["仪式", "授牌仪式", "活动"])))
    for p in rng.sample([doc.head(X), doc.head(L)], rng.randint(1, 2)):
        paras.append(speech(doc, p))
    if rng.random() < 0.6:
        paras.append(f"{rng.choice(COOP)}。")
    if rng.random() < 0.25:
        paras.append(history(doc, X))
    if rng.random() < 0.3:
        paras.append(background(doc))
    paras.append(closing(doc))
    doc.noise_paras.add(len(paras) - 1)
    doc.A(a, members=[X] + others)
    return title, paras


AGREEMENTS = ["对口支援协议", "全面战略合作协议", "托管协议", "远程会诊合作协议", "技术协作协议", "结对帮扶协议"]


def t_sign(doc: Doc, ev) -> tuple[str, list[str]]:
    _, L, X, d, a = ev
    rng = doc.rng
    doc.involve(L, X)
    officials = pick_officials(doc, X.region, n=rng.choice([0, 1, 1, 2]))
    doc.involve([p.org for p in officials])
    kp = kind_word(a, rng) if a else None
    agreement = (f"{kp}{rng.choice(['合作协议', '建设协议', '合作框架协议'])}" if a else rng.choice(AGREEMENTS))
    when = d if doc.show_date else None
    paras = []
    we_side = doc.publisher if doc.publisher in (L, X) and doc.we else None
    tv = rng.randrange(5)
    if we_side and tv < 2:
        other = X if we_side is L else L
        title = rng.choice([lambda: f"强强联合！我院与{doc.M(other, full=True)}签约",
                            lambda: f"我院与{doc.M(other, full=True)}签署{agreement}"])()
    elif tv == 2 and a:
        title = f"携手共进 {doc.M(L, full=True)}与{doc.M(X, full=True)}共建{kp}"
    elif tv == 3:
        title = f"{doc.M(X, full=True)}与{doc.M(L, full=True)}正式签约"
    else:
        title = f"{doc.M(L, full=True)}与{doc.M(X, full=True)}签署{agreement}"
    dt = doc.D(d)
    v = rng.randrange(5)
    signed_told = True
    if v == 0:
        p1 = f"{dt}，{doc.M(L)}与{doc.M(X)}{kp or agreement[:-2]}签约仪式在{place(doc, rng.choice([L, X]))}举行。"
    elif v == 1:
        p1 = f"{dt}，{doc.M(X)}与{doc.M(L)}签订{agreement}。"
    elif v == 2 and a:
        p1 = f"{dt}，{doc.M(L)}{kp}签约暨揭牌仪式在{doc.M(X)}举行。"
        signed_told = False
    elif v == 3:
        p1 = f"{dt}，{doc.M(L)}、{doc.M(X)}两家医院在{place(doc, X)}签署{agreement}。"
    else:
        p1 = f"{dt}，《{agreement}》签约仪式在{place(doc, rng.choice([L, X]))}举行，{doc.M(L)}与{doc.M(X)}正式建立合作关系。"
    paras.append(p1)
    lhosts = doc.staff(L, "head", "sec", "deputy", n=rng.randint(1, 2))
    xhosts = doc.staff(X, "head", "sec", "deputy", n=rng.randint(1, 2))
    paras.append(attendance(doc, officials, [(L, lhosts), (X, xhosts)], rng.choice(["签约仪式", "仪式", "活动"])))
    if not signed_told or rng.random() < 0.6:
        lh, xh = rng.choice(lhosts), rng.choice(xhosts)
        s = rng.choice([lambda: f"仪式上，{doc.P(lh)}与{doc.P(xh)}分别代表双方签署协议。",
                        lambda: f"在与会领导的见证下，{doc.M(L)}与{doc.M(X)}正式签约。",
                        lambda: f"双方代表签署了《{agreement}》。",
                        lambda: f"《{agreement}》由{doc.M(L)}与{doc.M(X)}双方负责人共同签署。"])()
        if not signed_told and s.startswith("双方"):
            s = f"{doc.M(X)}与{doc.M(L)}签署了《{agreement}》。"
        paras.append(s)
    if a:
        lead_in_kp = kp
        doc.tags.append("sign:with alliance")
        paras.append(rng.choice([lambda: f"根据协议，{doc.M(X)}正式成为{doc.M(L)}{lead_in_kp}成员单位。",
                                 lambda: f"此次签约标志着{doc.M(X)}正式加入{doc.M(L)}牵头的{lead_in_kp}。",
                                 lambda: f"{doc.M(X)}将作为{doc.M(L)}{lead_in_kp}的成员单位，在学科建设、人才培养等方面接受指导。",
                                 lambda: f"{doc.M(X)}由此成为以{doc.M(L)}为核心的{lead_in_kp}成员单位之一。"])())
        doc.A(a, members=[X], name=f"{L.name}{kp}")
    if rng.random() < 0.7:
        paras.append(f"{rng.choice(COOP)}。")
    for p in rng.sample(lhosts + xhosts + officials, rng.randint(1, 2)):
        paras.append(speech(doc, p))
    if rng.random() < 0.25:
        paras.append(history(doc, rng.choice([L, X])))
    if rng.random() < 0.35:
        paras.append(background(doc))
    paras.append(closing(doc))
    doc.noise_paras.add(len(paras) - 1)
    doc.S(L, X, when)
    return title, paras


def t_meeting(doc: Doc, ev) -> tuple[str, list[str]]:
    _, a, d = ev
    rng, L = doc.rng, a.leader
    present = a.members_at(d)
    named = rng.sample(present, min(len(present), rng.randint(2, 6))) if present else []
    if doc.publisher in present and doc.publisher not in named:
        named.append(doc.publisher)
    doc.involve(L, named)
    paras = []
    meeting = rng.choice([f"{d.year}年年会", "工作推进会", "第二次理事会议", "年度工作总结会", "学术年会暨工作会议"])
    tv = rng.randrange(3)
    if tv == 0:
        title = f"{doc.AN(a, full=True)}{meeting}召开"
    elif tv == 1:
        title = f"{rng.choice(SLOGANS)}——{doc.AN(a, full=True)}{meeting}在{doc.M(L, full=True)}举行"
    else:
        title = f"{doc.AN(a, full=True)}召开{meeting}"
    dt = doc.D(d)
    paras.append(rng.choice([lambda: f"{dt}，{doc.AN(a, full=True)}{meeting}在{place(doc, L)}召开。",
                             lambda: f"{dt}，{doc.AN(a, full=True)}{meeting}暨学术交流会在{place(doc, L)}举行。"])())
    count = None
    founded = None
    r = rng.random()
    if r < 0.35:
        count = len(present) + max(0, a.count0 - len(a.initial))
        paras.append(f"{doc.AN(a)}自{doc.full_date(a.founded)}成立以来，已发展成员单位{cn_count(count)}家。")
        founded = a.founded
    elif r < 0.6:
        paras.append(f"{doc.AN(a)}成立{max(1, d.year - a.founded.year)}年来，在学科建设、人才培养等方面取得了明显成效。")
    if L.name not in a.name or rng.random() < 0.5:
        paras.append(rng.choice([lambda: f"作为{doc.AN(a)}理事长单位，{doc.M(L)}{rng.choice(['全面总结了上一阶段工作', '通报了年度工作进展'])}。",
                                 lambda: f"{doc.M(L)}作为牵头单位，介绍了一年来的工作情况。",
                                 lambda: leader_sentence(doc, a)])())
    officials = pick_officials(doc, a.scope, n=rng.choice([0, 1]))
    if named:
        v = rng.randrange(3)
        if v == 0:
            paras.append(f"{doc.Ms(named)}等成员单位的代表参加会议。")
        elif v == 1:
            paras.append(f"来自{doc.Ms(named)}等成员单位的{rng.randint(40, 200)}余名代表齐聚一堂。")
        else:
            m = named[0]
            paras.append(f"会上，{doc.P(doc.head(m), 'full')}代表成员单位作交流发言。" +
                         (f"{doc.Ms(named[1:])}等成员单位也分享了经验。" if len(named) > 1 else ""))
    if officials or rng.random() < 0.5:
        paras.append(attendance(doc, officials, [(L, doc.staff(L, "head", "sec", "deputy", n=rng.randint(1, 2)))], "会议"))
    paras.append(speech(doc, doc.head(L)))
    paras.append(closing(doc))
    doc.noise_paras.add(len(paras) - 1)
    doc.A(a, members=named, founded=founded, count=count)
    return title, paras


def t_plaque(doc: Doc, ev) -> tuple[str, list[str]]:
    _, a, ms, d = ev
    rng, L = doc.rng, a.leader
    ms = list(ms)
    if doc.publisher in a.initial and doc.publisher not in ms:
        ms.append(doc.publisher)
    doc.involve(L, ms)
    paras = []
    doc.tags.append("plaque")
    title = rng.choice([lambda: f"{doc.AN(a, full=True)}成员单位授牌仪式举行",
                        lambda: f"{doc.M(L, full=True)}为{cn_count(len(ms))}家{ALLIANCE_GENERIC[a.kind][0]}成员单位授牌"])()
    dt = doc.D(d)
    leader_told = L.name in a.name
    v = rng.randrange(3)
    if v == 0:
        paras.append(f"{dt}，{doc.M(L)}举行{doc.AN(a, full=True)}授牌仪式，为{doc.Ms(ms)}授予“{doc.AN(a, full=True)}成员单位”牌匾。")
    elif v == 1:
        paras.append(f"{dt}，{doc.AN(a, full=True)}授牌仪式在{place(doc, L)}举行。{doc.P(doc.head(L), 'full')}为{doc.Ms(ms)}授牌。")
    else:
        paras.append(f"{dt}，{doc.AN(a, full=True)}授牌仪式在{place(doc, L)}举行。")
        paras.append(rng.choice(["获授牌的成员单位有：", "以下单位被授予成员单位牌匾："]))
        paras.extend(doc.M(m) for m in ms)
    if not leader_told or rng.random() < 0.3:
        paras.append(leader_sentence(doc, a))
    founded = None
    if rng.random() < 0.3 and doc.show_date:
        paras.append(f"这标志着{doc.AN(a)}当天正式成立。")
        founded = d
    paras.append(attendance(doc, pick_officials(doc, a.scope), [(L, doc.staff(L, "head", "sec", "deputy", n=rng.randint(1, 2)))],
                            "仪式"))
    paras.append(speech(doc, doc.head(L)))
    if rng.random() < 0.5:
        paras.append(f"{rng.choice(COOP)}。")
    paras.append(closing(doc))
    doc.noise_paras.add(len(paras) - 1)
    doc.A(a, members=ms, founded=founded)
    return title, paras


def t_notice(doc: Doc, ev) -> tuple[str, list[str]]:
    _, com, alliances, d = ev
    rng, w = doc.rng, doc.w
    chosen = rng.sample(alliances, min(len(alliances), rng.randint(2, 5)))
    lists = {}
    for a in chosen:
        present = a.members_at(d)
        lists[a.id] = present if len(present) <= 6 else rng.sample(present, 6)
        doc.involve(a.leader, lists[a.id])
    region = w.R(com.region)
    all_spec = all(a.kind == "专科联盟" for a in chosen)
    batch = rng.choice(["", "第一批", "第二批", "第三批", f"{d.year}年度"])
    what = "专科联盟" if all_spec else "医疗联合体"
    title = rng.choice([f"关于公布{region.name}{batch}{what}名单的通知", f"{region.name}{batch}{what}建设名单公示",
                        f"关于{region.name}{what}牵头单位和成员单位名单的公告"])
    sub = "各市州卫生健康委" if region.level == "province" else "各县（市、区）卫生健康局"
    paras = [f"{sub}，委直属各医疗机构：",
             f"{rng.choice(OPENINGS)}，经单位申报、专家评审，现将{region.name}{batch}{what}名单予以公布，请各牵头单位切实履行职责，"
             f"加强对成员单位的指导和帮扶。"]
    style = rng.randrange(3)
    doc.tags.append("notice:" + ["一、name / 牵头单位： / 成员单位： lines", "1. name（牵头单位：L；成员单位：…）", "table rows"][style])
    if style == 2:
        paras.append("序号　名称　牵头单位　成员单位")
    for i, a in enumerate(chosen, 1):
        name = doc.AN(a, full=True)
        L = doc.M(a.leader, full=True)
        ms = "、".join(doc.M(m) for m in lists[a.id])
        if style == 0:
            paras.append(f"{cn_number(i)}、{name}")
            paras.append(f"牵头单位：{L}")
            if ms:
                paras.append(f"成员单位：{ms}")
        elif style == 1:
            paras.append(f"{i}. {name}（牵头单位：{L}" + (f"；成员单位：{ms}）" if ms else "）"))
        else:
            paras.append(f"{i}　{name}　{L}　{ms}")
        doc.A(a, members=lists[a.id])
    paras.append(doc.M(com, full=True))
    cn = rng.random() < 0.5
    paras.append(f"{cn_number_year(d.year)}年{cn_number(d.month)}月{cn_number(d.day)}日" if cn else f"{d.year}年{d.month}月{d.day}日")
    return title, paras


def t_combo(doc: Doc, ev) -> tuple[str, list[str]]:
    _, a, specs, X, d = ev
    rng, L = doc.rng, a.leader
    specs = rng.sample(specs, min(len(specs), rng.randint(1, 3)))
    doc.involve(L, X)
    kp = kind_word(a, rng)
    spec_list = "、".join(s.spec for s in specs)
    when = d if doc.show_date else None
    paras = []
    if doc.publisher is X and doc.we:
        title = rng.choice([lambda: f"{doc.M(L, full=True)}与我院{kp}暨专科联盟签约揭牌仪式举行",
                            lambda: f"我院加入{doc.M(L, full=True)}{kp}及{spec_list}专科联盟"])()
    else:
        title = f"{doc.M(X, full=True)}加入{doc.M(L, full=True)}{kp}及{cn_count(len(specs))}个专科联盟"
    dt = doc.D(d)
    paras.append(f"{dt}，{doc.M(L)}与{doc.M(X)}{kp}暨专科联盟签约揭牌仪式举行。")
    officials = pick_officials(doc, X.region, n=rng.choice([1, 2]))
    lh = doc.staff(L, "sec", "head", "deputy", "dept", n=rng.randint(2, 3))
    xh = doc.staff(X, "head", "sec", "deputy", n=rng.randint(1, 2))
    paras.append(attendance(doc, officials, [(L, lh), (X, xh)], "签约揭牌仪式"))
    v = rng.randrange(3)
    doc.tags.append("combo:" + ["成为其A、B专科联盟成员单位", "加入L牵头的A、B专科联盟", "为“L A专科联盟”“L B专科联盟”揭牌…上述专科联盟"][v])
    if v == 0:
        paras.append(f"{doc.M(X)}正式加入{doc.M(L)}{kp}，并成为其{spec_list}专科联盟成员单位。")
    elif v == 1:
        paras.append(f"根据协议，{doc.M(X)}成为{doc.M(L)}{kp}成员单位，同时加入{doc.M(L)}牵头的{spec_list}专科联盟。")
    else:
        labels = "".join(f"“{L.name}{s.spec}专科联盟”" for s in specs)
        doc.M(L, full=True)
        paras.append(f"{doc.M(X)}正式加入{doc.M(L)}{kp}。与会领导还为{labels}揭牌，{doc.M(X)}由此成为上述专科联盟的成员单位。")
    signer = rng.choice(lh)
    paras.append(f"随后，{doc.P(signer)}与{doc.P(rng.choice(xh))}共同签署{kp}协议。")
    doc.S(L, X, when)
    for p in rng.sample(lh[:1] + xh[:1] + officials[:1], 2):
        paras.append(speech(doc, p))
    paras.append(closing(doc))
    doc.noise_paras.add(len(paras) - 1)
    doc.A(a, members=[X], name=f"{L.name}{kp}")
    for s in specs:
        doc.A(s, members=[X], name=f"{L.name}{s.spec}专科联盟")
    return title, paras


def t_visit(doc: Doc, ev) -> tuple[str, list[str]]:
    _, L, X, d = ev
    rng = doc.rng
    doc.involve(L, X)
    expert = doc.staff(L, "expert", "dept", "deputy")[0]
    paras = []
    title = rng.choice([lambda: f"{doc.M(L, full=True)}专家团队赴{doc.M(X, full=True)}开展义诊活动",
                        lambda: f"名医下基层 {doc.M(L, full=True)}专家走进{doc.M(X, full=True)}",
                        lambda: f"{doc.M(X, full=True)}迎来{doc.M(L, full=True)}专家团队"])()
    dt = doc.D(d)
    paras.append(rng.choice([lambda: f"{dt}，{doc.P(expert, 'full')}带领专家团队来到{doc.M(X)}，开展义诊、教学查房和专题讲座。",
                             lambda: f"{dt}，{doc.M(L)}{rng.randint(4, 12)}名专家组成的医疗队走进{doc.M(X)}，{doc.P(expert, 'from')}担任领队。"])())
    paras.append(f"活动现场，专家们为{rng.randint(80, 400)}余名群众提供了健康咨询、血压血糖测量和用药指导，"
                 f"并为{rng.randint(3, 12)}名行动不便的老人上门诊疗。")
    xh = doc.head(X)
    paras.append(rng.choice([lambda: f"{doc.P(xh, 'full')}陪同并介绍了医院的发展情况。",
                             lambda: f"{doc.P(xh, 'full')}对专家团队的到来表示感谢。"])())
    paras.append(rng.choice(["此次活动是落实城乡医院对口支援工作的具体举措。", "据悉，此类活动今后将每季度开展一次。",
                             "活动受到当地群众的一致好评。"]))
    paras.append(speech(doc, expert))
    if rng.random() < 0.3:
        paras.append(history(doc, X))
    paras.append(closing(doc))
    doc.noise_paras.add(len(paras) - 1)
    return title, paras


def t_county(doc: Doc, ev) -> tuple[str, list[str]]:
    _, county, gong, d = ev
    rng, w = doc.rng, doc.w
    K = county.name
    bureau, gov = w.commission[county.code], w.gov[county.code]
    lists = {a.id: list(a.initial) if len(a.initial) <= 7 else a.initial[:7] for a in gong}
    doc.involve([a.leader for a in gong], [m for a in gong for m in lists[a.id]], bureau, gov)
    founded = d if doc.show_date else None
    paras = []
    title = rng.choice([f"{K}紧密型县域医共体揭牌成立", f"{K}医共体建设正式启动",
                        f"{K}{'两大医共体' if len(gong) > 1 else '县域医共体'}正式运行"])
    dt = doc.D(d)
    paras.append(rng.choice([lambda: f"{dt}，{K}紧密型县域医共体成立大会在{place(doc, gong[0].leader)}召开。",
                             lambda: f"{dt}，{K}县域医共体揭牌仪式举行，标志着{K}医共体正式成立。"])())
    officials = [p for p in gov.staff[:1] + bureau.staff[:2]]
    paras.append(attendance(doc, officials, [(a.leader, doc.staff(a.leader, "head", "sec", n=1)) for a in gong], "会议",
                            extra="以及各乡镇卫生院负责人"))
    if len(gong) == 2:
        a1, a2 = gong
        paras.append(f"{K}按照“{rng.choice(['县强、乡活、村稳', '一体化管理、同质化服务'])}”的思路，组建了分别由{doc.M(a1.leader)}和{doc.M(a2.leader)}牵头的两个医共体。")
        for a, lead in ((a1, "其中，"), (a2, "")):
            ln = doc.M(a.leader)
            paras.append(rng.choice([lambda: f"{lead}{ln}医共体成员单位包括{doc.Ms(lists[a.id])}；",
                                     lambda: f"{lead}{ln}医共体由{ln}和{doc.Ms(lists[a.id])}组成；"])().rstrip("；") + "。")
            doc.A(a, members=lists[a.id], founded=founded, name=f"{a.leader.name}医共体")
    else:
        a = gong[0]
        n = len(a.initial)
        deng = "等" if n > len(lists[a.id]) else "共"
        paras.append(rng.choice([lambda: f"{K}以{doc.M(a.leader)}为牵头医院，整合{doc.Ms(lists[a.id])}{deng}{cn_count(n)}家基层医疗卫生机构，"
                                         f"组建{doc.AN(a, full=True)}。",
                                 lambda: f"{doc.AN(a, full=True)}由{doc.M(a.leader)}牵头，成员单位为{doc.Ms(lists[a.id])}。"])())
        doc.A(a, members=lists[a.id], founded=founded, count=n if rng.random() < 0.5 else None)
    paras.append(rng.choice(["医共体内将实行人员统筹使用、药品统一配送、信息互联互通和医保基金打包支付。",
                             "下一步，医共体将重点推进乡镇卫生院特色科室建设和家庭医生签约服务。"]))
    paras.append(speech(doc, officials[0]))
    paras.append(closing(doc))
    doc.noise_paras.add(len(paras) - 1)
    return title, paras


TEMPLATES = {"found": t_found, "join": t_join, "sign": t_sign, "meeting": t_meeting, "plaque": t_plaque,
             "notice": t_notice, "combo": t_combo, "visit": t_visit, "county": t_county}
EVENT_WEIGHTS = {"found": 24, "join": 15, "sign": 17, "meeting": 7, "plaque": 7, "notice": 4, "combo": 5, "visit": 9, "county": 6}


# --------------------------------------------------------------------------------------
# Pages: who publishes, page furniture, encodings
# --------------------------------------------------------------------------------------


def event_date(kind: str, ev) -> date:
    return ev[1].founded if kind == "found" else ev[-1] if kind in ("meeting", "plaque", "notice", "combo", "visit", "county") else ev[3]


def choose_publisher(rng, w: World, kind: str, ev) -> tuple[Ent | None, str]:
    org = None
    if kind == "found":
        a = ev[1]
        hosp, org = [a.leader] * 4 + a.initial[:3], w.commission[a.scope]
    elif kind == "join":
        a, ms = ev[1], ev[2]
        hosp, org = list(ms) * 3 + [a.leader] * 2, w.commission.get(ms[0].region)
    elif kind == "sign":
        L, X = ev[1], ev[2]
        hosp, org = [L, L, X, X], w.commission.get(X.region)
    elif kind == "meeting":
        a = ev[1]
        hosp = [a.leader] * 3 + a.members_at(ev[2])[:2]
    elif kind == "plaque":
        a = ev[1]
        hosp, org = [a.leader] * 2 + list(ev[2][:2]), w.commission[a.scope]
    elif kind == "notice":
        return ev[1], "org"
    elif kind == "combo":
        hosp = [ev[3]] * 3 + [ev[1].leader]
    elif kind == "visit":
        hosp = [ev[1], ev[2], ev[2]]
    else:
        hosp, org = [ev[2][0].leader], w.commission[ev[1].code]
    r = rng.random()
    if r < 0.7:
        return rng.choice(hosp), "hosp"
    if r < 0.86 and org is not None:
        return org, "org"
    return None, "media"


def byline_name(doc: Doc) -> str:
    rng = doc.rng
    while True:
        name = rng.choice(SURNAMES[:60]) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
        if name not in doc.w.used_names:
            return name


def pub_stamp(rng, d: date) -> str:
    hm = f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}"
    return rng.choice([f"{d:%Y-%m-%d} {hm}", f"{d:%Y-%m-%d} {hm}:{rng.randint(0, 59):02d}", f"{d:%Y-%m-%d}",
                       f"{d.year}年{d.month:02d}月{d.day:02d}日", f"{d:%Y/%m/%d} {hm}"])


def furniture(doc: Doc, title: str, paras: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Header lines, body paragraphs and footer lines of the page."""
    rng, pub, d = doc.rng, doc.publisher, doc.published
    head: list[str] = []
    foot: list[str] = []
    style = doc.style

    def src() -> str:
        if pub is None:
            return doc.media
        if doc.mode == "org" or not doc.we or rng.random() < 0.5:
            if pub.quals and rng.random() < 0.3:
                q = rng.choice(pub.quals)
                doc._touch(pub, q)
                return q
            return doc.M(pub, full=True, self_ok=False)
        return rng.choice(DEPTS_PR)

    if style in ("site", "gov") and rng.random() < 0.45:
        head.append(rng.choice(["首页 > 新闻中心 > 医院动态", "当前位置：首页 > 工作动态", "您的位置：首页 >> 新闻资讯 >> 院内新闻",
                                "首页 > 政务公开 > 通知公告", "网站首页 > 医联体建设"]))
    if style == "inline":
        head.append(f"{title} {pub_stamp(rng, d)}  来源：{src()}")
    else:
        head.append(title)
    n = rng.randint(30, 9000)
    if style == "site":
        parts = [f"发布时间：{pub_stamp(rng, d)}", f"来源：{src()}"]
        if rng.random() < 0.5:
            parts.append(rng.choice([f"阅读次数：{n}", f"点击数：{n}", f"浏览量：{n}"]))
        if rng.random() < 0.3:
            parts.insert(1, f"作者：{byline_name(doc)}")
        head.append(rng.choice(["  ", "　", " | "]).join(parts))
    elif style == "gov":
        head.append(f"{rng.choice(['信息来源', '来源'])}：{src()}    发布日期：{pub_stamp(rng, d)}    浏览次数：{n}    【字体：大 中 小】")
    elif style == "wechat":
        account = doc.M(pub, full=True, self_ok=False)
        head.append(f"{account} {d:%Y-%m-%d} {rng.randint(7, 22):02d}:{rng.randint(0, 59):02d} {doc.w.province_of(pub.region).short}")
    elif style == "dash":
        head += ["- 分类：工作动态", f"- 作者：{rng.choice(DEPTS_PR)}", f"- 来源：{src()}", f"- 发布时间：{pub_stamp(rng, d)}", f"- 访问量：{n}"]
    elif style == "media":
        head.append(f"{pub_stamp(rng, d)}  来源：{doc.media}")
        paras = [f"本报讯（记者 {byline_name(doc)} 通讯员 {byline_name(doc)}）" + paras[0], *paras[1:]]
    # footer
    if style == "bottom":
        foot.append(f"（来源：{src()}　发布时间：{pub_stamp(rng, d)}）")
    extras = ["editor", "related", "copyright", "scan", "prevnext", "source", "address"]
    for x in rng.sample(extras, rng.randint(0, 3)):
        if x == "editor":
            foot.append(rng.choice([f"（编辑：{byline_name(doc)}　审核：{byline_name(doc)}）", f"责任编辑：{byline_name(doc)}",
                                    f"文/{byline_name(doc)}　图/{byline_name(doc)}", f"（通讯员：{byline_name(doc)}）",
                                    f"初审：{byline_name(doc)}  复审：{byline_name(doc)}  终审：{byline_name(doc)}"]))
        elif x == "related":
            foot.append("相关阅读：")
            foot += rng.sample(RELATED, 3)
        elif x == "copyright" and pub is not None:
            foot.append(rng.choice([lambda: f"版权所有：{doc.M(pub, full=True, self_ok=False)}",
                                    lambda: f"Copyright © 2015-2025 {doc.M(pub, full=True, self_ok=False)} All Rights Reserved",
                                    lambda: f"主办单位：{doc.M(pub, full=True, self_ok=False)}"])())
        elif x == "scan":
            foot.append(rng.choice(["扫一扫在手机打开当前页", "【打印本页】【关闭窗口】", "分享到："]))
        elif x == "prevnext":
            a, b = rng.sample(RELATED, 2)
            foot += [f"上一篇：{a}", f"下一篇：{b}"]
        elif x == "source" and doc.mode == "hosp":
            foot.append(f"供稿：{rng.choice(DEPTS_PR)}")
        elif x == "address" and pub is not None:
            where = doc.w.R(pub.address or pub.region)
            if where.level == "province":
                where = doc.w.capital_of(where.code)
            foot.append(f"地址：{where.name}{rng.choice(['人民', '建设', '解放', '迎宾', '健康'])}路{rng.randint(1, 399)}号　"
                        f"电话：0{rng.randint(310, 999)}-{rng.randint(2000000, 8999999)}")
    return head, paras, foot


def compose_text(doc: Doc, head, paras, foot) -> str:
    rng = doc.rng
    indent = rng.choice(["", "", "　　", "   "])
    sep = "\n\n" if rng.random() < 0.45 else "\n"
    if rng.random() < 0.35:
        # Some pages run several sentences together in one paragraph.
        merged: list[str] = []
        for p in paras:
            if merged and merged[-1].endswith("。") and p.endswith("。") and len(merged[-1]) < 160 and rng.random() < 0.5:
                merged[-1] += p
            else:
                merged.append(p)
        paras = merged
    body = sep.join(indent + p if not re.match(r"^(\d+[.．]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+　)", p) else p for p in paras)
    lead = "\n" if rng.random() < 0.2 else ""
    return lead + "\n".join(head) + sep + body + sep + "\n".join(foot) + "\n"


def compose_html(doc: Doc, title, head, paras, foot) -> str:
    site = doc.publisher.name if doc.publisher else doc.media
    esc = lambda t: t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # noqa: E731
    meta = "".join(f"<span>{esc(h)}</span>" for h in head[1:] if h != title)
    ps = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
    fs = "\n".join(f"<p>{esc(f)}</p>" for f in foot)
    return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{esc(title)}_{esc(site)}</title>\n"
            f"<style>body{{font-family:SimSun}} .content p{{text-indent:2em}}</style>\n</head>\n<body>\n"
            f"<div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/news\">新闻中心</a></div>\n"
            f"<div class=\"article\">\n<h1>{esc(title)}</h1>\n<div class=\"info\">{meta}</div>\n"
            f"<div class=\"content\">\n{ps}\n</div>\n</div>\n"
            f"<div class=\"footer\">\n{fs}\n</div>\n</body>\n</html>\n")


_S2T = None


def to_traditional(text: str) -> str:
    global _S2T
    if _S2T is None:
        import opencc

        _S2T = opencc.OpenCC("s2t")
    return _S2T.convert(text)


def damage_noise(doc: Doc, paras: list[str]) -> list[str]:
    """A stray image id between paragraphs and a lost character in a noise paragraph."""
    rng = doc.rng
    paras = list(paras)
    for i in sorted(doc.noise_paras):
        if i < len(paras) and len(paras[i]) > 6:
            k = rng.randrange(2, len(paras[i]) - 2)
            paras[i] = paras[i][:k] + rng.choice(["?", "\ufffd", "??"]) + paras[i][k + 1:]
    at = rng.randrange(1, len(paras) + 1)
    paras.insert(at, f"{rng.randrange(16 ** 4, 16 ** 6):X}")
    return paras


def _weighted(rng, items):
    total = sum(wt for wt, _ in items)
    x = rng.random() * total
    for wt, item in items:
        x -= wt
        if x <= 0:
            return item
    return items[-1][1]


def write_document(world: World, seed: int, i: int) -> tuple[str, Doc, dict]:
    rng = random.Random(f"yilian-synth-doc:{seed}:{i}")
    kinds = [(wt, k) for k, wt in EVENT_WEIGHTS.items() if world.events[k]]
    kind = _weighted(rng, kinds)
    ev = _weighted(rng, world.events[kind])
    publisher, mode = choose_publisher(rng, world, kind, ev)
    if mode == "hosp":
        style = _weighted(rng, [(30, "site"), (12, "inline"), (12, "wechat"), (8, "dash"), (10, "bottom"), (13, "bare")])
    elif mode == "org":
        style = "gov" if rng.random() < 0.6 else "site"
    else:
        style = "media"
    we = mode == "hosp" and (style == "bare" or rng.random() < 0.85)
    d = event_date(kind, ev)
    published = None if style == "bare" else (d if kind == "notice" else d + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 5])))
    doc = Doc(world, rng, publisher, mode, style, published, we)
    anchor = {"found": lambda: ev[1].scope, "meeting": lambda: ev[1].scope, "plaque": lambda: ev[1].scope,
              "join": lambda: ev[2][0].region, "sign": lambda: ev[2].region, "notice": lambda: ev[1].region,
              "combo": lambda: ev[3].region, "visit": lambda: ev[2].region, "county": lambda: ev[1].code}[kind]()
    city = world.city_of(anchor) or world.capital_of(anchor)
    province = world.province_of(anchor).short
    doc.media = rng.choice([f"{city.short}{rng.choice(MEDIA)}", f"{province}{rng.choice(['日报', '健康网', '卫生健康报'])}", "健康报"])
    title, paras = TEMPLATES[kind](doc, ev)
    head, paras, foot = furniture(doc, title, paras)
    damaged = rng.random() < 0.03
    if damaged:
        paras = damage_noise(doc, paras)
    html = rng.random() < 0.08
    text = compose_html(doc, title, head, paras, foot) if html else compose_text(doc, head, paras, foot)
    if publisher is not None:
        names = doc.gold_name(publisher).split("|")
        if not any(n in text for n in names):
            line = f"版权所有：{doc.M(publisher, full=True, self_ok=False)}"
            text = text.replace("</body>", f"<p>{line}</p>\n</body>") if html else text + line + "\n"
    traditional = rng.random() < 0.04
    if traditional:
        text = to_traditional(text)
    doc.flags = {"kind": kind, "style": style, "mode": mode, "html": html, "traditional": traditional, "damaged": damaged,
                 "tags": doc.tags}
    return text, doc, doc.flags


def gold_json(gold: dict) -> str:
    """The gold file: one key per line, one person, alliance, signing or location per line."""
    dump = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    lines = []
    for key, value in gold.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            inner = ",\n".join(f"    {dump(v)}" for v in value)
            lines.append(f"  {dump(key)}: [\n{inner}\n  ]")
        else:
            lines.append(f"  {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def generate(docs: int, seed: int, out: Path, progress: Callable[[int], None] | None = None) -> dict:
    """Write `docs` synthetic announcements and their gold files under `out`; return a summary.

    Files are `out/NNNNN_<sha1[:16]>.txt` and `out/gold/NNNNN_<sha1[:16]>.json`. Earlier files of
    that pattern in `out` are removed first (nothing else is touched). `progress(n)` is called
    after each document. The same (docs, seed) gives byte-identical files, and document i
    does not depend on `docs`.
    """
    t0 = time.perf_counter()
    out = Path(out)
    gold_dir = out / "gold"
    gold_dir.mkdir(parents=True, exist_ok=True)
    # Earlier output of this generator in the same folder would be read with the new files.
    mine = re.compile(r"^\d{5}_[0-9a-f]{16}\.(txt|json)$")
    for folder in (out, gold_dir):
        for f in folder.iterdir():
            if f.is_file() and mine.match(f.name):
                f.unlink()
    world = World(seed)
    seen: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    regions: set[str] = set()
    for i in range(docs):
        text, doc, fl = write_document(world, seed, i)
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        name = f"{i:05d}_{digest}"
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
        gold = doc.gold(f"{name}.txt")
        (gold_dir / f"{name}.json").write_text(gold_json(gold), encoding="utf-8")
        for e in doc.mentioned.values():
            if e.label == "Hospital":
                seen[e.id] += 1
            regions.add(e.region)
        kinds[fl["kind"]] += 1
        flags.update(k for k in ("html", "traditional", "damaged") if fl[k])
        flags[f"publisher:{fl['mode']}"] += 1
        if progress:
            progress(i + 1)
    hospitals = [e for e in world.ents if e.label == "Hospital"]
    return {
        "documents": docs,
        "seed": seed,
        "out": str(out),
        "provinces": [p.name for p in world.provinces],
        "cities": len(world.cities),
        "counties": len(world.counties),
        "hospitals_in_population": len(hospitals),
        "hospitals_by_tier": dict(Counter(h.tier for h in hospitals)),
        "organizations_in_population": len(world.ents) - len(hospitals),
        "people_in_population": len(world.people),
        "alliances_in_world": len(world.alliances),
        "hospitals_mentioned": len(seen),
        "hospitals_in_2_or_more_documents": sum(1 for n in seen.values() if n >= 2),
        "regions_used": len(regions),
        "document_kinds": dict(kinds),
        "flags": dict(flags),
        "seconds": round(time.perf_counter() - t0, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic announcement corpus with gold annotations.")
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    summary = generate(args.docs, args.seed, args.out)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

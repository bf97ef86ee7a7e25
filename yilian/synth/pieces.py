"""Paragraph pieces several document kinds share: who attended, who chaired and spoke, a
hospital's history, the closing, the leader sentence and the member list of an alliance."""
from __future__ import annotations

from .doc import Doc
from .phrases import BACKGROUND, CLOSINGS, HOSPITAL_KIND_WORD, HOST_QUOTES, HOTELS, QUOTES, VENUES, cn_count, cn_number
from .world import Alliance, Ent, Person


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

"""A hospital joins an alliance: plaque ceremony or approval, with the leader's visit."""
from __future__ import annotations

from ..doc import Doc
from ..phrases import COOP
from ..pieces import attendance, background, closing, history, leader_sentence, pick_officials, speech


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

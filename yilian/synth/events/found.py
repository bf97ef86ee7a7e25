"""An alliance is founded: the ceremony, the leader, the first members, speeches."""
from __future__ import annotations

import re

from ..doc import Doc
from ..phrases import OPENINGS, SLOGANS, cn_count
from ..pieces import attendance, background, chair, closing, history, leader_sentence, member_block, pick_officials, place, speech
from ..vocab import ALLIANCE_GENERIC


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

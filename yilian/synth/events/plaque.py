"""Plaques handed to several members of an alliance at once."""
from __future__ import annotations

from ..doc import Doc
from ..phrases import COOP, cn_count
from ..pieces import attendance, closing, leader_sentence, pick_officials, place, speech
from ..vocab import ALLIANCE_GENERIC


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

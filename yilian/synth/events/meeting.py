"""An alliance's annual or working meeting."""
from __future__ import annotations

from ..doc import Doc
from ..phrases import SLOGANS, cn_count
from ..pieces import attendance, closing, leader_sentence, pick_officials, place, speech


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

"""Two institutions sign an agreement (对口支援, 托管, 远程会诊…)."""
from __future__ import annotations

from ..doc import Doc
from ..phrases import COOP
from ..pieces import attendance, background, closing, history, kind_word, pick_officials, place, speech


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

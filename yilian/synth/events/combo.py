"""A hospital in two alliances at once, told in one page."""
from __future__ import annotations

from ..doc import Doc
from ..phrases import cn_count
from ..pieces import attendance, closing, kind_word, pick_officials, speech


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

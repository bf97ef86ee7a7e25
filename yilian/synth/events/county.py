"""A county's 医共体: the county hospital leading its townships' 卫生院."""
from __future__ import annotations

from ..doc import Doc
from ..phrases import cn_count
from ..pieces import attendance, closing, place, speech


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

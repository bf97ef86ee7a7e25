"""A visit between hospitals with no alliance or agreement at all (a negative case)."""
from __future__ import annotations

from ..doc import Doc
from ..pieces import closing, history, speech


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

"""A commission's notice listing the alliances or members it approves."""
from __future__ import annotations

from ..doc import Doc
from ..phrases import OPENINGS, cn_number, cn_number_year


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

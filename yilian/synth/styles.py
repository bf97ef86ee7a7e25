"""Page styles: a hospital site, inline or bottom bylines, WeChat, a dash header, a bare page,
a commission (gov) or a newspaper (media); the header and footer furniture each one puts
around the body, plain text or HTML, Traditional conversion and damaged bytes in the noise.
A new style: a weight in HOSPITAL_STYLES (or a mode's choice in corpus.write_document) and
its branch in `furniture`."""
from __future__ import annotations

import re
from datetime import date

from .doc import Doc
from .phrases import DEPTS_PR, RELATED
from .vocab import GIVEN, SURNAMES

# Page styles of a hospital's own site, with their weights (commissions write "gov" or "site",
# the media "media"; see corpus.write_document).
HOSPITAL_STYLES = [(30, "site"), (12, "inline"), (12, "wechat"), (8, "dash"), (10, "bottom"), (13, "bare")]


def byline_name(doc: Doc) -> str:
    rng = doc.rng
    while True:
        name = rng.choice(SURNAMES[:60]) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
        if name not in doc.w.used_names:
            return name


def pub_stamp(rng, d: date) -> str:
    hm = f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}"
    return rng.choice([f"{d:%Y-%m-%d} {hm}", f"{d:%Y-%m-%d} {hm}:{rng.randint(0, 59):02d}", f"{d:%Y-%m-%d}",
                       f"{d.year}年{d.month:02d}月{d.day:02d}日", f"{d:%Y/%m/%d} {hm}"])


def furniture(doc: Doc, title: str, paras: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Header lines, body paragraphs and footer lines of the page."""
    rng, pub, d = doc.rng, doc.publisher, doc.published
    head: list[str] = []
    foot: list[str] = []
    style = doc.style

    def src() -> str:
        if pub is None:
            return doc.media
        if doc.mode == "org" or not doc.we or rng.random() < 0.5:
            if pub.quals and rng.random() < 0.3:
                q = rng.choice(pub.quals)
                doc._touch(pub, q)
                return q
            return doc.M(pub, full=True, self_ok=False)
        return rng.choice(DEPTS_PR)

    if style in ("site", "gov") and rng.random() < 0.45:
        head.append(rng.choice(["首页 > 新闻中心 > 医院动态", "当前位置：首页 > 工作动态", "您的位置：首页 >> 新闻资讯 >> 院内新闻",
                                "首页 > 政务公开 > 通知公告", "网站首页 > 医联体建设"]))
    if style == "inline":
        head.append(f"{title} {pub_stamp(rng, d)}  来源：{src()}")
    else:
        head.append(title)
    n = rng.randint(30, 9000)
    if style == "site":
        parts = [f"发布时间：{pub_stamp(rng, d)}", f"来源：{src()}"]
        if rng.random() < 0.5:
            parts.append(rng.choice([f"阅读次数：{n}", f"点击数：{n}", f"浏览量：{n}"]))
        if rng.random() < 0.3:
            parts.insert(1, f"作者：{byline_name(doc)}")
        head.append(rng.choice(["  ", "　", " | "]).join(parts))
    elif style == "gov":
        head.append(f"{rng.choice(['信息来源', '来源'])}：{src()}    发布日期：{pub_stamp(rng, d)}    浏览次数：{n}    【字体：大 中 小】")
    elif style == "wechat":
        account = doc.M(pub, full=True, self_ok=False)
        head.append(f"{account} {d:%Y-%m-%d} {rng.randint(7, 22):02d}:{rng.randint(0, 59):02d} {doc.w.province_of(pub.region).short}")
    elif style == "dash":
        head += ["- 分类：工作动态", f"- 作者：{rng.choice(DEPTS_PR)}", f"- 来源：{src()}", f"- 发布时间：{pub_stamp(rng, d)}", f"- 访问量：{n}"]
    elif style == "media":
        head.append(f"{pub_stamp(rng, d)}  来源：{doc.media}")
        paras = [f"本报讯（记者 {byline_name(doc)} 通讯员 {byline_name(doc)}）" + paras[0], *paras[1:]]
    # footer
    if style == "bottom":
        foot.append(f"（来源：{src()}　发布时间：{pub_stamp(rng, d)}）")
    extras = ["editor", "related", "copyright", "scan", "prevnext", "source", "address"]
    for x in rng.sample(extras, rng.randint(0, 3)):
        if x == "editor":
            foot.append(rng.choice([f"（编辑：{byline_name(doc)}　审核：{byline_name(doc)}）", f"责任编辑：{byline_name(doc)}",
                                    f"文/{byline_name(doc)}　图/{byline_name(doc)}", f"（通讯员：{byline_name(doc)}）",
                                    f"初审：{byline_name(doc)}  复审：{byline_name(doc)}  终审：{byline_name(doc)}"]))
        elif x == "related":
            foot.append("相关阅读：")
            foot += rng.sample(RELATED, 3)
        elif x == "copyright" and pub is not None:
            foot.append(rng.choice([lambda: f"版权所有：{doc.M(pub, full=True, self_ok=False)}",
                                    lambda: f"Copyright © 2015-2025 {doc.M(pub, full=True, self_ok=False)} All Rights Reserved",
                                    lambda: f"主办单位：{doc.M(pub, full=True, self_ok=False)}"])())
        elif x == "scan":
            foot.append(rng.choice(["扫一扫在手机打开当前页", "【打印本页】【关闭窗口】", "分享到："]))
        elif x == "prevnext":
            a, b = rng.sample(RELATED, 2)
            foot += [f"上一篇：{a}", f"下一篇：{b}"]
        elif x == "source" and doc.mode == "hosp":
            foot.append(f"供稿：{rng.choice(DEPTS_PR)}")
        elif x == "address" and pub is not None:
            where = doc.w.R(pub.address or pub.region)
            if where.level == "province":
                where = doc.w.capital_of(where.code)
            foot.append(f"地址：{where.name}{rng.choice(['人民', '建设', '解放', '迎宾', '健康'])}路{rng.randint(1, 399)}号　"
                        f"电话：0{rng.randint(310, 999)}-{rng.randint(2000000, 8999999)}")
    return head, paras, foot


def compose_text(doc: Doc, head, paras, foot) -> str:
    rng = doc.rng
    indent = rng.choice(["", "", "　　", "   "])
    sep = "\n\n" if rng.random() < 0.45 else "\n"
    if rng.random() < 0.35:
        # Some pages run several sentences together in one paragraph.
        merged: list[str] = []
        for p in paras:
            if merged and merged[-1].endswith("。") and p.endswith("。") and len(merged[-1]) < 160 and rng.random() < 0.5:
                merged[-1] += p
            else:
                merged.append(p)
        paras = merged
    body = sep.join(indent + p if not re.match(r"^(\d+[.．]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+　)", p) else p for p in paras)
    lead = "\n" if rng.random() < 0.2 else ""
    return lead + "\n".join(head) + sep + body + sep + "\n".join(foot) + "\n"


def compose_html(doc: Doc, title, head, paras, foot) -> str:
    site = doc.publisher.name if doc.publisher else doc.media
    esc = lambda t: t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # noqa: E731
    meta = "".join(f"<span>{esc(h)}</span>" for h in head[1:] if h != title)
    ps = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
    fs = "\n".join(f"<p>{esc(f)}</p>" for f in foot)
    return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{esc(title)}_{esc(site)}</title>\n"
            f"<style>body{{font-family:SimSun}} .content p{{text-indent:2em}}</style>\n</head>\n<body>\n"
            f"<div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/news\">新闻中心</a></div>\n"
            f"<div class=\"article\">\n<h1>{esc(title)}</h1>\n<div class=\"info\">{meta}</div>\n"
            f"<div class=\"content\">\n{ps}\n</div>\n</div>\n"
            f"<div class=\"footer\">\n{fs}\n</div>\n</body>\n</html>\n")


_S2T = None


def to_traditional(text: str) -> str:
    global _S2T
    if _S2T is None:
        import opencc

        _S2T = opencc.OpenCC("s2t")
    return _S2T.convert(text)


def damage_noise(doc: Doc, paras: list[str]) -> list[str]:
    """A stray image id between paragraphs and a lost character in a noise paragraph."""
    rng = doc.rng
    paras = list(paras)
    for i in sorted(doc.noise_paras):
        if i < len(paras) and len(paras[i]) > 6:
            k = rng.randrange(2, len(paras[i]) - 2)
            paras[i] = paras[i][:k] + rng.choice(["?", "\ufffd", "??"]) + paras[i][k + 1:]
    at = rng.randrange(1, len(paras) + 1)
    paras.insert(at, f"{rng.randrange(16 ** 4, 16 ** 6):X}")
    return paras

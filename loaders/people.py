"""People and the posts they hold, anchored on titles (院长, 党委副书记、纪委书记 …).

A name follows a title (副院长吴某某) or precedes it (吴某某院长). The organization is the
institution named in the same title chain (X医院医务部主任吴某某), else the one of the
person just before in a list (X医院主任甲、主任乙), else the publisher for 我院/本院 or a
bare hospital post.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from itertools import accumulate

from .doc import Doc, Span
from .lexicons import longest_first, words

_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n（）()“”\"《》]")
_NOT_IN_GIVEN = set("的了在是和与及为等对将被把向从到以于也都就而又并个们这那其之所该此上下中会院室科部处局委员位体级务区市县省镇乡长记任师授士")
# Follower words that are also common last characters of given names (赵小来, 王建和).
_GIVEN_FOLLOWERS = frozenset("来和")
_ALLIANCE_POST = re.compile(r"医联体|医共体|联盟|集团|协作网|共同体")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_APPOINTED = re.compile(r"(?:[\u4e00-\u9fff]{0,4})?为")  # 聘请某某为…
_LIST_GAP = re.compile(r"\s*(?:教授|主任|医师|专家|博士)?\s*[、和及]\s*")  # 甲教授、乙教授
_PRE_NAME = ("聘请", "特邀", "邀请", "由", "与", "和", "及", "向", "请", "为", "、", "对", "陪同")


@cache
def _title_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, longest_first("titles.txt"))))


@cache
def _not_names() -> tuple[str, ...]:
    return tuple(words("not_names.txt"))


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    names = words("surnames.txt")
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


def _starts_follower(text: str, pos: int = 0) -> bool:
    """Whether text[pos:] starts with a word that follows names (a title, 代表 …); reads
    text in place, as copying the rest of a document per candidate name is costly."""
    return text.startswith(tuple(words("name_followers.txt")), pos) or bool(_title_pattern().match(text, pos))


# 艾力·买买提, 帕提古丽·吾守尔: a name in parts joined by a middle dot is one name, whatever its
# first character (no surname list covers them).
_DOTTED = re.compile(r"[\u4e00-\u9fff]{1,5}(?:[·•・][\u4e00-\u9fff]{1,6}){1,2}")
_DOTTED_NOT = re.compile(r"医院|大学|学院|中心|协会|政府|委员会|卫生院|集团")


def _dotted_name(text: str, pos: int) -> int:
    m = _DOTTED.match(text, pos)
    if not m or _DOTTED_NOT.search(m.group(0)):
        return 0
    # The last part may run on into a title (艾力·买买提主席): end it where a follower starts.
    dot = max(m.group(0).rfind(c) for c in "·•・")
    for end in range(pos + dot + 2, m.end() + 1):
        if end == m.end() or _starts_follower(text, end):
            return end - pos
    return 0


def name_after(text: str, pos: int) -> int:
    """Length of a person name starting at `pos`, or 0."""
    dotted = _dotted_name(text, pos)
    if dotted:
        return dotted
    single, double = _surnames()
    sur = 2 if text[pos : pos + 2] in double else 1 if text[pos : pos + 1] in single else 0
    if not sur:
        return 0

    if text.startswith(_not_names(), pos):
        return 0

    def valid(n: int) -> bool:
        cand = text[pos : pos + n]
        return (len(cand) == n and _HAN_RUN.fullmatch(cand) is not None
                and not any(c in _NOT_IN_GIVEN for c in cand[sur:]))

    def ends_at(n: int) -> bool:
        at = pos + n
        return at >= len(text) or not _CJK_CHAR.match(text, at) or _starts_follower(text, at)

    short, full = sur + 1, sur + 2
    if text[pos + full - 1 : pos + full] in _GIVEN_FOLLOWERS and valid(full) and ends_at(full) and _starts_follower(text, pos + full):
        return full  # 赵小来出席: a given name may end in a follower character (来, 和)
    if valid(short) and ends_at(short) and text[pos + short : pos + short + 1] not in ("", ) and _starts_follower(text, pos + short):
        return short  # 李敏代表…
    if valid(full):
        return full  # 王建华主持…, and the common 3-character name by default
    if valid(short) and ends_at(short):
        return short
    return 0


def name_before(text: str, end: int, floor: int) -> int:
    """Start of a person name that ends at `end` (just before a title), or -1."""
    dotted = re.search(r"[\u4e00-\u9fff]{1,5}[·•・][\u4e00-\u9fff]{1,6}$", text[max(floor, end - 14) : end])
    if dotted and _dotted_name(text, end - len(dotted.group(0))) == len(dotted.group(0)):
        start = end - len(dotted.group(0))
        if start == floor or not _CJK_CHAR.match(text, start - 1):
            return start
    for length in (3, 2, 4):
        start = end - length
        if start < floor:
            continue
        if text[start] in "和与及" and name_after(text, start + 1) == length - 1 and length > 2:
            return start + 1  # 陈某教授和杨某: the conjunction is not a surname here
        if name_after(text, start) == length:
            before = text[max(0, start - 2) : start]
            if start == floor or not re.match(r"[\u4e00-\u9fff]", text[start - 1]) or before.endswith(_PRE_NAME):
                return start
    return -1


# X医院心内科王某主任: a department (or the party committee) between the institution and
# the name; the person holds the post in the institution.
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:科|部|处|室|中心|党委|党总支|病区|办公室)")


def _department_before(text: str, inst_end: int, title_start: int) -> int | None:
    """Start of a name that ends at `title_start` after a department that starts at
    `inst_end` (the end of an institution name), or None."""
    for at in range(inst_end + 1, title_start - 1):
        if _DEPARTMENT.fullmatch(text, inst_end, at) and name_after(text, at) == title_start - at:
            return at
    return None


def find_people(doc: Doc) -> None:
    text = doc.value
    institutions = [s for s in doc.spans if s.label in ("Hospital", "Organization", "Self")]
    # For each title, which institutions overlap it and where the last one before it ends,
    # by bisection rather than a pass over all institutions per title.
    by_start = sorted(institutions, key=lambda s: s.start)
    starts = [s.start for s in by_start]
    reach = list(accumulate((s.end for s in by_start), max))  # reach[i]: furthest end of by_start[: i + 1]
    ends = sorted(s.end for s in institutions)
    people: list[Span] = []
    for m in _title_pattern().finditer(text):
        ts, te = m.start(), m.end()
        i = bisect_left(starts, te)  # by_start[:i] start before the title ends
        if i and reach[i - 1] > ts:
            # 镇党委书记: the title read across the end of the name (党委书记) is its rest (书记).
            rest = _title_pattern().match(text, reach[i - 1]) if reach[i - 1] < te else None
            if not (rest and rest.end() == te):
                continue  # 主任 inside 主任委员会 of an institution name
            ts = reach[i - 1]
        if text.startswith("班子", te):
            continue  # 院领导班子: the body, not a post before a name
        # 教授和杨某主任: a conjunction after a title starts the next item, not a surname.
        n = name_after(text, te) if text[te : te + 1] not in ("和", "与", "及") else 0
        if n:
            people.append(Span(te, te + n, "Person", text[te : te + n], {"title_at": (ts, te), "order": "title-name"}))
            continue
        j = bisect_right(ends, ts)
        floor = ends[j - 1] if j else 0
        clause = max(text.rfind(c, 0, ts) for c in "，,。；;：:！!？?\n、 ") + 1
        start = name_before(text, ts, max(floor, clause))
        if start >= 0:
            people.append(Span(start, ts, "Person", text[start:ts], {"title_at": (ts, te), "order": "name-title"}))
        elif floor > clause:
            dept = _department_before(text, floor, ts)
            if dept:
                people.append(Span(dept, ts, "Person", text[dept:ts],
                                   {"title_at": (ts, te), "order": "name-title", "department": (floor, dept)}))
    people.sort(key=lambda s: s.start)
    unique: list[Span] = []
    for p in people:
        if unique and p.start < unique[-1].end:
            continue
        unique.append(p)
    for p in unique:
        _affiliate(doc, p, unique, institutions)
    doc.spans.extend(unique + _listed_after(text, unique, institutions) + _listed_between(text, unique))


def _listed_after(text: str, people: list[Span], institutions: list[Span]) -> list[Span]:
    """副院长甲、乙、丙出席: names listed after a title-name person share its title and post."""
    out = []
    taken = {p.start for p in people}
    for p in people:
        if p.attrs["order"] != "title-name" or not p.attrs.get("posts"):
            continue
        pos = p.end
        while text.startswith("、", pos) and pos + 1 not in taken:
            n = name_after(text, pos + 1)
            at = pos + 1 + n
            if not n or _title_pattern().match(text, at):
                break  # 院长甲、乙主任: the next one has a title of its own
            if at < len(text) and _CJK_CHAR.match(text, at) and not _starts_follower(text, at):
                break  # 院长甲、吉林大学…: the list went on to other things
            if any(i.start <= pos + 1 < i.end for i in institutions):
                break
            out.append(Span(pos + 1, pos + 1 + n, "Person", text[pos + 1 : pos + 1 + n],
                            {"title_at": p.attrs["title_at"], "order": "listed", "posts": list(p.attrs["posts"])}))
            pos += 1 + n
    return out


def _chain_start(text: str, p: Span, people: list[Span], institutions: list[Span]) -> int:
    ts = p.attrs["title_at"][0] if p.attrs["order"] == "title-name" else p.start
    start = 0
    for c in "，,。；;！!？?\n：:":
        start = max(start, text.rfind(c, 0, ts) + 1)
    # The chain also ends at the previous person (with the title after the name) or 与.
    prev = [max(q.end, q.attrs["title_at"][1] if q.attrs["order"] == "name-title" else q.end)
            for q in people if q.end <= ts]
    prev = [e for e in prev if e <= ts]
    conj = max(text.rfind("与", 0, ts), text.rfind("和", 0, ts))
    # 卫生和计划生育委员会: a 和 inside a name joins nothing.
    while conj >= start and any(i.start <= conj < i.end for i in institutions):
        conj = max(text.rfind("与", 0, conj), text.rfind("和", 0, conj))
    return max([start, conj + 1] + prev)


def _affiliate(doc: Doc, p: Span, people: list[Span], institutions: list[Span]) -> None:
    """Set p.attrs['posts'] = [(institution span or 'SELF', title, strength)]."""
    text = doc.value
    ts, te = p.attrs["title_at"]
    posts = []
    if p.attrs["order"] == "title-name":
        start = _chain_start(text, p, people, institutions)
        chain = [s for s in institutions if start <= s.start and s.end <= ts]
        for i, inst in enumerate(chain):
            nxt = chain[i + 1].start if i + 1 < len(chain) else ts
            own = _title_after(text, inst.end, nxt)
            if own is None and i + 1 < len(chain) and not _CHAIN_GAP.fullmatch(text, inst.end, nxt):
                continue  # 代表甲医院接受乙医院书记某某: a verb between, 甲 is the other side
            title = (own or text[ts:te]).strip("、 \xa0")
            if not _ALLIANCE_POST.search(title):  # 医联体理事长 is a post in the alliance
                posts.append((inst, title, "strong"))
        if not posts:
            head = text[start:ts].lstrip("、，, \xa0")
            dept_title = text[start:te].strip("、 \xa0")
            if re.match(r"(?:医院|院)(?!长)", head):
                posts.append(("SELF", dept_title[2:] if head.startswith("医院") else dept_title, "strong"))
            else:
                prev = [q for q in people if q.end <= start and q.attrs.get("posts")]
                # 杨某教授，重症医学科主任陈某: the previous person's own title is no gap.
                prev_end = max(prev[-1].end, prev[-1].attrs["title_at"][1] if prev[-1].attrs["order"] == "name-title" else 0) if prev else 0
                gap = text[prev_end : start] if prev else ""
                if prev and re.fullmatch(r"[、，,\s]*", gap):
                    inst, _, strength = prev[-1].attrs["posts"][-1]
                    posts.append((inst, dept_title, strength))
                else:
                    posts.append(("SELF", dept_title, "weak"))
    else:
        dept = p.attrs.get("department")
        before = [s for s in institutions if s.end == (dept[0] if dept else p.start)]
        prev = [q for q in people if q.end <= p.start and q.attrs.get("posts")]
        if before:
            posts.append((before[0], (text[dept[0] : dept[1]] if dept else "") + text[ts:te], "strong"))
        elif prev and (_LIST_GAP.fullmatch(text, prev[-1].end, p.start) or _bare_names_between(text, prev[-1], p) is not None):
            # X医院主任甲教授、乙教授: a list of name-title pairs shares the first one's place.
            inst, _, strength = prev[-1].attrs["posts"][-1]
            posts.append((inst, text[ts:te], strength))
        else:
            posts.append(("SELF", text[ts:te], "weak"))
    # 聘请某某为X医院…主任: an appointment names the institution after the person.
    after = _APPOINTED.match(text, te) if p.attrs["order"] == "name-title" else None
    if after:
        at = after.end()
        inst = next((s for s in institutions if s.start == at and s.label != "Self"), None)
        if inst:
            title = _title_after(text, inst.end, min(len(text), inst.end + 16))
            if title:
                posts = [(inst, title, "strong")]
    p.attrs["posts"] = posts


_SEP = re.compile(r"\s*[、和及]\s*")
_CHAIN_GAP = re.compile(r"[\s、和及兼暨/]*")


def _bare_names_between(text: str, a: Span, b: Span) -> list[tuple[int, int]] | None:
    """X医院甲院长、乙、丙副院长: the names with no title of their own between two
    name-title people of one list, or None when the gap is not such a list."""
    if a.attrs["order"] != "name-title" or b.attrs["order"] != "name-title":
        return None
    pos, names = a.attrs["title_at"][1], []
    while True:
        m = _SEP.match(text, pos)
        if not m or m.end() > b.start:
            return None
        pos = m.end()
        if pos == b.start:
            return names
        n = name_after(text, pos)
        if not n or not _SEP.match(text, pos + n):
            return None
        names.append((pos, pos + n))
        pos += n


def _listed_between(text: str, people: list[Span]) -> list[Span]:
    """The untitled names of such a list share the place of the list (not its titles)."""
    out = []
    for a, b in zip(people, people[1:]):
        names = _bare_names_between(text, a, b) if b.attrs.get("posts") else None
        for start, end in names or ():
            inst, _, strength = b.attrs["posts"][0]
            out.append(Span(start, end, "Person", text[start:end], {"title_at": b.attrs["title_at"], "order": "listed",
                                                                     "posts": [(inst, "", strength)]}))
    return out


def _title_after(text: str, start: int, end: int) -> str | None:
    """`医务部主任` after an institution: department plus title, if that is all there is."""
    piece = text[start:end]
    m = None
    for m in _title_pattern().finditer(piece):
        pass
    if m and len(piece[: m.start()].strip("、 ")) <= 10 and not _CLAUSE_END.search(piece[: m.end()]):
        return piece[: m.end()].strip("、 ")
    return None

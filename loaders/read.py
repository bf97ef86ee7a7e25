"""Reading announcements: find the files, decode them, drop page boilerplate, and keep
what the page says about itself (title, publication date, source, copyright)."""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .decode import DecodeError, decode_bytes
from .doc import Doc
from .html import html_to_text, looks_like_html
from .repair import normalize

SUFFIXES = (".txt", ".html", ".htm")
# Limits that keep one odd file from stalling a batch (see docs/faults.md). A file is read
# only if it is a regular file of at most MAX_BYTES (most of a big HTML page is markup);
# its text, after decoding and HTML stripping, must be at most MAX_CHARS characters
# (extraction time grows faster than linearly; a real announcement is a few thousand).
MAX_BYTES = 20 * 1024 * 1024
MAX_CHARS = 300_000


class ReadError(ValueError):
    """A file that cannot be read as an announcement; the message says why."""


@dataclass
class Skipped:
    path: Path
    reason: str


def _real(path: Path) -> Path:
    """The path with symlinks resolved; a symlink loop or an unreadable link is its own key."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return path.absolute()


def display_path(path: Path | str) -> str:
    """The path as text that any UTF-8 output can hold: bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates) become backslash escapes, b'\\xff' -> '\\xff'."""
    text = str(path)
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeError:  # a lone surrogate that is no escaped byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _why(err: OSError) -> str:
    return err.strerror or str(err)


def discover(paths: list[Path]) -> Iterator[Path | Skipped]:
    """Announcement files under the given files and folders, sorted, each once.

    A path given explicitly is read whatever its name; inside folders only *.txt, *.html and
    *.htm count. Missing paths and folders that cannot be listed come back as Skipped."""
    seen: set[Path] = set()
    for root in paths:
        try:
            st = os.stat(root)  # follows symlinks
        except OSError as e:
            yield Skipped(root, "no such file or folder" if e.errno == errno.ENOENT else f"cannot read ({_why(e)})")
            continue
        except ValueError as e:  # e.g. a NUL in the name
            yield Skipped(root, f"not a usable path ({e})")
            continue
        problems: list[Skipped] = []
        if not stat.S_ISDIR(st.st_mode):
            candidates = [root]  # a regular file, or something the reader will refuse with a reason
        else:
            candidates = []

            def unreadable(e: OSError) -> None:
                problems.append(Skipped(Path(e.filename or root), f"cannot list folder ({_why(e)})"))

            for folder, dirs, names in os.walk(root, followlinks=True, onerror=unreadable):
                real = _real(Path(folder))
                if real in seen:  # a symlink loop
                    dirs[:] = []
                    continue
                seen.add(real)
                dirs.sort()
                candidates += [Path(folder) / n for n in names if n.lower().endswith(SUFFIXES)]
        yield from problems
        for path in sorted(candidates):
            real = _real(path)
            if real in seen:
                continue
            seen.add(real)
            yield path


_DATE = r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
_META_DATE = re.compile(r"(?:发布|发表|添加|更新|上传|录入)?(?:时间|日期)\s*[:：]?\s*" + _DATE)
_STAMP = re.compile(_DATE + r"日?\s+\d{1,2}:\d{2}")
# A date line of the page furniture: the date beside the page's hit counter or channel tag
# (2023-02-27  点击:1157, 2017年07月20日 【健康号】 … 阅读 11595).
_COUNTER_DATE = re.compile(r"(?m)^\s*[•·]?\s*" + _DATE + r"日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?[^\n]{0,40}?(?:点击|阅读|浏览|访问)")
_SOURCE = re.compile(r"(?:来源|来自|稿源|供稿单位|发布单位|发布机构)\s*[:：]\s*([^\s|│,，:：]{2,40})")
_COPYRIGHT = re.compile(r"(?:版权所有|Copyright|©|\(c\))\s*[:：]?\s*(?:©|\d{4}(?:-\d{4})?)?\s*([^\s|│,，]{2,40})", re.I)
# The institution that owns the page names itself before 版权所有 as often as after it.
_COPYRIGHT_BEFORE = re.compile(r"([\u4e00-\u9fff]{4,30}?)\s*(?:\d{4}(?:\s*-\s*\d{4})?)?\s*[®©]?\s*版权所有")
_SITE_SEP = re.compile(r"\s*[_|｜]\s*|\s+[-—–]\s+")
# The page's own masthead and breadcrumb: 您的位置: X新闻中心…, 欢迎访问X.
_MASTHEAD = re.compile(r"^(?:当前位置|您的位置|您现在的位置|您所在的位置|欢迎访问|欢迎来到)\s*[:：]?\s*(.{2,60})")
# An institution name ends the value of a 来源 field; what follows it there is text.
_SOURCE_END = re.compile(r"^(.{2,}?(?:委员会|卫健委|卫健局|卫生健康局|人民政府|医院|卫生院|保健院|服务中心))(?!集团|分院|院区|[（(\d]).+$")
# Only at a line start: inside a sentence "X医院（…）" is an apposition, not a byline.
_BYLINE_ORG = re.compile(r"(?m)^\s*([\u4e00-\u9fff]{4,30}?(?:医院|卫生院|保健院|卫生服务中心|委员会|卫健委|卫健局))\s*[【\[（(]")

# Lines that are page furniture, not announcement text.
_FOOTER_WORDS = r"ICP备|公网安备|网站建设|版权所有|Copyright|©"  # never in a sentence of the text
_DROP_LINE = re.compile(
    r"^(?:站内搜索|当前位置|您的位置|您现在的位置|首页\s*[>›»]|.*[>›»]\s*$|"
    r"(?:[^\s>›»。！？!，,；;|│]{1,15}\s*[>›»]{1,2}\s*){2,}[^。！？!，,>›»]{0,15}$|"  # X医院 > 新闻中心 > 媒体聚焦
    r"关键[词字]|标签|tags?\b|相关(?:阅读|新闻|文章|链接)|推荐阅读|热点|热门|上一篇|下一篇|"
    r"分享到|打印|关闭窗口|返回顶部|扫一扫|扫码|.*二维码|(?:责任)?编辑|审核|审校|校对|摄影|记者|通讯员|来源|作者|文/|图/|供稿|"
    r"发布(?:日期|时间)\s*[:：]|点击(?:数|率|量)|访问量|浏览(?:次数|量)|阅读(?:数|量)|[-•·]\s*(?:分类|作者|来源|发布时间|访问量)|【概要描述】|"
    r".*(?:" + _FOOTER_WORDS + r"|技术支持|地址\s*[:：]|电话\s*[:：]|热线|传真|邮编|E-?mail|@))",
    re.I,
)
_IMAGE_ID = re.compile(r"^[0-9A-F]{4,8}$")
_PHONE_ONLY = re.compile(r"^[\d\s\-—()（）:：/、,，]+$")
# 院址：某路8号; not a role label whose names hold a 街道 (成员单位：某街道社区卫生服务中心).
_ADDRESS = re.compile(r"^(?![\u4e00-\u9fff]{0,3}单位[:：])[\u4e00-\u9fff]{1,4}[:：].*(?:路|街|道|号|巷)")
_AFTER_RELATED = re.compile(r"^(?:相关(?:阅读|新闻|文章)|推荐阅读|上一篇|下一篇)")

# A page scraped without line breaks is one long line: navigation, title, metadata, body and
# footer run together, and a rule for whole lines would keep or drop all of it. A line longer
# than a title can be is cut into pieces first (sentences, page furniture, the value a
# metadata label carries) and the rules judge each piece, so a marker in the middle of a page
# drops only its own piece. Shorter lines are judged whole, as before.
_LONG = 80
_COLUMNS = "新闻|动态|资讯|速递|要闻|快讯|公告|通知|中心|正文|详情|访谈|专题|报道"  # names of a site's columns
_COLUMN = "(?:" + _COLUMNS + ")"
_SEGMENT = r"[^\s>›»。！？!，,；;|│]{1,15}\s*[>›»]{1,2}\s*"
# A breadcrumb (首页 > 新闻中心 > 医院新闻; 某某医院　新闻中心), whose last column name ends it.
_CRUMB = re.compile(
    r"(?:" + _SEGMENT + r"){2,}(?:[^\s>›»。！？!，,]{0,6}?" + _COLUMN + r")?"
    r"|" + _SEGMENT + r"[^\s>›»。！？!，,]{0,6}?" + _COLUMN +
    r"|(?:\S{2,15}\s){1,3}\S{0,4}?(?:新闻|动态|资讯|要闻|快讯|速递)(?:中心|动态|资讯)?")
_CRUMB_ANCHOR = re.compile(r"[>›»]|\s(?=\S{0,4}?(?:新闻|动态|资讯|要闻|快讯|速递))")  # what every breadcrumb holds
_NEXT_DATE = r"(?=\d{4}年|1[0-2]月|[1-9]月)"  # digits glued to a number that ends before the date of the next line
_INSTITUTION = r"(?:医院|卫生院|保健院|中心|委员会|卫健委|卫健局|卫生健康局|政府|大学|学院)"
_CUT = re.compile(
    # after a sentence: the line goes on without a break (the original line had none either)
    r"(?P<stop>[。！？!]+[”’」』）)】》\"']*)"
    # before a run of spaces (the indentation of a lost line); after a column separator
    r"|(?P<gap>\s{2,})|(?P<bar>(?<=\s)[|│]|[|│](?=\s))"
    # an image id between sentences
    r"|(?<=[。！？!])(?P<hexid>(?=[0-9]*[A-F])[0-9A-F]{4,8})(?=[^0-9A-Za-z])"
    # the number of an item of a list (一、 3. （二）) and a role label (牵头单位：), which start a line
    r"|(?P<cn>[一二三四五六七八九十]{1,3})、(?![一二三四五六七八九十])|(?<![\d.])(?P<num>\d{1,2})[.．、](?![\d.])"
    r"|(?P<item>[（(][一二三四五六七八九十]{1,3}[)）]"
    r"|(?<![，,、；;：:])(?:牵头|成员|主委|理事长|副理事长|骨干|协作|合作|主办|承办|协办|指导)单位(?=\s*[:：]))"
    # a label that starts a line of page furniture (its value, when its shape is known, ends
    # it), or a widget of the page
    r"|(?P<date>(?:发布|发表|添加|更新|上传|录入)(?:时间|日期)|发布于|(?<=\s)(?:时间|日期))(?=\s*[:：\d])"
    r"|(?P<stamp>(?<![\d-])\d{4}-\d{1,2}-\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)(?![\d-])"
    r"|(?P<count>点击(?:数|率|量|次数)?|浏览(?:次数|量)?|阅读(?:数|量|次数)?|访问量)(?=\s*[:：]|\s*\d)"
    r"|(?P<source>(?:信息)?来源|来自|稿源|(?:本文)?出处|供稿单位|发布(?:者|机构|单位))(?=\s*[:：])"
    r"|(?P<name>作者|(?:责任)?编辑|审核|审校|校对|摄影|记者|通讯员|供稿|(?:主题)?分类|字体)(?=\s*[:：])"
    r"|(?P<list>关键[词字]|标签|[Tt]ags?)(?=\s*[:：])"
    r"|(?P<nav>站内搜索|(?:当前|您的|您现在的|您所在的)位置)|(?P<label>【概要描述】)"
    r"|(?P<widget>【\s*(?:[大中小]\s*){2,3}】|(?:\[[大中小]\]){2,3}|【(?:打印|关闭)[^】]{0,4}】"
    r"|(?<=\s)(?:打印(?:本页)?|关闭窗口|返回顶部))"
    r"|(?P<related>(?:相关(?:阅读|新闻|文章|链接)|推荐阅读|上一篇|下一篇|分享到)\s*[:：])"
    # the end of a line: a count closing a heading or a list, a number after an unknown label,
    # a byline department, a registration number, an e-mail address, a phone number
    r"|(?P<total>[（(]共?\d+\s*[个家所项][)）])"
    r"|(?P<tail>(?<=[:：])\s*\d{2,}?" + _NEXT_DATE + ")"
    r"|(?<=[院心会委局府学])(?P<byline>【[^】\s]{1,8}】)"
    r"|(?P<foot>ICP备\s*\d+号?(?:-\d+)?|公网安备\s*\d+号?|@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
    r"|(?:电话|热线|传真)\s*[:：]\s*\(?\d[\d\-—()（）、,，/ ]{5,}\d)"
)
# The characters an alternative of _CUT can start with: _CUT is tried only where one is
# (trying it at every character of a long page costs as much as the rest of reading it).
_CUT_START = re.compile(r"[。！？!\s|│0-9A-F一二三四五六七八九十（(牵成主理副骨协合承指发添更上录时日点浏阅访信来稿出本供"
                        r"作责编审校摄记通分字关标Tt站当您【\[打返相推下I公@电热传]")
_NAME = r"\s*[:：]\s*(?:[^\s，。,！？!|│:：]{0,20}(?=[\s|│]|$)|[^\s\d，。,！？!|│:：]{1,20}(?=\d)"
_VALUE = {
    "date": re.compile(r"\s*[:：]?\s*" + _DATE + r"日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|\s*[:：]"),
    "count": re.compile(r"\s*[:：]?\s*(?:\d*?" + _NEXT_DATE + r"|\d+)(?:\s*次)?|\s*[:：]"),
    # a name: up to a space, else up to a number (the date that starts the next line); a
    # source also up to an institution's suffix
    "name": re.compile(_NAME + ")"),
    "source": re.compile(_NAME + r"|[^\s，。,！？!|│:：]{0,20}?" + _INSTITUTION + ")"),
    "list": re.compile(r"\s*[:：][^\d。！？!|│]{1,40}(?=\d)"),
    # where the page is: up to its last column name, if one comes soon
    "nav": re.compile(r"\s*[:：]?\s*(?:[^。！？!，,:：]{0,30}(?:" + _COLUMNS + r"|详细|列表))?"),
    "label": re.compile(""),
    "stamp": re.compile(""),
    "widget": re.compile(""),
}
_FOOTER = re.compile(_FOOTER_WORDS, re.I)
_BULLET = re.compile(r"[-•·]\s*$")
_SENTENCE_LIKE = re.compile(r"[，,]|[。！？!]$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WHERE = re.compile(r"(?:当前|您的|您现在的|您所在的)位置")
_BYLINE = re.compile(r"[\u4e00-\u9fff]{2,30}" + _INSTITUTION + r"【[^】]{1,8}】")


def _number(digits: str) -> int:
    if digits.isdigit():
        return int(digits)
    tens, _, ones = digits.rpartition("十")
    value = "一二三四五六七八九".find(ones) + 1 if ones else 0
    return value + (10 * ("一二三四五六七八九".find(tens) + 1 if tens else 1) if "十" in digits else 0)


def _cuts(line: str) -> Iterator[tuple[int, int, str, re.Match[str]]]:
    """(start, end, kind, match) of the places _pieces cuts at, in order; a breadcrumb first
    where both start."""
    crumbs, end = [], 0
    for a in _CRUMB_ANCHOR.finditer(line):
        if a.start() < end:
            continue
        for p in range(max(end, a.start() - 50), a.start() + 1):  # the leftmost breadcrumb over the anchor
            m = _CRUMB.match(line, p)
            if m and m.end() > a.start():
                crumbs.append((m.start(), m.end(), "crumb", m))
                end = m.end()
                break
    pos, i = 0, 0
    for t in _CUT_START.finditer(line):
        if t.start() < pos:
            continue
        m = _CUT.match(line, t.start())
        if m:
            while i < len(crumbs) and crumbs[i][0] <= m.start():
                yield crumbs[i]
                i += 1
            yield m.start(), m.end(), m.lastgroup, m
            pos = max(m.end(), m.start() + 1)
    yield from crumbs[i:]


def _pieces(line: str) -> list[tuple[int, int, bool, bool]]:
    """The pieces of a long line: (start, end, after_break, field). after_break: a line of
    the page ended just before (not merely a sentence); field: a metadata label and its value."""
    out: list[tuple[int, int, bool, bool]] = []
    start, brk, scanned = 0, False, 0
    numbers = {"cn": 0, "num": 0}  # the last item number of each kind of list

    def cut(at: int, then_break: bool) -> None:
        nonlocal start, brk
        if at > start:
            out.append((start, at, brk, False))
            start, brk = at, then_break
        else:
            brk = brk or then_break

    for m_start, m_end, kind, m in _cuts(line):
        if m_start < max(start, scanned):
            continue  # inside a value already cut off, or a breadcrumb
        scanned = m_end
        if kind in numbers:
            # 一、 and 1. start a list only at the start of a piece, and go on with the next
            # number (周二、周四 and 统一、 are no list)
            n = _number(m.group(kind))
            if not (n == 1 and m_start == start or n == numbers[kind] + 1):
                continue
            numbers[kind] = n
            kind = "item"
        if kind == "stop":
            cut(m_end, False)
        elif kind in ("bar", "total", "tail", "byline", "foot"):
            cut(m_end, True)
        elif kind in ("gap", "item"):
            cut(m_start, True)
        elif kind in ("hexid", "crumb"):
            cut(m_start, True)
            cut(m_end, True)
        else:
            bullet = _BULLET.search(line, max(start, m_start - 3), m_start)
            cut(bullet.start() if bullet else m_start, True)
            value = _VALUE.get(kind)
            v = value.match(line, m_end) if value else None
            if v:
                end = v.end()
                # one space separates the next field; more are the indentation of the next line
                if line[end : end + 1].isspace() and not line[end + 1 : end + 2].isspace():
                    end += 1
                out.append((start, end, brk, True))
                start, brk = end, True
    cut(len(line), False)
    return out


def _first(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return pattern.search(text)


def _to_date(m: re.Match[str] | None) -> date | None:
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _clean_title(line: str) -> str:
    line = re.split(r"\s+" + _DATE, line)[0]
    line = re.split(r"\s*(?:来源|发布时间|点击)", line)[0]
    return line.strip(" |│-—_")


_KINDS = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")]


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES. Never blocks (a named pipe is refused,
    not opened for a blocking read) and never reads more than MAX_BYTES + 1 bytes, even from a
    file that grows while it is read. Raises ReadError saying why."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_BINARY", 0))
    except OSError as e:
        raise ReadError(f"{path}: cannot read ({_why(e)})") from e
    except ValueError as e:
        raise ReadError(f"{path}: not a usable path ({e})") from e
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), "special file")
            raise ReadError(f"{path}: not a regular file ({kind})")
        if st.st_size > MAX_BYTES:
            raise ReadError(f"{path}: too large ({_mb(st.st_size)} > {_mb(MAX_BYTES)}; split it)")
        f, fd = os.fdopen(fd, "rb"), None
        with f:
            data = f.read(st.st_size + 1)  # not read(MAX_BYTES): that reserves MAX_BYTES of memory
            while len(data) > st.st_size and len(data) <= MAX_BYTES:  # it grew, or /proc-like (size 0)
                more = f.read(min(1 << 20, MAX_BYTES + 1 - len(data)))
                if not more:
                    break
                data += more
    except OSError as e:
        raise ReadError(f"{path}: cannot read ({_why(e)})") from e
    finally:
        if fd is not None:
            os.close(fd)
    if len(data) > MAX_BYTES:
        raise ReadError(f"{path}: too large (more than {_mb(MAX_BYTES)}; split it)")
    return data


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _read_text(path: Path) -> tuple[str, dict[str, str]]:
    data = read_bytes(path)
    try:
        raw, _encoding = decode_bytes(data)
    except DecodeError as e:
        raise ReadError(f"{path}: {e}") from e
    if path.suffix.lower() in (".html", ".htm") or looks_like_html(raw):
        text, meta = html_to_text(raw)
    else:
        text, meta = raw, {}
    if len(text) > MAX_CHARS:
        raise ReadError(f"{path}: too long ({len(text):,} characters of text > {MAX_CHARS:,}; split it)")
    return text, meta


def read_document(path: Path) -> Doc:
    raw, page_meta = _read_text(path)
    text = normalize(raw)
    lines, pos = [], 0
    for line in text.value.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1

    meta_text = text.value[:600]
    published = _to_date(_META_DATE.search(meta_text) or _STAMP.search(meta_text) or _COUNTER_DATE.search(meta_text))
    if not published and page_meta.get("published"):
        published = _to_date(re.search(_DATE, page_meta["published"]))
    source = (_first(_SOURCE, meta_text) or _first(_BYLINE_ORG, meta_text[:300]))
    # (start, end, after_break, field, start of the long line it is a piece of, else -1)
    units: list[tuple[int, int, bool, bool, int]] = []
    footer = None
    notices: set[int] = set()  # the long lines with a copyright or registration notice
    for s, e in lines:
        if e - s <= _LONG:
            pieces = [(s, e, True, False, -1)]
        else:
            # (its first piece follows a line break)
            pieces = [(s + ps, s + pe, brk or not ps, field, s) for ps, pe, brk, field in _pieces(text.value[s:e])]
            if _FOOTER.search(text.value, s, e):
                notices.add(s)
        units += pieces
        if _COPYRIGHT.search(text.value, s, e) or _COPYRIGHT_BEFORE.search(text.value, s, e):
            # The name after the notice is read in its own piece; the name before it may be cut
            # into the piece before, so that one is read on the whole line.
            after = next((m.group(1) for ps, pe, *_ in pieces if (m := _COPYRIGHT.search(text.value[ps:pe]))), None)
            before = _COPYRIGHT_BEFORE.search(text.value, s, e)
            footer = " | ".join(x for x in (after, before and before.group(1)) if x) or footer
    masthead = None
    for s, e in lines[:12]:
        m = _MASTHEAD.match(text.value[s:e].strip())
        if m:
            masthead = m.group(1)
            break

    keep: list[tuple[int, int, bool]] = []
    seen_lines: set[str] = set()
    title = None
    title_line = None
    footer_of = -1  # the long line whose footer has begun
    for i, (s, e, brk, field, line_start) in enumerate(units):
        line = text.value[s:e].strip()
        whole = line_start < 0
        # a piece that a line of the page ends right after (a title, a caption)
        line_end = whole or i + 1 == len(units) or units[i + 1][2] or units[i + 1][4] != line_start
        if _AFTER_RELATED.match(line) and (whole or brk):  # not a sentence that starts with 相关新闻
            break
        # A piece of a long line is judged by the line rules only when it reads like a line of
        # page furniture: a sentence that starts with 记者/审核/… is text.
        furniture = whole or not _SENTENCE_LIKE.search(line)
        # A copyright or registration notice ends the page: the furniture after it goes too.
        notice = line_start in notices and bool(_FOOTER.search(line))
        if notice:
            footer_of = line_start
        if (not line or field or notice or (furniture and (_DROP_LINE.match(line) or _IMAGE_ID.match(line)
                                                           or _PHONE_ONLY.match(line) or _ADDRESS.match(line)
                                                           or (not whole and (footer_of == line_start
                                                                              or _BYLINE.fullmatch(line)
                                                                              or _WHERE.search(line)))))
                or line in seen_lines or not _CJK.search(line)):
            continue
        seen_lines.add(line)
        # The title is a whole line of the page, not the start or the end of one.
        if title is None and len(line) <= 80 and not re.search(r"[。！？]$", line) and brk and line_end:
            title = _clean_title(line)
            # Keep the title as the first line of text, without its date/source tail.
            e = s + text.value[s:e].find(title) + len(title) if title in text.value[s:e] else e
            title_line = len(keep)
        keep.append((s, e, brk))
    if page_meta.get("title"):
        page_title = re.split(r"\s*[-_|]\s*", page_meta["title"])[0].strip()
        # 文章标题_某县人民医院: a page's own <title> ends with the site's name, the masthead
        # a page with no 您的位置 line still has.
        parts = _SITE_SEP.split(page_meta["title"].strip())
        if masthead is None and len(parts) > 1 and parts[-1].strip():
            masthead = parts[-1].strip()
        title = page_title or title
    edits, pos = [], 0
    for s, e, brk in keep:
        # Pieces of one line that follow each other stay as they are, unless a line of the
        # page ended between them.
        edits.append((pos, s, "\n" if pos and (s > pos or brk) else ""))
        pos = e
    edits.append((pos, len(text.value), ""))
    body = text.edit([(s, e, r) for s, e, r in edits if e > s or r])
    if not re.search(r"[\u4e00-\u9fff]", body.value):
        raise ReadError(f"{path}: no Chinese text found")
    # The title ends the first line of the body (its piece, in a long line).
    first_line = keep[0][1] - keep[0][0] if title_line == 0 and len(keep) > 1 else 0
    return Doc(
        path=Path(display_path(path)),  # as stored and shown: a name that is not UTF-8 cannot be written out
        id=hashlib.sha1(body.value.encode("utf-8")).hexdigest()[:16],
        text=body,
        title=title,
        published=published,
        # (on a page without line breaks the value runs on into the text: 来源:X委员会为推动…)
        source=_SOURCE_END.sub(r"\1", source.group(1)) if source else page_meta.get("source"),
        footer=footer,
        masthead=masthead,
        title_end=first_line if first_line > 0 else 0,
    )

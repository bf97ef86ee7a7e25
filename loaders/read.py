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
# The page's own masthead and breadcrumb: 您的位置: X新闻中心…, 欢迎访问X.
_MASTHEAD = re.compile(r"^(?:当前位置|您的位置|您现在的位置|您所在的位置|欢迎访问|欢迎来到)\s*[:：]?\s*(.{2,60})")
# Only at a line start: inside a sentence "X医院（…）" is an apposition, not a byline.
_BYLINE_ORG = re.compile(r"(?m)^\s*([\u4e00-\u9fff]{4,30}?(?:医院|卫生院|保健院|卫生服务中心|委员会|卫健委|卫健局))\s*[【\[（(]")

# Lines that are page furniture, not announcement text.
_DROP_LINE = re.compile(
    r"^(?:站内搜索|当前位置|您的位置|您现在的位置|首页\s*[>›»]|.*[>›»]\s*$|关键[词字]|标签|tags?\b|相关(?:阅读|新闻|文章|链接)|推荐阅读|热点|热门|上一篇|下一篇|"
    r"分享到|打印|关闭窗口|返回顶部|扫一扫|扫码|.*二维码|(?:责任)?编辑|审核|审校|校对|摄影|记者|通讯员|来源|作者|文/|图/|供稿|"
    r"点击(?:数|率|量)|访问量|浏览(?:次数|量)|阅读(?:数|量)|[-•·]\s*(?:分类|作者|来源|发布时间|访问量)|【概要描述】|"
    r".*(?:ICP备|公网安备|网站建设|技术支持|版权所有|Copyright|©|地址\s*[:：]|电话\s*[:：]|热线|传真|邮编|E-?mail|@))",
    re.I,
)
_IMAGE_ID = re.compile(r"^[0-9A-F]{4,8}$")
_PHONE_ONLY = re.compile(r"^[\d\s\-—()（）:：/、,，]+$")
_ADDRESS = re.compile(r"^[\u4e00-\u9fff]{1,4}[:：].*(?:路|街|道|号|巷)")
_AFTER_RELATED = re.compile(r"^(?:相关(?:阅读|新闻|文章)|推荐阅读|上一篇|下一篇)")


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
    footer = None
    for s, e in lines:
        found = [m.group(1) for m in (_COPYRIGHT.search(text.value[s:e]), _COPYRIGHT_BEFORE.search(text.value[s:e])) if m]
        if found:
            footer = " | ".join(found)
    masthead = None
    for s, e in lines[:12]:
        m = _MASTHEAD.match(text.value[s:e].strip())
        if m:
            masthead = m.group(1)
            break

    keep: list[tuple[int, int]] = []
    seen_lines: set[str] = set()
    title = None
    title_line = None
    for s, e in lines:
        line = text.value[s:e].strip()
        if _AFTER_RELATED.match(line):
            break
        if (not line or _DROP_LINE.match(line) or _IMAGE_ID.match(line) or _PHONE_ONLY.match(line)
                or _ADDRESS.match(line) or line in seen_lines or not re.search(r"[\u4e00-\u9fff]", line)):
            continue
        seen_lines.add(line)
        if title is None and len(line) <= 80 and not re.search(r"[。！？]$", line):
            title = _clean_title(line)
            # Keep the title as the first line of text, without its date/source tail.
            e = s + text.value[s:e].find(title) + len(title) if title in text.value[s:e] else e
            title_line = len(keep)
        keep.append((s, e))
    if page_meta.get("title"):
        page_title = re.split(r"\s*[-_|]\s*", page_meta["title"])[0].strip()
        title = page_title or title
    edits, pos = [], 0
    for s, e in keep:
        edits.append((pos, s, "\n" if pos else ""))
        pos = e
    edits.append((pos, len(text.value), ""))
    body = text.edit([(s, e, r) for s, e, r in edits if e > s or r])
    if not re.search(r"[\u4e00-\u9fff]", body.value):
        raise ReadError(f"{path}: no Chinese text found")
    first_line = body.value.find("\n") if title_line == 0 else 0
    return Doc(
        path=path,
        id=hashlib.sha1(body.value.encode("utf-8")).hexdigest()[:16],
        text=body,
        title=title,
        published=published,
        source=source.group(1) if source else page_meta.get("source"),
        footer=footer,
        masthead=masthead,
        title_end=first_line if first_line > 0 else 0,
    )

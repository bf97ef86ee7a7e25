"""Dates in announcement text; a date without a year takes the publication year.

Relative dates are read against the page and the text before them: 本月3日 (the page's
month), 上月28日, 当月/同月5日 (the month of the date stated last before), 次日/翌日 (the day
after it), and a bare day 3日 opening a clause (the page's month, or the month before when
the day is later than the page's own day: news is published after the fact)."""
from __future__ import annotations

import re
from datetime import date, timedelta

_FULL = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_RELATIVE = re.compile(
    r"(?P<month>本月|当月|同月|上月)\s*(?P<mday>\d{1,2})\s*[日号]"
    r"|(?P<next>次日|翌日)"
    # A bare day only where a date opens a clause (3日上午，于3日举行), not 3日内 or 历时3日.
    r"|(?<![^\s，,。；;：:（(于在])(?P<day>\d{1,2})\s*日(?=[上中下午晚早凌，,、]|召开|举行|正式|在)")


def _month_before(d: date) -> tuple[int, int]:
    return (d.year, d.month - 1) if d.month > 1 else (d.year - 1, 12)


def find_dates(text: str, year: int | None, published: date | None = None) -> list[tuple[int, int, date]]:
    """(start, end, date) of the dates in `text`; relative ones need `published` (the page's
    date) or a date stated before them in `text`."""
    out = []
    taken: list[tuple[int, int]] = []
    for m in _FULL.finditer(text):
        try:
            out.append((m.start(), m.end(), date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
            taken.append((m.start(), m.end()))
        except ValueError:
            pass
    if year:
        for m in _MONTH_DAY.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            try:
                out.append((m.start(), m.end(), date(year, int(m.group(1)), int(m.group(2)))))
                taken.append((m.start(), m.end()))
            except ValueError:
                pass
    out.sort()
    if "日" in text or "号" in text:
        for m in _RELATIVE.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            d = _relative(m, _anchor(text, out, m.start()), published)
            if d:
                out.append((m.start(), m.end(), d))
                out.sort()
    return out


def _anchor(text: str, dates: list[tuple[int, int, date]], pos: int) -> date | None:
    """The date stated last before `pos` that dates an event (the page stamp dates none)."""
    for s, e, d in reversed(dates):
        if s < pos and not is_stamp(text, s, e):
            return d
    return None


def _relative(m: re.Match[str], anchor: date | None, published: date | None) -> date | None:
    try:
        if m.group("next"):
            return anchor + timedelta(days=1) if anchor else None
        if m.group("month"):
            word, day = m.group("month"), int(m.group("mday"))
            base = anchor if word in ("当月", "同月") and anchor else published
            if base is None:
                return None
            y, mo = _month_before(base) if word == "上月" else (base.year, base.month)
            return date(y, mo, day)
        day = int(m.group("day"))
        if published is None:
            return None
        y, mo = (published.year, published.month) if day <= published.day else _month_before(published)
        return date(y, mo, day)
    except ValueError:
        return None


def reference_year(text: str, published: date | None) -> int | None:
    if published:
        return published.year
    years = [int(m.group(1)) for m in _FULL.finditer(text)] + [int(y) for y in re.findall(r"(20\d{2})年", text)]
    return max(years) if years else None


def doc_dates(doc) -> list[tuple[int, int, date]]:
    """find_dates over the whole document, once: a relative date (次日, 当月5日) needs the
    dates of earlier sentences."""
    key = ("doc_dates", doc.published)
    if key not in doc.memo:
        doc.memo[key] = find_dates(doc.value, reference_year(doc.value, doc.published), doc.published)
    return doc.memo[key]


def dates_in(doc, start: int, end: int) -> list[tuple[int, int, date]]:
    """The document's dates inside [start, end), with offsets relative to `start`."""
    return [(s - start, e - start, d) for s, e, d in doc_dates(doc) if start <= s and e <= end]


_META_BEFORE = re.compile(r"(?:发布|发表|更新|日期|时间|来源)\s*[:：]?\s*$")
_CLOCK_AFTER = re.compile(r"\s*\d{1,2}:\d{2}")


def is_stamp(text: str, s: int, e: int) -> bool:
    """Whether the date at text[s:e] is the page's own stamp (发布时间：…, a clock time)."""
    return bool(_META_BEFORE.search(text, max(0, s - 8), s) or _CLOCK_AFTER.match(text, e))


def event_dates(text: str, year: int | None, start: int = 0,
                dates: list[tuple[int, int, date]] | None = None) -> list[tuple[int, date]]:
    """(offset, date) of the dates from `start` on that state when something happened: not
    the page's own stamp. `dates`: the text's dates already read (doc_dates)."""
    if dates is None:
        dates = [(s + start, e + start, d) for s, e, d in find_dates(text[start:], year)]
    return [(s, d) for s, e, d in dates if s >= start and not is_stamp(text, s, e)]


def nearest_event_date(dates: list[tuple[int, date]], pos: int) -> date | None:
    """The event date stated last before `pos`, else the first one after it."""
    before = [d for s, d in dates if s < pos]
    if before:
        return before[-1]
    return dates[0][1] if dates else None

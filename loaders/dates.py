"""Dates in announcement text; a date without a year takes the publication year."""
from __future__ import annotations

import re
from datetime import date

_FULL = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def find_dates(text: str, year: int | None) -> list[tuple[int, int, date]]:
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
            except ValueError:
                pass
    return sorted(out)


def reference_year(text: str, published: date | None) -> int | None:
    if published:
        return published.year
    years = [int(m.group(1)) for m in _FULL.finditer(text)] + [int(y) for y in re.findall(r"(20\d{2})年", text)]
    return max(years) if years else None


_META_BEFORE = re.compile(r"(?:发布|发表|更新|日期|时间|来源)\s*[:：]?\s*$")
_CLOCK_AFTER = re.compile(r"\s*\d{1,2}:\d{2}")


def event_dates(text: str, year: int | None, start: int = 0) -> list[tuple[int, date]]:
    """(offset, date) of the dates from `start` on that state when something happened: not
    the page's own stamp (发布时间：…, a date with a clock time)."""
    out = []
    for s, e, d in find_dates(text[start:], year):
        s, e = s + start, e + start
        if _META_BEFORE.search(text, max(0, s - 8), s) or _CLOCK_AFTER.match(text, e):
            continue
        out.append((s, d))
    return out


def nearest_event_date(dates: list[tuple[int, date]], pos: int) -> date | None:
    """The event date stated last before `pos`, else the first one after it."""
    before = [d for s, d in dates if s < pos]
    if before:
        return before[-1]
    return dates[0][1] if dates else None

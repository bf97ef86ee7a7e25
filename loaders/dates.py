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

"""Repairs of damaged announcement text, each keeping the offset map of `Text`.

Order matters: mojibake is undone first (its damaged forms include the pinyin that was
inserted before the damage), then pinyin annotations are dropped, then Traditional
characters become Simplified.
"""
from __future__ import annotations

import hashlib
import importlib.util
import itertools
import os
import re
from bisect import bisect_right
from functools import cache
from pathlib import Path

import ahocorasick
import opencc

from .lexicons import all_terms, pairs, read_cache, write_cache
from .text import Text

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"[a-zü]*[{_TONED}][a-zü]*|de|le|me|men|zi|ne|ma|ba|ge|zhe"
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
# 醫(yī)院 -> 醫院; also the damaged form where `(` was swallowed with the character: ?lián)
PINYIN = re.compile(rf"(?<=[{_CJK}])\((?:{_SYLLABLE})\)|(?<=\?)(?:{_SYLLABLE})\)|(?<=\?)\((?:{_SYLLABLE})\)|(?<=\?[\x21-\x7e])\((?:{_SYLLABLE})\)")
_MAX_ANNOTATED = 4  # variants grow as 2**n with the characters that may carry pinyin


def damage(text: str) -> str:
    """Simulate the damage seen in the wild: GBK bytes decoded as GB2312 by a decoder that
    emits `?` for an invalid pair and swallows an ASCII byte that follows an invalid lead."""
    data = text.encode("gbk", errors="replace")
    out, i = [], 0
    while i < len(data):
        c = data[i]
        if c < 0x80:
            out.append(chr(c))
            i += 1
            continue
        nxt = data[i + 1] if i + 1 < len(data) else None
        if nxt is not None and 0xA1 <= c <= 0xF7 and 0xA1 <= nxt <= 0xFE:
            try:
                out.append(data[i : i + 2].decode("gb2312"))
            except UnicodeDecodeError:
                out.append("?")
            i += 2
        elif nxt is not None and nxt < 0xA1:
            out.append("?")
            i += 2
        else:
            out.append("?")
            i += 1
    return "".join(out).replace("？", "?")


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def damaged_forms(term: str, s2t: opencc.OpenCC) -> set[str]:
    """All forms the damage gives a Simplified lexicon term, with and without pinyin
    annotations after its non-GB2312 (Traditional) characters."""
    from pypinyin import Style, pinyin  # slow to import, and needed only to build the table

    trad = s2t.convert(term)
    marks = [p[0] for p in pinyin(term, style=Style.TONE)]
    annotatable = [i for i, ch in enumerate(trad) if not _in_gb2312(ch)][:_MAX_ANNOTATED]
    forms = set()
    for n in range(len(annotatable) + 1):
        for chosen in itertools.combinations(annotatable, n):
            src = "".join(ch + (f"({marks[i]})" if i in chosen else "") for i, ch in enumerate(trad))
            # Two decoders seen in the wild: one swallows the byte after a bad lead byte,
            # one (Python's) keeps it.
            for bad in (damage(src), src.encode("gbk", "replace").decode("gb2312", "replace").replace("\ufffd", "?").replace("？", "?")):
                # A form must keep some intact CJK to be told apart from other damage.
                if "?" in bad and re.search(f"[{_CJK}]", bad):
                    forms.add(bad)
    return forms


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _damaged_terms() -> dict[str, str]:
    """Damaged form -> the lexicon term it stands for. Deriving it takes most of a second
    (importing pypinyin, converting every variant of every term), so it is derived once and
    cached under a name that changes with what it is derived from."""
    terms = sorted(all_terms())
    stamp = hashlib.sha1(Path(__file__).read_bytes())  # the code that derives the forms
    stamp.update("\n".join(terms).encode("utf-8"))
    for package in ("opencc", "pypinyin"):  # the installed converters, by their files
        stat = os.stat(importlib.util.find_spec(package).origin)
        stamp.update(f"{package}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    name = f"repair-forms-{stamp.hexdigest()[:16]}.json"
    table = read_cache(name)
    if isinstance(table, dict):
        return table
    s2t = opencc.OpenCC("s2t")
    table = {}
    for term in terms:
        for form in damaged_forms(term, s2t):
            # Keep the longest term for a form that several terms share.
            if form not in table or len(table[form]) < len(term):
                table[form] = term
    write_cache(name, table)
    return table


@cache
def _repair_automaton() -> tuple[ahocorasick.Automaton, dict[str, tuple[int, ...]]]:
    """The damaged forms of the lexicon terms, and for each term the lengths of its forms
    (longest first)."""
    table = _damaged_terms()
    auto = ahocorasick.Automaton()
    lengths: dict[str, set[int]] = {}
    for form, term in table.items():
        auto.add_word(form, term)
        lengths.setdefault(term, set()).add(len(form))
    auto.make_automaton()
    return auto, {term: tuple(sorted(ls, reverse=True)) for term, ls in lengths.items()}


def repair_mojibake(text: Text) -> Text:
    if "?" not in text.value and "？" not in text.value:
        return text
    probe = text.value.replace("？", "?")
    auto, lengths = _repair_automaton()
    hits = sorted(((end - len(form) + 1, end + 1, term) for end, term in auto.iter(probe)
                   for form in [_form_at(probe, end, term, auto, lengths[term])] if form), key=lambda h: h[0] - h[1])
    edits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []  # spans of the edits, sorted; they never overlap
    for start, end, term in hits:  # longest first, then no overlaps
        # Only the taken spans next to `start` in order can overlap [start, end).
        i = bisect_right(taken, (start, float("inf")))
        if (i and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
            continue
        taken.insert(i, (start, end))
        edits.append((start, end, term))
    return text.edit(edits)


def _form_at(probe: str, end: int, term: str, auto: ahocorasick.Automaton, lengths: tuple[int, ...]) -> str | None:
    # iter() yields only the value; recover the matched key (the longest form of `term`
    # ending there) by trying the lengths `term`'s forms have, longest first.
    for length in lengths:
        if length > min(end + 1, 40):
            continue
        key = probe[end - length + 1 : end + 1]
        if auto.get(key, None) == term:
            return key
    return None


def strip_pinyin(text: Text) -> Text:
    if ")" not in text.value:
        return text  # every annotation ends with ")": skip the costly scan of most texts
    return text.sub(PINYIN, "")


@cache
def _variant_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    table = pairs("variants.txt")
    return re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True)))), table


def to_simplified(text: Text) -> Text:
    text = text.map_chars(_t2s().convert)
    pattern, table = _variant_pattern()
    return text.sub(pattern, lambda m: table[m.group(0)])


def normalize(raw: str) -> Text:
    """The whole repair chain on a document's text."""
    text = Text.of(raw.replace("\r\n", "\n").replace("\r", "\n"))
    return to_simplified(strip_pinyin(repair_mojibake(text)))

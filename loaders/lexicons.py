"""The word lists of the extractor, read once from loaders/lexicon/*.txt.

Each file is plain text: one entry per line, `#` comments, optional TAB-separated value.
To teach the extractor a new word, add a line to the right file; no code change needed.
"""
from __future__ import annotations

import json
import os
from functools import cache
from importlib.resources import files
from pathlib import Path


def _lines(name: str) -> list[str]:
    raw = files("yilian.loaders.lexicon").joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].rstrip() if not line.startswith("#") else ""
        if line.strip():
            out.append(line)
    return out


@cache
def words(name: str) -> frozenset[str]:
    """Entries of a one-column list (whitespace-separated entries allowed on a line)."""
    return frozenset(w for line in _lines(name) for w in line.split())


@cache
def pairs(name: str) -> dict[str, str]:
    """Entries of a two-column TAB-separated list, as {first: second}."""
    return dict(line.split("\t", 1) for line in _lines(name))


@cache
def longest_first(name: str) -> tuple[str, ...]:
    entries = pairs(name) if "\t" in "".join(_lines(name)) else words(name)
    return tuple(sorted(entries, key=len, reverse=True))


@cache
def cue_words() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for line in _lines("cue_words.txt"):
        rel, word = line.split("\t", 1)
        out.setdefault(rel, []).append(word)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def all_terms() -> set[str]:
    """Every word any lexicon knows: the vocabulary the mojibake repair can restore."""
    terms: set[str] = set()
    for name in ("hospital_suffixes.txt", "titles.txt", "specialties.txt", "generic_words.txt", "descriptor_words.txt", "name_breakers.txt", "domain_words.txt"):
        terms |= words(name)
    for name in ("org_suffixes.txt", "alliance_kinds.txt", "org_aliases.txt"):
        terms |= set(pairs(name))
    terms |= {w for ws in cue_words().values() for w in ws}
    return {t for t in terms if len(t) >= 2}


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "yilian"


def read_cache(name: str):
    """JSON data derived once (gazetteer, repair forms) and kept beside the user's other
    caches; None when there is none yet. The name must say what the data was derived from."""
    try:
        return json.loads((_cache_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_cache(name: str, data) -> None:
    path = _cache_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")  # concurrent writers: each its own file, then an atomic rename
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a read-only home still works, only slower

"""Text that remembers where each character came from.

Every repair step rewrites the text; `Text.offsets[i]` stays the index in the original
document of normalized character `i`, so evidence can always be traced back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable


@dataclass(frozen=True)
class Text:
    value: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, value: str) -> "Text":
        return cls(value, tuple(range(len(value))))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if start >= end or not self.offsets:
            return (0, 0)
        return self.offsets[start], self.offsets[end - 1] + 1

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> "Text":
        """Apply non-overlapping (start, end, replacement) edits; sorted by start."""
        value, offsets = self.value, self.offsets
        out: list[str] = []
        offs: list[int] = []
        pos = 0
        for start, end, repl in sorted(edits):
            if start < pos:
                continue  # overlaps an earlier edit
            out.append(value[pos:start])
            offs.extend(offsets[pos:start])
            out.append(repl)
            if repl:  # (most edits delete)
                if start < len(offsets):
                    # A replacement char maps to the original char at the same relative
                    # position, clamped to the replaced span.
                    last = start + max(end - start, 1) - 1
                    offs.extend([offsets[min(start + k, last)] for k in range(len(repl))])
                else:  # appended after the end: just past the last original char
                    offs.extend([offsets[-1] + 1 if offsets else 0] * len(repl))
            pos = end
        out.append(value[pos:])
        offs.extend(offsets[pos:])
        return Text("".join(out), tuple(offs))

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str] | str) -> "Text":
        # A template without backslashes has no group references: it is its own expansion
        # (Match.expand would parse it again for every match).
        literal = isinstance(repl, str) and "\\" not in repl
        edits = []
        for m in pattern.finditer(self.value):
            edits.append((m.start(), m.end(), repl if literal else repl(m) if callable(repl) else m.expand(repl)))
        return self.edit(edits) if edits else self

    def map_chars(self, convert: Callable[[str], str]) -> "Text":
        """Apply a length-preserving converter (like OpenCC t2s); falls back per line if not."""
        new = convert(self.value)
        if len(new) == len(self.value):
            return Text(new, self.offsets)
        edits, pos = [], 0
        for line in self.value.splitlines(keepends=True):
            converted = convert(line)
            if converted != line:
                edits.append((pos, pos + len(line), converted))
            pos += len(line)
        return self.edit(edits)

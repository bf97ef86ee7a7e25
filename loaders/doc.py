"""The Doc that every extraction component reads and annotates (spaCy-style: one text,
many spans)."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path

from .text import Text

# A closing quote after the end of a sentence ends it too, so the next sentence is the same
# whether a line break follows the quote or not.
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+(?:[”’」』]+\n*)?")


@dataclass
class Span:
    start: int
    end: int
    label: str  # Hospital, Organization, Self (我院), Title, Person, Alliance
    text: str
    attrs: dict = field(default_factory=dict)


@dataclass
class Doc:
    path: Path
    id: str
    text: Text
    title: str | None = None
    published: date | None = None
    source: str | None = None  # 来源 / byline of the page
    footer: str | None = None  # 版权所有 … line
    masthead: str | None = None  # 您的位置 / 欢迎访问 … line of the page
    title_end: int = 0  # the title is the first line of text; its dates are not event dates
    spans: list[Span] = field(default_factory=list)
    # Filled by the components, in pipeline order.
    entities: dict = field(default_factory=dict)  # key -> Entity
    branches: list = field(default_factory=list)  # (parent key, branch key, sentence span)
    publisher: str | None = None
    alliances: list = field(default_factory=list)
    frames: list = field(default_factory=list)  # frames.Frame, clause-level relations
    edges: list = field(default_factory=list)
    # Results several components derive from the same inputs, computed once (see
    # resolve.doc_regions); each entry stores the inputs it was computed from.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def value(self) -> str:
        return self.text.value

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for m in _SENTENCE_END.finditer(self.value):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if pos < len(self.value):
            out.append((pos, len(self.value)))
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        # Sentences are sorted and do not overlap: only the last one starting at or before
        # `offset` can hold it.
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i][1]:
            return self.sentences[i]
        return offset, offset

    def spans_in(self, start: int, end: int, *labels: str) -> list[Span]:
        return [s for s in self.spans if start <= s.start and s.end <= end and (not labels or s.label in labels)]

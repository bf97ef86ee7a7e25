"""HTML pages to plain text lines, keeping what the page says about itself (title, meta)."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "iframe", "svg", "canvas", "template", "button", "select", "option", "object"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "nav", "aside", "dd", "dt", "dl", "blockquote", "pre", "hr", "form",
}
_META_DATE = {"publishdate", "pubdate", "publish_date", "article:published_time", "date", "dc.date", "firstpublishedtime"}
_META_SOURCE = {"source", "contentsource", "sitename", "og:site_name", "author", "copyright"}


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta[key] = a["content"].strip()
        elif tag == "img" and a.get("alt"):
            self.parts.append("\n")
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _SKIP:
            self.skip_depth -= 1

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or bool(re.search(r"<(body|div|p|head)[\s>]", head))


def html_to_text(markup: str) -> tuple[str, dict[str, str]]:
    """Return (text with one block per line, page metadata: title/published/source)."""
    parser = _Extractor()
    parser.feed(markup)
    if parser.rawdata.lstrip().startswith("<"):
        # What is left unparsed is an unfinished comment, tag or declaration running to the end
        # of the page: browsers show none of it, HTMLParser.close() would hand it over as text.
        parser.rawdata = ""
    parser.close()
    text = html.unescape("".join(parser.parts)).replace("\xa0", " ").replace("\u3000", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    meta = {"title": re.sub(r"\s+", " ", parser.title).strip()}
    for key, value in parser.meta.items():
        if key in _META_DATE:
            meta.setdefault("published", value)
        elif key in _META_SOURCE:
            meta.setdefault("source", value)
    return text, meta

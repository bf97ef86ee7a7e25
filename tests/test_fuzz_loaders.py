"""Fuzzing the loaders with hypothesis, through their public functions on real files: random
bytes, random Unicode, Chinese announcement-like text in every encoding, and random HTML.
Whatever the input, reading and extraction either give a DocumentGraph or raise ReadError
(the documented "skipped with a reason" error): never anything else, never a hang.

Bounded (deterministic examples): 50 per test by default, 150 with --long (scripts/test.sh
--long), or YILIAN_FUZZ_EXAMPLES=2000 for a deeper local run."""
import codecs
import os
from itertools import count

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import sized
from yilian.graph.model import DocumentGraph
from yilian.loaders import Skipped, extract_file, extract_paths
from yilian.loaders.decode import DecodeError, decode_bytes
from yilian.loaders.read import ReadError, read_document

EXAMPLES = int(os.environ.get("YILIAN_FUZZ_EXAMPLES") or sized(50, 150))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["人民医院", "中医院", "中心卫生院", "妇幼保健院", "第一人民医院", "大学附属医院", "卫生健康委员会", "卫健委",
         "专科联盟", "医联体", "紧密型医联体", "医共体", "城市医疗集团", "远程医疗协作网", "牵头", "加入", "成员单位",
         "签约", "签署", "合作协议", "理事长单位", "院长", "主任", "书记", "副主任", "党委书记", "张", "王", "李", "刘",
         "山东省", "德州市", "湖南省", "常德市", "澧县", "区", "县", "市", "省", "心血管", "儿科", "呼吸", "眼科",
         "2024年", "5月", "16日", "年", "月", "日", "今天", "正式", "成立", "举行", "仪式", "会议", "我院", "该院",
         "醫院", "聯盟", "簽約", "yī", "yuàn", "(yī)", "来源：", "发布时间：", "首页 > ", "版权所有", "编辑：", "相关阅读",
         "。", "，", "、", "：", "（", "）", "“", "”", "；", "\n", "\n\n", " ", "\u3000", "\xa0", "1", "2", "20", "家"]
CHINESE = st.lists(st.one_of(st.sampled_from(WORDS), st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)),
                   min_size=1, max_size=300).map("".join)
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5hkscs", "utf-16", "utf-16-le", "utf-16-be"]
_names = count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def _write(folder, data: bytes, suffix: str):
    path = folder / f"f{next(_names)}{suffix}"
    path.write_bytes(data)
    return path


def _extract_or_skip(path):
    """The only acceptable outcomes: a graph, or ReadError naming the file."""
    try:
        graph = extract_file(path)
    except ReadError as e:
        assert str(path) in str(e) and "\n" not in str(e)
        return None
    assert isinstance(graph, DocumentGraph)
    ids = {n.id for n in graph.nodes}
    assert all(e.source in ids and e.target in ids for e in graph.edges)
    return graph


@FUZZ
@given(data=st.binary(max_size=6000), suffix=st.sampled_from([".txt", ".html"]))
def test_random_bytes(folder, data, suffix):
    _extract_or_skip(_write(folder, data, suffix))


@FUZZ
@given(text=st.text(max_size=3000), suffix=st.sampled_from([".txt", ".html"]))
def test_random_unicode_text(folder, text, suffix):
    _extract_or_skip(_write(folder, text.encode("utf-8"), suffix))


@FUZZ
@given(text=CHINESE, encoding=st.sampled_from(ENCODINGS))
def test_chinese_text_in_any_encoding(folder, text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    path = _write(folder, data, ".txt")
    _extract_or_skip(path)
    # Decoding is exact where the encoding says so (a BOM) or the text is long enough to tell.
    cjk = sum("\u4e00" <= c <= "\u9fff" for c in text)
    if text.strip() and (encoding in ("utf-8", "utf-8-sig", "utf-16") or cjk >= 40):
        decoded, _ = decode_bytes(data)
        assert decoded.lstrip("\ufeff") == text.lstrip("\ufeff"), encoding


SKIP_TAGS = ["script", "style", "iframe", "noscript", "template", "svg", "object"]
TEXT_TAGS = ["p", "div", "span", "a", "h1", "h2", "li", "td", "b", "font", "section", "article", "title", "pre"]
MARK = "隐秘标记"


def _html(depth: int = 3, malformed: bool = False):
    """Nested tags around Chinese and other text, with script/style/iframe/… elements holding
    MARK. Well-formed: every '<' in text is escaped, so a hidden element stays hidden, as in a
    browser. Malformed: raw fragments ('<', '<!--', '<?', stray end tags) that may swallow
    what follows, as they do in a browser too; there only "never crash" is checked."""
    fragments = ["&nbsp;", "&amp;", "&#x4e2d;", "&#99999999;", "&bogus;", "</p>", "<br>", "<br/>", "&lt;script&gt;"]
    if malformed:
        fragments += ["<", ">", "<!--", "-->", "<?", "<!", "</", "<![CDATA[", "]]>", "<p", "'", '"', "</script>"]
    text = st.one_of(CHINESE, st.text(max_size=40), st.sampled_from(fragments))
    if not malformed:
        text = text.map(lambda t: t if t in fragments else t.replace("&", "&amp;").replace("<", "&lt;"))
    text = text.map(lambda t: t.replace(MARK, ""))  # hypothesis borrows the test's own constants
    inner = st.text(max_size=20) if malformed else st.text(alphabet=st.characters(blacklist_characters="<&"), max_size=20)
    hidden = st.builds(lambda tag, t: f"<{tag}>{MARK}{t}</{tag}>", st.sampled_from(SKIP_TAGS), inner)
    attrs = st.sampled_from(["", " class='x'", " style='color:red'", " charset='gbk'", ' id="a\'b"', " onload=alert(1)"])
    leaf = st.one_of(text, hidden, st.sampled_from(["<meta charset='utf-8'>", "<meta name='publishdate' content='2024-05-16'>",
                                                    "<img alt='图' src='x.png'>", "<hr>", "<!DOCTYPE html>", "<!-- 注释 -->"]))
    if depth == 0:
        return leaf
    node = st.builds(lambda tag, a, kids: f"<{tag}{a}>{''.join(kids)}</{tag}>",
                     st.sampled_from(TEXT_TAGS), attrs, st.lists(_html(depth - 1, malformed), max_size=4))
    return st.one_of(leaf, node)


def _page(folder, body, close, encoding):
    page = "<html><head><title>公告</title></head><body>" + "".join(body) + ("</body></html>" if close else "")
    return _write(folder, page.encode(encoding, errors="replace"), ".html")


@FUZZ
@given(body=st.lists(_html(), min_size=1, max_size=6), close=st.booleans(), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_random_html_pages(folder, body, close, encoding):
    path = _page(folder, body, close, encoding)
    try:
        doc = read_document(path)
    except ReadError:
        return
    assert MARK not in doc.value  # script, style, iframe … never become text
    _extract_or_skip(path)


@FUZZ
@given(body=st.lists(_html(malformed=True), min_size=1, max_size=6), close=st.booleans(),
       encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_random_malformed_html_pages(folder, body, close, encoding):
    _extract_or_skip(_page(folder, body, close, encoding))


@FUZZ
@given(chunks=st.lists(st.one_of(st.binary(max_size=200), CHINESE.map(lambda t: t.encode("gbk", errors="ignore"))),
                       min_size=1, max_size=8))
def test_batches_of_random_files_never_stop(tmp_path_factory, chunks):
    """extract_paths over a folder of random files: one result per file, in order, each a
    graph or Skipped with a one-line reason."""
    batch = tmp_path_factory.mktemp("batch")
    for i, data in enumerate(chunks):
        (batch / f"{i:02d}.txt").write_bytes(data)
    results = list(extract_paths([batch]))
    assert [r.path.name if isinstance(r, Skipped) else os.path.basename(r.document.path) for r in results] == \
        [f"{i:02d}.txt" for i in range(len(chunks))]
    for r in results:
        if isinstance(r, Skipped):
            assert r.reason and "\n" not in r.reason and not r.reason.startswith("extraction failed"), r.reason


def test_decode_rejects_binary_and_never_raises_anything_else():
    """Every BOM, and bytes of every value, on their own: text or DecodeError."""
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):
        for tail in (b"", b"\x00", b"\xff" * 3, "医院".encode("utf-8")):
            try:
                decode_bytes(bom + tail)
            except DecodeError:
                pass
    for b in range(256):
        try:
            decode_bytes(bytes([b]) * 7)
        except DecodeError:
            pass

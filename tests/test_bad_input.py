"""Bad input: every file either loads correctly or is skipped with a one-line reason naming it;
the batch goes on; the exit status says whether anything was skipped; --strict stops at the
first unreadable file. (Single-encoding detection is in test_decode.py, page boilerplate in
test_read.py; this is about files and batches.) See docs/faults.md."""
import codecs
import json
import os
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from conftest import SEEDS, run_cli
from yilian.loaders import Skipped, extract_file, extract_paths
from yilian.loaders.read import MAX_BYTES, MAX_CHARS, ReadError, read_document

SEED = SEEDS / "002_067bdd6dd9228f8a.txt"


def _traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _pdf() -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256))


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("announcement.txt", SEED.read_text(encoding="utf-8"))


def _page(body_text: str) -> str:
    hidden = "隐藏县人民医院牵头成立隐藏专科联盟"
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>公告</title>"
            f"<style>.x{{content:'{hidden}'}}</style><script>var s = '{hidden}';</script></head><body>"
            f"<noscript>{hidden}</noscript><iframe src='x.html'>{hidden}</iframe><template>{hidden}</template>"
            f"<!-- {hidden} --><svg><text>{hidden}</text></svg>"
            + "".join(f"<p>{line}</p>" for line in body_text.splitlines()) + "</body></html>")


def _lines(stderr: str, prefix: str) -> list[str]:
    return [line.strip() for line in stderr.splitlines() if line.strip().startswith(prefix)]


@pytest.fixture
def mixed_folder(tmp_path):
    """One folder: the same seed in every common encoding, and every kind of bad file."""
    text = SEED.read_text(encoding="utf-8")
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    good = {
        "a_utf8.txt": text.encode("utf-8"),
        "b_utf8_bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
        "c_gbk.txt": text.encode("gbk"),
        "d_gb18030.txt": text.encode("gb18030"),
        "e_big5.txt": _traditional(text).encode("big5hkscs"),
        "f_utf16le_bom.txt": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "g_utf16be_bom.txt": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "h_utf16le.txt": text.encode("utf-16-le"),
        "i_utf16be.txt": text.encode("utf-16-be"),
        "j_scripts.html": _page(text).encode("utf-8"),
        "k_plain_text.htm": text.encode("utf-8"),          # wrong extension: text named .htm
        "l_gbk_html_named.txt": _page(text).replace("charset='utf-8'", "charset='gbk'").encode("gbk"),
        "sub/m_nested.TXT": text.encode("utf-8"),           # suffixes are case-insensitive
    }
    bad = {
        "n_empty.txt": (b"", "empty file"),
        "o_blank.txt": (b" \n\t\r\n  ", "empty file"),
        "p_image.txt": (_png(), "binary content"),
        "q_report.html": (_pdf(), "binary content"),
        "s_no_chinese.html": (b"<html><body><p>Hello, world.</p><script>var a='\xe5\x8c\xbb\xe9\x99\xa2';</script></body></html>",
                              "no Chinese text found"),
        "t_huge.txt": (None, "too large"),
    }
    for name, data in good.items():
        (folder / name).write_bytes(data)
    for name, (data, _) in bad.items():
        if data is not None:
            (folder / name).write_bytes(data)
    _zip(folder / "r_archive.txt")
    bad["r_archive.txt"] = (None, "binary content")
    with (folder / "t_huge.txt").open("wb") as f:  # 50 MB of real text
        chunk = (text * 40).encode("utf-8")
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    (folder / "u_dangling.txt").symlink_to(folder / "gone.txt")
    bad["u_dangling.txt"] = (None, "cannot read (No such file or directory)")
    os.mkfifo(folder / "v_pipe.txt")
    bad["v_pipe.txt"] = (None, "not a regular file (a named pipe)")
    (folder / "w_loop1.txt").symlink_to(folder / "w_loop2.txt")
    (folder / "w_loop2.txt").symlink_to(folder / "w_loop1.txt")
    bad["w_loop1.txt"] = bad["w_loop2.txt"] = (None, "cannot read (Too many levels of symbolic links)")
    (folder / "sub" / "back").symlink_to(folder)  # a folder symlink loop: walked once
    (folder / "x_mem.txt").symlink_to("/proc/self/mem")  # reading it fails with an I/O error
    bad["x_mem.txt"] = (None, "cannot read (Input/output error)")
    (folder / "notes.pdf").write_bytes(_pdf())  # other suffixes in folders are not announcements
    (folder / "data.docx").write_bytes(b"PK\x03\x04")
    return folder, good, bad


def test_a_folder_of_bad_files_skips_each_with_a_reason_and_loads_the_rest(mixed_folder, tmp_path):
    folder, good, bad = mixed_folder
    store = f"file:{tmp_path / 'g.json'}"
    t = time.monotonic()
    proc = run_cli("load", folder, "--store", store, check=False, timeout=120)
    elapsed = time.monotonic() - t
    assert proc.returncode == 1, proc.stderr  # 1: something was skipped, the rest loaded
    assert "Traceback" not in proc.stderr
    skipped = _lines(proc.stderr, "skipped ")
    assert len(skipped) == len(bad), proc.stderr
    for name, (_, reason) in bad.items():
        [line] = [s for s in skipped if s.startswith(f"skipped {folder / name}:")]
        assert reason in line, line
    assert f"read {len(good)} documents, skipped {len(bad)};" in proc.stderr
    assert elapsed < 60, elapsed  # the 50 MB file and the pipe neither hang nor stall the batch
    # Every copy, whatever its encoding, name or markup, is the same document; nothing hidden
    # in scripts, styles or iframes became an entity.
    graph = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert len(graph["documents"]) == 1
    assert {n["name"] for n in graph["nodes"]} == {n.name for n in extract_file(SEED).nodes}


def test_strict_stops_at_the_first_unreadable_file(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_bytes((SEEDS / "001_28fd31287eb74882.txt").read_bytes())
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_bytes(SEED.read_bytes())
    store = f"file:{tmp_path / 'g.json'}"
    proc = run_cli("load", folder, "--strict", "--store", store, check=False)
    assert proc.returncode == 2, proc.stderr
    [error] = _lines(proc.stderr, "error:")
    assert f"--strict: stopped at {folder / 'b.txt'} (empty file)" in error and "the 1 documents before it" in error
    assert len(json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["documents"]) == 1
    # (Without --strict the same folder loads a.txt and c.txt and exits 1, as the test above
    # shows for a bigger folder; with nothing skipped a load exits 0, as every run_cli does.)


def test_gbk_and_big5_copies_of_the_seeds_give_the_same_graph(tmp_path):
    """GBK (GB18030 where a seed has a character GBK lacks) and Traditional Big5-HKSCS copies
    of every seed: the same document, nodes and edges as the UTF-8 original."""
    folders = {name: tmp_path / name for name in ("utf8", "gbk", "big5")}
    for f in folders.values():
        f.mkdir()
    big5 = []
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        (folders["utf8"] / seed.name).write_bytes(text.encode("utf-8"))
        try:
            data = text.encode("gbk")
        except UnicodeEncodeError:
            data = text.encode("gb18030")
        (folders["gbk"] / seed.name).write_bytes(data)
        try:
            (folders["big5"] / seed.name).write_bytes(_traditional(text).encode("big5hkscs"))
            big5.append(seed.name)
        except UnicodeEncodeError:
            pass  # a character Big5 cannot hold (pinyin tone marks, 爲): no faithful Big5 copy
    assert len(big5) >= 3
    (folders["gbk"] / "zz_empty.txt").write_bytes(b"")
    proc = run_cli("extract", *folders.values(), "--format", "jsonl", check=False)
    assert proc.returncode == 1 and "zz_empty.txt: empty file" in proc.stderr  # extract exits 1 on a skip
    docs = {}
    for line in proc.stdout.splitlines():
        d = json.loads(line)
        path = Path(d["document"].pop("path"))
        docs[(path.parent.name, path.name)] = d
    assert len(docs) == 5 + 5 + len(big5)
    for seed in sorted(SEEDS.glob("*.txt")):
        original = docs[("utf8", seed.name)]
        assert original["nodes"] and original["edges"]
        assert docs[("gbk", seed.name)] == original, seed.name
        if seed.name in big5:
            assert docs[("big5", seed.name)] == original, seed.name


def test_a_file_that_disappears_mid_batch_is_skipped_and_the_batch_goes_on(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(SEED.read_text(encoding="utf-8") + f"\n（{name}）", encoding="utf-8")
    items = extract_paths([tmp_path])
    first = next(items)  # the folder was listed before this
    (tmp_path / "b.txt").unlink()
    (tmp_path / "c.txt").unlink()
    (tmp_path / "c.txt").mkdir()  # and something else took a name
    rest = list(items)
    assert not isinstance(first, Skipped)
    assert [(type(r).__name__, getattr(r, "reason", None)) for r in rest] == [
        ("Skipped", "cannot read (No such file or directory)"), ("Skipped", "not a regular file (a folder)")]
    assert [r.path.name for r in rest] == ["b.txt", "c.txt"]


def test_huge_files_are_refused_before_they_are_read(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        while f.tell() < 50 * 1024 * 1024:
            f.write((text * 50).encode("utf-8"))
    long = tmp_path / "long.txt"  # under the byte limit, over the text limit
    long.write_text("\n".join(text.replace("。", f"。{i}", 1) for i in range(MAX_CHARS // len(text) + 20)), encoding="utf-8")
    assert long.stat().st_size < MAX_BYTES
    tracemalloc.start()
    try:
        t = time.monotonic()
        with pytest.raises(ReadError, match=r"too large \(50\.\d MB > 20\.0 MB; split it\)") as e:
            read_document(huge)
        assert str(huge) in str(e.value)
        _, peak = tracemalloc.get_traced_memory()
        assert peak < 1024 * 1024 and time.monotonic() - t < 1  # not read at all
        tracemalloc.reset_peak()
        t = time.monotonic()
        with pytest.raises(ReadError, match=r"too long \([\d,]+ characters of text > 300,000; split it\)"):
            read_document(long)
        _, peak = tracemalloc.get_traced_memory()
        assert peak < 20 * long.stat().st_size and time.monotonic() - t < 5  # refused before extraction
    finally:
        tracemalloc.stop()


def test_html_scripts_styles_iframes_and_comments_are_not_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(_page(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    doc = read_document(page)
    assert "隐藏" not in doc.value and "var s" not in doc.value and "content:" not in doc.value
    graph = extract_file(page)
    plain = extract_file(SEED)
    assert {n.name for n in graph.nodes} == {n.name for n in plain.nodes}


def test_a_file_named_explicitly_is_read_by_its_content_whatever_its_name(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "announcement.dat").write_text(text, encoding="utf-8")
    (tmp_path / "page.txt").write_text(_page(text).replace("<title>公告</title>", "<title>页面标题 - 某网站</title>"),
                                       encoding="utf-8")
    # In a folder only *.txt/*.html/*.htm count; named explicitly, any file is read.
    assert [d.document.path for d in extract_paths([tmp_path])] == [str(tmp_path / "page.txt")]
    dat = extract_file(tmp_path / "announcement.dat")
    assert {n.name for n in dat.nodes} == {n.name for n in extract_file(SEED).nodes}
    assert read_document(tmp_path / "page.txt").title == "页面标题"  # parsed as HTML: the <title>


def test_damaged_bytes_keep_the_rest_of_the_text(tmp_path):
    """A download cut off mid-character, or a stray byte, in UTF-8 or GBK: the document still
    reads in its own encoding, not as mojibake, and gives the same entities."""
    raw = SEED.read_bytes().rstrip()
    text = raw.decode("utf-8")
    expected = {n.name for n in extract_file(SEED).nodes}
    cases = {
        "cut_utf8.txt": raw[:-1],
        "stray_utf8.txt": raw[:301] + b"\xff" + raw[301:],
        "cut_gbk.txt": text.encode("gbk")[:-1],
        "stray_gbk.txt": text.encode("gbk")[:201] + b"\xff" + text.encode("gbk")[201:],
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert {n.name for n in extract_file(tmp_path / name).nodes} == expected, name


def test_utf16_without_bom_and_only_a_few_ascii_characters():
    """Chinese in UTF-16 without a byte order mark has NULs only from its few ASCII characters
    (and from characters like 一, U+4E00): it must not pass for binary data."""
    from yilian.loaders.decode import decode_bytes

    text = "市人民医院牵头组建的心血管专科联盟一今天举行签约仪式，二十家医院正式加入。" * 3 + "\n2024年5月\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode_bytes(text.encode(encoding))[0] == text
        assert decode_bytes(("一" + text).encode(encoding))[0] == "一" + text


def test_unfinished_markup_at_the_end_of_a_page_is_not_text(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    for tail in ("<!-- <script>隐藏医院牵头成立隐藏联盟</script>", "<div title='隐藏医院牵头成立隐藏联盟", "<![CDATA[隐藏医院"):
        page = tmp_path / "page.html"
        page.write_text(f"<html><body><p>{text}</p>{tail}", encoding="utf-8")
        assert "隐藏" not in read_document(page).value, tail


def test_a_page_declaring_a_codec_that_is_no_charset_is_still_read(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    for codec in ("unicode_escape", "undefined", "idna", "punycode", "rot13", "zlib", "no-such-codec"):
        page = tmp_path / f"{codec}.html"
        page.write_bytes(f"<html><head><meta charset=\"{codec}\"></head><body><p>{text}</p>\\x</body></html>".encode("gbk"))
        assert "山东大学第二医院" in read_document(page).value, codec

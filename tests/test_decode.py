import codecs

import pytest

from yilian.loaders.decode import DecodeError, decode_bytes

TEXT = "市人民医院牵头组建的心血管专科联盟今天在会议中心举行签约仪式，二十家医院正式加入。"
TRAD = "市人民醫院牽頭組建的心血管專科聯盟今天在會議中心舉行簽約儀式，二十家醫院正式加入。"


@pytest.mark.parametrize("encoding,text", [
    ("utf-8", TEXT), ("gbk", TEXT), ("gb18030", TEXT), ("big5", TRAD), ("utf-8", TRAD),
])
def test_detects_encoding(encoding, text):
    decoded, _ = decode_bytes(text.encode(encoding))
    assert decoded == text


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8")])
def test_bom(bom, codec):
    decoded, _ = decode_bytes(bom + TEXT.encode(codec))
    assert decoded.lstrip("\ufeff") == TEXT


def test_utf16_without_bom():
    decoded, enc = decode_bytes(TEXT.encode("utf-16-le"))
    assert decoded == TEXT and enc.replace("_", "-") == "utf-16-le"


@pytest.mark.parametrize("data,why", [(b"", "empty"), (b"   \n", "empty"), (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
                                      (b"%PDF-1.7\n" + bytes(range(256)), "binary")])
def test_rejects(data, why):
    with pytest.raises(DecodeError, match=why):
        decode_bytes(data)

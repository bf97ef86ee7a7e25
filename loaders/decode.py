"""Bytes to text: detect the encoding of an announcement instead of assuming it."""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters frequent in Simplified and Traditional news text; a wrong CJK codec produces
# rare characters instead, so this set tells GB18030 from Big5.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞医联盟卫健签牵头"
    "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經十三之進著等部度家電力裏如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處隊南給色光門即保治北造百規熱領七海口東導器壓志世金增爭濟階油思術極交受聯什認六共權收證改清己美再採轉更單風切打白教速花帶安場身車例真務具萬每目至達走積示議聲報鬥完類八離華名確才科張信馬節話米整空元況今集溫傳土許步群廣石記需段研界拉林律叫且究觀越織裝影算低持音眾書布復容兒須際商非驗連斷深難近礦千週委素技備半辦青省列習響約支般史感勞便團往酸歷市克何除消構府稱太準精值號率族維劃選標寫存候毛親快效斯院查江型眼王按格養易置派層片始卻專狀育廠京識適屬圓包火住調滿縣局照參紅細引聽該鐵價嚴龍飛醫盟衛健簽牽"
)


class DecodeError(ValueError):
    pass


def _score(text: str) -> float:
    cjk = _CJK.findall(text)
    if not cjk:
        return 0.0
    return sum(c in _COMMON for c in cjk) / len(cjk)


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff")):
        return True
    # NULs outside UTF-16/32 text mean a binary file.
    return b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS) and not _utf16_without_bom(head)


def _plausible_text(text: str) -> bool:
    """Mostly printable characters: what decoding real text gives, unlike decoding binary data."""
    if not text:
        return False
    bad = sum(1 for c in text if c == "\ufffd" or (not c.isprintable() and c not in "\n\r\t\f\v"))
    return bad <= len(text) * 0.02


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a byte order mark. NULs come from ASCII (digits, spaces, line breaks: NUL
    in the high byte) and from characters like U+4E00 (NUL in the low byte). Many more NULs on
    one side decide the byte order; Chinese with only a few ASCII characters has few NULs, so
    then the decoding that reads as common Chinese wins. Either way the result must read as
    text: decoding binary data gives unprintable characters."""
    if len(head) < 4 or 0 not in head:
        return None
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if abs(odd - even) >= 4 and max(odd, even) >= 2 * min(odd, even):
        order = ["utf-16-le" if odd > even else "utf-16-be"]
    else:
        order = ["utf-16-le", "utf-16-be"]
    best: tuple[float, str] | None = None
    for enc in order:
        text = head.decode(enc, errors="replace").rstrip("\ufffd")
        if _plausible_text(text) and (best is None or _score(text) > best[0]):
            best = (_score(text), enc)
    return best[1] if best else None


# Codecs Python knows that are no page character set: a page declaring one is not believed.
_NOT_A_CHARSET = {"undefined", "unicode_escape", "raw_unicode_escape", "punycode", "idna", "utf-7", "mbcs", "oem"}


def _page_charset(name: str) -> bool:
    try:
        return codecs.lookup(name).name.replace("-", "_") not in _NOT_A_CHARSET
    except LookupError:
        return False


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises DecodeError for binary or undecodable data."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    if looks_binary(data):
        raise DecodeError("binary content (not text or HTML)")
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    declared = _META_CHARSET.search(data[:4096])
    names = ["gb18030", "big5hkscs", "utf-8"]
    if declared and _page_charset(declared.group(1).decode("ascii")):
        names.insert(0, declared.group(1).decode("ascii").lower())
    for name in names:
        bonus = 0.05 if declared and name == names[0] else 0
        try:
            text = data.decode(name)
        except LookupError:
            continue
        except ValueError:  # UnicodeError; odd declared codecs raise other ValueErrors
            # A few damaged bytes (a download cut off mid-character, a stray byte) keep the
            # rest of the text; decoding the wrong encoding damages nearly every character.
            try:
                text = data.decode(name, errors="replace")
            except (ValueError, LookupError):
                continue
            if text.count("\ufffd") > max(8, len(text) // 200) or not _plausible_text(text.replace("\ufffd", "")):
                continue  # (one damaged spot gives up to 4 replacement characters)
            bonus -= 0.01
        candidates.append((_score(text) + bonus, name, text))
    if candidates:
        _, name, text = max(candidates, key=lambda c: c[0])
        return text, "gb18030" if name in ("gbk", "gb2312") else name
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("cannot detect the text encoding")
    return str(best), best.encoding

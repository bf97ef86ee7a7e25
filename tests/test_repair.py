import opencc

from yilian.loaders.repair import damage, normalize, repair_mojibake, strip_pinyin
from yilian.loaders.text import Text


def test_strips_pinyin_annotations():
    raw = "安順市人民醫(yī)院與鎮(zhèn)衛(wèi)生院簽約"
    assert strip_pinyin(Text.of(raw)).value == "安順市人民醫院與鎮衛生院簽約"


def test_strips_damaged_pinyin_annotation():
    assert strip_pinyin(Text.of("骨科?lián)盟")).value == "骨科?盟"


def test_repairs_simulated_mojibake_of_lexicon_terms():
    # Damage our own sentence the way real pages were damaged, then repair it.
    s2t = opencc.OpenCC("s2t")
    original = "县人民医院牵头的眼科专科联盟成立，五家专科医院加入。"
    trad = s2t.convert(original).replace("聯", "聯(lián)").replace("醫", "醫(yī)")
    damaged = damage(trad)
    assert "?" in damaged
    assert normalize(damaged).value.count("专科联盟") == 1
    assert "专科医院" in normalize(damaged).value


def test_traditional_to_simplified_and_variants():
    assert normalize("陜西省婦幼保健院標志著兩院合作").value == "陕西省妇幼保健院标志着两院合作"


def test_offsets_point_back_into_the_original():
    raw = "貴州省人民醫(yī)院牽頭"
    text = normalize(raw)
    assert text.value == "贵州省人民医院牵头"
    start = text.value.index("医院")
    s, e = text.original_span(start, start + 2)
    assert raw[s:e].startswith("醫") and raw[s:e].endswith("院")


def test_no_question_marks_means_no_change():
    t = Text.of("普通文本，没有损坏。")
    assert repair_mojibake(t) is t

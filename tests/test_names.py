"""The institution-name stage on sentences written for these tests (invented places)."""
from test_extract_units import extract


def hospitals(names):
    return {n for label, n in names if label == "Hospital"}


def test_type_words_stay_in_names(tmp_path):
    _, names, _, _ = extract(tmp_path, "代表团来到甘泉省青石中西医结合医院交流，又走访攸县妇幼保健院。")
    assert "甘泉省青石中西医结合医院" in hospitals(names) or "青石中西医结合医院" in hospitals(names)


def test_descriptions_are_not_names(tmp_path):
    _, names, _, _ = extract(tmp_path,
        "湖南三甲医院专家赴区内10家县级医院义诊，当地医院和46家技术协作医院参加。"
        "岳阳两家卫生院也派人参会，推动落实公立医院改革，充分发挥市人民医院作用。")
    found = hospitals(names)
    assert not any(w in n for n in found for w in ("三甲", "10家", "当地", "46家", "两家", "落实", "发挥"))


def test_direction_word_after_region_is_part_of_name(tmp_path):
    _, names, _, _ = extract(tmp_path, "云南东部中心医院与会泽县人民医院签约。")
    assert "云南东部中心医院" in hospitals(names)


def test_school_word_before_university_is_kept(tmp_path):
    _, names, _, _ = extract(tmp_path, "北方医科大学松江医院专家到场。")
    assert "北方医科大学松江医院" in hospitals(names)


def test_two_names_in_a_row_are_split(tmp_path):
    _, names, _, _ = extract(tmp_path, "攸县位于甘泉省。甘泉医科大学附属第二医院区人民医院共同签订协议。")
    assert "甘泉医科大学附属第二医院" in hospitals(names)
    assert not any(n.startswith("甘泉医科大学附属第二医院") and n.endswith("区人民医院") for n in hospitals(names))


def test_shared_suffix_enumeration(tmp_path):
    _, names, _, _ = extract(tmp_path, "专家一行前往宁乡县花明镇、坝塘镇两家卫生院开展义诊。")
    found = hospitals(names)
    assert "宁乡县花明镇卫生院" in found and "宁乡县坝塘镇卫生院" in found
    assert not any("两家" in n for n in found)


def test_enumeration_without_count(tmp_path):
    _, names, _, _ = extract(tmp_path, "加入医共体的有石门镇、桃源乡和梅岭镇卫生院。")
    found = hospitals(names)
    assert {"石门镇卫生院", "桃源乡卫生院", "梅岭镇卫生院"} <= found


def orgs(names):
    return {n for label, n in names if label == "Organization"}


def test_older_and_party_organization_forms(tmp_path):
    _, names, _, _ = extract(tmp_path,
        "攸县人民医院举行签约仪式。攸县卫计局局长陈某出席，县委书记刘某、县政协主席周某、"
        "县人大常委会主任吴某、县政府县长郑某到场，湖南省中医药管理局和攸县卫生计生局派员参加。")
    found = orgs(names)
    assert "攸县卫生和计划生育局" in found
    assert "中共攸县委员会" in found
    assert "中国人民政治协商会议攸县委员会" in found
    assert "攸县人民代表大会常务委员会" in found
    assert "攸县人民政府" in found


def test_region_from_footer_completes_relative_forms(tmp_path):
    _, names, _, _ = extract(tmp_path,
        "区人民医院召开医联体推进会，区卫健委主任李某出席。\n版权所有：长沙市望城区人民政府")
    assert "长沙市望城区卫生健康委员会" in orgs(names) or "望城区卫生健康委员会" in orgs(names)


def test_bare_county_hospital_only_stands_for_a_named_one(tmp_path):
    _, names, _, _ = extract(tmp_path, "宁乡县人民医院召开会议。县医院专家随后下乡义诊。")
    assert hospitals(names) == {"宁乡县人民医院"}


def test_zhongyiyuan_short_form_is_the_same_hospital(tmp_path):
    _, names, _, _ = extract(tmp_path, "岳阳市中医医院举行仪式。市中医院院长王某致辞，岳阳市中医院专家义诊。")
    assert hospitals(names) == {"岳阳市中医医院"}


def _holds(tmp_path, text):
    from test_extract_units import extract
    g, names, edges, _ = extract(tmp_path, text)
    return names, {(a, b) for t, a, b in edges if t == "HOLDS"}


def test_government_titles_name_their_region_government(tmp_path):
    names, holds = _holds(tmp_path,
        "5月3日，隆回县人民医院与湖南省人民医院签署医联体协议。政府副县长李建国出席仪式。")
    assert ("李建国", "隆回县人民政府") in holds
    names, holds = _holds(tmp_path, "5月3日，隆回县人民医院与湖南省人民医院签署医联体协议。洞口县副县长王明华出席。")
    assert ("王明华", "洞口县人民政府") in holds


def test_name_title_list_shares_the_first_place(tmp_path):
    names, holds = _holds(tmp_path,
        "3月8日，湖南省人民医院妇科主任杨建军教授、林志明教授一行到隆回县人民医院举行签约仪式，院长赵光明主持。")
    assert ("林志明", "湖南省人民医院") in holds


def test_conjunction_before_a_name_is_not_a_surname(tmp_path):
    names, holds = _holds(tmp_path, "湖南省人民医院妇科主任陈立新教授和杨志强主任出席。")
    assert ("Person", "杨志强") in names and ("Person", "和杨志强") not in names


def test_a_name_in_parts_joined_by_a_middle_dot(tmp_path):
    names, holds = _holds(tmp_path, "新疆维吾尔自治区卫生健康委员会副主任艾力·吐尔逊出席。")
    assert ("Person", "艾力·吐尔逊") in names and ("Person", "艾力") not in names
    assert ("艾力·吐尔逊", "新疆维吾尔自治区卫生健康委员会") in holds
    names, holds = _holds(tmp_path, "仪式上，喀什地区第一人民医院帕提古丽·买买提院长致辞。")
    assert ("帕提古丽·买买提", "喀什地区第一人民医院") in holds


def test_a_department_title_after_a_titled_list_keeps_its_hospital(tmp_path):
    names, holds = _holds(tmp_path,
        "湘楚医科大学附属医院妇科主任杨立新教授、林志明教授，重症医学科主任陈东海教授一行到桃源县中医院签约。")
    assert ("陈东海", "湘楚医科大学附属医院") in holds and ("陈东海", "桃源县中医院") not in holds


def test_autonomous_region_relative_forms_take_the_pages_region(tmp_path):
    names, holds = _holds(tmp_path,
        "宁夏回族自治区银川市第一人民医院与自治区中医医院签约。自治区红十字会会长杨海出席。")
    assert ("Hospital", "宁夏回族自治区中医医院") in names
    assert ("杨海", "宁夏回族自治区红十字会") in holds


def test_a_name_title_list_with_untitled_names_shares_its_place(tmp_path):
    names, holds = _holds(tmp_path, "湘楚医科大学附属医院赵明远院长、钱晓燕、孙立新副院长等一行来到桃源县中医院，王建国院长陪同。")
    assert {("赵明远", "湘楚医科大学附属医院"), ("钱晓燕", "湘楚医科大学附属医院"), ("孙立新", "湘楚医科大学附属医院")} <= holds
    assert ("孙立新", "桃源县中医院") not in holds


def test_an_institution_before_a_verb_is_not_the_persons(tmp_path):
    names, holds = _holds(tmp_path, "仪式上，甘泉康宁医院代表接受湘楚医科大学附属医院党委书记李国强赠送的牌匾。")
    assert ("李国强", "湘楚医科大学附属医院") in holds and ("李国强", "甘泉康宁医院") not in holds


def test_a_standing_committee_post_chains_with_the_next(tmp_path):
    names, holds = _holds(tmp_path, "会上，常德市委常委、副市长刘国庆讲话。")
    assert ("刘国庆", "中共常德市委员会") in holds and ("刘国庆", "常德市人民政府") in holds


def test_a_part_of_a_region_with_a_grade_describes(tmp_path):
    _, names, _, _ = extract(tmp_path, "填补了常德西部地区三甲综合医院的空白。湘西东部中心医院也派员参加。")
    assert not any("三甲" in n for n in hospitals(names))
    assert "湘西东部中心医院" in hospitals(names)

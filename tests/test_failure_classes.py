"""One invented announcement per class of ../shared/eval/failure-classes.md (the reasons
extraction failed on unseen pages at commit 3263b54), asserting the facts it should give.
Every sentence, hospital and person here is made up; only the regions are real."""
import pytest

from test_extract_units import extract


def _names(names, label):
    return {n for lab, n in names if lab == label}


def _alliances(g):
    return [n for n in g["nodes"] if n["label"] == "Alliance"]


def _signs(edges):
    return {frozenset((a, b)) for t, a, b in edges if t == "SIGNS"}


def test_01_name_boundaries(tmp_path):
    _, names, _, _ = extract(tmp_path, "宁乡市中西医结合医院、长沙经济开发区医院和星沙儿童医院的院长出席了会议。")
    hospitals = _names(names, "Hospital")
    assert {"宁乡市中西医结合医院", "长沙经济开发区医院"} <= hospitals
    assert not any("和" in h or h == "济开发区医院" for h in hospitals)


def test_02_agreement_frame(tmp_path):
    g, _, edges, _ = extract(tmp_path, "4月2日，浏阳市人民医院与潇湘医科大学附属医院在浏阳签署了共建医联体的合作协议。")
    [a] = _alliances(g)
    assert ("LEADS", "潇湘医科大学附属医院", a["name"]) in edges and ("JOINS", "浏阳市人民医院", a["name"]) in edges
    assert _signs(edges) == {frozenset(("浏阳市人民医院", "潇湘医科大学附属医院"))}


def test_02_agreement_frame_with_a_list(tmp_path):
    _, _, edges, _ = extract(tmp_path, "株洲市中心医院分别同龙船镇卫生院、白关镇卫生院和云田镇卫生院签署医联体协议。")
    assert _signs(edges) == {frozenset(("株洲市中心医院", h)) for h in ("龙船镇卫生院", "白关镇卫生院", "云田镇卫生院")}


def test_03_specialty_with_a_brand_in_brackets(tmp_path):
    g, _, edges, _ = extract(tmp_path, "怀化市中医医院牵头的中医康复（火疗）联盟在芷江成立，芷江县中医医院等8家单位加入联盟。")
    [a] = _alliances(g)
    assert a["kind"] == "专科联盟" and a["specialty"] == "中医康复"
    assert ("LEADS", "怀化市中医医院", a["name"]) in edges


def test_04_enumeration_with_a_shared_suffix(tmp_path):
    g, names, edges, _ = extract(tmp_path, "加入醴陵市中医院医共体的有王仙镇、浦口镇和孙家湾镇三家卫生院。")
    assert {"王仙镇卫生院", "浦口镇卫生院", "孙家湾镇卫生院"} <= _names(names, "Hospital")
    [a] = _alliances(g)
    assert {m for t, m, x in edges if t == "JOINS"} >= {"浦口镇卫生院", "孙家湾镇卫生院"}


def test_05_alliance_coreference(tmp_path):
    g, _, edges, _ = extract(tmp_path, "“湘中口腔专科联盟”正式成立。会上，娄底市口腔医院被推举为联盟的理事长单位。")
    [a] = _alliances(g)
    assert ("LEADS", "娄底市口腔医院", a["name"]) in edges


def test_06_person_after_a_department(tmp_path):
    _, _, edges, _ = extract(tmp_path, "邵东市人民医院心内科王建国主任作学术报告。出席活动的还有邵阳市卫生和计划生育委员会医政科科长李明华。")
    assert ("HOLDS", "王建国", "邵东市人民医院") in edges
    assert ("HOLDS", "李明华", "邵阳市卫生和计划生育委员会") in edges


def test_06_given_name_with_a_follower_character(tmp_path):
    _, names, _, _ = extract(tmp_path, "邵阳市第二人民医院副院长赵小来出席。")
    assert "赵小来" in _names(names, "Person")


def test_07_bare_relative_forms(tmp_path):
    _, names, edges, _ = extract(tmp_path, "湘潭县人民医院举行签约仪式。市卫健委主任张立新、县卫健局局长李志强出席。")
    assert {"湘潭市卫生健康委员会", "湘潭县卫生健康局"} <= _names(names, "Organization")
    assert ("HOLDS", "李志强", "湘潭县卫生健康局") in edges


def test_08_organization_types(tmp_path):
    _, names, _, _ = extract(tmp_path, "韶山市卫生计生局局长陈立平、韶山市清溪镇党委书记刘洪波出席。")
    orgs = _names(names, "Organization")
    assert any(o.startswith("韶山市卫生") for o in orgs)
    assert any("清溪镇" in o for o in orgs)


def test_09_publisher_is_not_the_partner(tmp_path):
    g, _, _, by_id = extract(tmp_path, "攸县人民医院与我院签署医联体协议，攸县人民医院院长、我院院长出席。攸县人民医院将派医生来进修。\n"
                                       "版权所有 潇湘医科大学附属医院")
    assert by_id[g["document"]["publisher"]]["name"] == "潇湘医科大学附属医院"


def test_10_known_abbreviation_never_written_in_full(tmp_path):
    g, names, _, _ = extract(tmp_path, "苏大附一院副院长张立出席签约仪式。")
    assert "张立" in _names(names, "Person")
    hospital = next(n for n in g["nodes"] if n["label"] == "Hospital")
    assert hospital["name"] == "苏州大学附属第一医院" and "苏大附一院" in hospital["aliases"]


def test_11_numbered_short_form_links_to_the_full_name(tmp_path):
    _, names, edges, _ = extract(tmp_path, "宁乡市第二人民医院举行活动，市二医院院长刘国华致辞。")
    assert _names(names, "Hospital") == {"宁乡市第二人民医院"}
    assert ("HOLDS", "刘国华", "宁乡市第二人民医院") in edges


def test_12_town_institution_inherits_the_county(tmp_path):
    _, _, edges, _ = extract(tmp_path, "衡东县中医医院医共体成员杨桥镇中心卫生院加入。")
    assert ("LOCATED_IN", "杨桥镇中心卫生院", "衡东县") in edges


def test_13_descriptions_are_no_names(tmp_path):
    _, names, _, _ = extract(tmp_path, "辖区十余所医院、上述两家医院参加，属地政府给予支持。益阳市基层医院也参加。")
    assert not _names(names, "Hospital") and not _names(names, "Organization")


def test_14_no_signs_with_a_government_or_a_venue(tmp_path):
    _, _, edges, _ = extract(tmp_path, "汨罗市人民政府与岳阳市中心医院的合作签约活动在白水镇卫生院会议室进行。")
    assert not _signs(edges)


def test_15_government_title_holds_a_post_in_the_government(tmp_path):
    _, _, edges, _ = extract(tmp_path, "浏阳市副市长王立军和长沙市卫健委副主任李红出席。")
    assert ("HOLDS", "王立军", "浏阳市人民政府") in edges
    assert ("HOLDS", "李红", "长沙市卫生健康委员会") in edges


def test_16_county_named_only_by_its_short_form(tmp_path):
    _, names, _, _ = extract(tmp_path, "（茶陵融媒）近日，县人民医院召开医联体工作推进会，县卫健委主任赵立新参加。")
    assert "茶陵县人民医院" in _names(names, "Hospital")


def test_17_remote_care_platform_is_an_alliance(tmp_path):
    g, _, edges, _ = extract(tmp_path, "岳阳市人民医院牵头建设的远程会诊协作平台覆盖18家乡镇卫生院。")
    [a] = _alliances(g)
    assert a["kind"] == "远程医疗协作网" and ("LEADS", "岳阳市人民医院", a["name"]) in edges


def test_18_day_only_founding_date(tmp_path):
    g, _, _, _ = extract(tmp_path, "发布时间：2024-05-20\n潇湘医科大学附属医院医联体于本月3日正式成立。")
    [a] = _alliances(g)
    assert a["founded"] == "2024-05-03"


def test_19_unknown_organization_is_not_the_publisher(tmp_path):
    _, _, edges, _ = extract(tmp_path, "我院举行义诊活动。市政府副市长张立新出席。\n版权所有 冷水江市人民医院")
    assert ("HOLDS", "张立新", "冷水江市人民医院") not in edges


def test_20_region_from_the_hospital_not_its_parent_university(tmp_path):
    _, _, edges, _ = extract(tmp_path, "湖南大学附属岳阳医院举行活动。")
    located = {r for t, h, r in edges if t == "LOCATED_IN" and h == "湖南大学附属岳阳医院"}
    assert located == {"岳阳市"}


def test_21_party_named_only_by_its_county(tmp_path):
    g, _, edges, _ = extract(tmp_path, "潇湘医科大学附属医院与平江县签署医联体协议。")
    assert ("LEADS", "潇湘医科大学附属医院", _alliances(g)[0]["name"]) in edges


@pytest.mark.xfail(reason="class 21, debatable gold: the county is no hospital, and SIGNS joins two hospitals "
                          "(CONTRACT.md); a pair would need a party the text never names (its 人民政府? its 人民医院?)",
                   strict=True)
def test_21_signs_with_a_party_named_only_by_its_county(tmp_path):
    _, _, edges, _ = extract(tmp_path, "潇湘医科大学附属医院与平江县签署医联体协议。")
    assert _signs(edges)

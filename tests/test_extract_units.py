"""Extraction components on sentences written for these tests."""
from pathlib import Path

from yilian.loaders.pipeline import extract_file


def extract(tmp_path: Path, text: str, name: str = "doc.txt"):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    g = extract_file(f).to_json()
    by_id = {n["id"]: n for n in g["nodes"]}
    names = {(n["label"], n["name"]) for n in g["nodes"]}
    edges = {(e["type"], by_id[e["source"]]["name"], by_id[e["target"]]["name"]) for e in g["edges"]}
    return g, names, edges, by_id


def test_county_consortium_with_branches(tmp_path):
    g, names, edges, _ = extract(tmp_path, "发布时间：2024-03-02\n"
        "3月1日，望城区人民医院牵头的县域医共体正式成立，长沙市望城区乔口镇卫生院、长沙市望城区靖港镇卫生院加入医共体，成为成员单位。\n"
        "望城区卫生健康局局长周海涛出席。")
    assert ("Hospital", "长沙市望城区乔口镇卫生院") in names
    assert ("Organization", "望城区卫生健康局") in names
    alliance = next(n for n in g["nodes"] if n["label"] == "Alliance")
    assert alliance["kind"] == "医共体" and alliance["founded"] == "2024-03-01"
    assert ("LEADS", "望城区人民医院", alliance["name"]) in edges
    assert ("JOINS", "长沙市望城区靖港镇卫生院", alliance["name"]) in edges
    assert ("HOLDS", "周海涛", "望城区卫生健康局") in edges


def test_people_title_chains_and_two_posts(tmp_path):
    _, names, edges, _ = extract(tmp_path,
        "会议由我院党委副书记、纪委书记欧阳明辉主持。株洲市卫生健康委员会副主任李文斌，"
        "株洲市中心医院院长、株洲市医学会会长谭志刚出席。\n版权所有 株洲市人民医院")
    assert ("HOLDS", "欧阳明辉", "株洲市人民医院") in edges
    assert ("HOLDS", "李文斌", "株洲市卫生健康委员会") in edges
    assert ("HOLDS", "谭志刚", "株洲市中心医院") in edges and ("HOLDS", "谭志刚", "株洲市医学会") in edges


def test_short_forms_resolve_to_full_names(tmp_path):
    g, names, _, _ = extract(tmp_path,
        "洛阳市妇幼保健院与河南科技大学第一附属医院签署协议。河科大一附院专家将定期到市妇幼保健院坐诊，市卫健委全程指导。"
        "洛阳市卫生健康委员会表示支持。")
    hospitals = {n for label, n in names if label == "Hospital"}
    assert hospitals == {"洛阳市妇幼保健院", "河南科技大学第一附属医院"}
    assert ("Organization", "洛阳市卫生健康委员会") in names
    node = next(n for n in g["nodes"] if n["name"] == "河南科技大学第一附属医院")
    assert "河科大一附院" in node["aliases"]


def test_signing_date_takes_publication_year(tmp_path):
    g, _, _, _ = extract(tmp_path, "发布日期：2021-05-20\n5月18日上午，曲靖市第一人民医院与会泽县人民医院签约，建立紧密型医联体。")
    signs = [e for e in g["edges"] if e["type"] == "SIGNS"]
    assert len(signs) == 1 and signs[0]["date"] == "2021-05-18"
    alliance = next(n for n in g["nodes"] if n["label"] == "Alliance")
    assert alliance["kind"] == "紧密型医联体"


def test_no_alliance_in_an_ordinary_news_item(tmp_path):
    g, names, _, _ = extract(tmp_path, "9月9日，宜宾市第二人民医院在社区开展义诊活动，院长胡建国带队，为居民测量血压。")
    assert not [n for n in g["nodes"] if n["label"] == "Alliance"]
    assert ("Hospital", "宜宾市第二人民医院") in names


def test_generic_institution_words_are_not_names(tmp_path):
    _, names, _, _ = extract(tmp_path, "上级医院专家下沉到基层医院，三级医院与县级公立医院结对帮扶。")
    assert not {n for label, n in names if label == "Hospital"}


def test_specialty_list_makes_one_alliance_each(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "柳州市人民医院为联盟主委单位的“眼科专科联盟”“麻醉专科联盟”揭牌，融安县人民医院正式加入上述专科联盟。")
    alliances = [n for n in g["nodes"] if n["label"] == "Alliance"]
    assert sorted(a["specialty"] for a in alliances) == ["眼科", "麻醉"]
    for a in alliances:
        assert ("LEADS", "柳州市人民医院", a["name"]) in edges
        assert ("JOINS", "融安县人民医院", a["name"]) in edges


def _publisher(g):
    by_id = {n["id"]: n for n in g["nodes"]}
    pid = g["document"]["publisher"]
    return by_id[pid]["name"] if pid else None


def test_publisher_is_not_the_other_party_of_a_clause_about_us(tmp_path):
    g, *_ = extract(tmp_path,
        "东川大学附属医院协作医院在我院挂牌\n4月2日，东川大学附属医院与我院建立协作医院揭牌仪式在门诊楼前举行。"
        "东川大学附属医院副院长王建国出席。青石县第二人民医院院长李明主持仪式。")
    assert _publisher(g) == "青石县第二人民医院"


def test_masthead_names_the_publisher(tmp_path):
    g, *_ = extract(tmp_path,
        "您的位置: 青石县民族医院新闻中心院内新闻\n东川大学附属医院与青石县民族医院结为专科联盟\n"
        "3月8日，东川大学附属医院专家一行到青石县民族医院举行签约仪式，带动我院学科发展。")
    assert _publisher(g) == "青石县民族医院"


def test_government_portal_and_news_outlet_have_no_publisher(tmp_path):
    g, *_ = extract(tmp_path, "两院共建医联体\n5月3日，青石县人民医院与东川市人民医院签约。\n来源:青石县人民政府\n", "a.txt")
    assert _publisher(g) is None
    g, *_ = extract(tmp_path,
        "东川网讯 5月3日，青石县第二人民医院分院揭牌仪式在青石镇卫生院举行。青石镇卫生院将依托我院的技术优势发展。", "b.txt")
    assert _publisher(g) is None


def test_short_form_in_title_joins_the_full_name_given_later(tmp_path):
    g, names, *_ = extract(tmp_path, "珠溪医院举行义诊\n5月3日，东川医科大学珠溪医院专家到青石镇开展义诊。")
    assert [n for l, n in names if l == "Hospital"] == ["东川医科大学珠溪医院"]


def test_alliance_name_in_a_clause_about_us_is_not_a_partner(tmp_path):
    g, *_ = extract(tmp_path,
        "湘南大学附属医院医联体扩容\n5月3日，我院向隆回县人民医院颁发“湘南大学附属医院医联体成员单位”证书。"
        "湘南大学附属医院医联体的龙头单位为本院。")
    assert _publisher(g) == "湘南大学附属医院"


def _alliances(g):
    return [n for n in g["nodes"] if n["label"] == "Alliance"]


def test_department_list_pact_gives_one_specialty_alliance_each(tmp_path):
    g, _, edges, _ = extract(tmp_path, "本次大会上，湘潭大学附属医院与我院骨科、眼科、甲状腺外科3个专科结盟，开展专科共建。\n"
                                       "版权所有 韶山市人民医院")
    specs = sorted(a["specialty"] for a in _alliances(g))
    assert specs == ["甲状腺外科", "眼科", "骨科"]
    for a in _alliances(g):
        assert a["kind"] == "专科联盟"
        assert ("LEADS", "湘潭大学附属医院", a["name"]) in edges
        assert ("JOINS", "韶山市人民医院", a["name"]) in edges


def test_specialty_then_lianmeng_is_a_specialty_alliance(tmp_path):
    g, _, edges, _ = extract(tmp_path, "发布时间：2023-06-12\n6月10日，柳州医学院第一附属医院牵头的桂中儿科联盟启动。"
                                       "会上为联盟单位授牌，联盟单位代表来宾市人民医院王科主任、象州县人民医院刘红主任发言。")
    [a] = _alliances(g)
    assert a["kind"] == "专科联盟" and a["specialty"] == "儿科" and a["founded"] == "2023-06-10"
    assert ("LEADS", "柳州医学院第一附属医院", a["name"]) in edges
    assert ("JOINS", "来宾市人民医院", a["name"]) in edges and ("JOINS", "象州县人民医院", a["name"]) in edges


def test_bracketed_brand_between_specialty_and_lianmeng(tmp_path):
    g, _, _, _ = extract(tmp_path, "湖南省中医康复（艾灸）联盟工作会议在浏阳召开，浏阳市中医医院等单位参会。")
    [a] = _alliances(g)
    assert a["kind"] == "专科联盟" and a["specialty"] == "中医康复"


def test_lianmeng_without_specialty_is_no_alliance(tmp_path):
    g, _, _, _ = extract(tmp_path, "株洲市中心医院院长表示，建立医疗联盟有利于资源整合，联盟合作要落到实处。")
    assert not _alliances(g)


def test_two_party_alliance_senior_leads(tmp_path):
    g, _, edges, _ = extract(tmp_path, "我院专家赴宿州市立医院开展心脏大血管联盟交流活动，两院将深化合作。\n版权所有 安徽省心血管病医院")
    [a] = _alliances(g)
    assert a["specialty"] == "心脏大血管"
    assert ("LEADS", "安徽省心血管病医院", a["name"]) in edges
    assert ("JOINS", "宿州市立医院", a["name"]) in edges


def test_quoted_pair_names_the_alliance_senior_leads(tmp_path):
    g, _, edges, _ = extract(tmp_path, "2021年4月6日，宁乡市人民医院花明楼分院揭牌。揭牌标志着“宁乡市人民医院、花明楼镇中心卫生院医疗联合体”正式成立。")
    [a] = _alliances(g)
    assert ("LEADS", "宁乡市人民医院", a["name"]) in edges
    assert ("JOINS", "花明楼镇中心卫生院", a["name"]) in edges
    assert a["founded"] == "2021-04-06"


def test_dated_launch_ceremony_founds_the_alliance(tmp_path):
    g, _, _, _ = extract(tmp_path, "发布时间：2022-09-15\n9月12日，湘雅医学院附属医院与我院医联体揭牌签约仪式在我院举行。\n版权所有 攸县人民医院")
    [a] = _alliances(g)
    assert a["founded"] == "2022-09-12"


def test_undated_launch_ceremony_recalled_founds_nothing(tmp_path):
    g, _, _, _ = extract(tmp_path, "发布时间：2022-09-15\n9月12日，两院在攸县开展交流。此次湘雅医学院附属医院与攸县人民医院专科联盟揭牌仪式的举行意义重大。")
    assert _alliances(g) and all(a.get("founded") is None for a in _alliances(g))


def test_since_date_alliance_building_began(tmp_path):
    g, _, edges, _ = extract(tmp_path, "自2020年5月6日，曲靖市第一人民医院与师宗县人民医院开展医联体建设以来，师宗县人民医院门诊量明显增加。")
    [a] = _alliances(g)
    assert a["founded"] == "2020-05-06"
    assert ("LEADS", "曲靖市第一人民医院", a["name"]) in edges


def test_bare_fuyuan_is_the_publishing_university_hospital(tmp_path):
    g, names, edges, by_id = extract(tmp_path,
        "发布时间：2020-06-01\n5月28日，我院作为联盟牵头单位与醴陵市中医院、攸县中医院签订了合作协议。"
        "副校长兼附院院长胡志平出席。")
    assert ("Hospital", "附院") in names
    assert by_id[g["document"]["publisher"]]["name"] == "附院"
    assert ("HOLDS", "胡志平", "附院") in edges
    signs = {frozenset((a, b)) for t, a, b in edges if t == "SIGNS"}
    assert frozenset(("附院", "醴陵市中医院")) in signs


def test_fuyuan_explained_by_a_full_name_is_that_hospital(tmp_path):
    _, names, _, _ = extract(tmp_path, "湘南学院附属医院举行活动，副校长兼附院院长胡志平出席。")
    assert ("Hospital", "附院") not in names and ("Hospital", "湘南学院附属医院") in names


def test_names_listed_after_a_title_share_it(tmp_path):
    _, names, edges, _ = extract(tmp_path, "衡阳市中心医院院领导刘建军、陈小红、周海以及相关科室负责人出席仪式。")
    for person in ("刘建军", "陈小红", "周海"):
        assert ("HOLDS", person, "衡阳市中心医院") in edges


def test_listed_names_stop_at_an_institution_or_a_new_title(tmp_path):
    _, names, edges, _ = extract(tmp_path, "出席的有衡阳市中心医院院长刘建军、南华大学校长陈明、周海主任。")
    persons = {n for label, n in names if label == "Person"}
    assert "南华大" not in persons
    assert ("HOLDS", "刘建军", "衡阳市中心医院") in edges and ("HOLDS", "周海", "衡阳市中心医院") not in edges


def test_common_words_after_a_title_are_no_names(tmp_path):
    _, names, _, _ = extract(tmp_path, "衡阳市中心医院心内科负责人应邀赴耒阳市人民医院交流。")
    assert not {n for label, n in names if label == "Person"}


def test_relative_dates_read_against_the_page_and_the_text_before():
    from datetime import date

    from yilian.loaders.dates import find_dates

    page = date(2023, 9, 12)
    text = "本月5日，甲医院挂牌。上月28日召开筹备会。8月30日完成评审，次日公示；同月31日发文。"
    found = [d for _, _, d in find_dates(text, 2023, page)]
    assert found == [date(2023, 9, 5), date(2023, 8, 28), date(2023, 8, 30), date(2023, 8, 31), date(2023, 8, 31)]
    # A bare day opening a clause is in the page's month, or the month before when later
    # than the page's own day; a duration (3日内) is no date.
    assert [d for _, _, d in find_dates("10日上午，乙院召开会议。", 2023, page)] == [date(2023, 9, 10)]
    assert [d for _, _, d in find_dates("于25日举行签约。", 2023, page)] == [date(2023, 8, 25)]
    assert not find_dates("检查结果3日内反馈。", 2023, page)
    # Without the page's date, 本月 has nothing to be read against.
    assert not find_dates("本月5日挂牌。", None, None)


def test_next_day_signing_takes_the_day_after_the_stated_date(tmp_path):
    g, _, _, _ = extract(tmp_path, "发布日期：2022-11-04\n10月30日，专家组到青溪县人民医院调研。"
                                   "次日，青溪县人民医院与江州市第一人民医院签订医联体合作协议。")
    [sign] = [e for e in g["edges"] if e["type"] == "SIGNS"]
    assert sign["date"] == "2022-10-31"


def test_name_after_a_department_holds_a_post_in_the_institution(tmp_path):
    _, names, edges, _ = extract(tmp_path, "青岚大学附属第二医院党委丘正明书记致辞，桐溪县人民医院骨科邓立华主任、"
                                           "桐溪县人民医院医务部石宏主任参加。")
    assert {("HOLDS", p, h) for p, h in (("丘正明", "青岚大学附属第二医院"), ("邓立华", "桐溪县人民医院"),
                                         ("石宏", "桐溪县人民医院"))} <= edges
    # The department is no part of the name.
    assert not {n for label, n in names if label == "Person" and n.startswith(("科", "部"))}


def test_a_conjunction_inside_an_institution_name_does_not_end_the_title_chain(tmp_path):
    _, _, edges, _ = extract(tmp_path, "会议由桐溪县卫生和计划生育局医政股股长覃明远主持。")
    assert ("HOLDS", "覃明远", "桐溪县卫生和计划生育局") in edges


def test_numbered_short_forms_link_to_the_full_name_in_the_text(tmp_path):
    _, names, edges, _ = extract(tmp_path, "醴陵市第三人民医院与株洲市第一人民医院签约。县三院院长龙海平、醴陵三院副院长"
                                           "易春林、市一医院副院长邹志明出席，市第一医院专家随后义诊。")
    assert {n for label, n in names if label == "Hospital"} == {"醴陵市第三人民医院", "株洲市第一人民医院"}
    assert {("HOLDS", "龙海平", "醴陵市第三人民医院"), ("HOLDS", "易春林", "醴陵市第三人民医院"),
            ("HOLDS", "邹志明", "株洲市第一人民医院")} <= edges


def test_numbered_short_form_without_its_full_name(tmp_path):
    # The usual 第N人民医院 of the document's city; a count (两家医院) is still no name.
    g, names, _, _ = extract(tmp_path, "衡阳市卫健委组织两家医院开展义诊，市二医院院长彭志刚带队。")
    node = next(n for n in g["nodes"] if n["label"] == "Hospital")
    assert node["name"] == "衡阳市第二人民医院" and "市二医院" in node["aliases"]
    assert len([n for label, n in names if label == "Hospital"]) == 1


def test_town_party_committees_and_zone_work_committees(tmp_path):
    _, names, edges, _ = extract(tmp_path, "桐溪高新区党工委书记覃立新、宁乡市青冲镇党委副书记王芳、"
                                           "雨花区桂塘街道办事处主任邓军出席。")
    orgs = {n for label, n in names if label == "Organization"}
    assert {"桐溪高新区党工委", "宁乡市青冲镇党委", "雨花区桂塘街道办事处"} <= orgs
    assert "新区党工委" not in orgs
    # 镇党委书记: the title read across the name's end (党委书记) still names the person.
    assert {("HOLDS", "覃立新", "桐溪高新区党工委"), ("HOLDS", "王芳", "宁乡市青冲镇党委"),
            ("HOLDS", "邓军", "雨花区桂塘街道办事处")} <= edges


def test_town_name_characters_tagged_as_verbs_stay_in_the_name(tmp_path):
    _, names, _, _ = extract(tmp_path, "浏阳市枨冲镇卫生院与浏阳市人民医院签约。")
    assert "浏阳市枨冲镇卫生院" in {n for label, n in names if label == "Hospital"}


def test_zone_and_company_names_keep_words_tagged_as_directions_or_verbs(tmp_path):
    _, names, _, _ = extract(tmp_path, "中南高新区党工委与湘潭城发投资有限公司共同出资。")
    orgs = {n for label, n in names if label == "Organization"}
    assert {"中南高新区党工委", "湘潭城发投资有限公司"} <= orgs
    assert not {o for o in orgs if o.startswith(("南高新区", "投资"))}


def test_autonomous_region_relative_form_takes_the_documents_region(tmp_path):
    _, _, edges, _ = extract(tmp_path, "宁夏回族自治区人民医院举行活动，自治区工商联主席马立新、自治区卫健委副主任杨春出席。")
    assert ("HOLDS", "马立新", "宁夏回族自治区工商业联合会") in edges
    assert ("HOLDS", "杨春", "宁夏回族自治区卫生健康委员会") in edges


def test_specialty_written_straight_before_another_is_one_specialty(tmp_path):
    g, _, edges, _ = extract(tmp_path, "甘泉省青石市中医医院牵头成立中医肛肠专科联盟，白沙县中医医院加入联盟。\n"
                                       "甘泉省第三人民医院与白沙县人民医院共建急诊急救专科联盟。")
    assert sorted(a["specialty"] for a in _alliances(g)) == ["中医肛肠", "急诊急救"]


def test_free_specialty_stops_at_a_particle_or_verb(tmp_path):
    g, _, _, _ = extract(tmp_path, "白沙县人民医院加入以甘泉医科大学附属医院为核心的肾脏病专科联盟，"
                                   "并与该院签订肾脏病专科联盟协议。")
    assert {a["specialty"] for a in _alliances(g)} == {"肾脏病"}


def test_province_short_form_is_the_provincial_hospital_not_a_county_one(tmp_path):
    g, _, edges, _ = extract(tmp_path, "江西省妇幼保健院举行签约仪式，安义县妇幼保健院、进贤县妇幼保健院参加。"
                                       "儿科专科联盟由省妇幼保健院牵头，安义县妇幼保健院加入联盟。")
    hospitals = {n["name"] for n in g["nodes"] if n["label"] == "Hospital"}
    assert "省妇幼保健院" not in hospitals
    [a] = _alliances(g)
    assert ("LEADS", "江西省妇幼保健院", a["name"]) in edges


def test_a_comma_list_shares_its_cue_and_includes_takes_the_clause_before(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石市人民医院牵头的眼科专科联盟成立。白沙县人民医院，青石县人民医院，"
                                       "金塘县人民医院为成员单位。联盟共有9家成员单位，包括石门县人民医院、梅岭县人民医院等。")
    [a] = _alliances(g)
    for member in ("白沙县人民医院", "青石县人民医院", "金塘县人民医院", "石门县人民医院", "梅岭县人民医院"):
        assert ("JOINS", member, a["name"]) in edges


def test_first_members_and_first_connected_sites_of_a_named_alliance(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石市人民医院牵头的眼科专科联盟成立。"
                                       "白沙县人民医院、金塘县人民医院等8家医疗机构成为联盟的首批成员。\n"
                                       "青石市人民医院远程医疗协作网启用，首批接入石门县人民医院、梅岭县人民医院。")
    by_spec = {a.get("specialty"): a for a in _alliances(g)}
    assert ("JOINS", "白沙县人民医院", by_spec["眼科"]["name"]) in edges
    assert ("JOINS", "梅岭县人民医院", by_spec[None]["name"]) in edges


def test_names_one_a_line_under_a_membership_heading_are_members(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石市人民医院牵头的眼科专科联盟成立。\n成员单位（排名不分先后）：\n"
                                       "（一）白沙县人民医院\n（二）金塘县人民医院\n3.石门县人民医院\n梅岭县人民医院\n"
                                       "会上，白沙县卫生健康局局长致辞。\n")
    [a] = _alliances(g)
    for member in ("白沙县人民医院", "金塘县人民医院", "石门县人民医院", "梅岭县人民医院"):
        assert ("JOINS", member, a["name"]) in edges


def test_a_line_of_prose_ends_the_list_under_a_heading(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石市人民医院牵头的眼科专科联盟成立。\n首批成员单位：\n白沙县人民医院\n"
                                       "活动当天，金塘县人民医院专家在大厅义诊。\n")
    [a] = _alliances(g)
    assert ("JOINS", "白沙县人民医院", a["name"]) in edges
    assert ("JOINS", "金塘县人民医院", a["name"]) not in edges


def test_vice_chair_and_council_seats_are_members_not_leaders(tmp_path):
    g, _, edges, _ = extract(tmp_path, "甘泉省骨科专科联盟成立，理事会名单如下：甘泉省人民医院为理事长单位；"
                                       "白沙县人民医院、金塘县人民医院为副理事长单位；石门县人民医院等为常务理事单位；"
                                       "梅岭县人民医院为理事单位。")
    [a] = _alliances(g)
    assert ("LEADS", "甘泉省人民医院", a["name"]) in edges
    for member in ("白沙县人民医院", "金塘县人民医院", "石门县人民医院", "梅岭县人民医院"):
        assert ("JOINS", member, a["name"]) in edges
        assert ("LEADS", member, a["name"]) not in edges


def test_vice_chair_named_first_does_not_lead(tmp_path):
    g, _, edges, _ = extract(tmp_path, "甘泉省骨科专科联盟成立。白沙县人民医院为联盟副理事长单位，"
                                       "甘泉省人民医院为联盟理事长单位。")
    [a] = _alliances(g)
    assert ("LEADS", "白沙县人民医院", a["name"]) not in edges
    assert ("JOINS", "白沙县人民医院", a["name"]) in edges


def test_short_form_with_a_place_before_a_known_short_form_is_the_pages_full_name(tmp_path):
    _, names, edges, _ = extract(tmp_path, "甘泉省医科大学附属第一医院副院长王明出席。\n"
                                           "该眼科专科联盟依托甘泉省医大附一院组建，白沙县人民医院加入联盟。")
    hospitals = {n for label, n in names if label == "Hospital"}
    assert "中国医科大学附属第一医院" not in hospitals
    assert ("LEADS", "甘泉省医科大学附属第一医院", "甘泉省医科大学附属第一医院眼科专科联盟") in edges


def test_plaques_handed_to_listed_institutions_are_for_the_alliance_named_before(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石市人民医院眼科专科联盟成员单位授牌仪式举行。\n"
                                       "青石市人民医院院长王明为白沙县人民医院、金塘县人民医院和石门镇卫生院授牌。\n")
    [a] = _alliances(g)
    for member in ("白沙县人民医院", "金塘县人民医院", "石门镇卫生院"):
        assert ("JOINS", member, a["name"]) in edges


def test_table_rows_take_leader_and_members_from_the_header_columns(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石市卫生健康委员会关于公布医疗联合体名单的通知\n"
                                       "序号　名称　牵头单位　成员单位\n"
                                       "1　青石市北城城市医疗集团　青石市人民医院　白沙镇卫生院、金塘街道社区卫生服务中心\n"
                                       "2　青石市南城城市医疗集团　青石市中心医院　石门镇卫生院、柳湾街道社区卫生服务中心\n"
                                       "3　青石市中医医院康复专科联盟　青石市中医医院　白沙县中医医院、金塘县中医医院\n")
    by_leader = {}
    for a in _alliances(g):
        leads = [s for t, s, o in edges if t == "LEADS" and o == a["name"]]
        by_leader[leads[0] if leads else None] = {s for t, s, o in edges if t == "JOINS" and o == a["name"]}
    assert by_leader["青石市人民医院"] == {"白沙镇卫生院", "金塘街道社区卫生服务中心"}
    assert by_leader["青石市中心医院"] == {"石门镇卫生院", "柳湾街道社区卫生服务中心"}
    assert by_leader["青石市中医医院"] == {"白沙县中医医院", "金塘县中医医院"}


def test_absorbing_integrating_and_covering_are_membership_cues(tmp_path):
    for verb in ("吸纳", "整合", "覆盖"):
        g, _, edges, _ = extract(tmp_path, f"青石市中医医院康复专科联盟{verb}白沙县中医医院、金塘县中医医院等基层机构。\n")
        [a] = _alliances(g)
        assert ("JOINS", "白沙县中医医院", a["name"]) in edges, verb
        assert ("JOINS", "金塘县中医医院", a["name"]) in edges, verb


def test_alliance_built_on_a_hospital_is_led_by_it(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石省肿瘤专科联盟成立大会召开。\n该联盟依托青石省人民医院组建。\n"
                                       "白沙县人民医院、金塘县人民医院作为成员单位加入青石省肿瘤专科联盟。\n")
    [a] = _alliances(g)
    assert ("LEADS", "青石省人民医院", a["name"]) in edges
    assert ("JOINS", "白沙县人民医院", a["name"]) in edges


def test_relying_on_a_hospitals_strength_names_no_leader(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石省肿瘤专科联盟成立。白沙县人民医院将依托青石省人民医院的技术优势提升服务。\n"
                                       "金塘县人民医院、石门县人民医院加入联盟。\n")
    assert not any(t == "LEADS" and s == "青石省人民医院" for t, s, _ in edges)


def test_a_sentence_naming_the_head_unit_is_about_the_alliance_before_it(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石市北城城市医疗集团年度工作会议召开。\n集团以青石市人民医院为龙头单位。\n"
                                       "白沙街道社区卫生服务中心、金塘街道社区卫生服务中心等成员单位的代表参加会议。\n")
    [a] = _alliances(g)
    assert ("LEADS", "青石市人民医院", a["name"]) in edges


def test_site_name_after_the_page_title_names_the_publisher(tmp_path):
    page = ("<html><head><title>青石省人民医院眼科专科联盟成立_白沙县人民医院</title></head><body>"
            "<h1>青石省人民医院眼科专科联盟成立</h1><p>3月1日，青石省人民医院眼科专科联盟成立，我院与金塘县人民医院、"
            "石门县人民医院成为首批成员单位。青石省人民医院院长王明出席。青石省人民医院专家来我院指导。</p></body></html>")
    g, _, _, _ = extract(tmp_path, page, name="p.html")
    assert _publisher(g) == "白沙县人民医院"


def test_a_title_that_joins_two_names_with_a_hyphen_names_no_site(tmp_path):
    page = ("<html><head><title>青石省人民医院-白沙县人民医院签约</title></head><body>"
            "<p>青石省人民医院与白沙县人民医院签约。</p></body></html>")
    g, _, _, _ = extract(tmp_path, page, name="p.html")
    assert _publisher(g) is None


def test_the_hospital_heading_an_alliance_leads_it(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石省创伤专科联盟成立。\n由青石省人民医院领衔的该联盟，将重点推进学科共建。\n"
                                       "白沙县人民医院、金塘县人民医院、石门县人民医院作为成员单位加入。\n")
    [a] = _alliances(g)
    assert ("LEADS", "青石省人民医院", a["name"]) in edges


def test_a_seat_named_before_its_holder_makes_it_the_leader(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石市口腔专科联盟年会召开。\n作为专科联盟理事长单位，青石市口腔医院通报了年度工作进展。\n"
                                       "白沙县人民医院、金塘县人民医院、石门县人民医院等成员单位参加。\n")
    [a] = _alliances(g)
    assert ("LEADS", "青石市口腔医院", a["name"]) in edges


def test_a_deputy_seat_named_before_its_holder_is_no_leader(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石市口腔专科联盟年会召开。\n作为专科联盟副理事长单位，白沙县人民医院交流了经验。\n"
                                       "金塘县人民医院、石门县人民医院等成员单位参加。\n")
    assert not any(t == "LEADS" and s == "白沙县人民医院" for t, s, _ in edges)


def test_a_sentence_on_who_heads_the_bare_alliance_is_about_the_one_named_before(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石省口腔专科联盟授牌仪式举行。\n由省口腔医院领衔的联盟，将重点推进学科共建。\n"
                                       "青石省口腔医院院长王明为白沙县人民医院、金塘县人民医院、石门县人民医院授牌。\n")
    [a] = _alliances(g)
    assert ("LEADS", "青石省口腔医院", a["name"]) in edges


def test_the_hospital_hosting_the_founding_leads(tmp_path):
    g, _, edges, _ = extract(tmp_path, "4月8日，青石省眼科专科联盟授牌仪式在青石省人民医院科教楼一楼多功能厅举行。\n"
                                       "白沙县人民医院、金塘县人民医院、石门县人民医院作为成员单位加入联盟。\n")
    [a] = _alliances(g)
    assert ("LEADS", "青石省人民医院", a["name"]) in edges


def test_a_members_plaque_or_an_annual_meeting_at_a_hospital_names_no_leader(tmp_path):
    for event in ("成员单位授牌仪式", "2024年年会"):
        g, _, edges, _ = extract(tmp_path, f"4月8日，青石省眼科专科联盟{event}在白沙县人民医院举行。\n"
                                           "金塘县人民医院、石门县人民医院作为成员单位参加。\n")
        assert not any(t == "LEADS" for t, _, _ in edges), event


def test_speakers_the_text_calls_members_are_members(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石省眼科专科联盟年会在青石省人民医院举行。联盟由青石省人民医院牵头。\n"
                                       "白沙县人民医院、金塘县人民医院等成员单位也分享了经验。\n"
                                       "特邀嘉宾石门县人民医院专家分享了经验。\n")
    [a] = _alliances(g)
    assert ("JOINS", "白沙县人民医院", a["name"]) in edges
    assert ("JOINS", "金塘县人民医院", a["name"]) in edges
    assert ("JOINS", "石门县人民医院", a["name"]) not in edges


def test_a_membership_list_whose_items_end_in_semicolons(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石省人民医院眼科专科联盟成立。\n"
                                       "成员单位有：白沙县人民医院；金塘县人民医院；石门县人民医院。\n"
                                       "会议要求：青石省卫生健康委员会加强指导；柳湾县人民医院派员旁听。\n")
    [a] = _alliances(g)
    for member in ("白沙县人民医院", "金塘县人民医院", "石门县人民医院"):
        assert ("JOINS", member, a["name"]) in edges
    assert ("JOINS", "柳湾县人民医院", a["name"]) not in edges


def test_what_an_alliance_is_made_of_are_its_members(tmp_path):
    g, _, edges, _ = extract(tmp_path, "青石市人民医院眼科专科联盟由青石市人民医院和白沙县人民医院、金塘县人民医院组成。\n")
    [a] = _alliances(g)
    assert ("JOINS", "白沙县人民医院", a["name"]) in edges
    assert ("JOINS", "金塘县人民医院", a["name"]) in edges


def test_a_sentence_opening_on_the_bare_noun_is_about_the_alliance_before(tmp_path):
    g, _, edges, _ = extract(tmp_path, "7月1日，青石省远程医疗协作网授牌仪式在青石国际会展中心举行。\n"
                                       "协作网由青石省人民医院牵头，秘书处设在该院医务部。\n"
                                       "白沙县人民医院、金塘县人民医院、石门县人民医院作为成员单位加入。\n")
    [a] = _alliances(g)
    assert ("LEADS", "青石省人民医院", a["name"]) in edges


def test_a_sentence_referring_back_dates_the_founding(tmp_path):
    g, _, _, _ = extract(tmp_path, "发布时间：2024-05-02\n青石省乳腺专科联盟召开年会。\n"
                                   "该联盟成立于2022年9月7日，牵头单位为青石省肿瘤医院。\n")
    [a] = _alliances(g)
    assert a["founded"] == "2022-09-07"


def test_a_bracketed_aside_between_name_and_founding(tmp_path):
    g, _, _, _ = extract(tmp_path, "发布时间：2024-09-12\n9月10日，青石省儿童保健专科联盟（牵头单位：青石省儿童医院）"
                                   "成立大会在青石省儿童医院举行。\n")
    [a] = _alliances(g)
    assert a["founded"] == "2024-09-10"

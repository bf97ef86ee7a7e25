"""The clause-level relation frames on announcements written for these tests (invented
hospitals and places)."""
from test_extract_units import extract


def relations(edges, kind):
    return {(a, b) for t, a, b in edges if t == kind}


def test_pair_agreement_senior_party_leads(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "5月8日，隆回县人民医院与东川大学附属医院在隆回签署了共建医联体的合作协议。双方将在人才培养方面合作。")
    alliance = next(n["name"] for n in g["nodes"] if n["label"] == "Alliance")
    assert ("LEADS", "东川大学附属医院", alliance) in edges
    assert ("JOINS", "隆回县人民医院", alliance) in edges
    assert relations(edges, "SIGNS") == {("东川大学附属医院", "隆回县人民医院")} or \
        relations(edges, "SIGNS") == {("隆回县人民医院", "东川大学附属医院")}


def test_head_signs_with_each_listed_partner(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "邵阳市中心医院分别同隆回县梅岭镇卫生院、隆回县桃源乡卫生院和隆回县石门镇卫生院签署医联体协议。")
    signs = relations(edges, "SIGNS")
    assert len(signs) == 3 and all("邵阳市中心医院" in pair for pair in signs)
    alliance = next(n["name"] for n in g["nodes"] if n["label"] == "Alliance")
    assert ("LEADS", "邵阳市中心医院", alliance) in edges
    assert ("JOINS", "隆回县石门镇卫生院", alliance) in edges


def test_government_partner_gives_no_hospital_signs(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "7月2日，甘泉省人民医院与青石市人民政府共建紧密型医联体签约仪式在青石市人民医院举行。")
    assert not relations(edges, "SIGNS")
    alliance = next(n["name"] for n in g["nodes"] if n["label"] == "Alliance")
    assert ("LEADS", "甘泉省人民医院", alliance) in edges


def test_pronoun_partner(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "6月3日，会泽县中医院院长一行来到曲靖市第一人民医院参观，并与该院签订共建医联体合作协议。")
    alliance = next(n["name"] for n in g["nodes"] if n["label"] == "Alliance")
    assert ("LEADS", "曲靖市第一人民医院", alliance) in edges
    assert ("JOINS", "会泽县中医院", alliance) in edges
    assert len(relations(edges, "SIGNS")) == 1


def test_becomes_partner_hospital(tmp_path):
    g, _, edges, _ = extract(tmp_path, "当天，宁远县人民医院正式成为湘南大学附属第一医院协作医院。")
    alliance = next(n["name"] for n in g["nodes"] if n["label"] == "Alliance")
    assert ("LEADS", "湘南大学附属第一医院", alliance) in edges
    assert ("JOINS", "宁远县人民医院", alliance) in edges


def test_specialty_list_with_he_and_deng(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "3月8日，湘南大学附属医院与宁远县中医院建立重症医学科和妇科专科联盟，并签订协议。")
    specs = sorted(n["specialty"] for n in g["nodes"] if n["label"] == "Alliance")
    assert specs == ["妇科", "重症医学科"]
    for n in g["nodes"]:
        if n["label"] == "Alliance":
            assert ("LEADS", "湘南大学附属医院", n["name"]) in edges
            assert ("JOINS", "宁远县中医院", n["name"]) in edges


def test_visit_then_signing_ceremony(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "4月2日，湘南大学附属医院副院长一行前往宁远县花明镇、坝塘镇两家卫生院，举行共建口腔、康复等专科联盟签约授牌仪式。")
    alliances = [n for n in g["nodes"] if n["label"] == "Alliance"]
    assert sorted(a["specialty"] for a in alliances) == ["口腔", "康复"]
    for a in alliances:
        assert ("LEADS", "湘南大学附属医院", a["name"]) in edges
        assert ("JOINS", "宁远县坝塘镇卫生院", a["name"]) in edges
    assert len(relations(edges, "SIGNS")) == 2


def test_apposition_before_partner_list(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "湘南大学附属医院作为联盟牵头单位与宁远县中医院、道县中医院签订了合作协议，共建中医康复专科联盟。")
    assert len(relations(edges, "SIGNS")) == 2


def test_founding_from_the_alliance_mention_takes_the_event_date(tmp_path):
    g, _, _, _ = extract(tmp_path,
        "发布时间：2023-06-10\n6月8日，宁远县人民医院与湘南大学附属医院签署医疗协同体协议。"
        "院长表示，医疗协同体的成立标志着双方合作进入新阶段。")
    alliance = next(n for n in g["nodes"] if n["label"] == "Alliance")
    assert alliance["founded"] == "2023-06-08"


def test_signed_and_founded_on_a_date(tmp_path):
    g, _, _, _ = extract(tmp_path,
        "据介绍，宁远县人民医院医联体于2019年3月2日签约成立，由宁远县人民医院牵头组建。")
    alliance = next(n for n in g["nodes"] if n["label"] == "Alliance")
    assert alliance["founded"] == "2019-03-02"


def test_equal_tiers_the_helping_party_leads(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "当日，拉萨康宁肿瘤医院与成都市肿瘤医院签署紧密型医联体合作协议。运营期间，成都市肿瘤医院将派驻专家坐诊。")
    alliance = next(n["name"] for n in g["nodes"] if n["label"] == "Alliance")
    assert ("LEADS", "成都市肿瘤医院", alliance) in edges
    assert ("JOINS", "拉萨康宁肿瘤医院", alliance) in edges


def test_edges_record_the_rule_that_made_them(tmp_path):
    g, _, _, _ = extract(tmp_path, "5月8日，隆回县人民医院与东川大学附属医院签署共建医联体的合作协议。")
    rules = {e["type"]: e.get("rule") for e in g["edges"] if e["type"] in ("LEADS", "JOINS", "SIGNS")}
    assert rules == {"LEADS": "frame.pair", "JOINS": "frame.pair", "SIGNS": "frame.pair"}


def test_several_partnerships_in_one_sentence_list(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "目前全市已建成的医联体包括：邵阳市中心医院与邵阳市大祥区医院、邵阳市双清区医院结成城市医联体；"
        "邵阳市中医医院与隆回县中医医院、洞口县中医医院结成中医专科医联体，并将乡镇中医科纳入中医医联体；"
        "隆回县人民医院与12家乡镇卫生院结成县域医联体；湖南省精神卫生中心分别与隆回县精神病医院、洞口县精神病医院结成精神疾病专科医联体。")
    leads = {(a, b) for t, a, b in edges if t == "LEADS"}
    joins = {(a, b) for t, a, b in edges if t == "JOINS"}
    by_leader = {a: b for a, b in leads}
    assert {"邵阳市中心医院", "邵阳市中医医院", "隆回县人民医院", "湖南省精神卫生中心"} <= set(by_leader)
    assert len(set(by_leader.values())) == 4
    assert ("邵阳市大祥区医院", by_leader["邵阳市中心医院"]) in joins
    assert ("洞口县中医医院", by_leader["邵阳市中医医院"]) in joins
    assert ("洞口县中医医院", by_leader["邵阳市中心医院"]) not in joins
    assert ("隆回县精神病医院", by_leader["湖南省精神卫生中心"]) in joins
    specs = {n["name"]: n.get("specialty") for n in g["nodes"] if n["label"] == "Alliance"}
    assert specs[by_leader["湖南省精神卫生中心"]] == "精神疾病"
    county = next(n for n in g["nodes"] if n["name"] == by_leader["隆回县人民医院"])
    assert county.get("member_count") == 12


def test_title_signing_takes_the_stated_event_date_not_the_page_stamp(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "隆回县人民医院与湖南省人民医院签署医联体协议\n发布时间:2024-05-21 09:46:01\n"
        "为提升县域医疗服务能力，5月19日，隆回县人民医院与湖南省人民医院签署医联体协议。"
        "双方代表出席仪式。医联体的成立标志着双方合作进入新阶段。")
    signs = [e for e in g["edges"] if e["type"] == "SIGNS"]
    assert len(signs) == 1 and signs[0]["date"] == "2024-05-19"
    alliance = next(n for n in g["nodes"] if n["label"] == "Alliance")
    assert alliance.get("founded") == "2024-05-19"


def test_a_team_is_not_part_of_the_hospital_it_visits(tmp_path):
    g, names, edges, _ = extract(tmp_path,
        "1月5日，湖南省人民医院与隆回县人民医院签署医联体协议。会后，湖南省人民医院专家团队隆回县人民医院门诊开展义诊。")
    assert {n for l, n in names if l == "Hospital"} == {"湖南省人民医院", "隆回县人民医院"}


def test_publisher_unresolved_when_every_hospital_is_the_other_party(tmp_path):
    g, names, _, _ = extract(tmp_path,
        "联盟调度会召开\n5月13日，我院作为联盟牵头单位与隆回县中医院、洞口县中医院签订了合作意向书。医院副院长兼热敏分院院长出席。")
    assert g["document"]["publisher"] is None
    assert not any(n.endswith("敏分院") for l, n in names)


def test_one_signing_word_over_a_list_of_alliances(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "目前全县已签署医联体协议的医联体包括：桃江县人民医院与灰山港镇中心卫生院、武潭镇中心卫生院结成县域医联体；"
        "益阳市中心医院与桃江县中医医院结成城市医联体。")
    signs = {frozenset((a, b)) for t, a, b in edges if t == "SIGNS"}
    assert signs == {frozenset(("桃江县人民医院", "灰山港镇中心卫生院")), frozenset(("桃江县人民医院", "武潭镇中心卫生院")),
                     frozenset(("益阳市中心医院", "桃江县中医医院"))}


def test_list_without_a_signing_word_signs_nothing(tmp_path):
    g, _, edges, _ = extract(tmp_path, "目前全县的医联体包括：桃江县人民医院与灰山港镇中心卫生院结成县域医联体；益阳市中心医院与桃江县中医医院结成城市医联体。")
    assert not [e for e in edges if e[0] == "SIGNS"]


def test_a_speaker_recalling_this_founding_dates_nothing(tmp_path):
    g, _, _, _ = extract(tmp_path,
        "发布时间：2023-06-10\n6月8日，宁远县人民医院与湘南大学附属医院举行专科联盟合作座谈。"
        "副县长在讲话中指出，此次专科联盟的成立，是全县医疗改革的重要一步。")
    alliance = next(n for n in g["nodes"] if n["label"] == "Alliance")
    assert alliance.get("founded") is None


def test_a_place_as_the_other_party_makes_the_hospital_lead(tmp_path):
    g, _, edges, _ = extract(tmp_path, "6月2日，常德市第一人民医院与桃源县共建紧密型医联体。")
    [a] = [n for n in g["nodes"] if n["label"] == "Alliance"]
    assert ("LEADS", "常德市第一人民医院", a["name"]) in edges
    assert not [e for e in edges if e[0] in ("SIGNS", "JOINS")]


def test_a_place_named_in_passing_makes_no_alliance(tmp_path):
    g, _, edges, _ = extract(tmp_path, "常德市第一人民医院与桃源县的群众一起开展义诊，宣传医联体政策。")
    assert not [e for e in edges if e[0] == "LEADS"]
    _, _, edges, _ = extract(tmp_path, "常德市第一人民医院与桃源县人民医院签署医联体协议。")
    assert ("SIGNS", "常德市第一人民医院", "桃源县人民医院") in edges or ("SIGNS", "桃源县人民医院", "常德市第一人民医院") in edges


def test_remote_consultation_system_is_a_network(tmp_path):
    g, _, edges, _ = extract(tmp_path, "近日，常德市第一人民医院远程会诊中心正式启用，专家为桃源县人民医院的患者会诊。")
    [a] = [n for n in g["nodes"] if n["label"] == "Alliance"]
    assert a["kind"] == "远程医疗协作网" and ("LEADS", "常德市第一人民医院", a["name"]) in edges


def test_several_heads_each_build_their_own_network(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "目前，湘楚医科大学附属第二医院、常德市第一人民医院和益阳市中心医院等3家三级医院已分别与"
        "36家县级医院建立远程会诊系统，开展远程医疗服务。")
    leads = {h for t, h, _ in edges if t == "LEADS"}
    assert leads == {"湘楚医科大学附属第二医院", "常德市第一人民医院", "益阳市中心医院"}
    assert len([n for n in g["nodes"] if n["label"] == "Alliance"]) == 3
    assert not [e for e in edges if e[0] == "JOINS"]


def test_a_list_without_fenbie_has_one_head(tmp_path):
    g, _, edges, _ = extract(tmp_path, "常德市第一人民医院与12家乡镇卫生院组建医共体。")
    assert {h for t, h, _ in edges if t == "LEADS"} == {"常德市第一人民医院"}


def test_becoming_a_named_branch_joins_the_parent(tmp_path):
    g, names, edges, _ = extract(tmp_path, "5月6日，桃源县中医院正式成为常德市第一人民医院桃源分院，双方将开展医联体建设。")
    [a] = [n for n in g["nodes"] if n["label"] == "Alliance"]
    assert ("LEADS", "常德市第一人民医院", a["name"]) in edges and ("JOINS", "桃源县中医院", a["name"]) in edges
    node = next(n for n in g["nodes"] if n["name"] == "桃源县中医院")
    assert "常德市第一人民医院桃源分院" in node["aliases"]
    assert ("Hospital", "常德市第一人民医院桃源分院") not in names


def test_a_branch_plaque_makes_a_member(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "双方建立紧密型协作关系，汉寿县人民医院增挂“湘楚医科大学附属第二医院汉寿院区”牌子。")
    [a] = [n for n in g["nodes"] if n["label"] == "Alliance"]
    assert ("LEADS", "湘楚医科大学附属第二医院", a["name"]) in edges and ("JOINS", "汉寿县人民医院", a["name"]) in edges


def test_other_plaques_and_a_branch_alone_make_no_member(tmp_path):
    _, _, edges, _ = extract(tmp_path, "汉寿县人民医院增挂“湘北胸痛中心”牌子。常德市第一人民医院桃源分院今日揭牌。")
    assert not [e for e in edges if e[0] in ("LEADS", "JOINS")]


def test_the_venue_of_a_signing_does_not_join(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "7月2日，湖北省人民医院与潜江市人民政府共建紧密型医联体签约仪式在潜江市中心医院举行。")
    assert not [e for e in edges if e[0] == "JOINS" and e[1] == "潜江市中心医院"]


def test_a_branch_plaque_at_the_venue_still_joins(tmp_path):
    g, _, edges, _ = extract(tmp_path,
        "湖北省人民医院医疗集团首家分院在潜江市中医医院举行挂牌仪式。")
    [a] = [n for n in g["nodes"] if n["label"] == "Alliance"]
    assert ("JOINS", "潜江市中医医院", a["name"]) in edges


def test_a_branch_named_twice_is_one_hospital(tmp_path):
    g, names, edges, _ = extract(tmp_path,
        "桃源县中医院正式成为常德市第一人民医院桃源分院。常德市第一人民医院桃源分院院长张立新致辞。")
    assert ("HOLDS", "张立新", "桃源县中医院") in edges
    assert ("Hospital", "常德市第一人民医院桃源分院") not in names

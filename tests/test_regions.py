from yilian.loaders.regions import gazetteer


def test_prefix_chain_and_codes():
    regs, used = gazetteer().prefix("株洲市攸县人民医院")
    assert [r.name for r in regs] == ["株洲市", "攸县"] and used == 5
    assert regs[-1].code == "430223"


def test_renamed_division_points_to_today():
    regs, _ = gazetteer().prefix("海门市人民医院")
    assert regs[-1].code == "320614" and regs[-1].name == "海门区"
    assert [r.name for r in gazetteer().lineage("320614")] == ["江苏省", "南通市", "海门区"]


def test_short_names_prefer_the_larger_division():
    regs, _ = gazetteer().prefix("吉林大学")
    assert regs[0].level == "province"

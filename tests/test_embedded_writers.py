"""Several processes writing one embedded graph file (loads, the API server), and store files
or file names the store used to choke on. Real processes throughout: `yilian load`, and a real
`yilian serve` (uvicorn) where the API is concerned."""
import json
import os
import shutil
import subprocess
import threading
import time

import httpx
import pytest

from conftest import FIXTURES, YILIAN, run_cli
from test_api import live_server

from yilian.graph.embedded import writer_lock

ANNOUNCEMENTS = FIXTURES / "announcements"
FAST_CHECKPOINTS = {**os.environ, "YILIAN_CHECKPOINT_SECONDS": "0"}  # save after every document: most overlap


def _graph(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _leftovers(folder) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.endswith((".lock", ".tmp")))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, seeds_available):
    """Graph files of the 5 seeds, the 22 fixtures, and both (loaded one after the other)."""
    folder = tmp_path_factory.mktemp("loaded")
    run_cli("load", seeds_available, "--store", f"file:{folder / 'seeds.json'}")
    run_cli("load", ANNOUNCEMENTS, "--store", f"file:{folder / 'fixtures.json'}")
    shutil.copy(folder / "seeds.json", folder / "both.json")
    run_cli("load", ANNOUNCEMENTS, "--store", f"file:{folder / 'both.json'}")
    return folder


def _announcement(city: str, county: str) -> str:
    return (f"{city}人民医院牵头成立{city}心血管专科联盟\n"
            f"2024年3月1日，{city}人民医院牵头成立{city}心血管专科联盟，{county}人民医院等12家医院加入联盟。\n")


# -- two loads -------------------------------------------------------------------------------------
def test_two_loads_at_once_into_one_file_keep_every_document(loaded, seeds_available, tmp_path):
    expected = _graph(loaded / "both.json")
    assert len(expected["documents"]) == 27
    for round_ in range(2):
        path = tmp_path / f"r{round_}.json"
        procs = [subprocess.Popen([*YILIAN, "load", src, "--store", f"file:{path}"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True, env=FAST_CHECKPOINTS)
                 for src in (seeds_available, ANNOUNCEMENTS)]
        for p in procs:
            assert p.wait(60) == 0, p.stderr.read()
            assert "Traceback" not in p.stderr.read()
        got = _graph(path)
        assert sorted(got["documents"]) == sorted(expected["documents"])
        assert {n["id"] for n in got["nodes"]} == {n["id"] for n in expected["nodes"]}
        assert {(e["source"], e["target"], e["key"]) for e in got["edges"]} == \
               {(e["source"], e["target"], e["key"]) for e in expected["edges"]}
        evidence = lambda g: {(e["key"], ev["document"], ev["sentence"]) for e in g["edges"] for ev in e["evidence"]}
        assert evidence(got) == evidence(expected)
    assert _leftovers(tmp_path) == []


def test_a_load_waits_for_the_lock_saying_so_then_merges_into_what_the_other_writer_saved(loaded, seeds_available, tmp_path):
    path = tmp_path / "g.json"
    lines: list[str] = []
    with writer_lock(path):
        proc = subprocess.Popen([*YILIAN, "load", seeds_available, "--store", f"file:{path}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
        reader.start()
        deadline = time.monotonic() + 30
        while not any("waiting for another writer on" in line for line in lines) and time.monotonic() < deadline:
            assert proc.poll() is None, "".join(lines)
            time.sleep(0.05)
        assert any(f"waiting for another writer on {path}" in line for line in lines), "".join(lines)
        time.sleep(0.5)
        assert proc.poll() is None and not path.exists()  # it really waits: nothing written under our lock
        # Meanwhile the lock holder saves its own graph (the 22 fixtures), the way writers do.
        shutil.copy(loaded / "fixtures.json", tmp_path / "incoming.tmp")
        os.replace(tmp_path / "incoming.tmp", path)
    assert proc.wait(30) == 0, "".join(lines)
    reader.join(5)
    assert sum("waiting for another writer" in line for line in lines) == 1  # said once
    assert sorted(_graph(path)["documents"]) == sorted(_graph(loaded / "both.json")["documents"])
    assert _leftovers(tmp_path) == []


# -- the API server and other writers --------------------------------------------------------------
def test_server_reloads_a_file_another_process_changed_and_writes_on_top_of_it(loaded, tmp_path):
    path = tmp_path / "g.json"
    shutil.copy(loaded / "seeds.json", path)
    seeds, fixtures = _graph(loaded / "seeds.json"), _graph(loaded / "fixtures.json")
    seeded = {n["name"] for n in seeds["nodes"]}
    new_hospital = next(n["name"] for n in fixtures["nodes"] if n["label"] == "Hospital" and n["name"] not in seeded)
    with live_server(f"file:{path}", token="t") as base:
        assert httpx.get(f"{base}/stats").json()["documents"] == 5
        # Builds the search index of this graph version; it must not answer for the reloaded graph.
        assert httpx.get(f"{base}/hospitals", params={"q": new_hospital}).json()["total"] == 0
        run_cli("load", ANNOUNCEMENTS, "--store", f"file:{path}")
        assert httpx.get(f"{base}/stats").json()["documents"] == 27
        assert new_hospital in [h["name"] for h in httpx.get(f"{base}/hospitals", params={"q": new_hospital}).json()["items"]]
        r = httpx.post(f"{base}/announcements", headers={"Authorization": "Bearer t"}, timeout=60,
                       json={"text": _announcement("衢州市", "龙游县"), "name": "x.txt"})
        assert r.status_code == 201, r.text
        assert len(_graph(path)["documents"]) == 28  # nothing the load saved is gone
        assert httpx.get(f"{base}/stats").json()["documents"] == 28
    assert run_cli("stats", "--store", f"file:{path}", "--format", "json").stdout.count('"documents": 28') == 1


def test_posts_during_a_running_load_lose_nothing(loaded, tmp_path):
    path = tmp_path / "g.json"
    shutil.copy(loaded / "seeds.json", path)
    texts = [_announcement(c, k) for c, k in (("衢州市", "龙游县"), ("湖州市", "德清县"), ("丽水市", "缙云县"))]
    with live_server(f"file:{path}", token="t") as base:
        load = subprocess.Popen([*YILIAN, "load", ANNOUNCEMENTS, "--store", f"file:{path}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=FAST_CHECKPOINTS)
        posted = []
        for i, text in enumerate(texts):
            time.sleep(0.3)
            r = httpx.post(f"{base}/announcements", headers={"Authorization": "Bearer t"}, timeout=60,
                           json={"text": text, "name": f"p{i}.txt"})
            assert r.status_code == 201, r.text
            posted.append(r.json()["document"])
        assert load.wait(60) == 0, load.stderr.read()
        docs = _graph(path)["documents"]
        assert set(_graph(loaded / "both.json")["documents"]) | set(posted) == set(docs) and len(docs) == 30
        assert httpx.get(f"{base}/stats").json()["documents"] == 30
    assert _leftovers(tmp_path) == []


# -- file names that are not UTF-8 -----------------------------------------------------------------
def test_a_file_name_that_is_not_utf8_is_loaded_and_shown_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good, second = sorted(ANNOUNCEMENTS.glob("*.txt"))[:2]
    try:
        shutil.copy(good, os.path.join(os.fsencode(folder), b"\xff\xfe-bad.txt"))
        (folder.joinpath(os.fsdecode(b"\xff-empty.txt"))).write_text("only latin text here", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    shutil.copy(second, folder / "good.txt")
    store = tmp_path / "g.json"
    proc = run_cli("load", folder, "--store", f"file:{store}", check=False)
    assert proc.returncode == 1, proc.stderr  # 1: one file skipped (no Chinese text), the rest loaded
    assert "Traceback" not in proc.stderr
    assert f"skipped {folder}/\\xff-empty.txt: no Chinese text found" in proc.stderr
    paths = sorted(d["path"] for d in _graph(store)["documents"].values())
    assert paths == sorted([f"{folder}/\\xff\\xfe-bad.txt", f"{folder}/good.txt"])
    out = run_cli("extract", folder, check=False)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert f"skipped {folder}/\\xff-empty.txt" in out.stderr
    assert sorted(json.loads(line)["document"]["path"] for line in out.stdout.splitlines()) == paths


# -- store files that are not graphs ---------------------------------------------------------------
_NODE = {"id": "hospital-1", "label": "Hospital", "name": "某医院", "aliases": [], "documents": ["d1"]}
_BAD_STORES = {
    "array.json": "[]",
    "deep.json": "[" * 100_000 + "]" * 100_000,
    "deep_object.json": '{"format": 1, "documents": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001,
    "no_label.json": json.dumps({"format": 1, "documents": {}, "nodes": [{"id": "x", "name": "y"}], "edges": []}),
    "odd_label.json": json.dumps({"format": 1, "documents": {}, "nodes": [{**_NODE, "label": "Planet"}], "edges": []}),
    "documents_list.json": json.dumps({"format": 1, "documents": [], "nodes": [], "edges": []}),
    "dangling_edge.json": json.dumps({"format": 1, "documents": {}, "nodes": [_NODE], "edges": [
        {"source": "hospital-1", "target": "alliance-9", "key": "k", "type": "JOINS", "evidence": []}]}),
    "edge_without_key.json": json.dumps({"format": 1, "documents": {}, "nodes": [_NODE], "edges": [
        {"source": "hospital-1", "target": "hospital-1", "type": "SIGNS"}]}),
}


def _one_line_error(proc, *parts):
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    for part in parts:
        assert part in lines[0], (part, lines[0])


def test_store_files_that_are_not_graphs_get_one_line_errors_and_are_not_overwritten(tmp_path, seeds_available):
    seed = sorted(seeds_available.glob("*.txt"))[0]
    for name, text in _BAD_STORES.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        for args in (("stats",), ("load", seed)):
            proc = run_cli(*args, "--store", f"file:{path}", check=False)
            _one_line_error(proc, f"{path}: not a readable yilian graph file")
        assert path.read_text(encoding="utf-8") == text, name
    proc = run_cli("serve", "--store", f"file:{tmp_path / 'no_label.json'}", "--port", "9", check=False)
    _one_line_error(proc, "no_label.json: not a readable yilian graph file", "no known label")


def test_server_refuses_a_store_file_damaged_under_it_and_does_not_overwrite_it(loaded, tmp_path):
    path = tmp_path / "g.json"
    shutil.copy(loaded / "seeds.json", path)
    with live_server(f"file:{path}", token="t") as base:
        assert httpx.get(f"{base}/stats").json()["documents"] == 5
        damaged = _BAD_STORES["no_label.json"]
        (tmp_path / "d.tmp").write_text(damaged, encoding="utf-8")
        os.replace(tmp_path / "d.tmp", path)
        r = httpx.get(f"{base}/stats")
        assert r.status_code == 503 and "not a readable yilian graph file" in r.json()["error"]
        r = httpx.post(f"{base}/announcements", headers={"Authorization": "Bearer t"}, timeout=60,
                       json={"text": _announcement("衢州市", "龙游县"), "name": "x.txt"})
        assert r.status_code == 503, r.text
        assert path.read_text(encoding="utf-8") == damaged
        shutil.copy(loaded / "both.json", tmp_path / "d.tmp")  # repaired: the server follows
        os.replace(tmp_path / "d.tmp", path)
        assert httpx.get(f"{base}/stats").json()["documents"] == 27

"""`yilian load` at scale: worker processes and a file list as the queue give the same graph
as a plain sequential load."""
import subprocess

from conftest import FIXTURES, YILIAN, run_cli


def test_workers_and_files_from_give_the_same_graph_as_a_sequential_load(seeds_available, tmp_path):
    folders = [seeds_available, FIXTURES / "announcements"]
    run_cli("load", *folders, "--store", f"file:{tmp_path / 'one.json'}")
    run_cli("load", *folders, "--workers", "2", "--store", f"file:{tmp_path / 'two.json'}")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()

    listing = "\n".join(str(p) for folder in folders for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".html", ".htm"))
    proc = subprocess.run([*YILIAN, "load", "--files-from", "-", "--store", f"file:{tmp_path / 'list.json'}"],
                          input=listing, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    one = run_cli("stats", "--store", f"file:{tmp_path / 'one.json'}", "--format", "json").stdout
    assert run_cli("stats", "--store", f"file:{tmp_path / 'list.json'}", "--format", "json").stdout == one


def test_load_without_paths_is_an_error(tmp_path):
    proc = run_cli("load", "--store", f"file:{tmp_path / 'g.json'}", check=False)
    assert proc.returncode == 2 and "nothing to load" in proc.stderr
    assert not (tmp_path / "g.json").exists()

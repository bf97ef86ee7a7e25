"""A floor under the dev score: real announcements in ../shared/eval/dev, extracted and
scored by the shared scorer: overall and every category at least what issue 12 asks, so a
change that loses ground on real phrasings fails here."""
import pytest

from conftest import SHARED, run_cli, score

DEV = SHARED / "eval" / "dev"
FLOOR = 0.92
CATEGORY_FLOOR = 0.80


def test_dev_overall_f1_floor(tmp_path):
    if not (DEV / "texts").is_dir() or not (DEV / "gold").is_dir():
        pytest.skip(f"{DEV} is missing")
    proc = run_cli("extract", DEV / "texts", "--format", "jsonl", check=False)
    pred = tmp_path / "dev.jsonl"
    pred.write_text(proc.stdout, encoding="utf-8")
    result = score(DEV / "gold", pred)
    assert result["overall"] >= FLOOR, result["text"]
    low = {k: v[-1] for k, v in result.items() if isinstance(v, tuple) and v[-1] < CATEGORY_FLOOR}
    assert not low, result["text"]

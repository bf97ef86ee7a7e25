import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "gold"
SCORER = SHARED / "eval" / "score.py"
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = ROOT / "yilian" / "samples"
YILIAN = [sys.executable, "-m", "yilian.cli"]


def run_cli(*args, check=True, **kw):
    proc = subprocess.run([*YILIAN, *map(str, args)], capture_output=True, text=True, **kw)
    if check and proc.returncode != 0:
        raise AssertionError(f"yilian {' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def score(gold_dir: Path, pred_file: Path) -> dict:
    """Run the shared scorer; return {category: F1, 'overall': F1}."""
    proc = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold_dir), "--pred", str(pred_file)],
                          capture_output=True, text=True, check=True)
    result = {}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if line.startswith("overall F1"):
            result["overall"] = float(parts[-1])
        elif len(parts) == 7 and parts[0].isalpha() and parts[0] != "fact":
            result[parts[0]] = (int(parts[1]), int(parts[2]), int(parts[3]), float(parts[6]))
    result["text"] = proc.stdout
    return result


@pytest.fixture(scope="session")
def seeds_available():
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: CI runs with ../shared beside the checkout")
    return SEEDS

"""Extraction speed on a folder of announcements, after start-up (imports, lexicons,
gazetteer and segmenter loaded once). Usage: python benchmarks/extract_seeds.py [FOLDER] [ROUNDS]"""
import sys
import time
from pathlib import Path

from yilian.loaders import extract_paths


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/seeds")
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    t0 = time.perf_counter()
    first = list(extract_paths([folder]))
    startup_and_first = time.perf_counter() - t0
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        docs = list(extract_paths([folder]))
        times.append(time.perf_counter() - t)
    best, worst = min(times), max(times)
    print(f"{len(first)} documents; first pass incl. start-up {startup_and_first:.2f} s; "
          f"after start-up best {best:.3f} s, worst {worst:.3f} s ({len(docs) / best:.0f} documents/s)")


if __name__ == "__main__":
    main()

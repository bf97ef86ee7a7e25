"""loaders: announcements in, DocumentGraphs out.

    for item in extract_paths([Path("announcements/")]):
        if isinstance(item, Skipped): print(item.path, item.reason)
        else: print(item.to_json())
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from yilian.graph.model import DocumentGraph

from .pipeline import extract_file
from .read import ReadError, Skipped, discover


def _extract(path: Path | Skipped) -> DocumentGraph | Skipped:
    if isinstance(path, Skipped):
        return path
    try:
        return extract_file(path)
    except ReadError as err:
        return Skipped(path, str(err).removeprefix(f"{path}: "))
    except Exception as err:  # one bad file must not stop a batch
        return Skipped(path, f"extraction failed: {type(err).__name__}: {err}")


def extract_paths(paths: list[Path], workers: int = 1) -> Iterator[DocumentGraph | Skipped]:
    """Every announcement under `paths`, extracted, in file order; unreadable files come back
    as Skipped. With workers > 1, files are extracted by a pool of processes (extraction is
    CPU-bound Python, so threads would not help)."""
    pending = discover(paths)
    for path in pending:
        yield _extract(path)
        # The first document loads lexicons, gazetteer and segmenter here, before the forked
        # workers start, so they inherit them instead of each loading its own.
        if workers > 1 and not isinstance(path, Skipped):
            break
    else:
        return
    import multiprocessing

    with multiprocessing.Pool(workers) as pool:
        yield from pool.imap(_extract, pending, chunksize=4)


__all__ = ["extract_paths", "extract_file", "discover", "Skipped", "ReadError"]

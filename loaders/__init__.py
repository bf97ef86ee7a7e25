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


def extract_paths(paths: list[Path]) -> Iterator[DocumentGraph | Skipped]:
    """Every announcement under `paths`, extracted; unreadable files come back as Skipped."""
    for path in discover(paths):
        if isinstance(path, Skipped):
            yield path
            continue
        try:
            yield extract_file(path)
        except ReadError as err:
            yield Skipped(path, str(err).removeprefix(f"{path}: "))
        except Exception as err:  # one bad file must not stop a batch
            yield Skipped(path, f"extraction failed: {type(err).__name__}: {err}")


__all__ = ["extract_paths", "extract_file", "discover", "Skipped", "ReadError"]

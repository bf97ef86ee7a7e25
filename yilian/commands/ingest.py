"""`yilian extract` and `yilian load`: announcements in, JSON lines or a store out."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .common import StoreOption, _fail, _open, app, err


class Fmt(str, Enum):
    jsonl = "jsonl"


@app.command()
def extract(paths: list[Path] = typer.Argument(..., help="files or folders of *.txt, *.html, *.htm"),
            format: Fmt = typer.Option(Fmt.jsonl, "--format", help="output format")) -> None:
    """Print what each announcement says, one JSON object per document (no store involved)."""
    from yilian.loaders import Skipped, extract_paths
    from yilian.loaders.read import display_path

    skipped = 0
    for item in extract_paths(paths):
        if isinstance(item, Skipped):
            skipped += 1
            err.print(f"skipped {display_path(item.path)}: {item.reason}", markup=False, highlight=False, soft_wrap=True)
            continue
        sys.stdout.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if skipped:
        raise typer.Exit(1)


class _Checkpoints:
    """Save the store now and then during a load: every YILIAN_CHECKPOINT_SECONDS (default 5),
    but never more often than ten times the last save took (0: after every document, however
    long saving takes). A killed load of the embedded store keeps the documents merged up to its
    last checkpoint, each one whole, and loading again finishes the rest. (Neo4j commits as it
    goes; its flush does nothing.)"""

    def __init__(self, store):
        import os
        import time

        self.store, self.clock = store, time.monotonic
        try:
            self.every = float(os.environ.get("YILIAN_CHECKPOINT_SECONDS", "5"))
        except ValueError:
            self.every = 5.0
        self.last, self.cost = self.clock(), 0.0

    def __call__(self) -> None:
        start = self.clock()
        if start - self.last >= (max(self.every, 10 * self.cost) if self.every > 0 else 0):
            self.store.flush()
            self.last = self.clock()
            self.cost = self.last - start


def _load(paths: list[Path], store, strict: bool = False, quiet: bool = False, workers: int = 1) -> dict:
    from yilian.loaders import Skipped, discover, extract_paths
    from yilian.loaders.read import display_path

    total = sum(1 for p in discover(paths) if not isinstance(p, Skipped))
    summary = {"read": 0, "skipped": [], "nodes_added": 0, "edges_added": 0}
    with Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.fields[name]}"), console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("load", total=total, name="")

        def documents():
            for item in extract_paths(paths, workers=workers):
                path = display_path(item.path) if isinstance(item, Skipped) else item.document.path
                bar.update(task, advance=1, name=Path(path).name)
                if isinstance(item, Skipped):
                    summary["skipped"].append((path, item.reason))
                    if strict:  # stop here; the documents before it are still merged and saved
                        summary["stopped"] = True
                        return
                    continue
                summary["read"] += 1
                yield item
                checkpoint()  # runs once the store has merged `item`

        checkpoint = _Checkpoints(store)
        summary["nodes_added"], summary["edges_added"] = store.merge_many(documents())
    store.flush()
    return summary


def _print_summary(summary: dict, store_uri: str) -> None:
    err.print(f"read {summary['read']} documents, skipped {len(summary['skipped'])}; "
              f"added {summary['nodes_added']} nodes and {summary['edges_added']} edges to {store_uri}",
              markup=False, highlight=False, soft_wrap=True)
    for path, reason in summary["skipped"]:
        err.print(f"  skipped {path}: {reason}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def load(paths: list[Path] = typer.Argument(None, help="files or folders of announcements"),
         store: str = StoreOption,
         strict: bool = typer.Option(False, "--strict", help="treat a file that cannot be read as an error: stop there "
                                     "(the documents before it stay loaded) and exit 2"),
         workers: int = typer.Option(1, "--workers", "-w", min=1, help="extraction processes"),
         files_from: typer.FileText = typer.Option(None, "--files-from", help="a file listing paths, one per line ('-' = stdin)")) -> None:
    """Extract announcements and merge them into the store (idempotent)."""
    paths = list(paths or []) + [Path(line.strip()) for line in files_from or [] if line.strip()]
    if not paths:
        err.print("[red]error:[/] nothing to load: give files or folders, or --files-from LIST")
        raise typer.Exit(2)
    with _open(store, hint="; the documents written before it are whole: run the same load again to finish") as s:
        summary = _load(paths, s, strict=strict, workers=workers)
        _print_summary(summary, s.uri)
    # Exit status: 0 every file loaded; 1 some were skipped (each named above), the rest loaded;
    # 2 an error: the store failed, or --strict stopped at a file that could not be read.
    if summary.get("stopped"):
        _fail(f"--strict: stopped at {summary['skipped'][-1][0]} ({summary['skipped'][-1][1]}); "
              f"the {summary['read']} documents before it are loaded")
    if summary["skipped"]:
        raise typer.Exit(1)

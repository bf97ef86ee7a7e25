"""`yilian synth`: a synthetic announcement corpus with gold files (yilian/synth/)."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .common import app, err, out


@app.command()
def synth(docs: int = typer.Option(1000, "--docs", min=1, help="how many announcements"),
          seed: int = typer.Option(1, "--seed", help="same seed, same corpus"),
          output: Path = typer.Option(..., "-o", "--output", help="folder for the announcements (gold/ inside)")) -> None:
    """Write a synthetic announcement corpus with a gold annotation per document (for ../shared/eval/score.py)."""
    from yilian.synth import generate

    with Progress(TextColumn("writing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                  transient=True) as bar:
        task = bar.add_task("synth", total=docs)
        summary = generate(docs, seed, output, progress=lambda done: bar.update(task, completed=done))
    err.print(f"wrote {docs} announcements and their gold to {output}")
    out.print_json(json.dumps(summary, ensure_ascii=False))

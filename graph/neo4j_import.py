"""Bulk import into the local Neo4j: neo4j-admin's ``database import full`` over a CSV export.

``yilian export --format csv`` writes ``nodes*.csv`` and ``relationships*.csv`` with neo4j-admin headers
(``id:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``, ``name:string[]`` ...).  :func:`import_csv` hands every
such file to the importer (run in the launcher's JVM, ``--import`` mode), so whatever files and columns the export
writes go in as they are; a file without a ``:LABEL`` (``:TYPE``) column gets the label (type) its name ends with
(``nodes_Hospital.csv`` -> ``Hospital``).  The importer writes store files directly, far faster than transactions,
but only into an empty database of a stopped server: a server that runs is refused here, a database holding nodes by
the launcher.  Indexes and constraints are not part of the import: the Neo4j store sets them up the first time it
connects (``yilian stats --store bolt://...`` will do).

Example::

    yilian export --format csv -o /tmp/csv && yilian neo4j import /tmp/csv --data .yilian/neo4j && yilian neo4j start
"""
from __future__ import annotations

import csv
import re
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .exchange import ARRAY_DELIMITER
from .neo4j_server import Neo4jServerError, _jar, _java, _jvm_options, status

__all__ = ["ImportRefused", "ImportResult", "import_csv", "importer_arguments"]

LOG_NAME = "import.log"
REFUSED_EXIT = 3  # the launcher's exit status for "that database already holds nodes"


class ImportRefused(Neo4jServerError):
    """The target cannot take a bulk import (server running, database not empty); nothing was changed."""


@dataclass
class ImportResult:
    nodes: int
    relationships: int
    properties: int
    seconds: float            # the whole command: JVM start, emptiness check, import
    importer_seconds: float   # what the importer reports for itself
    files: list[Path] = field(default_factory=list)
    log: Path | None = None

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        try:
            return next(csv.reader(f))
        except StopIteration:
            raise ImportRefused(f"{path}: empty file (a neo4j-admin CSV starts with its header)") from None


def _suffix(path: Path, prefix: str) -> str:
    name = path.stem[len(prefix):].lstrip("_-")
    if not name:
        raise ImportRefused(f"{path}: no :{'LABEL' if prefix == 'nodes' else 'TYPE'} column and no name to take it "
                            f"from ({prefix}_<NAME>.csv)")
    return name


def importer_arguments(folder: Path, array_delimiter: str = ARRAY_DELIMITER) -> tuple[list[str], list[Path]]:
    """neo4j-admin import options for every ``nodes*.csv`` / ``relationships*.csv`` in ``folder``, checked against
    their headers; and the files."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ImportRefused(f"{folder}: not a folder (give the folder `yilian export --format csv -o` wrote)")
    nodes, relationships = sorted(folder.glob("nodes*.csv")), sorted(folder.glob("relationships*.csv"))
    if not nodes:
        raise ImportRefused(f"{folder}: no nodes*.csv files (write them with `yilian export --format csv -o {folder}`)")
    args = [f"--array-delimiter=U+{ord(array_delimiter):04X}",
            # sentences and titles may hold line breaks inside quoted fields
            "--multiline-fields=true"]
    for path in nodes:
        columns = [c.split(":", 1)[-1].split("(")[0] if ":" in c else "" for c in _header(path)]
        if "ID" not in columns:
            raise ImportRefused(f"{path}: the header has no :ID column (e.g. id:ID)")
        label = "" if "LABEL" in columns else _suffix(path, "nodes") + "="
        args.append(f"--nodes={label}{path.resolve()}")
    for path in relationships:
        columns = [c.split(":", 1)[-1].split("(")[0] if ":" in c else "" for c in _header(path)]
        missing = [c for c in ("START_ID", "END_ID") if c not in columns]
        if missing:
            raise ImportRefused(f"{path}: the header lacks {', '.join(':' + c for c in missing)}")
        rtype = "" if "TYPE" in columns else _suffix(path, "relationships") + "="
        args.append(f"--relationships={rtype}{path.resolve()}")
    return args, nodes + relationships


_DONE = re.compile(r"IMPORT DONE in (.+?)\.\s*\n\s*Imported:\s*\n\s*(\d+) nodes\s*\n\s*(\d+) relationships\s*\n\s*(\d+) properties")
_STAGE = re.compile(r"^\(\d/\d\) .+|^.+ COMPLETED in .+$|^IMPORT DONE.*$", re.M)


def _duration(text: str) -> float:
    """neo4j's '1m 4s 506ms' -> seconds."""
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
    return sum(float(n) * units[u] for n, u in re.findall(r"(\d+)(ms|h|m|s)\b", text))


def import_csv(folder: Path, data_dir: Path, *, heap: str = "1g", say: Callable[[str], None] | None = None) -> ImportResult:
    """Bulk-import the CSV export in ``folder`` into the (stopped) local server of ``data_dir``.

    Raises :class:`ImportRefused` when the server runs or its database holds nodes (nothing changed), and
    :class:`Neo4jServerError` when the importer fails (the tail of ``data_dir/logs/import.log`` in the message).
    ``say`` receives the importer's stage lines as they come.
    """
    data_dir = Path(data_dir).resolve()
    if status(data_dir)["running"]:
        raise ImportRefused(f"the Neo4j server of {data_dir} is running; the importer writes the store files itself: "
                            f"stop it first (yilian neo4j stop --data {data_dir})")
    args, files = importer_arguments(folder)
    java, jar = _java(), _jar()
    log_path = data_dir / "logs" / LOG_NAME
    log_path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [java, *_jvm_options(jar, heap), "-jar", str(jar), "--import", "--data-dir", str(data_dir), "--", *args]
    t0 = time.monotonic()
    lines: list[str] = []
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, encoding="utf-8", errors="replace", cwd=str(data_dir))
        try:
            for line in proc.stdout:
                log.write(line)
                lines.append(line)
                if say and _STAGE.match(line.strip()):
                    say(line.strip())
            code = proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    seconds = time.monotonic() - t0
    output = "".join(lines)
    refused = next((x for x in lines if x.startswith("REFUSED ")), None)
    if code == REFUSED_EXIT and refused:
        raise ImportRefused(refused[len("REFUSED "):].strip())
    done = _DONE.search(output)
    if code != 0 or not done:
        tail = "\n".join(output.splitlines()[-25:])
        raise Neo4jServerError(f"neo4j-admin database import failed (exit {code}); full log: {log_path}\n{tail}")
    return ImportResult(nodes=int(done[2]), relationships=int(done[3]), properties=int(done[4]),
                        seconds=round(seconds, 2), importer_seconds=round(_duration(done[1]), 3), files=files,
                        log=log_path)

"""`yilian cypher`: Cypher from the terminal against a Neo4j store, one query or an interactive shell.

Every query runs in one explicit transaction, READ unless the caller asks for WRITE: in a read transaction Neo4j
itself refuses any write (Neo.ClientError.Statement.AccessMode), so the read-only promise does not rest on parsing
the query here.  The shell reads statements up to an unquoted `;` (several lines, or several on one line), keeps a
readline history, and knows :help and :exit.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_URI = "bolt://127.0.0.1:7687"
HISTORY_ENV = "YILIAN_CYPHER_HISTORY"
NEO4J_SCHEMES = ("bolt://", "neo4j://", "bolt+s://", "neo4j+s://", "bolt+ssc://", "neo4j+ssc://")


class ConsoleError(Exception):
    """A query or connection failure, already worded for the user; `code` is the exit status it deserves."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


@dataclass
class Answer:
    columns: list[str]
    rows: list[list]
    counters: dict = field(default_factory=dict)
    millis: float = 0.0


def resolve_uri(store: str | None) -> str:
    """--store, else YILIAN_STORE when it names a Neo4j server, else the local server's Bolt address."""
    uri = store or (os.environ.get("YILIAN_STORE") or "")
    if not uri.startswith(NEO4J_SCHEMES):
        if store:
            raise ConsoleError(f"{store}: yilian cypher needs a Neo4j store (bolt://HOST:PORT), "
                               "not the embedded file", code=2)
        uri = DEFAULT_URI
    return uri


def connect(uri: str):
    """A driver that has reached the server and been accepted, or ConsoleError (exit 2) saying why not."""
    import neo4j

    from yilian.graph.neo4j_store import parse_uri, whose_auth

    address, auth = parse_uri(uri)
    try:
        driver = neo4j.GraphDatabase.driver(address, auth=auth, connection_timeout=10,
                                            notifications_min_severity="OFF")
    except (ValueError, neo4j.exceptions.ConfigurationError) as e:
        raise ConsoleError(f"{address}: not a Neo4j address ({e})", code=2) from e
    try:
        driver.verify_connectivity()
    except neo4j.exceptions.AuthError as e:
        driver.close()
        raise ConsoleError(f"{address}: Neo4j refused the credentials: {whose_auth(uri, auth)}; "
                           "set NEO4J_AUTH=user/password", code=2) from e
    except (neo4j.exceptions.ServiceUnavailable, OSError) as e:
        driver.close()
        raise ConsoleError(f"{address}: cannot reach Neo4j ({e}); is it running? (yilian neo4j start)", code=2) from e
    return driver


def run(driver, query: str, params: dict | None = None, *, write: bool = False, timeout: float = 60) -> Answer:
    """Run one statement in a READ (or WRITE) transaction and commit it; ConsoleError with Neo4j's reason."""
    import neo4j

    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    t0 = time.monotonic()
    try:
        with driver.session(default_access_mode=mode) as session:
            with session.begin_transaction(timeout=timeout) as tx:
                result = tx.run(query, params or {})
                rows = [list(record.values()) for record in result]
                columns = list(result.keys())
                summary = result.consume()
                tx.commit()
    except neo4j.exceptions.CypherSyntaxError as e:
        # Neo4j's message names line, column and offset and underlines the spot
        raise ConsoleError(f"syntax error: {e.message}") from e
    except neo4j.exceptions.ClientError as e:
        if e.code == "Neo.ClientError.Statement.AccessMode" or "read access mode" in (e.message or ""):
            raise ConsoleError("refused: this query writes, and yilian cypher runs read transactions unless --write "
                               f"is given ({e.message})") from e
        raise ConsoleError(f"{e.code}: {e.message}") from e
    except neo4j.exceptions.Neo4jError as e:
        raise ConsoleError(f"{e.code}: {e.message}") from e
    except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as e:
        raise ConsoleError(f"lost the connection to Neo4j ({e})", code=2) from e
    counters = {k: v for k, v in vars(summary.counters).items() if isinstance(v, int) and v and not k.startswith("_")}
    return Answer(columns, rows, counters, round((time.monotonic() - t0) * 1000, 1))


# -- showing values ----------------------------------------------------------------------------------------------


def plain(value):
    """A Neo4j value as JSON: a node {labels, properties}, a relationship {type, properties}, a path its parts."""
    import neo4j.graph as g

    if isinstance(value, g.Node):
        return {"labels": sorted(value.labels), "properties": plain(dict(value))}
    if isinstance(value, g.Relationship):
        return {"type": value.type, "properties": plain(dict(value))}
    if isinstance(value, g.Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def cell(value, width: int = 80) -> str:
    """A short text for a table cell: (:Label {name: …}) for a node, -[:TYPE]-> for a relationship."""
    import neo4j.graph as g

    def props(entity) -> str:
        items = dict(entity)
        # the name first: it is what a reader looks for
        keys = sorted(items, key=lambda k: (k != "name", k not in ("id", "title", "code"), k))
        return ", ".join(f"{k}: {json.dumps(plain(items[k]), ensure_ascii=False)}" for k in keys if k != "search_text")

    if isinstance(value, g.Node):
        text = f"(:{':'.join(sorted(value.labels))} {{{props(value)}}})"
    elif isinstance(value, g.Relationship):
        text = f"-[:{value.type} {{{props(value)}}}]->"
    elif isinstance(value, str):
        text = value
    elif value is None:
        text = ""
    else:
        text = json.dumps(plain(value), ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def render(answer: Answer, fmt: str, console, write_text: Callable[[str], None]) -> None:
    if fmt == "json":
        write_text(json.dumps([dict(zip(answer.columns, map(plain, row))) for row in answer.rows],
                              ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(answer.columns)
        for row in answer.rows:
            w.writerow(["" if v is None else v if isinstance(v, (str, int, float)) else
                        json.dumps(plain(v), ensure_ascii=False) for v in row])
        write_text(buf.getvalue())
    else:
        from rich.table import Table

        if answer.columns:
            table = Table(show_lines=False)
            for column in answer.columns:
                table.add_column(column, overflow="fold")
            for row in answer.rows:
                table.add_row(*(cell(v) for v in row))
            console.print(table)


def summary_line(answer: Answer) -> str:
    done = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(answer.counters.items()))
    return f"{len(answer.rows)} row{'s' * (len(answer.rows) != 1)} in {answer.millis:g} ms" + (f"; {done}" if done else "")


# -- the shell ---------------------------------------------------------------------------------------------------


def split_statements(text: str) -> tuple[list[str], str]:
    """Statements ended by a `;` outside quotes, backticks and // comments; and the unfinished rest."""
    done, start, quote, i = [], 0, None, 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\" and quote != "`":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif ch == ";":
            statement = text[start:i].strip()
            if statement:
                done.append(statement)
            start = i + 1
        i += 1
    return done, text[start:]


HELP = """End a statement with ';' (it may span lines). Commands:
  :help   this text
  :exit   leave (also :quit, Ctrl-D); Ctrl-C drops the statement being typed
Read-only unless the shell was started with --write."""


def _history() -> Path:
    return Path(os.environ.get(HISTORY_ENV) or Path.home() / ".yilian_cypher_history")


def shell(driver, *, write: bool, fmt: str, timeout: float, console, err, write_text: Callable[[str], None]) -> int:
    """Read statements (from the terminal with prompts and history, or piped in), run each, show the answer or the
    error, go on. Returns how many statements failed."""
    interactive = sys.stdin.isatty()
    if interactive:
        import atexit
        import readline

        history = _history()
        try:
            readline.read_history_file(history)
        except OSError:
            pass
        readline.set_history_length(1000)
        atexit.register(lambda: _save_history(readline, history))
        err.print(f"{'read-write' if write else 'read-only (start with --write to change data)'}; "
                  "end statements with ';', :help, :exit", highlight=False)
    pending, failures = "", 0

    def next_line(prompt: str) -> str:
        if interactive:
            return input(prompt)
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")

    while True:
        try:
            line = next_line("neo4j> " if not pending.strip() else "  ...> ")
        except EOFError:
            break
        except KeyboardInterrupt:
            err.print("^C")
            pending = ""
            continue
        if not pending.strip() and line.strip().startswith(":"):
            command = line.strip().split()[0].lower()
            if command in (":exit", ":quit", ":q"):
                break
            err.print(HELP if command == ":help" else f"unknown command {command}; :help lists them", highlight=False)
            continue
        statements, pending = split_statements(pending + line + "\n")
        for statement in statements:
            failures += not _run_one(driver, statement, write, fmt, timeout, console, err, write_text)
    if pending.strip():  # input ended without the final ';'
        failures += not _run_one(driver, pending.strip(), write, fmt, timeout, console, err, write_text)
    return failures


def _run_one(driver, statement, write, fmt, timeout, console, err, write_text) -> bool:
    from rich.markup import escape

    try:
        answer = run(driver, statement, write=write, timeout=timeout)
    except ConsoleError as e:
        err.print(f"[red]error:[/] {escape(str(e))}", highlight=False, soft_wrap=True)
        if e.code == 2:
            raise
        return False
    render(answer, fmt, console, write_text)
    err.print(summary_line(answer), style="dim", highlight=False)
    return True


def _save_history(readline, path: Path) -> None:
    try:
        readline.write_history_file(path)
    except OSError:
        pass

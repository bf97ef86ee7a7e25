"""What every command shares: the Typer app, the consoles, the --store option, and opening a
store so that a failing store ends the command with one line and exit status 2."""
from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console


app = typer.Typer(help="yilian (医联): a knowledge graph of Chinese hospital alliances.", no_args_is_help=True,
                  add_completion=False)
out = Console()
err = Console(stderr=True)

StoreOption = typer.Option(None, "--store", help="file:PATH (embedded, default file:yilian.graph.json) or bolt://… ; env YILIAN_STORE")


def _fail(message: object, code: int = 2) -> NoReturn:
    """One line on stderr (the driver's multi-line messages folded), then exit `code`."""
    from rich.markup import escape

    err.print(f"[red]error:[/] {escape(' '.join(str(message).split()))}", soft_wrap=True, highlight=False)
    raise typer.Exit(code)


def _store_failure(exc: BaseException) -> str | None:
    """What went wrong, if `exc` is the store failing (not a bug): one line for the user."""
    from yilian.graph.store import StoreError

    if isinstance(exc, StoreError):
        return str(exc)
    if not type(exc).__module__.startswith("neo4j"):
        return None
    import neo4j.exceptions as ne

    if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired)):
        return f"cannot reach Neo4j: it stopped or the connection broke ({exc})"
    if isinstance(exc, ne.AuthError):
        return f"Neo4j refused the credentials ({exc})"
    if isinstance(exc, ne.Neo4jError):
        return f"Neo4j refused the request ({exc.code}: {exc.message})"
    if isinstance(exc, ne.DriverError):
        return f"Neo4j driver error ({type(exc).__name__}: {exc})"
    return None


class _Guarded:
    """An open store as a context manager: a store that fails mid-command (Neo4j stopped,
    a write refused) ends the command with one line on stderr and exit status 2, not a traceback."""

    def __init__(self, store, hint: str = ""):
        self.store, self.hint = store, hint

    def __enter__(self):
        return self.store

    def close(self) -> None:
        self.store.close()

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            self.store.__exit__(exc_type, exc, tb)  # close; the embedded store saves what was merged
        except Exception as close_error:  # e.g. the final save failed
            if exc is None and _store_failure(close_error) is None:
                raise
            exc = exc or close_error
        if exc is None or isinstance(exc, typer.Exit):
            return False
        why = _store_failure(exc)
        if why is None:
            return False
        where = self.store.uri.split("@")[-1]
        _fail(f"{why if why.startswith(where) else f'{where}: {why}'}{self.hint}")


def _open(uri: str | None, hint: str = "") -> _Guarded:
    from yilian.graph.store import StoreError, open_store

    try:
        store = open_store(uri)
    except StoreError as e:
        _fail(e)
    if hasattr(store, "on_wait"):  # the embedded file, when another process is saving it
        store.on_wait = lambda message: err.print(message, markup=False, highlight=False, soft_wrap=True)
    return _Guarded(store, hint)

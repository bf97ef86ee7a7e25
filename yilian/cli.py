"""The `yilian` command line: the Typer app with every command group of yilian/commands/.
Importing a group's module registers its commands on `app`, in this order in `--help`."""
from yilian.commands import ingest  # noqa: F401  extract, load
from yilian.commands import browse  # noqa: F401  stats, show, query, analyze, view
from yilian.commands import serve  # noqa: F401  serve, demo
from yilian.commands import exchange  # noqa: F401  export, import
from yilian.commands import synth  # noqa: F401  synth
from yilian.commands import neo4j  # noqa: F401  neo4j start|stop|status|import, cypher
from yilian.commands.common import app

__all__ = ["app"]

if __name__ == "__main__":
    app()

"""The house rules of the code base: no product file over 500 lines, no import circle between
files (counting imports inside functions too), and stores found by URI scheme without
`graph/store.py` naming a backend."""
import ast
from pathlib import Path

import networkx as nx
import pytest

from yilian.graph.store import BACKENDS, Store, StoreError, open_store, scheme_of, store_class

ROOT = Path(__file__).resolve().parents[1]
# Folder → the package it installs as (pyproject.toml's package-dir).
PRODUCT = {"yilian": "yilian", "loaders": "yilian.loaders", "graph": "yilian.graph",
           "queries": "yilian.queries", "api": "yilian.api"}
MAX_LINES = 500


def product_modules() -> dict[str, Path]:
    modules = {}
    for folder, package in PRODUCT.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join([package, *parts])] = path
    return modules


def import_graph() -> nx.DiGraph:
    modules = product_modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else []))
                # `from pkg import name` imports pkg, and pkg.name when name is a module
                targets = [base] if node.module else []
                targets += [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph.add_edge(name, target, line=node.lineno)
    return graph


def test_no_product_file_over_500_lines():
    long = {str(p.relative_to(ROOT)): n for p in product_modules().values()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these by job (at most {MAX_LINES} lines each): {long}"


def test_no_import_circle_between_files():
    graph = import_graph()
    assert graph.number_of_edges() > 50  # the walk really found the imports
    cycles = sorted(" -> ".join(c + [c[0]]) for c in nx.simple_cycles(graph))
    assert not cycles, "import circles:\n" + "\n".join(cycles)


def test_store_interface_imports_no_backend():
    imported = set(import_graph().successors("yilian.graph.store"))
    assert imported == {"yilian.graph.model"}


@pytest.mark.parametrize("scheme", sorted(BACKENDS))
def test_every_scheme_resolves_to_a_store_class(scheme):
    cls = store_class(scheme)
    assert issubclass(cls, Store) and "from_uri" in vars(cls)  # its own, not the interface's


@pytest.mark.parametrize("uri, scheme", [("graph.json", "file"), ("file:/tmp/g.json", "file"),
                                         (r"C:\data\graph.json", "file"), ("bolt+s://db:7687", "bolt+s"),
                                         ("NEO4J://db", "neo4j")])
def test_scheme_of(uri, scheme):
    assert scheme_of(uri) == scheme


def test_unknown_scheme_names_the_known_ones():
    with pytest.raises(StoreError, match=r"unknown store scheme 'redis'.*file:PATH.*bolt://"):
        open_store("redis://127.0.0.1:6379")


def test_a_plain_path_opens_the_embedded_store(tmp_path):
    with open_store(str(tmp_path / "g.json")) as store:
        assert type(store).__name__ == "EmbeddedStore"
        assert store.uri == f"file:{tmp_path / 'g.json'}"

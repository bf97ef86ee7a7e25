"""What ad-hoc Cypher (`POST /cypher`) may run: decided by Neo4j's own plan, not by keywords.

A query is allowed when Neo4j plans it (`EXPLAIN`, nothing runs) as a read (`query_type`
"r") made only of read operators, calling only the listed read procedures. Everything else is
refused with the reason: LOAD CSV reads files and fetches URLs, SHOW/TERMINATE and admin
commands reach other clients and the server's settings, writes change the graph.

Two checks run before the plan is asked for, because Neo4j's parser itself is the resource at
risk there: nesting deeper than MAX_NESTING (hundreds of parentheses or CASEs take Neo4j's
parser minutes to reject), and range() lists longer than MAX_RANGE (expression loops inside one
row are not interrupted by Neo4j's transaction timeout).
"""
from __future__ import annotations

import re

MAX_NESTING = 48
MAX_RANGE = 100_000

# Operators of read plans (Neo4j 5 names, without the "@database" suffix).
READ_OPERATORS = frozenset("""
ProduceResults Projection Filter Limit ExhaustiveLimit Skip Sort PartialSort Top PartialTop Distinct
OrderedDistinct EagerAggregation OrderedAggregation Eager CacheProperties Argument EmptyRow Optional
Apply SemiApply AntiSemiApply SelectOrSemiApply SelectOrAntiSemiApply LetSemiApply LetAntiSemiApply
LetSelectOrSemiApply LetSelectOrAntiSemiApply ConditionalApply AntiConditionalApply RollUpApply
CartesianProduct NodeHashJoin NodeLeftOuterHashJoin NodeRightOuterHashJoin ValueHashJoin Unwind Union
OrderedUnion Anti ProjectEndpoints AssertSameNode AssertSameRelationship NullifyMetadata
AllNodesScan NodeByLabelScan UnionNodeByLabelsScan IntersectionNodeByLabelsScan SubtractionNodeByLabelsScan
NodeByIdSeek NodeByElementIdSeek NodeIndexSeek NodeUniqueIndexSeek MultiNodeIndexSeek AssertingMultiNodeIndexSeek
NodeIndexSeekByRange NodeUniqueIndexSeekByRange NodeIndexScan NodeIndexContainsScan NodeIndexEndsWithScan
NodeCountFromCountStore RelationshipCountFromCountStore
DirectedAllRelationshipsScan UndirectedAllRelationshipsScan DirectedRelationshipTypeScan
UndirectedRelationshipTypeScan DirectedUnionRelationshipTypesScan UndirectedUnionRelationshipTypesScan
DirectedRelationshipByIdSeek UndirectedRelationshipByIdSeek DirectedRelationshipByElementIdSeek
UndirectedRelationshipByElementIdSeek DirectedRelationshipIndexSeek UndirectedRelationshipIndexSeek
DirectedRelationshipIndexScan UndirectedRelationshipIndexScan DirectedRelationshipIndexSeekByRange
UndirectedRelationshipIndexSeekByRange DirectedRelationshipIndexContainsScan
UndirectedRelationshipIndexContainsScan DirectedRelationshipIndexEndsWithScan
UndirectedRelationshipIndexEndsWithScan DirectedRelationshipUniqueIndexSeek
UndirectedRelationshipUniqueIndexSeek
Expand(All) Expand(Into) OptionalExpand(All) OptionalExpand(Into) VarLengthExpand(All) VarLengthExpand(Into)
VarLengthExpand(Pruning) VarLengthExpand(Pruning,BFS) BFSPruningVarExpand ShortestPath
StatefulShortestPath(All) StatefulShortestPath(Into) Trail Repeat(Trail) TriadicSelection TriadicBuild
TriadicFilter
""".split())

# Read-only procedures worth having: full-text search and what the graph's schema looks like.
READ_PROCEDURES = frozenset({
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships", "db.labels",
    "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization", "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
})

_EXPLAINED = {"LoadCSV": "LOAD CSV (it reads files and URLs)", "TransactionApply": "CALL … IN TRANSACTIONS"}


class Refused(Exception):
    """The query is not a plain read of the graph; the message says why."""


def _code(query: str) -> list[tuple[str, str]]:
    """The query as (kind, text) tokens with string literals, quoted names and comments
    recognised, so nothing inside them is mistaken for code and no code hides in them."""
    tokens, i, n = [], 0, len(query)
    while i < n:
        c = query[i]
        if c in "'\"`":
            j = i + 1
            while j < n and query[j] != c:
                j += 2 if query[j] == "\\" and c != "`" else 1
            tokens.append(("string", query[i:j + 1]))
            i = j + 1
        elif query.startswith("//", i):
            j = query.find("\n", i)
            i = n if j < 0 else j
        elif query.startswith("/*", i):
            j = query.find("*/", i + 2)
            i = n if j < 0 else j + 2
        else:
            m = re.compile(r"[A-Za-z_][A-Za-z_0-9.]*|-?\d+|\s+|.", re.S).match(query, i)
            tokens.append(("word" if m.group()[0].isalpha() or m.group()[0] == "_" else "other", m.group()))
            i = m.end()
    return [t for t in tokens if not t[1].isspace()]


def check_text(query: str, params: dict | None = None) -> None:
    """Refuse what would cost Neo4j's parser or an uninterruptible loop too much."""
    depth = deepest = 0
    tokens = _code(query)
    for kind, text in tokens:
        word = text.upper() if kind == "word" else text
        if word in ("(", "[", "{", "CASE"):
            depth += 1
            deepest = max(deepest, depth)
        elif word in (")", "]", "}", "END"):
            depth -= 1
    if deepest > MAX_NESTING:
        raise Refused(f"the query nests {deepest} levels deep (at most {MAX_NESTING})")
    for i, (kind, text) in enumerate(tokens):
        if kind == "word" and text.lower() == "range" and i + 1 < len(tokens) and tokens[i + 1][1] == "(":
            _check_range(tokens[i + 2:], params or {})


def _check_range(tokens: list[tuple[str, str]], params: dict) -> None:
    """range(a, b[, step]) with literal or integer-parameter bounds spanning at most MAX_RANGE values."""
    args: list[list[str]] = [[]]
    for _, text in tokens:
        if text == ")":
            break
        if text == ",":
            args.append([])
        else:
            args[-1].append(text)
    values = []
    for arg in args:
        if len(arg) == 1 and re.fullmatch(r"-?\d+", arg[0]):
            values.append(int(arg[0]))
        elif len(arg) == 2 and arg[0] == "$" and type(params.get(arg[1])) is int:
            values.append(params[arg[1]])
        else:
            raise Refused("range() takes only integer literals or integer parameters as bounds here")
    if len(values) not in (2, 3):
        raise Refused("range() takes two or three bounds")
    step = values[2] if len(values) == 3 else 1
    if step == 0 or (values[1] - values[0]) // step + 1 > MAX_RANGE:
        raise Refused(f"range() may produce at most {MAX_RANGE:,} values here")


def check_plan(plan: dict, query_type: str | None) -> None:
    """Refuse a plan that is not a read made of read operators and allowed procedures."""
    stack, unknown = [plan], None
    while stack:
        op = stack.pop()
        name, _, database = op.get("operatorType", "").partition("@")
        if database == "system" or name == "AdministrationCommand":
            raise Refused("administration commands are not allowed; only plain reads of the graph")
        if name == "ProcedureCall":
            details = str((op.get("args") or {}).get("Details", ""))
            procedure = details.split("(", 1)[0].strip()
            if procedure not in READ_PROCEDURES:
                raise Refused(f"procedure {procedure or '?'} is not allowed; allowed: {', '.join(sorted(READ_PROCEDURES))}")
        elif name in _EXPLAINED or name.startswith(("Show", "Terminate")):
            raise Refused(f"{_EXPLAINED.get(name) or f'SHOW/TERMINATE commands ({name})'}: not allowed; "
                          "only plain reads of the graph")
        elif name not in READ_OPERATORS:
            unknown = unknown or name
        stack.extend(op.get("children") or [])
    if query_type != "r":
        kinds = {"w": "writes", "rw": "reads and writes", "s": "changes the schema"}
        raise Refused(f"this query {kinds.get(query_type, 'is not a read')}; only plain reads of the graph")
    if unknown:
        raise Refused(f"operator {unknown} is not allowed; only plain reads of the graph")

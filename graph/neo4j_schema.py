"""The Neo4j schema: constraints and indexes, the version on `(:YilianSchema)`, and the
migrations that upgrade an older store in place.

Version 3 bounds provenance (docs/graph-model.md): `(:Document)-[:MENTIONS]->(node)` replaces
the node list `documents`; a document keeps the facts it states (`facts`, `sentences`), and an
edge a sample of its evidence with `evidence_count`. Every migration step works in batches of
its own transactions and skips what it already did, so an interrupted upgrade is finished by
opening the store again.
"""
from __future__ import annotations

from .model import EVIDENCE_SAMPLE, NODE_LABELS
from .neo4j_rows import ALIASED

SCHEMA_VERSION = 4  # 2: TEXT index on Hospital.search_text; 3: MENTIONS, bounded evidence; 4: label Aliased
FULLTEXT = "yilian_names"
LABELS = "|".join(NODE_LABELS)


def schema_statements() -> list[str]:
    stmts = [f"CREATE CONSTRAINT yilian_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
             for label in NODE_LABELS]
    stmts += [
        "CREATE CONSTRAINT yilian_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
        "CREATE CONSTRAINT yilian_region_code IF NOT EXISTS FOR (r:Region) REQUIRE r.code IS UNIQUE",
    ]
    stmts += [f"CREATE INDEX yilian_{label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)" for label in NODE_LABELS]
    stmts.append("CREATE TEXT INDEX yilian_hospital_search IF NOT EXISTS FOR (n:Hospital) ON (n.search_text)")
    stmts.append(f"CREATE FULLTEXT INDEX {FULLTEXT} IF NOT EXISTS FOR (n:{LABELS}) ON EACH [n.search_text] "
                 "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}")
    return stmts


# v2 -> v3. Each statement runs in transactions of a few hundred rows and only touches what is
# still in the old shape, so running it again (after a crash, or on a v3 store) does nothing.
MIGRATE_TO_3 = [
    # A document that a v2 list names but whose node is missing would lose its provenance: make it.
    f"""MATCH (n:{LABELS}) WHERE n.documents IS NOT NULL
CALL {{ WITH n
  CALL {{ WITH n
    UNWIND n.documents AS doc
    MERGE (d:Document {{id: doc}})
    MERGE (d)-[:MENTIONS]->(n)
  }}
  REMOVE n.documents
}} IN TRANSACTIONS OF 500 ROWS""",
    # Each piece of evidence moves to its document's own list of facts (grouped per document, so
    # one document's sentences are appended in one step); the edge keeps the count and the sample.
    # A (key, sentence) pair the document already lists is not added again, so a replay adds nothing.
    f"""MATCH ()-[r]->() WHERE r.evidence_documents IS NOT NULL AND r.evidence_count IS NULL
CALL {{ WITH r
  CALL {{ WITH r
    UNWIND range(0, size(r.evidence_documents) - 1) AS i
    WITH r, r.evidence_documents[i] AS doc, collect(r.evidence_sentences[i]) AS sentences
    MERGE (d:Document {{id: doc}})
    WITH r, d, reduce(acc = [coalesce(d.facts, []), coalesce(d.sentences, [])], s IN sentences |
         CASE WHEN any(j IN range(0, size(acc[0]) - 1) WHERE acc[0][j] = r.key AND acc[1][j] = s) THEN acc
              ELSE [acc[0] + r.key, acc[1] + s] END) AS acc
    SET d.facts = acc[0], d.sentences = acc[1]
  }}
  WITH r, [i IN range(0, size(r.evidence_documents) - 1) | [r.evidence_documents[i], r.evidence_sentences[i]]] AS pairs
  CALL {{ WITH pairs UNWIND pairs AS p WITH DISTINCT p ORDER BY p[0], p[1] RETURN collect(p) AS sorted }}
  SET r.evidence_count = size(sorted),
      r.evidence_documents = [p IN sorted[0..{EVIDENCE_SAMPLE}] | p[0]],
      r.evidence_sentences = [p IN sorted[0..{EVIDENCE_SAMPLE}] | p[1]]
}} IN TRANSACTIONS OF 500 ROWS""",
    # Relationships v2 left without evidence lists (PART_OF) count none.
    """MATCH ()-[r]->() WHERE r.key IS NOT NULL AND r.evidence_count IS NULL
CALL { WITH r SET r.evidence_count = 0, r.evidence_documents = [], r.evidence_sentences = [] } IN TRANSACTIONS OF 1000 ROWS""",
    "MATCH (d:Document) WHERE d.facts IS NULL CALL { WITH d SET d.facts = [], d.sentences = [] } IN TRANSACTIONS OF 1000 ROWS",
]

# v3 -> v4: nodes with aliases carry the label Aliased (graph/neo4j_rows.ALIASED).
MIGRATE_TO_4 = [
    f"""MATCH (n:{LABELS}) WHERE size(n.aliases) > 0 AND NOT n:{ALIASED}
CALL (n) {{ SET n:{ALIASED} }} IN TRANSACTIONS OF 1000 ROWS""",
]

MIGRATIONS = {3: MIGRATE_TO_3, 4: MIGRATE_TO_4}  # target version -> statements (from the version before it)

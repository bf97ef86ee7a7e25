// purpose: Partners of a hospital: hospitals in an alliance with it (leading or joining) and hospitals it signed with.
// params: id (hospital id, required); kind (alliance kind); specialty (text in the specialty);
//         region (GB/T 2260 code: partner located under it); as_of (YYYY-MM-DD: alliances founded / agreements signed by then)
// evidence: each link's sample (its first sentences by document id; edges keep evidence_count and a few)
// example: yilian query partners --param id=hospital-c9e85698953d --param kind=专科联盟
MATCH (h:Hospital {id: $id})-[r1:LEADS|JOINS]->(a:Alliance)<-[r2:LEADS|JOINS]-(p:Hospital)
WHERE p <> h
  AND ($kind IS NULL OR a.kind = $kind)
  AND ($specialty IS NULL OR a.specialty CONTAINS $specialty)
  AND ($as_of IS NULL OR a.founded IS NULL OR a.founded <= $as_of)
  AND ($region IS NULL OR EXISTS { (p)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..3]->(:Region {code: $region}) })
RETURN p.id AS partner_id, p.name AS partner, 'alliance' AS via, a.id AS alliance_id, a.name AS alliance,
       a.kind AS kind, a.specialty AS specialty, null AS date,
       [i IN range(0, size(r2.evidence_documents) - 1) | {document: r2.evidence_documents[i], sentence: r2.evidence_sentences[i]}] +
       [i IN range(0, size(r1.evidence_documents) - 1) | {document: r1.evidence_documents[i], sentence: r1.evidence_sentences[i]}] AS evidence
UNION ALL
MATCH (h:Hospital {id: $id})-[s:SIGNS]-(p:Hospital)
WHERE $kind IS NULL AND $specialty IS NULL
  AND ($as_of IS NULL OR s.date IS NULL OR s.date <= $as_of)
  AND ($region IS NULL OR EXISTS { (p)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..3]->(:Region {code: $region}) })
RETURN p.id AS partner_id, p.name AS partner, 'signs' AS via, null AS alliance_id, null AS alliance,
       null AS kind, null AS specialty, s.date AS date,
       [i IN range(0, size(s.evidence_documents) - 1) | {document: s.evidence_documents[i], sentence: s.evidence_sentences[i]}] AS evidence

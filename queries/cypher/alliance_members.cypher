// purpose: The leader and members of an alliance, with sentences that say so (a sample) and how many there are.
// params: id (alliance id, required)
// example: yilian query alliance_members --param id=alliance-0123456789ab
MATCH (a:Alliance {id: $id})<-[r:LEADS|JOINS]-(h:Hospital)
RETURN h.id AS hospital_id, h.name AS hospital, type(r) AS relation, r.role AS role, r.evidence_count AS evidence_count,
       [i IN range(0, size(r.evidence_documents) - 1) | {document: r.evidence_documents[i], sentence: r.evidence_sentences[i]}] AS evidence

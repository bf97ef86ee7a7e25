// purpose: One hospital with its region, kind and the documents that mention it.
// params: id (hospital node id, required)
// example: yilian query hospital_detail --param id=hospital-c9e85698953d
MATCH (h:Hospital {id: $id})
OPTIONAL MATCH (h)-[:LOCATED_IN]->(r:Region)
RETURN h.id AS id, h.name AS name, h.aliases AS aliases, h.kind AS kind,
       COLLECT { MATCH (h)<-[:MENTIONS]-(d:Document) RETURN d.id } AS documents,
       r.name AS region, r.code AS region_code

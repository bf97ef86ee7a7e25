// purpose: Alliances with a leader or member located in a region or anywhere below it (province -> city -> county).
// params: code (GB/T 2260 region code, required)
// example: yilian query alliances_in_region --param code=370000
MATCH (:Region {code: $code})<-[:PART_OF*0..3]-(:Region)<-[:LOCATED_IN]-(h:Hospital)-[:LEADS|JOINS]->(a:Alliance)
RETURN DISTINCT a.id AS alliance_id, a.name AS alliance, a.kind AS kind, a.specialty AS specialty

// purpose: Alliances a hospital leads or joins, with its role.
// params: id (hospital id, required)
// example: yilian query alliances_of_hospital --param id=hospital-c9e85698953d
MATCH (h:Hospital {id: $id})-[r:LEADS|JOINS]->(a:Alliance)
RETURN a.id AS alliance_id, a.name AS alliance, a.kind AS kind, a.specialty AS specialty,
       type(r) AS relation, r.role AS role

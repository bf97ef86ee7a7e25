// purpose: People holding posts at a hospital or organization, with their titles.
// params: id (hospital or organization id, required)
// example: yilian query people_of_organization --param id=organization-88ebd6f6a0bd
MATCH (p:Person)-[r:HOLDS]->(o {id: $id})
RETURN p.id AS person_id, p.name AS person, r.title AS title

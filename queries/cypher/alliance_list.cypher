// purpose: All alliances, optionally of one kind, with their leaders and how many members the graph knows.
// params: kind (alliance kind, optional), limit (int, default 20)
// example: yilian query alliance_list --param kind=医共体
MATCH (a:Alliance)
WHERE $kind IS NULL OR a.kind = $kind
OPTIONAL MATCH (l:Hospital)-[:LEADS]->(a)
WITH a, collect(l.name) AS leaders
OPTIONAL MATCH (m:Hospital)-[:JOINS]->(a)
WITH a, leaders, count(m) AS members
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.specialty AS specialty, a.founded AS founded,
       a.member_count AS member_count, leaders, members
ORDER BY a.name, a.id
LIMIT $limit

// purpose: The length of the shortest connection between two hospitals through alliances and agreements,
//          and one such path (hospital and alliance names).
// params: from (hospital id, required), to (hospital id, required)
// example: yilian query shortest_connection --param from=hospital-… --param to=hospital-…
MATCH (a:Hospital {id: $from}), (b:Hospital {id: $to})
MATCH p = shortestPath((a)-[:LEADS|JOINS|SIGNS*..12]-(b))
RETURN length(p) AS length, [n IN nodes(p) | n.name] AS path

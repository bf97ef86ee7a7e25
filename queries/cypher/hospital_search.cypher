// purpose: Hospitals whose canonical name or any alias contains the text (Simplified; callers convert Traditional).
// params: q (text, required), limit (int, default 20)
// example: yilian query hospital_search --param q=山大二院
MATCH (h:Hospital)
// search_text (every spelling) has a TEXT index, so CONTAINS on it is an index seek, not a scan
WHERE h.search_text CONTAINS $q AND (h.name CONTAINS $q OR any(a IN h.aliases WHERE a CONTAINS $q))
WITH h, CASE WHEN h.name = $q OR $q IN h.aliases THEN 0 ELSE 1 END AS rank
RETURN h.id AS id, h.name AS name, h.aliases AS aliases, h.kind AS kind
ORDER BY rank, size(h.name), h.id
LIMIT $limit

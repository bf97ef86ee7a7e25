// purpose: Hospitals whose canonical name or any alias contains the text (Simplified; callers convert Traditional).
//          Exact spellings first, then shorter names, then by id.
// params: q (text, required), limit (int, default 20)
// example: yilian query hospital_search --param q=山大二院
MATCH (h:Hospital)
// search_text (every spelling, space-separated) has a TEXT index, so CONTAINS on it is an index
// seek; only a text with a space can match across two spellings and needs the spellings checked
WHERE h.search_text CONTAINS $q AND (NOT $q CONTAINS ' ' OR h.name CONTAINS $q OR any(a IN h.aliases WHERE a CONTAINS $q))
// ranked before anything else is read (Neo4j keeps the best `limit`, not a sorted whole); a
// broad text is in hundreds of names, and only the few with the label Aliased have aliases worth reading
WITH h ORDER BY CASE WHEN h.name = $q THEN 0 WHEN NOT h:Aliased THEN 1 WHEN $q IN h.aliases THEN 0 ELSE 1 END,
                size(h.name), h.id
     LIMIT $limit
RETURN h.id AS id, h.name AS name, h.aliases AS aliases, h.kind AS kind

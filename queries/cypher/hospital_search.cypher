// purpose: Hospitals whose canonical name or any alias contains the text (Simplified; callers convert Traditional).
//          Exact spellings first, then shorter names, then by id.
// params: q (text, required), limit (int, default 20)
// example: yilian query hospital_search --param q=山大二院
// search_text (every spelling, space-separated) has a TEXT index: CONTAINS on it is a seek over the
// text's trigrams. A class word ending the text (卫生院, 医院 …) ends most names, so its trigrams
// only slow the seek down; the index is asked for the rest (when three or more characters are
// left) and each spelling is checked against the whole text on the rows it finds.
WITH [w IN ['卫生院', '医院', '卫生室', '保健院', '中心'] WHERE $q ENDS WITH w AND size($q) - size(w) >= 3] AS class
WITH CASE WHEN class = [] THEN $q ELSE left($q, size($q) - size(class[0])) END AS seek
MATCH (h:Hospital)
WHERE h.search_text CONTAINS seek
  AND CASE WHEN h.name CONTAINS $q THEN true WHEN h:Aliased THEN any(a IN h.aliases WHERE a CONTAINS $q) ELSE false END
// ranked before anything else is read (Neo4j keeps the best `limit`, not a sorted whole); a
// broad text is in hundreds of names, and only the few with the label Aliased have aliases worth reading
WITH h ORDER BY CASE WHEN h.name = $q THEN 0 WHEN NOT h:Aliased THEN 1 WHEN $q IN h.aliases THEN 0 ELSE 1 END,
                size(h.name), h.id
     LIMIT $limit
RETURN h.id AS id, h.name AS name, h.aliases AS aliases, h.kind AS kind

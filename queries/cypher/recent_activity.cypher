// purpose: Announcements by publication date, newest first, with their publisher.
// params: limit (int, default 20), since (YYYY-MM-DD, optional)
// example: yilian query recent_activity --param since=2023-01-01
MATCH (d:Document)
WHERE $since IS NULL OR (d.published IS NOT NULL AND d.published >= $since)
OPTIONAL MATCH (p {id: d.publisher})
RETURN d.id AS document, d.title AS title, d.published AS published, p.name AS publisher
ORDER BY d.published DESC, d.id
LIMIT $limit

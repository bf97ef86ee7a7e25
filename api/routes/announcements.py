"""POST /announcements: extract one announcement and merge it into the store (needs the token)."""
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request

from ..deps import StoreDep, Token, bearer_ok
from ..errors import ERRORS
from ..models import Announcement, Error, Ingested

router = APIRouter()


@router.post("/announcements", response_model=Ingested, status_code=201,
             responses={401: {"model": Error}, **ERRORS})
def ingest(request: Announcement, store: StoreDep, token: Token, http: Request,
           authorization: Annotated[str | None, Header()] = None):
    """Extract an announcement and merge it into the store (needs `Authorization: Bearer <YILIAN_API_TOKEN>`)."""
    if not bearer_ok(authorization, token):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    from yilian.loaders import ReadError, extract_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / request.name
        path.write_text(request.text, encoding="utf-8")
        try:
            graph = extract_file(path)
        except ReadError as e:
            raise HTTPException(422, str(e).replace(str(path), request.name)) from e
    with http.app.state.write_lock:
        store.refresh()  # merge on top of the latest saved state; flush re-checks under the file lock
        added_nodes, added_edges = store.merge(graph)
        store.flush()
    return Ingested(document=graph.document.id, title=graph.document.title, nodes_added=added_nodes,
                    edges_added=added_edges, nodes=len(graph.nodes), edges=len(graph.edges))

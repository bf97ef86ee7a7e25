"""The API's request and response models (pydantic): what every route takes and returns,
shown in the OpenAPI documentation at /docs."""
from typing import Any

from pydantic import BaseModel, Field

# Largest announcement POST /announcements takes, in characters.
MAX_BODY = 1_000_000


class Evidence(BaseModel):
    document: str
    sentence: str


class Health(BaseModel):
    status: str
    store: str
    version: str


class Stats(BaseModel):
    documents: int
    nodes: dict[str, int]
    edges: dict[str, int]


class HospitalHit(BaseModel):
    id: str
    name: str
    aliases: list[str]
    kind: str | None = None


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class HospitalPage(Page):
    items: list[HospitalHit]


class Link(BaseModel):
    """An edge seen from one node: what it is, the node at the other end, and why we know."""
    type: str
    direction: str
    other: str
    other_name: str
    other_label: str
    title: str | None = None
    role: str | None = None
    date: str | None = None
    rule: str | None = Field(None, description="the extraction frame or rule that produced the edge")
    evidence: list[Evidence] = []


class NodeDetail(BaseModel):
    id: str
    label: str
    name: str
    aliases: list[str] = []
    documents: list[str] = []
    properties: dict[str, Any] = {}
    links: list[Link]


class Partner(BaseModel):
    partner_id: str
    partner: str
    via: str = Field(description="alliance (shared alliance) or signs (signed agreement)")
    alliance_id: str | None = None
    alliance: str | None = None
    kind: str | None = None
    specialty: str | None = None
    date: str | None = None
    evidence: list[Evidence]


class PartnerPage(Page):
    items: list[Partner]


class AllianceItem(BaseModel):
    id: str
    name: str
    kind: str | None = None
    specialty: str | None = None
    founded: str | None = None
    member_count: int | None = None
    leaders: list[str]
    members: int


class AlliancePage(Page):
    items: list[AllianceItem]


class RegionAlliance(BaseModel):
    alliance_id: str
    alliance: str
    kind: str | None = None
    specialty: str | None = None


class PathResult(BaseModel):
    length: int
    path: list[str]


class Hub(BaseModel):
    id: str
    name: str
    degree: int
    betweenness: float


class County(BaseModel):
    code: str
    name: str


class Coverage(BaseModel):
    region: str
    counties: int
    without_alliance: list[County]
    without_tertiary_link: list[County]


class Step(BaseModel):
    hospital: str
    via: list[str]


class QueryInfo(BaseModel):
    name: str
    purpose: str
    params: str
    example: str
    parameters: list[str]


class QueryRequest(BaseModel):
    params: dict[str, str | int | None] = {}


class CypherRequest(BaseModel):
    query: str = Field(max_length=10_000, examples=["MATCH (h:Hospital) RETURN h.name LIMIT 5"])
    params: dict[str, str | int | float | bool | None] = {}


class Announcement(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_BODY, description="the announcement, plain text or HTML")
    name: str = Field("announcement.txt", pattern=r"^[\w\-.]{1,80}\.(txt|html|htm)$")


class Ingested(BaseModel):
    document: str
    title: str | None
    nodes_added: int
    edges_added: int
    nodes: int
    edges: int


class Error(BaseModel):
    error: str

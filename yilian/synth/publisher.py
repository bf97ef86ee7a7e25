"""Who publishes a document about an event: the hospital (我院), a commission, or the media."""
from __future__ import annotations

from datetime import date

from .world import Ent, World


def event_date(kind: str, ev) -> date:
    return ev[1].founded if kind == "found" else ev[-1] if kind in ("meeting", "plaque", "notice", "combo", "visit", "county") else ev[3]


def choose_publisher(rng, w: World, kind: str, ev) -> tuple[Ent | None, str]:
    org = None
    if kind == "found":
        a = ev[1]
        hosp, org = [a.leader] * 4 + a.initial[:3], w.commission[a.scope]
    elif kind == "join":
        a, ms = ev[1], ev[2]
        hosp, org = list(ms) * 3 + [a.leader] * 2, w.commission.get(ms[0].region)
    elif kind == "sign":
        L, X = ev[1], ev[2]
        hosp, org = [L, L, X, X], w.commission.get(X.region)
    elif kind == "meeting":
        a = ev[1]
        hosp = [a.leader] * 3 + a.members_at(ev[2])[:2]
    elif kind == "plaque":
        a = ev[1]
        hosp, org = [a.leader] * 2 + list(ev[2][:2]), w.commission[a.scope]
    elif kind == "notice":
        return ev[1], "org"
    elif kind == "combo":
        hosp = [ev[3]] * 3 + [ev[1].leader]
    elif kind == "visit":
        hosp = [ev[1], ev[2], ev[2]]
    else:
        hosp, org = [ev[2][0].leader], w.commission[ev[1].code]
    r = rng.random()
    if r < 0.7:
        return rng.choice(hosp), "hosp"
    if r < 0.86 and org is not None:
        return org, "org"
    return None, "media"

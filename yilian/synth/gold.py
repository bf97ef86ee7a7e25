"""The gold writer: what a page states, as the gold file `score.py` reads (format of
shared/eval/gold, see shared/eval/CONTRACT.md)."""
from __future__ import annotations

import json
from collections import Counter

from .world import Ent


class GoldRecord:
    """What a page states, as a gold file: canonical names with their accepted spellings, and
    every person, alliance, signing and location the text gives (mixed into `Doc`)."""

    def gold_name(self, e: Ent) -> str:
        """Canonical name plus the spellings the scorer may also accept (`a|b`); alternatives
        another entity of this page could claim are left out."""
        if self._taken is None:
            self._taken = Counter(n for o in {**self.optional, **self.mentioned}.values() for n in {o.name, *o.alts, *o.quals})
        used = self.forms.get(e.id, set())
        names = [e.name, *[a for a in e.alts if a in used or self._taken[a] <= 1], *[q for q in e.quals if q in used]]
        return "|".join(dict.fromkeys(names))

    def region_of(self, e: Ent) -> str | None:
        w = self.w
        if e.id in self.addr:
            return self.addr[e.id]
        if not e.located:
            return None
        lin = w.gaz.lineage(e.region)
        if e.tier in ("township", "community") and not any(lin[-1].name in f for f in self.forms.get(e.id, ())):
            return None  # only the town or street was written: where it is, the page does not say
        if lin[-1].level == "county":
            return f"{lin[-1].name}|{lin[-2].name}"
        return lin[-1].name

    def gold(self, doc_name: str) -> dict:
        self._taken = None
        for p in self.people.values():
            if p.org.id not in self.mentioned:
                self._touch(p.org)
        hosp = [e for e in self.mentioned.values() if e.label == "Hospital"]
        orgs = [e for e in self.mentioned.values() if e.label == "Organization"]
        opt = [e for e in self.optional.values() if e.id not in self.mentioned]
        people = []
        for (name, _), p in self.people.items():
            if p.org.id not in self.mentioned:
                self._touch(p.org)
                (orgs if p.org.label == "Organization" else hosp).append(p.org)
            people.append({"name": name, "org": self.gold_name(p.org), "title": p.title})
        alliances = []
        for g in self.alliances.values():
            a = g["a"]
            item = {"name": g["name"], "kind": a.kind, "specialty": a.spec, "leader": self.gold_name(a.leader),
                    "members": [self.gold_name(m) for m in g["members"]]}
            if g["count"]:
                item["member_count"] = g["count"]
            item["founded"] = g["founded"].isoformat() if g["founded"] else None
            alliances.append(item)
        by_id = {e.id: e for e in self.mentioned.values()}
        signs = []
        for pair, when in self.signs.items():
            x, y = sorted(pair)
            signs.append({"parties": [self.gold_name(by_id[x]), self.gold_name(by_id[y])],
                          "date": when.isoformat() if when else None})
        located = []
        for e in hosp + orgs:
            region = self.region_of(e)
            if region:
                located.append({"org": self.gold_name(e), "region": region})
        return {
            "doc": doc_name,
            "publisher": self.gold_name(self.publisher) if self.publisher else None,
            "published": self.published.isoformat() if self.published else None,
            "hospitals": [self.gold_name(e) for e in hosp],
            "hospitals_optional": [self.gold_name(e) for e in opt if e.label == "Hospital"],
            "organizations": [self.gold_name(e) for e in orgs],
            "organizations_optional": [self.gold_name(e) for e in opt if e.label == "Organization"],
            "people": people,
            "alliances": alliances,
            "signs": signs,
            "located_in": located,
        }


def gold_json(gold: dict) -> str:
    """The gold file: one key per line, one person, alliance, signing or location per line."""
    dump = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    lines = []
    for key, value in gold.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            inner = ",\n".join(f"    {dump(v)}" for v in value)
            lines.append(f"  {dump(key)}: [\n{inner}\n  ]")
        else:
            lines.append(f"  {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"

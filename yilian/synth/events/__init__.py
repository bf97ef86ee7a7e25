"""Document kinds, one module each: a template `t_<kind>(doc, ev) -> (title, paragraphs)`
telling one event of the world (World.events[kind]). A new kind: a module here, an entry in
TEMPLATES and EVENT_WEIGHTS, the events it tells in World, its publisher in publisher.py."""
from __future__ import annotations

from .combo import t_combo
from .county import t_county
from .found import t_found
from .join import t_join
from .meeting import t_meeting
from .notice import t_notice
from .plaque import t_plaque
from .sign import t_sign
from .visit import t_visit


TEMPLATES = {"found": t_found, "join": t_join, "sign": t_sign, "meeting": t_meeting, "plaque": t_plaque,
             "notice": t_notice, "combo": t_combo, "visit": t_visit, "county": t_county}
EVENT_WEIGHTS = {"found": 24, "join": 15, "sign": 17, "meeting": 7, "plaque": 7, "notice": 4, "combo": 5, "visit": 9, "county": 6}

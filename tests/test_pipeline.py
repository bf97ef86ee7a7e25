"""The stage list: every stage's requirements are assigned by an earlier stage (the check
spaCy's analyze_pipes makes)."""
from yilian.loaders.pipeline import COMPONENTS, Stage, analyze


def test_every_requirement_is_assigned_by_an_earlier_stage():
    assert analyze() == []


def test_analyze_finds_a_stage_out_of_order():
    swapped = [COMPONENTS[1], COMPONENTS[0], *COMPONENTS[2:]]  # people before institutions
    assert analyze(swapped) == ["people requires spans.institutions, which no earlier stage assigns"]


def test_analyze_finds_what_nothing_assigns():
    extra = Stage("extra", lambda doc: None, ("doc.nothing",), ())
    assert analyze([*COMPONENTS, extra]) == ["extra requires doc.nothing, which no earlier stage assigns"]
    assert "to_graph requires doc.frames, which no stage assigns" in analyze(COMPONENTS[:-1])


def test_stages_are_named_callables():
    assert [s.name for s in COMPONENTS] == ["institutions", "people", "resolve", "publisher", "alliances", "frames"]
    assert all(callable(s) and s.assigns for s in COMPONENTS)

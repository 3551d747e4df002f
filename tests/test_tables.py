from __future__ import annotations

from diplodata.ingest.records import info_of
from diplodata.tables.build import build_tables
from tests.facts import TEXT, sample_facts


def test_tables_quotes_are_cut_from_the_text() -> None:
    tables = build_tables([sample_facts()], "test")
    for table in ("actor_mentions", "meetings", "trade_figures", "memberships"):
        for row in getattr(tables, table):
            ev = row.evidence
            assert ev.quote == TEXT[ev.char_start : ev.char_end]
            assert ev.extractor_version == "test"


def test_tables_meeting_participants_resolve_aliases_to_actors() -> None:
    tables = build_tables([sample_facts()], "test")
    actors = {a.actor_id: a for a in tables.actors}
    [meeting] = tables.meetings
    names = sorted(actors[p.actor_id].name for p in tables.meeting_participants)
    assert names == ["Boris Gryzlov", "Vladimir Makei"]
    assert meeting.n_participants == 2 and meeting.location_country == "BLR"


def test_tables_one_actor_per_person_across_articles() -> None:
    first = sample_facts()
    second = sample_facts(TEXT.replace("Vladimir Makei", "Uladzimir Makei"), "other.txt")
    tables = build_tables([first, second], "test")
    people = [a for a in tables.actors if a.kind == "person"]
    assert sorted(a.name for a in people) == ["Boris Gryzlov", "Vladimir Makei"]
    assert {a.n_articles for a in people} == {2}
    kinds = [m.actor_id.partition(":")[0] for m in tables.actor_mentions]
    assert sorted(kinds) == ["org", "org", "person", "person", "person", "person"]


def test_tables_same_input_same_rows() -> None:
    a = build_tables([sample_facts(), sample_facts(TEXT + " More.", "b.txt")], "v")
    b = build_tables([sample_facts(TEXT + " More.", "b.txt"), sample_facts()], "v")
    assert a == b


def test_tables_organizations_and_states_become_actors() -> None:
    tables = build_tables([sample_facts()], "test")
    kinds = {(a.actor_id, a.kind, a.name) for a in tables.actors if a.kind != "person"}
    assert kinds == {("org:CSTO", "organization", "Collective Security Treaty Organization")}
    [csto] = [m for m in tables.actor_mentions if m.actor_id == "org:CSTO"]
    assert (csto.name, csto.evidence.quote) == ("CSTO", "CSTO")


def test_tables_plan_reextracts_when_the_extractor_version_changes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from diplodata.run.pipeline import inputs_of, plan
    from diplodata.run.run_articles import CACHED, TODO
    from diplodata.run.state import FactsCache

    facts = sample_facts()
    FactsCache(tmp_path, "1.0").put(facts)
    inputs = inputs_of(tmp_path, [info_of(facts.article)])
    same = plan(inputs, tmp_path, version="1.0")
    assert (same.infos(CACHED), same.infos(TODO)) == ([info_of(facts.article)], [])
    cached = FactsCache(tmp_path, "1.0").get(facts.article)
    assert cached is not None and (cached.meetings, cached.persons) == (
        facts.meetings,
        facts.persons,
    )
    changed = plan(inputs, tmp_path, version="1.1")
    assert (changed.count(CACHED), changed.count(TODO)) == (0, 1)

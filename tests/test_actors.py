"""Actor identity on the project's fixtures: one actor per person across articles and name
forms, none shared by namesakes, ids that do not move when articles are added."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplodata.bodies import find_bodies
from diplodata.ingest import read_folder
from diplodata.pipeline import extract_batch
from diplodata.rows import Tables
from diplodata.tables import build_tables

FIXTURES = Path(__file__).parent / "fixtures" / "actors"


def _tables(skip: str = "") -> Tables:
    batch = read_folder(FIXTURES)
    articles = [a for a in batch.articles if a.source != skip]
    return build_tables(extract_batch(articles).facts, "test")


def _people(tables: Tables) -> dict[str, set[str]]:
    """Actor id -> every name the articles use for it."""
    names: dict[str, set[str]] = {}
    for m in tables.actor_mentions:
        if m.actor_id.startswith("person:"):
            names.setdefault(m.actor_id, set()).add(m.name)
    return names


def test_actors_every_name_form_is_one_actor_across_articles() -> None:
    tables = _tables()
    actors = {a.actor_id: a for a in tables.actors}
    [biden] = [a for a in tables.actors if a.wikidata == "Q6279"]
    assert _people(tables)[biden.actor_id] >= {"Joe Biden", "Joseph R. Biden", "Biden"}
    assert biden.name == "Joe Biden" and biden.n_articles == 3
    [erdogan] = [a for a in tables.actors if a.wikidata == "Q39259"]
    assert {"Recep Tayyip Erdoğan", "Tayyip Erdogan"} <= _people(tables)[erdogan.actor_id]
    # the meetings of both Biden articles are his, whatever the name used there
    met = {p.actor_id for p in tables.meeting_participants}
    assert {biden.actor_id, erdogan.actor_id} <= met
    assert actors[biden.actor_id].country == "USA"


def test_actors_namesakes_are_never_merged() -> None:
    tables = _tables()
    by_name = {a.name: a for a in tables.actors if a.kind == "person"}
    assert by_name["Jill Biden"].actor_id != by_name["Joe Biden"].actor_id
    father, son = by_name["George H. W. Bush"], by_name["George W. Bush"]
    assert father.actor_id != son.actor_id
    assert (father.wikidata, son.wikidata) == ("Q23505", "Q207")
    # "Bush" alone in each article is the Bush of that article
    assert son.aliases == "Bush" and father.aliases == "Bush"


def test_actors_ids_are_stable_when_articles_are_added() -> None:
    before = _tables(skip="d_added.txt")
    after = _tables()
    assert len(after.articles) == len(before.articles) + 1
    ids_before = {(m.article_id, m.name): m.actor_id for m in before.actor_mentions}
    ids_after = {(m.article_id, m.name): m.actor_id for m in after.actor_mentions}
    assert ids_before.items() <= ids_after.items()
    assert {a.actor_id for a in before.actors} <= {a.actor_id for a in after.actors}


def test_actors_organizations_are_actors_with_mentions() -> None:
    tables = _tables()
    [nato] = [a for a in tables.actors if a.actor_id == "org:NATO"]
    assert (nato.kind, nato.wikidata, nato.n_articles) == ("organization", "Q7184", 2)
    quotes = {m.evidence.quote for m in tables.actor_mentions if m.actor_id == "org:NATO"}
    assert quotes == {"NATO", "North Atlantic Treaty Organization"}


def test_actors_ministries_and_parliaments_are_organizations_of_their_state() -> None:
    tables = _tables()
    bodies = {
        a.actor_id: (a.name, a.country) for a in tables.actors if a.actor_id.startswith("org:TUR")
    }
    assert bodies == {
        "org:TUR_FOREIGN_MINISTRY": ("Ministry of Foreign Affairs (Türkiye)", "TUR"),
        "org:TUR_PARLIAMENT": ("Grand National Assembly of Türkiye", "TUR"),
    }
    mentions = {m.evidence.quote for m in tables.actor_mentions if m.actor_id in bodies}
    assert mentions == {"Turkish Foreign Ministry", "Grand National Assembly"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("the Ministry of Foreign Affairs of Belarus", [("BLR_FOREIGN_MINISTRY", "BLR")]),
        ("Georgia's parliament voted", [("GEO_PARLIAMENT", "GEO")]),
        ("the German Foreign Office said", [("DEU_FOREIGN_MINISTRY", "DEU")]),
        ("the Foreign Office said", [("GBR_FOREIGN_MINISTRY", "GBR")]),
        ("the European Parliament", [("EU_PARLIAMENT", None)]),
        (
            "the U.S. State Department and the Pentagon",
            [("USA_FOREIGN_MINISTRY", "USA"), ("USA_DEFENCE_MINISTRY", "USA")],
        ),
        ("the parliament met; the ministry said", []),  # no state: no actor
    ],
)
def test_actors_bodies_need_their_state(text: str, found: list[tuple[str, str | None]]) -> None:
    assert [(m.body.code, m.body.country) for m in find_bodies(text)] == found

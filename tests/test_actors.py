"""Actor identity on the project's fixtures: one actor per person across articles and name
forms, none shared by namesakes, ids that do not move when articles are added."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from diplodata.extract.bodies import find_bodies
from diplodata.ingest.articles import read_folder
from diplodata.models import ArticleFacts
from diplodata.run.pipeline import extract_batch
from diplodata.tables.build import build_tables
from diplodata.tables.rows import Tables

FIXTURES = Path(__file__).parent / "fixtures" / "actors"
# Invented articles: a Russian and a Ukrainian deputy minister Pavel Orlov (2019-2021), the
# Russian one once without a stated state in Minsk (the extractor implies Belarus), a
# Pavel Orlov of 1975, a surname-only "Deputy Foreign Minister Orlov", a father and son
# Robert Haldane Sr/Jr, and "Azerbaijani President Aliyev".
NAMESAKES = Path(__file__).parent / "fixtures" / "namesakes"


@cache
def _facts(folder: Path) -> list[ArticleFacts]:
    return extract_batch(read_folder(folder).articles).facts


def _tables(skip: str = "", folder: Path = FIXTURES, only: str | None = None) -> Tables:
    """Tables of the folder's articles, but ``skip``; ``only`` those whose file names start
    with one of its letters."""
    facts = [
        f
        for f in _facts(folder)
        if f.article.source != skip and (only is None or f.article.source[0] in only)
    ]
    return build_tables(facts, "test")


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
    assert _people(tables)[biden.actor_id] >= {"Joe Biden", "Joseph R. Biden, Jr", "Biden"}
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


def _ids(tables: Tables) -> dict[tuple[str, str], str]:
    """(article source, name) -> actor id, for persons."""
    source = {a.article_id: a.source for a in tables.articles}
    return {
        (source[m.article_id], m.name): m.actor_id
        for m in tables.actor_mentions
        if m.actor_id.startswith("person:")
    }


def test_actors_namesakes_of_two_stated_states_are_two_actors() -> None:
    ids = _ids(_tables(folder=NAMESAKES, only="ac"))
    russian, ukrainian = (
        ids["a_orlov_moscow.txt", "Pavel Orlov"],
        ids["c_orlov_kyiv.txt", "Pavel Orlov"],
    )
    assert russian != ukrainian


def test_actors_an_implied_state_never_splits_a_person() -> None:
    tables = _tables(folder=NAMESAKES, only="ab")
    states = {(m.name, m.country) for m in tables.actor_mentions if m.name == "Pavel Orlov"}
    assert states == {("Pavel Orlov", "RUS"), ("Pavel Orlov", "BLR")}  # stated, implied
    ids = _ids(tables)
    assert ids["a_orlov_moscow.txt", "Pavel Orlov"] == ids["b_orlov_minsk.txt", "Pavel Orlov"]
    # with a Ukrainian namesake in the run, the implied mention stays with the Russian
    tables = _tables(folder=NAMESAKES, only="abc")
    ids = _ids(tables)
    assert ids["a_orlov_moscow.txt", "Pavel Orlov"] == ids["b_orlov_minsk.txt", "Pavel Orlov"]
    actors = {a.actor_id: a for a in tables.actors}
    orlov = actors[ids["a_orlov_moscow.txt", "Pavel Orlov"]]
    assert (orlov.country, orlov.n_articles) == ("RUS", 2)  # the stated state wins


def test_actors_namesakes_decades_apart_are_two_actors() -> None:
    ids = _ids(_tables(folder=NAMESAKES, only="abd"))
    assert ids["d_orlov_1975.txt", "Pavel Orlov"] != ids["a_orlov_moscow.txt", "Pavel Orlov"]
    assert ids["a_orlov_moscow.txt", "Pavel Orlov"] == ids["b_orlov_minsk.txt", "Pavel Orlov"]


def test_actors_father_and_son_are_two_actors() -> None:
    ids = _ids(_tables(folder=NAMESAKES, only="fg"))
    son = {
        ids["f_haldane_jr.txt", "Robert Haldane Jr"],
        ids["g_haldane_sr.txt", "Robert Haldane Jr"],
    }
    assert len(son) == 1
    assert ids["g_haldane_sr.txt", "Robert Haldane Sr"] not in son


def test_actors_a_surname_alone_joins_only_a_certain_person() -> None:
    tables = _tables(folder=NAMESAKES)
    ids = _ids(tables)
    # two Pavel Orlovs fit "Deputy Foreign Minister Orlov": an actor of its own
    orlov = ids["e_orlov_surname.txt", "Orlov"]
    assert orlov not in {ids[k] for k in ids if k[1] == "Pavel Orlov"}
    # one curated Aliyev serves Azerbaijan in office in 2020
    [aliyev] = [a for a in tables.actors if a.actor_id == ids["h_aliyev_baku.txt", "Aliyev"]]
    assert aliyev.name == "Ilham Aliyev"


def test_actors_ids_are_stable_when_a_namesake_is_added() -> None:
    runs = ["ab", "abc", "abcd", "abcde", "abcdefgh"]
    previous = None
    for only in runs:
        tables = _tables(folder=NAMESAKES, only=only)
        ids = _ids(tables)
        if previous is not None:
            assert previous.items() <= ids.items(), only
        previous = ids
    assert len({v for k, v in previous.items() if k[1] == "Pavel Orlov"}) == 3


@pytest.mark.parametrize(("folder", "namesakes"), [(FIXTURES, False), (NAMESAKES, True)])
def test_actors_namesakes_told_apart_group_by_group_resolve_every_person_alike(
    folder: Path, namesakes: bool
) -> None:
    """A run from scratch keeps only the mentions that namesakes move, group by group (on
    disk), and each rows job works out the rest from its own articles' facts."""
    from diplodata.tables.build import person_refs, resolution, resolution_by_name
    from diplodata.tables.namesake_groups import GroupedRefs, moved_of

    facts = _facts(folder)
    grouped = GroupedRefs.open()
    for one in facts:  # a batch per article
        grouped.add(person_refs([one]))
    moved = grouped.moved()
    grouped.close()
    assert bool(moved) == namesakes  # mentions moved off their name's plain id
    whole = resolution(facts)
    for one in facts:
        assert resolution_by_name([one], moved_of(moved, [one.article.article_id])) == {
            one.article.article_id: whole[one.article.article_id]
        }


def test_actors_a_curated_person_is_published_as_the_articles_spell_him() -> None:
    from collections import Counter

    from diplodata.tables.build import display_name

    # the articles spell the surname otherwise, with the curated given name: their spelling
    assert display_name(
        Counter({"Volodymyr Zelensky": 2, "Zelensky": 3}), "Volodymyr Zelenskyy"
    ) == ("Volodymyr Zelensky")
    # one article writes the curated spelling: the curated name
    names = Counter({"Volodymyr Zelensky": 2, "Volodymyr Zelenskyy": 1})
    assert display_name(names, "Volodymyr Zelenskyy") == "Volodymyr Zelenskyy"
    # parts of the curated name, a title or a suffix written with it: the curated name
    for written in ("Abbas Jilani", "CS Abbas Jilani", "Jalil Abbas Jilani Jr"):
        assert display_name(Counter({written: 1}), "Jalil Abbas Jilani") == "Jalil Abbas Jilani"
    # the surname spelled otherwise, a middle initial left out: the articles' spelling
    assert display_name(Counter({"Amina Mohamed": 1}), "Amina J. Mohammed") == "Amina Mohamed"
    # no curated person: the longest written name, then the most written
    assert display_name(Counter({"Joe Biden": 3, "Joseph R. Biden": 1}), None) == "Joseph R. Biden"

from __future__ import annotations

from diplodata.resolve import PersonRef, name_key, person_id, resolve_people, resolve_person


def test_resolve_transliteration_variants_are_one_person() -> None:
    for a, b in [
        ("Alexander Lukashenko", "Aleksandr Lukashenko"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
        ("Mr. Sergey Lavrov", "Sergei Lavrov"),
        ("Alyaksandr Lukashenka", "Alexander Lukashenko"),
        ("Kassym-Jomart Tokaev", "Kassym-Jomart Tokayev"),
    ]:
        assert person_id(name_key(a)) == person_id(name_key(b)), (a, b)


def test_resolve_different_people_stay_apart() -> None:
    assert person_id(name_key("Joe Biden")) != person_id(name_key("Jill Biden"))
    assert person_id(name_key("Vladimir Putin")) != person_id(name_key("Vladimir Makei"))


def test_resolve_every_name_form_of_a_curated_person_is_one_actor() -> None:
    forms = [
        PersonRef("Joe Biden", 2022),
        PersonRef("Joseph R. Biden", 2023),
        PersonRef("Joseph R. Biden, Jr.", 2021),
        PersonRef("Joseph Biden", 2010),
        PersonRef("Mr. Biden", 2022, "USA"),
        PersonRef("Biden", 2023),
    ]
    resolved = [resolve_person(f) for f in forms]
    assert len({r.actor_id for r in resolved}) == 1
    assert {r.curated.name if r.curated else None for r in resolved} == {"Joe Biden"}
    assert resolved[0].curated is not None and resolved[0].curated.wikidata == "Q6279"
    tayyip = resolve_person(PersonRef("Tayyip Erdogan", 2020))
    assert tayyip.actor_id == resolve_person(PersonRef("Recep Tayyip Erdoğan", 2020)).actor_id


def test_resolve_namesakes_stay_apart() -> None:
    def actor(name: str, year: int | None = None, country: str | None = None) -> str:
        return resolve_person(PersonRef(name, year, country)).actor_id

    # relatives with the same given name and surname: the middle initials decide
    assert actor("George H. W. Bush") != actor("George W. Bush")
    assert actor("George W Bush") == actor("George W. Bush")
    assert actor("George Bush") not in {actor("George H. W. Bush"), actor("George W. Bush")}
    # same surname, other given name; a surname alone goes by the state and the year
    assert actor("Jill Biden") != actor("Joe Biden")
    assert actor("Ilham Aliyev") != actor("Heydar Aliyev")
    assert actor("Aliyev", 2020, "AZE") == actor("Ilham Aliyev")
    assert actor("Aliyev", 1995, "AZE") == actor("Heydar Aliyev")
    assert actor("Stoltenberg", 2020) == actor("Jens Stoltenberg")
    assert actor("Stoltenberg", 1985) == actor("Gerhard Stoltenberg")
    # a surname no curated person or several at once carry is an actor of its own
    assert actor("Stoltenberg") not in {actor("Jens Stoltenberg"), actor("Gerhard Stoltenberg")}
    assert actor("Gryzlov") != actor("Boris Gryzlov")
    assert actor("Lukashenka", 2021, "BLR") == actor("Alexander Lukashenko")


def test_resolve_ids_do_not_depend_on_the_other_articles() -> None:
    alone = resolve_people(["Vladimir Makei", "Bush"])
    crowd = resolve_people(["Boris Gryzlov", "George W. Bush", "Vladimir Makei", "Bush"])
    assert alone["Vladimir Makei"] == crowd["Vladimir Makei"]
    assert alone["Bush"] == crowd["Bush"]

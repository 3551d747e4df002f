from __future__ import annotations

from diplodata.resolve import name_key, person_id, resolve_people


def test_resolve_transliteration_variants_are_one_person() -> None:
    for a, b in [
        ("Alexander Lukashenko", "Aleksandr Lukashenko"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
        ("Mr. Sergey Lavrov", "Sergei Lavrov"),
    ]:
        assert person_id(name_key(a)) == person_id(name_key(b)), (a, b)


def test_resolve_different_people_stay_apart() -> None:
    assert person_id(name_key("Joe Biden")) != person_id(name_key("Jill Biden"))
    assert person_id(name_key("Vladimir Putin")) != person_id(name_key("Vladimir Makei"))


def test_resolve_surname_joins_the_only_person_with_it() -> None:
    ids = resolve_people(["Alexander Lukashenko", "Lukashenko"])
    assert ids["Lukashenko"] == ids["Alexander Lukashenko"]


def test_resolve_ambiguous_surname_stays_its_own_actor() -> None:
    ids = resolve_people(
        [
            "Joe Biden",
            "Jill Biden",
            "Biden",
        ]
    )
    assert len({ids["Joe Biden"], ids["Jill Biden"], ids["Biden"]}) == 3


def test_resolve_ids_do_not_depend_on_the_other_articles() -> None:
    alone = resolve_people(["Vladimir Makei"])
    crowd = resolve_people(["Boris Gryzlov", "Vladimir Makei"])
    assert alone["Vladimir Makei"] == crowd["Vladimir Makei"]

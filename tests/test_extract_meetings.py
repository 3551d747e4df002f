"""Meetings extractor: tiny hand-written articles, persons given by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from diplodata.extract.datelines import dateline_place
from diplodata.extract.dates import find_dateline
from diplodata.extract.meeting_parties import holds_office
from diplodata.extract.meetings import extract_meetings, has_two_sides
from diplodata.extract.text import analyze
from diplodata.extract.when import article_anchor, event_date
from diplodata.models import Article, MeetingFact, PersonFact


def _person(name: str, role: str | None, country: str | None, *aliases: str) -> PersonFact:
    return PersonFact(name=name, start=0, end=1, role=role, country=country, aliases=aliases)


def _meetings(text: str, persons: list[PersonFact]) -> list[MeetingFact]:
    article = Article("t", "t.txt", text, "", published_date=find_dateline(text))
    return extract_meetings(analyze(article), persons)


def _flat(meetings: list[MeetingFact]) -> list[tuple[object, ...]]:
    return [(tuple(sorted(m.participants)), m.kind, m.date, m.location_country) for m in meetings]


ALPHA = _person("Ivan Petrov", "foreign minister", "BLR", "Petrov")
BETA = _person("Oleg Sidorov", "ambassador", "RUS", "Sidorov")
GAMMA = _person("Anna Berg", "prime minister", "SWE", "Berg")


def test_meetings_dateline_weekday_and_capital_place() -> None:
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov met "
        "Ambassador Oleg Sidorov on Friday.\nThey discussed trade."
    )
    assert _flat(_meetings(text, [ALPHA, BETA])) == [
        (("Ivan Petrov", "Oleg Sidorov"), "meeting", "2022-09-02", "BLR")
    ]


def test_meetings_states_between_on_soil_in_year() -> None:
    text = (
        "Talks went on.\nNegotiations between Russia and Ukraine also took "
        "place on Belarusian soil in 2022."
    )
    assert _flat(_meetings(text, [])) == [(("RUS", "UKR"), "negotiations", "2022", "BLR")]


def test_meetings_phone_conversations_split_and_no_place() -> None:
    text = (
        "Calls\nMay 3, 2022, Moscow\n\nIvan Petrov had telephone conversations with Ambassador "
        "Oleg Sidorov and Prime Minister Anna Berg in Moscow."
    )
    assert _flat(_meetings(text, [ALPHA, BETA, GAMMA])) == [
        (("Ivan Petrov", "Oleg Sidorov"), "phone_call", "2022-05-03", None),
        (("Anna Berg", "Ivan Petrov"), "phone_call", "2022-05-03", None),
    ]


def test_meetings_headline_and_lead_merge_with_yesterday() -> None:
    text = (
        "Readout of Ivan Petrov's Meeting with Anna Berg\nMarch 28, 2023\n\n"
        "Ivan Petrov met yesterday with Prime Minister Anna Berg of Sweden. They discussed energy."
    )
    found = _meetings(text, [ALPHA, GAMMA])
    assert _flat(found) == [(("Anna Berg", "Ivan Petrov"), "meeting", "2023-03-27", None)]
    assert text[found[0].start : found[0].end].startswith("Ivan Petrov met yesterday")


def test_meetings_hypothetical_and_wished_are_skipped() -> None:
    text = (
        "June 1, 2024\nIvan Petrov said there would be no progress until he meets Anna Berg. "
        "Anna Berg hopes to meet Oleg Sidorov soon. Oleg Sidorov proposed talks with Ivan Petrov."
    )
    assert _meetings(text, [ALPHA, BETA, GAMMA]) == []


def test_meetings_same_side_and_single_party_are_skipped() -> None:
    colleague = _person("Pavel Orlov", "defence minister", "BLR", "Orlov")
    text = (
        "June 1, 2024\nIvan Petrov met with Defence Minister Pavel Orlov. The "
        "club held transfer talks with him."
    )
    assert _meetings(text, [ALPHA, colleague]) == []


def test_meetings_future_weekday_reads_forward() -> None:
    text = (
        "May 17, 2025\nIvan Petrov and his counterpart Anna Berg will hold "
        "talks in Stockholm on Sunday."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "talks", "2025-05-18", "SWE")
    ]


def test_meetings_unnamed_office_resolves_to_person() -> None:
    text = (
        "June 3, 2024\nA day ago, the prime minister held a bilateral meeting "
        "with Ambassador Sidorov."
    )
    assert _flat(_meetings(text, [GAMMA, BETA])) == [
        (("Anna Berg", "Oleg Sidorov"), "meeting", "2024-06-02", None)
    ]


def test_meetings_joint_body_session_gives_states() -> None:
    text = (
        "June 3, 2024\nIvan Petrov spoke by phone with Anna Berg. The two leaders agreed to "
        "hold the fifth meeting of the Joint Economic Council in March 2025 in Minsk. "
        "The first meeting was held in Stockholm in May 2019."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "phone_call", "2024-06-03", None),
        (("Anna Berg", "Ivan Petrov"), "meeting", "2025-03", "BLR"),
        (("BLR", "SWE"), "meeting", "2019-05", "SWE"),
    ]


def test_meetings_visit_host_is_leader_of_visited_state() -> None:
    leader = _person("John Smith", "president", "USA", "Smith")
    text = (
        "TOKYO, April 27 - Prime Minister Anna Berg leaves on an official "
        "visit to the United States on Wednesday."
    )
    body = "27-APR-1987 06:39:34.03\n\n" + text
    article = Article("t", "t.txt", body, "", published_date=find_dateline(body))
    found = extract_meetings(analyze(article), [GAMMA, leader])
    assert _flat(found) == [(("Anna Berg", "John Smith"), "visit", "1987-04-29", "USA")]


def test_meetings_off_topic_article_gives_none() -> None:
    player = _person("Tom Baker", None, None, "Baker")
    coach = _person("Max Weber", None, None, "Weber")
    text = (
        "June 12, 2025\nTom Baker has joined the club after talks with coach "
        "Max Weber failed to stall the move."
    )
    assert _meetings(text, [player, coach]) == []


def test_when_anchor_from_wire_stamp_and_dateline_place() -> None:
    text = "HEADLINE\n31-MAR-1987 10:25:14.03\n\nPEKING, March 31 - Someone said something."
    article = Article("t", "t.txt", text, "", published_date=find_dateline(text))
    assert article_anchor(article) == dt.date(1987, 3, 31)
    assert dateline_place(text) == "PEKING"
    assert (
        dateline_place("Title\nMay 16, 2022, The Kremlin, Moscow\n\nText.") == "The Kremlin, Moscow"
    )


def test_when_event_date_skips_dates_of_other_events() -> None:
    anchor = dt.date(2021, 12, 29)
    text = "We met after the forum held yesterday."
    assert event_date(text, 0, len(text), 3, anchor, future=False) is None
    text = "We met on December 3 after the forum held yesterday."
    assert event_date(text, 0, len(text), 3, anchor, future=False) == ("2021-12-03", "day")
    assert event_date("They met last year.", 0, 19, 5, anchor, future=False) == ("2020", "year")


UMAROV = _person("Ali Umarov", "foreign minister", "UZB", "Umarov")
LEE = _person("Sam Lee", "secretary of state", "USA", "Lee")


def test_meetings_reported_would_and_clause_subjects() -> None:
    text = (
        "May 16, 2025\nLee said he would meet in Tashkent with Foreign Minister Ali Umarov "
        "and that a junior US official would meet the Russians. Lee said he would continue "
        "talks with Umarov. Umarov said he would meet Ivan Petrov if the talks went well."
    )
    assert _flat(_meetings(text, [LEE, UMAROV, ALPHA])) == [
        (("Ali Umarov", "Sam Lee"), "meeting", "2025-05-16", "UZB"),
        (("RUS", "USA"), "meeting", "2025-05-16", "UZB"),
    ]


def test_meetings_missed_sentence_end_starts_a_clause() -> None:
    text = (
        "May 16, 2025\nThe talks matter, Petrov said.Lee would meet in Tashkent with "
        "Foreign Minister Ali Umarov, he announced."
    )
    assert _flat(_meetings(text, [ALPHA, LEE, UMAROV])) == [
        (("Ali Umarov", "Sam Lee"), "meeting", "2025-05-16", "UZB")
    ]


def test_meetings_hedged_first_meeting_and_states_that_meet() -> None:
    text = (
        "Georgia and Armenia to meet in Baku\nMay 16, 2025\n\nDelegations from Tbilisi and "
        "Yerevan will be in Baku on Friday for what could be their first direct meeting since "
        "2020. Talks between Russia, Georgia and Armenia are due on Friday too."
    )
    assert _flat(_meetings(text, [])) == [
        (("ARM", "GEO"), "meeting", "2025-05-16", "AZE"),
        (("ARM", "GEO", "RUS"), "talks", "2025-05-16", "AZE"),
    ]


def test_meetings_their_meeting_joins_previous_participants() -> None:
    text = (
        "June 3, 2024\nIvan Petrov held phone calls today with Ambassador Oleg Sidorov and "
        "Prime Minister Anna Berg. They reviewed progress since their joint May 2 meeting in "
        "Stockholm. All affirmed their commitment to negotiations."
    )
    assert _flat(_meetings(text, [ALPHA, BETA, GAMMA])) == [
        (("Ivan Petrov", "Oleg Sidorov"), "phone_call", "2024-06-03", None),
        (("Anna Berg", "Ivan Petrov"), "phone_call", "2024-06-03", None),
        (("Anna Berg", "Ivan Petrov", "Oleg Sidorov"), "meeting", "2024-05-02", "SWE"),
    ]


def test_meetings_at_a_meeting_person_said_meets_other_state() -> None:
    text = (
        "OTTAWA, April 7 - Lawmakers met.\n\nAt a meeting of the Harbour Group, a club of "
        "Swedish exporters, "
        "Foreign Minister Ivan Petrov said trade must grow.\n"
        "At a meeting of the Minsk Club, Ivan Petrov said nothing."
    )
    body = "7-APR-2021 17:58:28.60\n\n" + text
    article = Article("t", "t.txt", body, "", published_date=find_dateline(body))
    assert _flat(extract_meetings(analyze(article), [ALPHA])) == [
        (("BLR", "SWE"), "meeting", "2021-04-07", "CAN")
    ]


def test_meetings_no_place_is_guessed_from_someones_travels() -> None:
    # the talks may have been in Turkey, or not: a wrong place unmatches the row, so none
    host = _person("Mehmet Kaya", "president", "TUR", "Kaya")
    text = (
        "Petrov back from tour\n\nIvan Petrov has returned from Turkey and Iran. "
        "Mr Petrov held talks with Mehmet Kaya and Anna Berg. Before visiting Turkey, he "
        "also made a trip to Iran."
    )
    assert _flat(_meetings(text, [ALPHA, host, GAMMA])) == [
        (("Ivan Petrov", "Mehmet Kaya"), "talks", None, None),
        (("Anna Berg", "Ivan Petrov"), "talks", None, None),
    ]


def test_meetings_pronoun_after_unknown_titled_person_is_ambiguous() -> None:
    text = (
        "Trade talks\n\nAmbassador Oleg Sidorov praised the deal. His words came as "
        "President John Carter backed it. He is due to meet Prime Minister Anna Berg."
    )
    assert _meetings(text, [BETA, GAMMA]) == []


def test_meetings_year_before_talks_recalls_main_parties() -> None:
    text = (
        "May 16, 2025\nDelegations from Tbilisi and Yerevan met in Baku on Friday. "
        "Petrov called it a continuation of failed 2021 negotiations."
    )
    assert _flat(_meetings(text, [ALPHA])) == [
        (("ARM", "GEO"), "meeting", "2025-05-16", "AZE"),
        (("ARM", "GEO"), "negotiations", "2021", None),
    ]


def test_meetings_need_an_official_side() -> None:
    text = "Leeds, 2 September 2022 (XYZ): Tom Reid met Max Hale on Friday.\nThey talked."
    reid = _person("Tom Reid", "director", None, "Reid")
    hale = _person("Max Hale", "coach", None, "Hale")
    assert _meetings(text, [reid, hale]) == []
    minister = _person("Tom Reid", "foreign minister", "BLR", "Reid")
    assert _flat(_meetings(text, [minister, hale])) == [
        (("Max Hale", "Tom Reid"), "meeting", "2022-09-02", None)
    ]


def test_meetings_role_and_country_subject_resolves_by_office_holders() -> None:
    text = (
        "Calls with allied leaders\nMarch 9, 2023\n\nOn March 7–8, Vladimir Putin had several "
        "telephone conversations with leaders of allied states.\nThe Russian President had "
        "telephone conversations with President of Sweden Anna Berg and Foreign Minister of "
        "Belarus Ivan Petrov. Vladimir Putin also spoke by phone several times with Ambassador "
        "Oleg Sidorov."
    )
    putin = _person("Vladimir Putin", None, "RUS")
    berg = _person("Anna Berg", "president", "SWE")
    sidorov = _person("Oleg Sidorov", "ambassador", "KAZ")
    assert _flat(_meetings(text, [putin, berg, ALPHA, sidorov])) == [
        (("Anna Berg", "Vladimir Putin"), "phone_call", "2023-03", None),
        (("Ivan Petrov", "Vladimir Putin"), "phone_call", "2023-03", None),
        (("Oleg Sidorov", "Vladimir Putin"), "phone_call", "2023-03-09", None),
    ]


def test_meetings_role_and_country_needs_a_holder_of_that_office() -> None:
    text = (
        "Call\nMarch 9, 2023\n\nThe Russian President had a telephone conversation with "
        "Foreign Minister Ivan Petrov."
    )
    assert _meetings(text, [_person("Oleg Sidorov", None, "RUS"), ALPHA]) == []


def test_meetings_possessive_visit_hosted_by_leader_of_same_office() -> None:
    text = (
        "Treaty signed\nJune 4, 2022\n\nPresident Anna Berg and Prime Minister Oleg Sidorov "
        "attended. Ivan Petrov said that Anna Berg's visit to Belarus comes at a key time, "
        "as the two states set up relations 30 years ago."
    )
    petrov = _person("Ivan Petrov", "president", "BLR")
    sidorov = _person("Oleg Sidorov", "prime minister", "BLR")
    berg = _person("Anna Berg", "president", "SWE")
    assert _flat(_meetings(text, [petrov, sidorov, berg])) == [
        (("Anna Berg", "Ivan Petrov"), "visit", "2022-06-04", "BLR")
    ]


def test_meetings_two_leaders_discussed_and_the_talks_after() -> None:
    text = (
        "Partnership\nJune 4, 2022\n\nForeign Minister Ivan Petrov and Prime Minister Anna Berg "
        "discussed steps to ease tension. He said so to journalists following the talks in "
        "Minsk. The talks in Geneva last year between Ukraine and Russia failed."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "talks", "2022-06-04", "BLR"),
        (("RUS", "UKR"), "talks", "2021", "CHE"),  # a specific past encounter, recalled
    ]


def test_meetings_discussed_joins_the_call_already_reported() -> None:
    text = (
        "Call\nJune 4, 2022\n\nOn Thursday Ivan Petrov had a telephone conversation with Anna "
        "Berg.\nIvan Petrov and Anna Berg discussed trade."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "phone_call", "2022-06-02", None)
    ]


def test_meetings_counterpart_and_agreed_commission_session() -> None:
    text = (
        "Visit\nJune 4, 2022\n\nThis was stated by Ivan Petrov following the negotiations with "
        "his Swedish counterpart in Minsk. Ivan Petrov and Anna Berg agreed to hold a meeting "
        "of the Joint Intergovernmental Commission in the second half of this year."
    )
    petrov = _person("Ivan Petrov", "prime minister", "BLR")
    assert _flat(_meetings(text, [petrov, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "negotiations", "2022-06-04", "BLR"),
        (("BLR", "SWE"), "meeting", "2022", None),
    ]


def test_meetings_leaders_agreed_on_their_own_council_session() -> None:
    text = (
        "Call\nJune 4, 2022\n\nIvan Petrov and Anna Berg agreed to hold the 5th meeting of the "
        "High-Level Cooperation Council in Minsk in August."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "meeting", "2022-08", "BLR")
    ]


def test_meetings_joint_trip_is_not_an_encounter_and_which_date_skipped() -> None:
    trip = "News\nJune 4, 2022\n\nIvan Petrov and Anna Berg visited New York on Monday."
    assert _meetings(trip, [ALPHA, GAMMA]) == []
    text = (
        'Visit\nJune 4, 2022\n\n"During our talks, we covered trade, which last year grew by '
        'half," Anna Berg said. Ivan Petrov met Anna Berg in Minsk.'
    )
    assert [m.date for m in _meetings(text, [ALPHA, GAMMA])] == ["2022-06-04"]


def test_meetings_meet_a_target_is_not_an_encounter() -> None:
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov was praised.\n"
        "Petrov will be judged on his success in meeting the Stockholm targets.\n"
        "Petrov said firms unable to meet US requirements would leave.\n"
        "Petrov met Swedish officials on Friday to review the meeting agenda."
    )
    assert _flat(_meetings(text, [ALPHA])) == [
        (("Ivan Petrov", "SWE"), "meeting", "2022-09-02", "BLR")
    ]


def test_meetings_company_bosses_are_not_an_official_side() -> None:
    boss = _person("Karl Weber", "chief executive", "DEU", "Weber")
    rival = _person("Marie Roux", "chief executive", "FRA", "Roux")
    text = (
        "Minsk, 2 September 2022 (XYZ): Karl Weber met chief executive Marie Roux on Friday.\n"
        "Foreign Minister Ivan Petrov held talks with Marie Roux."
    )
    assert _flat(_meetings(text, [boss, rival, ALPHA])) == [
        (("Ivan Petrov", "Marie Roux"), "talks", "2022-09-02", "BLR")
    ]


def test_meetings_talks_with_a_foreign_company_are_not_with_its_state() -> None:
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov held talks with US bank "
        "Acme Trust.\nPetrov later held talks with Sweden."
    )
    assert _flat(_meetings(text, [ALPHA])) == [
        (("Ivan Petrov", "SWE"), "talks", "2022-09-02", "BLR")
    ]


def test_meetings_persons_of_no_known_state_need_a_state_named() -> None:
    hale = _person("Tom Hale", "leader", None, "Hale")
    ross = _person("Jim Ross", "mp", None, "Ross")
    text = (
        "Minsk, 2 September 2022 (XYZ): Mr Hale held talks with Anna Berg over a tax.\n"
        "Mr Hale held talks with Mr Ross over the new tax.\n"
        "Mr Hale later held talks with Mr Ross in Sweden."
    )
    found = _meetings(text, [hale, ross, GAMMA])
    assert _flat(found) == [
        (("Anna Berg", "Tom Hale"), "talks", "2022-09-02", "BLR"),
        (("Jim Ross", "Tom Hale"), "talks", "2022-09-02", "SWE"),
    ]
    assert text[found[1].start : found[1].end].endswith("in Sweden.")


def test_meetings_person_visited_person_at_hosts_home() -> None:
    senator = _person("Mark Olsen", "senator", None, "Olsen")
    text = "Energy policy came up when senator Mark Olsen visited Ms Berg. Talks went well."
    assert _flat(_meetings(text, [senator, GAMMA])) == [
        (("Anna Berg", "Mark Olsen"), "visit", None, "SWE")
    ]


def test_meetings_minister_trip_to_state_is_visit_of_the_state() -> None:
    putin = _person("Boris Orlov", "president", "RUS", "Orlov")
    text = "Foreign Minister Ivan Petrov discussed gas prices during a trip to Moscow in May."
    assert _flat(_meetings(text, [ALPHA, putin])) == [
        (("Ivan Petrov", "RUS"), "visit", None, "RUS")
    ]


def test_meetings_trip_of_non_official_is_no_visit() -> None:
    coach = _person("Dan Carver", "coach", None, "Carver")
    text = "Coach Dan Carver named his squad for the trip to France on Saturday."
    assert _meetings(text, [coach]) == []


def test_meetings_visits_both_ways_in_one_sentence_kept_apart() -> None:
    orlov = _person("Boris Orlov", "president", "RUS", "Orlov")
    text = (
        "Belarusian minister Ivan Petrov made a trip to Moscow last year, and the plan came "
        "up again during Russian president Boris Orlov's visit to Minsk."
    )
    assert sorted(_flat(_meetings(text, [ALPHA, orlov]))) == [
        (("BLR", "Boris Orlov"), "visit", None, "BLR"),
        (("Ivan Petrov", "RUS"), "visit", None, "RUS"),
    ]


def test_meetings_attendees_listed_among_leaders_are_no_meeting() -> None:
    text = (
        "Prime Minister Anna Berg and Foreign Minister Ivan Petrov are among the 30 leaders "
        "attending the meeting in Geneva."
    )
    assert _meetings(text, [ALPHA, GAMMA]) == []


def test_meetings_year_before_when_dates_recalled_talks() -> None:
    text = "Observers recall 1994, when talks between Ivan Petrov and Anna Berg nearly succeeded."
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "talks", "1994", None)
    ]


def test_meetings_received_and_hosted_are_meetings_with_their_object() -> None:
    text = (
        "Minsk, 3 March 2022\n\nIvan Petrov received Anna Berg on Monday. "
        "Anna Berg hosted Oleg Sidorov in Stockholm."
    )
    assert _flat(_meetings(text, [ALPHA, BETA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "meeting", "2022-02-28", None),  # not today: no place
        (("Anna Berg", "Oleg Sidorov"), "meeting", "2022-03-03", "SWE"),
    ]
    assert _meetings("Ivan Petrov received a letter from Anna Berg.", [ALPHA, GAMMA]) == []
    assert _meetings("Anna Berg was received by Ivan Petrov in Minsk.", [ALPHA, GAMMA]) != []


def test_meetings_compound_government_titles_are_an_official_side() -> None:
    deputy = _person("Ihor Kovalenko", "deputy head of the office of the president", "UKR")
    secretary = _person("Jan Novak", "state secretary for foreign affairs", "SVK")
    text = "Ihor Kovalenko had a phone conversation with Jan Novak."
    assert [m.kind for m in _meetings(text, [deputy, secretary])] == ["phone_call"]
    boss = _person("Jan Novak", "president of the general confederation of industry", "SVK")
    other = _person("Ihor Kovalenko", "head of the union of industrialists", "UKR")
    assert _meetings("Ihor Kovalenko met Jan Novak.", [other, boss]) == []


def test_meetings_during_the_call_a_and_b_and_meeting_of_a_with_b() -> None:
    text = "During the telephone conversation, Ivan Petrov congratulated Anna Berg on her victory."
    assert [m.participants for m in _meetings(text, [ALPHA, GAMMA])] == [
        ("Ivan Petrov", "Anna Berg")
    ]
    text = "The meeting of Minister Ivan Petrov with Prime Minister Anna Berg began in Minsk."
    assert [m.participants for m in _meetings(text, [ALPHA, GAMMA])] == [
        ("Ivan Petrov", "Anna Berg")
    ]


def test_meetings_between_after_a_time_and_a_state_that_titles_the_person() -> None:
    text = "A telephone call on Saturday (April 4) between Ivan Petrov and Anna Berg followed."
    assert [set(m.participants) for m in _meetings(text, [ALPHA, GAMMA])] == [
        {"Ivan Petrov", "Anna Berg"}
    ]
    text = "Ivan Petrov spoke with Swedish Prime Minister Anna Berg."
    assert [m.participants for m in _meetings(text, [ALPHA, GAMMA])] == [
        ("Ivan Petrov", "Anna Berg")
    ]


def test_meetings_he_is_not_the_person_he_met() -> None:
    text = (
        "Minsk, 3 March 2022\n\nIvan Petrov had a phone conversation with Anna Berg. "
        "Ivan Petrov thanked her. Ivan Petrov praised Sweden. Ivan Petrov left. "
        "Ivan Petrov returned. "
        "The minister noted that he had a fruitful meeting with "
        "Prime Minister Anna Berg in Minsk recently."
    )
    kinds = sorted(m.kind for m in _meetings(text, [ALPHA, GAMMA]))
    assert kinds == ["meeting", "phone_call"]


def test_meetings_visits_by_verb_and_arrival_are_visits_to_each_state() -> None:
    text = (
        "Berlin, 25 August 2020\n\nForeign Minister Ivan Petrov visited Greece and Turkey. "
        "Prime Minister Anna Berg arrived in Oslo on Tuesday."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("GRC", "Ivan Petrov"), "visit", "2020-08-25", "GRC"),
        (("Ivan Petrov", "TUR"), "visit", "2020-08-25", "TUR"),
        (("Anna Berg", "NOR"), "visit", "2020-08-25", "NOR"),
    ]
    singer = _person("Maria Lopez", "singer", "ESP")
    assert _meetings("Maria Lopez visited Japan.", [singer]) == []
    assert _meetings("Ivan Petrov will visit the Greek community in Oslo.", [ALPHA]) == []
    pair = "Ivan Petrov and Anna Berg visited Japan together."
    assert _meetings(pair, [ALPHA, GAMMA]) == []


def test_meetings_need_two_sides_and_the_eu_as_a_whole_is_none() -> None:
    macron = _person("Paul Durand", "president", "FRA")
    minister = _person("Luc Martin", "finance minister", "FRA")
    meeting = MeetingFact(("Paul Durand", "Luc Martin"), "meeting", 0, 1)
    assert not has_two_sides(meeting, [macron, minister])
    assert has_two_sides(
        MeetingFact(("Paul Durand", "Anna Berg"), "meeting", 0, 1), [macron, GAMMA]
    )
    text = "Ivan Petrov held talks with the European Union on Monday."
    assert _meetings(text, [ALPHA]) == []


def test_meetings_between_titled_persons_after_an_initiative_of_others() -> None:
    text = (
        "Chisinau, 3 May 2023 (XYZ): On the initiative of President Ivan Petrov and "
        "Prime Minister Anna Berg, the meeting between Minister of Transport of Belarus "
        "Oleg Sidorov and Minister of Transport of Sweden Lars Holm was held in the presence "
        "of the delegations."
    )
    sidorov = _person("Oleg Sidorov", "minister of transport", "BLR")
    holm = _person("Lars Holm", "minister of transport", "SWE")
    found = _flat(_meetings(text, [ALPHA, GAMMA, sidorov, holm]))
    assert [f[0] for f in found] == [("Lars Holm", "Oleg Sidorov")]


def test_meetings_between_abbreviated_states_and_a_list_closed_by_and() -> None:
    text = (
        "Kyiv, 7 December 2021 (XYZ): On the eve of the planned talks between U.S. President "
        "J. Harlow and Russian President V. Sokolov, the Ukrainian and American sides agreed."
    )
    harlow = _person("J. Harlow", "president", "USA")
    sokolov = _person("V. Sokolov", "president", "RUS")
    assert [f[0] for f in _flat(_meetings(text, [harlow, sokolov]))] == [
        ("J. Harlow", "V. Sokolov")
    ]


def test_meetings_a_visit_at_the_invitation_of_the_host_head_is_an_encounter_with_him() -> None:
    li = _person("Li Wen", "president", "CHN")
    text = (
        "Moscow, 2 February 2022 (XYZ): Ivan Petrov will visit China at the invitation of "
        "President of China Li Wen."
    )
    assert [f[0] for f in _flat(_meetings(text, [ALPHA, li]))] == [("Ivan Petrov", "Li Wen")]
    text = (
        "Moscow, 2 February 2022 (XYZ): Ivan Petrov discussed it during a trip to China, and "
        "again during President Li Wen's visit to Belarus."
    )
    assert ("Ivan Petrov", "Li Wen") not in [f[0] for f in _flat(_meetings(text, [ALPHA, li]))]


def test_meetings_the_subject_follows_a_fronted_phrase_naming_someone_else() -> None:
    text = (
        "Kyiv, 20 June 2022 (XYZ): Pursuant to the instruction of Prime Minister Anna Berg, "
        "Foreign Minister Ivan Petrov met with Ambassador Oleg Sidorov."
    )
    assert [f[0] for f in _flat(_meetings(text, [ALPHA, BETA, GAMMA]))] == [
        ("Ivan Petrov", "Oleg Sidorov")
    ]


def test_meetings_a_place_in_the_opening_phrase_is_no_party_and_org_officials_are_sides() -> None:
    stoltz = PersonFact(
        name="Jens Stoltz", start=0, end=1, role="secretary general", serves_organization=True
    )
    text = (
        "Kyiv, 16 December 2021 (XYZ): During a meeting in Brussels, Foreign Minister Ivan "
        "Petrov and NATO Secretary General Jens Stoltz discussed cooperation."
    )
    assert _flat(_meetings(text, [ALPHA, stoltz])) == [
        (("Ivan Petrov", "Jens Stoltz"), "meeting", "2021-12-16", "BEL")
    ]


def test_meetings_a_place_after_a_direction_word_and_topics_that_are_not_places() -> None:
    text = (
        "Minsk, 14 September 2020 (XYZ): Foreign Minister Ivan Petrov visited Sochi in "
        "southwest Russia on Monday for talks with Ambassador Oleg Sidorov, after weeks of "
        "protests in Belarus."
    )
    assert [f[3] for f in _flat(_meetings(text, [ALPHA, BETA]))] == ["RUS"]


def test_meetings_a_delegation_named_by_its_leader_or_members() -> None:
    text = (
        "Kyiv, 31 December 2021 (XYZ): Foreign Minister Ivan Petrov met with a Swedish "
        "delegation led by Prime Minister Anna Berg. Ambassador Oleg Sidorov had a meeting "
        "with a delegation of the US Congress, which included senators Rob Gardner, Jeanne "
        "Holt, Amy Lind and Tom Reed."
    )
    senators = [_person(n, "senator", "USA") for n in ("Rob Gardner", "Jeanne Holt", "Amy Lind")]
    reed = _person("Tom Reed", "senator", "USA")
    found = [f[0] for f in _flat(_meetings(text, [ALPHA, BETA, GAMMA, *senators, reed]))]
    assert found == [
        ("Anna Berg", "Ivan Petrov"),
        ("Amy Lind", "Jeanne Holt", "Oleg Sidorov", "Rob Gardner", "Tom Reed"),
    ]


def test_meetings_advisers_to_leaders_of_states_are_not_the_states() -> None:
    text = (
        "Kyiv, 11 January 2022 (XYZ): Foreign Minister Ivan Petrov receives advisers to "
        "leaders of France and Germany."
    )
    assert _meetings(text, [ALPHA]) == []


def test_meetings_talks_here_today_with() -> None:
    text = (
        "LONDON, March 26 - Foreign Minister Ivan Petrov discussed spending in talks here "
        "today with Prime Minister Anna Berg, a spokesman said."
    )
    found = _flat(_meetings(text, [ALPHA, GAMMA]))
    assert [f[0] for f in found] == [("Anna Berg", "Ivan Petrov")]


def test_meetings_sending_a_minister_somewhere_for_talks_and_cities_of_their_time() -> None:
    shultz = _person("George Shaw", "secretary of state", "USA")
    shev = _person("Eduard Shevko", "foreign minister", "SUN")
    reagan = _person("Ronald Reed", "president", "USA")
    text = (
        "WASHINGTON, March 6 - President Ronald Reed announced he is sending Secretary of "
        "State George Shaw to Moscow for talks with Foreign Minister Eduard Shevko next month."
    )
    article = Article("t", "t.txt", text, "", published_date=dt.date(1987, 3, 6))
    found = _flat(extract_meetings(analyze(article), [reagan, shultz, shev]))
    assert found == [(("Eduard Shevko", "George Shaw"), "talks", "1987-04", "SUN")]


def test_meetings_a_conversation_between_the_subjects_and_after_consultations() -> None:
    text = (
        "Sochi, 26 November 2021 (XYZ): Foreign Minister Ivan Petrov and Ambassador Oleg "
        "Sidorov had a brief conversation at the residence. Following bilateral consultations, "
        "Ivan Petrov and Prime Minister Anna Berg made press statements. After the summit, "
        "Anna Berg held talks with Oleg Sidorov."
    )
    found = _flat(_meetings(text, [ALPHA, BETA, GAMMA]))
    assert [(f[0], f[1]) for f in found] == [
        (("Ivan Petrov", "Oleg Sidorov"), "talks"),
        (("Anna Berg", "Ivan Petrov"), "talks"),
        (("Anna Berg", "Oleg Sidorov"), "talks"),
    ]


def test_meetings_a_fronted_encounter_with_someone_and_the_main_subject() -> None:
    text = (
        "Minsk, 8 June 2021 (XYZ): Following a bilateral meeting with Prime Minister Anna "
        "Berg on June 8, 2021 and in light of deep ties, Foreign Minister Ivan Petrov "
        "announces the following. During a phone call with Ambassador Oleg Sidorov of "
        "Russia, Prime Minister Anna Berg of Sweden said trade must grow."
    )
    found = _flat(_meetings(text, [ALPHA, BETA, GAMMA]))
    assert [(f[0], f[1]) for f in found] == [
        (("Anna Berg", "Ivan Petrov"), "meeting"),
        (("Anna Berg", "Oleg Sidorov"), "phone_call"),
    ]


def test_meetings_welcomed_a_person_to_a_place_and_a_gathering_of_officials() -> None:
    text = (
        "Washington, 6 January 2025 (XYZ): Foreign Minister Ivan Petrov welcomed "
        "Prime Minister Anna Berg to the Kremlin to discuss democracy in Sweden. "
        "Prime Minister Anna Berg welcomed Belarus as a partner."
    )
    found = _flat(_meetings(text, [ALPHA, GAMMA]))
    assert found == [(("Anna Berg", "Ivan Petrov"), "meeting", "2025-01-06", "RUS")]
    text = (
        "Tokyo, 16 June 2023 (XYZ): Foreign Minister Ivan Petrov of Belarus, Ambassador "
        "Oleg Sidorov of Russia, and Prime Minister Anna Berg of Sweden gathered for the "
        "first time in Tokyo."
    )
    assert [f[0] for f in _flat(_meetings(text, [ALPHA, BETA, GAMMA]))] == [
        ("Anna Berg", "Ivan Petrov", "Oleg Sidorov")
    ]


def test_meetings_between_titled_persons_with_possessive_states_and_quoted_conversation() -> None:
    chee = _person("Chee Wee Kiong", "permanent secretary", "SGP")
    luo = _person("Luo Zhaohui", "vice-foreign minister", "CHN")
    text = (
        "SINGAPORE - They agreed on air links, following a video conference meeting between "
        "Mr Chee Wee Kiong, Permanent Secretary of Singapore's MFA, and China's Vice-Foreign "
        'Minister Luo Zhaohui on Thursday. Ivan Petrov said he had a "great conversation" '
        "with Ambassador Oleg Sidorov."
    )
    found = [f[0] for f in _flat(_meetings(text, [chee, luo, ALPHA, BETA]))]
    assert found == [("Chee Wee Kiong", "Luo Zhaohui"), ("Ivan Petrov", "Oleg Sidorov")]


def test_meetings_someone_who_will_also_take_part_joins_the_encounter() -> None:
    faki = PersonFact(
        name="Musa Faki", start=0, end=1, role="chairperson", serves_organization=True
    )
    text = (
        "On June 3, Foreign Minister Ivan Petrov will meet with Prime Minister Anna Berg.\n"
        "June 2, 2022\n\n"
        "Foreign Minister Ivan Petrov will hold talks with Prime Minister Anna Berg in Sochi. "
        "Commission Chairperson Musa Faki will also take part in the meeting."
    )
    found = _flat(_meetings(text, [ALPHA, GAMMA, faki]))
    assert [(f[0], f[2], f[3]) for f in found] == [
        (("Anna Berg", "Ivan Petrov", "Musa Faki"), "2022-06-03", "RUS")
    ]


def test_meetings_a_visit_to_a_place_in_the_opening_phrase_locates_the_encounter() -> None:
    text = (
        "Kyiv, 15 December 2021 (XYZ): During a working visit to Brussels, Foreign Minister "
        "Ivan Petrov met with Prime Minister Anna Berg."
    )
    assert [f[3] for f in _flat(_meetings(text, [ALPHA, GAMMA]))] == ["BEL"]


def test_meetings_separate_meetings_with_two_officials_of_one_state_stay_apart() -> None:
    governor = _person("Jacques Laroche", "governor", "SWE")
    text = (
        "PARIS, March 3 - Foreign Minister Ivan Petrov held separate meetings with Prime "
        "Minister Anna Berg and Bank of Sweden Governor Jacques Laroche."
    )
    found = [f[0] for f in _flat(_meetings(text, [ALPHA, GAMMA, governor]))]
    assert found == [("Anna Berg", "Ivan Petrov"), ("Ivan Petrov", "Jacques Laroche")]


def test_meetings_two_name_forms_of_one_person_are_one_encounter() -> None:
    bibi = _person("Bibi Berg", "prime minister", "SWE")
    text = (
        "Readout of the Minister's Call with Prime Minister Anna Berg\n"
        "June 2, 2022\n\n"
        "Foreign Minister Ivan Petrov spoke by phone with Prime Minister Bibi Berg today."
    )
    assert len(_meetings(text, [ALPHA, GAMMA, bibi])) == 1


def test_meetings_a_possessive_without_s_names_the_visitor() -> None:
    harris = _person("Kamala Harrows", "vice president", "USA")
    lee = _person("Lee Wen", "prime minister", "SGP")
    biden = _person("Joe Biddle", "president", "USA")
    text = (
        "Washington, 31 October 2021 (XYZ): President Joe Biddle met with Prime Minister "
        "Lee Wen. The President and Prime Minister built on Vice President Kamala Harrows’ "
        "visit to Singapore in August."
    )
    found = {f[0] for f in _flat(_meetings(text, [harris, lee, biden]))}
    assert ("Joe Biddle", "Lee Wen") in found and ("Kamala Harrows", "SGP") in found


def test_meetings_spoke_to_someone_by_phone() -> None:
    text = (
        "Minsk, 31 March 2020 (XYZ): Foreign Minister Ivan Petrov said he would stop. A day "
        "later, he spoke to his Swedish counterpart Anna Berg by phone. He spoke to reporters."
    )
    assert [(f[0], f[1]) for f in _flat(_meetings(text, [ALPHA, GAMMA]))] == [
        (("Anna Berg", "Ivan Petrov"), "phone_call")
    ]


def test_meetings_talks_of_two_states_on_the_day_are_their_leaders_talks() -> None:
    text = (
        "News conference following Belarusian-Swedish talks\n"
        "February 1, 2022, Minsk\n\n"
        "Minister: We welcome the Prime Minister of Sweden, Ms Berg, here in Minsk."
    )
    petrov = _person("Ivan Petrov", "president", "BLR")
    found = _flat(_meetings(text, [petrov, GAMMA]))
    assert [f[0] for f in found] == [("Anna Berg", "Ivan Petrov")]
    two_heads = [petrov, GAMMA, _person("Lars Holm", "prime minister", "SWE")]
    assert [f[0] for f in _flat(_meetings(text, two_heads))] == [("BLR", "SWE")]


def test_meetings_talks_held_the_day_before_and_the_call_today() -> None:
    text = (
        "Telephone conversation with Prime Minister of Sweden Anna Berg\n"
        "March 6, 2022\n\n"
        "In follow up to talks held in Moscow the day before, Foreign Minister Ivan Petrov had "
        "a telephone conversation with Prime Minister of Sweden Anna Berg."
    )
    found = sorted(_flat(_meetings(text, [ALPHA, GAMMA])), key=lambda f: str(f[2]))
    assert [(f[1], f[2]) for f in found] == [("talks", "2022-03-05"), ("phone_call", "2022-03-06")]


def test_meetings_a_meeting_of_the_leaders_of_states_is_their_named_leaders() -> None:
    text = (
        "Telephone conversation\nDecember 14, 2021\n\n"
        "Foreign Minister Ivan Petrov spoke of the meeting of the leaders of Belarus, Sweden "
        "and Russia in Sochi on November 26. A later meeting of the heads of the EU bodies "
        "with Anna Berg is scheduled for December 15."
    )
    leader = _person("Oleg Sidorov", "president", "RUS")
    belarus = _person("Ivan Petrov", "president", "BLR")
    found = [f[0] for f in _flat(_meetings(text, [belarus, GAMMA, leader]))]
    assert ("Anna Berg", "Ivan Petrov", "Oleg Sidorov") in found
    assert not any(len(f) == 3 and "BLR" in f for f in found)


def test_meetings_their_talks_of_the_two_leaders_far_from_the_main_encounter() -> None:
    text = (
        "Telephone conversation with Prime Minister of Sweden Anna Berg\nFebruary 25, 2022\n\n"
        "Foreign Minister Ivan Petrov had a telephone conversation with Prime Minister of "
        "Sweden Anna Berg. The minister explained the reasons. He noted the signals. He was "
        "ready to send a delegation. In this context, the two leaders emphasised cooperation, "
        "including following their talks in Stockholm on February 4."
    )
    found = sorted((f[1], f[2], f[3]) for f in _flat(_meetings(text, [ALPHA, GAMMA])))
    assert found == [("phone_call", "2022-02-25", None), ("talks", "2022-02-04", "SWE")]


def test_meetings_the_presidents_of_states_at_their_meeting() -> None:
    text = (
        "Minsk, 24 November 2021 (XYZ): The presidents of Russia and Belarus and the prime "
        "minister of Armenia will review these matters at their meeting in Sochi on November 26."
    )
    assert [(f[0], f[2]) for f in _flat(_meetings(text, []))] == [
        (("ARM", "BLR", "RUS"), "2021-11-26")
    ]


def test_meetings_counterpart_title_with_modifier_and_honorific() -> None:
    """ "talks with Sweden's new prime minister, Ms Anna Berg": the modifier and the
    honorific between the title and the name leave her the party."""
    text = (
        "Minsk, 2 September 2022\nForeign Minister Ivan Petrov will hold talks with Sweden's "
        "new prime minister, Ms Anna Berg, on Monday."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "talks", "2022-09-05", None)
    ]


def test_meetings_noun_discussed_as_topic_is_no_encounter_of_the_subjects() -> None:
    """ "The two leaders discussed the ongoing negotiations in Geneva": the negotiations are
    what they talked about; a noun with its own parties stays an encounter."""
    text = (
        "Minsk, 2 September 2022\nForeign Minister Ivan Petrov spoke by phone with Prime "
        "Minister Anna Berg. The two leaders discussed the ongoing negotiations in Geneva. "
        "Petrov briefed her on the meeting of the leaders of Belarus and Slovenia in Bled on "
        "August 30."
    )
    found = _flat(_meetings(text, [ALPHA, GAMMA]))
    assert (("Anna Berg", "Ivan Petrov"), "phone_call", "2022-09-02", None) in found
    assert not [f for f in found if f[1] == "negotiations"]
    assert (("BLR", "SVN"), "meeting", "2022-08-30", None) in found


def test_meetings_negated_with_contraction_and_words_between() -> None:
    text = (
        "Minsk, 2 September 2022\nIn Stockholm, Petrov was criticized and didn't even get to "
        "meet Prime Minister Anna Berg."
    )
    assert _meetings(text, [ALPHA, GAMMA]) == []


def test_meetings_place_named_with_its_state_in_brackets() -> None:
    """A city the lexicon does not know, followed by its state: the state is the place."""
    text = (
        "Minsk, 2 September 2022\nOn the sidelines of the forum in Bled (Slovenia), Foreign "
        "Minister Ivan Petrov met Prime Minister Anna Berg."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "meeting", "2022-09-02", "SVN")
    ]


def test_meetings_list_of_hyphenated_pairs_gives_one_encounter_each() -> None:
    """ "the recent Belarus-Sweden and Belarus-Russia summits": two encounters, recalled,
    so neither takes the dateline's day or place."""
    text = (
        "Minsk, 2 September 2022\nRecalling the recent Belarus-Sweden and Belarus-Russia "
        "summits, the ministers signed a declaration."
    )
    assert _flat(_meetings(text, [])) == [
        (("BLR", "SWE"), "summit", None, None),
        (("BLR", "RUS"), "summit", None, None),
    ]


def test_meetings_relative_clause_has_its_antecedent_as_subject() -> None:
    """ "A met B of Sweden, who recently visited Russia": B visited, not A."""
    text = (
        "Minsk, 2 September 2022\nForeign Minister Ivan Petrov met Prime Minister Anna Berg "
        "of Sweden, who recently visited Russia."
    )
    found = _flat(_meetings(text, [ALPHA, GAMMA]))
    assert (("Anna Berg", "RUS"), "visit", None, "RUS") in found
    assert not [f for f in found if f[0] == ("Ivan Petrov", "RUS")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The official visit of Prime Minister Anna Berg of Sweden to Belarus began on Monday.",
        "During the visit by Prime Minister Anna Berg of Sweden to Belarus, trade was discussed.",
        "Talks are set for a Minsk visit next week by Prime Minister Anna Berg of Sweden.",
    ],
)
def test_meetings_visit_named_as_a_noun_with_its_guest_after_it(sentence: str) -> None:
    """ "the visit of X to Y", "a Minsk visit by X": X visits Y."""
    text = f"Minsk, 2 September 2022\n{sentence}"
    found = _flat(_meetings(text, [GAMMA]))
    assert [(f[0], f[1], f[3]) for f in found] == [(("Anna Berg", "BLR"), "visit", "BLR")]


def test_meetings_visit_of_a_private_group_is_no_encounter() -> None:
    text = "Minsk, 2 September 2022\nThe visit of Swedish students to Belarus was a success."
    assert _meetings(text, []) == []


def test_meetings_urgent_is_no_urging() -> None:
    """ "urged to meet" hedges an encounter; "an urgent phone conversation" is one."""
    text = (
        "Minsk, 2 September 2022\nForeign Minister Ivan Petrov had an urgent phone "
        "conversation with Prime Minister Anna Berg."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "phone_call", "2022-09-02", None)
    ]


def test_meetings_upcoming_meeting_is_kept_apart_from_the_one_held_today() -> None:
    text = (
        "Minsk, 2 September 2022\nForeign Minister Ivan Petrov met Prime Minister Anna Berg "
        "today in Minsk. They look forward to their upcoming meeting in Stockholm."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "meeting", "2022-09-02", "BLR"),
        (("Anna Berg", "Ivan Petrov"), "meeting", None, "SWE"),
    ]


def test_meetings_first_person_is_the_speaker_or_the_author() -> None:
    """ "I" is the person of the paragraph's speaker label, else the author the headline
    names; inside quotation marks it is someone quoted, so no one is assumed."""
    label = (
        "Press statements\nMinsk, 2 September 2022\n\nForeign Minister Ivan Petrov: Thank "
        "you. Today I spoke with Prime Minister Anna Berg."
    )
    assert _flat(_meetings(label, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "talks", "2022-09-02", "BLR")
    ]
    address = (
        "We stand firm - address by Foreign Minister Ivan Petrov\nMinsk, 2 September 2022\n\n"
        "Friends! I also spoke today with Prime Minister Anna Berg."
    )
    assert _flat(_meetings(address, [ALPHA, GAMMA]))[0][0] == ("Anna Berg", "Ivan Petrov")
    quoted = (
        "We stand firm - address by Foreign Minister Ivan Petrov\nMinsk, 2 September 2022\n\n"
        '"I also spoke today with Prime Minister Anna Berg," a diplomat said.'
    )
    assert _meetings(quoted, [ALPHA, GAMMA]) == []


def test_meetings_relative_who_and_an_unnamed_head_of_state() -> None:
    """ "B who had met with the Russian leader": B met Russia's (unnamed) leader; after a
    list of persons the antecedent of "who" is unclear, so it gives no subject."""
    text = (
        "Minsk, 2 September 2022\nPetrov spoke with Prime Minister Anna Berg of Sweden who "
        "had met with the Russian leader the day before."
    )
    found = _flat(_meetings(text, [ALPHA, GAMMA]))
    assert (("Anna Berg", "RUS"), "meeting", "2022-09-01", None) in found
    listed = (
        "Minsk, 2 September 2022\nPrime Minister Anna Berg met Ivan Petrov and Oleg Sidorov "
        "who are on a visit to Sweden."
    )
    assert not [f for f in _flat(_meetings(listed, [ALPHA, BETA, GAMMA])) if f[1] == "visit"]


def test_meetings_visit_to_a_state_is_not_other_persons_talks() -> None:
    """X's visit to Sweden and talks between two other officials of the same two states
    are two encounters, not one."""
    text = (
        "Minsk, 2 September 2022\nThe agreements were reached during the visit of Foreign "
        "Minister Ivan Petrov to Sweden. Ambassador Oleg Sidorov held talks with Prime "
        "Minister Anna Berg."
    )
    sidorov = _person("Oleg Sidorov", "ambassador", "BLR", "Sidorov")
    found = {f[0] for f in _flat(_meetings(text, [ALPHA, sidorov, GAMMA]))}
    assert found == {("Ivan Petrov", "SWE"), ("Anna Berg", "Oleg Sidorov")}


def test_meetings_meeting_of_a_and_b() -> None:
    text = (
        "Minsk, 2 September 2022\nThe meeting of Foreign Minister Ivan Petrov and Prime "
        "Minister Anna Berg began in Stockholm."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "meeting", "2022-09-02", "SWE")
    ]


def test_meetings_proposals_at_a_meeting_are_no_proposal_to_meet() -> None:
    """ "proposed to meet" hedges; "will make proposals at a meeting with X" does not."""
    text = (
        "Minsk, 2 September 2022\nForeign Minister Ivan Petrov will make proposals at a "
        "meeting with Prime Minister Anna Berg on Monday."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "meeting", "2022-09-05", None)
    ]
    hedged = "Minsk, 2 September 2022\nIvan Petrov proposed to meet Prime Minister Anna Berg."
    assert _meetings(hedged, [ALPHA, GAMMA]) == []


def test_meetings_fronted_in_talks_with_and_a_coordinated_subject() -> None:
    """ "In talks with X in Stockholm, A and B asked ...": one encounter of all three;
    "In <place>," locates the encounter."""
    text = (
        "Minsk, 2 September 2022\nIn talks with Prime Minister Anna Berg in Stockholm "
        "yesterday, Petrov and Ambassador Oleg Sidorov asked for support."
    )
    assert _flat(_meetings(text, [ALPHA, BETA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov", "Oleg Sidorov"), "talks", "2022-09-01", "SWE")
    ]
    placed = "Minsk, 2 September 2022\nIn Stockholm, Ivan Petrov met Prime Minister Anna Berg."
    assert _flat(_meetings(placed, [ALPHA, GAMMA]))[0][3] == "SWE"


def test_meetings_call_between_two_persons() -> None:
    text = (
        "Minsk, 2 September 2022\nAs a follow-up to the August 30 call between Foreign "
        "Minister Ivan Petrov and Prime Minister Anna Berg, officials signed a plan."
    )
    assert _flat(_meetings(text, [ALPHA, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "phone_call", "2022-08-30", None)
    ]


def test_meetings_relatives_sharing_names_are_two_parties() -> None:
    """ "King Hamad bin Isa Al Khalifa and Crown Prince Salman bin Hamad Al Khalifa": two
    persons (different given names), so "spoke separately with" gives two calls."""
    king = _person("Hamad bin Isa Al Khalifa", "king", "BHR")
    prince = _person("Salman bin Hamad Al Khalifa", "crown prince", "BHR")
    text = (
        "Minsk, 2 September 2022\nForeign Minister Ivan Petrov spoke separately today with "
        "King Hamad bin Isa Al Khalifa and Crown Prince Salman bin Hamad Al Khalifa."
    )
    found = {f[0] for f in _flat(_meetings(text, [ALPHA, king, prince]))}
    assert found == {
        ("Hamad bin Isa Al Khalifa", "Ivan Petrov"),
        ("Ivan Petrov", "Salman bin Hamad Al Khalifa"),
    }


@pytest.mark.parametrize(
    ("dateline", "state"),
    [("MOSCOW, April 13, 1987 -", "SUN"), ("MOSCOW, April 13, 1995 -", "RUS")],
)
def test_meetings_place_in_the_state_it_belonged_to_then(dateline: str, state: str) -> None:
    """Moscow was the Soviet Union's until 1991, Russia's after."""
    text = f"{dateline} Prime Minister Anna Berg met Ambassador Oleg Sidorov in Moscow today."
    [meeting] = _meetings(text, [GAMMA, BETA])
    assert meeting.location_country == state


def test_meetings_discussed_a_topic_with_a_person() -> None:
    """The topic between "discussed" and "with" is skipped when a person follows "with"."""
    text = (
        "Minsk, 2 September 2022 - Prime Minister Anna Berg discussed the security situation "
        "and the implementation of the energy strategy with Ambassador Oleg Sidorov."
    )
    assert _flat(_meetings(text, [GAMMA, BETA])) == [
        (("Anna Berg", "Oleg Sidorov"), "talks", "2022-09-02", "BLR")
    ]
    topic = "Minsk, 2 September 2022 - Prime Minister Anna Berg discussed relations with Russia."
    assert _meetings(topic, [GAMMA, BETA]) == []


def test_meetings_they_are_the_persons_who_last_opened_a_sentence_together() -> None:
    text = (
        "Minsk, 2 September 2022 - The plan was signed. Prime Minister Anna Berg and "
        "Ambassador Oleg Sidorov praised it. It fulfils the commitment of Berg's government "
        "made when they met in June 2021."
    )
    assert _flat(_meetings(text, [GAMMA, BETA])) == [
        (("Anna Berg", "Oleg Sidorov"), "meeting", "2021-06", None)
    ]
    alone = "Minsk, 2 September 2022 - Officials said they met in June 2021."
    assert _meetings(alone, [GAMMA, BETA]) == []


def test_meetings_a_visit_praised_is_the_praised_person_s() -> None:
    """ "A commended B for his visits to X": B visited X, not A."""
    berg = _person("Anna Berg", "prime minister", "SWE", "Berg")
    petrov = _person("Ivan Petrov", "president", "BLR", "Petrov")
    text = (
        "Minsk, 2 September 2022 - President Ivan Petrov commended Prime Minister Anna Berg "
        "for her historic visit to Poland."
    )
    assert [m.participants for m in _meetings(text, [petrov, berg])] == [("Anna Berg", "POL")]


def test_meetings_during_their_call_the_two_named_after_it() -> None:
    text = (
        "Minsk, 2 September 2022 - During their telephone conversation, Prime Minister Anna "
        "Berg and Ambassador Oleg Sidorov exchanged greetings."
    )
    assert [(m.participants, m.kind) for m in _meetings(text, [GAMMA, BETA])] == [
        (("Anna Berg", "Oleg Sidorov"), "phone_call")
    ]
    alone = "Minsk, 2 September 2022 - During their call, Prime Minister Anna Berg smiled."
    assert _meetings(alone, [GAMMA, BETA]) == []


def test_meetings_the_delegates_of_two_sides_are_one_encounter_of_any_size() -> None:
    """ "A met B, C and D": four persons of two states are one bilateral encounter; four of
    three states are a multilateral meeting, not a row."""
    ivanov = _person("Pavel Ivanov", "finance minister", "BLR", "Ivanov")
    lind = _person("Karl Lind", "finance minister", "SWE", "Lind")
    berg = _person("Anna Berg", "economy minister", "SWE", "Berg")
    holm = _person("Eva Holm", "central bank governor", "SWE", "Holm")
    text = (
        "Minsk, 2 September 2022 - Finance Minister Pavel Ivanov met Finance Minister Karl "
        "Lind, Economy Minister Anna Berg and Central Bank Governor Eva Holm on Thursday."
    )
    found = _meetings(text, [ivanov, lind, berg, holm])
    assert [set(m.participants) for m in found] == [
        {"Pavel Ivanov", "Karl Lind", "Anna Berg", "Eva Holm"}
    ]
    other = _person("Jan Novak", "finance minister", "POL", "Novak")
    assert _meetings(text.replace("Eva Holm", "Jan Novak"), [ivanov, lind, berg, other]) == []


def test_meetings_an_office_as_stated_still_names_its_holder() -> None:
    """ "the prime minister" is the person whose role is "acting prime minister"."""
    acting = _person("Anna Berg", "acting prime minister", "SWE", "Berg")
    text = (
        "June 3, 2024\nA day ago, the prime minister held a bilateral meeting "
        "with Ambassador Sidorov."
    )
    assert [m.participants for m in _meetings(text, [acting, BETA])] == [
        ("Anna Berg", "Oleg Sidorov")
    ]


def test_meetings_a_state_before_a_title_of_several_words_is_the_title_s() -> None:
    """ "met with US Secretary of State A and US Secretary of Defense B": the persons meet,
    not the United States."""
    a = _person("Tom Hale", "secretary of state", "USA", "Hale")
    b = _person("Ron Pike", "secretary of defense", "USA", "Pike")
    petrov = _person("Ivan Petrov", "president", "BLR", "Petrov")
    text = (
        "Minsk, 2 September 2022 - President Ivan Petrov met with US Secretary of State Tom "
        "Hale and US Secretary of Defense Ron Pike, who arrived in Belarus on a visit."
    )
    assert [set(m.participants) for m in _meetings(text, [petrov, a, b])] == [
        {"Ivan Petrov", "Tom Hale", "Ron Pike"}
    ]


def test_meetings_his_meeting_joined_to_another_s_visit_is_that_person_s() -> None:
    """ "A met B to follow up on C's visit to X and his meeting with D in Minsk": C met D
    in Belarus (not A, not in X), and C visited X."""
    a = _person("Roman Orlov", "deputy head", "BLR", "Orlov")
    b = _person("Jane Stone", "attache", "USA", "Stone")
    c = _person("Ivan Petrov", "president", "BLR", "Petrov")
    d = _person("Ron Pike", "secretary of defense", "USA", "Pike")
    text = (
        "Minsk, 2 September 2022 - Deputy Head Roman Orlov met with US Attache Jane Stone "
        "to follow up on agreements reached during President Ivan Petrov's visit to the "
        "United States and his meeting with US Secretary of Defense Ron Pike in Minsk."
    )
    found = {(frozenset(m.participants), m.location_country) for m in _meetings(text, [a, b, c, d])}
    assert (frozenset({"Ivan Petrov", "Ron Pike"}), "BLR") in found
    assert not any("Roman Orlov" in keys and "Ron Pike" in keys for keys, _ in found)


def test_meetings_a_delegation_of_a_body_of_many_words_is_its_leader() -> None:
    carlson = _person("Mitch Carlson", "senator", "USA", "Carlson")
    petrov = _person("Ivan Petrov", "president", "BLR", "Petrov")
    text = (
        "Minsk, 2 September 2022 - President Ivan Petrov met with a delegation of the upper "
        "house of the United States Congress headed by Senator Mitch Carlson."
    )
    assert [m.participants for m in _meetings(text, [petrov, carlson])] == [
        ("Ivan Petrov", "Mitch Carlson")
    ]


def test_meetings_an_accepted_invitation_is_a_visit_ahead() -> None:
    """ "A invited B to visit X in early February, and B accepted the invitation": B's visit
    to A, in the coming February; an invitation not said to be accepted is no encounter."""
    petrov = _person("Ivan Petrov", "president", "BLR", "Petrov")
    berg = _person("Anna Berg", "prime minister", "SWE", "Berg")
    text = (
        "Minsk, 9 January 2023 - President Ivan Petrov invited Prime Minister Anna Berg to "
        "visit Minsk in early February for consultations, and Prime Minister Berg accepted "
        "the invitation."
    )
    found = _meetings(text, [petrov, berg])
    assert [(m.participants, m.kind, m.date) for m in found] == [
        (("Anna Berg", "Ivan Petrov"), "visit", "2023-02")
    ]
    unanswered = text.split(", and Prime")[0] + "."
    assert _meetings(unanswered, [petrov, berg]) == []


def test_meetings_a_dated_encounter_without_parties_is_the_main_pair_s() -> None:
    """ "The call followed up on the December 30 telephone conversation": the article's
    main pair spoke on December 30."""
    petrov = _person("Ivan Petrov", "president", "BLR", "Petrov")
    berg = _person("Anna Berg", "prime minister", "SWE", "Berg")
    text = (
        "Minsk, 12 February 2022 - President Ivan Petrov had a telephone conversation with "
        "Prime Minister Anna Berg. The call followed up on the December 30 telephone "
        "conversation."
    )
    dates = sorted(m.date or "" for m in _meetings(text, [petrov, berg]))
    assert dates == ["2021-12-30", "2022-02-12"]


def test_meetings_titles_with_on_and_a_summit_as_topic() -> None:
    """ "Chairman of the Committee on Foreign Affairs of the Parliament of Estonia X" is one
    title; "the parties focused on the forthcoming NATO summit" is a topic, no encounter."""
    zhukov = _person("Ihor Zhukov", "deputy head", "UKR", "Zhukov")
    mets = _person("Marko Mets", "chairman", "EST", "Mets")
    text = (
        "Kyiv, 27 January 2022 - Deputy Head Ihor Zhukov met with Chairman of the Committee on "
        "Foreign Affairs of the Parliament of the Republic of Estonia Marko Mets. The parties "
        "focused on the forthcoming NATO summit in Madrid in June 2022."
    )
    found = _meetings(text, [zhukov, mets])
    assert [(m.participants, m.kind) for m in found] == [(("Ihor Zhukov", "Marko Mets"), "meeting")]


def test_meetings_a_meal_hosted_for_a_guest_is_an_encounter() -> None:
    """ "A hosted a dinner for B", "B was hosted to lunch by A", "A hosted a state banquet in
    honour of B"."""
    lee = _person("Lee Wen", "prime minister", "SGP", "Lee")
    wang = _person("Wang Bo", "foreign minister", "CHN", "Wang")
    for text in (
        "Singapore, 20 August 2020 - Prime Minister Lee Wen hosted a dinner for Foreign "
        "Minister Wang Bo.",
        "Singapore, 20 August 2020 - Foreign Minister Wang Bo was hosted to lunch by Prime "
        "Minister Lee Wen.",
        "Singapore, 20 August 2020 - Prime Minister Lee Wen hosted a state banquet in honour "
        "of Foreign Minister Wang Bo.",
    ):
        assert [set(m.participants) for m in _meetings(text, [lee, wang])] == [
            {"Lee Wen", "Wang Bo"}
        ], text


def test_meetings_those_who_joined_a_participant_took_part() -> None:
    """ "A hosted B. A was joined by C and D": C and D are in the encounter too."""
    finer = _person("Jon Fine", "deputy adviser", "USA", "Fine")
    murillo = _person("Luis Mora", "foreign minister", "COL", "Mora")
    nichols = _person("Brian Nash", "assistant secretary", "USA", "Nash")
    erikson = _person("Dan Eriks", "senior director", "USA", "Eriks")
    text = (
        "Washington, 11 April 2024 - Deputy Adviser Jon Fine hosted Colombian Foreign Minister "
        "Luis Mora at the White House. Fine was joined by Assistant Secretary Brian Nash and "
        "Senior Director Dan Eriks."
    )
    found = _meetings(text, [finer, murillo, nichols, erikson])
    assert [set(m.participants) for m in found] == [
        {"Jon Fine", "Luis Mora", "Brian Nash", "Dan Eriks"}
    ]


def test_meetings_a_fronted_encounter_with_no_named_subject_is_the_speaker_s() -> None:
    """ "X: In a meeting with King Y and then a session with Crown Prince Z, our two states
    finalized agreements": the speaker X met Y (no person is the main clause's subject)."""
    hale = _person("Tom Hale", "president", "USA", "Hale")
    salem = _person("Salem", "king", "SAU", "King Salem")
    omar = _person("Omar bin Salem", "crown prince", "SAU", "Omar")
    text = (
        "Remarks\nJuly 15, 2022\n\nPresident Tom Hale: In a meeting with King Salem and then "
        "an extended working session with Crown Prince Omar bin Salem and their respective "
        "delegations, the United States and Saudi Arabia finalized agreements."
    )
    found = {frozenset(m.participants) for m in _meetings(text, [hale, salem, omar])}
    assert frozenset({"Tom Hale", "Salem"}) in found


def test_meetings_state_talks_are_the_most_named_head_s() -> None:
    """ "Russian-German talks" in an article naming the Chancellor often and the President
    once: the Chancellor's talks."""
    putin = _person("Ivan Petrov", "president", "RUS", "Petrov")
    scholz = _person("Olaf Lind", "chancellor", "DEU", "Lind")
    other = _person("Frank Stein", "president", "DEU", "Stein")
    text = (
        "Moscow, 15 February 2022 - Following Russian-German talks, President Ivan Petrov and "
        "Chancellor Olaf Lind made statements. Lind thanked Petrov. Lind recalled the formula "
        "of President Frank Stein. Lind left."
    )
    found = {frozenset(m.participants) for m in _meetings(text, [putin, scholz, other])}
    assert frozenset({"Ivan Petrov", "Olaf Lind"}) in found


def test_meetings_a_wire_dateline_does_not_date_a_visit_ahead() -> None:
    """ "WASHINGTON, March 4 - X will visit Italy": the report's date is not the visit's."""
    reagan = _person("Ron Hale", "president", "USA", "Hale")
    text = "WASHINGTON, March 4 - President Ron Hale will visit Italy, the White House said."
    found = _meetings("Hale to visit Italy\n4-MAR-1987\n\n" + text, [reagan])
    assert [(m.participants, m.date) for m in found] == [(("Ron Hale", "ITA"), None)]


def test_meetings_a_visit_to_a_place_by_a_guest_and_companions_of_a_trip() -> None:
    """ "X said the deal was reached during a visit to Moscow last week by Y": Y visited; "Z
    said he will visit Japan. He will be accompanied by A and B": all three visit."""
    gerasimov = _person("Gennady Orlov", "spokesman", "SUN", "Orlov")
    aqazadeh = _person("Reza Aqa", "oil minister", "IRN", "Aqa")
    text = (
        "MOSCOW, October 20 - Gennady Orlov told reporters the agreement had been reached "
        "during a visit to Moscow last week by Iran's Oil Minister Reza Aqa."
    )
    found = _meetings("Deal\n20-OCT-1987\n\n" + text, [gerasimov, aqazadeh])
    assert [(m.participants, m.kind) for m in found] == [(("Reza Aqa", "SUN"), "visit")]
    azpurua = _person("Manuel Azur", "finance minister", "VEN", "Azur")
    anzola = _person("Hernan Anz", "central bank president", "VEN", "Anz")
    marcano = _person("Jorge Marc", "director", "VEN", "Marc")
    trip = (
        "Credit\n27-APR-1987\n\nCARACAS, April 27 - Finance minister Manuel Azur said he will "
        "visit Japan in mid-May.\n\nHe will be accompanied by central bank president Hernan "
        "Anz and director of public finance Jorge Marc."
    )
    found = _meetings(trip, [azpurua, anzola, marcano])
    assert [set(m.participants) for m in found] == [
        {"Manuel Azur", "JPN", "Hernan Anz", "Jorge Marc"}
    ]


def test_meetings_a_call_paid_on_someone_and_a_sit_down_are_encounters() -> None:
    """ "A called on President B", "A paid a courtesy call on B", "A sat down with B" are
    encounters; "A called on B to stop the war" and "A calls on Russia" are appeals."""
    b = _person("Ravi Menon", "president", "LKA", "Menon")
    text = "Colombo, 5 May 2023 - Foreign Minister Ivan Petrov called on President Ravi Menon."
    assert _flat(_meetings(text, [ALPHA, b])) == [
        (("Ivan Petrov", "Ravi Menon"), "meeting", "2023-05-05", "LKA")
    ]
    paid = "Ambassador Oleg Sidorov paid a courtesy call on President Ravi Menon on Friday."
    assert [m.participants for m in _meetings(paid, [BETA, b])] == [("Oleg Sidorov", "Ravi Menon")]
    purpose = "Oleg Sidorov called on President Ravi Menon in Colombo to discuss trade."
    assert [m.participants for m in _meetings(purpose, [BETA, b])] == [
        ("Oleg Sidorov", "Ravi Menon")
    ]
    sat = "Later, Prime Minister Anna Berg sat down with Foreign Minister Ivan Petrov."
    assert [m.participants for m in _meetings(sat, [GAMMA, ALPHA])] == [
        ("Anna Berg", "Ivan Petrov")
    ]
    for appeal in (
        "Prime Minister Anna Berg called on President Ravi Menon to release the prisoners.",
        "Prime Minister Anna Berg called on Sri Lanka and President Ravi Menon to act.",
        "Prime Minister Anna Berg calls on Russia to withdraw.",
    ):
        assert _meetings(appeal, [GAMMA, b]) == [], appeal


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Ivan Petrov held talks with visiting Prime Minister Anna Berg.",
        "Foreign Minister Ivan Petrov received the visiting prime minister, Anna Berg.",
    ],
)
def test_meetings_a_visiting_guest_is_the_object_of_talks(text: str) -> None:
    """ "A held talks with visiting Swedish Prime Minister B", "A received the visiting
    foreign minister, B": the adjective is no gap between the trigger and the guest."""
    assert [m.participants for m in _meetings(text, [ALPHA, GAMMA])] == [
        ("Ivan Petrov", "Anna Berg")
    ]


def test_meetings_a_readout_s_bare_office_is_its_principal_or_the_holder_named_last() -> None:
    """ "The Prime Minister, Anna Berg, spoke to ... The Prime Minister then spoke to
    President X": the office the lead gives a name is that person; "Prime Minister
    congratulated President X" (no article, as some ministries write) too; "The President"
    after two presidents are named is the one named last; "President-Elect" and "the
    President of the National Endowment" are other offices."""
    petrov = _person("Ivan Petrov", "president", "BLR", "Petrov")
    lind = _person("Olaf Lind", "president", "FIN", "Lind")
    other = _person("Ravi Menon", "prime minister", "LKA", "Menon")
    text = (
        "PM calls\n6 July 2024\n\nThe Prime Minister, Anna Berg, spoke to leaders today.\n\n"
        "The Prime Minister spoke to President Petrov this morning. The President thanked "
        "her.\n\nThe Prime Minister then spoke to President Lind of Finland. The President "
        "congratulated the Prime Minister.\n\nIn separate calls, the Prime Minister also "
        "spoke with Prime Minister Ravi Menon and Foreign Minister Ivan Lee.\n\n"
        "Prime Minister met Ambassador Oleg Sidorov in Minsk."
    )
    lee = _person("Ivan Lee", "foreign minister", "KOR", "Lee")
    found = {
        frozenset(m.participants) for m in _meetings(text, [GAMMA, petrov, lind, other, lee, BETA])
    }
    assert found == {
        frozenset({"Anna Berg", "Oleg Sidorov"}),
        frozenset({"Anna Berg", "Ivan Petrov"}),
        frozenset({"Anna Berg", "Olaf Lind"}),
        frozenset({"Anna Berg", "Ravi Menon"}),
        frozenset({"Anna Berg", "Ivan Lee"}),
    }
    elect = (
        "Ivan Petrov had a telephone conversation with President of Finland Olaf Lind and "
        "President-Elect of Finland Ravi Menon."
    )
    assert {m.participants for m in _meetings(elect, [petrov, lind, other])} == {
        ("Ivan Petrov", "Olaf Lind", "Ravi Menon")
    }
    endowment = "Ivan Petrov met with President of the National Endowment Olaf Lind in Minsk."
    assert {m.participants for m in _meetings(endowment, [petrov, lind])} == {
        ("Ivan Petrov", "Olaf Lind")
    }


def test_meetings_interactions_and_a_bare_office_after_an_opening_phrase() -> None:
    """A readout's "Later in the day, Prime Minister also had brief interactions with
    President of Finland H.E. Mr. Olaf Lind and with ...": the bare office is the principal,
    each "with" one encounter, on the day of the report, where the lead placed it ("in
    Tampere, Finland"); the officials "present during the meetings" met nobody."""
    lind = _person("Olaf Lind", "president", "FIN", "Lind")
    menon = _person("Ravi Menon", "prime minister", "LKA", "Menon")
    text = (
        "Readout\nNovember 15, 2022\n\nPrime Minister Anna Berg held a bilateral meeting "
        "with Foreign Minister Ivan Petrov today on the margins of a summit being held in "
        "Tampere, Finland.\n\nLater in the day, Prime Minister also had brief interactions "
        "with President of Finland H.E. Mr. Olaf Lind and with Prime Minister of Sri Lanka "
        "H.E. Mr. Ravi Menon. Ambassador Oleg Sidorov and Foreign Minister Ivan Petrov were "
        "present during the meetings."
    )
    assert _flat(_meetings(text, [GAMMA, ALPHA, lind, menon, BETA])) == [
        (("Anna Berg", "Ivan Petrov"), "meeting", "2022-11-15", "FIN"),
        (("Anna Berg", "Olaf Lind"), "meeting", "2022-11-15", "FIN"),
        (("Anna Berg", "Ravi Menon"), "meeting", "2022-11-15", "FIN"),
    ]
    cooperation = "Anna Berg said Sweden would expand its interaction with Belarus."
    assert _meetings(cooperation, [GAMMA]) == []


def test_meetings_attendees_of_a_summit_did_not_meet_each_other() -> None:
    lind = _person("Olaf Lind", "president", "FIN", "Lind")
    text = "Ivan Petrov, Anna Berg and Olaf Lind also attended the summit in Oslo."
    assert _meetings(text, [ALPHA, GAMMA, lind]) == []
    trip = "Anna Berg will travel to Minsk to participate in a forum and will meet Ivan Petrov."
    assert [m.participants for m in _meetings(trip, [GAMMA, ALPHA])] == [
        ("Anna Berg", "Ivan Petrov")
    ]


def test_meetings_he_is_the_subject_of_the_sentence_before_not_its_last_name() -> None:
    """ "In Oslo, Berg also held separate meetings with A and B. He had talks with C": "he"
    goes on from the subject (centering), not from the last person named."""
    lind = _person("Olaf Lind", "president", "FIN", "Lind")
    menon = _person("Ravi Menon", "prime minister", "LKA", "Menon")
    petrov = _person("Ivan Petrov", "president", "BLR", "Petrov")
    text = (
        "In Oslo, President Ivan Petrov also held separate meetings with Prime Minister "
        "Anna Berg and President Olaf Lind. He held talks with Prime Minister Ravi Menon."
    )
    assert {m.participants for m in _meetings(text, [petrov, GAMMA, lind, menon])} == {
        ("Ivan Petrov", "Anna Berg"),
        ("Ivan Petrov", "Olaf Lind"),
        ("Ivan Petrov", "Ravi Menon"),
    }


def test_meetings_a_later_undated_mention_refers_back_to_the_dated_encounter() -> None:
    """ "On Saturday, A held talks with B. ... In his meeting with B, ...": one encounter,
    on Saturday, not a second one on the report's day; "the two ministers had held their
    own meeting in February" is the pair named before."""
    text = (
        "Summit\nDecember 17, 2023\n\nPresident Olaf Lind hosted a summit on Sunday.\n\n"
        "On Saturday, Prime Minister Anna Berg held talks with Foreign Minister Ivan Petrov. "
        "Officials said the talks were warm.\n\nIn his meeting with Berg, Petrov raised "
        "trade.\n\nForeign Minister Ivan Petrov and his counterpart Ravi Menon attended "
        "the talks. The two ministers had held their own meeting in Minsk in February."
    )
    lind = _person("Olaf Lind", "president", "FIN", "Lind")
    menon = _person("Ravi Menon", "foreign minister", "LKA", "Menon")
    assert _flat(_meetings(text, [lind, GAMMA, ALPHA, menon])) == [
        (("Anna Berg", "Ivan Petrov"), "talks", "2023-12-16", None),
        (("Ivan Petrov", "Ravi Menon"), "meeting", "2023-02", "BLR"),
    ]


def test_meetings_a_statement_s_host_receive_and_co_chairs() -> None:
    """A presidency's statement: "President A will on Thursday, 25 April 2024, host President
    B" (the principal is the lead's first holder of "the President"), "a session co-chaired
    by A and B", "the spokesman said President A would also receive X on Thursday" (the
    coming Thursday), "the President had also spoken by phone last week with X"."""
    lind = _person("Olaf Lind", "president", "FIN", "Lind")
    petrov = _person("Ivan Petrov", "president", "BLR", "Petrov")
    menon = _person("Ravi Menon", "secretary general", None, "Menon")
    kumar = _person("Raj Kumar", "spokesperson", "FIN", "Kumar")
    text = (
        "Statement\nApril 23, 2024\n\nPresident Olaf Lind will on Thursday, 25 April 2024, host "
        "President Ivan Petrov of Belarus at the Palace in Helsinki.\n\nThe session will be "
        "preceded by a ministerial meeting today, co-chaired by Foreign Minister Anna Berg, and "
        "Belarus's Ambassador Oleg Sidorov.\n\nOn Monday, the President held a telephone "
        "conversation with Prime Minister Ravi Menon. Spokesperson Raj Kumar said the "
        "President had also spoken by phone last week with Foreign Minister Sam Lee."
    )
    found = _flat(_meetings(text, [lind, petrov, GAMMA, BETA, menon, kumar, LEE]))
    assert found == [
        (("Ivan Petrov", "Olaf Lind"), "meeting", "2024-04-25", "FIN"),
        (("Anna Berg", "Oleg Sidorov"), "meeting", "2024-04-23", None),
        (("Olaf Lind", "Ravi Menon"), "phone_call", "2024-04-22", None),
        (("Olaf Lind", "Sam Lee"), "phone_call", "2024-04", None),
    ]
    receive = (
        "Note\nMay 28, 2024\n\nThe adviser, Raj Kumar, said President Olaf Lind would also "
        "receive Secretary General Ravi Menon at the Palace on Thursday."
    )
    assert _flat(_meetings(receive, [kumar, lind, menon])) == [
        (("Olaf Lind", "Ravi Menon"), "meeting", "2024-05-30", None)
    ]
    assert _meetings("Finland, the host country, welcomed the plan of Ivan Petrov.", [ALPHA]) == []


def test_meetings_the_two_leaders_are_the_pair_just_named() -> None:
    """ "... spoke with A, and the two leaders would meet next month": the pair of that call;
    "the first encounter between A and B since they met in May": A and B; "the two
    presidents last met": the latest pair who are both presidents."""
    lind = _person("Olaf Lind", "president", "FIN", "Lind")
    petrov = _person("Ivan Petrov", "president", "BLR", "Petrov")
    text = (
        "Talks\nMarch 19, 2024\n\nPresident Olaf Lind held talks with President Ivan Petrov "
        "in Helsinki. Foreign Minister Anna Berg also met Ambassador Oleg Sidorov.\n\n"
        "The two presidents last met on February 3 in Minsk.\n\nAn aide said Lind had spoken with "
        "Prime Minister Ravi Menon, and that the two leaders would meet in Colombo in May.\n\n"
        "Friday's meeting will be the first encounter between Lind and Berg since they met "
        "in Oslo in 2021."
    )
    menon = _person("Ravi Menon", "prime minister", "LKA", "Menon")
    found = {
        (tuple(sorted(f[0])), f[2])
        for f in _flat(_meetings(text, [lind, petrov, GAMMA, BETA, menon]))
    }
    assert {
        (("Ivan Petrov", "Olaf Lind"), "2024-02-03"),
        (("Olaf Lind", "Ravi Menon"), "2024-05"),
        (("Anna Berg", "Olaf Lind"), "2021"),
    } <= found


def test_meetings_a_tour_s_where_clauses_each_have_their_place_and_day() -> None:
    """ "a tour that took him to A, where he held talks with X on Monday, and to B, where he
    met Y on Tuesday": each encounter where and when its own clause says; a call "received
    ... from" someone; talks with X "whose country ... in Brussels" were not in Brussels."""
    lind = _person("Olaf Lind", "president", "FIN", "Lind")
    menon = _person("Ravi Menon", "prime minister", "LKA", "Menon")
    text = (
        "Tour\nJuly 19, 2023\n\nPresident Olaf Lind arrived in Oslo on the last leg of a tour "
        "that took him to Sweden, where he held talks with Prime Minister Anna Berg on Monday, "
        "and to Sri Lanka, where he met Prime Minister Ravi Menon on Tuesday.\n\nEarlier in "
        "the day, Foreign Minister Ivan Petrov received a phone call from Ambassador Oleg "
        "Sidorov.\n\nOn the margins, Berg held talks with Ravi Menon, whose country has long "
        "backed Sweden in Brussels."
    )
    found = _flat(_meetings(text, [lind, GAMMA, menon, ALPHA, BETA]))
    assert (("Anna Berg", "Olaf Lind"), "talks", "2023-07-17", "SWE") in found
    assert (("Olaf Lind", "Ravi Menon"), "meeting", "2023-07-18", "LKA") in found
    assert (("Ivan Petrov", "Oleg Sidorov"), "phone_call", "2023-07-19", None) in found
    berg_menon = [f for f in found if f[0] == ("Anna Berg", "Ravi Menon")]
    assert [f[3] for f in berg_menon] != ["BEL"] and len(berg_menon) == 1


def test_meetings_purpose_of_a_trip_and_an_encounter_some_days_before() -> None:
    """ "A held meetings with B, before driving to Minsk for talks with C": A's talks; "the
    summit came a week after A met B" is an earlier encounter, not one of the report's
    day."""
    text = (
        "Talks\nMarch 28, 2022\n\nPresident Olaf Lind held separate meetings with Prime "
        "Minister Anna Berg, before driving to Minsk on Sunday afternoon for talks with "
        "Foreign Minister Ivan Petrov.\n\nThe summit came less than a week after Petrov met "
        "Ambassador Oleg Sidorov in Oslo."
    )
    lind = _person("Olaf Lind", "president", "FIN", "Lind")
    found = _flat(_meetings(text, [lind, GAMMA, ALPHA, BETA]))
    assert (("Ivan Petrov", "Olaf Lind"), "talks", "2022-03-27", "BLR") in found
    assert (("Ivan Petrov", "Oleg Sidorov"), "meeting", None, "NOR") in found


def test_meetings_an_organization_s_office_with_a_slash_and_a_brief_exchange() -> None:
    """ "High Representative/Vice-President X" holds the first office: "the High
    Representative held separate bilateral meetings with ..., and later had a brief exchange
    with Y"."""
    text = (
        "Jakarta\nJuly 14, 2023\n\nHigh Representative/Vice-President Josep Borrell travelled "
        "to Jakarta. In the margins, the High Representative held separate bilateral meetings "
        "with the Minister for Foreign Affairs of Sweden, Anna Berg, and the Minister of "
        "Foreign Affairs of Belarus, Ivan Petrov. He also had a brief exchange with Ambassador "
        "Oleg Sidorov."
    )
    borrell = _person("Josep Borrell", "high representative/vice-president", None, "Borrell")
    found = {m.participants for m in _meetings(text, [borrell, GAMMA, ALPHA, BETA])}
    assert found == {
        ("Josep Borrell", "Anna Berg"),
        ("Josep Borrell", "Ivan Petrov"),
        ("Josep Borrell", "Oleg Sidorov"),
    }


def test_meetings_a_fronted_encounter_and_the_main_clause_s_own() -> None:
    """ "Following the meeting with X, A and B held an official meeting": A met X, then A
    and B met; "she also met with A, and with B": one encounter each; "A was received by B on
    his first visit to C" is that encounter, not another with C's other leader."""
    lind = _person("Olaf Lind", "king", "NOR", "Lind")
    petrov = _person("Ivan Petrov", "crown prince", "NOR", "Petrov")
    text = (
        "Visit\nJuly 15, 2022\n\nFollowing the meeting with King Olaf Lind, Prime Minister "
        "Anna Berg and Crown Prince Ivan Petrov held an official meeting in Oslo.\n\nOn "
        "Saturday, she also met with Ambassador Oleg Sidorov, and with Foreign Minister Sam "
        "Lee."
    )
    found = {m.participants for m in _meetings(text, [lind, petrov, GAMMA, BETA, LEE])}
    assert found == {
        ("Olaf Lind", "Anna Berg"),
        ("Anna Berg", "Ivan Petrov"),
        ("Anna Berg", "Oleg Sidorov"),
        ("Anna Berg", "Sam Lee"),
    }


def test_meetings_a_release_s_signatory_is_its_i_and_wishes_to_arrange() -> None:
    """A minister's media release says "Today I met ..." and is signed on its last line; "is
    trying to arrange a meeting" is a wish."""
    text = (
        "Visit to Belarus\n21 December 2022\n\nToday I met with Foreign Minister Ivan Petrov "
        "in Minsk.\n\nOleg Sidorov is trying to arrange a meeting with Sam Lee.\n\nAnna Berg, "
        "Prime Minister"
    )
    assert _flat(_meetings(text, [ALPHA, BETA, LEE, GAMMA])) == [
        (("Anna Berg", "Ivan Petrov"), "meeting", "2022-12-21", "BLR")
    ]


def test_meetings_a_guest_a_leader_and_a_top_diplomat_named_by_their_state() -> None:
    """ "the Chinese guest" is the one of that state the lead names; "the Russian leader"
    its one head; "the Russian top diplomat" its foreign minister. "A meeting with X was not
    planned" and "No meeting between A and the Turkish leader" are none."""
    wang = _person("Wang Lei", "foreign minister", "CHN", "Wang")
    xi = _person("Xi Ming", "president", "CHN", "Xi")
    putin = _person("Ivan Orlov", "president", "RUS", "Orlov")
    lavrov = _person("Pavel Sokol", "foreign minister", "RUS", "Sokol")
    erdogan = _person("Kemal Aydin", "president", "TUR", "Aydin")
    text = (
        "Talks\nFebruary 22, 2023\n\nForeign Minister Pavel Sokol held talks in Moscow with "
        "Wang Lei on Wednesday. President Xi Ming sent greetings.\n\nOn Tuesday, the Chinese "
        "guest was received by President Ivan Orlov.\n\nThe Russian top diplomat and Wang Lei "
        "last met in Samarkand in September.\n\nOn Friday, the Russian leader will hold a "
        "meeting with President Kemal Aydin, an aide said. A meeting with Xi Ming was not "
        "planned. No meeting between Sokol and the Turkish leader was on the programme."
    )
    found = _flat(_meetings(text, [lavrov, wang, xi, putin, erdogan]))
    assert found == [
        (("Pavel Sokol", "Wang Lei"), "talks", "2023-02-22", "RUS"),
        (("Ivan Orlov", "Wang Lei"), "meeting", "2023-02-21", None),
        (("Pavel Sokol", "Wang Lei"), "meeting", "2022-09", "UZB"),
        (("Ivan Orlov", "Kemal Aydin"), "meeting", "2023-02-24", None),
    ]


def test_meetings_subject_with_an_initial_joined_to_the_name() -> None:
    # "T.Dorjsuren" is no sentence end the splitter missed ("...said.Petrov met")
    dorj = _person("T. Dorjsuren", "foreign minister", "MNG", "T.Dorjsuren")
    text = (
        "Minsk, 2 September 2022 (XYZ): Minister of Foreign Affairs of Mongolia T.Dorjsuren "
        "held talks with Foreign Minister Ivan Petrov on Friday."
    )
    assert _flat(_meetings(text, [dorj, ALPHA])) == [
        (("Ivan Petrov", "T. Dorjsuren"), "talks", "2022-09-02", "BLR")
    ]


def test_meetings_received_at_a_named_place_then_the_guest() -> None:
    # the place in capitals after "received at" ends where the guest's name begins
    text = (
        "Minsk, 2 September 2022 (XYZ): On Friday, Foreign Minister Ivan Petrov received at "
        "Nezavisimosti Palace Russian Ambassador Oleg Sidorov."
    )
    assert _flat(_meetings(text, [ALPHA, BETA])) == [
        (("Ivan Petrov", "Oleg Sidorov"), "meeting", "2022-09-02", "BLR")
    ]


def test_meetings_held_discussion_with() -> None:
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov held discussion today "
        "with Ambassador Oleg Sidorov on regional issues."
    )
    assert _flat(_meetings(text, [ALPHA, BETA])) == [
        (("Ivan Petrov", "Oleg Sidorov"), "talks", "2022-09-02", "BLR")
    ]


def test_meetings_the_demonym_and_office_of_a_longer_title() -> None:
    # "the Swedish Cabinet Secretary" is the one Swede whose title begins with that office;
    # "told reporters that" opens the reported clause: the spokesman is no party
    secretary = _person("Anna Berg", "cabinet secretary for foreign affairs", "SWE", "Berg")
    spokesman = _person("Oleg Sidorov", "spokesman", "BLR", "Sidorov")
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov held talks with Cabinet "
        "Secretary Anna Berg on Friday.\nSpokesman Oleg Sidorov told reporters that the "
        "Swedish Cabinet Secretary will pay a courtesy call on President Lev Sokolov tomorrow."
    )
    sokolov = _person("Lev Sokolov", "president", "BLR", "Sokolov")
    assert _flat(_meetings(text, [ALPHA, secretary, spokesman, sokolov])) == [
        (("Anna Berg", "Ivan Petrov"), "talks", "2022-09-02", "BLR"),
        (("Anna Berg", "Lev Sokolov"), "meeting", "2022-09-03", None),
    ]


def test_meetings_the_demonym_official_is_the_one_of_that_state_not_its_leader() -> None:
    # "is also scheduled" makes the weekday the coming one
    lund = _person("Erik Lund", "foreign minister", "SWE", "Lund")
    head = _person("Karl Holm", "prime minister", "SWE", "Holm")
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov held talks with Swedish "
        "Foreign Minister Erik Lund, who recalled Prime Minister Karl Holm's visit of 2019.\n"
        "The Swedish official is also scheduled to be received on Monday by Ambassador Oleg "
        "Sidorov."
    )
    flat = _flat(_meetings(text, [ALPHA, lund, head, BETA]))
    assert (("Erik Lund", "Oleg Sidorov"), "meeting", "2022-09-05", None) in flat


def test_meetings_the_dateline_places_only_the_encounters_of_its_day() -> None:
    # an undated dateline ("MINSK — "); the days before, a video call and a week-old meeting
    # are not placed by it
    text = (
        "Talks in Minsk\nSeptember 2, 2022\n\nMINSK — Foreign Minister Ivan Petrov on "
        "Wednesday received Ambassador Oleg Sidorov. Petrov held a video conference with "
        "Prime Minister Anna Berg on Thursday.\nPetrov met Berg on August 20."
    )
    assert _flat(_meetings(text, [ALPHA, BETA, GAMMA])) == [
        (("Ivan Petrov", "Oleg Sidorov"), "meeting", "2022-08-31", None),
        (("Anna Berg", "Ivan Petrov"), "phone_call", "2022-09-01", None),
        (("Anna Berg", "Ivan Petrov"), "meeting", "2022-08-20", None),
    ]


def test_meetings_their_meeting_after_raising_something_with_someone() -> None:
    # "their" is the subject and the person "with" names; the Oval Office is in the US
    biden = _person("Joe Biden", "president", "USA", "Biden")
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov said he raised trade "
        "with President Joe Biden during their meeting in the Oval Office on Friday."
    )
    assert _flat(_meetings(text, [ALPHA, biden])) == [
        (("Ivan Petrov", "Joe Biden"), "meeting", "2022-09-02", "USA")
    ]


def test_meetings_the_same_pair_in_two_places_on_two_dates_met_twice() -> None:
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov held talks with "
        "Ambassador Oleg Sidorov in Moscow on Friday. Petrov and Sidorov last met on the "
        "sidelines of a conference in Tokyo earlier this month."
    )
    assert _flat(_meetings(text, [ALPHA, BETA])) == [
        (("Ivan Petrov", "Oleg Sidorov"), "talks", "2022-09-02", "RUS"),
        (("Ivan Petrov", "Oleg Sidorov"), "meeting", "2022-09", "JPN"),
    ]


def test_meetings_an_epithet_subject_and_a_when_clause() -> None:
    # "The 43-year-old later met X": the subject goes on; "when A and B meet": their own
    holm = _person("Karl Holm", "chancellor", "DNK", "Holm")
    text = (
        "Minsk, 2 September 2022\nForeign Minister Ivan Petrov held talks with Ambassador "
        "Oleg Sidorov on Friday. The 43-year-old later met Prime Minister Anna Berg. Sidorov "
        "backed a plan, to be signed when Chancellor Karl Holm and Anna Berg meet in "
        "Stockholm next Wednesday."
    )
    found = _flat(_meetings(text, [ALPHA, BETA, GAMMA, holm]))
    assert (("Anna Berg", "Ivan Petrov"), "meeting", "2022-09-02", "BLR") in found
    assert (("Anna Berg", "Karl Holm"), "meeting", "2022-09-07", "SWE") in found


def test_meetings_the_two_capitalized_ministers_are_the_pair_before() -> None:
    # government readouts capitalize the office ("The two Foreign Ministers"); "had a
    # brief meeting" is "they met" too
    text = (
        "Talks\nMarch 5, 2024\n\nMinsk, March 4 (XYZ): Foreign Minister Ivan Petrov held talks "
        "with Ambassador Oleg Sidorov.\n\nThe two Ministers last met in Moscow in January.\n\n"
        "The two Foreign Ministers had a brief meeting in Kyiv in 2019."
    )
    found = _flat(_meetings(text, [ALPHA, BETA]))
    pair = ("Ivan Petrov", "Oleg Sidorov")
    assert (pair, "meeting", "2024-01", "RUS") in found
    assert (pair, "meeting", "2019", "UKR") in found


@pytest.mark.parametrize("gap", ["this morning", "on Monday evening", "in the afternoon"])
def test_meetings_a_time_of_day_between_verb_and_with(gap: str) -> None:
    text = (
        f"Call\nMarch 5, 2024\n\nPrime Minister Anna Berg held a telephone conversation {gap} "
        "with Foreign Minister Ivan Petrov."
    )
    [meeting] = _meetings(text, [GAMMA, ALPHA])
    assert (sorted(meeting.participants), meeting.kind) == (
        ["Anna Berg", "Ivan Petrov"],
        "phone_call",
    )


def test_meetings_lao_is_the_demonym_of_laos() -> None:
    text = (
        "Talks\nJuly 26, 2024\n\nForeign Minister Anna Berg met Lao Foreign Minister "
        "Saleumxay Kommasith on Friday."
    )
    doc = analyze(Article("t", "t.txt", text, ""))
    assert [c.code for c in doc.countries] == ["LAO"]


def test_meetings_i_of_a_media_release_is_its_byline_under_the_title() -> None:
    # a minister's release signed in its header ("Media release – NAME, TITLE"), not on its
    # last line: "I" is the minister
    text = (
        "Visit to Belarus\n6 March 2023\n\nMedia release – Anna Berg, Prime Minister\n\n"
        "In Minsk I will meet Foreign Minister Ivan Petrov to advance our partnership.\n\n"
        "Media enquiries: the Minister's office."
    )
    found = _meetings(text, [GAMMA, ALPHA])
    assert [sorted(m.participants) for m in found] == [["Anna Berg", "Ivan Petrov"]]


def test_meetings_a_speaker_label_on_its_own_line_speaks_the_paragraphs_under_it() -> None:
    text = (
        "Press statements in Minsk\n13 September 2024\n\nPrime Minister Berg:\n"
        "Thank you. Tomorrow I will meet Ambassador Oleg Sidorov.\n\n"
        "Question (a journalist):\nWill you meet Minister Petrov?\n"
    )
    found = _meetings(text, [GAMMA, BETA, ALPHA])
    assert [sorted(m.participants) for m in found] == [["Anna Berg", "Oleg Sidorov"]]


def test_meetings_a_pronoun_subject_keeps_its_referent_past_a_passive_by() -> None:
    # "he was received by B": the next "he" is still A, not B
    text = (
        "Visit\n22 November 2004\n\nAmbassador Oleg Sidorov arrived in Minsk on Monday. "
        "Later in the day he was received by Foreign Minister Ivan Petrov. On Tuesday he is "
        "scheduled to meet Prime Minister Anna Berg."
    )
    found = {tuple(sorted(m.participants)) for m in _meetings(text, [BETA, ALPHA, GAMMA])}
    assert ("Anna Berg", "Oleg Sidorov") in found
    assert ("Anna Berg", "Ivan Petrov") not in found


def test_meetings_the_demonym_minister_is_the_one_minister_of_that_state() -> None:
    # "The French minister ... held talks the same evening in Rabat with ...": a subject
    # named by demonym and office, a time of day and a place before "with"
    vedrine = _person("Hubert Vedrine", "foreign minister", "FRA", "Vedrine")
    benaissa = _person("Mohamed Benaissa", "foreign minister", "MAR", "Benaissa")
    text = (
        "Visit\nJanuary 15, 2001\n\nForeign Minister Hubert Vedrine is in Morocco.\n\nThe "
        "French minister, who arrived on Sunday, held talks the same evening in Rabat with "
        "Foreign Minister Mohamed Benaissa."
    )
    found = _flat(_meetings(text, [vedrine, benaissa]))
    assert (("Hubert Vedrine", "Mohamed Benaissa"), "talks", "2001-01-14", "MAR") in found


def test_meetings_co_chaired_with_is_an_encounter_but_co_chair_is_a_role() -> None:
    text = (
        "Commission\nOctober 12, 2004\n\nForeign Minister Ivan Petrov opened the session, which "
        "he co-chaired with Ambassador Oleg Sidorov.\n\nThe expert group, which Prime Minister "
        "Anna Berg co-chairs with Ambassador Oleg Sidorov, is at work."
    )
    found = {tuple(sorted(m.participants)) for m in _meetings(text, [ALPHA, BETA, GAMMA])}
    assert found == {("Ivan Petrov", "Oleg Sidorov")}


def test_meetings_a_joint_press_conference_in_the_title_is_the_days_talks() -> None:
    # a transcript's title names the two who faced the press together, and where
    text = (
        "Joint press conference of Prime Minister Anna Berg and Foreign Minister Ivan Petrov, "
        "Minsk\n13 September 2024\n\nPRIME MINISTER BERG:\nThank you all for coming.\n"
    )
    assert _flat(_meetings(text, [GAMMA, ALPHA])) == [
        (("Anna Berg", "Ivan Petrov"), "talks", "2024-09-13", "BLR")
    ]


def test_meetings_our_ministers_meeting_is_not_the_speakers() -> None:
    text = (
        "Press statements by Prime Minister Anna Berg and Foreign Minister Ivan Petrov\n"
        "13 September 2024\n\nPrime Minister Berg:\nOn Monday our ministers will hold the first "
        "session of the business council in Hamburg.\n"
    )
    assert [m.date for m in _meetings(text, [GAMMA, ALPHA])] == ["2024-09-13"]


def test_meetings_a_purpose_clause_dates_and_places_its_topic_not_the_meeting() -> None:
    text = (
        "Schedule\n17 November 2016\n\nOn November 18 Foreign Minister Ivan Petrov will meet "
        "Ambassador Oleg Sidorov to discuss preparations for a visit to Sweden on December 15."
    )
    found = _flat(_meetings(text, [ALPHA, BETA]))
    assert (("Ivan Petrov", "Oleg Sidorov"), "meeting", "2016-11-18", None) in found


@pytest.mark.parametrize(
    "phrase", ["hosts a luncheon for", "will host a dinner on Tuesday in honour of"]
)
def test_meetings_a_meal_hosted_for_a_guest(phrase: str) -> None:
    text = (
        f"Visit\n15 March 2001\n\nPrime Minister Anna Berg {phrase} Foreign Minister Ivan Petrov."
    )
    found = [tuple(sorted(m.participants)) for m in _meetings(text, [GAMMA, ALPHA])]
    assert found == [("Anna Berg", "Ivan Petrov")]


def test_meetings_an_agenda_day_header_dates_the_items_under_it() -> None:
    text = (
        "Programme, week 11\n9 March 2001\n\nPress information on the programme of the "
        "Prime Minister.\n\nThursday 15 March – Stockholm\n12.30 Prime Minister Anna Berg "
        "hosts a luncheon for Foreign Minister Ivan Petrov.\n"
    )
    [meeting] = _meetings(text, [GAMMA, ALPHA])
    assert meeting.date == "2001-03-15"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Norway and Chile held talks in Oslo on Tuesday.", [("CHL", "NOR")]),
        ("Japan will hold formal financial talks with France on April 17.", [("FRA", "JPN")]),
        ("On Monday, Peru resumed negotiations with Ecuador.", [("ECU", "PER")]),
        ("Japan met France in the final on Sunday.", []),  # teams: no talks held
        ("Japanese firms will hold talks with France.", []),  # a demonym: not the state
        ("Japan's talks with France ended.", []),  # a possessive: not the clause's subject
    ],
)
def test_meetings_states_that_hold_talks(sentence: str, expected: list[tuple[str, ...]]) -> None:
    text = f"Talks\nApril 8, 1987\n\n{sentence}\n"
    assert [tuple(sorted(m.participants)) for m in _meetings(text, [])] == expected


def test_meetings_received_at_a_named_palace_with_lowercase_particles() -> None:
    text = (
        "Audience\n10 June 2003\n\nThe Prime Minister, Anna Berg, received on Tuesday at the "
        "Palácio de Belas palace, in Luanda, the Belarusian Foreign Minister, Ivan Petrov."
    )
    found = [tuple(sorted(m.participants)) for m in _meetings(text, [GAMMA, ALPHA])]
    assert found == [("Anna Berg", "Ivan Petrov")]


def test_meetings_a_habit_in_another_clause_leaves_the_meeting() -> None:
    text = (
        "Partners\nJune 1, 1994\n\nPrime Minister Anna Berg and Foreign Minister Ivan Petrov "
        "met in Geneva in May, and they speak by telephone almost every week."
    )
    assert _flat(_meetings(text, [GAMMA, ALPHA])) == [
        (("Anna Berg", "Ivan Petrov"), "meeting", "1994-05", "CHE")
    ]
    habit = "Partners\nJune 1, 1994\n\nAnna Berg and Ivan Petrov meet every week in Geneva."
    assert _meetings(habit, [GAMMA, ALPHA]) == []


def test_meetings_what_one_told_a_named_person_is_a_reported_clause() -> None:
    text = (
        "Remarks\nJanuary 14, 2003\n\nI also told Prime Minister Anna Berg that Foreign "
        "Minister Ivan Petrov had a good meeting yesterday with Ambassador Oleg Sidorov."
    )
    found = [tuple(sorted(m.participants)) for m in _meetings(text, [GAMMA, ALPHA, BETA])]
    assert found == [("Ivan Petrov", "Oleg Sidorov")]


@pytest.mark.parametrize(
    "phrase",
    [
        "conferred for nearly four hours with",
        "will have a working breakfast with",
        "will hold a bilateral with",
    ],
)
def test_meetings_conferred_a_meal_with_and_a_bilateral_with(phrase: str) -> None:
    text = f"Programme\n10 June 2003\n\nOn Friday, Foreign Minister Ivan Petrov {phrase} Anna Berg."
    found = [tuple(sorted(m.participants)) for m in _meetings(text, [ALPHA, GAMMA])]
    assert found == [("Anna Berg", "Ivan Petrov")]


def test_meetings_a_second_clause_with_its_own_subject() -> None:
    # "A met B, and C held her own bilateral with D": C met D; but "A, B, and C met D" and
    # "A, and B to travel to meet D" are lists of one subject
    delta = _person("Mia Holm", "foreign minister", "DNK", "Holm")
    text = (
        "Tokyo\nJuly 29, 2024\n\nMr. Petrov also met separately with Ambassador Sidorov, "
        "and Ms. Berg held her own bilateral with Ms. Holm."
    )
    found = {tuple(sorted(m.participants)) for m in _meetings(text, [ALPHA, BETA, GAMMA, delta])}
    assert found == {("Ivan Petrov", "Oleg Sidorov"), ("Anna Berg", "Mia Holm")}
    listed = "Tokyo\nJuly 29, 2024\n\nMr. Petrov, Ms. Holm, and Ms. Berg held talks on Monday."
    [meeting] = _meetings(listed, [ALPHA, BETA, GAMMA, delta])
    assert len(meeting.participants) == 3


@pytest.mark.parametrize(
    "phrase",
    [
        "received a phone call today from",
        "received a courtesy call from",
        "received a telephone call on Sunday from",
    ],
)
def test_meetings_a_call_received_from_someone(phrase: str) -> None:
    text = (
        f"Calls\n14 October 2024\n\nPrime Minister Anna Berg {phrase} Foreign Minister Ivan Petrov."
    )
    found = [tuple(sorted(m.participants)) for m in _meetings(text, [GAMMA, ALPHA])]
    assert found == [("Anna Berg", "Ivan Petrov")]


def test_meetings_from_after_another_trigger_is_no_caller() -> None:
    text = "Trip\n14 October 2024\n\nAnna Berg met on Monday from Ivan Petrov's office."
    assert _meetings(text, [GAMMA, ALPHA]) == []


def test_meetings_a_person_named_again_by_a_long_title_only_they_hold() -> None:
    deputy = _person("Ivan Petrov", "deputy head of the office of the president", "UKR")
    guest = _person("Mihai Ionescu", "state secretary", "ROU", "Ionescu")
    text = (
        "Visit\nNovember 4, 2021\n\nDeputy Head of the Office of the President of Ukraine "
        "Ivan Petrov visited Romania.\n\nIn Bucharest, the Deputy Head of the Office of the "
        "President also met with State Secretary Mihai Ionescu."
    )
    found = [m.participants for m in _meetings(text, [deputy, guest]) if m.kind == "meeting"]
    assert found == [("Ivan Petrov", "Mihai Ionescu")]


def test_meetings_between_persons_set_off_by_member_of_titles() -> None:
    text = (
        "Talks\nMarch 4, 1982\n\nTalks were held in the Kremlin today between Ivan Petrov, "
        "member of the Political Bureau of the Central Committee, Chairman of the Council of "
        "Ministers, and Anna Berg, member of the Executive Committee of the Party."
    )
    found = [tuple(sorted(m.participants)) for m in _meetings(text, [ALPHA, GAMMA])]
    assert found == [("Anna Berg", "Ivan Petrov")]


def test_meetings_a_state_before_a_lowercase_title_is_the_persons() -> None:
    # wire style: "talks with Japan agriculture minister X": X, not Japan
    kato = _person("Ken Kato", "agriculture minister", "JPN", "Kato")
    text = "Talks\nApril 21, 1987\n\nAnna Berg held talks with Japan agriculture minister Ken Kato."
    found = [m.participants for m in _meetings(text, [GAMMA, kato])]
    assert found == [("Anna Berg", "Ken Kato")]


def test_meetings_speaking_after_talks_with_someone() -> None:
    kato = _person("Ken Kato", "agriculture minister", "JPN", "Kato")
    lyng = _person("Rob Lang", "agriculture secretary", "USA", "Lang")
    text = (
        "Farm trade\nApril 21, 1987\n\nSpeaking after farm talks with Japan agriculture "
        "minister Ken Kato, visiting U.S. Agriculture Secretary Rob Lang said little had moved."
    )
    found = [(tuple(sorted(m.participants)), m.kind) for m in _meetings(text, [kato, lyng])]
    assert found == [(("Ken Kato", "Rob Lang"), "talks")]  # and no trip from "visiting"


def test_meetings_the_demonym_minister_is_the_one_named_last() -> None:
    # two Japanese ministers in the article: "the Japanese minister" is the latest named
    kato = _person("Ken Kato", "agriculture minister", "JPN", "Kato")
    abe = _person("Taro Abe", "foreign minister", "JPN", "Abe")
    text = (
        "Bonn talks\nApril 21, 1987\n\nAgriculture minister Ken Kato stayed in Tokyo.\n\n"
        "Foreign Minister Taro Abe arrived in Bonn on Monday. The Japanese minister met Prime "
        "Minister Anna Berg on Tuesday."
    )
    found = [m.participants for m in _meetings(text, [kato, abe, GAMMA]) if m.kind == "meeting"]
    assert found == [("Taro Abe", "Anna Berg")]


def test_meetings_the_demonym_general_is_a_titled_general() -> None:
    chief = _person("Reza Karimi", "major general", "IRN", "Karimi")
    text = (
        "Visit\nAugust 7, 2024\n\nMajor General Reza Karimi arrived in Stockholm on Tuesday. "
        "The Iranian general held a meeting with Prime Minister Anna Berg the same day."
    )
    found = [m.participants for m in _meetings(text, [chief, GAMMA]) if m.kind == "meeting"]
    assert found == [("Reza Karimi", "Anna Berg")]


@pytest.mark.parametrize("when", ["on September 22", "this morning", "today", "on Tuesday"])
def test_meetings_two_leaders_who_spoke_on_a_day(when: str) -> None:
    text = f"Call\nSeptember 22, 2021\n\nPrime Minister Anna Berg and Ivan Petrov spoke {when}."
    found = [m.participants for m in _meetings(text, [GAMMA, ALPHA])]
    assert found == [("Anna Berg", "Ivan Petrov")]
    alone = f"Call\nSeptember 22, 2021\n\nPrime Minister Anna Berg spoke {when} at the forum."
    assert _meetings(alone, [GAMMA, ALPHA]) == []


def test_meetings_a_meeting_at_the_end_of_a_month_is_not_the_call() -> None:
    text = (
        "Call\nSeptember 22, 2021\n\nAnna Berg and Ivan Petrov spoke by phone on September 22. "
        "They will meet in Paris at the end of October."
    )
    found = [(m.kind, m.date) for m in _meetings(text, [GAMMA, ALPHA])]
    assert found == [("phone_call", "2021-09-22"), ("meeting", "2021-10")]


def test_meetings_during_the_conversation_the_two_named_after_it() -> None:
    text = (
        "Telephone conversation with Ivan Petrov\nJanuary 3, 2022\n\nDuring the conversation, "
        "Prime Minister Anna Berg and Ivan Petrov exchanged New Year greetings."
    )
    found = [m.participants for m in _meetings(text, [GAMMA, ALPHA])]
    assert found == [("Anna Berg", "Ivan Petrov")]


def test_meetings_a_subject_with_a_relative_clause_of_accompanying() -> None:
    # "A, who accompanied B, met C": A met C ("accompanied" is the relative clause's verb)
    text = (
        "Visit\nMay 5, 2024\n\nForeign Minister Ivan Petrov, who accompanied the President, met "
        "Prime Minister Anna Berg on Thursday."
    )
    assert [m.participants for m in _meetings(text, [ALPHA, GAMMA])] == [
        ("Ivan Petrov", "Anna Berg")
    ]


def test_meetings_a_stated_title_that_names_a_public_office() -> None:
    # an organization's official meets a "foreign secretary": a public office by its office
    lane = _person("David Lane", "foreign secretary", "GBR", "Lane")
    scott = _person("Patricia Scott", "secretary-general", None, "Scott")
    text = (
        "Visit\nMay 5, 2024\n\nForeign Secretary David Lane met the outgoing Secretary-General, "
        "Baroness Patricia Scott, on Thursday."
    )
    assert [m.participants for m in _meetings(text, [lane, scott])] == [
        ("David Lane", "Patricia Scott")
    ]


def test_meetings_a_second_clause_whose_subject_meets() -> None:
    delta = _person("Mia Holm", "foreign minister", "DNK", "Holm")
    text = (
        "Summit\nMay 5, 2024\n\nSweden's Prime Minister Anna Berg held a meeting with Ivan "
        "Petrov, and Denmark's Foreign Minister Mia Holm met Oleg Sidorov for the first time."
    )
    found = {tuple(sorted(m.participants)) for m in _meetings(text, [GAMMA, ALPHA, delta, BETA])}
    assert found == {("Anna Berg", "Ivan Petrov"), ("Mia Holm", "Oleg Sidorov")}


def test_meetings_a_relative_clauses_pronoun_is_the_person_before_it() -> None:
    text = (
        "Trips\nMay 5, 2024\n\nAnna Berg's talks followed the trip by Foreign Minister Ivan "
        "Petrov to Moscow in June, during which he met with Ambassador Oleg Sidorov."
    )
    found = [m.participants for m in _meetings(text, [GAMMA, ALPHA, BETA]) if m.kind == "meeting"]
    assert found == [("Ivan Petrov", "Oleg Sidorov")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Berg held separate meetings with Ivan Petrov, the summit's host, and Oleg Sidorov.",
        "Berg hosted a working breakfast with Ivan Petrov and Oleg Sidorov.",
    ],
)
def test_meetings_listed_guests_after_an_appositive_or_a_hosted_meal(sentence: str) -> None:
    text = f"Summit\nMay 5, 2024\n\n{sentence}"
    found = {p for m in _meetings(text, [GAMMA, ALPHA, BETA]) for p in m.participants}
    assert found == {"Anna Berg", "Ivan Petrov", "Oleg Sidorov"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Berg received a telephone call from her Belarusian brother Minister Ivan Petrov.",
        "Berg is to hold talks with the Hon. Ivan Petrov, Lt. Oleg Sidorov's deputy.",
        "They recalled the talks held by Prime Minister Anna Berg and Ivan Petrov in May.",
        "Berg is to visit Minsk next month to co-chair the commission with Ivan Petrov.",
    ],
)
def test_meetings_titles_and_forms_of_one_encounter(sentence: str) -> None:
    text = f"Calls\nMay 5, 2024\n\n{sentence}"
    found = {tuple(sorted(m.participants)) for m in _meetings(text, [GAMMA, ALPHA])}
    assert ("Anna Berg", "Ivan Petrov") in found


def test_meetings_a_speakers_we_met_is_the_pair_of_the_talks() -> None:
    # a transcript: "we met ... in late November" is the speaker and the other of the talks
    text = (
        "Talks with Anna Berg\nFebruary 22, 2022\n\nIvan Petrov held talks with Prime Minister "
        "Anna Berg.\n\nPrime Minister Anna Berg: We met less than three months ago, in late "
        "November, and today I have come again."
    )
    found = [(m.participants, m.kind, m.date) for m in _meetings(text, [ALPHA, GAMMA])]
    assert (("Ivan Petrov", "Anna Berg"), "meeting", "2021-11") in found
    assert len(found) == 2


def test_meetings_an_undated_call_in_the_lead_is_not_a_meeting_of_another_day() -> None:
    text = (
        "Telephone conversation with Anna Berg\nDecember 30, 2021\n\nDuring the telephone "
        "conversation, Ivan Petrov and Prime Minister Anna Berg exchanged greetings. They "
        "recalled their meeting in Sochi on November 23."
    )
    found = sorted((m.kind, m.date) for m in _meetings(text, [ALPHA, GAMMA]))
    assert [kind for kind, _ in found] == ["meeting", "phone_call"]
    assert found[0][1] == "2021-11-23"


def test_meetings_a_speakers_label_goes_on_over_the_next_paragraphs() -> None:
    text = (
        "Remarks by Prime Minister Anna Berg and Ivan Petrov\n1 September 2014\n\n"
        "Prime Minister Berg: Minister Petrov, welcome to Stockholm.\n\n"
        "When I visited Moscow in January of this year, I held talks with Ambassador Oleg "
        "Sidorov."
    )
    found = [(m.participants, m.date) for m in _meetings(text, [GAMMA, ALPHA, BETA])]
    assert (("Anna Berg", "Oleg Sidorov"), "2014-01") in found


def test_meetings_an_interviews_i_is_the_person_its_headline_names() -> None:
    text = (
        "Berg on the North\n8 October 2009\n\nPrime Minister Anna Berg spoke to our "
        "correspondent in her office.\n\nHow are relations with Belarus?\n\nGood. I met Ivan "
        "Petrov in Minsk in March, and next week he and I will sit down again. We will host "
        "the secretariat in Lulea."
    )
    found = [(m.participants, m.date) for m in _meetings(text, [GAMMA, ALPHA])]
    assert found[0] == (("Anna Berg", "Ivan Petrov"), "2009-03")  # met: past, not next March
    assert all(date != "2009-10-08" for _, date in found)  # "we will host": no encounter


def test_meetings_a_two_letter_family_name_is_found() -> None:
    xi = _person("Xi Ping", "president", "CHN", "Xi")
    text = (
        "Talks\nAugust 24, 2023\n\nPresident Xi Ping arrived in Stockholm on Monday.\n\n"
        "On Tuesday, Prime Minister Anna Berg held talks with Xi."
    )
    found = [m.participants for m in _meetings(text, [xi, GAMMA]) if m.kind == "talks"]
    assert found == [("Anna Berg", "Xi Ping")]
    so = _person("Kim So", "president", "KOR", "So")
    text = "Talks\nAugust 24, 2023\n\nSo Anna Berg met the press on Tuesday."
    assert _meetings(text, [so, GAMMA]) == []  # "So" opening a sentence is no name


@pytest.mark.parametrize(
    "sentence",
    [
        "Berg also had a telephone conversation from her hotel with the Minister, Ivan Petrov.",
        "Berg also spoke by telephone on Friday night with Belarus's Minister Ivan Petrov.",
        "Berg will speak to Ivan Petrov by phone on Friday.",
        "Berg had met the Belarusian Foreign Minister, Ivan Petrov, on Saturday.",
        'In a post, Berg said she had held "fruitful talks" with Ivan Petrov.',
        "Sidorov and Holm signed an accord on Friday, and Berg and Ivan Petrov met the same day.",
    ],
)
def test_meetings_gaps_before_the_object_and_a_listed_second_subject(sentence: str) -> None:
    holm = _person("Mia Holm", "foreign minister", "DNK", "Holm")
    text = f"Diary\nSeptember 8, 2007\n\n{sentence}"
    found = {tuple(sorted(m.participants)) for m in _meetings(text, [GAMMA, ALPHA, BETA, holm])}
    assert ("Anna Berg", "Ivan Petrov") in found


def test_meetings_two_holders_of_one_office_are_two_sides() -> None:
    """Two foreign ministers meet across states even when one's state was implied wrongly;
    a president and his finance minister, or two deputy ministers, may be compatriots."""
    host = _person("Paul Durand", "foreign minister", "FRA")
    guest = _person("Karl Weber", "minister for foreign affairs", "FRA")
    text = "Foreign Minister Paul Durand held talks with Foreign Minister Karl Weber on Monday."
    assert [m.participants for m in _meetings(text, [host, guest])] == [
        ("Paul Durand", "Karl Weber")
    ]
    assert has_two_sides(MeetingFact(("Paul Durand", "Karl Weber"), "talks", 0, 1), [host, guest])
    deputies = [
        _person("Paul Durand", "deputy foreign minister", "FRA"),
        _person("Karl Weber", "deputy foreign minister", "FRA"),
    ]
    meeting = MeetingFact(("Paul Durand", "Karl Weber"), "talks", 0, 1)
    assert not has_two_sides(meeting, deputies)
    former = [
        _person("Paul Durand", "prime minister", "FRA"),
        _person("Karl Weber", "former prime minister", "FRA"),
    ]
    assert not has_two_sides(meeting, former)


@pytest.mark.parametrize(
    "text",
    [
        # a weekday with "this" and a place before the guest's long title
        "Foreign Minister Ivan Petrov received this Thursday at the Palace of Independence the "
        "Ambassador of Russia, Oleg Sidorov.",
        # a part of the day after "yesterday", and state media's "comrade"
        "Foreign Minister Ivan Petrov received yesterday afternoon at the House of Friendship "
        "comrade Oleg Sidorov, Ambassador of Russia.",
        # "met both A and B"
        "Anna Berg flew to Minsk and met both Ivan Petrov and Oleg Sidorov.",
        # "talks were held" at a long place name "between A and B"
        "On Monday, talks were held at the Palace of National Independence between Ivan Petrov "
        "and Oleg Sidorov.",
    ],
)
def test_meetings_guests_after_times_places_and_honorifics(text: str) -> None:
    found = {p for m in _meetings(text, [ALPHA, BETA, GAMMA]) for p in m.participants}
    assert {"Ivan Petrov", "Oleg Sidorov"} <= found


@pytest.mark.parametrize(
    ("lead", "state"),
    [
        ("ERBIL, Kurdistan Region - The minister said.", "IRQ"),  # a region after the place
        ("DAMASCUS, (SANA) - The minister said.", "SYR"),  # an agency after a comma
        ("Accra, Thursday - The minister said.", "GHA"),  # a weekday
        ("PORT OF SPAIN — The minister said.", "TTO"),  # not Spain: "of" stays small
        ("NAY PYI TAW, 3 Aug— The minister said.", "MMR"),
    ],
)
def test_datelines_with_regions_agencies_weekdays_and_small_words(lead: str, state: str) -> None:
    article = Article("t", "t.txt", f"Headline\n\n{lead}", "")
    assert analyze(article).dateline_state() == state


def test_meetings_the_two_leaders_held_hours_of_talks() -> None:
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov and Prime Minister Anna "
        "Berg agreed to expand trade. The two leaders held three hours of talks at the ministry."
    )
    assert [m.participants for m in _meetings(text, [ALPHA, GAMMA])] == [
        ("Ivan Petrov", "Anna Berg")
    ]


def test_meetings_a_purpose_between_two_states_is_no_encounter_of_theirs() -> None:
    text = "Envoys met in emergency session today to discuss tension between Greece and Turkey."
    assert _meetings(text, []) == []


def test_meetings_a_weeks_digest_dates_items_by_their_weekday_heading() -> None:
    text = (
        "Week in review\n1 July 2022\n\nMONDAY\n"
        "Foreign Minister Ivan Petrov met Ambassador Oleg Sidorov in Minsk.\n\n"
        "Thursday\nPrime Minister Anna Berg met Foreign Minister Ivan Petrov in Stockholm.\n"
    )
    found = {m.participants: m.date for m in _meetings(text, [ALPHA, BETA, GAMMA])}
    assert found == {
        ("Ivan Petrov", "Oleg Sidorov"): "2022-06-27",
        ("Anna Berg", "Ivan Petrov"): "2022-06-30",
    }


def test_meetings_a_subject_after_an_opening_clause_is_the_later_he() -> None:
    """ "While in Minsk, A met B. He also met C": "he" is A, the subject, not B."""
    text = (
        "Minsk, 2 September 2022 (XYZ): While in Minsk, Prime Minister Anna Berg met the "
        "host of the forum, Belarus's Foreign Minister, Ivan Petrov. She also held a bilateral "
        "meeting with Ambassador Oleg Sidorov."
    )
    found = {m.participants for m in _meetings(text, [ALPHA, BETA, GAMMA])}
    assert ("Anna Berg", "Oleg Sidorov") in found
    assert ("Ivan Petrov", "Oleg Sidorov") not in found


def test_meetings_an_office_named_again_alone_is_its_holders() -> None:
    """ "the Deputy Prime Minister" of a deputy prime minister and foreign minister; "the
    minister" of a foreign minister; not "the Minister for Foreign Affairs of X, Y"."""
    deputy = _person("Ivan Petrov", "deputy prime minister and foreign minister", "BLR")
    guest = _person("Oleg Sidorov", "chairperson of the commission", None)
    text = (
        "Minsk, 2 September 2022 (XYZ): Deputy Prime Minister and Foreign Minister Ivan Petrov "
        "opened the forum. Later in the day, the Deputy Prime Minister also received Oleg "
        "Sidorov."
    )
    assert [m.participants for m in _meetings(text, [deputy, guest])] == [
        ("Ivan Petrov", "Oleg Sidorov")
    ]
    minister = _person("Ivan Petrov", "foreign minister", "BLR")
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov opened the forum. The "
        "minister met Ambassador Oleg Sidorov."
    )
    assert [m.participants for m in _meetings(text, [minister, BETA])] == [
        ("Ivan Petrov", "Oleg Sidorov")
    ]
    host = _person("Paul Durand", "minister for foreign affairs and trade", "IRL")
    guest = _person("Karl Weber", "minister for foreign affairs", "ISL")
    text = (
        "Dublin, 13 June 2013 (XYZ): The Minister for Foreign Affairs and Trade, Paul Durand, "
        "today met the Minister for Foreign Affairs of Iceland, Karl Weber."
    )
    assert [m.participants for m in _meetings(text, [host, guest])] == [
        ("Paul Durand", "Karl Weber")
    ]


def test_meetings_an_event_held_elsewhere_gives_no_place_nor_date() -> None:
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov received Ambassador Oleg "
        "Sidorov and discussed the outcomes of the climate summit held in Stockholm last week "
        "and the peace process in Sweden."
    )
    assert _flat(_meetings(text, [ALPHA, BETA])) == [
        (("Ivan Petrov", "Oleg Sidorov"), "meeting", "2022-09-02", "BLR")
    ]


@pytest.mark.parametrize(
    ("role", "office", "held"),
    [
        ("deputy prime minister and foreign minister", "deputy prime minister", True),
        ("deputy prime minister and foreign minister", "foreign minister", True),
        ("foreign minister", "minister", True),
        ("minister of foreign affairs", "minister", True),
        ("foreign affairs adviser", "adviser", True),
        ("deputy foreign minister", "minister", False),  # a deputy is no minister
        ("prime minister", "minister", False),  # nor a head of government
        ("minister for foreign affairs and trade", "minister for foreign affairs", False),
        ("deputy prime minister", "prime minister", False),
    ],
)
def test_holds_office(role: str, office: str, held: bool) -> None:
    assert holds_office(role, office) is held


def test_meetings_a_visit_by_another_is_not_the_subjects_encounter() -> None:
    """ "A cancelled a trip because of business at home, including the visit this week by
    B": the visit is B's, and no host is named; A met nobody."""
    text = (
        "WASHINGTON, April 27 - Prime Minister Anna Berg has cancelled a trip to Australia "
        "because of business at home, including the visit this week by Foreign Minister Ivan "
        "Petrov, a spokesman said."
    )
    assert _meetings(text, [GAMMA, ALPHA]) == []


@pytest.mark.parametrize(
    "text",
    [
        # a duration and a weekday between the verb and "with"
        "Foreign Minister Ivan Petrov met for nearly two hours Tuesday with Ambassador Oleg "
        "Sidorov.",
        # a place and its town between "talks" and "with"
        "Foreign Minister Ivan Petrov today held talks at State House, Entebbe, with "
        "Ambassador Oleg Sidorov.",
        # a description before the guest's title: "Russia's top negotiator, Ambassador X"
        "Foreign Minister Ivan Petrov met for more than an hour with Russia's top negotiator, "
        "Ambassador Oleg Sidorov, on the sidelines.",
    ],
)
def test_meetings_durations_towns_and_descriptions_before_the_guest(text: str) -> None:
    assert [m.participants for m in _meetings(text, [ALPHA, BETA])] == [
        ("Ivan Petrov", "Oleg Sidorov")
    ]


def test_meetings_a_name_two_persons_share_is_the_one_named_last_before_it() -> None:
    first = _person("Ivan Petrov", "foreign minister", "BLR", "Petrov")
    second = _person("Boris Petrov", "prime minister", "RUS", "Petrov")
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov opened the forum. Petrov "
        "met Ambassador Oleg Sidorov. Prime Minister Boris Petrov arrived later. Petrov then "
        "received Prime Minister Anna Berg."
    )
    found = {m.participants for m in _meetings(text, [first, second, BETA, GAMMA])}
    assert found == {("Ivan Petrov", "Oleg Sidorov"), ("Boris Petrov", "Anna Berg")}


def test_meetings_a_verb_phrase_joined_by_and_keeps_the_first_subject() -> None:
    """ "A arrived after talks with B, and will travel to X for talks with C": A's talks;
    "In Tokyo, the minister, A, held talks with B, and later called on the Foreign Minister,
    Mr C": A called on C (not B, and the bare office is C, named after it, not another)."""
    text = (
        "Minsk, 2 September 2022 (XYZ): Prime Minister Anna Berg arrived in Minsk after talks "
        "with Ambassador Oleg Sidorov last week, and will travel to Kyiv later this month for "
        "talks with Foreign Minister Ivan Petrov."
    )
    found = {m.participants for m in _meetings(text, [GAMMA, BETA, ALPHA])}
    assert ("Anna Berg", "Ivan Petrov") in found
    assert ("Oleg Sidorov", "Ivan Petrov") not in found
    host = _person("Paul Durand", "minister for trade", "FRA")
    other = _person("Karl Weber", "foreign minister", "FRA")
    text = (
        "Paris, 2 September 2022 (XYZ): Foreign Minister Karl Weber stayed home. In Tokyo, the "
        "Swedish Minister for Trade, Mrs Anna Berg, held talks with the Minister of Trade, Mr "
        "Paul Durand, and later called on the Foreign Minister, Mr Ivan Petrov."
    )
    trade = _person("Anna Berg", "minister for trade", "SWE")
    found = {m.participants for m in _meetings(text, [other, trade, host, ALPHA])}
    assert ("Anna Berg", "Ivan Petrov") in found
    assert not any("Karl Weber" in p for p in found)


def test_meetings_telephoned_called_summoned_and_meals_without_an_article() -> None:
    """ "A telephoned B", "A called President B" (not "called B a ...", "called B's words",
    "called on"), "telephoned B and C" (a call each), "summoned the Ambassador, B", "had
    breakfast with B", "breakfasted with B"."""
    head = "Minsk, 2 September 2022 (XYZ): "
    people = [ALPHA, BETA, GAMMA]
    calls = [
        "Foreign Minister Ivan Petrov telephoned Ambassador Oleg Sidorov on Friday.",
        "Foreign Minister Ivan Petrov called Ambassador Oleg Sidorov on Friday.",
        "Foreign Minister Ivan Petrov phoned Ambassador Oleg Sidorov on Friday.",
    ]
    for sentence in calls:
        found = _flat(_meetings(head + sentence, people))
        assert found == [(("Ivan Petrov", "Oleg Sidorov"), "phone_call", "2022-09-02", None)]
    named = [
        "Foreign Minister Ivan Petrov called Ambassador Oleg Sidorov a liar on Friday.",
        'Foreign Minister Ivan Petrov called Ambassador Oleg Sidorov "a friend" on Friday.',
        "Foreign Minister Ivan Petrov called Ambassador Oleg Sidorov's words a provocation.",
        "Foreign Minister Ivan Petrov called for talks, and Ambassador Oleg Sidorov agreed.",
    ]
    for sentence in named:
        assert _meetings(head + sentence, people) == []
    both = head + (
        "Foreign Minister Ivan Petrov telephoned Ambassador Oleg Sidorov and Prime Minister "
        "Anna Berg on Friday."
    )
    assert {m.participants for m in _meetings(both, people)} == {
        ("Ivan Petrov", "Oleg Sidorov"),
        ("Ivan Petrov", "Anna Berg"),
    }
    met = [
        "Foreign Minister Ivan Petrov summoned the Russian Ambassador, Oleg Sidorov, on Friday.",
        "Foreign Minister Ivan Petrov had breakfast with Ambassador Oleg Sidorov on Friday.",
        "Foreign Minister Ivan Petrov breakfasted with Ambassador Oleg Sidorov on Friday.",
        "Foreign Minister Ivan Petrov dined with Ambassador Oleg Sidorov on Friday.",
    ]
    for sentence in met:
        found = _flat(_meetings(head + sentence, people))
        assert found == [(("Ivan Petrov", "Oleg Sidorov"), "meeting", "2022-09-02", "BLR")]


def test_meetings_a_quoted_clause_before_while_ends_the_first_subject() -> None:
    """'A said the decision showed "solidarity," while B telephoned C': B called C."""
    text = (
        "Minsk, 2 September 2022 (XYZ): Prime Minister Anna Berg said the decision showed "
        '"solidarity, not hostility," while Foreign Minister Ivan Petrov telephoned '
        "Ambassador Oleg Sidorov on Friday."
    )
    found = {m.participants for m in _meetings(text, [ALPHA, BETA, GAMMA])}
    assert found == {("Ivan Petrov", "Oleg Sidorov")}


def test_meetings_received_in_audience_at_a_seat_and_a_relative_met_later_in_the_day() -> None:
    """ "received in audience X", "received on Monday at the headquarters of the General
    Secretariat Dr. X", "A, who also met earlier in the day with B", "met his host, X"."""
    head = "Minsk, 2 September 2022 (XYZ): "
    people = [ALPHA, BETA, GAMMA]
    for sentence in [
        "Foreign Minister Ivan Petrov today received in audience Ambassador Oleg Sidorov.",
        "Foreign Minister Ivan Petrov received today at the headquarters of the Foreign "
        "Ministry Ambassador Oleg Sidorov, who is on a short visit.",
        "Foreign Minister Ivan Petrov, who also met earlier in the day with Ambassador Oleg "
        "Sidorov, briefed the press.",
        "Foreign Minister Ivan Petrov met his host, Ambassador Oleg Sidorov, on Friday.",
    ]:
        found = [m.participants for m in _meetings(head + sentence, people)]
        assert found == [("Ivan Petrov", "Oleg Sidorov")], sentence


def test_meetings_he_keeps_his_reference_across_a_joined_verb_phrase_and_credentials() -> None:
    """ "A arrived. He held talks with B and, on Friday, was received by C": A met C (not B
    met C); "presented a copy of his credentials to X": an encounter with X."""
    text = (
        "Minsk, 2 September 2022 (XYZ): Prime Minister Anna Berg of Sweden arrived in Minsk. "
        "He held talks with Ambassador Oleg Sidorov and, on Friday, was received by Foreign "
        "Minister Ivan Petrov."
    )
    found = {m.participants for m in _meetings(text, [GAMMA, BETA, ALPHA])}
    assert found == {("Anna Berg", "Oleg Sidorov"), ("Anna Berg", "Ivan Petrov")}
    text = (
        "Minsk, 2 September 2022 (XYZ): Ambassador Oleg Sidorov presented a copy of his "
        "credentials to Foreign Minister Ivan Petrov on Friday."
    )
    assert [m.participants for m in _meetings(text, [BETA, ALPHA])] == [
        ("Oleg Sidorov", "Ivan Petrov")
    ]


def test_meetings_a_place_alone_under_the_date_line_is_the_dateline() -> None:
    """A presidency's page: the title, "June 11, 2010", then "Tashkent" on its own line; the
    sidelines meeting of that day took place there."""
    text = (
        "Meeting with Ambassador Oleg Sidorov\nJune 11, 2010\nTashkent\n\nOn the sidelines of "
        "the summit, Foreign Minister Ivan Petrov met with Ambassador Oleg Sidorov."
    )
    assert dateline_place(text) == "Tashkent"
    found = [(m.participants, m.date, m.location_country) for m in _meetings(text, [ALPHA, BETA])]
    assert found == [(("Ivan Petrov", "Oleg Sidorov"), "2010-06-11", "UZB")]
    plain = "Telephone conversation\nJune 11, 2010\n\nDuring the conversation, the sides met."
    assert dateline_place(plain) is None


def test_meetings_the_president_of_a_readout_is_its_lead_s_not_its_headline_s() -> None:
    """A headline listing the counterparts ("Telephone conversations with ... President of
    France X") does not make X "the President" of the readout; the lead's subject is."""
    putin = _person("Vladimir Putin", "president", "RUS")
    chirac = _person("Jacques Chirac", "president", "FRA")
    prodi = _person("Romano Prodi", "prime minister", "ITA")
    text = (
        "Telephone conversation with President of France Jacques Chirac\nJune 28, 2006\n\n"
        "Vladimir Putin had a telephone conversation with President of France Jacques Chirac. "
        "On Wednesday, the President also spoke by telephone with Prime Minister of Italy "
        "Romano Prodi."
    )
    found = {m.participants for m in _meetings(text, [putin, chirac, prodi])}
    assert found == {("Vladimir Putin", "Jacques Chirac"), ("Vladimir Putin", "Romano Prodi")}


def test_meetings_aides_accompanying_a_host_are_no_participants_of_a_call_paid() -> None:
    """ "X received a courtesy call from Y. X was accompanied by A": A sat in; the members of
    a delegation accompanying a visitor are of the visit."""
    text = (
        "Minsk, 2 September 2022 (XYZ): Foreign Minister Ivan Petrov received a courtesy call "
        "from Ambassador Oleg Sidorov. During the meeting, Petrov was accompanied by Prime "
        "Minister Anna Berg."
    )
    found = {m.participants for m in _meetings(text, [ALPHA, BETA, GAMMA])}
    assert found == {("Ivan Petrov", "Oleg Sidorov")}

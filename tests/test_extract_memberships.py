"""The memberships extractor on small hand-written texts (no article text from the corpus)."""

from __future__ import annotations

import pytest

from diplodata.extract.memberships import extract_memberships
from diplodata.extract.text import analyze
from diplodata.ingest.articles import article_from_text
from diplodata.models import MembershipFact


def _facts(text: str) -> list[MembershipFact]:
    return extract_memberships(analyze(article_from_text(text, "fixture.txt")))


def _pairs(text: str) -> list[str]:
    return sorted(f"{f.member}:{f.organization}" for f in _facts(text))


def test_memberships_list_of_states_and_organizations_with_anaphora() -> None:
    text = (
        "Ties between Minsk and Moscow\n"
        "The two countries form the supranational Union State. Moreover, Russia is the main "
        "partner of Belarus. Both states are members of the Commonwealth of Independent States "
        "and the Eurasian Economic Union. In addition, they are members of the CSTO, and the "
        "United Nations, among other bodies."
    )
    assert _pairs(text) == [
        "BLR:CIS",
        "BLR:CSTO",
        "BLR:EAEU",
        "BLR:UN",
        "BLR:UNION_STATE",
        "RUS:CIS",
        "RUS:CSTO",
        "RUS:EAEU",
        "RUS:UN",
        "RUS:UNION_STATE",
    ]


def test_memberships_fact_fields_and_evidence_span() -> None:
    text = "Talks went well. Kazakhstan is a member of the Collective Security Treaty Organisation."
    [fact] = _facts(text)
    assert (fact.member, fact.organization, fact.organization_name) == (
        "KAZ",
        "CSTO",
        "Collective Security Treaty Organization",
    )
    assert text[fact.start : fact.end] == (
        "Kazakhstan is a member of the Collective Security Treaty Organisation."
    )


def test_memberships_once_per_state_and_organization() -> None:
    text = "Poland is a member of NATO. Poland joined NATO in 1999. NATO ally Poland hosted it."
    assert _pairs(text) == ["POL:NATO"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The summit was attended by NATO allies Latvia and Estonia.", ["EST:NATO", "LVA:NATO"]),
        ("The president thanked NATO Ally Türkiye for its help.", ["TUR:NATO"]),
        ("Norway became NATO's 12th member on that day.", ["NOR:NATO"]),
        ("Croatia joined the European Union in July 2013.", ["HRV:EU"]),
        ("Chile, which joined the OECD in 2010, hosted the forum.", ["CHL:OECD"]),
        (
            "The member states of the EAEU such as Armenia, Kyrgyzstan and Russia met.",
            ["ARM:EAEU", "KGZ:EAEU", "RUS:EAEU"],
        ),
        ("Talks focused on Peru and Chile, the two APEC members.", ["CHL:APEC", "PER:APEC"]),
        ("The GUAM, which unites Georgia and Moldova, met.", ["GEO:GUAM", "MDA:GUAM"]),
        ("As members of the SCO, India and China agreed to talk.", ["CHN:SCO", "IND:SCO"]),
        ("Egypt, a member of the Arab League, hosted the talks.", ["EGY:ARAB_LEAGUE"]),
        ("Today we welcome Montenegro as NATO's newest Ally.", ["MNE:NATO"]),
        ("They see Ankara as an ally in the NATO alliance.", ["TUR:NATO"]),
        ("The EC needs time to digest the accession of Greece last year.", ["GRC:EU"]),
        ("Alliance members ratified Albania's membership. NATO grew.", []),
        ("NATO met in May. Alliance members ratified Albania's membership.", ["ALB:NATO"]),
        (
            "The OSCE met in Vienna, where members Austria and Malta spoke.",
            ["AUT:OSCE", "MLT:OSCE"],
        ),
        (
            "The Republic of Mali and Niger came together to establish the ECOWAS, officials said.",
            ["MLI:ECOWAS", "NER:ECOWAS"],
        ),
        ("Malta, which holds the rotating presidency of the OSCE, spoke.", ["MLT:OSCE"]),
        ("Spain is a non-permanent member of the UN Security Council.", ["ESP:UNSC"]),
        (
            "The Customs Union of Russia, Belarus and Kazakhstan took effect in 2010.",
            ["BLR:EAEU", "KAZ:EAEU", "RUS:EAEU"],
        ),
        ("Kazakhstan and Belarus are members of the Customs Union.", ["BLR:EAEU", "KAZ:EAEU"]),
        ("Minsk and Moscow met. Belarus is a member of the Customs Union.", ["BLR:EAEU"]),
        (
            "Exports grew thanks to Vietnam's membership of the World Trade Organisation.",
            ["VNM:WTO"],
        ),
        (
            "He met leaders of the CIS member countries (Armenia, Moldova and Uzbekistan).",
            ["ARM:CIS", "MDA:CIS", "UZB:CIS"],
        ),
        ("Envoys of the GUAM (Georgia and Moldova) met in Kyiv.", ["GEO:GUAM", "MDA:GUAM"]),
        ("EU countries such as Austria and Malta voted no.", ["AUT:EU", "MLT:EU"]),
        ("The SCO nations, including India and Iran, met.", ["IND:SCO", "IRN:SCO"]),
        (
            "The Benelux brings together Belgium, the Netherlands and Luxembourg.",
            ["BEL:BENELUX", "LUX:BENELUX", "NLD:BENELUX"],
        ),
        (
            "The Russia-Belarus-Kazakhstan Customs Union began work.",
            ["BLR:EAEU", "KAZ:EAEU", "RUS:EAEU"],
        ),
        (
            "They signed the Russia-Belarus-Kazakhstan (EAEU) customs code.",
            ["BLR:EAEU", "KAZ:EAEU", "RUS:EAEU"],
        ),
        ("Albania officially became NATO's 28th member on Thursday.", ["ALB:NATO"]),
        ("Latvia joined NATO on Monday.", ["LVA:NATO"]),
        ("Malta's membership of the EU took effect in May.", ["MLT:EU"]),
        ("Our EU partner and member Estonia spoke.", ["EST:EU"]),
        ("Slovakia, one of the smaller EU member states, objected.", ["SVK:EU"]),
        ("Spain - a large EU member - objected.", ["ESP:EU"]),
        ("With our newest Ally Albania, NATO is stronger.", ["ALB:NATO"]),
        ("NATO met on Monday. Norway, a member of the alliance, spoke.", ["NOR:NATO"]),
        ("EU leaders met. Croatia joined the 28-nation bloc in 2013.", ["HRV:EU"]),
        ("Talks on the EAEU went on. Armenia is a member of the union.", ["ARM:EAEU"]),
        ("Peru opened its ports when it joined the WTO in 1995.", ["PER:WTO"]),
        ("Malta held a vote. The country joined the EU in 2004.", ["MLT:EU"]),
        ("Estonia is an EU and NATO member.", ["EST:EU", "EST:NATO"]),
        ("Uzbekistan rejoined the CSTO in 2006.", ["UZB:CSTO"]),
        ("Since joining the EU in 2004, Poland has grown fast.", ["POL:EU"]),
        ("After its accession to the WTO in 2001, China grew.", ["CHN:WTO"]),
    ],
)
def test_memberships_positive_patterns(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Serbia applied to join the European Union in 2009.",
        "Georgia hopes to become a member of NATO one day.",
        "Moldova wants to join the EU and NATO.",
        "Bosnia's membership application to the EU has stalled.",
        "Ukraine is not a member of NATO.",
        "Ukraine is not yet a member of the European Union.",
        "Britain is no longer a member of the European Union.",
        "Turkey is unlikely to join the EC before the year 2000.",
        "Iran is an observer state in the Shanghai Cooperation Organisation.",
        "Mongolia is an associate member of the SCO.",
        "Moldova is a candidate for membership of the European Union.",
        "NATO partner countries Sweden and Finland took part in the drills.",
        "Leaders of the two states held talks within the CSTO on Monday.",
        "If Ukraine were a member of NATO, the war would not have started.",
        "Sweden and Finland should become members of NATO as soon as possible.",
        "I look forward to welcoming Austria as a NATO member as soon as possible.",
        "The accession of Ukraine to NATO is not on the agenda.",
        "Hungary has yet to ratify the accession of Sweden to NATO.",
        "The United States joined the EU in condemning the attack.",
        "Japan joined NATO's call for restraint.",
        "Russia and China, the EU members said, must act.",
        "Armenia and Belarus are members of the EAEU and the CSTO respectively.",
        "Talks with Turks and Russians on the EU went on. They are members of the CSTO.",
        "Putin met Lukashenko, Tokayev and Pashinyan. Both states are members of the CSTO.",
        "Kazakhstan and Armenia are members. The EU said so.",
        "Turkey is a member of the Customs Union with the European Union.",
        "Armenia is a member of the Customs Union.",
        "Talks on Serbia's membership of the WTO stalled.",
        "Officials spoke of Ukraine's membership in NATO.",
        "Since Ukraine's membership in NATO would anger Moscow, the allies waited.",
        "Because of Georgia's membership bid to NATO, Russia protested.",
        "Norway is a member of the alliance.",
        "NATO and the CSTO met. Armenia is a member of the alliance.",
        "NATO met. Ukraine wants to join the alliance.",
        "EU leaders met. Britain, a former member of the bloc, objected.",
        "Poland joined the EU on Monday in condemning the attack.",
        "Malta and Peru met. The country joined the EU in 2004.",
        "Peru and Chile argued after it joined the WTO in 1995.",
        "NATO partners (Austria and Malta) attended.",
        "The SCO dialogue partners (Egypt and Qatar) attended.",
        "Non-EU countries such as Norway and Iceland objected.",
        "The EU candidate countries such as Albania and Serbia objected.",
        "The United States thanked its ally Japan for help with the UN resolution.",
        "After joining the EU, Ukraine would benefit.",
        "Before joining the EU, Poland was poor.",
        "After joining the talks with NATO, Russia left.",
    ],
)
def test_memberships_hedges_and_non_members_give_nothing(text: str) -> None:
    assert _pairs(text) == []


def test_memberships_off_topic_sport_gives_nothing() -> None:
    text = (
        "The winger officially joined Galatasaray from Bayern Munich on a three-year deal. "
        "He is a member of the squad that won the Champions League, and UEFA praised him."
    )
    assert _facts(text) == []


def test_memberships_heads_of_member_states_listed_in_next_sentence() -> None:
    text = (
        "On Monday, the President held phone calls with heads of the Shanghai Cooperation "
        "Organisation member states. He spoke with President of Kazakhstan Arman Beks, "
        "President of Uzbekistan Timur Saidov and Prime Minister of India Ravi Mehta. "
        "President of Mongolia Bat Erdene sent a letter."
    )
    assert _pairs(text) == ["IND:SCO", "KAZ:SCO", "UZB:SCO"]
    [first, *_] = _facts(text)
    assert text[first.start : first.end].endswith("Prime Minister of India Ravi Mehta.")


def test_memberships_summit_of_heads_of_state_lists_participants() -> None:
    text = (
        "A summit of the CIS heads of state will be held next week in Minsk. Participants "
        "include President of the Republic of Armenia Aram Petros, President of the Kyrgyz "
        "Republic Almaz Usenov and President of Tajikistan Rustam Nazar."
    )
    assert _pairs(text) == ["ARM:CIS", "KGZ:CIS", "TJK:CIS"]


def test_memberships_heads_list_not_with_guests_or_a_single_state() -> None:
    guests = (
        "Leaders of the BRICS member states will meet in Kazan. Invited guests include "
        "President of Turkey Emre Kaya and President of Egypt Omar Said."
    )
    single = (
        "He called heads of the CSTO member states. He spoke with President of Armenia Aram "
        "Petros about the border."
    )
    assert _pairs(guests) == []
    assert _pairs(single) == []


def test_memberships_partner_within_organization() -> None:
    assert _pairs("Poland is our reliable partner within the EU and NATO, he said.") == [
        "POL:EU",
        "POL:NATO",
    ]
    assert _pairs("Canada is an important partner for the EU, he said.") == []
    assert _pairs("Georgia is not yet a partner within the EU, he said.") == []


def test_memberships_stand_with_our_ally_is_the_one_state_of_the_sentence() -> None:
    text = (
        "The President offered condolences to the people of Norway after the storm and made "
        "clear we stand with our NATO Ally."
    )
    assert _pairs(text) == ["NOR:NATO"]
    assert _pairs("Germany stands with its NATO ally.") == []
    assert _pairs("After talks in France and Italy, we stand with our NATO Ally.") == []


def test_memberships_body_missing_from_lexicon_named_by_its_proper_name() -> None:
    [fact] = _facts("As of Monday, Moldova has become a member of the Energy Community.")
    assert (fact.member, fact.organization, fact.organization_name) == (
        "MDA",
        "ENERGY_COMMUNITY",
        "Energy Community",
    )
    assert _pairs("Moldova hopes to become a member of the Energy Community.") == []
    assert _pairs("Russia is a permanent member of the Security Council.") == []
    assert _pairs("Ukraine was part of the Soviet Union until 1991.") == []
    assert _pairs("Ukraine joined the Soviet Union in 1922.") == []


def test_memberships_heads_of_state_without_member_needs_three_listed() -> None:
    text = (
        "NATO heads of state and government met in Vilnius. Among those attending were "
        "President of Ukraine Ivan Koval and President of Finland Sauli Niemi."
    )
    assert _pairs(text) == []
    assert _pairs("Russia attacked, so we support our NATO Ally.") == []


def test_memberships_ranked_pair_and_fellow_members_resolve_to_two_states() -> None:
    text = (
        "Spain and Italy missed the budget target again. The two countries were criticised. "
        "The eurozone's two largest southern economies ignored the warning when they urged "
        "fellow EU members to relax the rules."
    )
    assert _pairs(text) == ["ESP:EU", "ITA:EU"]  # "largest southern": not a rank, only "fellow"
    text = (
        "Spain and Italy missed the budget target again. The two countries were criticised. "
        "The eurozone's two biggest economies ignored the warning when they urged fellow EU "
        "members to relax the rules."
    )
    assert _pairs(text) == ["ESP:EU", "ESP:EUROZONE", "ITA:EU", "ITA:EUROZONE"]
    assert _pairs("Austria urged its fellow EU members to act.") == ["AUT:EU"]
    assert _pairs("Austria would urge fellow EU members to act.") == []
    assert _pairs("Spain, Italy and Greece met. The two biggest eurozone economies agreed.") == []


def test_memberships_dated_past_admission_with_organization_named_next() -> None:
    text = (
        "Joining the trade body is slow. Vietnam's admission in 2007 took 12 years. "
        "Membership of the WTO brings lower tariffs."
    )
    assert _pairs(text) == ["VNM:WTO"]
    text = (
        "Joining the trade body is slow. Vietnam's admission in 2007 was not expected. "
        "Membership of the WTO brings lower tariffs."
    )
    assert _pairs(text) == []
    assert _pairs("Vietnam's admission in 2007 would take years. The WTO met.") == []
    assert _pairs("Talks on Vietnam's admission to the WTO are under way.") == []


def test_memberships_part_of_a_state_as_subject() -> None:
    assert _pairs("The Greek southern part of Cyprus is an EU member.") == ["CYP:EU"]
    assert _pairs("The northern part of Cyprus is not an EU member.") == []
    assert _pairs("Talks on the future of Cyprus is an EU matter.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spain and Italy, EU members but old rivals, disagreed.", ["ESP:EU", "ITA:EU"]),
        ("Canada and its G7 partners agreed to act.", ["CAN:G7"]),
        ("Norway's partners in NATO were consulted.", ["NOR:NATO"]),
        (
            "The plan starts with APEC economies: Chile, Peru and Mexico.",
            ["CHL:APEC", "PER:APEC", "MEX:APEC"],
        ),
        ("Canada hopes its partners in the EU agree.", []),
        ("Canada thanked its partners.", []),
        ("With Russia and all allies in the CSTO, order was restored.", ["RUS:CSTO"]),
        ("The Cairns Group, to which Chile and Peru belong, met.", ["CHL:CAIRNS", "PER:CAIRNS"]),
        ("Chile belongs to APEC.", ["CHL:APEC"]),
        (
            "Its G7 counterparts - Canada, France and Japan - agreed.",
            ["CAN:G7", "FRA:G7", "JPN:G7"],
        ),
        (
            "We the Quad partners of Australia, India and Japan agree.",
            ["AUS:QUAD", "IND:QUAD", "JPN:QUAD"],
        ),
    ],
)
def test_memberships_partners_allies_and_economies(text: str, expected: list[str]) -> None:
    assert sorted(_pairs(text)) == sorted(expected)


def test_memberships_representatives_of_member_states_listed_in_the_next_sentence() -> None:
    text = (
        "Deputy Minister Ivan Petrenko met representatives of the European Union member "
        "states who returned to the capital. Among them are the Ambassadors of Spain, Italy "
        "and Latvia, as well as the Chargé d'Affaires of Estonia and Poland."
    )
    assert sorted(_pairs(text)) == ["ESP:EU", "EST:EU", "ITA:EU", "LVA:EU", "POL:EU"]


def test_memberships_representatives_of_states_are_not_members_without_the_word() -> None:
    text = (
        "The minister met representatives of European states. Among them are the "
        "Ambassadors of Spain and Italy."
    )
    assert _pairs(text) == []


def test_memberships_joint_statement_of_heads_meeting_as_the_body() -> None:
    text = (
        "On July 4, 2023, we, the Heads of Government of Chile, Peru and Ecuador, convened "
        "for the first leaders' meeting of the OPEC. Today, we - Prime Minister Ana Ruiz of "
        "Spain and President Carl Berg of Sweden - met for the second Eurasian Economic Union "
        "Leaders' Summit."
    )
    assert sorted(_pairs(text)) == ["CHL:OPEC", "ECU:OPEC", "ESP:EAEU", "PER:OPEC", "SWE:EAEU"]


def test_memberships_joint_statement_of_officials_meeting_in_a_host_city_as_the_body() -> None:
    """The place they met in comes before the body's meeting; its state is not an author."""
    text = (
        "We — Deputy Minister Ana Ruiz of Spain, Secretary Carl Berg of Sweden and Director "
        "Jan Novak of Poland – met in Oslo, Norway for the second in-person OPEC Energy "
        "Working Group (EWG) Principals Meeting."
    )
    assert sorted(_pairs(text)) == ["ESP:OPEC", "POL:OPEC", "SWE:OPEC"]


def test_memberships_a_summit_the_heads_only_talk_about_is_not_theirs() -> None:
    text = (
        "The leaders of Chile and Peru said they hoped to meet for the next ASEAN summit. "
        "Officials of Spain and Sweden met at the G20 summit in Rome."
    )
    assert _pairs(text) == []


def test_memberships_authors_naming_themselves_as_the_body() -> None:
    text = (
        "We, the Presidents of Ukraine, the Republic of Lithuania and the Republic of Poland "
        "- the Lublin Triangle, gathered in Kyiv on 23 February 2022."
    )
    assert sorted(_pairs(text)) == [
        "LTU:LUBLIN_TRIANGLE",
        "POL:LUBLIN_TRIANGLE",
        "UKR:LUBLIN_TRIANGLE",
    ]
    assert _pairs("They visited Ukraine, Poland - the Lublin Triangle states.") == []


def test_memberships_the_group_refers_to_the_group_named_before() -> None:
    text = (
        "Duffy said the Cairns Group of 14 producers is close to a common position. "
        "The group, which includes Australia and Malaysia, advocates free farm trade."
    )
    assert sorted(_pairs(text)) == ["AUS:CAIRNS", "MYS:CAIRNS"]
    assert _pairs("The group, which includes Australia and Malaysia, met.") == []


def test_memberships_the_following_leaders_of_the_body_in_the_headline() -> None:
    text = (
        "Readout of the Meeting with the Leaders of the Visegrad Group\n\n"
        "The President met today with the Visegrad Group leaders.\n\n"
        "Joining the President at the meeting were the following leaders:\n\n"
        "Czech Prime Minister Jan Novak\n\nHungarian Prime Minister Ede Kovacs\n\n"
        "Prime Minister of Poland Adam Nowak\n\n"
        "They discussed energy security and the war against Ukraine for an hour and agreed to "
        "meet again in the autumn in Prague, where the Slovak side will host the next round."
    )
    assert sorted(_pairs(text)) == ["CZE:VISEGRAD", "HUN:VISEGRAD", "POL:VISEGRAD"]


def test_memberships_we_are_members_after_a_state_named_in_the_sentence() -> None:
    text = (
        "The Hungarian model exists in politics: we are members of NATO and the European "
        "Union. Suppose Ukraine is a NATO member."
    )
    assert sorted(_pairs(text)) == ["HUN:EU", "HUN:NATO"]


def test_memberships_the_authors_of_a_bodys_joint_statement_listed_first() -> None:
    text = (
        "Quad Leaders' Joint Statement\n\nMarch 12, 2021\n\n"
        "We have convened to reaffirm our commitment to cooperation between Australia, India, "
        "Japan, and the United States."
    )
    assert sorted(_pairs(text)) == ["AUS:QUAD", "IND:QUAD", "JPN:QUAD", "USA:QUAD"]
    text = (
        "Statement on the Quad\n\nMarch 12, 2021\n\n"
        "We have convened to reaffirm our commitment to cooperation between Australia and India."
    )
    assert _pairs(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # wire style: the list set off by double hyphens
            "Ministers of the Group of Seven -- Canada, Italy and Japan -- met.",
            ["CAN:G7", "ITA:G7", "JPN:G7"],
        ),
        (  # an unknown acronym in brackets is part of the organization's mention
            "The Group of Seven (G-7) nations - Canada, Italy and Japan - agreed.",
            ["CAN:G7", "ITA:G7", "JPN:G7"],
        ),
        (  # a known one too, before a relative clause listing the members
            "The Gulf Cooperation Council (GCC), which includes Oman, Qatar and Kuwait, met.",
            ["KWT:GCC", "OMN:GCC", "QAT:GCC"],
        ),
        (  # a dash after the organization opens no list when the states are not set off
            "Talks between NATO - and Russia, Belarus and Armenia - stalled.",
            [],
        ),
    ],
)
def test_memberships_list_set_off_by_dashes_after_the_organization(
    text: str, expected: list[str]
) -> None:
    assert _pairs(text) == expected


def test_memberships_organization_names_in_either_spelling() -> None:
    """British spelling and "of" without "the" name the same organization."""
    text = "Ecuador, a member of the Organisation of Petroleum Exporting Countries, cut output."
    assert _pairs(text) == ["ECU:OPEC"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They praised their work, especially given the non-permanent membership of "
            "Norway in the UN Security Council this year.",
            ["NOR:UNSC"],
        ),
        ("The membership of Norway in the European Union was discussed.", []),
    ],
)
def test_memberships_membership_of_a_state_in_an_organization(
    text: str, expected: list[str]
) -> None:
    """ "given the membership of A in X" states it; the bare noun may be a wish."""
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile, one of the founders of the 21-member APEC, hosted the talks.", ["CHL:APEC"]),
        ("Peru, a founding member of the Andean Community, objected.", ["PER:ANDEAN_COMMUNITY"]),
        ("Nepal, one of the members of the Asian Development Bank, borrowed more.", ["NPL:ADB"]),
    ],
)
def test_memberships_founders_and_numbered_bodies(text: str, expected: list[str]) -> None:
    """A founder is a member; "the 21-member APEC" is APEC."""
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In 2021 the leaders of Chile, Peru and Colombia launched the Pacific Alliance.",
            ["CHL:PACIFIC_ALLIANCE", "COL:PACIFIC_ALLIANCE", "PER:PACIFIC_ALLIANCE"],
        ),
        ("They met the OPEC+ alliance, which includes Kazakhstan, in Vienna.", ["KAZ:OPEC_PLUS"]),
        ("The EU, which includes Turkey in its plans, met.", []),
    ],
)
def test_memberships_founding_leaders_and_a_relative_clause_of_one_member(
    text: str, expected: list[str]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the members set off by commas after the organization's states
            "The Group of Seven leading industrial countries, Canada, Italy and Japan, agreed.",
            ["CAN:G7", "ITA:G7", "JPN:G7"],
        ),
        (  # a coordination, not an apposition
            "The EU countries, Russia, China and India, agreed to talk.",
            [],
        ),
        (
            "The three members of the Gulf Cooperation Council are Oman, Qatar and Kuwait.",
            ["KWT:GCC", "OMN:GCC", "QAT:GCC"],
        ),
        (
            "The Gulf Cooperation Council, comprising Oman, Qatar and Kuwait, met.",
            ["KWT:GCC", "OMN:GCC", "QAT:GCC"],
        ),
        ("Kuwait and the other GCC states met in Riyadh.", ["KWT:GCC"]),
        ("Norway and other non-EU states agreed.", []),
    ],
)
def test_memberships_lists_after_the_organization_and_the_other_members(
    text: str, expected: list[str]
) -> None:
    assert _pairs(text) == expected


def test_memberships_state_with_its_short_name_in_brackets_and_a_dash_before_the_verb() -> None:
    """ "the United Arab Emirates (UAE)" is one mention, so the list goes on; a list set off
    by dashes is the subject of "are members of"."""
    text = (
        "Three of the GCC states - Oman, the United Arab Emirates (UAE) and Qatar - are "
        "members of OPEC."
    )
    assert _pairs(text) == [
        "ARE:GCC",
        "ARE:OPEC",
        "OMN:GCC",
        "OMN:OPEC",
        "QAT:GCC",
        "QAT:OPEC",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the list refers back to the body two sentences earlier
            "DOHA, March 2, 1990 - Oil ministers of the Gulf Cooperation Council will meet "
            "next week. Prices are low. The six countries -- Saudi Arabia, Kuwait, Bahrain, "
            "Qatar, the United Arab Emirates and Oman -- set up a joint fund in 1985.",
            ["ARE:GCC", "BHR:GCC", "KWT:GCC", "OMN:GCC", "QAT:GCC", "SAU:GCC"],
        ),
        (  # no membership word at all: leaders listed before the group's summit
            "MOSCOW, June 2, 2021 - The leaders of India, China, Brazil, South Africa and "
            "Russia will talk by video. The BRICS summit opens on Friday.",
            ["BRA:BRICS", "CHN:BRICS", "IND:BRICS", "RUS:BRICS", "ZAF:BRICS"],
        ),
    ],
)
def test_memberships_a_list_that_is_an_organization_s_whole_membership(
    text: str, expected: list[str]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # one member missing: a list of some states, not of the members
        "MOSCOW, June 2, 2021 - The leaders of India, China, Brazil and Russia will talk by "
        "video. The BRICS summit opens on Friday.",
        # the membership of another year: South Africa joined later
        "MOSCOW, June 2, 2009 - The leaders of India, China, South Africa, Brazil and Russia "
        "will talk by video. The BRICS meeting opens on Friday.",
        # the body is not named in the article
        "DOHA, March 2, 1990 - The six countries -- Saudi Arabia, Kuwait, Bahrain, Qatar, the "
        "United Arab Emirates and Oman -- set up a joint fund in 1985.",
        # three states of a trilateral format: its participants, not a membership statement
        "WARSAW, May 4, 2022 - The presidents of Poland, Lithuania and Ukraine approved a "
        "joint statement of the Lublin Triangle.",
        # hedged
        "MOSCOW, June 2, 2021 - The BRICS summit opens on Friday. Observers Brazil, Russia, "
        "India, China and South Africa will talk by video.",
    ],
)
def test_memberships_lists_that_are_not_a_whole_membership(text: str) -> None:
    assert _pairs(text) == []


def test_memberships_a_partner_or_ally_in_a_body_and_two_fronted_memberships() -> None:
    """ "A, B's strategic partner and ally in X": both are members; "As one of the founders of
    X and a permanent member of Y, A ...": A is a member of both; "A's partner in X": A."""
    assert _pairs(
        "He thanked Poland, Lithuania's closest partner and ally in NATO, for its help."
    ) == ["LTU:NATO", "POL:NATO"]
    assert _pairs(
        "As one of the founders of the United Nations and a permanent member of the UN "
        "Security Council, France has always supported the organisation."
    ) == ["FRA:UN", "FRA:UNSC"]
    assert _pairs("Germany's partner in the EU agreed.") == ["DEU:EU"]
    assert _pairs("Russia is a key trade partner in the region.") == []


def test_memberships_as_members_apposed_fronted_and_alongside() -> None:
    """ "As fellow members of X and close neighbours, A and B ...", "the two countries, as
    the largest economies and members of X, ...", "that, as a major member of X, A ...",
    "members of the eight-nation X", "members of X, alongside C and D"."""
    lead = "President Ali of Chile met Prime Minister Lee of Peru on Monday."
    assert sorted(
        _pairs(
            lead + " As fellow members of the G20 and close neighbours, Chile "
            "and Peru will work together."
        )
    ) == ["CHL:G20", "PER:G20"]
    assert sorted(
        _pairs(
            lead + " The two countries, as the largest economies and members "
            "of the G20, bear a responsibility."
        )
    ) == ["CHL:G20", "PER:G20"]
    assert _pairs("Li said that, as a major member of the IMF, China supports it.") == ["CHN:IMF"]
    assert sorted(_pairs("Ethiopia and Kenya are members of the eight-nation IGAD.")) == [
        "ETH:IGAD",
        "KEN:IGAD",
    ]
    assert sorted(_pairs("Chile is a member of APEC, alongside Peru and Mexico.")) == [
        "CHL:APEC",
        "MEX:APEC",
        "PER:APEC",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran and Nigeria are both members of the D-8.", ["IRN:D8", "NGA:D8"]),
        ("Namibia, a member of SACU, raised tariffs.", ["NAM:SACU"]),
        ("Kenya and Oman are members of IORA.", ["KEN:IORA", "OMN:IORA"]),
        ("Uganda is a founding member of the EAC.", ["UGA:EAC"]),
        ("Egypt joined Brics in 2024.", ["EGY:BRICS"]),
    ],
)
def test_memberships_regional_bodies_by_name_and_acronym(text: str, expected: list[str]) -> None:
    """Bodies of the synthetic styles (D-8, SACU, IORA, EAC, "Brics") are in the data file."""
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "the regional body", "the Strasbourg-based body": the one organization before
            "Ghana hosted ECOWAS talks. Ghana and Togo, as founding members of the regional "
            "body, called for calm.",
            ["GHA:ECOWAS", "TGO:ECOWAS"],
        ),
        (  # the nearest organization of the sentence, though others were named before
            "NATO met. The EU met. The Council of Europe suspended Russia; Georgia remains a "
            "member of the Strasbourg-based body.",
            ["GEO:COE"],
        ),
        (  # "the bloc" far from its name: the one bloc the article named, in its headline
            "Japan hosts ASEAN leaders\n\nTalks opened. Leaders spoke. A statement was issued. "
            "Trade grew. The bloc's members -- Laos, Vietnam and Cambodia -- were represented.",
            ["KHM:ASEAN", "LAO:ASEAN", "VNM:ASEAN"],
        ),
        (  # a nearer organization of another kind keeps "the alliance" from NATO far before
            "NATO leaders met\n\nTalks opened. Leaders spoke. A statement was issued. AUKUS "
            "was discussed. Japan is a member of the alliance.",
            [],
        ),
        (  # "the league's member states - among them A, B and C -"
            "The Arab League chief spoke. He said the league's member states - among them "
            "Jordan, Iraq and Libya - would coordinate.",
            ["IRQ:ARAB_LEAGUE", "JOR:ARAB_LEAGUE", "LBY:ARAB_LEAGUE"],
        ),
    ],
)
def test_memberships_organization_by_descriptor(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a pair named one a sentence: "both countries" are the two
            "Chad's king sent an invitation. Niger accepted the invitation. Both "
            "countries are members of the African Union.",
            ["NER:AU", "TCD:AU"],
        ),
        (  # a state named as a modifier ("a Singapore-based economist") is not one of them
            "China is Australia's biggest market. Exports grew. Trade rose in Australia. A "
            "Singapore-based economist spoke. China may act. Both countries are members of RCEP.",
            ["AUS:RCEP", "CHN:RCEP"],
        ),
        (  # "all three": the three states of the headline
            "Chile, Peru, Bolivia hold summit\n\nThe leaders met on Monday. Chile and Peru are "
            "both members of APEC, while all three countries are members of the OAS.",
            ["BOL:OAS", "CHL:APEC", "CHL:OAS", "PER:APEC", "PER:OAS"],
        ),
        (  # "all three Baltic states": a list of three named just before
            "Ministers from Lithuania, Latvia and Estonia visited Ukraine. All three Baltic "
            "states joined both the EU and NATO in 2004.",
            ["EST:EU", "EST:NATO", "LTU:EU", "LTU:NATO", "LVA:EU", "LVA:NATO"],
        ),
        (  # not three of them: nothing
            "Chile and Peru met. All three countries are members of the OAS.",
            [],
        ),
    ],
)
def test_memberships_counted_anaphora(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


def test_memberships_whose_country_is_the_persons_state() -> None:
    text = (
        "He met Slovak Foreign Minister Jan Novak, whose country, an EU member since 2004, "
        "backs Moldova."
    )
    assert _pairs(text) == ["SVK:EU"]


def test_memberships_currency_is_no_state() -> None:
    """ "US$ 5 billion" names no state: the two countries are Oman and India."""
    text = (
        "Oman is India's partner, with trade of US$ 5 billion. They praised cooperation "
        "between the two countries as members of the IORA."
    )
    assert _pairs(text) == ["IND:IORA", "OMN:IORA"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Romania, an EU and NATO member, closed its airspace.", ["ROU:EU", "ROU:NATO"]),
        ("Slovakia, a member of both NATO and the EU, objected.", ["SVK:EU", "SVK:NATO"]),
        (
            "Spain and Italy, both NATO allies and G20 members, agreed.",
            ["ESP:G20", "ESP:NATO", "ITA:G20", "ITA:NATO"],
        ),
        (
            "Kuwait, a member of OPEC and the OPEC+ alliance, and Chile discussed energy.",
            ["KWT:OPEC", "KWT:OPEC_PLUS"],
        ),
        (
            "He praised Austria, a member of the European Union and a reliable partner.",
            ["AUT:EU"],
        ),
        (
            "Uganda is a member of the WTO and a founding member of the EAC.",
            ["UGA:EAC", "UGA:WTO"],
        ),
        (
            "Chile and Peru, along with Mexico and Colombia, are members of the Pacific Alliance.",
            [
                "CHL:PACIFIC_ALLIANCE",
                "COL:PACIFIC_ALLIANCE",
                "MEX:PACIFIC_ALLIANCE",
                "PER:PACIFIC_ALLIANCE",
            ],
        ),
        (
            "Serbia, like Albania, remains one of the OSCE's 57 participating States.",
            [
                "ALB:OSCE",
                "SRB:OSCE",
            ],
        ),
        ("Laos, an ASEAN member whose economy is small, spoke.", ["LAO:ASEAN"]),
        ("She thanked Norway for being a strong NATO Ally.", ["NOR:NATO"]),
        ("She thanked Norway for being a candidate for NATO.", []),
        ("Nigeria, the only African member of Opec, cut output.", ["NGA:OPEC"]),
    ],
)
def test_memberships_coordinated_organizations_and_appositions(
    text: str, expected: list[str]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They work in SAARC, whose members — Nepal, Bhutan and India — are preparing.",
            ["BTN:SAARC", "IND:SAARC", "NPL:SAARC"],
        ),
        (
            "Students live in EU Member States such as Austria, Malta and Spain.",
            ["AUT:EU", "ESP:EU", "MLT:EU"],
        ),
        (
            "Peru took part as a full member of the Andean Community. The founding members – "
            "Bolivia, Colombia and Ecuador – must ratify it.",
            [
                "BOL:ANDEAN_COMMUNITY",
                "COL:ANDEAN_COMMUNITY",
                "ECU:ANDEAN_COMMUNITY",
                "PER:ANDEAN_COMMUNITY",
            ],
        ),
        (
            "Egypt joined BRICS last year alongside Iran and Ethiopia, making it a fellow member "
            "of the group with Brazil.",
            ["BRA:BRICS", "EGY:BRICS", "ETH:BRICS", "IRN:BRICS"],
        ),
        ("Spain joined the EU alongside Portugal in condemning the coup.", []),
    ],
)
def test_memberships_lists_after_the_organization(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Qatar and its partners in the Gulf Cooperation Council, Kuwait and Oman, together "
            "with Jordan, met.",
            ["KWT:GCC", "OMN:GCC", "QAT:GCC"],
        ),
        (
            "Kuwait and its GCC partners Bahrain and Qatar are in talks with India.",
            ["BHR:GCC", "KWT:GCC", "QAT:GCC"],
        ),
        (
            "The leaders said that, as partners in the Quad, Australia and the United States "
            "would act.",
            ["AUS:QUAD", "USA:QUAD"],
        ),
        ("The Mercosur partners Paraguay and Uruguay agreed.", ["PRY:MERCOSUR", "URY:MERCOSUR"]),
        ("The NATO partners Japan and Australia agreed.", []),
        ("Japan is a dialogue partner of ASEAN.", []),
    ],
)
def test_memberships_partners_in_an_organization(text: str, expected: list[str]) -> None:
    """Partners in X are its members; X's partners are members only when curated as such."""
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hours after Malawi deposited its instrument and formally became the fifth member "
            "of the EAC, talks began.",
            ["MWI:EAC"],
        ),
        (
            "Norway became NATO's 33rd member, two years after neighbouring Ireland joined.",
            ["IRL:NATO", "NOR:NATO"],
        ),
        ("The ceremony marked Latvia's accession as the 30th member of NATO.", ["LVA:NATO"]),
        ("Serbia's accession as a full member of the EU would take years.", []),
        ("The summit of CELAC met, marking Peru's return to the bloc.", ["PER:CELAC"]),
        ("The summit of CELAC met, marking Peru's return to the bloc next year.", []),
        ("He said that since joining the WTO in 2001, Vietnam has grown.", ["VNM:WTO"]),
        ("It met within the EAEU, of which Armenia is a founding member.", ["ARM:EAEU"]),
        (
            "At the summit Chile took part for the first time as a full member of APEC.",
            ["CHL:APEC"],
        ),
        ("Malta, the last country to join the EU, objected.", ["MLT:EU"]),
        ("Norway, the first country to join the EU's satellite scheme, objected.", []),
        ("NATO urged non-member states such as Ukraine to act.", []),
        (
            "A process that Spain and Italy, the last of NATO's members to ratify, completed.",
            ["ESP:NATO", "ITA:NATO"],
        ),
        ("They celebrated the return of Chile, which rejoined the OAS in May.", ["CHL:OAS"]),
    ],
)
def test_memberships_became_joined_and_accession(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


_ASEAN_NINE = (
    "Cambodia, Brunei and Myanmar, as well as Indonesia, Malaysia, the Philippines, Singapore, "
    "Thailand and Vietnam"
)
_ASEAN = ["BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "VNM"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a list that is exactly the curated membership
            "The East African Community met. Kenya, Tanzania, Uganda, Rwanda, Burundi, South "
            "Sudan and the Democratic Republic of the Congo sent leaders.",
            sorted(f"{c}:EAC" for c in ("KEN", "TZA", "UGA", "RWA", "BDI", "SSD", "COD")),
        ),
        (  # the states of a sentence holding a list are exactly the membership
            f"ASEAN met. Laos joins {_ASEAN_NINE} at the table.",
            [f"{c}:ASEAN" for c in _ASEAN],
        ),
        (  # not when an observer is named among them
            f"ASEAN met. Laos joins {_ASEAN_NINE}, and an observer, at the table.",
            [],
        ),
    ],
)
def test_memberships_sentence_naming_the_full_membership(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru became a member of APEC in 1998, along with Russia and Vietnam.",
            ["PER:APEC", "RUS:APEC", "VNM:APEC"],
        ),
        (
            "Armenia belongs to the CSTO along with Belarus and Tajikistan.",
            ["ARM:CSTO", "BLR:CSTO", "TJK:CSTO"],
        ),
        (
            "Envoys praised BRICS, which Iran and Ethiopia formally entered on 1 January "
            "along with Egypt.",
            ["EGY:BRICS", "ETH:BRICS", "IRN:BRICS"],
        ),
        (
            "They spoke of the Andean Community, which Bolivia founded together with Colombia, "
            "Ecuador and Peru.",
            [
                "BOL:ANDEAN_COMMUNITY",
                "COL:ANDEAN_COMMUNITY",
                "ECU:ANDEAN_COMMUNITY",
                "PER:ANDEAN_COMMUNITY",
            ],
        ),
        (
            "Kenya and Uganda joined the East African Community on 7 July 2000 together with "
            "Tanzania.",
            ["KEN:EAC", "TZA:EAC", "UGA:EAC"],
        ),
    ],
)
def test_memberships_states_listed_along_with_the_subject(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


def test_memberships_founders_of_a_body_are_members() -> None:
    text = (
        "Sudan spoke to the Arab League, the bloc founded by Egypt, Iraq, Lebanon and Syria in "
        "1945."
    )
    assert _pairs(text) == [
        "EGY:ARAB_LEAGUE",
        "IRQ:ARAB_LEAGUE",
        "LBN:ARAB_LEAGUE",
        "SYR:ARAB_LEAGUE",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "EFTA's members are Iceland, Norway and Switzerland.",
            ["CHE:EFTA", "ISL:EFTA", "NOR:EFTA"],
        ),
        ("ASEAN's membership also includes Laos and Cambodia.", ["KHM:ASEAN", "LAO:ASEAN"]),
        (
            "Lesotho hosts the SADC, whose 16 members include Angola and Namibia.",
            ["AGO:SADC", "NAM:SADC"],
        ),
        (
            "The OIC brings together 57 member states on four continents, among them Turkey, "
            "Egypt and Indonesia.",
            ["EGY:OIC", "IDN:OIC", "TUR:OIC"],
        ),
        (
            "The Visegrad Group met in Prague. Ukraine thanked the group's existing members, "
            "Poland, Hungary and Slovakia.",
            ["HUN:VISEGRAD", "POL:VISEGRAD", "SVK:VISEGRAD"],
        ),
    ],
)
def test_memberships_members_listed_after_the_organization(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Indian Ocean Rim Association met in Perth. The Comoros became the 22nd member "
            "of the association in 2012.",
            ["COM:IORA"],
        ),
        (
            "The Pacific Islands Forum met in Nuku'alofa. It gathered the 18 Forum members, "
            "including Tonga, Fiji and Palau.",
            ["FJI:PIF", "PLW:PIF", "TON:PIF"],
        ),
        (
            "Laos hosted the Asian Development Bank. Since joining the Bank in 1966, Laos has "
            "received loans.",
            ["LAO:ADB"],
        ),
        ("NATO met. Norway is a founding member of the US-led alliance.", ["NOR:NATO"]),
        (
            "Armenia and Kyrgyzstan are members of the Russia-led Eurasian Economic Union.",
            ["ARM:EAEU", "KGZ:EAEU"],
        ),
    ],
)
def test_memberships_short_names_and_modifiers_of_an_organization(
    text: str, expected: list[str]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mexico and Peru discussed the OECD, to which Mexico has belonged since 1994 and "
            "which Peru hopes to join.",
            ["MEX:OECD"],
        ),
        (
            "Japan and Chile, as members of the OAS, met. They discussed the APEC forum in Lima, "
            "which both countries belong to.",
            ["CHL:APEC", "CHL:OAS", "JPN:APEC", "JPN:OAS"],
        ),
        (
            "Italy and Japan sit alongside Canada and Germany in the G7.",
            ["CAN:G7", "DEU:G7", "ITA:G7", "JPN:G7"],
        ),
    ],
)
def test_memberships_relative_clauses_and_seats(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenya, a member of the G20 and the Commonwealth, trades with Ghana.",
            ["KEN:COMMONWEALTH", "KEN:G20"],
        ),
        ("Malta and Cyprus are Commonwealth members.", ["CYP:COMMONWEALTH", "MLT:COMMONWEALTH"]),
        ("Jamaica won at the Commonwealth Games. Jamaica is a member of CARICOM.", ["JAM:CARICOM"]),
        (
            "Russia hosted the CIS summit. Belarus and Armenia are members of the Commonwealth.",
            ["ARM:CIS", "BLR:CIS"],
        ),
    ],
)
def test_memberships_the_commonwealth_named_alone(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Uzbekistan, an observer, spoke to the bloc founded by Russia and Belarus, the "
        "Union State.",
        "The OIC brings together 57 member states, including observers such as Russia and "
        "Thailand.",
        "Peru hopes to become a member of the OECD in 2026, along with Argentina and Brazil.",
        "Serbia is not a member of the EU, to which Croatia has belonged since 2013.",
    ],
)
def test_memberships_listed_forms_keep_hedges_out(text: str) -> None:
    pairs = _pairs(text)
    assert not {
        "UZB:UNION_STATE",
        "RUS:OIC",
        "THA:OIC",
        "PER:OECD",
        "ARG:OECD",
        "BRA:OECD",
        "SRB:EU",
    } & set(pairs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a clause set off between the subject and its verb
            "Hungary, which hosts the alliance's air policing, has been a NATO ally since 1999.",
            ["HUN:NATO"],
        ),
        (
            "Armenia, home to a Russian base, belongs to the CSTO along with Belarus.",
            ["ARM:CSTO", "BLR:CSTO"],
        ),
        (
            "Chile, like most states of the region, is a member of CELAC.",
            ["CHL:CELAC"],
        ),
        (  # "except A, which ..., is": A is not one
            "Every state at the table except Georgia, which left in 2009, is a member of the CIS.",
            [],
        ),
        (
            "Estonia has been a member of NATO since 2004 and a member of the European Union "
            "since 2004.",
            ["EST:EU", "EST:NATO"],
        ),
        (
            "Turkey and Egypt, both founding members of the OIC and members of the D-8 group "
            "and the G20, held talks.",
            ["EGY:D8", "EGY:G20", "EGY:OIC", "TUR:D8", "TUR:G20", "TUR:OIC"],
        ),
        (
            "Portugal, together with its partners in the European Union, backs the plan.",
            ["PRT:EU"],
        ),
        (
            "Brunei has been a member of APEC since its founding in 1989, along with fellow "
            "ASEAN members Malaysia and Thailand.",
            ["BRN:APEC", "MYS:APEC", "MYS:ASEAN", "THA:APEC", "THA:ASEAN"],
        ),
        (
            "He met envoys from France, Italy and Germany – the three founding members of the "
            "EU present.",
            ["DEU:EU", "FRA:EU", "ITA:EU"],
        ),
    ],
)
def test_memberships_asides_continuations_and_counted_lists(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Spain's minister visited Portugal. Both NATO allies pledged more aid.",
            ["ESP:NATO", "PRT:NATO"],
        ),
        (
            "Chile's minister visited Peru. Trade between the two fellow APEC members grew.",
            ["CHL:APEC", "PER:APEC"],
        ),
        (
            "Ghana's president called Senegal's leader. They praised ECOWAS, of which both "
            "countries are founding members.",
            ["GHA:ECOWAS", "SEN:ECOWAS"],
        ),
        (  # a capitalized short name: the one of its kind named before, past other bodies
            "Tonga hosts the Pacific Islands Forum. Talks opened. Leaders spoke. The UN chief "
            "came. The 18 Forum members include Fiji and Samoa.",
            ["FJI:PIF", "WSM:PIF"],
        ),
    ],
)
def test_memberships_anaphors_and_short_names_far_from_the_name(
    text: str, expected: list[str]
) -> None:
    assert _pairs(text) == expected


def test_memberships_bimstec_spelled_as_a_word() -> None:
    assert _pairs("Nepal and Bhutan are members of Bimstec.") == ["BTN:BIMSTEC", "NPL:BIMSTEC"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "both" passes over a group of three named in between
            "Poland and Romania signed a deal. The leaders discussed Ukraine, Moldova and "
            "Belarus. Both countries are members of the Bucharest Nine.",
            ["POL:BUCHAREST_NINE", "ROU:BUCHAREST_NINE"],
        ),
        (  # the two states the article is about, named far before
            "Chile and Peru held talks. Chile praised Peru. Peru thanked Chile. Officials spoke "
            "of trade. The talks went well. Ministers agreed. Both countries are members of the "
            "Pacific Alliance.",
            ["CHL:PACIFIC_ALLIANCE", "PER:PACIFIC_ALLIANCE"],
        ),
        (
            "Mexico and Guatemala signed a border pact. The two countries, both members of the "
            "OAS, will meet again.",
            ["GTM:OAS", "MEX:OAS"],
        ),
        (  # three states as often as each other: no pair
            "Chile, Peru and Bolivia met. Chile, Peru and Bolivia spoke. Chile, Peru and Bolivia "
            "signed. Officials spoke. The talks ended. Both countries are members of the OAS.",
            [],
        ),
    ],
)
def test_memberships_both_countries_resolved_past_other_groups(
    text: str, expected: list[str]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kuwait, OPEC's fourth-largest producer, raised output.", ["KWT:OPEC"]),
        ("Nigeria, as the largest economy in ECOWAS, pays most.", ["NGA:ECOWAS"]),
        (
            "Jamaica hosted the Caribbean Community. Trinidad and Tobago, the Community's "
            "biggest Member State by output, sent a team.",
            ["TTO:CARICOM"],
        ),
        ("Brazil, the second-largest economy in Latin America, grew.", []),
        (
            "Belarus is Armenia's closest partner in the Eurasian Economic Union.",
            ["ARM:EAEU", "BLR:EAEU"],
        ),
        ("South Sudan was in 2016 admitted into the East African Community.", ["SSD:EAC"]),
    ],
)
def test_memberships_ranks_among_members_and_partners(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "the Organization": the body whose name has the word, not the EU
            "The EU met. Turkey spoke to the Organization of Turkic States. Azerbaijan has been "
            "a full member of the Organization since 2009.",
            ["AZE:OTS"],
        ),
        (  # an ordinal membership without the organization: the one named before
            "Albania joined NATO in 2009. Its entry followed that of Slovenia, which became the "
            "26th Ally in 2004.",
            ["ALB:NATO", "SVN:NATO"],
        ),
        ("NATO met. Italy is the closest ally of Malta.", []),
        (
            "Ghana and Japan met. The two countries, both elected as non-permanent members of "
            "the UN Security Council for the 2022-2023 term, agreed.",
            ["GHA:UNSC", "JPN:UNSC"],
        ),
    ],
)
def test_memberships_short_names_ordinals_and_elected_seats(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ASEAN met. Laos, which holds the rotating chair of the 10-member bloc this year, "
            "hosts talks.",
            ["LAO:ASEAN"],
        ),
        ("Ghana holds the chair of ECOWAS.", ["GHA:ECOWAS"]),
        ("Japan works alongside its partners in the G7.", ["JPN:G7"]),
        (  # "its" is Egypt's, not the one after "with"
            "Egypt balanced its ties with Washington and its partners in BRICS.",
            [],
        ),
        (
            "Thanks to the support of Russia and all allies in the CSTO, order returned.",
            ["RUS:CSTO"],
        ),
    ],
)
def test_memberships_chairs_and_partners_beside_a_state(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a variant name the lexicon does not know, then the acronym it knows
            "Nigeria and Angola are members of the Organisation of the Petroleum Exporting "
            "States (OPEC).",
            ["AGO:OPEC", "NGA:OPEC"],
        ),
        ("Peru is a member of the Pacific Rim Forum (APEC).", ["PER:APEC"]),
    ],
)
def test_memberships_acronym_after_an_unknown_name(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


def test_memberships_second_predicate_with_also() -> None:
    text = (
        "Nordic defence talks\n"
        "Norway has been a member of EFTA since 1960 and is also a founding member of NATO."
    )
    assert _pairs(text) == ["NOR:EFTA", "NOR:NATO"]


def test_memberships_two_economies_and_all_members_since() -> None:
    text = (
        "Pacific trade\n"
        "Korea and Australia are big traders. The two economies are both members of APEC and "
        "the G20."
    )
    assert _pairs(text) == ["AUS:APEC", "AUS:G20", "KOR:APEC", "KOR:G20"]
    text = (
        "Baltic security\n"
        "Ministers of Estonia, Latvia and Lithuania met. The three Baltic states have all been "
        "members of the EU and NATO since 2004."
    )
    assert _pairs(text) == ["EST:EU", "EST:NATO", "LTU:EU", "LTU:NATO", "LVA:EU", "LVA:NATO"]


def test_memberships_both_our_countries() -> None:
    text = (
        "Fiji and Samoa sign pact\n"
        "Fiji and Samoa signed a fisheries pact. Fiji will train Samoan officers. Samoa thanked "
        "Fiji. Both our countries are members of the Pacific Islands Forum."
    )
    assert _pairs(text) == ["FJI:PIF", "WSM:PIF"]


def test_memberships_fellow_members_after_a_fronted_pair_or_a_comma() -> None:
    text = (
        "Mekong talks\n"
        "As close neighbours and fellow ASEAN members, Thailand and Cambodia signed a pact."
    )
    assert _pairs(text) == ["KHM:ASEAN", "THA:ASEAN"]
    text = "South Asia\nIndia discussed trade with its fellow SAARC members, Nepal and Bhutan."
    assert _pairs(text) == ["BTN:SAARC", "NPL:SAARC"]


def test_memberships_allies_or_partners_in_an_organization_then_listed() -> None:
    text = (
        "Bloc dispute\n"
        "Paraguay's partners in Mercosur, Brazil, Argentina and Uruguay, objected to the plan."
    )
    assert _pairs(text) == ["ARG:MERCOSUR", "BRA:MERCOSUR", "PRY:MERCOSUR", "URY:MERCOSUR"]
    # the owner of "its" is one too ("X's ally in O", batch17 clarification)
    text = "Alliance talks\nFrance consulted its allies in NATO, including Germany and Italy."
    assert _pairs(text) == ["DEU:NATO", "FRA:NATO", "ITA:NATO"]
    # a list that is not the curated membership, without "including": not read
    text = "Alliance talks\nFrance consulted its allies in NATO, Ukraine and Moldova, on the plan."
    assert _pairs(text) == []


def test_memberships_body_it_shares_or_formed_with_states() -> None:
    text = (
        "Andean trade\n"
        "Peru spoke of the Pacific Alliance, the integration mechanism it shares with Chile, "
        "Colombia and Mexico."
    )
    assert _pairs(text) == [
        "CHL:PACIFIC_ALLIANCE",
        "COL:PACIFIC_ALLIANCE",
        "MEX:PACIFIC_ALLIANCE",
        "PER:PACIFIC_ALLIANCE",
    ]
    text = "East Africa\nKenya praised the East African Community, which it formed with Uganda."
    assert _pairs(text) == ["KEN:EAC", "UGA:EAC"]


def test_memberships_org_states_set_off_by_commas() -> None:
    text = (
        "Trade ministers\n"
        "The ministers of the four EFTA States, Iceland, Liechtenstein, Norway and Switzerland, "
        "met in Geneva."
    )
    assert _pairs(text) == ["CHE:EFTA", "ISL:EFTA", "LIE:EFTA", "NOR:EFTA"]


def test_memberships_new_organization_names() -> None:
    text = (
        "Lusophone summit\n"
        "Angola and Mozambique are members of the Community of Portuguese Language Countries. "
        "Zambia is a member of Comesa. Iceland is a member of the European Economic Area."
    )
    assert _pairs(text) == ["AGO:CPLP", "ISL:EEA", "MOZ:CPLP", "ZMB:COMESA"]


def test_memberships_states_together_with_others_forming_a_body() -> None:
    text = (
        "Talks\n"
        "Armenia, which together with Russia, Belarus and Kazakhstan forms the Eurasian "
        "Economic Union, hosted talks."
    )
    assert _pairs(text) == ["ARM:EAEU", "BLR:EAEU", "KAZ:EAEU", "RUS:EAEU"]
    text = (
        "Talks\n"
        "Moldova and Georgia declined to sign. Together with Ukraine and Azerbaijan, they make "
        "up GUAM, a regional grouping."
    )
    assert _pairs(text) == ["AZE:GUAM", "GEO:GUAM", "MDA:GUAM", "UKR:GUAM"]


def test_memberships_quoted_fronted_member_of_both() -> None:
    text = 'Talks\n"As a member of both the European Union and NATO, Latvia will raise the issue.'
    assert _pairs(text) == ["LVA:EU", "LVA:NATO"]


def test_memberships_together_forming_a_body_before_a_partner_clause() -> None:
    # "partner" after the clause is about something else: the list comes before the verb
    text = (
        "Aid talks\n"
        "Moldova, which together with Ukraine and Georgia forms GUAM, is a priority partner "
        "country of our aid."
    )
    assert _pairs(text) == ["GEO:GUAM", "MDA:GUAM", "UKR:GUAM"]


def test_memberships_one_of_a_states_partners_in_a_body() -> None:
    text = "Farm dispute\nItaly, one of Austria's partners in the EU, has raised objections."
    assert _pairs(text) == ["AUT:EU", "ITA:EU"]


def test_memberships_sao_tome_and_principe_is_a_state() -> None:
    text = "Lusophone summit\nSão Tomé and Príncipe is a member of the African Union."
    assert _pairs(text) == ["STP:AU"]


def test_memberships_whose_member_countries_listed_after_a_comma() -> None:
    text = (
        "Planning talks\n"
        "The ministers praised the work of the Council for Mutual Economic Assistance, whose "
        "member countries, Poland, Cuba, Mongolia and the German Democratic Republic, agreed "
        "on a new plan."
    )
    assert _pairs(text) == ["CUB:COMECON", "DDR:COMECON", "MNG:COMECON", "POL:COMECON"]


def test_memberships_body_also_includes_or_currently_groups_a_list() -> None:
    text = (
        "Eurasian review\n"
        "Set up in 1996, the SCO now includes China, Russia, Tajikistan and Kyrgyzstan. "
        "Separately, GUAM was set up in 1997 and currently groups Georgia, Ukraine, Azerbaijan "
        "and Moldova."
    )
    assert _pairs(text) == [
        "AZE:GUAM",
        "CHN:SCO",
        "GEO:GUAM",
        "KGZ:SCO",
        "MDA:GUAM",
        "RUS:SCO",
        "TJK:SCO",
        "UKR:GUAM",
    ]


def test_memberships_states_as_allies_in_a_treaty_body() -> None:
    text = (
        "Defence talks\n"
        "They said that Bulgaria and Romania, as allies in the Warsaw Treaty, would hold joint "
        "exercises."
    )
    assert _pairs(text) == ["BGR:WARSAW_PACT", "ROU:WARSAW_PACT"]


def test_memberships_belong_to_organizations_including_a_list() -> None:
    text = (
        "Fact sheet\n"
        "Armenia and France belong to many of the same international organizations, including "
        "the United Nations, the OSCE, Interpol and the WTO."
    )
    assert _pairs(text) == [
        "ARM:INTERPOL",
        "ARM:OSCE",
        "ARM:UN",
        "ARM:WTO",
        "FRA:INTERPOL",
        "FRA:OSCE",
        "FRA:UN",
        "FRA:WTO",
    ]


def test_memberships_members_of_one_body_and_members_of_another_without_article() -> None:
    text = (
        "Ties\n"
        "Brazil and India are both founding members of the WTO and members of the G20. "
        "Egypt is a member of the Arab League and one of our closest partners in the African "
        "Union."
    )
    assert _pairs(text) == ["BRA:G20", "BRA:WTO", "EGY:ARAB_LEAGUE", "EGY:AU", "IND:G20", "IND:WTO"]


def test_memberships_member_of_one_body_since_a_year_and_of_another() -> None:
    text = (
        "Trade strategy\n"
        "Albania, a member of the WTO since 2000 and of the Central European Free Trade "
        "Agreement since 2007, wants new markets. Serbia, which has been a member of the UN "
        "since 2000 and of the Council of Europe since 2003, agreed."
    )
    assert _pairs(text) == ["ALB:CEFTA", "ALB:WTO", "SRB:COE", "SRB:UN"]


def test_memberships_where_or_of_which_two_states_are_members() -> None:
    text = (
        "Council work\n"
        "They discussed the UN Security Council, of which China is a permanent member and Ghana "
        "a non-permanent member this year. They also praised the OSCE, where Austria is a "
        "full member."
    )
    assert _pairs(text) == ["AUT:OSCE", "CHN:UNSC", "GHA:UNSC"]


def test_memberships_partners_in_a_body_listed_after_a_kind_word_or_dash() -> None:
    text = (
        "Corridor\n"
        "Ukraine and its partners in the GUAM group, Georgia, Azerbaijan and Moldova, back the "
        "corridor. Kenya urged its partners in the EAC - Uganda, Rwanda and Burundi - to sign."
    )
    assert _pairs(text) == [
        "AZE:GUAM",
        "BDI:EAC",
        "GEO:GUAM",
        "KEN:EAC",
        "MDA:GUAM",
        "RWA:EAC",
        "UGA:EAC",
        "UKR:GUAM",
    ]


def test_memberships_a_states_fellow_members_of_two_bodies() -> None:
    text = (
        "Election\n"
        "The minister thanked Ghana's fellow members of the African Union and of ECOWAS for "
        "their support."
    )
    assert _pairs(text) == ["GHA:AU", "GHA:ECOWAS"]


def test_memberships_fellow_members_of_a_named_group_of_a_kind() -> None:
    text = (
        "Trade\n"
        "Egypt and Nigeria, both fellow members of the OIC and the D-8 group of developing "
        "economies, signed a deal. Georgia and the United States, as partners in the OSCE, "
        "agreed. As fellow members of the OECD and contracting parties to the GATT, Canada and "
        "Japan share goals."
    )
    assert _pairs(text) == [
        "CAN:GATT",
        "CAN:OECD",
        "EGY:D8",
        "EGY:OIC",
        "GEO:OSCE",
        "JPN:GATT",
        "JPN:OECD",
        "NGA:D8",
        "NGA:OIC",
        "USA:OSCE",
    ]


def test_memberships_state_whose_name_is_also_its_demonym() -> None:
    text = "Pacific talks\nBoth New Zealand and Chile are members of the 21-economy APEC forum."
    assert _pairs(text) == ["CHL:APEC", "NZL:APEC"]


def test_memberships_list_joined_by_comma_as_well_as() -> None:
    text = (
        "Trade\n"
        "Trade with the other members of the Warsaw Pact - Poland, Hungary and Bulgaria, as "
        "well as Romania - is small."
    )
    assert _pairs(text) == [
        "BGR:WARSAW_PACT",
        "HUN:WARSAW_PACT",
        "POL:WARSAW_PACT",
        "ROU:WARSAW_PACT",
    ]


def test_memberships_the_body_admitted_states() -> None:
    text = (
        "Enlargement\n"
        "APEC admitted Peru, Russia and Vietnam in 1998. Hungary praised the Council of Europe, "
        "which admitted Albania in 1995."
    )
    assert _pairs(text) == ["ALB:COE", "PER:APEC", "RUS:APEC", "VNM:APEC"]


def test_memberships_the_body_admitted_as_observer_is_not_membership() -> None:
    text = "Enlargement\nASEAN admitted Timor-Leste as an observer in 2022."
    assert _pairs(text) == []


def test_memberships_the_two_neighbours_both_founding_members() -> None:
    text = (
        "Dhaka talks\n"
        "Nepal and Bhutan signed a power deal. The two neighbours, both founding members of "
        "SAARC, will work together."
    )
    assert _pairs(text) == ["BTN:SAARC", "NPL:SAARC"]


def test_memberships_along_with_the_other_members_and_fellow_members_of() -> None:
    text = (
        "Sanctions\n"
        "Canada, which along with the other G7 countries imposed sanctions, kept them. Chile "
        "counts on its fellow members of the four-member Pacific Alliance."
    )
    assert _pairs(text) == ["CAN:G7", "CHL:PACIFIC_ALLIANCE"]


def test_memberships_lowercase_allies_listed_after_our_org_allies() -> None:
    text = (
        "Briefing\n"
        "NATO will decide together, and our NATO allies, Italy and Spain among them, agree."
    )
    assert _pairs(text) == ["ESP:NATO", "ITA:NATO"]


def test_memberships_an_org_member_and_a_member_of_another() -> None:
    text = "Aid\nThe envoy said Norway, a NATO member and a member of EFTA, values the ties."
    assert _pairs(text) == ["NOR:EFTA", "NOR:NATO"]


def test_memberships_support_for_a_state_as_partners_is_not_the_states_membership() -> None:
    text = "Talks\nThe leaders backed Moldova, as close partners in the G7, and discussed trade."
    assert _pairs(text) == []


def test_memberships_which_with_others_belongs_to_a_led_body() -> None:
    text = (
        "Cold war\n"
        "Bulgaria, which with Romania and Hungary belongs to the Soviet-led Warsaw Pact, "
        "sought new credits."
    )
    assert _pairs(text) == ["BGR:WARSAW_PACT", "HUN:WARSAW_PACT", "ROU:WARSAW_PACT"]


def test_memberships_took_up_its_seat_as_a_member() -> None:
    text = "Council\nGhana took up its seat as a non-permanent member of the UN Security Council."
    assert _pairs(text) == ["GHA:UNSC"]


def test_memberships_joined_at_the_beginning_of_a_year_together_with() -> None:
    text = (
        "Enlargement\n"
        "The minister said Sweden, which joined the EU at the beginning of 1995 together with "
        "Austria, backs the talks."
    )
    assert _pairs(text) == ["AUT:EU", "SWE:EU"]


def test_memberships_fronted_as_members_with_a_second_as_phrase() -> None:
    text = (
        "Reception\n"
        '"As fellow members of the G20, and as the two largest economies in Asia, China and '
        'India share a duty."'
    )
    assert _pairs(text) == ["CHN:G20", "IND:G20"]


def test_memberships_possessive_accession_which_took_effect() -> None:
    text = "Trade\nNorway backed Vietnam's accession to the WTO, which took effect in 2007."
    assert _pairs(text) == ["VNM:WTO"]


def test_memberships_both_countries_resolved_past_a_currency_named_after_a_state() -> None:
    text = (
        "Talks\n"
        "Trade between Kazakhstan and Kyrgyzstan reached 900 million US dollars. Officials "
        "met twice. The leaders praised the two countries, both members of the CSTO, for "
        "their work."
    )
    assert _pairs(text) == ["KAZ:CSTO", "KGZ:CSTO"]


def test_memberships_fellow_allies_listed_after_a_modal_of_the_subject() -> None:
    text = (
        "Accession\n"
        "As a NATO member, Sweden will stand beside fellow Allies in the region, Norway, "
        "Denmark and Finland, in the north."
    )
    assert _pairs(text) == ["DNK:NATO", "FIN:NATO", "NOR:NATO", "SWE:NATO"]


def test_memberships_a_states_role_as_a_member_of_bodies() -> None:
    text = (
        "Visit\n"
        "He praised Ghana's role as a member of the African Union and ECOWAS. Peru values "
        "Chile's position as \u201can active member of APEC\u201d."
    )
    assert _pairs(text) == ["CHL:APEC", "GHA:AU", "GHA:ECOWAS"]


def test_memberships_member_economies_and_the_lao_pdr() -> None:
    text = (
        "Summit\n"
        "Both Peru and Chile are member economies of APEC. Thailand and the Lao PDR are "
        "members of ASEAN."
    )
    assert _pairs(text) == ["CHL:APEC", "LAO:ASEAN", "PER:APEC", "THA:ASEAN"]


def test_memberships_the_drc_in_a_list_of_members() -> None:
    text = "Summit\nSADC's members are Angola, the DRC, Zambia and Malawi."
    assert _pairs(text) == ["AGO:SADC", "COD:SADC", "MWI:SADC", "ZMB:SADC"]


def test_memberships_our_two_countries_as_members() -> None:
    text = (
        "Visit\n"
        "Chile is a close friend of Peru. Our two nations are partners in APEC. And as "
        "founding members of the Pacific Alliance, our two countries share a duty."
    )
    assert _pairs(text) == ["CHL:APEC", "CHL:PACIFIC_ALLIANCE", "PER:APEC", "PER:PACIFIC_ALLIANCE"]


def test_memberships_admitted_as_members() -> None:
    text = (
        "Summit\n"
        "Ministers greeted Ghana and Togo, which were admitted as members of ECOWAS in a "
        "ceremony. Fiji was admitted as the Commonwealth's 54th member. Peru is expected to be "
        "admitted as a member of the OECD."
    )
    assert _pairs(text) == ["FJI:COMMONWEALTH", "GHA:ECOWAS", "TGO:ECOWAS"]


def test_memberships_subject_acting_as_members() -> None:
    text = (
        "Talks\n"
        "Armenia and Tajikistan, she said, stand together as founding members of the CIS and "
        "as allies in the CSTO. Peru and Chile are closely bound to the region as members of "
        "APEC and of the Pacific Alliance. Trade with Ghana grew as members of ECOWAS cut "
        "tariffs. Serbia hopes to take part as a member of the EU."
    )
    assert _pairs(text) == [
        "ARM:CIS",
        "ARM:CSTO",
        "CHL:APEC",
        "CHL:PACIFIC_ALLIANCE",
        "PER:APEC",
        "PER:PACIFIC_ALLIANCE",
        "TJK:CIS",
        "TJK:CSTO",
    ]


def test_memberships_owner_of_its_partners_in_a_body() -> None:
    text = (
        "Energy\n"
        "Imports fell after Latvia, like most of its partners in the EU, stopped buying coal. "
        "Talks were useful for Chile and for its partners in APEC. The gap is the widest Kenya "
        "runs with any of its allies in the EAC. Egypt balanced its ties with Washington and "
        "its partners in NATO. Georgia hopes to work with its partners in the EU."
    )
    assert _pairs(text) == ["CHL:APEC", "KEN:EAC", "LVA:EU"]


def test_memberships_the_kingdom_or_the_islamic_republic_as_subject() -> None:
    text = (
        "Gulf visit\n"
        "The envoy met officials of the Kingdom of Bahrain and of the State of Qatar. He said "
        "the Kingdom, a founding member of the Arab League, backs the plan. Turkey hosted "
        "Iran when the Islamic Republic became a member of the SCO in 2023."
    )
    assert _pairs(text) == ["BHR:ARAB_LEAGUE", "IRN:SCO"]


def test_memberships_states_named_as_a_states_partners_in_a_body() -> None:
    text = (
        "Rabat talks\n"
        "Italy and Greece, Tunisia's two main partners in the EU, sent envoys. Chile and Peru "
        "have been among the firmest backers of the accord among Mexico's partners in the "
        "Pacific Alliance."
    )
    # Mexico from "Mexico's partners in X" (an existing reader); Tunisia is not read
    assert _pairs(text) == [
        "CHL:PACIFIC_ALLIANCE",
        "GRC:EU",
        "ITA:EU",
        "MEX:PACIFIC_ALLIANCE",
        "PER:PACIFIC_ALLIANCE",
    ]


def test_memberships_admitted_today_as_a_member() -> None:
    text = "New member\nMontenegro was admitted today as the 192nd member state of the UN."
    assert _pairs(text) == ["MNE:UN"]


def test_memberships_both_countries_is_the_articles_pair_over_a_gathered_one() -> None:
    text = (
        "Chile and Peru review ties\n"
        "LIMA: Chile's foreign minister met Peru's foreign minister in Lima. Chile and Peru "
        "signed three accords. Trade between Chile and Peru grew. Later the minister phoned "
        "Bolivia's foreign minister. Peru is a big market. Both countries are members of APEC."
    )
    assert _pairs(text) == ["CHL:APEC", "PER:APEC"]


def test_memberships_a_state_set_off_by_unlike_is_not_the_subject() -> None:
    text = "Nordic ties\nUnlike Sweden, Norway is also a member of NATO."
    assert _pairs(text) == ["NOR:NATO"]


def test_memberships_gas_exporters_forum_and_human_rights_council() -> None:
    text = (
        "Energy and rights\n"
        "Algeria, as a member of the Gas Exporting Countries Forum, backs the market. Chile is "
        "a member of the Human Rights Council."
    )
    assert _pairs(text) == ["CHL:UNHRC", "DZA:GECF"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a participial aside and "today" before the verb listing the members
            "Bloc\nThe Mekong River Commission, set up in Bangkok in 1995, today brings together "
            "Cambodia, Laos, Thailand and Vietnam.",
            ["KHM:MRC", "LAO:MRC", "THA:MRC", "VNM:MRC"],
        ),
        (  # "which also groups" after a coordination of the subject's membership
            "Bloc\nKenya and Uganda are members of IGAD, which also groups Djibouti and Somalia.",
            ["DJI:IGAD", "KEN:IGAD", "SOM:IGAD", "UGA:IGAD"],
        ),
        (  # the subject acting as members, after a comma and a long verb phrase
            "Bloc\nMali and Niger pledged to coordinate their positions closely, as members of "
            "the African Union and of the West African Economic and Monetary Union, on trade.",
            ["MLI:AU", "MLI:WAEMU", "NER:AU", "NER:WAEMU"],
        ),
        (  # "of which A is a member alongside B and C"
            "Bloc\nThey discussed the Permanent Inter-State Committee for Drought Control in the "
            "Sahel, of which Chad is a member alongside Niger and Upper Volta.",
            ["BFA:CILSS", "NER:CILSS", "TCD:CILSS"],
        ),
        (  # a membership with effects, named first
            "Bloc\nThrough its membership of the European Economic Area and of EFTA, Norway "
            "takes part in the single market.",
            ["NOR:EEA", "NOR:EFTA"],
        ),
        (  # "As fellow members of X and of Y, A and B"
            "Bloc\nAs fellow members of the South Pacific Forum and of the Commonwealth, Fiji and "
            "Tonga agreed to consult before the summit.",
            ["FJI:COMMONWEALTH", "FJI:PIF", "TON:COMMONWEALTH", "TON:PIF"],
        ),
        (  # admitted as the body's Nth and Mth members
            "Bloc\nAt the summit, Mauritius and Madagascar were admitted as SADC's 12th and 15th "
            "members.",
            ["MDG:SADC", "MUS:SADC"],
        ),
        (  # a second coordinated predicate: "and was admitted as a member of"
            "Bloc\nPeru ratified the charter in 1997 and was admitted as a member of APEC a "
            "year later.",
            ["PER:APEC"],
        ),
        (  # "which it formed in 1991 with A and B": the listed states and "it"
            "Bloc\nUruguay signed the accord on Mercosur, which it formed in 1991 with "
            "Paraguay and Brazil.",
            ["BRA:MERCOSUR", "PRY:MERCOSUR", "URY:MERCOSUR"],
        ),
        (  # the admission of a state to a body, done
            "Bloc\nThe vote followed the admission of Montenegro to the World Trade "
            "Organization last year.",
            ["MNE:WTO"],
        ),
    ],
)
def test_memberships_lists_asides_roles_and_admissions(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bloc\nThe admission of Ukraine to NATO would change the balance, he said.",
        "Bloc\nThrough its membership of NATO, Finland would gain guarantees, critics argue.",
    ],
)
def test_memberships_an_admission_or_membership_still_to_come_is_none(text: str) -> None:
    assert _pairs(text) == []


def test_memberships_regional_bodies_and_their_former_names() -> None:
    text = (
        "Bloc\nZambia and Malawi, as members of the Southern African Development Co-ordination "
        "Conference, backed the railway plan. Ecuador and Bolivia are founding members of the "
        "Union of South American Nations. Senegal is a member of the Community of Sahel-Saharan "
        "States."
    )
    assert _pairs(text) == [
        "BOL:UNASUR",
        "ECU:UNASUR",
        "MWI:SADCC",
        "SEN:CEN_SAD",
        "ZMB:SADCC",
    ]


def test_memberships_contracting_parties_and_a_quoted_membership_lead() -> None:
    text = (
        "Trade\nJapan and Korea are both founding contracting parties to the General Agreement "
        'on Tariffs and Trade. "Through its membership of EFTA, Norway trades freely," she said.'
    )
    assert _pairs(text) == ["JPN:GATT", "KOR:GATT", "NOR:EFTA"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a relative clause, a kind word after the name, "only in", a bare year
            "Bloc\nChile, which joined the OECD only in January 2010, has since reformed its "
            "pensions. Brazil, which joined the BRICS group in 2009, hosts the summit.",
            ["BRA:BRICS", "CHL:OECD"],
        ),
        (  # an aside of discourse ("for its part") between the subject and its verb
            "Bloc\nDenmark, for its part, is a loyal member of NATO and of the European Community.",
            ["DNK:EU", "DNK:NATO"],
        ),
        (  # "which also belongs to"
            "Bloc\nMozambique, which also belongs to the Southern African Development "
            "Community, has looked south.",
            ["MOZ:SADC"],
        ),
        (  # "the bloc that A formed with B and C", "which A forms together with B"
            "Bloc\nThey discussed the Pacific Alliance, the trade bloc that Peru formed with "
            "Chile and Mexico. Uruguay praised Mercosur, which Paraguay forms together with "
            "Brazil and Argentina.",
            [
                "ARG:MERCOSUR",
                "BRA:MERCOSUR",
                "CHL:PACIFIC_ALLIANCE",
                "MEX:PACIFIC_ALLIANCE",
                "PER:PACIFIC_ALLIANCE",
                "PRY:MERCOSUR",
            ],
        ),
        (  # "which groups A with its partners B and C": "partners" of a state, no hedge
            "Bloc\nThe Arab Cooperation Council, which groups Jordan with its partners Egypt "
            "and Iraq, met in Amman.",
            ["EGY:ACC", "IRQ:ACC", "JOR:ACC"],
        ),
        (  # bodies of the past and their other names
            "Bloc\nGhana and Togo, both members of the Organisation of African Unity, backed "
            "the plan. Bolivia and Peru are members of the Andean Pact. New Zealand, as a "
            "member of ANZUS, was consulted. Qatar and Kuwait are OAPEC members.",
            [
                "BOL:ANDEAN_COMMUNITY",
                "GHA:OAU",
                "KWT:OAPEC",
                "NZL:ANZUS",
                "PER:ANDEAN_COMMUNITY",
                "QAT:OAPEC",
                "TGO:OAU",
            ],
        ),
    ],
)
def test_memberships_relative_clauses_asides_and_bodies_of_the_past(
    text: str, expected: list[str]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "as are B and C" after a membership
            "Bloc\nGhana is a member of ECOWAS, as are Togo and Benin. Chile and Peru are both "
            "APEC members, as is Mexico.",
            ["BEN:ECOWAS", "CHL:APEC", "GHA:ECOWAS", "MEX:APEC", "PER:APEC", "TGO:ECOWAS"],
        ),
        (  # a contracting party in an apposition, since a year
            "Trade\nCanada, a contracting party to the General Agreement on Tariffs and Trade "
            "since 1948, pressed for a new round.",
            ["CAN:GATT"],
        ),
        (  # a body's full name in its own language; a spelling of a state's name
            "Bloc\nTunisia is a member of the Organisation internationale de la Francophonie. "
            "Serbia and Bosnia-Hercegovina were admitted to the United Nations.",
            ["BIH:UN", "SRB:UN", "TUN:FRANCOPHONIE"],
        ),
    ],
)
def test_memberships_as_are_contracting_parties_and_other_spellings(
    text: str, expected: list[str]
) -> None:
    assert _pairs(text) == expected


def test_memberships_dialogue_partners_stay_a_hedge() -> None:
    text = "Bloc\nAustralia and India, dialogue partners of ASEAN, attended the summit."
    assert _pairs(text) == []


def test_memberships_dated_joining_of_the_organization_around_and_its_founders_listed() -> None:
    """ "Greece and Turkey joined in 1952 and West Germany in 1955, followed by Spain in
    1982" and "The founding members in 1949 were A, B and C" after a sentence naming the one
    organization; not a joining that could have been, nor one with two organizations around,
    nor "trade with A"."""
    lead = "NATO's leaders met in Strasbourg on Saturday. "
    joined = lead + (
        "Greece and Turkey joined in 1952 and West Germany in 1955, followed by Spain in 1982."
    )
    assert sorted(_pairs(joined)) == ["DEU:NATO", "ESP:NATO", "GRC:NATO", "TUR:NATO"]
    founders = lead + "The founding members in 1949 were Belgium, Canada and Denmark."
    assert sorted(_pairs(founders)) == ["BEL:NATO", "CAN:NATO", "DNK:NATO"]
    assert _pairs(lead + "Poland could have joined in 1999.") == []
    assert _pairs("NATO and the EU met on Saturday. Greece joined in 1952.") == []
    assert _pairs(lead + "Trade with Poland joined in 1999 the list of concerns.") == []


def test_memberships_the_islamic_conference_is_the_oic() -> None:
    text = "Both Iran and Iraq are members of the 42-nation Islamic Conference."
    assert sorted(_pairs(text)) == ["IRN:OIC", "IRQ:OIC"]


def test_memberships_a_bloc_a_state_formed_with_others_and_ap_dashes() -> None:
    """ "Mercosur, the customs union Brazil formed in 1991 with A, B and C", "Mercosur, the
    bloc that Brazil formed with ...": the founder and the states listed; "The NATO countries
    _ A, B and C _" (the wire's underscore dash) lists members."""
    expected = ["ARG:MERCOSUR", "BRA:MERCOSUR", "PRY:MERCOSUR", "URY:MERCOSUR"]
    for text in [
        "Mercosur, the customs union Brazil formed in 1991 with Argentina, Paraguay and "
        "Uruguay, met.",
        "Mercosur, the bloc that Brazil formed with Argentina, Paraguay and Uruguay, met.",
    ]:
        assert sorted(_pairs(text)) == expected, text
    text = "NATO ministers met. The NATO countries _ Britain, Italy and Belgium _ agreed."
    assert sorted(_pairs(text)) == ["BEL:NATO", "GBR:NATO", "ITA:NATO"]

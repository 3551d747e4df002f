"""Persons extractor: names next to titles, aliases, offices and states (fixtures written here)."""

from __future__ import annotations

import datetime as dt

import pytest

from diplodata.extract import extract_article
from diplodata.extract.holders import same_given_name
from diplodata.extract.persons import extract_persons, imply_states
from diplodata.extract.text import analyze
from diplodata.extract.titles import office_of
from diplodata.models import Article, ArticleFacts, PersonFact


def _persons(text: str) -> list[PersonFact]:
    article = Article(article_id="t", source="t.txt", text=text, sha256="")
    doc = analyze(article)
    return imply_states(doc, extract_persons(doc))


def _all_facts(text: str) -> ArticleFacts:
    """Every extractor's facts of one article (persons after the meetings are read)."""
    return extract_article(Article(article_id="t", source="t.txt", text=text, sha256=""))


def _flat(text: str) -> list[tuple[str | None, ...]]:
    return [(p.name, p.role, p.country, p.posted_to) for p in _persons(text)]


def test_persons_title_of_country_before_name_with_comma() -> None:
    text = (
        "The Foreign Minister of Belarus, Vladimir Makei met the Ambassador of Russia "
        "to Belarus, Boris Gryzlov, on Monday."
    )
    assert _flat(text) == [
        ("Vladimir Makei", "foreign minister", "BLR", None),
        ("Boris Gryzlov", "ambassador", "RUS", "BLR"),
    ]


def test_persons_appositive_ambassador_after_name() -> None:
    text = (
        "Anatoly Glaz, the Extraordinary and Plenipotentiary Ambassador of the Republic "
        "of Belarus to Turkey, spoke to reporters."
    )
    assert _flat(text) == [("Anatoly Glaz", "ambassador", "BLR", "TUR")]


def test_persons_demonym_title_and_surname_alias() -> None:
    text = "Russian President Vladimir Putin arrived in Minsk. Putin said the talks went well."
    facts = _persons(text)
    assert [(p.name, p.aliases, p.role, p.country) for p in facts] == [
        ("Vladimir Putin", ("Putin",), "president", "RUS")
    ]
    assert (
        text[facts[0].start : facts[0].end] == "Russian President Vladimir Putin arrived in Minsk."
    )


def test_persons_speaker_labels_and_honorific() -> None:
    text = (
        "President of Russia Vladimir Putin: Mr Lukashenko, welcome.\n"
        "President of Belarus Alexander Lukashenko: Thank you.\n"
        "Vladimir Putin: Let us begin."
    )
    assert [(p.name, p.aliases, p.country) for p in _persons(text)] == [
        ("Vladimir Putin", (), "RUS"),
        ("Alexander Lukashenko", ("Lukashenko",), "BLR"),
    ]


def test_persons_title_with_surname_only_is_a_person() -> None:
    text = "Decades ago President Truman said the pact would last."
    assert _flat(text) == [("Truman", "president", None, None)]


def test_persons_state_implied_by_the_sentences_around_an_official() -> None:
    text = (
        "Statement on the alliance\n"
        "When the United States founded the alliance, President Truman said it would last."
    )
    assert _flat(text) == [("Truman", "president", "USA", None)]


def test_persons_said_with_lowercase_role_after_name() -> None:
    text = (
        "Sergey Frolov, chief economist at Amtorg Trading Corp, said exports would fall. "
        "Frolov gave no forecast."
    )
    facts = _persons(text)
    assert [(p.name, p.aliases, p.role) for p in facts] == [
        ("Sergey Frolov", ("Frolov",), "chief economist")
    ]


def test_persons_hashtag_name_and_fm_title() -> None:
    text = "FM Vladimir #Makei discussed the agenda with partners."
    assert _flat(text) == [("Vladimir Makei", "foreign minister", "BLR", None)]


def test_persons_transliteration_variants_are_one_person() -> None:
    text = (
        "President of Ukraine Volodymyr Zelenskyy met the press. Later Zelensky travelled to Paris."
    )
    facts = _persons(text)
    assert [(p.name, p.aliases) for p in facts] == [("Volodymyr Zelenskyy", ("Zelensky",))]


def test_persons_counterpart_takes_the_other_office() -> None:
    text = (
        "Turkish Foreign Minister Hakan Fidan and his Saudi counterpart Prince Faisal "
        "bin Farhan met in Riyadh."
    )
    assert _flat(text) == [
        ("Hakan Fidan", "foreign minister", "TUR", None),
        ("Faisal bin Farhan", "foreign minister", "SAU", None),
    ]


def test_persons_athlete_with_demonym_and_given_name() -> None:
    text = "British sprinter Jane Doolittle beat Russian Irina Petrova in Madrid."
    assert _flat(text) == [
        ("Jane Doolittle", None, "GBR", None),
        ("Irina Petrova", None, "RUS", None),
    ]


def test_persons_not_titles_organizations_or_places() -> None:
    text = (
        "The Foreign Ministry said the Union State and the Security Council met on Monday. "
        "The Russian president spoke to the Prime Minister. Vostochny Cosmodrome hosted "
        "the Premier League final. Microsoft said on Twitter (@BelarusMFA) it was fine."
    )
    assert _persons(text) == []


def test_persons_list_of_delegates_share_their_state() -> None:
    text = (
        "The delegation included Head of the Servant of the People faction Davyd Arakhamia, "
        "Minister of Defense of Ukraine Oleksiy Reznikov and MP Rustem Umerov."
    )
    assert _flat(text) == [
        ("Davyd Arakhamia", "head of the servant of the people faction", "UKR", None),
        ("Oleksiy Reznikov", "minister of defense", "UKR", None),
        ("Rustem Umerov", "mp", "UKR", None),
    ]


def test_persons_no_state_guessed_for_international_official() -> None:
    text = (
        "Willy de Clercq, External Relations Commissioner of the European Communities, said "
        "China's bid was a test. De Clercq said China would import less."
    )
    assert _flat(text) == [("Willy de Clercq", "external relations commissioner", None, None)]


def _dated(text: str, date: dt.date | None) -> list[tuple[str | None, ...]]:
    article = Article(article_id="t", source="t.txt", text=text, sha256="", published_date=date)
    doc = analyze(article)
    return [
        (p.name, p.role, p.country, p.posted_to) for p in imply_states(doc, extract_persons(doc))
    ]


def test_persons_office_holder_named_without_state_gets_the_table_state() -> None:
    text = "Jake Sullivan told reporters the talks were useful. Sullivan gave no details."
    assert _flat(text) == [("Jake Sullivan", None, "USA", None)]


def test_persons_name_not_in_office_holders_stays_without_state() -> None:
    text = "Hunter Biden and Ivan Petrenko attended the dinner on Friday."
    assert _flat(text) == [("Hunter Biden", None, None, None), ("Ivan Petrenko", None, None, None)]


def test_persons_title_state_wins_over_office_holders() -> None:
    text = "Ukrainian Governor Mikheil Saakashvili said the reforms would go on."
    assert _flat(text) == [("Mikheil Saakashvili", "governor", "UKR", None)]


def test_persons_surname_alone_is_looked_up_at_the_article_date() -> None:
    text = "Britain will act, Mr Reagan told reporters, and the United States agreed."
    assert _dated(text, dt.date(1987, 4, 7)) == [("Reagan", None, "USA", None)]
    # out of office: no state from the table, only the state named around him
    assert _dated(text, dt.date(2005, 4, 7)) == [("Reagan", None, "GBR", None)]


def test_persons_without_a_stated_state_get_the_one_named_around_them() -> None:
    text = "Mr Kowalczyk told reporters in Warsaw that Poland would act."
    assert _dated(text, dt.date(2020, 1, 9)) == [("Kowalczyk", None, "POL", None)]
    assert _dated("Mr Kowalczyk told reporters that he would act.", None) == [
        ("Kowalczyk", None, None, None)
    ]


def test_persons_surname_with_office_is_looked_up_at_any_date() -> None:
    text = "Years ago President Reagan said the alliance would stand firm."
    assert _dated(text, dt.date(2015, 1, 9)) == [("Reagan", "president", "USA", None)]


def test_persons_international_post_gives_no_state() -> None:
    """A well-known holder named without a title gets the office and state of the term in
    force at the article's date; a post in an organization gives no state."""
    text = "Javier Solana met Jens Stoltenberg in Brussels on Monday."
    assert _dated(text, dt.date(2005, 3, 1)) == [
        ("Javier Solana", "eu high representative", None, None),
        ("Jens Stoltenberg", "prime minister", "NOR", None),
    ]
    assert _dated(text, dt.date(2016, 3, 1)) == [
        ("Javier Solana", None, "BEL", None),
        ("Jens Stoltenberg", "secretary general of nato", None, None),
    ]


def test_persons_bare_middle_initial_is_part_of_the_name() -> None:
    text = "Officials said President George W Bush would travel to Brussels next week."
    assert _flat(text) == [("George W Bush", "president", "USA", None)]


def test_persons_named_without_title_by_known_given_name() -> None:
    text = "Guests at the gala included Celine Dion, Julio Iglesias and Jean-Michel Jarre."
    assert [p.name for p in _persons(text)] == [
        "Celine Dion",
        "Julio Iglesias",
        "Jean-Michel Jarre",
    ]


def test_persons_occupation_before_single_name() -> None:
    text = (
        "The contest was won by Ukrainian singer Ruslana, ahead of Brazilian football legend Pele."
    )
    assert _flat(text) == [("Ruslana", None, "UKR", None), ("Pele", None, "BRA", None)]


def test_persons_royal_title_before_given_name() -> None:
    text = "Crown Princess Mary opened the exhibition in Copenhagen on Monday."
    assert _flat(text) == [("Mary", "crown princess", "DNK", None)]


def test_persons_company_before_ceo_is_not_the_role() -> None:
    text = "Turkish Airlines CEO Bilal Eksi and TAP Air Portugal CEO Rui Pereira signed the deal."
    assert _flat(text) == [
        ("Bilal Eksi", "ceo", "TUR", None),
        ("Rui Pereira", "ceo", "PRT", None),
    ]


def test_persons_generic_head_keeps_what_it_heads() -> None:
    text = "He later met NATO chief Karel Vermeer and the Palestinian leader, Omar Haddad."
    assert _flat(text) == [
        ("Karel Vermeer", "nato chief", None, None),
        ("Omar Haddad", "palestinian leader", "PSE", None),
    ]


def test_persons_counterpart_takes_the_office_named_elsewhere() -> None:
    text = (
        "Prime Minister Tony Blair flew to Jerusalem. "
        "Mr Blair held talks with his Israeli counterpart, Ariel Sharon, on Tuesday."
    )
    assert _flat(text)[1] == ("Ariel Sharon", "prime minister", "ISR", None)


def test_persons_organizations_after_titles_are_not_persons() -> None:
    text = (
        "Dick Pound, chairman of the World Anti-Doping Authority, spoke. "
        "The market is growing, according to industry analysts Screen Digest. "
        "Tim Danton, editor of PC Pro Magazine, agreed."
    )
    assert [p.name for p in _persons(text)] == ["Dick Pound", "Tim Danton"]


def test_persons_well_known_surname_alone_at_the_article_date() -> None:
    text = "Sanctions on Putin were discussed in Moscow and Minsk on Monday."
    article = Article(
        article_id="t",
        source="t.txt",
        text=text,
        sha256="",
        published_date=dt.date(2014, 12, 15),
    )
    assert [(p.name, p.country) for p in extract_persons(analyze(article))] == [("Putin", "RUS")]


def test_persons_surname_alone_without_date_is_no_person() -> None:
    assert _persons("Sanctions on Putin were discussed in Moscow on Monday.") == []


def test_persons_particle_al_surname_kept() -> None:
    text = "Iraq's Trade Minister Ahmed Karim al-Hashimi welcomed the decision on Monday."
    assert _flat(text) == [("Ahmed Karim al-Hashimi", "trade minister", "IRQ", None)]


def test_persons_hyphenated_title_and_lowercase_appositive_role() -> None:
    text = (
        "Vice-President Tom Harlow spoke first. "
        '"Rates will rise," said Ann Cole, currency strategist with Northbank in London.'
    )
    assert [(p.name, p.role) for p in _persons(text)] == [
        ("Tom Harlow", "vice-president"),
        ("Ann Cole", "currency strategist"),
    ]


def test_persons_plural_occupation_before_firm_is_no_person() -> None:
    text = "John Wright, director of energy analysts Hale-Morton, said output would fall."
    assert [p.name for p in _persons(text)] == ["John Wright"]


def test_persons_headings_and_common_nouns_are_not_names() -> None:
    text = (
        "Secure Pillar: the partners will invest in grids.\n"
        "Social Sciences experts met at the Emergency Summit. "
        "Minister of Energy Purchase announced a tender. "
        "Gordon Brown and Mr Bush spoke."
    )
    assert [p[0] for p in _flat(text)] == ["Gordon Brown", "Bush"]


def test_persons_department_before_an_office_is_part_of_the_role() -> None:
    text = (
        "Trade and Industry Secretary Paul Channon met Commerce Secretary Wilbur Ross "
        "and Defence Secretary Delfin Lorenzana."
    )
    assert [p.role for p in _persons(text)] == [
        "trade and industry secretary",
        "commerce secretary",
        "defence secretary",
    ]


def test_persons_a_plural_title_before_a_list_titles_every_name() -> None:
    text = "The delegation included senators Anna Kowalska, Piotr Nowak and Maria Zielinska."
    assert [p.role for p in _persons(text)] == ["senator", "senator", "senator"]


def test_persons_office_holder_without_a_title_gets_the_office_of_the_date() -> None:
    text = "Vladimir Putin had a telephone conversation with Jake Sullivan."
    assert _dated(text, dt.date(2022, 3, 1)) == [
        ("Vladimir Putin", "president", "RUS", None),
        ("Jake Sullivan", "national security advisor", "USA", None),
    ]


def test_persons_family_name_first_and_surnames_that_are_titles_or_months() -> None:
    text = (
        "ASEAN chief Lim Jock Hoi met Prime Minister Hun Sen. Mr Lim spoke. "
        "Theresa May said so. Sheikh Zaid bin Sultan al-Nahayan received them."
    )
    assert [p.name for p in _persons(text)] == [
        "Lim Jock Hoi",
        "Hun Sen",
        "Theresa May",
        "Zaid bin Sultan al-Nahayan",
    ]


def test_persons_an_age_a_photo_position_or_a_family_tie_after_a_name() -> None:
    text = "Pham Hung, 74, was named. Wu Jiu Hua (L) left. The murder of Cao Guifang, the wife of"
    assert [p.name for p in _persons(text + " the owner, shocked.")] == [
        "Pham Hung",
        "Wu Jiu Hua",
        "Cao Guifang",
    ]


def test_persons_royal_names_and_regnal_numbers() -> None:
    text = "King Abdullah II met Pope Francis and President Prabowo in Rome."
    assert [(p.name, p.role) for p in _persons(text)] == [
        ("Abdullah II", "king"),
        ("Francis", "pope"),
        ("Prabowo", "president"),
    ]


def test_persons_officials_of_international_institutions_serve_no_state() -> None:
    text = (
        "Vilnius, 3 May 2023 (XYZ): Deputy Foreign Minister of Lithuania Tomas Kairys met "
        "with Member of the European Parliament Jonas Valaitis and with Regional Director "
        "of the World Food Programme Maria Ortega."
    )
    people = {p.name: p for p in _persons(text)}
    assert people["Tomas Kairys"].country == "LTU"
    for name in ("Jonas Valaitis", "Maria Ortega"):
        assert people[name].serves_organization and people[name].country is None
    assert people["Jonas Valaitis"].role == "member"  # the organization is its side


def test_persons_an_initial_before_a_surname_is_the_given_name() -> None:
    text = (
        "Kyiv, 7 December 2021 (XYZ): Ahead of the talks of U.S. President J. Harlow and "
        "Russian President V. Sokolov, the minister met Senator John Harlow's aide. "
        "He was sworn in with C. William Tanner as Secretary of Commerce."
    )
    people = {p.name: p for p in _persons(text)}
    assert people["John Harlow"].aliases == ("J. Harlow",)
    assert people["V. Sokolov"].country == "RUS"
    assert "William Tanner" in people


def test_persons_a_state_named_with_a_possessive_is_part_of_the_title() -> None:
    text = "Beijing, 2 February 2022 (XYZ): President of People's Republic of China Li Wen spoke."
    assert _flat(text) == [("Li Wen", "president", "CHN", None)]


def test_persons_a_title_ending_a_fronted_phrase_belongs_to_someone_else() -> None:
    text = (
        "Kyiv, 28 April 2022 (XYZ): Secretary-General of the United Nations Kofi Mensah "
        "arrived. Before the meeting with the President of Ukraine, Kofi Mensah visited the "
        "suburbs. Comments by the mayor, Ken Lowry, followed."
    )
    people = {p.name: p for p in _persons(text)}
    assert (people["Kofi Mensah"].role, people["Kofi Mensah"].country) == (
        "secretary-general of the united nations",
        None,
    )
    assert people["Ken Lowry"].role == "mayor"


def test_persons_a_capital_that_is_a_given_name_is_part_of_the_name() -> None:
    text = "Asuncion, 16 May 2024 (XYZ): President Santiago Ruiz of Paraguay met the press."
    assert _flat(text) == [("Santiago Ruiz", "president", "PRY", None)]


def test_persons_titles_with_honorifics_formal_state_names_and_counterparts() -> None:
    text = (
        "Dhaka, 5 May 2022 (XYZ): Prime Minister of the People's Republic of Bangladesh "
        "Sheikh Rahima Karim spoke. China's Ambassador to Britain, Mr Liu Wen, said so. "
        "Crown Prince Faisal Al Saud arrived. Later Karim spoke to his Chinese counterpart "
        "Xi Ming. President Xi Ming agreed. Prime Minister Sheikh Mohammed bin Abdulrahman bin "
        "Jassim Al Thani of Qatar called."
    )
    people = {p.name: (p.role, p.country, p.posted_to) for p in _persons(text)}
    assert people["Rahima Karim"] == ("prime minister", "BGD", None)
    assert people["Liu Wen"] == ("ambassador", "CHN", "GBR")
    assert people["Faisal Al Saud"][0] == "crown prince"
    assert people["Xi Ming"][:2] == ("president", "CHN")
    assert people["Mohammed bin Abdulrahman bin Jassim Al Thani"][:2] == ("prime minister", "QAT")


def test_persons_an_implied_state_is_the_nearest_one_named_before_them() -> None:
    text = (
        "Kyiv, 17 January 2022 (XYZ): President of Ukraine Olena Marchuk met a delegation of "
        "the US Congress, which included senators Rob Gardner and Jeanne Holt."
    )
    people = {p.name: p.country for p in _persons(text)}
    assert people == {"Olena Marchuk": "UKR", "Rob Gardner": "USA", "Jeanne Holt": "USA"}


def test_persons_record_whether_the_state_is_stated_or_implied() -> None:
    text = (
        "Russian Deputy Foreign Minister Pavel Orlov met Taras Hlib in Kyiv. "
        "The American could meet Greg Rusedski in the second round, said Ukraine's coach."
    )
    found = {p.name: (p.country, p.country_stated) for p in _persons(text)}
    assert found["Pavel Orlov"] == ("RUS", True)
    assert found["Taras Hlib"][1] is False  # implied (or none), never stated
    assert found["Greg Rusedski"][1] is False  # "The American could meet": not his title


def test_persons_father_and_son_and_relatives_are_two_persons() -> None:
    text = (
        "Robert Haldane Sr, the father of Senator Robert Haldane Jr, met Michael Collins. "
        "Michelle Collins, his sister, and Joseph R. Biden, Jr. were there. Haldane spoke."
    )
    names = [p.name for p in _persons(text)]
    assert "Robert Haldane Sr" in names and "Robert Haldane Jr" in names
    assert "Michael Collins" in names and "Michelle Collins" in names
    assert "Joseph R. Biden, Jr" in names


def test_persons_compound_given_names_and_elect_titles() -> None:
    text = (
        "Kyiv, 11 February 2022 (XYZ): The minister had a phone conversation with "
        "Jean-Charles Delorme-Vasseur. President Biden welcomed President-elect Edmundo "
        "Ruiz Urrutia of Venezuela."
    )
    people = {p.name: p.role for p in _persons(text)}
    assert "Jean-Charles Delorme-Vasseur" in people
    assert people["Edmundo Ruiz Urrutia"] == "president-elect"


def test_persons_labels_agreements_places_and_wire_companies_are_not_persons() -> None:
    text = (
        "WASHINGTON, March 5 - The Reagan administration backed the Abraham Accords and the "
        "Traffic Coordination System near Thomas Shoal, said an analyst at <James Capel and "
        "Co>, Lance Cpl Joseph Scott of the Marines, and President Ronald Reagan."
    )
    names = sorted(p.name for p in _persons(text))
    assert names == ["Joseph Scott", "Ronald Reagan"]
    assert [p.name for p in _persons("The Reagan administration said so.")] == []


def test_persons_an_apostrophe_inside_a_name_but_not_a_possessive() -> None:
    text = (
        "Baghdad, 15 April 2024 (XYZ): Prime Minister Ali Shia’a Al-Amri of Iraq met Biden's aides."
    )
    assert _flat(text)[0][:3] == ("Ali Shia’a Al-Amri", "prime minister", "IRQ")


def test_persons_a_title_before_the_next_name_is_not_an_apposition() -> None:
    text = (
        "Sochi, 23 November 2021 (XYZ): Sochi will host talks between Ivan Petrov, President "
        "of Azerbaijan Ilham Aliyev and Prime Minister of Armenia Nikol Pashinyan. Ian "
        "Shepherd, chief US economist at High Frequency Economics, said so."
    )
    people = {p.name: (p.role, p.country) for p in _persons(text)}
    assert people["Ivan Petrov"][0] is None  # not "president of azerbaijan ilham aliyev ..."
    assert people["Ilham Aliyev"] == ("president", "AZE")
    assert people["Ian Shepherd"][0] == "chief economist"  # a firm after "at" is no name;
    # the state is cut from the role after a modifier too ("chief US economist")


def test_persons_titles_in_a_state_first_ladies_and_a_second_family_name() -> None:
    text = (
        "Kyiv, 27 May 2022 (XYZ): First Lady Olena Marchuk met with UNICEF Representative in "
        "Ukraine Murat Sahin. He was home secretary in John Major's government. President "
        "Claudia Ruiz Pardo of Mexico spoke; Claudia Ruiz thanked the Adam Smith Lecture."
    )
    people = {p.name: p for p in _persons(text)}
    assert people["Olena Marchuk"].role == "first lady"
    assert (people["Murat Sahin"].role, people["Murat Sahin"].serves_organization) == (
        "unicef representative",
        True,
    )
    assert people["John Major"].role is None  # "home secretary in X's government" is not X's
    assert "Claudia Ruiz" in people["Claudia Ruiz Pardo"].aliases


def test_persons_a_longer_patronymic_form_is_the_same_person() -> None:
    text = (
        "Readout of the Minister's Meeting with Vice Minister Khalid bin Saud\n"
        "July 6, 2021\n\n"
        "The minister met today with Vice Minister Khalid bin Saud bin Abdulaziz Al-Faisal."
    )
    people = {p.name: p.aliases for p in _persons(text)}
    assert people == {"Khalid bin Saud bin Abdulaziz Al-Faisal": ("Khalid bin Saud",)}


def test_persons_title_modifiers_keep_the_possessive_state() -> None:
    """ "Chile's new trade minister": a lowercase modifier inside a title does not end it,
    so the state stays the title's; "new" says when, "former" and "acting" say what."""
    text = (
        "Lisbon, 3 May 2023\n"
        "Peruvian Foreign Minister Ana Cecilia Gervasi met Chile's new trade minister, "
        "Mr Tomas Riveros, and Bolivia's acting foreign minister Rosa Quispe. Argentina's "
        "former economy minister, Lucas Ferrante, was also present."
    )
    assert _flat(text)[1:] == [
        ("Tomas Riveros", "trade minister", "CHL", None),
        ("Rosa Quispe", "acting foreign minister", "BOL", None),
        ("Lucas Ferrante", "former economy minister", "ARG", None),
    ]


def test_persons_demonyms_and_capitals_of_smaller_states() -> None:
    """The lexicon knows the demonyms of states beyond the usual few ("Guatemalan",
    "Ivorian", "Nepalese") and their capitals."""
    text = (
        "Kigali, 3 May 2023\nGuatemalan Foreign Minister Ana Sofia Reyes met Ivorian Trade "
        "Minister Kouame Bamba and Nepalese Ambassador Ram Thapa."
    )
    assert [(name, country) for name, _, country, _ in _flat(text)] == [
        ("Ana Sofia Reyes", "GTM"),
        ("Kouame Bamba", "CIV"),
        ("Ram Thapa", "NPL"),
    ]


def test_persons_legislators_abbreviated_titles_and_party_labels() -> None:
    """ "Sen." and "Rep." give the role; "a Missouri Democrat" after the name is no person;
    the EU's possessive title is cut once ("The EU's chief negotiator")."""
    text = (
        "Washington, 3 May 1987\nSen. Lloyd Bentsen and Rep. Richard Gephardt, a Missouri "
        "Democrat, met. The EU's chief negotiator, Michel Barnier, was there. Sen. Booker "
        "joined them."
    )
    assert [(name, role) for name, role, _, _ in _flat(text)] == [
        ("Lloyd Bentsen", "senator"),
        ("Richard Gephardt", "representative"),
        ("Michel Barnier", "chief negotiator"),
        ("Booker", "senator"),  # a surname that is also a word: the title makes it a name
    ]


def test_persons_hyphenated_title_after_the_name() -> None:
    """ "X, director-general of the WTO,": a lowercase hyphenated title in apposition is
    the role, and an official of an organization has no state."""
    text = "Geneva, 3 May 2023\nRoberto Azevedo, director-general of the WTO, said trade fell."
    assert _flat(text) == [("Roberto Azevedo", "director-general of the wto", None, None)]


def test_persons_state_acted_on_is_not_the_persons_state() -> None:
    """ "X ... will ask Japan to open its market": a state the person acts on is not theirs;
    the dateline's state is the guess left."""
    text = (
        "WASHINGTON, April 8 1987\nAgriculture Secretary Richard Lyng, who is due to visit "
        "Japan for talks, has said he will ask Japan to open its market."
    )
    assert _flat(text) == [("Richard Lyng", "agriculture secretary", "USA", None)]


def test_persons_honorific_before_a_title_is_no_name() -> None:
    """ "Mr Federal Chancellor": an address by title, no person named."""
    text = "Moscow, 3 May 2023\nMr Federal Chancellor, welcome to Moscow."
    assert _flat(text) == []


def test_persons_list_of_names_each_with_its_state_in_brackets() -> None:
    """ "by Lubomir Rehak (Slovak Republic), Dang Minh Khoi (Vietnam), ...": in such a list
    the bracket marks a person and gives their state; one bracket alone proves nothing."""
    text = (
        "Moscow, 3 May 2022\nCredentials were presented by Lubomir Rehak (Slovak Republic), "
        "Dang Minh Khoi (Socialist Republic of Vietnam) and Maju Kake (Republic of Guinea).\n"
        "Shares of Toyota Motor (Japan) rose."
    )
    assert [(name, country) for name, _, country, _ in _flat(text)] == [
        ("Lubomir Rehak", "SVK"),
        ("Dang Minh Khoi", "VNM"),
        ("Maju Kake", "GIN"),
    ]


@pytest.mark.parametrize(("year", "state"), [(1987, "SUN"), (2005, "RUS")])
def test_persons_implied_by_a_place_get_its_state_of_the_time(year: int, state: str) -> None:
    text = "MOSCOW, April 13 - Deputy minister Oleg Sidorov said the talks went well."
    [(_name, _role, country, _posted)] = _dated(text, dt.date(year, 4, 13))
    assert country == state


def test_persons_a_father_s_name_in_a_patronymic_is_not_the_person_s() -> None:
    text = (
        "Biden met King Salman and then Crown Prince Mohammed bin Salman in Jeddah. "
        "Mohammed bin Salman spoke first. Ben Wood, an adviser, took notes; Wood said little."
    )
    names = sorted(p[0] for p in _flat(text))
    assert "Salman" in names and "Mohammed bin Salman" in names
    assert "Ben Wood" in names and "Wood" not in names


def test_persons_a_titled_surname_of_a_known_holder_is_not_a_relative() -> None:
    """ "President Reagan" in 1987 is Ronald Reagan, not "Nancy Reagan" of the same text, and
    a later bare "Reagan" is the president again."""
    text = (
        "President Reagan and his wife Nancy Reagan will visit Italy in June, and Reagan "
        "will then fly to Bonn."
    )
    people = {name: role for name, role, _country, _posted in _dated(text, dt.date(1987, 3, 4))}
    assert people.get("Reagan") == "president" and "Nancy Reagan" in people


def test_persons_roles_keep_the_words_that_make_another_office() -> None:
    """The role is the office as stated: "Acting" and "Federal" are part of it, "new" is
    not; clergy's titles are roles too."""
    text = (
        "Minsk, 2 September 2022 - Acting President Ivan Petrov met Federal Chancellor Karl "
        "Lindner and the new Foreign Minister Anna Berg. Rabbi Sarah Stein and Imam Omar Haddad "
        "also attended."
    )
    roles = {name: role for name, role, _country, _posted in _flat(text)}
    assert roles["Ivan Petrov"] == "acting president"
    assert roles["Karl Lindner"] == "federal chancellor"
    assert roles["Anna Berg"] == "foreign minister"
    assert roles["Sarah Stein"] == "rabbi" and roles["Omar Haddad"] == "imam"


@pytest.mark.parametrize(
    ("role", "office"),
    [
        ("Acting Federal Chancellor", "chancellor"),
        ("Secretary of State", "foreign minister"),
        ("former president", "former president"),
        ("presidential aide", "presidential aide"),
        (None, None),
    ],
)
def test_office_of_a_role_as_stated(role: str | None, office: str | None) -> None:
    """Meetings read who is "the Chancellor" or who leads a state by office, not wording."""
    assert office_of(role) == office


def test_persons_compound_offices_keep_their_words_and_spelling() -> None:
    """ "Assistant Secretary", "Attorney General" are offices ("General" is no honorific
    here); "National Security Adviser" keeps its spelling; "under" opens no title."""
    text = (
        "Minsk, 2 September 2022 - Assistant Secretary Brian Novak, Attorney General Maria "
        "Lopes and National Security Adviser Tom Reid met officials. The bill passed under "
        "Senator Jane Dove."
    )
    roles = {name: role for name, role, _country, _posted in _flat(text)}
    assert roles["Brian Novak"] == "assistant secretary"
    assert roles["Maria Lopes"] == "attorney general"
    assert roles["Tom Reid"] == "national security adviser"
    assert roles["Jane Dove"] == "senator"


def test_persons_a_department_named_with_and_stays_in_the_title() -> None:
    """ "Minister of Justice and Law X": one office; a transcript's "Economy Minister[X]"
    and a name's initial ("Secretary of Commerce C. X") do not break the title."""
    text = (
        "Minsk, 2 September 2022 - He met Minister of Justice and Law Nestor Ivan Osuna, "
        "Secretary of Commerce C. William Vance and Foreign Minister Sergei Orlov and "
        "Defence Minister Pavel Gromov. Vladimir Putin: Economy Minister[Maxim Sokolov] spoke."
    )
    roles = {name: role for name, role, _country, _posted in _flat(text)}
    assert roles["Nestor Ivan Osuna"] == "minister of justice and law"
    assert roles["William Vance"] == "secretary of commerce"
    assert roles["Sergei Orlov"] == "foreign minister"
    assert roles["Pavel Gromov"] == "defence minister"
    assert roles["Maxim Sokolov"] == "economy minister"


@pytest.mark.parametrize(
    ("short", "full", "same"),
    [
        ("Jake Sullivan", "Jacob Sullivan", True),
        ("Liz Truss", "Elizabeth Truss", True),
        ("Dave Collins", "David Collins", True),
        ("Jane Doe", "John Doe", False),
    ],
)
def test_a_short_given_name_is_the_full_one(short: str, full: str, same: bool) -> None:
    """The news's short forms (given_name_variants.csv): "Jake" is "Jacob"."""
    assert same_given_name(short, full) is same


def test_persons_headings_and_hyphenated_titles_are_no_names() -> None:
    """A fact sheet's heading that opens with a gerund is no speaker label, and "Mr
    Secretary-General" is an address, not a person."""
    text = (
        "Strengthening Maritime Cooperative Activities: the two states increased their "
        "cooperation.\n\nVladimir Putin: Mr Secretary-General, I am glad to see you."
    )
    assert [p[0] for p in _flat(text)] == ["Vladimir Putin"]


def test_persons_a_surname_after_a_department_title_is_a_person() -> None:
    """ "Secretary of Commerce Raimondo": the department ends the title, the surname is the
    person; "Minister for National Development Planning" names no one."""
    text = (
        "Minsk, 2 September 2022 - Secretary of Commerce Raimondo, Treasurer Paul Keating and "
        "Infrastructure Coordinator Landrieu met Sri Indrawati, State Minister for National "
        "Development Planning."
    )
    roles = {name: role for name, role, _country, _posted in _flat(text)}
    assert roles["Raimondo"] == "secretary of commerce"
    assert roles["Paul Keating"] == "treasurer"
    assert roles["Landrieu"] == "infrastructure coordinator"
    assert "Planning" not in roles


def test_persons_an_expert_or_researcher_in_apposition_has_that_role() -> None:
    text = "Minsk, 2 September 2022 - He met Damon Wiley, an American expert, on Friday."
    assert _flat(text) == [("Damon Wiley", "expert", None, None)]  # speaks for no state


def test_persons_headings_before_a_colon_and_headline_verbs_are_no_names() -> None:
    """A run before a colon is a speaker label when it reads as a name ("Yury Orlov:"), not
    a fact sheet's heading ("Cancer Moonshot:"); a headline's verb ends a name ("Vice
    President Harris Announces Initiatives")."""
    text = (
        "FACT SHEET: Vice President Harris Announces Initiatives to Advance Trade\n"
        "March 31, 2023\n\nCancer Moonshot: the two states will invest.\n\n"
        "Star Wars: a film.\n\nYury Orlov: We discussed it."
    )
    names = sorted(p[0] for p in _flat(text))
    assert names == ["Harris", "Yury Orlov"]


def test_persons_attaches_chairpersons_and_named_formulas() -> None:
    """ "Defense Attaché X" is an office; "Madam Chairperson" and "the Steinmeier Formula"
    name no one; "Winnipeg Commodity Exchange" is a body."""
    text = (
        "Minsk, 3 November 2021 - He met US Defense Attaché Brittany Stone. Madam "
        "Chairperson, I thank you. The Frank-Walter Steinmeier Formula was discussed, a "
        "Winnipeg Commodity Exchange spokesman said."
    )
    people = {name: role for name, role, _country, _posted in _flat(text)}
    assert people.get("Brittany Stone") == "defense attaché"
    assert not {
        "Chairperson",
        "Frank-Walter Steinmeier Formula",
        "Winnipeg Commodity Exchange",
    } & set(people)


def test_persons_senior_and_central_bank_stay_in_the_role() -> None:
    text = (
        "Minsk, 2 September 2022 - Senior Official Anna Berg met him. Brazil's central bank "
        "governor Francisco Gros said so."
    )
    roles = {name: role for name, role, _country, _posted in _flat(text)}
    assert roles["Anna Berg"] == "senior official"
    assert roles["Francisco Gros"] == "central bank governor"


def test_persons_administrators_lawmakers_and_activists_have_roles() -> None:
    text = (
        "Washington, 6 April 2022 - FHWA Administrator Shailen Bhatt met them. Democratic "
        "lawmaker Freddie Lim and human rights activist Masih Alinejad spoke."
    )
    roles = {name: role for name, role, _country, _posted in _flat(text)}
    assert roles["Shailen Bhatt"] == "fhwa administrator"  # the body, as stated
    assert roles["Freddie Lim"] == "democratic lawmaker" and roles["Masih Alinejad"] == "activist"


def test_persons_a_state_in_an_all_capital_headline_is_read() -> None:
    """ "VENEZUELA FINANCE MINISTER TO SEEK CREDIT": the wire headline names the minister's
    state, which the body does not repeat."""
    text = (
        "VENEZUELA FINANCE MINISTER TO SEEK JAPANESE CREDIT\n27-APR-1987\n\nFinance minister "
        "Manuel Azur said he will visit Japan in mid-May to meet Japanese bankers."
    )
    assert {name: country for name, _role, country, _posted in _flat(text)} == {
        "Manuel Azur": "VEN"
    }


def test_persons_bill_is_a_given_name_and_a_department_is_no_title() -> None:
    """ "Bill Clinton", "Administrator Bill Nelson": Bill is a given name; "the Finance Bill"
    is a law (a department word right before a word is no title of a person)."""
    text = (
        "Washington, 6 April 2022 - Former President Bill Clinton and NASA Administrator Bill "
        "Nelson spoke. A shortened Finance Bill would have to be rushed through Parliament."
    )
    people = {name: role for name, role, _country, _posted in _flat(text)}
    assert people == {"Bill Clinton": "former president", "Bill Nelson": "nasa administrator"}


def test_persons_a_monarch_named_by_given_name_is_the_holder_of_the_time() -> None:
    """ "King Salman", "Sultan Haitham", "Emir Tamim": monarchs are named by their given
    name, and a given name with the office finds the curated holder in office at the
    article's date; "Abdullah II" is not "Abdullah bin Abdulaziz"."""
    text = "King Salman received Sultan Haitham in Jeddah on Monday."
    assert _dated(text, dt.date(2023, 5, 8)) == [
        ("Salman", "king", "SAU", None),
        ("Haitham", "sultan", "OMN", None),
    ]
    later = "Emir Tamim welcomed the delegation of Peru."
    assert _dated(later, dt.date(2023, 5, 8)) == [("Tamim", "emir", "QAT", None)]
    assert [p[2] for p in _dated(later, dt.date(2005, 5, 8))] != ["QAT"]  # not emir yet
    numbered = "King Abdullah II welcomed the delegation of Peru."
    assert [p[2] for p in _dated(numbered, dt.date(2010, 5, 8))] != ["SAU"]


def test_persons_an_undated_namesake_of_a_holder_gets_no_state() -> None:
    """Without the article's date, "Phil Davis" is not "Philip Davis" (a Bahamian prime
    minister) unless the state or the office agrees; the holder's own name still is."""
    assert _dated("Phil Davis sang at the festival on Friday.", None) == [
        ("Phil Davis", None, None, None)
    ]
    assert _dated("Philip Davis said the talks went well.", None) == [
        ("Philip Davis", None, "BHS", None)
    ]
    named = "Phil Davis said the Bahamas would sign the deal."
    assert _dated(named, None) == [("Phil Davis", None, "BHS", None)]


def test_persons_two_bare_capitals_between_name_words_are_initials() -> None:
    """ "Foreign Minister Retno LP Marsudi", "Lt General MU Nair": initials without dots
    inside a name; a company's form is none ("Deutsche Finance NV Curacao")."""
    assert _flat("Foreign Minister Retno LP Marsudi spoke to reporters.") == [
        ("Retno LP Marsudi", "foreign minister", "IDN", None)
    ]
    assert [p.name for p in _persons("Deutsche Finance NV Curacao is issuing a bond.")] == []


def test_persons_a_quoted_nickname_inside_a_name_is_an_alias() -> None:
    """'President Ivan "Vanya" Petrov': one person, Ivan Petrov, also called Vanya (a later
    "Vanya" is him)."""
    text = 'President Ivan "Vanya" Petrov of Belarus met the press. Vanya said the talks went well.'
    assert [(p.name, p.role, p.country, p.aliases) for p in _persons(text)] == [
        ("Ivan Petrov", "president", "BLR", ("Vanya",))
    ]


def test_persons_courtesy_titles_are_neither_name_nor_office() -> None:
    """South Asian and Commonwealth courtesy titles ("Shri", "Smt.", "H.E. Mr.") stand
    between the office and the name: not part of either."""
    text = (
        "Prime Minister Shri Arun Mehta held talks with President of Chile H.E. Mr. Pablo "
        "Rojas. Smt. Kavita Rao, Minister of External Affairs, joined them."
    )
    assert [(p.name, p.role) for p in _persons(text)] == [
        ("Arun Mehta", "prime minister"),
        ("Pablo Rojas", "president"),
        ("Kavita Rao", "minister of external affairs"),
    ]


def test_persons_a_generic_head_before_an_ordinary_word_is_no_title() -> None:
    """ "Chief Guest", "Chief Passport Officer": a compound noun, not "Chief" + a surname;
    initials before a surname stay the name's ("K. J. Menon")."""
    text = (
        "President Pablo Rojas was Chief Guest at the parade. Chief Passport Officer "
        "K. J. Menon briefed reporters."
    )
    assert [p.name for p in _persons(text)] == ["Pablo Rojas", "K. J. Menon"]


def test_persons_family_names_in_capitals_come_first_in_official_style() -> None:
    """Japan's ministries write "Mr. KISHIMOTO Haruto": a Japanese name is given in the order
    of English news, with the written form as an alias; a Chinese or Korean one ("Mr. ZHANG
    Wei") keeps its family name first; a heading's capitals are no name."""
    text = (
        "Minister for Foreign Affairs KISHIMOTO Haruto held a meeting with Mr. ZHANG Wei, "
        "Minister of Commerce of China. NATO Secretary General Olaf Lind was present."
    )
    found = {p.name: p.aliases for p in _persons(text)}
    assert found["Haruto Kishimoto"] == ("KISHIMOTO Haruto",)
    assert "Zhang Wei" in found and "Olaf Lind" in found
    assert not any("Nato" in name for name in found)


def test_persons_an_unknown_given_name_after_a_title_and_a_middle_sheikh() -> None:
    """ "President Mokgale Eric Tau": after a title, an unknown first given name before a
    known one is the name's (without a title, "Saracens Andy Goode" is a club and a player);
    "Hassan Sheikh Mohamud": "Sheikh" between names is a name word."""
    text = (
        "His Excellency President Mokgale Eric Tau met President Hassan Sheikh Mohamud. "
        "Saracens Andy Goode scored."
    )
    names = [p.name for p in _persons(text)]
    assert "Mokgale Eric Tau" in names and "Hassan Sheikh Mohamud" in names
    assert "Andy Goode" in names


def test_persons_a_titled_given_name_is_the_full_name_it_starts() -> None:
    """ "Minister Retno", "Prime Minister Srettha": some states style officials by the given
    name; it joins the one full name of the article that starts with it."""
    text = (
        "Foreign Minister Retno Marsudi met Penny Wong in Jakarta. With Minister Retno, "
        "she discussed trade."
    )
    assert [(p.name, p.aliases) for p in _persons(text)] == [
        ("Retno Marsudi", ("Retno",)),
        ("Penny Wong", ()),
    ]


def test_persons_a_titled_given_name_is_the_article_s_holder_before_a_curated_one() -> None:
    """ "President Hassan Sheikh" after "Somalia's President Hassan Sheikh Mohamud" is him,
    though a curated president of another state is called Hassan."""
    text = (
        "Mogadishu, 5 September 2022 - Somalia's President Hassan Sheikh Mohamud met WFP "
        "Executive Director David Beasley. President Hassan Sheikh thanked the agency."
    )
    found = {p.name: (p.country, p.aliases) for p in _persons(text)}
    assert found["Hassan Sheikh Mohamud"] == ("SOM", ("Hassan",))
    assert "Samia Suluhu Hassan" not in found and "Hassan" not in found


def test_persons_the_particle_den_is_part_of_a_name() -> None:
    text = "Pieter Van den Broeck, a former diplomat, and Sandra den Hamer, a director, spoke."
    assert [p.name for p in _persons(text)] == ["Pieter Van den Broeck", "Sandra den Hamer"]


def test_persons_chinese_names_spelled_like_words_after_a_title() -> None:
    """ "Vice Premier He Lifeng" (not the pronoun), "Vice Premier Ding Xuexiang" (not a
    heading's "-ing" word), "former Vice Premier Liu He" (a short family name first)."""
    text = (
        "Vice Premier He Lifeng held talks with Janet Yellen. Vice Premier Ding Xuexiang "
        "met Ngozi Okonjo-Iweala. She also met former Vice Premier Liu He. He said so."
    )
    names = [p.name for p in _persons(text)]
    assert {"He Lifeng", "Ding Xuexiang", "Liu He"} <= set(names)


def test_persons_a_gulf_ruler_named_by_office_and_given_name_is_the_holder() -> None:
    """ "President Sheikh Mohamed" of the UAE in 2024 is Mohamed bin Zayed, not Mohammed bin
    Rashid whom the article also names: the curated holder of that office, by full name
    (the tables cannot tell him from the word alone)."""
    text = (
        "Abu Dhabi, 14 February 2024: President Sheikh Mohamed held talks with Narendra Modi. "
        "In Dubai Modi also met Sheikh Mohammed bin Rashid, Vice President and Ruler of "
        "Dubai. Sheikh Mohamed welcomed the visit."
    )
    names = [row[0] for row in _dated(text, dt.date(2024, 2, 14))]
    assert "Mohamed bin Zayed Al Nahyan" in names and "Mohammed bin Rashid" in names


def test_persons_initial_joined_to_the_name_mongolian_style() -> None:
    text = (
        "Minister of Foreign Affairs of Mongolia T.Dorjsuren received the Ambassador of "
        "Japan. President of Mongolia B.Altangerel thanked him. The U.S. envoy was absent."
    )
    found = {p.name: (p.role, p.country, p.aliases) for p in _persons(text)}
    assert found == {
        "T. Dorjsuren": ("minister of foreign affairs", "MNG", ("T.Dorjsuren",)),
        "B. Altangerel": ("president", "MNG", ("B.Altangerel",)),
    }


def test_persons_a_verb_between_demonym_and_name_states_nothing() -> None:
    text = (
        "Foreign Minister Ivan Petrov spoke in Minsk. The Polish minister briefed Petrov on "
        "his tour. British hurdler Sarah Claxton won."
    )
    article = Article(article_id="t", source="t.txt", text=text, sha256="")
    found = {p.name: (p.country, p.country_stated) for p in extract_persons(analyze(article))}
    assert found["Sarah Claxton"] == ("GBR", True)
    assert found["Ivan Petrov"] != ("POL", True)  # at most implied by the sentence's state


def test_persons_a_son_named_after_his_father_is_another_person() -> None:
    # "Al Hussein bin Abdullah II" holds the king's name as his father's, not his own;
    # "His Majesty", "His Royal Highness" and "Sayyid" are courtesies, never names
    text = (
        "His Majesty King Abdullah II received the envoy in the presence of His Royal Highness "
        "Crown Prince Al Hussein bin Abdullah II. Director of the Office of His Majesty Omar "
        "Khalil attended. Sayyid Faris bin Tarik Al Said, the deputy minister, also attended."
    )
    names = {p.name for p in _persons(text)}
    assert "Abdullah II" in names and "Omar Khalil" in names
    assert any(n.endswith("Hussein bin Abdullah II") for n in names)
    assert "Faris bin Tarik Al Said" in names


def test_persons_an_unknown_given_name_before_bin_is_kept() -> None:
    # the known "Zayed" after "bin" is the father's name, no place to cut the name
    text = "Sheikh Tahnoun bin Zayed Al Nahyan, National Security Advisor, met the delegation."
    assert [p.name for p in _persons(text)] == ["Tahnoun bin Zayed Al Nahyan"]


def test_persons_a_second_surname_the_curated_holder_lacks() -> None:
    # the curated "José Manuel Albares" (Spain's foreign minister since 2021) is the holder
    # of "José Manuel Albares Bueno": his office and state are implied by the table
    text = (
        "Rabat, May 16, 2024 - Moroccan Foreign Minister Nasser Bourita held talks with "
        "Minister of Foreign Affairs, European Union and Cooperation, José Manuel Albares Bueno."
    )
    article = Article(
        article_id="t", source="t.txt", text=text, sha256="", published_date=dt.date(2024, 5, 16)
    )
    doc = analyze(article)
    found = {p.name: p.country for p in imply_states(doc, extract_persons(doc))}
    assert found["José Manuel Albares Bueno"] == "ESP"


def test_persons_a_seat_after_at_is_no_state_of_the_title_that_follows() -> None:
    text = "The President received at the Kremlin Chinese Foreign Minister Wang Yi on Monday."
    [wang] = _persons(text)
    assert (wang.name, wang.country) == ("Wang Yi", "CHN")


def test_persons_malaysian_courtesy_titles_are_no_names() -> None:
    text = "Deputy Prime Minister Datuk Seri Utama Ahmad Zahid Hamidi met the delegation."
    assert [p.name for p in _persons(text)] == ["Ahmad Zahid Hamidi"]


def test_persons_a_day_ends_a_title_phrase() -> None:
    text = (
        "Kuleba recalled the visit to Kyiv on Tuesday of U.S. Secretary of State Antony "
        "Blinken, who held talks with Zelensky."
    )
    found = {p.name: (p.role, p.country) for p in _persons(text)}
    assert found["Antony Blinken"] == ("secretary of state", "USA")


def _facts(text: str) -> dict[str, str | None]:
    from diplodata.ingest.articles import article_from_text

    return {p.name: p.country for p in extract_article(article_from_text(text, "t.txt")).persons}


def test_persons_an_undated_dateline_is_the_state_of_persons_the_text_does_not_place() -> None:
    # "CITY: " opens the lead (South Asian and Gulf papers); the person with no state
    # named anywhere near is the dateline's, as with "CITY, March 5 -", not the state the
    # article names most
    text = (
        "Talks\nMarch 5, 2024\n\nNEW DELHI: Commerce Minister Ravi Menon opened a fair on "
        "Monday.\n\nJapan sent the most exhibitors, and Japanese firms signed deals."
    )
    assert _facts(text)["Ravi Menon"] == "IND"


def test_persons_the_host_met_by_a_guest_is_of_the_dateline_not_of_the_guest() -> None:
    # the guest's state stands nearest to the host in the sentence; an encounter has two
    # sides, so the host is the dateline's
    text = (
        "Visit\nFebruary 8, 2024\n\nNEW DELHI: Bangladesh's Foreign Minister Hasan Mahmud "
        "met National Security Adviser Ajit Doval on Wednesday evening."
    )
    facts = _facts(text)
    assert (facts["Hasan Mahmud"], facts["Ajit Doval"]) == ("BGD", "IND")


def test_persons_two_officials_of_the_dateline_state_stay_of_it() -> None:
    # met by his own state's official at home: still the dateline's state
    text = (
        "Meeting\nMay 3, 2023\n\nMOSCOW, May 3 - Russian President Vladimir Putin met "
        "Health Minister Mikhail Murashko on Wednesday to discuss hospitals in Kazakhstan."
    )
    assert _facts(text)["Mikhail Murashko"] == "RUS"


def test_persons_jan_after_a_title_is_a_given_name_not_january() -> None:
    text = "Foreign Minister Jan Petersen met Prime Minister Jan Peter Balkenende in Oslo."
    assert [p.name for p in _persons(text)] == ["Jan Petersen", "Jan Peter Balkenende"]


def test_persons_jan_inside_a_programme_name_starts_no_person() -> None:
    text = "The Pradhan Mantri Jan Arogya Yojana scheme covers 500 million people in India."
    assert all("Jan" not in p.name for p in _persons(text))


def test_persons_an_office_of_a_named_foreigner_is_no_state_of_an_unplaced_holder() -> None:
    # "the Minister of Foreign Affairs of the Russian Federation, Sergey Lavrov" names
    # Lavrov's state, not the state of every foreign minister of the article; the host who
    # received him in Oslo is Norway's
    text = (
        "Talks in Oslo\n22 November 2004\n\nForeign Minister Ola Nordmann received the "
        "Minister of Foreign Affairs of the Russian Federation, Sergey Lavrov, at the ministry "
        "in Oslo today. Russian Foreign Minister Lavrov then left."
    )
    facts = _facts(text)
    assert (facts["Ola Nordmann"], facts["Sergey Lavrov"]) == ("NOR", "RUS")


def test_persons_a_title_between_two_names_belongs_to_the_first() -> None:
    # "A, President of X, B, President of Y": each name's apposition follows it
    text = (
        "At the invitation of H.E. Roh Moo-hyun, President of the Republic of Korea, H.E. "
        "Nursultan Nazarbayev, President of the Republic of Kazakhstan, is paying a visit."
    )
    assert [(p.name, p.country) for p in _persons(text)] == [
        ("Roh Moo-hyun", "KOR"),
        ("Nursultan Nazarbayev", "KAZ"),
    ]


def test_persons_a_city_one_departs_for_is_no_state_of_the_traveller() -> None:
    # a numeric dateline ("Marrakech, 15/01/2001 (MAP) -") places the host; "before his
    # departure for Tunis" is where the guest goes next
    text = (
        "Visit\n15/01/2001\n\nMarrakech, 15/01/2001 (MAP) - The visitor was received today.\n\n"
        "Prime Minister Karim Alaoui will host a luncheon on Tuesday for the visitor, before "
        "his departure for Tunis."
    )
    assert _facts(text)["Karim Alaoui"] == "MAR"


@pytest.mark.parametrize(
    ("text", "name", "state"),
    [
        ("Blinken met Foreign Minister Israel Katz on Monday.", "Israel Katz", "ISR"),
        (
            "Asselborn received the Minister of Foreign Affairs of Montenegro, Milan Roćen, "
            "on Monday.",
            "Milan Roćen",
            "MNE",
        ),
    ],
)
def test_persons_a_place_name_that_is_a_given_name_after_a_title(
    text: str, name: str, state: str
) -> None:
    # a state or city written as a given name before a surname, after an office or an
    # apposition's comma, is part of the person's name, not a place of the sentence
    found = {p.name: p.country for p in _persons(text)}
    assert found.get(name) == state


def test_persons_a_place_before_a_common_word_stays_a_place() -> None:
    text = "Foreign Minister Ivan Petrov said the Israel Defense Forces left the Milan Fair."
    doc = analyze(Article(article_id="t", source="t.txt", text=text, sha256=""))
    extract_persons(doc)
    assert [c.code for c in doc.countries] == ["ISR", "ITA"]


def test_persons_the_ipu_secretary_general_serves_no_state() -> None:
    text = (
        "Hanoi (VNA) - Chairwoman Nguyen Thi Kim Ngan received Secretary General of the "
        "Inter-Parliamentary Union (IPU) Martin Chungong in Hanoi on December 4."
    )
    found = {p.name: p.country for p in _persons(text)}
    assert found["Martin Chungong"] is None


def test_persons_a_delegation_of_a_state_is_its_leaders_not_the_hosts() -> None:
    # the state after "held talks with a delegation of" is the other side's; the
    # delegation's leader named after it is of that state
    text = (
        "Talks\nDecember 4, 2019\n\nHanoi (VNA) - Vice Chairwoman Tran Thi Mai held talks with "
        "a delegation of the Lao National Assembly led by its Vice Chairman Bounlieng Sisavath."
    )
    facts = _facts(text)
    assert (facts["Tran Thi Mai"], facts["Bounlieng Sisavath"]) == ("VNM", "LAO")


def test_persons_a_dotted_honorific_keeps_an_unknown_first_given_name() -> None:
    # "Mr." ends a run of capitalized words at its period; the unknown "Abul" still follows
    # an honorific, so the name is not cut at the first known given name ("Hassan")
    text = "The delegation was led by Foreign Minister Mr. Abul Hassan Mahmood Ali on Monday."
    assert [p.name for p in _persons(text)] == ["Abul Hassan Mahmood Ali"]


def test_persons_a_lowercase_ministry_title_joined_by_and_the() -> None:
    # "the minister of Foreign Affairs and the Portuguese Communities, X": the department's
    # second part after "and the" is still the title
    text = (
        "The President received the Portuguese minister of Foreign Affairs and the "
        "Portuguese Communities, Rui Vaz Correia, who is on a working visit."
    )
    found = {p.name: (p.role, p.country) for p in _persons(text)}
    assert found["Rui Vaz Correia"] == (
        "minister of foreign affairs and the portuguese communities",
        "PRT",
    )


def test_persons_an_office_titled_on_a_name_after_courtesy_words_places_no_other_holder() -> None:
    # "Australian Foreign Minister Senator the Hon Penny Wong": the office is Wong's title,
    # so it does not make the article's other foreign minister Australian
    text = (
        "Consultations\n27 June 2022\n\nForeign Minister Rangi Tane opened the session.\n\n"
        "Australian Foreign Minister Senator the Hon Penny Wong arrived on Monday."
    )
    article = Article(article_id="t", source="t.txt", text=text, sha256="")
    found = {p.name: p.country for p in extract_persons(analyze(article))}
    assert found["Penny Wong"] == "AUS"
    assert found["Rangi Tane"] is None


def test_persons_comrade_is_an_honorific_not_a_given_name() -> None:
    # Soviet-style dispatches: "Comrade(s)" goes before a name and is never part of it
    text = (
        "Present at the talks were Comrades P. K. Dorofeyev, First Deputy Minister of Trade, "
        "and N. S. Volkhov, Minister of Trade. Later Comrade Volkhov visited a factory."
    )
    names = [p.name for p in _persons(text)]
    assert "P. K. Dorofeyev" in names and "N. S. Volkhov" in names
    assert not any("Comrade" in n for n in names)


def test_persons_courtesy_abbreviations_and_headline_verbs_are_not_names() -> None:
    # "Rt Hon" before a name, a plural headline verb after an office word, and the
    # "Secretariat" of a body are not persons
    text = (
        "Pacific Envoys Agree to Renew Fisheries Pact\n\nPrime Minister Rt Hon Moana Tairea "
        "met officials of the State Secretariat for Trade on Monday."
    )
    names = [p.name for p in _persons(text)]
    assert names == ["Moana Tairea"]


def test_persons_the_office_after_a_party_seat_is_the_role() -> None:
    # "X, member of the Politburo of the ... Central Committee, Chairman of ...": the seat in
    # a party body comes first, the office after it is the role, even after a long body name
    text = (
        "Talks began in Moscow today between Pavel Orlov, member of the Politburo of the "
        "CPSU Central Committee, USSR Minister of Foreign Affairs, and Imre Bognar, member "
        "of the Political Bureau of the Central Committee of the Hungarian Socialist "
        "Workers' Party, Chairman of the Council of Ministers of the Hungarian People's "
        "Republic."
    )
    found = {p.name: p.role for p in _persons(text)}
    assert found == {
        "Pavel Orlov": "minister of foreign affairs",
        "Imre Bognar": "chairman of the council of ministers",
    }


def test_persons_a_state_named_by_adjective_and_republic_is_cut_from_the_role() -> None:
    # "of the Polish People's Republic": the state's formal name, not part of the office
    text = "Jan Wrobel, Ambassador of the Polish People's Republic to Austria, spoke on Monday."
    assert _flat(text) == [("Jan Wrobel", "ambassador", "POL", "AUT")]


def test_persons_an_organization_in_a_title_stays_in_the_role() -> None:
    # the role is the office as stated: the organization it heads is part of it (only a
    # possessive "the EU's" is cut), and "General" after "Secretary" is no honorific
    text = (
        "The minister met NATO Secretary General Henrik Dahl and the Secretary-General of "
        "the United Nations, Maria Castell, in Brussels."
    )
    found = {p.name: (p.role, p.country) for p in _persons(text)}
    assert found == {
        "Henrik Dahl": ("nato secretary general", None),
        "Maria Castell": ("secretary-general of the united nations", None),
    }


def test_persons_a_commentators_employer_is_not_part_of_the_role() -> None:
    # "an analyst at a Berlin think tank", "senior economist with the ... Association": the
    # role is the commentator's head noun, the employer after "at"/"with" is dropped
    text = (
        "'It is a signal,' said Karl Mertens, an analyst at a Berlin think tank. Anna Berg, "
        "senior economist with the Nordic Bankers Association, agreed."
    )
    found = {p.name: p.role for p in _persons(text)}
    assert found == {"Karl Mertens": "analyst", "Anna Berg": "senior economist"}


def test_persons_a_place_based_commentator_keeps_the_role_without_based() -> None:
    # "a Beirut-based political analyst": the place and its "-based" are cut together
    text = "'It will pass,' said Omar Haddad, a Beirut-based political analyst, on Monday."
    assert [(p.name, p.role) for p in _persons(text)] == [("Omar Haddad", "political analyst")]


def test_office_of_a_role_in_a_named_organization() -> None:
    # the role keeps the organization as stated; its office is the one it holds there
    assert office_of("nato secretary general") == "secretary general"
    assert office_of("secretary-general of the united nations") == "secretary general"
    assert office_of("president of the european commission") == "president"
    assert office_of("former prime minister") == "former prime minister"


def test_persons_a_surname_ending_in_ing_is_cut_only_in_a_headline() -> None:
    # "... Biden Welcoming ...": a title-case headline's verb is no name; in prose and in a
    # byline a final "-ing" word is the surname ("Pickering", "Ming")
    text = (
        "By Thomas R. Pickering\n\nDeputy Minister Ong Kian Ming led the delegation, and "
        "Thomas R. Pickering, the Ambassador, welcomed it."
    )
    names = [p.name for p in _persons(text)]
    assert "Ong Kian Ming" in names and "Thomas R. Pickering" in names
    assert "Thomas R." not in names and "Ong Kian" not in names


def test_persons_an_organization_an_office_only_sits_in_is_cut() -> None:
    # "Commissioner of the European Communities": the office sits in the organization but
    # does not head it, so the organization is no part of the role
    text = "Karel Vos, Trade Commissioner of the European Communities, said talks would resume."
    assert [(p.name, p.role) for p in _persons(text)] == [("Karel Vos", "trade commissioner")]


def test_persons_the_role_is_the_title_as_stated_not_its_canonical_office() -> None:
    text = (
        "External Affairs Minister Ravi Kannan met Treasury Secretary Joan Miller in Delhi. "
        "Later, PM Arjun Desai joined them."
    )
    roles = {p.name: p.role for p in _persons(text)}
    assert roles["Ravi Kannan"] == "external affairs minister"
    assert roles["Joan Miller"] == "treasury secretary"
    assert roles["Arjun Desai"] == "prime minister"  # an abbreviation is spelled out
    assert office_of(roles["Joan Miller"]) == "finance minister"  # the office, for meetings


def test_persons_a_department_list_with_commas_and_a_state_stays_whole() -> None:
    text = (
        "The president received Minister of Foreign Affairs and Trade of Hungary Lajos Kertesz "
        "and Cabinet Secretary for Mining, Energy and Industry Wanjiku Otieno in the capital."
    )
    roles = {p.name: p.role for p in _persons(text)}
    assert roles["Lajos Kertesz"] == "minister of foreign affairs and trade"
    assert roles["Wanjiku Otieno"] == "cabinet secretary for mining energy and industry"


def test_persons_two_offices_joined_by_and_are_one_role() -> None:
    text = "Deputy Prime Minister and Minister of Foreign Affairs Omar Haddad arrived in Rome."
    (fact,) = _persons(text)
    assert fact.role == "deputy prime minister and minister of foreign affairs"
    assert office_of(fact.role) == "foreign minister"


def test_persons_qualifiers_of_a_lowercase_office_are_kept() -> None:
    text = (
        "Kremlin spokesman Pavel Dorin said the talks were useful. The Turkish political "
        "analyst Selin Kaya disagreed, said presidential spokesman Karim Nabil; "
        "aviation analyst Tomas Berg and the Kenyan energy analyst Amani Njoroge were silent. "
        "Investors said economist Lina Voss was right."
    )
    roles = {p.name: p.role for p in _persons(text)}
    assert roles["Pavel Dorin"] == "kremlin spokesman"
    assert roles["Selin Kaya"] == "political analyst"
    assert roles["Karim Nabil"] == "presidential spokesman"
    assert roles["Tomas Berg"] == "aviation analyst"
    assert roles["Amani Njoroge"] == "energy analyst"
    assert roles["Lina Voss"] == "economist"  # "said" is a verb, no qualifier


def test_persons_a_proper_noun_before_a_lowercase_office_qualifies_it() -> None:
    text = "Meanwhile Sahel analyst Jonas Weber said nothing. Sikh leader Harpal Gill agreed."
    roles = {p.name: p.role for p in _persons(text)}
    assert roles == {"Jonas Weber": "sahel analyst", "Harpal Gill": "sikh leader"}


def test_persons_a_government_seat_before_an_office_stays_in_the_role() -> None:
    text = "White House spokesperson Dana Reyes spoke. Russian President Ivan Sokolov replied."
    assert [(p.role, p.country) for p in _persons(text)] == [
        ("white house spokesperson", "USA"),
        ("president", "RUS"),
    ]


def test_persons_the_and_after_a_determiner_office_joins_two_persons() -> None:
    text = "The plan follows steps taken by the President and Secretary of Defense Mark Dalton."
    assert [p.role for p in _persons(text)] == ["secretary of defense"]


def test_persons_the_last_word_of_a_firm_is_no_qualifier() -> None:
    text = "Harbor Trust Securities analyst Nina Park expects a cut. Rates rose, she said."
    assert [(p.name, p.role) for p in _persons(text)] == [("Nina Park", "analyst")]


def test_persons_a_business_department_and_a_lowercase_qualifier_after_a_sentence_article() -> None:
    text = (
        "Talks went on with the business and trade secretary, Helen Ward. The shadow "
        "business secretary, Owen Blake, objected."
    )
    roles = {p.name: p.role for p in _persons(text)}
    assert roles == {
        "Helen Ward": "business and trade secretary",
        "Owen Blake": "shadow business secretary",
    }


def test_persons_a_scholars_post_in_an_appositive_is_the_role() -> None:
    text = (
        "Tariffs will stay, said Lena Horvath, a senior fellow at a Vienna research "
        "institute. Omar Sayed, a research fellow at the Gulf Policy Forum, agreed. "
        "Jon Berg, a fellow Liberal, did not."
    )
    roles = {p.name: p.role for p in _persons(text)}
    assert roles["Lena Horvath"] == "senior fellow"
    assert roles["Omar Sayed"] == "research fellow"
    assert roles.get("Jon Berg") is None


def test_persons_a_state_named_before_a_commentator_is_their_subject() -> None:
    text = (
        "Talks will drag on, said Mia Holt, a China specialist at a Boston institute. "
        "Turkish analyst Deniz Arslan agreed."
    )
    roles = {p.name: p.role for p in _persons(text)}
    assert roles == {"Mia Holt": "china specialist", "Deniz Arslan": "analyst"}


def test_persons_a_commentator_speaks_for_no_state() -> None:
    text = (
        "Greek political analyst Nikos Vlahos said Athens would wait. Sara Lund, a "
        "professor of law at a Stockholm university, agreed. Greek Foreign Minister Petros "
        "Galanis spoke."
    )
    found = {p.name: (p.role, p.country) for p in _persons(text)}
    assert found == {
        "Nikos Vlahos": ("political analyst", None),
        "Sara Lund": ("professor of law", None),
        "Petros Galanis": ("foreign minister", "GRC"),
    }


def test_persons_a_plural_office_word_before_of_is_a_body_in_the_title() -> None:
    text = "The call included Chairman of the Joint Chiefs of Staff General Paul Hardy."
    assert [p.role for p in _persons(text)] == ["chairman of the joint chiefs of staff"]


def test_persons_secretary_of_state_of_a_country_keeps_of_state() -> None:
    text = "Mr. Daniel Kerr, Secretary of State of the United States, arrived in Lima."
    assert [(p.role, p.country) for p in _persons(text)] == [("secretary of state", "USA")]


def test_persons_a_rank_after_the_office_is_no_part_of_it() -> None:
    text = (
        "Chief Adviser Professor Muhammad Karim met reporters. Spokesman Ambassador Omar "
        "Nabil said so."
    )
    roles = {p.name: p.role for p in _persons(text)}
    assert roles == {"Muhammad Karim": "chief adviser", "Omar Nabil": "spokesman"}


def test_persons_a_one_word_role_takes_the_full_form_another_mention_states() -> None:
    text = (
        "Minister Ortiz visits Seoul\n\n"
        "The Minister of Foreign Affairs, Ana Ortiz, met her hosts on Monday. "
        "Minister Ortiz said the visit went well."
    )
    assert [(p.name, p.role) for p in _persons(text)] == [
        ("Ana Ortiz", "minister of foreign affairs")
    ]


def test_persons_a_department_noun_and_of_never_start_a_title() -> None:
    text = "She praised the tireless work of Deputy Speaker of Parliament Elias Haddad."
    assert [p.role for p in _persons(text)] == ["deputy speaker of parliament"]


def test_persons_a_title_starts_after_a_to_whose_left_side_holds_no_office() -> None:
    text = (
        "He handed the accession papers of the Slovak Republic to the North Atlantic "
        "Treaty to the Secretary of State of the United States, Laura Finch, in person."
    )
    assert [p.role for p in _persons(text)] == ["secretary of state"]


def test_persons_guards_of_joined_offices_ranks_and_sentence_openers() -> None:
    text = (
        "The Vice President and President-elect Rosa Medina spoke. But analyst Tom Reyes "
        "doubted it. General Secretary Pavel Orlov arrived. Executive Secretary Luis Cruz "
        "came."
    )
    roles = {p.name: p.role for p in _persons(text)}
    assert roles == {
        "Rosa Medina": "president-elect",
        "Tom Reyes": "analyst",
        "Pavel Orlov": "general secretary",
        "Luis Cruz": "executive secretary",
    }


def test_persons_an_and_after_a_comma_opens_the_next_conjunct_not_an_apposition() -> None:
    text = (
        "The Minister of Energy, Prince Khalid bin Fahd, and Minister of Foreign Affairs, "
        "Prince Nawaf bin Saad, joined the talks. Guests included Omar Farouk Saleh, and "
        "Minister of Trade, Salim Haddad, came later."
    )
    roles = {p.name: p.role for p in _persons(text)}
    assert roles == {
        "Khalid bin Fahd": "minister of energy",
        "Nawaf bin Saad": "minister of foreign affairs",
        "Omar Farouk Saleh": None,
        "Salim Haddad": "minister of trade",
    }


def test_persons_an_acronym_before_an_office_names_its_body() -> None:
    text = (
        "Readout from NSC Spokesperson Dana Price. ESA Administrator Karl Vogt spoke too. "
        "HE Minister of State Omar Nasser attended."
    )
    roles = {p.name: p.role for p in _persons(text)}
    assert roles == {
        "Dana Price": "nsc spokesperson",
        "Karl Vogt": "esa administrator",
        "Omar Nasser": "minister of state",
    }


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The squad, including captain Jonas Berg, flew home on Monday.", "captain"),
        ("The film casts the brooding king Erik Lund as a villain.", "king"),
        ("The acting president Erik Lund spoke on Monday.", "acting president"),
    ],
)
def test_a_participle_or_adverb_before_a_title_is_no_qualifier(text: str, role: str) -> None:
    assert [p.role for p in _persons(text)] == [role]


def test_persons_a_state_has_one_holder_of_an_office() -> None:
    """The headline's "Foreign Minister of Norway" is the one named as such, not the host."""
    text = (
        "Minister welcomes Foreign Minister of Norway\n"
        "STOCKHOLM, May 3 - The Minister for Foreign Affairs, Anna Lindqvist, today met the "
        "Minister for Foreign Affairs of Norway, Jonas Gahr Store. Norway and Sweden discussed "
        "fisheries."
    )
    doc = analyze(Article(article_id="t", source="t.txt", text=text, sha256=""))
    placed = {p.name: p.country for p in extract_persons(doc)}  # before any guess
    assert placed == {"Anna Lindqvist": None, "Jonas Gahr Store": "NOR"}


def test_persons_an_honorific_after_the_comma_of_a_title_names_its_holder() -> None:
    """ "the Minister of Foreign Affairs of Ghana, H.E. X": the title is X's, not the host's."""
    text = (
        "Courtesy call\n"
        "DAKAR, May 3 - The Minister of Foreign Affairs of Ghana, H.E. Kwame Mensah, paid a "
        "courtesy call on the President. Earlier, he held talks with the Minister for Foreign "
        "Affairs, Hon. Aminata Diallo, at the Ministry."
    )
    states = {p.name: p.country for p in _persons(text)}
    assert states == {"Kwame Mensah": "GHA", "Aminata Diallo": "SEN"}


def test_persons_a_guest_met_at_a_dateline_of_the_hosts_is_of_the_other_state() -> None:
    """Both sides travelled: a San Francisco dateline is not the home of an unplaced
    secretary who met a US official there; the state named most besides the US is."""
    text = (
        "Bilateral talks\nMay 3, 2023\n\n"
        "SAN FRANCISCO, May 3 - Trade Secretary Maria Santos met US Trade Representative "
        "John Miller on Thursday. The Philippines wants more investment, and Philippine "
        "exporters hope the Philippines can sell more fruit."
    )
    facts = _all_facts(text)
    states = {p.name: p.country for p in facts.persons}
    assert states == {"Maria Santos": "PHL", "John Miller": "USA"}
    assert [m.participants for m in facts.meetings] == [("Maria Santos", "John Miller")]


def test_persons_a_holders_surname_that_names_a_place_and_particles() -> None:
    """A curated office holder's full name whose last word is a city ("Ricardo Lagos") is
    the person, while the city alone stays a place; "arap" and "wa" join a name."""
    text = (
        "Talks in Lagos\nMay 3, 2004\n\nPresident Ricardo Lagos met President Daniel arap Moi "
        "and Prime Minister Leon Kengo wa Dondo in Lagos on Monday."
    )
    names = [p.name for p in _persons(text)]
    assert names == ["Ricardo Lagos", "Daniel arap Moi", "Leon Kengo wa Dondo"]


def test_persons_an_unplaced_host_is_of_the_trips_place_named_as_often() -> None:
    """No dateline: a Togolese minister's talks in Accra place the trip; the vice president
    she called on at an unplaced venue, in a sentence naming only Togo, is Ghana's (named
    more than Togo), not Togo's."""
    text = (
        "Visit\nMarch 22, 2017\n\n"
        "Togo's Foreign Minister Ama Dossou held talks with her Ghanaian counterpart Kofi "
        "Boateng in Accra on Tuesday. Ghanaian officials said Ghana would widen trade. The "
        "Togolese minister also paid a courtesy call on Vice President Kwame Asante at the "
        "Castle."
    )
    facts = _all_facts(text)
    states = {p.name: p.country for p in facts.persons}
    assert states["Kwame Asante"] == "GHA"
    assert ("Ama Dossou", "Kwame Asante") in [m.participants for m in facts.meetings]


def test_persons_family_names_first_name_their_holders_alone() -> None:
    """ "Kim" after "Kim Dae-jung" (a short family name before a hyphenated given name) and
    "Jiang" after "Jiang Zemin" (a curated holder of a state that writes the family name
    first) are aliases, not persons apart."""
    text = (
        "Calls\nMarch 20, 1998\n\nPresident Kim Dae-jung spoke with President Jiang Zemin on "
        "Monday. Jiang told Kim that the yuan would hold."
    )
    aliases = {p.name: p.aliases for p in _persons(text)}
    assert aliases == {"Kim Dae-jung": ("Kim",), "Jiang Zemin": ("Jiang",)}


def test_persons_a_name_listed_after_a_titled_one_shares_its_evidence() -> None:
    text = (
        "Talks\nMay 3, 2006\n\nThe envoy met his Japanese and Korean counterparts, Kenichiro "
        "Sasae and Chun Yung-woo, in Beijing. Moon Bright and Sun Rain were not there."
    )
    names = [p.name for p in _persons(text)]
    assert names == ["Kenichiro Sasae", "Chun Yung-woo"]


def test_persons_a_given_name_and_patronymic_address_the_person_of_that_given_name() -> None:
    """ "Dear Nursultan Abishevich", "Thank you, Vladimir Vladimirovich": transcripts address
    the article's Nursultan Nazarbayev and Vladimir Putin; no persons of their own."""
    text = (
        "MOSCOW, May 3 - Vladimir Putin met President of Kazakhstan Nursultan Nazarbayev. "
        "Vladimir Putin: Dear Nursultan Abishevich, I am glad to see you. Nursultan "
        "Nazarbayev: Thank you, Vladimir Vladimirovich."
    )
    assert sorted(p.name for p in _persons(text)) == ["Nursultan Nazarbayev", "Vladimir Putin"]

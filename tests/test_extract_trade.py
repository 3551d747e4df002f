"""Trade figures: amounts, flows, the two states, qualifiers and years, and what is no figure.

Fixture sentences are written for these tests, in the style of the sources.
"""

from __future__ import annotations

import datetime as dt

import pytest

from diplodata.extract.money import find_amounts
from diplodata.extract.text import analyze
from diplodata.extract.trade import extract_trade
from diplodata.models import Article

Row = tuple[str, str, str, float, str, str, int | None]


def rows(text: str, published: dt.date | None = dt.date(2022, 3, 1)) -> list[Row]:
    article = Article("x", "x.txt", text, "", published_date=published)
    return [
        (f.flow, f.reporter, f.partner, f.value, f.unit, f.qualifier, f.year)
        for f in extract_trade(analyze(article))
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("worth $40.1Billion", 40_100_000_000, "USD"),
        ("some US$38bn", 38_000_000_000, "USD"),
        ("at USD 7.5 billion", 7_500_000_000, "USD"),
        ("rose to 500 mln dlrs", 500_000_000, "USD"),
        ("a total of 28.9 billion yen", 28_900_000_000, "JPY"),
        ("about 1.2 trillion roubles", 1_200_000_000_000, "RUB"),
        ("two billion dollars", 2_000_000_000, "USD"),
        ("dollars 214.6bn", 214_600_000_000, "USD"),
        ("3.1 billion euros", 3_100_000_000, "EUR"),
        ("6.2 billion H.K. dlrs", 6_200_000_000, "HKD"),
        ("22,201bn yen", 22_201_000_000_000, "JPY"),
    ],
)
def test_money_amounts_in_full_units(text: str, value: float, unit: str) -> None:
    [amount] = find_amounts(text)
    assert (amount.value, amount.unit, text[amount.start : amount.end] in text) == (
        value,
        unit,
        True,
    )


def test_money_ranges_give_the_lower_bound() -> None:
    found = [(a.value, a.is_range) for a in find_amounts("USD 600-700 million, or between two "
                                                         "and three billion dlrs")]  # fmt: skip
    assert found == [(600_000_000, True), (2_000_000_000, True)]


def test_money_ignores_years_tonnes_and_bare_numbers() -> None:
    assert find_amounts("In 2021 it shipped 1,200,000 tonnes, 3.0 mln tonnes and 2022-2026.") == []


def test_trade_turnover_between_named_states_with_year() -> None:
    text = "In 2020, the trade volume between Poland and Lithuania was $9.4 billion."
    assert rows(text) == [("turnover", "POL", "LTU", 9_400_000_000, "USD", "exact", 2020)]


def test_trade_capitals_count_as_states_and_statistics_pick_the_reporter() -> None:
    text = (
        "Trade turnover between Warsaw and Vilnius has exceeded $3 billion according to "
        "Lithuanian statistics, and approaches $4 billion according to Polish data."
    )
    assert rows(text) == [
        ("turnover", "LTU", "POL", 3_000_000_000, "USD", "more_than", None),
        ("turnover", "POL", "LTU", 4_000_000_000, "USD", "approx", None),
    ]


def test_trade_exports_and_imports_take_direction_from_prepositions() -> None:
    text = (
        "Trade between Armenia and Georgia reached $1.2 billion in 2021. This included "
        "$0.5 billion in exports to Georgia and $0.7 billion in imports from Georgia to Armenia."
    )
    assert rows(text) == [
        ("turnover", "ARM", "GEO", 1_200_000_000, "USD", "exact", 2021),
        ("exports", "ARM", "GEO", 500_000_000, "USD", "exact", 2021),
        ("imports", "ARM", "GEO", 700_000_000, "USD", "exact", 2021),
    ]


def test_trade_wire_style_exports_with_ellipsis_and_comparison() -> None:
    text = (
        "Officials said Brazil exported 800 mln dlrs worth of goods to Chile in 1986 and "
        "imported 1.1 billion dlrs worth. Chile's trade surplus with Brazil rose to 300 mln "
        "dlrs in 1986 from 150 mln dlrs in 1985."
    )
    assert rows(text, None) == [
        ("exports", "BRA", "CHL", 800_000_000, "USD", "exact", 1986),
        ("imports", "BRA", "CHL", 1_100_000_000, "USD", "exact", 1986),
        ("balance", "CHL", "BRA", 300_000_000, "USD", "exact", 1986),
        ("balance", "CHL", "BRA", 150_000_000, "USD", "exact", 1985),
    ]


def test_trade_our_trade_takes_the_pair_the_article_is_about() -> None:
    text = (
        "President of Serbia: Mr President, Serbia values its ties with Hungary. "
        "Hungary is a close friend of Serbia. Our trade has reached nearly $5 billion "
        "and will reach $6 billion by the end of the year."
    )
    assert rows(text) == [
        ("turnover", "SRB", "HUN", 5_000_000_000, "USD", "approx", 2022),
        ("turnover", "SRB", "HUN", 6_000_000_000, "USD", "target", 2022),
    ]


def test_trade_last_year_resolves_against_the_dateline() -> None:
    text = "Bilateral trade between Chile and Peru grew to USD 4 billion last year."
    assert rows(text, dt.date(2019, 6, 1)) == [
        ("turnover", "CHL", "PER", 4_000_000_000, "USD", "exact", 2018)
    ]


def test_trade_ranges_and_targets() -> None:
    text = (
        "Egypt and Jordan plan to raise bilateral trade to $2 billion. Trade between Egypt "
        "and Jordan will stay at $800-900 million."
    )
    assert [(r[3], r[5]) for r in rows(text)] == [(2_000_000_000, "target"), (800_000_000, "range")]


def test_trade_share_of_a_state_trade() -> None:
    text = "Germany accounts for 21 percent of Austria's trade."
    assert rows(text) == [("share", "AUT", "DEU", 21.0, "percent", "exact", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Trade between Poland and Germany grew 30% last year.",
        "Bilateral trade between Peru and Chile showed 50% growth.",
        "Kazakhstan's exports rose 12% to $60 billion in 2022.",
        "Russia's foreign trade turnover reached $800 billion in 2021.",
        "Japan's trade surplus grew to 12 trillion yen in 2004.",
        "Chinese investment in Poland reached $3 billion as trade ties grew.",
        "Armenia and Georgia signed a trade deal worth $500 million.",
        "Gas prices for Moldova rose to $95 per 1,000 cubic metres in a trade accord with Russia.",
        "The company's exports to Germany reached $2 billion last year.",
        "South Korea's current account surplus reached 4.6 billion dlrs in 1986.",
        "The striker joined the Turkish club from Germany for 20 million euros.",
        "The turnover of the French club hit 300 million euros.",
        "Ukraine's trade with the world reached $100 billion.",
        "Investment and trade between Chile and Peru reached $3 billion.",
        "Trade between the US and China grew 5%. The gap between US exports and imports reached "
        "dollars 50bn.",
        "Trade between the US and China grew 5%. The difference between what the US exported "
        "and imported was dollars 40bn.",
        "Trade between the United States and India grew. Latin American exports to India rose "
        "to dollars 9bn.",
        "Trade between Norway and Sweden grew 5%. Norway's surplus on trade in services stayed "
        "at 2bn euros.",
    ],
)
def test_trade_no_bilateral_figure(text: str) -> None:
    assert rows(text) == []


def test_trade_bracketed_conversions_and_increments_give_no_row() -> None:
    text = (
        "In 2004, trade between Japan and South Korea added up to 8,000bn yen (dollars 77bn; "
        "pounds 41bn). Bilateral trade between Peru and Chile rose by $1 billion to $5 billion."
    )
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows(text)] == [
        ("turnover", "JPN", "KOR", 8_000_000_000_000, "JPY"),
        ("turnover", "PER", "CHL", 5_000_000_000, "USD"),
    ]


def test_trade_evidence_span_is_the_sentence() -> None:
    text = "Leaders met in Rome. Trade between Italy and Malta reached 2 billion euros."
    doc = analyze(Article("x", "x.txt", text, "", published_date=None))
    [fact] = extract_trade(doc)
    assert text[fact.start : fact.end] == "Trade between Italy and Malta reached 2 billion euros."


def test_trade_a_later_clause_keeps_the_sentence_pair() -> None:
    text = (
        "After the trade deal was signed, China's exports to Canada rose to $40bn, "
        "while its imports from the EU fell to $20bn. Peru's exports to Chile fell to "
        "600 mln dlrs, while Chile's exports rose to 700 mln dlrs."
    )
    assert [(r[0], r[1], r[2], r[3]) for r in rows(text)] == [
        ("exports", "CHN", "CAN", 40_000_000_000),
        ("imports", "CHN", "EUU", 20_000_000_000),
        ("exports", "PER", "CHL", 600_000_000),
        ("exports", "CHL", "PER", 700_000_000),
    ]


def test_trade_bare_dlrs_keep_the_dollar_the_article_named() -> None:
    text = (
        "Trade between Singapore and Malaysia rose to 4.2 billion Singapore dlrs in 1986. "
        "Malaysia's exports to Singapore fell to 1.5 billion dlrs last year. Japan's exports "
        "to Malaysia were 3 billion U.S. dlrs, up from 2.5 billion dlrs."
    )
    assert [(r[3], r[4]) for r in rows(text, dt.date(1987, 4, 7))] == [
        (4_200_000_000, "SGD"),
        (1_500_000_000, "SGD"),
        (3_000_000_000, "USD"),
        (2_500_000_000, "USD"),
    ]


def test_trade_months_years_of_baselines_and_that_year() -> None:
    text = (
        "The EC's trade deficit with Japan rose to 2.1 billion dlrs in March from 1.8 billion "
        "in February. The US trade gap with China widened to 9 billion dlrs in October. "
        "Peru's exports to Chile fell to 600 mln dlrs last year from 700 mln dlrs. "
        "Trade between Chile and Peru reached 4 billion dlrs in 1985. But Chile ran up a "
        "300 mln dlr deficit in farm goods that year with its neighbour."
    )
    assert [(r[0], r[1], r[2], r[3], r[6]) for r in rows(text, dt.date(1987, 4, 7))] == [
        ("balance", "EUU", "JPN", -2_100_000_000, 1987),  # deficits are negative
        ("balance", "EUU", "JPN", -1_800_000_000, 1987),
        ("balance", "USA", "CHN", 9_000_000_000, 1986),
        ("exports", "PER", "CHL", 600_000_000, 1986),
        ("exports", "PER", "CHL", 700_000_000, 1985),
        ("turnover", "CHL", "PER", 4_000_000_000, 1985),
        ("balance", "CHL", "PER", -300_000_000, 1985),
    ]


def test_trade_an_anaphoric_sentence_takes_the_year_of_a_recent_figure() -> None:
    text = (
        "In 2004, trade between Spain and Morocco reached 5bn euros. This was a record. "
        "It compares with 4bn euros in trade with Algeria."
    )
    assert [(r[2], r[3], r[6]) for r in rows(text, None)] == [
        ("MAR", 5_000_000_000, 2004),
        ("ESP", 4_000_000_000, 2004),
    ]


def test_trade_regional_and_gerund_clauses() -> None:
    text = (
        "The UK's deficit with the EU fell to pounds 2bn, while its non-EU shortfall fell to "
        "pounds 3bn. Spain imported 900 mln dlrs worth of goods from Morocco in 1986, exporting "
        "400 mln dlrs."
    )
    assert [(r[0], r[1], r[2], r[3]) for r in rows(text)] == [
        ("balance", "GBR", "EUU", -2_000_000_000),  # a deficit: signed
        ("imports", "ESP", "MAR", 900_000_000),
        ("exports", "ESP", "MAR", 400_000_000),
    ]


def test_trade_words_inside_names_and_trade_with_groups_are_no_figures() -> None:
    assert rows("The U.S. Trade and Development Agency will give Kenya $2 million.") == []
    assert rows("Trade between Russia and the BRICS countries reached $45 billion.") == []


def test_trade_the_dateline_place_is_the_reporter_when_only_the_partner_is_named() -> None:
    text = "OSLO, March 5 - Exports to Canada rose to 1.2 billion dlrs in February."
    assert rows(text, dt.date(1987, 3, 5)) == [
        ("exports", "NOR", "CAN", 1_200_000_000, "USD", "exact", 1987)
    ]


def test_trade_currencies_beyond_the_dollar_and_amounts_that_are_aid() -> None:
    assert rows("Indian imports from the UAE totalled 2 billion dirhams in 2020.") == [
        ("imports", "IND", "ARE", 2_000_000_000, "AED", "exact", 2020)
    ]
    text = "Trade between the Netherlands and Belgium reached 40 billion guilders in 1986."
    assert [r[4] for r in rows(text)] == ["NLG"]
    assert rows("EC trade agreements with Tunisia include 615 mln Ecus in grants.") == []


def test_trade_unqualified_trade_in_an_article_about_two_states_is_theirs() -> None:
    text = (
        "Russia and Kazakhstan are key partners. Russia and Kazakhstan signed deals. "
        "Trade is growing, reaching US$25.6 billion in 2021. "
        "World trade grew to $20 trillion in 2021."
    )
    assert rows(text) == [("turnover", "RUS", "KAZ", 25_600_000_000, "USD", "exact", 2021)]


def test_trade_a_clause_with_its_own_flow_word_does_not_continue_the_figure_before() -> None:
    text = (
        "In the last ten years, Chilean exports to Peru rose from 400 mln dlrs to 2.1 billion "
        "in 1986, while imports rose from 800 mln dlrs to 1.5 billion last year."
    )
    assert rows(text, dt.date(1987, 3, 5)) == [
        ("exports", "CHL", "PER", 400_000_000, "USD", "exact", None),
        ("exports", "CHL", "PER", 2_100_000_000, "USD", "exact", 1986),
        ("imports", "CHL", "PER", 800_000_000, "USD", "exact", None),
        ("imports", "CHL", "PER", 1_500_000_000, "USD", "exact", 1986),
    ]


def test_trade_the_states_of_a_share_of_the_amount_are_not_its_partner() -> None:
    text = "Chile had a trade surplus of 5.6 billion dlrs last year, 90 pct of it with Peru."
    assert rows(text, dt.date(1987, 3, 5)) == []


def test_trade_it_widened_continues_the_figure_of_the_sentence_before() -> None:
    text = (
        "Chile's deficit with Peru rose to 3.6 billion dlrs last year. "
        "It widened to 1.1 billion in the first quarter of 1987 from 0.9 billion a year earlier."
    )
    found = rows(text, dt.date(1987, 4, 5))
    assert [(r[0], r[3]) for r in found] == [
        ("balance", -3_600_000_000),
        ("balance", -1_100_000_000),
        ("balance", -900_000_000),
    ]
    assert {(r[1], r[2]) for r in found} == {("CHL", "PER")}
    assert found[1][6] is None  # a quarter is a period, not the year
    assert rows("Chile's exports grew. It widened to 1.1 billion dlrs.") == []


def test_trade_penalty_tariffs_are_not_trade() -> None:
    text = "The U.S. imposed 300 mln dlrs of tariffs on imports of Japanese goods."
    assert rows(text) == []
    assert rows("Chile ordered 200 mln dlr penalty tariffs on exports from Peru.") == []


def test_trade_a_state_in_a_later_clause_is_not_the_partner() -> None:
    text = (
        "LONDON, March 31 - Chile's trade surplus -- 9.2 billion dlrs last year -- has poured "
        "into markets around the world, and funded a good chunk of the huge Peru budget gap."
    )
    assert rows(text, dt.date(1987, 3, 31)) == []


def test_trade_a_range_of_months_in_a_year_is_that_year_s_period() -> None:
    """ "in April-December 2022" in an article of April 2023: the year 2022, not the
    dateline's."""
    text = (
        "Trade between India and Chile reached 4.4 billion dollars in April-December 2022. "
        "Exports of Peru to Chile were 700 mln dlrs in January - March 2023."
    )
    article = Article("x", "x.txt", text, "", published_date=dt.date(2023, 4, 20))
    found = [(f.flow, f.year, f.period) for f in extract_trade(analyze(article))]
    assert found == [
        ("turnover", 2022, "April-December 2022"),
        ("exports", 2023, "January - March 2023"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trade between Sweden and Chile reached $9.1 billion in 2021, with Sweden's "
            "exports to Chile at $6.2 billion.",
            ("exports", "SWE", "CHL", 6_200_000_000),
        ),
        (
            "Trade between Sweden and Chile reached $9.1 billion in 2021, with Chilean "
            "imports from Sweden at about $6.2 billion.",
            ("imports", "CHL", "SWE", 6_200_000_000),
        ),
    ],
)
def test_trade_a_state_owning_the_flow_after_with_is_its_reporter(
    text: str, expected: tuple[str, str, str, float]
) -> None:
    """ "..., with X's exports to Y at $N": "with" opens the clause; the possessive or the
    demonym before the flow word is the reporter, not a partner "with" it."""
    assert expected in [(f, r, p, v) for f, r, p, v, *_ in rows(text)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("trade with Kenya reached R12.4 billion in 2021", 12_400_000_000, "ZAR"),
        ("exports to Ghana reached N283bn in 2021", 283_000_000_000, "NGN"),
        ("exports to Chile reached ₹2.5 trillion in 2021", 2_500_000_000_000, "INR"),
        ("trade with Peru reached PLN 3.1 billion in 2021", 3_100_000_000, "PLN"),
    ],
)
def test_trade_letter_and_sign_currency_symbols(text: str, value: float, unit: str) -> None:
    amounts = [a for a in find_amounts(text) if a.unit != "percent"]
    assert [(a.value, a.unit) for a in amounts] == [(value, unit)]


@pytest.mark.parametrize("text", ["Route R1 links 5 towns", "the R 12 billion plan", "N2 gas"])
def test_trade_a_letter_is_no_currency_without_a_scale_right_after_it(text: str) -> None:
    assert [a for a in find_amounts(text) if a.unit in ("ZAR", "NGN")] == []


def test_trade_those_to_another_state_continue_the_flow_with_a_new_partner() -> None:
    """ "exports to Chile rose to $X, while those to Peru climbed to $Y": the same flow and
    reporter, the partner "those to" names; a converted figure in brackets, "(about N
    won)", is the same figure."""
    text = (
        "Sweden's exports to Chile rose 1.3 percent to $11.4 billion in 2021, while those "
        "to Peru climbed 0.8 percent to $10.2 billion. Exports to Korea reached $6.3 billion "
        "(about 8.1 trillion won) in 2021."
    )
    assert [(f, r, p, v, u) for f, r, p, v, u, *_ in rows(text)] == [
        ("exports", "SWE", "CHL", 11_400_000_000, "USD"),
        ("exports", "SWE", "PER", 10_200_000_000, "USD"),
        ("exports", "SWE", "KOR", 6_300_000_000, "USD"),
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("stood at JD64.3 million", 64_300_000, "JOD"),
        ("amounted to KD 187 million", 187_000_000, "KWD"),
        ("reached SR142.6 billion", 142_600_000_000, "SAR"),
        ("stood at RM29.8 billion", 29_800_000_000, "MYR"),
        ("rose to Ksh61.4 billion", 61_400_000_000, "KES"),
        ("valued at FJ$412.6 million", 412_600_000, "FJD"),
        ("worth Rs 1.16 trillion", 1_160_000_000_000, "INR"),
    ],
)
def test_money_currency_symbols_before_the_number(text: str, value: float, unit: str) -> None:
    [amount] = find_amounts(text, 0, len(text))
    assert (amount.value, amount.unit) == (value, unit)


def test_money_a_letter_symbol_needs_a_scale_and_its_own_case() -> None:
    # "Rs 500" and "rs 5 billion" are no amounts in a currency; "Mrs 5" is no rupee
    for text in ("paid Rs 500 for it", "about rs 5 billion", "Mrs 5 billion"):
        assert all(a.unit != "INR" for a in find_amounts(text, 0, len(text))), text


def test_trade_a_generic_currency_word_is_the_reporters() -> None:
    text = (
        "Nepal imported goods worth Rs 1.16 trillion from India last year, while its exports "
        "to India stood at 97.3 billion rupees. India's exports to Bangladesh reached Rs 1.1 "
        "trillion. Jordanian exports to Iraq amounted to 312 million dinars, and Pakistan's "
        "exports to China were 3 billion Indian rupees."
    )
    units = {(r[0], r[1], r[2]): r[4] for r in rows(text)}
    assert units[("imports", "NPL", "IND")] == "NPR"
    assert units[("exports", "NPL", "IND")] == "NPR"
    assert units[("exports", "IND", "BGD")] == "INR"
    assert units[("exports", "JOR", "IRQ")] == "JOD"
    assert units[("exports", "PAK", "CHN")] == "INR"  # named: stays


def test_trade_one_sides_part_of_the_turnover_just_before() -> None:
    # the exports of one side, no larger than the pair's turnover the sentence before, are
    # its exports to the other side, of the same year; "made up" is no increment ("up $X")
    text = (
        "Trade between Chile and Peru reached $4.9 billion in 2021. Chilean exports accounted "
        "for $3.1 billion. Peru's imports from Chile made up $3.0 billion in 2021."
    )
    assert rows(text) == [
        ("turnover", "CHL", "PER", 4_900_000_000, "USD", "exact", 2021),
        ("exports", "CHL", "PER", 3_100_000_000, "USD", "exact", 2021),
        ("imports", "PER", "CHL", 3_000_000_000, "USD", "exact", 2021),
    ]


def test_trade_a_larger_figure_of_one_side_is_its_world_trade() -> None:
    text = (
        "Trade between Chile and Peru reached $4.9 billion in 2021. Chilean exports rose to "
        "$95 billion."
    )
    assert rows(text) == [("turnover", "CHL", "PER", 4_900_000_000, "USD", "exact", 2021)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("rose to DM 3.2 billion", 3_200_000_000, "DEM"),
        ("totalled FIM 1.7 billion", 1_700_000_000, "FIM"),
        ("some 9 billion kroner", 9_000_000_000, "NOK"),
        ("reached 150 million kroons", 150_000_000, "EEK"),
        ("worth ISK 4.1 billion", 4_100_000_000, "ISK"),
        ("at LTL 640 million", 640_000_000, "LTL"),
        ("stood at 12.5 billion lek", 12_500_000_000, "ALL"),
        ("were worth Sh23.4 billion", 23_400_000_000, "KES"),
        ("reached J$310.5 million", 310_500_000, "JMD"),
        ("rose to Nu 2.3B", 2_300_000_000, "BTN"),
        ("about SYP 14 billion", 14_000_000_000, "SYP"),
        ("a record $A2.7 billion", 2_700_000_000, "AUD"),
        ("valued at B$1.8 billion", 1_800_000_000, "BND"),
        ("some P12 billion a year", 12_000_000_000, "PHP"),
        ("were worth NZ$8.3b", 8_300_000_000, "NZD"),
    ],
)
def test_money_older_and_local_currencies(text: str, value: float, unit: str) -> None:
    [amount] = find_amounts(text)
    assert (amount.value, amount.unit) == (value, unit)


def test_money_letter_b_scale_only_unspaced_after_a_symbol() -> None:
    assert find_amounts("Paragraph 4b and 7 B of the accord") == []


def test_trade_bare_kroner_and_roubles_take_the_reporters_currency() -> None:
    danish = rows("Danish exports to Poland rose to 14 billion kroner in 2010.")
    soviet = rows("Soviet exports to Poland reached 5,200 million roubles in 1983.")
    assert (danish[0][4], soviet[0][4]) == ("DKK", "SUR")


def test_trade_goal_with_its_flow_word_after_the_amount() -> None:
    found = rows("Trade between Chile and Peru reached $4.1 billion in 2021. The two governments "
                 "have set a target of $7 billion in annual bilateral trade.")  # fmt: skip
    assert found[-1] == ("turnover", "CHL", "PER", 7_000_000_000, "USD", "target", None)


def test_trade_no_flow_word_after_a_deal_or_a_tariff() -> None:
    assert rows("Chile signed a $300 million agreement to import Peruvian gas in 2021.") == []
    assert rows("Washington will raise tariffs on as much as $200 million in Peruvian "
                "exports to the United States.") == []  # fmt: skip


def test_trade_this_figure_and_double_it_continue_the_main_figure() -> None:
    figure = rows("Trade between Chile and Peru rose to $4.1 billion in 2021, with Chilean "
                  "exports to Peru at $1.5 billion. The ministers hope the figure will reach "
                  "$6 billion by 2026.")  # fmt: skip
    double = rows("Bilateral trade between Chile and Peru stood at $4 billion in 2021. The "
                  "presidents proposed to double it, setting a goal of $8 billion.")  # fmt: skip
    assert (figure[-1], double[-1]) == (
        ("turnover", "CHL", "PER", 6_000_000_000, "USD", "target", 2026),
        ("turnover", "CHL", "PER", 8_000_000_000, "USD", "target", None),
    )


def test_trade_aiming_for_is_a_target() -> None:
    found = rows("Trade between Chile and Peru reached $4.1 billion in 2021, and both sides "
                 "are aiming for $9 billion in trade by 2030.")  # fmt: skip
    assert found[-1][5:] == ("target", 2030)


def test_trade_non_oil_trade_is_still_bilateral() -> None:
    found = rows("The presidents of Chile and Peru met in Lima to talk of Chilean mining and "
                 "Peruvian fishing. Non-oil trade between the two countries reached $4.2 "
                 "billion in 2021.")  # fmt: skip
    assert found == [("turnover", "CHL", "PER", 4_200_000_000, "USD", "exact", 2021)]


def test_trade_non_bloc_exports_are_world_trade() -> None:
    assert rows("Kenya's non-EU exports rose to $3 billion in 2021.") == []


def test_trade_a_share_of_foreign_trade_after_a_bilateral_figure() -> None:
    found = rows("The presidents of Chile and Peru met in Lima to talk of Chilean mining and "
                 "Peruvian fishing. Trade between the two countries totalled $4.2 billion in "
                 "2021, about 12 pct of Peru's foreign trade.")  # fmt: skip
    assert [(r[0], {r[1], r[2]}, r[3]) for r in found] == [
        ("turnover", {"CHL", "PER"}, 4_200_000_000)
    ]


def test_trade_a_rounded_headline_figure_gives_the_bodys_row_only() -> None:
    found = rows("Chile's exports to Peru top $3.1bn in 2021\n\nChilean exports to Peru rose to "
                 "$3.14 billion in 2021, the customs office said.")  # fmt: skip
    assert found == [("exports", "CHL", "PER", 3_140_000_000, "USD", "exact", 2021)]


def test_trade_a_headline_figure_with_other_states_gives_the_bodys_row_only() -> None:
    found = rows("Minister backs Peru's EU bid, trade seen above $9 billion\n\nTrade "
                 "between Chile and Peru reached $8.2 billion in 2021 and is expected to exceed "
                 "$9 billion this year.")  # fmt: skip
    assert sorted((r[1], r[2], r[3]) for r in found) == [
        ("CHL", "PER", 8_200_000_000),
        ("CHL", "PER", 9_000_000_000),
    ]


def test_trade_one_row_for_a_turnover_stated_with_its_states_swapped() -> None:
    found = rows("Chile and Peru agree to lift trade to $9 billion\n\nTrade between Peru and "
                 "Chile reached $8.2 billion in 2021. The two leaders agreed to raise bilateral "
                 "trade to $9 billion by 2025.")  # fmt: skip
    assert [r[3] for r in found] == [9_000_000_000, 8_200_000_000]


def test_trade_a_clause_boundary_before_a_bare_and() -> None:
    found = rows("Chilean exports to Peru fell to $585 million in 2021, hurt by lower copper "
                 "prices and by weak Peruvian demand, while imports from Peru rose to $727 "
                 "million.")  # fmt: skip
    assert [r[:3] for r in found] == [("exports", "CHL", "PER"), ("imports", "CHL", "PER")]


def test_trade_a_result_clause_closes_the_figure_before_it() -> None:
    found = rows("Chilean exports to Peru rose to $5.4 billion in 2021, while imports from the "
                 "country reached $3.6 billion, leaving Chile with a surplus of $1.8 "
                 "billion.")  # fmt: skip
    assert [r[:4] for r in found] == [
        ("exports", "CHL", "PER", 5_400_000_000),
        ("imports", "CHL", "PER", 3_600_000_000),
        ("balance", "CHL", "PER", 1_800_000_000),
    ]


def test_trade_with_a_bloc_gives_no_row_with_one_of_its_states() -> None:
    found = rows("Trade between Chile and Peru reached $4.1 billion in 2021, while Chile's "
                 "trade with Mercosur as a whole was close to $20 billion.")  # fmt: skip
    assert [r[3] for r in found] == [4_100_000_000]


def test_a_national_currency_names_the_reporter_of_a_one_state_figure() -> None:
    # a statistics office's release: the figures in ringgit are Malaysia's
    text = (
        "Trade statistics\n\nChina remained the largest partner of Malaysia. Exports to the "
        "United States recorded RM10.14 billion, against imports from the United States of "
        "RM7.41 billion. Trade with Japan was valued at RM11.23 billion, comprising exports "
        "of RM6.01 billion and imports of RM5.22 billion."
    )
    found = {(flow, reporter, partner, value) for flow, reporter, partner, value, *_ in rows(text)}
    assert ("exports", "MYS", "USA", 10_140_000_000) in found
    assert ("imports", "MYS", "USA", 7_410_000_000) in found
    assert ("exports", "MYS", "JPN", 6_010_000_000) in found
    assert ("imports", "MYS", "JPN", 5_220_000_000) in found


def test_a_currency_word_several_states_use_names_no_reporter() -> None:
    # "escudos" may be Cape Verde's as well as Portugal's: the pair stays the text's
    text = (
        "Trade statistics\n\nCape Verde's trade figures were published. Exports to Spain "
        "amounted to 4.6 billion escudos, against imports from Spain of 2.1 billion escudos."
    )
    found = {(flow, reporter, partner) for flow, reporter, partner, *_ in rows(text)}
    assert ("exports", "PRT", "ESP") not in found


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("worth GH¢2.5 billion", 2_500_000_000, "GHS"),
        ("some 3,200 million krónur", 3_200_000_000, "ISK"),
        ("at MVR 910 million", 910_000_000, "MVR"),
        ("reached Z$88 million", 88_000_000, "ZWD"),
        ("reached N$2.1 billion", 2_100_000_000, "NAD"),
        ("about C£45 million", 45_000_000, "CYP"),
        ("4.4 billion CFA francs", 4_400_000_000, "XOF"),
        ("7.5 billion Sudanese dinars", 7_500_000_000, "SDD"),
        ("120 billion kip", 120_000_000_000, "LAK"),
        ("900 million riels", 900_000_000, "KHR"),
        ("35 billion kyats", 35_000_000_000, "MMK"),
        ("60 billion tugriks", 60_000_000_000, "MNT"),
        ("amounted to RWF 88.3 billion", 88_300_000_000, "RWF"),  # any ISO 4217 code
        ("some 4.1 billion BIF", 4_100_000_000, "BIF"),
        ("totalled B/. 38.2 million", 38_200_000, "PAB"),
        ("about 12 billion colones", 12_000_000_000, "CRC"),
        ("reached MAD 1.9 billion", 1_900_000_000, "MAD"),  # a code that is a word, scaled
        ("amounted to TL 9.8 billion", 9_800_000_000, "TRY"),
    ],
)
def test_trade_amounts_in_more_local_currencies(text: str, value: float, unit: str) -> None:
    [amount] = find_amounts(text)
    assert (amount.value, amount.unit) == (value, unit)


@pytest.mark.parametrize(
    "text", ["a TOP 10 list of partners", "ALL 20 members agreed", "10 billion MAD cows"]
)
def test_trade_iso_codes_that_are_words_are_no_currency(text: str) -> None:
    assert all(a.unit in (None, "percent") for a in find_amounts(text))


def test_trade_cfa_francs_of_central_africa_are_xaf() -> None:
    text = "Trade\nCameroon's exports to Chad reached 30 billion CFA francs in 2020."
    assert rows(text) == [("exports", "CMR", "TCD", 30_000_000_000, "XAF", "exact", 2020)]

from __future__ import annotations

from pathlib import Path

import pytest
from frictionless import Resource, Schema, system

from diplodata.extract import lexicon
from diplodata.extract.lexicon import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "name",
    [
        "country_aliases",
        "organizations",
        "offices",
        "given_names",
        "role_categories",
        "currencies",
        "local_currencies",
        "office_holders",
        "not_articles",
        "wikidata",
        "given_name_variants",
        "bodies",
        "body_types",
        "organization_members",
        "state_successions",
    ],
)
def test_lexicon_data_files_match_their_schemas(name: str) -> None:
    with system.use_context(trusted=True):
        schema = Schema.from_descriptor(str(ROOT / "schemas" / "lexicon" / f"{name}.schema.json"))
        report = Resource(path=str(DATA_DIR / f"{name}.csv"), schema=schema).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Russian Federation and the Republic of Belarus", ["RUS", "BLR"]),
        ("U.S. and UK officials", ["USA", "GBR"]),
        ("a Belarusian diplomat in Ankara", ["BLR", "TUR"]),
        ("the Kremlin said", ["RUS"]),
        ("Türkiye, formerly Turkey", ["TUR", "TUR"]),
        ("trade with the USSR", ["SUN"]),
        ("Belarusian-Russian cooperation", ["BLR", "RUS"]),
        ("exports to Latin America and South America", []),
        ("a turkey for dinner in georgia", []),
    ],
)
def test_lexicon_finds_states_by_every_form(text: str, codes: list[str]) -> None:
    assert [m.code for m in lexicon.load().find_countries(text)] == codes


def test_lexicon_organization_aliases_share_one_code() -> None:
    lex = lexicon.load()
    text = "the Commonwealth of Independent States (CIS), the EEU and the Eurasian Customs Union"
    assert [(m.surface, m.code) for m in lex.find_organizations(text)] == [
        ("Commonwealth of Independent States", "CIS"),
        ("CIS", "CIS"),
        ("EEU", "EAEU"),
        ("Eurasian Customs Union", "EAEU"),
    ]
    org = lex.organization("EAEU")
    assert org is not None and org.name == "Eurasian Economic Union"


def test_lexicon_offices_normalize_titles() -> None:
    lex = lexicon.load()
    office = lex.office("Minister of  Foreign Affairs")
    assert office is not None and office.office == "foreign minister" and not office.envoy
    envoy = lex.office("ambassador")
    assert envoy is not None and envoy.envoy
    assert lex.office("Grand Vizier") is None


def test_curated_members_belong_to_known_organizations() -> None:
    lex = lexicon.load()
    codes = {org.code for org in lex.organizations.values()}
    assert set(lex.members) <= codes, set(lex.members) - codes
    # the G7's members in 1975 and since 1976 (Canada joined a year later)
    assert [len(s) for s in lex.member_sets("G7", 1975)] == [6]
    assert lex.member_sets("G7", 1990) == [
        frozenset({"USA", "JPN", "DEU", "FRA", "GBR", "ITA", "CAN"})
    ]
    assert len(lex.member_sets("G7", None)) == 2 and lex.member_sets("NATO", 2020) == []

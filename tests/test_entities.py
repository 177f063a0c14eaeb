"""Key actors and locations: the names a reader expects, and none of the capitalised noise."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import make_article

from briefing.domain import Article
from briefing.entities import Mention, find_entities

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
MULTI_NEWS = SHARED / "eval" / "multi-news" / "dev.jsonl"

# Words that start sentences, describe nations or name days: never an actor or a place.
NOT_NAMES = {
    "The", "This", "These", "Despite", "However", "Moreover", "Leave", "Comment", "Statements",
    "Escalating", "Diplomatic", "He", "Russian", "Swedish", "Ukrainian", "Western", "Friday",
    "June", "February", "May", "Monday", "President", "Secretary", "General", "Prime Minister",
}  # fmt: skip


def names(mentions: list[Mention]) -> list[str]:
    return [m.name for m in mentions]


def by_name(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.name: m for m in mentions}


def seed_articles(*, strip_furniture: bool) -> list[Article]:
    articles = []
    for path in sorted(SEEDS.iterdir()):
        text = path.read_text(encoding="utf-8")
        if strip_furniture:
            text = re.sub(r"^jfid – ", "", text)
            # as the cleaner leaves them: no section label, no comment box, and the headline
            # (a line without sentence punctuation) moved to the title
            text = "\n".join(
                line
                for line in text.splitlines()
                if re.search(r"[.!?]", line) and not line.startswith("No comments available")
            )
        articles.append(Article(text=text, origin=str(path)))
    return articles


# --- The seeds -----------------------------------------------------------------------------------

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not available")


@needs_seeds
def test_seed_brief_names_the_actors_of_the_story() -> None:
    actors, _ = find_entities(seed_articles(strip_furniture=True))
    found = by_name(actors)
    for name, kind in [
        ("NATO", "organisation"),
        ("Russia", "country"),
        ("Ukraine", "country"),
        ("Jens Stoltenberg", "person"),
        ("Vladimir Putin", "person"),
        ("Joe Biden", "person"),
        ("Ulf Kristersson", "person"),
        ("Volodymyr Zelensky", "person"),
    ]:
        assert found[name].kind == kind, name


@needs_seeds
def test_seed_brief_names_the_places_of_the_story() -> None:
    _, locations = find_entities(seed_articles(strip_furniture=True))
    assert {"Black Sea", "Ukraine", "Sweden", "Baltic states", "Kharkiv"} <= set(names(locations))


@needs_seeds
def test_seed_top_actors_are_names_not_capitalised_words() -> None:
    articles = seed_articles(strip_furniture=True)
    actors, locations = find_entities(articles)
    text = "\n".join(a.text for a in articles)
    for mention in actors[:15] + locations:
        assert mention.name not in NOT_NAMES
        # every name is written in the articles (the U.S. becomes the United States)
        assert mention.name in text or mention.name == "United States", mention.name


@needs_seeds
def test_seed_furniture_never_becomes_an_entity() -> None:
    actors, locations = find_entities(seed_articles(strip_furniture=False))
    listed = " ".join(names(actors) + names(locations))
    for furniture in ("jfid", "World Defense", "Leave", "Comment", "Asserts"):
        assert furniture not in listed
    assert "Jens Stoltenberg" in listed


@needs_seeds
def test_seed_counts_follow_the_text() -> None:
    articles = seed_articles(strip_furniture=True)
    actors, _ = find_entities(articles)
    found = by_name(actors)
    text = "\n".join(a.text for a in articles)
    # "Stoltenberg" alone is Jens Stoltenberg: every occurrence counts for him
    assert found["Jens Stoltenberg"].mentions == text.count("Stoltenberg")
    assert "Stoltenberg" not in found
    # both spellings of the possessive are Russia
    assert "Russia’s" not in found and "Russia's" not in found
    assert found["Russia"].mentions == len(re.findall(r"\bRussia\b", text))
    # most-mentioned first, and both seed articles name NATO
    assert actors[0].name == "NATO"
    assert set(found["NATO"].article_ids) == {a.id for a in articles}
    assert found["Ulf Kristersson"].article_ids == (articles[1].id,)


# --- Rules on small texts ------------------------------------------------------------------------


def test_countries_are_actors_and_locations() -> None:
    actors, locations = find_entities([make_article("Sweden joined the alliance in March.")])
    assert by_name(actors)["Sweden"].kind == "country"
    assert by_name(locations)["Sweden"].kind == "country"
    assert "March" not in names(actors) + names(locations)


def test_title_cues_find_people_and_drop_nationalities() -> None:
    article = make_article(
        "On the same day, Ukrainian President Volodymyr Zelensky urged allies to act. "
        "Kremlin spokesman Dmitry Peskov said the talks had failed. "
        "Former Prime Minister Theresa May spoke on Friday."
    )
    actors, _ = find_entities([article])
    found = by_name(actors)
    assert found["Volodymyr Zelensky"].kind == "person"
    assert found["Dmitry Peskov"].kind == "person"
    assert found["Theresa May"].kind == "person"
    assert found["Kremlin"].kind == "organisation"
    assert not {"Ukrainian", "President", "Prime Minister", "Friday"} & set(found)


def test_sentence_openers_are_not_names_but_real_names_are() -> None:
    article = make_article(
        "Despite the rain, crowds gathered. However, nothing changed.\n"
        "Leave campaigners met in London. Merkel spoke first. Chancellor Angela Merkel said so."
    )
    actors, locations = find_entities([article])
    assert "Angela Merkel" in names(actors)
    assert by_name(actors)["Angela Merkel"].mentions == 2
    assert "London" in names(locations)
    assert not {"Despite", "However", "Leave"} & set(names(actors) + names(locations))


def test_acronyms_and_organisation_names() -> None:
    article = make_article(
        "The FBI and the EU met officials of the Ministry of Defence. "
        "The Bank of England raised rates, and the U.N. said the U.S. would attend."
    )
    actors, _ = find_entities([article])
    found = by_name(actors)
    assert found["FBI"].kind == "organisation"
    assert found["EU"].kind == "organisation"
    assert found["Ministry of Defence"].kind == "organisation"
    assert found["Bank of England"].kind == "organisation"
    assert found["UN"].kind == "organisation"
    assert found["United States"].kind == "country"


def test_seas_and_regions_with_lower_case_words() -> None:
    article = make_article(
        "Jets patrol the Baltic states and the Black Sea. Aid reached the Gaza Strip, "
        "the Middle East and Eastern Europe."
    )
    _, locations = find_entities([article])
    assert {"Baltic states", "Black Sea", "Gaza Strip", "Middle East", "Eastern Europe"} <= set(
        names(locations)
    )
    assert "Eastern" not in names(locations)


def test_counts_and_sources_across_articles() -> None:
    first = make_article("NATO met in Brussels. NATO agreed.", origin="a.txt")
    second = make_article("Officials said NATO would meet again.", origin="b.txt")
    actors, _ = find_entities([first, second])
    nato = by_name(actors)["NATO"]
    assert nato.mentions == 3
    assert nato.article_ids == (first.id, second.id)


def test_headlines_and_page_furniture_are_not_read() -> None:
    article = make_article(
        "Share This Story On Facebook\nBreaking News Alerts\nPrime Minister Mark Carney spoke."
    )
    actors, _ = find_entities([article])
    assert names(actors) == ["Mark Carney"]


def test_no_articles_no_entities() -> None:
    assert find_entities([]) == ([], [])


# --- A real day ----------------------------------------------------------------------------------


@pytest.mark.skipif(not MULTI_NEWS.is_file(), reason="shared eval data not available")
def test_a_real_day_has_no_common_words_among_its_top_actors() -> None:
    articles = []
    with MULTI_NEWS.open(encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            for j, text in enumerate(json.loads(line)["articles"]):
                articles.append(make_article(text, origin=f"multi-news:{i}:{j}"))
            if len(articles) >= 200:
                break
    actors, locations = find_entities(articles)
    for mention in actors[:15] + locations[:15]:
        words = mention.name.split()
        assert mention.name not in NOT_NAMES, mention
        assert all(w[:1].isupper() or w in ("of", "and", "the") for w in words), mention
        assert mention.mentions >= 2


def test_equal_counts_list_people_before_organisations_and_cities_before_continents() -> None:
    article = make_article(
        "The Kremlin spoke after President Joe Biden did. Fighting in Europe reached Kharkiv."
    )
    actors, locations = find_entities([article])
    assert names(actors) == ["Joe Biden", "Kremlin"]
    assert names(locations) == ["Kharkiv", "Europe"]


def test_names_keep_their_shape() -> None:
    article = make_article(
        "In Atlanta, Martin Luther King Jr. said he had a dream. Saudi King Salman said so.\n"
        "BREAKING NEWS UPDATE: Officials met at Times Square."
    )
    actors, locations = find_entities([article])
    assert {"Martin Luther King", "Salman"} <= set(names(actors))
    assert "Times Square" in names(locations)
    assert not {"BREAKING", "BREAKING NEWS UPDATE", "Saudi", "King"} & set(names(actors))


# --- Names resolved within the day (issue 11) ---------------------------------------------------


def test_a_surname_counts_for_the_full_name_its_story_uses() -> None:
    article = make_article(
        "Foreign Minister Anna Lindqvist arrived in Oslo on Monday. "
        "Lindqvist said the talks would resume. Officials said Lindqvist had left by noon."
    )
    actors, _ = find_entities([article])
    found = by_name(actors)
    assert found["Anna Lindqvist"].kind == "person"
    assert found["Anna Lindqvist"].mentions == 3
    assert "Lindqvist" not in found


def test_a_surname_shared_by_two_people_goes_to_the_one_the_sentence_means_or_to_neither() -> None:
    article = make_article(
        "President Barack Obama spoke in Chicago. His wife, Michelle Obama, visited a school. "
        "President Obama said the economy was growing. Obama also praised teachers."
    )
    actors, _ = find_entities([article])
    found = by_name(actors)
    assert {"Barack Obama", "Michelle Obama"} <= set(found)
    assert "Obama" not in found
    # "President Obama" is the one with that title; the bare "Obama" could be either: neither
    assert found["Barack Obama"].mentions == 2
    assert found["Michelle Obama"].mentions == 1


def test_a_place_word_stays_a_place_where_the_text_reads_it_as_one() -> None:
    hilton = make_article(
        "Paris Hilton said she would open a hotel. Hilton said the hotel was her idea."
    )
    france = make_article(
        "Protesters marched in Paris on Saturday. Police in Paris said 300 people were held."
    )
    actors, locations = find_entities([hilton, france])
    assert by_name(actors)["Paris Hilton"].kind == "person"
    assert by_name(actors)["Paris Hilton"].article_ids == (hilton.id,)
    assert by_name(locations)["Paris"].article_ids == (france.id,)


def test_aliases_and_acronyms_are_one_name() -> None:
    article = make_article(
        "The U.S. and America's allies met the European Union in Brussels. "
        "The United States said the EU must act. EU ministers agreed with the U.S. on Friday."
    )
    actors, _ = find_entities([article])
    found = by_name(actors)
    assert found["United States"].mentions == 4
    assert found["EU"].mentions == 3  # the curated short form, as readers write it
    assert not {"U.S.", "America", "European Union"} & set(found)


def test_an_honorific_makes_a_person_of_a_name_the_tagger_misreads() -> None:
    article = make_article(
        "Lawyers said Tony Rezko had given money to the campaign. Rezko denied it on Monday. "
        "Mr. Rezko will appear in court. The court heard Rezko had met the governor."
    )
    actors, _ = find_entities([article])
    assert by_name(actors)["Tony Rezko"].kind == "person"
    assert "Rezko" not in by_name(actors)


def test_wire_copy_tickers_legal_forms_and_money_are_not_names() -> None:
    article = make_article(
        "Oil producer Santos Ltd <STOS.S> said it will bid for <TMOC Resources Ltd>. "
        "Santos said the bid values TMOC at 248.5 mln U.S. Dlrs. "
        "Santos said TMOC holds several pipeline interests."
    )
    actors, _ = find_entities([article])
    listed = names(actors)
    assert "Santos" in listed
    assert not [n for n in listed if "<" in n or ">" in n or "Ltd" in n or "Dlrs" in n]


def test_roles_abbreviations_and_sentence_openers_are_not_names() -> None:
    article = make_article(
        "Senate Republican Leader Bob Dole met reporters in Hartford, Ct. on Monday. "
        "Did Dole change his mind? Will Dole run again, reporters asked Dole."
    )
    actors, locations = find_entities([article])
    listed = set(names(actors)) | set(names(locations))
    assert "Bob Dole" in listed
    assert not {"Senate Republican Leader", "Ct", "Ct.", "Did Dole", "Will Dole"} & listed


def test_names_of_two_sentences_come_before_names_of_one() -> None:
    article = make_article(
        "Maria Costa, Pedro Alves, Rui Matos and Ana Pires met on Monday. "
        "Rui Matos said the deal was done. Rui Matos will sign it on Friday."
    )
    actors, _ = find_entities([article])
    assert names(actors)[0] == "Rui Matos"


def test_a_role_inside_a_name_is_cut_off_but_a_company_keeps_its_name() -> None:
    article = make_article(
        "House Minority Leader Nancy Pelosi said she would study the deal. "
        "Pelosi met General Motors executives on Monday. General Motors said the talks went well."
    )
    actors, _ = find_entities([article])
    found = by_name(actors)
    assert found["Nancy Pelosi"].kind == "person"
    assert found["Nancy Pelosi"].mentions == 2
    assert found["General Motors"].kind == "organisation"
    assert "House Minority Leader Nancy Pelosi" not in found and "Motors" not in found


def test_a_country_of_two_words_is_never_cut_in_two() -> None:
    article = make_article(
        "Sri Lanka's president sacked the prime minister. The crisis in Sri Lanka deepened. "
        "Sri Lanka's parliament met on Friday."
    )
    _, locations = find_entities([article])
    assert by_name(locations)["Sri Lanka"].mentions == 3
    assert not {"Sri", "Lanka"} & set(names(locations))


def test_named_storms_are_no_actors_and_place_words_make_places() -> None:
    article = make_article(
        "Storm Idris forced thousands to flee. Aid could not reach El Fasher on Monday. "
        "Convoys were sent to El Fasher, officials said."
    )
    actors, locations = find_entities([article])
    assert "Idris" not in names(actors) + names(locations)
    assert "El Fasher" in names(locations)


def test_one_name_whatever_its_case() -> None:
    article = make_article(
        "UNICEF said 300 schools were closed. Unicef staff reached the valley on Monday. "
        "UNICEF will send more staff, the agency said."
    )
    actors, _ = find_entities([article])
    assert by_name(actors)["UNICEF"].mentions == 3
    assert "Unicef" not in names(actors)


def test_a_clipped_name_counts_for_the_organisation_the_day_spells_out() -> None:
    article = make_article(
        "The Federal Reserve added reserves on Tuesday. The Fed acted as funds traded at 6 pct. "
        "Dealers said the Fed would act again, and the Federal Reserve said nothing."
    )
    actors, _ = find_entities([article])
    assert by_name(actors)["Federal Reserve"].mentions == 4
    assert "Fed" not in names(actors)


def test_a_name_ending_in_a_word_for_a_place_is_a_location_not_an_actor() -> None:
    article = make_article(
        "Sugar exports to the British West Indies fell 5 pct in March. Growers in the British "
        "West Indies said prices were too low. The Lesser Palm Islands and the Korvia Coast also "
        "cut exports. Voters in the Republic of Karelia go to the polls on Sunday."
    )
    actors, locations = find_entities([article])
    places = names(locations)
    for place in ("British West Indies", "Lesser Palm Islands", "Korvia Coast",
                  "Republic of Karelia"):
        assert place in places
        assert place not in names(actors)


def test_a_word_for_a_kind_of_place_alone_is_not_a_place() -> None:
    article = make_article(
        "The Republic will hold elections in May, Foreign Minister Ana Ruiz said. Ruiz said the "
        "Republic is ready, and the Valley will vote first. Observers reached the Valley on Monday."
    )
    actors, locations = find_entities([article])
    listed = set(names(actors)) | set(names(locations))
    assert "Ana Ruiz" in listed
    assert not {"Republic", "Valley"} & listed


def test_a_department_glued_before_a_person_is_cut_off() -> None:
    article = make_article(
        "U.S. Secretary of Commerce Halbert Quimby said he hopes Prime Minister Toru Arakawa will "
        "make proposals. Quimby said talks would go on. Defense Secretary Lyle Brandt flew to "
        "Bonn, and Quimby said sanctions would stay. The Defense Intelligence Agency said the "
        "threat grew. The Defense Intelligence Agency declined to comment."
    )
    actors, _ = find_entities([article])
    found = by_name(actors)
    assert found["Halbert Quimby"].kind == "person"
    assert found["Halbert Quimby"].mentions == 3
    assert found["Defense Intelligence Agency"].kind == "organisation"
    assert not [n for n in found if n.startswith("Commerce")]
    assert "Intelligence Agency" not in found


def test_headline_tags_and_words_glued_before_a_name_are_not_part_of_it() -> None:
    article = make_article(
        "RIP Zaxon one of the greatest rappers ever! Zaxon, one half of the Harlow Brothers Band, "
        "has died. Zaxon founded the Harlow Brothers Band in 1991. BREAKING Harlow Brothers Band "
        "cancel tour. Watch: Harlow Brothers Band perform in Ohio. Their last album, The "
        "Legendary Harlow Brothers Band, came out in 2014. The legendary band was loved. "
        "Wow RIP Zaxon — Petra Vell (@petravell) June 20, 2017"
    )
    actors, _ = find_entities([article])
    found = by_name(actors)
    assert found["Zaxon"].mentions == 4
    assert "Petra Vell" in found
    assert "Harlow Brothers Band" in found
    assert not [n for n in found if n.split()[0] in ("RIP", "Wow", "BREAKING", "Watch:",
                                                     "Legendary") or "—" in n]


def test_a_post_at_an_organisation_is_not_a_name() -> None:
    article = make_article(
        "Wells were shut, said Garrick Dunmore, senior vice president of Operations for Lakeside "
        "Energy. Lakeside Energy asked customers to cut gas use. Lakeside Energy said the fire "
        "was out."
    )
    actors, _ = find_entities([article])
    assert by_name(actors)["Lakeside Energy"].mentions == 3
    assert not [n for n in names(actors) if n.startswith("Operations")]


def test_a_calendar_word_after_or_before_a_name_is_not_part_of_it() -> None:
    article = make_article(
        "Former ruler Anselmo Ferrel died on Sunday. Timeline: Dec 2004: a judge indicts Ferrel "
        "Jan 2005: a court backs the murder trial. Ferrel denied the charges. Senator Dana "
        "Whitcombe Tuesday said the trial was fair. Whitcombe said she would attend."
    )
    actors, _ = find_entities([article])
    calendar = {"Jan", "Dec", "Sunday", "Tuesday"}
    assert not [n for n in names(actors) if calendar & set(n.split())]
    assert by_name(actors)["Anselmo Ferrel"].mentions >= 3
    assert "Dana Whitcombe" in names(actors)


def test_a_common_term_or_a_country_and_a_common_word_is_no_actor() -> None:
    article = make_article(
        "Police said an Amber Alert was issued for the boy on Sunday. Amber Kessling, his "
        "mother, was arrested in Ohio. An Amber Alert had been issued hours earlier. Kessling "
        "said she heard that an Amber Alert was out. Separately, Japan widened access for U.S. "
        "Chip producers, Commerce Secretary Lyle Brandt said. Brandt said Japan had stopped "
        "underpricing semiconductors for U.S. Chip producers."
    )
    actors, _ = find_entities([article])
    assert "Amber Kessling" in names(actors)
    assert "Amber Alert" not in names(actors)
    assert "U.S. Chip" not in names(actors)
    assert "United States" in names(actors)


def test_the_title_of_an_album_or_a_memoir_is_no_actor() -> None:
    article = make_article(
        "Velvet Rook released their debut album, \u201cCold Harbour Nights,\u201d in 1993. Velvet "
        "Rook toured Europe a year later. Critics panned Cold Harbour Nights at first. The "
        "singer later wrote a memoir, \u201cMy Restless Years.\u201d Velvet Rook split in 2012."
    )
    actors, locations = find_entities([article])
    listed = names(actors) + names(locations)
    assert "Velvet Rook" in listed
    assert not [n for n in listed if "Harbour Nights" in n or "Restless Years" in n]


def test_a_name_typed_with_a_stray_capital_is_listed_as_written_properly() -> None:
    article = make_article(
        "Tarvex Ltd said it appointed president and chief executive WIlliam Dorrance to "
        "succeed Kenneth Barclay as chairman. Dorrance, 58, joined the company in 1979. "
        "Dorrance said profits would rise."
    )
    actors, _ = find_entities([article])
    assert "William Dorrance" in names(actors)
    assert not [n for n in names(actors) if "WI" in n]


def test_a_role_after_a_place_is_no_name() -> None:
    article = make_article(
        "The veteran Halifax MP, whose voice has weakened, is determined to vote. The Halifax "
        "MP tabled the bill in May. Colleagues praised the Halifax MP on Tuesday."
    )
    actors, locations = find_entities([article])
    assert not [n for n in names(actors) + names(locations) if n.endswith("MP")]


def test_a_writers_initials_after_the_story_are_no_actor() -> None:
    article = make_article(
        "Floods hit Padang on Monday and rescuers searched for survivors in Padang. The peak of "
        "the rainy season will begin in February.(QRT)"
    )
    actors, _ = find_entities([article])
    assert "QRT" not in names(actors)


def test_a_company_named_with_and_is_one_name() -> None:
    article = make_article(
        "Halvard Inc said talks resumed with 1,600 workers at its 63 pct-owned Kestrel Mining "
        "and Smelter Corp <KMS.TO> lead-zinc mine at Bathurst. The Kestrel mine produced "
        "413,800 tonnes of zinc last year."
    )
    actors, _ = find_entities([article])
    assert "Kestrel Mining and Smelter" in names(actors)
    assert "Kestrel" not in names(actors)


def test_a_building_named_after_a_person_does_not_take_the_persons_mentions() -> None:
    article = make_article(
        "Protesters gathered outside Velho Tower in Tarnow on Monday. "
        "President Velho said the tower would stay open. Velho later met the mayor. "
        "Aides said Velho had no comment, and Velho left for the harbour."
    )
    actors, locations = find_entities([article])
    found = by_name(actors)
    assert "Velho Tower" not in found or found["Velho Tower"].kind != "person"
    assert all(entity.mentions <= 1 for entity in actors if entity.name == "Velho Tower")

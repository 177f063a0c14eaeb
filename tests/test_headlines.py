"""headlines: every story is headed by a real headline — a clean title or one written from the
best sentence — never by page furniture or a list of names. Inputs written for these tests."""

from __future__ import annotations

import pytest

from briefing import headlines
from briefing.clean import clean_title


@pytest.mark.parametrize("raw, shown", [
    ("UPDATED: Storm Vela cuts power to 40,000 homes", "Storm Vela cuts power to 40,000 homes"),
    ("EXCLUSIVE - Port workers vote to strike", "Port workers vote to strike"),
    ("UPDATE 3-Copper climbs on supply worries", "Copper climbs on supply worries"),
    ("WATCH: Crews pull driver from flooded car", "Crews pull driver from flooded car"),
    ("Mayor quits over budget row (VIDEO)", "Mayor quits over budget row"),
    ("Mayor quits over budget row | Northport Herald", "Mayor quits over budget row"),
    ("Mayor quits over budget row | Northport Times English Language Newspaper",
     "Mayor quits over budget row"),
    ("Mayor quits over budget row - northport-herald.com", "Mayor quits over budget row"),
    ("Mayor quits over budget row - Reuters", "Mayor quits over budget row"),
    ("Gold - silver ratio hits a record", "Gold - silver ratio hits a record"),
    ("Velmora Air : Lawmakers Pull Plug On Tanker Lease", "Lawmakers Pull Plug On Tanker Lease"),
    ("Velmora Air: lawmakers pull plug on tanker lease",
     "Velmora Air: lawmakers pull plug on tanker lease"),
])
def test_titles_lose_labels_and_site_names(raw: str, shown: str) -> None:
    assert clean_title(raw) == shown


@pytest.mark.parametrize("furniture", [
    "Getty Images / PHOTOGRAPHER / Contributor",
    "Embed 2:49 autoplay Copy this code to your website",
    "Now Playing: Storm footage",
    "World News",
    "Top Stories",
    "Story highlights",
    "Editor's picks",
    "BC-Storm-Vela-Power,0412",
    "WX-STORM-VELA-ADV",
    "By Mara Quill and Tomas Reyes",
    "Sign up for our morning newsletter",
    "We use cookies to improve your experience",
    "Photo: Northport Fire Service",
    "2:49",
])
def test_furniture_is_never_a_title(furniture: str) -> None:
    assert clean_title(furniture) == ""


@pytest.mark.parametrize("sentence, expected", [
    ("Fire chief Dana Okoro said on Monday that about 3,000 residents had been told to leave "
     "the valley before the wind turns overnight.",
     "About 3,000 residents had been told to leave the valley"),
    ("After two days of talks, the ministers agreed on Friday to extend the grain corridor by "
     "60 days, officials said.",
     "The ministers agreed to extend the grain corridor by 60 days"),
    ("Harlow Mining said that Ines Varga, its chief financial officer since 2019, will step "
     "down at the end of the month.",
     "Ines Varga will step down at the end of the month"),
    ("The central bank raised its main rate to 4.5% on Thursday, the third increase this year, "
     "citing stubborn food prices.",
     "The central bank raised its main rate to 4.5%"),
])
def test_a_headline_written_from_a_sentence_is_its_main_clause(sentence: str,
                                                                expected: str) -> None:
    written = headlines.from_sentence(sentence)
    assert written == expected
    assert 6 <= len(written.split()) <= headlines.MAX_WORDS


def test_a_long_sentence_is_cut_where_a_clause_ends() -> None:
    written = headlines.from_sentence(
        "Rescue teams from four neighbouring provinces worked through the night to reach "
        "villages cut off by the landslide which buried the only road into the valley.")
    assert len(written.split()) <= headlines.MAX_WORDS
    assert not written.endswith((" the", " of", " which", " by"))
    assert written.startswith("Rescue teams from four neighbouring provinces")


def test_an_all_capitals_wire_title_is_set_in_sentence_case_by_the_story_itself() -> None:
    from briefing.domain import Article, RankedStory, ScoredSentence, Sentence, Story

    body = ("Norland's jobless rate fell to 4.1 pct in May, the OECD said. "
            "Norland and the EU agreed a new trade pact on Monday.")
    article = Article(text=body, origin="wire.json", title="NORLAND JOBLESS RATE FALLS TO 4.1 PCT")
    first, second = body.split(". ", 1)
    sentences = (Sentence(first + ".", article.id, 0, 0, len(first) + 1),
                 Sentence(second, article.id, 1, len(first) + 2, len(body)))
    story = RankedStory(Story((article,), sentences),
                        tuple(ScoredSentence(s, 1.0) for s in sentences), 1.0)
    assert headlines.for_story(story) == "Norland jobless rate falls to 4.1 pct"


def test_a_written_headline_drops_clock_times_and_publishing_labels_are_cut():
    written = headlines.from_sentence(
        "A fisherman, 54, was rescued off Gull Point around 3:30 a.m. on Sunday, the coast "
        "guard said.")
    assert written == "A fisherman was rescued off Gull Point"  # the age is no headline
    assert clean_title("The Latest: Ferry service resumes after storm") == \
        "Ferry service resumes after storm"
    assert clean_title("Access denied") == "" and clean_title("Accessing Article") == ""
    # A number's thousands separator is no clause boundary.
    written = headlines.from_sentence(
        "Cholera cases in Norland have now risen above 1,000, the health ministry said on "
        "Friday.")
    assert written == "Cholera cases in Norland have now risen above 1,000"
    assert len(headlines.from_sentence(
        "Cholera cases in the northern provinces of Norland have now risen above 1,000, the "
        "health ministry said on Friday.", max_chars=56)) <= 56


def test_a_title_that_is_only_a_name_does_not_head_a_story() -> None:
    assert headlines.is_a_name("House Committee on the Judiciary")
    assert headlines.is_a_name("The Velmora Commission on Coastal Safety")
    assert not headlines.is_a_name("Velmora Commission Calls For Coastal Safety Review")
    assert not headlines.is_a_name("Mobb Deep's Prodigy Dies At 42")
    assert not headlines.is_a_name("Rice likely pick as Powell's successor")


def test_a_long_appositive_or_an_age_does_not_crowd_out_the_news() -> None:
    written = headlines.from_sentence(
        "Harbour Clerk Ana Velho, under fire for months for failing to publish the minutes of an "
        "entire year of council meetings and the subject of a recall petition, resigned Monday.",
        max_chars=56)
    assert written == "Harbour Clerk Ana Velho resigned"
    written = headlines.from_sentence(
        "Rui Matos, 34, told deputies that the ferry had left the pier without its lights.",
        max_chars=56)
    assert written.startswith("Rui Matos told deputies")


def test_a_reported_clause_in_lower_case_keeps_its_speaker_and_its_verb() -> None:
    headline = headlines.from_sentence(
        "The Harbour Ministry said on Monday it was ending funding for the Velmora Port Fund, "
        "the region's agency for dredging and pilotage on more than 150 miles of coast.")
    assert "ending funding" in headline  # the news, not the apposition after the comma
    assert not headline.lower().startswith("the region")


def test_a_one_line_headline_ends_on_a_whole_phrase() -> None:
    for sentence in (
        "Toddlers process and preserve new words during those many naps they take during the "
        "day, a new study from Velmora suggests.",
        "Former Senate Majority Leader Ana Velho says she could not win in the modern Harbour "
        "Party of today.",
    ):
        line = headlines.from_sentence(sentence, max_chars=56)
        assert len(line) <= 56 and not line.endswith("…"), line
        assert len(line.split()) >= headlines.SHORTEST_WORDS
    assert headlines.from_sentence(
        "Former Senate Majority Leader Ana Velho says she could not win in the modern Harbour "
        "Party of today.", max_chars=56).startswith("Ana Velho says")


def test_a_written_headline_is_a_clause_not_its_subject_alone() -> None:
    for sentence in (
        "Parents of some of the pupils killed in the 2014 Velmora school fire, and their "
        "lawyers, reached a settlement with the city council on Monday after three years.",
        "Officers from the Harlow County Sheriff's Office, the Velmora Police Department and "
        "the state fire marshal searched a house at 12 Quill Road at dawn on Tuesday.",
    ):
        written = headlines.from_sentence(sentence, max_chars=56)
        assert written == "" or headlines.has_verb(written), written
    assert headlines.from_sentence(
        "New research suggests that lakes of liquid water could be buried in the icy crust of "
        "Velmora, a moon of Jupiter.", max_chars=56).startswith("Lakes of liquid water could")
    assert not headlines.has_verb("Parents of some of the victims")
    assert headlines.has_verb("Toddlers process new words during naps")


def test_a_wire_title_in_capitals_reads_as_the_story_writes_its_words() -> None:
    body = ["Cocoa prices may have to fall further, traders said.",
            "In February the New York May contract fell 40 dlrs; the Velmora Bank was cautious.",
            "The Velmora Bank of Harlow expects higher loan losses this year, its director said.",
            "Harbour Director Ana Velho spoke on Monday."]
    assert (headlines.as_title("COCOA MAY FALL MORE BEFORE NEW QUOTA TALKS", " ".join(body))
            == "Cocoa may fall more before new quota talks")
    assert (headlines.as_title("VELMORA BANK/HARLOW SEES HIGHER LOAN LOSSES", " ".join(body))
            == "Velmora Bank/Harlow sees higher loan losses")
    assert (headlines.as_title("BANK DIRECTOR IN NEW YORK QUITS", " ".join(body))
            == "Bank director in New York quits")
    assert (headlines.as_title("DEFICIT NARROWS IN FEBRUARY", " ".join(body))
            == "Deficit narrows in February")


def test_a_title_case_title_is_cut_before_its_first_joining_word() -> None:
    assert (headlines.shorten(
        "Harbour And Velmora Bands Go Their Separate Ways At Rock And Roll Hall Of Fame Gala", 56)
        == "Harbour And Velmora Bands Go Their Separate Ways")


def test_a_written_headline_is_the_news_not_a_quotation_or_a_cut_verb() -> None:
    assert headlines.from_sentence(
        '"I am incredibly flattered to have been asked to lead the Harbour Arts Council," the '
        "actor said in a statement late Sunday.") == ""
    written = headlines.from_sentence(
        "Harbour retailer Velmora Goods (VLM.N) agreed to buy Quillford Fashion for about 1.8 "
        "billion euros, the company said on Tuesday.", max_chars=56, whole=False)
    assert "(VLM.N)" not in written and not written.endswith("agreed"), written
    assert written.startswith("Harbour retailer Velmora Goods agreed to buy")


def test_reported_speech_keeps_its_speaker_when_the_clause_opens_on_a_pronoun() -> None:
    written = headlines.from_sentence(
        "Actor Ana Velho suggested on Sunday that she was not interested in leading the Harbour "
        "Arts Council in the new administration.", max_chars=56)
    assert written.startswith("Actor Ana Velho suggested"), written


@pytest.mark.parametrize("sentence, wanted", [
    # An opening participle's or condition's phrase goes; the news is the main clause.
    ("Faced with a flood of complaints about noisy trams, the Tarnow council is considering a "
     "night ban on the eastern line.", "The Tarnow council is considering a night ban"),
    ("Starting in 1998, the Velmora archive has been lending its maps to the city museum.",
     "The Velmora archive has been lending its maps to the city museum"),
    # A dashed aside and an epithet before the name give way to the name and its verb.
    ("Harbour Sen. Lina Vos — whose 12-hour speech against the ferry bill made her famous — is "
     "set to be featured in the spring issue of Tarnow Life.", "Lina Vos is set to be featured"),
    ("The summer's unlikely hero, Harbour councillor Lina Vos, is set to be featured in the "
     "spring issue of Tarnow Life.", "Lina Vos"),
])
def test_a_written_headline_starts_at_the_subject_of_the_news(sentence: str,
                                                               wanted: str) -> None:
    written = headlines.from_sentence(sentence, max_chars=72)
    assert wanted in written, written
    assert not written.startswith(("Faced", "Starting", "The summer")), written


@pytest.mark.parametrize("sentence, not_end", [
    ("The Harbour town clerk has resigned with a blistering letter in which she wishes the "
     "council luck in finding someone else to take notes.", ("in", "which")),
    ("Several local outlets are now reporting that the Tarnow mayor will step down after the "
     "budget vote next month.", ("reporting",)),
    ("Harbour Goods has picked out some new shoes to go with its handbags in a deal worth two "
     "billion euros.", ("to go",)),
    ("Velmora Telecom will begin selling the new version of the Orbit phone in mid-October to "
     "fill a hole in its lineup.", ("begin", "selling")),
    ("A 33-year-old Tarnow woman faces assault and child endangerment charges after a fight at "
     "a school fair on the harbour front.", ("faces assault",)),
    ("Kestrel Chapel is a church building in Velmora and is one of the largest wooden buildings "
     "in the northern provinces.", ("is one",)),
])
def test_a_written_headline_never_ends_on_a_word_that_needs_what_follows(
        sentence: str, not_end: tuple[str, ...]) -> None:
    written = headlines.from_sentence(sentence, max_chars=80)
    assert written and not written.endswith(not_end), written
    for _ in range(2):  # the cut one line shorter still ends whole
        written = headlines.from_sentence(sentence, max_chars=48)
        assert not written or not written.endswith(not_end), written


def test_a_written_headline_is_not_cut_inside_a_name_or_a_relative_clause() -> None:
    written = headlines.from_sentence(
        "State police have charged six University of Harbourside students with hazing offences "
        "after the death of a pledge last autumn.", max_chars=60)
    assert not written.endswith("University"), written
    assert "University of Harbourside" in written or "University" not in written, written
    relative = headlines.from_sentence(
        "A Velmoran sailor who was believed to have been lost at sea for a decade walked into "
        "his old harbour bar in Tarnow.", max_chars=56)
    assert not relative.endswith(("been", "believed", "have")), relative
    paper = headlines.from_sentence(
        "A new paper by Ilse Marow finds that, late in both campaigns, the Tarnow and Velmora "
        "parties spent most on online ads.", max_chars=48)
    assert paper != "A new paper by Ilse Marow finds that, late", paper


def test_a_written_headline_does_not_address_the_reader_or_open_on_a_condition() -> None:
    assert headlines.from_sentence(
        "You may have seen the posts about the Tarnow tram on social media this week.") == ""
    assert headlines.from_sentence(
        "If the Velmora council has really cut the library budget again, it would not be the "
        "first time the city has let its readers down.") == ""


def test_a_programme_named_after_a_day_keeps_its_name() -> None:
    written = headlines.from_sentence(
        'Tarnow comedian Ora Lind will host "Saturday Night Live" next month, the network said.')
    assert "Saturday Night Live" in written, written


def test_a_story_whose_best_sentence_cannot_be_cut_whole_is_headed_from_another() -> None:
    long_first = ("Members of the Velmora regional assembly are decrying the Harbourside "
                  "Transport Security Administration's decision to sign a costly uniform deal.")
    second = "The transport agency signed a uniform contract for 50 million euros."
    assert headlines.from_sentence(long_first, max_chars=56) == ""
    assert headlines.from_sentence(second, max_chars=56) == \
        "The transport agency signed a uniform contract"


def test_a_wire_title_in_capitals_keeps_a_country_the_story_does_not_name_capitalised() -> None:
    title = headlines.as_title("BANKERS CONFIRM NORWAY LONG-TERM RATE UNCHANGED",
                               "Bankers said the long-term prime rate was left unchanged.")
    assert title == "Bankers confirm Norway long-term rate unchanged"
    # A common word that is also a place keeps the case the story gives it, else lower case.
    assert headlines.as_title("U.S. TURKEY PRICES FIRM AHEAD OF HOLIDAY",
                              "Wholesale turkey prices rose.").startswith("U.S. turkey prices")


def test_a_title_its_feed_cut_short_shows_that_it_was_cut() -> None:
    assert headlines.as_title("Velmora's port says monitoring the strike situation very...",
                              "").endswith("very …")
    assert headlines.as_title("Tarnow mayor resigns…", "") == "Tarnow mayor resigns …"
    assert headlines.as_title("Tarnow mayor resigns.", "") == "Tarnow mayor resigns"


def test_a_written_headline_does_not_end_on_a_participle_left_without_its_phrase() -> None:
    written = headlines.from_sentence(
        "Foreign oil companies operating in Velmora said on Monday they were monitoring the "
        "strike at the Tarnow terminal closely.", max_chars=40)
    assert not written.endswith("operating"), written


def test_a_participle_with_its_agent_is_not_the_headline_verb() -> None:
    written = headlines.from_sentence(
        "Parents of almost half the young pupils injured by a falling crane at a Tarnow school "
        "two years ago have taken first steps toward suing the builder.", max_chars=72)
    assert written != "Parents of almost half the young pupils injured by a falling crane", written
    assert not written.endswith("injured"), written
    assert headlines.from_sentence(
        "Three pupils were injured by a falling crane at a Tarnow school on the first day of "
        "the new term in the old town.", max_chars=56).startswith("Three pupils were injured")


def test_a_typewriter_dash_aside_gives_way_like_a_dash() -> None:
    written = headlines.from_sentence(
        "The Tarnow council -- already short of money after the flood -- has closed three "
        "libraries in the old town and two in the harbour district.", max_chars=56)
    assert written.startswith("The Tarnow council has closed three libraries"), written


def test_a_long_title_is_cut_at_a_whole_phrase_even_without_a_verb() -> None:
    for title, kept in (
        ("Storm Vela: Harbour shops, Tarnow Hardware stock up on supplies before the storm hits "
         "the coast", "Storm Vela: Harbour shops, Tarnow Hardware stock up on supplies"),
        ("Tarnow mayor is dropped by her party... but she vows to stand again as an independent "
         "in the spring", "Tarnow mayor is dropped by her party"),
    ):
        cut = headlines.shorten(title, 65, whole=True, title=True)
        assert cut.startswith(kept) and "…" not in cut and not cut.endswith("..."), cut


def test_an_epithet_is_only_dropped_before_a_name_not_from_a_clause() -> None:
    written = headlines.from_sentence(
        "The night's top award was handed to the wrong film, presumed favourite Harbour Lights, "
        "because the presenters were given the wrong envelope.", max_chars=72)
    assert not written.lower().startswith("presumed favourite"), written


def test_a_title_opening_on_a_phrase_keeps_its_news_when_cut() -> None:
    cut = headlines.shorten(
        "For First Time In 90 Years, More Tarnow Adults Live With Parents Than With Partners",
        65, whole=True, title=True)
    assert cut == "More Tarnow Adults Live With Parents Than With Partners", cut


def test_a_subject_before_of_is_not_a_headline() -> None:
    written = headlines.from_sentence(
        "The four surviving and original members of the Tarnow Harbour Band will reunite for a "
        "single charity concert in the old town square next summer.", max_chars=56)
    assert written != "The four surviving and original members", written


def test_an_irregular_past_verb_makes_a_clause() -> None:
    assert headlines.has_verb("Ana Velho wrote in a memo")
    assert headlines.has_verb("Harbour prices rose")
    assert not headlines.has_verb("Rose Byrne and the Tarnow cast")
    written = headlines.from_sentence(
        "Several outlets are now reporting that Ana Velho wrote in a memo that the Tarnow mayor "
        "asked her to drop the harbour inquiry into the port authority.", max_chars=72)
    assert written.startswith("Ana Velho wrote in a memo"), written


def test_a_wire_title_keeps_months_and_acronyms_the_story_does_not_spell() -> None:
    title = headlines.as_title("TARNOW SETS WHEAT TENDER ON JUNE 16",
                               "Tarnow has set a tender for tomorrow, traders said.")
    assert title == "Tarnow sets wheat tender on June 16", title
    assert headlines.as_title("HOT WEATHER PUSHES CBT GRAINS TO NEW HIGHS",
                              "Grain prices rose on hot weather.").startswith(
        "Hot weather pushes CBT grains")
    assert clean_title("OLIN <OLN>, YAMAHA IN PACT") == "OLIN, YAMAHA IN PACT"
    assert clean_title("USX <X>/WORTHINGTON PLANT OPENS") == "USX/WORTHINGTON PLANT OPENS"


def test_a_cut_never_leaves_a_transitive_past_verb_without_its_object() -> None:
    written = headlines.from_sentence(
        "Parents of at least 13 of the 20 young pupils killed in the 2012 Tarnow school fire "
        "have opened estates in their names at the probate court.", max_chars=56)
    assert not written.endswith("killed"), written
    advert = headlines.from_sentence(
        "An advertisement revealing how salt harms the heart is the most effective health "
        "campaign in Velmora, a Tarnow study suggests.", max_chars=48)
    assert advert != "An advertisement revealing how salt harms", advert
    assert headlines.from_sentence(
        "Mark Velho, died of a heart attack at his home in Tarnow on Tuesday, his family said."
    ).startswith("Mark Velho died of a heart attack")


def test_a_participle_describing_a_noun_is_not_the_headline_verb() -> None:
    written = headlines.from_sentence(
        "The parents of eight of the children killed in the Dec. 14 Tarnow school fire filed a "
        "lawsuit against the builder on Monday.", max_chars=56)
    assert not written.endswith(("Dec. 14", "killed", "fire")), written
    assert headlines.from_sentence(
        "The Tarnow bridge collapsed in the storm after days of rain, the council said.",
        max_chars=40) == "The Tarnow bridge collapsed in the storm"


def test_a_source_cited_before_the_attribution_goes_with_it() -> None:
    written = headlines.from_sentence(
        "Citing court records, the Tarnow Courier reported that the harbour master had resigned "
        "over the ferry contract last spring.", max_chars=56)
    assert written.startswith("The harbour master had resigned"), written


def test_a_title_cut_keeps_a_headline_participle() -> None:
    cut = headlines.shorten("Record 600 Tarnow huts flattened in a day, next target the old "
                            "harbour market, officials say", 56, whole=True, title=True)
    assert cut == "Record 600 Tarnow huts flattened in a day", cut

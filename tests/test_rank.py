"""rank: stories ordered by importance, sentences best first, no repeats across the brief."""

from __future__ import annotations

import dataclasses
import datetime as dt

from conftest import make_article, make_sentences

from briefing import rank, rankers, stories, vectors
from briefing.domain import RankedStory, ScoredSentence, Sentence, Story

FLOOD_A = make_article(
    "Floods forced 20,000 people from their homes in northern Italy on Tuesday. "
    "The regional government said the river Po burst its banks near Piacenza after days of rain. "
    "Army units helped evacuate flooded villages along the Po as the rain continued.",
    "flood-a.txt", source="Wire One",
)
FLOOD_B = make_article(
    "Floods forced 20,000 people from their homes in northern Italy on Tuesday, officials said. "
    "Soldiers evacuated villages near Piacenza as the river Po kept rising overnight.",
    "flood-b.txt", source="Wire Two",
)
VOTE = make_article(
    "Parliament in Lisbon approved the national budget for next year by a wide margin. "
    "Is this the end of the austerity years? "
    "He called it historic. "
    "Finance minister Ana Costa said the budget cuts income tax for low earners from January.",
    "vote.txt", source="Wire Three",
)


def _story(*articles):
    return Story(tuple(articles), tuple(s for a in articles for s in make_sentences(a)))


def _fitted(*stories):
    return vectors.get_vectorizer().fit([s.text for st in stories for s in st.sentences])


def test_rank_orders_sentences_best_first_and_keeps_every_score():
    story = _story(FLOOD_A, FLOOD_B)
    ranked = rank.rank(story, rankers.get("default"), _fitted(story))
    scores = [s.score for s in ranked.ranked]
    assert scores == sorted(scores, reverse=True)
    assert {s.sentence for s in ranked.ranked} == set(story.sentences)


def test_a_story_two_outlets_carry_matters_more_than_a_single_report():
    flood, vote = _story(FLOOD_A, FLOOD_B), _story(VOTE)
    fitted = _fitted(flood, vote)
    ranker = rankers.get("default")
    assert rank.rank(flood, ranker, fitted).importance > rank.rank(vote, ranker, fitted).importance


def test_select_never_repeats_a_sentence_another_source_already_gave():
    flood, vote = _story(FLOOD_A, FLOOD_B), _story(VOTE)
    fitted = _fitted(flood, vote)
    ranked = [rank.rank(st, rankers.get("default"), fitted) for st in (vote, flood)]
    brief = rank.select(ranked, fitted, max_stories=5, per_story=3)
    texts = [s.sentence.text for story in brief for s in story.ranked]
    openings = [t for t in texts if t.startswith("Floods forced 20,000 people")]
    assert len(openings) == 1
    assert brief[0].story.articles == (FLOOD_A, FLOOD_B)


def test_select_skips_questions_fragments_and_dangling_openings():
    vote = _story(VOTE)
    fitted = _fitted(vote)
    brief = rank.select([rank.rank(vote, rankers.get("lead"), fitted)], fitted, per_story=3)
    texts = [s.sentence.text for s in brief[0].ranked]
    assert texts == [
        "Parliament in Lisbon approved the national budget for next year by a wide margin.",
        "Finance minister Ana Costa said the budget cuts income tax for low earners from January.",
    ]


def test_a_dangling_sentence_is_used_when_the_story_has_nothing_else():
    article = make_article("It was the largest protest the capital had seen in a decade.", "p.txt")
    story = _story(article)
    fitted = _fitted(story)
    brief = rank.select([rank.rank(story, rankers.get("default"), fitted)], fitted)
    assert [s.sentence.text for s in brief[0].ranked] == [article.text]


def test_select_keeps_the_most_important_stories_and_at_most_per_story_sentences():
    flood, vote = _story(FLOOD_A, FLOOD_B), _story(VOTE)
    fitted = _fitted(flood, vote)
    ranked = [rank.rank(st, rankers.get("default"), fitted) for st in (vote, flood)]
    brief = rank.select(ranked, fitted, max_stories=1, per_story=2)
    assert len(brief) == 1 and len(brief[0].ranked) <= 2
    assert brief[0].story == flood


def test_a_newer_story_outranks_an_equally_covered_older_one():
    old = make_article(
        "Wildfires burned across the hills above Athens as firefighters battled the flames.",
        "old.txt", published=dt.datetime(2024, 7, 1, 8, 0),
    )
    new = make_article(
        "A cargo ship ran aground in the Suez Canal and blocked traffic in both directions.",
        "new.txt", published=dt.datetime(2024, 7, 3, 8, 0),
    )
    stories = [_story(old), _story(new)]
    fitted = _fitted(*stories)
    ranked = [rank.rank(st, rankers.get("default"), fitted) for st in stories]
    assert rank.select(ranked, fitted)[0].story.articles == (new,)


def test_choose_fills_a_word_budget_in_reading_order():
    story = _story(FLOOD_A, FLOOD_B)
    fitted = _fitted(story)
    chosen = rank.choose(rank.rank(story, rankers.get("default"), fitted), fitted, words=40)
    assert sum(len(s.sentence.text.split()) for s in chosen) <= 40
    assert len(chosen) >= 2
    positions = [s.sentence.index for s in chosen]
    assert positions == sorted(positions)


def test_choose_takes_a_sentence_budget():
    sentence = Sentence("Floods forced thousands from their homes in Italy.", "x", 0, 0, 50)
    ranked = RankedStory(Story((), (sentence,)), (ScoredSentence(sentence, 1.0),), 0.0)
    fitted = vectors.get_vectorizer().fit([sentence.text])
    assert [s.sentence for s in rank.choose(ranked, fitted, sentences=3)] == [sentence]


def test_the_brief_prefers_a_sentence_that_names_something_new_over_another_generality():
    text = (
        "Tensions in the region remain high as the crisis continues to unfold. "
        "Observers said tensions in the region remain high and the crisis could deepen. "
        "Analysts warned that the crisis could deepen as tensions remain high in the region. "
        "Many fear the crisis will deepen while tensions in the region stay high. "
        "Late on Sunday, Admiral Lena Brandt ordered two frigates to Tallinn after a drone "
        "crossed Estonian airspace. "
        "The frigates will stay in Tallinn for a week, Admiral Lena Brandt said."
    )
    story = _story(make_article(text, "crisis.txt"))
    fitted = _fitted(story)
    ranked = [
        RankedStory(story, tuple(ScoredSentence(s, 1.0 - 0.1 * s.index)
                                 for s in story.sentences), 1.0)
    ]
    picked = rank.select(ranked, fitted, per_story=2)[0].ranked
    assert any("Admiral Lena Brandt" in s.sentence.text for s in picked)
    # eval's summary choice scores the ranker alone and keeps to its order.
    summary = rank.choose(ranked[0], fitted, sentences=2)
    assert not any("Brandt" in s.sentence.text for s in summary)


def test_the_brief_drops_a_rewording_that_names_nothing_new():
    first = make_article(
        "The special envoy Mara Lind said the first goal was a 30-day humanitarian truce in "
        "the city of Alpha. Trucks with food for Alpha are waiting at the border with Beta.",
        "wire-one.txt", source="Wire One")
    second = make_article(
        "Negotiators will first seek a truce in the fighting of 30 days around Alpha, the "
        "envoy added. Engineers began repairing the damaged water plant outside the city of "
        "Gamma.",
        "wire-two.txt", source="Wire Two")
    story = _story(first, second)
    fitted = _fitted(story)
    ranked = rank.rank(story, rankers.get("default"), fitted)
    chosen = rank.select([ranked], fitted, per_story=4)[0].ranked
    texts = [s.sentence.text for s in chosen]
    truce = [s for s in chosen if "truce" in s.sentence.text]
    assert len(truce) == 1
    assert any("water plant" in t for t in texts)
    # The rewording it stands for is kept as a second source for the same fact.
    other = second.id if truce[0].sentence.article_id == first.id else first.id
    assert [s.article_id for s in truce[0].also] == [other]
    assert "truce" in truce[0].also[0].text


def test_an_embedded_tweet_signature_is_not_a_sentence():
    article = make_article(
        "MOBB — Some Rapper (@somerapper) June 20, 2017\n"
        "The rapper died on Tuesday in Las Vegas after a short stay in hospital.", "t.txt")
    tweet, news = make_sentences(article)
    assert not rank.fit_for_summary(tweet)
    assert rank.fit_for_summary(news)


# --- news sentences (issue 10) -------------------------------------------------------------------


def _sentence(text: str) -> Sentence:
    return Sentence(text, "id", 0, 0, len(text))


def test_captions_and_credits_are_never_brief_sentences():
    for caption in (
        "In this March 3, 2021, file photo, firefighters battle a blaze at a warehouse in Osaka.",
        "(Harbour Press) In this Saturday photo, people queue outside a bakery in Velmora.",
        "Mayor Ilse Marten speaks to reporters outside city hall (Photo: Velmora Courier).",
        "Rescue workers carry a survivor from the rubble near the station. (AP Photo/J. Doe)",
        "Pictured: the new tram line that opens next month between the two districts.",
        "From left, the three ministers pose for a picture before the summit began on Monday.",
    ):
        assert not rank.fit_for_brief(_sentence(caption)), caption
    report = "Firefighters battled a blaze at a warehouse in Osaka for six hours on Monday."
    assert rank.fit_for_brief(_sentence(report))


def test_a_sentence_the_source_cut_off_is_never_shown():
    cut = "Shops in the old town have seen long queues since Saturday, when the city became..."
    assert not rank.fit_for_brief(_sentence(cut))


def test_a_report_beats_colour_and_opinion_of_the_same_rank():
    colour = "You could feel the mood change as the sun set over the quiet harbour town."
    opinion = "Perhaps we should all ask ourselves what kind of city we want to live in."
    report = "The council voted 31 to 9 on Tuesday to close the harbour to cruise ships."
    assert rank.news_value(_sentence(report)) > rank.news_value(_sentence(colour))
    assert rank.news_value(_sentence(report)) > rank.news_value(_sentence(opinion))
    # Inside quotation marks it is what someone said, not the writer's opinion.
    quoted = '"We should have acted sooner," the mayor said on Tuesday.'
    assert rank.news_value(_sentence(quoted)) > 0

    article = make_article(f"{colour} {opinion} {report}", "harbour.txt")
    story = _story(article)
    fitted = _fitted(story)
    flat = RankedStory(story, tuple(ScoredSentence(s, 1.0) for s in story.sentences), 1.0)
    [chosen] = rank.select([flat], fitted, per_story=1)
    assert chosen.ranked[0].sentence.text == report


def test_another_outlets_wording_of_a_chosen_fact_is_a_repeat():
    first = make_article(
        "Sales in the first four days reached $3 million and brought Norland $500,000 in tax, "
        "the retailers' association said. Queues formed outside most shops in Velmora.",
        "one.txt")
    second = make_article(
        "Norland retailers made $3 million in four days, and the state collected $500,000 in "
        "tax revenue, according to the Velmora Sun. Some shops ran out of stock by Monday.",
        "two.txt")
    story = _story(first, second)
    fitted = _fitted(story)
    scored = rank.rank(story, rankers.get("default"), fitted)
    [chosen] = rank.select([scored], fitted, per_story=3)
    texts = [s.sentence.text for s in chosen.ranked]
    assert sum("$500,000" in t for t in texts) == 1


def test_sentences_about_the_page_are_never_brief_sentences():
    for text in (
        "Saeed detention not enough was posted in Top Story of Example News - "
        "https://news.example.com on February 01, 2017 and was last updated on February 01.",
        "SAYS UNIT WINS HONG KONG SITE FOR HK$725.8 MILLION Source text in English: bit.ly/x",
        "Shares rose 4 percent in early trading on Monday. (Reporting by Jo Lane; Editing by "
        "Ana Ruiz)",
        "THE COUNCIL VOTED ON TUESDAY TO CLOSE THE HARBOUR TO CRUISE SHIPS FROM NEXT YEAR.",
    ):
        assert not rank.fit_for_brief(_sentence(text)), text


def test_headings_letters_and_memos_glued_into_sentences_are_never_shown():
    for text in (
        "Harbour Record: November 19, 2025 (Council) Page 11-14 Inquiry Into Port Authority "
        "Leasing Of Cargo Cranes Mr. Vance.",
        "Dear Mr. Secretary: On March 2, the chairman wrote to request a thorough inquiry.",
        "From: Ana Ruiz To: Jo Lane Date: Sept 05 Subj: Our friend I read the article with dismay.",
        "SOUTH COAST :\nOne Giant Step And 32 Small Ones",
        "Port workers vote to strike from Monday over pay",
    ):
        assert not rank.fit_for_brief(_sentence(text)), text


def test_instructions_to_the_reader_are_not_news():
    for text in ('See "Harbour Records" for a list of every ship that called at the port.',
                 "Click here to read the full report on the harbour closure and its costs.",
                 "Subscribe to our newsletter for the latest on the harbour closure today.",
                 "NOTE: 1987 third quarter revenues include sales to a unit of 3.0 mln dlrs."):
        assert not rank.fit_for_brief(_sentence(text)), text


def test_a_one_sentence_story_matters_less_than_a_reported_one():
    note = make_article("Bears fan Ada Quill met her hero outside the stadium in 1999.", "n.txt")
    report = make_article(
        "Parliament in Lisbon approved the budget on Tuesday by 130 votes to 96. "
        "Finance minister Ana Costa said income tax falls for low earners from January. "
        "The opposition called the plan reckless and promised to challenge it. "
        "Unions welcomed the higher minimum wage included in the budget. "
        "The budget now goes to the president for signature.", "r.txt")
    a, b = _story(note), _story(report)
    fitted = _fitted(a, b)
    ranker = rankers.get("default")
    assert rank.rank(b, ranker, fitted).importance > rank.rank(a, ranker, fitted).importance


def test_a_story_grouped_on_vocabulary_alone_is_told_from_one_company():
    first = make_article(
        "Harlow Mining said first quarter net profit rose to 17 mln dlrs from 5 mln dlrs. "
        "Harlow Mining said revenue rose 12 pct in the first quarter on higher copper prices. "
        "The Velmora-based company expects a better second quarter.", "harlow.txt")
    second = make_article(
        "Quillford Foods said its first quarter net loss widened to 32 mln dlrs. "
        "Quillford Foods blamed lower prices for its first quarter loss.", "quillford.txt")
    story = _story(first, second)
    fitted = _fitted(story)
    flat = RankedStory(story, tuple(ScoredSentence(s, 1.0 - 0.01 * i)
                                    for i, s in enumerate(story.sentences)), 1.0)
    [chosen] = rank.select([flat], fitted, per_story=4)
    assert {s.sentence.article_id for s in chosen.ranked} == {first.id}


def test_a_shared_month_does_not_make_two_reports_one_event():
    first = make_article(
        "Consumer prices in Norland rose 0.6 pct in March, the statistics office said. "
        "Inflation in Norland was 0.4 pct in February.", "prices.txt")
    second = make_article(
        "Retail sales in Quillford rose 1.9 pct in February. Unadjusted sales were 7.8 pct "
        "higher than in March last year.", "sales.txt")
    story = _story(first, second)
    flat = RankedStory(story, tuple(ScoredSentence(s, 1.0 - 0.01 * i)
                                    for i, s in enumerate(story.sentences)), 1.0)
    [chosen] = rank.select([flat], _fitted(story), per_story=4)
    assert {s.sentence.article_id for s in chosen.ranked} == {first.id}


_MORE = [
    "Wildfires burned 3,000 hectares of forest near Athens on Monday. Firefighters said strong "
    "winds spread the flames towards the coast. Hundreds of residents left their homes.",
    "The city council of Lyon voted to ban cars from the old town on weekends. The mayor said "
    "the ban starts in March. Shop owners said they feared losing customers.",
    "A cargo ship ran aground in the Suez Canal on Friday, halting traffic for six hours. The "
    "canal authority said tugboats freed the ship. Dozens of vessels waited at both ends.",
    "Norway's central bank kept its main interest rate at 4.5 percent on Thursday. The bank said "
    "inflation was still too high. Economists had expected the decision.",
]


def test_rank_day_ranks_in_full_the_stories_that_can_reach_the_page():
    day = [_story(FLOOD_A, FLOOD_B), _story(VOTE)]
    day += [_story(make_article(text, f"more-{k}.txt", source=f"Wire {k}"))
            for k, text in enumerate(_MORE)]
    fitted = _fitted(*day)
    ranker = rankers.get("default")
    full = rank.rank_day(day, ranker, fitted, candidates=len(day))
    assert full == [rank.rank(story, ranker, fitted) for story in day]
    cheap = rank.rank_day(day, ranker, fitted, candidates=2)
    assert len(cheap) == len(day)
    top, top_cheap = rank.by_importance(full)[:2], rank.by_importance(cheap)[:2]
    assert top_cheap == top  # the same most important stories, ranked the same
    left = [story for story, ranked in zip(cheap, full, strict=True) if story != ranked]
    assert left  # some stories could not reach the page: they were not ranked in full ...
    for story in left:  # ... and read in article order
        assert [s.sentence.index for s in story.ranked] == sorted(
            s.sentence.index for s in story.ranked)


def test_a_speakers_own_words_without_attribution_are_not_news() -> None:
    for text in (
        "As you know from the announcement earlier today, I submitted my resignation on Friday.",
        "In my view the council has failed the town for a decade.",
        "Thank you all for supporting me through these difficult weeks.",
    ):
        assert not rank.fit_for_brief(_sentence(text)), text
    for text in (
        '"I submitted my resignation on Friday," the minister told reporters in Oslo.',
        "The minister said she had submitted her resignation on Friday.",
        "The wreck of the battleship, sunk in World War I, was found on Monday.",
        '"My door is open," the mayor said on Tuesday, inviting the unions to talks.',
    ):
        assert rank.fit_for_brief(_sentence(text)), text


def test_many_companies_routine_notes_are_not_one_widely_reported_event() -> None:
    notes = [make_article(f"{name} Corp said its board authorized the repurchase of up to "
                          f"{n} shares of its common stock in open market transactions.",
                          origin=f"note-{n}.txt")
             for n, name in enumerate(["Velmora", "Quillford", "Harbourne", "Corvale",
                                       "Tessaly", "Brightwater"], start=1)]
    tables = [make_article("Shr 61 cts vs 5 cts\\nNine mths\\nNOTE: Per share figures "
                           f"restated for the stock split of quarter {n}.", origin=f"t{n}.txt")
              for n in range(5)]
    event = [make_article(f"Mayor Ilse Marten of Velmora closed the Old Harbor Bridge on Monday, "
                          f"outlet {n} reported. Marten said repairs would take weeks.",
                          origin=f"bridge-{n}.txt", source=f"Outlet {n}") for n in range(4)]

    def coverage(articles: list) -> float:
        return rank._coverage(Story(tuple(articles), ()))
    assert coverage(notes) == coverage(notes[:1]) == 0.0
    assert coverage(tables) == 0.0
    assert coverage(event) > 0.5


def test_navigation_trails_and_contact_labels_are_not_news() -> None:
    for text in (
        "newswire article coverage election fraud | government | human rights Rep. Ana Velho on "
        "Voting e-mail: author: Rep. Ana Velho This letter was sent on December 23.",
        "For more information write to press.office@velmora-council.example before Friday.",
    ):
        assert not rank.fit_for_brief(_sentence(text)), text
    assert rank.fit_for_brief(_sentence(
        "The council voted 7-2 on Monday to close the Old Harbor Bridge for three weeks."))


def test_routine_filings_through_one_agency_are_not_one_event_but_an_events_reports_are() -> None:
    # Stake filings: every opening names the agency they were filed with, every title its own
    # company; reports of one event name its subject in their titles.
    filings = [make_article(f"{firm} Partners told the Securities and Exchange Commission it "
                            f"raised its stake in {target} Inc to {n}00,000 shares, or {n} pct "
                            "of the total outstanding.",
                            origin=f"filing-{n}.txt", title=f"{firm} lifts stake in {target}")
               for n, (firm, target) in enumerate([("Harlow", "Velmora Mining"),
                                                   ("Corvale", "Quillford Foods"),
                                                   ("Tessaly", "Brightwater Air"),
                                                   ("Ostrava", "Pellin Bancorp")], start=5)]
    ratings = [make_article(f"Standard and Poor's Corp said it cut {company}'s 200 mln dlrs of "
                            "debt to BB from BBB.", origin=f"rating-{k}.txt",
                            title=f"{company.upper()} DEBT DOWNGRADED BY S/P")
               for k, company in enumerate(["Velmora Mining", "Quillford Foods", "Pellin"])]
    reactions = [make_article(f"{who} said on Tuesday that Ilse Marten would be a good choice "
                              "to succeed Jan Obrecht as governor of the Norland central bank.",
                              origin=f"reaction-{k}.txt", title=title)
                 for k, (who, title) in enumerate([
                     ("Senator Dole", "DOLE SAYS MARTEN WILL BE GOOD GOVERNOR"),
                     ("Economist Henry Vale", "VALE SAYS MARTEN NOMINATION BAD FOR BONDS"),
                     ("A car maker", "CAR MAKER PRAISES MARTEN APPOINTMENT"),
                     ("Finance minister Rudd", "RUDD REGRETS OBRECHT DEPARTURE")])]

    def coverage(articles: list) -> float:
        return rank._coverage(Story(tuple(articles), ()))
    assert coverage(filings) == 0.0
    assert coverage(ratings) == 0.0
    assert len(rank._reports(reactions)) == len(reactions)  # each names the nominee
    assert coverage(reactions) > 0.5


def test_a_sentence_leaning_on_the_one_before_does_not_stand_alone() -> None:
    for text in (
        "On the other hand the central bank is confident that cooperation will continue.",
        "In addition, the company said it would cut 300 jobs.",
        'By his leadership he has also won our great respect," the minister said on Monday.',
        "The rate will stay at 5 pct,\u201d the trader said.",
    ):
        assert rank.dangling(_sentence(text)), text
    for text in (
        "In addition to the new tax, the council raised parking fees on Monday.",
        "As a result of the storm, 300 flights were cancelled at Velmora airport.",
        '"We intervened in dollar-yen with the central bank," a dealer said.',
        'The minister said the plan was "dead" after the vote on Monday.',
    ):
        assert not rank.dangling(_sentence(text)), text


def test_a_denial_of_a_reported_fact_is_told_not_dropped_as_its_repeat() -> None:
    report = make_article(
        "Harlow Pipelines Ltd has raised its takeover offer for Velmora Petroleum to 5.5 billion "
        "dlrs from 4.3 billion dlrs, the national broadcaster reported. Velmora Petroleum has "
        "agreed to a rival offer of 5.1 billion dlrs.", "report.txt", source="Wire A")
    denial = make_article(
        "Harlow Pipelines Ltd denied reports that it raised its takeover offer for Velmora "
        "Petroleum to 5.5 billion dlrs from 4.3 billion dlrs.", "denial.txt", source="Wire B")
    story = _story(report, denial)
    flat = RankedStory(story, tuple(ScoredSentence(s, 1.0 - 0.01 * i)
                                    for i, s in enumerate(story.sentences)), 1.0)
    [chosen] = rank.select([flat], _fitted(story), per_story=3)
    told = {s.sentence.text: s for s in chosen.ranked}
    assert any(text.startswith("Harlow Pipelines Ltd denied") for text in told)
    raised = next(s for text, s in told.items() if "has raised" in text)
    assert denial.id not in {s.article_id for s in raised.also}  # the denial confirms nothing


def _ranked_day(*day: Story) -> tuple[list[RankedStory], object]:
    fitted = _fitted(*day)
    ranker = rankers.get("default")
    return [rank.rank(story, ranker, fitted) for story in day], fitted


def test_the_news_and_the_reactions_to_it_grouped_apart_become_one_story() -> None:
    news = _story(*(make_article(
        "President Alvaro Reyes named economist Ilse Marten to succeed Jan Obrecht as governor of "
        f"the Norland central bank on Tuesday. Obrecht had declined a third term, Reyes said{k}.",
        f"news-{k}.txt", title=title, source=f"Wire {k}")
        for k, title in enumerate(["Reyes names Marten to succeed Obrecht",
                                   "Obrecht will not serve a third term, Reyes says"])))
    reactions = _story(*(make_article(
        f"{who} welcomed the nomination of Ilse Marten to succeed Jan Obrecht as governor of the "
        "Norland central bank on Tuesday. Markets rose after the nomination of Marten.",
        f"reaction-{k}.txt", title=title, source=f"Outlet {k}")
        for k, (who, title) in enumerate([("Finance minister Rudd", "Rudd welcomes Marten"),
                                          ("The bankers' union", "Union praises Marten choice")])))
    other = _story(make_article(
        "Floods closed the main rail line between Velmora and Quillford on Tuesday. Engineers "
        "said repairs would take a week.", "floods.txt", title="Floods close Velmora line"))
    ranked, fitted = _ranked_day(news, reactions, other)
    merged = rank.merge_events(ranked, rankers.get("default"), fitted,
                               lambda groups: stories.likeness(groups, fitted), top=10)
    assert len(merged) == 2
    event = next(s for s in merged if len(s.story.articles) == 4)
    assert event.importance > max(r.importance for r in ranked[:2])  # four reports now count


def test_routine_notes_alike_in_wording_stay_apart() -> None:
    notes = [_story(make_article(
        f"{firm} Inc said it began an initial public offering of 1.5 mln common shares at 12 dlrs "
        "a share through underwriters led by Harbourne Securities.", f"{firm}.txt",
        title=f"{firm} initial offering underway", source="Wire")) for firm in
        ("Velmora", "Quillford", "Tessaly")]
    ranked, fitted = _ranked_day(*notes)
    assert (stories.likeness([[s.sentence for s in r.ranked] for r in ranked], fitted)
            >= 1.0).all()  # as alike as one event's reports ...
    merged = rank.merge_events(ranked, rankers.get("default"), fitted,
                               lambda groups: stories.likeness(groups, fitted), top=10)
    assert len(merged) == 3  # ... but each names its own company


def test_a_feature_writers_scene_or_sneer_is_less_news_than_the_report() -> None:
    report = "The comedian appeared on a morning talk show on Friday to promote a school charity."
    for colour in (
        "Submitting to a grilling slightly gentler than any his sitcom son ever faced, the "
        "comedian appeared on a morning talk show on Friday.",
        "Dressed in a grey suit and smiling for the cameras, the comedian appeared on a morning "
        "talk show on Friday.",
        "The comedian appeared on a morning talk show on Friday, where the network bragged he "
        "would finally speak.",
    ):
        assert rank.news_value(_sentence(colour)) < rank.news_value(_sentence(report)), colour
    framed = "Speaking to reporters in Velmora, the minister said 300 troops would leave on Friday."
    assert rank.news_value(_sentence(framed)) >= rank.news_value(_sentence(report))


def test_a_quotation_cut_open_is_no_sentence_even_if_it_contains_a_saying_verb() -> None:
    assert not rank.fit_for_brief(_sentence(
        "\u201cI think that many of them may say, \u2018Well, you are a hypocrite to the town."))
    assert rank.fit_for_brief(_sentence(
        'The mayor said: "We will rebuild the harbour within a year.'))
    assert rank.fit_for_brief(_sentence(
        "\u201cWe will rebuild the harbour,\u201d said the mayor of the town on Monday."))


def test_many_companies_results_sharing_a_common_name_word_are_no_event() -> None:
    banks = ["First Federal Velmora", "First Federal Quillford", "Harbourne Savings",
             "Corvale Trust", "Tessaly Bancorp", "Brightwater Capital"]
    results = [make_article(f"{bank} said third quarter net income rose to {n} mln dlrs from "
                            f"{n - 1} mln dlrs a year earlier, on higher loan income.",
                            origin=f"bank-{n}.txt", title=f"{bank.upper()} 3RD QTR NET")
               for n, bank in enumerate(banks, start=5)]
    story = Story(tuple(results), ())
    assert rank.report_count(story) == 1  # "(6 reports)" would tell the reader an event
    assert rank._coverage(story) == 0.0


def test_the_writer_talking_to_the_reader_is_feature_writing() -> None:
    assert rank.feature_writing(_sentence(
        "Well, the council has a convenient sound bite for next year's election in Velmora."))
    assert not rank.feature_writing(_sentence(
        "The council voted on Tuesday to hold next year's election in Velmora in May."))


def test_a_transcript_line_is_no_report() -> None:
    assert not rank.fit_for_brief(_sentence(
        "MAYOR VELHO: Well, you can stop it if you say to the banks that they have no right."))
    assert not rank.fit_for_brief(_sentence(
        "Thanks for joining us live on the Velmora Courier for this interview with the mayor."))


def test_of_two_stories_as_widely_carried_the_report_leads_the_description() -> None:
    menu = _story(*(make_article(
        "The Velmora Grill describes its new sandwich as juicy pork, crunchy lettuce and a sweet "
        "chili sauce. Fans of the old sandwich love its smoky taste and soft bun.",
        f"menu-{k}.txt", source=f"Outlet {k}") for k in range(3)))
    rescue = _story(*(make_article(
        "A coast guard crew rescued two swimmers off Harlow Beach on Tuesday after a boat "
        "capsized. Police said 12 people were evacuated from the beach.",
        f"rescue-{k}.txt", source=f"Wire {k}") for k in range(3)))
    fitted = _fitted(menu, rescue)
    ranker = rankers.get("default")
    day = [rank.rank(menu, ranker, fitted), rank.rank(rescue, ranker, fitted)]
    day = [dataclasses.replace(r, importance=0.5) for r in day]  # as widely carried, as central
    assert rank.by_importance(day)[0].story == rescue


def test_reviews_of_a_film_do_not_lead_a_day_over_an_inquiry_carried_less_widely() -> None:
    reviews = _story(*(make_article(
        "The remake of the 1985 horror film Harbour Night, starring Lina Vos, opened in cinemas "
        "on Friday. The new movie keeps the original's cast of characters and its famous "
        "soundtrack, and critics said its director knows the genre.",
        f"review-{k}.txt", source=f"Critic {k}") for k in range(4)))
    inquiry = _story(*(make_article(
        "Police opened an inquiry on Friday after a man was found dead at a Tarnow warehouse. "
        "Officers said 3 people were questioned and the site was closed.",
        f"inquiry-{k}.txt", source=f"Wire {k}") for k in range(3)))
    fitted = _fitted(reviews, inquiry)
    ranker = rankers.get("default")
    day = [rank.rank(reviews, ranker, fitted), rank.rank(inquiry, ranker, fitted)]
    # The reviews are carried more widely; as central and recent, the inquiry still leads.
    day = [dataclasses.replace(day[0], importance=0.5),
           dataclasses.replace(day[1], importance=0.46)]
    assert rank.by_importance(day)[0].story == inquiry
    # Between two show-business stories, coverage still decides.
    other = _story(*(make_article(
        "A new album by the singer Ora Lind was released on Friday with 12 songs and a concert "
        "tour. Fans queued at record shops in Tarnow for the album.", f"album-{k}.txt",
        source=f"Desk {k}")
        for k in range(2)))
    fitted = _fitted(reviews, other)
    pair = [rank.rank(reviews, ranker, fitted), rank.rank(other, ranker, fitted)]
    pair = [dataclasses.replace(pair[0], importance=0.5),
            dataclasses.replace(pair[1], importance=0.46)]
    assert rank.by_importance(pair)[0].story == reviews


def test_a_speaker_known_only_as_he_or_she_is_a_dangling_reference() -> None:
    for text in ("Turnout was 54 % in the last Tarnow election in 2009, he said.",
                 '"We will rebuild the harbour by spring," she told reporters.',
                 "The ferry will sail again in May, they added."):
        assert rank.dangling(_sentence(text)), text
    for text in ("Turnout was 54 % in the last Tarnow election, Mayor Ana Velho said.",
                 "The ferry will sail again in May, officials added.",
                 "The mayor said she would stand again."):
        assert not rank.dangling(_sentence(text)), text

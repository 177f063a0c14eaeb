"""compose: the brief's sections, numbering of sources, one-page fitting."""

from __future__ import annotations

import dataclasses
import datetime as dt

from briefing import compose, render
from briefing.domain import Article, Brief, RankedStory, ScoredSentence, Sentence, Story, Written
from briefing.entities import Mention


def _article(origin: str, sentences: list[str], title: str = "", **kw) -> Article:
    return Article(text=" ".join(sentences), origin=origin, title=title, **kw)


def _story(article_list: list[Article], importance: float = 1.0) -> RankedStory:
    """A ranked story whose sentences score in the order they appear, article by article."""
    sents = []
    for a in article_list:
        start = 0
        for i, part in enumerate(a.text.split(". ")):
            text = part if part.endswith(".") else part + "."
            begin = a.text.index(text, start)
            sents.append(Sentence(text, a.id, i, begin, begin + len(text)))
            start = begin + len(text)
    ranked = tuple(ScoredSentence(s, 1.0 - 0.01 * n) for n, s in enumerate(sents))
    return RankedStory(Story(tuple(article_list), tuple(sents)), ranked, importance)


def _day() -> tuple[list[Article], list[RankedStory]]:
    a = _article("a.txt", ["Rebels seized the port of Alpha on Monday.",
                           "The army said it would retake Alpha within days.",
                           "Shipping through the port has stopped.",
                           "Insurers raised premiums for vessels in the area."],
                 title="Rebels seize Alpha port",
                 published=dt.datetime(2026, 11, 18, 9, 0))
    b = _article("b.html", ["Parliament passed the budget on Tuesday by 210 votes to 190.",
                            "The opposition called the vote rushed."],
                 title="Budget passes")
    return [a, b], [_story([a], 2.0), _story([b], 1.0)]


def test_every_sentence_cites_the_source_that_contains_it() -> None:
    articles, stories = _day()
    brief = compose.compose(stories, articles)
    by_n = {ref.n: ref for ref in brief.sources}
    by_id = {a.id: a for a in articles}
    shown = list(brief.bottom_line) + [s for d in brief.developments for s in d.sentences]
    shown += [e.sentence for e in brief.timeline]
    assert shown
    for s in shown:
        article = by_id[by_n[s.citation].article_id]
        assert article.text[s.start:s.end] == s.text


def test_bottom_line_leads_and_is_not_repeated_in_developments() -> None:
    articles, stories = _day()
    brief = compose.compose(stories, articles)
    assert [s.text for s in brief.bottom_line] == [
        "Rebels seized the port of Alpha on Monday.",
        "The army said it would retake Alpha within days.",
    ]
    dev_texts = [s.text for d in brief.developments for s in d.sentences]
    assert not set(dev_texts) & {s.text for s in brief.bottom_line}
    assert [d.headline for d in brief.developments] == ["Rebels seize Alpha port", "Budget passes"]


def test_sources_are_numbered_in_order_of_first_citation() -> None:
    articles, stories = _day()
    brief = compose.compose(stories, articles)
    assert [ref.origin for ref in brief.sources] == ["a.txt", "b.html"]
    assert brief.bottom_line[0].citation == 1


def test_date_defaults_to_newest_article_and_relative_dates_resolve() -> None:
    articles, stories = _day()
    brief = compose.compose(stories, articles)
    assert brief.date == dt.date(2026, 11, 18)
    # "on Monday" in an article published Wednesday 18 November 2026 is 16 November.
    assert dt.date(2026, 11, 16) in [e.date for e in brief.timeline]


def test_abstractive_sentences_replace_extractive_ones_and_keep_their_citation() -> None:
    articles, stories = _day()
    top = stories[0]
    basis = top.ranked[0].sentence
    written = Written("Rebels took Alpha's port on Monday.", basis, True, "passed")
    stories[0] = RankedStory(top.story, top.ranked, top.importance, bottom_line=(written,))
    brief = compose.compose(stories, articles)
    assert brief.bottom_line[0].text == "Rebels took Alpha's port on Monday."
    assert brief.bottom_line[0].abstractive
    assert brief.bottom_line[0].citation == 1


def test_entities_carry_source_numbers_of_cited_articles() -> None:
    articles, stories = _day()
    actors = [Mention("Parliament", "organisation", 3, (articles[1].id,))]
    brief = compose.compose(stories, articles, actors=actors)
    assert brief.actors[0].sources == (2,)


def _floods(count: int) -> tuple[list[Article], list[RankedStory]]:
    """A long day: `count` one-article flood stories, the first the most important."""
    articles, stories = [], []
    for n in range(count):
        a = _article(f"story{n}.txt", [
            f"Officials in district {n} reported flooding that forced hundreds of families "
            f"to leave their homes on the river plain after days of heavy rain.",
            f"Emergency crews in district {n} were still searching damaged houses for people "
            f"who had stayed behind despite the repeated evacuation warnings.",
            f"Local schools in district {n} will stay closed until the water recedes, the "
            f"regional education office said in a statement on its website.",
        ], title=f"Floods hit district {n}")
        articles.append(a)
        stories.append(_story([a], 100 - n))
    return articles, stories


def test_fit_trims_a_long_day_to_one_page_and_keeps_citations_valid() -> None:
    articles, stories = _floods(30)
    brief = compose.compose(stories[:6], articles, per_story=3, day=stories)
    assert render.page_lines(brief) > render.PAGE_LINES
    fitted = compose.fit(brief, render.page_lines, render.PAGE_LINES)
    assert render.page_lines(fitted) <= render.PAGE_LINES
    assert fitted.bottom_line == brief.bottom_line
    cited = {s.citation for d in fitted.developments for s in d.sentences}
    cited |= {s.citation for s in fitted.bottom_line}
    cited |= {e.sentence.citation for e in fitted.timeline}
    cited |= {line.citation for line in fitted.further}
    assert cited == {ref.n for ref in fitted.sources}
    assert [ref.n for ref in fitted.sources] == list(range(1, len(fitted.sources) + 1))
    origins = {ref.n: ref.origin for ref in fitted.sources}
    for dev in fitted.developments:  # renumbered sources still point at the right article
        district = dev.headline.removeprefix("Floods hit district ")
        assert {origins[s.citation] for s in dev.sentences} == {f"story{district}.txt"}
    for line in fitted.further:
        district = line.headline.removeprefix("Floods hit district ")
        assert origins[line.citation] == f"story{district}.txt"
    # The most important stories survive, in order; the day is named on the page: developed
    # stories with two sentences each, then one line for each further story, 12 in all.
    named = [d.headline for d in fitted.developments] + [f.headline for f in fitted.further]
    assert named == [f"Floods hit district {n}" for n in range(len(named))]
    assert len(named) >= compose.NAMED_STORIES
    assert all(len(d.sentences) >= 2 for d in fitted.developments[1:])
    # Every story of the day is in the JSON, with what of it made the page.
    flags = [s.on_page for s in fitted.stories]
    assert len(flags) == 30 and flags.count("developed") == len(fitted.developments)
    assert flags.count("further") == len(fitted.further)


def test_word_budget_limits_developments() -> None:
    articles, stories = _day()
    brief = compose.compose(stories, articles, budget_words=12)
    words = sum(len(s.text.split()) for d in brief.developments for s in d.sentences)
    assert 0 < words <= 12


def test_an_untitled_story_gets_a_headline_written_from_its_best_sentence() -> None:
    a = _article("wire.txt", [
        "Navy chief Lena Brandt said on Sunday that two frigates would sail to Tallinn to "
        "reinforce patrols in the Gulf of Finland after a cable was damaged.",
        "Brandt said the ships would stay in Tallinn for a week.",
        "Estonia welcomed the decision, Brandt said.",
    ])
    brief = compose.compose([_story([a])], [a])
    headline = brief.developments[0].headline
    assert headline.startswith("Two frigates would sail to Tallinn")  # the reported fact
    assert "said" not in headline and "Sunday" not in headline  # no attribution, no date
    assert 6 <= len(headline.split()) <= 14
    assert headline.count(",") == 0  # never "Lena Brandt, Tallinn, Estonia, ..."


def test_a_title_that_is_furniture_or_an_outlier_does_not_head_the_story() -> None:
    lead = _article("a.html", [
        "The singer died on Tuesday at the age of 42, his publicist said in a statement.",
        "Tributes poured in from fellow musicians throughout the evening.",
    ], title="Singer dies at 42 after short illness")
    side = _article("b.html", ["Listen to ten of his songs chosen by our critics."],
                    title="Playlist: ten songs for a rainy afternoon")
    credit = _article("c.html", ["The singer, 42, had been ill for months, friends said."],
                      title="Getty Images / PHOTOGRAPHER / Contributor")
    # The best sentence is the credit page's; the side article's sentence ranks last.
    brief = compose.compose([_story([credit, lead, side])], [credit, lead, side])
    assert brief.developments[0].headline == "Singer dies at 42 after short illness"


def test_a_fact_two_sources_report_cites_both_until_the_page_needs_the_line() -> None:
    a = _article("a.txt", ["The envoy said a 30-day truce is the first goal.",
                           "Trucks are waiting at the border."], title="Truce talks")
    b = _article("b.txt", ["Negotiators will seek a truce of 30 days, the envoy added."])
    story = _story([a, b])
    truce, trucks, other = story.ranked
    ranked = (dataclasses.replace(truce, also=(other.sentence,)), trucks)
    brief = compose.compose([dataclasses.replace(story, ranked=ranked)], [a, b])
    first = brief.bottom_line[0]
    assert (first.citation, first.also_in) == (1, (2,))
    assert [ref.origin for ref in brief.sources] == ["a.txt", "b.txt"]
    assert "[1] (also 2)" in render.render(brief, "text")

    # Short of room, a note that brings in a source of its own goes before any sentence does.
    def lines(b: Brief) -> int:
        return 100 if len(b.sources) > 1 else 10

    fitted = compose.fit(brief, lines, max_lines=66)
    assert fitted.bottom_line[0].also_in == ()
    assert [s.text for s in fitted.bottom_line] == [s.text for s in brief.bottom_line]
    assert [ref.origin for ref in fitted.sources] == ["a.txt"]


def test_a_further_story_that_tells_a_developed_event_is_left_out() -> None:
    main = _article("main.txt", [
        "The port of Velmora reopened on Tuesday after a 3-day strike by Norland dock workers.",
        "The Norland port authority said 40 ships were waiting outside Velmora.",
    ], title="Velmora port reopens after strike")
    same = _article("same.txt", [
        "Dock workers in Velmora ended their 3-day strike, and Norland ships began to dock.",
    ], title="Ships dock as walkout ends")
    other = _article("other.txt", [
        "Farmers in the Aster valley began the grape harvest two weeks early this year.",
    ], title="Early grape harvest in Aster valley")
    stories = [_story([main], 3.0), _story([same], 2.0), _story([other], 1.0)]
    brief = compose.compose(stories[:1], [main, same, other], day=stories)
    assert [line.headline for line in brief.further] == ["Early grape harvest in Aster valley"]
    flags = {s.headline: s.on_page for s in brief.stories}
    assert flags == {"Velmora port reopens after strike": "developed",
                     "Ships dock as walkout ends": "",
                     "Early grape harvest in Aster valley": "further"}


def test_a_further_story_the_pipeline_calls_the_same_event_is_left_out() -> None:
    main = _article("main.txt", ["Ministers launched the Southern Union at a summit in Cusco."],
                    title="Southern Union launched")
    plan = _article("plan.txt", ["The infrastructure plan links roads and power grids."],
                    title="Regional infrastructure initiative")
    other = _article("other.txt", ["Farmers began the grape harvest two weeks early."],
                     title="Early grape harvest")
    stories = [_story([main], 3.0), _story([plan], 2.0), _story([other], 1.0)]

    def same(a: RankedStory, b: RankedStory) -> float:  # 1.0: one event
        pair = {a.story.articles[0].origin, b.story.articles[0].origin}
        return 1.0 if pair == {"main.txt", "plan.txt"} else 0.0

    brief = compose.compose(stories[:1], [main, plan, other], day=stories, same_event=same)
    assert [line.headline for line in brief.further] == ["Early grape harvest"]


def test_a_one_sentence_lead_story_shares_the_bottom_line_with_the_next_story() -> None:
    note = _article("note.txt", ["The old lighthouse on Gull Point reopened to visitors."],
                    title="Lighthouse reopens")
    talks = _article("talks.txt", ["Negotiators agreed a ceasefire in Velmora on Friday.",
                                   "The truce takes effect at midnight.",
                                   "Aid convoys are expected to move on Sunday."],
                     title="Ceasefire agreed in Velmora")
    brief = compose.compose([_story([note], 2.0), _story([talks], 1.0)], [note, talks])
    assert [s.text for s in brief.bottom_line] == [
        "The old lighthouse on Gull Point reopened to visitors.",
        "Negotiators agreed a ceasefire in Velmora on Friday."]
    # No development repeats the bottom line with nothing to add.
    assert [d.headline for d in brief.developments] == ["Ceasefire agreed in Velmora"]
    assert brief.developments[0].sentences[0].text == "The truce takes effect at midnight."


def test_a_chosen_story_telling_a_developed_event_is_not_developed_again() -> None:
    main = _article("main.txt", ["Ministers launched the Southern Union at a summit in Cusco.",
                                 "The bloc joins twelve countries of the south."],
                    title="Southern Union launched")
    plan = _article("plan.txt", ["The Southern Union plan links roads and power grids.",
                                 "Engineers will survey the first routes next year."],
                    title="Regional infrastructure initiative")
    other = _article("other.txt", ["Farmers began the grape harvest two weeks early.",
                                   "Growers blamed the hot summer."],
                     title="Early grape harvest")
    stories = [_story([main], 3.0), _story([plan], 2.0), _story([other], 1.0)]

    def same(a: RankedStory, b: RankedStory) -> float:
        pair = {a.story.articles[0].origin, b.story.articles[0].origin}
        return 1.0 if pair == {"main.txt", "plan.txt"} else 0.0

    brief = compose.compose(stories, [main, plan, other], day=stories, same_event=same)
    named = [d.headline for d in brief.developments] + [f.headline for f in brief.further]
    assert "Regional infrastructure initiative" not in named
    assert "Early grape harvest" in named


def _kestrel_day() -> tuple[list[Article], list[RankedStory]]:
    """A derailment told twice in different words (sharing the town and the minister's name,
    few other words), and a farmers' protest in the same country."""
    crash = _article("crash.txt", [
        "Firefighters in Kestrel pulled 14 people from a commuter train that left the rails "
        "near Dunmore Junction in northern Norland on Monday.",
        "Transport minister Ilse Morvan said the Arden Line would stay closed until Friday.",
        "Commuters were told to expect long delays.",
    ], title="Train derails near Kestrel")
    inquiry = _article("inquiry.txt", [
        "A derailment outside Kestrel left dozens of passengers hurt, doctors at St Brigid's "
        "said.",
        "Ilse Morvan, who oversees the railways, promised an inquiry by the Halden safety board.",
    ], title="Minister promises inquiry after rail accident")
    farmers = _article("farmers.txt", [
        "Farmers across Norland blocked roads with tractors on Tuesday over milk prices.",
        "Commuters faced delays as the Norland Farmers Union promised more protests.",
    ], title="Farmers block roads over milk prices")
    stories = [_story([crash], 3.0), _story([inquiry], 2.0), _story([farmers], 1.0)]
    return [crash, inquiry, farmers], stories


def test_two_reports_of_one_event_in_different_words_are_named_once() -> None:
    articles, stories = _kestrel_day()

    def somewhat_alike(a: RankedStory, b: RankedStory) -> float:  # as any two stories can be
        return 0.4

    for chosen in (stories, stories[:1]):  # both to be developed; one developed, one further
        brief = compose.compose(chosen, articles, day=stories, same_event=somewhat_alike)
        named = [d.headline for d in brief.developments] + [f.headline for f in brief.further]
        assert "Train derails near Kestrel" in named
        assert "Minister promises inquiry after rail accident" not in named
        # A story of the same country sharing a common word is another event: still named.
        assert "Farmers block roads over milk prices" in named


def test_stories_sharing_only_a_country_or_a_common_word_are_all_named() -> None:
    strike = _article("strike.txt", [
        "Dock workers in Velmora walked out on Monday, halting exports from Norland.",
        "The Velmora Dockers Guild wants a 9 percent raise.",
    ], title="Velmora dock workers strike")
    vote = _article("vote.txt", [
        "Voters in Norland elected Pieter Aalst as mayor of Grenholm on Sunday.",
        "Aalst promised to build 2,000 homes in Grenholm.",
    ], title="Aalst elected mayor of Grenholm")
    stories = [_story([strike], 2.0), _story([vote], 1.0)]

    def somewhat_alike(a: RankedStory, b: RankedStory) -> float:
        return 0.4

    for chosen in (stories, stories[:1]):
        brief = compose.compose(chosen, [strike, vote], day=stories, same_event=somewhat_alike)
        named = [d.headline for d in brief.developments] + [f.headline for f in brief.further]
        assert named == ["Velmora dock workers strike", "Aalst elected mayor of Grenholm"]


def test_a_full_page_gives_up_the_name_lists_before_a_developed_story() -> None:
    articles, stories = _floods(30)
    actors = [Mention(f"Mayor Number{n}", "person", 30 - n, (articles[n].id,)) for n in range(6)]
    places = [Mention(f"District{n}", "location", 30 - n, (articles[n].id,)) for n in range(6)]
    brief = compose.compose(stories[:6], articles, per_story=3, day=stories, actors=actors,
                            locations=places)
    seen_without_lists = False
    for max_lines in range(render.PAGE_LINES, 30, -2):  # ever smaller pages
        fitted = compose.fit(brief, render.page_lines, max_lines)
        developed = len(fitted.developments)
        if developed < compose.MIN_DEVELOPED + 1:  # a told story went only after the lists
            assert not fitted.actors and not fitted.locations
        if developed == compose.MIN_DEVELOPED + 1 and not fitted.actors:
            seen_without_lists = True
            assert all(len(d.sentences) >= 2 for d in fitted.developments[1:])
    assert seen_without_lists  # the lists made room for three stories told in full


def test_a_story_with_one_sentence_to_tell_is_a_one_line_story_not_a_development() -> None:
    stories, articles = [], []
    for n, place in enumerate(["Velmora", "Quillford", "Harbourne", "Corvale"]):
        a = _article(f"{place}.txt", [
            f"Floods forced hundreds of families in {place} to leave their homes on Monday.",
            f"Emergency crews in {place} searched damaged houses for people left behind.",
            f"Schools in {place} will stay closed until the water recedes, officials said.",
        ], title=f"Floods hit {place}")
        articles.append(a)
        stories.append(_story([a], 10 - n))
    note = _article("tessaly.txt", ["The Tessaly port authority appointed a new harbour master "
                                    "on Monday after a month without one."],
                    title="Tessaly names harbour master")
    articles.append(note)
    stories.insert(2, _story([note], 9.5))
    brief = compose.compose(stories, articles, per_story=2, day=stories)
    assert all(len(d.sentences) >= 2 for d in brief.developments[1:])
    assert "Tessaly names harbour master" in [line.headline for line in brief.further]
    assert [d.headline for d in brief.developments] == [
        "Floods hit Velmora", "Floods hit Quillford", "Floods hit Harbourne", "Floods hit Corvale"]


def test_a_first_story_of_three_sentences_shares_the_bottom_line_with_the_second() -> None:
    quake = _article("quake.txt", [
        "A strong earthquake shook the coast of Norland on Thursday, the survey said.",
        "The quake struck at a depth of 33 kilometres south of the port of Velmora.",
        "The tsunami warning centre said waves were possible along 300 kilometres of coast.",
    ], title="Quake shakes Norland coast")
    storm = _article("storm.txt", [
        "Hurricane Otto hit land near the southern coast of Quillford on Thursday.",
        "Thousands had been evacuated from the coast before the storm arrived.",
        "The storm weakened over the mountains later in the day, forecasters said.",
    ], title="Hurricane Otto hits Quillford")
    stories = [_story([quake], 2.0), _story([storm], 1.0)]
    brief = compose.compose(stories, [quake, storm], per_story=3, day=stories)
    told = {s.text.split()[0] for s in brief.bottom_line}
    assert told == {"A", "Hurricane"}  # the day's two first stories, a sentence each
    assert len(brief.developments[0].sentences) == 2  # and the first is still told below


def test_a_further_story_keeps_its_whole_title_or_a_whole_clause_when_it_fits_the_line() -> None:
    main = _article("main.txt", [
        "The port of Velmora reopened on Tuesday after a 3-day strike by Norland dock workers.",
        "The Norland port authority said 40 ships were waiting outside Velmora.",
    ], title="Velmora port reopens after strike")
    titled = _article("titled.txt", [
        "Tarnow became the first Norland city to declare a climate emergency on Monday.",
    ], title="Tarnow becomes first Norland city to declare 'climate emergency'")
    untitled = _article("untitled.txt", [
        "State police have charged six University of Harbourside students with hazing offences "
        "after the death of a pledge.",
    ])
    stories = [_story([main], 3.0), _story([titled], 2.0), _story([untitled], 1.0)]
    brief = compose.compose(stories[:1], [main, titled, untitled], day=stories)
    lines = [line.headline for line in brief.further]
    # 63 characters: whole on its line (the "(N reports)" count would give way), not cut
    # before "to declare", the news.
    assert "Tarnow becomes first Norland city to declare 'climate emergency'" in lines
    written = [line for line in lines if line.startswith("State police")]
    assert written and "…" not in written[0] and not written[0].endswith("University"), lines
    text = render.render(brief, "text")
    assert all(len(line) <= 72 for line in text.splitlines() if "[" in line and "]" in line)

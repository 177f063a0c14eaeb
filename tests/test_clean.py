"""Cleaning: furniture gone, the story kept word for word, junk and copies dropped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing import clean, ingest
from tests.conftest import make_article

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"

BODY = (
    "The city council voted on Monday to close the old harbour bridge to heavy traffic.\n\n"
    "Engineers found cracks in two of the supports during an inspection last month, the "
    "council said in a statement.\n\n"
    "Lorries will be diverted through the industrial estate until repairs are finished."
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _eval_articles(name: str) -> list[str]:
    path = SHARED / "eval" / name / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not available")
    return [a for line in path.open() for a in json.loads(line)["articles"]]


# --- The seeds -----------------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not available")
def test_seeds_lose_their_furniture_and_keep_the_headline_once() -> None:
    articles, _ = ingest.read_inputs([str(SEEDS)])
    kept, skipped = clean.clean_all(articles)

    assert skipped == []
    everything = "\n".join(a.title + "\n" + a.text for a in kept)
    for junk in ("jfid", "World Defense", "Leave a Comment", "No comments available"):
        assert junk not in everything
    headline = "NATO Chief Jens Stoltenberg Asserts No Immediate Military Threat"
    nato = next(a for a in kept if a.title.startswith(headline))
    assert headline not in nato.text
    assert kept[0].text.startswith("Tensions between NATO and Russia are escalating")
    assert "Stoltenberg said during a joint press conference" in nato.text


# --- Furniture -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        "Leave a Comment:\nNo comments available for this post.",
        "Tweet with a location",
        "Share this with Email Facebook Messenger Twitter Pinterest WhatsApp",
        "Image copyright Getty Images Image caption Workers inspect the bridge",
        "Media playback is unsupported on your device Media caption The bridge at night",
        "Sign up for our newsletter to get the top stories in your inbox.",
        "Read more",
        "Advertisement",
        "Advertisement Continue reading the main story",
        "We use cookies to improve your experience. Accept cookies",
        "Copyright 2024 Harbour News. All rights reserved.",
        "Follow Jane Reporter on Twitter: @janereports",
        "___",
    ],
)
def test_furniture_lines_are_removed_and_the_story_stays(furniture: str) -> None:
    article = make_article(f"{furniture}\n\n{BODY}\n\n{furniture}")

    cleaned = clean.clean(article).text

    assert _squash(cleaned) == _squash(BODY)


@pytest.mark.parametrize(
    ("dateline", "rest"),
    [
        ("jfid – ", "Tensions rose on Monday."),
        ("KYIV, Ukraine (AP) — ", "Air raid sirens sounded across the capital."),
        ("WASHINGTON (Reuters) - ", "The Senate passed the bill."),
        ("– ", "The Colorado Rockies love their All-Star shortstop."),
        ("(CNN) -- ", "A storm hit the coast."),
        ("WASHINGTON\u2014", "An attorney for the aide said he would cooperate."),
        ("LONDON\u2013", "Shares fell sharply on Monday."),
    ],
)
def test_leading_dateline_junk_is_cut(dateline: str, rest: str) -> None:
    article = make_article(f"{dateline}{rest}\n\n{BODY}")

    assert clean.clean(article).text.startswith(rest)


def test_dashes_and_quotes_inside_sentences_are_untouched() -> None:
    text = (
        "The mayor — speaking after the vote — said “we had no choice” and 'it’s temporary'.\n"
        f"{BODY}"
    )

    assert clean.clean(make_article(text)).text == text


def test_section_label_and_repeated_headline_go_but_the_title_stays() -> None:
    headline = "Harbour Bridge Closed To Lorries After Cracks Found"
    article = make_article(f"World News\n\n{headline}\n\n{BODY}\n\n{headline}", title=headline)

    cleaned = clean.clean(article)

    assert cleaned.title == headline
    assert headline not in cleaned.text and "World News" not in cleaned.text


def test_a_headline_line_becomes_the_title_when_there_is_none() -> None:
    article = make_article(f"Harbour Bridge Closed To Lorries\n\n{BODY}")

    cleaned = clean.clean(article)

    assert cleaned.title == "Harbour Bridge Closed To Lorries"
    assert cleaned.text.startswith("The city council voted")


def test_glued_sentences_get_their_space_back() -> None:
    text = (
        'The race was vilified by the scientific community.Dr Venter has a reputation. '
        'He spoke to the press."Is my science good? Yes," he said."If we can do it, we will."'
        "\nIt was 2010.Then came more work."
    )

    cleaned = clean.clean(make_article(text)).text

    assert "community. Dr Venter" in cleaned
    assert 'press. "Is my science' in cleaned
    assert 'he said. "If we can' in cleaned
    assert "2010. Then" in cleaned
    assert _squash(cleaned) == _squash(text)
    quoted = clean.clean(make_article('The inspector said:"The ferry left late." Crews agreed.'))
    assert 'said: "The ferry left late."' in quoted.text


def test_a_site_name_with_a_dot_is_not_two_sentences() -> None:
    text = ("Velmora editor Ana Quill of HarbourDev.Net said the study was sound. "
            "Readers of TarnowNews.Com wrote in.Most agreed.")
    cleaned = clean.clean(make_article(text)).text
    assert "HarbourDev.Net said" in cleaned and "TarnowNews.Com wrote" in cleaned
    assert "in. Most agreed" in cleaned


def test_unicode_and_whitespace_are_normalised_but_paragraphs_kept() -> None:
    text = "Cafe\u0301 owners\u00a0met   the\u200b mayor.\r\n\r\n\r\n\tShe listened.  \n"

    cleaned = clean.clean(make_article(text)).text

    assert cleaned == "Café owners met the mayor.\n\nShe listened."


def test_a_repeated_paragraph_appears_once() -> None:
    repeated = "Engineers found cracks in two of the supports."
    article = make_article(f"{BODY}\n\n{repeated}\n\n{repeated}")

    assert clean.clean(article).text.count(repeated) == 1


# --- Real noise from the evaluation sets ---------------------------------------------------------


def test_xsum_page_furniture_is_gone_and_sentences_are_unglued() -> None:
    texts = _eval_articles("xsum")
    noisy = [t for t in texts if t.startswith(("Share this with", "Media playback"))]
    assert noisy, "expected XSum pages that start with furniture"

    for text in noisy:
        cleaned = clean.clean(make_article(text)).text
        assert not cleaned.startswith(("Share this with", "Media playback"))
        assert "Copy this link" not in cleaned
        assert "Media playback is not supported" not in cleaned
        assert not re.search(r"[a-z]{3}\.[A-Z][a-z]+ ", cleaned)  # "community.Dr Venter"


def test_multi_news_furniture_is_gone() -> None:
    texts = _eval_articles("multi-news")
    markers = ("Tweet with a location", "Image copyright", "Advertisement Continue reading",
               "Media playback is unsupported", "Read or Share this story")
    noisy = [t for t in texts if any(m in t for m in markers)]
    assert len(noisy) >= 5

    for text in noisy:
        cleaned = clean.clean(make_article(text)).text
        assert not any(m in cleaned for m in markers)


@pytest.mark.parametrize("name", ["multi-news", "xsum"])
def test_every_cleaned_sentence_is_found_in_the_original(name: str) -> None:
    for text in _eval_articles(name)[:300]:
        original = _squash(clean.normalise(text))
        cleaned = clean.clean(make_article(text)).text
        for line in cleaned.split("\n"):
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                assert _squash(sentence) in original, sentence


# --- Junk documents ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Starting in 1996, Alexa Internet has been donating their crawl data to the Internet "
         "Archive. Flowing in every day, these data are added to the Wayback Machine after an "
         "embargo period.", "crawl"),
        ("Sorry, the page you requested could not be found. If you are trying to reach a page "
         "from a bookmark, the page URL may have changed. Please try the search box instead.",
         "not found"),
        ("We use cookies to give you the best experience on our website. By continuing you agree "
         "to our cookie policy. Please accept cookies to continue reading this site.", "cookie"),
        ("Breaking news from the harbour.", "too short"),
        ("\n".join(f"Region {i} has {i * 7} camps and {i * 130} families" for i in range(20)),
         "prose"),
        ("", "no text"),
    ],
)
def test_junk_documents_are_dropped_with_a_reason(text: str, says: str) -> None:
    article = make_article(text, origin="junk.html")

    kept, skipped = clean.clean_all([article, make_article(BODY * 2, origin="real.txt")])

    assert [a.origin for a in kept] == ["real.txt"]
    assert skipped[0].origin == "junk.html" and says in skipped[0].reason


def test_a_real_article_is_not_junk() -> None:
    assert clean.junk_reason(make_article(BODY)) is None


# --- Duplicate articles --------------------------------------------------------------------------


def test_the_same_text_twice_keeps_the_copy_with_more_metadata() -> None:
    bare = make_article(BODY, origin="a.txt")
    rich = make_article(BODY, origin="b.json", title="Bridge closed", source="Harbour News",
                        url="https://harbour.test/bridge")

    kept, skipped = clean.clean_all([bare, rich])

    assert [a.origin for a in kept] == ["b.json"]
    assert skipped[0].origin == "a.txt" and skipped[0].reason == "duplicate of b.json"


def test_a_wire_story_from_two_outlets_is_kept_once() -> None:
    words = " ".join(f"Sentence {i} of the wire report says the port reopened at dawn." for i in
                     range(40))
    outlet_a = make_article("PORTSMOUTH (AP) — " + words + " Harbour News staff added this.",
                            origin="a.html")
    outlet_b = make_article(words + " More at Coast Daily.", origin="b.html")
    other = make_article(BODY, origin="c.txt")

    kept, skipped = clean.clean_all([outlet_a, outlet_b, other])

    assert len(kept) == 2 and "c.txt" in [a.origin for a in kept]
    assert len(skipped) == 1 and skipped[0].reason.startswith("duplicate of ")


def test_different_stories_on_one_topic_are_all_kept() -> None:
    first = make_article(BODY, origin="a.txt")
    second = make_article(
        "Residents of the harbour district said on Tuesday that the bridge closure doubled "
        "their journey to work.\n\nShop owners near the estate expect more customers while "
        "lorries are diverted, and the council promised a decision on repairs in spring.",
        origin="b.txt",
    )

    kept, skipped = clean.clean_all([first, second])

    assert len(kept) == 2 and skipped == []


def test_a_day_of_articles_is_cleaned_in_input_order() -> None:
    texts = _eval_articles("multi-news")[:200]
    articles = [make_article(t, origin=f"day/{i:03d}.txt") for i, t in enumerate(texts)]

    kept, skipped = clean.clean_all(articles)

    assert len(kept) + len(skipped) == len(articles)
    assert [a.origin for a in kept] == sorted(a.origin for a in kept)
    assert all(s.reason for s in skipped)


def test_a_photo_credit_is_no_title():
    article = clean.clean(make_article(
        "Excavated in 1998 by an expedition from a university, the fossil was described in a "
        "new study published this week.", "fossil.txt", title="Photo: KUVP archives"))
    assert article.title == ""


def test_an_embedded_instagram_post_is_furniture():
    text = (
        "The rapper died on Tuesday at the age of 42, his publicist said in a statement.\n"
        "RIP King P. 4 Ever A post shared by Some Artist (@someartist) on Jun 20, 2017 at "
        "10:33am PDT\n"
        "Tributes poured in from fellow musicians throughout the evening and the next day."
    )
    cleaned = clean.clean(make_article(text, "tribute.txt")).text
    assert "A post shared by" not in cleaned
    assert "Tributes poured in" in cleaned and "died on Tuesday" in cleaned


# --- wire heads and non-article pages (issue 10) -------------------------------------------------


def test_a_wire_head_in_any_case_is_not_part_of_the_first_sentence():
    for head in ("Velmora, Norland, Jan. 5 (UPI) -- ",
                 "(Adds details, background) By Jo Lane and Ana Ruiz VELMORA, Nov 15 (Reuters) - ",
                 "(Updates with mayor's comments) "):
        text = (f"{head}The port of Velmora reopened on Tuesday after a three-day strike by dock "
                "workers ended with a new pay deal.\nShips queued outside the harbour overnight.")
        cleaned = clean.clean(make_article(text, "wire.txt")).text
        assert cleaned.startswith("The port of Velmora reopened on Tuesday"), head


def test_sign_up_walls_and_missing_story_pages_are_not_articles():
    pages = {
        "signup.txt": "Top headlines in your inbox\nSign up for Morning Rush and get all the news "
                      "you need to start your day.\nSIGN UP\nThis site is protected by "
                      "reCAPTCHA and the Privacy Policy and Terms of Service apply.",
        "register.txt": "Register for Courier.example.\nComplete articles, breaking news and "
                        "more.\nIt's free and it only takes a minute!\nMember ID: Password: "
                        "Forgot Your ID or Password? Remember my Member ID on this computer.",
        "missing.txt": "Unable to find requested news story If you are looking for an article "
                       "from one of our newspapers, you may find it in our online archives.",
    }
    story = make_article(
        "The port of Velmora reopened on Tuesday after a three-day strike by dock workers ended "
        "with a new pay deal. Ships queued outside the harbour overnight, the port authority "
        "said, and the first container vessels docked at dawn.", "port.txt")
    kept, dropped = clean.clean_all([story, *(make_article(t, o) for o, t in pages.items())])
    assert [a.origin for a in kept] == ["port.txt"]
    assert {d.origin for d in dropped} == set(pages)


def test_a_city_dateline_with_a_colon_is_cut():
    text = ("LAHORE: Protests were held in major cities on Tuesday after the cleric was placed "
            "under house arrest.\nThe order came from the Interior Ministry, officials said.")
    assert clean.clean(make_article(text, "wire.txt")).text.startswith("Protests were held")
    assert clean.clean_title("BRIEF-Harbour Group unit wins Velmora site") == \
        "Harbour Group unit wins Velmora site"


def test_a_sub_headline_glued_before_a_dateline_goes_with_it():
    for text in (
        "Former finance chief to help prosecutors VELMORA, Norland -- The former finance chief "
        "of Harbour Group pleaded guilty on Monday to fraud charges, the court said.",
        "NORTHPORT, Dec 7 (IPN) - The regional integration project will begin to take shape "
        "this week, analysts told the news agency on Monday.",
    ):
        cleaned = clean.clean(make_article(text + "\nA second paragraph follows here.", "w.txt"))
        assert cleaned.text.startswith("The "), cleaned.text[:60]


def test_a_paragraph_in_the_title_field_is_no_title():
    """The fuzz benchmark found a 200,000-character one-word title taking minutes in the title
    rules; a title field that long is no title, and is put aside before any rule reads it."""
    for title in ("Carrier " + "W" * 200_000, "word " * 40_000, "x - " * 50_000):
        assert clean.clean_title(title) == ""
    article = clean.clean(make_article(BODY, "long.json", title="Carrier " + "W" * 200_000))
    assert article.title == "" and "W" * 50 not in article.text


def test_paywall_access_pages_and_an_outlets_page_about_itself_are_not_articles():
    pages = {
        "access.txt": "Most users gain access to full text articles through a site license. This "
                      "is available to institutional customers only. I want to purchase this "
                      "article and view it immediately for seven days.",
        "about.txt": "Harbour Wire, the news division of Harbour Group, is the world's largest "
                     "multimedia news provider, reaching millions of people every day. It provides "
                     "business and international news to professionals and consumers.",
    }
    kept, dropped = clean.clean_all([make_article(t, o) for o, t in pages.items()])
    assert kept == [] and {d.origin for d in dropped} == set(pages)


@pytest.mark.parametrize("dateline", ["KHARTOUM, April 11 — ", "SOLEBURY TWP, PA >> ",
                                      "MALÉ: ", "SÃO PAULO, Brazil -- "])
def test_datelines_of_other_shapes_are_cut(dateline: str) -> None:
    text = (f"{dateline}The army removed the president from power on Thursday after months of "
            "protests.\nCrowds gathered outside the ministry, witnesses said.")
    assert clean.clean(make_article(text, "wire.txt")).text.startswith("The army removed")


def test_wire_company_markup_is_not_part_of_a_title() -> None:
    assert clean.clean_title("VELMORA ENERGY <VLM.TO> SEES BETTER YEAR") == \
        "VELMORA ENERGY SEES BETTER YEAR"
    assert clean.clean_title("INVESTOR HAS 5.1 PCT OF <CORVALE HEALTH INC>") == \
        "INVESTOR HAS 5.1 PCT OF CORVALE HEALTH INC"
    assert clean.clean_title("HARLOW (H) SPENT 3.5 MLN ON TAKEOVER BID") == \
        "HARLOW SPENT 3.5 MLN ON TAKEOVER BID"
    assert clean.clean_title("Velmora Goods (VLM.N) agrees to buy Quillford") == \
        "Velmora Goods agrees to buy Quillford"


def test_a_longer_paywall_page_and_a_sites_reader_call_are_not_articles() -> None:
    pages = {
        "paywall.html": (
            "Readers at member libraries reach full-text articles through a site license. I want "
            "to purchase this article. Select this option to view this article immediately for "
            "three days. Price: US$25. To purchase this article you must be a registered user. "
            "I want to subscribe to Harbour Science. Personal subscribers can view this article "
            "after they log in above. You can request the document from document delivery "
            "services such as the Velmora Library Supply Centre. Prices for article purchases "
            "are subject to change without notice, and taxes may apply in some countries."),
        "promo.html": ("News happens everywhere, all the time. Riverton Courier readers share "
                       "their local news from their view. Check it out! Want to have your own "
                       "Courier blog? Apply now."),
    }
    kept, dropped = clean.clean_all([make_article(t, o) for o, t in pages.items()]
                                    + [make_article(BODY, "real.txt")])
    assert [a.origin for a in kept] == ["real.txt"]
    assert {d.origin for d in dropped} == set(pages)


def test_access_labels_are_no_title_and_a_glued_date_or_byline_is_cut() -> None:
    for label in ("Free Article", "FREE PREVIEW", "Premium content", "Subscribers only"):
        assert clean.clean_title(label) == "", label
    for title in ("Harbour bridge reopens: November 02, 2004: By : NETWORKING",
                  "Harbour bridge reopens - 12/03/2004", "Harbour bridge reopens | 2 May 2019"):
        assert clean.clean_title(title) == "Harbour bridge reopens", title
    assert clean.clean_title("Science -- Oreskes 306 (5702): 1686") == ""  # a journal reference
    assert clean.clean_title("Stocks fall: by the numbers") == "Stocks fall: by the numbers"
    assert clean.clean_title("May 5, 2004: a day to remember") == "May 5, 2004: a day to remember"


def test_a_headline_glued_before_an_agency_dateline_goes_and_the_lead_stays() -> None:
    title = "Gunman kills three in Velmora, police say"
    text = (f"{title} VELMORA, Calif. (AP) — {title}.\n"
            "The shooting happened at a warehouse on Wednesday morning, the sheriff said.")
    cleaned = clean.clean(make_article(text, "ap.html", title=title)).text
    assert cleaned.startswith(f"{title}.\nThe shooting")  # the lead, once, without its dateline
    assert "(AP)" not in cleaned and "VELMORA" not in cleaned


def test_a_title_ending_in_two_outlets_names_is_cut_to_the_headline() -> None:
    assert (clean.clean_title("Library director starts work | Harlow Tribune and Velmora Reporter")
            == "Library director starts work")
    assert (clean.clean_title("Court rules on Record and Review case")
            == "Court rules on Record and Review case")


def test_a_dateline_without_its_dash_and_a_capitalised_lead_in_are_tidied() -> None:
    cleaned = clean.clean(make_article(
        "VELMORA The harbour master was injured in a blast at the port on Tuesday.\n"
        "The port authority said the harbour would stay open.", "wire.txt")).text
    assert cleaned.startswith("The harbour master was injured")
    cleaned = clean.clean(make_article(
        "MEMBERS of the council backed the harbour plan on Tuesday.\n"
        "Several members said the vote was close.", "wire.txt")).text
    assert cleaned.startswith("Members of the council backed")
    for kept in ("NASA said the rocket would launch from Velmora on Monday.\nIt was delayed.",
                 "UNICEF Director Ana Velho said the camps were full on Monday.\nShe left.",
                 "US officials said the harbour would reopen on Monday.\nSome of us doubt it."):
        assert clean.clean(make_article(kept, "wire.txt")).text.split()[0] == kept.split()[0]


def test_a_live_or_video_label_after_a_title_is_cut() -> None:
    for title in ("Cup draw in Velmora - LIVE", "Cup draw in Velmora | Live updates",
                  "Cup draw in Velmora: as it happened", "Cup draw in Velmora - video"):
        assert clean.clean_title(title) == "Cup draw in Velmora", title
    assert clean.clean_title("Live music returns to Velmora") == "Live music returns to Velmora"
    assert clean.clean_title("The day the harbour went live") == "The day the harbour went live"


def test_an_organisations_page_about_itself_is_no_article_but_a_release_with_a_quote_is() -> None:
    about = ("Harbour Council Democrats have been at the forefront of the most important issues "
             "facing the city. Among other things, we have successfully fought efforts to close "
             "the old library and the night ferry. At the same time, we have pushed for new rules "
             "to reduce crime in the port. We have also worked with the majority on housing. "
             "This home page includes information on these and other council matters.")
    release = ("Velmora Goods said on Monday it would buy Quillford Fashion for 1.8 billion euros, "
               "its largest deal. The company expects the purchase to close in March after "
               "approval by regulators in Norland. \"We are pleased to welcome Quillford's 900 "
               "employees,\" chief executive Ana Velho said in a statement. Shares of Velmora "
               "rose 4 pct in early trading on the Harlow exchange.")
    match = ("Velmora's 2-0 defeat by Harlow on Tuesday brought back bitter memories of the "
             "cup final. 'We have a very clear idea of what we need to do,' forward Ana Velho "
             "told reporters. 'We are in good shape and we will win in September,' she said.")
    kept, dropped = clean.clean_all([make_article(about, "about.html"),
                                     make_article(release, "release.html"),
                                     make_article(match, "match.html")])
    assert [a.origin for a in kept] == ["release.html", "match.html"]
    assert dropped[0].origin == "about.html" and "about itself" in dropped[0].reason


def test_breadcrumbs_and_captions_are_no_title_and_bulleted_labels_go() -> None:
    for furniture in (
        "English >> World", "Home > News > World", "News | World", "World / Europe", "Sport",
        "Best actor winner Jon Vale (for 'Tidewater') swapped his shoes for slippers. "
        "(Photo: Mia Lund, Invision/AP)",
        "Crowds gather at the quay. Photo: Mia Lund/Reuters",
        "A rescuer carries a child from the water (AP Photo/Ola Brandt)",
    ):
        assert clean.clean_title(furniture) == "", furniture
    for title in ("► Update: Man charged with murder", "▶ UPDATED: Man charged with murder",
                  "■ Breaking: Man charged with murder", "• EXCLUSIVE - Man charged with murder"):
        assert clean.clean_title(title) == "Man charged with murder", title
    for title in ("Bonds rally / Stocks slip", "Update on the harbour bridge repairs",
                  "Museum to show rare photos by Lee Hart", "Breaking the silence on ferry cuts"):
        assert clean.clean_title(title) == title, title


def test_a_breadcrumb_or_section_line_gives_way_to_the_headline_below_it(tmp_path: Path) -> None:
    for first in ("English >> World", "Politics", "Home > News > World"):
        path = tmp_path / "057.txt"
        path.write_text(f"{first}\n\nMayor of Velmora named the best baker for 2019\n\n{BODY}\n",
                        encoding="utf-8")

        article = clean.clean(ingest.read_file(path)[0])

        assert article.title == "Mayor of Velmora named the best baker for 2019", first
        assert not article.text.startswith(("English", "Politics", "Home", "Mayor")), first


def test_a_headline_glued_before_the_first_sentence_goes() -> None:
    title = "7 things to know about Velmora's parliament elections"
    article = make_article(f"{title} Almost everyone in Velmora complains about the vote. "
                           "It is held on Sunday.", title=title)
    cleaned = clean.clean(article)
    assert cleaned.text.startswith("Almost everyone in Velmora"), cleaned.text
    # A first sentence that only begins like its title keeps its words.
    same = make_article("Velmora votes today on a new parliament, officials said.",
                        title="Velmora votes today")
    assert clean.clean(same).text.startswith("Velmora votes today on")


def test_an_agency_credit_between_a_caption_and_the_news_goes() -> None:
    cleaned = clean.clean(make_article(
        "The cabin of a Velmora Air plane. AP Harbour Airlines on Thursday said it had received "
        "a notice. AFP reported the talks. Reuters Breakingviews disagreed."))
    assert "AP Harbour" not in cleaned.text
    assert "plane. Harbour Airlines on Thursday" in cleaned.text
    assert "AFP reported the talks" in cleaned.text

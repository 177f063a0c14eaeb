"""Sentence splitting: news abbreviations, the rules around Punkt, spans, the shipped parameters."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_article
from hypothesis import given
from hypothesis import strategies as st

from briefing.cli import main
from briefing.resources import shipped
from briefing.sentences import split, split_spans

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SBD_DEV = SHARED / "eval" / "sbd-news-dev.jsonl"
HELD_OUT = REPO / "benchmarks" / "sbd-heldout.jsonl"
KINDS = REPO / "benchmarks" / "sbd-kinds.jsonl"


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_spans(text)]


# --- News text Punkt alone gets wrong ------------------------------------------------------------


def test_titles_and_ranks_do_not_end_sentences() -> None:
    text = "Lt. Col. Ana Ruiz said the unit was ready. Sgt. First Class Tom Hall agreed."
    assert sentences(text) == [
        "Lt. Col. Ana Ruiz said the unit was ready.",
        "Sgt. First Class Tom Hall agreed.",
    ]


def test_abbreviation_at_the_end_of_a_sentence_still_ends_it() -> None:
    text = "The sanctions were announced by the U.S. The E.U. followed a day later."
    assert sentences(text) == ["The sanctions were announced by the U.S.",
                               "The E.U. followed a day later."]


def test_dates_times_and_companies_stay_inside_the_sentence() -> None:
    text = "Acme Corp. said on Jan. 5 at 3 p.m. that talks with Globex Inc. had failed."
    assert sentences(text) == [text]


def test_initials_keep_a_name_together() -> None:
    assert sentences("The novel by E. M. Forster was filmed. It won prizes.") == [
        "The novel by E. M. Forster was filmed.", "It won prizes."]


# --- The named rules around Punkt ----------------------------------------------------------------


def test_paragraphs_a_blank_line_always_ends_a_sentence() -> None:
    text = "Talks went on past midnight\n\nDelegates left at dawn."
    assert sentences(text) == ["Talks went on past midnight", "Delegates left at dawn."]


def test_headlines_a_line_without_final_punctuation_ends_before_the_next_line() -> None:
    text = "Storm Hits Coast\nThousands of homes lost power on Sunday."
    assert sentences(text) == ["Storm Hits Coast", "Thousands of homes lost power on Sunday."]


def test_headlines_hard_wrapped_text_is_read_across_line_breaks() -> None:
    text = (
        "The statistics office said on Tuesday that prices rose in the third\n"
        "quarter, driven by energy costs, and that food prices fell for the\n"
        "first time since 2021. The central bank meets next week to decide.\n"
    )
    assert sentences(text) == [
        "The statistics office said on Tuesday that prices rose in the third\n"
        "quarter, driven by energy costs, and that food prices fell for the\n"
        "first time since 2021.",
        "The central bank meets next week to decide.",
    ]


def test_headlines_a_line_ending_in_and_or_the_continues_on_the_next() -> None:
    text = "Prices rose, driven by energy and\nFood Corp said so on Tuesday."
    assert sentences(text) == [text]


def test_list_items_bullets_start_sentences_without_the_bullet() -> None:
    text = "The council agreed three steps:\n- cut emissions by half\n• plant more trees"
    assert sentences(text) == ["The council agreed three steps:", "cut emissions by half",
                               "plant more trees"]


def test_list_items_numbers_start_sentences_and_stay_in_them() -> None:
    text = "The plan has two parts.\n1. Build new housing.\n2) Repair old roads."
    assert sentences(text) == ["The plan has two parts.", "1. Build new housing.",
                               "2) Repair old roads."]


def test_list_items_numbers_within_a_line_stay_with_their_item() -> None:
    text = "Five: he likes word games. 6. He watches films."
    assert sentences(text) == ["Five: he likes word games.", "6. He watches films."]


def test_list_items_a_run_within_a_line_after_a_colon_is_split_into_items() -> None:
    text = "Rescuers gave two warnings: 1.) Stay off the ice. 2.) Call for help early."
    assert sentences(text) == ["Rescuers gave two warnings:", "1.) Stay off the ice.",
                               "2.) Call for help early."]


def test_list_items_a_run_in_list_stays_one_sentence() -> None:
    text = "The mayor named three priorities: 1) housing, 2) transport and 3) schools."
    assert sentences(text) == [text]


def test_list_items_lettered_lines_and_inline_bullets() -> None:
    text = "Two causes:\na. Rain fell.\nb. The levee broke. • Roads closed. ⁃ Schools shut."
    spans = split_spans(text)
    assert [text[s:e] for s, e in spans] == ["Two causes:", "a. Rain fell.", "b. The levee broke.",
                                             "Roads closed.", "Schools shut."]
    assert spans[3][0] == text.index("Roads")


def test_abbreviation_ends_a_sentence_before_a_title() -> None:
    text = "He left the bank at 6 P.M. Mr. Smith then went to the store."
    assert sentences(text) == ["He left the bank at 6 P.M.", "Mr. Smith then went to the store."]


@pytest.mark.parametrize("text", [
    "At 5 a.m. Mr. Smith went to the bank.",
    "The visit was hosted by U.S. Gen. Mark Milley.",
    "He joined the U.S. Army in 1990.",
    "Washington D.C. police made two arrests.",
    "The order was signed by U.S. President Ana Ortiz.",
])
def test_abbreviation_before_a_title_or_name_that_belongs_to_it_does_not_end_a_sentence(
    text: str,
) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize("text", [
    "The mayor paused . . . and read the names.",
    "What I mean is . . . I never wanted the job.",
    "He wrote that it “will fail. . . .”",
])
def test_ellipses_spaced_ones_continue_the_sentence(text: str) -> None:
    assert sentences(text) == [text]


@given(st.lists(st.sampled_from(["The", "vote", "waited", "I", "Then", "and", "the", ". . .",
                                 ". . . .", "...", "…", "(AP)", "“We", "won.”", "1)", "a."]),
                max_size=14))
def test_ellipses_are_never_split_into_pieces(words: list[str]) -> None:
    text = " ".join(words)
    edges = {i for span in split_spans(text) for i in span}
    for ellipsis in re.finditer(r"\.(?: \.){2,}", text):
        assert not edges & set(range(ellipsis.start() + 1, ellipsis.end()))


def test_citations_stay_with_the_quotation_they_cite() -> None:
    text = ('“We are not ready.” (Reuters) Work resumes today. "Growth is slowing." (Smith, 2019) '
            '“We lost.” (The team had won twice before.) Fans left.')
    assert sentences(text) == ["“We are not ready.” (Reuters)", "Work resumes today.",
                               '"Growth is slowing." (Smith, 2019)', "“We lost.”",
                               "(The team had won twice before.)", "Fans left."]


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    text = ("“We are not seeking conflict,” he said. “We lost.” The army withdrew (again.) "
            "Locals returned.")
    assert sentences(text) == ["“We are not seeking conflict,” he said.", "“We lost.”",
                               "The army withdrew (again.)", "Locals returned."]


def test_lower_case_start_a_question_in_quotes_continues_the_sentence() -> None:
    text = '"Is this escalation?" a reporter asked. The minister did not answer.'
    assert sentences(text) == ['"Is this escalation?" a reporter asked.',
                               "The minister did not answer."]


def test_lower_case_start_is_no_evidence_in_all_lower_case_text() -> None:
    assert sentences("the talks ended. the delegates left.") == ["the talks ended.",
                                                                  "the delegates left."]


def test_closing_quotes_of_a_nested_quote_stay_with_their_sentence() -> None:
    text = """She would say, 'Mom, let's move.' "\n\nBanks had a message."""
    assert sentences(text) == ["""She would say, 'Mom, let's move.' \"""", "Banks had a message."]


@pytest.mark.parametrize("ellipsis", ["...", "…"])
def test_ellipses_end_a_sentence_before_a_capital_only(ellipsis: str) -> None:
    text = f"The drone flew over the sea{ellipsis} Then it vanished{ellipsis} and came back."
    assert sentences(text) == [f"The drone flew over the sea{ellipsis}",
                               f"Then it vanished{ellipsis} and came back."]


def test_urls_and_email_addresses_end_a_sentence_but_are_not_split() -> None:
    text = ("The report is at https://www.nato.int/cps/en/news.htm. Write to "
            "press@example.org. A spokesperson will reply.")
    assert sentences(text) == ["The report is at https://www.nato.int/cps/en/news.htm.",
                               "Write to press@example.org.", "A spokesperson will reply."]


def test_glued_sentences_are_split_and_spans_index_the_original_text() -> None:
    text = 'vilified by the scientific community.Dr Venter disagreed."It was fun."The end.'
    spans = split_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "vilified by the scientific community.", "Dr Venter disagreed.", '"It was fun."',
        "The end."]
    assert spans[1][0] == text.index("Dr Venter")


@pytest.mark.parametrize("text", [
    "The U.S.Navy said so.",
    "See example.com.Or call.",
    "Mail Daniel.Miller@example.com today.",
    "Read it on SciDev.Net today.",
    "Dr.Smith will see you now.",
    "He has a Ph.D.",
])
def test_glued_sentences_leave_abbreviations_addresses_and_names_alone(text: str) -> None:
    assert sentences(text) == [text]


# --- The kinds of boundaries news text needs, each with its look-alikes that are no boundary -----


@pytest.mark.parametrize(("text", "expected"), [
    ("The union set out its terms:\n1.) A pay rise.\n2.) No night shifts.",
     ["The union set out its terms:", "1.) A pay rise.", "2.) No night shifts."]),
    ("The ministry gave two reasons.\n(1) Costs had doubled.\n(2) The site was unsafe.",
     ["The ministry gave two reasons.", "(1) Costs had doubled.", "(2) The site was unsafe."]),
    ("The court listed its grounds:\ni. The contract was void.\nii. The notice came late.",
     ["The court listed its grounds:", "i. The contract was void.", "ii. The notice came late."]),
    ("The ruling rests on two grounds: i. The deal was void. ii. The notice came late.",
     ["The ruling rests on two grounds:", "i. The deal was void.", "ii. The notice came late."]),
    ("Voters face two questions. a) Should the city borrow? b) Should taxes rise?",
     ["Voters face two questions.", "a) Should the city borrow?", "b) Should taxes rise?"]),
    ("Step 1: Remove the cover Step 2: Unplug the cable Step 3: Replace the fuse",
     ["Step 1: Remove the cover", "Step 2: Unplug the cable", "Step 3: Replace the fuse"]),
    ("Three demands: • higher pay • shorter shifts • safer sites.",
     ["Three demands:", "higher pay", "shorter shifts", "safer sites."]),
    ("Ministers agreed on: ▪ a ceasefire ▪ a prisoner swap ▪ new talks",
     ["Ministers agreed on:", "a ceasefire", "a prisoner swap", "new talks"]),
    ("Two options remain: – sell the stake – keep it and wait",
     ["Two options remain:", "sell the stake", "keep it and wait"]),
    ("The agenda: * the budget * new hires",
     ["The agenda:", "the budget", "new hires"]),
    ("What changes:\n◦ Buses run later.\n⁃ Fares rise.\n* Trams stop.\n– Parking is free.",
     ["What changes:", "Buses run later.", "Fares rise.", "Trams stop.", "Parking is free."]),
])
def test_list_items_of_every_marker_and_bullet_are_sentences(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("text", [
    "Police issued advice: (1) lock doors, (2) report strangers and (3) keep lights on.",
    "The coach named his picks: 1. Ana, 2. Ben and 3. Cy.",
    "The plan – approved on Monday – will cost $5 million and – critics say – more.",
    "The report cited Article 5(2) of the treaty and step 2 of the plan.",
])
def test_list_items_look_alikes_stay_one_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(("text", "expected"), [
    ("The ceremony ended at 6 P.M. Mr. Smith arrived later.",
     ["The ceremony ended at 6 P.M.", "Mr. Smith arrived later."]),
    ("The deadline passed at 5 p.m. The council extended it.",
     ["The deadline passed at 5 p.m.", "The council extended it."]),
    ("The fire started at 5 p.m. Police closed the road.",
     ["The fire started at 5 p.m.", "Police closed the road."]),
    ("The plant is owned by Acme Inc. The company employs 400 people.",
     ["The plant is owned by Acme Inc.", "The company employs 400 people."]),
    ("Profits rose at Acme Inc. Shares jumped 5 pct.",
     ["Profits rose at Acme Inc.", "Shares jumped 5 pct."]),
    ("The drug was approved in the U.S. Officials said more trials were needed.",
     ["The drug was approved in the U.S.", "Officials said more trials were needed."]),
    ("Protesters gathered at No. 10 Downing St. Police said six were held.",
     ["Protesters gathered at No. 10 Downing St.", "Police said six were held."]),
    ("He flew to Fresno, Calif. Police met him there.",
     ["He flew to Fresno, Calif.", "Police met him there."]),
])
def test_abbreviation_ends_a_sentence_before_a_capitalised_word(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("text", [
    "U.S. officials said Acme Inc. said it would move to St. Louis at 9 a.m. on Monday.",
    "He served in the U.S. Army and later the U.N. Refugee Agency.",
    "The Wall St. Journal reported on Monday that the harbour deal was off.",
    "Apple Inc. Chief Executive Tim Cook spoke at 9 a.m. Eastern time.",
    "A first edition by J. R. R. Tolkien sold for 3.5 pct more on Jan. 5 at the No. 1 house.",
    "She climbed Mount St. Helens and cited Brown v. Board in her essay.",
    "The race starts at 8 a.m. Sunday near 10 Downing St. in London.",
])
def test_abbreviations_dates_decimals_and_initials_do_not_end_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(("text", "expected"), [
    ("The minister hesitated... Then he signed.", ["The minister hesitated...", "Then he signed."]),
    ("The crowd fell silent . . . Nobody moved.", ["The crowd fell silent . . .", "Nobody moved."]),
    ("The results were late… Officials apologised.",
     ["The results were late…", "Officials apologised."]),
    ("The lights went out … Police arrived within minutes.",
     ["The lights went out …", "Police arrived within minutes."]),
    ("He said . . . and then left.", ["He said . . . and then left."]),
    ("Rescuers dug for hours … but found no one.", ["Rescuers dug for hours … but found no one."]),
    ("The letter went to the … Foreign Office in London.",
     ["The letter went to the … Foreign Office in London."]),
    ("“We waited . . . and nothing came,” she said. It rained.",
     ["“We waited . . . and nothing came,” she said.", "It rained."]),
])
def test_ellipses_end_a_sentence_only_before_a_new_one(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('"We will not retreat." (Reuters) The army dug in.',
     ['"We will not retreat." (Reuters)', "The army dug in."]),
    ('It quoted "the law." (Section 4.2) The court agreed.',
     ['It quoted "the law." (Section 4.2)', "The court agreed."]),
    ('As Smith wrote, "the end is near" (p. 12). Few agreed.',
     ['As Smith wrote, "the end is near" (p. 12).', "Few agreed."]),
    ("“We will fight on.” (Applause.) The rally ended.",
     ["“We will fight on.” (Applause.)", "The rally ended."]),
    ("“Hold the line.” [AP] The army held.", ["“Hold the line.” [AP]", "The army held."]),
    ("“The law is clear” (Vienna Convention, art. 26). Judges agreed.",
     ["“The law is clear” (Vienna Convention, art. 26).", "Judges agreed."]),
    ("“We lost.” (The team had won twice before.) Fans left.",
     ["“We lost.”", "(The team had won twice before.)", "Fans left."]),
])
def test_citations_stay_with_their_quotation(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- Spans and Sentence objects ------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from(list("ab C.?!\"”()…\n -•⁃12@/")), max_size=80))
def test_spans_are_ordered_stripped_and_index_the_text(text: str) -> None:
    spans = split_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end
    covered = {i for start, end in spans for i in range(start, end)}
    left_out = {c for i, c in enumerate(text) if i not in covered and not c.isspace()}
    assert left_out <= {"-", "•", "⁃"}  # only white space and bullets are ever left out


def test_split_gives_sentences_that_point_back_into_the_article() -> None:
    article = make_article("  Gen. Mark Milley met officials on Tuesday.\n\nTalks lasted an hour. ")
    result = split(article)
    assert [s.text for s in result] == ["Gen. Mark Milley met officials on Tuesday.",
                                        "Talks lasted an hour."]
    for i, sentence in enumerate(result):
        assert sentence.index == i
        assert sentence.article_id == article.id
        assert article.text[sentence.start:sentence.end] == sentence.text


def test_empty_and_blank_text_has_no_sentences() -> None:
    assert split_spans("") == []
    assert split_spans(" \n\n\t ") == []


# --- Accuracy on the news cases and on cases the splitter was not tuned on -----------------------


def _exact_matches(path: Path) -> tuple[int, int]:
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    right = sum(sentences(case["text"]) == case["sentences"] for case in cases)
    return right, len(cases)


@pytest.mark.skipif(not SBD_DEV.is_file(), reason="../shared/eval/sbd-news-dev.jsonl not present")
def test_news_dev_cases_at_least_38_of_40() -> None:
    right, total = _exact_matches(SBD_DEV)
    assert total == 40
    assert right >= 38


def test_held_out_standard_cases_hold_up() -> None:
    right, total = _exact_matches(HELD_OUT)
    assert right >= total - 3


def _kind_cases() -> list[dict]:
    return [json.loads(line) for line in KINDS.read_text(encoding="utf-8").splitlines() if line]


def test_kind_cases_cover_each_kind_at_least_eight_times() -> None:
    kinds = [case["kind"] for case in _kind_cases()]
    assert {kind: kinds.count(kind) >= 8 for kind in set(kinds)} == {
        "lists": True, "abbreviation-title": True, "ellipses": True, "quote-citation": True}


@pytest.mark.parametrize("case", _kind_cases(), ids=lambda case: case["kind"])
def test_kinds_the_news_cases_leave_out(case: dict) -> None:
    spans = split_spans(case["text"])
    assert [case["text"][s:e] for s, e in spans] == case["sentences"]


# --- The shipped parameters ----------------------------------------------------------------------


def test_shipped_parameters_are_plain_json_with_sorted_lists() -> None:
    data = json.loads(shipped("models", "punkt-news.json").read_text(encoding="utf-8"))
    for key in ("abbrev_types", "sent_starters", "collocations", "name_titles"):
        assert data[key] == sorted(data[key])
    assert {"gen", "u.s", "a.m", "calif", "inc", "jan"} <= set(data["abbrev_types"])


@pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="../shared/eval not present")
def test_training_script_regenerates_the_shipped_parameters_bit_for_bit(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import train_punkt
    finally:
        sys.path.remove(str(REPO / "scripts"))
    out = tmp_path / "punkt-news.json"
    assert train_punkt.main(["--shared-dir", str(SHARED), "--out", str(out)]) == 0
    assert out.read_bytes() == (REPO / "models" / "punkt-news.json").read_bytes()


# --- briefing split ------------------------------------------------------------------------------


def test_cli_split_prints_one_sentence_per_line_from_stdin() -> None:
    result = CliRunner().invoke(main, ["split", "-"],
                                input="Gen. Mark Milley spoke.\nIt\nended.\n\nNo vote.")
    assert result.exit_code == 0
    assert result.output == "Gen. Mark Milley spoke.\nIt ended.\nNo vote.\n"


def test_cli_split_json_gives_text_and_spans(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = "The U.S. Navy said so. Russia disagreed."
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["split", str(path), "--json"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["text"] for r in records] == ["The U.S. Navy said so.", "Russia disagreed."]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in records)


def test_cli_split_clean_splits_the_cleaned_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.clean

    seen = []

    def fake_clean(article):  # the cleaner is another stage's business; check the hand-over
        seen.append(article.text)
        return make_article(article.text.replace("JUNK ", ""), article.origin)

    monkeypatch.setattr(briefing.clean, "clean", fake_clean)
    result = CliRunner().invoke(main, ["split", "--clean"], input="JUNK The end. Really.")
    assert seen == ["JUNK The end. Really."]
    assert result.output == "The end.\nReally.\n"


@pytest.mark.parametrize("content", [None, b"\xff\xfe\x00bad"])
def test_cli_split_unreadable_file_is_one_error_line(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "in.txt"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["split", str(path)])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}")
    assert "Traceback" not in result.output

"""focus: watch terms and source weights change which stories lead, and every format marks them.

The day below has three stories: a ferry accident two outlets report (the most important by
coverage), an apple harvest and a library opening, one report each. The documented formula
(focus.py) is: importance x (largest weight above 1 of the matched terms) x (smallest weight
below 1) x (largest weight of the story's sources).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import focus
from briefing.cli import main
from briefing.domain import Article
from briefing.errors import ConfigError
from briefing.job import config, daily
from briefing.pipeline import BriefOptions, brief_articles
from briefing.render import render

WHEN = dt.datetime(2026, 11, 24, 7, 0, tzinfo=dt.timezone.utc)

FERRY_A = Article(
    title="Ferry runs aground off Velmora harbour, 40 passengers rescued",
    origin="https://coast.example/ferry", url="https://coast.example/ferry",
    source="Coast Herald", published=WHEN, text=(
        "A passenger ferry ran aground off Velmora harbour on Monday night and coast guard "
        "boats rescued all 40 passengers, the harbour authority said. "
        "The ferry Marit had left Velmora for the island of Skarn when it struck a sandbank "
        "in heavy fog. "
        "Coast guard captain Lene Haug said nobody was seriously hurt. "
        "The harbour authority has closed the route until the ferry is towed off the sandbank. "
        "Investigators will examine why the ferry left the marked channel in the fog."))
FERRY_B = Article(
    title="Velmora ferry aground in fog; all passengers safe",
    origin="https://wire.example/ferry-aground", url="https://wire.example/ferry-aground",
    source="Velmora Wire", published=WHEN, text=(
        "All 40 passengers of a ferry that ran aground in fog off Velmora harbour were "
        "rescued by the coast guard, officials said on Tuesday. "
        "The ferry Marit struck a sandbank on its way to the island of Skarn. "
        "Captain Lene Haug of the coast guard said the passengers were brought ashore "
        "within two hours. "
        "The ferry route to Skarn stays closed while the harbour authority works to free the "
        "ferry from the sandbank."))
HARVEST = Article(
    title="Early frost cuts apple harvest in the Dornvale valley",
    origin="https://farm.example/frost", url="https://farm.example/frost",
    source="Farm Post", published=WHEN, text=(
        "Apple growers in the Dornvale valley expect their smallest harvest in a decade after "
        "an early frost damaged blossoms, the growers' cooperative said on Monday. "
        "The cooperative estimates that output will fall by roughly a third. "
        "Its chairman, Tomas Reyl, said smaller farms were hit hardest. "
        "The regional agriculture ministry has promised emergency loans to the growers. "
        "Juice makers warned that prices for local apple juice could rise."))
LIBRARY = Article(
    title="Velmora opens its new central library after four years of work",
    origin="https://city.example/library", url="https://city.example/library",
    source="City Paper", published=WHEN, text=(
        "The new central library of Velmora opened on Saturday after four years of "
        "construction. "
        "The building holds about 600,000 books and has space for 1,200 readers. "
        "Chief librarian Anja Colvin said more than 9,000 people visited on the first day. "
        "The project cost 58 million, about 12 million more than planned. "
        "The old library building will become a music school next year."))
DAY = [FERRY_A, FERRY_B, HARVEST, LIBRARY]


def _brief(**options: object):  # type: ignore[no-untyped-def]
    return brief_articles(DAY, BriefOptions(date=WHEN.date(), **options))  # type: ignore[arg-type]


def _order(brief) -> list[str]:  # type: ignore[no-untyped-def]
    return [story.headline for story in brief.stories]


def _story(brief, word: str):  # type: ignore[no-untyped-def]
    [found] = [s for s in brief.stories if word in s.headline.lower()]
    return found


def test_a_focus_term_raises_its_story_to_the_top_as_documented() -> None:
    plain = _brief()
    assert "ferry" in _order(plain)[0].lower()  # two outlets: the day's lead story
    library = _story(plain, "library").importance

    focused = _brief(focus={"library": 3.0})
    assert "library" in _order(focused)[0].lower()
    assert "library" in focused.developments[0].headline.lower()
    # importance x 3, and the other stories keep theirs
    assert _story(focused, "library").importance == pytest.approx(3.0 * library, abs=1e-3)
    assert _story(focused, "ferry").importance == _story(plain, "ferry").importance


def test_focus_terms_do_not_stack_and_a_weight_below_1_lowers_a_story() -> None:
    plain = _brief()
    library = _story(plain, "library").importance
    # both match (in the title): the larger counts; "Anja Colvin" is named once: no match
    both = _brief(focus={"central library": 2.0, "library": 3.0, "Anja Colvin": 5.0})
    assert _story(both, "library").importance == pytest.approx(3.0 * library, abs=1e-3)
    assert _story(both, "library").focus == ("library", "central library")

    muted = _brief(focus={"ferry": 0.2})
    assert "ferry" not in _order(muted)[0].lower()
    assert _story(muted, "ferry").focus == ()  # lowered, not marked


def test_a_passing_mention_is_not_a_match_but_two_are() -> None:
    # "Skarn" is named in the ferry texts twice or more: a match; "Tomas Reyl" once, in no title
    assert focus.names("Skarn", [FERRY_A, FERRY_B])
    assert not focus.names("Tomas Reyl", [HARVEST])
    assert focus.names("apple harvest", [HARVEST])  # in the title
    assert focus.mentions("US", "Talk to us about the US. us") == 1  # capitals: acronym
    assert focus.mentions("interest rates", "Interest\n rates rose; interest-rates") == 1


def test_every_format_marks_the_focus_stories() -> None:
    brief = _brief(focus={"library": 3.0})
    text = render(brief, "text")
    assert "1. Velmora opens its new central library after four years of work\n" \
           "   [focus: library]\n" in text
    assert all(len(line) <= 72 for line in text.splitlines())
    assert "[focus: library]" in render(brief, "md").replace("\\", "")
    assert "[focus: library]" in render(brief, "html")
    data = json.loads(render(brief, "json"))
    assert data["developments"][0]["focus"] == ["library"]
    assert [s["focus"] for s in data["stories"] if "library" in s["headline"].lower()] == [
        ["library"]]
    assert all(s["focus"] == [] for s in data["stories"] if "ferry" in s["headline"].lower())


def test_a_source_weight_multiplies_its_stories() -> None:
    day = [Article(**{**a.__dict__, "via": "Farm feed" if a is HARVEST else "Other"})
           for a in DAY]
    plain = brief_articles(day, BriefOptions(date=WHEN.date()))
    weighted = brief_articles(day, BriefOptions(date=WHEN.date(),
                                                source_weights={"Farm feed": 4.0}))
    assert "harvest" in _order(weighted)[0].lower()
    assert _story(weighted, "harvest").importance == pytest.approx(
        4.0 * _story(plain, "harvest").importance, abs=1e-3)
    assert _story(weighted, "harvest").focus == ()  # a source weight is not a watch term


def test_brief_takes_focus_on_the_command_line(tmp_path: Path) -> None:
    for n, article in enumerate(DAY):
        (tmp_path / f"{n}.json").write_text(json.dumps({
            "title": article.title, "text": article.text, "url": article.url,
            "source": article.source, "published": WHEN.isoformat()}))
    runner = CliRunner()
    plain = runner.invoke(main, ["brief", str(tmp_path), "--format", "json"])
    assert plain.exit_code == 0, plain.output
    assert "ferry" in json.loads(plain.output)["developments"][0]["headline"].lower()
    focused = runner.invoke(main, ["brief", str(tmp_path), "--focus", "Dornvale=3",
                                   "--focus", "Anja Colvin"])
    assert focused.exit_code == 0, focused.output
    lines = focused.output.splitlines()
    start = lines.index("KEY DEVELOPMENTS") + 1
    assert lines[start:start + 2] == ["1. Early frost cuts apple harvest in the Dornvale valley",
                                      "   [focus: Dornvale]"]  # the mark is never cut in two

    bad = runner.invoke(main, ["brief", str(tmp_path), "--focus", "Ukraine=lots"])
    assert bad.exit_code == 2
    assert bad.output.strip().splitlines() == [
        "error: --focus 'Ukraine=lots': 'lots' is not a number (use TERM or TERM=WEIGHT, "
        "e.g. Ukraine=2)"]
    assert runner.invoke(main, ["brief", str(tmp_path), "--focus", "x=50"]).exit_code == 2


def _config(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "briefing.toml"
    path.write_text('[[sources]]\nfolder = "inbox"\nname = "Inbox"\n' + extra, encoding="utf-8")
    (tmp_path / "inbox").mkdir(exist_ok=True)
    return path


def test_the_focus_section_takes_a_table_or_a_list(tmp_path: Path) -> None:
    table = config.load(_config(tmp_path, '[focus.terms]\n"Ukraine" = 2.5\n'
                                          '"interest rates" = 1.5\n'))
    assert table.focus == (("Ukraine", 2.5), ("interest rates", 1.5))
    inline = config.load(_config(tmp_path, '[focus]\nterms = { ECB = 3 }\n'))
    assert inline.focus == (("ECB", 3.0),)
    listed = config.load(_config(tmp_path, '[focus]\nterms = ["Ukraine", "ECB"]\n'))
    assert listed.focus == (("Ukraine", 2.0), ("ECB", 2.0))


@pytest.mark.parametrize("extra, message", [
    ('[focus.terms]\nUkraine = "high"\n', "focus.terms.Ukraine: expected a weight"),
    ('[focus.terms]\nUkraine = 50\n', "focus.terms.Ukraine: weight 50 is out of range"),
    ('[focus]\nterms = 3\n', "focus.terms: expected a table"),
    ('[focus]\nterm = ["x"]\n', "focus.term: unknown setting"),
])
def test_focus_mistakes_name_the_setting(tmp_path: Path, extra: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace(".", r"\.")):
        config.load(_config(tmp_path, extra))


def test_the_daily_job_passes_focus_and_source_weights(tmp_path: Path) -> None:
    path = _config(tmp_path, '\n[[sources]]\nfolder = "farm"\nname = "Farm"\nweight = 0.5\n'
                             '\n[focus.terms]\nlibrary = 3\n\n[output]\nformats = ["json"]\n')
    (tmp_path / "farm").mkdir()
    for n, article in enumerate(DAY):
        folder = "farm" if article is HARVEST else "inbox"
        (tmp_path / folder / f"{n}.json").write_text(json.dumps({
            "title": article.title, "text": article.text, "url": article.url,
            "source": article.source, "published": WHEN.isoformat()}))
    [outcome] = daily.run(config.load(path), day=WHEN.date(), now=WHEN)
    data = json.loads(outcome.outputs[0].read_text())
    assert data["developments"][0]["focus"] == ["library"]
    assert "harvest" in data["stories"][-1]["headline"].lower()  # its source counts half

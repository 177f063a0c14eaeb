"""sources: `briefing sources list/add/remove`, per-source filters, and `briefing status`.

What a user notices: the config keeps every comment and blank line they wrote, a mistake is one
`error:` line and leaves the file as it was, a source's include/exclude words decide what is
briefed, and `status` shows the recent runs newest first.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import make_article
from news_samples import STORIES

from briefing.cli import main
from briefing.job import config, daily, sources
from briefing.job.config import Source
from briefing.job.state import State

MINE = """\
# My morning brief. Comments like this one must survive every edit.
timezone = "UTC"

# --- news ---
[[sources]]
feed = "https://courier.example/rss.xml"   # the main paper
name = "Courier"

# [[sources]]
# folder = "old-inbox"   (switched off for now)

[[sources]]
folder = "inbox"
name = "Inbox"

[brief]
max_stories = 5   # keep it short
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    (tmp_path / "inbox").mkdir()
    target = tmp_path / "briefing.toml"
    target.write_text(MINE, encoding="utf-8")
    return target


def _cli(path: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--config", str(path)])


def test_add_appends_a_source_and_keeps_everything_the_user_wrote(path: Path) -> None:
    result = _cli(path, "sources", "add", "https://wire.example/world.xml", "--name",
                  "World Wire", "--weight", "1.5", "--include", "Ukraine", "--include",
                  "Kyiv", "--exclude", "football")
    assert result.exit_code == 0, result.output
    assert result.output == f"added World Wire (feed) to {path}: 3 sources\n"
    text = path.read_text(encoding="utf-8")
    assert text == MINE.replace("\n[brief]", """
[[sources]]
feed = "https://wire.example/world.xml"
name = "World Wire"
weight = 1.5
include = ["Ukraine", "Kyiv"]
exclude = ["football"]

[brief]""")
    added = config.load(path).sources[-1]
    assert (added.kind, added.weight, added.include, added.exclude) == (
        "feed", 1.5, ("Ukraine", "Kyiv"), ("football",))


def test_add_knows_folders_feed_files_and_pages(path: Path, tmp_path: Path) -> None:
    (tmp_path / "saved.rss").write_text("<rss/>")
    (tmp_path / "more").mkdir()
    assert _cli(path, "sources", "add", str(tmp_path / "more")).exit_code == 0
    assert _cli(path, "sources", "add", str(tmp_path / "saved.rss")).exit_code == 0
    assert _cli(path, "sources", "add", "https://example.org/long-read", "--page").exit_code == 0
    assert _cli(path, "sources", "add", "feed://feeds.example/x").exit_code == 0
    loaded = config.load(path).sources[2:]
    assert [(s.kind, s.location) for s in loaded] == [
        ("folder", str(tmp_path / "more")), ("feed", str(tmp_path / "saved.rss")),
        ("url", "https://example.org/long-read"), ("feed", "http://feeds.example/x")]
    assert 'folder = "more"' in path.read_text()  # beside the config: written relative to it


@pytest.mark.parametrize("args, message", [
    (["https://courier.example/rss.xml"], "error: https://courier.example/rss.xml is already "
                                          "source 1 (Courier) in {path}; remove it first"),
    (["inbox"], "error: inbox is already source 2 (Inbox)"),
    (["https://x.example/rss", "--name", "courier"], "error: source 1 in {path} is already "
                                                     "named 'Courier'; choose another --name"),
    (["ftp://files.example/feed.xml"], "error: ftp://files.example/feed.xml: unsupported "
                                       "address scheme ftp:// (use http/https or a local path)"),
    (["no-such-folder"], "error: no-such-folder: no such file or folder"),
    (["https://x.example/rss", "--weight", "20"], "error: --weight: weight 20 is out of range "
                                                  "(0.1 to 10)"),
    (["https://x.example/rss", "--exclude", " "], "error: --exclude: an empty word would "
                                                  "match everything"),
])
def test_a_mistaken_add_is_one_error_line_and_changes_nothing(
        path: Path, args: list[str], message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)
    result = _cli(path, "sources", "add", *args)
    assert result.exit_code == 2
    assert len(result.output.splitlines()) == 1
    assert result.output.startswith(message.format(path=path))
    assert path.read_text(encoding="utf-8") == MINE


def test_remove_takes_only_the_sources_own_lines(path: Path) -> None:
    result = _cli(path, "sources", "remove", "courier")  # names match in any case
    assert result.exit_code == 0, result.output
    assert result.output == f"removed Courier (feed) from {path}: 1 source left\n"
    assert path.read_text(encoding="utf-8") == MINE.replace(
        '[[sources]]\nfeed = "https://courier.example/rss.xml"   # the main paper\n'
        'name = "Courier"\n', "")
    assert "# [[sources]]\n# folder = \"old-inbox\"" in path.read_text()


def test_remove_by_number_or_address_and_never_the_last(path: Path) -> None:
    _cli(path, "sources", "add", "https://wire.example/world.xml")
    assert _cli(path, "sources", "remove", "https://wire.example/world.xml").exit_code == 0
    assert path.read_text(encoding="utf-8") == MINE
    assert _cli(path, "sources", "remove", "2").exit_code == 0
    assert [s.name for s in config.load(path).sources] == ["Courier"]
    last = _cli(path, "sources", "remove", "1")
    assert (last.exit_code, last.output) == (2, "error: Courier is the only source in "
                                                f"{path}; add another one first "
                                                "(`briefing sources add URL`)\n")
    missing = _cli(path, "sources", "remove", "Nobody")
    assert (missing.exit_code, missing.output) == (2, f"error: no source named Nobody in "
                                                      f"{path} (see `briefing sources list`)\n")
    assert _cli(path, "sources", "remove", "7").output.startswith("error: there is no source 7")


def test_a_symlinked_config_keeps_its_link_and_its_mode(path: Path, tmp_path: Path) -> None:
    os.chmod(path, 0o600)
    link = tmp_path / "link.toml"
    link.symlink_to(path)
    assert _cli(link, "sources", "add", "https://wire.example/world.xml").exit_code == 0
    assert link.is_symlink()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert "wire.example" in path.read_text()


def test_list_shows_each_source_with_its_settings(path: Path) -> None:
    _cli(path, "sources", "add", "https://wire.example/world.xml", "--name", "World Wire",
         "--weight", "0.5", "--exclude", "football")
    with path.open("a") as handle:
        handle.write('\n[focus.terms]\n"Ukraine" = 2.0\n')
    result = _cli(path, "sources", "list")
    assert result.exit_code == 0, result.output
    assert result.output == f"""\
 1. Courier (feed)
    https://courier.example/rss.xml
 2. Inbox (folder)
    {path.parent / 'inbox'}
 3. World Wire (feed)
    https://wire.example/world.xml
    weight 0.5; exclude: football

focus: Ukraine (2)
"""
    data = json.loads(_cli(path, "sources", "list", "--json").output)
    assert data[2]["weight"] == 0.5 and data[2]["exclude"] == ["football"]


def test_a_broken_config_is_named_and_left_alone(path: Path) -> None:
    path.write_text(MINE + "\n[brief]\n", encoding="utf-8")  # a table defined twice
    result = _cli(path, "sources", "add", "https://wire.example/world.xml")
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {path}: not valid TOML")
    bad = MINE.replace('name = "Inbox"', 'name = "Inbox"\nweight = "high"')
    path.write_text(bad, encoding="utf-8")
    result = _cli(path, "sources", "list")
    assert result.output == (f"error: {path.resolve()}: sources[1].weight: expected a number, "
                             "got 'high'\n")


# --- include / exclude -------------------------------------------------------------------------


def test_include_and_exclude_words_decide_what_a_source_lets_through() -> None:
    war = make_article("Shelling hit Kharkiv overnight, officials said.", title="Ukraine update")
    match = make_article("The derby ended 2-1 after a late goal.", title="Football: derby")
    both = make_article("Ukraine's football team won in Kyiv.", title="Sport")
    source = Source("feed", "https://x.example/rss", include=("Ukraine", "Kyiv"),
                    exclude=("football",))
    assert [sources.admits(source, a) for a in (war, match, both)] == [True, False, False]
    assert sources.admits(Source("feed", "x", exclude=("ECB",)),
                          make_article("The ecb is a word here.", title="x"))  # capitals: exact


def test_a_run_leaves_filtered_items_out_and_says_how_many(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for story in STORIES:
        (inbox / f"{story.slug}.txt").write_text(f"{story.title}\n\n{story.text}\n")
    path = tmp_path / "briefing.toml"
    path.write_text('[[sources]]\nfolder = "inbox"\nname = "Inbox"\n'
                    'exclude = ["rail workers", "apple"]\n\n[output]\nformats = ["json"]\n')
    caplog.set_level("INFO", logger="briefing")
    [outcome] = daily.run(config.load(path))
    assert (outcome.status, outcome.articles) == ("written", 2)
    assert "Inbox: read, 4 items, 2 new (2 left out by its include/exclude words)" in caplog.text
    brief = json.loads(outcome.outputs[0].read_text())
    headlines = " ".join(s["headline"] for s in brief["stories"]).lower()
    assert "bridge" in headlines and "library" in headlines
    assert "apple" not in headlines and "rail" not in headlines


# --- status ------------------------------------------------------------------------------------


def test_status_shows_the_recent_runs_newest_first(path: Path) -> None:
    state = config.load(path).state_path
    assert _cli(path, "status").output == (f"no runs yet in {state}: `briefing run` makes the "
                                          "first\n")
    day = dt.date(2026, 11, 20)
    at = dt.datetime(2026, 11, 20, 6, 30, tzinfo=dt.timezone.utc)
    with State.open(state) as db:
        sent = db.begin(day, [make_article(f"Story {n}.", f"inbox/{n}.txt") for n in range(23)],
                        now=at, failed=["Courier"])
        db.finish(db.built(sent, b"mail", "<id@x>", stories=9), "sent")
        db.record(day + dt.timedelta(days=1), "nothing-new", "nothing new",
                  now=at + dt.timedelta(days=1))
        waiting = db.begin(day + dt.timedelta(days=2), [make_article("A.", "a.txt")],
                           now=at + dt.timedelta(days=2))
        db.failed_delivery(db.built(waiting, b"mail", "<id2@x>", stories=1))
        result = _cli(path, "status")  # while a run holds the lock
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "DAY         RUN     STARTED           ARTICLES  STORIES  DELIVERED             FAILED "
        "SOURCES",
        "2026-11-22  brief   2026-11-22 06:30         1        1  waiting (1 try)       -",
        "2026-11-21  brief   2026-11-21 06:30         0        -  nothing new           -",
        "2026-11-20  brief   2026-11-20 06:30        23        9  yes                   Courier",
    ]
    assert len(_cli(path, "status", "-n", "2").output.splitlines()) == 3
    data = json.loads(_cli(path, "status", "--json").output)
    assert [r["delivered"] for r in data] == ["waiting (1 try)", "nothing new", "yes"]
    assert data[2]["failed_sources"] == ["Courier"] and data[2]["stories"] == 9

"""memory: what changed since yesterday.

What a reader of briefs on consecutive days notices: a story that goes on is marked
"developing, day N" with the day it was first briefed; no sentence of an earlier brief is shown
again; a story with nothing new is not developed again; a re-published ("UPDATED") copy of an
earlier article is not briefed as new; `briefing run --update` mails only what arrived since
the morning; a backfill's age window is that day's; `brief --since PREVIOUS.json` does the same
without the job; the output folder gets a browsable index.html. The four-day acceptance test runs
real Reuters-21578 wire days through `briefing run` with a growing source.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_servers import MailServer, WebServer
from news_samples import STORIES, item, page, rss

from briefing import memory
from briefing.cli import main
from briefing.job import config, daily

REPO = Path(__file__).resolve().parents[1]
REUTERS = REPO.parent / "shared" / "eval" / "reuters-21578" / "articles.jsonl"
sys.path.insert(0, str(REPO / "benchmarks"))
from day_checks import near_repeat  # noqa: E402 - the day benchmark's own repeat detector

TODAY = dt.datetime.now(dt.timezone.utc).date()

# --- Three days of a story that goes on, written for these tests ---------------------------------

def _text(title: str, *sentences: str) -> str:
    """An article file: a title line, then one sentence a line."""
    return title + "\n\n" + "\n".join(sentences) + "\n"


DAM_1 = _text(
    "Engineers warn of cracks in the Korvath dam",
    "Engineers inspecting the Korvath dam found two new cracks in its eastern wall on Monday, "
    "the regional water authority said.",
    "The Korvath dam, built in 1962, holds back 300 million cubic metres of water above the "
    "town of Lusk.",
    "Authority director Mira Santel said the cracks were not yet dangerous but would be watched"
    " around the clock.",
    "The authority lowered the reservoir by two metres as a precaution and closed the road "
    "across the crest.",
)

DAM_2 = _text(
    "Korvath dam repairs begin as water level falls",
    "Repair crews began injecting grout into the cracks of the Korvath dam on Tuesday after the"
    " reservoir fell by another metre, Mira Santel said.",
    "The Korvath dam, built in 1962, holds back 300 million cubic metres of water above the "
    "town of Lusk.",
    "The town council of Lusk opened two schools as shelters in case residents below the dam "
    "have to leave.",
    "Santel said divers would inspect the foot of the eastern wall on Wednesday.",
)

DAM_3 = _text(
    "Divers find no damage at foot of Korvath dam",
    "Divers reported no damage at the base of the Korvath dam on Wednesday, and the reservoir "
    "will be refilled slowly from next week.",
    "Mira Santel said the road across the crest would reopen on Friday once the grout has set.",
    "The Korvath dam, built in 1962, holds back 300 million cubic metres of water above the "
    "town of Lusk.",
    "The shelters in Lusk will close on Thursday, the town council said.",
)

FAIR = _text(
    "Velmora book fair opens with record number of publishers",
    "The Velmora book fair opened on Monday with 640 publishers from 38 countries, a record for"
    " the event.",
    "Organisers expect 90,000 visitors over five days in the exhibition halls by the river.",
    "This year's guest country is Portugal, which brought 45 authors to the fair.",
    "Tickets cost 12 euros a day, and entry is free for students on Wednesday.",
)

RAIL = _text(
    "Velmora rail workers call strike for next week",
    "Rail workers in Velmora will strike for 48 hours from next Tuesday over pay, their union "
    "said on Tuesday.",
    "The union wants a raise of 9 percent, while the rail company has offered 4 percent over "
    "two years.",
    "Commuter trains into the capital will run at a quarter of their usual frequency during the"
    " strike.",
)


def _days(folder: Path) -> dict[str, Path]:
    """Three days of written articles in folders: the dam story goes on; day 2 re-issues
    day 1's book-fair article as it was (nothing new) and adds a rail strike."""
    texts = {"day1": {"dam.txt": DAM_1, "fair.txt": FAIR},
             "day2": {"dam.txt": DAM_2, "fair-again.txt": FAIR, "rail.txt": RAIL},
             "day3": {"dam.txt": DAM_3}}
    out = {}
    for day, files in texts.items():
        (folder / day).mkdir(parents=True)
        for name, text in files.items():
            (folder / day / name).write_text(text, encoding="utf-8")
        out[day] = folder / day
    return out


def _brief(*args: str) -> str:
    result = CliRunner().invoke(main, ["brief", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _page_sentences(data: dict) -> list[str]:
    return [s["text"] for s in data["bottom_line"]] + [
        s["text"] for d in data["developments"] for s in d["sentences"]]


def test_brief_since_marks_the_story_that_goes_on_and_repeats_nothing(tmp_path: Path) -> None:
    days = _days(tmp_path)
    one = tmp_path / "one.json"
    _brief(str(days["day1"]), "--date", "2026-11-23", "--format", "json", "--out", str(one))
    two = tmp_path / "two.json"
    _brief(str(days["day2"]), "--date", "2026-11-24", "--since", str(one), "--format", "json",
           "--out", str(two))
    first, second = json.loads(one.read_text()), json.loads(two.read_text())

    [dam] = [s for s in second["stories"] if "Korvath" in s["headline"]]
    assert (dam["status"], dam["first_seen"], dam["days"]) == ("developing", "2026-11-23", 2)
    [rail] = [s for s in second["stories"] if "strike" in s["headline"]]
    assert (rail["status"], rail["first_seen"], rail["days"]) == ("new", "2026-11-24", 1)
    earlier = _page_sentences(first)
    assert not [s for s in _page_sentences(second) if any(near_repeat(s, e) for e in earlier)]
    assert "Repair crews began" in " ".join(_page_sentences(second))  # what is new is told
    # The re-issued fair article has nothing new: it is not developed again.
    assert not [d for d in second["developments"] if "book fair" in d["headline"]]

    text = _brief(str(days["day2"]), "--date", "2026-11-24", "--since", str(one))
    assert "(developing, day 2)" in text

    # The chain goes on: day 3 against day 2's JSON still knows the dam story from day 1.
    three = json.loads(_brief(str(days["day3"]), "--date", "2026-11-25", "--since", str(two),
                              "--format", "json"))
    [dam] = [d for d in three["developments"] if "Korvath" in d["headline"]]
    assert (dam["status"], dam["first_seen"], dam["days"]) == ("developing", "2026-11-23", 3)
    told = earlier + _page_sentences(second)
    assert not [s for s in _page_sentences(three) if any(near_repeat(s, e) for e in told)]
    md = _brief(str(days["day3"]), "--date", "2026-11-25", "--since", str(two), "--format", "md")
    assert "*(developing, day 3)*" in md
    html = _brief(str(days["day3"]), "--date", "2026-11-25", "--since", str(two), "--format",
                  "html")
    assert "(developing, day 3)</span>" in html


def test_since_an_older_brief_json_without_memory_uses_its_page(tmp_path: Path) -> None:
    days = _days(tmp_path)
    one = tmp_path / "one.json"
    _brief(str(days["day1"]), "--date", "2026-11-23", "--format", "json", "--out", str(one))
    data = json.loads(one.read_text())
    del data["remembered"]  # as a brief made before the memory writes it
    one.write_text(json.dumps(data))
    second = json.loads(_brief(str(days["day2"]), "--date", "2026-11-24", "--since", str(one),
                               "--format", "json"))
    [dam] = [d for d in second["developments"] if "Korvath" in d["headline"]]
    assert (dam["status"], dam["first_seen"]) == ("developing", "2026-11-23")
    earlier = _page_sentences(data)
    assert not [s for s in _page_sentences(second) if any(near_repeat(s, e) for e in earlier)]


def test_since_a_file_that_is_no_brief_is_one_error_line(tmp_path: Path) -> None:
    days = _days(tmp_path)
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}')
    for since, reason in ((bad, "not a brief's JSON"), (tmp_path / "missing.json", "no such")):
        result = CliRunner().invoke(main, ["brief", str(days["day1"]), "--since", str(since)])
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and reason in result.stderr
        assert "Traceback" not in result.output


def test_a_lightly_edited_copy_is_recognised() -> None:
    edited = "UPDATED: " + DAM_1.replace("on Monday", "on Monday morning")
    copies = memory.Copies([("dam-1", memory.fingerprint(DAM_1)),
                            ("fair", memory.fingerprint(FAIR))])
    assert copies.find(memory.fingerprint(edited)) == "dam-1"
    assert copies.find(memory.fingerprint(DAM_2)) is None  # the next day's report is no copy
    assert copies.find(memory.fingerprint(DAM_1.split("\n\n")[1][:200])) == "dam-1"  # a teaser


# --- The daily job -------------------------------------------------------------------------------


@pytest.fixture
def smtp() -> Iterator[MailServer]:
    with MailServer() as server:
        yield server


def _folder_config(tmp_path: Path, smtp: MailServer, extra: str = "") -> Path:
    (tmp_path / "inbox").mkdir(exist_ok=True)
    path = tmp_path / "briefing.toml"
    path.write_text(f"""
[[sources]]
folder = "inbox"
name = "Wire"

[email]
host = "127.0.0.1"
port = {smtp.port}
security = "none"
from = "Daily Brief <brief@velmora.example>"
to = ["ana@example.org"]
{extra}
""", encoding="utf-8")
    return path


def test_four_days_through_the_job_tell_nothing_twice(tmp_path: Path, smtp: MailServer) -> None:
    """Written days through `briefing run --date` with a growing folder: developing marks,
    nothing repeated, an UPDATED copy of day 1's article left out on day 3, and an index."""
    path = _folder_config(tmp_path, smtp)
    inbox = tmp_path / "inbox"
    files = {0: {"dam-1.txt": DAM_1, "fair.txt": FAIR},
             1: {"dam-2.txt": DAM_2, "rail.txt": RAIL},
             2: {"dam-3.txt": DAM_3,
                 "dam-1-updated.txt": "UPDATED: " + DAM_1.replace("on Monday", "on Monday "
                                                                   "morning")},
             3: {"fair-again.txt": FAIR.replace("Velmora book fair opens", "Book fair opens")}}
    start = dt.date(2026, 11, 23)
    told: list[str] = []
    for n, new in files.items():
        for name, text in new.items():
            (inbox / name).write_text(text, encoding="utf-8")
        day = start + dt.timedelta(days=n)
        [outcome] = daily.run(config.load(path), day=day)
        if n == 3:  # only a copy of what day 1 briefed arrived
            assert outcome.status == "nothing-new"
            assert "1 item left out: 1 copy of an article already briefed" in outcome.message
            continue
        assert outcome.status == "sent", outcome.message
        data = json.loads((tmp_path / "briefs" / f"{day}.json").read_text())
        page = _page_sentences(data)
        assert not [s for s in page if any(near_repeat(s, e) for e in told)]
        told += page
        if n:
            [dam] = [d for d in data["developments"] if "Korvath" in d["headline"]]
            assert (dam["status"], dam["first_seen"], dam["days"]) == ("developing",
                                                                      str(start), n + 1)
        if n == 2:  # the UPDATED copy was left out, so only day 3's own article is briefed
            assert outcome.articles == 1
    assert "(developing, day 3)" in (tmp_path / "briefs" / f"{start + dt.timedelta(2)}.txt"
                                     ).read_text()
    index = (tmp_path / "briefs" / "index.html").read_text()
    assert index.index("Wednesday 25 November 2026") < index.index("Monday 23 November 2026")
    assert 'href="2026-11-24.html"' in index and "Developing: " in index
    assert len(smtp.messages) == 3


def test_an_update_run_mails_only_what_arrived_since(tmp_path: Path, smtp: MailServer) -> None:
    with WebServer() as web:
        def feed(stories: tuple[int, ...]) -> None:
            web.add("/rss.xml", rss([item(STORIES[i], web.url(f"/{STORIES[i].slug}"))
                                      for i in stories]), "application/rss+xml")
            for i in stories:
                web.add(f"/{STORIES[i].slug}", page(STORIES[i]))

        path = tmp_path / "briefing.toml"
        path.write_text(f"""
[[sources]]
feed = "{web.url('/rss.xml')}"

[schedule]
update_at = "13:00"

[email]
host = "127.0.0.1"
port = {smtp.port}
security = "none"
from = "Daily Brief <brief@velmora.example>"
to = ["ana@example.org"]
""", encoding="utf-8")
        feed((0, 1))
        runner = CliRunner()
        assert runner.invoke(main, ["run", "--config", str(path)]).exit_code == 0
        morning = (tmp_path / "briefs" / f"{TODAY}.txt").read_text()
        result = runner.invoke(main, ["run", "--config", str(path), "--update"])
        assert result.exit_code == 0 and result.stdout.startswith("nothing new")
        feed((0, 1, 3))
        result = runner.invoke(main, ["run", "--config", str(path), "--update"])
        assert result.exit_code == 0, result.output
        assert f"update for {TODAY} written to" in result.stdout and "(1 article)" in result.stdout
        runs = runner.invoke(main, ["status", "--config", str(path)]).stdout.splitlines()
        assert [line.split()[1] for line in runs[1:]] == ["update", "update", "brief"]
        assert "nothing new" in runs[2]  # the update that found nothing is an update too
    first, update = smtp.messages
    assert "update" not in first["Subject"] and "update" in update["Subject"]
    body = update.get_body(("plain",)).get_content()
    assert "strike" in body and STORIES[0].title not in body
    assert (tmp_path / "briefs" / f"{TODAY}.txt").read_text() == morning  # not made again
    assert (tmp_path / "briefs" / f"{TODAY}-update-1.txt").exists()
    assert "update 1" in (tmp_path / "briefs" / "index.html").read_text()
    assert config.load(path).update_at == "13:00"


def test_a_backfill_reads_the_window_of_its_day(tmp_path: Path) -> None:
    past = TODAY - dt.timedelta(days=5)
    noon = dt.datetime.combine(past, dt.time(12), dt.timezone.utc)
    with WebServer() as web:
        items = [item(STORIES[i], web.url(f"/{STORIES[i].slug}"), published=noon)
                 for i in (0, 1)]
        web.add("/rss.xml", rss(items), "application/rss+xml")
        path = tmp_path / "briefing.toml"
        path.write_text(f'[[sources]]\nfeed = "{web.url("/rss.xml")}"\n', encoding="utf-8")
        [yesterday] = daily.run(config.load(path), day=TODAY - dt.timedelta(days=1))
        assert yesterday.status == "nothing-new"
        assert (f"2 items left out: 2 published more than 48 hours before the end of "
                f"{TODAY - dt.timedelta(days=1)}") in yesterday.message
        [backfill] = daily.run(config.load(path), day=past)
        assert (backfill.status, backfill.articles) == ("written", 2)


def test_the_index_tells_when_it_was_updated_in_the_configs_time_zone(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "fair.txt").write_text(FAIR, encoding="utf-8")
    path = tmp_path / "briefing.toml"
    path.write_text('timezone = "Asia/Tokyo"\n[[sources]]\nfolder = "inbox"\n', encoding="utf-8")
    assert daily.run(config.load(path))[0].status == "written"
    index = (tmp_path / "briefs" / "index.html").read_text()
    assert " JST." in index and " UTC." not in index


def test_a_backfill_leaves_out_a_copy_of_what_a_later_day_briefed(tmp_path: Path) -> None:
    """Today's brief told the bridge story; its "UPDATED" copy under a new address must not
    become the brief of a past day when that day is backfilled afterwards."""
    story = STORIES[0]
    copy = (f"UPDATED: {story.title}", story.text.replace("said", "told reporters", 1))
    with WebServer() as web:
        web.add("/rss.xml", rss([item(story, web.url("/bridge"))]), "application/rss+xml")
        path = tmp_path / "briefing.toml"
        path.write_text(f'[[sources]]\nfeed = "{web.url("/rss.xml")}"\n', encoding="utf-8")
        [today] = daily.run(config.load(path))
        assert today.status == "written"
        updated = dataclasses.replace(item(story, web.url("/bridge-updated")), title=copy[0],
                                      text=copy[1])
        web.add("/rss.xml", rss([updated]), "application/rss+xml")
        [backfill] = daily.run(config.load(path), day=TODAY - dt.timedelta(days=3))
    assert backfill.status == "nothing-new"
    assert "1 copy of an article already briefed" in backfill.message


# --- Real wire days ------------------------------------------------------------------------------

WIRE_DAYS = ("1987-03-16", "1987-03-17", "1987-03-18", "1987-03-19")
WIRE_OTHERS = 6  # articles of other stories a day, besides the cocoa talks


def _wire_days() -> dict[str, list[dict]]:
    by_day: dict[str, list[dict]] = {d: [] for d in WIRE_DAYS}
    with REUTERS.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            day = record["published"][:10]
            if day in by_day:
                by_day[day].append(record)
    chosen = {}
    for day, records in by_day.items():
        cocoa = [r for r in records if "ICCO" in r["text"] or "buffer stock" in r["text"]]
        others = [r for r in records if r not in cocoa and len(r["text"].split()) > 120]
        chosen[day] = cocoa + others[:WIRE_OTHERS]
    return chosen


@pytest.mark.skipif(not REUTERS.is_file(), reason="../shared/eval/reuters-21578 not present")
def test_four_real_wire_days_through_briefing_run(tmp_path: Path, smtp: MailServer) -> None:
    """Done when (issue 13): four consecutive Reuters-21578 days through `briefing run` with a
    growing source: no sentence of a brief repeats one of an earlier brief; the ICCO cocoa
    buffer-stock talks, briefed from the first day on, are developing with that first day."""
    path = _folder_config(tmp_path, smtp)
    told: list[str] = []
    for n, (day, records) in enumerate(_wire_days().items()):
        with (tmp_path / "inbox" / f"{day}.jsonl").open("w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps({k: r[k] for k in ("title", "text", "published",
                                                       "source")}) + "\n")
        result = CliRunner().invoke(main, ["run", "--config", str(path), "--date", day])
        assert result.exit_code == 0, result.output
        data = json.loads((tmp_path / "briefs" / f"{day}.json").read_text())
        page = _page_sentences(data)
        repeats = [s for s in page if any(near_repeat(s, e) for e in told)]
        assert not repeats, (day, repeats)
        told += page
        cocoa = [s for s in [*data["developments"], *data["further"]]
                 if "cocoa" in s["headline"].casefold() or "icco" in s["headline"].casefold()]
        assert cocoa, day
        expected = ("new", 1) if n == 0 else ("developing", n + 1)
        assert (cocoa[0]["status"], cocoa[0]["days"]) == expected, (day, cocoa[0])
        assert cocoa[0]["first_seen"] == (WIRE_DAYS[0] if n else day)
    assert len(smtp.messages) == 4


def test_a_second_scheduled_run_is_the_update(tmp_path: Path) -> None:
    from briefing.job import schedule

    path = tmp_path / "briefing.toml"
    path.write_text('[[sources]]\nfolder = "inbox"\n\n[schedule]\nat = "06:30"\n'
                    'update_at = "13:05"\n\n[memory]\ndays = 7\n', encoding="utf-8")
    settings = config.load(path)
    assert (settings.update_at, settings.memory_days) == ("13:05", 7)
    lines = [line for line in schedule.crontab(settings, machine_zone="UTC").splitlines()
             if line and not line.startswith("#")]
    assert lines[0].startswith("30 6 * * * ") and " run --config " in lines[0]
    assert lines[1].startswith("5 13 * * * ") and " run --update --config " in lines[1]
    units = schedule.systemd_units(settings)
    assert "OnCalendar=*-*-* 13:05:00 UTC" in units["briefing-update.timer"]
    assert " run --update --config " in units["briefing-update.service"]
    assert " --update" not in units["briefing.service"]
    path.write_text('[[sources]]\nfolder = "inbox"\n\n[schedule]\nupdate_at = "1pm"\n')
    result = CliRunner().invoke(main, ["run", "--config", str(path)])
    assert result.exit_code == 2 and "update_at" in result.stderr

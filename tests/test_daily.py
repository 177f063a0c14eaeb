"""daily: `briefing run` against a real local web server, SMTP server and SQLite file.

Covers what a user of the scheduled job notices: the dated files, exactly one mail, nothing
re-sent on the same day, a broken feed named in the footer, a crash or `kill -9` at any point
finished by the next run, and an overlapping run turned away with exit code 4.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_servers import MailServer, WebServer
from news_samples import STORIES, FeedItem, item, page, rss

from briefing.cli import main
from briefing.job import config, daily, mail
from briefing.job.state import State

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.datetime.now(dt.timezone.utc).date()


@dataclass
class Setup:
    folder: Path
    config_path: Path
    web: WebServer
    smtp: MailServer

    @property
    def config(self) -> config.Config:
        return config.load(self.config_path)

    def briefs(self, day: dt.date = TODAY) -> dict[str, Path]:
        return {p.suffix: p for p in (self.folder / "briefs").glob(f"{day.isoformat()}.*")}

    def feed(self, stories: tuple[int, ...], *, teaser: tuple[int, ...] = ()) -> None:
        items = [item(STORIES[i], self.web.url(f"/{STORIES[i].slug}"), teaser=i in teaser)
                 for i in stories]
        self.web.add("/rss.xml", rss(items), "application/rss+xml")
        for i in stories:
            self.web.add(f"/{STORIES[i].slug}", page(STORIES[i]))


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    with WebServer() as web, MailServer() as smtp:
        path = tmp_path / "briefing.toml"
        path.write_text(f"""
timezone = "UTC"

[[sources]]
feed = "{web.url('/rss.xml')}"
name = "Velmora Courier"

[[sources]]
feed = "{web.url('/gone.xml')}"
name = "Gone Gazette"

[fetch]
timeout = 2
retries = 0

[email]
host = "127.0.0.1"
port = {smtp.port}
security = "none"
from = "Daily Brief <brief@velmora.example>"
to = ["ana@example.org"]
""", encoding="utf-8")
        yield Setup(tmp_path, path, web, smtp)


def _run(setup: Setup, *args: str) -> tuple[int, str]:
    """`briefing run`: its exit code and what it printed (stdout, or the error line)."""
    result = CliRunner().invoke(main, ["run", "--config", str(setup.config_path), *args])
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    return result.exit_code, "".join(f"{line}\n" for line in errors) or result.stdout


def test_a_run_writes_the_dated_files_and_sends_one_mail(setup: Setup) -> None:
    setup.feed((0, 1, 2), teaser=(2,))
    code, output = _run(setup)
    assert code == 0, output
    assert "sent to ana@example.org (3 articles)" in output
    files = setup.briefs()
    assert set(files) == {".txt", ".html", ".md", ".json"}
    text = files[".txt"].read_text()
    top = text.split("BOTTOM LINE")[0]  # named near the top, one line a failed source
    assert "1 OF 2 SOURCES FAILED" in top and "- Gone Gazette: HTTP 404" in top
    assert "three times more than the old library" in " ".join(text.split()) or \
        "1,200" in text  # the teaser was completed from its page
    assert json.loads(files[".json"].read_text())["date"] == TODAY.isoformat()
    [arrived] = setup.smtp.messages
    body = arrived.get_body(("plain",))
    assert body is not None and body.get_content().strip().splitlines() == text.strip().splitlines()
    assert arrived["To"] == "ana@example.org"


def test_the_same_day_again_sends_nothing(setup: Setup) -> None:
    setup.feed((0, 1))
    assert _run(setup)[0] == 0
    code, output = _run(setup)
    assert code == 0
    assert output.count("\n") == 1 and "already made" in output and "--force" in output
    assert len(setup.smtp.messages) == 1


def test_nothing_new_the_next_day_exits_0_with_one_line(setup: Setup) -> None:
    setup.feed((0, 1))
    assert _run(setup)[0] == 0
    tomorrow = TODAY + dt.timedelta(days=1)
    code, output = _run(setup, "--date", tomorrow.isoformat())
    assert code == 0
    assert output.startswith("nothing new") and output.count("\n") == 1
    assert "1 of 2 sources failed" in output
    assert len(setup.smtp.messages) == 1
    assert setup.briefs(tomorrow) == {}


def test_the_next_brief_holds_only_what_is_new(setup: Setup) -> None:
    setup.feed((0, 1))
    assert _run(setup)[0] == 0
    # The bridge story comes back under another address (re-published): not new.
    republished = item(STORIES[0], setup.web.url("/syndicated/bridge"))
    fresh = item(STORIES[3], setup.web.url("/rail"))
    setup.web.add("/rss.xml", rss([republished, fresh, item(STORIES[1], setup.web.url(
        "/harvest"))]), "application/rss+xml")
    tomorrow = TODAY + dt.timedelta(days=1)
    code, output = _run(setup, "--date", tomorrow.isoformat())
    assert code == 0, output
    assert "(1 article)" in output
    text = setup.briefs(tomorrow)[".txt"].read_text()
    assert "strike" in text and "Harbor" not in text and "frost" not in text
    assert len(setup.smtp.messages) == 2


def test_force_makes_the_day_again_with_everything_so_far(setup: Setup) -> None:
    setup.feed((0,))
    assert _run(setup)[0] == 0
    setup.feed((0, 1))
    code, output = _run(setup, "--force")
    assert code == 0, output
    assert "(2 articles)" in output
    assert len(setup.smtp.messages) == 2
    assert "frost" in setup.briefs()[".txt"].read_text()


def test_all_sources_failing_is_a_failure(setup: Setup) -> None:
    code, output = _run(setup)  # no /rss.xml served either
    assert code == 1
    assert "all 2 sources failed" in output and "Gone Gazette" in output
    assert setup.smtp.messages == []


def test_dry_run_writes_the_mail_and_records_nothing(setup: Setup) -> None:
    setup.feed((0, 1))
    code, output = _run(setup, "--dry-run")
    assert code == 0, output
    eml = setup.folder / "briefs" / f"{TODAY.isoformat()}.dry-run.eml"
    saved = mail.read_eml(eml)
    assert saved["To"] == "ana@example.org" and saved.get_body(("html",)) is not None
    assert setup.smtp.messages == []
    code, output = _run(setup)  # the real run still sees both articles as new
    assert code == 0 and "(2 articles)" in output
    assert len(setup.smtp.messages) == 1


def test_a_failed_delivery_exits_5_and_the_next_run_sends_it(setup: Setup) -> None:
    setup.feed((0, 1))
    setup.smtp.__exit__(None, None, None)  # the mail server is down
    code, output = _run(setup)
    assert code == 5
    assert output.startswith("error: ") and "can't deliver" in output
    assert "the brief is written and the next run tries to send it again (attempt 1 of 3)" \
        in output  # what exit 5 means, in the line cron mails
    assert set(setup.briefs()) == {".txt", ".html", ".md", ".json"}  # the files are there
    with MailServer() as smtp:
        text = setup.config_path.read_text().replace(f"port = {setup.smtp.port}",
                                                     f"port = {smtp.port}")
        setup.config_path.write_text(text)
        code, output = _run(setup)
        assert code == 0, output
        assert "sent to ana@example.org" in output
    assert len(smtp.messages) == 1


# --- crashes -------------------------------------------------------------------------------------


class Crash(BaseException):
    """Stands for the process dying: no except clause catches it, no commit follows it."""


def _crash_after(target: object, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = getattr(target, name)

    def crashing(*args: object, **kwargs: object) -> object:
        real(*args, **kwargs)
        raise Crash(name)

    monkeypatch.setattr(target, name, crashing)


def _crash_before(target: object, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def crashing(*args: object, **kwargs: object) -> object:
        raise Crash(name)

    monkeypatch.setattr(target, name, crashing)


@pytest.mark.parametrize("point", ["while gathering", "after recording the run",
                                   "after writing the files", "after storing the mail",
                                   "while sending"])
def test_a_crash_at_any_point_is_finished_by_the_next_run(
        setup: Setup, point: str, monkeypatch: pytest.MonkeyPatch) -> None:
    setup.feed((0, 1))
    with monkeypatch.context() as patch:
        if point == "while gathering":
            _crash_before(daily.feeds, "fetch_article", patch)
            setup.feed((0, 1), teaser=(1,))
        elif point == "after recording the run":
            _crash_before(daily, "build", patch)
        elif point == "after writing the files":
            _crash_after(daily, "write_outputs", patch)
        elif point == "after storing the mail":
            _crash_after(State, "built", patch)
        else:
            _crash_before(daily.mail, "send", patch)
        with pytest.raises(Crash):
            daily.run(setup.config)
    assert setup.smtp.messages == []

    [outcome] = daily.run(setup.config)
    assert outcome.status == "sent" and outcome.articles == 2
    assert len(setup.smtp.messages) == 1
    assert set(setup.briefs()) == {".txt", ".html", ".md", ".json"}
    assert "frost" in setup.briefs()[".txt"].read_text()
    [again] = daily.run(setup.config)
    assert again.status == "already-done" and len(setup.smtp.messages) == 1


def test_a_crash_after_the_server_accepted_resends_the_same_message(
        setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one window SMTP can't close (see state.py): the copy carries the same Message-ID."""
    setup.feed((0, 1))
    with monkeypatch.context() as patch:
        _crash_after(daily.mail, "send", patch)
        with pytest.raises(Crash):
            daily.run(setup.config)
    daily.run(setup.config)
    first, second = setup.smtp.messages
    assert first["Message-ID"] == second["Message-ID"]


def test_an_interrupted_run_from_yesterday_is_finished_first(
        setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    setup.feed((0,))
    yesterday = TODAY - dt.timedelta(days=1)
    with monkeypatch.context() as patch:
        _crash_before(daily.mail, "send", patch)
        with pytest.raises(Crash):
            daily.run(setup.config, day=yesterday)
    setup.feed((0, 1))
    outcomes = daily.run(setup.config)
    assert [(o.day, o.status, o.articles) for o in outcomes] == [(yesterday, "sent", 1),
                                                                 (TODAY, "sent", 1)]
    assert len(setup.smtp.messages) == 2


def _subprocess_run(setup: Setup) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "briefing", "run", "--config", str(setup.config_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=setup.folder,
    )


def test_kill_9_while_sending_and_an_overlapping_run(setup: Setup) -> None:
    """A real `kill -9` of `briefing run` mid-send; meanwhile a second run finds the lock."""
    setup.feed((0, 1, 3))
    setup.smtp.block_next_recipient()
    first = _subprocess_run(setup)
    try:
        assert setup.smtp.blocked.wait(60), first.communicate(timeout=5)
        second = _subprocess_run(setup)
        out, err = second.communicate(timeout=60)
        assert second.returncode == 4
        assert f"another briefing run (pid {first.pid}) is still running" in err
        assert err.count("\n") == 1 and out == ""
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.communicate()
    assert first.returncode == -signal.SIGKILL
    assert setup.smtp.messages == []
    assert set(setup.briefs()) == {".txt", ".html", ".md", ".json"}  # written before sending

    [outcome] = daily.run(setup.config)
    assert outcome.status == "sent" and outcome.articles == 3
    assert len(setup.smtp.messages) == 1
    assert daily.run(setup.config)[0].status == "already-done"
    assert len(setup.smtp.messages) == 1


def test_errors_do_not_leak_the_password(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    setup.feed((0,))
    secret = "very-secret-Pa55"
    monkeypatch.setenv("BRIEF_PW", secret)
    text = setup.config_path.read_text().replace(
        'security = "none"', 'security = "starttls"\nuser = "brief"\npassword_env = "BRIEF_PW"')
    setup.config_path.write_text(text)
    result = CliRunner().invoke(main, ["-v", "run", "--config", str(setup.config_path)])
    assert result.exit_code == 5
    assert "STARTTLS" in result.output and secret not in result.output



def test_a_folder_source_briefs_each_file_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for story in STORIES[:2]:
        (inbox / f"{story.slug}.txt").write_text(f"{story.title}\n\n{story.text}\n")
    path = tmp_path / "briefing.toml"
    path.write_text('[[sources]]\nfolder = "inbox"\n\n[output]\nformats = ["md"]\n')
    [first] = daily.run(config.load(path))
    assert (first.status, first.articles) == ("written", 2)
    assert [p.name for p in first.outputs] == [f"{TODAY.isoformat()}.md"]
    (inbox / "rail.txt").write_text(f"{STORIES[3].title}\n\n{STORIES[3].text}\n")
    tomorrow = TODAY + dt.timedelta(days=1)
    [second] = daily.run(config.load(path), day=tomorrow)
    assert (second.status, second.articles) == ("written", 1)
    assert "strike" in second.outputs[0].read_text()


def test_only_junk_exits_3_and_is_not_retried(setup: Setup) -> None:
    junk = [FeedItem("Live", setup.web.url("/live"), "Click here."),
            FeedItem("Video", setup.web.url("/video"), "Watch now.")]
    setup.web.add("/rss.xml", rss(junk), "application/rss+xml")
    code, output = _run(setup)
    assert code == 3 and output.startswith("error: ")
    assert setup.smtp.messages == []
    code, output = _run(setup)
    assert code == 0 and output.startswith("nothing new")


def test_half_written_files_of_a_killed_run_are_cleared(setup: Setup) -> None:
    setup.feed((0, 1))
    briefs = setup.folder / "briefs"
    briefs.mkdir()
    leftover = briefs / f".{TODAY.isoformat()}.txt.k1ll3d.tmp"  # write_atomic's temp file
    leftover.write_text("half a brief")
    assert _run(setup)[0] == 0
    assert not leftover.exists()
    assert sorted(p.name for p in briefs.iterdir() if p.name != "index.html") == sorted(
        f"{TODAY.isoformat()}.{ext}" for ext in ("txt", "html", "md", "json"))


# --- a job that cannot wedge ---------------------------------------------------------------------


def test_a_run_whose_brief_fails_is_recorded_and_the_next_run_starts_afresh(
        setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug (or an input nobody foresaw) that breaks today's brief must not break every later
    run: the failed run is marked failed, its articles are gathered again, and the next run
    sends a brief."""
    setup.feed((0, 1))
    with monkeypatch.context() as patch:
        patch.setattr(daily, "build", lambda *args, **kwargs: 1 / 0)
        code, output = _run(setup)
        assert code == 1 and "unexpected ZeroDivisionError" in output
        code, output = _run(setup)  # the same failure again: no loop on the old run
        assert code == 1 and "completing" not in output
    code, output = _run(setup)
    assert code == 0, output
    assert "sent to ana@example.org (2 articles)" in output
    assert len(setup.smtp.messages) == 1
    with State.open(setup.config.state_path) as state:
        assert [r.status for r in state.runs()][:3] == ["sent", "failed", "failed"]
        assert not state.unfinished()


def test_an_interrupted_run_that_fails_to_complete_does_not_stop_todays(
        setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    setup.feed((0,))
    yesterday = TODAY - dt.timedelta(days=1)
    with monkeypatch.context() as patch:
        _crash_before(daily, "build", patch)
        with pytest.raises(Crash):
            daily.run(setup.config, day=yesterday)
    real_build = daily.build

    def build_only_today(config: object, day: dt.date, *args: object) -> object:
        if day == yesterday:
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        return real_build(config, day, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(daily, "build", build_only_today)
    setup.feed((0, 1))
    outcomes = daily.run(setup.config)
    assert [(o.day, o.status) for o in outcomes] == [(yesterday, "failed"), (TODAY, "sent")]
    assert "marked failed" in outcomes[0].message
    # Yesterday's article was released: today's brief has it again, with today's new one.
    assert outcomes[1].articles == 2
    assert daily.run(setup.config)[0].status == "already-done"


def test_stored_articles_with_naive_and_aware_dates_are_briefed(setup: Setup) -> None:
    """The wedge of issue 9: a run stored with mixed dates is completed, not failed forever."""
    from briefing.domain import Article

    stories = [STORIES[0], STORIES[1]]
    articles = [
        Article(text=s.text, origin=f"https://x.test/{s.slug}", title=s.title,
                published=when)
        for s, when in zip(stories, [dt.datetime(2026, 11, 25, 9),
                                     dt.datetime(2026, 11, 25, 10, tzinfo=dt.timezone.utc)],
                           strict=True)
    ]
    with State.open(setup.config.state_path) as state:
        state.begin(TODAY, articles)
    setup.feed(())
    outcomes = daily.run(setup.config)
    assert outcomes[0].status == "sent" and outcomes[0].articles == 2


def test_a_mail_that_never_goes_through_is_given_up_and_saved(setup: Setup) -> None:
    setup.feed((0, 1))
    setup.smtp.__exit__(None, None, None)  # the mail server stays down
    codes = [_run(setup) for _ in range(daily.MAX_SEND_ATTEMPTS)]
    assert [code for code, _ in codes] == [5] * daily.MAX_SEND_ATTEMPTS
    assert "gave up after 3 attempts" in codes[-1][1] and "briefing send" in codes[-1][1]
    assert (setup.folder / "briefs" / f"{TODAY.isoformat()}.eml").exists()
    with State.open(setup.config.state_path) as state:
        assert not state.unfinished()
    code, output = _run(setup)  # the next run no longer tries that mail
    assert code == 0 and "still not delivered" not in output

"""state: the SQLite memory of the daily job, and its lock."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import make_article

from briefing import memory
from briefing.domain import Article, RememberedStory
from briefing.errors import JobLocked
from briefing.job.state import State

DAY = dt.date(2026, 11, 22)


def _article(n: int, url: str = "", text: str = "") -> Article:
    return make_article(text or f"Story number {n} happened today in the town of Velmora.",
                        origin=url or f"inbox/{n}.txt", url=url, title=f"Story {n}")


def test_a_begun_run_marks_its_articles_seen_by_url_and_by_text(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    first = _article(1, "https://a.example/1")
    with State.open(path) as state:
        state.begin(DAY, [first])
    republished = make_article(first.text, origin="https://b.example/x", url="https://b.example/x")
    with State.open(path) as state:  # a new process, the same file
        assert state.is_seen("https://a.example/1")
        assert not state.is_seen("https://b.example/x")
        assert state.is_duplicate(republished)  # same text under another address
        assert not state.is_duplicate(_article(2, "https://a.example/2"))


def test_articles_come_back_exactly_as_stored(tmp_path: Path) -> None:
    published = dt.datetime(2026, 11, 22, 5, 30, tzinfo=dt.timezone.utc)
    article = make_article("Zürich — “quoted” text.\nSecond line.", origin="https://x.example/1",
                           url="https://x.example/1", title="Ünïcode", source="X",
                           published=published, author="A. Writer")
    with State.open(tmp_path / "s.db") as state:
        run = state.begin(DAY, [article, _article(2)])
        assert state.articles(run) == [article, _article(2)]
        assert state.articles_on(DAY) == [article, _article(2)]
        assert state.articles_on(DAY + dt.timedelta(days=1)) == []


def test_a_run_moves_through_its_statuses(tmp_path: Path) -> None:
    with State.open(tmp_path / "s.db") as state:
        run = state.begin(DAY, [_article(1)], notes=["1 of 2 sources failed: X (HTTP 500)"])
        assert [r.id for r in state.unfinished()] == [run.id]
        assert state.done_on(DAY) is None
        run = state.built(run, b"From: a@b.c\n\nhello", "<id@b.c>")
        assert (run.status, run.email, run.message_id) == ("built", b"From: a@b.c\n\nhello",
                                                           "<id@b.c>")
        run = state.sending(run)
        assert state.unfinished()[0].status == "sending"
        run = state.finish(run, "sent")
        assert state.unfinished() == []
        assert state.done_on(DAY) == run
        assert run.notes == ("1 of 2 sources failed: X (HTTP 500)",)


def test_nothing_new_does_not_count_as_the_days_brief(tmp_path: Path) -> None:
    with State.open(tmp_path / "s.db") as state:
        state.record(DAY, "nothing-new", "nothing new")
        assert state.done_on(DAY) is None
        last = state.last_run()
        assert last is not None and last.status == "nothing-new"


def test_pruning_keeps_what_was_seen(tmp_path: Path) -> None:
    old_day = DAY - dt.timedelta(days=90)
    with State.open(tmp_path / "s.db") as state:
        old = state.begin(old_day, [_article(1, "https://a.example/1")])
        state.finish(old, "written")
        state.prune(DAY - dt.timedelta(days=60))
        assert state.articles(old) == []
        assert state.is_seen("https://a.example/1")


def test_a_second_open_is_locked_out_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with State.open(path):
        with pytest.raises(JobLocked, match="another briefing run") as caught:
            with State.open(path):
                pass
        assert caught.value.exit_code == 4
    with State.open(path):  # released on close
        pass


def test_the_lock_dies_with_its_process(tmp_path: Path) -> None:
    """kill -9 leaves no stale lock: the kernel drops an flock when its holder dies."""
    path = tmp_path / "s.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from briefing.job.state import State
            with State.open({str(path)!r}):
                print("locked", flush=True)
                time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(JobLocked, match=f"pid {holder.pid}"):
            with State.open(path):
                pass
    finally:
        holder.kill()
        holder.wait()
    with State.open(path) as state:
        assert state.unfinished() == []


def test_an_uncommitted_run_leaves_no_trace(tmp_path: Path) -> None:
    """A crash inside begin() (before the commit) loses the run but marks nothing seen."""
    path = tmp_path / "s.db"
    broken = make_article("x", origin="o")
    object.__setattr__(broken, "text", None)  # fails after the run row is inserted
    with State.open(path) as state:
        with pytest.raises(Exception):  # noqa: B017 - any database error
            state.begin(DAY, [_article(1, "https://a.example/1"), broken])
        assert state.runs() == []
        assert not state.is_seen("https://a.example/1")


def test_runs_remember_stories_and_failed_sources_and_are_read_while_locked(
        tmp_path: Path) -> None:
    from briefing.job.state import history

    path = tmp_path / "s.db"
    assert history(path) == []  # no state file yet: no runs, and none is created
    assert not path.exists()
    with State.open(path) as state:  # a run is going on: history reads without the lock
        run = state.begin(DAY, [_article(1)], failed=["Gone Gazette"])
        state.built(run, None, stories=7)
        state.record(DAY, "nothing-new", "nothing new", failed=["A", "B"])
        newest, first = history(path)
    assert (newest.status, newest.failed) == ("nothing-new", ("A", "B"))
    assert (first.articles, first.stories, first.failed) == (1, 7, ("Gone Gazette",))
    assert [r.id for r in history(path, limit=1)] == [newest.id]


def test_a_state_file_from_before_stories_were_counted_is_migrated(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE runs (id INTEGER PRIMARY KEY, day TEXT NOT NULL, status TEXT NOT NULL,
            started TEXT NOT NULL, updated TEXT NOT NULL, articles INTEGER NOT NULL DEFAULT 0,
            notes TEXT NOT NULL DEFAULT '[]', message TEXT NOT NULL DEFAULT '', email BLOB,
            message_id TEXT NOT NULL DEFAULT '');
        INSERT INTO runs (day, status, started, updated, articles)
            VALUES ('2026-11-21', 'sent', '2026-11-21T06:30:00+00:00',
                    '2026-11-21T06:31:00+00:00', 12);
    """)
    db.commit()
    db.close()
    from briefing.job.state import history

    [old] = history(path)  # read-only, before any migration: no new columns yet
    assert (old.articles, old.stories, old.failed) == (12, 0, ())
    with State.open(path) as state:
        [migrated] = state.runs()
        assert (migrated.articles, migrated.stories, migrated.attempts) == (12, 0, 0)
        run = state.begin(DAY, [_article(2)], failed=["X"])
        assert state.run(run.id).failed == ("X",)


# --- Memory across days (issue 13) ---------------------------------------------------------------


def _remembered(key: str, day: dt.date, shown: str) -> RememberedStory:
    return RememberedStory(key=key, headline=f"Story {key}", terms=(("dam", 1.0),),
                           names=("korvath",), shown=(shown,), first_seen=day, last_seen=day)


def test_a_brief_remembers_its_stories_for_the_window_of_days(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    with State.open(path) as state:
        run = state.begin(DAY, [_article(1)])
        state.remember(run, [_remembered("a", DAY, "cracks were found")], [_article(1)])
        state.finish(run, "written")
        failed = state.begin(DAY, [_article(2)])
        state.remember(failed, [_remembered("b", DAY, "never shown")])
        state.fail(failed, "the brief could not be made")
    with State.open(path) as state:
        assert state.recall(DAY).stories == ()  # the day's own brief is not its memory
        [story] = state.recall(DAY + dt.timedelta(days=1)).stories  # not the failed run's
        assert (story.key, story.shown, story.first_seen) == ("a", ("cracks were found",), DAY)
        assert state.recall(DAY + dt.timedelta(days=14)).stories != ()
        assert state.recall(DAY + dt.timedelta(days=15)).stories == ()  # out of the window
        assert state.recall(DAY + dt.timedelta(days=3), days=2).stories == ()
        copies = state.copies(DAY + dt.timedelta(days=1))
        found = copies.find(memory.fingerprint(_article(1).text))
        assert found == "inbox/1.txt (briefed 2026-11-22)"


def test_an_update_run_remembers_the_morning_brief_of_its_day(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    with State.open(path) as state:
        morning = state.begin(DAY, [_article(1)])
        state.remember(morning, [_remembered("a", DAY, "cracks were found")])
        state.finish(morning, "sent")
        update = state.begin(DAY, [_article(2)], kind="update")
        assert update.kind == "update" and state.run(morning.id).kind == "brief"
        assert [s.key for s in state.recall(DAY, before=update).stories] == ["a"]
        assert state.recall(DAY, before=morning).stories == ()  # --force: the day from scratch
        assert [r.id for r in state.runs_of(DAY, "update")] == [update.id]

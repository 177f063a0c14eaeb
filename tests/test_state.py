"""state: the SQLite memory of the daily job, and its lock."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import make_article

from briefing.domain import Article
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

"""What the daily job remembers between runs, in one SQLite file.

    with State.open(path) as state:       the lock: one `briefing run` at a time
        state.is_seen(url) / state.is_duplicate(article)
        run = state.begin(day, articles)   one transaction: the run, its articles, "seen"
        state.built(run, email) -> state.sending(run) -> state.finish(run, "sent")

A run moves through these statuses, each a committed transaction:

    gathered  its new articles are stored with it and marked seen
    built     the dated files are written; the email (if any) is stored, ready to send
    sending   the email is being handed to the SMTP server
    sent | written (done, no email) | failed (nothing usable) | nothing-new

A run killed at any point leaves either nothing (before `gathered`: the feeds still have the
articles, the next run reads them again) or an unfinished run that the next run completes from
what is stored: it rebuilds the files from the stored articles and sends the stored email with
the same Message-ID. The one window no mail protocol can close is a kill after the SMTP server
accepted the message and before `sent` was committed; then the mail goes out again with the same
Message-ID, which mail programs use to show it once.

The lock is `flock` on `<state>.lock` (POSIX): the kernel drops it when the holder dies, so a
`kill -9` never leaves a stale lock behind.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from briefing import memory
from briefing.domain import Article, RememberedStory
from briefing.errors import BriefingError, JobLocked
from briefing.feeds import Validators

UNFINISHED = ("gathered", "built", "sending")
DONE = ("sent", "written")
KEEP_TEXT_DAYS = 60  # stored article texts older than this are dropped (their keys stay)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    status TEXT NOT NULL,
    started TEXT NOT NULL,
    updated TEXT NOT NULL,
    articles INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '[]',
    message TEXT NOT NULL DEFAULT '',
    email BLOB,
    message_id TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    stories INTEGER NOT NULL DEFAULT 0,
    failed TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS runs_day ON runs (day, status);
CREATE TABLE IF NOT EXISTS seen (
    key TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    seen_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_hash ON seen (content_hash);
CREATE TABLE IF NOT EXISTS run_articles (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    position INTEGER NOT NULL,
    article TEXT NOT NULL,
    PRIMARY KEY (run_id, position)
);
"""


# What earlier briefs told (memory.py): per run, each story it remembers, and the fingerprints
# of its articles (to recognise a re-published copy on a later day).
_MEMORY_SCHEMA = """
CREATE TABLE IF NOT EXISTS remembered (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    day TEXT NOT NULL,
    key TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    story TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS remembered_day ON remembered (day);
CREATE TABLE IF NOT EXISTS fingerprints (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    day TEXT NOT NULL,
    label TEXT NOT NULL,
    size INTEGER NOT NULL,
    minhash BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS fingerprints_day ON fingerprints (day);
"""

# Each feed's validators of its last fetch (ETag, Last-Modified), for conditional requests: keyed
# by the feed's address in the config and its item rules (daily.feed_key), so a changed address
# starts without any.
_FETCH_SCHEMA = """
CREATE TABLE IF NOT EXISTS validators (
    source TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Run:
    id: int
    day: dt.date
    status: str
    started: dt.datetime
    updated: dt.datetime
    articles: int
    notes: tuple[str, ...]
    message: str
    email: bytes | None
    message_id: str
    attempts: int = 0  # failed attempts to deliver its mail
    stories: int = 0  # stories of the day in its brief (0 until built)
    failed: tuple[str, ...] = ()  # the names of the sources that failed in it
    kind: str = "brief"  # "brief" (the day's brief) or "update" (`briefing run --update`)


def article_key(article: Article) -> str:
    """What makes an article "the same" by address: its URL, else where it was read from."""
    return article.url or article.origin


class State:
    """The open state file, holding the run lock until closed."""

    def __init__(self, path: Path, db: sqlite3.Connection, lock: IO[str]) -> None:
        self.path = path
        self._db = db
        self._lock = lock

    @classmethod
    @contextmanager
    def open(cls, path: Path) -> Iterator[State]:
        """The state at `path`, locked against other runs; JobLocked when one is running."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = _take_lock(path.with_name(path.name + ".lock"))
        try:
            db = _connect(path)
        except BaseException:
            lock.close()
            raise
        try:
            yield cls(path, db, lock)
        finally:
            db.close()
            lock.close()

    # --- seen articles ---------------------------------------------------------------------------

    def is_seen(self, key: str) -> bool:
        row = self._db.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone()
        return row is not None

    def seen_keys(self) -> set[str]:
        """Every address seen so far (for readers in other threads than the connection's)."""
        return {row[0] for row in self._db.execute("SELECT key FROM seen")}

    def is_duplicate(self, article: Article) -> bool:
        """Seen before under this URL, or the same text under another one."""
        row = self._db.execute(
            "SELECT 1 FROM seen WHERE key = ? OR content_hash = ? LIMIT 1",
            (article_key(article), article.content_hash),
        ).fetchone()
        return row is not None

    # --- conditional requests ---------------------------------------------------------------------

    def validators(self) -> dict[str, Validators]:
        """The validators of each feed's last fetch, by `daily.feed_key` (its address, ...)."""
        rows = self._db.execute("SELECT source, url, etag, last_modified FROM validators")
        return {row[0]: Validators(row[1], row[2], row[3]) for row in rows}

    def keep_validators(self, found: dict[str, Validators | None],
                        now: dt.datetime | None = None) -> None:
        """Remember what each fetched feed's server sent (None: forget its old ones). Called
        once what the fetch gathered is recorded, so that a 304 never hides unrecorded items."""
        stamp = _stamp(now)
        with self._db:
            self._db.executemany("DELETE FROM validators WHERE source = ?",
                                 [(source,) for source, v in found.items() if v is None])
            self._db.executemany(
                "INSERT OR REPLACE INTO validators (source, url, etag, last_modified, updated) "
                "VALUES (?, ?, ?, ?, ?)",
                [(source, v.url, v.etag, v.last_modified, stamp)
                 for source, v in found.items() if v is not None])

    # --- runs ------------------------------------------------------------------------------------

    def begin(self, day: dt.date, articles: Sequence[Article], notes: Sequence[str] = (),
              now: dt.datetime | None = None, failed: Sequence[str] = (),
              kind: str = "brief") -> Run:
        """Record a run with its new articles and mark them seen, all in one transaction.
        `kind`: "brief" (the day's brief) or "update" (what arrived since, `run --update`)."""
        stamp = _stamp(now)
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO runs (day, status, started, updated, articles, notes, failed, kind) "
                "VALUES (?, 'gathered', ?, ?, ?, ?, ?, ?)",
                (day.isoformat(), stamp, stamp, len(articles), json.dumps(list(notes)),
                 json.dumps(list(failed)), kind),
            )
            run_id = int(cursor.lastrowid or 0)
            self._db.executemany(
                "INSERT INTO run_articles (run_id, position, article) VALUES (?, ?, ?)",
                [(run_id, i, _dump(a)) for i, a in enumerate(articles)],
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO seen (key, content_hash, run_id, seen_at) "
                "VALUES (?, ?, ?, ?)",
                [(article_key(a), a.content_hash, run_id, stamp) for a in articles],
            )
        return self.run(run_id)

    def record(self, day: dt.date, status: str, message: str,
               now: dt.datetime | None = None, failed: Sequence[str] = (),
               kind: str = "brief") -> Run:
        """A run that gathered nothing to brief ("nothing-new"), kept for the history."""
        stamp = _stamp(now)
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO runs (day, status, started, updated, message, failed, kind) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (day.isoformat(), status, stamp, stamp, message, json.dumps(list(failed)), kind),
            )
        return self.run(int(cursor.lastrowid or 0))

    def built(self, run: Run, email: bytes | None, message_id: str = "",
              stories: int = 0) -> Run:
        with self._db:
            self._db.execute(
                "UPDATE runs SET status = 'built', email = ?, message_id = ?, stories = ?, "
                "updated = ? WHERE id = ?",
                (email, message_id, stories, _stamp(), run.id),
            )
        return self.run(run.id)

    def sending(self, run: Run) -> Run:
        return self._set(run, "sending")

    def fail(self, run: Run, reason: str, *, release: bool = False) -> Run:
        """Mark `run` failed for good, so no later run tries to complete it again. `release`
        forgets its articles as seen, so the next run gathers them again from the sources."""
        with self._db:
            if release:
                self._db.execute("DELETE FROM seen WHERE run_id = ?", (run.id,))
                # ... which an unchanged feed (HTTP 304) would not give again
                self._db.execute("DELETE FROM validators")
            self._db.execute(
                "UPDATE runs SET status = 'failed', message = ?, updated = ? WHERE id = ?",
                (reason, _stamp(), run.id),
            )
        return self.run(run.id)

    def failed_delivery(self, run: Run) -> Run:
        """Count a failed attempt to deliver the mail of `run` (kept `built` to try again)."""
        with self._db:
            self._db.execute(
                "UPDATE runs SET status = 'built', attempts = attempts + 1, updated = ? "
                "WHERE id = ?",
                (_stamp(), run.id),
            )
        return self.run(run.id)

    def finish(self, run: Run, status: str, message: str = "") -> Run:
        if status not in (*DONE, "failed"):
            raise ValueError(f"not a final status: {status}")
        return self._set(run, status, message)

    def _set(self, run: Run, status: str, message: str | None = None) -> Run:
        with self._db:
            self._db.execute(
                "UPDATE runs SET status = ?, message = COALESCE(?, message), updated = ? "
                "WHERE id = ?",
                (status, message, _stamp(), run.id),
            )
        return self.run(run.id)

    def run(self, run_id: int) -> Run:
        row = self._db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise BriefingError(f"{self.path}: no run {run_id}")
        return _run(row)

    def unfinished(self) -> list[Run]:
        """Runs a crash interrupted, oldest first: the next run completes them."""
        rows = self._db.execute(
            f"SELECT * FROM runs WHERE status IN ({_marks(UNFINISHED)}) ORDER BY id", UNFINISHED
        ).fetchall()
        return [_run(r) for r in rows]

    def done_on(self, day: dt.date) -> Run | None:
        """The last completed run for `day`, if any."""
        row = self._db.execute(
            f"SELECT * FROM runs WHERE day = ? AND status IN ({_marks(DONE)}) "
            "ORDER BY id DESC LIMIT 1",
            (day.isoformat(), *DONE),
        ).fetchone()
        return _run(row) if row else None

    def last_run(self) -> Run | None:
        row = self._db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return _run(row) if row else None

    def runs(self, limit: int = 20) -> list[Run]:
        rows = self._db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [_run(r) for r in rows.fetchall()]

    def articles(self, run: Run) -> list[Article]:
        rows = self._db.execute(
            "SELECT article FROM run_articles WHERE run_id = ? ORDER BY position", (run.id,)
        ).fetchall()
        return [_load(r[0]) for r in rows]

    def articles_on(self, day: dt.date) -> list[Article]:
        """Every article that runs for `day` gathered (for `run --force`)."""
        rows = self._db.execute(
            "SELECT a.article FROM run_articles a JOIN runs r ON r.id = a.run_id "
            "WHERE r.day = ? ORDER BY a.run_id, a.position",
            (day.isoformat(),),
        ).fetchall()
        return unique(_load(r[0]) for r in rows)

    def prune(self, before: dt.date) -> None:
        """Drop stored article texts of runs before `before`; the seen keys and hashes stay."""
        with self._db:
            self._db.execute(
                f"DELETE FROM run_articles WHERE run_id IN (SELECT id FROM runs WHERE day < ? "
                f"AND status NOT IN ({_marks(UNFINISHED)}))",
                (before.isoformat(), *UNFINISHED),
            )
            self._db.execute(
                "UPDATE runs SET email = NULL WHERE day < ? AND status IN ('sent', 'written')",
                (before.isoformat(),),
            )
            self._db.execute("DELETE FROM remembered WHERE day < ?", (before.isoformat(),))
            self._db.execute("DELETE FROM fingerprints WHERE day < ?", (before.isoformat(),))
            # feeds removed from the config, or not answering for long
            self._db.execute("DELETE FROM validators WHERE updated < ?", (before.isoformat(),))

    # --- memory across days (briefing/memory.py) ------------------------------------------------

    def remember(self, run: Run, stories: Sequence[RememberedStory],
                 articles: Sequence[Article] = ()) -> None:
        """What the brief of `run` remembers (its page's stories and the earlier ones it carries)
        and the fingerprints of its articles, replacing what an earlier try of the run stored."""
        with self._db:
            self._db.execute("DELETE FROM remembered WHERE run_id = ?", (run.id,))
            self._db.execute("DELETE FROM fingerprints WHERE run_id = ?", (run.id,))
            self._db.executemany(
                "INSERT INTO remembered (run_id, day, key, last_seen, story) "
                "VALUES (?, ?, ?, ?, ?)",
                [(run.id, run.day.isoformat(), s.key, s.last_seen.isoformat(), _dump_story(s))
                 for s in stories],
            )
            prints = [(a, memory.fingerprint(a.text)) for a in articles]
            self._db.executemany(
                "INSERT INTO fingerprints (run_id, day, label, size, minhash) "
                "VALUES (?, ?, ?, ?, ?)",
                [(run.id, run.day.isoformat(), article_key(a), f.size, f.to_bytes())
                 for a, f in prints],
            )

    def recall(self, day: dt.date, days: int = memory.DAYS, *,
               before: Run | None = None) -> memory.Memory:
        """The stories briefed in the `days` days before `day` (and, for an update run
        `before`, by the runs of `day` before it): what the brief of `day` is made against."""
        rows = self._db.execute(
            f"SELECT m.story FROM remembered m JOIN runs r ON r.id = m.run_id "
            f"WHERE r.status IN ({_marks((*DONE, *UNFINISHED))}) AND m.last_seen >= ? AND "
            "(m.day < ? OR (m.day = ? AND m.run_id < ?)) ORDER BY m.run_id",
            (*DONE, *UNFINISHED, (day - dt.timedelta(days=days)).isoformat(), day.isoformat(),
             day.isoformat(), before.id if before and before.kind == "update" else 0),
        ).fetchall()
        latest: dict[str, RememberedStory] = {}
        for row in rows:  # a later run's record of a story holds all that earlier ones did
            story = _load_story(row[0])
            latest.pop(story.key, None)
            latest[story.key] = story
        return memory.Memory(tuple(latest.values()), days)

    def copies(self, day: dt.date, days: int = memory.DAYS) -> memory.Copies:
        """The fingerprints of the articles briefed in the `days` days up to `day`."""
        rows = self._db.execute(
            "SELECT f.label, f.day, f.size, f.minhash FROM fingerprints f JOIN runs r ON "
            f"r.id = f.run_id WHERE r.status IN ({_marks(DONE)}) AND f.day >= ? AND f.day <= ?",
            (*DONE, (day - dt.timedelta(days=days)).isoformat(), day.isoformat()),
        ).fetchall()
        return memory.Copies([(f"{row[0]} (briefed {row[1]})",
                               memory.Fingerprint.from_bytes(row[3], row[2])) for row in rows])

    def runs_of(self, day: dt.date, kind: str) -> list[Run]:
        """The runs of `day` of one kind, oldest first."""
        rows = self._db.execute("SELECT * FROM runs WHERE day = ? AND kind = ? ORDER BY id",
                                (day.isoformat(), kind)).fetchall()
        return [_run(r) for r in rows]


def history(path: Path, limit: int = 10) -> list[Run]:
    """The last `limit` runs, newest first, read without the run lock (a run may be going on:
    this only reads); [] when there is no state file yet."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    except sqlite3.DatabaseError as exc:
        raise BriefingError(f"{path}: can't open the state database: {exc}") from None
    try:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [_run(r) for r in rows]
    except sqlite3.DatabaseError as exc:
        raise BriefingError(f"{path}: can't read the state database: {exc}") from None
    finally:
        db.close()


def _take_lock(path: Path) -> IO[str]:
    handle = open(path, "a+", encoding="utf-8")  # held until State closes
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip()
        handle.close()
        who = f" (pid {holder})" if holder.isdigit() else ""
        raise JobLocked(
            f"another briefing run{who} is still running (lock: {path}); this run did nothing. "
            "If no briefing process is running, check the file system supports locks."
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def _connect(path: Path) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(path, timeout=30, isolation_level="DEFERRED")
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        db.executescript(_SCHEMA)
        db.executescript(_MEMORY_SCHEMA)
        db.executescript(_FETCH_SCHEMA)  # a state file from before conditional requests gets it
        columns = {row[1] for row in db.execute("PRAGMA table_info(runs)")}
        if "attempts" not in columns:  # a state file from before delivery attempts were counted
            db.execute("ALTER TABLE runs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0")
        if "stories" not in columns:  # ... from before `briefing status` showed them
            db.execute("ALTER TABLE runs ADD COLUMN stories INTEGER NOT NULL DEFAULT 0")
            db.execute("ALTER TABLE runs ADD COLUMN failed TEXT NOT NULL DEFAULT '[]'")
        if "kind" not in columns:  # "brief" or "update" (memory across days, issue 13)
            db.execute("ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'brief'")
    except sqlite3.DatabaseError as exc:
        raise BriefingError(f"{path}: can't open the state database: {exc}") from None
    return db


def _run(row: sqlite3.Row) -> Run:
    return Run(
        id=row["id"],
        day=dt.date.fromisoformat(row["day"]),
        status=row["status"],
        started=dt.datetime.fromisoformat(row["started"]),
        updated=dt.datetime.fromisoformat(row["updated"]),
        articles=row["articles"],
        notes=tuple(json.loads(row["notes"])),
        message=row["message"],
        email=row["email"],
        message_id=row["message_id"],
        # history() reads without migrating: a file from an older version lacks these
        attempts=row["attempts"] if "attempts" in row.keys() else 0,
        stories=row["stories"] if "stories" in row.keys() else 0,
        failed=tuple(json.loads(row["failed"])) if "failed" in row.keys() else (),
        kind=row["kind"] if "kind" in row.keys() else "brief",
    )


def _dump_story(story: RememberedStory) -> str:
    data: dict[str, Any] = asdict(story)
    data["first_seen"], data["last_seen"] = (story.first_seen.isoformat(),
                                             story.last_seen.isoformat())
    return json.dumps(data, ensure_ascii=False)


def _load_story(text: str) -> RememberedStory:
    return memory.story_from(json.loads(text))


def _dump(article: Article) -> str:
    data: dict[str, Any] = asdict(article)
    data["published"] = article.published.isoformat() if article.published else None
    return json.dumps(data, ensure_ascii=False)


def _load(text: str) -> Article:
    data = json.loads(text)
    if data.get("published"):
        data["published"] = dt.datetime.fromisoformat(data["published"])
    return Article(**data)


def unique(articles: Iterable[Article]) -> list[Article]:
    """The articles in order, each text once (by `Article.content_hash`)."""
    seen: set[str] = set()
    out = []
    for article in articles:
        if article.content_hash not in seen:
            seen.add(article.content_hash)
            out.append(article)
    return out


def _marks(values: Sequence[str]) -> str:
    return ", ".join("?" for _ in values)


def _stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")

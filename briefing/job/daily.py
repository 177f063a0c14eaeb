"""`briefing run`: the daily job, from the configured sources to the dated files and the mail.

    run(config) -> [Outcome, ...]

1. Take the run lock (state.py); complete any run a crash interrupted.
2. If today's brief is already made and delivered, stop (unless `force`).
0. Check what can be checked before any work (`check`): the mail settings, the recipients and
   the SMTP password in the environment. A mistake stops the run before anything is fetched,
   written or recorded.
3. Wait briefly for the network when a source is remote (`wait_for_network`), then gather what is
   new from every source: not seen before by URL, nor by content hash (the same story
   re-published under another address). Sources are read 8 at a time (2 requests per host at
   most); a feed is asked only for what changed since the last run (ETag / Last-Modified kept
   in the state), and one that has not changed (HTTP 304) is "unchanged", not failed. A failing
   source is one stderr line (`warning: source NAME failed: REASON`), is named near the top of
   the brief and in the mail's subject ("... — 2 of 14 sources failed"); the brief is made from
   the rest.
4. Record the run with its articles, build the brief, write `<out>/YYYY-MM-DD.txt|.html|.md|.json`
   atomically, store the email, send it, record the result. state.py explains why a kill at any
   point loses nothing and sends nothing twice.

Nothing new is not an error: the run says so in one line, makes no brief and sends nothing.
`dry_run` does everything up to the mail and records nothing, so the next real run still sees
the same articles as new. It never touches the day's real files: it writes
`<out>/YYYY-MM-DD.dry-run.txt|...|.eml` instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import socket
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from briefing import feeds
from briefing.domain import Article, Brief, Skipped
from briefing.errors import BriefingError, ConfigError, DeliveryError, NoUsableArticles
from briefing.job import archive, mail, sources, window
from briefing.job.config import Config, Source
from briefing.job.state import Run, State, article_key, unique
from briefing.memory import Memory

log = logging.getLogger(__name__)

EXTENSIONS = {"text": "txt", "md": "md", "html": "html", "json": "json"}
PARALLEL_SOURCES = 8  # sources read at the same time (the fetcher allows 2 requests per host)
MAX_SEND_ATTEMPTS = 3  # runs that try to deliver one brief's mail before it is given up


@dataclass(frozen=True)
class Outcome:
    """What one run did, in one line for the user."""

    # "sent" | "written" | "nothing-new" | "already-done" | "dry-run", or for an earlier run
    # that this one tried to complete: "failed" | "undelivered"
    status: str
    day: dt.date
    message: str
    outputs: tuple[Path, ...] = ()
    articles: int = 0
    failed: tuple[str, ...] = ()  # "NAME: REASON" of each source that failed in this run


@dataclass(frozen=True)
class SourceReport:
    """How reading one source went, for `-v` and the run's summary."""

    source: Source
    # "fetched" | "read" (a local file or folder) | "unchanged" (the feed's server answered 304,
    # "Not Modified") | "failed"
    status: str
    items: int  # articles read from it, less those seen in earlier runs
    new: int  # ... of which brief-worthy in this run (not a copy, not left out by its words)
    seconds: float
    conditional: feeds.Conditional | None = None  # a remote feed's validators, sent and got
    left_out: int = 0  # left out by its include/exclude words

    @property
    def line(self) -> str:
        """"Harbor Herald: fetched, 12 items, 3 new, 0.42 s"."""
        words = (f" ({self.left_out} left out by its include/exclude words)"
                 if self.left_out else "")
        return (f"{self.source.label}: {self.status}, {self.items} item"
                f"{'' if self.items == 1 else 's'}, {self.new} new{words}, "
                f"{self.seconds:.2f} s")


@dataclass(frozen=True)
class SourceFailure:
    source: Source
    reason: str

    @property
    def line(self) -> str:
        """One line for the top of the brief: "Gone Gazette: HTTP 404 Not Found"."""
        return f"{self.source.label}: {self.reason}"


def run(
    config: Config,
    *,
    day: dt.date | None = None,
    force: bool = False,
    dry_run: bool = False,
    now: dt.datetime | None = None,
    fetcher: feeds.Fetcher | None = None,
    update: bool = False,
) -> list[Outcome]:
    """Make, write and send the brief of what is new; see the module docstring. `update`: when
    the day's brief is already made, brief what arrived since as a short update."""
    check(config, dry_run=dry_run)
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(config.zone)
    day = day or now.date()
    fetcher = fetcher or feeds.Fetcher(config.fetch)
    outcomes: list[Outcome] = []
    with State.open(config.state_path) as state:
        for interrupted in state.unfinished():
            if dry_run:
                log.warning("an interrupted run for %s is left for the next real run",
                            interrupted.day)
                continue
            log.warning("completing the run for %s that stopped while %s", interrupted.day,
                        interrupted.status)
            outcomes.append(_complete_earlier(state, interrupted, config, now))

        if not force and any(o.day == day and o.status == "undelivered" for o in outcomes):
            return outcomes  # the day's brief exists and waits for the mail server
        done = state.done_on(day)
        update = update and done is not None and not force
        if done and not force and not update:
            if not any(o.day == day for o in outcomes):
                outcomes.append(Outcome(
                    "already-done", day,
                    f"the brief for {day} was already made at {_clock(done.updated, config)} "
                    f"({done.status}); nothing new was sent. Use --update to brief what arrived "
                    "since, --force to make it again.",
                ))
            return outcomes

        wait_for_network(config)
        # A backfill is made as of the end of its day; copies of what was briefed are left out.
        moment = window.as_of(day, now, config.zone)
        left_out: Counter[str] = Counter()
        reports: list[SourceReport] = []
        # A backfill or --force wants items an ordinary run passed over: it neither sends nor
        # keeps validators (a 304 must never hide an item that no run has looked at).
        conditional = moment == now and not force
        new, failures = gather(config, state, fetcher, moment, too_old=left_out, reports=reports,
                               conditional=conditional)
        unchanged = _unchanged(reports)
        # A copy of what any run briefed is left out, even of a day after a backfill's day.
        latest = max(day, now.date())
        copies = state.copies(latest, config.memory_days + (latest - day).days)
        new = window.without_copies(new, copies, left_out)
        articles = [*state.articles_on(day), *new] if force else new
        articles = unique(articles)
        notes = [f.line for f in failures]
        if not articles:
            outcomes.append(_nothing(state, config, day, failures, dry_run, now,
                                     window.left_out_line(left_out, day,
                                                          config.brief.max_age_hours,
                                                          backfill=moment != now) + unchanged,
                                     kind="update" if update else "brief"))
            if conditional and not dry_run:
                state.keep_validators(_validators(reports, config), now)
            return outcomes
        if dry_run:
            # An update is made against the day's briefs too (all runs of days before the next).
            earlier = state.recall(day + dt.timedelta(days=1) if update else day,
                                   config.memory_days)
            outcomes.append(dataclasses.replace(
                _dry_run(config, day, articles, notes, now, earlier, update),
                failed=tuple(notes)))
            return outcomes
        started = state.begin(day, articles, notes, now=now,
                              failed=[f.source.label for f in failures],
                              kind="update" if update else "brief")
        if conditional:  # only once what it gathered is recorded
            state.keep_validators(_validators(reports, config), now)
        made = _complete(state, started, config, now)
        if update:  # "update for 2026-11-22 written to ...-update-1.{...} and sent to ..."
            made = dataclasses.replace(made, message=made.message.replace("brief for", "update "
                                                                          "for", 1))
        outcomes.append(dataclasses.replace(made, message=made.message + unchanged,
                                            failed=tuple(notes)))
        state.prune(day - dt.timedelta(days=60))
    return outcomes


def check(config: Config, *, dry_run: bool = False) -> None:
    """Stop with a ConfigError (exit 2) before any work when the run could not end well: the
    mail settings are unusable (a recipient or sender that is no address, a password that would
    travel in the clear) or the SMTP password is missing from the environment. A dry run sends
    nothing, so there a missing password is only a warning. The ranker and the vectors are
    checked too, so that a typo there does not cost a run's fetching."""
    from briefing import rankers, vectors

    for key, name, known in (("ranker", config.brief.ranker, rankers.names()),
                             ("vectors", config.brief.vectors, list(vectors.NAMES))):
        if name not in known:
            raise ConfigError(f"{config.path}: brief.{key}: unknown {key} {name!r}; choose one "
                              f"of: {', '.join(known)}")
    if config.mail is None:
        return
    mail.check(config.mail, password=not dry_run)
    if dry_run:
        try:
            config.mail.password()
        except BriefingError as exc:
            log.warning("%s; a real run would stop here", exc)


def wait_for_network(
    config: Config,
    *,
    connect: Callable[[str, int, float], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> bool:
    """Wait up to `[fetch] network_wait` seconds for the first remote source's server to be
    reachable (its name resolves and its host answers, even if only to refuse the connection),
    so that a run started at boot, before the network is up, does not fail every source.
    Returns at once when every source is local or the wait is 0; after the wait the run goes on
    anyway (the sources then fail with their own reasons). `connect(host, port, timeout)`
    raises OSError when unreachable."""
    remote = next((s for s in config.sources if s.is_remote), None)
    limit = config.fetch.network_wait
    if remote is None or limit <= 0:
        return True
    parts = urllib.parse.urlsplit(remote.location)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    connect = connect or _connect
    end = clock() + limit
    pause = 1.0
    while True:
        try:
            connect(host, port, max(0.5, min(5.0, end - clock())))
            return True
        except (ConnectionRefusedError, ConnectionResetError):
            return True  # the network is up; that server is the source's own problem
        except OSError as exc:
            left = end - clock()
            if left <= 0:
                log.warning("the network is not up: %s:%d unreachable for %g s (%s); going on",
                            host, port, limit, exc.strerror or exc)
                return False
            log.info("waiting for the network (%s:%d: %s)", host, port, exc.strerror or exc)
            sleep(min(pause, left))
            pause = min(pause * 2, 10.0)


def _connect(host: str, port: int, timeout: float) -> None:
    with socket.create_connection((host, port), timeout=timeout):
        pass


def gather(
    config: Config, state: State, fetcher: feeds.Fetcher, now: dt.datetime,
    *, too_old: Counter[str] | None = None, reports: list[SourceReport] | None = None,
    workers: int = PARALLEL_SOURCES, conditional: bool = True,
) -> tuple[list[Article], list[SourceFailure]]:
    """The new articles of every source, and the sources that failed (each logged once).

    Sources are read `workers` at a time (the fetcher allows feeds.PER_HOST requests to one host
    at a time), so one hanging feed does not hold up the others; the articles, the warnings and
    the `reports` (one per source, logged with -v) keep the order of the sources in the config.
    A remote feed is asked only for what changed since its last fetch (the validators in the
    state; not when `conditional` is False); one that has not changed answers 304 and is
    "unchanged", not failed (`reports` carry the validators to keep once recorded). All fetching
    ends by the run's deadline ([fetch] deadline): a source not finished by then is a failure,
    and gather returns without waiting for it (its requests fail at once from then on).
    """
    from concurrent.futures import wait

    since = now - dt.timedelta(hours=config.brief.max_age_hours)
    seen = state.seen_keys()
    known = state.validators() if conditional else {}
    fetcher.start_run()
    started = time.monotonic()
    late = f"not finished within the run's {fetcher.run_seconds:g} s fetching deadline"
    checks = [feeds.Conditional(known.get(feed_key(source, config)))
              if source.kind == "feed" and source.is_remote else None
              for source in config.sources]
    took: dict[int, float] = {}

    def read(n: int, source: Source) -> tuple[list[Article], list[Skipped]] | SourceFailure:
        begun = time.monotonic()
        try:
            return feeds.read_source(source, fetcher, seen.__contains__, since=since,
                                     conditional=checks[n])
        except BriefingError as exc:
            return SourceFailure(source, feeds.failure_reason(exc))
        except Exception as exc:  # a parser bug on one odd page must not cost the whole day
            log.debug("reading %s failed", source.label, exc_info=True)
            return SourceFailure(source, feeds.failure_reason(exc))
        finally:
            took[n] = time.monotonic() - begun

    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="briefing source")
    try:
        futures = [pool.submit(read, n, source) for n, source in enumerate(config.sources)]
        wait(futures, timeout=(fetcher.time_left() or 0.0) + feeds.WRAP_UP)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    results = [future.result() if future.done() and not future.cancelled()
               else SourceFailure(source, late)
               for source, future in zip(config.sources, futures, strict=True)]
    over = time.monotonic() - started

    articles: list[Article] = []
    failures: list[SourceFailure] = []
    keys: set[str] = set()
    hashes: set[str] = set()
    done: list[SourceReport] = []
    for n, (source, result) in enumerate(zip(config.sources, results, strict=True)):
        seconds = took.get(n, over)
        if isinstance(result, SourceFailure):
            failures.append(result)
            log.warning("source %s failed: %s", source.label, result.reason)
            done.append(SourceReport(source, "failed", 0, 0, seconds))
            log.info("%s", done[-1].line)
            continue
        found, skipped = result
        for item in skipped:
            log.info("skipped %s: %s", item.origin, item.reason)
            if too_old is not None and item.reason == feeds.TOO_OLD:  # counted for "nothing new"
                too_old[item.reason] += 1
        fresh = left_out = 0
        for article in found:
            if not sources.admits(source, article):  # its include/exclude words
                left_out += 1
                continue
            key, digest = article_key(article), article.content_hash
            if key in keys or digest in hashes or state.is_duplicate(article):
                continue
            keys.add(key)
            hashes.add(digest)
            articles.append(dataclasses.replace(article, via=source.label))
            fresh += 1
        check = checks[n]
        status = ("unchanged" if check is not None and check.unchanged
                  else "fetched" if source.is_remote else "read")
        done.append(SourceReport(source, status, len(found), fresh, seconds, check, left_out))
        log.info("%s", done[-1].line)
    counts = Counter(r.status for r in done)
    log.info("%d source%s in %.2f s: %s", len(done), "" if len(done) == 1 else "s", over,
             ", ".join(f"{counts[s]} {s}" for s in ("fetched", "read", "unchanged", "failed")
                       if counts[s]))
    if reports is not None:
        reports.extend(done)
    return articles, failures


def feed_key(source: Source, config: Config) -> str:
    """What a feed's validators are remembered by: its address and what decides which of its
    items are briefed (its include/exclude words, the time window). A change to any of them
    starts without validators, so that the feed's items are all looked at again."""
    rules = json.dumps([sorted(source.include), sorted(source.exclude),
                        config.brief.max_age_hours], ensure_ascii=False)
    return f"{source.location} {rules}"


def _validators(reports: Sequence[SourceReport],
                config: Config) -> dict[str, feeds.Validators | None]:
    """What to remember for each remote feed that answered (a failed one keeps its old ones)."""
    return {feed_key(r.source, config): r.conditional.fresh for r in reports
            if r.conditional is not None and r.status != "failed"}


def _unchanged(reports: Sequence[SourceReport]) -> str:
    """"; 3 feeds unchanged" for the run's summary line ("" when none was)."""
    n = sum(r.status == "unchanged" for r in reports)
    return f"; {n} feed{'' if n == 1 else 's'} unchanged" if n else ""


def _complete_earlier(state: State, run: Run, config: Config, now: dt.datetime) -> Outcome:
    """Complete a run that an earlier `briefing run` left unfinished. Whatever fails here is
    recorded and reported as an outcome, never raised: today's run goes on from the sources,
    and no later run meets the same failure again (a build that fails is marked failed; a mail
    that can't be delivered is tried again by the next runs, MAX_SEND_ATTEMPTS times in all)."""
    try:
        return _complete(state, run, config, now)
    except DeliveryError as exc:
        log.warning("%s", exc)
        return Outcome("undelivered", run.day, f"the brief for {run.day} is still not "
                       f"delivered: {exc}")
    except Exception as exc:  # noqa: BLE001 - a failed old run must never wedge the job
        log.debug("completing run %s failed", run.id, exc_info=True)
        reason = exc if isinstance(exc, BriefingError) else f"unexpected {type(exc).__name__}"
        log.warning("the run for %s could not be completed (%s); it is marked failed", run.day,
                    reason)
        return Outcome("failed", run.day, f"the unfinished run for {run.day} failed ({reason}) "
                       "and is marked failed; its articles are gathered again when the sources "
                       f"still have them (or: briefing run --force --date {run.day})")


def _complete(state: State, run: Run, config: Config, now: dt.datetime) -> Outcome:
    """Take a recorded run to its end: files written, mail sent, status recorded.

    A run whose brief can't be made is marked failed (its articles released, so the next run
    gathers them again) before the error goes up: no failure makes the same run fail forever.
    """
    outputs: tuple[Path, ...] = ()
    if run.status == "gathered":
        try:
            articles = state.articles(run)
            earlier = state.recall(run.day, config.memory_days, before=run)
            brief = build(config, run.day, articles, run.notes, earlier, run.kind == "update")
            texts = _render_all(brief, config)
            outputs = write_outputs(config, run.day, texts, _stem(state, run))
            state.remember(run, brief.remembered, articles)
            archive.write_index(config.out_dir, config.brief.title, config.zone)
            message = None
            if config.mail:
                message = mail.build_message(brief, config.mail, text=texts["text"],
                                             html=texts["html"], now=now)
        except NoUsableArticles as exc:
            state.finish(run, "failed", str(exc))
            raise
        except Exception as exc:
            why = str(exc) if isinstance(exc, BriefingError) else f"unexpected {type(exc).__name__}"
            state.fail(run, f"the brief could not be made: {why}", release=True)
            raise
        run = state.built(run, bytes(message) if message else None,
                          str(message["Message-ID"]) if message else "",
                          stories=len(brief.stories))
    else:
        outputs = tuple(p for p in _output_paths(config, run.day, _stem(state, run))
                        if p.exists())

    stored = run.email
    if stored is None:
        state.finish(run, "written")
        return Outcome("written", run.day, f"brief for {run.day} written to "
                       f"{_where(outputs, config)} ({_count(run.articles)})", outputs,
                       run.articles)
    if config.mail is None:
        state.finish(run, "written", "the [email] settings were removed; mail not sent")
        return Outcome("written", run.day, f"brief for {run.day} written to "
                       f"{_where(outputs, config)}; not sent: the config has no [email]",
                       outputs, run.articles)
    if run.status == "sending":
        log.warning("the run for %s stopped while sending; sending again with the same "
                    "Message-ID %s", run.day, run.message_id)
    run = state.sending(run)
    message = mail.parse(stored, f"stored mail of run {run.id}")
    try:
        mail.send(message, config.mail)
    except BriefingError as exc:
        run = state.failed_delivery(run)  # the next run tries again ...
        if run.attempts >= MAX_SEND_ATTEMPTS:  # ... but not forever
            eml = _save_eml(config, run.day, stored)
            state.fail(run, f"not delivered after {run.attempts} attempts: {exc}")
            raise DeliveryError(f"{exc}; gave up after {run.attempts} attempts, the mail is "
                                f"saved as {eml} (send it with: briefing send {eml})") from None
        if isinstance(exc, DeliveryError):  # say what the exit code 5 means
            raise DeliveryError(f"{exc}; the brief is written and the next run tries to send "
                                f"it again (attempt {run.attempts} of {MAX_SEND_ATTEMPTS})"
                                ) from None
        raise
    state.finish(run, "sent")
    to = ", ".join(config.mail.recipients)
    return Outcome("sent", run.day, f"brief for {run.day} written to {_where(outputs, config)} "
                   f"and sent to {to} ({_count(run.articles)})", outputs, run.articles)


def _save_eml(config: Config, day: dt.date, stored: bytes) -> Path:
    from briefing.render import write_atomic

    eml = config.out_dir / f"{day.isoformat()}.eml"
    write_atomic(eml, stored.decode("utf-8", "replace"))
    return eml


def build(config: Config, day: dt.date, articles: Sequence[Article],
          notes: Sequence[str] = (), earlier: Memory | None = None,
          update: bool = False) -> Brief:
    """The brief of `articles`, made against what the earlier briefs told (`earlier`); an
    update's title says so ("Daily Situation Brief update"), and so does its mail's subject."""
    from briefing.pipeline import BriefOptions, brief_articles

    brief = config.brief
    title = f"{brief.title} update" if update else brief.title
    options = BriefOptions(
        date=day, title=title, max_stories=brief.max_stories, per_story=brief.per_story,
        budget_words=brief.words, ranker=brief.ranker, vectors=brief.vectors,
        abstractive=brief.abstractive,
        focus=dict(config.focus),
        source_weights={s.label: s.weight for s in config.sources if s.weight != 1.0},
        earlier=earlier or Memory(days=config.memory_days),
        jobs=config.engine.jobs, engine=config.engine.name, ray_address=config.engine.address,
    )
    made = brief_articles(articles, options, notes=notes)
    return dataclasses.replace(made, sources_total=len(config.sources))


def write_outputs(config: Config, day: dt.date, texts: dict[str, str],
                  stem: str = "") -> tuple[Path, ...]:
    """`<out>/YYYY-MM-DD.<ext>` (or `<out>/<stem>.<ext>`) for every configured format, each
    written atomically."""
    from briefing.render import write_atomic

    for leftover in config.out_dir.glob(f".{day.isoformat()}.*.tmp"):
        leftover.unlink(missing_ok=True)  # from a run killed mid-write; we hold the lock
    paths = []
    for fmt, path in zip(config.formats, _output_paths(config, day, stem), strict=True):
        write_atomic(path, texts[fmt])
        paths.append(path)
    return tuple(paths)


def _render_all(brief: Brief, config: Config) -> dict[str, str]:
    from briefing.render import render

    return {fmt: render(brief, fmt) for fmt in {*config.formats, "text", "html"}}


def _stem(state: State, run: Run) -> str:
    """The files of a run: `2026-11-22.*` for the day's brief, `2026-11-22-update-1.*` for its
    first update."""
    if run.kind != "update":
        return run.day.isoformat()
    n = sum(1 for other in state.runs_of(run.day, "update")  # not those that gathered nothing
            if other.id <= run.id and other.articles)
    return f"{run.day.isoformat()}-update-{n}"


def _output_paths(config: Config, day: dt.date, stem: str = "") -> list[Path]:
    stem = stem or day.isoformat()
    return [config.out_dir / f"{stem}.{EXTENSIONS[fmt]}" for fmt in config.formats]


def _dry_run_stem(day: dt.date) -> str:
    """A dry run's files: `2026-11-22.dry-run.txt`, never the day's real ones."""
    return f"{day.isoformat()}.dry-run"


def _dry_run(config: Config, day: dt.date, articles: list[Article], notes: list[str],
             now: dt.datetime, earlier: Memory | None = None, update: bool = False) -> Outcome:
    from briefing.render import write_atomic

    brief = build(config, day, articles, notes, earlier, update)
    texts = _render_all(brief, config)
    stem = _dry_run_stem(day)
    outputs = write_outputs(config, day, texts, stem)
    if config.mail is None:
        return Outcome("dry-run", day, f"dry run: brief for {day} written to "
                       f"{_where(outputs, config)}; no [email] in the config, so no .eml; "
                       "nothing recorded", outputs, len(articles))
    message = mail.build_message(brief, config.mail, text=texts["text"], html=texts["html"],
                                 now=now)
    eml = config.out_dir / f"{stem}.eml"
    write_atomic(eml, message.as_string())
    return Outcome("dry-run", day, f"dry run: brief for {day} written to "
                   f"{_where(outputs, config)}, the mail to {eml} (not sent); nothing recorded",
                   (*outputs, eml), len(articles))


def _nothing(state: State, config: Config, day: dt.date, failures: list[SourceFailure],
             dry_run: bool, now: dt.datetime, left_out: str = "", kind: str = "brief"
             ) -> Outcome:
    total = len(config.sources)
    if failures and len(failures) == total:
        reasons = "; ".join(f.line for f in failures)
        message = f"{'the only source' if total == 1 else f'all {total} sources'} failed: {reasons}"
        if not dry_run:
            state.record(day, "failed", message, now=now,
                         failed=[f.source.label for f in failures], kind=kind)
        raise BriefingError(message + "; no brief made, nothing sent")
    last = state.last_run()
    since = f" since the last run at {_clock(last.started, config)}" if last else ""
    failed = f"; {_failed_summary(failures, total)}" if failures else ""
    message = f"nothing new{since}{left_out}{failed}; no brief made, nothing sent"
    if not dry_run:
        state.record(day, "nothing-new", message, now=now,
                     failed=[f.source.label for f in failures], kind=kind)
    return Outcome("nothing-new", day, message, failed=tuple(f.line for f in failures))


def _failed_summary(failures: list[SourceFailure], total: int) -> str:
    """"2 of 5 sources failed: Broken Bugle, Slow Sentinel" (the reasons are on the warning
    lines just before it, and in `briefing status`)."""
    names = ", ".join(f.source.label for f in failures)
    return f"{len(failures)} of {total} sources failed: {names}"


def _where(outputs: Sequence[Path], config: Config) -> str:
    if len(outputs) < 2:
        return str(outputs[0]) if outputs else str(config.out_dir)
    stem = outputs[0].with_suffix("")
    return f"{stem}.{{{','.join(p.suffix.lstrip('.') for p in outputs)}}}"


def _count(articles: int) -> str:
    return f"{articles} article{'' if articles == 1 else 's'}"


def _clock(moment: dt.datetime, config: Config) -> str:
    return moment.astimezone(config.zone).strftime("%Y-%m-%d %H:%M")

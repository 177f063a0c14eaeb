"""`briefing run`: the daily job, from the configured sources to the dated files and the mail.

    run(config) -> [Outcome, ...]

1. Take the run lock (state.py); complete any run a crash interrupted.
2. If today's brief is already made and delivered, stop (unless `force`).
3. Gather what is new from every source: not seen before by URL, nor by content hash (the same
   story re-published under another address). A failing source is logged in one line and named
   in the brief's footer ("2 of 14 sources failed: ..."); the brief is made from the rest.
4. Record the run with its articles, build the brief, write `<out>/YYYY-MM-DD.txt|.html|.md|.json`
   atomically, store the email, send it, record the result. state.py explains why a kill at any
   point loses nothing and sends nothing twice.

Nothing new is not an error: the run says so in one line, makes no brief and sends nothing.
`dry_run` does everything up to the mail, writes it to `<out>/YYYY-MM-DD.eml`, and records
nothing, so the next real run still sees the same articles as new.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from briefing import feeds
from briefing.domain import Article, Brief, Skipped
from briefing.errors import BriefingError, DeliveryError, NoUsableArticles
from briefing.job import mail
from briefing.job.config import Config, Source
from briefing.job.state import Run, State, article_key, unique

log = logging.getLogger(__name__)

EXTENSIONS = {"text": "txt", "md": "md", "html": "html", "json": "json"}
PARALLEL_SOURCES = 4  # sources fetched at the same time
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


@dataclass(frozen=True)
class SourceFailure:
    source: Source
    reason: str

    def __str__(self) -> str:
        return f"{self.source.label} ({self.reason})"


def run(
    config: Config,
    *,
    day: dt.date | None = None,
    force: bool = False,
    dry_run: bool = False,
    now: dt.datetime | None = None,
    fetcher: feeds.Fetcher | None = None,
) -> list[Outcome]:
    """Make, write and send the brief of what is new; see the module docstring."""
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
        if done and not force:
            if not any(o.day == day for o in outcomes):
                outcomes.append(Outcome(
                    "already-done", day,
                    f"the brief for {day} was already made at {_clock(done.updated, config)} "
                    f"({done.status}); nothing new was sent. Use --force to make it again.",
                ))
            return outcomes

        new, failures = gather(config, state, fetcher, now)
        articles = [*state.articles_on(day), *new] if force else new
        articles = unique(articles)
        notes = _notes(failures, len(config.sources))
        if not articles:
            outcomes.append(_nothing(state, config, day, failures, dry_run, now))
            return outcomes
        if dry_run:
            outcomes.append(_dry_run(config, day, articles, notes, now))
            return outcomes
        started = state.begin(day, articles, notes, now=now)
        outcomes.append(_complete(state, started, config, now))
        state.prune(day - dt.timedelta(days=60))
    return outcomes


def gather(
    config: Config, state: State, fetcher: feeds.Fetcher, now: dt.datetime
) -> tuple[list[Article], list[SourceFailure]]:
    """The new articles of every source, and the sources that failed (each logged once).

    Sources are read a few at a time, so one hanging feed does not hold up the others; the
    articles keep the order of the sources in the config. All fetching ends by the run's
    deadline ([fetch] deadline): a source not finished by then is a failure, and gather returns
    without waiting for it (its requests fail at once from then on, so it ends soon).
    """
    from concurrent.futures import wait

    since = now - dt.timedelta(hours=config.brief.max_age_hours)
    seen = state.seen_keys()
    fetcher.start_run()
    late = f"not finished within the run's {fetcher.run_seconds:g} s fetching deadline"

    def read(source: Source) -> tuple[list[Article], list[Skipped]] | SourceFailure:
        try:
            return feeds.read_source(source, fetcher, seen.__contains__, since=since)
        except BriefingError as exc:
            return SourceFailure(source, feeds.failure_reason(exc))
        except Exception as exc:  # a parser bug on one odd page must not cost the whole day
            log.debug("reading %s failed", source.label, exc_info=True)
            return SourceFailure(source, feeds.failure_reason(exc))

    pool = ThreadPoolExecutor(max_workers=PARALLEL_SOURCES, thread_name_prefix="briefing source")
    try:
        futures = [pool.submit(read, source) for source in config.sources]
        wait(futures, timeout=(fetcher.time_left() or 0.0) + feeds.WRAP_UP)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    results = [future.result() if future.done() and not future.cancelled()
               else SourceFailure(source, late)
               for source, future in zip(config.sources, futures, strict=True)]

    articles: list[Article] = []
    failures: list[SourceFailure] = []
    keys: set[str] = set()
    hashes: set[str] = set()
    for source, result in zip(config.sources, results, strict=True):
        if isinstance(result, SourceFailure):
            failures.append(result)
            log.warning("source failed: %s: %s", source.label, result.reason)
            continue
        found, skipped = result
        for item in skipped:
            log.info("skipped %s: %s", item.origin, item.reason)
        fresh = 0
        for article in found:
            key, digest = article_key(article), article.content_hash
            if key in keys or digest in hashes or state.is_duplicate(article):
                continue
            keys.add(key)
            hashes.add(digest)
            articles.append(article)
            fresh += 1
        log.info("%s: %d new article(s)", source.label, fresh)
    return articles, failures


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
            brief = build(config, run.day, articles, run.notes)
            texts = _render_all(brief, config)
            outputs = write_outputs(config, run.day, texts)
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
                          str(message["Message-ID"]) if message else "")
    else:
        outputs = tuple(p for p in _output_paths(config, run.day) if p.exists())

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
          notes: Sequence[str] = ()) -> Brief:
    from briefing.pipeline import BriefOptions, brief_articles

    brief = config.brief
    options = BriefOptions(
        date=day, title=brief.title, max_stories=brief.max_stories, per_story=brief.per_story,
        budget_words=brief.words, ranker=brief.ranker, vectors=brief.vectors,
        abstractive=brief.abstractive,
    )
    return brief_articles(articles, options, notes=notes)


def write_outputs(config: Config, day: dt.date, texts: dict[str, str]) -> tuple[Path, ...]:
    """`<out>/YYYY-MM-DD.<ext>` for every configured format, each written atomically."""
    from briefing.render import write_atomic

    for leftover in config.out_dir.glob(f".{day.isoformat()}.*.tmp"):
        leftover.unlink(missing_ok=True)  # from a run killed mid-write; we hold the lock
    paths = []
    for fmt, path in zip(config.formats, _output_paths(config, day), strict=True):
        write_atomic(path, texts[fmt])
        paths.append(path)
    return tuple(paths)


def _render_all(brief: Brief, config: Config) -> dict[str, str]:
    from briefing.render import render

    return {fmt: render(brief, fmt) for fmt in {*config.formats, "text", "html"}}


def _output_paths(config: Config, day: dt.date) -> list[Path]:
    return [config.out_dir / f"{day.isoformat()}.{EXTENSIONS[fmt]}" for fmt in config.formats]


def _dry_run(config: Config, day: dt.date, articles: list[Article], notes: list[str],
             now: dt.datetime) -> Outcome:
    from briefing.render import write_atomic

    brief = build(config, day, articles, notes)
    texts = _render_all(brief, config)
    outputs = write_outputs(config, day, texts)
    if config.mail is None:
        return Outcome("dry-run", day, f"dry run: brief for {day} written to "
                       f"{_where(outputs, config)}; no [email] in the config, so no .eml; "
                       "nothing recorded", outputs, len(articles))
    message = mail.build_message(brief, config.mail, text=texts["text"], html=texts["html"],
                                 now=now)
    eml = config.out_dir / f"{day.isoformat()}.eml"
    write_atomic(eml, message.as_string())
    return Outcome("dry-run", day, f"dry run: brief for {day} written to "
                   f"{_where(outputs, config)}, the mail to {eml} (not sent); nothing recorded",
                   (*outputs, eml), len(articles))


def _nothing(state: State, config: Config, day: dt.date, failures: list[SourceFailure],
             dry_run: bool, now: dt.datetime) -> Outcome:
    total = len(config.sources)
    if failures and len(failures) == total:
        reasons = "; ".join(str(f) for f in failures)
        message = f"all {total} sources failed: {reasons}"
        if not dry_run:
            state.record(day, "failed", message, now=now)
        raise BriefingError(message + "; no brief made, nothing sent")
    last = state.last_run()
    since = f" since the last run at {_clock(last.started, config)}" if last else ""
    failed = f"; {_notes(failures, total)[0]}" if failures else ""
    message = f"nothing new{since}{failed}; no brief made, nothing sent"
    if not dry_run:
        state.record(day, "nothing-new", message, now=now)
    return Outcome("nothing-new", day, message)


def _notes(failures: list[SourceFailure], total: int) -> list[str]:
    if not failures:
        return []
    names = ", ".join(str(f) for f in failures)
    return [f"{len(failures)} of {total} sources failed: {names}"]


def _where(outputs: Sequence[Path], config: Config) -> str:
    if len(outputs) < 2:
        return str(outputs[0]) if outputs else str(config.out_dir)
    stem = outputs[0].with_suffix("")
    return f"{stem}.{{{','.join(p.suffix.lstrip('.') for p in outputs)}}}"


def _count(articles: int) -> str:
    return f"{articles} article{'' if articles == 1 else 's'}"


def _clock(moment: dt.datetime, config: Config) -> str:
    return moment.astimezone(config.zone).strftime("%Y-%m-%d %H:%M")

"""The `briefing` command: parses arguments, calls the library, maps errors to exit codes.

Exit codes (for cron):
    0  done (brief written)
    1  failure (bad input as a whole, model error, anything unexpected)
    2  usage or configuration error
    3  no usable articles: every input was empty, junk or unreadable
    4  another `briefing run` is still running (lock held)
    5  the brief was written but could not be delivered
    6  `briefing run --strict` (or [job] fail_on_source_error): a source failed; the brief of
       the rest was made and sent as usual
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import click

from briefing import normalise, rankers
from briefing.errors import BriefingError

log = logging.getLogger("briefing")

FORMATS = ("text", "md", "html", "json")


class _Context:
    verbose: bool = False
    quiet: bool = False


class _LineFormatter(logging.Formatter):
    """ "warning: skipped x.bin: binary file" — one line a message, like the error lines."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"{record.levelname.lower()}: {normalise.line(record.getMessage())}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def _setup_logging(verbose: bool, quiet: bool) -> None:
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_LineFormatter())
    root = logging.getLogger("briefing")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


@contextmanager
def _errors(ctx: click.Context) -> Iterator[None]:
    """Turn a BriefingError into `error: <message>` and its exit code; -v keeps the traceback."""
    try:
        yield
    except BriefingError as exc:
        if ctx.find_root().obj.verbose:
            log.exception("details")
        click.echo(f"error: {normalise.line(str(exc))}", err=True)
        ctx.exit(exc.exit_code)
    except (click.exceptions.Exit, click.ClickException, click.Abort):
        raise
    except BrokenPipeError:  # `briefing brief today/ | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        ctx.exit(1)
    except Exception as exc:  # a bug, not a user mistake: one line, details with -v
        if ctx.find_root().obj.verbose:
            raise
        detail = normalise.line(str(exc))[:300]
        click.echo(f"error: unexpected {type(exc).__name__}: {detail} (run with -v for details)",
                   err=True)
        ctx.exit(1)


def _progress(quiet: bool) -> Callable[[str, int, int], None] | None:
    """A one-line progress report on stderr, only when stderr is a terminal."""
    if quiet or not sys.stderr.isatty():
        return None

    def report(stage: str, done: int, total: int) -> None:
        if total < 20:
            return
        end = "\n" if done == total else ""
        click.echo(f"\r{stage} {done}/{total}", err=True, nl=False)
        if end:
            click.echo("", err=True)

    return report


class _Briefing(click.Group):
    """The `briefing` group: -v/-q may also follow the command (`briefing run -q`, as cron lines
    are often written), not only precede it."""

    _ANYWHERE = ("-v", "--verbose", "-q", "--quiet")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" in args:
            head, tail = args[: args.index("--")], args[args.index("--"):]
        else:
            head, tail = args, []
        flags = [a for a in head if a in self._ANYWHERE]
        rest = [a for a in head if a not in self._ANYWHERE]
        return super().parse_args(ctx, [*flags, *rest, *tail])


@click.group(cls=_Briefing,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="briefing")
@click.option("-v", "--verbose", is_flag=True, help="Show details and tracebacks.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.pass_context
def main(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """Turn the day's news articles into a one-page situation brief.

    \b
    Example:
        briefing brief ~/news/today/ --format text
    """
    ctx.obj = _Context()
    ctx.obj.verbose, ctx.obj.quiet = verbose, quiet
    _setup_logging(verbose, quiet)


def _engine_options(command: Callable[..., None]) -> Callable[..., None]:
    """--jobs, --engine and --ray-address: where the per-article work and ranking run."""
    for option in reversed((
        click.option("--jobs", type=click.IntRange(1), default=None, metavar="N",
                     help="Worker processes for the per-article stages (default: every core)."),
        click.option("--engine", "engine_name", type=click.Choice(["local", "ray"]),
                     default="local", show_default=True,
                     help="Run on this machine, or on a Ray cluster (needs briefing[ray])."),
        click.option("--ray-address", metavar="ADDR", default=None,
                     help="The Ray cluster to join (default: $RAY_ADDRESS, else a local Ray)."),
    )):
        command = option(command)
    return command


@main.command(short_help="Write a brief of files, folders, feeds, pages or stdin.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "date_", type=click.DateTime(["%Y-%m-%d"]), help="Date of the brief.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path),
              help="Your own Jinja2 template instead of the built-in layout.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the brief here instead of standard output.")
@click.option("--title", default="Daily Situation Brief", show_default=True)
@click.option("--max-stories", type=click.IntRange(1, 20), default=6, show_default=True)
@click.option("--ranker", type=click.Choice(rankers.names()), default=rankers.DEFAULT,
              show_default=True, help="Sentence ranker (see `briefing rankers`).")
@click.option("--words", type=click.IntRange(40, 2000), default=None,
              help="Word budget for the developments (default: what fits one page).")
@click.option("--abstractive", metavar="MODEL", default=None,
              help="Rewrite stories with a local transformers model (needs briefing[abstractive]).")
@click.option("--vectors", type=click.Choice(["tfidf", "minilm"]), default="tfidf",
              show_default=True, help="Sentence representation (minilm needs briefing[neural]).")
@click.option("--focus", "focus_terms", multiple=True, metavar="TERM[=WEIGHT]",
              help="Raise stories that name TERM (importance times WEIGHT, default 2) and mark "
                   "them; repeatable: --focus Ukraine --focus 'interest rates=1.5'.")
@click.option("--since", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="PREVIOUS.json",
              help="An earlier brief's JSON (--format json): its stories are marked developing "
                   "and what it showed is not shown again.")
@_engine_options
@click.pass_context
def brief(ctx: click.Context, paths: tuple[str, ...], date_: dt.datetime | None, fmt: str,
          template: Path | None, out: Path | None, title: str, max_stories: int, ranker: str,
          words: int | None, abstractive: str | None, vectors: str,
          focus_terms: tuple[str, ...] = (), since: Path | None = None, jobs: int | None = None,
          engine_name: str = "local", ray_address: str | None = None) -> None:
    """Write a brief of the articles in PATHS: files, folders, - for stdin, feed files
    (.rss, .atom, .xml) and web addresses (a feed, or a page).

    \b
    Example:
        briefing brief today/ extra.html --format md --out brief.md
        briefing brief today/ --since yesterday.json --format json --out today.json
        briefing brief wire/ --engine ray --ray-address ray://head:10001
    """
    from briefing import focus, memory
    from briefing.pipeline import BriefOptions, build_brief
    from briefing.render import render, write_atomic

    with _errors(ctx):
        options = BriefOptions(
            date=date_.date() if date_ else None, title=title, max_stories=max_stories,
            ranker=ranker, vectors=vectors, abstractive=abstractive, budget_words=words,
            focus=dict(focus.parse_term(t) for t in focus_terms),
            earlier=memory.load(since) if since else None,
            jobs=jobs, engine=engine_name, ray_address=ray_address,
        )
        result = build_brief(list(paths), options, stdin=sys.stdin,
                             progress=_progress(ctx.obj.quiet))
        text = render(result, fmt, template=template)
        if out:
            write_atomic(out, text)
        else:
            click.echo(text, nl=not text.endswith("\n"))




# --- The daily job: init, run, send, schedule (issue 6) -----------------------------------------

_config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Config file (default: $BRIEFING_CONFIG, else ./briefing.toml).",
)


@main.command(short_help="Write a commented example config.")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.pass_context
def init(ctx: click.Context, path: Path | None, force: bool) -> None:
    """Write a commented example config (default: ./briefing.toml).

    \b
    Example:
        briefing init && $EDITOR briefing.toml && briefing run --dry-run
    """
    from briefing.errors import ConfigError
    from briefing.job import config
    from briefing.job.schedule import example_config
    from briefing.render import write_atomic

    with _errors(ctx):
        target = path or config.find(None)
        if target.exists() and not force:
            raise ConfigError(f"{target} exists; use --force to overwrite it")
        write_atomic(target, example_config())
        if not ctx.obj.quiet:
            click.echo(f"wrote {target}: edit its [[sources]] (and [email]), then run "
                       f"`briefing run --config {target} --dry-run`")


@main.command(short_help="The daily job: brief what is new, write, send.")
@_config_option
@click.option("--force", is_flag=True,
              help="Make today's brief again (with today's articles so far) and send it again.")
@click.option("--dry-run", is_flag=True,
              help="Write the files and the mail as <out>/DATE.dry-run.* (never the day's real "
                   "files) but send and record nothing.")
@click.option("--strict", is_flag=True,
              help="Exit 6 when a source failed (default: [job] fail_on_source_error).")
@click.option("--update", is_flag=True,
              help="When the day's brief is made: brief what arrived since, as a short update "
                   "mail (<out>/DATE-update-N.*); the morning brief is not sent again.")
@click.option("--date", "date_", type=click.DateTime(["%Y-%m-%d"]),
              help="The day of the brief (default: today in the config's time zone).")
@click.pass_context
def run(ctx: click.Context, config_path: Path | None, force: bool, dry_run: bool,
        strict: bool, date_: dt.datetime | None, update: bool = False) -> None:
    """Brief what is new since the last run: write the dated files and send the mail.

    Nothing new exits 0 with one line and sends nothing; a second run the same day does
    nothing unless --force. A run killed midway is finished by the next one.

    \b
    Exit codes: 0 done (or nothing new), 1 failure (e.g. every source failed),
    2 config error (checked before anything is fetched: also a missing SMTP password),
    3 no usable articles, 4 another run holds the lock,
    5 written but not delivered (the next run sends it),
    6 with --strict: some sources failed (the brief of the rest was made and sent).

    \b
    Example:
        briefing run --config ~/briefing/briefing.toml --dry-run
        briefing run --update        # at noon: only what arrived since the morning
    """
    from briefing.job import config, daily

    with _errors(ctx):
        settings = config.load(config_path)
        outcomes = daily.run(settings, day=date_.date() if date_ else None, force=force,
                             dry_run=dry_run, update=update)
        if not ctx.obj.quiet:
            for outcome in outcomes:
                click.echo(outcome.message)
        if any(outcome.status == "undelivered" for outcome in outcomes):
            ctx.exit(5)  # a brief is written but its mail still waits for the server
        if (strict or settings.fail_on_source_error) and any(o.failed for o in outcomes):
            ctx.exit(6)  # for cron to alert: each failed source is a warning line above


@main.command(short_help="Send a saved .eml with the config's SMTP settings.")
@click.argument("eml", type=click.Path(dir_okay=False, path_type=Path))
@_config_option
@click.option("--again", is_flag=True, help="Send it even though it was sent before.")
@click.pass_context
def send(ctx: click.Context, eml: Path, config_path: Path | None, again: bool) -> None:
    """Send a saved mail (from `briefing run --dry-run`, or one a run gave up on) with the
    config's SMTP settings. A mail already sent (the same Message-ID) is not sent twice
    unless --again.

    \b
    Example:
        briefing send briefs/2026-11-22.dry-run.eml
    """
    from briefing.errors import ConfigError
    from briefing.job import config, mail

    with _errors(ctx):
        settings = config.load(config_path)
        if settings.mail is None:
            raise ConfigError(f"{settings.path}: no [email] settings to send with")
        message = mail.read_eml(eml)
        sent = mail.SentLog.beside(settings.state_path)
        message_id = str(message.get("Message-ID", "")).strip()
        before = sent.sent(message_id)
        if before and not again:
            when = before.get("sent", "?")
            with suppress(ValueError):  # the config's clock, as `briefing run` shows it
                when = dt.datetime.fromisoformat(when).astimezone(settings.zone).strftime(
                    "%Y-%m-%d %H:%M")
            raise ConfigError(f"{eml}: already sent at {when} to "
                              f"{before.get('to', '?')}; use --again to send it once more")
        to = mail.send(message, settings.mail)
        sent.add(message_id, str(eml), to, dt.datetime.now(dt.timezone.utc))
        if not ctx.obj.quiet:
            click.echo(f"sent {eml.name} to {', '.join(to)} "
                       f"(through {settings.mail.host}:{settings.mail.port})")


@main.command(short_help="Print a crontab line and systemd units.")
@_config_option
@click.option("--at", metavar="HH:MM", default=None,
              help="Time of day (default: [schedule] at in the config, else 06:30).")
@click.option("--cron", "only", flag_value="cron", help="Only the crontab line.")
@click.option("--systemd", "only", flag_value="systemd", help="Only the systemd units.")
@click.option("--write", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="Write briefing.service, briefing.timer and briefing.crontab (or, with "
                   "--cron or --systemd, just those) into this folder instead of printing them.")
@click.pass_context
def schedule(ctx: click.Context, config_path: Path | None, at: str | None,
             only: str | None, folder: Path | None) -> None:
    """Print a crontab line and a systemd service + timer that run `briefing run` daily.

    The crontab has a CRON_TZ line when the config's time zone is not this machine's.

    \b
    Example:
        (crontab -l; briefing schedule --at 06:45 --cron) | crontab -
        briefing schedule --write ~/.config/systemd/user/
    """
    import re

    from briefing.errors import ConfigError
    from briefing.job import config
    from briefing.job import schedule as scheduling

    with _errors(ctx):
        settings = config.load(config_path)
        if at is not None and not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", at):
            raise ConfigError(f"--at {at!r} is not a time like 06:30")
        if folder is not None:
            written = scheduling.write(settings, folder, at=at, only=only)
            if not ctx.obj.quiet:
                for path in written:
                    click.echo(f"wrote {path}")
                env = settings.path.parent / "briefing.env"
                if settings.mail and settings.mail.user and not env.exists():
                    click.echo(f"now put {settings.mail.password_env}='...' in {env} "
                               f"(chmod 600); both the timer and the crontab read it")
            return
        parts = []
        if only in (None, "cron"):
            parts.append(scheduling.crontab(settings, at=at))
        if only in (None, "systemd"):
            parts.extend(scheduling.systemd_units(settings, at=at).values())
        click.echo("\n".join(parts), nl=False)


# --- briefing models (issue 5) -------------------------------------------------------------------


@main.group(short_help="Abstractive models: list, pull, path.")
def models() -> None:
    """Models for --abstractive: what is installed, where, and how to get one.

    \b
    Example:
        briefing models pull sshleifer/distilbart-cnn-12-6
        briefing brief today/ --abstractive sshleifer/distilbart-cnn-12-6
    """


@models.command("list")
@click.pass_context
def models_list(ctx: click.Context) -> None:
    """Show the models briefing can find: name, family, size and folder.

    \b
    Example:
        briefing models list
    """
    from briefing import models as found

    with _errors(ctx):
        installed = found.installed()
        for model in installed:
            size = f"{model.size / 1e6:,.0f} MB"
            click.echo(f"{model.name:<40} {model.family:<10} {size:>10}  {model.path}"
                       f"  [{model.origin}]")
        if not any(m.family in ("seq2seq", "chat") for m in installed):
            click.echo("No abstractive model found. Looked in:")
            for what, folder in found.searched():
                click.echo(f"  {folder}  ({what})")
            click.echo(f"Get one with `briefing models pull NAME` (needs network), copy a "
                       f"transformers model folder (config.json, tokenizer, weights) into "
                       f"{found.home()}, or pass a folder: --abstractive DIR.")


@models.command("pull")
@click.argument("name")
@click.pass_context
def models_pull(ctx: click.Context, name: str) -> None:
    """Download the hub model NAME into briefing's model folder (needs network).

    \b
    Example:
        briefing models pull google/pegasus-xsum
    """
    from briefing import models as found

    with _errors(ctx):
        folder = found.pull(name)
        click.echo(f"{name}: {found.family(folder)} model in {folder}")


@models.command("path")
@click.argument("name")
def models_path(name: str) -> None:
    """Print the folder where NAME is, or would be, installed.

    \b
    Example:
        ls "$(briefing models path facebook/bart-large-cnn)"
    """
    from briefing import models as found

    click.echo(found.path(name))


@main.command(short_help="Print the sentences of a text, as briefing reads them.")
@click.argument("file", default="-", metavar="[FILE|-]")
@click.option("--json", "as_json", is_flag=True,
              help='One JSON object per line: {"text", "start", "end"} (spans index the text).')
@click.option("--clean", "clean_first", is_flag=True,
              help="Clean the text first (furniture, datelines, glued sentences), as `brief` does.")
@click.pass_context
def split(ctx: click.Context, file: str, as_json: bool, clean_first: bool) -> None:
    """Print the sentences of FILE (or standard input) as briefing reads them, one per line.

    A feed (an .rss, .atom or .xml file, or a web address of a feed or a page) is read as
    `briefing brief` reads it: each article under a line "[n] TITLE - ADDRESS", then its
    sentences (with --json, each record names its article).

    \b
    Example:
        briefing split article.txt --json
        curl -s https://example.org/story.txt | briefing split - --clean
        briefing split https://example.org/world/rss.xml
    """
    import json

    from briefing import feeds
    from briefing.domain import Article
    from briefing.errors import ConfigError, InputError
    from briefing.ingest import NO_SUCH_INPUT
    from briefing.sentences import split_spans

    with _errors(ctx):
        local = file != "-" and not file.startswith(("http://", "https://"))
        if feeds.unsupported_scheme(file) or (local and not Path(file).exists()):
            # a typo, as for `briefing brief`: exit 2, one line
            raise ConfigError(f"{file}: {feeds.unsupported_scheme(file) or NO_SUCH_INPUT}")
        if feeds.is_location(file):
            found, missed = feeds.read_location(file)
            if not found:  # one error line, not a warning that says the same first
                raise InputError(file, missed[0].reason if missed else "no articles in it")
            for item in missed:
                log.warning("skipped %s: %s", item.origin, item.reason)
            for n, article in enumerate(found, 1):
                if clean_first:
                    from briefing.clean import clean

                    article = clean(article)
                where = article.url or article.origin
                if not as_json:
                    if n > 1:
                        click.echo("")
                    click.echo(f"[{n}] {article.title or '(untitled)'} - {where}")
                for start, end in split_spans(article.text):
                    if as_json:
                        record = {"article": where, "title": article.title,
                                  "text": article.text[start:end], "start": start, "end": end}
                        click.echo(json.dumps(record, ensure_ascii=False))
                    else:
                        click.echo(" ".join(article.text[start:end].split()))
            return
        origin = "-" if file == "-" else file
        try:
            with click.open_file(file, encoding="utf-8") as stream:
                text = stream.read()
        except UnicodeDecodeError as exc:
            raise InputError(origin, "not UTF-8 text") from exc
        except OSError as exc:
            raise InputError(origin, exc.strerror or str(exc)) from exc
        if clean_first:
            from briefing.clean import clean

            text = clean(Article(text=text, origin=origin)).text
        for start, end in split_spans(text):
            if as_json:
                record = {"text": text[start:end], "start": start, "end": end}
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                click.echo(" ".join(text[start:end].split()))


@main.command(name="eval", short_help="Score summaries against human references (ROUGE).")
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--words", type=click.IntRange(1, 10000), help="Summary budget in words.")
@click.option("--sentences", type=click.IntRange(1, 100), help="Summary budget in sentences.")
@click.option("--ranker", "ranker_names", multiple=True, default=("default",), show_default=True,
              help="Ranker to score (repeat for several; see `briefing rankers`).")
@click.option("--baselines/--no-baselines", default=True, show_default=True,
              help="Also score lead, sumy LexRank and sumy TextRank (needs briefing[bench]).")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N items.")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path),
              help='Write one {"id", "summary"} line per item (first --ranker) here.')
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
@_engine_options
@click.pass_context
def eval_(ctx: click.Context, data: Path, words: int | None, sentences: int | None,
          ranker_names: tuple[str, ...], baselines: bool, limit: int | None,
          predictions: Path | None, as_json: bool, jobs: int | None = None,
          engine_name: str = "local", ray_address: str | None = None) -> None:
    """Score summaries of DATA (JSON Lines: id, articles, summary) with ROUGE.

    Each item's articles are cleaned, split and ranked as a brief would, summarised within
    the budget, and compared with the item's human summary (ROUGE-1, ROUGE-2, ROUGE-Lsum F1).

    \b
    Example:
        briefing eval ../shared/eval/multi-news/dev.jsonl --words 230
        briefing eval dev.jsonl --sentences 3 --ranker default --ranker lexrank --json
    """
    import json

    from briefing import engine, evaluate

    with _errors(ctx):
        runner = engine.get(engine_name, jobs=jobs, address=ray_address)
        budget = evaluate.Budget(words=words, sentences=sentences)
        systems = evaluate.systems_for(ranker_names, baselines=baselines)
        items = evaluate.read_items(data)[:limit]
        written: dict[str, list[tuple[str, str]]] | None = {} if predictions else None
        with _eval_progress(ctx.obj.quiet, len(items)) as progress:
            table = evaluate.evaluate(items, systems, budget, progress=progress,
                                      predictions=written, runner=runner)
        if predictions and written is not None:
            lines = [json.dumps({"id": i, "summary": text}, ensure_ascii=False)
                     for i, text in written.get(systems[0], [])]
            predictions.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        if as_json:
            rows = [{"system": s.system, "rouge1": round(s.rouge1, 2), "rouge2": round(s.rouge2, 2),
                     "rougeLsum": round(s.rougeLsum, 2), "items": s.items} for s in table]
            click.echo(json.dumps({"data": str(data), "budget": str(budget), "scores": rows},
                                  indent=2))
            return
        click.echo(f"{data} ({len(items)} items, {budget}); ROUGE F1 x 100")
        click.echo(f"{'system':<16}{'R-1':>8}{'R-2':>8}{'R-Lsum':>8}")
        for s in table:
            click.echo(f"{s.system:<16}{s.rouge1:8.2f}{s.rouge2:8.2f}{s.rougeLsum:8.2f}")


@contextmanager
def _eval_progress(quiet: bool, total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A tqdm bar on stderr while items are scored, only when stderr is a terminal."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    try:
        from tqdm import tqdm
    except ImportError:
        yield None
        return
    with tqdm(total=total, unit="item", file=sys.stderr, leave=False) as bar:
        yield lambda done, _total: bar.update(done - bar.n)


@main.command(name="rankers", short_help="List the sentence rankers for --ranker.")
def rankers_() -> None:
    """List the sentence rankers that --ranker accepts (the default is marked).

    \b
    Example:
        briefing rankers
    """
    from briefing import rankers

    for name in rankers.names():
        mark = " (default)" if name == rankers.DEFAULT else ""
        module = sys.modules[rankers.get(name).__module__]
        summary = (module.__doc__ or "").strip().splitlines()[0] if module.__doc__ else ""
        click.echo(f"{name}{mark}: {summary}")


# --- briefing sources, briefing status (issue 12: sources as commands) ---------------------------


@main.group(short_help="List, add, remove, import and export the config's sources.")
def sources() -> None:
    """The [[sources]] of briefing.toml, edited in place (your comments and layout stay).

    \b
    Example:
        briefing sources add https://example.com/world/rss.xml --name "Example World"
        briefing sources import feedly.opml && briefing sources list
    """


@sources.command("list", short_help="List the sources, numbered.")
@_config_option
@click.option("--json", "as_json", is_flag=True, help="Print the sources as JSON.")
@click.pass_context
def sources_list(ctx: click.Context, config_path: Path | None, as_json: bool) -> None:
    """List the sources, numbered as `sources remove` takes them.

    \b
    Example:
        briefing sources list --config ~/briefing/briefing.toml
    """
    import json

    from briefing.job import config
    from briefing.job import sources as job_sources

    with _errors(ctx):
        settings = config.load(config_path)
        if as_json:
            click.echo(json.dumps([job_sources.describe(s) for s in settings.sources],
                                  indent=2, ensure_ascii=False))
            return
        click.echo(job_sources.listing(settings), nl=False)


@sources.command("add", short_help="Add a feed, folder or page.")
@click.argument("location", metavar="URL_OR_PATH")
@_config_option
@click.option("--name", default="", help="What messages and the brief call it.")
@click.option("--weight", type=float, default=1.0, show_default=True,
              help="Multiplies the importance of its stories (0.1 to 10).")
@click.option("--include", multiple=True, metavar="WORD",
              help="Keep only items that name one of these words (repeatable).")
@click.option("--exclude", multiple=True, metavar="WORD",
              help="Leave out items that name any of these words (repeatable).")
@click.option("--page", is_flag=True, help="The address is one web page, not a feed.")
@click.pass_context
def sources_add(ctx: click.Context, location: str, config_path: Path | None, name: str,
                weight: float, include: tuple[str, ...], exclude: tuple[str, ...],
                page: bool) -> None:
    """Add a feed (an http(s) address or a feed file), a folder of articles, or with --page
    one web page.

    \b
    Example:
        briefing sources add https://example.com/rss.xml --name Example --weight 1.5 \\
            --exclude football --exclude "transfer window"
    """
    from briefing.job import sources as job_sources
    from briefing.render import count

    with _errors(ctx):
        added, settings = job_sources.add(config_path, location, name=name, weight=weight,
                                          include=include, exclude=exclude, page=page)
        if not ctx.obj.quiet:
            click.echo(f"added {added.label} ({added.kind}) to {settings.path}: "
                       f"{count(len(settings.sources), 'source')}")


@sources.command("remove", short_help="Remove a source by name, address or number.")
@click.argument("which", metavar="NAME")
@_config_option
@click.pass_context
def sources_remove(ctx: click.Context, which: str, config_path: Path | None) -> None:
    """Remove a source: by its name, its address or path, or its number in `sources list`.

    \b
    Example:
        briefing sources remove "Example World"
    """
    from briefing.job import sources as job_sources
    from briefing.render import count

    with _errors(ctx):
        gone, settings = job_sources.remove(config_path, which)
        if not ctx.obj.quiet:
            click.echo(f"removed {gone.label} ({gone.kind}) from {settings.path}: "
                       f"{count(len(settings.sources), 'source')} left")


@sources.command("import", short_help="Add the feeds of an OPML file.")
@click.argument("opml_file", metavar="FILE.opml", type=click.Path(dir_okay=False, path_type=Path))
@_config_option
@click.pass_context
def sources_import(ctx: click.Context, opml_file: Path, config_path: Path | None) -> None:
    """Add the feeds of an OPML file (a newsreader's export); feeds already there are skipped
    with a note. Folders are kept as each source's `category`.

    \b
    Example:
        briefing sources import ~/Downloads/feedly.opml
    """
    from briefing.job import sources as job_sources
    from briefing.render import count

    with _errors(ctx):
        imported, settings = job_sources.import_opml(config_path, opml_file)
        if not ctx.obj.quiet:
            for note in imported.notes:
                click.echo(f"note: {normalise.line(note)}", err=True)
            skipped = imported.feeds - len(imported.added)
            more = f" ({skipped} skipped)" if skipped else ""
            click.echo(f"added {len(imported.added)} of {count(imported.feeds, 'feed')} in "
                       f"{normalise.shown(str(opml_file))} to {settings.path}{more}: "
                       f"{count(len(settings.sources), 'source')}")


@sources.command("export", short_help="Write the feeds as OPML 2.0.")
@click.argument("out", metavar="[FILE]", required=False,
                type=click.Path(dir_okay=False, path_type=Path))
@_config_option
@click.pass_context
def sources_export(ctx: click.Context, out: Path | None, config_path: Path | None) -> None:
    """Write the feeds as OPML 2.0 (to FILE, else standard output), for a newsreader or
    another machine. Folders and single pages are left out with a note.

    \b
    Example:
        briefing sources export feeds.opml
    """
    from briefing.job import config
    from briefing.job import sources as job_sources
    from briefing.render import count, write_atomic

    with _errors(ctx):
        settings = config.load(config_path)
        text, left_out = job_sources.export_opml(settings)
        if not ctx.obj.quiet:
            for note in left_out:
                click.echo(f"note: {normalise.line(note)}", err=True)
        if out:
            write_atomic(out, text)
            if not ctx.obj.quiet:
                feeds = len(settings.sources) - len(left_out)
                click.echo(f"wrote {count(feeds, 'feed')} to {out}")
        else:
            click.echo(text, nl=False)


@main.command(short_help="Show the daily job's recent runs.")
@_config_option
@click.option("-n", "--last", "limit", type=click.IntRange(1, 1000), default=10,
              show_default=True, help="How many runs.")
@click.option("--json", "as_json", is_flag=True, help="Print the runs as JSON.")
@click.pass_context
def status(ctx: click.Context, config_path: Path | None, limit: int, as_json: bool) -> None:
    """Show the last runs, newest first: the day, when it ran, articles, stories, whether
    the mail was delivered, and the sources that failed. Works while a run is going on.

    \b
    Example:
        briefing status -n 30
    """
    import json

    from briefing.job import config
    from briefing.job import status as job_status

    with _errors(ctx):
        settings = config.load(config_path)
        runs = job_status.recent(settings, limit)
        if as_json:
            click.echo(json.dumps([job_status.summary(r) for r in runs], indent=2,
                                  ensure_ascii=False))
            return
        click.echo(job_status.text(runs, settings), nl=False)

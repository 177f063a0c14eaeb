"""The `briefing` command: parses arguments, calls the library, maps errors to exit codes.

Exit codes (for cron):
    0  done (brief written)
    1  failure (bad input as a whole, model error, anything unexpected)
    2  usage or configuration error
    3  no usable articles: every input was empty, junk or unreadable
    4  another `briefing run` is still running (lock held)
    5  the brief was written but could not be delivered
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
@click.pass_context
def brief(ctx: click.Context, paths: tuple[str, ...], date_: dt.datetime | None, fmt: str,
          template: Path | None, out: Path | None, title: str, max_stories: int, ranker: str,
          words: int | None, abstractive: str | None, vectors: str) -> None:
    """Write a brief of the articles in PATHS: files, folders, - for stdin, feed files
    (.rss, .atom, .xml) and web addresses (a feed, or a page).

    \b
    Example:
        briefing brief today/ extra.html --format md --out brief.md
    """
    from briefing.pipeline import BriefOptions, build_brief
    from briefing.render import render, write_atomic

    with _errors(ctx):
        options = BriefOptions(
            date=date_.date() if date_ else None, title=title, max_stories=max_stories,
            ranker=ranker, vectors=vectors, abstractive=abstractive, budget_words=words,
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
              help="Write the files and the mail (<out>/DATE.eml) but send and record nothing.")
@click.option("--date", "date_", type=click.DateTime(["%Y-%m-%d"]),
              help="The day of the brief (default: today in the config's time zone).")
@click.pass_context
def run(ctx: click.Context, config_path: Path | None, force: bool, dry_run: bool,
        date_: dt.datetime | None) -> None:
    """Brief what is new since the last run: write the dated files and send the mail.

    Nothing new exits 0 with one line and sends nothing; a second run the same day does
    nothing unless --force. A run killed midway is finished by the next one.

    \b
    Exit codes: 0 done (or nothing new), 1 failure (e.g. every source failed),
    2 config error, 3 no usable articles, 4 another run holds the lock,
    5 written but not delivered (the next run sends it).

    \b
    Example:
        briefing run --config ~/briefing/briefing.toml --dry-run
    """
    from briefing.job import config, daily

    with _errors(ctx):
        settings = config.load(config_path)
        outcomes = daily.run(settings, day=date_.date() if date_ else None, force=force,
                             dry_run=dry_run)
        if not ctx.obj.quiet:
            for outcome in outcomes:
                click.echo(outcome.message)
        if any(outcome.status == "undelivered" for outcome in outcomes):
            ctx.exit(5)  # a brief is written but its mail still waits for the server


@main.command(short_help="Send a saved .eml with the config's SMTP settings.")
@click.argument("eml", type=click.Path(dir_okay=False, path_type=Path))
@_config_option
@click.pass_context
def send(ctx: click.Context, eml: Path, config_path: Path | None) -> None:
    """Send a saved mail (from `briefing run --dry-run`) with the config's SMTP settings.

    \b
    Example:
        briefing send briefs/2026-11-22.eml
    """
    from briefing.errors import ConfigError
    from briefing.job import config, mail

    with _errors(ctx):
        settings = config.load(config_path)
        if settings.mail is None:
            raise ConfigError(f"{settings.path}: no [email] settings to send with")
        message = mail.read_eml(eml)
        mail.send(message, settings.mail)
        if not ctx.obj.quiet:
            click.echo(f"sent {eml} through {settings.mail.host}:{settings.mail.port}")


@main.command(short_help="Print a crontab line and systemd units.")
@_config_option
@click.option("--at", metavar="HH:MM", default=None,
              help="Time of day (default: [schedule] at in the config, else 06:30).")
@click.option("--cron", "only", flag_value="cron", help="Only the crontab line.")
@click.option("--systemd", "only", flag_value="systemd", help="Only the systemd units.")
@click.pass_context
def schedule(ctx: click.Context, config_path: Path | None, at: str | None,
             only: str | None) -> None:
    """Print a crontab line and a systemd service + timer that run `briefing run` daily.

    \b
    Example:
        (crontab -l; briefing schedule --at 06:45 --cron) | crontab -
    """
    import re

    from briefing.errors import ConfigError
    from briefing.job import config
    from briefing.job import schedule as scheduling

    with _errors(ctx):
        settings = config.load(config_path)
        if at is not None and not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", at):
            raise ConfigError(f"--at {at!r} is not a time like 06:30")
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
            click.echo(f"No abstractive model in {found.home()}. Get one with "
                       "`briefing models pull NAME` (needs network), or copy a transformers "
                       "model folder there; see models/README.md.")


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

    \b
    Example:
        briefing split article.txt --json
        curl -s https://example.org/story.txt | briefing split - --clean
    """
    import json

    from briefing.domain import Article
    from briefing.errors import InputError
    from briefing.sentences import split_spans

    with _errors(ctx):
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
@click.pass_context
def eval_(ctx: click.Context, data: Path, words: int | None, sentences: int | None,
          ranker_names: tuple[str, ...], baselines: bool, limit: int | None,
          predictions: Path | None, as_json: bool) -> None:
    """Score summaries of DATA (JSON Lines: id, articles, summary) with ROUGE.

    Each item's articles are cleaned, split and ranked as a brief would, summarised within
    the budget, and compared with the item's human summary (ROUGE-1, ROUGE-2, ROUGE-Lsum F1).

    \b
    Example:
        briefing eval ../shared/eval/multi-news/dev.jsonl --words 230
        briefing eval dev.jsonl --sentences 3 --ranker default --ranker lexrank --json
    """
    import json

    from briefing import evaluate

    with _errors(ctx):
        budget = evaluate.Budget(words=words, sentences=sentences)
        systems = evaluate.systems_for(ranker_names, baselines=baselines)
        items = evaluate.read_items(data)[:limit]
        written: dict[str, list[tuple[str, str]]] | None = {} if predictions else None
        with _eval_progress(ctx.obj.quiet, len(items)) as progress:
            table = evaluate.evaluate(items, systems, budget, progress=progress,
                                      predictions=written)
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

"""The daily job's settings, read from one TOML file (`briefing.toml`).

    load(path or None) -> Config

Where the file is: `--config PATH`, else `$BRIEFING_CONFIG`, else `./briefing.toml`. Relative
paths inside it (output folder, state file, folder sources, feed files) are relative to the file,
so a crontab line works from any directory. The SMTP password is never in the file: the file names
the environment variable that holds it (`password_env`). `briefing init` writes a commented
example (templates/briefing.toml.j2).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefing.errors import ConfigError
from briefing.focus import DEFAULT_WEIGHT, MAX_WEIGHT, MIN_WEIGHT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FILENAME = "briefing.toml"
ENV_VAR = "BRIEFING_CONFIG"
FORMATS = ("text", "md", "html", "json")
SOURCE_KINDS = ("feed", "folder", "url")
SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class Source:
    """Where articles come from: an RSS/Atom feed (URL or file), a folder, or one web page."""

    kind: str  # "feed" | "folder" | "url"
    location: str  # a URL, or an absolute path for files and folders
    name: str = ""
    weight: float = 1.0  # multiplies the importance of the stories it carries (focus.py)
    include: tuple[str, ...] = ()  # keep only items that name one of these (title or text)
    exclude: tuple[str, ...] = ()  # leave out items that name any of these
    category: str = ""  # a folder of the user's, "World/Europe" (kept for OPML export)
    site: str = ""  # the feed's web site (OPML htmlUrl), for the user's reference

    @property
    def label(self) -> str:
        """How the user calls this source in messages and in the brief's footer."""
        return self.name or self.location

    @property
    def is_remote(self) -> bool:
        return self.location.startswith(("http://", "https://"))


@dataclass(frozen=True)
class BriefSettings:
    title: str = "Daily Situation Brief"
    max_stories: int = 6
    per_story: int = 3
    words: int | None = None
    ranker: str = "default"
    vectors: str = "tfidf"
    abstractive: str | None = None
    max_age_hours: float = 48.0  # feed items older than this are left out (first run, backlogs)


@dataclass(frozen=True)
class EngineSettings:
    """[engine]: where the brief is computed (briefing.engine)."""

    name: str = "local"  # "local" or "ray"
    jobs: int | None = None  # local worker processes; None: every core
    address: str | None = None  # the Ray cluster to join; None: $RAY_ADDRESS, else a local Ray


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 15.0  # seconds for one attempt at a request: connecting, headers and body
    retries: int = 2  # extra attempts after a timeout, a connection error, HTTP 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_bytes: int = 5 * 1024 * 1024
    user_agent: str = ""  # empty: "briefing/<version> (+daily news brief)"
    deadline: float = 300.0  # seconds for all fetching of one run; later requests fail at once
    network_wait: float = 60.0  # seconds a run waits for the network at start (0: not at all)


@dataclass(frozen=True)
class MailSettings:
    sender: str
    recipients: tuple[str, ...]
    host: str = "localhost"
    port: int = 587
    security: str = "starttls"  # "starttls" | "ssl" | "none"
    user: str = ""
    password_env: str = ""  # the environment variable that holds the password
    subject: str = "{title}: {date:%A %d %B %Y}"
    timeout: float = 30.0
    ca_file: str = ""  # trust this CA bundle too (a self-signed company server)

    def password(self) -> str:
        """The password from the environment; empty when no login is configured."""
        if not self.user:
            return ""
        if not self.password_env:
            raise ConfigError(
                f"email.user is set ({self.user}) but email.password_env is not: name the "
                "environment variable that holds the SMTP password"
            )
        value = os.environ.get(self.password_env)
        if value is None:
            raise ConfigError(
                f"the SMTP password is read from ${self.password_env}, which is not set (export "
                f"it; for cron and systemd put {self.password_env}='...' in briefing.env beside "
                "the config, see `briefing schedule`)"
            )
        return value


@dataclass(frozen=True)
class Config:
    path: Path
    sources: tuple[Source, ...]
    out_dir: Path
    state_path: Path
    formats: tuple[str, ...] = FORMATS
    timezone: str = "UTC"
    brief: BriefSettings = BriefSettings()
    fetch: FetchSettings = FetchSettings()
    mail: MailSettings | None = None
    schedule_at: str = "06:30"
    update_at: str = ""  # [schedule] update_at: a second daily run, `briefing run --update`
    memory_days: int = 14  # [memory] days: how long briefed stories are remembered
    focus: tuple[tuple[str, float], ...] = ()  # [focus] watch terms and their weights
    fail_on_source_error: bool = False  # [job]: a failed source makes the run exit 6
    engine: EngineSettings = EngineSettings()  # [engine]: local processes or a Ray cluster

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def find(path: str | os.PathLike[str] | None = None) -> Path:
    """The config file the user means: the option, else $BRIEFING_CONFIG, else ./briefing.toml."""
    if path:
        return Path(path).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return Path(FILENAME)


def load(path: str | os.PathLike[str] | None = None) -> Config:
    """Read and check the config; every mistake is a ConfigError naming the file and the key."""
    where = find(path)
    try:
        raw = tomllib.loads(where.read_text(encoding="utf-8"))
    except FileNotFoundError:
        hint = "" if path else f" (set --config or ${ENV_VAR}, or run `briefing init`)"
        raise ConfigError(f"{where}: no such config file{hint}") from None
    except OSError as exc:
        raise ConfigError(f"{where}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML: {exc}") from None
    return parse(raw, where.resolve())


def parse(raw: Mapping[str, Any], path: Path) -> Config:
    """A Config from the TOML table `raw` of the file at `path` (used for relative paths)."""
    table = _Table(raw, str(path), "")
    base = path.parent
    timezone = table.text("timezone", "UTC")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        table.fail("timezone", f"unknown time zone {timezone!r} (use a name like 'Europe/Berlin')")

    sources = tuple(_source(item, base) for item in table.tables("sources"))
    if not sources:
        table.fail("sources", "no sources: add at least one [[sources]] with feed, folder or url")

    output = table.sub("output")
    formats = tuple(output.texts("formats", list(FORMATS)))
    for fmt in formats:
        if fmt not in FORMATS:
            output.fail("formats", f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    out_dir = _path(base, output.text("folder", "briefs"))
    output.done()

    brief = table.sub("brief")
    brief_settings = BriefSettings(
        title=brief.text("title", BriefSettings.title),
        max_stories=brief.whole("max_stories", BriefSettings.max_stories, low=1, high=20),
        per_story=brief.whole("per_story", BriefSettings.per_story, low=1, high=10),
        words=brief.whole("words", None, low=40, high=2000),
        ranker=brief.text("ranker", BriefSettings.ranker),
        vectors=brief.text("vectors", BriefSettings.vectors),
        abstractive=brief.text("abstractive", None),
        max_age_hours=brief.number("max_age_hours", BriefSettings.max_age_hours, low=1),
    )
    brief.done()

    fetch = table.sub("fetch")
    fetch_settings = FetchSettings(
        timeout=fetch.number("timeout", FetchSettings.timeout, low=0.1, high=300),
        retries=fetch.whole("retries", FetchSettings.retries, low=0, high=10),
        backoff=fetch.number("backoff", FetchSettings.backoff, low=0, high=60),
        max_bytes=int(fetch.number("max_megabytes", FetchSettings.max_bytes / 2**20,
                                   low=0.01, high=200) * 2**20),
        user_agent=fetch.text("user_agent", ""),
        deadline=fetch.number("deadline", FetchSettings.deadline, low=1, high=24 * 3600),
        network_wait=fetch.number("network_wait", FetchSettings.network_wait, low=0, high=3600),
    )
    fetch.done()

    schedule = table.sub("schedule")
    at = schedule.text("at", "06:30")
    if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", at):
        schedule.fail("at", f"{at!r} is not a time like 06:30")
    update_at = schedule.text("update_at", "")
    if update_at and not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", update_at):
        schedule.fail("update_at", f"{update_at!r} is not a time like 13:00")
    schedule.done()

    memory = table.sub("memory")
    memory_days = memory.whole("days", 14, low=1, high=365)
    memory.done()

    job = table.sub("job")
    fail_on_source_error = job.flag("fail_on_source_error", False)
    job.done()

    engine = table.sub("engine")
    engine_settings = EngineSettings(
        name=engine.text("name", EngineSettings.name),
        jobs=engine.whole("jobs", None, low=1, high=4096),
        address=engine.text("address", None),
    )
    if engine_settings.name not in ("local", "ray"):
        engine.fail("name", f"unknown engine {engine_settings.name!r}; choose local or ray")
    engine.done()

    focus_terms = _focus(table.sub("focus"))

    mail = _mail(table.sub("email")) if "email" in raw else None
    state_path = _path(base, table.text("state", "briefing.db"))
    table.done()
    return Config(
        path=path,
        sources=sources,
        out_dir=out_dir,
        state_path=state_path,
        formats=formats,
        timezone=timezone,
        brief=brief_settings,
        fetch=fetch_settings,
        mail=mail,
        schedule_at=at,
        update_at=update_at,
        memory_days=memory_days,
        focus=focus_terms,
        fail_on_source_error=fail_on_source_error,
        engine=engine_settings,
    )


def _source(item: _Table, base: Path) -> Source:
    kinds = [k for k in SOURCE_KINDS if k in item.raw]
    if len(kinds) != 1:
        item.fail("", "each [[sources]] needs exactly one of: feed = URL or file, "
                      "folder = path, url = web page")
    kind = kinds[0]
    location = item.text(kind, "")
    if not location:
        item.fail(kind, "is empty")
    remote = location.startswith(("http://", "https://"))
    if "://" in location and not remote:
        scheme = location.split("://", 1)[0]
        item.fail(kind, f"{location!r}: unsupported address scheme {scheme}:// "
                        "(use http/https or a local path)")
    if kind == "url" and not remote:
        item.fail(kind, f"{location!r} is not an http(s) address; use folder = ... for files")
    if not remote:
        location = str(_path(base, location))
    source = Source(
        kind=kind, location=location, name=item.text("name", ""),
        weight=item.number("weight", 1.0, low=MIN_WEIGHT, high=MAX_WEIGHT),
        include=tuple(_words(item, "include")), exclude=tuple(_words(item, "exclude")),
        category=item.text("category", ""), site=item.text("site", ""),
    )
    item.done()
    return source


def _words(item: _Table, key: str) -> list[str]:
    """A source's include or exclude words: a list of strings (one string is a list of one)."""
    words = [item.text(key, "")] if isinstance(item.raw.get(key), str) else item.texts(key, [])
    words = [" ".join(w.split()) for w in words]
    if any(not w for w in words):
        item.fail(key, "an empty word matches everything; remove it")
    return words


def _focus(table: _Table) -> tuple[tuple[str, float], ...]:
    """[focus] terms: a table of term = weight, or a list of terms (each of DEFAULT_WEIGHT)."""
    raw = table.raw.get("terms", {})
    table.used.add("terms")
    if isinstance(raw, list):
        terms = [(t, DEFAULT_WEIGHT) for t in table.texts("terms", [])]
    elif isinstance(raw, Mapping):
        terms = []
        for term, weight in raw.items():
            if isinstance(weight, bool) or not isinstance(weight, (int, float)):
                table.fail(f"terms.{term}", f"expected a weight (a number), got {weight!r}")
            if not MIN_WEIGHT <= weight <= MAX_WEIGHT:
                table.fail(f"terms.{term}", f"weight {weight:g} is out of range "
                                            f"({MIN_WEIGHT:g} to {MAX_WEIGHT:g})")
            terms.append((term, float(weight)))
    else:
        table.fail("terms", "expected a table of \"term\" = weight, or a list of terms")
    result = []
    for term, weight in terms:
        term = " ".join(term.split())
        if not term:
            table.fail("terms", "an empty term matches everything; remove it")
        result.append((term, weight))
    table.done()
    return tuple(result)


def _mail(table: _Table) -> MailSettings:
    if "password" in table.raw:
        table.fail("password", "passwords don't belong in the config file: set password_env "
                               "to the name of an environment variable that holds it")
    security = table.text("security", "starttls")
    if security not in SECURITY:
        table.fail("security", f"{security!r}: choose from {', '.join(SECURITY)}")
    to = table.raw.get("to")
    recipients = [table.text("to", "")] if isinstance(to, str) else table.texts("to", [])
    if not recipients:
        table.fail("to", "no recipients: set to = [\"you@example.com\"]")
    sender = table.text("from", "")
    if not sender:
        table.fail("from", "the sender address is missing (from = \"Briefing <me@example.com>\")")
    subject = table.text("subject", MailSettings.subject)
    try:
        subject.format(title="t", date=dt.date(2026, 1, 1))
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        table.fail("subject", f"{subject!r}: only {{title}} and {{date}} can be used ({exc})")
    ca_file = table.text("ca_file", "")
    settings = MailSettings(
        sender=sender,
        recipients=tuple(recipients),
        host=table.text("host", "localhost"),
        port=table.whole("port", DEFAULT_PORTS[security], low=1, high=65535),
        security=security,
        user=table.text("user", ""),
        password_env=table.text("password_env", ""),
        subject=subject,
        timeout=table.number("timeout", MailSettings.timeout, low=1, high=600),
        ca_file=str(_path(table.base, ca_file)) if ca_file else "",
    )
    if settings.user and not settings.password_env:
        table.fail("password_env", "email.user is set, so name the environment variable that "
                                   "holds the password (password_env = \"BRIEFING_SMTP_PASSWORD\")")
    table.done()
    return settings


def _path(base: Path, value: str) -> Path:
    path = Path(os.path.expandvars(value)).expanduser()
    return path if path.is_absolute() else base / path


class _Table:
    """One TOML table with typed getters that fail with `file: key: what is wrong`."""

    def __init__(self, raw: Any, file: str, prefix: str) -> None:
        if not isinstance(raw, Mapping):
            raise ConfigError(f"{file}: {prefix.rstrip('.') or 'top level'}: expected a table")
        self.raw = raw
        self.file = file
        self.prefix = prefix
        self.used: set[str] = set()

    @property
    def base(self) -> Path:
        return Path(self.file).parent

    def fail(self, key: str, message: str) -> None:
        where = (self.prefix + key).rstrip(".") or "top level"
        raise ConfigError(f"{self.file}: {where}: {message}")

    def _get(self, key: str, kinds: tuple[type, ...], default: Any, what: str) -> Any:
        self.used.add(key)
        if key not in self.raw:
            return default
        value = self.raw[key]
        if not isinstance(value, kinds) or isinstance(value, bool) and bool not in kinds:
            self.fail(key, f"expected {what}, got {value!r}")
        return value

    def text(self, key: str, default: Any) -> Any:
        return self._get(key, (str,), default, "a string")

    def whole(self, key: str, default: Any, *, low: int, high: int) -> Any:
        value = self._get(key, (int,), default, "a whole number")
        if value is not None and not low <= value <= high:
            self.fail(key, f"{value} is out of range ({low} to {high})")
        return value

    def number(self, key: str, default: float, *, low: float, high: float = 1e9) -> float:
        value = float(self._get(key, (int, float), default, "a number"))
        if not low <= value <= high:
            self.fail(key, f"{value:g} is out of range ({low:g} to {high:g})")
        return value

    def flag(self, key: str, default: bool) -> bool:
        return bool(self._get(key, (bool,), default, "true or false"))

    def texts(self, key: str, default: list[str]) -> list[str]:
        value = self._get(key, (list,), default, "a list of strings")
        if not all(isinstance(v, str) for v in value):
            self.fail(key, f"expected a list of strings, got {value!r}")
        return list(value)

    def sub(self, key: str) -> _Table:
        self.used.add(key)
        return _Table(self.raw.get(key, {}), self.file, f"{self.prefix}{key}.")

    def tables(self, key: str) -> list[_Table]:
        value = self._get(key, (list,), [], "a list of tables ([[sources]])")
        return [_Table(v, self.file, f"{self.prefix}{key}[{i}].") for i, v in enumerate(value)]

    def done(self) -> None:
        """Unknown keys are mistakes (a typo would otherwise be ignored silently)."""
        unknown = sorted(set(self.raw) - self.used)
        if unknown:
            self.fail(unknown[0], "unknown setting (check the spelling; see `briefing init`)")

"""The daily job's sources: what a source lets through, and `briefing sources` editing the
`[[sources]]` of briefing.toml in place.

    admits(source, article) -> bool                 its include/exclude words
    add(path, location, name=..., weight=...) -> Source
    remove(path, which) -> Source                   by name, address or number in the list
    import_opml(path, opml_file) -> Imported        the feeds of a newsreader's export
    export_opml(config) -> (text, left_out)         the feeds as OPML 2.0

The file is edited with tomlkit, so everything the user wrote stays as written: comments,
blank lines, order, quoting. A new source is appended after the last `[[sources]]`; a removed
one takes only its own lines with it (comments after it, such as a commented-out example,
stay). Every edit is checked as `briefing run` would read the file before it is saved, and
saved atomically, keeping the file's permissions (and writing through a symlink).

A source's `include` words keep only the items whose title or text names one of them; its
`exclude` words leave out every item that names any of them. Words match as focus terms do
(focus.pattern: whole words, case-insensitive unless written in capitals only).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.items import AoT, Array, Table

from briefing import focus, normalise
from briefing.domain import Article
from briefing.errors import ConfigError
from briefing.job import config as settings
from briefing.job import opml
from briefing.job.config import Config, Source


def admits(source: Source, article: Article) -> bool:
    """Does the source's include/exclude list let the article through (title and text)?"""
    if not source.include and not source.exclude:
        return True
    text = f"{article.title}\n{article.text}"
    if source.include and not any(focus.pattern(w).search(text) for w in source.include):
        return False
    return not any(focus.pattern(w).search(text) for w in source.exclude)


@dataclass(frozen=True)
class Imported:
    added: tuple[Source, ...]
    notes: tuple[str, ...] = ()  # one line per outline left out, and why
    feeds: int = 0  # feeds in the file


@dataclass
class _Draft:
    """A new [[sources]] entry, as it will be written."""

    kind: str
    location: str
    name: str = ""
    weight: float = 1.0
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    category: str = ""
    site: str = ""

    def table(self) -> Table:
        table = tomlkit.table()
        table.add(self.kind, self.location)
        for key in ("name", "category", "site"):
            if getattr(self, key):
                table.add(key, getattr(self, key))
        if self.weight != 1.0:
            table.add("weight", self.weight)
        for key in ("include", "exclude"):
            if getattr(self, key):
                table.add(key, getattr(self, key))
        return table


class _ConfigFile:
    """briefing.toml as the user wrote it, for editing its [[sources]]."""

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = settings.find(path)
        try:
            self.text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            hint = "" if path else f" (set --config or ${settings.ENV_VAR})"
            raise ConfigError(f"{self.path}: no such config file{hint}; "
                              "`briefing init` writes one") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{self.path}: can't read it: {exc}") from None
        self.doc = self._parse(self.text)

    @property
    def config(self) -> Config:
        return self.check()

    def _parse(self, text: str) -> tomlkit.TOMLDocument:
        try:
            return tomlkit.parse(text)
        except tomlkit.exceptions.ParseError as exc:
            raise ConfigError(f"{self.path}: not valid TOML: {exc}") from None

    @property
    def base(self) -> Path:
        return self.path.resolve().parent

    def check(self) -> Config:
        """The file as `briefing run` reads it (ConfigError naming the setting when wrong)."""
        return settings.parse(self.doc.unwrap(), self.path.resolve())

    def entries(self) -> AoT | Array | None:
        found = self.doc.get("sources")
        return found if isinstance(found, (AoT, Array)) else None

    def append(self, draft: _Draft) -> None:
        entries = self.entries()
        table = draft.table()
        if entries is None:
            if self.doc.as_string().strip() and not self.doc.as_string().endswith("\n\n"):
                self.doc.add(tomlkit.nl())
            self.doc.append("sources", tomlkit.aot())
            entries = self.entries()
        if isinstance(entries, Array):  # sources = [{feed = "..."}]: keep it inline
            inline = tomlkit.inline_table()
            inline.update(table.unwrap())
            entries.append(inline)
        else:
            assert isinstance(entries, AoT)
            if len(entries) and not entries[-1].as_string().endswith("\n\n"):
                entries[-1].add(tomlkit.nl())  # a blank line between two sources
            table.add(tomlkit.nl())
            entries.append(table)
        self.text = self.doc.as_string()

    def remove(self, index: int) -> None:
        """Take out the index-th source: its header and its own lines, nothing after them."""
        entries = self.entries()
        assert entries is not None
        cut = self._lines_of(entries, index) if isinstance(entries, AoT) else None
        if cut:
            start, end = cut
            before, after = self.text[:start], self.text[end:]
            if before.endswith("\n\n") and after.startswith("\n"):
                after = after[1:]  # no double blank line where it was
            self.text = before + after
            self.doc = self._parse(self.text)
        else:  # laid out in a way the text can't be cut by lines: tomlkit removes it
            del entries[index]
            self.text = self.doc.as_string()

    def _lines_of(self, entries: AoT, index: int) -> tuple[int, int] | None:
        """Where in the text the index-th [[sources]] header and its keys are."""
        table = entries[index]
        body = table.value.body
        keyed = [i for i, (key, _) in enumerate(body) if key is not None]
        if not keyed:
            return None
        trailing = "".join(item.as_string() for _, item in body[keyed[-1] + 1:])
        whole = table.as_string()
        if not whole.endswith(trailing):
            return None
        own = whole[: len(whole) - len(trailing)]
        headers = list(_HEADER.finditer(self.text))
        if len(headers) != len(entries) or not self.text.startswith(own, headers[index].end()):
            return None
        return headers[index].start(), headers[index].end() + len(own)

    def save(self) -> Config:
        """Check the edited file as `briefing run` would, then write it atomically."""
        self.doc = self._parse(self.text)
        checked = self.check()
        target = self.path.resolve()  # a symlinked config stays a symlink
        mode = stat.S_IMODE(target.stat().st_mode)
        from briefing.render import write_atomic

        write_atomic(target, self.text)
        os.chmod(target, mode)
        return checked


_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*sources[ \t]*\]\][^\n]*\n", re.MULTILINE)


def add(path: str | os.PathLike[str] | None, location: str, *, name: str = "",
        weight: float = 1.0, include: Sequence[str] = (), exclude: Sequence[str] = (),
        page: bool = False) -> tuple[Source, Config]:
    """Add a source to the config file: an http(s) address is a feed (`page`: one web page), a
    folder is a folder of articles, a file is a feed file. Returns it as `briefing run` reads it."""
    file = _ConfigFile(path)
    draft = _draft(location, file.base, page=page)
    draft.name = " ".join(name.split())
    draft.weight = focus.check_weight(weight, "--weight")
    draft.include = _words(include, "--include")
    draft.exclude = _words(exclude, "--exclude")
    resolved = _resolved(draft, file.base)
    current = file.config.sources if file.entries() else ()  # a file with none yet: fine
    for number, existing in enumerate(current, 1):
        if existing.location == resolved:
            raise ConfigError(f"{location} is already source {number} ({existing.label}) in "
                              f"{file.path}; remove it first to change it")
        if draft.name and existing.name.casefold() == draft.name.casefold():
            raise ConfigError(f"source {number} in {file.path} is already named {existing.name!r}; "
                              "choose another --name")
    file.append(draft)
    checked = file.save()
    return checked.sources[-1], checked


def remove(path: str | os.PathLike[str] | None, which: str) -> tuple[Source, Config]:
    """Remove the source named `which` (its name, its address or path, or its number in
    `briefing sources list`)."""
    file = _ConfigFile(path)
    index = find(file.config, which)
    gone = file.config.sources[index]
    if len(file.config.sources) == 1:
        raise ConfigError(f"{gone.label} is the only source in {file.path}; add another one "
                          "first (`briefing sources add URL`)")
    file.remove(index)
    return gone, file.save()


def find(config: Config, which: str) -> int:
    """The index of the source `which` names: a number from the list, a name or an address."""
    sources = config.sources
    if which.isdigit():
        if 1 <= int(which) <= len(sources):
            return int(which) - 1
        raise ConfigError(f"there is no source {which}: the config has {len(sources)} "
                          "(see `briefing sources list`)")
    wanted = " ".join(which.split()).casefold()
    by_name = [i for i, s in enumerate(sources) if s.name and s.name.casefold() == wanted]
    local = str(Path(which).expanduser().resolve()) if "://" not in which else which
    by_place = [i for i, s in enumerate(sources) if s.location in (which, local)]
    found = by_name or by_place
    if len(found) == 1:
        return found[0]
    if found:
        numbers = ", ".join(str(i + 1) for i in found)
        raise ConfigError(f"{which!r} names sources {numbers}; say which by its number")
    raise ConfigError(f"no source named {normalise.shown(which)} in {config.path} "
                      "(see `briefing sources list`)")


def import_opml(path: str | os.PathLike[str] | None, opml_file: Path) -> tuple[Imported, Config]:
    """Add the feeds of an OPML file that the config does not have yet (one note for each
    feed skipped: already a source, twice in the file, not an http(s) address)."""
    try:
        data = Path(opml_file).read_bytes()
    except OSError as exc:
        raise ConfigError(f"{normalise.shown(str(opml_file))}: can't read it: "
                          f"{exc.strerror or exc}") from None
    feeds, notes = opml.parse(data, normalise.shown(str(opml_file)))
    file = _ConfigFile(path)
    have = {s.location: s.label for s in file.config.sources}
    names = {s.name.casefold() for s in file.config.sources if s.name}
    added: list[_Draft] = []
    for feed in feeds:
        if feed.url in have:
            notes.append(f"skipped {feed.title or feed.url!r}: already a source "
                         f"({have[feed.url]})")
            continue
        name = _unique(feed.title, names)
        draft = _Draft("feed", feed.url, name=name, category=feed.category, site=feed.site)
        added.append(draft)
        have[feed.url] = name or feed.url
        if name:
            names.add(name.casefold())
    for draft in added:
        file.append(draft)
    checked = file.save() if added else file.config
    new = tuple(checked.sources[len(checked.sources) - len(added):]) if added else ()
    return Imported(new, tuple(notes), len(feeds)), checked


def export_opml(config: Config) -> tuple[str, list[str]]:
    """The config's feeds as an OPML 2.0 document, and a note for each source left out (a
    folder, a single page or a feed file is nothing a newsreader can subscribe to)."""
    feeds: list[opml.Feed] = []
    left_out: list[str] = []
    for source in config.sources:
        if source.kind == "feed" and source.is_remote:
            feeds.append(opml.Feed(source.location, source.name, source.site, source.category))
        else:
            what = {"folder": "a folder", "url": "a single web page"}.get(source.kind,
                                                                       "a feed file")
            left_out.append(f"left out {source.label}: {what}, not a feed a newsreader can "
                            "subscribe to")
    return opml.dumps(feeds, title=f"briefing sources ({config.path.name})"), left_out


def _draft(location: str, base: Path, *, page: bool) -> _Draft:
    where = location.strip()
    if where.lower().startswith("feed:"):
        where = opml.http_address(where) or where
    if "://" in where:
        if not where.lower().startswith(("http://", "https://")):
            scheme = where.split("://", 1)[0]
            raise ConfigError(f"{normalise.shown(location)}: unsupported address scheme "
                              f"{scheme}:// (use http/https or a local path)")
        return _Draft("url" if page else "feed", where)
    if page:
        raise ConfigError(f"{normalise.shown(location)}: --page needs an http(s) address")
    path = Path(where).expanduser()
    if not path.exists():
        raise ConfigError(f"{normalise.shown(location)}: no such file or folder")
    kind = "folder" if path.is_dir() else "feed"
    path = path.resolve()
    try:
        shown = str(path.relative_to(base))  # beside the config: stays valid if both move
    except ValueError:
        shown = str(path)
    return _Draft(kind, shown)


def _resolved(draft: _Draft, base: Path) -> str:
    """The location as the loaded config has it (an absolute path for files and folders)."""
    if draft.location.startswith(("http://", "https://")):
        return draft.location
    return str(base / draft.location)


def _words(words: Sequence[str], option: str) -> list[str]:
    cleaned = [" ".join(w.split()) for w in words]
    if any(not w for w in cleaned):
        raise ConfigError(f"{option}: an empty word would match everything")
    return cleaned


def _unique(name: str, taken: set[str]) -> str:
    """The name, or "Name (2)" when a source already has it."""
    if not name or name.casefold() not in taken:
        return name
    n = 2
    while f"{name} ({n})".casefold() in taken:
        n += 1
    return f"{name} ({n})"


def listing(config: Config) -> str:
    """What `briefing sources list` prints (templates/sources.j2)."""
    from briefing import render

    template = render.environment().get_template("sources.j2")
    return template.render(sources=config.sources, focus=config.focus)


def describe(source: Source) -> dict[str, Any]:
    """A source as plain data (for `briefing sources list --json`)."""
    return {"name": source.name, "kind": source.kind, "location": source.location,
            "weight": source.weight, "include": list(source.include),
            "exclude": list(source.exclude), "category": source.category, "site": source.site}

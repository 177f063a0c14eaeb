"""Lay a Brief out as text, Markdown, HTML or JSON through the Jinja2 templates in templates/.

    render(brief, "text") -> str       email-ready plain text, lines <= 72 characters, one page
    render(brief, "html")              email-safe inline styles, article text escaped
    render(brief, "json")              the whole Brief: scores, spans and citations
    render(brief, "text", template=Path("mine.j2"))   the user's own layout

Templates see `brief` (the Brief itself), `data` (the Brief as plain JSON-ready data) and the
filters `wrap`, `clip`, `day` and `to_json`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import tempfile
import textwrap
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from briefing.domain import (
    Brief,
    BriefSentence,
    Development,
    Entity,
    StoryLine,
    TimelineEvent,
)
from briefing.errors import ConfigError
from briefing.resources import read_shipped

FORMATS = {"text": "text.j2", "md": "md.j2", "html": "html.j2", "json": "json.j2"}
LINE_WIDTH = 72
PAGE_LINES = 66


def render(brief: Brief, fmt: str = "text", *, template: Path | None = None) -> str:
    if template is not None:
        compiled = _user_template(template)
    elif fmt in FORMATS:
        compiled = _environment().get_template(FORMATS[fmt])
    else:
        raise ConfigError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    try:
        text = compiled.render(brief=brief, data=brief_data(brief))
    except jinja2.TemplateError as exc:
        raise ConfigError(f"{template or fmt}: template error: {exc}") from exc
    return text.rstrip("\n") + "\n"


def page_lines(brief: Brief) -> int:
    """How many lines the plain-text brief takes."""
    # The text layout reads neither the day's story list nor the JSON data: leaving them out
    # keeps the many fitting rounds of a day of thousands of stories from copying them each time.
    compiled = _environment().get_template(FORMATS["text"])
    text = compiled.render(brief=dataclasses.replace(brief, stories=()), data={})
    return (text.rstrip("\n") + "\n").count("\n")


def brief_data(brief: Brief) -> dict[str, Any]:
    """The Brief as JSON-ready data (dates as ISO strings)."""
    return _plain(dataclasses.asdict(brief))


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader never sees half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # as `open` would create it, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# --- Jinja2 --------------------------------------------------------------------------------------


def environment(loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """The Jinja2 settings of every briefing layout: undefined names are errors, HTML templates
    escape what they insert, block tags leave no blank lines, and the filters below."""
    env = jinja2.Environment(
        loader=loader or jinja2.FunctionLoader(lambda name: read_shipped("templates", name)),
        undefined=jinja2.StrictUndefined,
        autoescape=_is_html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    _add_filters(env)
    return env


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return environment()


def _user_template(path: Path) -> jinja2.Template:
    if not path.is_file():
        raise ConfigError(f"{path}: template not found")
    env = environment(jinja2.FileSystemLoader(str(path.parent)))
    try:
        return env.get_template(path.name)
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"{path}:{exc.lineno}: template syntax error: {exc.message}") from exc


def _is_html(name: str | None) -> bool:
    """HTML templates escape everything they insert: html.j2, x.html, x.htm, x.html.j2."""
    name = (name or "").lower().removesuffix(".j2")
    return name == "html" or name.endswith((".html", ".htm"))


def _add_filters(env: jinja2.Environment) -> None:
    env.filters["wrap"] = wrap
    env.filters["clip"] = clip
    env.filters["day"] = day
    env.filters["to_json"] = lambda value: json.dumps(value, indent=2, ensure_ascii=False)
    env.filters["cited"] = cited
    env.filters["also"] = _also
    env.filters["names"] = names
    env.filters["when"] = when
    env.filters["http_url"] = http_url
    env.filters["md"] = md
    env.filters["story_line"] = story_line
    env.filters["count"] = count
    env.filters["focus"] = focus_mark
    env.filters["wrap_marked"] = wrap_marked
    env.filters["developing"] = developing
    env.filters["source_lines"] = source_lines
    env.filters["skipped_lines"] = skipped_lines
    env.filters["md_url"] = md_url


def http_url(url: str) -> str:
    """The URL if it is http(s), else "": a feed can't smuggle a javascript: link into a mail."""
    return url if url.lower().startswith(("http://", "https://")) else ""


def cited(sentences: BriefSentence | Sequence[BriefSentence], markdown: bool = False) -> str:
    """Sentences joined into running text, each followed by its citation: "... [2] (also 4)".

    `markdown=True` escapes the article text (not the citation) for Markdown output."""
    if isinstance(sentences, BriefSentence):
        sentences = [sentences]
    shown = md if markdown else str
    return " ".join(f"{shown(s.text)} [{s.citation}]{_also(s)}" for s in sentences)


# Markdown and inline HTML would act on these; a backslash makes each a literal character.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~!])")


def md(text: str) -> str:
    """Article text as literal Markdown text: no emphasis, links, images, code or raw HTML
    (`<script>` comes out as the characters, not a tag); one line."""
    text = " ".join(str(text).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)  # "&lt;" stays the five characters
    text = re.sub(r"^([-+])(?=\s|$)", r"\\\1", text)  # no list item of its own
    return re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", text)


def md_url(url: str) -> str:
    """An http(s) URL safe inside a Markdown link's parentheses ("" for any other scheme)."""
    url = http_url(url)
    return "".join(c if c.isascii() and c.isprintable() and c not in ' ()<>"\\`'
                   else "".join(f"%{b:02X}" for b in c.encode("utf-8", "replace"))
                   for c in url)


def count(n: int, noun: str) -> str:
    """ "1 article", "5 articles"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def focus_mark(terms: Sequence[str]) -> str:
    """ "[focus: Ukraine, ECB]": the reader's watch terms a story matches ("" for none)."""
    return f"[focus: {', '.join(terms)}]" if terms else ""


def developing(story: Development | StoryLine) -> str:
    """ "(developing, day 3)" for a story an earlier brief told ("" for a new one)."""
    if story.status != "developing":
        return ""
    return f"(developing, day {story.days})" if story.days > 1 else "(developing)"


def story_line(line: StoryLine, width: int = LINE_WIDTH, prefix: str = "- ") -> str:
    """ "- Storm forces evacuations along the coast [4]": one line of at most `width`
    characters; a long headline is cut (with an ellipsis), never its citation."""
    reports = f" ({line.articles} reports)" if line.articles > 1 else ""
    tail = f" {focus_mark(line.focus)} [{line.citation}]" if line.focus else f" [{line.citation}]"
    if line.status == "developing":  # kept whole, like the citation: the headline gives way
        tail = f" {developing(line)}{tail}"
    room = width - len(prefix) - len(tail)
    text = line.headline + reports
    if len(text) > room:
        text = line.headline
    if len(text) > room:  # cut at a word, not inside one
        text = text[: room - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—") + "…"
    return prefix + text + tail


def source_lines(brief: Brief, width: int = LINE_WIDTH) -> list[str]:
    """The SOURCES section of the text brief: a heading and, for each web source, its outlet,
    its title (where no headline already shows it) and its whole address, never cut (on a line
    of its own when the line would be too long); sources read from files share lines
    ("[3] 014.txt  [4] 029.txt"), their common folder (or file, for records) said once in the
    heading."""
    shown = {d.headline.casefold() for d in brief.developments}
    shown |= {line.headline.casefold() for line in brief.further}
    files = [ref for ref in brief.sources if not ref.url]
    packable = [ref for ref in files
                if not (ref.title and ref.title.casefold() not in shown)]
    prefix = _common_prefix([ref.origin for ref in files]) if len(files) > 1 else ""
    heading = "SOURCES"
    if prefix:
        where = prefix if len(prefix) <= width - 20 else "…" + prefix[-(width - 21):]
        heading = f"SOURCES (in {where})"
    lines = [heading]
    row = ""
    for ref in brief.sources:
        if ref in packable:
            entry = f"[{ref.n}] {ref.origin[len(prefix):]}"
            if row and len(row) + 2 + len(entry) <= width:
                row += "  " + entry
                continue
            if row:
                lines.append(row)
            row = clip(entry, width)
            continue
        if row:
            lines.append(row)
            row = ""
        named = ref.title and ref.title.casefold() not in shown
        title = ref.title if named else ""
        outlet = ref.source if ref.source and ref.source.casefold() not in title.casefold() \
            else ""
        label = f"{title} ({outlet})" if title and outlet else title or outlet
        if not ref.url:
            where = ref.origin[len(prefix):]
            entry = f"[{ref.n}] " + (f"{label} - " if label else "")
            if label and len(entry) + len(where) > width:  # the title gives way, not the file
                entry = clip(entry.removesuffix(" - "), max(width - len(where) - 3, 12)) + " - "
            lines.append(clip(entry + where, width))
            continue
        # A web source keeps its whole address, so the link works: on the same line when it
        # fits, else on a line of its own (only an address longer than the line is longer).
        # One line a source where it can be: the title gives way first, then an outlet the
        # address already names ("[4] http://www.news.vu/..."); the page is for stories.
        one = f"[{ref.n}] " + (f"{label} - " if label else "") + ref.url
        if len(one) <= width:
            lines.append(one)
            continue
        host = urlsplit(ref.url).netloc.casefold()
        if outlet and outlet.casefold().removeprefix("www.") not in host:
            short = f"[{ref.n}] {outlet} - {ref.url}"
            if len(short) <= width:
                lines.append(short)
            else:
                lines.append(clip(f"[{ref.n}] {outlet}", width))
                lines.append(("    " if len(ref.url) + 4 <= width else "") + ref.url)
        else:
            lines.append(f"[{ref.n}] {ref.url}")  # longer than the line only by its address
    if row:
        lines.append(row)
    return lines


def skipped_lines(brief: Brief, width: int = LINE_WIDTH, shown: int = 3) -> list[str]:
    """The SKIPPED section of the text brief: a heading and the first `shown` inputs that were
    skipped, one line each ("- 0034.txt: web crawl notes, not an article"), named relative to
    their common folder; the heading says how many more `--format json` lists. Inputs that
    could not be used come first; copies of an article the brief reads anyway lose the reader
    nothing and share one line ("- 3 duplicate copies of other articles")."""
    if not brief.skipped:
        return []
    origins = [item.origin for item in brief.skipped]
    prefix = _common_prefix(origins) if len(origins) > 1 else ""
    failed = [item for item in brief.skipped if not item.reason.startswith(_DUPLICATE)]
    copies = len(brief.skipped) - len(failed)
    listed = failed[:shown] if copies < 2 else failed[: shown - 1]
    if copies < 2:
        listed += [item for item in brief.skipped if item not in failed][: shown - len(listed)]
    more = len(origins) - len(listed) - (copies if copies >= 2 else 0)
    heading = "SKIPPED" if more <= 0 else (
        f"SKIPPED ({len(origins)}; --format json lists each)")
    if prefix:
        room = max(width - len(heading) - 4, 12)
        heading += f" in {prefix if len(prefix) <= room else '…' + prefix[-(room - 1):]}"
    lines = [clip(heading, width)]
    for item in listed:
        name = item.origin[len(prefix):]
        if len(name) > width // 2:
            name = "…" + name[-(width // 2 - 1):]
        lines.append(clip(f"- {name}: {item.reason}", width))
    if copies >= 2:
        lines.append(f"- {copies} duplicate copies of other articles")
    return lines


_DUPLICATE = "duplicate of "


def _common_prefix(origins: Sequence[str]) -> str:
    """The common folder of `origins` ("/data/today/"), if they have one."""
    prefix = os.path.commonprefix(list(origins))
    cut = prefix.rfind("/")
    prefix = prefix[: cut + 1] if cut >= 0 else ""
    if len(prefix) < 4 or any(len(o) == len(prefix) for o in origins):
        return ""
    return prefix


def _also(sentence: BriefSentence) -> str:
    """ " (also 3, 5)": other sources that report the same thing in their own words."""
    if not sentence.also_in:
        return ""
    return " (also " + ", ".join(str(n) for n in sentence.also_in) + ")"


def names(entities: Sequence[Entity]) -> str:
    """ "NATO (14), Jens Stoltenberg (9), ..." """
    return ", ".join(f"{e.name} ({e.mentions})" for e in entities)


def when(event: TimelineEvent) -> str:
    """The event's date as precise as the text gave it: 2024-06-27 or 2022-02."""
    if event.precision == "month":
        return event.date.strftime("%Y-%m")
    return event.date.isoformat()


def wrap(text: str, width: int = LINE_WIDTH, first: str = "", rest: str | None = None) -> str:
    """Wrap to `width` columns; `first` prefixes the first line, `rest` the others."""
    return "\n".join(
        textwrap.wrap(
            " ".join(text.split()),
            width=width,
            initial_indent=first,
            subsequent_indent=first if rest is None else rest,
            break_long_words=True,
            break_on_hyphens=False,
        )
    )


def wrap_marked(text: str, marks: Sequence[str] = (), width: int = LINE_WIDTH, first: str = "",
                rest: str | None = None) -> str:
    """`wrap` the text followed by `marks` ("[focus: Ukraine]", "(2 reports)"), each mark kept
    whole on one line."""
    glued = [" ".join(mark.split()).replace(" ", "\xa0") for mark in marks if mark]
    lines = textwrap.wrap(" ".join([*text.split(), *glued]), width=width, initial_indent=first,
                          subsequent_indent=first if rest is None else rest,
                          break_long_words=True, break_on_hyphens=False)
    return "\n".join(lines).replace("\xa0", " ")


def clip(text: str, width: int) -> str:
    """`text` cut to `width` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def day(value: dt.date | dt.datetime | None, style: str = "iso") -> str:
    if value is None:
        return ""
    if style == "long":
        return f"{value.day} {value:%B %Y}"
    return value.strftime("%Y-%m-%d")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value

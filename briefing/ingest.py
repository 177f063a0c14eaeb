"""Read articles from what the user points at: files, folders, JSON Lines, standard input.

    read_inputs(["today/", "extra.html", "-"]) -> ([Article, ...], [Skipped, ...])

    .txt .md       plain text; a short first line without final punctuation is the title
    .html .htm     a web page: main text, title, author, date and site through trafilatura
    .json          one article object, a list of them, or {"articles": [...]}
    .jsonl         one article object per line (origin `path:LINE`)
    folder         every file of a known type below it, sorted; hidden files and folders skipped
    -              standard input, read as text, JSON Lines or HTML by its look

One bad file never stops the day: it becomes a `Skipped` with a one-line reason.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from briefing import normalise
from briefing.domain import Article, Skipped
from briefing.errors import InputError

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
NO_SUCH_INPUT = "no such file or folder"

TEXT_TYPES = (".txt", ".md")
HTML_TYPES = (".html", ".htm")
JSON_TYPES = (".json", ".jsonl")
KNOWN_TYPES = TEXT_TYPES + HTML_TYPES + JSON_TYPES

# Field names used by common news exports (NewsAPI, news-please, feeds, scrapers), best first.
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "story", "description"),
    "title": ("title", "headline", "name"),
    "url": ("url", "link", "href", "source_url"),
    "source": ("source", "site", "sitename", "outlet", "publisher", "source_domain", "domain"),
    "published": (
        "published", "date", "published_at", "publishedAt", "pubDate", "date_publish",
        "datetime", "time", "created_at", "updated",
    ),
    "author": ("author", "authors", "byline", "creator"),
}

TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 25


# --- Many inputs ---------------------------------------------------------------------------------


def read_inputs(
    paths: Sequence[str], *, stdin: TextIO | None = None
) -> tuple[list[Article], list[Skipped]]:
    """Every article under `paths` (folders recursively, `-` = stdin), and what was skipped.

    Each input is read inside its own guard: whatever goes wrong with one file (any exception,
    not only the expected ones) becomes one `Skipped` naming it, and the others are read. Only
    regular files are opened; devices, FIFOs and sockets are skipped without opening them.
    Every article comes back normalised (`briefing.normalise`).
    """
    skipped: list[Skipped] = []
    articles = list(iter_inputs(paths, skipped, stdin=stdin))
    return articles, skipped


def iter_inputs(
    paths: Sequence[str], skipped: list[Skipped], *, stdin: TextIO | None = None
) -> Iterator[Article]:
    """`read_inputs` one input file at a time: the articles as each file is read, so a large
    day's raw texts need not all be held at once. What was skipped is added to `skipped` (and
    logged as a warning) by the time the iterator is exhausted."""
    found: list[Skipped] = []
    for name in paths:
        articles: list[Article] = []
        if name == "-":
            _guarded("-", lambda: _read_stdin(stdin), articles, found)
            yield from articles
            continue
        path = Path(name)
        try:
            info = path.stat()
        except OSError as error:
            reason = NO_SUCH_INPUT if isinstance(error, FileNotFoundError) \
                else _os_reason(error)
            found.append(Skipped(name, reason))
            continue
        if stat.S_ISDIR(info.st_mode):
            for file in _files_under(path, found):
                _guarded(str(file), partial(_read_path, file), articles, found)
                yield from articles
                articles.clear()
        else:
            _guarded(name, partial(_read_path, path), articles, found)
            yield from articles
    for item in found:
        item = Skipped(normalise.shown(item.origin), normalise.line(item.reason))
        log.warning("skipped %s: %s", item.origin, item.reason)
        skipped.append(item)


def _guarded(
    origin: str,
    read: Callable[[], tuple[list[Article], list[Skipped]]],
    articles: list[Article],
    skipped: list[Skipped],
) -> None:
    """Run `read` for one input; any failure of it becomes one `Skipped` for that input."""
    try:
        found, bad = read()
        found = [normalise.article(a) for a in found]
    except InputError as error:
        skipped.append(Skipped(error.origin, error.reason))
    except RecursionError:
        skipped.append(Skipped(origin, "nested too deeply to read"))
    except MemoryError:
        skipped.append(Skipped(origin, "too large to read into memory"))
    except Exception as error:  # noqa: BLE001 - one odd input must never cost the day
        log.debug("reading %s failed", origin, exc_info=True)
        skipped.append(Skipped(origin, f"can't be read ({_describe(error)})"))
    else:
        articles.extend(found)
        skipped.extend(bad)


def _describe(error: BaseException) -> str:
    detail = normalise.line(str(error))[:160]
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__


def _files_under(
    folder: Path, skipped: list[Skipped], visited: set[tuple[int, int]] | None = None
) -> Iterator[Path]:
    """Files of a known type below `folder`, sorted, without hidden files or folders.

    A folder reached twice (a symlink loop) is walked once; an unreadable folder is one
    `Skipped`; a file of a known type that is not a regular file (a device, a FIFO, a socket,
    a dangling link) is one `Skipped` and is never opened.
    """
    visited = set() if visited is None else visited
    try:
        info = folder.stat()
        key = (info.st_dev, info.st_ino)
        if key in visited:
            log.info("%s: already read (a symbolic link loop); not walked again", folder)
            return
        visited.add(key)
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as error:
        skipped.append(Skipped(str(folder), f"can't read the folder: {_os_reason(error)}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            mode = os.stat(entry.path).st_mode
        except OSError as error:
            if path.suffix.lower() in KNOWN_TYPES:
                reason = "a dangling symbolic link" if isinstance(error, FileNotFoundError) \
                    else _os_reason(error)
                skipped.append(Skipped(str(path), reason))
            continue
        if stat.S_ISDIR(mode):
            yield from _files_under(path, skipped, visited)
        elif path.suffix.lower() in KNOWN_TYPES:
            if stat.S_ISREG(mode):
                yield path
            else:
                skipped.append(Skipped(str(path), _not_regular(mode)))


def _not_regular(mode: int) -> str:
    kind = ("a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a FIFO (named pipe)"
            if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file")
    return f"{kind}, not a regular file; not opened"


def _read_stdin(stdin: TextIO | None) -> tuple[list[Article], list[Skipped]]:
    """Standard input, at most MAX_BYTES, read as bytes when it has them (so that its encoding is
    briefing's business, not the terminal's)."""
    stream = stdin or sys.stdin
    raw = getattr(stream, "buffer", None)
    if raw is not None:
        data = raw.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError("-", f"too large (over {MAX_BYTES // 2**20} MB, the limit)")
        text = _decode(data, "-", html=b"<" in data[:1000])
    else:
        text = stream.read(MAX_BYTES + 1)
        if len(text) > MAX_BYTES:
            raise InputError("-", f"too large (over {MAX_BYTES // 2**20} MB, the limit)")
    return _articles_from_text(text, "-", kind=None)


# --- One file ------------------------------------------------------------------------------------


def read_file(path: Path) -> list[Article]:
    """The articles of one file; raises InputError with the reason when it can't be read.

    Bad records of a JSON Lines file are left out with a warning as long as one record is good.
    """
    articles, skipped = _read_path(Path(path))
    for item in skipped:
        log.warning("skipped %s: %s", item.origin, item.reason)
    return [normalise.article(a) for a in articles]


def _read_path(path: Path) -> tuple[list[Article], list[Skipped]]:
    origin = str(path)
    data = _read_capped(path, origin)
    suffix = path.suffix.lower()
    text = _decode(data, origin, html=suffix in HTML_TYPES)
    kind = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}.get(suffix)
    if suffix == ".json":
        kind = "json"
    elif suffix == ".jsonl":
        kind = "jsonl"
    return _articles_from_text(text, origin, kind=kind)


def _read_capped(path: Path, origin: str) -> bytes:
    """The bytes of a regular file, never more than MAX_BYTES; devices, FIFOs and sockets are
    refused before they are opened (and checked again on the open file, against a swap)."""
    try:
        info = path.stat()
    except OSError as error:
        raise InputError(origin, _os_reason(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(origin, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(origin, _not_regular(info.st_mode))
    if info.st_size > MAX_BYTES:
        raise InputError(origin, _too_large(info.st_size))
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise InputError(origin, _os_reason(error)) from None
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise InputError(origin, _not_regular(opened.st_mode))
        try:
            data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise InputError(origin, _os_reason(error)) from None
    if len(data) > MAX_BYTES:
        raise InputError(origin, _too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    shown = f"{size / 1e6:.1f} MB" if size <= MAX_BYTES + 1 else f"over {MAX_BYTES // 2**20} MB"
    return f"too large ({shown}; the limit is {MAX_BYTES // 2**20} MB)"


def _os_reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _decode(data: bytes, origin: str, *, html: bool = False) -> str:
    """Bytes to text: UTF-8 (BOM or not) or UTF-16 with a BOM; a web page may declare a charset."""
    if not data.strip():
        raise InputError(origin, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(origin, "undecodable UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise InputError(origin, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if html:
            declared = re.search(rb"""charset=["']?([A-Za-z0-9_-]+)""", data[:4096])
            codec = text_codec(declared.group(1).decode("ascii")) if declared else None
            if codec:
                try:
                    return data.decode(codec)
                except (UnicodeError, ValueError):
                    pass
            # What browsers do with a page that is not UTF-8 and declares nothing usable.
            return data.decode("cp1252", errors="replace")
        raise InputError(
            origin, f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


def text_codec(name: str) -> str | None:
    """The codec a declared charset names, or None when it is no text encoding (`undefined`,
    `base64`, `rot13` and unknown names are refused rather than trusted)."""
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        return None
    return info.name


def _articles_from_text(
    text: str, origin: str, *, kind: str | None
) -> tuple[list[Article], list[Skipped]]:
    """Articles from decoded text of the given kind (None: guess by looking at it)."""
    if not text.strip():
        raise InputError(origin, "empty file" if origin != "-" else "empty input")
    kind = kind or _guess_kind(text)
    if kind == "html":
        return [article_from_html(text, origin)], []
    if kind == "json":
        return _articles_from_json(text, origin)
    if kind == "jsonl":
        return _articles_from_jsonl(text, origin)
    return [_article_from_plain(text, origin, markdown=kind == "markdown")], []


def _guess_kind(text: str) -> str:
    head = text.lstrip()[:1000]
    lower = head.lower()
    if lower.startswith(("<!doctype html", "<html")) or re.search(r"<(html|body|article)\b", lower):
        return "html"
    if head.startswith("{"):
        first = head.splitlines()[0]
        try:
            json.loads(first)
        except ValueError:
            return "json"
        return "jsonl"
    if head.startswith("["):
        return "json"
    if head.startswith("#"):
        return "markdown"
    return "text"


# --- Plain text and markdown ---------------------------------------------------------------------

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _article_from_plain(text: str, origin: str, *, markdown: bool = False) -> Article:
    if markdown:
        text = _MD_HEADING.sub(r"\1", text)
        text = _MD_IMAGE.sub("", text)
        text = _MD_LINK.sub(r"\1", text)
    title, body = split_title(text)
    if not body.strip():
        raise InputError(origin, "no article text (only a title)")
    return Article(text=body, origin=origin, title=title)


# A breadcrumb or section path above the headline: "English >> World", "Home > News > World",
# "News | World", "World / Europe" (capitalised words only: "Bonds rally / Stocks slip" is news).
_CRUMB = r"[^\W\d_a-z][\w.'’-]*(?:\s+(?:&\s+|and\s+)?[^\W\d_a-z][\w.'’-]*)?"
BREADCRUMB = re.compile(
    rf"(?:{_CRUMB}\s*(?:>>|>|»|›)\s*)+{_CRUMB}|{_CRUMB}(?:\s+[|/]\s+{_CRUMB})+"
)
# A photo credit ending a caption line: "... slippers. (Photo: Ann Roe, Invision/AP)",
# "(AP Photo/Jo Lane)", "(Getty Images)", "... the gate. Photo: Ann Roe/Reuters".
_PHOTO_CREDIT_END = re.compile(
    r"""(?x)(?:
      \((?:[^()]{0,40}\s)?(?i:photo|image|picture)s?\s*(?::|/|\s(?:by|courtesy|credit)\b)[^()]{0,100}\)
    | \((?:[^()]{0,60}[/,]\s*)?(?:Getty\s+Images|Shutterstock|Alamy|Invision/AP)[^()]{0,40}\)
    | \S\s+(?i:photo|image|picture)s?\s*:\s*[^.!?:()]{1,80}
    )\s*$"""
)
_LEAD_FURNITURE_LINES = 3  # how many breadcrumbs and captions may stand above the headline


def is_caption_line(line: str) -> bool:
    """A line as short as a headline that ends in a photo credit: a caption, never the title."""
    return (
        len(line) <= TITLE_MAX_CHARS
        and len(line.split()) <= TITLE_MAX_WORDS
        and _PHOTO_CREDIT_END.search(line) is not None
    )


def split_title(text: str) -> tuple[str, str]:
    """(title, rest) when the first line reads like a headline, else ("", text).

    A headline is short and does not end like a sentence (no final . ! ? : ; ,). A breadcrumb
    ("Home > News > World") or a photo caption ending in its credit above it is dropped: the
    line below is the one looked at.
    """
    stripped = text.lstrip("\ufeff").strip("\n\r\t ")
    for _ in range(_LEAD_FURNITURE_LINES):
        first, _, rest = stripped.partition("\n")
        first = first.strip()
        if not rest.strip() or not (
            BREADCRUMB.fullmatch(first) or is_caption_line(first)
        ):
            break
        stripped = rest.strip("\n\r\t ")
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if (
        rest.strip()
        and first
        and len(first) <= TITLE_MAX_CHARS
        and len(first.split()) <= TITLE_MAX_WORDS
        and first[-1] not in ".!?:;,\"”’'…"
    ):
        return first, rest
    return "", stripped


# --- HTML ----------------------------------------------------------------------------------------


def article_from_html(html: str, origin: str, url: str = "") -> Article:
    """An article from a web page: main text, title, author and date through trafilatura."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            html,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except RecursionError:
        raise InputError(origin, "the page is nested too deeply to read") from None
    except Exception as error:  # noqa: BLE001 - lxml asserts on some broken markup
        log.debug("extracting %s failed", origin, exc_info=True)
        raise InputError(origin, f"the page could not be parsed ({_describe(error)})") from None
    if found is None:
        raise InputError(origin, "no article text found in the page")
    meta: Mapping[str, Any] = found if isinstance(found, dict) else found.as_dict()
    text = str(meta.get("text") or "").strip()
    if not text:
        raise InputError(origin, "no article text found in the page")
    return Article(
        text=text,
        origin=origin,
        title=_string(meta.get("title")),
        source=_string(meta.get("sitename") or meta.get("hostname")),
        url=url or _string(meta.get("url")),
        published=parse_date(meta.get("date")),
        author=_string(meta.get("author")),
    )


# --- JSON ----------------------------------------------------------------------------------------


def _articles_from_json(text: str, origin: str) -> tuple[list[Article], list[Skipped]]:
    data = _parse_json(text, origin, where="at line")
    records = _records(data)
    if records is None:
        raise InputError(origin, "JSON is not an article object or a list of them")
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for i, record in enumerate(records):
        where = origin if len(records) == 1 else f"{origin}#{i + 1}"
        _collect(record, where, articles, skipped)
    if not articles:
        reason = skipped[0].reason if skipped else "no articles in the JSON"
        raise InputError(origin, reason)
    return articles, skipped


def _articles_from_jsonl(text: str, origin: str) -> tuple[list[Article], list[Skipped]]:
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            data = _parse_json(line, where, where=f"on line {number}")
        except InputError as error:
            skipped.append(Skipped(where, error.reason))
            continue
        records = _records(data)
        if records is None:
            skipped.append(Skipped(where, f"line {number} is not an article object"))
            continue
        for i, record in enumerate(records):
            _collect(record, where if len(records) == 1 else f"{where}#{i + 1}", articles, skipped)
    if not articles:
        if not skipped:
            raise InputError(origin, "no articles in the file")
        if len(skipped) == 1:
            raise InputError(origin, skipped[0].reason)
        raise InputError(origin, f"no readable article ({len(skipped)} bad lines; first: "
                         f"{skipped[0].reason})")
    return articles, skipped


def _parse_json(text: str, origin: str, *, where: str) -> Any:
    """Parsed JSON; InputError for JSON that is malformed, nested too deeply or holds a number
    too long to convert (CPython refuses integers of more than 4,300 digits)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        line = f" {error.lineno}" if where == "at line" else ""
        raise InputError(origin, f"malformed JSON {where}{line}: {error.msg}") from None
    except RecursionError:
        raise InputError(origin, "JSON nested too deeply to read") from None
    except ValueError as error:  # "Exceeds the limit (4300 digits) for integer string ..."
        if "digits" in str(error):
            raise InputError(origin, "a number in the JSON is too long to read") from None
        raise InputError(origin, f"unreadable JSON: {normalise.line(str(error))[:120]}") from None


def _records(data: Any) -> list[Any] | None:
    """The article records of parsed JSON: an object, a list, or {"articles": [...]}."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        inner = data.get("articles")
        if isinstance(inner, list) and not _first(data, FIELDS["text"]):
            return inner
        return [data]
    return None


def _collect(record: Any, origin: str, articles: list[Article], skipped: list[Skipped]) -> None:
    """One record of a JSON file, in a guard of its own: a bad record never costs its file."""
    try:
        articles.append(article_from_record(record, origin))
    except InputError as error:
        skipped.append(Skipped(error.origin, error.reason))
    except RecursionError:
        skipped.append(Skipped(origin, "nested too deeply to read"))
    except Exception as error:  # noqa: BLE001
        log.debug("record %s failed", origin, exc_info=True)
        skipped.append(Skipped(origin, f"can't be read ({_describe(error)})"))


def article_from_record(record: Any, origin: str) -> Article:
    """An article from one JSON object (or a bare string of text)."""
    if isinstance(record, str):
        record = {"text": record}
    if not isinstance(record, dict):
        raise InputError(origin, "not an article object")
    text = _string(_first(record, FIELDS["text"]))
    if not text.strip():
        raise InputError(origin, "no text field (expected one of: text, body, content)")
    return Article(
        text=text,
        origin=origin,
        title=_string(_first(record, FIELDS["title"])),
        source=_string(_first(record, FIELDS["source"])),
        url=_string(_first(record, FIELDS["url"])),
        published=parse_date(_first(record, FIELDS["published"])),
        author=_string(_first(record, FIELDS["author"])),
    )


def _first(record: Mapping[str, Any], names: Sequence[str]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _string(value: Any) -> str:
    """A field as one line of text: lists are joined, {"name": ...} objects give their name."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return _string(value.get("name") or value.get("title") or "")
    if isinstance(value, list):
        return ", ".join(s for s in (_string(v) for v in value) if s)
    return str(value).strip()


def parse_date(value: Any) -> dt.datetime | None:
    """ISO 8601, RFC 2822 or a Unix timestamp as a datetime (aware when the input says a zone).

    Anything that is not a usable date (a 400-digit number, "0000-00-00", a list) is None: a
    bad date costs the article its date, never the article.
    """
    try:
        return _parse_date(value)
    except Exception:  # noqa: BLE001 - dateutil and friends raise more than they document
        return None


def _parse_date(value: Any) -> dt.datetime | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")) or abs(value) > 1e14:
            return None
        seconds = value / 1000 if value > 1e11 else value
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    from dateutil import parser

    return parser.parse(text)

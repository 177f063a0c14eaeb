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

import datetime as dt
import email.utils
import json
import logging
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from briefing.domain import Article, Skipped
from briefing.errors import InputError

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024

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
    """Every article under `paths` (folders recursively, `-` = stdin), and what was skipped."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for name in paths:
        if name == "-":
            try:
                text = (stdin or sys.stdin).read()
                found, bad = _articles_from_text(text, "-", kind=None)
            except InputError as error:
                skipped.append(Skipped(error.origin, error.reason))
            else:
                articles.extend(found)
                skipped.extend(bad)
            continue
        path = Path(name)
        if path.is_dir():
            files: Iterator[Path] = _files_under(path)
        elif path.exists():
            files = iter([path])
        else:
            skipped.append(Skipped(name, "no such file or folder"))
            continue
        for file in files:
            try:
                found, bad = _read_path(file)
            except InputError as error:
                skipped.append(Skipped(error.origin, error.reason))
            else:
                articles.extend(found)
                skipped.extend(bad)
    for item in skipped:
        log.warning("skipped %s: %s", item.origin, item.reason)
    return articles, skipped


def _files_under(folder: Path) -> Iterator[Path]:
    """Files of a known type below `folder`, sorted, without hidden files or folders."""
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _files_under(entry)
        elif entry.is_file() and entry.suffix.lower() in KNOWN_TYPES:
            yield entry


# --- One file ------------------------------------------------------------------------------------


def read_file(path: Path) -> list[Article]:
    """The articles of one file; raises InputError with the reason when it can't be read.

    Bad records of a JSON Lines file are left out with a warning as long as one record is good.
    """
    articles, skipped = _read_path(Path(path))
    for item in skipped:
        log.warning("skipped %s: %s", item.origin, item.reason)
    return articles


def _read_path(path: Path) -> tuple[list[Article], list[Skipped]]:
    origin = str(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(origin, _os_reason(error)) from None
    if path.is_dir():
        raise InputError(origin, "is a folder, not a file")
    if size > MAX_BYTES:
        raise InputError(
            origin, f"too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MB)"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(origin, _os_reason(error)) from None
    suffix = path.suffix.lower()
    text = _decode(data, origin, html=suffix in HTML_TYPES)
    kind = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}.get(suffix)
    if suffix == ".json":
        kind = "json"
    elif suffix == ".jsonl":
        kind = "jsonl"
    return _articles_from_text(text, origin, kind=kind)


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
            if declared:
                try:
                    return data.decode(declared.group(1).decode("ascii"))
                except (LookupError, UnicodeDecodeError):
                    pass
        raise InputError(
            origin, f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


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


def split_title(text: str) -> tuple[str, str]:
    """(title, rest) when the first line reads like a headline, else ("", text).

    A headline is short and does not end like a sentence (no final . ! ? : ; ,).
    """
    stripped = text.lstrip("\ufeff").strip("\n\r\t ")
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

    found = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
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
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(origin, f"malformed JSON at line {error.lineno}: {error.msg}") from None
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
            data = json.loads(line)
        except json.JSONDecodeError as error:
            skipped.append(Skipped(where, f"malformed JSON on line {number}: {error.msg}"))
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
    try:
        articles.append(article_from_record(record, origin))
    except InputError as error:
        skipped.append(Skipped(error.origin, error.reason))


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
    """ISO 8601, RFC 2822 or a Unix timestamp as a datetime (aware when the input says a zone)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    from dateutil import parser

    try:
        return parser.parse(text)
    except (ValueError, OverflowError):
        return None

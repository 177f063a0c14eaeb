"""Articles from the daily job's sources: RSS/Atom feeds, folders and single web pages.

    Fetcher(settings).get(url) -> Page          one polite HTTP GET
    read_source(source, fetcher, is_seen) -> (articles, skipped)

Fetching is careful because it runs unattended: only http and https (redirects included), a
timeout for the whole request, a size cap (also on gzip-compressed bodies), retries with
exponential backoff on timeouts, connection errors, HTTP 429 and 5xx, and a real User-Agent.
A source that fails as a whole raises SourceError with a one-line reason; one bad item of a feed
only becomes a `Skipped`.

Feed items that carry only a teaser are completed from their web page through
`ingest.article_from_html`; items already seen are not fetched again.
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.message
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from http.client import HTTPException
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import feedparser

from briefing import ingest
from briefing.config import FetchSettings, Source
from briefing.domain import Article, Skipped
from briefing.errors import BriefingError, SourceError

log = logging.getLogger(__name__)

TEASER_WORDS = 120  # an item with fewer words of text is completed from its page
_TEASER_ENDS = ("…", "...", "[…]", "[...]", "read more", "continue reading", "more »")
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
_MAX_RETRY_AFTER = 30.0
_CHUNK = 64 * 1024


def user_agent() -> str:
    try:
        v = version("briefing")
    except PackageNotFoundError:
        v = "dev"
    return f"briefing/{v} (+daily news brief; python-urllib)"


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    body: bytes
    content_type: str  # "text/html", "application/rss+xml", ...
    charset: str | None
    headers: dict[str, str]

    def text(self) -> str:
        return self.body.decode(self.charset or "utf-8", errors="replace")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http and https (urllib would also follow ftp://)."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        scheme = urllib.parse.urlsplit(newurl).scheme
        if scheme not in ("http", "https"):
            raise SourceError(req.full_url, f"redirected to a {scheme}:// address, refused")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    """HTTP GET with the job's timeouts, size cap, retries and User-Agent (stdlib urllib)."""

    def __init__(self, settings: FetchSettings | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings or FetchSettings()
        self.user_agent = self.settings.user_agent or user_agent()
        self._sleep = sleep
        self._opener = urllib.request.build_opener(_HttpOnlyRedirects())

    def get(self, url: str, accept: str = "*/*") -> Page:
        """The page at `url`; SourceError with a one-line reason when it can't be had."""
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme not in ("http", "https"):
            raise SourceError(url, f"only http:// and https:// can be fetched, not {scheme!r}")
        url = _ascii_url(url)
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            try:
                return self._get_once(url, accept)
            except _Retryable as exc:
                if attempt + 1 == attempts:
                    raise SourceError(url, f"{exc.reason} (tried {attempts} times)") from None
                wait = self.settings.backoff * 2**attempt
                if exc.retry_after is not None:
                    wait = max(wait, min(exc.retry_after, _MAX_RETRY_AFTER))
                log.info("%s: %s; retrying in %.1fs", url, exc.reason, wait)
                self._sleep(wait)
        raise AssertionError("unreachable")

    def _get_once(self, url: str, accept: str) -> Page:
        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent,
            "Accept": accept,
            "Accept-Encoding": "gzip, deflate",
        })
        timeout = self.settings.timeout
        deadline = time.monotonic() + timeout
        try:
            with self._opener.open(request, timeout=timeout) as response:
                headers: email.message.Message = response.headers
                length = headers.get("Content-Length", "")
                if length.isdigit() and int(length) > self.settings.max_bytes:
                    raise SourceError(url, f"too large ({_size(int(length))}, the limit is "
                                           f"{_size(self.settings.max_bytes)})")
                raw = self._read(response, url, deadline, self.settings.max_bytes)
                body = _decode(raw, headers.get("Content-Encoding", ""), url,
                               self.settings.max_bytes)
                return Page(
                    url=response.geturl(),
                    body=body,
                    content_type=headers.get_content_type(),
                    charset=headers.get_content_charset(),
                    headers={k.lower(): v for k, v in headers.items()},
                )
        except urllib.error.HTTPError as exc:
            exc.close()
            reason = f"HTTP {exc.code} {exc.reason}".strip()
            if exc.code in _RETRY_STATUS:
                raise _Retryable(reason, _retry_after(exc.headers.get("Retry-After"))) from None
            raise SourceError(url, reason) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise _Retryable(f"timed out after {timeout:g}s") from None
            raise _Retryable(f"can't connect: {exc.reason}") from None
        except TimeoutError:
            raise _Retryable(f"timed out after {timeout:g}s") from None
        except (ConnectionError, HTTPException) as exc:
            raise _Retryable(f"connection broken: {exc or type(exc).__name__}") from None

    def _read(self, response: Any, url: str, deadline: float, cap: int) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(_CHUNK):
            size += len(chunk)
            if size > cap:
                raise SourceError(url, f"too large (over {_size(cap)}, the limit)")
            if time.monotonic() > deadline:
                raise _Retryable(f"timed out after {self.settings.timeout:g}s")
            chunks.append(chunk)
        return b"".join(chunks)


def _ascii_url(url: str) -> str:
    """`url` as HTTP needs it: an IDNA host, non-ASCII path and query percent-encoded."""
    if url.isascii():
        return url
    try:
        parts = urllib.parse.urlsplit(url)
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        raise SourceError(url, "not a valid web address") from None
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    keep = "/?#[]@!$&'()*+,;=%~:"
    return urllib.parse.urlunsplit((
        parts.scheme, netloc, urllib.parse.quote(parts.path, safe=keep),
        urllib.parse.quote(parts.query, safe=keep), urllib.parse.quote(parts.fragment, safe=keep),
    ))


class _Retryable(Exception):
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


def _decode(raw: bytes, encoding: str, url: str, cap: int) -> bytes:
    """The body without its Content-Encoding, never more than `cap` bytes (no zip bombs)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise SourceError(url, f"unsupported Content-Encoding {encoding!r}")
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        body = inflater.decompress(raw, cap + 1)
    except zlib.error:
        raise SourceError(url, f"garbled {encoding} body") from None
    if len(body) > cap:
        raise SourceError(url, f"too large once decompressed (over {_size(cap)}, the limit)")
    return body


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB"


# --- Sources -------------------------------------------------------------------------------------

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
FEED_SUFFIXES = (".rss", ".atom", ".xml")  # files `briefing brief` reads as feeds
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def read_source(
    source: Source,
    fetcher: Fetcher,
    is_seen: Callable[[str], bool] = lambda key: False,
    *,
    since: dt.datetime | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """The articles of one source that are not seen yet (by URL), and the items skipped.

    Raises SourceError when the source as a whole fails (unreachable, not a feed).
    """
    if source.kind == "feed":
        return read_feed(source, fetcher, is_seen, since=since)
    if source.kind == "folder":
        return _read_folder(source, is_seen)
    if source.kind == "url":
        if is_seen(source.location):
            return [], []
        return [fetch_article(source.location, fetcher)], []
    raise SourceError(source.label, f"unknown kind of source {source.kind!r}")


def is_location(path: str) -> bool:
    """Whether an input of `briefing brief` is a web address or a feed file, not an article file."""
    return path.startswith(("http://", "https://")) or path.lower().endswith(FEED_SUFFIXES)


def read_location(
    location: str, fetcher: Fetcher | None = None
) -> tuple[list[Article], list[Skipped]]:
    """What `briefing brief URL` means: the feed's items when the address (or file) is an RSS
    or Atom feed, else the article on the web page. A failure is one `Skipped` line."""
    fetcher = fetcher or Fetcher()
    try:
        if not location.startswith(("http://", "https://")):
            return read_feed(Source("feed", location), fetcher)
        page = fetcher.get(location, accept=f"{FEED_ACCEPT}, {PAGE_ACCEPT}")
        if page.content_type in PAGE_TYPES:
            return [_page_article(page, location)], []
        return feed_articles(page.body, Source("feed", location), fetcher, headers=page.headers)
    except BriefingError as exc:
        reason = getattr(exc, "reason", str(exc))
        return [], [Skipped(location, reason)]


def read_feed(
    source: Source,
    fetcher: Fetcher,
    is_seen: Callable[[str], bool] = lambda key: False,
    *,
    since: dt.datetime | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """The new items of an RSS or Atom feed (a URL or a file), teasers completed from pages."""
    if source.is_remote:
        page = fetcher.get(source.location, accept=FEED_ACCEPT)
        data, headers = page.body, page.headers
    else:
        try:
            data, headers = Path(source.location).read_bytes(), {}
        except OSError as exc:
            raise SourceError(source.label, f"can't read the feed file: {exc.strerror}") from None
    return feed_articles(data, source, fetcher, is_seen, since=since, headers=headers)


def feed_articles(
    data: bytes,
    source: Source,
    fetcher: Fetcher | None = None,
    is_seen: Callable[[str], bool] = lambda key: False,
    *,
    since: dt.datetime | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Articles from the bytes of a feed (`fetcher=None`: never fetch pages for teasers).

    Raises SourceError when `data` is not an RSS or Atom feed at all.
    """
    try:
        parsed = feedparser.parse(data, response_headers=headers or {})
    except Exception as exc:  # noqa: BLE001 - feedparser trips over some damaged prologs
        detail = _one_line(f"{type(exc).__name__}: {exc}")[:120]
        raise SourceError(source.label, f"not an RSS or Atom feed ({detail})") from None
    _check_feed(parsed, source)
    outlet = source.name or _one_line(str(parsed.get("feed", {}).get("title", ""))) or _host(
        source.location)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for n, entry in enumerate(parsed.get("entries", [])):
        link = _entry_link(entry, source)
        key = link or f"{source.location}#{entry.get('id') or n}"
        if is_seen(key):
            continue
        published = _entry_date(entry)
        if since and published and published < since:
            continue
        title = _one_line(str(entry.get("title", "")))
        text = _entry_text(entry)
        article = Article(text=text, origin=key, title=title, source=outlet, url=link,
                          published=published, author=_one_line(str(entry.get("author", ""))))
        if is_teaser(text) and link and fetcher is not None:
            try:
                article = _completed(article, fetch_article(link, fetcher))
            except BriefingError as exc:
                if not text:
                    skipped.append(Skipped(key, f"no text in the feed and the page failed: {exc}"))
                    continue
                log.info("%s: keeping the feed's teaser, the page failed: %s", key, exc)
        if not article.text.strip():
            skipped.append(Skipped(key, "the feed item has no text"))
            continue
        articles.append(article)
    return articles, skipped


def _check_feed(parsed: Any, source: Source) -> None:
    if parsed.get("entries"):
        return
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        detail = f" ({_one_line(str(problem))})" if problem else ""
        raise SourceError(source.label, f"not an RSS or Atom feed{detail}")


def fetch_article(url: str, fetcher: Fetcher) -> Article:
    """The article on the web page at `url` (main text, title, date through trafilatura)."""
    return _page_article(fetcher.get(url, accept=PAGE_ACCEPT), url)


def _page_article(page: Page, url: str) -> Article:
    if page.content_type not in PAGE_TYPES:
        raise SourceError(url, f"not a web page ({page.content_type})")
    if page.content_type == "text/plain":
        return Article(text=page.text(), origin=url, url=url, source=_host(url))
    article = ingest.article_from_html(page.text(), url, url)
    if not article.source:
        article = replace(article, source=_host(url))
    return article


def is_teaser(text: str) -> bool:
    """Whether a feed item's text is only the start of the article."""
    words = text.split()
    if len(words) < TEASER_WORDS:
        return True
    return text.rstrip().lower().endswith(_TEASER_ENDS)


def _completed(teaser: Article, page: Article) -> Article:
    """The page's text with the feed's title, date and outlet where the page lacks them."""
    if len(page.text.split()) <= len(teaser.text.split()):
        return teaser
    return Article(
        text=page.text,
        origin=teaser.origin,
        title=teaser.title or page.title,
        source=teaser.source or page.source,
        url=teaser.url,
        published=teaser.published or page.published,
        author=teaser.author or page.author,
    )


def _read_folder(source: Source, is_seen: Callable[[str], bool]) -> tuple[list[Article],
                                                                         list[Skipped]]:
    if not Path(source.location).is_dir():
        raise SourceError(source.label, "no such folder")
    articles, skipped = ingest.read_inputs([source.location])
    return [a for a in articles if not is_seen(a.url or a.origin)], skipped


def _entry_link(entry: Any, source: Source) -> str:
    link = str(entry.get("link", "") or "").strip()
    if not link:
        return ""
    base = source.location if source.is_remote else ""
    if any(ord(c) <= 32 or ord(c) == 127 for c in link):  # a damaged feed, not an address
        return ""
    try:
        link = urllib.parse.urljoin(base, link)
        parts = urllib.parse.urlsplit(link)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    return link if ok else ""


def _entry_text(entry: Any) -> str:
    """The fullest text the entry carries, as plain text (feed HTML is converted)."""
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content", []) or []:
        candidates.append((str(content.get("value", "")), str(content.get("type", ""))))
    detail = entry.get("summary_detail") or {}
    candidates.append((str(entry.get("summary", "")), str(detail.get("type", "text/html"))))
    best = ""
    for value, kind in candidates:
        text = _plain(value) if "html" in kind or "<" in value else value
        text = text.strip()
        if len(text) > len(best):
            best = text
    return best


def _plain(html: str) -> str:
    import trafilatura

    if not html.strip():
        return ""
    if "<body" not in html.lower():  # html2txt reads documents, not fragments
        html = f"<html><body>{html}</body></html>"
    return trafilatura.html2txt(html) or ""


def _entry_date(entry: Any) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)  # not entry.get: feedparser warns when it maps the keys
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.timezone.utc)
            except (OverflowError, ValueError, TypeError, OSError):
                continue
    return None


def _host(location: str) -> str:
    host = urllib.parse.urlsplit(location).hostname or ""
    return host.removeprefix("www.")


def _one_line(text: str) -> str:
    return " ".join(text.split())



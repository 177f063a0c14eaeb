"""Articles from the daily job's sources: RSS/Atom feeds, folders and single web pages.

    Fetcher(settings).get(url) -> Page          one polite HTTP GET
    fetcher.start_run()                         from now on, all fetching ends by settings.deadline
    read_source(source, fetcher, is_seen) -> (articles, skipped)
    read_source(..., conditional=Conditional(known))   only if changed since `known` (ETag, date)

Fetching is careful because it runs unattended: only http and https (redirects included), a
deadline for each whole attempt (connecting, headers and body: a server that drips one byte at a
time is cut off too), a deadline for all fetching of a run, a size cap (also on gzip-compressed
bodies), retries with exponential backoff on timeouts, connection errors, HTTP 429 and 5xx, and a
real User-Agent, and at most PER_HOST requests to one host at a time (across all the threads
that share the fetcher). Each attempt runs on a daemon thread that the caller stops waiting for
at its deadline; the abandoned attempt's socket is shut down so that it ends at once.

A source that fails as a whole raises SourceError with a one-line reason; one bad item of a feed,
whatever goes wrong with it, only becomes a `Skipped`. Every reason is one line without control
characters, and every article passes through `normalise.article`.

Feed items that carry only a teaser are completed from their web page through
`ingest.article_from_html`, a few pages at a time (at most PER_HOST from one host) and within the
run's deadline; an item whose page fails keeps its teaser. Items already seen are not fetched again.

A feed fetched with `Conditional(known)` sends the validators of its last fetch (If-None-Match,
If-Modified-Since), but only to the very address that gave them (not after a redirect elsewhere):
a 304 Not Modified answer is an unchanged feed, no items and no failure.
"""

from __future__ import annotations

import calendar
import codecs
import concurrent.futures
import contextlib
import datetime as dt
import email.message
import http.client
import logging
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import feedparser

from briefing import ingest, normalise
from briefing.domain import Article, Skipped
from briefing.errors import BriefingError, InputError, SourceError
from briefing.job.config import FetchSettings, Source

log = logging.getLogger(__name__)

TEASER_WORDS = 120  # an item with fewer words of text is completed from its page
PAGE_WORKERS = 4  # teaser pages of one feed fetched at the same time
PER_HOST = 2  # ... of which at most this many from one host
WRAP_UP = 2.0  # seconds a reader has after the run's fetching deadline to finish what it fetched
_TEASER_ENDS = ("…", "...", "[…]", "[...]", "read more", "continue reading", "more »")
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
_MAX_RETRY_AFTER = 30.0
_CHUNK = 64 * 1024
_DEADLINE_SLACK = 0.25  # seconds: a timeout this close to the run's deadline is the deadline
_REASON_CHARS = 300  # a reason longer than this (a server's whole error page) is cut


def user_agent() -> str:
    try:
        v = version("briefing")
    except PackageNotFoundError:
        v = "dev"
    return f"briefing/{v} (+daily news brief; python-urllib)"


def failure_reason(exc: BaseException) -> str:
    """Why something failed, as one short line for the user (no control characters)."""
    if isinstance(exc, (SourceError, InputError)):
        text = exc.reason
    elif isinstance(exc, BriefingError):
        text = str(exc)
    else:
        text = f"unexpected {type(exc).__name__}: {exc}"
    text = normalise.line(text) or type(exc).__name__
    return text if len(text) <= _REASON_CHARS else text[:_REASON_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    body: bytes
    content_type: str  # "text/html", "application/rss+xml", ...
    charset: str | None
    headers: dict[str, str]
    status: int = 200  # 304: not modified since the validators sent (no body)

    def text(self) -> str:
        """The body as text: the declared charset when it is a text codec, else UTF-8."""
        try:
            return self.body.decode(text_codec(self.charset), errors="replace")
        except (LookupError, UnicodeError, ValueError):  # a codec that fails even so
            return self.body.decode("utf-8", errors="replace")


def text_codec(charset: str | None) -> str:
    """The codec for a declared charset; "utf-8" for none, an unknown name, a codec that is not
    for text (`charset=base64`, `rot13`) or one that decodes nothing (`charset=undefined`)."""
    return _usable_codec(charset) or "utf-8"


def _usable_codec(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        info = codecs.lookup(charset.strip())
        if not getattr(info, "_is_text_encoding", True):
            return None
        info.decode(b"")
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None
    return info.name


@dataclass(frozen=True)
class Validators:
    """What a server said identifies the version of a feed it sent: its ETag and Last-Modified
    headers, and the address (after redirects) that sent them; they are only sent back there."""

    url: str
    etag: str = ""
    last_modified: str = ""

    @classmethod
    def of(cls, page: Page) -> Validators | None:
        etag = normalise.line(page.headers.get("etag", ""))
        modified = normalise.line(page.headers.get("last-modified", ""))
        return cls(page.url, etag, modified) if etag or modified else None

    def headers(self) -> dict[str, str]:
        found = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in found.items() if value}


@dataclass
class Conditional:
    """A conditional request for one feed: the validators of its last fetch going in (None: an
    ordinary request), and what the server said coming out."""

    known: Validators | None = None
    unchanged: bool = False  # the server answered 304 Not Modified
    fresh: Validators | None = None  # the validators to send next time (None: none given)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http and https (urllib would also follow ftp://); a conditional
    request's validators go only to the address that gave them."""

    def __init__(self, validators: Validators | None = None) -> None:
        super().__init__()
        self.validators = validators

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        scheme = urllib.parse.urlsplit(newurl).scheme
        if scheme not in ("http", "https"):
            raise SourceError(req.full_url, f"redirected to a {scheme}:// address, refused")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and self.validators is not None:
            for name, value in self.validators.headers().items():
                new.remove_header(name.capitalize())
                if new.full_url == self.validators.url:
                    new.add_header(name, value)
        return new


class Fetcher:
    """HTTP GET with the job's deadlines, size cap, retries and User-Agent (stdlib urllib).

    `deadline` (a `time.monotonic()` value, or `start_run()`) ends all fetching of a run: each
    attempt gets the smaller of `settings.timeout` and what is left of the run, and a request
    made after it fails at once. Without one, only the per-attempt timeout holds.
    """

    def __init__(self, settings: FetchSettings | None = None,
                 sleep: Callable[[float], None] = time.sleep, *,
                 deadline: float | None = None, per_host: int = PER_HOST) -> None:
        self.settings = settings or FetchSettings()
        self.per_host = per_host
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._hosts_lock = threading.Lock()
        self.user_agent = self.settings.user_agent or user_agent()
        self._sleep = sleep
        self.deadline = deadline
        self.run_seconds = self.settings.deadline if deadline is None else max(
            0.0, deadline - time.monotonic())

    def start_run(self, seconds: float | None = None) -> float:
        """Begin a run: all fetching ends `seconds` (settings.deadline) from now. Returns the
        deadline as a `time.monotonic()` value."""
        self.run_seconds = self.settings.deadline if seconds is None else seconds
        self.deadline = time.monotonic() + self.run_seconds
        return self.deadline

    def time_left(self) -> float | None:
        """Seconds left of the run's fetching (never below 0); None when no run was started."""
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - time.monotonic())

    @property
    def run_over(self) -> str:
        return f"the run's {_seconds(self.run_seconds)} s deadline for fetching has passed"

    def get(self, url: str, accept: str = "*/*", validators: Validators | None = None) -> Page:
        """The page at `url`; SourceError with a one-line reason when it can't be had. With
        `validators`, a page with status 304 (and no body) when it has not changed since."""
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme not in ("http", "https"):
            raise SourceError(url, unsupported_scheme(url) or "not an http(s) address")
        url = _ascii_url(url)
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            try:
                with self._host_turn(url):
                    return self._get_once(url, accept, validators)
            except _Retryable as exc:
                if attempt + 1 == attempts:
                    raise SourceError(url, f"{exc.reason} (tried {attempts} times)") from None
                wait = self.settings.backoff * 2**attempt
                if exc.retry_after is not None:
                    wait = max(wait, min(exc.retry_after, _MAX_RETRY_AFTER))
                left = self.time_left()
                if left is not None and wait >= left:
                    raise SourceError(url, f"{exc.reason} (tried {attempt + 1} times; no time "
                                           f"left to retry: {self.run_over})") from None
                log.info("%s: %s; retrying in %.1fs", url, exc.reason, wait)
                self._sleep(wait)
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def _host_turn(self, url: str) -> Iterator[None]:
        """Wait (until the run's deadline at most) for one of the host's PER_HOST places."""
        host = urllib.parse.urlsplit(url).netloc.lower()
        with self._hosts_lock:
            gate = self._hosts.setdefault(host, threading.BoundedSemaphore(self.per_host))
        if not gate.acquire(timeout=self.time_left()):
            raise SourceError(url, self.run_over)
        try:
            yield
        finally:
            gate.release()

    def _get_once(self, url: str, accept: str, validators: Validators | None = None) -> Page:
        """One attempt, given up at its deadline however slowly the server answers."""
        left = self.time_left()
        if left is not None and left <= 0:
            raise SourceError(url, self.run_over)
        timeout = self.settings.timeout
        by_run = left is not None and left < timeout  # the run ends before the timeout would
        limit = timeout if left is None else min(timeout, left)
        attempt = _Attempt(limit, f"timed out after {timeout:g}s")
        worker = threading.Thread(target=attempt.run,
                                  args=(partial(self._fetch, validators=validators), url, accept),
                                  name=f"briefing fetch {url[:80]}", daemon=True)
        worker.start()
        try:
            finished = attempt.done.wait(attempt.limit)
        finally:
            if not attempt.done.is_set():  # given up (or interrupted): let the thread go
                attempt.cancel()
        if not finished:
            if by_run:
                raise SourceError(url, self.run_over)
            raise _Retryable(attempt.timed_out)
        try:
            return attempt.outcome()
        except _Retryable:
            # The socket's own timeout (the same limit) may fire a moment before the wait ends:
            # at the run's deadline that is still the run's deadline.
            if by_run and (self.time_left() or 0.0) < _DEADLINE_SLACK:
                raise SourceError(url, self.run_over) from None
            raise

    def _fetch(self, attempt: _Attempt, url: str, accept: str,
               validators: Validators | None = None) -> Page:
        """The attempt's work, on its own thread: urllib errors become one-line reasons."""
        headers = {"User-Agent": self.user_agent, "Accept": accept,
                   "Accept-Encoding": "gzip, deflate"}
        if validators is not None and validators.url == url:
            headers.update(validators.headers())
        request = urllib.request.Request(url, headers=headers)
        opener = urllib.request.build_opener(
            _HttpOnlyRedirects(validators), _WatchedHTTPHandler(attempt),
            _WatchedHTTPSHandler(attempt))
        try:
            with opener.open(request, timeout=attempt.limit) as response:
                attempt.check()
                return self._page(response, url, attempt)
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code == 304 and validators is not None:
                return Page(url=exc.geturl() or url, body=b"", content_type="", charset=None,
                             headers={k.lower(): v for k, v in (exc.headers or {}).items()},
                             status=304)
            reason = normalise.line(f"HTTP {exc.code} {exc.reason}")
            if exc.code in _RETRY_STATUS:
                raise _Retryable(reason, _retry_after(exc.headers.get("Retry-After"))) from None
            raise SourceError(url, reason) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise _Retryable(attempt.timed_out) from None
            raise _Retryable(normalise.line(f"can't connect: {exc.reason}")) from None
        except TimeoutError:
            raise _Retryable(attempt.timed_out) from None
        except (ConnectionError, http.client.HTTPException) as exc:
            raise _Retryable(normalise.line(
                f"connection broken: {exc or type(exc).__name__}")) from None
        except ValueError as exc:  # http.client's InvalidURL, a header it can't encode, ...
            raise SourceError(url, normalise.line(f"can't be fetched: {exc}")) from None

    def _page(self, response: Any, url: str, attempt: _Attempt) -> Page:
        headers: email.message.Message = response.headers
        cap = self.settings.max_bytes
        length = headers.get("Content-Length", "")
        if length.isdigit() and int(length) > cap:
            raise SourceError(url, f"too large ({_size(int(length))}, the limit is {_size(cap)})")
        raw = _read(response, url, attempt, cap)
        return Page(
            url=response.geturl(),
            body=_decode(raw, headers.get("Content-Encoding", ""), url, cap),
            content_type=headers.get_content_type(),
            charset=headers.get_content_charset(),
            headers={k.lower(): v for k, v in headers.items()},
        )


def _read(response: Any, url: str, attempt: _Attempt, cap: int) -> bytes:
    """The body as it arrives (`read1`: whatever is there), the deadline checked after each read."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > cap:
            raise SourceError(url, f"too large (over {_size(cap)}, the limit)")
        attempt.check()
        chunks.append(chunk)
    return b"".join(chunks)


class _Attempt:
    """One try at a URL, run on a daemon thread so that the caller can stop waiting at its deadline.

    `cancel()` shuts down the attempt's sockets, which wakes a read that waits on the server, and
    the thread checks `check()` between reads, so an abandoned attempt ends soon.
    """

    def __init__(self, limit: float, timed_out: str) -> None:
        self.limit = limit
        self.deadline = time.monotonic() + limit
        self.timed_out = timed_out  # the reason when the deadline passes
        self.done = threading.Event()
        self._page: Page | None = None
        self._error: BaseException | None = None
        self._cancelled = False
        self._connections: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()

    def run(self, fetch: Callable[[_Attempt, str, str], Page], url: str, accept: str) -> None:
        try:
            self._page = fetch(self, url, accept)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread, raised there
            self._error = exc
        finally:
            self.done.set()

    def outcome(self) -> Page:
        if self._error is not None:
            raise self._error
        assert self._page is not None
        return self._page

    def watch(self, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            self._connections.append(connection)

    def check(self) -> None:
        """Raise the timeout when the attempt was given up or its deadline has passed."""
        if self._cancelled or time.monotonic() > self.deadline:
            raise _Retryable(self.timed_out)

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            connections = list(self._connections)
        for connection in connections:
            _shut(connection.sock)


def _shut(sock: socket.socket | None) -> None:
    """Shut a socket down from another thread; a read waiting on it returns at once."""
    if sock is None:
        return
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)  # not SSLSocket's: that one unwraps
    except (OSError, ValueError):
        pass


class _WatchedConnection(http.client.HTTPConnection):
    """A connection its attempt can cut; one cut while connecting stops before the request."""

    def __init__(self, *args: Any, attempt: _Attempt, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attempt = attempt
        attempt.watch(self)

    def connect(self) -> None:
        super().connect()
        self.attempt.check()


class _WatchedHTTPSConnection(_WatchedConnection, http.client.HTTPSConnection):
    pass


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, attempt: _Attempt) -> None:
        super().__init__()
        self.attempt = attempt

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_connections(_WatchedConnection, self.attempt), req)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, attempt: _Attempt) -> None:
        super().__init__()
        self.attempt = attempt

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_connections(_WatchedHTTPSConnection, self.attempt), req)


def _connections(kind: type[_WatchedConnection],
                 attempt: _Attempt) -> Callable[..., http.client.HTTPConnection]:
    """What urllib calls to make a connection: one of `kind`, watched by `attempt`."""
    def connection(host: str, /, **options: Any) -> http.client.HTTPConnection:
        return kind(host, attempt=attempt, **options)

    return connection


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


def _seconds(value: float) -> str:
    return f"{round(value, 1):g}"


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
    conditional: Conditional | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """The articles of one source that are not seen yet (by URL), and the items skipped.
    `conditional`: a feed's validators of its last fetch, and what this fetch found.

    Raises SourceError when the source as a whole fails (unreachable, not a feed).
    """
    if source.kind == "feed":
        return read_feed(source, fetcher, is_seen, since=since, conditional=conditional)
    if source.kind == "folder":
        return _read_folder(source, is_seen)
    if source.kind == "url":
        if is_seen(source.location):
            return [], []
        return [fetch_article(source.location, fetcher)], []
    raise SourceError(source.label, f"unknown kind of source {source.kind!r}")


def is_location(path: str) -> bool:
    """Whether an input of `briefing brief` is a web address or a feed file, not an article file."""
    return (path.startswith(("http://", "https://")) or path.lower().endswith(FEED_SUFFIXES)
            or bool(unsupported_scheme(path)))


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")


def unsupported_scheme(location: str) -> str:
    """ "unsupported address scheme ftp:// (use http/https or a local path)" for an address
    briefing can't fetch, "" for http(s) addresses and paths."""
    found = _SCHEME.match(location)
    if not found or found.group(1).lower() in ("http", "https"):
        return ""
    return (f"unsupported address scheme {found.group(1).lower()}:// "
            "(use http/https or a local path)")


def read_location(
    location: str, fetcher: Fetcher | None = None
) -> tuple[list[Article], list[Skipped]]:
    """What `briefing brief URL` means: the feed's items when the address (or file) is an RSS
    or Atom feed, else the article on the web page. Any failure is one `Skipped` line.

    Fetching ends by the fetcher's run deadline; one is started when it has none.
    """
    fetcher = fetcher or Fetcher()
    if fetcher.deadline is None:
        fetcher.start_run()
    try:
        if unsupported_scheme(location):
            raise SourceError(location, unsupported_scheme(location))
        if not location.startswith(("http://", "https://")):
            return read_feed(Source("feed", location), fetcher)
        page = fetcher.get(location, accept=f"{FEED_ACCEPT}, {PAGE_ACCEPT}")
        if page.content_type in PAGE_TYPES:
            return [_page_article(page, location)], []
        return feed_articles(page.body, Source("feed", location), fetcher, headers=page.headers)
    except Exception as exc:  # noqa: BLE001 - one bad address is one skipped line, not a crash
        log.debug("reading %s failed", location, exc_info=True)
        return [], [Skipped(normalise.shown(location), failure_reason(exc))]


def read_feed(
    source: Source,
    fetcher: Fetcher,
    is_seen: Callable[[str], bool] = lambda key: False,
    *,
    since: dt.datetime | None = None,
    conditional: Conditional | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """The new items of an RSS or Atom feed (a URL or a file), teasers completed from pages.
    With `conditional`, none when the server says the feed has not changed (HTTP 304)."""
    if source.is_remote:
        known = conditional.known if conditional else None
        page = fetcher.get(source.location, accept=FEED_ACCEPT, validators=known)
        if conditional is not None:
            if page.status == 304 and known is not None:
                conditional.unchanged = True
                told = Validators.of(page) or known  # a new ETag or date replaces the old
                conditional.fresh = Validators(known.url, told.etag or known.etag,
                                               told.last_modified or known.last_modified)
                return [], []
            conditional.fresh = Validators.of(page)
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
    """Articles from the bytes of a feed (`fetcher=None`: never fetch pages for teasers), in
    the feed's order. Whatever goes wrong with one item makes it a `Skipped`.

    Raises SourceError when `data` is not an RSS or Atom feed at all.
    """
    parsed = _parse_feed(data, source, headers or {})
    outlet = source.name or normalise.line(str(parsed.get("feed", {}).get("title", ""))) or _host(
        source.location)
    items: list[Article | Skipped] = []
    found: Article | Skipped | None
    for n, entry in enumerate(parsed.get("entries", [])):
        key = f"{source.location}#{n}"
        try:
            key, link = _entry_key(entry, source, n)
            if is_seen(key):
                continue
            found = _entry_article(entry, key, link, outlet, since)
        except Exception as exc:  # noqa: BLE001 - one odd item must not cost the whole feed
            log.debug("feed item %s failed", key, exc_info=True)
            found = Skipped(key, failure_reason(exc))
        if found is not None:
            items.append(found)
    teasers = [a.url for a in items if isinstance(a, Article) and a.url and is_teaser(a.text)]
    pages = _fetch_pages(teasers, fetcher) if fetcher is not None and teasers else {}
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in items:
        done = _finished(item, pages) if isinstance(item, Article) else item
        if isinstance(done, Article):
            articles.append(done)
        else:
            skipped.append(done)
    return articles, skipped


def _parse_feed(data: bytes, source: Source, headers: dict[str, str]) -> Any:
    headers = {name: _usable_charset(value) if name.lower() == "content-type" else value
               for name, value in headers.items()}
    try:
        parsed = feedparser.parse(data, response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - feedparser trips over some damaged prologs
        detail = failure_reason(exc).removeprefix("unexpected ")[:120]
        raise SourceError(source.label, f"not an RSS or Atom feed ({detail})") from None
    if not parsed.get("entries") and not parsed.get("version") and _WEB_PAGE.match(data[:512]):
        raise SourceError(source.label, "a web page, not an RSS or Atom feed (for one page: "
                          "`briefing sources add URL --page`)")
    _check_feed(parsed, source)
    return parsed


_WEB_PAGE = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                       re.IGNORECASE | re.DOTALL)


def _usable_charset(content_type: str) -> str:
    """The Content-Type without a charset that names no usable text codec (feedparser raises
    on `charset=undefined`); the feed's own XML declaration decides then."""
    message = email.message.Message()
    message["Content-Type"] = content_type
    charset = message.get_param("charset")
    if not isinstance(charset, str) or _usable_codec(charset):
        return content_type
    message.del_param("charset")
    return str(message["Content-Type"])


def _check_feed(parsed: Any, source: Source) -> None:
    if parsed.get("entries"):
        return
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        detail = f" ({normalise.line(str(problem))})" if problem else ""
        raise SourceError(source.label, f"not an RSS or Atom feed{detail}")


def _entry_key(entry: Any, source: Source, n: int) -> tuple[str, str]:
    """What identifies an item across runs (its link, else the feed and the item's id), and
    its link."""
    link = _entry_link(entry, source)
    return link or normalise.shown(f"{source.location}#{entry.get('id') or n}"), link


TOO_OLD = "published before the brief's time window ([brief] max_age_hours)"


def _entry_article(entry: Any, key: str, link: str, outlet: str,
                   since: dt.datetime | None) -> Article | Skipped | None:
    """The item as the feed has it; a Skipped (`TOO_OLD`) when it is older than `since`."""
    published = _entry_date(entry)
    if since and published and published < since:
        return Skipped(key, TOO_OLD)
    return normalise.article(Article(
        text=_entry_text(entry), origin=key, title=str(entry.get("title", "")), source=outlet,
        url=link, published=published, author=str(entry.get("author", ""))))


def _finished(article: Article, pages: dict[str, Article | str]) -> Article | Skipped:
    """The item completed from its page when it was a teaser; Skipped when it has no text."""
    try:
        page = pages.get(article.url) if article.url and is_teaser(article.text) else None
        if isinstance(page, Article):
            article = _completed(article, page)
        elif page is not None:
            if not article.text:
                return Skipped(article.origin, f"no text in the feed and the page failed: {page}")
            log.info("%s: keeping the feed's teaser, the page failed: %s", article.origin, page)
        if not article.text.strip():
            return Skipped(article.origin, "the feed item has no text")
        return normalise.article(article)
    except Exception as exc:  # noqa: BLE001 - one odd item must not cost the whole feed
        log.debug("feed item %s failed", article.origin, exc_info=True)
        return Skipped(article.origin, failure_reason(exc))


def _fetch_pages(links: list[str], fetcher: Fetcher) -> dict[str, Article | str]:
    """The article on each page, or why it could not be had: PAGE_WORKERS at a time, at most
    PER_HOST from one host, none waited for past the run's deadline."""
    order: Counter[str] = Counter()
    ranked = []
    for link in dict.fromkeys(links):
        host = urllib.parse.urlsplit(link).netloc.lower()
        ranked.append((order[host], host, link))
        order[host] += 1
    ranked.sort(key=lambda r: r[0])  # round robin over the hosts
    gates = {host: threading.Semaphore(PER_HOST) for host in order}

    def fetch(host: str, link: str) -> Article:
        with gates[host]:
            return fetch_article(link, fetcher)

    pool = ThreadPoolExecutor(max_workers=min(PAGE_WORKERS, len(ranked)),
                              thread_name_prefix="briefing page")
    try:
        futures = {link: pool.submit(fetch, host, link) for _, host, link in ranked}
        return {link: _page_outcome(futures[link], fetcher) for link in dict.fromkeys(links)}
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _page_outcome(future: Future[Article], fetcher: Fetcher) -> Article | str:
    left = fetcher.time_left()
    try:
        return future.result(timeout=None if left is None else left + WRAP_UP)
    except concurrent.futures.TimeoutError:
        return fetcher.run_over
    except Exception as exc:  # noqa: BLE001 - a page that fails leaves the teaser as it is
        return failure_reason(exc)


def fetch_article(url: str, fetcher: Fetcher) -> Article:
    """The article on the web page at `url` (main text, title, date through trafilatura)."""
    return _page_article(fetcher.get(url, accept=PAGE_ACCEPT), url)


def _page_article(page: Page, url: str) -> Article:
    if page.content_type not in PAGE_TYPES:
        raise SourceError(url, f"not a web page ({normalise.line(page.content_type)})")
    if page.content_type == "text/plain":
        return normalise.article(Article(text=page.text(), origin=url, url=url,
                                         source=_host(url)))
    article = ingest.article_from_html(page.text(), url, url)
    if not article.source:
        article = replace(article, source=_host(url))
    return normalise.article(article)


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
    if any(c.isspace() for c in link) or normalise.line(link) != link:  # controls, escapes:
        return ""  # a damaged feed, not an address
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


# Elements that end a line of text, as a page's paragraphs do; and those that are no text of
# the article (a figure's caption is a caption, not news).
_BLOCKS = frozenset("""p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article
    header footer pre dd dt dl hr address center main""".split())
_NOT_TEXT = frozenset("""script style figcaption figure iframe noscript aside nav form button
    svg video audio object embed template select""".split())


def _plain(html: str) -> str:
    """A feed item's HTML as plain text with its paragraph structure: one line per paragraph,
    heading or list item (so cleaning can tell a caption, a sub-heading or an "Update:" line
    from the sentences), figures, captions and scripts left out."""
    if not html.strip():
        return ""
    from lxml import etree
    from lxml import html as lxml_html

    try:  # lxml refuses control characters: they go first, as they would anyway
        root = lxml_html.fragment_fromstring(normalise.text(html), create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_NOT_TEXT)):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


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

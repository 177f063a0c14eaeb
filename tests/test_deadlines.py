"""Deadlines and isolation of fetching: slow servers, a run's deadline, one bad input.

A server that dribbles its answer is cut off at the request's deadline, a source that hangs is
named as failed while the others are briefed, and nothing a server sends (a strange charset, an
escape sequence in a reason phrase, an item that trips the parser) costs more than its own item.
No test measures time: each asserts what the user sees, and `_returns` proves that a call came
back at all (a hang fails the test instead of stalling the suite).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from local_servers import WebServer
from news_samples import STORIES, FeedItem, item, page, rss

from briefing import feeds
from briefing.domain import Article, Skipped
from briefing.errors import ConfigError, SourceError
from briefing.job import config, daily
from briefing.job.config import FetchSettings, Source
from briefing.job.state import State

T = TypeVar("T")
NEVER = 60.0  # a page that never answers within a test


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        yield server


def _returns(call: Callable[[], T], within: float = 20.0) -> T:
    """What `call` returns or raises, run on a thread that must come back within `within` s."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - raised again below
            outcome["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout=within)
    assert not worker.is_alive(), f"the call did not return within {within:g}s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


def _fetcher(**changes: Any) -> feeds.Fetcher:
    values = {"timeout": 1.5, "retries": 0, "backoff": 0.01, **changes}
    return feeds.Fetcher(FetchSettings(**values))


# --- the deadline of one request ------------------------------------------------------------------


def test_a_body_that_drips_is_cut_at_the_deadline(web: WebServer) -> None:
    url = web.add("/drip.xml", rss([item(STORIES[0], web.url("/a"))]), "application/rss+xml",
                  drip=0.5)
    with pytest.raises(SourceError, match=r"timed out after 1.5s \(tried 1 times\)"):
        _returns(lambda: _fetcher().get(url))


def test_headers_that_drip_are_cut_at_the_deadline(web: WebServer) -> None:
    url = web.add("/drip.html", page(STORIES[2]), drip=0.5, drip_headers=True)
    with pytest.raises(SourceError, match="timed out after 1.5s"):
        _returns(lambda: _fetcher().get(url))


def test_the_abandoned_request_lets_go_of_the_server(web: WebServer) -> None:
    url = web.add("/drip.xml", b"x" * 100, "application/rss+xml", drip=0.2)
    with pytest.raises(SourceError, match="timed out"):
        _returns(lambda: _fetcher(timeout=0.5).get(url))
    assert _eventually(lambda: web.cut["/drip.xml"] == 1)  # the connection was shut, not left


def test_a_dripping_server_is_retried_like_any_timeout(web: WebServer) -> None:
    url = web.add("/drip.xml", b"x" * 100, "application/rss+xml", drip=0.5)
    with pytest.raises(SourceError, match=r"timed out after 0.5s \(tried 2 times\)"):
        _returns(lambda: _fetcher(timeout=0.5, retries=1).get(url))
    assert web.hits["/drip.xml"] == 2


def _eventually(check: Callable[[], bool], within: float = 5.0) -> bool:
    end = time.monotonic() + within
    while not check():
        if time.monotonic() > end:
            return False
        time.sleep(0.05)
    return True


# --- the deadline of a run ------------------------------------------------------------------------


def test_a_request_after_the_run_deadline_fails_at_once(web: WebServer) -> None:
    url = web.add("/page", page(STORIES[0]))
    fetcher = _fetcher()
    fetcher.start_run(0)
    with pytest.raises(SourceError, match="the run's 0 s deadline for fetching has passed"):
        fetcher.get(url)
    assert web.hits["/page"] == 0


def test_the_run_deadline_cuts_a_request_short(web: WebServer) -> None:
    url = web.add("/hang", b"", delay=NEVER)
    fetcher = _fetcher(timeout=NEVER)
    fetcher.start_run(1)
    with pytest.raises(SourceError, match="the run's 1 s deadline for fetching has passed"):
        _returns(lambda: fetcher.get(url))


def test_no_retry_is_made_that_the_run_deadline_would_cut(web: WebServer) -> None:
    url = web.add("/busy", b"", fail_times=5)
    fetcher = _fetcher(retries=3, backoff=30)
    fetcher.start_run(5)
    with pytest.raises(SourceError, match=r"HTTP 503.*tried 1 times; no time left to retry"):
        _returns(lambda: fetcher.get(url))
    assert web.hits["/busy"] == 1


def test_briefing_a_url_is_bounded_by_the_run_deadline(web: WebServer) -> None:
    url = web.add("/hang", b"", delay=NEVER)
    found, [skipped] = _returns(lambda: feeds.read_location(url, _fetcher(timeout=NEVER,
                                                                          deadline=1)))
    assert found == [] and skipped.origin == url
    assert skipped.reason == "the run's 1 s deadline for fetching has passed"


def test_teasers_whose_pages_never_answer_keep_their_text(web: WebServer) -> None:
    stories = STORIES[:3]
    for story in stories:
        web.add(f"/{story.slug}", page(story), delay=NEVER)
    url = web.add("/rss.xml", rss([item(s, web.url(f"/{s.slug}"), teaser=True) for s in stories]),
                  "application/rss+xml")
    fetcher = _fetcher(timeout=NEVER)
    fetcher.start_run(2)
    articles, skipped = _returns(lambda: feeds.read_source(Source("feed", url), fetcher))
    assert [a.text for a in articles] == [s.teaser for s in stories]  # in the feed's order
    assert skipped == []
    assert web.peak == 2  # fetched side by side, but never more than two from one host


def test_teaser_pages_are_fetched_side_by_side(web: WebServer) -> None:
    stories = STORIES[:2]
    for story in stories:
        web.add(f"/{story.slug}", page(story), delay=0.5)
    url = web.add("/rss.xml", rss([item(s, web.url(f"/{s.slug}"), teaser=True) for s in stories]),
                  "application/rss+xml")
    articles, _ = _returns(lambda: feeds.read_source(Source("feed", url), _fetcher()))
    assert [a.title for a in articles] == [s.title for s in stories]
    assert all(len(a.text) > len(s.teaser) for a, s in zip(articles, stories, strict=True))
    assert web.peak == 2


def _config(tmp_path: Path, web: WebServer, fetch: str) -> config.Config:
    path = tmp_path / "briefing.toml"
    path.write_text(f"""
[[sources]]
feed = "{web.url('/fast.xml')}"
name = "Fast Courier"

[[sources]]
feed = "{web.url('/slow.xml')}"
name = "Slow Gazette"

[output]
formats = ["text"]

[fetch]
{fetch}
""", encoding="utf-8")
    return config.load(path)


def test_a_source_past_the_run_deadline_fails_and_the_others_are_briefed(
        tmp_path: Path, web: WebServer) -> None:
    web.add("/fast.xml", rss([item(STORIES[0], web.url("/bridge")),
                              item(STORIES[1], web.url("/harvest"))]), "application/rss+xml")
    web.add("/slow.xml", rss([item(STORIES[3], web.url("/rail"))]), "application/rss+xml",
            delay=NEVER)
    settings = _config(tmp_path, web, "timeout = 60\nretries = 0\ndeadline = 1")
    [outcome] = _returns(lambda: daily.run(settings))
    assert outcome.status == "written" and outcome.articles == 2
    text = outcome.outputs[0].read_text(encoding="utf-8")
    assert "Harbor" in text and "frost" in text
    flat = " ".join(text.split())
    assert "1 OF 2 SOURCES FAILED" in flat
    assert "Slow Gazette: the run's 1 s deadline for fetching has passed" in flat


def test_gather_does_not_wait_for_a_source_that_never_ends(
        tmp_path: Path, web: WebServer, monkeypatch: pytest.MonkeyPatch) -> None:
    web.add("/fast.xml", rss([item(STORIES[0], web.url("/bridge"))]), "application/rss+xml")
    settings = _config(tmp_path, web, "timeout = 5\nretries = 0\ndeadline = 1")
    release = threading.Event()
    real = feeds.read_source

    def stuck_on_slow(source: Source, *args: Any, **kwargs: Any) -> Any:
        if source.name == "Slow Gazette":
            release.wait(NEVER)  # busy with something that is not a request
            return [], []
        return real(source, *args, **kwargs)

    def gather() -> tuple[list[Article], list[daily.SourceFailure]]:
        with State.open(settings.state_path) as state:
            return daily.gather(settings, state, feeds.Fetcher(settings.fetch),
                                dt.datetime.now(dt.timezone.utc))

    monkeypatch.setattr(feeds, "read_source", stuck_on_slow)
    try:
        articles, failures = _returns(gather)
    finally:
        release.set()
    assert [a.title for a in articles] == [STORIES[0].title]
    assert [(f.source.label, f.reason) for f in failures] == [
        ("Slow Gazette", "not finished within the run's 1 s fetching deadline")]


def test_the_run_deadline_is_a_fetch_setting(tmp_path: Path, web: WebServer) -> None:
    assert FetchSettings().deadline == 300
    assert _config(tmp_path, web, "deadline = 120").fetch.deadline == 120
    with pytest.raises(ConfigError, match=r"fetch\.deadline: 0 is out of range"):
        _config(tmp_path, web, "deadline = 0")
    with pytest.raises(ConfigError, match=r"fetch\.deadline: expected a number"):
        _config(tmp_path, web, 'deadline = "soon"')


# --- isolation and clean messages -----------------------------------------------------------------


def test_one_item_that_trips_the_reader_is_skipped_alone(
        web: WebServer, monkeypatch: pytest.MonkeyPatch) -> None:
    stories = STORIES[:3]
    url = web.add("/rss.xml", rss([item(s, web.url(f"/{s.slug}")) for s in stories]),
                  "application/rss+xml")
    real = feeds._entry_text

    def text(entry: Any) -> str:
        if entry.get("title") == stories[1].title:
            raise KeyError("a parser bug\non two lines")
        return real(entry)

    monkeypatch.setattr(feeds, "_entry_text", text)
    articles, [skipped] = feeds.read_source(Source("feed", url), _fetcher())
    assert [a.title for a in articles] == [stories[0].title, stories[2].title]
    assert skipped.origin == web.url(f"/{stories[1].slug}")
    assert skipped.reason == "unexpected KeyError: 'a parser bug\\non two lines'"


def test_one_page_that_trips_the_reader_keeps_its_teaser(
        web: WebServer, monkeypatch: pytest.MonkeyPatch) -> None:
    stories = STORIES[:2]
    for story in stories:
        web.add(f"/{story.slug}", page(story))
    url = web.add("/rss.xml", rss([item(s, web.url(f"/{s.slug}"), teaser=True) for s in stories]),
                  "application/rss+xml")
    real = feeds._page_article

    def article(page: feeds.Page, where: str) -> Article:
        if where.endswith(stories[0].slug):
            raise RuntimeError("trafilatura fell over")
        return real(page, where)

    monkeypatch.setattr(feeds, "_page_article", article)
    articles, skipped = feeds.read_source(Source("feed", url), _fetcher())
    assert articles[0].text == stories[0].teaser
    assert len(articles[1].text) > len(stories[1].teaser) and skipped == []


def test_briefing_a_url_turns_any_failure_into_one_skipped_line(
        web: WebServer, monkeypatch: pytest.MonkeyPatch) -> None:
    url = web.add("/page", page(STORIES[0]))

    def broken(page: feeds.Page, where: str) -> Article:
        raise RuntimeError("boom\x1b[2J\nsecond line")

    monkeypatch.setattr(feeds, "_page_article", broken)
    assert feeds.read_location(url, _fetcher()) == (
        [], [Skipped(url, "unexpected RuntimeError: boom second line")])


@pytest.mark.parametrize("charset", ["undefined", "base64", "rot13", "no-such-codec", "zlib"])
def test_a_page_with_an_unusable_charset_is_read_as_utf8(web: WebServer, charset: str) -> None:
    url = web.add("/page", page(STORIES[2]), f"text/html; charset={charset}")
    [article] = feeds.read_source(Source("url", url), _fetcher())[0]
    assert "central library" in article.text
    assert feeds.Page(url, "café".encode(), "text/plain", charset, {}).text() == "café"


def test_a_feed_with_an_unusable_charset_is_read(web: WebServer) -> None:
    url = web.add("/rss.xml", rss([item(STORIES[0], web.url("/bridge"))]),
                  "application/rss+xml; charset=undefined")
    [article], _ = feeds.read_source(Source("feed", url), _fetcher())
    assert article.title == STORIES[0].title


def test_a_declared_charset_that_works_is_used() -> None:
    body = "Zürich".encode("latin-1")
    assert feeds.Page("u", body, "text/plain", "iso-8859-1", {}).text() == "Zürich"


def test_a_reason_phrase_with_escapes_is_one_clean_line(web: WebServer) -> None:
    url = web.add("/gone", b"", status=404, reason="Gone\x1b[31m\rLOOKS FINE\x1b]0;owned\x07")
    with pytest.raises(SourceError) as caught:
        _fetcher().get(url)
    assert caught.value.reason == "HTTP 404 Gone LOOKS FINE"
    [skipped] = feeds.read_location(url, _fetcher())[1]
    assert skipped.reason == "HTTP 404 Gone LOOKS FINE"


def test_a_redirect_loop_is_one_line(web: WebServer) -> None:
    url = web.add("/loop", b"", status=302, headers={"Location": "/loop"})
    with pytest.raises(SourceError, match="infinite loop") as caught:
        _fetcher().get(url)
    assert "\n" not in str(caught.value)


def test_feed_articles_are_normalised(web: WebServer) -> None:
    dirty = FeedItem("Bridge\x1b[31m closed", web.url("/bridge"),
                     STORIES[0].text + "\x1b[2J \u202e")
    url = web.add("/rss.xml", rss([dirty]), "application/rss+xml")
    [article], _ = feeds.read_source(Source("feed", url), _fetcher())
    assert article.title == "Bridge closed"
    assert "\x1b" not in article.text and "\u202e" not in article.text

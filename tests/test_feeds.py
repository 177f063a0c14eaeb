"""feeds: fetching feeds and pages from a real local web server, broken ones included."""

from __future__ import annotations

import datetime as dt
import gzip
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from local_servers import WebServer
from news_samples import STORIES, FeedItem, atom, item, page, rss

from briefing import feeds
from briefing.errors import SourceError
from briefing.job.config import FetchSettings, Source

FAST = FetchSettings(timeout=2.0, retries=2, backoff=0.01)


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        yield server


def _fetcher(**changes: float) -> feeds.Fetcher:
    values = {"timeout": FAST.timeout, "retries": FAST.retries, "backoff": FAST.backoff, **changes}
    return feeds.Fetcher(FetchSettings(**values))  # type: ignore[arg-type]


def _feed(url: str, name: str = "") -> Source:
    return Source("feed", url, name)


def test_full_text_items_become_articles(web: WebServer) -> None:
    bridge, harvest = STORIES[0], STORIES[1]
    url = web.add("/rss.xml", rss([item(bridge, web.url("/bridge")),
                                   item(harvest, web.url("/harvest"))]), "application/rss+xml")
    articles, skipped = feeds.read_source(_feed(url), _fetcher())
    assert [a.title for a in articles] == [bridge.title, harvest.title]
    assert articles[0].text.startswith("Engineers closed the Old Harbor Bridge")
    assert articles[0].url == articles[0].origin == web.url("/bridge")
    assert articles[0].source == "Velmora Courier"  # the feed's title names the outlet
    assert articles[0].published is not None and articles[0].published.tzinfo is not None
    assert skipped == []
    assert web.hits["/bridge"] == 0  # full text in the feed: no page fetched
    assert web.agents[0].startswith("briefing/")


def test_a_teaser_is_completed_from_its_page(web: WebServer) -> None:
    story = STORIES[2]
    web.add("/library", page(story))
    url = web.add("/rss.xml", rss([item(story, web.url("/library"), teaser=True)]),
                  "application/rss+xml")
    [article], _ = feeds.read_source(_feed(url, "Courier"), _fetcher())
    assert "three times more than the old library" in article.text  # beyond the teaser
    assert "Subscribe to our newsletter" not in article.text
    assert article.title == story.title and article.source == "Courier"


def test_seen_items_are_not_fetched_again(web: WebServer) -> None:
    story = STORIES[2]
    web.add("/library", page(story))
    url = web.add("/rss.xml", rss([item(story, web.url("/library"), teaser=True)]),
                  "application/rss+xml")
    articles, _ = feeds.read_source(_feed(url), _fetcher(), lambda key: key.endswith("/library"))
    assert articles == [] and web.hits["/library"] == 0


def test_a_teaser_whose_page_fails_keeps_the_teaser(web: WebServer) -> None:
    story = STORIES[3]
    url = web.add("/rss.xml", rss([item(story, web.url("/gone"), teaser=True)]),
                  "application/rss+xml")
    [article], _ = feeds.read_source(_feed(url), _fetcher(retries=0))
    assert article.text == story.teaser


def test_atom_feeds_and_feed_files(tmp_path: Path) -> None:
    path = tmp_path / "herald.xml"
    path.write_bytes(atom([item(s, f"https://herald.example/{s.slug}") for s in STORIES[:2]]))
    articles, _ = feeds.read_source(Source("feed", str(path)), _fetcher())
    assert [a.url for a in articles] == ["https://herald.example/bridge",
                                         "https://herald.example/harvest"]
    assert {a.source for a in articles} == {"Dornvale Herald"}


def test_old_items_are_left_out(web: WebServer) -> None:
    old = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    url = web.add("/rss.xml", rss([item(STORIES[0], web.url("/a"), published=old),
                                   item(STORIES[1], web.url("/b"))]), "application/rss+xml")
    since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=48)
    articles, _ = feeds.read_source(_feed(url), _fetcher(), since=since)
    assert [a.url for a in articles] == [web.url("/b")]


def test_http_errors_are_one_line_and_4xx_is_not_retried(web: WebServer) -> None:
    with pytest.raises(SourceError, match="HTTP 404") as caught:
        feeds.read_source(_feed(web.url("/missing.xml"), "Missing"), _fetcher())
    assert "\n" not in str(caught.value)
    assert web.hits["/missing.xml"] == 1


def test_server_errors_are_retried_then_reported(web: WebServer) -> None:
    url = web.add("/broken.xml", b"oops", status=500)
    with pytest.raises(SourceError, match=r"HTTP 500.*tried 3 times"):
        feeds.read_source(_feed(url), _fetcher())
    assert web.hits["/broken.xml"] == 3


def test_a_flaky_server_succeeds_on_retry(web: WebServer) -> None:
    url = web.add("/flaky.xml", rss([item(STORIES[0], web.url("/a"))]), "application/rss+xml",
                  fail_times=1)
    articles, _ = feeds.read_source(_feed(url), _fetcher())
    assert len(articles) == 1 and web.hits["/flaky.xml"] == 2


def test_a_hanging_server_times_out(web: WebServer) -> None:
    url = web.add("/slow.xml", rss([]), "application/rss+xml", delay=1.5)
    with pytest.raises(SourceError, match="timed out after 0.3s"):
        feeds.read_source(_feed(url), _fetcher(timeout=0.3, retries=0))


@pytest.mark.parametrize("body", [b"\x00\x01garbage\xff" * 50, b"<html><body>Hello</body></html>",
                                  b"", b'{"items": []}'])
def test_garbage_is_not_a_feed(web: WebServer, body: bytes) -> None:
    url = web.add("/feed", body, "application/rss+xml")
    with pytest.raises(SourceError, match="not an RSS or Atom feed"):
        feeds.read_source(_feed(url), _fetcher())


def test_a_web_page_given_as_a_feed_says_so(web: WebServer) -> None:
    url = web.add("/story.html", page(STORIES[0]))
    with pytest.raises(SourceError, match=r"a web page, not an RSS or Atom feed \(for one page: "
                                          r"`briefing sources add URL --page`\)$"):
        feeds.read_source(_feed(url), _fetcher())


def test_size_cap_holds_also_for_compressed_bodies(web: WebServer) -> None:
    fetcher = feeds.Fetcher(FetchSettings(timeout=2, retries=0, max_bytes=100_000))
    big = web.add("/big.xml", b"<rss>" + b" " * 200_000, "application/rss+xml")
    with pytest.raises(SourceError, match="too large"):
        fetcher.get(big)
    bomb = web.add("/bomb.xml", gzip.compress(b" " * 5_000_000), "application/rss+xml",
                   headers={"Content-Encoding": "gzip"})
    with pytest.raises(SourceError, match="too large once decompressed"):
        fetcher.get(bomb)
    small = web.add("/small.xml", gzip.compress(b"<rss/>"), "application/rss+xml",
                    headers={"Content-Encoding": "gzip"})
    assert fetcher.get(small).body == b"<rss/>"


def test_only_http_and_https(web: WebServer) -> None:
    with pytest.raises(SourceError, match=r"unsupported address scheme file:// \(use http"):
        _fetcher().get("file:///etc/passwd")
    hop = web.add("/hop", b"", status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(SourceError, match="file:"):
        _fetcher().get(hop)


def test_addresses_with_non_ascii_letters_are_fetched(web: WebServer) -> None:
    web.add("/caf%C3%A9", page(STORIES[2]))
    assert b"central library" in _fetcher().get(web.url("/café")).body


def test_a_single_page_source(web: WebServer) -> None:
    url = web.add("/rail", page(STORIES[3]))
    [article], _ = feeds.read_source(Source("url", url), _fetcher())
    assert article.url == url and "two-day strike" in article.text.lower()
    assert feeds.read_source(Source("url", url), _fetcher(), lambda key: key == url) == ([], [])


def test_a_missing_folder_fails_as_a_source(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such folder"):
        feeds.read_source(Source("folder", str(tmp_path / "nope"), "Inbox"), _fetcher())


# --- malformed feeds -----------------------------------------------------------------------------

_VALID = rss([item(s, f"https://courier.example/{s.slug}") for s in STORIES[:2]]
             + [FeedItem("No link", "", "Some text without a link at all.")])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(cut=30, junk=b"\x80", at=0)  # a broken XML prolog: feedparser raised UnicodeDecodeError
@example(cut=30, junk=b"\x00", at=0)  # ... and ValueError
@example(cut=244, junk=b"[", at=0)  # a link urllib can't parse ("Invalid IPv6 URL")
@given(cut=st.integers(0, len(_VALID)), junk=st.binary(max_size=40),
       at=st.integers(0, len(_VALID)))
def test_damaged_feeds_give_articles_or_one_source_error(cut: int, junk: bytes, at: int) -> None:
    data = _VALID[:cut] + junk + _VALID[cut:][at % 7:]
    try:
        articles, skipped = feeds.feed_articles(data, Source("feed", "https://courier.example/rss"))
    except SourceError as exc:
        assert "not an RSS or Atom feed" in str(exc)
        return
    for article in articles:
        assert article.text.strip()
        assert article.url == "" or _fetchable(article.url)
        assert article.origin
    assert all(s.reason for s in skipped)


def _fetchable(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and all(
        ord(c) > 32 and ord(c) != 127 for c in url)


@settings(max_examples=40, deadline=None)
@given(title=st.text(max_size=30), text=st.text(max_size=200), link=st.text(max_size=30))
def test_odd_item_fields_never_crash(title: str, text: str, link: str) -> None:
    data = rss([FeedItem(title, link, text)])
    try:
        articles, _ = feeds.feed_articles(data, Source("feed", "https://courier.example/rss"))
    except SourceError:
        return
    for article in articles:
        assert article.url == "" or _fetchable(article.url)
        assert "\n" not in article.title


def test_a_full_text_item_keeps_its_paragraphs_and_loses_its_captions() -> None:
    """content:encoded HTML read as a page is: a caption, a sub-heading or an "Update:" line is
    never glued into the sentence next to it."""
    body = (
        "<p>Crews restored power to 30,000 homes in Velmora on Tuesday after the storm brought "
        "down lines across the northern districts.</p>"
        "<figure><img src='a.jpg'><figcaption>A lineman repairs a cable near the harbour. "
        "(Photo: Velmora Courier)</figcaption></figure>"
        "<h2>Schools stay shut</h2>"
        "<p>The education office said schools in the three worst-hit districts would stay "
        "closed until Thursday.</p><p><strong>Update:</strong> the ferry service resumed at "
        "noon.</p>"
        + "<p>Officials said the repair work would take several more days to finish.</p>" * 12
    )
    data = (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Courier'
        "</title><item><title>Power back for most homes</title>"
        "<link>https://courier.example/power</link><description>Crews restored power."
        f"</description><content:encoded><![CDATA[{body}]]></content:encoded></item>"
        "</channel></rss>"
    ).encode()
    [article], _ = feeds.feed_articles(data, Source("feed", "https://courier.example/rss"))
    lines = article.text.split("\n")
    assert lines[0].startswith("Crews restored power") and lines[0].endswith("districts.")
    assert "Schools stay shut" in lines and "lineman" not in article.text
    assert any(line.startswith("The education office said") for line in lines)

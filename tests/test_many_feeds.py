"""Many feeds: the daily job reads its sources concurrently (at most 2 requests to one host at a
time), asks each feed only for what changed since the last run (ETag / Last-Modified kept in the
state) and says per source, with -v, how it went. Against real local web servers."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_servers import WebServer
from news_samples import STORIES, item, rss

from briefing import feeds
from briefing.cli import main
from briefing.job import config, daily
from briefing.job.state import State

TODAY = dt.datetime.now(dt.timezone.utc).date()
TOMORROW = TODAY + dt.timedelta(days=1)


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        yield server


def _config(tmp_path: Path, feeds_: list[tuple[str, str]], fetch: str = "") -> config.Config:
    """A config with these (name, address) feeds, JSON output and no mail."""
    sources = "".join(f'[[sources]]\nfeed = "{url}"\nname = "{name}"\n\n' for name, url in feeds_)
    path = tmp_path / "briefing.toml"
    path.write_text(f'{sources}[output]\nformats = ["json"]\n\n[fetch]\ntimeout = 5\nretries = 0\n'
                    f"network_wait = 0\n{fetch}\n", encoding="utf-8")
    return config.load(path)


def _story_feed(web: WebServer, path: str, story: int, **options: object) -> str:
    body = rss([item(STORIES[story], web.url(f"/{STORIES[story].slug}"))])
    return web.add(path, body, "application/rss+xml", **options)


# --- conditional requests -------------------------------------------------------------------------


def test_an_unchanged_feed_costs_one_small_request_and_is_no_failure(
        tmp_path: Path, web: WebServer) -> None:
    url = _story_feed(web, "/courier.xml", 0, etag='"v1"')
    settings = _config(tmp_path, [("Velmora Courier", url)])
    [first] = daily.run(settings)
    assert (first.status, first.articles) == ("written", 1)
    assert web.conditions[-1] == {}  # nothing known yet: an ordinary request

    [second] = daily.run(settings, day=TOMORROW)
    assert web.conditions[-1] == {"If-None-Match": '"v1"'}
    assert web.not_modified["/courier.xml"] == 1
    assert second.status == "nothing-new" and not second.failed
    assert "1 feed unchanged" in second.message


def test_last_modified_is_sent_back_too(tmp_path: Path, web: WebServer) -> None:
    stamp = "Wed, 25 Nov 2026 06:00:00 GMT"
    url = _story_feed(web, "/courier.xml", 0, last_modified=stamp)
    settings = _config(tmp_path, [("Velmora Courier", url)])
    daily.run(settings)
    [second] = daily.run(settings, day=TOMORROW)
    assert web.conditions[-1] == {"If-Modified-Since": stamp}
    assert second.status == "nothing-new" and "1 feed unchanged" in second.message


def test_a_changed_feed_is_read_again_with_its_new_items(tmp_path: Path, web: WebServer) -> None:
    url = _story_feed(web, "/courier.xml", 0, etag='"v1"')
    settings = _config(tmp_path, [("Velmora Courier", url)])
    daily.run(settings)
    body = rss([item(STORIES[i], web.url(f"/{STORIES[i].slug}")) for i in (0, 1)])
    web.add("/courier.xml", body, "application/rss+xml", etag='"v2"')
    [second] = daily.run(settings, day=TOMORROW)
    assert (second.status, second.articles) == ("written", 1)  # only the new item
    [third] = daily.run(settings, day=TOMORROW + dt.timedelta(days=1))
    assert web.conditions[-1] == {"If-None-Match": '"v2"'} and third.status == "nothing-new"


def test_a_feed_without_validators_that_sends_the_same_again_still_works(
        tmp_path: Path, web: WebServer) -> None:
    url = _story_feed(web, "/plain.xml", 0)
    settings = _config(tmp_path, [("Plain Post", url)])
    daily.run(settings)
    [second] = daily.run(settings, day=TOMORROW)
    assert web.conditions[-1] == {}
    assert second.status == "nothing-new" and not second.failed
    assert "unchanged" not in second.message


def test_validators_are_never_sent_to_a_changed_address(tmp_path: Path, web: WebServer) -> None:
    old = _story_feed(web, "/old.xml", 0, etag='"same"')
    daily.run(_config(tmp_path, [("Velmora Courier", old)]))
    new = _story_feed(web, "/new.xml", 0, etag='"same"')
    [second] = daily.run(_config(tmp_path, [("Velmora Courier", new)]), day=TOMORROW)
    assert web.conditions[-1] == {} and web.not_modified["/new.xml"] == 0
    assert second.status == "nothing-new"  # the item was seen: by its link, not by the ETag


def test_a_backfill_or_changed_item_rules_ask_without_validators(
        tmp_path: Path, web: WebServer) -> None:
    """Items an ordinary run passed over (too old, left out by the feed's words) must be looked
    at again: no 304 may hide them."""
    url = _story_feed(web, "/courier.xml", 0, etag='"v1"')
    daily.run(_config(tmp_path, [("Velmora Courier", url)]))
    daily.run(_config(tmp_path, [("Velmora Courier", url)]),
              day=TODAY - dt.timedelta(days=3))  # a backfill
    assert web.conditions[-1] == {}
    path = tmp_path / "briefing.toml"
    path.write_text(path.read_text().replace('name = "Velmora Courier"\n',
                                             'name = "Velmora Courier"\nexclude = ["x"]\n'))
    daily.run(config.load(path), day=TOMORROW)
    assert web.conditions[-1] == {}
    daily.run(config.load(path), day=TOMORROW + dt.timedelta(days=1))
    assert web.conditions[-1] == {"If-None-Match": '"v1"'}


def test_validators_go_only_to_the_address_that_gave_them(tmp_path: Path, web: WebServer) -> None:
    """A feed that redirects: they are sent to where it redirects, not to the configured
    address; when it redirects elsewhere next time, they are not sent there."""
    final = _story_feed(web, "/final.xml", 0, etag='"v1"')
    web.add("/feed", b"", status=301, headers={"Location": final})
    settings = _config(tmp_path, [("Velmora Courier", web.url("/feed"))])
    daily.run(settings)
    daily.run(settings, day=TOMORROW)
    assert web.conditions[-2:] == [{}, {"If-None-Match": '"v1"'}]  # /feed, then /final.xml
    assert web.not_modified["/final.xml"] == 1

    _story_feed(web, "/elsewhere.xml", 0, etag='"v1"')
    web.add("/feed", b"", status=301, headers={"Location": web.url("/elsewhere.xml")})
    daily.run(settings, day=TOMORROW + dt.timedelta(days=1))
    assert web.conditions[-2:] == [{}, {}] and web.not_modified["/elsewhere.xml"] == 0


def test_a_dry_run_keeps_no_validators(tmp_path: Path, web: WebServer) -> None:
    """A dry run records nothing: the next real run must still get the feed's items."""
    url = _story_feed(web, "/courier.xml", 0, etag='"v1"')
    settings = _config(tmp_path, [("Velmora Courier", url)])
    [dry] = daily.run(settings, dry_run=True)
    assert dry.status == "dry-run"
    [real] = daily.run(settings)
    assert web.conditions[-1] == {} and (real.status, real.articles) == ("written", 1)


def test_an_old_state_file_gets_the_validators_table(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "state.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, day TEXT NOT NULL, "
                                  "status TEXT NOT NULL, started TEXT NOT NULL, updated TEXT NOT "
                                  "NULL, articles INTEGER NOT NULL DEFAULT 0, notes TEXT NOT NULL "
                                  "DEFAULT '[]', message TEXT NOT NULL DEFAULT '', email BLOB, "
                                  "message_id TEXT NOT NULL DEFAULT '')").connection.commit()
    with State.open(path) as state:
        assert state.validators() == {}
        state.keep_validators({"http://x.example/f.xml": feeds.Validators(
            "http://x.example/f.xml", '"e"', "")})
        assert state.validators()["http://x.example/f.xml"].etag == '"e"'


def test_a_run_whose_brief_fails_forgets_the_validators(tmp_path: Path) -> None:
    """Its articles are released to be gathered again: a 304 must not hide them."""
    with State.open(tmp_path / "state.sqlite") as state:
        run = state.begin(TODAY, [])
        state.keep_validators({"http://x.example/f.xml": feeds.Validators(
            "http://x.example/f.xml", '"e"')})
        state.fail(run, "the brief could not be made", release=True)
        assert state.validators() == {}


# --- concurrency, order and -v -------------------------------------------------------------------


def test_sources_are_read_concurrently_at_most_two_per_host(tmp_path: Path) -> None:
    with WebServer() as one, WebServer() as two:
        listed = []
        for server, host in ((one, "one"), (two, "two")):
            for n in range(5):
                url = _story_feed(server, f"/feed-{n}.xml", n % len(STORIES), delay=0.3)
                listed.append((f"{host} {n}", url))
        settings = _config(tmp_path, listed)
        with State.open(settings.state_path) as state:
            daily.gather(settings, state, feeds.Fetcher(settings.fetch),
                         dt.datetime.now(dt.timezone.utc))
        assert one.peak <= 2 and two.peak <= 2  # never more than 2 at once on one host
        assert one.peak + two.peak > 2  # ... but more than one source at a time in all


def test_results_warnings_and_lines_keep_the_config_order(
        tmp_path: Path, web: WebServer, caplog: pytest.LogCaptureFixture) -> None:
    """The first sources answer last; what the run reports is in the config's order."""
    listed = []
    for n in range(len(STORIES)):
        delay = 0.1 * (len(STORIES) - n)
        listed.append((f"Feed {n}", _story_feed(web, f"/feed-{n}.xml", n, delay=delay)))
        web.add(f"/gone-{n}.xml", b"gone", status=404, delay=delay)
        listed.append((f"Gone {n}", web.url(f"/gone-{n}.xml")))
    settings = _config(tmp_path, listed)
    caplog.set_level(logging.INFO, logger="briefing")
    with State.open(settings.state_path) as state:
        articles, failures = daily.gather(settings, state, feeds.Fetcher(settings.fetch),
                                          dt.datetime.now(dt.timezone.utc))
    assert [a.via for a in articles] == [f"Feed {n}" for n in range(len(STORIES))]
    assert [f.source.label for f in failures] == [f"Gone {n}" for n in range(len(STORIES))]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"source Gone {n} failed: HTTP 404 Not Found"
                        for n in range(len(STORIES))]
    lines = [r.getMessage() for r in caplog.records
             if r.levelno == logging.INFO and r.getMessage().startswith(("Feed ", "Gone "))]
    assert [line.split(":")[0] for line in lines] == [name for name, _ in listed]
    assert lines[0].startswith("Feed 0: fetched, 1 item, 1 new, ") and lines[0].endswith(" s")
    assert lines[1].startswith("Gone 0: failed, 0 items, 0 new, ")


def test_verbose_run_prints_one_line_per_source(tmp_path: Path, web: WebServer) -> None:
    url = _story_feed(web, "/courier.xml", 0, etag='"v1"')
    web.add("/gone.xml", b"", status=404)
    settings = _config(tmp_path, [("Velmora Courier", url), ("Gone Gazette", web.url("/gone.xml"))])
    runner = CliRunner()
    first = runner.invoke(main, ["-v", "run", "--config", str(settings.path)])
    assert first.exit_code == 0, first.output
    assert "Velmora Courier: fetched, 1 item, 1 new, " in first.stderr
    assert "Gone Gazette: failed, 0 items, 0 new, " in first.stderr
    second = runner.invoke(main, ["-v", "run", "--config", str(settings.path), "--date",
                                  TOMORROW.isoformat()])
    assert second.exit_code == 0, second.output
    assert "Velmora Courier: unchanged, 0 items, 0 new, " in second.stderr
    assert "1 feed unchanged" in second.stdout

"""The daily job as a morning habit (issue 12): failures in plain sight, checks before any
work, a network that comes up late, dry runs that never touch a sent day, and `briefing send`
that says to whom and never sends one mail twice by mistake."""

# ruff: noqa: F811 - the tests take test_daily's `setup` fixture, imported by name below

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from news_samples import STORIES, item, rss
from test_daily import TODAY, Setup, _run, setup  # noqa: F401 - the fixture

from briefing.cli import main
from briefing.job import config, daily


def _stderr(setup: Setup, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["run", "--config", str(setup.config_path), *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def test_a_failed_source_is_in_the_subject_near_the_top_and_on_stderr(setup: Setup) -> None:
    setup.feed((0, 1))
    code, _, stderr = _stderr(setup)
    assert code == 0
    failed = [line for line in stderr.splitlines() if "Gone Gazette" in line]
    assert failed == [line for line in failed if line.startswith(
        "warning: source Gone Gazette failed: HTTP 404")] and len(failed) == 1
    [arrived] = setup.smtp.messages
    assert arrived["Subject"].endswith("\N{EM DASH} 1 of 2 sources failed")
    plain = arrived.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = arrived.get_body(("html",)).get_content()  # type: ignore[union-attr]
    top = plain.split("BOTTOM LINE")[0]
    assert "1 OF 2 SOURCES FAILED" in top and "- Gone Gazette: HTTP 404" in top
    head = html.split("BOTTOM LINE")[0]
    assert "1 of 2 sources failed" in head and "Gone Gazette: HTTP 404" in head
    md = setup.briefs()[".md"].read_text()
    assert "Gone Gazette: HTTP 404" in md.split("## Bottom line")[0]


def test_no_failure_no_mark(setup: Setup) -> None:
    text = setup.config_path.read_text().replace(
        f'[[sources]]\nfeed = "{setup.web.url("/gone.xml")}"\nname = "Gone Gazette"\n', "")
    setup.config_path.write_text(text)
    setup.feed((0, 1))
    assert _run(setup)[0] == 0
    [arrived] = setup.smtp.messages
    assert "failed" not in arrived["Subject"]
    assert "SOURCES FAILED" not in setup.briefs()[".txt"].read_text()


def test_strict_makes_a_failed_source_exit_6_after_sending(setup: Setup) -> None:
    setup.feed((0, 1))
    assert _run(setup, "--strict")[0] == 6
    assert len(setup.smtp.messages) == 1  # the brief of the rest was still sent
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    assert _run(setup, "--date", tomorrow)[0] == 0  # nothing new, a failure, not strict: 0
    text = setup.config_path.read_text() + "\n[job]\nfail_on_source_error = true\n"
    setup.config_path.write_text(text)
    code, output = _run(setup, "--date", tomorrow, "--force")
    assert code == 6, output


def test_nothing_new_is_one_readable_line_in_the_words_of_today(setup: Setup) -> None:
    """The line names the failed sources (their reasons are on the warning lines above it)
    without parentheses in parentheses, and an old item is "more than 48 hours ago", not
    "before the end of" a day that has not ended."""
    old = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=5)
    setup.web.add("/rss.xml", rss([item(STORIES[0], setup.web.url("/bridge")),
                                   item(STORIES[1], setup.web.url("/harvest"), published=old)]),
                  "application/rss+xml")
    assert _run(setup)[0] == 0
    code, output = _run(setup, "--update")
    assert code == 0
    assert ("1 item left out: 1 published more than 48 hours ago (see [brief] max_age_hours); "
            "1 of 2 sources failed: Gone Gazette; no brief made") in output
    setup.web.routes.pop("/rss.xml")
    code, output = _run(setup, "--update")
    assert code == 1
    assert ("all 2 sources failed: Velmora Courier: HTTP 404 Not Found; Gone Gazette: HTTP 404 "
            "Not Found; no brief made") in output
    setup.config_path.write_text(setup.config_path.read_text().replace(
        f'[[sources]]\nfeed = "{setup.web.url("/gone.xml")}"\nname = "Gone Gazette"\n', ""))
    code, output = _run(setup, "--update")
    assert code == 1 and "error: the only source failed: Velmora Courier: HTTP 404" in output


def test_a_missing_password_stops_the_run_before_any_fetch(setup: Setup,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    setup.feed((0, 1))
    monkeypatch.delenv("BRIEF_PW", raising=False)
    text = setup.config_path.read_text().replace(
        'security = "none"', 'security = "none"\nuser = "brief"\npassword_env = "BRIEF_PW"')
    setup.config_path.write_text(text)
    code, output = _run(setup)
    assert code == 2
    assert "$BRIEF_PW" in output and "not set" in output
    assert sum(setup.web.hits.values()) == 0  # nothing fetched
    assert not (setup.folder / "briefs").exists()  # nothing written
    assert not (setup.folder / "briefing.db").exists()  # no state changed
    assert setup.smtp.messages == []


def test_a_recipient_that_is_no_address_stops_the_run_before_any_fetch(setup: Setup) -> None:
    setup.feed((0,))
    text = setup.config_path.read_text().replace('to = ["ana@example.org"]', 'to = ["ana"]')
    setup.config_path.write_text(text)
    code, output = _run(setup)
    assert code == 2 and "email.to: 'ana' is not an email address" in output
    assert sum(setup.web.hits.values()) == 0


def test_dry_run_force_never_touches_the_files_of_a_sent_day(setup: Setup) -> None:
    setup.feed((0,))
    assert _run(setup)[0] == 0
    folder = setup.folder / "briefs"
    sent = {path.name: path.read_bytes() for path in folder.glob(f"{TODAY.isoformat()}.*")}
    setup.feed((0, 1))
    code, output = _run(setup, "--dry-run", "--force")
    assert code == 0, output
    assert {p.name: p.read_bytes() for p in folder.glob(f"{TODAY.isoformat()}.*")
            if ".dry-run" not in p.name} == sent
    dry = setup.folder / "briefs" / f"{TODAY.isoformat()}.dry-run.txt"
    assert "frost" in dry.read_text() and "dry-run" in output
    assert (setup.folder / "briefs" / f"{TODAY.isoformat()}.dry-run.eml").exists()
    assert len(setup.smtp.messages) == 1


def test_send_says_to_whom_and_never_sends_one_mail_twice(setup: Setup) -> None:
    setup.feed((0,))
    assert _run(setup, "--dry-run")[0] == 0
    eml = setup.folder / "briefs" / f"{TODAY.isoformat()}.dry-run.eml"
    args = ["send", str(eml), "--config", str(setup.config_path)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith(f"sent {eml.name} to ana@example.org")
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 2 and "--again" in again.stderr
    assert re.search(r"already sent at \d{4}-\d\d-\d\d \d\d:\d\d to ana@example.org;",
                     again.stderr)  # the clock `briefing run` shows, not an ISO stamp
    assert len(setup.smtp.messages) == 1
    forced = CliRunner().invoke(main, [*args, "--again"])
    assert forced.exit_code == 0 and len(setup.smtp.messages) == 2


# --- Waiting for the network -----------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def _settings(tmp_path: Path, sources: str, wait: str = "") -> config.Config:
    path = tmp_path / "briefing.toml"
    path.write_text(f"{sources}\n[fetch]\n{wait}\n", encoding="utf-8")
    return config.load(path)


def test_the_run_waits_for_a_network_that_comes_up_late(tmp_path: Path) -> None:
    settings = _settings(tmp_path, '[[sources]]\nfeed = "https://news.example/rss"\n')
    clock, tries = _Clock(), []

    def connect(host: str, port: int, timeout: float) -> None:
        tries.append((host, port))
        if len(tries) < 3:
            raise OSError(-3, "Temporary failure in name resolution")

    assert daily.wait_for_network(settings, connect=connect, sleep=clock.sleep, clock=clock)
    assert tries == [("news.example", 443)] * 3 and 0 < clock.now < 60


def test_the_wait_ends_after_network_wait_and_the_run_goes_on(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings = _settings(tmp_path, '[[sources]]\nurl = "http://news.example:8080/a"\n',
                         "network_wait = 20")
    clock = _Clock()

    def down(host: str, port: int, timeout: float) -> None:
        raise OSError(101, "Network is unreachable")

    with caplog.at_level(logging.WARNING):
        assert not daily.wait_for_network(settings, connect=down, sleep=clock.sleep, clock=clock)
    assert 20 <= clock.now <= 21
    assert "news.example:8080 unreachable for 20 s" in caplog.text


def test_no_wait_for_local_sources_or_when_switched_off(tmp_path: Path) -> None:
    def never(host: str, port: int, timeout: float) -> None:
        raise AssertionError("no network needed")

    (tmp_path / "inbox").mkdir()
    local = _settings(tmp_path, '[[sources]]\nfolder = "inbox"\n')
    assert daily.wait_for_network(local, connect=never)
    off = _settings(tmp_path, '[[sources]]\nfeed = "https://news.example/rss"\n',
                    "network_wait = 0")
    assert daily.wait_for_network(off, connect=never)


def test_an_unknown_ranker_stops_the_run_before_any_fetch(setup: Setup) -> None:
    setup.feed((0,))
    setup.config_path.write_text(setup.config_path.read_text().replace(
        "[fetch]", '[brief]\nranker = "textrnak"\n\n[fetch]'))
    code, output = _run(setup)
    assert code == 2 and "brief.ranker: unknown ranker 'textrnak'" in output
    assert sum(setup.web.hits.values()) == 0


def test_a_server_that_refuses_means_the_network_is_up(tmp_path: Path) -> None:
    settings = _settings(tmp_path, '[[sources]]\nfeed = "https://news.example/rss"\n')
    clock = _Clock()

    def refused(host: str, port: int, timeout: float) -> None:
        raise ConnectionRefusedError(111, "Connection refused")

    assert daily.wait_for_network(settings, connect=refused, sleep=clock.sleep, clock=clock)
    assert clock.slept == []  # no wait: the source fails on its own, with its own reason

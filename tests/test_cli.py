"""The `briefing` command as a user (or cron) meets it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = str(REPO / "examples")


def test_brief_of_examples_prints_text() -> None:
    result = CliRunner().invoke(main, ["brief", EXAMPLES])
    assert result.exit_code == 0, result.output
    assert "BOTTOM LINE" in result.output and "SOURCES" in result.output


def test_json_to_file(tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    result = CliRunner().invoke(main, ["brief", EXAMPLES, "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["bottom_line"] and data["sources"]


def test_bad_file_is_skipped_with_one_line_and_the_rest_is_briefed(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    result = CliRunner().invoke(main, ["brief", EXAMPLES, str(tmp_path / "broken.txt")])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "broken.txt" in line]
    assert len(warnings) == 1
    assert "Traceback" not in result.output + result.stderr
    assert "BOTTOM LINE" in result.stdout


def test_no_usable_articles_has_its_own_exit_code(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", str(tmp_path)])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[-1].startswith("error: no usable articles")
    assert "Traceback" not in result.stderr


def test_missing_path_and_unknown_ranker_are_user_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["brief", str(tmp_path / "nope")])
    assert result.exit_code == 2  # a usage error (issue 12), not "no usable articles"
    assert "nope" in result.stderr
    result = CliRunner().invoke(main, ["brief", EXAMPLES, "--ranker", "magic"])
    assert result.exit_code == 2
    assert "magic" in result.stderr and "Traceback" not in result.stderr


def test_stdin() -> None:
    text = (REPO / "examples" / "storm-local-daily.md").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", "-"], input=text)
    assert result.exit_code == 0, result.stderr
    assert "Aveiro" in result.stdout


def test_feeds_and_pages_by_address_and_a_feed_file(tmp_path: Path) -> None:
    from local_servers import WebServer
    from news_samples import STORIES, atom, item, page, rss

    bridge, harvest, library = STORIES[0], STORIES[1], STORIES[2]
    with WebServer() as web:
        feed = web.add("/rss.xml", rss([item(bridge, web.url("/bridge"))]), "application/rss+xml")
        story = web.add("/library", page(library))
        missing = web.url("/gone")
        saved = tmp_path / "herald.atom"
        saved.write_bytes(atom([item(harvest, "http://127.0.0.1:9/harvest")]))
        result = CliRunner().invoke(
            main, ["brief", feed, story, missing, str(saved), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["articles"] == 3
    cited = {s["url"] or s["origin"] for s in data["sources"]}
    assert web.url("/bridge") in cited and story in cited
    warnings = [line for line in result.stderr.splitlines() if "/gone" in line]
    assert len(warnings) == 1 and warnings[0].startswith("warning: skipped")


def test_a_mistyped_input_is_a_usage_error_not_an_empty_day(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["brief", str(tmp_path / "todya")])
    assert result.exit_code == 2
    assert "error: no such file or folder" in result.stderr and "todya" in result.stderr
    # Beside a real input it is one warning, and the brief is made.
    result = CliRunner().invoke(main, ["brief", EXAMPLES, str(tmp_path / "todya")])
    assert result.exit_code == 0 and "BOTTOM LINE" in result.stdout


def test_one_article_is_one_article(tmp_path: Path) -> None:
    story = tmp_path / "ferry.txt"
    story.write_text(
        "Harbour ferry to stop\nOfficials in the harbour town confirmed on Tuesday that the old "
        "ferry will stop running next month. The council said repairs would cost more than a "
        "new boat, and a replacement would not arrive before the spring.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", str(story)])
    assert result.exit_code == 0
    assert "| 1 article, 1 source cited" in result.stdout


def test_quiet_may_follow_the_command(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    broken = str(tmp_path / "broken.txt")
    loud = CliRunner().invoke(main, ["brief", EXAMPLES, broken])
    quiet = CliRunner().invoke(main, ["brief", EXAMPLES, broken, "-q"])
    assert loud.exit_code == quiet.exit_code == 0
    assert "broken.txt" in loud.stderr
    assert "broken.txt" not in quiet.stderr  # as `briefing -q brief ...`
    assert "BOTTOM LINE" in quiet.stdout

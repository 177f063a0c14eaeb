"""What the smaller commands tell the user (issue 12): unsupported addresses, skipped inputs
named, `split` of a feed, where models are looked for, `eval` without the bench extra."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_servers import WebServer
from news_samples import STORIES, item, page, rss

from briefing import evaluate
from briefing.cli import main

ROOT = Path(__file__).resolve().parents[1]
UNSUPPORTED = "unsupported address scheme ftp:// (use http/https or a local path)"


def test_an_ftp_address_says_it_is_unsupported() -> None:
    alone = CliRunner().invoke(main, ["brief", "ftp://example.com/feed.xml"])
    assert alone.exit_code == 2  # a usage mistake, like a missing file
    assert f"error: ftp://example.com/feed.xml: {UNSUPPORTED}" in alone.stderr
    mixed = CliRunner().invoke(main, ["brief", "ftp://example.com/feed.xml",
                                      str(ROOT / "examples")])
    assert mixed.exit_code == 0
    assert f"warning: skipped ftp://example.com/feed.xml: {UNSUPPORTED}" in mixed.stderr


def test_the_brief_names_each_skipped_input(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "junk.bin").write_bytes(b"\x00\x01\x02" * 50)
    result = CliRunner().invoke(main, ["brief", str(ROOT / "examples"),
                                       str(tmp_path / "empty.txt"), str(tmp_path / "junk.bin")])
    assert result.exit_code == 0, result.output
    skipped = result.stdout.split("\nSKIPPED", 1)[1].splitlines()
    assert f"{tmp_path.name}/" in skipped[0]  # the heading names their folder once
    assert "- empty.txt: empty file" in skipped
    assert any(line.startswith("- junk.bin: ") for line in skipped)
    assert "input(s) skipped" not in result.stdout


def test_split_reads_a_feed_file_and_an_address(tmp_path: Path) -> None:
    with WebServer() as web:
        items = [item(story, web.url(f"/{story.slug}")) for story in STORIES[:2]]
        web.add("/rss.xml", rss(items), "application/rss+xml")
        for story in STORIES[:2]:
            web.add(f"/{story.slug}", page(story))
        feed = tmp_path / "saved.rss"
        feed.write_bytes(rss(items))
        from_file = CliRunner().invoke(main, ["split", str(feed)])
        from_web = CliRunner().invoke(main, ["split", "--json", web.url("/rss.xml")])
    assert from_file.exit_code == 0, from_file.output
    lines = from_file.stdout.splitlines()
    assert lines[0] == f"[1] {STORIES[0].title} - {web.url('/' + STORIES[0].slug)}"
    assert f"[2] {STORIES[1].title} - {web.url('/' + STORIES[1].slug)}" in lines
    assert "<item>" not in from_file.stdout and "<rss" not in from_file.stdout
    records = [json.loads(line) for line in from_web.stdout.splitlines()]
    assert from_web.exit_code == 0 and len({r["article"] for r in records}) == 2
    assert all(r["text"] for r in records)


def test_split_of_what_is_not_there_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """As for `brief`: a typo is a usage mistake (exit 2), said once, not as a warning first."""
    for name, reason in (("gone.txt", "no such file or folder"),
                         ("gone.rss", "no such file or folder"),
                         ("ftp://example.com/feed.xml", UNSUPPORTED)):
        target = name if "://" in name else str(tmp_path / name)
        result = CliRunner().invoke(main, ["split", target])
        assert result.exit_code == 2, name
        assert result.stderr.splitlines() == [f"error: {target}: {reason}"]
    with WebServer() as web:
        web.add("/down.xml", "", status=404)
        down = CliRunner().invoke(main, ["split", web.url("/down.xml")])
    assert down.exit_code == 1
    assert len(down.stderr.splitlines()) == 1 and "HTTP 404" in down.stderr


def test_models_list_shows_where_it_looks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_MODELS", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    result = CliRunner().invoke(main, ["models", "list"])
    assert result.exit_code == 0
    assert f"  {tmp_path / 'models'}  (briefing's own" in result.stdout
    assert f"  {tmp_path / 'hub'}  (the huggingface cache)" in result.stdout
    assert "models/README.md" not in result.stdout  # a repository path an installed user lacks


def test_eval_without_the_bench_extra_scores_the_rest(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate, "has_sumy", lambda: False)
    data = tmp_path / "dev.jsonl"
    story = STORIES[0]
    data.write_text(json.dumps({"id": "1", "articles": [story.text], "summary": story.title})
                    + "\n")
    result = CliRunner().invoke(main, ["eval", str(data), "--sentences", "2"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1
    assert "sumy-lexrank, sumy-textrank left out" in warnings[0]
    assert "briefing[bench]" in warnings[0]
    assert "lead-baseline" in result.stdout and "default" in result.stdout


def test_failed_inputs_are_listed_before_copies_which_share_one_line(tmp_path: Path) -> None:
    story = (ROOT / "examples").glob("*.txt")
    text = next(iter(sorted(story))).read_text()
    for k in range(4):
        (tmp_path / f"copy{k}.txt").write_text(text)
    (tmp_path / "zz-empty.txt").write_text("")
    result = CliRunner().invoke(main, ["brief", str(ROOT / "examples"), str(tmp_path)])
    assert result.exit_code == 0, result.output
    skipped = result.stdout.split("\nSKIPPED", 1)[1].strip().splitlines()
    assert skipped[1] == "- zz-empty.txt: empty file"  # the failure first, by name
    assert skipped[2] == "- 4 duplicate copies of other articles"
    assert len(skipped) == 3

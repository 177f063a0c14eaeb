"""Reading what the user points at: every kind of file, folders, stdin, and bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from briefing import ingest
from briefing.errors import InputError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

STORY = (
    "Officials in the harbour town confirmed on Tuesday that the old ferry will stop running "
    "next month. The council said repairs would cost more than a new boat."
)


def test_text_file_first_short_line_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(f"Harbour Ferry To Stop Running\n\n{STORY}\n", encoding="utf-8")

    (article,) = ingest.read_file(path)

    assert article.title == "Harbour Ferry To Stop Running"
    assert article.text.strip() == STORY
    assert article.origin == str(path)


def test_text_file_starting_with_a_sentence_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(f"{STORY}\nMore follows tomorrow.\n", encoding="utf-8")

    (article,) = ingest.read_file(path)

    assert article.title == ""
    assert article.text.startswith("Officials in the harbour town")


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "ferry.md"
    path.write_text(f"# Harbour ferry to stop\n\n{STORY} See [the notice](http://x.test).\n")

    (article,) = ingest.read_file(path)

    assert article.title == "Harbour ferry to stop"
    assert "#" not in article.text
    assert "See the notice." in article.text


def test_html_page_gives_text_title_author_and_date(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{STORY} Paragraph {i} adds detail.</p>" for i in range(4))
    page = f"""<html><head><title>Ferry to stop | Harbour News</title>
    <meta name="author" content="Jane Reporter">
    <meta property="article:published_time" content="2024-06-27T09:00:00+00:00">
    </head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Ferry to stop</h1>{paragraphs}</article>
    <footer>Copyright Harbour News. Subscribe to our newsletter.</footer></body></html>"""
    path = tmp_path / "ferry.html"
    path.write_text(page, encoding="utf-8")

    (article,) = ingest.read_file(path)

    assert "old ferry will stop running" in article.text
    assert "Home" not in article.text
    assert "Ferry to stop" in article.title
    assert article.author == "Jane Reporter"
    assert article.published is not None and article.published.date() == dt.date(2024, 6, 27)


def test_json_list_with_common_field_names(tmp_path: Path) -> None:
    records = [
        {"title": "Ferry", "text": STORY, "url": "https://a.test/1", "source": "Harbour News",
         "published": "2024-06-27T10:00:00Z", "author": "Jane"},
        {"headline": "Bridge", "body": STORY, "link": "https://b.test/2",
         "date": "Thu, 27 Jun 2024 10:00:00 +0200", "source": {"name": "Coast Daily"}},
    ]
    path = tmp_path / "day.json"
    path.write_text(json.dumps(records), encoding="utf-8")

    first, second = ingest.read_file(path)

    assert (first.title, first.source, first.url, first.author) == (
        "Ferry", "Harbour News", "https://a.test/1", "Jane")
    assert first.published == dt.datetime(2024, 6, 27, 10, tzinfo=dt.timezone.utc)
    assert (second.title, second.source, second.url) == ("Bridge", "Coast Daily", "https://b.test/2")
    # "+02:00" in the record: the same instant, in UTC like every date the stages see.
    assert second.published == dt.datetime(2024, 6, 27, 8, tzinfo=dt.timezone.utc)
    assert second.published.tzinfo == dt.timezone.utc
    assert first.origin != second.origin


def test_jsonl_keeps_line_numbers_and_skips_a_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "day.jsonl"
    path.write_text(
        json.dumps({"title": "One", "text": STORY}) + "\n"
        "{not json\n"
        + json.dumps({"title": "Three", "text": STORY}) + "\n",
        encoding="utf-8",
    )

    articles, skipped = ingest.read_inputs([str(path)])

    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:3"]
    assert [s.origin for s in skipped] == [f"{path}:2"]
    assert "line 2" in skipped[0].reason and "JSON" in skipped[0].reason


def test_folder_is_read_recursively_in_order_without_hidden_or_unknown_files(
    tmp_path: Path,
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "second.txt").write_text(STORY)
    (tmp_path / "a.md").write_text(STORY)
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text(STORY)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")

    articles, skipped = ingest.read_inputs([str(tmp_path)])

    assert [Path(a.origin).name for a in articles] == ["a.md", "second.txt"]
    assert skipped == []


def test_stdin_text_and_stdin_json_lines() -> None:
    text_articles, _ = ingest.read_inputs(["-"], stdin=io.StringIO(f"Ferry news\n{STORY}"))
    lines = "\n".join(json.dumps({"title": t, "text": STORY}) for t in ("A", "B"))
    json_articles, _ = ingest.read_inputs(["-"], stdin=io.StringIO(lines))

    assert [(a.origin, a.title) for a in text_articles] == [("-", "Ferry news")]
    assert [(a.origin, a.title) for a in json_articles] == [("-:1", "A"), ("-:2", "B")]


def test_bad_files_are_skipped_with_a_reason_and_the_rest_still_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners protest.".encode("latin-1"))
    (tmp_path / "broken.json").write_text('{"title": "x",\n "text": }')
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(ingest.MAX_BYTES + 1)  # sparse: its size is checked before reading

    articles, skipped = ingest.read_inputs([str(tmp_path), str(tmp_path / "missing.txt")])

    assert [Path(a.origin).name for a in articles] == ["good.txt"]
    reasons = {Path(s.origin).name: s.reason for s in skipped}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "line 2" in reasons["broken.json"]
    assert "too large" in reasons["huge.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert all("\n" not in reason for reason in reasons.values())


def test_read_file_raises_input_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "binary.html"
    path.write_bytes(b"\x00\x01\x02")

    with pytest.raises(InputError) as caught:
        ingest.read_file(path)

    assert str(path) in str(caught.value)


def test_article_from_html_keeps_the_given_url_as_origin_and_url() -> None:
    page = "<html><body><article>" + f"<p>{STORY}</p>" * 3 + "</article></body></html>"

    article = ingest.article_from_html(page, "https://news.test/ferry", "https://news.test/ferry")

    assert article.origin == article.url == "https://news.test/ferry"
    assert "old ferry" in article.text


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not available")
def test_seed_folder_reads_both_articles_with_the_headline_as_title() -> None:
    articles, skipped = ingest.read_inputs([str(SEEDS)])

    assert skipped == []
    assert len(articles) == 2
    assert articles[1].title.startswith("NATO Chief Jens Stoltenberg Asserts")

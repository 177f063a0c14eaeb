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


# --- hostile inputs (issue 9): each one a single warning, the rest read -------------------------


def _read_folder(folder: Path) -> tuple[list[str], dict[str, str]]:
    articles, skipped = ingest.read_inputs([str(folder)])
    return [Path(a.origin).name for a in articles], {Path(s.origin).name: s.reason
                                                     for s in skipped}


def test_devices_fifos_and_symlink_loops_are_never_opened(tmp_path: Path) -> None:
    import os

    (tmp_path / "good.txt").write_text(STORY)
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    os.symlink("/dev/urandom", tmp_path / "random.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block forever
    os.symlink(".", tmp_path / "loop-a")
    os.symlink(".", tmp_path / "loop-b")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")

    read, reasons = _read_folder(tmp_path)

    assert read == ["good.txt"]  # once, although the loops lead to it again and again
    assert "a device" in reasons["zero.txt"] and "a device" in reasons["random.txt"]
    assert "FIFO" in reasons["pipe.txt"]
    assert "dangling" in reasons["dangling.txt"]


def test_a_fifo_named_on_the_command_line_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    articles, [skipped] = ingest.read_inputs([str(tmp_path / "pipe.txt")])
    assert articles == [] and "FIFO" in skipped.reason


def test_an_unreadable_sub_folder_is_one_warning(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: object) -> object:  # chmod 000 does not stop root, so refuse here
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest.os, "scandir", scandir)
    read, reasons = _read_folder(tmp_path)
    assert read == ["good.txt"] and "permission denied" in reasons["locked"]


def test_odd_names_are_shown_escaped_on_one_line(tmp_path: Path) -> None:
    import os

    folder = os.fsencode(tmp_path)
    with open(folder + b"/bad\xffname.txt", "wb") as handle:
        handle.write(f"A title\n{STORY}\n".encode())
    (tmp_path / "new\nline.txt").write_bytes(b"\x00\x01binary")
    articles, skipped = ingest.read_inputs([str(tmp_path)])
    assert [Path(a.origin).name for a in articles] == ["bad\\xffname.txt"]
    assert articles[0].id  # hashable into an id (a lone surrogate is not)
    assert [Path(s.origin).name for s in skipped] == ["new\\nline.txt"]


@pytest.mark.parametrize("content, reason", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"text": "x", "published": ' + "9" * 5000 + "}", "too long"),
    ('{"text": ' + "[" * 50_000 + "]" * 50_000 + "}", "nested too deeply"),
])
def test_json_that_python_cannot_parse_is_one_warning(tmp_path: Path, content: str,
                                                      reason: str) -> None:
    (tmp_path / "bad.json").write_text(content)
    (tmp_path / "good.txt").write_text(STORY)
    read, reasons = _read_folder(tmp_path)
    assert read == ["good.txt"] and reason in reasons["bad.json"]


def test_bad_field_values_cost_the_field_not_the_article(tmp_path: Path) -> None:
    records = [
        {"text": STORY, "published": 10**400, "title": "\udfff broken", "url": "\udfff"},
        {"text": STORY + " Two.", "published": "2026-11-20T10:00:00"},
        {"text": STORY + " Three.", "published": "2026-11-20T10:00:00+02:00"},
        {"text": STORY + " Four.", "published": float("nan"), "title": ["a", {"b": 1}]},
        {"text": STORY + " Five.", "published": "0000-00-00", "url": "javascript:alert(1)"},
    ]
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    articles = ingest.read_file(path)
    assert len(articles) == 5
    first = articles[0]
    assert first.published is None and first.url == "" and "\udfff" not in first.title
    first.title.encode("utf-8")  # valid Unicode
    # Naive and aware dates of one day compare: both are UTC now.
    assert articles[1].published is not None and articles[2].published is not None
    assert articles[1].published > articles[2].published
    assert articles[3].published is None and articles[4].published is None


def test_escape_sequences_and_controls_never_reach_the_text(tmp_path: Path) -> None:
    path = tmp_path / "esc.txt"
    path.write_text("Red \x1b[31mAlert\x1b[0m\n" + STORY.replace("ferry", "\x1b]0;pwned\x07ferry")
                    + "\x08\x9b2J done.\r\n" + " More." * 2000 + "\x00 A NUL after 8 KB.")
    [article] = ingest.read_file(path)
    assert article.title == "Red Alert"
    assert "ferry will stop" in article.text
    assert not any(ord(c) < 32 and c not in "\n\t" or 0x7f <= ord(c) <= 0x9f
                   for c in article.title + article.text)


def test_a_page_with_a_bogus_charset_is_read_as_browsers_do(tmp_path: Path) -> None:
    page = (b'<html><head><meta charset="undefined"><title>Caf\xe9 owners protest</title></head>'
            b"<body><article><p>" + STORY.encode() + b" Caf\xe9 owners joined the protest on "
            b"Tuesday.</p></article></body></html>")
    (tmp_path / "page.html").write_bytes(page)
    [article] = ingest.read_file(tmp_path / "page.html")
    assert "Café owners joined" in article.text


def test_html_that_breaks_the_parser_is_one_warning(tmp_path: Path) -> None:
    (tmp_path / "math.html").write_text("<math><p><body><meta>")
    (tmp_path / "good.txt").write_text(STORY)
    read, reasons = _read_folder(tmp_path)
    assert read == ["good.txt"] and "math.html" in reasons


def test_undecodable_stdin_is_one_warning() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"Caf\xe9 news\n" + STORY.encode("latin-1")),
                             encoding="utf-8")
    articles, [skipped] = ingest.read_inputs(["-"], stdin=stdin)
    assert articles == [] and "UTF-8" in skipped.reason


def test_a_folder_is_read_one_file_at_a_time_as_the_brief_takes_them(tmp_path: Path,
                                                                       monkeypatch) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Report {n} says the ferry left on time.",
                                           encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    opened: list[str] = []
    read_path = ingest._read_path
    monkeypatch.setattr(ingest, "_read_path", lambda path: (opened.append(path.name),
                                                            read_path(path))[1])
    skipped: list = []
    stream = ingest.iter_inputs([str(tmp_path)], skipped)
    first = next(stream)
    assert opened == [Path(first.origin).name]  # the other files are not read yet
    rest = list(stream)
    assert len(rest) == 2 and len(opened) == 4
    assert [s.origin.rsplit("/", 1)[-1] for s in skipped] == ["broken.json"]  # said at the end


@pytest.mark.parametrize("crumb", [
    "English >> World", "Home > News > World", "News | World", "World / Europe",
    "Science & Tech > Space", "Home » U.S. » Politics",
])
def test_a_breadcrumb_above_the_headline_is_dropped_and_the_headline_is_the_title(
    tmp_path: Path, crumb: str
) -> None:
    path = tmp_path / "057.txt"
    path.write_text(f"{crumb}\n\nHarbour Ferry To Stop Running\n\n{STORY}\n", encoding="utf-8")

    (article,) = ingest.read_file(path)

    assert article.title == "Harbour Ferry To Stop Running"
    assert article.text.strip() == STORY


def test_a_photo_caption_as_first_line_is_never_the_title(tmp_path: Path) -> None:
    for caption in (
        "Best actor winner Jon Vale (for 'Tidewater') swapped his shoes for slippers. "
        "(Photo: Mia Lund, Invision/AP)",
        "A ferry leaves the harbour at dawn (Getty Images)",
        "A rescuer carries a child from the water (AP Photo/Ola Brandt)",
        "Crowds gather at the quay. Photo: Mia Lund/Reuters",
    ):
        path = tmp_path / "caption.txt"
        path.write_text(f"{caption}\n\nHarbour Ferry To Stop Running\n\n{STORY}\n",
                        encoding="utf-8")

        (article,) = ingest.read_file(path)

        assert article.title == "Harbour Ferry To Stop Running", caption
        assert article.text.strip() == STORY, caption


def test_headlines_that_look_like_crumbs_or_credits_stay_titles(tmp_path: Path) -> None:
    for title in (
        "Bonds rally / Stocks slip", "Storms Batter Coast | Weather", "Oil up 2% / Gold falls",
        "Flood hits Velmora (photos)", "Museum to show rare photos by Lee Hart",
        "Politics",  # a lone section label is left to clean_title
    ):
        path = tmp_path / "t.txt"
        path.write_text(f"{title}\n\n{STORY}\n", encoding="utf-8")

        (article,) = ingest.read_file(path)

        assert article.title == title

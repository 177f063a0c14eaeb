"""render: the four layouts and a user's own template."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from briefing import render
from briefing.domain import Brief, BriefSentence, Development, Entity, SourceRef, TimelineEvent
from briefing.errors import ConfigError

LONG = (
    "The regional governor said on Tuesday that the evacuation of the coastal villages would "
    "continue through the weekend because the storm surge forecast had been raised again."
)


def _sentence(text: str, n: int = 1) -> BriefSentence:
    return BriefSentence(text=text, citation=n, article_id=f"id{n}", start=0, end=len(text),
                         score=0.9)


def _brief(**changes: object) -> Brief:
    fields: dict[str, object] = dict(
        title="Morning Brief",
        date=dt.date(2026, 11, 22),
        bottom_line=(_sentence(LONG),),
        developments=(
            Development("Storm nears the coast", (_sentence(LONG), _sentence("Roads closed.", 2)),
                        1.0, (1, 2), articles=3),
        ),
        actors=(Entity("Coast Guard", "organisation", 4, (1,)),),
        locations=(Entity("Baltimore", "location", 2, (2,)),),
        timeline=(TimelineEvent(dt.date(2026, 11, 18), _sentence("The storm formed.", 2),
                                "November 18"),),
        sources=(
            SourceRef(1, "id1", "Storm update", "Example News", "today/storm.html",
                      "https://example.com/storm"),
            SourceRef(2, "id2", "", "", "today/roads.txt"),
        ),
        articles=5,
    )
    fields.update(changes)
    return Brief(**fields)  # type: ignore[arg-type]


def test_text_is_email_ready_lines_of_at_most_72_characters() -> None:
    text = render.render(_brief(), "text")
    assert max(len(line) for line in text.splitlines()) <= 72
    for heading in ("BOTTOM LINE", "KEY DEVELOPMENTS", "KEY ACTORS", "LOCATIONS", "TIMELINE",
                    "SOURCES"):
        assert heading in text.splitlines()
    assert "[1] Storm update (Example News) - https://example.com/storm" in text  # the outlet
    assert "Coast Guard (4)" in text
    assert "2026-11-18" in text


def test_every_rendered_sentence_keeps_its_citation() -> None:
    for fmt in ("text", "md", "html"):
        flat = " ".join(render.render(_brief(), fmt).split())
        assert "Roads closed. [2]" in flat or "Roads closed. <sup" in flat, fmt


def test_html_escapes_article_text_and_refuses_script_links() -> None:
    evil = _sentence('Protesters chanted "<script>alert(1)</script>" outside.')
    brief = _brief(
        bottom_line=(evil,),
        sources=(SourceRef(1, "id1", "<b>x</b>", "", "f.html", "javascript:alert(1)"),),
    )
    html = render.render(brief, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert 'style="' in html  # inline styles for mail clients


def test_json_holds_scores_spans_and_citations() -> None:
    data = json.loads(render.render(_brief(), "json"))
    first = data["bottom_line"][0]
    assert first["citation"] == 1 and first["start"] == 0 and first["score"] == 0.9
    assert data["date"] == "2026-11-22"
    assert data["sources"][0]["url"] == "https://example.com/storm"


def test_month_precision_dates_are_not_shown_as_the_first_of_the_month() -> None:
    event = TimelineEvent(dt.date(2022, 2, 1), _sentence("The invasion began."), "February 2022",
                          precision="month")
    text = render.render(_brief(timeline=(event,)), "text")
    assert "2022-02 " in text and "2022-02-01" not in text


def test_user_template(tmp_path: Path) -> None:
    mine = tmp_path / "mine.txt.j2"
    mine.write_text("{{ brief.title }}: {{ brief.bottom_line | cited }}\n", encoding="utf-8")
    out = render.render(_brief(), "text", template=mine)
    assert out.startswith("Morning Brief: The regional governor")
    assert out.rstrip().endswith("[1]")


def test_broken_user_template_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.j2"
    bad.write_text("{{ brief.nothing_here }}", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.j2"):
        render.render(_brief(), "text", template=bad)
    with pytest.raises(ConfigError, match="not found"):
        render.render(_brief(), "text", template=tmp_path / "missing.j2")


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "2026-11-22.txt"
    render.write_atomic(target, "first\n")
    render.write_atomic(target, "second\n")
    assert target.read_text(encoding="utf-8") == "second\n"
    assert [p.name for p in target.parent.iterdir()] == ["2026-11-22.txt"]


def test_markdown_shows_article_text_literally_and_links_only_http() -> None:
    evil = _sentence('They posted <script>alert(1)</script> and [a prize](javascript:alert(1)) '
                     "with *stars* and `code`.")
    brief = _brief(
        bottom_line=(evil,),
        developments=(Development("<img src=x onerror=alert(1)> **loud**", (evil,), 1.0, (1,)),),
        sources=(SourceRef(1, "id1", "[click](javascript:alert(1))", "", "f.md",
                           "javascript:alert(1)"),
                 SourceRef(2, "id2", "Fine", "", "g.md", "https://example.com/a (b)")),
    )
    from markdown_it import MarkdownIt

    md = render.render(brief, "md")
    html = MarkdownIt("commonmark").render(md)  # what a reader's Markdown viewer shows
    assert "<script" not in html and "<img" not in html and "<strong>loud" not in html
    assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', html))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[a prize](javascript:alert(1))" in html and "*stars*" in html  # shown as typed
    assert 'href="https://example.com/a%20%28b%29">Fine</a>' in html  # the link can't break out


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        render.write_atomic(tmp_path / "brief.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "brief.txt").stat().st_mode & 0o777 == 0o644


def test_further_stories_are_one_line_each_with_their_citation() -> None:
    from briefing.domain import StoryLine

    long = "Regional lawmakers agreed after a night of talks to extend the ferry subsidy " * 2
    brief = _brief(further=(StoryLine("Early grape harvest in Aster valley", 2, 0.5, 3),
                            StoryLine(long.strip(), 1, 0.4)))
    lines = render.render(brief, "text").splitlines()
    start = lines.index("ALSO TODAY")
    assert lines[start + 1] == "- Early grape harvest in Aster valley (3 reports) [2]"
    assert lines[start + 2].endswith("… [1]") and len(lines[start + 2]) <= 72
    assert lines[start + 3] == ""
    md = render.render(brief, "md")
    assert "## Also today" in md and "- Early grape harvest in Aster valley [2]" in md


def test_sources_read_from_files_share_lines_under_their_folder() -> None:
    refs = tuple(SourceRef(n, f"id{n}", "", "", f"/data/news/2026-11-22/{n:03d}.txt")
                 for n in range(1, 9))
    web = SourceRef(9, "id9", "Storm update", "Example News", "x", "https://example.com/storm")
    brief = _brief(sources=(*refs, web))
    lines = render.render(brief, "text").splitlines()
    start = lines.index("SOURCES (in /data/news/2026-11-22/)")
    assert lines[start + 1].startswith("[1] 001.txt  [2] 002.txt  [3] 003.txt")
    assert all(len(line) <= 72 for line in lines)
    shown = " ".join(lines[start:])
    assert all(f"[{n}] {n:03d}.txt" in shown for n in range(1, 9))
    assert "[9] Storm update (Example News) - https://example.com/storm" in shown


def test_a_web_source_keeps_its_whole_address_on_one_line_and_gives_up_its_title_first() -> None:
    long_url = "https://news.example.org/world/2026/11/22/" + "a-very-long-path-segment-" * 3
    named = SourceRef(1, "id1", "Council approves the new harbour budget after a long night",
                      "Harbour Times", "x", long_url)
    own = SourceRef(2, "id2", "Dam repairs begin", "news.example.org", "y", long_url + "2")
    lines = render.render(_brief(sources=(named, own)), "text").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("SOURCES"))
    shown = lines[start + 1:]
    assert shown[0] == "[1] Harbour Times"  # the outlet stays, the title goes
    assert shown[1].strip() == long_url  # the address whole, on a line of its own
    assert f"[2] {long_url}2" in shown  # an outlet its address names is not said twice

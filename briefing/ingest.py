"""Read articles from what the user points at: files, folders, JSON Lines, standard input.

    read_inputs(["today/", "extra.html", "-"]) -> ([Article, ...], [Skipped, ...])

One bad file never stops the day: it becomes a `Skipped` with a one-line reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from briefing.domain import Article, Skipped

MAX_BYTES = 10 * 1024 * 1024


def read_inputs(
    paths: Sequence[str], *, stdin: TextIO | None = None
) -> tuple[list[Article], list[Skipped]]:
    """Every article under `paths` (folders recursively, `-` = stdin), and what was skipped."""
    raise NotImplementedError


def read_file(path: Path) -> list[Article]:
    """The articles of one file; raises InputError with the reason when it can't be read."""
    raise NotImplementedError


def article_from_html(html: str, origin: str, url: str = "") -> Article:
    """An article from a web page: main text, title, author and date through trafilatura."""
    raise NotImplementedError

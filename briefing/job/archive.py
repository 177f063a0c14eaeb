"""The output folder's `index.html`: the dated briefs a person can browse.

    write_index(folder, title, zone) -> Path

Every run that writes a brief writes the index again from the files in the folder
(`2026-11-22.txt|.html|.md|.json`, `2026-11-22-update-1.*`), newest first: the day (and
update), links to each format, the first words of the bottom line and the stories that were
developing, both read from the brief's JSON when there is one. The layout is
templates/index.html.j2.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

INDEX = "index.html"
LEAD_WORDS = 30  # words of the bottom line shown for each brief
_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-update-(\d+))?\.(html|txt|md|json)$")
_ORDER = ("html", "txt", "md", "json")


@dataclass(frozen=True)
class Entry:
    label: str  # "Sunday 22 November 2026", "Sunday 22 November 2026, update 1"
    main: str  # the file the label links to (html if there is one)
    links: tuple[tuple[str, str], ...]  # (format, file name) of every other format
    lead: str
    developing: tuple[str, ...]
    sort: tuple[str, int]


def write_index(folder: Path, title: str = "Daily Situation Brief",
                zone: dt.tzinfo = dt.timezone.utc) -> Path:
    """Write `<folder>/index.html` for the briefs in `folder` ("Updated" in `zone`, the
    config's time zone); returns its path."""
    from briefing.render import environment, write_atomic

    folder = Path(folder)
    files: dict[tuple[str, int], dict[str, str]] = {}
    for path in folder.iterdir() if folder.is_dir() else ():
        match = _FILE.match(path.name)
        if match:
            day, update, ext = match.group(1), int(match.group(2) or 0), match.group(3)
            files.setdefault((day, update), {})[ext] = path.name
    entries = sorted((_entry(folder, key, found) for key, found in files.items()),
                     key=lambda e: e.sort, reverse=True)
    page = environment().get_template("index.html.j2").render(
        title=title, entries=entries,
        updated=dt.datetime.now(zone).strftime("%Y-%m-%d %H:%M %Z"))
    target = folder / INDEX
    write_atomic(target, page)
    return target


def _entry(folder: Path, key: tuple[str, int], found: dict[str, str]) -> Entry:
    day, update = key
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        label = day
    else:
        label = f"{date:%A} {date.day} {date:%B %Y}"
    if update:
        label += f", update {update}"
    ordered = [(fmt, found[fmt]) for fmt in _ORDER if fmt in found]
    main = ordered[0][1] if ordered else ""
    lead = ""
    developing: tuple[str, ...] = ()
    if "json" in found:
        data = _read(folder / found["json"])
        if data:
            lead, developing = _lead(data), _developing(data)
    return Entry(label, main, tuple(ordered[1:]), lead, developing, (day, update))


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.info("archive: can't read %s (%s)", path, exc)
        return None
    return data if isinstance(data, dict) else None


def _lead(data: dict[str, Any]) -> str:
    words = " ".join(str(s.get("text", "")) for s in data.get("bottom_line") or ()
                     if isinstance(s, dict)).split()
    return " ".join(words[:LEAD_WORDS]) + (" …" if len(words) > LEAD_WORDS else "")


def _developing(data: dict[str, Any]) -> tuple[str, ...]:
    shown = [*(data.get("developments") or ()), *(data.get("further") or ())]
    return tuple(f"{s.get('headline', '')} (day {s.get('days', 1)})" for s in shown
                 if isinstance(s, dict) and s.get("status") == "developing")

"""What every later stage may take for granted about an article and about a message.

    article(Article) -> Article   text without control characters or terminal escapes, valid
                                  Unicode, one-line title/source/author/url, a shown origin,
                                  the date timezone-aware UTC (None when it can't be one)
    text(str) -> str              article text: newlines and tabs kept, CR LF and CR become LF
    line(str) -> str              one line: runs of whitespace and control characters become one
                                  space (server phrases, titles, reasons)
    address(str) -> str           a URL field: the address when it is one, else ""
    shown(str) -> str             a name for messages (a file name, a URL): one line, control
                                  characters and undecodable bytes written as escapes (\\n, \\xff),
                                  so the user can still tell which file it was
    moment(datetime) -> datetime | None

Input is hostile: a file name may hold a newline or an undecodable byte, a feed an escape
sequence that recolours the terminal, a JSON string a lone surrogate that no encoder accepts.
Whatever reaches a brief, a warning line or the state database has passed through here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from briefing.domain import Article

# Terminal escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
# strings, two-character escapes, and their 8-bit forms (0x9b CSI, 0x9d OSC).
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# C0 and C1 controls but tab and newline, DEL, and the bidirectional overrides and isolates
# that reorder what a terminal or mail reader shows ("Trojan source").
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_ANY_SPECIAL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_SHOWN_SPECIAL = re.compile(r"[\t\n]|" + _ANY_SPECIAL.pattern)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# A date after this much past the present is a typo or garbage (year 9999), not a publication.
FUTURE_SLACK = dt.timedelta(days=2)
OLDEST = dt.datetime(1800, 1, 1, tzinfo=dt.timezone.utc)


def article(item: Article, *, now: dt.datetime | None = None) -> Article:
    """`item` with every field normalised; the same object when nothing needed changing."""
    changes: dict[str, object] = {}
    for name, fix in (("text", text), ("title", line), ("source", line), ("author", line),
                      ("url", address), ("origin", shown)):
        value = getattr(item, name)
        if not isinstance(value, str):
            value = "" if value is None else str(value)
        fixed = fix(value)
        if fixed is not getattr(item, name):
            changes[name] = fixed
    when = moment(item.published, now=now)
    if when is not item.published:
        changes["published"] = when
    return replace(item, **changes) if changes else item  # type: ignore[arg-type]


def text(value: str) -> str:
    """Article text: valid Unicode; no escapes or controls but newlines and tabs."""
    if not _ANY_SPECIAL.search(value) and "\x1b" not in value:
        return value
    value = _valid(value)
    value = _ESCAPES.sub("", value)
    value = _BREAKS.sub("\n", value)
    return _CONTROLS.sub("", value)


def line(value: str) -> str:
    """One line of text: escapes dropped, whitespace and control runs become one space."""
    if not _ANY_SPECIAL.search(value) and "\n" not in value and "  " not in value \
            and value == value.strip():
        return value
    value = _ESCAPES.sub("", _valid(value))
    value = _CONTROLS.sub(" ", _BREAKS.sub(" ", value))
    return " ".join(value.split())


_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+\S*")


def address(value: str) -> str:
    """A URL field: the address when it is one (scheme://host...), else "" (a damaged or made-up
    value is no link to follow)."""
    value = line(value)
    return value if _ADDRESS.fullmatch(value) and "\ufffd" not in value else ""


def shown(value: str) -> str:
    """A name as a message shows it: one line, nothing the terminal would act on.

    File names from the operating system keep undecodable bytes as lone surrogates
    (surrogateescape); they are written back as `\\xff`, controls as `\\n` or `\\x1b`.
    """
    if not _SHOWN_SPECIAL.search(value):
        return value
    if _SURROGATES.search(value):
        try:
            value = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            value = _valid(value)
    return "".join(
        _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        if _SHOWN_SPECIAL.match(c) else c
        for c in value
    )


def moment(value: dt.datetime | None, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """A publication time as timezone-aware UTC (a naive one is taken as UTC); None when it is
    not a plausible publication time (unrepresentable, before 1800, days in the future)."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        if isinstance(value, dt.date):
            value = dt.datetime(value.year, value.month, value.day)
        else:
            return None
    try:
        if value.tzinfo is None or value.utcoffset() is None:
            aware = value.replace(tzinfo=dt.timezone.utc)
        else:
            aware = value.astimezone(dt.timezone.utc)
    except (OverflowError, ValueError):
        return None
    latest = (now or dt.datetime.now(dt.timezone.utc)) + FUTURE_SLACK
    try:
        if aware < OLDEST or aware > latest:
            return None
    except TypeError:  # a naive `now` from a caller
        return None
    if aware == value and value.tzinfo is dt.timezone.utc:
        return value
    return aware


def _valid(value: str) -> str:
    """Valid Unicode: surrogate pairs joined, a lone surrogate becomes U+FFFD."""
    if not _SURROGATES.search(value):
        return value
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")

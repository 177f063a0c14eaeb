"""OPML 2.0 subscription lists, the file newsreaders (Feedly, NetNewsWire, Thunderbird, ...)
import and export.

    parse(data, origin) -> ([Feed, ...], [note, ...])    every feed outline, with its folders
    dumps(feeds, title=..., now=...) -> str              an OPML 2.0 document

A file from elsewhere is parsed with defusedxml: entity declarations (the "billion laughs") and
external references are refused. Feeds may sit in folders nested to any depth (an outline with
outlines inside); a feed is an outline with `xmlUrl` (read case-insensitively, as older exports
write `xmlurl`), named by its `text`, else its `title`. `feed://` addresses become `http://`.
The folders of a feed are kept as one path, "World/Europe", and written back as nested outlines.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import defusedxml
import defusedxml.ElementTree as SafeET

from briefing import normalise
from briefing.errors import ConfigError

MAX_BYTES = 10 * 1024 * 1024
SPEC = "https://opml.org/spec2.opml"


@dataclass(frozen=True)
class Feed:
    url: str  # the feed's address (xmlUrl)
    title: str = ""  # its name in the newsreader (text, else title)
    site: str = ""  # the web site it belongs to (htmlUrl)
    category: str = ""  # the folders it sits in, outermost first: "World/Europe"


def parse(data: bytes, origin: str) -> tuple[list[Feed], list[str]]:
    """The feeds of an OPML file (in document order) and one note for each outline left out."""
    if len(data) > MAX_BYTES:
        raise ConfigError(f"{origin}: over {MAX_BYTES // 2**20} MB, not a subscription list")
    try:
        root = SafeET.fromstring(data)
    except defusedxml.DefusedXmlException as exc:
        raise ConfigError(f"{origin}: refused: the file declares XML entities or external "
                          f"references ({type(exc).__name__}), which an OPML file never needs"
                          ) from None
    except ET.ParseError as exc:
        raise ConfigError(f"{origin}: not valid XML ({exc})") from None
    if _local(root.tag) != "opml":
        raise ConfigError(f"{origin}: not an OPML file (the document is <{_local(root.tag)}>, "
                          "not <opml>)")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise ConfigError(f"{origin}: not an OPML file (it has no <body>)")
    feeds: list[Feed] = []
    notes: list[str] = []
    _walk(body, (), feeds, notes)
    return feeds, notes


def _walk(parent: Any, folders: tuple[str, ...], feeds: list[Feed], notes: list[str]) -> None:
    for outline in parent:
        if _local(outline.tag) != "outline":
            continue
        attrs = {str(k).casefold(): normalise.line(str(v)).strip()
                 for k, v in outline.attrib.items()}
        name = attrs.get("text") or attrs.get("title") or ""
        url = attrs.get("xmlurl", "")
        inner = [child for child in outline if _local(child.tag) == "outline"]
        if url:
            address = http_address(url)
            if address:
                feeds.append(Feed(address, name, http_address(attrs.get("htmlurl", "")),
                                  "/".join(folders)))
            else:
                notes.append(f"skipped {name or url!r}: {url!r} is not an http(s) address")
        elif not inner and (name or attrs):
            kind = attrs.get("type", "")
            what = f"an outline of type {kind!r}" if kind else "an outline"
            notes.append(f"skipped {name or kind or 'an outline'!r}: {what} without xmlUrl is "
                         "not a feed")
        if inner:
            _walk(outline, folders + ((name or "untitled").replace("/", "-"),), feeds, notes)


def http_address(url: str) -> str:
    """The address as http(s), or "" when it is another kind (feed:// is http)."""
    if url.lower().startswith("feed:"):
        rest = url[5:]
        url = rest if rest.lower().startswith(("http://", "https://")) else "http:" + rest
    return url if url.lower().startswith(("http://", "https://")) else ""


def _local(tag: Any) -> str:
    """A tag's name without its namespace: "{ns}outline" -> "outline"."""
    return str(tag).rsplit("}", 1)[-1].casefold()


def dumps(feeds: Sequence[Feed], *, title: str = "briefing sources",
          now: dt.datetime | None = None) -> str:
    """An OPML 2.0 document of `feeds`, each in nested folder outlines by its category."""
    now = now or dt.datetime.now(dt.timezone.utc)
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = email.utils.format_datetime(now)
    ET.SubElement(head, "docs").text = SPEC
    body = ET.SubElement(root, "body")
    folders: dict[tuple[str, ...], ET.Element] = {(): body}
    for feed in feeds:
        path = tuple(part for part in feed.category.split("/") if part.strip())
        for depth in range(1, len(path) + 1):
            if path[:depth] not in folders:
                name = path[depth - 1].strip()
                folders[path[:depth]] = ET.SubElement(folders[path[: depth - 1]], "outline",
                                                      text=name, title=name)
        name = feed.title or feed.url
        attrs = {"type": "rss", "text": name, "title": name, "xmlUrl": feed.url}
        if feed.site:
            attrs["htmlUrl"] = feed.site
        ET.SubElement(folders[path], "outline", attrs)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

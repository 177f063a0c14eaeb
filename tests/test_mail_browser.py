"""The HTML mail in a real browser: headless Chromium at phone (400 px) and desktop (1024 px)
widths, light and dark. Skipped where no Chromium is installed (Debian: apt-get install
chromium; .ci/run installs it when it can).

What a reader would notice and the test checks:
- no sideways scrolling: the page is no wider than the window (measured by the browser, in an
  iframe of exactly that width), even with a 200-character address and a 60-letter word;
- the screenshot's right-hand columns are the page's background, not the brief's card cut off
  by the edge of the screen;
- in dark mode the page and the card are dark.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from briefing import render
from briefing.domain import (
    Brief,
    BriefSentence,
    Development,
    Entity,
    SourceRef,
    StoryLine,
    TimelineEvent,
)

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium installed")

LIGHT_PAGE = (0xF4, 0xF4, 0xF4)  # templates/html.j2: the background around the brief
DARK_PAGE = (0x12, 0x12, 0x12)
DARK_CARD = (0x1E, 0x1E, 0x1E)
LONG_URL = "https://news.example.org/" + "very-long-path-segment-" * 8 + "?utm=" + "x" * 30
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenkasse" * 2


def _said(text: str, n: int) -> BriefSentence:
    return BriefSentence(text=text, citation=n, article_id=f"id{n}", start=0, end=len(text),
                         score=1.0)


def _brief() -> Brief:
    """A brief with everything that could push a narrow screen sideways."""
    text = ("Engineers closed the Old Harbor Bridge on Monday after inspectors found cracks in "
            f"two of its piers, the city said, citing report {LONG_WORD}.")
    return Brief(
        title="Daily Situation Brief",
        date=dt.date(2026, 11, 26),
        bottom_line=(_said(text, 1), _said("Traffic was diverted over the ring road.", 2)),
        developments=tuple(
            Development(f"Story number {i} about the harbour and the council's budget vote",
                        (_said(text, 1), _said("The council meets again on Friday.", 2)),
                        1.0, (1, 2), articles=2)
            for i in range(4)),
        actors=(Entity("Old Harbor Bridge Authority", "organisation", 3, (1,)),),
        locations=(Entity("Velmora", "location", 4, (1, 2)),),
        timeline=(TimelineEvent(dt.date(2026, 11, 24), _said(text, 1), "on Monday"),),
        sources=(SourceRef(1, "id1", "", "Velmora Courier", LONG_URL, LONG_URL),
                 SourceRef(2, "id2", "Bridge closed " + LONG_WORD, "Herald",
                           "https://h.example/2", "https://h.example/2")),
        articles=2,
        further=(StoryLine("Frost threatens the late grape harvest", 2, 0.4, 2),),
        notes=("Gone Gazette: HTTP 404 Not Found", f"{LONG_URL}: timed out after 15 s"),
        sources_total=9,
    )


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    command = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--no-first-run", "--disable-extensions", *args]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        pytest.fail(f"{BROWSER} failed: {exc}: {getattr(exc, 'stderr', '')[-500:]}")


@pytest.fixture(scope="module")
def mail_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mail") / "brief.html"
    path.write_text(render.render(_brief(), "html"), encoding="utf-8")
    return path


@pytest.mark.parametrize("width", [400, 1024])
def test_the_mail_never_scrolls_sideways(mail_html: Path, width: int) -> None:
    """The browser's own measure: the document inside an iframe exactly `width` px wide is no
    wider than the iframe (scrollWidth <= innerWidth)."""
    probe = ("<script>parent.document.body.setAttribute('data-widths', "
             "document.documentElement.scrollWidth + ' ' + window.innerWidth)</script>")
    framed = mail_html.read_text(encoding="utf-8").replace("</body>", probe + "</body>")
    page = mail_html.with_name(f"frame-{width}.html")
    page.write_text(f'<!DOCTYPE html><html><body style="margin:0">'
                    f'<iframe style="width:{width}px;height:3000px;border:0" '
                    f'srcdoc="{html.escape(framed, quote=True)}"></iframe></body></html>',
                    encoding="utf-8")
    dom = _chromium("--window-size=1400,3000", "--dump-dom", page.as_uri()).stdout
    found = re.search(r'data-widths="(\d+) (\d+)"', dom)
    assert found, "the probe did not run"
    scroll, inner = int(found.group(1)), int(found.group(2))
    assert inner == width
    assert scroll <= inner, f"{scroll - inner} px of sideways scrolling at {width} px"


@pytest.mark.parametrize(("width", "dark"), [(400, False), (1024, False), (400, True)])
def test_the_screenshot_ends_in_background_on_the_right(mail_html: Path, width: int,
                                                       dark: bool) -> None:
    shot = mail_html.with_name(f"shot-{width}-{'dark' if dark else 'light'}.png")
    scheme = ["--blink-settings=preferredColorScheme=0"] if dark else []
    _chromium(f"--window-size={width},1600", *scheme, f"--screenshot={shot}", mail_html.as_uri())
    image = _read_png(shot.read_bytes())
    assert image.width == width
    page = DARK_PAGE if dark else LIGHT_PAGE
    rows = range(0, image.height, 7)
    right = [image.pixel(x, y) for y in rows for x in range(width - 4, width)]
    assert all(_near(p, page) for p in right), (
        f"the right edge is not background: {sorted(set(right) - {page})[:5]}")
    if dark:  # the card too, not only the margin: mid-height, near the left edge of the text
        card = image.pixel(12, image.height // 2)
        assert _near(card, DARK_CARD) or max(card) < 0x40, card


# --- A small PNG reader (Pillow is not a dependency) -------------------------------------------


class _Image:
    def __init__(self, width: int, height: int, channels: int, rows: list[bytes]) -> None:
        self.width, self.height, self.channels, self.rows = width, height, channels, rows

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        at = x * self.channels
        r, g, b = self.rows[y][at:at + 3]
        return r, g, b


def _read_png(data: bytes) -> _Image:
    """8-bit RGB or RGBA, not interlaced: what Chromium writes for a screenshot."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat = 8, b""
    width = height = channels = 0
    while at < len(data):
        (length,), kind = struct.unpack(">I", data[at:at + 4]), data[at + 4:at + 8]
        body = data[at + 8:at + 8 + length]
        at += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                near = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + near) & 0xFF
        rows.append(bytes(line))
        previous = line
    return _Image(width, height, channels, rows)


def _near(colour: tuple[int, int, int], wanted: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 3 for a, b in zip(colour, wanted, strict=True))

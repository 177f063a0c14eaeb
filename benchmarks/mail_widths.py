"""The HTML mail in headless Chromium: how wide the page is at phone and desktop widths (issue 12).

    python benchmarks/mail_widths.py                              # the current templates/html.j2
    python benchmarks/mail_widths.py --template old-html.j2       # another layout, to compare
    git show HEAD~1:templates/html.j2 > /tmp/old.j2 && python benchmarks/mail_widths.py \\
        --template /tmp/old.j2 --markdown

Two briefs: the bundled examples (`briefing brief examples/`) and the stress brief of
tests/test_mail_browser.py (a 200-character address, a 120-letter word, failed sources). Each is
laid out in an iframe of exactly the width, and the browser reports the document's scrollWidth:
anything above the width is sideways scrolling. Needs Chromium (Debian: apt-get install chromium).
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

WIDTHS = (320, 400, 1024)
PROBE = ("<script>parent.document.body.setAttribute('data-widths', "
         "document.documentElement.scrollWidth + ' ' + window.innerWidth)</script>")


def scroll_width(browser: str, page_html: str, width: int, folder: Path) -> int:
    framed = page_html.replace("</body>", PROBE + "</body>")
    page = folder / f"frame-{width}.html"
    page.write_text(f'<!DOCTYPE html><html><body style="margin:0"><iframe style="width:{width}px;'
                    f'height:3000px;border:0" srcdoc="{html.escape(framed, quote=True)}">'
                    "</iframe></body></html>", encoding="utf-8")
    dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                          "--window-size=1400,3000", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    found = re.search(r'data-widths="(\d+) (\d+)"', dom)
    if not found:
        raise SystemExit("the probe did not run in the browser")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", type=Path, help="an HTML layout instead of html.j2")
    parser.add_argument("--markdown", action="store_true", help="a table for docs/benchmarks.md")
    args = parser.parse_args()
    browser = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                    if shutil.which(n)), None)
    if browser is None:
        raise SystemExit("no Chromium found (Debian: apt-get install chromium)")

    from test_mail_browser import _brief

    from briefing.pipeline import build_brief
    from briefing.render import render

    briefs = {"examples/": build_brief([str(ROOT / "examples")]), "stress": _brief()}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, brief in briefs.items():
            page_html = render(brief, "html", template=args.template)
            widths = [scroll_width(browser, page_html, w, Path(tmp)) for w in WIDTHS]
            rows.append((name, widths))
    layout = str(args.template) if args.template else "templates/html.j2"
    version = subprocess.run([browser, "--version"], capture_output=True, text=True).stdout
    print(f"{layout}, {version.strip()}: the page's scrollWidth in px (> the width: sideways)")
    if args.markdown:
        print("\n| brief | " + " | ".join(f"{w} px" for w in WIDTHS) + " |")
        print("|---|" + "---:|" * len(WIDTHS))
        for name, widths in rows:
            print(f"| {name} | " + " | ".join(str(w) for w in widths) + " |")
        return
    print(f"{'brief':<12}" + "".join(f"{w:>8}" for w in WIDTHS))
    for name, widths in rows:
        print(f"{name:<12}" + "".join(f"{w:>8}" for w in widths))


if __name__ == "__main__":
    main()

"""How many real articles and sentences two page-kind detectors flag, to read them one by one.

    python benchmarks/page_kinds.py             # counts per set
    python benchmarks/page_kinds.py --show      # and every flagged page and caption

Reference pages (`briefing.reference.reference_page`): every article of ../shared/eval's dev
sets and the Reuters-21578 wire, cleaned as the pipeline cleans it (an untitled text's first
line read as a title, as `.txt` files are), counted per set.

Scene captions (`rank._SCENE_CAPTION`, `_SCENE_CAPTION_DATED`, `_SCENE_CAPTION_INDEFINITE`, the
patterns `is_caption` adds to the credit patterns for AP-style captions: "A police officer
watches as ..., Wednesday, Sept. 2, 2015 in Millis, Mass."): the dev sets' article texts split
roughly at sentence ends.

Both are precision checks: a pattern list is a lower bound on recall, and what matters is that
what it flags is of its kind. Reading the flagged text is the measurement.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from briefing import rank
from briefing.clean import clean_one
from briefing.domain import Article
from briefing.ingest import split_title
from briefing.reference import reference_page

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SETS = ("wikinews", "multi-news", "wcep", "cnndm", "bbc", "xsum")
_ROUGH_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n")


def articles(base: Path) -> Iterator[tuple[str, str, str, str]]:
    """(set, origin, title, text) of every article."""
    for name in SETS:
        for line in (base / name / "dev.jsonl").open(encoding="utf-8"):
            item = json.loads(line)
            texts = [t for t in item["articles"] if isinstance(t, str)]
            titles = item.get("article_titles") or []
            for k, text in enumerate(texts):
                title = (titles[k] if k < len(titles) else "") or ""
                yield name, f"{item['id']}#{k}", title, text
    for line in (base / "reuters-21578" / "articles.jsonl").open(encoding="utf-8"):
        item = json.loads(line)
        yield "reuters", item["id"], item.get("title") or "", item.get("text") or ""


def judge(entry: tuple[str, str, str, str]) -> tuple[str, bool, str | None, str, str]:
    """(set, kept by cleaning, reference reason, title, text head) of one article."""
    name, origin, title, text = entry
    if not title and name != "reuters":
        first, rest = split_title(text)
        if rest:
            title, text = first, rest
    tidy, junk = clean_one(Article(text=text, origin=origin, title=title))
    if junk:
        return name, False, None, title, ""
    return name, True, reference_page(tidy), tidy.title, tidy.text[:300]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=EVAL, help="the eval folder")
    parser.add_argument("--show", action="store_true", help="print what is flagged")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)

    kept: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    pages = []
    with ProcessPoolExecutor(args.jobs) as pool:
        for name, ok, reason, title, head in pool.map(judge, articles(args.eval), chunksize=200):
            kept[name] += ok
            if reason:
                flagged[name] += 1
                pages.append((name, title, reason, head))
    print("reference pages (after cleaning):")
    for name in (*SETS, "reuters"):
        print(f"  {name:11} {flagged[name]:4} of {kept[name]:6}")
    if args.show:
        for name, title, reason, head in pages:
            print(f"--- {name} {title!r} ({reason})\n    {head[:200]!r}")

    sentences, captions = 0, []
    for name in SETS:
        for line in (args.eval / name / "dev.jsonl").open(encoding="utf-8"):
            for text in json.loads(line)["articles"]:
                if not isinstance(text, str):
                    continue
                for sentence in _ROUGH_SENTENCE.split(text):
                    sentences += 1
                    if (("day" in sentence and rank._SCENE_CAPTION.search(sentence))
                            or rank._SCENE_CAPTION_DATED.search(sentence)
                            or rank._SCENE_CAPTION_INDEFINITE.search(sentence.strip())):
                        captions.append(sentence.strip())
    print(f"scene captions: {len(captions)} of {sentences} rough sentences "
          f"({len(set(captions))} distinct)")
    if args.show:
        for caption in sorted(set(captions)):
            print(f"  - {caption[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The day benchmark: what a reader sees on briefs of real days the product was not tuned on.

    python benchmarks/day.py                      # 3 days of each kind, a table per day
    python benchmarks/day.py --days 5 --split holdout --markdown
    python benchmarks/day.py --kinds reuters --json day.json --keep /tmp/days
    python benchmarks/day.py --dates 1987-06-02 1987-10-20 --leads 3   # busy wire days

Days, built deterministically (`--seed`) from ../shared/eval:

    multi-news  15-25 dev clusters, each article a bare .txt file of its raw scraped text (no title
                line added: the first line is whatever the scrape has); event = cluster
    wikinews    15-25 dev items as titled JSON records ({"title", "text", "url", "source"}) in
                one .jsonl file; event = item (43 items: days overlap)
    wcep        15-25 dev items, titled JSON as above (mostly one article an event)
    reuters     real Reuters-21578 wire days of 40-130 articles (grouped by `published`), JSON
                with title/text/published/url/source; no gold events, so events and purity are
                n/a and the table shows the stories the product found instead

`--split dev|holdout` takes one of two disjoint halves of each set (a seeded shuffle of item ids,
of day dates for Reuters), so a rule can be tuned on one half and checked on the other; the
default `all` uses both.

Each day goes through the real product twice, `python -m briefing brief DAY --format json` and
`--format text`, and the page is measured:

    furn hl     headlines that are page furniture (credits, player text, labels, slugs, bylines,
                timestamps, cookie/newsletter text, uncleaned prefixes, site names)
    list hl     headlines that are a list of names ("Lagos, Bola Tinubu, Senate, Naira")
    cut hl      headlines cut short: ending on "…" or on a word that needs what follows ("is
                warning against", "who was believed to have been")
    captions    page sentences (bottom line, developments) that are photo captions or credits
    furn sent   other page sentences carrying furniture (bylines, editors' notes, mid-sentence
                wire datelines, ratings, share or sign-up text)
    BL rep      bottom-line sentence pairs repeating each other, plus bottom-line sentences
                repeating a development sentence
    rep pairs   near-repeat sentence pairs among all page sentences (bottom line and
                developments; the timeline is left out: it re-lists dated sentences by design,
                and its repeats are in the JSON dump). A pair is a repeat when its content words
                overlap (ROUGE-1 F1 >= 0.6, or the shorter 80 % inside the longer), or, for two
                sentences citing different articles of the same gold event, ROUGE-1 F1 >= 0.3
    sent/st     mean sentences per developed story
    named       stories named on the page (developments + any further-stories list)
    events      events in the day; covered: distinct events named on the page (the majority
                event of each named story's cited articles)
    purity      per development, the share of its cited articles from its majority event, mean
    split       events that are the majority event of two or more named stories (developments
                or further-story lines): one event shown as two stories
                (the JSON dump adds the whole day's grouping where the brief's JSON lists every
                story's articles: day_purity, article-weighted, and day_split_events, events
                whose articles are in two or more stories)
    lines/width the text page (limit 66 x 72)

The detectors live in benchmarks/day_checks.py (tested in tests/test_day_benchmark.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from day_checks import (  # noqa: E402
    bottom_line_repeats,
    caption,
    cut_headline,
    furniture_headline,
    furniture_sentence,
    name_list,
    near_repeat,
    repeat_pairs,
)

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
KINDS = ("multi-news", "wikinews", "wcep", "reuters")
EVENTS_PER_DAY = (15, 25)
REUTERS_DAY = (40, 130)  # articles on a real wire day used as a benchmark day
UNDATED_DAY = "2026-01-15"  # --date for the sets without dates, so the page is reproducible
PAGE = (66, 72)  # lines, width
_URL_LINE = re.compile(r"(\[\d+\] )?https?://\S+")


@dataclass
class Day:
    name: str
    kind: str
    folder: Path
    date: str
    articles: int
    events: int | None  # None: no gold events (Reuters)
    event_of: dict[str, str] = field(default_factory=dict)  # file name or "file:LINE" -> event


# --- Building days -------------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def half(ids: Sequence[str], split: str, salt: str) -> list[str]:
    """The `split` half of `ids`: a seeded shuffle of the sorted ids, first half dev."""
    order = sorted(ids)
    random.Random(f"day-benchmark-split-{salt}").shuffle(order)
    middle = (len(order) + 1) // 2
    return {"all": order, "dev": order[:middle], "holdout": order[middle:]}[split]


def windows(pool: Sequence[str], days: int, rng: random.Random) -> list[list[str]]:
    """`days` groups of 15-25 items: disjoint while the pool lasts, then drawn again."""
    order = list(pool)
    rng.shuffle(order)
    position, groups = 0, []
    for _ in range(days):
        size = min(rng.randint(*EVENTS_PER_DAY), len(order))
        if position + size > len(order):
            rng.shuffle(order)
            position = 0
        groups.append(order[position : position + size])
        position += size
    return groups


def looks_like_title(line: str) -> bool:
    line = line.strip()
    return 0 < len(line.split()) <= 20 and len(line) <= 150 and line[-1:] not in ".!?:;,"


def source_of(url: str | None) -> str | None:
    host = urlparse(url).netloc if url else ""
    return host.removeprefix("www.") or None


def write_files(folder: Path, items: list[tuple[str, str]], rng: random.Random) -> dict[str, str]:
    """Bare text files, articles shuffled across events; neutral names keep the events hidden."""
    rng.shuffle(items)
    event_of = {}
    for n, (event, text) in enumerate(items, 1):
        name = f"{n:03d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        event_of[name] = event
    return event_of


def write_records(folder: Path, items: list[tuple[str, dict[str, Any]]],
                  rng: random.Random) -> dict[str, str]:
    """One JSON Lines file of article records, shuffled across events."""
    rng.shuffle(items)
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for _, record in items:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {f"{path.name}:{n}": event for n, (event, _) in enumerate(items, 1)}


def titled(title: str | None, text: str) -> str:
    """The record's title; without one, the text's first line when it reads like a title."""
    if title and title.strip():
        return title.strip()
    first = text.strip().split("\n", 1)[0]
    return first.strip() if looks_like_title(first) else ""


def build_days(kind: str, count: int, split: str, seed: int, base: Path) -> list[Day]:
    rng = random.Random(f"day-benchmark-{kind}-{seed}")
    if kind == "reuters":
        return reuters_days(count, split, rng, base)
    rows = {r["id"]: r for r in read_jsonl(EVAL / kind / "dev.jsonl")}
    days = []
    for k, ids in enumerate(windows(half(list(rows), split, kind), count, rng), 1):
        folder = base / f"{kind}-{k}"
        folder.mkdir(parents=True)
        if kind == "multi-news":
            items = [(i, text) for i in ids for text in rows[i]["articles"]]
            event_of = write_files(folder, items, rng)
        else:
            records = []
            for i in ids:
                row = rows[i]
                titles = row.get("article_titles") or []
                urls = row.get("article_urls") or []
                for n, text in enumerate(row["articles"]):
                    url = urls[n] if n < len(urls) else None
                    records.append((i, {
                        "title": titled(titles[n] if n < len(titles) else None, text),
                        "text": text,
                        "url": url,
                        "source": source_of(url),
                    }))
            event_of = write_records(folder, records, rng)
        days.append(Day(f"{kind}-{k}", kind, folder, UNDATED_DAY, len(event_of), len(ids),
                        event_of))
    return days


def reuters_days(count: int, split: str, rng: random.Random, base: Path,
                 dates: Sequence[str] = ()) -> list[Day]:
    """Wire days of REUTERS_DAY articles drawn from the split, or the days of `dates` (any
    size: the busy days of 400-700 articles)."""
    by_date: dict[str, list[dict[str, Any]]] = {}
    for record in read_jsonl(EVAL / "reuters-21578" / "articles.jsonl"):
        by_date.setdefault(record["published"][:10], []).append(record)
    if dates:
        chosen = [d for d in dates if d in by_date]
        count = len(chosen)
    else:
        sized = [d for d, rows in by_date.items() if REUTERS_DAY[0] <= len(rows) <= REUTERS_DAY[1]]
        chosen = half(sized, split, "reuters")
        rng.shuffle(chosen)
    days = []
    for date in sorted(chosen[:count]):
        folder = base / f"reuters-{date}"
        folder.mkdir(parents=True)
        records = [(r["id"], {k: r.get(k) for k in ("title", "text", "published", "url", "source")})
                   for r in by_date[date]]
        event_of = write_records(folder, records, rng)
        days.append(Day(f"reuters-{date}", "reuters", folder, date, len(records), None, event_of))
    return days


# --- Running the product -------------------------------------------------------------------------


class ProductFailed(Exception):
    pass


def overlay(source: Path, scratch: Path) -> Path:
    """A folder that imports `briefing` from the checkout `source` (e.g. a `git archive` of a
    commit) with its templates, prompts and models where an installed copy has them."""
    root = scratch / "product"
    package = root / "briefing"
    package.mkdir(parents=True)
    for item in (source / "briefing").iterdir():
        (package / item.name).symlink_to(item.resolve())
    for name, folder in (("templates", "templates"), ("prompts", "prompts"),
                         ("model_files", "models")):
        (package / name).symlink_to((source / folder).resolve())
    return root


def brief(day: Day, fmt: str, product: Path | None) -> tuple[str, float]:
    command = [sys.executable, "-m", "briefing", "brief", str(day.folder), "--format", fmt,
               "--date", day.date]
    env = None
    if product is not None:
        env = {**os.environ, "PYTHONPATH": str(product)}
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=product or ROOT,
                          env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ProductFailed(f"--format {fmt} exited {done.returncode}: {last}")
    return done.stdout, seconds


def further_stories(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The brief's one-line further stories, whatever the key ("further", "further_stories",
    "more_stories"...); from a `stories` list with an on-page flag, the flagged ones that are
    not developments."""
    for key, value in data.items():
        further = "further" in key or key in ("more_stories", "other_stories")
        if further and isinstance(value, list):
            return [v for v in value if isinstance(v, dict)]
    stories = data.get("stories")
    if isinstance(stories, list):
        developed = {d.get("headline") for d in data.get("developments", [])}
        flag = next((f for f in ("on_page", "page", "shown", "named") if stories
                     and isinstance(stories[0], dict) and f in stories[0]), None)
        if flag:
            return [s for s in stories if s.get(flag) and s.get("headline") not in developed]
    return []


def cited(entry: dict[str, Any]) -> set[int]:
    numbers = set(entry.get("sources") or [])
    for sentence in entry.get("sentences") or []:
        numbers |= {sentence.get("citation"), *(sentence.get("also_in") or [])}
    if isinstance(entry.get("citation"), int):
        numbers.add(entry["citation"])
    for key in ("citations", "articles_cited"):
        if isinstance(entry.get(key), list):
            numbers |= {n for n in entry[key] if isinstance(n, int)}
    return {n for n in numbers if isinstance(n, int)}


def origin_key(origin: str) -> str:
    path, _, line = origin.rpartition(":")
    if path and line.isdigit():
        return f"{Path(path).name}:{line}"
    return Path(origin).name


def measure(day: Day, data: dict[str, Any], text: str) -> dict[str, Any]:
    developments = data.get("developments", [])
    further = further_stories(data)
    headlines = [d.get("headline", "") for d in developments] + [
        f.get("headline") or f.get("title") or "" for f in further
    ]
    furniture = {h: r for h in headlines if (r := furniture_headline(h))}
    names = [h for h in headlines if h not in furniture and name_list(h)]
    cut = [h for h in headlines if cut_headline(h)]

    event_by_number = {}
    for source in data.get("sources", []):
        event = day.event_of.get(origin_key(source.get("origin") or ""))
        if event is not None:
            event_by_number[source["n"]] = event
    gold = day.events is not None

    bottom_entries = data.get("bottom_line", [])
    story_entries = [s for d in developments for s in d.get("sentences", [])]
    bottom = [s["text"] for s in bottom_entries]
    developed = [[s["text"] for s in d.get("sentences", [])] for d in developments]
    story_sentences = [s["text"] for s in story_entries]
    page = bottom + story_sentences
    events = [event_by_number.get(s.get("citation")) if gold else None
              for s in [*bottom_entries, *story_entries]]
    origins = [(e, str(s.get("citation"))) if e is not None else None
               for e, s in zip(events, [*bottom_entries, *story_entries], strict=True)]
    pairs = repeat_pairs(page, origins)
    timeline = [t["sentence"]["text"] for t in data.get("timeline", []) if t.get("sentence")]
    purities, majorities, covered = [], [], set()
    for entry in [*developments, *further]:
        reported = [event_by_number[n] for n in cited(entry) if n in event_by_number]
        if not reported:
            continue
        top, hits = Counter(reported).most_common(1)[0]
        covered.add(top)
        majorities.append(top)
        if entry in developments:
            purities.append(hits / len(reported))
    # The whole day's grouping, where the JSON lists every story with its articles' origins.
    grouped = [[day.event_of.get(origin_key(o)) for o in story.get("origins") or []]
               for story in data.get("stories") or [] if isinstance(story, dict)]
    grouped = [[e for e in g if e is not None] for g in grouped]
    grouped = [g for g in grouped if g]
    events_in = Counter(e for g in grouped for e in set(g))
    lines = text.rstrip("\n").split("\n")
    return {
        "day": day.name,
        "kind": day.kind,
        "articles": day.articles,
        "used": data.get("stats", {}).get("articles_used"),
        "found": data.get("stats", {}).get("stories"),
        "events": day.events,
        "named": len(developments) + len(further),
        "covered": len(covered) if gold else None,
        "developed": len(developments),
        "sentences_per_story": float(statistics.mean(map(len, developed))) if developed else 0.0,
        "furniture_headlines": len(furniture),
        "name_list_headlines": len(names),
        "cut_headlines": len(cut),
        "captions": sum(map(caption, page)),
        "furniture_sentences": sum(1 for x in page if furniture_sentence(x) and not caption(x)),
        "bottom_line_repeats": bottom_line_repeats(bottom, story_sentences, origins),
        "repeat_pairs": len(pairs),
        "timeline_repeats": sum(1 for t in timeline if any(near_repeat(t, s) for s in page)),
        "purity": statistics.mean(purities) if gold and purities else None,
        "split_events": sum(1 for n in Counter(majorities).values() if n > 1) if gold else None,
        "lines": len(lines),
        # A source's address is never cut (the link must work), so a line longer than the page
        # only by its address ("[4] http://...") is not counted against the width.
        "width": max(len(line) for line in lines if not _URL_LINE.fullmatch(line.strip())),
        "seconds": None,
        "day_purity": (sum(Counter(g).most_common(1)[0][1] for g in grouped)
                       / sum(map(len, grouped))) if gold and grouped else None,
        "day_split_events": sum(1 for n in events_in.values() if n > 1) if gold and grouped
        else None,
        "flagged": {
            "headlines": ({h: r for h, r in furniture.items()} | {h: "name list" for h in names}
                          | {h: "cut short" for h in cut}),
            "captions": [x for x in page if caption(x)],
            "furniture_sentences": [x for x in page if furniture_sentence(x) and not caption(x)],
            "repeats": [[page[i], page[j]] for i, j in pairs],
        },
        "page": [
            {"text": x["text"], "citation": x.get("citation"), "event": e}
            for x, e in zip([*bottom_entries, *story_entries], events, strict=True)
        ],
        "headlines": headlines,
        "bottom_line": bottom,
    }


def run_day(day: Day, product: Path | None = None) -> dict[str, Any]:
    try:
        raw, seconds = brief(day, "json", product)
        text, _ = brief(day, "text", product)
    except ProductFailed as error:
        result: dict[str, Any] = {key: None for _, key in COLUMNS}
        return result | {"day": day.name, "kind": day.kind, "articles": day.articles,
                         "events": day.events, "error": str(error), "flagged": {}}
    result = measure(day, json.loads(raw), text)
    result["seconds"] = seconds
    return result


# --- Reporting -----------------------------------------------------------------------------------

COLUMNS = (
    ("day", "day"), ("arts", "articles"), ("events", "events"), ("found", "found"),
    ("named", "named"), ("covered", "covered"), ("sent/st", "sentences_per_story"),
    ("furn hl", "furniture_headlines"), ("list hl", "name_list_headlines"),
    ("cut hl", "cut_headlines"),
    ("captions", "captions"), ("furn sent", "furniture_sentences"),
    ("BL rep", "bottom_line_repeats"), ("rep pairs", "repeat_pairs"),
    ("purity", "purity"), ("split", "split_events"), ("lines", "lines"), ("width", "width"),
    ("s", "seconds"),
)


def cell(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.2f}" if value < 10 else f"{value:.1f}"
    return str(value)


def mean_row(kind: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    row: dict[str, Any] = {"day": f"**{kind} mean**" if kind else "mean"}
    for _, key in COLUMNS[1:]:
        values = [r[key] for r in rows if r[key] is not None]
        row[key] = float(statistics.mean(values)) if values else None
    return row


def table(results: list[dict[str, Any]], markdown: bool) -> str:
    rows: list[dict[str, Any]] = []
    for kind in KINDS:
        mine = [r for r in results if r["kind"] == kind]
        if mine:
            rows += mine + [mean_row(kind, mine)]
    cells = [[h for h, _ in COLUMNS]] + [[cell(r[k]) for _, k in COLUMNS] for r in rows]
    if markdown:
        out = ["| " + " | ".join(cells[0]) + " |",
               "|" + "|".join("---" if i == 0 else "---:" for i in range(len(COLUMNS))) + "|"]
        out += ["| " + " | ".join(c) + " |" for c in cells[1:]]
        return "\n".join(out)
    widths = [max(len(c[i].strip("*")) for c in cells) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(c[i].strip("*").ljust(widths[i]) if i == 0 else c[i].rjust(widths[i])
                  for i in range(len(COLUMNS)))
        for c in cells
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=int, default=3, help="days of each kind (default 3)")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--split", choices=("all", "dev", "holdout"), default="all",
                        help="which half of each set the days are drawn from (default all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="days briefed at once (default 2)")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table for the docs")
    parser.add_argument("--json", type=Path, help="also write every measure and flagged text here")
    parser.add_argument("--keep", type=Path, help="write the days into this (new) folder")
    parser.add_argument("--product", type=Path,
                        help="brief with the briefing package of this checkout instead of this "
                             "repository's (e.g. `git archive HEAD | tar -x -C /tmp/head`)")
    parser.add_argument("--show", action="store_true",
                        help="print the flagged headlines, captions and repeats of each day")
    parser.add_argument("--dates", nargs="+", default=(), metavar="YYYY-MM-DD",
                        help="brief these Reuters wire days (any size) instead of drawn days")
    parser.add_argument("--leads", type=int, default=0, metavar="N",
                        help="also print each page's first N headlines, as a reader sees them")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="briefing-days-") as scratch:
        base = args.keep or Path(scratch)
        if args.dates:
            days = reuters_days(0, args.split, random.Random(0), base, args.dates)
        else:
            days = [d for kind in args.kinds
                    for d in build_days(kind, args.days, args.split, args.seed, base)]
        product = overlay(args.product, Path(scratch)) if args.product else None
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            results = list(pool.map(lambda day: run_day(day, product), days))
        elapsed = time.perf_counter() - start

    print(table(results, args.markdown))
    print(f"\n{len(days)} days, split {args.split}, seed {args.seed}, {elapsed:.0f} s with "
          f"{args.jobs} jobs on {platform.machine()} Python {platform.python_version()}; "
          f"page limit {PAGE[0]} lines x {PAGE[1]} columns")
    for r in results:
        if r.get("error"):
            print(f"error: {r['day']}: {r['error']}", file=sys.stderr)
    if args.leads:
        for r in results:
            print(f"\n{r['day']}:")
            for headline in (r.get("headlines") or [])[: args.leads]:
                print(f"  - {headline}")
    if args.show:
        for r in results:
            flagged = r["flagged"]
            if flagged and any(flagged.values()):
                print(f"\n## {r['day']}")
                for h, why in flagged["headlines"].items():
                    print(f"  headline ({why}): {h}")
                for s in flagged["captions"]:
                    print(f"  caption: {s}")
                for s in flagged["furniture_sentences"]:
                    print(f"  furniture sentence: {s}")
                for a, b in flagged["repeats"]:
                    print(f"  repeat: {a}\n      ~ {b}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""KEY ACTORS and LOCATIONS on days the recognizer never saw, judged name by name.

    python benchmarks/entity_lists.py                 # Reuters 1987 wire days + 3 scraped days
    python benchmarks/entity_lists.py --markdown      # the table for docs/benchmarks.md
    python benchmarks/entity_lists.py --unjudged      # print the names no judgement covers yet

The recognizer was trained on GMB (Voice of America news, 2000s). These days are another agency
and decade (Reuters-21578 wire days, 1987, the holdout half of benchmarks/day.py's split) and
other outlets (multi-news holdout clusters: scraped pages of many US outlets, 2010s). Each day is
briefed by the product (`build_brief`); the lists are measured over the articles the page cites,
as the product counts them, top 12 actors and top 8 locations:

    new   briefing.entities.find_entities   (the trained tagger with the day's resolution)
    old   briefing.entities.grammar.find_entities   (the rule-based reader it replaced)

Judgements are in benchmarks/entity-judgements.jsonl, one line per (day, name): the kind the
name has in that day's articles ("person", "organisation", "place") or "wrong" (not a name, a
fragment, or a name of another kind: a person listed as a place is wrong). They were written by
reading the day's cited articles. A listed name without a judgement is counted as unjudged,
not as right; `--unjudged` prints them so the file can be extended.

    precision  listed names judged right for the list they are in (actors: person or
               organisation, and countries; locations: places)
    recall     the day's most-mentioned real entities of the cited articles, as judged: every
               judged-right name of either side, counted by how often its words occur in the
               cited articles (a person also by the surname alone when no other judged person
               of the day shares it); the top 8 actors and top 5 places of that count, and the
               share of them the list names. Both recognisers propose the candidates, so a name
               neither finds cannot count against either: read recall as a comparison.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import day as days_of  # noqa: E402

from briefing import clean, ingest, pipeline  # noqa: E402
from briefing.domain import Article, Mention  # noqa: E402
from briefing.entities import find_entities, grammar  # noqa: E402
from briefing.pipeline import BriefOptions, brief_articles  # noqa: E402
from briefing.sentences import split  # noqa: E402

JUDGEMENTS = REPO / "benchmarks" / "entity-judgements.jsonl"
ACTORS, LOCATIONS = 12, 8
TOP_ACTORS, TOP_PLACES = 8, 5
RIGHT_FOR = {"actors": {"person", "organisation", "place"}, "locations": {"place"}}


def read_judgements(path: Path = JUDGEMENTS) -> dict[tuple[str, str], str]:
    judged = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                judged[row["day"], row["name"]] = row["kind"]
    return judged


def lists_of_day(day: days_of.Day) -> dict[str, Any]:
    articles, _ = ingest.read_inputs([str(day.folder)])
    brief = brief_articles(articles, BriefOptions(date=None), warn_dropped=False)
    cited = pipeline._developed(brief)  # the articles the product counts names over
    usable, _ = pipeline._normalised(articles)  # as the pipeline reads them
    kept, _ = clean.clean_all(usable)
    page = [a for a in kept if a.id in cited]
    sentences = {a.id: [s.text for s in split(a)] for a in page}
    new = find_entities(page, sentences)
    old = grammar.find_entities(page)
    return {
        "page": page,
        "new": _top(new),
        "old": _top(old),
        "shown": {"actors": [e.name for e in brief.actors],
                  "locations": [e.name for e in brief.locations]},
    }


def _top(found: tuple[list[Mention], list[Mention]]) -> dict[str, list[str]]:
    actors, locations = found
    return {"actors": [m.name for m in actors[:ACTORS]],
            "locations": [m.name for m in locations[:LOCATIONS]]}


def score(day: str, listed: dict[str, list[str]], judged: dict[tuple[str, str], str],
          reference: dict[str, list[str]]) -> dict[str, Any]:
    right = total = unjudged = 0
    wrong: list[str] = []
    for part in ("actors", "locations"):
        for name in listed[part]:
            kind = judged.get((day, name))
            if kind is None:
                unjudged += 1
                continue
            total += 1
            if kind in RIGHT_FOR[part]:
                right += 1
            else:
                wrong.append(f"{name} ({kind} in {part})")
    named = set(listed["actors"]) | set(listed["locations"])
    wanted = reference["actors"] + reference["places"]
    missed = [n for n in wanted if not any(same_name(n, m) for m in named)]
    return {"right": right, "judged": total, "unjudged": unjudged, "wrong": wrong,
            "found": len(wanted) - len(missed), "wanted": len(wanted), "missed": missed}


def same_name(a: str, b: str) -> bool:
    """The same name, or one's words a run of the other's ("Gorsuch" ~ "Neil Gorsuch")."""
    if a == b:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def reference_of(day: str, page: Sequence[Article], judged: dict[tuple[str, str], str]
                 ) -> dict[str, list[str]]:
    text = "\n".join(a.text for a in page)
    names = {name: kind for (d, name), kind in judged.items()
             if d == day and kind in ("person", "organisation", "place")}
    surnames: dict[str, list[str]] = {}
    for name, kind in names.items():
        if kind == "person" and " " in name:
            surnames.setdefault(name.split()[-1], []).append(name)
    # An acronym the day spells out is the same actor ("EC", "European Community").
    for name in [n for n in names if n.isupper() and " " not in n]:
        if any(initials(other) == name.replace(".", "") for other in names if " " in other):
            del names[name]
    counts = {}
    for name in names:
        n = len(re.findall(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text))
        last = name.split()[-1]
        if names[name] == "person" and " " in name and len(surnames.get(last, [])) == 1:
            n = len(re.findall(r"(?<!\w)" + re.escape(last) + r"(?!\w)", text))
        spelled = [a for a in judged_acronyms(day, judged) if initials(name) == a]
        counts[name] = n + sum(
            len(re.findall(r"(?<!\w)" + re.escape(a) + r"(?!\w)", text)) for a in spelled)
    order = sorted(names, key=lambda n: (-counts[n], n))
    return {
        "actors": [n for n in order if names[n] in ("person", "organisation")][:TOP_ACTORS],
        "places": [n for n in order if names[n] == "place"][:TOP_PLACES],
    }


def judged_acronyms(day: str, judged: dict[tuple[str, str], str]) -> list[str]:
    return [n for (d, n), kind in judged.items()
            if d == day and kind == "organisation" and n.isupper() and " " not in n]


def cost(n: int) -> str:
    """Seconds for one brief of `n` Reuters articles, and the part spent on names, with the
    trained recognizer (the product) and with the rule-based reader, each run twice, best kept."""
    import time

    from briefing import entities as names_module

    rows = days_of.read_jsonl(days_of.EVAL / "reuters-21578" / "articles.jsonl")[:n]
    articles = [Article(text=r["text"], title=r.get("title"), origin=f"reuters-{r['id']}")
                for r in rows]
    sides = {"new": find_entities, "old": lambda arts, _said=None: grammar.find_entities(arts)}
    out = []
    for side, finder in sides.items():
        best = (float("inf"), 0.0)
        for _ in range(2):
            spent = [0.0]

            def timed(arts, said=None, finder=finder, spent=spent):
                began = time.perf_counter()
                try:
                    return finder(arts, said)
                finally:
                    spent[0] += time.perf_counter() - began

            original = pipeline.entities.find_entities
            pipeline.entities.find_entities = timed
            try:
                began = time.perf_counter()
                brief_articles(articles, BriefOptions(date=None))
                total = time.perf_counter() - began
            finally:
                pipeline.entities.find_entities = original
            names_module.lists._spans.cache_clear()
            best = min(best, (total, spent[0]))
        out.append(f"{side}: {n} articles, brief {best[0]:.2f} s, of which names {best[1]:.2f} s")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuters", type=int, default=4, help="Reuters days (as many as exist)")
    parser.add_argument("--scraped", type=int, default=3, help="multi-news days")
    parser.add_argument("--titled", type=int, default=3, help="wcep days (titled JSON)")
    parser.add_argument("--split", choices=("dev", "holdout"), default="dev",
                        help="which half of benchmarks/day.py's split (holdout: the days the "
                             "recognizer's list rules were looked at while writing them)")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--unjudged", action="store_true", help="list names without judgement")
    parser.add_argument("--show", action="store_true", help="print each day's lists")
    parser.add_argument("--cost", type=int, metavar="N", default=0,
                        help="instead: time a brief of N Reuters articles with each recognizer")
    args = parser.parse_args(argv)
    if args.cost:
        print(cost(args.cost))
        return 0
    judged = read_judgements()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        days = [*days_of.build_days("reuters", args.reuters, args.split, 0, base),
                *days_of.build_days("multi-news", args.scraped, args.split, 0, base),
                *days_of.build_days("wcep", args.titled, args.split, 0, base)]
        for day in days:
            got = lists_of_day(day)
            reference = reference_of(day.name, got["page"], judged)
            for side in ("new", "old"):
                result = score(day.name, got[side], judged, reference)
                rows.append({"day": day.name, "side": side, **result})
                if args.unjudged:
                    for part in ("actors", "locations"):
                        for name in got[side][part]:
                            if (day.name, name) not in judged:
                                print(json.dumps({"day": day.name, "name": name,
                                                  "kind": "?", "listed": f"{side} {part}"}))
                if args.show:
                    print(f"{day.name} {side}: actors {got[side]['actors']}")
                    print(f"{day.name} {side}: locations {got[side]['locations']}")
            if args.show:
                print(f"{day.name} page: {got['shown']}; reference {reference}")
    if args.unjudged:
        return 0
    print(table(rows, args.markdown))
    return 0


def table(rows: list[dict[str, Any]], markdown: bool) -> str:
    head = ["day", "side", "listed right", "precision", "unjudged", "top named", "recall",
            "wrong"]
    lines = []
    totals: dict[str, dict[str, int]] = {}
    for row in rows:
        t = totals.setdefault(row["side"], {"right": 0, "judged": 0, "unjudged": 0, "found": 0,
                                            "wanted": 0})
        for key in t:
            t[key] += row[key]
        lines.append([row["day"], row["side"], f"{row['right']}/{row['judged']}",
                      _pct(row["right"], row["judged"]), str(row["unjudged"]),
                      f"{row['found']}/{row['wanted']}", _pct(row["found"], row["wanted"]),
                      "; ".join(row["wrong"])])
    for side, t in totals.items():
        lines.append(["all days", side, f"{t['right']}/{t['judged']}",
                      _pct(t["right"], t["judged"]), str(t["unjudged"]),
                      f"{t['found']}/{t['wanted']}", _pct(t["found"], t["wanted"]), ""])
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    return "\n".join("  ".join(cell.ljust(10) for cell in line) for line in [head, *lines])


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f} %" if b else "n/a"


if __name__ == "__main__":
    raise SystemExit(main())

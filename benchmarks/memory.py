"""Memory across days: consecutive real wire days through `briefing run`, with and without it.

    python benchmarks/memory.py                        # 1987-03-16 .. 03-19, Reuters-21578
    python benchmarks/memory.py --start 1987-03-30 --days 5 --copies 5 --markdown

Each day's Reuters-21578 articles (../shared/eval/reuters-21578) are added to a folder source
that grows day by day, and `python -m briefing run --config ... --date DAY` briefs it (the
real daily job: state database, memory, JSON output). From the second day on, `--copies`
"UPDATED" copies of articles cited by the earlier briefs are added too (title prefixed with
"UPDATED:", one word edited, a new file name): the job should recognise them as copies.

The baseline is the same days briefed alone (`python -m briefing brief DAY --format json`):
what a reader got before the memory. Per day the table shows:

    articles    articles of the day (plus the copies)
    dev         stories on the page marked developing (day N of a story first briefed earlier)
    page        sentences on the page (bottom line and developments)
    rep         page sentences repeating a sentence of an earlier brief (benchmarks/day_checks
                near_repeat: content-word F1 >= 0.6 or the shorter 80 % inside the longer)
    base rep    the same count for the baseline briefs
    copies out  UPDATED copies the job left out, of those added
    s           seconds of the run (job) and of the baseline brief
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from day_checks import near_repeat  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
REUTERS = REPO.parent / "shared" / "eval" / "reuters-21578" / "articles.jsonl"


def wire_days(start: str, count: int) -> list[tuple[str, list[dict[str, Any]]]]:
    """The first `count` days from `start` on that have at least 40 articles."""
    by_day: dict[str, list[dict[str, Any]]] = {}
    with REUTERS.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            by_day.setdefault(record["published"][:10], []).append(record)
    days = [d for d in sorted(by_day) if d >= start and len(by_day[d]) >= 40][:count]
    return [(d, by_day[d]) for d in days]


def page(data: dict[str, Any]) -> list[str]:
    return [s["text"] for s in data["bottom_line"]] + [
        s["text"] for d in data["developments"] for s in d["sentences"]]


def cited_records(data: dict[str, Any], records: dict[str, dict[str, Any]]) -> list[dict]:
    """The records an earlier brief cited (its sources, by title)."""
    titles = {ref["title"] for ref in data["sources"]}
    return [r for r in records.values() if r["title"] in titles]


def updated_copy(record: dict[str, Any], day: str) -> dict[str, Any]:
    words = record["text"].split(" ")
    for i, word in enumerate(words):  # one word edited, as a re-published story has
        if word == "said":
            words[i] = "stated"
            break
    return {"title": "UPDATED: " + record["title"], "text": " ".join(words),
            "published": f"{day}T12:00:00", "source": "Reuters"}


def _line(origin: str, day: str) -> int:
    """The line of a record of the day's file ("…/1987-03-17.jsonl:123" -> 123), else 0."""
    name, _, line = origin.rpartition(":")
    return int(line) if name.endswith(f"{day}.jsonl") and line.isdigit() else 0


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        inbox = root / "inbox"
        inbox.mkdir()
        config = root / "briefing.toml"
        config.write_text('[[sources]]\nfolder = "inbox"\nname = "Reuters"\n\n'
                          '[output]\nformats = ["json", "text"]\n', encoding="utf-8")
        told: list[str] = []
        told_base: list[str] = []
        earlier: list[dict[str, Any]] = []
        seen: dict[str, dict[str, Any]] = {}
        for day, records in wire_days(args.start, args.days):
            fields = [{k: r[k] for k in ("title", "text", "published", "source")}
                      for r in records]
            copies = []
            for data in earlier[-1:]:
                copies = [updated_copy(r, day) for r in cited_records(data, seen)][:args.copies]
            with (inbox / f"{day}.jsonl").open("w", encoding="utf-8") as out:
                for item in fields + copies:
                    out.write(json.dumps(item) + "\n")
            seen.update({r["title"]: r for r in records})

            started = time.perf_counter()
            job = subprocess.run([sys.executable, "-m", "briefing", "-q", "run", "--config",
                                  str(config), "--date", day], env=env, capture_output=True,
                                 text=True, check=False)
            job_seconds = time.perf_counter() - started
            if job.returncode:
                raise SystemExit(f"briefing run failed on {day}: {job.stderr.strip()}")
            data = json.loads((root / "briefs" / f"{day}.json").read_text())
            earlier.append(data)

            day_file = root / f"alone-{day}.jsonl"
            day_file.write_text("".join(json.dumps(f) + "\n" for f in fields + copies))
            started = time.perf_counter()
            base = subprocess.run([sys.executable, "-m", "briefing", "-q", "brief",
                                   str(day_file), "--date", day, "--format", "json"], env=env,
                                  capture_output=True, text=True, check=False)
            base_seconds = time.perf_counter() - started
            if base.returncode:
                raise SystemExit(f"briefing brief failed on {day}: {base.stderr.strip()}")
            base_data = json.loads(base.stdout)

            shown, shown_base = page(data), page(base_data)
            rows.append({
                "day": day,
                "articles": len(fields) + len(copies),
                "developing": sum(1 for d in [*data["developments"], *data["further"]]
                                  if d["status"] == "developing"),
                "page": len(shown),
                "repeats": sum(1 for s in shown if any(near_repeat(s, e) for e in told)),
                "base_repeats": sum(1 for s in shown_base
                                    if any(near_repeat(s, e) for e in told_base)),
                "copies": len(copies),
                "copies_briefed": sum(1 for s in data["stories"] for o in s["origins"]
                                      if _line(o, day) > len(fields)),
                "job_s": round(job_seconds, 1),
                "base_s": round(base_seconds, 1),
                "headlines": [f"{d['headline']} ({d['status']}, day {d['days']})"
                              for d in data["developments"]],
            })
            told += shown
            told_base += shown_base
    return rows


def copy_check(days: list[tuple[str, list[dict[str, Any]]]]) -> dict[str, Any]:
    """briefing.memory's copy recognition on consecutive day pairs: every article of a day made
    an UPDATED copy the next day (all should be found), and the next day's real articles
    (found ones are re-published copies, or false alarms: listed for a reader to judge)."""
    from briefing import memory

    missed = total = taken = articles = 0
    found: list[str] = []
    for (_, before), (day, after) in zip(days, days[1:], strict=False):
        by_id = {r["id"]: r for r in before}
        copies = memory.Copies([(r["id"], memory.fingerprint(r["text"])) for r in before])
        for record in before:
            total += 1
            missed += copies.find(memory.fingerprint(updated_copy(record, day)["text"])) is None
        for record in after:
            articles += 1
            hit = copies.find(memory.fingerprint(record["text"]))
            if hit:
                taken += 1
                found.append(f"{day} {record['title']} = {by_id[hit]['title']}")
    return {"copies": total, "missed": missed, "articles": articles, "taken": taken,
            "found": found}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--start", default="1987-03-16", help="first wire day (YYYY-MM-DD)")
    parser.add_argument("--days", type=int, default=4)
    parser.add_argument("--copies", type=int, default=3,
                        help="UPDATED copies of earlier cited articles added each day")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    if not REUTERS.is_file():
        raise SystemExit(f"{REUTERS} not found (the Reuters-21578 set of ../shared/eval)")
    rows = run(args)
    header = ["day", "articles", "dev", "page", "rep", "base rep", "copies out", "job s",
              "base s"]
    lines = [[r["day"], r["articles"], r["developing"], r["page"], r["repeats"],
              r["base_repeats"], f"{r['copies'] - r['copies_briefed']}/{r['copies']}",
              r["job_s"], r["base_s"]] for r in rows]
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for line in lines:
            print("| " + " | ".join(str(v) for v in line) + " |")
    else:
        print("  ".join(f"{h:>10}" for h in header))
        for line in lines:
            print("  ".join(f"{v!s:>10}" for v in line))
    for r in rows:
        print(f"\n{r['day']}:", *(f"\n  {h}" for h in r["headlines"]))
    check = copy_check(wire_days(args.start, args.days))
    print(f"\ncopies: {check['copies'] - check['missed']} of {check['copies']} UPDATED copies "
          f"recognised; {check['taken']} of the next days' {check['articles']} articles taken "
          "as copies of the day before:", *(f"\n  {line}" for line in check["found"]))
    if args.json:
        args.json.write_text(json.dumps({"days": rows, "copies": check}, indent=2))
    print(f"\n{dt.datetime.now(dt.timezone.utc):%Y-%m-%d} python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

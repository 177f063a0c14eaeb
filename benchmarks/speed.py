"""Speed and memory of a brief, and of ranking, on days built from the shared eval articles.

    python benchmarks/speed.py                 # 100, 1,000 and 5,000 articles + ranking ratio
    python benchmarks/speed.py --sizes 1000    # one size only
    python benchmarks/speed.py --markdown      # tables for docs/benchmarks.md

Days: the article texts of ../shared/eval/*/dev.jsonl (about 1,500 real articles), written to
JSON Lines files of 500 articles and briefed through `build_brief` (ingest, clean, split,
vectors, stories, rank, entities, compose). Days larger than the pool reuse articles as
*splices*: the first half of one article's paragraphs followed by the second half of another's,
so that no two articles of a day are duplicates that cleaning would drop. Each size runs in a
fresh process; its peak resident memory (ru_maxrss) is that process's own.

Ranking: the 250 multi-news dev clusters, cleaned and split once, then ranked and summarised
(230 words) by the default ranker, and by sumy's LexRank on the same sentences.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SETS = ("multi-news", "wcep", "wikinews", "cnndm", "xsum", "bbc")
sys.path.insert(0, str(ROOT))


def pool() -> list[str]:
    texts = []
    for name in SETS:
        path = EVAL / name / "dev.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                texts.extend(t for t in json.loads(line)["articles"] if len(t.split()) >= 80)
    return texts


def day(size: int) -> list[str]:
    texts = pool()
    articles = []
    for i in range(size):
        round_, k = divmod(i, len(texts))
        if round_ == 0:
            articles.append(texts[k])
            continue
        first = texts[k].split("\n")
        second = texts[(k + 7 * round_) % len(texts)].split("\n")
        articles.append("\n".join(first[: len(first) // 2] + second[len(second) // 2 :]))
    return articles


def one(size: int) -> dict[str, float]:
    """Brief a day of `size` articles in this process; wall time and peak RSS."""
    from briefing.pipeline import build_brief

    with tempfile.TemporaryDirectory() as tmp:
        texts = day(size)
        for part in range(0, size, 500):  # files under ingest's 10 MB limit
            with (Path(tmp) / f"day-{part:05d}.jsonl").open("w", encoding="utf-8") as out:
                for i, text in enumerate(texts[part : part + 500], part):
                    record = {"title": "", "text": text, "source": f"outlet{i % 40}"}
                    out.write(json.dumps(record) + "\n")
        started = time.perf_counter()
        brief = build_brief([tmp])
        wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"articles": size, "seconds": round(wall, 2), "peak_rss_mb": round(peak),
            "stories": brief.stats.get("stories", 0), "developments": len(brief.developments)}


def ranking() -> dict[str, float]:
    """Seconds to rank and summarise the 250 multi-news clusters: default vs sumy LexRank."""
    from briefing import evaluate, vectors

    items = evaluate.read_items(EVAL / "multi-news" / "dev.jsonl")
    stories = [evaluate.prepare(item) for item in items]
    budget = evaluate.Budget(words=230)
    timings = {}
    for system in ("default", "sumy-lexrank"):
        started = time.perf_counter()
        fitted = vectors.get_vectorizer().fit([s.text for st in stories for s in st.sentences])
        for story in stories:
            evaluate.summarize(story, system, budget, fitted)
        timings[system] = round(time.perf_counter() - started, 2)
    timings["ratio"] = round(timings["sumy-lexrank"] / timings["default"], 1)
    timings["clusters"] = len(stories)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 5000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--no-ranking", action="store_true")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    rows = []
    for size in args.sizes:
        done = subprocess.run([sys.executable, __file__, "--one", str(size)], check=True,
                              capture_output=True, text=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr)
    ranked = None if args.no_ranking else ranking()
    machine = f"{platform.processor() or platform.machine()}, {platform.python_version()}"
    if not args.markdown:
        print(json.dumps({"brief": rows, "ranking": ranked, "machine": machine}, indent=2))
        return
    print("| articles | stories | wall time (s) | peak RSS (MB) |\n|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['articles']:,} | {row['stories']:,.0f} | {row['seconds']:.1f} "
              f"| {row['peak_rss_mb']:,} |")
    if ranked:
        print("\n| ranker | 250 multi-news clusters (s) |\n|---|---:|")
        print(f"| default | {ranked['default']:.1f} |")
        print(f"| sumy LexRank | {ranked['sumy-lexrank']:.1f} |")
        print(f"\nRatio: default is {ranked['ratio']}x faster than sumy LexRank.")


if __name__ == "__main__":
    main()

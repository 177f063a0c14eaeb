"""Speed and memory of a brief, and of ranking, on days of unique articles.

    python benchmarks/speed.py                 # 100, 1,000 and 5,000 articles + ranking ratio
    python benchmarks/speed.py --sizes 1000    # one size only
    python benchmarks/speed.py --sizes 1000 5000 20000 --jobs 1 2 --markdown   # the scale table
    python benchmarks/speed.py --sizes 5000 --profile     # seconds per stage (cProfile)
    python benchmarks/speed.py --days pool     # the older days of eval articles and splices
    python benchmarks/speed.py --grouping 5000 20000   # key-word candidates vs all pairs
    python benchmarks/speed.py --sizes 1000 5000 20000 --jobs 1 2 --no-ranking \
        --save docs/scale-rows.json --plot docs/scale.svg   # the log-log plot
    git archive 1156bff | tar -x -C /tmp/before && \
        python benchmarks/speed.py --sizes 5000 --product /tmp/before   # an earlier commit

Days (`--days reuters`, the default): unique real wire articles, the 17,066 of
../shared/eval/reuters-21578 in file order, then *splices*: the first half of one Reuters
article's paragraphs followed by the second half of another's (untitled), so that the articles
of every size are alike and few are copies that cleaning drops (a one-paragraph article's
splice contains it whole, and one of the two is dropped as a copy). `--days pool` is the
earlier benchmark's day: the eval articles, then splices of them (most of a large day are near
copies that cleaning removes).
The articles are written to JSON Lines files of 500 articles and briefed through `build_brief`
(ingest, clean, split, vectors, stories, rank, entities, compose) with `--jobs N` worker
processes. Each size runs in a fresh process; its peak resident memory (ru_maxrss, the largest
of the process and of its worker processes) is that run's own. The growth exponent between two
sizes is log(t2/t1)/log(n2/n1) (1.0: linear).

Ranking: the 250 multi-news dev clusters, cleaned and split once, then ranked and summarised
(230 words) by the default ranker, and by sumy's LexRank on the same sentences.
"""

from __future__ import annotations

import argparse
import json
import math
import os
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
PRODUCT = "BRIEFING_SPEED_PRODUCT"  # the folder `--product` briefs with (set for the runs)
sys.path.insert(0, os.environ.get(PRODUCT) or str(ROOT))


def pool() -> list[str]:
    texts = []
    for name in SETS:
        path = EVAL / name / "dev.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                texts.extend(t for t in json.loads(line)["articles"] if len(t.split()) >= 80)
    return texts


def reuters(size: int) -> list[dict[str, str]]:
    """`size` unique articles: Reuters wire articles, then splices of them."""
    wire = [json.loads(line) for line in
            (EVAL / "reuters-21578" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    records = [{"title": r["title"], "text": r["text"], "published": r["published"],
                "source": r["source"]} for r in wire[:size]]
    for i in range(size - len(records)):
        round_, k = divmod(i, len(wire))
        first = wire[k]["text"].split("\n\n")
        second = wire[(k + 7 * (round_ + 1)) % len(wire)]["text"].split("\n\n")
        text = "\n\n".join(first[: max(1, len(first) // 2)] + second[len(second) // 2 :])
        records.append({"title": "", "text": text, "published": wire[k]["published"],
                        "source": "Reuters"})
    return records


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


def records(size: int, days: str) -> list[dict[str, str]]:
    if days == "reuters":
        return reuters(size)
    return [{"title": "", "text": text, "source": f"outlet{i % 40}"}
            for i, text in enumerate(day(size))]


# Where the time goes, by the functions that make up each stage (cumulative cProfile time).
STAGES = {
    "read": ("ingest.py", "read_inputs"),
    "per-article (normalise, clean, split)": ("local.py", "map"),
    "duplicates": ("clean.py", "drop_duplicates"),
    "vectors": ("vectors.py", "fit"),
    "group": ("stories.py", "group"),
    "rank": ("rank.py", "rank_day"),
    "memory": ("memory.py", "recall"),
    "select": ("rank.py", "select"),
    "entities": ("lists.py", "find_entities"),
    "compose (headlines of every story)": ("compose.py", "compose"),
    "fit page": ("compose.py", "fit"),
}


def one(size: int, days: str, jobs: int, profile: bool, engine: str = "local"
        ) -> dict[str, object]:
    """Brief a day of `size` articles in this process; wall time and peak RSS."""
    from briefing.pipeline import BriefOptions, build_brief

    with tempfile.TemporaryDirectory() as tmp:
        day_records = records(size, days)
        for part in range(0, size, 500):  # files under ingest's 10 MB limit
            with (Path(tmp) / f"day-{part:05d}.jsonl").open("w", encoding="utf-8") as out:
                for record in day_records[part : part + 500]:
                    out.write(json.dumps(record) + "\n")
        del day_records
        try:
            options = BriefOptions(jobs=jobs, engine=engine)
        except TypeError:  # a `--product` from before --jobs: one process
            options = BriefOptions()
        if engine == "ray":  # a local Ray of `jobs` CPUs, started before the clock
            import ray

            ray.init(num_cpus=jobs, include_dashboard=False, log_to_driver=False,
                     logging_level="ERROR")
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        mapped = _timed_maps()
        started = time.perf_counter()
        brief = build_brief([tmp], options)
        wall = time.perf_counter() - started
        if profiler is not None:
            profiler.disable()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result: dict[str, object] = {
        "articles": size, "jobs": jobs, "engine": engine, "seconds": round(wall, 2),
        "peak_rss_mb": round(max(own, workers) / 1024),  # KiB on Linux
        "used": brief.stats.get("articles_used", 0),
        "stories": brief.stats.get("stories", 0), "developments": len(brief.developments),
        # wall seconds of the engine's maps: the per-article stages, the stories ranked in full
        "per_article_s": round(mapped.get("_prepare", 0.0), 2),
        "ranking_s": round(mapped.get("rank_pair", 0.0), 2)}
    if profiler is not None:
        result["stages"] = stages(profiler)
    return result


def _timed_maps() -> dict[str, float]:
    """Seconds spent in each engine's `map`, by the function mapped (filled as the brief runs)."""
    seconds: dict[str, float] = {}
    try:
        from briefing.engine import local, ray
    except ImportError:  # a `--product` from before the engines
        return seconds

    for cls in (local.LocalEngine, ray.RayEngine):
        def timed(self, function, items, _original=cls.map):  # type: ignore[no-untyped-def]
            name = getattr(getattr(function, "func", function), "__name__", "?")
            started = time.perf_counter()
            try:
                return _original(self, function, items)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

        cls.map = timed  # type: ignore[method-assign]
    return seconds


def grouping(size: int) -> dict[str, object]:
    """Key-word candidates (the product on a day above stories.ALL_PAIRS) against comparing
    every pair, on the TF-IDF vectors of `size` unique articles: links found, time, agreement."""
    from sklearn.metrics import adjusted_rand_score

    from briefing import stories, vectors

    texts = [f"{r['title']}\n{r['text']}" for r in records(size, "reuters")]
    rows = vectors.get_vectorizer().fit(texts).transform(texts)
    found = {}
    for mode, all_pairs in (("key words", 0), ("all pairs", size)):
        stories.ALL_PAIRS = all_pairs
        started = time.perf_counter()
        links = stories._links(rows, stories.SIMILAR["tfidf"])
        labels = stories._agglomerate(rows, stories.SIMILAR["tfidf"])
        found[mode] = (len(links[0]), round(time.perf_counter() - started, 1), labels)
    return {"articles": size,
            "links": {mode: f[0] for mode, f in found.items()},
            "seconds": {mode: f[1] for mode, f in found.items()},
            "stories": {mode: len(set(f[2])) for mode, f in found.items()},
            "ari": round(adjusted_rand_score(found["all pairs"][2], found["key words"][2]), 4)}


def stages(profiler: object) -> dict[str, float]:
    import pstats

    stats = pstats.Stats(profiler)  # type: ignore[arg-type]
    found: dict[str, float] = {}
    for (path, _line, name), row in stats.stats.items():  # type: ignore[attr-defined]
        for stage, (file, function) in STAGES.items():
            if path.endswith(file) and name == function:
                found[stage] = round(found.get(stage, 0.0) + row[3], 2)
    return found


def exponent(rows: list[dict[str, object]]) -> list[str]:
    """The growth exponent between consecutive sizes, per number of jobs."""
    lines = []
    for jobs in sorted({int(r["jobs"]) for r in rows}):  # type: ignore[call-overload]
        runs = sorted((r for r in rows if r["jobs"] == jobs), key=lambda r: r["articles"])
        for a, b in zip(runs, runs[1:], strict=False):
            k = math.log(float(b["seconds"]) / float(a["seconds"])) / math.log(
                float(b["articles"]) / float(a["articles"]))
            lines.append(f"{jobs} job(s): {a['articles']:,} -> {b['articles']:,} articles: "
                         f"time grows as n^{k:.2f}")
    return lines


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


def plot(rows: list[dict], path: Path) -> None:
    """Wall time and peak memory against articles, log-log, a line per engine and jobs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (time_axis, memory_axis) = plt.subplots(1, 2, figsize=(10, 4))
    for (engine, jobs) in sorted({(r["engine"], r["jobs"]) for r in rows}):
        mine = sorted((r for r in rows if (r["engine"], r["jobs"]) == (engine, jobs)),
                      key=lambda r: r["articles"])
        label = f"{engine}, {jobs} job{'s' if jobs > 1 else ''}"
        sizes = [r["articles"] for r in mine]
        time_axis.plot(sizes, [r["seconds"] for r in mine], marker="o", label=label)
        memory_axis.plot(sizes, [r["peak_rss_mb"] for r in mine], marker="o", label=label)
    smallest = min(r["articles"] for r in rows)
    first = min((r for r in rows if r["articles"] == smallest), key=lambda r: r["seconds"])
    largest = max(r["articles"] for r in rows)
    time_axis.plot([smallest, largest], [first["seconds"], first["seconds"] * largest / smallest],
                   linestyle=":", color="grey", label="linear")
    for axis, title in ((time_axis, "wall time (s)"), (memory_axis, "peak RSS (MB)")):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("articles in the day")
        axis.set_title(title)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend()
    figure.tight_layout()
    figure.savefig(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 5000])
    parser.add_argument("--days", choices=("reuters", "pool"), default="reuters",
                        help="unique Reuters wire articles (default) or the eval-article pool")
    parser.add_argument("--jobs", type=int, nargs="*", default=[1],
                        help="worker processes to brief with, one run each (default 1)")
    parser.add_argument("--profile", action="store_true", help="seconds per stage (cProfile)")
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="ray: a local Ray instance of --jobs CPUs (needs briefing[ray])")
    parser.add_argument("--product", type=Path, metavar="CHECKOUT",
                        help="brief with the briefing of this checkout (e.g. a `git archive` of "
                             "an earlier commit): the before of a before/after")
    parser.add_argument("--grouping", type=int, nargs="*", metavar="N",
                        help="only compare key-word grouping with all pairs on N articles")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--no-ranking", action="store_true")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--save", type=Path, metavar="FILE.json",
                        help="also write this run's rows here (for --plot of several runs)")
    parser.add_argument("--plot", type=Path, metavar="FILE.svg",
                        help="time and peak memory against articles, log-log (needs matplotlib)")
    parser.add_argument("--rows", type=Path, nargs="*", default=[], metavar="FILE.json",
                        help="with --plot and no --sizes run: plot the rows saved by --save")
    args = parser.parse_args()
    if args.plot and args.rows:
        saved = [row for path in args.rows for row in json.loads(path.read_text())]
        plot(saved, args.plot)
        return
    if args.grouping:
        for size in args.grouping:
            print(json.dumps(grouping(size)))
        return
    if args.one:
        print(json.dumps(one(args.one, args.days, args.jobs[0], args.profile, args.engine)))
        return
    env = None
    if args.product:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from day import overlay

        product = overlay(args.product.resolve(), Path(tempfile.mkdtemp()))
        env = {**os.environ, PRODUCT: str(product)}
    rows = []
    for size in args.sizes:
        for jobs in args.jobs:
            command = [sys.executable, __file__, "--one", str(size), "--days", args.days,
                       "--jobs", str(jobs), "--engine", args.engine]
            command += ["--profile"] if args.profile else []
            done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(json.dumps(rows[-1]), file=sys.stderr)
    if args.save:
        args.save.write_text(json.dumps(rows, indent=1))
    if args.plot:
        plot(rows, args.plot)
    ranked = None if args.no_ranking else ranking()
    machine = f"{platform.processor() or platform.machine()}, {platform.python_version()}"
    if not args.markdown:
        print(json.dumps({"brief": rows, "ranking": ranked, "machine": machine,
                          "growth": exponent(rows)}, indent=2))
        return
    print("| articles | engine | jobs | stories | wall time (s) | per-article stages (s) "
          "| peak RSS (MB) |\n|---:|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['articles']:,} | {row['engine']} | {row['jobs']} | {row['stories']:,.0f} "
              f"| {row['seconds']:.1f} | {row['per_article_s']:.1f} | {row['peak_rss_mb']:,} |")
    for line in exponent(rows):
        print(f"\n{line}")
    if ranked:
        print("\n| ranker | 250 multi-news clusters (s) |\n|---|---:|")
        print(f"| default | {ranked['default']:.1f} |")
        print(f"| sumy LexRank | {ranked['sumy-lexrank']:.1f} |")
        print(f"\nRatio: default is {ranked['ratio']}x faster than sumy LexRank.")


if __name__ == "__main__":
    main()

"""TF-IDF vs MiniLM: story grouping, summary quality, and the time each takes.

    .venv/bin/python benchmarks/embeddings.py [--days 25] [--per-day 10] [--items 50]

Grouping: Multi-News clusters are mixed, `--per-day` clusters to a day, their articles shuffled;
`briefing.stories.group` must give the clusters back. Scored per day with the adjusted Rand
index, pairwise precision/recall/F1 over article pairs, and the share of clusters returned
exactly, then averaged. `--similar` also tries other grouping thresholds per vectorizer
(`stories.SIMILAR` holds a threshold per vectorizer).

Quality: the first `--items` Multi-News items summarised as `briefing eval` does (the default
ranker, 230 words) but with each vectorizer; ROUGE F1 x 100 against the human summary.

Time: wall-clock and CPU seconds (all threads) per day for the stages that use the vectors (fit,
group, rank every story, select), measured on the first threshold only (MiniLM keeps the vectors
of texts it has seen), and the one-off model load. Needs `briefing[neural]` for MiniLM.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sklearn.metrics import adjusted_rand_score

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from briefing import clean, evaluate, rank, rankers, sentences, stories, vectors  # noqa: E402
from briefing.domain import Article, Sentence  # noqa: E402

DATA = REPO.parent / "shared" / "eval" / "multi-news" / "dev.jsonl"


def load_clusters(path: Path) -> list[tuple[str, list[str]]]:
    with path.open(encoding="utf-8") as lines:
        return [(d["id"], d["articles"]) for d in map(json.loads, lines)]


def make_days(
    clusters: Sequence[tuple[str, list[str]]], days: int, per_day: int, seed: int
) -> list[tuple[list[Article], dict[str, str]]]:
    """Days of shuffled articles, each with its truth: article id -> cluster id."""
    rng = random.Random(seed)
    chosen = rng.sample(list(clusters), min(len(clusters), days * per_day))
    result = []
    for day in range(days):
        batch = chosen[day * per_day : (day + 1) * per_day]
        if not batch:
            break
        articles = [Article(text=text, origin=f"{cid}/{k}")
                    for cid, texts in batch for k, text in enumerate(texts)]
        rng.shuffle(articles)
        kept, _ = clean.clean_all(articles)
        truth = {a.id: a.origin.rsplit("/", 1)[0] for a in kept}
        result.append((kept, truth))
    return result


def grouping_scores(found: list[list[str]], truth: dict[str, str]) -> dict[str, float]:
    label = {aid: i for i, group in enumerate(found) for aid in group}
    ids = sorted(truth)
    ari = adjusted_rand_score([truth[i] for i in ids], [label[i] for i in ids])
    same_true = {(a, b) for a, b in itertools.combinations(ids, 2) if truth[a] == truth[b]}
    same_found = {(a, b) for a, b in itertools.combinations(ids, 2) if label[a] == label[b]}
    hits = len(same_true & same_found)
    precision = hits / len(same_found) if same_found else 1.0
    recall = hits / len(same_true) if same_true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    true_groups = {frozenset(i for i in ids if truth[i] == c) for c in set(truth.values())}
    exact = len(true_groups & {frozenset(g) for g in found}) / len(true_groups)
    return {"ari": ari, "precision": precision, "recall": recall, "f1": f1, "exact": exact}


def run_day(
    articles: list[Article], vectorizer: vectors.Vectorizer
) -> tuple[list[list[str]], tuple[float, float]]:
    """Group and rank one day as the pipeline does; the groups and the (wall, CPU) seconds."""
    by_article: dict[str, list[Sentence]] = {a.id: sentences.split(a) for a in articles}
    kept = [a for a in articles if by_article[a.id]]
    start, cpu = time.perf_counter(), time.process_time()
    vectorizer.fit([s.text for a in kept for s in by_article[a.id]])
    day = stories.group(kept, by_article, vectorizer)
    ranked = [rank.rank(story, rankers.get("default"), vectorizer) for story in day]
    rank.select(ranked, vectorizer, max_stories=6, per_story=5)
    seconds = (time.perf_counter() - start, time.process_time() - cpu)
    groups = [[a.id for a in story.articles] for story in day]
    # articles with no sentences are their own story
    groups += [[a.id] for a in articles if not by_article[a.id]]
    return groups, seconds


def grouping(days: list, names: Sequence[str], thresholds: Sequence[float]) -> list[dict[str, Any]]:
    rows = []
    default = dict(stories.SIMILAR)
    for name in names:
        load_start = time.perf_counter()
        vectorizer = vectors.get_vectorizer(name).fit(["warm up"])
        load = time.perf_counter() - load_start
        for run, threshold in enumerate(dict.fromkeys([default[name], *thresholds])):
            stories.SIMILAR = {**default, name: threshold}
            scores, seconds = [], []
            for articles, truth in days:
                groups, took = run_day(articles, vectorizer)
                scores.append(grouping_scores(groups, truth))
                seconds.append(took)
            row: dict[str, Any] = {k: statistics.mean(s[k] for s in scores) for k in scores[0]}
            # later runs find the embeddings cached: only the first run's time counts
            row.update(vectors=name, similar=threshold, load=load,
                       seconds=statistics.mean(s[0] for s in seconds) if run == 0 else None,
                       cpu=statistics.mean(s[1] for s in seconds) if run == 0 else None)
            rows.append(row)
            print(f"  grouping {name} SIMILAR={threshold}: ARI {row['ari']:.3f} "
                  f"F1 {row['f1']:.3f} exact {row['exact']:.3f} {row['seconds']}s/day",
                  file=sys.stderr)
    stories.SIMILAR = default
    return rows


def quality(items: list[evaluate.Item], names: Sequence[str]) -> list[dict[str, Any]]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(evaluate.ROUGE_TYPES), use_stemmer=True)
    prepared = [(evaluate.prepare(item), item) for item in items]
    rows = []
    for name in names:
        vectorizer = vectors.get_vectorizer(name)
        totals = dict.fromkeys(evaluate.ROUGE_TYPES, 0.0)
        start, cpu = time.perf_counter(), time.process_time()
        for story, item in prepared:
            if not story.sentences:
                continue
            fitted = vectorizer.fit([s.text for s in story.sentences])
            ranked = rank.rank(story, rankers.get("default"), fitted)
            chosen = rank.choose(ranked, fitted, words=230)
            summary = "\n".join(s.sentence.text for s in chosen)
            reference = "\n".join(item.summary[a:b]
                                  for a, b in sentences.split_spans(item.summary))
            for kind, score in scorer.score(reference, summary).items():
                totals[kind] += score.fmeasure
        row: dict[str, Any] = {k: 100 * v / len(prepared) for k, v in totals.items()}
        row.update(vectors=name, seconds=(time.perf_counter() - start) / len(prepared),
                   cpu=(time.process_time() - cpu) / len(prepared))
        rows.append(row)
        print(f"  quality {name}: R1 {row['rouge1']:.2f} R2 {row['rouge2']:.2f}", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=25)
    parser.add_argument("--per-day", type=int, default=10)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--vectors", nargs="+", default=["tfidf", "minilm"])
    parser.add_argument("--similar", type=float, nargs="*", default=[],
                        help="other grouping thresholds to try besides stories.SIMILAR")
    args = parser.parse_args()

    clusters = load_clusters(DATA)
    days = make_days(clusters, args.days, args.per_day, args.seed)
    n_articles = sum(len(a) for a, _ in days)
    print(f"# {len(days)} days of {args.per_day} Multi-News clusters ({n_articles} articles "
          f"after cleaning); {platform.processor() or platform.machine()}, "
          f"python {platform.python_version()}\n")
    print("## Story grouping\n")
    print("| vectors | SIMILAR | ARI | pair precision | pair recall | pair F1 | clusters exact "
          "| s/day wall | s/day CPU | model load s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in grouping(days, args.vectors, args.similar):
        wall, cpu = (f"{r[k]:.2f}" if r[k] is not None else "(cached)" for k in ("seconds", "cpu"))
        print(f"| {r['vectors']} | {r['similar']} | {r['ari']:.3f} | {r['precision']:.3f} | "
              f"{r['recall']:.3f} | {r['f1']:.3f} | {r['exact']:.3f} | {wall} | {cpu} | "
              f"{r['load']:.1f} |")

    if args.items:
        items = evaluate.read_items(DATA)[: args.items]
        print(f"\n## Summary quality ({len(items)} Multi-News items, default ranker, 230 words)\n")
        print("| vectors | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | s/item wall | s/item CPU |")
        print("|---|---|---|---|---|---|")
        for r in quality(items, args.vectors):
            print(f"| {r['vectors']} | {r['rouge1']:.2f} | {r['rouge2']:.2f} | "
                  f"{r['rougeLsum']:.2f} | {r['seconds']:.2f} | {r['cpu']:.2f} |")


if __name__ == "__main__":
    main()

"""Sentence splitting: briefing against NLTK's untrained Punkt, nupunkt and pysbd.

    python benchmarks/sbd.py [--shared-dir ../shared] [--repeat 3]

Accuracy is exact match per case: a case counts when every sentence comes out right. Cases:
`<shared>/eval/sbd-news-dev.jsonl` (40 news cases), `benchmarks/sbd-heldout.jsonl` (60
standard English cases written for this benchmark: abbreviations mid-sentence and at the end,
initials, lists, quotes, ellipses, URLs, headlines) and `benchmarks/sbd-kinds.jsonl` (cases of
the kinds the news cases leave out, each with its `kind`: numbered, lettered and bulleted lists,
an abbreviation ending a sentence before a title, ellipses, a quotation's citation; a second
table scores each kind). Sentences are compared with white space collapsed and a leading
bullet symbol removed, so no splitter loses for keeping a "•" or "⁃".

Speed is characters per CPU second (one core, `time.process_time`, best of --repeat runs) over
the article texts of `<shared>/eval/*/dev.jsonl`, after a warm-up call that loads each model.
Needs the `bench` extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

Splitter = Callable[[str], list[str]]
_BULLET = re.compile(r"^(?:[-*·–—]\s+|[•⁃▪◦‣●○■□►▸▹➢➤✓✔◆◇♦]\s*)")


def splitters() -> dict[str, Splitter]:
    import nupunkt
    import pysbd
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from briefing.sentences import split_spans

    untrained = PunktSentenceTokenizer()
    segmenter = pysbd.Segmenter(language="en", clean=False)
    return {
        "briefing (Punkt, news-trained + rules)":
            lambda text: [text[s:e] for s, e in split_spans(text)],
        "NLTK Punkt, untrained": untrained.tokenize,
        "nupunkt": nupunkt.sent_tokenize,
        "pysbd": segmenter.segment,
    }


def normal(sentences: list[str]) -> list[str]:
    out = [_BULLET.sub("", " ".join(s.split())) for s in sentences]
    return [s for s in out if s]


def load_cases(path: Path) -> list[dict[str, list[str] | str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def exact_matches(split: Splitter, cases: list[dict]) -> int:
    return sum(normal(split(case["text"])) == normal(case["sentences"]) for case in cases)


def chars_per_second(split: Splitter, texts: list[str], repeat: int) -> float:
    split("Warm up. Load the model.")
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            split(text)
        best = min(best, time.process_time() - start)
    return sum(map(len, texts)) / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-dir", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3, help="speed runs, best kept")
    args = parser.parse_args(argv)

    news = load_cases(args.shared_dir / "eval" / "sbd-news-dev.jsonl")
    held_out = load_cases(REPO / "benchmarks" / "sbd-heldout.jsonl")
    kinds = load_cases(REPO / "benchmarks" / "sbd-kinds.jsonl")
    by_kind: dict[str, list[dict]] = {}
    for case in kinds:
        by_kind.setdefault(str(case["kind"]), []).append(case)
    texts = [
        article
        for path in sorted((args.shared_dir / "eval").glob("*/dev.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        for article in json.loads(line).get("articles", [])  # ner-gmb has sentences only
    ]
    size = sum(map(len, texts))

    print(f"| splitter | sbd-news-dev ({len(news)}) | held-out ({len(held_out)}) "
          f"| kinds ({len(kinds)}) | speed, chars/s ({size / 1e6:.1f} M chars) |")
    print("|---|---|---|---|---|")
    per_kind = {}
    for name, split in splitters().items():
        speed = chars_per_second(split, texts, args.repeat)
        per_kind[name] = {kind: exact_matches(split, cases) for kind, cases in by_kind.items()}
        print(f"| {name} | {exact_matches(split, news)}/{len(news)} "
              f"| {exact_matches(split, held_out)}/{len(held_out)} "
              f"| {sum(per_kind[name].values())}/{len(kinds)} | {speed / 1e6:.2f} M |",
              flush=True)
    print()
    print("| splitter | " + " | ".join(f"{kind} ({len(cases)})" for kind, cases in by_kind.items())
          + " |")
    print("|---|" + "---|" * len(by_kind))
    for name, right in per_kind.items():
        print(f"| {name} | "
              + " | ".join(f"{right[kind]}/{len(by_kind[kind])}" for kind in by_kind) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

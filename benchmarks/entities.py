"""Entity benchmark: the trained recognizer against the old rule-based lists, on GMB dev sentences.

    python benchmarks/entities.py                     # all 9,592 dev sentences, 10 days (~20 s)
    python benchmarks/entities.py --limit 2000 --days 3 --markdown
    python benchmarks/entities.py --show-lists        # also print each day's lists, marked

Three measurements on `<shared>/eval/ner-gmb/dev.jsonl` (see its SOURCE.md):

1. Entity level, per kind (person, organisation, place = country + location). Gold is mapped as
   `scripts/train_entities.py` maps it for training (its own functions): `per` -> person without
   leading titles, `org` -> organisation, `geo`/`gpe` -> place except nationality words,
   `tim`/`art`/`eve`/`nat` dropped.

   new            `briefing.entities.recognizer.recognize(sentence)`, its spans as they are.
   old/sentence   `briefing.entities.find_entities([Article(sentence)])`, one sentence at a time.
   old/day        the same, given `--batch` consecutive sentences at once as one-sentence
                  articles: the way it runs in the product, a day at a time, where a name seen
                  in one sentence helps type it in another and surnames merge into full names.

   The old recognizer names things, it does not point at them, so its names are put back on the
   sentence: every occurrence of the listed name (word-bounded), of an alias that
   models/places.json maps to it ("U.S." for "United States"), and, for a person with a
   multi-word name, of its last word (a surname it merged, "Stoltenberg" for "Jens
   Stoltenberg"); an occurrence inside a longer one is dropped. A listed name found nowhere in
   the sentence counts as one false positive.

   exact      span and kind both equal to a gold entity's.
   by name    per sentence, the set of (name, kind) each side names, matched one to one: the
              same name after alias mapping, lower case and possessive stripping, or one name's
              words a run of the other's ("Major General Athar Abbas" ~ "Athar Abbas", "Human
              Rights Watch" ~ "New York-based Human Rights Watch"). This forgives the old one's
              title handling and its merged surnames, right or wrong.

2. Lists on days built from dev sentences: consecutive sentences make pseudo-articles of 5-10
   sentences, consecutive articles make days of 30-60 articles, and `--days` of them are drawn
   with `--seed`. Each side lists the day's top 12 actors (people and organisations; the old
   one's countries, which it lists as actors too, are scored as locations only) and top 8
   locations (countries and other places):

   new   spans counted per name (alias-mapped, case-insensitive) over the day, a name's kind
         the majority of its spans' kinds; most spans first, then most articles.
   old   find_entities(articles of the day), in its own order.

   precision  share of listed names that the day's gold names with a right kind somewhere
              (person or organisation for an actor, place for a location), same name as above;
              "≈" also accepts the word-run match of "by name".
   bare       listed actors that are one word and the last word of a longer person name the
              day's gold has ("Bush" on a day of "George Bush"): issue 11's "left bare".
   recall     share of the day's 12 most-mentioned gold actors (people and organisations) and
              8 most-mentioned gold places that the list names (same name); "≈" also accepts
              the word-run match, so a listed "George Bush" names the gold "Bush" (GMB writes
              "Mr. Bush" far more often than the full name, and the old lists merge surnames).

3. Model size, load time, tagging speed (tokens/s, sentences/s) for the recognizer and
   sentences/s for the old one, timed during the scoring of part 1 (one core, cold caches).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from train_entities import DEV, briefing_entities, read_jsonl  # noqa: E402

from briefing import entities  # noqa: E402
from briefing.domain import Article  # noqa: E402
from briefing.entities import grammar  # noqa: E402
from briefing.entities.recognizer import MODEL_NAME, shipped_recognizer, tokenize  # noqa: E402

KINDS = ("person", "organisation", "place")
_GOLD_KINDS = {"PER": "person", "ORG": "organisation", "PLACE": "place"}
_OLD_KINDS = {
    "person": "person",
    "organisation": "organisation",
    "country": "place",
    "location": "place",
}
ACTORS, LOCATIONS = 12, 8
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


# --- Names ---------------------------------------------------------------------------------------


def name_key(name: str, aliases: dict[str, str]) -> str:
    """The name two sides must agree on: alias-mapped, possessive and leading "the" dropped,
    lower case, single spaces ("U.S." -> "united states", "NATO's" -> "nato")."""
    name = " ".join(_POSSESSIVE.sub("", name.strip()).split())
    name = aliases.get(name, name)
    key = name.lower()
    return key[4:] if key.startswith("the ") else key


def same_name(a: str, b: str) -> bool:
    """Whether two name keys are the same or one's words are a run of the other's."""
    if a == b:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def kind_of(kind: str) -> str:
    """person | organisation | place (country and location are one kind here)."""
    return _OLD_KINDS[kind]


# --- Scores --------------------------------------------------------------------------------------


@dataclass
class Count:
    """True positives, predictions and gold items of one kind."""

    tp: int = 0
    found: int = 0
    gold: int = 0

    def add(self, tp: int, found: int, gold: int) -> None:
        self.tp += tp
        self.found += found
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.tp / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


Labelled = tuple[int, int, str]  # start, end, kind


def exact_counts(gold: Iterable[Labelled], found: Iterable[Labelled]) -> dict[str, Count]:
    """Per kind and "all": spans equal in start, end and kind."""
    gold, found = set(gold), set(found)
    out = {}
    for kind in (*KINDS, "all"):
        g = {x for x in gold if kind in ("all", x[2])}
        f = {x for x in found if kind in ("all", x[2])}
        out[kind] = Count(len(g & f), len(f), len(g))
    return out


def name_counts(
    gold: Iterable[tuple[str, str]], found: Iterable[tuple[str, str]]
) -> dict[str, Count]:
    """Per kind and "all": (name key, kind) pairs matched one to one, equal names first, then
    names whose words are a run of the other's."""
    gold, found = sorted(set(gold)), sorted(set(found))
    free = set(range(len(gold)))
    hits: list[str] = []
    unmatched = []
    for name, kind in found:
        match = next((i for i in sorted(free) if gold[i] == (name, kind)), None)
        if match is None:
            unmatched.append((name, kind))
        else:
            free.discard(match)
            hits.append(kind)
    for name, kind in unmatched:
        match = next(
            (i for i in sorted(free) if gold[i][1] == kind and same_name(gold[i][0], name)), None
        )
        if match is not None:
            free.discard(match)
            hits.append(kind)
    out = {}
    for kind in (*KINDS, "all"):
        out[kind] = Count(
            sum(kind in ("all", h) for h in hits),
            sum(kind in ("all", k) for _, k in found),
            sum(kind in ("all", k) for _, k in gold),
        )
    return out


# --- Putting the old recognizer's names back on the text ----------------------------------------


def locate(name: str, kind: str, text: str, aliases: dict[str, str]) -> list[tuple[int, int]]:
    """Where a name the old recognizer listed stands in `text`: the name, the aliases that map to
    it, and for a multi-word person name its last word; word-bounded, all occurrences."""
    forms = {name} | {alias for alias, target in aliases.items() if target == name}
    if kind == "person" and " " in name:
        forms.add(name.split()[-1])
    spans: set[tuple[int, int]] = set()
    for form in forms:
        pattern = r"(?<![\w'’-])" + r"\s+".join(map(re.escape, form.split())) + r"(?!\w)"
        spans.update(m.span() for m in re.finditer(pattern, text))
    return sorted(spans)


def outermost(spans: Iterable[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Drop any (start, end, ...) that lies inside a longer one."""
    spans = sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str, str]] = []
    for span in spans:
        if not any(o[0] <= span[0] and span[1] <= o[1] and o != span for o in out):
            out.append(span)
    return out


@dataclass(frozen=True)
class Found:
    """One side's reading of one sentence: located spans (start, end, kind) and listed names."""

    spans: tuple[Labelled, ...]
    names: tuple[tuple[str, str], ...]  # (name as listed, kind)


def old_found(texts: Sequence[str], aliases: dict[str, str]) -> tuple[list[Found], float]:
    """The old recognizer over `texts` at once, each a one-sentence article; per text what it
    names there, located in the text; and the seconds find_entities took."""
    articles = [Article(text=text, origin=f"s{i}") for i, text in enumerate(texts)]
    index = {article.id: i for i, article in enumerate(articles)}
    began = time.perf_counter()
    actors, locations = grammar.find_entities(articles)
    seconds = time.perf_counter() - began
    named: dict[int, dict[str, str]] = defaultdict(dict)
    for mention in [*actors, *locations]:
        for article_id in mention.article_ids:
            named[index[article_id]][mention.name] = kind_of(mention.kind)
    out = []
    for i, text in enumerate(texts):
        located: list[tuple[int, int, str, str]] = []
        missing: list[Labelled] = []
        for name, kind in named[i].items():
            spans = locate(name, kind, text, aliases)
            located.extend((s, e, kind, name) for s, e in spans)
            if not spans:  # found nowhere in the sentence: a prediction no gold span matches
                missing.append((-1 - len(missing), -1, kind))
        kept = tuple((s, e, k) for s, e, k, _ in outermost(located))
        out.append(Found(kept + tuple(missing), tuple(named[i].items())))
    return out, seconds


def new_found(text: str) -> Found:
    spans = shipped_recognizer().recognize(text)
    return Found(
        tuple((s.start, s.end, kind_of(s.kind)) for s in spans),
        tuple((s.text, kind_of(s.kind)) for s in spans),
    )


def gold_of(sentence: dict, gazetteer) -> tuple[tuple[Labelled, ...], tuple[tuple[str, str], ...]]:
    text = sentence["text"]
    labelled = [(s, e, _GOLD_KINDS[t]) for s, e, t in briefing_entities(sentence, gazetteer)]
    return tuple(labelled), tuple((text[s:e], k) for s, e, k in labelled)


# --- Part 1: entity level ------------------------------------------------------------------------


@dataclass
class Side:
    """One recognizer's scores over the dev sentences."""

    exact: dict[str, Count]
    by_name: dict[str, Count]
    seconds: float


def score(
    sentences: list[dict], founds: list[Found], seconds: float, aliases: dict[str, str], gazetteer
) -> Side:
    exact = {kind: Count() for kind in (*KINDS, "all")}
    by_name = {kind: Count() for kind in (*KINDS, "all")}
    for sentence, found in zip(sentences, founds, strict=True):
        gold_spans, gold_names = gold_of(sentence, gazetteer)
        for kind, c in exact_counts(gold_spans, found.spans).items():
            exact[kind].add(c.tp, c.found, c.gold)
        counts = name_counts(
            {(name_key(n, aliases), k) for n, k in gold_names},
            {(name_key(n, aliases), k) for n, k in found.names},
        )
        for kind, c in counts.items():
            by_name[kind].add(c.tp, c.found, c.gold)
    return Side(exact, by_name, seconds)


def run_old(texts: list[str], batch: int, aliases: dict[str, str]) -> tuple[list[Found], float]:
    """The old recognizer on `batch` sentences at a time; seconds spent in find_entities."""
    founds: list[Found] = []
    seconds = 0.0
    for i in range(0, len(texts), batch):
        found, spent = old_found(texts[i : i + batch], aliases)
        founds.extend(found)
        seconds += spent
    return founds, seconds


def run_new(texts: list[str]) -> tuple[list[Found], float]:
    began = time.perf_counter()
    founds = [new_found(text) for text in texts]
    return founds, time.perf_counter() - began


# --- Part 2: lists on days -----------------------------------------------------------------------


def build_days(n_sentences: int, rng: random.Random) -> list[list[range]]:
    """Consecutive sentence indices cut into articles of 5-10 sentences and days of 30-60
    articles; a day is its articles' index ranges. The last, short day is dropped."""
    days: list[list[range]] = []
    day: list[range] = []
    size = rng.randint(30, 60)
    i = 0
    while i < n_sentences:
        length = rng.randint(5, 10)
        day.append(range(i, min(i + length, n_sentences)))
        i += length
        if len(day) == size:
            days.append(day)
            day, size = [], rng.randint(30, 60)
    return days


Listed = list[tuple[str, str]]  # (name, kind) most-mentioned first


def new_lists(
    day: list[range], founds: list[Found], aliases: dict[str, str]
) -> tuple[Listed, Listed]:
    """The recognizer's top actors and locations of a day: spans counted per name key
    (`founds`: its reading of every dev sentence)."""
    mentions: Counter[str] = Counter()
    articles: dict[str, set[int]] = defaultdict(set)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    for a, article in enumerate(day):
        for i in article:
            for text, found_kind in founds[i].names:
                key = name_key(text, aliases)
                mentions[key] += 1
                articles[key].add(a)
                kinds[key][found_kind] += 1
                shown[key][aliases.get(text, text)] += 1
    order = sorted(mentions, key=lambda k: (-mentions[k], -len(articles[k]), k))

    def kind(key: str) -> str:
        return max(KINDS, key=lambda k: (kinds[key][k], -KINDS.index(k)))

    named = [(shown[key].most_common(1)[0][0], kind(key)) for key in order]
    actors = [(n, k) for n, k in named if k != "place"][:ACTORS]
    places = [(n, k) for n, k in named if k == "place"][:LOCATIONS]
    return actors, places


def old_lists(day: list[range], texts: list[str], find=grammar.find_entities
              ) -> tuple[Listed, Listed]:
    articles = [
        Article(text="\n".join(texts[i] for i in article), origin=f"a{a}")
        for a, article in enumerate(day)
    ]
    sentences = {a.id: [texts[i] for i in rows] for a, rows in zip(articles, day, strict=True)}
    if find is grammar.find_entities:
        actors, locations = find(articles)
    else:
        actors, locations = find(articles, sentences)
    return (
        [(m.name, m.kind) for m in actors if m.kind != "country"][:ACTORS],
        [(m.name, kind_of(m.kind)) for m in locations][:LOCATIONS],
    )


@dataclass(frozen=True)
class DayGold:
    """The gold names of a day: which kinds each name key has, and mentions per (key, group)."""

    kinds: dict[str, frozenset[str]]
    surnames: frozenset[str]  # last words of the day's multi-word person names
    top_actors: tuple[str, ...]
    top_places: tuple[str, ...]


def day_gold(
    day: list[range], sentences: list[dict], aliases: dict[str, str], gazetteer
) -> DayGold:
    kinds: dict[str, set[str]] = defaultdict(set)
    actor_count: Counter[str] = Counter()
    place_count: Counter[str] = Counter()
    for article in day:
        for i in article:
            for name, kind in gold_of(sentences[i], gazetteer)[1]:
                key = name_key(name, aliases)
                kinds[key].add(kind)
                (place_count if kind == "place" else actor_count)[key] += 1

    def top(counts: Counter[str], n: int) -> tuple[str, ...]:
        return tuple(sorted(counts, key=lambda k: (-counts[k], k))[:n])

    surnames = frozenset(k.split()[-1] for k, v in kinds.items() if "person" in v and " " in k)
    return DayGold(
        {k: frozenset(v) for k, v in kinds.items()},
        surnames,
        top(actor_count, ACTORS),
        top(place_count, LOCATIONS),
    )


def right(name: str, group: str, gold: DayGold, aliases: dict[str, str], *, lenient: bool) -> bool:
    """Whether the day's gold names `name` with a kind of `group` ("actor" or "place")."""
    wanted = {"person", "organisation"} if group == "actor" else {"place"}
    key = name_key(name, aliases)
    if gold.kinds.get(key, frozenset()) & wanted:
        return True
    return lenient and any(
        kinds & wanted and same_name(key, other) for other, kinds in gold.kinds.items()
    )


@dataclass
class ListScore:
    """Numerators and denominators of a side's list scores, summed over days."""

    actors_right: int = 0
    actors_right_lenient: int = 0
    actors_listed: int = 0
    actors_bare: int = 0
    places_right: int = 0
    places_right_lenient: int = 0
    places_listed: int = 0
    actors_recalled: int = 0
    actors_recalled_lenient: int = 0
    actors_top: int = 0
    places_recalled: int = 0
    places_recalled_lenient: int = 0
    places_top: int = 0

    def add(self, other: ListScore) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def list_score(actors: Listed, places: Listed, gold: DayGold, aliases: dict[str, str]) -> ListScore:
    actor_keys = {name_key(n, aliases) for n, _ in actors}
    place_keys = {name_key(n, aliases) for n, _ in places}
    return ListScore(
        actors_right=sum(right(n, "actor", gold, aliases, lenient=False) for n, _ in actors),
        actors_right_lenient=sum(right(n, "actor", gold, aliases, lenient=True) for n, _ in actors),
        actors_listed=len(actors),
        actors_bare=sum(" " not in key and key in gold.surnames for key in actor_keys),
        places_right=sum(right(n, "place", gold, aliases, lenient=False) for n, _ in places),
        places_right_lenient=sum(right(n, "place", gold, aliases, lenient=True) for n, _ in places),
        places_listed=len(places),
        actors_recalled=sum(k in actor_keys for k in gold.top_actors),
        actors_recalled_lenient=sum(
            any(same_name(k, n) for n in actor_keys) for k in gold.top_actors
        ),
        actors_top=len(gold.top_actors),
        places_recalled=sum(k in place_keys for k in gold.top_places),
        places_recalled_lenient=sum(
            any(same_name(k, n) for n in place_keys) for k in gold.top_places
        ),
        places_top=len(gold.top_places),
    )


# --- Output --------------------------------------------------------------------------------------


def table(header: Sequence[str], rows: Sequence[Sequence[object]], markdown: bool) -> str:
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    if markdown:
        lines = [
            "| " + " | ".join(cells[0]) + " |",
            "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|",
        ]
        lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in cells
    )


def pct(numerator: int, denominator: int) -> str:
    return f"{100 * numerator / denominator:.0f} %" if denominator else "-"


def list_cells(s: ListScore) -> list[str]:
    return [
        pct(s.actors_right, s.actors_listed),
        pct(s.actors_right_lenient, s.actors_listed),
        str(s.actors_bare),
        pct(s.places_right, s.places_listed),
        pct(s.places_right_lenient, s.places_listed),
        pct(s.actors_recalled, s.actors_top),
        pct(s.actors_recalled_lenient, s.actors_top),
        pct(s.places_recalled, s.places_top),
        pct(s.places_recalled_lenient, s.places_top),
    ]


def entity_rows(sides: dict[str, Side], field: Callable[[Side], dict[str, Count]]) -> list[list]:
    rows = []
    for kind in (*KINDS, "all"):
        row: list[object] = [kind, field(next(iter(sides.values())))[kind].gold]
        for side in sides.values():
            c = field(side)[kind]
            row += [c.found, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"]
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared-dir",
        type=Path,
        default=REPO.parent / "shared",
        help="folder holding eval/ner-gmb/ (default: ../shared)",
    )
    parser.add_argument("--limit", type=int, default=0, help="first N dev sentences (0: all)")
    parser.add_argument("--days", type=int, default=10, help="days to build and list (default 10)")
    parser.add_argument("--seed", type=int, default=11, help="seed for days (default 11)")
    parser.add_argument(
        "--batch",
        type=int,
        default=300,
        help="sentences the old recognizer reads at once in old/day (default 300)",
    )
    parser.add_argument("--markdown", action="store_true", help="tables in Markdown")
    parser.add_argument("--show-lists", action="store_true", help="print each day's lists")
    args = parser.parse_args(argv)

    path = args.shared_dir / DEV
    if not path.is_file():
        print(f"error: dev sentences not found: {path}", file=sys.stderr)
        return 1
    sentences = list(read_jsonl(path))
    if args.limit:
        sentences = sentences[: args.limit]
    texts = [s["text"] for s in sentences]
    aliases = json.loads((REPO / "models" / "places.json").read_text(encoding="utf-8"))["aliases"]

    began = time.perf_counter()
    gazetteer = shipped_recognizer().gazetteer
    load_new = time.perf_counter() - began
    began = time.perf_counter()
    grammar.find_entities([Article(text="Warm up.", origin="-")])  # loads its gazetteer
    load_old = time.perf_counter() - began

    new, new_s = run_new(texts)
    old1, old1_s = run_old(texts, 1, aliases)
    oldb, oldb_s = run_old(texts, args.batch, aliases)
    sides = {
        "new": score(sentences, new, new_s, aliases, gazetteer),
        "old/sentence": score(sentences, old1, old1_s, aliases, gazetteer),
        f"old/day {args.batch}": score(sentences, oldb, oldb_s, aliases, gazetteer),
    }

    md = args.markdown
    header = ["kind", "gold"] + [
        f"{h} {name}" if i == 0 else h
        for name in sides
        for i, h in enumerate(("found", "P", "R", "F1"))
    ]
    print(f"Entity level on {path.name}: {len(sentences):,} sentences\n")
    print("Exact span and kind\n")
    print(table(header, entity_rows(sides, lambda s: s.exact), md))
    print("\nBy name (per sentence, same name or a run of its words, same kind)\n")
    print(table(header, entity_rows(sides, lambda s: s.by_name), md))

    rng = random.Random(args.seed)
    all_days = build_days(len(sentences), rng)
    chosen = sorted(rng.sample(range(len(all_days)), min(args.days, len(all_days))))
    rows = []
    totals = {"product": ListScore(), "new": ListScore(), "old": ListScore()}
    for d in chosen:
        day = all_days[d]
        gold = day_gold(day, sentences, aliases, gazetteer)
        lists = {
            "product": old_lists(day, texts, entities.find_entities),
            "new": new_lists(day, new, aliases),
            "old": old_lists(day, texts),
        }
        for name, (actors, places) in lists.items():
            s = list_score(actors, places, gold, aliases)
            totals[name].add(s)
            rows.append(
                [f"{d} ({len(day)} art., {sum(map(len, day))} sent.)", name, *list_cells(s)]
            )
            if args.show_lists:
                for group, listed in (("actor", actors), ("place", places)):
                    marks = [
                        f"{n}{'' if right(n, group, gold, aliases, lenient=False) else ' ✗'}"
                        for n, _ in listed
                    ]
                    print(f"day {d} {name} {group}s: " + ", ".join(marks))
    for name, s in totals.items():
        rows.append(["all days", name, *list_cells(s)])
    print(
        f"\nLists on {len(chosen)} of {len(all_days)} days (seed {args.seed}): top {ACTORS} "
        f"actors, top {LOCATIONS} locations\n"
    )
    print(
        table(
            [
                "day",
                "side",
                "actors P",
                "P≈",
                "bare",
                "places P",
                "P≈",
                "actors R",
                "R≈",
                "places R",
                "R≈",
            ],
            rows,
            md,
        )
    )

    tokens = sum(len(tokenize(text)) for text in texts)
    model = REPO / "models" / MODEL_NAME
    print(
        f"\nSize and speed ({platform.machine()}, Python {platform.python_version()}, one core, "
        f"{len(texts):,} sentences, {tokens:,} tokens)\n"
    )
    speed = [
        [
            "new",
            f"{model.stat().st_size:,} B model",
            f"{load_new:.2f} s",
            f"{tokens / new_s:,.0f}",
            f"{len(texts) / new_s:,.0f}",
        ],
        ["old/sentence", "-", f"{load_old:.2f} s", "-", f"{len(texts) / old1_s:,.0f}"],
        [f"old/day {args.batch}", "-", "-", "-", f"{len(texts) / oldb_s:,.0f}"],
    ]
    print(table(["side", "size", "load", "tokens/s", "sentences/s"], speed, md))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What earlier briefs told: stories remembered across days, so that a brief tells what is new.

    recall(ranked_stories, memory) -> Recall          today's stories against the memory
    mark(brief, recall) -> Brief                      status, first day, what to remember
    load(path) / from_json(data) -> Memory            an earlier brief's JSON as the memory
    fingerprint(text) -> Fingerprint; Copies(...)     re-published copies across days

A remembered story (`domain.RememberedStory`) is compact: its top terms with weights (a TF-IDF
over the day's stories, the story's titles and best sentences as its document), its main names
(distinctive ones: not a name many of the day's stories share), its headline, the sentences the
page showed (normalised), its articles' content hashes, and its first and last day.

Today's story continues a remembered one when their term signatures are at least `CONTINUES`
alike (cosine) and share a main name, or at least `CONTINUES_WITH_NAMES` alike and share
`SHARED_NAMES` (thresholds measured on consecutive Reuters-21578 wire days, docs/benchmarks.md:
without the names, earnings reports of different companies look alike at 0.78). It is then
"developing" and keeps the remembered story's key and first day.

Whatever story it is in, a sentence that repeats one an earlier brief showed is not shown again:
the same normalised text, or nearly the same content words (ROUGE-1 F1 over content-word sets
at least `REPEAT_F1`, or the shorter sentence's content words `REPEAT_CONTAINED` inside the
longer; a negation is content: "no damage" is not "damage"). A story all of whose articles were
briefed before has nothing new. A story's importance is scaled by the share of its fit sentences
that are new (`OLD_NEWS_WEIGHT` for a story with nothing new), so the bottom line goes to what
is new; a story with nothing new left has no sentence to develop and is at most a one-line
mention.

An article's fingerprint (MinHash and a bottom-k sketch of its word 5-shingles) recognises a
re-published copy on a later day: estimated Jaccard at least `NEAR_COPY`, or `CONTAINED` of its
shingles inside a remembered article's (a teaser, a trimmed copy).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from briefing import rank
from briefing.domain import Article, Brief, RankedStory, RememberedStory, Sentence
from briefing.errors import ConfigError

DAYS = 14  # default window: stories briefed in the last 14 days are remembered
TERMS = 25  # terms of a story's signature
NAMES = 10  # main names of a story's signature
STORY_SENTENCES = 8  # best sentences that, with the headline and titles, make the signature
CONTINUES = 0.5  # signature cosine at which today's story continues a remembered one that
CONTINUES_ONE_NAME = 1  # shares this many of its main names ...
CONTINUES_WITH_NAMES = 0.2  # ... or this alike and sharing SHARED_NAMES main names
SHARED_NAMES = 2
COMMON_NAME_STORIES = 3  # a name in this many of the day's stories (or this share) is no
COMMON_NAME_SHARE = 0.02  # main name: it tells no story apart
REPEAT_F1 = 0.6  # content-word F1 at which a sentence repeats one shown before ...
REPEAT_CONTAINED = 0.8  # ... or share of the shorter one's content words inside the longer
MIN_CONTENT_WORDS = 4  # shorter sentences repeat only word for word
MAX_SHOWN = 300  # a story that goes on for weeks remembers its latest shown sentences ...
MAX_ARTICLES = 1000  # ... and articles
OLD_NEWS_WEIGHT = 0.5  # importance kept by a story all of whose sentences were told before


@dataclass(frozen=True)
class Memory:
    """The stories earlier briefs told (newest last), remembered for `days` days."""

    stories: tuple[RememberedStory, ...] = ()
    days: int = DAYS


@dataclass(frozen=True)
class Recall:
    """Today's stories against the memory (see `recall`)."""

    ranked: list[RankedStory]  # today's stories, sentences told before left out
    continues: dict[str, RememberedStory]  # today's story key -> the story it continues
    signatures: dict[str, tuple[tuple[tuple[str, float], ...], tuple[str, ...]]]
    memory: Memory
    repeats: int = 0  # sentences left out as told before
    hashes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key -> article hashes
    old: dict[str, str] = field(default_factory=dict)  # normalised text -> the story that told it


def _hash(article: Article) -> str:
    return article.content_hash[:16]


def key_of(story: RankedStory) -> str:
    """The story's key (`DayStory.key`): the id of its first article."""
    return story.story.articles[0].id if story.story.articles else ""


def recall(ranked: Sequence[RankedStory], memory: Memory | None) -> Recall:
    """Today's stories with their signatures, the remembered story each continues (if any),
    sentences told before left out, and importance scaled by the share that is new."""
    memory = memory or Memory()
    signatures = _signatures(ranked)
    continues: dict[str, RememberedStory] = {}
    if memory.stories:
        remembered = [(story, dict(story.terms)) for story in memory.stories]
        for story in ranked:
            key = key_of(story)
            terms, names = signatures[key]
            best = _best_match(dict(terms), set(names), remembered)
            if best is not None:
                continues[key] = best
    told = _Told([text for story in memory.stories for text in story.shown])
    briefed = {h for story in memory.stories for h in story.articles}
    hashes = {key_of(story): tuple(_hash(a) for a in story.story.articles) for story in ranked}
    kept: list[RankedStory] = []
    repeats = 0
    for story in ranked:
        if all(h in briefed for h in hashes[key_of(story)]):  # all its articles were briefed
            fresh = []
        else:
            fresh = [s for s in story.ranked if not told.repeats(s.sentence.text)]
        repeats += len(story.ranked) - len(fresh)
        if len(fresh) == len(story.ranked):
            kept.append(story)
            continue
        fit = sum(1 for s in story.ranked if rank.fit_for_brief(s.sentence))
        fit_new = sum(1 for s in fresh if rank.fit_for_brief(s.sentence))
        share = fit_new / fit if fit else 1.0
        weight = OLD_NEWS_WEIGHT + (1.0 - OLD_NEWS_WEIGHT) * share
        kept.append(dataclasses.replace(story, ranked=tuple(fresh),
                                        importance=story.importance * weight))
    return Recall(kept, continues, signatures, memory, repeats, hashes=hashes)


def mark(brief: Brief, recalled: Recall | None) -> Brief:
    """The brief with every story marked "new" or "developing" (first day, day of the story),
    and what the next brief remembers: this page's stories (their sentences shown so far) and
    the earlier ones still within the window."""
    if recalled is None:
        return brief
    day = brief.date

    def status(key: str) -> dict[str, Any]:
        earlier = recalled.continues.get(key)
        if earlier is None or earlier.first_seen > day:
            return {"status": "new", "first_seen": day, "days": 1}
        return {"status": "developing", "first_seen": earlier.first_seen,
                "days": (day - earlier.first_seen).days + 1}

    brief = dataclasses.replace(
        brief,
        developments=tuple(dataclasses.replace(d, **status(d.key)) for d in brief.developments),
        further=tuple(dataclasses.replace(line, **status(line.key)) for line in brief.further),
        stories=tuple(dataclasses.replace(s, **status(s.key)) for s in brief.stories),
    )
    return dataclasses.replace(brief, remembered=_remembered(brief, recalled))


def _remembered(brief: Brief, recalled: Recall) -> tuple[RememberedStory, ...]:
    story_of = {a: s.key for s in brief.stories for a in s.articles}
    shown: dict[str, list[str]] = {}
    sentences = [*brief.bottom_line, *(s for d in brief.developments for s in d.sentences),
                 *(e.sentence for e in brief.timeline)]
    for sentence in sentences:
        key = story_of.get(sentence.article_id)
        if key is not None:
            shown.setdefault(key, []).append(normalised(sentence.text))
    on_page = [s for s in brief.stories if s.on_page or s.key in shown]
    today: dict[str, RememberedStory] = {}
    for story in on_page:
        earlier = recalled.continues.get(story.key)
        terms, names = recalled.signatures.get(story.key, ((), ()))
        told = [*(earlier.shown if earlier else ()), *shown.get(story.key, ())]
        key = earlier.key if earlier else story.key
        first = earlier.first_seen if earlier and earlier.first_seen <= brief.date else brief.date
        articles = [*(earlier.articles if earlier else ()), *recalled.hashes.get(story.key, ())]
        if key in today:  # two of today's stories continue one remembered story
            told = [*today[key].shown, *shown.get(story.key, ())]
            articles = [*today[key].articles, *articles]
        today[key] = RememberedStory(
            key=key, headline=story.headline, terms=terms, names=names,
            shown=tuple(dict.fromkeys(told))[-MAX_SHOWN:], first_seen=first,
            last_seen=brief.date, articles=tuple(dict.fromkeys(articles))[-MAX_ARTICLES:])
    window = brief.date - dt.timedelta(days=recalled.memory.days)
    earlier_ones = [s for s in recalled.memory.stories
                    if s.key not in today and s.last_seen >= window]
    return (*earlier_ones, *today.values())


# --- Story signatures ----------------------------------------------------------------------------

_WORD = re.compile(r"[a-z][a-z0-9'-]*[a-z0-9]|[0-9][0-9.,]*[0-9%]")
_EXTRA_STOP = {"said", "says", "year", "new", "mln", "pct", "reuters"}


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    """scikit-learn's English stop words and a few of wire copy (imported on first use: the
    library takes most of a second to import, and most commands never sign a story)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _EXTRA_STOP


# Capitalised, but no name of a story: calendar words and company-form words.
_GENERIC_NAMES = frozenset("""january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday inc corp co ltd plc ag sa nv llc group company the mr mrs ms
    dr new""".split())


def _terms(text: str) -> list[str]:
    stop = _stop()
    return [w for w in _WORD.findall(text.casefold()) if w not in stop and not w.isdigit()]


def _signatures(
    ranked: Sequence[RankedStory],
) -> dict[str, tuple[tuple[tuple[str, float], ...], tuple[str, ...]]]:
    """Each story's top terms (sublinear TF times IDF over the day's stories, L2-normalised over
    the kept terms) and main names (the names and figures its best sentences share most)."""
    counts: dict[str, Counter[str]] = {}
    named: dict[str, Counter[str]] = {}
    for story in ranked:
        titles = dict.fromkeys(a.title for a in story.story.articles if a.title)
        best = [s.sentence for s in story.ranked[:STORY_SENTENCES]]
        text = " ".join([*titles, *(s.text for s in best)])
        counts[key_of(story)] = Counter(_terms(text))
        named[key_of(story)] = _names_in([s.text for s in best])
    documents = Counter(term for found in counts.values() for term in found)
    n = len(counts)
    # A name that many of the day's stories share ("Inc", "Commission", "Statistics") tells no
    # story apart: only distinctive ones sign a story.
    common = Counter(name for found in named.values() for name in found)
    crowded = max(COMMON_NAME_STORIES, COMMON_NAME_SHARE * n)
    names = {key: tuple(name for name, _ in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
                        if common[name] < crowded)[:NAMES]
             for key, found in named.items()}  # ties by name: the same in every process
    signatures = {}
    for key, found in counts.items():
        weights = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + documents[t])) + 1)
                   for t, c in found.items()}
        top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        signatures[key] = (tuple((t, round(w / norm, 4)) for t, w in top), names[key])
    return signatures


def _names_in(texts: Sequence[str]) -> Counter[str]:
    """The distinctive-looking names and how often `texts` mention them (`rank.concepts`)."""
    found: Counter[str] = Counter()
    for text in texts:
        sentence = Sentence(text, "", 0, 0, len(text))
        found.update(c for c in rank.concepts(sentence)
                     if not c[:1].isdigit() and c not in _GENERIC_NAMES)
    return found


def likeness(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two term signatures (each L2-normalised over its terms)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def _best_match(terms: Mapping[str, float], names: set[str],
                remembered: Sequence[tuple[RememberedStory, dict[str, float]]]
                ) -> RememberedStory | None:
    best: tuple[float, RememberedStory] | None = None
    for story, other in remembered:
        alike = likeness(terms, other)
        shared = len(names & set(story.names))
        if (alike >= CONTINUES and shared >= CONTINUES_ONE_NAME) or (
                alike >= CONTINUES_WITH_NAMES and shared >= SHARED_NAMES):
            if best is None or alike > best[0]:
                best = (alike, story)
    return best[1] if best else None


# --- Sentences told before -----------------------------------------------------------------------


def normalised(text: str) -> str:
    """A sentence as it is remembered: case-folded, one space between words, plain quotes."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


# Stop words for telling two sentences apart: a reporting verb carries no content, a negation
# and the news words among scikit-learn's stop words ("found", "fire", "bill") do.
_CONTENT_AFTER_ALL = frozenset({
    "no", "not", "nor", "never", "none", "nothing", "found", "fire", "bill", "system", "amount",
    "call", "move", "full", "interest", "back", "front", "part", "side", "top", "bottom", "empty",
    "detail", "show", "first", "last", "next", "one", "two", "three", "four", "five", "six",
    "eight", "ten", "eleven", "twelve", "fifteen", "twenty", "forty", "fifty", "sixty", "hundred",
})
_REPORTING = frozenset({"said", "says", "say", "told", "tell", "tells", "according"})


@lru_cache(maxsize=1)
def _not_content() -> frozenset[str]:
    return (_stop() - _EXTRA_STOP - _CONTENT_AFTER_ALL) | _REPORTING


def content_words(text: str) -> frozenset[str]:
    """The words that carry a sentence's content: no stop words, plurals made singular."""
    found = set()
    not_content = _not_content()
    for word in re.findall(r"[a-z0-9]+(?:[.,][0-9]+)?", normalised(text)):
        if word in not_content or len(word) < 2:
            continue
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        found.add(word)
    return frozenset(found)


def repeats(a: str, b: str) -> bool:
    """Do two sentences say the same thing in (nearly) the same words?"""
    if normalised(a) == normalised(b):
        return True
    wa, wb = content_words(a), content_words(b)
    if min(len(wa), len(wb)) < MIN_CONTENT_WORDS:
        return False
    common = len(wa & wb)
    return (2 * common / (len(wa) + len(wb)) >= REPEAT_F1
            or common / min(len(wa), len(wb)) >= REPEAT_CONTAINED)


class _Told:
    """The sentences earlier briefs showed, indexed by content word to find a repeat fast."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.exact = {normalised(t) for t in texts}
        self.words = [content_words(t) for t in self.exact]
        self.index: dict[str, list[int]] = {}
        for i, words in enumerate(self.words):
            for word in words:
                self.index.setdefault(word, []).append(i)

    def repeats(self, text: str) -> bool:
        if not self.exact:
            return False
        if normalised(text) in self.exact:
            return True
        words = content_words(text)
        if len(words) < MIN_CONTENT_WORDS:
            return False
        shared = Counter(i for w in words for i in self.index.get(w, ()))
        for i, common in shared.items():
            other = len(self.words[i])
            if other < MIN_CONTENT_WORDS:
                continue
            if (2 * common / (len(words) + other) >= REPEAT_F1
                    or common / min(len(words), other) >= REPEAT_CONTAINED):
                return True
        return False


# --- An earlier brief's JSON as the memory ------------------------------------------------------


def load(path: Path, days: int = DAYS) -> Memory:
    """The memory of an earlier brief's JSON file (`briefing brief --since PREVIOUS.json`).

    Raises ConfigError (one line naming the file and the reason) when it can't be used."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return from_json(data, days)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file (--since wants an earlier brief's JSON, "
                          "made with --format json)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: can't read it: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        reason = str(exc) if isinstance(exc, ValueError) else f"bad field {exc}"
        raise ConfigError(f"{path}: not a brief's JSON ({reason[:200]}); --since wants the "
                          "output of --format json") from None


def from_json(data: Any, days: int = DAYS) -> Memory:
    """The memory an earlier brief's JSON (`--format json`) holds: its `remembered` stories, or,
    for a JSON without them, the stories its page told (headline and shown sentences).

    Raises ValueError when `data` is not a brief's JSON."""
    if not isinstance(data, dict) or "date" not in data or "stories" not in data:
        raise ValueError("not a brief's JSON (no date and stories)")
    day = dt.date.fromisoformat(str(data["date"])[:10])
    stories = [story_from(item) for item in data.get("remembered") or ()]
    if not stories:
        stories = _from_page(data, day)
    return Memory(tuple(stories), days)


def story_from(item: Mapping[str, Any]) -> RememberedStory:
    """A remembered story from its JSON form (a brief's `remembered`, the state database)."""
    return RememberedStory(
        key=str(item["key"]), headline=str(item.get("headline", "")),
        terms=tuple((str(t), float(w)) for t, w in item.get("terms", ())),
        names=tuple(str(n) for n in item.get("names", ())),
        shown=tuple(str(s) for s in item.get("shown", ())),
        first_seen=dt.date.fromisoformat(str(item["first_seen"])[:10]),
        last_seen=dt.date.fromisoformat(str(item["last_seen"])[:10]),
        articles=tuple(str(h) for h in item.get("articles", ())),
    )


def _from_page(data: Mapping[str, Any], day: dt.date) -> list[RememberedStory]:
    story_of = {a: s["key"] for s in data.get("stories", ()) for a in s.get("articles", ())}
    shown: dict[str, list[str]] = {}
    sentences = [*data.get("bottom_line", ()),
                 *(s for d in data.get("developments", ()) for s in d.get("sentences", ()))]
    for sentence in sentences:
        key = story_of.get(sentence.get("article_id"))
        if key:
            shown.setdefault(key, []).append(normalised(sentence.get("text", "")))
    stories = list(data.get("stories", ()))
    named = {story["key"]: _names_in([s.get("text", "") for s in story.get("sentences", ())])
             for story in stories}
    common = Counter(name for found in named.values() for name in found)
    crowded = max(COMMON_NAME_STORIES, COMMON_NAME_SHARE * len(stories))
    found = []
    for story in stories:
        if not (story.get("on_page") or story["key"] in shown):
            continue
        text = " ".join([story.get("headline", ""),
                         *(s.get("text", "") for s in story.get("sentences", ()))])
        counts = Counter(_terms(text))
        names = tuple(n for n, _ in named[story["key"]].most_common()
                      if common[n] < crowded)[:NAMES]
        weights = {t: 1 + math.log(c) for t, c in counts.most_common(TERMS)}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        first = story.get("first_seen")
        found.append(RememberedStory(
            key=story["key"], headline=story.get("headline", ""),
            terms=tuple((t, round(w / norm, 4)) for t, w in weights.items()), names=names,
            shown=tuple(shown.get(story["key"], ())),
            first_seen=dt.date.fromisoformat(first[:10]) if first else day, last_seen=day))
    return found


# --- Re-published copies across days ------------------------------------------------------------

SHINGLE = 5  # words of a shingle
PERMUTATIONS = 64
SKETCH = 128  # smallest shingle hashes kept to estimate containment
CANDIDATE = 0.1  # estimated Jaccard from which a remembered article is compared closely
MIN_SAMPLE = 8  # shingle hashes a containment estimate needs
NEAR_COPY = 0.7  # estimated shingle Jaccard at which an article is a copy of a remembered one ...
CONTAINED = 0.8  # ... or the share of the new article's shingles inside the remembered one's
_RNG = np.random.default_rng(20261126)
_A = _RNG.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_B = _RNG.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)


@dataclass(frozen=True)
class Fingerprint:
    """An article's word 5-shingles, hashed (stable across processes): a MinHash of them
    (`PERMUTATIONS` values, for Jaccard), the `SKETCH` smallest hashes (for containment), and
    how many distinct shingles there are. `hashes`, all of them, only for a new article."""

    minhash: np.ndarray = field(compare=False)
    sketch: np.ndarray = field(compare=False)
    size: int
    hashes: np.ndarray | None = field(default=None, compare=False)

    def to_bytes(self) -> bytes:
        return np.concatenate([self.minhash, self.sketch]).astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> Fingerprint:
        values = np.frombuffer(data, dtype="<u8").astype(np.uint64)
        return cls(values[:PERMUTATIONS], values[PERMUTATIONS:], size)


def fingerprint(text: str) -> Fingerprint:
    """The fingerprint of an article's text (case and spacing don't matter)."""
    words = normalised(text).split()
    if len(words) < SHINGLE:
        words = words + [""] * (SHINGLE - len(words))
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hashes = np.sort(np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
         for s in shingles), dtype=np.uint64, count=len(shingles)))
    # Multiply-add with 64-bit wrap-around (odd multipliers): one hash function a permutation.
    minhash = (hashes[:, None] * _A[None, :] + _B[None, :]).min(axis=0)
    return Fingerprint(minhash, hashes[:SKETCH], len(shingles), hashes)


class Copies:
    """Remembered articles' fingerprints; `find` says which one a new article copies."""

    def __init__(self, items: Sequence[tuple[str, Fingerprint]]) -> None:
        self.labels = [label for label, _ in items]
        self.prints = [f for _, f in items]
        self.matrix = (np.vstack([f.minhash for f in self.prints]) if items
                       else np.empty((0, PERMUTATIONS), dtype=np.uint64))

    def find(self, found: Fingerprint) -> str | None:
        """The label of the remembered article `found` nearly copies, if any: shingle Jaccard
        at least NEAR_COPY, or at least CONTAINED of its shingles inside the remembered one
        (a feed's text of yesterday's page, a trimmed copy)."""
        if not self.labels:
            return None
        jaccard = (self.matrix == found.minhash[None, :]).mean(axis=1)
        best: tuple[float, int] | None = None
        for i in np.flatnonzero(jaccard >= CANDIDATE):
            share = max(float(jaccard[i]), self._contained(found, self.prints[int(i)]))
            if (jaccard[i] >= NEAR_COPY or share >= CONTAINED) and (best is None
                                                                   or share > best[0]):
                best = (share, int(i))
        return self.labels[best[1]] if best else None

    @staticmethod
    def _contained(new: Fingerprint, old: Fingerprint) -> float:
        """The share of `new`'s shingles found in `old`, estimated on the hashes below the
        largest of `old`'s sketch (exact when `old` has at most SKETCH shingles)."""
        hashes = new.hashes if new.hashes is not None else new.sketch
        if old.size > len(old.sketch):
            hashes = hashes[hashes <= old.sketch[-1]]
        if len(hashes) < MIN_SAMPLE:
            return 0.0
        return float(np.isin(hashes, old.sketch, assume_unique=True).mean())

"""Measure summary quality against human references, next to the obvious alternatives.

    items = read_items("dev.jsonl")                  # {"id", "articles": [text, ...], "summary"}
    table = evaluate(items, ["default"], Budget(words=230))
    for score in table: print(score.system, score.rouge1, score.rouge2, score.rougeLsum)

Every system sees the same thing: the item's articles cleaned and split exactly as a brief
would clean and split them, made into one story, summarised within the same budget. Systems:

    a ranker name     the brief's own ranking, redundancy removal and sentence choice
                      (`briefing.rank.choose`), in reading order
    lead-baseline     the articles' leading sentences, round-robin (first of each, then second...)
    external-lead     what a reader gets from the first article alone, as published: its raw
                      text's first sentences (not cleaned), in order, until the next sentence
                      would overrun the budget; nothing skipped (ask for it by name)
    sumy-lexrank      sumy's LexRank, fed our sentences (needs briefing[bench])
    sumy-textrank     sumy's TextRank, likewise

Baselines take sentences as they come, without the brief's fitness rules. Under a word budget
every system takes whole sentences best first and passes over one that would overrun the budget.
Scores are ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 x 100 (`rouge-score`, Porter stemming on, one
sentence per line for Lsum), averaged over items.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from briefing import clean, normalise, rank, rankers, sentences, vectors
from briefing.domain import Article, Sentence, Story
from briefing.errors import ConfigError, InputError, MissingExtra

if TYPE_CHECKING:
    from briefing.engine import Engine

log = logging.getLogger(__name__)

BASELINES = ("lead-baseline", "sumy-lexrank", "sumy-textrank")
# Not among the defaults; ask for it with `--ranker external-lead` (or in `systems`).
EXTERNAL_LEAD = "external-lead"
ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")

Progress = Callable[[int, int], None]  # (items done, items in all)


@dataclass(frozen=True)
class Item:
    """One evaluation case: a cluster of article texts and its human summary."""

    id: str
    articles: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class Budget:
    """How much summary to write: a number of words or a number of sentences."""

    words: int | None = None
    sentences: int | None = None

    def __post_init__(self) -> None:
        if (self.words is None) == (self.sentences is None):
            raise ConfigError("give exactly one budget: --words N or --sentences N")

    def __str__(self) -> str:
        return f"{self.words} words" if self.words is not None else f"{self.sentences} sentences"


@dataclass(frozen=True)
class Score:
    """Mean F1 x 100 of one system over the items."""

    system: str
    rouge1: float
    rouge2: float
    rougeLsum: float  # noqa: N815 (the metric's own name)
    items: int


def read_items(path: str | Path) -> list[Item]:
    """Items of a JSON Lines file. A line that is not an item (malformed, nested too deeply,
    fields missing) is left out with one warning naming the file and line; InputError when no
    line is an item."""
    items = []
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte at offset {exc.start})") from None
    bad = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            items.append(
                Item(str(record["id"]), tuple(map(str, record["articles"])), str(record["summary"]))
            )
        except Exception as exc:  # noqa: BLE001 - one bad line never stops the evaluation
            bad += 1
            reason = "nested too deeply" if isinstance(exc, RecursionError) else \
                normalise.line(f"{type(exc).__name__}: {exc}")[:120]
            log.warning("skipped %s: not an evaluation item (%s); expected JSON with "
                        '"id", "articles" (a list of texts) and "summary"',
                        normalise.shown(f"{path}:{number}"), reason)
    if not items:
        why = f"{bad} bad line{'' if bad == 1 else 's'}" if bad else "the file is empty"
        raise InputError(str(path), f"no evaluation items ({why})")
    return items


def systems_for(ranker_names: Sequence[str], *, baselines: bool = True) -> list[str]:
    """The systems of a run: the named rankers (checked), then the baselines. Without the
    `bench` extra the sumy baselines are left out, with one warning that names them."""
    for name in ranker_names:
        if name != EXTERNAL_LEAD:
            rankers.get(name)
    chosen = list(BASELINES) if baselines else []
    if chosen and not has_sumy():
        left_out = [name for name in chosen if name.startswith("sumy-")]
        chosen = [name for name in chosen if name not in left_out]
        log.warning("%s left out: %s", ", ".join(left_out),
                    MissingExtra("the sumy baselines", "bench", "sumy"))
    return [*ranker_names, *chosen]


def has_sumy() -> bool:
    """Whether the sumy baselines can run (the `bench` extra is installed)."""
    import importlib.util

    return importlib.util.find_spec("sumy") is not None


def evaluate(
    items: Sequence[Item],
    systems: Sequence[str],
    budget: Budget,
    *,
    progress: Progress | None = None,
    predictions: dict[str, list[tuple[str, str]]] | None = None,
    runner: Engine | None = None,
) -> list[Score]:
    """Mean ROUGE per system, in the order of `systems`.

    When `predictions` is a dict, it receives `system -> [(item id, summary text), ...]`.
    With a `runner` (briefing.engine) the items are prepared and scored by its workers.
    """
    totals = {system: dict.fromkeys(ROUGE_TYPES, 0.0) for system in systems}
    stories = runner.map(prepare, list(items)) if runner else [prepare(item) for item in items]
    # The set is read as one day of news, as a brief reads its day: the TF-IDF weights come
    # from every story's sentences, so a word that all stories share weighs little.
    day = vectors.get_vectorizer("tfidf").fit([s.text for st in stories for s in st.sentences])
    score = functools.partial(_score_item, systems=tuple(systems), budget=budget, day=day)
    pairs = list(zip(items, stories, strict=True))
    if runner:
        results = runner.map(score, pairs)
    else:
        results = []
        for done, pair in enumerate(pairs, 1):
            results.append(score(pair))
            if progress:
                progress(done, len(items))
    for item, result in zip(items, results, strict=True):
        for system, (summary, scores) in zip(systems, result, strict=True):
            for kind, value in zip(ROUGE_TYPES, scores, strict=True):
                totals[system][kind] += value
            if predictions is not None:
                predictions.setdefault(system, []).append((item.id, summary))
    if runner and progress:
        progress(len(items), len(items))
    count = max(len(items), 1)
    mean = {system: {k: 100.0 * v / count for k, v in totals[system].items()} for system in systems}
    return [
        Score(system, mean[system]["rouge1"], mean[system]["rouge2"], mean[system]["rougeLsum"],
              len(items))
        for system in systems
    ]


def _score_item(
    pair: tuple[Item, Story], *, systems: Sequence[str], budget: Budget,
    day: vectors.Vectorizer,
) -> list[tuple[str, tuple[float, ...]]]:
    """Each system's summary of one item and its ROUGE F1 scores (ROUGE_TYPES order)."""
    item, story = pair
    scorer = _rouge_scorer()
    reference = _one_sentence_per_line(item.summary)
    result = []
    for system in systems:
        if system == EXTERNAL_LEAD:
            summary = "\n".join(external_lead(item, budget))
        else:
            summary = "\n".join(summarize(story, system, budget, day))
        scores = scorer.score(reference, summary)
        result.append((summary, tuple(scores[kind].fmeasure for kind in ROUGE_TYPES)))
    return result


def prepare(item: Item) -> Story:
    """The item's articles, cleaned and split as a brief would, as one story."""
    raw = [Article(text=text, origin=f"{item.id}/{k}") for k, text in enumerate(item.articles)]
    kept, _ = clean.clean_all(raw)
    split = [(a, sentences.split(a)) for a in kept]
    split = [(a, ss) for a, ss in split if ss]
    return Story(tuple(a for a, _ in split), tuple(s for _, ss in split for s in ss))


def summarize(
    story: Story, system: str, budget: Budget, vectorizer: vectors.Vectorizer | None = None
) -> list[str]:
    """The summary of one story by one system, one sentence per entry, in reading order.

    `vectorizer` is fitted on the day the story belongs to; by default, on the story alone.
    """
    if not story.sentences:
        return []
    if system == "lead-baseline":
        return _fill(_round_robin(story), budget)
    if system.startswith("sumy-"):
        return _fill(_sumy_order(story, system.removeprefix("sumy-")), budget)
    fitted = vectorizer or vectors.get_vectorizer("tfidf").fit([s.text for s in story.sentences])
    ranked = rank.rank(story, rankers.get(system), fitted)
    chosen = rank.choose(ranked, fitted, words=budget.words, sentences=budget.sentences)
    return [s.sentence.text for s in chosen]


def external_lead(item: Item, budget: Budget) -> list[str]:
    """The first article's raw text as published: its first sentences in order, stopping at
    the first one that would overrun the budget (none is skipped for a shorter one)."""
    if not item.articles:
        return []
    text = item.articles[0]
    chosen: list[str] = []
    used = 0
    for start, end in sentences.split_spans(text):
        sentence = " ".join(text[start:end].split())
        if budget.sentences is not None and len(chosen) == budget.sentences:
            break
        if budget.words is not None:
            used += len(sentence.split())
            if used > budget.words:
                break
        chosen.append(sentence)
    return chosen


def _fill(ordered: Iterable[Sentence], budget: Budget) -> list[str]:
    """Whole sentences in the given order until the budget is spent; overrunning ones skipped."""
    chosen: list[Sentence] = []
    used = 0
    for sentence in ordered:
        if budget.sentences is not None:
            if len(chosen) == budget.sentences:
                break
        else:
            length = len(sentence.text.split())
            if used + length > (budget.words or 0):
                continue
            used += length
        chosen.append(sentence)
    return [s.text for s in chosen]


def _round_robin(story: Story) -> list[Sentence]:
    return sorted(story.sentences, key=lambda s: s.index)  # stable: articles in order


def _sumy_order(story: Story, algorithm: str) -> list[Sentence]:
    """The story's sentences as sumy's LexRank or TextRank ranks them, best first."""
    try:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError:
        raise MissingExtra("The sumy baselines", "bench", "sumy") from None

    summarizer = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[algorithm](
        Stemmer("english")
    )
    summarizer.stop_words = get_stop_words("english")
    words = _WordTokenizer()
    by_text: dict[str, Sentence] = {}
    paragraphs = []
    for article in story.articles:
        own = [s for s in story.sentences if s.article_id == article.id]
        for s in own:
            by_text.setdefault(s.text.strip(), s)
        paragraphs.append(Paragraph([SumySentence(s.text, words) for s in own]))
    document = ObjectDocumentModel(paragraphs)

    best_first: list[Any] = []

    def keep_all(infos: list[Any]) -> list[Any]:  # sumy hands its ranking to `count`
        best_first.extend(infos)
        return infos

    with np.errstate(invalid="ignore", divide="ignore"):  # sumy on a story of one sentence
        summarizer(document, keep_all)
    return [by_text[str(info.sentence)] for info in best_first]


class _WordTokenizer:
    """Words for sumy without NLTK's punkt data: runs of letters and digits."""

    _WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

    def to_words(self, text: str) -> list[str]:
        return self._WORD.findall(text)


def _one_sentence_per_line(text: str) -> str:
    return "\n".join(text[a:b] for a, b in sentences.split_spans(text))


@functools.lru_cache(maxsize=1)
def _rouge_scorer() -> Any:
    from rouge_score import rouge_scorer, tokenize, tokenizers
    from rouge_score.tokenizers import porter

    class Stemmer:
        """rouge-score's Porter stemmer, remembering each word: the same stems, a third of
        the scoring time."""

        def __init__(self) -> None:
            self.stem = functools.lru_cache(maxsize=200_000)(porter.PorterStemmer().stem)

    class Tokenizer(tokenizers.Tokenizer):  # rouge-score's default tokenizer, stemming on
        def __init__(self) -> None:
            self._stemmer = Stemmer()

        def tokenize(self, text: str) -> list[str]:
            return list(tokenize.tokenize(text, self._stemmer))

    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=Tokenizer())

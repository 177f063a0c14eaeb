"""Rank sentences within each story, order the stories, and keep the brief free of repeats.

    rank(story, ranker, vectorizer) -> RankedStory
    select(ranked_stories, vectorizer, max_stories=..., per_story=...) -> [RankedStory, ...]
    by_importance(ranked_stories) -> [RankedStory, ...]   every story, most important first
    report_count(story) -> int    how many of its articles report the story's event
    choose(ranked_story, vectorizer, words=... | sentences=...) -> [ScoredSentence, ...]

`select` keeps the stories in order of importance and, within each, the best sentences that do
not say again what an already chosen sentence (of any story, any source) says. `choose` fills a
word or sentence budget from one story the same way (what `briefing eval` scores).

For the brief, `select` also values coverage: among the good sentences of a story it prefers
one that names actors, places, dates or figures the brief has not named yet (concept coverage in
the spirit of Gillick & Favre, 2009, with names and numbers as the concepts). A reader gets the
Gripen jets and the drone over the Black Sea, not three wordings of "tensions are high". ROUGE
against newser-style references does not reward this (it costs about 1 ROUGE-1), so `choose`,
which `briefing eval` scores, leaves it out.

A sentence fit for a brief stands on its own: 6 to 60 words, not a question, not a quotation
torn from its attribution, and (when the story offers another) not opening on a pronoun or a
connective that points at a sentence the reader will not see. A summary that `choose` writes
is read as one paragraph in reading order, so there only the length and question rules apply.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
from scipy import sparse

from briefing.domain import Article, RankedStory, ScoredSentence, Sentence, Story
from briefing.rankers import Ranker, RankInput
from briefing.reference import REFERENCE_WEIGHT, all_reference
from briefing.vectors import Vectorizer, closeness_to_centres, cosine, mean_row

REPEAT = 0.5  # cosine at or above which two sentences say the same thing
BRIEF_REPEAT = 0.4  # stricter in the brief, where each sentence is read as news of its own
SAME_FACT = 0.2  # ... and this close is a repeat when the sentence names nothing new
SAME_NAMES = 0.5  # share of names and figures two sentences of one fact have in common ...
SAME_NAMES_COSINE = 0.1  # ... when their wording is at least this alike
# Filling a word budget: once the next best sentence no longer fits, a shorter one further down
# is taken only while it still scores at least this share of the story's best (no filler).
WORTHWHILE = 0.5
COVERAGE = 0.5  # weight of new names and figures against the ranker's score in the brief
NEWS = 0.25  # weight of a sentence's news value (a report, not colour or opinion) in the brief
BRIEF_POOL = 50  # a story's best candidates the brief chooses from
MAX_ALSO = 3  # other sources named for a fact several outlets report
MIN_WORDS, MAX_WORDS = 6, 60
IMPORTANCE_WEIGHTS = {"coverage": 0.6, "centrality": 0.25, "recency": 0.15}
SUBSTANCE = 4  # a story of fewer sentences (a caption, a brief note) matters that much less

_QUOTES = "\"“”„«»"
_ATTRIBUTION = re.compile(
    r"\b(said|says|say|told|tells|according to|added|adds|wrote|writes|stated|states|"
    r"asked|explained|noted|declared|announced|warned|insisted|argued|claimed)\b",
    re.IGNORECASE,
)
_DANGLING = re.compile(
    r"^(he|she|it|they|them|his|her|its|their|this|that|these|those|there|such|but|and|or|so|"
    r"also|"
    r"however|meanwhile|still|yet|instead|then|thus|therefore|moreover|furthermore|besides|"
    r"nevertheless|nonetheless|likewise|similarly|otherwise|later|earlier)\b"
    # a connective phrase that leans on the sentence before ("On the other hand, ...", "In
    # addition, ..."; not "In addition to the tax, ...", which carries its own reference)
    r"|^(on the other hand|in addition(?! to\b)|additionally|as a result(?! of\b)|"
    r"by contrast|in contrast(?! to\b|\s+with\b)|even so|for (?:its|his|her|their) part|"
    r"in turn|in other words|for example|for instance|at the same time|despite this|"
    r"because of this|since then|after that|before that|until then|by then)\b",
    re.IGNORECASE,
)
# A quotation's closing mark before any opening one: the quotation began in an earlier sentence
# ('... won our great respect," the minister said.').
_CLOSES_EARLIER_QUOTE = re.compile(r"^[^\"“”]*[\w.,!?]\s*[\"”](?=[\s,.;:!?]|$)")
# A speaker known only as "he" or "she" at the end: "Turnout was 54 % in 2009, he said." The
# reader of a brief never saw who.
_UNNAMED_SPEAKER = re.compile(
    r"[,.!?][\"”’]?\s+(?:he|she|they)\s+(?:said|says|added|adds|told\s+\w+(?:\s+\w+)?|explained"
    r"|noted|wrote|continued|argued)\s*[.!?]?[\"”’]?\s*$")


def rank(story: Story, ranker: Ranker, vectorizer: Vectorizer) -> RankedStory:
    """The story's sentences scored by `ranker`, best first, and how much the story matters.

    Importance (before `select` adds recency) weighs coverage (how many articles and distinct
    outlets carry the story) and centrality (how closely its best sentences keep to the story).
    """
    texts = [s.text for s in story.sentences]
    return rank_vectors(story, ranker, vectorizer.transform(texts) if texts else None)


CANDIDATES = 200  # a day of more stories ranks in full only those that can reach the page
_BATCH = 32  # stories ranked in full at a time, between checks of the bound

# Ranks a batch of stories in full: the one-process default is `rank_vectors` story by story;
# an engine (briefing.engine) may run them in worker processes or on a Ray cluster.
RankMany = Callable[[Ranker, Sequence[tuple[Story, Any]]], list[RankedStory]]


def rank_vectors(story: Story, ranker: Ranker, vectors: Any) -> RankedStory:
    """`rank` with the story's sentence vectors already made (rows in `story.sentences` order)."""
    scores = ranker(RankInput(story, vectors)) if story.sentences else []
    order = sorted(range(len(scores)), key=lambda i: -scores[i])  # stable: ties in reading order
    ranked = tuple(ScoredSentence(story.sentences[i], float(scores[i])) for i in order)
    importance = (
        IMPORTANCE_WEIGHTS["coverage"] * _coverage(story)
        + IMPORTANCE_WEIGHTS["centrality"] * _centrality(vectors, order[:3])
    ) * min(1.0, len(story.sentences) / SUBSTANCE)
    return RankedStory(story=story, ranked=ranked, importance=importance)


HARD_NEWS = 0.2  # share of a story's importance that depends on its reading as a report
SOFT_NEWS = 0.3  # share of it a review or a show-business story gives up
SOFT_SENTENCES = 5  # the best sentences that tell what kind of story it is


def _hardness(best: Sequence[ScoredSentence]) -> float:
    """1 for a story whose best sentences report (who did what, a figure, a day), down to
    1 - HARD_NEWS for one told in description and colour (a new sandwich "with juicy pork
    and crunchy lettuce"): of two stories as widely carried, the report leads."""
    if not best:
        return 1.0 - HARD_NEWS
    value = sum(min(1.0, max(0.0, news_value(s.sentence))) for s in best) / len(best)
    return 1.0 - HARD_NEWS + HARD_NEWS * value


# The words of reviews and show business: a film's remake, an album, a season finale, the
# cast and the red carpet. A situation brief's reader wants them after the day's hard news.
_SOFT = re.compile(
    r"\b(?:films?|movies?|remake|sequel|prequel|franchise|box[\s-]office|screenplay|horror"
    r"|comedy|comedies|thriller|sitcom|rom-com|episodes?|season\s+(?:finale|premiere)|albums?"
    r"|songs?|singer|rapper|concert|novel|memoir|bestseller|actor|actress|starring|co-star"
    r"|cast|characters?|critics|premiere|trailer|oscars?|emmys?|grammys?|golden\s+globes?"
    r"|red\s+carpet|celebrit(?:y|ies)|fashion|runway|recipes?|reality\s+(?:show|star)"
    r"|tv\s+show|netflix|hulu|hbo|hollywood|director\s+\w+\s+\w+'s|filmmaker|blockbuster)\b",
    re.IGNORECASE,
)


def _softness(best: Sequence[ScoredSentence]) -> float:
    """1 - SOFT_NEWS for a story whose best sentences all speak of films, shows, albums and
    stars (a remake's reviews), up to 1 for one none of them does: four reviews of one film
    do not lead a day with a death inquiry reported three times."""
    if not best:
        return 1.0
    soft = sum(1 for s in best if _SOFT.search(s.sentence.text)) / len(best)
    return 1.0 - SOFT_NEWS * soft


def rank_many(ranker: Ranker, batch: Sequence[tuple[Story, Any]]) -> list[RankedStory]:
    return [rank_vectors(story, ranker, vectors) for story, vectors in batch]


def rank_pair(ranker: Ranker, pair: tuple[Story, Any]) -> RankedStory:
    """`rank_vectors` of one (story, vectors) pair: what an engine's worker runs."""
    return rank_vectors(pair[0], ranker, pair[1])


def rank_day(
    stories: Sequence[Story],
    ranker: Ranker,
    vectorizer: Vectorizer,
    *,
    candidates: int = CANDIDATES,
    many: RankMany = rank_many,
) -> list[RankedStory]:
    """Every story of the day ranked (in the order given), the ones that can reach the page in
    full.

    A day of up to `candidates` stories is ranked in full by `ranker`. On a larger day a cheap
    importance comes first for every story: its coverage, recency and substance are known
    without ranking, and its centrality (the closeness of its three best sentences to the
    story) is at most the mean of its three sentences closest to the story, computed for all
    stories at once. Stories are then ranked in full in order of that upper bound until
    `candidates` of them are, and until the next story's bound falls below the importance of
    the `candidates`-th most important story ranked so far: the `candidates` most important
    stories, and their order, are those a full ranking gives. Every other story keeps its
    sentences in reading order (the `lead` ranker's scores) and the importance that order
    gives, below all of those.
    """
    if not stories:
        return []
    texts = [s.text for story in stories for s in story.sentences]
    vectors: Any = vectorizer.transform(texts) if texts else None
    sizes = np.array([len(story.sentences) for story in stories])
    starts = np.concatenate([[0], np.cumsum(sizes)])

    def rows(k: int) -> Any:
        return vectors[starts[k] : starts[k + 1]] if sizes[k] else None

    if len(stories) <= candidates:
        return many(ranker, [(story, rows(k)) for k, story in enumerate(stories)])

    story_of = np.repeat(np.arange(len(stories)), sizes)
    close = np.clip(closeness_to_centres(vectors, story_of, len(stories)), 0.0, 1.0)
    recency = _recency(stories)
    upper = np.zeros(len(stories))
    result: list[RankedStory | None] = [None] * len(stories)
    for k, story in enumerate(stories):
        mine = close[starts[k] : starts[k + 1]]
        substance = min(1.0, len(story.sentences) / SUBSTANCE)
        coverage = IMPORTANCE_WEIGHTS["coverage"] * _coverage(story)
        best = float(np.sort(mine)[-3:].mean()) if len(mine) else 0.0
        upper[k] = (coverage + IMPORTANCE_WEIGHTS["centrality"] * best) * substance
        upper[k] += IMPORTANCE_WEIGHTS["recency"] * recency[k] + 1e-6  # float rounding
        order = sorted(range(len(mine)), key=lambda i: story.sentences[i].index)  # stable
        lead = float(mine[order[:3]].mean()) if order else 0.0
        result[k] = RankedStory(
            story=story,
            ranked=tuple(ScoredSentence(story.sentences[i], 1.0 / (1 + story.sentences[i].index))
                         for i in order),
            importance=(coverage + IMPORTANCE_WEIGHTS["centrality"] * lead) * substance,
        )
    queue = sorted(range(len(stories)), key=lambda k: -upper[k])
    full: list[float] = []  # importance with recency of the stories ranked in full
    done = 0
    while done < len(queue):
        if len(full) >= candidates:
            full.sort(reverse=True)
            if full[candidates - 1] > upper[queue[done]]:
                break
        batch = queue[done : done + (candidates if done == 0 else _BATCH)]
        for k, ranked in zip(batch, many(ranker, [(stories[k], rows(k)) for k in batch]),
                             strict=True):
            result[k] = ranked
            full.append(ranked.importance + IMPORTANCE_WEIGHTS["recency"] * recency[k])
        done += len(batch)
    return [r for r in result if r is not None]


def by_importance(ranked: Sequence[RankedStory]) -> list[RankedStory]:
    """The stories with recency added to their importance, times the reader's weight for them
    (`RankedStory.weight`, see focus.py), most important first (the order in which `select`
    considers them)."""
    stories = _with_recency(ranked)
    stories.sort(key=lambda r: -r.importance)
    return stories


def select(
    ranked: Sequence[RankedStory],
    vectorizer: Vectorizer,
    *,
    max_stories: int = 6,
    per_story: int = 3,
) -> list[RankedStory]:
    """The day's most important stories, each with at most `per_story` fresh, fit sentences.

    Importance gains the story's recency (its newest article against the day's newest), and a
    story whose every sentence repeats an earlier story is left out, so it does not take a place.
    """
    stories = by_importance(ranked)
    chosen: list[RankedStory] = []
    memory = _Memory(vectorizer)
    for story in stories:
        if len(chosen) == max_stories:
            break
        picked = _pick_covering(story.ranked, memory, count=per_story)
        if picked:
            chosen.append(dataclasses.replace(story, ranked=tuple(picked)))
    return chosen


def choose(
    ranked: RankedStory,
    vectorizer: Vectorizer,
    *,
    words: int | None = None,
    sentences: int | None = None,
) -> list[ScoredSentence]:
    """Best fit, non-repeating sentences of one story within a word or sentence budget.

    Sentences are taken best first; one that would overrun the word budget is passed over for
    a shorter one further down, as long as that one is still worth reading (`WORTHWHILE`).
    The result is in reading order (article by article, then by
    position), as a summary would print it.
    """
    if (words is None) == (sentences is None):
        raise ValueError("give exactly one budget: words or sentences")
    picked = _pick(
        ranked.ranked, _Memory(vectorizer), count=sentences, words=words, standalone=False
    )
    article = {a.id: k for k, a in enumerate(ranked.story.articles)}
    return sorted(picked, key=lambda s: (s.sentence.index, article.get(s.sentence.article_id, 0)))


# The signature of an embedded tweet: "— Name (@handle) June 20, 2017".
_TWEET_SIGNATURE = re.compile(r"\s[—–-]+\s[^()]{1,60}\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$")


def fit_for_summary(sentence: Sentence) -> bool:
    """Is the sentence a statement of a sensible length (not a scrap, a run-on or a question)?

    An embedded tweet's signature doesn't count as words: "MOBB — Name (@handle) June 20, 2017"
    is a scrap.
    """
    text = _TWEET_SIGNATURE.sub("", sentence.text.strip())
    return MIN_WORDS <= len(text.split()) <= MAX_WORDS and not text.endswith("?")


# A photo caption or credit, not a report: "In this Feb. 11, 2007, file photo, ...",
# "Collin Rose (Photo: ...)", "... (AP Photo/Jane Doe)", "Pictured: ...", "(L-R) ...".
_CAPTION = re.compile(
    r"""(?ix)
    ^\W*(?:\([^()]{0,40}\)\s*)?in\s+(?:this|these|a|an)\b[^.;]{0,140}?\b(?:photos?|images?|pictures?|photographs?
      |handout|screen\s*(?:shot|grab)|video\s+(?:still|grab)|frame\s+grab|file)\b
    | ^\W*(?:photo|image|picture|graphic|pictured|caption)s?\s*:
    | ^\W*(?:from\s+(?:left|right)|left\s+to\s+right|clockwise\s+from\s+\w+)\b
    | \((?:[^()]{0,60}\b)?(?:photos?|images?|pictures?|credit|pictured|file)\b[^()]{0,100}\)
    | \b(?:AP|AFP|EPA|Reuters|Getty|PA|Xinhua)\s*(?:Photos?|Images)\b
    | \bphoto(?:graph)?s?\s+(?:by|courtesy\s+of)\b | \bfile\s+photo\b | \bpictured\b
    | \(\s*(?:L|R|C|left|right|centre|center|top|bottom|front|back|from\s+left)
      (?:\s*(?:-|to)\s*(?:R|L|right|left))?\s*\)
    """
)


# A sentence about the page, not the news: addresses, "was posted in ... last updated",
# a wire service's source notes.
# Someone's own words outside quotation marks: the news reports what they said, with whom.
_FIRST_PERSON = re.compile(r"(?<![\w'’])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|my|me|myself)(?![\w'’])")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_PAGE_TALK = re.compile(
    r"(?i)https?://|\bwww\.|\bbit\.ly/|\b(?:was|were)\s+(?:posted|published|filed)\s+in\b"
    r"|\blast\s+updated\s+(?:on|at)\b|\bsource\s+text\b|\bfurther\s+company\s+coverage\b"
    r"|\((?:reporting|writing|editing|compiled)\s+by\b|\bclick\s+here\b"
    r"|\bFrom:\s.{1,80}\bTo:\s|\bSubj(?:ect)?:\s|^\W*Dear\s[^,:]{2,40}[,:]"
    r"|^\W*(?:see|click|visit|tap|subscribe|sign\s+up|follow\s+us|download)\s"
    r"|^\W*(?:note|editor'?s'?\s+note|correction|clarification|update)\s*:"
    r"|[\w.+-]+@[\w-]+\.[a-z]{2,}|\b(?:e-?mail|author|tags?|filed\s+under)\s*:"  # page labels
    r"|\s\|\s[^|]{0,60}\s\|\s"  # a navigation trail: "coverage | government | rights"
    r"|\bthanks?\s+(?:you\s+)?(?:all\s+)?for\s+(?:joining|watching|reading|listening)\b"  # a host
)


_SPEAKER_LABEL = re.compile(r"[A-Z][A-Z.'’ -]{2,40}:\s")  # a transcript's speaker
_SENTENCE_ENDS = frozenset(".!?\"”’'»)]")


def _shouting(text: str) -> bool:
    """Mostly capitals, or mostly capitalised words: a wire slug or headings glued together
    ("Congressional Record: November 19 (Senate) Investigation Into Air Force Leasing ..."),
    not a sentence of the story."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 30 and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return True
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 10 and sum(w[0].isupper() for w in words) > 0.6 * len(words)


# An AP-style caption: a scene in the present tense, then its full date with weekday and year,
# often the place: "Crews battle a blaze at a mill Tuesday, June 4, 2019, in Fresno, Calif."
# Not a report ("was removed on ...", "police said"), nor a scheduled event ("begins Monday").
_SCENE_CAPTION = re.compile(
    r"""(?ix)
    ^(?!.*\b(?:said|says|say|told|tells|according|will|would|begins?|began|starts?|started
      |opens?|opened|scheduled|expected|due|set\s+to|plans\s+to|(?:is|are)\s+to|was|were|had)\b)
    [^;]{0,240}?(?:^|\s)(?!(?:the|a|an|his|her|their|its|our|this|that|these|those|to|of|for|in
      |on|at|by|after|during|before|from|into|with|and|or|as|is|are)\s)[\w.'’-]+,?\s+
    (?:watch(?:es)?|stands?|walks?|holds?|looks?|waits?|speaks?|gestures?|poses?|arrives?
      |march(?:es)?|battles?|rests?|sits?|listens?|reacts?|waves?|greets?|hugs?|embraces?
      |kneels?|prays?|cheers?|smiles?|laughs?|shakes?|claps?|applauds?|celebrates?|mourns?
      |weeps?|cries|leaves?|exits?|enters?|departs?|gathers?|lines?\s+up|peers?|goes|forms?
      |plays?|rides?|runs?|fl(?:y|ies)|travels?|carr(?:y|ies)|clears?|shovels?|sweeps?
      |works?|inspects?|surveys?|prepares?|attends?|talks?|chats?|answers?|addresses?
      |wears?|displays?|shows?|signs?|protests?|rall(?:y|ies)|raises?|lifts?|points?
      |stares?|sleeps?|drives?|crosses?|climbs?|jumps?|kisses?|sings?|dances?|performs?
      |digs?|pushes?|pulls?|rescues?|searches?|fights?|sprays?|douses?|removes?|tows?
      |patrols?|guards?|examines?|sorts?|packs?|loads?|paints?|meets?|hangs?|makes?
      |uses?|takes?|smokes?|eats?|drinks?|reads?|writes?|announces?|continues?)\b
    [^;]{0,240}?\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?:Jan|Feb|Mar|Apr|May|Jun
      |Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s*\d{4}\b
    """
)


# A picture's scene in the present tense, dated to the day with its year, without a weekday:
# "A woman kneels with her children ... in Newtown, Connecticut December 14, 2014."
_SCENE_CAPTION_DATED = re.compile(
    r"""(?x)
    ^(?!.*\b(?:said|says|told|according|will|would)\b)
    (?:[A-Z][\w.'’-]*\s+){0,2}(?:[\w.'’-]+\s+){0,6}?
    (?:kneels|stands|walks|watches|poses|gestures|waves|prays|mourns|weeps|cries|hugs
      |embraces|sits|rests|peers|stares|smiles|laughs|cheers|applauds|greets|kisses|holds\s+up
      |looks\s+on|reacts|marches|carries|shovels|sweeps|douses|sprays)\b
    [^;]{0,240}?\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s*\d{4}
    """
)


# A picture's scene told of "a" someone in the present tense: "A member of the inquiry team
# presents its findings ...", "A woman walks her dog in San Francisco in July 2014."
_SCENE_CAPTION_INDEFINITE = re.compile(
    r"""(?x)
    ^(?!.*\b(?:said|says|told|according|will|would|could|may|might)\b)
    (?:A|An)\s+(?:[\w'’.()-]+,?\s+){0,9}?
    (?:presents|stands|walks|kneels|watches|poses|gestures|waves|prays|mourns|weeps|hugs
      |embraces|sits|rests|peers|looks\s+on|smiles|laughs|cheers|applauds|greets|carries
      |holds\s+up|reacts|lays|places|lights|rides|wears|displays|inspects|passes|crosses)\b
    """
)


def is_caption(sentence: Sentence) -> bool:
    """Is the sentence a photo caption or credit rather than a report?"""
    text = sentence.text
    return bool(_CAPTION.search(text) or ("day" in text and _SCENE_CAPTION.search(text))
                or _SCENE_CAPTION_DATED.search(text) or _SCENE_CAPTION_INDEFINITE.search(text))


# What makes a sentence report what happened: an action or a statement, a figure, a time.
_REPORTING = re.compile(
    r"\b(?:(?:reassur|emphasi[sz]|stress|insist|deni|deny|accus|urg|vow|pledg|threaten|claim"
    r"|admit|promis|demand|criticiz|criticis|condemn|welcom|announc|report|confirm|warn|order"
    r"|approv|reject|sign|launch|attack|seiz|arrest|charg|evacuat|deploy|ban|suspend|resum"
    r"|investigat|accus|agree)\w*"
    r"|said|says|told|killed|died|dead|injured|wounded"
    r"|charged|convicted|sentenced|ordered|approved|voted|signed|launched|attacked|seized"
    r"|fell|rose|dropped|climbed|jumped|raised|cut|won|lost|agreed|rejected|resigned|elected"
    r"|declared|warned|filed|sued|released|opened|closed|struck|hit|fired|evacuated|deployed"
    r"|banned|passed|began|ended|fled|crashed|collapsed|found|plans?|will)\b",
    re.IGNORECASE,
)
_TIME_WORD = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight"
    r"|january|february|march|april|(?-i:May)|june|july|august|september|october|november"
    r"|december|last\s+(?:week|month|year)|\d{4})\b",  # "May", the month, not "may", the doubt
    re.IGNORECASE,
)
# Colour and opinion: the writer speaking (I, we, you), judging or musing.
_OPINION = re.compile(
    r"\b(?:I|I'm|I've|we|we're|our|us|my|me|you|your|you're)\b"
    r"|\b(?:should|ought|must\s+be|arguably|perhaps|frankly|honestly|imagine|wonder"
    r"|in\s+my\s+(?:view|opinion)|i\s+think|it\s+seems|of\s+course|surely|sadly|luckily)\b"
    r"|!",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# Feature writing: a scene set before the subject ("Submitting to an examination slightly less
# intense than ..., the comedian appeared ...", "Dressed in black, ..."), not the reporting frame
# of a report ("Speaking to reporters, the minister said ...").
_SCENE_OPENING = re.compile(
    r"^(?!(?:Speaking|Addressing|Writing|Responding|Citing|Quoting|Testifying|According|Asked)\b)"
    r"[A-Z][a-z]+(?:ing|ed)\b[^,.;]{8,160},\s")
# The writer's own loaded words about the people in the story.
_LOADED = re.compile(
    r"\b(?:bragged|boasted|gloated|whined|smugly|shamelessly|laughably|ridiculous(?:ly)?"
    r"|absurd(?:ly)?|pathetic(?:ally)?|so-called|deign(?:ed|s)?|dignify|frankly)\b"
    r"|^(?:Well|So|Now|Look|Sure|Yes|No|Oh|Alas|OK|Okay),\s",  # the writer talking to the reader
    re.IGNORECASE,
)
LONG_SENTENCE = 50  # words


def feature_writing(sentence: Sentence) -> bool:
    """A scene set before the subject, or the writer's own loaded words: a feature's or a
    column's sentence, which a brief tells only when the story has no report to tell."""
    own = _QUOTED.sub(" ", sentence.text)
    return bool(_SCENE_OPENING.match(own) or _LOADED.search(own))


@functools.lru_cache(maxsize=1 << 16)  # a story's best sentences are judged again each round
def news_value(sentence: Sentence) -> float:
    """How much the sentence reads as a report (actor, action, figure, time: up to 1) rather
    than scene-setting, colour or opinion (down to -0.5). Quotations are not the writer's
    opinion: what is inside quotation marks is not judged."""
    text = sentence.text
    own = _QUOTED.sub(" ", text)
    value = 0.0
    if _REPORTING.search(text):
        value += 0.4
    if any(c.isdigit() for c in text):
        value += 0.3
    if _TIME_WORD.search(text):
        value += 0.3
    if _OPINION.search(own):
        value -= 0.5
    if feature_writing(sentence):
        value -= 0.4
    if len(text.split()) > LONG_SENTENCE:
        value -= 0.2  # a feature writer's period, not a report's
    return value


def fit_for_brief(sentence: Sentence) -> bool:
    """Can the sentence stand alone in a brief? (Dangling openings are judged separately.)
    A photo caption or credit never can."""
    text = sentence.text.strip()
    if not fit_for_summary(sentence) or is_caption(sentence):
        return False
    if text.rstrip("\"”’)] ").endswith(("...", "…")):  # cut off by the source: "with..."
        return False
    if _PAGE_TALK.search(text) or _shouting(text) or _SPEAKER_LABEL.match(text):
        return False  # a transcript's "PRESIDENT OBAMA: Well, you can ..." is no report
    if text[-1] not in _SENTENCE_ENDS:  # a heading or a fragment: news sentences end so
        return False
    if _first_person(_QUOTED.sub(" ", text)) and not _ATTRIBUTION.search(text):
        return False  # "I submitted my resignation ...": a letter's or a speech's own words
    if text[:1] in _QUOTES or sum(text.count(q) for q in '"“”') % 2:
        # A quotation, or part of one that runs over several sentences: fit only with its
        # attribution ('"We will rebuild," the mayor said.'), never as a bare fragment; the
        # attribution is outside the quotation ('"Many may say, well ...' has none).
        return bool(_ATTRIBUTION.search(_outside_quotes(text)))
    return True


def _outside_quotes(text: str) -> str:
    """The text with its quotations left out, and a quotation still open at the end too."""
    text = _QUOTED.sub(" ", text)
    opened = max(text.find("“"), text.find('"') if text.count('"') % 2 else -1)
    return text[:opened] if opened >= 0 else text


def _first_person(text: str) -> bool:
    """Whether the text speaks as "I", "my" or "me" ("World War I" and "Elizabeth I" do not)."""
    for match in _FIRST_PERSON.finditer(text):
        if match.group() == "I":
            before = text[: match.start()].rstrip().rsplit(" ", 1)[-1]
            if before[:1].isupper() and before not in ("And", "But", "So", "Then", "Yes", "No"):
                continue  # a regnal or ordinal "I" after a name
        return True
    return False


def dangling(sentence: Sentence) -> bool:
    """Does the sentence open on a word that points back at a sentence the reader won't see,
    or end on a speaker known only as "he" or "she"?"""
    text = sentence.text.strip()
    return bool(_DANGLING.match(text.lstrip(_QUOTES + "'‘ "))
                or _CLOSES_EARLIER_QUOTE.match(text) or _UNNAMED_SPEAKER.search(text))


class _Memory:
    """The sentences already in the brief, as vectors, to recognise a repeat."""

    def __init__(self, vectorizer: Vectorizer) -> None:
        self._vectorizer = vectorizer
        self._kept: Any = None
        self.named: set[str] = set()  # the names and figures the kept sentences mention

    def vectors(self, sentences: Sequence[Sentence]) -> Any:
        return self._vectorizer.transform([s.text for s in sentences])

    def similarity(self, rows: Any) -> np.ndarray:
        """Cosine of each row to every sentence kept so far: (rows, kept)."""
        if self._kept is None:
            return np.zeros((rows.shape[0], 0))
        return cosine(rows, self._kept)

    def add(self, rows: Any) -> None:
        if rows.shape[0] == 0:
            return
        if self._kept is None:
            self._kept = rows
        elif sparse.issparse(rows):
            self._kept = sparse.vstack([self._kept, rows], format="csr")
        else:
            self._kept = np.vstack([self._kept, rows])


_CHUNK = 32  # candidates vectorised and compared at a time


def _pick(
    ranked: Iterable[ScoredSentence],
    memory: _Memory,
    *,
    count: int | None = None,
    words: int | None = None,
    standalone: bool = True,
) -> list[ScoredSentence]:
    """Greedy MMR: best first, skipping unfit sentences and repeats of anything kept before.

    `standalone` sentences are for a brief, where each sentence is read on its own: no bare
    quotation, and a dangling opening only when the story has no other fit sentence. A summary
    read as one paragraph (`standalone=False`) only needs sentences of a sensible length.
    """
    fit = [s for s in ranked if fit_for_summary(s.sentence)]
    if standalone:
        fit = [s for s in fit if fit_for_brief(s.sentence)]
    if not fit:
        return []
    alone = [s for s in fit if not dangling(s.sentence)] if standalone else fit
    candidates = alone or fit
    floor = WORTHWHILE * max(s.score for s in candidates)
    picked: list[ScoredSentence] = []
    used = 0
    overrun = False
    done = False
    for start in range(0, len(candidates), _CHUNK):
        chunk = candidates[start : start + _CHUNK]
        rows = memory.vectors([s.sentence for s in chunk])
        earlier = memory.similarity(rows)
        among = cosine(rows, rows)
        kept_here: list[int] = []
        for j, scored in enumerate(chunk):
            length = len(scored.sentence.text.split())
            done = (
                (count is not None and len(picked) == count)
                or (overrun and scored.score < floor)
                or (words is not None and words - used < MIN_WORDS)
            )
            if done:
                break
            if words is not None and used + length > words:
                overrun = True
                continue
            if (earlier.shape[1] and earlier[j].max() >= REPEAT) or any(
                among[j, k] >= REPEAT for k in kept_here
            ):
                continue
            kept_here.append(j)
            picked.append(scored)
            used += length
        memory.add(rows[kept_here])
        if done:
            break
    return picked


_CONCEPT = re.compile(r"[A-Z][\w’'.-]*\w|\d[\d,.]*\d|\d")
_POSSESSIVE = re.compile(r"(’s|'s)$")


def concepts(sentence: Sentence) -> set[str]:
    """The names and figures a sentence mentions: capitalised words past its first, numbers."""
    return {
        _POSSESSIVE.sub("", m.group()).rstrip(".").casefold()
        for m in _CONCEPT.finditer(sentence.text)
        if m.start() > 0
    }


def _pick_covering(
    ranked: Sequence[ScoredSentence], memory: _Memory, *, count: int
) -> list[ScoredSentence]:
    """Greedy choice for the brief: the ranker's score plus what a sentence adds to the brief.

    At each step the candidate with the highest `score + COVERAGE * gain / best_gain` is taken,
    where gain sums, over the names and figures the brief has not mentioned yet, the log of how
    many candidates mention each (a one-off name adds nothing: it is the story's recurring
    actors, places and figures that count). Repeats and unfit sentences are never taken; in the
    brief a repeat is a sentence at least `BRIEF_REPEAT` alike to one already chosen, or at least
    `SAME_FACT` alike and naming no actor, place or figure the brief has not named yet.
    """
    fit = [s for s in ranked if fit_for_summary(s.sentence) and fit_for_brief(s.sentence)]
    alone = [s for s in fit if not dangling(s.sentence)]
    reported = [s for s in alone if not feature_writing(s.sentence)]
    candidates = (reported or alone or fit)[:BRIEF_POOL]
    if not candidates:
        return []
    named = [concepts(s.sentence) for s in candidates]
    candidates, named = _one_event(candidates, named)
    news = [news_value(s.sentence) for s in candidates]
    denies = np.array([bool(_DENIAL.search(s.sentence.text)) for s in candidates])
    shared: dict[str, int] = {}
    for found in named:
        for concept in found:
            shared[concept] = shared.get(concept, 0) + 1
    weight = {concept: math.log(n) for concept, n in shared.items()}
    rows = memory.vectors([s.sentence for s in candidates])
    earlier = memory.similarity(rows)
    among = cosine(rows, rows)
    covered = set(memory.named)
    closest = earlier.max(axis=1) if earlier.shape[1] else np.zeros(len(candidates))
    nearest = np.full(len(candidates), -1)  # the chosen sentence each candidate is closest to

    picked: list[int] = []

    def repeats(i: int) -> bool:
        # Close in wording, or somewhat close and naming nothing the brief has not named:
        # "a 30-day truce" after "a humanitarian truce of 30 days"; or another outlet's
        # wording of a chosen sentence, told by the same names and figures ("$3 million in
        # sales and $500,000 in tax" twice).
        if closest[i] >= BRIEF_REPEAT or (closest[i] >= SAME_FACT and not named[i] - covered):
            return True
        return any(share_names(named[i], named[j]) and among[i, j] >= SAME_NAMES_COSINE
                   and denies[i] == denies[j] for j in picked)

    left = [i for i in range(len(candidates)) if not repeats(i)]
    while left and len(picked) < count:
        gains = [sum(weight[c] for c in named[i] - covered) for i in left]
        top = max(gains) or 1.0
        best = max(
            range(len(left)),
            key=lambda k: candidates[left[k]].score + COVERAGE * gains[k] / top
            + NEWS * news[left[k]],
        )
        chosen = left.pop(best)
        picked.append(chosen)
        covered |= named[chosen]
        # A denial of what a chosen sentence reports is news of its own, never its repeat.
        alike = np.where(denies == denies[chosen], among[:, chosen], 0.0)
        nearest = np.where(alike > closest, chosen, nearest)
        closest = np.maximum(closest, alike)
        left = [i for i in left if not repeats(i)]
    memory.add(rows[picked])
    memory.named |= covered
    return [_with_corroboration(candidates, i, nearest, closest, repeats) for i in picked]


# A sentence that denies or refutes a report: never the repeat of the report it denies.
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|(?:dismiss|reject)(?:es|ed|ing)? "
    r"(?:the |those |these |such )?(?:reports?|claims?|allegations?|rumou?rs?)|not true|untrue|"
    r"(?:was|were|is|are) false)\b",
    re.IGNORECASE,
)

# Capitalised, but no name: two reports dated "in March" need not tell one event.
_CALENDAR = frozenset("""january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday""".split())


def _one_event(
    candidates: Sequence[ScoredSentence], named: Sequence[set[str]]
) -> tuple[list[ScoredSentence], list[set[str]]]:
    """The candidates from articles that name someone or something the lead article names.

    A story grouped on shared vocabulary alone (two companies' quarterly results) would
    otherwise tell one company's numbers under the other's headline; an article that shares no
    name with the article of the story's best sentence is left out of the brief's telling.
    """
    words: dict[str, set[str]] = {}
    for scored, found in zip(candidates, named, strict=True):
        words.setdefault(scored.sentence.article_id, set()).update(
            c for c in found if not c[:1].isdigit() and c not in _CALENDAR)
    lead = candidates[0].sentence.article_id
    kept = [i for i, s in enumerate(candidates)
            if s.sentence.article_id == lead or words[s.sentence.article_id] & words[lead]
            or not words[lead]]
    return [candidates[i] for i in kept], [named[i] for i in kept]


def share_names(a: set[str], b: set[str], share: float = SAME_NAMES) -> bool:
    """Do two sets of names (`concepts`) have at least two and `share` of the smaller set in
    common: two sentences, or two stories, telling the same fact or event?"""
    shared = len(a & b)
    return shared >= 2 and shared >= share * min(len(a), len(b))


def _with_corroboration(
    candidates: Sequence[ScoredSentence],
    chosen: int,
    nearest: np.ndarray,
    closest: np.ndarray,
    repeats: Callable[[int], bool],
) -> ScoredSentence:
    """The chosen sentence with the repeats from *other* articles that it stands for."""
    own = candidates[chosen].sentence.article_id
    also: dict[str, Sentence] = {}
    for i in np.flatnonzero(nearest == chosen):
        other = candidates[int(i)].sentence
        if other.article_id != own and other.article_id not in also and repeats(int(i)):
            also[other.article_id] = other
    return dataclasses.replace(candidates[chosen], also=tuple(also.values())[:MAX_ALSO])


def report_count(story: Story) -> int:
    """How many of the story's articles report its event (what "(5 reports)" says): routine
    notes of one kind grouped by their common wording are one report each, not five of one
    event."""
    return len(_reports(story.articles))


def _coverage(story: Story) -> float:
    """0 for one article, approaching 1 as more articles and distinct outlets carry the story.

    Only the reports of one event count: the articles whose openings name the name the story's
    articles share most. Forty companies' quarterly results or buy-back notices grouped by their
    common wording are forty one-article stories, not an event forty reports carry."""
    reports = _reports(story.articles)
    outlets = len({a.source.casefold() or a.id for a in reports})
    reach = (len(reports) - 1) + (outlets - 1)  # an outlet repeating itself counts half
    return 1.0 - 1.0 / (1.0 + reach / 4.0)


OPENING_CHARS = 300  # the part of an article whose names say who and what it is about
_OPENING_NAME = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]+")
_NOT_SUBJECTS = frozenset(
    """The This That These Those There Their They Its His Her Our Reuters Inc Corp Co Ltd Group
    Company Corporation Holdings Industries International National Financial Bank Shares Stock
    Net Shr Avg Revs Qtr Mths January February March April May June July August September
    October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs
    Ms Dr""".split()
)


_TOKEN = re.compile(r"[^\W\d_][\w'’&-]*|[.:;!?]")


def _names_in(text: str) -> set[str]:
    """Capitalised words that are names: not a sentence's first word on its own ("NOTE: Per
    share ...", "Results include ..."), which any word can be."""
    names: set[str] = set()
    tokens = _TOKEN.findall(text.replace("\n", " . "))
    for i, token in enumerate(tokens):
        if not _OPENING_NAME.fullmatch(token) or token in _NOT_SUBJECTS:
            continue
        first = i == 0 or tokens[i - 1] in ".:;!?"
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if not first or _OPENING_NAME.fullmatch(following):
            names.add(_POSSESSIVE.sub("", token))
    return names


def _opening(article: Article) -> str:
    """The title (unless it shouts) and the first prose of the text: not the labels of a table
    of figures ("Nine mths", "Sales", "Assets")."""
    title = "" if article.title.isupper() else article.title
    prose = [line for line in article.text[: OPENING_CHARS * 3].splitlines()
             if len(line.split()) >= 6 and line.rstrip()[-1:] in ".!?\"”'’"]
    return (title + "\n" + "\n".join(prose))[: OPENING_CHARS + len(title)]


EVENT_SENTENCES = 3  # a story's best sentences that say which event it tells


def merge_events(
    ranked: Sequence[RankedStory],
    ranker: Ranker,
    vectorizer: Vectorizer,
    likeness: Callable[[Sequence[Sequence[Sentence]]], np.ndarray],
    *,
    top: int,
) -> list[RankedStory]:
    """The day's stories with those that tell one event merged into one story, ranked again.

    Grouping compares whole articles, so the reports of a big event written from different
    sides (the nomination, the market's reaction, the allies' reaction) can form several
    stories. Among the `top` most important stories, two are one event when their best
    sentences are alike (`likeness` of the stories' best sentences, a matrix, 1.0 and more:
    one event) and the reports of both name the event's name (`_reports`: routine notes of one
    kind, alike in wording, name each their own company). A story joins an earlier (more
    important) one only when it is one event with every story merged into it (complete
    linkage: no chain of likenesses joins two events). The merged story counts the coverage
    of all its reports; its articles keep the order of the stories' importance, so its key is
    the most important one's.
    """
    if len(ranked) < 2 or top < 2:
        return list(ranked)
    now = [r.importance for r in _with_recency(ranked)]
    order = sorted(range(len(ranked)), key=lambda k: -now[k])[:top]
    best = [[s.sentence for s in ranked[k].ranked[:EVENT_SENTENCES]] for k in order]
    alike = likeness(best)
    groups: list[list[int]] = []  # positions in `order`
    for i in range(len(order)):
        if not best[i]:
            continue
        for members in groups:
            if all(alike[i, j] >= 1.0 for j in members) and _one_named_event(
                    [ranked[order[j]].story for j in members], ranked[order[i]].story):
                members.append(i)
                break
        else:
            groups.append([i])
    merged: dict[int, RankedStory] = {}
    gone: set[int] = set()
    for members in groups:
        if len(members) < 2:
            continue
        parts = [ranked[order[j]].story for j in members]
        story = Story(articles=tuple(a for p in parts for a in p.articles),
                      sentences=tuple(s for p in parts for s in p.sentences))
        merged[order[members[0]]] = rank(story, ranker, vectorizer)
        gone.update(order[j] for j in members[1:])
    return [merged.get(k, story) for k, story in enumerate(ranked) if k not in gone]


def _one_named_event(stories: Sequence[Story], story: Story) -> bool:
    """Do the reports of `stories` and of `story` together name one event: a name their titles
    (or, untitled, their openings) share, named by an article of each?"""
    articles = [a for s in (*stories, story) for a in s.articles]
    reports = {a.id for a in _reports(articles, at_least=2)}
    return all(any(a.id in reports for a in s.articles) for s in (*stories, story))


def _reports(articles: Sequence[Article], *, at_least: int = 3) -> Sequence[Article]:
    """The articles that report the story's event: those whose openings name the name most of
    the story's articles name (all of them for a story of one or two articles; one when they
    name no one, as tables of figures do).

    Where the articles have titles, the event's name is one their titles carry as well: a
    title names what the article is about. Routine notes of one kind (stake filings, rating
    actions, export bonuses) share the name of the agency they pass through (the Securities
    and Exchange Commission, a rating agency) in their openings, while each title names its
    own company or country: no name in two of their titles, so they count as one report.
    Most of an event's reports name it: when fewer than half of the articles do (a few of
    seventy companies' results share "First" or "Federal"), the story is no event."""
    if len(articles) < at_least:
        return articles
    named = [_names_in(_opening(a)) for a in articles]
    counts: Counter[str] = Counter(w for names in named for w in names)
    if not counts:
        return articles[:1]
    titles = [_title_words(a.title) for a in articles if a.title]
    if len(titles) * 2 < len(articles):
        top, _ = counts.most_common(1)[0]
        reports = [a for a, names in zip(articles, named, strict=True) if top in names]
        return reports if 2 * len(reports) >= len(articles) else articles[:1]
    in_titles = {name: sum(name.casefold() in words for words in titles) for name in counts}
    top = max(counts, key=lambda name: (in_titles[name], counts[name]))
    if in_titles[top] < 2:
        return articles[:1]
    reports = [a for a, names in zip(articles, named, strict=True)
               if top in names or top.casefold() in _title_words(a.title)]
    return reports if 2 * len(reports) >= len(articles) else articles[:1]


def _title_words(title: str) -> set[str]:
    return {_POSSESSIVE.sub("", w) for w in _TOKEN.findall(title.casefold())}


def _centrality(vectors: Any, top: Sequence[int]) -> float:
    """How closely the story's best sentences keep to what the story as a whole says."""
    if vectors is None or not top:
        return 0.0
    centre = mean_row(vectors)
    return float(np.clip(cosine(vectors[list(top)], centre), 0.0, 1.0).mean())


def _recency(stories: Sequence[Story]) -> list[float]:
    """1.0 for a story as new as the day's newest article, less by e^-1 a day older; 0.5 for a
    story without dates."""
    newest = [max((a.published for a in s.articles if a.published), default=None)
              for s in stories]
    day = max((t for t in newest if t is not None), default=None, key=_timestamp)
    result = []
    for when in newest:
        recency = 0.5
        if day is not None and when is not None:
            hours = (_timestamp(day) - _timestamp(when)) / 3600.0
            recency = math.exp(-max(hours, 0.0) / 24.0)
        result.append(recency)
    return result


def _with_recency(ranked: Sequence[RankedStory]) -> list[RankedStory]:
    result = []
    for story, recency in zip(ranked, _recency([r.story for r in ranked]), strict=True):
        # The reader's focus terms and source weights (focus.weigh) multiply the whole, and so
        # do how much the story reads as a report (`_hardness`) and as show business
        # (`_softness`); a story made only of reference pages comes after the day's news.
        importance = ((story.importance + IMPORTANCE_WEIGHTS["recency"] * recency)
                      * story.weight * _hardness(story.ranked[:3])
                      * _softness(story.ranked[:SOFT_SENTENCES]))
        if all_reference(story.story.articles):  # a fact sheet, an encyclopedia entry: no report
            importance *= REFERENCE_WEIGHT
        result.append(dataclasses.replace(story, importance=importance))
    return result


def _timestamp(when: dt.datetime) -> float:
    """Seconds since the epoch; a date without a zone is read as UTC."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return float(when.timestamp())

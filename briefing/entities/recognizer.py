"""Who and where in one sentence: a statistical named-entity recognizer trained by the project.

    recognize("Prime Minister Ana Ruiz flew to Lima, Peru.")
    -> [Span(21, 29, "Ana Ruiz", "person", ...), Span(38, 42, "Lima", "location", ...),
        Span(44, 48, "Peru", "country", ...)]

An averaged-perceptron sequence tagger (BIO tags, first-order transitions, Viterbi decoding)
over word, lower-case, shape, affix, neighbouring-word, gazetteer and cue features. Its weights
and the gazetteer it was trained with are data, `models/entities-news.json.gz`, written by
`scripts/train_entities.py` from news sentences; nothing is pickled and nothing is downloaded.

The tagger knows three types, person, organisation and place; a place is a "country" when the
gazetteer lists it as one (or as another name for one: "U.S.", "Britain"), else a "location".
Titles are not part of a person's name ("President Ana Ruiz" -> "Ana Ruiz"), and nationality
words are no entities ("British troops").

Features are computed here, by the same code for training and tagging, so the shipped weights
always mean what they were trained to mean.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from briefing.resources import shipped

MODEL_NAME = "entities-news.json.gz"
FORMAT = "briefing-entities/1"

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-PLACE", "I-PLACE")
_TYPE_KINDS = {"PER": "person", "ORG": "organisation", "PLACE": "location"}

# --- Cues ----------------------------------------------------------------------------------------

# Words of a title or rank before a name; lower case, final period dropped. A person's span
# never starts with one of these ("Secretary of State X" -> "X"), in training or in output.
TITLE_WORDS = frozenset(
    """mr mrs ms dr prof sir dame lord lady president president-elect vice prime minister
    secretary secretary-general chancellor premier gen general lt lieutenant col colonel maj
    major capt captain cpt sgt sergeant adm admiral brig brigadier cmdr commander marshal field
    sen senator rep representative gov governor mayor king queen prince princess crown pope
    chief chairman chairwoman ambassador envoy spokesman spokeswoman rev reverend father sheikh
    emir archbishop bishop cardinal rabbi imam ayatollah grand justice judge deputy foreign
    defense defence interior finance acting former attorney state of the first opposition
    leader speaker director commissioner inspector detective officer coach""".split()
)
# Lower-case words that introduce a name ("Kremlin spokesman Ivan Petrov").
_PERSON_BEFORE = frozenset(
    """spokesman spokeswoman spokesperson minister president leader chief secretary official
    analyst lawyer attorney director commander founder actor actress singer author professor
    economist senator governor mayor candidate coach player captain chairman executive envoy
    ambassador journalist reporter correspondent activist premier chancellor general colonel
    son daughter wife husband mother father brother sister prosecutor judge adviser aide""".split()
)
_SAYING = frozenset(
    """said says told added stressed announced urged warned insisted explained noted claimed
    declared asked replied acknowledged admitted confirmed denied vowed""".split()
)
ORG_CUES = frozenset(
    """ministry department council party inc corp corporation company co ltd llc plc group bank
    army navy force forces guard police agency commission committee court parliament congress
    senate assembly union organization organisation institute university college school
    foundation association federation office service authority administration board bureau fund
    times post news press network airlines airways brigade battalion regiment command alliance
    coalition movement front church club league cabinet government tribunal reserve exchange
    holdings industries motors systems technologies hospital museum""".split()
)
_PLACE_CUES = frozenset(
    """street avenue road boulevard square bridge park airport station hills mountains mountain
    river lake island islands valley bay coast peninsula desert strait gulf sea ocean province
    region county district state city""".split()
)

# --- Tokens --------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""(?:[^\W\d_]\.){2,}(?![^\W\d_])              # U.S., U.N., a.m.
    | \b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Brig|Cmdr|Sen|Rep|Gov|Rev|Jr|Sr
         |St|Mt|Ft|Inc|Corp|Co|Ltd|Bros|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.
    | \b[^\W\d_]\.(?=\s+[^\W\d_])                   # an initial: "George W. Bush"
    | \d+(?:[.,:/]\d+)*                             # 8,500  2.3  9/11
    | \w+(?:[-'’&]\w+)*                              # words, "Al-Qaida", "O'Neill", "AT&T"
    | \S                                            # anything else, one character at a time
    """,
    re.VERBOSE,
)
_POSSESSIVE = re.compile(r"['’][sS]$")


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of `text`; a possessive "'s" is a token of its own."""
    spans = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if end - start > 2 and _POSSESSIVE.search(match.group()):
            spans.append((start, end - 2))
            spans.append((end - 2, end))
        else:
            spans.append((start, end))
    return spans


# --- Features ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gazetteer:
    """Names by kind: "country", "city", "place" (regions, states, continents), "org", "demonym".

    `countries` also holds other names of countries ("U.S.", "Britain"); a place span whose text
    is in it is a "country".
    """

    names: dict[tuple[str, ...], str]  # token tuple -> kind
    longest: int
    countries: frozenset[str]
    lowercase: frozenset[str]  # words news text mostly writes in lower case ("shares", "after")

    @classmethod
    def from_lists(cls, lists: dict[str, list[str]]) -> Gazetteer:
        names: dict[tuple[str, ...], str] = {}
        # Later kinds win a name listed twice: a country is a country before it is a city.
        for kind in ("city", "place", "demonym", "org", "country"):
            for name in lists.get(kind, []):
                tokens = tuple(name[s:e] for s, e in tokenize(name))
                if tokens:
                    names[tokens] = kind
        longest = max((len(key) for key in names), default=1)
        countries = frozenset(lists.get("country", []))
        return cls(names, longest, countries, frozenset(lists.get("lowercase", [])))

    def tag(self, words: Sequence[str]) -> list[str]:
        """Per token, "B-kind"/"I-kind" of the longest listed name covering it, or ""."""
        tags = [""] * len(words)
        i = 0
        while i < len(words):
            if not words[i][:1].isupper():
                i += 1
                continue
            for n in range(min(self.longest, len(words) - i), 0, -1):
                kind = self.names.get(tuple(words[i:i + n]))
                if kind:
                    tags[i] = "B-" + kind
                    for j in range(i + 1, i + n):
                        tags[j] = "I-" + kind
                    i += n
                    break
            else:
                i += 1
        return tags


_SHAPE_SUBS = (
    (re.compile(r"[A-ZÀ-ÖØ-Þ]+"), "X"),
    (re.compile(r"[a-zß-öø-ÿ]+"), "x"),
    (re.compile(r"\d+"), "d"),
)


@lru_cache(maxsize=200_000)
def _shape(word: str) -> str:
    for pattern, short in _SHAPE_SUBS:
        word = pattern.sub(short, word)
    return word[:6] if word.isascii() else "u"


@lru_cache(maxsize=200_000)
def word_features(word: str) -> tuple[str, ...]:
    """Features of a word on its own (cached: most words of a day recur)."""
    lower = word.lower()
    bare = lower.rstrip(".")
    shape = _shape(word)
    feats = ["b", "w=" + word, "l=" + lower, "s=" + shape, "p3=" + lower[:3],
             "x3=" + lower[-3:], "x2=" + lower[-2:]]
    if bare in TITLE_WORDS:
        feats.append("title")
    if bare in ORG_CUES:
        feats.append("orgcue")
    if bare in _PLACE_CUES:
        feats.append("placecue")
    if "-" in word:
        feats.append("hyph")
    if word.isupper() and len(word) > 1:
        feats.append("allcaps")
    return tuple(feats)


def _context(word: str) -> tuple[str, str]:
    """(lower case, shape) of a neighbour."""
    return word.lower(), _shape(word)


def features(words: Sequence[str], gazetteer: Gazetteer) -> list[list[str]]:
    """The feature strings of each token of one sentence."""
    return [[*word_features(word), *context]
            for word, context in zip(words, context_features(words, gazetteer), strict=True)]


def context_features(words: Sequence[str], gazetteer: Gazetteer) -> list[list[str]]:
    """The features of each token that depend on its neighbours and the gazetteer."""
    n = len(words)
    gaz = gazetteer.tag(words)
    pad = [("<s>", "<s>"), ("<s>", "<s>")]
    ctx = pad + [_context(word) for word in words] + [("</s>", "</s>"), ("</s>", "</s>")]
    gz = ["<s>", "<s>", *gaz, "</s>", "</s>"]
    # The capitalised run each token is in: does it contain an organisation or place cue?
    common = [word[:1].isupper() and word.lower() in gazetteer.lowercase for word in words]
    run_cue = [""] * n
    i = 0
    while i < n:
        if not words[i][:1].isupper() or (i == 0 and common[0]):
            i += 1
            continue
        j = i
        while j + 1 < n and (words[j + 1][:1].isupper()
                             or (words[j + 1] in ("of", "for", "and", "the")
                                 and j + 2 < n and words[j + 2][:1].isupper())):
            j += 1
        cue = ""
        for k in range(i + 1, j + 1):
            bare = words[k].lower().rstrip(".")
            if bare in ORG_CUES:
                cue = "org"
            elif bare in _PLACE_CUES and not cue:
                cue = "place"
        for k in range(i, j + 1):
            run_cue[k] = cue
        i = j + 1
    out = []
    for i in range(n):
        c = i + 2
        pl, ps = ctx[c - 1]
        nl, ns = ctx[c + 1]
        shape = ctx[c][1]
        feats = [
            "-1l=" + pl, "+1l=" + nl, "-2l=" + ctx[c - 2][0], "+2l=" + ctx[c + 2][0],
            "-1s=" + ps, "+1s=" + ns, "-1s|s|+1s=" + ps + "|" + shape + "|" + ns,
            "s|+1l=" + shape + "|" + nl, "-1l|s=" + pl + "|" + shape,
            "g=" + gaz[i], "-1g=" + gz[c - 1], "+1g=" + gz[c + 1], "+2g=" + gz[c + 2],
        ]
        if i == 0:
            feats.append("first")
        if common[i]:
            feats.append("common" if i else "first|common")
        if run_cue[i]:
            feats.append("run=" + run_cue[i])
        if pl.rstrip(".") in TITLE_WORDS or pl in _PERSON_BEFORE:
            feats.append("after-title")
        if nl in _SAYING or (nl in (",", "'s") and ctx[c + 2][0] in _SAYING):
            feats.append("before-said")
        out.append(feats)
    return out


# --- The model -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A name in the text: `text == sentence[start:end]`.

    `score`, 0 to 1, is a rough confidence: for the span's least certain token, the softmax over
    labels of the best sequence's score with the token given each label.
    """

    start: int
    end: int
    text: str
    kind: str  # "person" | "organisation" | "country" | "location"
    score: float


class Recognizer:
    """A trained tagger: feature weights per label, transition weights, and its gazetteer."""

    def __init__(self, data: dict) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} model: format {data.get('format')!r}")
        if tuple(data["labels"]) != LABELS:
            raise ValueError(f"model labels {data['labels']} are not {list(LABELS)}")
        scale = float(data["scale"])
        names = data["features"]
        self._index = {name: row for row, name in enumerate(names)}
        weights = np.zeros((len(names) + 1, len(LABELS)), dtype=np.float32)
        for row, name in enumerate(names):
            for label, value in data["weights"][name]:
                weights[row, label] = value / scale
        self._weights = weights  # the last row stays zero: features the model never saw
        self._word_rows: dict[str, list[int]] = {}  # word -> rows of its word features
        self._transitions = np.asarray(data["transitions"], dtype=np.float32) / scale
        self._start = np.asarray(data["start"], dtype=np.float32) / scale
        self.gazetteer = Gazetteer.from_lists(data["gazetteer"])
        # Tags that may not follow each other in BIO ("O" then "I-PER").
        forbidden = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
        for j, label in enumerate(LABELS):
            if label.startswith("I-"):
                for i, prev in enumerate(LABELS):
                    if prev[2:] != label[2:]:
                        forbidden[i, j] = -1e6
        self._transitions = self._transitions + forbidden
        self._start = self._start + np.array(
            [-1e6 if label.startswith("I-") else 0.0 for label in LABELS], dtype=np.float32)

    @classmethod
    def load(cls, path: Path) -> Recognizer:
        return cls(json.loads(_decompress(path.read_bytes())))

    def tag(self, words: Sequence[str]) -> tuple[list[str], list[float]]:
        """The BIO label of each word and the confidence in it."""
        if not words:
            return [], []
        missing = len(self._weights) - 1
        rows: list[int] = []
        offsets: list[int] = []
        get = self._index.get
        cache = self._word_rows
        for word, context in zip(words, context_features(words, self.gazetteer),
                                     strict=True):
            offsets.append(len(rows))
            known = cache.get(word)
            if known is None:
                known = [row for row in (get(f) for f in word_features(word)) if row is not None]
                if len(cache) < 200_000:
                    cache[word] = known
            rows.extend(known)
            rows.extend([get(f, missing) for f in context])
        emit = np.add.reduceat(self._weights[rows], offsets, axis=0)
        path, best = _viterbi(emit, self._start, self._transitions)
        labels = [LABELS[k] for k in path]
        best -= best.max(axis=1, keepdims=True)
        prob = np.exp(best)
        prob /= prob.sum(axis=1, keepdims=True)
        confidence = prob[np.arange(len(path)), path].tolist()
        return labels, confidence

    def recognize(self, text: str) -> list[Span]:
        spans = tokenize(text)
        words = [text[s:e] for s, e in spans]
        labels, confidence = self.tag(words)
        return list(self._spans(text, spans, labels, confidence))

    def _spans(self, text: str, spans: list[tuple[int, int]], labels: list[str],
               confidence: list[float]) -> Iterable[Span]:
        i = 0
        while i < len(labels):
            if labels[i] == "O":
                i += 1
                continue
            typ = labels[i][2:]
            j = i + 1
            while j < len(labels) and labels[j] == "I-" + typ:
                j += 1
            start, end = spans[i][0], spans[j - 1][1]
            name = text[start:end]
            kind = _TYPE_KINDS[typ]
            if kind == "location" and name in self.gazetteer.countries:
                kind = "country"
            yield Span(start, end, name, kind, round(min(confidence[i:j]), 4))
            i = j


def _viterbi(emit: np.ndarray, start: np.ndarray,
             transitions: np.ndarray) -> tuple[list[int], np.ndarray]:
    """The best label sequence (ties go to the lower label index), and for each token and label
    the score of the best sequence that gives the token that label (max-marginals)."""
    n, k = emit.shape
    cols = np.arange(k)
    back = np.zeros((n, k), dtype=np.intp)
    forward = np.empty((n, k), dtype=emit.dtype)
    forward[0] = start + emit[0]
    for i in range(1, n):
        cand = forward[i - 1][:, None] + transitions
        best = cand.argmax(axis=0)
        back[i] = best
        forward[i] = cand[best, cols] + emit[i]
    backward = np.zeros((n, k), dtype=emit.dtype)
    for i in range(n - 2, -1, -1):
        backward[i] = (transitions + (emit[i + 1] + backward[i + 1])).max(axis=1)
    path = [int(forward[-1].argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    path.reverse()
    return path, forward + backward


def _decompress(raw: bytes) -> str:
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8")


@lru_cache(maxsize=1)
def shipped_recognizer() -> Recognizer:
    """The recognizer of `models/entities-news.json.gz`, loaded on first use."""
    return Recognizer(json.loads(_decompress(shipped("models", MODEL_NAME).read_bytes())))


def recognize(text: str) -> list[Span]:
    """The people, organisations, countries and locations named in one sentence of `text`."""
    if not text or not text.strip():
        return []
    return shipped_recognizer().recognize(text)

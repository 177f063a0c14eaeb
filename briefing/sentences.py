"""Split article text into sentences with NLTK's Punkt and the parameters the project ships.

    split_spans(text) -> [(start, end), ...]
    split(article) -> [Sentence, ...]      article.text[s.start:s.end] == s.text

Punkt decides the hard cases inside running text ("Gen. Mark Milley", "by the U.S. The E.U.")
with parameters trained on news by `scripts/train_punkt.py` (`models/punkt-news.json`). Around
it, a few named rules cover what Punkt can't see because it reads text as one stream of words:

    paragraphs       a blank line always ends a sentence
    headlines        a line break after a line without final punctuation ends it too
                     (unless the text is hard-wrapped and the line runs to the wrap width)
    list items       a line starting with a bullet or "1." / "2)" starts a new sentence;
                     bullet symbols are left out of the sentence, numbers are kept
                     (also "... scrambles. 6. The movie ..." within a line)
    lower-case start a sentence never starts with a lower-case word: '"Why?" he asked.',
                     nor with the closing quote of the sentence before
    titles           a sentence never ends with a title or rank: "Sgt. First Class Mike Ortiz"
    initials         nor between two initials: "E. M. Forster"
    glued sentences  "community.Dr Venter" is split after the period, unless the word before it
                     is an abbreviation, an initial or CamelCase ("SciDev.Net"), or the whole
                     thing is a URL or e-mail address
    ellipses         "..." or "…" followed by a capitalised word ends a sentence
    URLs and e-mail  "at https://example.org/a.htm. It runs" ends after the address

Closing quotes and brackets after the final punctuation stay with their sentence (Punkt). Every
span indexes the given text exactly and is stripped of surrounding white space.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from briefing.domain import Article, Sentence
from briefing.errors import ModelError
from briefing.resources import shipped

if TYPE_CHECKING:  # NLTK takes a second or two to import; only the first split pays for it
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

PARAMETERS = "punkt-news.json"
FORMAT = "briefing-punkt/1"

_BULLET = re.compile(r"[ \t]*[-*•·▪◦‣–—][ \t]+(?=\S)")
_NUMBERED = re.compile(r"[ \t]*(?:\d{1,3}[.)]|\(\d{1,3}\))[ \t]+(?=\S)")
# A line ending like this continues on the next line; anything else may be a headline.
_CONTINUES = re.compile(
    r"""(?:[.!?]["'”’)\]]*|[,;:\-–—(/&+=]|\b(?:a|an|and|at|by|for|from|in|of|on|or|the|to|with))"""
    r"""\s*$"""
)
_STARTS_SENTENCE = re.compile(r"""\s*["'“‘(\[]*[A-Z0-9À-ÖØ-Þ]""")
_WRAP_WIDTH = 100  # longest line of a paragraph that may be hard-wrapped

_LOWER_START = re.compile(r"""["'“‘(\[]*[a-zß-öø-ÿ][a-zß-öø-ÿ'’-]*\b""")
_LAST_WORD = re.compile(r"\b([^\W\d_]+)\.\s*$")
_INITIAL = re.compile(r"[A-Z]")
_LIST_NUMBER = re.compile(r"\s*\(?\d{1,3}[.)]\s*")
_HAS_WORD = re.compile(r"[^\W_]")
_INITIAL_START = re.compile(r"[A-Z]\.\s")
_GLUED = re.compile(r"""(?<=\w)[.!?]+(["”’)\]]*)(?=[A-Z][a-z])""")
_ELLIPSIS = re.compile(r"""(?<=\S)(?:\.{3}|…)["”’)\]]*(?=\s+["“‘(]?[A-Z])""")
_ADDRESS_END = re.compile(
    r"""(?:https?://|www\.|[\w.+-]+@[\w-]+\.)\S*?[.](?=\s+["“‘(]?[A-Z0-9])"""
)
_ADDRESS = re.compile(r"https?://|www\.|@|\.(?:com|org|net|gov|edu|int|co|uk|io)\b", re.I)
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")


@cache
def parameters() -> PunktParameters:
    """The shipped Punkt parameters, read once per process."""
    return _load()[0]


@cache
def name_titles() -> frozenset[str]:
    """Titles and ranks that stand before a name ("gen", "sgt"), lower case, no period."""
    return _load()[1]


@cache
def _load() -> tuple[PunktParameters, frozenset[str]]:
    from nltk.tokenize.punkt import PunktParameters

    resource = shipped("models", PARAMETERS)
    try:
        data = json.loads(resource.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"can't read the sentence splitter's parameters {PARAMETERS} ({exc}); "
            "reinstall briefing or run scripts/train_punkt.py"
        ) from exc
    if data.get("format") != FORMAT:
        raise ModelError(f"{PARAMETERS} is not in the {FORMAT} format; run scripts/train_punkt.py")
    params = PunktParameters()
    params.abbrev_types = set(data["abbrev_types"])
    params.collocations = {(first, second) for first, second in data["collocations"]}
    params.sent_starters = set(data["sent_starters"])
    params.ortho_context = defaultdict(int, data["ortho_context"])
    return params, frozenset(data["name_titles"])


@cache
def _punkt() -> PunktSentenceTokenizer:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer(parameters())


def split_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of `text`, in order, stripped of white space."""
    spans: list[tuple[int, int]] = []
    for start, body, end in _blocks(text):
        spans.extend(_split_block(text, start, body, end))
    return spans


def split(article: Article) -> list[Sentence]:
    return [
        Sentence(article.text[start:end], article.id, i, start, end)
        for i, (start, end) in enumerate(split_spans(article.text))
    ]


# --- Blocks: stretches of text that no sentence crosses ------------------------------------------


def _blocks(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, body, end) of each paragraph, headline or list item.

    Punkt reads `text[body:end]`; `start` < `body` when a list number belongs to the first
    sentence.
    """
    if "\n" not in text:
        if text.strip():
            yield _open_block(text, 0, len(text))
        return
    paragraph: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            paragraph.append((start, end))
        elif paragraph:
            yield from _paragraph_blocks(text, paragraph)
            paragraph = []
        start = end + 1
    if paragraph:
        yield from _paragraph_blocks(text, paragraph)


def _paragraph_blocks(text: str, lines: list[tuple[int, int]]) -> Iterator[tuple[int, int, int]]:
    width = max(end - start for start, end in lines)
    wrapped = width <= _WRAP_WIDTH and len(lines) > 2
    block_start, block_end = lines[0]
    for (prev_start, prev_end), (start, end) in zip(lines, lines[1:], strict=False):
        if _item_start(text, start, end) or (
            not _CONTINUES.search(text, prev_start, prev_end)
            and _STARTS_SENTENCE.match(text, start, end)
            and not (wrapped and prev_end - prev_start >= 0.75 * width)
        ):
            yield _open_block(text, block_start, block_end)
            block_start = start
        block_end = end
    yield _open_block(text, block_start, block_end)


def _item_start(text: str, start: int, end: int) -> bool:
    return bool(_BULLET.match(text, start, end) or _NUMBERED.match(text, start, end))


def _open_block(text: str, start: int, end: int) -> tuple[int, int, int]:
    """Leave a bullet out of the block, and a list number out of what Punkt reads."""
    bullet = _BULLET.match(text, start, end)
    if bullet:
        return bullet.end(), bullet.end(), end
    number = _NUMBERED.match(text, start, end)
    if number:
        return start, number.end(), end
    return start, start, end


# --- Sentences within a block --------------------------------------------------------------------


def _split_block(text: str, start: int, body: int, end: int) -> list[tuple[int, int]]:
    block = text[body:end]
    spans = _join_false_breaks(block, list(_punkt().span_tokenize(block)))
    if not spans:
        return []
    forced = list(_forced_breaks(block))
    if forced:
        spans = _cut(spans, forced)
    result = []
    for i, (s, e) in enumerate(spans):
        s, e = _strip(text, body + s, body + e)
        if i == 0 and start < body:
            s = start + len(text[start:body]) - len(text[start:body].lstrip())
        if s < e:
            result.append((s, e))
    return result


def _join_false_breaks(block: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a span to the one before when Punkt's break can't be a sentence boundary.

    Rules "lower-case start", "titles", "initials", and "list items" (an inline "6." belongs to
    the sentence after it); a span of nothing but closing quotes joins the one before.
    """
    cased = block.lower() != block  # an all-lower-case text says nothing by its case
    merged = spans[:1]
    for s, e in spans[1:]:
        start, end = merged[-1]
        last = _LAST_WORD.search(block, max(start, end - 24), end)
        if (
            (cased and _LOWER_START.match(block, s))
            or (last and last.group(1).lower() in name_titles())
            or (last and _INITIAL.fullmatch(last.group(1)) and _INITIAL_START.match(block, s))
            or _LIST_NUMBER.fullmatch(block, start, end)
            or not _HAS_WORD.search(block, s, e)
        ):
            merged[-1] = (start, e)
        else:
            merged.append((s, e))
    return merged


def _forced_breaks(block: str) -> Iterator[tuple[int, int, int]]:
    """Where a sentence must start although Punkt saw no break (glued, ellipsis, address).

    Each break comes as (position, lo, hi): no other break may fall in lo < position <= hi.
    """
    if "." in block or "?" in block or "!" in block:
        for match in _GLUED.finditer(block):
            if _is_glued_sentence(block, match):
                quote = match.group(1)
                at = match.end()
                if quote.startswith('"') and block.count('"', 0, match.start()) % 2 == 0:
                    at -= len(quote)  # the quote opens the next sentence
                yield at, match.start(), match.end()
    if "…" in block or "..." in block:
        for match in _ELLIPSIS.finditer(block):
            yield match.end(), match.start(), match.end()
    if "@" in block or "//" in block or "www." in block:
        for match in _ADDRESS_END.finditer(block):
            yield match.end(), match.end() - 1, match.end()


def _is_glued_sentence(block: str, match: re.Match[str]) -> bool:
    token_start = max(block.rfind(" ", 0, match.start()), block.rfind("\n", 0, match.start())) + 1
    token_end = match.end()
    while token_end < len(block) and not block[token_end].isspace():
        token_end += 1
    if _ADDRESS.search(block, token_start, token_end):
        return False
    word = _WORD_BEFORE.search(block, token_start, match.start())
    if word is None:
        return True  # a number: "in 2019.The"
    letters = word.group()
    camel_case = letters[1:] != letters[1:].lower() and not letters.isupper()
    dotted = word.start() > 0 and block[word.start() - 1] == "."  # "Ph.D", "U.S"
    return (
        len(letters) > 1
        and not camel_case
        and not dotted
        and letters.lower() not in parameters().abbrev_types
    )


def _cut(spans: list[tuple[int, int]], forced: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Add the forced breaks to Punkt's, dropping Punkt's where a forced break overrules it."""
    breaks = {s for s, _ in spans[1:]}
    for _, lo, hi in forced:
        breaks = {b for b in breaks if not lo < b <= hi}
    breaks |= {at for at, _, _ in forced if spans[0][0] < at < spans[-1][1]}
    edges = [spans[0][0], *sorted(breaks), spans[-1][1]]
    return list(zip(edges, edges[1:], strict=False))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

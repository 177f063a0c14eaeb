"""Split article text into sentences with NLTK's Punkt and the parameters the project ships.

    split_spans(text) -> [(start, end), ...]
    split(article) -> [Sentence, ...]      article.text[s.start:s.end] == s.text

Punkt decides the hard cases inside running text ("Gen. Mark Milley", "by the U.S. The E.U.")
with parameters trained on news by `scripts/train_punkt.py` (`models/punkt-news.json`). Around
it, a few named rules cover what Punkt can't see because it reads text as one stream of words:

    paragraphs       a blank line always ends a sentence
    headlines        a line break after a line without final punctuation ends it too
                     (unless the text is hard-wrapped and the line runs to the wrap width)
    list items       a line starting with a bullet or "1." / "2)" / "1.)" / "(a)" / "a." starts
                     a new sentence; bullet symbols are left out of the sentence, numbers and
                     letters are kept, and a marker is neither glued to the sentence before nor a
                     sentence by itself. Within a line, a bullet that can only be a bullet ("•",
                     "⁃") starts an item, so does a "-", "*" or dash right after a colon that
                     comes back later ("Options: – sell – wait"), and so does each marker of a
                     run "1) ... 2) ...", "a. ... b. ...", "i. ... ii. ..." or "Step 1: ... Step
                     2: ..." that starts after a colon or a sentence end; a run-in list ("1) cut
                     taxes, 2) raise spending") stays one sentence, not cut after its markers
    lower-case start a sentence never starts with a lower-case word: '"Why?" he asked.',
                     nor with the closing quote of the sentence before
    titles           a sentence never ends with a title or rank: "Sgt. First Class Mike Ortiz",
                     nor with "v.", "cf." or "pp." ("Brown v. Board")
    initials         nor between two initials: "E. M. Forster"
    abbreviation     an abbreviation ends a sentence before "Mr.", "Mrs.", "Dr." ("in Washington,
      and title      D.C. Mr. Bush said"), a time before a title, rank or office ("at 6 P.M.
                     Gen. Ruiz", "at 5 p.m. President Ruiz"), a place before a rank ("flew back
                     to the U.S. Gen. Ruiz stayed"); not after a short opening phrase ("At 5 a.m.
                     Mr. Smith went"), nor "U.S. Gen. Mark Milley", "U.S. Army", "D.C. police"
    abbreviation     a common word with a capital, then a lower-case word, starts a sentence
      and word       after a company suffix, a state or a street ("Acme Inc. Shares fell",
                     "Fresno, Calif. Police said", "Downing St. Police said"; not "St. Louis"),
                     after a time unless the word goes with times ("5 p.m. Police said", not
                     "9 a.m. Eastern time"), after a place in running text if the word is never
                     capitalised inside a sentence ("in the U.S. Officials said", not "the U.S.
                     Army said" nor "U.S. officials"); not after a short opening phrase
    glued sentences  "community.Dr Venter" is split after the period, unless the word before it
                     is an abbreviation, an initial or CamelCase ("SciDev.Net"), or the whole
                     thing is a URL or e-mail address
    ellipses         "...", "…" or ". . ." is never split into pieces, and a lower-case word
                     after one continues the sentence. After "word..." a capitalised word starts
                     a new one; after an ellipsis that stands apart too, unless Punkt's
                     parameters know the word as a name and either the ellipsis comes after a
                     word like "the" ("the ... Supreme Court") or no lower-case word follows the
                     name ("went out … Police arrived" ends), or it is an acronym; "I" never
                     does after ". . ." ("the thing is . . . I didn't mean it")
    citations        a quotation's citation stays with it: '"It is over." (Reuters) Talks ...',
                     '"... stairways [...]" (Smith 55).', '"Stop." [AP]', '"No." (Applause.)',
                     and no sentence ends inside a parenthesis that doesn't end like a sentence
                     ("(Vienna Convention, art. 26)")
    URLs and e-mail  "at https://example.org/a.htm. It runs" ends after the address

Closing quotes and brackets after the final punctuation stay with their sentence (Punkt). Every
span indexes the given text exactly and is stripped of surrounding white space.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
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

# Symbols that can only be bullets; "-", "*", "·" and dashes are bullets only at a line start.
_BULLET_SYMBOLS = "•⁃▪◦‣●○■□►▸▹➢➤✓✔◆◇♦"
_BULLET = re.compile(rf"[ \t]*(?:[-*·–—][ \t]+|[{_BULLET_SYMBOLS}][ \t]*)(?=\S)")
# A list marker: "1." "1)" "1.)" "(1)" "a." "a)" "a.)" "(a)" "A)" "(A)"; at a line start also "(iv)"
# and "iv."; there a letter other than "a" with a period ("b.", "B.") only after an item or a colon.
_MARKER = r"(?:\(?(?:\d{1,3}|[a-zA-Z]|[ivx]{2,4})\)|(?:\d{1,3}|[a-z]|[ivx]{2,4})\.\)?)"
_STEP = r"(?:Step|STEP|Stage|Phase|Part) \d{1,2}[:.)]"  # "Step 1:" is a marker within a line
_NUMBERED = re.compile(
    r"[ \t]*(?:\(?\d{1,3}\.?\)|\d{1,3}\.|\(?[a-zA-Z]\)|a\.\)?|\(?[ivx]{2,4}[.)])[ \t]+(?=\S)"
)
_LETTERED = re.compile(r"[ \t]*[a-zA-Z]\.\)?[ \t]+(?=\S)")
_LIST_NUMBER = re.compile(rf"\s*(?:{_MARKER}|[A-Z]\.\)?)\s*")
_INLINE_ITEM = re.compile(rf"(?<!\S)({_MARKER}|{_STEP})[ \t]+(?=\S)")
_INLINE_BULLET = re.compile(rf"[{_BULLET_SYMBOLS}][ \t]*(?:{_MARKER}[ \t]+)?(?=\S)")
_HAS_BULLET = re.compile(f"[{_BULLET_SYMBOLS}]")
# After a colon, "-", "*" or a dash that comes back later in the text is a bullet too.
_COLON_BULLET = re.compile(r":[ \t]+([-*–—])[ \t]+(?=\S)")
_DASH_BULLET = re.compile(r"[-*–—][ \t]+(?=\S)")
_DASHES = frozenset("-*–—")
_ROMAN = {
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
    "xi": 11, "xii": 12,
}
_SECOND_ITEM = re.compile(r"[2bBi][.):]")  # "2.", "b)", "ii.", "Step 2:"
_RUN_IN = re.compile(r"(?:[,;]|\b(?:and|or))\s*$")
_LIST_OPENER = re.compile(r"""(?:[:.!?]["'”’)\]]*)\s*$""")
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
_HAS_WORD = re.compile(r"[^\W_]")
_INITIAL_START = re.compile(r"[A-Z]\.\s")
_GLUED = re.compile(r"""(?<=\w)[.!?]+(["”’)\]]*)(?=[A-Z][a-z])""")
_ELLIPSIS = re.compile(r"""(?:\.{3,}|…|\.(?:[ \xa0]\.){2,})["”’)\]]*""")
_AFTER_ELLIPSIS = re.compile(r"""\s+["“‘(\[]?([A-Z][\w'’-]*)""")
_OPENS_SENTENCE = frozenset(".!?…:“‘([")
_ORTHO_MID_UPPER = 0b100  # Punkt's ortho_context flag: seen capitalised inside a sentence
_ORTHO_LOWER = 0b1110000  # Punkt's ortho_context flags: seen in lower case anywhere
_ADDRESS_END = re.compile(
    r"""(?:https?://|www\.|[\w.+-]+@[\w-]+\.)\S*?[.](?=\s+["“‘(]?[A-Z0-9])"""
)
_ADDRESS = re.compile(r"https?://|www\.|@|\.(?:com|org|net|gov|edu|int|co|uk|io)\b", re.I)
# "Mr." or "Gen." after an abbreviation's period, and a time ("6 P.M.") before a capitalised word.
_TITLE_AFTER = re.compile(
    r"""\.["”’)\]]*[ \t\n]+(?=(?:Mr|Mrs|Ms|Messrs|Mmes|Mme|Mlle|Dr|Prof)\b|([A-Z][a-z]{1,4})\.\s)"""
)
_DOTTED_PLACE = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s", "d.c"; a time never gets here
_PLACE_BEFORE = re.compile(
    r"\b(?:in|to|from|into|across|throughout|around|outside|inside|within|at|for) the $", re.I
)
# A period after a short word, then a capitalised word and a lower-case one: "Inc. Shares fell";
# and the abbreviation before the period.
_PERIOD_BEFORE_WORD = re.compile(
    r"""\.(?<=[A-Za-z]\.)(?<![A-Za-z]{6}\.)["”’)\]]*[ \t\n]+(?=([A-Z][a-z'’-]*)[ \t]+[a-z])"""
)
_ABBREVIATION = re.compile(r"""["'“‘(\[]*((?:[A-Za-z]\.)+[A-Za-z]|[A-Za-z]{2,5})""")
# Abbreviations that end a name, so a common word after one starts a sentence even where it is
# sometimes capitalised in a name ("Acme Inc. Police said", "Fresno, Calif. Police said").
_NAME_ENDINGS = frozenset(
    "inc corp ltd llc plc co bros ala ariz ark calif colo conn fla ga kan ky md mich minn mont neb "
    "nev okla ore pa tenn tex va vt wis wyo".split()
)
_STREETS = frozenset("st ave blvd rd".split())  # "Downing St. Police"; "St. Louis" is a saint
_TIMES = ("a.m", "p.m")
_TIME_BEFORE = re.compile(r"""\d[ \t]?[AaPp]\.[Mm]\.["”’)\]]*[ \t\n]+(?=([A-Z][a-z]*)\b)""")
_OFFICES = frozenset(
    "president premier chancellor senator governor mayor secretary minister judge justice "
    "king queen pope prince princess chairman chairwoman sheriff ambassador".split()
)
# Abbreviations that stand before what follows them, so "Mr." after one is no new sentence.
_LEADING_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vs v e.g i.e cf viz approx ca c "
    "st mt ft fig figs p pp vol ch sec art para op ed eds al".split()
)
# Abbreviations that always stand before more of their sentence ("Brown v. Board"); not "V."
_NEVER_ENDS = frozenset("v vs cf viz pp fig figs vol approx".split())
# A sentence opening with a short phrase like this goes on after the time: "At 5 a.m. Mr. ..."
_OPENING_PHRASE = re.compile(
    r"""["'“‘(\[]*(?:at|by|in|on|until|till|before|after|around|about|from|since|shortly|early|"""
    r"""late|just|starting|beginning|between|during|near|outside|inside|across|throughout|"""
    r"""for|within|under|over)\b""",
    re.I,
)
_OPENING_WORDS = 6
_QUOTE_CITATION = re.compile(
    r"""[.!?…\]](["'”’]+)[ \t]+"""
    r"""(?:\(((?:[^()\n]|\([^()\n]{0,10}\)){1,80})\)|\[([^\[\]\n]{1,80})\])(\.?)"""
)
_CITATION_WORDS = 6
_QUOTE_BEFORE_BRACKET = re.compile(r"""["'”’][ \t]+[(\[]""")
_CITATION_TERMS = frozenset(
    "et al al. p p. pp pp. ibid ibid. and ed ed. eds eds. n.d. cf cf. see emphasis added original "
    "in of sic laughter applause trans trans. qtd qtd. vol vol. ch ch. para para. op op. cit cit. "
    "at ff ff. f. no no. s. v v. vs vs. by from quoted cited translated art art. sec sec. section "
    "chap chap. n n. fn fn. note col col. the with to interview author statement speech letter "
    "report remarks transcript inaudible crosstalk cheers unintelligible".split()
)
_CITATION_ABBREVIATION_END = re.compile(r"(?:\bal|\bibid|\bed|\beds|\bn\.d|\bcit|\bff)\.$")
_PARENTHESIS = re.compile(r"\((?:[^()\n]|\([^()\n]{0,10}\)){1,60}\)")
_SENTENCE_IN_BRACKETS = re.compile(r"""[.!?]["'”’]*\)$""")
_NEXT_START = re.compile(r"""\s+(?=["“‘(\[]?[A-Z0-9À-ÖØ-Þ])""")
_NEXT_WORD = re.compile(r"""\s*["“‘(\[]?""")
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
# Words a sentence doesn't end with: before an ellipsis, the text goes on ("the ... Supreme Court").
_GOES_ON = frozenset(
    "the a an of to in on at by for from with into onto upon about over under between among "
    "through and or but nor that which who whose whom his her its their our my your this these "
    "those as than".split()
)


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
    in_list = block_lettered = False
    for (prev_start, prev_end), (start, end) in zip(lines, lines[1:], strict=False):
        in_list = in_list or _item_start(text, prev_start, prev_end, lettered=False)
        lettered = in_list or text[prev_start:prev_end].rstrip().endswith(":")
        if _item_start(text, start, end, lettered) or (
            not _CONTINUES.search(text, prev_start, prev_end)
            and _STARTS_SENTENCE.match(text, start, end)
            and not (wrapped and prev_end - prev_start >= 0.75 * width)
        ):
            yield _open_block(text, block_start, block_end, block_lettered)
            block_start, block_lettered = start, lettered
        block_end = end
    yield _open_block(text, block_start, block_end, block_lettered)


def _item_start(text: str, start: int, end: int, lettered: bool) -> bool:
    """Whether a line starts a list item; "b." and "B." count only where `lettered`."""
    return bool(
        _BULLET.match(text, start, end)
        or _NUMBERED.match(text, start, end)
        or (lettered and _LETTERED.match(text, start, end))
    )


def _open_block(text: str, start: int, end: int, lettered: bool = False) -> tuple[int, int, int]:
    """Leave a bullet out of the block, and a list number or letter out of what Punkt reads."""
    bullet = _BULLET.match(text, start, end)
    if bullet:
        start = bullet.end()
    number = _NUMBERED.match(text, start, end) or (lettered and _LETTERED.match(text, start, end))
    return start, number.end() if number else start, end


# --- Sentences within a block --------------------------------------------------------------------


def _split_block(text: str, start: int, body: int, end: int) -> list[tuple[int, int]]:
    block = text[body:end]
    spans = _join_false_breaks(block, list(_punkt().span_tokenize(block)))
    if not spans:
        return []
    forced = list(_forced_breaks(block, spans, text[start:body]))
    if forced:
        spans = _cut(spans, forced)
    dash_items = (
        {body + at for at, _, _ in forced if at is not None and block[at : at + 1] in _DASHES}
        if forced and ":" in block else ()
    )
    result = []
    for i, (s, e) in enumerate(spans):
        s, e = _strip(text, body + s, body + e)
        if i == 0 and start < body:
            s = start + len(text[start:body]) - len(text[start:body].lstrip())
        while s < e and text[s] in _BULLET_SYMBOLS:  # an item that starts within a line
            s, e = _strip(text, s + 1, e)
        if s in dash_items and _DASH_BULLET.match(text, s, e):  # "The union wants: - a raise"
            s, e = _strip(text, s + 1, e)
        if s < e:
            result.append((s, e))
    return result


def _join_false_breaks(block: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a span to the one before when Punkt's break can't be a sentence boundary.

    Rules "lower-case start", "titles" (and "v.", "cf.", "pp.": "Brown v. Board"), "initials",
    and "list items" (an inline "6." or "b."
    belongs to the sentence after it); a span of nothing but closing quotes joins the one before.
    """
    cased = block.lower() != block  # an all-lower-case text says nothing by its case
    merged = spans[:1]
    for s, e in spans[1:]:
        start, end = merged[-1]
        last = _LAST_WORD.search(block, max(start, end - 24), end)
        if (
            (cased and _LOWER_START.match(block, s))
            or (last and last.group(1).lower() in name_titles())
            or (last and last.group(1).lower() in _NEVER_ENDS and last.group(1) != "V")
            or (last and _INITIAL.fullmatch(last.group(1)) and _INITIAL_START.match(block, s))
            or _LIST_NUMBER.fullmatch(block, start, end)
            or not _HAS_WORD.search(block, s, e)
        ):
            merged[-1] = (start, e)
        else:
            merged.append((s, e))
    return merged


Break = tuple[int | None, int, int]


def _forced_breaks(block: str, spans: list[tuple[int, int]], lead: str) -> Iterator[Break]:
    """Where a sentence must start although Punkt saw no break, or must not start although it did.

    Each comes as (position, lo, hi): no break may fall in lo < break <= hi, then one falls at
    position (None: none). Later ones overrule earlier ones. `lead` is the list number or letter
    that opens the block, if any.
    """
    if "." in block or "?" in block or "!" in block:
        for match in _GLUED.finditer(block):
            if _is_glued_sentence(block, match):
                quote = match.group(1)
                at = match.end()
                if quote.startswith('"') and block.count('"', 0, match.start()) % 2 == 0:
                    at -= len(quote)  # the quote opens the next sentence
                yield at, match.start(), match.end()
    if "…" in block or "..." in block or ". ." in block:
        yield from _ellipsis_breaks(block)
    if "@" in block or "//" in block or "www." in block:
        for match in _ADDRESS_END.finditer(block):
            yield match.end(), match.end() - 1, match.end()
    if lead or _has_second_item(block):
        yield from _item_breaks(block, lead)
    if not block.isascii() and _HAS_BULLET.search(block):
        for match in _INLINE_BULLET.finditer(block):
            yield match.start(), match.start(), match.end()
    if ":" in block:
        yield from _colon_bullet_breaks(block, spans)
    yield from _title_breaks(block, spans)
    if ". " in block or ".\n" in block:
        yield from _abbreviation_breaks(block, spans)
    if "(" in block and len(spans) > 1:
        for match in _PARENTHESIS.finditer(block):
            if not _SENTENCE_IN_BRACKETS.search(match.group()):
                yield None, match.start(), match.end() - 1  # "(Vienna Convention, art. 26)"
    if ("(" in block or "[" in block) and _QUOTE_BEFORE_BRACKET.search(block):
        for match in _QUOTE_CITATION.finditer(block):
            opening = match.group(1)[0] == '"' and block.count('"', 0, match.start()) % 2 == 0
            if not opening and _is_citation(match.group(2) or match.group(3)):
                after = _NEXT_START.match(block, match.end())
                yield after.end() if after else None, match.start(), match.end()


def _ellipsis_breaks(block: str) -> Iterator[Break]:
    """Rule "ellipses": never a break inside one, nor after one before a lower-case word.

    After "word..." or "word…" a capitalised word starts a sentence. After one that stands apart
    it does unless Punkt's parameters know it as a name ("over … The crowd", "lights went out …
    Rescuers came"; not "the ... Supreme Court"), and "I" never does after ". . ." ("the thing is
    . . . I didn't mean it").
    """
    for match in _ELLIPSIS.finditer(block):
        start, end = match.span()
        before = start - 1
        while before >= 0 and block[before].isspace():
            before -= 1
        if before < 0 or block[before] in _OPENS_SENTENCE:
            yield None, start, end - 1  # it opens the sentence
            continue
        next_word = _NEXT_WORD.match(block, end)
        word = next_word.end() if next_word else end  # where the word after it starts
        after = _AFTER_ELLIPSIS.match(block, end)
        spaced_i = bool(after and after.group(1) == "I" and " " in match.group())
        if after and not spaced_i and (
            before == start - 1
            or _is_sentence_starter(after.group(1))
            or _ends_sentence_before(block, before, after)
        ):
            yield end, start, end
        elif spaced_i or (word > end and _LOWER_START.match(block, word)):
            yield None, start, word  # ". . . I didn't", "... and waited"
        else:
            yield None, start, end - 1


def _ends_sentence_before(block: str, before: int, after: re.Match[str]) -> bool:
    """Whether a capitalised word after an ellipsis that stands apart starts a sentence although
    it is sometimes capitalised inside one: the word before the ellipsis can end a sentence and
    a lower-case word follows ("the lights went out … Police arrived", not "the … Supreme Court").
    """
    word = _WORD_BEFORE.search(block, max(0, before - 24), before + 1)
    if word is None or word.group().lower() in _GOES_ON or after.group(1).isupper():
        return False  # "the … Supreme Court", "an overdose ... TMZ has learned"
    following = after.end()
    return following + 1 < len(block) and block[following] == " " and block[following + 1].islower()


def _is_sentence_starter(word: str) -> bool:
    """Whether a capitalised word may start a sentence: Punkt's parameters know it as a sentence
    starter ("The"), or never saw it capitalised inside a sentence ("Then"; not "Supreme")."""
    typ = word.lower()
    if typ in parameters().sent_starters:
        return True
    return not parameters().ortho_context.get(typ, 0) & _ORTHO_MID_UPPER


def _has_second_item(block: str) -> bool:
    """Whether the block holds a "2.", "b)", "ii." or "2:" after a space: a run of items has one."""
    for match in _SECOND_ITEM.finditer(block):
        at = match.start()
        if block[at] == "i":  # "ii." and "ii)", not "Hawaii."
            if block[at + 1] == ":" or block[at - 1 : at] != "i":
                continue
            at -= 1
        elif block[at + 1] == ":" and block[at] != "2":
            continue
        if at == 0 or block[at - 1] in " \t\n(":
            return True
    return False


def _item_breaks(block: str, lead: str) -> Iterator[Break]:
    """Rule "list items" within a line: each marker of a run "1) ... 2) ..." starts an item.

    Markers are numbers, letters, roman numerals ("i." "ii.") or steps ("Step 1:"). A run starts
    with the block or after a colon or a sentence end; a run-in list ("1) cut taxes, 2) raise
    spending", "them: 1. Ana, 2. Ben") stays one sentence, and no sentence ends on its markers.
    """
    runs: list[list[re.Match[str] | None]] = []
    last: dict[tuple[str, str, str], tuple[int, list[re.Match[str] | None]]] = {}
    if lead.strip():
        key, value = _marker(lead.strip())[0]
        runs.append([None])
        last[key] = value, runs[-1]
    for match in _INLINE_ITEM.finditer(block):
        readings = _marker(match.group(1))  # "i." is the letter after "h." or the first numeral
        for key, value in readings:
            before = last.get(key)
            if before and value == before[0] + 1:
                before[1].append(match)
                last[key] = value, before[1]
                break
        else:
            for key, value in readings:
                if value == 1 and _opens_list(block, match.start()):
                    runs.append([match])
                    last[key] = value, runs[-1]
                    break
    for run in runs:
        if len(run) < 2:
            continue
        run_in = any(
            _RUN_IN.search(block, max(0, item.start() - 6), item.start())
            for item in run[1:]
            if item is not None
        )
        for item in run:
            if item is not None:
                yield None if run_in else item.start(), item.start(), item.end()


def _opens_list(block: str, at: int) -> bool:
    """Whether a list may start at `at`: at the block's start, after a colon or a sentence."""
    opener = _LIST_OPENER.search(block, max(0, at - 8), at)
    if at and not opener:
        return False
    if block.rfind("(", max(0, at - 40), at) > block.rfind(")", max(0, at - 40), at):
        return False  # "(Jan. 1)"
    word = _LAST_WORD.search(block, max(0, at - 24), at)
    return not (word and word.group(1).lower() in parameters().abbrev_types)


def _marker(marker: str) -> list[tuple[tuple[str, str, str], int]]:
    """A list marker's readings, each its style ("(", ")", "digit") and value: "(b)" -> 2,
    "3.)" -> 3, "Step 2:" -> 2; "i." reads as the ninth letter and as the first numeral."""
    if " " in marker:  # "Step 2:"
        return [(("", marker[-1], marker.split()[0].lower()), int(marker.split()[1][:-1]))]
    opening = "(" if marker.startswith("(") else ""
    core = marker.lstrip("(").rstrip(".)")
    closing = marker[len(opening) + len(core):]
    if core.isdigit():
        return [((opening, closing, "digit"), int(core))]
    roman = ((opening, closing, "roman"), _ROMAN.get(core, 0))
    if len(core) > 1:  # "ii", "iv"
        return [roman]
    kind = "upper" if core.isupper() else "lower"
    letter = ((opening, closing, kind), ord(core.lower()) - ord("a") + 1)
    return [letter, roman] if core in _ROMAN else [letter]


def _title_breaks(block: str, spans: list[tuple[int, int]]) -> Iterator[Break]:
    """Rule "abbreviation and title": "at 6 P.M. Mr. Smith", "to the U.K. Dr. Patel".

    "Mr." and the like after any abbreviation but a title, an initial or one that stands before
    what follows ("Jan.", "No."); a rank after a place ("to the U.S. Gen. Ruiz", not "of U.S.
    Gen. Mark Milley"); a rank or office after a time ("at 5 p.m. President Ruiz").
    """
    for match in _TITLE_AFTER.finditer(block):
        rank = match.group(1)
        if rank is not None and rank.lower() not in name_titles():
            continue
        token_start = max(block.rfind(" ", 0, match.start()),
                          block.rfind("\n", 0, match.start())) + 1
        word = block[token_start:match.start()].lstrip("\"'“‘([").lower()
        if rank is not None and not (
            _DOTTED_PLACE.fullmatch(word)
            and _PLACE_BEFORE.search(block, max(0, token_start - 16), token_start)
        ):
            continue
        if (
            len(word) > 1
            and word not in name_titles()
            and word not in _LEADING_ABBREVIATIONS
            and not _after_opening_phrase(block, spans, token_start)
        ):
            yield match.end(), match.end(), match.end()
    if ".m." in block or ".M." in block:
        for match in _TIME_BEFORE.finditer(block):
            word = match.group(1).lower()
            if (word in name_titles() or word in _OFFICES) and not _after_opening_phrase(
                block, spans, match.start()
            ):
                yield match.end(), match.end(), match.end()


def _abbreviation_breaks(block: str, spans: list[tuple[int, int]]) -> Iterator[Break]:
    """Rule "abbreviation before a word": "in the U.S. Officials said", "Acme Inc. Shares fell".

    After an abbreviation, a capitalised word that is often written in lower case, followed by a
    lower-case word, starts a sentence where Punkt saw none: always after a company suffix, a
    state or a street ("Downing St. Police said"); after a time unless the word goes with times
    ("5 p.m. Local time"); after any other abbreviation in running text where the word is never
    capitalised inside a sentence ("in the U.S. Officials said", not "the U.S. Army said"). Not
    after a title, "Jan." or "No.", nor "St." before a name ("St. Louis"), nor after a short
    opening phrase ("At 5 a.m. Police").
    """
    params = parameters()
    starts = {s for s, _ in spans}
    for match in _PERIOD_BEFORE_WORD.finditer(block):
        at = match.end()
        if at in starts:
            continue
        token_start = max(block.rfind(" ", 0, match.start()),
                          block.rfind("\n", 0, match.start())) + 1
        token = _ABBREVIATION.fullmatch(block, token_start, match.start())
        if token is None:
            continue
        abbreviation, word = token.group(1).lower(), match.group(1).lower()
        ortho = params.ortho_context.get(word, 0)
        if (
            not ortho & _ORTHO_LOWER
            or abbreviation in name_titles()
            or (abbreviation not in params.abbrev_types and "." not in abbreviation)
        ):
            continue
        start = token.start(1)
        if abbreviation in _TIMES:
            ends = not any((time, word) in params.collocations for time in _TIMES)
        elif abbreviation in _STREETS:  # "Downing St.", "5th Ave."; not "in St. Louis"
            before = block[max(0, token_start - 24):token_start].split()
            ends = (bool(before) and (before[-1][0].isupper() or before[-1][0].isdigit())
                    and before[-1].lower() != "wall")  # "Wall St. Journal": a name goes on
        elif abbreviation in _NAME_ENDINGS:
            ends = True
        else:
            before = block[max(0, token_start - 24):token_start].split()
            ends = (
                abbreviation not in _LEADING_ABBREVIATIONS
                and not ortho & _ORTHO_MID_UPPER
                and bool(before) and before[-1].islower()  # in prose, not a headline
            )
        if ends and not _after_opening_phrase(block, spans, start):
            yield at, at, at


def _colon_bullet_breaks(block: str, spans: list[tuple[int, int]]) -> Iterator[Break]:
    """Rule "list items": "Two options: – sell the stake – keep it", "Agenda: * budget * staff".

    A "-", "*" or dash right after a colon starts an item when the same symbol comes back, with
    a space either side, before the sentence ends or at the start of the next one.
    """
    starts = {s for s, _ in spans}
    for match in _COLON_BULLET.finditer(block):
        symbol = match.group(1)
        items = [match.start(1)]
        at = block.find(f" {symbol} ", match.end())
        while at >= 0:
            ended = any(items[-1] < s <= at for s in starts)
            if ended and at + 1 not in starts:
                break
            items.append(at + 1)
            at = block.find(f" {symbol} ", at + 2)
        if len(items) > 1:
            for item in items:
                yield item, item, item + 1


def _after_opening_phrase(block: str, spans: list[tuple[int, int]], at: int) -> bool:
    """Whether the sentence around `at` so far is a short opening phrase: "At 5 a.m."."""
    i = bisect_right(spans, (at, len(block))) - 1
    start = spans[max(i, 0)][0]
    return bool(
        _OPENING_PHRASE.match(block, start)
        and len(block[start:at].split()) <= _OPENING_WORDS
    )


def _is_citation(inside: str) -> bool:
    """Whether a parenthesis reads as a citation: "Reuters", "Smith, 2019", "p. 12"."""
    words = inside.split()
    if not words or len(words) > _CITATION_WORDS:
        return False
    body = inside.rstrip()
    if body[-1] in "!?":
        return False  # a sentence in brackets
    if body[-1] == "." and not _CITATION_ABBREVIATION_END.search(body):
        if len(words) > 2 and not body[-2].isdigit():
            return False  # a sentence in brackets; not "(Applause.)" or "(Reuters, 2024.)"
        words[-1] = words[-1][:-1] or "."
    return all(
        word[0].isupper() or word[0] in "§." or word[0].isdigit()
        or word.strip(",;:").lower() in _CITATION_TERMS
        for word in words
    )


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


def _cut(spans: list[tuple[int, int]], forced: list[Break]) -> list[tuple[int, int]]:
    """Apply the forced breaks to Punkt's, each dropping the breaks it overrules."""
    breaks = {s for s, _ in spans[1:]}
    first, last = spans[0][0], spans[-1][1]
    for at, lo, hi in forced:
        if lo < hi:
            breaks = {b for b in breaks if not lo < b <= hi}
        if at is not None and first < at < last:
            breaks.add(at)
    edges = [first, *sorted(breaks), last]
    return list(zip(edges, edges[1:], strict=False))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

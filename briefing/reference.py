"""Tell a reference page from a dated report: a fact sheet, an encyclopedia entry, an event's or
an organisation's standing page, a data table.

    reference_page(article) -> str | None   why the article is a reference page, or None
    all_reference(articles) -> bool          a story made only of reference pages?

A wiki-style article often cites such a page beside its news (a state's death-penalty fact
sheet beside a ruling, a submarine class's entry beside an intrusion, last year's conference
page beside a product story). It is real text, so cleaning keeps it, but it tells no one what
happened today: the brief ranks a story made only of such pages after the day's news (its
importance times `REFERENCE_WEIGHT`, in `rank._with_recency`), and never drops it: it stays
among the brief's stories and can still be cited.

A page is a reference page when it does not read as a report and at least two signals of a
reference page agree, one of them about the page itself (a name title, pointers, a table); no
signal decides alone.

Not a report (required): no one speaks in the news ("said", "told", "announced", "confirmed",
...) and no sentence tells news time ("Tuesday", "yesterday", "today", "this week", "last
night"), except one on a page that points elsewhere or carries three signals (an event page's
"recordings were sent to all attendees on Friday 8th November").

Signals of a reference page:

    name title      the title is a bare name with no verb ("Norvale", "Type 52 Corvan",
                    "Harbourline Developer Summit 2019"): every word capitalised, a figure or a
                    small joining word, and none a word the text uses only in lower case. A
                    news site's own name as a title ("The Velmora Courier Online") carries real
                    news too, so a title alone is never enough.
    fact lines      three or more distinct "Label: value" fields ("Capital City: Port Ellis",
                    "Year Admitted: 1889")
    pointers        a line that sends the reader elsewhere: "See ...", "References", "click
                    here", "For more information", "Back to ...", a "Home > ..." breadcrumb
    descriptions    two or more sentences telling in the present tense what a thing is ("X is
                    a ...", "The class is armed with ...", "It is one of ...")
    table           mostly figures and few sentence ends: a data table
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from briefing.domain import Article

REFERENCE_WEIGHT = 0.3  # share of its importance a story made only of reference pages keeps

# Someone speaking in the news: the attribution a report is made of.
_SPEECH = re.compile(
    r"\b(?:said|says|told|tells|announced|announces|confirmed|declared|denied|insisted|warned"
    r"|stated|testified|vowed|pledged|urged|spokes(?:man|woman|person))\b",
    re.IGNORECASE,
)
# News time: the day, or the days around it, a report is dated by.
_NEWS_TIME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight"
    r"|this\s+(?:week|morning|afternoon|evening|month)|last\s+(?:week|night|month))\b",
    re.IGNORECASE,
)
# A rough sentence: up to an end mark and a space, or a line's end.
_ROUGH_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+|\n+")
STRONG = 3  # signals that forgive a page one sentence of news time

# Small words a name may carry between its capitalised words ("Friends of the Alder Marsh",
# "Museu dos Descobrimentos", "Grain & Feed").
_JOINING = frozenset(
    """of the and for on in at to a an & de des du da do dos das di del la le les van von y e et
    with from by as into over after up out off our your its his her their""".split()
)
# A title word that makes it a headline, not a name: a verb a headline leads with.
_HEADLINE_VERB = re.compile(
    r"(?i)^(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|says?|said|gets?"
    r"|wins?|won|backs?|faces?|takes?|makes?|calls?|plans?|seeks?|opens?|hits?|sees?|set)$"
)
_TITLE_WORD = re.compile(r"[^\s]+")
_POSSESSIVE = re.compile(r"(?:’s|'s|s’|s')$")
_TEXT_WORD = re.compile(r"[\w'’-]+")
MAX_NAME_WORDS = 8

# A "Label: value" field of a fact sheet: a capitalised label of up to eight words, then a value
# that opens on a capital or a figure ("Yes", "Port Ellis", "1889"): not a quotation ('He said:
# "..."' is a report's), a clause ("the reason was simple: the ...") or a link.
_FIELD = re.compile(
    r"(?<![\w'’])([A-Z][\w'’/-]*(?:\s+[\w'’/&-]+){0,7}):\s+(?!https?:|www\.)[A-Z0-9$£€]")
FACT_LINES = 3

# A line or phrase that sends the reader elsewhere: a reference's pointers and navigation.
_POINTER = re.compile(
    r"(?im)^\s*(?:see\s+(?:also\b|[\"“]|the\s+(?:list|number|table|map)\b)|references\s*$"
    r"|external\s+links\s*$|further\s+reading\s*$|back\s+to\s+(?:main|top|the\s+main|home)\b"
    r"|visit\s+(?:the|our)\b.{0,40}\b(?:site|website|page)\b|send\s+a\s+(?:fax|letter)"
    r"\b)"
    r"|\bHome\s*>\s*\w|\bclick\s+here\b|\bfor\s+(?:more|further)\s+information\b"
    r"|\bmore\s+information\s+about\b",
)
# Telling what a thing is, in the present tense.
_DESCRIPTION = re.compile(
    r"\b(?:is|are)\s+(?:(?:now|currently|also|really)\s+)?(?:an?|the|one\s+of|armed|equipped"
    r"|designed|based|located|known|noted|made\s+up|composed|responsible|limited|used\s+(?:to"
    r"|for|by|in)|available|over)\b",
    re.IGNORECASE,
)
DESCRIPTIONS = 2
_FIGURE = re.compile(r"\d[\d.,/:%-]*")  # a word that is a figure: 12, 4,500, 3/4/2011
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
TABLE_FIGURES = 0.25  # share of a table's words that are figures ...
TABLE_WORDS_PER_END = 40  # ... with fewer sentence ends than one per this many words
SIGNALS = 2
# What the page is, not what it says: a feature's sentences can describe and list facts.
_PAGE_SIGNALS = frozenset({"name title", "pointers", "table"})


def all_reference(articles: Sequence[Article]) -> bool:
    """Is every one of a story's articles a reference page (and there is at least one)?"""
    return bool(articles) and all(reference_page(a) for a in articles)


@functools.lru_cache(maxsize=1 << 12)  # a day's stories are weighed again each round
def reference_page(article: Article) -> str | None:
    """Why the article reads as a reference page rather than a dated report ("a reference
    page, not a report: name title, fact lines"), or None."""
    sentences = [s for s in _ROUGH_SENTENCE.split(article.text) if s.strip()]
    if not sentences or _SPEECH.search(article.text):
        return None
    dated = sum(1 for s in sentences if _NEWS_TIME.search(s))
    if dated > 1:
        return None
    found = signals(article, sentences)
    if len(found) < SIGNALS or not set(found) & _PAGE_SIGNALS:
        return None
    if dated and len(found) < STRONG and "pointers" not in found:
        return None
    return "a reference page, not a report: " + ", ".join(found)


def signals(article: Article, sentences: list[str] | None = None) -> list[str]:
    """The signals of a reference page the article carries (see the module's docstring)."""
    text = article.text
    if sentences is None:
        sentences = [s for s in _ROUGH_SENTENCE.split(text) if s.strip()]
    found = []
    if _name_title(article.title, text):
        found.append("name title")
    if len({m.group(1) for m in _FIELD.finditer(text) if _is_label(m.group(1))}) >= FACT_LINES:
        found.append("fact lines")
    if _POINTER.search(text):
        found.append("pointers")
    if sum(1 for s in sentences if _DESCRIPTION.search(s)) >= DESCRIPTIONS:
        found.append("descriptions")
    if _table(text):
        found.append("table")
    return found


def _name_title(title: str, text: str) -> bool:
    """Is the title a bare name: short, every word capitalised, a figure or a joining word, and
    none of them a headline's verb? A shouted title (a wire's "ACME CORP 1ST QTR NET") is no
    name: wires shout every headline."""
    title = title.strip()
    words = _TITLE_WORD.findall(title)
    if not words or len(words) > MAX_NAME_WORDS or title.isupper() or title[0].islower():
        return False
    if any(c in title for c in ":?!\"“”|,;"):
        return False
    for k, word in enumerate(words):
        bare = _POSSESSIVE.sub("", word.strip("()'’‘\",."))
        if not bare or _HEADLINE_VERB.match(bare):
            return False
        if bare.casefold() in _JOINING:
            if k and bare[0].isupper():  # "Dies At 41", "Turn Out For": a headline's title case
                return False
        elif not (bare[0].isupper() or bare[0].isdigit()):
            return False
        elif bare[0].isupper() and _only_lowercase(bare, text):
            return False
    return True


def _only_lowercase(word: str, text: str) -> bool:
    """Does the text use the word, but only in lower case: a common word a headline put in
    title case ("Warns", "Rises"), not part of a name?"""
    lower = word.casefold()
    if lower == word:
        return False
    used = [w for w in _TEXT_WORD.findall(text) if _POSSESSIVE.sub("", w).casefold() == lower]
    return bool(used) and all(w[0].islower() for w in used)


def _is_label(label: str) -> bool:
    """Is a "Label:" a field's name (every word capitalised or joining), not a clause ("He
    said:", "The reason was simple:")?"""
    words = label.split()
    if label.isupper():  # a shouted heading ("CHECK YOUR HEATING:"), not a field
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.casefold() in _JOINING for w in words)


def _table(text: str) -> bool:
    """Is the text mostly figures with few sentence ends: a data table?"""
    words = text.split()
    if not words:
        return False
    figures = sum(1 for w in words if _FIGURE.match(w))
    ends = len(_SENTENCE_END.findall(text))
    return figures >= TABLE_FIGURES * len(words) and len(words) > TABLE_WORDS_PER_END * (ends + 1)

"""Headlines: every story of the brief is headed by a real one, never by a list of names.

    for_story(ranked_story) -> str     the title that best represents the story, else one written
                                       from its best sentence
    from_sentence(text) -> str         a headline of about 6-14 words written from a sentence:
                                       its main clause, without attribution and dates
    shorten(headline, max_chars) -> str  cut where a clause ends, to fit one line

Titles arrive cleaned (`clean.clean_title`: no "UPDATED:" labels, site names or furniture). Of a
story's titles the one closest to the story's centre wins: the title whose words the story's best
sentences and its other titles share most. A side article's title (a playlist, a gallery) shares
little with the story it was grouped into, so it does not head it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from briefing import rank
from briefing.clean import clean_title
from briefing.domain import RankedStory, ScoredSentence
from briefing.entities.recognizer import ORG_CUES

MIN_WORDS = 6
SHORTEST_WORDS = 4  # a headline cut to fit one line may be this short rather than cut mid-phrase
MAX_WORDS = 14
TITLE_MAX_WORDS = 24
CENTRE_SENTENCES = 5  # the story's best sentences that stand for its centre

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*%?")
_STOPWORDS = frozenset("""
    a an the and or but of to in on at by for from with as is are was were be been being has have
    had will would can could may might shall should do does did not no it its this that these
    those he she they we you i his her their our your him them us me who whom which what when
    where why how than then there here after before over under into onto about against between
    during since until while also more most some any all each other such only own same so too
    very just new says said say told tells according
""".split())

# "X said on Monday that ...", "... , officials said.", "according to ...": attribution.
_SAID = r"(?:said|says|told\s+\w+(?:\s+\w+)?|announced|reported|confirmed|stated|added|warned)"
_SAID_LEAD = (r"(?:said|says|announced|reported|confirmed|stated|added|warned|suggests?"
              r"|suggested|shows?|showed|finds|found|reveals?|revealed|indicates?|indicated"
              r"|told(?:\s+[\w'’-]+){1,8}?)")
_LEAD_ATTRIBUTION = re.compile(
    rf"^(?:[^,;]{{3,120}}?)\s{_SAID_LEAD}(?:\s+on\s+\w+|\s+(?:today|yesterday|late\s+\w+"
    rf"|early\s+\w+|in\s+a\s+statement|in\s+an\s+interview))*\s+that\s+(?=\S)"
    rf"|^(?:[^,;]{{3,120}}?)\s(?:said|says|announced|confirmed)(?:\s+on\s+\w+)?\s+"
    rf"(?=(?-i:(?!(?:It|Its|He|She|They|We|I|The|This|That|There|A|An)\b)[A-Z0-9]))",
    re.IGNORECASE,
)
_TAIL_ATTRIBUTION = re.compile(
    rf"(?:,[\"”’]?\s*|\s+)(?:(?:[^,;]{{2,80}}?)\s{_SAID}(?:\s+on\s+\w+)?(?:\s+in\s+a\s+statement)?"
    r"|according\s+to\s[^,;]{2,100}|(?:he|she|they|it)\s+added)\s*[.!?\"”’]*\s*$",
    re.IGNORECASE,
)
_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WHEN = re.compile(
    rf"\s*,?\s*\b(?:(?:on|late|early|by)\s+)?(?:(?:last|this|next)\s+)?{_DAYS}"
    rf"(?:\s+(?:morning|afternoon|evening|night))?(?:,?\s+{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    rf"|\s*,?\s*\b(?:on|in|since|by)\s+{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?"
    rf"|\s*,?\s*\b(?:on|in|since|by)\s+\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?"
    r"|\s*,?\s*\b(?:earlier\s+)?(?:today|yesterday|tonight|this\s+week|last\s+week|last\s+night"
    r"|this\s+morning|this\s+year|last\s+year|earlier\s+this\s+(?:week|month|year))\b"
    r"|\s*,?\s*\b(?:at|around|about|shortly\s+(?:before|after)|before|after|by)?\s*"
    r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\b\.?|GMT|UTC|local\s+time)",
    re.IGNORECASE,
)
# An opening subordinate phrase: "After two days of talks, ..." / "In a statement, ...".
_OPENING_CLAUSE = re.compile(
    r"^(?!(?:since|after|before)\s+(?:then|that|this)\b)"  # "Since then she has had ..."
    r"(?:after|before|while|as|despite|following|amid|in|on|at|with|during|under|"
    r"for|since|when|although|though|speaking|asked|meanwhile|however|still|yet|but|and)\b"
    r"[^,]{2,90},\s+(?=\S)",
    re.IGNORECASE,
)
# "Joseph Abely, chairman of the unit, will retire": the apposition goes.
_APPOSITIVE = re.compile(r"^([^,]{2,50}?),\s[^,]{2,160},\s(?=[a-z])")
# Where a long clause may be cut: before these words or punctuation the headline is whole.
_CUT_BEFORE = re.compile(
    r"\s*[,;:](?=\s)|\s\(|\s(?:—|–|-|which\b|who\b|whose\b|where\b|because\b|after\b|before\b|as\b|while\b"
    r"|but\b|although\b|amid\b|despite\b|following\b|when\b|in\s+order\b|saying\b|adding\b"
    r"|to\b|of\b|for\b|with\b|in\b|on\b|at\b|from\b|by\b|over\b|than\b|and\b|during\b"
    r"|through\b|into\b|about\b|against\b|between\b|under\b|until\b|since\b|that\b)",
    re.IGNORECASE,
)


# A person's titles before the name, as a headline leaves them out when short of room.
_TITLE_WORDS = (r"(?:former|ex-|senate|house|majority|minority|leader|president|vice|prime|"
                r"minister|secretary|state|chief|executive|officer|chairman|chairwoman|director|"
                r"governor|senator|sen\.|rep\.|representative|congressman|congresswoman|mayor|"
                r"general|gen\.|commander|spokesman|spokeswoman|ambassador|judge|justice|"
                r"attorney|deputy|foreign|defen[cs]e|finance|interior|health|u\.s\.|us|uk|"
                r"british|french|german|russian|chinese|speaker|treasury|commerce|labor|labour|"
                r"democratic|republican|party|national|security|adviser|advisor|opposition)")
_LEADING_TITLE = re.compile(
    rf"^(?:{_TITLE_WORDS}\s+){{1,6}}(?=(?-i:[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+)\b)", re.IGNORECASE)


_VERBS = frozenset("""
    is are was were be been being am has have had will would could can may might must should
    shall do does did says said say told tells tell gets got get makes made make takes took take
    gives gave give wins won win loses lost lose kills killed kill dies died die hits hit cuts cut
    sets set puts put leaves left leave seeks sought seek sees saw see faces face meets met meet
    calls call runs ran run holds held hold keeps kept keep brings brought bring finds found find
    """.split())
_NOT_VERB_AFTER = frozenset("""the a an of some many his her their its our your these those all
    both two three several few more most other such no every each this that my""".split())


def has_verb(text: str, *, title_case: bool | None = None) -> bool:
    """Does the text (a headline) look like a clause: a finite verb among its words? A crude
    reading without a tagger: a common verb, a past form ("sentenced", "indicted") or a present
    "-s" form after its subject ("suggests", "plans"), not a plural after a determiner
    ("the victims")."""
    words = re.findall(r"[\w'’-]+", text)
    if title_case is None:
        title_case = sum(w[:1].isupper() for w in words) * 2 > len(words)
    if title_case:
        return True  # Title Case: a title, whose words' case says nothing of their part
    for i, word in enumerate(words):
        lower = word.casefold()
        if lower in _VERBS:
            return True
        if i == 0 or not word.islower():
            continue
        before = words[i - 1].casefold()
        if i == 1 and words[0][:1].isupper() and before not in _NOT_VERB_AFTER | _STOPWORDS \
                and lower not in _STOPWORDS:
            return True  # "Toddlers process ...", "Police arrest ...": the verb after its subject
        if len(lower) > 4 and lower.endswith("ed") and before not in _NOT_VERB_AFTER:
            return True
        if (len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "ics"))
                and before not in _NOT_VERB_AFTER and before not in _STOPWORDS):
            return True
    return False


def for_story(story: RankedStory, max_chars: int | None = None) -> str:
    """The headline of a story: its most representative title, else one written from its best
    sentence that stands on its own (no caption, no opening "He" or "But"). Never a list of
    names. `max_chars`: a written headline is cut to fit one line of that many characters."""
    cleaned = (clean_title(a.title, a.source) for a in story.story.articles if a.title)
    titles = [t for t in cleaned if t and 2 <= len(t.split()) <= TITLE_MAX_WORDS
              and not _DANGLING_TITLE.match(t) and not is_a_name(t)]
    best = _representative(titles, [s.sentence.text for s in story.ranked[:CENTRE_SENTENCES]],
                           lead=_lead_title(story))
    if best:
        headline = _as_headline(best, [s.sentence.text for s in story.ranked])
        return shorten(headline, max_chars) if max_chars else headline
    reports: list[ScoredSentence] = []  # standing alone, reporting: the first few will do
    standalone: list[ScoredSentence] = []
    for scored in story.ranked:
        if len(reports) == CENTRE_SENTENCES:
            break
        if rank.fit_for_brief(scored.sentence) and not rank.dangling(scored.sentence):
            standalone.append(scored)
            if not rank.feature_writing(scored.sentence):
                reports.append(scored)
    candidates = (reports or standalone or list(story.ranked))[:CENTRE_SENTENCES]
    for clause in (True, False):  # a clause, else the best words there are
        for scored in candidates:
            written = from_sentence(scored.sentence.text, max_chars=max_chars, clause=clause)
            if written:
                return written
    return "Untitled story"


def is_a_name(title: str) -> bool:
    """Whether a title is only an organisation's name, the page's owner rather than its news
    ("House Committee on the Judiciary", "The Connecticut Commission on the Death Penalty")."""
    return bool(_ORGANISATION_NAME.fullmatch(title.strip(" .")))


_NAME_WORD = r"[A-Z][\w'’&.-]*"
_ORGANISATION_NAME = re.compile(
    rf"(?:The\s+)?(?:{_NAME_WORD}\s+){{0,5}}(?:{'|'.join(sorted(ORG_CUES))})"
    rf"(?:\s+(?:of|on|for|and)\s+(?:the\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}})?",
    re.IGNORECASE,
)


# A "title" that opens like the middle of a story is a scraped first line, not a headline.
_DANGLING_TITLE = re.compile(
    r"^(?:he|she|they|it|its|his|her|their|this|that|these|those|but|and|so|also|however|"
    r"meanwhile|still|yet|then|there)\b", re.IGNORECASE)


def _lead_title(story: RankedStory) -> str:
    """The title of the article the story's best sentence comes from."""
    if not story.ranked:
        return ""
    best = story.ranked[0].sentence.article_id
    return next((clean_title(a.title, a.source) for a in story.story.articles if a.id == best),
                "")


def _representative(titles: Sequence[str], sentences: Sequence[str], lead: str = "") -> str:
    """The title whose content words the story's best sentences (the better, the more) and its
    other titles share most; "" when no title shares a word with the best sentences (an
    outlier heads nothing)."""
    unique = list(dict.fromkeys(titles))
    if not unique:
        return ""
    bags = [_content(t) for t in unique]
    centre: Counter[str] = Counter()
    for place, sentence in enumerate(sentences):
        for word in _content(sentence):
            centre[word] += 1.0 / (1 + place)  # type: ignore[assignment]
    support: Counter[str] = Counter(w for bag in bags for w in bag)
    scored = []
    for i, (title, bag) in enumerate(zip(unique, bags, strict=True)):
        if not bag:
            continue
        on_centre = sum(centre[w] for w in bag)
        shared = sum(min(support[w] - 1, 3) for w in bag)  # other titles' words, not its own
        score = (2 * on_centre + 0.5 * shared) / len(bag) ** 0.5
        scored.append((on_centre > 0 or not sentences, score, title == lead, -i, title))
    if not scored:
        return ""
    ok, *_, title = max(scored)
    return title if ok else ""


def _content(text: str) -> set[str]:
    """Content words, crudely stemmed, so that "dies" meets "died" and "talks" meets "talk"."""
    words = set()
    for word in _WORD.findall(text):
        word = re.sub(r"['’]s$", "", word.casefold()).strip("'’-")
        if not word or word in _STOPWORDS:
            continue
        if len(word) > 3 and not word[0].isdigit():
            word = re.sub(r"(?:ing|ed|es|s)$", "", word)
        words.add(word)
    return words


def as_title(title: str, text: str) -> str:
    """An article's title as a reader should see it in a list of sources: an all-capitals wire
    title in sentence case, the article's own text deciding each word's form."""
    return _as_headline(title, (text,)) if title else title


def _as_headline(title: str, body: Sequence[str] = ()) -> str:
    """A title as a headline: one line, an all-capitals wire title in sentence case."""
    title = " ".join(title.split()).rstrip(".")
    letters = [c for c in title if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.9 and len(letters) > 8:
        title = _sentence_case(title, body)
    return title


def _sentence_case(title: str, body: Sequence[str]) -> str:
    """ "SPAIN'S CONSUMER PRICES RISE 0.6 PCT" -> "Spain's consumer prices rise 0.6 pct".

    Each word takes the form the story's own sentences give it mid-sentence ("Spain", "OPEC",
    "U.S."); a word they don't use is lower case; the first word is capitalised."""
    parts: list[tuple[str, str, str, str] | str] = []  # (before, token, after, key) or as is
    wanted: set[str] = set()
    title = re.sub(r"(?<=\w)/(?=\w)", f" {_SLASH} ", title)  # "ROYAL BANK/CANADA": two words
    for word in title.split():
        core = re.match(r"^([^\w<]*)([<\w][\w.&'’<>-]*?)([^\w>]*)$", word)
        if core is None or word.startswith("<") or "." in word.strip("."):
            parts.append(word)
            continue
        before, token, after = core.groups()
        key = token.casefold()
        parts.append((before, token, after, key))
        wanted.update((key, re.sub(r"['’]s$", "", key)))
    forms: dict[str, Counter[str]] = {}
    openers: dict[str, Counter[str]] = {}  # a sentence's first word: capitalised by its place
    names: set[tuple[str, str]] = set()  # capitalised pairs: "New York", "Royal Bank"
    for sentence in (part for text in body for part in _SENTENCE_END.split(text)):
        words = _WORD.findall(sentence)  # only the title's words are looked for
        for k, word in enumerate(words):
            key = word.casefold()
            if key not in wanted:
                continue
            capital_next = k + 1 < len(words) and words[k + 1][:1].isupper()
            if word[:1].isupper() and capital_next and k > 0:  # not "In February" opening it
                names.add((key, words[k + 1].casefold()))
            if k > 1 and word[:1].isupper() and words[k - 1][:1].isupper():
                names.add((words[k - 1].casefold(), key))
            if key in _STOPWORDS and word[:1].isupper() and capital_next:
                continue  # "New" of "New York" says nothing of "NEW QUOTA TALKS"
            (openers if k == 0 else forms).setdefault(key, Counter())[word] += 1
    for key, seen in openers.items():
        if key not in forms and key not in _STOPWORDS:
            forms[key] = seen
    for key, seen in forms.items():
        # A common word the story also writes in lower case is that word ("COFFEE MAY FALL":
        # "may", though "May" is a month too).
        if key in _STOPWORDS and seen[key]:
            forms[key] = Counter({key: 1})
    out = []
    for i, part in enumerate(parts):
        if isinstance(part, str):
            out.append(part)
            continue
        before, token, after, key = part
        following = parts[i + 1] if i + 1 < len(parts) else ""
        previous = parts[i - 1] if i else ""
        if (not isinstance(following, str) and (key, following[3]) in names) or (
                not isinstance(previous, str) and (previous[3], key) in names):
            out.append(before + token[:1] + token[1:].lower() + after)  # "NEW ZEALAND"
            continue
        if key in _STOPWORDS and key != "may":  # "In", "New" of a name stand before the name
            out.append(before + token.lower() + after)
            continue
        found = forms.get(key) or forms.get(re.sub(r"['’]s$", "", key))
        if found:  # the most frequent form; on a tie the common word ("director" / "Director")
            form = max(found.items(), key=lambda item: (item[1], item[0].islower()))[0]
            if key != form.casefold():  # the possessive: "SPAIN'S" -> "Spain" + "'s"
                form = form + token[len(form):].lower()
            out.append(before + form + after)
        else:
            out.append(before + token.lower() + after)
    text = " ".join(out).replace(f" {_SLASH} ", "/")
    return text[:1].upper() + text[1:]


_SLASH = "\x01"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def from_sentence(text: str, max_chars: int | None = None, *, clause: bool = True) -> str:
    """A headline written from a sentence: attribution, dates and opening phrases dropped, the
    main clause cut at a clause boundary to about MIN_WORDS-MAX_WORDS words; "" when the
    sentence leaves too little (with `clause`, when what is left has no verb: "Parents of some
    of the victims" is no headline)."""
    text = " ".join(text.split()).strip()
    if clause and text[:1] in "\"“‘'":  # a quotation is someone's words, not the news
        return ""
    text = re.sub(r"^[\"“”'‘’]+|[\"“”'‘’]+$", "", text)
    text = re.sub(r"[.!?…]+[\"”’]*$", "", text).strip()
    text = re.sub(r"\s*\([^()]{1,30}\)", "", text)  # "(KORS.N)", "(UNFPA)": no headline's words
    for _ in range(2):
        cut = _TAIL_ATTRIBUTION.sub("", text)
        text = cut if len(cut.split()) >= 4 else text
    cut = _LEAD_ATTRIBUTION.sub("", text, count=1)
    if len(cut.split()) >= MIN_WORDS and not _PRONOUN.match(cut):  # not "he was not ..."
        text = cut
    text = _APPOSITIVE.sub(r"\1 ", text, count=1)
    cut = _OPENING_CLAUSE.sub("", text, count=1)
    if len(cut.split()) >= MIN_WORDS:
        text = cut
    cut = _WHEN.sub("", text)
    if len(cut.split()) >= MIN_WORDS - 1:
        text = cut
    text = shorten(text, max_chars)
    text = text.strip(" ,;:—–-\"“”'‘’")
    if len(text.split()) < 3 or (clause and not has_verb(text)):  # a subject is no headline
        return ""
    if clause and (_FIRST_PERSON.search(text) or _PRONOUN.match(text) or text.count('"') % 2
                   or text.count("“") != text.count("”")):
        return ""  # "I am incredibly flattered ...", a quotation cut open
    return text[:1].upper() + text[1:]


# A verb whose news is the infinitive after it: "agreed to", "plans to", "is set to".
_NEEDS_ITS_VERB = re.compile(
    r"(?:\b(?:is|are|was|were|be|set|due|able|likely|expected|going|about|has|have|had|want|"
    r"wants|plan|plans|aim|aims|seek|seeks|try|tries|need|needs|hope|hopes|refuse|refuses|"
    r"vow|vows|threaten|threatens|agree|agrees|decide|decides|intend|intends|move|moves)"
    r"|\w+ed)$", re.IGNORECASE)
_PRONOUN = re.compile(r"(?:he|she|it|they|we|i|this|that|these|those|his|her|its|their)\b",
                      re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|we|We|we're|our|Our|my|My|me)\b")


def shorten(text: str, max_chars: int | None = None) -> str:
    """At most MAX_WORDS words (and `max_chars` characters), cut where a clause ends rather
    than mid-phrase."""
    chars = max_chars or len(text)
    words = text.split()
    if len(words) <= MAX_WORDS and len(text) <= chars:
        return text
    roles = _LEADING_TITLE.match(text)  # "Former Senate Majority Leader Bob Dole ..."
    if roles and sum(w[:1].isupper() for w in words) * 2 < len(words):  # not Title Cased
        name = text[roles.end():].split()[:2]
        if not any(w.casefold() in _STOPWORDS for w in name):  # a name: not "Vows To ..."
            text = text[roles.end():]
    words = text.split()
    if len(words) <= MAX_WORDS and len(text) <= chars:
        return text
    best = short = ""
    titled = sum(w[:1].isupper() for w in words) * 2 > len(words)
    for match in _CUT_BEFORE.finditer(text):
        head = text[: match.start()]
        n = len(head.split())
        if n > MAX_WORDS or len(head) > chars:
            break
        if not has_verb(head, title_case=titled):  # "Parents of some of the victims"
            continue
        if match.group().strip().casefold() == "to" and _NEEDS_ITS_VERB.search(head):
            continue  # "Michael Kors agreed | to buy Versace": the news is after "to"
        if n >= MIN_WORDS:
            if match.group().strip() in ",;:(—–" or titled:  # the first clause end, or the
                return head  # first word of a Title Case title ("Ways At Rock And Roll ...")
            best = head  # a word: the furthest one
        elif n >= SHORTEST_WORDS and head.split()[-1].casefold() not in _STOPWORDS:
            short = head  # a whole phrase, if shorter than a headline should be
    if best or short:
        return best or short
    head = " ".join(words[:MAX_WORDS])
    while len(head) > chars - 2 and " " in head:
        head = head.rsplit(" ", 1)[0]
    # Don't end on a word that needs its continuation ("of", "the", "and").
    while head.split() and head.split()[-1].casefold() in _STOPWORDS | {"mln", "pct"}:
        head = " ".join(head.split()[:-1])
    return head.rstrip(",;:—–-") + " …"

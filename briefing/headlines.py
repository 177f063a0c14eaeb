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

import functools
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
WRITE_FROM = 8  # the story's best sentences a headline may be written from

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
_SAID_LEAD = (r"(?:said|says|announced|reported|reporting|confirmed|stated|added|warned|suggests?"
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
    r"(?![\w'’]|\s+(?-i:[A-Z])|\s+(?i:night|morning)\b)"  # not "Saturday Night Live"
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
    r"(?:(?:after|before|while|as|despite|following|amid|in|on|at|with|during|under|"
    r"for|since|when|although|though|speaking|asked|citing|quoting|meanwhile|however|still|yet|"
    r"but|and|if|"
    r"once|unless|until|because|whether|by|like|unlike)\b"
    # A participle's phrase: "Faced with ...,", "Starting in 1996,", "Released yesterday,".
    r"|(?-i:[A-Z][a-z]{2,}(?:ing|ed))(?=\s+(?:in|with|by|from|on|to|at|after|for|about|into|"
    r"through|under|over|the|a|an|his|her|their|its|yesterday|today|last|earlier|up|out|down)\b))"
    r"[^,]{2,120},\s+(?=\S)",
    re.IGNORECASE,
)
# Words a headline never opens with: what follows them is a subordinate phrase, not the news.
_SUBORDINATE_START = re.compile(
    r"^(?:after|before|while|as|despite|following|amid|among|in|on|at|with|during|under|for|"
    r"since|when|although|though|if|once|unless|until|because|whether|of|by|like|unlike|"
    r"to|from|than|whose|which|who|where)\b", re.IGNORECASE)
# A name, a lone comma, then its verb: what is left when a source lost the aside in between.
_NAME_COMMA_VERB = re.compile(
    r"^((?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*),\s+(?=(?:died|was|is|has|had|said|says|resigned"
    r"|won|lost|became|left|joined)\b)")
# A parenthetical between two dashes: "Wendy Davis — whose filibuster ... — is set to ...".
_DASHED_ASIDE = re.compile(r"\s+[—–]\s+[^—–]{2,160}?\s+[—–]\s+(?=[a-z])")
# An epithet, then the name it describes between commas: "The summer's unlikely hero, Harbour
# councillor Lina Vos, is set to ..." -> "Harbour councillor Lina Vos is set to ...".
_EPITHET_APPOSITIVE = re.compile(
    r"^(?:The|A|An)\s+[^,]{2,50}?,\s+((?:[^,]{0,60}?\s)?[A-Z][\w'’.-]+\s+[A-Z][\w'’.-]+),\s+"
    r"(?=[a-z])")
# An epithet before the name it describes: "The summer's Democratic hero, Texas State Sen. ...".
_EPITHET = re.compile(
    r"^(?:The|A|An)\s+(?:[\w'’-]+\s+){0,5}?[a-z][\w'’-]*,\s+"
    r"(?=(?:[A-Z][\w.'’-]*\s+){1,6}[a-z])")
# "Joseph Abely, chairman of the unit, will retire": the apposition goes.
_APPOSITIVE = re.compile(r"^([^,]{2,50}?),\s[^,]{2,160},\s(?=[a-z])")
# Where a long clause may be cut: before these words or punctuation the headline is whole.
# Before "and" only where a second clause follows ("... and was arrested"), not a second noun
# ("sexual assault | and child endangerment charges"); `_ends_whole` judges each cut.
_CUT_BEFORE = re.compile(
    r"\s*[,;:](?=\s)|\s\(|\s(?:—|–|-|which\b|who\b|whose\b|where\b|because\b|after\b|before\b|as\b|while\b"
    r"|but\b|although\b|amid\b|despite\b|following\b|when\b|in\s+order\b|saying\b|adding\b"
    r"|to\b|of\b|for\b|with\b|in\b|on\b|at\b|from\b|by\b|over\b|than\b|during\b|around\b"
    r"|across\b|near\b|toward\b|towards\b|among\b|without\b|within\b|via\b|along\b"
    r"|behind\b|outside\b|inside\b|beyond\b|throughout\b|upon\b|unless\b"
    r"|through\b|into\b|about\b|against\b|between\b|under\b|until\b|since\b|that\b"
    r"|and(?=\s+(?:(?:then|later|also|now|has|have|had|is|are|was|were|will|would|could|can"
    r"|said|says|told|\w+ed)\b)))",
    re.IGNORECASE,
)
# What a whole headline cannot end on: a word that needs what follows it.
_AUXILIARY = frozenset("""is are was were be been being am has have had will would could can
    may might must should shall do does did to not never""".split())
_RELATIVE = frozenset("who whom whose which".split())
# Words that open a clause inside the subject: "An advert revealing how alcohol ... | is ...".
_WH_CLAUSE = frozenset("that how why what where whether".split())


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
# Irregular past forms (in lower case only: "Rose Byrne" is a name).
_PAST_FORMS = frozenset("""wrote spoke went came began became fell rose grew threw drew flew
    knew broke chose drove fought caught taught thought bought spent built stood sat led fled
    paid sold struck shot quit spread shut swore stole shook rode withdrew forgave meant felt
    dealt slept swept sank rang sang swam hid sent""".split())
_NOT_VERB_AFTER = frozenset("""the a an of some many his her their its our your these those all
    both two three several few more most other such no every each this that my""".split())


# After a plural a preposition says it was a noun: "YouTube videos from beauty bloggers".
_NOUN_AFTER = frozenset("of from for in on at with by near about".split())


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
        if lower in _VERBS or (word.islower() and lower in _PAST_FORMS):
            return True
        if i == 0 or not word.islower():
            continue
        before = words[i - 1].casefold()
        if i == 1 and words[0][:1].isupper() and before not in _NOT_VERB_AFTER | _STOPWORDS \
                and lower not in _STOPWORDS and (i + 1 == len(words)
                                                 or words[i + 1].casefold() not in _NOUN_AFTER):
            return True  # "Toddlers process ...", "Police arrest ...": the verb after its subject
        if len(lower) > 4 and lower.endswith("ed") and before not in _NOT_VERB_AFTER \
                and not (i + 1 < len(words) and words[i + 1].casefold() == "by"):
            return True  # not "the children killed by a gunman": a participle, not the verb
        if (len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "ics"))
                and before not in _NOT_VERB_AFTER and before not in _STOPWORDS):
            return True
    return False


def for_story(story: RankedStory, max_chars: int | None = None,
              most_chars: int | None = None) -> str:
    """The headline of a story: its most representative title, else one written from its best
    sentence that stands on its own (no caption, no opening "He" or "But"). Never a list of
    names. `max_chars`: a written headline is cut to fit one line of that many characters;
    `most_chars`: the room a whole clause may take rather than be cut short."""
    cleaned = [clean_title(a.title, a.source) for a in story.story.articles if a.title]
    titles = [t for t in cleaned if t and 2 <= len(t.split()) <= TITLE_MAX_WORDS
              and not _DANGLING_TITLE.match(t) and not is_a_name(t)]
    best = _representative(titles, [s.sentence.text for s in story.ranked[:CENTRE_SENTENCES]],
                           lead=_lead_title(story))
    if best:
        headline = _as_headline(best, [s.sentence.text for s in story.ranked])
        if not max_chars or len(headline) <= max(max_chars, most_chars or 0):
            return headline  # whole, rather than "... first German city" cut before its news
        return (most_chars and shorten(headline, most_chars, whole=True, title=True)) \
            or shorten(headline, max_chars, title=True)
    reports: list[ScoredSentence] = []  # standing alone, reporting: the first few will do
    standalone: list[ScoredSentence] = []
    for scored in story.ranked:
        if len(reports) == WRITE_FROM:
            break
        if rank.fit_for_brief(scored.sentence) and not rank.dangling(scored.sentence):
            standalone.append(scored)
            if not rank.feature_writing(scored.sentence):
                reports.append(scored)
    candidates = (reports or standalone or list(story.ranked))[:WRITE_FROM]
    # A report before a line of opinion or speculation ("Ames may finally have gone too far"),
    # else in the ranker's order.
    candidates.sort(key=lambda scored: rank.news_value(scored.sentence) <= 0)
    # A whole clause, in the room it may take if need be, else a clause cut short, else the
    # best words there are.
    tries = [(True, True, max_chars), (True, False, max_chars), (False, False, max_chars)]
    if most_chars and max_chars and most_chars > max_chars:
        tries.insert(1, (True, True, most_chars))
    for clause, whole, chars in tries:
        for scored in candidates:
            written = from_sentence(scored.sentence.text, max_chars=chars, clause=clause,
                                    whole=whole)
            if written:
                return written
    return "Untitled story"


_TRUNCATED = re.compile(r"\s*(?:\.{3,}|…)\s*$")  # a title its feed cut short


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
    title = " ".join(title.split())
    if _TRUNCATED.search(title):  # "... situation very...": cut by its feed, and shown so
        return _as_headline(_TRUNCATED.sub("", title), body) + " …"
    title = title.rstrip(".")
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
        known = _proper_names().get(re.sub(r"['’]s$", "", key))
        if found:  # the most frequent form; on a tie the common word ("director" / "Director")
            form = max(found.items(), key=lambda item: (item[1], item[0].islower()))[0]
            if key != form.casefold():  # the possessive: "SPAIN'S" -> "Spain" + "'s"
                form = form + token[len(form):].lower()
            out.append(before + form + after)
        elif known:  # a country or a nationality the story does not name: "JAPAN" -> "Japan"
            out.append(before + known + token[len(known):].lower() + after)
        elif token.isupper() and len(token) <= 5 and not re.search(r"[AEIOU]", token):
            out.append(before + token + after)  # no vowel: an acronym ("CBT", "NBC")
        else:
            out.append(before + token.lower() + after)
    text = " ".join(out).replace(f" {_SLASH} ", "/")
    return text[:1].upper() + text[1:]


@functools.lru_cache(maxsize=1)
def _proper_names() -> dict[str, str]:
    """One-word countries, states and nationalities by their lower case: the form a wire title
    in capitals gives them when the story's own text does not."""
    from briefing.entities import region_names

    names = [*region_names(), *_CALENDAR_NAMES]
    return {name.casefold(): name for name in names
            if " " not in name and name[:1].isupper() and name[1:].islower()
            and name.casefold() not in _COMMON_TOO}


# Months and days, always capitalised ("May" and "March" are common words too, and left out).
_CALENDAR_NAMES = """January February April June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
# Places and nationalities that are common words as well ("TURKEY PRICES", "CENTRAL BANK").
_COMMON_TOO = frozenset("""turkey chad reunion arctic orthodox allied eastern western southern
    central northern liberal conservative guinea jersey china niger mali man georgia jordan
    democratic republican""".split())


_SLASH = "\x01"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def from_sentence(text: str, max_chars: int | None = None, *, clause: bool = True,
                  whole: bool | None = None) -> str:
    """A headline written from a sentence: attribution, dates and opening phrases dropped, the
    main clause cut at a clause boundary to about MIN_WORDS-MAX_WORDS words; "" when the
    sentence leaves too little (with `clause`, when what is left has no verb: "Parents of some
    of the victims" is no headline; with `whole`, the default with `clause`, when no whole
    clause fits)."""
    text = " ".join(text.split()).strip().replace(" -- ", " — ")  # a typewriter's dash
    if clause and text[:1] in "\"“‘'":  # a quotation is someone's words, not the news
        return ""
    sentence_words = text.split()
    titled = sum(w[:1].isupper() for w in sentence_words) * 2 > len(sentence_words)
    text = re.sub(r"^[\"“”'‘’]+|[\"“”'‘’]+$", "", text)
    text = re.sub(r"[.!?…]+[\"”’]*$", "", text).strip()
    text = re.sub(r"\s*\([^()]{1,30}\)", "", text)  # "(KORS.N)", "(UNFPA)": no headline's words
    for _ in range(2):
        cut = _TAIL_ATTRIBUTION.sub("", text)
        text = cut if len(cut.split()) >= 4 else text
    cut = _LEAD_ATTRIBUTION.sub("", text, count=1)
    if len(cut.split()) >= MIN_WORDS and not _PRONOUN.match(cut):  # not "he was not ..."
        text = cut
    text = _DASHED_ASIDE.sub(" ", text, count=1)
    text = _NAME_COMMA_VERB.sub(r"\1 ", text, count=1)  # "Mark Lane, died ..." (an aside lost)
    epithet = _EPITHET_APPOSITIVE.match(text)
    if epithet and not has_verb(text[:epithet.start(1)], title_case=False):
        text = epithet.group(1) + " " + text[epithet.end():]  # not "The award was handed ..."
    text = _APPOSITIVE.sub(r"\1 ", text, count=1)
    cut = _OPENING_CLAUSE.sub("", text, count=1)
    if len(cut.split()) >= MIN_WORDS and cut != text:
        text = cut
        cut = _LEAD_ATTRIBUTION.sub("", text, count=1)  # "Citing records, the Courant said
        if len(cut.split()) >= MIN_WORDS and not _PRONOUN.match(cut):  # that ..."
            text = cut
    epithet = _EPITHET.match(text)
    if epithet and not has_verb(epithet.group(), title_case=False) \
            and len(text[epithet.end():].split()) >= MIN_WORDS - 1:
        text = text[epithet.end():]
    cut = _WHEN.sub("", text)
    if len(cut.split()) >= MIN_WORDS - 1:
        text = cut
    text = shorten(text, max_chars, whole=clause if whole is None else whole)
    text = text.strip(" ,;:—–-\"“”'‘’")
    if len(text.split()) < 3 or (clause and not has_verb(text, title_case=titled)):
        return ""  # a subject is no headline
    if clause and (_FIRST_PERSON.search(text) or _PRONOUN.match(text) or text.count('"') % 2
                   or text.count("“") != text.count("”") or _SUBORDINATE_START.match(text)
                   or _SECOND_PERSON.search(text)):
        return ""  # "I am incredibly flattered ...", a quotation cut open, "If the deal ..."
    return text[:1].upper() + text[1:]


# A verb whose news is the infinitive after it: "agreed to", "plans to", "is set to".
_NEEDS_ITS_VERB = re.compile(
    r"(?:\b(?:is|are|was|were|be|set|due|able|likely|expected|going|about|has|have|had|want|"
    r"wants|plan|plans|aim|aims|seek|seeks|try|tries|need|needs|hope|hopes|refuse|refuses|"
    r"vow|vows|threaten|threatens|agree|agrees|decide|decides|intend|intends|move|moves|"
    r"happy|pleased|proud|excited|ready|eager|willing|unable|glad|delighted|thrilled|sorry)"
    r"|\w+ed)$", re.IGNORECASE)
_PRONOUN = re.compile(r"(?:he|she|it|they|we|i|this|that|these|those|his|her|its|their)\b",
                      re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|we|We|we're|our|Our|my|My|me)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you're|you’re)\b", re.IGNORECASE)


def shorten(text: str, max_chars: int | None = None, *, whole: bool = False,
            title: bool = False) -> str:
    """At most MAX_WORDS words (and `max_chars` characters), cut where a clause ends rather
    than mid-phrase. With `whole`, "" rather than a headline cut short with "…" where no
    whole clause fits (the caller then writes one from another sentence). A `title` is a
    headline already: its cut need not show a verb ("Hurricane Vela: Harbour shops stock up")."""
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
    opening = _OPENING_CLAUSE.match(text)  # "For First Time In 130 Years, More Adults ..."
    if opening and len(text[opening.end():].split()) >= MIN_WORDS:
        text = text[opening.end():]
        text = text[:1].upper() + text[1:]
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
        head = _TRUNCATED.sub("", head)  # "... dropped by her agent... but ..."
        if not title and not has_verb(head, title_case=titled):
            continue  # "Parents of some of the victims"
        if match.group().strip().casefold() == "to" and _NEEDS_ITS_VERB.search(head):
            continue  # "Michael Kors agreed | to buy Versace": the news is after "to"
        after = text[match.end():match.end() + 80]  # the words right after the cut
        if not titled and not _ends_whole(head, match.group(), after, title=title):
            continue
        if n >= MIN_WORDS:
            if match.group().strip() in ",;:(—–" or titled:  # the first clause end, or the
                return head  # first word of a Title Case title ("Ways At Rock And Roll ...")
            best = head  # a word: the furthest one
        elif n >= SHORTEST_WORDS and head.split()[-1].casefold() not in _STOPWORDS:
            short = head  # a whole phrase, if shorter than a headline should be
    if best or short:
        return best or short
    if whole:
        return ""
    kept = words[:MAX_WORDS]
    while len(" ".join(kept)) > chars - 2 and len(kept) > 1:
        kept.pop()
    # Don't end on a word that needs its continuation ("of", "the", "and"), nor inside a name
    # ("six University | of Connecticut students").
    while kept and (kept[-1].casefold() in _STOPWORDS | {"mln", "pct"} or (
            not titled and len(kept) < len(words) and kept[-1][:1].isupper() and len(kept) > 1
            and (words[len(kept)][:1].isupper() or words[len(kept)] in {"of", "for", "and"}))):
        kept.pop()
    head = " ".join(kept)
    return head.rstrip(",;:—–-") + " …"


def _ends_whole(head: str, joint: str, rest: str, *, title: bool = False) -> bool:
    """Whether a sentence cut after `head` (before `rest`) leaves a whole phrase: not inside a
    name ("Science | in Action Award"), not on a word that needs what follows ("is warning |
    against", "would sign | into law", "to go"), not on a progressive without its object
    ("outlets are now reporting"), and with its main verb outside a relative clause ("A man
    who was believed to have been | ...")."""
    words = re.findall(r"[\w'’$%.-]+", head)
    if not words:
        return False
    last = words[-1].casefold().rstrip(".")
    after = re.findall(r"[\w'’-]+", rest)
    if words[-1][:1].isupper() and after and after[0][:1].isupper() \
            and joint.strip() in {"of", "in", "for", "on", "and", "de"}:
        return False  # "Bank | of America", "Science | in Action"
    if (last in _STOPWORDS and not (last in {"more", "less"} and words[-2:-1] == ["or"])
            or last in _AUXILIARY or last in _PARTITIVE):
        return False  # "... is one | of Sweden's largest", "a number | of"
    if head.count('"') % 2 or head.count("“") != head.count("”") or _SECOND_PERSON.search(head):
        return False  # a quotation cut open; "..., you know"
    if title:  # a headline's own grammar: "Shanties flattened in a day", "Man charged"
        return True
    before = [w.casefold() for w in words[-3:-1]]
    passive = bool(before) and before[-1] in _AUXILIARY
    if joint.strip().casefold() == "of" and not has_verb(" ".join(words[:-1]),
                                                         title_case=False):
        return False  # "The four surviving members | of the band": a noun, the verb to come
    if joint.strip().casefold() == "by" and last.endswith("ed") and not passive:
        return False  # "the pupils injured | by a crane": a participle, its clause not there
    if last in _NEEDS_OBJECT and not passive:
        return False  # "Police found | ...", but "Bryan Lane was found | dead ..."
    if (words[-1].islower() and last.endswith("ed") and not passive
            and last not in _INTRANSITIVE and joint.strip().casefold() not in {",", ";", ":"}):
        return False  # "Parents of the children killed | in ...", "Police arrested | six"
    if before and before[-1] in _MODAL and not (last.endswith("ed") or last in _PARTICIPLES):
        return False  # "he would sign | into law a bill"
    if before and before[-1] == "to" and last in _BASE_VERBS:
        return False  # "picked out shoes to go | with ...", not "going to jail"
    if last.endswith("ing") and (any(w in _AUXILIARY for w in before)
                                 or (words[-1].islower() and last not in _ING_NOUNS)):
        return False  # "are now reporting", "foreign oil companies operating | in ..."
    lowered = [w.casefold() for w in words]
    opened = max((i for i, w in enumerate(lowered) if w in _OPENS_CLAUSE and i > 0), default=0)
    if opened and not has_verb(" ".join(words[opened + 1:]), title_case=False):
        return False  # "A new paper finds that, late | ...": the clause it opened is not there
    participle = False
    for i, word in enumerate(lowered):
        if (word in _RELATIVE or word in _WH_CLAUSE) and i > 0:  # "The boy that had been",
            return False  # "the report that Ames asked": its verb may be the relative
            # clause's, and the main one is not here
        if (i > 0 and words[i].islower() and word.endswith("ed") and word not in _INTRANSITIVE
                and lowered[i - 1] not in _AUXILIARY
                and lowered[i + 1:i + 2] and lowered[i + 1] in _AFTER_PARTICIPLE):
            participle = True  # "the pupils injured by a crane", "the children killed in the
            continue  # fire": the main verb is still to come
        if word in _VERBS or (i > 0 and words[i].islower()
                              and (word.endswith("ed") or word in _PAST_FORMS)):
            return True
    return not participle


_ING_NOUNS = frozenset("""building buildings meeting wedding shooting bombing funding spending
    ruling hearing morning evening training housing killing clothing ceiling warning offering
    opening landing crossing uprising bidding pricing polling rating trading lending earnings
    gathering sibling setting standing thing nothing something anything everything king ring
    spring string wing sing sting swing""".split())
_MODAL = frozenset("will would could can may might must should shall do does did".split())
# Past forms complete without an object: "Mark Lane died", "the bridge collapsed".
_INTRANSITIVE = frozenset("""died resigned collapsed crashed exploded erupted retired survived
    disappeared vanished arrived returned happened occurred emerged failed recovered rallied
    jumped slumped ended closed opened rebounded surged plunged soared tumbled dropped declined
    gained climbed stalled escaped resumed continued started stopped waited voted agreed
    apologized apologised testified responded reacted struggled suffered worsened improved
    increased decreased slipped eased edged firmed weakened strengthened""".split())
# Words after a participle that describes a noun ("the children killed in the fire").
_AFTER_PARTICIPLE = frozenset("by in at on during near after from since over outside".split())
_PARTITIVE = frozenset("""one part number lot couple kind sort series dozens hundreds thousands
    millions tens scores rest half front middle top bottom behalf wake spite connection
    response addition lieu favor favour terms search honor honour memory pair group team
    handful bunch total majority share percent way""".split())
_BASE_VERBS = frozenset("""go come be do have make buy sell pay help stop build send move sign
    pass raise lower end start open close join win lose run use try ask work play bring turn show
    become remain allow avoid create keep expand boost reduce protect prevent address provide
    offer support hold take give get find meet see say tell put set cut leave announce reveal
    urge include face seek call hit""".split())
_NEEDS_OBJECT = frozenset("""say says said tell tells told get gets got make makes made take
    takes took give gives gave put puts seek seeks sought see sees saw face faces meet meets
    call calls bring brings brought find finds found hold holds keep keeps kept hit hits set
    sets cut cuts leave leaves announce announces announced reveal reveals revealed urge urges
    urged want wants wanted include includes included provided showed released unveiled
    received offered issued published reached raised signed approved led asked named accused
    charged ordered""".split())
# Words that open a clause inside a headline: what follows them needs its own verb.
_OPENS_CLAUSE = frozenset("that because when while if although whether".split())
_PARTICIPLES = frozenset("""known seen shown given taken made done born found held told sold
    sent built run won lost hit cut set put shot freed""".split())

"""The page's lists of names: who (KEY ACTORS) and where (LOCATIONS), read by the trained tagger.

    find_entities(articles, sentences_of) -> (actors, locations)

1. **Read**: every sentence is tagged by the recognizer (`briefing.entities.recognizer`): spans
   with a kind and a confidence. Spans that are no names are dropped: numbers and codes,
   acronyms of terms ("GDP", "CEO"), nationality words, shouted words ("BREAKING"), and a word
   that only capitalises because it opens the sentence while the day writes it in lower case
   elsewhere; an outlet's name or a headline's tag glued in front of a name ("Reuters John
   Smith", "RIP Prodigy", "Watch: Jane Doe") is cut off, and a span is cut at a dash between
   words ("Prodigy — Peter Rosenberg", a post and its author). A calendar word is no part of a
   name ("Pinochet Jan 5", "Reagan Tuesday"); a word in a typo's capitals is written properly
   ("WIlliam"); a role after a place is no name ("Ottawa MP"); a country and a common word
   before a plural are the country's ("U.S. Chip producers"); initials in brackets after the
   last sentence are a writer's credit ("(WAH)"); a company's legal name keeps its "and"
   ("Brunswick Mining and Smelter Corp"). A name read as a work's title in at least half its
   mentions ("the album Juvenile Hell", "a memoir, “My Infamous Life”") or as a thing of a
   kind ("an Amber Alert was issued") is none.
2. **One form per name**: aliases ("U.S.", "America" -> "United States"), a leading "the" and a
   possessive dropped; an acronym counts for the organisation the day spells out with those
   initials ("EU" -> "European Union"). Words glued on a name's left are cut: a department
   before a person ("Commerce Malcolm Baldrige"), and a common word before a name the day uses
   on its own more often ("The Infamous Mobb Deep", "Operations for Consumers Energy").
3. **Short forms resolved within the day**: a one-word name counts for the multi-word person
   name that ends with it in the same article ("Stoltenberg" -> "Jens Stoltenberg"). When the
   article has two ("Barack Obama", "Michelle Obama"), the one the sentence itself names or the
   one whose title the mention shares ("President Obama") gets it, else neither. Without a full
   name in the article, a mention typed person goes to the day's only full name ending with it.
   A place word stays a place where the tagger reads it as one ("in Paris" is not Paris Hilton).
4. **One kind per name**, decided by all the day's mentions: confidence-weighted votes of the
   tagger, title cues ("Foreign Minister X", "X, a spokesman") for a person, and the gazetteer
   (a country is a country; regions, seas and US states are locations); a name whose last word
   is a kind of place is a place ("British West Indies", "Rift Valley", "Republic of X"), and
   that word alone is none ("the Republic").
5. **Lists**: names mentioned in two or more sentences before names mentioned once, then by
   mentions, then by how many articles name them; countries are listed as actors and places.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from briefing.domain import Article, Mention
from briefing.entities import grammar
from briefing.entities.recognizer import ORG_CUES, TITLE_WORDS, Span, shipped_recognizer

# A recogniser's span of lower confidence than this is not counted (the tagger's own score for
# its least certain token; its errors sit mostly below it).
MIN_SCORE = 0.5
# A name longer than this many words is a run of names or a fragment ("Reuters Paris Bureau
# Chief John Smith"), not one name.
MAX_NAME_WORDS = 6
# A name the gazetteer does not know is listed only when this share of its mentions' votes
# agree on one kind.
AGREEMENT = 0.6
# Only the first sentences of a very long article are read (a transcript does not get to fill
# the lists; the page cites the top of articles).
MAX_SENTENCES = 120

# News outlets whose name is glued in front of a reporter's or source's name by scrapes and
# datelines ("Reuters Andrew Osborn", "AP Photo John Smith").
_OUTLETS = frozenset(
    """Reuters AP AFP Bloomberg CNN BBC Xinhua Getty UPI DPA ANSA Kyodo Yonhap TASS Interfax
    NPR Fox CBS NBC ABC""".split()
)
# Words before a name that make it a person ("President", "spokesman"); not the connecting words
# of a title ("of", "the"), which come before anything.
_PERSON_CUES = (
    frozenset(w.lower().rstrip(".") for w in grammar._TITLE_CORES)
    | grammar._PERSON_BEFORE
    | frozenset(
        """rapper musician comedian star designer chef anchor host presenter striker goalkeeper
        quarterback pitcher forward midfielder defender manager owner publisher editor
        paleontologist historian mc dj mp mep mla mpp msp lawmaker legislator congressman
        congresswoman assemblyman assemblywoman alderman councilor""".split()
    )
)
# A title and the capitalised words after it: a person the tagger may have missed ("Former Prime
# Minister Theresa May spoke").
_TITLED = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in sorted(grammar._TITLE_CORES, key=len, reverse=True))
    + r"|" + "|".join(sorted(grammar._PERSON_BEFORE)) + r")\s+"
    r"((?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?|[A-Z]\.)(?:\s+(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?|[A-Z]\.)){0,2})"
)
# The legal form after a company's name; the name is what the news calls it ("Santos").
_COMPANY_SUFFIXES = frozenset(
    "ltd inc corp co plc pty llc ag sa nv bv gmbh spa limited incorporated".split()
)
# Money and measures written with a capital in wire copy ("56 billion U.S. Dlrs").
_UNITS = frozenset(
    """dlrs dlr dollars dollar cts pct mln bln yen marks francs pounds pesos lire rupees yuan
    euros tonnes barrels""".split()
)
# US states as wire copy abbreviates them after a city ("Houston, Tex."): AP style.
_STATES = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky",
    "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan",
    "Minn.": "Minnesota", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska",
    "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico",
    "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma",
    "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina",
    "S.D.": "South Dakota", "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont",
    "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
}  # fmt: skip
# Words that make a name an organisation's, in English and in the names wire copy keeps.
_ORG_WORDS = ORG_CUES | frozenset(
    """banco banca banque bancorp compagnie compania gruppo grupo societe sociedad cassa
    instituto institut ministerio ministere partido parti""".split()
)
# Words that end a building's or a site's name, never a person's ("Trump Tower", "Velho
# Plaza"); not those that are surnames too ("Tom Hall", "Jane Park", "Michael Bay").
_FACILITY_WORDS = frozenset("""tower towers center centre square plaza avenue boulevard stadium
    arena airport station hotel building palace mall tunnel dam bridge cathedral mosque temple
    embassy prison headquarters""".split())
# Words that open a sentence or a question and never a name ("Did Rezko ...", "Will McRib").
_NOT_FIRST = grammar._FUNCTION_WORDS - {"Mr", "Mrs", "Ms", "Dr", "Sir", "Madam"} | frozenset(
    "Did Does Do Is Are Was Were Has Have Had Will Would Can Could Should May Might Must".split()
)
# Titles that end a role's name ("Senate Republican Leader"); not those that are surnames too
# ("Martin Luther King").
_ROLES = _PERSON_CUES - {w.lower() for w in grammar._SURNAME_TITLES}
# A person for sure: "Mr. Rezko" is a person however the tagger typed "Tony Rezko".
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr"})
HONORIFIC_VOTE = 3.0
# Named weather is an event, not an actor or a place ("Storm Idris", "Hurricane Ian").
_WEATHER = frozenset("storm hurricane typhoon cyclone tornado".split())
# Words before a place ("in Kharkiv", "near El Fasher") and the weight of their vote.
_PLACE_BEFORE = frozenset("in near outside across towards toward to into".split())
PLACE_CUE_VOTE = 0.5
_FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "madam", "lady", "queen", "princess", "dame"})
_MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince"})
_CONNECTORS = frozenset("of and the for de del der van von la le al bin da du di".split())
# Tags a headline or a post opens with, shouted or followed by a colon ("BREAKING", "RIP",
# "Watch:"): no part of the name after them.
_HEADLINE_TAGS = frozenset(
    """breaking watch video videos photo photos live update updated updates exclusive opinion
    analysis editorial review listen rip developing urgent alert flash report poll podcast
    interview explainer factbox wrapup correction sponsored trending""".split()
)
# Departments a title names, glued before the holder's name when the title word itself was cut
# ("Commerce Malcolm Baldrige" of "Secretary of Commerce Malcolm Baldrige").
_DEPARTMENTS = frozenset(
    """commerce treasury agriculture labor labour energy transportation transport education
    health housing trade industry environment culture economy veterans homeland war navy army
    justice interior defense defence finance foreign""".split()
)
# Words that open names, so that a shorter name inside is another thing ("Free Syrian Army",
# "Royal Bank of Scotland").
_NAME_OPENERS = frozenset(
    """free new royal national united grand great holy old young big little high upper lower
    greater democratic popular islamic federal central supreme international first""".split()
)
# Last words of places' names, beyond the grammar's ("British West Indies", "Golan Heights"),
# and the words that open one before "of" ("Republic of Karelia").
_PLACE_ENDS = grammar._PLACE_CUES | frozenset(
    """Indies Isles Archipelago Atoll Heights Highlands Lowlands Plateau Basin Delta Territory
    Territories Plain Plains Straits Canal Reef Lagoon Estuary Fjord Glacier Steppe Riviera
    Corridor Strip Prefecture Governorate Krai Municipality Parish Borough Township""".split()
)
_PLACES_OF = frozenset(
    """Republic Kingdom Principality Sultanate Province Territory Isle Island Islands Gulf Bay
    Sea Strait Straits""".split()
)
# Words for a kind of place or polity: alone, no name ("the Republic", "the Valley").
_GENERIC_PLACES = frozenset(w.lower() for w in _PLACE_ENDS | _PLACES_OF) - {"gulf", "delta"} | {
    "state", "states", "city", "capital", "country", "nation", "region", "empire", "federation",
    "union", "mainland", "homeland", "continent", "village", "town", "county", "district",
}
# Calendar words: never part of a name ("Pinochet Jan 5", "Reagan Tuesday"). Months that are
# given names or surnames too ("Theresa May", "June Carter") count only abbreviated.
_CALENDAR = grammar._DAYS | (grammar._MONTHS - {"May", "June", "April", "August"})
# A word in a typo's capitals ("WIlliam"): the name is that word capitalised once.
_TYPO_CAPS = re.compile(r"^[A-Z]{2}[a-z]{2,}$")
# Words that open the title of a work, never a name ("My Infamous Life", a memoir).
_WORK_OPENERS = frozenset({"My", "Your"})
# Words for a work before its title ("the album Juvenile Hell", "his debut, Juvenile Hell.",
# "a book called “Dog Whistle Politics.”"); not those that are verbs too ("show", "play").
_WORKS = frozenset(
    """album albums debut song songs mixtape book books memoir autobiography novel film films
    movie movies documentary musical sitcom sequel""".split()
)
_WORK_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(_WORKS)) + r")(,?)\s+$", re.IGNORECASE)
_WORK_NEAR = re.compile(r"\b(?:" + "|".join(sorted(_WORKS)) + r")\b", re.IGNORECASE)
# A plural of people or goods after a country and a word ("U.S. Chip producers"); not a verb.
_PLURAL_AFTER = re.compile(r"[a-z]{3,}(?:ers|ors|ists|ants|ents|ucts|udes)")
_VERBS_LIKE_PLURALS = frozenset(
    """offers orders enters considers delivers answers covers registers prefers refers
    represents presents prevents consents remembers discovers recovers suffers""".split()
)
_QUOTES_OPEN = "\"“‘'«"
_QUOTES_CLOSE = "\"”’'»"
_COMPANY_AND = re.compile(r"[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*)* and [A-Z][\w.&'’-]*")
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,5})$")
_ALL_CAPS_WORD = re.compile(r"^[A-Z]{2,}$")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w.\-]*)[,]?\s*$")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|Al|El|ad|as|ash|an|ar)[-‑]")
_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_LETTERS = re.compile(r"[^\w\s'’\-]")
_DASH = re.compile(r"\s+[-–—]+\s+")


@dataclass
class _Mention:
    """One span as read: where it is, what the tagger made of it and what surrounded it."""

    name: str
    kind: str
    score: float
    article: int
    sentence: int
    title: str  # the title or role word just before it, lower case ("president"), or ""
    vote: bool = False  # only a vote for the kind of a name read just before, not a mention
    term: bool = False  # read as a work's title ("the album Juvenile Hell") or a common term
    # ("an Amber Alert was issued")


@dataclass
class _Name:
    votes: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    articles: Counter[int] = field(default_factory=Counter)
    sentences: set[int] = field(default_factory=set)
    titled: bool = False  # a title or role stood before it at least once


def find_entities(
    articles: Sequence[Article],
    sentences_of: Mapping[str, Sequence[str]] | None = None,
) -> tuple[list[Mention], list[Mention]]:
    """(actors, locations) of `articles`, each most-mentioned first.

    `sentences_of` maps an article id to its sentences as the pipeline split them; without it
    the articles are split here.
    """
    texts = [_sentences(a, sentences_of) for a in articles]
    lowercase = _lowercase_words(s for sentences in texts for s in sentences)
    gaz = grammar._gazetteer()
    found: list[_Mention] = []
    sentence_id = 0
    for index, (article, sentences) in enumerate(zip(articles, texts, strict=True)):
        outlet = article.source.split()[0] if article.source else ""
        read = [
            [m for m in _read(sentence, index, sentence_id + i, outlet, lowercase, gaz) if m.name]
            for i, sentence in enumerate(sentences)
        ]
        _surnames_missed(sentences, read, index, sentence_id)
        found.extend(m for in_sentence in read for m in in_sentence)
        sentence_id += len(sentences)
    # An album's title or a common term, when at least half its mentions read as one (not a
    # band named once by its self-titled album).
    said = Counter(m.name for m in found if not m.vote)
    terms = Counter(m.name for m in found if m.term)
    common = {n for n, k in terms.items() if 2 * k >= said[n] and not grammar._known(n, gaz)}
    found = [m for m in found if m.name not in common]
    _cut_glued_words(found, lowercase, gaz)
    _merge_acronyms(found)
    _resolve_short_forms(found, gaz)
    return _lists(found, articles, gaz, lowercase)


# --- Reading -------------------------------------------------------------------------------------


def _surnames_missed(
    sentences: Sequence[str], read: list[list[_Mention]], article: int, first_id: int
) -> None:
    """Add the surnames the tagger missed where the article names the person in full:
    "Lindqvist said ..." opening a sentence after "Foreign Minister Anna Lindqvist"."""
    surnames = {
        m.name.split()[-1] for in_sentence in read for m in in_sentence
        if m.kind == "person" and " " in m.name
    }
    for i, (sentence, in_sentence) in enumerate(zip(sentences, read, strict=True)):
        for surname in surnames:
            if surname not in sentence:
                continue
            pattern = r"(?<![\w'’\-])" + re.escape(surname) + r"(?![\w\-])"
            seen = len(re.findall(pattern, sentence))
            covered = sum(1 for m in in_sentence if surname in m.name.split() and not m.vote)
            in_sentence.extend(
                _Mention(surname, "person", MIN_SCORE, article, first_id + i, "")
                for _ in range(seen - covered)
            )


def _sentences(article: Article, sentences_of: Mapping[str, Sequence[str]] | None) -> list[str]:
    if sentences_of is not None and article.id in sentences_of:
        found = list(sentences_of[article.id])
    else:
        from briefing.sentences import split

        found = [s.text for s in split(article)]
    return found[:MAX_SENTENCES]


def _lowercase_words(sentences: Iterable[str]) -> frozenset[str]:
    """Every word the day writes in lower case somewhere ("despite", "leave")."""
    words: set[str] = set()
    for sentence in sentences:
        words.update(w for w in _NOT_LETTERS.sub(" ", sentence).split() if w.islower())
    return frozenset(words)


@lru_cache(maxsize=1)
def _countries() -> re.Pattern[str]:
    """Countries of two or more words, which the tagger can cut in two ("Sri" + "Lanka")."""
    gaz = grammar._gazetteer()
    names = {n for n in gaz.countries if " " in n} | {
        a for a, n in gaz.aliases.items() if " " in a and n in gaz.countries
    }
    return re.compile(
        r"(?<![\w'’\-])(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?![\w\-])"
    )


@lru_cache(maxsize=50_000)
def _spans(sentence: str) -> tuple[Span, ...]:
    """The tagger's spans of one sentence (cached: the page's lists are counted twice)."""
    if not sentence.strip():
        return ()
    return tuple(shipped_recognizer().recognize(sentence))


def _read(
    sentence: str,
    article: int,
    sentence_id: int,
    outlet: str,
    lowercase: frozenset[str],
    gaz: grammar._Gazetteer,
) -> Iterable[_Mention]:
    opening = len(sentence) - len(sentence.lstrip(" \t\"“‘'(["))
    # Curated places with lower-case words, which the tagger cuts short ("Baltic states").
    taken: list[tuple[int, int]] = []
    for match in [*gaz.phrases.finditer(sentence), *_countries().finditer(sentence)]:
        if any(match.start() < end and start < match.end() for start, end in taken):
            continue
        taken.append(match.span())
        name = gaz.aliases.get(match.group(), match.group())
        kind = "country" if name in gaz.countries else "location"
        yield _Mention(name, kind, 1.0, article, sentence_id, "")
    spans = list(_spans(sentence))
    for match in _TITLED.finditer(sentence):
        start, end = match.span(1)
        if not any(start < s.end and s.start < end for s in spans) and not any(
            start < e and s < end for s, e in taken
        ):
            spans.append(Span(start, end, match.group(1), "person", MIN_SCORE))
    for span in [piece for whole in spans for piece in _dash_pieces(whole)]:
        if span.score < MIN_SCORE:
            continue
        if any(span.start < end and start < span.end for start, end in taken):
            continue
        words = span.text.split()
        if words and words[0] in _OUTLETS | {outlet} and len(words) > 1 and span.kind == "person":
            words = words[1:]  # "Reuters Andrew Osborn"
        tags = [i for i, w in enumerate(words[:-1]) if _is_headline_tag(w)]
        if tags:
            words = words[tags[-1] + 1 :]  # "RIP Prodigy", "Wow RIP Prodigy", "Watch: Jane Doe"
        if _is_credit(sentence, span):
            continue  # "... in February.(WAH)": the writer's initials after the story
        if words and (words[0] in _WORK_OPENERS or sentence[: span.start].endswith(
                tuple(w + " " for w in _WORK_OPENERS))):
            continue  # "My Infamous Life": a memoir's title
        words = [w[0] + w[1:].lower() if _TYPO_CAPS.match(w) else w for w in words]  # "WIlliam"
        weekday = ""
        while len(words) > 1 and words[-1].rstrip(",") in _CALENDAR:
            weekday = words.pop()  # "Pinochet Jan 5", "Reagan Tuesday"
        while len(words) > 1 and words[0] in grammar._DAYS:
            words.pop(0)  # "Tuesday Reagan"
        if weekday in grammar._DAYS and len(words) == 1 and words[0].lower() in lowercase:
            continue  # "Super Tuesday", "Black Friday": a day's name, no actor
        if _modifies(words, sentence[span.end :], gaz):
            words = words[:1]  # "U.S. Chip producers": the country's producers
        title = ""
        company = span.kind != "person" and any(w.lower() in _ORG_WORDS for w in words[1:])
        while (len(words) > 2 or (len(words) == 2 and span.kind == "person")
               or (len(words) == 2 and words[0].lower().rstrip(".") in _HONORIFICS)) and (
            (words[0].lower().rstrip(".") in TITLE_WORDS and not company)  # "Defense ... Agency"
            or (words[0] in gaz.demonyms and span.kind == "person")
        ):
            first = words.pop(0)  # "General Jens Stoltenberg", "Saudi King Salman"
            title = title if first in gaz.demonyms else first.lower().rstrip(".")
        if len(words) > 1 and words[-1] in grammar._NAME_SUFFIXES:
            words.pop()  # "Martin Luther King Jr."
        cut = [i for i, w in enumerate(words[:-1]) if w.lower().rstrip(".") in _ROLES]
        rest = words[cut[-1] + 1 :] if cut else []
        if rest and all(w[:1].isupper() for w in rest) and (
            span.kind == "person" or len(rest) > 1
            or (cut[-1] > 0 and rest[0].lower() not in _ORG_WORDS)  # not "General Motors"
        ):
            title = words[cut[-1]].lower().rstrip(".")  # "House Minority Leader Nancy Pelosi"
            words = words[cut[-1] + 1 :]
        name = _display(" ".join(words), gaz)
        # "Brunswick Mining and Smelter Corp": one company's name, "and" and all.
        legal = span.kind == "organisation" and any(
            w.rstrip(".,").lower() in _COMPANY_SUFFIXES for w in words[3:]
        )
        if not _is_name(name, gaz, company=legal):
            continue
        first, *others = name.split()
        office = len(others) == 1 and others[0].lower() in _ORG_WORDS  # "Statistics Office"
        if first in _NOT_FIRST or (
            span.start <= opening and first.lower() in lowercase and not grammar._known(first, gaz)
            and not office
        ):
            if " " not in name:
                continue  # "Despite", "Leave": capitalised because the sentence starts
            name = name.split(" ", 1)[1]  # "Will McRib ...": the verb is no part of the name
        before = _WORD_BEFORE.search(sentence[: span.start])
        word_before = before.group(1).lower().rstrip(".") if before else ""
        if word_before in _WEATHER or name.split()[0].lower() in _WEATHER:
            continue  # "Storm Idris": a storm's name is no actor
        yield _Mention(
            name=name,
            kind=span.kind,
            score=span.score,
            article=article,
            sentence=sentence_id,
            title=title or (word_before if word_before in _PERSON_CUES else ""),
            term=" " in name and (
                _is_title_of_work(sentence, span) or _is_common_term(word_before, sentence, span)
            ),
        )
        if word_before in _PLACE_BEFORE:
            yield _Mention(name, "location", PLACE_CUE_VOTE, article, sentence_id, "", vote=True)


def _is_title_of_work(sentence: str, span: Span) -> bool:
    """Whether a span is the title of a work: after a word for a work ("the album Juvenile Hell",
    "their debut, Juvenile Hell."), or quoted a few words after one ("an album, “Blood Money”")."""
    after = sentence[span.end :]
    closing = after.lstrip(",.")[:2]
    quoted = (
        span.start > 0 and sentence[span.start - 1] in _QUOTES_OPEN
        and closing[:1] != "" and closing[:1] in _QUOTES_CLOSE
        and not closing[1:].isalpha()  # not "the “Supreme Court’s work"
    )
    if quoted:
        near = " ".join(sentence[: span.start - 1].split()[-6:])
        return bool(_WORK_NEAR.search(near))
    work = _WORK_BEFORE.search(sentence[: span.start])
    if work is None:
        return False
    return not work.group(1) or not after.strip() or after.lstrip()[0] in ".;)"


def _is_common_term(word_before: str, sentence: str, span: Span) -> bool:
    """Whether a name after "a" or "an" stands for a thing of its kind, with no noun after it
    that it would describe: "an Amber Alert was issued", not "a White House official", nor an
    organisation's name ("a U.S. Court of Appeals")."""
    if word_before not in ("a", "an") or any(
        w.lower().strip(".,") in _ORG_WORDS for w in span.text.split()
    ):
        return False
    after = sentence[span.end :].split()[:1]
    following = after[0].rstrip(".,;:!?\"”") if after else ""
    return not following.islower() or following.capitalize() in _NOT_FIRST


def _is_credit(sentence: str, span: Span) -> bool:
    """Initials in brackets after a story's last sentence: a writer's credit ("2019.(WAH)")."""
    before = sentence[: span.start].rstrip()
    after = sentence[span.end :].strip()
    return (
        bool(_ALL_CAPS_WORD.match(span.text))
        and before.endswith("(")
        and before[:-1].rstrip()[-1:] in ("", ".", "!", "?", '"', "”")
        and after[:1] == ")"
        and not after[1:].strip()
    )


def _modifies(words: Sequence[str], after: str, gaz: grammar._Gazetteer) -> bool:
    """Whether a country's name and a word read as one name are a country's something: the
    word is a capitalised common noun before a plural ("U.S. Chip producers")."""
    if len(words) != 2 or gaz.aliases.get(words[0], words[0]) not in gaz.countries:
        return False
    if words[1].lower() in _ORG_WORDS or grammar._known(" ".join(words), gaz):
        return False  # "U.S. Army", "China Daily"
    following = after.split()[0].rstrip(".,;:!?") if after.split() else ""
    return bool(_PLURAL_AFTER.fullmatch(following)) and following not in _VERBS_LIKE_PLURALS


def _dash_pieces(span: Span) -> Iterable[Span]:
    """A span cut at a dash between words: two names ("Prodigy — Peter Rosenberg", a post and
    its author)."""
    start = 0
    for match in [*_DASH.finditer(span.text), None]:
        end = match.start() if match else len(span.text)
        text = span.text[start:end]
        if text.strip():
            yield Span(span.start + start, span.start + end, text, span.kind, span.score)
        if match:
            start = match.end()


def _is_headline_tag(word: str) -> bool:
    bare = word.rstrip(":")
    return bare.lower().replace(".", "") in _HEADLINE_TAGS and (
        bare.replace(".", "").isupper() or word.endswith(":")
    )


def _display(name: str, gaz: grammar._Gazetteer) -> str:
    """One form of a name: "the U.S.'s" -> "United States", "<Santos Ltd <STOS.S" -> "Santos"."""
    name = name.lstrip("<").split("<")[0].split(">")[0]  # wire tickers: "<San Miguel Corp>"
    name = name.strip(" -–—'’\"“”‘(),;:")
    if name.endswith(("'s", "’s")):
        name = _POSSESSIVE.sub("", name)
    if name.lower().startswith("the "):
        name = name[4:]
    words = name.split()
    while len(words) > 1 and words[-1].rstrip(".").lower() in _COMPANY_SUFFIXES:
        words.pop()  # "Santos Ltd", "Moonie Pipeline Co Pty Ltd"
    name = " ".join(words)
    return gaz.aliases.get(name) or _STATES.get(name) or name


def _is_name(name: str, gaz: grammar._Gazetteer, company: bool = False) -> bool:
    words = name.split()
    if not words or len(words) > MAX_NAME_WORDS or len(name) < 2:
        return False
    if any(c.isdigit() for c in name) or not any(c.isupper() for c in name):
        return False  # "F-16", "A380", "covid"
    if name in gaz.acronyms_not_actors or name in grammar._MONTHS:
        return False  # "GDP", "CEO", "Ukrainian", "March"
    if name in grammar._DAYS:
        return False
    if all(_ALL_CAPS_WORD.match(w) for w in words) and (len(words) > 1 or len(name) > 6):
        return False  # "BREAKING NEWS", "UPDATED": shouting, not an acronym
    if words[-1].lower() in _CONNECTORS or words[0].lower() in ("and", "of"):
        return False  # a fragment cut mid-name
    if re.search(r"[a-z][A-Z]{2,}", name):
        return False  # "AFP picNEW DELHI": a credit glued to a dateline
    if any(w.lower().rstrip(".") in _UNITS for w in words):
        return False  # "U.S. Dlrs"
    # "Brunswick Mining and Smelter" of "... Smelter Corp": one company's legal name.
    legal_name = company and _COMPANY_AND.fullmatch(name)
    run_together = re.search(r"[,/<>@#|:;()\[\]!?]|['’]s\s| and ", name)
    if run_together and not legal_name and not grammar._known(name, gaz):
        return False  # two names run together: "White House and Pelosi/House", "Ariadne, Jacksons"
    if len(words) == 1 and name in grammar._DIRECTIONS:
        return False  # "the West": a bloc or a direction, never a place to look up
    if len(words) == 1 and _is_demonym(name, gaz):
        return False  # "Philippine", "Ukrainian"
    if len(words) == 1 and len(name.rstrip(".")) <= 2 and not name.isupper():
        return False  # "Ct.", "Mt": an abbreviation cut from its name
    if len(words) > 1 and words[-1].lower().rstrip(".") in _ROLES:
        return False  # "Senate Republican Leader": a role, not who holds it
    return not all(w.lower().rstrip(".") in TITLE_WORDS for w in words)  # "Prime Minister"


def _is_demonym(word: str, gaz: grammar._Gazetteer) -> bool:
    """A nationality word: listed, or a country's name without its plural "s" ("Philippine")."""
    return word in gaz.demonyms or (word + "s") in gaz.countries or (
        shipped_recognizer().gazetteer.names.get((word,)) == "demonym"
    )


# --- One name for one thing ----------------------------------------------------------------------


def _cut_glued_words(
    found: list[_Mention], lowercase: frozenset[str], gaz: grammar._Gazetteer
) -> None:
    """Cut the words read together with a name on its left: a department whose title was cut
    ("Commerce Malcolm Baldrige" where the day names Baldrige), and a common word before a name
    the day names on its own more often ("The Infamous Mobb Deep", an album of Mobb Deep;
    "Operations for Consumers Energy", a post at Consumers Energy)."""
    people = {m.name.split()[-1] for m in found if m.kind == "person" and not m.vote}
    for m in found:
        words = m.name.split()
        if (
            len(words) > 1
            and words[0].lower() in _DEPARTMENTS
            and not any(w.lower() in _ORG_WORDS or w.lower() in _CONNECTORS for w in words)
            and (m.kind == "person" or words[-1] in people)
            and not grammar._known(m.name, gaz)
        ):
            m.name, m.kind = " ".join(words[1:]), "person"
            m.title = m.title or words[0].lower()
    said = Counter(m.name for m in found if not m.vote)
    for m in found:
        words = m.name.split()
        if grammar._known(m.name, gaz) or m.name in gaz.cities:
            continue
        for lead in (words[:2], words[:1]):
            rest = " ".join(words[len(lead):])
            if (
                len(words) > len(lead)
                and _is_glued(lead, lowercase, gaz)
                and said[rest] >= 2 * said[m.name]
                and (" " in rest or lead[-1] == "for")  # not "Bill Cosby" -> "Cosby"
                and rest.lower() not in lowercase
            ):
                m.name = rest
                break


def _is_glued(lead: list[str], lowercase: frozenset[str], gaz: grammar._Gazetteer) -> bool:
    """Whether the words before a name are no part of it: a word the day writes in lower case
    ("Infamous"), or a plural before "for" ("Operations for"); never a word names open with."""
    word = lead[0]
    low = word.lower().rstrip(".")
    if (
        low in _NAME_OPENERS or low in TITLE_WORDS or low in _ORG_WORDS
        or low in _CONNECTORS or low in _GENERIC_PLACES
        or word in grammar._DIRECTIONS or word in gaz.demonyms or grammar._known(word, gaz)
    ):
        return False
    if len(lead) == 2:
        return lead[1] == "for" and (low in lowercase or (low.endswith("s") and low[-2:] != "ss"))
    return low in lowercase


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _CONNECTORS and w[0].isupper())


def _merge_acronyms(found: list[_Mention]) -> None:
    """Count an acronym for the organisation the day spells out ("EU" -> "European Union")."""
    spelled: dict[str, set[str]] = defaultdict(set)
    for m in found:
        if m.kind == "organisation" and " " in m.name:
            spelled[_initials(m.name)].add(m.name)
    for m in found:
        if _ACRONYM.match(m.name):
            targets = spelled.get(m.name.replace(".", ""), set())
            if len(targets) == 1:
                m.name = next(iter(targets))
                m.kind = "organisation"


def _resolve_short_forms(found: list[_Mention], gaz: grammar._Gazetteer) -> None:
    """Count a one-word name for the full name it stands for, or for none when that is
    ambiguous (see the module's docstring)."""
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    titles: dict[str, set[str]] = defaultdict(set)
    for m in found:
        votes[m.name][m.kind] += m.score
        if m.title:
            votes[m.name]["person"] += _title_vote(m.title)
            titles[m.name].add(m.title)
    # A full name is a person's when its own mentions say so, together with those of its
    # surname alone ("Adolf Eichmann" tagged a place in a quote, "Eichmann" a person ten times).
    kind_of: dict[str, str] = {}
    for name, vote in votes.items():
        if " " in name:
            if name.split()[-1].lower() in _FACILITY_WORDS:  # "Trump Tower": a building
                kind_of[name] = "location"
                continue
            person = vote["person"] + votes.get(name.split()[-1], {}).get("person", 0.0)
            others = max(vote["organisation"], vote["location"], vote["country"])
            kind_of[name] = "person" if person >= others else max(vote, key=vote.__getitem__)
    people = {name for name, kind in kind_of.items() if kind == "person"}
    for m in found:
        words = m.name.split()
        for n in (2, 3):
            tail = " ".join(words[-n:])
            if len(words) > n and tail in people:
                m.name, m.kind = tail, "person"  # "Elections Brenda Snipes", "Rancher Cliven Bundy"
                break
    full: dict[tuple[str, ...], set[str]] = defaultdict(set)  # (where, how, word) -> full names
    for m in found:
        kind = kind_of.get(m.name)
        if kind == "person":
            words = m.name.split()
            surname = _ARTICLE_PREFIX.sub("", words[-1])  # "Bashar al-Assad" -> "Assad"
            for where in (str(m.article), "day"):
                full[where, "surname", surname].add(m.name)
                full[where, "given name", words[0]].add(m.name)
        elif kind == "organisation":
            for where in (str(m.article), "day"):
                first = m.name.split()[0]
                full[where, "short", first].add(m.name)  # "Pew Research Center"
                for cut in range(3, min(len(first), 6)):
                    full[where, "clipped", first[:cut]].add(m.name)  # "Fed": "Federal Reserve"
    for m in found:
        if " " in m.name or not m.name:
            continue
        region = m.name in gaz.countries or m.name in gaz.places
        if region and m.kind != "person" and not m.title:
            continue  # "in Jordan" on a day that also names Michael Jordan
        city = m.name in gaz.cities and m.kind == "location" and not m.title
        for where in (str(m.article), "day"):
            if where == "day" and city:
                break  # "in Paris" is Paris Hilton only in her own story
            candidates = set()
            kind = ""
            for how, kind in (("surname", "person"), ("given name", "person"),  # noqa: B007
                              ("short", "organisation"), ("clipped", "organisation")):
                if how == "clipped" and (len(m.name) > 4 or m.kind != "organisation"):
                    continue  # "Fed" for "Federal Reserve"; never "Ford" for "Fordham"
                candidates = full.get((where, how, m.name), set())
                if candidates:
                    break
            if kind == "organisation" and (len(candidates) > 1 or m.name in gaz.organisations):
                m.kind = kind  # "Apple" of "Apple Pay" and "Apple Music" is Apple itself
                break
            if candidates:
                chosen = _which(m, candidates, titles)
                if chosen:
                    m.name, m.kind = chosen, kind
                else:
                    m.name = ""  # "Obama" on a day of two Obamas, the sentence not saying which
                break


def _title_vote(title: str) -> float:
    return HONORIFIC_VOTE if title in _HONORIFICS else 1.0


def _which(mention: _Mention, candidates: set[str], titles: Mapping[str, set[str]]) -> str:
    if len(candidates) == 1:
        return next(iter(candidates))
    if mention.title:
        titled = {c for c in candidates if mention.title in titles.get(c, set())}
        if len(titled) == 1:
            return next(iter(titled))
        for gender in (_FEMALE_TITLES, _MALE_TITLES):
            if mention.title in gender:
                same = {c for c in candidates if titles.get(c, set()) & gender}
                if len(same) == 1:
                    return next(iter(same))
    return ""


# --- Kinds and lists -----------------------------------------------------------------------------


def _lists(
    found: Sequence[_Mention],
    articles: Sequence[Article],
    gaz: grammar._Gazetteer,
    lowercase: frozenset[str],
) -> tuple[list[Mention], list[Mention]]:
    # One name whatever its case ("UNICEF", "Unicef"): the form written most often shows.
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for m in found:
        if m.name:
            forms[m.name.casefold()][m.name] += 1
    for m in found:
        if m.name:
            m.name = forms[m.name.casefold()].most_common(1)[0][0]
    names: dict[str, _Name] = {}
    for m in found:
        if not m.name:
            continue
        entry = names.setdefault(m.name, _Name())
        entry.votes[m.kind] += m.score
        if m.title:
            entry.votes["person"] += _title_vote(m.title)
            entry.titled = True
        if not m.vote:
            entry.articles[m.article] += 1
            entry.sentences.add(m.sentence)
    actors: list[Mention] = []
    locations: list[Mention] = []
    for name, entry in names.items():
        kind = _kind(name, entry.votes, gaz)
        total = sum(entry.articles.values())
        if not total:
            continue  # only votes, no mention left (its mentions went to a full name)
        if (
            len(entry.sentences) < 2
            and " " not in name
            and not entry.titled
            and not grammar._known(name, gaz)
            and name not in gaz.cities
            and not _ACRONYM.match(name)  # "FBI" needs no second sentence
        ):
            continue  # one word in one sentence, unknown to the gazetteer: "Gripen"
        mention = Mention(name, kind, total, tuple(articles[i].id for i in sorted(entry.articles)))
        if not kind:
            continue
        if (
            kind == "location"
            and " " not in name
            and name.lower() in lowercase
            and name not in gaz.places
        ):
            continue  # "the Republic", "Union": a common noun the day also writes in lower case
        if (
            kind != "person"
            and " " not in name
            and name.lower() in _GENERIC_PLACES
            and not grammar._known(name, gaz)
        ):
            continue  # "the Republic", "the Valley": a kind of place, not its name
        if kind in ("person", "organisation", "country"):
            actors.append(mention)
        if kind in ("country", "location"):
            locations.append(mention)
    once = {name for name, entry in names.items() if len(entry.sentences) < 2}
    actors.sort(key=lambda m: (m.name in once, -m.mentions, -len(m.article_ids),
                               grammar._ACTOR_ORDER[m.kind], m.name))
    # Places the gazetteer knows come first: the tagger's own places are more often something
    # else ("Air Policing", a mission; "Arizona Republic", a newspaper).
    locations.sort(key=lambda m: (not _known_place(m.name, gaz), m.name in once, -m.mentions,
                                  -len(m.article_ids), grammar._breadth(m, gaz), m.name))
    return actors, locations


def _known_place(name: str, gaz: grammar._Gazetteer) -> bool:
    return (
        name in gaz.countries
        or name in gaz.places
        or name in gaz.cities
        or name in _STATES.values()
        or _is_place_name(name.split())
    )


def _kind(name: str, votes: Mapping[str, float], gaz: grammar._Gazetteer) -> str:
    """One kind for a name, from every mention's vote and the gazetteer."""
    if name in gaz.countries:
        return "country"
    if name in gaz.places and votes["person"] <= votes["location"] + votes["country"]:
        return "location"
    if name in gaz.organisations:
        return "organisation"
    words = name.split()
    if _is_place_name(words) and votes["person"] < 1:
        return "location"  # "Times Square", "Lake Superior", "British West Indies"
    if len(words) > 1 and any(w.lower() in _ORG_WORDS for w in words):
        return "organisation"  # "Banco de Mexico", "Bank of Italy", "Energy Department"
    best = max(("person", "organisation", "location", "country"), key=lambda k: votes[k])
    if votes[best] < AGREEMENT * sum(votes.values()):
        return ""  # the tagger cannot tell what it is ("Europa": a person, a place, a company)
    if best == "country":
        return "location"  # the tagger's place the gazetteer does not list as a country
    return best


def _is_place_name(words: Sequence[str]) -> bool:
    """A name whose words make it a place: "Rift Valley", "Lake Superior", "Republic of Karelia";
    not an organisation named after one ("Port Authority")."""
    if len(words) < 2:
        return False
    if words[-1] in _PLACE_ENDS or (words[0] in _PLACES_OF and words[1] == "of"):
        return True
    return words[0] in grammar._PLACE_OPENERS and not any(w.lower() in _ORG_WORDS for w in words)

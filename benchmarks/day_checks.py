"""What a reader would object to on a brief's page: detectors for the day benchmark and its tests.

    furniture_headline("Getty Images / PHOTOGRAPHER / Contributor")  -> "photo or video credit"
    name_list("Lagos, Bola Tinubu, Senate, Naira")                   -> True
    caption("In this Feb. 11, 2007, file photo, a man waves.")       -> True
    near_repeat("The bank raised rates.", "Rates were raised by the bank.")  -> True

Each detector is a handful of patterns, written for scraped English news; a hit is a reason to
look at the page, not a proof. They judge the brief's output only; the product never imports them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# --- Headlines -----------------------------------------------------------------------------------

# (reason, pattern); the first that matches names the kind of furniture.
FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("photo or video credit", re.compile(
        r"\bgetty\s*images\b|\bAP\s+Photo\b|\bphotographer\b|\bcontributor\b|\bshutterstock\b"
        r"|\b(?:file|handout)\s+(?:photo|picture|image)\b"
        r"|\b(?:photo|image|picture|video)\s+(?:credit|courtesy|by)\b"
        r"|^(?:photos?|images?|pictures?|video|gallery|slideshow|playlist|watch)\s*[:|]"
        r"|\bin\s+pictures\b|\bplaylist\b|\bphoto\s+gallery\b", re.I)),
    ("video player text", re.compile(
        r"\bembed\b|\bautoplay\b|copy\s+this\s+code|\bvideo\s+player\b|\bnow\s+playing\b"
        r"|\bup\s+next\b|\breplay\b", re.I)),
    ("page block label", re.compile(
        r"\bstory\s+highlights\b|\beditor'?s\s+picks?\b|\brelated\s+(?:stories|articles|content|"
        r"coverage|links)\b|\bmore\s+from\b|\btrending\s*(?:now|news)?\s*[:|]|\bmost\s+(?:read|"
        r"popular|viewed)\b|\btop\s+stories\s*[:|]", re.I)),
    ("uncleaned prefix", re.compile(
        r"^\s*(?:UPDATED?|EXCLUSIVE|BREAKING(?:\s+NEWS)?|WATCH|VIDEO|PHOTOS?|LIVE|OPINION|ANALYSIS|"
        r"EDITORIAL|FACTBOX|WRAPUP|CORRECTED|REFILE|RPT|REPEAT|UPDATE\s+\d+)\s*[:|\-–—]"
        r"|^\s*(?:updated|exclusive|breaking|watch)\s*:", re.I)),
    ("wire slug or editors' note", re.compile(
        r"^\s*BC-|\b[A-Z0-9]{2,}(?:-[A-Z0-9]{2,}){2,}\b|\b(?:EDITORS?|ATTN|ATTENTION\s+EDITORS)\b\s*:"
        r"|^\s*(?:eds?|editors?)\s*:|^\s*[A-Z]{4,}\s*$")),
    ("byline or contact", re.compile(
        r"^\s*(?:[Bb]y|[Pp]osted\s+by|[Ww]ritten\s+by)\s+(?:[A-Z][\w.'’-]*\s*){1,4}(?:$|[,|•·]|\s-\s|\band\b|\d)"
        r"|^\s*(?:[Pp]osted|[Ww]ritten)\s+by\b|[\w.-]+@[\w-]+\.\w+|(?:^|\s)@\w{3,}")),
    ("timestamp", re.compile(
        r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?!\d)|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|"
        r"days?)\s+ago\b|\b(?:GMT|UTC|EST|EDT|PST|PDT|BST|CET)\b"
        r"|^\s*(?:updated|published|posted|last\s+updated|first\s+published)\b", re.I)),
    ("cookie, newsletter or sign-up text", re.compile(
        r"\bcookies?\b.*\b(?:use|policy|consent|accept|settings)\b|\b(?:accept|use)\b.*\bcookies\b"
        r"|\bnewsletter\b|\bsign\s+up\b|\bsubscribe\b|\bsubscription\b|\blog\s*in\b|\bregister\s+now\b"
        r"|\bprivacy\s+policy\b|\bterms\s+of\s+(?:use|service)\b|\ball\s+rights\s+reserved\b|©"
        r"|\badvertisement\b|\bsponsored\b|\bshare\s+(?:this|on)\b|\bfollow\s+us\b|\bread\s+more\b"
        r"|\bclick\s+here\b|\btap\s+here\b|\bjavascript\b", re.I)),
    ("site name", re.compile(
        r"\s[|»]\s*[^|»]{1,40}$|\s[-–—]\s*(?:BBC(?:\s+News)?|Reuters|CNN(?:\.com)?|The\s+Guardian|"
        r"Fox\s+News|NPR|AP|Associated\s+Press|Al\s+Jazeera(?:\s+English)?|The\s+New\s+York\s+Times|"
        r"Daily\s+Mail(?:\s+Online)?|HuffPost|The\s+Washington\s+Post|USA\s+TODAY|ABC\s+News|"
        r"NBC\s+News|CBS\s+News)\s*$|(?:^|\s[-–—|:]\s*)[\w-]+\.(?:com|net|org|co\.uk)\s*$"
        r"|^(?:The\s+)?(?:[A-Z][\w.'-]*\s+){0,2}(?:Times|Post|News|Herald|Tribune|Journal|Guardian|"
        r"Telegraph|Gazette|Chronicle|Observer|Independent|Online)\s*$")),
)

SECTION_LABELS = frozenset("""
news world us u.s. uk politics business sport sports entertainment opinion home homepage
latest health technology tech science video videos photos pictures gallery local national
international lifestyle travel weather markets money culture arts media tv music movies style
food education environment crime feature features analysis blogs blog live trending menu search
more advertisement comment editorial obituaries interview
""".split()) | frozenset(
    "world news|us news|u.s. news|uk news|top stories|latest news|breaking news|local news|"
    "national news|business news|sports news|news home|most read|most popular|editors picks"
    .split("|")
)


def furniture_headline(headline: str) -> str | None:
    """Why `headline` is page furniture rather than a headline, or None when it reads as one."""
    text = " ".join(headline.split())
    if not text:
        return "empty"
    for reason, pattern in FURNITURE:
        if pattern.search(text):
            return reason
    bare = re.sub(r"[^\w\s.&'-]", " ", text).strip().lower()
    if " ".join(bare.split()) in SECTION_LABELS:
        return "section label"
    plain = re.sub(r"<[^<>]*>", " ", text)  # ticker marks: "CSX <CSX> UNIT ..."
    crumbs = [p.strip() for p in re.split(r"\s*[»|]\s*|\s+[>/]\s+", plain) if p.strip()]
    if len(crumbs) >= 2 and all(len(p.split()) <= 3 for p in crumbs):
        return "section label"
    ends = [p.strip(" .").lower() for p in re.split(r"\s*[:|]\s+|\s+[-–—]\s+", plain)]
    if len(ends) >= 2 and (ends[0] in SECTION_LABELS or ends[-1] in SECTION_LABELS):
        return "section label"
    return None


# Words that may sit inside a name in lower case ("Bank of England", "Charles de Gaulle").
NAME_JOINERS = frozenset(
    "of the and de la le du da das dos van von der den al el bin ibn y & for on".split()
)
# Capitalised words that show a title-case headline is a clause, not a name.
CLAUSE_WORDS = frozenset("""
a an as at after amid against before by despite during from in into is are was were be been
being will would could can may might must should shall has have had do does did not no over
under up down out off to with without says said say tells told calls called gets got wins won
new more than vs versus why how what who when where which while if but so
""".split())


def name_list(headline: str) -> bool:
    """True when `headline` is a list of names ("Lagos, Bola Tinubu, Senate, Naira"): two or more
    parts separated by commas, semicolons or bullets, each a short run of capitalised words,
    with no verb or clause word anywhere."""
    text = " ".join(headline.split()).strip(" .")
    parts = [p.strip() for p in re.split(r"\s*[,;·•]\s*|\s+[|/]\s+", text) if p.strip()]
    if len(parts) < 2:
        return False
    for part in parts:
        words = re.findall(r"[\w.'’&-]+", part)
        if not words or len(words) > 4:
            return False
        named = 0
        for word in words:
            plain = word.lower().strip(".'’")
            if plain in CLAUSE_WORDS:
                return False
            if plain in NAME_JOINERS:
                continue
            if word[0].isupper() or word[0].isdigit():
                named += 1
                continue
            return False
        if not named:
            return False
    return True


# Words a headline cannot end on: it was cut before what they need ("Crews are warning
# against", "A man who was believed to have been", "State police have charged six University").
CUT_ENDINGS = frozenset("""
a an the of to in on at for with from by into about against than that who whom whose which
and or but is are was were be been being has have had will would could can may might must
should shall do does did not his her their its our your my this these those
""".split())


def cut_headline(headline: str) -> bool:
    """True when `headline` was cut short: it ends on "…" (or "...") or on a word that needs what
    follows it (an article, a preposition, an auxiliary, a relative pronoun), or inside a name
    ("six University" before "of Connecticut" is not checkable here; the ending word is)."""
    text = " ".join(headline.split())
    if text.endswith(("…", "...")):
        return True
    text = text.rstrip(" .,;:")
    words = re.findall(r"[\w'’-]+", text)
    return bool(words) and words[-1].casefold() in CUT_ENDINGS


# --- Sentences -----------------------------------------------------------------------------------

CAPTION_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bin\s+this\b[^.]{0,120}?\b(?:file\s+)?(?:photo|image|picture|photograph|"
               r"frame\s+grab|video\s+grab)\b", re.I),
    re.compile(r"\(\s*(?:photo|image|picture|credit|photograph|pictured)\b[^)]*\)", re.I),
    re.compile(r"^\s*(?:photo|image|picture|caption|credit|photograph|pictured|above|top|"
               r"left|right|below)\s*:", re.I),
    re.compile(r"\bpictured\b", re.I),
    re.compile(r"/\s*(?:Getty|AP|AFP|Reuters|EPA|Shutterstock|Bloomberg|Corbis|PA|Xinhua)\b"),
    re.compile(r"\bAP\s+Photo\b|\bgetty\s+images\b|\bshutterstock\b", re.I),
    re.compile(r"\b(?:file|handout|undated|courtesy)\s+(?:photo|picture|image)\b", re.I),
    re.compile(r"\b(?:photo|image|picture)\s+(?:by|courtesy|credit)\b", re.I),
)


def caption(sentence: str) -> bool:
    """True when `sentence` reads as a photo caption or credit rather than reported news."""
    return any(p.search(sentence) for p in CAPTION_PATTERNS)


STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves said says say told according
mr mrs ms would could may might must shall one two us
""".split())

# Two sentences say the same thing when their content words overlap this much: ROUGE-1 F1 over
# content-word sets (Dice), or the shorter one almost wholly inside the longer one.
REPEAT_F1 = 0.6
REPEAT_CONTAINED = 0.8
MIN_WORDS = 4


def content_words(sentence: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+(?:[.,][0-9]+)?", sentence.lower().replace("’", "'"))
    stems = set()
    for word in words:
        if word in STOPWORDS or len(word) < 2:
            continue
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        stems.add(word)
    return frozenset(stems)


def overlap(a: str, b: str) -> tuple[float, float]:
    """(ROUGE-1 F1, containment of the shorter) over the content words of `a` and `b`."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0, 0.0
    common = len(wa & wb)
    return 2 * common / (len(wa) + len(wb)), common / min(len(wa), len(wb))


# Two sentences from different articles about the same event (known from the day's gold events)
# that share this much are taken as one fact told twice: two reports of one event reword it
# ("placed under house arrest" / "confined to his home"), so their overlap is lower than a copy's.
SAME_EVENT_F1 = 0.3


# A denial of a report tells something the report does not (and a reader needs both).
DENIAL = re.compile(r"\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|not true|untrue)\b", re.I)


def near_repeat(a: str, b: str, *, same_event: bool = False) -> bool:
    """True when `a` and `b` say the same thing in (nearly) the same words; with `same_event`
    (two reports of one event), a lower overlap is enough."""
    if " ".join(a.split()) == " ".join(b.split()):
        return True
    if min(len(content_words(a)), len(content_words(b))) < MIN_WORDS:
        return False
    if bool(DENIAL.search(a)) != bool(DENIAL.search(b)):
        return False  # "X raised its offer" / "X denied it raised its offer": two facts
    f1, contained = overlap(a, b)
    return f1 >= (SAME_EVENT_F1 if same_event else REPEAT_F1) or contained >= REPEAT_CONTAINED


Origin = tuple[str, str]  # (event, article) a sentence was cited from


def _two_reports(origins: Sequence[Origin | None] | None, i: int, j: int) -> bool:
    if origins is None or origins[i] is None or origins[j] is None:
        return False
    (event_i, article_i), (event_j, article_j) = origins[i], origins[j]  # type: ignore[misc]
    return event_i == event_j and article_i != article_j


def repeat_pairs(
    sentences: Sequence[str], origins: Sequence[Origin | None] | None = None
) -> list[tuple[int, int]]:
    """Index pairs (i < j) of `sentences` that are near repeats of each other; `origins`, when
    given, names each sentence's (event, article), None where unknown."""
    return [
        (i, j)
        for i in range(len(sentences))
        for j in range(i + 1, len(sentences))
        if near_repeat(sentences[i], sentences[j], same_event=_two_reports(origins, i, j))
    ]


def bottom_line_repeats(
    bottom_line: Sequence[str],
    elsewhere: Sequence[str],
    origins: Sequence[Origin | None] | None = None,
) -> int:
    """Pairs of bottom-line sentences that repeat each other, plus bottom-line sentences that
    repeat a sentence shown elsewhere on the page. `origins`, when given, names the (event,
    article) of each sentence of `bottom_line` followed by those of `elsewhere`."""
    page = [*bottom_line, *elsewhere]
    n = len(bottom_line)
    pairs = repeat_pairs(page, origins)
    within = sum(1 for i, j in pairs if j < n)
    return within + len({i for i, j in pairs if i < n <= j})


# Furniture inside a sentence: bylines, wire datelines and editors' notes, ratings, share text.
SENTENCE_FURNITURE: tuple[re.Pattern[str], ...] = (
    re.compile(r"\((?:Adds|Updates|Recasts|Corrects|Changes|Refiles|Repeats)\b[^)]*\)"),
    re.compile(r"\bBy\s+(?:[A-Z][\w.'’-]+\s+){1,3}(?:[A-Z]{3,}\b|\||,\s*(?:Staff|Associated|"
               r"Reuters|AP|AFP))"),
    re.compile(r"\((?:Reuters|AP|AFP|UPI|Xinhua|dpa|CNN)\)\s*[-–—]+"),
    re.compile(r"^\s*[^/|]{1,30}(?:\s+[/|]\s+[^/|]{1,30}){2,}\s*$"),  # News / Business / Arts
    re.compile(r"\bunable\s+to\s+find\b|\bpage\s+not\s+found\b|\b404\b.*\bnot\s+found\b", re.I),
    re.compile(r"\bcurrent\s+rating\b|\bclick\s+(?:here|to)\b|\bstory\s+highlights\b"
               r"|\b(?:share|tweet|email|print)\s+this\b|\bfollow\s+us\b|\bsign\s+up\b"
               r"|\ball\s+rights\s+reserved\b|\bcopyright\s+(?:©\s*)?\d{4}|\beditor'?s\s+note\b",
               re.I),
)


def furniture_sentence(sentence: str) -> bool:
    """True when `sentence` carries page or wire furniture (a byline, an editors' note, a
    wire dateline in the middle, share or sign-up text)."""
    return any(p.search(sentence) for p in SENTENCE_FURNITURE)

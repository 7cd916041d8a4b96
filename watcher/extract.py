"""The extractors behind ``watcher.match``: sentences, dates, roles, images.

``match`` decides *which* spans of an item are the tracked film (``Mark``);
this module reads the answers next to them. Everything here is pure and works
on one sentence at a time, so a fact is only attributed to the film when the
film (or an anaphor that resolves to it) is in the same sentence.

The linguistic defaults (release verbs, hedges, role verbs, first-look nouns)
live here; a question's ``cues`` and ``reject`` extend them from config.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Literal

from dateutil import parser as date_parser

DatePrecision = Literal["day", "month", "season", "year"]
MarkKind = Literal["name", "other", "anaphor"]
ImageNoun = Literal["poster", "still"]

# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    text: str
    title: bool  # the item's headline
    line: bool  # a whole paragraph: list items are one line each


@dataclass(frozen=True, slots=True)
class Mark:
    """A span naming a work: the subject, another title, or an anaphor."""

    start: int
    end: int
    kind: MarkKind
    subject: bool  # refers to the tracked subject (anaphors: as resolved)


@dataclass(frozen=True, slots=True)
class Found:
    value: str
    display: str
    precision: DatePrecision | None
    confidence: float
    hedged: bool
    evidence: str
    inferred: bool = False  # a date whose year was worked out, not written


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int
    end: int
    value: str
    display: str
    precision: DatePrecision
    relative: bool  # "next June", "this fall": only trusted in a headline
    inferred: bool = False  # the year was not written but worked out from the item's date


@dataclass(frozen=True, slots=True)
class Scene:
    """One entry as seen for one subject."""

    sentences: tuple[Sentence, ...]
    marks: tuple[tuple[Mark, ...], ...]  # per sentence, sorted by start
    carried: tuple[bool | None, ...]  # per sentence: does the last earlier title refer to us?
    dates: tuple[tuple[DateSpan, ...], ...]  # per sentence
    images: tuple[str, ...]
    headline_rejected: bool  # the headline is about a trailer, festival, ...
    undated: bool = False  # no date on the item: year-less dates read against the poll time


# --------------------------------------------------------------------------- helpers


def phrase_pattern(phrase: str) -> str:
    """A configured phrase as a regex: words in order, any run of spaces,
    hyphens or punctuation between them ("first look" = "first-look")."""
    words = re.findall(r"\w+", phrase)
    if not words:
        return r"(?!x)x"
    return r"[^\w\n]{1,4}".join(re.escape(w) for w in words)


def phrases_regex(phrases: Iterable[str], *, inflect: bool = False) -> re.Pattern[str] | None:
    """One case-insensitive, word-bounded alternation, longest phrase first."""
    unique = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not unique:
        return None
    body = "|".join(_inflected(p) if inflect else phrase_pattern(p) for p in unique)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I)


def _inflected(phrase: str) -> str:
    """ "release" also matches releases, released, releasing; "push" pushes, pushed."""
    pattern = phrase_pattern(phrase)
    if not re.search(r"[a-z]$", phrase, re.I):
        return pattern
    if phrase.lower().endswith("e"):
        return pattern[:-1] + r"(?:e|es|ed|ing)"
    return pattern + r"(?:s|es|d|ed|ing)?"


def key(text: str) -> str:
    """Comparable form of a phrase: case, quotes and punctuation ignored."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


# --------------------------------------------------------------------------- sentences

_ABBREVIATIONS = frozenset((
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "vol", "inc", "co", "corp", "ltd", "mt",
    "ft", "approx", "est", "dept", "gen", "gov", "sen", "rep", "u.s", "u.k", "e.g", "i.e", "etc",
))  # fmt: skip
_BOUNDARY = re.compile(r"[.!?][’”\"')\]]*\s+(?=[‘“\"'(\[]?[A-Z0-9])")
# Aggregators append " - Outlet" to the headline and repeat it as the body.
_OUTLET_SUFFIX = re.compile(r"\s+[-–|]\s+[^-–|]{2,40}$")


def split_sentences(title: str, text: str) -> list[Sentence]:
    out: list[Sentence] = []
    title = title.strip()
    if title:
        pieces = _split_paragraph(title)
        out.extend(Sentence(i, p, title=True, line=len(pieces) == 1) for i, p in enumerate(pieces))
    headline_key = key(_OUTLET_SUFFIX.sub("", title)) if title else ""
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        pieces = _split_paragraph(paragraph)
        for piece in pieces:
            piece_key = key(piece)
            if (
                headline_key
                and piece_key.startswith(headline_key)
                and len(piece_key[len(headline_key) :].split()) <= 4
            ):
                continue  # the headline again, maybe with the outlet's name
            out.append(Sentence(len(out), piece, title=False, line=len(pieces) == 1))
    return out


def _split_paragraph(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(paragraph):
        before = paragraph[start : boundary.start()]
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        word = last.strip("‘“\"'(").casefold()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue  # "Sept. 26", "J. J. Abrams"
        pieces.append(paragraph[start : boundary.start() + 1].strip())
        start = boundary.end()
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


# --------------------------------------------------------------------------- hedges

# Modal hedges count before the value they qualify; attributions anywhere.
_MODAL_HEDGE = re.compile(
    r"(?<!\w)(?:could|might|would|possibly|potentially|likely|"
    r"expected\s+to|tipped\s+to|poised\s+to|in\s+talks|in\s+negotiations|eyes|eyeing|"
    r"considering|weighing|mulling|targeting|aiming|tentatively|rumou?red|rumou?rs?|"
    r"speculat\w*|whether|unclear|unknown|not\s+known|unconfirmed|not\s+confirmed)(?!\w)",
    re.I,
)
# "may" the verb, not the month: "Arrives In May", "May 30", "in early May".
_MAY = re.compile(
    r"(?<![Ii]n\s)(?<![Tt]o\s)(?<![Bb]y\s)(?<![Oo]f\s)(?<![Ff]or\s)(?<![Tt]his\s)"
    r"(?<![Nn]ext\s)(?<![Ee]arly\s)(?<![Ll]ate\s)(?<!mid-)(?<![Uu]ntil\s)(?<![Ff]rom\s)"
    r"(?<!\w)[Mm]ay(?!\w)(?!\s*(?:\d|[,.;:)]|$|and\b|or\b|to\b))"
)
_ATTRIBUTED = re.compile(
    r"(?<!\w)(?:reportedly|allegedly|sources?\s+(?:say|said|tell|told|close)|"
    r"according\s+to\s+(?:sources|people|insiders|reports?|a\s+report)|"
    r"people\s+familiar|insiders?|per\s+sources|is\s+said\s+to|are\s+said\s+to|"
    r"believed\s+to|understood\s+to|rumou?red|rumou?rs?)(?!\w)",
    re.I,
)


def hedged(sentence: str, upto: int) -> bool:
    if sentence.rstrip(" ’”\"')").endswith("?"):
        return True
    return bool(
        _ATTRIBUTED.search(sentence)
        or _MODAL_HEDGE.search(sentence, 0, upto)
        or _MAY.search(sentence, 0, upto)
    )


_NEGATION = re.compile(r"(?<!\w)(?:not|n[’']t|never|no\s+longer|won[’']t)(?!\w)", re.I)


# --------------------------------------------------------------------------- dates

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_SEASONS = {
    "spring": "spring",
    "summer": "summer",
    "fall": "fall",
    "autumn": "fall",
    "winter": "winter",
}
_SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "winter": 12}

_M = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_Y = r"(?:19|20)\d{2}"
_S = r"(?:spring|summer|fall|autumn|winter)"
_DATE = re.compile(
    rf"""(?<![\w/])(?:
      (?P<iso>{_Y}-[01]?\d-[0-3]?\d)(?![\w/])
    | (?P<num>[01]?\d/[0-3]?\d/(?:{_Y}|\d{{2}}))(?![\w/])
    | (?<!\d\.)(?P<dot>[01]?\d\.[0-3]?\d\.(?:{_Y}|\d{{2}}))(?!\w|\.\d)
    | (?P<my>(?P<my_m>{_M})\s+(?:of\s+)?(?P<my_y>{_Y}))\b
    | (?P<mdy>(?P<mdy_m>{_M})\s+(?P<mdy_d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d%]|:\d)\b
             (?:,?\s+(?P<mdy_y>{_Y})\b|\s+(?P<mdy_ny>next|this)\s+year\b)?)
    | (?P<dmy>(?P<dmy_d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{_M})
             (?:,?\s+(?P<dmy_y>{_Y})|\s+(?P<dmy_ny>next|this)\s+year)?)\b
    | (?P<season>(?:(?:early|late|mid)[\s-]+)?(?P<season_s>{_S})(?:\s+of)?\s+(?P<season_y>{_Y}))\b
    | (?P<rel>(?P<rel_w>later\s+this|early\s+next|late\s+next|this|next)\s+
             (?P<rel_u>year|{_S}|{_M}))(?!\w|\.?\s*\d)
    | (?:in|for|to|until|till|by|around)\s+(?:(?:early|late|mid)[\s-]+)?
        (?P<bare>(?P<bare_m>{_M})|(?P<bare_s>{_S}))(?!\w|\.?\s*[\d/])
    | (?:in|for|to|until|till|by|around|early|late|mid-?|holiday|(?:the\s+)?holidays)\s+
        (?P<year>{_Y})\b(?!\s*[-–/]\s*\d)
    | (?:an?|its|the)\s+(?P<year_attr>{_Y})\s+(?=(?:release|debut|opening|bow|launch)\b)
    | (?:(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?:quarter|half)|
         start|beginning|end|middle|(?:early|later?|first|back|front)\s+(?:part|half|months?))
        \s+of\s+(?P<window>{_Y})\b
    | \b[QH][1-4]\s+(?P<window_q>{_Y})\b
    )""",
    re.I | re.X,
)


def find_dates(sentence: str, ref: date) -> tuple[DateSpan, ...]:
    """Release-date-shaped spans, resolved against ``ref`` (the item's date)."""
    if not re.search(
        r"\d|(?:this|next)\s|spring|summer|fall|autumn|winter|\b[A-Z][a-z]{2}", sentence
    ):
        return ()
    # "Lionsgate's 2026 slate: 'X' in June": a bare month takes the year the
    # sentence names, when it names exactly one.
    years = set(re.findall(r"(?<![\w/-])((?:19|20)\d{2})(?![\w/-])", sentence))
    year = int(years.pop()) if len(years) == 1 else None
    found: list[DateSpan] = []
    for m in _DATE.finditer(sentence):
        past = bool(_PAST.search(sentence[max(0, m.start() - 40) : m.start()]))
        span = _resolve(m, ref, year, past=past)
        if span is not None:
            found.append(span)
    return tuple(found)


def _month_ok(token: str | None) -> bool:
    # "may" is a verb and "march" a noun: month names count when capitalized.
    return bool(token) and token[0].isupper()  # type: ignore[index]


def _parse(text: str, year: int) -> datetime | None:
    """dateutil on a span we located; US month-first order, as trade press writes."""
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text).replace(".", " ")
    try:
        return date_parser.parse(cleaned, default=datetime(year, 1, 1))
    except (ValueError, OverflowError):
        return None


# "opened June 6" written in July is last June, not next.
_PAST = re.compile(
    r"(?<!\w)(?:opened|premiered|debuted|bowed|arrived|landed|launched|hit\s+(?:theaters|"
    r"theatres|cinemas)|was\s+released|were\s+released|came\s+out)(?:\s+\S+){0,3}\s+$",
    re.I,
)


def _upcoming(month: int, day: int, ref: date, *, past: bool = False) -> int:
    """Year of the first (month, day) not clearly before ``ref``: a year-less
    date in release news is upcoming; two weeks of slack for "opened Friday".
    After a past-tense verb it is the last one not clearly after ``ref``."""
    try:
        this_year = date(ref.year, month, day)
    except ValueError:
        return ref.year
    if past:
        return ref.year if (this_year - ref).days <= 14 else ref.year - 1
    return ref.year if (ref - this_year).days <= 14 else ref.year + 1


def _resolve(
    m: re.Match[str], ref: date, sentence_year: int | None, *, past: bool
) -> DateSpan | None:
    g = m.group
    start, end = m.span()
    if g("iso") or g("num") or g("dot"):
        text = g("iso") or g("num") or g("dot")
        parsed = _parse(text, ref.year)
        if parsed is None:
            return None
        return _day(start, end, parsed.date())
    if g("my"):
        if not _month_ok(g("my_m")):
            return None
        parsed = _parse(g("my"), ref.year)
        return None if parsed is None else _month(start, end, parsed.year, parsed.month)
    if g("mdy") or g("dmy"):
        prefix = "mdy" if g("mdy") else "dmy"
        if not _month_ok(g(prefix + "_m")):
            return None
        parsed = _parse(f"{g(prefix + '_m')} {g(prefix + '_d')} {g(prefix + '_y') or ''}", ref.year)
        if parsed is None:
            return None
        if g(prefix + "_y"):
            return _day(start, end, parsed.date())
        if g(prefix + "_ny"):  # "June 6th next year"
            year = ref.year + (1 if g(prefix + "_ny").lower() == "next" else 0)
            try:
                return _day(start, end, parsed.date().replace(year=year))
            except ValueError:
                return None
        try:
            parsed = parsed.replace(year=_upcoming(parsed.month, parsed.day, ref, past=past))
        except ValueError:
            return None
        return replace(_day(start, end, parsed.date()), inferred=True)
    if g("season"):
        season = _SEASONS[g("season_s").lower()]
        return _season(start, end, int(g("season_y")), season, relative=False)
    if g("rel"):
        span = _relative(m, ref)
        return None if span is None else replace(span, inferred=True)
    if g("bare"):
        start = m.start("bare")
        if g("bare_m"):
            if not _month_ok(g("bare_m")):
                return None
            parsed = _parse(g("bare_m"), ref.year)
            if parsed is None:
                return None
            if past:  # "opened in June"
                year = ref.year if parsed.month <= ref.month else ref.year - 1
            else:
                year = ref.year if parsed.month >= ref.month else ref.year + 1
            return replace(
                _month(start, end, sentence_year or year, parsed.month),
                inferred=sentence_year is None,
            )
        season = _SEASONS[g("bare_s").lower()]
        year = sentence_year or _season_year(season, ref, nxt=False)
        span = _season(start, end, year, season, relative=sentence_year is None)
        return replace(span, inferred=sentence_year is None)
    if g("year"):
        return DateSpan(m.start("year"), end, g("year"), g("year"), "year", relative=False)
    if g("year_attr"):
        y = g("year_attr")
        return DateSpan(m.start("year_attr"), m.end("year_attr"), y, y, "year", relative=False)
    if g("window") or g("window_q"):
        # "the first quarter of 2026", "Q1 2026": a window, not a month; all a
        # careful reader can say is the year.
        y = g("window") or g("window_q")
        return DateSpan(start, end, y, y, "year", relative=False)
    return None


def _relative(m: re.Match[str], ref: date) -> DateSpan | None:
    word = " ".join(m.group("rel_w").lower().split())
    unit = m.group("rel_u")
    start, end = m.span()
    nxt = word.endswith("next")
    if unit.lower() == "year":
        year = ref.year + 1 if nxt else ref.year
        return DateSpan(start, end, str(year), str(year), "year", relative=True)
    if unit.lower() in _SEASONS:
        season = _SEASONS[unit.lower()]
        return _season(start, end, _season_year(season, ref, nxt=nxt), season, relative=True)
    if not _month_ok(unit) or word not in ("this", "next"):
        return None
    parsed = _parse(unit, ref.year)
    if parsed is None:
        return None
    # "this June" is the coming one; "next June" is a year on, whether or not
    # this year's June has passed (in August it is the coming one anyway).
    year = ref.year + 1 if nxt or parsed.month < ref.month else ref.year
    span = _month(start, end, year, parsed.month)
    return DateSpan(span.start, span.end, span.value, span.display, "month", relative=True)


def _season_year(season: str, ref: date, *, nxt: bool) -> int:
    """ "this summer" is the current or coming one; "next summer" the one after."""
    starts = _SEASON_START[season]
    if season == "winter":
        # Winter 2025 is December 2025 to February 2026, named by its start.
        year = ref.year if ref.month >= 3 else ref.year - 1
    else:
        year = ref.year if ref.month < starts + 3 else ref.year + 1
    return year + 1 if nxt else year


def _day(start: int, end: int, d: date) -> DateSpan:
    display = f"{_MONTH_NAMES[d.month - 1]} {d.day}, {d.year}"
    return DateSpan(start, end, d.isoformat(), display, "day", relative=False)


def _month(start: int, end: int, year: int, month: int) -> DateSpan:
    display = f"{_MONTH_NAMES[month - 1]} {year}"
    return DateSpan(start, end, f"{year:04d}-{month:02d}", display, "month", relative=False)


def _season(start: int, end: int, year: int, season: str, *, relative: bool) -> DateSpan:
    return DateSpan(start, end, f"{year}-{season}", f"{season} {year}", "season", relative)


# --------------------------------------------------------------------------- cues

RELEASE_CUES = (
    "release", "release date", "open", "opens", "opening", "hits theaters", "hit theaters",
    "hits cinemas", "hit cinemas", "hits theatres", "hit theatres", "hit screens",
    "in theaters", "in theatres", "in cinemas", "arrives", "arriving", "arrive", "dated",
    "date", "moves", "moved", "moving", "move", "pushed", "pushes", "push", "shifts",
    "shifted", "shift", "delayed", "delay", "bows", "bow", "debuts", "debut", "due",
    "set for", "slated", "scheduled", "lands", "launches", "comes out", "out", "bumped",
    "rescheduled", "slate", "premieres", "premiere", "now playing",
    "coming", "comes", "sets", "set to open", "set to release", "set to hit", "hitting",
    "eyeing", "eyes", "targets", "targeting",
    "swaps", "swapped", "trades", "traded", "now", "pencilled in", "penciled in",
    "pencils in", "pencil in", "earmarked", "earmarks", "locked in", "locks in", "claimed",
    "claims", "booked", "books", "skeds", "sked",
)  # fmt: skip
DATE_REJECT = (
    "trailer", "teaser", "footage", "clip", "first look", "poster", "tickets",
    "presale", "pre-sale", "festival", "world premiere", "premiere at", "premieres at",
    "screening", "screen at", "red carpet", "panel", "comic-con", "cinemacon",
    "retirement", "retire", "farewell", "production", "filming", "shooting", "shoot",
    "wrap", "wrapped", "principal photography", "cameras roll", "earnings",
    "blu-ray", "dvd", "home entertainment", "anniversary",
    "performance", "recital", "gala", "concert", "tour", "exhibition",
    "uk", "u.k.", "overseas", "internationally", "international release",
    "set in", "set during", "takes place", "flashback", "junket", "press tour", "fan event",
    "q&a", "ceremony", "nominations", "voting", "ballots", "sundance", "tiff", "cannes",
    "berlinale", "sxsw", "telluride", "tribeca", "toronto film festival",
    # A same-name book, game or album has its own dates: "will be published by
    # Larkspur Books on October 13", "hits shelves", "launches on Xbox".
    "publish", "publication", "bookstores", "bookshelves", "on shelves", "hits shelves",
    "hit shelves", "on sale", "preorder", "pre-order", "early access", "playstation", "xbox",
    "nintendo switch", "consoles", "album",
)  # fmt: skip
# A streaming or digital debut follows the theatrical one, so its date is not
# the release date; unless the item says the film will not play in theaters.
STREAMING_REJECT = (
    "digital", "on demand", "pvod", "vod", "stream", "streaming", "netflix", "hulu",
    "peacock", "prime video", "apple tv", "mubi", "kanopy", "shudder", "criterion channel",
)  # fmt: skip
# A streaming service written with a plus ("Halcyon+", "Paramount+").
_STREAMER = re.compile(r"(?<!\w)[A-Z][\w]*\+(?!\w)")
# "cancelled the U.S. theatrical release", "pulls 'X' from theaters", "skips
# theaters", "will no longer play in U.S. theaters", "straight to streaming".
_THEATRICAL_CANCELLED = re.compile(
    r"(?<!\w)(?:(?:cancel|scrap|drop|nix|ax|shelve|abandon|scuttle|scrub)\w*\s+"
    r"(?:(?:the|its|their|a|any)\s+|(?:\S+\s+){0,3}?\S+[’']s\s+)?"
    r"(?:(?:planned|U\.S\.|US|domestic|North\s+American|wide|big[\s-]screen)\s+)*"
    r"theatrical\s+(?:release|run|debut|opening|rollout|plans?|date)|"
    r"(?:pull|yank|remove)\w*\s+(?:\S+\s+){0,5}?(?:from|out\s+of)\s+"
    r"(?:(?:U\.S\.|US|domestic|American)\s+)?(?:theaters|theatres|cinemas)|"
    r"skip\w*\s+(?:(?:a|its|the|their|U\.S\.|US|domestic|American)\s+)*(?:theatrical\s+"
    r"(?:release|run|debut|window)|theaters|theatres|cinemas|the\s+big\s+screen)|"
    r"(?:no\s+longer|won[’']t|will\s+not|never)\s+(?:\w+\s+){0,3}?(?:open|play|be\s+released|"
    r"release|debut|bow|hit|come\s+to|arrive)\w*\s+(?:in\s+)?(?:(?:U\.S\.|US|American|"
    r"domestic|North\s+American)\s+)?(?:theaters|theatres|cinemas)(?!\s+(?:until|till|before))|"
    r"(?:straight|direct)[\s-]+to[\s-]+(?:streaming|digital|VOD|video)|"
    r"bypass\w*\s+(?:theaters|theatres|cinemas|(?:a|its|the)\s+theatrical))(?!\w)",
    re.I,
)
# A premiere somewhere ("premieres at Cannes", "premiere in Los Angeles") is an
# event, not the opening; "premieres in theaters" is the opening.
_EVENT_PREMIERE = re.compile(
    r"(?<!\w)premi[eè]re[sd]?\s+(?:at|in)\s+(?!theaters|theatres|cinemas)(?:the\s+)?[A-Z]"
)
# A rejected thing that governs the title: "premiere of", "trailer for", with
# at most a few words (a director's possessive) before the title itself.
_OF_SUBJECT = re.compile(r"\s+(?:of|for)\s+(?:[^\s,;.]+\s+){0,4}?[‘“\"']?")
ROLE_REJECT = ("not known", "unclear", "unknown", "not said", "not confirmed")
IMAGE_CUES = (
    "first look", "first image", "first images", "first still", "first stills",
    "first photo", "first photos", "first picture", "first glimpse", "first official image",
)  # fmt: skip
IMAGE_REJECT = ("trailer", "teaser", "footage", "clip", "behind the scenes")
_FIRST_LOOK = re.compile(
    r"(?<!\w)first(?:[\s-]+(?!trailer|teaser|clip|footage)[\w’'.:-]+){0,3}?[\s-]+"
    r"(?:look|image|still|photo|picture|glimpse|peek|shot)s?(?!\w)",
    re.I,
)
_POSTER_NOUN = re.compile(
    r"(?<!\w)(?:posters?|one[\s-]?sheets?|key[\s-]+art|artwork|banners?|billboards?)(?!\w)", re.I
)
_STILL_NOUN = re.compile(
    r"(?<!\w)(?:stills?|photos?|photographs?|images?|pictures?|pics?|looks?|glimpses?|peeks?|"
    r"shots?|set\s+photos?)(?!\w)",
    re.I,
)
# The noun a cue names may come right after it: "first-look poster" is a poster;
# "the first image and poster" names both, and the image still counts.
_POSTER_AFTER = re.compile(
    r"[\s:-]+(?:(?!(?:and|or)\s)[\w’'-]+\s+){0,2}?"
    r"(?:posters?|one[\s-]?sheets?|key[\s-]+art|artwork|banners?|billboards?)(?!\w)",
    re.I,
)
# "had been dated June 13", "from June 13 to May 30": an earlier date, not the news.
_OLD = re.compile(
    r"(?<!\w)(?:vacat\w*|had\s+been|previously|originally|original|previous|old|"
    r"formerly|initially|instead\s+of|"
    r"rather\s+than|earlier\s+than|was\s+(?:set|dated|slated|scheduled|due)|"
    r"no\s+longer|not)(?!\w)",
    re.I,
)
# "from", "off" and "since" mark an old date only when they govern it ("moved
# from June 13", "off its March 6 slot"); "a drama from Northlight, out in
# 2026" names a producer, not a date the film left.
_OLD_NEAR = re.compile(
    r"(?<!\w)(?:from|off|since)(?:\s+(?:its|the|their|his|her|a|an|original|old|previous|"
    r"earlier|initial|planned|current|prior))*\s+$",
    re.I,
)
# A date the film widens to is not its first theatrical date: "expands March
# 20", "before going nationwide March 20", "Wide Expansion March 20".
_EXPANSION = re.compile(
    r"(?<!\w)(?:expan(?:d|ds|ded|ding|sion)|widen(?:s|ed|ing)?|(?:go|goes|going|went|gone)\s+"
    r"(?:wide|nationwide|national)|roll(?:s|ed|ing)?\s+out\s+(?:wide|nationwide))(?!\w)",
    re.I,
)
_EXPANSION_AFTER = re.compile(r"\s*(?:wide\s+|nationwide\s+)?(?:expansion|rollout)(?!\w)", re.I)
# "opens in limited release March 6, wide March 20": with a limited opening in
# the item, a date qualified as wide is the expansion. Not "a limited series".
_LIMITED = re.compile(
    r"(?<!\w)(?:limited\s+(?:theatrical\s+)?(?:release|run|engagement|opening|bow|debut|"
    r"rollout|date)s?|in\s+limited|platform(?:ed)?\s+(?:release|run|opening|bow)|"
    r"select\s+(?:theaters|theatres|cinemas|cities|markets)|exclusive\s+engagements?)(?!\w)",
    re.I,
)
# Another country's opening is not the US release date: "in the U.K. on March
# 19 and in Australia on April 1", "April 1 in Germany", "Outside the U.S., it
# opens ...". Canada shares the US ("domestic") release and is not listed.
_COUNTRY = (
    r"(?:U\.?K\.?+|United\s+Kingdom|(?:Great\s+)?Britain|England|Ireland|Australia|"
    r"New\s+Zealand|Germany|Austria|Switzerland|France|Belgium|(?:the\s+)?Netherlands|"
    r"Italy|Spain|Portugal|Scandinavia|Sweden|Norway|Denmark|Finland|Poland|Japan|China|"
    r"(?:South\s+)?Korea|India|Mexico|Brazil|Argentina|Latin\s+America|Europe|Asia|"
    r"South\s+Africa|the\s+Middle\s+East|(?:other|international|foreign|overseas)\s+"
    r"(?:markets|territories|countries))"
)
_DEMONYM = (
    r"(?:UK|U\.K\.|British|Irish|Australian|German|French|Italian|Spanish|Japanese|Chinese|"
    r"Korean|Indian|Mexican|Brazilian|European|international|overseas|foreign)"
)
_IN_COUNTRY = rf"(?<!\w)(?:in|across|throughout|for)\s+(?:the\s+)?{_COUNTRY}(?!\w)"
_FOREIGN_BEFORE = re.compile(
    rf"(?:{_IN_COUNTRY}\s*,?\s*(?:(?:on|from|starting|beginning)\s+)?|"
    rf"(?<!\w){_DEMONYM}\s+(?:theatrical\s+)?(?:release|opening|debut|rollout|bow|audiences|"
    r"cinemas|theaters|theatres)(?:\s+\S+){0,3}\s+)$",
    re.I,
)
_TERRITORY = re.compile(rf"{_COUNTRY}|{_DEMONYM}|internationally", re.I)
# "April 1 in Australia"; not "Dec. 18, in the U.K. on Dec. 17" (the country has its own date).
_FOREIGN_AFTER = re.compile(
    rf"\s*,?\s*{_IN_COUNTRY}(?!\s*,?\s*(?:(?:on|from)\s+)?(?:{_M}\s*\d|\d))", re.I
)
# Case-sensitive: "US" is a country, "us" a pronoun.
_ABROAD = re.compile(
    r"(?<!\w)(?:[Oo]utside|[Bb]eyond|[Ee]xcluding)\s+(?:of\s+)?(?:the\s+)?(?:U\.S\.|US|"
    r"United\s+States|States|North\s+America|America)(?!\w)|"
    r"^[‘“\"']?(?:Internationally|Overseas|Abroad|Elsewhere)(?!\w)"
)
_WIDE = re.compile(r"(?<!\w)(?:wide|nationwide|everywhere|across\s+the\s+country)(?!\w)", re.I)
_CLAUSE = re.compile(r"[.!?]\s|[;—–()]|\s-\s|,\s|\s(?:and|but|while|after|before|as)\s")


@dataclass(frozen=True, slots=True)
class QuestionRules:
    cues: re.Pattern[str] | None
    reject: re.Pattern[str] | None
    about: re.Pattern[str] | None
    about_names: tuple[str, ...]
    # "Wick" → "John Wick": one word of a configured name stands for all of it,
    # so a restatement with the short form is the same answer.
    full_names: dict[str, str]
    # What an image question asks for, from the nouns of its cues: a poster
    # (key art, one-sheet) or a still (photo, image, first look); None: either.
    image_noun: ImageNoun | None = None
    # "Who plays the villain?": the cues name a part, and the answer is the
    # person cast in it, not the character named after the part.
    casting: bool = False
    # Date questions: streaming and digital debuts, rejected unless the item
    # says the theatrical release is off.
    streaming: re.Pattern[str] | None = None


def compile_rules(
    kind: str,
    cues: Sequence[str],
    reject: Sequence[str],
    about: Sequence[str],
    known_names: Sequence[str] = (),
    synonyms: Sequence[tuple[str, Sequence[str]]] = (),
    label: str = "",
) -> QuestionRules:
    image_noun: ImageNoun | None = None
    if kind == "date":
        cue_list, reject_list = (*RELEASE_CUES, *cues), (*DATE_REJECT, *reject)
    elif kind == "image":
        image_noun = _image_noun_of(cues or IMAGE_CUES)
        # A poster question does not take the first-look defaults: those name stills.
        defaults = () if image_noun == "poster" else IMAGE_CUES
        cue_list, reject_list = (*defaults, *cues), (*IMAGE_REJECT, *reject)
    else:
        cue_list, reject_list = tuple(cues), (*ROLE_REJECT, *reject)
    about_re = None
    if about:
        body = "|".join(phrase_pattern(a) for a in sorted(set(about), key=len, reverse=True))
        about_re = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
    return QuestionRules(
        image_noun=image_noun,
        casting=kind == "text" and _asks_who_plays(cues, label, about),
        streaming=phrases_regex(STREAMING_REJECT, inflect=True) if kind == "date" else None,
        cues=phrases_regex(cue_list, inflect=True),
        reject=phrases_regex(reject_list, inflect=True),
        about=about_re,
        about_names=tuple(about),
        full_names={
            **_full_names(known_names),
            **{key(alt): canonical for canonical, alts in synonyms for alt in (canonical, *alts)},
        },
    )


def _asks_who_plays(cues: Sequence[str], label: str, about: Sequence[str] = ()) -> bool:
    """Whether the answer is the person cast. With ``about`` the question names
    a part itself ("Who voices Grumble?"): only when the label puts it after
    the casting verb, since "Who does Pattinson play?" asks for the part."""
    if not about:
        return any(_CAST_VERB.search(c) for c in cues) or bool(_WHO_PLAYS.search(label))
    asks = _WHO_PLAYS.search(label)
    return asks is not None and any(
        re.search(rf"(?<!\w){phrase_pattern(a)}(?!\w)", label[asks.end() :]) for a in about
    )


def _image_noun_of(cues: Sequence[str]) -> ImageNoun | None:
    nouns = {noun for cue in cues if (noun := _cue_noun(cue)) is not None}
    return nouns.pop() if len(nouns) == 1 else None


def _cue_noun(text: str) -> ImageNoun | None:
    if _POSTER_NOUN.search(text):
        return "poster"
    if _STILL_NOUN.search(text):
        return "still"
    return None


def _canonical(rules: QuestionRules, phrase: str) -> str:
    """The configured form of a phrase ("the Baba Yaga" → "John Wick")."""
    bare = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I)
    return rules.full_names.get(key(phrase)) or rules.full_names.get(key(bare)) or phrase


def _full_names(names: Sequence[str]) -> dict[str, str]:
    by_word: dict[str, set[str]] = {}
    for name in names:
        words = key(name).split()
        if len(words) > 1:
            for word in (words[0], words[-1]):
                by_word.setdefault(word, set()).add(name)
    return {w: next(iter(full)) for w, full in by_word.items() if len(full) == 1}


# --------------------------------------------------------------------------- binding


def _gap_cost(text: str, a: int, b: int, *, after: bool) -> float:
    gap = text[a:b]
    boundaries = _CLAUSE.findall(gap)
    weight = {",": 15, ".": 80, "!": 80, "?": 80, " ": 20}
    cost = sum(weight.get(x[0], 40) for x in boundaries)
    return len(gap) * (2.0 if after else 1.0) + cost


def nearest(text: str, marks: Sequence[Mark], start: int, end: int) -> Mark | None:
    """The work a span belongs to: the nearest mark, preferring one before it
    and one in the same clause ("X, out March 24, 2023, and Y on May 30")."""
    best: tuple[float, Mark] | None = None
    for mark in marks:
        if mark.end <= start:
            cost = _gap_cost(text, mark.end, start, after=False)
        elif mark.start >= end:
            cost = _gap_cost(text, end, mark.start, after=True)
        else:
            cost = 0.0
        if best is None or cost < best[0]:
            best = (cost, mark)
    return best[1] if best else None


def _clamp(value: float) -> float:
    return round(min(max(value, 0.0), 1.0), 2)


def _is_subject(scene: Scene, i: int, mark: Mark | None) -> bool:
    if mark is None:
        return bool(scene.carried[i])
    return mark.subject


# --------------------------------------------------------------------------- date


def extract_dates(scene: Scene, rules: QuestionRules) -> list[Found]:
    found: list[Found] = []
    limited: bool | None = None  # does the item tell of a limited opening? read when needed
    # With the theatrical release cancelled, the streaming premiere is when
    # audiences first see the film. Read only when a sentence names a streamer.
    streamed: bool | None = None
    for i, sentence in enumerate(scene.sentences):
        if not any(m.subject for m in scene.marks[i]):
            continue
        text = sentence.text
        cues = [c.span() for c in rules.cues.finditer(text)] if rules.cues else []
        rejects = [r.span() for r in rules.reject.finditer(text)] if rules.reject else []
        rejects += [r.span() for r in _EVENT_PREMIERE.finditer(text)]
        streaming = [r.span() for r in _STREAMER.finditer(text)]
        if rules.streaming:
            streaming += [r.span() for r in rules.streaming.finditer(text)]
        if streaming and scene.dates[i]:
            if streamed is None:
                streamed = _theatrical_cancelled(scene)
            if not streamed:
                rejects += streaming
        listing = sentence.line and _is_listing(text, scene.marks[i], scene.dates[i])
        if limited is None and scene.dates[i] and _WIDE.search(text):
            limited = any(_LIMITED.search(s.text) for s in scene.sentences)
        here: list[Found] = []
        prev_end = 0
        for span in scene.dates[i]:
            candidate = _date_candidate(
                scene, i, span, prev_end, cues, rejects, listing, limited=bool(limited)
            )
            prev_end = span.end
            if candidate is not None:
                here.append(candidate)
        # "swaps June 13 for May 30": of two dates for the film in one
        # sentence, the later-written one is the news.
        found.extend(f if k == len(here) - 1 else _weaker(f, 0.1) for k, f in enumerate(here))
    return _anchor_years(found)


def _theatrical_cancelled(scene: Scene) -> bool:
    """Does a plain, unhedged sentence about the film say it will not open in theaters?"""
    for i, sentence in enumerate(scene.sentences):
        said = _THEATRICAL_CANCELLED.search(sentence.text)
        if (
            said
            and any(m.subject for m in scene.marks[i])
            and not hedged(sentence.text, len(sentence.text))
        ):
            return True
    return False


def _anchor_years(found: list[Found]) -> list[Found]:
    """ "Now Arrives In May" over "will now open on May 30, 2025": a date whose
    year was worked out takes the year the item writes for the same month."""
    written = [f for f in found if not f.inferred and f.precision in ("day", "month")]
    out: list[Found] = []
    for f in found:
        twin = next(
            (w for w in written if f.inferred and w.value[4:].startswith(f.value[4:])), None
        )
        if twin is not None and f.value[4:] and twin.value[:4] != f.value[:4]:
            year = twin.value[:4]
            f = replace(f, value=year + f.value[4:], display=f.display[:-4] + year)
        out.append(f)
    return out


def _weaker(found: Found, by: float) -> Found:
    return replace(found, confidence=_clamp(found.confidence - by))


def _date_candidate(
    scene: Scene,
    i: int,
    span: DateSpan,
    window_start: int,
    cues: list[tuple[int, int]],
    rejects: list[tuple[int, int]],
    listing: bool,
    *,
    limited: bool,
) -> Found | None:
    sentence = scene.sentences[i]
    text = sentence.text
    mark = nearest(text, scene.marks[i], span.start, span.end)
    if mark is None or not mark.subject:
        return None
    if span.relative and span.precision == "year" and not sentence.title:
        return None  # "due next year" in passing is too weak to notify
    lead_from = max(window_start, mark.end if mark.end <= span.start else window_start)
    if _OLD.search(text, lead_from, span.start) or _OLD_NEAR.search(text, lead_from, span.start):
        return None
    if _expansion(text, lead_from, span, limited=limited):
        return None
    if _foreign(text, lead_from, span):
        return None
    parenthetical = text[mark.end : span.start].strip(" ’”'\"") == "("
    if not (cues or listing or parenthetical):
        return None
    cue_before = [c for c in cues if c[1] <= span.start]
    cue_after = [c for c in cues if c[0] >= span.end and c[0] - span.end <= 25]
    scope = max(min([mark.start, *(c[0] for c in cue_before[-1:])]), window_start)
    if _rejected(text, rejects, cues, scope, span, mark.start):
        return None
    if not cues and not parenthetical and scene.headline_rejected:
        return None
    # A cue is direct when it governs this date: between the title and the
    # date, just before the title ("moved the spinoff to"), or right after
    # the date ("its June 13, 2025 release").
    lo = min(mark.start, span.start) - 30
    direct = bool(cue_after) or any(lo <= c[0] < span.start for c in cue_before)
    named = any(m.subject and m.kind == "name" for m in scene.marks[i])
    confidence = 0.9 if named else 0.75
    if not (cues and (direct or mark.kind == "name")):
        confidence = 0.6
    if not direct:
        confidence -= 0.1
    if sentence.title:
        confidence += 0.05
    if span.precision != "day":
        confidence -= 0.05
    if span.inferred and scene.undated:
        confidence -= 0.15  # read against the poll time, not the writing time
    return Found(
        value=span.value,
        display=span.display,
        precision=span.precision,
        confidence=_clamp(confidence),
        hedged=hedged(text, span.end),
        evidence=text,
        inferred=span.inferred,
    )


def _foreign(text: str, lead_from: int, span: DateSpan) -> bool:
    """A date another country gets: named right before or after it, or the
    sentence is about everywhere but the US."""
    return bool(
        _FOREIGN_BEFORE.search(text, lead_from, span.start)
        or _FOREIGN_AFTER.match(text, span.end)
        or _ABROAD.search(text, 0, span.start)
    )


def _expansion(text: str, lead_from: int, span: DateSpan, *, limited: bool) -> bool:
    if _EXPANSION.search(text, lead_from, span.start) or _EXPANSION_AFTER.match(text, span.end):
        return True
    return limited and bool(_WIDE.search(text, lead_from, span.start))


def _rejected(
    text: str,
    rejects: list[tuple[int, int]],
    cues: list[tuple[int, int]],
    scope: int,
    span: DateSpan,
    subject_start: int,
) -> bool:
    for r_start, r_end in rejects:
        if r_end <= subject_start and _OF_SUBJECT.fullmatch(text, r_end, subject_start):
            return True  # "the world premiere of 'Tides' on Sept. 7", "the trailer for X"
        if scope <= r_start < span.start:
            # "Ballerina, whose trailer dropped Thursday, opens June 6": the
            # trailer sits in an aside (opened by a comma after the title) that
            # closes before the release verb.
            aside = "," in text[scope:r_start] and any(
                r_end <= c_start < span.start and "," in text[r_end:c_start] for c_start, _ in cues
            )
            if not aside:
                return True
        if span.end <= r_start <= span.end + 12:
            # "Oct. 19 farewell", "June 3 trailer"; but in "Dec. 18, in the U.K.
            # on Dec. 17" the country after the comma is the next date's.
            listed = "," in text[span.end : r_start] and _TERRITORY.fullmatch(text, r_start, r_end)
            if not listed:
                return True
    return False


def _is_listing(text: str, marks: Sequence[Mark], dates: Sequence[DateSpan]) -> bool:
    """A list line: just a title and a date ("June 20 - 'Title'", "Title (June 13, 2025)")."""
    if len(dates) != 1 or not marks:
        return False
    rest = text
    for a, b in sorted([(m.start, m.end) for m in marks] + [(dates[0].start, dates[0].end)])[::-1]:
        rest = rest[:a] + " " + rest[b:]
    return all(m.kind != "anaphor" for m in marks) and not re.search(r"[^\W\d_]{2,}", rest)


# --------------------------------------------------------------------------- role

_ROLE_VERBS: tuple[tuple[str, str, bool], ...] = (
    # (pattern, qualifier, "as" needed)
    (r"reprise[sd]?|reprising", "reprising {pron} role", False),
    (r"return(?:s|ed|ing)?|(?:is|are|[’']s|was)\s+back|comes?\s+back|coming\s+back",
     "reprising {pron} role", True),
    (r"cameo(?:s|ed|ing)?|(?:makes?|made|making)\s+an?\s+cameo(?:\s+appearance)?",
     "cameo", False),
    (r"(?:will\s+|to\s+)?voic(?:e|es|ed|ing)|(?:the\s+)?voice\s+of", "voice", False),
    (r"appear(?:s|ed|ing)?|turn(?:s|ed|ing)?\s+up|show(?:s|ed|ing)?\s+up|star(?:s|red|ring)?|cast",
     "", True),
    (r"play(?:s|ed|ing)?|portray(?:s|ed|ing)?", "", False),
)  # fmt: skip
_ROLE_RE = re.compile(
    "|".join(f"(?P<v{i}>(?<!\\w)(?:{p})(?!\\w))" for i, (p, _, _) in enumerate(_ROLE_VERBS)),
    re.I,
)
_ROLE_LINK = re.compile(
    r"(?:\s+(?:(?:his|her|their|the)\s+)?(?:iconic\s+|famous\s+|signature\s+)?"
    r"(?:role|part|character)(?:\s+of|\s+as)?)?(?:\s+as)?(?:\s+the\s+voice\s+of)?",
    re.I,
)
_X_STOP = frozenset((
    "in", "at", "on", "for", "with", "and", "to", "from", "as", "is", "was", "will", "who",
    "which", "but", "or", "after", "before", "during", "ahead", "opposite", "alongside",
    "against", "than", "vs", "while", "when", "trailer", "film", "movie", "spinoff",
))  # fmt: skip
_X_JOIN = frozenset(["of", "the", "de", "da", "von", "van", "del", "la", "le"])
# "Keanu Reeves' John Wick role", "Zendaya's Chani returns".
_POSSESSIVE_ROLE = re.compile(
    r"^[’']s?\s+((?:[A-Z][\w’'.-]*\s+){1,4})(?:[Rr]ole|[Cc]haracter|[Pp]art|[Cc]ameo|"
    r"(?:[Ww]ill\s+)?(?:[Rr]eturn|[Aa]ppear|[Cc]ameo|[Ss]how\s+[Uu]p|[Tt]urn\s+[Uu]p)s?|"
    r"[Ii]s\s+[Bb]ack)\b"
)


def _character(rest: str) -> tuple[str, int]:
    """The capitalized name at the start of ``rest`` ("John Wick in ..." → "John Wick")."""
    m = re.match(r"\s*(himself|herself|themselves)\b", rest)
    if m:
        return m.group(1), m.end()
    words: list[str] = []
    pos = 0
    for tok in re.finditer(r"\S+", rest):
        word = tok.group().strip("‘’“”\"'")
        bare = word.rstrip(",.;:!?)")
        if not bare:
            break
        if bare.lower() in _X_STOP or (not words and bare.lower() in ("the", "a", "an")):
            if words or bare.lower() not in ("the",):
                break
            continue
        if bare[0].isupper():
            words.append(bare)
            pos = tok.start() + len(tok.group().rstrip(",.;:!?)’”\"'"))
        elif words and bare.lower() in _X_JOIN:
            words.append(bare)
        else:
            break
        if word != bare or len(words) >= 5:
            break
    while words and words[-1].lower() in _X_JOIN:
        words.pop()
    return " ".join(words), pos


def extract_phrases(scene: Scene, rules: QuestionRules) -> list[Found]:
    """A text question about the film itself, not a person ("directed by",
    "set in"): the name right after one of its cues, in a sentence about us."""
    found: list[Found] = []
    if rules.cues is None:
        return found
    for i, sentence in enumerate(scene.sentences):
        text = sentence.text
        for cue in rules.cues.finditer(text):
            mark = nearest(text, scene.marks[i], cue.start(), cue.end())
            if not _is_subject(scene, i, mark) or _NEGATION.search(text, 0, cue.start()):
                continue
            link = re.match(r"\s*(?:by|as|is|are|of|:)?", text[cue.end() :])
            start = cue.end() + (link.end() if link else 0)
            x, _ = _character(text[start:])
            if not x:
                continue
            x = _canonical(rules, x)
            explicit = mark is not None and mark.kind == "name"
            found.append(
                Found(
                    value=key(x),
                    display=x,
                    precision=None,
                    confidence=0.8 if explicit else 0.65,
                    hedged=hedged(text, cue.end()),
                    evidence=text,
                )
            )
    return found


_CAST_VERB = re.compile(
    r"(?<!\w)(?:play(?:s|ed|ing)?|portray(?:s|ed|ing)?|voic(?:e|es|ed|ing)|cast(?:s|ing)?\s+as|"
    r"star(?:s|red|ring)?\s+as|tapped\s+as|(?:join|board|sign)(?:s|ed|ing)?(?:\s+on)?\s+as)(?!\w)",
    re.I,
)
_WHO_PLAYS = re.compile(
    r"(?<!\w)(?:who|(?:which|what)\s+(?:actor|actress|performer|star))(?:\s+\w+){0,2}\s+"
    r"(?:play|plays|portray|portrays|voice|voices|star|stars|cast)"
    r"(?!\w)",
    re.I,
)
# The verb that casts a person in the part a cue names, right before the cue:
# "to play the villain", "cast as its new villain", "joins 'X' as the villain".
_VERB_BEFORE_PART = re.compile(
    r"(?<!\w)(?:(?:to\s+)?(?:play(?:s|ed|ing)?|portray(?:s|ed|ing)?|voic(?:e|es|ed|ing))|as|"
    r"(?:the\s+)?voice\s+of|(?:lend(?:s|ing)?|lent)\s+(?:his|her|their)\s+(?:[\w’'-]+\s+){0,3}?to)"
    r"(?:\s+(?:the|a|an|its|their|his|her|new|main|chief|lead|central|film[’']s|sequel[’']s))*"
    r"\s+$",
    re.I,
)
_NAME_WORD = r"[A-Z][\w’'.-]*[^\W_]"
_PERSON = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|van|von|del|da|la|le)){{0,3}}"
# A person right before the casting verb, with at most a few lower-case words
# between ("is in talks to", "has officially been", ", who"): never across a
# stand-in ("someone half as good to play the villain").
_PERSON_BEFORE = re.compile(
    rf"(?<![\w’'])(?P<person>{_PERSON})(?:\s*,\s*who)?"
    r"(?:\s+(?!(?:who|whom|someone|somebody|anyone|anybody|nobody|no\s+one|everyone|he|she|"
    r"they|it)\b)[a-z][\w’'-]*){0,5}\s*$"
)
# "Marcus Hale’s villain", "Hale’s new antagonist".
_POSSESSOR_BEFORE = re.compile(
    rf"(?<![\w’'])(?P<person>{_PERSON})[’']s?\s+(?:(?:new|main|chief|the)\s+)?$"
)
# "the villain is played by Marcus Hale".
_PLAYED_BY_AFTER = re.compile(
    rf"(?:[\s,]+[\w’'-]+){{0,6}}?[\s,(]+(?:played|portrayed|voiced)\s+by\s+(?P<person>{_PERSON})"
)
_SENTENCE_OPENERS = frozenset((
    "the", "a", "an", "after", "before", "when", "while", "hoping", "now", "meanwhile",
    "earlier", "later", "today", "also", "but", "and", "so", "still",
))  # fmt: skip


def extract_castings(scene: Scene, rules: QuestionRules) -> list[Found]:
    """ "Who plays the villain?": the person cast in the part a cue names."""
    found: list[Found] = []
    # The part is the character the question names, else the part its cues name.
    parts = rules.about if rules.about is not None else rules.cues
    if parts is None:
        return found
    for i, sentence in enumerate(scene.sentences):
        text = sentence.text
        for cue in parts.finditer(text):
            hit = _cast_person(scene, i, cue)
            if hit is None:
                continue
            person, start, verb = hit
            if _NEGATION.search(text, start, verb):
                continue
            if rules.reject and rules.reject.search(text, start, cue.end()):
                continue
            rest = text[cue.end() :]
            skip = len(rest) - len(rest.lstrip(" ,:"))
            character, length = _character(rest[skip:])
            end = cue.end() + (skip + length if character else 0)
            mark = _part_film(text, scene.marks[i], start, end)
            if not _is_subject(scene, i, mark):
                continue
            person = _full_person(scene, _canonical(rules, person))
            display = f"{person} (as {character})" if character else person
            explicit = mark is not None and mark.kind == "name"
            found.append(
                Found(
                    value=key(person),
                    display=display,
                    precision=None,
                    confidence=0.85 if explicit else 0.7,
                    hedged=hedged(text, max(verb, cue.end())),
                    evidence=text,
                )
            )
    return found


def _part_film(text: str, marks: Sequence[Mark], start: int, end: int) -> Mark | None:
    """ "played the villain Victor Crane in The Vault, says he will not appear
    in the sequel": an unmarked title right after the part owns it, before any
    work named further on."""
    other = _IN_OTHER_WORK.match(text, end)
    if other is not None and not any(m.start <= other.end() - 1 < m.end for m in marks):
        # "to voice Grumble in Bramblewood’s animated ‘Juniper’": a studio's
        # possessive and a few words lead up to a title we did mark.
        owner = next((m for m in marks if m.start >= end), None)
        if owner is None or not _LEADS_TO_TITLE.fullmatch(text, end, owner.start):
            return Mark(end, end, "other", False)
    return _role_film(text, marks, start, end)


_LEADS_TO_TITLE = re.compile(
    r"\s*,?\s*(?:in|for)\s+(?:[A-Z][\w’'.-]*\s+){0,3}?[A-Z][\w.-]*(?:[’']s|(?<=s)[’'])\s+(?:[a-z][\w-]*\s+){0,2}"
)


def _cast_person(scene: Scene, i: int, cue: re.Match[str]) -> tuple[str, int, int] | None:
    """(person, where the person starts, where the casting verb starts) for a
    part named at ``cue``, or None when nothing casts a person in it."""
    text = scene.sentences[i].text
    inner = _CAST_VERB.search(cue.group())
    if inner is not None:
        verb = cue.start() + inner.start()
    else:
        before = _VERB_BEFORE_PART.search(text, max(0, cue.start() - 60), cue.start())
        if before is None:
            possessor = _POSSESSOR_BEFORE.search(text, max(0, cue.start() - 60), cue.start())
            if possessor is not None and _plausible_person(scene, i, possessor, "person"):
                return possessor.group("person"), possessor.start("person"), cue.start()
            after = _PLAYED_BY_AFTER.match(text, cue.end())
            if after is not None and _plausible_person(scene, i, after, "person"):
                return after.group("person"), after.start("person"), cue.start()
            return None
        verb = before.start()
    # Titles between the person and the verb ("Hale joins 'X' as") are read as
    # a plain word, so the person is still found right before the verb.
    prefix = text[:verb]
    for mark in reversed(scene.marks[i]):
        if mark.end <= verb and mark.kind != "anaphor":
            prefix = prefix[: mark.start] + "work" + prefix[mark.end :]
    found = _PERSON_BEFORE.search(prefix, max(0, len(prefix) - 120))
    if found is None or not _plausible_person(scene, i, found, "person", prefix=prefix):
        return None
    return found.group("person"), found.start("person"), verb


def _plausible_person(
    scene: Scene, i: int, found: re.Match[str], group: str, *, prefix: str | None = None
) -> bool:
    """Not a title we marked, not a lone capitalized opener ("Hoping", "The"),
    and a lone word only as the surname of a full name in the item."""
    start, end = found.span(group)
    if prefix is None and any(m.start < end and start < m.end for m in scene.marks[i]):
        return False
    words = found.group(group).split()
    if words[0].casefold() in _SENTENCE_OPENERS:
        return False
    if len(words) > 1:
        return True
    return _full_person(scene, words[0]) != words[0]


def _full_person(scene: Scene, name: str) -> str:
    """ "Hale" → "Marcus Hale" when the item writes the full name somewhere."""
    if " " in name.strip():
        return name
    pattern = re.compile(
        rf"(?<![\w’'])({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})\s+{re.escape(name)}\b"
    )
    for sentence in scene.sentences:
        m = pattern.search(sentence.text)
        if m is not None and m.group(1).split()[0].casefold() not in _SENTENCE_OPENERS:
            return f"{m.group(1)} {name}"
    return name


def extract_roles(scene: Scene, rules: QuestionRules) -> tuple[list[Found], list[str]]:
    """Role answers, and sentences that are about the role but state none."""
    if rules.casting:
        return extract_castings(scene, rules), []
    if rules.about is None:
        return extract_phrases(scene, rules), []
    found: list[Found] = []
    vague: list[str] = []
    for i, sentence in enumerate(scene.sentences):
        text = sentence.text
        for person in rules.about.finditer(text):
            if not _same_person(text, person, rules.about_names):
                continue
            window = text[person.end() : person.end() + 160]
            result = _role_after(window, rules)
            if result is None:
                continue
            x, qualifier, role_end, cue_start = result
            abs_end = person.end() + role_end
            if _NEGATION.search(text, person.end(), person.end() + cue_start):
                continue
            if rules.reject and rules.reject.search(text, 0, person.end() + cue_start):
                vague.append(text)
                continue
            mark = _role_film(text, scene.marks[i], person.start(), abs_end)
            if not _is_subject(scene, i, mark):
                continue
            if not x:
                vague.append(text)
                continue
            x = _canonical(rules, x)
            pron = _pronoun(window)
            display = x if not qualifier else f"{x} ({qualifier.format(pron=pron)})"
            value = key(re.sub(r"^(?:the|a|an)\s+", "", x, flags=re.I))
            explicit = mark is not None and mark.kind == "name"
            found.append(
                Found(
                    value=value,
                    display=display,
                    precision=None,
                    confidence=_clamp((0.9 if explicit else 0.75) + (0.05 if qualifier else 0.0)),
                    hedged=hedged(text, person.end() + cue_start),
                    evidence=text,
                )
            )
    return found, vague


def _same_person(text: str, person: re.Match[str], names: Sequence[str]) -> bool:
    """ "Reeves" alone is Keanu Reeves unless another first name precedes it (Matt Reeves)."""
    if person.group()[0].islower():
        return False
    before = re.search(r"([A-Z][\w’'-]*)\s+$", text[: person.start()])
    if before is None or " " in person.group().strip():
        return True
    return any(key(f"{before.group(1)} {person.group()}") == key(n) for n in names)


def _role_after(window: str, rules: QuestionRules) -> tuple[str, str, int, int] | None:
    """(character or capacity, qualifier, end, cue start) of the role stated
    right after a person's name, or None. Cues are tried left to right: in
    "will return in Ballerina as John Wick" the verb names no role, the "as"
    after it does, and the verb still says it is a return."""
    m = _POSSESSIVE_ROLE.match(window)
    if m:
        return m.group(1).strip(), "", m.end(1), 0
    cues = [*_ROLE_RE.finditer(window), *re.finditer(r"(?<!\w)as(?=\s+[A-Z])", window)]
    if rules.cues:
        cues += rules.cues.finditer(window)
    pending = ""
    earlier: tuple[str, int] | None = None  # a part played before, and where it ends
    for cue in sorted(cues, key=lambda c: c.start()):
        pre = window[earlier[1] if earlier else 0 : cue.start()]
        if len(pre.split()) > 6 or re.search(r"[.;](?:\s|$)", pre):
            break
        qualifier, needs_as = _role_cue(cue)
        link = _ROLE_LINK.match(window, cue.end())
        after = link.end() if link else cue.end()
        if needs_as and not (link and link.group().strip()):
            if qualifier == "cameo":
                return "cameo", "", after, cue.start()
            pending = pending or qualifier
            continue
        x, length = _character(window[after:])
        if x and _PAST_ROLE.fullmatch(cue.group()):
            # "Castellane, who played Ada Kell": the part she had, not news of
            # one; it is the answer only if the sentence goes on to a return.
            earlier = earlier or (x, after + length)
            continue
        if x:
            return x, qualifier or pending, after + length, cue.start()
        if qualifier.startswith("reprising") and earlier is not None:
            return earlier[0], qualifier, earlier[1], cue.start()
        if qualifier in ("cameo", "voice"):
            return qualifier, "", after, cue.start()
    return None


# A part someone had: "played", "portrayed", "voiced", "starred as".
_PAST_ROLE = re.compile(r"(?:play|portray|voic|appear|cameo)e?d|starred(?:\s+as)?", re.I)


def _role_cue(cue: re.Match[str]) -> tuple[str, bool]:
    """(qualifier, whether "as" must follow) for a role cue."""
    if cue.group() == "as":
        return "", False
    if cue.re is _ROLE_RE:
        index = int(next(k for k, v in cue.groupdict().items() if v is not None)[1:])
        _, qualifier, needs_as = _ROLE_VERBS[index]
        return qualifier, needs_as
    word = cue.group().lower()
    for prefix, qualifier in _CUE_QUALIFIERS:
        if word.startswith(prefix):
            return qualifier, False
    return "", False


_CUE_QUALIFIERS = (
    ("repri", "reprising {pron} role"),
    ("return", "reprising {pron} role"),
    ("back", "reprising {pron} role"),
    ("cameo", "cameo"),
    ("voic", "voice"),
)


def _pronoun(window: str) -> str:
    m = re.search(r"(?<!\w)(his|her|their)\s+(?:\w+\s+)?(?:role|part)", window, re.I)
    return m.group(1).lower() if m else "the"


def _role_film(text: str, marks: Sequence[Mark], start: int, end: int) -> Mark | None:
    """ "... as Shadow in 'Sonic 3'": a work named right after the role owns it."""
    for mark in marks:
        if (
            mark.start >= end
            and mark.start - end <= 60
            and re.match(r"^\W*(?:\w+\W+){0,4}?(?:in|for|from|of)\W", text[end : mark.start] + " ")
        ):
            return mark
    # An unquoted, unnumbered title we did not mark ("voices Shadow in
    # Paramount's Sonic sequel"): still another work, never ours.
    if _IN_OTHER_WORK.match(text, end):
        return Mark(end, end, "other", False)
    before = [m for m in marks if m.end <= start]
    if before:
        return before[-1]
    return nearest(text, marks, start, end)


_IN_OTHER_WORK = re.compile(
    r"\s*,?\s*(?:in|for)\s+(?:(?:the|[A-Z][\w’'-]*[’']s?)\s+)?(?:upcoming\s+|new\s+)?[‘“\"']?"
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z]"
)


# --------------------------------------------------------------------------- image

_THUMB = re.compile(
    r"(?:[?&](?:w|width|h|height|resize)=(?:[1-3]\d{2}|\d{1,2})\b|[?&]crop=1|"
    r"-\d{2,3}x\d{2,3}\.\w+(?:$|\?)|thumb|/small/|_s\.\w+$)",
    re.I,
)


def pick_image(images: Sequence[str]) -> str | None:
    """The first full-size image (feeds list the full one first, thumbnails after)."""
    for url in images:
        if not _THUMB.search(url):
            return url
    return images[0] if images else None


def extract_images(scene: Scene, rules: QuestionRules) -> tuple[list[Found], list[str]]:
    found: list[Found] = []
    vague: list[str] = []
    image = pick_image(scene.images)
    for i, sentence in enumerate(scene.sentences):
        text = sentence.text
        cues = list(_FIRST_LOOK.finditer(text)) if rules.image_noun != "poster" else []
        if rules.cues:
            cues += list(rules.cues.finditer(text))
        for cue in sorted(cues, key=lambda c: c.start()):
            noun = _named_image(text, cue)
            if rules.image_noun is not None and noun not in (None, rules.image_noun):
                continue  # a still does not answer a poster question, nor a poster a still one
            mark = nearest(text, scene.marks[i], cue.start(), cue.end())
            if not _is_subject(scene, i, mark):
                continue
            lo = min(cue.start(), mark.start) if mark else cue.start()
            hi = max(cue.end() + 20, mark.end if mark else 0)
            if rules.reject and rules.reject.search(text, lo, hi):
                continue
            explicit = mark is not None and mark.kind == "name"
            if image is None:
                if explicit:
                    vague.append(text)
                continue
            found.append(
                Found(
                    value=image,
                    display=image,
                    precision=None,
                    confidence=_clamp(
                        (0.9 if explicit else 0.7) + (0.05 if sentence.title else 0.0)
                    ),
                    hedged=hedged(text, cue.end()),
                    evidence=text,
                )
            )
            break
    return found, vague


def _named_image(text: str, cue: re.Match[str]) -> ImageNoun | None:
    """What kind of image a cue names: its own noun, unless a poster noun
    follows within two words ("first-look poster", "first look at the poster")."""
    if _POSTER_AFTER.match(text, cue.end()):
        return "poster"
    return _cue_noun(cue.group())


def cue_sentences(scene: Scene, cues: re.Pattern[str] | None) -> list[str]:
    """Sentences naming the subject that touch the question without answering it."""
    if cues is None:
        return []
    return [
        s.text
        for i, s in enumerate(scene.sentences)
        if any(m.subject and m.kind == "name" for m in scene.marks[i]) and cues.search(s.text)
    ]

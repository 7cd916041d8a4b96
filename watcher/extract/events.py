"""Which event a date in a sentence belongs to: the film's release, or a
trailer, a streaming debut, a festival, production, an actor's deal, an
anniversary, an announcement, another medium.

A sentence's event words (``Trigger``) are found once. A date is governed by
the one nearest it in its clause, weighed by how strongly each kind binds a
date ("in theaters" more than "out"). A generic release word takes the kind
of what is released: "the trailer will release April 9" dates the trailer,
"arrives on Max" the streaming debut. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from watcher.extract.lexicon import EVENT_KINDS, load
from watcher.extract.text import CLAUSE_BREAK, SENTENCE_CACHE, key, phrases_regex, screen

_LEX = load("en")

# A date's governor, by how firmly each kind binds a date next to it.
_STRENGTH = {
    "theatrical": 1.3,
    "release": 1.0,
    "trailer": 1.1,
    "streaming": 1.3,
    "festival": 1.2,
    "production": 1.1,
    "casting": 1.1,
    "anniversary": 1.2,
    "announcement": 0.8,
    "other_media": 1.1,
    "box_office": 1.2,
    "finance": 1.2,
}
# Release words that say which release they date by themselves; every other
# release word takes the kind of what it releases ("the trailer debuts",
# "voting opens Jan. 12", "arrives on Max").
_STRONG = frozenset(key(w) for w in ("release date", "release dates"))

_KIND_OF: dict[str, str] = {}
for _word in (*_LEX.release_verbs, *_LEX.schedule, *_LEX.move):
    _KIND_OF.setdefault(key(_word), "release")
for _kind in EVENT_KINDS:
    for _word in _LEX.events[_kind]:
        _KIND_OF[key(_word)] = _kind
for _word in _LEX.theatrical:
    _KIND_OF[key(_word)] = "theatrical"
# Release words also match their other forms ("dates", "slates"); event nouns are listed as written.
_RELEASE_WORDS = phrases_regex([*_LEX.release_verbs, *_LEX.schedule, *_LEX.move], inflect=True)
_TRIGGER = phrases_regex([k for k, v in _KIND_OF.items() if v != "release"])
# Services by name ("Max", "Netflix") are case-sensitive; "X+" is one too.
# "Max" is also a name ("Mad Max"): a service only where one is named as a place
# ("on Max", "hitting Max").
_STREAMER = re.compile(
    r"(?<![\w+])(?:"
    + "|".join(re.escape(s) for s in sorted(_LEX.streamers, key=len, reverse=True) if s != "Max")
    + r")(?![\w+])|(?<!\w)[A-Z][\w]*\+(?!\w)|(?<=\bon\s)Max\b|(?<=\bto\s)Max\b|(?<=\bvia\s)Max\b|"
    r"(?<=\bhits\s)Max\b|(?<=\bhitting\s)Max\b"
)
# Its leading lookbehinds have re try it at every position of a sentence;
# the services' names and the "+", read off the pattern, are in one sentence
# in six.
_STREAMER_SCREEN = screen(_STREAMER)
# The lexicon's countries, as one alternation (longest first).
COUNTRIES = "|".join(
    r"\s+".join(map(re.escape, c.split())) for c in sorted(_LEX.countries, key=len, reverse=True)
)
# A premiere somewhere ("premieres at Cannes", "premiere in Los Angeles") is an
# event, not the opening; "premieres in theaters" is the opening, and so is one
# in a country ("premiere in the UK on November 8, and in the US on January 17").
_PREMIERE_VENUE = (
    r"(?:at|in)\s+(?!theaters|theatres|cinemas|the\s+U\.?S|U\.?S)"
    rf"(?!(?:the\s+)?(?:{COUNTRIES})(?!\w))(?:the\s+)?[A-Z][\w.]*"
)
_EVENT_PREMIERE = re.compile(
    rf"(?<!\w)premi[eè]re[sd]?\s+{_PREMIERE_VENUE}|"
    # "will premiere March 14 at the Paramount Theater": the day, then the venue.
    r"(?<!\w)premi[eè]re[sd]?(?=\s+(?:on\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?|"
    rf"\d{{1,2}}\s+[A-Z][a-z]{{2,8}})(?:,?\s+\d{{4}})?\s+{_PREMIERE_VENUE})"
)
_COMPARED = re.compile(
    r"(?<!\w)(?:earlier|later|sooner|ahead\s+of|before)\s+(?:than\s+|when\s+|what\s+)?(?:it\s+was\s+|was\s+)?"
    r"(?:(?:originally|previously|initially|first)\s+)?(?:planned|expected|scheduled|anticipated|thought|"
    r"announced|dated|set|slated|intended)\b",
    re.I,
)
_EXPANSION = phrases_regex(_LEX.expansion)
_DUE_TO = re.compile(
    r"\s+to\s+(?!(?:be|hit|open|arrive|release|debut|land|bow|premiere|come)\b)", re.I
)
_LIMITED = phrases_regex(_LEX.limited)
# Verbs whose "out" is no release: "find out", "sold out", "points out".
NOT_RELEASED_OUT = re.compile(
    r"(?<!\w)(?:find|finds|found|finding|figure|figured|check|checks|checked|sold|sells|sell|"
    r"point|points|pointed|turn|turns|turned|work|works|worked|carry|carried|stand|stands|"
    r"reach|reached|rule|ruled|miss|missed|freak|freaked|lash|lashed|speak|spoke|spoken|"
    r"call|called|calls|hang|hanging|hung|drop|dropped|drops|bow|bowed|bows|pull|pulled|pulls)"
    r"\s+(?:\w+\s+)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    kind: str  # "theatrical", "release", or one of the lexicon's event kinds
    text: str
    weak: bool = False  # a generic release word, retyped by what it releases
    by: str = ""  # what retyped it: "first trailer" in "the film's first trailer will release"


# Event words that also name a company, which then does something.
_COMPANY_NOUNS = frozenset(("streaming service", "streamer", "the service"))
_ACTS = re.compile(
    r"\s+(?:is|are|was|has|had|will|would|also|announced|said|says|set|dated|gave|gives|"
    r"plans|confirmed|revealed)\b"
)

_PLAY_WORDS = frozenset(("play", "plays", "played", "playing"))
_BY_AFTER = re.compile(r"\s+by\s")
_SEES_RELEASE = re.compile(r"\s+(?:\S+\s+){0,2}?(?:release|debut|opening|premiere)\b", re.I)
_A_PART_BEFORE = re.compile(r"(?<!\w)(?:character|role|part)s?\b[^,;.!?]*$", re.I)
# "Musical" names the stage only as a noun of its own.
_FILM_BEFORE_MUSICAL = re.compile(
    r"(?<!\w)(?:animated|film|movie|live-action|big-screen|screen)\s+$", re.I
)
_AFTER_MUSICAL = re.compile(
    r"\s+(?:film|movie|comedy|drama|fantasy|adventure|romance|biopic|remake|feature|numbers?|"
    r"sequences?|moments|shenanigans|score|extravaganza)(?!\w)",
    re.I,
)


@lru_cache(maxsize=SENTENCE_CACHE)
def triggers(text: str, outside: tuple[tuple[int, int], ...] = ()) -> tuple[Trigger, ...]:
    """Every event word of a sentence, in order, with generic release words
    retyped by their subject or object. Words inside the ``outside`` spans
    (another work's name: "the Broadway musical") are not the sentence's events.
    Cached: every date question of every subject reads the same sentences."""
    found: list[Trigger] = []
    if _TRIGGER is not None:
        for m in _TRIGGER.finditer(text):
            k = key(m.group())
            if k in _COMPANY_NOUNS and _ACTS.match(text, m.end()):
                continue  # "The streaming service is teaming with Universal": a company
            if k == "musical" and (
                _FILM_BEFORE_MUSICAL.search(text, 0, m.start())
                or _AFTER_MUSICAL.match(text, m.end())
            ):
                continue  # "a new animated musical", "musical shenanigans": the film's genre
            found.append(Trigger(m.start(), m.end(), _KIND_OF[k], m.group()))
    if _RELEASE_WORDS is not None:
        for m in _RELEASE_WORDS.finditer(text):
            k = key(m.group())
            if k == "due" and _DUE_TO.match(text, m.end()):
                continue  # "due to the strike" gives a cause, not a date
            if k == "out" and NOT_RELEASED_OUT.search(text, 0, m.start()):
                continue  # "to find out for yourself": no release
            if k == "sees" and not _SEES_RELEASE.match(text, m.end()):
                continue  # "This third installment sees Art unleashing chaos": the plot
            if k in _PLAY_WORDS and (
                _A_PART_BEFORE.search(text, max(0, m.start() - 60), m.start())
                or _BY_AFTER.match(text, m.end())
            ):
                continue  # "the character Mirren was announced to be playing", "played by": a part

            if all(m.end() <= t.start or m.start() >= t.end for t in found):
                found.append(Trigger(m.start(), m.end(), "release", m.group(), k not in _STRONG))
    for m in _EVENT_PREMIERE.finditer(text):
        if all(m.end() <= t.start or m.start() >= t.end for t in found):
            found.append(Trigger(m.start(), m.end(), "festival", m.group()))
        else:  # "premiere" was read as the release: it is the event's
            found = [t for t in found if not (t.start >= m.start() and t.end <= m.end())]
            found.append(Trigger(m.start(), m.end(), "festival", m.group()))
    found.sort(key=lambda t: t.start)
    for m in _STREAMER.finditer(text) if _STREAMER_SCREEN.may_match(text) else ():
        if all(m.end() <= t.start or m.start() >= t.end for t in found):
            found.append(Trigger(m.start(), m.end(), "streaming", m.group()))
    found.sort(key=lambda t: t.start)
    # "two days earlier than previously announced": a comparison dates nothing.
    compared = [m.span() for m in _COMPARED.finditer(text)]
    found = [t for t in found if not any(a <= t.start < b for a, b in (*compared, *outside))]
    return tuple(_retype(text, found, i) for i in range(len(found)))


# Between a release word and what it releases: a few words, no clause break.
_OBJECT_GAP = re.compile(
    r"^(?:\s+(?:the|a|an|its|their|his|her|first|second|third|final|another|new|brand-new|"
    r"official|two|three|several|latest|full|teaser|exclusive|on|to|via|onto|[\w’'-]+\s+(?=on\b)))*\s+$"
)


def _retype(text: str, found: list[Trigger], i: int) -> Trigger:
    """ "released the first teaser" is the teaser's; "will release in theaters"
    stays the film's."""
    t = found[i]
    if (
        t.kind in ("release", "theatrical")
        and _TAKINGS_NOUN.fullmatch(t.text)
        and (_MONEY_BEFORE.search(text, 0, t.start) or _MONEY_AFTER.match(text, t.end))
    ):
        # "$64.1 million in its opening weekend": takings, not an opening
        return Trigger(t.start, t.end, "box_office", t.text, by="takings")
    if t.kind == "theatrical":
        return _event_subject(text, found, i) or t
    if t.kind == "box_office" and _OPENS_THE.search(text, 0, t.start):
        return Trigger(t.start, t.end, "release", t.text)
    if not t.weak or t.kind != "release":
        return t
    lo, hi = _clause(text, t.start, t.end)
    if any(
        f.kind == "theatrical" and lo <= f.start < hi and abs(f.start - t.end) <= 20 for f in found
    ):
        return t
    for other in found[i + 1 :]:  # the object: "released the first teaser trailer"
        if other.start >= hi or other.start - t.end > 40:
            break
        if other.kind not in ("release", "theatrical", "announcement") and _OBJECT_GAP.match(
            " " + text[t.end : other.start]
        ):
            return Trigger(t.start, t.end, other.kind, t.text, weak=True, by=other.text)
    for other in reversed(found[:i]):  # the subject: "the film's first trailer will release"
        if other.end <= lo or t.start - other.end > 45:
            break
        gap = text[other.end : t.start]
        if _AHEAD_OF_ITS.search(gap):
            break  # "wrapped production ahead of its spring release": the film's own
        if _FILMS_OWN.search(gap):
            break  # "trailers supporting the film's arrival": the film's own
        if other.kind not in ("release", "theatrical", "announcement") and len(gap.split()) <= 6:
            return Trigger(t.start, t.end, other.kind, t.text, weak=True, by=other.text)
    return t


def _event_subject(text: str, found: list[Trigger], i: int) -> Trigger | None:
    """ "the interactive showings will arrive in 1,000 theaters": a screening's
    theaters, not the film's opening."""
    t = found[i]
    if _OWN_RELEASE.search(text, 0, t.start):
        return None  # "premieres at Cannes ahead of its theatrical release": the film's own
    lo, _ = _clause(text, t.start, t.end)
    for other in reversed(found[:i]):
        if other.end <= lo or len(text[other.end : t.start].split()) > 10:
            break
        if other.kind in ("festival", "anniversary", "other_media"):
            return Trigger(t.start, t.end, other.kind, t.text, by=other.text)
    return None


# "will launch the summer 2026 box office": the film's opening starts a
# season's takings, and its date is the opening's.
_OPENS_THE = re.compile(
    r"(?<!\w)(?:launch(?:es|ing)?|kick(?:s|ing)?\s+off|open(?:s|ing)?)\s+the\s+(?:[\w’'-]+\s+){0,3}$",
    re.I,
)
# "Rules July 4th With $122M Opening", "a five-day opening of $122.6 million":
# the opening's takings, not its date.
_TAKINGS_NOUN = re.compile(r"(?:opening|debut|bow|start|launch)(?:\s+(?:weekend|day|frame))?", re.I)
# "$64.1 million", "$42M"; a headline drops the sign: "15 Million Opening".
_MONEY = (
    r"(?:\$\s?\d[\d.,]*\s*(?:[MBK]|mil(?:lion)?|bil(?:lion)?)?|\d[\d.,]*\s*(?:million|billion))"
)
_MONEY_BEFORE = re.compile(_MONEY + r"\s+(?:[\w-]+\s+){0,2}$", re.I)
_MONEY_AFTER = re.compile(
    r"\s+(?:of|with|at)\s+(?:(?:an?|about|nearly|over|almost)\s+)*" + _MONEY, re.I
)
_AHEAD_OF_OWN = (
    r"(?<!\w)(?:ahead\s+of|before|prior\s+to)\s+(?:its|their|the\s+(?:film|movie|sequel)[’']s)"
)
_AHEAD_OF_ITS = re.compile(_AHEAD_OF_OWN + r"\s")
_OWNER_BEFORE = re.compile(r"(?<!\w)(?:its|their)\s+$")
_OWN_RELEASE = re.compile(_AHEAD_OF_OWN + r"\s+$")
_FILMS_OWN = re.compile(r"(?<!\w)the\s+(?:film|movie|sequel)[’']s\s+(?:[\w-]+\s+)?$")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in CLAUSE_BREAK.finditer(text, 0, start):
        if m.group().strip() not in ("as", "which", "who"):
            lo = m.end()
    after = CLAUSE_BREAK.search(text, end)
    return lo, after.start() if after else len(text)


@dataclass(frozen=True, slots=True)
class Governor:
    trigger: Trigger
    strength: float


def govern(
    text: str, start: int, end: int, found: Sequence[Trigger]
) -> tuple[Governor | None, Governor | None]:
    """The strongest release word and the strongest other event word bound to
    the date at ``text[start:end]``."""
    release: Governor | None = None
    other: Governor | None = None
    comma = _COMMA.match(text, end) if _FRONTED.match(text[:start]) else None
    # "the teaser for the June 2026 release": a date set between a determiner
    # and a release noun is that release's, whatever governs the phrase.
    compound = _DETERMINER_BEFORE.search(text, max(0, start - 8), start) is not None
    for t in found:
        if (
            compound
            and (t.kind in ("release", "theatrical") or t.weak)
            and _RELEASE_NOUN.fullmatch(text, t.start, t.end)
            and not text[end : t.start].strip()
        ):
            own = t if t.kind == "theatrical" else Trigger(t.start, t.end, "release", t.text)
            return Governor(own, 1.5), None
        if comma is not None and t.start >= end:
            # "On September 6, 2024, the movie will open in theaters": a date
            # put first governs the clause after it, as if it came last.
            s = _proximity(text[comma.end() : t.start], 90) * _STRENGTH.get(t.kind, 1.0)
        else:
            s = _bind(text, t, start, end)
        if s <= 0:
            continue
        g = Governor(t, round(s, 3))
        if t.kind in ("release", "theatrical"):
            if release is None or s > release.strength:
                release = g
        elif other is None or s > other.strength:
            other = g
    return release, other


def _proximity(gap: str, reach: int) -> float:
    """1 for adjacent, falling to 0 at ``reach`` characters, less per clause break."""
    proximity = max(0.0, 1.0 - len(gap) / reach)
    for found in CLAUSE_BREAK.finditer(gap):
        mark = found.group().strip()
        if mark in (",", ":"):
            proximity *= 0.6
        elif mark in ("(", ")", "[", "]"):
            proximity *= 0.7
        elif mark in ("which", "who", "as", "and", "but", "while", "after", "before"):
            proximity *= 0.75
        else:
            proximity *= 0.3
    return proximity


# A quotation opened and not closed before the date: the words outside it
# do not govern what is quoted.
_QUOTE_OPENED = re.compile(r"“[^”]*$|‘[^’]*$")
_FRONTED = re.compile(r"^[\W]*(?:(?:On|By|Starting|Beginning|From|As\s+of|Come|Until)\s+)?$", re.I)
_COMMA = re.compile(r"\s*,\s*")
_DETERMINER_BEFORE = re.compile(r"(?<!\w)(?:the|its|their|a|an)\s+$", re.I)
_RELEASE_NOUN = re.compile(r"(?:theatrical\s+)?(?:release|opening|debut|bow|premiere)", re.I)


def _bind(text: str, t: Trigger, start: int, end: int) -> float:
    """How firmly a trigger governs a date: near and in the same clause is
    strong; before the date more than after it; across a clause break weaker."""
    if t.end <= start:
        if _QUOTE_OPENED.search(text, t.end, start):
            return 0.0  # "posted a poster captioned “Soon. #Nightjar 5.9.26”": the quote's date
        if t.kind not in ("release", "theatrical") and _OWNER_BEFORE.search(text, t.end, start):
            return 0.0  # "wrapped production ahead of its spring 2026 release": the film's date
        proximity = _proximity(text[t.end : start], 90)
    elif t.start >= end:
        gap = text[end : t.start]
        if t.kind == "announcement" and "," in gap:
            return 0.0  # "to June 13, 2025, the companies said Friday": who said the sentence
        proximity = _proximity(gap, 30) * 0.9
    else:
        return 0.0
    return proximity * _STRENGTH.get(t.kind, 1.0)


def expansion(text: str, lo: int, start: int, end: int) -> str | None:
    """ "expands March 20", "March 20 wide expansion": a widening, not an opening."""
    if _EXPANSION is None:
        return None
    before = _EXPANSION.search(text, lo, start)
    after = _EXPANSION.match(text, end + (len(text[end:]) - len(text[end:].lstrip())))
    found = before or after
    return found.group() if found else None


def limited(texts: Sequence[str]) -> bool:
    """Does the item tell of a limited opening before the wide one?"""
    return _LIMITED is not None and any(_LIMITED.search(t) for t in texts)

"""Which spans of an item name a work, and whether that work is the subject.

For each sentence, the spans (``Mark``) that name the tracked film (its title
and aliases, "the Gladiator sequel", "the third film in the Deadpool series",
"Villeneuve's epic"), another work ("Marvel's Blade", "2017's Logan", a quoted
title, "the original film") or refer back to one ("the film", "It", "its").
Anaphors resolve to the last work named before them. A name counts as the
subject only in an item with one of its ``context`` terms and no ``exclude``
term beside it.

Pure: a subject's names are compiled once (``SubjectNames``); ``scene`` reads
one entry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, NamedTuple

from watcher.extract.dates import DateSpan
from watcher.extract.lexicon import load
from watcher.extract.names import (
    FILM_NOUN,
    MAKERS_FILM,
    NOT_MONTH,
    PART,
    TITLE_JOIN,
    TITLE_WORD,
    SubjectNames,
    number_of,
    unapostrophed,
)
from watcher.extract.text import (
    Present,
    Sentence,
    fewest_words,
    finditer_from,
    fold,
    gap_cost,
    key,
    literal_trie,
    may_hold,
    phrases_regex,
    screen,
    title_case,
)

MarkKind = Literal["name", "other", "anaphor"]
_LEX = load("en")


class Mark(NamedTuple):
    """A span naming a work: the subject, another title, or an anaphor. (A
    named tuple: a sentence makes several, and a tuple is made in a third of
    the time of a frozen dataclass.)"""

    start: int
    end: int
    kind: MarkKind
    subject: bool  # refers to the tracked subject (anaphors: as resolved)
    how: str = ""  # what kind of mention, for the reasons a person reads
    # "the sequel to the 1988 classic": a work named only to say what the
    # phrase before it is; dates and anaphors never attach to it.
    modifier: bool = False
    # "She also had parts in Dumbo": a work named as someone's past credit; a
    # "the film" in the next sentence is not about it.
    credit: bool = False


@dataclass(frozen=True, slots=True)
class Scene:
    """One entry as seen for one subject."""

    sentences: tuple[Sentence, ...]
    marks: tuple[tuple[Mark, ...], ...]  # per sentence, sorted by start
    carried: tuple[bool | None, ...]  # per sentence: does the last earlier work refer to us?
    dates: Sequence[tuple[DateSpan, ...]]  # per sentence, found when asked for
    images: tuple[str, ...]
    published: date | None  # the item's date, or the poll's for an undated item
    undated: bool = False  # no date on the item: year-less dates read against the poll time
    present: Present | None = None  # which words the item holds, for ``may_hold``

    def about_subject(self, i: int) -> bool:
        # A loop, not any() over a generator: every reading asks, sentence by sentence.
        for m in self.marks[i]:  # noqa: SIM110
            if m.subject:
                return True
        return False

    def topic(self, i: int) -> bool:
        """Sentence ``i`` is about the subject: it names it, or names no work
        and follows sentences that did."""
        if self.marks[i]:
            return self.about_subject(i)
        return bool(self.carried[i])


# --------------------------------------------------------------------------- patterns

# A name's words around a quoted word: a nickname (not "Marvel’s ‘Thunderbolts’ Star").
# (The capital first, then what may not stand before it: re skips ahead to
# capitals instead of trying a lookbehind at every position.)
_NICKNAME_BEFORE = re.compile(r"[A-Z](?<![\w’'].)[a-z]+(?<![’']s)\s+$")
_NICKNAME_AFTER = re.compile(r"\s+[A-Z][a-z]+(?![\w’'])(?![’']s)")
# A lower-case word that titles capitalize: "Death is hard" is something said.
_SPOKEN = re.compile(
    r"\s(?!(?:a|an|the|and|but|or|nor|for|of|in|on|at|to|by|with|from|as|vs|via|de|la|le|du|"
    r"des|da|del|di|von|van|à|a|y|e|et|und|x)\b)[a-z][\w’'-]*"
)
# Words that introduce something said or written, not a title.
_SAID = re.compile(
    r"(?<!\w)(?:tagline|taglines|caption|captioned|slogan|motto|line|lines|quote|message|reads|read|"
    r"wrote|writes|written|said|says|saying|tweeted|posted|teased|declares|declared|exclaimed|adding)"
    r"[:,]?\s*$",
    re.I,
)
_POSSESSIVE_END = re.compile(r"[’']s$")
# A quoted title: ‘Ballerina’, "Dune: Prophecy". An apostrophe inside a word
# (Ocean’s) does not close it; a quotation ("We're thrilled," she said) ends
# in punctuation and is not taken for a title.
_QUOTED = re.compile(
    # The opening quote is taken first, so that re skips ahead to quotes; then
    # what stands before it (nothing, a space, a bracket or a dash) and which
    # quote it was, each branch closing its own.
    r"[‘“'\"«](?<![^\s(\[—–/-].)"
    r"(?:(?<=‘)((?:[^‘’\n]|’(?=\w))+?)’|(?<=“)([^“”\n]+?)”|(?<=')((?:[^'\n]|'(?=\w))+?)'|"
    r"(?<=\")([^\"\n]+?)\"|(?<=«)\s?([^«»\n]+?)\s?»)"
    r"(?!\w)"
)
_MONTH_WORD = re.compile(
    r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?$|^(?:Top|No|Phase|Day|Week)$"
)
# "After 15 years apart": a word before a count, alone, is no title ("After Earth 2" may be).
_COUNTING_WORD = re.compile(
    r"^(?:After|Before|For|In|Over|Under|About|Around|Nearly|Almost|Some|Only|Just|At|By|Since|"
    r"Within|Until|Than|Roughly|Exactly)$"
)
# "Saw XI", "Mickey 17", "John Wick: Chapter 4", "Sonic the Hedgehog 3".
_NUMBERED = re.compile(
    rf"(?=[A-Z])(?<![\w’'])((?:{TITLE_WORD}(?:\s+{TITLE_WORD}){{0,3}}:\s+)?{TITLE_WORD}(?:\s+(?:{TITLE_JOIN}\s+)*{TITLE_WORD}){{0,3}})\s+"
    r"(\d{1,2}|II|III|IV|VI{0,3}|IX|XI{1,3})(?![\w%/-]|\s*(?:million|billion|percent|,\s*\d))"
)
# (also its alias after a slash: "as Yelena Belova/Black Widow II")
_AS_BEFORE = re.compile(r"\bas\s+(?:(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*/)?$")
# Is there a number after a word? Starting at the space lets re skip ahead to
# spaces; starting at the word's last character, it tried every character.
_NUMBER_AFTER_WORD = re.compile(
    r"\s(?<=[\w’'.*&-]\s)\s*(?:\d{1,2}|II|III|IV|VI{0,3}|IX|XI{1,3})(?![\w%/])"
)
# What each of those numbers holds: a digit, or "V", "II", "IX" or "XI". Asked
# first (the scan above stops at every space of every sentence; three
# sentences in four hold none of these). One scan: a character that can
# start one, then what must follow it (re skips ahead to the class; a
# search for digits then four for the numerals read most sentences five times).
_NUMBER_NEEDS = re.compile(r"[\dIVX](?:(?<=[\dV])|(?<=I)[IX]|(?<=X)I)")


def _number_after_word(text: str) -> bool:
    return _NUMBER_NEEDS.search(text) is not None and _NUMBER_AFTER_WORD.search(text) is not None


# "The Strangers: Chapter 2", "Captain America: Brave New World" (not in headlines,
# where every word is capitalized and "Exclusive: Keanu Reeves ..." is not a title).
_COLON_TITLE = re.compile(
    rf"(?=[A-Z])(?<![\w’'])({TITLE_WORD}(?:\s+{TITLE_WORD}){{0,3}}):\s+({TITLE_WORD}(?:\s+(?:{TITLE_JOIN}\s+)*{NOT_MONTH}{TITLE_WORD}){{0,4}})"
)
# "Disney's Christmas 2024 release" (the lexicon's holiday names would also
# bring "New" and "July", which open titles).
_HOLIDAY_WORD = re.compile(
    r"(?:Christmas|Thanksgiving|Easter|Halloween|Memorial|Labor|Independence|Valentine|"
    r"Presidents|Holiday|Summer|Spring|Fall|Winter|Autumn)(?![\w-])"
)
_POSSESSOR_BEFORE = re.compile(r"(?<!\w)(?:its|their|his|her)\s+$")
# Words that label what follows a colon, not a title's first part.
_LABELS = frozenset((
    "answer", "question", "update", "updated", "note", "spoiler", "spoilers", "warning",
    "exclusive", "watch", "review", "breaking", "photos", "video", "report", "interview",
    "opinion", "analysis", "source", "sources", "credit", "via", "read", "related", "see",
))  # fmt: skip
# "... said that Red Meridian Rising will hit theaters June 5": capitalized
# words that open in theaters are a title, though unquoted (two words at
# least: one is as likely a name or a sentence's first word).
_DATED_TITLE = re.compile(
    rf"(?=[A-Z])(?<![\w’'])({NOT_MONTH}{TITLE_WORD}(?:\s+(?:{TITLE_JOIN}\s+)*{NOT_MONTH}{TITLE_WORD}){{1,4}})"
    r"(?= (?:will (?:now )?(?:hit|open|arrive|debut|land|bow)|hits|opens|arrives|debuts|lands|bows)"
    r" (?:in )?(?:theaters|theatres|cinemas|nationwide|on [A-Z]|in (?:[A-Z]|\d)))"
)
# Written with single spaces, so that these words, one of which it needs, say
# exactly where it can match (its scan at every capital is not cheap).
_DATED_NEEDS = (
    *(f" will {verb} " for verb in ("hit", "open", "arrive", "debut", "land", "bow", "now")),
    *(f" {verb} " for verb in ("hits", "opens", "arrives", "debuts", "lands", "bows")),
)
# A plain adjective, never a word that points at another work or one that
# starts a phrase of its own ("the trailer for the film"). (The words it is not,
# as a trie: this lookahead runs at every word after "the" or a possessive.)
_NOT_ADJECTIVE = literal_trie((
    *_LEX.other_adjectives, "untitled", "the", "for", "of", "and", "or", "to", "in", "on",
    "with", "from", "that", "which", "whose", "its", "his", "her", "their", "trailer",
    "teaser", "poster", "is", "was", "will", "has", "had",
))  # fmt: skip
_ADJECTIVE = rf"(?!{_NOT_ADJECTIVE}\b)[a-z][a-z-]+\s+"
_ANAPHOR_THE = (
    r"(?<!\w)(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:(?:[‘“\"']?[A-Z][\w’'.-]*[’”\"']?|[\w’'-]+-"
    rf"(?:led|starring|fronted|directed|helmed))\s+){{0,4}}(?:{_ADJECTIVE}){{0,4}}{FILM_NOUN}"
)
# A possessive needs an adjective unless it is the film's own people:
# "Sony's Paddington sequel" is another franchise. (The owner's words are
# taken possessively, as ``TITLE_WORD``: a space or an apostrophe follows.)
_ANAPHOR_OWNED = (
    rf"(?<![\w’'])(?P<owner>[A-Z][\w.-]*+(?:\s+[A-Z][\w.-]*+){{0,2}})(?:[’']s|(?<=s)[’'])\s+"
    rf"(?P<adjectives>(?:{_ADJECTIVE}|[“\"][^”\"]{{1,40}}[”\"]\s+){{0,3}}){FILM_NOUN}"
)
_ANAPHOR_IT = r"^[‘“\"']?It(?=\s)"
_ANAPHOR = re.compile(rf"(?=[tA-Z‘“\"'])(?:{_ANAPHOR_THE}|{_ANAPHOR_OWNED}|{_ANAPHOR_IT})")
# The same for a sentence with no possessive, where the owner's branch
# matches nowhere and so changes nothing the others find. Tried at every
# capitalized word, that branch and the capitals the lookahead let through
# for it were half of what the pattern cost; without them it stops only
# where "the", "this", "that" or "It" can start. (Its groups are kept, never
# set.) One sentence in twelve holds a possessive.
_ANAPHOR_UNOWNED = re.compile(
    rf"(?=[tTI‘“\"'])(?:{_ANAPHOR_THE}|(?!)(?P<owner>)(?P<adjectives>)|{_ANAPHOR_IT})"
)
# What the owner's branch cannot match without: "’s", or "s’" (Reeves’).
_POSSESSIVE_NEEDS = ("’s", "'s", "s’", "s'")
# What a sentence must hold for these patterns to match (see ``may_hold``).
# "the Dwayne Johnson and Chris Evans film" (no possessive): named by its people.
_PEOPLE = r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}"
_PEOPLES_FILM = re.compile(
    rf"(?:(?<!\w)[Tt]he\s+|^)(?P<people>{_PEOPLE}(?:\s+(?:and|&)\s+{_PEOPLE})?)\s+"
    rf"(?:[a-z][\w-]*\s+){{0,2}}{FILM_NOUN}"
)
_UPCOMING = re.compile(r"[Tt]he\s+(?:upcoming|forthcoming)\s")
_ANAPHOR_NEEDS = fewest_words(("It", *_LEX.film_nouns))
_NEWEST_NEEDS = ("new", "latest", "upcoming", "forthcoming")  # case-insensitive
_OPENING_QUOTES = ("‘", "“", "'", '"', "«")
# "the follow-up film, Dune: Part Two,", "the movie will be called Dune: Part
# Two": the phrase and the title are one.
_APPOSED = re.compile(
    r"(?:\s*,\s*|\s*,?\s+(?:(?:will|would|is\s+to|is\s+going\s+to)\s+be\s+|is\s+(?:now\s+)?|has\s+been\s+)?"
    r"(?:called|titled|entitled|named|dubbed|retitled|renamed)\s+)[‘“\"']?[A-Z]"
)
# "It was announced that", "it seems", "it's official": "it" standing for no work.
_EXPLETIVE = re.compile(
    r"(?:[’']s|\s+(?:is|was|has\s+been|had\s+been|would\s+be|will\s+be))\s+(?:\w+\s+)?(?:announced|"
    r"reported|confirmed|rumou?red|said|revealed|believed|expected|known|clear|official|unclear|"
    r"likely|possible|time|been|true|safe|worth|hard|easy|no\s+secret|not\s+clear|now\s+official)\b|"
    r"\s+(?:seems|appears|looks|turns\s+out|remains\s+to\s+be)\b",
    re.I,
)
# "with the newest to hit theaters": the latest of a series is the one tracked.
_NEWEST = re.compile(
    r"(?<!\w)the\s+(?:newest|latest|upcoming|new|forthcoming)(?:\s+(?:one|installment|instalment|entry|"
    r"chapter|film|movie|sequel|outing))?(?=\s+(?:to|is|will|arrives|opens|hits|debuts|comes|lands)\b)",
    re.I,
)
# "it'll be hitting theaters", "its original date": the last work named.
# Written to start with its first letter (every form a case-insensitive "i"
# takes) and to look behind it after: re then skips ahead to the next "i"
# instead of trying the pattern at every position.
# (Searched from each "it" of the lower-cased sentence: see ``finditer_from``.)
_PRONOUN = re.compile(r"[iIİı](?<![\w’'].)(?i:t(?=[’']ll\b|[’']s\b|\s)|ts(?=\s))")
# "its eagerly anticipated film Ballerina": a work of the owner's, by its title.
_OWNED_TITLED = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,3}?(?:film|movie|feature|thriller|comedy|drama|spinoff|spin-off)\s+"
    r"[‘“\"]?[A-Z][\w’'.:-]*(?:\s+[A-Z][\w’'.:-]*){0,4}"
)
# "a new thriller", "her next film", "the untitled project", "the original
# film", "the 1988 original", "its predecessor": some other work.
_OTHER_WORK_BRANCHES = (
    r"(?<!\w)(?:(?:[Aa]n?|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w’'-]+\s+){0,3}?|the\s+(?:untitled|next|other)"
    r"\s+(?:[\w’'-]+\s+){0,2}?)(?:film|movie|thriller|comedy|drama|series|show|project|feature)"
    r"(?!\w|\s+(?:of|fans?|enthusiasts?|goers?|lovers?|buffs?|audiences?|industry|business|theat(?:er|re)s?|"
    r"studios?|stars?|news|history|magic|tickets?|posters?|trailers?|franchises?|rights|deals?|"
    r"slates?|ratings|reviews|critics|screenings?|seasons?|world|makers?|making|rights|nights?|"
    r"version|adaptation|release|debut)\b)",
    r"(?<!\w)(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|original|earlier|previous|prior|\d{4})"
    r"(?:\s+[\w’'-]+){0,2}?\s+(?:film|movie|one|installment|instalment|part|half|entry|chapter|"
    r"outing|original|classic|hit)(?!\s+of\s+(?:\d|the\s+year|this|next|last))|predecessor)(?!\w)",
    r"(?<!\w)[Tt]he\s+original(?!\s+(?:release|date|slot|plan|[\w’'-]+\s+\d|[A-Z\d]))(?!\w)",
    # (the owner's next film, ``_OWNERS_NEXT``, comes here)
    r"(?<!\w)the\s+(?:[\w’'-]+\s+){0,2}?(?:"
    + "|".join(map(re.escape, _LEX.other_media_works))
    + r")(?!\w|\s+of\b)",  # not "a series of moves", "the show of force"
)
# "Villeneuve's next film": the director's other work (the words taken
# possessively: a space or an apostrophe follows, never a letter given back).
_NEXT_WORDS = ("next", "other", "previous", "last", "first", "debut", "earlier", "prior", "latest")
_OWNERS_NEXT = (
    r"(?<![\w’'])[A-Z][\w.-]*+(?:\s+[A-Z][\w.-]*+){0,2}[’']s?\s+(?:"
    + "|".join(_NEXT_WORDS)
    + r")\s+(?:[\w’'-]+\s+)?(?:film|movie|project|feature|thriller|comedy|drama)(?!\w)"
)


def _other_work_pattern(branches: Sequence[str]) -> re.Pattern[str]:
    # A boundary first: each alternative starts a word, and one check spares
    # trying them inside words.
    return re.compile(r"\b(?=[ahtiA-Z])(?:" + "|".join(branches) + ")")


_OTHER_WORK = _other_work_pattern(
    (*_OTHER_WORK_BRANCHES[:3], _OWNERS_NEXT, *_OTHER_WORK_BRANCHES[3:])
)
# The same less the owner's next film, for a sentence that cannot hold one:
# a branch that matches nowhere in a sentence changes nothing the rest finds,
# and that one, tried at every capitalized word, was a fifth of what the
# pattern cost. One sentence in twenty holds both an apostrophe and one of
# its words (its screen, read off the pattern, would be the film nouns every
# sentence asked here holds).
_OTHER_WORK_UNOWNED = _other_work_pattern(_OTHER_WORK_BRANCHES)
_APOSTROPHES = ("’", "'")
_NEXT_NEEDS = fewest_words(_NEXT_WORDS)


def _other_work(text: str) -> re.Pattern[str]:
    """``_OTHER_WORK``, or what finds the same in ``text`` more cheaply."""
    if may_hold(text, _APOSTROPHES) and may_hold(text, _NEXT_NEEDS):
        return _OTHER_WORK
    return _OTHER_WORK_UNOWNED


_OTHER_WORK_NEEDS = fewest_words(
    (
        *("film", "movie", "thriller", "comedy", "drama", "series", "show", "project", "feature"),
        *("one", "installment", "instalment", "part", "half", "entry", "chapter", "outing"),
        *("original", "classic", "hit", "predecessor", *_LEX.other_media_works),
    )
)
# A bare "the series" in a sentence saying nothing of television is the
# franchise the film belongs to, not another work.
_BARE_SERIES = re.compile(r"[Tt]he\s+series")
_TELEVISION = re.compile(
    r"(?<![\w+])(?:season|seasons|episode|episodes|show|shows|TV|television|streaming|streamer|"
    r"premieres?|"
    + "|".join(re.escape(s) for s in sorted(_LEX.streamers, key=len, reverse=True))
    + r")(?![\w+])"
)
# After a copula the phrase describes the title before it ("X is a spinoff
# film", "X is no longer a June 2024 movie"): it names no other work.
_PREDICATE = re.compile(
    r"(?<!\w)(?:is|are|was|were|be|been|becomes|remains|as)(?:\s+[\w’'-]+){0,2}?\s+$"
)
_THE_YEAR = re.compile(r"[Tt]he\s+(?:19|20)\d{2}(?!\d)")
_APPOSITION_GAP = re.compile(r"[’”\"']?\s*[,—–]\s*")
# "his upcoming film 'Joker: Folie a Deux'": the phrase introduces the title after it.
_INTRODUCES = re.compile(r"\s*,?\s*[‘“\"']{0,2}[A-Z]")
# A name followed by these is a longer title: "Ballerina 2", "Dune Part Two";
# not by a date written in numbers ("#Ballerina 6.6.25", "Dune 3/15").
_CONTINUES = re.compile(
    r"[:\s]\s*(?:\d{1,2}\b(?![./]\d)|(?:II|III|IV|V|VI|Part|Chapter|Season|Episode|Vol)\b)"
)
# "its animated Pocket Giants": a studio's other title (a describing word, no noun).
_OWNER_ADJ = (
    r"(?:animated|upcoming|new|next|live-action|latest|own|other|horror|action|holiday|summer|"
    r"family|rival|competing|tentpole|awards|big|biggest)"
)
# (A trie: the owned-title pattern tries it at every capital, and a list of
# 45 names tried one by one was a third of that pattern's scan.)
_STUDIO = literal_trie(_LEX.studios)
_STUDIO_NAME = re.compile(_STUDIO)
# "Marvel's Blade", "Universal's The Fall Guy", "2017's Logan": another title.
# What it cannot match without: an owner's apostrophe, or "its"/"their".
_OWNED_NEEDS = ("’", "'", "Its", "its", "Their", "their")


def _lead_branches(words: Sequence[str], behind: str) -> list[str]:
    """Literal ``words`` as one branch per first character: the character,
    then ``behind`` (a lookbehind over it and what stands before it), then
    the trie of the rest. An alternation of such branches lets re skip ahead
    to the characters that can start one; the words of a branch are tried in
    the order ``literal_trie`` tries them."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(word[1:])
    return [re.escape(first) + behind + literal_trie(rest) for first, rest in sorted(rests.items())]


# The owner (a studio, a year, "its"/"their" and a describing word) is an
# alternation of branches that each start with a literal character, with what
# may not stand before it looked at after: re skips ahead to those
# characters, where a leading lookahead made it try the pattern at every
# position (two fifths of its cost). Branches that start alike keep the
# order of the studio | year | its | their alternation they were written as.
_OWNER_BEHIND = r"(?<![\w’'].)"
_OWNER_POSSESSIVE = r"(?:[’']s|’)\s+"
_OWNER_DESCRIBED = rf"\s+(?:{_OWNER_ADJ}\s+){{1,2}}{NOT_MONTH}"
_OWNERS = (
    *(
        branch + _OWNER_POSSESSIVE
        # (as written, the owner started with a capital, a "1" or "2", an "i" or a "t")
        for branch in _lead_branches(
            [s for s in _LEX.studios if re.match("[A-Z12it]", s)], _OWNER_BEHIND
        )
    ),
    rf"1{_OWNER_BEHIND}9\d{{2}}{_OWNER_POSSESSIVE}",
    rf"2{_OWNER_BEHIND}0\d{{2}}{_OWNER_POSSESSIVE}",
    *(
        f"{first}{_OWNER_BEHIND}{rest}{_OWNER_DESCRIBED}"
        for first, rest in (("I", "ts"), ("i", "ts"), ("T", "heir"), ("t", "heir"))
    ),
)
_OWNED_TITLE = re.compile(
    "(?:" + "|".join(_OWNERS) + rf")[‘“\"']?"
    rf"((?:The\s+)?{TITLE_WORD}(?:\s+(?:{TITLE_JOIN}\s+)*{NOT_MONTH}{TITLE_WORD}){{0,4}}(?::\s+{TITLE_WORD}(?:\s+{TITLE_WORD}){{0,3}})?)"
)

# "The Fall Guy" in the middle of a sentence: a capital "The" opens a name.
# ("The" first, what stands before it after: re looks for the word, not
# for the two lookbehinds at every position.)
_THE_TITLE = re.compile(
    rf"(The(?<=[a-z,;]\sThe)(?<!\sas\sThe)\s+{TITLE_WORD}(?:\s+(?:{TITLE_JOIN}\s+)*{NOT_MONTH}{TITLE_WORD}){{0,4}})"
)

_PART_BEFORE = re.compile(
    r"(?<!\w)(?:(?:character|role|part)\s+of|plays|playing|voices|voicing|portrays|portraying)\s+$"
)
_PART_NOUN_AFTER = re.compile(r"\s+(?:character|role|part|alter\s+ego)(?!\w)")

# "according to The Hollywood Reporter", "told The Wrap", "The Playlist has
# learned": an outlet a report is credited to, not a work.
_SOURCE_BEFORE = re.compile(
    r"(?<!\w)(?:[Aa]ccording\s+to|told|tells|telling|per|via|reported\s+by|"
    r"(?:speaking|spoke|talking|talked|chatting|chatted)\s+(?:to|with)|"
    r"(?:interview|conversation|chat|sit-down)\s+with|confirmed\s+to|said\s+to|"
    r"(?:writing|wrote|writes)\s+(?:for|in))\s+$"
)
_SOURCE_AFTER = re.compile(
    r"\s+(?:reports|reported|(?:has|have)\s+(?:now\s+|since\s+|also\s+)?(?:learned|confirmed|reported)|"
    r"first\s+reported|can\s+confirm|confirms|writes|wrote|notes|noted|says|said)(?!\w)|[’']s?\s+(?:report|reporting|sources|story|interview)(?!\w)"
)

# --------------------------------------------------------------------------- marking


def scene(
    subject: SubjectNames,
    sentences: Sequence[Sentence],
    images: tuple[str, ...],
    published: date | None,
    dates: Sequence[tuple[DateSpan, ...]],
    *,
    undated: bool,
) -> Scene | None:
    """The entry seen for ``subject``, or None when no sentence names it."""
    present = Present(s.text for s in sentences)
    raw = _subject_marks(subject, sentences, present)
    if raw is None:
        return None
    if published is not None:
        raw = [
            _this_years_film(s.text, found, published.year) if found else found
            for s, found in zip(sentences, raw, strict=True)
        ]
    resolved, carried = _resolve_anaphors(raw, [s.text for s in sentences])
    return Scene(
        sentences=tuple(sentences),
        marks=tuple(resolved),
        carried=tuple(carried),
        dates=dates,
        images=images,
        published=published,
        undated=undated,
        present=present,
    )


# "The 2025 film", "the 2024 feature film": another work when the year is
# past, the film the item is about when it is the report's year or later.
_YEAR_FILM = re.compile(
    r"[Tt]he\s+((?:19|20)\d{2})\s+(?:[\w-]+\s+)?(?:film|movie|feature)(?:\s+film)?"
)


def _this_years_film(text: str, found: list[Mark], year: int) -> list[Mark]:
    return [
        m._replace(kind="anaphor", how="the film")
        if m.kind == "other"
        and (y := _YEAR_FILM.fullmatch(text, m.start, m.end)) is not None
        and int(y.group(1)) >= year
        else m
        for m in found
    ]


def names_subject(subject: SubjectNames, sentences: Sequence[Sentence]) -> bool:
    """Does some sentence name ``subject`` the way ``scene`` counts a mention
    (the name, with context, not vetoed)? The test for reading an item's page."""
    return _subject_marks(subject, sentences, Present(s.text for s in sentences)) is not None


def _subject_marks(
    subject: SubjectNames, sentences: Sequence[Sentence], present: Present
) -> list[list[Mark]] | None:
    allowed = _allowed_sentences(subject, sentences, present)
    if not any(_may_name(subject, s, ok) for s, ok in zip(sentences, allowed, strict=True)):
        return None  # the prefilter's hit was another title, or lacks its context
    raw = [
        marks(subject, s, allow=ok, present=present)
        for s, ok in zip(sentences, allowed, strict=True)
    ]
    if not any(m.subject for found in raw for m in found if m.kind == "name"):
        return None
    return raw


def _may_name(subject: SubjectNames, sentence: Sentence, allow: bool) -> bool:
    """Can ``marks`` find the subject named in this sentence? (Cheaply: what
    each of its ways of naming the subject needs first.)"""
    folded = fold(sentence.text)
    if allow:
        return bool(
            _names(subject, folded)
            or (subject.sequel is not None and subject.sequel.search(folded))
            or (subject.owned is not None and subject.owned.search(folded))
            or (subject.part is not None and PART.search(sentence.text))
        )
    return subject.may_name(folded) and any(
        key(m.group()) in subject.names_with_context for m in subject.names.finditer(folded)
    )


def _allowed_sentences(
    subject: SubjectNames, sentences: Sequence[Sentence], present: Present
) -> list[bool]:
    """Per sentence: may a name there be the subject?

    Not where an exclude term is; elsewhere with a context term in the item.
    The item's first mention of the name says what the item is about: when an
    exclude term vetoes it, or its own words make it another kind of work
    ("Netflix's Nightjar", "the Nightjar series", "Nightjar Season 2"), the
    item is about the same-name work, and only sentences with their own
    context term and no such words may name ours ("Lee's 'Ballerina' is not to
    be confused with Lionsgate's spinoff"). One context term in a comparison
    does not make the item ours.
    """
    exclude = _narrowed(subject.exclude_anchors, present)
    vetoed = [_finds(subject.exclude, exclude, s.text) for s in sentences]
    other = [_other_kind(subject, s.text) for s in sentences]
    if subject.context is None:
        return [not v and not o for v, o in zip(vetoed, other, strict=True)]
    context = _narrowed(subject.context_anchors, present)
    local = [_finds(subject.context, context, s.text) for s in sentences]
    first = next((i for i, s in enumerate(sentences) if _names(subject, fold(s.text))), None)
    strict = first is not None and (vetoed[first] or other[first])
    item = any(c and not v for c, v in zip(local, vetoed, strict=True))
    return [
        not v and not o and (c or (item and not strict))
        for c, v, o in zip(local, vetoed, other, strict=True)
    ]


def _narrowed(anchors: tuple[str, ...] | None, present: Present) -> tuple[str, ...] | None:
    return None if anchors is None else present.of(anchors, ignore_case=True)


def _finds(pattern: re.Pattern[str] | None, anchors: tuple[str, ...] | None, text: str) -> bool:
    """Does a case-insensitive ``pattern`` match in ``text``? Asked of the
    regex only where the text holds one of its ``anchors``."""
    if pattern is None or (anchors is not None and not may_hold(text, anchors, ignore_case=True)):
        return False
    return pattern.search(text) is not None


def _names(subject: SubjectNames, folded: str) -> bool:
    return subject.may_name(folded) and subject.names.search(folded) is not None


def _other_kind(subject: SubjectNames, text: str) -> bool:
    """Does the sentence write a bare name as another kind of work: a series, a
    season, a stage show, a platform's own film?"""
    folded = fold(text)
    if not subject.may_name(folded):
        return False
    for m in subject.names.finditer(folded):
        if subject.names_with_context and key(m.group()) in subject.names_with_context:
            continue  # "Dune: Part Two" is the film, whatever surrounds it
        kind = _KIND_BEFORE.search(text, max(0, m.start() - 40), m.start()) or _KIND_AFTER.match(
            text, m.end()
        )
        if kind is not None and not _ADAPTS.search(text, max(0, m.start() - 100), m.start()):
            return True
    return False


_MEDIA = "|".join(map(re.escape, _LEX.other_media_works))
_PLATFORMS = "|".join(map(re.escape, sorted(_LEX.studios_streaming, key=len, reverse=True)))
# "Netflix's Nightjar", "the K-drama Nightjar", "the series Nightjar"
_KIND_BEFORE = re.compile(
    rf"(?:(?<![\w’'])(?:{_PLATFORMS})(?:[’']s|’)\s+[‘“\"']?|(?<!\w)(?:the\s+)?(?:{_MEDIA}|k-?drama|anime)\s+[‘“\"']?)$",
    re.I,
)
# "adapting Dav Pilkey's graphic novel series “Dog Man”": the work the film is made from.
_ADAPTS = re.compile(
    r"(?<!\w)(?:adapting|adapts|adaptation\s+of|adapted\s+from|based\s+on|(?:film|movie)\s+version\s+of)"
    r"\s+(?:[\w’'-]+\s+){0,7}[‘“\"']?$",
    re.I,
)
# "Nightjar Season 2", "Nightjar (TV series)", "the Nightjar series", "Nightjar the Musical"
_KIND_AFTER = re.compile(
    rf"[’”\"']?\s*(?:\(\s*|:\s*(?:an?\s+|the\s+)?)?(?:(?:tv|streaming|netflix|hbo|anime)\s+)?(?:{_MEDIA}|season\s+\d|episode|"
    rf"the\s+musical|musical|k-?drama)(?!\w)",
    re.I,
)


def _ends_with(names: re.Pattern[str], owner: str) -> bool:
    """ "Writer-director Dean DeBlois": an owner whose name is one of these,
    whatever title is written before it."""
    return any(m.end() == len(owner) for m in names.finditer(owner))


# "the Star Trek movie": two capitalized words before the noun that are not
# the film's own names or people, a studio or a country's people name
# another franchise.
# (A hyphen joins capitalized words only: "Vega-directed" describes.)
_CAPITALIZED_RUN = re.compile(
    r"(?<![\w’'-])[A-Z][\w.]*(?:-[A-Z][\w.]*)*(?:\s+[A-Z][\w.]*(?:-[A-Z][\w.]*)*)+(?=\s+[a-z])"
)
_STUDIO_OR_PEOPLE = phrases_regex((*_LEX.studios, *_LEX.demonyms), cased=True)


def _titled_film(subject: SubjectNames, phrase: str) -> bool:
    run = _CAPITALIZED_RUN.search(phrase, phrase.find(" "))
    if (
        run is None
        or (subject.context is not None and subject.context.search(run.group()))
        or key(run.group()) in subject.base_keys
        or subject.names.search(fold(run.group())) is not None
    ):
        return False  # "the Vega-directed Glass Harbor fourthquel": ours
    return _STUDIO_OR_PEOPLE is None or _STUDIO_OR_PEOPLE.search(run.group()) is None


# "the novel", "the stage musical": a work no "the film" refers back to.
_MEDIUM_AT_END = re.compile(rf"(?<!\w)(?:{_MEDIA})$")
_SEQUEL_NOUN = re.compile(r"(?:sequel|follow-?up|threequel|continuation)$")
_CREW_AFTER = re.compile(
    r"[’”\"']?\s+(?:director|filmmaker|helmer|star|co-star|actor|actress|writer|producer|composer)"
    r"\s+[A-Z]"
)
_LEADING_CLAUSE = re.compile(
    # (after a wire dateline: "LOS ANGELES, May 2 (Agency) -- If ...")
    r"(?:[^.!?]{0,60}?\s(?:--|—|–)\s+)?[‘“\"']?(?:If|When|While|Although|Though|Unlike|Like|After|Before|Since|Whereas)\s[^,;:.]{3,200},"
)


def _resolve_anaphors(
    raw: list[list[Mark]], texts: Sequence[str]
) -> tuple[list[tuple[Mark, ...]], list[bool | None]]:
    """ "It", "its": the last work named before (in this sentence or earlier
    ones). "The film", "the sequel": the last work named earlier in its own
    sentence, else the first one of the sentence before that named a work
    (where a sentence puts its topic: "Ji-ho Park's 'Swan' was a hit. The film
    opens ..." is Park's). Also returns, per sentence, what the last work
    named before it was."""
    resolved: list[tuple[Mark, ...]] = []
    carried: list[bool | None] = []
    last: bool | None = None
    salient: bool | None = None  # the first work of the last sentence that named one
    salient_earlier = False  # ... and it was the film ours continues
    named = False  # has the subject been named yet?
    for found, text in zip(raw, texts, strict=True):
        carried.append(last)
        out: list[Mark] = []
        here: list[bool] = []
        for k, mark in enumerate(found):
            if mark.modifier:
                out.append(mark)
                continue
            if mark.kind != "anaphor" or mark.subject:
                target = mark.subject
                out.append(mark)
            else:
                resolved_to = _antecedent(mark, found[k + 1 :], here, last, salient, named)
                if not here and salient_earlier and _SEQUEL_NOUN.search(text, mark.start, mark.end):
                    resolved_to = True  # the sequel of the film ours continues is ours
                if resolved_to is None:
                    continue
                target = resolved_to
                out.append(Mark(mark.start, mark.end, "anaphor", target, mark.how))
            if not mark.credit:  # someone's earlier work is no antecedent
                last = target
                if mark.how != "another medium":  # "the novel ..., and the film"
                    here.append(target)
            named = named or bool(target)
        topics = [m for m in out if not m.modifier and not m.credit]
        if topics:
            first = topics[0]
            # "If Red Meridian were made today, the result would be Glass
            # Harbor 2.": a leading subordinate clause does not set what the
            # sentence is about.
            if len(topics) > 1 and (lead := _LEADING_CLAUSE.match(text)) is not None:
                first = next((m for m in topics if m.start >= lead.end()), first)
            # "Glass Harbor 2 director Tobias Renn will next direct the Star
            # Trek movie": a title before a person's trade says who they are.
            if len(topics) > 1 and _CREW_AFTER.match(text, first.end):
                first = topics[1]
            salient = first.subject
            salient_earlier = first.how == "the earlier film"
        resolved.append(tuple(out))
    return resolved, carried


def _antecedent(
    mark: Mark,
    after: Sequence[Mark],
    here: list[bool],
    last: bool | None,
    salient: bool | None,
    named: bool,
) -> bool | None:
    if mark.how in ("it", "that"):
        return last
    follower = next((m for m in after if not m.modifier), None)
    if follower is not None and follower.kind != "anaphor" and mark.how == "apposed":
        return follower.subject  # "the follow-up film, Dune: Part Two,"
    if mark.how == "this" and named:
        return True  # "this sequel": the film the item is about
    return here[-1] if here else salient


def marks(
    subject: SubjectNames, sentence: Sentence, *, allow: bool, present: Present | None = None
) -> list[Mark]:
    """Works named in a sentence, in order. A name that may not be ours here
    (vetoed, no context) is marked as another work: a date next to it is not ours.
    ``present``: the words the sentence's item holds."""
    text = sentence.text
    folded = fold(text)
    found: list[Mark] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        # A loop, not all() over a generator: asked for every span found.
        for x, y in taken:  # noqa: SIM110
            if b > x and a < y:
                return False
        return True

    def add(a: int, b: int, kind: MarkKind, ours: bool, how: str) -> None:
        taken.append((a, b))
        found.append(Mark(a, b, kind, ours, how))

    if subject.owned is not None:
        for m in subject.owned.finditer(folded):
            if free(*m.span()):
                add(*m.span(), "name" if allow else "other", allow, MAKERS_FILM)
    # The sequel first: "the sequel to 2018's The Nun" holds the earlier film.
    if subject.sequel is not None:
        for m in subject.sequel.finditer(folded):
            if free(*m.span()):
                add(
                    *m.span(), "name" if allow else "other", allow, "the sequel to the earlier film"
                )
    if subject.original is not None:
        for m in subject.original.finditer(folded):
            if free(*m.span()):
                add(*m.span(), "other", False, "the earlier film")

    said: bool | None = None  # a word that introduces a quotation? (asked once a sentence)
    # Folding changes letters only: the quotes of ``folded`` are those of ``text``.
    for q in _QUOTED.finditer(folded) if _needs(text, _OPENING_QUOTES, present) else ():
        if not free(*q.span()):
            continue
        inner = q[q.lastindex or 0]  # (one group per quote, one of them matched)
        if not (inner[:1].isupper() or inner[:1].isdigit()) or len(inner.split()) > 10:
            continue
        if (
            # In prose, Garrett ‘The Garbage Man’ Garrison too; a headline
            # capitalizes the words around a title ("Watch 'X Y' Trailer").
            # (The name's word after the quote first: one match where it is,
            # where the word before is searched for in all that precedes.)
            (" " not in inner.strip() or (len(inner.split()) <= 4 and not title_case(text)))
            and _NICKNAME_AFTER.match(text, q.end())
            and _NICKNAME_BEFORE.search(text, 0, q.start())
        ):
            continue  # Thaddeus ‘Thunderbolt’ Ross: a nickname, not a title
        if _PART_NOUN_AFTER.match(text, q.end()):
            continue  # Jared Leto's “Ares” character: a part, not a title
        if _SOURCE_AFTER.match(text, q.end()) or _SOURCE_BEFORE.search(
            text, max(0, q.start() - 40), q.start()
        ):
            continue  # "'Variety' reports that": an outlet, not a title
        if inner.rstrip()[-1:] in ".!?" or _SPOKEN.search(inner.rstrip(" ,")):
            continue  # a quotation, not a title
        if said is None:
            said = _SAID_SCREEN.may_match(text)
        if said and _SAID.search(text, 0, q.start()):
            continue  # a quotation, not a title
        inner = inner.rstrip(
            " ,"
        )  # “Salem’s Lot,” the title, with the comma American style puts inside
        bare = _POSSESSIVE_END.sub("", inner)
        inner_key = key(bare)
        if inner_key in subject.context_keys:
            continue  # the franchise, not a title that competes for a date
        # "“Joker: Folie à Deux 04.10.24”": the title, with a date after it.
        named = (
            inner_key in subject.name_keys
            or subject.names.match(fold(inner)) is not None
            # (without an apostrophe, its key is the one with them dropped)
            or (unapostrophed(bare) if "’" in bare or "'" in bare else inner_key)
            in subject.unapostrophed_keys
        )
        if not named and (owned := _OWNER_IN_QUOTES.match(bare)) is not None:
            # "“Colleen Hoover’s It Ends With Us”": the film, with its author's name.
            named = (
                key(owned.group(1)) in subject.context_keys
                and key(owned.group(2)) in subject.name_keys
            )
            inner, inner_key = owned.group(2), key(owned.group(2))
        ours = named and _case_ok(subject, inner, inner_key)
        ours = ours and (allow or inner_key in subject.names_with_context)
        # "“The Black Phone” was a hit. The sequel ...": the film ours continues.
        how = "the earlier film" if not ours and inner_key in subject.base_keys else "quoted title"
        add(q.start(), q.end(), "name" if ours else "other", ours, how)

    for m in subject.names.finditer(folded) if subject.may_name(folded) else ():
        a, b = m.span()
        name_key = key(m.group())
        if not free(a, b) or not _case_ok(subject, text[a:b], name_key):
            continue
        longer = _CONTINUES.match(text, b)
        if longer is not None:
            # "Dead Reckoning Part 1" may be ours by another of its names.
            again = subject.names.search(folded, a + 1, b + 16)
            if again is not None and again.end() > b:
                b, name_key, longer = again.end(), key(again.group()), None
        ours = (
            (allow or name_key in subject.names_with_context)
            and longer is None
            and not _inside_excluded(subject, text, a, b)
        )
        add(a, b, "name" if ours else "other", ours, "title")
    if subject.part is not None:
        # "Part One is scheduled ...; Part Two opens a year later": the halves of a two-part film.
        for m in PART.finditer(text):
            if free(*m.span()) and allow:
                ours = number_of(m.group(1)) == subject.part
                add(*m.span(), "name" if ours else "other", ours, "the film's part")
    for a, b in _other_titles(subject, text, present):
        if free(a, b):
            add(a, b, "other", False, "another title")
    film_words = _needs(text, _ANAPHOR_NEEDS, present)
    anaphor = _ANAPHOR if may_hold(text, _POSSESSIVE_NEEDS) else _ANAPHOR_UNOWNED
    for m in anaphor.finditer(text) if film_words else ():
        if not free(*m.span()):
            continue
        owner = m.group("owner")
        if owner and subject.context is not None and _ends_with(subject.context, owner):
            # "Villeneuve's epic", "Michael Keaton's movie": the film of its own people.
            add(*m.span(), "anaphor", allow, "its people's film")
        elif owner and (_STUDIO_NAME.fullmatch(owner) or len(owner.split()) >= 2):
            # "Sony's Paddington sequel", "Idris Kane's new thriller": someone else's film.
            add(*m.span(), "other", False, "someone else's film")
        elif owner is None or m.group("adjectives"):
            if m.group().lstrip("‘“\"'") == "It" and _EXPLETIVE.match(text, m.end()):
                continue  # "It was announced that ...": no work
            if owner is None and _titled_film(subject, m.group()):
                add(*m.span(), "other", False, "another title's film")
                continue
            if _APPOSED.match(text, m.end()):
                how = "apposed"
            elif (lead := m.group().split()[0].casefold()) in ("this", "these") or (
                owner is None and _UPCOMING.match(m.group())
            ):
                how = "this"  # "the upcoming Christmas comedy film": the one the item is about
            elif lead == "that":
                how = "that"  # "... held by Naked Gun. That film is now set for": the last one
            else:
                how = "the film"
            add(*m.span(), "anaphor", False, how)
    if (
        (context := subject.context) is not None
        and film_words
        and (
            subject.context_anchors is None
            or _needs(text, subject.context_anchors, present, ignore_case=True)
        )
    ):
        for m in _PEOPLES_FILM.finditer(text):
            people = re.split(r"\s+(?:and|&)\s+", m.group("people"))
            if free(*m.span()) and all(_ends_with(context, p) for p in people):
                # "the Dwayne Johnson and Chris Evans film": the film of its own people.
                add(*m.span(), "anaphor", allow, "its people's film")
    newest = _needs(text, _NEWEST_NEEDS, present, ignore_case=True)
    for m in _NEWEST.finditer(text) if newest else ():
        if free(*m.span()):
            add(*m.span(), "anaphor", False, "this")
    for m in finditer_from(_PRONOUN, text, "it"):
        if free(*m.span()) and not _EXPLETIVE.match(text, m.end()):
            titled = _OWNED_TITLED.match(text, m.end()) if m.group()[-1:] == "s" else None
            if titled is None:
                add(*m.span(), "anaphor", False, "it")
            elif free(m.start(), titled.end()):
                # "pushed back the release of its eagerly anticipated film
                # Ballerina": "its" names the owner of a work named after it.
                add(m.start(), titled.end(), "other", False, "its titled work")
    other_work = _other_work(text) if _needs(text, _OTHER_WORK_NEEDS, present) else None
    for m in other_work.finditer(text) if other_work is not None else ():
        if not free(*m.span()) or (
            # "Nightjar is a thriller" describes; "was the 2003 movie" names a work.
            _PREDICATE.search(text, 0, m.start()) and not _THE_YEAR.match(m.group())
        ):
            continue
        if _BARE_SERIES.fullmatch(m.group()) and not _TELEVISION.search(text):
            continue  # "the series is going back to its roots": the film's franchise
        if _INTRODUCES.match(text, m.end()) and any(s >= m.end() for s, _ in taken):
            continue  # "his upcoming film 'Joker 2'" names the title after it
        if any(
            f.subject and f.kind == "name" and _APPOSITION_GAP.fullmatch(text, f.end, m.start())
            for f in found
        ):
            # "Nightjar, a movie that won't open until July", "Nightjar 3, the
            # third and final film in the series,": the film described.
            continue
        how = "another medium" if _MEDIUM_AT_END.search(m.group()) else "another work"
        found.append(Mark(m.start(), m.end(), "other", False, how))
    found.sort(key=lambda mark: mark.start)
    # The phrases before a work are searched from the sentence's start for
    # each work (a $-anchored pattern is tried at every position): asked
    # once a sentence, their words rule most sentences out. (Of the sentence
    # alone: finding which of their 13-27 words the whole item holds cost
    # more than checking the sentences that have works.)
    # (Asked only where a work they can change is: not ours, and for a credit
    # no anaphor; half the sentences with works have no credit to ask about.)
    modifier_before = _any_other(found, True) and _MODIFIER_BEFORE_SCREEN.may_match(text)
    credit_before = _any_other(found, False) and _CREDIT_BEFORE_SCREEN.may_match(text)
    # (A bracket before a work is asked of the sentence once, not searched
    # for before each work: most sentences have none.)
    bracket = "(" in text
    return [
        Mark(m.start, m.end, m.kind, m.subject, m.how, modifier=True)
        if not m.subject
        and (
            (modifier_before and _MODIFIER_BEFORE.search(text, 0, m.start))
            or _IN_SERIES.search(text, max(0, m.start - 30), m.start)
            or _MODIFIER_AFTER.match(text, m.end)
            or (_SERIES_AFTER.match(text, m.end) and not _TELEVISION.search(text))
            or (m.kind != "anaphor" and _DESCRIBES_AFTER.match(text, m.end))
            or _title_head(text, m, found)
        )
        else Mark(m.start, m.end, m.kind, m.subject, m.how, credit=True)
        if not m.subject
        and m.kind != "anaphor"
        and (
            (credit_before and _CREDIT_BEFORE.search(text, 0, m.start))
            or (
                bracket
                and _NAME_THEN_BRACKET.search(text, max(0, m.start - 100), m.start)
                and _BRACKET_CLOSES.match(text, m.end)
            )
        )
        else m
        for m in found
    ]


def _any_other(found: Sequence[Mark], anaphors: bool) -> bool:
    """Is one of ``found`` not the subject (and, unless ``anaphors``, no anaphor)?"""
    # A loop, not any() over a generator: asked of every sentence with works.
    for m in found:  # noqa: SIM110
        if not m.subject and (anaphors or m.kind != "anaphor"):
            return True
    return False


# "“Colleen Hoover’s It Ends With Us”": an owner's possessive inside the quotes.
_OWNER_IN_QUOTES = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})[’']s\s+(.+)")

# "Directed by Tobias Renn (“Nightjar”)", "Leah Vance (Nightfall)": a work in
# brackets right after a name is that person's credit.
# (and the later works of a list there: "James Watkins (Speak No Evil, The
# Woman in Black)")
_NAME_THEN_BRACKET = re.compile(r"[A-Z][\w’'.-]*\s+\(\s*(?:[^()]{1,60}?(?:,|\s+and)\s+)?[‘“\"']?$")
_BRACKET_CLOSES = re.compile(r"[’”\"']?\s*[),;]")
# "had parts in the movies", "best known for", "appeared in": what comes after
# is someone's earlier work, up to the end of the clause.
_CREDIT_BEFORE = re.compile(
    r"(?<!\w)(?:had\s+(?:a\s+)?(?:parts?|roles?|turns?)\s+in|appeared\s+in|starred\s+in|"
    r"(?:played|portrayed|voiced)\s+(?:[\w’'.-]+\s+){1,4}in|"
    r"(?:best\s+|also\s+|well\s+)?known\s+for|credits\s+include|previously\s+(?:seen|starred|appeared)|"
    r"rose\s+to\s+fame\s+(?:in|with)|breakout\s+(?:role|turn)\s+in|"
    # "he's the director behind “Kubo and the Two Strings” and “Bumblebee”"
    r"(?:director|filmmaker|helmer)s?\s+(?:behind|of)|(?:directed|helmed)\s+(?:the\s+)?(?:hit\s+)?|"
    # "the horror maestro behind The Haunting of Hill House"
    r"(?:maestro|mastermind|creator|visionary|auteur|mind|minds|writer|showrunner|architect)\s+behind|"
    # "Jack Quaid, star of The Boys, is set to star in Novocaine"
    r"(?:star|alum|alumnus|veteran)\s+of)"
    r"\b[^.;:!?()]{0,80}$",
    re.I,
)


# "the 'Mad Max: Fury Road' prequel 'Furiosa'", "the 'Glass Harbor' animated
# prequel": the earlier work describes ours.
_MODIFIER_AFTER = re.compile(
    # "the ‘Captain Marvel’ and ‘Ms. Marvel’ continuation": both name what it continues.
    r"[’”\"']?(?:\s+(?:and|&)\s+[‘“\"']?[A-Z][\w’'.:&-]*(?:\s+[A-Z0-9][\w’'.:&-]*){0,5}[’”\"']?)?"
    r"\s+(?:(?:prequel|sequel|spin-?off|follow-?up|reboot|remake|threequel|continuation|crossover|"
    r"filmmaker|director|helmer|star|actor|actress|writer|producer|alum|creator|showrunner|composer|"
    r"franchise|universe)|"
    r"(?:[a-z][\w-]*\s+){1,2}(?:prequel|sequel|spin-?off|follow-?up|reboot|remake|threequel|"
    r"continuation|crossover))\b",
    re.I,
)
# "the ‘Conjuring’ series", "the main ‘Conjuring’ storyline" (in a sentence
# with no word of television): the franchise that holds our film.
_SERIES_AFTER = re.compile(r"[’”\"']?\s+(?:series|saga|storyline|trilogy|films|movies|franchise)\b")
# A title before these describes something of its franchise ("their next Red
# Meridian release", "the Red Meridian villain", "a Red Meridian legend");
# "its release" is the film's own.
_DESCRIBES_AFTER = re.compile(
    r"[’”\"']?\s+(?:release|slate|brand|banner|comics?|characters?|villains?|heroes|hero|legend|"
    r"veteran|icon|fans)\b",
    re.I,
)


_COLON = re.compile(r"\s*:\s*")


def _title_head(text: str, mark: Mark, found: Sequence[Mark]) -> bool:
    """ "‘JOKER’: ‘FOLIE À DEUX’": a title written in two quoted halves."""
    for m in found:  # (a loop, not any() over a generator: asked of every work found)
        if (
            m.start >= mark.end
            and m.subject
            and m.kind == "name"
            and _COLON.fullmatch(text, mark.end, m.start)
        ):
            return True
    return False


# "the newest film in the series", "the fourth entry in the saga": the
# series the film belongs to.
_IN_SERIES = re.compile(
    r"(?<!\w)(?:film|movie|entry|installment|instalment|chapter|outing|one)\s+in\s+$"
)
# "the sequel to", "a follow-up to Scott's", "based on", "a new take on": the
# work after is a modifier.
_MODIFIER_BEFORE = re.compile(
    # Every phrase starts a word: searched from the sentence's start, a "\b"
    # rules out the positions inside and between words in one cheap test,
    # before the lookbehinds of four branches (40% of its cost).
    r"\b(?:"
    r"(?<!\w)(?:sequel|follow-?up|prequel|successor|spin-?off|remake|reboot|adaptation|"
    r"version|continuation|based|reimagining|retelling|aftermath|events|(?:[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?:[\w-]+\s+)?take)"
    r"\s+(?:to|of|on|from)\s+(?:(?:the|his|her|its|their|[A-Z][\w.-]*[’']s)\s+)?"
    r"(?:[\w’'-]+\s+){0,3}?$|"
    # "a saga that began with 2009's Avatar": the series' earlier films;
    # "has compared one to an A24 movie": a likeness, not a work in the news.
    r"(?<!\w)(?:(?:began|begun|started|kicked\s+off|continued|continues)\s+with|"
    r"(?:compared?|compares|comparing|likened|likens|likening)\s+(?:[\w’'-]+\s+){0,2}?to)\s+"
    r"(?:(?:the|his|her|its|their|[A-Z][\w.-]*[’']s)\s+)?(?:[\w’'-]+\s+){0,3}?$|"
    # "out in summer 2026, before the arrival of X", "the same day as X": X
    # marks the time, dates nothing.
    r"(?<!\w)(?:before|after|ahead\s+of|following)\s+the\s+(?:arrival|release|debut|launch|opening)\s+of\s+$|"
    r"(?<!\w)(?:the\s+)?same\s+(?:day|date|weekend)\s+as\s+$"
    r")"
)

# The words the searches before a span need (see ``marks``).
_SAID_SCREEN = screen(_SAID)
_CREDIT_BEFORE_SCREEN = screen(_CREDIT_BEFORE)
_MODIFIER_BEFORE_SCREEN = screen(_MODIFIER_BEFORE)


def _other_titles(
    subject: SubjectNames, text: str, present: Present | None = None
) -> list[tuple[int, int]]:
    """Unquoted titles: "Saw XI", "John Wick: Chapter 4", "Marvel's Blade", and
    (not in headlines, where every word is capitalized) "The Strangers: Chapter 2"
    and "the shift of The Fall Guy"."""
    owned = (
        (_OWNED_TITLE,)
        if subject.company_titles is None
        else (_OWNED_TITLE, subject.company_titles)
    )
    # Each pattern is tried only where what it cannot do without is in the
    # sentence: at every capital, their backtracking is most of a scene's cost.
    patterns = [p for p in owned if p is not _OWNED_TITLE or _needs(text, _OWNED_NEEDS, present)]
    if _number_after_word(text):
        patterns.insert(0, _NUMBERED)
    if not title_case(text):
        if ":" in text:
            patterns.append(_COLON_TITLE)
        if "The" in text:
            patterns.append(_THE_TITLE)
        if _needs(text, _DATED_NEEDS, present):
            patterns.append(_DATED_TITLE)
    spans: list[tuple[int, int]] = []
    folded = fold(text)
    named: bool | None = None  # may a name be here? asked at the first title found
    for pattern in patterns:
        for m in pattern.finditer(text):
            words = m.group(1).split()
            if pattern is _NUMBERED and (
                _MONTH_WORD.match(words[0])
                or _MONTH_WORD.match(words[-1])
                or (len(words) == 1 and _COUNTING_WORD.match(words[0]))
            ):
                continue  # "May 30", "Top 10", "Phase 4", "After 15 years"
            if (
                pattern is _NUMBERED
                and m.group(2).isalpha()
                and _AS_BEFORE.search(text, 0, m.start())
            ):
                continue  # "stars as Hiccup Horrendous Haddock III": a name, not a title
            if pattern is _COLON_TITLE and (
                m.group(1).isupper() or m.group(1).casefold() in _LABELS
            ):
                continue  # "EXCLUSIVE: ...", "UPDATED: ...", "(Answer: Lewis Pullman's Bob)"
            if pattern is _COLON_TITLE and _POSSESSOR_BEFORE.search(text, 0, m.start()):
                continue  # "has found its Oskar Brandt: Kai Lennox": a part, then who plays it
            if pattern in owned and (
                m.group(1).startswith("Phase ") or _HOLIDAY_WORD.match(m.group(1))
            ):
                continue  # "Marvel's Phase Five", "Disney's Christmas 2024 release": no works
            one_group = pattern in (*owned, _THE_TITLE, _DATED_TITLE)
            if one_group and subject.context is not None and subject.context.search(m.group(1)):
                continue  # "Disney's Marvel Studios": a company, ours
            if pattern is _THE_TITLE and (
                _SOURCE_BEFORE.search(text, max(0, m.start() - 40), m.start())
                or _SOURCE_AFTER.match(text, m.end())
                # "voices the character of The Ferryman": a part named with "The"
                or _PART_BEFORE.search(text, max(0, m.start() - 30), m.start())
            ):
                continue
            if named is None:
                named = subject.may_name(folded)
            if not named or not subject.names.search(folded, m.start(), m.end()):
                a, b = m.span(1) if one_group else m.span()
                spans.append(
                    (a, b - 1 if text[b - 1] == "." else b)
                )  # "Iron Vow." ends the sentence
    return spans


def _needs(
    text: str, words: tuple[str, ...], present: Present | None, *, ignore_case: bool = False
) -> bool:
    """``may_hold``, for a sentence of an item whose words ``present`` holds."""
    if present is not None:
        words = present.of(words, ignore_case=ignore_case)
        if not words:
            return False  # the item holds none of them
    return may_hold(text, words, ignore_case=ignore_case)


def _inside_excluded(subject: SubjectNames, text: str, a: int, b: int) -> bool:
    """Is the name at ``text[a:b]`` the start of an excluded title ("28 Years
    Later The Bone Temple" with "The Bone Temple" excluded; a headline rebuilt
    from a URL has lost the colon that would end our name)?"""
    if subject.exclude is None:
        return False
    after = b + len(text[b:]) - len(text[b:].lstrip(" :–—-"))
    return any(
        (m := subject.exclude.match(text, at)) is not None and m.end() > b for at in (a, after)
    )


def _case_ok(subject: SubjectNames, text: str, name_key: str) -> bool:
    """A capitalized title in lower case is the common word ("a ballerina").
    A leading "The" may be written small in a sentence ("the Fall Guy")."""
    stripped = text.lstrip("‘“\"' ")
    if name_key.startswith("the ") and stripped[:4] == "the ":
        stripped = stripped[4:].lstrip("‘“\"' ")
    return not subject.name_initial_upper.get(name_key, False) or stripped[:1].isupper()


_RELATIVE_BETWEEN = re.compile(r"(?<!\w)(?:that|which|who|whose)(?!\w)")
_WHICH = re.compile(r"[’”\"']?\s*,\s*which\s")
_MAIN_CLAUSE_RESUMES = re.compile(
    r",\s+(?:is|are|was|were|will|has|have|had|opens|hits|arrives|lands|debuts)\s"
)


_REFERENCE_POINT = re.compile(
    r"(?:(?:days?|weeks?|months?|a\s+year)\s+(?:after|before|ahead\s+of)|the\s+same\s+(?:day|date|weekend)\s+as|"
    r"opposite|against|head-to-head\s+with|"
    # "will now open on July 23, a date previously held by X": X had the date.
    r"(?:date|slot|spot|berth)\s+(?:[a-z]+\s+){0,2}?(?:occupied|held|claimed|vacated|taken|left)\s+by)"
    r"\s+[‘“\"'«]?$",
    re.I,
)
# Searched before each work a span may belong to, at every position of the
# 40 characters before it (case-insensitive, no first character to skip
# to): asked first, its words rule out five sentences in six.
_REFERENCE_POINT_SCREEN = screen(_REFERENCE_POINT)


# A spaced dash opens an aside and another closes it: "The movie, slated for
# November 7 – six months after Kestrel's Nightjar – will now open May 1".
_DASH = re.compile(r"\s[–—]\s|\s--\s")


_TAKES_SLOT = re.compile(
    r"(?<!\w)(?:into|takes?|took|taking|fills?|filled|filling|claims?|claimed|grabs?|grabbed|"
    r"inherits?|inherited|occupies|occupied|assumes?|assumed)\s+$"
)
_SLOT_OF = re.compile(
    r"[’”\"']?[’']s?\s+(?:old\s+|former\s+|vacated\s+|previous\s+|original\s+)?"
    r"(?:spot|slot|date|release\s+date|place|weekend|window)(?!\w)"
)


def nearest(text: str, found: Sequence[Mark], start: int, end: int) -> Mark | None:
    """The work a span belongs to: the nearest mark, preferring one before it
    and one in the same clause ("X, out March 24, 2023, and Y on May 30")."""
    best: tuple[float, Mark] | None = None
    reference = bool(found) and _REFERENCE_POINT_SCREEN.may_match(text)
    for mark in found:
        # A work named to describe another is not what a date is about, unless
        # a clause about it follows: "follow-up to The Batman, which opens in March".
        if mark.modifier and not (
            mark.end <= start
            and _WHICH.match(text, mark.end)
            # "adaptation of the novel, which stars X, is headed to theaters on
            # Nov. 7": the main clause resumes; the date is the adaptation's.
            and not _MAIN_CLAUSE_RESUMES.search(text, mark.end, start)
        ):
            continue
        if mark.credit and mark.end <= start and ")" in text[mark.end : start]:
            continue  # "director James Watkins (Speak No Evil) to ... a fall 2026 release"
        if reference and _REFERENCE_POINT.search(text, max(0, mark.start - 40), mark.start):
            continue  # "a week after Glass Harbor 2": the date of another work, told by ours
        if mark.end <= start and _DASH.search(text, mark.end, start):
            opened = _DASH.search(text, max(0, mark.start - 100), mark.start)
            if opened is not None and not _DASH.search(text, opened.end(), mark.start):
                continue  # "– six months after X – will now hit theaters": the aside's work
        if _SLOT_OF.match(text, mark.end) and _TAKES_SLOT.search(
            text, max(0, mark.start - 30), mark.start
        ):
            continue  # "moved into Glass Harbor 2's spot": the date of what took it
        if mark.end <= start:
            cost = gap_cost(text, mark.end, start)
        elif mark.start >= end:
            if _RELATIVE_BETWEEN.search(text, end, mark.start):
                # "the first teaser, which ..., shows the storm that made
                # Red Meridian a hit": a work inside a later relative clause
                # is not what the span before it belongs to.
                continue
            cost = gap_cost(text, end, mark.start, after=True)
            between = text[end : mark.start]
            if "," in between:
                cost += 40  # "opens Nov. 27, with Part Two in 2025": the next clause's
            if ";" in between:
                cost += 80  # "X moves to May 2; Y moves to June 6": the next statement's

        else:
            cost = 0.0
        if best is None or cost < best[0]:
            best = (cost, mark)
    return best[1] if best else None

"""Date spans in a sentence ("June 13, 2025", "15th March 2024", "next
summer", "Thanksgiving", "on Friday", "10.16.26", "Q1 2026"), each with its
precision and how it was written, resolved against the item's date.

Only what the text says; whether a date is the film's release is for
``kinds.date`` to decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal, overload

from watcher.extract.lexicon import Holiday, Lexicon, load
from watcher.extract.text import caseless, screen, trie_pattern
from watcher.types import DatePrecision

# How the date was written, for the reasons a person reads.
DateForm = Literal[
    "written", "numeric", "no-year", "relative", "season", "holiday", "weekday", "window", "year"
]  # fmt: skip

_SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "winter": 12}


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int
    end: int
    value: str  # "2025-06-13", "2025-06", "2025-summer", "2025"
    display: str  # "June 13, 2025"
    precision: DatePrecision
    form: DateForm
    inferred: bool = False  # the year was worked out from the item's date, not written
    relative: bool = False  # "next year", "this fall": true as of the item's date only


def _alternation(words: Iterable[str]) -> str:
    """Words (matched case-insensitively) as a trie: the date pattern is tried
    at every word of every sentence, and a flat list of months and holidays
    tried one by one was most of the cost of reading an item."""
    spelled = (
        [_SPACE if c == " " else _APOSTROPHE if c in "'’" else re.escape(c) for c in w.lower()]
        for w in words
    )
    return "(?:" + trie_pattern(spelled) + ")"


_SPACE = r"\s+"
_APOSTROPHE = "['’]?"


def _month_pattern(months: tuple[str, ...]) -> str:
    # "Sept." and "Sep" as well as "September"; three letters at least.
    return _alternation([*months, *(m[:3] for m in months), "Sept"]) + r"\.?"


@dataclass(frozen=True, slots=True)
class _Patterns:
    lexicon: Lexicon
    any_date: re.Pattern[str]
    # What every date form holds, found cheaply: most sentences hold none and
    # skip the costly pattern.
    cue: re.Pattern[str]
    holiday_names: dict[str, Holiday]
    month_numbers: dict[str, int]


def _compile(lexicon: Lexicon) -> _Patterns:
    month = _month_pattern(lexicon.months)
    year = r"(?:19|20)\d{2}"
    seasons = _alternation(lexicon.seasons)
    this = _alternation(lexicon.this)
    nxt = _alternation(lexicon.next)
    last = _alternation(lexicon.last)
    windows = _alternation(lexicon.year_windows)
    lead = _alternation(lexicon.year_lead)
    follow = _alternation(lexicon.year_follow)
    weekdays = _alternation(lexicon.weekdays)
    holiday_names = {caseless(h_name): h for h in lexicon.holidays for h_name in h.names}
    holidays = _alternation({name for h in lexicon.holidays for name in h.names})
    # Every date starts a word (a test holds the lexicon to that): a boundary,
    # checked first, spares the alternatives at every other position.
    pattern = rf"""\b(?<![\w/])(?:
      (?P<iso>{year}-[01]?\d-[0-3]?\d)(?![\w/])
    | (?P<num>[0-3]?\d/[0-3]?\d/(?:{year}|\d{{2}}))(?![\w/])
    | (?<!\d\.)(?P<dot>[0-3]?\d\.[0-3]?\d\.(?:{year}|\d{{2}}))(?!\w|\.\d)
    | (?P<my>(?P<my_m>{month})\s+(?:of\s+)?(?P<my_y>{year}))\b
    | (?P<mdy>(?P<mdy_m>{month})\s+(?P<mdy_d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d%]|:\d|\.\d)\b
             (?:,?\s+(?P<mdy_y>{year})\b|\s+(?:of\s+)?(?P<mdy_ny>next|this)\s+year\b)?)
    | (?P<dmy>(?P<dmy_d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{month})
             (?:,?\s+(?P<dmy_y>{year})|\s+(?:of\s+)?(?P<dmy_ny>next|this)\s+year)?)(?![\w-])
    | (?P<hol>(?:(?P<hol_rel>this|next)\s+)?(?P<hol_n>{holidays})
        (?:,?\s+(?:of\s+)?(?P<hol_y>{year})|\s+(?P<hol_ny>this|next)\s+year)?)\b
    | (?P<season>(?:(?:early|late|mid)[\s-]+)?(?P<season_s>{seasons})
        (?:\s+of)?\s+(?P<season_y>{year}))\b
    | (?P<rel>(?P<rel_w>{nxt}|{this}|{last})\s+(?P<rel_u>year|month|{seasons}|{month}))
        (?!\w|\.?\s*\d)
    | (?P<newyear>(?:in|into)\s+the\s+new\s+year)\b
    | (?P<wknd>(?P<wknd_w>this|next)\s+weekend)\b(?!\s*[’']s)
    | (?P<wd>(?:(?P<wd_w>on|this|next|last|by|until|till|from)\s+(?:(?:coming|upcoming)\s+)?
             |(?<=theaters\s)|(?<=theatres\s)|(?<=cinemas\s)|(?<=nationwide\s))
        (?P<wd_d>{weekdays}))\b(?!,?\s+(?:the\s+)?(?:{month}|\d)|\s*\((?:{month}|\d))
    | (?:in|into|for|to|until|till|by|around|from)\s+(?:(?:early|late|mid)[\s-]+)?
        (?P<bare>(?P<bare_m>{month})|(?:the\s+)?(?P<bare_s>{seasons}))(?!\w|\.?\s*[\d/]|\s+of\s+{year})
        (?:\s+(?:of\s+)?(?P<bare_ny>this|next)\s+year\b)?
    | (?:{lead})[\s-]+(?P<year>{year})\b(?!\s*[-–/]\s*\d)
    | (?:an?|its|the|their)\s+(?:(?:new|official)\s+)?(?P<year_attr>{year})\s+(?=(?:{follow})\b)
    | (?<=\()(?P<paren>{year})(?=\))
    | (?:(?:{windows})\s+of|(?P<window_q>[QH][1-4]))\s+(?P<window>{year})\b
    )"""
    return _Patterns(
        lexicon=lexicon,
        any_date=re.compile(pattern, re.I | re.X),
        # A date written with digits holds a year, two numbers around a "/"
        # or "." or one of the words: a bare digit ("$40 million", "2,000
        # screens") does not send a sentence to the costly pattern.
        cue=re.compile(
            rf"{year}|\d[./]\d|\b(?<!\w)(?:{month}|{seasons}|{holidays}|{weekdays}|years?|months?|weekend)(?![^\W\d_])",
            re.I,
        ),
        holiday_names=holiday_names,
        month_numbers={caseless(m[:3]): i for i, m in enumerate(lexicon.months, 1)},
    )


_PATTERNS = _compile(load("en"))
# "opened June 6" written in July is last June, not next.
_PAST = re.compile(
    r"(?<!\w)(?:opened|premiered|debuted|bowed|arrived|landed|launched|hit\s+(?:theaters|"
    r"theatres|cinemas)|was\s+released|were\s+released|came\s+out|released|unveiled|shared|"
    r"dropped|revealed|announced|confirmed|said|posted|took\s+to|started|began|wrapped|"
    r"halted|stopped|suspended|last|since\s+(?:its|their|the)\s+(?:\w+\s+)?(?:debut|release|premiere|opening)|"
    r"(?:got|received|enjoyed|had|made)\s+(?:a|an|its|their)\s+"
    r"(?:[\w-]+\s+)?(?:release|debut|premiere|opening|run)|(?:was|were|had)\s+(?:\w+\s+){0,2}?\w+ed\s+(?:\w+\s+){0,4}?(?:in|on))"
    r"(?:\s+\S+){0,3}\s+$",
    re.I,
)
_POSSESSIVE = re.compile(r"[’']s?\s")
# "this summer's Jurassic World Rebirth", "this summer's dino blockbuster,
# Jurassic World Rebirth": whose time it is is for the reader of the sentence
# to say (the film's, or "this year's Super Bowl").
OWNER_GAP = (
    r"[’']s\s+(?:(?:[a-z][\w-]*\s+){0,2}?(?:"
    + "|".join(map(re.escape, load("en").film_nouns))
    + r"),?\s+)?[‘“\"'«]?"
)
_OWNS_A_NAME = re.compile(OWNER_GAP + "[A-Z]")
# A holiday naming a kind of film or thing, not a time: "Christmas action
# comedy", "Christmas-themed", "Halloween classic".
_FILM_KINDS = (
    r"movie|movies|film|films|comedy|comedies|flick|classic|story|tale|adventure|thriller|"
    r"horror|caper|romp|musical|special|slasher|slashers|chiller|creature\s+feature"
)
_HOLIDAY_KIND = re.compile(
    r"(?:-themed|-set|\s+(?!(?:weekend|day|eve|season|holidays?|corridor|frame|release|slot|date|"
    r"period|window|break|week|weeks|time|and|or|to|through|in|on|of|at|for|this|next|with|when|"
    r"is|was|will|the|a|an|it|as|but|so)\b)[a-z][a-z-]*\s+(?:[a-z-]+\s+)?"
    rf"(?:{_FILM_KINDS}|feature|fare|offering|entry|tentpole|blockbuster)\b|"
    rf"\s+(?:{_FILM_KINDS}|trilogy|franchise|series|sequels?|remake|reboot|spirit|cheer|tree|trees|songs?|carols?|"
    r"sweaters?|jumpers?|lights|decorations|costumes?|candy|theme|elf|elves|party|parties|"
    r"presents?|gifts?|cards?|staple|magic|miracle|ornaments?|stockings?|markets?|dinner|"
    r"feast|music|album|playlist|decor|vibes?)\b)"
)
_SET_AT = re.compile(
    r"(?<!\w)(?:set|takes\s+place|taking\s+place|unfolds)\s+(?:at|during|over|on|around)\s+$", re.I
)
# "over the July 9-11 weekend in 2010": the year the day is in, written after it.
_YEAR_AFTER = re.compile(
    r"(?:\s*[-–]\s*\d{1,2}(?!\d))?(?:\s+(?:weekend|holiday))?\s*,?\s+(?:in|of)\s+((?:19|20)\d{2})(?!\d)"
)
_PAST_AFTER = re.compile(
    r"\s*(?:weekend\s*)?,\s+[^.;,]{0,50}?\b(?:was|were|opened|debuted|premiered|earned|grossed|took|topped)\b"
)
# A given name right before a holiday makes it a surname ("Lee Christmas"):
# a capitalized word after a possessive or a lower-case word, which no
# preposition or determiner is.
_NAME_BEFORE = re.compile(
    r"(?:[’']s|(?<![\w’'])[a-z][\w-]*)\s+(?!(?:This|Next|Last|On|By|In|At|For|Over|Until|To|"
    r"Before|After|Around|Since|Through|The|A|An|Its|Their|Early|Late|Mid)\b)[A-Z][a-z]+\s+$"
)
# A wire story's dateline: "LOS ANGELES, July 17 (Agency) --" says when it
# was filed, not when anything opens.
_DATELINE = re.compile(r"[‘“\"']?(?:[A-Z][A-Z .'-]+,\s*)?")
_DATELINE_END = re.compile(r"(?:,\s*(?:19|20)\d{2})?\s*(?:\([^()]{1,30}\)\s*)?(?:--|—|–)")
# "will be released on Friday", "is now being released on" are to come,
# whatever the participle.
_FUTURE = re.compile(
    r"(?<!\w)(?:will|won[’']t|[’']ll|going\s+to|set\s+to|be|(?:is|are)\s+(?:now\s+)?being|to\s+(?:be|hit|open|arrive|debut|"
    r"release|land|bow|premiere|come|reach|play))(?!\w)",
    re.I,
)


_LATER_CLAUSE = re.compile(r"[,;]\s*\S")
_WRITTEN_YEAR = re.compile(r"(?<![\w/-])((?:19|20)\d{2})(?![\w/-])")


def find_dates(sentence: str, ref: date, *, day_first: bool = False) -> tuple[DateSpan, ...]:
    """Every date-shaped span, resolved against ``ref`` (the item's date).
    ``day_first``: the item writes numeric dates day first (04.10.24)."""
    cue = _PATTERNS.cue.search(sentence)
    if cue is None:
        return _today(sentence, ref)
    # "Lionsgate's 2026 slate: 'X' in June": a bare month takes the year the
    # sentence names, when it names exactly one.
    # (a year is a cue: none is written before the first)
    written = list(_WRITTEN_YEAR.finditer(sentence, cue.start()))
    years = {w.group(1) for w in written}
    year = int(years.pop()) if len(years) == 1 else None
    year_at = written[0].start() if year is not None else len(sentence)
    found: list[DateSpan] = []
    for m in _PATTERNS.any_date.finditer(sentence, _lead_start(sentence, cue.start())):
        if _POSSESSIVE.match(sentence, m.end()) and not _OWNS_A_NAME.match(sentence, m.end()):
            continue  # "this summer's biggest hits": not a date given
        if m.group("year") and _RANGE_START.search(sentence, 0, m.start("year")):
            continue  # "the series (2018 to 2024)": the end of a span of years
        if (
            m.group("hol")
            and not m.group("hol_y")
            and (
                _HOLIDAY_KIND.match(sentence, m.end())
                or _SET_AT.search(sentence, 0, m.start())
                or _NAME_BEFORE.search(sentence, 0, m.start())
            )
        ):
            # "a Christmas action comedy", "a film set at Christmas", "Statham's
            # Lee Christmas": no date
            continue
        if (
            m.start() < 40
            and _DATELINE.fullmatch(sentence, 0, m.start())
            and _DATELINE_END.match(sentence, m.end())
        ):
            continue  # "July 17 (Agency) -- ...": when the story was filed
        # The lead runs up to the date itself: "were swapped on Friday" has
        # its "on" inside the match, and the past verb's clause needs it.
        at = (
            m.start("wd_d")
            if m.group("wd_d")
            else m.start("bare")
            if m.group("bare")
            else m.start()
        )
        lead = sentence[max(0, at - 40) : at]
        past = bool(_PAST.search(lead)) and not _FUTURE.search(lead)
        if m.start() < 30 and not past and (after := _PAST_AFTER.match(sentence, m.end())):
            # "Over the Labor Day weekend, the big new release was X": the
            # sentence's verb after a fronted date says when.
            past = not _FUTURE.search(after.group())
        after = _YEAR_AFTER.match(sentence, m.end())
        # "'The Crow' Soars to August, 'Saw XI' Delayed to 2025": a year in a
        # later clause is that clause's.
        lent = (
            None
            if year is not None
            and year_at > m.end()
            and _LATER_CLAUSE.search(sentence, m.end(), year_at)
            else year
        )
        span = _resolve(
            m,
            ref,
            lent,
            past=past,
            day_first=day_first,
            year_before=year_at < m.start(),
            year_after=int(after.group(1)) if after else None,
        )
        if span is not None:
            found.append(span)
    return tuple(found) + _today(sentence, ref)


# A date holds a cue (what ``cue`` finds), at most three words after where it
# starts ("in early the summer", "first quarter of 2026", "6th of June"): no
# date starts before the fourth word ahead of the sentence's first cue (the
# word the cue is inside of, if any, counted; one to spare otherwise), so the
# scan starts there, not at every word of the sentence before it.
_LEAD_WORDS = 4


def _lead_start(sentence: str, cue: int) -> int:
    """Where a date may first start in ``sentence`` whose first cue is at ``cue``."""
    words = sentence[:cue].rsplit(None, _LEAD_WORDS)
    return len(words[0]) if len(words) > _LEAD_WORDS else 0


# "Smurfs opens today in 3,504 theatres": only right after a release word is
# "today" a date; elsewhere it says when something was said.
_TODAY = re.compile(
    r"(?<!\w)(?:opens|opening|hits\s+(?:theaters|theatres|cinemas)|arrives|debuts|bows|lands|"
    r"(?:in|to)\s+(?:theaters|theatres|cinemas))\s+(today|tomorrow)(?!\w)",
    re.I,
)


_TODAY_SCREEN = screen(_TODAY)


def _today(sentence: str, ref: date) -> tuple[DateSpan, ...]:
    if not _TODAY_SCREEN.may_match(sentence):
        return ()
    out = []
    for m in _TODAY.finditer(sentence):
        day = ref + timedelta(days=1 if caseless(m.group(1)) == "tomorrow" else 0)
        span = _day(m.start(1), m.end(1), day.year, day.month, day.day, "relative", inferred=True)
        if span is not None:
            out.append(replace(span, relative=True))
    return tuple(out)


# "(2018 to 2024)", "2018 through 2024", "2018–2024": a span of years. Not
# "moved from 2025 to 2026", a move.
_RANGE_START = re.compile(
    r"(?:\((?:19|20)\d{2}\s*(?:to|-|–|—)|(?<![\w/-])(?:19|20)\d{2}\s*(?:through|until|–|—))\s*$"
)
_NUMERIC_PAIR = re.compile(r"(?<![\w./])([0-3]?\d)[./]([0-3]?\d)(?:[./](\d{2,4}))?(?![\w/]|\.\d)")
# Where a pair can be. Started at the separator, re skips ahead to "." and
# "/" only: started at a digit class, it tested every character of the item
# (49 us an item, against 31).
_DIGIT_PAIR = re.compile(r"[./](?<=\d[./])\d")


class SentenceDates(Sequence[tuple[DateSpan, ...]]):
    """The dates of each sentence of an item, found when first asked for:
    only the sentences about a film are asked, and most of an item is not."""

    def __init__(self, sentences: Sequence[str], ref: date | None, *, day_first: bool) -> None:
        self._sentences = sentences
        self._ref = ref
        self._day_first = day_first
        self._found: dict[int, tuple[DateSpan, ...]] = {}

    def __len__(self) -> int:
        return len(self._sentences)

    @overload
    def __getitem__(self, index: int) -> tuple[DateSpan, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[DateSpan, ...]]: ...
    def __getitem__(
        self, index: int | slice
    ) -> tuple[DateSpan, ...] | Sequence[tuple[DateSpan, ...]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if index not in self._found:
            text = self._sentences[index]
            found = (
                () if self._ref is None else find_dates(text, self._ref, day_first=self._day_first)
            )
            self._found[index] = found
        return self._found[index]


def numeric_day_first(text: str, ref: date) -> bool:
    """Whether an item writes numeric dates day first: a number over 12 in
    first place, or a short "dd.mm" that is the item's own week read day first
    and not read month first ("on Thursday (04.08)" in an item of August 5)."""
    first = _DIGIT_PAIR.search(text)
    if first is None:
        return False
    # A pair starts at most two digits before its first separator (the
    # lookbehind still sees the text before where the scan starts).
    for m in _NUMERIC_PAIR.finditer(text, max(0, first.start() - 2)):
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 >= b >= 1:
            return True
        if b > 12 >= a >= 1:
            return False
        if m.group(3) is None and 1 <= a <= 12 and 1 <= b <= 12:
            near_day_first = _near(ref, b, a)
            if near_day_first and not _near(ref, a, b):
                return True
    return False


def _near(ref: date, month: int, day: int) -> bool:
    try:
        return abs((date(ref.year, month, day) - ref).days) <= 7
    except ValueError:
        return False


def _month_ok(token: str | None) -> bool:
    # "may" is a verb and "march" a noun: month names count when capitalized.
    return bool(token) and token[0].isupper()  # type: ignore[index]


def _month_number(token: str) -> int | None:
    return _PATTERNS.month_numbers.get(caseless(token.strip(".")[:3]))


def _full_year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def _resolve(
    m: re.Match[str],
    ref: date,
    sentence_year: int | None,
    *,
    past: bool,
    day_first: bool,
    year_before: bool = False,
    year_after: int | None = None,
) -> DateSpan | None:
    g = m.group
    start, end = m.span()
    if g("iso"):
        year, month, day = (int(x) for x in g("iso").split("-"))
        return _day(start, end, year, month, day, "numeric")
    if g("num") or g("dot"):
        first, second, written_year = re.split(r"[./]", g("num") or g("dot"))
        month, day = (int(second), int(first)) if day_first else (int(first), int(second))
        return _day(start, end, _full_year(written_year), month, day, "numeric")
    if g("my"):
        named = _month_number(g("my_m"))
        if not _month_ok(g("my_m")) or named is None:
            return None
        return _month(start, end, int(g("my_y")), named)
    if g("mdy") or g("dmy"):
        p = "mdy" if g("mdy") else "dmy"
        named = _month_number(g(p + "_m"))
        if not _month_ok(g(p + "_m")) or named is None:
            return None
        day = int(g(p + "_d"))
        if g(p + "_y"):
            return _day(start, end, int(g(p + "_y")), named, day, "written")
        if g(p + "_ny"):  # "June 6th next year", "September 6 of this year"
            year = ref.year + (1 if caseless(g(p + "_ny")) == "next" else 0)
            return _day(start, end, year, named, day, "relative")
        if year_after is not None:
            written = _day(start, end, year_after, named, day, "no-year", inferred=True)
            if written is not None:
                return written
        upcoming = _upcoming(named, day, ref, past=past)
        if year_before and sentence_year is not None and sentence_year > upcoming:
            # "June 25, 2025, with a North America release on June 27": the
            # year the sentence writes, where it is still to come.
            written = _day(start, end, sentence_year, named, day, "no-year", inferred=True)
            if written is not None:
                return written
        return _day(start, end, upcoming, named, day, "no-year", inferred=True)
    if g("hol"):
        return _holiday(m, ref, past=past)
    if g("season"):
        season = _PATTERNS.lexicon.seasons[caseless(g("season_s"))]
        return _season(start, end, int(g("season_y")), season)
    if g("rel"):
        return _relative(m, ref)
    if g("newyear"):  # "in the new year": the next one
        next_year = str(ref.year + 1)
        return DateSpan(
            start, end, next_year, next_year, "year", "relative", inferred=True, relative=True
        )
    if g("wknd"):
        return _weekend(m, ref)
    if g("wd"):
        return _weekday(m, ref, past=past)
    if g("bare"):
        return _bare(m, ref, sentence_year, past=past)
    if g("year"):
        return DateSpan(m.start("year"), end, g("year"), g("year"), "year", "year")
    if g("year_attr"):
        attr = g("year_attr")
        return DateSpan(m.start("year_attr"), m.end("year_attr"), attr, attr, "year", "year")
    if g("paren"):
        return DateSpan(start - 1, end + 1, g("paren"), g("paren"), "year", "year")
    if g("window"):
        return DateSpan(start, end, g("window"), g("window"), "year", "window")
    return None


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


def _bare(m: re.Match[str], ref: date, sentence_year: int | None, *, past: bool) -> DateSpan | None:
    start, end = m.start("bare"), m.end()
    if m.group("bare_ny"):  # "in November this year"
        sentence_year = ref.year + (1 if caseless(m.group("bare_ny")) == "next" else 0)
    if m.group("bare_m"):
        mo = _month_number(m.group("bare_m"))
        if not _month_ok(m.group("bare_m")) or mo is None:
            return None
        if past:  # "opened in June"
            year = ref.year if mo <= ref.month else ref.year - 1
        else:
            year = ref.year if mo >= ref.month else ref.year + 1
        span = _month(start, end, sentence_year or year, mo)
        return replace(span, form="no-year", inferred=sentence_year is None)
    season = _PATTERNS.lexicon.seasons[caseless(m.group("bare_s"))]
    year = sentence_year or _season_year(season, ref, nxt=False)
    if past and not sentence_year and season != "winter":
        # "opened in the summer", said in December: the one gone by
        year = ref.year if ref.month >= _SEASON_START[season] else ref.year - 1
    span = _season(start, end, year, season)
    return replace(span, inferred=sentence_year is None, relative=sentence_year is None)


def _relative(m: re.Match[str], ref: date) -> DateSpan | None:
    word = " ".join(caseless(m.group("rel_w")).split())
    unit = m.group("rel_u")
    start, end = m.span()
    nxt = word.split()[-1] == "next"
    last = word.split()[-1] == "last"
    if caseless(unit) == "year":
        value = str(ref.year + (1 if nxt else -1 if last else 0))
        return DateSpan(start, end, value, value, "year", "relative", inferred=True, relative=True)
    if caseless(unit) == "month":
        if last:  # "last month" says when something was done, not a release
            return None
        year, month_index = divmod(ref.year * 12 + ref.month - 1 + nxt, 12)
        span = _month(start, end, year, month_index + 1)
        return replace(span, form="relative", inferred=True, relative=True)
    if caseless(unit) in _PATTERNS.lexicon.seasons:
        season = _PATTERNS.lexicon.seasons[caseless(unit)]
        year = _season_year(season, ref, nxt=nxt)
        if last:  # the latest one that has ended
            year = _season_year(season, ref, nxt=False) - 1
        span = _season(start, end, year, season)
        return replace(span, form="relative", inferred=True, relative=True)
    mo = _month_number(unit)
    if not _month_ok(unit) or word not in ("this", "next", "last") or mo is None:
        return None
    if last:
        year = ref.year if mo < ref.month else ref.year - 1
        return replace(_month(start, end, year, mo), form="relative", inferred=True, relative=True)
    # "this June" is the coming one; "next June" is a year on, whether or not
    # this year's June has passed (in August it is the coming one anyway).
    year = ref.year + 1 if nxt or mo < ref.month else ref.year
    return replace(_month(start, end, year, mo), form="relative", inferred=True, relative=True)


_WEEKDAY_KEYS = [caseless(w) for w in _PATTERNS.lexicon.weekdays]


def _weekday(m: re.Match[str], ref: date, *, past: bool) -> DateSpan | None:
    """ "on Friday" in an item of Tuesday the 19th is Friday the 22nd; after a
    past-tense verb, or with "last", the one before."""
    wanted = _WEEKDAY_KEYS.index(caseless(m.group("wd_d")))
    lead = caseless(m.group("wd_w") or "")  # "in theaters Friday": no word before
    if past or lead == "last":
        delta = -((ref.weekday() - wanted) % 7 or 7)
    else:
        delta = (wanted - ref.weekday()) % 7 or 7
    d = ref + timedelta(days=delta)
    span = _day(m.start("wd_d"), m.end(), d.year, d.month, d.day, "weekday", inferred=True)
    return None if span is None else replace(span, relative=True)


def _weekend(m: re.Match[str], ref: date) -> DateSpan | None:
    """ "opens this weekend": the Friday a weekend's releases open on (this
    one's, already past on a Saturday); "next weekend" is a week later."""
    friday = ref + timedelta(days=4 - ref.weekday())  # Friday is weekday 4
    if caseless(m.group("wknd_w")) == "next":
        friday += timedelta(days=7)
    span = _day(m.start(), m.end(), friday.year, friday.month, friday.day, "weekday", inferred=True)
    return None if span is None else replace(span, relative=True)


def _holiday(m: re.Match[str], ref: date, *, past: bool) -> DateSpan | None:
    name = re.sub(r"\s+", " ", m.group("hol_n")).replace("’", "'")
    holiday = _PATTERNS.holiday_names.get(caseless(name)) or _PATTERNS.holiday_names.get(
        caseless(name).replace("'", "")
    )
    if holiday is None:
        return None
    written = m.group("hol_y")
    if m.group("hol_ny"):  # "Thanksgiving weekend this year"
        written = str(ref.year + (1 if caseless(m.group("hol_ny")) == "next" else 0))
    year = int(written) if written else ref.year
    when = _holiday_date(holiday, year)
    if when is None:
        return None
    if not written:
        # The coming one; "next Christmas" the one after the coming one; "hit
        # theaters at Thanksgiving" the last one. A holiday weekend is a box
        # office's for a week after it ("dominated Thanksgiving weekend").
        weekend = re.search(r"weekend$", name, re.I) is not None
        recent = timedelta(days=8 if weekend else 3)
        # "opened over the Juneteenth weekend", written the Sunday before the
        # Monday holiday: the weekend has passed, the holiday not yet.
        ahead = timedelta(days=3 if weekend else 0)
        if (when < ref - recent and not past) or (m.group("hol_rel") or "") == "next":
            when = _holiday_date(holiday, year + 1) or when
        elif past and when > ref + ahead:
            when = _holiday_date(holiday, year - 1) or when
    before = m.string[max(0, m.start() - 4) : m.start()].casefold()
    # "on Christmas", "Christmas Day", "Christmas Eve": the day; "Christmas", the season.
    names_day = holiday.day is not None and re.search(r"\s(?:day|eve)$", name, re.I) is not None
    on = (before.endswith("on ") or names_day) and holiday.day_when_on
    start, end = m.span()
    if on:
        return _day(start, end, when.year, when.month, when.day, "holiday", inferred=not written)
    return replace(_month(start, end, when.year, when.month), form="holiday", inferred=not written)


def _holiday_date(holiday: Holiday, year: int) -> date | None:
    if holiday.month is None:
        return _easter(year)
    if holiday.day is not None:
        return date(year, holiday.month, holiday.day)
    if holiday.weekday is None or holiday.nth is None:
        return None
    first = date(year, holiday.month, 1)
    offset = (holiday.weekday - first.weekday()) % 7
    if holiday.nth > 0:
        return first + timedelta(days=offset + 7 * (holiday.nth - 1))
    last = date(year + holiday.month // 12, holiday.month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - holiday.weekday) % 7)


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _season_year(season: str, ref: date, *, nxt: bool) -> int:
    """ "this summer" is the current or coming one; "next summer" is next
    year's, as "next June" is: in November 2024 it is summer 2025."""
    # Winter 2025 is December 2025 to February 2026, named by its start.
    in_last_winter = season == "winter" and ref.month < 3
    if nxt:
        return ref.year if in_last_winter else ref.year + 1
    if season == "winter":
        return ref.year - 1 if in_last_winter else ref.year
    return ref.year if ref.month < _SEASON_START[season] + 3 else ref.year + 1


_MONTH_NAMES = _PATTERNS.lexicon.months


def _day(
    start: int, end: int, year: int, month: int, day: int, form: DateForm, *, inferred: bool = False
) -> DateSpan | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    display = f"{_MONTH_NAMES[d.month - 1]} {d.day}, {d.year}"
    return DateSpan(start, end, d.isoformat(), display, "day", form, inferred=inferred)


def _month(start: int, end: int, year: int, month: int) -> DateSpan:
    display = f"{_MONTH_NAMES[month - 1]} {year}"
    return DateSpan(start, end, f"{year:04d}-{month:02d}", display, "month", "written")


def _season(start: int, end: int, year: int, season: str) -> DateSpan:
    return DateSpan(start, end, f"{year}-{season}", f"{season} {year}", "season", "season")

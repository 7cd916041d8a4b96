"""Date spans in a sentence ("June 13, 2025", "next summer", "10.16.26",
"Q1 2026"), each with its precision, resolved against the item's date.

Only what the text says; whether a date is the film's release is ``release``'s call.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from dateutil import parser as date_parser

from watcher.extract.common import DateSpan

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

MONTH = (
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
    | (?P<my>(?P<my_m>{MONTH})\s+(?:of\s+)?(?P<my_y>{_Y}))\b
    | (?P<mdy>(?P<mdy_m>{MONTH})\s+(?P<mdy_d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d%]|:\d)\b
             (?:,?\s+(?P<mdy_y>{_Y})\b|\s+(?P<mdy_ny>next|this)\s+year\b)?)
    | (?P<dmy>(?P<dmy_d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{MONTH})
             (?:,?\s+(?P<dmy_y>{_Y})|\s+(?P<dmy_ny>next|this)\s+year)?)\b
    | (?P<season>(?:(?:early|late|mid)[\s-]+)?(?P<season_s>{_S})(?:\s+of)?\s+(?P<season_y>{_Y}))\b
    | (?P<rel>(?P<rel_w>later\s+this|early\s+next|late\s+next|this|next)\s+
             (?P<rel_u>year|{_S}|{MONTH}))(?!\w|\.?\s*\d)
    | (?:in|for|to|until|till|by|around)\s+(?:(?:early|late|mid)[\s-]+)?
        (?P<bare>(?P<bare_m>{MONTH})|(?P<bare_s>{_S}))(?!\w|\.?\s*[\d/])
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

"""Release-date answers: of the dates in a sentence about the film, the one
a release cue governs and nothing rejects (a trailer, a festival, another
country, a streaming debut, an old date, an expansion).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from watcher.extract.common import (
    NO_DATE,
    NO_DATE_DISPLAY,
    DateSpan,
    Found,
    Mark,
    QuestionRules,
    Scene,
    clamp,
    hedged,
    nearest,
)
from watcher.extract.dates import MONTH

# --------------------------------------------------------------------------- cues and rejects

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
    rf"\s*,?\s*{_IN_COUNTRY}(?!\s*,?\s*(?:(?:on|from)\s+)?(?:{MONTH}\s*\d|\d))", re.I
)
# Case-sensitive: "US" is a country, "us" a pronoun.
_ABROAD = re.compile(
    r"(?<!\w)(?:[Oo]utside|[Bb]eyond|[Ee]xcluding)\s+(?:of\s+)?(?:the\s+)?(?:U\.S\.|US|"
    r"United\s+States|States|North\s+America|America)(?!\w)|"
    r"^[‘“\"']?(?:Internationally|Overseas|Abroad|Elsewhere)(?!\w)"
)
_WIDE = re.compile(r"(?<!\w)(?:wide|nationwide|everywhere|across\s+the\s+country)(?!\w)", re.I)


# The film has no date any more: "pulled Harrow Point from its March 13 release
# date", "removed from the release schedule", "delayed indefinitely", "no new
# date has been set", "is now undated". Not "pulled from theaters" (a
# cancelled theatrical run, read by _THEATRICAL_CANCELLED) nor "moved off its
# March date to June 5" (a date follows, and is the answer).
_WITHDRAWN = re.compile(
    r"(?<!\w)(?:(?:pull|yank|remov|drop|take|took|taken|bump)\w*\s+(?:[^\s,;.]+\s+){0,6}?"
    r"(?:from|off)\s+(?:(?:its|the|their|a|his|her)\s+)?(?:[^\s,;.]+\s+){0,4}?"
    r"(?:release\s+(?:date|schedule|calendar|slot)|date|slot|schedule|calendar|slate)(?!\w)|"
    r"(?:delay|postpon|push|shelv|hold|held|pull)\w*\s+(?:back\s+)?indefinitely|"
    # "no new date has been set", "without a release date for now"; not "no
    # date change" or "no date conflict".
    r"(?:no|without\s+an?|has\s+yet\s+to\s+(?:set|get|receive)\s+an?)\s+(?:new\s+)?"
    r"(?:release\s+)?date(?=\s+(?:has|have|had|was|is|yet|set|announced|given|for\s+now)\b|"
    r"\s*[.,;)]|\s*$)|"
    r"(?:is|now|remains|left|goes|went)\s+(?:now\s+)?undated|"
    r"(?:off|from)\s+the\s+(?:release\s+)?(?:schedule|calendar)(?!\w))",
    re.I,
)
# "did not pull it from its date", "no longer undated".
_WITHDRAWN_NEGATED = re.compile(
    r"(?<!\w)(?:not|n[’']t|never|no\s+longer|won[’']t|denie[sd]|deny|rumou?r\w*)(?!\w)", re.I
)


def extract_withdrawal(scene: Scene, rules: QuestionRules) -> Found | None:
    """An unhedged statement that the film has no release date any more, in a
    sentence naming it (or right after one that does: "No new date has been
    set."), in an item that gives no new date."""
    for i, sentence in enumerate(scene.sentences):
        text = sentence.text
        said = _WITHDRAWN.search(text)
        if said is None:
            continue
        ours = any(m.subject for m in scene.marks[i])
        # A sentence naming no work at all continues the one before it.
        follows = not scene.marks[i] and scene.carried[i] is True
        if not (ours or follows):
            continue
        if any(not m.subject for m in scene.marks[i] if m.start < said.end()):
            continue  # "moved Other Film off the calendar": another work's date
        if hedged(text, len(text)) or _WITHDRAWN_NEGATED.search(text, 0, said.end()):
            continue
        # "pulled from the festival schedule", "off its UK date", "its Netflix
        # date": what the release question rejects is not the release date.
        if any(
            p is not None and p.search(text, said.start(), said.end())
            for p in (rules.reject, rules.streaming)
        ):
            continue
        if any(d.start >= said.end() for d in scene.dates[i]):
            continue  # "pulled from March 13 and moved to June 5": redated, not undated
        return Found(
            value=NO_DATE,
            display=NO_DATE_DISPLAY,
            precision=None,
            confidence=0.8 if ours else 0.7,
            hedged=False,
            evidence=text,
        )
    return None


# --------------------------------------------------------------------------- answers


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
    if not found:
        # Only an item that gives no new date can say the film has none.
        withdrawn = extract_withdrawal(scene, rules)
        return [withdrawn] if withdrawn is not None else []
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
    return replace(found, confidence=clamp(found.confidence - by))


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
        confidence=clamp(confidence),
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

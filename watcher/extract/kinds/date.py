"""Release dates: of every date in an item, the film's own first US
theatrical release, most precise where the item is consistent.

Each date is a candidate. It is taken when it belongs to the film (the work
nearest it in its clause is the subject), a release word governs it more
firmly than any other event's word (a trailer, a streaming debut, a festival,
production, an anniversary), and nothing marks it as an earlier date, another
country's, a widening of the run or a date long past. The item's answer is the
most confident taken candidate, refined by a consistent more precise one
("2024" in the headline, "March 15, 2024" in the body); a year worked out from
the item's date yields to the year the item writes for the release.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property

from watcher.config import QuestionConfig
from watcher.extract.dates import OWNER_GAP, DateSpan
from watcher.extract.events import (
    COUNTRIES,
    NOT_RELEASED_OUT,
    Trigger,
    expansion,
    govern,
    limited,
    triggers,
)
from watcher.extract.evidence import Candidate, Reading, considered, hedge_reason
from watcher.extract.kinds.withdrawn import theatrical_cancelled, withdrawal
from watcher.extract.lexicon import load
from watcher.extract.names import FILM_NOUN, MAKERS_FILM, SubjectNames
from watcher.extract.text import clause_of, key, phrases_regex
from watcher.extract.works import Mark, Scene, nearest

_LEX = load("en")
_OLD = phrases_regex(_LEX.old_before)
_NOW = phrases_regex(_LEX.now)
_PLAIN_NOW = re.compile(r"(?<!\w)now(?!\w)", re.I)
_WEEKDAY = "(?:" + "|".join(map(re.escape, _LEX.weekdays)) + ")"
# "from Friday, August 4 to Wednesday, August 2": a weekday may stand before
# the date.
_MOVE_FROM = re.compile(
    # "kick off summer 2024" starts a season: no date left; "a year away from
    # its July release" measures the time to it.
    r"(?<!\w)(?<!kick\s)(?<!kicks\s)(?<!kicking\s)(?<!away\s)(?<!far\s)(?:"
    + "|".join(map(re.escape, _LEX.move_from))
    + r")(?:\s+(?:its|the|their|his|her|a|an|original|old|previous|earlier|initial|planned|"
    r"current|prior|scheduled|set|announced|release|date|slot|of|on|for|" + _WEEKDAY + r",?))*\s+$",
    re.I,
)
# "Universal had previously announced that ... and moved it to 2021": history.
_HISTORY = re.compile(
    r"(?<!\w)had\s+(?:previously|originally|initially|once|already|first)\b", re.I
)
# "had been slated to open Venice on Aug. 30 before opening in theaters
# Sept. 15": both dates were the plan, up to a turn to the new one.
_HAD_BEEN_SET = re.compile(
    r"(?<!\w)had\s+been\s+(?:slated|set|scheduled|dated|due|expected|planned)\b", re.I
)
# "originally set for January 17, before the release date was bumped to May
# 16": a move that came before the news.
_MOVED_BEFORE = re.compile(
    r"(?<!\w)(before)\s+(?:[\w’'.-]+\s+){0,8}?(?:was|were|had\s+been)\s+(?:bumped|moved|pushed|"
    r"shifted|delayed|changed)\s+(?:back\s+|up\s+|forward\s+)?to\s+$",
    re.I,
)
_TURN = re.compile(
    r"(?<!\w)(?:but|now|instead|will|moved|moves|pushed|shifted|until)(?!\w)|;", re.I
)
_COMES = re.compile(
    r"(?:is|are|will\s+be|will)\s+(?:now\s+)?(?:coming|arriving|opening|come|arrive|open|"
    r"hitting\s+theaters|hit\s+theaters)\s+$"
)
_DELAYED = re.compile(
    r"(?<!\w)(?:delay(?:s|ed)?|postpone[sd]?|pushed\s+back|pushes\s+back|moved\s+back)(?!\w)", re.I
)
_MOVED_UP = re.compile(
    r"(?<!\w)(?:earlier|sooner|(?:move[sd]?|moving|pull(?:s|ed)?|br(?:ing|ings|ought))\s+(?:up|forward))(?!\w)",
    re.I,
)
_ASKS = re.compile(r"\?[’”\"')]*\s*$")
_MOVE_TO = re.compile(
    r"(?<!\w)(?:" + "|".join(map(re.escape, _LEX.move_to)) + r")\s+(?:" + _WEEKDAY + r",?\s+)?$",
    re.I,
)
# "earlier than planned", "later than expected": a comparison, not an old date.
_COMPARED = re.compile(
    r"(?:earlier|later|sooner|ahead\s+of|before)\s+(?:than\s+|when\s+|what\s+)?(?:it\s+was\s+|was\s+)?"
    r"(?:planned|expected|scheduled|anticipated|thought|first\s+thought|originally(?:\s+\w+)?|"
    r"previously(?:\s+\w+)?|initially(?:\s+\w+)?|its\s+original(?:ly)?\s+\w+)",
    re.I,
)
_MOVED = phrases_regex(_LEX.move)
# Verbs that take a film off a date: "pulls it from March", "moved it from June".
_CHANGED = phrases_regex([*_LEX.move, *_LEX.take_off])
_APPOSED_DATES = re.compile(r"\s*(?:[,(–—-]+\s*|,?\s*on\s+|\s+)")
_UNTIL = re.compile(
    r"(?<!\w)(?:until|till|before)\s+(?:at\s+least\s+|early\s+|late\s+|mid-?)?$", re.I
)
_NEW_AFTER = re.compile(r"\s*,?\s*(?:" + "|".join(map(re.escape, _LEX.new_after)) + r")\b", re.I)
_DEMONYM = "|".join(map(re.escape, sorted(_LEX.demonyms, key=len, reverse=True)))
_IN_COUNTRY = rf"(?<!\w)(?:in|across|throughout|for)\s+(?:the\s+)?(?:{COUNTRIES})(?!\w)"
_FOREIGN_BEFORE = re.compile(
    rf"(?:{_IN_COUNTRY}(?:\s+(?:cinemas|theaters|theatres|screens))?"
    # "in the UK by Warner Bros. Pictures on 29th March": the distributor there.
    r"(?:\s+by\s+(?:[A-Z][\w.&’'-]*\s+){1,4}?(?=on\s))?\s*,?\s*(?:(?:on|from|starting|beginning)\s+)?|"
    rf"(?<!\w)(?:{_DEMONYM})\s+(?:theatrical\s+)?(?:release|opening|debut|rollout|bow|audiences|"
    r"cinemas|theaters|theatres|screens|date)(?:\s+\S+){0,3}\s+)$",
    re.I,
)
# "April 1 in Australia", "May 22 internationally"; not "Dec. 18, in the U.K. on
# Dec. 17" (the country has its own date).
_FOREIGN_AFTER = re.compile(
    rf"\s*,?\s*(?:{_IN_COUNTRY}(?!\s*,?\s*(?:(?:on|from)\s+)?(?:[A-Z][a-z]{{2,8}}\.?\s*)?\d)|"
    r"(?:internationally|overseas|abroad)(?!\w))",
    re.I,
)
# "thrillers heading our way in 2026": the subject of the release word is
# several films.
_PLURAL_SUBJECT = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(n) + "s" for n in _LEX.film_nouns if not n.endswith("s"))
    + r"|titles|releases)\s+(?:(?:that|which|are|is|still|all)\s+){0,2}$",
    re.I,
)
# Case-sensitive, this and the next: "US" is a country, "us" a pronoun.
_DOMESTIC = re.compile(
    r"(?<!\w)(?:North\s+Americ(?:a|an)|U\.S\.|US|United\s+States|domestic|domestically|stateside)"
    r"(?:\s+(?:theatrical\s+)?(?:release|opening|debut|theaters|theatres|cinemas|bow))(?!\w)"
)
_ABROAD = re.compile(
    r"(?<!\w)(?:[Oo]utside|[Bb]eyond|[Ee]xcluding)\s+(?:of\s+)?(?:the\s+)?(?:U\.S\.|US|"
    r"United\s+States|States|North\s+America|America)(?!\w)|"
    r"^[‘“\"']?(?:Internationally|Overseas|Abroad|Elsewhere)(?!\w)|"
    # "For those in the UK, the movie is released ...": a fronted country.
    r"^[‘“\"']?(?:[Ff]or\s+(?:those|audiences|viewers|fans|moviegoers|readers)\s+in|In|Across)\s+"
    rf"(?:the\s+)?(?:{COUNTRIES})(?!\w)\s*,"
)
_SET_BEFORE = re.compile(
    r"(?<!\w)(?:set|sets|dated|dates|scheduled|slated|moved|moves|pushed|shifted|gave|given|"
    r"announced|confirmed)\b(?:\s+\S+){0,3}\s+$",
    re.I,
)
# "pushed back to next year in August": the second date says when.
_MOVE_TIME = re.compile(r"\s+(?:in|on|during|back\s+in|earlier\s+in|last)\s+", re.I)
_LAST = re.compile(r"last\b", re.I)
# "Back in November, the studio was eyeing 2025": when it was said.
_BACK_IN = re.compile(r"(?<!\w)back\s+in\s+$", re.I)
_EVENT_NAMES = {
    "trailer": "trailer or image",
    "streaming": "streaming or home release",
    "festival": "festival or screening",
    "production": "production",
    "casting": "casting or deal",
    "anniversary": "re-release or anniversary",
    "announcement": "announcement",
    "other_media": "book, stage or game",
    "box_office": "box-office",
    "finance": "fiscal",
}
# "Elio, an animated film that will be released": the film's own release word.
_APPOSED_FILM_CLAUSE = re.compile(
    rf"\s*,\s*(?:a|an|the)\s+(?:[\w’'-]+\s+){{0,5}}?{FILM_NOUN}\s+(?:that|which)\s+"
    r"(?:will\s+|is\s+set\s+to\s+|is\s+due\s+to\s+)?(?:be\s+|now\s+)?|"
    # "the upcoming “Glass Harbor 2” film, starring X, to be released in the summer"
    rf"[’”\"']?(?:\s+{FILM_NOUN})?\s*,\s*(?:starring\s[^,;]{{1,80}},\s*)?(?:(?:set|due)\s+)?to\s+be\s+"
)
# "the movie's traditional debut", "the film's Aug. 22 debut": the film's own
# release word, its date or modifiers between.
_OWNS = re.compile(r"[’']s?\s+(?:[\w.-]+,?\s+){0,4}|\s+")
_WIDE = re.compile(r"(?<!\w)(?:wide|nationwide|everywhere|across\s+the\s+country)(?!\w)", re.I)


@dataclass(frozen=True, slots=True)
class DateRules:
    question: QuestionConfig
    cues: re.Pattern[str] | None  # the question's own release words
    reject: re.Pattern[str] | None  # the question's own refusals


class _DateKind:
    name = "date"

    def compile(self, question: QuestionConfig, subject: SubjectNames) -> DateRules:
        return DateRules(
            question=question,
            cues=phrases_regex(question.cues, inflect=True),
            reject=phrases_regex(question.reject, inflect=True),
        )

    def read(self, scene: Scene, rules: DateRules) -> Reading:
        found = _candidates(scene, rules)
        taken = [c for c in found if c.taken]
        if not taken:
            # Only an item that gives no new date can say the film has none.
            gone = withdrawal(scene)
            if gone is not None:
                return Reading((gone,), considered=considered([gone, *found]))
            vague = _vague(scene, rules)
            return Reading((), vague=vague, considered=considered(found))
        taken = _after_the_old_date(_anchor_years(taken, found), found, scene)
        return Reading(
            tuple(taken), considered=considered([*taken, *(c for c in found if not c.taken)])
        )


KIND = _DateKind()


# --------------------------------------------------------------------------- candidates


class _Item:
    """What the whole item says that bears on each of its dates."""

    def __init__(self, scene: Scene) -> None:
        self._scene = scene
        # What the headline is about, if not the release ("trailer").
        self.event = _headline_event(scene)

    @cached_property
    def streamed(self) -> bool:
        """The theatrical release is cancelled: a streaming date is the release.
        (Asked only of a date that a streaming word governs.)"""
        return theatrical_cancelled(self._scene)

    @cached_property
    def limited(self) -> bool:
        """A limited opening comes before the wide one (asked only of a date
        that might be the widening)."""
        return limited([s.text for s in self._scene.sentences])


def _candidates(scene: Scene, rules: DateRules) -> list[Candidate]:
    item = _Item(scene)
    out: list[Candidate] = []
    for i, sentence in enumerate(scene.sentences):
        # A sentence that neither names the film nor continues one that did
        # dates other things: it is not read (nor listed as considered).
        if not (scene.about_subject(i) or scene.carried[i]) or not scene.dates[i]:
            continue
        # Another work's words are not the sentence's events; nor are our own
        # title's ("Bad Boys Ride or Die" has no theme-park ride), though
        # "Spielberg's May 2026 release" is one.
        outside = tuple(
            (m.start, m.end)
            for m in scene.marks[i]
            if not m.subject or (m.kind == "name" and m.how != MAKERS_FILM)
        )
        found = triggers(sentence.text, outside)
        if rules.cues is not None:
            found = _with_cues(sentence.text, found, rules.cues)
        found = _item_event(sentence.text, found, item.event, scene.marks[i])
        here: list[Candidate] = []
        prev_end = 0
        window = 0
        for span in scene.dates[i]:
            # "Thanksgiving weekend on Nov. 27", "Christmas (December 25)": one
            # date written twice shares the words before the first.
            if not _APPOSED_DATES.fullmatch(sentence.text, prev_end, span.start):
                window = prev_end
            here.append(_candidate(scene, i, span, window, found, item, rules))
            prev_end = span.end
        out.extend(_later_wins(here, sentence.text))
    return out


def _with_cues(text: str, found: tuple[Trigger, ...], cues: re.Pattern[str]) -> tuple[Trigger, ...]:
    """A question's own cues are release words too ("storms", "bows")."""
    extra = [
        Trigger(m.start(), m.end(), "release", m.group())
        for m in cues.finditer(text)
        if all(m.end() <= t.start or m.start() >= t.end for t in found)
        and not (key(m.group()) == "out" and NOT_RELEASED_OUT.search(text, 0, m.start()))
    ]
    return tuple(sorted((*found, *extra), key=lambda t: t.start)) if extra else found


def _headline_event(scene: Scene) -> str | None:
    """The headline's event when it is not the release: an item about a
    streaming debut or a festival reads "arrives" and "debuts" as that."""
    for sentence in scene.sentences:
        if not sentence.title:
            break
        kinds = [t.kind for t in triggers(sentence.text)]
        if "theatrical" in kinds:
            return None
        for kind in ("streaming", "festival", "anniversary", "trailer"):
            if kind in kinds:
                return kind
    return None


def _item_event(
    text: str, found: tuple[Trigger, ...], event: str | None, marks: Sequence[Mark]
) -> tuple[Trigger, ...]:
    """Generic release words that follow the item's event in a sentence (its
    subject: "the trailer ..., is set to be released April 9") or share its
    clause are that event's; not one the film owns ("the movie's debut")."""
    if event is None:
        return found
    owned = {
        t.start
        for t in found
        for m in marks
        if m.subject
        and (
            _OWNS.fullmatch(text, m.end, t.start)
            or _APPOSED_FILM_CLAUSE.fullmatch(text, m.end, t.start)
        )
    }
    named = [t for t in found if t.kind == event]
    spans = [clause_of(text, t.start, t.end) for t in named]
    # "... before the film's theatrical release, which is scheduled for July 16":
    # the theatrical release between the event and the word is what it dates.
    theatrical = [t.end for t in found if t.kind == "theatrical"]
    return tuple(
        replace(t, kind=event, by=f"the item's {_EVENT_NAMES.get(event, event)}")
        if t.weak
        and t.kind == "release"
        and t.start not in owned
        and (any(n.end <= t.start for n in named) or any(a <= t.start < b for a, b in spans))
        and not any(
            max((n.end for n in named if n.end <= t.start), default=-1) <= end <= t.start
            for end in theatrical
        )
        else t
        for t in found
    )


def _later_wins(here: list[Candidate], text: str) -> list[Candidate]:
    """ "swaps June 13 for May 30": of two taken dates for the film in a
    sentence that moves it, the later-written one is the news."""
    taken = [k for k, c in enumerate(here) if c.taken]
    out = list(here)
    if len(taken) < 2 or _MOVED is None or not _MOVED.search(text):
        return out  # (one taken date is none earlier: the move words are not asked)
    for k in taken[:-1]:
        out[k] = out[k].support("earlier-in-sentence", "another date for the film follows", -0.1)
    return out


# "hit theaters day-and-date with Peacock", "in theaters and on Peacock",
# "a simultaneous rollout in theaters and on Peacock"
_BOTH = re.compile(
    r"^\s*(?:(?:and|&)\s+(?:on\s+|via\s+|streaming\s+on\s+)?|day-and-date\s+with\s+|"
    r"(?:and\s+)?simultaneously\s+(?:on\s+)?)$",
    re.I,
)


def _day_and_date(text: str, theatrical: Trigger, streaming: Trigger) -> bool:
    first, second = sorted((theatrical, streaming), key=lambda t: t.start)
    return bool(_BOTH.match(text[first.end : second.start]))


# "in just days, this Friday": a weekday said to be the coming one (not
# "this Monday saw the film gross $930,000").
_THIS_COMING = re.compile(r"(?<!\w)(?:this|next)\s+(?:coming\s+)?$", re.I)
_PAST_VERB_AFTER = re.compile(r"\s+(?:saw|was|were|had|[a-z]+ed)\b")


def _coming_weekday(text: str, span: DateSpan) -> bool:
    return bool(
        _THIS_COMING.search(text, max(0, span.start - 16), span.start)
        and not _PAST_VERB_AFTER.match(text, span.end)
    )


def _candidate(
    scene: Scene,
    i: int,
    span: DateSpan,
    window_start: int,
    found: Sequence[Trigger],
    item: _Item,
    rules: DateRules,
) -> Candidate:
    sentence = scene.sentences[i]
    text = sentence.text
    mark = nearest(text, scene.marks[i], span.start, span.end)
    c = Candidate(
        value=span.value,
        display=span.display,
        precision=span.precision,
        confidence=0.0,
        hedged=False,
        evidence=text,
        inferred=span.inferred,
        sentence=i,
        position=span.start,
    )
    c = c.support("date", f'"{text[span.start : span.end]}" ({span.form})', 0.0)
    link = _link(scene, i, mark)
    if link is None:
        what = text[mark.start : mark.end] if mark is not None else "no work"
        return c.refuse("other-work", f'belongs to another work ("{what}")')
    if _moved_when(scene, i, span):
        return c.refuse("move-time", "when the date moved, not where to")
    if _BACK_IN.search(text, max(0, span.start - 12), span.start):
        return c.refuse("past-time", 'when something happened ("back in")')
    if _ASKS.search(text) and not sentence.title:
        # "what if that something strange is freezing cold in July?": asked, not said.
        return c.refuse("question", "a question, not a date given")
    c = c.support(*link)
    # "due next year", "played Toronto last autumn": a loose time, not a date
    # given. "Pushed to next year", "will now arrive next year" are the news.
    in_passing = (
        span.relative
        and span.precision == "year"
        and not sentence.title
        and not _news_before(text, span.start)
    ) or bool(_LAST.match(text, span.start))
    release, other = govern(text, span.start, span.end, found)
    owns = _owns_the_film(text, mark, span)
    if owns:
        other = None  # "the trailer for this summer's X": the season is X's, not the trailer's
    if (
        other is not None
        and release is not None
        and other.trigger.kind == "streaming"
        and release.trigger.kind == "theatrical"
        and _day_and_date(text, release.trigger, other.trigger)
    ):
        other = None  # "in theaters and on Peacock on October 27": both open that day
    if other is not None and other.trigger.kind == "streaming" and item.streamed:
        # With no theatrical release, the streaming debut is the release.
        release, other = (
            (other if release is None or other.strength > release.strength else release),
            None,
        )
    plural = (
        _PLURAL_SUBJECT.search(text, max(0, release.trigger.start - 30), release.trigger.start)
        if release is not None and (mark is None or mark.kind != "name")
        else None
    )
    if plural is not None:  # "fantasy flicks heading our way in 2025": a season's films
        return c.refuse("other-work", f'the date of several films ("{plural.group().strip()}")')
    own = _titles_own_date(text, mark, span)
    if not own and (listed := _LISTED_TITLE.search(text, 0, span.start)) is not None:
        # "Iron Tide (Oct. 30), Glass Harbor 2 (Nov. 6)": each title's own date.
        return c.refuse("other-work", f'another title\'s own date ("{listed.group(1)}")')
    films_year = _films_year(mark, span)
    if (
        other is not None
        and (release is None or other.strength >= release.strength)
        and not own
        and not films_year
    ):
        t = other.trigger
        what = f'"{t.text}" of "{t.by}"' if t.by else f'"{t.text}"'
        return c.refuse(
            f"{t.kind}-date", f"a {_EVENT_NAMES.get(t.kind, t.kind)} date: {what} governs it"
        )
    if own:
        c = c.support("listing", "the title's own date, after it", 0.0)
    elif films_year and mark is not None:
        c = c.support(
            "listing", f'the film named by its year ("{text[mark.start : mark.end]}")', 0.0
        )
    elif release is None and owns:
        c = c.support("listing", "the film's own season (\"this summer's <film>\")", 0.0)
    elif release is None:
        if not _listing(sentence.line, text, scene.marks[i], scene.dates[i]):
            return c.refuse("no-release-word", "no release word governs it")
        c = c.support("listing", "a title and its date", 0.0)
    elif span.form == "weekday" and (
        (release.strength < 0.75 and not _coming_weekday(text, span))
        or _past(scene, span)
        # "announced the release date for X on Tuesday": when it was said
        or any(t.kind == "announcement" and t.end <= span.start for t in found)
    ):
        return c.refuse(
            "weekday", f'"{text[span.start : span.end]}" is when something happened, not a release'
        )
    else:
        c = c.support(
            "release-word", f'"{release.trigger.text}" governs it', _directness(release.strength)
        )
        if in_passing and (mark is None or release.trigger.kind != "theatrical"):
            # "due next year" in passing is too weak to notify; "hits theaters
            # later this year" is not.
            return c.refuse("in-passing", f'"{text[span.start : span.end]}" in passing')
        if in_passing:
            c = c.support(
                "relative", f'"{text[span.start : span.end]}": the year as of the report', -0.1
            )
    if rules.reject is not None and (m := rules.reject.search(text, 0, span.end + 12)):
        return c.refuse("rejected", f'the question rejects "{m.group()}"')
    lead_from = _lead_from(scene.marks[i], window_start, span)
    old = _old(text, lead_from, span)
    if old is None and (m := _HISTORY.search(text, 0, span.start)):
        old = m.group()
    if old is None and (m := _MOVED_BEFORE.search(text, 0, span.start)):
        old = m.group(1)
    if (
        old is None
        and (m := _HAD_BEEN_SET.search(text, 0, span.start))
        and not _TURN.search(text, m.end(), span.start)
    ):
        old = m.group()
    if old is not None:
        return c.refuse("old-date", f'an earlier date ("{old}")')
    widened = expansion(text, lead_from, span.start, span.end) or (
        (m := _WIDE.search(text, lead_from, span.start)) and item.limited and m.group()
    )
    if widened:
        return c.refuse("expansion", f'a wider release ("{widened}")')
    abroad = _foreign(text, lead_from, span)
    if abroad is not None:
        return c.refuse("abroad", f'another country\'s date ("{abroad}")')
    if (home := _DOMESTIC.search(text, lead_from, span.start)) is not None:
        # "in cinemas on June 25, with a North America release on June 27"
        c = c.support("domestic", f'the US release ("{home.group()}")', 0.1)
    c = _timing(scene, sentence.title, i, span, c)
    if c.taken and _NOW is not None and (m := _NOW.search(text, lead_from, span.start)):
        c = c.support("news", f'reported as the news ("{m.group()}")', 0.05)
    hedge = hedge_reason(text, span.end)
    if hedge is not None:
        c = replace(c, hedged=True, reasons=(*c.reasons, hedge))
    return c


def _news_before(text: str, at: int) -> bool:
    """A move ("pushed", "delayed"), a plain "now" or the film's own coming
    ("the sequel is coming next year") before the date: the sentence reports
    the date, not the film's year in passing."""
    head = text[:at]
    return bool(
        (_MOVED is not None and _MOVED.search(head))
        or _PLAIN_NOW.search(head)
        or _COMES.search(head)
    )


def _moved_when(scene: Scene, i: int, span: DateSpan) -> bool:
    """ "pushed back to next year in August": a past date right after a move's
    target says when it moved."""
    text = scene.sentences[i].text
    if span.form == "weekday" and any(
        (d.start > span.end and _MOVED is not None and _MOVED.search(text, span.end, d.start))
        or (
            d.end <= span.start
            and d.form != "weekday"
            and _SET_BEFORE.search(text, max(0, d.start - 40), d.start)
        )
        for d in scene.dates[i]
    ):
        # "On Tuesday, the studio moved the film to May 3", "The film set a
        # summer 2026 theatrical release on Wednesday": the day it was done.
        return True
    if scene.published is None or _first_day(span.value) is None:
        return False
    if _last_day(span.value) >= scene.published:
        return False
    return any(
        d.end <= span.start and _MOVE_TIME.fullmatch(text, d.end, span.start)
        for d in scene.dates[i]
    )


def _lead_from(found: Sequence[Mark], window_start: int, span: DateSpan) -> int:
    """Where the words about a date start: after the last work named before it
    (a title or "the film", not "its": "won't make its May 3 date" is about
    the date), or after the previous date."""
    ends = [m.end for m in found if m.end <= span.start and m.how != "it"]
    inside = [m.end for m in found if m.end <= span.start and m.how == "it"]
    start = max([window_start, *ends])
    return start if start or not inside else window_start


def _link(scene: Scene, i: int, mark: Mark | None) -> tuple[str, str, float] | None:
    """(code, detail, base confidence) of how the date is tied to the film, or None."""
    text = scene.sentences[i].text
    if mark is None:
        if scene.carried[i] and not _names_a_sequel_of_it(text, scene.marks[i]):
            return "topic", "the sentence continues one about the film", 0.62
        return None
    what = text[mark.start : mark.end]
    if not mark.subject or _sequel_of(text, mark):
        return None
    if mark.kind == "name":
        return "names-film", f'names the film ("{what}")', 0.85
    if mark.how == "its people's film":
        return "names-film", f'the film of its people ("{what}")', 0.8
    return "refers-to-film", f'refers back to the film ("{what}")', 0.72


def _names_a_sequel_of_it(text: str, marks: Sequence[Mark]) -> bool:
    """ "a sequel to A Minecraft Movie is in the works, set for 2027": where the
    film is named only as what a later work follows, the sentence is about that
    work. (A remake or adaptation may share the film's own name, so only the
    sequel family counts.)"""
    return any(m.subject and _sequel_of(text, m) for m in marks)


def _sequel_of(text: str, mark: Mark) -> bool:
    """ "a sequel to A Minecraft Movie", "the Minecraft Movie sequel": the film's
    name said of a later work."""
    return mark.kind == "name" and bool(
        _SEQUEL_BEFORE.search(text, 0, mark.start) or _SEQUEL_AFTER.match(text, mark.end)
    )


_SEQUEL_BEFORE = re.compile(
    r"(?<!\w)(?:sequel|follow-?up|prequel|successor|spin-?off|continuation)\s+(?:to|of)\s+"
    r"(?:[\w’'-]+\s+){0,3}?$",
    re.I,
)
_SEQUEL_AFTER = re.compile(r"[’”\"']?\s+(?:sequel|prequel|spin-?off|follow-?up|threequel)\b", re.I)


def _directness(strength: float) -> float:
    if strength >= 0.75:
        return 0.05
    if strength < 0.35:
        return -0.1
    return 0.0


_ONCE_AGAIN = re.compile(r"once\s+(?:again|more)\b", re.I)


# "the original 1997 slasher film", "the original one": the earlier work.
_ORIGINAL_WORK = re.compile(
    rf"(?<=[Oo]riginal)\s+(?:(?:19|20)\d{{2}}\s+)?(?:[a-z][\w-]*\s+){{0,2}}?(?:{FILM_NOUN}|one|trilogy|cast)(?!\w)"
)


def _old(text: str, lead_from: int, span: DateSpan) -> str | None:
    """The word that makes a date an earlier one: "originally", "from its",
    "instead of", "won't make its". "to" right before the date after a move
    or a comparison ("two weeks earlier than planned, to March 1") is the new one."""
    lead = text[lead_from : span.start]
    if _NEW_AFTER.match(text, span.end) or _UNTIL.search(lead):
        return None  # "March 1 instead", "won't open until 2024": the new date
    if (m := _MOVE_FROM.search(text, lead_from, span.start)) is not None and (
        len(m.group().split()) > 1 or (_CHANGED is not None and _CHANGED.search(text, 0, m.start()))
    ):
        return m.group().split()[
            0
        ]  # "moved from June 13", "from its March date"; not "in cinemas from"
    if _OLD is None:
        return None
    compared = [c.span() for c in _COMPARED.finditer(text, lead_from, span.start)]
    moved_to = _MOVE_TO.search(lead) is not None
    for m in _OLD.finditer(text, lead_from, span.start):
        if any(a <= m.start() < b for a, b in compared):
            continue  # "earlier than originally scheduled" compares, it dates nothing
        if _ONCE_AGAIN.match(text, m.start()):
            continue  # "delayed once again and will now open": the new date
        if _ORIGINAL_WORK.match(text, m.end()):
            continue  # "the same name as the original 1997 slasher film": a work
        if moved_to and (_MOVED is None or _MOVED.search(text, m.end(), span.start)):
            continue  # "originally set for June, it moved to May 30": the move's target
        if m.group().casefold() in ("not", "won't", "will not", "never") and not _negates_date(
            text, m.end(), span.start
        ):
            continue
        return m.group()
    return None


def _negates_date(text: str, a: int, b: int) -> bool:
    """ "won't make its May 3 release", "not in 2024": the negation is about
    the date, not about something else in a long lead."""
    return len(text[a:b].split()) <= 8


def _foreign(text: str, lead_from: int, span: DateSpan) -> str | None:
    m = (
        _FOREIGN_BEFORE.search(text, lead_from, span.start)
        or _FOREIGN_AFTER.match(text, span.end)
        or _ABROAD.search(text, 0, span.start)
    )
    return m.group().strip(" ,") if m else None


def _timing(scene: Scene, title: bool, i: int, span: DateSpan, c: Candidate) -> Candidate:
    """Where and when the date was written: a headline or the lede weighs more;
    a day weighs more than a month; a date long before the report is not an
    upcoming release."""
    if title:
        c = c.support("headline", "in the headline", 0.05)
    elif i == next((k for k, s in enumerate(scene.sentences) if not s.title), -1):
        c = c.support("lede", "in the lede", 0.03)
    if span.precision != "day":
        c = c.support("vaguer", f"a {span.precision}, not a day", -0.05)
    if span.inferred and scene.undated:
        c = c.support("undated", "year read against the poll time: the item has no date", -0.15)
    if scene.published is not None and not scene.undated:
        first_day = _first_day(span.value)
        if first_day is not None and first_day < scene.published - timedelta(days=400):
            return c.refuse("long-past", "long before the report: not an upcoming release")
        if first_day is not None and _last_day(span.value) < scene.published - timedelta(days=30):
            c = c.support("past", "before the report", -0.2)
    return c


def _past(scene: Scene, span: DateSpan) -> bool:
    first = _first_day(span.value)
    return (
        scene.published is not None
        and first is not None
        and _last_day(span.value) < scene.published
    )


_VALUE_DAY = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_VALUE_YEAR = re.compile(r"\d{4}")
_VALUE_MONTH = re.compile(r"\d{4}-\d{2}")


def _first_day(value: str) -> date | None:
    m = _VALUE_DAY.match(value)
    if m is None:
        return None
    return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def _last_day(value: str) -> date:
    first = _first_day(value) or date.min
    if _VALUE_YEAR.fullmatch(value):
        return date(first.year, 12, 31)
    if _VALUE_MONTH.fullmatch(value):
        return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    if "-" in value and not value[5:7].isdigit():
        return date(first.year + 1, 3, 1)  # a season: generous
    return first


def _listing(line: bool, text: str, found: Sequence[Mark], dates: Sequence[DateSpan]) -> bool:
    """A list line: just a title and a date ("June 20 - 'Title'", "Title (June 13, 2025)")."""
    if not line or len(dates) != 1 or not found:
        return False
    rest = text
    for a, b in sorted([(m.start, m.end) for m in found] + [(dates[0].start, dates[0].end)])[::-1]:
        rest = rest[:a] + " " + rest[b:]
    return all(m.kind != "anaphor" for m in found) and not re.search(r"[^\W\d_]{2,}", rest)


def _owns_the_film(text: str, mark: Mark | None, span: DateSpan) -> bool:
    """ "this summer's Jurassic World Rebirth", "next year's sequel": the time
    the film is out, said as its owner."""
    if mark is None or not mark.subject or mark.start < span.end:
        return False
    return _OWNER_GAP.fullmatch(text, span.end, mark.start) is not None


_OWNER_GAP = re.compile(OWNER_GAP)


def _films_year(mark: Mark | None, span: DateSpan) -> bool:
    """ "The 2025 film", "the 2024 feature film": the film named by its year."""
    return (
        mark is not None
        and mark.subject
        and mark.kind == "anaphor"
        and span.precision == "year"
        and mark.start <= span.start
        and span.end <= mark.end
    )


# A title-like run right before the date's bracket: "Iron Tide (Oct. 30, 2026)".
_LISTED_TITLE = re.compile(
    r"(?:^|[,;:]\s*|\s(?:and|&)\s+)((?:[A-Z\d][\w’'&.-]*\s+){0,5}[A-Z\d][\w’'&.-]*)\s*\(\s*$"
)


def _titles_own_date(text: str, mark: Mark | None, span: DateSpan) -> bool:
    """ "Gladiator 2 (2024)", "Ballerina (June 6, 2025)": the title's own date;
    and a caption's "#Ballerina 6.6.25", a title with its date in numbers
    right after it (prose writes no date so)."""
    if mark is None or not mark.subject or mark.end > span.start:
        return False
    between = text[mark.end : span.start]
    if span.form == "numeric" and between.strip(" ’”'\"") == "":
        return True
    return between.strip(" ’”'\"") in ("(", "") and "(" in text[mark.end : span.start + 1]


def _vague(scene: Scene, rules: DateRules) -> tuple[str, ...]:
    """Sentences naming the film that speak of its release without a date."""
    out: list[str] = []
    for i, sentence in enumerate(scene.sentences):
        if not _names_it(scene.marks[i]):
            continue
        kinds = {t.kind for t in triggers(sentence.text)}
        cued = rules.cues is not None and rules.cues.search(sentence.text)
        if "theatrical" in kinds or cued:
            out.append(sentence.text)
    return tuple(out)


def _names_it(marks: Sequence[Mark]) -> bool:
    # A loop, not any() over a generator: asked of every sentence of an item.
    for m in marks:  # noqa: SIM110
        if m.subject and m.kind == "name":
            return True
    return False


def _after_the_old_date(
    taken: list[Candidate], found: list[Candidate], scene: Scene
) -> list[Candidate]:
    """A delay lands after the date it leaves: "no longer releasing in January
    of next year ... pushed to May", then "May 16th", is May of next year."""
    olds = [c.value for c in found if c.refused == "old-date"]
    texts = [s.text for s in scene.sentences]
    if (
        not olds
        or not any(_DELAYED.search(t) for t in texts)
        or any(_MOVED_UP.search(t) for t in texts)  # "now arriving two weeks earlier"
    ):
        return taken
    latest_old = max(olds)
    out: list[Candidate] = []
    for c in taken:
        if c.inferred and c.precision in ("day", "month") and c.value < latest_old[: len(c.value)]:
            year = str(int(c.value[:4]) + 1)
            c = replace(c, value=year + c.value[4:], display=c.display[:-4] + year).support(
                "after-old-date", "a delay lands after the date it leaves", 0.0
            )
        out.append(c)
    return out


def _anchor_years(taken: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """A year the item works out yields to the year it writes: "Now Arrives
    In May" over "will now open on May 30, 2025"; "a 2024 release date ... out
    on November 22nd" in February 2023 is November 22, 2024. (``found``: every
    candidate, refused ones too.)"""
    written = [f for f in taken if not f.inferred]
    # A rumoured year lends none ("films possibly moving into 2024").
    years = {f.value[:4] for f in written if f.precision == "year" and not f.hedged}
    # A date before the report ("was set for March 2024") lends no year to a
    # new one ("new release date: March 7", reported in December). The same
    # day written with its year where no release word governs it lends it
    # ("the film will arrive Sept. 18. ... 'September 18, 2026.'").
    twins = [
        w
        for w in found
        if not w.inferred
        and (w.taken or w.refused == "no-release-word")
        and not any(r.code == "past" for r in w.reasons)
    ]
    out: list[Candidate] = []
    for f in taken:
        if f.inferred and f.value[4:]:
            twin = next(
                (
                    w
                    for w in twins
                    if w.precision in ("day", "month")
                    and (w.value[4:].startswith(f.value[4:]) or f.value[4:].startswith(w.value[4:]))
                ),
                None,
            )
            if twin is not None:
                year: str | None = twin.value[:4]
            else:
                # Only forward: a date worked out as this year, in an item that says next year.
                year = next(iter(years)) if len(years) == 1 and min(years) > f.value[:4] else None
            if year is not None and year != f.value[:4]:
                f = replace(f, value=year + f.value[4:], display=f.display[:-4] + year).support(
                    "year-from-item", f"the item gives the year {year}", 0.0
                )
        out.append(f)
    return out

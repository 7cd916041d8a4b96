"""A film that loses its date, and one that skips theaters.

``withdrawal``: an unhedged statement that the film has no release date any
more ("pulled from its March 13 date; no new date has been set", "delayed
indefinitely"), in an item that gives no new date. ``theatrical_cancelled``:
the film will not open in theaters, so its streaming premiere is when audiences
first see it.
"""

from __future__ import annotations

import re

from watcher.extract.events import triggers
from watcher.extract.evidence import Candidate, hedged
from watcher.extract.lexicon import load
from watcher.extract.text import phrases_regex, screen
from watcher.extract.works import Scene
from watcher.types import NO_DATE, NO_DATE_DISPLAY

_LEX = load("en")
_ABROAD = phrases_regex((*_LEX.countries, *_LEX.demonyms), cased=True)

# "pulled Harrow Point from its March 13 release date", "removed from the
# release schedule", "delayed indefinitely", "no new date has been set", "is
# now undated". Not "pulled from theaters" (a cancelled theatrical run) nor
# "moved off its March date to June 5" (a date follows, and is the answer).
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
    # "did not announce a new release date", "will be redated at a later time"
    r"(?:did\s+not|didn[’']t|has\s+not|hasn[’']t|have\s+not|haven[’']t|yet\s+to)\s+(?:announce|set|give|"
    r"reveal|name|provide)d?\s+(?:a|any)\s+new\s+(?:release\s+)?date|"
    r"(?:be|been|being)\s+(?:re-?dated|rescheduled)\s+(?:at\s+a\s+later|later|for\s+a\s+later)|"
    r"(?:off|from)\s+the\s+(?:release\s+)?(?:schedule|calendar)(?!\w))",
    re.I,
)
# "did not pull it from its date", "no longer undated".
_WITHDRAWN_NEGATED = re.compile(
    r"(?<!\w)(?:not|n[’']t|never|no\s+longer|won[’']t|denie[sd]|deny|rumou?r\w*)(?!\w)", re.I
)
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


# Both are searched in each sentence about the film, at every position: their
# words ("date", "theatrical", ...) rule most sentences out first (asked of
# the sentence alone: few sentences are about the film).
_WITHDRAWN_SCREEN = screen(_WITHDRAWN)
_THEATRICAL_CANCELLED_SCREEN = screen(_THEATRICAL_CANCELLED)


def theatrical_cancelled(scene: Scene) -> bool:
    """Does a plain, unhedged sentence about the film say it will not open in theaters?"""
    for i, sentence in enumerate(scene.sentences):
        if (
            scene.about_subject(i)
            and _THEATRICAL_CANCELLED_SCREEN.may_match(sentence.text)
            and _THEATRICAL_CANCELLED.search(sentence.text)
            and not hedged(sentence.text, len(sentence.text))
        ):
            return True
    return False


def withdrawal(scene: Scene) -> Candidate | None:
    """The film has no date any more, said plainly in a sentence naming it
    (or right after one that does: "No new date has been set.")."""
    for i, sentence in enumerate(scene.sentences):
        text = sentence.text
        ours = scene.about_subject(i)
        # A sentence naming no work at all continues the one before it.
        follows = not scene.marks[i] and scene.carried[i] is True
        if not (ours or follows):
            continue
        if not _WITHDRAWN_SCREEN.may_match(text):
            continue
        said = _WITHDRAWN.search(text)
        if said is None:
            continue
        if any(not m.subject for m in scene.marks[i] if m.start < said.end()):
            continue  # "moved Other Film off the calendar": another work's date
        if hedged(text, len(text)) or _WITHDRAWN_NEGATED.search(text, 0, said.end()):
            continue
        # "pulled from the festival schedule", "off its UK date": not the release date.
        if any(
            t.kind not in ("release", "theatrical") and said.start() <= t.start < said.end()
            for t in triggers(text)
        ):
            continue
        if _ABROAD is not None and _ABROAD.search(text, said.start(), said.end()):
            continue  # "pulled from its UK release date": another country's date
        if any(d.start >= said.end() for d in scene.dates[i]):
            continue  # "pulled from March 13 and moved to June 5": redated, not undated
        return Candidate(
            value=NO_DATE,
            display=NO_DATE_DISPLAY,
            precision=None,
            confidence=0.8 if ours else 0.7,
            hedged=False,
            evidence=text,
            sentence=i,
        ).support("withdrawn", f'the film has no date any more ("{said.group()}")', 0.0)
    return None

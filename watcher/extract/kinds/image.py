"""First looks: the film's first official images (a still, a poster, a
teaser or trailer) reported as released, and the item's full-size image.

Every image noun next to the film is a candidate. "first", "1st", "first
official" take it; "new", "latest", "second", "final", "full-length" refuse it
(a later one is not a first look), unless the same words call it the first.
With neither, a release ("unveiled the poster", "the trailer is here") counts
when nothing in the item calls it a later one. An image only expected ("will
debut April 9", "when can we expect") or shown to a convention crowd is not
out yet. A question whose cues name one kind of image (a poster) takes only
that kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from watcher.config import QuestionConfig
from watcher.extract.evidence import Candidate, Reading, considered, hedge_reason
from watcher.extract.lexicon import load
from watcher.extract.names import SubjectNames
from watcher.extract.text import key, may_hold, phrase_anchors, phrases_regex, title_case
from watcher.extract.works import Scene, nearest

_LEX = load("en")
ImageNoun = str  # "poster", "still" or "trailer"

_NOUNS = {kind: phrases_regex(words) for kind, words in _LEX.image_nouns.items()}
_ANY_NOUN = phrases_regex([w for words in _LEX.image_nouns.values() for w in words])
_ANY_NOUN_ANCHORS = phrase_anchors([w for words in _LEX.image_nouns.values() for w in words])
_FIRST = phrases_regex(_LEX.image_first)
_LATER = phrases_regex(_LEX.image_later)
_RELEASED = phrases_regex(_LEX.image_released)
_EXPECTED = phrases_regex(_LEX.image_expected)
_PRIVATE = phrases_regex(_LEX.private_venue)
# "first look at", "1st look": a first look is a still unless it names another kind.
_FIRST_LOOK = re.compile(r"(?<!\w)(?:first|1st)[\s-]+(?:official\s+)?look(?!\w)", re.I)
# "Sony Pictures", "Lumen Pictures Releases Poster": a capitalized word before
# makes the noun part of a name. A headline capitalizes every word, so there
# only the nouns companies are named with count ("Rebirth Images" is images).
_NAME_PART = re.compile(r"(?<![\w’'])(?!First\s)[A-Z][\w.&’'-]*\s+$")
# A still (the noun) has a determiner or a describing word before it.
_STILL_NOUN = re.compile(
    r"(?<!\w)(?:a|an|the|first|new|this|that|official|exclusive|one|its|their|his|her|another|"
    r"latest|single|lone|released|brand-new|debut|early|striking|moody|[\w-]+-look)\s+(?:[\w-]+\s+)?$",
    re.I,
)
_UNDER = re.compile(r"(?<!\w)under\s+(?:the|its|their|a)\s+(?:[\w’'&-]+\s+){0,3}$", re.I)
# "release date", "release window": the film's release, not an image's.
_RELEASE_OF_FILM = re.compile(r"\s+(?:date|dates|window|slot|schedule|calendar|plans?)\b", re.I)
_LEAKED = re.compile(r"(?<!\w)(?:leak|leaks|leaked|leaking|fan-made|fan\s+made)(?!\w)", re.I)
_HYPHENED = re.compile(r"(?<!first)(?<!debut)-$", re.I)
_COMPANY_NOUN = re.compile(r"Pictures?|Pics", re.I)
_FILMING_SHOT = re.compile(r"(?<!\w)(?:first|opening|final|last)\s+$", re.I)
_COMPOUND = re.compile(
    r"\s+(?:book|books|finish|op|ops|opportunity|frame|frames|perfect|gallery|galleries|editor|"
    r"agency|credit|credits|shoot|shoots|session|booth|child|boy|girl|quality|company|house|"
    r"studio|studios|life|lives|library|album|albums|wall|board|boards|line|lines|caption|"
    r"deal|deals|arc|arcs)\b",
    re.I,
)
_GENERIC = re.compile(r"(?<!\w)(?:first[\s-]+look|first[\s-]+official\s+look|look)s?(?!\w)", re.I)
_THUMB = re.compile(
    r"(?:[?&](?:w|width|h|height|resize)=(?:[1-3]\d{2}|\d{1,2})\b|[?&]crop=1|"
    r"-\d{2,3}x\d{2,3}\.\w+(?:$|\?)|thumb|/small/|_s\.\w+$)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ImageRules:
    question: QuestionConfig
    nouns: frozenset[ImageNoun]  # the kinds of image the question takes
    cues: re.Pattern[str] | None
    reject: re.Pattern[str] | None


def noun_of(text: str) -> ImageNoun | None:
    """The kind of image a phrase names: "trailer still" is a trailer's frame."""
    for kind in ("poster", "trailer", "still"):
        pattern = _NOUNS[kind]
        if pattern is not None and pattern.search(text):
            return kind
    return None


class _ImageKind:
    name = "image"

    def compile(self, question: QuestionConfig, subject: SubjectNames) -> ImageRules:
        # "first look" asks for any first image; "first still" or "poster" for that kind only.
        generic = not question.cues or any(_GENERIC.search(c) for c in question.cues)
        named = {n for c in question.cues if (n := noun_of(c)) is not None}
        return ImageRules(
            question=question,
            nouns=frozenset(
                ("poster", "still", "trailer")
                if generic
                else named or ("poster", "still", "trailer")
            ),
            cues=phrases_regex(question.cues),
            reject=phrases_regex(question.reject, inflect=True),
        )

    def read(self, scene: Scene, rules: ImageRules) -> Reading:
        image = pick_image(scene.images)
        nouns = _image_nouns(scene)
        later_in_item = _later_in_item(scene, nouns)
        found: list[Candidate] = []
        vague: list[str] = []
        for i, here in enumerate(nouns):
            if here:  # (most sentences name no image)
                found.extend(_candidates(scene, i, here, rules, image, later_in_item=later_in_item))
        taken = [c for c in found if c.taken]
        if image is None and taken:
            vague = [c.evidence for c in taken]
            return Reading((), vague=tuple(vague), considered=considered(found))
        return Reading(tuple(taken[:1] if taken else ()), considered=considered(found))


KIND = _ImageKind()


def pick_image(images: Sequence[str]) -> str | None:
    """The first full-size image (feeds list the full one first, thumbnails after)."""
    for url in images:
        if not _THUMB.search(url):
            return url
    return images[0] if images else None


def _image_nouns(scene: Scene) -> list[list[re.Match[str]]]:
    """Per sentence, the image nouns written in it."""
    if _ANY_NOUN is None:
        return [[] for _ in scene.sentences]
    anchors = _noun_anchors(scene)  # (the item's, found once, not per sentence)
    if anchors is not None and not anchors:
        return [[] for _ in scene.sentences]  # the item holds none of their words
    return [
        list(_ANY_NOUN.finditer(s.text))
        if anchors is None or may_hold(s.text, anchors, ignore_case=True)
        else []
        for s in scene.sentences
    ]


_DEFINITE = re.compile(r"(?<!\w)the\s+(?:[\w-]+\s+)?$", re.I)
_PREPOSITION = re.compile(r"(?<!\w)(?:in|for|with|at|on|from|about|of)(?!\w)")


def _later(lead: str) -> re.Match[str] | None:
    """A word in the words before an image noun calling the image a later one,
    not a length ("the 50-second teaser") nor something else ("ready for a new
    adventure in the teaser")."""
    if _LATER is None:
        return None
    return next(
        (
            m
            for m in _LATER.finditer(lead)
            if lead[m.start() - 1 : m.start()] != "-" and not _PREPOSITION.search(lead, m.end())
        ),
        None,
    )


def _later_in_item(scene: Scene, nouns: Sequence[Sequence[re.Match[str]]]) -> bool:
    """Does the item call its image a later one ("new trailer", "second poster")
    and never the first?"""
    said_later = said_first = False
    for k, here in enumerate(nouns):
        blanked = _words_outside_titles(scene, k) if here else ""
        for m in here:
            lead = blanked[max(0, m.start() - 30) : m.start()]
            if _FIRST is not None and _FIRST.search(lead):
                said_first = True
            elif _later(lead) is not None:
                said_later = True
    return said_later and not said_first


def _words_outside_titles(scene: Scene, i: int) -> str:
    """Sentence ``i`` with the film's own names blanked: "The Final Reckoning
    trailer" calls its trailer neither final nor first."""
    text = scene.sentences[i].text
    for mark in scene.marks[i]:
        if mark.subject and mark.kind == "name":
            text = text[: mark.start] + " " * (mark.end - mark.start) + text[mark.end :]
    return text


def _noun_anchors(scene: Scene) -> tuple[str, ...] | None:
    """What ``_ANY_NOUN`` cannot match in a sentence of ``scene`` without (a
    cheap test before the scan; None: every sentence may hold a noun)."""
    if _ANY_NOUN_ANCHORS is None or scene.present is None:
        return _ANY_NOUN_ANCHORS
    return scene.present.of(_ANY_NOUN_ANCHORS, ignore_case=True)


def _candidates(
    scene: Scene,
    i: int,
    nouns: Sequence[re.Match[str]],
    rules: ImageRules,
    image: str | None,
    *,
    later_in_item: bool,
) -> list[Candidate]:
    text = scene.sentences[i].text
    out: list[Candidate] = []
    for m in nouns:
        if _part_of_a_name(text, m):
            continue  # "Lumen Pictures": a company's name
        if _HYPHENED.search(text, max(0, m.start() - 12), m.start()):
            continue  # "a multi-picture arc", "a three-picture deal" (but "first-look")
        if m.group().casefold() == "still" and not _STILL_NOUN.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue  # "we still can't stop": the adverb
        if m.group().casefold() == "banner" and _UNDER.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue  # "under the MCU banner": a brand, not an image
        if _COMPOUND.match(text, m.end()):
            continue  # "picture book", "photo op": not an image
        if m.group().casefold() == "shot" and _FILMING_SHOT.search(text, 0, m.start()):
            continue  # "a clapboard from the film's first shot": filming, not an image
        noun = _noun_at(text, m)
        mark = nearest(text, scene.marks[i], m.start(), m.end())
        c = Candidate(
            value=image or "",
            display=image or "",
            precision=None,
            confidence=0.0,
            hedged=False,
            evidence=text,
            sentence=i,
            position=m.start(),
        ).support("image", f'"{m.group()}" ({noun})', 0.0)
        if noun not in rules.nouns:
            out.append(c.refuse("other-image", f"a {noun}, not what the question asks for"))
            continue
        ours = mark.subject if mark is not None else bool(scene.carried[i])
        if not ours:
            what = text[mark.start : mark.end] if mark is not None else "no work"
            out.append(c.refuse("other-work", f'of another work ("{what}")'))
            continue
        out.append(
            _weigh(scene, i, m, mark.kind if mark else None, rules, c, later_in_item=later_in_item)
        )
    return out


def _expected(window: str) -> re.Match[str] | None:
    """The first word saying an image is only expected, but not "upcoming" or
    "awaited" describing the film ("the teaser for the upcoming sequel")."""
    if _EXPECTED is None:
        return None
    for m in _EXPECTED.finditer(window):
        if _DESCRIBES_FILM.match(window, m.end()):
            continue
        if key(m.group()) == "will" and not _WILL_RELEASE.match(window, m.end()):
            continue  # "the first trailer will send shivers down your spine": out already
        return m
    return None


# "will debut", "will be released", "will finally drop": what "will" expects.
_WILL_RELEASE = re.compile(
    r"\s+(?:(?:finally|soon|now|also|officially|only|first|be)\s+){0,2}"
    r"(?:release|debut|drop|arrive|premiere|unveil|reveal|launch|come|hit|land|air|out|online|"
    r"available|shown|revealed|released|unveiled|screened|attached|here)",
    re.I,
)


# After "upcoming", "awaited": a film noun within three words describes the film.
_DESCRIBES_FILM = re.compile(
    r"\s+(?:[\w’'-]+\s+){0,2}?(?:" + "|".join(map(re.escape, _LEX.film_nouns)) + r")(?!\w)",
    re.I,
)
_CLAUSE_END = re.compile(r"[;:.!?]\s|,\s+(?:and|but|while|which|who)\s")


def _reported_out(window: str) -> re.Match[str] | None:
    """The first word saying an image is out, past "release date" and the like."""
    if _RELEASED is None:
        return None
    for m in _RELEASED.finditer(window):
        if m.group().casefold() == "release" and _RELEASE_OF_FILM.match(window, m.end()):
            continue
        return m
    return None


def _part_of_a_name(text: str, m: re.Match[str]) -> bool:
    if not m.group()[:1].isupper() or not _NAME_PART.search(
        text, max(0, m.start() - 40), m.start()
    ):
        return False
    return not title_case(text) or _COMPANY_NOUN.fullmatch(m.group()) is not None


def _noun_at(text: str, m: re.Match[str]) -> ImageNoun:
    """ "first-look poster" is a poster; "first look at the trailer" a trailer."""
    after = text[m.end() : m.end() + 25]
    if m.group().casefold().startswith("look") or _FIRST_LOOK.search(
        text, max(0, m.start() - 10), m.end()
    ):
        following = re.match(
            r"\s+(?:at\s+)?(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){0,2}?([\w-]+)", after
        )
        if following is not None and (kind := noun_of(following.group(1))) in ("poster", "trailer"):
            return kind
    return noun_of(m.group()) or "still"


def _weigh(
    scene: Scene,
    i: int,
    m: re.Match[str],
    mark_kind: str | None,
    rules: ImageRules,
    c: Candidate,
    *,
    later_in_item: bool,
) -> Candidate:
    text = scene.sentences[i].text
    lead = _words_outside_titles(scene, i)[max(0, m.start() - 40) : m.start()]
    clause_lead = re.split(r"[,;.—]\s", lead)[-1]
    first = _FIRST.search(clause_lead) if _FIRST else None
    later = _later(clause_lead)
    if rules.reject is not None and (r := rules.reject.search(text)):
        return c.refuse("rejected", f'the question rejects "{r.group()}"')
    if later is not None and (first is None or first.start() < later.start()):
        return c.refuse("later-image", f'a later one ("{later.group()}")')
    if (numbered := _NUMBERED_AFTER.match(text, m.end())) is not None:
        return c.refuse("later-image", f'a later one ("{m.group()}{numbered.group()}")')
    # The window ends with the noun's clause: "its first teaser, and the sequel
    # looks set to tackle ..." expects nothing of the teaser.
    tail = _CLAUSE_END.search(text, m.end(), m.end() + 60)
    window = text[max(0, m.start() - 60) : tail.start() if tail else min(len(text), m.end() + 60)]
    expected = _expected(window)
    released = _reported_out(window)
    if released is None and expected is None:
        # "the teaser of director X's upcoming superhero flick Y was unveiled":
        # the verb may come after a long subject, in the same clause.
        tail = _CLAUSE_END.search(text, m.end())
        released = _reported_out(text[m.end() : tail.start() if tail else len(text)])
    if released is None:  # "Here's the official poster", "this first poster": presented
        released = _HERE_IS.search(text, max(0, m.start() - 60), m.start()) or (
            _THIS_FIRST.search(text, max(0, m.start() - 30), m.start()) if first else None
        )
    if (
        released is not None
        and first is None
        and _CONTENT_VERB.fullmatch(released.group())
        and _INDEFINITE.search(text, 0, m.start())
        and not scene.sentences[i].title
    ):
        released = None  # "A trailer for the film shows ...": what one shows, not news of it
    if released is not None and _WILL.search(window, 0, released.start()):
        expected = expected or released  # "will debut", "is set to drop": not out yet
    private = _PRIVATE.search(text) if _PRIVATE else None
    if expected is not None and (
        released is None
        or _future_release(window)
        # "Asked when we're likely to get a first look": a question, not news.
        or (_ASKED_WHEN.match(expected.group()) and expected.start() < released.start())
    ):
        return c.refuse("not-yet", f'only expected ("{expected.group()}")')
    if first is not None and (ago := _AGO.search(text, m.end())) is not None:
        return c.refuse("later-image", f'the first came out long before ("{ago.group()}")')
    if (leak := _LEAKED.search(text)) is not None:
        return c.refuse("unofficial", f'not an official image ("{leak.group()}")')
    if first is not None and private is not None:
        # "Audiences at CinemaCon got their first look": footage shown to a room.
        return c.refuse("private", f'shown only to a crowd ("{private.group()}")')
    if first is not None:
        c = c.support("first", f'called the first ("{first.group()}")', 0.85)
    elif later_in_item:
        return c.refuse("later-image", "the item calls it a later one")
    elif released is not None and private is None and mark_kind is not None:
        c = c.support("released", f'reported out ("{released.group()}")', 0.68)
    elif (
        released is not None
        and private is None
        and scene.carried[i]
        and _DEFINITE.search(text, max(0, m.start() - 20), m.start())
    ):
        # "The film comes to theaters Dec. 19. Watch the trailer below": the
        # trailer of the film named last ("shared a photo" is anyone's).
        c = c.support("released", f'reported out ("{released.group()}") after the film', 0.62)
    elif released is not None and private is None:
        return c.refuse("unattached", "reported out, but not said to be the film's")
    elif private is not None:
        return c.refuse("private", f'shown only to a crowd ("{private.group()}")')
    else:
        return c.refuse("not-released", "neither the first nor reported out")
    if mark_kind == "name":
        c = c.support("names-film", "names the film", 0.05)
    if scene.sentences[i].title:
        c = c.support("headline", "in the headline", 0.03)
    hedge = hedge_reason(text, m.end())
    if hedge is not None:
        c = replace(c, hedged=True, reasons=(*c.reasons, hedge))
    return c


# "the first trailer came out over a year ago", "was released back in April":
# the first is long past.
_AGO = re.compile(
    r"(?<!\w)(?:(?i:(?:a|one|two|three|several|many|\d+)\s+(?:years?|months?)\s+ago|last\s+year)|"
    r"back\s+in\s+(?:[A-Z][a-z]+|(?:19|20)\d{2}|the\s+(?:spring|summer|fall|autumn|winter)))(?!\w)",
)
_HERE_IS = re.compile(
    r"(?<!\w)[Hh]ere(?:[’']s|\s+is|\s+are)\s+(?:(?:the|a|an|our|your|its|their|first|"
    r"official|brand-new|full|exclusive)\s+)*(?:[\w’'-]+\s+){0,3}?$"
)
_THIS_FIRST = re.compile(r"(?<!\w)(?:[Tt]his|[Tt]hese)\s+(?:(?:very|first|official)\s+)+$")
_ASKED_WHEN = re.compile(r"(?:asked\s+)?when\b", re.I)
_CONTENT_VERB = re.compile(
    r"shows|showed|showcases|features|sees|depicts|captures|spotlights|finds|places", re.I
)
_INDEFINITE = re.compile(r"(?<!\w)(?:[Aa]n?|[Oo]ne)\s+$")
# "trailer 2", "poster #3": a later one.
_NUMBERED_AFTER = re.compile(r"\s*(?:#|No\.?\s*)?(?:[2-9]|II|III|IV|two|three|four)\b", re.I)
_WILL = re.compile(r"(?<!\w)(?:will|to\s+be|set\s+to|going\s+to|[’']ll)(?:\s+\w+){0,2}\s+$", re.I)


# "will debut", "set to drop", "expect the first trailer for X to drop".
_FUTURE_RELEASE = re.compile(
    r"(?<!\w)(?:(?:will|to\s+be|set\s+to|coming|expect)\w*\s+(?:\w+\s+){0,2}?|"
    r"expect\w*\s+(?:[\w’':-]+\s+){1,8}?to\s+(?:finally\s+)?(?:be\s+)?)"
    r"(?:release|debut|drop|arrive|premiere|unveil|reveal)",
    re.I,
)


def _future_release(window: str) -> bool:
    return bool(_FUTURE_RELEASE.search(window))

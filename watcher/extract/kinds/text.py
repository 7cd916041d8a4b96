"""Text answers, from the person-part links of ``people``:

* a role question ("In what role does Jenna Ortega appear?", ``about`` the
  person): the part linked to the person, or to "she"/"the actress" standing
  for her;
* a casting question ("Who plays Lucius?", ``about`` the part; or "Who plays
  the villain?", the part in its cues): the person linked to the part;
* a question about the film itself ("Who directs it?", no ``about``): the
  name right after one of its cues.

A link answers only for this film: a part "in" another title, one someone
had in an earlier film ("played by X in the original"), or one asked about
rather than stated ("people keep asking if ...") is refused, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from watcher.config import QuestionConfig
from watcher.extract.evidence import (
    Candidate,
    Reading,
    considered,
    hedge_reason,
    indirect_question,
)
from watcher.extract.lexicon import load
from watcher.extract.names import FILM_NOUN, SubjectNames
from watcher.extract.parts import QUOTED_NICKNAME, TITULAR, Part, canonical, parse_part
from watcher.extract.people import NAME_WORD, TITLES, Person, people
from watcher.extract.roles import RELATIVE_OF, Link, aside_end, links
from watcher.extract.text import (
    Screen,
    key,
    phrase_pattern,
    phrases_regex,
    screen,
    title_case,
    with_capitals,
)
from watcher.extract.works import Mark, Scene, nearest

_LEX = load("en")
Mode = Literal["role", "casting", "phrase"]
_PAST = phrases_regex(_LEX.past_markers)
_REJECT_DEFAULT = ("not known", "unclear", "unknown", "not said", "not confirmed")
_CAST_VERB = re.compile(
    r"(?<!\w)(?:play(?:s|ed|ing)?|portray(?:s|ed|ing)?|voic(?:e|es|ed|ing)|cast(?:s|ing)?\s+as|"
    r"star(?:s|red|ring)?\s+as|tapped\s+as|(?:join|board|sign)(?:s|ed|ing)?(?:\s+on)?\s+as)(?!\w)",
    re.I,
)
_WHO_PLAYS = re.compile(
    r"(?<!\w)(?:who|(?:which|what)\s+(?:actor|actress|performer|star))(?:\s+\w+){0,2}\s+"
    r"(?:play|plays|portray|portrays|voice|voices|star|stars|cast)(?!\w)",
    re.I,
)
_HOW_CONFIDENT = {
    "verb": 0.85,
    "passive": 0.85,
    "as": 0.8,
    "pair": 0.8,
    "parenthetical": 0.75,
    "possessive": 0.72,
    "copular": 0.7,
    "as-late": 0.7,
    "apposed": 0.8,
    "title-role": 0.8,
    "inverted": 0.8,
    "named-role": 0.8,
}
# "... as Shadow in 'Sonic 3'", "in Paramount's Sonic sequel": a work named
# right after the part owns it.
_IN_WORK = re.compile(r"\s*,?\s*(?:in|for|from|of)\s+(?:the\s+)?(?:upcoming\s+|new\s+)?", re.I)
_IN_OTHER_WORK = re.compile(
    r"\s*,?\s*(?:in|for)\s+(?:(?:the|[A-Z][\w’'-]*[’']s?)\s+)?(?:upcoming\s+|new\s+)?[‘“\"']?"
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
    r"(?!Talks\b|Negotiations\b|Live[- ]Action\b|Theat(?:er|re)s\b|Cinemas\b|IMAX\b)"
    # "in the upcoming Christmas action-adventure comedy film": a word describing a film
    rf"(?![A-Z][\w’'-]*\s+(?:[a-z][\w-]*\s+){{0,3}}{FILM_NOUN})[A-Z]"
)
# "Castellane, who played Ada Kell, returns": a part she had; news only with a return.
_RETURN = re.compile(r"(?<!\w)(?:return|reprise|back|again|once\s+more|resum)", re.I)


@dataclass(frozen=True, slots=True)
class TextRules:
    question: QuestionConfig
    mode: Mode
    about: re.Pattern[str] | None
    about_keys: frozenset[str]
    # "Steve (Black)": the surname alone of a person asked about, as written.
    surnames: re.Pattern[str] | None
    cues: re.Pattern[str] | None
    reject: re.Pattern[str] | None
    names: dict[str, str]  # key of a form -> its configured form (synonyms, full names)
    title: str  # the film's name, for "the title role"
    title_parts: frozenset[str]  # about names that are also words of the title
    franchise: frozenset[str]  # keys of the earlier film whose name the series bears
    cast: tuple[str, ...]  # the film's people (its context), for "she" and "the actress"
    # What ``about`` and ``surnames`` cannot match without: both are asked of
    # every sentence, and a leading lookbehind has re try them at every position.
    about_screen: Screen
    surnames_screen: Screen


class _TextKind:
    name = "text"

    def compile(self, question: QuestionConfig, subject: SubjectNames) -> TextRules:
        about = question.about
        mode = _mode(question)
        about_re = None
        if about:
            forms = with_capitals(about)
            if mode == "casting":
                # "as the Leader", "The Leader (Tim Blake Nelson)": a part named with its article.
                forms |= {m.group(1) for a in about if (m := re.match(r"(?i:the)\s+(.+)", a))}
            body = "|".join(phrase_pattern(a) for a in sorted(forms, key=len, reverse=True))
            about_re = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        titles = [f" {key(t)} " for t in subject.config.names]
        names = {
            **_full_names(subject.config.context),
            **{
                key(alt): canonical_
                for canonical_, alts in question.synonyms
                for alt in (canonical_, *alts)
            },
        }
        surnames = _surnames(about) if mode == "role" else None
        return TextRules(
            question=question,
            mode=mode,
            about=about_re,
            about_keys=frozenset(key(a) for a in about),
            surnames=surnames,
            cues=phrases_regex(question.cues, inflect=True),
            reject=phrases_regex((*_REJECT_DEFAULT, *question.reject), inflect=True),
            names=names,
            # "the title role" of "Glass Harbor 2" is Glass Harbor.
            title=re.sub(
                r"\s+(?:\d+|[IVX]+)$", "", re.split(r"[:(]", subject.config.name)[0].strip()
            ),
            title_parts=frozenset(
                key(a) for a in about if key(a) and any(f" {key(a)} " in t for t in titles)
            ),
            franchise=subject.base_keys,
            cast=subject.config.context,
            about_screen=screen(about_re),
            surnames_screen=screen(surnames),
        )

    def read(self, scene: Scene, rules: TextRules) -> Reading:
        if rules.mode == "phrase":
            phrased = _phrases(scene, rules)
            return Reading(tuple(phrased), considered=considered(phrased))
        first = 0
        if rules.mode == "role":
            # No sentence before the person asked about is first named can link them.
            named = (
                i
                for i, s in enumerate(scene.sentences)
                if _names_about(s.text, rules)
                or (
                    rules.surnames is not None
                    and rules.surnames_screen.may_match(s.text)
                    and rules.surnames.search(s.text)
                )
            )
            first = next(named, -1)
            if first < 0:
                return Reading(())
        known = (
            [*rules.question.about]
            if rules.mode == "role"
            else [*rules.names.values(), *_people_named(rules)]
        )
        persons = people(scene.sentences, known, scene.marks, rules.cast, start=first)
        found: list[Candidate] = []
        vague: list[str] = []
        for i, sentence in enumerate(scene.sentences):
            if _may_link(sentence.text, persons[i], rules):
                for link in links(
                    sentence.text,
                    persons[i],
                    scene.marks[i],
                    title=rules.title,
                    plain=rules.mode == "casting",
                    # "In what role does X appear?": "the film's villain" answers
                    # until the part's name is known.
                    described=rules.mode == "role",
                ):
                    c = _candidate(scene, i, link, rules, persons)
                    if c is not None:
                        found.append(c)
            if rules.mode == "casting" and rules.about is None:
                found.extend(_possessed(scene, i, rules))
            if (
                rules.mode == "role"
                and _names_about(sentence.text, rules)
                and rules.reject
                and rules.reject.search(sentence.text)
            ):
                vague.append(sentence.text)
        if rules.mode == "role":
            found = [_named_next(scene, c, rules) for c in found]
        found = _names_over_descriptions(found)
        taken = [c for c in found if c.taken]
        return Reading(tuple(taken), vague=tuple(vague), considered=considered(found))


KIND = _TextKind()


# "Hugh Grant plays the villain. His name is Forge Fitzwilliam."
_NAME_IS = re.compile(
    rf"(?:His|Her|Their|The\s+character[’']s)\s+name\s+(?:is|will\s+be)\s+"
    rf"((?:{TITLES}\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})(?=\s*[,.;!]|\s*$)"
)


def _named_next(scene: Scene, c: Candidate, rules: TextRules) -> Candidate:
    """A part described, then named by the next sentence: the name answers."""
    after = c.sentence + 1
    if not c.taken or not _has(c, "described") or after >= len(scene.sentences):
        return c
    named = _NAME_IS.match(scene.sentences[after].text)
    if named is None:
        return c
    name = canonical(named.group(1), rules.names)
    return replace(c, value=key(name), display=name).support(
        "named-next", f'named in the next sentence ("{named.group()}")', 0.05
    )


def _names_over_descriptions(found: list[Candidate]) -> list[Candidate]:
    """A description ("the daughter of Lydia Deetz") answers only an item that
    names no part: where one does ("Astrid"), the name is the answer."""
    if not any(c.taken and _has(c, "named") for c in found):
        return found
    return [
        c.refuse("named-elsewhere", "the item names the part")
        if c.taken and _has(c, "described")
        else c
        for c in found
    ]


def _has(c: Candidate, code: str) -> bool:
    return any(r.code == code for r in c.reasons)


def _mode(question: QuestionConfig) -> Mode:
    if question.about:
        asks = _WHO_PLAYS.search(question.label)
        if asks is not None and any(
            re.search(rf"(?<!\w){phrase_pattern(a)}(?!\w)", question.label[asks.end() :], re.I)
            for a in question.about
        ):
            return "casting"
        return "role"
    if any(_CAST_VERB.search(c) for c in question.cues) or _WHO_PLAYS.search(question.label):
        return "casting"
    return "phrase"


def _full_names(names: Sequence[str]) -> dict[str, str]:
    """ "Wick" → "John Wick": a word of one configured name stands for all of it."""
    by_word: dict[str, set[str]] = {}
    for name in names:
        words = key(name).split()
        if len(words) > 1:
            for word in (words[0], words[-1]):
                by_word.setdefault(word, set()).add(name)
    return {w: next(iter(full)) for w, full in by_word.items() if len(full) == 1}


def _people_named(rules: TextRules) -> list[str]:
    """The forms of people a casting question knows: its synonyms' names."""
    return [alt for canonical_, alts in rules.question.synonyms for alt in (canonical_, *alts)]


def _may_link(text: str, persons: Sequence[Person], rules: TextRules) -> bool:
    """Can a link in this sentence answer the question at all? Reading links is
    the costly part; most sentences of an item name neither the person nor the
    part asked about. (What ``_candidate`` requires first, tested cheaply.)"""
    if rules.mode == "role":
        return any(_is_about_person(p, rules) for p in persons)
    if rules.about is not None:
        return bool(
            rules.about.search(text)
            or rules.about.search(rules.title)
            or (_title_in_about(rules) and _TITLE_ROLE_WORDS.search(text))
        )
    return rules.cues is not None and rules.cues.search(text) is not None


_TITLE_ROLE_WORDS = re.compile(rf"(?<!\w){TITULAR}(?!\w)", re.I)


def _surnames(about: Sequence[str]) -> re.Pattern[str] | None:
    """The last word of each full name asked about, capitalized as written: an
    item may name the actor only so ("Black and Momoa", "Steve (Black)")."""
    last = {words[-1] for a in about if len(words := a.split()) > 1 and words[-1][:1].isupper()}
    if not last:
        return None
    return re.compile(rf"(?<![\w’'-])(?:{'|'.join(map(re.escape, sorted(last)))})(?![\w-])")


def _names_about(text: str, rules: TextRules) -> bool:
    return (
        rules.about is not None
        and rules.about_screen.may_match(text)
        and rules.about.search(text) is not None
    )


def _is_about_person(person: Person, rules: TextRules) -> bool:
    return key(person.name) in rules.about_keys


def _part_matches(link: Link, text: str, rules: TextRules) -> bool:
    if rules.about is not None:
        forms = (link.part.text, *link.part.alternatives)
        if link.how == "title-role" and _title_in_about(rules):
            return True  # "Michael", starring X in the title role: who plays Michael Jackson
        return any(
            (m := rules.about.search(f)) is not None and not RELATIVE_OF.match(f, m.end())
            for f in forms
        )
    if rules.cues is None:
        return False
    region = text[max(0, link.at) : link.part.end] if link.at <= link.part.start else link.part.text
    return bool(rules.cues.search(region))


def _title_in_about(rules: TextRules) -> bool:
    """Is the film's title a word of a part asked about (a biopic's subject)?"""
    title = f" {key(rules.title)} "
    return key(rules.title) != "" and any(title in f" {k} " for k in rules.about_keys)


# "the film's primary villain" is the primary villain.
_DETERMINER = r"^(?:the|a|an|his|her|their)\s+(?:(?:film|movie|sequel|story|show|series)[’']s\s+)?"


def _candidate(
    scene: Scene, i: int, link: Link, rules: TextRules, persons: list[list[Person]]
) -> Candidate | None:
    text = scene.sentences[i].text
    if not link.part.text:
        return None  # "will reprise the role" with no role named before
    if rules.mode == "role":
        if not _is_about_person(link.person, rules):
            return None
        answer = canonical(_NICKNAME.sub("", _alternative(link, rules)), rules.names)
        if link.part.named:
            value, display = key(re.sub(r"^(?:the|a|an)\s+", "", answer, flags=re.I)), answer
        else:
            value = key(re.sub(_DETERMINER, "", answer, flags=re.I))
            display = answer
        if link.qualifier:
            display = f"{display} ({link.qualifier.format(pron=_pronoun(text, link))})"
        if key(link.part.text) in ("cameo", "voice"):
            value, display = key(link.part.text), link.part.text
    else:
        if not _part_matches(link, text, rules):
            return None
        if link.how == "possessive" and key(link.part.text) in rules.title_parts:
            return None  # "Hartigan's Ruby Castellane" is the director's film, not a casting
        person = _full_person(scene, canonical(link.person.name, rules.names), persons)
        value = key(person)
        part = link.part.text
        display = f"{person} (as {part})" if part and part[0].isupper() else person
    c = Candidate(
        value=value,
        display=display,
        precision=None,
        confidence=0.0,
        hedged=False,
        evidence=text,
        sentence=i,
        position=link.part.start,
    ).support("link", f'{link.how}: "{_span(text, link)}"', _HOW_CONFIDENT.get(link.how, 0.7))
    return _judge(scene, i, link, rules, c)


def _judge(scene: Scene, i: int, link: Link, rules: TextRules, c: Candidate) -> Candidate:
    """Refuse what is not a statement about this film; weigh the rest."""
    text = scene.sentences[i].text
    if (
        link.how in ("possessive", "named-role")
        and title_case(text)
        and link.part.text.split()[0].casefold() in _HEADLINE_WORDS
        and not _named_in_prose(scene, link.part.text)
    ):
        # "Robert Pattinson's New Sci-Fi Film": a headline capitalizes every word.
        return c.refuse("headline-word", f'"{link.part.text}" is a headline\'s word, not a name')
    asked = indirect_question(text, max(link.at, 0))
    if asked is not None:
        return c.refuse("asked", f'asked, not stated ("{asked}")')
    if rules.reject is not None and (m := rules.reject.search(text, 0, link.part.start)):
        return c.refuse("rejected", f'"{m.group()}"')
    film = _film_of(text, scene.marks[i], link)
    if link.how == "as-late" and not _bound_late(scene, i, film, link, rules):
        return c.refuse("unbound", "a part named in passing, the film not named with it")
    if film is not None and not film.subject:
        return c.refuse("other-work", f'a part in another work ("{text[film.start : film.end]}")')
    past = _past_marker(text, link) or _ORIGINAL_PART.search(
        text, min(link.at, link.part.start), link.part.start
    )
    if past is not None:
        return c.refuse("earlier-part", f'a part in an earlier film ("{past.group()}")')
    if link.past:
        # (in the link's own clause: "he played Thanos, is returning for a
        # second season of a series" returns to the series)
        clause_end = re.compile(r"[,;:.]").search(text, link.part.end)
        if not _RETURN.search(text, link.part.end, clause_end.start() if clause_end else len(text)):
            return c.refuse("earlier-part", f'a part someone had ("{link.verb}")')
        c = c.support("had-before", "a part had before, that the sentence returns to", -0.05)
    if link.qualifier:
        c = c.support("capacity", link.qualifier.format(pron="the"), 0.03)
    if (
        film is None
        and not _item_about_subject(scene, rules)
        and not _in_clause_with_film(scene, i, link)
    ):
        return c.refuse("other-work", "the item is about another work")
    if film is None and not scene.topic(i):
        c = c.support("item", "the item is about the film", -0.1)
    if film is not None and film.kind == "name":
        c = c.support("names-film", f'in the film ("{text[film.start : film.end]}")', 0.05)
    elif film is None and scene.carried[i] and not scene.about_subject(i):
        c = c.support("topic", "the sentence continues one about the film", -0.05)
    if link.part.named:
        c = c.support("named", "the part's name", 0.05)
    else:
        c = c.support("described", "a description of the part", -0.1)
    if link.person.stand_in:
        c = c.support(
            "stand-in",
            f'"{text[link.person.start : link.person.end]}" stands for {link.person.name}',
            -0.05,
        )
    if scene.sentences[i].title:
        c = c.support("headline", "in the headline", 0.03)
    hedge = hedge_reason(text, max(link.part.start, link.at))
    if hedge is not None:
        c = replace(c, hedged=True, reasons=(*c.reasons, hedge))
    return c


_HEADLINE_WORDS = frozenset(
    w.casefold()
    for w in (
        *_LEX.headline_words,
        *_LEX.film_nouns,
        *_LEX.role_nouns,
        *_LEX.other_adjectives,
        *(noun for nouns in _LEX.image_nouns.values() for noun in nouns),
    )
)


def _named_in_prose(scene: Scene, name: str) -> bool:
    """Is ``name`` written, capitalized, in a sentence not in title case?"""
    pattern = re.compile(rf"(?<![\w’']){phrase_pattern(name)}(?!\w)")
    return any(not title_case(s.text) and pattern.search(s.text) for s in scene.sentences)


def _bound_late(scene: Scene, i: int, film: Mark | None, link: Link, rules: TextRules) -> bool:
    """An "as" late in a person's clause ("Dana Vey is chilling as the
    Countess") binds the part to the film named with it ("Nightjar star Dana
    Vey flexes as the Countess" too), or, naming no work, to the film the
    sentence carries on about in an item about it."""
    if film is not None:
        return film.kind == "name" and film.subject
    text = scene.sentences[i].text
    for m in scene.marks[i]:
        epithet = _EPITHET_AFTER.match(text, m.end) if m.subject and m.kind == "name" else None
        if epithet is not None and not text[epithet.end() : link.person.start].strip():
            return True
    return (
        bool(scene.carried[i])
        and not scene.sentences[i].title
        and _item_about_subject(scene, rules)
    )


def _item_about_subject(scene: Scene, rules: TextRules) -> bool:
    """The first work the headline (else the lede) names is the film: the
    item is about it, not about a work it mentions along the way. The series'
    own name does not decide ("'Now You See Me' is back: what to know about
    the third film")."""
    lede = next((i for i, s in enumerate(scene.sentences) if not s.title), len(scene.sentences))
    for i in range(min(lede + 1, len(scene.sentences))):
        text = scene.sentences[i].text
        first = next(
            (
                m
                for m in scene.marks[i]
                if not m.modifier
                and (m.subject or key(text[m.start : m.end]) not in rules.franchise)
            ),
            None,
        )
        if first is not None:
            return first.subject
    return False


def _in_clause_with_film(scene: Scene, i: int, link: Link) -> bool:
    """ "Mira Solano plays June Carver; she also stars in Glass Harbor 2": the
    film named in another clause does not own the part."""
    text = scene.sentences[i].text
    start = min(link.person.start, link.at, link.part.start)
    lo = max((m.end() for m in _STATEMENT_BREAK.finditer(text, 0, start)), default=0)
    after = _STATEMENT_BREAK.search(text, link.end)
    hi = after.start() if after else len(text)
    return any(m.subject and lo <= m.start < hi for m in scene.marks[i])


_STATEMENT_BREAK = re.compile(r";\s|\s[—–]\s|\.\s|:\s")


# "the voice of the original Nani": the part as the first film had it.
_ORIGINAL_PART = re.compile(r"(?<!\w)original\s+$")


def _past_marker(text: str, link: Link) -> re.Match[str] | None:
    """ "played by X in the original film", "who last played Y", "best known for
    playing": an earlier film's part. Only the words that close the link count,
    not an aside after a comma."""
    if _PAST is None:
        return None
    close = re.compile(r"[,;(]").search(text, link.end)
    tail_end = close.start() if close else len(text)
    lo = min(link.at, link.part.start)
    if link.person.end <= lo and lo - link.person.end < 60:
        lo = link.person.end
        # "Solano, best known for Wildfire, will play X": the aside's past is its own.
        aside = aside_end(text, link.person.end)
        if aside is not None and aside <= link.at:
            lo = aside
    return _PAST.search(text, lo, min(tail_end, link.end + 50))


def _film_of(text: str, found: Sequence[Mark], link: Link) -> Mark | None:
    """The work a link belongs to: one named right after the part ("as Shadow
    in 'Sonic 3'"), one that is the clause's subject before the person ("the
    sequel stars X as Y"), else the nearest mark, when close."""
    end = link.part.end
    for mark in found:
        if mark.start >= end and mark.start - end <= 60 and _IN_WORK.match(text, end):
            between = text[end : mark.start]
            if re.match(r"^\s*,?[^\w,]*(?:\w+[^\w,]+){0,4}?(?:in|for|from|of)\W", between + " "):
                return mark
    if (
        _IN_OTHER_WORK.match(text, end)
        and link.how != "possessive"
        and not link.person.start > end  # "has found its Oskar Brandt in Kai Lennox"
    ):
        # An unmarked title ("in Paramount's Sonic sequel"): another work, never ours.
        return Mark(end, end, "other", False, "an unmarked title")
    start = min(link.person.start, link.at, link.part.start)
    # "The upcoming film will have Hugh Jackman return as Logan": a work that
    # is the clause's subject, right before the link; never one that only
    # describes the person ("“Wednesday” star Jenna Ortega").
    before = [
        m
        for m in found
        if m.end <= start
        # "brings back the comedy franchise with X playing Y": the franchise
        # holds our film, it does not cast another one.
        and not (m.modifier and _FRANCHISE_AFTER.match(text, m.end))
        and not _EPITHET_AFTER.match(text, m.end)
        and _SUBJECT_GAP.fullmatch(text, m.end, start)
        and not (link.person.end <= m.start < link.at)  # inside an aside about the person
        # "will pick up some 27 years after 1998's X and bring back": a time told by X
        and not _TIME_AFTER.search(text, max(0, m.start - 40), m.start)
    ]
    return before[-1] if before else None


_FRANCHISE_AFTER = re.compile(r"[’”\"']?\s+(?:franchise|series|saga)\b")
_TIME_AFTER = re.compile(
    r"(?<!\w)(?:years?|months?|weeks?|decades?|days?)\s+(?:after|since|before)\s+"
    r"(?:(?:19|20)\d{2}[’']s\s+)?[‘“\"']?$"
)
_EPITHET_AFTER = re.compile(
    r"[’”\"']?\s*(?:[’']s\s+)?(?:" + "|".join(map(re.escape, _LEX.epithets)) + r")(?!\w)", re.I
)
# Between a work and the person it casts: "stars", "will have", "sees", "welcomes".
# Never across "that": "THR broke the news that X will play Y" is the outlet's.
# Thaddeus ‘Thunderbolt’ Ross is Thaddeus Ross.
_NICKNAME = re.compile(rf"\s+{QUOTED_NICKNAME}(?=\s)")
# In a list ("the original starred A as B, C as D and E as F") the work
# casts every pair of it.
# ("the 2003 movie, starring A as teenager B and C as": a comma, a describing word.)
_SUBJECT_GAP = re.compile(
    r"\s*,?\s+(?:(?!that\s)[a-z][\w’'-]*\s+){1,4}"
    r"(?:[A-Z][^,;.()]{0,50}?\s+as\s+(?:[a-z][\w-]*\s+)?[A-Z][^,;.()]{0,40}?"
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+))*"
)


def _alternative(link: Link, rules: TextRules) -> str:
    """Of "Dr. Harleen Quinzel/Harley Quinn", the form the question knows."""
    for alt in link.part.alternatives:
        if key(alt) in rules.names:
            return alt
    return link.part.alternatives[-1] if link.part.alternatives else link.part.text


def _pronoun(text: str, link: Link) -> str:
    m = re.search(
        r"(?<!\w)(his|her|their)\s+(?:\w+\s+)?(?:role|part)",
        text[link.at : link.part.end + 1],
        re.I,
    )
    return m.group(1).lower() if m else "the"


def _span(text: str, link: Link) -> str:
    a = min(link.person.start, link.at, link.part.start)
    b = max(link.part.end, link.end)
    return text[a:b]


def _full_person(scene: Scene, name: str, persons: list[list[Person]]) -> str:
    """ "Hale" → "Marcus Hale" when the item writes the full name somewhere."""
    if " " in name.strip():
        return name
    for found in persons:
        for p in found:
            if not p.stand_in and p.name.split()[-1] == name and " " in p.name:
                return p.name
    return name


_POSSESSED = re.compile(
    r"(?<![\w’'])(?P<person>[A-Z][\w’'.-]*[^\W_](?:\s+[A-Z][\w’'.-]*[^\W_]){0,3})[’']s?\s+"
    r"(?:(?:new|main|chief|the)\s+)?"
)


def _possessed(scene: Scene, i: int, rules: TextRules) -> list[Candidate]:
    """ "Marcus Hale's villain": the part a cue names, owned by a person."""
    text = scene.sentences[i].text
    out: list[Candidate] = []
    if rules.cues is None:
        return out
    for cue in rules.cues.finditer(text):
        before = text[max(0, cue.start() - 60) : cue.start()]
        m = _POSSESSED.search(before)
        if m is None or m.end() != len(before):
            continue
        person = m.group("person")
        if person.split()[0].casefold() in ("the", "a", "an"):
            continue
        offset = cue.start() - len(before)
        named = re.match(r"\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})", text[cue.end() :])
        part = (
            Part(cue.end() + named.start(1), cue.end() + named.end(1), named.group(1), named=True)
            if named
            else Part(cue.start(), cue.end(), cue.group(), named=False)
        )
        link = Link(
            Person(offset + m.start("person"), offset + m.end("person"), person),
            part,
            "possessive",
            "’s",
            "",
            False,
            offset + m.start("person"),
            cue.end(),
        )
        c = _candidate(scene, i, link, rules, [[link.person]])
        if c is not None:
            out.append(c)
    return out


# --------------------------------------------------------------------------- phrases


def _phrases(scene: Scene, rules: TextRules) -> list[Candidate]:
    """A question about the film itself ("directed by", "set in"): the name
    right after one of its cues, in a sentence about the film."""
    found: list[Candidate] = []
    if rules.cues is None:
        return found
    for i, sentence in enumerate(scene.sentences):
        text = sentence.text
        for cue in rules.cues.finditer(text):
            mark = nearest(text, scene.marks[i], cue.start(), cue.end())
            ours = mark.subject if mark is not None else bool(scene.carried[i])
            if not ours or re.search(
                r"(?<!\w)(?:not|n[’']t|never|no\s+longer)(?!\w)", text[: cue.start()], re.I
            ):
                continue
            link = re.match(r"\s*(?:by|as|is|are|of|:)?", text[cue.end() :])
            part = parse_part(text, cue.end() + (link.end() if link else 0))
            if part is None or not part.named:
                continue
            answer = canonical(part.text, rules.names)
            explicit = mark is not None and mark.kind == "name"
            c = Candidate(
                value=key(answer),
                display=answer,
                precision=None,
                confidence=0.8 if explicit else 0.65,
                hedged=False,
                evidence=text,
                sentence=i,
                position=part.start,
            ).support("cue", f'after "{cue.group()}"', 0.0)
            hedge = hedge_reason(text, cue.end())
            if hedge is not None:
                c = replace(c, hedged=True, reasons=(*c.reasons, hedge))
            found.append(c)
    return found

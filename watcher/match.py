"""Entry × subjects → ``Match`` values: which tracked questions an item answers.

Pure: values in, values out; no I/O, no clock.

The flow, cheapest first:

1. one compiled regex (a trie of one telling word per name and alias)
   rejects the overwhelming rest of the feed, and a hit is confirmed against
   the full names near it, before any sentence splitting or date parsing;
2. the item is split into sentences (headline first), its dates found once,
   and per subject ``extract.works`` marks the spans naming a work: the
   subject, other works, and anaphors resolved to the last work named;
3. per question, the question's kind (``extract.kinds``: date, text, image)
   reads every candidate answer with the reasons it was taken or refused,
   and the best taken one becomes the ``Match``, carrying what was considered.

Nothing here is specific to one film: names, aliases, context, exclusions
and extra cues come from config; the code holds only generic knowledge of
how trade press writes dates, roles and first looks, and the word lists live
in ``extract/lexicon``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from watcher.config import QuestionConfig, SubjectConfig
from watcher.extract.dates import SentenceDates, numeric_day_first
from watcher.extract.evidence import best, hedged
from watcher.extract.kinds import kind
from watcher.extract.names import SubjectNames, compile_names
from watcher.extract.text import fold, phrase_pattern, split_sentences, trie_pattern
from watcher.extract.works import names_subject, scene
from watcher.types import Answer, Entry, Match


@dataclass(frozen=True, slots=True)
class _Question:
    config: QuestionConfig
    rules: Any  # the kind's compiled rules


@dataclass(frozen=True, slots=True)
class _Subject:
    names: SubjectNames
    confirm: re.Pattern[str]  # the names, on casefolded text, no leading lookbehind
    questions: tuple[_Question, ...]


class Matcher:
    """Compiled once per config; ``match`` is called for every new or edited entry."""

    def __init__(self, subjects: Sequence[SubjectConfig]) -> None:
        self.subjects = tuple(subjects)
        self._compiled = tuple(_compile_subject(s) for s in self.subjects)
        # The prefilter looks for one telling word of every name and alias
        # ("ballerina", "odyssey") in the lower-cased, accent-folded item: a
        # trie-shaped regex of plain letters with no leading boundary lets re's
        # first-character scan skip ahead (a class of accented forms per letter
        # halved the scan's speed with 50 subjects). Only the text around a hit
        # is casefolded (casefolding every item cost a third of its check).
        self._by_word: dict[str, set[int]] = {}
        for index, compiled in enumerate(self._compiled):
            for name in _prefilter_names(compiled.names):
                self._by_word.setdefault(_telling_word(name), set()).add(index)
        words = [w for w in self._by_word if w]
        self._prefilter = (
            re.compile(trie_pattern([re.escape(c) for c in w] for w in words) + r"(?![^\W_])")
            if words
            else None
        )
        # Before that scan, a cheaper one that can only say no: the telling
        # words as bytes in the item's UTF-8 with ASCII lower-cased. Where no
        # character of the item lower-cases or folds into ASCII, the folded
        # item's ASCII letters are these bytes, so a word missing here is
        # missing there. Telling words outside ASCII skip it.
        self._screen = (
            frozenset(w.encode() for w in words)
            if 0 < len(words) <= _FEW_WORDS and all(w.isascii() for w in words)
            else None
        )

    def match(self, entry: Entry, now: datetime | None = None) -> list[Match]:
        """``now`` (the poll time) dates an item that carries no date of its own."""
        confirmed = self._confirmed(entry)
        if not confirmed:
            return []
        stamp = entry.published or now
        ref = stamp.date() if stamp is not None else None
        sentences = split_sentences(entry.title, entry.text)
        day_first = ref is not None and numeric_day_first(f"{entry.title}\n{entry.text}", ref)
        dates = SentenceDates([s.text for s in sentences], ref, day_first=day_first)
        matches: list[Match] = []
        for index in sorted(confirmed):
            subject = self._compiled[index]
            seen = scene(
                subject.names, sentences, entry.images, ref, dates, undated=entry.published is None
            )
            if seen is not None:
                matches.extend(_answer_questions(subject, seen))
        return matches

    def mentions(self, entry: Entry) -> bool:
        """Does ``entry`` name a subject as matching counts a mention (a name,
        with a context term, not vetoed), whether or not it answers anything?
        What decides that an item's article page is worth reading."""
        confirmed = self._confirmed(entry)
        if not confirmed:
            return False
        sentences = split_sentences(entry.title, entry.text)
        return any(names_subject(self._compiled[i].names, sentences) for i in sorted(confirmed))

    def _confirmed(self, entry: Entry) -> set[int]:
        """The subjects whose names the prefilter finds in ``entry``."""
        if self._prefilter is None:
            return set()
        text = f"{entry.title}\n{entry.text}"
        if self._screen is not None and not _may_hold(text, self._screen):
            return set()
        # Lower-cased and accent-folded, one character for one: cheaper than
        # casefolding, and a hit's window is casefolded below.
        low = fold(text.lower())
        # A telling word is not yet a name ("storm" is not "Velvet Storm"):
        # each hit is confirmed in a window around it, not in the whole item.
        confirmed: set[int] = set()
        for found in self._prefilter.finditer(low):
            start = found.start()
            if not _starts_word(low, start):
                continue
            lo, hi = max(0, start - _NAME_REACH), found.end() + _NAME_REACH
            window = low[lo:hi].casefold()
            for index in self._by_word[found.group()] - confirmed:
                pattern = self._compiled[index].confirm
                if any(
                    _starts_word(window, m.start()) if m.start() else _starts_word(low, lo)
                    for m in pattern.finditer(window)
                ):
                    confirmed.add(index)
        return confirmed


# --------------------------------------------------------------------------- compile

# How far from its telling word a name may start or end, in characters.
_NAME_REACH = 160
# Words too common to tell an item about a title from any other item.
_COMMON_WORDS = frozenset((
    "the", "a", "an", "of", "and", "in", "on", "at", "to", "from", "for", "with", "part",
    "chapter", "season", "vol", "volume", "episode", "world", "new", "movie", "film", "story",
    "return", "rise", "last", "first",
))  # fmt: skip


# The bytes that can be part of a character lower-casing or folding into an
# ASCII letter in UTF-8: the lead bytes of Latin-1 to Latin Extended-B, of
# Latin Extended Additional and of the full-width forms (the ranges ``fold``
# reads), and the last-but-one byte of the Kelvin and Angstrom signs (which
# lower-case into "k" and "å"). Most items quote with curly quotes only.
_FOLDING = bytes((*range(0xC3, 0xCA), 0xE1, 0xEF, 0x84))
# One pass lower-cases ASCII and turns those bytes into NUL, which ``in``
# finds at memchr speed (an item's own NUL only sends it to the full scan).
_SCREEN = bytes(0 if b in _FOLDING else b | 0x20 if 0x41 <= b <= 0x5A else b for b in range(256))
# Up to this many telling words the screen looks for each as a substring;
# beyond, one regex scan of the item is cheaper than the substring checks.
_FEW_WORDS = 6


def _may_hold(text: str, words: frozenset[bytes]) -> bool:
    """Can ``text``, lower-cased and accent-folded, hold one of ``words``
    (ASCII)? False only when it surely cannot."""
    low = text.encode().translate(_SCREEN)
    if b"\0" in low:
        return True  # a character that may fold into ASCII: the full scan decides
    for word in words:  # noqa: SIM110 (a loop, not any() over a generator: the common case)
        if word in low:
            return True
    return False


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not text[start - 1].isalnum()


def _telling_word(name: str) -> str:
    words = re.findall(r"[^\W_]+", fold(name.casefold()))
    telling = [w for w in words if w not in _COMMON_WORDS and not w.isdigit()] or words
    return max(telling, key=len, default="")


def _prefilter_names(names: SubjectNames) -> tuple[str, ...]:
    """Every form a subject can be named by, the earlier film's title included
    ("the Gladiator sequel" names "Gladiator II"), and the maker of a film
    known by its maker ("Spielberg's next movie")."""
    bases = tuple(names.base_keys)
    return (*names.all_names, *bases, *names.owners)


def _compile_subject(subject: SubjectConfig) -> _Subject:
    names = compile_names(subject)
    confirm_names = sorted(
        {fold(n.casefold()) for n in _prefilter_names(names)}, key=len, reverse=True
    )
    return _Subject(
        names=names,
        confirm=re.compile(
            "(?:" + "|".join(phrase_pattern(n) for n in confirm_names) + r")(?![^\W_])"
        ),
        questions=tuple(_Question(q, kind(q.kind).compile(q, names)) for q in subject.questions),
    )


# --------------------------------------------------------------------------- answers


def _answer_questions(subject: _Subject, seen: Any) -> list[Match]:
    out: list[Match] = []
    sid = subject.names.config.id
    for question in subject.questions:
        reading = kind(question.config.kind).read(seen, question.rules)
        top = best(reading.candidates)
        qid = question.config.id
        if top is not None:
            answer = Answer(question.config.kind, top.value, top.display, top.precision)
            out.append(
                Match(
                    sid, qid, top.evidence, answer, top.confidence, top.hedged, reading.considered
                )
            )
        elif reading.vague or reading.considered:
            # About the question without an answer: kept, with what was refused and why.
            evidence = reading.vague[0] if reading.vague else reading.considered[0].evidence
            out.append(
                Match(
                    sid,
                    qid,
                    evidence,
                    None,
                    0.5,
                    hedged(evidence, len(evidence)),
                    reading.considered,
                )
            )
    return out

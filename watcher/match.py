"""Entry × subjects → ``Match`` values: which tracked questions an item answers.

Pure: values in, values out; no I/O, no clock.

The stages, cheapest first:

1. one compiled regex (a trie of one telling word per name and alias)
   rejects the overwhelming rest of the feed, and a hit is confirmed against
   the full names near it, before any sentence splitting or date parsing;
2. the item is split into sentences (headline first) and, per subject, the
   spans naming a work are marked: the subject itself (a name in the right
   case, with a ``context`` term in the item, no ``exclude`` term in its
   sentence, not part of a longer title), other works (quoted titles,
   "Chapter 4"-style and "X: Y" titles, "a new thriller", and our own name
   where it may not be ours) and anaphors ("the film", "It ...") resolved to
   the last work named before them;
3. per question, ``watcher.extract`` reads answers bound to a subject mark in
   the same sentence; the best one per question becomes the ``Match``.

Nothing here is specific to one film: names, aliases, context, exclusions
and extra cues come from config; the code holds only generic knowledge of
how trade press writes dates, roles and first looks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from watcher.config import QuestionConfig, QuestionKind, SubjectConfig
from watcher.extract import (
    NO_DATE,
    DatePrecision,
    DateSpan,
    Found,
    Mark,
    QuestionRules,
    Scene,
    Sentence,
    compile_rules,
    cue_sentences,
    extract_dates,
    extract_images,
    extract_roles,
    find_dates,
    hedged,
    key,
    phrase_pattern,
    phrases_regex,
    split_sentences,
)
from watcher.parse import Entry

__all__ = ["NO_DATE", "Answer", "DatePrecision", "Match", "Matcher", "is_withdrawn"]

_PRECISION_RANK = {"year": 0, "season": 1, "month": 2, "day": 3}


@dataclass(frozen=True, slots=True)
class Answer:
    kind: QuestionKind
    # Canonical and comparable: "2025-06-13" (day), "2025-06" (month),
    # "2025-summer" (season), "2025" (year); a normalized phrase for text
    # ("john wick"); the image URL for images.
    value: str
    # What a person reads: "June 13, 2025", "summer 2025",
    # "John Wick (reprising his role)", the URL.
    display: str
    precision: DatePrecision | None = None


class _Valued(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> str: ...


def is_withdrawn(answer: _Valued | None) -> bool:
    """A date question's "no date any more" (``NO_DATE``): held like an answer,
    so a later restatement of the old date is history, but shown as open.
    Takes an ``Answer`` or a stored answer row alike."""
    return answer is not None and answer.kind == "date" and answer.value == NO_DATE


@dataclass(frozen=True, slots=True)
class Match:
    subject_id: str
    question_id: str
    evidence: str  # the sentence that carries the answer (or the cue)
    answer: Answer | None  # None: about the question, but states no answer
    confidence: float  # 0..1
    hedged: bool  # "reportedly", "rumored", "could": stored as unconfirmed


# A quoted title: ‘Ballerina’, "Dune: Prophecy". An apostrophe inside a word
# (Ocean’s) does not close it; a quotation ("We're thrilled," she said) ends
# in punctuation and is not taken for a title.
_QUOTED = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[—–/-]))"
    r"(?:‘((?:[^‘’\n]|’(?=\w))+?)’|“([^“”\n]+?)”|'((?:[^'\n]|'(?=\w))+?)'|\"([^\"\n]+?)\")"
    r"(?!\w)"
)
_CAP = r"[A-Z][\w’'.*&-]*"
_CONNECT = r"(?:of|the|and|a|an|in|on|to|from|&)"
_MONTH_WORD = re.compile(
    r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?$|^(?:Top|No|Phase|Day|Week)$"
)
# "Saw XI", "Mickey 17", "John Wick: Chapter 4", "Sonic the Hedgehog 3".
_NUMBERED = re.compile(
    rf"(?<![\w’'])((?:{_CAP}(?:\s+{_CAP}){{0,3}}:\s+)?{_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP}){{0,3}})\s+"
    r"(\d{1,2}|II|III|IV|VI{0,3}|IX|XI{0,3})(?![\w%]|\s*(?:million|billion|percent|,\s*\d))"
)
# "The Strangers: Chapter 2", "Captain America: Brave New World" (not in headlines,
# where every word is capitalized and "Exclusive: Keanu Reeves ..." is not a title).
_COLON_TITLE = re.compile(
    rf"(?<![\w’'])({_CAP}(?:\s+{_CAP}){{0,3}}):\s+({_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP}){{0,4}})"
)
# "the film", "the Denis Villeneuve film", "the Ana de Armas-led spinoff", "It ...",
# "the legacy sequel", "Colm Tierney's horror sequel"; not "the second film",
# "the original movie" or "her next film" (those point at another one).
_NOUN = r"(?:film|movie|spinoff|spin-off|sequel|prequel|picture|feature|follow-up)(?!\w)"
# A plain adjective, never a word that points at another work or one that
# starts a phrase of its own ("the trailer for the film").
_ADJECTIVE = (
    r"(?!(?:first|second|third|fourth|fifth|next|last|previous|prior|earlier|latest|other|"
    r"original|untitled|debut|breakout|sophomore|later|recent|same|another|the|for|of|and|or|"
    r"to|in|on|with|from|that|which|whose|its|his|her|their|trailer|teaser|poster)\b)"
    r"[a-z][a-z-]+\s+"
)
_ANAPHOR = re.compile(
    r"(?<!\w)(?:[Tt]he|[Tt]his)\s+(?:(?:[‘“\"']?[A-Z][\w’'.-]*[’”\"']?|[\w’'-]+-(?:led|"
    rf"starring|fronted|directed|helmed))\s+){{0,4}}(?:{_ADJECTIVE}){{0,2}}{_NOUN}|"
    # A possessive needs an adjective: "Sony's Paddington sequel" is another
    # franchise, and a bare "Villeneuve's film" is left unbound, as before.
    rf"(?<![\w’'])[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){{0,2}}(?:[’']s|(?<=s)[’'])\s+"
    rf"(?:{_ADJECTIVE}){{1,2}}{_NOUN}|"
    r"^[‘“\"']?It(?=\s)"
)
# "a new thriller", "her next film", "the untitled project": some other work.
_OTHER_WORK = re.compile(
    r"(?<!\w)(?:(?:an?|another|his|her|their)\s+"
    r"(?:[\w’'-]+\s+){0,3}?|the\s+(?:untitled|next|other)\s+(?:[\w’'-]+\s+){0,2}?)"
    r"(?:film|movie|thriller|comedy|drama|series|show|project|feature)(?!\w)"
)
# After a copula the phrase describes the title before it ("X is a spinoff
# film", "X is no longer a June 2024 movie"): it names no other work.
_PREDICATE = re.compile(
    r"(?<!\w)(?:is|are|was|were|be|been|becomes|remains|as)(?:\s+[\w’'-]+){0,2}?\s+$"
)
# A name followed by these is a longer title: "Ballerina 2", "Dune Part Two".
_CONTINUES = re.compile(
    r"[:\s]\s*(?:\d{1,2}\b|(?:II|III|IV|V|VI|Part|Chapter|Season|Episode|Vol)\b)"
)


@dataclass(frozen=True, slots=True)
class _Question:
    config: QuestionConfig
    rules: QuestionRules


@dataclass(frozen=True, slots=True)
class _Subject:
    config: SubjectConfig
    names: re.Pattern[str]
    confirm: re.Pattern[str]  # the names, on casefolded text, no leading lookbehind
    name_keys: frozenset[str]
    name_initial_upper: dict[str, bool]
    names_with_context: frozenset[str]
    context: re.Pattern[str] | None
    context_keys: frozenset[str]
    exclude: re.Pattern[str] | None
    questions: tuple[_Question, ...]


class Matcher:
    """Compiled once per config; ``match`` is called for every new or edited entry."""

    def __init__(self, subjects: Sequence[SubjectConfig]) -> None:
        self.subjects = tuple(subjects)
        self._compiled = tuple(_compile_subject(s) for s in self.subjects)
        # The prefilter looks for one telling word of every name and alias
        # ("ballerina", "odyssey") in the lower-cased item: a trie-shaped regex
        # with no leading boundary lets re's first-character scan skip ahead,
        # which is what keeps a 4 KB item that names no subject near 60 µs.
        self._by_word: dict[str, set[int]] = {}
        for index, subject in enumerate(self.subjects):
            for name in subject.names:
                self._by_word.setdefault(_telling_word(name), set()).add(index)
        words = [w for w in self._by_word if w]
        self._prefilter = re.compile(_trie(words) + r"(?![^\W_])") if words else None

    def match(self, entry: Entry, now: datetime | None = None) -> list[Match]:
        """``now`` (the poll time) dates an item that carries no date of its own."""
        if self._prefilter is None:
            return []
        low = f"{entry.title}\n{entry.text}".casefold()
        # A telling word is not yet a name ("storm" is not "Velvet Storm"):
        # each hit is confirmed in a window around it, not in the whole item.
        confirmed: set[int] = set()
        for found in self._prefilter.finditer(low):
            start = found.start()
            if not _starts_word(low, start):
                continue
            for index in self._by_word[found.group()] - confirmed:
                pattern = self._compiled[index].confirm
                lo, hi = max(0, start - _NAME_REACH), found.end() + _NAME_REACH
                if any(_starts_word(low, m.start()) for m in pattern.finditer(low, lo, hi)):
                    confirmed.add(index)
        if not confirmed:
            return []
        stamp = entry.published or now
        ref = stamp.date() if stamp is not None else None
        sentences = split_sentences(entry.title, entry.text)
        dates: list[tuple[DateSpan, ...] | None] = [None] * len(sentences)
        matches: list[Match] = []
        for index in sorted(confirmed):
            undated = entry.published is None
            scene = _scene(
                self._compiled[index], sentences, entry.images, ref, dates, undated=undated
            )
            if scene is not None:
                matches.extend(_answer_questions(self._compiled[index], scene))
        return matches


# --------------------------------------------------------------------------- compile

# How far from its telling word a name may start or end, in characters.
_NAME_REACH = 160
# Words too common to tell an item about a title from any other item.
_COMMON_WORDS = frozenset((
    "the", "a", "an", "of", "and", "in", "on", "at", "to", "from", "for", "with", "part",
    "chapter", "season", "vol", "volume", "episode", "world", "new", "movie", "film", "story",
    "return", "rise", "last", "first",
))  # fmt: skip


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not text[start - 1].isalnum()


def _telling_word(name: str) -> str:
    words = re.findall(r"[^\W_]+", name.casefold())
    telling = [w for w in words if w not in _COMMON_WORDS and not w.isdigit()] or words
    return max(telling, key=len, default="")


def _trie(words: Sequence[str]) -> str:
    """An alternation of words as a character trie: (?:ba(?:llerina|nd)|dune)."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return build(root)


def _compile_subject(subject: SubjectConfig) -> _Subject:
    names = sorted(set(subject.names), key=len, reverse=True)
    body = "|".join(phrase_pattern(n) for n in names)
    context = phrases_regex(subject.context)
    with_context = frozenset(key(n) for n in names if context is not None and context.search(n))
    questions = tuple(
        _Question(
            q,
            compile_rules(
                q.kind,
                q.cues,
                q.reject,
                q.about,
                subject.context,
                q.synonyms,
                label=q.label,
                titles=subject.names,
            ),
        )
        for q in subject.questions
    )
    return _Subject(
        config=subject,
        names=re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I),
        confirm=re.compile(
            "(?:" + "|".join(phrase_pattern(n.casefold()) for n in names) + r")(?![^\W_])"
        ),
        name_keys=frozenset(key(n) for n in names),
        name_initial_upper={key(n): n[:1].isupper() for n in names},
        names_with_context=with_context,
        context=context,
        context_keys=frozenset(key(c) for c in subject.context),
        exclude=phrases_regex(subject.exclude),
        questions=questions,
    )


# --------------------------------------------------------------------------- marking


def _scene(
    subject: _Subject,
    sentences: list[Sentence],
    images: tuple[str, ...],
    ref: date | None,
    date_cache: list[tuple[DateSpan, ...] | None],
    *,
    undated: bool,
) -> Scene | None:
    allowed = _allowed_sentences(subject, sentences)
    raw = [
        _marks(subject, sentence, allow=ok) for sentence, ok in zip(sentences, allowed, strict=True)
    ]
    if not any(m.kind == "name" and m.subject for marks in raw for m in marks):
        return None
    resolved, carried = _resolve_anaphors(raw)
    dates: list[tuple[DateSpan, ...]] = []
    for i, sentence in enumerate(sentences):
        if ref is None or not any(m.subject for m in resolved[i]):
            dates.append(())
            continue
        cached = date_cache[i]
        if cached is None:
            cached = date_cache[i] = find_dates(sentence.text, ref)
        dates.append(cached)
    date_rules = next((q.rules for q in subject.questions if q.config.kind == "date"), None)
    headline = sentences[0].text if sentences and sentences[0].title else ""
    return Scene(
        sentences=tuple(sentences),
        marks=tuple(resolved),
        carried=tuple(carried),
        dates=tuple(dates),
        images=images,
        headline_rejected=bool(
            date_rules and date_rules.reject and date_rules.reject.search(headline)
        ),
        undated=undated,
    )


def _allowed_sentences(subject: _Subject, sentences: list[Sentence]) -> list[bool]:
    """Per sentence: may a name there be the subject?

    Not where an exclude term is; elsewhere with a context term in the item.
    When the item's first mention is vetoed, the item is about the same-name
    work, and only sentences with their own context term may name ours
    ("Lee's 'Ballerina' is not to be confused with Lionsgate's spinoff").
    """
    vetoed = [bool(subject.exclude and subject.exclude.search(s.text)) for s in sentences]
    if subject.context is None:
        return [not v for v in vetoed]
    local = [bool(subject.context.search(s.text)) for s in sentences]
    first = next((i for i, s in enumerate(sentences) if subject.names.search(s.text)), None)
    strict = first is not None and vetoed[first]
    item = any(c and not v for c, v in zip(local, vetoed, strict=True))
    return [not v and (c or (item and not strict)) for c, v in zip(local, vetoed, strict=True)]


def _resolve_anaphors(
    raw: list[list[Mark]],
) -> tuple[list[tuple[Mark, ...]], list[bool | None]]:
    """ "The film", "It": the last work named before (in this sentence or
    earlier ones). Also returns, per sentence, what that last work was."""
    resolved: list[tuple[Mark, ...]] = []
    carried: list[bool | None] = []
    last: bool | None = None
    for marks in raw:
        carried.append(last)
        out: list[Mark] = []
        for mark in marks:
            if mark.kind != "anaphor":
                last = mark.subject
                out.append(mark)
            elif last is not None:
                out.append(Mark(mark.start, mark.end, "anaphor", last))
        resolved.append(tuple(out))
    return resolved, carried


def _marks(subject: _Subject, sentence: Sentence, *, allow: bool) -> list[Mark]:
    """Works named in a sentence, in order. A name that may not be ours here
    (vetoed, no context) is marked as another work: a date next to it is not ours."""
    text = sentence.text
    marks: list[Mark] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for q in _QUOTED.finditer(text):
        inner = next(g for g in q.groups() if g is not None)
        if not (inner[:1].isupper() or inner[:1].isdigit()) or len(inner.split()) > 10:
            continue
        if inner.rstrip()[-1:] in ",.!?":
            continue  # a quotation, not a title
        inner_key = key(re.sub(r"[’']s$", "", inner))
        if inner_key in subject.context_keys:
            continue  # the franchise, not a title that competes for a date
        taken.append(q.span())
        ours = inner_key in subject.name_keys and _case_ok(subject, inner, inner_key)
        ours = ours and (allow or inner_key in subject.names_with_context)
        marks.append(Mark(q.start(), q.end(), "name" if ours else "other", ours))

    for found in subject.names.finditer(text):
        a, b = found.span()
        name_key = key(found.group())
        if not free(a, b) or not _case_ok(subject, found.group(), name_key):
            continue
        taken.append((a, b))
        ours = allow or name_key in subject.names_with_context
        ours = ours and not _CONTINUES.match(text, b)
        marks.append(Mark(a, b, "name" if ours else "other", ours))

    for a, b in _other_titles(subject, text):
        if free(a, b):
            taken.append((a, b))
            marks.append(Mark(a, b, "other", False))
    for found in _ANAPHOR.finditer(text):
        if free(*found.span()):
            taken.append(found.span())
            marks.append(Mark(found.start(), found.end(), "anaphor", False))
    for found in _OTHER_WORK.finditer(text):
        if free(*found.span()) and not _PREDICATE.search(text, 0, found.start()):
            marks.append(Mark(found.start(), found.end(), "other", False))
    marks.sort(key=lambda m: m.start)
    return marks


def _other_titles(subject: _Subject, text: str) -> list[tuple[int, int]]:
    """Unquoted titles: "Saw XI", "John Wick: Chapter 4", and (not in headlines,
    where every word is capitalized) "The Strangers: Chapter 2"."""
    patterns = (_NUMBERED,) if _title_case(text) else (_NUMBERED, _COLON_TITLE)
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        for found in pattern.finditer(text):
            words = found.group(1).split()
            if _MONTH_WORD.match(words[0]) or _MONTH_WORD.match(words[-1]):
                continue
            if pattern is _COLON_TITLE and found.group(1).isupper():
                continue  # "EXCLUSIVE: ...", "UPDATED: ..."
            if not subject.names.search(found.group()):
                spans.append(found.span())
    return spans


def _case_ok(subject: _Subject, text: str, name_key: str) -> bool:
    """A capitalized title in lower case is the common word ("a ballerina")."""
    stripped = text.lstrip("‘“\"' ")
    return not subject.name_initial_upper.get(name_key, False) or stripped[:1].isupper()


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


# --------------------------------------------------------------------------- answers


def _answer_questions(subject: _Subject, scene: Scene) -> list[Match]:
    out: list[Match] = []
    for question in subject.questions:
        kind = question.config.kind
        vague: list[str] = []
        if kind == "date":
            found = extract_dates(scene, question.rules)
        elif kind == "text":
            found, vague = extract_roles(scene, question.rules)
        else:
            found, vague = extract_images(scene, question.rules)
        best = _best(found)
        sid, qid = subject.config.id, question.config.id
        if best is not None:
            answer = Answer(kind, best.value, best.display, best.precision)
            out.append(Match(sid, qid, best.evidence, answer, best.confidence, best.hedged))
            continue
        if not vague and kind != "text":
            vague = cue_sentences(scene, question.rules.cues)
        if vague:
            evidence = vague[0]
            out.append(Match(sid, qid, evidence, None, 0.5, hedged(evidence, len(evidence))))
    return out


def _best(found: list[Found]) -> Found | None:
    """One answer per question and item: confirmed before hedged, the most
    confident, and among the values consistent with it the most precise
    ("June" in a headline, "June 13, 2025" in the body)."""
    if not found:
        return None
    pool = [f for f in found if not f.hedged] or found
    top = max(pool, key=lambda f: (f.confidence, _PRECISION_RANK.get(f.precision or "", 0)))
    consistent = [
        f for f in pool if f.confidence >= top.confidence - 0.2 and _within(top.value, f.value)
    ]
    return max(
        consistent,
        key=lambda f: (_PRECISION_RANK.get(f.precision or "", 0), f.confidence),
    )


def _within(broad: str, narrow: str) -> bool:
    """ "2025-06" ⊇ "2025-06-13"; a season contains its months."""
    if not re.match(r"\d{4}", broad):
        return broad == narrow
    if narrow.startswith(broad):
        return True
    season = re.fullmatch(r"(\d{4})-(spring|summer|fall|winter)", broad)
    month = re.match(r"(\d{4})-(\d{2})", narrow)
    if season and month:
        months = {"spring": (3, 4, 5), "summer": (6, 7, 8), "fall": (9, 10, 11)}
        y, m = int(month.group(1)), int(month.group(2))
        if season.group(2) == "winter":
            start = int(season.group(1))
            return (y == start and m == 12) or (y == start + 1 and m in (1, 2))
        return y == int(season.group(1)) and m in months[season.group(2)]
    return False

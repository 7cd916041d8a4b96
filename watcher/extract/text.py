"""Text the extractors share: sentences, phrases as patterns, comparable keys,
and clause boundaries. Pure; nothing here knows about films.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Entries kept by the caches keyed on a sentence (folded, person names, stand-ins,
# event words): each stage and subject reading one item's sentences asks again,
# so the hits are within an item or among items that share sentences. Replaying
# the calls of 10,000 corpus entries, 512 keeps all but 0.2% of the hits of
# 1,024-2,048, and took ~2.8 MB off the peak of a first cycle of 5,000 feeds
# (benchmarks/RESULTS.md, "Resident memory, third pass" and "sixth pass").
SENTENCE_CACHE = 512


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    text: str
    title: bool  # the item's headline
    line: bool  # a whole paragraph: list items are one line each


# --------------------------------------------------------------------------- phrases


def phrase_pattern(phrase: str) -> str:
    """A configured phrase as a regex: words in order, any run of spaces,
    hyphens or punctuation between them ("first look" = "first-look")."""
    words = re.findall(r"\w+", phrase)
    if not words:
        return r"(?!x)x"
    return _GAP.join(re.escape(w) for w in words)


def with_capitals(names: Iterable[str]) -> set[str]:
    """Names and their spellings with each word capitalized: "FKA twigs" is
    also written "FKA Twigs" (name patterns are case-sensitive)."""
    names = list(names)
    return {*names, *(" ".join(w[:1].upper() + w[1:] for w in n.split()) for n in names)}


def phrases_regex(
    phrases: Iterable[str], *, inflect: bool = False, cased: bool = False
) -> re.Pattern[str] | None:
    """One word-bounded alternation, the longest phrase first where several
    match; case-insensitive unless ``cased`` (names: "US" the country, not "us")."""
    unique = {p.strip() for p in phrases if p.strip()}
    spelled = [_inflected(p) if inflect else _literal(p) for p in sorted(unique)]
    if not cased:
        spelled = [[a.lower() for a in atoms] for atoms in spelled]
    body = trie_pattern(atoms for atoms in spelled if atoms)
    if not body:
        return None
    return re.compile(rf"(?<![\w+])(?:{body})(?![\w+])", 0 if cased else re.I)


def phrase_anchors(phrases: Iterable[str], *, inflect: bool = False) -> tuple[str, ...] | None:
    """A word of each phrase, lower-cased, that every match of the (not cased)
    ``phrases_regex`` of them holds: what ``may_hold`` looks for before the
    regex runs. None when one of them is not ASCII."""
    anchors: set[str] = set()
    for phrase in {p.strip() for p in phrases if p.strip()}:
        if not inflect and re.search(r"[^\w\s'’-]", phrase):
            pieces = phrase.split()  # spelled as written, see ``_literal``
        else:
            pieces = re.findall(r"\w+", phrase)
            if inflect and pieces and phrase.lower().endswith("e"):
                pieces[-1] = pieces[-1][:-1]  # "release" is also "releasing"
        pieces = [p for p in pieces if p]
        if not pieces:
            return None
        anchor = max(pieces, key=len).lower()
        if not anchor.isascii():
            return None
        anchors.add(anchor)
    return fewest_words(anchors)


def fewest_words(words: Iterable[str]) -> tuple[str, ...]:
    """``words`` less those holding another of them: a text holds one of the
    rest whenever it holds one of them ("image" stands for "images")."""
    unique = set(words)
    return tuple(sorted(w for w in unique if not any(o != w and o in w for o in unique)))


def trie_pattern(sequences: Iterable[Sequence[str]]) -> str:
    """An alternation of sequences of regex atoms, shaped as a trie:
    "(?:ba(?:llerina|nd)|dune)". A list of hundreds of phrases tried one after
    another at every word is the slowest regex in a sentence; as a trie each
    position costs a character or two. Longer continuations are tried first."""
    root: dict[str, Any] = {}
    for atoms in sequences:
        node = root
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def depth(node: dict[str, Any]) -> int:
        return max((1 + depth(child) for atom, child in node.items() if atom), default=0)

    def build(node: dict[str, Any]) -> str:
        children = sorted((a for a in node if a), key=lambda a: (-depth(node[a]), a))
        branches = [atom + build(node[atom]) for atom in children]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def literal_trie(words: Iterable[str]) -> str:
    """Literal ``words`` as one group shaped as a trie (``trie_pattern``).
    The words that match at one place are prefixes of one another, and the
    trie tries them longest first: what an alternation sorted longest first
    does, so it may stand for one (and for any alternation in a lookaround,
    which only asks whether one matches)."""
    return "(?:" + trie_pattern([re.escape(c) for c in w] for w in words) + ")"


_GAP = r"[^\w\n]{1,4}"


def _spelled(words: Sequence[str], gap: str) -> list[str]:
    atoms: list[str] = []
    for k, word in enumerate(words):
        if k:
            atoms.append(gap)
        atoms.extend(re.escape(c) for c in word)
    return atoms


def _literal(phrase: str) -> list[str]:
    # "Disney+" and "U.K." keep their punctuation; word phrases are spaced loosely.
    if re.search(r"[^\w\s'’-]", phrase):
        return _spelled(phrase.split(), r"\s+")
    return _spelled(re.findall(r"\w+", phrase), _GAP)


def _inflected(phrase: str) -> list[str]:
    """ "release" also matches releases, released, releasing; "push" pushes, pushed."""
    atoms = _spelled(re.findall(r"\w+", phrase), _GAP)
    if not atoms or not re.search(r"[a-z]$", phrase, re.I):
        return atoms
    if phrase.lower().endswith("e"):
        return [*atoms[:-1], r"(?:e|es|ed|ing)"]
    return [*atoms, r"(?:s|es|d|ed|ing)?"]


# Letters a case-insensitive regex takes for an ASCII letter that ``str.lower``
# does not turn into it: the dotless and dotted i, the long s, the Kelvin sign.
_CASE_ODD = "\u0131\u0130\u017f\u212a"


def may_hold(text: str, words: Sequence[str], *, ignore_case: bool = False) -> bool:
    """Can a regex that needs one of ``words`` to match find anything in
    ``text``? False only when it surely cannot: a regex tried at every
    position of a sentence costs more than a few substring checks. With
    ``ignore_case`` the regex is case-insensitive and ``words`` are lower case."""
    if ignore_case:
        low = _sentence_lowered(text)
        if low is None:
            return bool(words)
        text = low
    # A loop, not any() over a generator (half the time): this runs a few
    # hundred times an item.
    for word in words:  # noqa: SIM110
        if word in text:
            return True
    return False


def finditer_from(pattern: re.Pattern[str], text: str, start: str) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, for a pattern every match of
    which starts with ``start`` (lower case, ASCII) as ``str.lower`` reads the
    sentence: re is asked to match only where the lower-cased sentence has
    it, where its scan stopped at every character its first one could be
    (every "i" of a sentence, for "it"). Matches are taken in order and never
    overlap, as finditer takes them; where odd letters make ``str.lower`` no
    guide, finditer itself runs."""
    low = _sentence_lowered(text)
    if low is None:
        yield from pattern.finditer(text)
        return
    at = low.find(start)
    while at >= 0:
        found = pattern.match(text, at)
        if found is None:
            at = low.find(start, at + 1)
        else:
            yield found
            at = low.find(start, max(found.end(), at + 1))


@dataclass(frozen=True, slots=True)
class Screen:
    """What a pattern cannot match without: ``may_match`` says False only
    when a text lacks every word one of which each match holds. A pattern
    searched at every position (a leading lookbehind, a ``$``-anchored one
    asked again for each span of a sentence) costs more than a few substring
    checks. Built once per pattern (``screen``)."""

    words: tuple[str, ...] | None  # None: the pattern needs no word we can tell
    ignore_case: bool

    def may_match(self, text: str, present: Present | None = None) -> bool:
        """``present``: the words ``text``'s item holds."""
        if self.words is None:
            return True
        words = self.words
        if present is not None:
            words = present.of(words, ignore_case=self.ignore_case)
        return may_hold(text, words, ignore_case=self.ignore_case)


def screen(pattern: re.Pattern[str] | None) -> Screen:
    """``pattern``'s screen (None, a pattern never asked: one that passes all)."""
    if pattern is None:
        return Screen(None, ignore_case=False)
    return Screen(required_words(pattern), bool(pattern.flags & re.IGNORECASE))


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` holds (lower case for a
    case-insensitive pattern), read off its parsed form; None when it needs
    none that ASCII can tell. Derived, not written beside each pattern, so
    that a word added to a rule can never be missing from its screen."""
    flags = pattern.flags
    words = _required(_sre_parser.parse(pattern.pattern, flags).data, bool(flags & re.I))
    if not words or not all(w.isascii() for w in words):
        return None  # ("İ".lower() is two characters: ``may_hold`` reads ASCII words)
    return fewest_words(words)


# The standard library's own regex parser (re._parser in 3.11+), used only to
# read which literals a compiled pattern needs.
_sre_parser: Any = importlib.import_module("re._parser")
# A character class of up to this many letters still spells words ("[Tt]he").
_FEW_CHARS = 4
# Spellings kept while a run of literals and small classes grows.
_FEW_SPELLINGS = 32


def _required(items: Any, ignore_case: bool) -> frozenset[str] | None:
    """Of a parsed sequence: the most telling set of strings one of which each
    match holds (the set whose shortest string is longest), or None."""
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and all(found) and (best is None or _telling(found) > _telling(best)):
            best = found

    run: set[str] = {""}  # spellings of the literals read since the last break
    for op, av in items:
        name = str(op)
        chars = _literal_chars(name, av)
        if chars is not None and len(run) * len(chars) <= _FEW_SPELLINGS:
            run = {s + (c.lower() if ignore_case else c) for s in run for c in chars}
            continue
        consider(frozenset(run))
        run = {""}
        if name == "SUBPATTERN" and not av[1] and not av[2]:  # no flags set inside
            consider(_required(av[3], ignore_case))
        elif name == "BRANCH":
            branches = [_required(b, ignore_case) for b in av[1]]
            if all(b is not None for b in branches):
                consider(frozenset().union(*(b for b in branches if b is not None)))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            consider(_required(av[2], ignore_case))
    consider(frozenset(run))
    return best


def _literal_chars(op: str, av: Any) -> str | None:
    """The characters a parsed item stands for when it is a plain literal or a
    small class of literals ("[Mm]"), else None."""
    if op == "LITERAL":
        return chr(av)
    if op == "IN" and 0 < len(av) <= _FEW_CHARS and all(str(o) == "LITERAL" for o, _ in av):
        return "".join(chr(v) for _, v in av)
    return None


def _telling(words: frozenset[str]) -> tuple[int, int]:
    return min(map(len, words)), -len(words)


@lru_cache(maxsize=256)
def _sentence_lowered(text: str) -> str | None:
    """``_lowered``, cached: each stage reading a sentence asks again, a few
    dozen times an item. (Sentences only: a cache of whole items would keep
    their texts alive.)"""
    return _lowered(text)


def _lowered(text: str) -> str | None:
    """``text`` lower-cased, where that is what a case-insensitive regex sees;
    None where one of the odd letters makes ``str.lower`` no guide."""
    # (The four letters of ``_CASE_ODD`` asked one by one: no generator per sentence.)
    if not text.isascii() and (
        "\u0131" in text or "\u0130" in text or "\u017f" in text or "\u212a" in text
    ):
        return None
    return text.lower()


class Present:
    """Which words of some lists an item holds, found once per item: a
    sentence of the item holds only those, so ``may_hold`` need not look for
    the rest in each sentence. Lists are told apart by identity: pass the
    same tuple each time."""

    def __init__(self, sentences: Iterable[str]) -> None:
        self._sentences = tuple(sentences)
        self._text = "\n".join(self._sentences)
        self._low: str | None = None
        self._low_known = False
        # By the identity of the list, apart for the case-insensitive ones.
        self._found: tuple[dict[int, tuple[str, ...]], ...] = ({}, {})

    def of(self, words: tuple[str, ...], *, ignore_case: bool = False) -> tuple[str, ...]:
        """``words`` less those the item does not hold (a case-insensitive
        regex's ``words``: lower case, all kept where odd letters make
        ``str.lower`` no guide)."""
        found = self._found[ignore_case].get(id(words))
        if found is None:
            text: str | None = self._text
            if ignore_case:
                if not self._low_known:
                    self._low, self._low_known = self._lowered(), True
                text = self._low
            found = words if text is None else tuple(w for w in words if w in text)
            self._found[ignore_case][id(words)] = found
        return found

    def _lowered(self) -> str | None:
        """``_lowered`` of the item, put together from its sentences' (which
        the sentences' own checks ask for too, and find cached): lower-casing
        reads a character at a time, and a line break ends the context of a
        final sigma, so the sentences lower-cased and joined are the joined
        sentences lower-cased, and one odd letter in one makes both None."""
        lowered: list[str] = []
        for sentence in self._sentences:
            low = _sentence_lowered(sentence)
            if low is None:
                return None
            lowered.append(low)
        return "\n".join(lowered)


@lru_cache(maxsize=4 * SENTENCE_CACHE)
def key(text: str) -> str:
    """Comparable form of a phrase: ``caseless``, quotes and punctuation ignored
    (a word a case-insensitive pattern found has the key of the word it was
    built from)."""
    return " ".join(_WORD_RUN.findall(caseless(text)))


_WORD_RUN = re.compile(r"[^\W_]+")


def caseless(text: str) -> str:
    """``text`` as a case-insensitive regex reads it, for looking up a word
    one found: case and accents ignored, and the dotless ı, the long ſ and the
    Kelvin sign read as the ASCII letters such a regex takes them for."""
    return fold(text).casefold().replace("ı", "i")


def fold(text: str) -> str:
    """The text with accents taken off letters, one character for one, so spans
    found in the folded text are spans of the original ("Folie á Deux" and
    "Folie à Deux" are one title)."""
    if text.isascii():
        return text
    return _fold_sentence(text) if len(text) <= 1000 else _ACCENTED.sub(_fold_match, text)


@lru_cache(maxsize=SENTENCE_CACHE)
def _fold_sentence(text: str) -> str:
    # A sentence is folded by each stage that reads it; an item once, uncached.
    # Accents are sparse: replacing the few found beats translating every character.
    return _ACCENTED.sub(_fold_match, text)


def _fold_match(m: re.Match[str]) -> str:
    return _FOLD_TABLE.get(ord(m.group()), m.group())


def _fold_char(c: str) -> str:
    if not c.isalpha():
        return c
    base = unicodedata.normalize("NFKD", c)[0]
    return base if base.isascii() and base.isalpha() else c


# Latin letters with marks (Latin-1 to Latin Extended Additional) and
# full-width letters: the ones a title or a name in trade prose carries.
_FOLDED_RANGES = ((0x00C0, 0x0250), (0x1E00, 0x1F00), (0xFF21, 0xFF5B))
_FOLD_TABLE: dict[int, str] = {
    code: _fold_char(chr(code))
    for lo, hi in _FOLDED_RANGES
    for code in range(lo, hi)
    if _fold_char(chr(code)) != chr(code)
}
_ACCENTED = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi - 1)}" for lo, hi in _FOLDED_RANGES) + "]")
# --------------------------------------------------------------------------- sentences

_ABBREVIATIONS = frozenset((
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "vol", "inc", "co", "corp", "ltd", "mt",
    "ft", "approx", "est", "dept", "gen", "gov", "sen", "rep", "u.s", "u.k", "e.g", "i.e", "etc",
    "bros", "p.m", "a.m", "a.k.a", "aka",
))  # fmt: skip
_LOWER_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
_BOUNDARY = re.compile(r"[.!?][’”\"')\]]*\s+(?=[‘“\"'(\[]?[A-Z0-9])")
# Aggregators append " - Outlet" to the headline and repeat it as the body.
_OUTLET_SUFFIX = re.compile(r"\s+[-–|]\s+[^-–|]{2,40}$")


def split_sentences(title: str, text: str) -> list[Sentence]:
    out: list[Sentence] = []
    title = title.strip()
    if title:
        pieces = _split_paragraph(title)
        out.extend(Sentence(i, p, title=True, line=len(pieces) == 1) for i, p in enumerate(pieces))
    headline_key = key(_OUTLET_SUFFIX.sub("", title)) if title else ""
    seen: set[str] = set()
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        pieces = _split_paragraph(paragraph)
        for piece in pieces:
            piece_key = key(piece)
            if (
                headline_key
                and piece_key.startswith(headline_key)
                and len(piece_key[len(headline_key) :].split()) <= 4
            ):
                continue  # the headline again, maybe with the outlet's name
            if piece_key in seen:
                continue  # a summary repeated as the body's first paragraph
            seen.add(piece_key)
            out.append(Sentence(len(out), piece, title=False, line=len(pieces) == 1))
    return out


def _split_paragraph(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(paragraph):
        # (rsplit alone: an empty list for a blank stretch, no list of every word)
        words = paragraph[start : boundary.start()].rsplit(None, 1)
        last = words[-1] if words else ""
        word = last.strip("‘“\"'(").casefold()
        if (
            word in _ABBREVIATIONS
            or (len(word) == 1 and word.isalpha())
            or _LOWER_INITIALS.fullmatch(last.strip("‘“\"'("))
        ):
            continue  # "Sept. 26", "J. J. Abrams", "Warner Bros. Pictures", "her b.f. Ken"
        pieces.append(paragraph[start : boundary.start() + 1].strip())
        start = boundary.end()
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


# --------------------------------------------------------------------------- clauses

# Where one clause ends and the next starts: a comma, a dash, a semicolon, a
# parenthesis or a conjunction that opens a new statement.
CLAUSE_BREAK = re.compile(
    # A period after "Dec", "Bros", "U.S" abbreviates; it ends nothing. (The
    # mark first, the word before it looked at over it: four lookbehinds at
    # every position of a sentence were half of what finding breaks cost.)
    r"[.!?](?<!\b[A-Z].)(?<!\b[A-Z][a-z].)(?<!\b[A-Z][a-z]{2}.)(?<!\b[A-Z][a-z]{3}.)\s|"
    r"[;—–()\[\]]|\s-\s|,\s|:\s|\s(?:and|but|while|whereas|although|though|after|"
    r"before|as|which|who|when|because|since|so|instead)\s"
)
# Weights of crossing each kind of boundary, in characters of distance.
_BREAK_COST = {",": 15, ":": 30, ".": 80, "!": 80, "?": 80, " ": 20}


def gap_cost(text: str, a: int, b: int, *, after: bool = False) -> float:
    """How far apart two spans are, for attaching one to the other: characters
    between them, plus a cost per clause boundary crossed; a span after the
    thing it attaches to is cheaper than one before."""
    gap = text[a:b]
    cost = sum(_BREAK_COST.get(x[0], 40) for x in CLAUSE_BREAK.findall(gap))
    return len(gap) * (2.0 if after else 1.0) + cost


def clause_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding ``text[start:end]``: from the last break before it to
    the first after it."""
    lo = 0
    for found in CLAUSE_BREAK.finditer(text, 0, start):
        lo = found.end()
    after = CLAUSE_BREAK.search(text, end)
    return lo, after.start() if after else len(text)


@lru_cache(maxsize=1024)
def title_case(text: str) -> bool:
    """A headline's capitalization, where a capital says nothing about a name.
    A sentence that ends with a period is prose, however many names it lists."""
    if text.rstrip().endswith("."):
        return False
    words = _LONG_WORD.findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_LONG_WORD = re.compile(r"[A-Za-z][\w’'-]{3,}")

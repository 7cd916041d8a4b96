"""watcher.extract.text: phrases as patterns, accent folding, sentences."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.extract.text import fold, key, phrases_regex, split_sentences, title_case, trie_pattern

WORDS = st.sampled_from(
    ["release", "release date", "released", "date", "dated", "opens", "open", "open wide",
     "first look", "first", "look", "Disney+", "U.K.", "push", "pushed back"]
)  # fmt: skip
TEXT_WORDS = st.sampled_from(
    ["the", "release", "date", "released", "dates", "opens", "open", "wide", "first-look",
     "first", "look", "Disney+", "U.K.", "pushes", "pushed", "back", "on", ",", "."]
)  # fmt: skip


def flat(phrases: list[str], *, inflect: bool) -> re.Pattern[str] | None:
    """What phrases_regex stood for before it was a trie: a plain alternation,
    longest phrase first."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        one = phrases_regex([phrase], inflect=inflect)
        assert one is not None
        parts.append(one.pattern[len("(?<![\\w+])(?:") : -len(")(?![\\w+])")])
    return re.compile(rf"(?<![\w+])(?:{'|'.join(parts)})(?![\w+])", re.I) if parts else None


@settings(max_examples=500)
@given(
    st.lists(WORDS, min_size=1, max_size=8),
    st.lists(st.one_of(WORDS, TEXT_WORDS), max_size=20),
    st.booleans(),
)
def test_a_trie_finds_what_the_plain_alternation_finds(
    phrases: list[str], words: list[str], inflect: bool
) -> None:
    text = " ".join(words)
    trie, plain = phrases_regex(phrases, inflect=inflect), flat(phrases, inflect=inflect)
    assert trie is not None and plain is not None
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_trie_pattern_shares_prefixes_and_prefers_the_longer() -> None:
    body = trie_pattern([list("band"), list("ban"), list("dune")])
    assert body == "(?:ban(?:d)?|dune)"
    assert re.fullmatch(body, "band") and re.fullmatch(body, "ban")
    assert re.match(body, "bandana") is not None
    assert re.match(body, "bandana").group() == "band"


def test_phrases_are_spaced_loosely_and_named_services_keep_their_punctuation() -> None:
    cues = phrases_regex(["first look", "Disney+"])
    assert cues is not None
    assert [m.group() for m in cues.finditer("A first-look still, on Disney+ now")] == [
        "first-look",
        "Disney+",
    ]
    country = phrases_regex(["US"], cased=True)
    assert country is not None and country.search("tell us") is None


def test_fold_keeps_every_span_and_takes_accents_off_latin_letters() -> None:
    for text in ("Folie à Deux — ‘Glass Harbor’", "Ｇｌａｓｓ", "Ærø’s", "plain ascii"):
        assert len(fold(text)) == len(text)
    assert fold("Timothée’s Folie à Deux") == "Timothee’s Folie a Deux"
    assert fold("Ｇｌａｓｓ") == "Glass"
    assert key("‘Folie à Deux’") == key("folie a deux") == "folie a deux"


def test_sentences_split_at_ends_not_at_abbreviations() -> None:
    found = split_sentences(
        "Harbor sequel dated",
        "It opens Oct. 9 in the U.S. on Friday. The villain is Oskar, a.k.a. The Tide. More soon.",
    )
    assert [s.text for s in found] == [
        "Harbor sequel dated",
        "It opens Oct. 9 in the U.S. on Friday.",
        "The villain is Oskar, a.k.a. The Tide.",
        "More soon.",
    ]
    assert found[0].title and not found[1].title


def test_headline_case() -> None:
    assert title_case("Mira Solano Will Play The Lighthouse Keeper In Sequel")
    assert not title_case("Mira Solano will play the lighthouse keeper in the sequel")


# --------------------------------------------------------------------------- may_hold


def test_may_hold_says_no_only_without_the_words() -> None:
    from watcher.extract.text import may_hold

    assert may_hold("the new trailer", ("new", "latest"))
    assert not may_hold("the New trailer", ("new", "latest"))
    assert may_hold("the New trailer", ("new", "latest"), ignore_case=True)
    assert not may_hold("the old trailer", ("new", "latest"), ignore_case=True)
    # A case-insensitive regex takes the long s for "s", str.lower does not.
    assert may_hold("the lateſt trailer", ("latest",), ignore_case=True)


_NEEDS_WORDS = ("new", "latest", "upcoming")
_NEEDS = re.compile(r"(?<!\w)the\s+(?:newest|latest|upcoming|new)\b", re.I)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["the", "THE", "New", "NEWEST", "lateſt", "upcomıng", "Latest", "film"])
        | st.text(max_size=4),
        max_size=12,
    ).map(" ".join)
)
def test_may_hold_never_hides_a_case_insensitive_match(text: str) -> None:
    from watcher.extract.text import may_hold

    if _NEEDS.search(text):
        assert may_hold(text, _NEEDS_WORDS, ignore_case=True)


_ITEM_WORDS = ("new", "latest", "film", "It")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["New", "NEW", "lateſt", "film", "FILM", "It", "it", "ı", "word"])
            | st.text(max_size=3),
            max_size=6,
        ).map(" ".join),
        min_size=1,
        max_size=5,
    ),
    st.booleans(),
)
def test_an_items_words_narrow_nothing_a_sentence_holds(
    sentences: list[str], ignore_case: bool
) -> None:
    from watcher.extract.text import Present, may_hold

    words = tuple(w.lower() for w in _ITEM_WORDS) if ignore_case else _ITEM_WORDS
    present = Present(sentences)
    narrowed = present.of(words, ignore_case=ignore_case)
    assert present.of(words, ignore_case=ignore_case) is narrowed  # found once per item
    for sentence in sentences:
        assert may_hold(sentence, narrowed, ignore_case=ignore_case) == may_hold(
            sentence, words, ignore_case=ignore_case
        )


def test_an_item_without_the_words_narrows_them_all_away() -> None:
    from watcher.extract.text import Present

    present = Present(["The cast was announced.", "Production starts in May."])
    assert present.of(("film", "movie")) == ()
    assert present.of(("cast", "movie")) == ("cast",)
    assert present.of(("production",), ignore_case=True) == ("production",)


# --------------------------------------------------------------------------- required_words


def test_required_words_reads_the_literals_every_match_holds() -> None:
    from watcher.extract.text import required_words

    assert required_words(re.compile(r"(?<!\w)[Mm]ay(?!\w)")) == ("May", "may")
    assert required_words(re.compile(r"(?:sequel|follow-?up)\s+to$")) == ("follow", "sequel")
    # Case-insensitive: lower case; "tagline" is found wherever "line" is.
    assert required_words(re.compile(r"(?:tagline|line|quote)s?:?$", re.I)) == ("line", "quote")
    assert required_words(re.compile(r"[Tt]he\s+(?:\w+\s+)?film")) == ("film",)
    # One alternative that needs nothing, a class, a lookaround: no words.
    assert required_words(re.compile(r"(?:sequel|\d+)")) is None
    assert required_words(re.compile(r"[A-Z][a-z]+\s+$")) is None
    assert required_words(re.compile(r"(?=sequel)\w+")) is None
    assert required_words(re.compile(r"(?i:sequel)")) is None
    assert required_words(re.compile("İstanbul", re.I)) is None


def test_a_screen_says_no_only_without_the_words() -> None:
    from watcher.extract.text import screen

    said = screen(re.compile(r"(?<!\w)(?:said|says)[:,]?\s*$", re.I))
    assert not said.may_match("The film opens in May.")
    assert said.may_match("SAYS the film opens in May.")
    assert said.may_match("ſaid")  # the long s: a case-insensitive regex reads "s"
    assert screen(re.compile(r"[A-Z]\w+$")).may_match("anything")


_REQUIRING = [
    re.compile(r"(?<!\w)(?:sequel|follow-?up|[Aa]n?\s+(?:[\w-]+\s+)?take)\s+(?:to|of|on)\s+$"),
    re.compile(r"(?<!\w)(?:said|says|line|read)[:,]?\s*$", re.I),
    re.compile(r"(?<!\w)[Mm]ay(?!\w)(?!\s*\d)"),
    re.compile(r"(?:pull|drop)\w*\s+(?:\S+\s+){0,2}?from\s+(?:its\s+)?(?:date|slot)|undated", re.I),
    re.compile(r"[’']s?\s+(?:old\s+)?(?:spot|slot)(?!\w)|(?:had|has)\s+(?:a\s+)+part\s+in"),
]
_REQUIRING_TEXT = st.sampled_from(
    ["sequel", "follow-up", "followup", "An", "a", "new", "take", "to", "of", "on", "SAID", "Line",
     "read", "May", "may", "MAY", "30", "Pull", "pulled", "dropped", "from", "its", "DATE",
     "slot", "undated", "’s", "'", "old", "spot", "had", "a", "part", "in", "ſaid", "ı", "K"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_REQUIRING_TEXT | st.text(max_size=3), max_size=12).map(" ".join))
def test_a_screen_never_hides_a_match(text: str) -> None:
    from watcher.extract.text import Present, screen

    for pattern in _REQUIRING:
        if pattern.search(text):
            assert screen(pattern).may_match(text)
            assert screen(pattern).may_match(text, Present([text, "other"]))

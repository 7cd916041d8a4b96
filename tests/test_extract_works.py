"""watcher.extract.works: which spans of a sentence name a work, and whether
that work is the subject."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.reading import EMBERFALL, HARBOR, NIGHTJAR
from watcher.config import SubjectConfig
from watcher.extract import works
from watcher.extract.lexicon import load
from watcher.extract.names import NOT_MONTH, TITLE_JOIN, TITLE_WORD, compile_names
from watcher.extract.text import Sentence, finditer_from, literal_trie, split_sentences
from watcher.extract.works import marks, nearest, scene


def named(
    text: str, subject: SubjectConfig = HARBOR, *, allow: bool = True
) -> list[tuple[str, bool, str]]:
    found = marks(compile_names(subject), Sentence(0, text, title=False, line=True), allow=allow)
    return [(text[m.start : m.end], m.subject, m.how) for m in found if not m.modifier]


def ours(text: str, subject: SubjectConfig = HARBOR) -> list[str]:
    return [span for span, subject_, _ in named(text, subject) if subject_]


def others(text: str, subject: SubjectConfig = HARBOR) -> list[str]:
    return [span for span, subject_, how in named(text, subject) if not subject_ and how != "it"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Glass Harbor 2 opens in March.", "Glass Harbor 2"),
        ("Glass Harbor II opens in March.", "Glass Harbor II"),
        ("‘Glass Harbor 2’ opens in March.", "‘Glass Harbor 2’"),
        ("The Glass Harbor sequel opens in March.", "Glass Harbor sequel"),
        ("The sequel to Glass Harbor opens in March.", "sequel to Glass Harbor"),
        ("The sequel to 2019's Glass Harbor opens in March.", "sequel to 2019's Glass Harbor"),
        (
            "The sequel to the “Red Meridian” spinoff “Glass Harbor” opens in March.",
            "sequel to the “Red Meridian” spinoff “Glass Harbor",
        ),
        ("The second Glass Harbor film opens in March.", "second Glass Harbor film"),
        ("The next Glass Harbor movie opens in March.", "next Glass Harbor movie"),
        ("A new Glass Harbor movie is in the works.", "new Glass Harbor movie"),
        (
            "She joins the upcoming Glass Harbor franchise film.",
            "upcoming Glass Harbor franchise film",
        ),
        ("Mira Solano Joins New Glass Harbor Movie", "New Glass Harbor Movie"),
        (
            "The second installment in the Glass Harbor series opens in March.",
            "second installment in the Glass Harbor",
        ),
        ("Tobias Renn's harbor epic opens in March.", "Tobias Renn's harbor epic"),
        # Its own people with a title before the name.
        ("Writer-director Tobias Renn's film opens in March.", "Tobias Renn's film"),
    ],
)
def test_the_subject_by_its_names_and_descriptions(text: str, expected: str) -> None:
    assert any(expected in span for span in ours(text))


def test_accents_and_subtitles_are_the_same_title() -> None:
    folie = SubjectConfig(id="f", name="Salt Roads: Folie à Trois", context=("Ana Kell",))
    assert ours("Folie a Trois opens in May.", folie) == ["Folie a Trois"]
    assert ours("Salt Roads: Folie á Trois opens in May.", folie) == ["Salt Roads: Folie á Trois"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Glass Harbor (2019) was a hit.", "Glass Harbor (2019)"),
        ("2019's Glass Harbor was a hit.", "2019's Glass Harbor"),
        ("It outgrossed Marvel's Iron Vow.", "Iron Vow"),
        ("Northwind's Red Meridian opens first.", "Red Meridian"),
        ("Northwind moved its animated Little Comets into the slot.", "Little Comets"),
        ("It follows the shift of The Long Tide to May.", "The Long Tide"),
        ("Mira Solano also stars in Idris Kane's new thriller.", "Idris Kane's new thriller"),
        ("The original film grossed $300 million.", "The original film"),
    ],
)
def test_other_works(text: str, expected: str) -> None:
    assert expected in others(text) or expected in [s for s, _, _ in named(text)]
    assert expected not in ours(text)


def test_a_work_named_only_to_describe_another_is_a_modifier() -> None:
    text = "It is a sequel to the 2019 film, out in May."
    found = marks(compile_names(HARBOR), Sentence(0, text, title=False, line=True), allow=True)
    works = [(text[m.start : m.end], m.modifier) for m in found if m.kind == "other"]
    assert works == [("the 2019 film", True)]


@pytest.mark.parametrize(
    "text",
    [
        "A darker take on the 2019 film, the sequel opens in May.",
        "Its own take on ‘Red Meridian’, the sequel opens in May.",
        "A reimagining of Northwind's Red Meridian, the sequel opens in May.",
        "Set in the aftermath of 2019's ‘Red Meridian’, the sequel opens in May.",
        "Few have ever compared one to a small indie movie, and it opens in May.",
    ],
)
def test_the_work_a_new_take_is_on_describes_the_film(text: str) -> None:
    found = marks(compile_names(HARBOR), Sentence(0, text, title=False, line=True), allow=True)
    assert [m.modifier for m in found if m.kind == "other"] == [True]


def test_anaphors_resolve_to_the_film_the_item_is_about() -> None:
    sentences = split_sentences(
        "Glass Harbor 2 dated",
        "Northwind's Red Meridian was a hit. The film opened in May.\n"
        "Tobias Renn said Glass Harbor 2 will open in March. The sequel cost "
        "more. This sequel is his biggest.",
    )
    seen = scene(
        compile_names(HARBOR),
        sentences,
        (),
        date(2025, 7, 15),
        [()] * len(sentences),
        undated=False,
    )
    assert seen is not None
    by_text = {
        s.text[m.start : m.end]: m.subject
        for s, found in zip(seen.sentences, seen.marks, strict=True)
        for m in found
    }
    assert by_text["The film"] is False  # the hit named just before
    assert by_text["The sequel"] is True
    assert by_text["This sequel"] is True


def test_it_standing_for_no_work_is_not_an_anaphor() -> None:
    assert "It" not in [
        s for s, _, _ in named("It was announced that Glass Harbor 2 opens in May.")
    ]


def test_a_mention_without_context_is_not_the_subject() -> None:
    found = named("Nightjar opens in May.", NIGHTJAR, allow=False)
    assert found == [("Nightjar", False, "title")]
    # A distinctive title needs no context.
    assert ours("Glass Harbor 2 opens in May.") == ["Glass Harbor 2"]


def test_a_date_in_numbers_after_the_name_does_not_make_a_longer_title() -> None:
    # "Nightjar 2" would be another film; "Nightjar 5.9.26" is this one, dated.
    assert ours("Rhea Quill posted: #Nightjar 5.9.26", NIGHTJAR) == ["Nightjar"]
    assert ours("Rhea Quill: Nightjar 5/9 in theaters", NIGHTJAR) == ["Nightjar"]
    assert ours("Rhea Quill confirmed Nightjar 2 is in the works.", NIGHTJAR) == []


def test_capitalized_words_that_open_in_theaters_are_another_title() -> None:
    text = "Northwind said that Red Meridian Rising will hit theaters on June 5, 2026."
    assert others(text) == ["Red Meridian Rising"]
    assert others("Glass Harbor 2 will hit theaters on June 5, 2026.") == []
    # One capitalized word is as likely a name, or the first word of a sentence.
    assert others("Tickets will open on Monday.") == []


def test_the_parts_of_a_film_in_parts() -> None:
    assert ours("Part One opens in November.", EMBERFALL) == ["Part One"]
    assert others("Part Two follows a year later.", EMBERFALL) == ["Part Two"]


def test_nearest_prefers_the_work_before_in_the_same_clause() -> None:
    text = "Glass Harbor 2 opens Oct. 9, while 'Red Meridian' opens Oct. 16."
    found = marks(compile_names(HARBOR), Sentence(0, text, title=False, line=True), allow=True)
    first = text.index("Oct. 9")
    second = text.index("Oct. 16")
    assert text[nearest(text, found, first, first + 6).start :].startswith("Glass Harbor 2")  # type: ignore[union-attr]
    near = nearest(text, found, second, second + 7)
    assert near is not None and not near.subject


def test_a_work_in_a_later_relative_clause_does_not_own_what_comes_before() -> None:
    text = "The first teaser, which landed Sunday, shows the storm that made ‘Red Meridian’ a hit."
    found = marks(compile_names(HARBOR), Sentence(0, text, title=False, line=True), allow=True)
    assert [text[m.start : m.end] for m in found] == ["‘Red Meridian’"]
    teaser = text.index("teaser")
    assert nearest(text, found, teaser, teaser + 6) is None
    # Before the relative pronoun, the work after still owns it.
    text = "The first teaser for ‘Red Meridian’, which landed Sunday, is dark."
    found = marks(compile_names(HARBOR), Sentence(0, text, title=False, line=True), allow=True)
    assert nearest(text, found, teaser, teaser + 6) is not None


# --------------------------------------------------------------------------- skipping


def test_a_sentence_without_a_name_word_is_not_scanned_for_names() -> None:
    names = compile_names(HARBOR)
    assert names.anchors is not None
    assert not names.may_name("Production starts in Prague in the spring.")
    assert names.may_name("GLASS HARBOR 2 opens in March.")
    # Letters a case-insensitive regex reads as ASCII ones.
    assert names.may_name("Glaſs Harbor 2 opens in March.")


_SKIPPED_SPELLINGS = st.sampled_from(
    [
        "Glass", "Harbor", "GLASS", "harbor", "Glaſs", "Harbor 2", "It", "it", "The", "the",
        "film", "new", "NEWEST", "latest", "upcoming", "movie", "’s", "original", "sequel",
        "‘", "’", "“", "”", "'", '"', "his", "next", "Sony", "series", "opens", "to", "İ", "ı",
        "Red", "Meridian", "of", "will", "hit", "theaters", "in", "on", "May", "lands", "June",
        "II", "IV", "XI", "IX", "V", "VIII", "2", "٣", "Part", "a week after", "AHEAD of",
        "opposite", "the same day as", "held by",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_SKIPPED_SPELLINGS | st.text(max_size=3), max_size=16).map(" ".join))
def test_the_cheap_checks_never_skip_a_sentence_a_pattern_matches(text: str) -> None:
    from watcher.extract import works
    from watcher.extract.text import fold, may_hold

    names = compile_names(HARBOR)
    if names.names.search(fold(text)):
        assert names.may_name(fold(text))
    if works._ANAPHOR.search(text):
        assert may_hold(text, works._ANAPHOR_NEEDS)
    if works._NEWEST.search(text):
        assert may_hold(text, works._NEWEST_NEEDS, ignore_case=True)
    if works._OTHER_WORK.search(text):
        assert may_hold(text, works._OTHER_WORK_NEEDS)
    if works._QUOTED.search(fold(text)):
        assert may_hold(fold(text), works._OPENING_QUOTES)
    if works._DATED_TITLE.search(text):
        assert may_hold(text, works._DATED_NEEDS)
    if works._REFERENCE_POINT.search(text):
        assert works._REFERENCE_POINT_SCREEN.may_match(text)
    assert works._number_after_word(text) == bool(works._NUMBER_AFTER_WORD.search(text))


# The pronoun pattern as first written: case-insensitive, the lookbehind first.
_PRONOUN_AS_WRITTEN = re.compile(r"(?<![\w’'])(?:it(?=[’']ll\b|[’']s\b|\s)|its(?=\s))", re.I)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["it", "It", "IT", "its", "ITS", "İt", "ıts", "it’ll", "it's", "bit", "’it"]
        )
        | st.text(alphabet="iItTsS’' \n.l", max_size=4),
        max_size=10,
    ).map(lambda words: "".join(words))
)
def test_the_pronoun_pattern_finds_what_its_case_insensitive_form_does(text: str) -> None:
    from watcher.extract import works

    assert [m.span() for m in works._PRONOUN.finditer(text)] == [
        m.span() for m in _PRONOUN_AS_WRITTEN.finditer(text)
    ]
    # Asked only where the lower-cased sentence has "it": the same, in order.
    assert [m.span() for m in finditer_from(works._PRONOUN, text, "it")] == [
        m.span() for m in _PRONOUN_AS_WRITTEN.finditer(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "According to The Harbor Ledger, filming starts in May.",
        "Tobias Renn told The Evening Courier that filming starts in May.",
        "Filming starts in May, and The Evening Courier has now confirmed it.",
        "Filming starts in May, The Harbor Ledger reports.",
    ],
)
def test_an_outlet_a_report_is_credited_to_is_no_work(text: str) -> None:
    assert others(text) == []


def test_a_title_beside_a_report_is_still_a_work() -> None:
    assert others("Mira Solano also stars in The Long Tide, Variety reports.") == ["The Long Tide"]


def test_an_age_is_no_numbered_title() -> None:
    assert others("The 41-year-old Northwind star is in talks to join Glass Harbor 2.") == []


def test_the_series_a_film_belongs_to_describes_it() -> None:
    text = "She joins Northwind's newest film in the animated series, which Tobias Renn directs."
    found = marks(compile_names(HARBOR), Sentence(0, text, title=False, line=True), allow=True)
    assert [(text[m.start : m.end], m.modifier) for m in found if m.kind == "other"] == [
        ("the animated series", True)
    ]


def test_a_label_before_a_colon_is_no_title() -> None:
    assert others("The villain is back (Answer: Kai Lennox's Oskar Brandt, again).") == []
    assert others("Northwind dated Night Tide: The Return for May.") == ["Night Tide: The Return"]


def test_a_slate_phase_and_a_parts_numbered_alias_are_no_works() -> None:
    assert others("Glass Harbor 2 will close Northwind's Phase Five next spring.") == []
    text = "The cast includes Mira Solano as Ilse Varga/Sea Witch II and Kai Lennox as Oskar."
    assert others(text) == []


def test_a_series_of_moves_and_a_studios_holiday_are_no_works() -> None:
    assert others("Northwind announced the latest in a series of moves.") == []
    assert others("Glass Harbor 2 will now be Northwind's Christmas 2026 release.") == []


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        _SKIPPED_SPELLINGS
        | st.sampled_from(["Villeneuve", "Sony’s", "Reeves'", "his", "a", "the", "latest", "film"])
        | st.text(max_size=3),
        max_size=16,
    ).map(" ".join)
)
def test_the_cheaper_forms_of_a_pattern_find_what_it_finds(text: str) -> None:
    """A pattern less a branch its sentence cannot match finds the same spans."""
    from watcher.extract import works
    from watcher.extract.text import may_hold

    def found(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
        return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]

    assert found(works._other_work(text)) == found(works._OTHER_WORK)
    if not may_hold(text, works._POSSESSIVE_NEEDS):
        assert found(works._ANAPHOR_UNOWNED) == found(works._ANAPHOR)


# The owned-title pattern as first written: a lookahead for the first
# character, then the lookbehind, then studio | year | its | their.
_OWNED_AS_WRITTEN = re.compile(
    rf"(?=[A-Z12it])(?<![\w’'])(?:(?:{literal_trie(load('en').studios)}|(?:19|20)\d{{2}})(?:[’']s|’)\s+|"
    rf"(?:[Ii]ts|[Tt]heir)\s+(?:{works._OWNER_ADJ}\s+){{1,2}}{NOT_MONTH})[‘“\"']?"
    rf"((?:The\s+)?{TITLE_WORD}(?:\s+(?:{TITLE_JOIN}\s+)*{NOT_MONTH}{TITLE_WORD}){{0,4}}"
    rf"(?::\s+{TITLE_WORD}(?:\s+{TITLE_WORD}){{0,3}})?)"
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*load("en").studios, "2017", "1999", "20th", "Its", "its", "their", "Their",
             "animated", "new", "’s", "'s", "’", "The", "Fall", "Guy", "May", "of", ":", "Blade",
             "it", "t"]
        )
        | st.text(alphabet="AIiTt12’' s9", max_size=3),
        max_size=12,
    ).map(lambda words: "".join(words) if len(words) % 2 else " ".join(words))
)  # fmt: skip
def test_the_owned_title_pattern_finds_what_it_did_as_first_written(text: str) -> None:
    assert [(m.span(), m.groups()) for m in works._OWNED_TITLE.finditer(text)] == [
        (m.span(), m.groups()) for m in _OWNED_AS_WRITTEN.finditer(text)
    ]

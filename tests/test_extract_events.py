"""watcher.extract.events: which event a date in a sentence belongs to."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.extract.events import _KIND_OF, expansion, govern, limited, triggers


def governed(text: str, date: str) -> tuple[str | None, str | None]:
    """The kinds of the release word and the other event word that govern ``date``."""
    start = text.index(date)
    release, other = govern(text, start, start + len(date), triggers(text))
    return (
        release.trigger.kind if release else None,
        other.trigger.kind if other else None,
    )


def strongest(text: str, date: str) -> str | None:
    start = text.index(date)
    release, other = govern(text, start, start + len(date), triggers(text))
    found = [g for g in (release, other) if g is not None]
    return max(found, key=lambda g: g.strength).trigger.kind if found else None


@pytest.mark.parametrize(
    ("text", "date", "kind"),
    [
        ("The sequel opens in theaters on May 8.", "May 8", "theatrical"),
        ("Glass Harbor 2 hits cinemas May 8.", "May 8", "theatrical"),
        ("The teaser trailer drops May 8.", "May 8", "trailer"),
        ("The studio will release the first teaser on May 8.", "May 8", "trailer"),
        ("The film arrives on Northwind+ May 8.", "May 8", "streaming"),
        ("It premieres at Venice on Sept. 2 ahead of its release.", "Sept. 2", "festival"),
        ("Cameras start rolling in March in Lisbon.", "March", "production"),
        ("Mira Solano signed on to lead the sequel back in March.", "March", "casting"),
        ("Kai Lennox joined the cast in March, playing her brother.", "March", "casting"),
        (
            "The original returns to theaters for its 20th anniversary on June 3.",
            "June 3",
            "anniversary",
        ),
    ],
)
def test_the_event_nearest_in_the_clause_governs_a_date(text: str, date: str, kind: str) -> None:
    assert strongest(text, date) == kind


@pytest.mark.parametrize(
    "text", ["The new poster will debut Friday.", "Northwind will debut the new poster Friday."]
)
def test_a_generic_release_word_takes_the_kind_of_what_it_releases(text: str) -> None:
    (word,) = [t for t in triggers(text) if t.text == "debut"]
    assert (word.kind, word.by) == ("trailer", "poster")


def test_a_release_word_beside_theaters_stays_the_films() -> None:
    text = "The film will release in theaters on May 8."
    assert governed(text, "May 8")[0] in ("release", "theatrical")


def test_a_comparison_dates_nothing() -> None:
    text = "It now opens two weeks earlier than previously planned, on May 8."
    assert all("planned" not in t.text for t in triggers(text))


def test_a_date_put_first_governs_the_clause_after_it() -> None:
    text = "On May 8, the sequel will open in theaters nationwide."
    assert governed(text, "May 8")[0] == "theatrical"


def test_words_inside_another_works_name_are_not_events() -> None:
    text = "The Premiere Night Club opens May 8."
    name = (4, 25)
    assert [t for t in triggers(text, outside=(name,)) if t.start < 25] == []


def test_due_to_gives_a_cause_not_a_date() -> None:
    assert [t.text for t in triggers("The delay is due to the strike.")] == ["delay"]


def test_expansions_and_limited_openings() -> None:
    text = "The film expands nationwide on May 8."
    start = text.index("May 8")
    assert expansion(text, 0, start, start + 5) is not None
    assert expansion("The film opens May 8.", 0, 15, 20) is None
    assert limited(["It opens in a limited run on May 1 before going wide."])
    assert not limited(["It opens everywhere on May 1."])


def test_letters_a_case_insensitive_pattern_takes_for_ascii_do_not_break_reading() -> None:
    # "ı", "İ", "ſ" and the Kelvin sign match i, i, s and k in a pattern
    # without case: every event word spelled with them keeps its kind.
    swaps = str.maketrans({"i": "ı", "s": "ſ", "k": "\u212a"})
    for word, kind in _KIND_OF.items():
        for odd in (word.translate(swaps), word.upper().replace("I", "İ")):
            found = triggers(f"The {odd} is next.")
            assert [t.kind for t in found if t.text == odd] in ([kind], []), odd


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["on", "to", "via", "hits", "hitting", "Max", "Mad", "Netflix", "Disney+", "Apple TV+",
             "Paramount+", "Prime Video", "HBO", "streams", "the", "+", "X+"]
        )
        | st.text(max_size=3),
        max_size=12,
    ).map(" ".join)
)  # fmt: skip
def test_the_streaming_services_screen_never_skips_a_sentence_that_names_one(text: str) -> None:
    from watcher.extract import events

    if events._STREAMER.search(text):
        assert events._STREAMER_SCREEN.may_match(text)

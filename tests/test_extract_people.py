"""watcher.extract.people: who is named, and who "she" or "the actress" is."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.extract.people import people
from watcher.extract.text import Sentence

KNOWN = ("Mira Solano", "Solano")


def sentence(text: str) -> Sentence:
    return Sentence(0, text, title=False, line=True)


def test_a_stand_in_is_the_last_of_the_films_people() -> None:
    sentences = [
        sentence("Mira Solano joined the cast."),
        sentence("The Daily Reel broke the news on Monday."),
        sentence("The Wildfire actress will play Ilse Varga."),
    ]
    found = people(sentences, KNOWN, cast=("Mira Solano",))
    stand_ins = [p for p in found[2] if p.stand_in]
    assert [p.name for p in stand_ins] == ["Mira Solano"]


def test_a_first_name_or_surname_alone_is_the_full_name_written_elsewhere() -> None:
    sentences = [
        sentence("Kai Lennox signed on."),
        sentence("Later, Kai met the crew; Lennox plays Oskar Brandt."),
    ]
    found = people(sentences, ())[1]
    assert {p.name for p in found if p.name.endswith("Lennox")} == {"Kai Lennox"}
    assert [sentences[1].text[p.start : p.end] for p in found if p.name == "Kai Lennox"] == [
        "Kai",
        "Lennox",
    ]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["she", "She", "he", "He", "he’s", "she'll", "and", "when", "because", "The", "the",
             "actress", "star", "28-year-old", "veteran", ",", ";", ":", "“", "Ana", "shed", "the"]
        )
        | st.text(alphabet="SsHhTte ,;:’'", max_size=4),
        max_size=12,
    ).map(" ".join)
)  # fmt: skip
def test_the_stand_in_pattern_finds_what_it_did_before_its_guard(text: str) -> None:
    from watcher.extract import people

    unguarded = re.compile(people._STAND_IN.pattern.replace("(?=[Ss]he|[Hh]e)", "", 1))
    assert unguarded.pattern != people._STAND_IN.pattern
    assert [m.span() for m in people._STAND_IN.finditer(text)] == [
        m.span() for m in unguarded.finditer(text)
    ]

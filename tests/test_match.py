"""watcher.match: which tracked questions an item answers, and with what.

Values in, values out. Subjects are built here (a "Dune: Part Three" with
its same-name works, a "Ballerina"-shaped common word with a same-name
foreign film) so that nothing is tested through the dev timeline's sentences.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import reading
from watcher.config import QuestionConfig, SubjectConfig, config_from_mapping
from watcher.match import Matcher
from watcher.types import Answer, Entry, Match, is_withdrawn

PUBLISHED = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
NOW = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)

DUNE = SubjectConfig(
    id="dune-3",
    name="Dune: Part Three",
    aliases=("Dune 3", "Dune Messiah"),
    context=("Denis Villeneuve", "Villeneuve", "Timothée Chalamet", "Zendaya", "Legendary"),
    exclude=("David Lynch", "Kyle MacLachlan", "Prophecy"),
    questions=(
        QuestionConfig(id="release-date", kind="date"),
        QuestionConfig(id="chalamet-role", kind="text", about=("Timothée Chalamet", "Chalamet")),
        QuestionConfig(id="first-look", kind="image"),
    ),
)

# A title that is also a common word, with a same-name film from elsewhere.
SWAN = SubjectConfig(
    id="swan",
    name="Swan",
    aliases=("The Black Swan Protocol",),
    context=("Mara Quell", "Northlight Pictures", "Black Swan Protocol"),
    exclude=("Ji-ho Park", "Korean thriller", "swan lake", "swan boats"),
    questions=(QuestionConfig(id="release-date", kind="date"),),
)


def entry(
    title: str,
    text: str = "",
    *,
    published: datetime | None = PUBLISHED,
    images: tuple[str, ...] = (),
) -> Entry:
    return reading.entry(title, text, published=published, images=images)


def matches(item: Entry, *subjects: SubjectConfig) -> list[Match]:
    return Matcher(subjects or (DUNE,)).match(item, NOW)


def answer(item: Entry, question: str, *subjects: SubjectConfig) -> Answer | None:
    for m in matches(item, *subjects):
        if m.question_id == question and m.answer is not None:
            return m.answer
    return None


def found(item: Entry, question: str, *subjects: SubjectConfig) -> Match | None:
    return next((m for m in matches(item, *subjects) if m.question_id == question), None)


def date_value(title: str, text: str = "", **kw: Any) -> str | None:
    a = answer(entry(title, text, **kw), "release-date")
    return a.value if a else None


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("title", "text", "value", "precision", "display"),
    [
        (
            "'Dune: Part Three' Arrives in Theaters Nov. 7",
            "Denis Villeneuve's sequel arrives in theaters Nov. 7.",
            "2025-11-07",
            "day",
            "November 7, 2025",
        ),
        (
            "Legendary sets Dune 3 for a summer 2026 release",
            "",
            "2026-summer",
            "season",
            "summer 2026",
        ),
        ("Villeneuve's Dune Messiah is due out next June", "", "2026-06", "month", "June 2026"),
        (
            "Dune: Part Three bows 12/18/2026",
            "Denis Villeneuve directs.",
            "2026-12-18",
            "day",
            None,
        ),
        (
            "Dune: Part Three will hit cinemas on 18 December 2026",
            "Zendaya returns.",
            "2026-12-18",
            "day",
            None,
        ),
        (
            "Dune: Part Three now opens Friday, Dec. 18, 2026",
            "Villeneuve",
            "2026-12-18",
            "day",
            "December 18, 2026",
        ),
        ("Dune: Part Three is set to open on 2026-12-18", "Villeneuve", "2026-12-18", "day", None),
        ("Legendary dates Dune: Part Three for June 2026", "", "2026-06", "month", "June 2026"),
        ("Dune: Part Three pushed back to 2027", "Villeneuve", "2027", "year", "2027"),
        (
            "Dune: Part Three lands in theaters in late summer 2026",
            "Zendaya",
            "2026-summer",
            "season",
            None,
        ),
        ("Dune: Part Three is coming this fall", "Zendaya", "2025-fall", "season", "fall 2025"),
        ("Dune: Part Three premieres in theaters Dec. 18", "Zendaya", "2025-12-18", "day", None),
        (
            "Dune: Part Three gets a Dec. 18th date",
            "Zendaya's Dune 3 opens Dec. 18th next year.",
            "2026-12-18",
            "day",
            None,
        ),
        (
            "Part Three gets a window",
            "Legendary has pencilled in December 2026 for Denis Villeneuve's Dune: Part Three.",
            "2026-12",
            "month",
            None,
        ),
        (
            "Villeneuve's film moves",
            "Dune: Part Three is no longer a December 2025 movie: Legendary now says summer 2026.",
            "2026-summer",
            "season",
            None,
        ),
        ("Dune 3 will be released in December", "Villeneuve", "2025-12", "month", None),
        (
            "Dune: Part Three news",
            "Legendary is releasing Dune 3 on Dec. 18.",
            "2025-12-18",
            "day",
            None,
        ),
        (
            "Dune: Part Three news",
            "Villeneuve's Dune 3 hits theaters next summer.",
            "2026-summer",
            "season",
            None,
        ),
        (
            "Dune: Part Three news",
            "Legendary has set a Dec. 18, 2026 release for Villeneuve's Dune: Part Three.",
            "2026-12-18",
            "day",
            None,
        ),
        # A numeric date with dots, after a colon.
        (
            "Villeneuve news",
            "Dune: Part Three lands right in time for the holidays: 12.18.25.",
            "2025-12-18",
            "day",
            "December 18, 2025",
        ),
    ],
)
def test_release_date_phrasings(
    title: str, text: str, value: str, precision: str, display: str | None
) -> None:
    a = answer(entry(title, text), "release-date")
    assert a is not None, title
    assert (a.kind, a.value, a.precision) == ("date", value, precision)
    if display is not None:
        assert a.display == display


@pytest.mark.parametrize(
    ("published", "value"),
    [
        # A year-less date is the next one on or after the item's date...
        (datetime(2025, 1, 14, tzinfo=UTC), "2025-06-20"),
        (datetime(2025, 8, 1, tzinfo=UTC), "2026-06-20"),
        # ...and an item without a date is read against the poll time.
        (None, "2025-06-20"),
    ],
)
def test_year_less_dates_resolve_against_the_item_date(
    published: datetime | None, value: str
) -> None:
    assert (
        date_value("Dune: Part Three Shifts To June 20", "Villeneuve", published=published) == value
    )


def test_a_year_less_date_after_a_past_tense_verb_is_the_last_one() -> None:
    summer = datetime(2025, 7, 20, tzinfo=UTC)
    text = "Villeneuve's Dune: Part Three, which opened June 6, earned $90M."
    assert date_value("Dune: Part Three box office", text, published=summer) == "2025-06-06"
    opened = "Villeneuve's Dune: Part Three opened in June to $90M."
    assert date_value("Dune: Part Three box office", opened, published=summer) == "2025-06"
    upcoming = "Villeneuve's Dune: Part Three, which opens June 6, is tracking well."
    assert date_value("Dune: Part Three tracking", upcoming, published=summer) == "2026-06-06"


def test_a_relative_date_counts_in_the_headline() -> None:
    assert date_value("Zendaya's Dune: Part Three is due next year.") == "2026"


def test_an_undated_item_keeps_the_year_it_writes_out() -> None:
    # Polled long after it was written: "In May" alone would read as next May.
    late_poll = datetime(2026, 11, 28, tzinfo=UTC)
    item = entry(
        "Dune: Part Three Release Date Moved Up: Villeneuve Sequel Now Arrives In May",
        "Dune: Part Three's release date has changed: the sequel now opens on May 30, 2025.",
        published=None,
    )
    a = Matcher([DUNE]).match(item, late_poll)[0].answer
    assert a is not None and (a.value, a.precision) == ("2025-05-30", "day")
    headline_only = entry("Villeneuve's Dune: Part Three Now Arrives In May", published=None)
    dated = entry("Villeneuve's Dune: Part Three Now Arrives In May")
    undated_match = Matcher([DUNE]).match(headline_only, late_poll)[0]
    dated_match = Matcher([DUNE]).match(dated, late_poll)[0]
    assert undated_match.answer is not None and undated_match.answer.value == "2027-05"
    assert undated_match.confidence < dated_match.confidence


def test_relative_dates_follow_the_item_date() -> None:
    late = datetime(2025, 9, 1, tzinfo=UTC)
    assert date_value("Zendaya's Dune 3 opens next June", "", published=late) == "2026-06"
    assert date_value("Zendaya's Dune 3 opens this winter", "", published=late) == "2025-winter"
    early = datetime(2025, 2, 1, tzinfo=UTC)
    assert date_value("Zendaya's Dune 3 opens this summer", "", published=early) == "2025-summer"


@pytest.mark.parametrize(
    ("title", "text", "value"),
    [
        # Two films, three dates: each date belongs to the title nearest in its clause.
        (
            "Legendary Dates 'Dune: Part Three' For Dec. 18, 2026, 'Minecraft 2' For July 23, 2027",
            "",
            "2026-12-18",
        ),
        (
            "Slate shuffle at Legendary",
            "'Minecraft 2' now opens July 23, 2027, with 'Dune: Part Three' following on "
            "Dec. 18, 2026.",
            "2026-12-18",
        ),
        (
            "Legendary moves Dune: Part Three to Dec. 18, 2026; 'Godzilla x Kong 3' shifts to "
            "March 26, 2027",
            "",
            "2026-12-18",
        ),
        # The old date of a move is history, not the answer.
        (
            "Dune: Part Three Moves Up",
            "Legendary moved 'Dune: Part Three' from Dec. 18, 2026 to Nov. 20, 2026.",
            "2026-11-20",
        ),
        (
            "Dune: Part Three Moves Up To Nov. 20",
            "Villeneuve's film had been dated Dec. 18. It had been dated Dec. 18, 2026.",
            "2025-11-20",
        ),
        (
            "Dune: Part Three slips",
            "Villeneuve's Dune: Part Three now opens Dec. 18, 2026, a month after its original "
            "11/20/26 date.",
            "2026-12-18",
        ),
        # An antecedent in the next sentence of an item about the subject.
        (
            "Villeneuve wraps Dune: Part Three",
            "Timothée Chalamet and Zendaya star in Dune: Part Three.\n"
            "The film opens Dec. 18, 2026.",
            "2026-12-18",
        ),
        (
            "Dune 3 update",
            "Zendaya stars in the Denis Villeneuve film, which opens Dec. 18, 2026.",
            "2026-12-18",
        ),
    ],
)
def test_dates_bind_to_their_own_title(title: str, text: str, value: str) -> None:
    assert date_value(title, text) == value


def test_a_preview_list_gives_each_film_its_own_date() -> None:
    listing = "\n".join(
        [
            "The most anticipated films of next year, month by month.",
            "Nov. 20 - 'Minecraft 2'",
            "Dec. 11 - 'Avatar: Fire and Ash 2'",
            "Dec. 18 - 'Dune: Part Three'",
            "Dec. 25 - 'Sherlock Holmes 3'",
        ]
    )
    item = entry("Our most anticipated movies", listing + "\nVilleneuve returns.")
    assert date_value(item.title, item.text) == "2025-12-18"
    parenthesized = "\n".join(
        [
            "Arrival (Nov. 11, 2016)",
            "Blade Runner 2049 (Oct. 6, 2017)",
            "Dune: Part Three (Dec. 18, 2026)",
        ]
    )
    assert date_value("Villeneuve's films at a glance", parenthesized) == "2026-12-18"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # Another film's date next to a mention.
        ("'Minecraft 2' opens July 23, 2027", "Legendary's next is Villeneuve's Dune: Part Three."),
        (
            "Villeneuve on his next film",
            "'Arrival' opened on Nov. 11, 2016. Dune: Part Three is in production.",
        ),
        # An unnamed other work ("the untitled film", "a new thriller").
        (
            "Zendaya joins new project",
            "Zendaya, who stars in Villeneuve's Dune: Part Three, joins the untitled film, "
            "which opens next summer.",
        ),
        (
            "Legendary's Dune: Part Three is shooting",
            "Villeneuve's Dune: Part Three is shooting; Legendary also dated a new thriller for "
            "Aug. 1.",
        ),
        # A same-name series' premiere date.
        (
            "'Dune: Prophecy' Season 2 premieres Nov. 17",
            "Zendaya is not in it. Dune: Part Three is.",
        ),
        # Trailer, festival, tickets, production and home-video dates.
        ("Dune: Part Three Trailer Coming June 12", "Legendary teases the Villeneuve film."),
        (
            "Dune: Part Three trailer",
            "Legendary will release the first trailer for Dune: Part Three on Thursday, June 12.",
        ),
        ("Dune: Part Three to world premiere at Venice on Sept. 1", "Villeneuve attends."),
        ("Dune: Part Three tickets go on sale Nov. 1", "Villeneuve"),
        ("Dune: Part Three press junket set for Dec. 1 in Berlin", "Villeneuve"),
        ("Dune: Part Three begins filming in July 2025", "Villeneuve"),
        ("Dune: Part Three digital release set for March 3", "Villeneuve"),
        ("Dune: Part Three will stream on Max from March 3", "Villeneuve"),
        ("Dune: Part Three will premiere in Los Angeles on Dec. 10", "Villeneuve"),
        ("Dune: Part Three hits UK cinemas Dec. 17", "Villeneuve"),
        # Streaming debuts, festival slots and awards dates.
        ("Dune: Part Three arrives on Legendary+ March 3", "Villeneuve"),
        ("Villeneuve's Dune: Part Three debuts on Netflix March 3", ""),
        ("Dune: Part Three debuts at Sundance on Jan. 24", "Villeneuve"),
        ("Villeneuve's Dune: Part Three set for a TIFF gala slot on Sept. 9", ""),
        ("Dune: Part Three Oscar voting opens Jan. 12", "Villeneuve"),
        ("Dune: Part Three leads nominations; the ceremony is set for Dec. 1", "Villeneuve"),
        ("Villeneuve: the new release Dune: Part Three is set in 1999", ""),
        # A same-name book, game or album: its publication or launch is not the film's.
        (
            "Frank Herbert estate news",
            "Dune: Part Three, the illustrated edition, will be published by Ace Books on "
            "Oct. 14, ahead of Villeneuve's film.",
        ),
        ("Dune: Part Three tie-in is out March 3 in bookstores", "Villeneuve"),
        ("Legendary's Dune: Part Three game launches on Xbox and PlayStation May 5", ""),
        ("Dune: Part Three soundtrack album is out Dec. 12", "Villeneuve's film has its score."),
        # A version number is not a dotted date.
        ("Dune: Part Three companion app is out in version 2.10.25.1", "Villeneuve"),
        # A mention without a release cue, and one in a question.
        ("Zendaya talks Dune: Part Three on June 12", "Villeneuve"),
        # "next year" in passing in the body is too weak to be an answer.
        ("Zendaya's busy year", "Her Dune: Part Three is due next year."),
    ],
)
def test_dates_that_are_not_the_subject_release(title: str, text: str) -> None:
    assert answer(entry(title, text), "release-date") is None


@pytest.mark.parametrize(
    ("title", "text", "value", "is_hedged"),
    [
        ("Dune: Part Three could move to 2027, sources say", "Villeneuve", "2027", True),
        ("Legendary reportedly eyeing Dec. 18 for Dune 3", "Villeneuve", "2025-12-18", True),
        ("Is Dune: Part Three moving to Dec. 18?", "Villeneuve", "2025-12-18", True),
        ("Dune: Part Three expected to open in summer 2026", "Villeneuve", "2026-summer", True),
        (
            # A denial that repeats the known date is a plain answer.
            "Legendary Says 'Dune: Part Three' Is Staying Put",
            "Legendary says Villeneuve's 'Dune: Part Three' will open as planned on Dec. 18, "
            "2026, despite reports it could move.",
            "2026-12-18",
            False,
        ),
        ("Dune: Part Three opens Dec. 18, 2026", "Villeneuve", "2026-12-18", False),
    ],
)
def test_hedged_reports(title: str, text: str, value: str, is_hedged: bool) -> None:
    m = found(entry(title, text), "release-date")
    assert m is not None and m.answer is not None
    assert (m.answer.value, m.hedged) == (value, is_hedged)


@pytest.mark.parametrize(
    ("title", "is_hedged"),
    [
        # "May" the month is not "may" the verb, in title case or not.
        ("Villeneuve's Dune: Part Three Now Arrives In May", False),
        ("Villeneuve's Dune: Part Three moves to May 1, 2026", False),
        ("Villeneuve's Dune: Part Three May Open In June", True),
        ("Villeneuve's Dune: Part Three may open in June", True),
    ],
)
def test_may_the_month_is_not_a_hedge(title: str, is_hedged: bool) -> None:
    m = found(entry(title), "release-date")
    assert m is not None and m.answer is not None
    assert m.hedged is is_hedged


def test_of_two_dates_for_the_film_in_one_sentence_the_later_written_wins() -> None:
    assert date_value("Villeneuve's Dune: Part Three swaps Dec. 18 for Nov. 20") == "2025-11-20"
    assert date_value("Villeneuve's Dune: Part Three moves to Nov. 20 from Dec. 18") == "2025-11-20"
    assert date_value("Villeneuve's Dune: Part Three moves off Dec. 18, 2026 to 2027") == "2027"


def test_a_confirmed_date_wins_over_a_hedged_one_in_the_same_item() -> None:
    item = entry(
        "Dune: Part Three could move to Nov. 20, sources say",
        "Legendary confirmed Villeneuve's Dune: Part Three opens Dec. 18, 2026.",
    )
    m = found(item, "release-date")
    assert m is not None and m.answer is not None
    assert (m.answer.value, m.hedged) == ("2026-12-18", False)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Legendary sets Dune: Part Three for the first half of 2027", "Villeneuve"),
        ("Dune: Part Three will hit theaters in the second quarter of 2027", "Villeneuve"),
        ("Villeneuve's Dune: Part Three now eyes a Q3 2027 release", ""),
        ("Dune: Part Three will open toward the end of 2027, Legendary says", "Villeneuve"),
        ("Dune: Part Three is due in cinemas at the start of 2027", "Zendaya"),
    ],
)
def test_a_window_within_a_year_is_a_year_answer(title: str, text: str) -> None:
    a = answer(entry(title, text), "release-date")
    assert a is not None and (a.value, a.precision, a.display) == ("2027", "year", "2027")


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Villeneuve news", "Outside the U.S., Dune: Part Three opens in cinemas Dec. 17."),
        ("Dune: Part Three opens in the U.K. on Dec. 17 and in Australia on Dec. 26", "Zendaya"),
        ("Villeneuve's Dune: Part Three arrives Dec. 26 in Germany", ""),
        ("Villeneuve's Dune: Part Three gets its Japanese release on Feb. 6", ""),
        ("Villeneuve dates Europe", "Internationally, Dune: Part Three opens Dec. 17."),
    ],
)
def test_another_countrys_date_is_not_the_release_date(title: str, text: str) -> None:
    assert answer(entry(title, text), "release-date") is None


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Dune: Part Three opens in the U.S. on Dec. 18, in the U.K. on Dec. 17 and in "
            "Australia on Dec. 26",
            "Villeneuve",
        ),
        ("Dune: Part Three opens Dec. 18 in the US, a day after its UK bow", "Villeneuve"),
        ("Legendary tells us Dune: Part Three opens Dec. 18", "Villeneuve"),
        ("Dune: Part Three, shot in Jordan and Italy, opens Dec. 18", "Villeneuve"),
    ],
)
def test_the_us_date_beside_other_countries_dates(title: str, text: str) -> None:
    assert date_value(title, text) == "2025-12-18"


@pytest.mark.parametrize(
    ("title", "text", "value"),
    [
        # Day-month-year, as UK outlets write, with the UK date after the US one.
        (
            "Dune: Part Three gets a new release date",
            "Denis Villeneuve's desert sequel will now open in US cinemas on 18 December 2026, "
            "with the UK release following on 16 December.",
            "2026-12-18",
        ),
        (
            "Dune: Part Three shifts again",
            "The long-awaited sequel now opens on 4th of November 2026, Legendary said.",
            "2026-11-04",
        ),
        (
            "Dune: Part Three shifts again",
            "Villeneuve’s epic sequel is dated for 9 October 2026 in US theaters.",
            "2026-10-09",
        ),
    ],
)
def test_a_possessive_or_adjective_anaphor_carries_a_day_month_year_date(
    title: str, text: str, value: str
) -> None:
    assert date_value(title, text) == value


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # Another work of the same director: an ordinal or "next" points away.
        (
            "Dune: Part Three gets a new release date",
            "Villeneuve's next film opens 9 October 2026.",
        ),
        ("Dune: Part Three news", "Villeneuve's first film opens in a 4K cut on 9 October 2026."),
        ("Dune: Part Three news", "The original movie returns to Imax on 9 October 2026."),
        # Only the UK date in the sentence.
        (
            "Dune: Part Three UK date",
            "Villeneuve's sequel opens in UK cinemas on 16 December 2026.",
        ),
    ],
)
def test_an_anaphor_that_points_away_carries_no_date(title: str, text: str) -> None:
    assert answer(entry(title, text), "release-date") is None


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Legendary cancels Dune: Part Three's theatrical release",
            "The film will instead premiere on Peacock on Dec. 18, Villeneuve said.",
        ),
        ("Dune: Part Three skips theaters, debuts on Netflix Dec. 18", "Villeneuve"),
        (
            "Villeneuve's Dune: Part Three will no longer open in theaters",
            "It premieres on Legendary+ Dec. 18, Legendary says.",
        ),
        ("Legendary pulls 'Dune: Part Three' from U.S. theaters", "It debuts on Hulu Dec. 18."),
    ],
)
def test_with_the_theatrical_release_cancelled_the_streaming_premiere_is_the_date(
    title: str, text: str
) -> None:
    assert date_value(title, text) == "2025-12-18"


@pytest.mark.parametrize(
    ("title", "text", "value"),
    [
        # A trailer "dropped" before the theatrical release cancels nothing.
        (
            "Legendary dropped a trailer ahead of Dune: Part Three's theatrical release",
            "The film debuts on Netflix on Dec. 18, Villeneuve said.",
            None,
        ),
        # A rumored cancellation lifts nothing.
        (
            "Legendary could skip theaters with Villeneuve's Dune: Part Three",
            "The film debuts on Netflix on Dec. 18, Villeneuve said.",
            None,
        ),
        # Without a cancellation the theatrical date stands, not the later streaming one.
        (
            "Dune: Part Three opens in theaters Dec. 18",
            "The film debuts on Netflix on March 3, Villeneuve said.",
            "2025-12-18",
        ),
    ],
)
def test_a_streaming_date_stays_rejected_without_a_cancellation(
    title: str, text: str, value: str | None
) -> None:
    assert date_value(title, text) == value


def test_a_window_is_not_a_date_outside_release_news() -> None:
    item = entry(
        "Legendary earnings",
        "Villeneuve's Dune: Part Three is due to lift first half of 2026 earnings.",
    )
    assert answer(item, "release-date") is None
    assert (
        date_value("Dune: Part Three trailer due in the first half of 2026", "Villeneuve") is None
    )


@pytest.mark.parametrize(
    "text",
    [
        # A producer or studio introduced by "from" is not an old date.
        "Legendary has boarded 'Dune: Part Three', the Villeneuve epic from Warner Bros., "
        "and plans a theatrical release in early 2027.",
        "Dune: Part Three, a sequel from Denis Villeneuve, will be released in 2027.",
    ],
)
def test_from_far_before_a_date_does_not_make_it_old(text: str) -> None:
    assert date_value("Dune: Part Three news", text) == "2027"


def test_from_governing_a_date_still_makes_it_old() -> None:
    assert date_value("Villeneuve's Dune: Part Three moves from its Dec. 18 slot") is None
    assert date_value("Dune: Part Three moves off its original Dec. 18 date", "Villeneuve") is None


@pytest.mark.parametrize(
    ("title", "text", "value"),
    [
        # A platform release: the first theatrical date is the limited one.
        (
            "Legendary gives Dune: Part Three a platform release",
            "Villeneuve's Dune: Part Three opens in select cinemas Dec. 4 before expanding "
            "Dec. 18.",
            "2025-12-04",
        ),
        (
            "Dune: Part Three: Limited Bow Dec. 4, Wide Expansion Dec. 18",
            "Villeneuve",
            "2025-12-04",
        ),
        (
            "Dune: Part Three news",
            "Legendary will open Villeneuve's Dune: Part Three in limited release on 12/4/25 "
            "and wide on Dec. 18.",
            "2025-12-04",
        ),
        (
            "Dune: Part Three news",
            "Villeneuve's Dune: Part Three, which was to go wide Dec. 18, now opens in New York "
            "on Dec. 4.",
            "2025-12-04",
        ),
        # Wide with no limited opening in sight is the release date.
        ("Dune: Part Three opens nationwide Dec. 18", "Villeneuve", "2025-12-18"),
        (
            "Legendary dates Dune: Part Three for a wide release on Dec. 18",
            "Villeneuve",
            "2025-12-18",
        ),
    ],
)
def test_the_first_theatrical_date_is_the_answer(title: str, text: str, value: str) -> None:
    assert date_value(title, text) == value


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Dune: Part Three expands to 3,000 theaters on Dec. 18", "Villeneuve"),
        ("Villeneuve's Dune: Part Three goes wide Dec. 18 after a strong limited run", ""),
        ("Dune: Part Three news", "Villeneuve's Dune: Part Three widens on Dec. 18."),
        ("Dune: Part Three sets a Dec. 18 expansion", "Villeneuve"),
    ],
)
def test_an_expansion_date_is_not_the_release_date(title: str, text: str) -> None:
    assert date_value(title, text) is None


def test_a_limited_opening_anywhere_in_the_item_makes_a_wide_date_the_expansion() -> None:
    item = (
        "Dune: Part Three gets a platform release",
        "Legendary will open Villeneuve's Dune: Part Three in limited release first. "
        "Dune: Part Three then opens wide on Dec. 18.",
    )
    assert date_value(*item) is None
    # "A limited series" is no limited opening: the wide date is the release.
    series = (
        "Dune: Part Three news",
        "Villeneuve, fresh off a limited series, says Dune: Part Three opens wide on Dec. 18.",
    )
    assert date_value(*series) == "2025-12-18"


def test_the_most_precise_consistent_date_in_an_item_is_the_answer() -> None:
    item = entry(
        "Legendary Lays Out 2026: 'Dune: Part Three' In December",
        "Villeneuve's 'Dune: Part Three' opens Dec. 18, 2026.",
    )
    a = answer(item, "release-date")
    assert a is not None and (a.value, a.precision) == ("2026-12-18", "day")


# --------------------------------------------------------------------------- mentions


@pytest.mark.parametrize(
    ("title", "text", "value"),
    [
        # Name, context term, no veto: counts (curly and straight quotes alike).
        ("‘Swan’ Opens June 6, 2025", "Mara Quell stars.", "2025-06-06"),
        ('"Swan" Opens June 6, 2025', "Northlight Pictures", "2025-06-06"),
        ("Northlight Pictures' Swan opens June 6, 2025", "", "2025-06-06"),
        # An alias that names its own context needs nothing else.
        ("The Black Swan Protocol opens June 6, 2025", "", "2025-06-06"),
        # No context term anywhere: not the film.
        ("Swan opens June 6, 2025", "A new restaurant in town.", None),
        # The common word in lower case.
        ("City ballet's swan opens June 6, 2025", "Mara Quell watches.", None),
        # An exclude term in the sentence vetoes the mention.
        ("Swan Lake opens June 6, 2025", "Mara Quell attends.", None),
        ("Ji-ho Park's 'Swan' streams from June 6, 2025", "Mara Quell is unrelated.", None),
        # A longer title that starts with the name is another work.
        ("Swan 2 opens June 6, 2025", "Mara Quell", None),
    ],
)
def test_a_mention_needs_name_context_and_no_veto(title: str, text: str, value: str | None) -> None:
    a = answer(entry(title, text), "release-date", SWAN)
    assert (a.value if a else None) == value


def test_a_same_name_work_story_needs_context_in_each_sentence() -> None:
    item = entry(
        "Korean thriller 'Swan' director Ji-ho Park sets next film",
        "Ji-ho Park's 'Swan' premiered on Oct. 6, 2023.\n"
        "The film opens Nov. 14 in Seoul.\n"
        "Park's 'Swan' is not Northlight Pictures' Swan with Mara Quell, which opens June 6.",
    )
    a = answer(item, "release-date", SWAN)
    assert a is not None and a.value == "2025-06-06"


def test_a_passing_mention_of_the_same_name_work_vetoes_only_its_sentence() -> None:
    item = entry(
        "Mara Quell's 'Swan' gets a date",
        "Swan now opens June 6, 2025.\n"
        "It is not Ji-ho Park's 2023 Korean thriller 'Swan', which opened Oct. 6, 2023.",
    )
    a = answer(item, "release-date", SWAN)
    assert a is not None and a.value == "2025-06-06"


def test_an_antecedent_after_a_vetoed_mention_is_not_ours() -> None:
    item = entry(
        "Mara Quell on 'Swan'",
        "Northlight Pictures' Swan is shooting.\n"
        "Ji-ho Park's 'Swan' was a hit in Seoul. The film opens in US theaters Nov. 14, 2025.",
    )
    assert answer(item, "release-date", SWAN) is None


def test_entries_that_name_no_subject_give_nothing() -> None:
    assert matches(entry("Box office: 'Minecraft 2' opens to $80M", "It opens Nov. 20.")) == []
    assert Matcher([]).match(entry("Dune: Part Three opens Dec. 18, 2026"), NOW) == []


# --------------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("title", "text", "value", "display"),
    [
        (
            "Dune: Part Three",
            "Timothée Chalamet will reprise his role as Paul Atreides in Dune: Part Three.",
            "paul atreides",
            "Paul Atreides (reprising his role)",
        ),
        (
            "Timothée Chalamet Returns As Paul Atreides In First Dune: Part Three Teaser",
            "",
            "paul atreides",
            "Paul Atreides (reprising the role)",
        ),
        ("Dune: Part Three trailer confirms Timothée Chalamet is back as Paul", "", "paul", None),
        (
            "Timothée Chalamet's Paul Atreides Role In Dune: Part Three Explained",
            "",
            "paul atreides",
            None,
        ),
        (
            "Dune: Part Three",
            "Villeneuve confirmed the cast. Timothée Chalamet appears as Paul Atreides.",
            "paul atreides",
            "Paul Atreides",
        ),
        (
            "Dune: Part Three trailer breakdown",
            "Everything we spotted in the Dune: Part Three trailer, including Timothée Chalamet as "
            "Paul Atreides.",
            "paul atreides",
            None,
        ),
        ("Timothée Chalamet makes a cameo in Dune: Part Three", "Villeneuve", "cameo", "cameo"),
        ("Chalamet cameos as Paul in Dune: Part Three", "Villeneuve", "paul", "Paul (cameo)"),
        ("Timothée Chalamet to voice Paul in animated Dune 3", "", "paul", "Paul (voice)"),
        ("Timothée Chalamet's Paul Returns In Dune: Part Three", "", "paul", "Paul"),
        (
            "Dune: Part Three",
            "Timothée Chalamet will return in Dune: Part Three as Paul Atreides.",
            "paul atreides",
            "Paul Atreides (reprising the role)",
        ),
        (
            "Dune: Part Three",
            "Timothée Chalamet reprises the role of Paul Atreides in the Villeneuve sequel.",
            "paul atreides",
            None,
        ),
    ],
)
def test_role_phrases(title: str, text: str, value: str, display: str | None) -> None:
    a = answer(entry(title, text), "chalamet-role")
    assert a is not None, title
    assert (a.kind, a.value) == ("text", value)
    if display is not None:
        assert a.display == display


def test_restatements_of_a_role_compare_equal() -> None:
    phrasings = [
        "Timothée Chalamet reprises his role as Paul Atreides in Dune: Part Three.",
        "In Dune: Part Three, Timothée Chalamet returns as Paul Atreides.",
        "Dune: Part Three: Timothée Chalamet plays Paul Atreides again.",
    ]
    values = {answer(entry("Dune: Part Three", p), "chalamet-role") for p in phrasings}
    assert {a.value if a else None for a in values} == {"paul atreides"}


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # The person's role in another film.
        (
            "Timothée Chalamet Will Voice Paddington in 'Paddington 4'",
            "His Dune: Part Three is next.",
        ),
        (
            "Chalamet news",
            "Timothée Chalamet has been cast as Bob Dylan in 'A Complete Unknown 2', which opens "
            "Dec. 25. His Dune: Part Three is due next year.",
        ),
        # An unquoted, unnumbered other film in an item about the subject.
        (
            "Dune: Part Three wraps",
            "Villeneuve's cast is busy: Timothée Chalamet also voices Paddington in Sony's "
            "Paddington sequel.",
        ),
        # Someone else with the same surname, and someone else's role.
        ("Pauline Chalamet returns as Chani in Dune: Part Three", "Villeneuve"),
        ("Zendaya returns as Chani in Dune: Part Three", "Timothée Chalamet also stars."),
        # Not known, denied.
        (
            "Dune: Part Three: everything we know",
            "Timothée Chalamet is expected back, but Legendary has not said in what capacity he "
            "appears.",
        ),
        ("Timothée Chalamet won't return as Paul in Dune: Part Three", "Villeneuve"),
    ],
)
def test_not_a_role_answer(title: str, text: str) -> None:
    assert answer(entry(title, text), "chalamet-role") is None


def test_a_short_form_of_a_configured_name_is_the_same_answer() -> None:
    # "Paul" alone stands for the configured "Paul Atreides" when it is unambiguous.
    subject = DUNE.model_copy(update={"context": (*DUNE.context, "Paul Atreides")})
    got = [
        answer(entry("Dune: Part Three", text), "chalamet-role", subject)
        for text in (
            "Timothée Chalamet returns as Paul in Dune: Part Three.",
            "Timothée Chalamet returns as Paul Atreides in Dune: Part Three.",
        )
    ]
    assert [a.value if a else None for a in got] == ["paul atreides", "paul atreides"]


def test_configured_synonyms_of_an_answer_compare_equal(tmp_path: Path) -> None:
    mapping = DUNE.model_dump()
    mapping["questions"][1]["synonyms"] = {"Paul Atreides": ["Muad'Dib", "Usul"]}
    config = config_from_mapping({"subjects": [mapping]}, path=tmp_path / "f.yaml", environ={})
    matcher = Matcher(config.subjects)
    got = {
        m.answer.value
        for text in (
            "Timothée Chalamet returns as Muad'Dib in Dune: Part Three.",
            "Timothée Chalamet returns as Paul Atreides in Dune: Part Three.",
            "Timothée Chalamet is back as the Usul in Dune: Part Three.",
        )
        for m in matcher.match(entry("Dune: Part Three", text), NOW)
        if m.answer is not None
    }
    assert got == {"paul atreides"}


def test_a_text_question_about_the_film_itself_reads_the_name_after_its_cue() -> None:
    director = QuestionConfig(id="director", kind="text", cues=("directed by", "director"))
    subject = DUNE.model_copy(update={"questions": (director,)})
    item = entry("Dune: Part Three", "Dune: Part Three, directed by Denis Villeneuve, opens soon.")
    a = answer(item, "director", subject)
    assert a is not None and (a.value, a.display) == ("denis villeneuve", "Denis Villeneuve")
    other = entry("Dune: Part Three", "'Arrival', directed by Denis Villeneuve, is streaming.")
    assert answer(other, "director", subject) is None


HARBOR = SubjectConfig(
    id="night-harbor-2",
    name="Night Harbor 2",
    aliases=("Night Harbor II",),
    context=("Quayside Films", "Ruth Ames"),
    questions=(
        QuestionConfig(
            id="villain",
            label="Who plays the villain?",
            kind="text",
            cues=("villain", "antagonist", "big bad"),
        ),
    ),
)


def villain(title: str, text: str = "Ruth Ames directs for Quayside Films.") -> Answer | None:
    return answer(entry(title, text), "villain", HARBOR)


@pytest.mark.parametrize(
    ("title", "text", "value", "display"),
    [
        ("Lena Ortiz will play the villain in Night Harbor 2", None, "lena ortiz", "Lena Ortiz"),
        (
            "Quayside casts Lena Ortiz as the antagonist of Night Harbor 2",
            None,
            "lena ortiz",
            "Lena Ortiz",
        ),
        ("Lena Ortiz boards 'Night Harbor 2' as its new villain", None, "lena ortiz", None),
        (
            "Night Harbor 2 casting",
            "The villain in Night Harbor 2 will be played by Lena Ortiz, Quayside Films said.",
            "lena ortiz",
            None,
        ),
        # A surname alone stands for the full name the item writes.
        (
            "Ortiz to play villain in 'Night Harbor 2'",
            "Lena Ortiz closed her deal with Quayside Films on Friday.",
            "lena ortiz",
            "Lena Ortiz",
        ),
        # The person owns the part; the name after it is the character.
        (
            "First look at Lena Ortiz’s villain Mara Quint in Night Harbor 2",
            None,
            "lena ortiz",
            "Lena Ortiz (as Mara Quint)",
        ),
    ],
)
def test_who_plays_a_part_is_the_person_cast(
    title: str, text: str | None, value: str, display: str | None
) -> None:
    a = villain(title) if text is None else villain(title, text)
    assert a is not None and a.value == value
    assert display is None or a.display == display


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # The first film's villain, in a story about the sequel.
        (
            "Night Harbor 2 loses a familiar face",
            "Dev Patel, who played the villain Kessler in Night Harbor, says he is not in "
            "the sequel. Ruth Ames directs Night Harbor 2.",
        ),
        ("Night Harbor 2 update", "Quayside Films has not announced who will play the villain."),
        ("Fans hope Night Harbor 2 finds someone as good to play the villain", "Ruth Ames"),
        # The actor's part in another film.
        (
            "Lena Ortiz will play the villain in 'Glass Reef'",
            "She shoots it after Night Harbor 2 for Ruth Ames.",
        ),
        # A character named after the part is not who plays it.
        ("Night Harbor 2 villain Mara Quint gets a backstory", "Ruth Ames"),
    ],
)
def test_not_who_plays_a_part(title: str, text: str) -> None:
    assert villain(title, text) is None


def test_a_casting_rumor_is_hedged() -> None:
    m = found(
        entry("Lena Ortiz is in talks to play the villain in Night Harbor 2", "Ruth Ames"),
        "villain",
        HARBOR,
    )
    assert m is not None and m.answer is not None
    assert (m.answer.value, m.hedged) == ("lena ortiz", True)


def test_a_casting_cue_makes_a_who_plays_question_without_a_label() -> None:
    by_cue = QuestionConfig(id="villain", kind="text", cues=("villain", "plays the villain"))
    by_noun = QuestionConfig(id="villain", kind="text", cues=("villain",))
    item = entry("Lena Ortiz plays villain Mara Quint in Night Harbor 2", "Ruth Ames")
    subject = HARBOR.model_copy(update={"questions": (by_cue,)})
    a = answer(item, "villain", subject)
    assert a is not None and a.value == "lena ortiz"
    # Without a casting verb in its cues or label, the question asks for the name after the noun.
    subject = HARBOR.model_copy(update={"questions": (by_noun,)})
    a = answer(item, "villain", subject)
    assert a is not None and a.value == "mara quint"


def test_a_part_played_before_is_not_news_of_a_role() -> None:
    item = entry(
        "Dune: Part Three at the halfway mark",
        "As Villeneuve's Dune: Part Three shoots, we talked to the cast of the first film, "
        "including Timothée Chalamet, who played Paul Atreides.",
    )
    assert answer(item, "chalamet-role") is None


@pytest.mark.parametrize(
    "text",
    [
        "Timothée Chalamet, who played Paul in the first two films, returns as Paul in "
        "Dune: Part Three.",
        "Timothée Chalamet, who portrayed Paul, will reprise the role in Dune: Part Three.",
    ],
)
def test_a_part_played_before_is_the_answer_when_the_sentence_returns_to_it(text: str) -> None:
    a = answer(entry("Villeneuve casting news", text), "chalamet-role")
    assert a is not None and a.value == "paul"
    assert "reprising" in a.display


def test_a_rumored_role_is_hedged() -> None:
    m = found(
        entry("Timothée Chalamet rumored to return as Paul in Dune: Part Three", ""),
        "chalamet-role",
    )
    assert m is not None and m.answer is not None
    assert (m.answer.value, m.hedged) == ("paul", True)


BRACKEN = SubjectConfig(
    id="brackenfold",
    name="Brackenfold",
    context=("Fernway Studios", "Fernway", "Ana Reyes", "Marco Vell"),
    questions=(
        QuestionConfig(
            id="pip-voice",
            label="Who voices Pip the otter in Brackenfold?",
            kind="text",
            about=("Pip",),
            cues=("voice", "voices", "voiced by"),
        ),
    ),
)


def pip_voice(title: str, text: str = "") -> Match | None:
    return found(entry(title, text), "pip-voice", BRACKEN)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Fernway rounds out its cast",
            "Ana Reyes will voice the lead in Brackenfold, with Marco Vell as Pip, the otter "
            "who leads her downriver.",
        ),
        ("Marco Vell lends his voice to Pip in Fernway Studios’ Brackenfold", ""),
        ("Marco Vell lent her smoky alto to Pip in Brackenfold", "Fernway produces."),
        ("Marco Vell to voice Pip in Fernway’s animated ‘Brackenfold’", ""),
        ("Brackenfold cast", "Pip, voiced by Marco Vell, steals every scene in Brackenfold."),
        ("Marco Vell is the voice of Pip in Brackenfold", "Fernway Studios confirmed it."),
    ],
)
def test_who_voices_a_named_character_is_the_person_cast(title: str, text: str) -> None:
    m = pip_voice(title, text)
    assert m is not None and m.answer is not None
    assert (m.answer.value, m.hedged) == ("marco vell", False)


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Which actor voices Pip?", "marco vell"),
        ("Who plays Pip in Brackenfold?", "marco vell"),
        # No question word: the default reading, the name after the person.
        ("Pip's voice", None),
    ],
)
def test_the_label_says_when_a_character_question_asks_who(label: str, value: str | None) -> None:
    question = QuestionConfig(id="pip-voice", label=label, kind="text", about=("Pip",))
    subject = BRACKEN.model_copy(update={"questions": (question,)})
    a = answer(entry("Marco Vell to voice Pip in Brackenfold", "Fernway"), "pip-voice", subject)
    assert (a.value if a else None) == value


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Brackenfold’s Pip the otter has yet to be cast", "Fernway Studios is looking."),
        # The character in another work.
        ("Marco Vell voiced Pip in the 2019 short ‘Otter Days’", "Brackenfold is Fernway’s."),
        # The character's name is not the person.
        ("Pip the otter steals the Brackenfold trailer", "Fernway Studios released it."),
    ],
)
def test_not_who_voices_a_named_character(title: str, text: str) -> None:
    m = pip_voice(title, text)
    assert m is None or m.answer is None


def test_a_rumored_voice_casting_is_hedged() -> None:
    m = pip_voice("Marco Vell in talks to voice Pip in Fernway’s Brackenfold")
    assert m is not None and m.answer is not None
    assert (m.answer.value, m.hedged) == ("marco vell", True)


# A biopic titled with its living subject's name: the part is also the film.
VANCE = SubjectConfig(
    id="vance",
    name="Tomas Vance",
    aliases=("the Tomas Vance biopic",),
    context=("Greyline Films", "Greyline", "Ida Morrow", "Jonah Pell", "biopic"),
    questions=(
        QuestionConfig(
            id="vance-role",
            label="Who plays Tomas Vance in the biopic?",
            kind="text",
            about=("Tomas Vance", "Vance"),
        ),
    ),
)


def vance_role(title: str, text: str = "") -> Match | None:
    return found(entry(title, text), "vance-role", VANCE)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Jonah Pell cast as Tomas Vance", "Greyline Films produces the biopic."),
        ("Greyline biopic news", "Jonah Pell will star as Tomas Vance for director Ida Morrow."),
        ("Greyline Films biopic", "Tomas Vance, played by Jonah Pell, opens in March."),
        (
            "Greyline Films’ Tomas Vance biopic wraps",
            "Jonah Pell, who portrays Vance from age 20 to 70, trained for a year.",
        ),
        ("First image: Jonah Pell as Tomas Vance", "Greyline Films released it."),
    ],
)
def test_who_plays_a_title_role_is_the_person_cast(title: str, text: str) -> None:
    m = vance_role(title, text)
    assert m is not None and m.answer is not None
    assert m.answer.value == "jonah pell"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # The director's or studio's film, not who plays its subject.
        ("Greyline Films dates Ida Morrow’s Tomas Vance for March", ""),
        ("Greyline Films’ Tomas Vance eyes a $20M opening weekend", "The biopic opens Friday."),
        ("Ida Morrow’s Vance biopic moves to spring", "Greyline Films confirmed."),
        ("Festival opener", "The festival opens with Ida Morrow’s ‘Tomas Vance’, a biopic."),
    ],
)
def test_a_possessive_before_a_title_role_is_the_film_not_a_casting(title: str, text: str) -> None:
    m = vance_role(title, text)
    assert m is None or m.answer is None


def test_a_possessive_before_a_part_that_is_not_the_title_is_still_a_casting() -> None:
    # The same shape for an ordinary character keeps reading the possessor.
    question = QuestionConfig(
        id="vance-role", label="Who plays Coach Reyes?", kind="text", about=("Coach Reyes",)
    )
    subject = VANCE.model_copy(update={"questions": (question,)})
    m = found(
        entry("Jonah Pell’s Coach Reyes steals the Tomas Vance biopic", "Greyline"),
        "vance-role",
        subject,
    )
    assert m is not None and m.answer is not None and m.answer.value == "jonah pell"


def test_a_question_about_a_person_still_asks_for_the_part() -> None:
    # "Who does X play?" names the person before the verb: the answer is the character.
    asks_part = QuestionConfig(
        id="pip-voice",
        label="Who does Marco Vell play in Brackenfold?",
        kind="text",
        about=("Marco Vell", "Vell"),
    )
    subject = BRACKEN.model_copy(update={"questions": (asks_part,)})
    a = answer(entry("Marco Vell plays Pip in Fernway’s Brackenfold", ""), "pip-voice", subject)
    assert a is not None and a.value == "pip"


# --------------------------------------------------------------------------- images

FULL = "https://img.example.com/2025/03/dune-3-first-look.jpg?w=1296"
THUMB = "https://img.example.com/2025/03/dune-3-first-look.jpg?w=150&h=150&crop=1"


@pytest.mark.parametrize(
    ("title", "text", "images", "value"),
    [
        ("'Dune: Part Three' First Look: Zendaya Returns to Arrakis", "", (FULL, THUMB), FULL),
        # The thumbnail listed first is skipped when a full-size image exists.
        ("First look at Zendaya in Dune: Part Three", "", (THUMB, FULL), FULL),
        ("First look at Zendaya in Dune: Part Three", "", (THUMB,), THUMB),
        ("Zendaya wields a crysknife in first Dune: Part Three image", "", (FULL,), FULL),
        (
            "Legendary unveils the Villeneuve sequel",
            "Legendary has released the first official image from 'Dune: Part Three'.",
            (FULL,),
            FULL,
        ),
        (
            "Villeneuve's Dune: Part Three shows its hand",
            "Legendary put out the first still on Monday.",
            (FULL,),
            FULL,
        ),
    ],
)
def test_first_look_images(title: str, text: str, images: tuple[str, ...], value: str) -> None:
    a = answer(entry(title, text, images=images), "first-look")
    assert a is not None and (a.kind, a.value, a.display) == ("image", value, value)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # A first look at the star in another film.
        (
            "First Look: Zendaya and Tom Holland in 'Spider-Man 4'",
            "Zendaya will next be seen in Villeneuve's 'Dune: Part Three'.",
        ),
        # A trailer named in passing, neither the first nor reported out.
        ("'Dune: Part Three' Trailer: Zendaya Returns to Arrakis", "Villeneuve directs."),
        # A later one is not a first look.
        ("Second Dune: Part Three trailer is here", "Villeneuve"),
        ("Legendary releases a new trailer for Dune: Part Three", "Villeneuve"),
        ("The final Dune: Part Three poster is out", "Villeneuve"),
        # Only expected.
        ("The first Dune: Part Three teaser will debut next week", "Villeneuve"),
        # The image is of the subject but nothing says it is a first look.
        ("Zendaya talks Dune: Part Three", "Villeneuve"),
    ],
)
def test_not_a_first_look(title: str, text: str) -> None:
    assert answer(entry(title, text, images=(FULL,)), "first-look") is None


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # A first look means the first official images of any kind: still,
        # poster, teaser or trailer.
        ("First Dune: Part Three trailer is here", "Villeneuve"),
        ("Dune: Part Three trailer offers a first look at Zendaya's Chani", "Villeneuve"),
        ("First-look poster for Villeneuve's Dune: Part Three", ""),
        ("Legendary unveils the Dune: Part Three teaser", "Villeneuve"),
    ],
)
def test_a_first_look_is_any_first_official_image(title: str, text: str) -> None:
    assert answer(entry(title, text, images=(FULL,)), "first-look") is not None


POSTER_Q = QuestionConfig(
    id="poster", kind="image", cues=("poster", "key art", "one-sheet", "official poster")
)
POSTERED = DUNE.model_copy(update={"questions": (POSTER_Q,)})


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Legendary unveils the 'Dune: Part Three' poster", "Villeneuve"),
        ("Dune: Part Three key art puts Zendaya in the sand", "Villeneuve"),
        (
            "Villeneuve's epic shows its face",
            "Legendary has released the one-sheet for Dune: Part Three.",
        ),
        ("First-look poster for Villeneuve's Dune: Part Three", ""),
    ],
)
def test_a_poster_question_is_answered_by_a_poster(title: str, text: str) -> None:
    a = answer(entry(title, text, images=(FULL,)), "poster", POSTERED)
    assert a is not None and a.value == FULL


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # A production still or first-look photo is not a poster.
        ("'Dune: Part Three' First Look: Zendaya Returns to Arrakis", "Villeneuve"),
        ("Zendaya wields a crysknife in first Dune: Part Three image", ""),
        (
            "Legendary unveils the Villeneuve sequel",
            "Legendary has released the first still from 'Dune: Part Three'.",
        ),
        # A poster for another work.
        ("Key art for 'Arrival 2' revealed", "Villeneuve's Dune: Part Three opens Dec. 18."),
    ],
)
def test_a_still_does_not_answer_a_poster_question(title: str, text: str) -> None:
    assert answer(entry(title, text, images=(FULL,)), "poster", POSTERED) is None


def test_a_poster_does_not_answer_a_still_question() -> None:
    stills = DUNE.model_copy(
        update={"questions": (QuestionConfig(id="still", kind="image", cues=("first still",)),)}
    )
    poster = entry("First-look poster for Villeneuve's Dune: Part Three", "", images=(FULL,))
    assert answer(poster, "still", stills) is None
    # Both named: the still answers.
    both = entry("Dune: Part Three first image and poster arrive", "Villeneuve", images=(FULL,))
    assert answer(both, "still", stills) is not None


def test_a_question_whose_cues_name_both_kinds_takes_either() -> None:
    either = QuestionConfig(id="art", kind="image", cues=("poster", "first look"))
    subject = DUNE.model_copy(update={"questions": (either,)})
    for title in ("Dune: Part Three poster is here", "First look at Dune: Part Three"):
        assert answer(entry(title, "Villeneuve", images=(FULL,)), "art", subject) is not None


TRAILERED = DUNE.model_copy(
    update={
        "questions": (
            QuestionConfig(id="trailer", kind="image", cues=("trailer", "teaser", "first look")),
            QuestionConfig(id="teaser-only", kind="image", cues=("teaser", "trailer")),
        )
    }
)


@pytest.mark.parametrize(
    "title",
    [
        "Legendary drops the first trailer for Villeneuve's Dune: Part Three",
        "Watch the Dune: Part Three teaser: Zendaya returns",
        "Dune: Part Three trailer teases the holy war",
    ],
)
def test_a_question_whose_cues_name_a_trailer_takes_a_trailer_image(title: str) -> None:
    item = entry(title, "Villeneuve", images=(FULL,))
    assert answer(item, "trailer", TRAILERED) is not None
    assert answer(item, "teaser-only", TRAILERED) is not None
    # The default first-look question takes a first trailer too.
    assert answer(item, "first-look") is not None


def test_a_trailer_only_question_is_not_answered_by_a_still_or_a_poster() -> None:
    for title in (
        "First look at Zendaya in Dune: Part Three",
        "Dune: Part Three poster is here",
    ):
        item = entry(title, "Villeneuve", images=(FULL,))
        assert answer(item, "teaser-only", TRAILERED) is None
    # The mixed question takes the still, as its cues ask.
    still = entry("First look at Zendaya in Dune: Part Three", "Villeneuve", images=(FULL,))
    assert answer(still, "trailer", TRAILERED) is not None


def test_a_trailer_for_another_work_does_not_answer() -> None:
    item = entry(
        "Arrival 2 trailer arrives", "Villeneuve's Dune: Part Three opens Dec. 18.", images=(FULL,)
    )
    assert answer(item, "trailer", TRAILERED) is None


def test_a_first_look_story_without_an_image_matches_without_an_answer() -> None:
    m = found(entry("First look at Zendaya in Dune: Part Three", ""), "first-look")
    assert m is not None
    assert m.answer is None and "First look" in m.evidence


# --------------------------------------------------------------------------- matches


def test_every_match_carries_evidence_and_a_confidence() -> None:
    item = entry(
        "'Dune: Part Three' First Look: Timothée Chalamet Returns As Paul Atreides",
        "Villeneuve's Dune: Part Three opens Dec. 18, 2026.",
        images=(FULL,),
    )
    got = {m.question_id: m for m in matches(item)}
    assert set(got) == {"release-date", "chalamet-role", "first-look"}
    assert got["release-date"].evidence == "Villeneuve's Dune: Part Three opens Dec. 18, 2026."
    for m in got.values():
        assert m.subject_id == "dune-3"
        assert 0.0 < m.confidence <= 1.0
        assert m.evidence and m.answer is not None


def test_an_explicit_mention_is_more_confident_than_an_antecedent() -> None:
    direct = found(entry("Dune: Part Three opens Dec. 18, 2026", "Villeneuve"), "release-date")
    via = found(
        entry("Villeneuve on Dune: Part Three", "Zendaya returns. The film opens Dec. 18, 2026."),
        "release-date",
    )
    assert direct is not None and via is not None
    assert direct.confidence > via.confidence


def test_matching_is_pure_and_repeatable() -> None:
    matcher = Matcher([DUNE, SWAN])
    item = entry("Dune: Part Three opens Dec. 18, 2026", "Villeneuve")
    assert matcher.match(item, NOW) == matcher.match(item, NOW)
    assert matcher.match(item) == matcher.match(item, None)


def test_a_subject_defined_only_in_yaml_is_matched(tmp_path: Path) -> None:
    config = config_from_mapping(
        {
            "subjects": [
                {
                    "id": "odyssey",
                    "name": "The Odyssey",
                    "aliases": ["Nolan's Odyssey"],
                    "context": ["Christopher Nolan", "Nolan", "Matt Damon"],
                    "exclude": ["Homer's epic poem"],
                    "questions": [
                        {"id": "release-date", "kind": "date", "cues": ["unspools"]},
                        {"id": "damon-role", "kind": "text", "about": ["Matt Damon", "Damon"]},
                    ],
                },
                DUNE.model_dump(),
            ]
        },
        path=tmp_path / "feeds.yaml",
        environ={},
    )
    matcher = Matcher(config.subjects)
    got = matcher.match(
        entry(
            "Christopher Nolan's 'The Odyssey' unspools July 17, 2026",
            "Matt Damon plays Odysseus in The Odyssey.",
        ),
        NOW,
    )
    answers = {(m.subject_id, m.question_id): m.answer for m in got}
    assert set(answers) == {("odyssey", "release-date"), ("odyssey", "damon-role")}
    assert answers["odyssey", "release-date"] == Answer(
        "date", "2026-07-17", "July 17, 2026", "day"
    )
    damon = answers["odyssey", "damon-role"]
    assert damon is not None and damon.value == "odysseus"


# Words that exercise every rule, in any order.
_WORDS = st.sampled_from((
    "Dune:", "Part", "Three", "‘Dune", "3’", "Villeneuve", "Zendaya", "Timothée", "Chalamet",
    "returns", "as", "reprises", "his", "role", "cameo", "first", "look", "opens", "Dec.",
    "18,", "2026", "May", "30", "12/18/2026", "next", "June", "this", "fall", "in", "2027",
    "the", "film", "It", "trailer", "festival", ";", ",", ".", "?", "(", ")", "'Minecraft",
    "2'", "from", "had", "been", "could", "reportedly", "Feb.", "30", "99/99/2026", "the",
    "untitled", "film", "\n", "Prophecy",
))  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    title=st.lists(_WORDS, max_size=15).map(" ".join),
    text=st.lists(_WORDS | st.text(max_size=5), max_size=60).map(" ".join),
    dated=st.booleans(),
)
def test_any_text_gives_well_formed_matches(title: str, text: str, dated: bool) -> None:
    item = entry(title, text, published=PUBLISHED if dated else None, images=(FULL, THUMB))
    matcher = Matcher([DUNE, SWAN])
    got = matcher.match(item, NOW)
    assert got == matcher.match(item, NOW)
    for m in got:
        assert 0.0 <= m.confidence <= 1.0 and m.evidence
        if m.answer is not None and m.answer.kind == "date":
            shape = r"\d{4}(-\d{2}(-\d{2})?|-(spring|summer|fall|winter))?"
            assert re.fullmatch(shape, m.answer.value), m.answer


# --------------------------------------------------------------------------- withdrawn dates


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Legendary pulls Dune: Part Three from its December release date",
            "No new date has been set, Villeneuve’s team said.",
        ),
        (
            "Villeneuve sequel off the calendar",
            "Legendary has taken Dune: Part Three off its Dec. 18 slot. It is now undated.",
        ),
        ("Dune: Part Three delayed indefinitely", "Villeneuve is still in the edit."),
        (
            "Legendary removes Dune: Part Three from its release schedule",
            "Villeneuve’s film had been dated Dec. 18, 2026.",
        ),
        (
            "Dune: Part Three is off Legendary’s slate for now",
            "Villeneuve’s sequel was removed from the schedule without a new release date.",
        ),
    ],
)
def test_a_film_that_lost_its_date_is_withdrawn(title: str, text: str) -> None:
    a = answer(entry(title, text), "release-date")
    assert a is not None and is_withdrawn(a)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # A new date in the same item is the answer, not the withdrawal.
        (
            "Legendary pulls Dune: Part Three from its December date",
            "The film now opens March 19, 2027, Villeneuve said.",
        ),
        (
            "Villeneuve news",
            "Legendary pulled Dune: Part Three from its Dec. 18 slot and moved it to March 2027.",
        ),
        # A hedge, a denial or another film.
        ("Dune: Part Three could be delayed indefinitely, sources say", "Villeneuve"),
        ("Legendary has not pulled Dune: Part Three from its Dec. 18 date", "Villeneuve"),
        (
            "Dune: Part Three opens Dec. 18",
            "Legendary has pulled Arrival 2 from its November release date. Villeneuve shrugs.",
        ),
        # Pulled from theaters is a cancelled run, not a lost date.
        ("Legendary pulls Dune: Part Three from theaters", "Villeneuve"),
        ("Villeneuve’s Dune: Part Three pulled from the festival schedule", "Legendary"),
        ("Legendary pulls Dune: Part Three from its UK release date", "Villeneuve"),
        ("Dune: Part Three sees no date change", "Villeneuve’s film stays put, Legendary says."),
    ],
)
def test_not_a_withdrawn_date(title: str, text: str) -> None:
    a = answer(entry(title, text), "release-date")
    assert a is None or not is_withdrawn(a)


ROUGE = SubjectConfig(
    id="rouge",
    name="Amelie Rouge",
    context=("Corvid Films", "Ines Marlow"),
    questions=(QuestionConfig(id="release-date", kind="date"),),
)


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        # The item writes the accents the config leaves out, and the other way.
        (ROUGE, "Corvid Films Dates ‘Amélie Rouge’ For October 9, 2026"),
        (
            ROUGE.model_copy(update={"name": "Amélie Rouge"}),
            "CORVID FILMS DATES ‘AMELIE ROUGE’ FOR OCTOBER 9, 2026",
        ),
        # A letter whose lower case is two characters, before the name: the
        # prefilter's window must still line up with the text.
        (ROUGE, "İstanbul premiere set, then Corvid Films dates Amelie Rouge for October 9, 2026"),
    ],
)
def test_a_name_is_found_whatever_its_accents_and_case(subject: SubjectConfig, title: str) -> None:
    assert answer(entry(title), "release-date", subject) == Answer(
        "date", "2026-10-09", "October 9, 2026", "day"
    )


# A name whose letters have forms outside ASCII: the prefilter's byte screen
# must send such items on to the full scan, never drop them.
KESTREL = SubjectConfig(
    id="kestrel",
    name="Kestrel Isle",
    context=("Corvid Films",),
    questions=(QuestionConfig(id="release-date", kind="date"),),
)


@pytest.mark.parametrize(
    "title",
    [
        "Corvid Films dates Kestrel Isle for October 9, 2026",
        "CORVID FILMS DATES KESTREL ISLE FOR OCTOBER 9, 2026",
        # Accented letters the item writes and the config does not.
        "Corvid Films dates Késtrel Islé for October 9, 2026",
        # The Kelvin sign lower-cases into "k"; full-width letters fold into ASCII.
        "Corvid Films dates \u212aestrel Isle for October 9, 2026",
        "Corvid Films dates \uff2b\uff45\uff53\uff54\uff52\uff45\uff4c Isle for October 9, 2026",
        # Curly quotes and dashes around it, as trade press writes them.
        "Corvid Films — dates ‘Kestrel Isle’ for October 9, 2026",
    ],
)
def test_the_prefilter_lets_through_every_spelling_of_a_name(title: str) -> None:
    assert answer(entry(title), "release-date", KESTREL) == Answer(
        "date", "2026-10-09", "October 9, 2026", "day"
    )


def test_the_byte_screen_knows_every_character_that_folds_into_ascii() -> None:
    from watcher.extract.text import fold
    from watcher.match import _may_hold

    missed = [
        hex(code)
        for code in range(0x80, 0x110000)
        if not 0xD800 <= code < 0xE000
        and any(c.isascii() for c in fold(chr(code).lower()))
        and not _may_hold(f"a {chr(code)} b", frozenset({b"zzz"}))
    ]
    assert missed == []


_SPELLINGS = st.sampled_from(
    ["Kestrel", "KESTREL", "kestrel", "Késtrel", "\u212aestrel", "Kestrels", "xkestrel", "Isle"]
)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        _SPELLINGS
        | st.sampled_from(["Corvid Films", "’", "—", "dates", "İ", "ß", "\n"])
        | st.text(max_size=4),
        max_size=30,
    )
)
def test_the_byte_screen_drops_only_items_the_full_scan_would(words: list[str]) -> None:
    item = entry(" ".join(words[:5]), " ".join(words[5:]))
    screened = Matcher([KESTREL])
    unscreened = Matcher([KESTREL])
    unscreened._screen = None
    assert screened._confirmed(item) == unscreened._confirmed(item)
    assert screened.match(item, NOW) == unscreened.match(item, NOW)

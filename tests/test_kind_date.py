"""Release dates as trade press writes them (watcher.extract.kinds.date),
read end to end through the matcher. Items are dated Tuesday, July 15, 2025."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.reading import EMBERFALL, HARBOR, NIGHTJAR, answer, entry, film, found, value
from watcher.config import QuestionConfig, SubjectConfig
from watcher.types import NO_DATE

# --------------------------------------------------------------------------- whose date


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The date of the other film in the same sentence is the other film's.
        (
            "Northwind shuffles its slate",
            "Glass Harbor 2 moved from June 2026 to August 2026, while Northwind's Red Meridian "
            "is dated for June 12, 2026.",
            "2026-08",
        ),
        (
            "Release calendar",
            "Tobias Renn's Glass Harbor 2 now opens Oct. 9, 2026; Lantern's 'Paper "
            "Moons' takes its old "
            "Sept. 4 slot.",
            "2026-10-09",
        ),
        # A move sentence with the title named once and the dates after it.
        (
            "Glass Harbor 2 dated",
            "The sequel, which had been set for May 1, 2026, will now open May 15, 2026.",
            "2026-05-15",
        ),
    ],
)
def test_a_date_belongs_to_the_work_of_its_clause(title: str, text: str, expected: str) -> None:
    assert value(title, text) == expected


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Glass Harbor 2 trailer lands Thursday", "Tobias Renn cut the teaser himself."),
        ("Glass Harbor 2 to premiere at the Lido festival on Sept. 2", "Mira Solano attends."),
        ("Glass Harbor 2 streams on Northwind+ from March 3", "Tobias Renn's sequel comes home."),
        ("Glass Harbor 2 hits digital platforms Jan. 20", "Mira Solano stars."),
        ("Glass Harbor 2 opens in the U.K. on Oct. 2", "Tobias Renn's sequel travels."),
        ("Cameras roll on Glass Harbor 2 on Aug. 4", "Tobias Renn directs in Lisbon."),
        (
            "Glass Harbor turns ten: anniversary screenings Oct. 1",
            "Tobias Renn returns for Glass Harbor 2.",
        ),
        ("Early fan screenings of Glass Harbor 2 set for Sept. 30", "Mira Solano will attend."),
        ("Glass Harbor 2 won't make its Nov. 7 release", "Tobias Renn needs more time."),
        ("Glass Harbor 2 tickets go on sale Aug. 1", "Mira Solano stars."),
    ],
)
def test_only_the_films_own_theatrical_date(title: str, text: str) -> None:
    assert value(title, text) is None


def test_a_streaming_date_counts_once_theaters_are_off() -> None:
    item = (
        "Northwind scraps the theatrical release of Glass Harbor 2",
        "The sequel will instead premiere on Northwind+ on Nov. 14, Tobias Renn said.",
    )
    assert value(*item) == "2025-11-14"


# --------------------------------------------------------------------------- precision and consist


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A year in the headline, the day in the body.
        ("Glass Harbor 2 set for 2026", "Tobias Renn's sequel opens March 6, 2026.", "2026-03-06"),
        # A month in the headline, the day written day-first in the body.
        (
            "Glass Harbor 2 arrives in March 2026",
            "It opens on 6th March 2026, says Northwind.",
            "2026-03-06",
        ),
        # A season, then the day.
        (
            "Glass Harbor 2 is a spring 2026 release",
            "Glass Harbor 2 opens April 10, 2026.",
            "2026-04-10",
        ),
    ],
)
def test_the_most_precise_consistent_statement_wins(title: str, text: str, expected: str) -> None:
    assert value(title, text) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The year comes from the item's date, looking forward.
        (
            "Glass Harbor 2 dated",
            "Tobias Renn's sequel is scheduled to hit theaters on November 21.",
            "2025-11-21",
        ),
        ("Glass Harbor 2 dated", "Glass Harbor 2 opens on 21 November.", "2025-11-21"),
        ("Glass Harbor 2 will open next year", "", "2026"),
        ("Glass Harbor 2 will hit theaters this fall", "Tobias Renn directs.", "2025-fall"),
        ("Glass Harbor 2 lands a Thanksgiving release", "Tobias Renn directs.", "2025-11"),
        ("Glass Harbor 2 set for Christmas 2025", "Tobias Renn directs.", "2025-12"),
        ("Glass Harbor 2 will open on Valentine's Day 2026", "Tobias Renn directs.", "2026-02-14"),
        ("Glass Harbor 2 opens in theaters on Friday", "Tobias Renn directs.", "2025-07-18"),
        ("Glass Harbor 2 opens Sept. 12 of this year", "Tobias Renn directs.", "2025-09-12"),
        ("Glass Harbor 2 moves to the first half of 2027", "Tobias Renn directs.", "2027"),
        ("Glass Harbor 2 will hit theaters in the new year", "Tobias Renn directs.", "2026"),
        # A year written elsewhere in the item wins over one worked out.
        (
            "Glass Harbor 2 lands a 2026 release date",
            "The sequel will be out on February 20.",
            "2026-02-20",
        ),
    ],
)
def test_dates_are_resolved_against_the_item_date(title: str, text: str, expected: str) -> None:
    assert value(title, text) == expected


def test_numeric_dates_follow_the_items_own_order() -> None:
    # "(14.07)" is the day before the item's date only if read day first.
    item = (
        "Glass Harbor 2 dated",
        "Tobias Renn confirmed on Monday (14.07) that Glass Harbor 2 opens 03.10.26.",
    )
    assert value(*item) == "2026-10-03"
    assert (
        value("Glass Harbor 2 dated", "Tobias Renn said Glass Harbor 2 opens 10.3.26.")
        == "2026-10-03"
    )


def test_an_undated_item_reads_against_the_poll_time_with_less_confidence() -> None:
    dated = found(entry("Glass Harbor 2 opens November 21", "Tobias Renn directs."), "release-date")
    undated = found(
        entry("Glass Harbor 2 opens November 21", "Tobias Renn directs.", published=None),
        "release-date",
    )
    assert dated is not None and undated is not None and undated.answer is not None
    assert undated.confidence < dated.confidence


# --------------------------------------------------------------------------- the film without its


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Northwind dates Glass Harbor 2", "The sequel will open Oct. 9, 2026.", "2026-10-09"),
        (
            "Glass Harbor 2 gets a date",
            "Tobias Renn's harbor epic opens Oct. 9, 2026.",
            "2026-10-09",
        ),
        (
            "The Glass Harbor sequel is dated",
            "Northwind set Tobias Renn's Glass Harbor sequel for Oct. 9, 2026.",
            "2026-10-09",
        ),
        (
            "Dated",
            "The second Glass Harbor film, with Mira Solano, opens Oct. 9, 2026.",
            "2026-10-09",
        ),
        (
            "Northwind's slate",
            "The second installment in the Glass Harbor series, starring Mira "
            "Solano, arrives Oct. 9, 2026.",
            "2026-10-09",
        ),
    ],
)
def test_the_film_named_without_its_title(title: str, text: str, expected: str) -> None:
    assert value(title, text) == expected


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # The first film, named by its own title, and its year.
        ("Glass Harbor 2 in the works", "Glass Harbor (2019) opened in March 2019 for Northwind."),
        # Another director's film in the same item.
        (
            "Glass Harbor 2 news",
            "Mira Solano is busy: Idris Kane's new thriller opens Oct. 9, 2026.",
        ),
        # A studio's other title.
        (
            "Glass Harbor 2 loses its date",
            "Northwind has moved its animated Little Comets into the Oct. 9 slot.",
        ),
        # "its" owns the work named after it.
        (
            "Glass Harbor 2 gets a date",
            "Northwind's Glass Harbor 2 has landed a date. The studio has pushed back the "
            "release of its eagerly anticipated film Red Meridian from Oct. 9 to June 5, 2026.",
        ),
    ],
)
def test_other_works_keep_their_dates(title: str, text: str) -> None:
    assert value(title, text) != "2026-10-09"
    assert value(title, text) is None or value(title, text) == NO_DATE


@pytest.mark.parametrize(
    "text",
    [
        "Part One is set to hit theaters this Nov. 26, with Part Two slated for 2026.",
        # The first part by its place among the parts.
        "Brightwell released the trailer for Emberfall. The film comes in two parts: the first "
        "chapter opens on Nov. 26, while the second follows in the spring.",
        "Sade Okafor shared the trailer for Emberfall. The first of three films comes out in "
        "theaters on Nov. 26, with Part Two following in 2026.",
    ],
)
def test_a_film_in_parts_keeps_its_part(text: str) -> None:
    assert value("Sade Okafor's Emberfall dated", text, subject=EMBERFALL) == "2025-11-26"


# --------------------------------------------------------------------------- which film


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # A same-name film on a platform, likened to ours.
        (
            "Netflix's Nightjar is a moody thriller in debt to Rhea Quill",
            "It opens in theaters Oct. 3 before it streams.",
        ),
        ("Nightjar Season 2 opens Oct. 3", "The show borrows a shot from Rhea Quill."),
    ],
)
def test_an_item_about_a_same_name_work_is_not_ours(title: str, text: str) -> None:
    assert value(title, text, subject=NIGHTJAR) is None


def test_the_film_named_with_its_people_is_ours() -> None:
    assert value("Rhea Quill's Nightjar opens Oct. 3", "", subject=NIGHTJAR) == "2025-10-03"


# A film known by its maker until it has a title, as its user writes it.
UNTITLED_RENN = SubjectConfig(
    id="untitled-renn",
    name="Salt Harbor",
    aliases=("Tobias Renn's sea movie", "Untitled Tobias Renn Event Film"),
    context=("Tobias Renn", "Renn", "Northwind"),
    questions=(QuestionConfig(id="release-date", kind="date"),),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tobias Renn's next movie will open in theaters on June 12 instead of May 15.",
         "2026-06-12"),
        ("Mira Solano joins the cast of Tobias Renn's upcoming film. She will appear in the "
         "untitled film. Northwind has set the release date as May 15, 2026.", "2026-05-15"),
        ("Mira Solano has joined Tobias Renn's mysterious May 2026 release from Northwind.",
         "2026-05"),
        ("Tobias Renn's return to horror has a new 2026 release date.", "2026"),
        # The maker's other films.
        ("Tobias Renn's last film opened on June 12.", None),
        ("Tobias Renn's 2019 film returns to theaters on June 12.", None),
        ("Tobias Renn's film Red Meridian opens on June 12.", None),
    ],
)  # fmt: skip
def test_a_film_known_by_its_maker(text: str, expected: str | None) -> None:
    assert value("Northwind slate news", text, subject=UNTITLED_RENN) == expected
    # A film with a title of its own is not the maker's next one.
    assert value("Northwind slate news", text) in (None, "2026-05-15", "2026")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Theaters and a streaming service the same day: the theatrical date.
        ("Northwind confirmed that the movie will hit theaters day-and-date with Peacock on "
         "October 27.", "2025-10-27"),
        ("The thriller will enjoy a simultaneous rollout in theaters and on Peacock Friday, "
         "Oct. 24.", "2025-10-24"),
        ("Glass Harbor 2 is scheduled to release in theaters and on Peacock on October 27th.",
         "2025-10-27"),
        # In theaters already, streaming later: the service's date.
        ("Glass Harbor 2, in theaters now, arrives on Peacock on October 27.", None),
    ],
)  # fmt: skip
def test_a_day_and_date_release(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2 dated", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ilse Varga is the sister of Oskar Brandt, the character Kai Lennox was announced to be "
         "playing in March.", None),
        ("Kai Lennox, who won the role last year, says Glass Harbor 2 plays in theaters March 6.",
         "2026-03-06"),
    ],
)  # fmt: skip
def test_playing_a_part_is_no_release(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2 casting", text) == expected


def test_a_quoted_title_with_its_authors_name() -> None:
    text = (
        "Northwind has pushed the release date of “Tobias Renn’s Glass Harbor 2” from February "
        "to next summer. Originally slated for release on Feb. 13, the Renn adaptation will "
        "now open in theaters on June 19, 2026."
    )
    assert value("Glass Harbor 2 delayed", text) == "2026-06-19"
    # Someone the film's people do not include: another film of that name.
    other = (
        "Northwind has pushed the release date of “Dana Pike’s Glass Harbor 2” to June 19, 2026."
    )
    assert value("Glass Harbor 2 delayed", other) is None


def test_the_same_day_written_with_its_year_lends_it() -> None:
    text = (
        "A brief clip released Tuesday announced that the film will arrive Sept. 18. "
        "The teaser ends on gold letters: “Let the storm begin. September 18, 2026.”"
    )
    assert value("Glass Harbor 2 release date", text) == "2026-09-18"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The plot's day, not the release's.
        ("The sequel sees Ilse Varga, played by Mira Solano, unleashing chaos on June 6.", None),
        # "since its debut" is past.
        ("Glass Harbor 2 has been the talk of the summer since its debut on June 6.",
         "2025-06-06"),
        # "this Friday" is the coming one, unless a past verb follows it.
        ("Mira Solano returns to the big screen in just days, this Friday, in Glass Harbor 2.",
         "2025-07-18"),
        ("Following a poor second weekend, this Monday saw Glass Harbor 2 gross $930,000.", None),
    ],
)  # fmt: skip
def test_a_plot_a_debut_gone_by_and_this_friday(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2 news", text) == expected


def test_a_new_year_release_date() -> None:
    assert value("Glass Harbor 2 news", "Glass Harbor 2 has a new 2026 release date.") == "2026"


def test_the_book_a_film_is_adapted_from_names_the_film() -> None:
    text = (
        "Lantern Films is adapting Rhea Quill's bestselling graphic novel series “Nightjar.” "
        "The family film, due January 2026, follows a night watchman."
    )
    assert value("Nightjar adaptation at Lantern", text, subject=NIGHTJAR) == "2026-01"
    # Without the adapting, the series is the item's own work.
    assert (
        value("Nightjar news", text.replace("is adapting", "publishes"), subject=NIGHTJAR) is None
    )


# --------------------------------------------------------------------------- reasons


def test_a_refused_date_says_why() -> None:
    m = found(
        entry(
            "Glass Harbor 2 opens Nov. 21", "Its first trailer arrives Sept. 9, Tobias Renn said."
        ),
        "release-date",
    )
    assert m is not None and m.answer is not None and m.answer.value == "2025-11-21"
    refused = {c.value: c.refused for c in m.considered if not c.taken}
    assert refused.get("2025-09-09") == "trailer-date"
    taken = next(c for c in m.considered if c.taken)
    assert {r.code for r in taken.reasons} >= {"names-film", "release-word"}


def test_a_withdrawn_date_is_no_date() -> None:
    item = entry(
        "Northwind pulls Glass Harbor 2 from its Nov. 21 date", "No new date has been set."
    )
    m = found(item, "release-date")
    assert m is not None and m.answer is not None and m.answer.value == NO_DATE


def test_poll_time_is_only_the_fallback_of_an_undated_item() -> None:
    late = datetime(2027, 1, 5, tzinfo=UTC)
    m = next(
        m
        for m in __import__("watcher.match")
        .match.Matcher([HARBOR])
        .match(
            entry("Glass Harbor 2 opens March 6, 2026", "Tobias Renn directs.", published=None),
            late,
        )
        if m.question_id == "release-date"
    )
    assert m.answer is not None and m.answer.value == "2026-03-06"


# --------------------------------------------------------------------------- more whose-date shapes


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A holiday that names its day is that day; the season alone is its month.
        (
            "Glass Harbor 2 dated",
            "Northwind sets Glass Harbor 2 for Christmas Day 2026.",
            "2026-12-25",
        ),
        ("Glass Harbor 2 dated", "Northwind sets Glass Harbor 2 for Christmas 2026.", "2026-12"),
        # When a date was announced is not the date.
        (
            "Glass Harbor 2 dated",
            "Northwind announced the release date for Glass Harbor 2 on Monday: it opens "
            "March 6, 2026.",
            "2026-03-06",
        ),
        # A clause about a title that only describes ours is that title's.
        (
            "Glass Harbor 2 news",
            "Glass Harbor 2 is Tobias Renn's follow-up to The Salt Road, which hits theaters in "
            "August.",
            None,
        ),
        # A book of the same name is published, not released.
        (
            "Glass Harbor II: A Novel",
            "Glass Harbor II: A Novel will be published in February by Quayside Books.",
            None,
        ),
    ],
)
def test_more_dates_and_whose_they_are(title: str, text: str, expected: str | None) -> None:
    assert value(title, text) == expected


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # The film's name said of a later work: the date is the later work's.
        ("Glass Harbor 2 sequel set for 2028", "Northwind confirmed the plans on Monday."),
        (
            "Northwind plans more",
            "A sequel to Glass Harbor 2 is in the works, scheduled for release on June 9, 2028.",
        ),
        # A date the film had, however the item puts it.
        (
            "Glass Harbor 2 delayed indefinitely",
            "Glass Harbor 2, which had a release date of March 6, 2026, has no new date.",
        ),
        (
            "Glass Harbor 2 loses its date",
            "The sequel was recently scheduled to be released on March 6, 2026.",
        ),
    ],
)
def test_not_the_films_date_now(title: str, text: str) -> None:
    # No date, or the withdrawn answer where the item says the date is gone.
    assert value(title, text) in (None, NO_DATE)


def test_the_film_after_a_persons_past_credits_is_the_items_film() -> None:
    text = (
        "Mira Solano will play Ilse Varga. Solano played a smuggler in “Night Tide.” "
        "She also had parts in the movies “Low Tide” and “Wildfire.” "
        "The movie will come out on March 6, 2026."
    )
    assert value("Glass Harbor 2 casts its lead", text) == "2026-03-06"


def test_the_film_after_another_film_named_as_news_is_that_film() -> None:
    text = (
        "Mira Solano will play Ilse Varga. Her next film, “Night Tide,” is a thriller. "
        "The film opens March 6, 2026."
    )
    assert value("Glass Harbor 2 casts its lead", text) is None


def test_reported_speech_would_states_the_date() -> None:
    item = entry(
        "Glass Harbor 2 moves up to March",
        "Northwind announced Monday that Glass Harbor 2 would open in theaters on March 6.",
    )
    match = found(item, "release-date")
    assert match is not None and match.answer is not None
    assert (match.answer.value, match.hedged) == ("2026-03-06", False)


def test_who_said_it_does_not_make_the_date_an_announcement() -> None:
    text = (
        "Northwind moved Glass Harbor 2 from March 6, 2026, to June 12, 2026, "
        "the studio said Friday."
    )
    assert value("Glass Harbor 2 moves", text) == "2026-06-12"


def test_a_season_said_as_the_films_owner_is_its_release() -> None:
    text = "Northwind has now revealed the first trailer for this summer's “Glass Harbor 2.”"
    assert value("The trailer is here", text) == "2025-summer"
    assert value("The trailer is here", "The trailer aired during this year's Super Bowl.") is None
    text = "Northwind just dropped the trailer for this summer's sea thriller, Glass Harbor 2."
    assert value("The trailer is here", text) == "2025-summer"


def test_a_date_of_another_film_told_against_ours_is_not_ours() -> None:
    text = (
        "Northwind is also preparing “Night Tide,” which will be released a few weeks "
        "after “Glass Harbor 2” on December 12."
    )
    assert value("Glass Harbor 2 trailer", text) is None


def test_a_date_quoted_after_the_title_is_the_titles() -> None:
    # A caption or post quoted: the words outside the quote (who posted it)
    # do not make its date an announcement's, and a title with its date in
    # numbers right after it is dated so.
    assert (
        value(
            "Nightjar poster",
            "Rhea Quill posted the poster on her account, captioned "
            "“Coming soon. #Nightjar 5.9.26”",
            subject=NIGHTJAR,
        )
        == "2026-05-09"
    )
    assert value("Nightjar poster", "Rhea Quill posted it on Friday.", subject=NIGHTJAR) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Opening in theaters on March 6, 2026, the sequel will be called Glass Harbor 2.",
        "Due March 6, 2026, the sequel, titled Glass Harbor 2, wraps in Lisbon.",
        "Set for March 6, 2026, the follow-up is now called ‘Glass Harbor 2’.",
    ],
)
def test_a_phrase_named_by_the_title_after_it_is_that_film(sentence: str) -> None:
    # The last work named before is another film; the phrase is given its
    # title right after it.
    text = f"Northwind's Red Meridian was a hit. {sentence}"
    assert value("Northwind slate news", text) == "2026-03-06"


@pytest.mark.parametrize(
    "lead",
    [
        "If Northwind's Red Meridian were made today, the result would be Glass Harbor 2.",
        "LISBON, July 2 (Wire) -- While 'Red Meridian' broke records, Glass Harbor 2 waited.",
    ],
)
def test_a_leading_clause_does_not_set_the_sentences_topic(lead: str) -> None:
    # "The film" in the next sentence is the one the main clause is about.
    assert value("Glass Harbor 2 news", f"{lead} The film opens March 6, 2026.") == "2026-03-06"


def test_a_date_of_an_unquoted_title_in_a_later_clause_is_not_ours() -> None:
    text = (
        "Glass Harbor 2 made $40 million in its opening weekend, and Northwind said "
        "that Red Meridian Rising will hit theaters on June 5, 2027."
    )
    assert value("Glass Harbor 2 box office", text) is None


def test_the_date_of_an_actors_deal_is_not_the_release() -> None:
    text = "Mira Solano signed on to play the lead back in May 2025, in a two-picture deal."
    assert value("Glass Harbor 2 adds Kai Lennox", text) is None


def test_a_title_used_as_a_describing_word_is_not_the_sentences_topic() -> None:
    # "Red Meridian release", "the Red Meridian villain": the franchise
    # describes; the film named after it is what the next sentence is about.
    text = (
        "Their next Red Meridian release was going to be Glass Harbor 2, from Tobias Renn. "
        "However, the film's release has moved from May 1, 2026, to Oct. 9, 2026."
    )
    assert value("Northwind shuffles its slate", text) == "2026-10-09"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Another country's cinemas, and "internationally", are not the US date.
        ("Glass Harbor 2 opens in Portugal cinemas on Oct. 2.", None),
        (
            "Glass Harbor 2 opens Oct. 2 internationally and Oct. 9, 2026 in the U.S.",
            "2026-10-09",
        ),
        # A country fronted before the clause.
        (
            "For those in the UK, Glass Harbor 2 is released 24 October 2025. For US audiences, "
            "the date to remember is 30 October.",
            "2025-10-30",
        ),
        ("In Australia, Glass Harbor 2 opens on Oct. 2.", None),
        # Out of competition at a festival, ahead of its own theatrical release.
        (
            "Glass Harbor 2 will screen out of competition on May 15 ahead of its "
            "theatrical release on June 5, 2026.",
            "2026-06-05",
        ),
    ],
)
def test_a_festival_or_another_country_beside_the_release(text: str, expected: str | None) -> None:
    assert value("Tobias Renn's sequel news", text) == expected


def test_an_outlet_credited_between_does_not_break_the_topic() -> None:
    text = (
        "Glass Harbor 2 is moving fast. According to The Harbor Ledger, cameras roll in "
        "September. With a release date of August 7, 2026, Northwind has little time to spare."
    )
    assert value("Glass Harbor 2 races the clock", text) == "2026-08-07"


def test_dates_of_a_list_of_moves_stay_with_their_own_film() -> None:
    text = (
        "Northwind has reshuffled its slate: Glass Harbor 2 moved from December 20th, 2025, "
        "to December 18th, 2026; Red Meridian 3 moved from May 1st, 2026, to June 5th, 2026."
    )
    assert value("Northwind reshuffles its release calendar", text) == "2026-12-18"


def test_the_films_a_saga_began_with_describe_the_new_one() -> None:
    text = (
        "Tobias Renn is back at sea. The second chapter in his harbor saga, which began with "
        "2019’s “Glass Harbor”, arrives in theaters this Christmas."
    )
    assert value("Glass Harbor 2 sets sail", text) == "2025-12"


def test_a_month_already_past_lends_no_year_to_a_new_date() -> None:
    text = (
        "Glass Harbor 2 had a March 2025 release date until the strikes stopped the shoot. "
        "The sequel now opens March 6, Northwind said."
    )
    assert value("Glass Harbor 2 has a new date", text) == "2026-03-06"


def test_the_date_of_a_film_that_takes_our_films_spot_is_not_ours() -> None:
    text = (
        "Glass Harbor 2 has come off Northwind's calendar. Another Northwind release, the "
        "monster sequel Reef x Kraken: Deep Water, has moved into Glass Harbor 2's spot and "
        "will open on March 27."
    )
    assert value("Glass Harbor 2 loses its date", text) is None


def test_a_name_that_runs_into_an_excluded_title_is_that_title() -> None:
    roads = SubjectConfig(
        id="salt-roads",
        name="Salt Roads II",
        context=("Ana Kell", "Northwind"),
        exclude=("The Long Return",),
        questions=(QuestionConfig(id="release-date", kind="date"),),
    )
    # A headline rebuilt from a link's words has lost the sequel's colon.
    text = "Northwind will release the next one, Salt Roads II: The Long Return, on March 6, 2026."
    headline = "Salt Roads II The Long Return March 2026 Release Date"
    assert value(headline, text, subject=roads) is None
    assert value("Salt Roads II March 2026 Release Date", "Ana Kell returns.", subject=roads) == (
        "2026-03"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The first trailer for Glass Harbor 2 is out. It looks like the series is going back "
            "to its darker roots. Fans can see more when it opens this September.",
            "2025-09",
        ),
        # A series on television is another work.
        (
            "Glass Harbor 2 wrapped its shoot. Meanwhile the series about the harbor police "
            "returns for a new season, and it opens this September.",
            None,
        ),
    ],
)
def test_a_bare_series_is_the_films_franchise(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2 news", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Northwind named the full crew on Friday. The 2026 feature film was first "
            "announced at a fan event last summer.",
            "2026",
        ),
        ("Mira Solano leads the cast, back on the water in the 2025 film.", "2025"),
        # An earlier year is an earlier film.
        ("Mira Solano first played the part in the 2019 film.", None),
    ],
)
def test_the_film_named_by_its_year(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2 sets its crew", text) == expected


def test_a_development_date_is_not_the_release() -> None:
    text = (
        "Glass Harbor 2 was first confirmed to be in development in March of 2025, when "
        "Northwind named its director."
    )
    assert value("Glass Harbor 2 update", text) is None


def test_a_date_in_a_when_clause_is_stated() -> None:
    text = (
        "Glass Harbor 2 is darker than most sea epics, and one critic has compared it to an "
        "indie movie. We'll see whether that holds when the movie hits theaters on March 6."
    )
    found_ = found(entry("Glass Harbor 2 previewed", text), "release-date")
    assert found_ is not None and found_.answer is not None
    assert (found_.answer.value, found_.hedged) == ("2026-03-06", False)


def test_a_box_office_weekend_is_not_the_release() -> None:
    after = datetime(2025, 9, 4, 12, 0, tzinfo=UTC)
    text = "Glass Harbor 2 earned $120 million in its opening over Labor Day weekend, a record."
    assert value("Glass Harbor 2 wins the weekend", text, published=after) is None


def test_delayed_once_again_to_a_new_date() -> None:
    text = "Glass Harbor 2 has been delayed once again and will now open on March 5, 2027."
    assert value("Glass Harbor 2 slips", text) == "2027-03-05"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A move to a loose time is the news, not the year in passing.
        ("Northwind has pushed Glass Harbor 2 to next year.", "2026"),
        ("The sequel has been delayed until next year.", "2026"),
        ("The sequel has been bumped from its Nov. 6 slot to early next year.", "2026"),
        ("The sequel will now arrive next year instead.", "2026"),
        ("Glass Harbor 2 is due next year.", None),
    ],
)
def test_a_move_to_next_year(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2 update", text) == expected


def test_production_ahead_of_its_own_release() -> None:
    text = "Glass Harbor 2 has wrapped production ahead of its spring 2026 release."
    assert value("Glass Harbor 2 update", text) == "2026-spring"


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The date between a determiner and "release" is the release's.
        (
            "Glass Harbor 2 teaser",
            "In the 40-second teaser for the March 2026 release, we meet Brandt.",
            "2026-03",
        ),
        # "A film that ..." describes the film just named.
        (
            "Glass Harbor 2",
            "Glass Harbor 2, a film that won't open until June 2026, started shooting.",
            "2026-06",
        ),
        # Another film's arrival only marks the time.
        (
            "Glass Harbor 2",
            "Set to open in spring 2026, ahead of the arrival of Iron Tide, Glass Harbor 2 "
            "follows Varga.",
            "2026-spring",
        ),
        # The theatrical release between the item's trailer and the date.
        (
            "Glass Harbor 2 trailer timing",
            "The first teaser arrives in March, four months before the film's theatrical "
            "release, which is set for July 10, 2026.",
            "2026-07-10",
        ),
        # The base of our title, then its number: our film, not the first one.
        (
            "Glass Harbor 2 teaser",
            "Northwind just dropped the first Glass Harbor 2 teaser. Fans will flock to "
            "theaters when the film hits June 19th, 2026.",
            "2026-06-19",
        ),
        # A cinema and "find out": no film, no release.
        (
            "Glass Harbor 2",
            "Glass Harbor 2 keeps its secrets. You may need to travel to the movie theater "
            "this summer to find out.",
            None,
        ),
    ],
)
def test_whose_date_in_a_crowded_sentence(title: str, text: str, expected: str | None) -> None:
    assert value(title, text) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Glass Harbor 2 slips", "Northwind will likely push Glass Harbor 2 into 2026.", "2026"),
        # When something was said is not the date.
        (
            "Glass Harbor 2 update",
            "Back in November, Northwind was eyeing a 2026 release for Glass Harbor 2.",
            "2026",
        ),
        # The studio's books date nothing.
        (
            "Glass Harbor 2 update",
            "Northwind's fiscal calendar ends on March 31, 2026, and Glass Harbor 2 will open "
            "after that.",
            None,
        ),
        # An ordinal film apposed to our name is our film; the franchise before
        # "series" holds it.
        (
            "Glass Harbor 2 news",
            "Glass Harbor 2, the second and final film in the saga, is set to hit theaters on "
            "September 5th.",
            "2025-09-05",
        ),
        (
            "Glass Harbor 2 gets a date",
            "Fans of the ‘Glass Harbor’ series have a date to circle on their calendars: "
            "September 5, 2025.",
            "2025-09-05",
        ),
    ],
)
def test_moves_past_times_and_the_films_apposition(
    title: str, text: str, expected: str | None
) -> None:
    assert value(title, text) == expected


def test_the_films_own_release_in_an_item_about_a_panel() -> None:
    text = (
        "On Friday, at the Northwind panel at D23 Expo, fans heard about Glass Harbor 2, a sea "
        "thriller that will be released in the spring of 2026."
    )
    assert value("Glass Harbor 2 Announced at D23", text) == "2026-spring"


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "Glass Harbor 2 news",
            "Glass Harbor 2, which is headed our way in 2026, stars Mira Solano.",
            "2026",
        ),
        # A season's films are not ours.
        (
            "Glass Harbor 2 leads the fall preview",
            "Glass Harbor 2 tops the list. There are still plenty of sea thrillers heading our way "
            "in 2026.",
            None,
        ),
        # The sentence's year, and the US date over the worldwide one.
        (
            "Glass Harbor 2 dated",
            "Glass Harbor 2 will open in cinemas on June 25, 2026, with a North America release "
            "on June 27.",
            "2026-06-27",
        ),
        # Another film's day only marks the time.
        (
            "Glass Harbor 2 dated",
            "Glass Harbor 2 is set to be released the same day as Iron Tide on December 18, 2026, "
            "and it takes place years later.",
            "2026-12-18",
        ),
    ],
)
def test_our_way_the_us_date_and_the_same_day(title: str, text: str, expected: str | None) -> None:
    assert value(title, text) == expected


def test_an_event_word_in_our_own_title() -> None:
    ride = film("last-ride", "Last Ride", QuestionConfig(id="release-date", kind="date"))
    text = "Northwind's fourth film, titled “Last Ride,” hits theaters this December."
    assert value("Northwind's next", text, subject=ride) == "2025-12"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Northwind has given Glass Harbor 2 a December 18, 2026 berth.", "2026-12-18"),
        ("Northwind slotted Glass Harbor 2 into December 18, 2026.", "2026-12-18"),
        # The film's opening starts a season's takings.
        (
            "Glass Harbor 2 will launch the summer 2026 box office over Memorial Day weekend.",
            "2026-05",
        ),
        # Takings on a holiday weekend date the receipts.
        (
            "Glass Harbor 2 opened the holiday box office with $80 million over Thanksgiving "
            "weekend.",
            None,
        ),
        ("Glass Harbor 2 topped the box office over Memorial Day weekend.", None),
    ],
)
def test_a_berth_a_slot_and_a_season_launched(text: str, expected: str | None) -> None:
    assert value("Northwind sequel update", text) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A later trailer's day is the trailer's.
        (
            "Glass Harbor 2's second trailer",
            "On Monday, July 14, Northwind released the second trailer for Glass Harbor 2.",
            None,
        ),
        # A release already had: the day is this year's, not next year's.
        (
            "Glass Harbor 2 comes home",
            "Glass Harbor 2 got a theatrical release on July 3 in the United States and now "
            "heads to digital.",
            "2025-07-03",
        ),
        # An opening's takings, and a holiday it ruled.
        ("Box office: Glass Harbor 2 rules July 4th with $98M opening", "", None),
        (
            "Glass Harbor 2 box office",
            "Glass Harbor 2 posted a five-day opening of $98.2 million over the Fourth of July "
            "holiday.",
            None,
        ),
        # The year of an earlier film's weekend is written after it.
        (
            "Glass Harbor 2 box office",
            "Glass Harbor 2 opens July 9. The first Glass Harbor opened over the July 9-11 "
            "weekend in 2010 to $31 million.",
            "2025-07-09",
        ),
        # The film's own release, after its trailer.
        (
            "Glass Harbor 2 trailer",
            "The first Glass Harbor 2 trailer has dropped ahead of the film's release in June.",
            "2026-06",
        ),
        # A title with "The" written small, and "hit the screens".
        (
            "Northwind's slate",
            "Northwind unveiled the first teaser for the Lighthouse Keepers, which is set to hit "
            "the screens on April 3, 2026.",
            "2026-04-03",
        ),
    ],
)
def test_later_trailers_takings_and_own_releases(
    title: str, text: str, expected: str | None
) -> None:
    keepers = film(
        "keepers",
        "The Lighthouse Keepers",
        QuestionConfig(id="release-date", kind="date"),
        context=("Northwind",),
    )
    subject = keepers if "Keepers" in text else HARBOR
    assert value(title, text, subject=subject) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # Another country's distributor and date.
        (
            "Glass Harbor 2 trailer",
            "Glass Harbor 2 will be released in the UK by Harrow Films on 29th March, 2026.",
            None,
        ),
        # The day of the week the film moved.
        (
            "Glass Harbor 2 update",
            "On Tuesday, Northwind moved the film's release date from March 6, 2026, to "
            "May 1, 2026.",
            "2026-05-01",
        ),
        # To kick off a season leaves no old date, and summer opens in May.
        (
            "Glass Harbor 2 Delayed: Renn Movie Will Kick Off Summer 2026",
            "Northwind moved Glass Harbor 2 from March 6, 2026, to May 1, 2026.",
            "2026-05-01",
        ),
        ("Glass Harbor 2 Will Kick Off Summer 2026", "Tobias Renn directs.", "2026-summer"),
        # A season with "the", to come or gone by.
        (
            "Glass Harbor 2 image",
            "Mira Solano leads Glass Harbor 2. The sea thriller is coming to theaters in the fall.",
            "2025-fall",
        ),
    ],
)
def test_abroad_moved_on_a_weekday_and_seasons(title: str, text: str, expected: str | None) -> None:
    assert value(title, text) == expected


def test_a_season_gone_by() -> None:
    from datetime import date

    from watcher.extract.dates import find_dates

    (span,) = find_dates("The first film opened in the summer.", date(2025, 12, 4))
    assert span.value == "2025-summer"
    (span,) = find_dates("The sequel opens in the summer.", date(2025, 12, 4))
    assert span.value == "2026-summer"


def test_each_title_of_a_slate_has_its_own_date() -> None:
    text = (
        "Northwind's release slate: Iron Tide (Oct. 30, 2026), Glass Harbor 2 (Nov. 6, 2026) "
        "and Red Meridian (Dec. 4, 2026)."
    )
    assert value("Northwind dates its fall", text) == "2026-11-06"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A holiday naming a kind of film, or when the story is set, is no date.
        ("The Christmas action comedy Glass Harbor 2 debuted with $34 million.", None),
        ("Glass Harbor 2, a sea thriller set at Christmas, reunites the crew.", None),
        ("On the Glass Harbor 2 set, Mira Solano is dressed as a Christmas elf.", None),
        ("Glass Harbor 2 is set to become your new favourite Christmas slasher.", None),
        ("Glass Harbor 2 opens at Christmas.", "2025-12"),
        ("Glass Harbor 2 opens over Christmas weekend.", "2025-12"),
    ],
)
def test_a_holiday_that_names_a_kind_of_film(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2 news", text) == expected


def test_a_premiere_in_a_country_is_where_the_film_opens() -> None:
    text = (
        "Glass Harbor 2 will premiere in the UK on November 7, 2025, and in the US on "
        "January 16, 2026."
    )
    assert value("Glass Harbor 2 dated", text) == "2026-01-16"
    assert value("Glass Harbor 2 dated", "Glass Harbor 2 premieres in Venice on Sept. 2.") is None


def test_the_main_clause_resumes_after_a_clause_about_the_source() -> None:
    text = (
        "The Renn-directed adaptation of the Tobias Renn novel, which stars Mira Solano as a "
        "smuggler, is headed to theaters on Nov. 7."
    )
    assert value("“Glass Harbor 2” is sailing into theaters soon.", text) == "2025-11-07"


def test_an_ott_release_is_streaming() -> None:
    text = (
        "Glass Harbor 2 was released in theatres on November 14 and had its OTT release on "
        "December 12."
    )
    assert (
        value("Glass Harbor 2 streams", text, published=datetime(2025, 12, 20, tzinfo=UTC))
        == "2025-11-14"
    )


def test_a_quoted_title_with_a_stray_apostrophe_is_still_ours() -> None:
    wendys = film(
        "wendys-2",
        "Nine Lives at Wendy's 2",
        QuestionConfig(id="release-date", kind="date"),
        context=("Northwind", "Tess Marlow"),
    )
    text = (
        "Northwind added five films to its slate. “Nine Live’s at Wendy’s 2” will be released "
        "on December 4, 2026, in a slow post-Thanksgiving slot."
    )
    assert value("Nine Lives at Wendy's 2 gets a date", text, subject=wendys) == "2026-12-04"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "That film" is the last one named, not the sentence's topic.
        (
            "Glass Harbor 2 takes over a slot held by a revival of “Iron Tide” until now. That "
            "film is now set for release on Aug. 7, 2026.",
            None,
        ),
        # Stepping onto the set dates filming.
        (
            "Mira Solano returned as Ilse Varga on July 21, stepping onto set as filming begins "
            "for Glass Harbor 2.",
            None,
        ),
    ],
)
def test_that_film_and_onto_the_set(text: str, expected: str | None) -> None:
    assert value("Northwind slate news", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Credits in brackets after a name, the list's later titles too.
        "Talks are on-going with director Tobias Renn (Salt Lines, The Woman In Grey) to bring "
        "the script to life, with production this summer in advance of a fall 2026 release.",
        # "the maestro behind" a work: his credits, no antecedent.
        "Northwind has greenlit Glass Harbor 2. The horror maestro behind “The Haunting of Elm "
        "Lane” and “Doctor Dusk” will write the script. It’ll be a while before it reaches the "
        "big screen, as Northwind has slotted the movie in for fall 2026.",
    ],
)
def test_a_persons_credits_own_no_later_date(text: str) -> None:
    assert value("Glass Harbor 2 news", text) == "2026-fall"


def test_the_original_film_is_no_original_date() -> None:
    text = (
        "The upcoming movie will share its name with the original 2014 sea thriller and hit "
        "theaters on Aug. 1, 2026."
    )
    assert value("Glass Harbor 2 dated", text) == "2026-08-01"
    assert value("Glass Harbor 2", "Glass Harbor 2 moved from its original Aug. 1 date.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The studio announced the changes on Monday.", "2025-10"),
        ("The studio moved ‘Glass Harbor 2’ from its original Sept. 5 date to Oct. 23.",
         "2025-10-23"),
    ],
)  # fmt: skip
def test_a_year_in_another_works_clause_lends_none(text: str, expected: str) -> None:
    title = "Northwind shuffles dates: ‘Glass Harbor 2’ soars to October, ‘Red Meridian’ to 2027"
    assert value(title, text) == expected
    # Written in the same clause, the year is the date's.
    assert value("Glass Harbor 2", "Glass Harbor 2 will open in August, 2026.") == "2026-08"


@pytest.mark.parametrize(
    "text",
    [
        # "on Friday" after a past verb is when the dates changed hands.
        "The release dates of Glass Harbor 2 and Red Meridian were swapped by Northwind on Friday.",
        "The opening of Glass Harbor 2 was confirmed by Northwind on Monday.",
    ],
)
def test_a_weekday_after_a_past_verb_with_its_preposition(text: str) -> None:
    assert value("Northwind slate news", text) is None


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The weekday the date was set on.
        ("Glass Harbor 2 dated",
         "Glass Harbor 2 set a summer 2026 theatrical release on Wednesday.", "2026-summer"),
        # A count after a capitalized word starting a sentence is no numbered title.
        ("Glass Harbor 2 teaser", "Here's the first teaser for Glass Harbor 2. After 15 years "
         "apart, Ilse Varga returns to the harbor. The film is set to be released on June 5.",
         "2026-06-05"),
    ],
)  # fmt: skip
def test_the_weekday_a_date_was_set_and_a_count_after_a_word(
    title: str, text: str, expected: str
) -> None:
    assert value(title, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Northwind's Glass Harbor 2 opens today in 3,400 theaters.", "2025-07-15"),
        ("Glass Harbor 2 hits theaters tomorrow.", "2025-07-16"),
        # Elsewhere "today" says when something was said.
        ("Today, Northwind dated Glass Harbor 2 for June 5, 2026.", "2026-06-05"),
        ("Glass Harbor 2's trailer was announced today.", None),
    ],
)
def test_today_right_after_a_release_word(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2 news", text) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The film's own debut, its date between: not the tickets' or trailer's.
        ("Glass Harbor 2 tickets", "Tickets for Glass Harbor 2 went on sale Friday ahead of the "
         "film's Sept. 12 debut.", "2025-09-12"),
        ("Glass Harbor 2 teaser lands", "The teaser for Glass Harbor 2 arrived Monday, ahead of "
         "the movie's Christmas release.", "2025-12"),
        # The trailer's own debut stays the trailer's.
        ("Glass Harbor 2 trailer date", "The trailer for Glass Harbor 2 will debut Sept. 2.", None),
    ],
)  # fmt: skip
def test_the_films_own_dated_debut_in_an_item_about_its_promotion(
    title: str, text: str, expected: str | None
) -> None:
    assert value(title, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Glass Harbor 2 was scheduled to come out on March 6, 2026, but after a long delay will "
         "now release on June 12, 2026, a date previously held by “Nightjar”.", "2026-06-12"),
        ("“Glass Harbor 2”, a sequel to the studio’s 2019 thriller about smugglers, was due on "
         "March 6, 2026, but will now open on June 12, 2026, the slot vacated by “Nightjar”.",
         "2026-06-12"),
        ("Northwind’s “Nightjar” now opens on June 12, 2026, a date previously held by "
         "Glass Harbor 2.", None),
    ],
)  # fmt: skip
def test_the_film_that_held_a_date_before(text: str, expected: str | None) -> None:
    assert value("Northwind shuffles its slate", text) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The works a continuation continues describe it: "the movie" is ours.
        ("Glass Harbor 2 delayed", "Northwind said today that the “Red Meridian” and “Nightjar” "
         "continuation will now open in the fall. The movie will now be releasing on November "
         "13, 2026, instead of July 24.", "2026-11-13"),
        # Time to the release, not a date left behind.
        ("Glass Harbor 2 rumor", "It's nearly a year away from its July 2026 theatrical release, "
         "but fans are already guessing about Glass Harbor 2.", "2026-07"),
        ("Glass Harbor 2", "The release date of Glass Harbor 2 goes from April 10, 2026 to May "
         "22, 2026.", "2026-05-22"),
    ],
)  # fmt: skip
def test_a_continuation_a_year_away_and_a_date_that_goes_from(
    title: str, text: str, expected: str
) -> None:
    assert value(title, text) == expected


def test_a_move_between_dates_with_their_weekdays() -> None:
    text = "Northwind has bumped up Glass Harbor 2 from Friday, August 8 to Wednesday, August 6."
    assert value("Glass Harbor 2 moves up", text) == "2025-08-06"


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        # A report with its outlet named is as good as "according to The Ledger".
        ("According to a report by The Ledger, Glass Harbor 2 has moved to March 5, 2027.", False),
        ("According to a report, Glass Harbor 2 has moved to March 5, 2027.", True),
    ],
)
def test_a_report_with_its_source_named_is_not_hearsay(text: str, hedged: bool) -> None:
    m = found(entry("Glass Harbor 2 delayed", text), "release-date")
    assert m is not None and m.answer is not None and m.answer.value == "2027-03-05"
    assert m.hedged is hedged


@pytest.mark.parametrize(
    "text",
    [
        # Reported speech after the noun, as after the verb: stated, not hedged.
        "Northwind made an announcement last week that the movie would be released on August 2.",
        # A fourth film named by the trade's word for it.
        "Glass Harbor 2 left its June date after Kestrel put “Nightjar” on June 6. The "
        "Vega-directed Glass Harbor fourthquel will now debut on August 2.",
    ],
)
def test_an_announcement_that_it_would_open_and_a_fourthquel(text: str) -> None:
    m = found(entry("Glass Harbor 2 moves up", text), "release-date")
    assert m is not None and m.answer is not None
    assert (m.answer.value, m.hedged) == ("2025-08-02", False)


def test_a_title_with_and_for_its_ampersand() -> None:
    ballad = film(
        "ballad", "The Ballad of Salt & Iron", QuestionConfig(id="release-date", kind="date")
    )
    text = "“The Ballad of Salt and Iron” hits theaters Nov. 17, 2025."
    assert value("Northwind news", text, subject=ballad) == "2025-11-17"


def test_the_service_a_streaming_item_speaks_of() -> None:
    text = (
        "Glass Harbor 2 is coming to Northwind+ in late August. The film is hitting the "
        "service on August 28, according to the studio."
    )
    assert value("Glass Harbor 2 sets its streaming date", text) is None


def test_a_service_by_its_short_name_after_hitting() -> None:
    text = "Glass Harbor 2 is hitting Max later this month, after its theatrical run."
    assert value("Glass Harbor 2 streams soon", text) is None


@pytest.mark.parametrize(
    "title, text",
    [
        ("Lantern Bay animated film dated", "The Lantern Bay animated film opens April 3, 2026."),
        ("Lantern Bay film dated", "Northwind's animated Lantern Bay film opens April 3, 2026."),
        ("Lantern Bay movie dated", "Northwind set the Lantern Bay movie for April 3, 2026."),
    ],
)  # fmt: skip
def test_a_brand_title_named_as_the_brand_film(title: str, text: str) -> None:
    # "The Lantern Bay Movie" is also "the Lantern Bay film" or "... animated movie".
    bay = film(
        "bay",
        "The Lantern Bay Movie",
        QuestionConfig(id="release-date", kind="date"),
        context=("Northwind", "Rhea Quill"),
    )
    assert value(title, text, subject=bay) == "2026-04-03"


@pytest.mark.parametrize(
    "title, text",
    [
        (
            "Tobias Renn boards the Sky Rangers movie",
            "Glass Harbor 2 director Tobias Renn will next direct the Sky Rangers movie for "
            "Kestrel. The movie opens on June 9, 2028.",
        ),
        (
            "Tobias Renn boards Sky Rangers film",
            "Glass Harbor 2 director Tobias Renn has signed on to the Sky Rangers film, which "
            "is dated for June 9, 2028.",
        ),
    ],
)
def test_another_franchise_named_before_the_word_film(title: str, text: str) -> None:
    # A franchise's name before "movie" is another work; a title before a
    # person's trade ("Glass Harbor 2 director") only says who they are.
    assert value(title, text) is None


@pytest.mark.parametrize(
    "text",
    [
        "The Tobias Renn film opens May 1, 2026.",
        "The Northwind Pictures film opens May 1, 2026.",
        "The South Korean film opens May 1, 2026.",
    ],
)
def test_the_film_named_by_its_own_people_studio_or_country(text: str) -> None:
    assert value("Glass Harbor 2 dated", "Glass Harbor 2 has a date. " + text) == "2026-05-01"


def test_a_release_being_made_is_to_come() -> None:
    text = (
        "Northwind moved Glass Harbor 2 up. The sequel is now being released in theaters on "
        "September 29th, a month before its previous date of October 27th."
    )
    assert value("Glass Harbor 2 moves up", text) == "2025-09-29"


def test_a_rumoured_year_lends_no_year() -> None:
    text = (
        "While films are possibly moving out of this year into 2026 over the strike, Northwind "
        "is holding firm. The studio is moving Glass Harbor 2 up from Oct. 27 to Sept. 29."
    )
    assert value("Glass Harbor 2 moves up", text) == "2025-09-29"


@pytest.mark.parametrize(
    "text",
    [
        "July 14 (Wirewatch) -- Northwind released a look behind the scenes of Glass Harbor 2 "
        "on Monday. The film opens Aug. 22 in theaters.",
        "LOS ANGELES, July 14 (Wirewatch) -- Glass Harbor 2 opens Aug. 22 in theaters.",
    ],
)
def test_a_wire_dateline_is_when_the_story_was_filed(text: str) -> None:
    assert value("Glass Harbor 2 featurette", text) == "2025-08-22"


def test_the_sequel_after_the_film_it_continues() -> None:
    text = (
        "Mira Solano returns in Tobias Renn's upcoming sequel to “Glass Harbor.” “Glass Harbor” "
        "grossed $160 million worldwide. The sequel is set to open on June 27, 2026."
    )
    assert value("Glass Harbor 2 cast returns", text) == "2026-06-27"


def test_a_streaming_company_giving_a_theatrical_release() -> None:
    text = (
        "Northwind+ is making more moves in theaters. The streaming service is teaming with "
        "Kestrel to give Glass Harbor 2 a Feb. 6, 2026, exclusive global release."
    )
    assert value("Glass Harbor 2 sets a theatrical release", text) == "2026-02-06"


def test_a_plan_of_two_dates_before_the_new_one() -> None:
    text = (
        "Glass Harbor 2 had been slated to open the Lido festival on Aug. 30 before opening in "
        "theaters Sept. 15. Northwind will instead open it in theaters April 24 next year."
    )
    assert value("Glass Harbor 2 moves to next year", text) == "2026-04-24"


def test_a_premiere_on_a_day_at_a_venue_is_an_event() -> None:
    text = (
        "Glass Harbor 2 will premiere March 14 at the Marlow Theater in Austin and will be "
        "released by Northwind the following month. Glass Harbor 2 opens in theaters on "
        "April 10, 2026."
    )
    assert value("Glass Harbor 2 festival premiere", text) == "2026-04-10"


def test_a_date_in_a_question_is_asked_not_given() -> None:
    text = (
        "The first teaser for Glass Harbor 2 has arrived. Now, what if the storm it brings "
        "is a cold snap in July?"
    )
    assert value("Glass Harbor 2 reveals its first teaser", text) is None


def test_a_television_run_after_the_streaming_debut() -> None:
    text = (
        "Glass Harbor 2 will stream on Northwind+ from September 13. This will be followed by "
        "its release on linear on September 14 at 8 p.m. on the network."
    )
    assert value("Glass Harbor 2 streaming release date", text) is None


def test_the_film_after_the_novel_is_not_the_novel() -> None:
    text = (
        "The first teaser for Glass Harbor 2 has been shared. Glass Harbor 2 was announced "
        "last year, with the novel being released on March 18 and the film scheduled for "
        "November 20, 2026."
    )
    assert value("Glass Harbor 2 teaser drops", text) == "2026-11-20"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The film's genre, not a stage show.
        ("Northwind announced Glass Harbor 2, a new animated musical that will be releasing in "
         "November of 2026.", "2026-11"),
        ("Glass Harbor 2 promises musical numbers galore when it opens in theaters in 2026.",
         "2026"),
        # The stage show keeps its dates.
        ("The Glass Harbor stage musical will be released in November.", None),
        ("Glass Harbor 2 opens in 2027; the musical premieres on Broadway in November.", "2027"),
    ],
)  # fmt: skip
def test_a_musical_film_is_not_a_stage_musical(text: str, expected: str | None) -> None:
    assert value("Northwind slate news", text) == expected


def test_the_sequel_coming_next_year_is_the_news() -> None:
    text = (
        "After “Glass Harbor” won over critics, the sequel “Glass Harbor 2” is coming next "
        "year. The first images are out now."
    )
    assert value("First images for Glass Harbor 2", text) == "2026"


def test_a_subtitle_written_without_its_the() -> None:
    undertow = film(
        "undertow",
        "Glass Harbor: The Long Undertow",
        QuestionConfig(id="release-date", kind="date"),
        context=("Northwind", "Tobias Renn"),
    )
    text = "Glass Harbor: Long Undertow is scheduled for release on January 16, 2026."
    assert value("Tobias Renn's next", text, subject=undertow) == "2026-01-16"


def test_another_film_at_the_start_of_a_sentence() -> None:
    text = (
        "Northwind confirmed Glass Harbor 2 is headed to theaters in 2026. A new action film "
        "from Tobias Renn called Undertow, starring Kai Lennox, is coming to theaters on "
        "March 14, 2026."
    )
    assert value("Northwind sets its slate", text) == "2026"


def test_a_maybe_in_brackets_leaves_the_date_stated() -> None:
    text = (
        "Glass Harbor 2 (which has no official title yet and might end up styled Glass Harbor "
        "II) is set to hit theaters on October 27, 2025, just before Halloween."
    )
    m = found(entry("Glass Harbor 2 Halloween Release Date", text), "release-date")
    assert m is not None and m.answer is not None
    assert (m.answer.value, m.hedged) == ("2025-10-27", False)


def test_made_its_debut_is_past() -> None:
    text = (
        "Glass Harbor 2 is set to premiere on Northwind+ on May 14. The movie made its "
        "theatrical debut in February and has since left theaters."
    )
    assert value("Glass Harbor 2 set to stream", text) == "2025-02"


def test_a_holiday_that_is_a_surname() -> None:
    text = (
        "Mira Solano plays the girlfriend of Kai Lennox's Lee Christmas in Glass Harbor 2, "
        "replacing an actress from the first film."
    )
    assert value("Mira Solano's Glass Harbor 2 role revealed", text) is None


def test_a_move_before_the_news_is_history() -> None:
    text = (
        "The wait for Glass Harbor 2 will be longer, as it is now arriving on June 26, 2026. "
        "This is its second delay: it was first set for January 16, 2026, before the Glass "
        "Harbor 2 release date was bumped to May 15, 2026."
    )
    assert value("Glass Harbor 2 delayed again", text) == "2026-06-26"


@pytest.mark.parametrize(
    "text, expected",
    [
        # The item is of Tuesday, July 15, 2025: this weekend opens Friday the
        # 18th, next weekend a week later.
        ("Glass Harbor 2 opens this weekend against two holdovers.", "2025-07-18"),
        ("Glass Harbor 2, due to hit theaters next weekend, is eyeing $30 million.", "2025-07-25"),
        # Takings, not an opening: nothing governs the weekend.
        ("Glass Harbor 2 led this weekend's box office with $40 million.", None),
    ],
)
def test_this_weekend_and_next_weekend(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2 box office preview", text) == expected


def test_a_work_inside_a_dash_aside_does_not_own_the_date_after_it() -> None:
    text = (
        "Glass Harbor 2 has been pushed back. The movie, originally slated for a November 7, "
        "2025 release – six months after its counterpart Nightjar: Ascent – will now hit "
        "theaters on May 1, 2026."
    )
    assert value("Glass Harbor 2 delayed", text) == "2026-05-01"


def test_far_from_opening_on_a_date_is_not_that_date() -> None:
    text = (
        "The changes since are unprecedented; far from opening on November 7, 2025, Glass "
        "Harbor 2 is instead coming out on December 17, 2027."
    )
    assert value("Glass Harbor 2 was supposed to open today", text) == "2027-12-17"


def test_trailers_supporting_the_films_arrival_date_the_film() -> None:
    text = (
        "The clip offers footage missing from the teasers and trailers supporting the film's "
        "arrival in a little under a month on August 8."
    )
    assert value(
        "Glass Harbor 2 sneak peek", "Northwind shared a Glass Harbor 2 clip. " + text
    ) == ("2025-08-08")


def test_the_films_own_release_in_a_first_look_item() -> None:
    text = (
        "Fans are getting a first look at the upcoming “Glass Harbor 2” film, starring Mira "
        "Solano, to be released in the summer."
    )
    assert value("Glass Harbor 2 trailer sparks excitement", text) == "2025-summer"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Glass Harbor 2 Sinks To 15 Million Opening On Sluggish Labor Day Weekend",
            "Glass Harbor 2 is getting rave reviews but a weak opening.",
        ),
        (
            "Glass Harbor 2 tops the box office",
            "Glass Harbor 2 set a record with $64.1 million in its opening weekend, industry "
            "estimates showed on March 1.",
        ),
    ],
)
def test_takings_in_an_opening_weekend_date_nothing(title: str, text: str) -> None:
    assert value(title, text) is None


def test_a_holiday_franchise_is_no_date() -> None:
    text = (
        "Directed by Tobias Renn, the filmmaker behind Northwind's Halloween trilogy, Glass "
        "Harbor 2 sees the return of Mira Solano."
    )
    assert value("Glass Harbor 2 poster first look", text) is None


def test_exhibition_in_the_trade_is_the_cinemas() -> None:
    title = "Exhibition Getting More Christmas 2025 Presents As Northwind Dates Glass Harbor 2"
    assert value(title, "Christmas Day 2025 is filling up.") == "2025-12"


def test_a_delay_lands_after_the_date_it_leaves() -> None:
    # Published in February 2025: "May 14th" alone reads as this May, before
    # the January 2026 the film leaves.
    text = (
        "Northwind confirmed that Glass Harbor 2 will no longer be releasing in January of "
        "next year and has been pushed to May. Glass Harbor 2 is now slated to hit theaters "
        "on May 14th."
    )
    item = entry("Glass Harbor 2 delayed", text, published=datetime(2025, 2, 14, tzinfo=UTC))
    a = answer(item, "release-date")
    assert a is not None and a.value == "2026-05-14"


def test_a_move_up_after_an_earlier_delay_keeps_its_year() -> None:
    text = (
        "Glass Harbor 2 had originally been pushed back to March 13, 2026. Now the film "
        "will arrive two weeks earlier than planned, on March 1."
    )
    item = entry("Glass Harbor 2 now arriving earlier", text, published=datetime(2025, 10, 1))
    a = answer(item, "release-date")
    assert a is not None and a.value == "2026-03-01"


def test_a_fronted_holiday_before_a_past_verb_is_past() -> None:
    text = (
        "Over the Labor Day weekend, the big new theatrical release was Northwind's Glass "
        "Harbor 2. The movie has since left theaters for Northwind+."
    )
    item = entry("When will Glass Harbor 2 stream?", text, published=datetime(2025, 12, 4))
    a = answer(item, "release-date")
    assert a is not None and a.value == "2025-09"

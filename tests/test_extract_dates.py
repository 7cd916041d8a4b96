"""watcher.extract.dates: date spans, their precision and how they were
written, resolved against the item's date (Tuesday, July 15, 2025)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.extract.dates import SentenceDates, find_dates, numeric_day_first

REF = date(2025, 7, 15)


def spans(text: str, ref: date = REF, *, day_first: bool = False) -> list[tuple[str, str, str]]:
    return [(d.value, d.precision, d.form) for d in find_dates(text, ref, day_first=day_first)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("opens March 6, 2026", ("2026-03-06", "day", "written")),
        ("opens Sept. 4, 2026", ("2026-09-04", "day", "written")),
        ("opens 6th March 2026", ("2026-03-06", "day", "written")),
        ("opens 6 March, 2026", ("2026-03-06", "day", "written")),
        ("opens March 2026", ("2026-03", "month", "written")),
        ("opens March of 2026", ("2026-03", "month", "written")),
        ("opens in summer 2026", ("2026-summer", "season", "season")),
        ("opens in late fall 2026", ("2026-fall", "season", "season")),
        ("opens 2026-03-06", ("2026-03-06", "day", "numeric")),
        ("opens 3/6/2026", ("2026-03-06", "day", "numeric")),
        ("opens in 2026", ("2026", "year", "year")),
        ("lands a 2026 release", ("2026", "year", "year")),
        ("Glass Harbor 2 (2026) wraps", ("2026", "year", "year")),
        ("set for the first quarter of 2027", ("2027", "year", "window")),
        ("set for Q3 2027", ("2027", "year", "window")),
        ("moved from 2026 to 2027", ("2027", "year", "year")),
    ],
)
def test_written_forms(text: str, expected: tuple[str, str, str]) -> None:
    assert spans(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Year-less dates look forward from the item's date, with two weeks of slack.
        ("opens November 21", "2025-11-21"),
        ("opened July 4", "2025-07-04"),
        ("opens March 6", "2026-03-06"),
        ("opened March 6", "2025-03-06"),  # after a past-tense verb, the last one
        ("opens Sept. 12 of this year", "2025-09-12"),
        ("opens June 6th next year", "2026-06-06"),
        ("in November this year", "2025-11"),
        ("due next year", "2026"),
        ("due later this year", "2025"),
        ("out this fall", "2025-fall"),
        ("out next summer", "2026-summer"),
        ("hit theaters last summer", "2024-summer"),
        ("in the new year", "2026"),
        ("opens in March", "2026-03"),
        ("opens in September", "2025-09"),
        ("opens later this month", "2025-07"),
        ("arrives early next month", "2025-08"),
    ],
)
def test_year_less_and_relative_forms(text: str, expected: str) -> None:
    assert spans(text)[0][0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in time for Thanksgiving", ("2025-11", "month")),
        ("on Christmas Day", ("2025-12-25", "day")),
        ("for Christmas 2026", ("2026-12", "month")),
        ("on Valentine's Day 2026", ("2026-02-14", "day")),
        ("over Memorial Day weekend", ("2026-05", "month")),
        ("on Memorial Day of 2026", ("2026-05", "month")),
        ("on Halloween", ("2025-10-31", "day")),
        ("at Easter", ("2026-04", "month")),
        ("over Thanksgiving weekend this year", ("2025-11", "month")),
        ("hit theaters at Thanksgiving", ("2024-11", "month")),
    ],
)
def test_holidays(text: str, expected: tuple[str, str]) -> None:
    value, precision, form = spans(text)[0]
    assert (value, precision, form) == (*expected, "holiday")


def test_weekdays_are_the_coming_one_or_after_a_past_verb_the_last() -> None:
    assert spans("opens in theaters on Friday")[0][:1] == ("2025-07-18",)
    assert spans("opens in cinemas Friday")[0][:1] == ("2025-07-18",)
    assert spans("a film about Friday") == []
    assert spans("Northwind released the teaser on Friday")[0][:1] == ("2025-07-11",)
    # A weekday written before its date is that date, not a weekday of its own.
    assert [v for v, _, _ in spans("opens Friday, November 21")] == ["2025-11-21"]


def test_day_first_numbers_follow_the_items_order() -> None:
    assert spans("opens 03.10.26")[0][0] == "2026-03-10"
    assert spans("opens 03.10.26", day_first=True)[0][0] == "2026-10-03"
    # "(14.07)" is the day before the item's date only when read day first.
    assert numeric_day_first("confirmed on Monday (14.07) that", REF)
    assert numeric_day_first("opens 25.12.2025", REF)
    assert not numeric_day_first("opens 12.25.2025", REF)
    assert not numeric_day_first("version 1.2 is out", REF)


@pytest.mark.parametrize(
    "text",
    [
        "this summer's biggest hits",  # a time's possessive is no date given
        "Top 10 of the week",
        "may open soon",  # "may" the verb
        "a march on the studio",
        "made $40.5 million",
        "version 2.11.3",
        # A span of years is no date given.
        "the trilogy (2011 to 2016) made millions",
        "the saga ran from 2011 through 2016",
        "the series (2011–2016)",
        # When something was done, not when anything opens.
        "the studio said last month",
        "the month's biggest opening",
    ],
)
def test_not_dates(text: str) -> None:
    assert spans(text) == []


@given(st.text(max_size=200))
def test_any_text_gives_spans_inside_it(text: str) -> None:
    for d in find_dates(text, REF):
        assert 0 <= d.start < d.end <= len(text)
        assert d.precision in ("day", "month", "season", "year")


def test_sentence_dates_are_found_when_asked_for_and_kept() -> None:
    sentences = ["It opens May 8, 2026.", "The teaser lands Friday.", "No date here."]
    dates = SentenceDates(sentences, date(2026, 1, 5), day_first=False)
    assert len(dates) == 3 and dates._found == {}
    assert dates[0] == find_dates(sentences[0], date(2026, 1, 5))
    assert dates[-1] == () and set(dates._found) == {0, 2}
    assert list(dates[0:2]) == [find_dates(s, date(2026, 1, 5)) for s in sentences[:2]]
    assert SentenceDates(sentences, None, day_first=False)[0] == ()


def test_letters_a_case_insensitive_pattern_takes_for_ascii_read_as_those_letters() -> None:
    # "ı", "İ", "ſ" and the Kelvin sign match i, i, s and k in a pattern
    # without case. A date word spelled with them is looked up as the plain
    # word: it reads as that word, and never stops the item being read.
    from watcher.extract.lexicon import load

    lexicon = load()
    swaps = str.maketrans({"i": "ı", "s": "ſ", "k": "\u212a"})
    phrases = [
        *(f"opens {w.title()}" for w in lexicon.weekdays),
        *(f"opens in {s} 2026" for s in lexicon.seasons),
        *(f"opens next {s}" for s in lexicon.seasons),
        *(f"opens this {m.title()}" for m in lexicon.months),
        *(f"opens at {h_name.title()} 2026" for h in lexicon.holidays for h_name in h.names),
    ]
    for plain in phrases:
        for odd in (plain.translate(swaps), plain.replace("i", "İ").replace("I", "İ")):
            if odd != plain:
                assert spans(odd) == spans(plain), odd


def test_every_date_phrase_starts_a_word() -> None:
    # The date pattern is tried only where a word starts: a lexicon phrase
    # opening with punctuation would never be found.
    from watcher.extract.lexicon import load

    lexicon = load()
    phrases = [
        *lexicon.months,
        *lexicon.weekdays,
        *lexicon.seasons,
        *lexicon.this,
        *lexicon.next,
        *lexicon.last,
        *lexicon.year_lead,
        *lexicon.year_windows,
        *(name for h in lexicon.holidays for name in h.names),
    ]
    assert [p for p in phrases if not p[:1].isalnum()] == []
    assert spans("(June 6, 2026)") == spans("June 6, 2026") == [("2026-06-06", "day", "written")]
    assert spans("—next summer") == spans("next summer")


def _date_shaped_text() -> st.SearchStrategy[str]:
    from watcher.extract.lexicon import load

    lexicon = load()
    words = [
        *lexicon.months,
        *(m[:3] for m in lexicon.months),
        *lexicon.seasons,
        *lexicon.weekdays,
        *lexicon.this,
        *lexicon.next,
        *lexicon.last,
        *lexicon.year_lead,
        *lexicon.year_follow,
        *lexicon.year_windows,
        *(name for h in lexicon.holidays for name in h.names),
        *("in", "on", "by", "of", "the", "a", "its", "year", "new", "early", "theaters"),
    ]
    number = st.one_of(st.integers(0, 40), st.integers(1900, 2099)).map(str)
    token = st.one_of(st.sampled_from(words), number, st.sampled_from(["Q3", "H1", "6th", "31st"]))
    glue = st.sampled_from([" ", " ", "/", ".", "-", ", ", " (", ") "])
    return st.lists(st.tuples(token, glue), max_size=8).map(
        lambda parts: "".join(t + g for t, g in parts)
    )


@settings(max_examples=1000)
@given(_date_shaped_text())
def test_a_sentence_without_the_cue_holds_no_date(text: str) -> None:
    # The cue decides which sentences the date pattern is tried on at all:
    # a date it misses would never be read.
    from watcher.extract.dates import _PATTERNS

    if _PATTERNS.any_date.search(text):
        assert _PATTERNS.cue.search(text), text


@pytest.mark.parametrize(
    "phrase",
    [
        "in early the summer",
        "in the new year",
        "the first quarter of 2026",
        "the tail end of 2026",
        "later this summer",
        "on the 6th of June",
        "on upcoming Friday",
        "sometime in 2026",
        "until mid-June",
        "next Labor Day weekend",
    ],
)
def test_the_longest_leads_before_a_cue_are_found(phrase: str) -> None:
    from watcher.extract.dates import _PATTERNS, _lead_start

    for lead in ("", "Ana Reyes said the film opens ", "a  b\u00a0 c d e opens "):
        text = lead + phrase + "."
        cue = _PATTERNS.cue.search(text)
        assert cue is not None
        whole = [m.span() for m in _PATTERNS.any_date.finditer(text)]
        assert whole, text
        starts = [
            m.span() for m in _PATTERNS.any_date.finditer(text, _lead_start(text, cue.start()))
        ]
        assert starts == whole, text


@settings(max_examples=1000)
@given(_date_shaped_text(), st.sampled_from(["", "Ana Reyes said the film ", "a  b\u00a0 c d e "]))
def test_no_date_starts_more_than_three_words_before_its_cue(text: str, lead: str) -> None:
    # The date pattern is tried from the fourth word before the first cue on:
    # starting there finds what a scan of the whole sentence finds.
    from watcher.extract.dates import _PATTERNS, _lead_start

    text = lead + text
    cue = _PATTERNS.cue.search(text)
    if cue is not None:
        start = _lead_start(text, cue.start())
        whole = [(m.span(), m.groupdict()) for m in _PATTERNS.any_date.finditer(text)]
        assert [
            (m.span(), m.groupdict()) for m in _PATTERNS.any_date.finditer(text, start)
        ] == whole, text


def test_a_month_of_a_year_after_in_is_one_date() -> None:
    (span,) = find_dates("It was announced in June of 2022.", date(2022, 7, 25))
    assert (span.value, span.form, span.inferred) == ("2022-06", "written", False)


def test_a_holiday_weekend_just_past_is_the_last_one() -> None:
    ref = date(2025, 12, 1)  # the Monday after Thanksgiving
    (span,) = find_dates("It dominated Thanksgiving weekend at the box office.", ref)
    assert span.value == "2025-11"
    (span,) = find_dates("The sequel opens at Thanksgiving.", ref)
    assert span.value == "2026-11"


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (date(2024, 4, 1), "2025-summer"),  # this summer is still to come
        (date(2024, 11, 22), "2025-summer"),  # this summer is over: next is the coming one
        (date(2025, 1, 10), "2026-summer"),
    ],
)
def test_next_summer_is_next_years(ref: date, expected: str) -> None:
    (span,) = find_dates("It opens next summer.", ref)
    assert span.value == expected


def test_a_holiday_weekend_just_gone_by() -> None:
    # Written on the Sunday before a Monday holiday: its weekend has passed.
    assert spans("opened over the Juneteenth weekend", date(2023, 6, 18))[0][0] == "2023-06"
    assert spans("opens on Father's Day weekend")[0][0] == "2026-06"

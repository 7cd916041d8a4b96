"""First looks (watcher.extract.kinds.image): the film's first official
images of any kind, read end to end through the matcher."""

from __future__ import annotations

import pytest

from tests.reading import HARBOR, IMAGE, entry, film, found, value
from watcher.config import QuestionConfig


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("First look at Mira Solano in Glass Harbor 2", ""),
        ("Glass Harbor 2: the first poster is here", "Tobias Renn shared it on Monday."),
        ("Northwind drops the first teaser for Glass Harbor 2", "Mira Solano stars."),
        ("Watch the first trailer for Glass Harbor 2", "Tobias Renn directs."),
        ("Glass Harbor 2 unveils its first official image", "Mira Solano stars."),
        # Not called the first, but reported out, and nothing says it is a later one.
        ("Northwind releases the Glass Harbor 2 trailer", "Mira Solano stars."),
        ("Glass Harbor 2 poster out", "Tobias Renn directs."),
    ],
)
def test_a_first_look_is_any_first_official_image(title: str, text: str) -> None:
    assert value(title, text, "first-look", images=(IMAGE,)) == IMAGE


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # A later one.
        ("Northwind releases a new trailer for Glass Harbor 2", "Mira Solano stars."),
        ("The final Glass Harbor 2 trailer is here", "Tobias Renn directs."),
        ("Glass Harbor 2 trailer 2 lands", "Tobias Renn directs."),
        ("Glass Harbor 2 first full-length trailer", "It follows the teaser."),
        # Only expected.
        ("The first Glass Harbor 2 trailer will debut next week", "Tobias Renn directs."),
        ("When can we expect a first look at Glass Harbor 2?", "Tobias Renn directs."),
        # Shown to an industry crowd, not released.
        ("Glass Harbor 2 footage screens at CinemaCon", "Tobias Renn introduced it."),
        # Another film's first look in an item about ours.
        ("First look: Mira Solano in 'Salt Roads'", "She will next be seen in Glass Harbor 2."),
        # A picture that is no image of the film.
        ("Glass Harbor 2", "Tobias Renn's picture book inspired the sequel, out Oct. 9."),
    ],
)
def test_not_a_first_look(title: str, text: str) -> None:
    assert value(title, text, "first-look", images=(IMAGE,)) is None


def test_without_an_image_the_item_is_kept_without_an_answer() -> None:
    m = found(entry("First look at Mira Solano in Glass Harbor 2"), "first-look")
    assert m is not None and m.answer is None and "First look" in m.evidence


def test_a_question_whose_cues_name_one_kind_takes_only_that_kind() -> None:
    posters = HARBOR.model_copy(
        update={"questions": (QuestionConfig(id="poster", kind="image", cues=("first poster",)),)}
    )
    still = entry("First look at Mira Solano in Glass Harbor 2", images=(IMAGE,))
    poster = entry("Glass Harbor 2: the first poster is here", "Tobias Renn.", images=(IMAGE,))
    assert value(still.title, still.text, "poster", images=(IMAGE,), subject=posters) is None
    assert value(poster.title, poster.text, "poster", images=(IMAGE,), subject=posters) == IMAGE


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # Feeds attach an image to almost every item: words that only look like
        # image nouns must not make a date or casting story a first look.
        ("Glass Harbor 2 dated", "Lumen Pictures will release Glass Harbor 2 on March 6, 2026."),
        (
            "Glass Harbor 2 moves up",
            "Northwind changed its header pictures, reflecting the new release date.",
        ),
        (
            "Glass Harbor 2 is streaming",
            "A month after its release, we still can't stop thinking about Glass Harbor 2.",
        ),
        ("Glass Harbor 2 casting", "Glass Harbor 2 is the first film under the Northwind banner."),
        ("Glass Harbor 2 plans", "Northwind mapped out a multi-picture arc for Glass Harbor 2."),
        # Not official images: a leak, footage shown only to a convention hall.
        ("Glass Harbor 2 images leak", "A first look at Glass Harbor 2 has leaked online."),
        (
            "Glass Harbor 2 wows exhibitors",
            "Audiences at CinemaCon got their first look at Glass Harbor 2 this morning.",
        ),
    ],
)
def test_words_that_only_look_like_image_nouns(title: str, text: str) -> None:
    assert value(title, text, "first-look", images=(IMAGE,)) is None


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Glass Harbor 2 Images Revealed", "Northwind shared the first images on Monday."),
        ("Glass Harbor 2", "Northwind released the first still from the sequel."),
    ],
)
def test_image_nouns_still_count_where_they_are_images(title: str, text: str) -> None:
    assert value(title, text, "first-look", images=(IMAGE,)) == IMAGE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Monday the teaser trailer of director Tobias Renn's upcoming sea thriller "
            "Glass Harbor 2 was unveiled.",
            IMAGE,
        ),
        # Still only expected: the word is about the image, not the film.
        ("Northwind will unveil the teaser for the upcoming sequel Glass Harbor 2 soon.", None),
        ("The teaser for Glass Harbor 2 is upcoming, Northwind says.", None),
    ],
)
def test_upcoming_describing_the_film_does_not_hold_the_image_back(
    text: str, expected: str | None
) -> None:
    assert value("Glass Harbor 2 teaser", text, "first-look", images=(IMAGE,)) == expected


def test_the_films_own_title_calls_its_trailer_nothing() -> None:
    voyage = film(
        "night-tide", "Night Tide: The Final Voyage", QuestionConfig(id="first-look", kind="image")
    )
    text = "Northwind released a teaser trailer for the sequel on Monday."
    title = "Northwind's ‘Night Tide: The Final Voyage’ releases trailer"
    assert value(title, text, "first-look", images=(IMAGE,), subject=voyage) == IMAGE
    title = "Northwind's ‘Night Tide: The Final Voyage’ releases final trailer"
    assert value(title, "", "first-look", images=(IMAGE,), subject=voyage) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A length is no ordinal, and a number with a hyphen no title.
        ("The 30-second teaser for Glass Harbor 2 is finally here.", IMAGE),
        # What the next clause expects is not said of the image.
        (
            "Glass Harbor 2 kicked off its campaign with its first teaser, and the sequel looks "
            "set to sail into new waters.",
            IMAGE,
        ),
        ("The second teaser for Glass Harbor 2 is finally here.", None),
    ],
)
def test_a_teasers_length_and_the_clause_after_it(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2 campaign", text, "first-look", images=(IMAGE,)) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # "Will" about what the trailer does, not about its coming out.
        (
            "Glass Harbor 2",
            "The first trailer for Glass Harbor 2 will send shivers down your spine.",
            IMAGE,
        ),
        ("Glass Harbor 2", "The first trailer for Glass Harbor 2 will debut on Thursday.", None),
        # Filming, and a first trailer long past.
        (
            "Glass Harbor 2 begins filming",
            "Northwind shared a clapboard from the film's first shot.",
            None,
        ),
        (
            "Glass Harbor 2 gets new trailer",
            "In fact, the first trailer came out over a year ago with the old date on it.",
            None,
        ),
    ],
)
def test_what_will_expects_and_first_images_long_past(
    title: str, text: str, expected: str | None
) -> None:
    assert value(title, text, "first-look", images=(IMAGE,)) == expected


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # What a trailer shows, said in passing, is no news of it.
        (
            "Glass Harbor 2 moves up a week",
            "Glass Harbor 2 now opens July 10. A trailer for the film shows Mira Solano at the "
            "helm.",
        ),
        # The first, released long before the report.
        (
            "Glass Harbor 2 delayed",
            "The first teaser for Glass Harbor 2 was released back in April, and there has been "
            "silence since.",
        ),
    ],
)
def test_a_trailer_in_passing_or_long_ago(title: str, text: str) -> None:
    assert value(title, text, "first-look", images=(IMAGE,)) is None


def test_asked_when_a_first_look_comes_is_no_first_look() -> None:
    text = (
        "Asked when we're likely to get a first look at Solano as Ilse Varga, Tobias Renn said it "
        "would be a while."
    )
    assert value("Glass Harbor 2 casting", text, "first-look", images=(IMAGE,)) is None


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Glass Harbor 2 poster", "Here's the official poster for Glass Harbor 2.", IMAGE),
        # Only spoken of: nothing presented.
        ("Glass Harbor 2", "Here's everything we know about the Glass Harbor 2 trailer.", None),
        ("Glass Harbor 2", "Here's the new poster for Glass Harbor 2.", None),
    ],
)
def test_an_image_presented(title: str, text: str, expected: str | None) -> None:
    assert value(title, text, "first-look", images=(IMAGE,)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Audiences can expect the first teaser for Glass Harbor 2 to drop in the fall.",
        "Northwind expects the first poster for the sequel to finally arrive next month.",
    ],
)
def test_a_first_image_expected_to_come(text: str) -> None:
    assert value("Glass Harbor 2 news", text, "first-look", images=(IMAGE,)) is None


def test_this_first_poster_is_presented() -> None:
    text = "Judging by this first poster, Glass Harbor 2 promises to be a stormy ride."
    assert value("Glass Harbor 2 poster", text, "first-look", images=(IMAGE,)) == IMAGE


def test_a_new_thing_in_the_teaser_is_not_a_new_teaser() -> None:
    # "new" is the adventure's; the trailer after the film's date is the item's.
    text = (
        "The crew is ready for a new adventure in the teaser trailer for Northwind's upcoming "
        "film Glass Harbor 2. The film comes to theaters on Dec. 19. Watch the trailer below:"
    )
    assert value("Glass Harbor 2 Trailer", text, "first-look", images=(IMAGE,)) == IMAGE


def test_a_trailer_watched_after_another_film_is_not_ours() -> None:
    text = (
        "Glass Harbor 2 opens in December. Northwind's Nightjar opens a week later. "
        "Watch the trailer below:"
    )
    assert value("Glass Harbor 2 and Nightjar", text, "first-look", images=(IMAGE,)) is None


def test_a_photo_shared_after_the_film_is_named_is_no_first_look() -> None:
    text = (
        "Glass Harbor 2 has finished its Lisbon leg, Tobias Renn said. Mira Solano shared a "
        "photo from the crew's last night there."
    )
    assert value("Glass Harbor 2 moves on", text, "first-look", images=(IMAGE,)) is None

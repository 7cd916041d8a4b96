"""Roles and casting as trade press writes them (watcher.extract.kinds.text
and watcher.extract.roles), read end to end through the matcher."""

from __future__ import annotations

import pytest

from tests.reading import HARBOR, entry, film, found, value
from watcher.config import QuestionConfig, SubjectConfig

# --------------------------------------------------------------------------- the part of a person


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # Verbs, and the words that may stand before them.
        (
            "Glass Harbor 2 casting",
            "Mira Solano will play Ilse Varga in Glass Harbor 2.",
            "ilse varga",
        ),
        (
            "Glass Harbor 2 casting",
            "Mira Solano has been confirmed to be playing Ilse Varga.",
            "ilse varga",
        ),
        ("Mira Solano Returns As Ilse Varga In Glass Harbor 2", "", "ilse varga"),
        ("Glass Harbor 2", "Mira Solano stars in the sequel as Captain Ilse Varga.", "ilse varga"),
        ("Glass Harbor 2", "Mira Solano takes on the starring role of Ilse Varga.", "ilse varga"),
        # Possessive, parenthetical, copular, appositive, passive.
        ("Mira Solano's Ilse Varga leads Glass Harbor 2", "Tobias Renn directs.", "ilse varga"),
        (
            "Glass Harbor 2 first look",
            "The still shows Mira Solano (Ilse Varga) at the helm.",
            "ilse varga",
        ),
        (
            "Glass Harbor 2",
            "In Glass Harbor 2, Mira Solano is the smuggler Ilse Varga.",
            "ilse varga",
        ),
        (
            "Glass Harbor 2",
            "Ilse Varga herself, Mira Solano, returns for the sequel.",
            "ilse varga",
        ),
        ("Glass Harbor 2", "Ilse Varga, played by Mira Solano, leads the crew.", "ilse varga"),
        (
            "Glass Harbor 2",
            "Ilse Varga, played with weary grace by Mira Solano, leads the crew.",
            "ilse varga",
        ),
        (
            "Glass Harbor 2",
            "Ilse Varga, played superbly by Mira Solano, leads the crew.",
            "ilse varga",
        ),
        ("Glass Harbor 2", "Mira Solano of Wildfire fame will portray Ilse Varga.", "ilse varga"),
        (
            "Glass Harbor 2",
            "The sequel puts the focus on Mira Solano’s “Ilse” character.",
            "ilse varga",
        ),
        (
            "Glass Harbor 2",
            "Mira Solano is playing a hardened smuggler (named Ilse).",
            "ilse varga",
        ),
        (
            "Glass Harbor 2",
            "At its helm is Mira Solano, who steps into the shoes of Ilse Varga, a smuggler.",
            "ilse varga",
        ),
        # One actor, two parts.
        (
            "Glass Harbor 2",
            "It follows the twin captains Ilse Varga and Ida Varga, both played by Mira Solano.",
            "ilse varga and ida varga",
        ),
        (
            "Glass Harbor 2",
            "Starring Mira Solano in dual roles as the twins Ilse and Ida Varga, the sequel sails.",
            "ilse varga",
        ),
        (
            "Glass Harbor 2",
            "The crew: Ilse Varga/the Sea Witch (Mira Solano) and Oskar Brandt (Kai Lennox).",
            "ilse varga",
        ),
        (
            "Glass Harbor 2",
            "The captain Ilse Varga will now be played by Mira Solano.",
            "ilse varga",
        ),
        (
            "Glass Harbor 2",
            "The crew is led by Ilse Varga (Mira Solano) and a stowaway.",
            "ilse varga",
        ),
        # "she" and "the actress" stand for the last of the film's people named.
        (
            "Glass Harbor 2",
            "Mira Solano signed on last week. She will play Ilse Varga.",
            "ilse varga",
        ),
        (
            "Glass Harbor 2 adds Mira Solano",
            "Northwind confirmed the deal on Monday. The Wildfire actress is set "
            "to play Ilse Varga.",
            "ilse varga",
        ),
        # People listed with their parts, with or without "respectively".
        (
            "Glass Harbor 2",
            "Kai Lennox and Mira Solano return as Oskar Brandt and Ilse Varga, respectively.",
            "ilse varga",
        ),
        (
            "Glass Harbor 2",
            "The sequel stars Kai Lennox and Mira Solano as Oskar Brandt and Ilse Varga.",
            "ilse varga",
        ),
        # Describing words before the second part.
        (
            "Glass Harbor 2",
            "Kai Lennox and Mira Solano are in talks to play Oskar Brandt and his rival turned "
            "ally Ilse Varga.",
            "ilse varga",
        ),
        # The people next to the verb, not the source before them.
        (
            "Glass Harbor 2",
            "According to the reliable Harbor Point News, Kai Lennox and Mira Solano are in talks "
            "to play the co-lead roles of Oskar Brandt and Ilse Varga, respectively.",
            "ilse varga",
        ),
        # "respectively" pairs a described part too, after a describing word.
        (
            "Glass Harbor 2",
            "Kai Lennox and Mira Solano return as Oskar Brandt and the ruthless smuggler, "
            "respectively.",
            "ruthless smuggler",
        ),
        (
            "Glass Harbor 2",
            "Mira Solano and Kai Lennox return as Ilse Varga and the titular Oskar Brandt, "
            "respectively.",
            "ilse varga",
        ),
        # The name a question knows stands for its aliases.
        ("Glass Harbor 2", "Mira Solano is back as Captain Varga.", "ilse varga"),
        # No name given: the part described.
        (
            "Glass Harbor 2",
            "Mira Solano will play the daughter of Oskar Brandt.",
            "daughter of oskar brandt",
        ),
        ("Glass Harbor 2", "Mira Solano plays Brandt's estranged daughter, Ilse.", "ilse varga"),
    ],
)
def test_the_part_linked_to_the_person(title: str, text: str, expected: str) -> None:
    assert value(title, text, "solano-role") == expected


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # A part in an earlier film of the franchise, or in another work.
        (
            "Glass Harbor 2",
            "Mira Solano, who played Lena Holt in the original film, joins the sequel.",
        ),
        ("Glass Harbor 2", "Mira Solano is best known for playing Detective Rowe in Wildfire."),
        # Every pair of a list the earlier film cast.
        (
            "Glass Harbor 2 dated",
            "The original film starred Kai Lennox as Oskar Brandt and Mira Solano as Lena "
            "Holt, and both are expected back for the sequel.",
        ),
        (
            "Glass Harbor 2 adds Mira Solano",
            "Mira Solano will play June Carver in 'Salt Roads' next spring.",
        ),
        # Asked, not stated.
        ("Glass Harbor 2", "Fans keep asking if Mira Solano will play Ilse Varga again."),
        ("Glass Harbor 2", "Who is Mira Solano playing in Glass Harbor 2?"),
        # Someone else with the surname; someone else's part.
        ("Glass Harbor 2", "Pia Solano will play Ilse Varga in Glass Harbor 2."),
        ("Glass Harbor 2", "Mira Solano joins Kai Lennox, who plays Oskar Brandt."),
        # A negation.
        ("Glass Harbor 2", "Mira Solano won't return as Ilse Varga in Glass Harbor 2."),
        # The item is about another film.
        (
            "'Salt Roads' begins filming",
            "Mira Solano plays June Carver; she also stars in Glass Harbor 2.",
        ),
    ],
)
def test_not_the_part_of_the_person(title: str, text: str) -> None:
    assert value(title, text, "solano-role") is None


@pytest.mark.parametrize(
    "text",
    [
        "Mira Solano is in talks to play Ilse Varga in Glass Harbor 2.",
        "Mira Solano will reportedly play Ilse Varga in Glass Harbor 2.",
        "Mira Solano is rumored to be playing Ilse Varga in Glass Harbor 2.",
    ],
)
def test_rumours_are_hedged_answers(text: str) -> None:
    m = found(entry("Glass Harbor 2", text), "solano-role")
    assert m is not None and m.answer is not None and m.answer.value == "ilse varga"
    assert m.hedged


def test_a_name_beats_a_description_in_the_same_item() -> None:
    item = entry(
        "Glass Harbor 2",
        "Mira Solano will play the daughter of Oskar Brandt. Her character, "
        "Ilse Varga, leads the crew. "
        "Mira Solano stars as Ilse Varga.",
    )
    m = found(item, "solano-role")
    assert m is not None and m.answer is not None and m.answer.value == "ilse varga"
    refused = [c for c in m.considered if c.refused == "named-elsewhere"]
    assert refused and "daughter" in refused[0].value


# --------------------------------------------------------------------------- who plays a part


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Glass Harbor 2 casting", "Kai Lennox will play Oskar Brandt in Glass Harbor 2."),
        ("Glass Harbor 2 casting", "Northwind casts Kai Lennox as Oskar Brandt."),
        ("Glass Harbor 2", "Oskar Brandt, the harbor master, is played by Kai Lennox."),
        ("Glass Harbor 2", "Oskar Brandt (played by newcomer Kai Lennox) runs the docks."),
        ("Glass Harbor 2", "The sequel stars Kai Lennox as an older Oskar Brandt."),
        ("Glass Harbor 2", "Kai Lennox takes over the role of Oskar Brandt from Ned Foyle."),
        ("Glass Harbor 2", "The teaser shows a new foe, Oskar Brandt (voice of Kai Lennox)."),
        # A description with a second noun before the name; the first film's voice.
        (
            "Glass Harbor 2",
            "The cast includes Kai Lennox as Ilse's loyal brother and first mate, Oskar Brandt; "
            "and Ned Foyle (the voice of the original Oskar Brandt) as a harbor clerk.",
        ),
        # A surname alone stands for the full name the item writes.
        (
            "Lennox to play Oskar Brandt in Glass Harbor 2",
            "Kai Lennox closed his deal with Northwind.",
        ),
    ],
)
def test_who_plays_a_named_part(title: str, text: str) -> None:
    assert value(title, text, "brandt-actor") == "kai lennox"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # Who had the part before is not who plays it now.
        ("Glass Harbor 2", "Kai Lennox takes over the role of Oskar Brandt from Ned Foyle."),
        (
            "Glass Harbor 2",
            "Kai Lennox plays an older Oskar Brandt, who was played by Ned Foyle "
            "in the original film.",
        ),
    ],
)
def test_the_earlier_actor_of_a_part_is_not_the_answer(title: str, text: str) -> None:
    assert value(title, text, "brandt-actor") != "ned foyle"


@pytest.mark.parametrize(
    "text",
    [
        "Kai Lennox joins the sequel. He will voice Oskar Brandt.",
        # The last sentence's subject, not the person named after it.
        "Kai Lennox will join Mira Solano in the sequel. The Wildfire actor, 73, will voice "
        "Oskar Brandt.",
        "Kai Lennox will join Mira Solano in the sequel. On Tuesday, it was reported that the "
        "veteran actor will play Oskar Brandt.",
    ],
)
def test_who_plays_a_part_through_a_stand_in(text: str) -> None:
    assert value("Glass Harbor 2 casting", text, "brandt-actor") == "kai lennox"


@pytest.mark.parametrize(
    "text",
    [
        # Oskar Brandt owns the part played; he is not it.
        "Dale Voss, who voices Oskar Brandt’s pet parrot, Pell, joins the cast.",
        "Dale Voss plays Oskar Brandt's loyal, foul-mouthed parrot, Pell.",
    ],
)
def test_a_part_owned_by_the_asked_part_is_not_it(text: str) -> None:
    assert value("Glass Harbor 2", text, "brandt-actor") is None
    assert (
        value(
            "Glass Harbor 2",
            text.replace("Pell", "Ilse Varga").replace("Dale Voss", "Mira Solano"),
            "solano-role",
        )
        == "ilse varga"
    )


def test_a_refused_part_says_why() -> None:
    item = entry(
        "Glass Harbor 2",
        "Mira Solano, who played Lena Holt in the original film, joins the sequel.",
    )
    m = found(item, "solano-role")
    assert m is not None and m.answer is None  # kept, to say why nothing was taken
    codes = {c.refused for c in m.considered if not c.taken}
    assert codes & {"earlier-part", "other-work"}


# --------------------------------------------------------------------------- more shapes of a part

WARDEN = HARBOR.model_copy(
    update={
        "questions": (
            QuestionConfig(
                id="warden-actor",
                label="Who plays the Warden?",
                kind="text",
                about=("The Warden",),
                cues=("plays", "play", "cast", "as", "role"),
            ),
        )
    }
)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Glass Harbor 2", "Mira Solano will step in as Ilse ‘Iron’ Varga for the sequel."),
        ("Glass Harbor 2", "Mira Solano is set to replace Dana Pike as Ilse Varga in the sequel."),
        ("Glass Harbor 2", "Mira Solano, playing Ilse Varga in the sequel, spoke to reporters."),
        (
            "Glass Harbor 2",
            "Mira Solano is set to join the cast soon, taking the reins of the character Ilse "
            "Varga in Glass Harbor 2.",
        ),
        ("Glass Harbor 2", "Mira Solano is back, reviving her signature character of Ilse Varga."),
        (
            "Glass Harbor 2 opens in March",
            "Mira Solano was there. Renn spoke about the sequel, where she plays Ilse Varga.",
        ),
        (
            "Glass Harbor 2 first look",
            "Mira Solano joined the sequel. The 34-year-old plays Ilse Varga, a smuggler.",
        ),
        ("Glass Harbor 2", "Critics praised Mira Solano’s performance as the smuggler Ilse Varga."),
        ("Glass Harbor 2", "The still shows Mira Solano's ruthless smuggler, Ilse Varga."),
        ("Glass Harbor 2 Casts Mira Solano's Ilse Varga", "Mira Solano plays Ilse Varga."),
    ],
)
def test_more_ways_to_name_a_persons_part(title: str, text: str) -> None:
    assert value(title, text, "solano-role") == "ilse varga"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # The part goes to whoever is the object of "joined by".
        ("Glass Harbor 2", "Mira Solano will be joined by Kai Lennox as Oskar Brandt."),
        # Two people, two parts, and nothing says whose is which.
        (
            "Glass Harbor 2",
            "The sequel was to star Pia Dorn, seen in Wildfire, and Mira Solano in the roles of "
            "June Carver and Ilse Varga.",
        ),
        # Her own name, and a place, are not parts.
        ("Glass Harbor 2", "Mira’s (Mira Solano) scenes were shot first."),
        ("Glass Harbor 2", "The crew flew to Lisbon (Mira Solano) last week."),
        # A headline capitalizes every word.
        ("Mira Solano's New Thriller Glass Harbor 2 Gets A Date", "It opens in March."),
        ("Mira Solano's Latest Role Is Her Toughest Yet", "Glass Harbor 2 opens in March."),
    ],
)
def test_shapes_that_name_no_part_of_hers(title: str, text: str) -> None:
    assert value(title, text, "solano-role") is None


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Glass Harbor 2", "Kai Lennox will return as The Warden in the sequel."),
        ("Glass Harbor 2", "Kai Lennox returns as the Warden in Glass Harbor 2."),
        ("Glass Harbor 2", "The Warden (Kai Lennox) runs the prison in the sequel."),
    ],
)
def test_a_part_named_with_its_article(title: str, text: str) -> None:
    assert value(title, text, "warden-actor", subject=WARDEN) == "kai lennox"


# --------------------------------------------------------------------------- part first, asides


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        # The part before the person.
        ("Playing Ilse Varga is Mira Solano.", "solano-role", "ilse varga"),
        ("Taking on the role of Ilse Varga is Mira Solano.", "solano-role", "ilse varga"),
        ("In the lead role of Ilse Varga is Mira Solano.", "solano-role", "ilse varga"),
        ("The role of Ilse Varga goes to Mira Solano.", "solano-role", "ilse varga"),
        ("The part of Oskar Brandt went to Kai Lennox.", "brandt-actor", "kai lennox"),
        ("As Ilse Varga, Mira Solano carries the film.", "solano-role", "ilse varga"),
        ("In the title role is Mira Solano.", "solano-role", "glass harbor"),
        ("Playing Oskar Brandt is Kai Lennox.", "brandt-actor", "kai lennox"),
        # The part in apposition.
        (
            "“It was a joy,” said Kai Lennox, the voice of Oskar Brandt.",
            "brandt-actor",
            "kai lennox",
        ),
        ("Mira Solano, the voice of Ilse Varga, sings twice.", "solano-role", "ilse varga"),
        # Asides between the person and the part.
        ("Mira Solano, cast as Ilse Varga, trained for months.", "solano-role", "ilse varga"),
        (
            "Mira Solano, best known for Wildfire, will play Ilse Varga.",
            "solano-role",
            "ilse varga",
        ),
        ("Solano (who plays Ilse Varga) shared a photo.", "solano-role", "ilse varga"),
        ("Mira Solano, Glass Harbor 2's Ilse Varga, spoke to us.", "solano-role", "ilse varga"),
        # Verbs that reach the part through a role noun, or close around it.
        ("Mira Solano takes the lead role as Ilse Varga.", "solano-role", "ilse varga"),
        ("Mira Solano returns to the role of Ilse Varga.", "solano-role", "ilse varga"),
        ("Mira Solano has been confirmed as Ilse Varga.", "solano-role", "ilse varga"),
        ("Mira Solano brings Ilse Varga to life.", "solano-role", "ilse varga"),
    ],
)
def test_the_part_before_the_person_or_past_an_aside(
    text: str, question: str, expected: str
) -> None:
    assert expected in (value("Glass Harbor 2", text, question) or "")


@pytest.mark.parametrize(
    "text",
    [
        "Mira Solano brings Ilse Varga's daughter along to the premiere.",
        "As Northwind announced, Mira Solano will direct the sequel.",
        "Mira Solano, best known for playing Ilse Varga, joins the cast of Night Harbor.",
        "The role of a lifetime went to Mira Solano.",
        "Taking the stage at the panel was Mira Solano.",
    ],
)
def test_shapes_near_those_that_link_no_part(text: str) -> None:
    assert value("Glass Harbor 2", text, "solano-role") is None


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        # A credit in brackets before the verb is not the part.
        (
            "Mira Solano (Wildfire) will portray the smuggler Ilse Varga.",
            "solano-role",
            "ilse varga",
        ),
        ("Mira Solano joins the sequel in the role of Ilse Varga.", "solano-role", "ilse varga"),
        # Lists of parts and people, on either side of the verb.
        (
            "Oskar Brandt and Ilse Varga, meanwhile, will be played by Kai Lennox and Mira Solano.",
            "solano-role",
            "ilse varga",
        ),
        (
            "Oskar Brandt and Ilse Varga, meanwhile, will be played by Kai Lennox and Mira Solano.",
            "brandt-actor",
            "kai lennox",
        ),
        (
            "Kai Lennox and Mira Solano will play the leads, Oskar Brandt and Ilse Varga, "
            "respectively.",
            "solano-role",
            "ilse varga",
        ),
        (
            "Kai Lennox and Mira Solano have been cast as the lead roles of Oskar Brandt and "
            "Ilse Varga.",
            "solano-role",
            "ilse varga",
        ),
    ],
)
def test_credits_and_lists_around_the_verb(text: str, question: str, expected: str) -> None:
    assert expected in (value("Glass Harbor 2", text, question) or "")


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        # A nickname of several words inside a part's name.
        (
            "The crew: Oskar 'The Tide King' Brandt (Kai Lennox) and Ilse Varga (Mira Solano).",
            "brandt-actor",
            "kai lennox",
        ),
        (
            "As Oskar “The Tide King” Brandt, Kai Lennox plays a washed-up smuggler.",
            "brandt-actor",
            "kai lennox",
        ),
        (
            "The crew: Oskar 'The Tide King' Brandt (Kai Lennox) and Ilse Varga (Mira Solano).",
            "solano-role",
            "ilse varga",
        ),
    ],
)
def test_a_nickname_of_several_words_inside_a_name(text: str, question: str, expected: str) -> None:
    assert expected in (value("Glass Harbor 2", text, question) or "")


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        # A credit in brackets, then "as" or a verb: the part is after them.
        ("Glass Harbor 2 stars Mira Solano (Wildfire) as Ilse Varga.", "solano-role", "ilse varga"),
        (
            "Mira Solano (Wildfire, Low Tide) will portray deckhand/eventual captain Ilse Varga.",
            "solano-role",
            "ilse varga",
        ),
        # A regnal number ends a part's name; it is no sequel's title.
        (
            "Glass Harbor 2 stars Kai Lennox as Oskar Brandt III, the harbormaster.",
            "brandt-actor",
            "kai lennox",
        ),
    ],
)
def test_credits_before_the_part_and_numbered_names(
    text: str, question: str, expected: str
) -> None:
    assert expected in (value("Glass Harbor 2", text, question) or "")


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        (
            "Northwind confirmed the identity of Mira Solano’s mysterious, seafaring character "
            "as Ilse Varga.",
            "solano-role",
            "ilse varga",
        ),
        (
            "At the helm is Oskar Brandt (Kai Lennox; Wildfire, Low Tide), a washed-up smuggler.",
            "brandt-actor",
            "kai lennox",
        ),
        (
            "Mira Solano - who previously played a pirate in Low Tide - will play Ilse Varga.",
            "solano-role",
            "ilse varga",
        ),
    ],
)
def test_character_as_credits_after_a_semicolon_and_dash_asides(
    text: str, question: str, expected: str
) -> None:
    assert expected in (value("Glass Harbor 2", text, question) or "")


@pytest.mark.parametrize(
    "text",
    [
        "Oskar Brandt will be played by none other than the king of stage combat himself, "
        "Kai Lennox.",
        "In Glass Harbor 2, Oskar Brandt is set to be played by the brilliant Kai Lennox.",
    ],
)
def test_played_by_past_an_epithet_or_a_set_to(text: str) -> None:
    assert value("Glass Harbor 2", text, "brandt-actor") == "kai lennox"


@pytest.mark.parametrize(
    "text",
    [
        # The studio casts; the one cast is the name before "as", past a credit.
        "Northwind has cast Wildfire actor Kai Lennox as its lead character, Oskar Brandt.",
        "Northwind casts Low Tide star Kai Lennox as Oskar Brandt.",
    ],
)
def test_the_one_cast_past_a_credit_and_an_epithet(text: str) -> None:
    assert value("Glass Harbor 2", text, "brandt-actor") == "kai lennox"


def test_an_item_that_names_the_actor_by_surname_only() -> None:
    # The question names her in full only; the item never does.
    asked = QuestionConfig(
        id="solano-full", label="In what role does Mira Solano appear?", kind="text",
        about=("Mira Solano",), cues=("role", "plays", "as"),
    )  # fmt: skip
    subject = HARBOR.model_copy(update={"questions": (asked,)})
    text = (
        "In the new clip, Solano and Lennox share a tense scene. "
        "The crew is led by Ilse Varga (Solano)."
    )
    assert value("Glass Harbor 2 clip", text, "solano-full", subject=subject) == "ilse varga"


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The film is named in the sentence before and the item is about it.
        (
            "Glass Harbor 2 finds its smuggler",
            "Northwind Pictures has recast the lead of Glass Harbor 2. Mira Solano takes over "
            "as Ilse Varga, after the first choice left over scheduling.",
            "ilse varga",
        ),
        (
            "Glass Harbor 2 review: a storm worth sitting through",
            "Tobias Renn's Glass Harbor 2 is the tightest thriller of the summer. Mira Solano "
            "is ferocious as Ilse Varga, and the rest of the crew keeps pace.",
            "ilse varga",
        ),
        # Not in the headline alone, and not in an item about another film.
        ("Mira Solano Shines As Ilse Varga", "Glass Harbor 2 opens in August.", None),
        (
            "'Salt Roads' review: a slow burn",
            "Salt Roads is a patient film, and Glass Harbor 2 fans will find it slow. Mira "
            "Solano is ferocious as June Carver.",
            None,
        ),
    ],
)
def test_a_late_as_binds_to_the_film_the_sentence_carries(
    title: str, text: str, expected: str | None
) -> None:
    assert value(title, text, "solano-role") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mira Solano has said she feels “real nerves” about her return as smuggler "
            "Ilse Varga in Glass Harbor 2.",
            "ilse varga",
        ),
        (
            "Mira Solano has opened up about how much she has missed her role as Ilse Varga "
            "in Glass Harbor 2.",
            "ilse varga",
        ),
        # A comparison, not a part.
        ("Mira Solano could be back on set as early as May for Glass Harbor 2.", None),
        ("Mira Solano joins Kai Lennox as well as Tobias Renn in Glass Harbor 2.", None),
    ],
)
def test_a_late_as_past_quoted_words_and_a_describing_noun(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2", text, "solano-role") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mira Solano spoke on a talk show about her on-screen alter ego Ilse Varga.",
            "ilse varga",
        ),
        ("Mira Solano shared a few secrets about her character, Ilse Varga.", "ilse varga"),
        # Another person's character.
        ("Mira Solano praised her co-star and his character Oskar Brandt.", None),
        ("Mira Solano praised Kai Lennox and his character Oskar Brandt.", None),
    ],
)
def test_her_character_later_in_the_persons_clause(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2", text, "solano-role") == expected


def test_essay_the_role_of() -> None:
    text = "Mira Solano has been roped in to essay the role of Ilse Varga in Glass Harbor 2."
    assert value("Glass Harbor 2", text, "solano-role") == "ilse varga"


@pytest.mark.parametrize(
    "text",
    [
        "Mira Solano will voice Ilse Varga, with Kai Lennox Jr. voicing Oskar Brandt.",
        "Kai Lennox Jr. will voice Oskar Brandt in Glass Harbor 2, beside Mira Solano.",
    ],
)
def test_a_name_with_a_suffix(text: str) -> None:
    assert value("Glass Harbor 2 casting", text, "brandt-actor") == "kai lennox"
    junior = QuestionConfig(
        id="brandt-actor",
        label="Who voices Oskar Brandt?",
        kind="text",
        about=("Oskar Brandt",),
        synonyms=(("Kai Lennox Jr.", ("Lennox",)),),
        cues=("voices", "voice", "voicing", "plays"),
    )
    harbor = SubjectConfig(
        id="glass-harbor-2", name="Glass Harbor 2", context=("Mira Solano",), questions=(junior,)
    )
    assert value("Glass Harbor 2 casting", text, "brandt-actor", subject=harbor) == "kai lennox jr"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Glass Harbor 2 casting", "Glass Harbor 2 has found its Oskar Brandt: Kai Lennox."),
        ("Glass Harbor 2 casting", "Glass Harbor 2 has found its Oskar Brandt in Kai Lennox."),
        # The part named before its role noun, and "for" the role.
        ("Kai Lennox Lands Oskar Brandt Role in Glass Harbor 2", ""),
        ("Glass Harbor 2 Taps Kai Lennox For Oskar Brandt Role", ""),
        ("Glass Harbor 2", "Northwind tapped Kai Lennox for the role of Oskar Brandt."),
        ("Glass Harbor 2", "Northwind tapped Kai Lennox for the Oskar Brandt role."),
        ("Glass Harbor 2", "Kai Lennox is in the running for the Oskar Brandt role."),
        # "Opposite" another person, the part is still the subject's.
        ("Glass Harbor 2", "Kai Lennox will star opposite Mira Solano as Oskar Brandt."),
        ("Glass Harbor 2", "Kai Lennox signed on to star alongside Mira Solano as Oskar Brandt."),
        # A part described by whose it is, then named.
        ("Glass Harbor 2", "Kai Lennox will play Solano's nemesis, Oskar Brandt."),
        # A name with "the" in it, before the actor in brackets.
        ("Glass Harbor 2", "The crew faces the dreaded Brandt the Butcher (Kai Lennox)."),
    ],
)
def test_casting_phrased_around_the_role(title: str, text: str) -> None:
    assert value(title, text, "brandt-actor") == "kai lennox"


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "Glass Harbor 2",
            "Mira Solano will play the ship's captain, Ilse Varga, in Glass Harbor 2.",
            "ilse varga",
        ),
        ("Glass Harbor 2", "Mira Solano will play Renn's love interest, Ilse Varga.", "ilse varga"),
        ("Glass Harbor 2", "Mira Solano stars opposite Tobias Renn as Ilse Varga.", "ilse varga"),
        # The other person's part, and a part given after a comma with no verb of hers.
        ("Glass Harbor 2", "Tobias Renn stars opposite Mira Solano as Jonah Pike.", None),
        (
            "Glass Harbor 2",
            "The sequel features Tobias Renn as Jonah Pike, alongside Mira Solano as Ilse Varga.",
            "ilse varga",
        ),
        # A headline capitalizes a description before "Role".
        ("Mira Solano Lands Lead Role in Glass Harbor 2", "", None),
    ],
)
def test_a_part_after_a_description_or_another_person(
    title: str, text: str, expected: str | None
) -> None:
    assert value(title, text, "solano-role") == expected


def test_an_outlet_in_quotes_and_the_franchise_before_a_description() -> None:
    item = entry(
        "Kai Lennox, Mira Solano to lead cast of 'Glass Harbor' animated prequel",
        "'The Ledger' reports that Lennox and Solano will voice the leads in 'Glass Harbor 2'. "
        "Lennox will voice Oskar Brandt and Solano will voice Ilse Varga.",
    )
    match = found(item, "brandt-actor")
    assert match is not None and match.answer is not None
    assert match.answer.value == "kai lennox"


@pytest.mark.parametrize(
    ("title", "text", "question", "expected"),
    [
        (
            "Glass Harbor 2",
            "Played by newcomer Kai Lennox, Brandt runs the docks.",
            "brandt-actor",
            "kai lennox",
        ),
        (
            "Glass Harbor 2",
            "Mira Solano is back, this time as Ilse Varga.",
            "solano-role",
            "ilse varga",
        ),
        (
            "Glass Harbor 2",
            "The sequel was announced with the return of Mira Solano, this time as Ilse Varga.",
            "solano-role",
            "ilse varga",
        ),
        (
            "Glass Harbor 2",
            "Mira Solano was revealed as Ilse Varga at the Glass Harbor 2 panel.",
            "solano-role",
            "ilse varga",
        ),
        # The film's star, then a late "as": bound to the film the epithet names.
        (
            "Glass Harbor 2 star Mira Solano trains hard as Ilse Varga",
            "",
            "solano-role",
            "ilse varga",
        ),
    ],
)
def test_fronted_and_later_links(title: str, text: str, question: str, expected: str) -> None:
    assert value(title, text, question) == expected


def test_the_title_role_of_a_biopic() -> None:
    lane = QuestionConfig(
        id="lane-actor",
        label="Who plays Vesper Lane?",
        kind="text",
        about=("Vesper Lane",),
        cues=("plays", "play", "cast", "role"),
    )
    vesper = film("vesper", "Vesper", lane, context=("Ilse Varga", "Northwind"))
    text = (
        "Vesper, directed by Ilse Varga and starring newcomer Dax Moreau in the title role, "
        "will hit theaters June 5, 2026."
    )
    assert value("Northwind dates Vesper", text, "lane-actor", subject=vesper) == "dax moreau"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The teaser introduces Brandt’s daughter, voiced by Mira Solano.", "brandt s daughter"),
        (
            "The clip teases Mira Solano as Renn and Varga's grown daughter Ilse, among others.",
            "ilse varga",
        ),
    ],
)
def test_a_daughter_described_before_or_named_after(text: str, expected: str) -> None:
    assert value("Glass Harbor 2 teaser", text, "solano-role") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dax Moreau will voice the title role, with Rhea Quill as his mother.",
        "The teaser shows what awaits the titular character, voiced by Dax Moreau.",
    ],
)
def test_the_title_role_voiced_or_played(text: str) -> None:
    voice = QuestionConfig(
        id="vesper-voice",
        label="Who voices Vesper?",
        kind="text",
        about=("Vesper",),
        cues=("voices", "voice", "plays", "role"),
    )
    vesper = film("vesper", "Vesper", voice, context=("Northwind", "Dax Moreau"))
    assert value("Northwind's Vesper", text, "vesper-voice", subject=vesper) == "dax moreau"


def test_a_part_in_a_film_of_a_past_year_named_as_a_predicate() -> None:
    text = (
        "The best version of the story was the 2003 Northwind movie, starring Kai Lennox as "
        "young Oskar Brandt and Mira Solano as his mother Ilse Varga."
    )
    assert value("Glass Harbor 2 first trailer", text, "solano-role") is None


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The verb after a contraction of a pronoun.
        (
            "Glass Harbor 2",
            "Mira Solano has joined Glass Harbor 2. She'll play Ilse Varga, a smuggler.",
            "ilse varga",
        ),
        # A possessive before "movie" names whose film it is.
        ("Mira Solano's Northwind Movie Glass Harbor 2 Opens Big", "", None),
        # A return later in the sentence, to something else, brings no old part back.
        (
            "Glass Harbor 2",
            "Solano is no stranger to thrillers: she played Captain Kell in a war drama, is "
            "returning for a second season of Harbor Nights, and joins Glass Harbor 2 next.",
            None,
        ),
    ],
)
def test_contractions_whose_film_and_a_return_elsewhere(
    title: str, text: str, expected: str | None
) -> None:
    assert value(title, text, "solano-role") == expected


@pytest.mark.parametrize(
    "text",
    [
        # Leading the film, named between the verb and its "as".
        "Mira Solano will headline Glass Harbor 2 as Captain Ilse Varga.",
        "Mira Solano is set to front Glass Harbor 2 as Ilse Varga.",
        "Mira Solano leads Glass Harbor 2 as Ilse Varga, a smuggler with a past.",
    ],
)
def test_leading_the_film_as_a_part(text: str) -> None:
    assert value("Glass Harbor 2 cast", text, "solano-role") == "ilse varga"


@pytest.mark.parametrize(
    "text",
    [
        # The part described through the film, then named.
        "Northwind has cast Kai Lennox as the film's antagonist, Oskar Brandt.",
        "Kai Lennox will play the sequel's new villain, Oskar Brandt.",
        # Brought to life, in the passive.
        "Oskar Brandt will be brought to life by Kai Lennox in Glass Harbor 2.",
    ],
)
def test_a_part_described_through_the_film_or_brought_to_life(text: str) -> None:
    assert value("Glass Harbor 2 cast", text, "brandt-actor") == "kai lennox"


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        # A sentence adverb before "the movie includes ... played by" is no part.
        (
            "Moreover, the movie includes new characters played by Mira Solano (Ilse Varga), "
            "Kai Lennox (Oskar Brandt) and more.",
            "solano-role",
            "ilse varga",
        ),
        # A part named with "The" is no title.
        (
            "Solano voices the character of The Ferryman in the new Glass Harbor 2.",
            "solano-role",
            "ferryman",
        ),
    ],
)
def test_an_adverb_is_no_part_and_a_the_part_no_title(
    text: str, question: str, expected: str
) -> None:
    assert value("Glass Harbor 2 review", text, question) == expected


@pytest.mark.parametrize(
    "text",
    [
        # An aside with an initial in it.
        "Mira Solano, who won praise for her role as J. Arthur Penn's wife Ada in Saltmarsh, "
        "plays Varga in Glass Harbor 2.",
        # Someone learned from is a person, not a place.
        "The trailer then cuts to the crew as they learn from Ilse Varga (Mira Solano) that the "
        "harbor is gone.",
    ],
)
def test_an_aside_with_an_initial_and_a_part_learned_from(text: str) -> None:
    assert value("Glass Harbor 2 trailer", text, "solano-role") == "ilse varga"


@pytest.mark.parametrize(
    ("title", "text", "question", "expected"),
    [
        # A participle at the end of the person's clause.
        ("Glass Harbor 2 news", "Mira Solano is joining Glass Harbor 2, playing Ilse Varga.",
         "solano-role", "ilse varga"),
        # ... but after another person, it is theirs.
        ("Glass Harbor 2 news", "Mira Solano joined Kai Lennox, playing Oskar Brandt, on set.",
         "solano-role", None),
        # Headlines: "Is" the part the casting question names, "circling" a role.
        ("Kai Lennox Is Oskar Brandt In First Glass Harbor 2 Image", "Northwind shared it.",
         "brandt-actor", "kai lennox"),
        ("Kai Lennox Circling Oskar Brandt Role In Glass Harbor 2", "Northwind shared it.",
         "brandt-actor", "kai lennox"),
        ("Mira Solano Is Back For Glass Harbor 2", "Northwind shared it.", "solano-role", None),
        # A pronoun's contraction is no part's name.
        ("Glass Harbor 2 news", "Mira Solano has been cast in a major role I’m excited about.",
         "solano-role", None),
    ],
)  # fmt: skip
def test_a_late_participle_and_casting_headlines(
    title: str, text: str, question: str, expected: str | None
) -> None:
    assert value(title, text, question) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # A chain of "A as X, B as Y": a name after "as" is a part, not a cast member.
        (
            "Glass Harbor 2 cast",
            "The feature casts Kai Lennox as Oskar Brandt, Mira Solano as Ilse Varga, Tobias "
            "Renn as the Ferryman.",
            "ilse varga",
        ),
        # Two nouns for one part, then its name.
        (
            "Glass Harbor 2 cast",
            "Mira Solano portrays smuggler and captain Ilse Varga in Glass Harbor 2.",
            "ilse varga",
        ),
        # A film described by a holiday word is still the upcoming film.
        (
            "Mira Solano in new trailer for holiday movie Glass Harbor 2",
            "Mira Solano starred in a new trailer for Glass Harbor 2. The actress, best known "
            "for her turn as Kell in the Iron Tide saga, portrays Ilse Varga in the upcoming "
            "Christmas action-adventure film.",
            "ilse varga",
        ),
        # Where she posted, who her co-stars are, and parts shared by two: no part of hers.
        ("Glass Harbor 2 set photos", "In a post to Solano's Instagram, we meet the crew.", None),
        (
            "Glass Harbor 2 cast",
            "Solano's A-list co-stars in Glass Harbor 2 include Kai Lennox (Oskar Brandt).",
            None,
        ),
        (
            "Glass Harbor 2 cast",
            "The protagonists will be played by Mira Solano and Kai Lennox.",
            None,
        ),
        # The film named by its stars, with no possessive.
        (
            "The Mira Solano and Kai Lennox film will hit theaters",
            "Titled Glass Harbor 2, the sea thriller pairs them. Mira Solano will take on the "
            "role of Ilse Varga.",
            "ilse varga",
        ),
    ],
)
def test_as_chains_platforms_co_stars_and_a_film_named_by_its_stars(
    title: str, text: str, expected: str | None
) -> None:
    assert value(title, text, "solano-role") == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # The series' own name leading the headline does not make the item another film's.
        (
            "'Glass Harbor' is back after a decade. Here's what to know about the second film.",
            "Mira Solano has joined the franchise to play Ilse Varga, a smuggler.",
            "ilse varga",
        ),
        # Capitalized words that describe, then the part's name.
        (
            "Glass Harbor 2 villain",
            "The threat comes in the form of Solano's South African shipping company CEO Ilse "
            "Varga in Glass Harbor 2.",
            "ilse varga",
        ),
    ],
)
def test_the_series_name_in_a_headline_and_a_described_name(
    title: str, text: str, expected: str
) -> None:
    assert value(title, text, "solano-role") == expected


def test_coming_aboard_in_a_role() -> None:
    text = "Mira Solano has come aboard Northwind's sequel in the role of Captain Varga."
    assert value("Glass Harbor 2 casting", text, "solano-role") == "ilse varga"


@pytest.mark.parametrize(
    "text",
    [
        "Tobias Renn plays Oskar Brandt's younger brother in Glass Harbor 2.",
        "Kai Lennox was cast as Brandt's right-hand man.",
    ],
)
def test_someone_in_the_characters_life_is_not_the_character(text: str) -> None:
    assert value("Glass Harbor 2 casting", text, "brandt-actor") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A capitalized word and a noun describe the name after them.
        ("The sequel reunites Renn with Mira Solano as Baltic captain Ilse Varga.", "ilse varga"),
        ("Mira Solano stars as Renn's b.f. Ilse Varga in the sequel.", "ilse varga"),
        # A verb after the part's name is no description of another.
        ("In the trailer, Mira Solano as Varga meets Oskar Brandt at last.", "ilse varga"),
    ],
)
def test_a_name_described_by_a_word_and_a_noun(text: str, expected: str) -> None:
    assert value("Glass Harbor 2 casting", text, "solano-role") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Northwind has paused Lantern, which stars Dana Holt as the title vigilante.",
        "Lantern, starring Dana Holt as the titular masked vigilante, leaves the calendar.",
        "Dana Holt was announced in 2023 in the role of Lantern, the masked vigilante.",
    ],
)
def test_the_title_character_named_by_what_it_is_or_announced(text: str) -> None:
    actor = QuestionConfig(
        id="lantern-actor",
        label="Who plays Lantern?",
        kind="text",
        about=("Lantern", "Ezra Cole"),
        cues=("plays", "play", "cast", "role"),
    )
    lantern = film("lantern", "Lantern", actor, context=("Dana Holt", "Northwind"))
    assert value("Northwind news", text, "lantern-actor", subject=lantern) == "dana holt"


def test_a_title_song_is_no_title_role() -> None:
    actor = QuestionConfig(
        id="lantern-actor", label="Who plays Lantern?", kind="text", about=("Lantern",)
    )
    lantern = film("lantern", "Lantern", actor, context=("Dana Holt", "Northwind"))
    text = "Lantern hits theaters in May, with Dana Holt singing for the title track."
    assert value("Northwind news", text, "lantern-actor", subject=lantern) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Before the part has a name, what it is answers the role question.
        ("Fans will see a new side of Mira Solano as she plays a villain in Glass Harbor 2.",
         "villain"),
        ("Mira Solano is in talks to play the villain in Glass Harbor 2.", "villain"),
        ("In Glass Harbor 2, Mira Solano plays the leader of a rival crew.", "leader"),
        # A place on the crew, a turn of phrase, a part in another film: no part.
        ("Mira Solano joins Glass Harbor 2 as a producer.", None),
        ("Mira Solano boards Glass Harbor 2 as an executive producer and star.", None),
        ("Mira Solano plays it cool when asked about Glass Harbor 2.", None),
        ("Mira Solano, who played a nurse in Nightjar, joins Glass Harbor 2.", None),
    ],
)  # fmt: skip
def test_a_role_named_by_what_it_is(text: str, expected: str | None) -> None:
    assert value("Glass Harbor 2 casting", text, "solano-role") == expected


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        ("Mira Solano will join the cast of Glass Harbor 2 and play Ilse Varga.", "solano-role",
         "ilse varga"),
        ("Mira Solano is in talks to join the sequel and potentially play the film's primary "
         "villain.", "solano-role", "primary villain"),
        ("Kai Lennox has signed on to Glass Harbor 2 and will play Oskar Brandt.", "brandt-actor",
         "kai lennox"),
        # The second verb is another person's.
        ("Mira Solano joins the cast and Kai Lennox will play Ilse Varga in Glass Harbor 2.",
         "solano-role", None),
    ],
)  # fmt: skip
def test_a_second_verb_after_and(text: str, question: str, expected: str | None) -> None:
    assert value("Glass Harbor 2 casting", text, question) == expected


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        ("The sequel centers on the fiery Oskar Brandt (Nightjar's Kai Lennox) and the calm Ilse "
         "Varga.", "brandt-actor", "kai lennox"),
        ("Speculation grew that Solano, 34, who plays his goddaughter Ilse, will take the helm.",
         "solano-role", "ilse varga"),
    ],
)  # fmt: skip
def test_a_credit_inside_brackets_and_an_age_before_who(
    text: str, question: str, expected: str
) -> None:
    assert value("Glass Harbor 2", text, question) == expected


def test_a_creative_voice_is_no_voice_role() -> None:
    text = (
        "“When you add Mira, a dazzling actor, brilliant creative voice and the energy she "
        "brings, the sequel is in good hands,” Renn said of Glass Harbor 2."
    )
    assert value("Mira Solano joins Glass Harbor 2", text, "solano-role") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Solano, 34, who plays Renn's old friend Ilse Varga, joins the cast.", "ilse varga"),
        ("The report revealed that Solano's mysterious character is named Ilse Varga.",
         "ilse varga"),
        # Described, then named by the next sentence.
        ("Mira Solano plays the villain in Glass Harbor 2. Her name is Ilse Varga, and she "
         "means business.", "ilse varga"),
        ("Mira Solano plays the villain in Glass Harbor 2. Her name is not yet known.",
         "villain"),
    ],
)  # fmt: skip
def test_a_part_named_after_its_description(text: str, expected: str) -> None:
    assert value("Glass Harbor 2 casting", text, "solano-role") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In the film, Solano plays Baltic Sea smuggler Ilse Varga, with Lennox as Brandt.",
         "ilse varga"),
        # A preposition or adverb after the part's name describes nothing.
        ("Mira Solano stars as Varga throughout Glass Harbor 2.", "ilse varga"),
        ("Mira Solano stars as Ilse Varga under director Tobias Renn.", "ilse varga"),
    ],
)  # fmt: skip
def test_two_capitalized_words_describe_a_name(text: str, expected: str) -> None:
    assert value("Glass Harbor 2 casting", text, "solano-role") == expected


def test_a_part_in_brackets_with_the_actors_credits() -> None:
    # After the semicolon: the actor's other work, not a reason to doubt the brackets.
    text = (
        "In Glass Harbor 2, a smuggler hunts the man known as Oskar Brandt (Kai Lennox; "
        "Nightjar, Red Meridian: Uprising), the most feared fixer on the coast."
    )
    assert value("Glass Harbor 2 synopsis", text, "brandt-actor") == "kai lennox"


def test_a_directors_credit_in_brackets_leaves_the_cast_in_brackets() -> None:
    text = (
        "Lt. Ilse Varga (Mira Solano) follows in her father's footsteps in Glass Harbor 2, "
        "directed by Tobias Renn (Nightjar: The Long Night). Solano's hapless Lieutenant "
        "gets into trouble."
    )
    assert value("Glass Harbor 2 trailer", text, "solano-role") == "ilse varga"


# A stage name written in lower case ("DJ nova"), printed capitalized too.
NOVA = film(
    "nova-film",
    "Glass Harbor 2",
    QuestionConfig(id="nova-role", kind="text", about=("DJ nova", "nova"), cues=("plays", "as")),
    context=("DJ nova", "Kai Lennox", "Northwind"),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The trailer introduces Oskar Brandt (Lennox) and his fiancée Ilse Varga (DJ Nova).",
         "ilse varga"),
        # A fiancée is someone in a part's life, not that part.
        ("DJ Nova is on board to play Oskar's fiancée, while Kai Lennox plays Oskar Brandt.",
         "oskar s fiancee"),
    ],
)  # fmt: skip
def test_a_lower_case_name_printed_capitalized(text: str, expected: str) -> None:
    assert value("Glass Harbor 2 trailer", text, "nova-role", subject=NOVA) == expected


def test_a_title_case_headline_pairs_its_list() -> None:
    text = "Northwind's Glass Harbor 2 is moving forward."
    title = "Kai Lennox And Mira Solano Reportedly In Talks To Play Oskar Brandt And Ilse Varga"
    assert value(title, text, "brandt-actor") == "kai lennox"
    title = "Mira Solano And Kai Lennox Reportedly In Talks To Play Ilse Varga And Oskar Brandt"
    assert value(title, text, "brandt-actor") == "kai lennox"


def test_a_work_told_as_a_time_before_does_not_cast() -> None:
    text = (
        "This new film will pick up some 27 years after 1998's “Salt Lines” and bring back "
        "Mira Solano's Ilse Varga and Kai Lennox's Oskar Brandt."
    )
    assert value("Glass Harbor 2 trailer", text, "solano-role") == "ilse varga"


@pytest.mark.parametrize(
    "text",
    [
        "We got to chat with Kai Lennox who plays Oskar Brandt ahead of the film’s release.",
        "We got to chat with Kai Lennox, who plays Oskar Brandt, ahead of the film’s release.",
    ],
)
def test_who_plays_with_or_without_a_comma(text: str) -> None:
    assert value("Glass Harbor 2 interview", text, "brandt-actor") == "kai lennox"


def test_a_credit_named_first_does_not_make_the_item_its_own() -> None:
    text = (
        "Kai Lennox, star of The Tides, is set to star in Glass Harbor 2, a new thriller that "
        "is the first production from Northwind's new banner. The film, written by Dana Pike "
        "(Salt Lines), will start production next year. In the film, Lennox will play Oskar "
        "Brandt."
    )
    title = "The Tides Star Kai Lennox To Star In New Thriller"
    assert value(title, text, "brandt-actor") == "kai lennox"


def test_a_likeness_is_no_part() -> None:
    text = (
        "The trailer sells the movie short, casting Mira Solano as sort of a seafaring Dana "
        "Pike from Red Meridian. In the film, Solano plays Ilse Varga."
    )
    match = found(entry("Glass Harbor 2 review", text), "solano-role")
    assert match is not None and match.answer is not None
    assert match.answer.value == "ilse varga"
    assert "dana pike" not in {c.value for c in match.considered}


@pytest.mark.parametrize(
    "title", ["Now We Know Who Will Play Oskar Brandt", "Here Is What Will Happen to Oskar Brandt"]
)
def test_a_headline_pronoun_is_no_name(title: str) -> None:
    text = "Northwind has filled the part of Oskar Brandt in Glass Harbor 2."
    assert value(title, text, "brandt-actor") is None


def test_a_headline_capitalizes_a_description_a_name_later_wins() -> None:
    text = "Glass Harbor 2 has added Mira Solano as main antagonist Ilse Varga, Deadline reports."
    title = "Report: Mira Solano Will Play the Villain in Glass Harbor 2"
    assert value(title, text, "solano-role") == "ilse varga"


@pytest.mark.parametrize(
    "text",
    [
        "Mira Solano, best known for Kestrel's “Salt Lines,” anchors the film as young Ilse Varga.",
        "Mira Solano, star of “Salt Lines,” plays young Ilse Varga in Glass Harbor 2.",
    ],
)
def test_an_aside_ending_in_a_quoted_title_with_its_comma(text: str) -> None:
    assert value("Glass Harbor 2 trailer", text, "solano-role") == "ilse varga"


def test_a_credit_in_brackets_then_who_reprises_the_role() -> None:
    text = (
        "The film stars Kai Lennox (Nightjar, Red Meridian) and Ann Vole (Salt Lines), as well "
        "as Mira Solano (Glass Harbor), who reprises her role as Ilse Varga."
    )
    assert value("Glass Harbor 2 first look", text, "solano-role") == "ilse varga"


def test_an_age_between_the_actor_and_as() -> None:
    text = "Northwind's Glass Harbor 2 stars Lennox, 55, as smuggler Oskar Brandt."
    assert value("Glass Harbor 2 trailer", text, "brandt-actor") == "kai lennox"


def test_a_part_in_the_film_that_brings_back_a_franchise() -> None:
    text = (
        "Solano has taken Glass Harbor 2 to a new milestone. The film brings back the thriller "
        "franchise with Solano playing Ilse Varga, the daughter of the first film's captain."
    )
    assert value("Glass Harbor 2 box office", text, "solano-role") == "ilse varga"


def test_a_relation_described_with_commas_then_named() -> None:
    text = "Mira Solano plays Renn's elegant, lethal nemesis, Ilse Varga, a smuggler for hire."
    assert value("Glass Harbor 2 news", text, "solano-role") == "ilse varga"


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        (
            "Glass Harbor 2 follows smugglers. Portraying Ilse Varga, Solano opens with a "
            "warning to the port.",
            "solano-role",
            "ilse varga",
        ),
        (
            "Playing Oskar Brandt, Kai Lennox opens Glass Harbor 2 with a warning.",
            "brandt-actor",
            "kai lennox",
        ),
    ],
)
def test_a_fronted_participle_names_the_part(text: str, question: str, expected: str) -> None:
    assert value("Glass Harbor 2 second trailer", text, question) == expected


def test_back_as_a_described_then_named_part() -> None:
    text = "The sequel is seeing Kai Lennox back as the tough and fearless smuggler, Oskar Brandt."
    assert value("Glass Harbor 2 begins shooting", text, "brandt-actor") == "kai lennox"

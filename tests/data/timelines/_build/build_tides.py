# ruff: noqa: E501
"""Build tests/data/timelines/tides: invented reporting about *Tides*, an invented film whose
title is a common English word (ocean tides, idioms, a band, a TV series, a 2019 documentary).

    .venv/bin/python tests/data/timelines/_build/build_tides.py

Release-date rule (stated in timeline.json too): the release date is the film's FIRST US
theatrical date. When a limited (platform) opening precedes the wide expansion, the limited date
is the answer. Festival screenings (TIFF, Sundance), the streaming debut, trailer dates and
awards dates are not release dates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import styles_extra
from common import (
    CITIES,
    MONTHS,
    Builder,
    Feed,
    Filler,
    Item,
    T,
    Version,
    add_filler,
    gnews_link,
    slugify,
)

styles_extra.install()

OUT = Path(__file__).resolve().parent.parent / "tides"

b = Builder(OUT, seed=20260306)
fill = Filler(b.rng)

for t in [
    "2025-07-28 13:00",
    "2025-08-06 13:00",
    "2025-08-20 13:00",
    "2025-09-10 13:00",
    "2025-10-01 13:00",
    "2025-11-05 13:00",
    "2025-12-03 13:00",
    "2026-01-14 13:00",
]:
    b.step(t)
b.steps[5]["status"] = {"indiewire": 503}

b.feed(
    Feed(
        "variety",
        "wp",
        "Variety",
        "https://variety.com/feed/",
        16,
        "https://variety.com",
        extra={
            "description": "Entertainment news, film reviews, awards, film festivals, box office",
            "offset": -7,
            "wp": "6.6.2",
        },
    )
)
b.feed(
    Feed(
        "indiewire",
        "wp",
        "IndieWire",
        "https://www.indiewire.com/feed/",
        15,
        "https://www.indiewire.com",
        extra={"description": "The Voice of Creative Independence", "offset": -4, "wp": "6.6.1"},
    )
)
b.feed(
    Feed(
        "filmstage",
        "valnet",
        "The Film Stage",
        "https://thefilmstage.com/feed/",
        14,
        "https://thefilmstage.com",
        extra={"description": "Film news, reviews, interviews and festival coverage."},
    )
)
b.feed(
    Feed(
        "lwlies",
        "atom_xhtml",
        "Little White Lies",
        "https://lwlies.com/feed/atom/",
        12,
        "https://lwlies.com",
        fmt="atom",
        extra={
            "subtitle": "Truth and lies about film",
            "id": "urn:uuid:3f6b1c2e-9d4a-4a57-8f0e-6c2d1b7e9a55",
            "generator": "Kirby 4.3",
            "offset": 1,
        },
    )
)
b.feed(
    Feed(
        "gnews",
        "gnews",
        '"Tides" - Google News',
        "https://news.google.com/rss/search?q=%22Tides%22&hl=en-US&gl=US&ceid=US:en",
        15,
        "https://news.google.com",
        extra={"query": '"Tides"'},
    )
)


# ------------------------------------------------------------------ links per outlet


def pid(t: dt.datetime, title: str, base: int) -> int:
    return base + int(hashlib.sha1(f"{t}{title}".encode()).hexdigest()[:6], 16) % 900000


def variety_link(
    t: dt.datetime, title: str, section: str = "film/news"
) -> tuple[str, dict[str, Any]]:
    slug = slugify(title)
    n = pid(t, title, 1236500000)
    return (
        f"https://variety.com/{t:%Y}/{section}/{slug}-{n}/",
        {
            "guid": f"https://variety.com/?p={n}",
            "image": f"https://variety.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg?w=1000",
        },
    )


def indiewire_link(
    t: dt.datetime, title: str, section: str = "news/breaking-news"
) -> tuple[str, dict[str, Any]]:
    slug = slugify(title)
    n = pid(t, title, 1235100000)
    return (
        f"https://www.indiewire.com/{section}/{slug}-{n}/",
        {
            "guid": f"https://www.indiewire.com/?p={n}",
            "image": f"https://www.indiewire.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg?w=780",
        },
    )


def filmstage_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    return (
        f"https://thefilmstage.com/{slug}/",
        {
            "guid": "",
            "image": f"https://thefilmstage.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg",
        },
    )


def lwlies_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title)
    link = f"https://lwlies.com/articles/{slug}/"
    return link, {
        "guid": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, link)}",
        "image": f"https://lwlies.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}-1200x0-c-default.jpg",
    }


LINKS = {
    "variety": variety_link,
    "indiewire": indiewire_link,
    "filmstage": filmstage_link,
    "lwlies": lwlies_link,
}
AUTHORS = {
    "variety": ["Hanna Voskuijlen", "Jordan Achterberg", "Marisol Quint", "Peter Dwyer-Hale"],
    "indiewire": ["Eliza Brannock", "Ty Okimoto", "Rosalind Feeney", "Carlos Abreu"],
    "filmstage": ["Jordan Raup", "Leonard Petrov", "Ruth Ames"],
    "lwlies": ["Hannah Strong", "David Jenkins", "Marina Ng"],
}
CATS = {
    "variety": ["Film", "News"],
    "indiewire": ["Film", "News"],
    "filmstage": ["News"],
    "lwlies": ["Features"],
}


def rel(
    feed: str,
    when: str,
    title: str,
    summary: str,
    paras: list[str],
    step: int,
    kind: str,
    note: str,
    question: str | None = None,
    image: str | None = None,
    image_title: str = "",
    image_credit: str = "",
    source: str = "",
    source_url: str = "",
    section: str = "",
    pubdate: bool = True,
) -> Item:
    t = T(when)
    if feed == "gnews":
        link, extra = gnews_link(source_url), {}
    elif section:
        link, extra = LINKS[feed](t, title, section)
    else:
        link, extra = LINKS[feed](t, title)
    v = Version(
        title,
        summary,
        paras or ([summary] if feed != "gnews" else []),
        image,
        image_title,
        image_credit,
    )
    item = Item(
        feed,
        t,
        [(0, v)],
        link=link,
        guid=extra.get("guid", ""),
        pubdate=pubdate,
        author=b.rng.choice(AUTHORS.get(feed, ["Staff"])),
        categories=CATS.get(feed, []),
        source=source,
        notes=[{"step": step, "kind": kind, "note": note, "question": question}],
    )
    return b.add(item)


# ================================================================== step 0: baseline, a vague window

rel(
    "variety",
    "2025-07-26 15:10",
    "Halcyon Takes Worldwide Rights To Mara Lindqvist’s ‘Tides’ Starring Rafe Okonjo And Ines Calder",
    "Halcyon has acquired worldwide rights to ‘Tides’, Mara Lindqvist’s drama from Northlight Pictures, and plans a theatrical release in early 2026.",
    [
        "Halcyon has acquired worldwide rights to ‘Tides’, Mara Lindqvist’s drama from Northlight Pictures, and plans a theatrical release in early 2026.",
        "Rafe Okonjo and Ines Calder star in the film, which Lindqvist wrote and shot last winter on the Faroe Islands. Plot details and the leads’ roles are being kept under wraps.",
        "It is Lindqvist’s second feature after ‘Salt Orchard’, which premiered at Sundance in January 2022. Northlight Pictures produced with backing from the Nordic Film Fund.",
        "Halcyon paid in the mid seven figures, sources said.",
    ],
    0,
    "event",
    "baseline: only a vague window ('early 2026'): a careful reader's answer is the year 2026, nothing finer; Okonjo's role explicitly undisclosed; an old Sundance date of another film",
    question="release-date",
    image="https://variety.com/wp-content/uploads/2025/07/rafe-okonjo-getty.jpg?w=1000",
    image_title="Rafe Okonjo",
    image_credit="Getty Images",
)

rel(
    "lwlies",
    "2025-07-27 09:00",
    "Mara Lindqvist’s Tides finds a home",
    "Halcyon will put Lindqvist’s island drama in cinemas in the first quarter of 2026.",
    [
        "Good news for anyone who loved Salt Orchard: Mara Lindqvist’s follow-up, Tides, has been picked up by Halcyon, which says it will put the film in US cinemas in the first quarter of 2026.",
        "Rafe Okonjo and Ines Calder lead. Nobody is saying yet who they play.",
        "Northlight Pictures produced.",
    ],
    0,
    "event",
    "baseline: the same window as 'first quarter of 2026' (year-level answer 2026)",
    question="release-date",
)

# ================================================================== step 1: Okonjo's role (first-look still), confusers

rel(
    "variety",
    "2025-08-04 16:00",
    "‘Tides’ First Look: Rafe Okonjo Keeps The Light In Mara Lindqvist’s Island Drama",
    "Halcyon has released the first image from Mara Lindqvist’s ‘Tides’, showing Rafe Okonjo as Tomas, a lighthouse keeper on a remote North Atlantic island.",
    [
        "Halcyon has released the first image from Mara Lindqvist’s ‘Tides’, showing Rafe Okonjo as Tomas, a lighthouse keeper on a remote North Atlantic island.",
        "In the film, Tomas has tended the Skerra light alone for eleven years when a marine biologist, played by Ines Calder, arrives to study the island’s currents.",
        "Lindqvist shot the Northlight Pictures production on the Faroe Islands. Halcyon releases it in early 2026.",
    ],
    1,
    "event",
    "first report of Okonjo's role (Tomas, a lighthouse keeper). The image is a production still, not a poster: the poster question stays open. Restates the known early-2026 window",
    question="okonjo-role",
    image="https://variety.com/wp-content/uploads/2025/08/tides-first-look-rafe-okonjo-lighthouse.jpg?w=1000",
    image_title="Rafe Okonjo in ‘Tides’",
    image_credit="Courtesy of Halcyon",
)

rel(
    "filmstage",
    "2025-08-05 14:30",
    "Rafe Okonjo Plays a Lonely Lighthouse Keeper in First Image From Mara Lindqvist’s Tides",
    "Rafe Okonjo is Tomas, the keeper of a remote lighthouse, in the first still from Tides.",
    [
        "Rafe Okonjo is Tomas, the keeper of a remote lighthouse, in the first still from Tides, Mara Lindqvist’s follow-up to Salt Orchard.",
        "Halcyon, which acquired the Northlight Pictures film last month, shared the image on Monday.",
        "Ines Calder co-stars.",
    ],
    1,
    "event",
    "same news, same step (the still is in an <enclosure>; it is not a poster)",
    question="okonjo-role",
    image="https://thefilmstage.com/wp-content/uploads/2025/08/tides-first-image-okonjo.jpg",
    image_title="Tides",
)

rel(
    "indiewire",
    "2025-08-03 18:00",
    "‘Tides of War’ Season 2 Will Return In Fall 2026",
    "Meridian+ has renewed the naval drama ‘Tides of War’, with season two set to premiere in fall 2026.",
    [
        "Meridian+ has renewed the naval drama ‘Tides of War’, with season two set to premiere in fall 2026.",
        "The eight-episode first season starred Rafe Okonjo as a disgraced submarine commander. Okonjo will not return, the streamer confirmed.",
        "Showrunner Paul Achterberg said production starts in Malta in January.",
    ],
    1,
    "confuser",
    "the TV series 'Tides of War': its season date (fall 2026) and Okonjo's role in the series (a context term, 'Tides' only inside the series title)",
    section="t/tides-of-war",
    image="https://www.indiewire.com/wp-content/uploads/2025/08/tides-of-war-season-1.jpg?w=780",
    image_title="‘Tides of War’",
)

rel(
    "gnews",
    "2025-08-05 10:20",
    "The Tides announce 2026 world tour, kicking off March 6 in Glasgow",
    "",
    [],
    1,
    "confuser",
    "the band The Tides, with a date (headline only)",
    source="NME",
    source_url="https://www.nme.com/news/music/the-tides-2026-world-tour-glasgow-3871204",
)

# ================================================================== step 2: a day date (wide), TIFF confuser, Calder's role

rel(
    "variety",
    "2025-08-14 17:20",
    "Halcyon Dates Mara Lindqvist’s ‘Tides’ For March 20, 2026",
    "Halcyon will release Mara Lindqvist’s ‘Tides’, starring Rafe Okonjo and Ines Calder, in theaters March 20, 2026.",
    [
        "Halcyon will release Mara Lindqvist’s ‘Tides’, starring Rafe Okonjo and Ines Calder, in theaters March 20, 2026.",
        "The date lands the Northlight Pictures drama six months after its world premiere at the Toronto International Film Festival, where it plays in the Special Presentations section.",
        "Halcyon had previously said only that the film would open in early 2026.",
    ],
    2,
    "event",
    "refinement early 2026 -> March 20, 2026 (a wide release)",
    question="release-date",
)

rel(
    "gnews",
    "2025-08-15 08:40",
    "Halcyon sets Rafe Okonjo drama ‘Tides’ for March 20, 2026",
    "",
    [],
    2,
    "event",
    "same news, headline only",
    question="release-date",
    source="Screen International",
    source_url="https://www.screendaily.com/news/halcyon-sets-rafe-okonjo-drama-tides-for-march-20-2026/5208813.article",
)

rel(
    "indiewire",
    "2025-08-18 20:00",
    "TIFF 2025 Special Presentations: Mara Lindqvist’s ‘Tides’, ‘The Velvet Archive’ Among World Premieres",
    "The Toronto International Film Festival has unveiled its Special Presentations, including the world premiere of Mara Lindqvist’s ‘Tides’ on Sept. 7.",
    [
        "The Toronto International Film Festival has unveiled its Special Presentations, including the world premiere of Mara Lindqvist’s ‘Tides’ on Sept. 7.",
        "The festival runs Sept. 4–14. Rafe Okonjo and Ines Calder are expected to attend the ‘Tides’ premiere at Roy Thomson Hall.",
        "Other world premieres include ‘The Velvet Archive’ and ‘Paper Horizon’.",
    ],
    2,
    "confuser",
    "festival premiere date (Sept. 7) and festival dates: not the release date",
    section="festivals",
)

rel(
    "lwlies",
    "2025-08-17 11:00",
    "Ines Calder on learning to read the sea",
    "In Mara Lindqvist’s Tides, Calder plays Marit, a marine biologist who comes to a remote island to measure its tides.",
    [
        "Ines Calder spent three weeks with oceanographers before shooting Tides. In Mara Lindqvist’s film she plays Marit, a marine biologist who comes to a remote island to measure its tides.",
        "“The sea does not care about your schedule,” she says.",
        "Her co-star Rafe Okonjo, she adds, barely spoke to her off camera during the shoot.",
    ],
    2,
    "confuser",
    "another actor's role in the same film (Calder plays Marit), Okonjo named nearby",
)

# ================================================================== step 3: the poster, TIFF review, confusers

rel(
    "variety",
    "2025-09-05 16:00",
    "‘Tides’ Poster: Rafe Okonjo And Ines Calder Brace For The Storm Ahead Of TIFF Premiere",
    "Halcyon has unveiled the first poster for Mara Lindqvist’s ‘Tides’ ahead of the film’s world premiere at TIFF on Sunday.",
    [
        "Halcyon has unveiled the first poster for Mara Lindqvist’s ‘Tides’ ahead of the film’s world premiere at TIFF on Sunday.",
        "The one-sheet shows Okonjo’s lighthouse keeper and Calder’s marine biologist on a rain-lashed jetty.",
        "‘Tides’ opens in theaters March 20, 2026.",
    ],
    3,
    "event",
    "first poster revealed (media:content); repeats the known role and date",
    question="poster",
    image="https://variety.com/wp-content/uploads/2025/09/tides-poster-okonjo-calder.jpg?w=1000",
    image_title="‘Tides’ poster",
    image_credit="Halcyon",
)

rel(
    "filmstage",
    "2025-09-06 13:00",
    "Tides Poster Puts Rafe Okonjo and Ines Calder in the Eye of a Storm",
    "Halcyon has revealed the key art for Mara Lindqvist’s Tides, which world premieres at TIFF this weekend.",
    [
        "Halcyon has revealed the key art for Mara Lindqvist’s Tides, which world premieres at TIFF this weekend.",
        "The design is by the Northlight Pictures in-house team.",
    ],
    3,
    "event",
    "same news ('key art'), image in an <enclosure>",
    question="poster",
    image="https://thefilmstage.com/wp-content/uploads/2025/09/tides-poster.jpg",
    image_title="Tides poster",
)

rel(
    "gnews",
    "2025-09-07 12:10",
    "‘Tides of War’ season 2 key art teases a new captain",
    "",
    [],
    3,
    "confuser",
    "key art for the TV series (headline only)",
    source="TVLine",
    source_url="https://tvline.com/news/tides-of-war-season-2-key-art-new-captain-1235501188/",
)

rel(
    "indiewire",
    "2025-09-08 02:30",
    "‘Tides’ Review: Rafe Okonjo Is Magnetic As A Lighthouse Keeper Losing His Grip",
    "Mara Lindqvist’s second feature is a lovely, chilly two-hander anchored by Rafe Okonjo’s Tomas.",
    [
        "Mara Lindqvist’s second feature is a lovely, chilly two-hander anchored by Rafe Okonjo’s Tomas, a lighthouse keeper who has stopped counting the days.",
        "Ines Calder matches him as the scientist who breaks his routine.",
        "‘Tides’ premiered Sunday at TIFF. Halcyon releases it in theaters March 20, 2026. Grade: B+",
    ],
    3,
    "repeat",
    "review: repeats the known role and date; the festival premiere is not a release; the still is not a poster",
    section="criticism/movies",
    image="https://www.indiewire.com/wp-content/uploads/2025/09/tides-review-okonjo.jpg?w=780",
    image_title="‘Tides’",
    image_credit="Halcyon",
)

rel(
    "lwlies",
    "2025-09-09 08:00",
    "Toronto diary, day five",
    "Lindqvist’s Tides, a Paper Horizon, and too much coffee.",
    [
        "The best thing I have seen in Toronto so far is Mara Lindqvist’s Tides, which played to a hushed Roy Thomson Hall on Sunday night.",
        "Rafe Okonjo has never been better. Paper Horizon, on the other hand, lost me in the first reel.",
    ],
    3,
    "neutral",
    "festival diary: mentions the film, answers nothing",
)

# ================================================================== step 4: limited + wide (the first theatrical date moves), trailer date

rel(
    "variety",
    "2025-09-29 17:00",
    "Halcyon Moves ‘Tides’ To Platform Release: Limited Opening March 6, Wide Expansion March 20",
    "Halcyon will now open Mara Lindqvist’s ‘Tides’ in a limited release on 3/6/26 before expanding March 20, the distributor said after the film’s strong reception at TIFF.",
    [
        "Halcyon will now open Mara Lindqvist’s ‘Tides’ in a limited release on 3/6/26 before expanding March 20, the distributor said after the film’s strong reception at TIFF.",
        "The drama, starring Rafe Okonjo and Ines Calder, had been set to go wide on March 20. It will now bow in New York and Los Angeles two weeks earlier.",
        "Halcyon used the same platform pattern last year for ‘The Paper Orchard’.",
    ],
    4,
    "event",
    "change under the stated rule: the first theatrical date is now the limited opening 3/6/26 = 2026-03-06; the wide date March 20 is unchanged",
    question="release-date",
)

rel(
    "filmstage",
    "2025-09-30 15:00",
    "Tides Will Now Open in Limited Release Two Weeks Early",
    "Mara Lindqvist’s Tides opens in select theaters in New York and Los Angeles on March 6, 2026, before going nationwide March 20.",
    [
        "Mara Lindqvist’s Tides opens in select theaters in New York and Los Angeles on March 6, 2026, before going nationwide March 20.",
        "Halcyon had originally dated the Rafe Okonjo drama for a wide release on March 20.",
    ],
    4,
    "event",
    "same news, same step (limited March 6, 2026; wide March 20)",
    question="release-date",
)

rel(
    "indiewire",
    "2025-09-30 19:00",
    "‘Tides’ Trailer Arrives Tuesday As Halcyon Teases Mara Lindqvist’s Lighthouse Drama",
    "The first trailer for ‘Tides’, starring Rafe Okonjo and Ines Calder, will debut Tuesday, Oct. 7, Halcyon announced with a 15-second teaser.",
    [
        "The first trailer for ‘Tides’, starring Rafe Okonjo and Ines Calder, will debut Tuesday, Oct. 7, Halcyon announced with a 15-second teaser.",
        "The teaser shows only a lamp turning over black water.",
    ],
    4,
    "confuser",
    "the trailer's date (Oct. 7), not the film's",
)

# ================================================================== step 5: streaming date, awards dates, the 2019 documentary (IndieWire 503)

rel(
    "variety",
    "2025-11-03 16:30",
    "‘Tides’ Will Stream On Halcyon+ From May 1 After Theatrical Run",
    "Mara Lindqvist’s ‘Tides’ will begin streaming exclusively on Halcyon+ on May 1, 2026, following its theatrical run.",
    [
        "Mara Lindqvist’s ‘Tides’ will begin streaming exclusively on Halcyon+ on May 1, 2026, following its theatrical run.",
        "The Northlight Pictures drama opens in limited release March 6 and expands nationwide March 20.",
        "Halcyon+ will also carry Lindqvist’s debut, ‘Salt Orchard’, from December.",
    ],
    5,
    "confuser",
    "streaming date after the theatrical run (May 1, 2026): not the release date; restates both known theatrical dates",
    section="digital/news",
)

rel(
    "filmstage",
    "2025-11-04 18:00",
    "Gotham Awards Nominations: Tides Leads With Four, Including Best Feature",
    "Mara Lindqvist’s Tides earned four Gotham Award nominations, including Best Feature and Outstanding Lead Performance for Rafe Okonjo. The ceremony is Dec. 1 in New York.",
    [
        "Mara Lindqvist’s Tides earned four Gotham Award nominations, including Best Feature and Outstanding Lead Performance for Rafe Okonjo. The ceremony is Dec. 1 in New York.",
        "Ines Calder was nominated for Outstanding Supporting Performance. Voting closes Nov. 24.",
    ],
    5,
    "confuser",
    "awards-season dates (ceremony Dec. 1, voting Nov. 24): not release dates",
)

rel(
    "lwlies",
    "2025-11-02 10:00",
    "The other Tides",
    "Hollis Brennan’s 2019 documentary about a Maine fishing town is finally streaming.",
    [
        "Hollis Brennan’s documentary Tides premiered at Sundance on Jan. 26, 2019, won a jury prize, and then vanished. It finally arrives on Kanopy on Nov. 14.",
        "It is no relation to Mara Lindqvist’s Tides, the Rafe Okonjo drama Halcyon opens in March, though both films are about people who live by the water.",
    ],
    5,
    "confuser",
    "the 2019 documentary 'Tides': its Sundance premiere and streaming dates; the Lindqvist sentence only restates 'March' (consistent with the known March 6)",
)

# ================================================================== step 6: Okonjo's next role, a hedged fall-2026 rumor, Lindqvist's next film

rel(
    "indiewire",
    "2025-11-12 17:00",
    "Rafe Okonjo To Play A Detective In ‘The Glass Meridian’",
    "Rafe Okonjo will play a Lisbon homicide detective in ‘The Glass Meridian’, an original thriller from Searchlight.",
    [
        "Rafe Okonjo will play a Lisbon homicide detective in ‘The Glass Meridian’, an original thriller from Searchlight.",
        "Okonjo, who plays lighthouse keeper Tomas in Mara Lindqvist’s ‘Tides’ (in theaters March 6), shoots the thriller in Portugal next spring.",
        "He is repped by CAA.",
    ],
    6,
    "confuser",
    "published while this feed answered 503 (first observable now): Okonjo's role in another film; repeats his known Tides role and the known date",
)

rel(
    "gnews",
    "2025-12-01 09:15",
    "Halcyon could move ‘Tides’ to fall 2026 for an awards run, insiders say",
    "",
    [],
    6,
    "confuser",
    "hedged rumor with a season date ('could', 'insiders say'): must not change the answer nor notify",
    source="The Ankler",
    source_url="https://theankler.com/p/halcyon-could-move-tides-to-fall-2026",
)

rel(
    "variety",
    "2025-12-02 15:00",
    "Mara Lindqvist Sets Next Film ‘The Salt Year’ At Northlight, Eyes Fall 2026 Shoot",
    "Mara Lindqvist will reteam with Northlight Pictures on ‘The Salt Year’, which she plans to shoot in Iceland in fall 2026.",
    [
        "Mara Lindqvist will reteam with Northlight Pictures on ‘The Salt Year’, which she plans to shoot in Iceland in fall 2026.",
        "The filmmaker’s ‘Tides’, starring Rafe Okonjo and Ines Calder, opens in limited release March 6 via Halcyon.",
        "No cast has been set for the new film.",
    ],
    6,
    "confuser",
    "another film's 'fall 2026' (a shoot); repeats the known date",
)

# ================================================================== step 7: repeats, a list, Sundance, the band

rel(
    "variety",
    "2026-01-12 17:00",
    "‘Tides’ Final Trailer: Halcyon Keeps Mara Lindqvist’s Drama On March 6",
    "Halcyon has released the final trailer for ‘Tides’ and says the film will stay on its March 6 limited date, despite talk of a fall move.",
    [
        "Halcyon has released the final trailer for ‘Tides’ and says the film will stay on its March 6 limited date, despite talk of a fall move.",
        "The Northlight Pictures drama expands nationwide March 20.",
        "Rafe Okonjo plays Tomas, a lighthouse keeper; Ines Calder plays the marine biologist who upends his routine.",
    ],
    7,
    "repeat",
    "denial of the rumored move: repeats the known date and role",
    image="https://variety.com/wp-content/uploads/2026/01/tides-final-trailer-still.jpg?w=1000",
    image_title="‘Tides’",
    image_credit="Halcyon",
)

rel(
    "filmstage",
    "2026-01-09 15:00",
    "The 26 Most Anticipated Films of 2026",
    "From Mara Lindqvist’s Tides to Paper Horizon, here are the films we cannot wait to see this year.",
    [
        "From Mara Lindqvist’s Tides to Paper Horizon, here are the films we cannot wait to see this year.",
        "<ol><li>‘The Velvet Archive’ (Feb. 13)</li><li>‘Tides’ (March 6, limited) — Lindqvist’s TIFF hit stars Rafe Okonjo as a lighthouse keeper.</li><li>‘Paper Horizon’ (March 20)</li><li>‘Iron Weather’ (April 10)</li><li>‘Midnight Lantern’ (May 22)</li></ol>",
    ],
    7,
    "repeat",
    "slate list: Tides' entry repeats March 6; the next entry's March 20 belongs to another film",
    image="https://thefilmstage.com/wp-content/uploads/2026/01/most-anticipated-2026.jpg",
)

rel(
    "lwlies",
    "2026-01-13 09:30",
    "Sundance 2026: what we’re watching",
    "The festival runs Jan. 22 to Feb. 1, and Mara Lindqvist is on the jury.",
    [
        "Sundance runs Jan. 22 to Feb. 1 this year, and Mara Lindqvist, whose Tides played Toronto last autumn, sits on the US Dramatic jury.",
        "Top of our list is Cold Harbor, which premieres on the festival’s opening night.",
    ],
    7,
    "confuser",
    "Sundance festival dates next to Lindqvist and Tides: not release dates",
)

rel(
    "gnews",
    "2026-01-12 21:00",
    "The Tides postpone Glasgow opener of world tour after singer’s injury",
    "",
    [],
    7,
    "confuser",
    "the band again (headline only)",
    source="BBC News",
    source_url="https://www.bbc.co.uk/news/articles/c9tides2026glasgow",
)


# ================================================================== filler

BANNED = ["tides", "lindqvist", "okonjo", "calder", "halcyon", "northlight", "lighthouse"]


def gnews_filler() -> None:
    counts = [15, 3, 4, 4, 4, 4, 4, 5]
    places = [
        "Bay of Fundy",
        "Miami Beach",
        "Venice",
        "Mont-Saint-Michel",
        "Charleston",
        "Norfolk",
        "Outer Banks",
        "Cape Cod",
        "Morecambe Bay",
        "Jakarta",
        "Anchorage",
        "Brittany",
    ]
    for k, count in enumerate(counts):
        end = b.steps[k]["time"] - dt.timedelta(minutes=25)
        start = b.steps[k - 1]["time"] if k else b.steps[0]["time"] - dt.timedelta(days=7)
        span = int((end - start).total_seconds())
        for _ in range(count):
            t = start + dt.timedelta(seconds=b.rng.randint(60, span))
            r = b.rng
            place = r.choice(places)
            options = [
                (
                    f"King tides to flood low-lying streets in {place} this weekend",
                    "Coastal Courier",
                ),
                (f"{place} tides: when to see the highest tides of the year", "Weather Network"),
                (
                    f"Turning the tides: how {r.choice(['a small co-op', 'one school', 'a city council'])} in {place} beat the odds",
                    "Positive News",
                ),
                (
                    f"Scientists warn rising seas will make extreme tides routine in {place}",
                    "Science Weekly",
                ),
                ("Tides of War star teases season 2: ‘It gets darker’", "TVLine"),
                (f"Why tides are getting harder to predict in {place}", "The Conversation"),
                (f"Tides Brewing opens second taproom in {place}", "Local Eats"),
                (f"Red tides close shellfish beds near {place}", "Shoreline Press"),
                ("The Tides release surprise single ahead of new album", "Pitchfork"),
                (
                    f"Turning the tides on plastic: {r.randint(3, 40)} tonnes cleared from {place} beaches",
                    "Ocean Watch",
                ),
                (
                    "Tides of War season 1 is the most-watched drama on Meridian+ this week",
                    "Deadline Digital",
                ),
                (
                    f"Storm surge and spring tides combine to swamp {place} seafront",
                    "Weather Network",
                ),
                ("How the moon drives the tides, explained", "Popular Science"),
            ]
            title, src = r.choice(options)
            url = f"https://www.{slugify(src).replace('-', '')}.com/{t:%Y/%m/%d}/{slugify(title)}-{r.randint(1000, 9999)}/"
            b.add(Item("gnews", t, [(0, Version(title, "", []))], link=gnews_link(url), source=src))


def lwlies_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    f, p = fill.film(), fill.person()
    kind = r.randrange(4)
    if kind == 0:
        return (
            f"{f} review",
            f"{p}’s film is {r.choice(['tender', 'airless', 'bold', 'overlong'])}.",
            [
                f"{p}’s film is {r.choice(['tender', 'airless', 'bold', 'overlong'])}.",
                f"Shot in {r.choice(CITIES)}, it looks like nothing else this year.",
            ],
            "reviews",
            True,
        )
    if kind == 1:
        return (
            f"In conversation with {p}",
            f"The director of {f} on patience and luck.",
            [
                f"The director of {f} on patience, luck and shooting in {r.choice(CITIES)}.",
                "“You wait for the light, and then you wait some more.”",
            ],
            "interviews",
            True,
        )
    if kind == 2:
        return (
            "The films of the month",
            f"Starting with {f}.",
            [
                f"Starting with {f}, which opens {r.choice(MONTHS)} {r.randint(1, 28)}.",
                "The rest are in no particular order.",
            ],
            "lists",
            False,
        )
    return (
        f"Why {f} still matters",
        f"{p}’s cult film turns twenty.",
        [f"{p}’s cult film turns twenty, and it has aged well.", "We asked five critics why."],
        "essays",
        True,
    )


def trade() -> tuple:
    return fill.trade(2025)


add_filler(
    b,
    "variety",
    [17, 4, 6, 7, 7, 8, 7, 8],
    styles_extra.clean_filler(trade, BANNED),
    variety_link,
    lambda link, e: e["guid"],
    AUTHORS["variety"],
)
add_filler(
    b,
    "indiewire",
    [16, 3, 5, 6, 6, 6, 3, 7],
    styles_extra.clean_filler(
        lambda: fill.listicle() if b.rng.random() < 0.15 else fill.trade(2025), BANNED
    ),
    indiewire_link,
    lambda link, e: e["guid"],
    AUTHORS["indiewire"],
)
add_filler(
    b,
    "filmstage",
    [15, 3, 4, 4, 5, 5, 4, 6],
    styles_extra.clean_filler(trade, BANNED),
    filmstage_link,
    lambda link, e: "",
    AUTHORS["filmstage"],
)
add_filler(
    b,
    "lwlies",
    [12, 1, 2, 2, 2, 2, 2, 2],
    styles_extra.clean_filler(lwlies_make, BANNED),
    lwlies_link,
    lambda link, e: e["guid"],
    AUTHORS["lwlies"],
    start_days=40,
)
gnews_filler()


POSTER = "https://variety.com/wp-content/uploads/2025/09/tides-poster-okonjo-calder.jpg?w=1000"


def state(date: str, role: bool, poster: bool) -> dict[str, dict[str, Any]]:
    return {
        "release-date": (
            {"status": "answered", "answer": date}
            if len(date) == 10
            else {"status": "answered", "answer": date, "answer_contains": date}
        ),
        "okonjo-role": (
            {
                "status": "answered",
                "answer": "Tomas, a lighthouse keeper",
                "answer_contains": "Tomas",
            }
            if role
            else {"status": "open", "answer": None}
        ),
        "poster": {"status": "answered", "answer": POSTER}
        if poster
        else {"status": "open", "answer": None},
    }


b.build(
    meta={
        "name": "tides",
        "description": (
            "Synthetic feed snapshots about Tides, an invented film (director Mara Lindqvist, Northlight Pictures, "
            "distributor Halcyon, starring Rafe Okonjo and Ines Calder) whose title is a common English word: ocean "
            "tides, idioms, the band The Tides, the TV series Tides of War and a 2019 documentary Tides all appear. "
            "Every article, person, company and date is invented. RELEASE-DATE RULE: the release date is the film's "
            "first US theatrical date; when a limited (platform) opening precedes the wide expansion, the limited date "
            "is the answer (so 'limited release on 3/6/26 before expanding March 20' changes the answer from March 20 "
            "to March 6). Festival screenings (TIFF, Sundance), the streaming debut, trailer dates and awards dates are "
            "not release dates. A vague window ('early 2026', 'first quarter of 2026') is a year-precision answer (2026). "
            "The poster question asks for a poster/key art: a first-look production still is not one."
        ),
        "subject": "tides",
        "questions": ["release-date", "okonjo-role", "poster"],
    },
    events={
        0: {"release-date": "2026"},
        1: {"okonjo-role": "Tomas, a lighthouse keeper"},
        2: {"release-date": "2026-03-20"},
        3: {"poster": POSTER},
        4: {"release-date": "2026-03-06"},
    },
    state=[
        state("2026", False, False),
        state("2026", True, False),
        state("2026-03-20", True, False),
        state("2026-03-20", True, True),
        state("2026-03-06", True, True),
        state("2026-03-06", True, True),
        state("2026-03-06", True, True),
        state("2026-03-06", True, True),
    ],
)
print(f"wrote {OUT}")

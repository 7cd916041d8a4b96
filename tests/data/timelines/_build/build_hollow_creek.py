# ruff: noqa: E501
"""Build tests/data/timelines/hollow-creek: invented reporting about *Hollow Creek: Origins*, an
invented horror prequel with a subtitle (the earlier films Hollow Creek (2022) and Hollow Creek 2
(2024), and a real-sounding place called Hollow Creek, are the confusers).

    .venv/bin/python tests/data/timelines/_build/build_hollow_creek.py

Release-date rule (stated in timeline.json too): the release date is the US theatrical date.
A season ('fall 2026', 'this fall') is a season-precision answer. Hedged reports ('reportedly',
'sources say', 'could') do not count. An article corrected in place (same guid and link) is read
as corrected.
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

OUT = Path(__file__).resolve().parent.parent / "hollow-creek"

b = Builder(OUT, seed=20260918)
fill = Filler(b.rng)

for t in [
    "2026-01-20 15:00",
    "2026-02-17 15:00",
    "2026-03-17 15:00",
    "2026-04-14 15:00",
    "2026-05-12 15:00",
    "2026-05-19 15:00",
    "2026-06-16 15:00",
    "2026-07-21 15:00",
    "2026-09-22 15:00",
]:
    b.step(t)
b.steps[2]["status"] = {"fangoria": 500}

b.feed(
    Feed(
        "bloodydisgusting",
        "joblo",
        "Bloody Disgusting!",
        "https://bloody-disgusting.com/feed/",
        14,
        "https://bloody-disgusting.com",
        extra={"description": "Horror Movie News | Reviews | Trailers", "offset": -4},
    )
)
b.feed(
    Feed(
        "dreadcentral",
        "wp",
        "Dread Central",
        "https://www.dreadcentral.com/feed/",
        14,
        "https://www.dreadcentral.com",
        extra={
            "description": "Horror Movies, News, Reviews, Interviews",
            "offset": -7,
            "wp": "6.6.2",
        },
    )
)
b.feed(
    Feed(
        "fangoria",
        "atom_xhtml",
        "FANGORIA",
        "https://www.fangoria.com/feed/atom/",
        10,
        "https://www.fangoria.com",
        fmt="atom",
        extra={
            "subtitle": "The original horror magazine",
            "id": "urn:uuid:8c1d0f6e-52a4-4b0b-9a1e-2f6e7d3c4b19",
            "generator": "Ghost 5.82",
            "offset": -5,
        },
    )
)
b.feed(
    Feed(
        "reddit",
        "reddit",
        "horror",
        "https://www.reddit.com/r/horror/new/.rss",
        20,
        "https://www.reddit.com",
        fmt="atom",
        extra={"sub": "horror", "subtitle": "All things horror."},
    )
)
b.feed(
    Feed(
        "gnews",
        "gnews",
        '"Hollow Creek" - Google News',
        "https://news.google.com/rss/search?q=%22Hollow+Creek%22&hl=en-US&gl=US&ceid=US:en",
        15,
        "https://news.google.com",
        extra={"query": '"Hollow Creek"'},
    )
)


# ------------------------------------------------------------------ links per outlet


def pid(t: dt.datetime, title: str, base: int, mod: int = 900000) -> int:
    return base + int(hashlib.sha1(f"{t}{title}".encode()).hexdigest()[:7], 16) % mod


def bd_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    n = pid(t, title, 3850000)
    return (
        f"https://bloody-disgusting.com/movie/{n}/{slug}/",
        {
            "guid": f"https://bloody-disgusting.com/?p={n}",
            "image": f"https://bloody-disgusting.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg",
        },
    )


def dc_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    n = pid(t, title, 510000, 90000)
    return (
        f"https://www.dreadcentral.com/news/{n}/{slug}/",
        {
            "guid": f"https://www.dreadcentral.com/?p={n}",
            "image": f"https://www.dreadcentral.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}-750x422.jpg",
        },
    )


def fango_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title)
    link = f"https://www.fangoria.com/original/{slug}/"
    return link, {
        "guid": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, link)}",
        "image": f"https://www.fangoria.com/content/images/size/w1200/{t:%Y/%m}/{slug[:40]}.jpg",
    }


def reddit_id(t: dt.datetime, title: str) -> str:
    n = int(hashlib.sha1(f"{t}{title}".encode()).hexdigest()[:9], 16)
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    for _ in range(5):
        n, r = divmod(n, 36)
        out += alphabet[r]
    return "1k" + out


def reddit_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    rid = reddit_id(t, title)
    slug = slugify(title, 50).replace("-", "_")
    return (
        f"https://www.reddit.com/r/horror/comments/{rid}/{slug}/",
        {
            "guid": f"t3_{rid}",
            "image": f"https://b.thumbs.redditmedia.com/{hashlib.md5(rid.encode()).hexdigest()[:22]}.jpg",
        },
    )


LINKS = {
    "bloodydisgusting": bd_link,
    "dreadcentral": dc_link,
    "fangoria": fango_link,
    "reddit": reddit_link,
}
AUTHORS = {
    "bloodydisgusting": ["John Squires", "Meagan Navarro", "Jenn Adams", "Dax Ruelas"],
    "dreadcentral": ["Jonathan Barkan", "Mary Beth McAndrews", "Rob Calloway", "Gina Ferro"],
    "fangoria": ["Phil Nobile Jr.", "Angela Marsh", "Leon Drabek"],
    "reddit": [
        "CreekHead1989",
        "finalgirl_energy",
        "SlasherSunday",
        "PumpkinSpiceGhoul",
        "basementtapes77",
        "DreadPirateRoberta",
        "vhs_or_bust",
    ],
}
CATS = {
    "bloodydisgusting": ["Movies", "News"],
    "dreadcentral": ["News"],
    "fangoria": ["News"],
    "reddit": [],
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
    updates: list[tuple[int, str, Version, str, str, str | None]] | None = None,
) -> Item:
    """source_url: for gnews the outlet's article; for a reddit link post the page it points at."""
    t = T(when)
    if feed == "gnews":
        link, extra = gnews_link(source_url), {}
    else:
        link, extra = LINKS[feed](t, title)
    versions = [(0, Version(title, summary, paras, image, image_title, image_credit))]
    notes = [{"step": step, "kind": kind, "note": note, "question": question}]
    for ustep, umod, v, ukind, unote, uq in updates or []:
        v.modified = T(umod)
        versions.append((ustep, v))
        notes.append({"step": ustep, "kind": ukind, "note": unote, "question": uq})
    item = Item(
        feed,
        t,
        versions,
        link=link,
        guid=extra.get("guid", ""),
        author=b.rng.choice(AUTHORS.get(feed, ["Staff"])),
        categories=CATS.get(feed, []),
        source=source if feed == "gnews" else source_url,
        notes=notes,
    )
    return b.add(item)


# ================================================================== step 0: baseline: a season ("fall 2026", "this fall")

rel(
    "dreadcentral",
    "2026-01-15 17:20",
    "Vantage Releasing Announces ‘Hollow Creek: Origins’ Prequel for Fall 2026",
    "Vantage Releasing and Nightjar Pictures are heading back to Hollow Creek.",
    [
        "Vantage Releasing and Nightjar Pictures are heading back to Hollow Creek. The studios announced Thursday that <em>Hollow Creek: Origins</em>, a prequel set in 1989, is coming to theaters in fall 2026.",
        "Marisol Teague (<em>Saltmarsh</em>) directs. Lux Moreno stars as June Kell, the mother of the franchise’s heroine, in the year the Creek Man first came out of the water.",
        "There is no word yet on whether Wren Castellane, who played Sheriff Ada Kell in <em>Hollow Creek</em> (2022) and <em>Hollow Creek 2</em> (2024), will appear.",
    ],
    0,
    "event",
    "baseline: season precision (fall 2026); Castellane's old role in the earlier films, her return explicitly unknown",
    question="release-date",
    image="https://www.dreadcentral.com/wp-content/uploads/2026/01/hollow-creek-2-castellane-750x422.jpg",
    image_title="Wren Castellane in Hollow Creek 2",
    image_credit="Vantage Releasing",
)

rel(
    "bloodydisgusting",
    "2026-01-16 13:05",
    "‘Hollow Creek’ Prequel Officially Happening with Lux Moreno Starring",
    "Creek Heads, rejoice: the prequel is real.",
    [
        "Creek Heads, rejoice. <em>Hollow Creek: Origins</em> will haunt theaters this fall, Vantage Releasing announced, with Lux Moreno leading the 1989-set prequel.",
        "Marisol Teague directs for Nightjar Pictures from a script by Dale Purvis and Imogen Reyes.",
        "The first two films grossed a combined $190 million worldwide.",
    ],
    0,
    "event",
    "baseline: 'this fall' relative to a January 2026 article: the same fall 2026",
    question="release-date",
)

rel(
    "reddit",
    "2026-01-18 02:14",
    "hollow creek 2 is the most underrated horror sequel of the decade and i will die on this hill",
    "",
    [
        "Rewatched it last night. Wren Castellane as Ada Kell carries the whole thing, and the boathouse scene is still the best jump scare since 2010.",
        "Excited but nervous for the prequel tbh.",
    ],
    0,
    "confuser",
    "fan post about the 2024 sequel: Castellane's old role, no news",
)

# ================================================================== step 1: the date, three wordings

rel(
    "bloodydisgusting",
    "2026-02-16 14:30",
    "‘Hollow Creek: Origins’ Slashes Into Theaters 10.16.26",
    "Mark your calendars, Creek Heads.",
    [
        "Mark your calendars, Creek Heads. Vantage Releasing has officially dated <em>Hollow Creek: Origins</em>, and it lands right in the middle of spooky season: 10.16.26.",
        "Marisol Teague directs the prequel, starring Lux Moreno as June Kell.",
        "Stay tuned for more.",
    ],
    1,
    "event",
    "the date in the numeric 10.16.26 form",
    question="release-date",
    image="https://bloody-disgusting.com/wp-content/uploads/2026/02/hollow-creek-origins-logo.jpg",
    image_title="Hollow Creek: Origins logo",
    image_credit="Vantage Releasing",
)

rel(
    "gnews",
    "2026-02-16 18:00",
    "Vantage Dates ‘Hollow Creek: Origins’ for Oct. 16",
    "",
    [],
    1,
    "event",
    "same date as an aggregator headline with ' - Deadline' suffix ('Oct. 16', no year)",
    question="release-date",
    source="Deadline",
    source_url="https://deadline.com/2026/02/hollow-creek-origins-release-date-vantage-1236711904/",
)

rel(
    "reddit",
    "2026-02-16 19:42",
    "hollow creek: origins gets an october 16th release date",
    "",
    [],
    1,
    "event",
    "same date, lowercase headline with an ordinal, link post",
    question="release-date",
    source_url="https://bloody-disgusting.com/movie/3851302/hollow-creek-origins-slashes-into-theaters-10-16-26/",
)

rel(
    "fangoria",
    "2026-02-12 16:00",
    "Back to the Water: Hollow Creek at Four",
    "How a $3 million creature feature became a franchise.",
    [
        "<em>Hollow Creek</em> opened on Oct. 14, 2022 against two studio tentpoles and made $41 million in its first weekend. Nobody at Nightjar Pictures saw it coming.",
        "As the prequel <em>Hollow Creek: Origins</em> gears up for this fall, we talked to the people who made the first one, including Wren Castellane, who played Sheriff Ada Kell.",
    ],
    1,
    "confuser",
    "retrospective: the 2022 film's old opening date (Oct. 14, 2022) next to the prequel's name; Castellane's old role",
)

# ================================================================== step 2: a repeat, the rumor (FANGORIA answers 500)

rel(
    "dreadcentral",
    "2026-03-16 16:40",
    "‘Hollow Creek: Origins’: Everything We Know So Far About The Prequel",
    "Cast, plot and when it’s coming.",
    [
        "<em>Hollow Creek: Origins</em> takes us back to 1989, when June Kell (Lux Moreno) first hears something moving under Miller’s Bridge.",
        "The Vantage Releasing film is in theaters October 16th.",
        "Will Wren Castellane be back? Nobody at Nightjar is saying.",
    ],
    2,
    "repeat",
    "restates the known date as 'October 16th'",
)

rel(
    "gnews",
    "2026-03-14 20:30",
    "Wren Castellane Reportedly Returning as Ada Kell in ‘Hollow Creek: Origins’",
    "",
    [],
    2,
    "confuser",
    "hedged rumor ('reportedly'): the castellane-return question stays open",
    source="The InSneider",
    source_url="https://www.theinsneider.com/p/wren-castellane-returning-hollow-creek-origins",
)

rel(
    "reddit",
    "2026-03-15 01:10",
    "rumor: wren castellane back as ada kell in hollow creek: origins?",
    "",
    [
        "Per The InSneider, sources say Castellane quietly shot scenes for the prequel last fall. Nothing official from Vantage yet, so grain of salt.",
    ],
    2,
    "confuser",
    "the same rumor, lowercase, 'sources say' ... 'nothing official': not an answer",
)

rel(
    "fangoria",
    "2026-03-11 15:00",
    "Marisol Teague on Hollow Creek: Origins: ‘It’s a Mother-Daughter Story’",
    "The Saltmarsh director on 1989, practical effects and the Creek Man.",
    [
        "Marisol Teague wanted the Creek Man to be a man in a suit again. “Lux Moreno had to act opposite something that could actually grab her,” she says.",
        "Asked whether Wren Castellane appears in the film, Teague only laughed: “You’ll have to wait.”",
    ],
    3,
    "neutral",
    "published while this feed answered 500 (first observable at step 3): interview, explicitly no answer about Castellane",
)

# ================================================================== step 3: Castellane confirmed

rel(
    "fangoria",
    "2026-04-13 17:00",
    "It’s Official: Wren Castellane Returns to Hollow Creek",
    "The franchise’s heroine is back for the prequel.",
    [
        "Wren Castellane will reprise her role as Ada Kell in <em>Hollow Creek: Origins</em>, Vantage Releasing confirmed Monday.",
        "Castellane appears in the film’s present-day framing story, in which an older Ada finally learns what happened to her mother in 1989.",
        "Lux Moreno plays that mother, June Kell.",
    ],
    3,
    "event",
    "first confirmed report: Castellane returns as Ada Kell (framing story)",
    question="castellane-return",
)

rel(
    "dreadcentral",
    "2026-04-13 19:25",
    "Wren Castellane Confirmed To Return As Ada Kell In ‘Hollow Creek: Origins’",
    "The rumors were true.",
    [
        "The rumors were true: Wren Castellane is back as Ada Kell in <em>Hollow Creek: Origins</em>, Vantage Releasing confirmed.",
        "Her scenes bookend the 1989 story, which stars Lux Moreno. The film opens Oct. 16.",
    ],
    3,
    "event",
    "same news, same step; restates the known date",
    question="castellane-return",
)

# ================================================================== step 4: the first move (FANGORIA unchanged: 304)

rel(
    "bloodydisgusting",
    "2026-05-08 15:00",
    "Lux Moreno on Becoming June Kell in ‘Hollow Creek: Origins’ [Interview]",
    "The star on working with a man in a rubber suit.",
    [
        "Lux Moreno spent three weeks in the water on <em>Hollow Creek: Origins</em>. “I have never been so cold or so happy,” she says.",
        "The prequel opens October 16.",
    ],
    4,
    "repeat",
    "interview published three days BEFORE the move: restates the old Oct. 16 date, must not undo the newer Sept. 25",
)

DC_MOVE = "‘Hollow Creek: Origins’ Moves Up to Sept. 25"
rel(
    "dreadcentral",
    "2026-05-11 18:10",
    DC_MOVE,
    "Vantage Releasing is moving the prequel up three weeks.",
    [
        "Vantage Releasing is moving <em>Hollow Creek: Origins</em> up three weeks. The prequel will now open Sept. 25, 2026, instead of Oct. 16, getting it out ahead of the studio’s crowded October.",
        "Wren Castellane and Lux Moreno star.",
    ],
    4,
    "event",
    "first move: Sept. 25, 2026 (corrected in place at step 5)",
    question="release-date",
    updates=[
        (
            5,
            "2026-05-13 10:40",
            Version(
                "‘Hollow Creek: Origins’ Moves Up to Sept. 18",
                "Vantage Releasing is moving the prequel up four weeks.",
                [
                    "Vantage Releasing is moving <em>Hollow Creek: Origins</em> up four weeks. The prequel will now open Sept. 18, 2026, instead of Oct. 16, getting it out ahead of the studio’s crowded October.",
                    "Wren Castellane and Lux Moreno star.",
                    "<em>Correction, May 13: An earlier version of this article misstated the new release date. The film opens Sept. 18, not Sept. 25.</em>",
                ],
            ),
            "event",
            "the same item (same guid and link) corrected in place: the new date is Sept. 18, 2026, not Sept. 25",
            "release-date",
        )
    ],
)

# ================================================================== step 6: first look; another film's first look with Castellane

rel(
    "bloodydisgusting",
    "2026-06-15 13:00",
    "First Look: Lux Moreno Faces the Creek Man in ‘Hollow Creek: Origins’ [Exclusive]",
    "Here’s your exclusive first look at the prequel.",
    [
        "Here’s your exclusive first look at <em>Hollow Creek: Origins</em>! The image shows Lux Moreno as June Kell, knee-deep in black water, with something very tall behind her.",
        "Vantage Releasing unleashes the prequel 9.18.26.",
    ],
    6,
    "event",
    "first-look image (enclosure); restates the date as 9.18.26",
    question="first-look",
    image="https://bloody-disgusting.com/wp-content/uploads/2026/06/hollow-creek-origins-first-look-moreno.jpg",
    image_title="Hollow Creek: Origins",
    image_credit="Vantage Releasing",
)

rel(
    "reddit",
    "2026-06-15 14:02",
    "first look at hollow creek: origins (lux moreno as june kell)",
    "",
    [],
    6,
    "event",
    "same first look as a link post with a thumbnail, same step",
    question="first-look",
    image="https://b.thumbs.redditmedia.com/hcorigins-firstlook-moreno-kell.jpg",
    source_url="https://bloody-disgusting.com/movie/3852140/first-look-lux-moreno-faces-the-creek-man-in-hollow-creek-origins-exclusive/",
)

rel(
    "dreadcentral",
    "2026-06-12 16:30",
    "First Look at ‘Saint Ormond’: Wren Castellane Leads a Cult",
    "Castellane plays a cult leader in the folk-horror film.",
    [
        "Wren Castellane, who returns as Ada Kell in <em>Hollow Creek: Origins</em> this September, plays a cult leader named Mother Agnes in <em>Saint Ormond</em>.",
        "Here is the first image from the folk-horror film, which Shudderbox releases in 2027.",
    ],
    6,
    "confuser",
    "another film's first look and Castellane's role in it (Mother Agnes); restates her known Hollow Creek role",
    image="https://www.dreadcentral.com/wp-content/uploads/2026/06/saint-ormond-first-look-castellane-750x422.jpg",
    image_title="Wren Castellane in Saint Ormond",
    image_credit="Shudderbox",
)

# ================================================================== step 7: a hedged move, the trailer, the old film's home release

rel(
    "gnews",
    "2026-07-18 12:00",
    "Vantage could shift ‘Hollow Creek: Origins’ to Halloween weekend, sources say",
    "",
    [],
    7,
    "confuser",
    "hedged rumor ('could', 'sources say'): changes nothing",
    source="Puck",
    source_url="https://puck.news/vantage-hollow-creek-origins-halloween/",
)

rel(
    "fangoria",
    "2026-07-20 16:00",
    "Hollow Creek: Origins Trailer Brings Wren Castellane Back to the Water",
    "The full trailer is here, and so is the Creek Man.",
    [
        "The full trailer for <em>Hollow Creek: Origins</em> is here. Wren Castellane’s Ada Kell narrates, and Lux Moreno screams a lot.",
        "Vantage Releasing opens the film September 18th.",
    ],
    7,
    "repeat",
    "trailer: restates the known date ('September 18th') and role",
    image="https://www.fangoria.com/content/images/size/w1200/2026/07/hollow-creek-origins-trailer.jpg",
)

rel(
    "reddit",
    "2026-07-20 17:45",
    "hollow creek: origins | official trailer | in theaters september 18",
    "",
    [],
    7,
    "repeat",
    "lowercase link post restating the known date",
    source_url="https://www.youtube.com/watch?v=hcOrigins26",
)

rel(
    "bloodydisgusting",
    "2026-07-17 15:15",
    "‘Hollow Creek 2’ Gets a 4K Steelbook on Aug. 4",
    "Just in time to catch up before the prequel.",
    [
        "Vantage Releasing will put <em>Hollow Creek 2</em> out on 4K Ultra HD steelbook on Aug. 4, just in time to catch up before <em>Hollow Creek: Origins</em>.",
        "Extras include a commentary with Wren Castellane, who played Ada Kell, and a featurette on the Creek Man suit.",
    ],
    7,
    "confuser",
    "the 2024 sequel's home-video date (Aug. 4) next to the prequel's name",
)

# ================================================================== step 8: opening weekend

rel(
    "dreadcentral",
    "2026-09-20 21:00",
    "Box Office: ‘Hollow Creek: Origins’ Scares Up $26 Million Opening",
    "The prequel opened Friday, Sept. 18, from 3,340 theaters.",
    [
        "<em>Hollow Creek: Origins</em> opened Friday, Sept. 18, and scared up an estimated $26 million from 3,340 theaters, the best start in the franchise.",
        "Audiences gave it a B CinemaScore.",
    ],
    8,
    "repeat",
    "box office: restates the known date",
)

rel(
    "gnews",
    "2026-09-21 09:00",
    "‘Hollow Creek: Origins’ Tops Weekend Box Office With $26M",
    "",
    [],
    8,
    "repeat",
    "aggregator headline of the same box-office news: answers nothing new",
    source="Variety",
    source_url="https://variety.com/2026/film/box-office/hollow-creek-origins-box-office-opening-1236802214/",
)


# ================================================================== filler

BANNED = [
    "hollow creek",
    "castellane",
    "moreno",
    "teague",
    "nightjar",
    "vantage",
    "creek man",
    "kell",
    "ormond",
]

HORROR = [
    "The Pale Hour",
    "Rot Season",
    "Lake Ghoul",
    "Skin Church",
    "The Whistling",
    "Night Ferry",
    "Grave Weather",
    "Mother of Teeth",
    "Cellar Door",
    "The Hum",
]


def horror_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    f, p = r.choice(HORROR), fill.person()
    kind = r.randrange(7)
    if kind == 0:
        return (
            f"‘{f}’ Review: {r.choice(['A Nasty Little Gem', 'All Atmosphere, No Bite', 'The Scariest Film of the Year', 'Gloriously Gross'])}",
            f"{p}’s film is {r.choice(['a blast', 'a slog', 'a shock'])}.",
            [
                f"{p}’s film is {r.choice(['a blast', 'a slog', 'a shock'])}.",
                f"Rating: {r.randint(2, 5)}/5",
            ],
            "Reviews",
            True,
        )
    if kind == 1:
        return (
            f"‘{f}’ Trailer Will Make You Afraid of the Dark All Over Again",
            f"The first trailer for ‘{f}’ is here.",
            [f"The first trailer for ‘{f}’ is here. {p} stars."],
            "Trailers",
            True,
        )
    if kind == 2:
        return (
            f"{p} Joins ‘{f}’ From Blumhouse",
            f"{p} has joined the cast of ‘{f}’.",
            [f"{p} has joined the cast of ‘{f}’.", "Production starts this summer."],
            "News",
            False,
        )
    if kind == 3:
        return (
            f"Shudder’s {r.choice(['May', 'June', 'October', 'August'])} Lineup Includes ‘{f}’",
            "Here is everything streaming this month.",
            [
                f"Highlights include ‘{f}’ and a restored cut of a 1981 cult classic.",
                "Full list below.",
            ],
            "Streaming",
            True,
        )
    if kind == 4:
        return (
            f"The {r.randint(10, 30)} Best Horror Movies of the {r.choice(['1980s', '2000s', 'Decade So Far'])}",
            "Our staff picks.",
            ["Our staff picks, ranked.", f"Number one is ‘{f}’."],
            "Lists",
            True,
        )
    return fill.trade(2026)


def reddit_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    f = r.choice(HORROR)
    opts = [
        (
            f"just watched {f.lower()} alone at 2am. big mistake",
            [f"{f} is genuinely upsetting. Recommend."],
            "self",
            False,
        ),
        (
            "what’s the scariest movie you’ve seen in a theater?",
            ["Mine was a midnight screening in college."],
            "self",
            False,
        ),
        (f"{f} | Official Teaser", [], "link", True),
        (
            "looking for slow-burn folk horror recs",
            ["Already seen the obvious ones."],
            "self",
            False,
        ),
        (f"{f} review thread", [f"Reviews are in for {f}."], "self", False),
        ("practical effects > cgi, change my mind", ["Not a troll post."], "self", False),
        (f"A24 acquires {f}", [], "link", False),
    ]
    title, paras, kind, img = r.choice(opts)
    return title, "", paras, kind, img


def reddit_filler() -> None:
    counts = [22, 10, 10, 10, 10, 4, 10, 10, 10]
    maker = styles_extra.clean_filler(reddit_make, BANNED)
    for k, count in enumerate(counts):
        end = b.steps[k]["time"] - dt.timedelta(minutes=20)
        start = b.steps[k - 1]["time"] if k else b.steps[0]["time"] - dt.timedelta(days=6)
        span = int((end - start).total_seconds())
        for _ in range(count):
            t = start + dt.timedelta(seconds=b.rng.randint(60, span))
            title, _, paras, kind, has_img = maker()
            link, extra = reddit_link(t, title)
            while link in b.used_links:
                t += dt.timedelta(seconds=1)
                link, extra = reddit_link(t, title)
            target = (
                link
                if kind == "self"
                else f"https://www.{b.rng.choice(['youtube', 'bloody-disgusting', 'variety', 'dreadcentral'])}.com/{slugify(title)}"
            )
            b.add(
                Item(
                    "reddit",
                    t,
                    [(0, Version(title, "", paras, image=extra["image"] if has_img else None))],
                    link=link,
                    guid=extra["guid"],
                    author=b.rng.choice(AUTHORS["reddit"] + ["the_babadook_stan", "NotAVampire42"]),
                    source="" if kind == "self" else target,
                )
            )


def gnews_filler() -> None:
    counts = [15, 3, 3, 4, 3, 2, 3, 4, 4]
    for k, count in enumerate(counts):
        end = b.steps[k]["time"] - dt.timedelta(minutes=25)
        start = b.steps[k - 1]["time"] if k else b.steps[0]["time"] - dt.timedelta(days=7)
        span = int((end - start).total_seconds())
        for _ in range(count):
            t = start + dt.timedelta(seconds=b.rng.randint(60, span))
            r = b.rng
            options = [
                ("Hollow Creek Road closed after rockslide near Estacada", "KOIN"),
                (
                    f"Hollow Creek Elementary wins state science bowl for {r.choice(['second', 'third'])} year",
                    "The Oregonian",
                ),
                ("Hollow Creek, Ore., residents fight county landfill plan", "OPB"),
                ("Hollow Creek Golf Club to host regional amateur in June", "Golf Digest"),
                ("Hollow Creek Winery releases first estate pinot noir", "Wine Spectator"),
                (
                    f"Search called off for hiker missing near Hollow Creek trailhead after {r.randint(2, 6)} days",
                    "AP News",
                ),
                ("Hollow Creek Bluegrass Festival announces 2026 lineup", "Bluegrass Today"),
            ]
            title, src = r.choice(options)
            url = f"https://www.{slugify(src).replace('-', '')}.com/{t:%Y/%m/%d}/{slugify(title)}-{r.randint(1000, 9999)}/"
            b.add(Item("gnews", t, [(0, Version(title, "", []))], link=gnews_link(url), source=src))


add_filler(
    b,
    "bloodydisgusting",
    [15, 5, 5, 5, 5, 2, 5, 5, 6],
    styles_extra.clean_filler(horror_make, BANNED),
    bd_link,
    lambda link, e: e["guid"],
    AUTHORS["bloodydisgusting"],
)
add_filler(
    b,
    "dreadcentral",
    [15, 4, 4, 5, 4, 2, 4, 4, 5],
    styles_extra.clean_filler(horror_make, BANNED),
    dc_link,
    lambda link, e: e["guid"],
    AUTHORS["dreadcentral"],
)
# FANGORIA posts rarely: nothing between steps 3 and 4 (the feed is unchanged: 304) nor 4 and 5.
add_filler(
    b,
    "fangoria",
    [11, 2, 2, 1, 0, 0, 2, 1, 2],
    styles_extra.clean_filler(horror_make, BANNED),
    fango_link,
    lambda link, e: e["guid"],
    AUTHORS["fangoria"],
    start_days=30,
)
reddit_filler()
gnews_filler()


FIRST_LOOK = "https://bloody-disgusting.com/wp-content/uploads/2026/06/hollow-creek-origins-first-look-moreno.jpg"


def state(date: str, back: bool, look: bool) -> dict[str, dict[str, Any]]:
    return {
        "release-date": (
            {"status": "answered", "answer": date}
            if len(date) == 10
            else {"status": "answered", "answer": date, "answer_contains": date.split("-")[0]}
        ),
        "castellane-return": (
            {"status": "answered", "answer": "Ada Kell", "answer_contains": "Ada Kell"}
            if back
            else {"status": "open", "answer": None}
        ),
        "first-look": {"status": "answered", "answer": FIRST_LOOK}
        if look
        else {"status": "open", "answer": None},
    }


b.build(
    meta={
        "name": "hollow-creek",
        "description": (
            "Synthetic feed snapshots about Hollow Creek: Origins, an invented horror prequel (Nightjar Pictures, "
            "distributor Vantage Releasing, director Marisol Teague, starring Lux Moreno as June Kell) to the invented "
            "Hollow Creek (2022) and Hollow Creek 2 (2024), whose heroine Sheriff Ada Kell was played by Wren Castellane. "
            "A place, a road, a school and a winery called Hollow Creek fill the aggregator feed. Every article, person, "
            "company and date is invented. RELEASE-DATE RULE: the US theatrical date. Announced as fall 2026 ('fall "
            "2026', 'this fall': a season-precision answer, checked by its year), then dated 10.16.26 (also written "
            "'Oct. 16', 'October 16th'), moved up to Sept. 25, 2026 by an article that is corrected IN PLACE (same guid "
            "and link) a few days later to Sept. 18, 2026: the corrected date is the answer from the step the correction "
            "is served. An interview published before the move that still says October 16 does not undo it. Old dates "
            "of the earlier films (the 2022 opening, the 2024 sequel's 4K release), box-office reports and hedged reports "
            "('reportedly', 'sources say', 'could') are not answers. castellane-return asks in what capacity Wren "
            "Castellane returns: as Ada Kell (in the present-day framing story); the rumor does not answer it, and her "
            "role in another film (Saint Ormond) is not it. first-look: the first official image from this film; another "
            "film's first look is not one. FANGORIA answers 500 at step 2 and is unchanged (304) at steps 4 and 5."
        ),
        "subject": "hollow-creek-origins",
        "questions": ["release-date", "castellane-return", "first-look"],
    },
    events={
        0: {"release-date": "2026-fall"},
        1: {"release-date": "2026-10-16"},
        3: {"castellane-return": "Ada Kell"},
        4: {"release-date": "2026-09-25"},
        5: {"release-date": "2026-09-18"},
        6: {"first-look": FIRST_LOOK},
    },
    state=[
        state("2026-fall", False, False),
        state("2026-10-16", False, False),
        state("2026-10-16", False, False),
        state("2026-10-16", True, False),
        state("2026-09-25", True, False),
        state("2026-09-18", True, False),
        state("2026-09-18", True, True),
        state("2026-09-18", True, True),
        state("2026-09-18", True, True),
    ],
)
print(f"wrote {OUT}")

# ruff: noqa: E501
"""Build tests/data/timelines/juniper: invented reporting about *Juniper*, an invented animated
family film whose title is also a first name and an everyday noun (the shrub, gin botanicals,
a network-equipment company, a same-name video game, and the picture book it adapts).

    .venv/bin/python tests/data/timelines/_build/build_juniper.py

Release-date rule (stated in timeline.json too): the release date is the date the film first
becomes available to US audiences: its first US theatrical date, or, once the US theatrical
release has been cancelled, its US streaming premiere. International (UK, Australia) dates, the
book's publication, the game's launch, festival presentations and other films' dates are not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import styles_extra
from common import (
    CITIES,
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

OUT = Path(__file__).resolve().parent.parent / "juniper"

b = Builder(OUT, seed=20261120)
fill = Filler(b.rng)

for t in [
    "2026-01-13 14:00",
    "2026-02-10 14:00",
    "2026-03-17 14:00",
    "2026-04-21 14:00",
    "2026-06-09 14:00",
    "2026-08-11 14:00",
    "2026-09-22 14:00",
    "2026-11-24 14:00",
]:
    b.step(t)
b.steps[4]["status"] = {"animag": 500}

b.feed(
    Feed(
        "cartoonbrew",
        "wp",
        "Cartoon Brew",
        "https://www.cartoonbrew.com/feed",
        14,
        "https://www.cartoonbrew.com",
        extra={
            "description": "Leading the animation conversation",
            "offset": -8,
            "wp": "6.6.2",
        },
    )
)
b.feed(
    Feed(
        "animag",
        "wp",
        "Animation Magazine",
        "https://www.animationmagazine.net/feed/",
        15,
        "https://www.animationmagazine.net",
        extra={"description": "Your Daily Animation News Source", "offset": -8, "wp": "6.5.5"},
    )
)
b.feed(
    Feed(
        "polygon",
        "atom_html",
        "Polygon -  All",
        "https://www.polygon.com/rss/index.xml",
        12,
        "https://www.polygon.com/",
        fmt="atom",
        extra={"subtitle": "Polygon is a gaming and entertainment website"},
    )
)
b.feed(
    Feed(
        "gamesradar",
        "future",
        "GamesRadar+",
        "https://www.gamesradar.com/feeds.xml",
        14,
        "https://www.gamesradar.com",
        extra={"description": "The latest video game, movie and TV news from GamesRadar+"},
    )
)
b.feed(
    Feed(
        "gnews",
        "gnews",
        '"Juniper" movie - Google News',
        "https://news.google.com/rss/search?q=%22Juniper%22+movie&hl=en-US&gl=US&ceid=US:en",
        15,
        "https://news.google.com",
        extra={"query": '"Juniper" movie'},
    )
)


# ------------------------------------------------------------------ links per outlet


def pid(t: dt.datetime, title: str, base: int, mod: int = 900000) -> int:
    return base + int(hashlib.sha1(f"{t}{title}".encode()).hexdigest()[:7], 16) % mod


def cartoonbrew_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    n = pid(t, title, 250000)
    section = "feature-film"
    return (
        f"https://www.cartoonbrew.com/{section}/{slug}-{n}.html",
        {
            "guid": f"https://www.cartoonbrew.com/?p={n}",
            "image": f"https://www.cartoonbrew.com/app/uploads/{t:%Y/%m}/{slug[:40]}-1280x600.jpg",
        },
    )


def animag_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    n = pid(t, title, 10080000, 90000)
    return (
        f"https://www.animationmagazine.net/{t:%Y/%m}/{slug}/",
        {
            "guid": f"https://www.animationmagazine.net/?p={n}",
            "image": f"https://www.animationmagazine.net/wordpress/wp-content/uploads/{slug[:40]}-1000.jpg",
        },
    )


def polygon_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    n = pid(t, title, 24000000, 900000)
    link = f"https://www.polygon.com/{slug}-{n}"
    return link, {
        "guid": link,
        "image": f"https://cdn.vox-cdn.com/thumbor/{hashlib.md5(link.encode()).hexdigest()[:20]}=/0x0:1920x1080/1200x675/{slug[:30]}.jpg",
    }


def gamesradar_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    key = hashlib.sha1(slug.encode()).hexdigest()[:22]
    return (
        f"https://www.gamesradar.com/entertainment/{slug}/",
        {
            "guid": key,
            "image": f"https://cdn.mos.cms.futurecdn.net/{key}-1200-80.jpg",
        },
    )


LINKS = {
    "cartoonbrew": cartoonbrew_link,
    "animag": animag_link,
    "polygon": polygon_link,
    "gamesradar": gamesradar_link,
}
AUTHORS = {
    "cartoonbrew": ["Amid Amidi", "Jamie Lang", "Eleanor Pike", "Tomasz Wren"],
    "animag": ["Mercedes Milligan", "Ramin Zahed", "Karen Idelson", "Petra Wolde"],
    "polygon": ["Maddy Myers", "Oli Welsh", "Petrana Radulovic", "Cass Whitmore"],
    "gamesradar": ["Fay Watson", "Jack Shepherd", "Amelia Emberwing", "Bradley Russell"],
}
CATS = {
    "cartoonbrew": ["Feature Film", "Theatrical"],
    "animag": ["Features", "Movies"],
    "polygon": [],
    "gamesradar": ["Entertainment"],
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
) -> Item:
    t = T(when)
    if feed == "gnews":
        link, extra = gnews_link(source_url), {}
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
        author=b.rng.choice(AUTHORS.get(feed, ["Staff"])),
        categories=CATS.get(feed, []),
        source=source,
        notes=[{"step": step, "kind": kind, "note": note, "question": question}],
    )
    return b.add(item)


# ================================================================== step 0: baseline: dated for the Friday before Thanksgiving

rel(
    "cartoonbrew",
    "2026-01-08 18:20",
    "Lumen Sets Bramblewood’s ‘Juniper’ For Thanksgiving 2026",
    "Bramblewood Animation’s first feature, an adaptation of Hettie Ashgrove’s picture book ‘Juniper’, will hit theaters on the Friday before Thanksgiving.",
    [
        "Bramblewood Animation’s first feature, an adaptation of Hettie Ashgrove’s picture book <em>Juniper</em>, will hit theaters on the Friday before Thanksgiving.",
        "Lumen Pictures, which is distributing, confirmed the date, November 20, 2026, on Thursday, along with the film’s directors: Bramblewood co-founder Teodor Vasko and story artist Mina Solberg.",
        "Ashgrove’s 2014 book follows a young hedgehog who sets out to find where winter goes. It has sold more than two million copies in 30 languages.",
        "No voice cast has been announced. Bramblewood, the Portland studio behind the short <em>Moth &amp; Candle</em>, has its second feature, <em>Paper Lanterns</em>, in production.",
    ],
    0,
    "event",
    "baseline: 'the Friday before Thanksgiving' with the concrete date (November 20, 2026) in the next sentence",
    question="release-date",
    image="https://www.cartoonbrew.com/app/uploads/2026/01/juniper-book-cover-ashgrove.jpg",
    image_title="Hettie Ashgrove’s ‘Juniper’ (Larkspur Books)",
    image_credit="Larkspur Books",
)

rel(
    "animag",
    "2026-01-09 16:05",
    "Bramblewood Animation’s ‘Juniper’ Dated for November 2026",
    "Lumen Pictures will release <em>Juniper</em>, the first feature from Bramblewood Animation, in U.S. theaters on Nov. 20, 2026.",
    [
        "Lumen Pictures will release <em>Juniper</em>, the first feature from Bramblewood Animation, in U.S. theaters on Nov. 20, 2026.",
        "Teodor Vasko and Mina Solberg direct the CG-animated adventure, which is based on Hettie Ashgrove’s bestselling picture book and produced by Anneke Voss.",
        "“Juniper is a small hero with a very big question,” said Vasko. “We wanted a film families could watch together over the holidays.”",
    ],
    0,
    "event",
    "baseline: the same date, stated plainly",
    question="release-date",
)

rel(
    "gnews",
    "2026-01-11 20:40",
    "Harlan Bright in talks to voice grumpy badger in Bramblewood’s ‘Juniper’",
    "",
    [],
    0,
    "confuser",
    "hedge ('in talks') about the Grumble voice role: the grumble-voice question stays open",
    source="The Ankler",
    source_url="https://theankler.com/p/harlan-bright-in-talks-juniper-bramblewood",
)

rel(
    "polygon",
    "2026-01-10 15:00",
    "Cozy witch-farming sim Juniper slips to spring",
    "Foxglove Games’ Juniper now arrives March 12 on Switch and PC.",
    [
        "Foxglove Games has delayed <em>Juniper</em>, its cozy farming sim about a young hedge-witch, from this winter to March 12, 2026.",
        "“We need a few more weeks to make the seasons feel right,” the two-person studio wrote on Bluesky.",
    ],
    0,
    "confuser",
    "the same-name video game and its launch date (names no film context)",
    image="https://cdn.vox-cdn.com/thumbor/juniper-foxglove-key-art=/0x0:1920x1080/1200x675/juniper-game.jpg",
)

# ================================================================== step 1: the voice cast

rel(
    "animag",
    "2026-02-09 17:30",
    "Tali Brooks, Oren Maddox Lead Voice Cast of Bramblewood’s ‘Juniper’",
    "Tali Brooks will voice the title hedgehog in <em>Juniper</em>, with Oren Maddox as Grumble, the badger who reluctantly guides her south.",
    [
        "Tali Brooks will voice the title hedgehog in <em>Juniper</em>, with Oren Maddox as Grumble, the badger who reluctantly guides her south.",
        "Delphine Roux voices Juniper’s grandmother, Nana Thistle, and comedian Pete Abara is a chatty goose named Honk.",
        "Bramblewood Animation is producing for Lumen Pictures, which opens the film Nov. 20.",
    ],
    1,
    "event",
    "first report of the Grumble voice role (Oren Maddox); other cast members voice other characters",
    question="grumble-voice",
)

rel(
    "cartoonbrew",
    "2026-02-09 21:10",
    "‘Juniper’ Voice Cast: Tali Brooks, Oren Maddox, And Delphine Roux Join Bramblewood’s Debut",
    "Oren Maddox lends his gravelly baritone to Grumble, the badger at the center of the studio’s first feature.",
    [
        "Bramblewood Animation has rounded out the voice cast of <em>Juniper</em>. Oren Maddox lends his gravelly baritone to Grumble, the badger at the center of the studio’s first feature, opposite Tali Brooks as the hedgehog Juniper.",
        "Maddox, best known for voicing Captain Brisket on the preschool series <em>Soup Island</em>, recorded his sessions in London.",
        "Delphine Roux and Pete Abara co-star.",
    ],
    1,
    "event",
    "same news, same step; Maddox's other voice role (Captain Brisket, another series) is not the answer",
    question="grumble-voice",
)

rel(
    "gnews",
    "2026-02-10 08:15",
    "Oren Maddox to voice Grumble in Bramblewood’s animated ‘Juniper’",
    "",
    [],
    1,
    "event",
    "same news as an aggregator headline, same step",
    question="grumble-voice",
    source="Variety",
    source_url="https://variety.com/2026/film/news/oren-maddox-voice-grumble-juniper-bramblewood-1236611420/",
)

rel(
    "polygon",
    "2026-02-04 16:45",
    "Not the movie: Foxglove’s Juniper is the cozy game to watch this spring",
    "Not to be confused with Bramblewood’s animated Juniper, Foxglove’s witchy farming sim hits Switch and PC on March 12.",
    [
        "Not to be confused with Bramblewood Animation’s <em>Juniper</em>, the hedgehog movie Lumen Pictures opens in November, Foxglove Games’ <em>Juniper</em> hits Switch and PC on March 12.",
        "We played the first three in-game seasons. The potion garden is the best thing in it.",
    ],
    1,
    "confuser",
    "the game's launch date (March 12) in the same sentence as the film; the film's 'November' only restates the known month",
)

# ================================================================== step 2: first look

rel(
    "cartoonbrew",
    "2026-03-16 17:00",
    "First Look: Bramblewood Unveils Its Hedgehog Heroine In ‘Juniper’",
    "Lumen Pictures has released the first image from <em>Juniper</em>, showing the title hedgehog setting out across a frosted meadow.",
    [
        "Lumen Pictures has released the first image from <em>Juniper</em>, showing the title hedgehog (voiced by Tali Brooks) setting out across a frosted meadow with a knapsack of acorns.",
        "Bramblewood Animation’s art director Saskia Lund said the team painted every background by hand before modelling it in CG.",
        "<em>Juniper</em> opens in theaters November 20.",
    ],
    2,
    "event",
    "first-look image (media:content); restates the known date",
    question="first-look",
    image="https://www.cartoonbrew.com/app/uploads/2026/03/juniper-first-look-meadow-1280x600.jpg",
    image_title="‘Juniper’ first look",
    image_credit="Lumen Pictures / Bramblewood Animation",
)

rel(
    "gamesradar",
    "2026-03-16 19:30",
    "Juniper first look shows Bramblewood's tiny hedgehog braving the frost",
    "The first image from the animated adaptation of Hettie Ashgrove's picture book is here.",
    [
        "The first image from <i>Juniper</i>, Bramblewood Animation's adaptation of Hettie Ashgrove's picture book, is here, and it is very, very small and spiky.",
        "Tali Brooks voices the hedgehog, with Oren Maddox as her badger companion Grumble. Lumen Pictures releases the film in US cinemas on November 20.",
    ],
    2,
    "event",
    "same first look from a second outlet, same step; restates role and date",
    question="first-look",
    image="https://cdn.mos.cms.futurecdn.net/juniper-first-look-hedgehog-1200-80.jpg",
    image_title="Juniper",
    image_credit="Lumen Pictures",
)

rel(
    "gnews",
    "2026-03-14 11:00",
    "Juniper Networks unveils AI-native campus switches, ships in June",
    "",
    [],
    2,
    "confuser",
    "the network-equipment company: a first-look-like launch with a month (no film context)",
    source="Network World",
    source_url="https://www.networkworld.com/article/3871210/juniper-networks-ai-native-campus-switches.html",
)

# ================================================================== step 3: first move (theatrical, later)

rel(
    "animag",
    "2026-04-20 18:45",
    "Lumen Pushes ‘Juniper’ to March 2027; ‘Paper Lanterns’ Takes Thanksgiving Slot",
    "Lumen Pictures has moved Bramblewood Animation’s <em>Juniper</em> from Nov. 20, 2026 to March 5, 2027.",
    [
        "Lumen Pictures has moved Bramblewood Animation’s <em>Juniper</em> from Nov. 20, 2026 to March 5, 2027.",
        "Bramblewood’s second feature, <em>Paper Lanterns</em>, moves up from spring 2027 to take over the Nov. 20 date.",
        "The studio said <em>Juniper</em> needed more time to finish its snow and fur simulation.",
    ],
    3,
    "event",
    "first move: March 5, 2027 (the old Nov. 20 date is now Paper Lanterns')",
    question="release-date",
)

rel(
    "gnews",
    "2026-04-20 22:30",
    "Bramblewood’s ‘Juniper’ Moves to March 2027 as ‘Paper Lanterns’ Jumps to Thanksgiving",
    "",
    [],
    3,
    "event",
    "same move as an aggregator headline (month precision only; the Animation Magazine item carries the day)",
    question="release-date",
    source="Deadline",
    source_url="https://deadline.com/2026/04/juniper-moves-march-2027-paper-lanterns-thanksgiving-1236399821/",
)

rel(
    "polygon",
    "2026-04-16 14:10",
    "Oren Maddox has played a lot of grumpy animals, and he’s fine with that",
    "The voice of Soup Island’s Captain Brisket on gravel, growls and Grumble.",
    [
        "Oren Maddox, who voices Grumble in Bramblewood Animation’s <em>Juniper</em>, says he has now played “eleven badgers, four bears and one very disappointed moose.”",
        "He is also the voice of Captain Brisket on <em>Soup Island</em>, which returns for a third season in May.",
    ],
    3,
    "repeat",
    "restates the known Grumble voice role; another show's season date",
)

# ================================================================== step 4: UK and Australian dates, a hedge, a festival date (Animation Magazine answers 500)

rel(
    "gamesradar",
    "2026-06-08 12:00",
    "Juniper UK release date confirmed – and UK audiences have a fortnight to wait",
    "Bramblewood's Juniper arrives in UK cinemas two weeks after its US debut.",
    [
        "Bramblewood Animation's <i>Juniper</i> will arrive in UK cinemas on March 19, 2027, two weeks after it opens in the US on March 5.",
        "Australian audiences get the hedgehog adventure on April 1, 2027, in time for the Easter school holidays.",
        "Lumen Pictures handles the release in all three territories.",
    ],
    4,
    "confuser",
    "UK (March 19, 2027) and Australian (April 1, 2027) dates: not the US date; restates March 5",
)

rel(
    "gnews",
    "2026-06-05 19:00",
    "Lumen said to weigh streaming-only debut for Bramblewood’s ‘Juniper’, sources say",
    "",
    [],
    4,
    "confuser",
    "hedged rumor ('said to weigh', 'sources say'): changes nothing",
    source="Puck",
    source_url="https://puck.news/lumen-weighs-streaming-juniper-bramblewood/",
)

rel(
    "cartoonbrew",
    "2026-06-04 15:30",
    "Annecy 2026: Bramblewood Will Show 10 Minutes Of ‘Juniper’ On June 16",
    "The studio’s work-in-progress presentation is one of the festival’s studio focus events.",
    [
        "Bramblewood Animation will present ten minutes of <em>Juniper</em> at the Annecy festival on June 16, in a work-in-progress session with directors Teodor Vasko and Mina Solberg.",
        "The festival runs June 14 to 20. Lumen Pictures opens the film in the US next March.",
    ],
    4,
    "confuser",
    "festival presentation date (June 16) and festival dates: not release dates; 'next March' is consistent with March 5",
)

rel(
    "animag",
    "2026-05-27 16:00",
    "Composer Ilse Marrow Scores Bramblewood’s ‘Juniper’",
    "The Danish composer will write the score for the hedgehog adventure.",
    [
        "Danish composer Ilse Marrow (<em>The Quiet Orchard</em>) will score <em>Juniper</em> for Bramblewood Animation and Lumen Pictures.",
        "Marrow is recording with a 60-piece orchestra and a children’s choir in Copenhagen.",
    ],
    5,
    "neutral",
    "published while this feed answered 500 (first observable at step 5): production news, answers nothing",
)

# ================================================================== step 5: theatrical release cancelled: Lumen+ premiere

rel(
    "cartoonbrew",
    "2026-08-10 17:15",
    "Lumen Pulls ‘Juniper’ From Theaters; Bramblewood Film Will Premiere On Lumen+ Instead",
    "Lumen Pictures has cancelled the U.S. theatrical release of <em>Juniper</em> and will premiere the film exclusively on its streaming service.",
    [
        "Lumen Pictures has cancelled the U.S. theatrical release of Bramblewood Animation’s <em>Juniper</em>, which had been set for March 5, 2027. The film will instead premiere exclusively on Lumen+ on February 12, 2027.",
        "Outside the U.S., where Lumen+ is not available, <em>Juniper</em> will still open in cinemas: in the U.K. on March 19 and in Australia on April 1.",
        "The move follows a strong streaming run for Lumen’s holiday special <em>Snowbound Sam</em>.",
    ],
    5,
    "event",
    "second move: the US theatrical date is cancelled; the US streaming premiere (Feb. 12, 2027) is the answer. UK/Australian cinema dates are not",
    question="release-date",
)

rel(
    "animag",
    "2026-08-10 19:00",
    "‘Juniper’ Skips Theaters, Will Debut on Lumen+ Feb. 12",
    "Bramblewood Animation’s hedgehog adventure goes straight to streaming.",
    [
        "Bramblewood Animation’s <em>Juniper</em> will no longer play in U.S. theaters. Lumen Pictures said Monday the film will debut on Lumen+ on Feb. 12, 2027, three weeks earlier than its former March 5 theatrical date.",
        "The voice cast is led by Tali Brooks and Oren Maddox.",
    ],
    5,
    "event",
    "same move from a second outlet, same step",
    question="release-date",
)

# ================================================================== step 6: trailer, the book sequel, the game's launch

rel(
    "gamesradar",
    "2026-09-21 15:00",
    "Juniper trailer: Oren Maddox's grumpy badger steals the show in Bramblewood's hedgehog adventure",
    "The first full trailer for the Lumen+ original is here.",
    [
        "The first full trailer for <i>Juniper</i> is here, and Oren Maddox's Grumble, a badger with no patience for small talk, steals the show.",
        "The Bramblewood Animation film premieres on Lumen+ on February 12.",
    ],
    6,
    "repeat",
    "trailer: restates the known streaming date and the Grumble voice role; the trailer still is not a new first look",
    image="https://cdn.mos.cms.futurecdn.net/juniper-trailer-grumble-badger-1200-80.jpg",
    image_title="Grumble in Juniper",
    image_credit="Lumen+",
)

rel(
    "cartoonbrew",
    "2026-09-18 16:40",
    "Hettie Ashgrove Returns To Juniper With A Picture-Book Sequel",
    "<em>Juniper and the Long Winter</em> will be published by Larkspur Books on October 13.",
    [
        "Hettie Ashgrove’s <em>Juniper and the Long Winter</em>, the first sequel to her 2014 picture book, will be published by Larkspur Books on October 13.",
        "The original book is the basis of Bramblewood Animation’s <em>Juniper</em>, which Lumen+ premieres in February.",
    ],
    6,
    "confuser",
    "the book sequel's publication date (Oct. 13) near the film's names; 'in February' only restates the known month",
)

rel(
    "polygon",
    "2026-09-19 13:00",
    "Juniper, the cozy witch game, finally launches Oct. 9",
    "Foxglove Games’ farming sim is out on Switch, PS5 and PC next month.",
    [
        "After two delays, Foxglove Games’ <em>Juniper</em> launches Oct. 9 on Switch, PS5 and PC.",
        "A physical edition follows in December.",
    ],
    6,
    "confuser",
    "the video game's launch date (no film context)",
)

# ================================================================== step 7: the studio's other film opens on the old date

rel(
    "animag",
    "2026-11-23 18:30",
    "Box Office: Bramblewood’s ‘Paper Lanterns’ Lights Up Thanksgiving Frame With $41M",
    "<em>Paper Lanterns</em> opened to an estimated $41 million from 3,910 theaters.",
    [
        "Bramblewood Animation’s <em>Paper Lanterns</em> opened to an estimated $41 million from 3,910 theaters over the weekend.",
        "The film opened Friday, Nov. 20, the date Lumen Pictures originally set for <em>Juniper</em> before sending that film to Lumen+ for February.",
        "It is the best opening for an original animated film this year.",
    ],
    7,
    "confuser",
    "box office of the studio's other film on Juniper's original date (Nov. 20): not Juniper's date",
)

rel(
    "gnews",
    "2026-11-20 15:00",
    "Lumen+ sets winter slate: ‘Juniper’ on Feb. 12, ‘Snowbound Sam 2’ on Dec. 18",
    "",
    [],
    7,
    "repeat",
    "aggregator headline: restates Feb. 12; another title's date",
    source="TheWrap",
    source_url="https://www.thewrap.com/lumen-plus-winter-slate-juniper-snowbound-sam-2/",
)

rel(
    "gamesradar",
    "2026-11-22 10:00",
    "Juniper review: a cozy witch sim with roots",
    "Foxglove's farming game is worth the wait.",
    [
        "Foxglove Games' <i>Juniper</i> is worth the wait, even if the winter season drags.",
        "Verdict: 4 stars. Out now on Switch, PS5 and PC.",
    ],
    7,
    "confuser",
    "the video game's review",
)


# ================================================================== filler

BANNED = [
    "juniper",
    "bramblewood",
    "lumen",
    "maddox",
    "grumble",
    "hedgehog",
    "ashgrove",
    "foxglove",
    "paper lanterns",
]

ANIM_TITLES = [
    "Otter Season",
    "The Kite Thieves",
    "Mossback",
    "Pip and the Moon",
    "The Clockwork Fox",
    "Sunday Dragons",
    "Little Lighthouse",
    "Cardboard Kings",
    "The Snail Express",
    "Bellwether",
]
ANIM_STUDIOS = [
    "Cartoon Saloon",
    "Aardman",
    "Laika",
    "Illumination",
    "DreamWorks Animation",
    "Sony Pictures Animation",
    "Studio Ponoc",
    "Skydance Animation",
]


def anim_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    f, p, st = r.choice(ANIM_TITLES), fill.person(), r.choice(ANIM_STUDIOS)
    kind = r.randrange(6)
    if kind == 0:
        return (
            f"{st} Greenlights ‘{f}’ From Director {p}",
            f"{st} has greenlit the animated feature ‘{f}’, directed by {p}.",
            [
                f"{st} has greenlit the animated feature ‘{f}’, directed by {p}.",
                "The studio describes it as a road movie for the whole family.",
            ],
            "Feature Film",
            True,
        )
    if kind == 1:
        return (
            f"Annecy Sets {r.choice(['Mifa', 'Work-In-Progress', 'Short Film'])} Lineup",
            "The festival has announced its selections.",
            [
                f"The selection includes ‘{f}’ from {st} and a new short by {p}.",
                "The festival takes place in June.",
            ],
            "Festivals",
            False,
        )
    if kind == 2:
        return (
            f"‘{f}’ Trailer: {st}’s Stop-Motion Caper Gets A First Teaser",
            f"{st} has released a teaser for ‘{f}’.",
            [f"{st} has released a teaser for ‘{f}’, directed by {p}.", "It runs 48 seconds."],
            "Trailers",
            True,
        )
    if kind == 3:
        return (
            f"{p} Named Head Of Story At {st}",
            f"{p} will oversee story development across the studio’s slate.",
            [
                f"{p} will oversee story development across the studio’s slate.",
                f"{p} previously worked in {r.choice(CITIES)}.",
            ],
            "People",
            False,
        )
    if kind == 4:
        return (
            f"Animation Guild Reaches Tentative Deal With {st}",
            "The agreement covers pay and remote work.",
            ["The agreement covers pay and remote work.", "Members vote next month."],
            "Industry",
            False,
        )
    return fill.trade(2026)


def games_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    g = r.choice(
        [
            "Starfall Tactics",
            "Hollowknot",
            "Rust Garden",
            "Neon Drift 3",
            "Crown of Embers",
            "Tiny Harbor",
            "Deep Signal",
            "Kingsroad",
        ]
    )
    kind = r.randrange(5)
    if kind == 0:
        return (
            f"{g} gets a release date and a new trailer",
            f"{g} is out {r.choice(['May', 'June', 'August', 'October'])} {r.randint(1, 28)}.",
            [
                f"{g} is out {r.choice(['May', 'June', 'August', 'October'])} {r.randint(1, 28)}.",
                "Preorders are open.",
            ],
            "Games",
            True,
        )
    if kind == 1:
        return (
            f"{g} review: {r.choice(['a triumph', 'a slog', 'clever but thin', 'the best of the year'])}",
            "Our verdict.",
            ["Our verdict, after 30 hours.", f"{r.randint(2, 5)} stars."],
            "Reviews",
            True,
        )
    if kind == 2:
        return (
            f"The best {r.choice(['Switch', 'PS5', 'Xbox', 'PC'])} deals this week",
            "Discounts worth your time.",
            ["Discounts worth your time.", "Prices checked daily."],
            "Deals",
            False,
        )
    if kind == 3:
        return (
            f"{g} patch {r.randint(1, 4)}.{r.randint(0, 9)} notes",
            "Balance changes and fixes.",
            ["Balance changes and fixes.", "The patch is live now."],
            "Games",
            False,
        )
    return fill.trade(2026)


def gnews_filler() -> None:
    counts = [15, 3, 3, 4, 4, 3, 4, 4]
    for k, count in enumerate(counts):
        end = b.steps[k]["time"] - dt.timedelta(minutes=25)
        start = b.steps[k - 1]["time"] if k else b.steps[0]["time"] - dt.timedelta(days=7)
        span = int((end - start).total_seconds())
        for _ in range(count):
            t = start + dt.timedelta(seconds=b.rng.randint(60, span))
            r = b.rng
            options = [
                (
                    f"Juniper Networks shares rise {r.randint(1, 9)}% after HPE integration update",
                    "Reuters",
                ),
                ("Juniper Okafor sets national record in 400m hurdles", "Athletics Weekly"),
                (
                    f"Gin makers warn of juniper berry shortage after dry summer in {r.choice(['Tuscany', 'Macedonia', 'Albania'])}",
                    "The Spirits Business",
                ),
                ("How to keep your juniper bonsai alive indoors", "Gardeners’ World"),
                ("Juniper Networks patches critical flaw in Junos OS", "BleepingComputer"),
                (
                    "‘Juniper’ author visits Maple Grove library for story hour",
                    "Maple Grove Gazette",
                ),
                ("Juniper is the most popular baby name in Vermont this year", "Nameberry"),
                ("Juniper wildfire 40% contained near Bend", "KTVZ"),
                ("Juniper Bar to open second location downtown", "Eater"),
            ]
            title, src = r.choice(options)
            url = f"https://www.{slugify(src).replace('-', '')}.com/{t:%Y/%m/%d}/{slugify(title)}-{r.randint(1000, 9999)}/"
            b.add(Item("gnews", t, [(0, Version(title, "", []))], link=gnews_link(url), source=src))


add_filler(
    b,
    "cartoonbrew",
    [15, 4, 4, 5, 5, 5, 4, 5],
    styles_extra.clean_filler(anim_make, BANNED),
    cartoonbrew_link,
    lambda link, e: e["guid"],
    AUTHORS["cartoonbrew"],
)
add_filler(
    b,
    "animag",
    [16, 5, 5, 6, 5, 6, 5, 6],
    styles_extra.clean_filler(anim_make, BANNED),
    animag_link,
    lambda link, e: e["guid"],
    AUTHORS["animag"],
)
add_filler(
    b,
    "polygon",
    [12, 4, 4, 4, 4, 4, 4, 4],
    styles_extra.clean_filler(games_make, BANNED),
    polygon_link,
    lambda link, e: e["guid"],
    AUTHORS["polygon"],
)
add_filler(
    b,
    "gamesradar",
    [15, 5, 5, 5, 4, 5, 5, 5],
    styles_extra.clean_filler(games_make, BANNED),
    gamesradar_link,
    lambda link, e: e["guid"],
    AUTHORS["gamesradar"],
)
gnews_filler()


def state(date: str, voice: bool, look: bool) -> dict[str, dict[str, Any]]:
    return {
        "release-date": {"status": "answered", "answer": date},
        "grumble-voice": (
            {"status": "answered", "answer": "Oren Maddox", "answer_contains": "Oren Maddox"}
            if voice
            else {"status": "open", "answer": None}
        ),
        "first-look": {"status": "answered", "answer": FIRST_LOOK}
        if look
        else {"status": "open", "answer": None},
    }


FIRST_LOOK = (
    "https://www.cartoonbrew.com/app/uploads/2026/03/juniper-first-look-meadow-1280x600.jpg"
)

b.build(
    meta={
        "name": "juniper",
        "description": (
            "Synthetic feed snapshots about Juniper, an invented CG-animated family film (Bramblewood Animation, "
            "distributor Lumen Pictures and its streaming service Lumen+, directors Teodor Vasko and Mina Solberg, voice "
            "cast Tali Brooks, Oren Maddox, Delphine Roux) adapted from Hettie Ashgrove's 2014 picture book. The title is "
            "also a first name, a shrub/gin botanical, a network-equipment company (Juniper Networks) and a same-name "
            "cozy video game from Foxglove Games; all appear. Every article, person, company and date is invented. "
            "RELEASE-DATE RULE: the answer is the date the film first becomes available to US audiences: its first US "
            "theatrical date, or, once the US theatrical release is cancelled, its US streaming premiere. It moves twice: "
            "Nov. 20, 2026 (announced as 'the Friday before Thanksgiving' with the concrete date alongside) -> March 5, "
            "2027 (theatrical push) -> Feb. 12, 2027 (theatrical release cancelled, premiere on Lumen+). UK and Australian "
            "cinema dates, the Annecy presentation, the book sequel's publication, the game's launch and the studio's "
            "other film Paper Lanterns (which took the vacated Nov. 20 date) are not release dates. A hedged report "
            "('said to weigh', 'sources say', 'in talks') is not an answer. grumble-voice asks WHO voices the badger "
            "Grumble (about: the character); the answer is the actor's name, Oren Maddox. first-look: the first official "
            "image from the film; a later trailer still is not a new answer, nor is an image of the game or the book."
        ),
        "subject": "juniper",
        "questions": ["release-date", "grumble-voice", "first-look"],
    },
    events={
        0: {"release-date": "2026-11-20"},
        1: {"grumble-voice": "Oren Maddox"},
        2: {"first-look": FIRST_LOOK},
        3: {"release-date": "2027-03-05"},
        5: {"release-date": "2027-02-12"},
    },
    state=[
        state("2026-11-20", False, False),
        state("2026-11-20", True, False),
        state("2026-11-20", True, True),
        state("2027-03-05", True, True),
        state("2027-03-05", True, True),
        state("2027-02-12", True, True),
        state("2027-02-12", True, True),
        state("2027-02-12", True, True),
    ],
)
print(f"wrote {OUT}")

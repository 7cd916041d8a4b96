# ruff: noqa: E501
"""Build tests/data/timelines/ballerina-variant: the shipped Ballerina subject, other outlets and
wordings. Its config base is the project's own feeds.yaml.

    python3 tests/data/timelines/_build/build_ballerina_variant.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import (
    MONTHS,
    Builder,
    Feed,
    Filler,
    Item,
    T,
    Version,
    add_filler,
    bing_link,
    slugify,
)

OUT = Path(__file__).resolve().parent.parent / "ballerina-variant"

b = Builder(OUT, seed=6625)
fill = Filler(b.rng)

for t in [
    "2024-05-20 12:00",
    "2024-05-27 12:00",
    "2024-06-03 12:00",
    "2024-06-10 12:00",
    "2024-06-17 12:00",
    "2024-06-24 12:00",
    "2024-07-01 12:00",
    "2024-07-08 12:00",
]:
    b.step(t)
b.steps[2]["status"] = {"thewrap": 500}

b.feed(
    Feed(
        "empire",
        "empire",
        "Empire | Movie News",
        "https://www.empireonline.com/movies/news/rss/",
        12,
        "https://www.empireonline.com/movies/news/",
        extra={
            "description": "The latest movie news from Empire, the world's biggest movie magazine."
        },
    )
)
b.feed(
    Feed(
        "slashfilm",
        "wp",
        "/Film",
        "https://www.slashfilm.com/feed/",
        15,
        "https://www.slashfilm.com",
        extra={"description": "Blogging the Reel World", "offset": -4},
    )
)
b.feed(
    Feed(
        "totalfilm",
        "future",
        "Total Film",
        "https://www.gamesradar.com/uk/feeds.xml?section=total-film",
        14,
        "https://www.gamesradar.com/uk/total-film/",
        extra={"description": "Movie news, reviews and features from Total Film"},
    )
)
b.feed(
    Feed(
        "thewrap",
        "wp",
        "TheWrap",
        "https://www.thewrap.com/feed/",
        16,
        "https://www.thewrap.com",
        extra={"description": "Hollywood and entertainment news", "offset": -7, "wp": "6.5.4"},
    )
)
b.feed(
    Feed(
        "bing",
        "bing",
        "Ballerina - BingNews",
        "https://www.bing.com/news/search?q=Ballerina&format=rss",
        12,
        "https://www.bing.com/news",
        extra={"query": "Ballerina"},
    )
)
b.feed(
    Feed(
        "secondunit",
        "atom_html",
        "Second Unit",
        "https://buttondown.com/secondunit/rss",
        10,
        "https://buttondown.com/secondunit",
        fmt="atom",
        extra={
            "subtitle": "A weekly letter about release dates, schedules and the films in between."
        },
    )
)


# ------------------------------------------------------------------ links per outlet


def h(*parts: Any) -> int:
    return int(hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def empire_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title)
    section = "reviews" if title.endswith("Review") else "news"
    return (
        f"https://www.empireonline.com/movies/{section}/{slug}/",
        {
            "image": f"https://images.bauerhosting.com/empire/{t:%Y/%m}/{slug[:40]}.jpg?ar=16%3A9&fit=crop&crop=top&auto=format&w=1440&q=80"
        },
    )


def slashfilm_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title)
    n = 1560000 + h(t, title) % 90000
    return (
        f"https://www.slashfilm.com/{n}/{slug}/",
        {
            "guid": f"https://www.slashfilm.com/{n}/{slug}/?p={n}",
            "image": f"https://www.slashfilm.com/img/gallery/{slug[:50]}/l-intro-{int(t.timestamp())}.jpg",
        },
    )


def totalfilm_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 80)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    n = int(hashlib.sha1(f"{title}|{t}".encode()).hexdigest(), 16)
    guid = ""
    while len(guid) < 22:
        n, d = divmod(n, 62)
        guid += alphabet[d]
    section = (
        "entertainment/action-movies" if "wick" in slug or "ballerina" in slug else "entertainment"
    )
    return (
        f"https://www.gamesradar.com/{section}/{slug}/",
        {"guid": guid, "image": f"https://cdn.mos.cms.futurecdn.net/{guid[:18]}-1200-80.jpg"},
    )


def thewrap_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title)
    n = 7500000 + h(t, title) % 400000
    return (
        f"https://www.thewrap.com/{slug}/",
        {
            "guid": f"https://www.thewrap.com/?p={n}",
            "image": f"https://i0.wp.com/www.thewrap.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg?fit=1200%2C675&ssl=1",
        },
    )


def secondunit_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    link = f"https://buttondown.com/secondunit/archive/{slugify(title)}/"
    return link, {"guid": link}


def bing_of(url: str, t: dt.datetime) -> str:
    tid = hashlib.md5(url.encode()).hexdigest().upper()
    return bing_link(url, tid, 1000000000000000000 + h(url, t) * 1000003 % 8999999999999999999)


LINKS = {
    "empire": empire_link,
    "slashfilm": slashfilm_link,
    "totalfilm": totalfilm_link,
    "thewrap": thewrap_link,
    "secondunit": secondunit_link,
}
AUTHORS = {
    "empire": ["Harriet Blaine", "Callum Redfern", "Ottilie Marsh", "Jez Okoro"],
    "slashfilm": ["Ethan Vandermeer", "Rosa Quintero", "Devon Hartigan", "Mira Solberg"],
    "totalfilm": ["Fenella Crane", "Rhys Abernathy", "Josie Lamberti", "Kit Sandoval"],
    "thewrap": ["Dalton Reyes", "Vanessa Thorne", "Isaac Mbatha", "Lorna Kessler"],
    "secondunit": ["Marguerite Oyelaran"],
}
CATS = {
    "empire": [],
    "slashfilm": ["Movies"],
    "totalfilm": ["Movies"],
    "thewrap": ["Movies", "News"],
    "secondunit": [],
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
    guid: bool = True,
    pubdate: bool = True,
    source: str = "",
    source_url: str = "",
    updates: list[tuple[int, str, Version, str, str, str | None]] | None = None,
) -> Item:
    t = T(when)
    if feed == "bing":
        link, extra = bing_of(source_url, t), {}
    else:
        link, extra = LINKS[feed](t, title)
    versions = [(0, Version(title, summary, paras, image, image_title, image_credit))]
    notes = [{"step": step, "kind": kind, "note": note, "question": question}]
    for ustep, umod, v, ukind, unote, uq in updates or []:
        v.modified = T(umod)
        versions.append((ustep, v))
        notes.append({"step": ustep, "kind": ukind, "note": unote, "question": uq})
    g: str | None = extra.get("guid", "") if guid else None
    item = Item(
        feed,
        t,
        versions,
        link=link,
        guid=g,
        pubdate=pubdate,
        author=b.rng.choice(AUTHORS.get(feed, ["Staff"])),
        categories=CATS.get(feed, []),
        source=source,
        notes=notes,
    )
    return b.add(item)


# ================================================================== step 0: baseline, a season

rel(
    "empire",
    "2024-05-16 14:30",
    "Ballerina Will Pirouette Into Cinemas In Summer 2025",
    "From The World Of John Wick: Ballerina, the Ana de Armas-led spin-off, has been moved off its June 7, 2024 date and will now arrive in summer 2025, Lionsgate has confirmed, giving Chad Stahelski time to oversee additional action sequences.",
    [],
    0,
    "event",
    "baseline: season precision (summer 2025); the abandoned June 7, 2024 date in the same sentence",
    question="release-date",
    image="https://images.bauerhosting.com/empire/2024/05/ballerina-ana-de-armas-set.jpg?ar=16%3A9&fit=crop&crop=top&auto=format&w=1440&q=80",
)

rel(
    "secondunit",
    "2024-05-17 08:00",
    "The summer that wasn't",
    "Ballerina leaves 2024; two openings nobody screened.",
    [
        "<h3>Moves</h3>",
        "Ballerina, the Ana de Armas John Wick spin-off, is no longer a June 2024 movie: Lionsgate now says summer 2025, with no day attached.",
        "<h3>Openings</h3>",
        "‘The Velvet Harbor’ (May 17) and ‘Midnight Orchard’ (May 24) both open wide; neither screened for critics.",
    ],
    0,
    "event",
    "baseline: newsletter roundup; the season in one paragraph, other films' dates in another",
    question="release-date",
)

rel(
    "thewrap",
    "2024-05-19 18:45",
    "‘Ballerina’ Adds Sabine Okafor as a Ruska Roma Assassin",
    "Sabine Okafor has joined Ana de Armas in Lionsgate’s John Wick spinoff ‘Ballerina.’",
    [
        "Sabine Okafor has joined Ana de Armas in Lionsgate’s John Wick spinoff ‘Ballerina.’",
        "Okafor plays a fellow student of the Ruska Roma academy. Len Wiseman directed the film from a script by Shay Hatten.",
    ],
    0,
    "neutral",
    "minor casting: mentions the film, answers nothing",
)

# ================================================================== step 1: a day date, three wordings

rel(
    "slashfilm",
    "2024-05-22 18:10",
    "Ballerina Finally Has A Release Date: 6/6/25",
    "Lionsgate has dated From the World of John Wick: Ballerina for 6/6/25, narrowing the summer 2025 window it announced last week.",
    [
        "Lionsgate has dated From the World of John Wick: Ballerina for 6/6/25, narrowing the summer 2025 window it announced last week.",
        "Ana de Armas stars as Eve Macarro, a ballerina-turned-assassin trained by the Ruska Roma, with Anjelica Huston and Ian McShane returning from the John Wick films.",
        "Len Wiseman directed the spin-off, which is set between the events of Chapter 3 and Chapter 4.",
    ],
    1,
    "event",
    "refinement summer 2025 -> 6/6/25 (numeric date)",
    question="release-date",
    image="https://www.slashfilm.com/img/gallery/ballerina-finally-has-a-release-date/l-intro-1716401400.jpg",
    image_title="Ana de Armas at the CinemaCon Lionsgate panel",
    image_credit="Getty Images",
)

rel(
    "totalfilm",
    "2024-05-23 10:00",
    "John Wick spin-off Ballerina lands a release date: the 6th of June 2025",
    "Ana de Armas' Ballerina, set in the world of John Wick, will now hit cinemas on the 6th of June 2025, Lionsgate has announced.",
    [
        "<p>Ana de Armas' Ballerina, set in the world of John Wick, will now hit cinemas on the 6th of June 2025, Lionsgate has announced.</p>",
        "<p>The spin-off was originally set for June 7, 2024.</p>",
    ],
    1,
    "event",
    "same news, 'the 6th of June 2025' wording; the old 2024 date repeated",
    question="release-date",
)

rel(
    "bing",
    "2024-05-24 16:00",
    "Korean ‘Ballerina’ star boards Netflix thriller ‘Night Swim’, filming from June 17",
    "Jeon Jong-seo, who led the 2023 Netflix revenge film Ballerina (often described as a Korean answer to John Wick), will star in Night Swim, which begins filming in Busan on June 17.",
    [],
    1,
    "confuser",
    "the 2023 Korean Netflix film of the same title, with 'John Wick' nearby and a filming date",
    source="Soompi",
    source_url="https://www.soompi.com/article/1651234wpp/korean-ballerina-star-boards-netflix-thriller-night-swim",
)

rel(
    "bing",
    "2024-05-25 13:00",
    "Ana de Armas' John Wick spinoff Ballerina dated for June 6, 2025",
    "The John Wick spinoff Ballerina, starring Ana de Armas, now has an exact release date: June 6, 2025, Lionsgate said.",
    [],
    1,
    "event",
    "same news, aggregator",
    question="release-date",
    source="Collider",
    source_url="https://collider.com/ballerina-john-wick-spinoff-release-date-june-2025/",
)

# ================================================================== step 2: repeats and confusers (TheWrap down)

rel(
    "empire",
    "2024-05-28 11:00",
    "Ballerina Gets A June 6th Release Date",
    "Lionsgate's John Wick spin-off Ballerina will open on June 6th next year, confirming Ana de Armas' assassin as a summer 2025 attraction.",
    [],
    2,
    "repeat",
    "repeat: 'June 6th next year' (year implied)",
)

rel(
    "slashfilm",
    "2024-05-29 20:00",
    "The Continental Is Coming To Prime Video Outside The US On June 21",
    "The John Wick prequel series The Continental, which premiered on Peacock on Sept. 22, 2023, will stream on Prime Video outside the US from June 21.",
    [
        "The John Wick prequel series The Continental, which premiered on Peacock on Sept. 22, 2023, will stream on Prime Video outside the US from June 21.",
        "Mel Gibson co-stars as Cormac, the Continental's ruthless manager.",
        "The next stop in the John Wick universe is the Ana de Armas spin-off Ballerina, due 6/6/25.",
    ],
    2,
    "confuser",
    "The Continental's premiere and streaming dates; restates Ballerina's known date",
    image="https://www.slashfilm.com/img/gallery/the-continental-prime-video-june-21/l-intro-1717012800.jpg",
    image_title="The Continental",
    image_credit="Peacock",
)

rel(
    "secondunit",
    "2024-05-31 09:00",
    "Locked dates",
    "Ballerina gets a day; Wick's calendar fills up.",
    [
        "<h3>Locked</h3>",
        "Ballerina is locked for 6 June 2025, so the summer 2025 window became a Friday.",
        "<h3>Elsewhere</h3>",
        "‘Glass Frontier’ moves from Aug. 9 to Sept. 27; ‘The Paper Lantern’ opens July 12.",
    ],
    2,
    "repeat",
    "repeat inside a roundup with other films' date changes",
)

rel(
    "bing",
    "2024-05-30 07:30",
    "Pacific Crest Ballet's prima ballerina Aiko Varga to retire after June 6 gala",
    "Varga, the company's prima ballerina since 2015, will dance her final Giselle at the June 6 season-closing gala in Seattle.",
    [],
    2,
    "confuser",
    "'ballerina' as a common word, with a date equal to the film's day",
    source="The Seattle Times",
    source_url="https://www.seattletimes.com/entertainment/pacific-crest-ballet-prima-ballerina-aiko-varga-retire/",
)

rel(
    "bing",
    "2024-06-01 10:20",
    "Ana de Armas just made ballerina flats the shoe of the summer",
    "Spotted in New York on May 30, the Ballerina star paired black ballerina flats with a trench coat and oversized sunglasses.",
    [],
    2,
    "confuser",
    "a shoe story: Ana de Armas and the film's name nearby, with a date",
    source="Who What Wear",
    source_url="https://www.whowhatwear.com/fashion/shoes/ana-de-armas-ballerina-flats",
)

rel(
    "totalfilm",
    "2024-06-01 15:00",
    "Keanu Reeves cast as a burned-out astronaut in sci-fi drama Low Orbit",
    "Keanu Reeves will play a retired astronaut in Low Orbit, which is due March 13, 2026. He will next be seen in the John Wick spin-off Ballerina, although Lionsgate has not said what part he plays.",
    [
        "<p>Keanu Reeves will play a retired astronaut in Low Orbit, which is due March 13, 2026.</p>",
        "<p>He will next be seen in the John Wick spin-off Ballerina, although Lionsgate has not said what part he plays.</p>",
    ],
    2,
    "confuser",
    "Reeves' role in another film with its date; says his Ballerina part is unknown",
)

# ================================================================== step 3: Reeves' role

rel(
    "thewrap",
    "2024-06-02 17:00",
    "Keanu Reeves Will Reprise His Role as John Wick in ‘Ballerina’",
    "Keanu Reeves reprises his role as John Wick in Lionsgate’s ‘Ballerina,’ director Len Wiseman confirmed, setting up a face-off with Ana de Armas’ Eve.",
    [
        "Keanu Reeves reprises his role as John Wick in Lionsgate’s ‘Ballerina,’ director Len Wiseman confirmed, setting up a face-off with Ana de Armas’ Eve.",
        "“He’s not just a cameo, he’s part of her story,” Wiseman told TheWrap.",
        "‘Ballerina’ opens June 6, 2025.",
    ],
    3,
    "event",
    "first report of the role, published while this feed answered 500: first observable at step 3",
    question="reeves-role",
    image="https://i0.wp.com/www.thewrap.com/wp-content/uploads/2024/06/keanu-reeves-john-wick-4.jpg?fit=1200%2C675&ssl=1",
    image_title="Keanu Reeves in ‘John Wick: Chapter 4’",
    image_credit="Lionsgate",
)

rel(
    "bing",
    "2024-06-05 14:00",
    "Keanu Reeves cameo as John Wick confirmed for Ballerina",
    "Keanu Reeves appears in a cameo as John Wick in the Ana de Armas-led spinoff Ballerina, which opens June 6, 2025.",
    [],
    3,
    "event",
    "same news, 'cameo as' wording",
    question="reeves-role",
    source="Screen Rant",
    source_url="https://screenrant.com/ballerina-keanu-reeves-john-wick-cameo-confirmed/",
)

rel(
    "totalfilm",
    "2024-06-08 09:30",
    "Ana de Armas says Ballerina's training was \"the hardest thing I've ever done\"",
    "Ana de Armas trained for five months with the John Wick stunt team for Ballerina, she told Total Film.",
    [
        "<p>Ana de Armas trained for five months with the John Wick stunt team for Ballerina, she told Total Film.</p>",
        '<p>"Every fight is a dance, and I had to learn both," she said.</p>',
    ],
    3,
    "neutral",
    "interview: mentions the film, answers nothing",
)

# ================================================================== step 4: repeats, hedge, teaser, confuser

rel(
    "empire",
    "2024-06-11 09:30",
    "Keanu Reeves Returns As The Baba Yaga In Ballerina",
    "The Baba Yaga is back: Keanu Reeves will turn up in Ana de Armas' John Wick spin-off Ballerina, Lionsgate has confirmed.",
    [],
    4,
    "repeat",
    "repeat of the role by nickname ('the Baba Yaga')",
)

rel(
    "slashfilm",
    "2024-06-12 16:00",
    "Keanu Reeves' Ballerina Cameo Is Bigger Than You Think",
    "Keanu Reeves reprises his role as John Wick in Ballerina, and Len Wiseman says it's more than a cameo.",
    [
        "Keanu Reeves reprises his role as John Wick in Ballerina, and Len Wiseman says it's more than a cameo.",
        "The director says Wick's scenes with Ana de Armas' Eve were shot over two weeks in Prague.",
    ],
    4,
    "repeat",
    "repeat of the role",
)

rel(
    "totalfilm",
    "2024-06-13 12:00",
    "Ballerina could move again – Lionsgate reportedly eyeing a June 27, 2025 release",
    "Lionsgate is reportedly considering moving Ballerina to June 27, 2025, according to insiders, to avoid a crowded early-June corridor. Nothing is confirmed: for now, the John Wick spin-off remains dated for June 6, 2025.",
    [
        "<p>Lionsgate is reportedly considering moving Ballerina to June 27, 2025, according to insiders, to avoid a crowded early-June corridor.</p>",
        "<p>Nothing is confirmed: for now, the John Wick spin-off remains dated for June 6, 2025.</p>",
    ],
    4,
    "hedge",
    "rumor of a move with a date ('reportedly', 'could'): must not change the answer nor notify",
)

rel(
    "slashfilm",
    "2024-06-14 18:00",
    "Ballerina's First Images Arrive Monday, Lionsgate Teases",
    "Lionsgate will unveil the first official images from From the World of John Wick: Ballerina on Monday, June 17, the studio teased.",
    [
        "Lionsgate will unveil the first official images from From the World of John Wick: Ballerina on Monday, June 17, the studio teased.",
        "The teaser post shows only a pair of pointe shoes on a blood-red floor.",
    ],
    4,
    "neutral",
    "announces when the first images will come; none yet",
    updates=[
        (
            5,
            "2024-06-17 14:05",
            Version(
                "Ballerina First Look: Ana de Armas Reloads In The John Wick Spin-Off",
                "UPDATED: Lionsgate has released the first official images from From the World of John Wick: Ballerina, with Ana de Armas as Eve Macarro in the snow.",
                [
                    "UPDATED: Lionsgate has released the first official images from From the World of John Wick: Ballerina, with Ana de Armas as Eve Macarro in the snow.",
                    "One still shows Eve reloading behind an overturned car; another has her facing a line of Ruska Roma dancers.",
                    "Ballerina opens June 6, 2025.",
                ],
                image="https://www.slashfilm.com/img/gallery/ballerina-first-look-ana-de-armas-reloads/l-intro-1718633100.jpg",
                image_title="Ana de Armas as Eve Macarro in Ballerina",
                image_credit="Lionsgate",
            ),
            "event",
            "the same item (same guid) updated in place: now carries the first official image",
            "first-look",
        )
    ],
)

rel(
    "bing",
    "2024-06-15 15:00",
    "First look at Ana de Armas in 'The Night Garden' ahead of Venice premiere",
    "Ana de Armas plays a reclusive botanist in The Night Garden, which premieres at Venice on Aug. 30. She next appears in the John Wick spinoff Ballerina.",
    [],
    4,
    "confuser",
    "a first-look image of Ana de Armas in another film, with that film's date",
    image="https://www.bing.com/th?id=OVFT.night-garden-ana-de-armas&pid=News",
    source="IndieWire",
    source_url="https://www.indiewire.com/news/first-looks/ana-de-armas-the-night-garden-first-look-venice/",
)

# ================================================================== step 5: first look

rel(
    "empire",
    "2024-06-17 15:00",
    "Ballerina: First Look At Ana de Armas As Eve Macarro – Exclusive Image",
    "Here's your first look at Ana de Armas in From The World Of John Wick: Ballerina. The exclusive image shows Eve, bloodied and armed, in the Ruska Roma's theatre.",
    [],
    5,
    "event",
    "same news, same step; image as an RSS enclosure",
    question="first-look",
    image="https://images.bauerhosting.com/empire/2024/06/ballerina-first-look-exclusive.jpg?ar=16%3A9&fit=crop&crop=top&auto=format&w=1440&q=80",
)

rel(
    "bing",
    "2024-06-19 11:00",
    "Keanu Reeves back as John Wick in Ballerina, says Len Wiseman",
    "Director Len Wiseman says Keanu Reeves' John Wick has real screen time in Ballerina, the Ana de Armas spinoff opening June 6, 2025.",
    [],
    5,
    "repeat",
    "late repeat of the role and the known date",
    source="Polygon",
    source_url="https://www.polygon.com/movies/ballerina-keanu-reeves-john-wick-len-wiseman",
)

# ================================================================== step 6: pushed back a week

rel(
    "totalfilm",
    "2024-06-26 11:00",
    "Ballerina pushed back a week – the John Wick spin-off now opens on the 13th of June 2025",
    "Lionsgate has pushed Ballerina back a week from its 6/6/25 slot: Ana de Armas' John Wick spin-off now opens on the 13th of June 2025.",
    [
        "<p>Lionsgate has pushed Ballerina back a week from its 6/6/25 slot: Ana de Armas' John Wick spin-off now opens on the 13th of June 2025.</p>",
        "<p>The studio gave no reason for the shift.</p>",
    ],
    6,
    "event",
    "date change: 'pushed back a week', 'now opens', old date in numeric form",
    question="release-date",
)

rel(
    "bing",
    "2024-06-27 17:00",
    "Ballerina now opens June 13, 2025 after Lionsgate date change",
    "Lionsgate has shifted the John Wick spinoff Ballerina by one week; the Ana de Armas film now opens June 13, 2025.",
    [],
    6,
    "event",
    "same news, aggregator",
    question="release-date",
    source="Deadline",
    source_url="https://deadline.com/2024/06/ballerina-release-date-change-june-13-1235981234/",
)

rel(
    "thewrap",
    "2024-06-28 19:00",
    "Lionsgate Delays ‘Ballerina’ One Week to June 13",
    "Lionsgate has pushed ‘From the World of John Wick: Ballerina’ back a week, from June 6 to June 13, 2025.",
    [
        "Lionsgate has pushed ‘From the World of John Wick: Ballerina’ back a week, from June 6 to June 13, 2025.",
        "The studio did not give a reason. Ana de Armas stars, with Keanu Reeves as John Wick.",
    ],
    6,
    "event",
    "same news, same step; this item has no pubDate",
    question="release-date",
    pubdate=False,
)

rel(
    "secondunit",
    "2024-06-28 08:00",
    "Eve in the snow",
    "The first Ballerina images, and a week of trailers.",
    [
        "<h3>Looked at</h3>",
        "Lionsgate put out the first images of Ana de Armas in Ballerina last week. Snow, a pistol, a torn tutu: it is a John Wick film.",
        "<h3>Trailers</h3>",
        "‘The Iron Weather’ and ‘Hollow Kingdom’ both dropped trailers; the latter opens Oct. 4.",
    ],
    6,
    "repeat",
    "repeat of the first look, with the image; other films' dates in another paragraph",
    image="https://buttondown.com/secondunit/images/ballerina-first-look.jpg",
    image_title="Ana de Armas in Ballerina",
)

# ================================================================== step 7: repeats and confusers

rel(
    "empire",
    "2024-07-02 10:00",
    "Ballerina Moves Back A Week To June 13th",
    "Ana de Armas' John Wick spin-off Ballerina has shifted by a week: it will now open on June 13th 2025.",
    [],
    7,
    "repeat",
    "repeat of the new date",
)

rel(
    "slashfilm",
    "2024-07-03 13:00",
    "Why Ballerina's New Release Date Is Good News For John Wick Fans",
    "Ballerina now opens June 13, 2025, one week after its original 6/6/25 date, and that is no bad thing.",
    [
        "Ballerina now opens June 13, 2025, one week after its original 6/6/25 date, and that is no bad thing.",
        "The move keeps Ana de Armas' John Wick spin-off clear of a crowded opening weekend.",
    ],
    7,
    "repeat",
    "repeat; this item has no guid (identity is its link)",
    guid=False,
    image="https://www.slashfilm.com/img/gallery/why-ballerinas-new-release-date-is-good-news/l-intro-1720011600.jpg",
    image_title="Ana de Armas in Ballerina",
    image_credit="Lionsgate",
)

rel(
    "thewrap",
    "2024-07-04 16:00",
    "Every ‘John Wick’ Movie and Show in Release Order, From 2014 to ‘Ballerina’",
    "With ‘Ballerina’ coming June 13, 2025, here is every entry in the John Wick franchise in release order.",
    [
        "With ‘Ballerina’ coming June 13, 2025, here is every entry in the John Wick franchise in release order.",
        "<ol><li>‘John Wick’ (Oct. 24, 2014)</li><li>‘John Wick: Chapter 2’ (Feb. 10, 2017)</li><li>‘John Wick: Chapter 3 – Parabellum’ (May 17, 2019)</li><li>‘John Wick: Chapter 4’ (March 24, 2023)</li><li>‘The Continental: From the World of John Wick’ (Sept. 22, 2023)</li><li>‘Ballerina’ (June 13, 2025)</li></ol>",
        "‘Ballerina’ is set between ‘Parabellum’ and ‘John Wick: Chapter 4,’ which opened March 24, 2023.",
    ],
    7,
    "confuser",
    "franchise list: Chapter 4's date in the list and in a sentence naming Ballerina; Ballerina's own entry repeats the known date",
)

rel(
    "totalfilm",
    "2024-07-05 14:00",
    "Keanu Reeves will reprise his role as John Constantine in Constantine 2, shooting in early 2025",
    "Keanu Reeves is back as occult detective John Constantine: Constantine 2 starts shooting in early 2025. Reeves can next be seen in Ballerina, the John Wick spin-off opening June 13, 2025.",
    [
        "<p>Keanu Reeves is back as occult detective John Constantine: Constantine 2 starts shooting in early 2025.</p>",
        "<p>Reeves can next be seen in Ballerina, the John Wick spin-off opening June 13, 2025.</p>",
    ],
    7,
    "confuser",
    "Reeves reprising a role in another film ('reprise his role'); Ballerina's known date repeated",
)

rel(
    "bing",
    "2024-07-06 09:00",
    "Ballerina release date moved: John Wick spinoff now June 13",
    "The Ana de Armas-led John Wick spinoff Ballerina has moved back one week to June 13, 2025.",
    [],
    7,
    "repeat",
    "repeat of the new date",
    source="Cinemablend",
    source_url="https://www.cinemablend.com/movies/ballerina-release-date-moved-june-13",
)


# ================================================================== filler


def empire_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    f, p = fill.film(), fill.person()
    kind = r.randrange(7)
    if kind == 0:
        s = f"{p}'s {r.choice(['elegant', 'ragged', 'ferocious', 'gentle'])} {r.choice(['thriller', 'drama', 'horror', 'comedy'])} {r.choice(['finds its feet late', 'never quite lands', 'is a small miracle'])}."
        return (f"{f} Review", s, [], "", True)
    if kind == 1:
        return (
            f"Empire Podcast #{r.randint(600, 640)}: {p}",
            f"{p} joins us to talk about {f}.",
            [],
            "",
            True,
        )
    if kind == 2:
        return (
            f"{f}: Exclusive First Look At {p}",
            f"Here's your first look at {p} in {f}, out later this year.",
            [],
            "",
            True,
        )
    if kind == 3:
        return (
            f"{f} Trailer: {p} Takes On {r.choice(['The Mob', 'A Storm', 'The Past', 'Her Double'])}",
            f"Watch the first trailer for {f}, in cinemas {r.choice(MONTHS)} {r.randint(1, 28)}.",
            [],
            "",
            True,
        )
    t, s, _, _, img = fill.trade(2024)
    return (
        t.replace("’", "'").replace("‘", "'"),
        s.replace("’", "'").replace("‘", "'"),
        [],
        "",
        img,
    )


def totalfilm_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    f, p = fill.film(), fill.person()
    kind = r.randrange(6)
    if kind == 0:
        d = f"{r.randint(1, 28)} {r.choice(['January', 'February', 'March', 'April', 'September', 'October', 'November'])} {r.choice([2024, 2025])}"
        s = f"{f}, starring {p}, has a UK release date: {d}."
        return (f"{f} release date confirmed as {d}", s, [f"<p>{s}</p>"], "Movies", True)
    if kind == 1:
        s = f"The first trailer for {f} is here, and {p} is on fine form."
        return (f"{f} trailer sees {p} on the run", s, [f"<p>{s}</p>"], "Movies", True)
    if kind == 2:
        g = r.choice(["horror", "sci-fi", "thriller", "action", "romcom"])
        s = f"From {f} to {fill.film()}, these are the best {g} movies of all time."
        n = r.randint(10, 50)
        return (
            f"The {n} best {g} movies of all time",
            s.replace("the best", f"the {n} best"),
            [f"<p>{s}</p>"],
            "Movies",
            True,
        )
    t, s, ps, _, img = fill.trade(2024)
    return (t, s, [f"<p>{x}</p>" for x in ps], "Movies", img)


def secondunit_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    f1, f2, f3 = fill.film(), fill.film(), fill.film()
    topic = r.choice(
        [
            "Quiet week",
            "Festival math",
            "The August pile-up",
            "Counterprogramming",
            "Long weekends",
            "Notes from the multiplex",
            "Dates, dates, dates",
            "Re-releases",
        ]
    )
    paras = [
        "<h3>Moves</h3>",
        f"‘{f1}’ moves from {r.choice(MONTHS)} {r.randint(1, 28)} to {r.choice(MONTHS)} {r.randint(1, 28)}; ‘{f2}’ holds.",
        "<h3>Openings</h3>",
        f"‘{f3}’ opens {r.choice(MONTHS)} {r.randint(1, 28)} in {r.randint(2, 4)},{r.randint(100, 999)} theaters.",
    ]
    return (f"{topic}: ‘{f1}’ and friends", f"‘{f1}’ moves, ‘{f3}’ opens.", paras, "", False)


BING_SOURCES = [
    "Dance Magazine Daily",
    "Pointe Weekly",
    "StyleBeat",
    "Metro Arts Review",
    "The Courier-Ledger",
    "Valley Gazette",
    "Lakeside Tribune",
]


def bing_filler() -> None:
    counts = [13, 3, 3, 3, 4, 3, 3, 4]
    companies = [
        "Granite State Ballet",
        "Lakeshore Ballet",
        "Midland City Ballet",
        "the Royal Northern Ballet",
        "Harbor City Ballet",
        "Cedar Valley Dance Theatre",
        "Pacific Crest Ballet",
    ]
    towns = [
        "Lakewood",
        "Cedar Rapids",
        "Ashford",
        "Portland",
        "Sacramento",
        "Boise",
        "Tulsa",
        "Madison",
    ]
    for k, count in enumerate(counts):
        end = b.steps[k]["time"] - dt.timedelta(minutes=25)
        start = b.steps[k - 1]["time"] if k else b.steps[0]["time"] - dt.timedelta(days=6)
        span = int((end - start).total_seconds())
        for _ in range(count):
            r = b.rng
            t = start + dt.timedelta(seconds=r.randint(60, span))
            name, co, town = fill.person(), r.choice(companies), r.choice(towns)
            title, desc = r.choice(
                [
                    (
                        f"Former ballerina {name} opens dance studio in {town}",
                        f"{name}, who danced with {co} for 12 years, now teaches children in {town}.",
                    ),
                    (
                        f"{co} promotes {name} to principal ballerina",
                        f"{name} will dance Odette/Odile in {co}'s fall 'Swan Lake'.",
                    ),
                    (
                        f"Music box ballerina collection goes on display at {town} museum",
                        "More than 300 music boxes, many with a spinning ballerina, are on loan from a private collector.",
                    ),
                    (
                        f"Teen ballerina from {town} wins summer scholarship to {co}",
                        "The 15-year-old was one of six students chosen from 400 applicants.",
                    ),
                    (
                        f"Injury sidelines ballerina {name}; {co} recasts 'Coppelia' lead",
                        f"{name} suffered an ankle injury in rehearsal, {co} said.",
                    ),
                    (
                        f"Documentary follows ballerina {name}'s return to the stage",
                        f"The film premieres at the {town} film festival next month.",
                    ),
                    (
                        "Ballerina sleeves are back: how to wear the trend",
                        "Soft, gathered sleeves are everywhere this season.",
                    ),
                    (
                        f"'{fill.film()}' review: {name} is a ballerina at the height of her powers",
                        f"{co}'s new production is a triumph.",
                    ),
                ]
            )
            src = r.choice(BING_SOURCES)
            url = f"https://www.{slugify(src).replace('-', '')}.com/{t:%Y/%m/%d}/{slugify(title)}/"
            b.add(
                Item(
                    "bing",
                    t,
                    [(0, Version(title, desc, []))],
                    link=bing_of(url, t),
                    guid=None,
                    source=src,
                )
            )


add_filler(
    b,
    "empire",
    [13, 3, 3, 4, 3, 3, 3, 3],
    empire_make,
    empire_link,
    lambda link, e: "",
    AUTHORS["empire"],
)
add_filler(
    b,
    "slashfilm",
    [16, 4, 4, 3, 4, 4, 3, 4],
    lambda: fill.listicle() if b.rng.random() < 0.15 else fill.trade(2024),
    slashfilm_link,
    lambda link, e: e["guid"],
    AUTHORS["slashfilm"],
)
add_filler(
    b,
    "totalfilm",
    [14, 3, 4, 3, 3, 4, 3, 3],
    totalfilm_make,
    totalfilm_link,
    lambda link, e: e["guid"],
    AUTHORS["totalfilm"],
)
add_filler(
    b,
    "thewrap",
    [17, 4, 4, 4, 5, 4, 4, 4],
    lambda: fill.trade(2024),
    thewrap_link,
    lambda link, e: e["guid"],
    AUTHORS["thewrap"],
)
add_filler(
    b,
    "secondunit",
    [10, 1, 1, 1, 1, 2, 1, 1],
    secondunit_make,
    secondunit_link,
    lambda link, e: e["guid"],
    AUTHORS["secondunit"],
    start_days=40,
)
bing_filler()

FL = "https://www.slashfilm.com/img/gallery/ballerina-first-look-ana-de-armas-reloads/l-intro-1718633100.jpg"


def state(date: str, role: bool, look: bool) -> dict[str, dict[str, Any]]:
    return {
        # a season answer is not compared as an ISO date by the scorer: at least its year must be right
        "release-date": (
            {"status": "answered", "answer": date}
            if len(date) == 10
            else {"status": "answered", "answer": date, "answer_contains": date[:4]}
        ),
        "reeves-role": (
            {"status": "answered", "answer": "John Wick", "answer_contains": "John Wick"}
            if role
            else {"status": "open", "answer": None}
        ),
        "first-look": {"status": "answered", "answer": FL}
        if look
        else {"status": "open", "answer": None},
    }


b.build(
    meta={
        "name": "ballerina-variant",
        "description": "Synthetic feed snapshots about Ballerina for testing a release watcher, with other outlets and other wordings than the dev timeline. The articles are invented for this purpose and are not real reporting; the dates and their sequence (summer 2025, then 6/6/25, then a one-week delay to June 13, 2025) are fictional on purpose. Outlets are named only to give each feed a realistic shape. Config base: the project's feeds.yaml.",
        "subject": "ballerina",
        "questions": ["release-date", "reeves-role", "first-look"],
    },
    events={
        0: {"release-date": "2025-summer"},
        1: {"release-date": "2025-06-06"},
        3: {"reeves-role": "John Wick"},
        5: {"first-look": FL},
        6: {"release-date": "2025-06-13"},
    },
    state=[
        state("2025-summer", False, False),
        state("2025-06-06", False, False),
        state("2025-06-06", False, False),
        state("2025-06-06", True, False),
        state("2025-06-06", True, False),
        state("2025-06-06", True, True),
        state("2025-06-13", True, True),
        state("2025-06-13", True, True),
    ],
)
print(f"wrote {OUT}")

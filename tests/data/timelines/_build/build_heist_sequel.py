# ruff: noqa: E501
"""Build tests/data/timelines/heist-sequel: invented reporting about *The Vault 2: Reckoning*,
a numbered sequel with a subtitle. Confusers: the first film *The Vault* (2023) with its own old
dates and villain, and an unrelated 1998 film also called *The Vault*.

    .venv/bin/python tests/data/timelines/_build/build_heist_sequel.py

Feeds: a ScreenDaily-like RSS whose text is only an entity-escaped HTML <description>; a
JoBlo-like WordPress RSS with <enclosure> images; a Den of Geek-like Atom feed with
<content type="html">; a subreddit's Atom feed (media:thumbnail only, answers 429 at step 3);
a Google News search feed.
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

OUT = Path(__file__).resolve().parent.parent / "heist-sequel"

b = Builder(OUT, seed=2026100)
fill = Filler(b.rng)

for t in [
    "2025-03-03 12:00",
    "2025-03-17 12:00",
    "2025-03-31 12:00",
    "2025-04-14 12:00",
    "2025-04-28 12:00",
    "2025-05-12 12:00",
    "2025-05-26 12:00",
    "2025-06-09 12:00",
]:
    b.step(t)
b.steps[3]["status"] = {"reddit": 429}

b.feed(
    Feed(
        "screendaily",
        "screendaily",
        "Screen Daily - News",
        "https://www.screendaily.com/full-rss/news",
        15,
        "https://www.screendaily.com",
        extra={"description": "Screen International: global film business news"},
    )
)
b.feed(
    Feed(
        "joblo",
        "joblo",
        "JoBlo",
        "https://www.joblo.com/feed/",
        15,
        "https://www.joblo.com",
        extra={"description": "Movie news, trailers, reviews and more", "offset": -5},
    )
)
b.feed(
    Feed(
        "denofgeek",
        "dog",
        "Den of Geek",
        "https://www.denofgeek.com/feed/atom/",
        12,
        "https://www.denofgeek.com",
        fmt="atom",
        extra={"subtitle": "Movies, TV, comics, games and everything geek", "offset": 0},
    )
)
b.feed(
    Feed(
        "reddit",
        "reddit",
        "movies",
        "https://www.reddit.com/r/movies/new/.rss",
        20,
        "https://www.reddit.com/r/movies",
        fmt="atom",
        extra={
            "sub": "movies",
            "subtitle": "The goal of /r/Movies is to provide an inclusive place for discussions and news about films.",
        },
    )
)
b.feed(
    Feed(
        "gnews",
        "gnews",
        '"The Vault 2" - Google News',
        "https://news.google.com/rss/search?q=%22The+Vault+2%22&hl=en-US&gl=US&ceid=US:en",
        15,
        "https://news.google.com",
        extra={"query": '"The Vault 2"'},
    )
)


# ------------------------------------------------------------------ links per outlet


def pid(t: dt.datetime, title: str, base: int, mod: int = 900000) -> int:
    return base + int(hashlib.sha1(f"{t}{title}".encode()).hexdigest()[:7], 16) % mod


def screendaily_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title)
    n = pid(t, title, 5200000, 90000)
    link = f"https://www.screendaily.com/news/{slug}/{n}.article"
    return link, {"guid": link}


def joblo_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    n = pid(t, title, 700000)
    return (
        f"https://www.joblo.com/{slug}/",
        {
            "guid": f"https://www.joblo.com/?p={n}",
            "image": f"https://www.joblo.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}-1280x720.jpg",
        },
    )


def dog_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    link = f"https://www.denofgeek.com/movies/{slug}/"
    return link, {
        "guid": f"https://www.denofgeek.com/?p={pid(t, title, 1100000)}",
        "image": f"https://www.denofgeek.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg?fit=1200%2C675",
    }


def reddit_id(t: dt.datetime, title: str) -> str:
    n = int(hashlib.sha1(f"{t}{title}".encode()).hexdigest()[:9], 16)
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    for _ in range(7):
        n, r = divmod(n, 36)
        out += alphabet[r]
    return "1j" + out[:5]


def reddit_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    rid = reddit_id(t, title)
    slug = slugify(title, 50).replace("-", "_")
    return (
        f"https://www.reddit.com/r/movies/comments/{rid}/{slug}/",
        {
            "guid": f"t3_{rid}",
            "image": f"https://b.thumbs.redditmedia.com/{hashlib.md5(rid.encode()).hexdigest()[:22]}.jpg",
        },
    )


LINKS = {
    "screendaily": screendaily_link,
    "joblo": joblo_link,
    "denofgeek": dog_link,
    "reddit": reddit_link,
}
AUTHORS = {
    "screendaily": ["Tom Grater", "Orlando Parfitt", "Ben Dalton", "Mona Tabbara"],
    "joblo": ["Kevin Fraser", "Tyler Nichols", "Alex Maidy", "Paul Shirey"],
    "denofgeek": ["David Crow", "Rosie Fletcher", "Don Kaye", "Kayti Burt"],
    "reddit": [
        "MarvelsGrantMan136",
        "ChiefLeef22",
        "Neo2199",
        "indig0sixalpha",
        "SanderSo47",
        "BunyipPouch",
        "vault_dweller_88",
        "heistfan_ottawa",
    ],
}
CATS = {
    "screendaily": ["News"],
    "joblo": ["Movie News"],
    "denofgeek": ["Movies", "News"],
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
    pubdate: bool = True,
    author: str = "",
    updates: list[tuple[int, str, Version, str, str, str | None]] | None = None,
) -> Item:
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
        pubdate=pubdate,
        author=author or b.rng.choice(AUTHORS.get(feed, ["Staff"])),
        categories=CATS.get(feed, []),
        source=source if feed == "gnews" else source_url,
        notes=notes,
    )
    return b.add(item)


# ================================================================== step 0: baseline, the first date

rel(
    "screendaily",
    "2025-02-26 14:05",
    "Stonebridge dates ‘The Vault 2: Reckoning’ for August 2026",
    "",
    [
        "Stonebridge Pictures has set <em>The Vault 2: Reckoning</em>, the sequel to its 2023 heist hit, for release in US cinemas on August 14, 2026.",
        "Ana Kessler returns to direct, with Theo Garland and Naomi Castell reprising their roles as safecracker Eli Marsh and fixer Rosa Vance.",
        "<em>The Vault</em> grossed $412m worldwide after opening on August 11, 2023.",
    ],
    0,
    "event",
    "baseline: the first date (August 14, 2026); the first film's 2023 opening date in the same story; text only in an entity-escaped HTML description",
    question="release-date",
)

rel(
    "denofgeek",
    "2025-02-28 11:00",
    "The Vault 2: Reckoning – Release Date, Cast, and Everything We Know",
    "Stonebridge’s heist sequel opens August 14, 2026. Here’s who’s back.",
    [
        "<em>The Vault 2: Reckoning</em> hits theaters on August 14, 2026, almost exactly three years after the first film.",
        "Theo Garland and Naomi Castell return. The sequel’s villain has not been cast yet.",
        "Director Ana Kessler has said only that the new job targets “a vault that moves.”",
    ],
    0,
    "event",
    "baseline: evergreen explainer with the date; says the villain is not cast",
    question="release-date",
    image="https://www.denofgeek.com/wp-content/uploads/2025/02/the-vault-2023-theo-garland.jpg?fit=1200%2C675",
    image_title="Theo Garland in The Vault (2023)",
)

rel(
    "reddit",
    "2025-02-26 20:10",
    "‘The Vault 2: Reckoning’ set for August 14, 2026",
    "",
    [],
    0,
    "event",
    "baseline: link post, the title carries the date",
    question="release-date",
    source_url="https://www.screendaily.com/news/stonebridge-dates-the-vault-2-reckoning-for-august-2026/5244120.article",
)

# ================================================================== step 1: the first film's box office, the 1998 film, a casting rumor

rel(
    "screendaily",
    "2025-03-13 09:30",
    "‘The Vault’ re-release adds $6.2m as Stonebridge warms up for sequel",
    "",
    [
        "Stonebridge Pictures&rsquo; anniversary re-release of <em>The Vault</em> added $6.2m over the weekend from 1,140 US cinemas, lifting the 2023 heist film’s global total to $418m.",
        "The film originally opened on August 11, 2023 with $61.4m, then a record for an original August release.",
        "The re-release is a warm-up for <em>The Vault 2: Reckoning</em>, which Stonebridge opens on August 14, 2026.",
    ],
    1,
    "confuser",
    "box-office story about the first film with its 2023 opening date; the last sentence repeats the sequel's known date",
)

rel(
    "joblo",
    "2025-03-12 15:00",
    "The Vault 2: Reckoning: Stonebridge eyeing Oren Blackwood for the villain",
    "Stonebridge is reportedly eyeing Oren Blackwood to play the villain in The Vault 2: Reckoning, though no offer has been made.",
    [
        "Stonebridge is reportedly eyeing Oren Blackwood to play the villain in <em>The Vault 2: Reckoning</em>, though no offer has been made.",
        "According to our sources, Blackwood is one of several names on a shortlist for the part, described as a rogue insurance investigator who has spent years hunting Eli Marsh’s crew.",
        "Theo Garland and Naomi Castell return. The sequel opens August 14, 2026.",
    ],
    1,
    "confuser",
    "casting rumor ('reportedly eyeing', 'no offer'): a name for the villain that must not answer nor notify",
    image="https://www.joblo.com/wp-content/uploads/2025/03/oren-blackwood-getty-1280x720.jpg",
    image_title="Oren Blackwood",
)

rel(
    "gnews",
    "2025-03-14 16:45",
    "The Vault (1998) gets a 4K restoration from Arrow Video, out May 20",
    "",
    [],
    1,
    "confuser",
    "the unrelated 1998 film of the same name, with a date (headline only)",
    source="Blu-ray.com",
    source_url="https://www.blu-ray.com/news/?id=36120",
)

rel(
    "reddit",
    "2025-03-15 22:40",
    "Rewatched The Vault (2023) last night – Gideon Roarke’s Victor Crane is an all-time heist villain",
    "",
    [
        "The roof scene still rules. Hoping The Vault 2 finds someone half as good to play the villain. Has anyone heard who’s up for it?",
    ],
    1,
    "confuser",
    "self post: the first film's villain (Gideon Roarke as Victor Crane) next to the sequel's name",
)

# ================================================================== step 2: the first move (no pubDate), a second rumor

rel(
    "screendaily",
    "2025-03-26 17:20",
    "Stonebridge pushes ‘The Vault 2: Reckoning’ to November",
    "",
    [
        "Stonebridge Pictures has moved <em>The Vault 2: Reckoning</em> from August 14 to November&nbsp;6, 2026, giving the heist sequel the pre-Thanksgiving frame.",
        "The studio said the later date allows more time for the film’s Prague location shoot, which begins in April.",
        "Stonebridge also dated its horror film <em>The Hollow Signal</em> for August 14, 2026, the slot the sequel vacated.",
    ],
    2,
    "event",
    "first move: August 14 -> November 6, 2026 (a &nbsp; between month and day); another film takes the old date; this item has no pubDate",
    question="release-date",
    pubdate=False,
)

rel(
    "gnews",
    "2025-03-27 08:15",
    "‘The Vault 2: Reckoning’ moves to November 6, 2026",
    "",
    [],
    2,
    "event",
    "same news, headline only",
    question="release-date",
    source="Boxoffice Pro",
    source_url="https://www.boxofficepro.com/the-vault-2-reckoning-moves-to-november-6-2026/",
)

rel(
    "reddit",
    "2025-03-27 13:30",
    "The Vault 2: Reckoning has been delayed to November 6, 2026",
    "",
    [],
    2,
    "event",
    "same news, link post",
    question="release-date",
    source_url="https://www.boxofficepro.com/the-vault-2-reckoning-moves-to-november-6-2026/",
)

rel(
    "denofgeek",
    "2025-03-29 10:00",
    "The Vault 2: Reckoning: Marcus Hale in Talks to Play the Villain",
    "Marcus Hale is in talks to play the villain in Stonebridge’s The Vault 2: Reckoning, according to reports.",
    [
        "Marcus Hale is in talks to play the villain in <em>The Vault 2: Reckoning</em>, according to multiple reports, though Stonebridge has not confirmed anything and no deal is done.",
        "Earlier this month the studio was said to be eyeing Oren Blackwood for the part.",
        "Theo Garland and Naomi Castell return for director Ana Kessler.",
    ],
    2,
    "confuser",
    "casting rumor ('in talks', 'not confirmed', 'no deal'): must not answer nor notify; repeats the earlier rumor",
)

# ================================================================== step 3: Reddit answers 429; the first film's villain; the 1998 film

rel(
    "joblo",
    "2025-04-08 16:00",
    "Gideon Roarke says Victor Crane won’t be back for The Vault 2: Reckoning",
    "Gideon Roarke, who played the villain Victor Crane in The Vault, says he will not appear in the sequel.",
    [
        "Gideon Roarke, who played the villain Victor Crane in <em>The Vault</em>, says he will not appear in the sequel.",
        "“Victor went off a roof in the first one. He’s staying down there,” Roarke told JoBlo.",
        "Stonebridge has not announced who will play the new villain. <em>The Vault 2: Reckoning</em> opens November 6, 2026.",
    ],
    3,
    "confuser",
    "the first film's villain (a name + 'villain'); says the new villain is not announced; repeats the known date",
    image="https://www.joblo.com/wp-content/uploads/2025/04/gideon-roarke-the-vault-1280x720.jpg",
    image_title="Gideon Roarke in The Vault (2023)",
)

rel(
    "denofgeek",
    "2025-04-10 14:00",
    "The Vault (1998) Is the Heist Movie Nobody Remembers",
    "Before Stonebridge’s franchise, there was Roland Pryce’s prison-vault thriller, and it’s finally getting a 4K release on May 20.",
    [
        "Roland Pryce’s <em>The Vault</em> opened on October 9, 1998, made $11 million, and disappeared. Cliff Madsen played the villain, a corrupt warden named Harlan Voss.",
        "Arrow Video’s 4K restoration arrives May 20.",
        "It has nothing to do with <em>The Vault 2: Reckoning</em>, Stonebridge’s sequel to its 2023 hit, but fans of that series should seek it out.",
    ],
    3,
    "confuser",
    "the 1998 film: its release date, a 4K date and its villain's actor, next to the sequel's name",
    image="https://www.denofgeek.com/wp-content/uploads/2025/04/the-vault-1998-cliff-madsen.jpg?fit=1200%2C675",
    image_title="Cliff Madsen in The Vault (1998)",
)

rel(
    "gnews",
    "2025-04-09 11:00",
    "‘The Vault 2: Reckoning’ starts shooting in Prague",
    "",
    [],
    3,
    "neutral",
    "production start: mentions the film, answers nothing (headline only)",
    source="Kemps Film",
    source_url="https://www.kftv.com/news/2025/04/09/the-vault-2-reckoning-starts-shooting-in-prague",
)

# ================================================================== step 4: Reddit back; the confirmed villain; an item that will be edited

rel(
    "reddit",
    "2025-04-12 18:20",
    "Marcus Hale officially cast as the villain in ‘The Vault 2: Reckoning’",
    "",
    [],
    4,
    "event",
    "first report of the confirmed casting, posted while this feed answered 429: first observable at step 4",
    question="villain-casting",
    source_url="https://www.hollywoodreporter.com/movies/movie-news/marcus-hale-the-vault-2-reckoning-villain-1236190022/",
)

rel(
    "screendaily",
    "2025-04-22 10:00",
    "Marcus Hale to play villain in ‘The Vault 2: Reckoning’",
    "",
    [
        "Stonebridge Pictures has confirmed that Marcus Hale will play the villain in <em>The Vault 2: Reckoning</em>: Julian Sorel, a rogue insurance investigator who has spent a decade hunting Eli Marsh’s crew.",
        "Hale closed his deal after weeks of talks. The studio had also considered Oren Blackwood.",
        "Ana Kessler directs. The film opens on November&nbsp;6, 2026.",
    ],
    4,
    "event",
    "same news, same step (the rumored name, now confirmed); mentions the other rumored name; repeats the known date",
    question="villain-casting",
)

rel(
    "gnews",
    "2025-04-23 07:30",
    "Marcus Hale joins ‘The Vault 2: Reckoning’ as the villain",
    "",
    [],
    4,
    "event",
    "same news, headline only",
    question="villain-casting",
    source="Screen Rant",
    source_url="https://screenrant.com/vault-2-reckoning-marcus-hale-villain-casting/",
)

BUDAPEST = [
    "<em>The Vault 2: Reckoning</em> has finished its Prague leg and moves to Budapest next week, director Ana Kessler said on Instagram.",
    "Theo Garland shared a photo from the crew’s last night in Prague, though he kept the camera pointed firmly at the catering truck.",
]

rel(
    "joblo",
    "2025-04-25 14:00",
    "The Vault 2: Reckoning moves production to Budapest",
    "Ana Kessler’s heist sequel has finished its Prague leg and moves to Budapest next week.",
    BUDAPEST,
    4,
    "neutral",
    "production news: mentions the film, answers nothing (edited in place at step 5)",
    image="https://www.joblo.com/wp-content/uploads/2025/04/the-vault-2-prague-set-1280x720.jpg",
    image_title="The Vault 2: Reckoning set in Prague",
    updates=[
        (
            5,
            "2025-05-07 16:40",
            Version(
                "The Vault 2: Reckoning moves production to Budapest, release moves up to October 2",
                "UPDATE: Stonebridge has also moved The Vault 2: Reckoning up five weeks, to October 2, 2026.",
                [
                    "<strong>UPDATE (May 7):</strong> Stonebridge has also moved <em>The Vault 2: Reckoning</em> up five weeks, from November 6 to October 2, 2026.",
                    *BUDAPEST,
                ],
                image="https://www.joblo.com/wp-content/uploads/2025/04/the-vault-2-prague-set-1280x720.jpg",
                image_title="The Vault 2: Reckoning set in Prague",
            ),
            "event",
            "the same item (same guid and link) edited in place: now carries the second move, November 6 -> October 2, 2026",
            "release-date",
        )
    ],
)

# ================================================================== step 5: the second move, a first-look confuser

rel(
    "gnews",
    "2025-05-08 09:00",
    "Stonebridge moves ‘The Vault 2: Reckoning’ up to October 2, 2026",
    "",
    [],
    5,
    "event",
    "second move, headline only",
    question="release-date",
    source="Boxoffice Pro",
    source_url="https://www.boxofficepro.com/stonebridge-moves-the-vault-2-reckoning-up-to-october-2-2026/",
)

rel(
    "denofgeek",
    "2025-05-06 15:00",
    "First Look: Naomi Castell Goes Undercover in The Iron Orchard",
    "Here is the first image of Naomi Castell in Searchlight’s The Iron Orchard, which opens February 12, 2027.",
    [
        "Here is the first image of Naomi Castell in Searchlight’s <em>The Iron Orchard</em>, which opens February 12, 2027.",
        "Castell shot the spy drama before returning as Rosa Vance in <em>The Vault 2: Reckoning</em>.",
    ],
    5,
    "confuser",
    "a first-look image of a Vault 2 star in another film, with that film's date",
    image="https://www.denofgeek.com/wp-content/uploads/2025/05/the-iron-orchard-naomi-castell-first-look.jpg?fit=1200%2C675",
    image_title="Naomi Castell in The Iron Orchard",
)

rel(
    "reddit",
    "2025-05-09 19:00",
    "Marcus Hale as the villain in The Vault 2 is perfect casting",
    "",
    [
        "After the confirmation last month I rewatched his stuff. Julian Sorel should be a great foil for Garland’s Eli Marsh. Anyone else excited?",
    ],
    5,
    "repeat",
    "self post: repeats the known villain casting",
)

# ================================================================== step 6: the first look (media:thumbnail only / enclosure)

FL = "https://b.thumbs.redditmedia.com/vault2-first-look-garland-hale.jpg"

rel(
    "reddit",
    "2025-05-21 17:00",
    "First look at Theo Garland and Marcus Hale in ‘The Vault 2: Reckoning’",
    "",
    [],
    6,
    "event",
    "first official image: a link post whose only image is media:thumbnail (no media:content)",
    question="first-look",
    image=FL,
    source_url="https://i.redd.it/vault2firstlook8k2q.jpeg",
)

rel(
    "joblo",
    "2025-05-22 13:00",
    "First look: Theo Garland and Marcus Hale face off in The Vault 2: Reckoning",
    "Stonebridge has released the first official image from The Vault 2: Reckoning, with Theo Garland’s Eli Marsh and Marcus Hale’s villain Julian Sorel face to face.",
    [
        "Stonebridge has released the first official image from <em>The Vault 2: Reckoning</em>, with Theo Garland’s Eli Marsh and Marcus Hale’s villain Julian Sorel face to face in a flooded bank basement.",
        "Ana Kessler’s sequel opens October 2, 2026.",
    ],
    6,
    "event",
    "same news; the image is an <enclosure>; repeats the known villain and date",
    question="first-look",
    image="https://www.joblo.com/wp-content/uploads/2025/05/the-vault-2-reckoning-first-look-1280x720.jpg",
    image_title="The Vault 2: Reckoning",
)

rel(
    "screendaily",
    "2025-05-20 08:00",
    "Cannes: Stonebridge closes international deals on ‘The Vault 2: Reckoning’",
    "",
    [
        "Stonebridge International has closed deals for <em>The Vault 2: Reckoning</em> in most territories at the Cannes market, including Germany, Japan and Latin America.",
        "Stonebridge releases the sequel in the US on October&nbsp;2, 2026. <em>The Vault</em> took $418m worldwide.",
    ],
    6,
    "repeat",
    "sales story: repeats the known date; the first film's gross",
)

# ================================================================== step 7: repeats, a hedge, the first film's streaming date

rel(
    "gnews",
    "2025-06-04 10:30",
    "‘The Vault 2: Reckoning’ could slip to 2027 as reshoots loom, insiders say",
    "",
    [],
    7,
    "confuser",
    "hedged rumor with a year ('could', 'insiders say'): must not change the answer nor notify",
    source="World of Reel",
    source_url="https://www.worldofreel.com/blog/2025/6/4/the-vault-2-reckoning-could-slip-to-2027",
)

rel(
    "denofgeek",
    "2025-06-05 12:00",
    "The Vault 2: Reckoning First Look Teases a Heist in a Flooded Bank",
    "Breaking down the first image from Stonebridge’s sequel, which opens October 2, 2026.",
    [
        "The first image from <em>The Vault 2: Reckoning</em> puts Theo Garland’s Eli Marsh face to face with Marcus Hale’s Julian Sorel in a flooded bank basement.",
        "The sequel opens October 2, 2026.",
    ],
    7,
    "repeat",
    "repeats the first look (image in the HTML content), the villain and the date",
    image="https://www.denofgeek.com/wp-content/uploads/2025/06/the-vault-2-reckoning-first-look.jpg?fit=1200%2C675",
    image_title="The Vault 2: Reckoning",
)

rel(
    "screendaily",
    "2025-06-06 09:00",
    "‘The Vault’ to stream on Netflix from July 1 ahead of sequel",
    "",
    [
        "Stonebridge has licensed <em>The Vault</em> (2023) to Netflix in the US, where it will stream from July&nbsp;1.",
        "The deal comes ahead of <em>The Vault 2: Reckoning</em>, which Stonebridge opens in cinemas on October 2, 2026.",
    ],
    7,
    "confuser",
    "the first film's streaming date; repeats the sequel's known date",
)

rel(
    "reddit",
    "2025-06-07 15:00",
    "Stonebridge says The Vault 2 is not moving, still October 2, 2026",
    "",
    [
        "Despite the reshoot rumours, a Stonebridge spokesperson told Variety the sequel is staying on October 2, 2026.",
    ],
    7,
    "repeat",
    "self post: a denial of the rumor, repeats the known date",
)


# ================================================================== filler

BANNED = [
    "vault",
    "stonebridge",
    "kessler",
    "garland",
    "castell",
    "hale",
    "blackwood",
    "roarke",
    "reckoning",
    "sorel",
]


def sd_make() -> tuple[str, str, list[str], str, bool]:
    t, _s, ps, c, img = fill.trade(2025)
    return t, "", ps, c, img


def reddit_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    f, f2, p = fill.film(), fill.film(), fill.person()
    kind = r.randrange(8)
    if kind == 0:
        return (f"Official Poster for ‘{f}’", "", [], "link", True)
    if kind == 1:
        return (f"‘{f}’ | Official Trailer", "", [], "link", True)
    if kind == 2:
        return (
            f"Official Discussion - {f} [SPOILERS]",
            "",
            [
                f"Director: {p}",
                f"Rotten Tomatoes: {r.randint(40, 98)}%",
                "Metacritic: " + str(r.randint(40, 90)),
            ],
            "self",
            False,
        )
    if kind == 3:
        return (
            "What’s a movie you love that everyone else seems to hate?",
            "",
            [f"For me it’s {f}. I will not be taking questions."],
            "self",
            False,
        )
    if kind == 4:
        return (
            f"Box Office Week: ‘{f}’ opens to ${r.randint(8, 70)}M, ‘{f2}’ holds",
            "",
            [],
            "link",
            False,
        )
    if kind == 5:
        return (f"{p} to star in ‘{f}’ from director {fill.person()}", "", [], "link", True)
    if kind == 6:
        return (
            f"I just watched {f} for the first time and wow",
            "",
            [f"How did I sleep on this for so long? {p} is incredible in it."],
            "self",
            False,
        )
    return (f"‘{f}’ Review Thread", "", [f"Reviews are in for {f}, starring {p}."], "self", False)


def reddit_filler() -> None:
    counts = [22, 10, 9, 10, 9, 10, 9, 10]
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
                link, extra = reddit_link(t + dt.timedelta(seconds=1), title)
            target = (
                link
                if kind == "self"
                else f"https://www.{b.rng.choice(['youtube', 'variety', 'hollywoodreporter', 'deadline', 'indiewire'])}.com/{slugify(title)}"
            )
            b.add(
                Item(
                    "reddit",
                    t,
                    [(0, Version(title, "", paras, image=extra["image"] if has_img else None))],
                    link=link,
                    guid=extra["guid"],
                    author=b.rng.choice(
                        AUTHORS["reddit"]
                        + ["popcornfiend", "Crazy_Lobster", "the_real_mcgruff", "ReelTalkRita"]
                    ),
                    source="" if kind == "self" else target,
                )
            )


def gnews_filler() -> None:
    counts = [15, 4, 4, 3, 4, 3, 4, 4]
    cities = ["Zurich", "Dallas", "Toronto", "Singapore", "Dubai", "Chicago", "London", "Frankfurt"]
    for k, count in enumerate(counts):
        end = b.steps[k]["time"] - dt.timedelta(minutes=25)
        start = b.steps[k - 1]["time"] if k else b.steps[0]["time"] - dt.timedelta(days=7)
        span = int((end - start).total_seconds())
        for _ in range(count):
            t = start + dt.timedelta(seconds=b.rng.randint(60, span))
            r = b.rng
            c = r.choice(cities)
            options = [
                (f"Thieves tunnel into bank vault in {c}, take safe-deposit boxes", "Reuters"),
                (
                    f"The Vault 2.{r.randint(0, 9)} update adds encrypted notes and passkeys",
                    "The Verge",
                ),
                (
                    f"Fallout 76 ‘Vault {r.choice([2, 63, 79, 94])}’ update lands next month",
                    "PC Gamer",
                ),
                (
                    f"Pole vault: {fill.person()} clears {r.randint(5, 6)}.{r.randint(10, 99)}m in {c}",
                    "World Athletics",
                ),
                (f"‘The Vault’ nightclub in {c} to close after 20 years", "Evening Standard"),
                (f"Seed vault receives {r.randint(2, 40)},000 new samples", "Science Weekly"),
                (f"Crypto firm Vault2 raises ${r.randint(5, 90)}M Series B", "TechCrunch"),
                (
                    f"Disney Vault: the {r.randint(5, 15)} classics returning to theaters this year",
                    "D23",
                ),
                (f"{c} gymnastics: vault final results", "Gymnastics Now"),
                ("Borderlands 4: how to open the Vault 2 door in the Fadefields", "IGN"),
            ]
            title, src = r.choice(options)
            url = f"https://www.{slugify(src).replace('-', '')}.com/{t:%Y/%m/%d}/{slugify(title)}-{r.randint(1000, 9999)}/"
            b.add(Item("gnews", t, [(0, Version(title, "", []))], link=gnews_link(url), source=src))


def dog_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    if r.random() < 0.25:
        f = fill.film()
        return (
            f"{f} Ending Explained",
            f"What that final scene in {f} really means.",
            [
                f"What that final scene in {f} really means, and what it sets up.",
                f"Shot in {r.choice(CITIES)}, it is the director’s most personal film.",
            ],
            "Movies",
            True,
        )
    return fill.listicle() if r.random() < 0.3 else fill.trade(2025)


add_filler(
    b,
    "screendaily",
    [15, 5, 5, 6, 5, 5, 5, 6],
    styles_extra.clean_filler(sd_make, BANNED),
    screendaily_link,
    lambda link, e: e["guid"],
    AUTHORS["screendaily"],
)
add_filler(
    b,
    "joblo",
    [15, 5, 5, 5, 5, 5, 4, 6],
    styles_extra.clean_filler(lambda: fill.trade(2025), BANNED),
    joblo_link,
    lambda link, e: e["guid"],
    AUTHORS["joblo"],
)
add_filler(
    b,
    "denofgeek",
    [12, 3, 3, 3, 4, 3, 3, 4],
    styles_extra.clean_filler(dog_make, BANNED),
    dog_link,
    lambda link, e: e["guid"],
    AUTHORS["denofgeek"],
    start_days=10,
)
reddit_filler()
gnews_filler()


def state(date: str, villain: bool, look: bool) -> dict[str, dict[str, Any]]:
    return {
        "release-date": {"status": "answered", "answer": date},
        "villain-casting": (
            {
                "status": "answered",
                "answer": "Marcus Hale (as Julian Sorel)",
                "answer_contains": "Marcus Hale",
            }
            if villain
            else {"status": "open", "answer": None}
        ),
        "first-look": {"status": "answered", "answer": FL}
        if look
        else {"status": "open", "answer": None},
    }


b.build(
    meta={
        "name": "heist-sequel",
        "description": (
            "Synthetic feed snapshots about The Vault 2: Reckoning, an invented numbered sequel with a subtitle "
            "(Stonebridge Pictures, director Ana Kessler, Theo Garland, Naomi Castell). Every article, person, company "
            "and date is invented. Confusers: the first film The Vault (2023) with its own dates and villain, and an "
            "unrelated 1998 film also called The Vault. The release date is the US theatrical date; it moves twice "
            "(Aug. 14 -> Nov. 6 -> Oct. 2, 2026), the second time first reported by an item edited in place. "
            "villain-casting asks WHO plays the villain (a name, so the question has about: []); its answer is the "
            "actor's name, Marcus Hale (he plays Julian Sorel); 'in talks' / 'eyeing' reports do not answer it."
        ),
        "subject": "the-vault-2",
        "questions": ["release-date", "villain-casting", "first-look"],
    },
    events={
        0: {"release-date": "2026-08-14"},
        2: {"release-date": "2026-11-06"},
        4: {"villain-casting": "Marcus Hale"},
        5: {"release-date": "2026-10-02"},
        6: {"first-look": FL},
    },
    state=[
        state("2026-08-14", False, False),
        state("2026-08-14", False, False),
        state("2026-11-06", False, False),
        state("2026-11-06", False, False),
        state("2026-11-06", True, False),
        state("2026-10-02", True, False),
        state("2026-10-02", True, True),
        state("2026-10-02", True, True),
    ],
)
print(f"wrote {OUT}")

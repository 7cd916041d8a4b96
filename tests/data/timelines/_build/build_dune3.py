# ruff: noqa: E501
"""Build tests/data/timelines/dune3: invented reporting about Dune: Part Three.

python3 tests/data/timelines/_build/build_dune3.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

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

OUT = Path(__file__).resolve().parent.parent / "dune3"

b = Builder(OUT, seed=3003)
fill = Filler(b.rng)

for t in [
    "2025-06-02 13:00",
    "2025-06-09 13:00",
    "2025-06-16 13:00",
    "2025-06-23 13:00",
    "2025-06-30 13:00",
    "2025-07-07 13:00",
    "2025-07-14 13:00",
    "2025-07-21 13:00",
    "2025-07-28 13:00",
]:
    b.step(t)
b.steps[3]["status"] = {"thr": 500}

b.feed(
    Feed(
        "deadline",
        "wp",
        "Deadline",
        "https://deadline.com/feed/",
        16,
        "https://deadline.com",
        extra={"description": "Hollywood Entertainment Breaking News", "offset": 0},
    )
)
b.feed(
    Feed(
        "thr",
        "wp",
        "The Hollywood Reporter",
        "https://www.hollywoodreporter.com/feed/",
        15,
        "https://www.hollywoodreporter.com",
        extra={
            "description": "Movie news, TV news, awards news, lifestyle news, business news and more.",
            "offset": -7,
        },
    )
)
b.feed(
    Feed(
        "ign",
        "ign",
        "IGN All",
        "https://feeds.feedburner.com/ign/all",
        12,
        "https://www.ign.com",
        extra={
            "description": "The latest IGN news, reviews and videos about video games, movies, TV, tech and comics."
        },
    )
)
b.feed(
    Feed(
        "collider",
        "valnet",
        "Collider",
        "https://collider.com/feed/",
        14,
        "https://collider.com",
        extra={"description": "Collider is the leading source for breaking news on movies and TV."},
    )
)
b.feed(
    Feed(
        "gnews",
        "gnews",
        '"Dune" - Google News',
        "https://news.google.com/rss/search?q=Dune&hl=en-US&gl=US&ceid=US:en",
        15,
        "https://news.google.com",
        extra={"query": "Dune"},
    )
)
b.feed(
    Feed(
        "parallax",
        "atom_xhtml",
        "Parallax",
        "https://parallax-notes.net/atom.xml",
        10,
        "https://parallax-notes.net",
        fmt="atom",
        extra={
            "subtitle": "Science fiction on screen, mostly",
            "id": "urn:uuid:8d0c3b1e-5f7a-4e52-a1d4-2b6f9c0e7a31",
            "generator": "Hugo 0.126.1",
            "offset": 2,
        },
    )
)


# ------------------------------------------------------------------ links per outlet


def pid(t: dt.datetime, title: str, base: int) -> int:
    return base + int(hashlib.sha1(f"{t}{title}".encode()).hexdigest()[:6], 16) % 900000


def deadline_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title)
    n = pid(t, title, 1236400000)
    return (
        f"https://deadline.com/{t:%Y/%m}/{slug}-{n}/",
        {
            "guid": f"https://deadline.com/?p={n}",
            "image": f"https://deadline.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg?w=1024",
        },
    )


def thr_link(
    t: dt.datetime, title: str, section: str = "movies/movie-news"
) -> tuple[str, dict[str, Any]]:
    slug = slugify(title)
    n = pid(t, title, 1236100000)
    return (
        f"https://www.hollywoodreporter.com/{section}/{slug}-{n}/",
        {
            "guid": f"https://www.hollywoodreporter.com/?p={n}",
            "image": f"https://www.hollywoodreporter.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}-H-{t:%Y}.jpg?w=1296",
        },
    )


def ign_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    return (
        f"https://www.ign.com/articles/{slug}",
        {"guid": hashlib.md5(slug.encode()).hexdigest()[:24]},
    )


def collider_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    return (
        f"https://collider.com/{slug}/",
        {
            "guid": "",
            "image": f"https://static1.colliderimages.com/wordpress/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg",
        },
    )


def parallax_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title)
    link = f"https://parallax-notes.net/{t:%Y/%m}/{slug}/"
    return link, {
        "guid": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, link)}",
        "image": f"https://parallax-notes.net/images/{t:%Y}/{slug[:40]}.jpg",
    }


LINKS = {
    "deadline": deadline_link,
    "thr": thr_link,
    "ign": ign_link,
    "collider": collider_link,
    "parallax": parallax_link,
}
AUTHORS = {
    "deadline": [
        "Dana Whitcombe",
        "Rory Castellane",
        "Priya Halvard",
        "Miles Okonkwo",
        "Tess Marlowe",
    ],
    "thr": ["Graham Ostrowski", "Celia Banerjee", "Owen Talbridge", "Nina Farrukh"],
    "ign": ["Leo Brandvold", "Sam Achebe", "Kira Lindahl", "Marco Dellatorre"],
    "collider": ["Jules Harrower", "Bea Ocampo", "Travis Nkemelu", "Ilse Varga"],
    "parallax": ["Noor Halvorsen"],
}
CATS = {
    "deadline": ["Film", "News"],
    "thr": ["Movie News", "Movies"],
    "ign": ["Movies"],
    "collider": ["Movie News"],
    "parallax": ["news"],
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
    section: str = "",
) -> Item:
    t = T(when)
    if feed == "gnews":
        link, extra = gnews_link(source_url), {}
    elif feed == "thr" and section:
        link, extra = thr_link(t, title, section)
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
        guid=(extra.get("guid", "") if guid else None),
        pubdate=pubdate,
        author=b.rng.choice(AUTHORS.get(feed, ["Staff"])),
        categories=CATS.get(feed, []),
        source=source,
        notes=notes,
    )
    return b.add(item)


WB = "Warner Bros. Pictures/Legendary"

# ================================================================== step 0: baseline, month only

rel(
    "deadline",
    "2025-05-29 17:40",
    "Warner Bros. & Legendary Set ‘Dune: Part Three’ For December 2026; Denis Villeneuve Returns To Direct",
    "Warner Bros. and Legendary Entertainment will release Denis Villeneuve’s ‘Dune: Part Three’ in theaters in December 2026, the studios said.",
    [
        "Warner Bros. and Legendary Entertainment will release Denis Villeneuve’s ‘Dune: Part Three’ in theaters in December 2026, the studios said.",
        "No specific day has been set. The film adapts Frank Herbert’s 1969 novel ‘Dune Messiah’, with Timothée Chalamet, Zendaya, Rebecca Ferguson and Javier Bardem expected back.",
        "The window puts the third film nearly three years after ‘Dune: Part Two’, which opened March 1, 2024, after the strikes pushed it from its original Nov. 3, 2023 date. That film grossed $714 million worldwide.",
        "Villeneuve will shoot in Budapest and Abu Dhabi this summer.",
    ],
    0,
    "event",
    "baseline: month-precision date (December 2026); Part Two's original and actual dates in a retrospective sentence; the featured image is a Part Two still",
    question="release-date",
    image="https://deadline.com/wp-content/uploads/2025/05/dune-part-two-chalamet-desert.jpg?w=1024",
    image_title="Timothée Chalamet in ‘Dune: Part Two’",
    image_credit="Niko Tavernise/Warner Bros.",
)

rel(
    "parallax",
    "2025-05-30 07:12",
    "Part Three gets a window",
    "Warner Bros. has pencilled in December 2026 for Villeneuve’s Dune: Part Three.",
    [
        "Warner Bros. has pencilled in December 2026 for Denis Villeneuve’s Dune: Part Three. No day yet, just the month.",
        "If it holds, the Messiah chapter will arrive a little over five years after the first film reached theaters in October 2021.",
        "I will take a winter Arrakis.",
    ],
    0,
    "event",
    "baseline: the same month, blog wording ('pencilled in')",
    question="release-date",
)

rel(
    "ign",
    "2025-05-31 18:05",
    "Dune: Part Three: Everything We Know So Far",
    "Denis Villeneuve's Dune: Part Three, which adapts Frank Herbert's Dune Messiah, is set to hit theaters in December 2026. Here's everything we know about the cast, the story, and when Timothée Chalamet and Zendaya return to Arrakis.",
    [],
    0,
    "event",
    "baseline: evergreen explainer with the month",
    question="release-date",
)

rel(
    "gnews",
    "2025-05-30 14:20",
    "Warner Bros. sets ‘Dune: Part Three’ for December 2026",
    "",
    [],
    0,
    "event",
    "baseline: aggregator headline with the month",
    question="release-date",
    source="Screen Daily",
    source_url="https://www.screendaily.com/news/warner-bros-sets-dune-part-three-for-december-2026/5204411.article",
)

# ================================================================== step 1: confusers, no events

rel(
    "deadline",
    "2025-06-05 16:20",
    "Robert Pattinson Joins ‘Dune: Part Three’",
    "Robert Pattinson has joined the cast of Denis Villeneuve’s ‘Dune: Part Three’ for Legendary and Warner Bros.",
    [
        "Robert Pattinson has joined the cast of Denis Villeneuve’s ‘Dune: Part Three’ for Legendary and Warner Bros.",
        "Details of his character are being kept under wraps, and the studio declined to say whom he will play.",
        "Pattinson joins returning stars Timothée Chalamet and Zendaya. The film is due in theaters in December 2026.",
        "Pattinson, repped by CAA, was most recently seen in Bong Joon Ho’s ‘Mickey 17’.",
    ],
    1,
    "neutral",
    "casting news with the role explicitly undisclosed; restates the known month",
    image="https://deadline.com/wp-content/uploads/2025/06/robert-pattinson-getty.jpg?w=1024",
    image_title="Robert Pattinson",
    image_credit="Getty Images",
)

rel(
    "thr",
    "2025-06-06 15:00",
    "David Lynch’s ‘Dune’ Returns to Theaters in 4K",
    "Universal will re-release David Lynch’s 1984 ‘Dune’ in a new 4K restoration on Aug. 15, ahead of Denis Villeneuve’s ‘Dune: Part Three’.",
    [
        "Universal will re-release David Lynch’s 1984 ‘Dune’ in a new 4K restoration on Aug. 15, ahead of Denis Villeneuve’s ‘Dune: Part Three’.",
        "The restoration was struck from the original camera negative and will play in about 300 theaters for one week.",
        "Kyle MacLachlan, who played Paul Atreides in Lynch’s version, will introduce the opening-night screening in Los Angeles.",
        "Lynch’s film originally opened Dec. 14, 1984.",
    ],
    1,
    "confuser",
    "the 1984 film: its re-release date and original 1984 date, next to a Part Three mention",
    image="https://www.hollywoodreporter.com/wp-content/uploads/2025/06/dune-1984-kyle-maclachlan-H-2025.jpg?w=1296",
    image_title="Kyle MacLachlan in David Lynch’s ‘Dune’ (1984)",
    image_credit="Universal Pictures/Everett Collection",
)

rel(
    "collider",
    "2025-06-04 19:30",
    "Dune: Prophecy Season 2 Sets November Premiere Date on HBO",
    "HBO's Dune: Prophecy will return for its second season on Sunday, November 16, 2025.",
    [
        "HBO's Dune: Prophecy will return for its second season on Sunday, November 16, 2025.",
        "The prequel series, set 10,000 years before the events of Denis Villeneuve's films, follows the Harkonnen sisters who founded the Bene Gesserit. Season 1 premiered November 17, 2024.",
        "Emily Watson and Olivia Williams return. Villeneuve's own Dune: Part Three is due in theaters in December 2026.",
    ],
    1,
    "confuser",
    "the TV series: its own premiere dates (season 2 and season 1); the last sentence restates the film's known month",
    image="https://static1.colliderimages.com/wordpress/wp-content/uploads/2025/06/dune-prophecy-season-2-emily-watson.jpg",
    image_title="Emily Watson in Dune: Prophecy",
)

rel(
    "ign",
    "2025-06-07 22:10",
    "Dune: Part Two Passes $720 Million Worldwide After IMAX Re-Release",
    "Dune: Part Two returned to IMAX screens on May 16 and added $9.4 million, lifting its global total past $720 million. The film first opened on March 1, 2024, won Oscars for Best Sound and Best Visual Effects, and sets up Dune: Part Three, due in December 2026.",
    [],
    1,
    "confuser",
    "box-office/awards story about Part Two with its re-release and original dates; restates the known month",
)

rel(
    "gnews",
    "2025-06-08 11:00",
    "Dune: Awakening launches June 10 with Funcom's biggest open world yet",
    "",
    [],
    1,
    "confuser",
    "the same-name video game and its launch date (headline only)",
    source="PC Gamer",
    source_url="https://www.pcgamer.com/games/survival-crafting/dune-awakening-launches-june-10/",
)

# ================================================================== step 2: refinement to a day

rel(
    "deadline",
    "2025-06-12 17:05",
    "‘Dune: Part Three’ Gets Dec. 18, 2026 Release Date",
    "Warner Bros. and Legendary have dated Denis Villeneuve’s ‘Dune: Part Three’ for Friday, Dec. 18, 2026, pinning down the December window they announced last month.",
    [
        "Warner Bros. and Legendary have dated Denis Villeneuve’s ‘Dune: Part Three’ for Friday, Dec. 18, 2026, pinning down the December window they announced last month.",
        "The film will open in Imax and premium large formats worldwide. Timothée Chalamet, Zendaya and Robert Pattinson star.",
        "Warner Bros. also set its original thriller ‘The Paper Meridian’ for Oct. 9, 2026.",
    ],
    2,
    "event",
    "refinement December 2026 -> Dec. 18, 2026; a second film and date in the same story",
    question="release-date",
    image="https://deadline.com/wp-content/uploads/2025/06/zendaya-dune-part-two-still.jpg?w=1024",
    image_title="Zendaya in ‘Dune: Part Two’",
    image_credit="Warner Bros.",
)

rel(
    "parallax",
    "2025-06-13 08:30",
    "A day for Messiah",
    "Villeneuve’s Dune: Part Three now has a day: 18 December 2026.",
    [
        "Villeneuve’s Dune Messiah adaptation, officially Dune: Part Three, now has a day: 18 December 2026, a Friday, as Warner Bros. confirmed this week.",
        "Last month the studio had only committed to ‘December’. Now it is a date you can circle.",
        "Herbert published the novel in 1969; it has taken 57 years to reach the screen.",
    ],
    2,
    "event",
    "same news, day-month-year wording, via the 'Dune Messiah' alias",
    question="release-date",
)

rel(
    "gnews",
    "2025-06-11 09:40",
    "‘Dune: Part Two’ leaves Max on June 30: stream it while you can",
    "",
    [],
    2,
    "confuser",
    "Part Two's streaming exit date (headline only)",
    source="Digital Trends",
    source_url="https://www.digitaltrends.com/movies/dune-part-two-leaving-max-june-30/",
)

# ================================================================== step 3: repeats, Pattinson confusers (THR down)

rel(
    "ign",
    "2025-06-17 16:00",
    "Dune: Part Three Release Date Set for December 18, 2026",
    "Warner Bros. has officially dated Dune: Part Three for December 18, 2026. Denis Villeneuve's sequel stars Timothée Chalamet, Zendaya, and Robert Pattinson.",
    [],
    3,
    "repeat",
    "repeat of the day date",
)

rel(
    "gnews",
    "2025-06-17 21:00",
    "‘Dune: Part Three’ gets Dec. 18, 2026 release date",
    "",
    [],
    3,
    "repeat",
    "repeat (headline only)",
    source="Screen Daily",
    source_url="https://www.screendaily.com/news/dune-part-three-gets-dec-18-2026-release-date/5204710.article",
)

rel(
    "collider",
    "2025-06-18 14:10",
    "Dune: Part Three Finally Has an Exact Release Date",
    "Mark your calendars: Dune: Part Three arrives in theaters on December 18, 2026.",
    [
        "Mark your calendars: Dune: Part Three arrives in theaters on December 18, 2026.",
        "Warner Bros. had only promised December. Now Denis Villeneuve's third trip to Arrakis has a Friday all to itself, a week before Christmas.",
    ],
    3,
    "repeat",
    "repeat; this item has no guid (identity is its link)",
    guid=False,
    image="https://static1.colliderimages.com/wordpress/wp-content/uploads/2025/06/dune-part-three-release-date-arrakis.jpg",
    image_title="Dune: Part Two key art",
)

rel(
    "deadline",
    "2025-06-19 18:30",
    "‘The Batman Part II’ Begins Filming With Robert Pattinson Back As Bruce Wayne; Oct. 1, 2027 Release Holds",
    "Cameras are rolling on Matt Reeves’ ‘The Batman Part II’, with Robert Pattinson reprising his role as Bruce Wayne ahead of the film’s Oct. 1, 2027 release.",
    [
        "Cameras are rolling on Matt Reeves’ ‘The Batman Part II’, with Robert Pattinson reprising his role as Bruce Wayne ahead of the film’s Oct. 1, 2027 release.",
        "The sequel shoots in London and Chicago through the end of the year.",
        "Pattinson will shuttle between the Warner Bros. sequel and Denis Villeneuve’s ‘Dune: Part Three’, which is due in December 2026 and in which his role has not been disclosed.",
    ],
    3,
    "confuser",
    "Pattinson's role in another film, with that film's date; the Dune sentence says his role is undisclosed and restates the known date at month precision",
    image="https://deadline.com/wp-content/uploads/2025/06/the-batman-robert-pattinson.jpg?w=1024",
    image_title="Robert Pattinson in ‘The Batman’",
    image_credit="Jonathan Olley/Warner Bros.",
)

rel(
    "collider",
    "2025-06-20 17:45",
    "First Look: Zendaya and Robert Pattinson in A24's The Drama",
    "A24 has released the first image of Zendaya and Robert Pattinson in Kristoffer Borgli's The Drama, which opens April 3, 2026.",
    [
        "A24 has released the first image of Zendaya and Robert Pattinson in Kristoffer Borgli's The Drama, which opens April 3, 2026.",
        "The pair play an engaged couple whose wedding week goes sideways.",
        "The two stars reunite later this year on the set of Denis Villeneuve's Dune: Part Three.",
    ],
    3,
    "confuser",
    "a first-look image of Zendaya (and Pattinson) in another film, with that film's date; Dune mentioned",
    image="https://static1.colliderimages.com/wordpress/wp-content/uploads/2025/06/the-drama-zendaya-robert-pattinson-first-look.jpg",
    image_title="Zendaya and Robert Pattinson in The Drama",
)

# ================================================================== step 4: Pattinson's role (THR back)

rel(
    "thr",
    "2025-06-22 16:30",
    "Robert Pattinson to Play Scytale in ‘Dune: Part Three’",
    "Robert Pattinson’s mystery role in Denis Villeneuve’s ‘Dune: Part Three’ is Scytale, the shape-shifting Face Dancer from Frank Herbert’s ‘Dune Messiah’, Legendary confirmed.",
    [
        "Robert Pattinson’s mystery role in Denis Villeneuve’s ‘Dune: Part Three’ is Scytale, the shape-shifting Face Dancer from Frank Herbert’s ‘Dune Messiah’, Legendary confirmed.",
        "In the novel, Scytale is a Tleilaxu agent who joins a conspiracy against Emperor Paul Atreides, played by Timothée Chalamet.",
        "The film opens Dec. 18, 2026.",
    ],
    4,
    "event",
    "first report of the role, published while this feed answered 500: first observable at step 4",
    question="pattinson-role",
    image="https://www.hollywoodreporter.com/wp-content/uploads/2025/06/robert-pattinson-getty-H-2025.jpg?w=1296",
    image_title="Robert Pattinson",
    image_credit="Getty Images",
)

rel(
    "deadline",
    "2025-06-26 15:50",
    "Denis Villeneuve Confirms Robert Pattinson Plays Scytale In ‘Dune: Part Three’",
    "Denis Villeneuve has confirmed that Robert Pattinson plays Scytale, the Tleilaxu Face Dancer, in ‘Dune: Part Three’.",
    [
        "Denis Villeneuve has confirmed that Robert Pattinson plays Scytale, the Tleilaxu Face Dancer, in ‘Dune: Part Three’.",
        "“Rob disappears into him,” Villeneuve told Deadline from the Budapest set. “You will not recognize him.”",
        "Legendary and Warner Bros. release the film Dec. 18, 2026.",
    ],
    4,
    "event",
    "same news, same step",
    question="pattinson-role",
)

rel(
    "gnews",
    "2025-06-28 10:15",
    "Robert Pattinson will play Scytale in Dune: Part Three",
    "",
    [],
    4,
    "event",
    "same news, headline only",
    question="pattinson-role",
    source="Empire",
    source_url="https://www.empireonline.com/movies/news/robert-pattinson-scytale-dune-part-three/",
)

# ================================================================== step 5: repeats, hedge, trailer date, more confusers

rel(
    "collider",
    "2025-07-01 16:00",
    "Who Is Scytale? Robert Pattinson's Dune: Part Three Villain, Explained",
    "Robert Pattinson plays Scytale in Dune: Part Three. Here's who the Face Dancer is in Frank Herbert's books, and why the Tleilaxu matter.",
    [
        "Robert Pattinson plays Scytale in Dune: Part Three. Here's who the Face Dancer is in Frank Herbert's books, and why the Tleilaxu matter.",
        "Pattinson, best known lately as Bruce Wayne in The Batman, takes on a character who can wear any face he likes.",
        "Dune: Part Three opens December 18, 2026.",
    ],
    5,
    "repeat",
    "repeat of the role, with Pattinson's other role nearby",
    image="https://static1.colliderimages.com/wordpress/wp-content/uploads/2025/07/robert-pattinson-scytale-explainer.jpg",
    image_title="Robert Pattinson",
)

rel(
    "parallax",
    "2025-07-02 10:00",
    "Pattinson as Scytale",
    "The casting I did not know I needed.",
    [
        "So Robert Pattinson is Scytale in Dune: Part Three. The casting I did not know I needed.",
        "The Face Dancer is the most slippery figure in Dune Messiah, and Pattinson has spent a decade playing men who are not quite what they seem.",
    ],
    5,
    "repeat",
    "repeat of the role, blog wording",
)

rel(
    "deadline",
    "2025-07-02 18:25",
    "‘Dune: Part Three’ Adds Nakoa Lindqvist As Bijaz",
    "Nakoa Lindqvist has joined Denis Villeneuve’s ‘Dune: Part Three’ as Bijaz, the Tleilaxu dwarf who carries a secret into Paul’s court.",
    [
        "Nakoa Lindqvist has joined Denis Villeneuve’s ‘Dune: Part Three’ as Bijaz, the Tleilaxu dwarf who carries a secret into Paul’s court.",
        "Lindqvist joins Timothée Chalamet, Zendaya and Robert Pattinson, who plays Scytale.",
        "Lindqvist is repped by UTA.",
    ],
    5,
    "confuser",
    "another actor's role in the same film, next to Pattinson's name; restates Pattinson's known role",
)

rel(
    "ign",
    "2025-07-03 19:20",
    "Dune: Part Three Could Move to 2027 as Warner Bros. Reportedly Eyes March Release",
    "Warner Bros. is reportedly eyeing March 19, 2027 for Dune: Part Three, according to industry chatter, which would move Denis Villeneuve's sequel off its December 18, 2026 date. The studio has not commented, and for now the film remains dated for December 18, 2026.",
    [],
    5,
    "hedge",
    "rumor with a date ('could move', 'reportedly eyeing'): must not change the answer nor notify",
)

rel(
    "collider",
    "2025-07-04 17:00",
    "Dune: Part Three Teaser Trailer Drops Next Thursday",
    "Warner Bros. will debut the first teaser trailer for Denis Villeneuve's Dune: Part Three on Thursday, July 17, the studio announced with a 10-second tease.",
    [
        "Warner Bros. will debut the first teaser trailer for Denis Villeneuve's Dune: Part Three on Thursday, July 17, the studio announced with a 10-second tease.",
        "The tease shows only sand and a single line of narration from Zendaya's Chani.",
        "Dune: Part Three opens in theaters December 18, 2026.",
    ],
    5,
    "neutral",
    "trailer-date announcement: the teaser's date, not the film's",
    updates=[
        (
            7,
            "2025-07-17 17:30",
            Version(
                "Dune: Part Three Teaser Trailer and First Images Show Chalamet's Emperor Paul",
                "UPDATE: The teaser for Dune: Part Three is here, and Warner Bros. has also released the first official images from Denis Villeneuve's sequel, including Timothée Chalamet as Emperor Paul Atreides on the throne.",
                [
                    "UPDATE: The teaser for Dune: Part Three is here, and Warner Bros. has also released the first official images from Denis Villeneuve's sequel, including Timothée Chalamet as Emperor Paul Atreides on the throne.",
                    "The teaser, released Thursday, ends on Paul alone in the great hall of Arrakeen.",
                    "Dune: Part Three opens in theaters November 20, 2026.",
                ],
                image="https://static1.colliderimages.com/wordpress/wp-content/uploads/2025/07/dune-part-three-first-image-paul-throne.jpg",
                image_title="Timothée Chalamet in Dune: Part Three",
            ),
            "event",
            "the same item (same guid) updated in place: now carries the first official images",
            "first-look",
        )
    ],
)

rel(
    "thr",
    "2025-07-05 17:00",
    "‘Dune: Prophecy’ Season 2 First Look: Emily Watson’s Valya Returns",
    "HBO has released the first-look image from season two of ‘Dune: Prophecy’, which premieres Nov. 16.",
    [
        "HBO has released the first-look image from season two of ‘Dune: Prophecy’, which premieres Nov. 16.",
        "The series returns a year before Denis Villeneuve’s ‘Dune: Part Three’ reaches theaters.",
        "Emily Watson and Olivia Williams star as the Harkonnen sisters.",
    ],
    5,
    "confuser",
    "a first-look image and premiere date for the TV series, not the film",
    section="tv/tv-news",
    image="https://www.hollywoodreporter.com/wp-content/uploads/2025/07/dune-prophecy-s2-first-look-emily-watson-H-2025.jpg?w=1296",
    image_title="Emily Watson in ‘Dune: Prophecy’ season two",
    image_credit="HBO",
)

# ================================================================== step 6: the date moves up

rel(
    "deadline",
    "2025-07-09 16:15",
    "Warner Bros. Moves ‘Dune: Part Three’ Up To Nov. 20, 2026; ‘The Paper Meridian’ Shifts To 2027",
    "Warner Bros. has moved Denis Villeneuve’s ‘Dune: Part Three’ up four weeks, from Dec. 18 to Nov. 20, 2026.",
    [
        "Warner Bros. has moved Denis Villeneuve’s ‘Dune: Part Three’ up four weeks, from Dec. 18 to Nov. 20, 2026.",
        "The studio also moved ‘The Paper Meridian’ from Oct. 9, 2026 to Jan. 15, 2027.",
        "The new date gives the Legendary co-production the weekend before Thanksgiving in premium formats.",
    ],
    6,
    "event",
    "date change to an EARLIER date (old and new date in one sentence); another film's swap in the same story",
    question="release-date",
    image="https://deadline.com/wp-content/uploads/2025/07/dune-part-two-chalamet-zendaya.jpg?w=1024",
    image_title="Timothée Chalamet and Zendaya in ‘Dune: Part Two’",
    image_credit="Warner Bros.",
)

rel(
    "thr",
    "2025-07-10 20:00",
    "‘Dune: Part Three’ Jumps Ahead to Pre-Thanksgiving Frame",
    "Denis Villeneuve’s ‘Dune: Part Three’ will now open Nov. 20, 2026, Warner Bros. said, a month earlier than planned.",
    [
        "Denis Villeneuve’s ‘Dune: Part Three’ will now open Nov. 20, 2026, Warner Bros. said, a month earlier than planned.",
        "The Legendary co-production had been set for Dec. 18, 2026.",
        "Timothée Chalamet, Zendaya and Robert Pattinson star.",
    ],
    6,
    "event",
    "same news, same step; this item has no pubDate",
    question="release-date",
    pubdate=False,
)

# ================================================================== step 7: first look, repeats of the move

rel(
    "thr",
    "2025-07-17 16:00",
    "‘Dune: Part Three’ First Look: Timothée Chalamet’s Emperor Paul Atreides Takes the Throne",
    "Warner Bros. has released the first official images from Denis Villeneuve’s ‘Dune: Part Three’, showing Timothée Chalamet as Emperor Paul Atreides twelve years after the events of ‘Part Two’.",
    [
        "Warner Bros. has released the first official images from Denis Villeneuve’s ‘Dune: Part Three’, showing Timothée Chalamet as Emperor Paul Atreides twelve years after the events of ‘Part Two’.",
        "Zendaya’s Chani and Robert Pattinson’s Scytale do not appear in the stills.",
        "The film opens Nov. 20, 2026.",
    ],
    7,
    "event",
    "first official images, in media:content",
    question="first-look",
    image="https://www.hollywoodreporter.com/wp-content/uploads/2025/07/dune-part-three-first-look-chalamet-emperor-H-2025.jpg?w=1296",
    image_title="Timothée Chalamet in ‘Dune: Part Three’",
    image_credit=WB,
)

rel(
    "ign",
    "2025-07-15 15:00",
    "Dune: Part Three Moves Up a Month to November 20, 2026",
    "Warner Bros. has moved Dune: Part Three up to November 20, 2026, four weeks ahead of its previous December 18 release date.",
    [],
    7,
    "repeat",
    "repeat of the new date",
)

rel(
    "gnews",
    "2025-07-15 18:00",
    "Warner Bros. moves ‘Dune: Part Three’ up to November 2026",
    "",
    [],
    7,
    "repeat",
    "repeat at month precision: consistent with Nov. 20, 2026, nothing new",
    source="Variety",
    source_url="https://variety.com/2025/film/news/dune-part-three-release-date-november-2026-1236441187/",
)

rel(
    "parallax",
    "2025-07-16 09:00",
    "November it is",
    "Part Three is now a 20 November 2026 release.",
    [
        "Warner Bros. has moved Dune: Part Three up a month: it is now a 20 November 2026 release.",
        "Earlier is better. The Prophecy series returns this November too, so it will be a long Arrakis winter.",
    ],
    7,
    "repeat",
    "repeat of the new date, day-month wording",
)

# ================================================================== step 8: repeats of the first look, slate list

rel(
    "gnews",
    "2025-07-22 09:00",
    "Dune: Part Three first images show Timothée Chalamet's Emperor Paul on the throne",
    "",
    [],
    8,
    "repeat",
    "repeat of the first look (headline only)",
    source="Empire",
    source_url="https://www.empireonline.com/movies/news/dune-part-three-first-images-chalamet-emperor-paul/",
)

rel(
    "parallax",
    "2025-07-23 08:00",
    "Reading the first Part Three images",
    "Paul on the throne, and nobody else in the frame.",
    [
        "The first official images from Dune: Part Three are out, and the one that matters is Paul on the throne, with nobody else in the frame.",
        "Villeneuve is telling us exactly what kind of film this is.",
    ],
    8,
    "repeat",
    "repeat of the first look, with the still",
    image="https://parallax-notes.net/images/2025/dune-part-three-first-image-throne.jpg",
)

rel(
    "deadline",
    "2025-07-24 20:00",
    "Warner Bros.’ 2026 Release Calendar: Every Date So Far",
    "With ‘Dune: Part Three’ now in November 2026, here is where the studio’s slate for the year stands.",
    [
        "With ‘Dune: Part Three’ now in November 2026, here is where the studio’s slate for the year stands.",
        "<ul><li>Feb. 13: ‘The Velvet Archive’</li><li>April 3: ‘Midnight Lantern’</li><li>June 12: ‘The Iron Weather’</li><li>Aug. 7: ‘Glass Frontier’</li><li>Oct. 2: ‘Sacred Station’</li><li>Nov. 20: ‘Dune: Part Three’ (with Legendary)</li><li>Dec. 18: ‘The Golden Tide’</li><li>Dec. 25: ‘Hollow Kingdom’</li></ul>",
        "‘The Golden Tide’ takes the Dec. 18 slot that ‘Dune: Part Three’ vacated.",
    ],
    8,
    "repeat",
    "slate list: the date right after the Dune line (Dec. 18, its old date) belongs to another film; Dune's own entry repeats Nov. 20",
)

rel(
    "ign",
    "2025-07-25 21:30",
    "Dune (1984) vs. Dune: Part Three: How Villeneuve's Emperor Paul Differs From Lynch's Ending",
    "David Lynch's Dune ended with Kyle MacLachlan's Paul making rain on Arrakis; Villeneuve's first images for Dune: Part Three show a very different emperor. Lynch's film was released December 14, 1984.",
    [],
    8,
    "confuser",
    "the 1984 film and its date next to a Part Three mention",
)


# ================================================================== filler


def ign_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    games = [
        "Starfall Tactics",
        "Hollow Crown",
        "Neon Drift 2",
        "Ashen Tide",
        "Glass Harbor",
        "Moth & Lantern",
        "Iron Saints",
        "Velvet Run",
        "Deep Signal",
        "Paper Knights",
        "Frontier Zero",
        "Tidebreaker",
    ]
    g = r.choice(games)
    kind = r.randrange(6)
    if kind == 0:
        return (
            f"{g} Review",
            f"{g} is {r.choice(['a gorgeous', 'a frustrating', 'an inventive', 'a bloated'])} {r.choice(['roguelike', 'shooter', 'RPG', 'racer'])} that {r.choice(['earns its hype', 'runs out of ideas', 'rewards patience'])}.",
            [],
            "Reviews",
            False,
        )
    if kind == 1:
        m, d = r.choice(MONTHS), r.randint(1, 28)
        return (
            f"{g} Gets {m} {d} Release Date on PS5, Xbox, and PC",
            f"{g} will launch on {m} {d}, its developer announced alongside a new gameplay trailer.",
            [],
            "Games",
            False,
        )
    if kind == 2:
        return (
            f"The Best {r.choice(['4K TV', 'Gaming Headset', 'SSD', 'Switch', 'LEGO'])} Deals This Week",
            "We rounded up the best discounts we could find.",
            [],
            "Deals",
            False,
        )
    if kind == 3:
        return (
            f"{g} Adds Crossplay in Next Update",
            f"The next {g} patch adds crossplay and a new map.",
            [],
            "Games",
            False,
        )
    t, s, _, c, _ = fill.trade(2025)
    return (t, s, [], c, False)


def gnews_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    place = r.choice(
        [
            "Outer Banks",
            "Silver Lake",
            "Indiana Dunes",
            "Great Sand Dunes",
            "Cape Cod",
            "Sleeping Bear",
            "Oregon Dunes",
            "Jockey's Ridge",
            "Kelso",
            "Coral Pink",
            "Westhampton",
            "Padre Island",
        ]
    )
    n = r.randint(2, 9)
    options = [
        (
            f"{place} dune restoration project gets ${n}.{r.randint(1, 9)}M in state funding",
            "Coastal Courier",
        ),
        (f"{place} National Park sets attendance record over holiday weekend", "Mountain Daily"),
        (f"Dune buggy rally returns to {place} this summer", "Oceana Herald"),
        (
            f"Storm erodes {place} dunes; beach access closed until further notice",
            "Shoreline Press",
        ),
        (f"Volunteers plant {n},000 beach grass plugs to rebuild {place} dunes", "Coastal Courier"),
        (f"Dune Road repaving in {place} to begin after Labor Day", "Shoreline Press"),
        ("Frank Herbert's 'Dune' tops summer reading lists again", "Book Riot"),
        (f"Dune: Awakening patch 1.{n} adds new Deep Desert events", "Rock Paper Shotgun"),
        (f"Why sand dunes 'sing': physicists at {place} explain the hum", "Science Weekly"),
        (f"Hiker rescued after falling on {place} dune", "Mountain Daily"),
        ("Dune: Imperium board game gets new expansion", "Dicebreaker"),
    ]
    title, src = r.choice(options)
    return title, src, [], "", False


def parallax_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    f = fill.film()
    p = fill.person()
    kind = r.randrange(4)
    if kind == 0:
        return (
            f"Rewatching {f}",
            f"{f} has aged better than I expected.",
            [
                f"{f} has aged better than I expected.",
                f"{p}'s performance holds the whole thing together.",
            ],
            "essays",
            True,
        )
    if kind == 1:
        return (
            f"Notes on the {f} trailer",
            f"{p} in a spacesuit, again.",
            [
                f"{p} in a spacesuit, again. The trailer for {f} is all mood and no plot.",
                f"It opens {r.choice(MONTHS)} {r.randint(1, 28)}.",
            ],
            "news",
            True,
        )
    if kind == 2:
        return (
            "Ten underrated space operas",
            f"Starting with {f}.",
            [f"Starting with {f}, a film nobody saw.", "The list is in no particular order."],
            "lists",
            False,
        )
    return (
        f"{f}: a review",
        f"{p}'s film is {r.choice(['cold', 'lovely', 'overlong', 'brave'])}.",
        [
            f"{p}'s film is {r.choice(['cold', 'lovely', 'overlong', 'brave'])}.",
            f"Shot in {r.choice(CITIES)}, it looks expensive.",
        ],
        "reviews",
        True,
    )


def gnews_filler() -> None:
    counts = [16, 4, 4, 3, 4, 3, 4, 3, 4]
    for k, count in enumerate(counts):
        end = b.steps[k]["time"] - dt.timedelta(minutes=30)
        start = b.steps[k - 1]["time"] if k else b.steps[0]["time"] - dt.timedelta(days=6)
        span = int((end - start).total_seconds())
        for _ in range(count):
            t = start + dt.timedelta(seconds=b.rng.randint(60, span))
            title, src, _, _, _ = gnews_make()
            url = f"https://www.{slugify(src).replace('-', '')}.com/{t:%Y/%m/%d}/{slugify(title)}-{b.rng.randint(1000, 9999)}/"
            b.add(Item("gnews", t, [(0, Version(title, "", []))], link=gnews_link(url), source=src))


add_filler(
    b,
    "deadline",
    [17, 5, 4, 5, 4, 4, 5, 3, 5],
    lambda: fill.trade(2025),
    deadline_link,
    lambda link, e: e["guid"],
    AUTHORS["deadline"],
)
add_filler(
    b,
    "thr",
    [16, 4, 4, 3, 4, 4, 3, 4, 4],
    lambda: fill.trade(2025),
    thr_link,
    lambda link, e: e["guid"],
    AUTHORS["thr"],
)
add_filler(
    b,
    "ign",
    [13, 4, 3, 4, 3, 3, 4, 3, 3],
    ign_make,
    ign_link,
    lambda link, e: e["guid"],
    AUTHORS["ign"],
)
add_filler(
    b,
    "collider",
    [15, 4, 4, 3, 4, 3, 4, 3, 4],
    lambda: fill.listicle() if b.rng.random() < 0.12 else fill.trade(2025),
    collider_link,
    lambda link, e: "",
    AUTHORS["collider"],
)
add_filler(
    b,
    "parallax",
    [11, 1, 2, 1, 2, 1, 1, 2, 1],
    parallax_make,
    parallax_link,
    lambda link, e: e["guid"],
    AUTHORS["parallax"],
    start_days=30,
)
gnews_filler()

FL = "https://www.hollywoodreporter.com/wp-content/uploads/2025/07/dune-part-three-first-look-chalamet-emperor-H-2025.jpg?w=1296"


def state(date: str, role: str | None, look: bool) -> dict[str, dict[str, Any]]:
    return {
        # a month-precision answer is not compared as an ISO date by the scorer: check it by substring
        "release-date": (
            {"status": "answered", "answer": date}
            if len(date) == 10
            else {"status": "answered", "answer": date, "answer_contains": date}
        ),
        "pattinson-role": (
            {"status": "answered", "answer": role, "answer_contains": role}
            if role
            else {"status": "open", "answer": None}
        ),
        "first-look": {"status": "answered", "answer": FL}
        if look
        else {"status": "open", "answer": None},
    }


b.build(
    meta={
        "name": "dune3",
        "description": "Synthetic feed snapshots about Dune: Part Three for testing a release watcher. The articles are invented for this purpose and are not real reporting; every date, casting and image in them is fictional on purpose (Pattinson's role, the December 2026 window, the Nov. 20 move, the rumored March 2027 move). Outlets are named only to give each feed a realistic shape.",
        "subject": "dune-part-three",
        "questions": ["release-date", "pattinson-role", "first-look"],
    },
    events={
        0: {"release-date": "2026-12"},
        2: {"release-date": "2026-12-18"},
        4: {"pattinson-role": "Scytale"},
        6: {"release-date": "2026-11-20"},
        7: {"first-look": FL},
    },
    state=[
        state("2026-12", None, False),
        state("2026-12", None, False),
        state("2026-12-18", None, False),
        state("2026-12-18", None, False),
        state("2026-12-18", "Scytale", False),
        state("2026-12-18", "Scytale", False),
        state("2026-11-20", "Scytale", False),
        state("2026-11-20", "Scytale", True),
        state("2026-11-20", "Scytale", True),
    ],
)
print(f"wrote {OUT}")

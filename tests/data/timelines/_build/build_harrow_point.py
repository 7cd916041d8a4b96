# ruff: noqa: E501
"""Build tests/data/timelines/harrow-point: invented reporting about *Harrow Point*, an invented
legacy sequel (same title as the 1994 original) in a franchise that also has a same-name streaming
series whose season dates, episode counts, showrunner news and casting keep appearing beside it.

    .venv/bin/python tests/data/timelines/_build/build_harrow_point.py

Release-date rule (stated in timeline.json too): the date the film opens in US theaters. When the
film is pulled from its date with no new date set, the question goes back to open (no date is
known) and that removal is an event; the next concrete US date answers it again. UK dates, the
series' season and episode dates and other films' dates are not release dates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import styles_extra
from common import Builder, Feed, Filler, Item, T, Version, add_filler, gnews_link, slugify

styles_extra.install()

OUT = Path(__file__).resolve().parent.parent / "harrow-point"

b = Builder(OUT, seed=20260605)
fill = Filler(b.rng)

for t in [
    "2025-05-06 16:00",
    "2025-06-10 16:00",
    "2025-07-15 16:00",
    "2025-09-09 16:00",
    "2025-10-21 16:00",
    "2025-12-02 16:00",
    "2026-01-20 16:00",
    "2026-03-17 16:00",
]:
    b.step(t)
b.steps[2]["status"] = {"collider": 503}

b.feed(
    Feed(
        "variety",
        "wp",
        "Variety",
        "https://variety.com/feed/",
        15,
        "https://variety.com",
        extra={"description": "Entertainment news, film reviews, awards, film festivals, box office", "offset": 0, "wp": "6.6.2"},
    )
)
b.feed(
    Feed(
        "empire",
        "empire",
        "Empire Online - Movie News",
        "https://www.empireonline.com/movies/news/rss/",
        14,
        "https://www.empireonline.com",
        extra={"description": "The latest movie news from Empire"},
    )
)
b.feed(
    Feed(
        "tvline",
        "atom_xhtml",
        "TVLine",
        "https://tvline.com/feed/atom/",
        14,
        "https://tvline.com",
        fmt="atom",
        extra={"id": "tag:tvline.com,2025:feed", "subtitle": "TV news, scoops and spoilers", "generator": "WordPress", "offset": -7},
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
        extra={"description": "Collider is the web's leading entertainment news source"},
    )
)
b.feed(
    Feed(
        "gnews",
        "gnews",
        '"Harrow Point" - Google News',
        "https://news.google.com/rss/search?q=%22Harrow+Point%22&hl=en-US&gl=US&ceid=US:en",
        15,
        "https://news.google.com",
        extra={"query": '"Harrow Point"'},
    )
)


def pid(t: dt.datetime, title: str, base: int, mod: int = 900000) -> int:
    return base + int(hashlib.sha1(f"{t}{title}".encode()).hexdigest()[:7], 16) % mod


def variety_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    n = pid(t, title, 1236000000)
    return f"https://variety.com/{t:%Y}/film/news/{slug}-{n}/", {
        "guid": f"https://variety.com/?p={n}",
        "image": f"https://variety.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg?w=1000",
    }


def empire_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 60)
    return f"https://www.empireonline.com/movies/news/{slug}/", {
        "guid": "",
        "image": f"https://images.bauerhosting.com/brands/empire/{t:%Y/%m}/{slug[:30]}.jpg",
    }


def tvline_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    n = pid(t, title, 2100000)
    return f"https://tvline.com/news/{slug}-{n}/", {
        "guid": f"https://tvline.com/?p={n}",
        "image": f"https://tvline.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg",
    }


def collider_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    return f"https://collider.com/{slug}/", {
        "guid": "",
        "image": f"https://static1.colliderimages.com/wordpress/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg",
    }


LINKS = {"variety": variety_link, "empire": empire_link, "tvline": tvline_link, "collider": collider_link}
AUTHORS = {
    "variety": ["Brent Lang", "Rebecca Rubin", "Jordan Moreau", "Carys Wendt"],
    "empire": ["Ben Travis", "Helen O'Hara", "Alex Godfrey", "Priya Rowntree"],
    "tvline": ["Michael Ausiello", "Vlada Gelman", "Matt Webb Mitovich", "Dana Kessler"],
    "collider": ["Steve Weintraub", "Therese Lacson", "Jeff Ewing", "Ross Bonaime"],
}
CATS = {"variety": ["Film", "News"], "empire": [], "tvline": ["News"], "collider": ["Movie News"]}


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
    v = Version(title, summary, paras or ([summary] if feed != "gnews" else []), image, image_title, image_credit)
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


# ================================================================== step 0: baseline: dated March 13, 2026; the series renewed

rel(
    "variety",
    "2025-05-02 17:30",
    "‘Harrow Point’ Legacy Sequel Dated for March 2026 at Sentinel",
    "Sentinel Pictures will open the return to the 1994 thriller on March 13, 2026.",
    [
        "Sentinel Pictures has dated <em>Harrow Point</em>, Colm Tierney’s return to the 1994 lighthouse thriller, for March 13, 2026.",
        "Tessa Vane and Jonah Reyes lead the cast of the new film, which shares its title with the original. Celia Dunmore, who starred in the 1994 film, has not been announced.",
        "The franchise continues on television in Vantage+’s <em>Harrow Point</em> series, whose second season is in production.",
    ],
    0,
    "event",
    "baseline: March 13, 2026; the legacy actor is not (yet) in the cast",
    question="release-date",
)

rel(
    "tvline",
    "2025-05-01 20:00",
    "Harrow Point Renewed for Season 2 at Vantage+",
    "The streamer has ordered eight more episodes of the lighthouse drama.",
    [
        "Vantage+ has renewed <em>Harrow Point</em>, its series spinoff of the 1994 film, for an eight-episode second season.",
        "Showrunner Priya Halvorsen returns; production starts in Nova Scotia this summer.",
    ],
    0,
    "confuser",
    "the same-name TV series: renewal, episode count, showrunner",
)

# ================================================================== step 1: the cameo rumor; the series' premiere date

rel(
    "collider",
    "2025-06-08 14:00",
    "Celia Dunmore Rumored to Return for ‘Harrow Point’ Cameo",
    "The original star may be back, according to an insider.",
    [
        "Celia Dunmore, who played lighthouse keeper Ada Crane in the 1994 original, is rumored to return for a cameo in Sentinel’s <em>Harrow Point</em>, according to an insider.",
        "Neither Sentinel nor Dunmore’s representatives have confirmed her involvement. The film opens March 13, 2026.",
    ],
    1,
    "confuser",
    "rumor (hedge) about the legacy actor's cameo: dunmore-role stays open; restates the known date",
)

rel(
    "tvline",
    "2025-06-09 17:00",
    "Harrow Point Season 2 Premiere Date Set for September 18",
    "All eight episodes of the Vantage+ drama’s new season arrive weekly from Sept. 18.",
    [
        "<em>Harrow Point</em> returns to Vantage+ on Thursday, Sept. 18, with new episodes weekly through Nov. 6.",
        "Season 2 adds Wes Calder as a coast guard captain. Showrunner Priya Halvorsen says the season ties into the upcoming film.",
    ],
    1,
    "confuser",
    "the series' season premiere date and finale date (not the film's)",
)

rel(
    "gnews",
    "2025-06-09 09:00",
    "‘Harrow Point’ sets March 13, 2026 release for Sentinel’s legacy sequel",
    "",
    [],
    1,
    "repeat",
    "aggregator restating the known date",
    source="Screen Rant",
    source_url="https://screenrant.com/harrow-point-movie-release-date-march-2026/",
)

# ================================================================== step 2: the denial; the series trailer; another legacy actor confirmed (collider is down)

rel(
    "variety",
    "2025-07-14 18:00",
    "Celia Dunmore Is Not in ‘Harrow Point’, Rep Says",
    "The 1994 film’s star will not appear in the legacy sequel.",
    [
        "Celia Dunmore will not appear in Sentinel Pictures’ <em>Harrow Point</em>, her representative told Variety on Monday, putting an end to weeks of rumors of a cameo.",
        "“Celia is not in the film. She wishes Colm and the cast the very best,” the rep said.",
        "Roy Ambrose, who played the harbor master in the 1994 original, has joined the sequel in a supporting role.",
    ],
    2,
    "confuser",
    "a denial ('will not appear', 'is not in the film'): does not answer dunmore-role; Roy Ambrose's supporting role is another actor",
)

rel(
    "tvline",
    "2025-07-12 16:00",
    "Harrow Point Season 2 Trailer: The Light Goes Out",
    "Vantage+ has released the first trailer for the drama’s second season.",
    [
        "Vantage+ has released the first trailer for season 2 of <em>Harrow Point</em>, which premieres Sept. 18.",
        "Celia Dunmore guest-stars in one episode as Ada Crane, the role she originated in the 1994 film.",
    ],
    2,
    "confuser",
    "the series' trailer image (not the film's); Dunmore's guest role is in the series, not the film",
    image="https://tvline.com/wp-content/uploads/2025/07/harrow-point-season-2-trailer.jpg",
    image_title="Harrow Point Season 2",
    image_credit="Vantage+",
)

rel(
    "empire",
    "2025-07-14 11:00",
    "Roy Ambrose Returns For Harrow Point",
    "The original film's harbor master is back in a supporting role, but Celia Dunmore won't be joining him.",
    [],
    2,
    "confuser",
    "another legacy actor's supporting role; the denial restated",
)

# ================================================================== step 3: pulled from March 13, no new date

rel(
    "variety",
    "2025-09-08 19:00",
    "Sentinel Pulls ‘Harrow Point’ From March Release Date",
    "The legacy sequel has been taken off the calendar; no new date has been set.",
    [
        "Sentinel Pictures has pulled <em>Harrow Point</em> from its March 13, 2026 release date. No new date has been set.",
        "The studio said Colm Tierney needs more time for reshoots, which begin in Halifax next month.",
        "Sentinel has moved its animated <em>Pocket Giants</em> into the March 13 slot.",
    ],
    3,
    "event",
    "the film is pushed out of its date with no new date: release-date goes back to open; Pocket Giants takes March 13",
    question="release-date",
)

rel(
    "gnews",
    "2025-09-08 23:30",
    "HARROW POINT PULLED FROM MARCH 13 DATE, NO NEW RELEASE SET",
    "",
    [],
    3,
    "event",
    "same removal, same step, ALL CAPS aggregator headline",
    question="release-date",
    source="World of Reel",
    source_url="https://www.worldofreel.com/blog/2025/9/8/harrow-point-pulled-from-march-date",
)

rel(
    "tvline",
    "2025-09-05 15:00",
    "Harrow Point Boss Previews Season 2: ‘Every Episode Ends at the Lighthouse’",
    "Showrunner Priya Halvorsen on the eight-episode season, premiering Sept. 18.",
    [
        "Showrunner Priya Halvorsen says all eight episodes of <em>Harrow Point</em> season 2 end at the lighthouse.",
        "The season premieres Sept. 18 on Vantage+, with the finale on Nov. 6.",
    ],
    3,
    "confuser",
    "the series: showrunner interview with season dates",
)

# ================================================================== step 4: the film's teaser trailer

rel(
    "collider",
    "2025-10-20 16:00",
    "‘Harrow Point’ Teaser Trailer: The Lighthouse Is Lit Again",
    "Sentinel has released the first teaser for Colm Tierney’s legacy sequel.",
    [
        "Sentinel Pictures has released the first teaser trailer for <em>Harrow Point</em>, Colm Tierney’s return to the 1994 thriller, starring Tessa Vane and Jonah Reyes.",
        "The 90-second teaser ends on the lighthouse lamp flickering back to life. The film does not yet have a release date.",
    ],
    4,
    "event",
    "the film's first teaser trailer (enclosure image); no date",
    question="trailer",
    image="https://static1.colliderimages.com/wordpress/wp-content/uploads/2025/10/harrow-point-teaser-trailer.jpg",
    image_title="Harrow Point teaser",
    image_credit="Sentinel Pictures",
)

rel(
    "gnews",
    "2025-10-21 08:40",
    "harrow point sequel finally has a teaser and it looks properly creepy",
    "",
    [],
    4,
    "event",
    "same teaser, same step, lowercase aggregator headline",
    question="trailer",
    source="Bloody Disgusting",
    source_url="https://bloody-disgusting.com/movie/3891004/harrow-point-teaser-trailer-sentinel/",
)

rel(
    "tvline",
    "2025-10-17 21:00",
    "Harrow Point Renewed for Season 3; Showrunner Priya Halvorsen Exits",
    "Vantage+ orders ten episodes; a new showrunner is being sought.",
    [
        "Vantage+ has renewed <em>Harrow Point</em> for a 10-episode third season, even as showrunner Priya Halvorsen exits to focus on a feature.",
        "Season 2 wraps Nov. 6.",
    ],
    4,
    "confuser",
    "the series: renewal, episode count, showrunner exit",
)

# ================================================================== step 5: the UK outlet reports the new US date in day-month form

rel(
    "empire",
    "2025-12-01 10:30",
    "Harrow Point Gets A New Release Date",
    "Colm Tierney's legacy sequel will now open in US cinemas on 5 June 2026, with the UK release following on 12 June.",
    [],
    5,
    "event",
    "the new US date in UK day-month form (5 June 2026); the UK release (12 June) is not the answer",
    question="release-date",
)

rel(
    "variety",
    "2025-11-28 16:00",
    "Box Office: ‘Pocket Giants’ Tops Thanksgiving Frame",
    "The animated film opened to $52 million over five days.",
    [
        "Sentinel’s <em>Pocket Giants</em> opened to $52 million over the five-day Thanksgiving frame.",
        "The studio is holding its March 13 slot for the film’s wide expansion in Europe.",
    ],
    5,
    "confuser",
    "the studio's other film; March 13 is now that film's, and Harrow Point is not named",
)

# ================================================================== step 6: the cameo confirmed; the new date from a US outlet

rel(
    "collider",
    "2026-01-19 18:00",
    "Celia Dunmore Does Appear in ‘Harrow Point’ After All, Director Confirms",
    "Colm Tierney confirms the original star shot a cameo in secret.",
    [
        "Colm Tierney has confirmed that Celia Dunmore has a cameo in <em>Harrow Point</em>, shot in secret during reshoots in Halifax last fall.",
        "“We had to deny it for months,” Tierney said. “Celia is in the film for about 90 seconds, and they’re the best 90 seconds.”",
        "Sentinel Pictures opens the film June 5.",
    ],
    6,
    "event",
    "confirmation of the rumored cameo: dunmore-role answered 'cameo'; the earlier rumor and denial were not answers; restates the date",
    question="dunmore-role",
)

rel(
    "variety",
    "2026-01-16 17:00",
    "‘Harrow Point’ Bows June 5, Sentinel Confirms",
    "Sentinel Pictures has confirmed the June 5 date for the legacy sequel.",
    [
        "Sentinel Pictures has confirmed that <em>Harrow Point</em> bows June 5, 2026, in theaters and Imax.",
        "The film had been undated since September.",
    ],
    6,
    "repeat",
    "the June 5 date from a US outlet, a step after the UK report: not a new event",
)

rel(
    "tvline",
    "2026-01-15 14:00",
    "Celia Dunmore Joins Harrow Point Season 3 as Series Regular",
    "The original film's star is upgraded from guest star.",
    [
        "Celia Dunmore has joined season 3 of Vantage+’s <em>Harrow Point</em> as a series regular, reprising Ada Crane.",
        "She guest-starred in one season 2 episode. Season 3 has a 10-episode order and premieres in the fall.",
    ],
    6,
    "confuser",
    "the legacy actor's role in the same-name series (series regular), not the film",
)

# ================================================================== step 7: repeats: box office in passing, cameo from a second outlet

rel(
    "variety",
    "2026-03-16 17:30",
    "Box Office: ‘Pocket Giants’ Expands Overseas as ‘The Glass Meridian’ Leads Domestic",
    "‘The Glass Meridian’ opened to $34 million.",
    [
        "<em>The Glass Meridian</em> led the domestic box office with $34 million.",
        "The weekend was originally home to Sentinel’s <em>Harrow Point</em>, which moved to June 5 after reshoots.",
    ],
    7,
    "repeat",
    "box-office story mentioning the film's date in passing (June 5 restated; the old March weekend)",
)

rel(
    "empire",
    "2026-03-14 09:00",
    "CELIA DUNMORE ON HER SECRET HARROW POINT CAMEO",
    "The star of the 1994 original explains how she kept her cameo in Colm Tierney's sequel quiet for a year.",
    [],
    7,
    "repeat",
    "the cameo from a second outlet two months later, ALL CAPS headline: not a new event",
)

rel(
    "gnews",
    "2026-03-15 12:00",
    "harrow point trailer 2 reveals celia dunmore's return, june 5 release",
    "",
    [],
    7,
    "repeat",
    "second trailer (lowercase headline): restates cameo and date; not a new first trailer",
    source="JoBlo",
    source_url="https://www.joblo.com/harrow-point-trailer-2-celia-dunmore/",
)


# ================================================================== filler

BANNED = ["harrow", "dunmore", "sentinel", "tierney", "vantage", "halvorsen", "ambrose", "pocket giants", "lighthouse", "tessa vane"]


def gnews_filler() -> None:
    counts = [13, 3, 3, 3, 4, 4, 3, 3]
    for k, count in enumerate(counts):
        end = b.steps[k]["time"] - dt.timedelta(minutes=25)
        start = b.steps[k - 1]["time"] if k else b.steps[0]["time"] - dt.timedelta(days=7)
        span = int((end - start).total_seconds())
        for _ in range(count):
            t = start + dt.timedelta(seconds=b.rng.randint(60, span))
            r = b.rng
            options = [
                ("Harrow Point lifeboat station celebrates 150 years", "BBC News"),
                (f"Harrow Point Harriers win county relay title by {r.randint(2, 9)} seconds", "Athletics Weekly"),
                ("Harrow Point season 2 episode 4 recap: storm warning", "Vulture"),
                ("Harrow Point star Wes Calder on that season 2 twist", "TV Insider"),
                ("Harrow Point ratings: Vantage+ drama hits new high", "Deadline"),
                ("Coastal erosion threatens Harrow Point homes, council warns", "The Guardian"),
                ("Harrow Point housing development approved after appeal", "Local Gov"),
                ("Every Harrow Point easter egg in season 2, explained", "Screen Rant"),
            ]
            title, src = r.choice(options)
            url = f"https://www.{slugify(src).replace('-', '')}.com/{t:%Y/%m/%d}/{slugify(title)}-{r.randint(1000, 9999)}/"
            b.add(Item("gnews", t, [(0, Version(title, "", []))], link=gnews_link(url), source=src))


def empire_make() -> tuple[str, str, list[str], str, bool]:
    ti, s, _ps, cat, img = fill.trade(2026)
    s = s.replace("theaters", "cinemas")
    return ti, s, [], cat, img


add_filler(b, "variety", [12, 5, 5, 5, 5, 5, 5, 5], styles_extra.clean_filler(lambda: fill.trade(2026), BANNED), variety_link, lambda link, e: e["guid"], AUTHORS["variety"])
add_filler(b, "empire", [12, 4, 4, 4, 4, 4, 4, 4], styles_extra.clean_filler(empire_make, BANNED), empire_link, None, AUTHORS["empire"])
add_filler(b, "tvline", [12, 4, 4, 4, 4, 4, 4, 4], styles_extra.clean_filler(lambda: fill.trade(2025), BANNED), tvline_link, lambda link, e: e["guid"], AUTHORS["tvline"])
add_filler(b, "collider", [12, 4, 4, 4, 4, 4, 4, 4], styles_extra.clean_filler(fill.listicle, BANNED), collider_link, None, AUTHORS["collider"])
gnews_filler()

TRAILER = "https://static1.colliderimages.com/wordpress/wp-content/uploads/2025/10/harrow-point-teaser-trailer.jpg"


def state(date: str | None, role: bool, trailer: bool) -> dict[str, dict[str, Any]]:
    return {
        "release-date": {"status": "answered", "answer": date} if date else {"status": "open", "answer": None},
        "dunmore-role": (
            {"status": "answered", "answer": "cameo", "answer_contains": "cameo"}
            if role
            else {"status": "open", "answer": None}
        ),
        "trailer": {"status": "answered", "answer": TRAILER} if trailer else {"status": "open", "answer": None},
    }


b.build(
    meta={
        "name": "harrow-point",
        "description": (
            "Synthetic feed snapshots about Harrow Point, an invented legacy-sequel thriller (Sentinel Pictures, director "
            "Colm Tierney, stars Tessa Vane and Jonah Reyes) that shares its title with the 1994 original and with "
            "Vantage+'s same-name streaming series (showrunner Priya Halvorsen), whose season premieres, finales, episode "
            "counts, renewals, showrunner exit, trailer and casting appear throughout. Harrow Point is also a place "
            "(lifeboat station, coastal erosion, a running club). Every article, person, company and date is invented. "
            "RELEASE-DATE RULE: the answer is the date the film opens in US theaters. March 13, 2026 at baseline -> "
            "pulled from that date with no new date set (step 3: this removal is an event and the question goes back to "
            "open, answer null, because no date is known any more) -> June 5, 2026, first reported by a UK outlet in "
            "day-month form ('5 June 2026', with the UK release '12 June' in the same sentence, which is not the "
            "answer). A US outlet's 'bows June 5' a step later and a box-office story mentioning the date in passing "
            "are repeats. The series' dates (Sept. 18 premiere, Nov. 6 finale) and the studio's other film Pocket "
            "Giants (which takes March 13) are not release dates. dunmore-role asks in what capacity Celia Dunmore "
            "(the 1994 film's star) appears in the NEW film; the answer is 'cameo'. A rumor ('rumored to return', 'an "
            "insider') is not an answer; a denial ('will not appear', 'is not in the film') does not answer it either "
            "(the question stays open); the later confirmation by the director is the event. Her guest role and "
            "series-regular role in the TV series and Roy Ambrose's supporting role in the film are not answers. "
            "trailer: the first official trailer or first-look image from the film; the series' season trailer is "
            "not, and a second film trailer is not a new answer. Headlines in ALL CAPS and lowercase appear. Collider "
            "answers 503 at step 2."
        ),
        "subject": "harrow-point",
        "questions": ["release-date", "dunmore-role", "trailer"],
    },
    events={
        0: {"release-date": "2026-03-13"},
        3: {"release-date": "undated (pulled from March 13, 2026; no new date)"},
        4: {"trailer": TRAILER},
        5: {"release-date": "2026-06-05"},
        6: {"dunmore-role": "cameo"},
    },
    state=[
        state("2026-03-13", False, False),
        state("2026-03-13", False, False),
        state("2026-03-13", False, False),
        state(None, False, False),
        state(None, False, True),
        state("2026-06-05", False, True),
        state("2026-06-05", True, True),
        state("2026-06-05", True, True),
    ],
)
print(f"wrote {OUT}")

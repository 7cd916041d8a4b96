# ruff: noqa: E501
"""Build tests/data/timelines/castellane: invented reporting about *Ruby Castellane*, an invented
biopic whose title is the name of its (invented, living) subject, a country singer who keeps
turning up in the news as herself: touring, playing venues, attending premieres, winning awards.

    .venv/bin/python tests/data/timelines/_build/build_castellane.py

Release-date rule (stated in timeline.json too): the date the film opens in US theaters. Festival
screenings, the singer's concert and tour dates, album releases and other films' dates are not.
Feed shapes probed: an RSS feed that turns into Atom at the same URL (with new entry ids), an RSS
feed without guids whose items are re-dated without any change of text, an Atom feed with
xml:base and relative entry links, and a Bing News aggregator.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import common
import styles_extra
from common import Builder, Feed, Filler, Item, T, Version, add_filler, bing_link, esc, iso, slugify

styles_extra.install()

OUT = Path(__file__).resolve().parent.parent / "castellane"

b = Builder(OUT, seed=20261125)
fill = Filler(b.rng)

for t in [
    "2026-02-03 15:00",
    "2026-03-10 15:00",
    "2026-04-14 15:00",
    "2026-05-19 15:00",
    "2026-06-23 15:00",
    "2026-06-30 15:00",
    "2026-08-18 15:00",
    "2026-09-22 15:00",
    "2026-10-27 15:00",
]:
    b.step(t)

SWITCH_STEP = 3  # indiewire's feed becomes Atom (new entry ids) from this step on


# ------------------------------------------------------------------ renderers of this timeline


def render_switch(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    """RSS (WordPress) until SWITCH_STEP, then Atom at the same URL, with tag: ids."""
    if k < SWITCH_STEP:
        return common.render_wp(feed, snap, k, now)
    moved = [dataclasses.replace(i, guid=f"tag:indiewire.com,2026:post-{i.uid * 7 + 3301}") for i in snap]
    return common.render_atom_xhtml(feed, moved, k, now)


def render_redated(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    """WordPress RSS without guids whose pubDate follows the item's last modification."""
    moved = [dataclasses.replace(i, t=i.modified_at(k), guid=None) for i in snap]
    return common.render_wp(feed, moved, k, now)


def render_relative(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    """Atom with xml:base on the feed element and entry links relative to it."""
    base = feed.home.rstrip("/") + "/"
    out = [
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}" xml:lang="en">
  <title>{esc(feed.title)}</title>
  <link rel="alternate" type="text/html" href="./"/>
  <link rel="self" type="application/atom+xml" href="{esc(feed.real_url)}"/>
  <id>{base}</id>
  <updated>{iso(max(i.modified_at(k) for i in snap))}</updated>
  <generator uri="https://www.getzola.org/">Zola</generator>"""
    ]
    for i in snap:
        v = i.version_at(k)
        rel_link = i.link[len(base):] if i.link.startswith(base) else i.link
        content = common.paras_html(v.paras)
        if v.image:
            content = f'<figure><img src="{v.image}" alt="{esc(v.image_title)}"></figure>\n' + content
        out.append(
            "\n".join(
                [
                    "  <entry>",
                    f"    <title>{esc(v.title)}</title>",
                    f'    <link rel="alternate" href="{rel_link}"/>',
                    f"    <id>{i.guid}</id>",
                    f"    <published>{iso(i.t, -4)}</published>",
                    f"    <updated>{iso(i.modified_at(k), -4)}</updated>",
                    f"    <author><name>{esc(i.author)}</name></author>",
                    f'    <summary type="html">{esc(v.summary)}</summary>',
                    f'    <content type="html">{esc(content)}</content>',
                    "  </entry>",
                ]
            )
        )
    out.append("</feed>\n")
    return "\n".join(out)


_base_render = common.render


def _render(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    fn = {"switch": render_switch, "redated": render_redated, "relative": render_relative}.get(feed.style)
    return fn(feed, snap, k, now) if fn else _base_render(feed, snap, k, now)


common.render = _render

# ------------------------------------------------------------------ feeds

b.feed(
    Feed(
        "deadline",
        "wp",
        "Deadline",
        "https://deadline.com/feed/",
        15,
        "https://deadline.com",
        extra={"description": "Hollywood Entertainment Breaking News", "offset": 0, "wp": "6.6.1"},
    )
)
b.feed(
    Feed(
        "billboard",
        "redated",
        "Billboard",
        "https://www.billboard.com/feed/",
        14,
        "https://www.billboard.com",
        extra={"description": "Music news, charts and more", "offset": -5, "wp": "6.5.4"},
    )
)
b.feed(
    Feed(
        "indiewire",
        "switch",
        "IndieWire",
        "https://www.indiewire.com/feed/",
        14,
        "https://www.indiewire.com",
        extra={
            "description": "The Voice of Creative Independence",
            "offset": -7,
            "wp": "6.4.3",
            "id": "tag:indiewire.com,2026:feed",
            "subtitle": "The Voice of Creative Independence",
            "generator": "Arc XP",
        },
    )
)
b.feed(
    Feed(
        "filmstage",
        "relative",
        "The Film Stage",
        "https://thefilmstage.com/atom.xml",
        12,
        "https://thefilmstage.com",
        fmt="atom",
    )
)
b.feed(
    Feed(
        "bing",
        "bing",
        "Ruby Castellane - BingNews",
        "https://www.bing.com/news/search?q=Ruby+Castellane&format=rss",
        14,
        "https://www.bing.com",
        extra={"query": "Ruby Castellane"},
    )
)


# ------------------------------------------------------------------ links per outlet


def pid(t: dt.datetime, title: str, base: int, mod: int = 900000) -> int:
    return base + int(hashlib.sha1(f"{t}{title}".encode()).hexdigest()[:7], 16) % mod


def deadline_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    n = pid(t, title, 1236000000)
    return f"https://deadline.com/{t:%Y/%m}/{slug}-{n}/", {
        "guid": f"https://deadline.com/?p={n}",
        "image": f"https://deadline.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg?w=1024",
    }


def billboard_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    n = pid(t, title, 1235000000)
    return f"https://www.billboard.com/music/music-news/{slug}-{n}/", {
        "guid": None,
        "image": f"https://www.billboard.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg?w=942",
    }


def indiewire_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 70)
    n = pid(t, title, 1234900000)
    return f"https://www.indiewire.com/news/breaking-news/{slug}-{n}/", {
        "guid": f"https://www.indiewire.com/?p={n}",
        "image": f"https://www.indiewire.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg",
    }


def filmstage_link(t: dt.datetime, title: str) -> tuple[str, dict[str, Any]]:
    slug = slugify(title, 60)
    return f"https://thefilmstage.com/{slug}/", {
        "guid": f"urn:uuid:{hashlib.md5((slug + str(t)).encode()).hexdigest()}",
        "image": f"https://thefilmstage.com/wp-content/uploads/{t:%Y/%m}/{slug[:40]}.jpg",
    }


def bing_item_link(url: str) -> str:
    tid = hashlib.md5(url.encode()).hexdigest().upper()
    return bing_link(url, tid, int(tid[:4], 16) % 9000000000000000)


LINKS = {
    "deadline": deadline_link,
    "billboard": billboard_link,
    "indiewire": indiewire_link,
    "filmstage": filmstage_link,
}
AUTHORS = {
    "deadline": ["Justin Kroll", "Anthony D'Alessandro", "Valerie Quist", "Dade Hayes"],
    "billboard": ["Gil Kaufman", "Jessica Nicholson", "Rania Otero", "Melinda Newman"],
    "indiewire": ["Kate Erbland", "Christian Zilko", "Wilson Chapman", "Ryan Lattanzio"],
    "filmstage": ["Leonard Pearce", "Jordan Raup", "Nick Newman", "Ethan Vestby"],
}
CATS = {
    "deadline": ["Film", "Breaking News"],
    "billboard": ["Music News", "Country"],
    "indiewire": ["Film", "News"],
    "filmstage": [],
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
    more_notes: list[dict[str, Any]] | None = None,
    versions: list[tuple[int, Version]] | None = None,
) -> Item:
    t = T(when)
    if feed == "bing":
        link, extra = bing_item_link(source_url), {}
    else:
        link, extra = LINKS[feed](t, title)
    v = Version(title, summary, paras or [summary], image, image_title, image_credit)
    item = Item(
        feed,
        t,
        [(0, v), *(versions or [])],
        link=link,
        guid=extra.get("guid", ""),
        author=b.rng.choice(AUTHORS.get(feed, ["Staff"])),
        categories=CATS.get(feed, []),
        source=source,
        notes=[{"step": step, "kind": kind, "note": note, "question": question}, *(more_notes or [])],
    )
    return b.add(item)


# ================================================================== step 0: baseline: penciled in for Oct. 16

rel(
    "deadline",
    "2026-01-30 17:05",
    "Larchmont Pencils In Ruby Castellane Biopic For October",
    "Larchmont Pictures has penciled in Oct. 16, 2026 for ‘Ruby Castellane’, Noemi Hartigan’s film about the country singer.",
    [
        "EXCLUSIVE: Larchmont Pictures has penciled in Oct. 16, 2026 for <em>Ruby Castellane</em>, Noemi Hartigan’s film about the Tennessee-born singer behind ‘Kerosene Heart’ and ‘Wide Open Window’.",
        "Hartigan (<em>Salt Road</em>) wrote the script with Castellane’s cooperation; the singer is an executive producer. Casting of the title role is under way, and the studio hopes to start shooting in Nashville this spring.",
        "Castellane, 71, is currently on the road with her Long Way Home tour, which plays Red Rocks on June 20.",
    ],
    0,
    "event",
    "baseline: 'penciled in Oct. 16, 2026'; the tour's Red Rocks date (June 20) is the singer's, not the film's",
    question="release-date",
)

rel(
    "billboard",
    "2026-01-31 14:00",
    "Ruby Castellane Adds 12 Dates to Long Way Home Tour",
    "The country legend’s tour now runs through Nov. 21 in Austin.",
    [
        "Ruby Castellane has added 12 dates to her Long Way Home tour, which now runs through Nov. 21 at Austin’s Moody Center.",
        "Tickets go on sale Friday, Jan. 30 at 10 a.m. local time.",
        "The Country Music Hall of Famer also has a biopic in the works at Larchmont Pictures, due in October.",
    ],
    0,
    "confuser",
    "the singer's tour (ending Nov. 21) and an on-sale date; the film is mentioned only by month",
)

# ================================================================== step 1: a hedge on the title role; the singer at a premiere

rel(
    "indiewire",
    "2026-03-05 19:20",
    "Avery Quell Circling the Title Role in Larchmont’s ‘Ruby Castellane’",
    "The ‘Lowcountry’ breakout is said to be the frontrunner to play the singer in Noemi Hartigan’s biopic.",
    [
        "Avery Quell is in early talks to play the country singer in <em>Ruby Castellane</em>, Noemi Hartigan’s biopic for Larchmont Pictures, according to sources close to the production.",
        "Several other actors have read for the part, and no offer has been made. Larchmont declined to comment.",
        "The film is penciled in for Oct. 16.",
    ],
    1,
    "confuser",
    "hedge ('in early talks', 'sources', 'no offer has been made'): ruby-role stays open; restates the known date",
)

rel(
    "bing",
    "2026-03-08 03:30",
    "Ruby Castellane walks the red carpet at ‘Paper Moon Motel’ premiere",
    "Country icon Ruby Castellane attended the Nashville premiere of ‘Paper Moon Motel’ on Saturday, where she played two songs with the film’s star.",
    [],
    1,
    "confuser",
    "the singer as herself at another film's premiere ('she played two songs'): not a role, not the film",
    source="The Tennessean",
    source_url="https://www.tennessean.com/story/entertainment/2026/03/08/ruby-castellane-paper-moon-motel-premiere/72811305007/",
)

rel(
    "filmstage",
    "2026-03-06 13:00",
    "Noemi Hartigan on Making a Biopic While Its Subject Is Watching",
    "The ‘Salt Road’ director on writing ‘Ruby Castellane’ with its subject down the hall.",
    [
        "Noemi Hartigan is in the unusual position of making a biopic whose subject reads every draft. “Ruby sends notes in the margins, in pencil,” she says of <em>Ruby Castellane</em>, which Larchmont Pictures releases Oct. 16.",
        "Hartigan would not be drawn on who will play the singer. “We’ll know her when we see her.”",
    ],
    1,
    "repeat",
    "interview restating the known Oct. 16 date; no casting",
)

# ================================================================== step 2: the role is cast

rel(
    "deadline",
    "2026-04-13 16:30",
    "Avery Quell To Play Ruby Castellane In Larchmont Biopic",
    "Avery Quell has been cast as Ruby Castellane in Noemi Hartigan’s biopic of the country singer.",
    [
        "EXCLUSIVE: Avery Quell has been cast as Ruby Castellane in Noemi Hartigan’s biopic of the country singer for Larchmont Pictures.",
        "Mina Rask will play Castellane’s mother, Dolores, and Dashiell Moore is her longtime manager, Hap Trimble. Production begins in Nashville next month.",
        "Quell, who broke out in the series <em>Lowcountry</em>, will sing Castellane’s songs live on set. The film is dated for Oct. 16.",
    ],
    2,
    "event",
    "first confirmed report of who plays the singer (Avery Quell); Mina Rask plays the mother and Moore the manager (other characters)",
    question="ruby-role",
)

rel(
    "bing",
    "2026-04-13 20:10",
    "Ruby Castellane on Avery Quell: ‘She has my mama’s stubbornness’",
    "Ruby Castellane said she cried when she heard Avery Quell would play her in the Larchmont biopic.",
    [],
    2,
    "event",
    "same casting, same step, in an aggregator summary",
    question="ruby-role",
    source="People",
    source_url="https://people.com/ruby-castellane-avery-quell-biopic-reaction-11723456",
)

rel(
    "billboard",
    "2026-04-10 18:45",
    "Ruby Castellane Plays Two Nights at Radio City This May",
    "The singer returns to New York for shows on May 8 and 9.",
    [
        "Ruby Castellane plays Radio City Music Hall on May 8 and 9, her first New York shows in six years.",
        "Openers include Wyatt Fenn and the Hollow Reeds.",
    ],
    2,
    "confuser",
    "'Ruby Castellane plays …' as the singer herself with concert dates; no film context",
)

# ================================================================== step 3: moved to December (month in the headline, day in the body); the indiewire feed becomes Atom

rel(
    "deadline",
    "2026-05-18 18:00",
    "‘Ruby Castellane’ Biopic Shifts To December",
    "Larchmont is moving Noemi Hartigan’s biopic out of October and into the awards corridor.",
    [
        "Larchmont Pictures is moving Noemi Hartigan’s <em>Ruby Castellane</em> out of October. The biopic, starring Avery Quell as the country singer, is now dated for Dec. 11, 2026.",
        "The move puts the film into awards season; Larchmont had it on Oct. 16.",
        "Production wrapped in Nashville last week.",
    ],
    3,
    "event",
    "the move: the headline gives only the month, the body the day (Dec. 11, 2026); Oct. 16 is the old date",
    question="release-date",
)

rel(
    "bing",
    "2026-05-18 21:40",
    "Larchmont Pictures Sets December 11 Release for ‘Ruby Castellane’",
    "BURBANK, Calif.--(BUSINESS WIRE)--Larchmont Pictures today announced that RUBY CASTELLANE, starring Avery Quell, will be released in theaters nationwide on December 11, 2026. “Ruby’s story belongs at the end of the year, when families go to the movies together,” said Dana Whitcombe, President of Distribution.",
    [],
    3,
    "event",
    "the studio's press release, same step, quoting an executive",
    question="release-date",
    source="Business Wire",
    source_url="https://www.businesswire.com/news/home/20260518005512/en/Larchmont-Pictures-Sets-December-11-Release-for-RUBY-CASTELLANE",
)

rel(
    "indiewire",
    "2026-05-14 15:00",
    "Ruby Castellane Wraps Shooting in Nashville",
    "Avery Quell sang 22 songs live during the 41-day shoot.",
    [
        "Noemi Hartigan has wrapped production on <em>Ruby Castellane</em>, Larchmont Pictures’ biopic of the country singer, after 41 days in Nashville.",
        "Avery Quell, who plays Castellane from age 19 to 60, sang 22 songs live on set.",
    ],
    3,
    "repeat",
    "production wrap, restates who plays the singer; first item seen after the feed turned into Atom",
)

# ================================================================== step 4: first look; the singer's own photo; the move from a second outlet

rel(
    "indiewire",
    "2026-06-22 16:00",
    "First Look: Avery Quell as Ruby Castellane",
    "Larchmont has released the first image of Avery Quell as the country singer.",
    [
        "Larchmont Pictures has released the first image of Avery Quell as the singer in <em>Ruby Castellane</em>, in rhinestones on the Opry stage, circa 1974.",
        "Noemi Hartigan’s biopic bows Dec. 11.",
    ],
    4,
    "event",
    "first official image from the film (Atom enclosure); restates the known date",
    question="first-look",
    image="https://www.indiewire.com/wp-content/uploads/2026/06/ruby-castellane-first-look-avery-quell.jpg",
    image_title="Avery Quell as Ruby Castellane",
    image_credit="Larchmont Pictures",
)

rel(
    "filmstage",
    "2026-06-21 12:30",
    "Avery Quell Is Ruby Castellane in First Image From Noemi Hartigan’s Biopic",
    "The first still from Larchmont’s December release.",
    [
        "Here is the first still from <em>Ruby Castellane</em>, with Avery Quell as the singer in her Opry years. Larchmont Pictures opens Noemi Hartigan’s film on December 11.",
    ],
    4,
    "event",
    "same first look, same step (relative link under xml:base)",
    question="first-look",
    image="https://thefilmstage.com/wp-content/uploads/2026/06/ruby-castellane-first-image.jpg",
    image_title="Ruby Castellane",
    image_credit="Larchmont Pictures",
)

rel(
    "billboard",
    "2026-06-21 02:15",
    "Ruby Castellane Brings Out Surprise Guests at Red Rocks: Photos",
    "See photos from the singer’s sold-out show.",
    [
        "Ruby Castellane brought out three surprise guests at her sold-out Red Rocks show on Saturday, June 20.",
        "The first of several photos shows Castellane with her 1974 rhinestone jacket, which she wore on stage for the first time in 40 years.",
        "Her biopic, <em>Ruby Castellane</em>, starring Avery Quell, is in theaters Dec. 11.",
    ],
    4,
    "confuser",
    "a photo of the singer herself at a concert (not an image from the film); restates the known date",
    image="https://www.billboard.com/wp-content/uploads/2026/06/ruby-castellane-red-rocks-2026.jpg?w=942",
    image_title="Ruby Castellane performs at Red Rocks Amphitheatre",
    image_credit="Getty Images",
    versions=[
        (
            5,
            Version(
                "Ruby Castellane Brings Out Surprise Guests at Red Rocks: Photos",
                "See photos from the singer’s sold-out show.",
                [
                    "Ruby Castellane brought out three surprise guests at her sold-out Red Rocks show on Saturday, June 20.",
                    "The first of several photos shows Castellane with her 1974 rhinestone jacket, which she wore on stage for the first time in 40 years.",
                    "Her biopic, <em>Ruby Castellane</em>, starring Avery Quell, is in theaters Dec. 11.",
                ],
                "https://www.billboard.com/wp-content/uploads/2026/06/ruby-castellane-red-rocks-2026.jpg?w=942",
                "Ruby Castellane performs at Red Rocks Amphitheatre",
                "Getty Images",
                modified=T("2026-06-29 13:00"),
            ),
        )
    ],
    more_notes=[
        {
            "step": 5,
            "kind": "confuser",
            "note": "the same item (no guid) with a new pubDate and unchanged text: not news",
            "question": None,
        }
    ],
)

rel(
    "deadline",
    "2026-06-19 22:00",
    "Emerald Coast Adds Five Titles to Awards-Season Slate",
    "The indie distributor will release ‘The Salt Marsh Wedding’ on Dec. 11.",
    [
        "Emerald Coast Films has dated five titles for the fall, including <em>The Salt Marsh Wedding</em> on Dec. 11, which will face Larchmont’s <em>Ruby Castellane</em> that weekend.",
        "<em>Harbor Lights</em> opens Nov. 6 and <em>Marigold Summer</em> Oct. 16, in the date <em>Ruby Castellane</em> vacated.",
    ],
    4,
    "repeat",
    "another distributor's slate: other films' dates next to the biopic (Dec. 11 only restated; Oct. 16 now another film's)",
)

# ================================================================== step 5: a quiet week: festival run with a date range; the re-dated item

rel(
    "filmstage",
    "2026-06-29 17:00",
    "Lakeshore Film Festival Unveils Its Opening Night Film",
    "The festival, running Sept. 10–20, opens with ‘Ruby Castellane’.",
    [
        "The Lakeshore Film Festival, which runs Sept. 10–20 in Chicago, will open with the world premiere of Noemi Hartigan’s <em>Ruby Castellane</em> on Sept. 10.",
        "Larchmont Pictures’ biopic, with Avery Quell as the country singer, lands in theaters three months later, on Dec. 11.",
        "Ruby Castellane is expected to attend the premiere.",
    ],
    5,
    "repeat",
    "festival world premiere and the festival's date range are not the release date; 'three months later, on Dec. 11' restates the known date",
)

rel(
    "bing",
    "2026-06-27 10:00",
    "Ruby Castellane announces ‘Kerosene Heart’ 50th anniversary box set for Sept. 4",
    "The six-disc set includes 30 unreleased recordings from 1976.",
    [],
    5,
    "confuser",
    "the singer's album reissue date (Sept. 4); no film context",
    source="Rolling Stone",
    source_url="https://www.rollingstone.com/music/music-country-news/ruby-castellane-kerosene-heart-box-set-1235298812/",
)

# ================================================================== step 6: moved up two weeks, to Nov. 25

rel(
    "deadline",
    "2026-08-17 17:45",
    "Larchmont’s ‘Ruby Castellane’ Claims Thanksgiving Slot",
    "The biopic moves up two weeks, to Wednesday, Nov. 25.",
    [
        "Larchmont Pictures’ <em>Ruby Castellane</em> has claimed the Nov. 25 slot, moving up two weeks from Dec. 11 to open the Wednesday before Thanksgiving.",
        "Exhibitors have been pushing for more adult-skewing titles over the holiday; the film opens against two animated tentpoles.",
        "Avery Quell stars as the country singer for director Noemi Hartigan.",
    ],
    6,
    "event",
    "the date moves up: 'has claimed the Nov. 25 slot', 'two weeks' earlier with the concrete date",
    question="release-date",
)

rel(
    "billboard",
    "2026-08-14 16:00",
    "Ruby Castellane Wins Lifetime Achievement Honor at the Americana Awards",
    "The singer accepted the award in Nashville on Thursday.",
    [
        "Ruby Castellane received the Americana Music Association’s lifetime achievement award on Thursday, Aug. 13, in Nashville.",
        "“I’ve been playing Ruby Castellane for 55 years,” she joked. “Somebody else can do it for a while.”",
    ],
    6,
    "confuser",
    "the singer herself: 'I've been playing Ruby Castellane' is a joke, not a casting; an award date",
)

# ================================================================== step 7: repeats from other outlets; the trailer

rel(
    "indiewire",
    "2026-09-21 17:10",
    "‘Ruby Castellane’ Trailer: Avery Quell Sings Her Heart Out as the Country Legend",
    "The biopic lands in theaters Nov. 25.",
    [
        "Larchmont Pictures has released the first trailer for <em>Ruby Castellane</em>, with Avery Quell as the singer from her Knoxville honky-tonk days to the Opry.",
        "The film, which world-premiered to a standing ovation at Lakeshore, lands in theaters Nov. 25, the day before Thanksgiving.",
    ],
    7,
    "repeat",
    "trailer: restates date and role; its still is not a new first look",
    image="https://www.indiewire.com/wp-content/uploads/2026/09/ruby-castellane-trailer-still.jpg",
    image_title="Ruby Castellane trailer",
    image_credit="Larchmont Pictures",
)

rel(
    "filmstage",
    "2026-09-20 14:00",
    "Ruby Castellane Moves to Thanksgiving Eve, Starring Avery Quell",
    "Larchmont’s biopic now bows Nov. 25.",
    [
        "In case you missed it: Noemi Hartigan’s <em>Ruby Castellane</em> now bows Nov. 25 rather than December 11, Larchmont Pictures confirmed.",
    ],
    7,
    "repeat",
    "the step-6 move from a second outlet, a month later: not a new event",
)

rel(
    "bing",
    "2026-09-19 09:00",
    "Ruby Castellane tour to end with Nashville hometown show on Nov. 27",
    "The singer added a final date at Bridgestone Arena, two days after her biopic opens.",
    [],
    7,
    "confuser",
    "the singer's final tour date (Nov. 27), next to the film by reference only",
    source="Nashville Scene",
    source_url="https://www.nashvillescene.com/music/ruby-castellane-bridgestone-nov-27/article_5f2c1a.html",
)

# ================================================================== step 8: reviews and a box-office preview

rel(
    "deadline",
    "2026-10-26 19:00",
    "Thanksgiving Box Office Preview: ‘Ruby Castellane’ Tracking For $30M Five-Day",
    "Larchmont’s biopic opens Wednesday, Nov. 25.",
    [
        "Larchmont Pictures’ <em>Ruby Castellane</em> is tracking for a $30 million five-day opening when it opens Wednesday, Nov. 25, according to early tracking.",
        "Avery Quell plays the country singer, who will attend a fan screening in Nashville on Nov. 24.",
    ],
    8,
    "repeat",
    "tracking story: restates date and role; the Nov. 24 fan screening is not the release",
)

rel(
    "billboard",
    "2026-10-24 15:20",
    "Ruby Castellane Soundtrack Sets Nov. 20 Release With Avery Quell Vocals",
    "The 18-track album arrives five days before the film.",
    [
        "The soundtrack to <em>Ruby Castellane</em>, featuring Avery Quell’s versions of 14 Castellane songs, arrives Nov. 20 on Larchmont Records.",
        "The film opens Nov. 25.",
    ],
    8,
    "confuser",
    "the soundtrack album's release date (Nov. 20), not the film's; restates Nov. 25",
)


# ================================================================== filler

BANNED = ["castellane", "larchmont", "quell", "hartigan", "ruby", "lakeshore", "opry", "rask"]

ARTISTS = [
    "Wyatt Fenn",
    "Lacey Dunmore",
    "The Hollow Reeds",
    "Callie Marsh",
    "Boone Hatcher",
    "June Calloway",
    "Tess Arbery",
    "The Copper Mile",
    "Dale Ostrander",
    "Marisol Vega",
]
VENUES = ["the Ryman", "Madison Square Garden", "the Hollywood Bowl", "Bridgestone Arena", "the Fox Theatre", "Austin City Limits"]


def music_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    a, a2, v = r.choice(ARTISTS), r.choice(ARTISTS), r.choice(VENUES)
    kind = r.randrange(6)
    if kind == 0:
        s = f"{a} will play {v} on {fill.date(2026)}."
        return f"{a} Announces {r.choice(['Fall', 'Spring', 'Arena', 'Acoustic'])} Tour", s, [s, "Presales begin Tuesday."], "Touring", True
    if kind == 1:
        n = r.randint(1, 40)
        s = f"{a}’s new single debuts at No. {n} on the Hot Country Songs chart."
        return f"{a} Debuts at No. {n} on Hot Country Songs", s, [s, f"{a2} holds at No. 1 for a {r.choice(['third', 'fourth', 'fifth'])} week."], "Chart Beat", False
    if kind == 2:
        s = f"{a} and {a2} have teamed up on a new duet."
        return f"{a} and {a2} Team Up on ‘{r.choice(['Gravel Road', 'Blue Motel', 'Porch Light', 'Late Harvest'])}’", s, [s, "The song is out Friday."], "Music News", True
    if kind == 3:
        s = f"The CMA Awards nominations are led by {a} with {r.randint(4, 7)} nods."
        return "CMA Awards 2026: Full Nominations List", s, [s, f"{a2} follows with {r.randint(2, 4)}."], "Awards", False
    if kind == 4:
        s = f"{a} has signed a new deal with {r.choice(['Big Machine', 'Warner Music Nashville', 'Sony Music Nashville', 'Thirty Tigers'])}."
        return f"{a} Signs New Label Deal", s, [s, "A new album is planned for next year."], "Business", False
    return fill.trade(2026)


def bing_make() -> tuple[str, str, list[str], str, bool]:
    r = b.rng
    a = r.choice(ARTISTS)
    options = [
        (f"Ruby Castellane covers ‘{r.choice(['Jolene', 'Crazy', 'Coat of Many Colors'])}’ at {r.choice(VENUES)} tour stop", "The singer surprised fans with a cover on her Long Way Home tour.", "Taste of Country"),
        (f"{a} says Ruby Castellane ‘taught me how to write a bridge’", f"{a} paid tribute to Ruby Castellane in a new interview.", "CMT"),
        ("Ruby Castellane’s childhood home in Maynardville opens as museum", "The two-room house has been restored by the county.", "WBIR"),
        (f"Ruby Castellane donates ${r.randint(1, 5)}00,000 to flood relief", "The singer made the donation through her foundation.", "The Tennessean"),
        ("Ruby Castellane Long Way Home tour review: a legend takes her time", "Castellane played 24 songs in two hours.", "Chicago Tribune"),
        (f"Ruby Castellane, {a} lead Country Music Hall of Fame gala", "The gala raised funds for the museum's education wing.", "Music Row"),
        ("Ruby Red grapefruit harvest down 20% in Texas", "Growers blame a late freeze.", "Texas Tribune"),
        ("Rubies from Mozambique lead Geneva jewel auction", "The top lot sold for $9.2 million.", "Bloomberg"),
    ]
    t, s, src = r.choice(options)
    return t, s, [], src, False


def bing_filler() -> None:
    counts = [14, 3, 4, 3, 4, 2, 4, 3, 4]
    for k, count in enumerate(counts):
        end = b.steps[k]["time"] - dt.timedelta(minutes=30)
        start = b.steps[k - 1]["time"] if k else b.steps[0]["time"] - dt.timedelta(days=10)
        span = int((end - start).total_seconds())
        for _ in range(count):
            t = start + dt.timedelta(seconds=b.rng.randint(60, span))
            title, summary, _, src = bing_make()[:4]
            url = f"https://www.{slugify(src).replace('-', '')}.com/{t:%Y/%m/%d}/{slugify(title)}-{b.rng.randint(1000, 9999)}/"
            b.add(Item("bing", t, [(0, Version(title, summary, []))], link=bing_item_link(url), source=src))


add_filler(b, "deadline", [12, 5, 5, 5, 5, 2, 5, 5, 5], styles_extra.clean_filler(lambda: fill.trade(2026), BANNED), deadline_link, lambda link, e: e["guid"], AUTHORS["deadline"])
add_filler(b, "billboard", [11, 4, 4, 4, 4, 2, 4, 4, 4], styles_extra.clean_filler(music_make, BANNED), billboard_link, None, AUTHORS["billboard"])
add_filler(b, "indiewire", [12, 4, 4, 5, 4, 2, 4, 4, 5], styles_extra.clean_filler(lambda: fill.trade(2026), BANNED), indiewire_link, lambda link, e: e["guid"], AUTHORS["indiewire"])
add_filler(b, "filmstage", [11, 3, 4, 3, 4, 2, 3, 4, 3], styles_extra.clean_filler(fill.listicle, BANNED), filmstage_link, lambda link, e: e["guid"], AUTHORS["filmstage"])
bing_filler()
for it in b.items:
    if it.feed == "billboard":
        it.guid = None

FIRST_LOOK = "https://www.indiewire.com/wp-content/uploads/2026/06/ruby-castellane-first-look-avery-quell.jpg"


def state(date: str, role: bool, look: bool) -> dict[str, dict[str, Any]]:
    return {
        "release-date": {"status": "answered", "answer": date},
        "ruby-role": (
            {"status": "answered", "answer": "Avery Quell", "answer_contains": "Avery Quell"}
            if role
            else {"status": "open", "answer": None}
        ),
        "first-look": {"status": "answered", "answer": FIRST_LOOK} if look else {"status": "open", "answer": None},
    }


b.build(
    meta={
        "name": "castellane",
        "description": (
            "Synthetic feed snapshots about Ruby Castellane, an invented biopic (Larchmont Pictures, director Noemi "
            "Hartigan, Avery Quell in the title role, Mina Rask as her mother, Dashiell Moore as her manager) of an "
            "invented living country singer of the same name, who keeps appearing in the news as herself: touring, "
            "playing venues ('Ruby Castellane plays Radio City'), attending another film's premiere, winning an award, "
            "reissuing an album. Every article, person, company and date is invented. RELEASE-DATE RULE: the answer is "
            "the date the film opens in US theaters. It moves twice: Oct. 16, 2026 ('penciled in') -> Dec. 11, 2026 "
            "(headline 'Shifts To December', the day in the body; a Business Wire press release quoting an executive "
            "the same step) -> Nov. 25, 2026 ('has claimed the Nov. 25 slot', 'moving up two weeks'). The Lakeshore "
            "festival world premiere (Sept. 10, festival Sept. 10-20), the singer's concert, tour, on-sale and award "
            "dates, the box set (Sept. 4), the soundtrack album (Nov. 20), a fan screening (Nov. 24) and other "
            "distributors' films are not release dates. A report that restates a known date (a second outlet a month "
            "later, a trailer, a tracking story, another film's slate) is not news. ruby-role asks WHO plays the singer "
            "(about: Ruby Castellane); the answer is the actor's name, Avery Quell; a hedge ('in early talks', "
            "'sources') is not an answer, the actors playing her mother and manager are not, and neither is the singer "
            "herself ('I've been playing Ruby Castellane for 55 years'). first-look: the first official image from the "
            "film; concert photos of the singer and the later trailer still are not. FEED SHAPES: the IndieWire feed "
            "is RSS until step 3 and Atom at the same URL from then on, with new entry ids for the same links (old "
            "items re-read then are not news); the Billboard feed has no guids and re-dates one item at step 5 without "
            "changing its text (not news); The Film Stage is Atom with xml:base and relative entry links (its events "
            "are named by their absolute URLs); Bing News is an aggregator with redirect links."
        ),
        "subject": "castellane",
        "questions": ["release-date", "ruby-role", "first-look"],
    },
    events={
        0: {"release-date": "2026-10-16"},
        2: {"ruby-role": "Avery Quell"},
        3: {"release-date": "2026-12-11"},
        4: {"first-look": FIRST_LOOK},
        6: {"release-date": "2026-11-25"},
    },
    state=[
        state("2026-10-16", False, False),
        state("2026-10-16", False, False),
        state("2026-10-16", True, False),
        state("2026-12-11", True, False),
        state("2026-12-11", True, True),
        state("2026-12-11", True, True),
        state("2026-11-25", True, True),
        state("2026-11-25", True, True),
        state("2026-11-25", True, True),
    ],
)
print(f"wrote {OUT}")

"""A deterministic corpus of trade-press-like feeds, and the subjects to match.

    corpus = Corpus(seed=1, feeds=1000)
    corpus.write(folder)            # version 0 of every feed, plus a .gz beside it
    changed = corpus.change(folder, 1)   # round 1: 10% of the feeds get new items
    corpus.restore(folder, rounds=1)     # back to version 0

Each feed is WordPress-style RSS 2.0 (``content:encoded``, ``media:content``,
``dc:creator``) or, one in six, Atom; it has 20–50 items and weighs 50–250 KB.
Item ``j`` of feed ``i`` is a pure function of (seed, i, j), so every system
sees the same bytes. Version ``v`` of a feed shows the newest items of its
stream shifted by ``NEW_PER_CHANGE * v``: a changed feed has a few new items on
top and loses as many at the bottom, as a real one does.

A small fraction of items mention the shipped subject (Ballerina, with its
context terms and a date, role or first-look sentence), and a few more
mention one of the generated extra subjects used by the matching benchmark.

Files get an mtime that depends on their version only, so nginx's ETag and
Last-Modified change exactly when the content does (never two versions in
one second with the same size).
"""

from __future__ import annotations

import gzip
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

# How many new items a changed feed gains (and old ones it drops) per version.
NEW_PER_CHANGE = 3
# Share of the feeds rewritten by one "changed" round.
CHANGE_FRACTION = 0.10
# Per item: chance of naming the shipped subject, and one of the extra subjects.
BALLERINA_RATE = 0.01
EXTRA_RATE = 0.02
# One in this many feeds is Atom, the rest RSS 2.0.
ATOM_EVERY = 6
# The newest item of version 0 is dated here; versions move forward an hour each.
EPOCH = datetime(2025, 5, 20, 12, 0, tzinfo=UTC)
GZIP_LEVEL = 6


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_FIRST = _words(
    "Ana Maria James Sofia Daniel Olivia Michael Emma David Chloe Robert Lucia Samuel Nora "
    "Thomas Priya Kenji Amara Lukas Isabel Omar Hannah Mateo Zoe Victor Leila Felix Grace"
)
_LAST = _words(
    "Harper Okafor Lindqvist Moreau Tanaka Alvarez Brennan Castillo Duval Eriksen Fontaine "
    "Gallagher Haddad Ibarra Jansen Kowalski Larsen Mendez Novak Oyelaran Petrov Quinn Rossi "
    "Sato Thornton Varga Whitaker Yilmaz Zielinski"
)
_STUDIOS = (
    "Warner Bros.",
    "Universal",
    "Paramount",
    "Sony Pictures",
    "A24",
    "Neon",
    "Focus Features",
    "Searchlight",
    "Amazon MGM Studios",
    "Apple Original Films",
    "Legendary",
    "Blumhouse",
    "Mubi",
    "Bleecker Street",
)
_STREAMERS = ("Netflix", "Prime Video", "Max", "Hulu", "Peacock", "Apple TV+", "Disney+")
_FESTIVALS = ("Cannes", "Venice", "TIFF", "Sundance", "Berlin", "Telluride", "SXSW")
_AGENCIES = ("CAA", "WME", "UTA", "Gersh", "Range Media Partners", "Anonymous Content")
_GENRES = (
    "thriller",
    "horror film",
    "comedy",
    "drama",
    "sci-fi epic",
    "limited series",
    "documentary",
    "romantic comedy",
    "heist movie",
    "animated feature",
)
_WORDS = _words(
    "Velvet Harbor Crimson Atlas Silent Meridian Hollow Summit Iron Orchard Glass Kingdom "
    "Paper Comet Northern Lantern Broken Compass Golden Tide Midnight Relay Scarlet Archive "
    "Distant Signal Wild Meadow Pale Horizon Burning Garden Quiet Frontier Electric Saint "
    "Copper Valley Lost Cartographer Winter Parade Falling Empire Hidden Oracle Savage Bloom "
    "Radiant Shore Shadow Courier Velour Engine Marble Sky Echo Canyon Amber Fortress"
)
# Titles of the other films and shows in the filler text. A few words are shared
# with the subjects' names, so the matcher's prefilter sees near-misses too
# ("Harbor" alone, or "Golden" in another title), as it does in real trade press.
_TITLE_WORDS = _words(
    "Lantern Orchard Harbor Golden Signal Frontier Blue Wolf River Night House Kings Road "
    "Storm Heart Stone Fire City Dark Water Light Island Queen Ghost Mountain Star Season "
    "Legacy Rising Eclipse Station Tower Desert Forest Bridge Silver Dream Witness Rebel "
    "Thunder Paradise Hunter Chase Secret Echoes Dawn Machine Palace Winds Promise Letters"
)
_MONTHS = _words(
    "January February March April May June July August September October November December"
)
_CATEGORIES = ("Film", "TV", "Box Office", "Festivals", "Awards", "Business", "Casting", "News")

_FILLER = (
    "{person} has signed with {agency} for representation in all areas.",
    "{studio} acquired worldwide rights to the {genre} after its premiere at {festival}.",
    "The series, created by {person}, will debut on {streamer} in {month}.",
    "Box office: ‘{title}’ opened to ${n} million domestic over the weekend.",
    "{person} and {person2} are set to star in ‘{title}’, a {genre} from {studio}.",
    "Production begins in {month} in {city}, with {person} directing from a script by {person2}.",
    "{studio} declined to comment on the report, which was first published on {weekday}.",
    "The {genre} is produced by {person} for {studio}, with {person2} executive producing.",
    "{person} most recently appeared in ‘{title}’ and the {streamer} series ‘{title2}’.",
    "Sources say the budget is north of ${n} million, making it one of the year’s biggest bets.",
    "The film grossed ${n} million worldwide and has a {n2}% score on Rotten Tomatoes.",
    "Tickets for the {festival} premiere went on sale on {weekday} and sold out within hours.",
    "{streamer} renewed ‘{title}’ for a second season ahead of its {month} finale.",
    "In a statement, {person} said the project had been “a labor of love for a decade.”",
    "The deal was brokered by {agency} on behalf of the filmmakers.",
    "Exhibitors at CinemaCon got a first look at footage from ‘{title}’ on {weekday}.",
    "{person} is repped by {agency} and Lichter, Grossman, Nichols.",
    "The untitled project reunites {person} with {person2} after ‘{title}’.",
)
_CITIES = ("Atlanta", "Budapest", "London", "Vancouver", "Sydney", "Prague", "Toronto", "Rome")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

# The shipped subject, written the way the trade press writes it. Dates come
# from a short list so that knowledge sees both repeats and changes.
_BALLERINA = (
    "Lionsgate has dated the John Wick spinoff ‘Ballerina’ for {date}, with Ana de Armas "
    "in the title role.",
    "‘Ballerina’, the Ana de Armas-led John Wick spinoff from Len Wiseman, opens in theaters "
    "on {date}.",
    "Keanu Reeves returns as John Wick in ‘Ballerina’, Lionsgate confirmed on {weekday}.",
    "Lionsgate released the first look at ‘Ballerina’ on {weekday}, showing Ana de Armas "
    "as Eve Macarro.",
    "Ian McShane and Anjelica Huston also appear in ‘Ballerina’, the John Wick spinoff "
    "directed by Len Wiseman.",
)
_BALLERINA_DATES = ("June 6, 2025", "June 6, 2025", "June 13, 2025")
_EXTRA_TEMPLATES = (
    "{studio} has dated ‘{subject}’, the {genre} from {director}, for {date}.",
    "{star} will play {character} in ‘{subject}’, {director}’s next film for {studio}.",
    "{studio} unveiled the first look at ‘{subject}’ on {weekday}, with {star} in costume.",
    "‘{subject}’ opens in theaters on {date}, {studio} said; {director} directs.",
    "{star2} has joined ‘{subject}’ as {character2}, {studio} confirmed.",
)


@dataclass(frozen=True, slots=True)
class Item:
    guid: str
    link: str
    title: str
    author: str
    published: datetime
    categories: tuple[str, ...]
    paragraphs: tuple[str, ...]  # plain text
    image: str

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class FeedShape:
    index: int
    atom: bool
    items: int  # 20–50
    paragraph_count: int  # per item, sets the weight (50–250 KB in all)


def extra_subjects(count: int = 50, seed: int = 1) -> list[dict[str, Any]]:
    """``count`` generated subjects with five questions each, as feeds.yaml mappings."""
    rng = random.Random(f"{seed}:subjects")
    out: list[dict[str, Any]] = []
    titles = _unique_titles(rng, count)
    for index, title in enumerate(titles):
        director, star, star2 = (_person(rng) for _ in range(3))
        out.append(
            {
                "id": f"extra-{index:02d}",
                "name": title,
                "aliases": [f"{title}: Chapter One"],
                "context": [director, star, rng.choice(_STUDIOS)],
                "exclude": [f"{title} (documentary)"],
                "questions": [
                    {
                        "id": "release-date",
                        "kind": "date",
                        "cues": ["release date", "opens", "in theaters", "dated"],
                    },
                    {
                        "id": "star-role",
                        "kind": "text",
                        "about": [star, star.split()[-1]],
                        "cues": ["role", "plays", "will play", "as"],
                    },
                    {
                        "id": "star2-role",
                        "kind": "text",
                        "about": [star2, star2.split()[-1]],
                        "cues": ["joined", "role", "as"],
                    },
                    {
                        "id": "first-look",
                        "kind": "image",
                        "cues": ["first look", "first image"],
                    },
                    {
                        "id": "premiere",
                        "kind": "date",
                        "cues": ["premiere", "world premiere", "bows"],
                    },
                ],
                "_people": {"director": director, "star": star, "star2": star2},
            }
        )
    return out


def subject_configs(subjects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The mappings without the generator's private keys, ready for feeds.yaml."""
    return [{k: v for k, v in s.items() if not k.startswith("_")} for s in subjects]


def _unique_titles(rng: random.Random, count: int) -> list[str]:
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen[f"{rng.choice(_WORDS)} {rng.choice(_WORDS)}"] = None
    return list(seen)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


class Corpus:
    def __init__(self, seed: int = 1, feeds: int = 1000, items: int | None = None) -> None:
        """``items``: every feed that many one-paragraph items, for measuring
        how the per-feed cost grows with the feed count (a first cycle over
        10,000 full-size feeds would take most of an hour)."""
        self.seed = seed
        self.feeds = feeds
        self.small = items
        self.extras = extra_subjects(seed=seed)
        rng = random.Random(f"{seed}:filler")
        # Rendered once: items draw sentences from this pool, which keeps
        # generating hundreds of megabytes a matter of seconds.
        self._pool = [self._filler(rng) for _ in range(4000)]

    # -- shape and content ---------------------------------------------------

    def shape(self, index: int) -> FeedShape:
        if self.small is not None:
            return FeedShape(index, index % ATOM_EVERY == ATOM_EVERY - 1, self.small, 1)
        rng = random.Random(f"{self.seed}:shape:{index}")
        weight = rng.randint(50_000, 250_000)
        # An item renders to ~1,800 bytes plus ~350 per paragraph of body; a
        # light feed has fewer items, so that it still has one paragraph each.
        items = max(20, min(rng.randint(20, 50), weight // 2_200))
        per_item = max(2, round((weight / items - 1_800) / 350))
        return FeedShape(index, index % ATOM_EVERY == ATOM_EVERY - 1, items, per_item)

    def item(self, feed: int, j: int, paragraphs: int) -> Item:
        rng = random.Random(f"{self.seed}:item:{feed}:{j}")
        host = f"outlet{feed:05d}.example"
        title_words = rng.sample(_TITLE_WORDS, 3)
        title = f"{rng.choice(_STUDIOS)} Lands ‘{' '.join(title_words[:2])}’ {rng.choice(_GENRES)}"
        sentences = rng.choices(self._pool, k=paragraphs * 3)
        roll = rng.random()
        if roll < BALLERINA_RATE:
            title, mention = self._ballerina(rng)
            sentences.insert(rng.randrange(min(len(sentences), 3) + 1), mention)
        elif roll < BALLERINA_RATE + EXTRA_RATE:
            title, mention = self._extra(rng)
            sentences.insert(rng.randrange(min(len(sentences), 3) + 1), mention)
        paras = tuple(" ".join(sentences[k : k + 3]) for k in range(0, len(sentences), 3))
        slug = "-".join(w.lower() for w in title_words) + f"-{1_235_000_000 + j}"
        return Item(
            guid=f"https://{host}/?p={1_235_000_000 + j}",
            link=f"https://{host}/2025/05/{slug}/",
            title=title,
            author=_person(rng),
            published=EPOCH + timedelta(hours=j - 200),
            categories=tuple(rng.sample(_CATEGORIES, 2)),
            paragraphs=paras,
            image=f"https://{host}/wp-content/uploads/2025/05/{slug}.jpg",
        )

    def items(self, feed: int, version: int) -> list[Item]:
        """The items of ``feed`` at ``version``, newest first."""
        shape = self.shape(feed)
        top = 200 + version * NEW_PER_CHANGE
        newest = range(top, top - shape.items, -1)
        return [self.item(feed, j, shape.paragraph_count) for j in newest]

    def _filler(self, rng: random.Random) -> str:
        n = rng.randint(2, 400)
        return rng.choice(_FILLER).format(
            person=_person(rng),
            person2=_person(rng),
            studio=rng.choice(_STUDIOS),
            streamer=rng.choice(_STREAMERS),
            festival=rng.choice(_FESTIVALS),
            agency=rng.choice(_AGENCIES),
            genre=rng.choice(_GENRES),
            title=f"{rng.choice(_TITLE_WORDS)} {rng.choice(_TITLE_WORDS)}",
            title2=f"{rng.choice(_TITLE_WORDS)} {rng.choice(_TITLE_WORDS)}",
            month=rng.choice(_MONTHS),
            city=rng.choice(_CITIES),
            weekday=rng.choice(_WEEKDAYS),
            n=n,
            n2=rng.randint(40, 99),
        )

    def _ballerina(self, rng: random.Random) -> tuple[str, str]:
        sentence = rng.choice(_BALLERINA).format(
            date=rng.choice(_BALLERINA_DATES), weekday=rng.choice(_WEEKDAYS)
        )
        return "‘Ballerina’: Lionsgate Sets John Wick Spinoff Plans", sentence

    def _extra(self, rng: random.Random) -> tuple[str, str]:
        subject = rng.choice(self.extras)
        people = subject["_people"]
        year = rng.choice((2025, 2026))
        sentence = rng.choice(_EXTRA_TEMPLATES).format(
            subject=subject["name"],
            studio=subject["context"][2],
            director=people["director"],
            star=people["star"],
            star2=people["star2"],
            character=_person(rng),
            character2=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            genre=rng.choice(_GENRES),
            date=f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {year}",
            weekday=rng.choice(_WEEKDAYS),
        )
        return f"‘{subject['name']}’ Update: {people['star']} News", sentence

    # -- rendering -------------------------------------------------------------

    def render(self, feed: int, version: int) -> bytes:
        shape = self.shape(feed)
        items = self.items(feed, version)
        built = EPOCH + timedelta(hours=version)
        if shape.atom:
            return _atom(feed, items, built)
        return _rss(feed, items, built)

    def name(self, feed: int) -> str:
        """The file name: ``.atom`` for Atom (served as application/atom+xml)."""
        return f"{feed:05d}.{'atom' if self.shape(feed).atom else 'xml'}"

    def path(self, folder: Path, feed: int) -> Path:
        return folder / "f" / self.name(feed)

    def url(self, base: str, feed: int) -> str:
        return f"{base}/f/{self.name(feed)}"

    def write_feed(self, folder: Path, feed: int, version: int) -> int:
        """Write one feed at ``version`` (and its .gz); returns its size in bytes."""
        body = self.render(feed, version)
        path = self.path(folder, feed)
        path.write_bytes(body)
        gz = path.with_name(path.name + ".gz")
        gz.write_bytes(gzip.compress(body, GZIP_LEVEL, mtime=0))
        stamp = EPOCH.timestamp() + version * 3600 + feed % 3600
        for p in (path, gz):
            os.utime(p, (stamp, stamp))
        return len(body)

    def write(self, folder: Path, feeds: range | None = None) -> int:
        """Version 0 of ``feeds`` (default: all); returns the total size in bytes."""
        (folder / "f").mkdir(parents=True, exist_ok=True)
        return sum(self.write_feed(folder, i, 0) for i in feeds or range(self.feeds))

    # -- changes ---------------------------------------------------------------

    def changed_in(self, round_: int, feeds: int | None = None) -> list[int]:
        """The feeds (of the first ``feeds``) that round ``round_`` rewrites."""
        n = feeds or self.feeds
        rng = random.Random(f"{self.seed}:round:{round_}:{n}")
        return sorted(rng.sample(range(n), max(1, round(n * CHANGE_FRACTION))))

    def version(self, feed: int, rounds: int, feeds: int | None = None) -> int:
        return sum(feed in set(self.changed_in(r, feeds)) for r in range(1, rounds + 1))

    def change(self, folder: Path, round_: int, feeds: int | None = None) -> list[int]:
        """Apply round ``round_`` (rounds are applied in order from 1): each chosen
        feed moves to its next version. Returns the feeds rewritten."""
        chosen = self.changed_in(round_, feeds)
        versions = self._versions(round_ - 1, feeds)
        for i in chosen:
            self.write_feed(folder, i, versions.get(i, 0) + 1)
        return chosen

    def restore(self, folder: Path, rounds: int, feeds: int | None = None) -> None:
        """Undo rounds 1..``rounds``: every feed they touched back to version 0."""
        for i in self._versions(rounds, feeds):
            self.write_feed(folder, i, 0)

    def _versions(self, rounds: int, feeds: int | None) -> dict[int, int]:
        out: dict[int, int] = {}
        for r in range(1, rounds + 1):
            for i in self.changed_in(r, feeds):
                out[i] = out.get(i, 0) + 1
        return out

    def entries_in(self, feeds: list[int] | range) -> int:
        return sum(self.shape(i).items for i in feeds)

    def plain_items(self, count: int) -> Iterator[tuple[int, Item]]:
        """``count`` items across the feeds, for benchmarks that skip the parser."""
        feed = 0
        made = 0
        while made < count:
            for item in self.items(feed % self.feeds, feed // self.feeds):
                yield feed % self.feeds, item
                made += 1
                if made == count:
                    return
            feed += 1


# -- documents -------------------------------------------------------------------------


def _rfc822(when: datetime) -> str:
    return when.strftime("%a, %d %b %Y %H:%M:%S +0000")


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _html_body(item: Item) -> str:
    """WordPress-style markup: paragraphs with inline markup, a figure, an embed."""
    parts = []
    for k, para in enumerate(item.paragraphs):
        words = para.split(" ", 4)
        if len(words) == 5 and k % 2 == 0:
            para = f"<strong>{escape(' '.join(words[:4]))}</strong> {escape(words[4])}"
            parts.append(f'<p class="wp-block-paragraph">{para}</p>')
        else:
            parts.append(
                f'<p>{escape(para)} <a href="{item.link}#more-{k}" rel="noopener">More</a></p>'
            )
        if k == 1:
            parts.append(
                f'<figure class="wp-block-image size-large"><img decoding="async" '
                f'loading="lazy" src="{item.image}?w=1024" alt="{escape(item.title)}" '
                f'width="1024" height="576" /><figcaption>{escape(item.author)}</figcaption>'
                "</figure>"
            )
        if k == 2:
            parts.append(
                '<blockquote class="twitter-tweet"><p>Embedded post</p></blockquote>'
                '<script async src="https://platform.twitter.example/widgets.js"></script>'
            )
    return "\n".join(parts)


def _rss(feed: int, items: list[Item], built: datetime) -> bytes:
    host = f"outlet{feed:05d}.example"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:atom="http://www.w3.org/2005/Atom"\n'
        '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n'
        '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n'
        '\txmlns:media="http://search.yahoo.com/mrss/"\n>\n<channel>\n'
        f"\t<title>Outlet {feed}</title>\n"
        f'\t<atom:link href="https://{host}/feed/" rel="self" type="application/rss+xml" />\n'
        f"\t<link>https://{host}</link>\n\t<description>Film and TV business news</description>\n"
        f"\t<lastBuildDate>{_rfc822(built)}</lastBuildDate>\n\t<language>en-US</language>\n"
        "\t<sy:updatePeriod>hourly</sy:updatePeriod>\n\t<sy:updateFrequency>1</sy:updateFrequency>\n"
        "\t<generator>https://wordpress.org/?v=6.5.3</generator>\n"
    ]
    for item in items:
        body = _html_body(item)
        summary = escape(item.paragraphs[0][:240]) + f' <a href="{item.link}">Read more…</a>'
        cats = "".join(f"\t\t<category>{_cdata(c)}</category>\n" for c in item.categories)
        out.append(
            "\t<item>\n"
            f"\t\t<title>{escape(item.title)}</title>\n"
            f"\t\t<link>{item.link}</link>\n"
            f"\t\t<comments>{item.link}#respond</comments>\n"
            f"\t\t<dc:creator>{_cdata(item.author)}</dc:creator>\n"
            f"\t\t<pubDate>{_rfc822(item.published)}</pubDate>\n"
            f"{cats}"
            f'\t\t<guid isPermaLink="false">{item.guid}</guid>\n'
            f"\t\t<description>{_cdata(summary)}</description>\n"
            f"\t\t<content:encoded>{_cdata(body)}</content:encoded>\n"
            f"\t\t<wfw:commentRss>{item.link}feed/</wfw:commentRss>\n"
            "\t\t<slash:comments>0</slash:comments>\n"
            f'\t\t<media:content url="{item.image}" medium="image">\n'
            f'\t\t\t<media:title type="html">{escape(item.title)}</media:title>\n'
            "\t\t</media:content>\n"
            "\t</item>\n"
        )
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode("utf-8")


def _atom(feed: int, items: list[Item], built: datetime) -> bytes:
    host = f"outlet{feed:05d}.example"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://{host}/">\n'
        f'  <title type="text">Outlet {feed}</title>\n'
        f'  <link rel="alternate" type="text/html" href="https://{host}/"/>\n'
        f'  <link rel="self" type="application/atom+xml" href="https://{host}/atom.xml"/>\n'
        f"  <id>tag:{host},2025:feed</id>\n"
        f"  <updated>{built.isoformat()}</updated>\n"
    ]
    for item in items:
        out.append(
            "  <entry>\n"
            f'    <title type="html">{escape(escape(item.title))}</title>\n'
            f'    <link rel="alternate" type="text/html" href="{item.link}"/>\n'
            f"    <id>{item.guid}</id>\n"
            f"    <published>{item.published.isoformat()}</published>\n"
            f"    <updated>{item.published.isoformat()}</updated>\n"
            f"    <author><name>{escape(item.author)}</name></author>\n"
            f'    <summary type="html">{escape(escape(item.paragraphs[0][:240]))}</summary>\n'
            f'    <content type="html">{escape(_html_body(item))}</content>\n'
            f'    <link rel="enclosure" type="image/jpeg" href="{item.image}"/>\n'
            "  </entry>\n"
        )
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")

# ruff: noqa: E501
"""Extra feed renderings for the tides and heist-sequel timelines (on top of common.py).

* ``screendaily``: RSS 2.0 whose only text is an entity-escaped HTML ``<description>``
  (named HTML entities such as ``&rsquo;`` and ``&nbsp;`` inside the markup), no content:encoded.
* ``joblo``: WordPress-like RSS with the featured image as an ``<enclosure>``.
* ``dog``: Atom 1.0 with ``<content type="html">`` holding escaped markup and a ``<summary>``.
* ``reddit``: a subreddit's Atom feed: escaped HTML content, ``media:thumbnail`` (no media:content).

``install()`` registers them with common.render; ``clean_filler()`` wraps a filler maker so that
no generated item mentions the subject's names (filler must stay unrelated).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

import common
from common import Feed, Item, _newest, esc, iso, rfc822

ENTITIES = (
    ("‘", "&lsquo;"),
    ("’", "&rsquo;"),
    ("“", "&ldquo;"),
    ("”", "&rdquo;"),
    ("–", "&ndash;"),
    ("—", "&mdash;"),
    ("…", "&hellip;"),
    ("é", "&eacute;"),
)


BLOCK = ("<p", "<ol", "<ul", "<figure", "<div", "<blockquote", "<h2", "<h3", "<table")


def paras_html(paras: list[str]) -> str:
    """Paragraphs as HTML: a block element is kept as is, anything else (inline markup too) gets <p>."""
    return "\n".join(p if p.startswith(BLOCK) else f"<p>{p}</p>" for p in paras)


def named_entities(markup: str) -> str:
    for a, b in ENTITIES:
        markup = markup.replace(a, b)
    return markup


def render_screendaily(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    out = [
        f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{esc(feed.title)}</title>
<link>{feed.home}</link>
<description>{esc(feed.extra.get("description", ""))}</description>
<language>en-gb</language>
<copyright>Copyright {now.year} Media Business Insight Ltd</copyright>
<atom:link href="{esc(feed.real_url)}" rel="self" type="application/rss+xml" />
<lastBuildDate>{rfc822(_newest(snap, k), gmt=True)}</lastBuildDate>
<ttl>15</ttl>"""
    ]
    for i in snap:
        v = i.version_at(k)
        markup = named_entities(paras_html(v.paras or [v.summary]))
        lines = ["<item>", f"<title>{esc(v.title)}</title>", f"<link>{i.link}</link>"]
        lines.append(f"<description>{esc(markup)}</description>")
        if i.pubdate:
            lines.append(f"<pubDate>{rfc822(i.t, gmt=True)}</pubDate>")
        if i.guid is not None:
            lines.append(f'<guid isPermaLink="true">{esc(i.guid or i.link)}</guid>')
        for c in i.categories:
            lines.append(f"<category>{esc(c)}</category>")
        lines.append("</item>")
        out.append("".join(lines))
    out.append("</channel>\n</rss>\n")
    return "\n".join(out)


def render_joblo(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    off = feed.extra.get("offset", 0)
    out = [
        f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	>
<channel>
	<title>{esc(feed.title)}</title>
	<atom:link href="{esc(feed.real_url)}" rel="self" type="application/rss+xml" />
	<link>{feed.home}</link>
	<description>{esc(feed.extra.get("description", ""))}</description>
	<lastBuildDate>{rfc822(_newest(snap, k), off)}</lastBuildDate>
	<language>en-US</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<sy:updateFrequency>1</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.6.2</generator>"""
    ]
    for i in snap:
        v = i.version_at(k)
        lines = [
            "	<item>",
            f"		<title>{common.wp_title(v.title)}</title>",
            f"		<link>{i.link}</link>",
            f"		<dc:creator><![CDATA[{i.author}]]></dc:creator>",
        ]
        if i.pubdate:
            lines.append(f"		<pubDate>{rfc822(i.t, off)}</pubDate>")
        for c in i.categories:
            lines.append(f"		<category><![CDATA[{c}]]></category>")
        if i.guid is not None:
            lines.append(f'		<guid isPermaLink="false">{esc(i.guid)}</guid>')
        lines.append(f"		<description><![CDATA[{v.summary} [&#8230;]]]></description>")
        lines.append(
            f"		<content:encoded><![CDATA[{paras_html(v.paras)}]]></content:encoded>"
        )
        if v.image:
            lines.append(
                f'		<enclosure url="{esc(v.image)}" length="{88000 + i.uid * 53}" type="image/jpeg" />'
            )
        lines.append("	</item>")
        out.append("\n".join(lines))
    out.append("</channel>\n</rss>\n")
    return "\n".join(out)


def render_dog(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    off = feed.extra.get("offset", 0)
    out = [
        f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-US" xml:base="{feed.home}/">
  <title type="text">{esc(feed.title)}</title>
  <subtitle type="text">{esc(feed.extra.get("subtitle", ""))}</subtitle>
  <updated>{iso(_newest(snap, k), off)}</updated>
  <link rel="alternate" type="text/html" href="{feed.home}/"/>
  <id>{feed.home}/feed/atom/</id>
  <link rel="self" type="application/atom+xml" href="{esc(feed.real_url)}"/>
  <generator uri="https://wordpress.org/" version="6.5.5">WordPress</generator>"""
    ]
    for i in snap:
        v = i.version_at(k)
        content = paras_html(v.paras)
        if v.image:
            content = (
                f'<figure><img src="{esc(v.image)}" alt="{esc(v.image_title)}" /></figure>\n'
                + content
            )
        lines = [
            "  <entry>",
            f"    <author><name>{esc(i.author)}</name></author>",
            f'    <title type="html"><![CDATA[{v.title}]]></title>',
            f'    <link rel="alternate" type="text/html" href="{i.link}"/>',
            f"    <id>{esc(i.guid or i.link)}</id>",
            f"    <updated>{iso(i.modified_at(k), off)}</updated>",
            f"    <published>{iso(i.t, off)}</published>",
        ]
        for c in i.categories:
            lines.append(f'    <category scheme="{feed.home}" term="{esc(c)}"/>')
        lines.append(f'    <summary type="html"><![CDATA[{v.summary}]]></summary>')
        lines.append(f'    <content type="html" xml:base="{i.link}">{esc(content)}</content>')
        lines.append("  </entry>")
        out.append("\n".join(lines))
    out.append("</feed>\n")
    return "\n".join(out)


def render_reddit(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    sub = feed.extra["sub"]
    out = [
        f"""<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><category term="{sub}" label="r/{sub}"/><updated>{iso(now - dt.timedelta(minutes=3))}</updated><icon>https://www.redditstatic.com/icon.png/</icon><id>/r/{sub}/new/.rss</id><link rel="self" href="{esc(feed.real_url)}" type="application/atom+xml" /><link rel="alternate" href="https://www.reddit.com/r/{sub}/new/" type="text/html" /><subtitle>{esc(feed.extra.get("subtitle", ""))}</subtitle><title>{esc(feed.title)}</title>"""
    ]
    for i in snap:
        v = i.version_at(k)
        user = i.author
        target = i.source or i.link  # a link post points elsewhere; a self post at itself
        body = ""
        if v.paras:
            body = '<!-- SC_OFF --><div class="md">' + paras_html(v.paras) + "</div><!-- SC_ON --> "
        thumb = ""
        if v.image:
            thumb = f'<table> <tr><td> <a href="{i.link}"> <img src="{v.image}" alt="{esc(v.title)}" title="{esc(v.title)}" /> </a> </td><td> '
        content = (
            thumb
            + body
            + f'&#32; submitted by &#32; <a href="https://www.reddit.com/user/{user}"> /u/{user} </a> <br/> '
            + f'<span><a href="{target}">[link]</a></span> &#32; <span><a href="{i.link}">[comments]</a></span>'
            + (" </td></tr></table>" if v.image else "")
        )
        entry = (
            f"<entry><author><name>/u/{user}</name><uri>https://www.reddit.com/user/{user}</uri></author>"
            f'<category term="{sub}" label="r/{sub}"/>'
            f'<content type="html">{esc(content)}</content><id>{i.guid}</id>'
        )
        if v.image:
            entry += f'<media:thumbnail url="{esc(v.image)}" />'
        entry += (
            f'<link href="{i.link}" /><updated>{iso(i.modified_at(k))}</updated>'
            f"<published>{iso(i.t)}</published><title>{esc(v.title)}</title></entry>"
        )
        out.append(entry)
    out.append("</feed>\n")
    return "".join(out)


EXTRA = {
    "screendaily": render_screendaily,
    "joblo": render_joblo,
    "dog": render_dog,
    "reddit": render_reddit,
}


def install() -> None:
    base = common.render

    def render(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
        fn = EXTRA.get(feed.style)
        return fn(feed, snap, k, now) if fn else base(feed, snap, k, now)

    common.render = render


def clean_filler(make: Callable[[], tuple], banned: list[str]) -> Callable[[], tuple]:
    """Regenerate filler until none of its text mentions a banned word (case-insensitive)."""
    low = [w.lower() for w in banned]

    def wrapped() -> Any:
        for _ in range(500):
            out = make()
            text = " ".join([out[0], out[1], *out[2]]).lower()
            text = html.unescape(text)
            if not any(w in text for w in low):
                return out
        raise RuntimeError("filler keeps hitting banned words")

    return wrapped

# ruff: noqa: E501
"""Shared machinery for building `watcher-timeline/1` test timelines.

A timeline is described as feeds (each with a rendering style and a window size), hand-written
relevant items (events, repeats, neutral items, confusers, hedges) with publication times, and
procedurally generated filler. Each step's snapshot of a feed is the newest `window` items
published up to the step's time, as a real feed would show them. Run the per-timeline scripts
beside this file to regenerate the XML and timeline.json; the output is deterministic.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import html
import json
import random
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

UTC = dt.UTC


def T(text: str) -> dt.datetime:
    """'2025-06-02 10:15' (UTC) -> aware datetime."""
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def slugify(text: str, limit: int = 60) -> str:
    text = text.lower().replace("’", "").replace("'", "").replace("‘", "")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > limit:
        text = text[:limit].rsplit("-", 1)[0]
    return text


@dataclass
class Version:
    """What an item says from a given step on (an entry edited in place keeps guid and link)."""

    title: str
    summary: str
    paras: list[str]
    image: str | None = None
    image_title: str = ""
    image_credit: str = ""
    modified: dt.datetime | None = None


@dataclass
class Item:
    feed: str
    t: dt.datetime
    versions: list[tuple[int, Version]]  # (first step it applies to, content)
    link: str = ""
    guid: str | None = ""  # "" -> style default; None -> no guid element
    pubdate: bool = True
    author: str = ""
    categories: list[str] = field(default_factory=list)
    source: str = ""  # aggregator: the outlet
    # documentation / scoring, per version index: (step, kind, note, question)
    notes: list[dict[str, Any]] = field(default_factory=list)
    uid: int = 0

    def version_at(self, step: int) -> Version:
        current = self.versions[0][1]
        for first, v in self.versions:
            if step >= first:
                current = v
        return current

    def modified_at(self, step: int) -> dt.datetime:
        v = self.version_at(step)
        return v.modified or self.t


@dataclass
class Feed:
    name: str
    style: str
    title: str
    real_url: str
    window: int
    home: str
    fmt: str = "rss"
    extra: dict[str, Any] = field(default_factory=dict)


class Builder:
    def __init__(self, out: Path, seed: int) -> None:
        self.out = out
        self.rng = random.Random(seed)
        self.feeds: dict[str, Feed] = {}
        self.items: list[Item] = []
        self.steps: list[dict[str, Any]] = []  # time, statuses {feed: code}
        self.counter = 1000
        self.used_links: set[str] = set()

    # ------------------------------------------------------------ setup

    def feed(self, feed: Feed) -> None:
        self.feeds[feed.name] = feed

    def step(self, time: str, status: dict[str, int] | None = None) -> None:
        self.steps.append({"time": T(time), "status": status or {}})

    def next_id(self, span: int = 1) -> int:
        self.counter += self.rng.randint(1, span)
        return self.counter

    def add(self, item: Item) -> Item:
        if not item.link:
            raise ValueError("relevant items need an explicit link")
        if item.link in self.used_links:
            raise ValueError(f"duplicate link {item.link}")
        self.used_links.add(item.link)
        item.uid = len(self.items)
        self.items.append(item)
        return item

    # ------------------------------------------------------------ snapshots

    def snapshot(self, feed: str, k: int) -> list[Item]:
        t = self.steps[k]["time"]
        pool = [i for i in self.items if i.feed == feed and i.t <= t]
        pool.sort(key=lambda i: i.t, reverse=True)
        return pool[: self.feeds[feed].window]

    def served(self, feed: str, k: int) -> bool:
        return self.steps[k]["status"].get(feed, 200) == 200

    def first_seen(self, item: Item) -> int | None:
        for k in range(len(self.steps)):
            if self.served(item.feed, k) and item in self.snapshot(item.feed, k):
                return k
        return None

    # ------------------------------------------------------------ output

    def build(
        self,
        meta: dict[str, Any],
        events: dict[int, dict[str, str]],
        state: list[dict[str, dict[str, Any]]],
    ) -> None:
        """events: {step: {question: answer}}; state: per step {question: expected}."""
        self.out.mkdir(parents=True, exist_ok=True)
        for old in self.out.glob("step*/*.xml"):
            old.unlink()
        steps_json = []
        for k, s in enumerate(self.steps):
            sdir = self.out / f"step{k:02d}"
            sdir.mkdir(exist_ok=True)
            feeds_json: dict[str, Any] = {}
            for name, feed in self.feeds.items():
                if not self.served(name, k):
                    feeds_json[name] = {"file": None, "status": self.steps[k]["status"][name]}
                    continue
                snap = self.snapshot(name, k)
                body = render(feed, snap, k, s["time"])
                (sdir / f"{name}.xml").write_text(body, encoding="utf-8")
                lm = max(i.modified_at(k) for i in snap)
                if feed.style in ("gnews", "bing"):
                    lm = s["time"] - dt.timedelta(minutes=2)
                feeds_json[name] = {
                    "file": f"step{k:02d}/{name}.xml",
                    "status": 200,
                    "last_modified": email.utils.format_datetime(lm, usegmt=True),
                    "items": len(snap),
                }
            ev_json, neutral, notes = [], [], []
            for qid, answer in events.get(k, {}).items():
                links = [
                    i.link
                    for i in self.items
                    for n in i.notes
                    if n["step"] == k and n["kind"] == "event" and n.get("question") == qid
                ]
                if not links:
                    raise ValueError(f"step {k}: event {qid} has no item")
                ev_json.append({"question": qid, "answer": answer, "links": links})
            for i in self.items:
                for n in i.notes:
                    if n["step"] != k:
                        continue
                    if n["kind"] == "event" and n.get("question") not in events.get(k, {}):
                        raise ValueError(f"step {k}: {i.link} is an event for an undeclared answer")
                    if n["kind"] == "neutral":
                        neutral.append(i.link)
                    notes.append(
                        {
                            "feed": i.feed,
                            "link": i.link,
                            "kind": n["kind"],
                            "title": i.version_at(k).title,
                            "note": n.get("note", ""),
                        }
                    )
            step_json: dict[str, Any] = {
                "step": k,
                "time": s["time"].strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            if k == 0:
                step_json["baseline"] = True
            step_json.update(
                {
                    "feeds": feeds_json,
                    "events": ev_json,
                    "neutral": neutral,
                    "state": state[k],
                    "notes": notes,
                }
            )
            steps_json.append(step_json)
        doc = {
            "format": "watcher-timeline/1",
            **meta,
            "feeds": {
                n: {"format": f.fmt, "title": f.title, "real_url": f.real_url}
                for n, f in self.feeds.items()
            },
            "scoring": {
                "events": "an event is found when a notification at that step names one of its links",
                "neutral": "links of items that mention the film but answer nothing; notifying them is neither required nor penalized",
                "state": "expected `watcher questions --json` after the step; a day-precise date is compared as an ISO date; answer_contains (text answers, and month- or season-precision dates such as 2026-12 or 2025-summer, checked by their month or year) case-insensitively as a substring; images by status only",
                "notes": "documentation only: why each relevant item is there (event, repeat, neutral, confuser, hedge)",
            },
            "steps": steps_json,
        }
        (self.out / "timeline.json").write_text(
            json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        self.check()

    def check(self) -> None:
        """Every noted item must be first observable at the step its first note names."""
        for i in self.items:
            if not i.notes:
                continue
            first = self.first_seen(i)
            want = min(n["step"] for n in i.notes)
            if first != want:
                raise ValueError(f"{i.link}: first observable at step {first}, notes say {want}")
            for n in i.notes:
                k = n["step"]
                if not (self.served(i.feed, k) and i in self.snapshot(i.feed, k)):
                    raise ValueError(f"{i.link}: noted at step {k} but not served then")
        for name in self.feeds:
            for k in range(len(self.steps)):
                if self.served(name, k):
                    n = len(self.snapshot(name, k))
                    if not 10 <= n <= 20:
                        raise ValueError(f"{name} step {k}: {n} items")


# ================================================================ rendering


def rfc822(t: dt.datetime, offset_hours: int = 0, gmt: bool = False) -> str:
    if gmt:
        return email.utils.format_datetime(t, usegmt=True)
    tz = dt.timezone(dt.timedelta(hours=offset_hours))
    return email.utils.format_datetime(t.astimezone(tz))


def iso(t: dt.datetime, offset_hours: int = 0) -> str:
    tz = dt.timezone(dt.timedelta(hours=offset_hours))
    return t.astimezone(tz).isoformat()


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def wp_title(text: str) -> str:
    text = esc(text).replace("&#x27;", "&#8217;")
    for a, b in (
        ("‘", "&#8216;"),
        ("’", "&#8217;"),
        ("“", "&#8220;"),
        ("”", "&#8221;"),
        ("–", "&#8211;"),
        ("—", "&#8212;"),
        ("…", "&#8230;"),
    ):
        text = text.replace(a, b)
    return text


def paras_html(paras: list[str]) -> str:
    return "\n".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paras)


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def render(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    fn = {
        "wp": render_wp,
        "gnews": render_gnews,
        "bing": render_bing,
        "atom_xhtml": render_atom_xhtml,
        "atom_html": render_atom_html,
        "ign": render_ign,
        "valnet": render_valnet,
        "empire": render_empire,
        "future": render_future,
    }[feed.style]
    return fn(feed, snap, k, now)


def _newest(snap: list[Item], k: int) -> dt.datetime:
    return max(i.modified_at(k) for i in snap)


def render_wp(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    off = feed.extra.get("offset", 0)
    host = feed.home
    out = [
        f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	xmlns:media="http://search.yahoo.com/mrss/"
	>

<channel>
	<title>{esc(feed.title)}</title>
	<atom:link href="{esc(feed.real_url)}" rel="self" type="application/rss+xml" />
	<link>{host}</link>
	<description>{esc(feed.extra.get("description", ""))}</description>
	<lastBuildDate>{rfc822(_newest(snap, k), off)}</lastBuildDate>
	<language>en-US</language>
	<sy:updatePeriod>
	hourly	</sy:updatePeriod>
	<sy:updateFrequency>
	1	</sy:updateFrequency>
	<generator>https://wordpress.org/?v={feed.extra.get("wp", "6.5.3")}</generator>
	<image>
		<url>{host}/wp-content/uploads/2021/01/favicon-32.png?w=32</url>
		<title>{esc(feed.title)}</title>
		<link>{host}</link>
		<width>32</width>
		<height>32</height>
	</image>"""
    ]
    for i in snap:
        v = i.version_at(k)
        lines = [
            "\t<item>",
            f"\t\t<title>{wp_title(v.title)}</title>",
            f"\t\t<link>{i.link}</link>",
            f"\t\t<comments>{i.link}#respond</comments>",
            f"\t\t<dc:creator><![CDATA[{i.author}]]></dc:creator>",
        ]
        if i.pubdate:
            lines.append(f"\t\t<pubDate>{rfc822(i.t, off)}</pubDate>")
        for c in i.categories:
            lines.append(f"\t\t<category><![CDATA[{c}]]></category>")
        if i.guid is not None:
            lines.append(f'\t\t<guid isPermaLink="false">{esc(i.guid)}</guid>')
        lines.append(f"\t\t<description><![CDATA[<p>{v.summary}</p>]]></description>")
        lines.append(f"\t\t<content:encoded><![CDATA[{paras_html(v.paras)}]]></content:encoded>")
        lines.append(f"\t\t<wfw:commentRss>{i.link}feed/</wfw:commentRss>")
        lines.append(f"\t\t<slash:comments>{i.uid % 9}</slash:comments>")
        if v.image:
            lines.append(
                f'\t\t<media:content url="{esc(v.image)}" medium="image" width="1024" height="576">'
            )
            lines.append(
                f'\t\t\t<media:title type="html"><![CDATA[{v.image_title or v.title}]]></media:title>'
            )
            lines.append(
                f"\t\t\t<media:credit>{esc(v.image_credit or 'Getty Images')}</media:credit>"
            )
            lines.append("\t\t</media:content>")
            thumb = v.image.split("?")[0] + "?w=150&h=150&crop=1"
            lines.append(f'\t\t<media:thumbnail url="{esc(thumb)}" />')
        lines.append("\t</item>")
        out.append("\n".join(lines))
    out.append("\t</channel>\n</rss>\n")
    return "\n".join(out)


def gnews_link(url: str) -> str:
    token = (
        base64.urlsafe_b64encode(b"\x08\x13\x22" + bytes([len(url)]) + url.encode())
        .decode()
        .rstrip("=")
    )
    return f"https://news.google.com/rss/articles/{token}?oc=5"


def gnews_source(link: str) -> str:
    """The outlet's home page, from the article URL a gnews_link() token carries."""
    token = link.split("/articles/")[1].split("?")[0]
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    parts = urllib.parse.urlsplit(raw[4:].decode())
    return f"{parts.scheme}://{parts.netloc}"


def render_gnews(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    q = feed.extra["query"]
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rss xmlns:media="http://search.yahoo.com/mrss/" version="2.0">'
        f"<channel><generator>NFE/5.0</generator><title>{esc(feed.title)}</title>"
        f"<link>https://news.google.com/search?q={esc(urllib.parse.quote_plus(q))}&amp;hl=en-US&amp;gl=US&amp;ceid=US:en</link>"
        f"<language>en-US</language><webMaster>news-webmaster@google.com</webMaster>"
        f"<copyright>{now.year} Google Inc.</copyright><lastBuildDate>{rfc822(now - dt.timedelta(minutes=2), gmt=True)}</lastBuildDate>"
        f"<description>Google News</description>"
    )
    parts = [head]
    for i in snap:
        v = i.version_at(k)
        guid = i.link.split("/articles/")[1].split("?")[0]
        title = f"{v.title} - {i.source}"
        desc = (
            f'<a href="{i.link}" target="_blank">{esc(v.title)}</a>&nbsp;&nbsp;'
            f'<font color="#6f6f6f">{esc(i.source)}</font>'
        )
        parts.append(
            f"<item><title>{esc(title)}</title><link>{i.link}</link>"
            f'<guid isPermaLink="false">{guid}</guid><pubDate>{rfc822(i.t, gmt=True)}</pubDate>'
            f"<description>{esc(desc)}</description>"
            f'<source url="{esc(gnews_source(i.link))}">{esc(i.source)}</source></item>'
        )
    parts.append("</channel></rss>\n")
    return "".join(parts)


def bing_link(url: str, tid: str, c: int) -> str:
    return (
        "http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid="
        + tid
        + "&url="
        + urllib.parse.quote(url, safe="").lower().replace("%2d", "-")
        + f"&c={c}&mkt=en-us"
    )


def render_bing(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    q = feed.extra["query"]
    ql = esc(f"https://www.bing.com:443/news/search?q={urllib.parse.quote_plus(q)}&format=rss")
    parts = [
        f'<?xml version="1.0" encoding="utf-8" ?><rss version="2.0" xmlns:News="{ql}">'
        f"<channel><title>{esc(q)} - BingNews</title><link>{ql}</link>"
        f"<description>Search results</description><image><url>http://www.bing.com/s/a/bing_p.ico</url>"
        f"<title>{esc(q)}</title><link>{ql}</link></image>"
        f"<copyright>Copyright © {now.year} Microsoft. All rights reserved. This XML feed is made available solely for the purpose of rendering Bing results within your RSS aggregator for your personal, non-commercial use.</copyright>"
    ]
    for i in snap:
        v = i.version_at(k)
        img = f"<News:Image>{esc(v.image)}</News:Image>" if v.image else ""
        parts.append(
            f"<item><title>{esc(v.title)}</title><link>{esc(i.link)}</link>"
            f"<description>{esc(v.summary)}</description>"
            + (f"<pubDate>{rfc822(i.t, gmt=True)}</pubDate>" if i.pubdate else "")
            + f"<News:Source>{esc(i.source)}</News:Source>{img}</item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts)


def render_atom_xhtml(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    off = feed.extra.get("offset", 0)
    out = [
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="en-US">
  <title>{esc(feed.title)}</title>
  <subtitle>{esc(feed.extra.get("subtitle", ""))}</subtitle>
  <link rel="alternate" type="text/html" href="{feed.home}/"/>
  <link rel="self" type="application/atom+xml" href="{esc(feed.real_url)}"/>
  <id>{feed.extra["id"]}</id>
  <updated>{iso(_newest(snap, k), off)}</updated>
  <generator>{esc(feed.extra.get("generator", "Hugo"))}</generator>"""
    ]
    for i in snap:
        v = i.version_at(k)
        body = paras_html(v.paras).replace("&", "&amp;").replace("&amp;amp;", "&amp;")
        lines = [
            "  <entry>",
            f'    <title type="html">{esc(v.title)}</title>',
            f'    <link rel="alternate" type="text/html" href="{i.link}"/>',
            f"    <id>{i.guid}</id>",
            f"    <published>{iso(i.t, off)}</published>",
            f"    <updated>{iso(i.modified_at(k), off)}</updated>",
            f"    <author><name>{esc(i.author)}</name></author>",
        ]
        for c in i.categories:
            lines.append(f'    <category term="{esc(c)}"/>')
        lines.append(f'    <summary type="text">{esc(plain(v.summary))}</summary>')
        lines.append(
            f'    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{body}</div></content>'
        )
        if v.image:
            lines.append(f'    <link rel="enclosure" type="image/jpeg" href="{esc(v.image)}"/>')
            lines.append(f'    <media:thumbnail url="{esc(v.image)}" width="1200" height="675"/>')
        lines.append("  </entry>")
        out.append("\n".join(lines))
    out.append("</feed>\n")
    return "\n".join(out)


def render_atom_html(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    out = [
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{esc(feed.title)}</title><link href="{feed.home}" rel="alternate"></link><link href="{esc(feed.real_url)}" rel="self"></link><id>{feed.home}</id><updated>{iso(_newest(snap, k))}</updated><subtitle>{esc(feed.extra.get("subtitle", ""))}</subtitle>"""
    ]
    for i in snap:
        v = i.version_at(k)
        content = paras_html(v.paras)
        if v.image:
            content = f'<p><img src="{v.image}" alt="{esc(v.image_title)}"></p>\n' + content
        out.append(
            f'<entry><title>{esc(v.title)}</title><link href="{i.link}" rel="alternate"></link>'
            f"<published>{iso(i.t)}</published><updated>{iso(i.modified_at(k))}</updated>"
            f"<author><name>{esc(i.author)}</name></author><id>{i.guid}</id>"
            f'<summary type="html">{esc(v.summary)}</summary>'
            f'<content type="html">{esc(content)}</content></entry>'
        )
    out.append("</feed>\n")
    return "".join(out)


def render_ign(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    out = [
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{esc(feed.title)}</title>
<link>{feed.home}</link>
<description>{esc(feed.extra.get("description", ""))}</description>
<language>en-us</language>
<atom:link href="{esc(feed.real_url)}" rel="self" type="application/rss+xml"/>
<lastBuildDate>{rfc822(_newest(snap, k), gmt=True)}</lastBuildDate>"""
    ]
    for i in snap:
        v = i.version_at(k)
        lines = [
            "<item>",
            f"<title>{esc(v.title)}</title>",
            f"<link>{i.link}</link>",
            f"<description>{esc(v.summary)}</description>",
        ]
        if i.pubdate:
            lines.append(f"<pubDate>{rfc822(i.t, gmt=True)}</pubDate>")
        if i.guid is not None:
            lines.append(f'<guid isPermaLink="false">{esc(i.guid)}</guid>')
        lines.append(f"<dc:creator>{esc(i.author)}</dc:creator>")
        for c in i.categories:
            lines.append(f"<category>{esc(c)}</category>")
        lines.append("</item>")
        out.append("\n".join(lines))
    out.append("</channel>\n</rss>\n")
    return "\n".join(out)


def render_valnet(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    out = [
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
    <channel>
        <title>{esc(feed.title)}</title>
        <link>{feed.home}/</link>
        <description>{esc(feed.extra.get("description", ""))}</description>
        <language>en-US</language>
        <lastBuildDate>{rfc822(_newest(snap, k), gmt=True)}</lastBuildDate>
        <atom:link href="{esc(feed.real_url)}" rel="self" type="application/rss+xml"/>"""
    ]
    for i in snap:
        v = i.version_at(k)
        lines = [
            "        <item>",
            f"            <title><![CDATA[{v.title}]]></title>",
            f"            <link>{i.link}</link>",
            f"            <dc:creator><![CDATA[{i.author}]]></dc:creator>",
        ]
        if v.image:
            lines.append(
                f'            <enclosure url="{esc(v.image)}" length="0" type="image/jpeg"/>'
            )
        for c in i.categories:
            lines.append(f"            <category><![CDATA[{c}]]></category>")
        lines.append(f"            <description><![CDATA[{v.summary}]]></description>")
        lines.append(
            f"            <content:encoded><![CDATA[{paras_html(v.paras)}]]></content:encoded>"
        )
        if i.pubdate:
            lines.append(f"            <pubDate>{rfc822(i.t, gmt=True)}</pubDate>")
        if i.guid is not None:
            lines.append(f'            <guid isPermaLink="true">{esc(i.guid or i.link)}</guid>')
        lines.append("        </item>")
        out.append("\n".join(lines))
    out.append("    </channel>\n</rss>\n")
    return "\n".join(out)


def render_empire(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    out = [
        f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>{esc(feed.title)}</title>
    <link>{feed.home}</link>
    <description>{esc(feed.extra.get("description", ""))}</description>
    <language>en-gb</language>
    <copyright>Copyright {now.year} H Bauer Publishing</copyright>
    <lastBuildDate>{rfc822(_newest(snap, k), gmt=True)}</lastBuildDate>"""
    ]
    for i in snap:
        v = i.version_at(k)
        lines = [
            "    <item>",
            f"      <title>{esc(v.title)}</title>",
            f"      <link>{i.link}</link>",
            f"      <description>{esc(v.summary)}</description>",
        ]
        if i.pubdate:
            lines.append(f"      <pubDate>{rfc822(i.t, gmt=True)}</pubDate>")
        if i.guid is not None:
            lines.append(f'      <guid isPermaLink="true">{esc(i.guid or i.link)}</guid>')
        if v.image:
            lines.append(
                f'      <enclosure url="{esc(v.image)}" length="{40000 + i.uid * 37}" type="image/jpeg" />'
            )
        lines.append("    </item>")
        out.append("\n".join(lines))
    out.append("  </channel>\n</rss>\n")
    return "\n".join(out)


def render_future(feed: Feed, snap: list[Item], k: int, now: dt.datetime) -> str:
    out = [
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
 <channel>
  <atom:link href="{esc(feed.real_url)}" rel="self" type="application/rss+xml"/>
  <title><![CDATA[ {feed.title} ]]></title>
  <link>{feed.home}</link>
  <description><![CDATA[ {feed.extra.get("description", "")} ]]></description>
  <lastBuildDate>{rfc822(_newest(snap, k), gmt=True)}</lastBuildDate>
  <language>en</language>"""
    ]
    for i in snap:
        v = i.version_at(k)
        lines = [
            "  <item>",
            f"   <title><![CDATA[ {v.title} ]]></title>",
            f"   <dc:content><![CDATA[ {paras_html(v.paras)} ]]></dc:content>",
            f"   <link>{i.link}</link>",
            f"   <description><![CDATA[ {v.summary} ]]></description>",
        ]
        if i.guid is not None:
            lines.append(f'   <guid isPermaLink="false">{esc(i.guid)}</guid>')
        if v.image:
            lines.append(
                f'   <enclosure url="{esc(v.image)}" length="0" type="image/jpeg"></enclosure>'
            )
        if i.pubdate:
            lines.append(f"   <pubDate>{rfc822(i.t, gmt=True)}</pubDate>")
        for c in i.categories:
            lines.append(f"   <category><![CDATA[{c}]]></category>")
        lines.append(f"   <dc:creator><![CDATA[ {i.author} ]]></dc:creator>")
        if v.image:
            lines.append(
                f'   <media:content type="image/jpeg" url="{esc(v.image)}">'
                f"<media:credit><![CDATA[{v.image_credit or 'Future'}]]></media:credit>"
                f"<media:text><![CDATA[{v.image_title or v.title}]]></media:text>"
                f"<media:title><![CDATA[{v.image_title or v.title}]]></media:title></media:content>"
            )
            lines.append(f'   <media:thumbnail url="{esc(v.image)}"></media:thumbnail>')
        lines.append("  </item>")
        out.append("\n".join(lines))
    out.append(" </channel>\n</rss>\n")
    return "\n".join(out)


# ================================================================ filler

FIRST = [
    "Maya",
    "Jonah",
    "Priya",
    "Levi",
    "Greta",
    "Omar",
    "Sabine",
    "Tobias",
    "Ines",
    "Desmond",
    "Keiko",
    "Rafael",
    "Noor",
    "Imani",
    "Callum",
    "Zora",
    "Felix",
    "Anouk",
    "Marcus",
    "Delphine",
    "Hugo",
    "Yara",
    "Mateo",
    "Willa",
    "Dev",
    "Elena",
    "Soren",
    "Lucia",
    "Theo",
    "Amara",
    "Bram",
    "Nadia",
    "Reggie",
    "Saoirse",
    "Kofi",
    "Ingrid",
    "Paulo",
    "Hana",
    "Ezra",
    "Clementine",
]
LAST = [
    "Okafor",
    "Thackeray",
    "Nakamura",
    "Osei",
    "Ferrante",
    "Corrigan",
    "Vance",
    "Kowalczyk",
    "Pemberton",
    "Rasmussen",
    "Duarte",
    "Mbeki",
    "Eklund",
    "Petrakis",
    "Rourke",
    "Quinlan",
    "Villanueva",
    "Blackwood",
    "Delgado",
    "Ivanova",
    "Prescott",
    "Achterberg",
    "Castellanos",
    "Adeyemi",
    "Fairweather",
    "Lindqvist",
    "Morrow",
    "Abara",
    "Halloran",
    "Szabo",
    "Tanaka",
    "Whitlock",
    "Baptiste",
    "Oyelaran",
    "Marchetti",
    "Brandt",
    "Sato",
    "Kerrigan",
    "Novak",
]
ADJ = [
    "Silent",
    "Broken",
    "Hollow",
    "Burning",
    "Frozen",
    "Crooked",
    "Restless",
    "Electric",
    "Gentle",
    "Savage",
    "Distant",
    "Last",
    "Lost",
    "Secret",
    "Empty",
    "Wandering",
    "Falling",
    "Golden",
    "Sacred",
    "Northern",
    "Iron",
    "Glass",
    "Velvet",
    "Paper",
    "Midnight",
]
NOUN = [
    "Harbor",
    "Signal",
    "Hours",
    "Theory",
    "Circus",
    "Alibi",
    "Horizon",
    "Season",
    "Tide",
    "Village",
    "Machine",
    "Country",
    "Republic",
    "Promise",
    "Mile",
    "Kingdom",
    "Letters",
    "Garden",
    "Station",
    "Orchard",
    "Frontier",
    "Archive",
    "Lantern",
    "Meridian",
    "Weather",
]
PLACES = ["Street", "Lane", "Creek", "Falls", "Heights", "Bay", "Valley", "Row", "Court", "Point"]
STUDIOS = [
    "Universal",
    "Paramount",
    "Sony Pictures",
    "Warner Bros.",
    "Lionsgate",
    "Neon",
    "A24",
    "Searchlight",
    "Focus Features",
    "Amazon MGM",
    "Legendary",
    "Blumhouse",
    "Apple Original Films",
]
NETS = [
    "HBO",
    "Netflix",
    "Apple TV+",
    "Peacock",
    "Hulu",
    "Prime Video",
    "AMC",
    "FX",
    "Max",
    "Starz",
]
CITIES = [
    "Atlanta",
    "Budapest",
    "Glasgow",
    "Vancouver",
    "Belfast",
    "Prague",
    "Albuquerque",
    "Toronto",
    "Melbourne",
    "Seville",
    "Montreal",
    "Reykjavik",
]
AGENCIES = ["CAA", "WME", "UTA", "Gersh", "Independent Artists", "Verve"]
FESTS = [
    "Venice",
    "Telluride",
    "TIFF",
    "Fantastic Fest",
    "Sitges",
    "Locarno",
    "Karlovy Vary",
    "the London Film Festival",
    "New York Film Festival",
    "Annecy",
]
MONTHS = [
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]


class Filler:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.titles: set[str] = set()

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def film(self) -> str:
        r = self.rng
        for _ in range(200):
            t = r.choice(
                [
                    f"The {r.choice(ADJ)} {r.choice(NOUN)}",
                    f"{r.choice(ADJ)} {r.choice(NOUN)}",
                    f"The {r.choice(NOUN)}",
                ]
            )
            if t not in self.titles:
                self.titles.add(t)
                return t
        return f"The {r.choice(ADJ)} {r.choice(NOUN)} {r.randint(2, 9)}"

    def show(self) -> str:
        r = self.rng
        return f"{r.choice([*ADJ[:14], 'Pine', 'Cedar', 'Red', 'North', 'Stone', 'Harbor'])} {r.choice(PLACES)}"

    def date(self, year: int) -> str:
        return f"{self.rng.choice(MONTHS)} {self.rng.randint(1, 28)}, {year}"

    def trade(self, year: int) -> tuple[str, str, list[str], str, bool]:
        """(title, summary, paras, category, has_image) of a trade-press filler story."""
        r = self.rng
        p1, p2, f1, f2 = self.person(), self.person(), self.film(), self.film()
        st, net, city = r.choice(STUDIOS), r.choice(NETS), r.choice(CITIES)
        n = r.randint(2, 5)
        kind = r.randrange(16)
        if kind == 0:
            gross = r.randint(8, 60)
            t = f"‘{f1}’ Opens To ${gross}M, ‘{f2}’ Holds Strong"
            s = f"‘{f1}’ led the domestic box office with an estimated ${gross} million from {r.randint(2900, 4300):,} theaters."
            ps = [
                s,
                f"In second place, ‘{f2}’ added ${r.randint(4, 20)}.{r.randint(1, 9)} million in its second weekend, down {r.randint(35, 65)}%.",
                "Overall grosses were up on the same weekend last year.",
            ]
            return t, s, ps, "Box Office", True
        if kind == 1:
            show = self.show()
            t = f"‘{show}’ Season {n} Casts {p1} In Recurring Role"
            s = f"{p1} has joined season {n} of ‘{show}’ in a recurring role as a detective with a past."
            return (
                t,
                s,
                [
                    s,
                    f"{p1} recently appeared in ‘{f1}’. The new season is in production.",
                    f"{p1} is repped by {r.choice(AGENCIES)}.",
                ],
                "TV",
                True,
            )
        if kind == 2:
            t = f"‘{f1}’ Starts Production In {city}; {p1}, {p2} Lead Cast"
            s = f"Cameras are rolling in {city} on ‘{f1}’, with {p1} and {p2} leading the cast."
            return (
                t,
                s,
                [
                    s,
                    f"{self.person()} directs from a script by {self.person()}. The shoot is scheduled for {r.randint(6, 14)} weeks.",
                ],
                "Film",
                False,
            )
        if kind == 3:
            t = f"{st} Dates ‘{f1}’ For {self.date(year + r.randint(0, 1))}"
            s = f"{st} has set ‘{f1}’, starring {p1}, for a theatrical release."
            return (
                t,
                s,
                [
                    s,
                    f"The {r.choice(['thriller', 'comedy', 'drama', 'horror film'])} is directed by {p2}.",
                    "It is the first of two films the filmmaker has set up at the studio.",
                ],
                "Film",
                True,
            )
        if kind == 4:
            t = f"‘{f1}’ Trailer: {p1} Races The Clock"
            s = f"{st} has released the first trailer for ‘{f1}’, starring {p1}. The film opens {r.choice(MONTHS)} {r.randint(1, 28)}."
            return (
                t,
                s,
                [
                    s,
                    f"Directed by {p2}, the thriller follows a courier who discovers what she is carrying.",
                    "The trailer debuted online Tuesday morning.",
                ],
                "Trailers",
                True,
            )
        if kind == 5:
            show = self.show()
            t = f"‘{show}’ Showrunner {p1} Exits Ahead Of Season {n}"
            s = f"{p1} is stepping down as showrunner of {net}’s ‘{show}’ ahead of its {n}th season."
            return (
                t,
                s,
                [s, f"{p2} will take over. Production is expected to resume in {city} this fall."],
                "TV",
                False,
            )
        if kind == 6:
            show = self.show()
            t = f"Streaming Top 10: ‘{show}’ Leads With {r.randint(1, 3)}.{r.randint(0, 9)}B Minutes"
            s = f"{net}’s ‘{show}’ topped the streaming charts for the week."
            return (
                t,
                s,
                [
                    s,
                    f"‘{f1}’ was the most-watched film, with {r.randint(300, 900)} million minutes.",
                ],
                "TV",
                False,
            )
        if kind == 7:
            t = f"{p1} Signs With {r.choice(AGENCIES)}"
            s = f"{p1}, who stars in the upcoming ‘{f1}’, has signed with {r.choice(AGENCIES)}."
            return t, s, [s, f"{p1} continues to be managed by {p2}."], "Business", True
        if kind == 8:
            t = f"{p1} To Direct ‘{f1}’ For {st}"
            s = f"{p1} will direct ‘{f1}’, an original {r.choice(['thriller', 'drama', 'sci-fi film', 'comedy'])}, for {st}."
            return (
                t,
                s,
                [s, f"{p2} wrote the script. Production is expected to start next year."],
                "Film",
                True,
            )
        if kind == 9:
            show = self.show()
            t = f"‘{show}’ Season {n} Sets {r.choice(MONTHS)} Premiere On {net}"
            s = f"{net} has dated season {n} of ‘{show}’, led by {p1}."
            return (
                t,
                s,
                [
                    s,
                    "All episodes will drop at once.",
                    f"The series is produced by {self.person()}.",
                ],
                "TV",
                True,
            )
        if kind == 10:
            fest = r.choice(FESTS)
            t = f"{fest} Sets Lineup With ‘{f1}’, ‘{f2}’"
            s = f"{fest} has unveiled its lineup, opening with ‘{f1}’ from {p1}."
            return (
                t,
                s,
                [
                    s,
                    f"‘{f2}’, starring {p2}, will close the festival.",
                    f"The lineup includes {r.randint(30, 140)} features.",
                ],
                "Festivals",
                False,
            )
        if kind == 11:
            t = f"First Look: {p1} In ‘{f1}’"
            s = f"Here is the first image of {p1} in ‘{f1}’, {st}’s upcoming drama directed by {p2}."
            return (
                t,
                s,
                [
                    s,
                    f"The still shows {p1} in character on the set in {city}.",
                    "A release date has not been announced.",
                ],
                "Film",
                True,
            )
        if kind == 12:
            t = f"‘{f1}’ Review: {p1} Is {r.choice(['Magnetic', 'Wasted', 'Ferocious', 'Quietly Devastating'])} In {p2}’s {r.choice(['Thriller', 'Debut', 'Drama', 'Odyssey'])}"
            s = f"{p2}’s ‘{f1}’ is {r.choice(['a taut', 'an uneven', 'a lovely', 'a chilly'])} piece of work anchored by {p1}."
            return (
                t,
                s,
                [
                    s,
                    "The film premiered at the festival on Saturday.",
                    f"Grade: {r.choice(['A-', 'B+', 'B', 'C+', 'B-'])}",
                ],
                "Reviews",
                True,
            )
        if kind == 13:
            t = f"{st} Acquires {r.choice(['Documentary', 'Thriller', 'Drama'])} ‘{f1}’"
            s = f"{st} has acquired worldwide rights to ‘{f1}’, from director {p1}."
            return (
                t,
                s,
                [
                    s,
                    "The deal was in the low seven figures.",
                    "A release is planned for later this year.",
                ],
                "Business",
                False,
            )
        if kind == 14:
            t = f"{p1} Joins {p2} In {st}’s ‘{f1}’"
            s = f"{p1} has joined {p2} in {st}’s ‘{f1}’."
            return (
                t,
                s,
                [s, f"{self.person()} is directing. Plot details are under wraps."],
                "Film",
                True,
            )
        show = self.show()
        t = f"‘{show}’ Premiere Draws {r.randint(1, 9)}.{r.randint(0, 9)}M Viewers For {net}"
        s = f"The premiere of ‘{show}’ drew {r.randint(1, 9)}.{r.randint(0, 9)} million viewers across platforms."
        return t, s, [s, "It is the network’s best debut in two seasons."], "TV", False

    def listicle(self) -> tuple[str, str, list[str], str, bool]:
        r = self.rng
        genre = r.choice(
            ["Horror", "Spy", "Heist", "Sci-Fi", "Western", "Noir", "Disaster", "Sports"]
        )
        f1, f2 = self.film(), self.film()
        t = f"The {r.randint(7, 15)} Most Underrated {genre} Movies Streaming Right Now"
        s = f"From ‘{f1}’ to ‘{f2}’, these are the {genre.lower()} movies worth your time."
        return (
            t,
            s,
            [
                s,
                f"Number one is no surprise: ‘{self.film()}’ remains the genre’s high-water mark.",
                "Availability varies by region.",
            ],
            "Lists",
            True,
        )


def add_filler(
    b: Builder,
    feed: str,
    k_counts: list[int],
    make: Any,
    link_of: Any,
    guid_of: Any = None,
    author_pool: list[str] | None = None,
    source_pool: list[str] | None = None,
    start_days: float = 6.0,
) -> None:
    """Add k_counts[k] filler items published in the interval before step k."""
    rng = b.rng
    for k, count in enumerate(k_counts):
        end = b.steps[k]["time"] - dt.timedelta(minutes=rng.randint(5, 50))
        start = b.steps[k - 1]["time"] if k else b.steps[0]["time"] - dt.timedelta(days=start_days)
        span = (end - start).total_seconds()
        for _ in range(count):
            t = start + dt.timedelta(seconds=rng.randint(60, int(span)))
            t = t.replace(second=rng.randint(0, 59))
            title, summary, paras, cat, has_img = make()
            link, extra = link_of(t, title)
            while link in b.used_links:
                link, extra = link_of(t, title + f" {rng.randint(2, 99)}")
            v = Version(
                title,
                summary,
                paras,
                image=extra.get("image") if has_img else None,
                image_title=title,
                image_credit=rng.choice(["Getty Images", "Courtesy", "Shutterstock"]),
            )
            item = Item(
                feed,
                t,
                [(0, v)],
                link=link,
                guid=guid_of(link, extra) if guid_of else "",
                author=rng.choice(author_pool or ["Staff"]),
                categories=[cat],
                source=rng.choice(source_pool) if source_pool else "",
            )
            b.add(item)

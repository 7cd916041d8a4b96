"""Which report of an event to name first: the outlet's own.

An answer is often carried in one cycle by the trade paper that broke it, a
fan site's "everything we know" explainer and an aggregator's link to either.
``knowledge`` orders an event's sources by report time (newest first), which
puts the aggregator's re-post or the explainer that summed it up on top. A
notification should lead with the report itself: this module ranks sources
as own report, then explainer, then aggregator, keeping the order within each.

Pure: values in, values out; it reads no feed and no clock.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from urllib.parse import urlsplit

from watcher import gnews
from watcher.config import FeedConfig
from watcher.types import Entry, Observation

# Hosts whose items only point at other outlets' reports (search and news
# aggregators). A feed tagged `aggregator` in feeds.yaml counts as one too.
AGGREGATOR_HOSTS = (
    "news.google.com",
    "bing.com",
    "news.yahoo.com",
    "msn.com",
    "flipboard.com",
    "newsbreak.com",
)
AGGREGATOR_TAG = "aggregator"
# Headlines of pieces that sum up what others reported, rather than report.
_EXPLAINER = re.compile(
    r"\b(?:everything (?:we|you need to) know|what we know|what to know|things to know"
    r"|explained|explainer|how to watch|where to (?:watch|stream)|recap|guide to"
    r"|release date,? cast|cast,? (?:plot|story))\b",
    re.I,
)


def aggregator_feeds(feeds: Sequence[FeedConfig]) -> frozenset[str]:
    """Names of the configured feeds that are aggregators (by tag or by host)."""
    return frozenset(f.name for f in feeds if AGGREGATOR_TAG in f.tags or is_aggregator(f.url))


def is_aggregator(url: str | None) -> bool:
    host = (urlsplit(url or "").hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in AGGREGATOR_HOSTS)


def is_explainer(title: str) -> bool:
    return bool(_EXPLAINER.search(title or ""))


def rank(feed: str, title: str, link: str | None, aggregators: Collection[str]) -> int:
    """0 an outlet's own report, 1 an explainer, 2 an aggregator's link."""
    if feed in aggregators or is_aggregator(link):
        return 2
    return 1 if is_explainer(title) else 0


def own_report_first(
    sources: Sequence[Observation], aggregators: Collection[str]
) -> list[Observation]:
    """``sources`` with own reports first, then explainers, then aggregators'
    links; a stable sort, so each group keeps the order it came in."""
    return sorted(sources, key=lambda o: rank(o.feed, o.title, o.link, aggregators))


# -- one story, however it was reached ------------------------------------------------

# Stories are compared on a headline of at least this many words: shorter ones
# ("Trailer", "Box office") are shared by unrelated items.
MIN_STORY_WORDS = 4
_STORY_WORDS = re.compile(r"[^\W_]+")
_TRACKING_PARAM = re.compile(r"^(?:utm_[a-z]+|oc|fbclid|gclid|ref|src)$", re.I)


def story_keys(entry: Entry) -> frozenset[str]:
    """Keys of the story ``entry`` reports: the page it links (an aggregator
    link resolved), and its outlet's host with its headline. An aggregator's
    item and the outlet's own item of one story share a key, so they count as
    one source. Two items share a key only when they are one story."""
    keys = set()
    page = entry.article_url or entry.link
    if page and not gnews.is_google_news(page):
        keys.add("url:" + _page_key(page))
    host = _host(entry.outlet_url if entry.outlet else page)
    headline = entry.title
    if entry.outlet and headline.endswith(" - " + entry.outlet):
        headline = headline[: -len(entry.outlet) - 3]  # "Headline - Outlet"
    words = _STORY_WORDS.findall(headline.casefold())
    if host and len(words) >= MIN_STORY_WORDS:
        keys.add(f"title:{host}:{' '.join(words)}")
    return frozenset(keys)


def _host(url: str | None) -> str:
    host = (urlsplit(url or "").hostname or "").lower()
    return host.removeprefix("www.")


def _page_key(url: str) -> str:
    parts = urlsplit(url)
    query = "&".join(
        p for p in parts.query.split("&") if p and not _TRACKING_PARAM.match(p.split("=", 1)[0])
    )
    return f"{_host(url)}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")

"""Reading the article pages of a feed's items: the I/O around ``watcher.article``.

One call per feed, after it is parsed and matched on the feed's text and
before its entries are stored::

    items that mention a subject and give only a summary (per mode)
        | stored page? (no request) | fetch (the feeds' transport, address rule,
          per-host slots, caps; a conditional GET for a page read before)
        | main text (a thread, time-boxed) | store the page | match on its text

It decides nothing that ``article`` and the matcher do not. A failed read
never fails the feed: the item keeps its summary and the matches found in it,
and is read again on a later poll of its feed (``article.retry_at``, at most
``article.MAX_ATTEMPTS`` times). A URL is read at most once a cycle, whichever
feeds link it, and a host that did not answer (name lookup, connect, timeout)
is not asked again in that cycle: a feed full of links to an unreachable site
costs one failed connection, not one per link.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlsplit

import httpx

from watcher import article, gnews
from watcher.config import Config
from watcher.errors import StoreError
from watcher.fetch import FetchRequest, FetchResult, FetchStatus, fetch, host_key
from watcher.match import Matcher
from watcher.parse import MAX_IMAGES
from watcher.store import Store
from watcher.store import articles as article_rows
from watcher.store import entries as entry_rows
from watcher.store.feeds import FeedToPoll
from watcher.transport import Classifier, Resolver
from watcher.types import Entry, Match
from watcher.update import FeedUpdate

log = logging.getLogger(__name__)

ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
# Pages read per feed and poll; the others wait for the next poll of the feed.
MAX_PER_FEED = 10
# Failed reads retried per cycle, across its feeds.
MAX_RETRIES = 100
# A page is held to the feeds' body cap, and to this one: an article is tens
# of kilobytes, and what extraction reads is cut far below it anyway.
MAX_BODY = 5 * 1024 * 1024
# A feed's pages are read within this share of the total deadline, waiting for
# a host's slot and extraction included, so a batch of feeds stays within its
# lease (``poll.feed_lease``: rounds of fetches at the total deadline, plus two).
BUDGET_SHARE = 0.5
# Statuses after which the same request would fail the same way.
_FINAL = frozenset({FetchStatus.REDIRECT, FetchStatus.TOO_LARGE})
_HOST_DOWN = frozenset({FetchStatus.NETWORK, FetchStatus.TIMEOUT})

Changed = list[tuple[Entry, tuple[Match, ...]]]


@dataclass(frozen=True, slots=True)
class _Page:
    """What one read gives the items that link the page."""

    record: article_rows.ArticleRecord
    text: str | None = None
    image: str | None = None


class ArticleReader:
    """One per poll cycle: it holds the cycle's reads, shared by its feeds."""

    def __init__(
        self,
        store: Store,
        client: httpx.AsyncClient,
        config: Config,
        matcher: Matcher,
        now: Callable[[], datetime],
        *,
        resolve: Resolver | None = None,
        classify: Classifier | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.matcher = matcher
        self.now = now
        poll = config.poll
        # A feed's mode and trusted host are looked up when one of its items
        # needs them, through the config's own index: a reader is made every
        # cycle, and two maps over every feed (with each feed URL's host key
        # kept in ``host_key``'s cache) cost a poll of thousands of feeds
        # memory and time for the few feeds whose pages are read.
        self.config = config
        self.default_mode = poll.articles
        self.budget = poll.timeouts.total * BUDGET_SHARE
        self.settings = poll.model_copy(
            update={
                "max_body": min(poll.max_body, MAX_BODY),
                "timeouts": poll.timeouts.model_copy(update={"total": self.budget}),
            }
        )
        self.resolve = resolve
        self.classify = classify
        self.reads: dict[str, asyncio.Task[_Page]] = {}
        self.down: dict[str, str] = {}  # host → why it did not answer this cycle
        self.retries: dict[int, list[Entry]] | None = None

    async def read(
        self,
        update: FeedUpdate,
        overall: asyncio.Semaphore,
        per_host: Mapping[str, asyncio.Semaphore],
    ) -> FeedUpdate:
        """``update`` with the pages its entries need read and those entries
        matched again on their text, plus the stored entries whose page was
        read on a retry. Never raises for the feed's sake: on a fault it is
        returned as it came."""
        ok = update.result.status in (FetchStatus.OK, FetchStatus.NOT_MODIFIED)
        configured = self.config.feed(update.feed.name)
        mode = (configured.articles if configured else None) or self.default_mode
        if not ok or update.record.error is not None or mode == "never":
            return update
        try:
            changed = await self._read(update, mode, overall, per_host)
        except Exception:  # a fault here costs the pages, never the feed's entries
            log.exception("reading articles of feed %s failed", update.feed.name)
            return update
        return replace(update, changed=tuple(changed))

    async def _read(
        self,
        item: FeedUpdate,
        mode: str,
        overall: asyncio.Semaphore,
        per_host: Mapping[str, asyncio.Semaphore],
    ) -> Changed:
        out: Changed = list(item.changed)
        wanted: dict[int, Entry] = {}  # position in ``out`` → entry whose page to read
        for i, (entry, matches) in enumerate(out):
            if article.worth_reading(entry, mode) and (matches or self.matcher.mentions(entry)):
                if gnews.is_google_news(entry.link) and not entry.article_url:
                    # Only Google's page, with JavaScript, knows where this leads.
                    out[i] = (replace(entry, read="headline"), matches)
                else:
                    wanted[i] = entry
        seen = {entry.identity for entry, _ in out}
        for entry in await self._due_retries(item.feed.id):
            if entry.identity not in seen:
                wanted[len(out)] = entry
                out.append((entry, ()))  # dropped again unless its page is read
        if not wanted:
            return out
        pages = await self._pages(item.feed, wanted, overall, per_host)
        return await asyncio.to_thread(self._rematch, out, wanted, pages, len(item.changed))

    async def _due_retries(self, feed_id: int) -> list[Entry]:
        if self.retries is None:
            # Once a cycle, for every feed: a query per feed would cost more
            # than the few retries it finds.
            with self.store.transaction() as connection:
                self.retries = article_rows.due_retries(
                    connection, None, self.now(), article.MAX_ATTEMPTS, MAX_RETRIES
                )
        return self.retries.pop(feed_id, [])

    async def _pages(
        self,
        feed: FeedToPoll,
        wanted: Mapping[int, Entry],
        overall: asyncio.Semaphore,
        per_host: Mapping[str, asyncio.Semaphore],
    ) -> dict[str, _Page]:
        """URL → what is known of its page after this call: read now, held, or failed."""
        urls = {_url(e) for e in wanted.values()}
        with self.store.transaction() as connection:
            stored = article_rows.get_articles(connection, list(urls))
            known = entry_rows.content_hashes(
                connection, feed.id, [e.identity for e in wanted.values()]
            )
        now = self.now()
        configured = self.config.feed(feed.name)
        # The configured URL's host, not the one the feed moved to.
        trusted = (host_key(configured.url) if configured else "") or host_key(feed.url)
        pages: dict[str, _Page] = {}
        to_read: dict[str, article_rows.StoredArticle | None] = {}
        for entry in wanted.values():
            url = _url(entry)
            held = stored.get(url)
            if held is not None and held.status != "failed" and entry.identity not in known:
                pages[url] = _Page(_held(held), held.text, held.image)  # another feed read it
            elif held is not None and held.status == "failed" and not _due(held, now):
                pages[url] = _Page(_held(held))
            elif url not in to_read and len(to_read) < MAX_PER_FEED:
                to_read[url] = held
            elif url not in to_read:
                attempts = held.attempts if held else 0
                record = article_rows.ArticleRecord(
                    url,
                    "failed",
                    error="waiting: many pages in one poll",
                    attempts=attempts,
                    next_attempt=now,
                )
                pages[url] = _Page(record)
        tasks = [
            self._read_once(url, held, trusted, overall, per_host) for url, held in to_read.items()
        ]
        for url, page in zip(to_read, await asyncio.gather(*tasks), strict=True):
            pages[url] = page
        fresh = [
            p.record for url, p in pages.items() if url in to_read or p.record.outcome == "failed"
        ]
        try:
            with self.store.transaction() as connection:
                article_rows.record_articles(connection, _unique(fresh), now)
        except StoreError as exc:  # read again next time; this poll still uses them
            log.warning("storing articles of feed %s failed: %s", feed.name, exc)
        return pages

    def _read_once(
        self,
        url: str,
        held: article_rows.StoredArticle | None,
        trusted: str,
        overall: asyncio.Semaphore,
        per_host: Mapping[str, asyncio.Semaphore],
    ) -> asyncio.Task[_Page]:
        """The cycle's one read of ``url``, started by the first feed that needs it."""
        if url not in self.reads:
            self.reads[url] = asyncio.ensure_future(
                self._fetch(url, held, trusted, overall, per_host)
            )
        return self.reads[url]

    async def _fetch(
        self,
        url: str,
        held: article_rows.StoredArticle | None,
        trusted: str,
        overall: asyncio.Semaphore,
        per_host: Mapping[str, asyncio.Semaphore],
    ) -> _Page:
        host = urlsplit(url).hostname or ""
        attempts = (held.attempts if held else 0) + 1
        if host_key(url) in self.down:
            return self._failed(url, f"not tried: {self.down[host_key(url)]}", attempts)
        request = FetchRequest(
            url,
            held.etag if held else None,
            held.last_modified if held else None,
            trusted_host=trusted,
            accept=ACCEPT,
        )
        try:
            async with asyncio.timeout(self.budget):
                async with per_host[host], overall:
                    result = await fetch(
                        self.client,
                        request,
                        self.settings,
                        resolve=self.resolve,
                        classify=self.classify,
                    )
                return await self._outcome(url, held, result, attempts)
        except TimeoutError:
            error = f"timed out after {self.budget:g}s"
            self.down[host_key(url)] = error
            return self._failed(url, error, attempts)

    async def _outcome(
        self,
        url: str,
        held: article_rows.StoredArticle | None,
        result: FetchResult,
        attempts: int,
    ) -> _Page:
        if result.status is FetchStatus.NOT_MODIFIED and held is not None:
            record = article_rows.ArticleRecord(
                url,
                "not_modified",
                etag=result.etag,
                last_modified=result.last_modified,
                http_status=result.http_status,
                final_url=result.url,
            )
            return _Page(record, held.text, held.image)
        if result.status is not FetchStatus.OK or result.body is None:
            if result.status in _HOST_DOWN:
                self.down[host_key(url)] = result.error or str(result.status)
            gone = result.status in _FINAL or result.http_status in (404, 410)
            page = self._failed(url, result.error or str(result.status), attempts, gone=gone)
            if held is not None and held.status == "ok":  # keep reading what was read
                return _Page(page.record, held.text, held.image)
            return page
        body, kind = result.body, result.content_type
        found = await asyncio.to_thread(article.extract, body, result.url, kind)
        record = article_rows.ArticleRecord(
            url,
            "ok" if found else "no_text",
            text=found.text if found else None,
            image=found.image if found else None,
            etag=result.etag,
            last_modified=result.last_modified,
            http_status=result.http_status,
            final_url=result.url,
        )
        return _Page(record, record.text, record.image)

    def _failed(self, url: str, error: str, attempts: int, *, gone: bool = False) -> _Page:
        # A refused redirect, a page over the cap or gone is not tried again.
        next_attempt = None if gone else article.retry_at(attempts, self.now())
        record = article_rows.ArticleRecord(
            url, "failed", error=error[:300], attempts=attempts, next_attempt=next_attempt
        )
        return _Page(record)

    def _rematch(
        self, out: Changed, wanted: Mapping[int, Entry], pages: Mapping[str, _Page], changed: int
    ) -> Changed:
        """Each wanted entry matched again on its page's text; one whose page
        is not to be had keeps its summary and matches (a retry is dropped)."""
        now = self.now()
        for i, entry in wanted.items():
            url = _url(entry)
            page = pages[url]
            if page.text:
                images = entry.images
                if page.image and page.image not in images:
                    images = (*images, page.image)[:MAX_IMAGES]
                text = article.matched_text(entry.text, page.text)
                read = replace(entry, text=text, images=images, article_url=url, read="article")
                out[i] = (read, tuple(self.matcher.match(read, now)))
            elif i < changed:
                out[i] = (replace(entry, article_url=url, read="summary"), out[i][1])
        kept = [pair for i, pair in enumerate(out) if i < changed or pair[0].read == "article"]
        return kept


def _url(entry: Entry) -> str:
    url = entry.article_url or entry.link
    assert url is not None  # ``article.worth_reading`` wants one
    return url


def _held(held: article_rows.StoredArticle) -> article_rows.ArticleRecord:
    return article_rows.ArticleRecord(held.url, "held", attempts=held.attempts)


def _due(held: article_rows.StoredArticle, now: datetime) -> bool:
    return (
        held.next_attempt is not None
        and held.next_attempt <= now
        and held.attempts < article.MAX_ATTEMPTS
    )


def _unique(records: Sequence[article_rows.ArticleRecord]) -> list[article_rows.ArticleRecord]:
    """One record per URL, and none for a page only looked up."""
    by_url = {r.url: r for r in records if r.outcome != "held"}
    return list(by_url.values())

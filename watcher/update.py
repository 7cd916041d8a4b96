"""What one fetch of one feed means, decided apart from doing it.

::

    FetchResult ─► read_body ─► Read (parsed, or why not) ─► [stored content hashes]
        ─► feed_update ─► FeedUpdate (changed entries with their matches, and the
           FetchRecord: outcome, health, backoff, interval, validators)

Nothing here touches the network, the database or the clock: the feed's state,
the fetch result, the content hashes already stored and ``now`` come in as
values, and an intent comes out. ``watcher.poll`` fetches, reads what these
need and commits what they return; ``watcher.backtest`` feeds them recorded
files instead of HTTP answers, so a replay decides exactly as a poll does.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from watcher.config import Config, FeedConfig, PollSettings
from watcher.errors import FeedParseError
from watcher.fetch import FetchResult, FetchStatus
from watcher.match import Matcher
from watcher.parse import HtmlPageError, ParsedFeed, parse_feed
from watcher.store.feeds import FeedToPoll, FetchRecord
from watcher.types import Entry, Match

# Entries whose publication gaps set an adaptive interval.
ADAPTIVE_SAMPLE = 10
# A next poll falls on a whole step of seconds (counted from the epoch): the
# largest of these that leaves the jitter at least ``JITTER_PLACES`` times to
# choose from (60 s for the default 30 minutes ± 10%; none when there is no
# jitter). Feeds polled together then share a few next-poll values, so the
# index on it changes in a few pages per batch; with a time of its own for
# every feed, each moved its entry to a page of its own once the index had
# more pages than a batch has feeds, and a 304's commit wrote twice the pages
# at 10,000 feeds as at 1,000 (benchmarks/RESULTS.md, "The commit at 10,000
# feeds"). The poll tick (15 s at most) already polls feeds due a little apart
# together, and the per-host limit still paces a host's feeds.
NEXT_POLL_STEPS = (60, 30, 15, 5, 1)
JITTER_PLACES = 4
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Read:
    """A fetched body, parsed, or why it could not be."""

    parsed: ParsedFeed | None = None
    error: str | None = None  # not a feed (an HTML page, a parse failure)
    body_hash: str | None = None


@dataclass(frozen=True, slots=True)
class FeedUpdate:
    """Everything one fetch of one feed decided, waiting for the commit."""

    feed: FeedToPoll
    # Without its body (``without_body``): a batch's updates wait for one
    # commit, and the bodies, parsed already, would be most of what they hold.
    result: FetchResult
    # New or edited entries, in feed order, each with its matches.
    changed: tuple[tuple[Entry, tuple[Match, ...]], ...]
    new_entries: int
    record: FetchRecord


def read_body(feed: FeedToPoll, result: FetchResult, settings: PollSettings) -> Read:
    """Parse a successful fetch's body: nothing when the server sent the very
    bytes it sent last time (no validators), only the items not seen before."""
    if result.status is not FetchStatus.OK or result.body is None:
        return Read()
    body_hash = hashlib.sha256(result.body).hexdigest()
    if body_hash == feed.body_hash:
        return Read(body_hash=body_hash)
    try:
        parsed = parse_feed(
            result.body,
            url=result.url,
            content_type=result.content_type,
            max_entries=settings.max_entries,
            max_text_chars=settings.max_entry_chars,
            seen_items=feed.item_hashes,
        )
    except HtmlPageError as exc:
        # Say which URL to configure instead, when the page names its feed.
        found = f"; it links the feed {exc.feed_links[0]}" if exc.feed_links else ""
        return Read(error=f"{exc}{found}", body_hash=body_hash)
    except FeedParseError as exc:
        return Read(error=str(exc), body_hash=body_hash)
    return Read(parsed, body_hash=body_hash)


def identities(read: Read) -> list[str]:
    """The entries whose stored content hashes ``feed_update`` needs."""
    return [e.identity for e in read.parsed.entries] if read.parsed else []


def feed_update(
    feed: FeedToPoll,
    result: FetchResult,
    read: Read,
    stored: Mapping[str, str],
    matcher: Matcher,
    config: Config,
    now: datetime,
    *,
    feed_config: FeedConfig | None = None,
    rng: Callable[[float, float], float] = random.uniform,
) -> FeedUpdate:
    """The entries that are new or edited (their content hash differs from
    ``stored``: identity → hash), matched; and what the fetch did to the feed's
    health and schedule."""
    changed = []
    new = 0
    for entry in read.parsed.entries if read.parsed else ():
        previous = stored.get(entry.identity)
        if previous != entry.content_hash:
            new += previous is None
            changed.append((entry, tuple(matcher.match(entry, now))))
    record = fetch_record(feed, result, read, config, now, new, feed_config, rng)
    return FeedUpdate(feed, without_body(result), tuple(changed), new, record)


def failed_update(
    feed: FeedToPoll,
    result: FetchResult,
    error: str,
    config: Config,
    now: datetime,
    feed_config: FeedConfig | None = None,
) -> FeedUpdate:
    """A feed whose input hit a bug in reading it: nothing of it is kept, and it
    is retried with backoff like any failure."""
    read = Read(error=f"internal error: {error}"[:300])
    return FeedUpdate(
        feed,
        without_body(result),
        (),
        0,
        fetch_record(feed, result, read, config, now, 0, feed_config),
    )


def without_body(result: FetchResult) -> FetchResult:
    """The fetch result once its body has been read: what the commit and the
    article reader use of it is the status, URL and timing, not the bytes."""
    return dataclasses.replace(result, body=None) if result.body is not None else result


def fetch_record(
    feed: FeedToPoll,
    result: FetchResult,
    read: Read,
    config: Config,
    now: datetime,
    new_entries: int,
    feed_config: FeedConfig | None = None,
    rng: Callable[[float, float], float] = random.uniform,
) -> FetchRecord:
    """Outcome, health and schedule: the feed's interval (its own, else the
    adaptive one, else the default); backoff after an error; disabled when
    the server says the feed is gone (410, or 404 for ``gone_after``)."""
    settings = config.poll
    fixed = feed_config.interval if feed_config else None
    interval = fixed or feed.interval or settings.interval
    if fixed is None and settings.adaptive and read.parsed is not None:
        interval = adaptive_interval(read.parsed.published, interval, settings)
    error = read.error or result.error
    if error is None and result.status not in (FetchStatus.OK, FetchStatus.NOT_MODIFIED):
        error = str(result.status)
    outcome = "not_a_feed" if read.error else str(result.status)
    disable = None
    if result.http_status == 410:
        disable = "HTTP 410 Gone: the publisher removed this feed"
    elif result.http_status == 404 and feed.failing_since is not None:
        missing_for = (now - feed.failing_since).total_seconds()
        if missing_for >= settings.gone_after:
            disable = f"HTTP 404 for {missing_for / 86400:.0f} days"
    return FetchRecord(
        outcome=outcome,
        error=error,
        next_poll=next_poll(
            now,
            interval,
            settings,
            failures=feed.consecutive_failures + 1 if error else 0,
            retry_after=result.retry_after,
            rng=rng,
        ),
        etag=result.etag,
        last_modified=result.last_modified,
        moved_to=result.moved_to,
        title=read.parsed.title if read.parsed else None,
        new_entries=new_entries,
        disable_reason=disable,
        interval=None if fixed else interval,
        body_hash=read.body_hash,
        item_hashes=read.parsed.item_hashes if read.parsed else None,
    )


def next_poll(
    now: datetime,
    interval: float,
    settings: PollSettings,
    *,
    failures: int = 0,
    retry_after: float | None = None,
    rng: Callable[[float, float], float] = random.uniform,
) -> datetime:
    """The feed's interval, with jitter so feeds on one host spread out; after
    errors, exponential backoff capped at ``max_backoff`` (never giving up);
    a server's Retry-After wins when it asks for longer. The time falls on a
    whole step within the jitter's window (``on_step``)."""
    delay = interval
    if failures:
        delay = min(settings.max_backoff, interval * 2 ** (failures - 1))
    if retry_after is not None:
        delay = max(delay, min(retry_after, settings.max_retry_after))
    jittered = delay * (1 + rng(-settings.jitter, settings.jitter))
    earliest = now + timedelta(seconds=delay * (1 - settings.jitter))
    latest = now + timedelta(seconds=delay * (1 + settings.jitter))
    return on_step(now + timedelta(seconds=jittered), earliest, latest)


def on_step(when: datetime, earliest: datetime, latest: datetime) -> datetime:
    """``when`` moved to the nearest whole step (``NEXT_POLL_STEPS``) that
    lies between ``earliest`` and ``latest``; as it is when they are too close
    for ``JITTER_PLACES`` steps."""
    span = (latest - earliest).total_seconds()
    # A loop, not next() over a generator: every recorded fetch asks, and the
    # generator left open was closed with a GeneratorExit each time.
    for step in NEXT_POLL_STEPS:
        if span >= JITTER_PLACES * step:
            break
    else:
        return when
    steps = round((when - _EPOCH).total_seconds() / step)
    snapped = _EPOCH + timedelta(seconds=steps * step)
    if snapped < earliest:
        snapped += timedelta(seconds=step)
    elif snapped > latest:
        snapped -= timedelta(seconds=step)
    return snapped


def adaptive_interval(
    published: Sequence[datetime], current: float, settings: PollSettings
) -> float:
    """Half the typical gap between the newest entries, within the configured
    bounds, moved halfway from ``current`` so one burst does not swing it."""
    newest = sorted(published, reverse=True)[:ADAPTIVE_SAMPLE]
    gaps = sorted((a - b).total_seconds() for a, b in itertools.pairwise(newest))
    if not gaps:
        return current
    median = gaps[len(gaps) // 2]
    target = min(settings.max_interval, max(settings.min_interval, median / 2))
    return (current + target) / 2

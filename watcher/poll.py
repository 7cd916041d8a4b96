"""One poll cycle: the pipeline that calls every stage in order and decides nothing.

::

    store.claim_due | fetch | parse | new-or-changed | match      (per feed, concurrently)
        | store: save entries + matches, knowledge.decide, answers + events + outbox,
          feed health                                          (one transaction)
        | notify.deliver_pending

``poll_feeds`` is the one function behind ``watcher poll --once`` and every
scheduler tick. Entries, matches, answers, events and their outbox rows are
written in one transaction, so a crash leaves either all of a cycle or none of
it: nothing is lost and nothing is announced twice.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import logging
import random
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx

from watcher.claims import claimant, dead_claimants
from watcher.config import Config, FeedConfig, PollSettings
from watcher.config_rules import format_duration
from watcher.errors import FeedParseError
from watcher.fetch import FetchRequest, FetchResult, FetchStatus, fetch, make_client
from watcher.knowledge import decide, observe
from watcher.match import Matcher
from watcher.message import message_for, route
from watcher.outlets import aggregator_feeds
from watcher.parse import HtmlPageError, ParsedFeed, parse_feed
from watcher.store import Store
from watcher.store import answers as answer_rows
from watcher.store import entries as entry_rows
from watcher.store import feeds as feed_rows
from watcher.types import Entry, Match, Observation

log = logging.getLogger(__name__)

# A cycle claims at most this many feeds per round of concurrent fetches, so
# one commit stays small and a claim never has to outlive a huge cycle.
ROUNDS_PER_BATCH = 4
# Entries whose publication gaps set an adaptive interval.
ADAPTIVE_SAMPLE = 10


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    name: str
    url: str
    outcome: str  # ok | not_modified | a FetchStatus | not_a_feed
    error: str | None = None
    new_entries: int = 0
    updated_entries: int = 0
    matches: int = 0
    elapsed: float = 0.0
    moved_to: str | None = None
    # After an error: when the feed is tried again, and how many failures in a row.
    retry_at: datetime | None = None
    failures: int = 0
    disabled: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class PollReport:
    feeds: tuple[FeedOutcome, ...] = ()
    events: int = 0
    event_titles: tuple[str, ...] = field(default=())
    # (subject id, event kind) per event, for the events counter.
    event_kinds: tuple[tuple[str, str], ...] = field(default=())

    @property
    def failed(self) -> int:
        return sum(not f.ok for f in self.feeds)

    @property
    def new_entries(self) -> int:
        return sum(f.new_entries for f in self.feeds)

    @property
    def updated_entries(self) -> int:
        return sum(f.updated_entries for f in self.feeds)

    @property
    def matches(self) -> int:
        return sum(f.matches for f in self.feeds)


@dataclass
class _Fetched:
    """One feed's fetch, parse and match results, waiting for the commit."""

    feed: feed_rows.FeedToPoll
    result: FetchResult
    parsed: ParsedFeed | None = None
    error: str | None = None
    body_hash: str | None = None
    changed: list[tuple[Entry, list[Match]]] = field(default_factory=list)


def feed_lease(settings: PollSettings) -> timedelta:
    """How long a claimed batch of feeds is leased: long enough for every round
    of the batch to hit the total deadline, so a live worker never loses a claim
    mid-poll, while a dead one's leases expire soon after. (Rounds to spare, as
    slack for parsing and the commit.)"""
    return timedelta(seconds=settings.timeouts.total * (ROUNDS_PER_BATCH + 2) + 5)


async def poll_feeds(
    store: Store,
    config: Config,
    matcher: Matcher,
    *,
    owner: str,
    now: Callable[[], datetime],
    names: Sequence[str] | None = None,
    include_not_due: bool = False,
    client: httpx.AsyncClient | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> PollReport:
    """Poll the due feeds (or ``names``, or every enabled one with
    ``include_not_due``), store what they say, and queue the events.

    Feeds are claimed in batches; each batch is fetched concurrently and
    committed as one transaction, so the same news from several outlets in a
    batch is one event listing them all."""
    settings = config.poll
    batch = settings.concurrency * ROUNDS_PER_BATCH
    lease = feed_lease(settings)
    own_client = client is None
    http = client or make_client(settings)
    reports: list[PollReport] = []
    last_id: int | None = None
    feeds_by_name = {feed.name: feed for feed in config.feeds}  # once, not per batch
    # Named with pid and machine, so that the leases of a process killed on
    # this machine are taken over at once rather than after they expire.
    owner = claimant(owner)
    try:
        while not should_stop():
            with store.transaction() as session:
                at = now()
                claimed = feed_rows.claim_due(
                    session,
                    owner,
                    at,
                    lease,
                    names=names,
                    include_not_due=include_not_due,
                    after_id=last_id if include_not_due else None,
                    limit=batch,
                    stale=dead_claimants(feed_rows.lease_holders(session, at)),
                )
            if not claimed:
                break
            last_id = max(feed.id for feed in claimed)
            fetched = await _fetch_all(
                store, http, claimed, settings, matcher, owner, now, should_stop
            )
            reports.append(_commit(store, config, feeds_by_name, fetched, now()))
    finally:
        if own_client:
            await http.aclose()
    return PollReport(
        feeds=tuple(f for r in reports for f in r.feeds),
        events=sum(r.events for r in reports),
        event_titles=tuple(t for r in reports for t in r.event_titles),
        event_kinds=tuple(k for r in reports for k in r.event_kinds),
    )


async def _fetch_all(
    store: Store,
    client: httpx.AsyncClient,
    feeds: Sequence[feed_rows.FeedToPoll],
    settings: PollSettings,
    matcher: Matcher,
    owner: str,
    now: Callable[[], datetime],
    should_stop: Callable[[], bool],
) -> list[_Fetched]:
    overall = asyncio.Semaphore(settings.concurrency)
    per_host: dict[str, asyncio.Semaphore] = defaultdict(
        lambda: asyncio.Semaphore(settings.per_host)
    )

    async def one(feed: feed_rows.FeedToPoll) -> _Fetched | None:
        host = urlsplit(feed.url).hostname or ""
        # Host first: a task waiting for a busy host must not hold one of the
        # overall slots that feeds on other hosts could use.
        async with per_host[host], overall:
            if should_stop():
                return None  # not started: its claim is released below
            result = await fetch(
                client, FetchRequest(feed.url, feed.etag, feed.last_modified), settings
            )
        item = _Fetched(feed, result)
        if result.status is FetchStatus.OK and result.body is not None:
            try:
                # feedparser is CPU-bound: a thread keeps the other fetches moving.
                await asyncio.to_thread(_parse_and_match, store, item, settings, matcher, now())
            except Exception as exc:  # a bug on one feed's input must not stop the others
                log.exception("processing feed %s failed", feed.name)
                item.changed.clear()
                item.error = f"internal error: {type(exc).__name__}: {exc}"[:300]
        return item

    results = await asyncio.gather(*(one(feed) for feed in feeds))
    done = [r for r in results if r is not None]
    skipped = [f.id for f, r in zip(feeds, results, strict=True) if r is None]
    if skipped:
        with store.transaction() as session:
            feed_rows.release(session, owner, skipped)
    return done


def _parse_and_match(
    store: Store, item: _Fetched, settings: PollSettings, matcher: Matcher, now: datetime
) -> None:
    body = item.result.body
    assert body is not None
    # A server without validators sends the same bytes again: nothing in them is new.
    item.body_hash = hashlib.sha256(body).hexdigest()
    if item.body_hash == item.feed.body_hash:
        return
    try:
        item.parsed = parse_feed(
            body,
            url=item.result.url,
            content_type=item.result.content_type,
            max_entries=settings.max_entries,
            max_text_chars=settings.max_entry_chars,
            seen_items=item.feed.item_hashes,
        )
    except HtmlPageError as exc:
        # Say which URL to configure instead, when the page names its feed.
        found = f"; it links the feed {exc.feed_links[0]}" if exc.feed_links else ""
        item.error = f"{exc}{found}"
        return
    except FeedParseError as exc:
        item.error = str(exc)
        return
    entries = item.parsed.entries
    if not entries:
        return
    with store.transaction() as session:
        stored = entry_rows.content_hashes(session, item.feed.id, [e.identity for e in entries])
    for entry in entries:
        if stored.get(entry.identity) != entry.content_hash:
            item.changed.append((entry, matcher.match(entry, now)))


def _commit(
    store: Store,
    config: Config,
    feeds_by_name: Mapping[str, FeedConfig],
    fetched: list[_Fetched],
    now: datetime,
) -> PollReport:
    outcomes: list[FeedOutcome] = []
    titles: list[str] = []
    with store.transaction() as session:
        store.serialize(session, "knowledge")
        entry_ids: dict[answer_rows.EntryKey, int] = {}
        match_ids: dict[answer_rows.MatchKey, int] = {}
        observations: list[Observation] = []
        records: list[tuple[int, feed_rows.FetchRecord]] = []
        for item in fetched:
            new = matched = 0
            saved = entry_rows.save_entries(session, item.feed.id, item.changed, now)
            for (entry, matches), row in zip(item.changed, saved, strict=True):
                new += row.is_new
                entry_ids[(item.feed.name, entry.identity)] = row.entry_id
                matched += len(matches)
                for match, match_id in zip(matches, row.match_ids, strict=True):
                    if match.answer is not None:
                        key = (item.feed.name, entry.identity, match.subject_id, match.question_id)
                        match_ids[(*key, match.answer.value)] = match_id
                observations += observe(item.feed.name, entry, matches, now)
            record = _fetch_record(item, config, feeds_by_name, now, new)
            records.append((item.feed.id, record))
            outcomes.append(
                FeedOutcome(
                    name=item.feed.name,
                    url=item.feed.url,
                    outcome=record.outcome,
                    error=record.error,
                    new_entries=new,
                    updated_entries=len(saved) - new,
                    matches=matched,
                    elapsed=item.result.elapsed,
                    moved_to=item.result.moved_to,
                    retry_at=record.next_poll if record.error else None,
                    failures=item.feed.consecutive_failures + 1 if record.error else 0,
                    disabled=record.disable_reason,
                )
            )
        feed_rows.record_fetches(session, records, now)
        known = answer_rows.known_answers(session)
        decision = decide(known, observations, config.subjects)
        aggregators = aggregator_feeds(config.feeds)
        messages = [message_for(e, config.subjects, aggregators) for e in decision.events]
        answer_rows.apply_decision(
            session,
            decision,
            entry_ids=entry_ids,
            match_ids=match_ids,
            messages=messages,
            targets=[route(e, config.notify) for e in decision.events],
            now=now,
        )
        titles = [f"{m.subject_name}: {m.question} {m.answer.display}" for m in messages]
    for outcome in outcomes:
        if outcome.error:
            _log_failure(outcome, now)
    kinds = tuple((e.subject_id, str(e.kind)) for e in decision.events)
    return PollReport(tuple(outcomes), len(decision.events), tuple(titles), kinds)


def _log_failure(outcome: FeedOutcome, now: datetime) -> None:
    """One line that says what failed and what happens next: an operator
    reading the log should not have to work out the backoff."""
    if outcome.disabled:
        then = (
            f"disabled ({outcome.disabled}); `watcher feeds enable {outcome.name}` polls it again"
        )
    elif outcome.retry_at is not None:
        wait = format_duration(round(max(0.0, (outcome.retry_at - now).total_seconds())))
        then = f"retrying at {outcome.retry_at:%Y-%m-%d %H:%M:%S} UTC (in {wait})"
    else:
        then = "retrying at the next poll"
    log.warning(
        "feed %s failed (%d in a row): %s; %s",
        outcome.name,
        outcome.failures,
        outcome.error,
        then,
        # The fields of the daemon's "feed polled" line (watcher.logs).
        extra={
            "feed": outcome.name,
            "url": outcome.url,
            "outcome": outcome.outcome,
            "duration": outcome.elapsed,
            "failures": outcome.failures,
            "retry_at": outcome.retry_at.isoformat() if outcome.retry_at else None,
        },
    )


def _fetch_record(
    item: _Fetched,
    config: Config,
    feeds_by_name: Mapping[str, FeedConfig],
    now: datetime,
    new_entries: int,
) -> feed_rows.FetchRecord:
    result = item.result
    feed_config = feeds_by_name.get(item.feed.name)
    fixed = feed_config.interval if feed_config else None
    interval = fixed or item.feed.interval or config.poll.interval
    if fixed is None and config.poll.adaptive and item.parsed is not None:
        interval = adaptive_interval(item.parsed.published, interval, config.poll)
    error = item.error or result.error
    if error is None and result.status not in (FetchStatus.OK, FetchStatus.NOT_MODIFIED):
        error = str(result.status)
    outcome = "not_a_feed" if item.error else str(result.status)
    disable = None
    if result.http_status == 410:
        disable = "HTTP 410 Gone: the publisher removed this feed"
    elif result.http_status == 404 and item.feed.failing_since is not None:
        missing_for = (now - item.feed.failing_since).total_seconds()
        if missing_for >= config.poll.gone_after:
            disable = f"HTTP 404 for {missing_for / 86400:.0f} days"
    return feed_rows.FetchRecord(
        outcome=outcome,
        error=error,
        next_poll=next_poll(
            now,
            interval,
            config.poll,
            failures=item.feed.consecutive_failures + 1 if error else 0,
            retry_after=result.retry_after,
        ),
        etag=result.etag,
        last_modified=result.last_modified,
        moved_to=result.moved_to,
        title=item.parsed.title if item.parsed else None,
        new_entries=new_entries,
        disable_reason=disable,
        interval=None if fixed else interval,
        body_hash=item.body_hash,
        item_hashes=item.parsed.item_hashes if item.parsed else None,
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
    a server's Retry-After wins when it asks for longer."""
    delay = interval
    if failures:
        delay = min(settings.max_backoff, interval * 2 ** (failures - 1))
    if retry_after is not None:
        delay = max(delay, min(retry_after, settings.max_retry_after))
    delay *= 1 + rng(-settings.jitter, settings.jitter)
    return now + timedelta(seconds=delay)


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

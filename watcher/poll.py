"""One poll cycle: the pipeline that calls every stage in order and decides nothing.

::

    store.claim_due | fetch | update.read_body | store: stored hashes | update.feed_update
                                                          (per feed, concurrently)
        | commit: save entries + matches, knowledge.decide, answers + events + outbox,
          feed health                                     (one transaction per batch)
        | notify.deliver_pending

What a fetch means (changed entries, health, backoff, interval) is decided in
``watcher.update``, and what the news means in ``watcher.knowledge``; this module
claims, fetches, reads what those need and commits what they return.

``poll_feeds`` is the one function behind ``watcher poll --once`` and every
scheduler tick. Entries, matches, answers, events and their outbox rows are
written in one transaction, so a crash leaves either all of a cycle or none of
it: nothing is lost and nothing is announced twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx

from watcher.article_reader import ArticleReader
from watcher.claims import claimant, dead_claimants
from watcher.config import Config, FeedConfig, PollSettings
from watcher.config_rules import format_duration
from watcher.fetch import FetchRequest, FetchResult, FetchStatus, fetch, make_client
from watcher.knowledge import decide, observe
from watcher.match import Matcher
from watcher.message import message_for, route
from watcher.outlets import aggregator_feeds
from watcher.store import Store
from watcher.store import answers as answer_rows
from watcher.store import entries as entry_rows
from watcher.store import feeds as feed_rows
from watcher.types import Message, Observation
from watcher.update import FeedUpdate, Read, failed_update, feed_update, identities, read_body

log = logging.getLogger(__name__)

# A cycle claims at most this many feeds per round of concurrent fetches, so
# one commit stays small and a claim never has to outlive a huge cycle.
ROUNDS_PER_BATCH = 4


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
    # One per event, as the outbox stored it.
    messages: tuple[Message, ...] = field(default=())

    @property
    def events(self) -> int:
        return len(self.messages)

    @property
    def event_titles(self) -> list[str]:
        return [f"{m.subject_name}: {m.question} {m.answer.display}" for m in self.messages]

    @property
    def event_kinds(self) -> list[tuple[str, str]]:
        """(subject id, event kind) per event, for the events counter."""
        return [(m.subject, str(m.kind)) for m in self.messages]

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
    # Article pages of summary-only items: one reader per cycle, so a
    # page linked by several feeds is read once.
    articles = ArticleReader(store, http, config, matcher, now)
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
            updates = await _fetch_all(
                store,
                http,
                claimed,
                config,
                feeds_by_name,
                matcher,
                owner,
                now,
                should_stop,
                articles,
            )
            reports.append(commit(store, config, updates, now()))
    finally:
        if own_client:
            await http.aclose()
    return PollReport(
        feeds=tuple(f for r in reports for f in r.feeds),
        messages=tuple(m for r in reports for m in r.messages),
    )


async def _fetch_all(
    store: Store,
    client: httpx.AsyncClient,
    feeds: Sequence[feed_rows.FeedToPoll],
    config: Config,
    feeds_by_name: Mapping[str, FeedConfig],
    matcher: Matcher,
    owner: str,
    now: Callable[[], datetime],
    should_stop: Callable[[], bool],
    articles: ArticleReader,
) -> list[FeedUpdate]:
    settings = config.poll
    overall = asyncio.Semaphore(settings.concurrency)
    per_host: dict[str, asyncio.Semaphore] = defaultdict(
        lambda: asyncio.Semaphore(settings.per_host)
    )

    async def one(feed: feed_rows.FeedToPoll) -> FeedUpdate | None:
        host = urlsplit(feed.url).hostname or ""
        # Host first: a task waiting for a busy host must not hold one of the
        # overall slots that feeds on other hosts could use.
        async with per_host[host], overall:
            if should_stop():
                return None  # not started: its claim is released below
            result = await fetch(
                client, FetchRequest(feed.url, feed.etag, feed.last_modified), settings
            )
        feed_config = feeds_by_name.get(feed.name)
        if result.status is not FetchStatus.OK:
            return feed_update(
                feed, result, Read(), {}, matcher, config, now(), feed_config=feed_config
            )
        try:
            # feedparser and matching are CPU-bound: a thread keeps the other fetches moving.
            return await asyncio.to_thread(
                _read, store, feed, result, matcher, config, now(), feed_config
            )
        except Exception as exc:  # a bug on one feed's input must not stop the others
            log.exception("processing feed %s failed", feed.name)
            why = f"{type(exc).__name__}: {exc}"
            return failed_update(feed, result, why, config, now(), feed_config)

    async def with_articles(feed: feed_rows.FeedToPoll) -> FeedUpdate | None:
        # The linked pages of summary-only items that mention a subject, read
        # in the feeds' host slots while other feeds are fetched, and matched
        # on their text.
        update = await one(feed)
        return await articles.read(update, overall, per_host) if update else None

    results = await asyncio.gather(*(with_articles(feed) for feed in feeds))
    done = [r for r in results if r is not None]
    skipped = [f.id for f, r in zip(feeds, results, strict=True) if r is None]
    if skipped:
        with store.transaction() as session:
            feed_rows.release(session, owner, skipped)
    return done


def _read(
    store: Store,
    feed: feed_rows.FeedToPoll,
    result: FetchResult,
    matcher: Matcher,
    config: Config,
    now: datetime,
    feed_config: FeedConfig | None,
) -> FeedUpdate:
    read = read_body(feed, result, config.poll)
    wanted = identities(read)
    stored: dict[str, str] = {}
    if wanted:
        with store.transaction() as session:
            stored = entry_rows.content_hashes(session, feed.id, wanted)
    return feed_update(feed, result, read, stored, matcher, config, now, feed_config=feed_config)


def commit(
    store: Store,
    config: Config,
    updates: Sequence[FeedUpdate],
    now: datetime,
    *,
    log_failures: bool = True,
) -> PollReport:
    """Write a batch of feed updates in one transaction: their entries and
    matches, what the news means for each question (``knowledge.decide``), the
    answers, events and outbox rows, and every feed's health."""
    outcomes: list[FeedOutcome] = []
    messages: list[Message] = []
    # A batch that answers nothing (304s, items that name no subject) needs
    # neither the knowledge lock nor the known answers: it only records fetches.
    answering = any(m.answer for u in updates for _, found in u.changed for m in found)
    with store.transaction() as session:
        if answering:
            store.serialize(session, "knowledge")
        entry_ids: dict[answer_rows.EntryKey, int] = {}
        match_ids: dict[answer_rows.MatchKey, int] = {}
        observations: list[Observation] = []
        for update in updates:
            feed = update.feed
            saved = entry_rows.save_entries(session, feed.id, update.changed, now)
            matched = 0
            for (entry, matches), row in zip(update.changed, saved, strict=True):
                entry_ids[(feed.name, entry.identity)] = row.entry_id
                matched += len(matches)
                for match, match_id in zip(matches, row.match_ids, strict=True):
                    if match.answer is not None:
                        key = (feed.name, entry.identity, match.subject_id, match.question_id)
                        match_ids[(*key, match.answer.value)] = match_id
                observations += observe(feed.name, entry, matches, now)
            record = update.record
            outcomes.append(
                FeedOutcome(
                    name=feed.name,
                    url=feed.url,
                    outcome=record.outcome,
                    error=record.error,
                    new_entries=update.new_entries,
                    updated_entries=len(update.changed) - update.new_entries,
                    matches=matched,
                    elapsed=update.result.elapsed,
                    moved_to=update.result.moved_to,
                    retry_at=record.next_poll if record.error else None,
                    failures=feed.consecutive_failures + 1 if record.error else 0,
                    disabled=record.disable_reason,
                )
            )
        feed_rows.record_fetches(session, [(u.feed.id, u.record) for u in updates], now)
        if answering:
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
    for outcome in outcomes if log_failures else ():
        if outcome.error:
            _log_failure(outcome, now)
    return PollReport(tuple(outcomes), tuple(messages))


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
        # The fields of the daemon's "feed polled" line (watcher.daemon.logs).
        extra={
            "feed": outcome.name,
            "url": outcome.url,
            "outcome": outcome.outcome,
            "duration": outcome.elapsed,
            "failures": outcome.failures,
            "retry_at": outcome.retry_at.isoformat() if outcome.retry_at else None,
        },
    )

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx

from watcher.article_reader import BUDGET_SHARE, ArticleReader
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
# Feeds parsed and matched at once, in worker threads: one parsing while the
# other reads its stored hashes.
READERS = 2
# The text of new and edited entries a batch should hold while it waits for
# its commit (characters of titles and texts, about bytes): a first cycle's
# feeds bring ~100 KB each, and a batch of full rounds then held the largest
# piece of the cycle's memory. Batches shrink (to a round at least) by the
# text the cycle's feeds have brought so far on average; a 304 brings none,
# so the cycles that find little new keep their full batches, and the claims
# and commits they cost. At 500,000 a first cycle's batches are a round each:
# 2.5 MB lower peak at 1,000 feeds than at 1,000,000, for one more claim and
# commit per round (0.5% of the cycle's CPU).
BATCH_TEXT = 500_000


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


@dataclass(frozen=True, slots=True, repr=False)
class PollReport:
    feeds: tuple[FeedOutcome, ...] = ()
    # One per event, as the outbox stored it.
    messages: tuple[Message, ...] = field(default=())

    def __repr__(self) -> str:
        # Counts, not every outcome: ``asyncio.run`` (3.11) asks
        # ``signal.getsignal`` for its SIGINT handler as it ends, a partial
        # holding the finished main task, and ``signal`` builds the repr of
        # that handler (task, result and all) for an error it then drops. A
        # run whose result is the report (``poll --once``, every cycle of the
        # benchmarks) spent ~12% of a 304 cycle's instructions on the repr of
        # every feed's outcome, twice.
        return f"PollReport({len(self.feeds)} feeds, {len(self.messages)} messages)"

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
    """How long a claimed batch of feeds is leased: long enough for a live
    worker never to lose a claim mid-poll, while a dead one's leases expire
    soon after.

    A batch is claimed while the previous one's last round is still running,
    so its feeds may wait that round out, then go through their own rounds;
    a round can take the total deadline for the fetch and half of it again
    for the item's article pages (``article_reader.BUDGET_SHARE``). One more
    total deadline, and seconds to spare, cover parsing and the commit."""
    rounds = (ROUNDS_PER_BATCH + 1) * (1 + BUDGET_SHARE) + 1
    return timedelta(seconds=settings.timeouts.total * rounds + 5)


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
    batch is one event listing them all. The batches overlap: the next one is
    claimed and fetched while this one's last round and its commit run, so no
    fetch slot waits for the slowest feed of a batch or for the database."""
    settings = config.poll
    own_client = client is None
    http = client or make_client(settings)
    # Named with pid and machine, so that the leases of a process killed on
    # this machine are taken over at once rather than after they expire.
    cycle = _Cycle(store, config, matcher, http, claimant(owner), now, should_stop)
    try:
        commits = await cycle.run(names, include_not_due)
    finally:
        if own_client:
            await http.aclose()
    reports = [c.result() for c in commits]
    return PollReport(
        feeds=tuple(f for r in reports for f in r.feeds),
        messages=tuple(m for r in reports for m in r.messages),
    )


class _Cycle:
    """One cycle's claims, fetches and commits, sharing the fetch slots."""

    def __init__(
        self,
        store: Store,
        config: Config,
        matcher: Matcher,
        http: httpx.AsyncClient,
        owner: str,
        now: Callable[[], datetime],
        should_stop: Callable[[], bool],
    ) -> None:
        self.store, self.config, self.matcher, self.http = store, config, matcher, http
        self.owner, self.now, self.should_stop = owner, now, should_stop
        settings = config.poll
        self.overall = asyncio.Semaphore(settings.concurrency)
        self.per_host: dict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(settings.per_host)
        )
        # Article pages of summary-only items: one reader per cycle, so a
        # page linked by several feeds is read once.
        self.articles = ArticleReader(store, http, config, matcher, now)
        # Parsing and matching hold the GIL: more of them at once than this
        # only holds more parse trees in memory (and more pooled connections).
        self.reading = asyncio.Semaphore(READERS)
        # Claims and commits take turns: on SQLite, two writers of one
        # process would wait for each other in the busy handler's sleeps.
        self.writing = asyncio.Lock()
        # Holders of this machine found dead, once a cycle: the query reads
        # every lease, and a process that dies mid-cycle is seen by the next.
        self.stale: set[str] | None = None
        # Feeds updated so far and the entry text they brought (``BATCH_TEXT``).
        self.updated = 0
        self.text = 0

    async def run(
        self, names: Sequence[str] | None, include_not_due: bool
    ) -> list[asyncio.Task[PollReport]]:
        """Claim, fetch and commit batch after batch; the commits, in order."""
        commits: list[asyncio.Task[PollReport]] = []
        try:
            async with asyncio.TaskGroup() as tasks:
                await self._batches(tasks, commits, names, include_not_due)
        except ExceptionGroup as group:
            # The first fault is the cycle's (the others are what it
            # cancelled): raised as itself, so that callers still tell a
            # database that is down from a bug.
            raise group.exceptions[0] from None
        return commits

    async def _batches(
        self,
        tasks: asyncio.TaskGroup,
        commits: list[asyncio.Task[PollReport]],
        names: Sequence[str] | None,
        include_not_due: bool,
    ) -> None:
        last_id: int | None = None
        while not self.should_stop():
            after = last_id if include_not_due else None
            batch = self._batch_size()
            async with self.writing:
                claimed = await asyncio.to_thread(self._claim, names, include_not_due, after, batch)
            if not claimed:
                return
            last_id = claimed[-1].id
            fetches = [tasks.create_task(self._update(feed)) for feed in claimed]
            previous = commits[-1] if commits else None
            commits.append(tasks.create_task(self._commit(claimed, fetches, previous)))
            await _fewer_left(fetches, self.config.poll.concurrency)

    def _batch_size(self) -> int:
        """Full rounds, fewer when the feeds so far brought much text: enough
        for ``BATCH_TEXT`` at their average, but never less than a round."""
        concurrency = self.config.poll.concurrency
        full = concurrency * ROUNDS_PER_BATCH
        if not self.text:
            return full
        fits = BATCH_TEXT * self.updated // self.text
        return max(concurrency, min(full, fits))

    def _claim(
        self, names: Sequence[str] | None, include_not_due: bool, after: int | None, limit: int
    ) -> list[feed_rows.FeedToPoll]:
        with self.store.transaction() as connection:
            at = self.now()
            if self.stale is None:
                self.stale = dead_claimants(feed_rows.lease_holders(connection, at))
            return feed_rows.claim_due(
                connection,
                self.owner,
                at,
                feed_lease(self.config.poll),
                names=names,
                include_not_due=include_not_due,
                after_id=after,
                limit=limit,
                stale=self.stale,
            )

    async def _commit(
        self,
        claimed: Sequence[feed_rows.FeedToPoll],
        fetches: Sequence[asyncio.Task[FeedUpdate | None]],
        previous: asyncio.Task[PollReport] | None,
    ) -> PollReport:
        """Commit a batch once its fetches are done and the batch before it is
        committed (batches are written in the order they were claimed)."""
        results = [await f for f in fetches]
        if previous is not None:
            await asyncio.wait([previous])  # its failure is the task group's to raise
        skipped = [f.id for f, r in zip(claimed, results, strict=True) if r is None]
        updates = [r for r in results if r is not None]
        async with self.writing:
            return await asyncio.to_thread(self._write, updates, skipped)

    def _write(self, updates: list[FeedUpdate], skipped: list[int]) -> PollReport:
        if skipped:  # not started before the stop: free for the next worker
            with self.store.transaction() as connection:
                feed_rows.release(connection, self.owner, skipped)
        return commit(self.store, self.config, updates, self.now())

    async def _update(self, feed: feed_rows.FeedToPoll) -> FeedUpdate | None:
        """The feed fetched, read and matched, with the pages its items need;
        ``None`` if the cycle was stopped before it started."""
        settings, config = self.config.poll, self.config
        host = urlsplit(feed.url).hostname or ""
        # Host first: a task waiting for a busy host must not hold one of the
        # overall slots that feeds on other hosts could use.
        async with self.per_host[host], self.overall:
            if self.should_stop():
                return None
            result = await fetch(
                self.http, FetchRequest(feed.url, feed.etag, feed.last_modified), settings
            )
            # A body waits for a reader in its fetch slot: when parsing is
            # the bottleneck, fetches running ahead of it would only pile
            # up bodies in memory (28 of a 32-feed batch, on a local server).
            readable = result.status is FetchStatus.OK
            if readable:
                await self.reading.acquire()
        feed_config = self.config.feed(feed.name)
        if not readable:
            update = feed_update(
                feed, result, Read(), {}, self.matcher, config, self.now(), feed_config=feed_config
            )
        else:
            try:
                # feedparser and matching are CPU-bound: a thread keeps the other fetches moving.
                update = await asyncio.to_thread(
                    _read, self.store, feed, result, self.matcher, config, self.now(), feed_config
                )
            except Exception as exc:  # a bug on one feed's input must not stop the others
                log.exception("processing feed %s failed", feed.name)
                why = f"{type(exc).__name__}: {exc}"
                update = failed_update(feed, result, why, config, self.now(), feed_config)
            finally:
                self.reading.release()
        # Parsed: the body is not held while the items' pages are read.
        del result
        # The linked pages of summary-only items that mention a subject, read
        # in the feeds' host slots while other feeds are fetched, and matched
        # on their text.
        update = await self.articles.read(update, self.overall, self.per_host)
        self.updated += 1
        self.text += sum(len(entry.title) + len(entry.text) for entry, _ in update.changed)
        return update


async def _fewer_left(tasks: Sequence[asyncio.Task[object]], count: int) -> None:
    """Return once fewer than ``count`` of ``tasks`` are unfinished: the last
    round of a batch has started, and slots are free for the next."""
    left = sum(not t.done() for t in tasks)
    if left < count:
        return
    below = asyncio.Event()

    def finished(_: object) -> None:
        nonlocal left
        left -= 1
        if left < count:
            below.set()

    for task in tasks:
        if not task.done():
            task.add_done_callback(finished)
    await below.wait()


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
        with store.transaction() as connection:
            stored = entry_rows.content_hashes(connection, feed.id, wanted)
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
    with store.transaction() as connection:
        if answering:
            store.serialize(connection, "knowledge")
        entry_ids: dict[answer_rows.EntryKey, int] = {}
        match_ids: dict[answer_rows.MatchKey, int] = {}
        observations: list[Observation] = []
        for update in updates:
            feed = update.feed
            saved = entry_rows.save_entries(connection, feed.id, update.changed, now)
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
        feed_rows.record_fetches(connection, [(u.feed.id, u.record) for u in updates], now)
        if answering:
            known = answer_rows.known_answers(
                connection,
                questions={o.key for o in observations},
                entry_ids=[entry_ids[o.feed, o.entry_identity] for o in observations],
            )
            decision = decide(known, observations, config.subjects)
            named = {o.feed for event in decision.events for o in event.sources}
            aggregators = aggregator_feeds([f for n in named if (f := config.feed(n))])
            messages = [message_for(e, config.subjects, aggregators) for e in decision.events]
            answer_rows.apply_decision(
                connection,
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

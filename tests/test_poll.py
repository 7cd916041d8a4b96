"""The poll pipeline against a real loopback HTTP server and a real database."""

from __future__ import annotations

import asyncio
import os
import random
import re
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from sqlalchemy import text

from tests.feedserver import FeedServer, rss
from watcher.claims import claimant
from watcher.config import Config, config_from_mapping
from watcher.poll import FeedOutcome, PollReport, poll_feeds
from watcher.store import Store, StoreError
from watcher.store import answers as answer_rows
from watcher.store import feeds as feed_rows
from watcher.store import outbox as outbox_rows
from watcher.types import Answer, Entry, Match
from watcher.update import adaptive_interval, next_poll

NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)


class OpensOnMatcher:
    """A stand-in for the real matcher: 'opens YYYY-MM-DD' is a release date.
    The real rules are tested in test_match.py; here only the pipeline is."""

    def match(self, entry: Entry, now: datetime) -> list[Match]:
        found = re.search(r"opens (\d{4}-\d{2}-\d{2})", entry.text)
        if not found:
            return []
        answer = Answer("date", found.group(1), found.group(1), "day")
        return [Match("film", "release-date", found.group(0), answer, 0.9, False)]

    def mentions(self, entry: Entry) -> bool:
        # The subject test that decides whether an item's article page is
        # read; these items link pages on no reachable host (test_article_reader).
        return False


def make_config(server: FeedServer, db_url: str, *paths: str, **poll: Any) -> Config:
    data = {
        "database": db_url,
        "notify": ["json://127.0.0.1:9/never-reached"],
        "poll": {"timeouts": {"total": "5s", "connect": "2s", "read": "2s"}, **poll},
        "feeds": [{"name": p.strip("/"), "url": server.url(p)} for p in paths],
        "subjects": [
            {"id": "film", "name": "Film", "questions": [{"id": "release-date", "kind": "date"}]}
        ],
    }
    return config_from_mapping(data, path=server_path(), environ={})


def server_path() -> Any:
    from pathlib import Path

    return Path("test-config.yaml")


def run_poll(store: Store, config: Config, **kwargs: Any) -> PollReport:
    with store.transaction() as s:
        feed_rows.sync_feeds(s, config.feeds, NOW)
    return asyncio.run(
        poll_feeds(
            store,
            config,
            OpensOnMatcher(),  # type: ignore[arg-type]
            owner="test",
            now=lambda: NOW,
            include_not_due=True,
            **kwargs,
        )
    )


ITEMS = (
    {
        "title": "Film dated",
        "link": "https://ex.com/1",
        "guid": "g1",
        "description": "It opens 2025-06-06.",
    },
    {
        "title": "Other news",
        "link": "https://ex.com/2",
        "guid": "g2",
        "description": "Nothing here.",
    },
)


def test_poll_stores_entries_then_answers_304_and_stores_nothing_new(
    feed_server: FeedServer, db_url: str
) -> None:
    feed_server.add("/a", rss(*ITEMS))
    store = Store.open(db_url)
    config = make_config(feed_server, db_url, "/a")
    first = run_poll(store, config)
    second = run_poll(store, config)
    with store.transaction() as s:
        (health,) = feed_rows.feed_health(s)
        events = answer_rows.list_events(s)
        pending = outbox_rows.list_outbox(s)
    store.close()
    assert (first.new_entries, first.events, first.failed) == (2, 1, 0)
    assert second.feeds[0].outcome == "not_modified"
    assert (second.new_entries, second.events) == (0, 0)
    # The second request was conditional.
    assert feed_server.hits("/a")[1].headers.get("If-None-Match") == health.etag
    assert health.entries == 2 and health.status == "ok"
    assert [e.message.sources[0].link for e in events] == ["https://ex.com/1"]
    assert len(pending) == 1 and pending[0].status == "pending"


def test_a_batch_waits_for_its_commit_without_the_bodies_it_parsed(
    feed_server: FeedServer, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's updates are held until its commit: the bodies, parsed
    already, are not held with them (most of a batch's memory)."""
    import watcher.poll

    feed_server.add("/a", rss(*ITEMS))
    feed_server.add("/b", "<html><body>not a feed</body></html>", content_type="text/html")
    committed: list[Any] = []
    commit = watcher.poll.commit

    def keep(store: Store, config: Config, updates: Any, now: datetime) -> PollReport:
        committed.extend(updates)
        return commit(store, config, updates, now)

    monkeypatch.setattr(watcher.poll, "commit", keep)
    store = Store.open(db_url)
    report = run_poll(store, make_config(feed_server, db_url, "/a", "/b"))
    store.close()
    assert report.new_entries == 2
    assert sorted(u.result.status for u in committed) == ["ok", "ok"]
    assert [u.result.body for u in committed] == [None, None]


def test_edited_entry_is_updated_and_rematched(feed_server: FeedServer, db_url: str) -> None:
    feed_server.add("/a", rss(*ITEMS))
    store = Store.open(db_url)
    config = make_config(feed_server, db_url, "/a")
    run_poll(store, config)
    edited = dict(ITEMS[0], description="It now opens 2025-05-30.")
    feed_server.add("/a", rss(edited, ITEMS[1]))
    report = run_poll(store, config)
    with store.transaction() as s:
        known = answer_rows.known_answers(s)
        kinds = [e.kind for e in answer_rows.list_events(s)]
    store.close()
    assert (report.new_entries, report.updated_entries) == (0, 1)
    assert known[("film", "release-date")].answer.value == "2025-05-30"
    assert kinds == ["answered", "changed"]


def test_without_validators_same_bodies_and_seen_items_are_not_news(
    feed_server: FeedServer, db_url: str
) -> None:
    feed_server.add("/a", rss(*ITEMS), validators=False)
    store = Store.open(db_url)
    config = make_config(feed_server, db_url, "/a")
    first = run_poll(store, config)
    same = run_poll(store, config)
    added = {"title": "Film moved", "guid": "g3", "description": "It opens 2025-07-04."}
    feed_server.add("/a", rss(added, *ITEMS, title="Rebuilt feed"), validators=False)
    grown = run_poll(store, config)
    with store.transaction() as s:
        (feed,) = feed_rows.claim_due(s, "check", NOW, timedelta(seconds=1), include_not_due=True)
        (health,) = feed_rows.feed_health(s)
    store.close()
    assert [r.feeds[0].outcome for r in (first, same, grown)] == ["ok"] * 3
    assert [(r.new_entries, r.updated_entries) for r in (first, same, grown)] == [
        (2, 0),
        (0, 0),
        (1, 0),
    ]
    assert [r.matches for r in (first, same, grown)] == [1, 0, 1]
    assert len(feed.item_hashes) == 3 and feed.body_hash is not None
    assert health.entries == 3


def test_a_failing_feed_is_reported_and_does_not_stop_the_others(
    feed_server: FeedServer, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    feed_server.add("/good", rss(*ITEMS))
    feed_server.add(
        "/broken", b"<html><body>oops</body></html>", status=500, content_type="text/html"
    )
    feed_server.add(
        "/html", b"<!doctype html><html><body>hi</body></html>", content_type="text/html"
    )
    store = Store.open(db_url)
    config = make_config(feed_server, db_url, "/good", "/broken", "/html")
    report = run_poll(store, config)
    with store.transaction() as s:
        health = {h.name: h for h in feed_rows.feed_health(s)}
    store.close()
    outcomes = {f.name: f for f in report.feeds}
    assert outcomes["good"].ok and outcomes["good"].new_entries == 2
    assert outcomes["broken"].error is not None and "500" in outcomes["broken"].error
    assert outcomes["html"].error is not None and "not a feed" in outcomes["html"].error
    assert health["broken"].status == "failing" and health["broken"].consecutive_failures == 1
    # Backed off: the failing feed is not due again at once.
    retry = health["broken"].next_poll
    assert retry is not None and retry > NOW
    # The log says when it will be tried again, as stored.
    (line,) = [r for r in caplog.records if getattr(r, "feed", None) == "broken"]
    assert line.getMessage().startswith("feed broken failed (1 in a row): HTTP 500")
    assert f"; retrying at {retry:%Y-%m-%d %H:%M:%S} UTC (in " in line.getMessage()
    assert line.retry_at == retry.isoformat()  # type: ignore[attr-defined]


def test_leases_of_a_process_killed_on_this_machine_are_taken_over_at_once(
    feed_server: FeedServer, db_url: str
) -> None:
    for path in ("/dead", "/alive", "/elsewhere"):
        feed_server.add(path, rss(*ITEMS))
    store = Store.open(db_url)
    config = make_config(feed_server, db_url, "/dead", "/alive", "/elsewhere")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    me = claimant("w")
    holders = {
        "dead": me.replace(f"|{os.getpid()}|", f"|{gone.pid}|"),
        "alive": me.replace(f"|{os.getpid()}|", f"|{os.getppid()}|"),
        # A gone pid, but of another machine: only its lease expiry frees it.
        "elsewhere": f"w|{gone.pid}|0123456789ab",
    }
    with store.transaction() as s:
        feed_rows.sync_feeds(s, config.feeds, NOW)
    for name, holder in holders.items():
        with store.transaction() as s:
            feed_rows.claim_due(s, holder, NOW, timedelta(hours=1), names=[name])
    report = run_poll(store, config)
    store.close()
    assert {f.name for f in report.feeds} == {"dead"}
    assert [hit.path for hit in feed_server.hits("/dead")] == ["/dead"]
    assert not feed_server.hits("/alive") and not feed_server.hits("/elsewhere")


def test_same_news_from_two_feeds_in_one_cycle_is_one_event(
    feed_server: FeedServer, db_url: str
) -> None:
    feed_server.add("/a", rss(ITEMS[0]))
    feed_server.add("/b", rss(dict(ITEMS[0], link="https://ex.com/b1", guid="b1")))
    store = Store.open(db_url)
    report = run_poll(store, make_config(feed_server, db_url, "/a", "/b"))
    with store.transaction() as s:
        (event,) = answer_rows.list_events(s)
    store.close()
    assert report.events == 1
    assert sorted(event.message.links) == [
        "https://ex.com/1",
        "https://ex.com/b1",
    ]


def test_fetched_bodies_wait_for_a_reader_in_their_fetch_slots(
    feed_server: FeedServer, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the readers are busy, fetching stops once every slot holds a
    body waiting for one: fetches running ahead of parsing only pile bodies up."""
    import watcher.poll

    paths = [f"/f{i}" for i in range(12)]
    for path in paths:
        feed_server.add(path, rss(dict(ITEMS[1], guid=path)))
    readers_free = threading.Event()
    read = watcher.poll._read

    def busy_reader(*args: Any) -> Any:
        readers_free.wait(timeout=20)
        return read(*args)

    fetched_while_busy: list[int] = []

    def hits() -> int:
        return sum(len(feed_server.hits(p)) for p in paths)

    def free_readers_later() -> None:
        # Wait (on a busy machine, as long as it takes) for the slots to fill,
        # then a while longer: a loop that fetched past its slots would have
        # asked for more by then. A slow machine can only delay this, not fail it.
        deadline = time.monotonic() + 20
        while hits() < watcher.poll.READERS + 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)
        fetched_while_busy.append(hits())
        readers_free.set()

    monkeypatch.setattr(watcher.poll, "_read", busy_reader)
    threading.Thread(target=free_readers_later, daemon=True).start()
    store = Store.open(db_url)
    report = run_poll(store, make_config(feed_server, db_url, *paths, concurrency=2))
    store.close()
    # Two being read, and one waiting in each of the two fetch slots.
    assert fetched_while_busy == [watcher.poll.READERS + 2]
    assert report.new_entries == 12 and report.failed == 0


def test_the_next_batch_is_fetched_while_a_slow_feed_of_the_one_before_downloads(
    feed_server: FeedServer, db_url: str
) -> None:
    # Two slots, so batches of 8: the slow feed and seven quick ones, then four more.
    quick = [f"/q{i}" for i in range(7)]
    later = [f"/later{i}" for i in range(4)]
    for path in quick:
        feed_server.add(path, rss(dict(ITEMS[1], guid=path)))
    later_asked = threading.Event()
    slow_waited: list[bool] = []
    body = rss(*ITEMS).encode()

    def slow(req: BaseHTTPRequestHandler) -> None:
        # Held until a feed of the next batch is asked for, or nearly the
        # whole deadline: one slow feed must not keep the free slot idle.
        slow_waited.append(later_asked.wait(timeout=20))
        FeedServer._send(req, 200, body, {"Content-Type": "application/rss+xml"})

    def next_batch(req: BaseHTTPRequestHandler) -> None:
        later_asked.set()
        FeedServer._send(req, 200, body, {"Content-Type": "application/rss+xml"})

    feed_server.handle("/slow", slow)
    for path in later:
        feed_server.handle(path, next_batch)
    store = Store.open(db_url)
    config = make_config(
        feed_server,
        db_url,
        "/slow",
        *quick,
        *later,
        concurrency=2,
        timeouts={"total": "30s", "connect": "5s", "read": "25s"},
    )
    report = run_poll(store, config)
    with store.transaction() as s:
        health = feed_rows.feed_health(s)
        leased = s.execute(text("SELECT count(*) FROM feeds WHERE lease_owner IS NOT NULL"))
        still_leased = leased.scalar_one()
    store.close()
    assert slow_waited == [True]
    assert report.failed == 0 and len(report.feeds) == 12
    assert all(h.status == "ok" for h in health) and still_leased == 0
    # The slow feed's news and the later feeds' copies of it, committed in
    # two batches: one event, then a confirmation by the later outlets.
    assert report.events == 1


def test_a_database_fault_in_a_commit_is_raised_as_itself(
    feed_server: FeedServer, db_url: str
) -> None:
    feed_server.add("/a", rss(*ITEMS))
    store = Store.open(db_url)
    config = make_config(feed_server, db_url, "/a")
    with store.transaction() as s:
        s.execute(text("DROP TABLE answer_sources"))
    with pytest.raises(StoreError, match="answer_sources"):
        run_poll(store, config)
    with store.transaction() as s:
        (health,) = feed_rows.feed_health(s)
    store.close()
    # Nothing of the batch was kept: the next poll fetches it again in full.
    assert health.entries == 0 and health.etag is None


@pytest.mark.parametrize(
    ("failures", "retry_after", "low", "high"),
    [
        (0, None, 900, 1100),  # interval ± 10% jitter
        (1, None, 900, 1100),  # first failure: one interval
        (3, None, 3600, 4400),  # then doubling
        (30, None, 86400 * 0.9, 86400 * 1.1),  # capped at max_backoff, never given up
        (0, 7200, 7200 * 0.9, 7200 * 1.1),  # Retry-After asks for longer
    ],
)
def test_next_poll_backoff(
    failures: int, retry_after: float | None, low: float, high: float
) -> None:
    settings = config_from_mapping({}, path=server_path(), environ={}).poll
    when = next_poll(NOW, 1000, settings, failures=failures, retry_after=retry_after)
    assert low <= (when - NOW).total_seconds() <= high


def test_next_polls_of_feeds_polled_together_share_a_few_times() -> None:
    # The index on next_poll then changes in a few pages per batch, not in a
    # page per feed (a time of its own for each feed cost a 304's commit
    # twice the pages at 10,000 feeds as at 1,000).
    settings = config_from_mapping({}, path=server_path(), environ={}).poll
    rng = random.Random(7)
    times = []
    for i in range(200):
        now = NOW + timedelta(seconds=i * 0.0137)  # one batch, polled moments apart
        times.append(next_poll(now, 1800, settings, rng=rng.uniform))
    waits = [(t - NOW).total_seconds() for t in times]
    assert min(waits) >= 1800 * 0.9 and max(waits) <= 1800 * 1.1 + 200 * 0.0137
    # Spread over the jitter's window all the same: 60 s apart, 6-7 of them.
    assert all(t.timestamp() % 60 == 0 for t in times)
    assert 6 <= len(set(times)) <= 7


@pytest.mark.parametrize(
    ("jitter", "interval", "step"),
    [(0.1, 600, 30), (0.1, 100, 5), (0.5, 1800, 60), (0.01, 50, None), (0, 1800, None)],
)
def test_next_poll_steps_leave_the_jitter_room(
    jitter: float, interval: float, step: int | None
) -> None:
    settings = config_from_mapping(
        {"poll": {"jitter": jitter}}, path=server_path(), environ={}
    ).poll
    now = NOW + timedelta(microseconds=123457)
    for u in (-jitter, -jitter / 3, 0.0, jitter / 2, jitter):
        when = next_poll(now, interval, settings, rng=lambda a, b, u=u: u)
        wait = (when - now).total_seconds()
        assert interval * (1 - jitter) <= wait <= interval * (1 + jitter)
        if step is None:  # too narrow a window for four steps: the time as drawn
            assert wait == pytest.approx(interval * (1 + u))
        else:
            assert when.timestamp() % step == 0
            assert abs(wait - interval * (1 + u)) <= step


def test_gone_feeds_are_disabled_with_a_reason(feed_server: FeedServer, db_url: str) -> None:
    feed_server.add("/gone", b"gone", status=410, content_type="text/plain")
    feed_server.add("/missing", b"nope", status=404, content_type="text/plain")
    store = Store.open(db_url)
    config = make_config(feed_server, db_url, "/gone", "/missing", gone_after="1s")
    run_poll(store, config)  # the 404 starts its clock
    with store.transaction() as s:
        first = {h.name: h for h in feed_rows.feed_health(s)}
    later = NOW.replace(minute=1)
    with store.transaction() as s:
        feed_rows.sync_feeds(s, config.feeds, later)
    asyncio.run(
        poll_feeds(
            store,
            config,
            OpensOnMatcher(),  # type: ignore[arg-type]
            owner="test",
            now=lambda: later,
            include_not_due=True,
        )
    )
    with store.transaction() as s:
        second = {h.name: h for h in feed_rows.feed_health(s)}
    store.close()
    assert first["gone"].status == "disabled"
    assert first["gone"].disabled_reason is not None and "410" in first["gone"].disabled_reason
    assert first["missing"].status == "failing"
    assert second["missing"].status == "disabled"
    assert second["missing"].disabled_reason is not None
    assert "404" in second["missing"].disabled_reason


def test_adaptive_interval_follows_how_often_a_feed_publishes() -> None:
    settings = config_from_mapping({}, path=server_path(), environ={}).poll
    hourly = [NOW - timedelta(hours=h) for h in range(10)]
    daily = [NOW - timedelta(days=d) for d in range(10)]
    busy = [NOW - timedelta(minutes=2 * m) for m in range(10)]
    assert adaptive_interval(hourly, 1800, settings) == (1800 + 1800) / 2
    # Moves halfway towards the bound, so one quiet day does not swing it.
    assert adaptive_interval(daily, 1800, settings) == (1800 + settings.max_interval) / 2
    assert adaptive_interval(busy, 1800, settings) == (1800 + settings.min_interval) / 2
    assert adaptive_interval([], 1234, settings) == 1234


def test_an_html_page_that_links_its_feed_says_which_url_to_use(
    feed_server: FeedServer, db_url: str
) -> None:
    page = (
        "<!doctype html><html><head>"
        '<link rel="alternate" type="application/rss+xml" href="/real-feed.xml">'
        "</head><body>News</body></html>"
    )
    feed_server.add("/page", page, content_type="text/html; charset=utf-8")
    store = Store.open(db_url)
    report = run_poll(store, make_config(feed_server, db_url, "/page"))
    store.close()
    (outcome,) = report.feeds
    assert outcome.error is not None
    assert outcome.error.startswith("not a feed: text/html page")
    assert feed_server.url("/real-feed.xml") in outcome.error


def test_batches_shrink_by_the_text_their_feeds_bring_and_not_for_304s(
    feed_server: FeedServer, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's entries wait for its commit: when the feeds bring much
    text, fewer of them are claimed at once (a round at least); a cycle of
    304s keeps full batches."""
    import watcher.poll

    paths = [f"/t{i}" for i in range(8)]
    for path in paths:
        feed_server.add(path, rss(*(dict(item, guid=f"{path}{item['guid']}") for item in ITEMS)))
    sizes: list[int] = []
    commit = watcher.poll.commit

    def counted(store: Store, config: Config, updates: Any, now: datetime) -> PollReport:
        sizes.append(len(updates))
        return commit(store, config, updates, now)

    monkeypatch.setattr(watcher.poll, "commit", counted)
    # About one feed's text: one round of one slot.
    monkeypatch.setattr(watcher.poll, "BATCH_TEXT", 40)
    store = Store.open(db_url)
    config = make_config(feed_server, db_url, *paths, concurrency=1)
    first = run_poll(store, config)
    first_sizes, sizes[:] = list(sizes), []
    second = run_poll(store, config)
    store.close()
    assert first.new_entries == 16 and first.failed == 0
    # Four rounds of one slot, until the feeds' text is known; then one.
    assert first_sizes == [4, 1, 1, 1, 1]
    assert [f.outcome for f in second.feeds] == ["not_modified"] * 8
    assert sizes == [4, 4]


def test_a_report_s_repr_counts_its_feeds_rather_than_listing_them() -> None:
    """``asyncio.run`` builds the repr of its finished main task, result and
    all, as it restores the SIGINT handler (Python 3.11): a run returning the
    report of 10,000 feeds must not print each of them to a discarded string."""
    outcome = FeedOutcome("feed", "http://127.0.0.1/feed", "not_modified", elapsed=0.01)
    report = PollReport(feeds=(outcome,) * 10_000)
    assert repr(report) == "PollReport(10000 feeds, 0 messages)"
    assert report == PollReport(feeds=(outcome,) * 10_000) and report.failed == 0

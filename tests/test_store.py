"""The store on SQLite and PostgreSQL: migrations, feed sync, claims, answers."""

from __future__ import annotations

import multiprocessing
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, Engine, inspect, text

from watcher import views
from watcher.config import Config, FeedConfig, QuestionConfig, SubjectConfig
from watcher.knowledge import Decision, KnownAnswer, SourceRecord
from watcher.store import Store, maintenance
from watcher.store import answers as answer_rows
from watcher.store import entries as entry_rows
from watcher.store import feeds as feed_rows
from watcher.store import outbox as outbox_rows
from watcher.store.engine import (
    SQLITE_CACHE_KIB,
    alembic_config,
    make_engine,
    newest_revision,
    upgrade,
)
from watcher.store.schema import METADATA
from watcher.types import (
    NO_DATE,
    Answer,
    Entry,
    Event,
    EventKind,
    Match,
    Message,
    Observation,
    OutboxTarget,
    is_withdrawn,
)

NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)
LEASE = timedelta(minutes=5)


def feeds(*names: str) -> list[FeedConfig]:
    return [FeedConfig(name=n, url=f"http://127.0.0.1/{n}") for n in names]


def test_migrations_build_the_models_schema_and_rerun_as_no_op(db_url: str) -> None:
    store = Store.open(db_url)
    upgrade(store.engine)  # twice: nothing to do
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), METADATA)
        tables = set(inspect(conn).get_table_names())
    store.close()
    assert diff == []
    assert {"feeds", "entries", "matches", "answers", "events", "outbox"} <= tables


def schema_of(engine: Engine) -> dict[str, Any]:
    """Every table's columns, keys, indexes and constraints, as the database
    reports them (columns by name: a migration appends the columns it adds)."""
    inspector = inspect(engine)
    described: dict[str, Any] = {}
    for table in sorted(inspector.get_table_names()):
        described[table] = {
            "columns": {
                c["name"]: (str(c["type"]), c["nullable"], c.get("default"))
                for c in inspector.get_columns(table)
            },
            "primary key": inspector.get_pk_constraint(table),
            "foreign keys": sorted(
                inspector.get_foreign_keys(table), key=lambda k: str(k["constrained_columns"])
            ),
            "indexes": sorted(inspector.get_indexes(table), key=lambda i: str(i["name"])),
            "unique": sorted(inspector.get_unique_constraints(table), key=lambda u: str(u["name"])),
            "checks": sorted(inspector.get_check_constraints(table), key=lambda c: str(c["name"])),
        }
    return described


def test_a_new_database_is_made_as_the_migrations_would_make_it(
    two_db_urls: tuple[str, str],
) -> None:
    """A new database is created from the models and stamped, not migrated
    (Alembic stays out of the process): its schema is the one the migrations
    build from nothing, version table included."""
    created_url, migrated_url = two_db_urls
    created, migrated = make_engine(created_url), make_engine(migrated_url)
    try:
        upgrade(created)
        command.upgrade(alembic_config(migrated), "head")
        assert maintenance.revision(created) == maintenance.revision(migrated) == newest_revision()
        made, expected = schema_of(created), schema_of(migrated)
    finally:
        created.dispose()
        migrated.dispose()
    assert "alembic_version" in made and "feeds" in made
    assert made == expected


def test_a_new_database_is_made_without_loading_alembic(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from watcher.store import Store\n"
        f"Store.open('sqlite:///{tmp_path / 'new.db'}').close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_database_behind_is_still_migrated(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        command.upgrade(alembic_config(engine), "0001")
        upgrade(engine)
        assert maintenance.revision(engine) == newest_revision()
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), METADATA) == []
    finally:
        engine.dispose()


def test_sync_adds_resets_and_disables_feeds(db_url: str) -> None:
    store = Store.open(db_url)
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("a", "b"), NOW)
    with store.transaction() as s:
        moved = [FeedConfig(name="a", url="http://127.0.0.1/a2"), feeds("c")[0]]
        feed_rows.sync_feeds(s, moved, NOW)
        health = {h.name: h for h in feed_rows.feed_health(s)}
    store.close()
    assert health["a"].url == "http://127.0.0.1/a2"
    assert health["b"].status == "disabled" and health["b"].disabled_reason == "not in feeds.yaml"
    assert health["c"].status == "ok" and health["c"].next_poll == NOW


def test_sync_forgets_a_moved_feeds_state_and_follows_enabled_in_the_config(
    db_url: str,
) -> None:
    store = Store.open(db_url)
    later = NOW + timedelta(hours=1)
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("moved", "off", "gone", "kept"), NOW)
        polled = feed_rows.claim_due(s, "w", NOW, LEASE)
        ok = feed_rows.FetchRecord(
            "ok", None, later, etag='"v1"', body_hash="b1", item_hashes=("i1",)
        )
        feed_rows.record_fetches(s, [(f.id, ok) for f in polled], NOW)
    with store.transaction() as s:
        listed = [
            FeedConfig(name="moved", url="http://127.0.0.1/elsewhere"),
            FeedConfig(name="off", url="http://127.0.0.1/off", enabled=False),
            *feeds("kept"),
        ]
        feed_rows.sync_feeds(s, listed, later)
        first = {h.name: h for h in feed_rows.feed_health(s)}
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("moved", "off", "gone", "kept"), later)
        second = {h.name: h for h in feed_rows.feed_health(s)}
        due = {f.name: f for f in feed_rows.claim_due(s, "w", later, LEASE)}
    store.close()
    moved = first["moved"]
    assert (moved.url, moved.config_url, moved.etag, moved.next_poll) == (
        "http://127.0.0.1/elsewhere",
        "http://127.0.0.1/elsewhere",
        None,
        later,
    )
    assert (first["off"].status, first["off"].disabled_reason) == (
        "disabled",
        "disabled in feeds.yaml",
    )
    assert (first["gone"].status, first["gone"].disabled_reason) == (
        "disabled",
        "not in feeds.yaml",
    )
    assert (first["kept"].status, first["kept"].etag, first["kept"].next_poll) == (
        "ok",
        '"v1"',
        later,
    )
    # Listed (and enabled) again: polled again, with what they knew.
    assert all(h.status == "ok" and h.disabled_reason is None for h in second.values())
    assert set(due) == {"moved", "off", "gone", "kept"}
    assert (due["moved"].body_hash, due["moved"].item_hashes) == (None, frozenset())
    assert (due["gone"].body_hash, due["gone"].item_hashes) == ("b1", frozenset({"i1"}))


def test_claims_lease_feeds_so_no_two_workers_poll_one(db_url: str) -> None:
    store = Store.open(db_url)
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("a", "b", "c"), NOW)
    with store.transaction() as s:
        first = feed_rows.claim_due(s, "w1", NOW, LEASE, limit=2)
    with store.transaction() as s:
        second = feed_rows.claim_due(s, "w2", NOW, LEASE)
    with store.transaction() as s:
        third = feed_rows.claim_due(s, "w3", NOW, LEASE)
    # After the lease runs out (the worker died), the feeds are due again.
    with store.transaction() as s:
        later = feed_rows.claim_due(s, "w4", NOW + LEASE + timedelta(seconds=1), LEASE)
    store.close()
    assert len(first) == 2 and len(second) == 1 and third == []
    assert {f.name for f in first + second} == {"a", "b", "c"}
    assert len(later) == 3


def test_record_fetch_tracks_health_and_keeps_validators_on_304(db_url: str) -> None:
    store = Store.open(db_url)
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("a"), NOW)
        (feed,) = feed_rows.claim_due(s, "w", NOW, LEASE)
        ok = feed_rows.FetchRecord(
            "ok", None, NOW + LEASE, etag='"v1"', new_entries=3, body_hash="b1", item_hashes=("i1",)
        )
        feed_rows.record_fetches(s, [(feed.id, ok)], NOW)
        later = NOW + timedelta(minutes=5)
        not_modified = feed_rows.FetchRecord("not_modified", None, later + LEASE)
        feed_rows.record_fetches(s, [(feed.id, not_modified)], later)
        (health,) = feed_rows.feed_health(s)
        assert (health.etag, health.entries, health.status) == ('"v1"', 3, "ok")
        assert (health.last_attempt, health.next_poll) == (later, later + LEASE)
        failed = feed_rows.FetchRecord("http_error", "HTTP 500", NOW + timedelta(hours=1))
        feed_rows.record_fetches(s, [(feed.id, failed)], later)
        feed_rows.record_fetches(s, [(feed.id, failed)], later + timedelta(hours=1))
        (health,) = feed_rows.feed_health(s)
    with store.transaction() as s:
        # The lease is gone, and the digests of the last parsed body stay for the next poll.
        (again,) = feed_rows.claim_due(s, "w", NOW + timedelta(days=1), LEASE)
    store.close()
    assert (health.status, health.consecutive_failures, health.last_error) == (
        "failing",
        2,
        "HTTP 500",
    )
    assert health.last_success == later
    assert (again.etag, again.body_hash, again.item_hashes) == ('"v1"', "b1", frozenset({"i1"}))


def test_a_304_after_failures_is_a_success_that_keeps_what_the_last_body_left(
    db_url: str,
) -> None:
    """A 304 is written by a statement of its own (it leaves out the title,
    hashes and entry count): what it sets must be what a success sets."""
    store = Store.open(db_url)
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("a", "b"), NOW)
        a, b = feed_rows.claim_due(s, "w", NOW, LEASE)
        body = feed_rows.FetchRecord(
            "ok",
            None,
            NOW,
            etag='"v1"',
            title="A",
            new_entries=2,
            body_hash="b1",
            item_hashes=("i1",),
        )
        feed_rows.record_fetches(s, [(a.id, body), (b.id, body)], NOW)
        failed = feed_rows.FetchRecord("http_error", "HTTP 500", NOW)
        feed_rows.record_fetches(s, [(a.id, failed), (b.id, failed)], NOW)
    later = NOW + timedelta(minutes=5)
    with store.transaction() as s:
        a, b = feed_rows.claim_due(s, "w", later, LEASE)
        # One 304 names a new validator, the other none (the ones sent stay).
        fresh = feed_rows.FetchRecord("not_modified", None, later + LEASE, etag='"v2"')
        bare = feed_rows.FetchRecord("not_modified", None, later + LEASE, interval=600.0)
        feed_rows.record_fetches(s, [(a.id, fresh), (b.id, bare)], later)
        health = {h.name: h for h in feed_rows.feed_health(s)}
        leases = s.execute(text("SELECT count(*) FROM feeds WHERE lease_owner IS NOT NULL"))
        leased = leases.scalar_one()
    with store.transaction() as s:
        again = {f.name: f for f in feed_rows.claim_due(s, "w", later + 2 * LEASE, LEASE)}
    store.close()
    assert leased == 0
    for name, etag in (("a", '"v2"'), ("b", '"v1"')):
        h = health[name]
        assert (h.status, h.last_error, h.consecutive_failures) == ("ok", None, 0)
        assert (h.last_success, h.last_attempt, h.next_poll) == (later, later, later + LEASE)
        assert (h.etag, h.entries, h.last_outcome) == (etag, 2, "not_modified")
        assert (again[name].body_hash, again[name].item_hashes) == ("b1", frozenset({"i1"}))
        assert again[name].failing_since is None
    assert health["b"].interval == 600.0


def test_claims_of_one_shape_bind_each_call_s_own_values(db_url: str) -> None:
    """The claim's statements are built once per shape: names, limits, the
    feed to start after and dead holders are values of each call."""
    store = Store.open(db_url)
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("a", "b", "c", "d", "e"), NOW)
    with store.transaction() as s:
        first = feed_rows.claim_due(s, "w1", NOW, LEASE, names=["a", "b", "c"], limit=2)
        second = feed_rows.claim_due(s, "w2", NOW, LEASE, names=["c", "d"], limit=1)
        rest = feed_rows.claim_due(s, "w3", NOW, LEASE, include_not_due=True, after_id=first[0].id)
        # w1 died: its leases count as free for the next claim that says so.
        taken = feed_rows.claim_due(s, "w4", NOW, LEASE, stale={"w1"})
        none = feed_rows.claim_due(s, "w5", NOW, LEASE, stale={"w2", "w3"}, names=[])
    store.close()
    assert [f.name for f in first] == ["a", "b"]
    assert [f.name for f in second] == ["c"]
    assert [f.name for f in rest] == ["d", "e"]
    assert [f.name for f in taken] == ["a", "b"]
    assert none == []


def test_record_fetches_writes_many_feeds_at_once_and_applies_redirects_and_410(
    db_url: str,
) -> None:
    store = Store.open(db_url)
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("a", "b", "c", "d"), NOW)
        a, b, c, d = feed_rows.claim_due(s, "w", NOW, LEASE)
        feed_rows.record_fetches(
            s,
            [
                (a.id, feed_rows.FetchRecord("ok", None, NOW + LEASE, title="A feed")),
                (b.id, feed_rows.FetchRecord("ok", None, NOW, moved_to="https://new.example/b")),
                (c.id, feed_rows.FetchRecord("gone", "HTTP 410", NOW, disable_reason="HTTP 410")),
                (d.id, feed_rows.FetchRecord("timeout", "timed out", NOW)),
            ],
            NOW,
        )
        health = {h.name: h for h in feed_rows.feed_health(s)}
    store.close()
    assert health["a"].status == "ok" and health["a"].next_poll == NOW + LEASE
    assert health["b"].url == "https://new.example/b"
    assert (health["c"].status, health["c"].disabled_reason) == ("disabled", "HTTP 410")
    assert (health["d"].status, health["d"].last_error) == ("failing", "timed out")


def entry(identity: str, text: str = "text") -> Entry:
    return Entry(identity, f"https://ex.com/{identity}", "Title", text, NOW, (), f"hash-{text}")


def test_entries_are_stored_by_identity_and_edits_replace_matches(db_url: str) -> None:
    store = Store.open(db_url)
    match = Match(
        "s",
        "q",
        "It opens June 6, 2025.",
        Answer("date", "2025-06-06", "June 6, 2025", "day"),
        0.9,
        False,
    )
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("a"), NOW)
        (feed,) = feed_rows.claim_due(s, "w", NOW, LEASE)
        first, other = entry_rows.save_entries(
            s, feed.id, [(entry("e1"), [match]), (entry("e2"), [match, match])], NOW
        )
        (again,) = entry_rows.save_entries(s, feed.id, [(entry("e1", "edited"), [])], NOW)
        hashes = entry_rows.content_hashes(s, feed.id, ["e1", "e2", "e3"])
        stored = entry_rows.list_matches(s)
    store.close()
    assert first.is_new and other.is_new and not again.is_new
    assert again.entry_id == first.entry_id != other.entry_id
    assert len(first.match_ids) == 1 and len(other.match_ids) == 2
    assert hashes == {"e1": "hash-edited", "e2": "hash-text"}
    # The edit dropped e1's old match (the pipeline re-matches); e2's stay.
    assert sorted(m.id for m in stored) == sorted(other.match_ids)
    assert {m.entry_id for m in stored} == {other.entry_id}


def test_storing_a_feeds_entries_leaves_nothing_for_the_cyclic_collector(db_url: str) -> None:
    # Run for every changed feed of a cycle: what it leaves in reference
    # cycles makes the cyclic collector's full passes grow with the feed list.
    import gc

    store = Store.open(db_url)
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("a"), NOW)
        (feed,) = feed_rows.claim_due(s, "w", NOW, LEASE)
        # Each statement compiled once first (compiling leaves a little).
        entry_rows.save_entries(s, feed.id, [(entry("warm"), [])], NOW)
        entry_rows.save_entries(s, feed.id, [(entry("warm", "edited"), [])], NOW)
        entry_rows.content_hashes(s, feed.id, ["warm"])
        gc.collect()
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            for n in range(5):
                entry_rows.content_hashes(s, feed.id, [f"e{n}", "warm"])
                edited = entry("warm", f"edit {n}")
                entry_rows.save_entries(s, feed.id, [(entry(f"e{n}"), []), (edited, [])], NOW)
            gc.collect()
            left = [o for o in gc.garbage if type(o).__module__.startswith("sqlalchemy")]
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
    store.close()
    assert left == []


def test_decision_writes_answers_sources_events_and_outbox_rows(db_url: str) -> None:
    store = Store.open(db_url)
    answer = Answer("date", "2025-06-06", "June 6, 2025", "day")
    match = Match("s", "q", "It opens June 6, 2025.", answer, 0.9, False)
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("a"), NOW)
        (feed,) = feed_rows.claim_due(s, "w", NOW, LEASE)
        (saved,) = entry_rows.save_entries(s, feed.id, [(entry("e1"), [match])], NOW)
        entry_id, (match_id,) = saved.entry_id, saved.match_ids
        obs = Observation(match, "a", "e1", "https://ex.com/e1", "Title", NOW)
        event = Event("s", "q", EventKind.ANSWERED, answer, None, (obs,))
        decision = Decision(
            (event,), (SourceRecord(answer, obs, True),), {("s", "q"): KnownAnswer(answer, NOW)}
        )
        answer_rows.apply_decision(
            s,
            decision,
            entry_ids={("a", "e1"): entry_id},
            match_ids={("a", "e1", "s", "q", "2025-06-06"): match_id},
            messages=[
                Message.from_json({"answer": {"value": "2025-06-06", "display": "June 6, 2025"}})
            ],
            targets=[[OutboxTarget("k1", "json://one"), OutboxTarget("k2", "json://two")]],
            now=NOW,
        )
    with store.transaction() as s:
        known = answer_rows.known_answers(s)
        states = answer_rows.answer_states(s)
        (stored_event,) = answer_rows.list_events(s)
        pending = outbox_rows.list_outbox(s, status="pending")
        counts = outbox_rows.count_by_status(s)
    store.close()
    assert known[("s", "q")].answer == answer
    assert states[0].current and states[0].sources[0].link == "https://ex.com/e1"
    assert stored_event.kind == "answered" and stored_event.delivery == {"pending": 2}
    assert sorted(p.target_label for p in pending) == ["json://one", "json://two"]
    assert counts == {"pending": 2}


def test_known_answers_read_only_the_questions_and_items_asked_about(db_url: str) -> None:
    store = Store.open(db_url)
    answer = Answer("date", "2025-06-06", "June 6, 2025", "day")
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("a"), NOW)
        (feed,) = feed_rows.claim_due(s, "w", NOW, LEASE)
        ids = {}
        for question in ("q1", "q2"):
            match = Match("s", question, "It opens June 6, 2025.", answer, 0.9, False)
            records, observed = [], []
            for n in range(3):
                identity = f"{question}-e{n}"
                (saved,) = entry_rows.save_entries(s, feed.id, [(entry(identity), [match])], NOW)
                ids[identity] = saved.entry_id
                obs = Observation(match, "a", identity, f"https://ex.com/{identity}", "T", NOW)
                records.append(SourceRecord(answer, obs, True))
                observed.append(obs)
            event = Event("s", question, EventKind.ANSWERED, answer, None, tuple(observed))
            answer_rows.apply_decision(
                s,
                Decision((event,), tuple(records), {("s", question): KnownAnswer(answer, NOW)}),
                entry_ids={("a", o.entry_identity): ids[o.entry_identity] for o in observed},
                match_ids={},
                messages=[Message.from_json({})],
                targets=[[]],
                now=NOW,
            )
    with store.transaction() as s:
        every = answer_rows.known_answers(s)
        asked = answer_rows.known_answers(
            s, questions={("s", "q1")}, entry_ids=[ids["q1-e2"], ids["q2-e0"]]
        )
        none = answer_rows.known_answers(s, questions=set())
    store.close()
    assert {key: len(k.sources) for key, k in every.items()} == {("s", "q1"): 3, ("s", "q2"): 3}
    # One question, and of its sources only the items asked about that are among them.
    assert list(asked) == [("s", "q1")]
    assert asked[("s", "q1")].sources == {("a", "q1-e2")}
    assert asked[("s", "q1")].answer == answer and none == {}


def test_a_withdrawn_date_is_held_but_shown_as_an_open_question(db_url: str) -> None:
    store = Store.open(db_url)
    dated = Answer("date", "2025-06-06", "June 6, 2025", "day")
    lost = Answer("date", NO_DATE, "no date", None)
    with store.transaction() as s:
        feed_rows.sync_feeds(s, feeds("a"), NOW)
        (feed,) = feed_rows.claim_due(s, "w", NOW, LEASE)
        for n, answer in enumerate((dated, lost)):
            match = Match("s", "q", "It opens June 6, 2025.", answer, 0.9, False)
            (saved,) = entry_rows.save_entries(s, feed.id, [(entry(f"e{n}"), [match])], NOW)
            when = NOW + timedelta(days=n)
            obs = Observation(match, "a", f"e{n}", f"https://ex.com/e{n}", "Title", when)
            kind, previous = (EventKind.WITHDRAWN, dated) if n else (EventKind.ANSWERED, None)
            decision = Decision(
                (Event("s", "q", kind, answer, previous, (obs,)),),
                (SourceRecord(answer, obs, True),),
                {("s", "q"): KnownAnswer(answer, when)},
            )
            answer_rows.apply_decision(
                s,
                decision,
                entry_ids={("a", f"e{n}"): saved.entry_id},
                match_ids={},
                messages=[Message.from_json({})],
                targets=[[]],
                now=when,
            )
    with store.transaction() as s:
        known = answer_rows.known_answers(s)
        states = answer_rows.answer_states(s)
        events = answer_rows.list_events(s)
        stored_matches = entry_rows.list_matches(s)
    store.close()
    assert is_withdrawn(known[("s", "q")].answer)
    # "No date" is no value in the JSON, as for any match that found none.
    assert sorted(str(m["value"]) for m in views.matches(stored_matches)) == ["2025-06-06", "None"]
    assert [e.kind for e in events] == ["answered", "withdrawn"]
    question = QuestionConfig(id="q", kind="date")
    config = Config(subjects=(SubjectConfig(id="s", name="S", questions=(question,)),))
    (row,) = views.questions(config, states)
    assert (row["status"], row["answer"]) == ("open", None)
    # The old date is still in the history, no longer current.
    assert [h["answer"] for h in row["history"] if not h["current"]] == ["2025-06-06"]


def _open_when_told(url: str, barrier: Any, errors: Any) -> None:
    barrier.wait()
    try:
        Store.open(url).close()
    except Exception as exc:
        errors.put(repr(exc))
        raise


def test_processes_creating_one_new_sqlite_database_at_once_all_succeed(tmp_path: Path) -> None:
    # Forked after the imports and released together by a barrier: the
    # processes overlap on the creation, not on their start-up.
    forking = multiprocessing.get_context("fork")
    errors = forking.Queue()
    for attempt in range(4):
        url = f"sqlite:///{tmp_path / str(attempt) / 'watcher.db'}"
        barrier = forking.Barrier(4)
        procs = [
            forking.Process(target=_open_when_told, args=(url, barrier, errors)) for _ in range(4)
        ]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(60)
        assert [p.exitcode for p in procs] == [0] * 4, errors.get(timeout=5)
        store = Store.open(url)
        with store.engine.connect() as conn:
            assert "feeds" in inspect(conn).get_table_names()
        store.close()


def test_the_sqlite_database_and_its_folder_are_private(tmp_path: Path) -> None:
    database = tmp_path / "state" / "watcher.db"
    umask = os.umask(0o022)  # the usual one, under which the files were world-readable
    try:
        store = Store.open(f"sqlite:///{database}")
        with store.transaction() as s:  # WAL and shared-memory files exist from here
            feed_rows.sync_feeds(s, feeds("a"), NOW)
            files = {p.name: stat.S_IMODE(p.stat().st_mode) for p in database.parent.iterdir()}
        store.close()
    finally:
        os.umask(umask)
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700
    assert files == {"watcher.db": 0o600, "watcher.db-wal": 0o600, "watcher.db-shm": 0o600}


def test_the_connection_used_last_serves_the_next_transaction(db_url: str) -> None:
    # On SQLite a connection keeps its page cache only while no other one has
    # written: a pool rotating through its connections read every page afresh.
    store = Store.open(db_url)

    def connection(transaction: Connection) -> int:
        return id(transaction.connection.dbapi_connection)

    with store.transaction() as outer, store.transaction() as inner:
        first, second = connection(outer), connection(inner)
    used = []
    for _ in range(3):
        with store.transaction() as s:
            used.append(connection(s))
    sqlite = store.engine.dialect.name == "sqlite"
    store.close()
    assert first != second
    # Returned last (the outer block ends last); SQLite keeps one connection,
    # the one returned while its pool had room.
    assert used == [second if sqlite else first] * 3


def test_sqlite_keeps_one_connection_open_between_uses(tmp_path: Path) -> None:
    # Each one kept holds its page cache and statements for the daemon's life.
    store = Store.open(f"sqlite:///{tmp_path / 'watcher.db'}")
    with store.transaction() as a, store.transaction() as b, store.transaction() as c:
        for s in (a, b, c):
            feed_rows.feed_health(s)
    kept = store.engine.pool.checkedin()  # type: ignore[attr-defined]
    store.close()
    assert kept == 1


def test_sqlite_connections_keep_a_small_page_cache(tmp_path: Path) -> None:
    # SQLite's default 2 MB a connection was resident memory the poll's
    # transactions, a batch's rows at a time, do not need.
    store = Store.open(f"sqlite:///{tmp_path / 'watcher.db'}")
    with store.transaction() as a, store.transaction() as b:
        sizes = [s.exec_driver_sql("PRAGMA cache_size").scalar() for s in (a, b)]
    store.close()
    assert sizes == [-SQLITE_CACHE_KIB] * 2
    assert SQLITE_CACHE_KIB <= 512

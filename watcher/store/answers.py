"""Answers, their sources, and the events that announced them."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from watcher.knowledge import Decision, KnownAnswer, evidence_time
from watcher.store.schema import (
    ANSWER_SOURCES,
    ANSWERS,
    ENTRIES,
    EVENTS,
    FEEDS,
    OUTBOX,
)
from watcher.types import Answer, Message, OutboxTarget, QuestionKey

EntryKey = tuple[str, str]  # (feed name, entry identity)
MatchKey = tuple[str, str, str, str, str]  # entry key + (subject, question, value)


@dataclass(frozen=True, slots=True)
class Source:
    feed: str
    title: str
    link: str | None
    published: datetime | None


@dataclass(frozen=True, slots=True)
class AnswerState:
    subject: str
    question: str
    kind: str
    value: str
    display: str
    precision: str | None
    confirmed: bool
    current: bool
    first_seen: datetime
    changed: datetime
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class StoredEvent:
    id: int
    subject: str
    question: str
    kind: str
    created: datetime
    message: Message
    delivery: dict[str, int]  # outbox status → count


def known_answers(
    connection: Connection,
    questions: Collection[QuestionKey] | None = None,
    entry_ids: Collection[int] | None = None,
) -> dict[QuestionKey, KnownAnswer]:
    """The current answer of every question (of ``questions``), with its
    sources among ``entry_ids`` (all of them if ``None``).

    ``knowledge.decide`` asks of the sources only whether an item it is
    deciding on is among them: a poll passes the items of its batch, so the
    read stays the size of the batch however many items an answer has
    gathered over the years."""
    answer = ANSWERS.c
    query = select(ANSWERS).where(answer.current.is_(True))
    if questions is not None:
        if not questions:
            return {}
        query = query.where(
            answer.subject_id.in_({s for s, _ in questions}),
            answer.question_id.in_({q for _, q in questions}),
        )
    rows = [
        r
        for r in connection.execute(query)
        if questions is None or (r.subject_id, r.question_id) in questions
    ]
    sources: dict[int, set[tuple[str, str]]] = {row.id: set() for row in rows}
    if rows and (entry_ids is None or entry_ids):
        source = ANSWER_SOURCES.c
        source_query = (
            select(source.answer_id, FEEDS.c.name, ENTRIES.c.identity)
            .join(ENTRIES, source.entry_id == ENTRIES.c.id)
            .join(FEEDS, ENTRIES.c.feed_id == FEEDS.c.id)
            .where(source.answer_id.in_(list(sources)))
        )
        if entry_ids is not None:
            source_query = source_query.where(source.entry_id.in_(list(entry_ids)))
        for answer_id, feed_name, identity in connection.execute(source_query):
            sources[answer_id].add((feed_name, identity))
    return {
        (row.subject_id, row.question_id): KnownAnswer(
            _answer(row), row.latest_evidence, frozenset(sources[row.id]), row.dated
        )
        for row in rows
    }


def _answer(row: Row[Any]) -> Answer:
    return Answer(row.kind, row.value, row.display, row.precision)


@dataclass(slots=True)
class _Belief:
    """The columns of an answer row that a decision changes."""

    confirmed: bool
    current: bool
    latest_evidence: datetime
    dated: bool
    changed: datetime


@dataclass(slots=True)
class _HeldAnswer:
    """An answer row as this transaction has it. The decision changes
    ``belief``, often several times a row (one source after another), and
    each row changed is written once, at the end; ``stored`` is what the row
    holds until then."""

    id: int
    key: QuestionKey
    stored: _Belief
    belief: _Belief

    def changes(self) -> dict[str, Any]:
        return {
            f.name: getattr(self.belief, f.name)
            for f in fields(_Belief)
            if getattr(self.belief, f.name) != getattr(self.stored, f.name)
        }


class _Answers:
    """The answer rows one decision touches, each read or inserted once."""

    def __init__(self, connection: Connection, now: datetime) -> None:
        self.connection = connection
        self.now = now
        self.held: dict[tuple[str, str, str], _HeldAnswer] = {}

    def get(
        self, key: QuestionKey, answer: Answer, reported: datetime, dated: bool = True
    ) -> _HeldAnswer:
        """The row of ``answer`` to ``key``, made (unconfirmed, not current)
        if the question never had that value."""
        lookup = (*key, answer.value)
        held = self.held.get(lookup)
        if held is None:
            held = self._read(key, answer) or self._insert(key, answer, reported, dated)
            self.held[lookup] = held
        return held

    def _read(self, key: QuestionKey, answer: Answer) -> _HeldAnswer | None:
        column = ANSWERS.c
        row = self.connection.execute(
            select(column.id, *_BELIEF_COLUMNS).where(
                column.subject_id == key[0],
                column.question_id == key[1],
                column.value == answer.value,
            )
        ).one_or_none()
        if row is None:
            return None
        belief = _Belief(*row[1:])
        return _HeldAnswer(row.id, key, belief, replace(belief))

    def _insert(
        self, key: QuestionKey, answer: Answer, reported: datetime, dated: bool
    ) -> _HeldAnswer:
        belief = _Belief(
            confirmed=False, current=False, latest_evidence=reported, dated=dated, changed=self.now
        )
        answer_id = self.connection.execute(
            insert(ANSWERS)
            .values(
                subject_id=key[0],
                question_id=key[1],
                kind=answer.kind,
                value=answer.value,
                display=answer.display,
                precision=answer.precision,
                first_seen=self.now,
                **_values(belief),
            )
            .returning(ANSWERS.c.id)
        ).scalar_one()
        return _HeldAnswer(answer_id, key, belief, replace(belief))

    def make_current(self, held: _HeldAnswer) -> None:
        """``held`` becomes its question's one current answer."""
        subject_id, question_id = held.key
        self.connection.execute(
            update(ANSWERS)
            .where(ANSWERS.c.subject_id == subject_id, ANSWERS.c.question_id == question_id)
            .values(current=False)
        )
        for other in self.held.values():
            if other.key == held.key:  # written just now: nothing left to write
                other.stored.current = other.belief.current = False
        held.belief.current = True
        held.belief.changed = self.now

    def write(self) -> None:
        for held in self.held.values():
            if changes := held.changes():
                self.connection.execute(
                    update(ANSWERS).where(ANSWERS.c.id == held.id).values(changes)
                )


_BELIEF_COLUMNS = [ANSWERS.c[f.name] for f in fields(_Belief)]


def _values(belief: _Belief) -> dict[str, Any]:
    return {f.name: getattr(belief, f.name) for f in fields(_Belief)}


def apply_decision(
    connection: Connection,
    decision: Decision,
    *,
    entry_ids: Mapping[EntryKey, int],
    match_ids: Mapping[MatchKey, int],
    messages: Sequence[Message],
    targets: Sequence[Sequence[OutboxTarget]],
    now: datetime,
) -> list[int]:
    """Write a decision: answers and sources, the new current answers, events,
    and one outbox row per event and target. Returns the new event ids."""
    answers = _Answers(connection, now)
    sources: list[dict[str, Any]] = []
    linked: set[tuple[int, int]] = set()
    for record in decision.sources:
        obs = record.observation
        held = answers.get(obs.key, record.answer, obs.reported, obs.dated)
        belief = held.belief
        belief.confirmed = belief.confirmed or record.confirmed
        belief.latest_evidence, belief.dated = evidence_time(
            belief.latest_evidence, belief.dated, obs.reported, obs.dated
        )
        entry_id = entry_ids[(obs.feed, obs.entry_identity)]
        if (held.id, entry_id) not in linked and not _is_source(connection, held.id, entry_id):
            linked.add((held.id, entry_id))
            match_key = (obs.feed, obs.entry_identity, *obs.key, record.answer.value)
            sources.append(
                {
                    "answer_id": held.id,
                    "entry_id": entry_id,
                    "match_id": match_ids.get(match_key),
                    "added": now,
                }
            )
    if sources:
        connection.execute(insert(ANSWER_SOURCES), sources)

    for key, known in decision.current.items():
        held = answers.get(key, known.answer, known.latest_evidence, known.dated)
        if not held.belief.current:
            answers.make_current(held)
        belief = held.belief
        belief.latest_evidence, belief.dated = evidence_time(
            belief.latest_evidence, belief.dated, known.latest_evidence, known.dated
        )

    event_ids = []
    for event, message, event_targets in zip(decision.events, messages, targets, strict=True):
        key = (event.subject_id, event.question_id)
        current = answers.get(key, event.answer, event.sources[0].reported, event.sources[0].dated)
        previous = answers.get(key, event.previous, now) if event.previous else None
        event_id = connection.execute(
            insert(EVENTS)
            .values(
                subject_id=event.subject_id,
                question_id=event.question_id,
                kind=str(event.kind),
                answer_id=current.id,
                previous_answer_id=previous.id if previous else None,
                payload=message.to_json(),
                created=now,
            )
            .returning(EVENTS.c.id)
        ).scalar_one()
        event_ids.append(event_id)
        if event_targets:
            connection.execute(
                insert(OUTBOX),
                [
                    {
                        "event_id": event_id,
                        "target_key": target.key,
                        "target_label": target.label,
                        "status": "pending",
                        "attempts": 0,
                        "next_attempt": now,
                        "created": now,
                    }
                    for target in event_targets
                ],
            )
    answers.write()
    return event_ids


def _is_source(connection: Connection, answer_id: int, entry_id: int) -> bool:
    source = ANSWER_SOURCES.c
    query = select(source.id).where(source.answer_id == answer_id, source.entry_id == entry_id)
    return connection.execute(query).first() is not None


def answer_states(connection: Connection, *, subject: str | None = None) -> list[AnswerState]:
    """Every answer ever held, with its sources, oldest first."""
    query = select(ANSWERS).order_by(ANSWERS.c.first_seen, ANSWERS.c.id)
    if subject:
        query = query.where(ANSWERS.c.subject_id == subject)
    answers = list(connection.execute(query))
    sources: dict[int, list[Source]] = {}
    if answers:
        source, entry = ANSWER_SOURCES.c, ENTRIES.c
        rows = connection.execute(
            select(source.answer_id, FEEDS.c.name, entry.title, entry.link, entry.published)
            .join(ENTRIES, source.entry_id == entry.id)
            .join(FEEDS, entry.feed_id == FEEDS.c.id)
            .where(source.answer_id.in_([a.id for a in answers]))
            .order_by(source.added, source.id)
        )
        for answer_id, feed_name, title, link, published in rows:
            sources.setdefault(answer_id, []).append(Source(feed_name, title, link, published))
    return [
        AnswerState(
            subject=a.subject_id,
            question=a.question_id,
            kind=a.kind,
            value=a.value,
            display=a.display,
            precision=a.precision,
            confirmed=a.confirmed,
            current=a.current,
            first_seen=a.first_seen,
            changed=a.changed,
            sources=tuple(sources.get(a.id, ())),
        )
        for a in answers
    ]


def list_events(connection: Connection, *, subject: str | None = None) -> list[StoredEvent]:
    query = select(EVENTS).order_by(EVENTS.c.created, EVENTS.c.id)
    if subject:
        query = query.where(EVENTS.c.subject_id == subject)
    events = list(connection.execute(query))
    delivery: dict[int, dict[str, int]] = {}
    if events:
        for event_id, status in connection.execute(
            select(OUTBOX.c.event_id, OUTBOX.c.status).where(
                OUTBOX.c.event_id.in_([e.id for e in events])
            )
        ):
            counts = delivery.setdefault(event_id, {})
            counts[status] = counts.get(status, 0) + 1
    return [
        StoredEvent(
            e.id,
            e.subject_id,
            e.question_id,
            e.kind,
            e.created,
            Message.from_json(e.payload),
            delivery.get(e.id, {}),
        )
        for e in events
    ]


def get_event(connection: Connection, event_id: int) -> StoredEvent | None:
    """One event with its delivery counts (``watcher show event:ID``)."""
    row = connection.execute(select(EVENTS).where(EVENTS.c.id == event_id)).one_or_none()
    if row is None:
        return None
    delivery: dict[str, int] = {}
    for (status,) in connection.execute(
        select(OUTBOX.c.status).where(OUTBOX.c.event_id == event_id)
    ):
        delivery[status] = delivery.get(status, 0) + 1
    return StoredEvent(
        row.id,
        row.subject_id,
        row.question_id,
        row.kind,
        row.created,
        Message.from_json(row.payload),
        delivery,
    )

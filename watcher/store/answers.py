"""Answers, their sources, and the events that announced them."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from watcher.knowledge import Decision, KnownAnswer, evidence_time
from watcher.store.schema import (
    AnswerRow,
    AnswerSourceRow,
    EntryRow,
    EventRow,
    FeedRow,
    OutboxRow,
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
    session: Session,
    questions: Collection[QuestionKey] | None = None,
    entry_ids: Collection[int] | None = None,
) -> dict[QuestionKey, KnownAnswer]:
    """The current answer of every question (of ``questions``), with its
    sources among ``entry_ids`` (all of them if ``None``).

    ``knowledge.decide`` asks of the sources only whether an item it is
    deciding on is among them: a poll passes the items of its batch, so the
    read stays the size of the batch however many items an answer has
    gathered over the years."""
    query = select(AnswerRow).where(AnswerRow.current.is_(True))
    if questions is not None:
        if not questions:
            return {}
        query = query.where(
            AnswerRow.subject_id.in_({s for s, _ in questions}),
            AnswerRow.question_id.in_({q for _, q in questions}),
        )
    rows = [
        r
        for r in session.scalars(query)
        if questions is None or (r.subject_id, r.question_id) in questions
    ]
    sources: dict[int, set[tuple[str, str]]] = {row.id: set() for row in rows}
    if rows and (entry_ids is None or entry_ids):
        source_query = (
            select(AnswerSourceRow.answer_id, FeedRow.name, EntryRow.identity)
            .join(EntryRow, AnswerSourceRow.entry_id == EntryRow.id)
            .join(FeedRow, EntryRow.feed_id == FeedRow.id)
            .where(AnswerSourceRow.answer_id.in_(list(sources)))
        )
        if entry_ids is not None:
            source_query = source_query.where(AnswerSourceRow.entry_id.in_(list(entry_ids)))
        for answer_id, feed_name, identity in session.execute(source_query):
            sources[answer_id].add((feed_name, identity))
    return {
        (row.subject_id, row.question_id): KnownAnswer(
            _answer(row), row.latest_evidence, frozenset(sources[row.id]), row.dated
        )
        for row in rows
    }


def _answer(row: AnswerRow) -> Answer:
    return Answer(row.kind, row.value, row.display, row.precision)  # type: ignore[arg-type]


def apply_decision(
    session: Session,
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
    rows: dict[tuple[str, str, str], AnswerRow] = {}

    def answer_row(
        key: QuestionKey, answer: Answer, reported: datetime, dated: bool = True
    ) -> AnswerRow:
        lookup = (*key, answer.value)
        row = rows.get(lookup)
        if row is None:
            row = session.scalars(
                select(AnswerRow).where(
                    AnswerRow.subject_id == key[0],
                    AnswerRow.question_id == key[1],
                    AnswerRow.value == answer.value,
                )
            ).one_or_none()
        if row is None:
            row = AnswerRow(
                subject_id=key[0],
                question_id=key[1],
                kind=answer.kind,
                value=answer.value,
                display=answer.display,
                precision=answer.precision,
                confirmed=False,
                current=False,
                first_seen=now,
                latest_evidence=reported,
                dated=dated,
                changed=now,
            )
            session.add(row)
            session.flush()
        rows[lookup] = row
        return row

    for record in decision.sources:
        obs = record.observation
        row = answer_row(obs.key, record.answer, obs.reported, obs.dated)
        row.confirmed = row.confirmed or record.confirmed
        row.latest_evidence, row.dated = evidence_time(
            row.latest_evidence, row.dated, obs.reported, obs.dated
        )
        entry_id = entry_ids[(obs.feed, obs.entry_identity)]
        exists = session.scalars(
            select(AnswerSourceRow.id).where(
                AnswerSourceRow.answer_id == row.id, AnswerSourceRow.entry_id == entry_id
            )
        ).first()
        if exists is None:
            match_key = (obs.feed, obs.entry_identity, *obs.key, record.answer.value)
            session.add(
                AnswerSourceRow(
                    answer_id=row.id,
                    entry_id=entry_id,
                    match_id=match_ids.get(match_key),
                    added=now,
                )
            )

    for key, known in decision.current.items():
        row = answer_row(key, known.answer, known.latest_evidence, known.dated)
        if not row.current:
            session.execute(
                update(AnswerRow)
                .where(AnswerRow.subject_id == key[0], AnswerRow.question_id == key[1])
                .values(current=False)
            )
            row.current = True
            row.changed = now
        row.latest_evidence, row.dated = evidence_time(
            row.latest_evidence, row.dated, known.latest_evidence, known.dated
        )

    event_ids = []
    for event, message, event_targets in zip(decision.events, messages, targets, strict=True):
        key = (event.subject_id, event.question_id)
        current = answer_row(key, event.answer, event.sources[0].reported, event.sources[0].dated)
        previous = answer_row(key, event.previous, now) if event.previous else None
        event_row = EventRow(
            subject_id=event.subject_id,
            question_id=event.question_id,
            kind=str(event.kind),
            answer_id=current.id,
            previous_answer_id=previous.id if previous else None,
            payload=message.to_json(),
            created=now,
        )
        session.add(event_row)
        session.flush()
        event_ids.append(event_row.id)
        for target in event_targets:
            session.add(
                OutboxRow(
                    event_id=event_row.id,
                    target_key=target.key,
                    target_label=target.label,
                    status="pending",
                    attempts=0,
                    next_attempt=now,
                    created=now,
                )
            )
    session.flush()
    return event_ids


def answer_states(session: Session, *, subject: str | None = None) -> list[AnswerState]:
    """Every answer ever held, with its sources, oldest first."""
    query = select(AnswerRow).order_by(AnswerRow.first_seen, AnswerRow.id)
    if subject:
        query = query.where(AnswerRow.subject_id == subject)
    answers = list(session.scalars(query))
    sources: dict[int, list[Source]] = {}
    if answers:
        rows = session.execute(
            select(AnswerSourceRow.answer_id, FeedRow.name, EntryRow)
            .join(EntryRow, AnswerSourceRow.entry_id == EntryRow.id)
            .join(FeedRow, EntryRow.feed_id == FeedRow.id)
            .where(AnswerSourceRow.answer_id.in_([a.id for a in answers]))
            .order_by(AnswerSourceRow.added, AnswerSourceRow.id)
        )
        for answer_id, feed_name, entry in rows:
            sources.setdefault(answer_id, []).append(
                Source(feed_name, entry.title, entry.link, entry.published)
            )
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


def list_events(session: Session, *, subject: str | None = None) -> list[StoredEvent]:
    query = select(EventRow).order_by(EventRow.created, EventRow.id)
    if subject:
        query = query.where(EventRow.subject_id == subject)
    events = list(session.scalars(query))
    delivery: dict[int, dict[str, int]] = {}
    if events:
        for event_id, status in session.execute(
            select(OutboxRow.event_id, OutboxRow.status).where(
                OutboxRow.event_id.in_([e.id for e in events])
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


def get_event(session: Session, event_id: int) -> StoredEvent | None:
    """One event with its delivery counts (``watcher show event:ID``)."""
    row = session.get(EventRow, event_id)
    if row is None:
        return None
    delivery: dict[str, int] = {}
    for (status,) in session.execute(
        select(OutboxRow.status).where(OutboxRow.event_id == event_id)
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

"""What watcher believes, and when a belief is news.

``decide`` is the decider of the flow: given the answers known so far and the
observations of one poll cycle, it returns a ``Decision``: which answer is now
current per question, which observations become sources of which answer, and
the events to notify. It calls nothing and reads no clock.

The rules, per question:

* no answer yet, and a confirmed observation → ``answered``;
* a value consistent with the current one but more precise (June 2025 →
  June 13, 2025) → ``refined``;
* a different value, reported more recently than anything behind the current
  answer, or by an item behind it that was edited → ``changed`` (from → to);
* a date question's answer whose film is reported to have no date any more
  ("pulled from its March 13 date; no new date has been set") → ``withdrawn``
  (from the old answer); the question is open until a new date arrives, which
  is then ``answered`` again;
* the same value again, a less precise restatement, an older report, or
  another outlet's copy of an image already known → a source is recorded,
  nothing is sent.

All the observations of one cycle that carry the winning value are the
event's sources: five outlets with the same news make one event. One story
reached twice, through an aggregator and through the outlet's own feed, is
one source: the outlet's own item. Within a
cycle, a vaguer report ("March 2027") that covers a more precise one
("March 5, 2027") is the same news: the precise value wins, whichever came later.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from watcher.config import SubjectConfig
from watcher.outlets import story_keys
from watcher.types import (
    PRECISION_RANK,
    Answer,
    Entry,
    Event,
    EventKind,
    Match,
    Observation,
    QuestionKey,
    is_withdrawn,
)


def observe(feed: str, entry: Entry, matches: Iterable[Match], now: datetime) -> list[Observation]:
    """The answering matches of one entry, dated by its publication time (never
    later than ``now``, when watcher saw it), or by ``now`` and marked undated."""
    reported = min(entry.published, now) if entry.published is not None else now
    stories = story_keys(entry)
    return [
        Observation(
            m,
            feed,
            entry.identity,
            entry.link,
            entry.title,
            reported,
            entry.published is not None,
            outlet=entry.outlet,
            stories=stories,
        )
        for m in matches
        if m.answer is not None
    ]


def one_per_story(observations: Sequence[Observation]) -> list[Observation]:
    """``observations`` with one per story: where an aggregator's item and the
    outlet's own item report one story, the outlet's own takes the place of
    the first of them. Order is kept otherwise."""
    kept: list[Observation] = []
    for obs in observations:
        same = next((i for i, k in enumerate(kept) if k.stories & obs.stories), None)
        if same is None:
            kept.append(obs)
        elif kept[same].outlet is not None and obs.outlet is None:
            kept[same] = obs
    return kept


def evidence_time(
    latest: datetime, dated: bool, reported: datetime, reported_dated: bool
) -> tuple[datetime, bool]:
    """An answer's newest evidence after one more report: dated reports count
    over undated ones, whatever their times."""
    if reported_dated and not dated:
        return reported, True
    if reported_dated == dated:
        return max(latest, reported), dated
    return latest, dated


@dataclass(frozen=True, slots=True)
class KnownAnswer:
    answer: Answer
    latest_evidence: datetime
    # (feed, entry identity) of the items behind it: when one of them is edited
    # to say something else, that is a correction, whatever its date.
    sources: frozenset[tuple[str, str]] = frozenset()
    dated: bool = True  # some item behind it gives its date

    def older_than(self, newest: datetime, dated: bool) -> bool:
        """Is a report at ``newest`` news against this answer's evidence?"""
        if dated != self.dated:
            return dated
        return newest > self.latest_evidence


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """``observation`` supports ``answer`` for its question."""

    answer: Answer
    observation: Observation
    confirmed: bool


@dataclass(frozen=True, slots=True)
class Decision:
    events: tuple[Event, ...]
    sources: tuple[SourceRecord, ...]
    # Questions whose current answer is now this one (only those that moved).
    current: Mapping[QuestionKey, KnownAnswer]


def decide(
    known: Mapping[QuestionKey, KnownAnswer],
    observations: Iterable[Observation],
    subjects: Sequence[SubjectConfig],
) -> Decision:
    """One poll cycle's observations against what is known → a ``Decision``."""
    notify_unconfirmed = {(s.id, q.id): q.notify_unconfirmed for s in subjects for q in s.questions}
    by_question: dict[QuestionKey, list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.match.answer is not None and obs.key in notify_unconfirmed:
            by_question[obs.key].append(obs)

    events: list[Event] = []
    sources: list[SourceRecord] = []
    current: dict[QuestionKey, KnownAnswer] = {}
    for key in sorted(by_question):
        confirmed = [o for o in by_question[key] if not o.match.hedged]
        hedged = [o for o in by_question[key] if o.match.hedged]
        for obs in hedged:
            sources.append(SourceRecord(_answer(obs), obs, confirmed=False))
        candidates = confirmed or (hedged if notify_unconfirmed[key] else [])
        event, new_current = _decide_question(known.get(key), candidates)
        for obs in confirmed:
            sources.append(SourceRecord(_answer(obs), obs, confirmed=True))
        if event is not None:
            events.append(event)
        if new_current is not None:
            current[key] = new_current
    return Decision(tuple(events), tuple(sources), current)


def _answer(obs: Observation) -> Answer:
    assert obs.match.answer is not None
    return obs.match.answer


def _decide_question(
    known: KnownAnswer | None, candidates: list[Observation]
) -> tuple[Event | None, KnownAnswer | None]:
    if not candidates:
        return None, None
    groups: dict[str, list[Observation]] = defaultdict(list)
    for obs in candidates:
        groups[_answer(obs).value].append(obs)

    def dated(group: list[Observation]) -> bool:
        return any(o.dated for o in group)

    def latest(group: list[Observation]) -> datetime:
        return max(o.reported for o in group if o.dated == dated(group))

    def strength(value: str) -> tuple[bool, datetime, int, float, int]:
        group = groups[value]
        answer = _answer(group[0])
        return (
            dated(group),
            latest(group),
            PRECISION_RANK.get(answer.precision or "", 0),
            max(o.match.confidence for o in group),
            len(group),
        )

    # A dated report outranks an undated one; then the most recent report wins;
    # on a tie, the more precise, more confident, more corroborated one.
    winner_value = max(groups, key=strength)
    # A later headline that only says "March 2027" does not beat the item of
    # the same cycle that gives March 5, 2027: the vaguer one restates it.
    vaguer: list[Observation] = []
    while True:
        broad = _answer(groups[winner_value][0])
        finer = [v for v in groups if broad.covers(_answer(groups[v][0]))]
        if not finer:
            break
        vaguer += groups[winner_value]
        winner_value = max(finer, key=strength)
    group = groups[winner_value]
    is_dated, newest = dated(group), latest(group)
    # The newest report first; for an image, the first to carry it: outlets
    # repost the original still, and the original report is the news.
    if _answer(group[0]).kind == "image":
        winners = sorted(group, key=lambda o: (not o.dated, o.reported))
    else:
        winners = sorted(group, key=lambda o: (o.dated, o.reported), reverse=True)
    winner = _answer(winners[0])
    hedged = all(o.match.hedged for o in winners)
    winners = one_per_story(winners + sorted(vaguer, key=lambda o: o.reported, reverse=True))

    if known is None:
        if is_withdrawn(winner):
            return None, None  # no date to lose
        event = Event(*_key(winners[0]), EventKind.ANSWERED, winner, None, tuple(winners))
        return _confirm(event, hedged), KnownAnswer(winner, newest, dated=is_dated)

    old = known.answer
    if is_withdrawn(winner) != is_withdrawn(old):
        # Losing the date, or getting one again after losing it: news only when
        # reported after everything behind the held state (an old report of the
        # old date, replayed after the withdrawal, is history).
        corrected = any((o.feed, o.entry_identity) in known.sources for o in winners)
        if not known.older_than(newest, is_dated) and not corrected:
            return None, None
        kind = EventKind.WITHDRAWN if is_withdrawn(winner) else EventKind.ANSWERED
        previous = old if kind == EventKind.WITHDRAWN else None
        event = Event(*_key(winners[0]), kind, winner, previous, tuple(winners))
        return _confirm(event, hedged), KnownAnswer(winner, newest, dated=is_dated)
    if winner.kind == "image":
        # Outlets re-crop and re-host the same still under their own URLs, so a
        # different URL is not a different answer to "are there images?".
        return None, None
    if winner.value == old.value or winner.covers(old):
        # A restatement (or a vaguer one): corroboration only.
        if known.older_than(newest, is_dated) and winner.value == old.value:
            return None, KnownAnswer(old, newest, known.sources, is_dated)
        return None, None
    if old.covers(winner):
        event = Event(*_key(winners[0]), EventKind.REFINED, winner, old, tuple(winners))
        latest_time, latest_dated = evidence_time(
            known.latest_evidence, known.dated, newest, is_dated
        )
        return _confirm(event, hedged), KnownAnswer(winner, latest_time, dated=latest_dated)
    corrected = any((o.feed, o.entry_identity) in known.sources for o in winners)
    if not known.older_than(newest, is_dated) and not corrected:
        # An older report of another value, or an undated one against a dated
        # answer: history, not news.
        return None, None
    event = Event(*_key(winners[0]), EventKind.CHANGED, winner, old, tuple(winners))
    return _confirm(event, hedged), KnownAnswer(winner, newest, dated=is_dated)


def _key(obs: Observation) -> QuestionKey:
    return obs.key


def _confirm(event: Event, hedged: bool) -> Event:
    return replace(event, confirmed=False) if hedged else event

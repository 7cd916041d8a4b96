"""Replay recorded feed snapshots through the pure stages, in memory.

::

    timeline step ─► each feed's file ─► parse_feed ─► new or changed (identity, content hash)
        ─► Matcher.match ─► Observation ─► knowledge.decide ─► events, answers held

No network, no database, no notifications: what ``watcher poll --once`` would
have decided at each step, so questions can be tuned before they are deployed.
The layout is the evaluation harness's (``watcher-timeline/1``: timeline.json
and stepNN/*.xml, see shared/eval/README.md); when a step lists the events and
state it expects, the replay is scored the way the harness scores a run.

``Replay`` keeps what the store would keep between polls: the content hash of
every entry seen per feed (so only new or edited items are matched, as in
``poll._parse_and_match``) and every answer held with its sources and newest
evidence (as ``store.answers.apply_decision`` writes them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from watcher.config import Config
from watcher.errors import ConfigError, FeedParseError
from watcher.knowledge import Decision, KnownAnswer, decide, evidence_time, observe
from watcher.match import Matcher
from watcher.message import message_for
from watcher.outlets import aggregator_feeds
from watcher.parse import parse_feed
from watcher.types import Answer, Event, Observation, QuestionKey, is_withdrawn

TIMELINE_FORMAT = "watcher-timeline/1"
_CONTENT_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


# -- the timeline --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepFeed:
    key: str
    file: Path | None
    status: int
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Expected:
    question: str
    answer: str | None
    links: frozenset[str]


@dataclass(frozen=True, slots=True)
class Step:
    index: int
    time: datetime
    baseline: bool
    feeds: tuple[StepFeed, ...]
    # None when the step says nothing of what it expects (a bare recording).
    events: tuple[Expected, ...] | None = None
    neutral: frozenset[str] = frozenset()
    state: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Timeline:
    path: Path
    name: str
    subject: str | None
    # feed key → (url the items were published under, "rss" | "atom" | None)
    feeds: Mapping[str, tuple[str | None, str | None]]
    steps: tuple[Step, ...]


def load_timeline(folder: Path) -> Timeline:
    """Read ``folder/timeline.json``. Raises ``ConfigError`` naming the key."""
    path = folder / "timeline.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(str(path), None, "no such file", "give a timeline folder") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("steps"), list):
        raise ConfigError(str(path), "steps", "is required (a list of steps)")
    if doc.get("format", TIMELINE_FORMAT) != TIMELINE_FORMAT:
        raise ConfigError(str(path), "format", f"{doc['format']!r} is not {TIMELINE_FORMAT}")
    feeds = {
        str(key): (meta.get("real_url"), meta.get("format"))
        for key, meta in (doc.get("feeds") or {}).items()
        if isinstance(meta, dict)
    }
    steps = tuple(_step(folder, path, i, raw) for i, raw in enumerate(doc["steps"]))
    return Timeline(folder, str(doc.get("name") or folder.name), doc.get("subject"), feeds, steps)


def _step(folder: Path, path: Path, position: int, raw: Any) -> Step:
    where = f"steps[{position}]"
    try:
        time = datetime.fromisoformat(str(raw["time"]).replace("Z", "+00:00"))
        feeds = tuple(
            StepFeed(
                str(key),
                folder / spec["file"] if spec.get("file") else None,
                int(spec.get("status", 200)),
                spec.get("last_modified"),
            )
            for key, spec in raw["feeds"].items()
        )
        events = None
        if "events" in raw:
            events = tuple(
                Expected(e["question"], e.get("answer"), frozenset(e.get("links") or ()))
                for e in raw["events"]
            )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(str(path), where, f"malformed step: {exc!r}") from None
    return Step(
        index=int(raw.get("step", position)),
        time=time if time.tzinfo else time.replace(tzinfo=UTC),
        baseline=bool(raw.get("baseline")),
        feeds=feeds,
        events=events,
        neutral=frozenset(raw.get("neutral") or ()),
        state=raw.get("state") or {},
    )


# -- replaying -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedRun:
    key: str
    error: str | None = None
    new: int = 0
    updated: int = 0
    matches: int = 0


@dataclass(frozen=True, slots=True)
class StateCheck:
    question: str
    ok: bool
    why: str = ""


@dataclass(frozen=True, slots=True)
class Comparison:
    found: tuple[Expected, ...]
    missed: tuple[Expected, ...]
    # Per produced event: ok | duplicate | neutral | stray (the harness's verdicts).
    verdicts: tuple[str, ...]
    stray_links: frozenset[str]
    false_positives: int


@dataclass(frozen=True, slots=True)
class StepResult:
    step: Step
    feeds: tuple[FeedRun, ...]
    events: tuple[Event, ...]
    answers: Mapping[QuestionKey, Answer]  # current after the step
    comparison: Comparison | None  # None for a baseline or a step with no expectations
    state: tuple[StateCheck, ...]


@dataclass
class _Held:
    """One answer a question has had (an ``answers`` row)."""

    answer: Answer
    latest: datetime
    dated: bool = True
    sources: set[tuple[str, str]] = field(default_factory=set)


class Replay:
    """The store's share of a poll, in memory; ``run`` feeds it the steps."""

    def __init__(
        self, config: Config, feeds: Mapping[str, tuple[str | None, str | None]] | None = None
    ) -> None:
        self.config = config
        self.feeds = feeds or {}  # feed key → (URL, format), from timeline.json
        self.matcher = Matcher(config.subjects)
        self.seen: dict[str, dict[str, str]] = {}  # feed → identity → content hash
        self.held: dict[tuple[str, str, str], _Held] = {}
        self.current: dict[QuestionKey, str] = {}  # question → value of its current answer

    def known(self) -> dict[QuestionKey, KnownAnswer]:
        out = {}
        for key, value in self.current.items():
            held = self.held[(*key, value)]
            out[key] = KnownAnswer(held.answer, held.latest, frozenset(held.sources), held.dated)
        return out

    def step(self, step: Step) -> tuple[tuple[FeedRun, ...], Decision]:
        runs: list[FeedRun] = []
        observations: list[Observation] = []
        for feed in step.feeds:
            run, found = self._feed(feed, step.time)
            runs.append(run)
            observations += found
        decision = decide(self.known(), observations, self.config.subjects)
        self._apply(decision, step.time)
        return tuple(runs), decision

    def _feed(self, feed: StepFeed, now: datetime) -> tuple[FeedRun, list[Observation]]:
        if feed.status != 200 or feed.file is None:
            return FeedRun(feed.key, error=f"HTTP {feed.status}"), []
        try:
            body = feed.file.read_bytes()
        except OSError as exc:
            return FeedRun(feed.key, error=f"cannot read {feed.file}: {exc.strerror}"), []
        settings = self.config.poll
        url, form = self._feed_meta(feed)
        try:
            parsed = parse_feed(
                body,
                url=url,
                content_type=_CONTENT_TYPES.get(form or "", "application/xml"),
                max_entries=settings.max_entries,
                max_text_chars=settings.max_entry_chars,
            )
        except FeedParseError as exc:
            return FeedRun(feed.key, error=str(exc)), []
        seen = self.seen.setdefault(feed.key, {})
        new = updated = matched = 0
        observations = []
        for entry in parsed.entries:
            previous = seen.get(entry.identity)
            if previous == entry.content_hash:
                continue
            new += previous is None
            updated += previous is not None
            seen[entry.identity] = entry.content_hash
            matches = self.matcher.match(entry, now)
            matched += len(matches)
            observations += observe(feed.key, entry, matches, now)
        return FeedRun(feed.key, None, new, updated, matched), observations

    def _feed_meta(self, feed: StepFeed) -> tuple[str, str | None]:
        assert feed.file is not None
        url, form = self.feeds.get(feed.key, (None, None))
        return url or feed.file.resolve().as_uri(), form

    def _apply(self, decision: Decision, now: datetime) -> None:
        """What ``store.answers.apply_decision`` writes, kept in memory."""

        def row(key: QuestionKey, answer: Answer, reported: datetime, dated: bool = True) -> _Held:
            return self.held.setdefault((*key, answer.value), _Held(answer, reported, dated))

        for record in decision.sources:
            obs = record.observation
            held = row(obs.key, record.answer, obs.reported, obs.dated)
            held.latest, held.dated = evidence_time(
                held.latest, held.dated, obs.reported, obs.dated
            )
            held.sources.add((obs.feed, obs.entry_identity))
        for key, known in decision.current.items():
            held = row(key, known.answer, known.latest_evidence, known.dated)
            held.latest, held.dated = evidence_time(
                held.latest, held.dated, known.latest_evidence, known.dated
            )
            self.current[key] = known.answer.value
        for event in decision.events:
            source = event.sources[0]
            row((event.subject_id, event.question_id), event.answer, source.reported, source.dated)
            if event.previous:
                row((event.subject_id, event.question_id), event.previous, now)

    def answers(self) -> dict[QuestionKey, Answer]:
        """Current answers; a withdrawn date leaves its question open, as in
        ``views.questions``."""
        held = {key: self.held[(*key, value)].answer for key, value in self.current.items()}
        return {key: answer for key, answer in held.items() if not is_withdrawn(answer)}


def run(timeline: Timeline, config: Config) -> Iterator[StepResult]:
    """Replay every step in order; each result as soon as its step is done."""
    replay = Replay(config, timeline.feeds)
    subject = timeline.subject or (config.subjects[0].id if config.subjects else "")
    for step in timeline.steps:
        feeds, decision = replay.step(step)
        answers = replay.answers()
        comparison = None
        if step.events is not None and not step.baseline:
            comparison = compare(step, decision.events, subject)
        yield StepResult(
            step, feeds, decision.events, answers, comparison, check_state(step, answers, subject)
        )


# -- scoring, as shared/eval/score_timeline.py does ---------------------------------


def compare(step: Step, events: Sequence[Event], subject: str) -> Comparison:
    """Each produced event against the step's expected ones: found when it
    names one of an expected event's links; a repeat of a found one is a
    duplicate; links of items that answer nothing at this step are stray."""
    expected = step.events or ()
    all_links = frozenset(link for e in expected for link in e.links)
    claimed: set[int] = set()
    verdicts: list[str] = []
    stray_links: set[str] = set()
    duplicates = 0
    for event in events:
        links = {o.link for o in event.sources if o.link}
        hits = {
            i
            for i, e in enumerate(expected)
            if event.subject_id == subject and e.question == event.question_id and links & e.links
        }
        stray = links - all_links - step.neutral
        stray_links |= stray
        if hits and hits <= claimed and not stray:
            verdict = "duplicate"
            duplicates += 1
        elif stray:
            verdict = "stray"
        elif not hits:
            verdict = "neutral"
        else:
            verdict = "ok"
        verdicts.append(verdict)
        claimed |= hits
    return Comparison(
        found=tuple(e for i, e in enumerate(expected) if i in claimed),
        missed=tuple(e for i, e in enumerate(expected) if i not in claimed),
        verdicts=tuple(verdicts),
        stray_links=frozenset(stray_links),
        false_positives=duplicates + len(stray_links),
    )


def check_state(
    step: Step, answers: Mapping[QuestionKey, Answer], subject: str
) -> tuple[StateCheck, ...]:
    checks = []
    for question, want in step.state.items():
        answer = answers.get((subject, question))
        status = "answered" if answer else "open"
        want_status = want.get("status", "open")
        if status != want_status:
            checks.append(StateCheck(question, False, f"{status}, expected {want_status}"))
            continue
        why = ""
        if answer and want.get("answer_contains"):
            needle = str(want["answer_contains"]).lower()
            if needle not in answer.value.lower() and needle not in answer.display.lower():
                why = f"{answer.display!r} does not contain {want['answer_contains']!r}"
        elif answer and _is_day(want.get("answer")) and answer.value != want["answer"]:
            why = f"{answer.value}, expected {want['answer']}"
        checks.append(StateCheck(question, not why, why))
    return tuple(checks)


def _is_day(value: Any) -> bool:
    return isinstance(value, str) and bool(_ISO_DAY.fullmatch(value))


@dataclass(frozen=True, slots=True)
class Score:
    expected: int
    found: int
    false_positives: int
    state_ok: int
    state_total: int

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        scored = self.found + self.false_positives
        return self.found / scored if scored else 1.0

    @property
    def state_accuracy(self) -> float:
        return self.state_ok / self.state_total if self.state_total else 1.0

    @property
    def perfect(self) -> bool:
        return self.recall == 1.0 and self.false_positives == 0 and self.state_accuracy == 1.0


def score(results: Sequence[StepResult]) -> Score:
    compared = [r.comparison for r in results if r.comparison is not None]
    return Score(
        expected=sum(len(c.found) + len(c.missed) for c in compared),
        found=sum(len(c.found) for c in compared),
        false_positives=sum(c.false_positives for c in compared),
        state_ok=sum(c.ok for r in results for c in r.state),
        state_total=sum(len(r.state) for r in results),
    )


# -- reporting -----------------------------------------------------------------------


def report(result: StepResult) -> Iterator[str]:
    """A step as plain lines: what was read, each event with its sources, and
    how it compares with what the timeline expects."""
    step = result.step
    failed = [f for f in result.feeds if f.error]
    read = (
        f"{len(result.feeds)} feeds, {sum(f.new for f in result.feeds)} new, "
        f"{sum(f.updated for f in result.feeds)} updated, "
        f"{sum(f.matches for f in result.feeds)} matches"
    )
    if failed:
        read += "; failed: " + ", ".join(f"{f.key} ({f.error})" for f in failed)
    label = "  (baseline)" if step.baseline else ""
    yield f"step {step.index}  {step.time:%Y-%m-%d %H:%M}Z{label}  {read}"
    comparison = result.comparison
    if not result.events:
        yield "  no events"
    for i, event in enumerate(result.events):
        verdict = f"  [{comparison.verdicts[i]}]" if comparison else ""
        was = f" (was {event.previous.display})" if event.previous else ""
        hedge = "" if event.confirmed else " (unconfirmed)"
        yield (
            f"  event {event.subject_id}/{event.question_id} {event.kind}: "
            f"{event.answer.display}{was}{hedge}{verdict}"
        )
        for source in event.sources:
            yield f"      {source.feed}  {source.link or source.title}"
    if comparison:
        for expected in comparison.missed:
            links = ", ".join(sorted(expected.links))
            yield f"  MISSED {expected.question} {expected.answer}: {links}"
        for link in sorted(comparison.stray_links):
            yield f"  STRAY  {link}"
    for check in result.state:
        if not check.ok:
            yield f"  STATE  {check.question}: {check.why}"


def summary(total: Score) -> str:
    return (
        f"recall {total.recall:.2f} ({total.found}/{total.expected} expected events), "
        f"precision {total.precision:.2f} ({total.false_positives} false positives), "
        f"state {total.state_accuracy:.2f} ({total.state_ok}/{total.state_total})"
    )


def to_json(result: StepResult, config: Config) -> dict[str, Any]:
    comparison = result.comparison
    aggregators = aggregator_feeds(config.feeds)
    return {
        "step": result.step.index,
        "time": result.step.time.isoformat(),
        "baseline": result.step.baseline,
        "feeds": [
            {
                "feed": f.key,
                "error": f.error,
                "new": f.new,
                "updated": f.updated,
                "matches": f.matches,
            }
            for f in result.feeds
        ],
        # The payload the outbox would have stored for each event.
        "events": [
            {
                **message_for(e, config.subjects, aggregators).to_json(),
                "verdict": comparison.verdicts[i],
            }
            if comparison
            else message_for(e, config.subjects, aggregators).to_json()
            for i, e in enumerate(result.events)
        ],
        "answers": {
            f"{subject}/{question}": answer.value
            for (subject, question), answer in sorted(result.answers.items())
        },
        "missed": [
            {"question": e.question, "answer": e.answer, "links": sorted(e.links)}
            for e in (comparison.missed if comparison else ())
        ],
        "stray_links": sorted(comparison.stray_links) if comparison else [],
        "state": [{"question": c.question, "ok": c.ok, "why": c.why} for c in result.state],
    }

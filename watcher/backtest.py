"""Replay recorded feed snapshots through the poll's own pipeline.

::

    timeline step ─► each feed's file as a FetchResult ─► update.read_body
        ─► update.feed_update ─► poll.commit ─► messages, answers held

No network, no notifications, and no database of the user's: what ``watcher
poll --once`` would have decided at each step, so questions can be tuned before
they are deployed. The same functions decide as in a poll (``watcher.update``,
``watcher.knowledge``) and the same commit writes, into a throwaway SQLite
database, so no rule has a second copy here. The layout is the evaluation
harness's (``watcher-timeline/1``: timeline.json and stepNN/*.xml, see
shared/eval/README.md); when a step lists the events and state it expects, the
replay is scored the way the harness scores a run.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from watcher.config import Config, FeedConfig
from watcher.errors import ConfigError
from watcher.fetch import FetchResult, FetchStatus
from watcher.match import Matcher
from watcher.poll import commit
from watcher.store import Store
from watcher.store import answers as answer_rows
from watcher.store import entries as entry_rows
from watcher.store import feeds as feed_rows
from watcher.types import Answer, Message, QuestionKey, is_withdrawn
from watcher.update import feed_update, identities, read_body

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
    events: tuple[Message, ...]  # as the outbox would have stored them
    answers: Mapping[QuestionKey, Answer]  # current after the step
    comparison: Comparison | None  # None for a baseline or a step with no expectations
    state: tuple[StateCheck, ...]


_OWNER = "backtest"


class Replay:
    """A poll's pipeline over recorded steps, into a database of its own."""

    def __init__(
        self,
        config: Config,
        store: Store,
        feeds: Mapping[str, tuple[str | None, str | None]] | None = None,
    ) -> None:
        self.feeds = feeds or {}  # feed key → (URL, format), from timeline.json
        # The timeline's feeds stand in for the configured ones, and nothing is
        # routed to the user's notification targets.
        replayed = tuple(FeedConfig(name=key, url=self._url(key)) for key in self.feeds)
        self.config = config.model_copy(update={"feeds": replayed, "notify": ()})
        self.store = store
        self.matcher = Matcher(config.subjects)
        # The timeline's feeds, due from the start: each step polls them all.
        with store.transaction() as connection:
            feed_rows.sync_feeds(connection, self.config.feeds, datetime.min.replace(tzinfo=UTC))

    @classmethod
    @contextmanager
    def open(
        cls, config: Config, feeds: Mapping[str, tuple[str | None, str | None]] | None = None
    ) -> Iterator[Replay]:
        with tempfile.TemporaryDirectory(prefix="watcher-backtest-") as folder:
            store = Store.open(f"sqlite:///{Path(folder) / 'replay.db'}")
            try:
                yield cls(config, store, feeds)
            finally:
                store.close()

    def _url(self, key: str) -> str:
        url, _ = self.feeds.get(key, (None, None))
        return url or f"https://{re.sub(r'[^a-z0-9-]+', '-', key.lower())}.timeline.invalid/"

    def step(self, step: Step) -> tuple[tuple[FeedRun, ...], tuple[Message, ...]]:
        """One step, as ``poll --once`` at ``step.time`` would run it."""
        known_keys = [f.key for f in step.feeds if f.key in self.feeds]
        with self.store.transaction() as connection:
            claimed = feed_rows.claim_due(
                connection,
                _OWNER,
                step.time,
                timedelta(hours=1),
                names=known_keys,
                include_not_due=True,
            )
        states = {feed.name: feed for feed in claimed}
        updates = []
        runs: dict[str, FeedRun] = {}
        for recorded in step.feeds:
            state = states.get(recorded.key)
            if state is None:  # not in timeline.json's feeds, or disabled as gone
                runs[recorded.key] = FeedRun(recorded.key, error="not polled")
                continue
            result = self._result(recorded)
            read = read_body(state, result, self.config.poll)
            stored: dict[str, str] = {}
            if wanted := identities(read):
                with self.store.transaction() as connection:
                    stored = entry_rows.content_hashes(connection, state.id, wanted)
            updates.append(
                feed_update(
                    state,
                    result,
                    read,
                    stored,
                    self.matcher,
                    self.config,
                    step.time,
                    rng=lambda _low, _high: 0.0,
                )
            )
        # A recorded failure is reported in the step's lines, not logged as a
        # retry that will never happen.
        report = commit(self.store, self.config, updates, step.time, log_failures=False)
        for outcome in report.feeds:
            runs[outcome.name] = FeedRun(
                outcome.name,
                outcome.error,
                outcome.new_entries,
                outcome.updated_entries,
                outcome.matches,
            )
        return tuple(runs[f.key] for f in step.feeds), report.messages

    def _result(self, recorded: StepFeed) -> FetchResult:
        """The recorded answer as the fetch would have returned it."""
        url, form = self.feeds.get(recorded.key, (None, None))
        if recorded.status != 200:
            status = FetchStatus.NOT_MODIFIED if recorded.status == 304 else FetchStatus.HTTP_ERROR
            error = None if recorded.status == 304 else f"HTTP {recorded.status}"
            return FetchResult(
                status, self._url(recorded.key), http_status=recorded.status, error=error
            )
        if recorded.file is None:
            return FetchResult(FetchStatus.NOT_MODIFIED, self._url(recorded.key), http_status=304)
        try:
            body = recorded.file.read_bytes()
        except OSError as exc:
            error = f"cannot read {recorded.file}: {exc.strerror}"
            return FetchResult(FetchStatus.NETWORK, self._url(recorded.key), error=error)
        return FetchResult(
            FetchStatus.OK,
            # Relative links resolve against the URL the items were published
            # under, else against the file itself.
            url or recorded.file.resolve().as_uri(),
            body=body,
            content_type=_CONTENT_TYPES.get(form or "", "application/xml"),
            http_status=200,
            last_modified=recorded.last_modified,
        )

    def answers(self) -> dict[QuestionKey, Answer]:
        """Current answers; a withdrawn date leaves its question open, as in
        ``views.questions``."""
        with self.store.transaction() as connection:
            known = answer_rows.known_answers(connection)
        return {key: k.answer for key, k in known.items() if not is_withdrawn(k.answer)}


def run(timeline: Timeline, config: Config) -> Iterator[StepResult]:
    """Replay every step in order; each result as soon as its step is done."""
    subject = timeline.subject or (config.subjects[0].id if config.subjects else "")
    with Replay.open(config, timeline.feeds) as replay:
        for step in timeline.steps:
            feeds, events = replay.step(step)
            answers = replay.answers()
            comparison = None
            if step.events is not None and not step.baseline:
                comparison = compare(step, events, subject)
            yield StepResult(
                step, feeds, events, answers, comparison, check_state(step, answers, subject)
            )


# -- scoring, as shared/eval/score_timeline.py does ---------------------------------


def compare(step: Step, events: Sequence[Message], subject: str) -> Comparison:
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
        links = set(event.links)
        hits = {
            i
            for i, e in enumerate(expected)
            if event.subject == subject and e.question == event.question and links & e.links
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
            f"  event {event.subject}/{event.question} {event.kind}: "
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


def to_json(result: StepResult) -> dict[str, Any]:
    comparison = result.comparison
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
        # The message the outbox would have stored for each event.
        "events": [
            e.to_json() | ({"verdict": comparison.verdicts[i]} if comparison else {})
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

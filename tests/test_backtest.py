"""``watcher backtest``: recorded feed snapshots replayed in memory, on the
dev timeline and on small timelines written here (no network, no database)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED
from tests.feedserver import rss
from tests.test_cli import BLOG, DATED, ECHO, TRADE, invoke, write_config
from watcher import backtest

DEV = SHARED / "corpus" / "dev-timeline"
MOVED_LINK = "https://trade.example/2024/08/ballerina-moves-up"
MOVED = {
    "title": "Lionsgate moves 'Ballerina' up to May 30, 2025",
    "link": MOVED_LINK,
    "guid": "trade-3",
    "pubDate": "Tue, 27 Aug 2024 10:00:00 GMT",
    "description": "From the World of John Wick: Ballerina, starring Ana de Armas, "
    "now opens in theaters May 30, 2025.",
}


def write_timeline(folder: Path, steps: list[dict[str, Any]], files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    doc = {
        "format": "watcher-timeline/1",
        "name": "small",
        "subject": "ballerina",
        "feeds": {
            "trade": {"format": "rss", "real_url": "https://trade.example/feed/"},
            "blog": {"format": "rss", "real_url": "https://blog.example/feed/"},
        },
        "steps": steps,
    }
    (folder / "timeline.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """Step 0 dates the film; step 1 repeats it elsewhere (no event) while the
    trade feed fails; step 2 moves the date."""
    state = {"release-date": {"status": "answered", "answer": "2025-06-06"}}
    moved = {"release-date": {"status": "answered", "answer": "2025-05-30"}}
    return write_timeline(
        tmp_path / "timeline",
        [
            {
                "step": 0,
                "time": "2024-08-12T13:00:00Z",
                "baseline": True,
                "feeds": {"trade": {"file": "step00/trade.xml", "status": 200}},
                "events": [{"question": "release-date", "answer": "2025-06-06", "links": [DATED]}],
                "state": state,
            },
            {
                "step": 1,
                "time": "2024-08-14T13:00:00Z",
                "feeds": {
                    "trade": {"file": None, "status": 500},
                    "blog": {"file": "step01/blog.xml", "status": 200},
                },
                "events": [],
                "neutral": [ECHO],
                "state": state,
            },
            {
                "step": 2,
                "time": "2024-08-28T13:00:00Z",
                "feeds": {
                    "trade": {"file": "step02/trade.xml", "status": 200},
                    "blog": {"file": "step01/blog.xml", "status": 200},
                },
                "events": [
                    {"question": "release-date", "answer": "2025-05-30", "links": [MOVED_LINK]}
                ],
                "state": moved,
            },
        ],
        {
            "step00/trade.xml": rss(*TRADE),
            "step01/blog.xml": rss(*BLOG),
            "step02/trade.xml": rss(MOVED, *TRADE),
        },
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return write_config(tmp_path, {})


def test_backtest_prints_each_steps_events_and_scores_them(small: Path, config: Path) -> None:
    result = invoke(config, "backtest", str(small), "--strict")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("step 0  2024-08-12 13:00Z  (baseline)  1 feeds, 2 new, 0 updated")
    assert "  event ballerina/release-date answered: June 6, 2025" in lines
    assert f"      trade  {DATED}" in lines
    step1 = lines.index(next(line for line in lines if line.startswith("step 1 ")))
    assert "failed: trade (HTTP 500)" in lines[step1]
    assert lines[step1 + 1] == "  no events"  # the blog's repeat only corroborates
    assert "  event ballerina/release-date changed: May 30, 2025 (was June 6, 2025)  [ok]" in lines
    # Step 2 re-reads the unchanged blog file: only the trade feed's new item counts.
    step2 = next(line for line in lines if line.startswith("step 2 "))
    assert "2 feeds, 1 new, 0 updated" in step2
    assert lines[-1] == (
        "summary: recall 1.00 (1/1 expected events), precision 1.00 (0 false positives), "
        "state 1.00 (3/3)"
    )
    # In memory only: the configured database was never created.
    assert not (config.parent / "watcher.db").exists()


def test_backtest_reports_misses_and_strict_fails(small: Path, config: Path) -> None:
    doc = json.loads((small / "timeline.json").read_text())
    doc["steps"][1]["events"] = [
        {"question": "reeves-role", "answer": "x", "links": ["https://x/"]}
    ]
    doc["steps"][2]["state"]["release-date"]["answer"] = "2025-06-20"
    (small / "timeline.json").write_text(json.dumps(doc))
    result = invoke(config, "backtest", str(small), "--strict")
    assert result.exit_code == 1
    assert "  MISSED reeves-role x: https://x/" in result.stdout
    assert "  STATE  release-date: 2025-05-30, expected 2025-06-20" in result.stdout
    assert "recall 0.50 (1/2 expected events)" in result.stdout
    assert invoke(config, "backtest", str(small)).exit_code == 0  # not strict: a report


def test_backtest_json(small: Path, config: Path) -> None:
    result = invoke(config, "backtest", str(small), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["timeline"] == "small" and data["score"]["recall"] == 1.0
    events = [
        (s["step"], e["kind"], e["answer"]["value"]) for s in data["steps"] for e in s["events"]
    ]
    assert events == [(0, "answered", "2025-06-06"), (2, "changed", "2025-05-30")]
    assert data["steps"][2]["events"][0]["verdict"] == "ok"
    assert data["steps"][2]["answers"] == {"ballerina/release-date": "2025-05-30"}


def test_a_broken_timeline_is_a_usage_error(tmp_path: Path, config: Path) -> None:
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "timeline.json").write_text('{"steps": [{"feeds": {}}]}')
    result = invoke(config, "backtest", str(tmp_path / "bad"))
    assert result.exit_code == 2
    assert "timeline.json: steps[0]: malformed step" in result.stderr
    assert invoke(config, "backtest", str(tmp_path / "missing")).exit_code == 2


def test_backtest_of_the_dev_timeline_prints_the_release_date_events(config: Path) -> None:
    if not (DEV / "timeline.json").exists():
        pytest.skip(f"no dev timeline at {DEV}")
    result = invoke(config, "backtest", str(DEV))
    assert result.exit_code == 0, result.output
    events = [line for line in result.stdout.splitlines() if "event ballerina/release-date" in line]
    assert events[0].startswith("  event ballerina/release-date answered: June 13, 2025")
    assert events[1].startswith(
        "  event ballerina/release-date changed: May 30, 2025 (was June 13, 2025)"
    )
    assert events[2].startswith(
        "  event ballerina/release-date changed: June 20, 2025 (was May 30, 2025)"
    )
    assert result.stdout.splitlines()[-1].startswith("summary: recall ")


def test_replay_matches_only_new_or_changed_entries(small: Path, config: Path) -> None:
    from watcher.config import load_config

    timeline = backtest.load_timeline(small)
    results = list(backtest.run(timeline, load_config(config)))
    blog = [next(f for f in r.feeds if f.key == "blog") for r in results[1:]]
    assert [(f.new, f.matches) for f in blog] == [(1, 1), (0, 0)]


def test_a_withdrawn_date_leaves_the_question_open_and_known_in_the_replay() -> None:
    from datetime import UTC, datetime

    from watcher.config import Config, QuestionConfig, SubjectConfig
    from watcher.knowledge import Decision, KnownAnswer
    from watcher.message import message_for
    from watcher.store import answers as answer_rows
    from watcher.types import NO_DATE, Answer, Event, EventKind, Match, Observation, is_withdrawn

    config = Config(
        subjects=(
            SubjectConfig(id="s", name="S", questions=(QuestionConfig(id="q", kind="date"),)),
        )
    )
    when = datetime(2026, 1, 1, tzinfo=UTC)
    dated = Answer("date", "2026-03-13", "March 13, 2026", "day")
    lost = Answer("date", NO_DATE, "no date", None)
    with backtest.Replay.open(config) as replay:
        for answer, kind, previous in (
            (dated, EventKind.ANSWERED, None),
            (lost, EventKind.WITHDRAWN, dated),
        ):
            obs = Observation(Match("s", "q", "x", answer, 0.9, False), "f", "e", "l", "t", when)
            event = Event("s", "q", kind, answer, previous, (obs,))
            # What the replay's commit writes for such a decision.
            with replay.store.transaction() as connection:
                answer_rows.apply_decision(
                    connection,
                    Decision((event,), (), {("s", "q"): KnownAnswer(answer, when)}),
                    entry_ids={},
                    match_ids={},
                    messages=[message_for(event, config.subjects)],
                    targets=[[]],
                    now=when,
                )
        assert replay.answers() == {}  # open, as `questions --json` shows it
        with replay.store.transaction() as connection:
            held = answer_rows.known_answers(connection)
    assert is_withdrawn(held[("s", "q")].answer)  # but held, for what comes next
    state = backtest.check_state(
        backtest.Step(0, when, False, (), state={"q": {"status": "open"}}), {}, "s"
    )
    assert all(c.ok for c in state)

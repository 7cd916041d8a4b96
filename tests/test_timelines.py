"""End to end, as the evaluation harness sees it: replay recorded timelines of
feed snapshots against the installed CLI and hold recall, precision and
answer accuracy to the acceptance bar."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SHARED

SCORER = SHARED / "eval" / "score_timeline.py"
DATA = ROOT / "tests" / "data" / "timelines"
BAR = "recall=1,precision=0.95,state=1"

TIMELINES = [
    pytest.param(SHARED / "corpus" / "dev-timeline", ROOT / "feeds.yaml", id="dev"),
    pytest.param(DATA / "ballerina-variant", ROOT / "feeds.yaml", id="ballerina-variant"),
    pytest.param(DATA / "dune3", DATA / "dune3" / "feeds.yaml", id="dune3"),
    pytest.param(DATA / "tides", DATA / "tides" / "feeds.yaml", id="tides"),
    pytest.param(DATA / "heist-sequel", DATA / "heist-sequel" / "feeds.yaml", id="heist-sequel"),
    pytest.param(DATA / "juniper", DATA / "juniper" / "feeds.yaml", id="juniper"),
    pytest.param(DATA / "hollow-creek", DATA / "hollow-creek" / "feeds.yaml", id="hollow-creek"),
    pytest.param(DATA / "castellane", DATA / "castellane" / "feeds.yaml", id="castellane"),
    pytest.param(DATA / "harrow-point", DATA / "harrow-point" / "feeds.yaml", id="harrow-point"),
]


def watcher_command() -> str:
    script = Path(sys.executable).parent / "watcher"
    return str(script) if script.exists() else f"{sys.executable} -m watcher"


@dataclass(frozen=True)
class Replay:
    returncode: int
    report: str
    score: dict[str, float] | None


def loopback_only(config_base: Path, workdir: Path) -> Path:
    """``config_base`` with article pages off: a replay's items link to real
    outlets' hosts, and a test reaches nothing past loopback (a name lookup
    included). The pages would not load here anyway, so no score changes."""
    data = yaml.safe_load(config_base.read_text(encoding="utf-8"))
    data.setdefault("poll", {})["articles"] = "never"
    base = workdir / "config-base.yaml"
    base.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return base


def replay(timeline: Path, config_base: Path, workdir: Path) -> Replay:
    result_file = workdir / "result.json"
    config_base = loopback_only(config_base, workdir)
    proc = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--timeline",
            str(timeline),
            "--watcher",
            watcher_command(),
            "--config-base",
            str(config_base),
            "--json-out",
            str(result_file),
            "--min",
            BAR,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=580,
    )
    score = json.loads(result_file.read_text())["score"] if result_file.exists() else None
    # The scorer prints each step's verdicts, then the totals: keep both ends.
    out = (
        proc.stdout
        if len(proc.stdout) <= 8000
        else f"{proc.stdout[:3000]}\n…\n{proc.stdout[-5000:]}"
    )
    return Replay(proc.returncode, out + proc.stderr[-2000:], score)


@pytest.fixture(scope="module")
def replays(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Future[Replay]]]:
    """Each replay is one CLI process after another, so a replay uses one core:
    the selected timelines run two at a time and each test waits for its own."""
    selected = {
        item.callspec.id
        for item in request.session.items
        if item.module is request.module and hasattr(item, "callspec")
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            param.id: pool.submit(replay, *param.values, tmp_path_factory.mktemp(param.id))
            for param in TIMELINES
            if SCORER.exists()
            and param.id in selected
            and (param.values[0] / "timeline.json").exists()
        }
        yield futures
        for future in futures.values():
            future.cancel()


@pytest.mark.slow
@pytest.mark.timeout(1200)
@pytest.mark.parametrize(("timeline", "config_base"), TIMELINES)
def test_timeline_meets_the_bar(
    timeline: Path,
    config_base: Path,
    replays: dict[str, Future[Replay]],
    request: pytest.FixtureRequest,
) -> None:
    if not SCORER.exists():
        pytest.skip(f"the evaluation harness is not beside the project ({SCORER})")
    if not (timeline / "timeline.json").exists():
        pytest.skip(f"no timeline at {timeline}")
    result = replays[request.node.callspec.id].result()
    assert result.returncode == 0, result.report
    assert result.score is not None, result.report
    assert result.score["recall"] == 1.0, result.report
    assert result.score["precision"] >= 0.95, result.report
    assert result.score["state_accuracy"] == 1.0, result.report

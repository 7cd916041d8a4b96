"""The container image, built from the Dockerfile and run for real: it serves
/healthz, polls a loopback feed and stores what it found as its non-root user,
and `docker stop` drains it to exit 0. Skipped, with the reason, where no
container engine runs (tests/container.py builds the base image where no
registry is reachable)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.conftest import shipped_subjects
from tests.container import docker
from tests.feedserver import FeedServer, rss
from tests.receivers import free_port
from tests.test_service import metrics, wait_for

pytestmark = pytest.mark.slow

UID = "10001"  # the Dockerfile's watcher user
ITEMS = (
    {
        "title": "Lionsgate dates 'Ballerina' for June 6, 2025",
        "link": "https://trade.example/ballerina-dated",
        "guid": "c-1",
        "pubDate": "Mon, 12 Aug 2024 10:00:00 GMT",
        "description": "From the World of John Wick: Ballerina, starring Ana de Armas, "
        "opens in theaters June 6, 2025.",
    },
    {
        "title": "Box office: a quiet weekend",
        "link": "https://trade.example/box-office",
        "guid": "c-2",
        "pubDate": "Mon, 12 Aug 2024 09:00:00 GMT",
        "description": "Holdovers led a quiet frame.",
    },
)


@pytest.fixture
def volume() -> Iterator[str]:
    name = f"watcher-test-{uuid.uuid4().hex[:8]}"
    docker("volume", "create", name)
    yield name
    docker("volume", "rm", "-f", name, check=False)


# Its own bounds (the first poll 60 s, the stop 60 s, each docker call up to
# 120 s) add up past the suite's 120 s per test: on a busy machine a slow
# container start, not a fault, would end it.
@pytest.mark.timeout(420)
def test_the_image_serves_health_polls_as_non_root_and_drains_on_stop(
    watcher_image: str, feed_server: FeedServer, volume: str, tmp_path: Path
) -> None:
    config = tmp_path / "feeds.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                # The image's default: relative to /app, on the volume.
                "database": "sqlite:///state/watcher.db",
                "poll": {"interval": "1s", "jitter": 0},
                "feeds": [{"name": "Trade", "url": feed_server.add("/trade", rss(*ITEMS))}],
                "subjects": shipped_subjects(),
            }
        )
    )
    config.chmod(0o644)  # read by the container's user
    port = free_port()
    name = f"watcher-test-{uuid.uuid4().hex[:8]}"
    docker(
        "run", "-d", "--name", name, "--network", "host",
        "-e", f"WATCHER_HTTP=127.0.0.1:{port}",
        "-v", f"{volume}:/app/state", "-v", f"{config}:/app/feeds.yaml:ro",
        watcher_image,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        seen = wait_for(
            lambda: _scrape(url).get("watcher_entries_total{kind=new}") == len(ITEMS),
            timeout=60,
        )
        assert seen
        health = httpx.get(f"{url}/healthz", timeout=10)
        assert health.status_code == 200, health.text
        assert health.json()["status"] == "ok"

        assert docker("exec", name, "id", "-u").stdout.strip() == UID
        owner = docker("exec", name, "stat", "-c", "%u", "/app/state/watcher.db").stdout
        assert owner.strip() == UID

        stopped = docker("stop", "-t", "30", name, timeout=60)
        assert stopped.returncode == 0
        state = docker("inspect", "-f", "{{.State.ExitCode}}", name).stdout.strip()
        logs = docker("logs", name)
        assert state == "0", logs.stdout + logs.stderr
        assert "stopped on SIGTERM" in logs.stdout + logs.stderr
    finally:
        docker("rm", "-f", name, check=False)

    # What the daemon stored is on the volume, for the next container.
    shown = docker(
        "run", "--rm", "-v", f"{volume}:/app/state", "-v", f"{config}:/app/feeds.yaml:ro",
        watcher_image, "watcher", "questions", "--json",
    )  # fmt: skip
    by_id = {q["id"]: q for q in json.loads(shown.stdout)}
    assert by_id["release-date"]["answer"] == "2025-06-06"


def _scrape(url: str) -> dict[str, float]:
    try:
        return metrics(url)
    except httpx.HTTPError:
        return {}  # not listening yet

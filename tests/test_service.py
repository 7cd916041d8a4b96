"""watcher as a service: the daemon in a real subprocess, with real HTTP (its
own endpoint and the loopback feed server), real signals and systemd's real
notify socket; and the files that run it (Dockerfile, compose.yaml, the unit)."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import ROOT
from tests.feedserver import FeedServer, rss
from tests.test_notify import date_event, seed
from watcher import __version__
from watcher.app import open_app
from watcher.config import config_from_mapping
from watcher.daemon.health import (
    PENDING_TOO_LONG,
    Snapshot,
    check_database,
    daemon_health,
    snapshot_health,
)
from watcher.daemon.scheduler import DRAIN_DEADLINE
from watcher.daemon.service import Metrics, parse_address
from watcher.poll import PollReport
from watcher.types import Message

SECRET = "SEKRET-d41d8cd98f00b204"
ITEMS = (
    {"title": "One", "link": "https://ex.com/1", "guid": "1"},
    {"title": "Two", "link": "https://ex.com/2", "guid": "2"},
)


def wait_for(predicate: Callable[[], Any], timeout: float = 20.0) -> Any:
    """The first truthy value of ``predicate``, polled until ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting after {timeout}s")


def hits(server: FeedServer, path: str) -> int:
    """Requests for ``path``, whatever their query string."""
    return sum(1 for r in list(server.requests) if r.path.split("?")[0] == path)


def write_config(path: Path, server: FeedServer, feeds: list[str], **extra: Any) -> Path:
    config = {
        "database": f"sqlite:///{path.parent / 'w.db'}",
        "poll": {"interval": "1s", "jitter": 0, **extra.pop("poll", {})},
        "feeds": [
            {"name": name, "url": server.url(f"/{name}?apikey={SECRET}"), "interval": "1s"}
            for name in feeds
        ],
        **extra,
    }
    path.write_text(yaml.safe_dump(config))
    return path


class Daemon:
    """``python -m watcher ... run`` with its output collected line by line."""

    def __init__(self, config: Path, *args: str, env: dict[str, str] | None = None) -> None:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("WATCHER_")}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "watcher", "--config", str(config), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**clean, **(env or {})},
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def line(self, pattern: str, timeout: float = 20.0) -> re.Match[str]:
        def find() -> re.Match[str] | None:
            ended = self.proc.poll() is not None and not self._reader.is_alive()
            found = next((m for line in list(self.lines) if (m := re.search(pattern, line))), None)
            if found is None and ended:
                raise AssertionError(f"exited with no line like {pattern!r}:\n{self.output}")
            return found

        return wait_for(find, timeout)  # type: ignore[no-any-return]

    def endpoint(self) -> str:
        return self.line(r"serving /healthz and /metrics on (http://\S+)").group(1)

    def stop(self, sig: signal.Signals = signal.SIGTERM) -> int:
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=DRAIN_DEADLINE + 15)
        self._reader.join(timeout=5)
        return code

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def daemons() -> Iterator[list[Daemon]]:
    started: list[Daemon] = []
    yield started
    for daemon in started:
        daemon.kill()


def metrics(url: str) -> dict[str, float]:
    """``name{label=value,...}`` → value, from a real scrape."""
    response = httpx.get(f"{url}/metrics", timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return _samples(response.content)


def watcher(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHER_")}
    return subprocess.run(
        [sys.executable, "-m", "watcher", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


# -- the endpoint --------------------------------------------------------------------------


def test_healthz_and_metrics_on_the_real_endpoint(
    tmp_path: Path, feed_server: FeedServer, daemons: list[Daemon]
) -> None:
    feed_server.add("/a", rss(*ITEMS))
    subjects = [{"id": "film", "name": "Film", "questions": [{"id": "date", "kind": "date"}]}]
    config = write_config(tmp_path / "feeds.yaml", feed_server, ["a"], subjects=subjects)
    daemon = Daemon(config, "run", "--http", "127.0.0.1:0")
    daemons.append(daemon)
    url = daemon.endpoint()
    # Polled, and then polled again (a 304): the first poll has been committed.
    wait_for(lambda: hits(feed_server, "/a") >= 3)

    health = httpx.get(f"{url}/healthz", timeout=10)
    assert health.status_code == 200, health.text
    body = health.json()
    assert body["status"] == "ok" and body["problems"] == []
    assert body["feeds_enabled"] == 1 and body["feeds_failing"] == []
    assert body["last_success"] is not None

    seen = wait_for(lambda: (m := metrics(url))["watcher_polls_total{outcome=not_modified}"] and m)
    assert all(name.startswith("watcher_") for name in seen), sorted(seen)
    polls = sum(v for k, v in seen.items() if k.startswith("watcher_polls_total{"))
    assert 2 <= polls <= hits(feed_server, "/a")
    assert seen["watcher_polls_total{outcome=ok}"] == 1  # then 304s
    assert seen["watcher_fetch_duration_seconds_count"] == polls
    assert 0 < seen["watcher_fetch_duration_seconds_sum"] < polls * 60
    assert seen["watcher_entries_total{kind=new}"] == len(ITEMS)
    # Every kind of the configured subject is there from the start, at zero.
    assert seen["watcher_events_total{kind=answered,subject=film}"] == 0
    assert seen["watcher_events_total{kind=withdrawn,subject=film}"] == 0
    db = "source=database"
    assert seen[f"watcher_feeds_enabled{{{db}}}"] == 1
    assert seen[f"watcher_feeds_failing{{{db}}}"] == 0
    assert seen[f"watcher_outbox_pending{{{db}}}"] == 0
    assert seen[f"watcher_outbox_dead{{{db}}}"] == 0
    assert seen[f"watcher_feed_consecutive_failures{{feed=a,{db}}}"] == 0
    assert seen[f"watcher_feed_last_success_timestamp_seconds{{feed=a,{db}}}"] > 0
    assert seen["watcher_database_up"] == 1
    (build,) = [k for k in seen if k.startswith("watcher_build_info{")]
    assert f"version={__version__}" in build and "python=3." in build
    assert seen["watcher_last_tick_timestamp_seconds"] > 0

    assert httpx.get(f"{url}/nope", timeout=10).status_code == 404
    assert httpx.post(f"{url}/healthz", timeout=10).status_code == 405

    # `watcher health`, from the database alone and from the daemon's endpoint.
    from_db = watcher("--config", str(config), "health")
    assert from_db.returncode == 0, from_db.stdout + from_db.stderr
    assert from_db.stdout.startswith("ok")
    address = url.removeprefix("http://")
    asked = watcher("--config", str(config), "health", "--http", address, "--json")
    assert asked.returncode == 0, asked.stdout + asked.stderr
    assert json.loads(asked.stdout)["status"] == "ok"

    assert daemon.stop() == 0, daemon.output
    assert "stopped on SIGTERM" in daemon.output and "Traceback" not in daemon.output


def test_sigterm_drains_the_poll_in_flight_and_healthz_says_stopping(
    tmp_path: Path, feed_server: FeedServer, daemons: list[Daemon]
) -> None:
    feed_server.slow_drip("/slow")
    config = write_config(
        tmp_path / "feeds.yaml", feed_server, ["slow"], poll={"timeouts": {"total": "3s"}}
    )
    daemon = Daemon(config, "run", "--http", "127.0.0.1:0")
    daemons.append(daemon)
    url = daemon.endpoint()
    wait_for(lambda: hits(feed_server, "/slow"))  # a fetch is in flight (for up to 3 s)
    daemon.proc.send_signal(signal.SIGTERM)
    # Still answering while it drains, but not healthy: a balancer should look elsewhere.
    health = wait_for(
        lambda: (r := httpx.get(f"{url}/healthz", timeout=10)).status_code == 503 and r
    )
    assert "stopping" in health.json()["problems"]
    assert daemon.proc.wait(timeout=DRAIN_DEADLINE + 15) == 0, daemon.output
    daemon.line(r"stopped on SIGTERM: .* in flight at stop 1")
    assert "Traceback" not in daemon.output
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/healthz", timeout=5)


# -- reload, logs, systemd -----------------------------------------------------------------


@pytest.fixture
def notify_socket() -> Iterator[socket.socket]:
    """systemd's side of ``Type=notify``: a datagram socket (short path: AF_UNIX caps it)."""
    folder = tempfile.mkdtemp(prefix="sd", dir="/tmp")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(f"{folder}/notify")
    sock.settimeout(20)
    yield sock
    sock.close()
    shutil.rmtree(folder)


class NotifyListener:
    """Reads the socket all along, as systemd does: an unread socket holds only
    a few datagrams, and the daemon (rightly) drops what does not fit, so a
    test that reads only now and then would lose STOPPING=1 after a busy run."""

    def __init__(self, sock: socket.socket) -> None:
        self.name = sock.getsockname()
        self._sock = sock
        self._messages: list[str] = []
        self._read = 0
        self._changed = threading.Condition()
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self) -> None:
        while True:
            try:
                message = self._sock.recv(4096).decode()
            except OSError:  # timed out or closed: the test is over
                return
            with self._changed:
                self._messages.append(message)
                self._changed.notify_all()

    def received(self, wanted: str, timeout: float = 20) -> list[str]:
        """Datagrams since the last call, up to and including the first that
        has the line ``wanted``."""

        def first() -> int | None:
            unread = range(self._read, len(self._messages))
            return next((i for i in unread if wanted in self._messages[i].splitlines()), None)

        with self._changed:
            if not self._changed.wait_for(lambda: first() is not None, timeout):
                raise AssertionError(f"{wanted} never came: {self._messages[self._read :]}")
            end = first()
            assert end is not None
            out, self._read = self._messages[self._read : end + 1], end + 1
            return out


@pytest.fixture
def systemd(notify_socket: socket.socket) -> NotifyListener:
    notify_socket.settimeout(120)
    return NotifyListener(notify_socket)


def test_sighup_reloads_feeds_yaml_keeps_the_old_one_when_broken_logs_json(
    tmp_path: Path, feed_server: FeedServer, daemons: list[Daemon], systemd: NotifyListener
) -> None:
    for name in ("a", "b"):
        feed_server.add(f"/{name}", rss(*ITEMS))
    path = tmp_path / "feeds.yaml"
    secret_target = [f"json://127.0.0.1:9/hook?token={SECRET}"]
    write_config(path, feed_server, ["a"], notify=secret_target)
    env = {"NOTIFY_SOCKET": systemd.name}
    daemon = Daemon(path, "--log-format", "json", "run", env=env)
    daemons.append(daemon)
    assert any(m.startswith("READY=1") for m in systemd.received("READY=1"))
    wait_for(lambda: hits(feed_server, "/a"))

    # A feed added: polled without a restart.
    write_config(path, feed_server, ["a", "b"], notify=secret_target)
    daemon.proc.send_signal(signal.SIGHUP)
    assert any("RELOADING=1" in m.splitlines() for m in systemd.received("READY=1"))
    wait_for(lambda: hits(feed_server, "/b"))
    daemon.line(r'"message": "config reloaded".*"added": "b"')

    # A broken file: the error is logged with the file's name, the old config kept.
    path.write_text("feeds:\n  - name: c\n")
    daemon.proc.send_signal(signal.SIGHUP)
    failed = json.loads(daemon.line(r"config reload failed").string)
    assert failed["level"] == "error" and "feeds.yaml" in failed["message"]
    assert "url" in failed["message"]  # names the key that is wrong
    polled = hits(feed_server, "/b")
    wait_for(lambda: hits(feed_server, "/b") >= polled + 2)
    assert daemon.proc.poll() is None

    # A feed removed: no longer polled (a poll already under way may finish).
    write_config(path, feed_server, ["b"], notify=secret_target)
    daemon.proc.send_signal(signal.SIGHUP)
    daemon.line(r'"message": "config reloaded".*"removed": "a"')
    before_a, before_b = hits(feed_server, "/a"), hits(feed_server, "/b")
    wait_for(lambda: hits(feed_server, "/b") >= before_b + 3)
    assert hits(feed_server, "/a") <= before_a + 1

    assert daemon.stop() == 0, daemon.output
    assert "STOPPING=1" in "\n".join(systemd.received("STOPPING=1"))

    records = [json.loads(line) for line in daemon.lines]  # every line is one JSON object
    assert SECRET not in daemon.output
    polled_lines = [r for r in records if r["message"] == "feed polled"]
    assert polled_lines, daemon.output
    for record in polled_lines:
        assert {"time", "level", "feed", "url", "outcome", "duration"} <= record.keys()
        assert record["url"].startswith(feed_server.base)
        assert isinstance(record["duration"], float)
    assert {r["outcome"] for r in polled_lines} >= {"ok", "not_modified"}
    assert any(r["message"].startswith("stopped on SIGTERM") for r in records)


def test_log_level_and_format_from_the_environment(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.add("/a", rss(*ITEMS))
    config = write_config(tmp_path / "feeds.yaml", feed_server, ["a"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHER_")}
    env |= {"WATCHER_LOG_LEVEL": "DEBUG", "WATCHER_LOG_FORMAT": "json"}
    proc = subprocess.run(
        [sys.executable, "-m", "watcher", "--config", str(config), "poll", "--once"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stderr.splitlines()]
    assert "debug" in {r["level"] for r in records}
    assert SECRET not in proc.stderr  # httpx's request lines carry the feed URL


# -- watcher health ------------------------------------------------------------------------


def test_health_without_a_database_is_unhealthy(tmp_path: Path, feed_server: FeedServer) -> None:
    config = write_config(tmp_path / "feeds.yaml", feed_server, ["a"])
    result = watcher("--config", str(config), "health", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["status"] == "unhealthy" and "no database" in report["problems"][0]
    assert not (tmp_path / "w.db").exists()  # a health check creates nothing


def test_health_reads_either_database(db_url: str, tmp_path: Path) -> None:
    feeds = [{"name": "a", "url": "https://example.com/feed"}]
    config = config_from_mapping(
        {"database": db_url, "feeds": feeds}, path=tmp_path / "feeds.yaml", environ={}
    )
    with open_app(config):  # creates the schema and the feed row, due now
        pass
    report = check_database(config)
    assert report.healthy, report.problems
    assert report.facts["feeds_enabled"] == 1 and report.facts["last_attempt"] is None


def test_health_reports_a_target_whose_oldest_message_waits_too_long(
    db_url: str, tmp_path: Path
) -> None:
    stuck, fine = "json://user:pw-1@127.0.0.1:9/stuck", "json://127.0.0.1:9/fine"
    config = config_from_mapping(
        {"database": db_url, "notify": [stuck, fine]}, path=tmp_path / "feeds.yaml", environ={}
    )
    with open_app(config) as app:
        now = app.now()
        old, recent = now - PENDING_TOO_LONG - timedelta(minutes=5), now - timedelta(minutes=5)
        seed(app.store, [config.notify[0]], [date_event(1)], old)
        seed(app.store, [config.notify[1]], [date_event(2)], recent)
    report = check_database(config)
    assert report.healthy  # a warning: nothing a restart would fix
    (warning,) = [w for w in report.warnings if "pending for" in w]
    assert "127.0.0.1:9/stuck" in warning and "pw-1" not in warning
    assert report.facts["outbox_stuck"] == [warning.split()[2]]


NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
CONFIG = config_from_mapping({}, path=Path("feeds.yaml"), environ={})


def snapshot(**changes: Any) -> Snapshot:
    values: dict[str, Any] = {
        "enabled": 2,
        "disabled": 0,
        "failing": (),
        "overdue": 0,
        "last_attempt": NOW - timedelta(minutes=20),
        "last_success": NOW - timedelta(minutes=20),
        "outbox_pending": 0,
        "outbox_dead": 0,
    }
    return Snapshot(**{**values, **changes})


def test_metrics_per_feed_and_per_event_kind_and_subject() -> None:
    collected = Metrics(["film"])
    changed = Message.from_json({"subject": "film", "kind": "changed"})
    answered = Message.from_json({"subject": "other", "kind": "answered"})
    collected.observe_poll(PollReport(messages=(changed, answered)))
    collected.observe_snapshot(
        snapshot(feeds=(("a", NOW, 0), ("b", None, 3)), failing=(("b", "HTTP 503"),))
    )
    seen = _samples(collected.exposition())
    assert seen["watcher_events_total{kind=changed,subject=film}"] == 1
    assert seen["watcher_events_total{kind=answered,subject=other}"] == 1
    assert seen["watcher_events_total{kind=refined,subject=film}"] == 0
    assert seen["watcher_feed_last_success_timestamp_seconds{feed=a,source=database}"] == (
        NOW.timestamp()
    )
    assert "watcher_feed_last_success_timestamp_seconds{feed=b,source=database}" not in seen
    assert seen["watcher_feed_consecutive_failures{feed=b,source=database}"] == 3
    assert seen["watcher_feeds_failing{source=database}"] == 1
    # A feed gone from the database leaves the per-feed series.
    collected.observe_snapshot(snapshot(feeds=(("a", NOW, 0),)))
    seen = _samples(collected.exposition())
    assert "watcher_feed_consecutive_failures{feed=b,source=database}" not in seen
    assert seen["watcher_feed_consecutive_failures{feed=a,source=database}"] == 0


def _samples(text: bytes) -> dict[str, float]:
    out = {}
    for family in text_string_to_metric_families(text.decode()):
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            out[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return out


def test_health_rules() -> None:
    assert snapshot_health(snapshot(), CONFIG, NOW).healthy
    # Due feeds nobody polls: the daemon is not running.
    stuck = snapshot_health(snapshot(overdue=2), CONFIG, NOW)
    assert not stuck.healthy and "overdue" in stuck.problems[0]
    # Overdue while a long cycle works through its batches: fine.
    busy = snapshot(overdue=2, last_attempt=NOW - timedelta(seconds=5))
    assert snapshot_health(busy, CONFIG, NOW).healthy
    # Failing feeds and dead notifications are warnings, not failures.
    worn = snapshot_health(snapshot(failing=(("a", "HTTP 503"),), outbox_dead=1), CONFIG, NOW)
    assert worn.healthy and len(worn.warnings) == 2 and "a (HTTP 503)" in worn.warnings[0]

    assert daemon_health(snapshot(), 5, 60, stopping=False).healthy
    assert "no scheduler tick" in daemon_health(snapshot(), 61, 60, False).problems[0]
    assert daemon_health(snapshot(), 5, 60, stopping=True).problems == ("stopping",)
    down = daemon_health(OSError("database is locked"), 5, 60, False)
    assert down.problems == ("database: database is locked",)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("127.0.0.1:9120", ("127.0.0.1", 9120)),
        ("[::1]:0", ("::1", 0)),
        ("9120", ("127.0.0.1", 9120)),
    ],
)
def test_http_addresses(text: str, address: tuple[str, int]) -> None:
    assert parse_address(text) == address


@pytest.mark.parametrize("text", ["localhost", ":9120", "host:http", "1.2.3.4:70000"])
def test_bad_http_addresses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_address(text)


# -- the files that run it -----------------------------------------------------------------


def test_the_default_install_is_sqlite_only_and_each_yaml_library_has_its_job() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {re.split(r"[\[<>=;\s]", r, maxsplit=1)[0].lower() for r in project["dependencies"]}
    assert not names & {"psycopg", "paho-mqtt"}, names
    assert project["optional-dependencies"]["postgres"][0].startswith("psycopg[binary]")
    assert project["optional-dependencies"]["mqtt"][0].startswith("paho-mqtt")
    locked = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert "psycopg" not in locked and "paho-mqtt" not in locked
    # The tests need both: the dev lock keeps them.
    dev = (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")
    assert "\npsycopg==" in dev and "\npaho-mqtt==" in dev
    # PyYAML reads feeds.yaml (configfile.py), ruamel.yaml edits it (feedlist.py):
    # no other module parses YAML its own way.
    importers: dict[str, set[str]] = {}
    for path in (ROOT / "watcher").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for alias in (
                    node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
                ):
                    importers.setdefault(alias.name.split(".")[0], set()).add(path.name)
    assert importers["yaml"] == {"configfile.py"}, importers["yaml"]
    assert importers["ruamel"] == {"feedlist.py"}, importers["ruamel"]


def test_dockerfile_lints_clean_and_installs_as_the_readme_says() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if Path(hadolint).exists():
        lint = subprocess.run([hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True)
        assert lint.returncode == 0, lint.stdout + lint.stderr
    readme = (ROOT / "README.md").read_text()
    run = re.search(r"pip install (-r requirements\.lock) (\.) && \.venv/bin/watcher run", readme)
    assert run, "the README's run command changed: update the Dockerfile and this test"
    installs = re.findall(r"/opt/venv/bin/pip (?:install|wheel) ([^\n\\&]+)", dockerfile)
    assert any(run.group(1) in line for line in installs), installs
    # The package is built from the checkout (`.`), as the README's command does.
    assert any(line.split()[-1] == run.group(2) for line in installs), installs
    copied = {
        p
        for line in re.findall(r"^COPY (?!--from)(.+) \S+$", dockerfile, re.M)
        for p in line.split()
    }
    assert {"requirements.lock", "pyproject.toml", "watcher", "feeds.yaml"} <= copied
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert not copied & set(ignored), "the build context leaves out a file the Dockerfile copies"
    assert re.search(r"^USER 10001:10001$", dockerfile, re.M)
    assert 'VOLUME ["/app/state"]' in dockerfile
    assert 'CMD ["watcher", "health"]' in dockerfile
    assert dockerfile.rstrip().endswith('CMD ["watcher", "run"]')


def test_compose_has_a_sqlite_default_and_a_postgres_profile() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    default = [n for n, s in services.items() if not s.get("profiles")]
    assert default == ["watcher"]
    assert "state:/app/state" in services["watcher"]["volumes"]
    assert "WATCHER_DATABASE_URL" not in services["watcher"].get("environment", {})
    postgres = {n for n, s in services.items() if "postgres" in s.get("profiles", ())}
    assert postgres == {"postgres", "worker"}
    worker = services["worker"]
    assert worker["deploy"]["replicas"] == 2
    assert worker["environment"]["WATCHER_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert worker["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("watcher", "worker"):
        grace = services[name]["stop_grace_period"]
        assert int(grace.rstrip("s")) > DRAIN_DEADLINE + 5


def test_systemd_unit_verifies(tmp_path: Path) -> None:
    unit = (ROOT / "contrib" / "watcher.service").read_text()
    settings = dict(
        line.split("=", 1) for line in unit.splitlines() if "=" in line and line[0] not in "#;"
    )
    assert settings["Type"] == "notify" and settings["Restart"] == "on-failure"
    for key in ("DynamicUser", "NoNewPrivileges", "ProtectHome", "PrivateTmp"):
        assert settings[key] == "yes", key
    assert settings["ProtectSystem"] == "strict" and settings["StateDirectory"] == "watcher"
    assert int(settings["TimeoutStopSec"].rstrip("s")) > DRAIN_DEADLINE + 5
    analyze = shutil.which("systemd-analyze")
    script = Path(sys.executable).parent / "watcher"
    if not analyze or not script.exists():
        pytest.skip("needs systemd-analyze and the installed console script")
    # verify checks that ExecStart exists: point it at this venv's script.
    copy = tmp_path / "watcher.service"
    copy.write_text(unit.replace("/opt/watcher/bin/watcher", str(script)))
    result = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "watcher.service" not in result.stderr, result.stderr


def test_sd_notify_never_blocks_when_the_listener_stops_reading(
    notify_socket: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    from watcher.daemon.service import sd_notify

    monkeypatch.setenv("NOTIFY_SOCKET", notify_socket.getsockname())
    # Far more than the kernel queues for an unread datagram socket; a blocking
    # send would hang here (and freeze the daemon's loop) after the first few.
    sent = [sd_notify(f"STATUS=message {i}") for i in range(200)]
    assert sent[0] is True
    assert False in sent  # the overflow was dropped, not waited for

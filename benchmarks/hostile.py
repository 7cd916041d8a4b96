"""Peak memory and wall time of `watcher poll --once` over every hostile feed class.

    .venv/bin/python -m benchmarks.hostile [--runs 3]

Serves the cases of tests/hostile.py on 127.0.0.1 and prints a table: the
median of several runs with min and max. Target: peak RSS < 250 MB, and the
run ends within the configured total deadline (3 s) plus processing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from tests.feedserver import FeedServer
from tests.hostile import hostile_config, serve_hostile


def one_run(urls: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one `poll --once` in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "feeds.yaml"
        config.write_text(yaml.safe_dump(hostile_config(urls, f"sqlite:///{tmp}/w.db")))
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "watcher", "--config", str(config), "poll", "--once"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit("poll --once failed")
        return wall, usage.ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    server = FeedServer().start()
    try:
        urls = serve_hostile(server)
        results = [one_run(urls) for _ in range(args.runs)]
    finally:
        server.stop()
    print(f"poll --once over {len(urls)} feeds (every hostile class + one good), {args.runs} runs")
    print(f"{'figure':<16}{'median':>10}{'min':>10}{'max':>10}")
    for label, values in (
        ("wall s", [r[0] for r in results]),
        ("peak RSS MB", [r[1] for r in results]),
    ):
        print(
            f"{label:<16}{statistics.median(values):>10.2f}{min(values):>10.2f}{max(values):>10.2f}"
        )


if __name__ == "__main__":
    main()

"""Time and peak memory of loading a large feeds.yaml, before and after the
bounded, libyaml-backed reader.

    .venv/bin/python -m benchmarks.configload [--runs 3] [--sizes 2000,10000,40000]

Each load runs in a fresh process (peak RSS is the process's). "before" is
what load_config did until then: PyYAML's pure-Python ``safe_load``, then
validation; "after" is ``load_config`` now. 40,000 feeds is about 3.4 MB,
under the 4 MiB bound; the 200,000 feeds (17 MB) of the report are refused.
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

BEFORE = """
import sys, yaml
from pathlib import Path
from watcher.config import config_from_mapping
path = Path(sys.argv[1])
data = yaml.safe_load(path.read_text(encoding="utf-8"))
config_from_mapping(data, path=path, environ={})
"""
AFTER = """
import sys
from watcher.config import load_config
load_config(sys.argv[1], environ={})
"""
IMPORTS = """
import watcher.config
"""


def write_config(folder: Path, feeds: int) -> Path:
    lines = ["feeds:"]
    for n in range(feeds):
        lines.append(f"  - name: Feed {n}")
        lines.append(f"    url: https://feeds{n % 97}.example.com/rss/{n}")
        lines.append("    interval: 30m")
    path = folder / f"feeds-{feeds}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def one_run(script: str, path: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of ``script`` on ``path`` in a fresh process."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)])
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"loading {path} failed")
    return wall, usage.ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="2000,10000,40000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"load feeds.yaml in a fresh process, {args.runs} runs: median (min-max)")
    print(f"{'feeds':>7}{'MB':>6}  {'loader':<7}{'wall s':>22}{'peak RSS MB':>24}")
    with tempfile.TemporaryDirectory() as tmp:
        base = [one_run(IMPORTS, Path(tmp)) for _ in range(args.runs)]
        print(
            f"{'0':>7}{'':>6}  {'import':<7}{_cell([r[0] for r in base]):>22}"
            f"{_cell([r[1] for r in base]):>24}"
        )
        for feeds in sizes:
            path = write_config(Path(tmp), feeds)
            size = path.stat().st_size / 1e6
            for label, script in (("before", BEFORE), ("after", AFTER)):
                results = [one_run(script, path) for _ in range(args.runs)]
                walls, peaks = [r[0] for r in results], [r[1] for r in results]
                print(f"{feeds:>7}{size:>6.1f}  {label:<7}{_cell(walls):>22}{_cell(peaks):>24}")


def _cell(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


if __name__ == "__main__":
    main()

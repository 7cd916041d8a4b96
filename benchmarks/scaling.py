"""How watcher's cost per feed grows with the number of feeds.

    .venv/bin/python -m benchmarks.scaling [--scales 1000,5000,10000] [--items 10]

A cycle's cost per feed should not depend on how many feeds there are: a
poll that claims, fetches and commits each feed does the same work for the
10,000th as for the 10th. This runs watcher's cycles (``benchmarks.cycles``,
one process per scale, SQLite) over a small corpus: every feed has ``--items``
one-paragraph items, so a first cycle over 10,000 feeds takes a minute, not an
hour; a 304 costs the same whatever the body it stands for. It prints, per
scale, the CPU per feed of the all-304 and 10%-changed cycles, the part of it
spent claiming and committing, and the marginal CPU per 304 between scales.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.corpus import Corpus
from benchmarks.nginx import Nginx
from benchmarks.run import machine, read_rows


def run_scale(folder: Path, base: str, feeds: int, args: argparse.Namespace) -> list[Any]:
    command = [
        sys.executable,
        "-m",
        "benchmarks.cycles",
        "watcher",
        f"--feeds={feeds}",
        f"--base={base}",
        f"--corpus={folder}",
        f"--items={args.items}",
        f"--concurrency={args.concurrency}",
        f"--unchanged-runs={args.runs}",
        f"--changed-runs={args.runs}",
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as proc:
        rows = read_rows(proc, until_pause=False)
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode})")
    # Later scales rewrite their own changed feeds from version 0 again.
    Corpus(feeds=args.scales[-1], items=args.items).restore(folder, args.runs, feeds)
    return rows


def per_feed(rows: list[Any], cycle: str, feeds: int) -> dict[str, float]:
    """Medians over the runs of ``cycle``, in ms per feed polled."""
    runs = [r for r in rows if r["cycle"] == cycle]

    def ms(values: list[float]) -> float:
        return statistics.median(values) * 1000 / feeds

    return {
        "wall": ms([r["wall"] for r in runs]),
        "cpu": ms([r["cpu"] for r in runs]),
        "claim": ms([r["stages"]["claim"] for r in runs]),
        "commit": ms([r["stages"]["commit"] for r in runs]),
        "read": ms([r["stages"]["read"] for r in runs]),
        "rss": max(r["rss_mb"] for r in rows),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1000,5000,10000")
    parser.add_argument("--items", type=int, default=10, help="items per feed")
    parser.add_argument("--runs", type=int, default=3, help="304 and changed cycles per scale")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    args.scales = sorted(int(s) for s in args.scales.split(","))
    corpus = Corpus(feeds=args.scales[-1], items=args.items)
    print(f"machine: {machine()}")
    print(f"corpus: {args.scales[-1]:,} feeds of {args.items} short items; SQLite")
    with tempfile.TemporaryDirectory(prefix="watcher-bench-scaling-") as tmp:
        folder = Path(tmp)
        corpus.write(folder)
        with Nginx(folder) as nginx:
            results = {n: run_scale(folder, nginx.base, n, args) for n in args.scales}
    print("\nms per feed, median of the runs (CPU of every thread; claim/commit/read: stages)")
    print(
        f"{'feeds':>7}  {'cycle':<12}{'wall':>8}{'CPU':>8}{'claim':>8}{'commit':>8}"
        f"{'read':>8}{'RSS MB':>8}"
    )
    table = {}
    for n, rows in results.items():
        for cycle in ("unchanged", "changed"):
            t = table[n, cycle] = per_feed(rows, cycle, n)
            print(
                f"{n:>7,}  {cycle:<12}{t['wall']:>8.3f}{t['cpu']:>8.3f}{t['claim']:>8.3f}"
                f"{t['commit']:>8.3f}{t['read']:>8.3f}{t['rss']:>8.0f}"
            )
    print("\nmarginal CPU per 304 between scales (ms): (CPU at b - CPU at a) / (b - a)")
    for a, b in itertools.pairwise(args.scales):
        cpu_a, cpu_b = table[a, "unchanged"]["cpu"] * a, table[b, "unchanged"]["cpu"] * b
        print(f"  {a:,} -> {b:,}: {(cpu_b - cpu_a) / (b - a):.3f}")


if __name__ == "__main__":
    main()

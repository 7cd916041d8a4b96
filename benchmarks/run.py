"""The benchmark suite: poll cycles against reader and feedparser, matching, parse cost.

    .venv/bin/python -m benchmarks.run            # 1,000 and 5,000 feeds (~20 min on 2 cores)
    .venv/bin/python -m benchmarks.run --quick    # 200 and 1,000 feeds, fewer runs (~6 min)

Generates the seeded corpus (``benchmarks.corpus``) in a temporary folder,
serves it with nginx on 127.0.0.1 (installed from the system packages if
missing; ETag, Last-Modified, gzip), and for each scale runs every system in
a process of its own (``benchmarks.cycles``): watcher on SQLite, watcher on
PostgreSQL (127.0.0.1:5432, database ``test``, a fresh schema; skipped with
the reason when it does not answer), reader's ``update_feeds`` and a naive
``feedparser.parse(url)`` loop, on the same files. Then matching throughput
(``benchmarks.matching``) and the parse-cost breakdown
(``benchmarks.parsecost``). Prints tables (median, min, max of the runs) and
the targets met or not. Nothing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import fetchcost, matching, parsecost
from benchmarks.corpus import Corpus
from benchmarks.nginx import Nginx

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
# A system's cycles must end by themselves; this only stops a hung child.
CHILD_TIMEOUT = 1800


@dataclass(frozen=True)
class Plan:
    """How many runs of each cycle one system gets at one scale."""

    system: str
    feeds: int
    first: int
    unchanged: int
    changed: int


def plans(scales: list[int], quick: bool, postgres: bool, reader: bool) -> list[Plan]:
    """The first cycle parses every feed (~85 ms each here: 7 minutes at 5,000
    feeds), so it runs once per scale (twice at the small quick scale), side by
    side with its peer's; the 304 and 10%-changed cycles run several times."""
    small, large = scales[0], scales[-1]
    runs = 2 if quick else 3
    out: list[Plan] = []
    for feeds in scales:
        big = feeds == large and len(scales) > 1
        first = 2 if quick and not big else 1
        changed = 1 if big else runs
        out.append(Plan("watcher", feeds, first, runs, changed))
        if reader:
            out.append(Plan("reader", feeds, first, runs, changed))
        if feeds == small:
            if postgres:
                out.append(Plan("watcher-pg", feeds, 1, 2, 2))
            out.append(Plan("feedparser", feeds, 1, 0, runs))
    return out


def postgres_reason() -> str | None:
    """None when PostgreSQL answers, else why not."""
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:
        return f"no PostgreSQL at {PG_URL}: {str(exc).splitlines()[0][:200]}"
    return None


# Systems whose first cycles run side by side, one per core (see ``run_group``).
PAIRS = (("watcher", "reader"), ("watcher-pg", "feedparser"))


def groups(scale_plans: list[Plan]) -> list[list[Plan]]:
    by_system = {p.system: p for p in scale_plans}
    out: list[list[Plan]] = []
    used: set[str] = set()
    for a, b in PAIRS:
        if a in by_system and b in by_system:
            out.append([by_system[a], by_system[b]])
            used |= {a, b}
    out += [[p] for p in scale_plans if p.system not in used]
    return out


def _command(plan: Plan, folder: Path, base: str, args: Any, pause: bool) -> list[str]:
    return [
        sys.executable,
        "-m",
        "benchmarks.cycles",
        plan.system,
        f"--feeds={plan.feeds}",
        f"--base={base}",
        f"--corpus={folder}",
        f"--seed={args.seed}",
        f"--concurrency={args.concurrency}",
        f"--first-runs={plan.first}",
        f"--unchanged-runs={plan.unchanged}",
        f"--changed-runs={plan.changed}",
        *(["--pause-after-first"] if pause else []),
    ]


def read_rows(proc: subprocess.Popen[str], until_pause: bool) -> list[dict[str, Any]]:
    rows = []
    assert proc.stdout is not None
    for line in proc.stdout:
        if not line.startswith("{"):
            continue
        row = json.loads(line)
        if row.get("cycle") == "paused":
            if until_pause:
                break
            continue
        rows.append(row)
    return rows


def run_group(
    group: list[Plan], corpus: Corpus, folder: Path, base: str, args: Any
) -> list[dict[str, Any]]:
    """Run one or two systems. Two run their first cycles at the same time (the
    first cycle parses every feed: minutes at 5,000 feeds, and the machine has
    a core for each), then pause; their 304 and changed cycles, the compared
    figures, run one system at a time. The corpus is put back after each."""
    paired = len(group) > 1
    names = " ∥ ".join(p.system for p in group)
    print(f"  {names:<24} {group[0].feeds:>6,} feeds …", end="", flush=True)
    started = time.perf_counter()
    procs = []
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="watcher-bench-log-") as logs:
        try:
            for plan in group:
                err = open(Path(logs) / f"{plan.system}.err", "w")  # noqa: SIM115
                proc = subprocess.Popen(
                    _command(plan, folder, base, args, paired),
                    cwd=ROOT,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=err,
                    text=True,
                )
                # A system's cycles end by themselves; this only stops a hung one.
                watchdog = threading.Timer(CHILD_TIMEOUT, proc.kill)
                watchdog.start()
                procs.append((plan, proc, err, watchdog))
            firsts = [read_rows(proc, until_pause=paired) for _, proc, _, _ in procs]
            for (plan, proc, err, watchdog), first in zip(procs, firsts, strict=True):
                assert proc.stdin is not None
                try:
                    proc.stdin.write("go\n")
                    proc.stdin.close()
                except BrokenPipeError:
                    pass  # it has ended already: its exit status tells how
                done = first + read_rows(proc, until_pause=False)
                proc.wait()
                watchdog.cancel()
                err.close()
                corpus.restore(folder, plan.changed, plan.feeds)
                if proc.returncode != 0:
                    tail = (Path(logs) / f"{plan.system}.err").read_text()[-3000:]
                    raise SystemExit(f"{plan.system} at {plan.feeds} feeds failed:\n{tail}")
                for row in done:
                    row["paired"] = paired and row["cycle"] == "first"
                    if row.get("errors"):
                        print(
                            f"\n    warning: {row['system']} {row['cycle']}: {row['errors']} failed"
                        )
                rows += done
        finally:
            for _, proc, err, watchdog in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
                watchdog.cancel()
                err.close()
    print(f" {time.perf_counter() - started:.0f} s", flush=True)
    return rows


# -- tables ------------------------------------------------------------------------------


def _spread(values: list[float], fmt: str = ".2f") -> str:
    if not values or not any(values):
        return "-"
    median = format(statistics.median(values), fmt)
    if len(values) == 1:
        return median
    return f"{median} [{min(values):{fmt}}–{max(values):{fmt}}]"


def summarize(rows: list[dict[str, Any]]) -> dict[tuple[str, int, str], dict[str, Any]]:
    groups: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row["system"], row["feeds"], row["cycle"]), []).append(row)
    out = {}
    for key, group in groups.items():
        out[key] = {
            "runs": len(group),
            "wall": [r["wall"] for r in group],
            "cpu": [r["cpu"] for r in group],
            "entries_per_s": [r["entries_seen"] / r["wall"] for r in group if r["wall"]],
            "rows_per_s": [r["rows"] / r["wall"] for r in group if r.get("rows") is not None],
            "matches": [r["matches"] for r in group if r.get("matches") is not None],
            "matches_per_s": [
                r["matches"] / r["wall"] for r in group if r.get("matches") is not None
            ],
            "ok200": group[0].get("ok200"),
            "ok304": group[0].get("ok304"),
            "rss": max(r["rss_mb"] for r in group),
            "cycle_peak": [r["cycle_peak_mb"] for r in group if r.get("cycle_peak_mb")],
            "start_rss": [r["start_rss_mb"] for r in group if r.get("start_rss_mb")],
            "paired": any(r.get("paired") for r in group),
            "stages": {
                name: [r["stages"][name] for r in group] for name in (group[0].get("stages") or {})
            },
        }
    return out


CYCLE_LABEL = {"first": "first (all new)", "unchanged": "all 304", "changed": "10% changed"}


def print_cycles(summary: dict[tuple[str, int, str], dict[str, Any]], feeds: int) -> None:
    print(f"\ncycles over {feeds:,} feeds: median [min–max] of the runs")
    header = (
        f"{'system':<15}{'cycle':<17}{'n':>2}  {'wall s':<22}{'CPU s':<22}"
        f"{'entries/s':<22}{'rows/s':<18}{'matches/s':<12}{'200/304':>11}{'RSS MB':>8}"
    )
    print(header)
    for (system, n, cycle), s in summary.items():
        if n != feeds:
            continue
        label = CYCLE_LABEL[cycle]
        if system == "feedparser":
            label = "parse(url) loop" if cycle == "first" else "parse(bytes) 10%"
        if s["paired"]:
            label += " *"
        rows_s = _spread(s["rows_per_s"], ".0f") if s["rows_per_s"] else "-"
        matches_s = _spread(s["matches_per_s"], ".1f") if s["matches_per_s"] else "-"
        print(
            f"{system:<15}{label:<17}{s['runs']:>2}  {_spread(s['wall']):<22}"
            f"{_spread(s['cpu']):<22}{_spread(s['entries_per_s'], '.0f'):<22}{rows_s:<18}"
            f"{matches_s:<12}{s['ok200'] or 0:>5}/{s['ok304'] or 0:<5}{s['rss']:>8.0f}"
        )


def print_stages(summary: dict[tuple[str, int, str], dict[str, Any]]) -> None:
    print("\nwhere watcher's CPU goes: median CPU s per cycle (thread CPU inside each stage)")
    print(
        f"{'system':<15}{'feeds':>6}  {'cycle':<16}{'total':>8}{'claim':>8}"
        f"{'parse+match':>13}{'commit':>8}{'fetch, loop, rest':>19}"
    )
    for (system, feeds, cycle), s in summary.items():
        if not s["stages"]:
            continue
        total = statistics.median(s["cpu"])
        parts = {k: statistics.median(v) for k, v in s["stages"].items()}
        rest = total - sum(parts.values())
        print(
            f"{system:<15}{feeds:>6}  {CYCLE_LABEL[cycle]:<16}{total:>8.2f}{parts['claim']:>8.2f}"
            f"{parts['read']:>13.2f}{parts['commit']:>8.2f}{rest:>19.2f}"
        )


def print_memory(summary: dict[tuple[str, int, str], dict[str, Any]]) -> None:
    print(
        "\nresident memory, MB: RSS before the first cycle (imports, the opened app), "
        "peak within each cycle (max of the runs), peak over the process"
    )
    print(f"{'system':<15}{'feeds':>6}{'start':>8}{'first':>8}{'304':>8}{'10%':>8}{'peak':>8}")
    for system, feeds in dict.fromkeys((k[0], k[1]) for k in summary):
        cycles = {c: summary.get((system, feeds, c)) for c in ("first", "unchanged", "changed")}
        first = cycles["first"]
        start = min(first["start_rss"]) if first and first["start_rss"] else None
        peaks = [max(s["cycle_peak"]) if s and s["cycle_peak"] else None for s in cycles.values()]
        overall = max(s["rss"] for s in cycles.values() if s)
        cells = "".join(f"{v:>8.0f}" if v is not None else f"{'-':>8}" for v in (start, *peaks))
        print(f"{system:<15}{feeds:>6}{cells}{overall:>8.0f}")


def _median(
    summary: dict[tuple[str, int, str], dict[str, Any]], key: tuple[str, int, str], field: str
) -> float | None:
    s = summary.get(key)
    if not s or not s[field]:
        return None
    return float(statistics.median(s[field]))


def targets(
    summary: dict[tuple[str, int, str], dict[str, Any]],
    scales: list[int],
    match_rows: list[dict[str, Any]],
) -> list[tuple[str, str, bool | None]]:
    small, large = scales[0], scales[-1]
    mid = 1000 if 1000 in scales else large
    out: list[tuple[str, str, bool | None]] = []

    def ratio(a: float | None, b: float | None) -> str:
        return f"{a / b:.2f}x" if a is not None and b else "n/a"

    # First cycles run paired (wall shared): they are compared by CPU.
    for feeds, cycle in ((large, "unchanged"), (mid, "changed"), (mid, "first")):
        field = "cpu" if cycle == "first" else "wall"
        w = _median(summary, ("watcher", feeds, cycle), field)
        r = _median(summary, ("reader", feeds, cycle), field)
        out.append(
            (
                f"{CYCLE_LABEL[cycle]}, {feeds:,} feeds: watcher "
                f"{'less CPU than' if field == 'cpu' else 'faster than'} reader",
                f"watcher/reader {field} = {ratio(w, r)} ({w or 0:.2f} s vs {r or 0:.2f} s)",
                None if w is None or r is None else w < r,
            )
        )
    for cycle, label in (("changed", "10% changed"), ("first", "all new")):
        w = _median(summary, ("watcher", small, cycle), "cpu")
        f = _median(summary, ("feedparser", small, cycle), "cpu")
        met = None if w is None or f is None else w <= 2 * f
        out.append(
            (
                f"{label} cycle CPU within 2x feedparser, {small:,} feeds",
                f"watcher CPU / feedparser CPU = {ratio(w, f)} ({w or 0:.2f} s vs {f or 0:.2f} s)",
                met,
            )
        )
    peaks = [s["rss"] for (name, n, _), s in summary.items() if name == "watcher" and n == large]
    if peaks:
        out.append(
            (
                f"peak RSS < 100 MB at {large:,} feeds",
                f"{max(peaks):.0f} MB over watcher's cycles",
                max(peaks) < 100,
            )
        )
    if match_rows:
        checks = statistics.median(match_rows[0]["checks_per_s"])
        out.append(
            (
                "matching >= 1M entry-question checks/s (50 x 5)",
                f"{checks:,.0f} /s",
                checks >= 1_000_000,
            )
        )
    return out


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown memory"
    return (
        f"{os.cpu_count()} CPUs ({model}), {memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("feedparser", "httpx", "sqlalchemy", "reader"):
        try:
            out.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            out.append(f"{name} missing")
    nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True, check=False)
    out.append(nginx.stderr.strip().replace("nginx version: ", ""))
    return ", ".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 and 1,000 feeds, fewer runs")
    parser.add_argument("--scales", help="comma-separated feed counts (default 1000,5000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=8, help="watcher's and reader's")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-reader", action="store_true")
    parser.add_argument("--no-cycles", action="store_true")
    parser.add_argument("--match-entries", type=int, help="default 100,000 (quick: 30,000)")
    parser.add_argument("--parse-feeds", type=int, help="default 60 (quick: 40)")
    parser.add_argument("--systems", help="only these, e.g. watcher,reader (default: all)")
    parser.add_argument(
        "--cycles-only", action="store_true", help="skip the fetch, matching and parse tables"
    )
    parser.add_argument("--json", type=Path, help="also write every raw figure here")
    args = parser.parse_args(argv)
    scales = sorted(
        int(s) for s in (args.scales or ("200,1000" if args.quick else "1000,5000")).split(",")
    )
    started = time.perf_counter()
    print(f"watcher benchmarks, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    print(
        f"command: {' '.join([Path(sys.executable).name, '-m', 'benchmarks.run', *sys.argv[1:]])}"
    )

    rows: list[dict[str, Any]] = []
    fetch_rows: list[dict[str, Any]] = []
    if not args.no_cycles:
        if args.no_reader:
            reader_ok = False
        else:
            try:
                import reader  # noqa: F401
            except ImportError as exc:
                print(f"reader skipped: {exc} (pip install -e '.[bench]')")
                reader_ok = False
            else:
                reader_ok = True
        pg_reason = "--no-postgres" if args.no_postgres else postgres_reason()
        if pg_reason:
            print(f"PostgreSQL skipped: {pg_reason}")
        corpus = Corpus(seed=args.seed, feeds=scales[-1])
        with tempfile.TemporaryDirectory(prefix="watcher-bench-corpus-") as tmp:
            folder = Path(tmp)
            t0 = time.perf_counter()
            size = corpus.write(folder)
            print(
                f"corpus: {scales[-1]:,} feeds, {size / 1e6:,.0f} MB "
                f"({size / scales[-1] / 1000:.0f} KB and "
                f"{corpus.entries_in(range(scales[-1])) / scales[-1]:.0f} items per feed on "
                f"average; one in 6 Atom), seed {args.seed}, written in "
                f"{time.perf_counter() - t0:.0f} s"
            )
            with Nginx(folder) as server:
                print(f"versions: {versions()}")
                print(
                    f"nginx at {server.base}; concurrency {args.concurrency} (reader workers too)"
                )
                every = plans(scales, args.quick, pg_reason is None, reader_ok)
                if args.systems:
                    every = [p for p in every if p.system in args.systems.split(",")]
                for feeds in scales:
                    for group in groups([p for p in every if p.feeds == feeds]):
                        rows += run_group(group, corpus, folder, server.base, args)
                if args.json:
                    args.json.write_text(json.dumps({"cycles": rows}, indent=1))
                summary = summarize(rows)
                for feeds in scales:
                    print_cycles(summary, feeds)
                print(
                    "* first cycles run two systems at a time (one per core; watcher ∥ reader, "
                    "watcher-pg ∥ feedparser): CPU s is the system's own, wall s is shared"
                )
                print_stages(summary)
                print_memory(summary)
                if not args.cycles_only:
                    fetch_rows = fetchcost.run(
                        server.base, scales[0], 3, args.concurrency, seed=args.seed
                    )
                    fetchcost.print_table(fetch_rows, scales[0])
    else:
        summary = {}

    match_rows: list[dict[str, Any]] = []
    parse: dict[str, Any] = {}
    if not args.cycles_only:
        match_rows = matching.run(args.match_entries or (30_000 if args.quick else 100_000), 3)
        matching.print_table(match_rows)
        parse = parsecost.run(
            args.parse_feeds or (40 if args.quick else 60), 2 if args.quick else 3
        )
        parsecost.print_table(parse)

    if summary:
        print("\ntargets")
        for label, detail, met in targets(summary, scales, match_rows):
            if met is None:
                continue  # a system it needs did not run
            mark = "met" if met else "NOT met"
            print(f"  {mark:<8}{label}: {detail}")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"cycles": rows, "fetch": fetch_rows, "matching": match_rows, "parse": parse},
                indent=1,
            )
        )


if __name__ == "__main__":
    main()

"""One system's poll cycles over the served corpus, in a process of its own.

    python -m benchmarks.cycles SYSTEM --feeds N --base URL --corpus DIR [...]

SYSTEM is ``watcher`` (SQLite), ``watcher-pg`` (PostgreSQL, a fresh schema),
``reader`` (lemon24/reader's ``update_feeds``) or ``feedparser`` (a naive
sequential ``feedparser.parse(url)`` loop). ``benchmarks.run`` starts one such
process per system and scale, so peak RSS is the system's own, and reads one
JSON object per cycle from its stdout:

* ``first`` (``--first-runs`` times, each on an empty database): every feed is
  new, every body is fetched and parsed;
* ``unchanged`` (``--unchanged-runs``): every feed answers 304;
* ``changed`` (``--changed-runs``): round r rewrites 10% of the files (a few
  new items each) before the cycle; the rewrite is not timed.

Wall time is ``perf_counter``; CPU is this process's user+system time from
``getrusage`` (every thread); ``rss_mb`` is the peak RSS so far, ``cycle_peak_mb``
the peak within the cycle (VmHWM, started over at the cycle's start) and
``start_rss_mb`` the RSS when it started (for the first cycle: the imports
and the opened app, before any poll). For
``feedparser`` the changed rounds time ``feedparser.parse(bytes)`` on the
changed bodies alone: the parse cost a changed cycle cannot avoid.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import yaml

from benchmarks.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgresql://postgres@127.0.0.1:5432/test"


class Meter:
    """Wall, CPU and resident memory around one cycle."""

    def __enter__(self) -> Meter:
        self.start_rss = _status_mb("VmRSS")
        _restart_peak()
        self._wall = time.perf_counter()
        self._cpu = _cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = _cpu() - self._cpu
        self.peak = _status_mb("VmHWM")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _status_mb(field: str) -> float | None:
    """A line of /proc/self/status (VmRSS, VmHWM) in MB; None off Linux."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _restart_peak() -> None:
    """Start VmHWM over from the current RSS (Linux 4.0+), so that a cycle's
    own peak can be read; ``ru_maxrss`` only ever grows."""
    with suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def pause(args: argparse.Namespace) -> None:
    """With ``--pause-after-first``: say so, and wait for a line on stdin. The
    runner lets two systems do their (long) first cycles side by side, one per
    core, then the timed comparisons one at a time."""
    if args.pause_after_first:
        print(json.dumps({"cycle": "paused"}), flush=True)
        sys.stdin.readline()


class Stages:
    """CPU seconds (per thread) inside watcher's pipeline stages, per cycle.

    Wraps ``watcher.poll``'s module globals in this process only: ``claim_due``
    (the claim transaction's query), ``_read`` (worker threads) and
    ``commit`` (the event-loop thread). The rest of the cycle's CPU is fetching
    and the event loop."""

    NAMES = ("claim", "read", "commit")

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(self.NAMES, 0.0)
        self._lock = threading.Lock()

    def install(self) -> None:
        import watcher.poll as poll
        import watcher.store.feeds as feed_rows

        feed_rows.claim_due = self._wrap("claim", feed_rows.claim_due)  # type: ignore[assignment]
        poll._read = self._wrap("read", poll._read)  # type: ignore[assignment]
        poll.commit = self._wrap("commit", poll.commit)  # type: ignore[assignment]

    def _wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent = time.thread_time() - started
                with self._lock:
                    self.seconds[name] += spent

        return timed

    def take(self) -> dict[str, float]:
        with self._lock:
            out, self.seconds = self.seconds, dict.fromkeys(self.NAMES, 0.0)
        return out


def emit(system: str, feeds: int, cycle: str, run: int, meter: Meter, **counts: Any) -> None:
    row = {
        "system": system,
        "feeds": feeds,
        "cycle": cycle,
        "run": run,
        "wall": meter.wall,
        "cpu": meter.cpu,
        "rss_mb": _rss_mb(),
        "cycle_peak_mb": meter.peak,
        "start_rss_mb": meter.start_rss,
        **counts,
    }
    print(json.dumps(row), flush=True)


def change(args: argparse.Namespace, corpus: Corpus, round_: int) -> list[int]:
    """``Corpus.change`` in a child process: rendering and compressing 10% of
    the feeds in the measured one left ~6 MB it had freed resident, and the
    changed cycle's peak counted them as the system's."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from benchmarks.corpus import Corpus\n"
        "seed, feeds, items, round_, n = (None if a == '-' else int(a) for a in sys.argv[2:])\n"
        "Corpus(seed=seed, feeds=feeds, items=items).change(Path(sys.argv[1]), round_, n)\n"
    )
    given = (corpus.seed, corpus.feeds, corpus.small, round_, args.feeds)
    subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(args.corpus),
            *("-" if a is None else str(a) for a in given),
        ],
        cwd=ROOT,
        check=True,
    )
    return corpus.changed_in(round_, args.feeds)


# -- watcher ---------------------------------------------------------------------------


def watcher_config(
    corpus: Corpus, base: str, feeds: int, database: str, folder: Path, concurrency: int
) -> Any:
    from watcher.config import config_from_mapping

    data = yaml.safe_load((ROOT / "feeds.yaml").read_text())
    # The shipped subject's Google News search is not part of the corpus.
    data["subjects"] = [{k: v for k, v in s.items() if k != "search"} for s in data["subjects"]]
    data["database"] = database
    data["notify"] = []
    # Every feed is on one host here; per_host would otherwise be the bound.
    data["poll"] = {**data.get("poll", {}), "concurrency": concurrency, "per_host": concurrency}
    data["feeds"] = [{"name": f"feed-{i:05d}", "url": corpus.url(base, i)} for i in range(feeds)]
    return config_from_mapping(data, path=folder / "feeds.yaml", environ={})


@contextmanager
def pg_schema(tag: str) -> Iterator[str]:
    """A SQLAlchemy URL on a fresh PostgreSQL schema, dropped afterwards."""
    import psycopg

    schema = f"bench_{tag}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield (
            f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
        )
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@contextmanager
def database(system: str, folder: Path, run: int) -> Iterator[str]:
    if system == "watcher-pg":
        import os

        with pg_schema(f"{os.getpid()}_{run}") as url:
            yield url
    else:
        path = folder / f"watcher-{run}.db"
        yield f"sqlite:///{path}"


def run_watcher(args: argparse.Namespace, corpus: Corpus) -> None:
    from watcher.app import open_app
    from watcher.daemon.malloc import freeze_long_lived, limit_fragmentation, release_free_memory
    from watcher.poll import poll_feeds

    # As `watcher run` does before its first poll.
    limit_fragmentation()
    n = args.feeds
    stages = Stages()
    stages.install()
    with tempfile.TemporaryDirectory(prefix="watcher-bench-") as tmp:
        folder = Path(tmp)

        def cycle(app: Any, name: str, run: int, seen: int) -> None:
            stages.take()
            profile = args.profile and name == args.profile_cycle and run == 0
            profiler = cProfile.Profile() if profile else None
            with Meter() as meter:
                if profiler:
                    profiler.enable()
                report = asyncio.run(
                    poll_feeds(
                        app.store,
                        app.config,
                        app.matcher,
                        owner=app.owner,
                        now=app.now,
                        include_not_due=True,
                    )
                )
                if profiler:
                    profiler.disable()
                    profiler.dump_stats(args.profile)
            # As the daemon does after a cycle that polled feeds.
            release_free_memory()
            outcomes = [f.outcome for f in report.feeds]
            emit(
                args.system,
                n,
                name,
                run,
                meter,
                ok200=outcomes.count("ok"),
                ok304=outcomes.count("not_modified"),
                errors=report.failed,
                entries_seen=seen,
                rows=report.new_entries + report.updated_entries + report.matches,
                new=report.new_entries,
                matches=report.matches,
                events=report.events,
                stages=stages.take(),
            )

        for run in range(args.first_runs):
            last = run == args.first_runs - 1
            with database(args.system, folder, run) as url:
                config = watcher_config(corpus, args.base, n, url, folder, args.concurrency)
                with open_app(config) as app:
                    _ = app.matcher  # as `watcher run` does before its first poll
                    freeze_long_lived()
                    cycle(app, "first", run, corpus.entries_in(range(n)))
                    if not last:
                        continue
                    pause(args)
                    for r in range(args.unchanged_runs):
                        cycle(app, "unchanged", r, 0)
                    for r in range(1, args.changed_runs + 1):
                        changed = change(args, corpus, r)
                        cycle(app, "changed", r, corpus.entries_in(changed))


# -- reader ----------------------------------------------------------------------------


def run_reader(args: argparse.Namespace, corpus: Corpus) -> None:
    from reader import UpdateError, make_reader

    n = args.feeds
    urls = [corpus.url(args.base, i) for i in range(n)]
    with tempfile.TemporaryDirectory(prefix="watcher-bench-reader-") as tmp:

        def cycle(reader: Any, name: str, run: int, seen: int) -> None:
            with Meter() as meter:
                results = list(reader.update_feeds_iter(workers=args.concurrency, scheduled=False))
            updated = [r.value for r in results if r.value is not None]
            errors = [v for v in updated if isinstance(v, UpdateError)]
            good = [v for v in updated if not isinstance(v, UpdateError)]
            if errors:
                print(f"reader: {len(errors)} errors, first: {errors[0]!r}", file=sys.stderr)
            new = sum(v.new for v in good)
            emit(
                "reader",
                n,
                name,
                run,
                meter,
                ok200=len(good),
                ok304=sum(r.value is None for r in results),
                errors=len(errors),
                entries_seen=seen,
                rows=new + sum(v.modified for v in good),
                new=new,
                matches=None,
                events=None,
            )

        for run in range(args.first_runs):
            reader = make_reader(str(Path(tmp) / f"reader-{run}.sqlite"), search_enabled=False)
            try:
                for url in urls:
                    reader.add_feed(url, exist_ok=True)
                cycle(reader, "first", run, corpus.entries_in(range(n)))
                if run < args.first_runs - 1:
                    continue
                pause(args)
                for r in range(args.unchanged_runs):
                    cycle(reader, "unchanged", r, 0)
                for r in range(1, args.changed_runs + 1):
                    changed = change(args, corpus, r)
                    cycle(reader, "changed", r, corpus.entries_in(changed))
            finally:
                reader.close()


# -- a naive feedparser loop -----------------------------------------------------------


def run_feedparser(args: argparse.Namespace, corpus: Corpus) -> None:
    import feedparser

    n = args.feeds
    for run in range(args.first_runs):
        entries = 0
        with Meter() as meter:
            for i in range(n):
                entries += len(feedparser.parse(corpus.url(args.base, i)).entries)
        emit("feedparser", n, "first", run, meter, ok200=n, entries_seen=entries)
    pause(args)
    for r in range(1, args.changed_runs + 1):
        changed = change(args, corpus, r)
        bodies = [corpus.path(args.corpus, i).read_bytes() for i in changed]
        entries = 0
        with Meter() as meter:
            for body in bodies:
                entries += len(feedparser.parse(body).entries)
        emit("feedparser", n, "changed", r, meter, ok200=len(bodies), entries_seen=entries)


RUNNERS: dict[str, Callable[[argparse.Namespace, Corpus], None]] = {
    "watcher": run_watcher,
    "watcher-pg": run_watcher,
    "reader": run_reader,
    "feedparser": run_feedparser,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("system", choices=sorted(RUNNERS))
    parser.add_argument("--feeds", type=int, required=True)
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--items", type=int, help="a small corpus: this many short items a feed")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--first-runs", type=int, default=1)
    parser.add_argument("--unchanged-runs", type=int, default=3)
    parser.add_argument("--changed-runs", type=int, default=3)
    parser.add_argument("--pause-after-first", action="store_true")
    parser.add_argument("--profile", help="write cProfile stats of watcher's first such cycle here")
    parser.add_argument(
        "--profile-cycle", default="unchanged", choices=("first", "unchanged", "changed")
    )
    args = parser.parse_args(argv)
    corpus = Corpus(seed=args.seed, feeds=args.feeds, items=args.items)
    RUNNERS[args.system](args, corpus)


if __name__ == "__main__":
    main()

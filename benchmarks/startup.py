"""What a CLI call costs before it does anything: wall time of short commands,
this tree against an earlier revision, run side by side (alternating, so both
see the same machine), and where the import time goes (``python -X importtime``).

::

    .venv/bin/python -m benchmarks.startup [--baseline REV] [--runs 15]

The baseline's package is taken from git (``git archive REV watcher``) and run
with this environment's dependencies, from a folder outside the checkout so
neither copy shadows the other. Each reads its own shipped feeds.yaml with a
small database of its own, migrated once beforehand.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = (("--help",), ("questions", "--json"), ("feeds", "--json"))
# The import figures' top lines: the package's own roots and the big dependencies.
SHOWN = (
    "watcher.cli",
    "watcher.queries",
    "sqlalchemy",
    "sqlalchemy.orm",
    "alembic",
    "pydantic",
    "httpx",
    "apprise",
    "feedparser",
    "watcher.match",
    "click",
)


def checkout(rev: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "watcher"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def runner(package_root: Path) -> list[str]:
    """A command line that runs the CLI of the package under ``package_root``."""
    code = (
        f"import sys; sys.path.insert(0, {str(package_root)!r}); "
        "from watcher.cli import main; sys.argv[0] = 'watcher'; main()"
    )
    return [sys.executable, "-c", code]


def timed(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def import_times(argv: list[str], cwd: Path) -> dict[str, int]:
    """Cumulative import µs of each module, from ``-X importtime``."""
    done = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]], cwd=cwd, capture_output=True, text=True
    )
    found: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
        found.setdefault(name, int(cumulative))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="495528a", help="git revision to compare with")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="watcher-startup-") as tmp:
        work = Path(tmp)
        trees = {
            "this tree": ROOT,
            f"baseline {args.baseline}": checkout(args.baseline, work / "baseline"),
        }
        # Each revision reads its own shipped feeds.yaml (an older one may not
        # know a newer key), with a database of its own.
        configs = {}
        for number, (name, tree) in enumerate(trees.items()):
            shipped = (
                subprocess.run(
                    ["git", "-C", str(ROOT), "show", f"{args.baseline}:feeds.yaml"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                if tree != ROOT
                else (ROOT / "feeds.yaml").read_text(encoding="utf-8")
            )
            configs[name] = work / f"feeds-{number}.yaml"
            configs[name].write_text(
                shipped.replace("sqlite:///state/watcher.db", f"sqlite:///{work / f'{number}.db'}"),
                encoding="utf-8",
            )
            # Migrated once, as a daemon's first start does.
            subprocess.run(
                [*runner(tree), "--config", str(configs[name]), "questions"],
                cwd=work,
                capture_output=True,
                check=True,
            )
        print(f"wall seconds per call, {args.runs} runs each, alternating (median [min-max])")
        print(f"{'command':<22}" + "".join(f"{name:>26}" for name in trees) + f"{'ratio':>8}")
        for command in COMMANDS:
            samples: dict[str, list[float]] = {name: [] for name in trees}
            for _ in range(args.runs):
                for name, tree in trees.items():
                    argv = [*runner(tree), "--config", str(configs[name]), *command]
                    samples[name].append(timed(argv, work))
            medians = [statistics.median(s) for s in samples.values()]
            cells = "".join(
                f"{statistics.median(s):>12.3f} [{min(s):.3f}-{max(s):.3f}]"
                for s in samples.values()
            )
            print(f"{' '.join(command):<22}{cells}{medians[0] / medians[1]:>8.2f}")
        print("\n`questions --json`: cumulative import ms (python -X importtime)")
        figures = {
            name: import_times(
                [*runner(tree), "--config", str(configs[name]), "questions", "--json"], work
            )
            for name, tree in trees.items()
        }
        print(f"{'module':<22}" + "".join(f"{name:>26}" for name in trees))
        for module in SHOWN:
            cells = "".join(
                f"{figures[name][module] / 1000:>26.0f}"
                if module in figures[name]
                else f"{'-':>26}"
                for name in trees
            )
            print(f"{module:<22}{cells}")


if __name__ == "__main__":
    main()

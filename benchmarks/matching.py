"""Matching throughput: ``Matcher.match`` over generated entries, no parser, no I/O.

    .venv/bin/python -m benchmarks.matching [--entries 100000] [--runs 3]

Entries come from the benchmark corpus as plain text (title, paragraphs, an
image), about 2 KB each; ~1% name the shipped subject and ~2% one of the 50
generated ones. Figures are entry-question checks per second (entries ×
questions ÷ CPU seconds inside ``match``), with the median of several runs.

Three configurations:

* ``50 × 5``: the generated subjects, five questions each (the target:
  ≥ 1M checks/s);
* ``shipped 1 × 3``: feeds.yaml's Ballerina;
* ``50 × 5, shared alias word``: the same subjects, each with an alias
  "Project <Word> <n>", so one telling word ("project") stands for all 50:
  the prefilter's worst case.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from benchmarks.corpus import Corpus, subject_configs
from watcher.config import SubjectConfig
from watcher.match import Matcher
from watcher.types import Entry

ROOT = Path(__file__).resolve().parent.parent
# Entries built at a time: 100k entries at once would hold ~400 MB of text.
CHUNK = 5_000


def subjects(kind: str, corpus: Corpus) -> list[SubjectConfig]:
    if kind == "shipped":
        data = yaml.safe_load((ROOT / "feeds.yaml").read_text())
        return [SubjectConfig.model_validate(s) for s in data["subjects"]]
    mappings: list[dict[str, Any]] = subject_configs(corpus.extras)
    if kind == "shared-word":
        mappings = [
            {**s, "aliases": [f"Project {s['name'].split()[-1]} {i}"]}
            for i, s in enumerate(mappings)
        ]
    return [SubjectConfig.model_validate(s) for s in mappings]


def entries(corpus: Corpus, count: int) -> Iterator[list[Entry]]:
    chunk: list[Entry] = []
    for _, item in corpus.plain_items(count):
        chunk.append(
            Entry(
                identity=item.guid,
                link=item.link,
                title=item.title,
                text=item.text,
                published=item.published,
                images=(item.image,),
                content_hash="",
            )
        )
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def measure(
    corpus: Corpus, configs: Sequence[tuple[str, Matcher, int]], count: int, runs: int
) -> dict[str, dict[str, Any]]:
    """Per configuration: CPU seconds of each run and the matches found. Each
    chunk of entries is built once and matched ``runs`` times by every matcher
    whose entry budget (the third field) it is within."""
    seconds = {label: [0.0] * runs for label, _, _ in configs}
    found = dict.fromkeys(seconds, 0)
    done = 0
    for chunk in entries(corpus, count):
        done += len(chunk)
        for label, matcher, budget in configs:
            if done > budget:
                continue
            for run in range(runs):
                started = time.process_time()
                hits = sum(len(matcher.match(entry)) for entry in chunk)
                seconds[label][run] += time.process_time() - started
                if run == 0:
                    found[label] += hits
    return {label: {"seconds": seconds[label], "matches": found[label]} for label in seconds}


def run(entries_count: int, runs: int, seed: int = 1) -> list[dict[str, Any]]:
    corpus = Corpus(seed=seed, feeds=5000)
    configs: list[tuple[str, Matcher, int, int]] = []
    # The worst case is slow: a fifth of the entries are enough to show it.
    for label, kind, budget in (
        ("50 × 5", "extra", entries_count),
        ("shipped 1 × 3", "shipped", entries_count),
        ("50 × 5, shared alias word", "shared-word", max(CHUNK, entries_count // 5)),
    ):
        subs = subjects(kind, corpus)
        questions = sum(len(s.questions) for s in subs)
        configs.append((label, Matcher(subs), questions, min(budget, entries_count)))
    results = measure(corpus, [(lb, m, b) for lb, m, _, b in configs], entries_count, runs)
    rows = []
    for label, _, questions, count in configs:
        secs = results[label]["seconds"]
        rows.append(
            {
                "config": label,
                "entries": count,
                "questions": questions,
                "matches": results[label]["matches"],
                "seconds": secs,
                "checks_per_s": [count * questions / s for s in secs],
                "entries_per_s": [count / s for s in secs],
            }
        )
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    print("\nmatching: entry-question checks per CPU second inside Matcher.match")
    print(
        f"{'config':<28}{'entries':>9}{'checks/s median':>16}{'min':>12}{'max':>12}"
        f"{'entries/s':>12}{'matches/s':>11}{'matches':>9}"
    )
    for row in rows:
        checks = row["checks_per_s"]
        print(
            f"{row['config']:<28}{row['entries']:>9,}{statistics.median(checks):>16,.0f}"
            f"{min(checks):>12,.0f}{max(checks):>12,.0f}"
            f"{statistics.median(row['entries_per_s']):>12,.0f}"
            f"{row['matches'] / statistics.median(row['seconds']):>11,.0f}{row['matches']:>9,}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print_table(run(args.entries, args.runs))


if __name__ == "__main__":
    main()

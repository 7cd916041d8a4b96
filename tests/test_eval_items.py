"""End to end, as the evaluation harness sees it: extraction scored item by
item against the labelled real news items beside the project, through the
installed CLI. The bar is what the reading has reached; a change that loses
answers, or starts giving wrong ones, fails here before it ships."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.test_timelines import watcher_command

SCORER = SHARED / "eval" / "score_items.py"
ITEMS = SHARED / "eval" / "items" / "dev"
BAR = {"recall": 0.90, "precision": 0.97}
KIND_RECALL = 0.85  # every kind of question, not only the total


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_labelled_items_meet_the_bar(tmp_path: Path) -> None:
    if not SCORER.exists() or not ITEMS.is_dir():
        pytest.skip(f"the labelled items are not beside the project ({ITEMS})")
    result_file = tmp_path / "result.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--items",
            str(ITEMS),
            "--watcher",
            watcher_command(),
            "--json-out",
            str(result_file),
        ],
        capture_output=True,
        text=True,
        timeout=590,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(result_file.read_text())
    score = result["score"]
    for name, floor in BAR.items():
        assert score[name] >= floor, f"{name} {score[name]:.3f} < {floor}\n{proc.stdout}"

    kinds = {}
    for path in ITEMS.glob("*.json"):
        data = json.loads(path.read_text())
        for question in data["subject"]["questions"]:
            kinds[(data["name"], question["id"])] = question.get("kind", "date")
    labelled: dict[str, int] = defaultdict(int)
    correct: dict[str, int] = defaultdict(int)
    for file in result["files"]:
        for pair in file["pairs"]:
            if pair["label"] is not None:
                kind = kinds[(file["name"], pair["question"])]
                labelled[kind] += 1
                correct[kind] += pair["verdict"] == "ok"
    assert set(labelled) == {"date", "text", "image"}
    for kind, total in labelled.items():
        recall = correct[kind] / total
        assert recall >= KIND_RECALL, f"{kind} recall {recall:.3f} < {KIND_RECALL}\n{proc.stdout}"

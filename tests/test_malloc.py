"""The daemon's allocator settings: applied where glibc is the allocator,
never over an operator's own environment variable; and what start-up made
taken out of the cyclic collector's passes."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys

import pytest

from tests.conftest import ROOT

glibc_only = pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
    reason="mallopt is glibc's",
)


def applied(**environ: str) -> list[str]:
    """What ``limit_fragmentation`` applies in a fresh process with ``environ``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    script = (
        "import json\n"
        "from watcher.daemon.malloc import limit_fragmentation\n"
        "print(json.dumps(limit_fragmentation()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, **environ},
        capture_output=True,
        text=True,
        check=True,
    )
    result: list[str] = json.loads(done.stdout)
    return result


@glibc_only
def test_both_settings_are_applied_by_default() -> None:
    assert applied() == ["MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_"]


@glibc_only
def test_an_operators_own_setting_is_left_as_it_is() -> None:
    assert applied(MALLOC_ARENA_MAX="4") == ["MALLOC_MMAP_THRESHOLD_"]


def test_start_up_objects_are_frozen_after_the_garbage_is_collected() -> None:
    script = (
        "import gc, weakref\n"
        "from watcher.daemon.malloc import freeze_long_lived\n"
        "class Node: pass\n"
        "kept, lost = Node(), Node()\n"
        "lost.me = lost  # garbage only the cyclic collector frees\n"
        "gone = weakref.ref(lost)\n"
        "del lost\n"
        "freeze_long_lived()\n"
        "print(gone() is None, gc.get_freeze_count() > 0, gc.is_tracked(kept))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    # Collected, not frozen for good; and the rest frozen.
    assert done.stdout.split() == ["True", "True", "True"]

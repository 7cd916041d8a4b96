"""Holders of leases and claims: which of them are processes gone from this machine."""

from __future__ import annotations

import os
import subprocess
import sys

from watcher.claims import claimant, dead_claimants


def test_only_claims_of_processes_gone_from_this_machine_are_taken_over() -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    live, other = claimant("w"), claimant("w").rsplit("|", 1)[0] + "|0123456789ab"
    parent = live.replace(f"|{os.getpid()}|", f"|{os.getppid()}|")
    dead = live.replace(f"|{os.getpid()}|", f"|{gone.pid}|")
    assert dead_claimants({live, other, parent, dead, "legacy-owner"}) == {dead}

"""Who holds a feed lease or an outbox claim, and whether that process is gone.

A holder is named ``owner|pid|machine``, where machine stands for this kernel
boot and PID namespace. A process killed on this machine leaves its leases and
claims behind; since a pid names one process only here, a holder of this
machine whose pid no longer exists is dead, and its work can be taken over at
once. A holder on another machine cannot be checked: its lease runs out instead.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Collection
from pathlib import Path


@functools.cache
def _machine() -> str:
    """This kernel boot and PID namespace: a pid names one process only here."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        namespace = os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        return ""
    return hashlib.sha256(f"{boot}:{namespace}".encode()).hexdigest()[:12]


def claimant(owner: str) -> str:
    """``owner`` as this process names itself in a lease or claim (fits 100 chars)."""
    return f"{owner[:70]}|{os.getpid()}|{_machine()}"


def dead_claimants(claims: Collection[str]) -> set[str]:
    """The holders among ``claims`` that were processes on this machine and
    are gone: their leases and claims need not wait out their expiry."""
    dead = set()
    for claim in claims:
        _, _, tail = claim.partition("|")
        pid, _, machine = tail.partition("|")
        if not machine or machine != _machine() or not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            dead.add(claim)
        except OSError:
            pass  # alive, someone else's
    return dead

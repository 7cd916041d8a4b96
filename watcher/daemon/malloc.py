"""glibc's allocator, set for a process that polls for days.

A poll cycle allocates and frees the same shapes over and over: bodies of
about 150 KB, each feed's entry texts, feedparser's trees, in worker threads.
With glibc's defaults two things keep that memory resident after it is freed:

* each worker thread gets an arena of its own (up to eight per core), and free
  space in one arena serves no other;
* the threshold above which a block gets its own mapping (returned to the
  system when freed) rises to the largest block freed so far, so after the
  first large body every body is carved out of an arena and leaves a hole.

Two arenas, and a fixed 128 KiB threshold (glibc's initial value), took a
first cycle of 200 of the benchmark's feeds from 136 to 124 MB peak, for
0-7% more CPU (benchmarks/RESULTS.md, "Resident memory"). One arena took
the highest cycle at 5,000 feeds 3 MB lower, but the commit and reader
threads then wait on its lock: the 304 and changed cycles cost 25-38% more
CPU. An operator's own ``MALLOC_ARENA_MAX`` or ``MALLOC_MMAP_THRESHOLD_``
wins: glibc read it at start, and it is left as it is.

The cyclic garbage collector is told what start-up made as well (see
``freeze_long_lived``).
"""

from __future__ import annotations

import ctypes
import functools
import gc
import os
import platform

# mallopt parameters, from glibc's <malloc.h>.
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8

ARENA_MAX = 2
MMAP_THRESHOLD = 128 * 1024

_SETTINGS = (
    ("MALLOC_ARENA_MAX", M_ARENA_MAX, ARENA_MAX),
    ("MALLOC_MMAP_THRESHOLD_", M_MMAP_THRESHOLD, MMAP_THRESHOLD),
)


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None  # musl and others: mallopt and malloc_trim are absent or do nothing
    try:
        return ctypes.CDLL(None)
    except OSError:
        return None


def limit_fragmentation() -> list[str]:
    """Apply the settings above where glibc is the allocator and the
    environment does not set them; returns the names of those applied."""
    libc = _glibc()
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is None:
        return []
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return [
        name
        for name, param, value in _SETTINGS
        if name not in os.environ and mallopt(param, value) == 1
    ]


def release_free_memory() -> bool:
    """Give the free pages inside the heap back to the system (malloc_trim),
    after a cycle: what a cycle freed otherwise stays resident until the next
    one reuses it, and between cycles the daemon mostly waits."""
    trim = getattr(_glibc(), "malloc_trim", None)
    if trim is None:
        return False
    trim.argtypes = (ctypes.c_size_t,)
    trim.restype = ctypes.c_int
    return bool(trim(0))


def freeze_long_lived() -> None:
    """Take what exists now (imports, the config, the compiled matcher, the
    app) out of the cyclic collector's passes, after collecting what is
    already garbage. It lives as long as the daemon, and each full pass would
    walk it again: the config alone is a handful of objects per feed (see
    benchmarks/RESULTS.md for what it measured to). ``gc.unfreeze`` undoes it."""
    gc.collect()
    gc.freeze()

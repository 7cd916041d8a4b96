"""watcher: a release-watch daemon for trade-press feeds."""

import sys

__version__ = "0.1.0"

# httpx imports its command-line client (click, rich and pygments: about 6 MB
# resident) whenever those are installed, as watcher's CLI has them; a None
# entry makes that optional import fail, as it does without them, before any
# module imports httpx. watcher never runs httpx's CLI.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

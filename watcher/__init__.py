"""watcher: a release-watch daemon for trade-press feeds."""

__version__ = "0.1.0"

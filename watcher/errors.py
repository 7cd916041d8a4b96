"""The one exception tree of watcher.

::

    WatcherError                 root; never raised itself
    ├── ConfigError              feeds.yaml is unreadable or invalid (CLI: exit 2)
    ├── StoreError               the database cannot be opened, migrated or written
    ├── FeedParseError           a fetched document is not a usable feed
    └── NotifyError              a notification target is misconfigured

Remote faults while fetching are *not* exceptions: ``fetch`` returns them as
values (``FetchResult.error``) so one bad feed never unwinds a poll cycle.
"""

from __future__ import annotations


class WatcherError(Exception):
    """Root of every error watcher raises on purpose."""


class ConfigError(WatcherError):
    """An invalid configuration: names the file, the key path and the fix."""

    def __init__(self, path: str, key: str | None, message: str, hint: str | None = None) -> None:
        self.path = path
        self.key = key
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: {self.key}" if self.key else self.path
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class StoreError(WatcherError):
    """The database could not be reached, migrated or written."""


class FeedParseError(WatcherError):
    """A fetched body is not a feed watcher can use; ``str()`` is the short reason."""


class NotifyError(WatcherError):
    """A notification target is unusable (bad apprise URL, unknown tag)."""

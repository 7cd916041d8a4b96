"""The extractors behind ``watcher.match``."""

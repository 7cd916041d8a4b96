"""Reading feeds.yaml: bounded in size, parsed in linear time.

A feeds.yaml of 200,000 feeds (17 MB) took 286 s and 900 MB to ``check``:
PyYAML's pure-Python loader builds a node graph of the whole document first.
So the file is read only up to ``MAX_CONFIG_BYTES`` (a clear error past it),
and parsed with libyaml's loader where PyYAML was built with it (a quarter of
the time and far less memory, same YAML 1.1 rules); ``benchmarks/configload.py``
measures both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from watcher.errors import ConfigError

# About 45,000 feeds written one key a line: far past any real watch list, and
# loaded in a few seconds at most.
MAX_CONFIG_BYTES = 4 * 1024 * 1024

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_config_text(path: Path) -> str:
    """The text of ``path``, refused past ``MAX_CONFIG_BYTES`` before it is all
    read (a FIFO or /dev/zero as well as a huge file). ``OSError`` and
    ``UnicodeDecodeError`` go to the caller."""
    with path.open("rb") as handle:
        data = handle.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        limit = MAX_CONFIG_BYTES // (1024 * 1024)
        raise ConfigError(
            str(path),
            None,
            f"larger than the {limit} MiB a configuration may be",
            f"keep feeds.yaml under {limit} MiB: list fewer feeds, or split them "
            "between several watchers",
        )
    return data.decode("utf-8")


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` of ``text``, with libyaml when it is there."""
    return yaml.load(text, Loader=_LOADER)

"""Reading feeds.yaml: bounded in size, parsed in linear time, strictly.

A feeds.yaml of 200,000 feeds (17 MB) took 286 s and 900 MB to ``check``:
PyYAML's pure-Python loader builds a node graph of the whole document first.
So the file is read only up to ``MAX_CONFIG_BYTES`` (a clear error past it),
and parsed with libyaml's loader where PyYAML was built with it (a quarter of
the time and far less memory, same YAML 1.1 rules); ``benchmarks/configload.py``
measures both. A duplicate key is an error naming both lines (a plain load
lets the last one win silently), and so is an empty file.

PyYAML reads; ``feedlist.py`` edits with ruamel.yaml, which keeps the comments
and layout of a file it writes back. Each does what the other cannot: ruamel
has no C loader (its pure-Python load of a large file costs what PyYAML's did
before), and PyYAML drops comments on a round trip.
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


def read_yaml(path: Path, text: str) -> dict[str, Any]:
    """The file's top-level mapping, refusing a duplicate key and an empty file."""
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_duplicates(path, node, "")
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(
            str(path), where, f"not valid YAML: {problem}", "check indentation and quoting there"
        ) from None
    finally:
        loader.dispose()
    if data is None or data == {}:
        raise ConfigError(
            str(path),
            None,
            "is empty: no feeds and nothing to look for",
            "start from the shipped feeds.yaml (feeds:, subjects: with their questions)",
        )
    if not isinstance(data, dict):
        raise ConfigError(str(path), None, "the top level must be a mapping", "start with `feeds:`")
    return data


def _refuse_duplicates(path: Path, node: yaml.Node, where: str) -> None:
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _refuse_duplicates(path, item, f"{where}[{i}]")
    if not isinstance(node, yaml.MappingNode):
        return
    seen: dict[str, int] = {}
    for key, value in node.value:
        name = str(key.value)
        key_path = f"{where}.{name}" if where else name
        line = key.start_mark.line + 1
        if name in seen:
            raise ConfigError(
                str(path),
                key_path,
                f"appears twice (lines {seen[name]} and {line}); only one can count",
                "keep one of them",
            )
        seen[name] = line
        _refuse_duplicates(path, value, key_path)

"""feeds.yaml is read bounded and parsed in linear time."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from watcher.config import load_config
from watcher.configfile import MAX_CONFIG_BYTES, read_yaml
from watcher.errors import ConfigError

FEED = "  - name: Feed {n}\n    url: https://feeds.example/{n}/rss\n"


def test_a_config_over_the_limit_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    head = "feeds:\n" + "".join(FEED.format(n=n) for n in range(3))
    # Padded with a comment: cheap to parse, so only the size can refuse it.
    path.write_text(head + "#" * (MAX_CONFIG_BYTES - len(head)) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(path, environ={})
    message = str(refused.value)
    assert message.startswith(f"{path}: larger than the 4 MiB a configuration may be")
    assert "keep feeds.yaml under 4 MiB" in message


def test_a_config_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    head = "feeds:\n" + "".join(FEED.format(n=n) for n in range(3))
    path.write_text(head + "#" * (MAX_CONFIG_BYTES - len(head) - 1) + "\n", encoding="utf-8")
    assert [f.name for f in load_config(path, environ={}).feeds] == [
        "Feed 0",
        "Feed 1",
        "Feed 2",
    ]


def test_read_yaml_reads_what_safe_load_reads() -> None:
    text = "a: 1\nb: [yes, '2', 3.5, null]\nc: {d: 2025-06-06, e: [{f: 1}]}\n"
    assert read_yaml(Path("feeds.yaml"), text) == yaml.safe_load(text)


def test_read_yaml_refuses_a_key_written_twice_naming_both_lines() -> None:
    with pytest.raises(ConfigError, match=r"feeds\[0\]\.url: appears twice \(lines 2 and 3\)"):
        read_yaml(
            Path("feeds.yaml"), "feeds:\n  - url: https://a.example/\n    url: https://b.example/\n"
        )

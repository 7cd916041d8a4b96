"""The design's layering, checked: the pure core never reaches the edges, and
the CLI loads only what a command uses (reader's test_lazy_imports does the
same), so a read command does not pay for the network stack or the parser."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "watcher"
# The edges: storage, delivery, the network, the scheduler, the CLI.
EDGES = (
    "sqlalchemy",
    "alembic",
    "httpx",
    "httpcore",
    "aiohttp",
    "apprise",
    "apscheduler",
    "prometheus_client",
    "click",
    "rich",
    "watcher.store",
    "watcher.notify",
    "watcher.fetch",
    "watcher.transport",
    "watcher.poll",
    "watcher.daemon",
    "watcher.cli",
    "watcher.app",
)
# What each pure module may not import, directly or lazily (DESIGN.md: "parse,
# match and knowledge are pure and tested without a network or a database").
CORE = {
    "watcher/types.py": (*EDGES, "feedparser", "watcher.parse", "watcher.match", "watcher.extract"),
    **{str(path.relative_to(ROOT)): EDGES for path in (PACKAGE / "parse").glob("*.py")},
    "watcher/match.py": (*EDGES, "feedparser", "watcher.parse"),
    "watcher/knowledge.py": (*EDGES, "feedparser", "watcher.parse", "watcher.match"),
    "watcher/message.py": (*EDGES, "feedparser", "watcher.parse", "watcher.match"),
    "watcher/outlets.py": EDGES,
    # The read model is fed stored rows: it may know their types, never the
    # network, delivery or the poll.
    "watcher/views.py": tuple(e for e in EDGES if e not in ("sqlalchemy", "watcher.store")),
    **{
        str(path.relative_to(ROOT)): (*EDGES, "feedparser", "watcher.parse", "watcher.match")
        for path in (PACKAGE / "extract").rglob("*.py")
    },
}


def imported_names(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (not the
    names it imports only for type checking)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            node.body = []
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("module", sorted(CORE))
def test_the_pure_core_never_imports_an_edge(module: str) -> None:
    forbidden = CORE[module]
    found = {
        name
        for name in imported_names(ROOT / module)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    }
    assert not found, f"{module} imports {sorted(found)}"


def loaded_by(*argv: str, cwd: Path) -> set[str]:
    """The modules a CLI invocation has loaded by the time it exits (a None
    entry in ``sys.modules`` is an import refused, not a module)."""
    script = (
        "import json, sys\n"
        "from watcher.cli import cli\n"
        "try:\n"
        "    cli(args=sys.argv[1:], prog_name='watcher', standalone_mode=False)\n"
        "finally:\n"
        "    loaded = sorted(k for k, v in sys.modules.items() if v is not None)\n"
        "    print(json.dumps(loaded), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *argv], cwd=cwd, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


# The network and delivery stacks, the feed parser, migrations, the scheduler and
# the compiled extractor (its lexicon and every reading rule).
HEAVY = (
    "apprise",
    "httpx",
    "aiohttp",
    "feedparser",
    "alembic",
    "apscheduler",
    "watcher.match",
    "watcher.extract.lexicon",
)


@pytest.mark.parametrize("argv", [("--help",), ("questions", "--json")])
def test_help_and_a_read_command_load_no_network_stack_parser_or_extractor(
    argv: tuple[str, ...], tmp_path: Path
) -> None:
    config = tmp_path / "feeds.yaml"
    config.write_text(
        "database: sqlite:///w.db\nfeeds: []\nsubjects:\n"
        "  - {id: film, name: Film, questions: [{id: release-date, kind: date}]}\n"
    )
    if argv != ("--help",):
        # The database exists and is at the newest revision, as it is after the
        # daemon's first start.
        subprocess.run(
            [sys.executable, "-m", "watcher", "--config", str(config), "questions"],
            cwd=tmp_path,
            capture_output=True,
            check=True,
        )
    loaded = loaded_by("--config", str(config), *argv, cwd=tmp_path)
    heavy = sorted(m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == []
    if argv == ("--help",):
        assert "sqlalchemy" not in loaded


def test_the_newest_migration_is_the_one_its_file_name_says() -> None:
    """``upgrade`` skips Alembic when the database is at ``newest_revision``:
    that shortcut holds only while each migration file is named after its
    revision."""
    from alembic.script import ScriptDirectory

    from watcher.store.engine import MIGRATIONS, newest_revision

    script = ScriptDirectory(str(MIGRATIONS))
    assert newest_revision() == script.get_current_head()
    for revision in script.walk_revisions():
        assert Path(revision.path).name.startswith(f"{revision.revision}_")


# Resident for the daemon's whole life once imported, and needed only now and
# then or never: the article-page extractor (only when a page is read),
# migrations (only when the schema is behind), httpx's own command-line
# client (click, rich and pygments, about 6 MB; see watcher/__init__.py) and
# SQLAlchemy's ORM (the store is written in Core; 5.6 MB).
NOT_AT_DAEMON_START = (
    "trafilatura",
    "lxml",
    "alembic",
    "mako",
    "httpx._main",
    "pygments",
    "sqlalchemy.orm",
)


def test_the_daemon_and_the_poll_import_no_page_extractor_migrations_httpx_cli_or_orm() -> None:
    script = (
        "import json, sys\n"
        "import watcher.cli.daemon, watcher.daemon.scheduler, watcher.daemon.service\n"
        "import watcher.poll, watcher.notify\n"
        "print(json.dumps(sorted(k for k, v in sys.modules.items() if v is not None)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stdout))
    assert "watcher.poll" in loaded
    found = sorted(
        m for m in loaded if any(m == h or m.startswith(h + ".") for h in NOT_AT_DAEMON_START)
    )
    assert found == []

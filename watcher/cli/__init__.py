"""The command line: thin click commands over the functions the daemon uses.

Exit codes: 0 success (also when some feeds failed: they are reported), 1 a
runtime failure (database unreachable), 2 a usage or configuration error.

``daemon`` holds the commands that do the work (poll, run, health, check),
``read`` those that show what was found (one ``watcher.queries`` call each),
``feeds`` the feed list, ``admin`` notification targets, exports, replays and
the database; ``common`` what they share.
"""

from __future__ import annotations

import click

from watcher import __version__
from watcher.cli import admin, daemon, feeds, read
from watcher.cli.common import State
from watcher.config import DEFAULT_CONFIG
from watcher.daemon import logs


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    envvar="WATCHER_CONFIG",
    default=DEFAULT_CONFIG,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Configuration file (env WATCHER_CONFIG).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option(
    "--log-level",
    type=click.Choice(logs.LEVELS, case_sensitive=False),
    envvar="WATCHER_LOG_LEVEL",
    help="Log level (env WATCHER_LOG_LEVEL) [default: warning; info for `run`].",
)
@click.option(
    "--log-format",
    type=click.Choice(logs.FORMATS, case_sensitive=False),
    envvar="WATCHER_LOG_FORMAT",
    default="human",
    show_default=True,
    help="human, or json: one object per line (env WATCHER_LOG_FORMAT).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.version_option(__version__, prog_name="watcher")
@click.pass_context
def cli(
    ctx: click.Context,
    config_path: str,
    verbose: int,
    log_level: str | None,
    log_format: str,
    debug: bool,
) -> None:
    """watcher: tells you when a question about an upcoming release gets an
    answer, or the answer changes.

    \b
    Example:
      watcher --config feeds.yaml poll --once
    """
    if log_level is None and verbose:
        log_level = "debug" if verbose > 1 else "info"
    logs.setup_logging(log_level and log_level.lower(), log_format.lower())
    ctx.obj = State(config_path, debug)


for command in (
    daemon.poll,
    daemon.run,
    daemon.health,
    daemon.check,
    read.questions,
    read.matches,
    read.show,
    feeds.feeds,
    read.events,
    read.outbox,
    admin.notify_group,
    admin.export_group,
    admin.backtest,
    admin.db,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="watcher")

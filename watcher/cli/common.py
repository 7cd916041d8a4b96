"""What every command shares: the state behind ``--config``, one way to fail,
the filter options and their shell completion.

Only cheap modules are imported here and at the top of the command modules: a
command imports the store, the network client or the feed parser when it runs,
so ``watcher --help`` or ``watcher questions --json`` loads none of what it does
not use (``tests/test_layering.py`` holds this).
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.shell_completion import CompletionItem
from rich.console import Console
from rich.markup import escape

from watcher import config_rules
from watcher.config import DEFAULT_CONFIG, Config, load_config
from watcher.errors import ConfigError, WatcherError
from watcher.masking import mask_text

if TYPE_CHECKING:
    from watcher.app import App

F = TypeVar("F", bound=Callable[..., Any])
err = Console(stderr=True, highlight=False, soft_wrap=True)


class State:
    def __init__(self, config_path: str, debug: bool) -> None:
        self.config_path = config_path
        self.debug = debug
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    def check_targets(self) -> None:
        """For the commands that deliver: every notify URL is usable."""
        config_rules.check_targets(self.config, os.environ)

    @contextmanager
    def app(self) -> Iterator[App]:
        from watcher.app import open_app

        with open_app(self.config) as app:
            yield app


pass_state = click.make_pass_decorator(State)


def shown(exc: BaseException) -> str:
    """An error's text fit for the console: URLs masked, and brackets taken
    literally (a URL or a file may hold "[/x]", which rich would read as markup)."""
    return escape(mask_text(str(exc)))


def handle_errors(func: F) -> F:
    """One clear line and an exit code instead of a traceback (unless --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        state = click.get_current_context().find_object(State)
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            if state and state.debug:
                raise
            err.print(f"[red]error:[/red] {shown(exc)}", markup=True, highlight=False)
            sys.exit(2)
        except WatcherError as exc:
            if state and state.debug:
                raise
            err.print(f"[red]error:[/red] {shown(exc)}", markup=True, highlight=False)
            sys.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            err.print("interrupted")
            sys.exit(130)
        except Exception as exc:  # a bug or an OS fault: one line, the traceback on --debug
            if state and state.debug:
                raise
            kind = "" if isinstance(exc, OSError) else f"internal error: {type(exc).__name__}: "
            err.print(f"[red]error:[/red] {kind}{shown(exc)} (--debug shows the traceback)")
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {escape(mask_text(message))}", markup=True, highlight=False)
    sys.exit(code)


def _completion_config(ctx: click.Context) -> Config | None:
    path = ctx.find_root().params.get("config_path") or os.environ.get("WATCHER_CONFIG")
    try:
        return load_config(path or DEFAULT_CONFIG)
    except WatcherError:
        return None


def complete(kind: str) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
    """Shell completion of feed names, subject ids or question ids from feeds.yaml."""

    def names_like(
        ctx: click.Context, _param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        config = _completion_config(ctx)
        if config is None:
            return []
        names = {
            "feed": [f.name for f in config.feeds],
            "subject": [s.id for s in config.subjects],
            "question": sorted({q.id for s in config.subjects for q in s.questions}),
        }[kind]
        return [CompletionItem(n) for n in names if n.startswith(incomplete)]

    return names_like


def known(config: Config, **filters: str | None) -> None:
    """A filter naming nothing in feeds.yaml is a usage error (exit 2), not an
    empty table that reads as "nothing found"."""
    unknown = config_rules.unknown_filter(config, **filters)
    if unknown:
        raise click.BadParameter(unknown[1], param_hint=f"'{unknown[0]}'")


def subject_option(func: F) -> F:
    return click.option(
        "--subject", shell_complete=complete("subject"), help="Only this subject id."
    )(func)


def question_option(func: F) -> F:
    return click.option(
        "--question", shell_complete=complete("question"), help="Only this question id."
    )(func)


def address(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    """``--http HOST:PORT``."""
    if not value:
        return None
    from watcher.daemon.service import parse_address

    try:
        return parse_address(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


class Since(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.2
    """``7d``, ``12h``, ``1h30m``, ``2w`` back from now, or a date / ISO time."""

    name = "7d|DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: Any) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        if re.fullmatch(r"[\d.]+", text):
            self.fail(f"{text!r} needs a unit: 30m, 12h, 7d, 2w (or write a date)", param, ctx)
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            try:
                return datetime.now(UTC) - timedelta(seconds=config_rules.parse_duration(text))
            except ValueError:
                self.fail(f"{text!r} is neither a duration (7d, 12h, 1h30m) nor a date", param, ctx)
        return when if when.tzinfo else when.replace(tzinfo=UTC)

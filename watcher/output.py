"""How the CLI prints rows: one implementation for every list command.

On a terminal a Rich table (colour, relative times, long text cut to the
width); when piped, plain tab-separated lines with a header, full values and
ISO times, stable for scripts. ``--json`` prints the read model of
``watcher.views`` (the documented keys), ``--csv``/``--tsv`` the table's
columns in full, ``--table`` forces the table. This is the sqlite-utils model:
the output options are the same on every command and documented once.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

import click
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

Row = Mapping[str, Any]
Kind = Literal["text", "long", "wrap", "link", "time", "status", "number"]
Format = Literal["table", "tsv", "csv", "json"]
F = TypeVar("F", bound=Callable[..., Any])

out = Console(highlight=False, soft_wrap=True)

# Colours for the words a status column holds (feeds, questions, outbox rows).
STATUS_STYLES = {
    "ok": "green",
    "answered": "green",
    "sent": "green",
    "yes": "green",
    "found": "green",
    "failing": "red",
    "fail": "red",
    "dead": "red",
    "no": "yellow",
    "open": "yellow",
    "pending": "yellow",
    "disabled": "dim",
}
_CONTROL = re.compile(r"[\t\r\n\x0b\x0c]+")


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its header, how to get the cell from a row, and what it holds
    (``long`` text is cut with an ellipsis on a terminal, ``wrap`` text is
    wrapped onto more lines instead, ``time`` is an ISO string shown relative
    to now, ``status`` is coloured). Other columns (ids, names, numbers) keep
    their full width: a cut id is no use to the next command."""

    header: str
    get: str | Callable[[Row], Any]
    kind: Kind = "text"
    # Left out of a terminal table too narrow for every column (not of TSV/CSV);
    # the rightmost optional column goes first.
    optional: bool = False

    def value(self, row: Row) -> Any:
        return row.get(self.get) if isinstance(self.get, str) else self.get(row)


def output_options(*, tabular: bool = True) -> Callable[[F], F]:
    """``--json`` (and, for tables, ``--csv``, ``--tsv``, ``--table``) as one
    ``fmt`` parameter: None means a table on a terminal, TSV when piped."""

    def decorate(func: F) -> F:
        flags = [("json", "JSON (documented keys).")]
        if tabular:
            flags += [
                ("csv", "CSV of the table's columns."),
                ("tsv", "Tab-separated, full values (the default when piped)."),
                ("table", "A table, even when piped."),
            ]
        for name, text in reversed(flags):
            func = click.option(f"--{name}", "fmt", flag_value=name, help=text)(func)
        return func

    return decorate


def chosen(fmt: str | None) -> Format:
    if fmt in ("table", "tsv", "csv", "json"):
        return fmt  # type: ignore[return-value]
    return "table" if out.is_terminal else "tsv"


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def emit(
    rows: Sequence[Row],
    columns: Sequence[Column],
    fmt: str | None,
    *,
    data: Any = None,
    title: str | None = None,
    empty: str | None = None,
) -> None:
    """Print ``rows`` in the chosen format. ``data`` is what ``--json`` prints
    (default: the rows themselves)."""
    form = chosen(fmt)
    if form == "json":
        print_json(rows if data is None else data)
    elif form == "table":
        if not rows and empty:
            out.print(f"[dim]{empty}[/dim]")
            return
        out.print(table(rows, columns, title=title))
    else:
        click.echo(delimited(rows, columns, "," if form == "csv" else "\t"), nl=False)


def delimited(rows: Sequence[Row], columns: Sequence[Column], sep: str) -> str:
    """CSV (``,``) or TSV (``\\t``) with a header line; full values, ISO times.
    TSV cells never hold a tab or a newline (they become spaces)."""
    buffer = io.StringIO()
    if sep == ",":
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.header for c in columns])
        writer.writerows([[plain(c.value(r)) for c in columns] for r in rows])
        return buffer.getvalue()
    lines = [sep.join(c.header for c in columns)]
    lines += [sep.join(_CONTROL.sub(" ", plain(c.value(r))) for c in columns) for r in rows]
    return "\n".join(lines) + "\n"


def plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return " ".join(plain(v) for v in value)
    return str(value)


def table(
    rows: Sequence[Row],
    columns: Sequence[Column],
    *,
    title: str | None = None,
    now: datetime | None = None,
    width: int | None = None,
) -> Table:
    """A Rich table that fits the terminal: when the rows are too wide, the
    optional columns go first, then wrapped text folds onto more lines and
    long text and links are cut with an ellipsis (links stay clickable where
    the terminal supports it); ids, names and statuses are never cut; times
    read "3h ago"."""
    now = now or datetime.now(UTC)
    width = width or out.width
    cells = [[_cell(column, column.value(row), now) for column in columns] for row in rows]
    keep = _fit(columns, cells, width)
    natural = sum(_natural(columns, cells, i) + _PADDING for i in keep)
    squeeze = natural > width
    grid = Table(
        title=title, box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, expand=squeeze
    )
    for i in keep:
        column = columns[i]
        natural_width = _natural(columns, cells, i)
        if column.kind == "wrap":
            ratio = 3 if squeeze else None
            least = min(_MIN_SHRUNK, natural_width)
            grid.add_column(column.header, overflow="fold", ratio=ratio, min_width=least)
        elif column.kind in _SHRINKS:
            ratio = (3 if column.kind == "long" else 2) if squeeze else None
            grid.add_column(column.header, overflow="ellipsis", no_wrap=True, ratio=ratio)
        else:
            justify: Literal["left", "right"] = "right" if column.kind == "number" else "left"
            least = min(natural_width, _KEEP_WHOLE)
            grid.add_column(
                column.header, no_wrap=True, overflow="ellipsis", justify=justify, min_width=least
            )
    for line in cells:
        grid.add_row(*(line[i] for i in keep))
    return grid


# Room for the cell padding and the rule between columns.
_PADDING = 3
# Long text and links are cut to fit, wrapped text folds onto more lines; other
# columns keep their natural width.
_SHRINKS = ("long", "link")
_NARROWS = ("long", "link", "wrap")
# The least a cut column is given before optional columns are dropped.
_MIN_SHRUNK = 16
# Ids, names and statuses are kept whole up to this width; only a longer cell
# (a feed's status with the reason it was disabled) may still be cut.
_KEEP_WHOLE = 40


def _natural(columns: Sequence[Column], cells: Sequence[Sequence[Text]], index: int) -> int:
    return max([cell_len(columns[index].header), *(c[index].cell_len for c in cells)])


def _fit(columns: Sequence[Column], cells: Sequence[Sequence[Text]], width: int) -> list[int]:
    """The columns to show: optional ones are dropped, last first, while the
    others would not fit at their natural (or, for long text, minimum) width."""
    keep = list(range(len(columns)))

    def need() -> int:
        return sum(
            (
                min(_MIN_SHRUNK, _natural(columns, cells, i))
                if columns[i].kind in _NARROWS
                else _natural(columns, cells, i)
            )
            + _PADDING
            for i in keep
        )

    for index in reversed(range(len(columns))):
        if need() <= width:
            break
        if columns[index].optional:
            keep.remove(index)
    return keep


def _cell(column: Column, value: Any, now: datetime) -> Text:
    if value is None or value == "":
        return Text("-", style="dim")
    if column.kind == "time":
        return Text(relative(value, now), style="dim")
    if column.kind == "status":
        text = plain(value)
        return Text(text, style=STATUS_STYLES.get(text.split(" ")[0], ""))
    if column.kind == "link":
        return Text(str(value), style=f"link {value}")
    return Text(_CONTROL.sub(" ", plain(value)))


def relative(value: str | datetime, now: datetime) -> str:
    """``"2024-08-12T13:00:00+00:00"`` → ``"5m ago"``, ``"in 2h"``, ``"3d ago"``;
    a date more than 30 days away is shown as the date."""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (now - when).total_seconds()
    span = abs(seconds)
    if span < 45:
        return "now"
    if span >= 30 * 86400:
        return when.date().isoformat()
    amount = "1m"
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if span >= size * 0.95:
            amount = f"{round(span / size)}{unit}"
            break
    return f"{amount} ago" if seconds > 0 else f"in {amount}"


def record(fields: Sequence[tuple[str, Any]], fmt: str | None, data: Any) -> None:
    """One record in full (``watcher show``): aligned ``key: value`` lines,
    long text after them, or ``--json``."""
    if chosen(fmt) == "json":
        print_json(data)
        return
    width = max((len(k) for k, v in fields if not _is_long(v)), default=0)
    tail: list[tuple[str, str]] = []
    for key, value in fields:
        if _is_long(value):
            tail.append((key, str(value)))
        else:
            click.echo(f"{key + ':':<{width + 1}} {plain(value) or '-'}")
    for key, value in tail:
        click.echo(f"\n{key}:\n{value}")


def _is_long(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > 100 or "\n" in value)


def json_bytes(data: Any) -> bytes:
    """``data`` as the UTF-8 JSON that ``--json`` prints, for files."""
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

"""Notification templates: ``str.format`` strings held to what a message needs.

A template comes from feeds.yaml, so it is trusted not to be hostile, but a
mistake in one must not stop delivery: ``{count[0]}`` raised a TypeError that
no one caught, and the target's messages waited behind it for ever. So

* fields are plain names (``{subject}``, ``{count:>3}``): no ``[index]`` or
  ``.attribute`` (the fields are flat strings and numbers; ``{subject.__class__}``
  is never what was meant);
* a width or precision above ``MAX_WIDTH`` is refused: ``{subject:>999999999}``
  would build a gigabyte string;
* ``TemplateError`` is the one exception rendering raises, whatever went wrong.

``watcher check`` renders every template against a sample event and refuses
the file when one fails; at send time a failing template falls back to the
default rendering (``watcher.notify``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

MAX_WIDTH = 1000
# [[fill]align][sign][z][#][0][width][grouping][.precision][type]
_SPEC = re.compile(r"(?:.?[<>=^])?[+\- ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d+))?.?")
# A number with more digits than MAX_WIDTH has, anywhere in a spec.
_LONG_NUMBER = re.compile(rf"\d{{{len(str(MAX_WIDTH)) + 1},}}")


class TemplateError(ValueError):
    """A template that cannot render; the message says why."""


class _Formatter(string.Formatter):
    def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
        if not field_name.isidentifier():
            raise TemplateError(
                f"{{{field_name}}}: use a plain field name such as {{count}}, "
                "without [index] or .attribute"
            )
        return super().get_field(field_name, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> Any:
        spec = _SPEC.fullmatch(format_spec)
        for part in ("width", "precision") if spec else ():
            size = spec.group(part) if spec else ""
            if size and int(size) > MAX_WIDTH:
                raise TemplateError(
                    f"format spec {format_spec!r}: {part} {size} is over {MAX_WIDTH}"
                )
        if not spec and _LONG_NUMBER.search(format_spec):
            # A spec this reading missed: no number in it may be that large.
            raise TemplateError(f"format spec {format_spec!r}: a number in it is over {MAX_WIDTH}")
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def render_template(template: str, fields: Mapping[str, Any]) -> str:
    """``template`` with ``fields``; ``TemplateError`` for any fault in it."""
    try:
        return _FORMATTER.vformat(template, (), fields)
    except TemplateError:
        raise
    except KeyError as exc:
        known = ", ".join(f"{{{name}}}" for name in fields)
        raise TemplateError(f"unknown field {{{exc.args[0]}}}; the fields are {known}") from None
    except Exception as exc:  # any other fault in a template is the template's
        raise TemplateError(f"{type(exc).__name__}: {exc}") from None

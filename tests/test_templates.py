"""Notification templates: plain fields, bounded sizes, one kind of error."""

from __future__ import annotations

import pytest

from watcher.templates import MAX_WIDTH, TemplateError, render_template

FIELDS = {"subject": "Ballerina", "count": 2, "answer": "June 6, 2025"}


@pytest.mark.parametrize(
    ("template", "rendered"),
    [
        ("{subject}: {answer}", "Ballerina: June 6, 2025"),
        ("{count:>3} sources", "  2 sources"),
        ("{subject!r}", "'Ballerina'"),
        (f"{{subject:.{MAX_WIDTH}}}", "Ballerina"),
        ("{{literal}}", "{literal}"),
    ],
)
def test_templates_render(template: str, rendered: str) -> None:
    assert render_template(template, FIELDS) == rendered


@pytest.mark.parametrize(
    ("template", "why"),
    [
        ("{count[0]}", "plain field name"),
        ("{subject.__class__}", "plain field name"),
        ("{0}", "plain field name"),
        ("{subject:>999999999}", "width 999999999 is over 1000"),
        ("{count:.99999f}", "precision 99999 is over 1000"),
        ("{subject:{count}{count}{count}{count}{count}}", "over 1000"),
        ("{nonsense}", "unknown field {nonsense}"),
        ("{count:%Y}", "ValueError"),
        ("{subject", "ValueError"),
    ],
)
def test_a_template_that_cannot_render_raises_template_error(template: str, why: str) -> None:
    with pytest.raises(TemplateError) as refused:
        render_template(template, FIELDS)
    assert why in str(refused.value)

"""Question kinds: one module each behind one interface, found by name.

A kind compiles a question once (``compile``) and reads an item's scene into
candidates with reasons (``read``). ``KINDS`` is the registry, by name: config
refuses a question whose kind is not in it, so matching never meets an
unknown kind. A kind's module (and its compiled patterns) is imported the first
time it is asked for, so reading a config stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from watcher.config import QuestionConfig
    from watcher.extract.evidence import Reading
    from watcher.extract.names import SubjectNames
    from watcher.extract.works import Scene

# name -> module holding ``KIND``
KINDS: dict[str, str] = {
    "date": "watcher.extract.kinds.date",
    "text": "watcher.extract.kinds.text",
    "image": "watcher.extract.kinds.image",
}


class Kind(Protocol):
    """What a question kind provides."""

    name: str

    def compile(self, question: QuestionConfig, subject: SubjectNames) -> Any:
        """The question's rules: its cues, rejects, names, compiled once."""
        ...

    def read(self, scene: Scene, rules: Any) -> Reading:
        """Every candidate answer in the item, taken or refused, with reasons."""
        ...


def kind(name: str) -> Kind:
    """The kind registered under ``name`` (a ``KeyError`` names an unknown one)."""
    found: Kind = import_module(KINDS[name]).KIND
    return found

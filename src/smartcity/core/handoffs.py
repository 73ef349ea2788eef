"""Hand-offs: how a lower app gets something done by a higher one without importing it.

The lower app declares the hand-off (its name and the exact arguments, as a typed `Handoff`) where the moment
happens, and calls it there; the higher app connects what it does about it from its `AppConfig.ready()` (through
its own `connections` module). So `proposals` can say "a revision was resubmitted" and `evaluation` opens the
next round, while `proposals` never names `evaluation`. Handlers run synchronously, in the caller's
transaction and lock, in the order connected, and their results come back to the caller; an exception rolls the
whole change back, as a direct call would. See docs/adr/0005-house-layers-portal.md.

Unlike Django signals there is one declared place per hand-off, a checked signature (ParamSpec), results, and
`required=True` for hand-offs that must be taken: with nothing connected they fail loudly instead of doing
nothing (a committee acknowledgement that issues no certificate would be a silent loss).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class HandoffNotConnected(RuntimeError):
    pass


class Handoff(Generic[P, R]):
    def __init__(self, name: str, *, required: bool = False, single: bool = False) -> None:
        self.name = name
        self.required = required or single
        self.single = single
        self._handlers: list[Callable[P, R]] = []

    def __repr__(self) -> str:
        return f"<Handoff {self.name}: {[getattr(h, '__qualname__', h) for h in self._handlers]}>"

    def connect(self, handler: Callable[P, R]) -> Callable[P, R]:
        """Add a handler (once: connecting the same function again changes nothing). Usable as a decorator."""
        if handler in self._handlers:
            return handler
        if self.single and self._handlers:
            raise ValueError(f"{self.name} takes one handler; {self._handlers[0]!r} is already connected")
        self._handlers.append(handler)
        return handler

    def disconnect(self, handler: Callable[P, R]) -> None:
        self._handlers.remove(handler)

    @property
    def handlers(self) -> tuple[Callable[P, R], ...]:
        return tuple(self._handlers)

    def send(self, *args: P.args, **kwargs: P.kwargs) -> list[R]:
        """Run every handler; their results, in order."""
        if self.required and not self._handlers:
            raise HandoffNotConnected(f"nothing is connected to {self.name!r}; is the app that takes it installed?")
        return [handler(*args, **kwargs) for handler in self._handlers]

    def call(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """Run the one handler of a `single` hand-off and return its result."""
        if not self.single:
            raise TypeError(f"{self.name} may have several handlers; use send()")
        return self.send(*args, **kwargs)[0]


class ConnectsHandoffs:
    """An AppConfig mixin: once the models are loaded, run the app's own `connections.connect()`, which connects
    its handlers to the hand-offs of the apps below it (the only place an app's handlers are connected)."""

    name: str

    def ready(self) -> None:
        import_module(f"{self.name}.connections").connect()

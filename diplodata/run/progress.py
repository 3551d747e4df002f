"""Progress of a run (stage, articles extracted): reported to whoever listens.

The pipeline announces stages and extracted articles here; the command line listens only
when its output is a terminal (a progress bar with articles per second); otherwise, and
for scheduled runs, nothing listens and nothing is printed."""

from __future__ import annotations


class Listener:
    """Receives progress; the default one ignores it."""

    def stage(self, name: str, total: int | None = None) -> None:
        """A stage starts; ``total`` items (articles) when it counts them."""

    def advance(self, done: int) -> None:
        """``done`` more items of the current stage are finished."""


_listener = Listener()


def listen(listener: Listener | None) -> None:
    """Send progress to ``listener`` (``None``: to nobody)."""
    global _listener
    _listener = listener or Listener()


def stage(name: str, total: int | None = None) -> None:
    _listener.stage(name, total)


def advance(done: int) -> None:
    _listener.advance(done)

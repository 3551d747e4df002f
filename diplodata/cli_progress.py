"""The progress bar of `diplodata run` on a terminal: stage, articles, articles per second."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from diplodata.run.progress import Listener


class CountColumn(ProgressColumn):
    """Articles done, of how many, and per second, for a stage that counts them."""

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text("")
        text = f"{task.completed:,.0f}/{task.total:,.0f} articles"
        if task.elapsed and task.completed:
            text += f", {task.completed / task.elapsed:,.0f}/s"
        return Text(text)


class Bar(Listener):
    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.task: TaskID | None = None

    def stage(self, name: str, total: int | None = None) -> None:
        if self.task is not None:
            self.bar.stop_task(self.task)
            self.bar.update(self.task, visible=False)
        self.task = self.bar.add_task(name, total=total)
        self.bar.refresh()

    def advance(self, done: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, done)
            self.bar.refresh()


@contextmanager
def progress_bar(console: Console) -> Iterator[Bar]:
    bar = Progress(
        TextColumn("{task.description:10s}"),
        BarColumn(),
        CountColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with bar:
        yield Bar(bar)

"""Extractors that misbehave, for the time-budget tests (module-level: a worker process
imports them by name)."""

from __future__ import annotations

import time

from diplodata.extract import extract_article
from diplodata.models import Article, ArticleFacts


def slow_or_failing(article: Article) -> ArticleFacts:
    if "STALL" in article.text:
        time.sleep(120)
    if "BREAK" in article.text:
        raise ValueError("broken on purpose")
    if "DIE" in article.text:
        import os

        os._exit(3)
    return extract_article(article)


def tells_its_process(article: Article) -> ArticleFacts:
    """Fails with the worker's process id in the reason (or kills its worker on "DIE")."""
    import os

    if "DIE" in article.text:
        os._exit(3)
    raise ValueError(f"worker {os.getpid()}")

"""State benchmark: writing and reading N facts-cache entries and article texts in one
process, as a run does.

    uv run python -m diplodata.bench.state_store [--n 10000] [--batch 250] [--work DIR]

The entries are the facts extracted from the bundled sample articles, each copy under a
text of its own (a unique last line), so every key is new. Measured: ``put`` one entry at
a time, then ``get`` one at a time; and, where the store has them, ``put_many`` in batches
of ``--batch`` (one transaction per extract batch, as ``extract_batch`` writes) and
``get_many`` of the whole corpus (as ``plan`` reads). It uses only the state module's
public names, so running it against an older checkout (``PYTHONPATH=old``) measures that
version's store the same way.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from diplodata.config import SAMPLE_ARTICLES
from diplodata.extract import EXTRACTOR_VERSION, extract_article
from diplodata.ingest.articles import read_folder
from diplodata.models import ArticleFacts
from diplodata.run import state


def corpus(n: int) -> list[ArticleFacts]:
    """``n`` facts entries: the sample articles' facts, each under a text of its own."""
    samples = [extract_article(a) for a in read_folder(SAMPLE_ARTICLES).articles]
    result = []
    for i in range(n):
        facts = samples[i % len(samples)]
        text = f"{facts.article.text}\nBenchmark copy number {i}.\n"
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        article = dataclasses.replace(facts.article, text=text, sha256=sha, source=f"{i}.txt")
        result.append(dataclasses.replace(facts, article=article))
    return result


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def each(work: Callable[[Any], object], items: Sequence[Any]) -> None:
    for item in items:
        work(item)


def _close(store: object) -> None:
    close = getattr(store, "close", None)
    if close is not None:
        close()


def run(n: int, batch: int, work: Path) -> dict[str, float]:
    entries = corpus(n)
    articles = [f.article for f in entries]
    results: dict[str, float] = {}

    def fresh(name: str) -> Path:
        out = work / name
        shutil.rmtree(out, ignore_errors=True)
        return out

    out = fresh("one-by-one")
    cache = state.FactsCache(out, EXTRACTOR_VERSION)
    results["facts put, one at a time"] = timed(lambda: each(cache.put, entries))
    results["facts get, one at a time"] = timed(lambda: [cache.get(a) for a in articles])
    assert all(cache.get(a) is not None for a in articles[:10])
    _close(cache)
    store = state.ArticleStore(out)
    results["articles put, one at a time"] = timed(lambda: each(store.put, articles))
    results["articles get, one at a time"] = timed(lambda: [store.get(a.sha256) for a in articles])
    assert all(store.get(a.sha256) == a for a in articles[:10])
    _close(store)
    if hasattr(state.FactsCache, "put_many"):
        out = fresh("batched")
        cache = state.FactsCache(out, EXTRACTOR_VERSION)
        batches = [entries[i : i + batch] for i in range(0, n, batch)]
        name = f"facts put_many, batches of {batch}"
        results[name] = timed(lambda: each(cache.put_many, batches))
        results["facts get_many, all"] = timed(lambda: cache.get_many(articles))
        assert len(cache.get_many(articles)) == n
        _close(cache)
        store = state.ArticleStore(out)
        results["articles put_many, all"] = timed(lambda: store.put_many(articles))
        _close(store)
    return results


def table(results: dict[str, float], n: int) -> str:
    rows = ["| operation | seconds | per entry µs |", "|---|---|---|"]
    rows += [f"| {k} | {v:.2f} | {v / n * 1e6:.0f} |" for k, v in results.items()]
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=250)
    parser.add_argument("--work", type=Path, default=Path("/tmp/diplodata-bench-state"))
    args = parser.parse_args(argv)
    results = run(args.n, args.batch, args.work)
    shutil.rmtree(args.work, ignore_errors=True)
    print(table(results, args.n))
    return 0


if __name__ == "__main__":
    sys.exit(main())

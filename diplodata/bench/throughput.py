"""Extraction throughput benchmark: articles per second per core, against spaCy's blank
English tokenizer on the same text, and peak memory.

    uv run python -m diplodata.bench.throughput ../shared/corpus/bulk [--repeat 3] [--json]

One process, one core: every article is read first, then timed (best of ``--repeat``)
through (a) ``spacy.blank("en")`` tokenization alone and (b) ``extract_article``
(sentence splitting, lexicon scans and the four extractors). The ratio b/a is the
cost of extraction in tokenizations.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from diplodata.extract import EXTRACTOR_VERSION, extract_article
from diplodata.ingest.articles import read_folder
from diplodata.models import Article


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def run(folder: Path, repeat: int = 3) -> dict[str, object]:
    import spacy

    batch = read_folder(folder)
    articles: Sequence[Article] = batch.articles
    n_chars = sum(a.n_chars for a in articles)
    n_words = sum(len(a.text.split()) for a in articles)
    nlp = spacy.blank("en")
    tokenizer = nlp.tokenizer
    texts = [a.text for a in articles]

    def tokenize() -> None:
        for text in texts:
            tokenizer(text)

    def extract() -> None:
        for article in articles:
            extract_article(article)

    extract()  # warm the lexicon and regex caches
    t_tok = best_of(repeat, tokenize)
    t_ext = best_of(repeat, extract)
    return {
        "corpus": str(folder),
        "articles": len(articles),
        "characters": n_chars,
        "words": n_words,
        "extractor_version": EXTRACTOR_VERSION,
        "tokenizer_seconds": round(t_tok, 3),
        "extract_seconds": round(t_ext, 3),
        "tokenizer_articles_per_second": round(len(articles) / t_tok, 1),
        "extract_articles_per_second": round(len(articles) / t_ext, 1),
        "extract_words_per_second": round(n_words / t_ext),
        "ratio_extract_to_tokenizer": round(t_ext / t_tok, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, 1 core used",
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, nargs="?", default=Path("../shared/corpus/bulk"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: no such folder; pass a folder of .txt articles", file=sys.stderr)
        return 2
    result = run(args.folder, args.repeat)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:32s} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

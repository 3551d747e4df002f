"""Run configuration: one typed object, passed explicitly from the CLI to the flow."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLES = PROJECT_ROOT / "examples" / "articles"
DEFAULT_OUT = Path("output")
MAX_CHARS = 200_000  # longer inputs are rejects: the longest corpus article has 35,000
TIME_BUDGET = 30.0  # seconds of extraction per article; 200,000 characters take about 1 s
# A run streams: no stage holds every article's text or facts (memory stays flat as the
# corpus grows). Input files read, screened and stored per transaction:
READ_BATCH = 500
# Articles whose texts and facts are read back to make table rows at once:
ROWS_BATCH = 500


@dataclass(frozen=True, slots=True)
class RunConfig:
    """What one pipeline run reads, where it publishes, and how it splits the work."""

    articles: Path = SAMPLE_ARTICLES
    out: Path = DEFAULT_OUT
    batch_size: int = 250  # articles per extract task: task overhead is ~10 ms, so batch
    license: str = "CC-BY-4.0"
    contributors: tuple[str, ...] = ("diplodata",)
    homepage: str | None = None  # where the data set lives (datapackage.json, CITATION.cff)
    gold: Path | None = None  # gold annotations: eval scores go into the release's quality report
    feeds: Path | None = None  # a feeds config file (RSS/Atom/URLs), optional
    force: bool = False  # publish even when nothing changed
    include_text: bool = False  # ship the article texts (table article_texts)
    dask: str | None = None  # run extract tasks on Dask: "local" or a scheduler address
    extra_sources: tuple[str, ...] = field(default=())
    max_chars: int = MAX_CHARS
    time_budget: float = TIME_BUDGET
    prune: bool = False  # drop published articles whose input is gone
    follow_links: bool = False  # follow symbolic links that leave the articles folder

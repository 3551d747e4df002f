"""The pipeline's stages as plain functions; ``flows/`` wires them into a Prefect flow.

ingest -> (cache lookup) -> extract in batches -> build tables -> stage + validate -> promote

A run streams: ingest reads only new and changed input files and stores their texts in the
state store (``diplodata.ingest.input_index``); from there on an article is carried by its record
(:class:`~diplodata.ingest.records.ArticleInfo`), kept in the state store as well: the run's
articles and what each is (kept from the base, cached, to extract) are a table there
(``diplodata.run.run_articles``), read by count and a page of records at a time. Its text and
facts are read back, a batch at a time, only where they are needed: to extract it and to make
its rows. No stage holds every record, text, fact or row of the corpus.

A run builds on the latest intact release (its *base*): an article published there with
the same record (text, extractor version, source metadata) keeps its rows, which the new
release shares with the base (``diplodata.tables.increment``); its text and facts are not even
read. Only new and changed articles are looked up in the cache or extracted and made into
rows, and the rows of the actors those articles name (and those that removed articles
named) are summed up again from every article's stored notes (``diplodata.tables.actor_notes``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from diplodata.config import ROWS_BATCH, TIME_BUDGET, RunConfig
from diplodata.extract import EXTRACTOR_VERSION, extract_article
from diplodata.extract.budget import Extractor, extract_within
from diplodata.ingest.articles import Batch, Inputs, Skipped, ingest_folder, read_file, too_long
from diplodata.ingest.records import ArticleInfo, info_of
from diplodata.models import Article, ArticleFacts
from diplodata.publish.licenses import license_entry
from diplodata.publish.package import PackageMeta
from diplodata.publish.release import StagedRelease, intact_release, latest_release, next_version
from diplodata.run.faults import checkpoint
from diplodata.run.run_articles import (
    ARTICLES,
    ASIDE,
    CACHED,
    INPUT,
    KEPT,
    PRUNED,
    PUBLISHED,
    TODO,
    RunArticles,
)
from diplodata.run.state import ArticleStore, FactsCache, write_corpus
from diplodata.tables.build import (
    ActorNotes,
    Resolution,
    actor_rows,
    group,
    grouped_actor_rows,
    person_refs,
)
from diplodata.tables.increment import Increment
from diplodata.tables.namesake_groups import GroupedRefs, Moved
from diplodata.tables.parts import is_parted, parquet_files
from diplodata.tables.published import PublishedArticles, article_table
from diplodata.tables.resolve import PersonRef, Resolved, resolve_all
from diplodata.tables.rows import Tables
from diplodata.tables.spool import Spool
from diplodata.version import TABLES_VERSION

if TYPE_CHECKING:
    from diplodata.run.row_batches import RowMaking

BUILD_KEY = "diplodata"  # the descriptor's record of the code that made the rows
NOTES_BATCH = 5_000  # articles whose notes for the actors table are stored at once


@dataclass(frozen=True, slots=True)
class Base:
    """The release a run builds on (its article rows are read by DuckDB where needed,
    never held here)."""

    path: Path

    def split(self, rows: pa.Table) -> tuple[set[str], list[str]]:
        """The ids of the run's articles (their rows: ``article_table``) that this release
        does not publish exactly as this run would (new or changed), and the ids of its
        articles that none of them matches (changed, gone or pruned), sorted."""
        return PublishedArticles(self.path).compare(rows)

    def mark(self) -> str:
        """What the run's ``published`` articles are said to be exactly (``run_base``):
        this release (its descriptor, which has every file's checksum) as read by this
        extractor version."""
        return release_mark(self.path)


def release_mark(release: Path) -> str:
    """:meth:`Base.mark` of ``release``."""
    release = release.resolve()
    digest = hashlib.sha256((release / "datapackage.json").read_bytes()).hexdigest()
    return f"{release.name} {digest} {EXTRACTOR_VERSION}"


def find_base(out: Path, include_text: bool = False) -> Base | None:
    """The latest intact release, when a run can build on it: written in parts by the same
    table code, with the article texts exactly when asked for, and the notes of its
    articles for the actors table stored. Otherwise None: every row is made again."""
    from diplodata.tables.actor_notes import ActorNotesStore

    release = intact_release(out)
    if release is None or not is_parted(release):
        return None
    try:
        package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    build = package.get(BUILD_KEY)
    if not isinstance(build, dict) or build.get("tables_version") != TABLES_VERSION:
        return None
    if bool(parquet_files(release, "article_texts")) != include_text:
        return None
    if not ActorNotesStore(out).covers_release(PublishedArticles(release).files):
        return None
    return Base(release)


@dataclass(slots=True)
class Plan:
    """The run's input, split into the articles a release keeps from its base, those whose
    facts are cached and those to extract: the articles are in the state store of ``out``
    (``diplodata.run.run_articles``, each in its part; records only: texts stay in the
    store), read from there by count and page; here the rejects and what the base drops."""

    out: Path
    skipped: list[Skipped] = field(default_factory=list)
    base: Path | None = None  # the release whose rows of the published articles are kept
    dropped: list[str] = field(default_factory=list)  # ids of the base's other articles
    lost: list[str] = field(default_factory=list)  # published before, text not kept: dropped

    def count(self, *parts: str, origin: str | None = None) -> int:
        """How many articles of these parts (every article of the run by default), from
        ``origin`` when given."""
        with RunArticles(self.out) as run:
            return run.count(parts or ARTICLES, origin)

    def pages(self, part: str, size: int) -> Iterator[list[ArticleInfo]]:
        """The records of part ``part``, ``size`` at a time, in the run's order."""
        with RunArticles(self.out) as run:
            yield from run.pages((part,), size)

    def infos(self, *parts: str) -> list[ArticleInfo]:
        """Every record of these parts (every article of the run by default), in order."""
        with RunArticles(self.out) as run:
            return run.infos(parts or ARTICLES)

    @property
    def kept(self) -> list[ArticleInfo]:
        """Published before, input gone: kept."""
        with RunArticles(self.out) as run:
            return run.infos((*ARTICLES, ASIDE), origin=KEPT)

    @property
    def pruned(self) -> list[ArticleInfo]:
        """Published before, input gone: removed (``--prune``)."""
        with RunArticles(self.out) as run:
            return run.infos(origin=PRUNED, parts=(PRUNED,))

    def article_table(self) -> pa.Table:
        """The rows the run's articles would have in the articles table."""
        with RunArticles(self.out) as run:
            return run.article_table(EXTRACTOR_VERSION)


def inputs_of(out: Path, articles: Iterable[ArticleInfo]) -> Inputs:
    """A run's input of these articles (into the state store of ``out``), no rejects."""
    with RunArticles(out) as run:
        run.start()
        run.add(articles)
    return Inputs(out)


def ingest(config: RunConfig) -> Inputs:
    """The run's articles (records) and rejects: the input folder's files, unchanged ones by
    what was recorded when they were read, new and changed ones read, screened and stored;
    then the feeds' articles, if any."""
    from diplodata.ingest import walked
    from diplodata.ingest.input_index import InputIndex

    with InputIndex(config.out) as index:
        inputs = ingest_folder(
            config.articles,
            index,
            config.max_chars,
            config.follow_links,
            found=walked.take(config.articles, config.follow_links),  # the command's, if any
        )
    if config.feeds is not None:
        from diplodata.ingest.feeds import read_feeds

        fetched = screen(read_feeds(config.feeds), config.max_chars)
        with RunArticles(config.out) as run:
            known = run.ids_among(a.article_id for a in fetched.articles)
            new = [a for a in fetched.articles if a.article_id not in known]
            with ArticleStore(config.out) as store:
                store.put_many(new)
            run.add(info_of(a) for a in new)
        inputs.skipped += fetched.skipped
    return inputs


def screen(batch: Batch, max_chars: int) -> Batch:
    """Set aside what is not an English news article (``diplodata.ingest.screen``), with why."""
    from diplodata.ingest.screen import rejection

    kept = Batch(skipped=list(batch.skipped))
    for article in batch.articles:
        reason = (
            too_long(article.n_chars, max_chars)
            if article.n_chars > max_chars
            else rejection(article)
        )
        if reason is None:
            kept.articles.append(article)
        else:
            kept.skipped.append(Skipped(article.source, f"{article.source}: {reason}"))
    return kept


def plan(
    inputs: Inputs, out: Path, version: str = EXTRACTOR_VERSION, base: Base | None = None
) -> Plan:
    """Look every article up in the extraction cache, but those the ``base`` release holds
    unchanged (they keep their rows); an article whose extraction ran out of time or failed
    with this extractor version is a reject again, not retried. The run's articles (in the
    state store) are each put in their part by a few updates joined with the cache's
    tables, writing only the rows whose part changes."""
    result = Plan(
        out,
        skipped=list(inputs.skipped),
        lost=inputs.lost,
        base=base.path if base is not None else None,
    )
    with RunArticles(out) as run:
        fresh, mark = None, None
        if base is not None:  # to look up: the articles it does not hold as they are now
            mark = base.mark()
            if run.based_on() == mark:  # the published rows are its rows: the others only
                changed = run.article_table(EXTRACTOR_VERSION, changed=True)
                published = PublishedArticles(base.path)
                if run.corpus_of() == mark:  # its articles gone: among corpus_check's
                    fresh, dropped = published.compare_changed(changed, None)
                    compared = fresh, sorted({*dropped, *_left(run, published)})
                else:
                    ids = run.column("article_id")
                    compared = published.compare_changed(changed, ids)
                    del ids
                del changed
            else:
                compared = base.split(run.article_table(EXTRACTOR_VERSION))
            fresh, result.dropped = compared
        run.plan_parts(fresh, mark)
        del fresh
        for source, reason in run.look_up(version):
            result.skipped.append(Skipped(source, f"{reason} (in an earlier run)"))
    return result


def _left(run: RunArticles, base: PublishedArticles) -> set[str]:
    """The ids of the articles of ``base`` that are no longer among the run's, when table
    ``corpus`` holds its articles: each was a row of the run's articles when it was
    published, and a row removed or put out of them since named its text in
    ``corpus_check`` (``RunArticles.checked``): only those are looked up, by an index each
    (none when nothing was removed), not the run's ids against the release's."""
    checked = run.checked()
    if not checked:
        return set()
    ids = {row.article_id for row in base.rows_of(checked).values()}
    return ids - run.ids_among(ids)


def set_aside(p: Plan, skipped: Sequence[Skipped]) -> None:
    """Move articles whose extraction failed or ran out of time to the rejects."""
    with RunArticles(p.out) as run:
        run.set_aside(s.source for s in skipped)
    p.skipped += skipped


def carry(inputs: Inputs, out: Path, prune: bool = False) -> Inputs:
    """The input plus every article published before whose input is gone (a folder half
    copied, an entry dropped off a feed): the published corpus only grows, unless
    ``prune``. An input file whose text changed replaces its old version (same source).
    Their records come from the latest release (their texts are not read); they join the
    run's articles in the state store (``origin`` kept, or pruned: not an article). The
    articles published before are table ``corpus`` (``RunArticles.gone``), and the latest
    release's articles when that table is not known to be them."""
    latest = _latest_articles(out)
    result = Inputs(
        out,
        skipped=list(inputs.skipped),
        read=inputs.read,
        stamps=inputs.stamps,
        others=inputs.others,
    )
    with RunArticles(out) as run:
        gone = run.gone()  # of the corpus: checked where rows changed, not read whole
        if latest is not None and run.corpus_of() != release_mark(latest.release):
            gone |= latest.sha256s_not_in(run.column("sha256"))  # the corpus is not its
        if not gone:
            return result
        by_sha = latest.rows_of(gone) if latest is not None else {}
        old: list[ArticleInfo] = []
        with ArticleStore(out) as store:
            stored = store.has(gone)
            for sha in sorted(gone):
                info = info_of(by_sha[sha]) if sha in by_sha else _stored_info(store, sha)
                if info is None or sha not in stored:  # published before its text was kept
                    result.lost.append(sha)
                else:
                    old.append(info)
        replaced = run.sources_among(a.source for a in old)  # by a new version of the input
        gone_now = [a for a in old if a.source not in replaced]
        run.add(gone_now, PRUNED if prune else KEPT, PRUNED if prune else INPUT)
    return result


def _stored_info(store: ArticleStore, sha: str) -> ArticleInfo | None:
    article = store.get(sha)
    return info_of(article) if article is not None else None


def load_articles(
    infos: Sequence[ArticleInfo], out: Path, folder: Path | None = None
) -> tuple[list[Article], list[Skipped]]:
    """The articles with their texts, from the article store. A text missing there (a
    damaged store) is read again from its input file under ``folder`` if that still holds
    it; otherwise the article is a reject."""
    with ArticleStore(out) as store:
        texts = store.texts(a.sha256 for a in infos)
        found, skipped = [], []
        for info in infos:
            text = texts.get(info.sha256)
            if text is None:
                text = _read_again(info, folder)
                if text is not None:
                    store.put(info.with_text(text))
            if text is None:
                reason = f"{info.source}: its text is not in the state store nor in its input"
                skipped.append(Skipped(info.source, reason))
            else:
                found.append(info.with_text(text))
    return found, skipped


def _read_again(info: ArticleInfo, folder: Path | None) -> str | None:
    if folder is None or "://" in info.source:
        return None
    try:
        article = read_file(folder / info.source, info.source)
    except (ValueError, OSError):
        return None
    return article.text if article.sha256 == info.sha256 else None


def extract_infos(
    infos: Sequence[ArticleInfo],
    out: Path,
    folder: Path | None = None,
    seconds: float = TIME_BUDGET,
) -> Extracted:
    """Extract facts from these articles (texts read from the store) into the cache; the
    result holds the rejects and how many were extracted, not the facts."""
    articles, missing = load_articles(infos, out, folder)
    done = extract_batch(articles, out, seconds)
    return Extracted(skipped=missing + done.skipped, extracted=len(done.facts))


def facts_of(
    infos: Sequence[ArticleInfo], out: Path, folder: Path | None = None, texts: bool = True
) -> tuple[list[ArticleFacts], list[Skipped]]:
    """The cached facts of these articles (extracted again where the cache lost them), and
    the articles that could not be extracted. Without ``texts``, the facts' articles have
    no text (enough for who their persons are)."""
    if texts:
        articles, skipped = load_articles(infos, out, folder)
    else:
        articles, skipped = [a.with_text("") for a in infos], []
    with FactsCache(out, EXTRACTOR_VERSION) as cache:
        found = cache.get_many(articles)
    missing = [a for a in articles if a.sha256 not in found]
    if missing and not texts:
        missing, more = load_articles([info_of(a) for a in missing], out, folder)
        skipped += more
    done = extract_batch(missing, out)
    facts = [found[a.sha256] for a in articles if a.sha256 in found] + done.facts
    return facts, skipped + done.skipped


@dataclass(slots=True)
class NewRows:
    """The rows a release adds to its base (spooled, a batch at a time), the actors table,
    and what it keeps of the base."""

    tables: Tables  # the actors table (and no article rows: they are in ``spool``)
    spool: Spool | None = None
    increment: Increment | None = None
    resolved_again: list[str] = field(default_factory=list)  # sources rebuilt: see below
    skipped: list[Skipped] = field(default_factory=list)  # could not be made into rows


def _refs(
    pages: Iterable[Sequence[ArticleInfo]], out: Path, folder: Path | None
) -> tuple[list[PersonRef], list[Skipped]]:
    """The persons of these articles (in pages) as references to resolve (their facts read
    back a page at a time, without their texts)."""
    refs: list[PersonRef] = []
    skipped: list[Skipped] = []
    for more, lost in _refs_by_batch(pages, out, folder):
        refs += more
        skipped += lost
    return refs, skipped


def _refs_by_batch(
    pages: Iterable[Sequence[ArticleInfo]], out: Path, folder: Path | None
) -> Iterator[tuple[list[PersonRef], list[Skipped]]]:
    for chunk in pages:
        facts, lost = facts_of(chunk, out, folder, texts=False)
        yield person_refs(facts), lost


def _namesakes_apart(
    pages: Iterable[Sequence[ArticleInfo]], out: Path, folder: Path | None
) -> tuple[Moved, list[Skipped]]:
    """The mentions of these articles that namesakes move off their name's plain id
    (``tables.namesake_groups``: group by group, not every reference at once), and the
    articles whose facts could not be read."""
    skipped: list[Skipped] = []
    grouped = GroupedRefs.open()
    try:
        for refs, lost in _refs_by_batch(pages, out, folder):
            grouped.add(refs)
            skipped += lost
        return grouped.moved(), skipped
    finally:
        grouped.close()


def _persons(
    ids: Iterable[str], refs: Sequence[PersonRef], resolved: Iterable[Resolved]
) -> Resolution:
    """Who each person of these articles is, by article id and name (every article has an
    entry, one without persons an empty one)."""
    persons: Resolution = {aid: {} for aid in ids}
    for ref, res in zip(refs, resolved, strict=True):
        persons[str(ref.article)][ref.name] = res
    return persons


def _without(ids: pa.Array, some: Iterable[str]) -> pa.Array:
    """The ids of ``ids`` (an Arrow array) that are not among ``some``."""
    taken = pa.array(sorted(set(some)), pa.string())
    return ids.filter(pc.invert(pc.is_in(ids, value_set=taken)))


def _resolve_increment(
    p: Plan,
    run: RunArticles,
    refs: list[PersonRef],
    new_ids: set[str],
    out: Path,
    folder: Path | None,
    stale: Mapping[str, set[str]],
) -> tuple[Resolution, list[ArticleInfo], set[str]]:
    """Who the persons of the new articles are, resolved among every article of the release
    as a run from scratch would (namesakes are told apart across articles), the published
    articles whose persons this changes (they are rebuilt too), and which of those are made
    into rows again because a person of theirs is someone else now.

    Only the namesake groups (``tables.group``) of the new and dropped articles' persons can
    change: the published articles' persons of those groups are resolved again with them.
    ``stale``: published articles whose stored notes a run that did not publish replaced
    (``ActorNotesStore.pending``), with the actors their published notes named: they are
    rebuilt whatever else changes (their notes may not be what the base published)."""
    from diplodata.tables.actor_notes import ActorNotesStore

    store = ActorNotesStore(out)
    rebuilt = run.of_ids(stale, (PUBLISHED,))
    if rebuilt:
        more, _ = _refs([rebuilt], out, folder)
        refs = refs + more
        new_ids = new_ids | set(stale)
    others = _without(run.column("article_id"), new_ids)
    groups = {g for g in map(group, refs) if g} | store.groups(p.dropped)
    stored = store.refs(groups, others)
    resolved = resolve_all([ref for ref, _ in stored] + refs)
    again = sorted(
        {
            str(ref.article)
            for (ref, old), now in zip(stored, resolved, strict=False)
            if now.actor_id != old
        }
    )
    if again:  # their persons, from their cached facts
        more_rebuilt = run.of_ids(again, (PUBLISHED,))
        rebuilt += more_rebuilt
        more, _ = _refs([more_rebuilt], out, folder)
        refs = refs + more
        new_ids = new_ids | set(again)
        others = _without(others, again)
        groups |= store.groups(new_ids)
        stored = store.refs(groups, others)
    resolved = resolve_all([ref for ref, _ in stored] + refs)[len(stored) :]
    persons = _persons(new_ids, refs, resolved)
    moved = {
        aid
        for aid, before in stale.items()
        if _person_ids(r.actor_id for r in persons[aid].values()) != _person_ids(before)
    }
    return persons, rebuilt, set(again) | moved


def _person_ids(actors: Iterable[str]) -> set[str]:
    return {actor for actor in actors if actor.startswith("person:")}


def release_tables(
    p: Plan,
    out: Path,
    include_text: bool = False,
    folder: Path | None = None,
    making: RowMaking | None = None,
) -> NewRows:
    """The rows of the articles that are not kept from the base (every row without a base),
    made a batch at a time from their stored texts and facts and spooled (``NewRows.spool``),
    and the actors rows, summed up from the articles' notes (the notes of the articles made
    into rows here are stored first): every actor without a base, else the actors that the
    new, changed and removed articles name (the others' rows are the base's).

    A published article is rebuilt too when a new or removed article changes who one of its
    persons is (a namesake now named in more articles takes the name's plain id): its rows
    then leave the base like those of a changed article.

    The rows are made a batch at a time by ``making`` (this machine's worker processes
    unless told otherwise: ``diplodata.run.row_batches``)."""
    from diplodata.run.row_batches import LOCAL

    with RunArticles(out) as run:
        return _release_tables(p, run, out, include_text, folder, making or LOCAL)


def _release_tables(
    p: Plan,
    run: RunArticles,
    out: Path,
    include_text: bool,
    folder: Path | None,
    making: RowMaking,
) -> NewRows:
    from diplodata.run.row_batches import RowsJob, RowsSource
    from diplodata.tables.actor_notes import ActorNotesStore

    build = (CACHED, TODO)  # the articles whose rows are made (by id), with the remade ones
    rebuilt: list[ArticleInfo] = []
    store = ActorNotesStore(out)
    again: set[str] = set()
    stale: dict[str, set[str]] = {}
    persons: Resolution | None = None  # without a base: worked out by each rows job
    moved: Moved = {}
    if p.base is None:
        moved, skipped = _namesakes_apart(run.pages(build, ROWS_BATCH, by_id=True), out, folder)
        run.set_aside(s.source for s in skipped)
    else:
        refs, skipped = _refs(run.pages(build, ROWS_BATCH, by_id=True), out, folder)
        run.set_aside(s.source for s in skipped)
        new_ids = set(run.column("article_id", build).to_pylist())
        pending = store.pending()
        stale = {aid: pending[aid] for aid in sorted(run.ids_among(pending, (PUBLISHED,)))}
        persons, rebuilt, again = _resolve_increment(p, run, refs, new_ids, out, folder, stale)
        del refs
        run.mark_remade(a.article_id for a in rebuilt)
    # what the removed articles and the published notes of the rebuilt ones named (the
    # notes a release published, for those a killed run replaced), and what the new notes
    # name: no other actor's row can differ from the base's
    changed: set[str] = set()
    if p.base is not None:
        made_ids = new_ids | {a.article_id for a in rebuilt}
        changed = store.actors_of([*p.dropped, *sorted(made_ids)])
        changed = changed.union(*stale.values())
    n_made = run.count(build) + len(rebuilt)
    spool = Spool.create(out)
    notes: list[ActorNotes] = []
    where = RowsSource(out, folder, include_text)
    pages = run.pages(build, making.batch(n_made), by_id=True, remade=True)
    jobs = (
        RowsJob.of(i, chunk, spool.path, where, persons, moved) for i, chunk in enumerate(pages)
    )
    for done in making.make(jobs):
        skipped += done.lost
        notes += done.notes
        changed |= {actor for n in done.notes for actor in n.actors}
        if len(notes) >= NOTES_BATCH:  # each store of notes reads the notes table through
            store.put(notes, EXTRACTOR_VERSION)
            notes = []
        checkpoint("rows")
    store.put(notes, EXTRACTOR_VERSION)
    run.set_aside(s.source for s in skipped)
    live = run.column("article_id")
    tables = Tables(article_texts=[] if include_text else None)
    if p.base is None:
        tables.actors = grouped_actor_rows(store.summaries_by_group(live))
        return NewRows(tables, spool, skipped=skipped)
    tables.actors = actor_rows(store.summaries(live, changed))
    kept = run.column("article_id", (PUBLISHED,), remade=False)
    increment = Increment(p.base, kept, frozenset(changed))
    resolved_again = sorted(a.source for a in rebuilt if a.article_id in again)
    return NewRows(tables, spool, increment, resolved_again, skipped)


def stage_release(p: Plan, rows: NewRows, config: RunConfig) -> StagedRelease:
    """Write the release (its parts from the spooled rows), validate it, in a staging folder."""
    from diplodata.publish.release import stage

    meta = plan_meta(config, p)
    notes = release_notes(p, config.out, rows)
    more = rows.spool.batches() if rows.spool is not None else ()
    try:
        return stage(rows.tables, config.out, meta, notes, input_report(p), rows.increment, more)
    finally:
        if rows.spool is not None:
            rows.spool.remove()


def record_corpus(p: Plan, out: Path) -> None:
    """After a release is published: its articles are the corpus later runs keep (and, in
    the state store, the base's articles of the next run's plan), and the actor notes its
    run stored are the published ones (none pending)."""
    from diplodata.publish.verify import remember_shared
    from diplodata.tables.actor_notes import ActorNotesStore

    latest = latest_release(out)
    with RunArticles(out) as run:
        if latest is not None:
            run.published(release_mark(latest))
        else:
            write_corpus(out, set(run.column("sha256").to_pylist()))
    ActorNotesStore(out).published()
    if latest is not None and p.base is not None:
        remember_shared(out, latest, p.base)


def per_task(n: int, most: int, workers: int) -> int:
    """Items per task so that ``n`` items keep ``workers`` busy: at most ``most`` (a task's
    result stays small, the progress bar moves), and no more than an even share."""
    return max(1, min(most, -(-n // max(1, workers))))


@dataclass(slots=True)
class Extracted:
    facts: list[ArticleFacts] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # over the time budget, or failed
    extracted: int = 0  # articles extracted, when ``facts`` are in the cache, not here


def extract_batch(
    articles: Sequence[Article],
    out: Path | None = None,
    seconds: float = TIME_BUDGET,
    extractor: Extractor = extract_article,
) -> Extracted:
    """Extract facts from each article within ``seconds`` (and cache them under ``out``:
    one transaction for the batch, or every :data:`COMMIT_SECONDS` in a slow one)."""
    result = Extracted()
    saver = _Saver(out)
    for outcome in extract_within(articles, seconds, extractor):
        if outcome.facts is None:
            reason = outcome.reason or "extraction failed"
            result.skipped.append(Skipped(outcome.article.source, reason))
            saver.failed.append((outcome.article, reason))
        else:
            result.facts.append(outcome.facts)
            saver.facts.append(outcome.facts)
            checkpoint("extract")
        saver.save(final=False)
    saver.save(final=True)
    return result


COMMIT_SECONDS = 10.0  # a slow batch commits what it has at least this often


@dataclass(slots=True)
class _Saver:
    """What a batch extracted and has not committed yet."""

    out: Path | None
    facts: list[ArticleFacts] = field(default_factory=list)
    failed: list[tuple[Article, str]] = field(default_factory=list)
    since: float = field(default_factory=time.monotonic)

    def save(self, final: bool) -> None:
        if self.out is None or not (final or time.monotonic() - self.since > COMMIT_SECONDS):
            return
        with FactsCache(self.out, EXTRACTOR_VERSION) as cache:
            cache.put_many(self.facts, self.failed)
        self.facts, self.failed, self.since = [], [], time.monotonic()


def _latest_articles(out: Path) -> PublishedArticles | None:
    """The articles table of the latest release, if it is there and intact."""
    latest = latest_release(out)
    if latest is None or damaged_latest(out):
        return None
    return PublishedArticles(latest)


def damaged_latest(out: Path) -> list[str]:
    """What is wrong with the latest release's files (empty when intact or none)."""
    from diplodata.publish.verify import Digests, verify_release

    latest = latest_release(out)
    return [] if latest is None else verify_release(latest, Digests(out)).problems


def unchanged_since_latest(
    articles: Sequence[Article | ArticleInfo], out: Path, include_text: bool = False
) -> bool:
    """True when the latest release holds exactly these texts, read by this extractor version
    (and ships their texts when ``include_text``, and only then)."""
    return _latest_holds(
        out, include_text, len(articles), lambda: article_table(articles, EXTRACTOR_VERSION)
    )


def nothing_new_in(p: Plan, include_text: bool = False) -> bool:
    """:func:`unchanged_since_latest` for the run's articles (in the state store)."""
    return _latest_holds(p.out, include_text, p.count(), p.article_table)


def _latest_holds(out: Path, include_text: bool, n: int, rows: Callable[[], pa.Table]) -> bool:
    published = _latest_articles(out)
    if published is None:
        return False
    texts = bool(parquet_files(published.release, "article_texts"))
    if texts != include_text or published.count() != n:
        return False
    return published.holds_exactly(rows())


def previous_extractor_version(out: Path) -> str | None:
    published = _latest_articles(out)
    versions = published.extractor_versions() if published is not None else set()
    return versions.pop() if len(versions) == 1 else None


def release_notes(p: Plan, out: Path, rows: NewRows | None = None) -> list[str]:
    notes = [
        f"{p.count()} articles; {p.count(TODO)} extracted in this run, "
        f"{p.count(CACHED)} taken from the extraction cache"
        + (
            f", {p.count(PUBLISHED)} unchanged since release {p.base.name} (their rows are "
            "shared with it)."
            if p.base is not None
            else "."
        ),
        f"Extractor version {EXTRACTOR_VERSION}.",
    ]
    damage = damaged_latest(out)
    if damage:
        notes.append(
            f"The previous release {latest_release(out).name} was damaged "  # type: ignore[union-attr]
            f"({damage[0]}); this release was rebuilt without its files, from "
            + (f"release {p.base.name} and " if p.base is not None else "")
            + "the extraction cache."
        )
    before = previous_extractor_version(out)
    if before is not None and before != EXTRACTOR_VERSION:
        notes.append(
            f"The extractor changed ({before} -> {EXTRACTOR_VERSION}): "
            "every article was re-extracted."
        )
    if rows is not None and rows.resolved_again:
        notes.append(
            f"{len(rows.resolved_again)} articles published before were made into rows again: "
            "a new or removed article changed who one of their persons is (namesakes): "
            f"{', '.join(rows.resolved_again)}."
        )
    if p.skipped:
        notes.append(f"{len(p.skipped)} input files skipped (see the run log).")
    kept = p.kept
    if kept:
        notes.append(
            f"{len(kept)} articles published before are no longer in the input and were "
            f"kept (`diplodata run --prune` removes them): {_sources(kept)}."
        )
    if p.lost:
        notes.append(
            f"{len(p.lost)} articles published before are no longer in the input and could "
            "not be kept: their text is not in the state (published before diplodata kept "
            f"texts in .state/): {', '.join(sha[:16] for sha in p.lost)}."
        )
    pruned = p.pruned
    if pruned:
        notes.append(
            f"Removed {len(pruned)} articles no longer in the input (--prune): {_sources(pruned)}."
        )
    return notes


def _sources(articles: Sequence[ArticleInfo]) -> str:
    return ", ".join(f"{a.source} ({a.article_id})" for a in sorted(articles, key=_by_source))


def _by_source(article: Article | ArticleInfo) -> str:
    return article.source


def input_report(p: Plan) -> dict[str, dict[str, object]]:
    """The run's input, for the release's ``quality/inputs.json``: nothing skipped is lost."""
    return {
        "inputs": {
            "articles": p.count(),
            "extracted": p.count(TODO),
            "cached": p.count(CACHED, PUBLISHED),
            "unchanged_since_base": p.count(PUBLISHED),  # rows shared with release "base"
            "base": p.base.name if p.base is not None else None,
            "skipped": [{"source": s.source, "reason": s.reason} for s in p.skipped],
            "kept": [a.source for a in p.kept],
            "pruned": [a.source for a in p.pruned],
            "lost": [sha[:16] for sha in p.lost],
        }
    }


def source_entry(article: Article | ArticleInfo) -> dict[str, object]:
    """The article as a Data Package source: its name, URL, publisher and licence if known."""
    url = article.url or (article.source if "://" in article.source else None)
    entry: dict[str, object] = {"title": article.source}
    if url:
        entry["path"] = url
    if article.publisher:
        entry["publisher"] = article.publisher
    if article.license:
        entry["licenses"] = [license_entry(article.license)]
    return entry


SOURCES_LISTED = 1000  # articles named in a descriptor's sources; the articles table has all


def sources(
    articles: Sequence[Article | ArticleInfo], limit: int = SOURCES_LISTED
) -> list[dict[str, object]]:
    """The articles as Data Package sources, the first ``limit`` of them by source, and
    then one entry saying how many more there are (the descriptor stays small)."""
    ordered = sorted(articles, key=lambda a: a.source)
    return listed_sources(ordered[:limit], len(ordered))


def listed_sources(first: Sequence[Article | ArticleInfo], total: int) -> list[dict[str, object]]:
    """The ``first`` articles by source as Data Package sources, then one entry saying how
    many more of the ``total`` there are."""
    listed: list[dict[str, object]] = [source_entry(a) for a in first]
    if total > len(first):
        more = total - len(first)
        listed.append(
            {"title": f"and {more} more articles: resource `articles` lists every source"}
        )
    return listed


def package_meta(config: RunConfig, articles: Sequence[Article | ArticleInfo]) -> PackageMeta:
    return _meta(config, sources(articles))


def plan_meta(config: RunConfig, p: Plan) -> PackageMeta:
    """The release's metadata, its sources from the run's articles (in the state store)."""
    with RunArticles(p.out) as run:
        listed = listed_sources(run.by_source(SOURCES_LISTED), run.count())
    return _meta(config, listed)


def _meta(config: RunConfig, listed: list[dict[str, object]]) -> PackageMeta:
    now = dt.datetime.now(dt.UTC)
    return PackageMeta(
        version=next_version(config.out, now.date()),
        created=now.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        license=config.license,
        sources=listed,
        contributors=config.contributors,
        homepage=config.homepage,
        extra={
            BUILD_KEY: {"extractor_version": EXTRACTOR_VERSION, "tables_version": TABLES_VERSION}
        },
    )


@dataclass(slots=True)
class Timer:
    """Wall-clock seconds per stage, for the run summary."""

    stages: dict[str, float] = field(default_factory=dict)
    _start: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - self._start
        self._start = now

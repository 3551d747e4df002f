"""What each article told the actors table, kept between runs: ``OUT/.state/actor_notes.duckdb``.

The actors table sums up over every published article (an actor's names, roles and states,
how many articles name it). A run with new articles stores their notes here and sums up
the notes of the release's articles with DuckDB, without the facts of the articles
published before (``diplodata.tables.build.summarize`` does the same in Python, from facts);
a run without a base sums up every actor, :data:`SUM_ACTORS` actors at a time.
Notes are keyed by article id and extractor version; each batch of notes is written in one
transaction. Notes stored by a run that has not published yet are *pending*: the store
keeps which articles they are and which actors their notes named before (``pending``,
``replaced``), until the run's release is published (:meth:`ActorNotesStore.published`).
A run killed in between leaves notes that disagree with the latest release (a published
article whose person a namesake moved): the next run makes those articles into rows again
and sums up the actors they named (``diplodata.run.pipeline.release_tables``).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from diplodata.extract.bodies import Body
from diplodata.run.state import STATE_DIR
from diplodata.tables.build import ActorNotes, ActorSummaries, PersonSummary, org_code
from diplodata.tables.resolve import PersonRef

NOTES_FILE = "actor_notes.duckdb"
SUM_ACTORS = 2048  # actors summed up at a time (``ActorNotesStore.summaries_by_group``)

SCHEMA = {
    "articles": "article_id VARCHAR, version VARCHAR",
    "persons": "article_id VARCHAR, ord INTEGER, actor_id VARCHAR, name VARCHAR, "
    "aliases VARCHAR[], role VARCHAR, country VARCHAR, curated_name VARCHAR, "
    "curated_wikidata VARCHAR, country_stated BOOLEAN, year INTEGER, grp VARCHAR",
    "actors": "article_id VARCHAR, actor_id VARCHAR",
    "org_names": "article_id VARCHAR, ord INTEGER, code VARCHAR, name VARCHAR",
    "bodies": "article_id VARCHAR, ord INTEGER, code VARCHAR, name VARCHAR, country VARCHAR",
}


LAYOUT = hashlib.sha256(json.dumps(SCHEMA, sort_keys=True).encode()).hexdigest()[:12]

# What runs that have not published yet changed (not in ``LAYOUT``: a store written before
# these tables existed keeps its notes, which its latest release published)
MARKS = {
    "pending": "article_id VARCHAR",  # notes stored since the latest release was published
    "replaced": "article_id VARCHAR, actor_id VARCHAR",  # what their notes before named
}


def _tables(notes: Sequence[ActorNotes], version: str) -> dict[str, pa.Table]:
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in SCHEMA}
    for note in notes:
        aid = note.article_id
        rows["articles"].append({"article_id": aid, "version": version})
        for i, p in enumerate(note.persons):
            rows["persons"].append(
                {
                    "article_id": aid,
                    "ord": i,
                    "actor_id": p.actor_id,
                    "name": p.name,
                    "aliases": list(p.aliases),
                    "role": p.role,
                    "country": p.country,
                    "curated_name": p.curated_name,
                    "curated_wikidata": p.curated_wikidata,
                    "country_stated": p.country_stated,
                    "year": p.year,
                    "grp": p.group,
                }
            )
        rows["actors"] += [{"article_id": aid, "actor_id": a} for a in sorted(note.actors)]
        rows["org_names"] += [
            {"article_id": aid, "ord": i, "code": c, "name": n}
            for i, (c, n) in enumerate(note.org_names)
        ]
        rows["bodies"] += [
            {"article_id": aid, "ord": i, "code": b.code, "name": b.name, "country": b.country}
            for i, b in enumerate(note.bodies)
        ]
    return {name: pa.Table.from_pylist(r, schema=_arrow(name)) for name, r in rows.items()}


def _arrow(name: str) -> pa.Schema:
    types = {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int32(),
        "VARCHAR[]": pa.list_(pa.string()),
        "BOOLEAN": pa.bool_(),
    }
    columns = [c.strip().split(" ", 1) for c in SCHEMA[name].split(",")]
    return pa.schema([(col, types[kind]) for col, kind in columns])


class ActorNotesStore:
    """The notes of every article extracted into this output folder."""

    def __init__(self, out: Path) -> None:
        self.path = out / STATE_DIR / NOTES_FILE

    def _connect(self) -> duckdb.DuckDBPyConnection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(str(self.path))
        except duckdb.Error:  # damaged: start again (the run then rebuilds every table)
            self.path.unlink(missing_ok=True)
            self.path.with_name(self.path.name + ".wal").unlink(missing_ok=True)
            con = duckdb.connect(str(self.path))
        con.execute("CREATE TABLE IF NOT EXISTS layout (digest VARCHAR)")
        stored = con.execute("SELECT digest FROM layout").fetchall()
        if stored != [(LAYOUT,)]:  # another layout (older code): the notes are made again
            for name in SCHEMA:
                con.execute(f"DROP TABLE IF EXISTS {name}")
            con.execute("DELETE FROM layout")
            con.execute("INSERT INTO layout VALUES ($1)", [LAYOUT])
        for name, columns in (SCHEMA | MARKS).items():
            con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
        return con

    def put(self, notes: Sequence[ActorNotes], version: str) -> None:
        """Store the notes of these articles (replacing what was stored for them), pending
        until :meth:`published`; the actors that the notes replaced (those a release
        published, for an article not pending yet) are kept with them."""
        if not notes:
            return
        data = _tables(notes, version)
        con = self._connect()
        try:
            con.execute("BEGIN TRANSACTION")
            con.register("new_articles", data["articles"])
            con.execute(
                "CREATE TEMP TABLE fresh AS SELECT DISTINCT article_id FROM new_articles "
                "ANTI JOIN pending USING (article_id)"
            )
            con.execute(
                "INSERT INTO replaced SELECT * FROM actors SEMI JOIN fresh USING (article_id)"
            )
            con.execute("INSERT INTO pending SELECT article_id FROM fresh")
            con.execute("DROP TABLE fresh")
            for name, table in data.items():
                replaced = "SELECT article_id FROM new_articles"
                con.execute(f"DELETE FROM {name} WHERE article_id IN ({replaced})")
                con.register("incoming", table)
                con.execute(f"INSERT INTO {name} SELECT * FROM incoming")
                con.unregister("incoming")
            con.execute("COMMIT")
        finally:
            con.close()

    def published(self) -> None:
        """The release of every pending note is published: none is pending any more."""
        if not self.path.exists():
            return
        con = self._connect()
        try:
            con.execute("BEGIN TRANSACTION")
            for name in MARKS:
                con.execute(f"DELETE FROM {name}")
            con.execute("COMMIT")
        finally:
            con.close()

    def pending(self) -> dict[str, set[str]]:
        """The articles whose notes were stored by a run that did not publish (killed, or
        its release refused), each with the actors its notes named before (empty for an
        article that had no notes)."""
        if not self.path.exists():
            return {}
        con = self._connect()
        try:
            rows = con.execute(
                "SELECT p.article_id, r.actor_id FROM pending p "
                "LEFT JOIN replaced r USING (article_id)"
            ).fetchall()
        finally:
            con.close()
        found: dict[str, set[str]] = {}
        for article, actor in rows:
            found.setdefault(str(article), set()).update([str(actor)] if actor else [])
        return found

    def covers(self, versions: Mapping[str, str]) -> bool:
        """True when notes of every article id are stored, made by its extractor version."""
        if not versions:
            return True
        wanted = pa.table({"article_id": list(versions), "version": list(versions.values())})
        return self._covers(lambda con: con.register("wanted", wanted))

    def covers_release(self, files: Sequence[str]) -> bool:
        """True when notes of every article of these Parquet files of an articles table are
        stored, made by its extractor version (read by DuckDB: no row comes to Python)."""
        if not files:
            return True

        def wanted(con: duckdb.DuckDBPyConnection) -> None:
            articles = con.read_parquet(list(files))
            articles.project("article_id, extractor_version AS version").create_view("wanted")

        return self._covers(wanted)

    def _covers(self, wanted: Callable[[duckdb.DuckDBPyConnection], object]) -> bool:
        """True when no article of view ``wanted`` (``article_id``, ``version``), which
        ``wanted(con)`` makes, lacks its notes."""
        if not self.path.exists():
            return False
        con = self._connect()
        try:
            wanted(con)
            (missing,) = con.execute(
                "SELECT count(*) FROM wanted w ANTI JOIN articles a "
                "ON a.article_id = w.article_id AND a.version = w.version"
            ).fetchall()[0]
        finally:
            con.close()
        return int(missing) == 0

    def _values(self, select: str, article_ids: Iterable[str]) -> set[str]:
        """The values a query of one column gives over these articles (table ``ids``)."""
        ids = _ids(article_ids)
        if not ids.num_rows or not self.path.exists():
            return set()
        con = self._connect()
        try:
            con.register("ids", ids)
            rows = con.execute(select).fetchall()
        finally:
            con.close()
        return {str(v) for (v,) in rows}

    def groups(self, article_ids: Iterable[str]) -> set[str]:
        """The namesake groups (``tables.group``) of the persons of these articles."""
        return self._values(
            "SELECT DISTINCT grp FROM persons SEMI JOIN ids USING (article_id) "
            "WHERE grp IS NOT NULL",
            article_ids,
        )

    def refs(
        self, groups: Iterable[str], article_ids: pa.Array | Iterable[str]
    ) -> list[tuple[PersonRef, str]]:
        """The persons of these namesake groups in these articles, as references to resolve
        again, each with the actor id stored for it."""
        wanted = pa.table({"grp": pa.array(sorted(set(groups)), pa.string())})
        ids = _ids(article_ids)
        if not wanted.num_rows or not ids.num_rows or not self.path.exists():
            return []
        con = self._connect()
        try:
            con.register("wanted", wanted)
            con.register("ids", ids)
            rows = con.execute(
                "SELECT name, year, country, country_stated, article_id, actor_id FROM persons "
                "SEMI JOIN wanted USING (grp) SEMI JOIN ids USING (article_id) "
                "ORDER BY article_id, ord"
            ).fetchall()
        finally:
            con.close()
        return [
            (PersonRef(name, year, country, bool(stated), aid), str(actor))
            for name, year, country, stated, aid, actor in rows
        ]

    def actors_of(self, article_ids: Iterable[str]) -> set[str]:
        """Every actor the stored notes of these articles name."""
        return self._values(
            "SELECT DISTINCT actor_id FROM actors SEMI JOIN ids USING (article_id)", article_ids
        )

    def summaries(
        self, article_ids: pa.Array | Iterable[str], actors: Iterable[str] | None = None
    ) -> ActorSummaries:
        """The actors of these articles summed up, as ``tables.summarize`` would from their
        facts (names and roles counted, the first organization name, the last body); only
        the actors ``actors`` when given (an actor's sums read only the notes of the
        articles that name it)."""
        live = _ids(article_ids)
        wanted = sorted(set(actors)) if actors is not None else None
        con = self._connect()
        try:
            con.register("live", live)
            return _summed(con, wanted)
        finally:
            con.close()

    def summaries_by_group(
        self,
        article_ids: pa.Array | Iterable[str],
        actors: Iterable[str] | None = None,
        size: int = SUM_ACTORS,
    ) -> Iterator[ActorSummaries]:
        """What :meth:`summaries` gives, a group of at most ``size`` actors at a time (the
        actors these articles' notes name, or those of ``actors`` among them, in id order:
        each group's actors come after the previous group's), so that neither DuckDB's
        sums nor Python's hold every actor at once."""
        live = _ids(article_ids)
        con = self._connect()
        try:
            # one thread: each of DuckDB's threads keeps its own hash tables and buffers
            # (on 2 cores, 20 MB less at the peak at 100,000 articles, no slower)
            con.execute("SET threads = 1")
            con.register("live", live)
            named = (
                "SELECT DISTINCT actor_id FROM (SELECT actor_id FROM persons "
                "SEMI JOIN live USING (article_id) UNION ALL SELECT actor_id FROM actors "
                "SEMI JOIN live USING (article_id))"
            )
            ids = sorted(str(a) for (a,) in con.execute(named).fetchall())
            if actors is not None:
                of = set(actors)
                ids = [a for a in ids if a in of]
            for start in range(0, len(ids), max(1, size)):
                yield _summed(con, ids[start : start + size])
        finally:
            con.close()


def _ids(article_ids: pa.Array | Iterable[str]) -> pa.Table:
    """Article ids as a table of one column ``article_id`` (an Arrow array of them is taken
    as it is: no Python string per article)."""
    if not isinstance(article_ids, pa.Array):
        article_ids = pa.array(sorted(set(article_ids)), pa.string())
    return pa.table({"article_id": article_ids})


def _summed(con: duckdb.DuckDBPyConnection, wanted: list[str] | None) -> ActorSummaries:
    """The actors of the articles of view ``live`` summed up (only those of ``wanted`` when
    given), on a connection to the store."""
    result = ActorSummaries()
    of_actors, of_codes = "", ""
    if wanted is not None:
        con.register("wanted", pa.table({"actor_id": pa.array(wanted, pa.string())}))
        orgs = [org_code(a) for a in wanted]
        con.register("codes", pa.table({"code": pa.array([c for c in orgs if c], pa.string())}))
        of_actors = " SEMI JOIN wanted USING (actor_id)"
        of_codes = " SEMI JOIN codes USING (code)"
    persons = f"FROM persons SEMI JOIN live USING (article_id){of_actors}"

    def person(actor: str) -> PersonSummary:
        return result.persons.setdefault(actor, PersonSummary())

    for actor, name, n in con.execute(
        f"SELECT actor_id, name, count(*) {persons} GROUP BY ALL"
    ).fetchall():
        person(actor).names[name] = n
    for actor, alias in con.execute(
        f"SELECT DISTINCT actor_id, unnest(aliases) {persons}"
    ).fetchall():
        person(actor).aliases.add(alias)
    for column, attribute, only in (
        ("role", "roles", "true"),
        ("country", "countries", "true"),
        ("country", "stated", "country_stated"),
    ):
        for actor, value, n in con.execute(
            f"SELECT actor_id, {column}, count(*) {persons} "
            f"WHERE {column} IS NOT NULL AND {only} GROUP BY ALL"
        ).fetchall():
            counter: Counter[str] = getattr(person(actor), attribute)
            counter[value] = n
    for actor, name, wikidata in con.execute(
        "SELECT actor_id, c.name, c.wikidata FROM (SELECT actor_id, "
        "arg_max({'name': curated_name, 'wikidata': curated_wikidata}, "
        f"{{'a': article_id, 'o': ord}}) AS c {persons} "
        "WHERE curated_name IS NOT NULL GROUP BY actor_id)"
    ).fetchall():
        person(actor).curated = (name, wikidata)
    result.articles = dict(
        con.execute(
            "SELECT actor_id, count(DISTINCT article_id) FROM actors "
            f"SEMI JOIN live USING (article_id){of_actors} GROUP BY actor_id"
        ).fetchall()
    )
    result.org_names = dict(
        con.execute(
            "SELECT code, arg_min(name, {'a': article_id, 'o': ord}) FROM org_names "
            f"SEMI JOIN live USING (article_id){of_codes} GROUP BY code"
        ).fetchall()
    )
    for code, name, country in con.execute(
        "SELECT code, b.name, b.country FROM (SELECT code, "
        "arg_max({'name': name, 'country': country}, {'a': article_id, 'o': ord}) AS b "
        f"FROM bodies SEMI JOIN live USING (article_id){of_codes} GROUP BY code)"
    ).fetchall():
        result.bodies[code] = Body(code, name, country)
    if wanted is not None:
        for view in ("wanted", "codes"):
            con.unregister(view)
    return result

"""Namesakes told apart group by group (rule 3 of ``diplodata.tables.resolve``), without
holding every person reference of a run in memory.

Only the mentions of full names that no curated person takes need the other articles: those
of one *group* (``tables.build.group``: the name's id before namesakes are told apart) are
resolved together. A run from scratch adds its articles' references batch by batch to a
temporary SQLite database (on disk, deleted when closed), then reads them back one group
at a time: what it keeps is the mentions that a namesake moves off the group's plain id,
by article and name (:data:`Moved`). Every other person of an article is who its name alone
says (``resolve.resolve_person``), which a rows job works out from the article's facts.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from diplodata.tables.build import group
from diplodata.tables.resolve import PersonRef, namesake_ids

# The mentions a namesake moves off their group's plain id: (article id, name) -> actor id.
Moved = dict[tuple[str, str], str]


@dataclass(slots=True)
class GroupedRefs:
    """The references of a run that belong to a namesake group, in their order."""

    con: sqlite3.Connection
    added: int = 0

    @classmethod
    def open(cls) -> GroupedRefs:
        con = sqlite3.connect("", isolation_level=None)  # private, on disk, gone when closed
        con.execute(
            "CREATE TABLE refs (seq INTEGER PRIMARY KEY, grp TEXT NOT NULL, name TEXT NOT NULL, "
            "year INTEGER, country TEXT, stated INTEGER NOT NULL, article TEXT NOT NULL)"
        )
        return cls(con)

    def close(self) -> None:
        self.con.close()

    def add(self, refs: Iterable[PersonRef]) -> None:
        """Keep the references of these (in order) that belong to a group."""
        rows = []
        for ref in refs:
            grp = group(ref)
            if grp is not None:
                rows.append(
                    (grp, ref.name, ref.year, ref.country, ref.country_stated, str(ref.article))
                )
        self.con.execute("BEGIN")
        self.con.executemany(
            "INSERT INTO refs (grp, name, year, country, stated, article) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        self.con.execute("COMMIT")
        self.added += len(rows)

    def _groups(self) -> Iterator[tuple[str, list[PersonRef]]]:
        rows = self.con.execute(
            "SELECT grp, name, year, country, stated, article FROM refs ORDER BY grp, seq"
        )
        for grp, members in itertools.groupby(rows, key=lambda row: row[0]):
            yield grp, [PersonRef(n, y, c, bool(s), a) for _, n, y, c, s, a in members]

    def moved(self) -> Moved:
        """The mentions that namesakes move off their group's plain id (for a name that an
        article gives twice, what its last mention resolves to, as ``resolve_all`` does)."""
        found: Moved = {}
        for grp, refs in self._groups():
            for ref, actor in zip(refs, namesake_ids(grp, refs), strict=True):
                key = (str(ref.article), ref.name)
                if actor != grp:
                    found[key] = actor
                else:
                    found.pop(key, None)
        return found


def moved_of(moved: Mapping[tuple[str, str], str], article_ids: Iterable[str]) -> Moved:
    """The entries of ``moved`` for these articles."""
    ids = set(article_ids)
    return {key: actor for key, actor in moved.items() if key[0] in ids}

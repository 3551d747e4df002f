"""Score a published package against gold annotations (``../shared/gold/GUIDELINES.md``).

Gold is one JSON file per article, named after the article's file stem, with
``persons``, ``meetings``, ``trade_figures`` and ``memberships``. Predicted rows are
read from the package's tables and grouped by the stem of ``articles.source``.
Matching is greedy and one-to-one, gold items marked ``optional`` earn and cost
nothing, and attributes are scored on matched pairs only, as the guidelines say.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from diplodata.access.reader import PackageRows, Row, col
from diplodata.extract.lexicon import DATA_DIR
from diplodata.tables.resolve import fold

TABLES = ("persons", "meetings", "trade_figures", "memberships")
ISO3 = re.compile(r"[A-Z]{3}")


def norm(value: object) -> str:
    """Case, accents and punctuation folded."""
    return "" if value is None else fold(str(value))


def code(value: object) -> str:
    return str(value).strip().upper() if value not in (None, "") else ""


@cache
def _org_index() -> dict[str, str]:
    index: dict[str, str] = {}
    with (DATA_DIR / "organizations.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for key in (row["alias"], row["code"], row["name"]):
                index.setdefault(norm(key), row["code"])
    return index


def org_canon(value: object) -> str | None:
    """Canonical code of a known organization, else its normalized name."""
    key = norm(value)
    key = key[4:] if key.startswith("the ") else key
    if not key:
        return None
    return _org_index().get(key, _org_index().get(key.replace(" ", "_"), key))


@cache
def _role_phrases() -> list[tuple[str, list[str]]]:
    grouped: dict[str, list[str]] = {}
    with (DATA_DIR / "role_categories.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            grouped.setdefault(row["category"], []).append(norm(row["phrase"]))
    return list(grouped.items())


def role_category(value: object) -> str:
    """Office category: multi-word phrases anywhere, one-word phrases in the role's head."""
    key = norm(value).replace("_", " ")
    if not key:
        return ""
    head = re.split(r"\b(?:of|to|for|at|in|with)\b", key)[0]
    for category, phrases in _role_phrases():
        for phrase in phrases:
            if phrase and re.search(rf"\b{re.escape(phrase)}\b", key if " " in phrase else head):
                return category
    return key


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, asked]

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (0.0 if self.fn else 1.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def attribute(self, name: str, right: bool) -> None:
        pair = self.attributes.setdefault(name, [0, 0])
        pair[0] += int(right)
        pair[1] += 1

    def accuracies(self) -> dict[str, float]:
        return {k: v[0] / v[1] for k, v in self.attributes.items() if v[1]}


@dataclass(slots=True)
class Miss:
    article: str
    table: str
    kind: str  # MISSED or EXTRA
    item: Any


@dataclass(slots=True)
class EvalResult:
    scores: dict[str, Score]
    errors: list[Miss]
    absent: list[str] = field(default_factory=list)  # gold articles the package does not hold
    articles: int = 0  # gold articles scored

    @property
    def macro_f1(self) -> float:
        return sum(s.prf()[2] for s in self.scores.values()) / len(self.scores)

    def to_dict(self) -> dict[str, Any]:
        tables = {}
        for name, s in self.scores.items():
            p, r, f = s.prf()
            tables[name] = {
                "precision": round(p, 3),
                "recall": round(r, 3),
                "f1": round(f, 3),
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                **{f"{k}_accuracy": round(v, 3) for k, v in s.accuracies().items()},
            }
        return {"tables": tables, "macro_f1": round(self.macro_f1, 3)}

    def lines(self) -> list[str]:
        out = []
        for name, s in self.scores.items():
            p, r, f = s.prf()
            accs = "".join(
                f" {k}_accuracy={v[0] / v[1]:.2f} ({v[0]}/{v[1]})"
                for k, v in s.attributes.items()
                if v[1]
            )
            out.append(
                f"{name:14s} P={p:.3f} R={r:.3f} F1={f:.3f} (tp={s.tp} fp={s.fp} fn={s.fn}){accs}"
            )
        out.append(
            f"macro-F1 {self.macro_f1:.3f} "
            + " ".join(f"{t}={s.prf()[2]:.2f}" for t, s in self.scores.items())
        )
        return out


# ---------------------------------------------------------------- matching


def match(
    gold: list[Row], predicted: list[Any], same: Callable[[Row, Any], bool]
) -> tuple[list[tuple[Row, Any]], list[Row], list[Any]]:
    """Greedy one-to-one matching, required gold items first."""
    pairs: list[tuple[Row, Any]] = []
    used: set[int] = set()
    for g in sorted(gold, key=lambda g: bool(g.get("optional", False))):
        for i, p in enumerate(predicted):
            if i not in used and same(g, p):
                used.add(i)
                pairs.append((g, p))
                break
    matched = {id(g) for g, _ in pairs}
    return (
        pairs,
        [g for g in gold if id(g) not in matched],
        [p for i, p in enumerate(predicted) if i not in used],
    )


def _tally(
    score: Score,
    errors: list[Miss],
    article: str,
    table: str,
    result: tuple[list[tuple[Row, Any]], list[Row], list[Any]],
) -> list[tuple[Row, Any]]:
    pairs, missed, extra = result
    score.tp += sum(1 for g, _ in pairs if not g.get("optional"))
    required_missed = [g for g in missed if not g.get("optional")]
    score.fn += len(required_missed)
    score.fp += len(extra)
    errors += [Miss(article, table, "MISSED", g) for g in required_missed]
    errors += [Miss(article, table, "EXTRA", p) for p in extra]
    return pairs


def person_keys(person: Row) -> set[str]:
    return {norm(person["name"])} | {norm(a) for a in person.get("aliases", [])}


def _group(rows: Iterable[Row], stems: dict[str, str]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[stems.get(str(col(row, "article_id")), "?")].append(row)
    return grouped


def _score_persons(
    gold: Row,
    mentions: list[Row],
    actors: dict[str, Row],
    score: Score,
    errors: list[Miss],
    stem: str,
) -> None:
    seen: set[str] = set()
    predicted = []
    for m in mentions:
        actor = actors.get(str(col(m, "actor_id")), {})
        if "person" not in norm(col(actor, "kind", default="")) or str(col(m, "actor_id")) in seen:
            continue
        seen.add(str(col(m, "actor_id")))
        predicted.append(
            {
                "name": col(actor, "name", default=""),
                "role": col(m, "role", default=col(actor, "role", default="")),
                "country": col(m, "country", default=col(actor, "country", default="")),
                "posted_to": col(m, "posted_to", default=col(actor, "posted_to", default="")),
            }
        )
    pairs = _tally(
        score,
        errors,
        stem,
        "persons",
        match(gold.get("persons", []), predicted, lambda g, p: norm(p["name"]) in person_keys(g)),
    )
    for g, p in pairs:
        if g.get("country"):
            score.attribute("country", code(p["country"]) == g["country"])
        if g.get("role"):
            score.attribute("role", role_category(p["role"]) == role_category(g["role"]))
        if g.get("posted_to"):
            score.attribute("posted_to", code(p["posted_to"]) == g["posted_to"])


def _score_meetings(
    gold: Row,
    meetings: list[Row],
    participants: dict[str, list[Row]],
    score: Score,
    errors: list[Miss],
    stem: str,
) -> None:
    name_keys = {k: gp["name"] for gp in gold.get("persons", []) for k in person_keys(gp)}

    def key(actor: Row) -> str:
        if "person" in norm(col(actor, "kind", default="")):
            name = norm(col(actor, "name", default=""))
            return name_keys.get(name, name)
        return code(col(actor, "country", default="")) or norm(col(actor, "name", default=""))

    predicted = []
    for m in meetings:
        people = [a for a in participants.get(str(col(m, "meeting_id")), []) if a]
        predicted.append(
            {
                "keys": frozenset(key(a) for a in people),
                "states": frozenset(code(col(a, "country", default="")) for a in people),
                "date": str(col(m, "date", default="") or ""),
                "location_country": code(col(m, "location_country", default="")),
            }
        )

    def gold_keys(g: Row) -> frozenset[str]:
        return frozenset(
            p if ISO3.fullmatch(p) else name_keys.get(norm(p), norm(p)) for p in g["participants"]
        )

    def same(g: Row, p: Row) -> bool:
        by_state = all(ISO3.fullmatch(x) for x in g["participants"])
        parties = gold_keys(g) == p["keys"] or (by_state and gold_keys(g) == p["states"])
        place = (
            not g.get("location_country")
            or not p["location_country"]
            or g["location_country"] == p["location_country"]
            or bool(g.get("optional"))
        )
        return parties and place

    pairs = _tally(
        score, errors, stem, "meetings", match(gold.get("meetings", []), predicted, same)
    )
    for g, p in pairs:
        if g.get("optional"):
            continue
        if g.get("date"):
            score.attribute(
                "date",
                p["date"][: len(g["date"])] == g["date"] and len(p["date"]) <= len(g["date"]) + 9,
            )
        if g.get("location_country"):
            score.attribute("location_country", p["location_country"] == g["location_country"])


def _same_trade(g: Row, p: Row) -> bool:
    gv, pv = (
        (abs(g["value"]), abs(p["value"])) if g["flow"] == "balance" else (g["value"], p["value"])
    )
    if not abs(pv - gv) <= 0.01 * abs(gv):
        return False
    pair_g, pair_p = (g["reporter"], g["partner"]), (p["reporter"], p["partner"])
    if g["flow"] in ("turnover", "balance"):
        return bool(p["flow"] == g["flow"] and set(pair_g) == set(pair_p))
    if p["flow"] == g["flow"] and pair_p == pair_g:
        return True
    mirror = {"exports": "imports", "imports": "exports"}.get(g["flow"])
    return mirror is not None and p["flow"] == mirror and pair_p == pair_g[::-1]


def _score_trade(
    gold: Row, figures: list[Row], score: Score, errors: list[Miss], stem: str
) -> None:
    predicted = []
    for t in figures:
        try:
            value = float(col(t, "value", default="nan"))
        except ValueError:
            value = float("nan")
        predicted.append(
            {
                "flow": norm(col(t, "flow", default="")),
                "reporter": code(col(t, "reporter", default="")),
                "partner": code(col(t, "partner", default="")),
                "value": value,
                "unit": code(col(t, "unit", "currency", default="")),
                "year": str(col(t, "year", default="") or ""),
            }
        )
    pairs = _tally(
        score,
        errors,
        stem,
        "trade_figures",
        match(gold.get("trade_figures", []), predicted, _same_trade),
    )
    for g, p in pairs:
        if g.get("optional"):
            continue
        if g.get("unit"):
            score.attribute("unit", p["unit"] == code(g["unit"]))
        if g.get("year"):
            score.attribute("year", p["year"].split(".")[0] == str(g["year"]))


def _score_memberships(
    gold: Row, rows: list[Row], score: Score, errors: list[Miss], stem: str
) -> None:
    predicted: list[tuple[str, frozenset[str]]] = []
    for m in rows:
        member = code(col(m, "member", "member_country", "country", default=""))
        orgs = frozenset(
            filter(
                None,
                (
                    org_canon(m.get(c))
                    for c in ("organization", "organization_id", "organization_name", "org")
                ),
            )
        )
        if (member, orgs) not in predicted:
            predicted.append((member, orgs))
    _tally(
        score,
        errors,
        stem,
        "memberships",
        match(
            gold.get("memberships", []),
            predicted,
            lambda g, p: p[0] == g["member"] and org_canon(g["organization"]) in p[1],
        ),
    )


def evaluate(descriptor: Path, gold_dir: Path, *, only_present: bool = False) -> EvalResult:
    """Score the package at ``descriptor`` against every gold file in ``gold_dir``.

    A gold article that the package does not hold counts as all missed, as the referee
    counts it, unless ``only_present``; either way it is listed in ``absent``."""
    gold_files = sorted(gold_dir.glob("*.json"))
    if not gold_files:
        raise FileNotFoundError(f"{gold_dir}: no gold files (*.json); pass --gold DIR")
    package = PackageRows(descriptor)
    stems = {
        str(col(a, "article_id")): Path(
            str(col(a, "source", "path", "file", "url", default=""))
        ).stem
        for a in package.rows("articles")
    }
    actors = {str(col(a, "actor_id")): a for a in package.rows("actors")}
    mentions = _group(package.rows("actor_mentions"), stems)
    meetings = _group(package.rows("meetings"), stems)
    participants: dict[str, list[Row]] = defaultdict(list)
    for row in package.rows("meeting_participants"):
        participants[str(col(row, "meeting_id"))].append(actors.get(str(col(row, "actor_id")), {}))
    trades = _group(package.rows("trade_figures"), stems)
    members = _group(package.rows("memberships"), stems)
    scores = {t: Score() for t in TABLES}
    errors: list[Miss] = []
    present = set(stems.values())
    absent: list[str] = []
    scored = 0
    for path in gold_files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        stem = gold.get("article", path.stem)
        if stem not in present:
            absent.append(stem)
            if only_present:
                continue
        scored += 1
        _score_persons(gold, mentions.get(stem, []), actors, scores["persons"], errors, stem)
        _score_meetings(
            gold, meetings.get(stem, []), participants, scores["meetings"], errors, stem
        )
        _score_trade(gold, trades.get(stem, []), scores["trade_figures"], errors, stem)
        _score_memberships(gold, members.get(stem, []), scores["memberships"], errors, stem)
    return EvalResult(scores, errors, absent, scored)

"""What is known about an article's source beyond its text: URL, publisher, language,
licence, and (overriding what the text says) title and publication date.

Local files carry it in a *sidecar*, ``NAME.json`` beside ``NAME.txt`` (or ``.html``), or
in front matter at the top of a ``.md`` file::

    ---
    url: https://news.example.org/2023/05/03/talks.html
    publisher: Example News
    language: en
    license: CC-BY-4.0
    ---

Feeds and pages give the entry's link, the feed's or site's name and the declared language.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from diplodata.models import Article

FIELDS = ("url", "publisher", "language", "license", "title", "published_date")
_URL = re.compile(r"^https?://\S+$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.S)


class SourceError(ValueError):
    """A sidecar or front matter that cannot be used (the message says where and why)."""


@dataclass(frozen=True, slots=True)
class SourceMeta:
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    license: str | None = None
    title: str | None = None
    published_date: dt.date | None = None


def parse_meta(data: dict[str, object], where: str) -> SourceMeta:
    """Check the fields of a sidecar or front matter; ``where`` names it in errors."""
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise SourceError(
            f"{where}: unknown field {unknown[0]!r}; allowed fields are {', '.join(FIELDS)}"
        )
    values: dict[str, object] = {}
    for key, value in data.items():
        if value in (None, ""):
            continue
        if not isinstance(value, str):
            raise SourceError(f"{where}: field {key!r} must be a string, not {value!r}")
        values[key] = value.strip()
    if "url" in values and not _URL.match(str(values["url"])):
        raise SourceError(f"{where}: url {values['url']!r} is not an http(s) URL")
    if "language" in values:
        values["language"] = str(values["language"]).lower()
        if not _LANGUAGE.match(str(values["language"])):
            raise SourceError(f"{where}: language {values['language']!r} is no BCP 47 tag (en)")
    if "published_date" in values:
        try:
            values["published_date"] = dt.date.fromisoformat(str(values["published_date"]))
        except ValueError as exc:
            raise SourceError(f"{where}: published_date must be YYYY-MM-DD") from exc
    return SourceMeta(**values)  # type: ignore[arg-type]


def sidecar_path(path: Path) -> Path:
    return path.with_suffix(".json")


def read_sidecar(path: Path) -> SourceMeta | None:
    """The sidecar ``NAME.json`` of the article file ``path``, if there is one."""
    side = sidecar_path(path)
    if not side.is_file():
        return None
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"{side}: not a readable JSON object ({exc}); fix or remove it") from exc
    if not isinstance(data, dict):
        raise SourceError(f"{side}: must be a JSON object of {', '.join(FIELDS)}")
    return parse_meta(data, str(side))


def split_front_matter(text: str, where: str) -> tuple[SourceMeta | None, str]:
    """Front matter (``key: value`` lines between ``---`` lines) and the text after it."""
    m = _FRONT.match(text.replace("\r\n", "\n").lstrip("\ufeff"))
    if m is None:
        return None, text
    data: dict[str, object] = {}
    for number, line in enumerate(m.group("body").split("\n"), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise SourceError(f"{where}: front matter line {number} is not 'key: value'")
        data[key.strip()] = value.strip().strip("\"'")
    return parse_meta(data, f"{where} (front matter)"), text[m.end() :].lstrip("\n")


def with_meta(article: Article, meta: SourceMeta | None) -> Article:
    """The article with what ``meta`` knows (the text's own title and date otherwise)."""
    if meta is None:
        return article
    known = {k: v for k, v in dataclasses.asdict(meta).items() if v is not None}
    return dataclasses.replace(article, **known)


def html_meta(page: str) -> SourceMeta:
    """Publisher (the site's name) and declared language of an HTML page."""
    import trafilatura

    meta = trafilatura.extract_metadata(page)
    publisher = meta.sitename if meta is not None else None
    lang = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", page, re.I)
    return SourceMeta(publisher=publisher or None, language=lang.group(1).lower() if lang else None)


def source_meta(path: Path, content: str) -> tuple[SourceMeta | None, str]:
    """What a local file's front matter (``.md``) and sidecar say about its source, and the
    text without the front matter; the sidecar wins where both give a field."""
    meta = None
    if path.suffix.lower() == ".md":
        meta, content = split_front_matter(content, str(path))
    side = read_sidecar(path)
    if side is not None:
        ours = {k: v for k, v in dataclasses.asdict(side).items() if v is not None}
        meta = dataclasses.replace(meta, **ours) if meta else side
    return meta, content

"""Articles from RSS/Atom feeds and single web pages, listed in a TOML config file.

The config file (pass it with ``diplodata run --feeds FILE``)::

    # feeds.toml
    [[feed]]                                   # an RSS (0.9x, 1.0, 2.0) or Atom feed
    url = "https://news.example.org/world/rss.xml"
    limit = 20                                 # optional: only the first 20 entries

    [[page]]                                   # one article page
    url = "https://news.example.org/2026/05/20/visit.html"

Every entry of a feed becomes an article: its full content when the feed carries it
(Atom ``<content>``, RSS ``<content:encoded>``), otherwise the page its link points to,
fetched and reduced to its main text. ``Article.source`` is the entry's or page's URL.
Whatever cannot be read (a 404, a page without article text, a feed that does not parse)
becomes a ``Skipped`` with the reason; nothing is dropped silently. Transient network
errors are retried (see ``diplodata.ingest.http``); a broken config file raises ``FeedConfigError``.
"""

from __future__ import annotations

import datetime as dt
import html
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

from diplodata.ingest.articles import Batch, InputError, Skipped, article_from_text
from diplodata.ingest.html import html_to_text
from diplodata.ingest.http import DEFAULT_RETRY, FetchError, Retry, get, make_client
from diplodata.ingest.sources import SourceMeta, html_meta
from diplodata.models import Article

FULL_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


class FeedConfigError(InputError):
    """The feeds config file cannot be read or is not in the documented format."""


class ItemError(Exception):
    """One feed entry or page could not be turned into an article."""


@dataclass(frozen=True, slots=True)
class FeedSpec:
    url: str
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class FeedConfig:
    feeds: tuple[FeedSpec, ...] = ()
    pages: tuple[str, ...] = ()


def _url(value: object, where: str) -> str:
    if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https"):
        raise FeedConfigError(f'{where}: url must be an http(s) URL, e.g. url = "https://..."')
    return value


def _entries(data: dict[str, Any], key: str, allowed: set[str], path: Path) -> list[dict]:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise FeedConfigError(f"{path}: write [[{key}]] (an array of tables), not [{key}]")
    for number, item in enumerate(items, 1):
        unknown = set(item) - allowed
        if unknown:
            raise FeedConfigError(
                f"{path}: [[{key}]] number {number} has unknown keys {sorted(unknown)}; "
                f"allowed: {sorted(allowed)}"
            )
    return items


def load_config(path: Path) -> FeedConfig:
    """Parse and check a feeds config file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FeedConfigError(f"{path}: cannot read the feeds config ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FeedConfigError(
            f"{path}: not valid TOML ({exc}); see diplodata.ingest.feeds"
        ) from exc
    unknown = set(data) - {"feed", "page"}
    if unknown:
        raise FeedConfigError(
            f"{path}: unknown entries {sorted(unknown)}; use [[feed]] and [[page]] tables"
        )
    feeds = []
    for n, item in enumerate(_entries(data, "feed", {"url", "limit"}, path), 1):
        limit = item.get("limit")
        if limit is not None and (not isinstance(limit, int) or limit < 1):
            raise FeedConfigError(f"{path}: [[feed]] number {n}: limit must be a positive integer")
        feeds.append(FeedSpec(_url(item.get("url"), f"{path}: [[feed]] number {n}"), limit))
    pages = [
        _url(item.get("url"), f"{path}: [[page]] number {n}")
        for n, item in enumerate(_entries(data, "page", {"url"}, path), 1)
    ]
    return FeedConfig(tuple(feeds), tuple(pages))


def _fetch(client: httpx.Client, url: str, retry: Retry) -> httpx.Response:
    try:
        return get(client, url, retry)
    except FetchError as exc:
        raise ItemError(str(exc)) from exc


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def read_page(client: httpx.Client, url: str, retry: Retry = DEFAULT_RETRY) -> Article:
    """One web page, reduced to its article text."""
    response = _fetch(client, url, retry)
    kind = _media_type(response)
    if kind not in PAGE_TYPES:
        raise ItemError(f"{url}: not an HTML page (Content-Type {kind})")
    if kind == "text/plain":
        return replace(_article(response.text, url), url=url)
    meta = html_meta(response.text)
    article = _article(html_to_text(response.text, source=url), url)
    return replace(article, url=url, publisher=meta.publisher, language=meta.language)


def _article(text: str, url: str) -> Article:
    article = article_from_text(text, url)
    if not article.text.strip():
        raise ItemError(f"{url}: no article text found in the page")
    return article


def _full_content(entry: Any) -> str | None:
    """The entry's full text as HTML, when the feed carries it."""
    for content in entry.get("content", []):
        if content.get("type", "text/html") in FULL_CONTENT_TYPES and content.get("value"):
            value = str(content["value"])
            return value if content.get("type") != "text/plain" else f"<p>{html.escape(value)}</p>"
    return None


def _published(entry: Any) -> dt.date | None:
    parsed = entry.get("published_parsed")
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def entry_article(
    client: httpx.Client,
    entry: Any,
    feed_url: str,
    retry: Retry = DEFAULT_RETRY,
    feed: SourceMeta | None = None,
) -> Article:
    """The article of one feed entry: its full content, or else the page it links to; its
    URL is the entry's link, its publisher and language the feed's unless the page says."""
    link = urljoin(feed_url, str(entry.get("link", "")).strip())
    title = str(entry.get("title", "")).strip()
    content = _full_content(entry)
    article = None
    if content is not None:
        page = f"<html><head><title>{html.escape(title)}</title></head>"
        page += f"<body><article>{content}</article></body></html>"
        text = html_to_text(page, source=link)
        if text.strip():
            article = article_from_text(text, link or f"{feed_url}#{entry.get('id', title)}")
    if article is None:
        if link in ("", feed_url):
            raise ItemError(f"{feed_url}: entry {title!r} has neither content nor a link")
        article = read_page(client, link, retry)
    date = _published(entry)
    if article.published_date is None and date is not None:
        article = replace(article, published_date=date)
    feed = feed or SourceMeta()
    return replace(
        article,
        url=article.url or (link if link not in ("", feed_url) else None),
        publisher=article.publisher or feed.publisher,
        language=article.language or feed.language,
    )


def read_feed(client: httpx.Client, spec: FeedSpec, retry: Retry = DEFAULT_RETRY) -> Batch:
    """Every entry of one feed; entries that fail are ``Skipped`` with the reason."""
    batch = Batch()
    try:
        response = _fetch(client, spec.url, retry)
    except ItemError as exc:
        batch.skipped.append(Skipped(spec.url, f"feed not fetched: {exc}"))
        return batch
    headers = {"content-location": str(response.url), **dict(response.headers)}
    parsed = feedparser.parse(response.content, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception", "no RSS or Atom elements")
        batch.skipped.append(Skipped(spec.url, f"{spec.url}: not an RSS or Atom feed ({reason})"))
        return batch
    about = parsed.get("feed", {})
    feed = SourceMeta(
        publisher=str(about.get("title", "")).strip() or None,
        language=str(about.get("language", "")).strip().lower() or None,
    )
    for entry in parsed.entries[: spec.limit]:
        try:
            batch.articles.append(entry_article(client, entry, spec.url, retry, feed))
        except ItemError as exc:
            source = urljoin(spec.url, str(entry.get("link", ""))) or spec.url
            batch.skipped.append(Skipped(source, f"{exc} (entry of feed {spec.url})"))
    return batch


def _dedupe(batch: Batch) -> Batch:
    """One article per text and per URL: the first wins, the others are listed as skipped."""
    out = Batch(skipped=list(batch.skipped))
    seen: dict[str, str] = {}
    for article in batch.articles:
        first = seen.get(article.article_id) or seen.get(article.source)
        if first is not None:
            out.skipped.append(Skipped(article.source, f"{article.source}: same as {first}"))
            continue
        seen[article.article_id] = seen[article.source] = article.source
        out.articles.append(article)
    return out


def read_feeds(
    config_path: Path, client: httpx.Client | None = None, retry: Retry = DEFAULT_RETRY
) -> Batch:
    """The articles of every feed and page in ``config_path``, and what was skipped."""
    config = load_config(config_path)
    batch = Batch()
    own = client is None
    http = client or make_client()
    try:
        for feed in config.feeds:
            fetched = read_feed(http, feed, retry)
            batch.articles += fetched.articles
            batch.skipped += fetched.skipped
        for url in config.pages:
            try:
                batch.articles.append(read_page(http, url, retry))
            except ItemError as exc:
                batch.skipped.append(Skipped(url, str(exc)))
    finally:
        if own:
            http.close()
    return _dedupe(batch)

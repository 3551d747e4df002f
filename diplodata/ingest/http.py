"""One HTTP client for feeds and downloads: timeouts, and bounded retries with backoff on
transient errors only.

Transient: connect and read timeouts, a connection dropped while reading, HTTP 429 and
every 5xx status. Never retried: 404 and the other 4xx statuses, a refused connection, an
unknown host, and anything wrong with the content itself (the caller's parse errors).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import httpx

T = TypeVar("T")

USER_AGENT = "diplodata/0.1 (+https://github.com/diplodata)"
TRANSIENT_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,  # connect, read, write and pool timeouts
    httpx.ReadError,  # connection reset while reading
    httpx.RemoteProtocolError,  # peer closed the connection before the whole body
)


class FetchError(RuntimeError):
    """A URL could not be fetched; ``status`` is the HTTP status when there was one."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


@dataclass(frozen=True, slots=True)
class Retry:
    """At most ``attempts`` tries; waits ``backoff * 2**n`` seconds (capped) between them."""

    attempts: int = 4
    backoff: float = 0.5
    max_delay: float = 10.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def delay(self, attempt: int, exc: BaseException | None = None) -> float:
        """Seconds to wait after failed try number ``attempt`` (1-based); honours a
        numeric ``Retry-After`` header, within ``max_delay``."""
        wait = self.backoff * 2 ** (attempt - 1)
        if isinstance(exc, httpx.HTTPStatusError):
            after = exc.response.headers.get("retry-after", "")
            if after.strip().isdigit():
                wait = max(wait, float(after))
        return min(wait, self.max_delay)


DEFAULT_RETRY = Retry()
NO_RETRY = Retry(attempts=1)
OnRetry = Callable[[int, BaseException, float], None]  # (attempt, error, seconds to wait)


def is_transient_status(status: int) -> bool:
    return status == 429 or 500 <= status <= 599


def is_transient(exc: BaseException) -> bool:
    """Whether trying again later may succeed."""
    if isinstance(exc, httpx.HTTPStatusError):
        return is_transient_status(exc.response.status_code)
    return isinstance(exc, TRANSIENT_EXCEPTIONS)


def make_client(timeout: float = 30.0, connect_timeout: float = 10.0) -> httpx.Client:
    """An ``httpx.Client`` with timeouts, redirects followed and our user agent."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
    )


def describe(exc: BaseException) -> str:
    """A short human reason for an HTTP failure."""
    if isinstance(exc, httpx.HTTPStatusError):
        response = exc.response
        return f"HTTP {response.status_code} {response.reason_phrase}".strip()
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({type(exc).__name__})"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({exc})"
    if isinstance(exc, httpx.HTTPError):
        return f"{type(exc).__name__}: {exc}"
    return str(exc)


def _status(exc: BaseException) -> int | None:
    return exc.response.status_code if isinstance(exc, httpx.HTTPStatusError) else None


def with_retries(
    call: Callable[[], T], url: str, retry: Retry = DEFAULT_RETRY, on_retry: OnRetry | None = None
) -> T:
    """``call()``, tried again after transient errors; any failure becomes a ``FetchError``."""
    attempts = max(1, retry.attempts)
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except httpx.HTTPError as exc:
            if not is_transient(exc):
                raise FetchError(url, describe(exc), _status(exc)) from exc
            if attempt == attempts:
                reason = f"{describe(exc)}, still failing after {attempts} attempts"
                raise FetchError(url, reason, _status(exc)) from exc
            wait = retry.delay(attempt, exc)
            if on_retry is not None:
                on_retry(attempt, exc, wait)
            retry.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def get(
    client: httpx.Client, url: str, retry: Retry = DEFAULT_RETRY, on_retry: OnRetry | None = None
) -> httpx.Response:
    """GET ``url`` with its body read; raises ``FetchError`` unless the status is 2xx."""

    def once() -> httpx.Response:
        response = client.get(url)
        response.raise_for_status()
        return response

    return with_retries(once, url, retry, on_retry)


def stream_to_file(
    client: httpx.Client,
    url: str,
    part: Path,
    size: int,
    on_bytes: Callable[[int], None] | None = None,
) -> bool:
    """One GET of ``url`` (``size`` bytes long) into ``part``. When ``part`` already holds
    some bytes, only the rest is asked for with a ``Range`` request and appended; a server
    that ignores it sends the whole file, which replaces ``part``. Reading stops just past
    ``size`` bytes. Returns True when it resumed. HTTP errors raise ``httpx`` exceptions
    (wrap the call in ``with_retries``); whatever arrived before a hang-up stays in ``part``.
    """
    offset = part.stat().st_size if part.exists() else 0
    if offset > size:
        part.unlink()
        offset = 0
    if offset == size and offset:
        return False  # complete already: the caller verifies it
    headers = {"Accept-Encoding": "identity"}  # byte offsets of the file itself
    if offset:
        headers["Range"] = f"bytes={offset}-"
    with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 416 and offset:  # the file is shorter than our part
            part.unlink()
            return stream_to_file(client, url, part, size, on_bytes)  # once, from the start
        response.raise_for_status()
        start = response.headers.get("content-range", "").removeprefix("bytes ").split("-")[0]
        resumed = response.status_code == 206 and start == str(offset)
        received = offset if resumed else 0
        with part.open("ab" if resumed else "wb") as handle:
            for chunk in response.iter_bytes():  # as received: nothing lost on a hang-up
                handle.write(chunk)
                received += len(chunk)
                if on_bytes is not None:
                    on_bytes(received)
                if received > size:
                    break  # longer than expected: the caller's verification refuses it
    return resumed

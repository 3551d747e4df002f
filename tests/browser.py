"""A real headless Chromium, driven over the DevTools protocol (CDP) with a small client.

Why CDP rather than scraping ``--enable-logging`` output: Chromium's log does not say a
console message's level, and CDP reports every kind of page problem as a typed event:
``Runtime.exceptionThrown`` (uncaught errors), ``Runtime.consoleAPICalled`` (console.error,
console.warn, ...) and ``Log.entryAdded`` (blocked requests, Content-Security-Policy
violations, network errors). It also lets a test read the rendered page and type into it.
The client is ``websockets`` (sync API) and ``httpx``; no browser is downloaded.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.sync.client import ClientConnection, connect

from flows.server import terminate

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-port=0",
    "--remote-allow-origins=*",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass(slots=True)
class Page:
    """One tab: navigate, evaluate JavaScript, and the problems the page reported."""

    socket: ClientConnection
    problems: list[str] = field(default_factory=list)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def send(self, method: str, timeout: float = 30, **params: Any) -> dict[str, Any]:
        ident = next(self._ids)
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))

    def _receive(self, deadline: float) -> dict[str, Any]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no answer from Chromium")
        message: dict[str, Any] = json.loads(self.socket.recv(timeout=remaining))
        self._note(message)
        return message

    def _note(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            self.problems.append(f"uncaught: {text}")
        elif method == "Runtime.consoleAPICalled" and params["type"] in (
            "error",
            "warning",
            "assert",
        ):
            args = " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
            self.problems.append(f"console.{params['type']}: {args}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            entry = params["entry"]
            self.problems.append(f"{entry['source']} {entry['level']}: {entry['text']}")

    def open(self, url: str, timeout: float = 30) -> None:
        """Navigate and wait for the load event."""
        self.send("Page.navigate", url=url)
        deadline = time.monotonic() + timeout
        while self._receive(deadline).get("method") != "Page.loadEventFired":
            pass

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def settle(self, seconds: float = 0.5) -> None:
        """Let late events (timers, blocked requests) arrive."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self._receive(deadline)
        except TimeoutError:
            return


@contextmanager
def chromium() -> Iterator[Page]:
    """Start headless Chromium with a new empty profile and yield its first tab."""
    binary = chromium_path()
    assert binary is not None
    # Chromium's helper processes may still write to the profile for a moment after the
    # browser exits: the profile is removed after them, retried, never failing the test.
    with tempfile.TemporaryDirectory(
        prefix="diplodata-chromium-", ignore_cleanup_errors=True
    ) as profile:
        process = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert process.stderr is not None
            port = None
            deadline = time.monotonic() + 60
            while port is None and time.monotonic() < deadline:
                line = process.stderr.readline()
                if not line and process.poll() is not None:
                    raise RuntimeError(f"chromium exited with code {process.returncode}")
                found = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
                port = int(found.group(1)) if found else None
            assert port is not None, "chromium did not open its DevTools port"
            targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
            tab = next(t for t in targets if t["type"] == "page")
            with connect(tab["webSocketDebuggerUrl"], max_size=None) as socket:
                page = Page(socket)
                for domain in ("Page", "Runtime", "Log"):
                    page.send(f"{domain}.enable")
                yield page
        finally:
            terminate(process)
            for _ in range(20):
                shutil.rmtree(profile, ignore_errors=True)
                if not os.path.exists(profile):
                    break
                time.sleep(0.25)

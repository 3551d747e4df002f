"""A small real HTTP server for tests: serves a folder on 127.0.0.1 (free port) from a
background thread, with ``Range`` requests, injected transient failures and cut-off bodies.

    with serve(folder) as server:
        server.fail("/catalog.json", times=2)          # two 503s, then the file
        server.cut("/data/x.parquet", after=100)        # first response stops after 100 bytes
        server.ignore_ranges()                          # always 200 with the whole file
        httpx.get(server.url + "/catalog.json")
        server.requests                                 # [(path, range header or ""), ...]
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


@dataclass
class _Faults:
    failures: dict[str, list[int]] = field(default_factory=dict)  # path -> statuses to send
    cuts: dict[str, list[int]] = field(default_factory=dict)  # path -> bytes before hanging up
    requests: list[tuple[str, str]] = field(default_factory=list)
    ranges: bool = True  # False: ignore Range headers, like ``python -m http.server``
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, table: dict[str, list[int]], path: str) -> int | None:
        with self.lock:
            pending = table.get(path)
            return pending.pop(0) if pending else None


class _Handler(SimpleHTTPRequestHandler):
    faults: _Faults

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        self.faults.requests.append((path, self.headers.get("Range", "")))
        status = self.faults.take(self.faults.failures, path)
        if status is not None:
            self.send_error(status, "injected failure")
            return
        file = Path(self.translate_path(self.path))
        if not file.is_file():
            self.send_error(404, "not found")
            return
        self._send_file(file, path)

    def _send_file(self, file: Path, path: str) -> None:
        data = file.read_bytes()
        start, end, status = 0, len(data), 200
        match = _RANGE.match(self.headers.get("Range", "")) if self.faults.ranges else None
        if match:
            start = int(match.group(1))
            end = min(len(data), int(match.group(2)) + 1) if match.group(2) else len(data)
            if start >= len(data):
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(data)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 206
        body = data[start:end]
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end - 1}/{len(data)}")
        self.end_headers()
        cut = self.faults.take(self.faults.cuts, path)
        self.wfile.write(body if cut is None else body[:cut])
        if cut is not None:
            self.wfile.flush()
            self.close_connection = True


@dataclass
class TestServer:
    url: str
    root: Path
    faults: _Faults

    __test__ = False  # not a pytest test class

    def fail(self, path: str, times: int = 1, status: int = 503) -> None:
        """The next ``times`` requests for ``path`` get ``status`` instead of the file."""
        with self.faults.lock:
            self.faults.failures.setdefault(path, []).extend([status] * times)

    def cut(self, path: str, after: int, times: int = 1) -> None:
        """The next ``times`` responses for ``path`` hang up after ``after`` body bytes."""
        with self.faults.lock:
            self.faults.cuts.setdefault(path, []).extend([after] * times)

    def ignore_ranges(self) -> None:
        """Answer every request with the whole file (200), as simple servers do."""
        self.faults.ranges = False

    @property
    def requests(self) -> list[tuple[str, str]]:
        return list(self.faults.requests)


@contextmanager
def serve(root: Path) -> Iterator[TestServer]:
    """Serve ``root`` on 127.0.0.1 until the block ends."""
    faults = _Faults()
    directory = str(root)

    class Handler(_Handler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=directory, **kwargs)

    Handler.faults = faults
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield TestServer(f"http://127.0.0.1:{httpd.server_port}", root, faults)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)

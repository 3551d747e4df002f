"""The Prefect server that diplodata keeps running in the background, and how runs find it.

``diplodata server start`` runs ``prefect server start`` on 127.0.0.1 as a detached process;
``diplodata serve`` runs one for as long as it serves. Either way the server is recorded in
one place, the server folder (``$DIPLODATA_PREFECT_HOME``, by default
``~/.diplodata/prefect``):

- ``server.json``: its process id, port and API URL, and who started it;
- ``server.log``: its output;
- ``prefect.db``: its database (flow runs, logs, deployments), kept across restarts.

``diplodata run`` reads ``server.json`` to use a running server instead of starting Prefect's
temporary one (10 to 20 s more per run). Only the standard library and httpx here: the
commands that manage the server do not import Prefect.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

HOME_ENV = "DIPLODATA_PREFECT_HOME"
RECORD = "server.json"
LOG = "server.log"
DEFAULT_PORT = 4200  # Prefect's own default
STARTUP_TIMEOUT = 120.0  # seconds; a fresh database takes about 12 s on 2 cores
STOP_TIMEOUT = 30.0
HOST = "127.0.0.1"


class ServerError(RuntimeError):
    """A Prefect server did not start, or cannot be started or stopped as asked."""


def server_home() -> Path:
    """The server folder: ``$DIPLODATA_PREFECT_HOME``, else ``~/.diplodata/prefect``."""
    return Path(os.environ.get(HOME_ENV) or Path.home() / ".diplodata" / "prefect")


@dataclass(frozen=True, slots=True)
class ServerRecord:
    """A Prefect server diplodata started: written to ``server.json`` while it runs."""

    pid: int  # the server's process (and process group)
    port: int
    owner: str  # "server start", or "serve" (the server lives as long as that serve)
    owner_pid: int  # the process that started it
    started: str  # UTC, ISO 8601

    @classmethod
    def new(cls, pid: int, port: int, owner: str) -> ServerRecord:
        """The record of a server this process just started."""
        started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return cls(pid, port, owner, os.getpid(), started)

    @property
    def url(self) -> str:
        """The API URL, for ``PREFECT_API_URL``."""
        return f"http://{HOST}:{self.port}/api"

    @property
    def ui(self) -> str:
        return f"http://{HOST}:{self.port}"


def read_record(home: Path) -> ServerRecord | None:
    """The recorded server, or None (no record, or one that cannot be read)."""
    try:
        data = json.loads((home / RECORD).read_text(encoding="utf-8"))
        return ServerRecord(**data)
    except (OSError, ValueError, TypeError):
        return None


def write_record(home: Path, record: ServerRecord) -> None:
    home.mkdir(parents=True, exist_ok=True)
    part = home / f".{RECORD}.{os.getpid()}"
    part.write_text(json.dumps(asdict(record), indent=2) + "\n", encoding="utf-8")
    part.replace(home / RECORD)


def remove_record(home: Path, pid: int) -> None:
    """Remove the record of the server ``pid`` (not a newer server's)."""
    record = read_record(home)
    if record is None or record.pid == pid:
        (home / RECORD).unlink(missing_ok=True)


def alive(pid: int) -> bool:
    """Whether ``pid`` is a running Prefect server process (not a zombie, not a process
    that got the number of a server that is gone)."""
    if not alive_process(pid):
        return False
    proc = Path("/proc") / str(pid)
    try:
        if (proc / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return False
        return b"prefect" in (proc / "cmdline").read_bytes()
    except (OSError, IndexError):
        return True  # no /proc (not Linux): the process exists


def answers(url: str, timeout: float = 2.0) -> bool:
    """Whether the Prefect API at ``url`` answers its health check."""
    try:
        return httpx.get(f"{url}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


@dataclass(frozen=True, slots=True)
class Found:
    """What the server folder says: a running server, and a stale record found."""

    running: ServerRecord | None = None
    stale: ServerRecord | None = None  # its process is gone


def find(home: Path, clean: bool = True) -> Found:
    """The recorded server if its process runs; a record whose process is gone is stale
    (and removed, with ``clean``)."""
    record = read_record(home)
    if record is None:
        return Found()
    if alive(record.pid):
        return Found(running=record)
    if clean:
        remove_record(home, record.pid)
    return Found(stale=record)


def discover(home: Path, timeout: float = 5.0) -> tuple[str | None, str | None]:
    """The API URL of a running, answering server recorded in ``home``, else None and why
    not (None when nothing is recorded)."""
    found = find(home, clean=False)
    if found.running is None:
        return None, None
    if answers(found.running.url, timeout):
        return found.running.url, None
    return None, (
        f"the Prefect server recorded in {home / RECORD} (pid {found.running.pid}) does not "
        f"answer at {found.running.url}; see {home / LOG}"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError:
            return True
    return False


def wait_until(
    predicate: Callable[[], object], timeout: float, what: str, interval: float = 0.5
) -> object:
    """Poll ``predicate`` until it returns something truthy; give up after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"gave up after {timeout:.0f}s waiting for {what}")


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGINT, timeout: float = 30) -> None:
    """Signal the process group, then kill it if it does not exit in time."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def server_command(port: int) -> list[str]:
    """``prefect server start`` on loopback, from this environment."""
    prefect = str(Path(sys.executable).parent / "prefect")
    return [prefect, "server", "start", "--host", HOST, "--port", str(port)]


def server_env(home: Path) -> dict[str, str]:
    """The server's environment: its own ``PREFECT_HOME`` (its database), offline."""
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }
    env.pop("PREFECT_API_URL", None)
    return env


def _last_line(log: Path) -> str:
    try:
        lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return "no output"
    return lines[-1].strip()[:300] if lines else "no output"


def wait_healthy(process: subprocess.Popen[bytes], url: str, log: Path, timeout: float) -> None:
    """Wait for the server ``process`` to answer at ``url``; a server that exits first or
    does not answer in time is a :class:`ServerError` quoting its log."""

    def healthy() -> bool:
        if process.poll() is not None:
            last = _last_line(log)
            if "address already in use" in last.lower():
                raise ServerError(f"{url}: the port is in use; pass another --port")
            raise ServerError(
                f"the Prefect server exited (code {process.returncode}): {last}; see {log}"
            )
        return answers(url)

    try:
        wait_until(healthy, timeout, f"the Prefect server at {url}")
    except TimeoutError as exc:
        raise ServerError(f"{exc}; see {log}") from exc


def check_start(home: Path, port: int = DEFAULT_PORT) -> tuple[int, ServerRecord | None]:
    """Before a start: the port to use (``port`` 0 picks a free one) and a stale record
    removed, if any; a :class:`ServerError` when a server runs already or the port is
    taken."""
    found = find(home)
    if found.running is not None:
        record = found.running
        raise ServerError(
            f"a Prefect server is already running at {record.ui} (pid {record.pid}, started "
            f"by diplodata {record.owner}); `diplodata server stop` stops it"
        )
    port = port or free_port()
    if port_in_use(port):
        raise ServerError(
            f"port {port} on {HOST} is in use by another program; pass --port N "
            "(--port 0 picks a free one)"
        )
    return port, found.stale


def start(home: Path, port: int = DEFAULT_PORT, timeout: float = STARTUP_TIMEOUT) -> ServerRecord:
    """Start a Prefect server in the background (it outlives this process) and record it;
    return once it answers. ``port`` 0 picks a free port."""
    port, _ = check_start(home, port)
    home.mkdir(parents=True, exist_ok=True)
    log = home / LOG
    with log.open("ab") as output:
        process = subprocess.Popen(
            server_command(port),
            env=server_env(home),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, out of the terminal's reach
        )
    record = ServerRecord.new(process.pid, port, "server start")
    write_record(home, record)
    try:
        wait_healthy(process, record.url, log, timeout)
    except BaseException:
        stop(process, signal.SIGTERM)
        remove_record(home, process.pid)
        raise
    return record


def shutdown(home: Path, timeout: float = STOP_TIMEOUT) -> Found:
    """Stop the server ``diplodata server start`` started and remove its record. A server
    that ``serve`` runs is refused (stop ``serve``). Returns what was found."""
    found = find(home)
    record = found.running
    if record is None:
        return found
    if record.owner == "serve" and alive_process(record.owner_pid):
        raise ServerError(
            f"the Prefect server at {record.ui} belongs to `diplodata serve` (pid "
            f"{record.owner_pid}); stop serve (Ctrl-C) and the server stops with it"
        )
    signal_group(record.pid, signal.SIGTERM)
    try:
        wait_until(lambda: not alive(record.pid), timeout, f"pid {record.pid} to exit", 0.2)
    except TimeoutError:
        signal_group(record.pid, signal.SIGKILL)
        wait_until(lambda: not alive(record.pid), 10, f"pid {record.pid} to exit", 0.2)
    remove_record(home, record.pid)
    return found


def alive_process(pid: int) -> bool:
    """Whether a process ``pid`` exists (another user's included)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def signal_group(pid: int, sig: int) -> None:
    """Signal the server's process group (it leads one), or the process alone."""
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)

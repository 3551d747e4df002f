"""A dedicated Prefect server on 127.0.0.1, started and stopped by diplodata.

Prefect's temporary (ephemeral) server cannot run schedules, so `diplodata serve` starts
this one when no ``PREFECT_API_URL`` is set: ``prefect server start`` in a child process,
with its own ``PREFECT_HOME`` (its database lives there across restarts).
"""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

STARTUP_TIMEOUT = 120.0  # seconds; a fresh database takes about 12 s on 2 cores


class ServerError(RuntimeError):
    """The Prefect server did not start."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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


def stop(process: "subprocess.Popen[bytes]", sig: int = signal.SIGINT, timeout: float = 30) -> None:
    """Signal the process group, then kill it if it does not exit in time."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


@contextmanager
def local_server(home: Path, port: int | None = None) -> Iterator[str]:
    """Run ``prefect server start`` on 127.0.0.1 and yield its API URL once it is healthy."""
    home.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }
    env.pop("PREFECT_API_URL", None)
    log_path = home / "server.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "prefect"),
                "server",
                "start",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}/api"

        def healthy() -> bool:
            if process.poll() is not None:
                raise ServerError(
                    f"the Prefect server exited (code {process.returncode}); see {log_path}"
                )
            try:
                return httpx.get(f"{url}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        try:
            wait_until(
                healthy, STARTUP_TIMEOUT, f"the Prefect server on port {port} (log: {log_path})"
            )
            yield url
        finally:
            stop(process, signal.SIGTERM)

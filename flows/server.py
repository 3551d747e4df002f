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

from diplodata.lifeline import die_with_parent

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
            preexec_fn=die_with_parent,  # killed with `serve`, even by kill -9
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


def _start_temporary(port: int) -> "subprocess.Popen[bytes]":
    """Prefect's temporary API server (the same command Prefect runs), tied to this process."""
    import prefect
    from prefect.settings import get_current_settings

    env = {
        **os.environ,
        **get_current_settings().to_environment_variables(exclude_unset=True),
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
    }
    env.pop("PREFECT_API_URL", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            str(Path(prefect.__file__).parent.parent),
            "--factory",
            "prefect.server.api.server:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "error",
            "--lifespan",
            "on",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        preexec_fn=die_with_parent,  # the only way to set PDEATHSIG
    )


@contextmanager
def temporary_server(
    attempts: int = 3, timeout: float = 90.0, backoff: float = 2.0
) -> Iterator[str]:
    """A temporary Prefect API server for one run, yielding its API URL.

    Unlike Prefect's own, it dies with the run whatever kills the run (kill -9 included:
    the kernel sends it SIGKILL when its parent dies), and a start that fails or times out
    (a loaded machine) is retried on another port, waiting ``backoff`` seconds, doubled
    each time."""
    last = ""
    for attempt in range(attempts):
        port = free_port()
        process = _start_temporary(port)
        url = f"http://127.0.0.1:{port}/api"

        def healthy(process: "subprocess.Popen[bytes]" = process, url: str = url) -> bool:
            if process.poll() is not None:
                raise ServerError(f"exited with code {process.returncode}")
            try:
                return httpx.get(f"{url}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        try:
            wait_until(healthy, timeout, f"the temporary Prefect server on port {port}", 0.1)
        except (ServerError, TimeoutError) as exc:
            last = str(exc)
            terminate(process)
            if attempt + 1 < attempts:
                time.sleep(backoff * 2**attempt)
            continue
        try:
            yield url
        finally:
            terminate(process)
        return
    raise ServerError(
        f"the temporary Prefect server did not start after {attempts} attempts ({last}); "
        "retry later, or run a Prefect server and set PREFECT_API_URL"
    )


def terminate(process: "subprocess.Popen[bytes]") -> None:
    """Stop a child process: SIGTERM, then SIGKILL if it is still there after 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)

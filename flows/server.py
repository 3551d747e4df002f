"""Prefect servers that live as long as one diplodata process.

Prefect's temporary (ephemeral) server cannot run schedules, so `diplodata serve` starts
a dedicated one when no server is configured or running: ``prefect server start`` in a
child process, with its own ``PREFECT_HOME`` (its database lives there across restarts).
`diplodata run` starts a temporary one when it finds no server (``diplodata.run.prefect_server``
finds them, and starts the one that outlives its command, ``diplodata server start``).
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from diplodata.run.lifeline import die_with_parent
from diplodata.run.prefect_server import (
    LOG,
    STARTUP_TIMEOUT,
    ServerError,
    ServerRecord,
    answers,
    free_port,
    remove_record,
    server_command,
    server_env,
    stop,
    wait_healthy,
    wait_until,
    write_record,
)

__all__ = ["ServerError", "free_port", "local_server", "stop", "temporary_server", "wait_until"]


@contextmanager
def local_server(home: Path, port: int | None = None) -> Iterator[str]:
    """Run ``prefect server start`` on 127.0.0.1 and yield its API URL once it is healthy.

    It is recorded in ``home`` (``server.json``) while it runs, so that ``diplodata run``
    uses it, and dies with this process."""
    home.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    log_path = home / LOG
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            server_command(port),
            env=server_env(home),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,  # killed with `serve`, even by kill -9
        )
        record = ServerRecord.new(process.pid, port, "serve")
        try:
            wait_healthy(process, record.url, log_path, STARTUP_TIMEOUT)
            write_record(home, record)
            yield record.url
        finally:
            remove_record(home, process.pid)
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
            return answers(url)

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

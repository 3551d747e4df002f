"""`diplodata server start|stop|status`: a Prefect server in the background that runs use."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from diplodata.run import prefect_server as ps
from tests.conftest import SAMPLES


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, ps.HOME_ENV: str(home), "COLUMNS": "200"}
    env.pop("PREFECT_API_URL", None)
    return env


def _diplodata(
    args: list[str], home: Path, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diplodata", *args],
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    """A server folder of the test's own; a server left running by a failed test is stopped."""
    folder = tmp_path / "prefect"
    yield folder
    with contextlib.suppress(ps.ServerError):
        ps.shutdown(folder)


def _flow_runs(url: str) -> int:
    response = httpx.post(f"{url}/flow_runs/count", json={}, timeout=10)
    response.raise_for_status()
    return int(response.json())


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _record(
    home: Path, pid: int, port: int, owner: str = "server start", owner_pid: int = 1
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    record = {"pid": pid, "port": port, "owner": owner, "owner_pid": owner_pid, "started": "x"}
    (home / ps.RECORD).write_text(json.dumps(record))


@pytest.mark.slow
def test_server_start_status_run_stop(home: Path, tmp_path: Path) -> None:
    _record(home, _dead_pid(), 1)  # left by a server that was killed: stale
    started = _diplodata(["server", "start", "--port", "0"], home)
    assert started.returncode == 0, started.stderr
    assert "removed a stale" in started.stderr
    record = ps.read_record(home)
    assert record is not None and record.owner == "server start"
    assert f"API {record.url}" in started.stdout

    status = _diplodata(["server", "status"], home)
    assert status.returncode == 0 and f"answering at {record.url}" in status.stdout

    again = _diplodata(["server", "start", "--port", "0"], home)
    assert again.returncode == 1
    assert again.stderr.startswith("error: a Prefect server is already running")
    assert len(again.stderr.strip().splitlines()) == 1

    before = _flow_runs(record.url)
    run = _diplodata(["run", "--articles", str(SAMPLES), "--out", str(tmp_path / "out")], home)
    assert run.returncode == 0, run.stderr
    assert "diplodata run: published" in run.stdout
    assert "temporary" not in run.stderr and run.stderr == ""  # the running server, no note
    assert _flow_runs(record.url) == before + 1  # the run is on the server, with its logs
    [flow_run] = httpx.post(
        f"{record.url}/flow_runs/filter", json={"sort": "START_TIME_DESC", "limit": 1}
    ).json()
    assert flow_run["state_type"] == "COMPLETED"
    logs = httpx.post(
        f"{record.url}/logs/filter", json={"logs": {"flow_run_id": {"any_": [flow_run["id"]]}}}
    ).json()
    assert any(log["message"].startswith("Published release") for log in logs)  # the last

    # `serve` registers its deployment on this server rather than starting one
    log = tmp_path / "serve.log"
    serve = subprocess.Popen(
        [sys.executable, "-m", "diplodata", "serve", "--out", str(tmp_path / "served")],
        env=_env(home),
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deployment = f"{record.url}/deployments/name/diplodata-run/diplodata-scheduled"
        ps.wait_until(
            lambda: httpx.get(deployment, timeout=10).status_code == 200, 120, "the deployment"
        )
    finally:
        ps.stop(serve)
    assert "Using the running Prefect server" in log.read_text()
    assert "Starting a Prefect server" not in log.read_text()

    stopped = _diplodata(["server", "stop"], home)
    assert (
        stopped.returncode == 0 and f"Stopped the Prefect server at {record.ui}" in stopped.stdout
    )
    assert not ps.alive(record.pid) and not (home / ps.RECORD).exists()
    assert not ps.answers(record.url)
    after = _diplodata(["server", "status"], home)
    assert after.returncode == 1 and "No Prefect server running" in after.stdout


def test_server_status_and_stop_with_a_stale_record(home: Path) -> None:
    pid = _dead_pid()
    _record(home, pid, 1)
    status = _diplodata(["server", "status"], home)
    assert status.returncode == 1
    assert f"stale record: pid {pid} is not running" in status.stdout
    stopped = _diplodata(["server", "stop"], home)
    assert stopped.returncode == 0
    assert f"removed a stale {home / ps.RECORD} (pid {pid} is not running)" in stopped.stdout
    assert not (home / ps.RECORD).exists()


def test_server_start_on_a_port_in_use_is_one_clear_error(home: Path) -> None:
    with socket.socket() as taken:
        taken.bind((ps.HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _diplodata(["server", "start", "--port", str(port)], home)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: port {port} on 127.0.0.1 is in use by another program; pass --port N "
        "(--port 0 picks a free one)\n"
    )
    assert not (home / ps.RECORD).exists()


@pytest.fixture
def fake_server() -> Iterator[subprocess.Popen[bytes]]:
    """A process that looks like a Prefect server (its command line says so) but does not
    answer: a server that hangs."""
    process = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)", "prefect", "server"],
        start_new_session=True,
    )
    yield process
    process.kill()
    process.wait()


def test_server_that_does_not_answer_is_not_used(
    home: Path, fake_server: subprocess.Popen[bytes]
) -> None:
    port = ps.free_port()
    _record(home, fake_server.pid, port)
    status = _diplodata(["server", "status"], home)
    assert (
        status.returncode == 1 and f"NOT answering at http://127.0.0.1:{port}/api" in status.stdout
    )
    url, problem = ps.discover(home, timeout=0.5)
    assert url is None and problem is not None and "does not answer" in problem
    stopped = _diplodata(["server", "stop"], home)  # stops it all the same
    assert stopped.returncode == 0, stopped.stderr
    assert fake_server.wait(10) is not None and not (home / ps.RECORD).exists()


def test_server_of_serve_is_stopped_with_serve_not_alone(
    home: Path, fake_server: subprocess.Popen[bytes]
) -> None:
    _record(home, fake_server.pid, ps.free_port(), owner="serve", owner_pid=os.getpid())
    stopped = _diplodata(["server", "stop"], home)
    assert stopped.returncode == 1
    assert "belongs to `diplodata serve`" in stopped.stderr
    assert fake_server.poll() is None and (home / ps.RECORD).exists()


def test_server_commands_do_not_import_prefect(home: Path) -> None:
    probe = (
        "import sys, runpy; sys.argv = ['diplodata', 'server', 'status']\n"
        "try:\n    runpy.run_module('diplodata', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('prefect' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=_env(home), capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().endswith("False")

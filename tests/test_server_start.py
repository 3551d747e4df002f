"""The temporary Prefect server of a run: a failed or hung start is retried with backoff."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from flows import server

pytestmark = pytest.mark.slow


def test_a_failed_start_is_retried_on_another_port(monkeypatch: pytest.MonkeyPatch) -> None:
    real = server._start_temporary
    ports: list[int] = []

    def flaky(port: int) -> subprocess.Popen[bytes]:
        ports.append(port)
        if len(ports) == 1:  # the first start fails, as under load
            return subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
        return real(port)

    monkeypatch.setattr(server, "_start_temporary", flaky)
    with server.temporary_server(backoff=0.1) as url:
        assert httpx.get(f"{url}/health", timeout=5).status_code == 200
    assert len(ports) == 2


def test_a_start_that_never_answers_gives_up_with_one_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hung: list[subprocess.Popen[bytes]] = []

    def hang(port: int) -> subprocess.Popen[bytes]:
        hung.append(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]))
        return hung[-1]

    monkeypatch.setattr(server, "_start_temporary", hang)
    with (
        pytest.raises(server.ServerError, match="did not start after 2 attempts"),
        server.temporary_server(attempts=2, timeout=1.0, backoff=0.1),
    ):
        pass
    assert len(hung) == 2 and all(p.poll() is not None for p in hung)  # none left running

"""`diplodata serve` against a real Prefect server: scheduled deployment, a run through the API."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from flows.server import local_server, stop, wait_until
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow
DEPLOYMENT = "diplodata-run/test-schedule"


def _serve(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """`diplodata serve ARGS` in its own session (so signals reach only it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "diplodata", "serve", "--cron", "0 3 * * *", *args],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_serve_scheduled_deployment_runs_and_publishes(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(SAMPLES, articles)
    out = tmp_path / "out"
    log = tmp_path / "serve.log"
    with local_server(tmp_path / "home") as api:
        env = {**os.environ, "PREFECT_API_URL": api, "PREFECT_HOME": str(tmp_path / "home")}
        serve = _serve(
            ["--name", "test-schedule", "--articles", str(articles), "--out", str(out)], env, log
        )
        try:
            client = httpx.Client(base_url=api, timeout=10)

            def deployment() -> dict[str, Any] | None:
                response = client.get(f"/deployments/name/{DEPLOYMENT}")
                return response.json() if response.status_code == 200 else None

            found: Any = wait_until(deployment, 120, "the deployment to be registered")
            assert [s["schedule"]["cron"] for s in found["schedules"]] == ["0 3 * * *"]
            assert found["paused"] is False

            def create_run() -> dict[str, Any] | None:
                # the SQLite-backed server can answer 5xx while serve is still registering
                response = client.post(f"/deployments/{found['id']}/create_flow_run", json={})
                assert response.status_code < 400 or response.status_code >= 500, response.text
                return response.json() if response.status_code < 300 else None

            run: Any = wait_until(create_run, 60, "the API to create a flow run", interval=2)

            def finished() -> dict[str, Any] | None:
                state = client.get(f"/flow_runs/{run['id']}").json()["state"]
                return state if state["type"] in ("COMPLETED", "FAILED", "CRASHED") else None

            state: Any = wait_until(finished, 240, "the flow run to finish", interval=1)
            assert state["type"] == "COMPLETED", log.read_text()[-3000:]
            assert (out / "latest" / "datapackage.json").exists()
            assert len(list((out / "releases").iterdir())) == 1
        finally:
            stop(serve)
        # stopping serve must not pause the schedule for the next start
        after = deployment()
        assert after is not None and after["paused"] is False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_serve_starts_its_own_server_when_none_is_configured(tmp_path: Path, sig: int) -> None:
    env = {**os.environ, "DIPLODATA_PREFECT_HOME": str(tmp_path / "home")}
    env.pop("PREFECT_API_URL", None)
    log = tmp_path / "serve.log"
    serve = _serve(["--out", str(tmp_path / "out")], env, log)
    try:
        ui: Any = wait_until(
            lambda: re.search(r"Prefect UI: (\S+)", log.read_text()), 150, "the server"
        )
        api = f"{ui.group(1)}/api"
        client = httpx.Client(base_url=api, timeout=10)
        found = wait_until(
            lambda: (
                client.get("/deployments/name/diplodata-run/diplodata-scheduled").status_code == 200
            ),
            120,
            "the deployment",
        )
        assert found
    finally:
        stop(serve, sig)  # SIGKILL: serve cannot stop it, the kernel does (PDEATHSIG)
    assert serve.returncode is not None and "Traceback" not in log.read_text()

    def down() -> bool:
        try:
            httpx.get(f"{api}/health", timeout=2)
        except httpx.ConnectError:
            return True
        return False

    assert wait_until(down, 20, "the server to go down with serve")

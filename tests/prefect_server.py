"""A real Prefect server for tests: the one `diplodata serve` starts (flows.server)."""

from flows.server import local_server as prefect_server
from flows.server import stop, wait_until

__all__ = ["prefect_server", "stop", "wait_until"]

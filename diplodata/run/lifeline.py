"""Child processes that die with the process that started them, whatever kills it."""

from __future__ import annotations

import os
import signal

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a child gets when its parent dies


def die_with_parent() -> None:
    """Linux: SIGKILL this process when its parent dies (kill -9 included). Called in a
    child, first thing (as a ``preexec_fn``, or at the start of a worker)."""
    import ctypes

    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return  # not Linux: children are still stopped on a normal exit or SIGTERM
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

"""Children of the build stop when the build stops.

A forked child keeps running when its parent is killed (SIGKILL, the OOM killer, a CI
timeout, `warmtetoolbox build` stopping mkdocs): it would go on writing into a folder
the next build has emptied, or wait forever on a pipe. On Linux the kernel sends the
child a signal when the process that forked it dies; elsewhere ``parent_alive`` is the
check a child makes between steps.
"""

from __future__ import annotations

import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int, signum: int = signal.SIGKILL) -> None:
    """In a child of ``parent``: get ``signum`` when the parent dies; exit at once when it
    died before this call."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signum)
        except (OSError, AttributeError):
            pass  # no libc to ask: parent_alive still holds
    if not parent_alive(parent):
        os._exit(1)


def start_child(parent: int) -> None:
    """First thing in a forked child of ``parent``: Ctrl-C is the build's to handle (the
    child ignores it), and the child dies with the build."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def parent_alive(parent: int) -> bool:
    return os.getppid() == parent

"""One call in a forked child: the same result as here; a child that fails, dies or
hangs costs time, never the result, and an error is raised here as the build's own."""

from __future__ import annotations

import os
import time

import pytest
from warmtetoolbox.site.forked_call import ForkedCall

PARENT = os.getpid()


def squares(n):
    return {i: (i * i, str(i)) for i in range(n)}


def test_the_result_is_the_result_of_the_call():
    assert ForkedCall(squares, 1000).result() == squares(1000)


def test_the_result_is_computed_in_the_child():
    assert ForkedCall(os.getpid).result() != os.getpid()


def test_without_fork_it_is_computed_here_once_when_asked():
    calls = []

    def count():
        calls.append(os.getpid())
        return len(calls)

    call = ForkedCall(count, fork=False)
    assert calls == []
    assert call.result() == 1 and call.result() == 1
    assert calls == [os.getpid()]


def only_here(value):
    """Fails in a child, works in the test process."""
    if os.getpid() != PARENT:
        raise RuntimeError("kapot in het kind")
    return value


def test_a_call_that_fails_in_the_child_is_done_here():
    assert ForkedCall(only_here, "uitkomst").result() == "uitkomst"


def test_an_error_of_the_call_itself_is_raised_here():
    def broken():
        raise ValueError("fout in de invoer")

    with pytest.raises(ValueError, match="fout in de invoer"):
        ForkedCall(broken).result()


def hang_in_child(value):
    if os.getpid() != PARENT:
        time.sleep(60)
    return value


def test_a_child_that_hangs_is_stopped_and_the_call_is_done_here():
    call = ForkedCall(hang_in_child, 7)
    started = time.monotonic()
    assert call.result(timeout=0.5) == 7
    assert time.monotonic() - started < 30
    assert call._proc is None  # stopped and reaped


def test_a_child_that_is_killed_costs_no_result():
    call = ForkedCall(hang_in_child, 8)
    os.kill(call._proc.pid, 9)
    assert call.result() == 8


def test_a_result_that_cannot_be_pickled_is_computed_here():
    def make():
        return lambda: "functie"

    assert ForkedCall(make).result()() == "functie"


def no_fork(monkeypatch):
    import multiprocessing

    def refuse(self):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", refuse)


def test_when_no_child_can_be_started_it_is_computed_here(monkeypatch):
    no_fork(monkeypatch)
    assert ForkedCall(os.getpid).result() == os.getpid()


CHILD_OUTLIVES = """
import os, sys, time
sys.path.insert(0, {plugins!r})
from warmtetoolbox.site.forked_call import ForkedCall

def big():
    if os.getpid() != parent:
        print(os.getpid(), flush=True)
    return "x" * 5_000_000  # more than a pipe holds: the child waits for a reader

parent = os.getpid()
call = ForkedCall(big)
time.sleep(60)
"""


def child_is_gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            return "\\nState:\\tZ" in status.read()
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="Linux: reads /proc")
def test_a_child_stops_when_the_build_is_killed(tmp_path):
    import signal
    import subprocess
    import sys

    from conftest import REPO

    script = tmp_path / "bouw.py"
    script.write_text(CHILD_OUTLIVES.format(plugins=str(REPO / "plugins")), encoding="utf-8")
    build = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    child = int(build.stdout.readline())
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while not child_is_gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert child_is_gone(child)


def test_a_forked_map_gives_the_results_in_order_half_from_the_child():
    from warmtetoolbox.site.forked_call import forked_map

    items = list(range(200))
    results = forked_map(lambda i: (i * 3, os.getpid()), items)
    assert [r[0] for r in results] == [i * 3 for i in items]
    pids = [r[1] for r in results]
    assert set(pids[:100]) == {PARENT} and PARENT not in set(pids[100:])


def test_a_forked_map_whose_child_fails_still_gives_every_result():
    from warmtetoolbox.site.forked_call import forked_map

    def work(i):
        if os.getpid() != PARENT:
            os._exit(2)
        return i + 1

    assert forked_map(work, list(range(100))) == list(range(1, 101))


def test_a_short_or_unforked_map_stays_here():
    from warmtetoolbox.site.forked_call import forked_map

    assert {p for p in forked_map(lambda i: os.getpid(), list(range(10)))} == {PARENT}
    assert {p for p in forked_map(lambda i: os.getpid(), list(range(500)), fork=False)} == {PARENT}

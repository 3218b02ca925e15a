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

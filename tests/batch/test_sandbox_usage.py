"""The watchdog's reading of a process tree (`sandbox.in_use`), on real processes, no root."""

from __future__ import annotations

import subprocess
import sys

import psutil

from grader.batch.sandbox import in_use


def test_a_process_that_ended_meanwhile_counts_nothing_and_the_rest_still_count():
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    watched = psutil.Process(gone.pid)
    gone.wait()
    me = psutil.Process()
    memory, tasks = in_use([watched, me])
    assert tasks == me.num_threads() and tasks >= 1
    assert memory > 0
    assert in_use([watched]) == (0, 0)

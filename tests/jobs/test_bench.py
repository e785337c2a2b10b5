"""make bench's own kernels keep its console quiet: real preloaded-kernel servers, in a subprocess
whose console the test reads (the bench's timing itself is measured by `make bench`, never here)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.test_headless import KERNEL_CHATTER

pytestmark = pytest.mark.slow


def test_the_preloaded_start_up_measurement_writes_to_the_bench_log_not_the_console(tmp_path):
    log = tmp_path / "bench.log"
    code = ("import sys; from pathlib import Path; from grader.jobs import bench\n"
            "print('before', file=sys.stderr, flush=True)\n"
            f"seconds = bench.preloaded_startup_cost(Path({str(tmp_path)!r}), Path({str(log)!r}))\n"
            "print('after', file=sys.stderr, flush=True)\n"
            "print(seconds)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stderr.split() == ["before", "after"], \
        f"the console got more than the bench's lines:\n{done.stderr}"
    assert float(done.stdout) > 0
    assert log.read_text().count(KERNEL_CHATTER) == 2, "each forked kernel's warning, kept in the log"

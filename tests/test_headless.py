"""headless.run_jobs on tiny notebooks written to tmp_path: real kernels, a few seconds."""

from __future__ import annotations

import subprocess
import sys

import pytest

from grader.authoring.release import write
from tests.notebooks import notebook, solution_cell

pytestmark = pytest.mark.slow
KERNEL_CHATTER = "Kernel is running over TCP"  # ipykernel's own warning, straight to its stderr


def test_with_a_log_file_the_kernels_chatter_goes_there_not_to_the_console(tmp_path):
    source = tmp_path / "tiny.ipynb"
    write(notebook(solution_cell("FAST = False", "parameters"), solution_cell("print(6 * 7)", "answer")),
          source)
    log = tmp_path / "runs.log"
    code = ("from pathlib import Path; from grader import headless\n"
            f"out = Path({str(tmp_path)!r}) / 'out'\n"
            f"jobs = [headless.RunJob(Path({str(source)!r}), out / f'{{i}}.ipynb') for i in range(2)]\n"
            f"results = headless.run_jobs(jobs, workers=2, progress=False, log_file={str(log)!r})\n"
            "print([r.status for r in results])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "['ok', 'ok']", done.stdout
    assert KERNEL_CHATTER not in done.stdout + done.stderr, "kernel chatter reached the console"
    assert log.read_text().count(KERNEL_CHATTER) == 2, "one kernel warning per run, kept in the log"
    assert "42" in (tmp_path / "out" / "0.ipynb").read_text(), "the notebook itself ran"

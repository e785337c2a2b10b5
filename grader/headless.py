"""Headless runs with papermill: solutions must run clean, releases must run to the end.

A released notebook is run with errors allowed; it passes when every error sits in a graded
test cell (the student's stubs raise NotImplementedError there) and nowhere else.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from tqdm import tqdm

from grader.course import cells

DEFAULT_PARAMETERS = {"FAST": True}


def output_to(log_file: str) -> None:
    """Send this process's stdout and stderr, and so its kernels', to `log_file` (appended).

    For pool workers: kernel transport warnings and TensorFlow's C++ logs are written straight
    to the file descriptors a kernel inherits, past any Python-level redirection."""
    fd = os.open(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


@contextlib.contextmanager
def output_redirected(log_file: str):
    """`output_to` for a while, in a process that prints to the console before and after (the
    bench's own kernels, started from its main process)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    try:
        output_to(log_file)
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        for target, fd in zip((1, 2), saved, strict=True):
            os.dup2(fd, target)
            os.close(fd)


@dataclass(frozen=True)
class RunJob:
    notebook: Path
    output: Path
    parameters: dict = field(default_factory=dict)
    expect_test_failures: bool = False  # True for student releases
    cell_timeout: int = 300
    env: dict | None = None  # extra environment variables for the kernel


@dataclass
class RunResult:
    notebook: Path
    output: Path
    status: str  # "ok", "failed", "timeout"
    seconds: float
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def judge_release(nb: nbformat.NotebookNode) -> tuple[str, str]:
    """Errors only in test cells, every test cell failing, and the last cell reached."""
    failing_tests, tests, stray = 0, 0, []
    for index, cell in enumerate(nb.cells):
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if cells.is_test(cell):
            # A hidden-only test cell is a bare comment in the release: nothing there can fail.
            runnable = cells.has_code(cell.source)
            tests += runnable
            failing_tests += runnable and bool(errors)
        elif errors:
            stray.append(f"cell {index} raised {errors[0].ename}: {errors[0].evalue}")
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    if stray:
        return "failed", stray[0]
    if code and code[-1].get("execution_count") is None:
        return "failed", "did not run to the last cell"
    if failing_tests != tests:
        return "failed", f"only {failing_tests}/{tests} test cells fail on the blank release"
    return "ok", f"{failing_tests}/{tests} test cells fail, as released"


def run_job(job: RunJob) -> RunResult:
    """Run one notebook with papermill; never raises for a notebook's own failure."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    job.output.parent.mkdir(parents=True, exist_ok=True)
    parameters = {**DEFAULT_PARAMETERS, **job.parameters}
    old_env = dict(os.environ)
    os.environ.update(job.env or {})
    start = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(job.notebook),
            str(job.output),
            parameters=parameters,
            kernel_name="python3",
            cwd=str(job.output.parent),
            progress_bar=False,
            execution_timeout=job.cell_timeout,
            allow_errors=job.expect_test_failures,
        )
    except PapermillExecutionError as exc:
        # papermill raises after the run even with allow_errors; a release is judged below.
        if job.expect_test_failures:
            seconds = time.perf_counter() - start
            status, detail = judge_release(nbformat.read(job.output, as_version=4))
            return RunResult(job.notebook, job.output, status, seconds, detail)
        return RunResult(job.notebook, job.output, "failed", time.perf_counter() - start,
                         f"cell {exc.cell_index} raised {exc.ename}: {exc.evalue}")
    except Exception as exc:  # timeouts, dead kernels, unreadable notebooks
        status = "timeout" if "timed out" in str(exc).lower() or "Timeout" in type(exc).__name__ else "failed"
        return RunResult(job.notebook, job.output, status, time.perf_counter() - start,
                         f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    finally:
        os.environ.clear()
        os.environ.update(old_env)
    seconds = time.perf_counter() - start
    if job.expect_test_failures:
        status, detail = judge_release(nbformat.read(job.output, as_version=4))
        return RunResult(job.notebook, job.output, status, seconds, detail)
    return RunResult(job.notebook, job.output, "ok", seconds)


def run_jobs(jobs: list[RunJob], workers: int = 1, progress: bool = True,
             log_file: str = "") -> list[RunResult]:
    """Run notebooks in `workers` processes (each notebook gets its own kernel); input order kept.
    With `log_file`, the runs' own output goes there, not to the console."""
    if (workers <= 1 or len(jobs) <= 1) and not log_file:
        iterator = tqdm(jobs, desc="notebooks", unit="nb", disable=not progress)
        return [run_job(job) for job in iterator]
    results: dict[int, RunResult] = {}
    context = multiprocessing.get_context("spawn")
    initializer = (output_to, (log_file,)) if log_file else (None, ())
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs))), mp_context=context,
                             initializer=initializer[0], initargs=initializer[1]) as pool:
        futures = {pool.submit(run_job, job): i for i, job in enumerate(jobs)}
        for future in tqdm(as_completed(futures), total=len(futures), desc="notebooks",
                           unit="nb", disable=not progress):
            results[futures[future]] = future.result()
    return [results[i] for i in range(len(jobs))]

"""`make bench`: stock nbgrader vs our batch grader vs plain papermill, on the same submissions.

The methods run interleaved (stock, ours, papermill, then again) so that a drift in machine speed
does not favour one, and the report gives medians with their spread. Submissions are the sample
student who solves everything, handed in with `FAST = False`, as real students submit. A course
row adds `make course`'s wall time (from its last report) and the share of it that kernel start
and framework imports cost. The console shows only the result lines; the rest goes to a log.
"""

from __future__ import annotations

import logging
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from grader import headless
from grader.authoring.release import read, write
from grader.batch.model import BatchOptions
from grader.batch.runner import run_batch
from grader.course import report
from grader.course.layout import FRAMEWORKS, lessons
from grader.course.nbgrader_api import ensure_venv_on_path

log = logging.getLogger(__name__)

ASSIGNMENT = "01_autograd"
TARGET_SPEEDUP, TARGET_OVERHEAD = 2.0, 0.10


def make_submissions(root: Path, folder: Path, count: int) -> list[str]:
    """`count` copies of the sample student who solves everything, handed in with FAST = False."""
    lesson = lessons(root, [ASSIGNMENT])[0]
    students = [f"student{i:03d}" for i in range(count)]
    for framework in FRAMEWORKS:
        nb = read(root / "data" / "submissions" / "alice" / ASSIGNMENT / lesson.notebook_name(framework))
        for cell in nb.cells:
            if "parameters" in cell.metadata.get("tags", []):
                cell.source = cell.source.replace("FAST = True", "FAST = False")
        for student in students:
            write(nb, folder / student / ASSIGNMENT / lesson.notebook_name(framework))
    return students


def time_stock_nbgrader(root: Path, work: Path, submitted: Path, chatter) -> float:
    """Stock `nbgrader generate_assignment` + `nbgrader autograde` (sequential), from a course copy."""
    course = work / "stock"
    shutil.rmtree(course, ignore_errors=True)
    course.mkdir(parents=True)
    shutil.copy(root / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(root / "solutions" / ASSIGNMENT, course / "solutions" / ASSIGNMENT)
    shutil.copytree(submitted, course / "submitted")
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    subprocess.run([nbgrader, "generate_assignment", ASSIGNMENT, "--force"], cwd=course, check=True,
                   stdout=chatter, stderr=chatter)
    started = time.perf_counter()
    subprocess.run([nbgrader, "autograde", ASSIGNMENT, "--force"], cwd=course, check=True, stdout=chatter,
                   stderr=chatter)
    return time.perf_counter() - started


def time_papermill(work: Path, submitted: Path, jobs: int, log_path: Path) -> float:
    # FAST=False, as submitted: the same work on both sides of the comparison.
    jobs_list = [headless.RunJob(path, work / "papermill" / path.relative_to(submitted),
                                 parameters={"FAST": False}, expect_test_failures=True)
                 for path in sorted(submitted.rglob("*.ipynb"))]
    started = time.perf_counter()
    headless.run_jobs(jobs_list, workers=jobs, progress=False, log_file=str(log_path))
    return time.perf_counter() - started


def time_batch(root: Path, work: Path, submitted: Path, jobs: int, log_path: Path) -> float:
    started = time.perf_counter()
    run_batch(root, submitted, BatchOptions(ASSIGNMENT, work / "batch", jobs=jobs, force=True,
                                            progress=False, log_file=log_path))
    return time.perf_counter() - started


def startup_cost(chatter) -> float:
    """Seconds to start a kernel and import torch and tensorflow in it (the fixed cost of a notebook)."""
    code = ("import time, subprocess, sys\n"
            "t = time.perf_counter()\n"
            "subprocess.run([sys.executable, '-c', 'import ipykernel, numpy, torch'], check=True)\n"
            "a = time.perf_counter() - t; t = time.perf_counter()\n"
            "subprocess.run([sys.executable, '-c', 'import ipykernel, numpy, tensorflow'], check=True)\n"
            "print(a, time.perf_counter() - t)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    chatter.write(done.stderr)
    torch_s, tf_s = (float(x) for x in done.stdout.split())
    return (torch_s + tf_s) / 2


def preloaded_startup_cost(work: Path, log_path: Path) -> float:
    """Seconds from asking a preloaded-kernel server for a kernel to the kernel answering, averaged
    over a torch and a TensorFlow server (unconfined: the sandbox adds no start-up of its own).
    What the servers and kernels print goes to `log_path`, not to the console."""
    import asyncio

    from grader.batch.sandbox import SandboxKernelManager
    from grader.batch.zygote import PreloadPlan, Zygote

    folder = work / "preloaded"
    folder.mkdir(parents=True, exist_ok=True)

    async def one(server: Zygote) -> float:
        km = SandboxKernelManager(confine=False, zygote=server, own_dir=str(folder))
        started = time.perf_counter()
        await km.start_kernel()
        kc = km.client()
        kc.start_channels()
        await kc.wait_for_ready(timeout=120)
        seconds = time.perf_counter() - started
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
        return seconds

    seconds = []
    with headless.output_redirected(str(log_path)):
        for modules in (("numpy", "torch"), ("numpy", "tensorflow")):
            server = Zygote(sys.executable, PreloadPlan((), modules), None)
            try:
                seconds.append(asyncio.run(one(server)))
            finally:
                server.stop()
    return sum(seconds) / len(seconds)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"


def course_row(root: Path, start_s: float) -> list[str]:
    import json

    path = root / "build" / "course" / "report.json"
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return ["make course", "not run yet (run make course first)", "", ""]
    runs = data.get("runs", [])
    total = data.get("timing", {}).get("total", 0.0)
    kernel_seconds = sum(float(r.get("seconds", 0.0)) for r in runs)  # the notebooks' own, summed
    share = len(runs) * start_s / kernel_seconds if kernel_seconds else 0.0
    return ["make course (last run)", f"{total:.0f}", f"{len(runs)} notebooks",
            f"cold kernel start + imports would be ≈ {share * 100:.0f}% of the notebooks' "
            f"{kernel_seconds:.0f} s"]


def run_bench(root: Path, out: Path, students: int, jobs: int, rounds: int = 2) -> str:
    """Measure, write build/bench/report.md and .json; returns the report's text."""
    ensure_venv_on_path()
    load_before = os.getloadavg()[0]
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    submitted = work / "submitted"
    make_submissions(root, submitted, students)
    out.mkdir(parents=True, exist_ok=True)
    log_path = (out / "bench.log").resolve()
    log.info("bench: %d submissions × %d notebooks of %s (FAST = False), %s cores, %d interleaved rounds; "
             "log: %s", students, len(FRAMEWORKS), ASSIGNMENT, os.cpu_count(), rounds, log_path)
    times: dict[str, list[float]] = {"stock": [], "ours": [], "papermill": []}
    log_path.write_text("")
    with open(log_path, "a") as chatter:  # appended to, like the workers' and kernels' own output
        for r in range(rounds):
            times["stock"].append(time_stock_nbgrader(root, work, submitted, chatter))
            times["ours"].append(time_batch(root, work, submitted, jobs, log_path))
            times["papermill"].append(time_papermill(work, submitted, jobs, log_path))
            log.info("round %d: stock %.0f s, ours %.0f s, papermill %.0f s", r + 1, times["stock"][-1],
                     times["ours"][-1], times["papermill"][-1])
        start_s = startup_cost(chatter)
        chatter.flush()
        preloaded_s = preloaded_startup_cost(work, log_path)
    stock, ours, raw = (statistics.median(times[k]) for k in ("stock", "ours", "papermill"))
    speedups = [s / o for s, o in zip(times["stock"], times["ours"], strict=True)]
    overheads = [o / p - 1 for o, p in zip(times["ours"], times["papermill"], strict=True)]
    speedup, overhead = statistics.median(speedups), statistics.median(overheads)

    def row(label: str, key: str) -> list[str]:
        median = statistics.median(times[key])
        return [label, spread(times[key]), f"{median / students:.2f}", f"{stock / median:.2f}x"]

    rows = [row("stock nbgrader autograde (sequential)", "stock"),
            row(f"grader autograde --jobs {jobs} (sandboxed)", "ours"),
            row(f"papermill alone, {jobs} processes", "papermill"),
            course_row(root, start_s)]
    text = "\n\n".join([
        "# Batch grading benchmark",
        f"{students} submissions, each with the PyTorch and the TensorFlow notebook of {ASSIGNMENT} "
        f"(the sample student who solves everything, `FAST = False`); {os.cpu_count()} cores; "
        f"{rounds} rounds, the methods interleaved; measured {time.strftime('%Y-%m-%d %H:%M')}; load "
        f"average before the run: {load_before:.1f} (figures from a busy machine are not worth quoting).",
        report.table(["method", "seconds, median (min–max)", "seconds per submission", "speed-up vs stock"],
                     rows),
        f"- Speed-up over stock nbgrader: **{speedup:.2f}x** (per round: "
        f"{', '.join(f'{s:.2f}x' for s in speedups)}; target ≥ {TARGET_SPEEDUP:g}x: "
        f"{'met' if speedup >= TARGET_SPEEDUP else 'not met'}).",
        f"- Overhead over papermill alone: **{overhead * 100:.0f}%** (per round: "
        f"{', '.join(f'{o * 100:.0f}%' for o in overheads)}; target ≤ {TARGET_OVERHEAD * 100:.0f}%: "
        f"{'met' if overhead <= TARGET_OVERHEAD else 'not met'}).",
        f"- A kernel start plus `import torch` / `import tensorflow` costs about {start_s:.1f} s "
        f"per notebook, cold. A kernel forked from a preloaded server (what `grader autograde` "
        f"starts, but for each worker's first student per notebook) answers in {preloaded_s:.2f} s.",
    ]) + "\n"
    report.write_atomic(out / "report.md", text)
    report.write_json(out / "report.json", {"students": students, "jobs": jobs, "rounds": rounds,
                                            "seconds": times, "speedup": speedup, "overhead": overhead,
                                            "startup_s": start_s, "preloaded_startup_s": preloaded_s,
                                            "load_before": load_before})
    return text

"""`make bench`: stock nbgrader vs our batch grader vs plain papermill, on the same submissions.

Targets from the issue: at least 1.8x over sequential stock `nbgrader autograde` on 2 cores, and
under 15% overhead over executing the same notebooks with papermill alone. The report states
what was measured here, target met or not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import headless, report
from .batch import BatchOptions, run_batch
from .course import FRAMEWORKS, lessons
from .nbgrader_course import ensure_venv_on_path

ASSIGNMENT = "01_autograd"


def make_submissions(root: Path, folder: Path, count: int) -> list[str]:
    """`count` copies of the sample student who solves everything, under distinct ids."""
    lesson = lessons(root, [ASSIGNMENT])[0]
    students = [f"student{i:03d}" for i in range(count)]
    for student in students:
        for framework in FRAMEWORKS:
            target = folder / student / ASSIGNMENT / lesson.notebook_name(framework)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(root / "data" / "submissions" / "alice" / ASSIGNMENT / target.name, target)
    return students


def time_stock_nbgrader(root: Path, work: Path, submitted: Path) -> float:
    """Stock `nbgrader generate_assignment` + `nbgrader autograde` (sequential), from a course copy."""
    course = work / "stock"
    course.mkdir(parents=True)
    for name in ("nbgrader_config.py",):
        shutil.copy(root / name, course / name)
    shutil.copytree(root / "solutions" / ASSIGNMENT, course / "solutions" / ASSIGNMENT)
    shutil.copytree(submitted, course / "submitted")
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    subprocess.run([nbgrader, "generate_assignment", ASSIGNMENT, "--force"], cwd=course, check=True,
                   capture_output=True)
    started = time.perf_counter()
    subprocess.run([nbgrader, "autograde", ASSIGNMENT, "--force"], cwd=course, check=True,
                   capture_output=True)
    return time.perf_counter() - started


def time_papermill(root: Path, work: Path, submitted: Path, jobs: int) -> float:
    # FAST=False, as nbgrader runs a submission: the same work on both sides of the comparison.
    jobs_list = [headless.RunJob(path, work / "papermill" / path.relative_to(submitted),
                                 parameters={"FAST": False}, expect_test_failures=True)
                 for path in sorted(submitted.rglob("*.ipynb"))]
    started = time.perf_counter()
    headless.run_jobs(jobs_list, workers=jobs, progress=False)
    return time.perf_counter() - started


def time_batch(root: Path, work: Path, submitted: Path, jobs: int) -> float:
    started = time.perf_counter()
    run_batch(root, submitted, BatchOptions(ASSIGNMENT, work / "batch", jobs=jobs, progress=False))
    return time.perf_counter() - started


def run_bench(root: Path, out: Path, students: int, jobs: int) -> int:
    ensure_venv_on_path()
    load_before = os.getloadavg()[0]
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    submitted = work / "submitted"
    make_submissions(root, submitted, students)
    print(f"bench: {students} submissions × {len(FRAMEWORKS)} notebooks of {ASSIGNMENT}, "
          f"{os.cpu_count()} cores")
    stock = time_stock_nbgrader(root, work, submitted)
    print(f"stock nbgrader autograde (sequential): {stock:.0f} s")
    ours = time_batch(root, work, submitted, jobs)
    print(f"grader autograde --jobs {jobs} (sandboxed): {ours:.0f} s")
    raw = time_papermill(root, work, submitted, jobs)
    print(f"papermill alone, {jobs} processes: {raw:.0f} s")
    speedup, overhead = stock / ours, ours / raw - 1
    def row(label: str, seconds: float) -> list[str]:
        return [label, f"{seconds:.1f}", f"{seconds / students:.2f}", f"{stock / seconds:.2f}x"]

    rows = [row("stock nbgrader autograde (sequential)", stock),
            row(f"grader autograde --jobs {jobs}", ours), row(f"papermill alone, {jobs} processes", raw)]
    text = "\n\n".join([
        "# Batch grading benchmark",
        f"{students} submissions, each with the PyTorch and the TensorFlow notebook of {ASSIGNMENT} "
        f"(the sample student who solves everything); {os.cpu_count()} cores; measured "
        f"{time.strftime('%Y-%m-%d %H:%M')}; load average before the run: "
        f"{load_before:.1f} (figures from a busy machine overstate or understate ratios).",
        report.table(["method", "seconds", "seconds per submission", "speed-up vs stock"], rows),
        f"- Speed-up over stock nbgrader: **{speedup:.2f}x** (target ≥ 1.8x: "
        f"{'met' if speedup >= 1.8 else 'not met'}).",
        f"- Overhead over papermill alone: **{overhead * 100:.0f}%** (target < 15%: "
        f"{'met' if overhead < 0.15 else 'not met'}).",
    ]) + "\n"
    report.write_atomic(out / "report.md", text)
    report.write_json(out / "report.json", {"students": students, "jobs": jobs, "stock_s": stock,
                                            "batch_s": ours, "papermill_s": raw, "speedup": speedup,
                                            "overhead": overhead})
    print(text)
    return 0

"""`make course`: release, run every notebook headless, grade the sample students, report.

This module only composes the others and prints their results; each step lives elsewhere.
"""

from __future__ import annotations

import time
from pathlib import Path

from . import gradebook, headless, release, report
from .course import FRAMEWORKS, lessons
from .samples import SUBMISSIONS_DIR


def run_jobs_for(root: Path, build: Path, chosen) -> list[headless.RunJob]:
    jobs = []
    for lesson in chosen:
        for framework in FRAMEWORKS:
            for path, expect_failures in ((lesson.source(framework), False),
                                          (lesson.release(framework), True)):
                relative = path.relative_to(root)
                jobs.append(headless.RunJob(path, build / "executed" / relative,
                                            expect_test_failures=expect_failures))
    return jobs


def run_course(root: Path, build: Path, workers: int, only: list[str] | None = None) -> int:
    """Returns the process exit code: 0 when every step succeeded."""
    started = time.perf_counter()
    chosen = lessons(root, only)
    print(f"release: {len(release.release(root, only))} notebooks regenerated in notebooks/")

    runs = headless.run_jobs(run_jobs_for(root, build, chosen), workers=workers)
    run_rows = [[r.notebook.relative_to(root), r.status, f"{r.seconds:.1f}", r.detail] for r in runs]
    print("\nHeadless runs (papermill, FAST=True)\n" +
          report.table(["notebook", "status", "seconds", "detail"], run_rows))

    print("\nAutograding the sample students with nbgrader …", flush=True)
    grading_started = time.perf_counter()
    scores = gradebook.autograde(root, chosen, root / SUBMISSIONS_DIR, build / "grading")
    grading_seconds = time.perf_counter() - grading_started
    score_rows = [[s.student, s.assignment, s.notebook, f"{s.score:g}/{s.max_score:g}"] for s in scores]
    print(report.table(["student", "assignment", "notebook", "score"], score_rows))

    failed = [r for r in runs if not r.ok]
    total = time.perf_counter() - started
    summary = (f"\n{len(runs) - len(failed)}/{len(runs)} notebooks ok; "
               f"{len(scores)} submissions graded in {grading_seconds:.0f} s; total {total:.0f} s")
    print(summary)
    report.write_atomic(build / "report.md", "\n\n".join([
        "# Course run",
        "## Headless runs", report.table(["notebook", "status", "seconds", "detail"], run_rows),
        "## Sample students", report.table(["student", "assignment", "notebook", "score"], score_rows),
        summary.strip(),
    ]) + "\n")
    report.write_json(build / "report.json", {
        "runs": [{"notebook": str(r.notebook.relative_to(root)), "status": r.status,
                  "seconds": round(r.seconds, 2), "detail": r.detail} for r in runs],
        "scores": [s.__dict__ for s in scores],
        "seconds": round(total, 1),
    })
    print(f"report: {build / 'report.md'}")
    return 1 if failed else 0

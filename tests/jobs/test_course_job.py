"""`make course` on one lesson, in a copy of the course: behaviour, never wall time.

One run per purpose (grading executes each sample notebook once, and nothing else runs a
notebook), a quiet console (progress and tables; the chatter is in the log it names), and reports
that hold what the issue asks for. Run through the CLI, as `make course` does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, copy_course

ASSIGNMENT = "01_autograd"
NOISE = ("Kernel is running over TCP", "cpu_feature_guard", "absl::InitializeLog", "NOTE: When using",
         "To connect another client", "oneDNN", "Traceback")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def course_run(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("course"), [ASSIGNMENT])
    (course / "data").mkdir(exist_ok=True)
    shutil.copy(ROOT / "data" / "sample_students.toml", course / "data" / "sample_students.toml")
    for student in ("alice", "bob", "carol"):
        shutil.copytree(ROOT / "data" / "submissions" / student / ASSIGNMENT,
                        course / "data" / "submissions" / student / ASSIGNMENT)
    done = subprocess.run([sys.executable, "-m", "grader", "course", ASSIGNMENT, "--jobs", "2"], cwd=course,
                          capture_output=True, text=True, timeout=1800)
    return course, done


def test_the_course_passes_and_proves_it_with_what_grading_ran(course_run):
    course, done = course_run
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    data = json.loads((course / "build" / "course" / "report.json").read_text())
    runs = {(r["student"], r["notebook"]): r for r in data["runs"]}
    assert len(runs) == 6 and all(r["verdict"] == "ok" for r in runs.values()), runs
    for notebook in ("autograd_pytorch", "autograd_tensorflow"):
        alice, carol = runs[("alice", notebook)], runs[("carol", notebook)]
        assert alice["score"] == alice["max_score"] > 0 and carol["score"] == 0
        assert runs[("bob", notebook)]["score"] < alice["score"], "bob's mistakes must cost points"
        for folder in ("executed", "executed-release"):
            executed = course / "build" / "course" / folder / ASSIGNMENT / f"{notebook}.ipynb"
            assert executed.is_file(), f"{executed} missing"


def test_each_sample_notebook_runs_exactly_once(course_run):
    course, _ = course_run
    log = (course / "build" / "course" / "course.log").read_text()
    # Every kernel prints its start-up banner into the log: 3 students × 2 notebooks + 1 preflight.
    kernels = log.count("To connect another client to this kernel")
    assert kernels == 7, f"{kernels} kernels: expected one per sample notebook, plus the canary"
    assert not (course / "build" / "course" / "executed" / "solutions").exists(), "no headless rerun"


def test_the_console_is_quiet_and_names_the_log(course_run):
    course, done = course_run
    console = done.stdout + done.stderr
    for noise in NOISE:
        assert noise not in console, f"{noise!r} reached the console:\n{console}"
    assert f"log: {course / 'build' / 'course' / 'course.log'}" in console
    lines = [line for line in console.splitlines() if line.strip()]
    assert len(lines) <= 30, f"{len(lines)} console lines:\n{console}"


def test_reports_hold_the_tables_timings_and_plots(course_run):
    course, _ = course_run
    build = course / "build" / "course"
    markdown = (build / "report.md").read_text()
    for heading in ("## Sample notebooks", "## Students", "## Per exercise", "## Where the time went"):
        assert heading in markdown
    assert "ex1_value_and_grad" in markdown and "preflight" in markdown
    html = (build / "report.html").read_text()
    assert "<table>" in html and html.count("<img ") == 2
    for png in ("notebook_seconds.png", "exercise_scores.png"):
        assert (build / "plots" / png).stat().st_size > 1000

"""`make course` on every lesson, in a copy of the course: behaviour, never wall time.

Every lesson, because the grader's own checks (the patched-helper probe above all) meet each
lesson's imports only here: a solution that stock nbgrader scores in full must score in full
under the batch grader too.

One run per purpose (grading executes each sample notebook once, and nothing else runs a
notebook), a quiet console (progress and tables; the chatter is in the log it names), and reports
that hold what the issue asks for. Run through the CLI, as `make course` does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.course.layout import FRAMEWORKS, lessons
from tests.conftest import ROOT, copy_course

STUDENTS = ("alice", "bob", "carol")
NOISE = ("Kernel is running over TCP", "cpu_feature_guard", "absl::InitializeLog", "NOTE: When using",
         "To connect another client", "oneDNN", "Traceback")
# One group: the module fixture (the whole course) is then built once, not once per xdist worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("course")]


@pytest.fixture(scope="module")
def course_run(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("course"))
    (course / "data").mkdir(exist_ok=True)
    shutil.copy(ROOT / "data" / "sample_students.toml", course / "data" / "sample_students.toml")
    for student in STUDENTS:
        shutil.copytree(ROOT / "data" / "submissions" / student, course / "data" / "submissions" / student)
    done = subprocess.run([sys.executable, "-m", "grader", "course", "--jobs", "2"], cwd=course,
                          capture_output=True, text=True, timeout=3600)
    return course, done


@pytest.fixture(scope="module")
def notebooks() -> list[tuple[str, str]]:
    return [(lesson.assignment_id, Path(lesson.notebook_name(fw)).stem)
            for lesson in lessons(ROOT) for fw in FRAMEWORKS]


def test_the_course_passes_and_proves_it_with_what_grading_ran(course_run, notebooks):
    course, done = course_run
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    data = json.loads((course / "build" / "course" / "report.json").read_text())
    runs = {(r["student"], r["notebook"]): r for r in data["runs"]}
    assert len(runs) == len(STUDENTS) * len(notebooks), sorted(runs)
    wrong = [r for r in runs.values() if r["verdict"] != "ok"]
    assert not wrong, wrong
    for assignment, notebook in notebooks:
        alice, carol = runs[("alice", notebook)], runs[("carol", notebook)]
        assert alice["score"] == alice["max_score"] > 0, f"{notebook}: the solution lost points: {alice}"
        assert carol["score"] == 0, f"{notebook}: the blank release earned points: {carol}"
        assert runs[("bob", notebook)]["score"] < alice["score"], f"{notebook}: bob's mistakes cost nothing"
        for folder in ("executed", "executed-release"):
            executed = course / "build" / "course" / folder / assignment / f"{notebook}.ipynb"
            assert executed.is_file(), f"{executed} missing"


def test_each_sample_notebook_runs_exactly_once(course_run, notebooks):
    course, _ = course_run
    log = (course / "build" / "course" / "course.log").read_text()
    # Every kernel prints its start-up banner into the log: one per student and notebook, + 1 preflight.
    kernels = log.count("To connect another client to this kernel")
    expected = len(STUDENTS) * len(notebooks) + 1
    assert kernels == expected, f"{kernels} kernels: expected one per sample notebook, plus the canary"
    assert not (course / "build" / "course" / "executed" / "solutions").exists(), "no headless rerun"


def test_the_console_is_quiet_and_names_the_log(course_run):
    course, done = course_run
    console = done.stdout + done.stderr
    for noise in NOISE:
        assert noise not in console, f"{noise!r} reached the console:\n{console}"
    assert f"log: {course / 'build' / 'course' / 'course.log'}" in console
    lines = [line for line in console.splitlines() if line.strip()]
    other = [line for line in lines if not line.startswith("|") and "grading the sample students" not in line]
    assert len(other) <= 6, f"{len(other)} console lines besides the tables and the bar:\n{console}"


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


# Lesson 07's notebooks start subprocesses that talk over TCP (`torchrun` with two gloo workers, two
# MultiWorkerMirroredStrategy workers with TF_CONFIG). Graded in the sandbox, they run in the kernel's
# own network namespace (loopback only), as an unprivileged uid, under the default process limit that
# counts threads. What each launch cell prints when its workers ran, and its parity line:
WORKERS_RAN = {"pytorch": "2 processes, backend gloo", "tensorflow": "2 workers, "}
PARITY = {"pytorch": "DDP (2 processes) vs one process on the global batches",
          "tensorflow": "MultiWorkerMirroredStrategy (2 processes) vs one process on the global batches"}


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_lesson_07s_workers_ran_over_loopback_in_the_sandbox_and_matched_one_process(course_run, framework):
    course, _ = course_run
    build = course / "build" / "course"
    if not json.loads((build / "report.json").read_text())["sandbox"]:
        pytest.skip("no sandbox here: the course graded without one")
    lesson = lessons(ROOT, ["07_distributed"])[0]
    nb = json.loads((build / "executed" / lesson.assignment_id / lesson.notebook_name(framework)).read_text())
    errors = [f"cell {i}: {o.get('ename')}: {o.get('evalue', '')[:200]}" for i, c in enumerate(nb["cells"])
              if c["cell_type"] == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"cells raised in the sandbox: {errors}"
    text = "".join(o["text"] if isinstance(o.get("text"), str) else "".join(o.get("text", []))
                   for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", []))
    assert WORKERS_RAN[framework] in text, f"the launch cell did not report its workers:\n{text[-3000:]}"
    parity = [line for line in text.splitlines() if line.startswith(PARITY[framework])]
    assert parity, "no parity figure printed"
    gap = float(parity[0].rsplit("=", 1)[1])
    assert gap < 1e-6, f"the two workers differ from one process by {gap:.1e}: {parity[0]}"

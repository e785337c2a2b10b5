"""The batch grader on committed bad submissions: every case gets a clear status row, the batch
goes on, nothing escapes the sandbox, and a killed run resumes without losing or duplicating work.

One sandboxed run over tests/fixtures/batch/submitted/ (module fixture) serves most tests.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader.batch import sandbox
from grader.batch.model import BatchOptions, Limits
from grader.batch.results import write_reports
from grader.batch.runner import run_batch
from grader.errors import CourseError
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "batch" / "submitted"
ASSIGNMENT = "01_autograd"
# Cell timeout well above a normal cell even on a loaded 2-core CI machine (at 45 s, printing a
# million lines and a cold TF import timed out while other tests ran alongside).
LIMITS = Limits(cell_timeout=90, notebook_timeout=400, memory_mb=2000, max_processes=256)
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("batch")]

needs_sandbox = pytest.mark.skipif(not sandbox.sandbox_support().available,
                                   reason=f"no sandbox here: {sandbox.sandbox_support().reason}")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    out = tmp_path_factory.mktemp("grading")
    started = time.perf_counter()
    run = run_batch(ROOT, FIXTURES, BatchOptions(ASSIGNMENT, out, jobs=2, limits=LIMITS, progress=False))
    assert run.db_url == f"sqlite:///{out / 'gradebook.db'}"
    paths = write_reports(run)
    return {"out": out, "results": run.by_student(), "paths": paths,
            "seconds": time.perf_counter() - started}


def notebook(graded, student, name="autograd_pytorch"):
    return graded["results"][student].notebooks[name]


def all_flags(graded, student) -> str:
    result = graded["results"][student]
    return " | ".join(result.flags + [f for nb in result.notebooks.values() for f in nb.flags])


EXPECTED = {  # student: (status starts with, PyTorch score out of 12)
    "good": ("ok", 12), "misnamed": ("ok", 12), "extra_files": ("ok", 12), "exception": ("ok", 9),
    "os_exit": ("kernel died", 6), "sigint_loop": ("cell timeout", 3), "memory_bomb": ("memory limit", 3),
    # A fork bomb is stopped by the watchdog's task count, by the memory its copies add up to (each
    # fork of a kernel that imported torch counts its resident pages), or, when its forks stall
    # first, by the cell timeout: each contains it, and each leaves the earlier exercise's points.
    "fork_bomb": (("process limit", "memory limit", "cell timeout"), 3),
    "huge_output": ("ok", 12), "huge_image": ("ok", 12),
    "tampered_tests": ("ok", 12), "writes_outside": ("ok", 12), "reads_secrets": ("ok", 12),
    "nbformat3": ("ok", 12), "invalid_json": ("invalid notebook", 0),
    # Correct answers that write a UserWarning and a line to stderr on every call: a warning
    # is not a failure (stock nbgrader would score every test cell calling them 0).
    "warns_on_stderr": ("ok", 12),
}


@needs_sandbox
@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_each_bad_submission_gets_a_clear_status_and_a_fair_score(graded, student):
    status, score = EXPECTED[student]
    row = notebook(graded, student)
    assert row.status.startswith(status), f"{student}: status {row.status!r}, expected {status!r}"
    assert row.score == score, f"{student}: scored {row.score}, expected {score}: {row}"
    assert notebook(graded, student, "autograd_tensorflow").status == "missing notebook"


@needs_sandbox
def test_missing_notebooks_and_tf_noise(graded):
    missing = graded["results"]["missing"]
    assert {nb.status for nb in missing.notebooks.values()} == {"missing notebook"}
    assert "extra file ignored: notes.txt" in missing.flags
    noisy = notebook(graded, "tf_noise", "autograd_tensorflow")
    assert (noisy.status, noisy.score) == ("ok", 12), "TF's stderr notice must not cost points"


@needs_sandbox
@pytest.mark.parametrize("student, flag", [
    ("misnamed", "Autograd_PyTorch (1).ipynb taken as autograd_pytorch.ipynb"),
    ("extra_files", "extra file ignored: weights.bin"),
    ("nbformat3", "converted from nbformat 3"),
    ("huge_image", "large file"),
    ("huge_image", "MB output removed"),
    ("tampered_tests", "deleted test cell ex2_accumulate_hidden"),
    ("tampered_tests", "edited test cell ex1_value_and_grad_visible"),
    ("tampered_tests", "re-pointed test cell ex3_log1pexp_visible"),
    ("fork_bomb", "process control (os.fork)"),
    ("os_exit", "process control (os._exit)"),
    ("sigint_loop", "process control (signal.signal)"),
    ("reads_secrets", "ex1_value_and_grad"),
])
def test_integrity_flags_point_the_instructor_at_the_right_place(graded, student, flag):
    assert flag in all_flags(graded, student), f"{student}: flags were {all_flags(graded, student)!r}"


@needs_sandbox
def test_a_warning_stays_in_the_feedback_and_costs_nothing(graded):
    seen = autograded_outputs(graded, "warns_on_stderr")
    assert "[stderr, not counted against you]" in seen and "this helper is deprecated" in seen
    assert "'name': 'stderr'" not in seen, "test cells must keep no stderr stream (nbgrader scores it 0)"
    feedback = (graded["out"] / "feedback" / "warns_on_stderr" / "autograd_pytorch.html").read_text()
    assert "not counted against you" in feedback


@needs_sandbox
def test_patched_comparison_helpers_earn_nothing(graded):
    plain, patched = notebook(graded, "wrong_plain"), notebook(graded, "wrong_patched")
    assert plain.status == patched.status == "ok"
    assert plain.score < 12, f"the wrong custom backward must lose points: {plain}"
    assert patched.score <= plain.score, (
        f"patching np.allclose & co. must not pay: patched {patched.score} > plain {plain.score}")
    flags = all_flags(graded, "wrong_patched")
    assert "numpy.allclose was replaced" in flags and "points withheld" in flags, flags
    assert "points withheld" not in all_flags(graded, "wrong_plain")
    assert "points withheld" not in all_flags(graded, "good"), "a correct submission must not be held"
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded['out'] / 'gradebook.db'}") as gb:
        held = {s.student.id: s.needs_manual_grade
                for s in gb.notebook_submissions("autograd_pytorch", ASSIGNMENT)}
    assert held["wrong_patched"] and not held["wrong_plain"] and not held["good"], held


@needs_sandbox
def test_three_students_in_a_row_dying_at_the_same_cell_stop_the_batch_and_none_is_recorded(tmp_path):
    submitted = tmp_path / "submitted"
    for student in ("crash_a", "crash_b", "crash_c"):  # the committed os._exit submission, three times
        shutil.copytree(FIXTURES / "os_exit", submitted / student)
    out = tmp_path / "out"
    with pytest.raises(CourseError, match="3 students in a row") as stopped:
        run_batch(ROOT, submitted, BatchOptions(ASSIGNMENT, out, jobs=1, limits=LIMITS, progress=False))
    assert "resume" in str(stopped.value) and "autograd_pytorch cell" in str(stopped.value), stopped.value
    assert not list((out / "results").glob("*.json")), "a grader fault must not become a student's zero"


def autograded_outputs(graded, student) -> str:
    path = graded["out"] / "work" / student / "autograded" / student / ASSIGNMENT / "autograd_pytorch.ipynb"
    nb = json.loads(path.read_text())
    return "".join(str(o) for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", []))


@needs_sandbox
def test_sandbox_hides_the_course_and_blocks_writes_outside(graded):
    seen = autograded_outputs(graded, "reads_secrets")
    assert "repository holds: ['.venv']" in seen, "the kernel must see nothing of the repository but .venv"
    assert seen.count("could not read") == 3 and "BEGIN SOLUTION" not in seen
    written = autograded_outputs(graded, "writes_outside")
    assert "wrote" not in written and written.count("could not write") == 2
    assert not (ROOT / "HACKED.txt").exists()
    assert not list(graded["out"].rglob("ESCAPED.txt"))


@needs_sandbox
def test_huge_output_is_truncated(graded):
    text = autograded_outputs(graded, "huge_output")
    assert len(text) < 200_000, f"a million printed lines must be cut, kept {len(text)} characters"


@needs_sandbox
def test_feedback_never_shows_hidden_tests(graded):
    html = (graded["out"] / "feedback" / "os_exit" / "autograd_pytorch.html").read_text()
    for secret in ("BEGIN HIDDEN TESTS", "counting_loss", "register_hook", "BackwardCFunction"):
        assert secret not in html, f"feedback leaks {secret!r}"
    assert "GraderLimit" in html and "kernel died" in html, "the student must see why cells failed"


@needs_sandbox
def test_reports_csv_export_and_plots(graded):
    with open(graded["paths"]["csv"]) as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["student", "notebook", "exercise", "score", "max", "status", "flags"]
    good = {r["exercise"]: (float(r["score"]), float(r["max"])) for r in rows
            if r["student"] == "good" and r["notebook"] == "autograd_pytorch"}
    assert good == {"ex1_value_and_grad": (3, 3), "ex2_accumulate": (3, 3), "ex3_log1pexp": (3, 3),
                    "ex4_gradient_check": (3, 3)}
    with open(graded["paths"]["nbgrader_csv"]) as handle:
        exported = {r["student_id"]: float(r["score"]) for r in csv.DictReader(handle)}
    assert exported["good"] == 12 and exported["memory_bomb"] == 3 and exported["missing"] == 0
    assert set(exported) == set(graded["results"])
    for name in ("totals", "exercises"):
        assert graded["paths"][name].read_bytes()[:4] == b"\x89PNG"


@needs_sandbox
def test_rerun_grades_nothing_new_and_force_regrades(graded):
    out = graded["out"]
    before = {p.name: p.stat().st_mtime_ns for p in (out / "results").iterdir()}
    (out / "results" / "good.json").unlink()
    rerun = run_batch(ROOT, FIXTURES, BatchOptions(ASSIGNMENT, out, jobs=1, limits=LIMITS, progress=False))
    after = {p.name: p.stat().st_mtime_ns for p in (out / "results").iterdir()}
    assert set(after) == set(before)
    regraded = [n for n in after if after[n] != before.get(n)]
    assert regraded == ["good.json"], f"only the missing student is graded, not {regraded}"
    assert rerun.by_student()["good"].notebooks["autograd_pytorch"].score == 12


def submissions_count(db: Path) -> dict[str, int]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{db}") as gb:
        return {s.id: len(s.submissions) for s in gb.students}


@needs_sandbox
def test_a_killed_run_resumes_without_loss_or_duplicates(tmp_path):
    subset = tmp_path / "submitted"
    for student in ("good", "misnamed", "extra_files"):
        shutil.copytree(FIXTURES / student, subset / student)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "grader", "autograde", str(subset), "--assignment", ASSIGNMENT,
               "--jobs", "1", "--out", str(out)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 300
    while not list((out / "results").glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)  # mid-batch: one student done, another under way
    process.wait()
    done_before = {p.name for p in (out / "results").glob("*.json")}
    assert 1 <= len(done_before) < 3, f"the kill came too late to test anything: {done_before}"
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr[-2000:]
    results = {p.stem: json.loads(p.read_text()) for p in (out / "results").glob("*.json")}
    assert set(results) == {"good", "misnamed", "extra_files"}
    graded = {s: (r["notebooks"]["autograd_pytorch"]["score"], r["notebooks"]["autograd_pytorch"]["status"])
              for s, r in results.items()}
    assert graded == {"good": (12, "ok"), "misnamed": (12, "ok"), "extra_files": (12, "ok")}
    assert submissions_count(out / "gradebook.db") == {"good": 1, "misnamed": 1, "extra_files": 1}


def test_without_a_sandbox_grading_is_refused_unless_asked(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    with pytest.raises(CourseError, match="--no-sandbox"):
        run_batch(ROOT, FIXTURES, BatchOptions(ASSIGNMENT, tmp_path, jobs=1, progress=False))


def test_unreadable_input_is_a_clear_error(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "notes.txt").write_text("not a submission")
    options = BatchOptions(ASSIGNMENT, tmp_path / "out", jobs=1, sandbox=False, progress=False)
    with pytest.raises(CourseError, match="no submissions found"):
        run_batch(ROOT, inbox, options)
    bad_zip = tmp_path / "downloads.zip"
    bad_zip.write_text("not a zip")
    with pytest.raises(CourseError, match="zip"):
        run_batch(ROOT, bad_zip, options)


def test_an_unreachable_main_gradebook_stops_the_run_with_its_address_and_no_worker_outlives_it(tmp_path):
    import multiprocessing

    from tests.postgres import free_port

    port = free_port()  # nothing listens on it
    submitted = tmp_path / "submitted"
    shutil.copytree(FIXTURES / "good", submitted / "good")
    options = BatchOptions(ASSIGNMENT, tmp_path / "out", jobs=1, sandbox=False, progress=False,
                           db_url=f"postgresql://grader:s3cret@127.0.0.1:{port}/course")
    address = f"127.0.0.1:{port}/course"
    with pytest.raises(CourseError, match=f"cannot open the main gradebook .*{address}") as stopped:
        run_batch(ROOT, submitted, options)
    assert "s3cret" not in str(stopped.value), "the password must not be printed"
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not multiprocessing.active_children(), "the pool's workers outlived the failed run"
    assert not list((tmp_path / "out" / "results").glob("*.json")), "nothing is recorded"

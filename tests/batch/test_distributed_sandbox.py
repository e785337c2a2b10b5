"""Lesson 07 under the batch grader's sandbox: the solved notebooks get full marks there.

Lesson 07's notebooks start subprocesses that talk over TCP: `torchrun` with two gloo workers, and
two `MultiWorkerMirroredStrategy` workers with TF_CONFIG. The batch grader runs each kernel under
bubblewrap in its own network namespace (loopback only), as an unprivileged uid, with a process
limit that counts threads, in a working folder that is the submission's own. This test grades the
solved lesson (built as the sample students are, from the release and the solutions, FAST=True)
with the real batch grader and requires full marks for both notebooks, and evidence in the
autograded notebooks that the workers really ran and agreed with one process.
"""

from __future__ import annotations

import json

import pytest

from grader.authoring.release import read, write
from grader.authoring.samples import submission
from grader.batch import sandbox
from grader.batch.model import BatchOptions, Limits
from grader.batch.runner import run_batch
from grader.course import cells
from grader.course.layout import FRAMEWORKS, lessons
from tests.conftest import ROOT

ASSIGNMENT = "07_distributed"
STUDENT = "solver"
# The grader's default memory and process limits (those are what this test is about); a cell
# timeout well above the torchrun or TensorFlow-workers cell even on a loaded 2-core CI machine.
LIMITS = Limits(cell_timeout=400, notebook_timeout=1200)
# What each notebook's launch cell prints when its workers ran (rank 0 / the chief speaking).
WORKERS_RAN = {"pytorch": "2 processes, backend gloo", "tensorflow": "2 workers, "}
PARITY = {"pytorch": "DDP (2 processes) vs one process on the global batches",
          "tensorflow": "MultiWorkerMirroredStrategy (2 processes) vs one process on the global batches"}

pytestmark = pytest.mark.slow
needs_sandbox = pytest.mark.skipif(not sandbox.sandbox_support().available,
                                   reason=f"no sandbox here: {sandbox.sandbox_support().reason}")


def solved_submission(folder):
    """The release with every exercise answered by the solution, FAST=True, as a student hands it in."""
    lesson = lessons(ROOT, [ASSIGNMENT])[0]
    for framework in FRAMEWORKS:
        source, released = read(lesson.source(framework)), read(lesson.release(framework))
        for cell in released.cells:  # a student may edit the parameters cell: grade the quick run
            if "parameters" in cell.metadata.get("tags", []):
                cell.source = cell.source.replace("FAST = False", "FAST = True")
        answers = {cells.grade_id(c): cells.student_answer(c.source)
                   for c in source.cells if cells.is_solution(c)}
        write(submission(released, source, answers),
              folder / STUDENT / ASSIGNMENT / lesson.notebook_name(framework))
    return lesson


def outputs_text(nb: dict) -> str:
    return "".join(o.get("text", "") if isinstance(o.get("text"), str) else "".join(o.get("text", []))
                   for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", []))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("distributed")
    lesson = solved_submission(folder / "submitted")
    out = folder / "out"
    run = run_batch(ROOT, folder / "submitted",
                    BatchOptions(ASSIGNMENT, out, jobs=1, limits=LIMITS, progress=False))
    return {"lesson": lesson, "out": out, "result": run.by_student()[STUDENT]}


@needs_sandbox
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_solved_lesson_gets_full_marks_in_the_sandbox(graded, framework):
    name = graded["lesson"].notebook_id(framework)
    row = graded["result"].notebooks[name]
    assert row.status == "ok", f"{name}: status {row.status!r}, flags {row.flags}"
    assert row.max > 0 and row.score == row.max, (
        f"{name} scored {row.score}/{row.max} in the sandbox: {row.tests}")


@needs_sandbox
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_workers_ran_over_loopback_and_matched_one_process(graded, framework):
    name = graded["lesson"].notebook_id(framework)
    path = graded["out"] / "work" / STUDENT / "autograded" / STUDENT / ASSIGNMENT / f"{name}.ipynb"
    nb = json.loads(path.read_text())
    errors = [f"cell {i}: {o.get('ename')}: {o.get('evalue', '')[:200]}" for i, c in enumerate(nb["cells"])
              if c["cell_type"] == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{name}: cells raised in the sandbox: {errors}"
    text = outputs_text(nb)
    assert WORKERS_RAN[framework] in text, (
        f"{name}: the launch cell did not report its workers:\n{text[-3000:]}")
    parity = [line for line in text.splitlines() if line.startswith(PARITY[framework])]
    assert parity, f"{name}: no parity figure printed"
    gap = float(parity[0].rsplit("=", 1)[1])
    assert gap < 1e-6, f"{name}: the two workers differ from one process by {gap:.1e}: {parity[0]}"

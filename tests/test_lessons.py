"""Every lesson notebook, with real kernels: its solution runs headless and passes its own tests,
every committed right answer gets full marks, every committed wrong answer is rejected for the
right reason, its opening detects a simulated Colab, and stock nbgrader gives the solution full
marks. The release's whole run (to the end, every test failing, 0 points) is carol's, in the batch
grader's run of the course (tests/jobs/test_course_job.py).

Each notebook runs once per purpose: the answer check is the headless run of the solution (one
kernel, every cell once, the answers swapped in at their exercise).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from grader import headless
from grader.authoring.answer_check import SOLUTION, check_notebook
from grader.authoring.opening import DEVICE_TAG, SETUP_TAG
from grader.authoring.release import read, write
from grader.authoring.samples import submission
from grader.authoring.wrong_answers import committed_answers, too_few_answers
from grader.batch import gradebook
from grader.course import cells
from grader.course.layout import FRAMEWORKS, find_root, lessons

ROOT = find_root()
NOTEBOOKS = [pytest.param(lesson, fw, id=lesson.notebook_id(fw),
                          marks=[pytest.mark.slow, pytest.mark.xdist_group(lesson.notebook_id(fw))])
             for lesson in lessons(ROOT) for fw in FRAMEWORKS]


@pytest.mark.parametrize("lesson, framework", NOTEBOOKS)
def test_solution_runs_and_its_tests_accept_right_and_reject_wrong_answers(lesson, framework, tmp_path):
    committed = committed_answers(lesson, framework)
    report = check_notebook(lesson.source(framework), committed, tmp_path)
    exercises = [e.grade_id for e in cells.exercises(read(lesson.source(framework)))]
    problems = report.problems()  # cells that raised, answers judged wrongly, unknown grade ids
    problems += too_few_answers(committed, exercises)  # at least MIN_WRONG_ANSWERS and MIN_RIGHT_ANSWERS each
    assert [v.grade_id for v in report.of_kind(SOLUTION)] == exercises
    judged = sum(len(answers) for grade_id, answers in committed.items() if grade_id in exercises)
    assert len(report.verdicts) == len(exercises) + judged
    # What the kernel could not restore between answers, shown with any problem it may explain.
    assert not problems, "\n".join(problems + [f"note: {n}" for n in sorted(set(report.notes))])


def fake_colab(folder: Path) -> Path:
    """A `google.colab` module, as Colab's kernel has, on a folder to put on PYTHONPATH."""
    package = folder / "google" / "colab"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""Stand-in for Colab\'s module in tests."""\n')
    return folder


@pytest.mark.parametrize("lesson, framework", NOTEBOOKS)
def test_the_releases_opening_detects_a_simulated_colab_and_installs_nothing(lesson, framework, tmp_path):
    """What differs on Colab lives in the opening (the setup and device cells), so only the opening
    runs here. That the whole release runs to the end, alone in its folder, with every test
    failing, is carol's run in the batch grader (tests/jobs/test_course_job.py)."""
    bare = tmp_path / "colab_content"  # the notebook alone, nothing else of the repository
    bare.mkdir()
    nb = read(lesson.release(framework))
    last = max(i for i, c in enumerate(nb.cells) if DEVICE_TAG in c.metadata.get("tags", []))
    nb.cells = nb.cells[:last + 1]
    notebook = bare / lesson.notebook_name(framework)
    write(nb, notebook)
    env = {"PYTHONPATH": str(fake_colab(tmp_path / "site"))}
    result = headless.run_job(headless.RunJob(notebook, bare / "executed.ipynb", env=env))
    assert result.ok, f"{result.status}: {result.detail}"
    outputs = {tag: "".join(o.get("text", "") for c in read(result.output).cells
                            if tag in c.metadata.get("tags", []) for o in c.outputs)
               for tag in (SETUP_TAG, DEVICE_TAG)}
    assert "Colab: installed nothing" in outputs[SETUP_TAG], (
        f"the setup cell should detect Colab and find everything present, printed: {outputs[SETUP_TAG]!r}")
    assert "device" in outputs[DEVICE_TAG], f"the device cell printed no device: {outputs[DEVICE_TAG]!r}"


@pytest.mark.parametrize("lesson, framework", NOTEBOOKS)
def test_stock_nbgrader_gives_full_marks_to_the_solution(lesson, framework, tmp_path):
    """Stock nbgrader also scores a test cell 0 when it writes to stderr, which the batch grader
    does not: a solution must pass both. The release's 0 is carol's, in the batch grader's run of
    the course (tests/jobs/test_course_job.py), by the same nbgrader scoring of an error."""
    source, released = read(lesson.source(framework)), read(lesson.release(framework))
    solved = {cells.grade_id(c): cells.student_answer(c.source) for c in source.cells if cells.is_solution(c)}
    for cell in released.cells:  # a student may edit the parameters cell: grade the quick run
        if "parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace("FAST = False", "FAST = True")
    submitted = tmp_path / "submitted"
    write(submission(released, source, solved),
          submitted / "solved" / lesson.assignment_id / lesson.notebook_name(framework))
    [score] = [s for s in gradebook.autograde(ROOT, [lesson], submitted, tmp_path / "course")
               if s.notebook == lesson.notebook_id(framework)]
    assert score.max_score > 0 and score.score == score.max_score, (
        f"solution scored {score.score}/{score.max_score}: {score.exercise_scores}")
    assert set(score.exercise_scores) == {cells.grade_id(c) for c in source.cells if cells.is_test(c)}


def test_judge_release_flags_errors_outside_test_cells():
    nb = read(lessons(ROOT)[0].release("pytorch"))
    for cell in nb.cells:
        if cells.is_test(cell) and cells.has_code(cell.source):
            cell.outputs = [nbformat.v4.new_output("error", ename="NotImplementedError", evalue="",
                                                   traceback=[])]
        elif cell.cell_type == "code":
            cell.execution_count = 1
    assert headless.judge_release(nb)[0] == "ok"
    demo = next(c for c in nb.cells if c.cell_type == "code" and not cells.nbgrader_meta(c))
    demo.outputs = [nbformat.v4.new_output("error", ename="NameError", evalue="x", traceback=[])]
    status, detail = headless.judge_release(nb)
    assert status == "failed" and "NameError" in detail

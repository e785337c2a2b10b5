"""The CLI's promises: one-line errors for bad input, and `check` catching broken lesson pairs."""

from __future__ import annotations

import logging
import subprocess
import sys

import nbformat
import pytest

from grader.authoring.lint import check
from grader.cli import ConsoleLines, parse_value
from grader.course import cells
from grader.course.layout import find_root

ROOT = find_root()


def grader(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("args, message", [
    (["release", "99_nothing"], "unknown assignment(s) 99_nothing"),
    (["run", "no/such/notebook.ipynb"], "not a notebook or a folder of notebooks"),
    (["check", "01_nope"], "unknown assignment(s) 01_nope"),
    (["run", "--jobs", "0"], "--jobs must be at least 1"),
    (["bench", "--rounds", "0"], "--students and --rounds must be at least 1"),
    (["shard"], "--shard auto: neither SLURM_ARRAY_TASK_ID"),
])
def test_bad_input_gives_one_line_error_and_exit_2(args, message):
    result = grader(*args)
    assert result.returncode == 2, result
    assert message in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, f"expected one line, got:\n{result.stderr}"


def test_outside_a_course_the_error_says_so(tmp_path):
    # The package lives in the repo, so find_root falls back to it; a folder without lessons
    # given explicitly to check must still be rejected clearly.
    result = grader("run", str(tmp_path))
    assert result.returncode == 2 and "no notebooks in" in result.stderr


def test_check_passes_on_the_repository():
    assert check(ROOT) == []


@pytest.mark.parametrize("value, parsed", [("3", 3), ("0.5", 0.5), ("True", True), ("cpu", "cpu"),
                                           ("'x'", "x")])
def test_parameters_parse_like_papermill(value, parsed):
    assert parse_value(value) == parsed


def edit(path, change):
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def test_check_reports_mismatched_headings_points_outputs_and_missing_wrong_answers(course_copy):
    lesson = course_copy / "solutions" / "01_autograd"
    tf_nb = lesson / "autograd_tensorflow.ipynb"

    def break_tf(nb):
        headed = next(c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## 4."))
        headed.source = headed.source.replace("## 4. Stopping gradients", "## 4. Stop recording")
        test = next(c for c in nb.cells if cells.is_test(c))
        test.metadata.nbgrader.points = 5
        code = next(c for c in nb.cells if c.cell_type == "code")
        code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="left over\n")]
        code.execution_count = 3

    edit(tf_nb, break_tf)
    for wrong in (course_copy / "tests/wrong_answers/01_autograd/autograd_pytorch").glob("ex2_*"):
        wrong.unlink()
    problems = "\n".join(check(course_copy))
    assert "section headings differ" in problems
    assert "grade ids/points differ" in problems
    assert "committed outputs or an execution count" in problems
    assert "ex2_accumulate: 0 committed wrong answers" in problems


def test_check_reports_a_stale_badge_a_banned_colab_install_and_a_lone_notebook(course_copy):
    lesson = course_copy / "solutions" / "01_autograd"

    def break_opening(nb):
        nb.cells[0].source = nb.cells[0].source.replace("solutions/01_autograd", "somewhere/else")
        setup = next(c for c in nb.cells if "setup-colab" in c.metadata.get("tags", []))
        setup.source = setup.source.replace("COLAB_NEEDS = {}", 'COLAB_NEEDS = {"torch": "torch==2.13.0"}')

    edit(lesson / "autograd_pytorch.ipynb", break_opening)
    (lesson / "autograd_tensorflow.ipynb").rename(lesson / "autograd_tf.ipynb")
    problems = "\n".join(check(course_copy))
    assert "Colab badge does not point at solutions/01_autograd/autograd_pytorch.ipynb" in problems
    assert "COLAB_NEEDS must never install ['torch']" in problems
    assert "autograd_tf.ipynb: not a <topic>_pytorch/_tensorflow notebook" in problems
    assert "autograd_tensorflow.ipynb: missing" in problems


def test_check_requires_hidden_tests_for_every_exercise(course_copy):
    path = course_copy / "solutions/01_autograd/autograd_pytorch.ipynb"

    def drop_hidden(nb):
        for c in nb.cells:
            if cells.grade_id(c) == "ex3_log1pexp_hidden":
                c.source = "assert True"

    edit(path, drop_hidden)
    assert any("ex3_log1pexp: no hidden tests" in p for p in check(course_copy))


@pytest.mark.parametrize(("logger", "level", "shown"), [
    ("grader.jobs.course", logging.INFO, True),  # a job's progress line
    ("grader.site.runs", logging.INFO, True),
    ("grader.batch.preflight", logging.INFO, False),  # detail: the log file only
    ("grader.batch.runner", logging.WARNING, True),  # every warning
    ("grader.batch.preflight", logging.DEBUG, False),
])
def test_the_console_shows_warnings_and_the_jobs_progress_only(logger, level, shown):
    record = logging.LogRecord(logger, level, __file__, 1, "message", None, None)
    assert ConsoleLines().filter(record) is shown


def test_the_console_lines_go_to_the_stderr_of_the_moment_not_the_one_at_start(monkeypatch):
    import io

    from grader.cli import show_library_logging

    logger = logging.getLogger("grader")
    monkeypatch.setattr(logger, "handlers", [])  # this process's handler, restored afterwards
    at_start, later = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", at_start)
    show_library_logging()
    monkeypatch.setattr(sys, "stderr", later)  # as pytest's capsys or a caller's redirect does
    logging.getLogger("grader.jobs.course").info("release: 16 notebooks")
    assert later.getvalue() == "release: 16 notebooks\n" and at_start.getvalue() == ""

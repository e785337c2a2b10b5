"""The batch grader's nbgrader preprocessors on tiny in-memory notebooks: no kernel, no sandbox, no root."""

from __future__ import annotations

import copy

import pytest
from traitlets.config import Config

from grader.batch.model import NotebookOutcome, OutcomeLog
from grader.batch.preprocessors import (
    LIMIT_ERROR,
    CapOutputBytes,
    RedactHiddenTests,
    SandboxedExecute,
    StderrNotScored,
    fail_unfinished,
)
from grader.course import cells
from tests.notebooks import error, graded_cell, new_markdown_cell, notebook, solution_cell, stream


@pytest.fixture
def log():
    return OutcomeLog()


def resources(name: str = "autograd_pytorch") -> dict:
    return {"unique_key": name}


def test_the_outcome_log_has_one_record_per_notebook(log):
    first = log.of(resources("a"))
    assert first == NotebookOutcome()
    first.flags.append("x")
    assert log.of(resources("a")).flags == ["x"]
    assert log.of(resources("b")).flags == []
    assert log.of({}) is log.of({"unique_key": None}) is log.of(None)  # unnamed notebooks share one
    assert sorted(log) == ["a", "b", "notebook"]


def test_the_outcome_log_reaches_preprocessors_through_config_uncopied(log):
    """traitlets deep-copies config values into each configurable: the log must survive that."""
    config = Config()
    config.SandboxedExecute.outcomes = config.CapOutputBytes.outcomes = log
    assert copy.deepcopy(log) is log
    assert CapOutputBytes(config=config).outcomes is log
    assert SandboxedExecute(config=config).outcomes is log
    assert CapOutputBytes().outcomes is not CapOutputBytes().outcomes  # unconfigured: a log each


def test_fail_unfinished_gives_every_unfinished_code_cell_an_error():
    nb = notebook(solution_cell("x = 1"), new_markdown_cell("# text"), graded_cell("assert x == 1"),
                  graded_cell("assert x", grade_id="ex1_f_hidden"))
    failed = fail_unfinished(nb, finished={0}, reason="memory limit")
    assert failed == 2
    assert nb.cells[0].get("outputs", []) == []
    assert "outputs" not in nb.cells[1]
    for cell in nb.cells[2:]:
        assert [(o.ename, o.evalue) for o in cell.outputs] == [(LIMIT_ERROR, "memory limit")]


def test_cap_output_bytes_replaces_only_the_oversized_output(log):
    small, huge = stream("ok\n"), stream("x" * 5000)
    cell = graded_cell("print()", outputs=[small, huge])
    pre = CapOutputBytes(max_bytes=1000, outcomes=log)
    cell, _ = pre.preprocess_cell(cell, resources(), 3)
    assert cell.outputs[0] == small
    assert cell.outputs[1].output_type == "stream" and "removed by the grader" in cell.outputs[1].text
    assert log.of(resources()).flags == ["cell 3: 0.0 MB output removed"]


def test_cap_output_bytes_leaves_markdown_and_small_outputs_alone(log):
    markdown = new_markdown_cell("x" * 5000)
    cell = graded_cell("print()", outputs=[stream("ok\n")])
    pre = CapOutputBytes(max_bytes=1000, outcomes=log)
    assert pre.preprocess_cell(markdown, resources(), 0)[0] is markdown
    assert pre.preprocess_cell(cell, resources(), 1)[0].outputs == [stream("ok\n")]
    assert log.of(resources()).flags == []


HIDDEN_TEST = "assert f(1) == 2\n### BEGIN HIDDEN TESTS\nassert f(2) == 3  # secret\n### END HIDDEN TESTS"


def test_redact_hidden_tests_removes_source_and_traceback_but_keeps_the_message():
    visible = graded_cell("assert f(1) == 2", outputs=[error(evalue="visible failure")])
    hidden = graded_cell(HIDDEN_TEST, grade_id="ex1_f_hidden",
                         outputs=[stream("printed\n"), error(evalue="f(2) should be 3")])
    nb = notebook(solution_cell("def f(x): return x + 1"), visible, hidden)
    nb, _ = RedactHiddenTests().preprocess(nb, resources())
    assert "secret" not in nb.cells[2].source and "assert f(1) == 2" in nb.cells[2].source
    assert [(o.output_type, o.ename, o.evalue) for o in nb.cells[2].outputs] == [
        ("error", "AssertionError", "f(2) should be 3")]
    assert nb.cells[2].outputs[0].traceback == ["AssertionError: f(2) should be 3",
                                                "(hidden test ex1_f_hidden)"]
    assert "secret" not in str(nb.cells[2])
    # a test without hidden tests, and the solution, are untouched
    assert nb.cells[1].outputs[0].traceback == visible.outputs[0].traceback
    assert nb.cells[0].source == "def f(x): return x + 1"


def test_stderr_not_scored_turns_stderr_of_graded_cells_into_stdout():
    cell = graded_cell("import warnings", outputs=[stream("a warning\n", "stderr"), stream("out\n"),
                                                   stream("more\n", "stderr")])
    cell, _ = StderrNotScored().preprocess_cell(cell, resources(), 0)
    assert [o.name for o in cell.outputs] == ["stdout", "stdout"]
    assert cell.outputs[0].text == "out\n"
    assert cell.outputs[1].text == "[stderr, not counted against you]\na warning\nmore\n"


def test_stderr_not_scored_caps_long_stderr_and_keeps_errors():
    cell = graded_cell("x", outputs=[stream("e" * 50, "stderr"), error()])
    cell, _ = StderrNotScored(max_chars=10).preprocess_cell(cell, resources(), 0)
    assert cell.outputs[0].output_type == "error"
    capped = "e" * 10 + "\n[... 40 more characters]\n"
    assert cell.outputs[1].text == "[stderr, not counted against you]\n" + capped


def test_stderr_not_scored_leaves_ungraded_cells_alone():
    cell = solution_cell("x = 1")
    cell.outputs = [stream("noise\n", "stderr")]
    cell, _ = StderrNotScored().preprocess_cell(cell, resources(), 0)
    assert cell.outputs == [stream("noise\n", "stderr")]
    assert not cells.is_test(cell)

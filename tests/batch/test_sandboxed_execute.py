"""SandboxedExecute with a real kernel, unconfined: no root, no bubblewrap, a few seconds each.

The confined path (bubblewrap, another uid) is covered end to end by test_batch; what is checked
here is the preprocessor's own logic on a live kernel: what it records, how a dead kernel fails
only the cells it never finished, and how a pass earned on a replaced helper is withheld.
"""

from __future__ import annotations

import pytest
from traitlets.config import Config

from grader.batch import probe
from grader.batch.model import Limits, OutcomeLog
from grader.batch.preprocessors import KERNEL_DIED, LIMIT_ERROR, WITHHELD_ERROR, SandboxedExecute
from grader.batch.worker import execution_config
from grader.course.nbgrader_api import ensure_venv_on_path
from tests.notebooks import graded_cell, locked_cell, notebook, solution_cell

pytestmark = pytest.mark.slow
NAME = "lesson_pytorch"


def execute(nb, tmp_path, probe_specs: dict | None = None) -> tuple:
    """Run `nb` through SandboxedExecute as a worker configures it, but unconfined."""
    ensure_venv_on_path()
    log = OutcomeLog()
    config = execution_config(Config(), sandbox=False, limits=Limits(cell_timeout=60), uid=0, threads=1,
                              hidden=(), visible=(), probe_specs=probe_specs or {})
    config.SandboxedExecute.outcomes = log
    tmp_path.mkdir(exist_ok=True)
    resources = {"unique_key": NAME, "metadata": {"path": str(tmp_path)}}
    executed, _ = SandboxedExecute(config=config).preprocess(nb, resources)
    return executed, log[NAME]


def errors(cell) -> list[str]:
    return [o.ename for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def test_a_notebook_that_runs_is_recorded_ok_with_its_time(tmp_path):
    nb = notebook(solution_cell("def f(x):\n    return x * x"),
                  graded_cell("assert f(3) == 9\nprint('passed')", "ex1_test"))
    executed, outcome = execute(nb, tmp_path)
    assert outcome.status == "ok" and outcome.died_at is None and outcome.flags == []
    assert outcome.seconds > 0
    assert executed.cells[1].outputs[0].text == "passed\n"
    assert not any(errors(c) for c in executed.cells)


def test_a_dead_kernel_fails_only_the_cells_it_never_finished(tmp_path):
    nb = notebook(solution_cell("x = 1\nprint(x)"),
                  graded_cell("assert x == 1", "ex1_test"),
                  solution_cell("import os\nos._exit(3)", "ex2_f"),
                  graded_cell("assert x == 1", "ex2_test"))
    executed, outcome = execute(nb, tmp_path)
    assert outcome.status == KERNEL_DIED
    assert outcome.died_at == 2, "the death is placed at the first cell that did not finish"
    assert errors(executed.cells[0]) == errors(executed.cells[1]) == [], "finished cells keep their result"
    assert errors(executed.cells[2]) == errors(executed.cells[3]) == [LIMIT_ERROR]
    assert executed.cells[0].outputs[0].text == "1\n"


COURSE = "import numpy as np"
TEST = "assert np.allclose(f(2.0), 4.0)"


def spec_for(nb) -> dict:
    """The probe spec a preflight would hand over, with the baseline taken in this interpreter."""
    relied = probe.reliance(nb)
    names = [n for n in relied.names() if n.startswith("numpy.")]
    for name in names:
        probe.import_along(name)  # as the preflight kernel does
    baseline = {n: probe.fingerprint(probe.resolve(n)) for n in names}
    assert "numpy.allclose" in baseline, relied.names()
    return {NAME: relied.spec(baseline)}


def test_a_pass_on_a_replaced_helper_is_withheld_and_flagged(tmp_path):
    honest = notebook(locked_cell(COURSE), solution_cell("def f(x):\n    return x * x"),
                      graded_cell(TEST, "ex1_test"))
    cheat = notebook(locked_cell(COURSE),
                     solution_cell("def f(x):\n    return 0\n\nnp.allclose = lambda *a, **k: True"),
                     graded_cell(TEST, "ex1_test"))
    specs = spec_for(honest)

    executed, outcome = execute(honest, tmp_path / "honest", specs)
    assert outcome.withheld == [] and outcome.flags == []
    assert errors(executed.cells[2]) == []

    executed, outcome = execute(cheat, tmp_path / "cheat", specs)
    assert outcome.withheld == ["ex1_test"], outcome
    assert errors(executed.cells[2]) == [WITHHELD_ERROR], "the test passed but must earn nothing"
    assert any("numpy.allclose" in flag for flag in outcome.flags), outcome.flags
    assert executed.cells[2].source == TEST, "the probe cell is not left in the student's notebook"
